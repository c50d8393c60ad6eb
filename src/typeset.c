/* typeset: layout document -> pages of positioned boxes.
 *
 * Two steps. build_*() turn the layout elements into a flat array of blocks
 * (text parts and tables) whose text is shaped once, at its final width;
 * paginate() then places them on pages, and running() adds the running
 * header and footer once the page count is known.
 *
 * Memory: every ts_text is owned by doc->texts; blocks, rows and cells are
 * freed when typeset() returns; pages hold items that point at texts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "brand.h"
#include "diag.h"
#include "figure.h"
#include "fonts.h"
#include "image.h"
#include "shape.h"
#include "typeset.h"
#include "xml.h"

/* ---- blocks --------------------------------------------------------------- */

/* Structure elements to begin before something, and how many to end after
 * it (tagged PDF; see ts_item). */
typedef struct tags {
	const char *open[TS_MAX_OPEN];
	int nopen;
	int close;
} tags;

static void
tags_add(tags *t, const char *name)
{
	g_assert(t->nopen < TS_MAX_OPEN);
	t->open[t->nopen++] = name;
}

/* A shaped text at an indent, with an optional list marker. */
typedef struct part {
	ts_text *t;
	double x;                  /* from the left of the text area or cell */
	ts_text *marker;
	double marker_x;
	double before, after;
	tags pre;                  /* begun before the marker (or the text) */
	tags text;                 /* begun before the text; close after it */
} part;

typedef struct cell_line {
	ts_text *t;
	ts_text *marker;           /* drawn beside this line */
	double x, top, bottom;     /* within the cell's content box */
	double marker_x;
	const tags *tg;            /* of the part, begun on its first line */
	int line;
	int close;                 /* of the part, ended after its last */
} cell_line;

typedef struct cell {
	double x, w;
	GArray *lines;             /* cell_line */
	tags *tags;                /* per part with structure elements */
	unsigned fill;
	int has_fill;
	double pad_x;              /* left and right of the content box */
} cell;

typedef struct row {
	GPtrArray *cells;          /* cell * */
	int shade, head;
	double pad_y;              /* above and below its cells' content */
	const char *src;
} row;

/* table styles; dense is a grid of smaller text, for wide registers */
enum { TB_GRID, TB_PLAIN, TB_FIELDS, TB_DENSE };

typedef struct table {
	GPtrArray *head, *body;    /* row * */
	ts_text *caption;
	int style;                 /* TB_GRID, TB_PLAIN, TB_FIELDS, TB_DENSE */
	int tagged_head;           /* the header has been drawn (tagged) once */
	double w;                  /* the text width it was set at */
	const char *src;
} table;

typedef enum {
	BLK_TEXT, BLK_TABLE, BLK_FIGURE, BLK_SPACE, BLK_BREAK, BLK_PART,
	BLK_PART_END, BLK_LANDSCAPE, BLK_LANDSCAPE_END
} blk_kind;

typedef struct block {
	blk_kind kind;
	part p;                    /* BLK_TEXT */
	table *tb;                 /* BLK_TABLE */
	figure *fig;               /* BLK_FIGURE */
	const xmlNode *node;       /* BLK_PART: the part element */
	double space;              /* BLK_SPACE */
	int keep_next;             /* headings */
	int keep;                  /* keep group number, 0 for none */
	const char *toc_dest;      /* a table of contents entry's target */
	int placed_page;           /* where a TOC entry's last line went */
	double placed_y, placed_right;
} block;

typedef struct flow {
	builder *b;
	GArray *blocks;            /* block */
	int keep;                  /* current keep group */
	int keeps;                 /* groups made */
	GHashTable *heading_ids;   /* h element -> anchor name */
	int in_part;
} flow;

static void
push(flow *f, block *blk)
{
	blk->keep = f->keep;
	g_array_append_val(f->blocks, *blk);
}

static PangoAlignment
align_of(const xmlNode *n, int *justify)
{
	const char *a = xml_prop(n, "align");

	*justify = a != NULL && strcmp(a, "justify") == 0;
	if (a != NULL && strcmp(a, "center") == 0)
		return PANGO_ALIGN_CENTER;
	if (a != NULL && strcmp(a, "right") == 0)
		return PANGO_ALIGN_RIGHT;
	return PANGO_ALIGN_LEFT;
}

static int
para_style(const xmlNode *p)
{
	static const char *const names[][2] = {
		{ "small", "small" }, { "note", "note" }, { "lead", "lead" },
	};
	static const int ids[] = { ST_SMALL, ST_NOTE, ST_LEAD };
	const char *s = xml_prop(p, "style");

	for (size_t i = 0; s != NULL && i < G_N_ELEMENTS(ids); i++)
		if (strcmp(s, names[i][0]) == 0)
			return ids[i];
	return ST_BODY;
}

static int
has_block_children(const xmlNode *n)
{
	FOR_ELEMENTS(k, n, NULL)
		if (xml_is(k, "p") || xml_is(k, "list"))
			return 1;
	return 0;
}

static part
text_part(ts_text *t, double x, double before, double after,
    const char *tag)
{
	part p = { .t = t, .x = x, .before = before, .after = after };

	if (tag != NULL) {
		tags_add(&p.text, tag);
		p.text.close = 1;
	}
	return p;
}

/* Parts of a paragraph-level element (p, list) at indent x within width w,
 * appended to out. Lists nest: L > LI > (Lbl, LBody); an item's body is
 * its text, or P and nested L elements. */
static void
parts_of(builder *b, const xmlNode *n, int st, double x, double w,
    GArray *out)
{
	if (xml_is(n, "p")) {
		int justify;
		PangoAlignment al = align_of(n, &justify);
		int pst = st == ST_CELL || st == ST_DENSE_CELL ? st :
		    para_style(n);
		part p = text_part(shape(b, n, NULL, &styles[pst], w - x, al,
		    justify, src_of(n)), x, styles[pst].before,
		    styles[pst].after, "P");
		g_array_append_val(out, p);
		return;
	}
	if (!xml_is(n, "list"))
		return;
	const char *type = xml_prop(n, "type");
	int numbered = type != NULL && strcmp(type, "number") == 0;
	int depth = 0;
	for (const xmlNode *a = n->parent; a != NULL; a = a->parent)
		depth += xml_is(a, "list");
	static const char *const bullets[] = { "\u2022", "\u2013", "\u25e6" };
	double ix = x + LIST_INDENT + (numbered ? 2 : 0);
	/* deep nesting stops indenting before the text gets too narrow */
	if (w - ix < w / 2) {
		x = x - LIST_INDENT > 0 ? x - LIST_INDENT : 0;
		ix = x + LIST_INDENT + (numbered ? 2 : 0);
	}
	int i = 0;
	size_t list_first = out->len;
	FOR_ELEMENTS(li, n, "li") {
		char mark[32];
		if (numbered)
			snprintf(mark, sizeof(mark), "%d.", ++i);
		else
			snprintf(mark, sizeof(mark), "%s", bullets[depth % 3]);
		ts_text *m = shape(b, NULL, mark, &styles[st], ix - x,
		    PANGO_ALIGN_LEFT, 0, src_of(li));
		size_t first = out->len;
		int blocks = has_block_children(li);
		if (blocks) {
			FOR_ELEMENTS(k, li, NULL)
				parts_of(b, k, st, ix, w, out);
		} else {
			part p = text_part(shape(b, li, NULL, &styles[st],
			    w - ix, PANGO_ALIGN_LEFT, 0, src_of(li)), ix, 0, 2,
			    NULL);
			g_array_append_val(out, p);
		}
		if (out->len == first)
			continue;
		part *p = &g_array_index(out, part, first);
		p->marker = m;
		p->marker_x = x;
		/* LI and LBody around the item's parts */
		tags_add(&p->pre, "LI");
		tags pre = p->text;
		p->text.nopen = 0;
		tags_add(&p->text, "LBody");
		for (int k = 0; k < pre.nopen; k++)
			tags_add(&p->text, pre.open[k]);
		g_array_index(out, part, out->len - 1).text.close += 2;
	}
	if (out->len > list_first) {
		part *p = &g_array_index(out, part, list_first);
		tags pre = p->pre;
		p->pre.nopen = 0;
		tags_add(&p->pre, "L");
		for (int k = 0; k < pre.nopen; k++)
			tags_add(&p->pre, pre.open[k]);
		g_array_index(out, part, out->len - 1).text.close += 1;
	}
	/* space after the whole list, as after a paragraph */
	if (out->len > 0 && depth == 0)
		g_array_index(out, part, out->len - 1).after =
		    styles[st].after;
}

