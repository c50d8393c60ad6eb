/* pack and verify: the audit pack an auditor receives, and its check.
 *
 * A pack is the build's documents plus
 *   index.pdf        a cover (organization, scope, date, source revision)
 *                    and a table of every document with its version,
 *                    approval state, page count and SHA-256;
 *   audit-pack.pdf   the index and every document in one PDF, each a
 *                    part (layout.rng): typeset in one run, one outline
 *                    entry per document with its headings beneath;
 *   MANIFEST.sha256  every file above, in the format `sha256sum -c`
 *                    checks;
 *   MANIFEST.sha256.sig  with --sign KEY: an SSH signature of the
 *                    manifest (ssh-keygen -Y sign, namespace ismsc-pack),
 *                    made with the keys git signs commits with.
 * Like build, pack makes only what changed (state.h): the index when a
 * document or the cover data changed, the audit pack when the index or
 * a document did; a pack with nothing changed writes nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "commands.h"
#include "csv.h"
#include "diag.h"
#include "git.h"
#include "pack.h"
#include "pipeline.h"
#include "progress.h"
#include "state.h"
#include "transform.h"
#include "xml.h"

#define MANIFEST "MANIFEST.sha256"
#define SIGNATURE MANIFEST ".sig"
#define NAMESPACE "ismsc-pack"

/* ---- the index --------------------------------------------------------- */

/* The index's input (stylesheets/index.xsl): the model's root attributes
 * and organization, and a <document> per document with what it is, its
 * revision data and its PDF's pages and hash. */
static xmlDocPtr
index_input(const isms *m, GPtrArray *order)
{
	xmlNode *mroot = xmlDocGetRootElement(m->model);
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlDocCopyNode(mroot, doc, 2);
	static const char *const policy_attrs[] = { "id", "version",
		"approved", "approved-version" };

	xmlDocSetRootElement(doc, root);
	xmlNode *org = xml_first(mroot, "organization");
	if (org != NULL)
		xmlAddChild(root, xmlDocCopyNode(org, doc, 1));
	xmlNode *docs = xml_add(root, "pack");
	for (guint i = 0; i < order->len; i++) {
		const job *j = order->pdata[i];
		xmlNode *d = xml_add(docs, "document");
		char num[32];
		xml_set(d, "name", j->name);
		xml_set(d, "kind", j->kind);
		xml_set(d, "file", j->out);
		xml_set(d, "title", j->title ? j->title : j->name);
		snprintf(num, sizeof(num), "%d", j->pages);
		xml_set(d, "pages", num);
		xml_set(d, "sha256", j->sha256);
		for (char **kv = j->revision; kv && kv[0]; kv += 2)
			xml_set(d, kv[0], kv[1]);
		if (j->policy == NULL)
			continue;
		FOR_ELEMENTS(p, xml_first(mroot, "policies"), "policy") {
			if (g_strcmp0(xml_prop(p, "id"), j->policy) != 0)
				continue;
			for (size_t k = 0; k < G_N_ELEMENTS(policy_attrs); k++)
				if (xml_prop(p, policy_attrs[k]) != NULL)
					xml_set(d, policy_attrs[k],
					    xml_prop(p, policy_attrs[k]));
		}
	}
	return doc;
}

static void
digest_doc(xmlDocPtr doc, char hex[65])
{
	xmlChar *buf;
	int len;

	xmlDocDumpMemoryEnc(doc, &buf, &len, "UTF-8");
	state_sha256(buf, (gsize)len, hex);
	xmlFree(buf);
}

/* ---- the audit pack ------------------------------------------------------ */

/* Ids and internal links of a part's layout get the part's name in front,
 * so that two documents' "section-scope" stay apart. */
static void
prefix_ids(xmlNode *n, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *attr = xml_is(n, "a") ? "to" :
		    xml_is(n, "h") || xml_is(n, "anchor") ? "id" : NULL;
		const char *v = attr ? xml_prop(n, attr) : NULL;
		if (v != NULL) {
			char *p = g_strconcat(name, ":", v, NULL);
			xml_set(n, attr, p);
			g_free(p);
		}
		prefix_ids(n->children, name);
	}
}

