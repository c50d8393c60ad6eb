/* diag: counting emitter of file:line:col diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* a source text and the offsets of its line starts, made at the first
 * diagnostic that needs them */
typedef struct {
	GBytes *text;
	GArray *lines;          /* size_t: offset of line n + 1 at [n] */
} source;

static GHashTable *sources;     /* name -> source */
static int counts[DIAG_ERROR + 1];
static int quiet, strict;

static const char *const level_names[] = { "note", "warning", "error" };

static void
source_free(source *s)
{
	g_bytes_unref(s->text);
	if (s->lines != NULL)
		g_array_unref(s->lines);
	g_free(s);
}

void
diag_add_source(const char *name, GBytes *text)
{
	if (sources == NULL)
		sources = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, (GDestroyNotify)source_free);
	source *s = g_new0(source, 1);
	s->text = g_bytes_ref(text);
	g_hash_table_replace(sources, g_strdup(name), s);
}

void
diag_reset(void)
{
	if (sources != NULL)
		g_hash_table_remove_all(sources);
	memset(counts, 0, sizeof(counts));
}

void
diag_set_quiet(int q)
{
	quiet = q;
}

void
diag_set_strict(int s)
{
	strict = s;
}

int
diag_count(diag_level level)
{
	return counts[level];
}

/* whether a diagnostic of this level is counted but not printed */
static int
suppressed(diag_level level)
{
	return quiet && level < DIAG_ERROR && !(strict && level == DIAG_WARNING);
}

void
diag_count_add(diag_level level, int n)
{
	counts[level] += n;
}

static void
vemit(diag_level level, const char *file, long line, long col,
    const char *fmt, va_list ap)
{
	if (strict && level == DIAG_WARNING)
		level = DIAG_ERROR;
	counts[level]++;
	if (quiet && level < DIAG_ERROR)
		return;
	char *msg = g_strdup_vprintf(fmt, ap);
	if (file == NULL)
		fprintf(stderr, "ismsc: %s: %s\n", level_names[level], msg);
	else if (line <= 0)
		fprintf(stderr, "%s: %s: %s\n", file, level_names[level], msg);
	else if (col <= 0)
		fprintf(stderr, "%s:%ld: %s: %s\n", file, line,
		    level_names[level], msg);
	else
		fprintf(stderr, "%s:%ld:%ld: %s: %s\n", file, line, col,
		    level_names[level], msg);
	g_free(msg);
}

void
diag_at(diag_level level, const char *file, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(level, file, line, col, fmt, ap);
	va_end(ap);
}

/* The start of line `line` (1-based) of a source, or NULL. */
static const char *
line_start(source *src, long line)
{
	size_t len;
	const char *text = g_bytes_get_data(src->text, &len);

	if (src->lines == NULL) {
		src->lines = g_array_new(FALSE, FALSE, sizeof(size_t));
		size_t zero = 0;
		g_array_append_val(src->lines, zero);
		for (const char *p = text, *end = text + len;
		    (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
			size_t off = (size_t)(p + 1 - text);
			g_array_append_val(src->lines, off);
		}
	}
	if (line < 1 || (size_t)line > src->lines->len)
		return NULL;
	return text + g_array_index(src->lines, size_t, line - 1);
}

/* The end of the start tag that begins at tag (its '>'), skipping
 * quoted attribute values; or end. */
static const char *
tag_end(const char *tag, const char *end)
{
	char quote = 0;

	for (const char *p = tag; p < end; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p;
		}
	}
	return end;
}

static long
count_lines(const char *from, const char *to, long line)
{
	for (const char *p = from; p < to; p++)
		line += *p == '\n';
	return line;
}

/* The attribute named attr in the start tag [tag, gt), or NULL: names are
 * only looked for outside quoted values. */
static const char *
find_attr(const char *tag, const char *gt, const char *attr)
{
	size_t alen = strlen(attr);
	const char *p = tag + 1;

	while (p < gt && !g_ascii_isspace(*p) && *p != '/')
		p++;                    /* the element name */
	for (;;) {
		while (p < gt && g_ascii_isspace(*p))
			p++;
		if (p >= gt || *p == '/')
			return NULL;
		const char *name = p;
		while (p < gt && *p != '=' && !g_ascii_isspace(*p))
			p++;
		if ((size_t)(p - name) == alen && memcmp(name, attr, alen) == 0)
			return name;
		while (p < gt && *p != '"' && *p != '\'')
			p++;
		if (p >= gt)
			return NULL;
		char q = *p++;
		while (p < gt && *p != q)
			p++;
		p++;
	}
}

/* How many elements named like node end their start tag on node's line
 * before node does: libxml2 keeps only that line, so this tells same-name
 * elements on one line apart. */
