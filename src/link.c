/* link: resolve, compute and check; build the model document.
 *
 * Memory: every table here borrows nodes from the source DOMs and the
 * catalogues, which outlive the link; the model is a new document owned
 * by the caller. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "link.h"
#include "xml.h"

/* ---- the rules ------------------------------------------------------------ */

typedef enum {
	R_ISMS_FILES, R_DUPLICATE_ID, R_UNKNOWN_ROLE, R_DANGLING_REFERENCE,
	R_CONTROL_2013_ID, R_UNKNOWN_CONTROL, R_MISSING_CONTROL,
	R_APPLICABILITY_UNDECIDED,
	R_APPLICABLE_INCOMPLETE, R_EXCLUSION_INCOMPLETE,
	R_RISK_REASON_UNUSED, R_RISK_CONTROL_EXCLUDED,
	R_POLICY_CLAIMS_EXCLUDED, R_CONTROL_WITHOUT_POLICY,
	R_GAP_WITHOUT_PLAN, R_EVIDENCE_MISSING,
	R_RISK_SCALE, R_RISK_BANDS, R_RATING_OFF_SCALE,
	R_RESIDUAL_ABOVE_INHERENT, R_ACCEPTANCE_MISSING, R_MODIFY_INCOMPLETE,
	R_ACTION_OVERDUE, R_REVIEW_OVERDUE, R_POLICY_DRAFT, R_READINESS_GAP,
	R_COUNT
} rule;

static const link_rule rules[R_COUNT] = {
	[R_ISMS_FILES] = { "isms-files", DIAG_ERROR,
	    "one organization file, one risk methodology, at least one "
	    "control selection" },
	[R_DUPLICATE_ID] = { "duplicate-id", DIAG_ERROR,
	    "an id defined twice: role, issue, party, risk, control, policy, "
	    "section, objective, record, band, scale level" },
	[R_UNKNOWN_ROLE] = { "unknown-role", DIAG_ERROR,
	    "an owner, approver, signer or author that is no role of the "
	    "organization" },
	[R_DANGLING_REFERENCE] = { "dangling-reference", DIAG_ERROR,
	    "a reference to a control, risk, policy or section that does not "
	    "exist" },
	[R_CONTROL_2013_ID] = { "control-2013-id", DIAG_ERROR,
	    "an ISO/IEC 27001:2013 control id (A.9.2.3); the message names "
	    "the 2022 control(s) to use" },
	[R_UNKNOWN_CONTROL] = { "unknown-control", DIAG_ERROR,
	    "a selected control that is not in Annex A, or an "
	    "organization-defined control with an Annex A number" },
	[R_MISSING_CONTROL] = { "missing-control", DIAG_ERROR,
	    "an Annex A control missing from the selection" },
	[R_APPLICABILITY_UNDECIDED] = { "applicability-undecided", DIAG_ERROR,
	    "a control marked applicable=\"undecided\" (as ismsc init writes "
	    "them): decide it" },
	[R_APPLICABLE_INCOMPLETE] = { "applicable-incomplete", DIAG_ERROR,
	    "an applicable control without status, owner or reason, or with a "
	    "justification for exclusion" },
	[R_EXCLUSION_INCOMPLETE] = { "exclusion-incomplete", DIAG_ERROR,
	    "an excluded control without justification, or with an "
	    "implementation status" },
	[R_RISK_REASON_UNUSED] = { "risk-reason-unused", DIAG_ERROR,
	    "a control selected for risk treatment that no risk is treated "
	    "with" },
	[R_RISK_CONTROL_EXCLUDED] = { "risk-control-excluded", DIAG_ERROR,
	    "a risk treated with a control the selection excludes" },
	[R_POLICY_CLAIMS_EXCLUDED] = { "policy-claims-excluded", DIAG_ERROR,
	    "a policy implementing a control that is excluded or absent from "
	    "the selection" },
	[R_CONTROL_WITHOUT_POLICY] = { "control-without-policy", DIAG_ERROR,
	    "an applicable control whose text requires a documented rule, "
	    "implemented by no policy" },
	[R_GAP_WITHOUT_PLAN] = { "gap-without-plan", DIAG_ERROR,
	    "an applicable control not fully implemented, with neither a due "
	    "date nor an open treatment action" },
	[R_EVIDENCE_MISSING] = { "evidence-missing", DIAG_WARNING,
	    "an implemented control that cites no evidence" },
	[R_RISK_SCALE] = { "risk-scale", DIAG_ERROR,
	    "a likelihood or impact scale not numbered 1 to N" },
	[R_RISK_BANDS] = { "risk-bands", DIAG_ERROR,
	    "bands that do not cover every score exactly once" },
	[R_RATING_OFF_SCALE] = { "rating-off-scale", DIAG_ERROR,
	    "a likelihood or impact above its scale" },
	[R_RESIDUAL_ABOVE_INHERENT] = { "residual-above-inherent", DIAG_ERROR,
	    "a residual score above the inherent score" },
	[R_ACCEPTANCE_MISSING] = { "acceptance-missing", DIAG_ERROR,
	    "a retained risk, or a residual score above the acceptance "
	    "criteria, without a recorded acceptance" },
	[R_MODIFY_INCOMPLETE] = { "modify-incomplete", DIAG_ERROR,
	    "a modify treatment with no controls or no actions" },
	[R_ACTION_OVERDUE] = { "action-overdue", DIAG_WARNING,
	    "a treatment action not done by its due date (relative to the "
	    "build date)" },
	[R_REVIEW_OVERDUE] = { "review-overdue", DIAG_WARNING,
	    "a policy past its next review date (relative to the build date)" },
	[R_POLICY_DRAFT] = { "policy-draft", DIAG_WARNING,
	    "a policy without approval for its current version; the document "
	    "is marked DRAFT" },
	[R_READINESS_GAP] = { "readiness-gap", DIAG_WARNING,
	    "mandatory documented information the sources do not provide "
	    "(check --readiness only)" },
};

const link_rule *
link_rules(size_t *n)
{
	*n = R_COUNT;
	return rules;
}

/* Report a broken rule at node (or its attribute attr): the message, then
 * the rule's name. */
static void G_GNUC_PRINTF(4, 5)
report(rule r, const xmlNode *n, const char *attr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_node(rules[r].level, n, attr, "%s [%s]", msg, rules[r].name);
	g_free(msg);
}

