/* load: secure parsing of single documents, and the source folder walk
 * with RELAX NG validation. */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "helpers.h"

#include "xml.h"

/* s seconds, times ISMSC_SLOW (set by the sanitizer and valgrind runs):
 * the time limits of these tests. */
static unsigned
slow(unsigned s)
{
	const char *f = getenv("ISMSC_SLOW");

	return s * (f != NULL && atoi(f) > 0 ? (unsigned)atoi(f) : 1);
}

/* The smallest valid source: a control selection of one control. */
static const char small_controls[] =
    "<controls>\n  <control id=\"5.1\" applicable=\"no\"/>\n</controls>\n";

static void
test_memory_well_formed(void **state)
{
	(void)state;
	static const char text[] =
	    "<?xml version=\"1.0\"?>\n<r>\n  <a x=\"1\">text</a>\n</r>\n";
	xmlDocPtr doc = load_memory(text, sizeof(text) - 1, "ok.xml");

	assert_non_null(doc);
	xmlNode *root = xmlDocGetRootElement(doc);
	assert_true(xml_is(root, "r"));
	xmlNode *a = xml_first(root, "a");
	assert_string_equal(xml_prop(a, "x"), "1");
	assert_int_equal(xmlGetLineNo(a), 3);       /* line numbers kept */
	assert_string_equal((const char *)doc->URL, "ok.xml");
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	xmlFreeDoc(doc);
}

static void
test_memory_malformed(void **state)
{
	(void)state;
	static const char text[] = "<r>\n  <a>\n</r>\n";

	capture_begin();
	xmlDocPtr doc = load_memory(text, sizeof(text) - 1, "broken.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_true(g_str_has_prefix(out, "broken.xml:3:"));
	g_free(out);
}

/* A watch on path reporting any open or read of it. */
static int
watch(const char *path)
{
	int fd = inotify_init1(IN_NONBLOCK);

	assert_true(fd >= 0);
	assert_true(inotify_add_watch(fd, path, IN_OPEN | IN_ACCESS) >= 0);
	return fd;
}

static int
touched(int fd)
{
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));

	close(fd);
	return n > 0;
}

/* An external entity is neither expanded nor even opened: the document
 * is refused for its DOCTYPE. */
static void
test_external_entity_refused(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *secret = put_file(dir, "secret.txt", "TOP-SECRET-PAYLOAD");
	char *text = g_strdup_printf("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://%s\">]>\n"
	    "<r>&x;</r>\n", secret);
	int w = watch(secret);

	capture_begin();
	xmlDocPtr doc = load_memory(text, strlen(text), "xxe.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_string_equal(out, "xxe.xml:2:1: error: a document type "
	    "declaration is not allowed (ismsc reads no DTDs and expands no "
	    "entities)\n");
	assert_not_contains(out, "TOP-SECRET");
	assert_false(touched(w));
	g_free(out);
	g_free(text);
	g_free(secret);
	rm_tree(dir);
	g_free(dir);
}

/* The same through load_file, with an external DTD subset. */
static void
test_external_dtd_not_read(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *dtd = put_file(dir, "evil.dtd", "<!ENTITY x \"EXPANDED\">");
	char *path = put_file(dir, "doc.xml", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE r SYSTEM \"evil.dtd\">\n<r>&x;</r>\n");
	int w = watch(dtd);

	capture_begin();
	xmlDocPtr doc = load_file(path, "doc.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_false(touched(w));
	g_free(out);
	g_free(dtd);
	g_free(path);
	rm_tree(dir);
	g_free(dir);
}

/* <r><!-- ... --></r>, len bytes: big, but no long text node. */
static char *
padded_document(size_t len)
{
	char *text = g_malloc(len);

	memset(text, ' ', len);
	memcpy(text, "<r><!--", 7);
	memcpy(text + len - 7, "--></r>", 7);
	return text;
}

static void
test_size_limit(void **state)
{
	(void)state;
	char *text = padded_document(LOAD_MAX_FILE);

	/* exactly at the limit: accepted */
	xmlDocPtr doc = load_memory(text, LOAD_MAX_FILE, "at-limit.xml");
	assert_non_null(doc);
	xmlFreeDoc(doc);
	g_free(text);

	/* one byte more: refused, from memory and from a file */
	text = padded_document(LOAD_MAX_FILE + 1);
	capture_begin();
	doc = load_memory(text, LOAD_MAX_FILE + 1, "big.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_string_equal(out, "big.xml: error: the file is 8388609 bytes, "
	    "larger than the limit of 8 MiB\n");
	g_free(out);

	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "big.xml", NULL);
	assert_true(g_file_set_contents(path, text, LOAD_MAX_FILE + 1, NULL));
	capture_begin();
	doc = load_file(path, "big.xml");
	out = capture_end();
	assert_null(doc);
	assert_int_equal(diag_count(DIAG_ERROR), 2);
	assert_string_equal(out, "big.xml: error: the file is 8388609 bytes, "
	    "larger than the limit of 8 MiB\n");
	g_free(out);
	g_free(path);
	g_free(text);
	rm_tree(dir);
	g_free(dir);
}

