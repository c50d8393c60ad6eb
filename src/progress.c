/* progress: -v lines and the terminal's progress lines. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "progress.h"
#include "xml.h"

static int quiet, verbose, tty;
static gint64 start;

void
progress_init(int q, int v)
{
	quiet = q;
	verbose = v;
	tty = isatty(STDERR_FILENO);
	start = g_get_monotonic_time();
}

int
progress_verbose(void)
{
	return verbose && !quiet;
}

int
progress_quiet(void)
{
	return quiet;
}

void
progress_document(guint index, guint total, const char *what)
{
	if (quiet)
		return;
	if (!verbose && !(tty && start != 0 &&
	    g_get_monotonic_time() - start >= PROGRESS_DELAY))
		return;
	/* the width of total, so that the lines align */
	int w = snprintf(NULL, 0, "%u", total);
	fprintf(stderr, "ismsc: [%*u/%u] %s\n", w, index + 1, total, what);
	fflush(stderr);
}

void
progress_note(const char *fmt, ...)
{
	va_list ap;

	if (!progress_verbose())
		return;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "ismsc: %s\n", msg);
	g_free(msg);
}

void
progress_model(const char *dir, xmlDocPtr model)
{
	xmlNode *root = model ? xmlDocGetRootElement(model) : NULL;
	xmlNode *controls = xml_first(root, "controls");
	const char *none = "0";

	if (!progress_verbose() || root == NULL)
		return;
#define OR0(s) ((s) ? (s) : none)
	progress_note("%s: no errors: %s controls (%s applicable, %s excluded), "
	    "%s risks, %s policies", dir,
	    OR0(xml_prop(controls, "total")),
	    OR0(xml_prop(controls, "applicable")),
	    OR0(xml_prop(controls, "excluded")),
	    OR0(xml_prop(xml_first(root, "risks"), "count")),
	    OR0(xml_prop(xml_first(root, "policies"), "count")));
#undef OR0
}
