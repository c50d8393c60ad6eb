/* diff: what changed in the ISMS between two revisions of its sources.
 *
 * Both revisions are loaded and linked as a build would (git.h exports a
 * commit's sources into a temporary folder; the work tree is read as it
 * is), and their models (doc/model.md) are compared here, element by
 * element, by id:
 *   scope and context  the scope statement, boundaries and exclusions;
 *                      issues, climate change, interested parties, roles;
 *   controls           applicability, status, owner, justification;
 *   risks              added, removed, re-scored (inherent or residual),
 *                      re-treated (option or controls), newly accepted;
 *   policies           added, removed, new version, approval, and each
 *                      section with the old and new text of its changed
 *                      paragraphs (a list item or table row counts as a
 *                      paragraph).
 * The changes are one XML document (the model's root, then <changes>),
 * printed as text on stdout and made into OUT/change-report.pdf by
 * stylesheets/diff.xsl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "commands.h"
#include "diag.h"
#include "git.h"
#include "load.h"
#include "pack.h"
#include "pipeline.h"
#include "xml.h"

/* ---- text as the documents show it -------------------------------------- */

static void
inline_text(const xmlNode *n, GString *s)
{
	for (const xmlNode *k = n ? n->children : NULL; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE) {
			g_string_append(s, (const char *)k->content);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *ref = xml_prop(k, "ref");
		const char *title = xml_prop(k, "title");
		if (xml_is(k, "control") && ref != NULL) {
			g_string_append_printf(s, "%s%s%s%s",
			    xml_prop(k, "custom") ? "" : "A.", ref,
			    title ? " " : "", title ? title : "");
		} else if ((xml_is(k, "risk") || xml_is(k, "policy")) && ref) {
			g_string_append(s, ref);
			if (title != NULL)
				g_string_append_printf(s, " %s", title);
		} else if (xml_is(k, "xref")) {
			g_string_append(s, title ? title :
			    xml_prop(k, "section") ? xml_prop(k, "section") : "");
		} else {
			inline_text(k, s);
		}
	}
}

