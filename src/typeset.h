/* typeset: a layout document (schema/layout.rng) -> a list of pages of
 * positioned boxes, measured with pango in the context the PDF is drawn
 * with. All page decisions are made here: breaks, widows and orphans,
 * repeated table headers, running header and footer, "Page X of Y".
 * Problems (a glyph missing from the fonts, a dangling link) are reported at
 * the layout element's src. */
#ifndef ISMSC_TYPESET_H
#define ISMSC_TYPESET_H

#include <libxml/tree.h>
#include <pango/pango.h>

/* A4 in PostScript points, and the text area, portrait; a landscape page
 * swaps the page's sides and keeps the margins. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_L 62.0
#define MARGIN_R 62.0
#define MARGIN_T 72.0
#define MARGIN_B 70.0
#define TEXT_TOP MARGIN_T

static inline double page_width(int landscape)
{
	return landscape ? PAGE_H : PAGE_W;
}

static inline double page_height(int landscape)
{
	return landscape ? PAGE_W : PAGE_H;
}

static inline double text_width(int landscape)
{
	return page_width(landscape) - MARGIN_L - MARGIN_R;
}

static inline double text_bottom(int landscape)
{
	return page_height(landscape) - MARGIN_B;
}

/* A link's clickable box on one line: x0..x1 from the line's left edge. */
typedef struct ts_link_box {
	int line;
	double x0, x1;
} ts_link_box;

typedef struct ts_link {
	int start, end;            /* byte range in the text */
	char *uri;                 /* external, or NULL */
	char *dest;                /* internal named destination, or NULL */
	ts_link_box *boxes;        /* one per line it is on */
	int nboxes;
} ts_link;

typedef struct ts_anchor {
	int index;                 /* byte index in the text */
	char *name;
} ts_anchor;

/* A glyph of a plain run: one glyph per character, each its own
 * cluster, no offsets; most runs are plain and keep 8 bytes a glyph. */
typedef struct ts_glyph {
	PangoGlyph glyph;
	gint32 width;
} ts_glyph;

/* Glyphs of one font and colour on a line, as pango shaped them: what
 * pango_cairo_show_glyph_item() draws, from the line's left end on the
 * baseline, the glyphs offset by (x, y). */
typedef struct ts_run {
	PangoFont *font;           /* a reference */
	int offset, length, num_chars;  /* of the text */
	int num_glyphs;
	int x, y;                  /* pango units */
	ts_glyph *plain;           /* a plain run's glyphs, or NULL and: */
	PangoGlyphInfo *glyphs;
	int *log_clusters;
	guint16 rgb[3];
	guint8 level;              /* bidi level */
} ts_run;

/* A line, measured from the text's top; x from the line's left edge
 * (xoff from the text's left). */
typedef struct ts_line {
	int start, length;         /* byte range in the text */
	double top, bottom, base;
	double xoff;               /* left edge (alignment, indent) */
	double left, right;        /* logical extent */
	double ink_right;          /* right edge of the ink */
	ts_run *runs;
	int nruns;
} ts_line;

/* A shaped run of text: one paragraph, heading, list item or cell part.
 * What painting needs, and no more: pango's layout is gone once the text
 * is measured. */
typedef struct ts_text {
	char *text;
	int len;
	double width;              /* the width it was set at */
	ts_line *lines;            /* lines, runs, glyphs and text share one
	                              allocation */
	int nlines;
	GArray *links;             /* ts_link, or NULL */
	GArray *anchors;           /* ts_anchor, or NULL */
	const char *src;           /* in ts_doc.strings */
	int page;                  /* index of the page its first line is on,
	                              or -1 before it is placed (texts with
	                              anchors are placed once) */
} ts_text;

typedef enum { ITEM_TEXT, ITEM_FILL, ITEM_RULE, ITEM_IMAGE } ts_item_kind;

#define TS_MAX_OPEN 10

/* Something drawn on a page. TEXT: lines first..first+count-1 of text,
 * the top of line `first` at (x, y); w and h the extent of those lines.
 * FILL: a rectangle. RULE: a line from (x, y) to (x + w, y + h) of width
 * `width`, dotted when dash > 0. IMAGE: image scaled to w x h.
 *
 * Structure (tagged PDF): before the item the structure elements open[]
 * begin, in order; a tagged text is drawn inside a Span leaf; after it
 * `close` elements end. Untagged text (running header and footer,
 * repeated table headers) is an artifact. */
typedef struct ts_item {
	double x, y, w, h;
	union {
		struct {           /* TEXT */
			const ts_text *text;
			int first, count;
		};
		struct {           /* RULE */
			double width, dash;
		};
		const struct image *image;  /* IMAGE */
	};
	const char *const *open;   /* nopen names, shared (ts_doc.opens) */
	unsigned rgb;              /* 0xRRGGBB */
	guint8 kind;               /* ts_item_kind */
	guint8 tagged;
	guint8 nopen;
	guint16 close;
} ts_item;

/* A bookmark: level 1 is the top; dest a named destination. */
typedef struct ts_outline {
	int level;
	char *title;
	char *dest;
} ts_outline;

typedef struct ts_page {
	GArray *items;             /* ts_item, in drawing order */
	int landscape;             /* A4 landscape rather than portrait */
} ts_page;

typedef struct ts_doc {
	GPtrArray *pages;          /* ts_page * */
	GHashTable *opens;         /* the items' open[] arrays, by their
	                              names joined */
	GStringChunk *strings;     /* source references (src) */
	GHashTable *shaped;        /* texts by what they were shaped from
	                              (shape.c), to share their lines */
	GPtrArray *texts;          /* ts_text *, owned */
	GArray *outline;           /* ts_outline, in document order */
	char *title, *author, *subject, *keywords, *lang;
	struct image *logo;        /* the document's logo (branding), or NULL */
	struct image *logo_block;  /* the same, for figure type="logo": cairo
	                              1.16 names one surface twice in the
	                              resources of a page that shows it twice */
	unsigned accent;           /* its accent colour, when accented */
	int accented;
	char *page_label;          /* "Page {page} of {pages}" */
	char *continued;           /* "(continued)" */
} ts_doc;

/* The red, green and blue parts (0 to 1) of 0xRRGGBB. */
void rgb_of(unsigned c, double out[3]);

/* Typeset layout with ctx (a pango context configured for the target
 * surface). Returns NULL after reporting errors. Free with ts_doc_free.
 * The body rows of layout's tables are freed once they are set: they are
 * most of a large document, and nothing needs them afterwards. */
ts_doc *typeset(xmlDocPtr layout, PangoContext *ctx);
void ts_doc_free(ts_doc *);

/* Write the page tree as stable text: pages, boxes, lines (--dump-pages). */
void ts_dump(const ts_doc *, GString *out);

#endif
