/* link: resolve, compute and check; build the model document.
 *
 * Memory: every table here borrows nodes from the source DOMs, which outlive
 * the link; the model is a new document owned by the caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "link.h"
#include "xml.h"

typedef struct band {
	int min, max;
	const xmlNode *node;
} band;

typedef struct link_ctx {
	const source_set *set;
	const link_options *opt;
	xmlNode *org, *method;
	GPtrArray *risk_roots, *control_roots, *policies;  /* xmlNode * */
	GHashTable *roles;      /* id -> role */
	GHashTable *catalogue;  /* id -> catalogue control */
	GHashTable *selection;  /* id -> source control or custom-control */
	GHashTable *risks;      /* id -> risk */
	GHashTable *policy_ids; /* id -> policy */
	GHashTable *control_risks;    /* control id -> GPtrArray of risks */
	GHashTable *control_policies; /* control id -> GPtrArray of policies */
	GHashTable *sections;   /* section id -> section, current policy */
	GArray *bands;          /* band, sorted by min */
	GHashTable *lik, *imp;  /* level value -> label */
	int lmax, imax;         /* highest likelihood and impact levels */
	xmlDocPtr model;
} link_ctx;

static const char *const role_attrs[] = { "owner", "approver", "by", "author" };

/* ---- registration of ids ---------------------------------------------- */

/* Add node under id; a second definition is an error at the second. */
static void
define(GHashTable *t, const char *what, xmlNode *n, const char *attr)
{
	const char *id = xml_prop(n, attr);
	xmlNode *prev;

	if (id == NULL)
		return;
	if ((prev = g_hash_table_lookup(t, id)) != NULL) {
		diag_node(DIAG_ERROR, n, attr,
		    "duplicate %s id '%s' (first defined at %s:%ld)", what, id,
		    (const char *)prev->doc->URL, xmlGetLineNo(prev));
		return;
	}
	g_hash_table_insert(t, (gpointer)id, n);
}

static void
push_multi(GHashTable *t, const char *key, gpointer value)
{
	GPtrArray *a = g_hash_table_lookup(t, key);

	if (a == NULL) {
		a = g_ptr_array_new();
		g_hash_table_insert(t, (gpointer)key, a);
	}
	/* a risk or policy naming a control twice links it once */
	for (guint i = 0; i < a->len; i++)
		if (a->pdata[i] == value)
			return;
	g_ptr_array_add(a, value);
}

static int
level_of(const char *s)
{
	return s ? atoi(s) : 0;
}

static const band *
band_for(const link_ctx *c, int score)
{
	for (guint i = 0; i < c->bands->len; i++) {
		const band *b = &g_array_index(c->bands, band, i);
		if (score >= b->min && score <= b->max)
			return b;
	}
	return NULL;
}

/* ---- first pass: sort the files and index every id --------------------- */

static void
index_sources(link_ctx *c)
{
	for (guint i = 0; i < c->set->files->len; i++) {
		const source_file *f = c->set->files->pdata[i];
		xmlNode *root = xmlDocGetRootElement(f->doc);

		if (xml_is(root, "organization")) {
			if (c->org != NULL)
				diag_node(DIAG_ERROR, root, NULL,
				    "a second organization file (the first is %s)",
				    (const char *)c->org->doc->URL);
			else
				c->org = root;
		} else if (xml_is(root, "risk-methodology")) {
			if (c->method != NULL)
				diag_node(DIAG_ERROR, root, NULL,
				    "a second risk-methodology file (the first is %s)",
				    (const char *)c->method->doc->URL);
			else
				c->method = root;
		} else if (xml_is(root, "risks")) {
			g_ptr_array_add(c->risk_roots, root);
		} else if (xml_is(root, "controls")) {
			g_ptr_array_add(c->control_roots, root);
		} else if (xml_is(root, "policy")) {
			g_ptr_array_add(c->policies, root);
		}
	}
	if (c->org == NULL)
		diag_at(DIAG_ERROR, c->set->dir, 0, 0,
		    "no organization file (root element <organization>)");
	if (c->method == NULL)
		diag_at(DIAG_ERROR, c->set->dir, 0, 0,
		    "no risk methodology file (root element <risk-methodology>)");
	if (c->control_roots->len == 0)
		diag_at(DIAG_ERROR, c->set->dir, 0, 0,
		    "no control selection file (root element <controls>)");

	if (c->org != NULL)
		FOR_ELEMENTS(r, xml_first(c->org, "roles"), "role")
			define(c->roles, "role", r, "id");
	for (guint i = 0; i < c->risk_roots->len; i++)
		FOR_ELEMENTS(r, c->risk_roots->pdata[i], "risk")
			define(c->risks, "risk", r, "id");
	for (guint i = 0; i < c->control_roots->len; i++)
		FOR_ELEMENTS(n, c->control_roots->pdata[i], NULL)
			define(c->selection, "control", n, "id");
	for (guint i = 0; i < c->policies->len; i++)
		define(c->policy_ids, "policy", c->policies->pdata[i], "id");
}

