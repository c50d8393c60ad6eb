/* csv: RFC 4180 fields read back exactly (quotes, separators and line
 * breaks inside fields, CRLF, LF and CR endings, a byte order mark),
 * syntax errors reported at ROW:COL, fields quoted only when they must be,
 * spreadsheet column names, and the text of model elements. */
#include "helpers.h"

#include "csv.h"

static csv_table *
parse(const char *text, char sep, int *errors)
{
	*errors = 0;
	return csv_parse(text, strlen(text), sep, "t.csv", errors);
}

static const char *
field(const csv_table *t, guint rec, guint col)
{
	assert_true(rec < t->records->len);
	const csv_record *r = t->records->pdata[rec];
	assert_true(col < r->cells->len);
	return r->cells->pdata[col];
}

static guint
width(const csv_table *t, guint rec)
{
	return ((const csv_record *)t->records->pdata[rec])->cells->len;
}

static void
test_parse_fields(void **state)
{
	(void)state;
	int errors;
	csv_table *t = parse("\xEF\xBB\xBFid,text,n\r\n"
	    "R-1,\"a, b\",1\r\n"
	    "R-2,\"say \"\"hi\"\"\nand more\",\r\n"
	    ",,\n"
	    "R-3,last", ',', &errors);

	assert_int_equal(errors, 0);
	assert_int_equal(t->records->len, 5);
	assert_string_equal(field(t, 0, 0), "id");      /* no BOM left */
	assert_string_equal(field(t, 1, 1), "a, b");
	assert_string_equal(field(t, 2, 1), "say \"hi\"\nand more");
	assert_int_equal(width(t, 2), 3);
	assert_string_equal(field(t, 2, 2), "");
	assert_int_equal(width(t, 3), 3);
	assert_string_equal(field(t, 4, 1), "last");
	assert_int_equal(width(t, 4), 2);
	/* rows are counted as records, not lines */
	assert_int_equal(((csv_record *)t->records->pdata[4])->row, 5);
	csv_table_free(t);
}

static void
test_parse_endings_and_separator(void **state)
{
	(void)state;
	int errors;
	csv_table *t = parse("a;b\rc;\"d;e\"\r\n", ';', &errors);

	assert_int_equal(errors, 0);
	assert_int_equal(t->records->len, 2);
	assert_string_equal(field(t, 0, 1), "b");
	assert_string_equal(field(t, 1, 0), "c");
	assert_string_equal(field(t, 1, 1), "d;e");
	csv_table_free(t);
}

static void
test_parse_errors(void **state)
{
	(void)state;
	int errors;

	capture_begin();
	csv_table *t = parse("a,b\nx,y\"z\n\"q\"r,s\n1,\"open\n", ',',
	    &errors);
	char *err = capture_end();
	assert_int_equal(errors, 3);
	assert_string_equal(err,
	    "t.csv:2:2: error: a '\"' in a field that is not quoted (quote "
	    "the field and double the '\"')\n"
	    "t.csv:3:1: error: text after the closing quote of a quoted field\n"
	    "t.csv:4:2: error: a quoted field is not closed (a '\"' is "
	    "missing)\n");
	g_free(err);
	csv_table_free(t);

	capture_begin();
	t = parse("a,b\n\xff\xfe,ok\n", ',', &errors);
	err = capture_end();
	assert_int_equal(errors, 1);
	assert_contains(err, "t.csv:2:1: error: not UTF-8 text");
	g_free(err);
	csv_table_free(t);
}

static void
test_write_quoting(void **state)
{
	(void)state;
	const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines",
		"", "é ×" };
	GString *s = g_string_new(NULL);

	csv_record_append(s, fields, G_N_ELEMENTS(fields));
	assert_string_equal(s->str, "plain,\"a,b\",\"say \"\"hi\"\"\","
	    "\"two\nlines\",,é ×\r\n");

	/* and back */
	int errors;
	csv_table *t = parse(s->str, ',', &errors);
	assert_int_equal(errors, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
		assert_string_equal(field(t, 0, (guint)i), fields[i]);
	csv_table_free(t);
	g_string_free(s, TRUE);
}

static void
test_column_names(void **state)
{
	(void)state;
	const struct { long col; const char *name; } cases[] = {
		{ 1, "A" }, { 26, "Z" }, { 27, "AA" }, { 52, "AZ" },
		{ 53, "BA" }, { 702, "ZZ" }, { 703, "AAA" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *n = csv_column_name(cases[i].col);
		assert_string_equal(n, cases[i].name);
		g_free(n);
	}
}

static void
test_text_of_model(void **state)
{
	(void)state;
	const char *xml = "<threat>An  <em>insider</em>\n  uses "
	    "<control ref=\"5.15\" title=\"Access control\"/> and "
	    "<control ref=\"NL-1\" title=\"Dual\" custom=\"yes\"/> against "
	    "<risk ref=\"R-004\"/> per <policy ref=\"POL-02\" title=\"Access "
	    "Control Policy\"/>. </threat>";
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "m.xml", NULL, 0);

	assert_non_null(doc);
	char *t = csv_text(xmlDocGetRootElement(doc));
	assert_string_equal(t, "An insider uses A.5.15 Access control and "
	    "NL-1 Dual against R-004 per Access Control Policy.");
	g_free(t);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parse_fields,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_parse_endings_and_separator, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_parse_errors,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_write_quoting,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_column_names,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_text_of_model,
		    test_reset, test_reset),
	};

	return cmocka_run_group_tests(tests, test_group_setup, NULL);
}
