/* diag: the one message format, counting, strict and quiet modes, and
 * columns of elements and attributes in registered sources. */
#include "helpers.h"

#include "xml.h"

/* The element named name in document order, the nth (1-based). */
static xmlNode *
nth_element(xmlNode *n, const char *name, int *nth)
{
	for (; n != NULL; n = n->next) {
		if (xml_is(n, name) && --*nth == 0)
			return n;
		xmlNode *k = nth_element(n->children, name, nth);
		if (k != NULL)
			return k;
	}
	return NULL;
}

static xmlNode *
find(xmlDocPtr doc, const char *name, int nth)
{
	xmlNode *n = nth_element(xmlDocGetRootElement(doc), name, &nth);

	assert_non_null(n);
	return n;
}

static void
test_format_file_line_col(void **state)
{
	(void)state;
	capture_begin();
	diag_at(DIAG_ERROR, "policies/risks.xml", 12, 7, "risk '%s' is %d",
	    "R-1", 3);
	diag_at(DIAG_WARNING, "a.xml", 1, 1, "careful");
	diag_at(DIAG_NOTE, "a.xml", 2, 5, "by the way");
	char *out = capture_end();
	assert_string_equal(out,
	    "policies/risks.xml:12:7: error: risk 'R-1' is 3\n"
	    "a.xml:1:1: warning: careful\n"
	    "a.xml:2:5: note: by the way\n");
	g_free(out);
}

/* Unknown parts of the position are left out, never printed as 0. */
static void
test_format_partial_positions(void **state)
{
	(void)state;
	capture_begin();
	diag_at(DIAG_ERROR, "a.xml", 4, 0, "no column");
	diag_at(DIAG_ERROR, "a.xml", 0, 0, "no line");
	diag_at(DIAG_ERROR, NULL, 0, 0, "no file");
	char *out = capture_end();
	assert_string_equal(out,
	    "a.xml:4: error: no column\n"
	    "a.xml: error: no line\n"
	    "ismsc: error: no file\n");
	g_free(out);
}

static void
test_counts_by_level(void **state)
{
	(void)state;
	capture_begin();
	diag_at(DIAG_WARNING, "a.xml", 1, 1, "w1");
	diag_at(DIAG_WARNING, "a.xml", 2, 1, "w2");
	diag_at(DIAG_ERROR, "a.xml", 3, 1, "e1");
	diag_at(DIAG_NOTE, "a.xml", 4, 1, "n1");
	g_free(capture_end());
	assert_int_equal(diag_count(DIAG_WARNING), 2);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_int_equal(diag_count(DIAG_NOTE), 1);
	diag_reset();
	assert_int_equal(diag_count(DIAG_WARNING), 0);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_int_equal(diag_count(DIAG_NOTE), 0);
}

static void
test_strict_turns_warnings_into_errors(void **state)
{
	(void)state;
	diag_set_strict(1);
	capture_begin();
	diag_at(DIAG_WARNING, "a.xml", 5, 2, "dangling link");
	diag_at(DIAG_NOTE, "a.xml", 6, 2, "just a note");
	char *out = capture_end();
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_int_equal(diag_count(DIAG_WARNING), 0);
	assert_int_equal(diag_count(DIAG_NOTE), 1);   /* notes stay notes */
	assert_string_equal(out, "a.xml:5:2: error: dangling link\n"
	    "a.xml:6:2: note: just a note\n");
	g_free(out);
}

/* Quiet hides notes and warnings but still counts them; errors show. */
static void
test_quiet_counts_but_hides(void **state)
{
	(void)state;
	diag_set_quiet(1);
	capture_begin();
	diag_at(DIAG_WARNING, "a.xml", 1, 1, "hidden warning");
	diag_at(DIAG_NOTE, "a.xml", 1, 1, "hidden note");
	diag_at(DIAG_ERROR, "a.xml", 2, 3, "shown");
	char *out = capture_end();
	assert_string_equal(out, "a.xml:2:3: error: shown\n");
	assert_int_equal(diag_count(DIAG_WARNING), 1);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	g_free(out);
}

