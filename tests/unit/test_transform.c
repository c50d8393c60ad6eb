/* transform: the stylesheets turn the model into valid layout documents,
 * and a stylesheet cannot write files, read outside its folder, or stop
 * the build without saying so. */
#include <errno.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/inotify.h>
#include <sys/socket.h>

#include <libxml/relaxng.h>
#include <libxslt/xslt.h>

#include "helpers.h"

#include "transform.h"
#include "xml.h"

/* s seconds, times ISMSC_SLOW (set by the sanitizer and valgrind runs):
 * the time limits of these tests. */
static unsigned
slow(unsigned s)
{
	const char *f = getenv("ISMSC_SLOW");

	return s * (f != NULL && atoi(f) > 0 ? (unsigned)atoi(f) : 1);
}

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
	"xmlns:func=\"http://exslt.org/functions\" " \
	"xmlns:my=\"urn:my\" " \
	"xmlns:saxon=\"http://icl.com/saxon\" " \
	"xmlns:xalan=\"org.apache.xalan.xslt.extensions.Redirect\" " \
	"xmlns:lx=\"http://xmlsoft.org/XSLT/namespace\" " \
	"extension-element-prefixes=\"exsl func saxon xalan lx\">\n"
#define XSL_TAIL "</xsl:stylesheet>\n"
/* A template for / making a one-paragraph layout document of x. */
#define DOC(x) "<xsl:template match=\"/\"><document title=\"t\" " \
	"author=\"a\"><p>" x "</p></document></xsl:template>\n"

/* A folder ROOT with ROOT/outside.xml (a secret) and ROOT/xsl/ holding
 * the stylesheet NAME.xsl with the given body. */
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

/* Apply NAME to a tiny model; the output serialized, or NULL. A hang
 * ends the test binary after 60 s. */
static char *
sandbox_apply(sandbox *sb, const char *name, transform_status *st,
    char **err)
{
	static const char tiny[] = "<isms org=\"x\"/>";
	xmlDocPtr m = xmlReadMemory(tiny, (int)sizeof(tiny) - 1, "tiny.xml",
	    NULL, 0);

	alarm(slow(60));
	capture_begin();
	xmlDocPtr out = transform_apply(sb->t, name, m, NULL, st);
	*err = capture_end();
	alarm(0);
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

/* A stylesheet refused at run time: NULL, TRANSFORM_ERROR, the closing
 * diagnostic, and no secret in what was printed. Returns the diagnostics. */
static char *
assert_run_refused(sandbox *sb, const char *name)
{
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(sb, name, &st, &err);

	if (out != NULL)
		fail_msg("%s ran:\n%s\n%s", name, out, err);
	assert_int_equal(st, TRANSFORM_ERROR);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_not_contains(err, "OUTSIDE-SECRET");
	return err;
}

static void
test_sandbox_runs(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "ok", DOC("hello"));
	transform_status st = TRANSFORM_ERROR;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "ok", &st, &err);

	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "<p>hello</p>");
	assert_string_equal(err, "");
	g_free(out);
	g_free(err);
	sandbox_free(&sb);
}

/* Every way libxslt offers to write a file (EXSLT, XSLT 1.1, and the
 * Saxon, Xalan and libxslt extensions) is refused; nothing is written,
 * no folder made. */
