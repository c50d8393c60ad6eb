/* shape: inline layout content -> shaped pango text (ts_text), with the
 * styles every document shares. Text is measured once, at its final
 * width, and kept until it is drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>
#include <pango/pangocairo.h>

#include "diag.h"
#include "fonts.h"
#include "shape.h"
#include "xml.h"

const style styles[ST_COUNT] = {
	[ST_BODY] = { 9.5, 0, 0, 1.38, 0x1a1a1a, 0, 6 },
	[ST_SMALL] = { 8.5, 0, 0, 1.35, 0x1a1a1a, 0, 5 },
	[ST_NOTE] = { 8.0, 0, 0, 1.35, 0x555555, 0, 5 },
	[ST_LEAD] = { 11.0, 0, 0, 1.4, 0x1a1a1a, 2, 8 },
	[ST_H0] = { 21.0, 1, 0, 1.2, 0x14304f, 0, 4 },
	[ST_H1] = { 14.0, 1, 0, 1.25, 0x14304f, 16, 6 },
	[ST_H2] = { 11.5, 1, 0, 1.3, 0x14304f, 12, 4 },
	[ST_H3] = { 10.0, 1, 0, 1.3, 0x1a1a1a, 10, 3 },
	[ST_H4] = { 9.5, 1, 1, 1.3, 0x1a1a1a, 8, 2 },
	[ST_CELL] = { 8.0, 0, 0, 1.3, 0x1a1a1a, 0, 2 },
	[ST_HEAD_CELL] = { 8.0, 1, 0, 1.3, 0x14304f, 0, 2 },
	[ST_DENSE_CELL] = { 7.5, 0, 0, 1.2, 0x1a1a1a, 0, 1.5 },
	[ST_DENSE_HEAD] = { 7.5, 1, 0, 1.2, 0x14304f, 0, 1.5 },
	[ST_CAPTION] = { 8.5, 1, 0, 1.3, 0x333333, 0, 3 },
	[ST_RUNNING] = { 7.5, 0, 0, 1.2, 0x666666, 0, 0 },
};

/* ---- styles ------------------------------------------------------------- */

void
rgb_of(unsigned c, double out[3])
{
	out[0] = ((c >> 16) & 0xff) / 255.0;
	out[1] = ((c >> 8) & 0xff) / 255.0;
	out[2] = (c & 0xff) / 255.0;
}

int
parse_rgb(const char *s, unsigned *out)
{
	if (s == NULL || s[0] != '#' || strlen(s) != 7)
		return -1;
	*out = (unsigned)strtoul(s + 1, NULL, 16);
	return 0;
}

/* ---- shaped text ---------------------------------------------------------- */

/* ---- hyphenation ---------------------------------------------------------- */

/* Words are hyphenated before shaping: soft hyphens (U+00AD) go where the
 * language's patterns allow a break, so that pango breaks long words there
 * rather than anywhere (narrow table columns) or not at all. */
#define HYPH_MIN_WORD 7            /* shorter words are never broken */
#define HYPH_MIN_SIDE 3            /* letters kept on each side */
#define HYPH_MAX_WORD 63

static HyphenDict *dict;
static char *dict_lang;

void
shape_set_language(const char *lang)
{
	static const char *const dir = "/usr/share/hyphen";
	char code[16] = "en_US";

	if (lang != NULL && strlen(lang) >= 2 && strlen(lang) < sizeof(code)) {
		g_strlcpy(code, lang, sizeof(code));
		for (char *p = code; *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
	}
	if (dict_lang != NULL && strcmp(dict_lang, code) == 0)
		return;
	if (dict != NULL)
		hnj_hyphen_free(dict);
	dict = NULL;
	g_free(dict_lang);
	dict_lang = g_strdup(code);
	/* the exact language, then its main variant: en_GB, en_US */
	char main_variant[16];
	snprintf(main_variant, sizeof(main_variant), "%.2s_%s", code,
	    strncmp(code, "en", 2) == 0 ? "US" : "");
	const char *tries[] = { code, main_variant };
	for (size_t i = 0; i < G_N_ELEMENTS(tries) && dict == NULL; i++) {
		char *path = g_strdup_printf("%s/hyph_%s.dic", dir, tries[i]);
		if (g_file_test(path, G_FILE_TEST_EXISTS))
			dict = hnj_hyphen_load(path);
		g_free(path);
	}
}

/* Append part of a word. A word longer than TOKEN_RUN characters (a hash,
 * a URL, a pasted blob) gets a zero-width space every TOKEN_RUN
 * characters: pango then breaks it there, in linear time, instead of
 * searching a megabyte-long word for a place to break. */
#define TOKEN_RUN 48

static void
add_token(builder *b, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)w[i] & 0xc0) != 0x80 &&
		    ++b->run > TOKEN_RUN) {
			g_string_append(b->text, "\xe2\x80\x8b");
			b->run = 1;
		}
		g_string_append_c(b->text, w[i]);
	}
}

