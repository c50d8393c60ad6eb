/* transform: libxslt, locked down. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "diag.h"
#include "files.h"
#include "load.h"
#include "strv.h"
#include "state.h"
#include "transform.h"

struct transform {
	GPtrArray *dirs;           /* absolute stylesheet folders: the user's
	                            * (transform_set_user_dir), then the
	                            * installed one */
	GHashTable *sheets;        /* kind -> xsltStylesheetPtr */
	unsigned long ops, xpath_ops;
};

/* libxslt's loader and default security preferences are process-wide:
 * one set serves every live transform. The file-read check asks which
 * transform is at work: the one compiling (imports are checked with no
 * transform context) or the one whose context is running. */
static xsltSecurityPrefsPtr prefs;
static int live;                     /* transforms not yet freed */
static const transform *compiling;

/* What libxslt printed: a location it announced for the lines that
 * follow, and counts the caller compares before and after a run. */
static struct {
	GString *buf;
	const char *sheet;          /* for messages without a location */
	char *file;                 /* the location last announced */
	long line;
	long reported;              /* messages printed */
	long errors;                /* of them, announced as errors */
	int recursion;              /* libxslt began its recursion message */
	int quiet;                  /* a limit was reported: the rest of the
	                             * run's messages are libxslt's dumps */
} msg;

/* ---- reading files ------------------------------------------------------ */

/* The transform a check or a load is for. */
static const transform *
at_work(void *ctxt, int is_transform)
{
	if (is_transform && ctxt != NULL)
		return ((xsltTransformContextPtr)ctxt)->_private;
	return compiling;
}

/* The user's stylesheet folder (real path), or NULL. */
static char *user_dir;

/* The part of path after dir and a slash when path lies inside dir (real
 * paths both), else NULL. */
static const char *
below(const char *dir, const char *real)
{
	size_t n = strlen(dir);

	return strncmp(real, dir, n) == 0 && real[n] == '/' ? real + n + 1 :
	    NULL;
}

/* The real path of path; for a file that does not exist, the real path
 * of its nearest existing folder with the rest of path appended (no "."
 * or ".." in the rest). NULL when that cannot be found. */
static char *
real_or_missing(const char *path)
{
	char *real = realpath(path, NULL);

	if (real != NULL) {
		char *r = g_strdup(real);
		free(real);
		return r;
	}
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	char *r = NULL;
	if (strcmp(dir, path) != 0 && strcmp(base, "..") != 0 &&
	    strcmp(base, ".") != 0 && strcmp(base, "/") != 0) {
		char *rd = real_or_missing(dir);
		if (rd != NULL)
			r = g_build_filename(rd, base, NULL);
		g_free(rd);
	}
	g_free(dir);
	g_free(base);
	return r;
}

/* The file path names, looked up in t's folders in order: when path lies
 * inside one of them (links resolved), the real path of the first file
 * at the same place below a folder, which lies inside that folder. So a
 * file of the user's folder replaces the installed file it is named
 * after, for every stylesheet. NULL when path is outside them all. */
static char *
inside(const transform *t, const char *path)
{
	if (t == NULL || path == NULL)
		return NULL;
	char *real = real_or_missing(path);
	const char *rel = NULL;
	char *found = NULL;

	for (guint i = 0; real != NULL && rel == NULL && i < t->dirs->len; i++)
		rel = below(t->dirs->pdata[i], real);
	for (guint i = 0; rel != NULL && found == NULL && i < t->dirs->len;
	    i++) {
		char *cand = g_build_filename(t->dirs->pdata[i], rel, NULL);
		char *r = realpath(cand, NULL);
		if (r != NULL && below(t->dirs->pdata[i], r) != NULL)
			found = g_strdup(r);
		free(r);
		g_free(cand);
	}
	g_free(real);
	return found;
}

/* The local file a URI names (file: or no scheme, no host but
 * localhost), or NULL. */
static char *
local_path(const char *uri)
{
	xmlURIPtr u = xmlParseURI(uri);
	char *path = NULL;

	if (u == NULL)
		return NULL;
	if ((u->scheme == NULL || strcmp(u->scheme, "file") == 0) &&
	    (u->server == NULL || u->server[0] == '\0' ||
	    strcmp(u->server, "localhost") == 0) && u->path != NULL &&
	    u->query == NULL && u->query_raw == NULL)
		path = g_strdup(u->path);
	xmlFreeURI(u);
	return path;
}

