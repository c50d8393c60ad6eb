/* typeset: pagination of small layout documents. Every test checks the
 * page tree directly: which lines of which text land on which page, and
 * where. */
#include <math.h>

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

/* One typesetting: the layout (which the page tree borrows from), the
 * PDF surface whose context measured it, and the pages. */
typedef struct run {
	xmlDocPtr layout;
	pdf *p;
	ts_doc *doc;
	char *err;                 /* diagnostics printed */
} run;

/* Typeset the blocks in body inside a <document>. */
static void
run_typeset(run *r, const char *body)
{
	char *text = g_strconcat("<document title=\"T\" author=\"A\" "
	    "header-left=\"Left header\" header-right=\"Right header\" "
	    "footer-left=\"Footer\">\n", body, "\n</document>\n", NULL);

	r->layout = load_memory(text, strlen(text), "layout.xml");
	g_free(text);
	assert_non_null(r->layout);
	r->p = pdf_new(fonts);
	capture_begin();
	r->doc = typeset(r->layout, pdf_context(r->p));
	r->err = capture_end();
}

static void
run_free(run *r)
{
	ts_doc_free(r->doc);
	pdf_free(r->p);
	xmlFreeDoc(r->layout);
	g_free(r->err);
}

static const char *
text_of(const ts_text *t)
{
	/* the text as written: without the soft hyphens hyphenation added
	 * (a few results may be alive at once: a small ring of buffers) */
	static char ring[4][8192];
	static int next;
	char *out = ring[next++ % 4];
	size_t n = 0;

	for (const char *p = t->text;
	    *p != '\0' && n + 1 < sizeof(ring[0]); p++) {
		if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xad) {
			p++;
			continue;
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

static const ts_item *
item(const ts_doc *doc, guint page, guint k)
{
	const ts_page *p = doc->pages->pdata[page];

	return &g_array_index(p->items, ts_item, k);
}

static guint
items(const ts_doc *doc, guint page)
{
	return ((const ts_page *)doc->pages->pdata[page])->items->len;
}

/* Running header and footer items sit well inside the top and bottom
 * margins (more than 10pt from the text area); anything else is body. */
static int
landscape(const ts_doc *doc, guint page)
{
	return ((const ts_page *)doc->pages->pdata[page])->landscape;
}

static int
is_running(const ts_doc *doc, guint page, const ts_item *it)
{
	return it->y + it->h < TEXT_TOP - 10 ||
	    it->y > text_bottom(landscape(doc, page)) + 10;
}

/* The first text whose content starts with prefix. */
static const ts_text *
find_text(const ts_doc *doc, const char *prefix)
{
	for (guint i = 0; i < doc->texts->len; i++) {
		const ts_text *t = doc->texts->pdata[i];
		if (g_str_has_prefix(text_of(t), prefix))
			return t;
	}
	fail_msg("no text starting with '%s'", prefix);
	return NULL;
}

/* Nothing leaves the page's text area; running items only the top and
 * bottom margins. */
static void
assert_in_bounds(const ts_doc *doc)
{
	for (guint pg = 0; pg < doc->pages->len; pg++) {
		for (guint k = 0; k < items(doc, pg); k++) {
			const ts_item *it = item(doc, pg, k);
			double x1 = it->x + it->w;
			if (it->x < MARGIN_L - 0.01 ||
			    x1 > page_width(landscape(doc, pg)) - MARGIN_R + 0.01)
				fail_msg("page %u item %u: x %.2f..%.2f outside "
				    "the text width", pg + 1, k, it->x, x1);
			if (is_running(doc, pg, it)) {
				if (it->y < 0 || it->y + it->h >
				    page_height(landscape(doc, pg)))
					fail_msg("page %u item %u: off the page",
					    pg + 1, k);
				continue;
			}
			if (it->y < TEXT_TOP - 0.01 ||
			    it->y + it->h > text_bottom(landscape(doc, pg)) + 0.01)
				fail_msg("page %u item %u: y %.2f..%.2f outside "
				    "the text area", pg + 1, k, it->y,
				    it->y + it->h);
		}
	}
}

/* Every line of t is drawn exactly once, in order, and no page holds a
 * piece of fewer than min lines unless t has fewer lines. Returns the
 * number of pieces. */
static int
assert_pieces(const ts_doc *doc, const ts_text *t, int min)
{
	int next = 0, pieces = 0, last_page = -1;

	for (guint pg = 0; pg < doc->pages->len; pg++) {
		for (guint k = 0; k < items(doc, pg); k++) {
			const ts_item *it = item(doc, pg, k);
			if (it->kind != ITEM_TEXT || it->text != t)
				continue;
			if (it->first != next)
				fail_msg("'%.20s': lines from %d drawn after %d",
				    text_of(t), it->first, next);
			if (it->count < min && it->count < t->nlines)
				fail_msg("'%.20s': %d line(s) of %d on page %u",
				    text_of(t), it->count, t->nlines, pg + 1);
			if (last_page >= 0 && (int)pg != last_page + 1)
				fail_msg("'%.20s': pieces not on consecutive "
				    "pages", text_of(t));
			next += it->count;
			last_page = (int)pg;
			pieces++;
		}
	}
	assert_int_equal(next, t->nlines);
	return pieces;
}

/* n paragraphs of one line each. */
static char *
fillers(int n)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "<p>Filler %d.</p>\n", i);
	return g_string_free(s, FALSE);
}

