/* link: the example ISMS gives the model doc/model.md describes, and each
 * broken rule of the sources is an error at its place and no model. */
#include "helpers.h"

static xmlDocPtr example_model;        /* linked once, read by many tests */

static int
group_setup(void **state)
{
	if (test_group_setup(state) != 0)
		return -1;
	char *err = NULL;
	example_model = link_dir(EXAMPLE, &err);
	if (example_model == NULL) {
		fprintf(stderr, "the example does not link:\n%s", err);
		g_free(err);
		return -1;
	}
	g_free(err);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	xmlFreeDoc(example_model);
	return 0;
}

static void
test_example_links(void **state)
{
	(void)state;
	char *err = NULL;
	xmlDocPtr m = link_dir(EXAMPLE, &err);

	assert_non_null(m);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_int_equal(diag_count(DIAG_WARNING), 0);
	assert_string_equal(err, "");
	assert_xp_string(m, "name(/*)", "isms");
	assert_xp_string(m, "string(/isms/@date)", "2026-11-25");
	assert_xp_string(m, "string(/isms/@generator)", "ismsc test");
	assert_xp_string(m, "string(/isms/@org)", "Northwind Ledger Ltd");
	assert_xp_number(m, "count(/isms/organization)", 1);
	assert_xp_number(m, "count(/isms/risk-methodology)", 1);
	g_free(err);
	xmlFreeDoc(m);
}

/* 93 Annex A controls in the four themes, each once, plus the two
 * organization-defined ones in their own theme. */
static void
test_controls_complete(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	xmlDocPtr cat = load_catalogue();

	assert_xp_number(m, "count(/isms/controls/theme"
	    "[@id != 'organization-defined']/control)", 93);
	assert_xp_number(m, "count(/isms/controls/theme"
	    "[@id = 'organization-defined']/control[@custom = 'yes'])", 2);
	assert_xp_number(m, "count(/isms/controls/theme/control)", 95);
	assert_xp_number(m, "/isms/controls/@total", 95);
	static const struct { const char *id; int n; } themes[] = {
		{ "organizational", 37 }, { "people", 8 },
		{ "physical", 14 }, { "technological", 34 },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(themes); i++) {
		char *x = g_strdup_printf("/isms/controls/theme[@id='%s']/@total",
		    themes[i].id);
		assert_xp_number(m, x, themes[i].n);
		g_free(x);
	}
	/* every catalogue control once, with the catalogue's title */
	int n = (int)xp_number(cat, "count(//control)");
	assert_int_equal(n, 93);
	for (int i = 1; i <= n; i++) {
		char *x = g_strdup_printf("string((//control)[%d]/@id)", i);
		char *id = xp_string(cat, x);
		g_free(x);
		x = g_strdup_printf("string((//control)[%d]/@title)", i);
		char *title = xp_string(cat, x);
		g_free(x);
		x = g_strdup_printf("count(/isms/controls/theme/control"
		    "[@id='%s'])", id);
		assert_xp_number(m, x, 1);
		g_free(x);
		x = g_strdup_printf("string(/isms/controls/theme/control"
		    "[@id='%s']/@title)", id);
		assert_xp_string(m, x, title);
		g_free(x);
		g_free(id);
		g_free(title);
	}
	xmlFreeDoc(cat);
}

/* The counts on <controls> and on each theme are those of the controls
 * below them, and the excluded ones are those the sources exclude. */
static void
test_control_counts_match_selection(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	static const char *const statuses[] = {
		"implemented", "partial", "planned", "not-implemented"
	};
	int themes = (int)xp_number(m, "count(/isms/controls/theme)");

	assert_int_equal(themes, 5);
	for (int t = 0; t <= themes; t++) {
		/* t = 0: the whole selection, else theme t */
		char *at = t == 0 ? g_strdup("/isms/controls") :
		    g_strdup_printf("/isms/controls/theme[%d]", t);
		const char *ctl = t == 0 ? "/theme/control" : "/control";
		char *x, *want;
#define COUNT_EQ(attr, pred)                                                  \
		x = g_strdup_printf("number(%s/@%s)", at, attr);              \
		want = g_strdup_printf("count(%s%s%s)", at, ctl, pred);       \
		assert_int_equal((int)xp_number(m, x), (int)xp_number(m, want)); \
		g_free(x);                                                    \
		g_free(want)
		COUNT_EQ("total", "");
		COUNT_EQ("applicable", "[@applicable='yes']");
		COUNT_EQ("excluded", "[@applicable='no']");
		for (size_t s = 0; s < G_N_ELEMENTS(statuses); s++) {
			char *pred = g_strdup_printf("[@status='%s']",
			    statuses[s]);
			COUNT_EQ(statuses[s], pred);
			g_free(pred);
		}
#undef COUNT_EQ
		g_free(at);
	}
	xmlDocPtr src = load_file(EXAMPLE "/controls.xml", "controls.xml");
	assert_non_null(src);
	int excluded = (int)xp_number(src, "count(/controls/*"
	    "[@applicable='no'])");
	assert_int_equal(excluded, 6);
	assert_xp_number(m, "/isms/controls/@excluded", excluded);
	assert_xp_number(m, "/isms/controls/@applicable", 95 - excluded);
	assert_xp_number(m, "count(/isms/controls/theme[@id='physical']"
	    "/control[@id='7.6'][@applicable='no'][justification])", 1);
	xmlFreeDoc(src);
}