static const char source[] =
    "<?xml version=\"1.0\"?>\n"                   /* 1 */
    "<root>\n"                                    /* 2 */
    "  <item id=\"a\" kind=\"b\"/>\n"             /* 3 */
    "\t<other  name=\"x\"\n"                      /* 4 */
    "         flag=\"y\"\n"                       /* 5 */
    "         kind=\"z\"/>\n"                     /* 6 */
    "  <p>\xc3\xa9\xc3\xa9\xc3\xa9<b/></p>\n"     /* 7: "ééé" */
    "  <ab/><a x=\"1\"/>\n"                       /* 8 */
    "</root>\n";

static xmlDocPtr
load_source(void)
{
	xmlDocPtr doc = load_memory(source, sizeof(source) - 1, "mem.xml");

	assert_non_null(doc);
	return doc;
}

static void
test_column_of_element(void **state)
{
	(void)state;
	xmlDocPtr doc = load_source();

	assert_int_equal(diag_column(find(doc, "root", 1), NULL), 1);
	assert_int_equal(diag_column(find(doc, "item", 1), NULL), 3);
	assert_int_equal(diag_column(find(doc, "other", 1), NULL), 2);
	/* columns count characters, not bytes */
	assert_int_equal(diag_column(find(doc, "b", 1), NULL), 9);
	/* <ab comes first on the line but is not <a */
	assert_int_equal(diag_column(find(doc, "a", 1), NULL), 8);
	xmlFreeDoc(doc);
}

static void
test_column_of_attribute(void **state)
{
	(void)state;
	xmlDocPtr doc = load_source();
	xmlNode *item = find(doc, "item", 1);

	assert_int_equal(diag_column(item, "id"), 9);
	assert_int_equal(diag_column(item, "kind"), 16);
	assert_int_equal(diag_column(find(doc, "other", 1), "name"), 10);
	xmlFreeDoc(doc);
}

/* The start tag of <other> spans lines 4 to 6: an attribute on a
 * continuation line is found on its own line. */
static void
test_attribute_on_continuation_line(void **state)
{
	(void)state;
	xmlDocPtr doc = load_source();
	xmlNode *other = find(doc, "other", 1);

	assert_int_equal(diag_column(other, "flag"), 10);
	assert_int_equal(diag_column(other, "kind"), 10);
	capture_begin();
	diag_node(DIAG_ERROR, other, "flag", "bad flag");
	diag_node(DIAG_ERROR, other, "kind", "bad kind");
	diag_node(DIAG_WARNING, other, NULL, "the element");
	char *out = capture_end();
	assert_string_equal(out,
	    "mem.xml:5:10: error: bad flag\n"
	    "mem.xml:6:10: error: bad kind\n"
	    "mem.xml:4:2: warning: the element\n");
	g_free(out);
	xmlFreeDoc(doc);
}

/* An attribute the tag does not have falls back to the element. */
static void
test_missing_attribute_gives_element_column(void **state)
{
	(void)state;
	xmlDocPtr doc = load_source();

	assert_int_equal(diag_column(find(doc, "item", 1), "nope"), 3);
	xmlFreeDoc(doc);
}

/* Without the source text (never registered, or forgotten by
 * diag_reset) there is no column, and messages give the line only. */
static void
test_no_column_without_source(void **state)
{
	(void)state;
	xmlDocPtr doc = xmlReadMemory(source, (int)sizeof(source) - 1,
	    "unregistered.xml", NULL, load_parse_options());
	assert_non_null(doc);
	assert_int_equal(diag_column(find(doc, "item", 1), NULL), 0);
	xmlFreeDoc(doc);

	doc = load_source();
	assert_int_equal(diag_column(find(doc, "item", 1), NULL), 3);
	diag_reset();
	assert_int_equal(diag_column(find(doc, "item", 1), NULL), 0);
	capture_begin();
	diag_node(DIAG_ERROR, find(doc, "item", 1), "id", "no text");
	char *out = capture_end();
	assert_string_equal(out, "mem.xml:3: error: no text\n");
	g_free(out);
	xmlFreeDoc(doc);
}

/* diag_add_source registers text under a name; a later registration of
 * the same name replaces it. */