/* The same at a file (no line): missing files, readiness gaps. */
static void G_GNUC_PRINTF(3, 4)
report_at(rule r, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_at(rules[r].level, file, 0, 0, "%s [%s]", msg, rules[r].name);
	g_free(msg);
}

/* ---- the context ------------------------------------------------------------ */

typedef struct band {
	int min, max;
	const xmlNode *node;
} band;

typedef struct link_ctx {
	const source_set *set;
	const link_options *opt;
	GDate today;            /* the build date, for overdue checks */
	xmlNode *org, *method;
	GPtrArray *risk_roots, *control_roots, *policies;  /* xmlNode * */
	GPtrArray *objective_roots, *record_roots;
	xmlNode *vocabulary;    /* catalogue <attributes> */
	GHashTable *roles;      /* id -> role */
	GHashTable *catalogue;  /* id -> catalogue control */
	GHashTable *c2013;      /* 2013 id -> 2013 catalogue control */
	GHashTable *predecessors; /* 2022 id -> GPtrArray of 2013 controls */
	GHashTable *selection;  /* id -> source control or custom-control */
	GHashTable *risks;      /* id -> risk */
	GHashTable *policy_ids; /* id -> policy */
	GHashTable *ids;        /* other kinds: "kind\037id" -> node */
	GHashTable *control_risks;    /* control id -> GPtrArray of risks */
	GHashTable *control_policies; /* control id -> GPtrArray of policies */
	GHashTable *sections;   /* section id -> section, current policy */
	GArray *bands;          /* band, sorted by min */
	GHashTable *lik, *imp;  /* level value -> label */
	int lmax, imax;         /* highest likelihood and impact levels */
	int acceptable;         /* the acceptance criteria: highest score */
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
		report(R_DUPLICATE_ID, n, attr,
		    "duplicate %s id '%s' (first defined at %s:%ld)", what, id,
		    (const char *)prev->doc->URL, xmlGetLineNo(prev));
		return;
	}
	g_hash_table_insert(t, (gpointer)id, n);
}

/* The same for kinds that need no table of their own: one table keyed by
 * kind and id (the key is owned by the table). */
static void
define_kind(link_ctx *c, const char *what, xmlNode *n)
{
	const char *id = xml_prop(n, "id");
	xmlNode *prev;

	if (id == NULL)
		return;
	char *key = g_strconcat(what, "\037", id, NULL);
	if ((prev = g_hash_table_lookup(c->ids, key)) != NULL) {
		report(R_DUPLICATE_ID, n, "id",
		    "duplicate %s id '%s' (first defined at %s:%ld)", what, id,
		    (const char *)prev->doc->URL, xmlGetLineNo(prev));
		g_free(key);
		return;
	}
	g_hash_table_insert(c->ids, key, n);
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

static int
is(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Whether the space-separated list holds word. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p != NULL && *p != '\0'; ) {
		while (*p == ' ')
			p++;
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, word, n) == 0)
			return 1;
		p = e;
	}
	return 0;
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

/* The one file of a kind: a second is an error. */
static void
single(xmlNode **slot, xmlNode *root, const char *what)
{
	if (*slot != NULL)
		report(R_ISMS_FILES, root, NULL, "a second %s file (the first "
		    "is %s)", what, (const char *)(*slot)->doc->URL);
	else
		*slot = root;
}

static void
index_sources(link_ctx *c)
{
	for (guint i = 0; i < c->set->files->len; i++) {
		const source_file *f = c->set->files->pdata[i];
		xmlNode *root = xmlDocGetRootElement(f->doc);

		if (xml_is(root, "organization"))
			single(&c->org, root, "organization");
		else if (xml_is(root, "risk-methodology"))
			single(&c->method, root, "risk-methodology");
		else if (xml_is(root, "risks"))
			g_ptr_array_add(c->risk_roots, root);
		else if (xml_is(root, "controls"))
			g_ptr_array_add(c->control_roots, root);
		else if (xml_is(root, "policy"))
			g_ptr_array_add(c->policies, root);
		else if (xml_is(root, "objectives"))
			g_ptr_array_add(c->objective_roots, root);
		else if (xml_is(root, "records"))
			g_ptr_array_add(c->record_roots, root);
	}
	if (c->org == NULL)
		report_at(R_ISMS_FILES, c->set->dir,
		    "no organization file (root element <organization>)");
	if (c->method == NULL)
		report_at(R_ISMS_FILES, c->set->dir,
		    "no risk methodology file (root element <risk-methodology>)");
	if (c->control_roots->len == 0)
		report_at(R_ISMS_FILES, c->set->dir,
		    "no control selection file (root element <controls>)");

	if (c->org != NULL) {
		FOR_ELEMENTS(r, xml_first(c->org, "roles"), "role")
			define(c->roles, "role", r, "id");
		FOR_ELEMENTS(r, xml_first(c->org, "issues"), "issue")
			define_kind(c, "issue", r);
		FOR_ELEMENTS(r, xml_first(c->org, "interested-parties"), "party")
			define_kind(c, "interested party", r);
	}
	if (c->method != NULL)
		FOR_ELEMENTS(b, xml_first(c->method, "bands"), "band")
			define_kind(c, "band", b);
	for (guint i = 0; i < c->risk_roots->len; i++)
		FOR_ELEMENTS(r, c->risk_roots->pdata[i], "risk")
			define(c->risks, "risk", r, "id");
	for (guint i = 0; i < c->control_roots->len; i++)
		FOR_ELEMENTS(n, c->control_roots->pdata[i], NULL)
			define(c->selection, "control", n, "id");
	for (guint i = 0; i < c->policies->len; i++)
		define(c->policy_ids, "policy", c->policies->pdata[i], "id");
	for (guint i = 0; i < c->objective_roots->len; i++)
		FOR_ELEMENTS(o, c->objective_roots->pdata[i], "objective")
			define_kind(c, "objective", o);
	for (guint i = 0; i < c->record_roots->len; i++)
		FOR_ELEMENTS(r, c->record_roots->pdata[i], "record")
			define_kind(c, "record", r);
}

/* ---- the catalogues ------------------------------------------------------- */

/* Index the 2022 catalogue; check that its attribute codes are in its
 * vocabulary. */
