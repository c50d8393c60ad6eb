/* rng: RELAX NG validation of a document against one of ismsc's schemas,
 * errors reported through diag. */
#ifndef ISMSC_RNG_H
#define ISMSC_RNG_H

#include <libxml/tree.h>

typedef struct rng rng;

/* Compile the schema at path; NULL after reporting. */
rng *rng_load(const char *path);
/* 0 when doc is valid; otherwise the errors were reported. */
int rng_validate(rng *, xmlDocPtr doc);
void rng_free(rng *);

#endif