static void
test_add_source_replaces(void **state)
{
	(void)state;
	static const char text[] = "<r>\n    <x/>\n</r>\n";
	xmlDocPtr doc = xmlReadMemory(text, (int)sizeof(text) - 1, "x.xml",
	    NULL, load_parse_options());
	assert_non_null(doc);
	GBytes *b = g_bytes_new_static(text, sizeof(text) - 1);
	diag_add_source("x.xml", b);
	g_bytes_unref(b);
	assert_int_equal(diag_column(find(doc, "x", 1), NULL), 5);

	static const char moved[] = "<r>\n  <x/>\n</r>\n";
	b = g_bytes_new_static(moved, sizeof(moved) - 1);
	diag_add_source("x.xml", b);
	g_bytes_unref(b);
	assert_int_equal(diag_column(find(doc, "x", 1), NULL), 3);
	xmlFreeDoc(doc);
}

/* diag_src reads the FILE:LINE references stylesheets copy. */
static void
test_src_reference(void **state)
{
	(void)state;
	capture_begin();
	diag_src(DIAG_ERROR, "policies/risks.xml:42", "layout", "too tall");
	diag_src(DIAG_WARNING, NULL, "layout", "no src");
	diag_src(DIAG_WARNING, "nocolon", "layout", "malformed");
	char *out = capture_end();
	assert_string_equal(out,
	    "policies/risks.xml:42: error: too tall\n"
	    "layout: warning: no src\n"
	    "layout: warning: malformed\n");
	g_free(out);
}

/* Parser errors reach diag as file:line:col errors. */
static void
test_parser_errors_are_errors(void **state)
{
	(void)state;
	static const char bad[] = "<r>\n  <a></b>\n</r>\n";
	capture_begin();
	xmlDocPtr doc = load_memory(bad, sizeof(bad) - 1, "bad.xml");
	char *out = capture_end();
	assert_null(doc);
	assert_true(diag_count(DIAG_ERROR) >= 1);
	assert_true(g_str_has_prefix(out, "bad.xml:2:"));
	assert_contains(out, ": error: ");
	g_free(out);
}

/* ---- regression cases: defects found and fixed ------------------------- */

static const char siblings[] =
    "<r>\n"                                       /* 1 */
    "  <a id=\"1\"/><a id=\"2\"/>\n"              /* 2 */
    "  <b title=\" id=x\" id=\"3\"/>\n"           /* 3 */
    "  <c\n"                                      /* 4 */
    "   id=\"4\"/><c id=\"5\"/>\n"                /* 5 */
    "</r>\n";

/* The second of two elements of one name on a line has its own column,
 * not the first one's. */
static void
test_same_line_siblings(void **state)
{
	(void)state;
	xmlDocPtr doc = load_memory(siblings, sizeof(siblings) - 1, "s.xml");

	assert_non_null(doc);
	assert_int_equal(diag_column(find(doc, "a", 2), NULL), 14);
	assert_int_equal(diag_column(find(doc, "a", 2), "id"), 17);
	xmlFreeDoc(doc);
}

/* An attribute name inside another attribute's quoted value is text. */
static void
test_attribute_inside_value(void **state)
{
	(void)state;
	xmlDocPtr doc = load_memory(siblings, sizeof(siblings) - 1, "s.xml");

	assert_non_null(doc);
	assert_int_equal(diag_column(find(doc, "b", 1), "id"), 20);
	xmlFreeDoc(doc);
}

/* A start tag over two lines followed by a sibling of its name on its
 * last line: the position is the first tag's, line included. */
static void
test_multiline_tag_then_sibling(void **state)
{
	(void)state;
	xmlDocPtr doc = load_memory(siblings, sizeof(siblings) - 1, "s.xml");

	assert_non_null(doc);
	capture_begin();
	diag_node(DIAG_ERROR, find(doc, "c", 1), NULL, "first c");
	diag_node(DIAG_ERROR, find(doc, "c", 1), "id", "its id");
	char *out = capture_end();
	assert_string_equal(out, "s.xml:4:3: error: first c\n"
	    "s.xml:5:4: error: its id\n");
	g_free(out);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_format_file_line_col,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_format_partial_positions,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_counts_by_level,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_strict_turns_warnings_into_errors, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_quiet_counts_but_hides,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_column_of_element,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_column_of_attribute,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_attribute_on_continuation_line, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(
		    test_missing_attribute_gives_element_column, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_no_column_without_source,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_add_source_replaces,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_src_reference,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_parser_errors_are_errors,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_same_line_siblings,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_attribute_inside_value, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_multiline_tag_then_sibling, test_reset,
		    test_reset),
	};

	return cmocka_run_group_tests(tests, test_group_setup, NULL);
}
