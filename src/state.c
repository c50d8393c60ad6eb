/* state: views, revision data, and the state file of incremental builds.
 *
 * Memory: a view is a new document owned by the caller; the state owns
 * its entries and the jobs state_select moved out of the caller's list. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <hb.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <pango/pango.h>

#include "diag.h"
#include "files.h"
#include "load.h"
#include "pipeline.h"
#include "progress.h"
#include "state.h"
#include "strv.h"
#include "transform.h"
#include "xml.h"

/* the revision attributes a view's root may carry (doc/model.md) */
static const char *const revision_attrs[] = {
	"revision", "revision-date", "uncommitted", "changed-since-approval"
};

void
state_sha256(const void *data, gsize len, char hex[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);

	g_checksum_update(c, data, (gssize)len);
	g_strlcpy(hex, g_checksum_get_string(c), 65);
	g_checksum_free(c);
}

/* ---- views ---------------------------------------------------------------- */

/* FILE of a "FILE:LINE" reference, or NULL. Caller frees. */
static char *
src_file(const char *src)
{
	const char *colon = src ? strrchr(src, ':') : NULL;

	return colon != NULL && colon > src ? g_strndup(src, (gsize)(colon -
	    src)) : NULL;
}

/* The source file names of the risks, policies and organization-defined
 * controls of the model, by id: what a reference to them shows. */
typedef struct targets {
	GHashTable *risk, *policy, *control;   /* id -> file (owned) */
} targets;

static void
index_targets(xmlNode *root, targets *t)
{
	t->risk = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	t->policy = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    g_free);
	t->control = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    g_free);
	FOR_ELEMENTS(r, xml_first(root, "risks"), "risk")
		if (xml_prop(r, "id") != NULL)
			g_hash_table_replace(t->risk, (gpointer)xml_prop(r, "id"),
			    src_file(xml_prop(r, "src")));
	FOR_ELEMENTS(p, xml_first(root, "policies"), "policy")
		if (xml_prop(p, "id") != NULL)
			g_hash_table_replace(t->policy,
			    (gpointer)xml_prop(p, "id"),
			    src_file(xml_prop(p, "src")));
	FOR_ELEMENTS(th, xml_first(root, "controls"), "theme")
		FOR_ELEMENTS(c, th, "control")
			if (xml_prop(c, "custom") != NULL && xml_prop(c, "id"))
				g_hash_table_replace(t->control,
				    (gpointer)xml_prop(c, "id"),
				    src_file(xml_prop(c, "src")));
}

static void
free_targets(targets *t)
{
	g_hash_table_destroy(t->risk);
	g_hash_table_destroy(t->policy);
	g_hash_table_destroy(t->control);
}

/* Add to files the source file of n, of every element under it, and of
 * what they refer to. */
static void
collect_sources(const xmlNode *n, const targets *t, GHashTable *files)
{
	const char *src = xml_prop(n, "src");
	const char *ref = xml_prop(n, "ref");
	const char *target = NULL;

	if (src != NULL) {
		const char *colon = strrchr(src, ':');
		gsize len = colon != NULL ? (gsize)(colon - src) : 0;
		/* most elements share their parent's file: look before
		 * allocating */
		char *f = len > 0 ? g_strndup(src, len) : NULL;
		if (f != NULL && !g_hash_table_contains(files, f))
			g_hash_table_add(files, f);
		else
			g_free(f);
	}
	if (ref != NULL && xml_is(n, "risk"))
		target = g_hash_table_lookup(t->risk, ref);
	else if (ref != NULL && xml_is(n, "policy"))
		target = g_hash_table_lookup(t->policy, ref);
	else if (ref != NULL && xml_is(n, "control"))
		target = g_hash_table_lookup(t->control, ref);
	if (target != NULL && !g_hash_table_contains(files, target))
		g_hash_table_add(files, g_strdup(target));
	for (const xmlNode *k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			collect_sources(k, t, files);
}

/* The path of a source file below dir (its name minus "dir/"). */
static const char *
relative(const char *dir, const char *name)
{
	if (dir == NULL || strcmp(dir, ".") == 0)
		return name;
	char *probe = g_build_filename(dir, "x", NULL);
	size_t n = strlen(probe) - 1;
	const char *rel = strncmp(name, probe, n) == 0 ? name + n : name;

	g_free(probe);
	return rel;
}

/* The approval attributes of the root of a policy's source file at
 * commit, as one string. */
static int
approval_at(git_repo *repo, const char *commit, const char *rel,
    char **attrs)
{
	GBytes *b = git_blob(repo, commit, rel);
	static const char *const names[] = { "version", "approver", "approved" };

	if (b == NULL)
		return -1;
	/* an old revision need not parse: it is then taken as different,
	 * and its problems are not this build's to report */
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, NULL);
	gsize len;
	const char *d = g_bytes_get_data(b, &len);
	xmlDocPtr doc = xmlReadMemory(d, (int)len, rel, NULL,
	    load_parse_options() | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	g_bytes_unref(b);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	GString *s = g_string_new(NULL);
	for (size_t i = 0; root != NULL && i < G_N_ELEMENTS(names); i++) {
		const char *v = xml_prop(root, names[i]);
		g_string_append_printf(s, "%s=%s\n", names[i], v ? v : "");
	}
	xmlFreeDoc(doc);
	*attrs = g_string_free(s, FALSE);
	return root != NULL ? 0 : -1;
}

/* Whether a committed, approved policy's file changed after the commit
 * that set its approval (version, approver, approval date): its last
 * commit, dated after the approval, left them as the commit before had
 * them. A file with one commit came approved. */
static int
changed_since_approval(git_repo *repo, const xmlNode *policy,
    const char *rel)
{
	const char *approved = xml_prop(policy, "approved");
	git_commit c[2];
	char date[11];

	if (approved == NULL || git_changes(repo, rel, c, 2) < 2)
		return 0;
	git_date(c[0].time, date);
	if (strcmp(date, approved) <= 0)
		return 0;
	char *now = NULL, *before = NULL;
	int changed = approval_at(repo, c[0].hash, rel, &now) == 0 &&
	    approval_at(repo, c[1].hash, rel, &before) == 0 &&
	    strcmp(now, before) == 0;
	g_free(now);
	g_free(before);
	return changed;
}

static int
is_revision_attr(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(revision_attrs); i++)
		if (strcmp(name, revision_attrs[i]) == 0)
			return 1;
	return 0;
}

