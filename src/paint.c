/* paint: cairo PDF output. */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "diag.h"
#include "image.h"
#include "paint.h"

struct pdf {
	GByteArray *bytes;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *ctx;
};

static cairo_status_t
write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

pdf *
pdf_new(PangoFontMap *fonts)
{
	pdf *p = g_new0(pdf, 1);

	p->bytes = g_byte_array_new();
	p->surface = cairo_pdf_surface_create_for_stream(write_bytes, p->bytes,
	    PAGE_W, PAGE_H);
	p->cr = cairo_create(p->surface);
	p->ctx = pango_font_map_create_context(fonts);
	pango_cairo_update_context(p->cr, p->ctx);
	pango_context_set_round_glyph_positions(p->ctx, FALSE);
	return p;
}

PangoContext *
pdf_context(pdf *p)
{
	return p->ctx;
}

/* A string attribute value for cairo_tag_begin: quotes and backslashes
 * escaped. */
static void
append_quoted(GString *s, const char *v)
{
	g_string_append_c(s, '\'');
	for (; *v != '\0'; v++) {
		if (*v == '\'' || *v == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *v);
	}
	g_string_append_c(s, '\'');
}

/* Clickable rectangles of the links in the lines an item draws. */
static void
links(cairo_t *cr, const ts_item *it)
{
	const ts_text *t = it->text;
	double y0 = it->y - t->lines[it->first].top;

	for (guint i = 0; t->links != NULL && i < t->links->len; i++) {
		const ts_link *l = &g_array_index(t->links, ts_link, i);
		if (l->uri == NULL && l->dest == NULL)
			continue;
		GString *a = g_string_new("rect=[");
		int rects = 0;
		for (int k = 0; k < l->nboxes; k++) {
			const ts_link_box *bx = &l->boxes[k];
			if (bx->line < it->first || bx->line >= it->first + it->count)
				continue;
			const ts_line *line = &t->lines[bx->line];
			g_string_append_printf(a, "%s%.2f %.2f %.2f %.2f",
			    rects ? " " : "", it->x + line->xoff + bx->x0,
			    y0 + line->top, bx->x1 - bx->x0,
			    line->bottom - line->top);
			rects++;
		}
		g_string_append(a, "] ");
		if (l->uri != NULL) {
			g_string_append(a, "uri=");
			append_quoted(a, l->uri);
		} else {
			g_string_append(a, "dest=");
			append_quoted(a, l->dest);
		}
		if (rects > 0) {
			cairo_tag_begin(cr, CAIRO_TAG_LINK, a->str);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
		g_string_free(a, TRUE);
	}
}

/* Named destinations for the anchors in the lines an item draws. */
static void
anchors(cairo_t *cr, const ts_item *it)
{
	const ts_text *t = it->text;
	int ls = t->lines[it->first].start;
	const ts_line *last = &t->lines[it->first + it->count - 1];
	int le = last->start + last->length;

	for (guint i = 0; t->anchors != NULL && i < t->anchors->len; i++) {
		const ts_anchor *a = &g_array_index(t->anchors, ts_anchor, i);
		int last_item = it->first + it->count == t->nlines;
		if (a->name == NULL || a->index < ls ||
		    (a->index >= le && !(last_item && a->index == le)))
			continue;
		GString *s = g_string_new("name=");
		append_quoted(s, a->name);
		g_string_append_printf(s, " x=%.2f y=%.2f", it->x,
		    it->y > 12 ? it->y - 12 : 0);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, s->str);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		g_string_free(s, TRUE);
	}
}

/* Painting state: the structure elements open (tagged PDF), as deep as
 * the document nests (lists in lists), and a glyph string to draw runs
 * with. */
typedef struct painter {
	cairo_t *cr;
	GPtrArray *names;          /* const char *, borrowed */
	PangoGlyphString *gs;
} painter;

/* A glyph string to draw a run with, its glyphs offset by the run's
 * place; grown as needed, reused. */