static void
test_missing_file(void **state)
{
	(void)state;
	capture_begin();
	xmlDocPtr doc = load_file("/nonexistent/ismsc/x.xml", "x.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_true(g_str_has_prefix(out, "x.xml: error: "));
	g_free(out);
}

static source_file *
file_at(source_set *set, guint i)
{
	assert_true(i < set->files->len);
	return set->files->pdata[i];
}

static void
test_sources_valid_organization(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *text = get_file(EXAMPLE "/organization.xml");
	g_free(put_file(dir, "organization.xml", text));
	g_free(text);

	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	assert_non_null(set);
	assert_int_equal(set->files->len, 1);
	source_file *f = file_at(set, 0);
	char *want = g_build_filename(dir, "organization.xml", NULL);
	assert_string_equal(f->name, want);
	assert_non_null(f->doc);
	assert_true(f->valid);
	assert_string_equal((const char *)f->doc->URL, want);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	g_free(want);
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);
}

/* A schema violation is an error at the file that has it; the other
 * files stay valid. */
static void
test_sources_schema_violation(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "a-controls.xml", small_controls));
	g_free(put_file(dir, "b-organization.xml",
	    "<organization>\n  <name>X</name>\n  <colour>red</colour>\n"
	    "</organization>\n"));
	g_free(put_file(dir, "c-unknown.xml", "<inventory/>\n"));

	capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	char *out = capture_end();
	assert_non_null(set);
	assert_int_equal(set->files->len, 3);
	assert_true(file_at(set, 0)->valid);
	assert_false(file_at(set, 1)->valid);
	assert_non_null(file_at(set, 1)->doc);     /* parsed, not valid */
	assert_false(file_at(set, 2)->valid);
	assert_true(diag_count(DIAG_ERROR) >= 2);
	char *bad = g_strdup_printf("%s/b-organization.xml:", dir);
	char *unknown = g_strdup_printf("%s/c-unknown.xml:1", dir);
	assert_contains(out, bad);
	assert_contains(out, unknown);
	assert_not_contains(out, "a-controls.xml");
	g_free(bad);
	g_free(unknown);
	g_free(out);
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);
}

/* A file that does not parse is in the set with no document. */
static void
test_sources_malformed_file(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "broken.xml", "<controls>\n<control>\n"));

	capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	char *out = capture_end();
	assert_non_null(set);
	assert_int_equal(set->files->len, 1);
	assert_null(file_at(set, 0)->doc);
	assert_false(file_at(set, 0)->valid);
	assert_true(diag_count(DIAG_ERROR) > 0);
	char *where = g_strdup_printf("%s/broken.xml:", dir);
	assert_contains(out, where);
	g_free(where);
	g_free(out);
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);
}

/* Hidden entries, the skip folder and non-XML files are not read: each
 * holds a malformed file that would be an error. */