/* Add layout as a part of doc's root. */
static void
add_part(xmlDocPtr doc, const char *name, xmlDocPtr layout)
{
	static const char *const carried[] = { "title", "header-left",
		"header-right", "footer-left", "marker", "src" };
	xmlNode *lroot = xmlDocGetRootElement(layout);
	xmlNode *part = xml_add(xmlDocGetRootElement(doc), "part");

	for (size_t i = 0; i < G_N_ELEMENTS(carried); i++)
		if (xml_prop(lroot, carried[i]) != NULL)
			xml_set(part, carried[i], xml_prop(lroot, carried[i]));
	if (xml_prop(part, "title") == NULL)
		xml_set(part, "title", name);
	xml_set(part, "id", name);
	prefix_ids(lroot->children, name);
	for (xmlNode *c = lroot->children; c != NULL; c = c->next)
		xmlAddChild(part, xmlDocCopyNode(c, doc, 1));
}

/* The layout of the whole pack: the index, then each document, each made
 * again by its stylesheet from its view. */
static xmlDocPtr
combine(const isms *m, GPtrArray *order, xmlDocPtr index, int *status)
{
	char *data = pipeline_datadir();
	char *xsldir = g_build_filename(data, "stylesheets", NULL);
	transform *tr = transform_new(xsldir);
	const char *org = xml_prop(xmlDocGetRootElement(m->model), "org");
	const char *rev = xml_prop(xmlDocGetRootElement(m->model), "revision");
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"document",
	    NULL);
	transform_status ts;

	xmlDocSetRootElement(doc, root);
	xml_set(root, "title", "ISMS audit pack");
	xml_set(root, "author", org ? org : "");
	char *subject = g_strdup_printf("The documents of the information "
	    "security management system%s%s%s", rev ? " at revision " : "",
	    rev ? rev : "", "");
	xml_set(root, "subject", subject);
	g_free(subject);
	xml_set(root, "keywords", "ISMS, ISO/IEC 27001:2022, audit pack");
	xml_set(root, "lang", "en-GB");
	*status = EXIT_OK;
	xmlDocPtr il = transform_apply(tr, "index", index, NULL, &ts);
	if (il != NULL) {
		/* the pack's language and branding are its index's */
		static const char *const whole[] = { "lang", "logo", "accent",
			"page-label", "continued" };
		for (size_t i = 0; i < G_N_ELEMENTS(whole); i++)
			if (xml_prop(xmlDocGetRootElement(il), whole[i]) != NULL)
				xml_set(root, whole[i], xml_prop(
				    xmlDocGetRootElement(il), whole[i]));
		add_part(doc, "index", il);
		xmlFreeDoc(il);
	}
	for (guint i = 0; il != NULL && i < order->len; i++) {
		job *j = order->pdata[i];
		const char *params[] = { "policy", j->policy, NULL };
		xmlDocPtr view = state_view(m, j);
		xmlDocPtr layout = transform_apply(tr, j->kind, view,
		    j->policy ? params : NULL, &ts);
		xmlFreeDoc(view);
		if (layout == NULL) {
			il = NULL;
			break;
		}
		add_part(doc, j->name, layout);
		xmlFreeDoc(layout);
	}
	if (il == NULL) {
		*status = ts == TRANSFORM_TERMINATED ? EXIT_TERMINATED :
		    EXIT_INTERNAL;
		xmlFreeDoc(doc);
		doc = NULL;
	}
	transform_free(tr);
	g_free(xsldir);
	g_free(data);
	return doc;
}

/* ---- manifest and signature ---------------------------------------------- */

/* A new array of the same pointers, owning none of them. */
static GPtrArray *
borrow(GPtrArray *a)
{
	GPtrArray *b = g_ptr_array_sized_new(a->len + 2);

	for (guint i = 0; i < a->len; i++)
		g_ptr_array_add(b, a->pdata[i]);
	return b;
}

static gint
by_path(gconstpointer a, gconstpointer b)
{
	const job *x = *(job *const *)a, *y = *(job *const *)b;

	return strcmp(x->out, y->out);
}

/* `sha256sum` lines ("HASH  PATH") of every file, by path. */
static GBytes *
manifest(GPtrArray *files)
{
	GPtrArray *sorted = borrow(files);
	GString *s = g_string_new(NULL);

	g_ptr_array_sort(sorted, by_path);
	for (guint i = 0; i < sorted->len; i++) {
		const job *j = sorted->pdata[i];
		g_string_append_printf(s, "%s  %s\n", j->sha256, j->out);
	}
	g_ptr_array_free(sorted, TRUE);
	return g_string_free_to_bytes(s);
}