/* Text of n, white space collapsed. Caller frees. */
static char *
text(const xmlNode *n)
{
	GString *s = g_string_new(NULL);
	GString *t = g_string_new(NULL);
	int space = 0;

	inline_text(n, s);
	for (const char *p = s->str; *p; p++) {
		if (g_ascii_isspace(*p)) {
			space = t->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(t, ' ');
		space = 0;
		g_string_append_c(t, *p);
	}
	g_string_free(s, TRUE);
	return g_string_free(t, FALSE);
}

static const char *
attr(const xmlNode *n, const char *name)
{
	const char *v = n ? xml_prop(n, name) : NULL;

	return v ? v : "";
}

/* "Title (Holder)" of a role attribute X (X-title, X-holder), or X. */
static char *
role(const xmlNode *n, const char *x)
{
	char *t = g_strconcat(x, "-title", NULL), *h = g_strconcat(x,
	    "-holder", NULL);
	const char *title = xml_prop(n, t), *holder = xml_prop(n, h);
	char *r = title == NULL ? g_strdup(attr(n, x)) : holder == NULL ?
	    g_strdup(title) : g_strdup_printf("%s (%s)", title, holder);

	g_free(t);
	g_free(h);
	return r;
}

/* ---- the change document ----------------------------------------------- */

typedef struct diff {
	xmlDocPtr doc;
	xmlNode *changes;
	long count;
} diff;

static xmlNode *
group(diff *d, const char *name)
{
	xmlNode *g = xml_first(d->changes, name);

	return g != NULL ? g : xml_add(d->changes, name);
}

static xmlNode *
item(diff *d, const char *grp, const char *kind, const char *ref,
    const char *title, const char *change)
{
	xmlNode *i = xml_add(group(d, grp), "item");

	xml_set(i, "kind", kind);
	if (ref != NULL)
		xml_set(i, "ref", ref);
	if (title != NULL)
		xml_set(i, "title", title);
	xml_set(i, "change", change);
	d->count++;
	return i;
}

static void
old_new(xmlNode *parent, const char *o, const char *n)
{
	if (o != NULL)
		xmlNewTextChild(parent, NULL, (const xmlChar *)"old",
		    (const xmlChar *)o);
	if (n != NULL)
		xmlNewTextChild(parent, NULL, (const xmlChar *)"new",
		    (const xmlChar *)n);
}

/* A field of an item, when its old and new values differ. */
static int
field(xmlNode *it, const char *name, const char *o, const char *n)
{
	if (g_strcmp0(o, n) == 0)
		return 0;
	xmlNode *f = xml_add(it, "field");
	xml_set(f, "name", name);
	old_new(f, o && *o ? o : NULL, n && *n ? n : NULL);
	return 1;
}

/* ---- sequences: the longest common subsequence, then the runs between --- */

typedef void (*run_fn)(void *ctx, char **o, guint no, char **n, guint nn);

/* Compare two lists of strings; for each stretch where they differ, call
 * fn with the old and the new strings of the stretch. */
static void
sequence(GPtrArray *a, GPtrArray *b, run_fn fn, void *ctx)
{
	guint n = a->len, m = b->len;
	guint *t = g_new0(guint, (gsize)(n + 1) * (m + 1));
#define T(i, j) t[(gsize)(i) * (m + 1) + (j)]

	for (guint i = n; i-- > 0;)
		for (guint j = m; j-- > 0;)
			T(i, j) = strcmp(a->pdata[i], b->pdata[j]) == 0 ?
			    T(i + 1, j + 1) + 1 : MAX(T(i + 1, j), T(i, j + 1));
	guint i = 0, j = 0, si = 0, sj = 0;
	while (i < n || j < m) {
		if (i < n && j < m && strcmp(a->pdata[i], b->pdata[j]) == 0) {
			if (si < i || sj < j)
				fn(ctx, (char **)a->pdata + si, i - si,
				    (char **)b->pdata + sj, j - sj);
			si = ++i;
			sj = ++j;
		} else if (j < m && (i == n || T(i, j + 1) >= T(i + 1, j))) {
			j++;
		} else {
			i++;
		}
	}
	if (si < n || sj < m)
		fn(ctx, (char **)a->pdata + si, n - si, (char **)b->pdata + sj,
		    m - sj);
#undef T
	g_free(t);
}

/* A stretch of paragraphs: pairs are changed, the rest added or removed. */
static void
para_run(void *ctx, char **o, guint no, char **n, guint nn)
{
	xmlNode *sec = ctx;

	for (guint k = 0; k < MAX(no, nn); k++) {
		xmlNode *p = xml_add(sec, "para");
		xml_set(p, "change", k < no && k < nn ? "changed" : k < no ?
		    "removed" : "added");
		old_new(p, k < no ? o[k] : NULL, k < nn ? n[k] : NULL);
	}
}

typedef struct list_ctx {
	diff *d;
	const char *grp, *kind;
} list_ctx;

/* A stretch of a list of texts (boundaries, exclusions). */
static void
list_run(void *ctx, char **o, guint no, char **n, guint nn)
{
	list_ctx *c = ctx;

	for (guint k = 0; k < MAX(no, nn); k++) {
		xmlNode *it = item(c->d, c->grp, c->kind, NULL, NULL,
		    k < no && k < nn ? "changed" : k < no ? "removed" : "added");
		old_new(it, k < no ? o[k] : NULL, k < nn ? n[k] : NULL);
	}
}

static GPtrArray *
texts_of(const xmlNode *parent, const char *name)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	FOR_ELEMENTS(k, parent, name)
		g_ptr_array_add(a, text(k));
	return a;
}

static void
compare_lists(diff *d, const char *grp, const char *kind, const xmlNode *o,
    const xmlNode *n, const char *name)
{
	GPtrArray *a = texts_of(o, name), *b = texts_of(n, name);
	list_ctx c = { d, grp, kind };

	sequence(a, b, list_run, &c);
	g_ptr_array_free(a, TRUE);
	g_ptr_array_free(b, TRUE);
}

/* ---- elements by id ------------------------------------------------------- */

/* Elements with an id below parent (any depth where name matches, not
 * below a match), by id, and their ids in order. */
static void
by_id(xmlNode *parent, const char *name, GHashTable *t, GPtrArray *order)
{
	for (xmlNode *k = parent ? parent->children : NULL; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(k, name) && xml_prop(k, "id") != NULL) {
			if (!g_hash_table_contains(t, xml_prop(k, "id")))
				g_ptr_array_add(order, (gpointer)xml_prop(k,
				    "id"));
			g_hash_table_insert(t, (gpointer)xml_prop(k, "id"), k);
		} else {
			by_id(k, name, t, order);
		}
	}
}

typedef void (*pair_fn)(diff *, const char *id, xmlNode *o, xmlNode *n);

/* Call fn for every id in the new list (with the old element or NULL),
 * then for every id only in the old one. */