/* libxslt's loader (used for xsl:import, xsl:include and document())
 * parses with NOENT|DTDLOAD. This one checks again that the file lies
 * inside a stylesheet folder, takes the user's file in its place when
 * there is one, and parses it with load.c's guard. */
static xmlDocPtr
guarded_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	(void)options;
	char *path = local_path((const char *)uri);
	char *real = inside(at_work(ctxt, type == XSLT_LOAD_DOCUMENT), path);
	xmlDocPtr doc = NULL;

	if (real == NULL) {
		msg.reported++;
		msg.errors++;
		diag_at(DIAG_ERROR, msg.sheet, 0, 0, "reading %s is not allowed "
		    "(stylesheets read only files in their folder)", uri);
	} else {
		doc = load_file_dict(real, (const char *)uri, dict);
		if (doc == NULL) {
			msg.reported++;
			msg.errors++;
		}
	}
	g_free(real);
	g_free(path);
	return doc;
}

/* Stylesheets read files (xsl:import, xsl:include, document()) only from
 * inside the stylesheet folders, links resolved. */
static int
read_file_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	char *real = inside(at_work(ctxt, 1), value);
	int ok = real != NULL;

	g_free(real);
	return ok;
}

/* ---- messages ----------------------------------------------------------- */

/* "runtime error: file F line N element E" and its shorter forms: libxslt
 * announcing where the next lines are about. */
static int
announcement(const char *s)
{
	static const char *const kinds[] = { "runtime error",
		"compilation error", "runtime warning", "compilation warning",
		"error", "warning" };
	size_t n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(kinds) && n == 0; i++)
		if (g_str_has_prefix(s, kinds[i]))
			n = strlen(kinds[i]);
	if (n == 0 || (s[n] != '\0' && strncmp(s + n, ": file ", 7) != 0 &&
	    strncmp(s + n, ": element ", 10) != 0))
		return 0;
	g_free(msg.file);
	msg.file = NULL;
	msg.line = 0;
	const char *f = strstr(s + n, ": file ");
	if (f != NULL) {
		f += 7;
		const char *end = strstr(f, " line ");
		if (end == NULL)
			end = strstr(f, " element ");
		msg.file = end ? g_strndup(f, (gsize)(end - f)) : g_strdup(f);
		const char *l = strstr(f, " line ");
		if (l != NULL)
			msg.line = strtol(l + 6, NULL, 10);
	}
	const char *e = strstr(s, "error");
	if (e != NULL && e < s + n)
		msg.errors++;
	return 1;
}

static void
emit(const char *line)
{
	/* libxslt's limit messages name xsltproc's options and are followed
	 * by a dump of the template and variable stacks: ismsc says it in
	 * its own words (transform.h has the limits), once */
	if (msg.quiet)
		return;
	if (strstr(line, "potential infinite template recursion") != NULL) {
		msg.recursion = 1;
		return;
	}
	if (msg.recursion) {
		msg.recursion = 0;
		msg.quiet = 1;
		if (g_str_has_prefix(line, "You can adjust maxTemplateVars"))
			line = "more variables at once than the limit of "
			    G_STRINGIFY(TRANSFORM_MAX_VARS)
			    " (an endless recursion?)";
		else
			line = "templates are nested deeper than the limit of "
			    G_STRINGIFY(TRANSFORM_MAX_DEPTH)
			    " (an endless recursion?)";
	} else if (strstr(line, "Operation limit exceeded") != NULL) {
		msg.quiet = 1;
		line = "the stylesheet ran longer than its limit of "
		    "instructions (an endless loop?)";
	}
	msg.reported++;
	diag_at(DIAG_ERROR, msg.file != NULL ? msg.file : msg.sheet, msg.line,
	    0, "%s", line);
}

/* libxslt's messages, a line at a time. Every message counts as an error:
 * ismsc's stylesheets print nothing when all is well. */
static void
xslt_message(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	if (msg.buf == NULL)
		msg.buf = g_string_new(NULL);
	va_start(ap, fmt);
	g_string_append_vprintf(msg.buf, fmt, ap);
	va_end(ap);
	char *nl;
	while ((nl = strchr(msg.buf->str, '\n')) != NULL) {
		*nl = '\0';
		const char *s = msg.buf->str;
		if (s[0] != '\0' && !msg.quiet && !announcement(s))
			emit(s);
		g_string_erase(msg.buf, 0, (gssize)(nl - msg.buf->str + 1));
	}
}