static void
test_sources_skips(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "controls.xml", small_controls));
	g_free(put_file(dir, ".git/config.xml", "<broken"));
	g_free(put_file(dir, ".hidden.xml", "<broken"));
	g_free(put_file(dir, "sub/.also-hidden/x.xml", "<broken"));
	g_free(put_file(dir, "out/policies/stale.xml", "<broken"));
	g_free(put_file(dir, "notes.txt", "<broken"));
	g_free(put_file(dir, "sub/more.xml", small_controls));
	char *skip = g_build_filename(dir, "out", NULL);

	capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, skip);
	char *out = capture_end();
	assert_non_null(set);
	assert_string_equal(out, "");
	g_free(out);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_int_equal(set->files->len, 2);
	assert_true(g_str_has_suffix(file_at(set, 0)->name, "/controls.xml"));
	assert_true(g_str_has_suffix(file_at(set, 1)->name, "/sub/more.xml"));
	source_set_free(set);

	/* the skip folder is compared as a real path: another spelling of
	 * it is skipped too */
	char *other = g_strdup_printf("%s/sub/../out/", dir);
	set = load_sources(dir, SOURCES_RNG, other);
	assert_non_null(set);
	assert_int_equal(set->files->len, 2);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	source_set_free(set);
	g_free(other);

	/* without skip, the output folder is read like any other */
	capture_begin();
	set = load_sources(dir, SOURCES_RNG, NULL);
	g_free(capture_end());
	assert_int_equal(set->files->len, 3);
	assert_true(diag_count(DIAG_ERROR) > 0);
	source_set_free(set);
	g_free(skip);
	rm_tree(dir);
	g_free(dir);
}

/* Files come in byte order of their path below the folder, whatever
 * order the folder lists them in. */
static void
test_sources_sorted(void **state)
{
	(void)state;
	static const char *const order[] = {
		"A.xml", "a.xml", "a/b.xml", "a/c/z.xml", "a0.xml", "b.xml",
		"z/a.xml",
	};
	char *dir = tmp_dir();
	for (size_t i = G_N_ELEMENTS(order); i-- > 0;)
		g_free(put_file(dir, order[i], small_controls));

	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	assert_non_null(set);
	assert_int_equal(set->files->len, G_N_ELEMENTS(order));
	for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
		char *want = g_build_filename(dir, order[i], NULL);
		assert_string_equal(file_at(set, (guint)i)->name, want);
		assert_true(file_at(set, (guint)i)->valid);
		g_free(want);
	}
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);
}

static void
test_sources_missing_folder(void **state)
{
	(void)state;
	capture_begin();
	source_set *set = load_sources("/nonexistent/ismsc", SOURCES_RNG,
	    NULL);
	char *out = capture_end();
	assert_null(set);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_true(g_str_has_prefix(out, "/nonexistent/ismsc: error: "));
	g_free(out);
}

/* The whole example is valid. */
static void
test_sources_example(void **state)
{
	(void)state;
	source_set *set = load_sources(EXAMPLE, SOURCES_RNG, NULL);

	assert_non_null(set);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_int_equal(set->files->len, 16);
	for (guint i = 0; i < set->files->len; i++)
		assert_true(file_at(set, i)->valid);
	assert_string_equal(file_at(set, 0)->name, EXAMPLE "/controls.xml");
	source_set_free(set);
}

/* ---- hostile documents ------------------------------------------------ */

/* Parse text as NAME; the document (or NULL) and, in *err, exactly what
 * was printed. A hang (a FIFO opened, a bomb expanded) ends the test
 * binary after 30 s instead of blocking the suite. */
static xmlDocPtr
parse_text(const char *text, size_t len, const char *name, char **err)
{
	alarm(slow(30));
	capture_begin();
	xmlDocPtr doc = load_memory(text, len, name);
	*err = capture_end();
	alarm(0);
	return doc;
}

/* Refused with exactly the diagnostic want, nothing else. */
static void
assert_refused(const char *text, const char *want)
{
	char *err;
	xmlDocPtr doc = parse_text(text, strlen(text), "h.xml", &err);

	if (doc != NULL)
		fail_msg("accepted:\n%.200s", text);
	assert_string_equal(err, want);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	g_free(err);
}

#define DOCTYPE_REFUSED "error: a document type declaration is not " \
	"allowed (ismsc reads no DTDs and expands no entities)\n"

/* The refusal names the line and column of <!DOCTYPE, however the
 * prolog before it looks. */
static void
test_doctype_position(void **state)
{
	(void)state;
	assert_refused("<?xml version=\"1.0\"?>\n"
	    "<!-- not this one: <!DOCTYPE x> -->\n"
	    "  <!DOCTYPE r [\n<!ENTITY x \"y\">\n]>\n<r>&x;</r>\n",
	    "h.xml:3:3: " DOCTYPE_REFUSED);
	diag_reset();
	assert_refused("<!DOCTYPE r>\n<r/>\n", "h.xml:1:1: " DOCTYPE_REFUSED);
	diag_reset();
	assert_refused("<!DOCTYPE\n  r\n  SYSTEM \"x.dtd\">\n<r/>\n",
	    "h.xml:1:1: " DOCTYPE_REFUSED);
}

