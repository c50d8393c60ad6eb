/* progress: what ismsc tells a person watching it, apart from diagnostics.
 *
 * -v prints a line per document and a summary; without it, a build shows
 * a progress line per document only when stderr is a terminal and the
 * command has already run for about a second, so short builds, pipes and
 * CI logs see nothing extra. -q silences both. Everything goes to stderr:
 * stdout carries data (dumps, imported sources). */
#ifndef ISMSC_PROGRESS_H
#define ISMSC_PROGRESS_H

#include <glib.h>
#include <libxml/tree.h>

/* How long a command runs before progress lines appear, in microseconds. */
#define PROGRESS_DELAY G_USEC_PER_SEC

/* Called once the command line is parsed: remembers the levels and the
 * moment the command started. */
void progress_init(int quiet, int verbose);

int progress_verbose(void);      /* -v and not -q */
int progress_quiet(void);        /* -q */

/* Document index (0-based) of total, written as what (its output path),
 * is about to be made. */
void progress_document(guint index, guint total, const char *what);

/* A line for -v only: "ismsc: " and the message. */
void progress_note(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* For -v: what a checked model holds (counts of controls, risks,
 * policies). */
void progress_model(const char *dir, xmlDocPtr model);

#endif
