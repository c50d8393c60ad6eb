/* load: secure parsing of single documents, and the source folder walk
 * with RELAX NG validation. */
#include <fcntl.h>
#include <sys/inotify.h>

#include "helpers.h"

#include "xml.h"

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
	assert_contains(out, "xxe.xml:1:1: error: document type declarations");
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

static char *
padded_document(size_t len)
{
	char *text = g_malloc(len);

	memset(text, ' ', len);
	memcpy(text, "<r>", 3);
	memcpy(text + len - 4, "</r>", 4);
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
	assert_contains(out, "big.xml: error: ");
	assert_contains(out, "limit");
	g_free(out);

	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "big.xml", NULL);
	assert_true(g_file_set_contents(path, text, LOAD_MAX_FILE + 1, NULL));
	capture_begin();
	doc = load_file(path, "big.xml");
	g_free(capture_end());
	assert_null(doc);
	assert_int_equal(diag_count(DIAG_ERROR), 2);
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
	assert_int_equal(set->files->len, 13);
	for (guint i = 0; i < set->files->len; i++)
		assert_true(file_at(set, i)->valid);
	assert_string_equal(file_at(set, 0)->name, EXAMPLE "/controls.xml");
	source_set_free(set);
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
	};

	return cmocka_run_group_tests(tests, test_group_setup, NULL);
}
