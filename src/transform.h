/* transform: model -> layout document, with the stylesheets in
 * stylesheets/KIND.xsl (libxslt). Stylesheets may not write files, create
 * folders, use the network, or read files outside their stylesheet folder;
 * documents they load are parsed without entity expansion. Anything
 * libxslt prints (a compile or runtime error, an xsl:message) is reported
 * as an error and fails the transformation. Several transforms may live at
 * once; they share libxslt's process-wide settings. */
#ifndef ISMSC_TRANSFORM_H
#define ISMSC_TRANSFORM_H

#include <libxml/tree.h>

typedef struct transform transform;

/* Outcome of one transformation; the worst wins. */
typedef enum {
	TRANSFORM_OK,
	TRANSFORM_ERROR,       /* stylesheet or runtime error (reported) */
	TRANSFORM_TERMINATED   /* xsl:message terminate="yes" (reported) */
} transform_status;

transform *transform_new(const char *stylesheet_dir);
void transform_free(transform *);

/* Apply stylesheets/KIND.xsl to model. params: NULL-terminated name/value
 * pairs of string parameters. Returns the layout document,
 * or NULL with *status set. */
xmlDocPtr transform_apply(transform *, const char *kind, xmlDocPtr model,
    const char *const *params, transform_status *status);

#endif
