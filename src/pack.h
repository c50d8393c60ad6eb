/* pack: the outputs of one build, written together and atomically.
 *
 * Documents are rendered into memory first; only when every one of them
 * succeeded is any written. Each is written to a hidden temporary file in
 * its final folder (.NAME.tmp-XXXXXX) and synced; only when all are written
 * are they renamed into place, each rename atomic, and the folder synced. A
 * failed build leaves earlier outputs intact; a build killed at any moment
 * leaves each output either as it was or completely new (and perhaps a
 * temporary file, removed by the next commit that writes that output). A
 * write error (a full disk, a read-only folder) is reported at the file. */
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