/* Words enough for about lines full lines of body text. */
static char *
words(const char *first, int lines)
{
	GString *s = g_string_new(first);

	for (int i = 0; i < lines * 14; i++)
		g_string_append_printf(s, " word%d", i % 10);
	return g_string_free(s, FALSE);
}

/* Wherever a paragraph falls, it is split with at least two lines on
 * each page, or moved whole. */
static void
test_orphans_and_widows(void **state)
{
	(void)state;
	char *para = words("Lorem", 5);
	int split = 0;

	for (int n = 30; n <= 60; n++) {
		char *fill = fillers(n);
		char *body = g_strdup_printf("%s<p>%s</p>", fill, para);
		run r;
		run_typeset(&r, body);
		assert_non_null(r.doc);
		const ts_text *t = find_text(r.doc, "Lorem");
		assert_true(t->nlines >= 4);
		split += assert_pieces(r.doc, t, 2) > 1;
		assert_in_bounds(r.doc);
		run_free(&r);
		g_free(body);
		g_free(fill);
	}
	assert_true(split > 0);           /* the loop did cross a page */
	g_free(para);
}

/* A paragraph of several pages: every page full but for the widow and
 * orphan rule, every piece at least two lines. */
static void
test_long_paragraph(void **state)
{
	(void)state;
	char *para = words("Lorem", 150);
	char *body = g_strdup_printf("<p>%s</p>", para);
	run r;

	run_typeset(&r, body);
	assert_non_null(r.doc);
	const ts_text *t = find_text(r.doc, "Lorem");
	assert_true(t->nlines > 110);      /* more than two pages */
	assert_int_equal(assert_pieces(r.doc, t, 2), (int)r.doc->pages->len);
	assert_true(r.doc->pages->len >= 3);
	assert_in_bounds(r.doc);
	run_free(&r);
	g_free(body);
	g_free(para);
}

/* The index of the last body item of page pg. */
static guint
last_body_item(const ts_doc *doc, guint pg)
{
	guint last = G_MAXUINT;

	for (guint k = 0; k < items(doc, pg); k++)
		if (!is_running(doc, pg, item(doc, pg, k)))
			last = k;
	assert_true(last != G_MAXUINT);
	return last;
}

/* Wherever a heading falls, it shares its page with what follows it. */
static void
test_heading_never_last(void **state)
{
	(void)state;
	static const char *const after[] = {
		"<p>%s</p>",
		"<h level=\"2\">Subheading</h><p>%s</p>",
		"<table widths=\"1 1\"><thead><tr><td>Col A</td><td>Col B</td>"
		"</tr></thead><tbody><tr><td>%s</td><td>x</td></tr></tbody>"
		"</table>",
	};
	char *para = words("Lorem", 4);

	for (size_t a = 0; a < G_N_ELEMENTS(after); a++) {
		char *next = g_strdup_printf(after[a], para);
		for (int n = 35; n <= 60; n++) {
			char *fill = fillers(n);
			char *body = g_strdup_printf("%s<h level=\"1\">Heading"
			    "</h>%s", fill, next);
			run r;
			run_typeset(&r, body);
			assert_non_null(r.doc);
			const ts_text *h = find_text(r.doc, "Heading");
			for (guint pg = 0; pg < r.doc->pages->len; pg++) {
				const ts_item *it = item(r.doc, pg,
				    last_body_item(r.doc, pg));
				if (it->kind == ITEM_TEXT && it->text == h)
					fail_msg("case %zu, %d fillers: the "
					    "heading ends page %u", a, n, pg + 1);
			}
			assert_pieces(r.doc, find_text(r.doc, "Lorem"), 2);
			assert_in_bounds(r.doc);
			run_free(&r);
			g_free(body);
			g_free(fill);
		}
		g_free(next);
	}
	g_free(para);
}