/* score = likelihood x impact; the band is the methodology's band that
 * holds the score; residual alike; acceptable against max-score. */
static void
test_risk_scores_and_bands(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	int n = (int)xp_number(m, "count(/isms/risks/risk)");
	int accept = (int)xp_number(m,
	    "number(/isms/risk-methodology/acceptance/@max-score)");

	assert_int_equal(n, 30);
	assert_xp_number(m, "/isms/risks/@count", 30);
	assert_int_equal(accept, 8);
	for (int i = 1; i <= n; i++) {
		static const char *const which[][2] = {
			{ "inherent", "" }, { "residual", "residual-" }
		};
		int rscore = 0;
		for (size_t w = 0; w < 2; w++) {
			char *x = g_strdup_printf("number(/isms/risks/risk[%d]/%s"
			    "/@likelihood) * number(/isms/risks/risk[%d]/%s"
			    "/@impact)", i, which[w][0], i, which[w][0]);
			int score = (int)xp_number(m, x);
			g_free(x);
			assert_true(score >= 1 && score <= 25);
			x = g_strdup_printf("number(/isms/risks/risk[%d]/@%sscore)",
			    i, which[w][1]);
			assert_int_equal((int)xp_number(m, x), score);
			g_free(x);
			const char *parts[][2] = { { "band", "id" },
				{ "band-label", "label" },
				{ "band-colour", "colour" } };
			for (size_t p = 0; p < 3; p++) {
				x = g_strdup_printf("string(/isms/risk-methodology"
				    "/bands/band[@min <= %d and @max >= %d]/@%s)",
				    score, score, parts[p][1]);
				char *want = xp_string(m, x);
				g_free(x);
				assert_true(want[0] != '\0');
				x = g_strdup_printf("string(/isms/risks/risk[%d]"
				    "/@%s%s)", i, which[w][1], parts[p][0]);
				assert_xp_string(m, x, want);
				g_free(x);
				g_free(want);
			}
			rscore = score;
		}
		char *x = g_strdup_printf("string(/isms/risks/risk[%d]"
		    "/@acceptable)", i);
		assert_xp_string(m, x, rscore <= accept ? "yes" : "no");
		g_free(x);
	}
	/* one by hand: R-001 is 4 x 5 = 20 inherent, 2 x 4 = 8 residual */
	assert_xp_number(m, "/isms/risks/risk[@id='R-001']/@score", 20);
	assert_xp_string(m, "string(/isms/risks/risk[@id='R-001']/@band)",
	    "critical");
	assert_xp_number(m, "/isms/risks/risk[@id='R-001']/@residual-score", 8);
	assert_xp_string(m,
	    "string(/isms/risks/risk[@id='R-001']/@residual-band)", "medium");
	assert_xp_string(m,
	    "string(/isms/risks/risk[@id='R-001']/@acceptable)", "yes");
}