static cell *
build_cell(builder *b, const xmlNode *td, int st, double x, double w,
    double pad_x, unsigned fill, int has_fill)
{
	cell *c = g_new0(cell, 1);
	double inner = w - 2 * pad_x;
	GArray *parts = g_array_new(FALSE, TRUE, sizeof(part));

	c->x = x;
	c->w = w;
	c->pad_x = pad_x;
	c->lines = g_array_new(FALSE, TRUE, sizeof(cell_line));
	c->fill = fill;
	c->has_fill = has_fill;
	unsigned f;
	if (parse_rgb(xml_prop(td, "fill"), &f) == 0) {
		c->fill = f;
		c->has_fill = 1;
	}
	if (has_block_children(td)) {
		FOR_ELEMENTS(k, td, NULL)
			parts_of(b, k, st, 0, inner, parts);
	} else {
		const char *a = xml_prop(td, "align");
		PangoAlignment al = PANGO_ALIGN_LEFT;
		if (a != NULL && strcmp(a, "center") == 0)
			al = PANGO_ALIGN_CENTER;
		else if (a != NULL && strcmp(a, "right") == 0)
			al = PANGO_ALIGN_RIGHT;
		part p = text_part(shape(b, td, NULL, &styles[st], inner, al, 0,
		    src_of(td)), 0, 0, 0, NULL);
		/* an empty cell draws nothing */
		if (p.t->len > 0)
			g_array_append_val(parts, p);
	}
	/* flatten the parts into lines, stacked */
	double y = 0;
	int ntags = 0;
	for (guint i = 0; i < parts->len; i++) {
		const part *p = &g_array_index(parts, part, i);
		ntags += p->pre.nopen + p->text.nopen > 0;
	}
	if (ntags > 0)
		c->tags = g_new0(tags, ntags);
	ntags = 0;
	for (guint i = 0; i < parts->len; i++) {
		part *p = &g_array_index(parts, part, i);
		if (i > 0)
			y += p->before;
		const tags *tg = NULL;
		if (p->pre.nopen + p->text.nopen > 0) {
			tags *pt = &c->tags[ntags++];
			*pt = p->pre;
			for (int j = 0; j < p->text.nopen; j++)
				tags_add(pt, p->text.open[j]);
			tg = pt;
		}
		for (int k = 0; k < p->t->nlines; k++) {
			cell_line cl = { p->t, k == 0 ? p->marker : NULL, p->x,
				y + p->t->lines[k].top - p->t->lines[0].top,
				y + p->t->lines[k].bottom - p->t->lines[0].top,
				p->marker_x, k == 0 ? tg : NULL, k,
				k == p->t->nlines - 1 ? p->text.close : 0 };
			g_array_append_val(c->lines, cl);
		}
		y += text_height(p->t, 0, p->t->nlines);
		if (i + 1 < parts->len)
			y += p->after > 3 ? 3 : p->after;
	}
	g_array_free(parts, TRUE);
	return c;
}

static row *
build_row(builder *b, const xmlNode *tr, const double *colx,
    const double *colw, int ncols, int head, int tstyle)
{
	row *r = g_new0(row, 1);
	int col = 0;

	r->cells = g_ptr_array_new();
	r->src = src_of(tr);
	if (r->src != NULL)
		r->src = g_string_chunk_insert_const(b->doc->strings, r->src);
	r->head = head;
	r->pad_y = tstyle == TB_DENSE ? DENSE_PAD_Y : CELL_PAD_Y;
	const char *sh = xml_prop(tr, "shade");
	r->shade = sh != NULL && strcmp(sh, "yes") == 0;
	FOR_ELEMENTS(td, tr, "td") {
		const char *sp = xml_prop(td, "span");
		int span = sp ? atoi(sp) : 1;
		if (col >= ncols) {
			diag_src(DIAG_ERROR, src_of(td), b->where,
			    "a table row has more cells than the table has "
			    "columns (%d)", ncols);
			b->failed = 1;
			break;
		}
		if (span < 1 || col + span > ncols)
			span = ncols - col;
		double w = 0;
		for (int k = col; k < col + span; k++)
			w += colw[k];
		int fields_label = tstyle == TB_FIELDS && col == 0;
		int dense = tstyle == TB_DENSE;
		int st = head || fields_label ?
		    (dense ? ST_DENSE_HEAD : ST_HEAD_CELL) :
		    (dense ? ST_DENSE_CELL : ST_CELL);
		unsigned fill = head ? HEAD_FILL : fields_label ? FIELD_FILL :
		    SHADE_FILL;
		int has_fill = head || fields_label || r->shade;
		g_ptr_array_add(r->cells, build_cell(b, td, st, colx[col], w,
		    dense ? DENSE_PAD_X : CELL_PAD_X, fill, has_fill));
		col += span;
	}
	return r;
}