/* Billion laughs: refused at once, with one diagnostic naming the file
 * (libxml2 alone reports each loop without a file name). */
static void
test_billion_laughs(void **state)
{
	(void)state;
	GString *s = g_string_new("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    " <!ENTITY lol0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		g_string_append_printf(s, " <!ENTITY lol%d \"", i);
		for (int j = 0; j < 10; j++)
			g_string_append_printf(s, "&lol%d;", i - 1);
		g_string_append(s, "\">\n");
	}
	g_string_append(s, "]>\n<lolz>&lol9;</lolz>\n");
	gint64 t0 = g_get_monotonic_time();
	assert_refused(s->str, "h.xml:2:1: " DOCTYPE_REFUSED);
	assert_true(g_get_monotonic_time() - t0 < slow(2) * G_USEC_PER_SEC);
	g_string_free(s, TRUE);
}

/* Quadratic blow-up: one big entity used many times. */
static void
test_quadratic_blowup(void **state)
{
	(void)state;
	GString *s = g_string_new("<!DOCTYPE r [<!ENTITY a \"");
	for (int i = 0; i < 50000; i++)
		g_string_append_c(s, 'a');
	g_string_append(s, "\">]>\n<r>");
	for (int i = 0; i < 50000; i++)
		g_string_append(s, "&a;");
	g_string_append(s, "</r>\n");
	gint64 t0 = g_get_monotonic_time();
	assert_refused(s->str, "h.xml:1:1: " DOCTYPE_REFUSED);
	assert_true(g_get_monotonic_time() - t0 < slow(2) * G_USEC_PER_SEC);
	g_string_free(s, TRUE);
}

/* An external DTD or entity that is a FIFO: opening it would block (no
 * writer), so returning at all proves it was not opened. */
static void
test_external_fifo_not_opened(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *fifo = g_build_filename(dir, "pipe", NULL);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	const char *forms[] = {
		"<!DOCTYPE r SYSTEM \"file://%s\">\n<r/>\n",
		"<!DOCTYPE r [<!ENTITY x SYSTEM \"file://%s\">]>\n<r>&x;</r>\n",
		"<!DOCTYPE r [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>\n<r/>\n",
		"<!DOCTYPE r PUBLIC \"-//X//DTD X//EN\" \"%s\">\n<r/>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		char *text = g_strdup_printf(forms[i], fifo);
		diag_reset();
		assert_refused(text, "h.xml:1:1: " DOCTYPE_REFUSED);
		g_free(text);
	}
	g_free(fifo);
	rm_tree(dir);
	g_free(dir);
}

/* An external DTD or entity on the network: nothing connects to a
 * listening local port. */
static void
test_external_network_not_fetched(void **state)
{
	(void)state;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct sockaddr_in a = { 0 };
	socklen_t alen = sizeof(a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s, 8), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &alen), 0);
	int port = ntohs(a.sin_port);
	const char *forms[] = {
		"<!DOCTYPE r SYSTEM \"http://127.0.0.1:%d/evil.dtd\">\n<r/>\n",
		"<!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:%d/x\">]>\n"
		    "<r>&x;</r>\n",
		"<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
		    "<xi:include href=\"http://127.0.0.1:%d/x\"/></r>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		char *text = g_strdup_printf(forms[i], port);
		char *err;
		xmlDocPtr doc = parse_text(text, strlen(text), "n.xml", &err);
		assert_null(doc);
		assert_true(g_str_has_prefix(err, "n.xml:1:"));
		g_free(err);
		g_free(text);
	}
	assert_true(accept(s, NULL, NULL) < 0);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(s);
}

/* XInclude is not processed: refused where it stands, the file it names
 * not opened. */
static void
test_xinclude_refused(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *secret = put_file(dir, "secret.xml", "<s>TOP-SECRET</s>\n");
	int w = watch(secret);
	char *text = g_strdup_printf("<r xmlns:xi=\"http://www.w3.org/2001/"
	    "XInclude\">\n  <p>x</p>\n  <xi:include href=\"%s\"/>\n</r>\n",
	    secret);

	assert_refused(text, "h.xml:3:3: error: XInclude is not supported: "
	    "<xi:include> includes nothing\n");
	assert_false(touched(w));
	g_free(text);
	/* the older namespace, and a default namespace */
	diag_reset();
	assert_refused("<r>\n<include xmlns=\"http://www.w3.org/2003/XInclude\""
	    " href=\"x\"/></r>\n", "h.xml:2:1: error: XInclude is not "
	    "supported: <include> includes nothing\n");
	g_free(secret);
	rm_tree(dir);
	g_free(dir);
}

