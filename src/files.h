/* files: walking folders. */
#ifndef ISMSC_FILES_H
#define ISMSC_FILES_H

#include <glib.h>

/* Add to out the regular files below root/rel (rel may be ""), as paths
 * relative to root, recursively, hidden entries skipped; links to files
 * are followed, links to folders are not. */
void files_below(const char *root, const char *rel, GPtrArray *out);

#endif