static void
build_table(flow *f, const xmlNode *n)
{
	builder *b = f->b;
	table *tb = g_new0(table, 1);
	gchar **ws = g_strsplit(xml_prop(n, "widths"), " ", -1);
	int ncols = (int)g_strv_length(ws);
	double *colx = g_new(double, ncols), *colw = g_new(double, ncols);
	double sum = 0;

	for (int i = 0; i < ncols; i++)
		sum += g_ascii_strtod(ws[i], NULL);
	for (int i = 0; i < ncols; i++) {
		colw[i] = sum > 0 ? b->text_w * g_ascii_strtod(ws[i], NULL) /
		    sum : b->text_w / ncols;
		colx[i] = i == 0 ? 0 : colx[i - 1] + colw[i - 1];
	}
	g_strfreev(ws);
	const char *s = xml_prop(n, "style");
	tb->style = s == NULL || strcmp(s, "grid") == 0 ? TB_GRID :
	    strcmp(s, "plain") == 0 ? TB_PLAIN :
	    strcmp(s, "dense") == 0 ? TB_DENSE : TB_FIELDS;
	tb->src = src_of(n);
	tb->w = b->text_w;
	tb->head = g_ptr_array_new();
	tb->body = g_ptr_array_new();
	xmlNode *cap = xml_first(n, "caption");
	if (cap != NULL)
		tb->caption = shape(b, cap, NULL, &styles[ST_CAPTION], b->text_w,
		    PANGO_ALIGN_LEFT, 0, src_of(cap));
	FOR_ELEMENTS(tr, xml_first(n, "thead"), "tr")
		g_ptr_array_add(tb->head, build_row(b, tr, colx, colw, ncols, 1,
		    tb->style));
	xmlNode *next;
	for (xmlNode *tr = xml_first(xml_first(n, "tbody"), "tr"); tr != NULL;
	    tr = next) {
		next = xml_next(tr, "tr");
		g_ptr_array_add(tb->body, build_row(b, tr, colx, colw, ncols, 0,
		    tb->style));
		xmlUnlinkNode(tr);
		xmlFreeNode(tr);
	}
	g_free(colx);
	g_free(colw);
	block blk = { .kind = BLK_TABLE, .tb = tb };
	push(f, &blk);
}