/* ---- the risk methodology ----------------------------------------------- */

static int
scale_max(xmlNode *scale, GHashTable *labels)
{
	int max = 0, n = 0;
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

	FOR_ELEMENTS(l, scale, "level") {
		define(seen, "level", l, "value");
		g_hash_table_insert(labels, (gpointer)xml_prop(l, "value"),
		    (gpointer)xml_prop(l, "label"));
		int v = level_of(xml_prop(l, "value"));
		if (v > max)
			max = v;
		n++;
	}
	if (max != n)
		diag_node(DIAG_ERROR, scale, NULL,
		    "the %s scale must number its levels 1 to %d without gaps",
		    (const char *)scale->name, n);
	g_hash_table_destroy(seen);
	return max;
}

static gint
cmp_band(gconstpointer a, gconstpointer b)
{
	return ((const band *)a)->min - ((const band *)b)->min;
}

static void
check_methodology(link_ctx *c)
{
	if (c->method == NULL)
		return;
	c->lmax = scale_max(xml_first(c->method, "likelihood"), c->lik);
	c->imax = scale_max(xml_first(c->method, "impact"), c->imp);
	xmlNode *bands = xml_first(c->method, "bands");
	FOR_ELEMENTS(b, bands, "band") {
		band x = { level_of(xml_prop(b, "min")),
			level_of(xml_prop(b, "max")), b };
		if (x.min > x.max)
			diag_node(DIAG_ERROR, b, "max",
			    "band '%s' ends (%d) before it starts (%d)",
			    xml_prop(b, "id"), x.max, x.min);
		g_array_append_val(c->bands, x);
	}
	g_array_sort(c->bands, cmp_band);
	/* the bands must cover every score 1..lmax*imax exactly once */
	int next = 1;
	for (guint i = 0; i < c->bands->len; i++) {
		const band *b = &g_array_index(c->bands, band, i);
		if (b->min != next)
			diag_node(DIAG_ERROR, (xmlNode *)b->node, "min",
			    "band '%s' starts at %d; scores from %d are %s",
			    xml_prop(b->node, "id"), b->min, next,
			    b->min > next ? "in no band" : "in two bands");
		next = b->max + 1;
	}
	if (next - 1 != c->lmax * c->imax)
		diag_node(DIAG_ERROR, bands, NULL,
		    "the bands end at score %d but scores reach %d (%d x %d)",
		    next - 1, c->lmax * c->imax, c->lmax, c->imax);
}

/* ---- the copy walk: model nodes from source nodes, references resolved --- */

static const char *
control_title(const link_ctx *c, const char *id)
{
	const xmlNode *n = g_hash_table_lookup(c->catalogue, id);

	if (n != NULL)
		return xml_prop(n, "title");
	n = g_hash_table_lookup(c->selection, id);
	if (n != NULL && xml_is(n, "custom-control")) {
		const xmlNode *t = xml_first(n, "title");
		return t && t->children ? (const char *)t->children->content :
		    id;
	}
	return NULL;
}

static char *
text_of(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	char *r = g_strdup(s ? (const char *)s : "");

	xmlFree(s);
	return r;
}

static void
set_src(xmlNode *to, const xmlNode *from)
{
	char buf[64];

	snprintf(buf, sizeof(buf), ":%ld", xmlGetLineNo(from));
	char *src = g_strconcat((const char *)from->doc->URL, buf, NULL);
	xml_set(to, "src", src);
	g_free(src);
}

