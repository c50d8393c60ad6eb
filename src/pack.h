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
/* Write bytes for OUT/relpath to its temporary file now (a worker of a
 * parallel build does, pipeline.c); returns the file's path, or NULL
 * after reporting. */
char *pack_prepare(pack *, const char *relpath, GBytes *bytes);
/* Queue OUT/relpath as prepared in tmp (takes it): the commit only
 * renames it into place; a failed commit, or a pack freed without one,
 * removes it. */
void pack_add_prepared(pack *, const char *relpath, char *tmp);
/* Write everything queued. Returns 0, or -1 after reporting. */
int pack_commit(pack *);
void pack_free(pack *);

#endif