/* Plain text of an element, whitespace collapsed. */
static char *
plain_text(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	GString *s = g_string_new(NULL);
	int space = 0;

	for (const char *p = c ? (const char *)c : ""; *p != '\0'; p++) {
		if (g_ascii_isspace(*p)) {
			space = s->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(s, ' ');
		space = 0;
		g_string_append_c(s, *p);
	}
	xmlFree(c);
	return g_string_free(s, FALSE);
}

/* Anchor names of every heading: its id, else a generated one; scoped by
 * the enclosing part's id so parts may reuse ids. */
static void
name_headings(flow *f, const xmlNode *n, const char *scope, int *count)
{
	FOR_ELEMENTS(k, n, NULL) {
		if (xml_is(k, "h")) {
			const char *id = xml_prop(k, "id");
			char *name = id != NULL ? g_strdup(id) :
			    g_strdup_printf("h.%d", ++*count);
			char *full = scope ? g_strconcat(scope, "/", name, NULL) :
			    g_strdup(name);
			g_free(name);
			g_hash_table_insert(f->heading_ids, (gpointer)k, full);
		} else if (xml_is(k, "part")) {
			name_headings(f, k, xml_prop(k, "id"), count);
		} else if (xml_is(k, "keep") || xml_is(k, "landscape")) {
			name_headings(f, k, scope, count);
		}
	}
}

/* Table of contents entries for the headings under scope. */
static void
toc_entries(flow *f, const xmlNode *scope, int depth, int *first)
{
	builder *b = f->b;

	FOR_ELEMENTS(k, scope, NULL) {
		if (xml_is(k, "keep") || xml_is(k, "landscape")) {
			toc_entries(f, k, depth, first);
			continue;
		}
		if (!xml_is(k, "h"))
			continue;
		int level = atoi(xml_prop(k, "level"));
		if (level < 1 || level > depth)
			continue;
		double indent = (level - 1) * LIST_INDENT;
		style st = styles[ST_BODY];
		st.bold = level == 1;
		char *title = plain_text(k);
		const char *dest = g_hash_table_lookup(f->heading_ids, k);
		b->link_all = dest;
		ts_text *t = shape(b, NULL, title, &st, b->text_w - indent - 40,
		    PANGO_ALIGN_LEFT, 0, src_of(k));
		b->link_all = NULL;
		g_free(title);
		block blk = { .kind = BLK_TEXT, .toc_dest = dest,
			.placed_page = -1 };
		blk.p = text_part(t, indent, level == 1 ? 4 : 1, 0, "TOCI");
		if (*first) {
			tags_add(&blk.p.pre, "TOC");
			*first = 0;
		}
		push(f, &blk);
	}
}

static void
build_toc(flow *f, const xmlNode *n)
{
	const char *d = xml_prop(n, "depth");
	const xmlNode *scope = n->parent;
	int first = 1;
	guint start = f->blocks->len;

	while (scope != NULL && (xml_is(scope, "keep") ||
	    xml_is(scope, "landscape")))
		scope = scope->parent;
	const char *title = xml_prop(n, "title");
	block h = { .kind = BLK_TEXT, .keep_next = 1 };
	const style *st = &styles[ST_H1];
	h.p = text_part(shape(f->b, NULL, title ? title : "Contents", st,
	    f->b->text_w, PANGO_ALIGN_LEFT, 0, src_of(n)), 0, st->before,
	    st->after,
	    "H2");
	push(f, &h);
	toc_entries(f, scope, d ? atoi(d) : 2, &first);
	if (f->blocks->len > start + 1)
		g_array_index(f->blocks, block, f->blocks->len - 1).p.text.close
		    += 1;                      /* TOC */
	g_array_index(f->blocks, block, f->blocks->len - 1).p.after = 8;
}

static void build_blocks(flow *, const xmlNode *);

static void
build_heading(flow *f, const xmlNode *n)
{
	static const char *const h[] = { "H1", "H2", "H3", "H4", "H5" };
	int level = atoi(xml_prop(n, "level"));
	if (level > 4)
		level = 4;
	const style *st = &styles[ST_H0 + level];
	block blk = { .kind = BLK_TEXT, .keep_next = 1 };
	ts_text *t = shape(f->b, n, NULL, st, f->b->text_w, PANGO_ALIGN_LEFT, 0,
	    src_of(n));
	if (level <= 2 && f->b->doc->accented)
		brand_recolour(t, f->b->doc->accent);
	const char *name = g_hash_table_lookup(f->heading_ids, n);
	ts_anchor a = { 0, g_strdup(name) };
	if (t->anchors == NULL)
		t->anchors = g_array_new(FALSE, TRUE, sizeof(ts_anchor));
	g_array_append_val(t->anchors, a);
	blk.p = text_part(t, 0, st->before, st->after, h[level]);
	push(f, &blk);
	ts_outline o = { 1 + level + f->in_part, plain_text(n),
		g_strdup(name) };
	g_array_append_val(f->b->doc->outline, o);
}

static void
build_block(flow *f, const xmlNode *n)
{
	builder *b = f->b;

	if (xml_is(n, "h")) {
		build_heading(f, n);
	} else if (xml_is(n, "p") || xml_is(n, "list")) {
		GArray *parts = g_array_new(FALSE, TRUE, sizeof(part));
		parts_of(b, n, ST_BODY, 0, b->text_w, parts);
		for (guint i = 0; i < parts->len; i++) {
			block blk = { .kind = BLK_TEXT };
			blk.p = g_array_index(parts, part, i);
			push(f, &blk);
		}
		g_array_free(parts, TRUE);
	} else if (xml_is(n, "table")) {
		build_table(f, n);
	} else if (xml_is(n, "figure")) {
		block blk = { .kind = BLK_FIGURE };
		blk.fig = figure_build(b, n, b->text_w);
		push(f, &blk);
	} else if (xml_is(n, "toc")) {
		build_toc(f, n);
	} else if (xml_is(n, "keep")) {
		int outer = f->keep;
		if (outer == 0)
			f->keep = ++f->keeps;
		build_blocks(f, n);
		f->keep = outer;
	} else if (xml_is(n, "part")) {
		block start = { .kind = BLK_PART, .node = n };
		push(f, &start);
		ts_outline o = { 1, g_strdup(xml_prop(n, "title")), NULL };
		guint at = f->b->doc->outline->len;
		g_array_append_val(f->b->doc->outline, o);
		const char *outer = b->scope;
		b->scope = xml_prop(n, "id");
		f->in_part = 1;
		build_blocks(f, n);
		f->in_part = 0;
		b->scope = outer;
		/* the part's bookmark leads to its first heading */
		if (f->b->doc->outline->len > at + 1)
			g_array_index(f->b->doc->outline, ts_outline, at).dest =
			    g_strdup(g_array_index(f->b->doc->outline,
			    ts_outline, at + 1).dest);
		block end = { .kind = BLK_PART_END, .node = n };
		push(f, &end);
	} else if (xml_is(n, "landscape")) {
		/* nested: already landscape */
		int outer = b->landscape;
		block start = { .kind = BLK_LANDSCAPE };
		if (!outer)
			push(f, &start);
		b->landscape = 1;
		b->text_w = text_width(1);
		build_blocks(f, n);
		b->landscape = outer;
		b->text_w = text_width(outer);
		block end = { .kind = BLK_LANDSCAPE_END };
		if (!outer)
			push(f, &end);
	} else if (xml_is(n, "page-break")) {
		block blk = { .kind = BLK_BREAK };
		push(f, &blk);
	} else if (xml_is(n, "space")) {
		block blk = { .kind = BLK_SPACE };
		blk.space = g_ascii_strtod(xml_prop(n, "pt"), NULL);
		push(f, &blk);
	}
}

static void
build_blocks(flow *f, const xmlNode *parent)
{
	FOR_ELEMENTS(n, parent, NULL)
		build_block(f, n);
}

/* ---- pagination ------------------------------------------------------------ */

typedef struct pager {
	ts_doc *doc;
	ts_page *page;
	double y;                  /* next free position */
	double pending;            /* space owed before the next block */
	int fresh;                 /* nothing placed on this page yet */
	const xmlNode *running;    /* whose running header the pages get */
	GPtrArray *runnings;       /* per page: that element */
	tags opening;              /* begun before the next tagged item */
	ts_page *last_page;        /* the last tagged item */
	guint last_index;
	int landscape;             /* of the pages made from now on */
	int turn;                  /* the current page is not in that
	                              orientation: content turns a page */
} pager;

static void
new_page(pager *pg)
{
	pg->page = g_new0(ts_page, 1);
	pg->page->items = g_array_new(FALSE, TRUE, sizeof(ts_item));
	pg->page->landscape = pg->landscape;
	g_ptr_array_add(pg->doc->pages, pg->page);
	g_ptr_array_add(pg->runnings, (gpointer)pg->running);
	pg->y = TEXT_TOP;
	pg->pending = 0;
	pg->fresh = 1;
}

static double
room(const pager *pg)
{
	return text_bottom(pg->page->landscape) - pg->y;
}

/* The height of the text area of the current page. */
static double
body_height(const pager *pg)
{
	return text_bottom(pg->page->landscape) - TEXT_TOP;
}

/* Pages from now on in the orientation landscape: a new page, or the
 * current one when nothing is on it yet. */
static void
orient(pager *pg, int landscape)
{
	pg->landscape = landscape;
	pg->turn = 0;
	if (!pg->fresh)
		new_page(pg);
	else
		pg->page->landscape = landscape;
}

static void
tag_open(pager *pg, const tags *t)
{
	for (int i = 0; i < t->nopen; i++)
		tags_add(&pg->opening, t->open[i]);
}

/* End n structure elements after the last tagged item; elements begun but
 * given no content yet simply vanish. */
static void
tag_close(pager *pg, int n)
{
	for (; n > 0 && pg->opening.nopen > 0; n--)
		pg->opening.nopen--;
	if (n > 0 && pg->last_page != NULL)
		g_array_index(pg->last_page->items, ts_item,
		    pg->last_index).close += n;
}

/* The structure elements t begins, as one array shared by every item
 * that begins the same ones. */
static const char *const *
intern_open(ts_doc *doc, const tags *t)
{
	if (t->nopen == 0)
		return NULL;
	GString *key = g_string_new(NULL);
	for (int i = 0; i < t->nopen; i++)
		g_string_append_printf(key, "%s\n", t->open[i]);
	const char **v = g_hash_table_lookup(doc->opens, key->str);
	if (v == NULL) {
		v = g_memdup2(t->open, sizeof(t->open[0]) * (gsize)t->nopen);
		g_hash_table_insert(doc->opens, g_string_free(key, FALSE), v);
	} else {
		g_string_free(key, TRUE);
	}
	return v;
}

static void
put_item(pager *pg, ts_item *it)
{
	if (it->tagged) {
		it->open = intern_open(pg->doc, &pg->opening);
		it->nopen = (guint8)pg->opening.nopen;
		pg->opening.nopen = 0;
		pg->last_page = pg->page;
		pg->last_index = pg->page->items->len;
	}
	g_array_append_val(pg->page->items, *it);
}

/* Draw lines of t; tagged text is content, untagged an artifact. */
static void
put_text(pager *pg, const ts_text *t, int first, int count, double x,
    double y, int tagged)
{
	ts_item it = { .kind = ITEM_TEXT, .x = x, .y = y, .text = t,
		.first = first, .count = count, .tagged = tagged };

	/* the extent of what is drawn: the widest ink of the lines */
	for (int k = first; k < first + count; k++) {
		double right = t->lines[k].xoff + t->lines[k].ink_right;
		if (right > it.w)
			it.w = right;
	}
	it.h = text_height(t, first, count);
	if (first == 0 && t->page < 0)
		((ts_text *)t)->page = (int)pg->doc->pages->len - 1;
	put_item(pg, &it);
}

static void
put_fill(pager *pg, double x, double y, double w, double h, unsigned c)
{
	ts_item it = { .kind = ITEM_FILL, .x = x, .y = y, .w = w, .h = h,
		.rgb = c };

	put_item(pg, &it);
}

static void
put_rule(pager *pg, double x, double y, double w, double width, unsigned c,
    double dash)
{
	ts_item it = { .kind = ITEM_RULE, .x = x, .y = y, .w = w, .h = 0,
		.width = width, .dash = dash, .rgb = c };

	put_item(pg, &it);
}

/* Take the pending space, unless at the top of a page. */
static void
settle(pager *pg)
{
	if (!pg->fresh)
		pg->y += pg->pending;
	pg->pending = 0;
}

static void
owe(pager *pg, double space)
{
	if (space > pg->pending)
		pg->pending = space;
}

static void
emit_part(pager *pg, const part *p, int first, int count, int last)
{
	if (first == 0) {
		tag_open(pg, &p->pre);
		if (p->marker != NULL) {
			tags lbl = { { "Lbl" }, 1, 0 };
			tag_open(pg, &lbl);
			put_text(pg, p->marker, 0, 1, MARGIN_L + p->marker_x,
			    pg->y + (p->t->lines[0].top - p->marker->lines[0].top),
			    1);
			tag_close(pg, 1);
		}
		tag_open(pg, &p->text);
	}
	put_text(pg, p->t, first, count, MARGIN_L + p->x, pg->y, 1);
	if (last)
		tag_close(pg, p->text.close);
	pg->y += text_height(p->t, first, count);
	pg->fresh = 0;
}

/* Lines of t from first that fit in h. */
static int
lines_fitting(const ts_text *t, int first, double h)
{
	int n = 0;

	while (first + n < t->nlines &&
	    t->lines[first + n].bottom - t->lines[first].top <= h + 0.01)
		n++;
	return n;
}

static void
place_text(pager *pg, block *blk)
{
	const part *p = &blk->p;
	const ts_text *t = p->t;
	int i = 0;

	owe(pg, p->before);
	settle(pg);
	while (i < t->nlines) {
		int rest = t->nlines - i;
		int fit = lines_fitting(t, i, room(pg));
		if (fit >= rest) {
			if (blk->toc_dest != NULL) {
				const ts_line *last = &t->lines[t->nlines - 1];
				blk->placed_page = (int)pg->doc->pages->len - 1;
				blk->placed_y = pg->y + last->top - t->lines[i].top;
				blk->placed_right = MARGIN_L + p->x + last->xoff +
				    last->right;
			}
			emit_part(pg, p, i, rest, 1);
			break;
		}
		if (rest - fit < MIN_LINES)
			fit = rest - MIN_LINES;  /* leave no widow */
		if (fit < MIN_LINES && !pg->fresh) {
			new_page(pg);            /* leave no orphan */
			continue;
		}
		if (fit < 1)
			fit = lines_fitting(t, i, room(pg)) > 0 ?
			    lines_fitting(t, i, room(pg)) : 1;
		emit_part(pg, p, i, fit, 0);
		i += fit;
		new_page(pg);
	}
	owe(pg, p->after);
}

/* --- tables --- */

/* Height of a row fragment: each cell's lines from next[] that fit in
 * limit (all when limit is infinite); count[] receives the line counts. */
static double
fragment(const row *r, const int *next, double limit, int *count)
{
	double h = 0;

	for (guint c = 0; c < r->cells->len; c++) {
		const cell *ce = r->cells->pdata[c];
		int n = 0;
		double used = 0;
		if (next[c] < (int)ce->lines->len) {
			double base = g_array_index(ce->lines, cell_line,
			    next[c]).top;
			while (next[c] + n < (int)ce->lines->len) {
				double bot = g_array_index(ce->lines, cell_line,
				    next[c] + n).bottom - base;
				if (bot + 2 * r->pad_y > limit + 0.01)
					break;
				used = bot;
				n++;
			}
		}
		if (count != NULL)
			count[c] = n;
		if (used > h)
			h = used;
	}
	return h + 2 * r->pad_y;
}

static int
row_done(const row *r, const int *next)
{
	for (guint c = 0; c < r->cells->len; c++)
		if (next[c] < (int)((const cell *)r->cells->pdata[c])->lines->len)
			return 0;
	return 1;
}

static double
row_height(const row *r)
{
	int *next = g_new0(int, r->cells->len);
	double h = fragment(r, next, HUGE_VAL, NULL);

	g_free(next);
	return h;
}

/* Draw count[] lines of each cell from next[] as a row of height h. A
 * tagged row is a TR of TD (or TH) elements; a repeated header is not
 * tagged. */
static void
emit_row(pager *pg, const table *tb, const row *r, int *next,
    const int *count, double h, int tagged)
{
	static const tags tr = { { "TR" }, 1, 0 };
	tags cellt = { { r->head ? "TH" : "TD" }, 1, 0 };
	int starts = 1;

	for (guint c = 0; c < r->cells->len; c++) {
		const cell *ce = r->cells->pdata[c];
		if (ce->has_fill)
			put_fill(pg, MARGIN_L + ce->x, pg->y, ce->w, h, ce->fill);
		starts &= next[c] == 0;
	}
	if (tagged && starts)
		tag_open(pg, &tr);
	for (guint c = 0; c < r->cells->len; c++) {
		const cell *ce = r->cells->pdata[c];
		if (count[c] == 0)
			continue;
		double base = g_array_index(ce->lines, cell_line, next[c]).top;
		int end = next[c] + count[c];
		if (tagged && next[c] == 0)
			tag_open(pg, &cellt);
		/* one item per run of consecutive lines of one text */
		for (int k = next[c]; k < end;) {
			const cell_line *cl = &g_array_index(ce->lines,
			    cell_line, k);
			int run = 1;
			while (k + run < end) {
				const cell_line *nx = &g_array_index(ce->lines,
				    cell_line, k + run);
				if (nx->t != cl->t || nx->line != cl->line + run)
					break;
				run++;
			}
			double y = pg->y + r->pad_y + cl->top - base;
			double x = MARGIN_L + ce->x + ce->pad_x;
			if (tagged)
				if (cl->tg != NULL)
					tag_open(pg, cl->tg);
			if (cl->marker != NULL)
				put_text(pg, cl->marker, 0, 1, x + cl->marker_x,
				    y + cl->t->lines[cl->line].top -
				    cl->marker->lines[0].top,
				    0);
			put_text(pg, cl->t, cl->line, run, x + cl->x, y, tagged);
			if (tagged)
				tag_close(pg, g_array_index(ce->lines, cell_line,
				    k + run - 1).close);
			k += run;
		}
		next[c] = end;
		if (tagged && end == (int)ce->lines->len)
			tag_close(pg, 1);
	}
	if (tagged && row_done(r, next))
		tag_close(pg, 1);
	pg->y += h;
	if (tb->style != TB_PLAIN)
		put_rule(pg, MARGIN_L, pg->y, tb->w, 0.4, RULE_RGB, 0);
	pg->fresh = 0;
}

static void
emit_whole_row(pager *pg, const table *tb, const row *r, int tagged)
{
	int *next = g_new0(int, r->cells->len);
	int *count = g_new0(int, r->cells->len);
	double h = fragment(r, next, HUGE_VAL, count);

	emit_row(pg, tb, r, next, count, h, tagged);
	g_free(next);
	g_free(count);
}

static double
head_height(const table *tb)
{
	double h = 0;

	for (guint i = 0; i < tb->head->len; i++)
		h += row_height(tb->head->pdata[i]);
	if (tb->caption != NULL)
		h += text_height(tb->caption, 0, tb->caption->nlines) +
		    styles[ST_CAPTION].after;
	return h;
}

/* The caption and header rows; on continuation pages "(continued)" is
 * said, and nothing is tagged a second time. */
static void
table_top(pager *pg, table *tb, int continued, builder *b)
{
	if (tb->caption != NULL || continued) {
		const ts_text *cap = tb->caption;
		if (continued) {
			const char *s = cap ? cap->text : NULL;
			char *c = s ? g_strdup_printf("%s %s", s,
			    pg->doc->continued) : g_strdup(pg->doc->continued);
			cap = shape(b, NULL, c, &styles[s ? ST_CAPTION : ST_NOTE],
			    tb->w, PANGO_ALIGN_LEFT, 0, tb->src);
			g_free(c);
		} else {
			tags t = { { "Caption" }, 1, 0 };
			tag_open(pg, &t);
		}
		put_text(pg, cap, 0, cap->nlines, MARGIN_L, pg->y, !continued);
		if (!continued)
			tag_close(pg, 1);
		pg->y += text_height(cap, 0, cap->nlines) +
		    styles[ST_CAPTION].after;
	}
	if (tb->style == TB_GRID || tb->style == TB_DENSE)
		put_rule(pg, MARGIN_L, pg->y, tb->w, 0.8, HEAD_RGB, 0);
	for (guint i = 0; i < tb->head->len; i++)
		emit_whole_row(pg, tb, tb->head->pdata[i], !tb->tagged_head);
	tb->tagged_head = 1;
	pg->fresh = 0;
}

/* Rows taller than this share of the text area are split where they fall
 * (line by line) rather than moved whole to the next page, when at least
 * SPLIT_ROOM is left. */
#define TALL_ROW (1.0 / 3.0)
#define SPLIT_ROOM 40.0

static int
any_lines(const row *r, const int *count)
{
	for (guint c = 0; c < r->cells->len; c++)
		if (count[c] > 0)
			return 1;
	return 0;
}

/* A row taller than the room left: as many lines as fit here, the rest
 * on following pages under a repeated header. */
static void
split_row(pager *pg, table *tb, const row *r, builder *b)
{
	int *next = g_new0(int, r->cells->len);
	int *count = g_new0(int, r->cells->len);

	while (!row_done(r, next)) {
		double fh = fragment(r, next, room(pg), count);
		if (!any_lines(r, count)) {
			if (room(pg) >= body_height(pg) -
			    head_height(tb) - 0.01) {
				diag_src(DIAG_ERROR, r->src, b->where,
				    "a line of a table cell is taller than the "
				    "page");
				b->failed = 1;
				break;
			}
			new_page(pg);
			table_top(pg, tb, 1, b);
			continue;
		}
		emit_row(pg, tb, r, next, count, fh, 1);
		if (!row_done(r, next)) {
			new_page(pg);
			table_top(pg, tb, 1, b);
		}
	}
	g_free(next);
	g_free(count);
}

static void
place_table(pager *pg, table *tb, builder *b)
{
	static const tags table_tag = { { "Table" }, 1, 0 };
	double top = head_height(tb);
	double body = body_height(pg);

	settle(pg);
	/* the caption and header never end a page: they stay with the
	 * first row, or with the first lines of a tall one */
	double first = tb->body->len ? row_height(tb->body->pdata[0]) : 0;
	if (top + (first <= body * TALL_ROW ? first : SPLIT_ROOM) > room(pg) &&
	    !pg->fresh)
		new_page(pg);
	tag_open(pg, &table_tag);
	table_top(pg, tb, 0, b);
	for (guint i = 0; i < tb->body->len; i++) {
		const row *r = tb->body->pdata[i];
		double h = row_height(r);
		/* the last row does not go alone onto a continuation page:
		 * the row before it goes with it */
		if (i > 0 && i + 2 == tb->body->len && h <= room(pg)) {
			double last = row_height(tb->body->pdata[i + 1]);
			if (h + last > room(pg) && h + last <= body - top) {
				new_page(pg);
				table_top(pg, tb, 1, b);
			}
		}
		if (h <= room(pg)) {
			emit_whole_row(pg, tb, r, 1);
		} else if (h <= body * TALL_ROW || (h <= body - top &&
		    room(pg) < SPLIT_ROOM)) {
			new_page(pg);
			table_top(pg, tb, 1, b);
			emit_whole_row(pg, tb, r, 1);
		} else {
			split_row(pg, tb, r, b);
		}
	}
	tag_close(pg, 1);
	owe(pg, 10);
}

static void
place_figure(pager *pg, const figure *fig)
{
	static const tags figure_tag = { { "Figure" }, 1, 0 };

	owe(pg, 6);
	settle(pg);
	if (fig->h > room(pg) && !pg->fresh)
		new_page(pg);
	tag_open(pg, &figure_tag);
	for (guint i = 0; i < fig->items->len; i++) {
		ts_item it = g_array_index(fig->items, ts_item, i);
		it.x += MARGIN_L;
		it.y += pg->y;
		if (it.kind == ITEM_TEXT)
			put_text(pg, it.text, it.first, it.count, it.x, it.y, 1);
		else
			put_item(pg, &it);
	}
	tag_close(pg, 1);
	pg->y += fig->h;
	pg->fresh = 0;
	owe(pg, 10);
}

/* Height a block needs at least on its page: a heading's keep-with-next
 * chain ends in the first lines of a paragraph or a table's first row. */
static double
min_height(const GArray *blocks, guint i)
{
	if (i >= blocks->len)
		return 0;
	const block *blk = &g_array_index(blocks, block, i);
	if (blk->kind == BLK_TEXT) {
		const ts_text *t = blk->p.t;
		int n = t->nlines <= 2 * MIN_LINES - 1 ? t->nlines : MIN_LINES;
		double h = blk->p.before + text_height(t, 0, n);
		if (blk->keep_next)
			h += blk->p.after + min_height(blocks, i + 1);
		return h;
	}
	if (blk->kind == BLK_TABLE) {
		const table *tb = blk->tb;
		double h = head_height(tb);
		if (tb->body->len > 0)
			h += row_height(tb->body->pdata[0]);
		return h;
	}
	if (blk->kind == BLK_FIGURE)
		return blk->fig->h + 6;
	if (blk->kind == BLK_SPACE)     /* space does not break the chain */
		return blk->space + min_height(blocks, i + 1);
	return 0;
}

static double
block_height(const block *blk)
{
	switch (blk->kind) {
	case BLK_TEXT:
		return blk->p.before + text_height(blk->p.t, 0,
		    blk->p.t->nlines) + blk->p.after;
	case BLK_TABLE: {
		double h = head_height(blk->tb);
		for (guint i = 0; i < blk->tb->body->len; i++)
			h += row_height(blk->tb->body->pdata[i]);
		return h + 10;
	}
	case BLK_FIGURE:
		return blk->fig->h + 16;
	case BLK_SPACE:
		return blk->space;
	default:
		return 0;
	}
}

static void
paginate(pager *pg, GArray *blocks, builder *b)
{
	static const tags part_tag = { { "Part" }, 1, 0 };

	new_page(pg);
	for (guint i = 0; i < blocks->len; i++) {
		block *blk = &g_array_index(blocks, block, i);
		/* after landscape pages, content starts a portrait page (and
		 * nothing at the end of the document adds a blank one) */
		if (pg->turn && blk->kind != BLK_SPACE &&
		    blk->kind != BLK_PART_END && blk->kind != BLK_LANDSCAPE)
			orient(pg, pg->landscape);
		/* a keep group that fits on a page starts on one */
		if (blk->keep != 0 && (i == 0 ||
		    g_array_index(blocks, block, i - 1).keep != blk->keep)) {
			double h = 0;
			for (guint k = i; k < blocks->len &&
			    g_array_index(blocks, block, k).keep == blk->keep; k++)
				h += block_height(&g_array_index(blocks, block, k));
			if (h > room(pg) - pg->pending && h <= body_height(pg) &&
			    !pg->fresh)
				new_page(pg);
		}
		switch (blk->kind) {
		case BLK_TEXT:
			if (blk->keep_next && !pg->fresh &&
			    min_height(blocks, i) > room(pg) - pg->pending)
				new_page(pg);
			place_text(pg, blk);
			break;
		case BLK_TABLE:
			place_table(pg, blk->tb, b);
			break;
		case BLK_FIGURE:
			place_figure(pg, blk->fig);
			break;
		case BLK_SPACE:
			owe(pg, pg->pending + blk->space);
			break;
		case BLK_BREAK:
			if (!pg->fresh)
				new_page(pg);
			break;
		case BLK_PART:
			pg->running = blk->node;
			if (!pg->fresh)
				new_page(pg);
			else
				pg->runnings->pdata[pg->runnings->len - 1] =
				    (gpointer)blk->node;
			tag_open(pg, &part_tag);
			break;
		case BLK_PART_END:
			tag_close(pg, 1);
			break;
		case BLK_LANDSCAPE:
			orient(pg, 1);
			break;
		case BLK_LANDSCAPE_END:
			pg->landscape = 0;
			pg->turn = 1;
			break;
		}
	}
}

/* ---- after pagination: page numbers in the contents, running elements --- */

/* The page each named destination is on. */
static GHashTable *
anchor_pages(const ts_doc *doc)
{
	GHashTable *pages = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < doc->texts->len; i++) {
		const ts_text *t = doc->texts->pdata[i];
		for (guint k = 0; t->anchors != NULL && k < t->anchors->len;
		    k++) {
			const ts_anchor *a = &g_array_index(t->anchors,
			    ts_anchor, k);
			if (a->name != NULL && t->page >= 0 &&
			    !g_hash_table_contains(pages, a->name))
				g_hash_table_insert(pages, a->name,
				    GINT_TO_POINTER(t->page + 1));
		}
	}
	return pages;
}