/* Name the role an attribute refers to: X-title and X-holder. */
static void
resolve_role(link_ctx *c, const xmlNode *from, xmlNode *to, const char *attr)
{
	const char *id = xml_prop(from, attr);
	const xmlNode *role;

	if (id == NULL)
		return;
	if ((role = g_hash_table_lookup(c->roles, id)) == NULL) {
		diag_node(DIAG_ERROR, from, attr,
		    "%s '%s' is not a role defined in the organization", attr,
		    id);
		return;
	}
	char *k = g_strconcat(attr, "-title", NULL);
	xml_set(to, k, xml_prop(role, "title"));
	g_free(k);
	if (xml_prop(role, "holder") != NULL) {
		k = g_strconcat(attr, "-holder", NULL);
		xml_set(to, k, xml_prop(role, "holder"));
		g_free(k);
	}
}

/* Copy the text of from's <title> to a title attribute of to. */
static void
set_title(xmlNode *to, const xmlNode *from)
{
	char *t = text_of(xml_first(from, "title"));

	xml_set(to, "title", t);
	g_free(t);
}

/* Resolve an element's ref (control, risk, policy) or section (xref):
 * report a dangling one, give the model element its target's title. */
static void
resolve_ref(link_ctx *c, const xmlNode *from, xmlNode *to)
{
	const char *attr = "ref", *what;
	GHashTable *targets;

	if (xml_is(from, "control")) {
		const char *ref = xml_prop(from, "ref");
		const char *title = ref ? control_title(c, ref) : NULL;
		const xmlNode *sel = ref ? g_hash_table_lookup(c->selection,
		    ref) : NULL;
		if (ref != NULL && title == NULL)
			diag_node(DIAG_ERROR, from, "ref",
			    "control '%s' is neither an Annex A control nor an "
			    "organization-defined control of the selection", ref);
		/* an Annex A control missing from the selection is reported
		 * once, at the selection */
		if (title == NULL || sel == NULL)
			return;
		xml_set(to, "title", title);
		if (xml_is(sel, "custom-control"))
			xml_set(to, "custom", "yes");
		return;
	}
	if (xml_is(from, "xref")) {
		attr = "section";
		targets = c->sections;
		what = "is not a section of this policy";
	} else if (xml_is(from, "risk")) {
		targets = c->risks;
		what = "is not in the risk register";
	} else if (xml_is(from, "policy")) {
		targets = c->policy_ids;
		what = "is not a policy";
	} else {
		return;
	}
	const char *id = xml_prop(from, attr);
	const xmlNode *target = id && targets ?
	    g_hash_table_lookup(targets, id) : NULL;
	if (id == NULL)
		return;
	if (target == NULL) {
		diag_node(DIAG_ERROR, from, attr, "%s '%s' %s",
		    (const char *)from->name, id, what);
		return;
	}
	set_title(to, target);
}

/* Copy an element and its subtree into the model under parent, with src
 * on every element, roles named and references resolved. */
static xmlNode *
copy(link_ctx *c, const xmlNode *from, xmlNode *parent)
{
	xmlNode *to = xmlNewDocNode(c->model, NULL, from->name, NULL);

	xmlAddChild(parent, to);
	for (const xmlAttr *a = from->properties; a != NULL; a = a->next)
		xml_set(to, (const char *)a->name, a->children ?
		    (const char *)a->children->content : "");
	set_src(to, from);
	for (size_t i = 0; i < G_N_ELEMENTS(role_attrs); i++)
		resolve_role(c, from, to, role_attrs[i]);
	resolve_ref(c, from, to);
	for (const xmlNode *k = from->children; k != NULL; k = k->next) {
		if (k->type == XML_ELEMENT_NODE)
			copy(c, k, to);
		else if (k->type == XML_TEXT_NODE)
			xmlAddChild(to, xmlNewDocText(c->model, k->content));
	}
	return to;
}

static void
set_int(xmlNode *n, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	xml_set(n, name, buf);
}

/* ---- dates ------------------------------------------------------------- */

static int
parse_date(const char *s, GDate *d)
{
	unsigned y, m, day;

	g_date_clear(d, 1);
	if (s == NULL || sscanf(s, "%4u-%2u-%2u", &y, &m, &day) != 3 ||
	    !g_date_valid_dmy((GDateDay)day, (GDateMonth)m, (GDateYear)y))
		return -1;
	g_date_set_dmy(d, (GDateDay)day, (GDateMonth)m, (GDateYear)y);
	return 0;
}

