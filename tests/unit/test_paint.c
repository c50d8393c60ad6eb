/* paint: page trees become PDF bytes: a PDF, reproducible for a fixed
 * date, with the metadata, fonts, pages and links of the document. */
#include "helpers.h"

#include "fonts.h"
#include "paint.h"
#include "typeset.h"

static PangoFontMap *fonts;

static int
group_setup(void **state)
{
	if (test_group_setup(state) != 0)
		return -1;
	fonts = fonts_load(FONTS);
	return fonts == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	g_object_unref(fonts);
	return 0;
}

static const char layout[] =
    "<document title=\"Unit Test Title\" author=\"Unit Test Author\" "
    "subject=\"Unit Test Subject\" keywords=\"alpha, beta\" lang=\"en-GB\" "
    "header-left=\"Org\" footer-left=\"Footer\">\n"
    "<h level=\"1\" id=\"sec-1\">First section</h>\n"
    "<p>See <a to=\"sec-1\">the first section</a> and <a "
    "href=\"https://example.org/unit\">the web</a>.</p>\n"
    "<page-break/>\n"
    "<p><b>Bold</b>, <i>italic</i> and <code>mono</code>.</p>\n"
    "</document>\n";

/* Typeset and paint the layout with the given date. */
static GBytes *
paint(const char *date)
{
	xmlDocPtr doc = load_memory(layout, sizeof(layout) - 1, "paint.xml");
	assert_non_null(doc);
	pdf *p = pdf_new(fonts);
	ts_doc *ts = typeset(doc, pdf_context(p));
	assert_non_null(ts);
	paint_meta meta = { "ismsc unit", date };
	GBytes *bytes = pdf_paint(p, ts, &meta);

	assert_non_null(bytes);
	ts_doc_free(ts);
	xmlFreeDoc(doc);
	return bytes;
}

static int
has(GBytes *b, const char *needle)
{
	gsize len, n = strlen(needle);
	const char *data = g_bytes_get_data(b, &len);

	for (gsize i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
test_is_a_pdf(void **state)
{
	(void)state;
	GBytes *b = paint("2026-01-01T00:00:00Z");
	gsize len;
	const char *data = g_bytes_get_data(b, &len);

	assert_true(len > 1000);
	assert_memory_equal(data, "%PDF-", 5);
	/* a finished file: the trailer is written */
	assert_true(has(b, "%%EOF"));
	assert_true(has(b, "/Count 2"));           /* two pages */
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	g_bytes_unref(b);
}

static void
test_reproducible(void **state)
{
	(void)state;
	GBytes *a = paint("2026-01-01T00:00:00Z");
	GBytes *b = paint("2026-01-01T00:00:00Z");
	GBytes *c = paint("2027-06-30T12:00:00Z");

	assert_true(g_bytes_equal(a, b));
	assert_false(g_bytes_equal(a, c));         /* the date is in it */
	g_bytes_unref(a);
	g_bytes_unref(b);
	g_bytes_unref(c);
}

static void
test_metadata(void **state)
{
	(void)state;
	GBytes *b = paint("2026-01-01T00:00:00Z");

	assert_true(has(b, "/Title (Unit Test Title)"));
	assert_true(has(b, "/Author (Unit Test Author)"));
	assert_true(has(b, "/Subject (Unit Test Subject)"));
	assert_true(has(b, "/Keywords (alpha, beta)"));
	assert_true(has(b, "/Creator (ismsc unit)"));
	assert_true(has(b, "20260101000000"));
	g_bytes_unref(b);
}

/* The text is drawn with the fonts of fonts/, embedded. */
static void
test_fonts_embedded(void **state)
{
	(void)state;
	GBytes *b = paint("2026-01-01T00:00:00Z");

	assert_true(has(b, "+NotoSans-Regular"));
	assert_true(has(b, "+NotoSans-Bold"));
	assert_true(has(b, "+NotoSans-Italic"));
	assert_true(has(b, "+NotoSansMono-Regular"));
	g_bytes_unref(b);
}

/* Internal links become named destinations, external ones URI links. */
static void
test_links(void **state)
{
	(void)state;
	GBytes *b = paint("2026-01-01T00:00:00Z");

	assert_true(has(b, "/Dests"));
	assert_true(has(b, "(sec-1)"));
	assert_true(has(b, "(https://example.org/unit)"));
	g_bytes_unref(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_is_a_pdf,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_reproducible,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_metadata,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_fonts_embedded,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_links,
		    test_reset, test_reset),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