static void
test_writes_refused(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	static const char *const forms[] = {
		"<exsl:document href=\"%s\"><x>pwned</x></exsl:document>",
		"<xsl:document href=\"%s\"><x>pwned</x></xsl:document>",
		"<saxon:output href=\"%s\"><x>pwned</x></saxon:output>",
		"<xalan:write file=\"%s\"><x>pwned</x></xalan:write>",
		"<lx:write file=\"%s\"><x>pwned</x></lx:write>",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		/* a file in place, and one in a folder to be made */
		char *targets[] = {
			g_strdup_printf("%s/pwned-%zu.xml", dir, i),
			g_strdup_printf("%s/made-%zu/sub/pwned.xml", dir, i),
		};
		for (size_t k = 0; k < G_N_ELEMENTS(targets); k++) {
			char *w = g_strdup_printf(forms[i], targets[k]);
			char *doc = g_strdup_printf(DOC("%s"), w);
			char *body = g_strdup(doc);
			sandbox sb;
			sandbox_new(&sb, "write", body);
			if (i == 1) {       /* XSLT 1.1 for xsl:document */
				edit_file(sb.xsl, "write.xsl",
				    "stylesheet version=\"1.0\"",
				    "stylesheet version=\"1.1\"");
				transform_free(sb.t);    /* read it again */
				sb.t = transform_new(sb.xsl);
			}
			diag_reset();
			g_free(assert_run_refused(&sb, "write"));
			if (g_file_test(targets[k], G_FILE_TEST_EXISTS))
				fail_msg("written: %s", w);
			char *made = g_strdup_printf("%s/made-%zu", dir, i);
			if (g_file_test(made, G_FILE_TEST_EXISTS))
				fail_msg("folder made: %s", w);
			g_free(made);
			sandbox_free(&sb);
			g_free(body);
			g_free(doc);
			g_free(w);
			g_free(targets[k]);
		}
	}
	rm_tree(dir);
	g_free(dir);
}

/* document() reads inside the stylesheet folder, and nowhere else: not
 * by a relative path, an absolute one, a file: URL in any spelling, a
 * link, or the folder itself. */
static void
test_read_outside_refused(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "reader", DOC("<xsl:value-of select=\""
	    "document('data/inside.xml')\"/>"));
	g_free(put_file(sb.xsl, "data/inside.xml",
	    "<ok>INSIDE-DATA</ok>\n"));
	transform_status st;
	char *err = NULL;

	/* the positive control: inside the folder is allowed */
	char *out = sandbox_apply(&sb, "reader", &st, &err);
	assert_int_equal(st, TRANSFORM_OK);
	assert_contains(out, "INSIDE-DATA");
	assert_string_equal(err, "");
	g_free(out);
	g_free(err);

	char *hrefs[] = { g_strdup("../outside.xml"), g_strdup(sb.outside),
		g_strdup_printf("file://%s", sb.outside),
		g_strdup_printf("file://localhost%s", sb.outside),
		g_strdup_printf("file:%s", sb.outside),
		g_strdup_printf("FILE://%s", sb.outside),
		g_strdup("data/../../outside.xml"),
		g_strdup("data/%2e%2e/%2e%2e/outside.xml"),
		g_strdup("data/link.xml"), g_strdup("data/dirlink/outside.xml"),
		g_strdup("."), g_strdup("data"), g_strdup("file:"),
		g_strdup("file:?x"), g_strdup("/proc/self/environ"),
		g_strdup("/dev/zero"),
	};
	char *link = g_build_filename(sb.xsl, "data", "link.xml", NULL);
	char *dirlink = g_build_filename(sb.xsl, "data", "dirlink", NULL);
	assert_int_equal(symlink(sb.outside, link), 0);
	assert_int_equal(symlink(sb.root, dirlink), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(hrefs); i++) {
		char *body = g_strdup_printf(DOC("<xsl:value-of select=\""
		    "document('%s')\"/>"), hrefs[i]);
		char *text = g_strconcat(XSL_HEAD, body, XSL_TAIL, NULL);
		char *path = put_file(sb.xsl, "evil.xsl", text);
		transform *t = transform_new(sb.xsl);
		static const char tiny[] = "<isms/>";
		xmlDocPtr m = xmlReadMemory(tiny, (int)sizeof(tiny) - 1,
		    "tiny.xml", NULL, 0);
		diag_reset();
		alarm(slow(60));
		capture_begin();
		xmlDocPtr doc = transform_apply(t, "evil", m, NULL, &st);
		err = capture_end();
		alarm(0);
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
		g_free(hrefs[i]);
	}
	g_free(dirlink);
	g_free(link);
	sandbox_free(&sb);
}