/* The bytes of OUT/rel, or NULL. */
static GBytes *
existing(const char *outdir, const char *rel)
{
	char *path = g_build_filename(outdir, rel, NULL);
	char *data;
	gsize len;
	GBytes *b = NULL;

	if (g_file_get_contents(path, &data, &len, NULL))
		b = g_bytes_new_take(data, len);
	g_free(path);
	return b;
}

/* The first line of text, for a message. */
static char *
first_line(const char *text)
{
	const char *nl = text ? strchr(text, '\n') : NULL;

	return nl ? g_strndup(text, (gsize)(nl - text)) :
	    g_strdup(text ? text : "");
}

/* Sign the manifest with ssh-keygen -Y sign (a passphrase, if any, is
 * asked for on the terminal). Returns the signature, or NULL after
 * reporting. */
static GBytes *
sign_manifest(const char *key, GBytes *man)
{
	GError *err = NULL;
	char *tmp = g_dir_make_tmp("ismsc-sign-XXXXXX", &err);
	GBytes *sig = NULL;

	if (tmp == NULL) {
		diag_at(DIAG_ERROR, NULL, 0, 0, "cannot sign: %s", err->message);
		g_error_free(err);
		return NULL;
	}
	char *file = g_build_filename(tmp, MANIFEST, NULL);
	char *sigfile = g_strconcat(file, ".sig", NULL);
	gsize len;
	const char *d = g_bytes_get_data(man, &len);
	char *errout = NULL;
	int wait = 0;
	const char *argv[] = { "ssh-keygen", "-Y", "sign", "-f", key, "-n",
		NAMESPACE, file, NULL };
	if (g_file_set_contents(file, d ? d : "", (gssize)len, &err) &&
	    g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
	    NULL, NULL, &errout, &wait, &err) &&
	    g_spawn_check_wait_status(wait, NULL)) {
		char *s;
		gsize slen;
		if (g_file_get_contents(sigfile, &s, &slen, &err))
			sig = g_bytes_new_take(s, slen);
	}
	if (sig == NULL) {
		char *why = err ? g_strdup(err->message) : first_line(errout);
		diag_at(DIAG_ERROR, key, 0, 0, "cannot sign the manifest with "
		    "this key (ssh-keygen -Y sign): %s", why);
		g_free(why);
	}
	if (err != NULL)
		g_error_free(err);
	g_free(errout);
	g_unlink(sigfile);
	g_unlink(file);
	g_rmdir(tmp);
	g_free(sigfile);
	g_free(file);
	g_free(tmp);
	return sig;
}

/* ---- pack ------------------------------------------------------------------- */

/* Make (or find up to date) a made-up output: job j with its view or
 * layout set, keyed by digest. */
static int
make_extra(const isms *m, state *st, job *j, const char *digest, pack *pk)
{
	state_key(st, j->name, digest, strlen(digest), j->key);
	if (state_fresh(st, j->out, j->key, j->sha256, &j->size, &j->pages,
	    &j->title)) {
		j->fresh = 1;
		return EXIT_OK;
	}
	GPtrArray *one = g_ptr_array_new();
	g_ptr_array_add(one, j);
	int status = pipeline_render(m, one, DUMP_NONE, pk);
	g_ptr_array_free(one, TRUE);
	return status;
}