/* Ratings carry the words of their levels; residual bands their labels. */
static void
test_residual_labels(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	const char *r = "/isms/risks/risk[@id='R-001']";
	char *x;

#define R(path, want)                                                   \
	x = g_strconcat("string(", r, path, ")", NULL);                 \
	assert_xp_string(m, x, want);                                   \
	g_free(x)
	R("/inherent/@likelihood-label", "Likely");
	R("/inherent/@impact-label", "Severe");
	R("/residual/@likelihood-label", "Unlikely");
	R("/residual/@impact-label", "Major");
	R("/@band-label", "Critical");
	R("/@residual-band-label", "Medium");
	R("/@residual-band-colour", "#e0b000");
	R("/@owner-title", "Chief Technology Officer");
	R("/@owner-holder", "Priya Raman");
	R("/approval/@by-title", "Chief Technology Officer");
#undef R
	/* every rating of every risk is labelled */
	assert_xp_number(m, "count(/isms/risks/risk/*[self::inherent or "
	    "self::residual][not(@likelihood-label) or not(@impact-label)])",
	    0);
	/* the score grid: 5 x 5, likelihood descending, impact ascending */
	assert_xp_number(m, "count(/isms/risk-methodology/matrix/cell)", 25);
	assert_xp_string(m, "concat(/isms/risk-methodology/matrix/cell[1]"
	    "/@likelihood, 'x', /isms/risk-methodology/matrix/cell[1]/@impact)",
	    "5x1");
	assert_xp_string(m, "string(/isms/risk-methodology/matrix/cell"
	    "[@likelihood=4][@impact=5]/@band)", "critical");
}

/* Every (risk, control) pair of a treatment is listed under the control,
 * with the risk's title. */
static void
test_risk_listed_under_control(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	int n = (int)xp_number(m, "count(/isms/risks/risk/treatment/control)");

	assert_true(n > 30);
	for (int i = 1; i <= n; i++) {
		char *x = g_strdup_printf("string((/isms/risks/risk/treatment"
		    "/control)[%d]/@ref)", i);
		char *ctl = xp_string(m, x);
		g_free(x);
		x = g_strdup_printf("string((/isms/risks/risk/treatment"
		    "/control)[%d]/ancestor::risk/@id)", i);
		char *risk = xp_string(m, x);
		g_free(x);
		x = g_strdup_printf("count(/isms/controls/theme/control[@id='%s']"
		    "/risk[@ref='%s'])", ctl, risk);
		if (xp_number(m, x) != 1)
			fail_msg("control %s does not list risk %s once", ctl,
			    risk);
		g_free(x);
		g_free(ctl);
		g_free(risk);
	}
	assert_xp_number(m, "count(/isms/controls/theme/control/risk)", n);
	assert_xp_string(m, "string(/isms/controls/theme/control[@id='8.7']"
	    "/risk[@ref='R-001']/@title)",
	    "Ransomware encrypts production or corporate systems");
	/* a reference to an organization-defined control says so */
	assert_xp_string(m, "string(/isms/risks/risk[@id='R-004']/treatment"
	    "/control[@ref='NL-1']/@custom)", "yes");
	assert_xp_string(m, "string(/isms/risks/risk[@id='R-004']/treatment"
	    "/control[@ref='NL-1']/@title)",
	    "Dual authorisation of payroll bank detail changes");
}

static void
test_policy_listed_under_control(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	int n = (int)xp_number(m,
	    "count(/isms/policies/policy/implements/control)");

	assert_true(n > 9);
	for (int i = 1; i <= n; i++) {
		char *x = g_strdup_printf("string((/isms/policies/policy"
		    "/implements/control)[%d]/@ref)", i);
		char *ctl = xp_string(m, x);
		g_free(x);
		x = g_strdup_printf("string((/isms/policies/policy/implements"
		    "/control)[%d]/ancestor::policy/@id)", i);
		char *pol = xp_string(m, x);
		g_free(x);
		x = g_strdup_printf("count(/isms/controls/theme/control[@id='%s']"
		    "/policy[@ref='%s'])", ctl, pol);
		if (xp_number(m, x) != 1)
			fail_msg("control %s does not list policy %s once", ctl,
			    pol);
		g_free(x);
		g_free(ctl);
		g_free(pol);
	}
	assert_xp_number(m, "count(/isms/controls/theme/control/policy)", n);
	const char *p = "/isms/controls/theme/control[@id='5.15']"
	    "/policy[@ref='POL-02']";
	char *x = g_strdup_printf("concat(%s/@title, '|', %s/@version)", p, p);
	assert_xp_string(m, x, "Access Control Policy|2.2");
	g_free(x);
	/* inline references carry their target's title */
	assert_xp_string(m, "string(/isms/policies/policy[@id='POL-02']"
	    "//xref[@section='ac-privileged']/@title)",
	    "Privileged access");
}