static void
set_date(xmlNode *n, const char *name, const GDate *d)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%04u-%02u-%02u", g_date_get_year(d),
	    g_date_get_month(d), g_date_get_day(d));
	xml_set(n, name, buf);
}

/* ---- risks ------------------------------------------------------------- */

static void
rate(link_ctx *c, const xmlNode *rating, xmlNode *risk, const char *prefix,
    int *score)
{
	int l = level_of(xml_prop(rating, "likelihood"));
	int i = level_of(xml_prop(rating, "impact"));

	*score = 0;
	if (l > c->lmax) {
		diag_node(DIAG_ERROR, rating, "likelihood",
		    "likelihood %d is above the scale (1 to %d)", l, c->lmax);
		return;
	}
	if (i > c->imax) {
		diag_node(DIAG_ERROR, rating, "impact",
		    "impact %d is above the scale (1 to %d)", i, c->imax);
		return;
	}
	*score = l * i;
	char *k = g_strconcat(prefix, "score", NULL);
	set_int(risk, k, *score);
	g_free(k);
	const band *b = band_for(c, *score);
	if (b == NULL)
		return;
	const char *const parts[][2] = {
		{ "band", "id" }, { "band-label", "label" },
		{ "band-colour", "colour" }
	};
	for (size_t j = 0; j < G_N_ELEMENTS(parts); j++) {
		k = g_strconcat(prefix, parts[j][0], NULL);
		xml_set(risk, k, xml_prop(b->node, parts[j][1]));
		g_free(k);
	}
}

/* likelihood-label and impact-label on a model risk's ratings */
static void
scale_labels(link_ctx *c, xmlNode *risk)
{
	const char *const which[] = { "inherent", "residual" };

	for (size_t i = 0; i < G_N_ELEMENTS(which); i++) {
		xmlNode *r = xml_first(risk, which[i]);
		const char *l = g_hash_table_lookup(c->lik,
		    xml_prop(r, "likelihood"));
		const char *m = g_hash_table_lookup(c->imp,
		    xml_prop(r, "impact"));
		if (l != NULL)
			xml_set(r, "likelihood-label", l);
		if (m != NULL)
			xml_set(r, "impact-label", m);
	}
}

static void
link_risks(link_ctx *c, xmlNode *root)
{
	xmlNode *risks = xml_add(root, "risks");
	int acceptable = c->method ?
	    level_of(xml_prop(xml_first(c->method, "acceptance"), "max-score")) :
	    0;
	long count = 0;

	for (guint i = 0; i < c->risk_roots->len; i++) {
		FOR_ELEMENTS(r, c->risk_roots->pdata[i], "risk") {
			xmlNode *m = copy(c, r, risks);
			int inherent, residual;
			xmlNode *inh = xml_first(r, "inherent");
			xmlNode *res = xml_first(r, "residual");
			xmlNode *tr = xml_first(r, "treatment");
			const char *id = xml_prop(r, "id");

			rate(c, inh, m, "", &inherent);
			rate(c, res, m, "residual-", &residual);
			xml_set(m, "acceptable", residual <= acceptable ?
			    "yes" : "no");
			scale_labels(c, m);
			FOR_ELEMENTS(ctl, tr, "control") {
				const char *ref = xml_prop(ctl, "ref");
				const xmlNode *sel =
				    g_hash_table_lookup(c->selection, ref);
				if (sel != NULL &&
				    strcmp(xml_prop(sel, "applicable"), "no") == 0)
					diag_node(DIAG_ERROR, ctl, "ref",
					    "risk %s is treated with control %s, "
					    "which the selection excludes", id, ref);
				push_multi(c->control_risks, ref, r);
			}
			count++;
		}
	}
	set_int(risks, "count", count);
}

/* ---- the control selection ---------------------------------------------- */

static const char *const statuses[] = {
	"implemented", "partial", "planned", "not-implemented"
};

typedef struct tally {
	long total, applicable, excluded, status[G_N_ELEMENTS(statuses)];
} tally;

