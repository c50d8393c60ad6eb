/* figure: vector figures of the layout vocabulary (schema/layout.rng),
 * laid out as items relative to the figure's top left corner: a matrix of
 * coloured cells (the risk heat map) and stacked horizontal bars (the
 * implementation status chart). */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "brand.h"
#include "figure.h"
#include "xml.h"

#define LABEL_W 112.0              /* row and bar labels */
#define CELL_H 22.0
#define BAR_H 14.0
#define BAR_GAP 7.0
#define SWATCH 8.0

static void
add(figure *f, ts_item it)
{
	g_array_append_val(f->items, it);
}

static void
add_text(figure *f, const ts_text *t, double x, double y)
{
	ts_item it = { .kind = ITEM_TEXT, .x = x, .y = y, .text = t,
		.first = 0, .count = t->nlines, .tagged = 1 };

	it.w = t->width;
	it.h = text_height(t, 0, t->nlines);
	add(f, it);
}

static void
add_fill(figure *f, double x, double y, double w, double h, unsigned c)
{
	ts_item it = { .kind = ITEM_FILL, .x = x, .y = y, .w = w, .h = h,
		.rgb = c };

	add(f, it);
}

/* Text readable on a fill: dark on light colours, white on dark ones. */
static unsigned
ink_on(unsigned fill)
{
	double rgb[3];

	rgb_of(fill, rgb);
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 0.6 ?
	    0x1a1a1a : 0xffffff;
}

static ts_text *
label(builder *b, const char *s, int st, unsigned rgb, double w,
    PangoAlignment al, int bold, const char *src)
{
	style x = styles[st];

	x.rgb = rgb;
	x.bold = bold;
	return shape(b, NULL, s, &x, w, al, 0, src);
}

static double
matrix(builder *b, figure *f, const xmlNode *n, double w, double y)
{
	int ncols = 0;
	FOR_ELEMENTS(c, n, "col")
		ncols++;
	double cw = (w - LABEL_W) / (ncols > 0 ? ncols : 1);
	if (cw > 64)
		cw = 64;
	const char *src = src_of(n);

	ts_text *rt = label(b, xml_prop(n, "row-title"), ST_CELL, HEAD_RGB,
	    LABEL_W - 6, PANGO_ALIGN_LEFT, 1, src);
	add_text(f, rt, 0, y);
	y += text_height(rt, 0, rt->nlines) + 2;
	FOR_ELEMENTS(r, n, "row") {
		ts_text *rl = label(b, xml_prop(r, "label"), ST_CELL, 0x1a1a1a,
		    LABEL_W - 6, PANGO_ALIGN_LEFT, 0, src_of(r));
		add_text(f, rl, 0, y + (CELL_H - text_height(rl, 0, 1)) / 2);
		double x = LABEL_W;
		FOR_ELEMENTS(c, r, "cell") {
			unsigned fill = 0xffffff;
			parse_rgb(xml_prop(c, "fill"), &fill);
			add_fill(f, x + 0.5, y + 0.5, cw - 1, CELL_H - 1, fill);
			ts_text *cl = label(b, xml_prop(c, "label"), ST_CELL,
			    ink_on(fill), cw - 4, PANGO_ALIGN_CENTER, 1,
			    src_of(r));
			add_text(f, cl, x + 2, y + (CELL_H -
			    text_height(cl, 0, cl->nlines)) / 2);
			x += cw;
		}
		y += CELL_H;
	}
	double x = LABEL_W, lh = 0;
	FOR_ELEMENTS(c, n, "col") {
		ts_text *cl = label(b, xml_prop(c, "label"), ST_CELL, 0x1a1a1a,
		    cw - 2, PANGO_ALIGN_CENTER, 0, src_of(c));
		add_text(f, cl, x + 1, y + 3);
		double h = text_height(cl, 0, cl->nlines);
		if (h > lh)
			lh = h;
		x += cw;
	}
	y += 3 + lh + 2;
	ts_text *ct = label(b, xml_prop(n, "col-title"), ST_CELL, HEAD_RGB,
	    cw * ncols, PANGO_ALIGN_CENTER, 1, src);
	add_text(f, ct, LABEL_W, y);
	return y + text_height(ct, 0, ct->nlines);
}

typedef struct series {
	const char *id;
	unsigned fill;
} series;