static void
test_policy_ids(void **state)
{
	(void)state;
	GPtrArray *ids = link_policy_ids(example_model);

	assert_int_equal(ids->len, 10);
	assert_xp_number(example_model, "/isms/policies/@count", 10);
	for (guint i = 0; i < ids->len; i++) {
		char want[16];
		snprintf(want, sizeof(want), "POL-%02u", i + 1);
		assert_string_equal(ids->pdata[i], want);
	}
	g_ptr_array_free(ids, TRUE);
}

/* Every copied element says where it came from. */
static void
test_src_references(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;

	assert_xp_string(m, "string(/isms/risks/risk[@id='R-001']/@src)",
	    EXAMPLE "/risks.xml:3");
	assert_xp_string(m, "string(/isms/controls/theme/control[@id='5.1']"
	    "/@src)", EXAMPLE "/controls.xml:4");
	assert_xp_number(m, "count(/isms/policies/policy//*[not(@src)])", 0);
}

/* next-review defaults to approved + review-months; classification to
 * the organization's; explicit values stay; a draft gets no date. */
static void
test_next_review_default(void **state)
{
	(void)state;
	char *dir = example_copy();

	edit_file(dir, "organization.xml", "review-months=\"12\"",
	    "review-months=\"6\"");
	edit_file(dir, "organization.xml", "classification=\"internal\"",
	    "classification=\"confidential\"");
	edit_file(dir, "documents/POL-02-access-control.xml",
	    " classification=\"internal\" next-review=\"2027-04-08\"", "");
	edit_file_re(dir, "documents/POL-03-acceptable-use.xml",
	    " approved=\"[0-9-]+\"", "");
	edit_file_re(dir, "documents/POL-03-acceptable-use.xml",
	    " next-review=\"[0-9-]+\"", "");
	xmlDocPtr m = link_dir(dir, NULL);
	assert_non_null(m);

	const char *p2 = "/isms/policies/policy[@id='POL-02']";
	char *x = g_strdup_printf("string(%s/@next-review)", p2);
	assert_xp_string(m, x, "2026-10-08");     /* 2026-04-08 + 6 months */
	g_free(x);
	x = g_strdup_printf("string(%s/@classification)", p2);
	assert_xp_string(m, x, "confidential");
	g_free(x);
	assert_xp_string(m, "string(/isms/policies/policy[@id='POL-01']"
	    "/@next-review)", "2027-03-12");
	assert_xp_string(m, "string(/isms/policies/policy[@id='POL-01']"
	    "/@classification)", "internal");
	assert_xp_number(m, "count(/isms/policies/policy[@id='POL-03']"
	    "/@next-review)", 0);
	xmlFreeDoc(m);
	rm_tree(dir);
	g_free(dir);
}

/* ---- the catalogues ------------------------------------------------------ */

/* The 2022 catalogue: 37/8/14/34 controls, the 11 new in 2022, every
 * control with a value of each ISO/IEC 27002 attribute from the
 * vocabulary; spot checks against the standard's table. */
static void
test_catalogue_2022(void **state)
{
	(void)state;
	xmlDocPtr cat = load_catalogue();
	static const struct { const char *theme; int n; } themes[] = {
		{ "organizational", 37 }, { "people", 8 },
		{ "physical", 14 }, { "technological", 34 },
	};
	static const char *const new_ids[] = { "5.7", "5.23", "5.30", "7.4",
		"8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28" };
	static const char *const attrs[] = { "type", "properties", "concepts",
		"capabilities", "domains" };

	for (size_t i = 0; i < G_N_ELEMENTS(themes); i++) {
		char *x = g_strdup_printf("count(//theme[@id='%s']/control)",
		    themes[i].theme);
		assert_xp_number(cat, x, themes[i].n);
		g_free(x);
	}
	assert_xp_number(cat, "count(//control[@new='yes'])", 11);
	for (size_t i = 0; i < G_N_ELEMENTS(new_ids); i++) {
		char *x = g_strdup_printf("string(//control[@id='%s']/@new)",
		    new_ids[i]);
		assert_xp_string(cat, x, "yes");
		g_free(x);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(attrs); i++) {
		char *x = g_strdup_printf("count(//theme/control[not(@%s) or "
		    "normalize-space(@%s) = ''])", attrs[i], attrs[i]);
		assert_xp_number(cat, x, 0);
		g_free(x);
	}
	assert_xp_string(cat, "string(//control[@id='5.7']/@type)",
	    "preventive detective corrective");
	assert_xp_string(cat, "string(//control[@id='5.30']/@properties)",
	    "availability");
	assert_xp_string(cat, "concat(//control[@id='8.13']/@type, '|', "
	    "//control[@id='8.13']/@properties, '|', "
	    "//control[@id='8.13']/@concepts)",
	    "corrective|integrity availability|recover");
	assert_xp_string(cat, "string(//control[@id='5.37']/@domains)",
	    "governance-and-ecosystem protection defence");
	assert_xp_string(cat, "string(//control[@id='8.17']/@type)",
	    "detective");
	/* the link accepts the catalogue: every code is in the vocabulary */
	xmlFreeDoc(cat);
}