/* Nesting: LOAD_MAX_DEPTH levels parse; one more is refused at the
 * deeper element's start tag. */
static void
test_depth_limit(void **state)
{
	(void)state;
	GString *s = g_string_new(NULL);
	for (int i = 0; i < LOAD_MAX_DEPTH; i++)
		g_string_append(s, "<a>\n");
	for (int i = 0; i < LOAD_MAX_DEPTH; i++)
		g_string_append(s, "</a>");
	char *err;
	xmlDocPtr doc = parse_text(s->str, s->len, "d.xml", &err);
	assert_non_null(doc);
	assert_string_equal(err, "");
	xmlFreeDoc(doc);
	g_free(err);

	g_string_truncate(s, 0);
	for (int i = 0; i <= LOAD_MAX_DEPTH; i++)
		g_string_append(s, "<a>\n");
	for (int i = 0; i <= LOAD_MAX_DEPTH; i++)
		g_string_append(s, "</a>");
	char *want = g_strdup_printf("h.xml:%d:1: error: elements are nested "
	    "deeper than the limit of %d levels\n", LOAD_MAX_DEPTH + 1,
	    LOAD_MAX_DEPTH);
	assert_refused(s->str, want);
	g_free(want);

	/* far deeper than libxml2's own limit: still ours, at once */
	g_string_truncate(s, 0);
	g_string_append(s, "<r>\n");
	for (int i = 0; i < 100000; i++)
		g_string_append(s, "<a>");
	diag_reset();
	want = g_strdup_printf("h.xml:2:%d: error: elements are nested "
	    "deeper than the limit of %d levels\n", 3 * (LOAD_MAX_DEPTH - 1) + 1,
	    LOAD_MAX_DEPTH);
	assert_refused(s->str, want);
	g_free(want);
	g_string_free(s, TRUE);
}

/* A text node: LOAD_MAX_TEXT bytes parse, one more is refused where the
 * text begins. CDATA counts with the text around it. */
static void
test_text_limit(void **state)
{
	(void)state;
	GString *s = g_string_new("<r>\n  <p>");
	for (int i = 0; i < LOAD_MAX_TEXT - 20; i++)
		g_string_append_c(s, 'x');
	g_string_append(s, "<![CDATA[0123456789]]>0123456789</p>\n</r>\n");
	char *err;
	xmlDocPtr doc = parse_text(s->str, s->len, "t.xml", &err);
	assert_non_null(doc);
	assert_string_equal(err, "");
	xmlFreeDoc(doc);
	g_free(err);

	/* one byte more */
	char *at = strstr(s->str, "</p>");
	g_string_insert_c(s, at - s->str, 'y');
	assert_refused(s->str, "h.xml:2:6: error: a text is longer than the "
	    "limit of 1 MiB\n");

	/* split by a comment: two texts, each within the limit */
	at = strstr(s->str, "<![CDATA[");
	g_string_insert(s, at - s->str, "<!-- -->");
	doc = parse_text(s->str, s->len, "t.xml", &err);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	g_free(err);
	g_string_free(s, TRUE);
}

/* An attribute value: LOAD_MAX_ATTR bytes parse, one more is refused at
 * its element. */
static void
test_attribute_limit(void **state)
{
	(void)state;
	GString *s = g_string_new("<r>\n <p\n   a=\"1\" long=\"");
	for (int i = 0; i < LOAD_MAX_ATTR; i++)
		g_string_append_c(s, 'x');
	g_string_append(s, "\"/>\n</r>\n");
	char *err;
	xmlDocPtr doc = parse_text(s->str, s->len, "a.xml", &err);
	assert_non_null(doc);
	assert_string_equal(err, "");
	xmlFreeDoc(doc);
	g_free(err);

	char *at = strstr(s->str, "\"/>");
	g_string_insert_c(s, at - s->str, 'y');
	assert_refused(s->str, "h.xml:2:2: error: attribute 'long' is longer "
	    "than the limit of 64 KiB\n");

	/* a namespace name */
	g_string_truncate(s, 0);
	g_string_append(s, "<r xmlns:n=\"");
	for (int i = 0; i <= LOAD_MAX_ATTR; i++)
		g_string_append_c(s, 'u');
	g_string_append(s, "\"/>\n");
	diag_reset();
	assert_refused(s->str, "h.xml:1:1: error: a namespace name is longer "
	    "than the limit of 64 KiB\n");
	g_string_free(s, TRUE);
}