/* The refusal is reported at the stylesheet line that asked. */
static void
test_read_refusal_located(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "reader", "<xsl:template match=\"/\">\n"
	    "<document title=\"t\" author=\"a\"><p>\n"
	    "<xsl:value-of select=\"document('../outside.xml')\"/>\n"
	    "</p></document></xsl:template>\n");
	char *err = assert_run_refused(&sb, "reader");
	char *want = g_strdup_printf("%s/reader.xsl:5: error: Local file read "
	    "for %s refused\n", sb.xsl, sb.outside);
	assert_contains(err, want);
	g_free(want);
	want = g_strdup_printf("%s/reader.xsl: error: the transformation "
	    "failed\n", sb.xsl);
	assert_contains(err, want);
	g_free(want);
	g_free(err);
	sandbox_free(&sb);
}

/* Nothing is fetched from the network: document() and xsl:import of an
 * http: URL are refused, and no connection reaches a listening port. */
static void
test_network_refused(void **state)
{
	(void)state;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = { 0 };
	socklen_t alen = sizeof(a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s, 8), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &alen), 0);
	int port = ntohs(a.sin_port);
	char *bodies[] = {
		g_strdup_printf(DOC("<xsl:value-of select=\"document("
		    "'http://127.0.0.1:%d/x.xml')\"/>"), port),
		g_strdup_printf(DOC("<xsl:value-of select=\"document("
		    "'ftp://127.0.0.1:%d/x.xml')\"/>"), port),
		g_strdup_printf("<xsl:import href=\"http://127.0.0.1:%d/x.xsl\""
		    "/>\n" DOC("x"), port),
		g_strdup_printf("<xsl:include href=\"http://127.0.0.1:%d/x.xsl\""
		    "/>\n" DOC("x"), port),
		g_strdup_printf(DOC("<exsl:document href=\"http://127.0.0.1:%d/"
		    "x\"><x/></exsl:document>"), port),
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		sandbox sb;
		sandbox_new(&sb, "net", bodies[i]);
		diag_reset();
		g_free(assert_run_refused(&sb, "net"));
		sandbox_free(&sb);
		g_free(bodies[i]);
	}
	assert_true(accept(s, NULL, NULL) < 0);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(s);
}

/* xsl:import and xsl:include of a stylesheet outside the folder are
 * refused. */
static void
test_import_outside_refused(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		"<xsl:import href=\"../evil.xsl\"/>\n" DOC("x"),
		"<xsl:include href=\"../evil.xsl\"/>\n" DOC("x"),
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		sandbox sb;
		sandbox_new(&sb, "importer", bodies[i]);
		g_free(put_file(sb.root, "evil.xsl", XSL_HEAD
		    DOC("IMPORTED") XSL_TAIL));
		diag_reset();
		char *err = assert_run_refused(&sb, "importer");
		assert_not_contains(err, "IMPORTED");
		g_free(err);
		sandbox_free(&sb);
	}
}

/* XXE through document(): a file inside the folder that declares an
 * external entity is refused at its DOCTYPE; the entity's file is not
 * even opened. The same for a billion-laughs file, quickly. */