static PangoGlyphString *
run_glyphs(PangoGlyphString *gs, const ts_text *t, const ts_run *r)
{
	int n = r->num_glyphs;

	pango_glyph_string_set_size(gs, n);
	if (r->plain != NULL) {
		const char *start = t->text + r->offset, *p = start;
		for (int i = 0; i < n; i++) {
			PangoGlyphInfo *g = &gs->glyphs[i];
			g->glyph = r->plain[i].glyph;
			g->geometry.width = r->plain[i].width;
			g->geometry.x_offset = 0;
			g->geometry.y_offset = 0;
			g->attr.is_cluster_start = 1;
			g->attr.is_color = 0;
			gs->log_clusters[i] = (int)(p - start);
			p = g_utf8_next_char(p);
		}
	} else {
		memcpy(gs->glyphs, r->glyphs, sizeof(*gs->glyphs) * (size_t)n);
		memcpy(gs->log_clusters, r->log_clusters,
		    sizeof(*gs->log_clusters) * (size_t)n);
	}
	for (int i = 0; i < n; i++) {
		gs->glyphs[i].geometry.x_offset += r->x;
		gs->glyphs[i].geometry.y_offset += r->y;
	}
	return gs;
}

/* A line's glyph runs, drawn from the current point (its left end on the
 * baseline) with the text they show, for text extraction. */
static void
draw_line(cairo_t *cr, PangoGlyphString *gs, const ts_text *t,
    const ts_line *line)
{
	for (int i = 0; i < line->nruns; i++) {
		const ts_run *r = &line->runs[i];
		PangoItem item = { .offset = r->offset, .length = r->length,
			.num_chars = r->num_chars };
		item.analysis.font = r->font;
		item.analysis.level = r->level;
		PangoGlyphItem gi = { .item = &item,
			.glyphs = run_glyphs(gs, t, r) };
		cairo_set_source_rgb(cr, r->rgb[0] / 65535.,
		    r->rgb[1] / 65535., r->rgb[2] / 65535.);
		pango_cairo_show_glyph_item(cr, t->text, &gi);
	}
}

/* Whether a link of the text has a box on the lines an item draws. */
static int
has_links(const ts_item *it)
{
	const ts_text *t = it->text;

	for (guint i = 0; t->links != NULL && i < t->links->len; i++) {
		const ts_link *l = &g_array_index(t->links, ts_link, i);
		for (int k = 0; k < l->nboxes; k++)
			if (l->boxes[k].line >= it->first &&
			    l->boxes[k].line < it->first + it->count)
				return 1;
	}
	return 0;
}

static void
draw_text(painter *pt, const ts_item *it)
{
	cairo_t *cr = pt->cr;
	const ts_text *t = it->text;
	double y0 = it->y - t->lines[it->first].top;

	/* Tagged text goes into a leaf: text drawn into an element that
	 * also has children is left untagged. An item that begins and ends
	 * its element, without links (children), is that leaf itself; any
	 * other tagged text gets a Span of its own. */
	int span = it->tagged && !(it->nopen > 0 && it->close > 0 &&
	    !has_links(it));
	if (span)
		cairo_tag_begin(cr, "Span", NULL);
	for (int k = it->first; k < it->first + it->count; k++) {
		const ts_line *line = &t->lines[k];
		cairo_move_to(cr, it->x + line->xoff, y0 + line->base);
		draw_line(cr, pt->gs, t, line);
	}
	if (span)
		cairo_tag_end(cr, "Span");
	anchors(cr, it);
	links(cr, it);
}

static void
draw(painter *pt, const ts_item *it)
{
	cairo_t *cr = pt->cr;
	double rgb[3];

	rgb_of(it->rgb, rgb);
	for (int i = 0; i < it->nopen; i++) {
		g_ptr_array_add(pt->names, (gpointer)it->open[i]);
		cairo_tag_begin(cr, it->open[i], NULL);
	}
	switch (it->kind) {
	case ITEM_TEXT:
		draw_text(pt, it);
		break;
	case ITEM_IMAGE:
		image_paint(cr, it->image, it->x, it->y, it->w, it->h);
		break;
	case ITEM_FILL:
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		break;
	case ITEM_RULE:
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_set_line_width(cr, it->width);
		if (it->dash > 0) {
			double pattern[2] = { it->width, it->dash };
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			cairo_set_dash(cr, pattern, 2, 0);
		}
		cairo_move_to(cr, it->x, it->y);
		cairo_line_to(cr, it->x + it->w, it->y + it->h);
		cairo_stroke(cr);
		if (it->dash > 0) {
			cairo_set_dash(cr, NULL, 0, 0);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		}
		break;
	}
	for (int i = 0; i < it->close && pt->names->len > 0; i++)
		cairo_tag_end(cr, g_ptr_array_steal_index(pt->names,
		    pt->names->len - 1));
}