static void
unset_revision(xmlNode *root)
{
	for (size_t i = 0; i < G_N_ELEMENTS(revision_attrs); i++)
		xmlUnsetProp(root, (const xmlChar *)revision_attrs[i]);
}

/* Revision data of a set of files as name/value pairs (NULL-terminated
 * strv): revision and revision-date of the newest last change,
 * uncommitted. */
static char **
revision_of(git_repo *repo, const char *dir, GPtrArray *files)
{
	GPtrArray *kv = g_ptr_array_new();
	git_commit best = { .time = -1 }, c;
	int uncommitted = 0;

	for (guint i = 0; repo != NULL && i < files->len; i++) {
		const char *rel = relative(dir, files->pdata[i]);
		uncommitted |= git_uncommitted(repo, rel);
		if (git_changes(repo, rel, &c, 1) > 0 && (c.time > best.time ||
		    (c.time == best.time && strcmp(c.hash, best.hash) > 0)))
			best = c;
	}
	if (best.time >= 0) {
		char date[11];
		git_date(best.time, date);
		g_ptr_array_add(kv, g_strdup("revision"));
		g_ptr_array_add(kv, g_strdup(best.short_hash));
		g_ptr_array_add(kv, g_strdup("revision-date"));
		g_ptr_array_add(kv, g_strdup(date));
	}
	if (uncommitted) {
		g_ptr_array_add(kv, g_strdup("uncommitted"));
		g_ptr_array_add(kv, g_strdup("yes"));
	}
	g_ptr_array_add(kv, NULL);
	return (char **)g_ptr_array_free(kv, FALSE);
}

/* The model's parts, each hashed and with its source files: the root's
 * element children and each policy. Made once for all the jobs. */
typedef struct part {
	char sha[65];
	gint64 size;               /* of its text: a measure of its work */
	GHashTable *files;         /* char * (owned) */
} part;

static void
part_free(gpointer p)
{
	part *x = p;

	g_hash_table_destroy(x->files);
	g_free(x);
}

/* The attributes of n as text, the root's revision data left out. */
static void
append_attrs(GString *s, const xmlNode *n, int skip_revision)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		const char *v = a->children && a->children->content ?
		    (const char *)a->children->content : "";
		if (skip_revision && is_revision_attr((const char *)a->name))
			continue;
		g_string_append_printf(s, "%s=%s%c", (const char *)a->name, v,
		    0);
	}
	g_string_append_c(s, '\n');
}

/* Append n and its subtree to s, each node as its kind, its name, its
 * attributes and its text, each string ended by a NUL byte (which no XML
 * text holds), so that two different trees never give the same bytes. */
static void
serialise(GString *s, const xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		g_string_append_c(s, (char)('A' + n->type));
		if (n->type == XML_ELEMENT_NODE) {
			g_string_append_len(s, (const char *)n->name,
			    (gssize)strlen((const char *)n->name) + 1);
			for (const xmlAttr *a = n->properties; a != NULL;
			    a = a->next) {
				const xmlChar *v = a->children ?
				    a->children->content : NULL;
				g_string_append_c(s, '@');
				g_string_append_len(s, (const char *)a->name,
				    (gssize)strlen((const char *)a->name) + 1);
				g_string_append_len(s, v ? (const char *)v : "",
				    v ? (gssize)strlen((const char *)v) + 1 : 1);
			}
			serialise(s, n->children);
			g_string_append_c(s, ')');
		} else if (n->content != NULL) {
			g_string_append_len(s, (const char *)n->content,
			    (gssize)strlen((const char *)n->content) + 1);
		} else {
			g_string_append_c(s, 0);
		}
	}
}