static void
pairs(diff *d, xmlNode *op, xmlNode *np, const char *name, pair_fn fn)
{
	GHashTable *ot = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *nt = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *oo = g_ptr_array_new(), *no = g_ptr_array_new();

	by_id(op, name, ot, oo);
	by_id(np, name, nt, no);
	for (guint i = 0; i < no->len; i++)
		fn(d, no->pdata[i], g_hash_table_lookup(ot, no->pdata[i]),
		    g_hash_table_lookup(nt, no->pdata[i]));
	for (guint i = 0; i < oo->len; i++)
		if (!g_hash_table_contains(nt, oo->pdata[i]))
			fn(d, oo->pdata[i], g_hash_table_lookup(ot,
			    oo->pdata[i]), NULL);
	g_ptr_array_free(oo, TRUE);
	g_ptr_array_free(no, TRUE);
	g_hash_table_destroy(ot);
	g_hash_table_destroy(nt);
}

static const char *
change_of(const xmlNode *o, const xmlNode *n)
{
	return o == NULL ? "added" : n == NULL ? "removed" : "changed";
}

/* An item that is added or removed, or changed when fill finds a
 * difference (its fields are added to it); an unchanged one is dropped. */
static xmlNode *
begin(diff *d, const char *grp, const char *kind, const char *id,
    const char *title, const xmlNode *o, const xmlNode *n)
{
	return item(d, grp, kind, id, title, change_of(o, n));
}

static void
end(diff *d, xmlNode *it, const xmlNode *o, const xmlNode *n)
{
	if (o != NULL && n != NULL && it->children == NULL &&
	    xml_prop(it, "accepted") == NULL) {
		xmlUnlinkNode(it);
		xmlFreeNode(it);
		d->count--;
	}
}

/* ---- scope and context ------------------------------------------------------ */

static void
text_field(xmlNode *it, const char *name, const xmlNode *o, const xmlNode *n)
{
	char *a = o ? text(o) : NULL, *b = n ? text(n) : NULL;

	field(it, name, a, b);
	g_free(a);
	g_free(b);
}

static void
issue(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	xmlNode *it = begin(d, "context", "issue", id, NULL, o, n);

	field(it, "type", o ? attr(o, "type") : NULL, n ? attr(n, "type") :
	    NULL);
	text_field(it, "text", o, n);
	end(d, it, o, n);
}

