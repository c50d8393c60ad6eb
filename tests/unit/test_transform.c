/* transform: the stylesheets turn the model into valid layout documents,
 * and a stylesheet cannot write files, read outside its folder, or stop
 * the build without saying so. */
#include <sys/inotify.h>

#include <libxml/relaxng.h>
#include <libxslt/xslt.h>

#include "helpers.h"

#include "transform.h"
#include "xml.h"

static xmlDocPtr model;            /* the example, linked once */

static int
group_setup(void **state)
{
	if (test_group_setup(state) != 0)
		return -1;
	char *err = NULL;
	model = link_dir(EXAMPLE, &err);
	if (model == NULL)
		fprintf(stderr, "the example does not link:\n%s", err);
	g_free(err);
	return model == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	xmlFreeDoc(model);
	xsltCleanupGlobals();
	return 0;
}

/* Validate doc against the layout schema: the number of errors. */
static int
layout_errors(xmlDocPtr doc)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(LAYOUT_RNG);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
	assert_non_null(rng);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	int before = diag_count(DIAG_ERROR);

	xmlRelaxNGSetValidStructuredErrors(vc, diag_xml_error, NULL);
	int r = xmlRelaxNGValidateDoc(vc, doc);
	int errors = diag_count(DIAG_ERROR) - before;
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pc);
	return r == 0 ? errors : errors + 1;
}

static xmlDocPtr
apply(transform *t, const char *kind, const char *policy,
    transform_status *st)
{
	const char *params[] = { "policy", policy, NULL };

	return transform_apply(t, kind, model, policy ? params : NULL, st);
}

static void
test_soa_is_a_valid_layout(void **state)
{
	(void)state;
	transform *t = transform_new(STYLESHEETS);
	transform_status st = TRANSFORM_ERROR;
	xmlDocPtr out = apply(t, "soa", NULL, &st);

	assert_non_null(out);
	assert_int_equal(st, TRANSFORM_OK);
	assert_xp_string(out, "name(/*)", "document");
	assert_int_equal(layout_errors(out), 0);
	/* the statement lists every control of the model */
	assert_xp_number(out, "count(//*[starts-with(@id, 'control-')])", 95);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	xmlFreeDoc(out);
	transform_free(t);
}

static void
test_every_document_is_a_valid_layout(void **state)
{
	(void)state;
	transform *t = transform_new(STYLESHEETS);
	GPtrArray *ids = link_policy_ids(model);
	transform_status st;

	xmlDocPtr out = apply(t, "rtp", NULL, &st);
	assert_int_equal(st, TRANSFORM_OK);
	assert_int_equal(layout_errors(out), 0);
	xmlFreeDoc(out);
	for (guint i = 0; i < ids->len; i++) {
		out = apply(t, "policy", ids->pdata[i], &st);
		assert_int_equal(st, TRANSFORM_OK);
		if (layout_errors(out) != 0)
			fail_msg("policy %s: invalid layout",
			    (char *)ids->pdata[i]);
		xmlFreeDoc(out);
	}
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	g_ptr_array_free(ids, TRUE);
	transform_free(t);
}

/* The policy parameter chooses the policy: its title is the document's,
 * in the metadata and in the level 0 heading. */
static void
test_policy_parameter(void **state)
{
	(void)state;
	transform *t = transform_new(STYLESHEETS);
	static const char *const ids[] = { "POL-02", "POL-05" };

	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		transform_status st;
		xmlDocPtr out = apply(t, "policy", ids[i], &st);
		assert_non_null(out);
		char *x = g_strdup_printf("normalize-space(/isms/policies/policy"
		    "[@id='%s']/title)", ids[i]);
		char *title = xp_string(model, x);
		g_free(x);
		assert_true(title[0] != '\0');
		assert_xp_string(out, "string(/document/@title)", title);
		assert_xp_string(out, "normalize-space(//h[@level='0'][1])",
		    title);
		g_free(title);
		xmlFreeDoc(out);
	}
	transform_status st;
	xmlDocPtr out = apply(t, "policy", "POL-02", &st);
	assert_xp_string(out, "string(/document/@title)",
	    "Access Control Policy");
	xmlFreeDoc(out);
	transform_free(t);
}