static void
count(tally *t, const xmlNode *sel)
{
	t->total++;
	if (strcmp(xml_prop(sel, "applicable"), "yes") != 0) {
		t->excluded++;
		return;
	}
	t->applicable++;
	const char *s = xml_prop(sel, "status");
	for (size_t i = 0; s != NULL && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(s, statuses[i]) == 0)
			t->status[i]++;
}

static void
set_tally(xmlNode *n, const tally *t)
{
	set_int(n, "total", t->total);
	set_int(n, "applicable", t->applicable);
	set_int(n, "excluded", t->excluded);
	for (size_t i = 0; i < G_N_ELEMENTS(statuses); i++)
		set_int(n, statuses[i], t->status[i]);
}

/* Rules for one selected control (Annex A or organization-defined). */
static void
check_control(link_ctx *c, const xmlNode *sel)
{
	const char *id = xml_prop(sel, "id");

	if (strcmp(xml_prop(sel, "applicable"), "yes") == 0) {
		if (xml_prop(sel, "status") == NULL)
			diag_node(DIAG_ERROR, sel, NULL,
			    "applicable control %s has no implementation status",
			    id);
		if (xml_prop(sel, "owner") == NULL)
			diag_node(DIAG_ERROR, sel, NULL,
			    "applicable control %s has no owner", id);
		if (xml_first(sel, "reason") == NULL)
			diag_node(DIAG_ERROR, sel, NULL,
			    "applicable control %s has no reason for inclusion",
			    id);
		if (xml_first(sel, "justification") != NULL)
			diag_node(DIAG_ERROR, xml_first(sel, "justification"),
			    NULL, "applicable control %s has a justification "
			    "for exclusion", id);
		FOR_ELEMENTS(r, sel, "reason")
			if (strcmp(xml_prop(r, "type"), "risk") == 0 &&
			    !g_hash_table_contains(c->control_risks, id))
				diag_node(DIAG_ERROR, r, "type",
				    "control %s gives risk treatment as a reason, "
				    "but no risk in the register is treated with it",
				    id);
	} else {
		if (xml_first(sel, "justification") == NULL)
			diag_node(DIAG_ERROR, sel, NULL,
			    "excluded control %s has no justification", id);
		if (xml_prop(sel, "status") != NULL)
			diag_node(DIAG_ERROR, sel, "status",
			    "excluded control %s has an implementation status",
			    id);
	}
}

/* The model entry of one control: the selection copied, plus catalogue
 * title, labels, and the risks and policies that link to it. */
static void
model_control(link_ctx *c, const xmlNode *sel, const char *title,
    xmlNode *theme)
{
	const char *id = xml_prop(sel, "id");
	xmlNode *m = copy(c, sel, theme);

	xmlNodeSetName(m, (const xmlChar *)"control");
	xml_set(m, "title", title);
	if (xml_is(sel, "custom-control"))
		xml_set(m, "custom", "yes");
	GPtrArray *risks = g_hash_table_lookup(c->control_risks, id);
	for (guint i = 0; risks != NULL && i < risks->len; i++) {
		const xmlNode *r = risks->pdata[i];
		xmlNode *x = xml_add(m, "risk");
		xml_set(x, "ref", xml_prop(r, "id"));
		set_title(x, r);
	}
	GPtrArray *pols = g_hash_table_lookup(c->control_policies, id);
	for (guint i = 0; pols != NULL && i < pols->len; i++) {
		const xmlNode *p = pols->pdata[i];
		xmlNode *x = xml_add(m, "policy");
		xml_set(x, "ref", xml_prop(p, "id"));
		set_title(x, p);
		xml_set(x, "version", xml_prop(p, "version"));
	}
}