/* XPath errors of a run (libxml2's, not libxslt's): at the location
 * libxslt last announced. */
static void
xpath_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	if (err == NULL || err->level == XML_ERR_NONE)
		return;
	msg.reported++;
	msg.errors++;
	char *m = err->message != NULL ? g_strchomp(g_strdup(err->message)) :
	    g_strdup_printf("error %d", err->code);
	if (msg.quiet) {
		;
	} else if (err->code == XML_XPATH_EXPRESSION_OK +
	    XPATH_OP_LIMIT_EXCEEDED) {
		msg.quiet = 1;
		diag_at(DIAG_ERROR, msg.sheet, 0, 0, "the stylesheet's XPath "
		    "expressions ran longer than their limit of steps (an "
		    "endless loop?)");
	} else
		diag_at(DIAG_ERROR, msg.file != NULL ? msg.file : msg.sheet,
		    msg.line, 0, "XPath: %s", m);
	g_free(m);
}

/* Start counting afresh for sheet. */
static void
messages_begin(const char *sheet)
{
	msg.sheet = sheet;
	msg.recursion = 0;
	msg.quiet = 0;
	g_free(msg.file);
	msg.file = NULL;
	msg.line = 0;
	if (msg.buf != NULL)
		g_string_truncate(msg.buf, 0);
}

/* ---- transforms --------------------------------------------------------- */

int
transform_set_user_dir(const char *dir)
{
	char *real = realpath(dir, NULL);

	g_free(user_dir);
	user_dir = NULL;
	if (real == NULL || !g_file_test(real, G_FILE_TEST_IS_DIR)) {
		free(real);
		return -1;
	}
	user_dir = g_strdup(real);
	free(real);
	return 0;
}

GPtrArray *
transform_dirs(const char *stylesheet_dir)
{
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	char *real = realpath(stylesheet_dir, NULL);

	if (user_dir != NULL)
		g_ptr_array_add(dirs, g_strdup(user_dir));
	g_ptr_array_add(dirs, g_strdup(real != NULL ? real : stylesheet_dir));
	free(real);
	return dirs;
}

transform *
transform_new(const char *stylesheet_dir)
{
	transform *t = g_new0(transform, 1);

	t->dirs = transform_dirs(stylesheet_dir);
	t->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)xsltFreeStylesheet);
	t->ops = TRANSFORM_MAX_OPS;
	t->xpath_ops = TRANSFORM_MAX_XPATH_OPS;
	if (live++ > 0)
		return t;
	exsltRegisterAll();
	xsltSetLoaderFunc(guarded_loader);
	prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, read_file_check);
	/* imports are resolved while compiling, under the defaults */
	xsltSetDefaultSecurityPrefs(prefs);
	xsltSetGenericErrorFunc(NULL, xslt_message);
	xsltMaxDepth = TRANSFORM_MAX_DEPTH;
	xsltMaxVars = TRANSFORM_MAX_VARS;
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	return t;
}

void
transform_free(transform *t)
{
	if (t == NULL)
		return;
	g_hash_table_destroy(t->sheets);
	g_ptr_array_free(t->dirs, TRUE);
	g_free(t);
	if (--live > 0)
		return;
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
	xsltSetLoaderFunc(NULL);
	messages_begin(NULL);
	if (msg.buf != NULL)
		g_string_free(msg.buf, TRUE);
	msg.buf = NULL;
}

void
transform_set_limits(transform *t, unsigned long ops, unsigned long xpath_ops)
{
	t->ops = ops;
	t->xpath_ops = xpath_ops;
}

static xsltStylesheetPtr
sheet(transform *t, const char *kind)
{
	xsltStylesheetPtr s = g_hash_table_lookup(t->sheets, kind);

	if (s != NULL)
		return s;
	char *file = g_strconcat(kind, ".xsl", NULL);
	char *path = NULL;
	/* the first folder that has it, links resolved inside it */
	for (guint i = 0; i < t->dirs->len && path == NULL; i++) {
		char *cand = g_build_filename(t->dirs->pdata[i], file, NULL);
		path = inside(t, cand);
		g_free(cand);
	}
	if (path == NULL)
		path = g_build_filename(g_ptr_array_index(t->dirs,
		    t->dirs->len - 1), file, NULL);
	g_free(file);
	messages_begin(path);
	long before = msg.reported;
	xmlDocPtr doc = NULL;
	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		diag_at(DIAG_ERROR, path, 0, 0, "no such stylesheet");
	else
		doc = load_file(path, path);
	if (doc == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot read the stylesheet");
		g_free(path);
		return NULL;
	}
	compiling = t;
	s = xsltParseStylesheetDoc(doc);
	compiling = NULL;
	if (s == NULL || s->errors > 0 || msg.reported > before) {
		diag_at(DIAG_ERROR, path, 0, 0, "the stylesheet has errors");
		if (s != NULL)
			xsltFreeStylesheet(s);
		else
			xmlFreeDoc(doc);
		messages_begin(NULL);
		g_free(path);
		return NULL;
	}
	messages_begin(NULL);
	g_free(path);
	g_hash_table_insert(t->sheets, g_strdup(kind), s);
	return s;
}