static void
test_entities_in_loaded_documents(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "reader", DOC("<xsl:value-of select=\""
	    "document('data/x.xml')\"/>|"));
	char *text = g_strdup_printf("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	    "<r>[&x;]</r>\n", sb.outside);
	g_free(put_file(sb.xsl, "data/x.xml", text));
	g_free(text);
	int fd = inotify_init1(IN_NONBLOCK);
	assert_true(inotify_add_watch(fd, sb.outside, IN_OPEN) >= 0);

	char *err = assert_run_refused(&sb, "reader");
	char buf[4096];
	assert_true(read(fd, buf, sizeof(buf)) <= 0);
	close(fd);
	char *want = g_strdup_printf("%s/data/x.xml:2:1: error: a document "
	    "type declaration is not allowed", sb.xsl);
	assert_contains(err, want);
	g_free(want);
	g_free(err);

	GString *s = g_string_new("<!DOCTYPE l [<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		g_string_append_printf(s, "<!ENTITY l%d \"", i);
		for (int j = 0; j < 10; j++)
			g_string_append_printf(s, "&l%d;", i - 1);
		g_string_append(s, "\">\n");
	}
	g_string_append(s, "]>\n<l>&l9;</l>\n");
	g_free(put_file(sb.xsl, "data/x.xml", s->str));
	g_string_free(s, TRUE);
	gint64 t0 = g_get_monotonic_time();
	diag_reset();
	g_free(assert_run_refused(&sb, "reader"));
	assert_true(g_get_monotonic_time() - t0 < slow(5) * G_USEC_PER_SEC);
	sandbox_free(&sb);
}

/* A stylesheet with a DOCTYPE of its own, or importing one, is refused
 * the same way. */
static void
test_entities_in_stylesheets(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "ok", DOC("x"));
	char *text = g_strdup_printf("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	    "%s", sb.outside, XSL_HEAD + 22 /* after the XML declaration */);
	char *sheet = g_strconcat(text, DOC("&x;") XSL_TAIL, NULL);
	g_free(put_file(sb.xsl, "dtd.xsl", sheet));
	g_free(put_file(sb.xsl, "imp.xsl", XSL_HEAD
	    "<xsl:import href=\"dtd.xsl\"/>\n" DOC("y") XSL_TAIL));
	g_free(text);
	g_free(sheet);
	static const char *const names[] = { "dtd", "imp" };
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		diag_reset();
		char *err = assert_run_refused(&sb, names[i]);
		char *want = g_strdup_printf("%s/dtd.xsl:2:1: error: a document "
		    "type declaration is not allowed", sb.xsl);
		assert_contains(err, want);
		g_free(want);
		g_free(err);
	}
	sandbox_free(&sb);
}

static void
test_message_terminate(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "stop", DOC("<xsl:message terminate=\"yes\">"
	    "stopped on purpose</xsl:message>"));
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	char *out = sandbox_apply(&sb, "stop", &st, &err);

	assert_null(out);
	assert_int_equal(st, TRANSFORM_TERMINATED);
	assert_true(diag_count(DIAG_ERROR) > 0);
	char *want = g_strdup_printf("%s/stop.xsl: error: stopped on purpose\n"
	    "%s/stop.xsl: error: the stylesheet stopped the transformation\n",
	    sb.xsl, sb.xsl);
	assert_string_equal(err, want);
	g_free(want);
	g_free(err);
	sandbox_free(&sb);
}

/* A stylesheet that failed before it stopped failed: the status is an
 * error, not the stylesheet's own termination. */
static void
test_terminate_after_error(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "both", DOC("<xsl:value-of select=\"document("
	    "'../outside.xml')\"/><xsl:message terminate=\"yes\">stop"
	    "</xsl:message>"));
	char *err = assert_run_refused(&sb, "both");
	g_free(err);
	sandbox_free(&sb);
}

/* A broken stylesheet is an error, not a termination. */
static void
test_broken_stylesheet(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "broken", DOC("<xsl:value-of select=\"(((\"/>"));
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

/* Endless recursion ends with a diagnostic, as an error: by templates,
 * by a template applied to its own node, by EXSLT functions, and by
 * variables piling up. */