/* policy.xsl stops with xsl:message terminate="yes" for an unknown id. */
static void
test_unknown_policy_terminates(void **state)
{
	(void)state;
	transform *t = transform_new(STYLESHEETS);
	transform_status st = TRANSFORM_OK;

	capture_begin();
	xmlDocPtr out = apply(t, "policy", "POL-99", &st);
	char *err = capture_end();
	assert_null(out);
	assert_int_equal(st, TRANSFORM_TERMINATED);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_contains(err, "POL-99");
	g_free(err);
	transform_free(t);
}

static void
test_unknown_kind(void **state)
{
	(void)state;
	transform *t = transform_new(STYLESHEETS);
	transform_status st = TRANSFORM_OK;

	capture_begin();
	xmlDocPtr out = apply(t, "no-such-kind", NULL, &st);
	char *err = capture_end();
	assert_null(out);
	assert_int_equal(st, TRANSFORM_ERROR);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_contains(err, "no-such-kind.xsl");
	g_free(err);
	transform_free(t);
}

/* ---- hostile stylesheets ------------------------------------------------ */

#define XSL_HEAD "<?xml version=\"1.0\"?>\n<xsl:stylesheet version=\"1.0\" " \
	"xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" " \
	"xmlns:exsl=\"http://exslt.org/common\" " \
	"extension-element-prefixes=\"exsl\">\n"
#define XSL_TAIL "</xsl:stylesheet>\n"

/* A folder ROOT with ROOT/outside.xml (a secret) and ROOT/xsl/ holding
 * the stylesheet NAME.xsl with the given template body. */
typedef struct sandbox {
	char *root, *xsl, *outside;
	transform *t;
} sandbox;

static void
sandbox_new(sandbox *sb, const char *name, const char *body)
{
	sb->root = tmp_dir();
	sb->xsl = g_build_filename(sb->root, "xsl", NULL);
	sb->outside = put_file(sb->root, "outside.xml",
	    "<secret>OUTSIDE-SECRET</secret>\n");
	char *file = g_strconcat("xsl/", name, ".xsl", NULL);
	char *text = g_strconcat(XSL_HEAD, body, XSL_TAIL, NULL);
	g_free(put_file(sb->root, file, text));
	g_free(file);
	g_free(text);
	sb->t = transform_new(sb->xsl);
}

static void
sandbox_free(sandbox *sb)
{
	transform_free(sb->t);
	rm_tree(sb->root);
	g_free(sb->root);
	g_free(sb->xsl);
	g_free(sb->outside);
}

/* Apply NAME to a tiny model; the output serialized, or NULL. */
static char *
sandbox_apply(sandbox *sb, const char *name, transform_status *st,
    char **err)
{
	static const char tiny[] = "<isms org=\"x\"/>";
	xmlDocPtr m = xmlReadMemory(tiny, (int)sizeof(tiny) - 1, "tiny.xml",
	    NULL, 0);

	capture_begin();
	xmlDocPtr out = transform_apply(sb->t, name, m, NULL, st);
	*err = capture_end();
	xmlFreeDoc(m);
	if (out == NULL)
		return NULL;
	xmlChar *buf;
	int len;
	xmlDocDumpMemory(out, &buf, &len);
	char *s = g_strndup((const char *)buf, (gsize)len);
	xmlFree(buf);
	xmlFreeDoc(out);
	return s;
}

static void
test_write_file_refused(void **state)
{
	(void)state;
	sandbox sb;
	char *target = g_strdup_printf("%s/ismsc-pwned-%d.xml",
	    g_get_tmp_dir(), (int)getpid());
	char *body = g_strdup_printf("<xsl:template match=\"/\"><document>"
	    "<exsl:document href=\"%s\"><x>pwned</x></exsl:document>"
	    "</document></xsl:template>\n", target);

	g_unlink(target);
	sandbox_new(&sb, "write", body);
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "write", &st, &err);
	assert_null(out);
	assert_int_equal(st, TRANSFORM_ERROR);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_false(g_file_test(target, G_FILE_TEST_EXISTS));
	g_free(err);
	sandbox_free(&sb);
	g_free(body);
	g_free(target);
}