static void
link_controls(link_ctx *c, xmlNode *root, xmlDocPtr catalogue)
{
	xmlNode *controls = xml_add(root, "controls");
	xmlNode *cat = xmlDocGetRootElement(catalogue);
	xmlNode *first = c->control_roots->len ? c->control_roots->pdata[0] :
	    NULL;
	tally all = { 0 };

	/* Each selected control: Annex A ids must be known, custom ids new. */
	for (guint i = 0; i < c->control_roots->len; i++) {
		FOR_ELEMENTS(n, c->control_roots->pdata[i], NULL) {
			const char *id = xml_prop(n, "id");
			int known = g_hash_table_contains(c->catalogue, id);
			if (xml_is(n, "control") && !known)
				diag_node(DIAG_ERROR, n, "id",
				    "'%s' is not an ISO/IEC 27001:2022 Annex A "
				    "control", id);
			else if (xml_is(n, "custom-control") && known)
				diag_node(DIAG_ERROR, n, "id",
				    "organization-defined control '%s' uses an "
				    "Annex A number", id);
			check_control(c, n);
		}
	}

	FOR_ELEMENTS(th, cat, "theme") {
		xmlNode *mt = xml_add(controls, "theme");
		tally t = { 0 };
		xml_set(mt, "id", xml_prop(th, "id"));
		xml_set(mt, "clause", xml_prop(th, "clause"));
		xml_set(mt, "title", xml_prop(th, "title"));
		FOR_ELEMENTS(k, th, "control") {
			const char *id = xml_prop(k, "id");
			const xmlNode *sel =
			    g_hash_table_lookup(c->selection, id);
			if (sel == NULL) {
				if (first != NULL)
					diag_node(DIAG_ERROR, first, NULL,
					    "Annex A control %s (%s) is missing "
					    "from the selection", id,
					    xml_prop(k, "title"));
				continue;
			}
			model_control(c, sel, xml_prop(k, "title"), mt);
			count(&t, sel);
			count(&all, sel);
		}
		set_tally(mt, &t);
	}

	/* organization-defined controls, in source order */
	xmlNode *custom = NULL;
	tally t = { 0 };
	for (guint i = 0; i < c->control_roots->len; i++) {
		FOR_ELEMENTS(n, c->control_roots->pdata[i], "custom-control") {
			if (g_hash_table_lookup(c->selection,
			    xml_prop(n, "id")) != n)
				continue;       /* a duplicate, reported */
			if (custom == NULL) {
				custom = xml_add(controls, "theme");
				xml_set(custom, "id", "organization-defined");
				xml_set(custom, "title",
				    "Organization-defined controls");
			}
			model_control(c, n, control_title(c, xml_prop(n, "id")),
			    custom);
			count(&t, n);
			count(&all, n);
		}
	}
	if (custom != NULL)
		set_tally(custom, &t);
	set_tally(controls, &all);
}

/* ---- policies ------------------------------------------------------------ */

static void
index_sections(GHashTable *t, xmlNode *n)
{
	FOR_ELEMENTS(s, n, "section") {
		define(t, "section", s, "id");
		index_sections(t, s);
	}
}

static void
link_policies(link_ctx *c, xmlNode *root)
{
	xmlNode *pols = xml_add(root, "policies");
	xmlNode *defaults = c->org ? xml_first(c->org, "defaults") : NULL;
	int months = level_of(xml_prop(defaults, "review-months"));

	for (guint i = 0; i < c->policies->len; i++) {
		xmlNode *p = c->policies->pdata[i];
		const char *id = xml_prop(p, "id");

		if (g_hash_table_lookup(c->policy_ids, id) != p)
			continue;       /* a duplicate, reported */
		c->sections = g_hash_table_new(g_str_hash, g_str_equal);
		index_sections(c->sections, p);
		xmlNode *m = copy(c, p, pols);
		g_hash_table_destroy(c->sections);
		c->sections = NULL;

		if (xml_prop(p, "classification") == NULL && defaults)
			xml_set(m, "classification",
			    xml_prop(defaults, "classification"));
		GDate d;
		if (xml_prop(p, "next-review") == NULL && months > 0 &&
		    parse_date(xml_prop(p, "approved"), &d) == 0) {
			g_date_add_months(&d, (guint)months);
			set_date(m, "next-review", &d);
		}
	}
	set_int(pols, "count", pols ? (long)xmlChildElementCount(pols) : 0);
}

/* Policies claim controls: they must be selected and applicable. */
static void
index_policy_controls(link_ctx *c)
{
	for (guint i = 0; i < c->policies->len; i++) {
		xmlNode *p = c->policies->pdata[i];
		FOR_ELEMENTS(ctl, xml_first(p, "implements"), "control") {
			const char *ref = xml_prop(ctl, "ref");
			const xmlNode *sel =
			    g_hash_table_lookup(c->selection, ref);
			if (sel != NULL &&
			    strcmp(xml_prop(sel, "applicable"), "no") == 0)
				diag_node(DIAG_ERROR, ctl, "ref",
				    "policy %s implements control %s, which the "
				    "selection excludes", xml_prop(p, "id"), ref);
			push_multi(c->control_policies, ref, p);
		}
	}
}