static void
test_recursion_limits(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		DOC("<xsl:call-template name=\"f\"/>")
		"<xsl:template name=\"f\"><xsl:call-template name=\"f\"/>"
		"</xsl:template>\n",
		"<xsl:template match=\"/\"><document title=\"t\" author=\"a\">"
		"<p><xsl:apply-templates select=\"*\"/></p></document>"
		"</xsl:template>\n<xsl:template match=\"*\">"
		"<xsl:apply-templates select=\".\"/></xsl:template>\n",
		"<func:function name=\"my:f\"><func:result select=\"my:f()\"/>"
		"</func:function>\n" DOC("<xsl:value-of select=\"my:f()\"/>"),
		DOC("<xsl:call-template name=\"f\"/>")
		"<xsl:template name=\"f\"><xsl:variable name=\"a\" select=\"1\"/>"
		"<xsl:variable name=\"b\" select=\"2\"/><xsl:variable name=\"c\" "
		"select=\"3\"/><xsl:call-template name=\"f\"/></xsl:template>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		sandbox sb;
		sandbox_new(&sb, "loop", bodies[i]);
		diag_reset();
		gint64 t0 = g_get_monotonic_time();
		char *err = assert_run_refused(&sb, "loop");
		if (g_get_monotonic_time() - t0 > slow(20) * G_USEC_PER_SEC)
			fail_msg("case %zu took too long", i);
		assert_not_contains(err, "xsltMaxDepth");
		g_free(err);
		sandbox_free(&sb);
	}
}

/* The template depth limit says so in ismsc's words, at the template. */
static void
test_recursion_message(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "loop", DOC("<xsl:call-template name=\"f\"/>")
	    "<xsl:template name=\"f\">\n<xsl:call-template name=\"f\"/>"
	    "</xsl:template>\n");
	char *err = assert_run_refused(&sb, "loop");
	char *want = g_strdup_printf("%s/loop.xsl:5: error: templates are "
	    "nested deeper than the limit of 1000 (an endless recursion?)\n"
	    "%s/loop.xsl: error: the transformation failed\n", sb.xsl, sb.xsl);
	assert_string_equal(err, want);
	g_free(want);
	g_free(err);
	sandbox_free(&sb);

	/* twenty variables a level: the variable limit comes first */
	GString *vars = g_string_new(DOC("<xsl:call-template name=\"f\"/>")
	    "<xsl:template name=\"f\">\n");
	for (int i = 0; i < 20; i++)
		g_string_append_printf(vars, "<xsl:variable name=\"v%d\" "
		    "select=\"%d\"/>", i, i);
	g_string_append(vars, "\n<xsl:call-template name=\"f\"/>"
	    "</xsl:template>\n");
	sandbox_new(&sb, "vars", vars->str);
	g_string_free(vars, TRUE);
	diag_reset();
	err = assert_run_refused(&sb, "vars");
	want = g_strdup_printf("%s/vars.xsl:5: error: more variables at once "
	    "than the limit of 10000 (an endless recursion?)\n"
	    "%s/vars.xsl: error: the transformation failed\n", sb.xsl, sb.xsl);
	assert_string_equal(err, want);
	g_free(want);
	g_free(err);
	sandbox_free(&sb);
}

/* Exponential work without deep recursion ends at the instruction or
 * XPath step limit (lowered here to keep the test fast). */