/* document() reads inside the stylesheet folder, and nowhere else: not
 * by a relative path, not by an absolute one, not through a link. */
static void
test_read_outside_refused(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "reader",
	    "<xsl:template match=\"/\"><document>"
	    "<xsl:value-of select=\"document('data/inside.xml')\"/>"
	    "</document></xsl:template>\n");
	g_free(put_file(sb.xsl, "data/inside.xml",
	    "<ok>INSIDE-DATA</ok>\n"));
	transform_status st;
	char *err = NULL;

	/* the positive control: inside the folder is allowed */
	char *out = sandbox_apply(&sb, "reader", &st, &err);
	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "INSIDE-DATA");
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	g_free(out);
	g_free(err);

	char *abs = g_strdup_printf("file://%s", sb.outside);
	const char *const hrefs[] = { "../outside.xml", sb.outside, abs,
		"data/link.xml" };
	char *link = g_build_filename(sb.xsl, "data", "link.xml", NULL);
	assert_int_equal(symlink(sb.outside, link), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(hrefs); i++) {
		char *body = g_strdup_printf("<xsl:template match=\"/\">"
		    "<document><xsl:value-of select=\"document('%s')\"/>"
		    "</document></xsl:template>\n", hrefs[i]);
		char *text = g_strconcat(XSL_HEAD, body, XSL_TAIL, NULL);
		char *path = put_file(sb.xsl, "evil.xsl", text);
		transform *t = transform_new(sb.xsl);
		static const char tiny[] = "<isms/>";
		xmlDocPtr m = xmlReadMemory(tiny, (int)sizeof(tiny) - 1,
		    "tiny.xml", NULL, 0);
		diag_reset();
		capture_begin();
		xmlDocPtr doc = transform_apply(t, "evil", m, NULL, &st);
		err = capture_end();
		if (doc != NULL || st != TRANSFORM_ERROR)
			fail_msg("document('%s') was not refused", hrefs[i]);
		assert_true(diag_count(DIAG_ERROR) > 0);
		assert_not_contains(err, "OUTSIDE-SECRET");
		xmlFreeDoc(m);
		transform_free(t);
		g_free(err);
		g_free(path);
		g_free(text);
		g_free(body);
	}
	g_free(link);
	g_free(abs);
	sandbox_free(&sb);
}

/* xsl:import of a stylesheet outside the folder is refused. */
static void
test_import_outside_refused(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "importer", "<xsl:import href=\"../evil.xsl\"/>\n"
	    "<xsl:template match=\"/\"><document/></xsl:template>\n");
	g_free(put_file(sb.root, "evil.xsl", XSL_HEAD
	    "<xsl:template match=\"/\"><document>IMPORTED</document>"
	    "</xsl:template>\n" XSL_TAIL));
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "importer", &st, &err);

	assert_null(out);
	assert_int_equal(st, TRANSFORM_ERROR);
	assert_true(diag_count(DIAG_ERROR) > 0);
	g_free(err);
	sandbox_free(&sb);
}

/* Entities in documents a stylesheet loads are not expanded, and their
 * files not opened. */
static void
test_entities_in_loaded_documents(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "reader", "<xsl:template match=\"/\"><document>"
	    "<xsl:value-of select=\"document('data/x.xml')\"/>|"
	    "</document></xsl:template>\n");
	char *text = g_strdup_printf("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	    "<r>[&x;]</r>\n", sb.outside);
	g_free(put_file(sb.xsl, "data/x.xml", text));
	g_free(text);
	int fd = inotify_init1(IN_NONBLOCK);
	assert_true(inotify_add_watch(fd, sb.outside, IN_OPEN) >= 0);
	transform_status st;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "reader", &st, &err);

	char buf[4096];
	assert_true(read(fd, buf, sizeof(buf)) <= 0);
	close(fd);
	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "[]|");            /* read, not expanded */
	assert_not_contains(out, "OUTSIDE-SECRET");
	assert_not_contains(err, "OUTSIDE-SECRET");
	g_free(out);
	g_free(err);
	sandbox_free(&sb);
}