static void
toc_numbers(pager *pg, GArray *blocks, builder *b)
{
	GHashTable *pages = anchor_pages(pg->doc);

	for (guint i = 0; i < blocks->len; i++) {
		const block *blk = &g_array_index(blocks, block, i);
		if (blk->toc_dest == NULL || blk->placed_page < 0)
			continue;
		int n = GPOINTER_TO_INT(g_hash_table_lookup(pages, blk->toc_dest));
		if (n == 0)
			continue;
		char num[16];
		snprintf(num, sizeof(num), "%d", n);
		pg->page = pg->doc->pages->pdata[blk->placed_page];
		ts_text *t = shape(b, NULL, num, &styles[ST_BODY], 34,
		    PANGO_ALIGN_RIGHT, 0, blk->p.t->src);
		double x = MARGIN_L + text_width(pg->page->landscape) - 34;
		put_text(pg, t, 0, 1, x, blk->placed_y, 0);
		double left = x + t->lines[0].xoff + t->lines[0].left - 4;
		double base = blk->placed_y + t->lines[0].base - t->lines[0].top;
		if (left - blk->placed_right > 12)
			put_rule(pg, blk->placed_right + 4, base, left -
			    blk->placed_right - 4, 0.8, 0x9aa3ad, 2.5);
	}
	g_hash_table_destroy(pages);
}

