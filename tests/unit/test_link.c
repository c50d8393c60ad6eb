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

	assert_int_equal(ids->len, 9);
	assert_xp_number(example_model, "/isms/policies/@count", 9);
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
	  "risk-methodology.xml:28:38",
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
	};
	struct CMUnitTest tests[10 + G_N_ELEMENTS(bad_cases)] = {
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
	};
	size_t n = 10;

	for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		struct CMUnitTest t = { names[i], test_bad_case, test_reset,
			test_reset, (void *)&bad_cases[i] };
		tests[n++] = t;
	}
	return _cmocka_run_group_tests("test_link", tests, n, group_setup,
	    group_teardown);
}
