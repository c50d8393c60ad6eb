/* diag: counting emitter of file:line:col diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static GHashTable *sources;     /* name -> GBytes */
static int counts[DIAG_ERROR + 1];
static int quiet, strict;

static const char *const level_names[] = { "note", "warning", "error" };

void
diag_add_source(const char *name, GBytes *text)
{
	if (sources == NULL)
		sources = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, (GDestroyNotify)g_bytes_unref);
	g_hash_table_replace(sources, g_strdup(name), g_bytes_ref(text));
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

/* The start of line `line` (1-based) in text, or NULL. */
static const char *
line_start(const char *text, size_t len, long line)
{
	const char *p = text, *end = text + len;

	for (long n = 1; n < line; n++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return NULL;
		p++;
	}
	return p;
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
	GBytes *b = g_hash_table_lookup(sources, node->doc->URL);
	if (b == NULL)
		return;
	size_t len;
	const char *text = g_bytes_get_data(b, &len);
	const char *end = text + len;
	/* libxml2 records the line where the start tag ends: look back a few
	 * lines for the tag's opening. */
	char *open = g_strdup_printf("<%s", (const char *)node->name);
	size_t olen = strlen(open);
	const char *tag = NULL;
	long tagline = 0;
	for (long l = *line; l > 0 && l > *line - 8 && tag == NULL; l--) {
		const char *ls = line_start(text, len, l);
		if (ls == NULL)
			break;
		const char *le = memchr(ls, '\n', (size_t)(end - ls));
		if (le == NULL)
			le = end;
		for (const char *p = ls; p + olen <= le; p++) {
			if (memcmp(p, open, olen) != 0)
				continue;
			char c = p + olen < end ? p[olen] : '>';
			if (c == ' ' || c == '>' || c == '/' || c == '\t' ||
			    c == '\n' || c == '\r') {
				tag = p;
				tagline = l;
				break;
			}
		}
	}
	g_free(open);
	if (tag == NULL)
		return;
	const char *at = tag;
	long atline = tagline;
	if (attr != NULL) {
		size_t alen = strlen(attr);
		const char *gt = memchr(tag, '>', (size_t)(end - tag));
		if (gt == NULL)
			gt = end;
		for (const char *p = tag + 1; p + alen < gt; p++) {
			if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
			    p[-1] == '\r') && memcmp(p, attr, alen) == 0 &&
			    (p[alen] == '=' || p[alen] == ' ')) {
				at = p;
				break;
			}
		}
		for (const char *p = tag; p < at; p++)
			if (*p == '\n')
				atline++;
	}
	const char *bol = at;
	while (bol > text && bol[-1] != '\n')
		bol--;
	*line = atline;
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