typedef struct running_texts {
	ts_text *hl, *hr, *fl, *mk;
} running_texts;

static running_texts *
running_for(builder *b, const xmlNode *n, double w)
{
	const style *st = &styles[ST_RUNNING];
	const char *src = xml_prop(n, "src");
	double half = w / 2 - 6;
	running_texts *r = g_new0(running_texts, 1);

	if (xml_prop(n, "header-left"))
		r->hl = shape(b, NULL, xml_prop(n, "header-left"), st, half,
		    PANGO_ALIGN_LEFT, 0, src);
	if (xml_prop(n, "header-right"))
		r->hr = shape(b, NULL, xml_prop(n, "header-right"), st, half,
		    PANGO_ALIGN_RIGHT, 0, src);
	if (xml_prop(n, "footer-left"))
		r->fl = shape(b, NULL, xml_prop(n, "footer-left"), st, w - 90, PANGO_ALIGN_LEFT, 0, src);
	if (xml_prop(n, "marker")) {
		style ms = *st;
		ms.bold = 1;
		ms.size = 9;
		ms.rgb = 0xb3261e;
		r->mk = shape(b, NULL, xml_prop(n, "marker"), &ms, 120,
		    PANGO_ALIGN_CENTER, 0, src);
	}
	return r;
}

/* Running header and footer of every page, with "Page X of Y": artifacts,
 * not content. */