int
cmd_pack(int argc, char **argv)
{
	char *out = NULL, *key = NULL;
	gboolean force = FALSE;
	int njobs = JOBS_DEFAULT;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the pack into OUT (default: ./out)", "OUT" },
		{ "force", 0, 0, G_OPTION_ARG_NONE, &force,
		  "make every document again, even those up to date", NULL },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &njobs,
		  "make N documents at once, each in a process of its own "
		  "(default: the number of processors online)", "N" },
		{ "sign", 0, 0, G_OPTION_ARG_FILENAME, &key,
		  "sign the manifest with the SSH key KEY (ssh-keygen -Y sign)",
		  "KEY" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("[DIR]");
	int status;
	isms m;

	g_option_context_set_summary(oc,
	    "Build every document of the ISMS in DIR into OUT and add the "
	    "audit pack:\nindex.pdf, audit-pack.pdf (all documents in one PDF) "
	    "and MANIFEST.sha256\n(checked with `sha256sum -c MANIFEST.sha256` "
	    "or `ismsc verify OUT`).");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	if ((status = jobs_option(njobs, "pack")) != EXIT_OK)
		goto done;
	const char *dir = source_dir(argc, argv, "pack");
	if (dir == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	if (out == NULL)
		out = g_strdup("out");
	if ((status = pipeline_load(dir, out, &m)) != EXIT_OK)
		goto done;
	if (xml_prop(xmlDocGetRootElement(m.model), "uncommitted") != NULL)
		diag_at(DIAG_WARNING, dir, 0, 0, "the sources have uncommitted "
		    "changes: the documents made from them are marked DRAFT");

	GPtrArray *jobs = pipeline_jobs(&m, NULL);
	GPtrArray *order = borrow(jobs);
	pack *pk = pack_new(out);
	state *st = state_begin(out, &m, force, jobs);
	job *index = pipeline_job_new("index", "index", NULL,
	    g_strdup("index.pdf"));
	job *whole = pipeline_job_new("audit-pack", NULL, NULL,
	    g_strdup("audit-pack.pdf"));
	GBytes *man = NULL, *sig = NULL, *old_man = NULL, *old_sig = NULL;
	char digest[65];

	if (diag_count(DIAG_ERROR) > 0)
		status = EXIT_SOURCE;
	if (status == EXIT_OK)
		status = pipeline_render(&m, jobs, DUMP_NONE, pk);
	if (status == EXIT_OK)
		csv_add(pk, m.model, jobs);
	/* the index, from the documents' hashes and page counts */
	if (status == EXIT_OK) {
		index->view = index_input(&m, order);
		digest_doc(index->view, digest);
		status = make_extra(&m, st, index, digest, pk);
	}
	/* the audit pack, from the index and every document */
	if (status == EXIT_OK) {
		GString *s = g_string_new(index->key);
		for (guint i = 0; i < order->len; i++)
			g_string_append_printf(s, " %s",
			    ((job *)order->pdata[i])->key);
		state_sha256(s->str, s->len, digest);
		g_string_free(s, TRUE);
		state_key(st, whole->name, digest, strlen(digest), whole->key);
		if (state_fresh(st, whole->out, whole->key, whole->sha256,
		    &whole->size, &whole->pages, &whole->title)) {
			whole->fresh = 1;
		} else {
			whole->layout = combine(&m, order, index->view, &status);
			if (status == EXIT_OK)
				status = make_extra(&m, st, whole, digest, pk);
		}
	}
	if (status == EXIT_OK && diag_count(DIAG_ERROR) > 0)
		status = EXIT_SOURCE;
	/* the manifest of it all, signed when asked */
	if (status == EXIT_OK) {
		GPtrArray *files = borrow(order);
		g_ptr_array_add(files, index);
		g_ptr_array_add(files, whole);
		man = manifest(files);
		g_ptr_array_free(files, TRUE);
		old_man = existing(out, MANIFEST);
		old_sig = existing(out, SIGNATURE);
		if (old_man == NULL || !g_bytes_equal(man, old_man))
			pack_add(pk, MANIFEST, man);
		if (key != NULL && (sig = sign_manifest(key, man)) == NULL)
			status = EXIT_IO;
		if (sig != NULL && (old_sig == NULL ||
		    !g_bytes_equal(sig, old_sig)))
			pack_add(pk, SIGNATURE, sig);
	}
	if (status == EXIT_OK) {
		state_record(st, index->name, index->out, index->key,
		    index->sha256, index->size, index->pages, index->title,
		    NULL, index->warned);
		state_record(st, whole->name, whole->out, whole->key,
		    whole->sha256, whole->size, whole->pages, whole->title,
		    NULL, whole->warned);
		state_end(st, jobs, pk);         /* queues the state, last */
		if (pack_commit(pk) != 0)
			status = EXIT_IO;
	}
	/* a signature of an earlier manifest no longer holds */
	if (status == EXIT_OK && sig == NULL && old_sig != NULL &&
	    (old_man == NULL || !g_bytes_equal(man, old_man))) {
		char *path = g_build_filename(out, SIGNATURE, NULL);
		g_unlink(path);
		g_free(path);
	}
	if (status == EXIT_OK)
		progress_note("%s: %u documents, index.pdf, audit-pack.pdf, "
		    MANIFEST "%s", out, order->len, sig ? ", signed" : "");
	GBytes *held[] = { man, sig, old_man, old_sig };
	for (size_t i = 0; i < G_N_ELEMENTS(held); i++)
		if (held[i] != NULL)
			g_bytes_unref(held[i]);
	pipeline_job_free(index);
	pipeline_job_free(whole);
	state_free(st);
	pack_free(pk);
	g_ptr_array_free(order, TRUE);
	g_ptr_array_free(jobs, TRUE);
	isms_free(&m);
done:
	g_free(out);
	g_free(key);
	return status;
}

/* ---- verify ------------------------------------------------------------------- */

/* Run ssh-keygen with args, its standard input from file; its standard
 * output into *out (unless NULL), its standard error into *err. Returns
 * its exit status, or -1 when it did not run. */
static int
ssh_keygen(const char *const *args, const char *file, char **out, char **err)
{
	GPtrArray *argv = g_ptr_array_new();
	int in = file ? open(file, O_RDONLY | O_CLOEXEC) : -1;
	int o = -1, e = -1, status = -1;
	GPid pid;

	*err = NULL;
	if (out != NULL)
		*out = NULL;
	g_ptr_array_add(argv, (gpointer)"ssh-keygen");
	for (const char *const *a = args; *a != NULL; a++)
		g_ptr_array_add(argv, (gpointer)*a);
	g_ptr_array_add(argv, NULL);
	if ((file == NULL || in >= 0) && g_spawn_async_with_pipes_and_fds(
	    NULL, (const char *const *)argv->pdata, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, in, -1, -1, NULL, NULL, 0,
	    &pid, NULL, &o, &e, NULL)) {
		GString *bufs[2] = { g_string_new(NULL), g_string_new(NULL) };
		int fds[2] = { o, e };
		/* both pipes, in turn; ssh-keygen writes little */
		for (int k = 0; k < 2; k++) {
			char chunk[4096];
			ssize_t n;
			while ((n = read(fds[k], chunk, sizeof(chunk))) > 0 ||
			    (n < 0 && errno == EINTR))
				if (n > 0)
					g_string_append_len(bufs[k], chunk, n);
			close(fds[k]);
		}
		int ws = 0;
		pid_t w;
		while ((w = waitpid(pid, &ws, 0)) < 0 && errno == EINTR)
			;
		g_spawn_close_pid(pid);
		status = w == pid && WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
		if (out != NULL)
			*out = g_string_free(bufs[0], FALSE);
		else
			g_string_free(bufs[0], TRUE);
		*err = g_string_free(bufs[1], FALSE);
	}
	if (in >= 0)
		close(in);
	g_ptr_array_free(argv, TRUE);
	return status;
}

/* Check every line of the manifest. Returns the number of files checked,
 * problems reported. */
static int
check_manifest(const char *packdir, const char *manpath, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	int n = 0;

	for (int i = 0; lines[i] != NULL; i++) {
		const char *l = lines[i];
		if (l[0] == '\0' && lines[i + 1] == NULL)
			break;
		/* HASH, a space, a space (text) or '*' (binary), PATH */
		if (strlen(l) < 67 || l[64] != ' ' ||
		    (l[65] != ' ' && l[65] != '*')) {
			diag_at(DIAG_ERROR, manpath, i + 1, 1, "not a line of "
			    "`sha256sum` output");
			continue;
		}
		char want[65];
		g_strlcpy(want, l, sizeof(want));
		for (char *c = want; *c; c++)
			*c = g_ascii_tolower(*c);
		const char *rel = l + 66;
		if (g_path_is_absolute(rel) || strstr(rel, "..") != NULL) {
			diag_at(DIAG_ERROR, manpath, i + 1, 67, "'%s' is outside "
			    "the pack", rel);
			continue;
		}
		char *path = g_build_filename(packdir, rel, NULL);
		char *data;
		gsize len;
		char have[65];
		if (!g_file_get_contents(path, &data, &len, NULL)) {
			diag_at(DIAG_ERROR, path, 0, 0, "listed in %s but cannot "
			    "be read", MANIFEST);
		} else {
			state_sha256(data, len, have);
			g_free(data);
			if (strcmp(have, want) != 0)
				diag_at(DIAG_ERROR, path, 0, 0, "its SHA-256 is not "
				    "the one %s gives: the file was changed",
				    MANIFEST);
			n++;
		}
		g_free(path);
	}
	g_strfreev(lines);
	return n;
}

int
cmd_verify(int argc, char **argv)
{
	char *allowed = NULL;
	GOptionEntry entries[] = {
		{ "allowed-signers", 0, 0, G_OPTION_ARG_FILENAME, &allowed,
		  "check the signature against the keys and identities in FILE "
		  "(ssh-keygen's allowed signers format, as git uses)", "FILE" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("PACKDIR");
	int status;

	g_option_context_set_summary(oc,
	    "Check an audit pack: every file against MANIFEST.sha256, and the "
	    "manifest's\nsignature (MANIFEST.sha256.sig).");
	g_option_context_set_description(oc,
	    "Exit status: 0 the pack verifies, 1 a file or the signature does "
	    "not match,\n2 bad command line, 3 the manifest cannot be read. "
	    "See ismsc(1).");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	if (argc != 2) {
		fprintf(stderr, "ismsc verify: one pack folder expected\n"
		    "Try 'ismsc verify --help'.\n");
		status = EXIT_USAGE;
		goto done;
	}
	const char *packdir = argv[1];
	char *manpath = g_build_filename(packdir, MANIFEST, NULL);
	char *sigpath = g_build_filename(packdir, SIGNATURE, NULL);
	char *text = NULL;
	gsize len;
	if (!g_file_get_contents(manpath, &text, &len, NULL)) {
		diag_at(DIAG_ERROR, manpath, 0, 0, "cannot be read: not an "
		    "audit pack?");
		status = EXIT_IO;
		goto out;
	}
	int files = check_manifest(packdir, manpath, text);
	char *signer = NULL, *err = NULL, *sout = NULL;
	int has_sig = g_file_test(sigpath, G_FILE_TEST_EXISTS);
	if (allowed != NULL && !has_sig) {
		diag_at(DIAG_ERROR, sigpath, 0, 0, "missing: the pack is not "
		    "signed");
	} else if (allowed != NULL) {
		const char *find[] = { "-Y", "find-principals", "-s", sigpath,
			"-f", allowed, NULL };
		int rc = ssh_keygen(find, NULL, &sout, &err);
		signer = rc == 0 ? first_line(sout) : NULL;
		if (signer == NULL || signer[0] == '\0') {
			diag_at(DIAG_ERROR, sigpath, 0, 0, "not made by a key of "
			    "%s", allowed);
		} else {
			const char *ver[] = { "-Y", "verify", "-f", allowed, "-I",
				signer, "-n", NAMESPACE, "-s", sigpath, NULL };
			g_free(err);
			if (ssh_keygen(ver, manpath, NULL, &err) != 0)
				diag_at(DIAG_ERROR, sigpath, 0, 0, "does not "
				    "match %s: the manifest was changed after "
				    "it was signed", MANIFEST);
		}
	} else if (has_sig) {
		const char *chk[] = { "-Y", "check-novalidate", "-n", NAMESPACE,
			"-s", sigpath, NULL };
		if (ssh_keygen(chk, manpath, NULL, &err) != 0)
			diag_at(DIAG_ERROR, sigpath, 0, 0, "does not match %s: "
			    "the manifest was changed after it was signed",
			    MANIFEST);
		else
			diag_at(DIAG_WARNING, sigpath, 0, 0, "the signature "
			    "matches, but who made it is not checked: give "
			    "--allowed-signers");
	}
	if (diag_count(DIAG_ERROR) > 0) {
		status = EXIT_SOURCE;
	} else {
		printf("%s: %d files match %s", packdir, files, MANIFEST);
		if (signer != NULL)
			printf("; signed by %s", signer);
		else if (has_sig)
			printf("; signed, signer not checked");
		else
			printf("; not signed");
		printf("\n");
	}
	g_free(signer);
	g_free(err);
	g_free(sout);
out:
	g_free(text);
	g_free(manpath);
	g_free(sigpath);
done:
	g_free(allowed);
	return status;
}