static void
add_letters(builder *b, const char *w, size_t n)
{
	char lower[HYPH_MAX_WORD + 1], hyph[HYPH_MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	if (dict == NULL || b->nohyph > 0 || n < HYPH_MIN_WORD ||
	    n > HYPH_MAX_WORD) {
		add_token(b, w, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		lower[i] = g_ascii_tolower(w[i]);
	lower[n] = '\0';
	if (hnj_hyphen_hyphenate3(dict, lower, (int)n, hyph, NULL, &rep, &pos,
	    &cut, HYPH_MIN_SIDE, HYPH_MIN_SIDE, HYPH_MIN_SIDE,
	    HYPH_MIN_SIDE) != 0 || rep != NULL) {
		/* non-standard hyphenation (replacements) is not used */
		if (rep != NULL) {
			for (size_t i = 0; i < n; i++)
				free(rep[i]);
			free(rep);
			free(pos);
			free(cut);
		}
		g_string_append_len(b->text, w, (gssize)n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		g_string_append_c(b->text, w[i]);
		if (i + 1 < n && (hyph[i] & 1))
			g_string_append(b->text, "\xc2\xad");
	}
	b->run += n;
}

/* Append text with white space collapsed (as in HTML); runs of ASCII
 * letters are hyphenated. */
static void
add_text(builder *b, const char *s)
{
	for (const char *p = s; *p != '\0';) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			b->space = b->text->len > 0;
			b->run = 0;
			p++;
			continue;
		}
		if (b->space) {
			g_string_append_c(b->text, ' ');
			b->space = 0;
		}
		if (g_ascii_isalpha(*p)) {
			const char *q = p;
			while (g_ascii_isalpha(*q))
				q++;
			add_letters(b, p, (size_t)(q - p));
			p = q;
		} else {
			size_t n = 1;
			while (((unsigned char)p[n] & 0xc0) == 0x80)
				n++;
			add_token(b, p, n);
			p += n;
		}
	}
}

static void
add_attr(builder *b, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)b->text->len;
	pango_attr_list_insert(b->attrs, a);
	b->styled = 1;
}

static PangoAttribute *
colour_attr(unsigned c)
{
	return pango_attr_foreground_new((guint16)(((c >> 16) & 0xff) * 257),
	    (guint16)(((c >> 8) & 0xff) * 257), (guint16)((c & 0xff) * 257));
}

static void add_inline(builder *, const xmlNode *);

/* A link target's name within the current part. */
static char *
scoped(const builder *b, const char *name)
{
	if (name == NULL)
		return NULL;
	return b->scope ? g_strconcat(b->scope, "/", name, NULL) :
	    g_strdup(name);
}

static void
add_element(builder *b, const xmlNode *n)
{
	if (xml_is(n, "anchor")) {
		ts_anchor a = { (int)b->text->len,
			scoped(b, xml_prop(n, "id")) };
		g_array_append_val(b->anchors, a);
		return;
	}
	/* a pending space belongs before the element, not inside it */
	if (b->space) {
		g_string_append_c(b->text, ' ');
		b->space = 0;
	}
	size_t start = b->text->len;
	int literal = xml_is(n, "code") || (xml_is(n, "a") &&
	    xml_prop(n, "href") != NULL);
	b->nohyph += literal;
	add_inline(b, n);
	b->nohyph -= literal;
	if (b->text->len == start)
		return;
	if (xml_is(n, "b"))
		add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
	else if (xml_is(n, "i"))
		add_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
	else if (xml_is(n, "code")) {
		add_attr(b, pango_attr_family_new(FONT_MONO), start);
		add_attr(b, pango_attr_size_new((int)(b->st->size * 0.9 *
		    PANGO_SCALE)), start);
	} else if (xml_is(n, "sc")) {
		add_attr(b, pango_attr_letter_spacing_new(PANGO_SCALE / 2),
		    start);
	} else if (xml_is(n, "color")) {
		unsigned c;
		if (parse_rgb(xml_prop(n, "rgb"), &c) == 0)
			add_attr(b, colour_attr(c), start);
	} else if (xml_is(n, "a")) {
		ts_link l = { (int)start, (int)b->text->len,
			g_strdup(xml_prop(n, "href")),
			scoped(b, xml_prop(n, "to")), NULL, 0 };
		g_array_append_val(b->links, l);
		add_attr(b, colour_attr(LINK_RGB), start);
	}
}

static void
add_inline(builder *b, const xmlNode *parent)
{
	for (const xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			add_text(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			add_element(b, n);
	}
}

const char *
src_of(const xmlNode *n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *s = xml_prop(n, "src");
		if (s != NULL)
			return s;
	}
	return NULL;
}

static PangoFontDescription *
font_of(const style *st)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, FONT_SANS);
	pango_font_description_set_size(fd, (int)lround(st->size * PANGO_SCALE));
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC :
	    PANGO_STYLE_NORMAL);
	return fd;
}