/* LOAD_MAX_ELEMENTS elements parse; one more is refused. */
static void
test_element_limit(void **state)
{
	(void)state;
	GString *s = g_string_new("<r>\n");
	for (int i = 1; i < LOAD_MAX_ELEMENTS; i++)
		g_string_append(s, "<a/>");
	g_string_append(s, "\n</r>\n");
	char *err;
	xmlDocPtr doc = parse_text(s->str, s->len, "e.xml", &err);
	assert_non_null(doc);
	assert_string_equal(err, "");
	xmlFreeDoc(doc);
	g_free(err);

	g_string_insert(s, 4, "<b/>");
	assert_refused(s->str, "h.xml:2:3999997: error: more elements than "
	    "the limit of 1000000\n");
	g_string_free(s, TRUE);
}

/* Bytes that are not UTF-8 are refused where they are, whatever the
 * encoding declaration says. */
static void
test_invalid_utf8(void **state)
{
	(void)state;
	assert_refused("<r>\n  <p>caf\xe9</p>\n</r>\n", "h.xml:2:9: error: "
	    "the file is not valid UTF-8 (bytes 0xE9 0x3C 0x2F 0x70)\n");
	diag_reset();
	assert_refused("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<r>caf\xe9</r>\n", "h.xml:2:7: error: the file is not valid "
	    "UTF-8 (bytes 0xE9 0x3C 0x2F 0x72)\n");
	diag_reset();
	assert_refused("<r a=\"\xc3\x28\"/>\n", "h.xml:1:7: error: the file is "
	    "not valid UTF-8 (bytes 0xC3 0x28 0x22 0x2F)\n");
	diag_reset();
	static const char utf16[] = "\xff\xfe<\0r\0/\0>\0";
	char *err;
	assert_null(parse_text(utf16, sizeof(utf16) - 1, "h.xml", &err));
	assert_string_equal(err, "h.xml:1:1: error: the file is UTF-16; "
	    "sources must be UTF-8\n");
	g_free(err);

	/* good UTF-8, with or without a byte order mark, is read */
	static const char good[] = "\xef\xbb\xbf<r>caf\xc3\xa9 \xe2\x82\xac "
	    "\xf0\x9f\x94\x92</r>\n";
	diag_reset();
	xmlDocPtr doc = parse_text(good, sizeof(good) - 1, "g.xml", &err);
	assert_non_null(doc);
	assert_string_equal(err, "");
	assert_xp_string(doc, "string(/r)", "caf\xc3\xa9 \xe2\x82\xac "
	    "\xf0\x9f\x94\x92");
	xmlFreeDoc(doc);
	g_free(err);
}

/* Documents a stylesheet loads are parsed into its dictionary. */
static void
test_file_dict(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *path = put_file(dir, "d.xml", "<r><a/></r>\n");
	xmlDictPtr dict = xmlDictCreate();
	xmlDocPtr doc = load_file_dict(path, "d.xml", dict);

	assert_non_null(doc);
	assert_ptr_equal(doc->dict, dict);
	assert_true(xmlDictOwns(dict, xmlDocGetRootElement(doc)->name));
	xmlFreeDoc(doc);
	xmlDictFree(dict);
	g_free(path);
	rm_tree(dir);
	g_free(dir);
}

/* A link to a file outside the source folder is refused and not read; a
 * link inside is followed; a FIFO is not opened for reading. */
