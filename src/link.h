/* link: from validated sources to the one model document.
 *
 * Resolves every reference (risk -> control, control -> risk and policy,
 * owner -> role, inline references), computes scores, bands and counts,
 * completes the selection against the Annex A catalogue and checks the
 * domain rules. All ISMS rules live here; stylesheets only present the
 * model (doc/model.md). Problems are reported through diag, each message
 * ending with the name of its rule in brackets: "... [duplicate-id]". */
#ifndef ISMSC_LINK_H
#define ISMSC_LINK_H

#include <stdio.h>
#include <libxml/tree.h>

#include "diag.h"
#include "load.h"

typedef struct link_options {
	const char *date;       /* build date, YYYY-MM-DD */
	const char *generator;  /* "ismsc VERSION" */
} link_options;

/* A rule link checks: its name (printed after each message), its level
 * (a warning never blocks a build unless --strict) and what it checks. */
typedef struct link_rule {
	const char *name;
	diag_level level;
	const char *summary;
} link_rule;

/* Every rule, in the order of the README's table; *n gets the count. */
const link_rule *link_rules(size_t *n);

/* Returns the model, or NULL when the sources have errors (reported).
 * catalogue is the ISO/IEC 27001:2022 Annex A data document
 * (stylesheets/data/annex-a-2022.xml); the ISO/IEC 27001:2013 catalogue
 * and correspondence, annex-a-2013.xml, is read from the same folder.
 * The caller frees the model with xmlFreeDoc. */
xmlDocPtr link_model(const source_set *, xmlDocPtr catalogue,
    const link_options *);

/* Policy ids of a model, in model order: one PDF each. */
GPtrArray *link_policy_ids(xmlDocPtr model);

/* Print the model's readiness list (mandatory documented information and
 * the Annex A controls that require documented information) to out, and
 * report each gap as a warning [readiness-gap] at dir. Returns the number
 * of gaps. */
int link_readiness_report(xmlDocPtr model, const char *dir, FILE *out);

#endif