/* The foreground colour pango gives a run. */
static void
run_colour(const PangoItem *item, guint16 rgb[3])
{
	rgb[0] = rgb[1] = rgb[2] = 0;
	for (const GSList *a = item->analysis.extra_attrs; a != NULL;
	    a = a->next) {
		const PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((const PangoAttrColor *)at)->color;
			rgb[0] = c->red;
			rgb[1] = c->green;
			rgb[2] = c->blue;
		}
	}
}

/* Clickable boxes of the links on each line. */
static void
link_boxes(ts_text *t, PangoLayout *l)
{
	for (guint i = 0; t->links != NULL && i < t->links->len; i++) {
		ts_link *lk = &g_array_index(t->links, ts_link, i);
		lk->boxes = g_new(ts_link_box, t->nlines);
		lk->nboxes = 0;
		for (int k = 0; k < t->nlines; k++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(l, k);
			int ls = line->start_index, le = ls + line->length;
			int s = lk->start > ls ? lk->start : ls;
			int e = lk->end < le ? lk->end : le;
			if (s >= e)
				continue;
			int x0, x1;
			pango_layout_line_index_to_x(line, s, 0, &x0);
			if (e < le) {
				pango_layout_line_index_to_x(line, e, 0, &x1);
			} else {
				PangoRectangle r;
				pango_layout_line_get_extents(line, NULL, &r);
				x1 = r.x + r.width;
			}
			ts_link_box *bx = &lk->boxes[lk->nboxes++];
			bx->line = k;
			bx->x0 = x0 / (double)PANGO_SCALE;
			bx->x1 = x1 / (double)PANGO_SCALE;
		}
	}
}

/* Whether a run is plain (ts_glyph): one glyph per character, each its
 * own cluster starting at that character, left to right, no offsets. */
static int
is_plain(const PangoGlyphItem *gi, const char *text)
{
	const PangoGlyphString *gs = gi->glyphs;
	const char *p = text + gi->item->offset;

	if (gs->num_glyphs != gi->item->num_chars ||
	    gi->item->analysis.level % 2 != 0)
		return 0;
	for (int i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		if (g->geometry.x_offset != 0 || g->geometry.y_offset != 0 ||
		    !g->attr.is_cluster_start || g->attr.is_color ||
		    gs->log_clusters[i] != p - (text + gi->item->offset))
			return 0;
		p = g_utf8_next_char(p);
	}
	return 1;
}

/* Keep what painting needs of a measured layout: per line its extent and
 * its glyph runs, with the text, in one allocation. */