static char *
long_table(int rows, const char *caption)
{
	GString *s = g_string_new("<table widths=\"1 3\">");

	if (caption != NULL)
		g_string_append_printf(s, "<caption>%s</caption>", caption);
	g_string_append(s, "<thead><tr><td>Col A</td><td>Col B</td></tr>"
	    "</thead><tbody>");
	for (int i = 0; i < rows; i++)
		g_string_append_printf(s, "<tr><td>Row %d</td><td>Cell %d"
		    "</td></tr>", i, i);
	g_string_append(s, "</tbody></table>");
	return g_string_free(s, FALSE);
}

/* On every page a table spans, its header row comes first, above every
 * body row; the caption is repeated as continued. */
static void
test_table_header_repeats(void **state)
{
	(void)state;
	char *table = long_table(150, "Risk register");
	run r;

	run_typeset(&r, table);
	assert_non_null(r.doc);
	assert_true(r.doc->pages->len >= 3);
	int rows = 0;
	for (guint pg = 0; pg < r.doc->pages->len; pg++) {
		double head_y = -1, first_row_y = HUGE_VAL;
		int heads = 0, captions = 0;
		for (guint k = 0; k < items(r.doc, pg); k++) {
			const ts_item *it = item(r.doc, pg, k);
			if (it->kind != ITEM_TEXT)
				continue;
			const char *s = text_of(it->text);
			if (strcmp(s, "Col A") == 0) {
				heads++;
				head_y = it->y;
			} else if (g_str_has_prefix(s, "Row ")) {
				rows++;
				if (it->y < first_row_y)
					first_row_y = it->y;
			} else if (strcmp(s, pg == 0 ? "Risk register" :
			    "Risk register (continued)") == 0) {
				captions++;
			}
		}
		if (heads != 1)
			fail_msg("page %u has %d header rows", pg + 1, heads);
		assert_int_equal(captions, 1);
		assert_true(head_y < first_row_y);
	}
	assert_int_equal(rows, 150);
	assert_in_bounds(r.doc);

	GString *dump = g_string_new(NULL);
	ts_dump(r.doc, dump);
	char **pages = g_strsplit(dump->str, "\npage ", -1);
	assert_int_equal(g_strv_length(pages), r.doc->pages->len);
	for (char **p = pages; *p != NULL; p++)
		assert_contains(*p, "\"Col A\"");
	g_strfreev(pages);
	g_string_free(dump, TRUE);
	run_free(&r);
	g_free(table);
}

/* A cell taller than a page is split across pages, every line once,
 * with the header repeated and nothing outside the text area; wherever
 * the row starts. */
static void
test_tall_cell_split(void **state)
{
	(void)state;
	char *tall = words("Tall", 150);
	char *table = g_strdup_printf("<table widths=\"3 1\"><thead><tr>"
	    "<td>Col A</td><td>Col B</td></tr></thead><tbody>"
	    "<tr><td>Short</td><td>row</td></tr>"
	    "<tr><td>%s</td><td>Side</td></tr>"
	    "<tr><td>After</td><td>row</td></tr></tbody></table>", tall);

	for (int n = 0; n < 12; n++) {
		char *fill = fillers(n);
		char *body = g_strconcat(fill, table, NULL);
		run r;
		run_typeset(&r, body);
		assert_non_null(r.doc);
		const ts_text *t = find_text(r.doc, "Tall");
		assert_true(t->nlines > 60);
		assert_true(assert_pieces(r.doc, t, 1) >= 2);
		assert_pieces(r.doc, find_text(r.doc, "After"), 1);
		for (guint pg = 0; pg < r.doc->pages->len; pg++) {
			int heads = 0;
			for (guint k = 0; k < items(r.doc, pg); k++) {
				const ts_item *it = item(r.doc, pg, k);
				heads += it->kind == ITEM_TEXT &&
				    strcmp(text_of(it->text), "Col A") == 0;
			}
			assert_int_equal(heads, 1);
		}
		assert_in_bounds(r.doc);
		assert_int_equal(diag_count(DIAG_ERROR), 0);
		run_free(&r);
		g_free(body);
		g_free(fill);
	}
	g_free(table);
	g_free(tall);
}