static void
index_catalogue(link_ctx *c, xmlDocPtr catalogue)
{
	xmlNode *root = xmlDocGetRootElement(catalogue);

	c->vocabulary = xml_first(root, "attributes");
	FOR_ELEMENTS(th, root, "theme") {
		FOR_ELEMENTS(k, th, "control") {
			g_hash_table_insert(c->catalogue,
			    (gpointer)xml_prop(k, "id"), k);
			FOR_ELEMENTS(a, c->vocabulary, "attribute") {
				const char *on = xml_prop(a, "on");
				char **codes = g_strsplit(xml_prop(k, on) ?
				    xml_prop(k, on) : "", " ", -1);
				for (char **v = codes; *v != NULL; v++) {
					int known = 0;
					FOR_ELEMENTS(val, a, "value")
						known |= is(xml_prop(val, "id"), *v);
					if (!known)
						diag_node(DIAG_ERROR, k, on,
						    "catalogue: control %s: '%s' "
						    "is no %s", xml_prop(k, "id"),
						    *v, xml_prop(a, "title"));
				}
				g_strfreev(codes);
			}
		}
	}
}

/* Index the 2013 catalogue and its correspondence ("to") to 2022. */
static void
index_2013(link_ctx *c, xmlDocPtr c2013)
{
	FOR_ELEMENTS(d, xmlDocGetRootElement(c2013), "domain") {
		FOR_ELEMENTS(k, d, "control") {
			g_hash_table_insert(c->c2013,
			    (gpointer)xml_prop(k, "id"), k);
			char **to = g_strsplit(xml_prop(k, "to") ?
			    xml_prop(k, "to") : "", " ", -1);
			for (char **t = to; *t != NULL; t++) {
				xmlNode *now = g_hash_table_lookup(c->catalogue,
				    *t);
				if (now == NULL)
					diag_node(DIAG_ERROR, k, "to",
					    "catalogue: 2013 control %s maps to "
					    "'%s', not a 2022 control",
					    xml_prop(k, "id"), *t);
				else
					push_multi(c->predecessors,
					    xml_prop(now, "id"), k);
			}
			g_strfreev(to);
		}
	}
}

/* When id (with or without "A.") is an ISO/IEC 27001:2013 control, report
 * it with the 2022 control(s) that replace it, and return 1. */
