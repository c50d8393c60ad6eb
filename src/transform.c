/* transform: libxslt, locked down. */
#include <stdarg.h>
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
	xsltSecurityPrefsPtr prefs;
};

static xsltDocLoaderFunc default_loader;
static const char *current_sheet;    /* for messages */
static char *allowed_dir;            /* document() may read only here */

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

static int
read_file_check(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	(void)ctxt;
	const char *path = value;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	char *real = realpath(path, NULL);
	int ok = real != NULL && allowed_dir != NULL &&
	    strncmp(real, allowed_dir, strlen(allowed_dir)) == 0 &&
	    real[strlen(allowed_dir)] == '/';
	free(real);
	return ok;
}

static void
xslt_message(void *ctx, const char *fmt, ...)
{
	static GString *line;
	va_list ap;

	(void)ctx;
	if (line == NULL)
		line = g_string_new(NULL);
	va_start(ap, fmt);
	g_string_append_vprintf(line, fmt, ap);
	va_end(ap);
	char *nl;
	while ((nl = strchr(line->str, '\n')) != NULL) {
		*nl = '\0';
		if (line->str[0] != '\0')
			diag_at(DIAG_ERROR, current_sheet, 0, 0, "%s",
			    line->str);
		g_string_erase(line, 0, (gssize)(nl - line->str + 1));
	}
}

transform *
transform_new(const char *stylesheet_dir)
{
	transform *t = g_new0(transform, 1);

	t->dir = realpath(stylesheet_dir, NULL);
	if (t->dir == NULL)
		t->dir = g_strdup(stylesheet_dir);
	else {
		char *d = g_strdup(t->dir);
		free(t->dir);
		t->dir = d;
	}
	g_free(allowed_dir);
	allowed_dir = g_strdup(t->dir);
	t->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)xsltFreeStylesheet);
	exsltRegisterAll();
	if (default_loader == NULL) {
		default_loader = xsltDocDefaultLoader;
		xsltSetLoaderFunc(safe_loader);
	}
	t->prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(t->prefs, XSLT_SECPREF_READ_FILE,
	    read_file_check);
	xsltSetDefaultSecurityPrefs(t->prefs);
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
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(t->prefs);
	g_free(t->dir);
	g_free(t);
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
	xmlDocPtr doc = xmlReadFile(path, NULL, load_parse_options());
	if (doc == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot read the stylesheet");
		g_free(path);
		return NULL;
	}
	s = xsltParseStylesheetDoc(doc);
	if (s == NULL || s->errors > 0) {
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

	xsltTransformContextPtr ctxt = xsltNewTransformContext(s, model);
	xsltSetCtxtSecurityPrefs(t->prefs, ctxt);
	if (params != NULL)
		xsltQuoteUserParams(ctxt, (const char **)params);
	xmlDocPtr out = xsltApplyStylesheetUser(s, model, NULL, NULL, NULL,
	    ctxt);
	if (ctxt->state == XSLT_STATE_STOPPED) {
		*status = TRANSFORM_TERMINATED;
		diag_at(DIAG_ERROR, current_sheet, 0, 0,
		    "the stylesheet stopped the transformation");
	} else if (ctxt->state == XSLT_STATE_ERROR || out == NULL) {
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
