/* transform: model -> layout document, with the stylesheets in
 * stylesheets/KIND.xsl (libxslt).
 *
 * Stylesheets are code users may add, so they are confined:
 *   - no file writes (exsl:document, xsl:document, saxon:output, ...), no
 *     folder creation, no network reads or writes;
 *   - files (xsl:import, xsl:include, document()) are read only from inside
 *     the stylesheet folders, links resolved, and parsed by load.c's guarded
 *     parser: no DTD, no entity, no XInclude, the size limits of sources;
 *   - templates nest at most TRANSFORM_MAX_DEPTH deep, with at most
 *     TRANSFORM_MAX_VARS variables live; a run executes at most
 *     TRANSFORM_MAX_OPS instructions and TRANSFORM_MAX_XPATH_OPS XPath steps
 *     (an endless or exponential stylesheet ends with a diagnostic).
 * The result is not checked here: the pipeline checks every layout
 * document against schema/layout.rng before typesetting it.
 * Anything libxslt prints (a compile or runtime error, an xsl:message) is
 * reported as an error and fails the transformation. Several transforms
 * may live at once; they share libxslt's process-wide settings. */
#ifndef ISMSC_TRANSFORM_H
#define ISMSC_TRANSFORM_H

#include <glib.h>
#include <libxml/tree.h>

#define TRANSFORM_MAX_DEPTH 1000
#define TRANSFORM_MAX_VARS 10000
#define TRANSFORM_MAX_OPS 10000000UL          /* about 3 s */
#define TRANSFORM_MAX_XPATH_OPS 200000000UL   /* about 3 s */

typedef struct transform transform;

/* Outcome of one transformation. */
typedef enum {
	TRANSFORM_OK,
	TRANSFORM_ERROR,       /* stylesheet or runtime error, a limit hit
	                        * (reported) */
	TRANSFORM_TERMINATED   /* xsl:message terminate="yes", and no other
	                        * error (reported) */
} transform_status;

/* The user's stylesheet folder (ismsc --stylesheets DIR), for every
 * transform made after: a file there replaces the installed file of the
 * same name below stylesheet_dir (a stylesheet, common.xsl, a message
 * catalogue), and KIND.xsl there is a document kind of its own; files are
 * read from inside both folders only. -1 when dir is not a folder. */
int transform_set_user_dir(const char *dir);

/* The folders a transform reads, in the order a file is looked up in:
 * the user's folder, if set, then stylesheet_dir. Real paths. */
GPtrArray *transform_dirs(const char *stylesheet_dir);

/* The user's folder for the incremental build's environment: its path,
 * then the SHA-256 and name of each file below it. Nothing when unset. */
void transform_describe_user_dir(GString *out);

/* The document kinds the user's folder adds: each KIND.xsl at its top
 * that stylesheet_dir lacks (KIND in lower-case letters, digits and
 * hyphens), sorted. */
GPtrArray *transform_user_kinds(const char *stylesheet_dir);

transform *transform_new(const char *stylesheet_dir);
void transform_free(transform *);

/* Change the instruction and XPath step limits of later runs (defaults
 * TRANSFORM_MAX_OPS and TRANSFORM_MAX_XPATH_OPS): tests reach them fast. */
void transform_set_limits(transform *, unsigned long ops,
    unsigned long xpath_ops);

/* Apply stylesheets/KIND.xsl to model. params: NULL-terminated name/value
 * pairs of string parameters. Returns the layout document,
 * or NULL with *status set. */
xmlDocPtr transform_apply(transform *, const char *kind, xmlDocPtr model,
    const char *const *params, transform_status *status);

#endif