static int
check_2013_id(link_ctx *c, const xmlNode *n, const char *attr,
    const char *id)
{
	const char *bare = g_str_has_prefix(id, "A.") ? id + 2 : id;
	const xmlNode *old = g_hash_table_lookup(c->c2013, bare);

	if (old == NULL || g_hash_table_contains(c->catalogue, id))
		return 0;
	GString *s = g_string_new(NULL);
	char **to = g_strsplit(xml_prop(old, "to"), " ", -1);
	for (char **t = to; *t != NULL; t++) {
		const xmlNode *now = g_hash_table_lookup(c->catalogue, *t);
		if (s->len > 0)
			g_string_append(s, t[1] == NULL ? " and " : ", ");
		g_string_append_printf(s, "%s (%s)", *t,
		    now ? xml_prop(now, "title") : "?");
	}
	g_strfreev(to);
	report(R_CONTROL_2013_ID, n, attr, "'%s' is an ISO/IEC 27001:2013 "
	    "control (%s); in ISO/IEC 27001:2022 use %s", id,
	    xml_prop(old, "title"), s->str);
	g_string_free(s, TRUE);
	return 1;
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
		report(R_RISK_SCALE, scale, NULL,
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
	c->acceptable = level_of(xml_prop(xml_first(c->method, "acceptance"),
	    "max-score"));
	xmlNode *bands = xml_first(c->method, "bands");
	FOR_ELEMENTS(b, bands, "band") {
		band x = { level_of(xml_prop(b, "min")),
			level_of(xml_prop(b, "max")), b };
		if (x.min > x.max)
			report(R_RISK_BANDS, b, "max",
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
			report(R_RISK_BANDS, b->node, "min",
			    "band '%s' starts at %d; scores from %d are %s",
			    xml_prop(b->node, "id"), b->min, next,
			    b->min > next ? "in no band" : "in two bands");
		next = b->max + 1;
	}
	if (next - 1 != c->lmax * c->imax)
		report(R_RISK_BANDS, bands, NULL,
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
		report(R_UNKNOWN_ROLE, from, attr,
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
		if (ref != NULL && title == NULL &&
		    !check_2013_id(c, from, "ref", ref))
			report(R_DANGLING_REFERENCE, from, "ref",
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
		report(R_DANGLING_REFERENCE, from, attr, "%s '%s' %s",
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

/* Whether the date s lies before the build date. */
static int
before_today(const link_ctx *c, const char *s)
{
	GDate d;

	return g_date_valid(&c->today) && parse_date(s, &d) == 0 &&
	    g_date_compare(&d, &c->today) < 0;
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
		report(R_RATING_OFF_SCALE, rating, "likelihood",
		    "likelihood %d is above the scale (1 to %d)", l, c->lmax);
		return;
	}
	if (i > c->imax) {
		report(R_RATING_OFF_SCALE, rating, "impact",
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

/* The rules of one risk's assessment and treatment. */
static void
check_risk(link_ctx *c, const xmlNode *r, int inherent, int residual)
{
	const char *id = xml_prop(r, "id");
	xmlNode *tr = xml_first(r, "treatment");
	const char *option = xml_prop(tr, "option");

	if (residual > inherent && inherent > 0)
		report(R_RESIDUAL_ABOVE_INHERENT, xml_first(r, "residual"), NULL,
		    "risk %s: the residual score (%d) is above the inherent "
		    "score (%d)", id, residual, inherent);
	if (xml_first(r, "acceptance") == NULL) {
		if (is(option, "retain"))
			report(R_ACCEPTANCE_MISSING, r, "id", "risk %s is "
			    "retained without a recorded acceptance", id);
		else if (residual > c->acceptable)
			report(R_ACCEPTANCE_MISSING, r, "id", "risk %s: the "
			    "residual score (%d) is above the acceptance "
			    "criteria (%d) without a recorded acceptance", id,
			    residual, c->acceptable);
	}
	if (is(option, "modify")) {
		const char *missing = xml_first(tr, "control") == NULL ?
		    "controls" : xml_first(tr, "action") == NULL ?
		    "actions" : NULL;
		if (missing != NULL)
			report(R_MODIFY_INCOMPLETE, tr, "option", "risk %s is "
			    "treated by modification but the treatment has no "
			    "%s", id, missing);
	}
	FOR_ELEMENTS(a, tr, "action")
		if (!is(xml_prop(a, "status"), "done") &&
		    before_today(c, xml_prop(a, "due")))
			report(R_ACTION_OVERDUE, a, "due", "a treatment action "
			    "of risk %s was due on %s and is not done", id,
			    xml_prop(a, "due"));
}

static void
link_risks(link_ctx *c, xmlNode *root)
{
	xmlNode *risks = xml_add(root, "risks");
	long count = 0;

	for (guint i = 0; i < c->risk_roots->len; i++) {
		FOR_ELEMENTS(r, c->risk_roots->pdata[i], "risk") {
			xmlNode *m = copy(c, r, risks);
			int inherent, residual;
			xmlNode *tr = xml_first(r, "treatment");
			const char *id = xml_prop(r, "id");

			rate(c, xml_first(r, "inherent"), m, "", &inherent);
			rate(c, xml_first(r, "residual"), m, "residual-",
			    &residual);
			xml_set(m, "acceptable", residual <= c->acceptable ?
			    "yes" : "no");
			scale_labels(c, m);
			check_risk(c, r, inherent, residual);
			FOR_ELEMENTS(ctl, tr, "control") {
				const char *ref = xml_prop(ctl, "ref");
				const xmlNode *sel =
				    g_hash_table_lookup(c->selection, ref);
				if (sel != NULL &&
				    is(xml_prop(sel, "applicable"), "no"))
					report(R_RISK_CONTROL_EXCLUDED, ctl, "ref",
					    "risk %s is treated with control %s, "
					    "which the selection excludes", id, ref);
				push_multi(c->control_risks, ref, r);
			}
			count++;
		}
	}
	set_int(risks, "count", count);
}

/* Counts of risks per band (inherent and residual), per cell of the
 * score grid and per owner: what the risk assessment report shows. */
/* the count kept in a table of counts under a formatted key */
G_GNUC_PRINTF(2, 3) static long
count_of(GHashTable *count, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *k = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	long n = (long)GPOINTER_TO_SIZE(g_hash_table_lookup(count, k));
	g_free(k);
	return n;
}

static void
summarise_risks(link_ctx *c, xmlNode *root)
{
	xmlNode *risks = xml_first(root, "risks");
	xmlNode *method = xml_first(root, "risk-methodology");
	xmlNode *by_band = xml_add(risks, "by-band");
	xmlNode *by_owner = xml_add(risks, "by-owner");
	const char *const which[][2] = {
		{ "inherent", "" }, { "residual", "residual-" }
	};

	/* one pass over the risks: counts by band and by matrix cell (keys
	 * "inherent band-id", "residual L:I"), risks by owner */
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	GHashTable *owned = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, (GDestroyNotify)g_ptr_array_unref);
	FOR_ELEMENTS(r, risks, "risk") {
		for (size_t w = 0; w < G_N_ELEMENTS(which); w++) {
			char *band_key = g_strconcat(which[w][1], "band", NULL);
			xmlNode *rt = xml_first(r, which[w][0]);
			char *keys[] = {
				g_strdup_printf("%s %s", which[w][0],
				    xml_prop(r, band_key) ? xml_prop(r, band_key) : ""),
				g_strdup_printf("%s %s:%s", which[w][0],
				    xml_prop(rt, "likelihood") ? xml_prop(rt, "likelihood") : "",
				    xml_prop(rt, "impact") ? xml_prop(rt, "impact") : ""),
			};
			for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
				gpointer n = g_hash_table_lookup(count, keys[k]);
				g_hash_table_replace(count, keys[k],
				    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
			}
			g_free(band_key);
		}
		const char *owner = xml_prop(r, "owner");
		if (owner == NULL)
			continue;
		GPtrArray *a = g_hash_table_lookup(owned, owner);
		if (a == NULL)
			g_hash_table_insert(owned, (gpointer)owner,
			    a = g_ptr_array_new());
		g_ptr_array_add(a, r);
	}
	for (guint i = 0; i < c->bands->len; i++) {
		const xmlNode *b = g_array_index(c->bands, band, i).node;
		xmlNode *x = xml_add(by_band, "band");
		xml_set(x, "id", xml_prop(b, "id"));
		xml_set(x, "label", xml_prop(b, "label"));
		xml_set(x, "colour", xml_prop(b, "colour"));
		for (size_t w = 0; w < G_N_ELEMENTS(which); w++)
			set_int(x, which[w][0], count_of(count, "%s %s", which[w][0],
			    xml_prop(b, "id")));
	}
	FOR_ELEMENTS(cell, xml_first(method, "matrix"), "cell") {
		for (size_t w = 0; w < G_N_ELEMENTS(which); w++)
			set_int(cell, which[w][0], count_of(count, "%s %s:%s",
			    which[w][0], xml_prop(cell, "likelihood"),
			    xml_prop(cell, "impact")));
	}
	/* owners in the order of the organization's roles */
	FOR_ELEMENTS(role, xml_first(c->org, "roles"), "role") {
		GPtrArray *a = xml_prop(role, "id") ?
		    g_hash_table_lookup(owned, xml_prop(role, "id")) : NULL;
		if (a == NULL)
			continue;
		xmlNode *o = xml_add(by_owner, "owner");
		xml_set(o, "ref", xml_prop(role, "id"));
		xml_set(o, "title", xml_prop(role, "title"));
		if (xml_prop(role, "holder") != NULL)
			xml_set(o, "holder", xml_prop(role, "holder"));
		for (guint i = 0; i < a->len; i++) {
			xmlNode *r = g_ptr_array_index(a, i);
			xmlNode *x = xml_add(o, "risk");
			xml_set(x, "ref", xml_prop(r, "id"));
			set_title(x, r);
			const char *const keep[] = { "score", "band-label",
				"residual-score", "residual-band-label" };
			for (size_t k = 0; k < G_N_ELEMENTS(keep); k++)
				if (xml_prop(r, keep[k]) != NULL)
					xml_set(x, keep[k], xml_prop(r, keep[k]));
		}
		set_int(o, "count", (long)a->len);
	}
	g_hash_table_unref(owned);
	g_hash_table_unref(count);
}

/* ---- the control selection ---------------------------------------------- */

static const char *const statuses[] = {
	"implemented", "partial", "planned", "not-implemented"
};
static const char *const status_words[] = {
	"implemented", "partially implemented", "only planned",
	"not implemented"
};

typedef struct tally {
	long total, applicable, excluded, status[G_N_ELEMENTS(statuses)];
} tally;

static void
count(tally *t, const xmlNode *sel)
{
	t->total++;
	if (!is(xml_prop(sel, "applicable"), "yes")) {
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

/* Whether a risk treated with control id has an action still to do. */
static int
has_open_action(link_ctx *c, const char *id)
{
	GPtrArray *risks = g_hash_table_lookup(c->control_risks, id);

	for (guint i = 0; risks != NULL && i < risks->len; i++)
		FOR_ELEMENTS(a, xml_first(risks->pdata[i], "treatment"),
		    "action")
			if (!is(xml_prop(a, "status"), "done"))
				return 1;
	return 0;
}

/* Rules for one selected control (Annex A or organization-defined). */
static void
check_control(link_ctx *c, const xmlNode *sel)
{
	const char *id = xml_prop(sel, "id");
	const char *status = xml_prop(sel, "status");

	if (is(xml_prop(sel, "applicable"), "undecided")) {
		const char *title = control_title(c, id);
		report(R_APPLICABILITY_UNDECIDED, sel, "applicable",
		    "control %s%s%s%s: applicability not decided: set "
		    "applicable=\"yes\" with a status, an owner and a reason, "
		    "or applicable=\"no\" with a justification", id,
		    title ? " (" : "", title ? title : "", title ? ")" : "");
		return;
	}
	if (!is(xml_prop(sel, "applicable"), "yes")) {
		if (xml_first(sel, "justification") == NULL)
			report(R_EXCLUSION_INCOMPLETE, sel, NULL,
			    "excluded control %s has no justification", id);
		if (status != NULL)
			report(R_EXCLUSION_INCOMPLETE, sel, "status",
			    "excluded control %s has an implementation status",
			    id);
		return;
	}
	if (status == NULL)
		report(R_APPLICABLE_INCOMPLETE, sel, NULL,
		    "applicable control %s has no implementation status", id);
	if (xml_prop(sel, "owner") == NULL)
		report(R_APPLICABLE_INCOMPLETE, sel, NULL,
		    "applicable control %s has no owner", id);
	if (xml_first(sel, "reason") == NULL)
		report(R_APPLICABLE_INCOMPLETE, sel, NULL,
		    "applicable control %s has no reason for inclusion", id);
	if (xml_first(sel, "justification") != NULL)
		report(R_APPLICABLE_INCOMPLETE, xml_first(sel, "justification"),
		    NULL, "applicable control %s has a justification for "
		    "exclusion", id);
	FOR_ELEMENTS(r, sel, "reason")
		if (is(xml_prop(r, "type"), "risk") &&
		    !g_hash_table_contains(c->control_risks, id))
			report(R_RISK_REASON_UNUSED, r, "type",
			    "control %s gives risk treatment as a reason, "
			    "but no risk in the register is treated with it",
			    id);
	for (size_t i = 1; status != NULL && i < G_N_ELEMENTS(statuses); i++)
		if (is(status, statuses[i]) && xml_prop(sel, "due") == NULL &&
		    !has_open_action(c, id))
			report(R_GAP_WITHOUT_PLAN, sel, "status", "applicable "
			    "control %s is %s but has neither a due date nor "
			    "an open treatment action", id, status_words[i]);
	if (is(status, "implemented") && xml_first(sel, "evidence") == NULL)
		report(R_EVIDENCE_MISSING, sel, "status", "control %s is "
		    "implemented but cites no evidence", id);
	const xmlNode *k = g_hash_table_lookup(c->catalogue, id);
	const xmlNode *doc = k ? xml_first(k, "documented") : NULL;
	if (doc != NULL && xml_is(sel, "control") &&
	    !g_hash_table_contains(c->control_policies, id)) {
		char *what = text_of(doc);
		report(R_CONTROL_WITHOUT_POLICY, sel, "id", "control %s requires "
		    "%s, but no policy implements it", id, what);
		g_free(what);
	}
}

/* <attributes> of a model control: for each attribute of the catalogue's
 * vocabulary, the values the control has, with their labels. */
static void
model_attributes(link_ctx *c, const xmlNode *k, xmlNode *m)
{
	xmlNode *attrs = xml_add(m, "attributes");

	FOR_ELEMENTS(a, c->vocabulary, "attribute") {
		xmlNode *x = xml_add(attrs, "attribute");
		xml_set(x, "id", xml_prop(a, "id"));
		xml_set(x, "title", xml_prop(a, "title"));
		FOR_ELEMENTS(v, a, "value") {
			if (!has_word(xml_prop(k, xml_prop(a, "on")),
			    xml_prop(v, "id")))
				continue;
			xmlNode *y = xml_add(x, "value");
			xml_set(y, "id", xml_prop(v, "id"));
			xml_set(y, "label", xml_prop(v, "label"));
		}
	}
}

/* The model entry of one control: the selection copied, plus catalogue
 * title, attributes and predecessors, and the risks and policies that
 * link to it. k is the catalogue control, NULL for a custom one. */
static void
model_control(link_ctx *c, const xmlNode *sel, const xmlNode *k,
    const char *title, xmlNode *theme)
{
	const char *id = xml_prop(sel, "id");
	xmlNode *m = copy(c, sel, theme);

	xmlNodeSetName(m, (const xmlChar *)"control");
	xml_set(m, "title", title);
	if (xml_is(sel, "custom-control"))
		xml_set(m, "custom", "yes");
	if (k != NULL) {
		if (is(xml_prop(k, "new"), "yes"))
			xml_set(m, "new", "yes");
		model_attributes(c, k, m);
		GPtrArray *olds = g_hash_table_lookup(c->predecessors, id);
		for (guint i = 0; olds != NULL && i < olds->len; i++) {
			xmlNode *x = xml_add(m, "predecessor");
			xml_set(x, "id", xml_prop(olds->pdata[i], "id"));
			xml_set(x, "title", xml_prop(olds->pdata[i], "title"));
		}
		if (xml_first(k, "documented") != NULL) {
			char *t = text_of(xml_first(k, "documented"));
			xmlNewTextChild(m, NULL, (const xmlChar *)"documented",
			    (const xmlChar *)t);
			g_free(t);
		}
	}
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

/* Applicable Annex A controls counted by attribute value: the SoA's
 * annex. */
static void
summarise_attributes(link_ctx *c, xmlNode *controls)
{
	xmlNode *sum = xml_add(controls, "attribute-summary");

	FOR_ELEMENTS(a, c->vocabulary, "attribute") {
		xmlNode *x = xml_add(sum, "attribute");
		xml_set(x, "id", xml_prop(a, "id"));
		xml_set(x, "title", xml_prop(a, "title"));
		FOR_ELEMENTS(v, a, "value") {
			tally t = { 0 };
			GHashTableIter it;
			gpointer key, node;
			g_hash_table_iter_init(&it, c->catalogue);
			while (g_hash_table_iter_next(&it, &key, &node)) {
				const xmlNode *sel = g_hash_table_lookup(
				    c->selection, key);
				if (sel != NULL && has_word(xml_prop(node,
				    xml_prop(a, "on")), xml_prop(v, "id")))
					count(&t, sel);
			}
			xmlNode *y = xml_add(x, "value");
			xml_set(y, "id", xml_prop(v, "id"));
			xml_set(y, "label", xml_prop(v, "label"));
			set_tally(y, &t);
		}
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
			if (xml_is(n, "control") && !known &&
			    !check_2013_id(c, n, "id", id))
				report(R_UNKNOWN_CONTROL, n, "id",
				    "'%s' is not an ISO/IEC 27001:2022 Annex A "
				    "control", id);
			else if (xml_is(n, "custom-control") && known)
				report(R_UNKNOWN_CONTROL, n, "id",
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
					report(R_MISSING_CONTROL, first, NULL,
					    "Annex A control %s (%s) is missing "
					    "from the selection", id,
					    xml_prop(k, "title"));
				continue;
			}
			model_control(c, sel, k, xml_prop(k, "title"), mt);
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
			model_control(c, n, NULL,
			    control_title(c, xml_prop(n, "id")), custom);
			count(&t, n);
			count(&all, n);
		}
	}
	if (custom != NULL)
		set_tally(custom, &t);
	set_tally(controls, &all);
	summarise_attributes(c, controls);
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

/* The version the approval date approves: that of the latest revision
 * dated on or before it; NULL without approval. */
static const char *
approved_version(const xmlNode *p)
{
	GDate approved, d, best;
	const char *v = NULL;

	if (parse_date(xml_prop(p, "approved"), &approved) != 0)
		return NULL;
	g_date_clear(&best, 1);
	FOR_ELEMENTS(r, xml_first(p, "history"), "revision") {
		if (parse_date(xml_prop(r, "date"), &d) != 0 ||
		    g_date_compare(&d, &approved) > 0)
			continue;
		if (v == NULL || g_date_compare(&d, &best) >= 0) {
			best = d;
			v = xml_prop(r, "version");
		}
	}
	return v;
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
		const char *review = xml_prop(m, "next-review");
		if (before_today(c, review))
			report(R_REVIEW_OVERDUE, p, xml_prop(p, "next-review") ?
			    "next-review" : "approved", "policy %s was due for "
			    "review on %s", id, review);
		const char *av = approved_version(p);
		const char *version = xml_prop(p, "version");
		if (av != NULL)
			xml_set(m, "approved-version", av);
		if (av == NULL)
			report(R_POLICY_DRAFT, p, "version", "policy %s version "
			    "%s is not approved; it is marked DRAFT", id, version);
		else if (!is(av, version))
			report(R_POLICY_DRAFT, p, "version", "policy %s version "
			    "%s is not approved (the approval of %s is for "
			    "version %s); it is marked DRAFT", id, version,
			    xml_prop(p, "approved"), av);
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
			if (sel != NULL && is(xml_prop(sel, "applicable"), "no"))
				report(R_POLICY_CLAIMS_EXCLUDED, ctl, "ref",
				    "policy %s implements control %s, which the "
				    "selection excludes", xml_prop(p, "id"), ref);
			else if (sel == NULL &&
			    g_hash_table_contains(c->catalogue, ref))
				report(R_POLICY_CLAIMS_EXCLUDED, ctl, "ref",
				    "policy %s implements control %s, which is "
				    "not in the selection", xml_prop(p, "id"), ref);
			push_multi(c->control_policies, ref, p);
		}
	}
}

/* ---- objectives and records ------------------------------------------------ */

/* Copy the children of every root in roots under one model element. */
static xmlNode *
link_all(link_ctx *c, xmlNode *root, const char *name, GPtrArray *roots)
{
	xmlNode *all = xml_add(root, name);
	long n = 0;

	for (guint i = 0; i < roots->len; i++)
		FOR_ELEMENTS(k, roots->pdata[i], NULL) {
			copy(c, k, all);
			n++;
		}
	set_int(all, "count", n);
	return all;
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

/* ---- readiness: the mandatory documented information ----------------------- */

static void G_GNUC_PRINTF(3, 4)
note(xmlNode *item, const char *kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	xmlNewTextChild(item, NULL, (const xmlChar *)kind, (const xmlChar *)s);
	g_free(s);
}

/* A policy as readiness names it; a draft is also a gap. */
static void
note_policy(xmlNode *item, const xmlNode *p)
{
	note(item, "provided", "%s %s, version %s", xml_prop(p, "ref") ?
	    xml_prop(p, "ref") : xml_prop(p, "id"), xml_prop(p, "title"),
	    xml_prop(p, "version"));
}

static void
note_approval(xmlNode *item, xmlNode *root, const char *id)
{
	FOR_ELEMENTS(p, xml_first(root, "policies"), "policy")
		if (is(xml_prop(p, "id"), id) &&
		    !is(xml_prop(p, "approved-version"), xml_prop(p, "version")))
			note(item, "missing", "%s version %s is not approved",
			    id, xml_prop(p, "version"));
}

static xmlNode *
model_control_by_id(xmlNode *root, const char *id)
{
	FOR_ELEMENTS(th, xml_first(root, "controls"), "theme")
		FOR_ELEMENTS(k, th, "control")
			if (is(xml_prop(k, "id"), id))
				return k;
	return NULL;
}

static void
ready_scope(xmlNode *root, xmlNode *item)
{
	xmlNode *scope = xml_first(xml_first(root, "organization"), "scope");
	int b = 0, e = 0;

	FOR_ELEMENTS(x, scope, "boundary")
		b++;
	FOR_ELEMENTS(x, scope, "exclusion")
		e++;
	if (scope != NULL)
		note(item, "provided", "the scope statement, %d boundaries and "
		    "%d exclusions (%s)", b, e, xml_prop(scope, "src"));
	else
		note(item, "missing", "no scope in the organization file");
}

static void
ready_policy(xmlNode *root, xmlNode *item)
{
	xmlNode *k = model_control_by_id(root, "5.1");

	FOR_ELEMENTS(p, k, "policy") {
		note_policy(item, p);
		note_approval(item, root, xml_prop(p, "ref"));
	}
	if (xml_first(k, "policy") == NULL)
		note(item, "missing", "no policy implements control 5.1 "
		    "(Policies for information security)");
}

/* 6.1.2 and 6.1.3: an element of the risk methodology */
static void
ready_method_part(xmlNode *root, xmlNode *item, const char *part,
    const char *what)
{
	xmlNode *m = xml_first(root, "risk-methodology");
	xmlNode *x = xml_first(m, part);

	if (x != NULL)
		note(item, "provided", "the %s in the risk methodology (%s)",
		    what, xml_prop(x, "src"));
	else
		note(item, "missing", "the risk methodology has no <%s> "
		    "describing the %s", part, what);
}

static void
ready_assessment(xmlNode *root, xmlNode *item)
{
	ready_method_part(root, item, "description", "assessment process");
}

static void
ready_treatment(xmlNode *root, xmlNode *item)
{
	ready_method_part(root, item, "treatment-process", "treatment process");
}

static void
ready_soa(xmlNode *root, xmlNode *item)
{
	xmlNode *k = xml_first(root, "controls");

	note(item, "provided", "the selection of %s controls (%s applicable, "
	    "%s excluded): the Statement of Applicability",
	    xml_prop(k, "total"), xml_prop(k, "applicable"),
	    xml_prop(k, "excluded"));
}

static void
ready_rtp(xmlNode *root, xmlNode *item)
{
	xmlNode *risks = xml_first(root, "risks");

	if (xml_first(risks, "risk") == NULL) {
		note(item, "missing", "no risk in the register (<risks>)");
		return;
	}
	note(item, "provided", "the treatment of %s risks: the risk "
	    "treatment plan", xml_prop(risks, "count"));
	FOR_ELEMENTS(r, risks, "risk")
		if (xml_first(r, "approval") == NULL)
			note(item, "missing", "risk %s: its owner has not "
			    "approved the treatment plan", xml_prop(r, "id"));
}

static void
ready_objectives(xmlNode *root, xmlNode *item)
{
	xmlNode *o = xml_first(root, "objectives");

	if (xml_first(o, "objective") == NULL)
		note(item, "missing", "no information security objectives "
		    "(<objectives>)");
	FOR_ELEMENTS(x, o, "objective") {
		char *t = text_of(xml_first(x, "title"));
		note(item, "provided", "%s %s (due %s)", xml_prop(x, "id"), t,
		    xml_prop(x, "due"));
		g_free(t);
	}
}

static void
ready_assessment_results(xmlNode *root, xmlNode *item)
{
	xmlNode *risks = xml_first(root, "risks");

	if (xml_first(risks, "risk") == NULL)
		note(item, "missing", "no risk in the register (<risks>)");
	else
		note(item, "provided", "the register: %s risks with inherent "
		    "ratings: the risk assessment report",
		    xml_prop(risks, "count"));
}

static void
ready_treatment_results(xmlNode *root, xmlNode *item)
{
	xmlNode *risks = xml_first(root, "risks");
	int actions = 0, done = 0;

	FOR_ELEMENTS(r, risks, "risk")
		FOR_ELEMENTS(a, xml_first(r, "treatment"), "action") {
			actions++;
			done += is(xml_prop(a, "status"), "done");
		}
	if (xml_first(risks, "risk") == NULL)
		note(item, "missing", "no risk in the register (<risks>)");
	else
		note(item, "provided", "residual ratings of %s risks; %d of %d "
		    "treatment actions done", xml_prop(risks, "count"), done,
		    actions);
}

typedef struct readiness_item {
	const char *clause, *title;
	const char *records[2];  /* record types that provide it */
	void (*check)(xmlNode *root, xmlNode *item);
} readiness_item;

static const readiness_item readiness_items[] = {
	{ "4.3", "Scope of the ISMS", { NULL }, ready_scope },
	{ "5.2", "Information security policy", { NULL }, ready_policy },
	{ "6.1.2", "Information security risk assessment process", { NULL },
	  ready_assessment },
	{ "6.1.3", "Information security risk treatment process", { NULL },
	  ready_treatment },
	{ "6.1.3 d", "Statement of Applicability", { NULL }, ready_soa },
	{ "6.1.3 e", "Information security risk treatment plan", { NULL },
	  ready_rtp },
	{ "6.2", "Information security objectives", { NULL },
	  ready_objectives },
	{ "7.2", "Evidence of competence", { "competence" }, NULL },
	{ "8.2", "Results of the information security risk assessments",
	  { NULL }, ready_assessment_results },
	{ "8.3", "Results of the information security risk treatment",
	  { NULL }, ready_treatment_results },
	{ "9.1", "Monitoring and measurement results", { "monitoring" },
	  NULL },
	{ "9.2", "Audit programme and audit results",
	  { "audit-programme", "audit-results" }, NULL },
	{ "9.3", "Results of management reviews", { "management-review" },
	  NULL },
	{ "10.2", "Nonconformities and corrective actions",
	  { "nonconformity" }, NULL },
};

static void
ready_records(xmlNode *root, xmlNode *item, const char *type)
{
	int n = 0;

	FOR_ELEMENTS(r, xml_first(root, "records"), "record") {
		if (!is(xml_prop(r, "type"), type))
			continue;
		char *t = text_of(xml_first(r, "title"));
		note(item, "provided", "%s %s (%s)", xml_prop(r, "id"), t,
		    xml_prop(r, "date"));
		g_free(t);
		n++;
	}
	if (n == 0)
		note(item, "missing", "no record of type %s (<record "
		    "type=\"%s\">)", type, type);
}

static void
set_readiness_status(xmlNode *item, long *gaps)
{
	int gap = xml_first(item, "missing") != NULL ||
	    xml_first(item, "provided") == NULL;

	xml_set(item, "status", gap ? "gap" : "provided");
	*gaps += gap;
}

static void
link_readiness(xmlNode *root)
{
	xmlNode *ready = xml_add(root, "readiness");
	long gaps = 0, items = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(readiness_items); i++) {
		const readiness_item *ri = &readiness_items[i];
		xmlNode *item = xml_add(ready, "item");
		xml_set(item, "clause", ri->clause);
		xml_set(item, "title", ri->title);
		if (ri->check != NULL)
			ri->check(root, item);
		for (size_t t = 0; t < G_N_ELEMENTS(ri->records); t++)
			if (ri->records[t] != NULL)
				ready_records(root, item, ri->records[t]);
		set_readiness_status(item, &gaps);
		items++;
	}
	/* applicable Annex A controls whose text requires documented rules */
	FOR_ELEMENTS(th, xml_first(root, "controls"), "theme") {
		FOR_ELEMENTS(k, th, "control") {
			xmlNode *doc = xml_first(k, "documented");
			if (doc == NULL || !is(xml_prop(k, "applicable"), "yes"))
				continue;
			xmlNode *item = xml_add(ready, "item");
			xml_set(item, "control", xml_prop(k, "id"));
			xml_set(item, "title", xml_prop(k, "title"));
			char *what = text_of(doc);
			xml_set(item, "requires", what);
			g_free(what);
			FOR_ELEMENTS(p, k, "policy") {
				note_policy(item, p);
				note_approval(item, root, xml_prop(p, "ref"));
			}
			if (xml_first(k, "policy") == NULL)
				note(item, "missing", "no policy implements it");
			set_readiness_status(item, &gaps);
			items++;
		}
	}
	set_int(ready, "items", items);
	set_int(ready, "gaps", gaps);
}

int
link_readiness_report(xmlDocPtr model, const char *dir, FILE *out)
{
	xmlNode *ready = xml_first(xmlDocGetRootElement(model), "readiness");
	int gaps = 0, items = 0, heading = 0;

	fprintf(out, "Mandatory documented information (ISO/IEC 27001:2022)\n");
	FOR_ELEMENTS(item, ready, "item") {
		const char *control = xml_prop(item, "control");
		if (control != NULL && !heading) {
			fprintf(out, "\nAnnex A controls that require documented "
			    "information\n");
			heading = 1;
		}
		char *ref = control ? g_strconcat("A.", control, NULL) :
		    g_strdup(xml_prop(item, "clause"));
		int gap = is(xml_prop(item, "status"), "gap");
		fprintf(out, "  %-8s  %-9s %s\n", gap ? "GAP" : "provided",
		    ref, xml_prop(item, "title"));
		FOR_ELEMENTS(x, item, NULL) {
			char *t = text_of(x);
			int missing = xml_is(x, "missing");
			fprintf(out, "                       %s%s\n", missing ? "missing: " :
			    "", t);
			if (missing)
				report_at(R_READINESS_GAP, dir, "%s %s: %s", ref,
				    xml_prop(item, "title"), t);
			g_free(t);
		}
		gaps += gap;
		items++;
		g_free(ref);
	}
	fprintf(out, "\n%d of %d items provided, %d with gaps\n",
	    items - gaps, items, gaps);
	return gaps;
}

/* ---- entry points --------------------------------------------------------- */

static void
free_multi(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

/* The 2013 catalogue beside the 2022 one; NULL after reporting. */
static xmlDocPtr
load_2013(xmlDocPtr catalogue)
{
	const char *url = catalogue->URL ? (const char *)catalogue->URL : ".";
	char *dir = g_path_get_dirname(url);
	char *path = g_build_filename(dir, "annex-a-2013.xml", NULL);
	xmlDocPtr doc = load_file(path, path);

	g_free(path);
	g_free(dir);
	return doc;
}

xmlDocPtr
link_model(const source_set *set, xmlDocPtr catalogue,
    const link_options *opt)
{
	link_ctx c = { .set = set, .opt = opt };
	int errors = diag_count(DIAG_ERROR);
	xmlDocPtr c2013 = load_2013(catalogue);

	if (parse_date(opt->date, &c.today) != 0)
		g_date_clear(&c.today, 1);
	c.risk_roots = g_ptr_array_new();
	c.control_roots = g_ptr_array_new();
	c.policies = g_ptr_array_new();
	c.objective_roots = g_ptr_array_new();
	c.record_roots = g_ptr_array_new();
	c.roles = g_hash_table_new(g_str_hash, g_str_equal);
	c.catalogue = g_hash_table_new(g_str_hash, g_str_equal);
	c.c2013 = g_hash_table_new(g_str_hash, g_str_equal);
	c.predecessors = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, free_multi);
	c.selection = g_hash_table_new(g_str_hash, g_str_equal);
	c.risks = g_hash_table_new(g_str_hash, g_str_equal);
	c.policy_ids = g_hash_table_new(g_str_hash, g_str_equal);
	c.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.control_risks = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, free_multi);
	c.control_policies = g_hash_table_new_full(g_str_hash, g_str_equal,
	    NULL, free_multi);
	c.bands = g_array_new(FALSE, FALSE, sizeof(band));
	c.lik = g_hash_table_new(g_str_hash, g_str_equal);
	c.imp = g_hash_table_new(g_str_hash, g_str_equal);

	index_catalogue(&c, catalogue);
	if (c2013 != NULL)
		index_2013(&c, c2013);
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
	summarise_risks(&c, root);
	link_controls(&c, root, catalogue);
	link_policies(&c, root);
	link_all(&c, root, "objectives", c.objective_roots);
	link_all(&c, root, "records", c.record_roots);
	link_readiness(root);

	g_ptr_array_free(c.risk_roots, TRUE);
	g_ptr_array_free(c.control_roots, TRUE);
	g_ptr_array_free(c.policies, TRUE);
	g_ptr_array_free(c.objective_roots, TRUE);
	g_ptr_array_free(c.record_roots, TRUE);
	g_hash_table_destroy(c.roles);
	g_hash_table_destroy(c.catalogue);
	g_hash_table_destroy(c.c2013);
	g_hash_table_destroy(c.predecessors);
	g_hash_table_destroy(c.selection);
	g_hash_table_destroy(c.risks);
	g_hash_table_destroy(c.policy_ids);
	g_hash_table_destroy(c.ids);
	g_hash_table_destroy(c.control_risks);
	g_hash_table_destroy(c.control_policies);
	g_array_free(c.bands, TRUE);
	g_hash_table_destroy(c.lik);
	g_hash_table_destroy(c.imp);
	xmlFreeDoc(c2013);

	if (c2013 == NULL || diag_count(DIAG_ERROR) > errors) {
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
