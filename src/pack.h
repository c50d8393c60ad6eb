/* pack: the outputs of one build, written together and atomically.
 *
 * Documents are rendered into memory first; only when every one of them
 * succeeded is any written. Each is written to a temporary file in its
 * final folder and synced; only when all are written are they renamed
 * into place. A failed or killed build leaves earlier outputs intact. */
#ifndef ISMSC_PACK_H
#define ISMSC_PACK_H

#include <glib.h>

typedef struct pack pack;

pack *pack_new(const char *outdir);
/* Queue bytes for OUT/relpath (takes a reference). */
void pack_add(pack *, const char *relpath, GBytes *bytes);
/* Write everything queued. Returns 0, or -1 after reporting. */
int pack_commit(pack *);
void pack_free(pack *);

#endif