static int
ordinal_on_line(const xmlNode *node, long line)
{
	int k = 0;
	const xmlNode *n = node;

	for (;;) {
		/* the previous node in document order */
		if (n->prev != NULL) {
			n = n->prev;
			while (n->type == XML_ELEMENT_NODE && n->last != NULL)
				n = n->last;
		} else if (n->parent != NULL &&
		    n->parent->type == XML_ELEMENT_NODE) {
			n = n->parent;
		} else {
			break;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		long l = xmlGetLineNo(n);
		if (l < line - 8)
			break;
		if (l == line && xmlStrEqual(n->name, node->name))
			k++;
	}
	return k;
}

/* Locate node's start tag, or attr within it, in the registered source
 * text: line and column (1-based; column in characters). Leaves *line as
 * libxml2's line and *col 0 when the text is unknown. */
static void
locate(const xmlNode *node, const char *attr, long *line, long *col)
{
	*line = node ? xmlGetLineNo(node) : 0;
	*col = 0;
	if (node == NULL || node->doc == NULL || node->doc->URL == NULL ||
	    sources == NULL || node->type != XML_ELEMENT_NODE || *line <= 0)
		return;
	source *src = g_hash_table_lookup(sources, node->doc->URL);
	if (src == NULL)
		return;
	size_t len;
	const char *text = g_bytes_get_data(src->text, &len);
	const char *end = text + len;
	/* libxml2 records the line where the start tag ends: scan a few
	 * lines before it for tags of this name ending on that line */
	long from = *line > 8 ? *line - 8 : 1;
	const char *p = line_start(src, from);
	if (p == NULL)
		return;
	char *open = g_strdup_printf("<%s", (const char *)node->name);
	size_t olen = strlen(open);
	int want = ordinal_on_line(node, *line);
	const char *tag = NULL, *gt = NULL;
	long l = from, tagline = 0;
	for (; p + olen <= end && l <= *line; p++) {
		if (*p == '\n') {
			l++;
			continue;
		}
		if (memcmp(p, open, olen) != 0 || (p + olen < end &&
		    !g_ascii_isspace(p[olen]) && p[olen] != '>' && p[olen] != '/'))
			continue;
		const char *e = tag_end(p, end);
		if (count_lines(p, e, l) == *line && want-- == 0) {
			tag = p;
			gt = e;
			tagline = l;
			break;
		}
	}
	g_free(open);
	if (tag == NULL)
		return;
	const char *at = tag;
	if (attr != NULL && (at = find_attr(tag, gt, attr)) == NULL)
		at = tag;
	const char *bol = at;
	while (bol > text && bol[-1] != '\n')
		bol--;
	*line = count_lines(tag, at, tagline);
	*col = g_utf8_pointer_to_offset(bol, at) + 1;
}

long
diag_column(const xmlNode *node, const char *attr)
{
	long line, col;

	locate(node, attr, &line, &col);
	return col;
}

void
diag_node(diag_level level, const xmlNode *node, const char *attr,
    const char *fmt, ...)
{
	va_list ap;
	long line, col;
	const char *file = node && node->doc ? (const char *)node->doc->URL :
	    NULL;

	if (suppressed(level)) {
		counts[level]++;
		return;
	}
	locate(node, attr, &line, &col);
	va_start(ap, fmt);
	vemit(level, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_src(diag_level level, const char *src, const char *fallback,
    const char *fmt, ...)
{
	va_list ap;
	char *file = NULL;
	long line = 0;
	const char *colon = src ? strrchr(src, ':') : NULL;

	if (colon != NULL && colon[1] != '\0') {
		file = g_strndup(src, (size_t)(colon - src));
		line = strtol(colon + 1, NULL, 10);
	}
	va_start(ap, fmt);
	vemit(level, file ? file : fallback, line, 0, fmt, ap);
	va_end(ap);
	g_free(file);
}

void
diag_xml_error(void *unused, xmlErrorPtr err)
{
	(void)unused;
	if (err == NULL || err->level == XML_ERR_NONE)
		return;
	diag_level level = err->level == XML_ERR_WARNING ? DIAG_WARNING :
	    DIAG_ERROR;
	char *msg = g_strchomp(g_strdup(err->message ? err->message : "?"));
	const xmlNode *node = err->node;
	if (err->domain == XML_FROM_RELAXNGV && node != NULL &&
	    node->type == XML_ELEMENT_NODE) {
		diag_node(level, node, NULL, "%s", msg);
	} else {
		long col = err->domain == XML_FROM_PARSER ? err->int2 : 0;
		diag_at(level, err->file, err->line, col, "%s", msg);
	}
	g_free(msg);
}