/* Bookmarks mirroring the headings; an entry without a target is left
 * out and its children move up. */
static void
outline(cairo_surface_t *s, const ts_doc *doc)
{
	int parents[16] = { 0 };
	int levels[16] = { 0 };
	int depth = 0;

	for (guint i = 0; i < doc->outline->len; i++) {
		const ts_outline *o = &g_array_index(doc->outline, ts_outline, i);
		if (o->dest == NULL)
			continue;
		while (depth > 0 && levels[depth - 1] >= o->level)
			depth--;
		GString *a = g_string_new("dest=");
		append_quoted(a, o->dest);
		int id = cairo_pdf_surface_add_outline(s,
		    depth > 0 ? parents[depth - 1] : CAIRO_PDF_OUTLINE_ROOT,
		    o->title, a->str, o->level <= 2 ?
		    CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		g_string_free(a, TRUE);
		if (depth < (int)G_N_ELEMENTS(parents)) {
			parents[depth] = id;
			levels[depth] = o->level;
			depth++;
		}
	}
}

void
pdf_free(pdf *p)
{
	g_object_unref(p->ctx);
	cairo_destroy(p->cr);
	cairo_surface_destroy(p->surface);
	g_byte_array_free(p->bytes, TRUE);
	g_free(p);
}

static void
set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *v)
{
	if (v != NULL && v[0] != '\0')
		cairo_pdf_surface_set_metadata(s, key, v);
}

GBytes *
pdf_paint(pdf *p, ts_doc *doc, const paint_meta *meta)
{
	cairo_t *cr = p->cr;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;

	set_meta(p->surface, CAIRO_PDF_METADATA_TITLE, doc->title);
	set_meta(p->surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	set_meta(p->surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
	set_meta(p->surface, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
	set_meta(p->surface, CAIRO_PDF_METADATA_CREATOR, meta->creator);
	set_meta(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
	set_meta(p->surface, CAIRO_PDF_METADATA_MOD_DATE, meta->date);

	/* Links are only sound inside a structure element (NOTES). */
	painter pt = { cr, g_ptr_array_new(), pango_glyph_string_new() };
	for (guint i = 0; i < doc->pages->len && st == CAIRO_STATUS_SUCCESS;
	    i++) {
		ts_page *pg = doc->pages->pdata[i];
		/* a page's size is set before anything is drawn on it: cairo
		 * starts the page's recording afresh */
		if (i == 0 || pg->landscape != ((const ts_page *)
		    doc->pages->pdata[i - 1])->landscape)
			cairo_pdf_surface_set_size(p->surface,
			    page_width(pg->landscape), page_height(pg->landscape));
		if (i == 0)
			cairo_tag_begin(cr, "Document", NULL);
		for (guint k = 0; k < pg->items->len; k++)
			draw(&pt, &g_array_index(pg->items, ts_item, k));
		if (i + 1 == doc->pages->len) {
			while (pt.names->len > 0)
				cairo_tag_end(cr, g_ptr_array_steal_index(
				    pt.names, pt.names->len - 1));
			cairo_tag_end(cr, "Document");
		}
		cairo_show_page(cr);
		st = cairo_status(cr);
		g_array_free(pg->items, TRUE);
		pg->items = NULL;
	}
	/* what the pages drew, before cairo writes the document's trees */
	g_ptr_array_set_size(doc->texts, 0);
	g_ptr_array_free(pt.names, TRUE);
	pango_glyph_string_free(pt.gs);
	outline(p->surface, doc);
	g_object_unref(p->ctx);
	cairo_destroy(cr);
	cairo_surface_finish(p->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	GBytes *out = NULL;
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_at(DIAG_ERROR, doc->title, 0, 0, "cairo: %s",
		    cairo_status_to_string(st));
		g_byte_array_free(p->bytes, TRUE);
	} else {
		out = g_byte_array_free_to_bytes(p->bytes);
	}
	g_free(p);
	return out;
}