/* The 2013 catalogue: 114 controls in 14 domains A.5 to A.18, every one
 * mapped to 2022 controls; every 2022 control that is not new has a
 * predecessor, and the new ones have none. */
static void
test_catalogue_2013(void **state)
{
	(void)state;
	xmlDocPtr old = load_file(TOP "/stylesheets/data/annex-a-2013.xml",
	    "annex-a-2013.xml");
	xmlDocPtr cat = load_catalogue();
	static const int per_domain[] = { 2, 7, 6, 10, 14, 2, 15, 14, 7, 13,
		5, 7, 4, 8 };

	assert_non_null(old);
	assert_xp_number(old, "count(//domain)", 14);
	assert_xp_number(old, "count(//control)", 114);
	for (size_t i = 0; i < G_N_ELEMENTS(per_domain); i++) {
		char *x = g_strdup_printf("count(//domain[@clause='%zu']/control)",
		    i + 5);
		assert_xp_number(old, x, per_domain[i]);
		g_free(x);
	}
	assert_xp_number(old, "count(//control[normalize-space(@to) = ''])", 0);
	int n = (int)xp_number(cat, "count(//theme/control)");
	for (int i = 1; i <= n; i++) {
		char *x = g_strdup_printf("string((//theme/control)[%d]/@id)", i);
		char *id = xp_string(cat, x);
		g_free(x);
		x = g_strdup_printf("string((//theme/control)[%d]/@new)", i);
		char *isnew = xp_string(cat, x);
		g_free(x);
		x = g_strdup_printf("count(//control[contains(concat(' ', @to, "
		    "' '), ' %s ')])", id);
		int preds = (int)xp_number(old, x);
		g_free(x);
		if (strcmp(isnew, "yes") == 0 ? preds != 0 : preds == 0)
			fail_msg("2022 control %s (new=%s) has %d predecessors",
			    id, isnew, preds);
		g_free(id);
		g_free(isnew);
	}
	assert_xp_string(old, "string(//control[@id='9.2.3']/@title)",
	    "Management of privileged access rights");
	assert_xp_string(old, "string(//control[@id='18.2.3']/@to)",
	    "5.36 8.8");
	xmlFreeDoc(old);
	xmlFreeDoc(cat);
}

/* The model carries each control's attributes and predecessors, and the
 * SoA annex counts match the controls. */
static void
test_model_attributes(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;
	const char *c82 = "/isms/controls/theme/control[@id='8.2']";
	char *x;

	x = g_strdup_printf("concat(%s/predecessor/@id, '|', "
	    "%s/predecessor/@title)", c82, c82);
	assert_xp_string(m, x, "9.2.3|Management of privileged access rights");
	g_free(x);
	x = g_strdup_printf("string(%s/attributes/attribute"
	    "[@id='control-type']/value/@label)", c82);
	assert_xp_string(m, x, "Preventive");
	g_free(x);
	assert_xp_string(m, "string(/isms/controls/theme/control[@id='5.7']"
	    "/@new)", "yes");
	assert_xp_number(m, "count(/isms/controls/theme/control[@new='yes'])",
	    11);
	assert_xp_number(m, "count(/isms/controls/theme/control[@id='5.36']"
	    "/predecessor)", 2);
	/* every value's counts are those of the Annex A controls having it */
	int n = (int)xp_number(m, "count(/isms/controls/attribute-summary"
	    "/attribute/value)");
	assert_int_equal(n, 30);
	for (int i = 1; i <= n; i++) {
		const char *v = "(/isms/controls/attribute-summary/attribute"
		    "/value)";
		x = g_strdup_printf("concat(%s[%d]/../@id, ' ', %s[%d]/@id)", v,
		    i, v, i);
		char *pair = xp_string(m, x);
		g_free(x);
		char *sp = strchr(pair, ' ');
		*sp = '\0';
		const char *sel = "/isms/controls/theme/control[attributes"
		    "/attribute[@id='%s']/value[@id='%s']]%s";
		static const struct { const char *attr, *pred; } cols[] = {
			{ "total", "" },
			{ "applicable", "[@applicable='yes']" },
			{ "implemented", "[@status='implemented']" },
		};
		for (size_t k = 0; k < G_N_ELEMENTS(cols); k++) {
			char *want = g_strdup_printf(sel, pair, sp + 1,
			    cols[k].pred);
			char *cnt = g_strdup_printf("count(%s)", want);
			x = g_strdup_printf("number(%s[%d]/@%s)", v, i,
			    cols[k].attr);
			assert_int_equal((int)xp_number(m, x),
			    (int)xp_number(m, cnt));
			g_free(x);
			g_free(cnt);
			g_free(want);
		}
		g_free(pair);
	}
	assert_xp_number(m, "/isms/controls/attribute-summary/attribute"
	    "[@id='control-type']/value[@id='preventive']/@total", 83);
}