/* A bit of everything, near every page position: nothing leaves the
 * text area. */
static void
test_nothing_outside_text_area(void **state)
{
	(void)state;
	GString *token = g_string_new(NULL);
	for (int i = 0; i < 400; i++)
		g_string_append_c(token, 'W');
	char *body = g_strdup_printf(
	    "<h level=\"0\">A title that is long enough to need two lines at "
	    "the size of a document title</h>"
	    "<p align=\"justify\">%s</p>"
	    "<p style=\"lead\">Lead</p><p style=\"note\">Note</p>"
	    "<list><li>One</li><li><p>Two</p><list type=\"number\">"
	    "<li>Deep %s</li><li>Deeper</li></list></li></list>"
	    "<table widths=\"1 2 1\" style=\"fields\"><tbody>"
	    "<tr shade=\"yes\"><td span=\"2\">Spanning %s</td>"
	    "<td fill=\"#ff0000\" align=\"right\">R</td></tr>"
	    "<tr><td>a</td><td><list><li>in a cell</li></list></td>"
	    "<td>c</td></tr></tbody></table>"
	    "<keep><p>Kept one</p><p>Kept two</p></keep>"
	    "<p align=\"right\">Right</p><p align=\"center\">Centre</p>",
	    token->str, token->str, token->str);
	g_string_free(token, TRUE);

	for (int n = 0; n <= 60; n += 4) {
		char *fill = fillers(n);
		char *doc = g_strconcat(fill, body, NULL);
		run r;
		run_typeset(&r, doc);
		assert_non_null(r.doc);
		assert_in_bounds(r.doc);
		run_free(&r);
		g_free(doc);
		g_free(fill);
	}
	g_free(body);
}

/* "Page X of Y" on every page, with the final page count. */
static void
test_page_x_of_y(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<p>One</p><page-break/><p>Two</p><page-break/>"
	    "<page-break/><p>Three</p>");
	assert_non_null(r.doc);
	assert_int_equal(r.doc->pages->len, 3);   /* no empty page */
	for (guint pg = 0; pg < 3; pg++) {
		char want[32];
		int found = 0;
		snprintf(want, sizeof(want), "Page %u of 3", pg + 1);
		for (guint k = 0; k < items(r.doc, pg); k++) {
			const ts_item *it = item(r.doc, pg, k);
			if (it->kind == ITEM_TEXT &&
			    strcmp(text_of(it->text), want) == 0) {
				found++;
				assert_true(is_running(r.doc, pg, it));
			}
		}
		if (found != 1)
			fail_msg("page %u: '%s' %d times", pg + 1, want, found);
	}
	/* the paragraphs after each break start their page */
	static const char *const first[] = { "One", "Two", "Three" };
	for (guint pg = 0; pg < 3; pg++) {
		const ts_item *it = item(r.doc, pg, 0);
		assert_int_equal(it->kind, ITEM_TEXT);
		assert_string_equal(text_of(it->text), first[pg]);
	}
	run_free(&r);
}

/* A keep group that fits on a page is not split. */
static void
test_keep_together(void **state)
{
	(void)state;
	for (int n = 28; n <= 40; n++) {
		char *fill = fillers(n);
		char *body = g_strdup_printf("%s<keep><p>Kept 1</p><p>Kept 2</p>"
		    "<p>Kept 3</p><p>Kept 4</p><p>Kept 5</p></keep>", fill);
		run r;
		run_typeset(&r, body);
		assert_non_null(r.doc);
		int page_of[5] = { -1, -1, -1, -1, -1 };
		for (guint pg = 0; pg < r.doc->pages->len; pg++)
			for (guint k = 0; k < items(r.doc, pg); k++) {
				const ts_item *it = item(r.doc, pg, k);
				const char *s = it->kind == ITEM_TEXT ?
				    text_of(it->text) : "";
				if (g_str_has_prefix(s, "Kept "))
					page_of[s[5] - '1'] = (int)pg;
			}
		assert_true(page_of[0] >= 0);
		for (int i = 1; i < 5; i++)
			assert_int_equal(page_of[i], page_of[0]);
		run_free(&r);
		g_free(body);
		g_free(fill);
	}
}

/* A character no font has stops typesetting, reported at its src. */
static void
test_missing_glyph(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<p>Fine</p><p src=\"policies/x.xml:12\">Middle: "
	    "\xe4\xb8\xad</p>");
	assert_null(r.doc);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_contains(r.err, "policies/x.xml:12: error: 1 character ");
	run_free(&r);

	/* the same text without it is fine */
	run_typeset(&r, "<p src=\"policies/x.xml:12\">Middle: M</p>");
	assert_non_null(r.doc);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	run_free(&r);
}

