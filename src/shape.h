/* shape: the typesetter's text and styles (internal to typeset). */
#ifndef ISMSC_SHAPE_H
#define ISMSC_SHAPE_H

#include <libxml/tree.h>
#include <pango/pango.h>

#include "typeset.h"

typedef struct style {
	double size;               /* pt */
	int bold, italic;
	double leading;            /* line height as a factor of the size */
	unsigned rgb;
	double before, after;      /* space around the block, pt */
} style;

enum { ST_BODY, ST_SMALL, ST_NOTE, ST_LEAD, ST_H0, ST_H1, ST_H2, ST_H3,
	ST_H4, ST_CELL, ST_HEAD_CELL, ST_DENSE_CELL, ST_DENSE_HEAD, ST_CAPTION,
	ST_RUNNING, ST_COUNT };

extern const style styles[ST_COUNT];


#define LINK_RGB 0x1a4f8b
#define RULE_RGB 0xc4c9d0
#define HEAD_RGB 0x14304f
#define HEAD_FILL 0xe6ebf1
#define SHADE_FILL 0xf3f5f8
#define FIELD_FILL 0xf3f5f8
#define CELL_PAD_X 3.5
#define CELL_PAD_Y 2.6
#define DENSE_PAD_X 2.0            /* the cells of a dense table */
#define DENSE_PAD_Y 1.6
#define LIST_INDENT 14.0
#define MIN_LINES 2                /* orphans and widows */
#define SHAPE_MAX_TEXT (256 * 1024) /* bytes of one paragraph or cell */

typedef struct builder {
	PangoContext *ctx;
	ts_doc *doc;
	GString *text;
	PangoAttrList *attrs;
	GArray *links, *anchors;
	int space;                 /* a collapsed space is pending */
	size_t run;                /* characters since the last break chance */
	const style *st;
	int failed;
	const char *where;         /* the layout's name, for diagnostics about
	                              elements without a source reference */
	int nohyph;                /* inside code, a URI link or a heading */
	const char *scope;         /* anchor and link names are prefixed
	                              "scope/" inside a part with an id */
	const char *link_all;      /* shape(): the whole text links here */
	int styled;                /* inline content set attributes */
	int landscape;             /* inside <landscape> */
	double text_w;             /* the text width there */
} builder;

/* Hyphenate with the patterns of lang (e.g. "en-GB"), from Debian's
 * hyphen-* packages; without them text is not hyphenated. */
void shape_set_language(const char *lang);

int parse_rgb(const char *s, unsigned *out);
const char *src_of(const xmlNode *n);

/* Shape the inline content of n (or the literal string s when n is NULL)
 * in style st at width w; the text is owned by b->doc->texts. A text
 * shaped the same way before (same characters and style, at the same
 * width, no inline attributes, links or anchors: table cells of a long
 * register repeat a lot) is that text again: its src and page are the
 * first one's. */
ts_text *shape(builder *b, const xmlNode *n, const char *s, const style *st,
    double w, PangoAlignment align, int justify, const char *src);
void ts_text_free(gpointer p);
double text_height(const ts_text *t, int first, int count);

#endif