static void
test_sources_links_and_fifos(void **state)
{
	(void)state;
	char *top = tmp_dir();
	char *src = g_build_filename(top, "src", NULL);
	char *secret = put_file(top, "secret.xml", small_controls);
	g_free(put_file(src, "a.xml", small_controls));
	char *out_link = g_build_filename(src, "b-outside.xml", NULL);
	char *in_link = g_build_filename(src, "c-inside.xml", NULL);
	char *fifo = g_build_filename(src, "d-fifo.xml", NULL);
	assert_int_equal(symlink(secret, out_link), 0);
	assert_int_equal(symlink("a.xml", in_link), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	int w = watch(secret);

	alarm(slow(30));
	capture_begin();
	source_set *set = load_sources(src, SOURCES_RNG, NULL);
	char *out = capture_end();
	alarm(0);
	assert_non_null(set);
	assert_int_equal(set->files->len, 4);
	assert_true(file_at(set, 0)->valid);
	assert_null(file_at(set, 1)->doc);
	assert_true(file_at(set, 2)->valid);
	assert_null(file_at(set, 3)->doc);
	char *want = g_strdup_printf("%s: error: a link to a file outside the "
	    "source folder is not followed\n%s: error: not a regular file\n",
	    out_link, fifo);
	assert_string_equal(out, want);
	assert_false(touched(w));
	g_free(want);
	g_free(out);
	source_set_free(set);
	g_free(fifo);
	g_free(in_link);
	g_free(out_link);
	g_free(secret);
	g_free(src);
	rm_tree(top);
	g_free(top);
}

/* The folder's budgets: LOAD_MAX_TOTAL bytes and LOAD_MAX_ELEMENTS
 * elements in all files together. */
static void
test_sources_budgets(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *text = padded_document(LOAD_MAX_FILE);
	int n = LOAD_MAX_TOTAL / LOAD_MAX_FILE;
	for (int i = 0; i <= n; i++) {
		char *name = g_strdup_printf("%s/f%02d.xml", dir, i);
		assert_true(g_file_set_contents(name, text, LOAD_MAX_FILE,
		    NULL));
		g_free(name);
	}
	g_free(text);
	capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	char *out = capture_end();
	assert_int_equal(set->files->len, n + 1);
	for (int i = 0; i < n; i++)
		assert_non_null(file_at(set, (guint)i)->doc);
	assert_null(file_at(set, (guint)n)->doc);
	char *want = g_strdup_printf("%s/f%02d.xml: error: the sources are "
	    "larger than the limit of 64 MiB together; this file and those "
	    "after it are not read\n", dir, n);
	assert_contains(out, want);
	g_free(want);
	g_free(out);
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);

	/* elements: 600,000 in each of two files */
	dir = tmp_dir();
	GString *s = g_string_new("<controls>\n");
	for (int i = 1; i < 600000; i++)
		g_string_append(s, "<a/>");
	g_string_append(s, "</controls>\n");
	g_free(put_file(dir, "a.xml", s->str));
	g_free(put_file(dir, "b.xml", s->str));
	g_string_free(s, TRUE);
	diag_reset();
	capture_begin();
	set = load_sources(dir, SOURCES_RNG, NULL);
	out = capture_end();
	assert_non_null(file_at(set, 0)->doc);
	assert_null(file_at(set, 1)->doc);
	want = g_strdup_printf("%s/b.xml:2:1599997: error: more elements than "
	    "the limit of 1000000\n", dir);
	assert_contains(out, want);
	g_free(want);
	g_free(out);
	source_set_free(set);
	rm_tree(dir);
	g_free(dir);
}

/* ---- regression cases: defects found and fixed ------------------------- */

/* A link to a folder above is not followed round in circles: each file
 * is read once. */
static void
test_symlink_loop(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "controls.xml", small_controls));
	char *self = g_build_filename(dir, "self", NULL);
	assert_int_equal(symlink(".", self), 0);

	capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	g_free(capture_end());
	assert_non_null(set);
	assert_int_equal(set->files->len, 1);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	source_set_free(set);
	g_free(self);
	rm_tree(dir);
	g_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_memory_well_formed,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_memory_malformed,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_external_entity_refused,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_external_dtd_not_read,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_size_limit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_missing_file,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_sources_valid_organization, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_schema_violation,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_malformed_file,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_skips,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_sorted,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_missing_folder,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_example,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_symlink_loop,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_doctype_position,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_billion_laughs,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_quadratic_blowup,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_external_fifo_not_opened,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_external_network_not_fetched,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_xinclude_refused,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_depth_limit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_text_limit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_attribute_limit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_element_limit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_invalid_utf8,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_file_dict,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_links_and_fifos,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_sources_budgets,
		    test_reset, test_reset),
	};

	return cmocka_run_group_tests(tests, test_group_setup, NULL);
}