/* The hash of n (serialise) into sha; returns the length hashed. */
static gint64
hash_node(xmlNode *n, char sha[65])
{
	GString *s = g_string_sized_new(4096);
	xmlNode *next = n->next;

	n->next = NULL;            /* n alone, not its siblings */
	serialise(s, n);
	n->next = next;
	state_sha256(s->str, s->len, sha);
	gint64 len = (gint64)s->len;
	g_string_free(s, TRUE);
	return len;
}

/* node -> part; the policies element's hash is made of its attributes
 * and its policies' hashes, its files are theirs. */
static GHashTable *
index_parts(xmlNode *root)
{
	GHashTable *parts = g_hash_table_new_full(NULL, NULL, NULL, part_free);
	targets t;

	index_targets(root, &t);
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		part *p = g_new0(part, 1);
		p->files = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, NULL);
		g_hash_table_insert(parts, n, p);
		if (!xml_is(n, "policies")) {
			p->size = hash_node(n, p->sha);
			collect_sources(n, &t, p->files);
			continue;
		}
		GString *s = g_string_new("policies\n");
		append_attrs(s, n, 0);
		FOR_ELEMENTS(k, n, "policy") {
			part *q = g_new0(part, 1);
			q->files = g_hash_table_new_full(g_str_hash, g_str_equal,
			    g_free, NULL);
			q->size = hash_node(k, q->sha);
			p->size += q->size;
			collect_sources(k, &t, q->files);
			g_hash_table_insert(parts, k, q);
			g_string_append_printf(s, "%s\n", q->sha);
			GHashTableIter it;
			gpointer f;
			g_hash_table_iter_init(&it, q->files);
			while (g_hash_table_iter_next(&it, &f, NULL))
				if (!g_hash_table_contains(p->files, f))
					g_hash_table_add(p->files, g_strdup(f));
		}
		state_sha256(s->str, s->len, p->sha);
		g_string_free(s, TRUE);
	}
	free_targets(&t);
	return parts;
}

/* The root's children a view keeps (NULL: all), or for a policy its
 * organization. */
static const char *const *
view_parts(const char *kind, const char *policy)
{
	static const char *const soa[] = { "organization", "controls", NULL };
	static const char *const rtp[] = { "organization", "risk-methodology",
		"risks", NULL };
	static const char *const pol[] = { "organization", NULL };

	if (kind == NULL)
		return NULL;
	if (strcmp(kind, "soa") == 0)
		return soa;
	if (strcmp(kind, "rtp") == 0)
		return rtp;
	if (strcmp(kind, "policy") == 0 && policy != NULL)
		return pol;
	return NULL;
}

static xmlNode *
find_policy(xmlNode *root, const char *id)
{
	FOR_ELEMENTS(p, xml_first(root, "policies"), "policy")
		if (g_strcmp0(xml_prop(p, "id"), id) == 0)
			return p;
	return NULL;
}

static void
add_files(GHashTable *to, const part *p)
{
	GHashTableIter it;
	gpointer f;

	g_hash_table_iter_init(&it, p->files);
	while (g_hash_table_iter_next(&it, &f, NULL))
		g_hash_table_add(to, f);       /* borrowed */
}