static const ts_link *
first_link(const ts_doc *doc)
{
	for (guint i = 0; i < doc->texts->len; i++) {
		const ts_text *t = doc->texts->pdata[i];
		if (t->links != NULL && t->links->len > 0)
			return &g_array_index(t->links, ts_link, 0);
	}
	fail_msg("no link");
	return NULL;
}

/* A link to an anchor the document lacks is a warning, and dropped; a
 * link to one it has is kept, silently. */
static void
test_links_to_anchors(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<p src=\"a.xml:3\">See <a to=\"nowhere\">there</a>"
	    "</p>");
	assert_non_null(r.doc);
	assert_int_equal(diag_count(DIAG_WARNING), 1);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_contains(r.err, "a.xml:3: warning: ");
	assert_contains(r.err, "nowhere");
	assert_null(first_link(r.doc)->dest);
	run_free(&r);

	diag_reset();
	run_typeset(&r, "<h level=\"1\" id=\"here\">Here</h><p>See <a "
	    "to=\"here\">here</a> and <anchor id=\"inline\"/><a "
	    "to=\"inline\">inline</a>.</p>");
	assert_non_null(r.doc);
	assert_int_equal(diag_count(DIAG_WARNING), 0);
	assert_string_equal(r.err, "");
	assert_string_equal(first_link(r.doc)->dest, "here");
	run_free(&r);

	/* strict mode makes the dangling link an error */
	diag_reset();
	diag_set_strict(1);
	run_typeset(&r, "<p><a to=\"nowhere\">there</a></p>");
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	run_free(&r);
}

/* A row with more cells than columns is an error at its src. */
static void
test_too_many_cells(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<table widths=\"1 1\"><tbody><tr src=\"t.xml:9\">"
	    "<td>a</td><td>b</td><td src=\"t.xml:10\">c</td></tr></tbody>"
	    "</table>");
	assert_null(r.doc);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	assert_contains(r.err, "t.xml:10: error: ");
	run_free(&r);
}

static void
test_dump(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<p>Hello world</p>");
	assert_non_null(r.doc);
	GString *s = g_string_new(NULL);
	ts_dump(r.doc, s);
	assert_true(g_str_has_prefix(s->str, "page 1\n  text 62.00 72.00 "));
	assert_contains(s->str, " lines 0+1 \"Hello world\" <P >1\n");
	assert_contains(s->str, "\"Page 1 of 1\" artifact\n");
	assert_not_contains(s->str, "page 2");
	/* the dump is stable: the same document dumps the same */
	run r2;
	run_typeset(&r2, "<p>Hello world</p>");
	GString *s2 = g_string_new(NULL);
	ts_dump(r2.doc, s2);
	assert_string_equal(s->str, s2->str);
	g_string_free(s, TRUE);
	g_string_free(s2, TRUE);
	run_free(&r2);
	run_free(&r);
}

/* <landscape> content is set on landscape pages, at their text width,
 * between portrait pages; nothing leaves its page's text area, and a
 * landscape block at the end adds no blank page. */
static void
test_landscape(void **state)
{
	(void)state;
	GString *body = g_string_new("<p>Before</p><landscape><table "
	    "widths=\"1 1 1 1 1 1 1 1 1 1 1 1\"><thead><tr>");
	for (int c = 0; c < 12; c++)
		g_string_append_printf(body, "<td>Head %d</td>", c);
	g_string_append(body, "</tr></thead><tbody>");
	for (int i = 0; i < 60; i++) {
		g_string_append(body, "<tr>");
		for (int c = 0; c < 12; c++)
			g_string_append_printf(body, "<td>Cell %d of row %d</td>",
			    c, i);
		g_string_append(body, "</tr>");
	}
	g_string_append(body, "</tbody></table></landscape><p>After</p>");
	run r;
	run_typeset(&r, body->str);
	g_string_free(body, TRUE);
	assert_non_null(r.doc);
	guint n = r.doc->pages->len;
	assert_true(n >= 4);
	assert_false(landscape(r.doc, 0));
	for (guint pg = 1; pg + 1 < n; pg++)
		assert_true(landscape(r.doc, pg));
	assert_false(landscape(r.doc, n - 1));
	assert_in_bounds(r.doc);
	/* the table's rules run across the landscape text width */
	int wide = 0;
	for (guint k = 0; k < items(r.doc, 2); k++) {
		const ts_item *it = item(r.doc, 2, k);
		if (it->kind == ITEM_RULE && !is_running(r.doc, 2, it) &&
		    fabs(it->w - text_width(1)) < 0.01)
			wide++;
	}
	assert_true(wide > 10);
	const ts_text *after = find_text(r.doc, "After");
	assert_int_equal(after->page, (int)n - 1);
	run_free(&r);

	run_typeset(&r, "<p>x</p><landscape><p>y</p></landscape>");
	assert_non_null(r.doc);
	assert_int_equal(r.doc->pages->len, 2);
	assert_true(landscape(r.doc, 1));
	run_free(&r);
}