static int
count_risks_of(xmlDocPtr m, const char *owner)
{
	char *x = g_strdup_printf("count(/isms/risks/risk[@owner='%s'])", owner);
	int n = (int)xp_number(m, x);

	g_free(x);
	return n;
}

/* Counts for the risk assessment report: per band, per cell, per owner. */
static void
test_risk_summaries(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;

	assert_xp_number(m, "sum(/isms/risks/by-band/band/@inherent)", 30);
	assert_xp_number(m, "sum(/isms/risks/by-band/band/@residual)", 30);
	assert_xp_number(m, "/isms/risks/by-band/band[@id='critical']"
	    "/@inherent", 1);
	assert_xp_number(m, "sum(/isms/risk-methodology/matrix/cell"
	    "/@inherent)", 30);
	assert_xp_number(m, "sum(/isms/risk-methodology/matrix/cell"
	    "/@residual)", 30);
	assert_xp_number(m, "/isms/risk-methodology/matrix/cell"
	    "[@likelihood=4][@impact=5]/@inherent", 1);
	assert_xp_number(m, "sum(/isms/risks/by-owner/owner/@count)", 30);
	assert_xp_number(m, "/isms/risks/by-owner/owner[@ref='cto']/@count",
	    count_risks_of(m, "cto"));
}

/* The example provides every mandatory item; approvals cover the current
 * versions. */
static void
test_readiness_and_approval(void **state)
{
	(void)state;
	xmlDocPtr m = example_model;

	assert_xp_number(m, "/isms/readiness/@gaps", 0);
	assert_xp_number(m, "count(/isms/readiness/item[@clause])", 14);
	assert_xp_number(m, "count(/isms/readiness/item[@control])",
	    xp_number(m, "count(/isms/controls/theme/control[documented]"
	    "[@applicable='yes'])"));
	assert_xp_number(m, "count(/isms/readiness/item[@status='provided'])",
	    xp_number(m, "/isms/readiness/@items"));
	assert_xp_number(m, "count(/isms/policies/policy"
	    "[@approved-version != @version or not(@approved-version)])", 0);
	assert_xp_string(m, "string(/isms/policies/policy[@id='POL-01']"
	    "/@approved-version)", "3.0");
	assert_xp_number(m, "count(/isms/objectives/objective)", 5);
	assert_xp_string(m, "string(/isms/objectives/objective[@id='OBJ-02']"
	    "/@owner-title)", "Chief Technology Officer");
	assert_xp_number(m, "count(/isms/records/record)", 6);
}

/* Warnings depend on the build date: a year on, every policy is past
 * its review and open actions are overdue; warnings leave a model. */
static void
test_warnings_at_build_date(void **state)
{
	(void)state;
	link_options lo = { "2028-01-01", "ismsc test" };
	source_set *set = load_sources(EXAMPLE, SOURCES_RNG, NULL);
	xmlDocPtr cat = load_catalogue();

	capture_begin();
	xmlDocPtr m = link_model(set, cat, &lo);
	char *err = capture_end();
	assert_non_null(m);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_contains(err, "warning: policy POL-01 was due for review on "
	    "2027-03-12 [review-overdue]");
	assert_contains(err, "warning: a treatment action of risk R-001 was due "
	    "on 2027-01-31 and is not done [action-overdue]");
	assert_not_contains(err, "error:");
	xmlFreeDoc(m);
	g_free(err);
	/* --strict: the same warnings are errors, and there is no model */
	diag_reset();
	diag_set_strict(1);
	capture_begin();
	m = link_model(set, cat, &lo);
	err = capture_end();
	assert_null(m);
	assert_contains(err, "error: policy POL-01 was due for review");
	g_free(err);
	xmlFreeDoc(cat);
	source_set_free(set);
}