static void
compact(ts_text *t, PangoLayout *l)
{
	const char *text = pango_layout_get_text(l);
	int nruns = 0, nplain = 0, nfull = 0;

	t->nlines = pango_layout_get_line_count(l);
	t->len = (int)strlen(text);
	for (GSList *ln = pango_layout_get_lines_readonly(l); ln != NULL;
	    ln = ln->next) {
		for (GSList *r = ((PangoLayoutLine *)ln->data)->runs; r != NULL;
		    r = r->next) {
			const PangoGlyphItem *gi = r->data;
			nruns++;
			if (is_plain(gi, text))
				nplain += gi->glyphs->num_glyphs;
			else
				nfull += gi->glyphs->num_glyphs;
		}
	}
	size_t lines_sz = sizeof(ts_line) * (size_t)t->nlines;
	size_t runs_sz = sizeof(ts_run) * (size_t)nruns;
	size_t full_sz = sizeof(PangoGlyphInfo) * (size_t)nfull;
	size_t clusters_sz = sizeof(int) * (size_t)nfull;
	size_t plain_sz = sizeof(ts_glyph) * (size_t)nplain;
	char *mem = g_malloc(lines_sz + runs_sz + full_sz + clusters_sz +
	    plain_sz + (size_t)t->len + 1);
	t->lines = (ts_line *)mem;
	mem += lines_sz;
	ts_run *run = (ts_run *)mem;
	mem += runs_sz;
	PangoGlyphInfo *full = (PangoGlyphInfo *)mem;
	mem += full_sz;
	int *cl = (int *)mem;
	mem += clusters_sz;
	ts_glyph *plain = (ts_glyph *)mem;
	mem += plain_sz;
	t->text = mem;
	memcpy(t->text, text, (size_t)t->len + 1);
	t->width = pango_layout_get_width(l) / (double)PANGO_SCALE;

	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		ts_line *tl = &t->lines[i];
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		int y0, y1;
		PangoRectangle logical, ink, lr;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		pango_layout_line_get_extents(line, &ink, &lr);
		tl->start = line->start_index;
		tl->length = line->length;
		tl->top = (double)y0 / PANGO_SCALE;
		tl->bottom = (double)y1 / PANGO_SCALE;
		tl->base = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		tl->xoff = (double)logical.x / PANGO_SCALE;
		tl->left = lr.x / (double)PANGO_SCALE;
		tl->right = (lr.x + lr.width) / (double)PANGO_SCALE;
		tl->ink_right = (ink.x + ink.width) / (double)PANGO_SCALE;
		tl->runs = run;
		tl->nruns = 0;
		/* as pango_renderer_draw_layout_line places the runs */
		int x = 0;
		for (GSList *r = line->runs; r != NULL; r = r->next) {
			PangoGlyphItem *gi = r->data;
			PangoGlyphString *gs = gi->glyphs;
			int n = gs->num_glyphs;
			x += gi->start_x_offset;
			memset(run, 0, sizeof(*run));
			run->font = g_object_ref(gi->item->analysis.font);
			run->offset = gi->item->offset;
			run->length = gi->item->length;
			run->num_chars = gi->item->num_chars;
			run->level = gi->item->analysis.level;
			run->num_glyphs = n;
			run->x = x;
			run->y = -gi->y_offset;
			run_colour(gi->item, run->rgb);
			if (is_plain(gi, text)) {
				run->plain = plain;
				for (int g = 0; g < n; g++) {
					plain[g].glyph = gs->glyphs[g].glyph;
					plain[g].width = gs->glyphs[g].geometry.width;
				}
				plain += n;
			} else {
				run->glyphs = full;
				run->log_clusters = cl;
				memcpy(full, gs->glyphs, sizeof(*full) * (size_t)n);
				memcpy(cl, gs->log_clusters, sizeof(*cl) * (size_t)n);
				full += n;
				cl += n;
			}
			x += pango_glyph_string_get_width(gs) + gi->end_x_offset;
			run++;
			tl->nruns++;
		}
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	link_boxes(t, l);
}

/* What a text without inline attributes is shaped from: its characters,
 * what of its style pango sees, its width and alignment. */
static GBytes *
shape_key(const GString *text, const style *st, int width,
    PangoAlignment align, int justify)
{
	struct {
		double size, leading;
		unsigned rgb;
		int bold, italic, width, align, justify;
	} k;
	memset(&k, 0, sizeof(k));
	k.size = st->size;
	k.leading = st->leading;
	k.rgb = st->rgb;
	k.bold = st->bold;
	k.italic = st->italic;
	k.width = width;
	k.align = (int)align;
	k.justify = justify;
	GByteArray *a = g_byte_array_sized_new((guint)(sizeof(k) + text->len));
	g_byte_array_append(a, (const guint8 *)&k, sizeof(k));
	g_byte_array_append(a, (const guint8 *)text->str, (guint)text->len);
	return g_byte_array_free_to_bytes(a);
}

/* Shape the inline content of n (or the literal string s when n is NULL)
 * in style st at width w. */