static void
test_work_limits(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "exp", DOC("<xsl:call-template name=\"f\">"
	    "<xsl:with-param name=\"n\" select=\"60\"/></xsl:call-template>")
	    "<xsl:template name=\"f\"><xsl:param name=\"n\"/><xsl:if test=\""
	    "$n &gt; 0\"><xsl:call-template name=\"f\"><xsl:with-param "
	    "name=\"n\" select=\"$n - 1\"/></xsl:call-template>"
	    "<xsl:call-template name=\"f\"><xsl:with-param name=\"n\" "
	    "select=\"$n - 1\"/></xsl:call-template></xsl:if></xsl:template>\n");
	transform_set_limits(sb.t, 100000, TRANSFORM_MAX_XPATH_OPS);
	char *err = assert_run_refused(&sb, "exp");
	assert_contains(err, "error: the stylesheet ran longer than its limit "
	    "of instructions (an endless loop?)\n");
	g_free(err);
	sandbox_free(&sb);

	/* cubic XPath over a node-set of 200: 8 million steps */
	GString *quad = g_string_new("<my:data>");
	for (int i = 0; i < 200; i++)
		g_string_append(quad, "<x/>");
	g_string_append(quad, "</my:data>\n<xsl:variable name=\"big\" "
	    "select=\"document('')//my:data/x\"/>\n" DOC("<xsl:value-of "
	    "select=\"count($big[count($big[count($big) &gt; 0]) &gt; 0])\"/>"));
	sandbox_new(&sb, "quad", quad->str);
	g_string_free(quad, TRUE);
	transform_set_limits(sb.t, TRANSFORM_MAX_OPS, 100000);
	diag_reset();
	err = assert_run_refused(&sb, "quad");
	assert_contains(err, "error: the stylesheet's XPath expressions ran "
	    "longer than their limit of steps (an endless loop?)\n");
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
	const char *body = DOC("<xsl:value-of select=\"document("
	    "'data/inside.xml')\"/>");
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
	    DOC("x"));
	g_free(put_file(sb.root, "evil.xsl", XSL_HEAD DOC("IMPORTED")
	    XSL_TAIL));
	transform_free(transform_new(sb.xsl));
	g_free(assert_run_refused(&sb, "importer"));
	sandbox_free(&sb);
}

/* Errors libxslt reports while compiling or running (here an unknown
 * XSLT instruction) make the outcome TRANSFORM_ERROR, not a layout. */
static void
test_reported_errors_fail(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "unknown", DOC("<xsl:no-such-instruction/>"));
	g_free(assert_run_refused(&sb, "unknown"));
	sandbox_free(&sb);
}

/* document('file:') gives libxslt's read check no path: it must refuse,
 * not crash (the first check dereferenced it). */
static void
test_read_check_without_path(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "nopath", DOC("<xsl:value-of select=\"document("
	    "'file:')\"/>"));
	g_free(assert_run_refused(&sb, "nopath"));
	sandbox_free(&sb);
}

/* An infinite recursion once ended as TRANSFORM_TERMINATED (exit status
 * 5, as if the stylesheet had chosen to stop): libxslt stops the same
 * way for both. */
static void
test_recursion_is_not_termination(void **state)
{
	(void)state;
	sandbox sb;
	sandbox_new(&sb, "loop", DOC("<xsl:call-template name=\"f\"/>")
	    "<xsl:template name=\"f\"><xsl:call-template name=\"f\"/>"
	    "</xsl:template>\n");
	transform_status st = TRANSFORM_OK;
	char *err = NULL;
	assert_null(sandbox_apply(&sb, "loop", &st, &err));
	assert_int_equal(st, TRANSFORM_ERROR);
	g_free(err);
	sandbox_free(&sb);
}

#define T(name) cmocka_unit_test_setup_teardown(name, test_reset, test_reset)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_soa_is_a_valid_layout),
		T(test_every_document_is_a_valid_layout),
		T(test_policy_parameter),
		T(test_unknown_policy_terminates),
		T(test_unknown_kind),
		T(test_sandbox_runs),
		T(test_writes_refused),
		T(test_read_outside_refused),
		T(test_read_refusal_located),
		T(test_network_refused),
		T(test_import_outside_refused),
		T(test_entities_in_loaded_documents),
		T(test_entities_in_stylesheets),
		T(test_message_terminate),
		T(test_terminate_after_error),
		T(test_broken_stylesheet),
		T(test_recursion_limits),
		T(test_recursion_message),
		T(test_work_limits),
		T(test_two_transforms),
		T(test_free_keeps_other_locked),
		T(test_reported_errors_fail),
		T(test_read_check_without_path),
		T(test_recursion_is_not_termination),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