static void
running(pager *pg, builder *b)
{
	GHashTable *cache[2];
	guint n = pg->doc->pages->len;

	for (int k = 0; k < 2; k++)
		cache[k] = g_hash_table_new_full(g_direct_hash, g_direct_equal,
		    NULL, g_free);
	for (guint i = 0; i < n; i++) {
		const xmlNode *spec = pg->runnings->pdata[i];
		pg->page = pg->doc->pages->pdata[i];
		int land = pg->page->landscape;
		double w = text_width(land), half = w / 2 - 6;
		double bottom = text_bottom(land);
		running_texts *r = g_hash_table_lookup(cache[land], spec);
		if (r == NULL) {
			r = running_for(b, spec, w);
			g_hash_table_insert(cache[land], (gpointer)spec, r);
		}
		double hy = MARGIN_T - 30;
		double lx = MARGIN_L;
		if (pg->doc->logo != NULL) {
			ts_item logo = { .kind = ITEM_IMAGE, .x = MARGIN_L,
				.image = pg->doc->logo };
			brand_fit(pg->doc->logo, 80, 16, &logo.w, &logo.h);
			logo.y = MARGIN_T - 20 - logo.h;
			put_item(pg, &logo);
			lx += logo.w + 6;
		}
		if (r->hl)
			put_text(pg, r->hl, 0, 1, lx, hy, 0);
		if (r->hr)
			put_text(pg, r->hr, 0, 1, MARGIN_L + w - half, hy, 0);
		if (r->mk)
			put_text(pg, r->mk, 0, 1, MARGIN_L + w / 2 - 60,
			    hy - 1, 0);
		put_rule(pg, MARGIN_L, MARGIN_T - 16, w, 0.5,
		    pg->doc->accented ? pg->doc->accent : RULE_RGB, 0);
		double fy = bottom + 22;
		put_rule(pg, MARGIN_L, bottom + 14, w, 0.5, RULE_RGB, 0);
		if (r->fl)
			put_text(pg, r->fl, 0, 1, MARGIN_L, fy, 0);
		char *num = brand_page_label(pg->doc, i + 1, n);
		ts_text *pn = shape(b, NULL, num, &styles[ST_RUNNING], 90,
		    PANGO_ALIGN_RIGHT, 0, xml_prop(spec, "src"));
		g_free(num);
		put_text(pg, pn, 0, 1, MARGIN_L + w - 90, fy, 0);
	}
	for (int k = 0; k < 2; k++)
		g_hash_table_destroy(cache[k]);
}

/* ---- links ----------------------------------------------------------------- */

/* Named destinations must exist once; links to unknown ones are dropped
 * with a warning, since cairo would write them dead. */