/* ---- methodology in the model --------------------------------------------- */

static void
link_methodology(link_ctx *c, xmlNode *root)
{
	if (c->method == NULL)
		return;
	xmlNode *m = copy(c, c->method, root);
	xmlNode *matrix = xml_add(m, "matrix");
	for (int l = c->lmax; l >= 1; l--) {
		for (int i = 1; i <= c->imax; i++) {
			xmlNode *cell = xml_add(matrix, "cell");
			const band *b = band_for(c, l * i);
			set_int(cell, "likelihood", l);
			set_int(cell, "impact", i);
			set_int(cell, "score", l * i);
			if (b != NULL) {
				xml_set(cell, "band", xml_prop(b->node, "id"));
				xml_set(cell, "label", xml_prop(b->node, "label"));
				xml_set(cell, "colour",
				    xml_prop(b->node, "colour"));
			}
		}
	}
}

/* ---- entry points --------------------------------------------------------- */

static void
free_multi(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

xmlDocPtr
link_model(const source_set *set, xmlDocPtr catalogue,
    const link_options *opt)
{
	link_ctx c = { .set = set, .opt = opt };
	int errors = diag_count(DIAG_ERROR);

	c.risk_roots = g_ptr_array_new();
	c.control_roots = g_ptr_array_new();
	c.policies = g_ptr_array_new();
	c.roles = g_hash_table_new(g_str_hash, g_str_equal);
	c.catalogue = g_hash_table_new(g_str_hash, g_str_equal);
	c.selection = g_hash_table_new(g_str_hash, g_str_equal);
	c.risks = g_hash_table_new(g_str_hash, g_str_equal);
	c.policy_ids = g_hash_table_new(g_str_hash, g_str_equal);
	c.control_risks = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, free_multi);
	c.control_policies = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, free_multi);
	c.bands = g_array_new(FALSE, FALSE, sizeof(band));
	c.lik = g_hash_table_new(g_str_hash, g_str_equal);
	c.imp = g_hash_table_new(g_str_hash, g_str_equal);
	FOR_ELEMENTS(th, xmlDocGetRootElement(catalogue), "theme")
		FOR_ELEMENTS(k, th, "control")
			g_hash_table_insert(c.catalogue,
			    (gpointer)xml_prop(k, "id"), k);

	index_sources(&c);
	check_methodology(&c);
	index_policy_controls(&c);

	c.model = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewDocNode(c.model, NULL, (const xmlChar *)"isms",
	    NULL);
	xmlDocSetRootElement(c.model, root);
	xml_set(root, "generator", opt->generator);
	xml_set(root, "date", opt->date);
	if (c.org != NULL) {
		char *name = text_of(xml_first(c.org, "name"));
		xml_set(root, "org", name);
		g_free(name);
		copy(&c, c.org, root);
	}
	link_methodology(&c, root);
	link_risks(&c, root);
	link_controls(&c, root, catalogue);
	link_policies(&c, root);

	g_ptr_array_free(c.risk_roots, TRUE);
	g_ptr_array_free(c.control_roots, TRUE);
	g_ptr_array_free(c.policies, TRUE);
	g_hash_table_destroy(c.roles);
	g_hash_table_destroy(c.catalogue);
	g_hash_table_destroy(c.selection);
	g_hash_table_destroy(c.risks);
	g_hash_table_destroy(c.policy_ids);
	g_hash_table_destroy(c.control_risks);
	g_hash_table_destroy(c.control_policies);
	g_array_free(c.bands, TRUE);
	g_hash_table_destroy(c.lik);
	g_hash_table_destroy(c.imp);

	if (diag_count(DIAG_ERROR) > errors) {
		xmlFreeDoc(c.model);
		return NULL;
	}
	return c.model;
}

GPtrArray *
link_policy_ids(xmlDocPtr model)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	xmlNode *pols = xml_first(xmlDocGetRootElement(model), "policies");

	FOR_ELEMENTS(p, pols, "policy")
		g_ptr_array_add(ids, g_strdup(xml_prop(p, "id")));
	return ids;
}