static double
bars(builder *b, figure *f, const xmlNode *n, double w, double y)
{
	GArray *ser = g_array_new(FALSE, TRUE, sizeof(series));
	double max = 0;
	const char *src = src_of(n);

	FOR_ELEMENTS(s, n, "series") {
		series x = { xml_prop(s, "id"), 0x888888 };
		parse_rgb(xml_prop(s, "fill"), &x.fill);
		g_array_append_val(ser, x);
	}
	FOR_ELEMENTS(bar, n, "bar") {
		double total = 0;
		FOR_ELEMENTS(v, bar, "value")
			total += atof(xml_prop(v, "n"));
		if (total > max)
			max = total;
	}
	double area = w - LABEL_W - 30;
	double scale = max > 0 ? area / max : 0;
	FOR_ELEMENTS(bar, n, "bar") {
		ts_text *bl = label(b, xml_prop(bar, "label"), ST_CELL, 0x1a1a1a,
		    LABEL_W - 6, PANGO_ALIGN_LEFT, 0, src_of(bar));
		add_text(f, bl, 0, y + (BAR_H - text_height(bl, 0, 1)) / 2);
		double x = LABEL_W, total = 0;
		FOR_ELEMENTS(v, bar, "value") {
			double count = atof(xml_prop(v, "n"));
			unsigned fill = 0x888888;
			for (guint i = 0; i < ser->len; i++)
				if (strcmp(g_array_index(ser, series, i).id,
				    xml_prop(v, "series")) == 0)
					fill = g_array_index(ser, series, i).fill;
			double sw = count * scale;
			total += count;
			if (sw <= 0)
				continue;
			add_fill(f, x, y, sw, BAR_H, fill);
			if (sw >= 14) {
				ts_text *vl = label(b, xml_prop(v, "n"), ST_CELL,
				    ink_on(fill), sw, PANGO_ALIGN_CENTER, 1,
				    src_of(bar));
				add_text(f, vl, x, y + (BAR_H -
				    text_height(vl, 0, 1)) / 2);
			}
			x += sw;
		}
		char num[32];
		g_snprintf(num, sizeof(num), "%g", total);
		ts_text *tl = label(b, num, ST_CELL, 0x1a1a1a, 28,
		    PANGO_ALIGN_LEFT, 1, src_of(bar));
		add_text(f, tl, x + 4, y + (BAR_H - text_height(tl, 0, 1)) / 2);
		y += BAR_H + BAR_GAP;
	}
	/* legend */
	double x = LABEL_W, lh = 0;
	y += 2;
	FOR_ELEMENTS(s, n, "series") {
		unsigned fill = 0x888888;
		parse_rgb(xml_prop(s, "fill"), &fill);
		ts_text *sl = label(b, xml_prop(s, "label"), ST_CELL, 0x1a1a1a,
		    w / 3, PANGO_ALIGN_LEFT, 0, src);
		double tw = 0;
		for (int k = 0; k < sl->nlines; k++)
			if (sl->lines[k].xoff + sl->lines[k].right > tw)
				tw = sl->lines[k].xoff + sl->lines[k].right;
		if (x + SWATCH + 4 + tw > w) {
			x = LABEL_W;
			y += text_height(sl, 0, 1) + 3;
		}
		double th = text_height(sl, 0, 1);
		lh = th;
		add_fill(f, x, y + (th - SWATCH) / 2, SWATCH, SWATCH, fill);
		add_text(f, sl, x + SWATCH + 4, y);
		x += SWATCH + 4 + tw + 14;
	}
	g_array_free(ser, TRUE);
	return y + lh;
}

/* The document's logo, height points high at most and w wide at most;
 * nothing without one. */
static double
logo(builder *b, figure *f, const xmlNode *n, double w, double y)
{
	if (b->doc->logo_block == NULL)
		return y;
	ts_item it = { .kind = ITEM_IMAGE, .x = 0, .y = y,
		.image = b->doc->logo_block };
	brand_fit(b->doc->logo_block, w, g_ascii_strtod(xml_prop(n, "height"), NULL),
	    &it.w, &it.h);
	add(f, it);
	return y + it.h;
}

figure *
figure_build(builder *b, const xmlNode *n, double w)
{
	figure *f = g_new0(figure, 1);
	double y = 0;

	f->items = g_array_new(FALSE, TRUE, sizeof(ts_item));
	f->src = src_of(n);
	if (xml_prop(n, "title") != NULL) {
		ts_text *t = shape(b, NULL, xml_prop(n, "title"),
		    &styles[ST_CAPTION], w, PANGO_ALIGN_LEFT, 0, f->src);
		add_text(f, t, 0, 0);
		y = text_height(t, 0, t->nlines) + styles[ST_CAPTION].after + 2;
	}
	const char *type = xml_prop(n, "type");
	if (type != NULL && strcmp(type, "logo") == 0)
		y = logo(b, f, n, w, y);
	else if (type != NULL && strcmp(type, "matrix") == 0)
		y = matrix(b, f, n, w, y);
	else
		y = bars(b, f, n, w, y);
	f->h = y;
	return f;
}

void
figure_free(figure *f)
{
	if (f == NULL)
		return;
	g_array_free(f->items, TRUE);
	g_free(f);
}