static void
check_links(ts_doc *doc, const char *where)
{
	GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < doc->texts->len; i++) {
		ts_text *t = doc->texts->pdata[i];
		for (guint k = 0; t->anchors != NULL && k < t->anchors->len;
		    k++) {
			ts_anchor *a = &g_array_index(t->anchors, ts_anchor, k);
			if (g_hash_table_contains(names, a->name)) {
				diag_src(DIAG_WARNING, t->src, where,
				    "a second link target named '%s' is ignored",
				    a->name);
				g_free(a->name);
				a->name = NULL;
				continue;
			}
			g_hash_table_add(names, a->name);
		}
	}
	for (guint i = 0; i < doc->texts->len; i++) {
		ts_text *t = doc->texts->pdata[i];
		for (guint k = 0; t->links != NULL && k < t->links->len; k++) {
			ts_link *l = &g_array_index(t->links, ts_link, k);
			if (l->dest != NULL &&
			    !g_hash_table_contains(names, l->dest)) {
				diag_src(DIAG_WARNING, t->src, where,
				    "link to '%s', which is not in this document",
				    l->dest);
				g_free(l->dest);
				l->dest = NULL;
			}
		}
	}
	/* bookmarks without a target (a part without headings) go too */
	for (guint i = 0; i < doc->outline->len; i++) {
		ts_outline *o = &g_array_index(doc->outline, ts_outline, i);
		if (o->dest != NULL && !g_hash_table_contains(names, o->dest)) {
			g_free(o->dest);
			o->dest = NULL;
		}
	}
	g_hash_table_destroy(names);
}

/* ---- entry points ----------------------------------------------------------- */

static void
free_table(table *tb)
{
	GPtrArray *both[] = { tb->head, tb->body };

	for (size_t k = 0; k < 2; k++) {
		for (guint i = 0; i < both[k]->len; i++) {
			row *r = both[k]->pdata[i];
			for (guint c = 0; c < r->cells->len; c++) {
				cell *ce = r->cells->pdata[c];
				g_array_free(ce->lines, TRUE);
				g_free(ce->tags);
				g_free(ce);
			}
			g_ptr_array_free(r->cells, TRUE);
			g_free(r);
		}
		g_ptr_array_free(both[k], TRUE);
	}
	g_free(tb);
}

static char *
dup_prop(const xmlNode *n, const char *name)
{
	return g_strdup(xml_prop(n, name));
}

ts_doc *
typeset(xmlDocPtr layout, PangoContext *ctx)
{
	xmlNode *root = xmlDocGetRootElement(layout);
	ts_doc *doc = g_new0(ts_doc, 1);
	builder b = { .ctx = ctx, .doc = doc, .where = layout->URL ?
		(const char *)layout->URL : "layout", .text_w = text_width(0) };
	flow f = { .b = &b };
	pager pg = { .doc = doc, .running = root };
	int headings = 0;

	doc->pages = g_ptr_array_new();
	doc->opens = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);
	doc->strings = g_string_chunk_new(4096);
	doc->shaped = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
	    (GDestroyNotify)g_bytes_unref, NULL);
	doc->texts = g_ptr_array_new_with_free_func(ts_text_free);
	doc->outline = g_array_new(FALSE, TRUE, sizeof(ts_outline));
	doc->title = dup_prop(root, "title");
	doc->author = dup_prop(root, "author");
	doc->subject = dup_prop(root, "subject");
	doc->keywords = dup_prop(root, "keywords");
	doc->lang = dup_prop(root, "lang");
	shape_set_language(doc->lang);
	if (brand_layout(doc, root, b.where) != 0)
		b.failed = 1;
	pg.runnings = g_ptr_array_new();

	f.heading_ids = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    NULL, g_free);
	name_headings(&f, root, NULL, &headings);
	f.blocks = g_array_new(FALSE, TRUE, sizeof(block));
	build_blocks(&f, root);
	paginate(&pg, f.blocks, &b);
	toc_numbers(&pg, f.blocks, &b);
	running(&pg, &b);
	check_links(doc, b.where);
	for (guint i = 0; i < f.blocks->len; i++) {
		block *blk = &g_array_index(f.blocks, block, i);
		if (blk->kind == BLK_TABLE)
			free_table(blk->tb);
		else if (blk->kind == BLK_FIGURE)
			figure_free(blk->fig);
	}
	g_array_free(f.blocks, TRUE);
	g_hash_table_destroy(f.heading_ids);
	g_hash_table_destroy(doc->shaped);
	doc->shaped = NULL;
	g_ptr_array_free(pg.runnings, TRUE);
	if (b.failed) {
		ts_doc_free(doc);
		return NULL;
	}
	return doc;
}

void
ts_doc_free(ts_doc *doc)
{
	if (doc == NULL)
		return;
	for (guint i = 0; i < doc->pages->len; i++) {
		ts_page *p = doc->pages->pdata[i];
		if (p->items != NULL)        /* painted: freed already */
			g_array_free(p->items, TRUE);
		g_free(p);
	}
	for (guint i = 0; i < doc->outline->len; i++) {
		g_free(g_array_index(doc->outline, ts_outline, i).title);
		g_free(g_array_index(doc->outline, ts_outline, i).dest);
	}
	g_array_free(doc->outline, TRUE);
	g_ptr_array_free(doc->pages, TRUE);
	g_hash_table_destroy(doc->opens);
	g_string_chunk_free(doc->strings);
	if (doc->shaped != NULL)
		g_hash_table_destroy(doc->shaped);
	g_ptr_array_free(doc->texts, TRUE);
	g_free(doc->title);
	g_free(doc->author);
	g_free(doc->subject);
	g_free(doc->keywords);
	g_free(doc->lang);
	image_free(doc->logo);
	image_free(doc->logo_block);
	g_free(doc->page_label);
	g_free(doc->continued);
	g_free(doc);
}

void
ts_dump(const ts_doc *doc, GString *out)
{
	static const char *const kinds[] = { "text", "fill", "rule", "image" };

	for (guint i = 0; i < doc->outline->len; i++) {
		const ts_outline *o = &g_array_index(doc->outline, ts_outline, i);
		g_string_append_printf(out, "outline %d \"%s\" -> %s\n", o->level,
		    o->title, o->dest ? o->dest : "(none)");
	}
	for (guint i = 0; i < doc->pages->len; i++) {
		const ts_page *p = doc->pages->pdata[i];
		g_string_append_printf(out, "page %u%s\n", i + 1,
		    p->landscape ? " landscape" : "");
		for (guint k = 0; k < p->items->len; k++) {
			const ts_item *it = &g_array_index(p->items, ts_item, k);
			g_string_append_printf(out, "  %s %.2f %.2f %.2f %.2f",
			    kinds[it->kind], it->x, it->y, it->w, it->h);
			if (it->kind == ITEM_TEXT) {
				const ts_line *l = &it->text->lines[it->first];
				g_string_append_printf(out, " lines %d+%d \"%.*s\"",
				    it->first, it->count, l->length,
				    it->text->text + l->start);
				if (!it->tagged)
					g_string_append(out, " artifact");
			}
			for (int j = 0; j < it->nopen; j++)
				g_string_append_printf(out, " <%s", it->open[j]);
			if (it->close > 0)
				g_string_append_printf(out, " >%d", it->close);
			g_string_append_c(out, '\n');
		}
	}
}