/* Texts shaped the same way are one text; a text with a link is its own. */
static void
test_repeated_texts(void **state)
{
	(void)state;
	run r;

	run_typeset(&r, "<table widths=\"1 1\"><tbody>"
	    "<tr><td>Same words</td><td>Same words</td></tr>"
	    "<tr><td>Same words</td><td><a href=\"https://example.org/\">"
	    "Same words</a></td></tr></tbody></table>");
	assert_non_null(r.doc);
	const ts_text *seen[4];
	int n = 0;
	for (guint k = 0; k < items(r.doc, 0); k++) {
		const ts_item *it = item(r.doc, 0, k);
		if (it->kind == ITEM_TEXT && it->tagged && n < 4)
			seen[n++] = it->text;
	}
	assert_int_equal(n, 4);
	assert_ptr_equal(seen[0], seen[1]);
	assert_ptr_equal(seen[0], seen[2]);
	assert_ptr_not_equal(seen[0], seen[3]);
	assert_non_null(seen[3]->links);
	assert_null(seen[0]->links);
	run_free(&r);
}

/* ---- regression cases: defects found and fixed ------------------------- */

/* A table's header row does not end a page without a body row under it,
 * even when the first body row is tall. */
static void
test_table_header_never_last(void **state)
{
	(void)state;
	char *tall = words("Tall", 25);

	for (int n = 10; n <= 36; n++) {
		char *fill = fillers(n);
		char *body = g_strdup_printf("%s<table widths=\"3 1\"><thead>"
		    "<tr><td>Col A</td><td>Col B</td></tr></thead><tbody><tr>"
		    "<td>%s</td><td>x</td></tr></tbody></table>", fill, tall);
		run r;
		run_typeset(&r, body);
		assert_non_null(r.doc);
		for (guint pg = 0; pg < r.doc->pages->len; pg++) {
			const ts_item *last = NULL;
			for (guint k = 0; k <= last_body_item(r.doc, pg); k++)
				if (item(r.doc, pg, k)->kind == ITEM_TEXT)
					last = item(r.doc, pg, k);
			if (last != NULL && g_str_has_prefix(
			    text_of(last->text), "Col "))
				fail_msg("%d fillers: the table header ends "
				    "page %u", n, pg + 1);
		}
		run_free(&r);
		g_free(body);
		g_free(fill);
	}
	g_free(tall);
}

/* A heading keeps with the paragraph after it across a <space>. */
static void
test_heading_then_space(void **state)
{
	(void)state;
	char *para = words("Lorem", 4);

	for (int n = 30; n <= 40; n++) {
		char *fill = fillers(n);
		char *body = g_strdup_printf("%s<h level=\"1\">Heading</h>"
		    "<space pt=\"4\"/><p>%s</p>", fill, para);
		run r;
		run_typeset(&r, body);
		assert_non_null(r.doc);
		const ts_text *h = find_text(r.doc, "Heading");
		for (guint pg = 0; pg < r.doc->pages->len; pg++) {
			const ts_item *it = item(r.doc, pg,
			    last_body_item(r.doc, pg));
			if (it->kind == ITEM_TEXT && it->text == h)
				fail_msg("%d fillers: the heading ends page %u",
				    n, pg + 1);
		}
		run_free(&r);
		g_free(body);
		g_free(fill);
	}
	g_free(para);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_orphans_and_widows,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_long_paragraph,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_heading_never_last,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_table_header_repeats,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_tall_cell_split,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_nothing_outside_text_area,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_page_x_of_y,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_keep_together,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_missing_glyph,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_links_to_anchors,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_too_many_cells,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_landscape,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_repeated_texts,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_dump,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_table_header_never_last, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_heading_then_space,
		    test_reset, test_reset),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