/* Every rule is documented in the README and the manual page, and has a
 * bad-input case whose expected diagnostics name it. */
static void
test_rules_documented_and_tested(void **state)
{
	(void)state;
	size_t n;
	const link_rule *r = link_rules(&n);
	char *readme = get_file(TOP "/README.md");
	char *man = get_file(TOP "/doc/ismsc.1");
	GString *expected = g_string_new(NULL);
	GDir *d = g_dir_open(TOP "/tests/bad", 0, NULL);
	const char *e;

	assert_non_null(d);
	while ((e = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(TOP "/tests/bad", e, "expected", NULL);
		char *t = NULL;
		if (g_file_get_contents(p, &t, NULL, NULL))
			g_string_append(expected, t);
		g_free(t);
		g_free(p);
	}
	g_dir_close(d);
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		char *tag = g_strdup_printf("`%s`", r[i].name);
		char *bracket = g_strdup_printf("[%s]", r[i].name);
		if (strstr(readme, tag) == NULL)
			fail_msg("rule %s is not in README.md", r[i].name);
		if (strstr(man, r[i].name) == NULL)
			fail_msg("rule %s is not in doc/ismsc.1", r[i].name);
		if (strstr(expected->str, bracket) == NULL)
			fail_msg("rule %s has no case in tests/bad", r[i].name);
		g_free(tag);
		g_free(bracket);
	}
	g_string_free(expected, TRUE);
	g_free(readme);
	g_free(man);
}

/* One broken rule: the example with one edit in one file links to
 * nothing, with an error that names the place and the problem. */
typedef struct bad_case {
	const char *file;          /* below the example folder */
	const char *re;            /* what to replace (regex, first match) */
	const char *with;
	const char *where;         /* expected "FILE:LINE[:COL]: error: " */
	const char *message;       /* expected in the same output */
	int errors;                /* exactly this many, or 0: any */
} bad_case;

static void
test_bad_case(void **state)
{
	const bad_case *bc = *state;
	char *dir = example_copy();
	char *err = NULL;

	edit_file_re(dir, bc->file, bc->re, bc->with);
	xmlDocPtr m = link_dir(dir, &err);
	assert_null(m);
	assert_true(diag_count(DIAG_ERROR) > 0);
	if (bc->errors > 0)
		assert_int_equal(diag_count(DIAG_ERROR), bc->errors);
	char *where = g_strdup_printf("%s/%s: error: ", dir, bc->where);
	assert_contains(err, where);
	assert_contains(err, bc->message);
	/* the message is on the line that gives the place */
	const char *line = strstr(err, where);
	const char *eol = strchr(line, '\n');
	const char *msg = strstr(line, bc->message);
	if (eol != NULL && msg > eol)
		fail_msg("'%s' is not on the line of %s:\n%s", bc->message,
		    where, err);
	g_free(where);
	g_free(err);
	rm_tree(dir);
	g_free(dir);
}