ts_text *
shape(builder *b, const xmlNode *n, const char *s, const style *st,
    double w, PangoAlignment align, int justify, const char *src)
{
	ts_text *t = g_new0(ts_text, 1);

	b->text = g_string_new(NULL);
	b->attrs = pango_attr_list_new();
	b->links = t->links = g_array_new(FALSE, TRUE, sizeof(ts_link));
	b->anchors = t->anchors = g_array_new(FALSE, TRUE, sizeof(ts_anchor));
	b->space = 0;
	b->run = 0;
	b->styled = 0;
	b->st = st;
	/* headings are never hyphenated */
	b->nohyph = st >= &styles[ST_H0] && st <= &styles[ST_H4];
	if (n != NULL)
		add_inline(b, n);
	else
		add_text(b, s);
	/* the whole text a link (a contents entry) */
	if (b->link_all != NULL) {
		ts_link all = { 0, (int)b->text->len, NULL,
			g_strdup(b->link_all), NULL, 0 };
		g_array_append_val(b->links, all);
	}
	t->src = src ? g_string_chunk_insert_const(b->doc->strings, src) : NULL;
	t->page = -1;
	/* pango justifies a line broken at a soft hyphen without the hyphen
	 * it then draws: keep room for it, so it hangs into the measure
	 * (as optical margin alignment would) and never past it */
	if (justify)
		w -= 0.4 * st->size;
	int width = (int)(w * PANGO_SCALE);

	GBytes *key = NULL;
	if (!b->styled && b->links->len == 0 && b->anchors->len == 0 &&
	    b->text->len <= SHAPE_MAX_TEXT) {
		key = shape_key(b->text, st, width, align, justify);
		ts_text *m = g_hash_table_lookup(b->doc->shaped, key);
		if (m != NULL) {
			g_bytes_unref(key);
			pango_attr_list_unref(b->attrs);
			g_string_free(b->text, TRUE);
			g_array_free(b->links, TRUE);
			g_array_free(b->anchors, TRUE);
			g_free(t);
			return m;
		}
	}

	PangoLayout *l = pango_layout_new(b->ctx);
	PangoFontDescription *fd = font_of(st);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, width);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(l, (float)st->leading);
	pango_layout_set_alignment(l, align);
	pango_layout_set_justify(l, justify);
	if (b->text->len > SHAPE_MAX_TEXT) {
		/* pango stops breaking lines somewhere above this */
		diag_src(DIAG_ERROR, src, b->where, "a paragraph of %zu bytes is "
		    "longer than the %d KiB a paragraph may have", b->text->len,
		    SHAPE_MAX_TEXT / 1024);
		b->failed = 1;
		g_string_truncate(b->text, 0);
	}
	pango_layout_set_text(l, b->text->str, (int)b->text->len);
	/* the style's colour, under any colour the inline content sets */
	PangoAttribute *base = colour_attr(st->rgb);
	base->start_index = 0;
	base->end_index = (guint)b->text->len;
	pango_attr_list_insert_before(b->attrs, base);
	/* no ligatures: cairo 1.16 writes no ActualText, so a ligature
	 * would reach a screen reader or text extraction as one glyph */
	PangoAttribute *features = pango_attr_font_features_new(
	    "liga=0, clig=0");
	features->start_index = 0;
	features->end_index = (guint)b->text->len;
	pango_attr_list_insert_before(b->attrs, features);
	pango_layout_set_attributes(l, b->attrs);
	pango_attr_list_unref(b->attrs);

	int unknown = pango_layout_get_unknown_glyphs_count(l);
	if (unknown > 0) {
		diag_src(DIAG_ERROR, src, b->where,
		    "%d character%s cannot be shown with the fonts in fonts/",
		    unknown, unknown == 1 ? "" : "s");
		b->failed = 1;
	}

	compact(t, l);
	if (key != NULL && unknown == 0)
		g_hash_table_insert(b->doc->shaped, key, t);
	else if (key != NULL)
		g_bytes_unref(key);
	g_object_unref(l);
	g_string_free(b->text, TRUE);
	if (b->links->len == 0) {
		g_array_free(b->links, TRUE);
		t->links = NULL;
	}
	if (b->anchors->len == 0) {
		g_array_free(b->anchors, TRUE);
		t->anchors = NULL;
	}
	g_ptr_array_add(b->doc->texts, t);
	return t;
}

void
ts_text_free(gpointer p)
{
	ts_text *t = p;

	for (int i = 0; i < t->nlines; i++)
		for (int k = 0; k < t->lines[i].nruns; k++)
			g_object_unref(t->lines[i].runs[k].font);
	g_free(t->lines);
	for (guint i = 0; t->links != NULL && i < t->links->len; i++) {
		ts_link *l = &g_array_index(t->links, ts_link, i);
		g_free(l->uri);
		g_free(l->dest);
		g_free(l->boxes);
	}
	for (guint i = 0; t->anchors != NULL && i < t->anchors->len; i++)
		g_free(g_array_index(t->anchors, ts_anchor, i).name);
	if (t->links != NULL)
		g_array_free(t->links, TRUE);
	if (t->anchors != NULL)
		g_array_free(t->anchors, TRUE);
	g_free(t);
}

double
text_height(const ts_text *t, int first, int count)
{
	if (count <= 0)
		return 0;
	return t->lines[first + count - 1].bottom - t->lines[first].top;
}

