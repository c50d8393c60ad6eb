/* link: from validated sources to the one model document.
 *
 * Resolves every reference (risk -> control, control -> risk and policy,
 * owner -> role, inline references), computes scores and bands, completes
 * the selection against the Annex A catalogue and checks the domain rules.
 * All ISMS rules live here; stylesheets only present the model (doc/model.md).
 * Problems are reported through diag. */
#ifndef ISMSC_LINK_H
#define ISMSC_LINK_H

#include <libxml/tree.h>
#include "load.h"

typedef struct link_options {
	const char *date;       /* build date, YYYY-MM-DD */
	const char *generator;  /* "ismsc VERSION" */
} link_options;

/* Returns the model, or NULL when the sources have errors (reported).
 * catalogue is the Annex A data document (stylesheets/data). The caller
 * frees the model with xmlFreeDoc. */
xmlDocPtr link_model(const source_set *, xmlDocPtr catalogue,
    const link_options *);

/* Policy ids of a model, in model order: one PDF each. */
GPtrArray *link_policy_ids(xmlDocPtr model);

#endif