/* One job: its files, revision data and digest. */
static void
describe(const isms *m, job *j, GHashTable *parts)
{
	xmlNode *root = xmlDocGetRootElement(m->model);
	const source_set *set = m->sources;
	const char *const *keep = view_parts(j->kind, j->policy);
	int is_policy = keep != NULL && strcmp(j->kind, "policy") == 0;
	GHashTable *files = g_hash_table_new(g_str_hash, g_str_equal);
	GString *d = g_string_new(NULL);

	g_string_append_printf(d, "%s%c%s%c%s%c", j->kind ? j->kind : "", 0,
	    j->policy ? j->policy : "", 0, j->out, 0);
	append_attrs(d, root, 1);
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		int kept = keep == NULL;
		for (const char *const *k = keep; k && *k && !kept; k++)
			kept = xml_is(n, *k) && xml_first(root, *k) == n;
		part *p = g_hash_table_lookup(parts, n);
		if (!kept)
			continue;
		if (p == NULL) {       /* not an element: as it is */
			xmlBufferPtr b = xmlBufferCreate();
			xmlNodeDump(b, m->model, n, 0, 0);
			g_string_append_len(d, (const char *)xmlBufferContent(b),
			    xmlBufferLength(b));
			xmlBufferFree(b);
			continue;
		}
		g_string_append_printf(d, "%s %s\n", (const char *)n->name,
		    p->sha);
		add_files(files, p);
		j->cost += p->size;
	}
	xmlNode *pol = is_policy ? find_policy(root, j->policy) : NULL;
	if (is_policy) {
		xmlNode *pols = xml_first(root, "policies");
		g_string_append(d, "policies\n");
		if (pols != NULL)
			append_attrs(d, pols, 0);
		part *p = pol ? g_hash_table_lookup(parts, pol) : NULL;
		if (p != NULL) {
			g_string_append_printf(d, "policy %s\n", p->sha);
			add_files(files, p);
			j->cost += p->size;
		}
	}

	GPtrArray *sorted = g_ptr_array_new();
	GHashTableIter it;
	gpointer f;
	g_hash_table_iter_init(&it, files);
	while (g_hash_table_iter_next(&it, &f, NULL))
		g_ptr_array_add(sorted, f);
	g_ptr_array_sort(sorted, strv_compare);
	git_repo *repo = m->repo;
	j->revision = revision_of(repo, set->dir, sorted);
	if (pol != NULL && repo != NULL) {
		char *own = src_file(xml_prop(pol, "src"));
		const char *rel = own ? relative(set->dir, own) : NULL;
		if (rel != NULL && !git_uncommitted(repo, rel) &&
		    changed_since_approval(repo, pol, rel)) {
			guint n = g_strv_length(j->revision);
			j->revision = g_renew(char *, j->revision, n + 3);
			j->revision[n] = g_strdup("changed-since-approval");
			j->revision[n + 1] = g_strdup("yes");
			j->revision[n + 2] = NULL;
		}
		g_free(own);
	}
	for (char **kv = j->revision; kv[0] != NULL; kv += 2)
		g_string_append_printf(d, "%s=%s%c", kv[0], kv[1], 0);
	state_sha256(d->str, d->len, j->digest);
	j->sources = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < sorted->len; i++)
		g_ptr_array_add(j->sources, g_strdup(sorted->pdata[i]));
	g_ptr_array_free(sorted, TRUE);
	g_hash_table_destroy(files);
	g_string_free(d, TRUE);
}

void
state_describe(const isms *m, GPtrArray *jobs)
{
	GHashTable *parts = index_parts(xmlDocGetRootElement(m->model));

	for (guint i = 0; i < jobs->len; i++)
		describe(m, jobs->pdata[i], parts);
	g_hash_table_destroy(parts);
}

xmlDocPtr
state_view(const isms *m, const job *j)
{
	xmlNode *mroot = xmlDocGetRootElement(m->model);
	const char *const *keep = view_parts(j->kind, j->policy);
	xmlDocPtr view = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlDocCopyNode(mroot, view, keep ? 2 : 1);

	xmlDocSetRootElement(view, root);
	for (xmlNode *n = mroot->children; keep != NULL && n != NULL;
	    n = n->next) {
		int kept = 0;
		for (const char *const *k = keep; *k && !kept; k++)
			kept = xml_is(n, *k) && xml_first(mroot, *k) == n;
		if (kept)
			xmlAddChild(root, xmlDocCopyNode(n, view, 1));
	}
	if (keep != NULL && strcmp(j->kind, "policy") == 0) {
		xmlNode *pols = xml_first(mroot, "policies");
		xmlNode *pol = find_policy(mroot, j->policy);
		if (pols != NULL) {
			xmlNode *vp = xmlDocCopyNode(pols, view, 2);
			xmlAddChild(root, vp);
			if (pol != NULL)
				xmlAddChild(vp, xmlDocCopyNode(pol, view, 1));
		}
	}
	unset_revision(root);
	for (char **kv = j->revision; kv != NULL && kv[0] != NULL; kv += 2)
		xml_set(root, kv[0], kv[1]);
	return view;
}

void
state_annotate(xmlDocPtr model, const char *dir, GPtrArray *names,
    git_repo *repo)
{
	xmlNode *root = xmlDocGetRootElement(model);
	git_commit head;
	int uncommitted = 0;

	unset_revision(root);
	if (repo == NULL)
		return;
	if (git_head(repo, &head)) {
		char date[11];
		git_date(head.time, date);
		xml_set(root, "revision", head.short_hash);
		xml_set(root, "revision-date", date);
	}
	for (guint i = 0; i < names->len; i++)
		uncommitted |= git_uncommitted(repo, relative(dir,
		    names->pdata[i]));
	if (uncommitted)
		xml_set(root, "uncommitted", "yes");
}

/* ---- the state file ------------------------------------------------------- */

typedef struct file_entry {
	char *rel;                 /* below the data folder */
	gint64 size, mtime, ctime, ino;   /* 0 times: not to be trusted */
	char sha[65];
} file_entry;

typedef struct doc_entry {
	char *name, *out, *title;
	char key[65], sha[65];
	gint64 size;
	int pages;
	GPtrArray *sources;        /* char * */
} doc_entry;