static char *
party_text(const xmlNode *p)
{
	GString *s = g_string_new(NULL);
	char *name = text(xml_first(p, "name"));

	g_string_append(s, name);
	g_free(name);
	FOR_ELEMENTS(r, p, "requirement") {
		char *t = text(r);
		g_string_append_printf(s, "%s%s", s->len ? " / " : "", t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

static void
party(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	char *name = text(xml_first(n ? n : o, "name"));
	xmlNode *it = begin(d, "context", "party", id, name, o, n);
	char *a = o ? party_text(o) : NULL, *b = n ? party_text(n) : NULL;

	field(it, "requirements", a, b);
	end(d, it, o, n);
	g_free(a);
	g_free(b);
	g_free(name);
}

static void
role_item(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	xmlNode *it = begin(d, "context", "role", id, attr(n ? n : o, "title"),
	    o, n);

	field(it, "title", o ? attr(o, "title") : NULL, n ? attr(n, "title") :
	    NULL);
	field(it, "holder", o ? attr(o, "holder") : NULL, n ? attr(n,
	    "holder") : NULL);
	end(d, it, o, n);
}

static void
compare_organization(diff *d, xmlNode *o, xmlNode *n)
{
	xmlNode *os = xml_first(o, "scope"), *ns = xml_first(n, "scope");
	xmlNode *it = item(d, "scope", "statement", NULL, NULL, "changed");

	text_field(it, "text", xml_first(os, "statement"),
	    xml_first(ns, "statement"));
	end(d, it, os, ns);
	compare_lists(d, "scope", "boundary", os, ns, "boundary");
	compare_lists(d, "scope", "exclusion", os, ns, "exclusion");

	pairs(d, xml_first(o, "issues"), xml_first(n, "issues"), "issue",
	    issue);
	xmlNode *oc = xml_first(xml_first(o, "issues"), "climate-change");
	xmlNode *nc = xml_first(xml_first(n, "issues"), "climate-change");
	if (oc != NULL || nc != NULL) {
		it = begin(d, "context", "climate-change", NULL, NULL, oc, nc);
		field(it, "relevant", oc ? attr(oc, "relevant") : NULL,
		    nc ? attr(nc, "relevant") : NULL);
		text_field(it, "text", oc, nc);
		end(d, it, oc, nc);
	}
	pairs(d, xml_first(o, "interested-parties"),
	    xml_first(n, "interested-parties"), "party", party);
	pairs(d, xml_first(o, "roles"), xml_first(n, "roles"), "role",
	    role_item);
}

/* ---- controls ---------------------------------------------------------------- */

static char *
control_label(const xmlNode *c)
{
	return g_strdup_printf("%s%s", xml_prop(c, "custom") ? "" : "A.",
	    attr(c, "id"));
}

static void
control(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	xmlNode *c = n ? n : o;
	char *label = control_label(c);
	xmlNode *it = begin(d, "controls", "control", label, attr(c, "title"),
	    o, n);
	char *ro = o ? role(o, "owner") : NULL, *rn = n ? role(n, "owner") :
	    NULL;

	(void)id;
	field(it, "applicable", o ? attr(o, "applicable") : NULL,
	    n ? attr(n, "applicable") : NULL);
	field(it, "status", o ? attr(o, "status") : NULL, n ? attr(n,
	    "status") : NULL);
	field(it, "owner", ro, rn);
	text_field(it, "justification", o ? xml_first(o, "justification") :
	    NULL, n ? xml_first(n, "justification") : NULL);
	end(d, it, o, n);
	g_free(ro);
	g_free(rn);
	g_free(label);
}

/* ---- risks ------------------------------------------------------------------------ */

static char *
rating(const xmlNode *risk, const char *which, const char *prefix)
{
	const xmlNode *r = xml_first(risk, which);
	char *score = g_strconcat(prefix, "score", NULL);
	char *band = g_strconcat(prefix, "band-label", NULL);
	char *s = r == NULL ? NULL : g_strdup_printf("likelihood %s, impact "
	    "%s: score %s (%s)", attr(r, "likelihood"), attr(r, "impact"),
	    attr(risk, score), attr(risk, band));

	g_free(score);
	g_free(band);
	return s;
}

static char *
treatment_controls(const xmlNode *risk)
{
	GString *s = g_string_new(NULL);

	FOR_ELEMENTS(c, xml_first(risk, "treatment"), "control")
		g_string_append_printf(s, "%s%s%s", s->len ? ", " : "",
		    xml_prop(c, "custom") ? "" : "A.", attr(c, "ref"));
	return g_string_free(s, FALSE);
}

static char *
signoff(const xmlNode *risk, const char *which)
{
	const xmlNode *a = xml_first(risk, which);

	if (a == NULL)
		return NULL;
	char *who = role(a, "by");
	char *s = g_strdup_printf("%s, %s", who, attr(a, "date"));
	g_free(who);
	return s;
}

static void
risk(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	xmlNode *r = n ? n : o;
	char *title = text(xml_first(r, "title"));
	xmlNode *it = begin(d, "risks", "risk", id, title, o, n);
	char *v[2][6];
	const xmlNode *side[2] = { o, n };

	for (int k = 0; k < 2; k++) {
		const xmlNode *x = side[k];
		v[k][0] = x ? rating(x, "inherent", "") : NULL;
		v[k][1] = x ? rating(x, "residual", "residual-") : NULL;
		v[k][2] = x ? g_strdup(attr(xml_first(x, "treatment"),
		    "option")) : NULL;
		v[k][3] = x ? treatment_controls(x) : NULL;
		v[k][4] = x ? signoff(x, "approval") : NULL;
		v[k][5] = x ? signoff(x, "acceptance") : NULL;
	}
	if (o != NULL && n != NULL) {
		text_field(it, "title", xml_first(o, "title"),
		    xml_first(n, "title"));
		/* what kind of change, for the summary */
		int rescored = field(it, "inherent", v[0][0], v[1][0]);
		rescored |= field(it, "residual", v[0][1], v[1][1]);
		int retreated = field(it, "treatment", v[0][2], v[1][2]);
		retreated |= field(it, "controls", v[0][3], v[1][3]);
		field(it, "approval", v[0][4], v[1][4]);
		int accepted = field(it, "acceptance", v[0][5], v[1][5]) &&
		    v[1][5] != NULL;
		if (rescored)
			xml_set(it, "rescored", "yes");
		if (retreated)
			xml_set(it, "retreated", "yes");
		if (accepted)
			xml_set(it, "accepted", "yes");
	} else {
		int k = n != NULL;
		field(it, "inherent", k ? NULL : v[0][0], k ? v[1][0] : NULL);
		field(it, "residual", k ? NULL : v[0][1], k ? v[1][1] : NULL);
		field(it, "treatment", k ? NULL : v[0][2], k ? v[1][2] : NULL);
		if (k && v[1][5] != NULL)
			xml_set(it, "accepted", "yes");
	}
	end(d, it, o, n);
	for (int k = 0; k < 2; k++)
		for (int f = 0; f < 6; f++)
			g_free(v[k][f]);
	g_free(title);
}

/* ---- policies --------------------------------------------------------------------- */

/* The paragraphs of a section's own blocks: each p, list item or table
 * row (cells joined by " | "). */
static void
blocks(const xmlNode *n, GPtrArray *out)
{
	for (const xmlNode *k = n->children; k != NULL; k = k->next) {
		if (xml_is(k, "p")) {
			g_ptr_array_add(out, text(k));
		} else if (xml_is(k, "list")) {
			FOR_ELEMENTS(li, k, "item") {
				if (xml_first(li, "p") || xml_first(li, "list")) {
					blocks(li, out);
					continue;
				}
				char *t = text(li);
				g_ptr_array_add(out, g_strconcat("• ", t, NULL));
				g_free(t);
			}
		} else if (xml_is(k, "table")) {
			FOR_ELEMENTS(cap, k, "caption")
				g_ptr_array_add(out, text(cap));
			GPtrArray *rows = g_ptr_array_new();
			FOR_ELEMENTS(h, xml_first(k, "head"), "row")
				g_ptr_array_add(rows, h);
			FOR_ELEMENTS(r, k, "row")
				g_ptr_array_add(rows, r);
			for (guint i = 0; i < rows->len; i++) {
				GString *s = g_string_new(NULL);
				FOR_ELEMENTS(c, (xmlNode *)rows->pdata[i], "cell") {
					char *t = text(c);
					g_string_append_printf(s, "%s%s",
					    s->len ? " | " : "", t);
					g_free(t);
				}
				g_ptr_array_add(out, g_string_free(s, FALSE));
			}
			g_ptr_array_free(rows, TRUE);
		}
	}
}

/* Sections of a policy, flattened: key (id, else title path) -> node,
 * with their title paths. */
static void
sections(xmlNode *n, const char *path, GHashTable *t, GPtrArray *order,
    GHashTable *paths)
{
	FOR_ELEMENTS(s, n, "section") {
		char *title = text(xml_first(s, "title"));
		char *p = path ? g_strconcat(path, " / ", title, NULL) :
		    g_strdup(title);
		const char *id = xml_prop(s, "id");
		char *key = id ? g_strdup(id) : g_strdup(p);
		if (!g_hash_table_contains(t, key)) {
			g_ptr_array_add(order, key);
			g_hash_table_insert(t, key, s);
			g_hash_table_insert(paths, key, g_strdup(p));
		} else {
			g_free(key);
		}
		sections(s, p, t, order, paths);
		g_free(p);
		g_free(title);
	}
}

static void
section(xmlNode *pol, const char *key, const char *path, xmlNode *o,
    xmlNode *n)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *b = g_ptr_array_new_with_free_func(g_free);

	if (o != NULL)
		blocks(o, a);
	if (n != NULL)
		blocks(n, b);
	xmlNode *sec = xml_add(pol, "section");
	xml_set(sec, "path", path);
	if (xml_prop(n ? n : o, "id") != NULL)
		xml_set(sec, "ref", key);
	xml_set(sec, "change", change_of(o, n));
	if (o != NULL && n != NULL)
		text_field(sec, "title", xml_first(o, "title"),
		    xml_first(n, "title"));
	sequence(a, b, para_run, sec);
	if (o != NULL && n != NULL && sec->children == NULL) {
		xmlUnlinkNode(sec);
		xmlFreeNode(sec);
	}
	g_ptr_array_free(a, TRUE);
	g_ptr_array_free(b, TRUE);
}

static char *
approval(const xmlNode *p)
{
	if (xml_prop(p, "approved") == NULL)
		return g_strdup("not approved");
	char *who = role(p, "approver");
	char *s = g_strdup_printf("%s, %s", who, attr(p, "approved"));
	g_free(who);
	return s;
}

static char *
implemented(const xmlNode *p)
{
	GString *s = g_string_new(NULL);

	FOR_ELEMENTS(c, xml_first(p, "implements"), "control")
		g_string_append_printf(s, "%s%s%s", s->len ? ", " : "",
		    xml_prop(c, "custom") ? "" : "A.", attr(c, "ref"));
	return g_string_free(s, FALSE);
}

static void
policy(diff *d, const char *id, xmlNode *o, xmlNode *n)
{
	xmlNode *p = n ? n : o;
	char *title = text(xml_first(p, "title"));
	xmlNode *it = begin(d, "policies", "policy", id, title, o, n);

	field(it, "version", o ? attr(o, "version") : NULL, n ? attr(n,
	    "version") : NULL);
	if (o != NULL && n != NULL) {
		char *a = approval(o), *b = approval(n);
		field(it, "approval", a, b);
		g_free(a);
		g_free(b);
		text_field(it, "title", xml_first(o, "title"),
		    xml_first(n, "title"));
		text_field(it, "purpose", xml_first(o, "purpose"),
		    xml_first(n, "purpose"));
		a = implemented(o);
		b = implemented(n);
		field(it, "implements", a, b);
		g_free(a);
		g_free(b);
		GHashTable *ot = g_hash_table_new(g_str_hash, g_str_equal);
		GHashTable *nt = g_hash_table_new(g_str_hash, g_str_equal);
		GHashTable *op = g_hash_table_new_full(g_str_hash, g_str_equal,
		    NULL, g_free);
		GHashTable *np = g_hash_table_new_full(g_str_hash, g_str_equal,
		    NULL, g_free);
		GPtrArray *oo = g_ptr_array_new_with_free_func(g_free);
		GPtrArray *no = g_ptr_array_new_with_free_func(g_free);
		sections(o, NULL, ot, oo, op);
		sections(n, NULL, nt, no, np);
		for (guint i = 0; i < no->len; i++)
			section(it, no->pdata[i], g_hash_table_lookup(np,
			    no->pdata[i]), g_hash_table_lookup(ot,
			    no->pdata[i]), g_hash_table_lookup(nt,
			    no->pdata[i]));
		for (guint i = 0; i < oo->len; i++)
			if (!g_hash_table_contains(nt, oo->pdata[i]))
				section(it, oo->pdata[i], g_hash_table_lookup(op,
				    oo->pdata[i]), g_hash_table_lookup(ot,
				    oo->pdata[i]), NULL);
		g_hash_table_destroy(ot);
		g_hash_table_destroy(nt);
		g_hash_table_destroy(op);
		g_hash_table_destroy(np);
		g_ptr_array_free(oo, TRUE);
		g_ptr_array_free(no, TRUE);
	}
	end(d, it, o, n);
	g_free(title);
}

/* ---- the report ------------------------------------------------------------------ */

static xmlDocPtr
compare(xmlDocPtr old, xmlDocPtr new, const char *const from[3],
    const char *const to[3], long *count)
{
	xmlNode *o = xmlDocGetRootElement(old), *n = xmlDocGetRootElement(new);
	diff d = { xmlNewDoc((const xmlChar *)"1.0"), NULL, 0 };
	xmlNode *root = xmlDocCopyNode(n, d.doc, 2);
	static const char *const groups[] = { "scope", "context", "controls",
		"risks", "policies" };

	xmlDocSetRootElement(d.doc, root);
	if (xml_first(n, "organization") != NULL)   /* names, defaults */
		xmlAddChild(root, xmlDocCopyNode(xml_first(n, "organization"),
		    d.doc, 1));
	d.changes = xml_add(root, "changes");
	xml_set(d.changes, "from", from[0]);
	if (from[1] != NULL) {
		xml_set(d.changes, "from-revision", from[1]);
		xml_set(d.changes, "from-date", from[2]);
	}
	xml_set(d.changes, "to", to[0]);
	if (to[1] != NULL) {
		xml_set(d.changes, "to-revision", to[1]);
		xml_set(d.changes, "to-date", to[2]);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(groups); i++)
		group(&d, groups[i]);
	compare_organization(&d, xml_first(o, "organization"),
	    xml_first(n, "organization"));
	pairs(&d, xml_first(o, "controls"), xml_first(n, "controls"),
	    "control", control);
	pairs(&d, xml_first(o, "risks"), xml_first(n, "risks"), "risk", risk);
	pairs(&d, xml_first(o, "policies"), xml_first(n, "policies"),
	    "policy", policy);
	/* the counts of each area, for the summary */
	static const char *const kinds[] = { "added", "removed", "changed" };
	static const char *const flags[] = { "rescored", "retreated",
		"accepted" };
	char num[32];
	FOR_ELEMENTS(g, d.changes, NULL) {
		long total = 0, by[6] = { 0 };
		FOR_ELEMENTS(it, g, "item") {
			total++;
			for (size_t k = 0; k < 3; k++)
				by[k] += strcmp(attr(it, "change"), kinds[k]) == 0;
			for (size_t k = 0; k < 3; k++)
				by[3 + k] += xml_prop(it, flags[k]) != NULL;
		}
		snprintf(num, sizeof(num), "%ld", total);
		xml_set(g, "count", num);
		for (size_t k = 0; k < 6; k++) {
			snprintf(num, sizeof(num), "%ld", by[k]);
			xml_set(g, k < 3 ? kinds[k] : flags[k - 3], num);
		}
	}
	snprintf(num, sizeof(num), "%ld", d.count);
	xml_set(d.changes, "count", num);
	*count = d.count;
	return d.doc;
}

/* ---- plain text ------------------------------------------------------------------- */

static const char *const group_titles[][2] = {
	{ "scope", "Scope" }, { "context", "Context" },
	{ "controls", "Controls" }, { "risks", "Risks" },
	{ "policies", "Policies" },
};

static void
print_old_new(GString *s, const xmlNode *n, const char *indent)
{
	FOR_ELEMENTS(k, n, NULL) {
		char *t = text(k);
		if (xml_is(k, "old"))
			g_string_append_printf(s, "%s- %s\n", indent, t);
		else if (xml_is(k, "new"))
			g_string_append_printf(s, "%s+ %s\n", indent, t);
		g_free(t);
	}
}

static void
print_fields(GString *s, const xmlNode *it, const char *indent)
{
	FOR_ELEMENTS(f, it, "field") {
		g_string_append_printf(s, "%s%s:\n", indent, attr(f, "name"));
		char *deeper = g_strconcat(indent, "  ", NULL);
		print_old_new(s, f, deeper);
		g_free(deeper);
	}
}

static GString *
report(xmlDocPtr doc)
{
	xmlNode *ch = xml_first(xmlDocGetRootElement(doc), "changes");
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, "Changes to the ISMS of %s\nfrom %s",
	    attr(xmlDocGetRootElement(doc), "org"), attr(ch, "from"));
	if (xml_prop(ch, "from-revision"))
		g_string_append_printf(s, " (%s of %s)", attr(ch,
		    "from-revision"), attr(ch, "from-date"));
	g_string_append_printf(s, " to %s", attr(ch, "to"));
	if (xml_prop(ch, "to-revision"))
		g_string_append_printf(s, " (%s of %s)", attr(ch, "to-revision"),
		    attr(ch, "to-date"));
	g_string_append(s, "\n");
	for (size_t g = 0; g < G_N_ELEMENTS(group_titles); g++) {
		xmlNode *grp = xml_first(ch, group_titles[g][0]);
		if (xml_first(grp, "item") == NULL)
			continue;
		g_string_append_printf(s, "\n%s\n", group_titles[g][1]);
		FOR_ELEMENTS(it, grp, "item") {
			g_string_append_printf(s, "  %s", attr(it, "kind"));
			if (xml_prop(it, "ref"))
				g_string_append_printf(s, " %s", attr(it, "ref"));
			if (xml_prop(it, "title"))
				g_string_append_printf(s, " %s", attr(it, "title"));
			g_string_append_printf(s, ": %s", attr(it, "change"));
			static const char *const flags[] = { "rescored",
				"retreated", "accepted" };
			for (size_t f = 0; f < G_N_ELEMENTS(flags); f++)
				if (xml_prop(it, flags[f]))
					g_string_append_printf(s, ", %s", flags[f]);
			g_string_append(s, "\n");
			print_old_new(s, it, "    ");
			print_fields(s, it, "    ");
			FOR_ELEMENTS(sec, it, "section") {
				g_string_append_printf(s, "    section %s",
				    attr(sec, "path"));
				if (xml_prop(sec, "ref"))
					g_string_append_printf(s, " (%s)",
					    attr(sec, "ref"));
				g_string_append_printf(s, ": %s\n",
				    attr(sec, "change"));
				print_fields(s, sec, "      ");
				FOR_ELEMENTS(p, sec, "para") {
					g_string_append_printf(s, "      paragraph "
					    "%s:\n", attr(p, "change"));
					print_old_new(s, p, "        ");
				}
			}
		}
	}
	g_string_append_printf(s, "\n%s change%s\n", attr(ch, "count"),
	    strcmp(attr(ch, "count"), "1") == 0 ? "" : "s");
	return s;
}

/* ---- the command -------------------------------------------------------------------- */

/* Load one side: a revision exported into tmp, or the work tree. */
static int
load_side(const char *dir, const char *rev, const char *skip,
    const char *tmp, int n, isms *m, char *label[3], char **folder)
{
	git_commit c;
	char date[11];

	*folder = NULL;
	if (rev == NULL) {
		label[0] = g_strdup("the work tree");
		return pipeline_load(dir, skip, m);
	}
	if (git_resolve(dir, rev, &c) != 0) {
		fprintf(stderr, "ismsc diff: '%s' is not a revision of the git "
		    "repository holding %s\n", rev, dir);
		return EXIT_USAGE;
	}
	git_date(c.time, date);
	label[0] = g_strdup(rev);
	label[1] = g_strdup(c.short_hash);
	label[2] = g_strdup(date);
	char name[16];
	snprintf(name, sizeof(name), "rev%d", n);
	*folder = g_build_filename(tmp, name, NULL);
	if (git_export(dir, c.hash, *folder) < 0)
		return EXIT_IO;
	if (!g_file_test(*folder, G_FILE_TEST_IS_DIR))
		g_mkdir_with_parents(*folder, 0700);
	/* a revision's sources are dated by its commit, unless the date is
	 * set for all */
	int dated = getenv("SOURCE_DATE_EPOCH") != NULL;
	if (!dated) {
		char when[32];
		snprintf(when, sizeof(when), "%" G_GINT64_FORMAT, c.time);
		g_setenv("SOURCE_DATE_EPOCH", when, TRUE);
	}
	int status = pipeline_load(*folder, NULL, m);
	if (!dated)
		g_unsetenv("SOURCE_DATE_EPOCH");
	if (status != EXIT_OK)
		diag_at(DIAG_NOTE, NULL, 0, 0, "the errors above are in the "
		    "sources of %s (%s), read into %s", rev, c.short_hash,
		    *folder);
	return status;
}

/* Remove a folder and everything under it (our temporary export). */
static void
remove_tree(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *e;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(path, e, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			remove_tree(p);
		else
			g_unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	g_rmdir(path);
}

int
cmd_diff(int argc, char **argv)
{
	char *out = NULL, *dir = NULL;
	gboolean no_pdf = FALSE;
	GOptionEntry entries[] = {
		{ "dir", 'C', 0, G_OPTION_ARG_FILENAME, &dir,
		  "the source folder (default: the current folder)", "DIR" },
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write change-report.pdf into OUT (default: ./out)", "OUT" },
		{ "no-pdf", 0, 0, G_OPTION_ARG_NONE, &no_pdf,
		  "print the changes only", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("REV1 [REV2]");
	int status;
	isms m[2];
	char *label[2][3] = { { NULL } };
	char *folder[2] = { NULL, NULL };
	char *tmp = NULL;

	memset(m, 0, sizeof(m));
	g_option_context_set_summary(oc,
	    "Report what changed in the ISMS between revision REV1 of the "
	    "sources and\nREV2 (default: the work tree): scope and context, "
	    "controls, risks,\npolicies and their sections. Prints the "
	    "changes and writes\nOUT/change-report.pdf.");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "ismsc diff: one or two revisions expected\n"
		    "Try 'ismsc diff --help'.\n");
		status = EXIT_USAGE;
		goto done;
	}
	if (dir == NULL)
		dir = g_strdup(".");
	if (out == NULL)
		out = g_strdup("out");
	GError *err = NULL;
	if ((tmp = g_dir_make_tmp("ismsc-diff-XXXXXX", &err)) == NULL) {
		diag_at(DIAG_ERROR, NULL, 0, 0, "%s", err->message);
		g_error_free(err);
		status = EXIT_IO;
		goto done;
	}
	for (int k = 0; k < 2 && status == EXIT_OK; k++) {
		status = load_side(dir, k + 1 < argc ? argv[k + 1] : NULL, out,
		    tmp, k + 1, &m[k], label[k], &folder[k]);
	}
	if (status != EXIT_OK)
		goto done;

	long count;
	xmlDocPtr doc = compare(m[0].model, m[1].model,
	    (const char *const *)label[0], (const char *const *)label[1],
	    &count);
	GString *text = report(doc);
	fwrite(text->str, 1, text->len, stdout);
	fflush(stdout);
	g_string_free(text, TRUE);
	if (!no_pdf) {
		pack *pk = pack_new(out);
		job *j = pipeline_job_new("change-report", "diff", NULL,
		    g_strdup("change-report.pdf"));
		GPtrArray *one = g_ptr_array_new();
		j->view = doc;
		doc = NULL;
		g_ptr_array_add(one, j);
		status = pipeline_render(&m[1], one, DUMP_NONE, pk);
		if (status == EXIT_OK && diag_count(DIAG_ERROR) > 0)
			status = EXIT_SOURCE;
		if (status == EXIT_OK && pack_commit(pk) != 0)
			status = EXIT_IO;
		g_ptr_array_free(one, TRUE);
		pipeline_job_free(j);
		pack_free(pk);
	}
	xmlFreeDoc(doc);
done:
	for (int k = 0; k < 2; k++) {
		if (m[k].model != NULL)
			isms_free(&m[k]);
		for (int i = 0; i < 3; i++)
			g_free(label[k][i]);
		g_free(folder[k]);
	}
	if (tmp != NULL)
		remove_tree(tmp);
	g_free(tmp);
	g_free(out);
	g_free(dir);
	return status;
}