xmlDocPtr
transform_apply(transform *t, const char *kind, xmlDocPtr model,
    const char *const *params, transform_status *status)
{
	xsltStylesheetPtr s = sheet(t, kind);

	*status = TRANSFORM_ERROR;
	if (s == NULL)
		return NULL;
	const char *path = (const char *)s->doc->URL;
	messages_begin(path);

	long before = msg.reported, errors = msg.errors;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(s, model);
	if (ctxt == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = t;
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	ctxt->maxTemplateDepth = TRANSFORM_MAX_DEPTH;
	ctxt->maxTemplateVars = TRANSFORM_MAX_VARS;
	ctxt->opLimit = t->ops;
	ctxt->xpathCtxt->opLimit = t->xpath_ops;
	ctxt->xpathCtxt->error = xpath_error;
	if (params != NULL)
		xsltQuoteUserParams(ctxt, (const char **)params);
	xmlDocPtr out = xsltApplyStylesheetUser(s, model, NULL, NULL, NULL,
	    ctxt);
	int stopped = ctxt->state == XSLT_STATE_STOPPED;
	int failed = ctxt->state == XSLT_STATE_ERROR || out == NULL ||
	    msg.reported > before;
	if (stopped && msg.errors == errors) {
		*status = TRANSFORM_TERMINATED;
		diag_at(DIAG_ERROR, path, 0, 0,
		    "the stylesheet stopped the transformation");
	} else if (stopped || failed) {
		diag_at(DIAG_ERROR, path, 0, 0, "the transformation failed");
	} else {
		*status = TRANSFORM_OK;
	}
	xsltFreeTransformContext(ctxt);
	messages_begin(NULL);
	if (*status != TRANSFORM_OK) {
		xmlFreeDoc(out);
		return NULL;
	}
	/* problems found in the result later are the stylesheet's */
	if (out->URL == NULL)
		out->URL = xmlStrdup(BAD_CAST path);
	return out;
}

/* ---- the user's folder -------------------------------------------------- */

void
transform_describe_user_dir(GString *out)
{
	if (user_dir == NULL)
		return;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	files_below(user_dir, "", files);
	g_ptr_array_sort(files, strv_compare);
	g_string_append_printf(out, "stylesheets %s\n", user_dir);
	for (guint i = 0; i < files->len; i++) {
		char *full = g_build_filename(user_dir, files->pdata[i], NULL);
		char sum[65];
		g_string_append_printf(out, "%s %s\n",
		    state_hash_file(full, 0, sum) == 0 ? sum : "-",
		    (const char *)files->pdata[i]);
		g_free(full);
	}
	g_ptr_array_free(files, TRUE);
}

GPtrArray *
transform_user_kinds(const char *stylesheet_dir)
{
	GPtrArray *kinds = g_ptr_array_new_with_free_func(g_free);
	GDir *d = user_dir ? g_dir_open(user_dir, 0, NULL) : NULL;
	const char *e;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
		char *own = g_build_filename(stylesheet_dir, e, NULL);
		char *kind = g_strndup(e, strlen(e) - MIN(strlen(e), 4));
		if (g_str_has_suffix(e, ".xsl") && e[0] != '.' &&
		    !g_file_test(own, G_FILE_TEST_EXISTS) &&
		    g_regex_match_simple("^[a-z0-9][a-z0-9-]*$", kind, 0, 0))
			g_ptr_array_add(kinds, kind);
		else
			g_free(kind);
		g_free(own);
	}
	if (d != NULL)
		g_dir_close(d);
	g_ptr_array_sort(kinds, (GCompareFunc)strv_compare);
	return kinds;
}