struct state {
	char *outdir, *path, *stamp;
	int force;
	gint64 file_ctime;         /* of the state file, ns; 0 when none */
	char env[65];
	GHashTable *old_files;     /* rel -> file_entry * (owned) */
	GPtrArray *files;          /* file_entry *, this run (owned) */
	GHashTable *docs;          /* out -> doc_entry * (owned) */
	GBytes *old;               /* the state file as read, or NULL */
	GPtrArray *fresh;          /* job *, moved out by state_select */
	char *input;               /* fingerprint to record, or NULL */
	char *said;                /* what loading the sources printed */
	int counted;               /* the notes and warnings it counted */
	char *old_input, *old_said;   /* those recorded, or NULL */
	char *datadir;
	int env_ready;             /* env and files hashed */
	GPtrArray *jobs;           /* state_begin's, keyed by state_work */
};

static void
file_entry_free(gpointer p)
{
	file_entry *f = p;

	g_free(f->rel);
	g_free(f);
}

static void
doc_entry_free(gpointer p)
{
	doc_entry *d = p;

	g_free(d->name);
	g_free(d->out);
	g_free(d->title);
	g_ptr_array_free(d->sources, TRUE);
	g_free(d);
}

static gint64
ns(const struct timespec *t)
{
	return (gint64)t->tv_sec * G_GINT64_CONSTANT(1000000000) + t->tv_nsec;
}

static int
is_hex64(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (const char *p = s; *p; p++)
		if (!g_ascii_isxdigit(*p))
			return 0;
	return 1;
}

/* Parse the state file; anything unexpected ends the reading (what was
 * read so far is kept: a damaged file costs rebuilds, never wrong
 * skips, as every entry is checked on its own). */
static void
parse_state(state *st, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	doc_entry *cur = NULL;

	if (lines[0] == NULL || strcmp(lines[0], "ismsc-state 1") != 0) {
		g_strfreev(lines);
		return;
	}
	for (char **l = lines + 1; *l != NULL && **l != '\0'; l++) {
		char **f = g_strsplit(*l, " ", 7);
		guint n = g_strv_length(f);
		if (strcmp(f[0], "file") == 0 && n == 7 && is_hex64(f[5])) {
			file_entry *e = g_new0(file_entry, 1);
			e->size = g_ascii_strtoll(f[1], NULL, 10);
			e->mtime = g_ascii_strtoll(f[2], NULL, 10);
			e->ctime = g_ascii_strtoll(f[3], NULL, 10);
			e->ino = g_ascii_strtoll(f[4], NULL, 10);
			g_strlcpy(e->sha, f[5], sizeof(e->sha));
			e->rel = g_strcompress(f[6]);
			g_hash_table_replace(st->old_files, e->rel, e);
		} else if (strcmp(f[0], "doc") == 0 && n == 7 &&
		    is_hex64(f[2]) && is_hex64(f[3])) {
			cur = g_new0(doc_entry, 1);
			cur->name = g_strdup(f[1]);
			g_strlcpy(cur->key, f[2], sizeof(cur->key));
			g_strlcpy(cur->sha, f[3], sizeof(cur->sha));
			cur->size = g_ascii_strtoll(f[4], NULL, 10);
			cur->pages = atoi(f[5]);
			cur->out = g_strcompress(f[6]);
			cur->sources = g_ptr_array_new_with_free_func(g_free);
			g_hash_table_replace(st->docs, cur->out, cur);
		} else if (strcmp(f[0], "source") == 0 && n >= 2 && cur) {
			char *rest = strchr(*l, ' ') + 1;
			g_ptr_array_add(cur->sources, g_strcompress(rest));
		} else if (strcmp(f[0], "title") == 0 && n >= 2 && cur) {
			g_free(cur->title);
			cur->title = g_strcompress(strchr(*l, ' ') + 1);
		} else if (strcmp(f[0], "input") == 0 && n == 2 &&
		    is_hex64(f[1])) {
			g_free(st->old_input);
			st->old_input = g_strdup(f[1]);
		} else if (strcmp(f[0], "said") == 0 && n >= 2) {
			g_free(st->old_said);
			st->old_said = g_strcompress(strchr(*l, ' ') + 1);
		} else if (strcmp(f[0], "env") != 0) {
			g_strfreev(f);
			break;
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
}

int
state_hash_file(const char *path, gint64 max, char hex[65])
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	int rc = -1;

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (max == 0 || sb.st_size <= max)) {
		GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
		guchar buf[65536];
		ssize_t n;
		while ((n = read(fd, buf, sizeof(buf))) > 0 ||
		    (n < 0 && errno == EINTR))
			if (n > 0)
				g_checksum_update(c, buf, n);
		if (n == 0) {
			g_strlcpy(hex, g_checksum_get_string(c), 65);
			rc = 0;
		}
		g_checksum_free(c);
	}
	close(fd);
	return rc;
}