static void
test_message_terminate(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "stop", "<xsl:template match=\"/\"><document>"
	    "<xsl:message terminate=\"yes\">stopped on purpose</xsl:message>"
	    "</document></xsl:template>\n");
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "stop", &st, &err);

	assert_null(out);
	assert_int_equal(st, TRANSFORM_TERMINATED);
	assert_true(diag_count(DIAG_ERROR) > 0);
	char *where = g_strdup_printf("%s/stop.xsl: error: stopped on purpose",
	    sb.xsl);
	assert_contains(err, where);
	g_free(where);
	g_free(err);
	sandbox_free(&sb);
}

/* A broken stylesheet is an error, not a termination. */
static void
test_broken_stylesheet(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "broken", "<xsl:template match=\"/\"><document>"
	    "<xsl:value-of select=\"(((\"/></document></xsl:template>\n");
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "broken", &st, &err);

	assert_null(out);
	assert_int_equal(st, TRANSFORM_ERROR);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_contains(err, "broken.xsl");
	g_free(err);
	sandbox_free(&sb);
}

/* ---- regression cases: defects found and fixed ------------------------- */

/* Two transforms at once: each reads in its own folder. */
static void
test_two_transforms(void **state)
{
	(void)state;
	sandbox a, b;
	const char *body = "<xsl:template match=\"/\"><document>"
	    "<xsl:value-of select=\"document('data/inside.xml')\"/>"
	    "</document></xsl:template>\n";
	sandbox_new(&a, "reader", body);
	g_free(put_file(a.xsl, "data/inside.xml", "<ok>IN-A</ok>\n"));
	sandbox_new(&b, "reader", body);
	g_free(put_file(b.xsl, "data/inside.xml", "<ok>IN-B</ok>\n"));
	transform_status st;
	char *err = NULL;

	char *out = sandbox_apply(&a, "reader", &st, &err);
	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "IN-A");
	g_free(out);
	g_free(err);
	out = sandbox_apply(&b, "reader", &st, &err);
	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "IN-B");
	g_free(out);
	g_free(err);
	sandbox_free(&b);
	sandbox_free(&a);
}
/* Freeing one transform leaves another's security settings in force:
 * its stylesheets still cannot import from outside their folder. */
static void
test_free_keeps_other_locked(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "importer", "<xsl:import href=\"../evil.xsl\"/>\n"
	    "<xsl:template match=\"/\"><document/></xsl:template>\n");
	g_free(put_file(sb.root, "evil.xsl", XSL_HEAD
	    "<xsl:template match=\"/\"><document>IMPORTED</document>"
	    "</xsl:template>\n" XSL_TAIL));
	transform_free(transform_new(sb.xsl));
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "importer", &st, &err);

	assert_null(out);
	assert_int_equal(st, TRANSFORM_ERROR);
	g_free(err);
	sandbox_free(&sb);
}

/* Errors libxslt reports while compiling or running (here an unknown
 * XSLT instruction) make the outcome TRANSFORM_ERROR, not a layout. */
static void
test_reported_errors_fail(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "unknown", "<xsl:template match=\"/\"><document>"
	    "<xsl:no-such-instruction/></document></xsl:template>\n");
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "unknown", &st, &err);

	assert_true(diag_count(DIAG_ERROR) > 0);    /* reported, ... */
	assert_int_equal(st, TRANSFORM_ERROR);      /* ... so failed */
	assert_null(out);
	g_free(err);
	sandbox_free(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_soa_is_a_valid_layout,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_every_document_is_a_valid_layout, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_policy_parameter,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_unknown_policy_terminates,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_unknown_kind,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_write_file_refused,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_read_outside_refused,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_import_outside_refused,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_entities_in_loaded_documents, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_message_terminate,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_broken_stylesheet,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_two_transforms,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_free_keeps_other_locked, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_reported_errors_fail, test_reset, test_reset),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
