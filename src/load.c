/* load: secure parse and RELAX NG validation (rng.h) of source files. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "diag.h"
#include "load.h"
#include "rng.h"
#include "strv.h"

#define MIB (1024 * 1024)
#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"
#define XINCLUDE_OLD_NS "http://www.w3.org/2003/XInclude"

int
load_parse_options(void)
{
	/* No NOENT, no DTDLOAD, no HUGE: entities stay unexpanded, nothing
	 * outside the file is read, expansion bombs are refused. The guard
	 * below refuses document type declarations outright. Encoding
	 * declarations are ignored: every file is read as UTF-8. */
	return XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |
	    XML_PARSE_IGNORE_ENC;
}

/* ---- the parse guard --------------------------------------------------- */

/* SAX callbacks wrapped to enforce the limits while parsing: a hostile
 * document stops at its first violation, before anything in it is acted
 * on. The guard rides in the parser context's _private. */
typedef struct guard {
	const char *name;
	long elements;             /* budget left */
	int depth;
	size_t text;               /* bytes in the current text run */
	long text_line, text_col;  /* where it began */
	int stopped;               /* a limit was hit (reported) */
} guard;

static long element_budget = LOAD_MAX_ELEMENTS;

/* Characters (not bytes) in [from, to) of UTF-8 text. */
static long
utf8_chars(const xmlChar *from, const xmlChar *to)
{
	long n = 0;

	for (const xmlChar *p = from; p < to; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* Line and column (in characters, 0 when unknown) of p, a point at or
 * before the parser's current position in its input buffer. */
static void
position(xmlParserCtxtPtr ctxt, const xmlChar *p, long *line, long *col)
{
	xmlParserInputPtr in = ctxt->input;
	const xmlChar *cur = in->cur;
	long nl = 0;

	if (p < in->base || p > cur)
		p = cur;
	for (const xmlChar *q = p; q < cur; q++)
		nl += *q == '\n';
	*line = in->line - nl;
	if (nl == 0) {
		*col = in->col - utf8_chars(p, cur);
		return;
	}
	const xmlChar *bol = p;
	while (bol > in->base && bol[-1] != '\n')
		bol--;
	*col = bol > in->base || in->consumed == 0 ?
	    utf8_chars(bol, p) + 1 : 0;
}

/* The start of the last occurrence of s before the parser's position. */
static const xmlChar *
back_to(xmlParserCtxtPtr ctxt, const char *s)
{
	size_t n = strlen(s);
	const xmlChar *base = ctxt->input->base, *cur = ctxt->input->cur;

	for (size_t k = 0; k <= (size_t)(cur - base); k++) {
		const xmlChar *p = cur - k;
		if ((size_t)(ctxt->input->end - p) >= n && memcmp(p, s, n) == 0)
			return p;
	}
	return cur;
}

/* Report at `at` (NULL: the start tag being parsed) and stop parsing. */
static void G_GNUC_PRINTF(3, 4)
refuse(xmlParserCtxtPtr ctxt, const xmlChar *at, const char *fmt, ...)
{
	guard *g = ctxt->_private;
	long line, col;
	va_list ap;

	position(ctxt, at != NULL ? at : back_to(ctxt, "<"), &line, &col);
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_at(DIAG_ERROR, g->name, line, col, "%s", msg);
	g_free(msg);
	g->stopped = 1;
	xmlStopParser(ctxt);
	ctxt->wellFormed = 0;
}

/* Called at <!DOCTYPE name ...>, before its internal subset is read and
 * before an external one would be fetched. */
static void
guard_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
    const xmlChar *system_id)
{
	(void)name;
	(void)public_id;
	(void)system_id;
	refuse(ctx, back_to(ctx, "<!DOCTYPE"),
	    "a document type declaration is not allowed (ismsc reads no "
	    "DTDs and expands no entities)");
}

/* A text run ends at any markup; the next begins where the parser is. */
static void
text_break(xmlParserCtxtPtr ctxt)
{
	guard *g = ctxt->_private;

	g->text = 0;
	position(ctxt, ctxt->input->cur, &g->text_line, &g->text_col);
}

static void
guard_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	guard *g = ctxt->_private;

	if (++g->depth > LOAD_MAX_DEPTH) {
		refuse(ctxt, NULL, "elements are nested deeper than the limit "
		    "of %d levels", LOAD_MAX_DEPTH);
		return;
	}
	if (--g->elements < 0) {
		refuse(ctxt, NULL, "more elements than the limit of %d",
		    LOAD_MAX_ELEMENTS);
		return;
	}
	if (uri != NULL && (xmlStrEqual(uri, BAD_CAST XINCLUDE_NS) ||
	    xmlStrEqual(uri, BAD_CAST XINCLUDE_OLD_NS))) {
		refuse(ctxt, NULL, "XInclude is not supported: <%s%s%s> "
		    "includes nothing", prefix ? (const char *)prefix : "",
		    prefix ? ":" : "", local);
		return;
	}
	for (int i = 0; i < nns; i++) {
		const xmlChar *v = ns[2 * i + 1];
		if (v != NULL && strlen((const char *)v) > LOAD_MAX_ATTR) {
			refuse(ctxt, NULL, "a namespace name is longer than "
			    "the limit of %d KiB", LOAD_MAX_ATTR / 1024);
			return;
		}
	}
	for (int i = 0; i < nattrs; i++) {
		const xmlChar *v = attrs[5 * i + 3], *end = attrs[5 * i + 4];
		if (end - v > LOAD_MAX_ATTR) {
			refuse(ctxt, NULL, "attribute '%s' is longer than the "
			    "limit of %d KiB", attrs[5 * i],
			    LOAD_MAX_ATTR / 1024);
			return;
		}
	}
	xmlSAX2StartElementNs(ctx, local, prefix, uri, nns, ns, nattrs,
	    ndefaulted, attrs);
	text_break(ctxt);
	g->text_col++;             /* past the '>' */
}