GPtrArray *
state_data_files(const char *datadir)
{
	static const char *const folders[] = { "schema", "stylesheets",
		"fonts" };
	GPtrArray *rels = g_ptr_array_new_with_free_func(g_free);

	for (size_t i = 0; i < G_N_ELEMENTS(folders); i++)
		files_below(datadir, folders[i], rels);
	g_ptr_array_sort(rels, strv_compare);
	return rels;
}

void
state_versions(GString *s)
{
	g_string_append_printf(s, "ismsc %s\npango %s\ncairo %s\n"
	    "harfbuzz %s\nlibxml2 %s\nlibxslt %s\nfontconfig %d\nglib %u.%u.%u\n",
	    ISMSC_VERSION, pango_version_string(), cairo_version_string(),
	    hb_version_string(), xmlParserVersion, xsltEngineVersion,
	    FcGetVersion(), glib_major_version, glib_minor_version,
	    glib_micro_version);
}

/* Take the metadata of a data file (full, e->rel below the data folder)
 * into e; if the state file records the same, not changed since it was
 * written, its hash too. Returns whether it did. */
static int
data_file_known(const state *st, const char *full, file_entry *e)
{
	const file_entry *old = g_hash_table_lookup(st->old_files, e->rel);
	struct stat sb;

	if (stat(full, &sb) == 0) {
		e->size = sb.st_size;
		e->mtime = ns(&sb.st_mtim);
		e->ctime = ns(&sb.st_ctim);
		e->ino = (gint64)sb.st_ino;
	}
	if (old == NULL || old->mtime == 0 || old->size != e->size ||
	    old->mtime != e->mtime || old->ctime != e->ctime ||
	    old->ino != e->ino || e->ctime >= st->file_ctime)
		return 0;
	memcpy(e->sha, old->sha, sizeof(e->sha));
	return 1;
}

/* The data files' entries, and from them and the versions of ismsc and
 * its libraries the environment's hash. A file whose size, times and
 * inode are those recorded, last changed before the state file was
 * written, is not read again. One changed a moment ago is recorded
 * without its times, so it is read again next time. */
static void
hash_environment(state *st, const char *datadir)
{
	GPtrArray *rels = state_data_files(datadir);
	GString *env = g_string_new(NULL);
	gint64 now = g_get_real_time() * 1000;  /* racy-file guard only */

	state_versions(env);
	transform_describe_user_dir(env);     /* --stylesheets DIR */
	for (guint i = 0; i < rels->len; i++) {
		const char *rel = rels->pdata[i];
		char *full = g_build_filename(datadir, rel, NULL);
		file_entry *e = g_new0(file_entry, 1);
		e->rel = g_strdup(rel);
		if (data_file_known(st, full, e)) {
		} else if (state_hash_file(full, 0, e->sha) != 0) {
			g_strlcpy(e->sha, "unreadable", sizeof(e->sha));
		}
		if (e->ctime > now - G_GINT64_CONSTANT(2000000000) ||
		    e->mtime > now - G_GINT64_CONSTANT(2000000000))
			e->mtime = e->ctime = 0;
		g_string_append_printf(env, "%s  %s\n", e->sha, rel);
		g_ptr_array_add(st->files, e);
		g_free(full);
	}
	state_sha256(env->str, env->len, st->env);
	g_string_free(env, TRUE);
	g_ptr_array_free(rels, TRUE);
}

/* The state file of outdir as it is (a missing or unreadable one is
 * empty), without the data files' entries of this run. */
static state *
state_read(const char *outdir)
{
	state *st = g_new0(state, 1);
	char *text;
	gsize len;
	struct stat sb;

	st->outdir = g_strdup(outdir);
	st->path = g_build_filename(outdir, STATE_FILE, NULL);
	st->old_files = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    file_entry_free);
	st->files = g_ptr_array_new_with_free_func(file_entry_free);
	st->docs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    doc_entry_free);
	st->fresh = g_ptr_array_new();
	if (stat(st->path, &sb) == 0 && g_file_get_contents(st->path, &text,
	    &len, NULL)) {
		st->file_ctime = ns(&sb.st_ctim);
		st->old = g_bytes_new_take(text, len);
		if (memchr(text, '\0', len) == NULL)
			parse_state(st, text);
	}
	return st;
}

static void
ensure_environment(state *st)
{
	if (!st->env_ready)
		hash_environment(st, st->datadir);
	st->env_ready = 1;
}

state *
state_open(const char *outdir, const char *datadir, const char *stamp,
    int force)
{
	state *st = state_read(outdir);

	st->stamp = g_strdup(stamp);
	st->force = force;
	st->datadir = g_strdup(datadir);
	/* with nothing that could be up to date, the data files are hashed
	 * when the keys are first needed (state_work) */
	if (!force && g_hash_table_size(st->docs) > 0)
		ensure_environment(st);
	return st;
}

/* Whether the output of a state entry is there as the state file
 * recorded it: a regular file of its size, not changed after the state
 * file was written (the rule of state_fresh, short of reading it). */
