/* transform: libxslt, locked down. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "diag.h"
#include "load.h"
#include "transform.h"

struct transform {
	char *dir;                 /* absolute stylesheet folder */
	GHashTable *sheets;        /* kind -> xsltStylesheetPtr */
};

/* libxslt's loader and default security preferences are process-wide:
 * one set serves every live transform. The file-read check asks which
 * transform is at work: the one compiling (imports are checked with no
 * transform context) or the one whose context is running. */
static xsltDocLoaderFunc default_loader;
static xsltSecurityPrefsPtr prefs;
static int live;                     /* transforms not yet freed */
static const transform *compiling;
static const char *current_sheet;    /* for messages without a location */
static long reported;                /* messages libxslt printed */

/* libxslt's own loader parses with NOENT|DTDLOAD: mask them. */
static xmlDocPtr
safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
	    XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE | XML_PARSE_HUGE);
	options |= XML_PARSE_NONET;
	return default_loader(uri, dict, options, ctxt, type);
}

/* Stylesheets read files (xsl:import, xsl:include, document()) only from
 * inside their own folder, links resolved. */
static int
read_file_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	const transform *t = ctxt != NULL ? ctxt->_private : compiling;

	(void)sec;
	if (t == NULL)
		return 0;
	const char *path = value;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	char *real = realpath(path, NULL);
	size_t n = strlen(t->dir);
	int ok = real != NULL && strncmp(real, t->dir, n) == 0 &&
	    real[n] == '/';
	free(real);
	return ok;
}

/* libxslt's messages, a line at a time: "... file F line N ..." becomes
 * the diagnostic's position. Every message counts as an error: ismsc's
 * stylesheets print nothing when all is well. */
static void
xslt_message(void *ctx, const char *fmt, ...)
{
	static GString *buf;
	va_list ap;

	(void)ctx;
	if (buf == NULL)
		buf = g_string_new(NULL);
	va_start(ap, fmt);
	g_string_append_vprintf(buf, fmt, ap);
	va_end(ap);
	char *nl;
	while ((nl = strchr(buf->str, '\n')) != NULL) {
		*nl = '\0';
		const char *msg = buf->str, *f = strstr(msg, "file ");
		char file[512];
		long line = 0;
		if (msg[0] != '\0') {
			reported++;
			if (f != NULL && sscanf(f, "file %511s line %ld", file,
			    &line) == 2)
				diag_at(DIAG_ERROR, file, line, 0, "%s", msg);
			else
				diag_at(DIAG_ERROR, current_sheet, 0, 0, "%s",
				    msg);
		}
		g_string_erase(buf, 0, (gssize)(nl - buf->str + 1));
	}
}

transform *
transform_new(const char *stylesheet_dir)
{
	transform *t = g_new0(transform, 1);
	char *real = realpath(stylesheet_dir, NULL);

	t->dir = g_strdup(real != NULL ? real : stylesheet_dir);
	free(real);
	t->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)xsltFreeStylesheet);
	if (live++ > 0)
		return t;
	exsltRegisterAll();
	if (default_loader == NULL) {
		default_loader = xsltDocDefaultLoader;
		xsltSetLoaderFunc(safe_loader);
	}
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
	g_free(t->dir);
	g_free(t);
	if (--live > 0)
		return;
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
}

static xsltStylesheetPtr
sheet(transform *t, const char *kind)
{
	xsltStylesheetPtr s = g_hash_table_lookup(t->sheets, kind);

	if (s != NULL)
		return s;
	char *file = g_strconcat(kind, ".xsl", NULL);
	char *path = g_build_filename(t->dir, file, NULL);
	g_free(file);
	current_sheet = path;
	long before = reported;
	xmlDocPtr doc = xmlReadFile(path, NULL, load_parse_options());
	if (doc == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot read the stylesheet");
		g_free(path);
		return NULL;
	}
	compiling = t;
	s = xsltParseStylesheetDoc(doc);
	compiling = NULL;
	if (s == NULL || s->errors > 0 || reported > before) {
		diag_at(DIAG_ERROR, path, 0, 0, "the stylesheet has errors");
		if (s != NULL)
			xsltFreeStylesheet(s);
		else
			xmlFreeDoc(doc);
		g_free(path);
		return NULL;
	}
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
	current_sheet = (const char *)s->doc->URL;

	long before = reported;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(s, model);
	ctxt->_private = t;
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	if (params != NULL)
		xsltQuoteUserParams(ctxt, (const char **)params);
	xmlDocPtr out = xsltApplyStylesheetUser(s, model, NULL, NULL, NULL,
	    ctxt);
	if (ctxt->state == XSLT_STATE_STOPPED) {
		*status = TRANSFORM_TERMINATED;
		diag_at(DIAG_ERROR, current_sheet, 0, 0,
		    "the stylesheet stopped the transformation");
	} else if (ctxt->state == XSLT_STATE_ERROR || out == NULL ||
	    reported > before) {
		diag_at(DIAG_ERROR, current_sheet, 0, 0,
		    "the transformation failed");
	} else {
		*status = TRANSFORM_OK;
	}
	xsltFreeTransformContext(ctxt);
	if (*status != TRANSFORM_OK) {
		xmlFreeDoc(out);
		return NULL;
	}
	return out;
}