static void
guard_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	guard *g = ctxt->_private;

	g->depth--;
	xmlSAX2EndElementNs(ctx, local, prefix, uri);
	text_break(ctxt);
}

static void
guard_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	guard *g = ctxt->_private;

	g->text += (size_t)len;
	if (g->text > LOAD_MAX_TEXT) {
		diag_at(DIAG_ERROR, g->name, g->text_line, g->text_col,
		    "a text is longer than the limit of %d MiB",
		    LOAD_MAX_TEXT / MIB);
		g->stopped = 1;
		xmlStopParser(ctxt);
		ctxt->wellFormed = 0;
		return;
	}
	xmlSAX2Characters(ctx, ch, len);
}

static void
guard_comment(void *ctx, const xmlChar *value)
{
	xmlSAX2Comment(ctx, value);
	text_break(ctx);
}

static void
guard_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlSAX2ProcessingInstruction(ctx, target, data);
	text_break(ctx);
}

/* libxml2's own parse errors: one line each, in ismsc's words where
 * libxml2's would mislead (it suggests options ismsc does not offer). */
static void
guard_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	guard *g = ctxt != NULL ? ctxt->_private : NULL;

	if (err == NULL || err->level == XML_ERR_NONE)
		return;
	diag_level level = err->level == XML_ERR_WARNING ? DIAG_WARNING :
	    DIAG_ERROR;
	const char *file = err->file != NULL ? err->file :
	    g != NULL ? g->name : NULL;
	const char *m = err->message != NULL ? err->message : "?";
	char *msg;
	if (g_str_has_prefix(m, "Input is not proper UTF-8")) {
		const char *bytes = strstr(m, "Bytes: ");
		char *b = g_strstrip(g_strdup(bytes != NULL ? bytes + 7 :
		    "?"));
		msg = g_strdup_printf("the file is not valid UTF-8 (bytes %s)",
		    b);
		g_free(b);
	} else {
		msg = g_strdup(m);
	}
	g_strchomp(msg);
	g_strdelimit(msg, "\n", ' ');
	diag_at(level, file, err->line, err->int2, "%s", msg);
	g_free(msg);
}