static int
output_kept(const state *st, const doc_entry *e)
{
	char *path = g_build_filename(st->outdir, e->out, NULL);
	struct stat sb;
	int ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == e->size && ns(&sb.st_ctim) <= st->file_ctime;

	g_free(path);
	return ok;
}

int
state_unchanged(const char *outdir, const char *input, char **said)
{
	state *st = state_read(outdir);
	int same = st->old_input != NULL && strcmp(st->old_input, input) == 0;
	GHashTableIter it;
	gpointer e;

	/* the data files, each as recorded (their content hashes are in the
	 * recorded environment) */
	if (same) {
		char *data = pipeline_datadir();
		GPtrArray *rels = state_data_files(data);
		same = rels->len == g_hash_table_size(st->old_files);
		for (guint i = 0; same && i < rels->len; i++) {
			char *full = g_build_filename(data, rels->pdata[i], NULL);
			file_entry f = { .rel = rels->pdata[i] };
			same = data_file_known(st, full, &f);
			g_free(full);
		}
		g_ptr_array_free(rels, TRUE);
		g_free(data);
	}
	g_hash_table_iter_init(&it, st->docs);
	while (same && g_hash_table_iter_next(&it, NULL, &e))
		same = output_kept(st, e);
	*said = same ? g_strdup(st->old_said ? st->old_said : "") : NULL;
	state_free(st);
	return same;
}

void
state_set_input(state *st, const char *input, const char *said)
{
	g_free(st->input);
	g_free(st->said);
	st->input = g_strdup(input);
	st->said = g_strdup(said);
	st->counted = diag_count(DIAG_NOTE) + diag_count(DIAG_WARNING);
}

void
state_free(state *st)
{
	if (st == NULL)
		return;
	g_hash_table_destroy(st->old_files);
	g_ptr_array_free(st->files, TRUE);
	g_hash_table_destroy(st->docs);
	if (st->old != NULL)
		g_bytes_unref(st->old);
	for (guint i = 0; i < st->fresh->len; i++)
		pipeline_job_free(st->fresh->pdata[i]);
	g_ptr_array_free(st->fresh, TRUE);
	g_free(st->datadir);
	g_free(st->input);
	g_free(st->said);
	g_free(st->old_input);
	g_free(st->old_said);
	g_free(st->outdir);
	g_free(st->path);
	g_free(st->stamp);
	g_free(st);
}

void
state_key(state *st, const char *name, const void *data, gsize len,
    char key[65])
{
	ensure_environment(st);
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const char *head[] = { "ismsc-key 1", st->env, st->stamp, name };

	for (size_t i = 0; i < G_N_ELEMENTS(head); i++)
		g_checksum_update(c, (const guchar *)head[i],
		    (gssize)strlen(head[i]) + 1);
	g_checksum_update(c, data, (gssize)len);
	g_strlcpy(key, g_checksum_get_string(c), 65);
	g_checksum_free(c);
}

/* The key of a job: the environment, the build date, its name and its
 * digest (everything its view holds). */
static void
job_key(state *st, job *j)
{
	state_key(st, j->name, j->digest, strlen(j->digest), j->key);
}

int
state_fresh(state *st, const char *out, const char *key, char sha[65],
    gint64 *size, int *pages, char **title)
{
	doc_entry *e = g_hash_table_lookup(st->docs, out);
	struct stat sb;
	char have[65];

	if (st->force || e == NULL || strcmp(e->key, key) != 0)
		return 0;
	char *path = g_build_filename(st->outdir, out, NULL);
	int ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == e->size;
	/* changed after the state file was written: check its content */
	if (ok && ns(&sb.st_ctim) > st->file_ctime)
		ok = state_hash_file(path, 0, have) == 0 &&
		    strcmp(have, e->sha) == 0;
	g_free(path);
	if (!ok)
		return 0;
	memcpy(sha, e->sha, 65);
	*size = e->size;
	*pages = e->pages;
	if (title != NULL) {
		g_free(*title);
		*title = g_strdup(e->title);
	}
	return 1;
}

GPtrArray *
state_select(state *st, GPtrArray *jobs)
{
	/* the cost of a job: the size of its last PDF when every job has
	 * one (the same measure for all), else that of its view */
	guint known = 0;
	for (guint i = 0; i < jobs->len; i++)
		known += g_hash_table_contains(st->docs,
		    ((job *)jobs->pdata[i])->out);
	for (guint i = 0; known == jobs->len && i < jobs->len; i++) {
		job *j = jobs->pdata[i];
		j->cost = ((doc_entry *)g_hash_table_lookup(st->docs,
		    j->out))->size;
	}
	/* nothing recorded, or everything forced: none is up to date, and
	 * the keys wait for state_work */
	for (guint i = jobs->len; st->env_ready && i-- > 0;) {
		job *j = jobs->pdata[i];
		job_key(st, j);
		if (state_fresh(st, j->out, j->key, j->sha256, &j->size,
		    &j->pages, &j->title)) {
			j->fresh = 1;
			g_ptr_array_insert(st->fresh, 0,
			    g_ptr_array_steal_index(jobs, i));
		}
	}
	return st->fresh;
}

