/* shape: inline layout content -> shaped pango text (ts_text), with the
 * styles every document shares. Text is measured once, at its final
 * width, and kept until it is drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void
add_text(builder *b, const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			b->space = b->text->len > 0;
			continue;
		}
		if (b->space) {
			g_string_append_c(b->text, ' ');
			b->space = 0;
		}
		g_string_append_c(b->text, *p);
	}
}

static void
add_attr(builder *b, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)b->text->len;
	pango_attr_list_insert(b->attrs, a);
}

static PangoAttribute *
colour_attr(unsigned c)
{
	return pango_attr_foreground_new((guint16)(((c >> 16) & 0xff) * 257),
	    (guint16)(((c >> 8) & 0xff) * 257), (guint16)((c & 0xff) * 257));
}

static void add_inline(builder *, const xmlNode *);

static void
add_element(builder *b, const xmlNode *n)
{
	if (xml_is(n, "anchor")) {
		ts_anchor a = { (int)b->text->len,
			g_strdup(xml_prop(n, "id")) };
		g_array_append_val(b->anchors, a);
		return;
	}
	/* a pending space belongs before the element, not inside it */
	if (b->space) {
		g_string_append_c(b->text, ' ');
		b->space = 0;
	}
	size_t start = b->text->len;
	add_inline(b, n);
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
			g_strdup(xml_prop(n, "to")) };
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
	b->st = st;
	if (n != NULL)
		add_inline(b, n);
	else
		add_text(b, s);
	t->src = src;

	PangoLayout *l = pango_layout_new(b->ctx);
	PangoFontDescription *fd = font_of(st);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(l, (float)st->leading);
	pango_layout_set_alignment(l, align);
	pango_layout_set_justify(l, justify);
	pango_layout_set_text(l, b->text->str, (int)b->text->len);
	/* the style's colour, under any colour the inline content sets */
	PangoAttribute *base = colour_attr(st->rgb);
	base->start_index = 0;
	base->end_index = (guint)b->text->len;
	pango_attr_list_insert_before(b->attrs, base);
	pango_layout_set_attributes(l, b->attrs);
	pango_attr_list_unref(b->attrs);
	g_string_free(b->text, TRUE);
	t->layout = l;

	int unknown = pango_layout_get_unknown_glyphs_count(l);
	if (unknown > 0) {
		diag_src(DIAG_ERROR, src, "layout",
		    "%d character%s cannot be shown with the fonts in fonts/",
		    unknown, unknown == 1 ? "" : "s");
		b->failed = 1;
	}

	t->nlines = pango_layout_get_line_count(l);
	t->top = g_new(double, t->nlines);
	t->bottom = g_new(double, t->nlines);
	t->base = g_new(double, t->nlines);
	t->xoff = g_new(double, t->nlines);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;
	do {
		int y0, y1;
		PangoRectangle logical;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		t->top[i] = (double)y0 / PANGO_SCALE;
		t->bottom[i] = (double)y1 / PANGO_SCALE;
		t->base[i] = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		t->xoff[i] = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_ptr_array_add(b->doc->texts, t);
	return t;
}

void
ts_text_free(gpointer p)
{
	ts_text *t = p;

	g_object_unref(t->layout);
	g_free(t->top);
	g_free(t->bottom);
	g_free(t->base);
	g_free(t->xoff);
	for (guint i = 0; i < t->links->len; i++) {
		g_free(g_array_index(t->links, ts_link, i).uri);
		g_free(g_array_index(t->links, ts_link, i).dest);
	}
	for (guint i = 0; i < t->anchors->len; i++)
		g_free(g_array_index(t->anchors, ts_anchor, i).name);
	g_array_free(t->links, TRUE);
	g_array_free(t->anchors, TRUE);
	g_free(t);
}

double
text_height(const ts_text *t, int first, int count)
{
	if (count <= 0)
		return 0;
	return t->bottom[first + count - 1] - t->top[first];
}

