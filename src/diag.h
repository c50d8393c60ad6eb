/* diag: every message ismsc prints about its inputs goes through here.
 *
 * One format, the compiler convention editors and CI annotate:
 *     FILE:LINE:COL: error: message
 * The worst level seen decides the exit status (see ismsc(1), EXIT STATUS).
 * Messages go to stderr as they are emitted; this module only counts. */
#ifndef ISMSC_DIAG_H
#define ISMSC_DIAG_H

#include <libxml/tree.h>
#include <glib.h>

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_level;

/* Exit statuses, documented in doc/ismsc.1. */
enum {
	EXIT_OK = 0,        /* clean (warnings allowed unless --strict) */
	EXIT_SOURCE = 1,    /* the sources have errors */
	EXIT_USAGE = 2,     /* bad command line */
	EXIT_IO = 3,        /* cannot read data or write outputs */
	EXIT_INTERNAL = 4,  /* a stylesheet, font or library failure */
	EXIT_TERMINATED = 5 /* a stylesheet stopped with xsl:message terminate="yes" */
};

/* Register the text of a parsed file under the name its xmlDoc has as URL,
 * so that node diagnostics can find columns. Takes a reference on text. */
void diag_add_source(const char *name, GBytes *text);

void diag_at(diag_level, const char *file, long line, long col,
    const char *fmt, ...) G_GNUC_PRINTF(5, 6);
/* At an element, or at one of its attributes when attr is not NULL. */
void diag_node(diag_level, const xmlNode *node, const char *attr,
    const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* At a "FILE:LINE" source reference as stylesheets copy it (src=...);
 * a NULL or malformed ref reports at the document name given. */
void diag_src(diag_level, const char *src, const char *fallback,
    const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* Column (1-based, in characters) of node's start tag or of attr within
 * it, or 0 when the source text is unknown. */
long diag_column(const xmlNode *node, const char *attr);

int diag_count(diag_level);
/* Count n diagnostics of a level printed elsewhere (by a worker process
 * of the build, pipeline.c). */
void diag_count_add(diag_level, int n);
void diag_set_quiet(int quiet);    /* suppress notes and warnings */
void diag_set_strict(int strict);  /* warnings count as errors */
void diag_reset(void);             /* forget counts and sources */

/* libxml2 structured error handler: parser and RELAX NG messages. */
void diag_xml_error(void *unused, xmlErrorPtr err);

#endif