static const bad_case bad_cases[] = {
	{ "risks.xml", "<control ref=\"8\\.8\"/>", "<control ref=\"9.99\"/>",
	  "risks.xml:14:16",
	  "control '9.99' is neither an Annex A control nor", 1 },
	{ "risks.xml", "owner=\"cto\"", "owner=\"cto-deputy\"",
	  "risks.xml:3:20",
	  "owner 'cto-deputy' is not a role defined in the organization", 1 },
	{ "controls.xml", "<control id=\"5\\.7\" .*?</control>\\s*", "",
	  "controls.xml:2:1",
	  "Annex A control 5.7 (Threat intelligence) is missing from the "
	  "selection", 1 },
	{ "controls.xml",
	  "(?<=<control id=\"7\\.6\" applicable=\"no\">)\\s*<justification>"
	  ".*?</justification>", "",
	  "controls.xml:268:3", "excluded control 7.6 has no justification",
	  1 },
	{ "risks.xml", "<risk id=\"R-002\"", "<risk id=\"R-001\"",
	  "risks.xml:25:9", "duplicate risk id 'R-001' (first defined at ", 0 },
	{ "risks.xml", "<control ref=\"8\\.8\"/>", "<control ref=\"7.6\"/>",
	  "risks.xml:14:16",
	  "risk R-001 is treated with control 7.6, which the selection "
	  "excludes", 1 },
	{ "controls.xml", "(?<=<control id=\"5\\.1\" applicable=\"yes\" "
	  "status=\"implemented\") owner=\"ciso\"", "",
	  "controls.xml:4:3", "applicable control 5.1 has no owner", 1 },
	{ "risks.xml", "<inherent likelihood=\"4\" impact=\"5\"/>",
	  "<inherent likelihood=\"6\" impact=\"5\"/>",
	  "risks.xml:9:15", "likelihood 6 is above the scale (1 to 5)", 1 },
	{ "risk-methodology.xml", "min=\"5\" max=\"9\"", "min=\"6\" max=\"9\"",
	  "risk-methodology.xml:32:38",
	  "band 'medium' starts at 6; scores from 5 are in no band", 1 },
	{ "documents/POL-02-access-control.xml",
	  "<xref section=\"ac-privileged\"/>", "<xref section=\"ac-nowhere\"/>",
	  "documents/POL-02-access-control.xml:87:420",
	  "'ac-nowhere' is not a section of this policy", 1 },
	{ "documents/POL-02-access-control.xml", "owner=\"ciso\"",
	  "owner=\"chief\"", "documents/POL-02-access-control.xml:2:35",
	  "owner 'chief' is not a role", 1 },
	{ "documents/POL-02-access-control.xml", "<control ref=\"5\\.16\"/>",
	  "<control ref=\"7.8\"/>", "documents/POL-02-access-control.xml:13:14",
	  "policy POL-02 implements control 7.8, which the selection excludes",
	  1 },
	{ "risks.xml", "<control ref=\"8\\.8\"/>", "<control ref=\"18.2.3\"/>",
	  "risks.xml:14:16", "'18.2.3' is an ISO/IEC 27001:2013 control "
	  "(Technical compliance review); in ISO/IEC 27001:2022 use 5.36 "
	  "(Compliance with policies, rules and standards for information "
	  "security) and 8.8 (Management of technical vulnerabilities) "
	  "[control-2013-id]", 1 },
	{ "controls.xml", "<control id=\"5\\.1\" ", "<control id=\"A.5.1.1\" ",
	  "controls.xml:4:12", "'A.5.1.1' is an ISO/IEC 27001:2013 control "
	  "(Policies for information security); in ISO/IEC 27001:2022 use 5.1",
	  0 },
	{ "risks.xml", "<acceptance by=\"ceo\" date=\"2026-02-26\">Retained "
	  "by the CEO.*?</acceptance>", "", "risks.xml:458:9", "risk R-024 is retained "
	  "without a recorded acceptance [acceptance-missing]", 1 },
	{ "objectives.xml", "<objective id=\"OBJ-02\"", "<objective id=\"OBJ-01\"",
	  "objectives.xml:12:14", "duplicate objective id 'OBJ-01' "
	  "(first defined at ", 1 },
	{ "records.xml", "owner=\"ceo\"", "owner=\"board\"",
	  "records.xml:23:66", "owner 'board' is not a role defined in the "
	  "organization [unknown-role]", 1 },
};

int
main(void)
{
	static const char *const names[G_N_ELEMENTS(bad_cases)] = {
		"dangling control reference", "unknown role",
		"missing Annex A control", "exclusion without justification",
		"duplicate risk id", "treatment with an excluded control",
		"applicable control without owner", "rating above the scale",
		"gap between bands", "xref to a missing section",
		"unknown policy owner", "policy implementing an excluded control",
		"2013 id with two successors", "2013 id in the selection",
		"retained risk without acceptance", "duplicate objective id",
		"record owner not a role",
	};
	struct CMUnitTest tests[17 + G_N_ELEMENTS(bad_cases)] = {
		cmocka_unit_test_setup_teardown(test_example_links,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_controls_complete,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_control_counts_match_selection, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_risk_scores_and_bands,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_residual_labels,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_risk_listed_under_control,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_policy_listed_under_control, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_policy_ids,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_src_references,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_next_review_default,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_catalogue_2022,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_catalogue_2013,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_model_attributes,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_risk_summaries,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_readiness_and_approval,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_warnings_at_build_date,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_rules_documented_and_tested, test_reset, test_reset),
	};
	size_t n = 17;

	for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		struct CMUnitTest t = { names[i], test_bad_case, test_reset,
			test_reset, (void *)&bad_cases[i] };
		tests[n++] = t;
	}
	return _cmocka_run_group_tests("test_link", tests, n, group_setup,
	    group_teardown);
}