void
state_record(state *st, const char *name, const char *out, const char *key,
    const char *sha, gint64 size, int pages, const char *title,
    GPtrArray *sources, int warned)
{
	if (warned) {
		g_hash_table_remove(st->docs, out);
		return;
	}
	doc_entry *e = g_new0(doc_entry, 1);
	e->name = g_strdup(name);
	e->out = g_strdup(out);
	g_strlcpy(e->key, key, sizeof(e->key));
	g_strlcpy(e->sha, sha, sizeof(e->sha));
	e->size = size;
	e->pages = pages;
	e->title = g_strdup(title);
	e->sources = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; sources != NULL && i < sources->len; i++)
		g_ptr_array_add(e->sources, g_strdup(sources->pdata[i]));
	g_hash_table_replace(st->docs, e->out, e);
}

void
state_work(gpointer data)
{
	state *st = data;

	for (guint i = 0; st->jobs != NULL && i < st->jobs->len; i++) {
		job *j = st->jobs->pdata[i];
		if (j->key[0] == '\0')
			job_key(st, j);
	}
	ensure_environment(st);
}

void
state_record_jobs(state *st, GPtrArray *jobs)
{
	for (guint i = 0; i < jobs->len; i++) {
		const job *j = jobs->pdata[i];
		state_record(st, j->name, j->out, j->key, j->sha256, j->size,
		    j->pages, j->title, j->sources, j->warned);
	}
}

static void
append_escaped(GString *s, const char *text)
{
	char *e = g_strescape(text, NULL);

	g_string_append(s, e);
	g_free(e);
}

void
state_save(state *st, pack *pk)
{
	GString *s = g_string_new("ismsc-state 1\n");

	ensure_environment(st);
	state_record_jobs(st, st->fresh);
	g_string_append_printf(s, "env %s\n", st->env);
	for (guint i = 0; i < st->files->len; i++) {
		const file_entry *f = st->files->pdata[i];
		g_string_append_printf(s, "file %" G_GINT64_FORMAT " %"
		    G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		    " %s ", f->size, f->mtime, f->ctime, f->ino, f->sha);
		append_escaped(s, f->rel);
		g_string_append_c(s, '\n');
	}
	GPtrArray *outs = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, st->docs);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(outs, k);
	g_ptr_array_sort(outs, strv_compare);
	for (guint i = 0; i < outs->len; i++) {
		const doc_entry *d = g_hash_table_lookup(st->docs,
		    outs->pdata[i]);
		g_string_append_printf(s, "doc %s %s %s %" G_GINT64_FORMAT
		    " %d ", d->name, d->key, d->sha, d->size, d->pages);
		append_escaped(s, d->out);
		g_string_append_c(s, '\n');
		if (d->title != NULL) {
			g_string_append(s, "title ");
			append_escaped(s, d->title);
			g_string_append_c(s, '\n');
		}
		for (guint k = 0; k < d->sources->len; k++) {
			g_string_append(s, "source ");
			append_escaped(s, d->sources->pdata[k]);
			g_string_append_c(s, '\n');
		}
	}
	g_ptr_array_free(outs, TRUE);
	/* the fingerprint and what loading printed, last (older readers
	 * stop there), only for a build without errors that printed nothing
	 * more: its outputs and that text are then all there is to it, and
	 * a rebuild with nothing changed may skip it whole */
	if (st->input != NULL && diag_count(DIAG_ERROR) == 0 &&
	    diag_count(DIAG_NOTE) + diag_count(DIAG_WARNING) == st->counted) {
		g_string_append_printf(s, "input %s\n", st->input);
		if (st->said != NULL && st->said[0] != '\0') {
			g_string_append(s, "said ");
			append_escaped(s, st->said);
			g_string_append_c(s, '\n');
		}
	}
	GBytes *b = g_string_free_to_bytes(s);
	if (st->old == NULL || !g_bytes_equal(b, st->old))
		pack_add(pk, STATE_FILE, b);
	g_bytes_unref(b);
}

state *
state_begin(const char *outdir, const isms *m, int force, GPtrArray *jobs)
{
	char *data = pipeline_datadir();
	state *st = state_open(outdir, data, m->stamp, force);
	guint all = jobs->len;

	g_free(data);
	state_select(st, jobs);
	st->jobs = jobs;
	/* while the documents are made, their keys (pipeline.h) */
	pipeline_set_idle(state_work, st);
	progress_note("%u of %u documents up to date", all - jobs->len, all);
	return st;
}

void
state_end(state *st, GPtrArray *jobs, pack *pk)
{
	state_work(st);
	state_record_jobs(st, jobs);
	state_save(st, pk);
}