static xmlDocPtr
parse(const char *data, size_t len, const char *name, xmlDictPtr dict)
{
	if (len > LOAD_MAX_FILE) {
		diag_at(DIAG_ERROR, name, 0, 0,
		    "the file is %zu bytes, larger than the limit of %d MiB",
		    len, LOAD_MAX_FILE / MIB);
		return NULL;
	}
	if (len >= 2 && (((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF) ||
	    ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE))) {
		diag_at(DIAG_ERROR, name, 1, 1,
		    "the file is UTF-16; sources must be UTF-8");
		return NULL;
	}
	GBytes *text = g_bytes_new(data, len);
	diag_add_source(name, text);
	g_bytes_unref(text);

	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		diag_at(DIAG_ERROR, name, 0, 0, "out of memory");
		return NULL;
	}
	guard g = { .name = name, .elements = element_budget, .text_line = 1,
	    .text_col = 1 };
	ctxt->_private = &g;
	xmlSAXHandlerPtr sax = ctxt->sax;
	sax->internalSubset = guard_doctype;
	sax->startElementNs = guard_start;
	sax->endElementNs = guard_end;
	sax->characters = guard_characters;
	sax->ignorableWhitespace = guard_characters;
	sax->comment = guard_comment;
	sax->processingInstruction = guard_pi;
	sax->serror = guard_error;
	if (dict != NULL) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8",
	    load_parse_options());
	if (doc != NULL && (g.stopped || doc->intSubset != NULL ||
	    doc->extSubset != NULL)) {
		if (!g.stopped)
			diag_at(DIAG_ERROR, name, 1, 1,
			    "a document type declaration is not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	element_budget = g.elements < 0 ? 0 : g.elements;
	xmlFreeParserCtxt(ctxt);
	return doc;
}

xmlDocPtr
load_memory(const char *data, size_t len, const char *name)
{
	element_budget = LOAD_MAX_ELEMENTS;
	return parse(data, len, name, NULL);
}

/* Read a regular file of at most limit bytes into *data. Returns its
 * length, or -1 after reporting. */
static gssize
slurp(const char *path, const char *name, size_t limit, char **data)
{
	/* Look before reading: only a regular file within the size limit is
	 * read (a FIFO would block, a device never end). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	*data = NULL;
	if (fd < 0) {
		diag_at(DIAG_ERROR, name, 0, 0, "cannot open: %s",
		    g_strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_at(DIAG_ERROR, name, 0, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > limit) {
		diag_at(DIAG_ERROR, name, 0, 0,
		    "the file is %jd bytes, larger than the limit of %zu MiB",
		    (intmax_t)st.st_size, limit / MIB);
		close(fd);
		return -1;
	}
	size_t len = 0, cap = (size_t)st.st_size + 1;
	char *buf = g_malloc(cap);
	ssize_t n;
	while (len < cap && (n = read(fd, buf + len, cap - len)) > 0)
		len += (size_t)n;
	int e = errno;
	close(fd);
	if (len == cap) {
		diag_at(DIAG_ERROR, name, 0, 0,
		    "the file grew while it was read");
	} else if (n < 0) {
		diag_at(DIAG_ERROR, name, 0, 0, "cannot read: %s",
		    g_strerror(e));
	} else {
		*data = buf;
		return (gssize)len;
	}
	g_free(buf);
	return -1;
}

xmlDocPtr
load_file_dict(const char *path, const char *name, xmlDictPtr dict)
{
	char *data;
	gssize len = slurp(path, name, LOAD_MAX_FILE, &data);

	if (len < 0)
		return NULL;
	element_budget = LOAD_MAX_ELEMENTS;
	xmlDocPtr doc = parse(data, (size_t)len, name, dict);
	g_free(data);
	return doc;
}

xmlDocPtr
load_file(const char *path, const char *name)
{
	return load_file_dict(path, name, NULL);
}

/* ---- the source folder ------------------------------------------------- */

/* Collect *.xml paths under root/rel into out, recursively. A folder
 * that cannot be read is reported when report is set; returns -1 when
 * there was one below root, -2 when root itself cannot be read. */
static int
collect(const char *root, const char *rel, const char *skip, int report,
    int all, GPtrArray *out)
{
	char *path = rel[0] ? g_build_filename(root, rel, NULL) :
	    g_strdup(root);
	GError *err = NULL;
	GDir *d = g_dir_open(path, 0, &err);

	if (d == NULL) {
		if (report)
			diag_at(DIAG_ERROR, path, 0, 0, "%s", err->message);
		g_error_free(err);
		g_free(path);
		return rel[0] ? -1 : -2;
	}
	const char *e;
	int rc = 0;
	while ((e = g_dir_read_name(d)) != NULL) {
		if (e[0] == '.')
			continue;
		char *full = g_build_filename(path, e, NULL);
		char *erel = rel[0] ? g_build_filename(rel, e, NULL) :
		    g_strdup(e);
		/* a linked folder is not followed: it could loop, or lead
		 * out of the source tree */
		if (g_file_test(full, G_FILE_TEST_IS_SYMLINK) &&
		    g_file_test(full, G_FILE_TEST_IS_DIR)) {
			;
		} else if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
			int same = 0;
			if (skip != NULL) {
				char *a = realpath(full, NULL);
				char *b = realpath(skip, NULL);
				same = a && b && strcmp(a, b) == 0;
				free(a);
				free(b);
			}
			if (!same && collect(root, erel, skip, report, all,
			    out) != 0)
				rc = -1;
		} else if (g_str_has_suffix(e, ".xml") || (all &&
		    g_file_test(full, G_FILE_TEST_IS_REGULAR))) {
			g_ptr_array_add(out, g_strdup(erel));
		}
		g_free(full);
		g_free(erel);
	}
	g_dir_close(d);
	g_free(path);
	return rc;
}

GPtrArray *
load_list(const char *dir, const char *skip, int all)
{
	GPtrArray *rels = g_ptr_array_new_with_free_func(g_free);

	if (!g_file_test(dir, G_FILE_TEST_IS_DIR) ||
	    collect(dir, "", skip, 0, all, rels) != 0) {
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	g_ptr_array_sort(rels, strv_compare);
	return rels;
}

static void
source_file_free(gpointer p)
{
	source_file *f = p;

	xmlFreeDoc(f->doc);
	g_free(f->name);
	g_free(f);
}

/* The file a source path names: itself, or for a link the file it leads
 * to when that lies inside the folder root (real path); else NULL after
 * reporting. */
static char *
source_target(const char *path, const char *name, const char *root)
{
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
		return g_strdup(path);
	char *real = realpath(path, NULL);
	size_t n = root != NULL ? strlen(root) : 0;
	if (real != NULL && root != NULL && strncmp(real, root, n) == 0 &&
	    real[n] == '/') {
		char *r = g_strdup(real);
		free(real);
		return r;
	}
	free(real);
	diag_at(DIAG_ERROR, name, 0, 0, "a link to a file outside the source "
	    "folder is not followed");
	return NULL;
}

source_set *
load_sources(const char *dir, const char *schema, const char *skip)
{
	GPtrArray *rels = g_ptr_array_new_with_free_func(g_free);

	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		diag_at(DIAG_ERROR, dir, 0, 0, "not a folder");
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	if (collect(dir, "", skip, 1, 0, rels) == -2) {
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	g_ptr_array_sort(rels, strv_compare);

	rng *r = rng_load(schema);
	if (r == NULL) {
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}

	source_set *set = g_new0(source_set, 1);
	set->dir = g_strdup(dir);
	set->files = g_ptr_array_new_with_free_func(source_file_free);
	char *root = realpath(dir, NULL);
	size_t total = 0;
	int over = 0;
	element_budget = LOAD_MAX_ELEMENTS;
	for (guint i = 0; i < rels->len; i++) {
		const char *rel = rels->pdata[i];
		source_file *f = g_new0(source_file, 1);
		char *path = g_build_filename(dir, rel, NULL);
		f->name = strcmp(dir, ".") == 0 ? g_strdup(rel) :
		    g_strdup(path);
		g_ptr_array_add(set->files, f);
		char *target = source_target(path, f->name, root);
		g_free(path);
		if (target == NULL || over)
			goto next;
		/* the folder's budget: what is left of LOAD_MAX_TOTAL */
		char *data;
		gssize len = slurp(target, f->name, LOAD_MAX_FILE, &data);
		if (len < 0)
			goto next;
		total += (size_t)len;
		if (total > LOAD_MAX_TOTAL) {
			diag_at(DIAG_ERROR, f->name, 0, 0, "the sources are "
			    "larger than the limit of %d MiB together; "
			    "this file and those after it are not read",
			    LOAD_MAX_TOTAL / MIB);
			over = 1;
			g_free(data);
			goto next;
		}
		f->doc = parse(data, (size_t)len, f->name, NULL);
		g_free(data);
		if (f->doc != NULL)
			f->valid = rng_validate(r, f->doc) == 0;
next:
		g_free(target);
	}
	free(root);
	element_budget = LOAD_MAX_ELEMENTS;
	rng_free(r);
	g_ptr_array_free(rels, TRUE);
	return set;
}

void
source_set_free(source_set *set)
{
	if (set == NULL)
		return;
	g_ptr_array_free(set->files, TRUE);
	g_free(set->dir);
	g_free(set);
}
