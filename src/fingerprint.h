/* fingerprint: everything a build's outputs depend on, taken without
 * loading the sources, so that a rebuild with nothing changed can stop
 * at once (state.h, "The no-change rebuild").
 *
 * It is the hash of: ismsc's version and its binary (its GNU build ID,
 * else its metadata), the versions of its libraries; the environment
 * variables ismsc, fontconfig, pango, git and the locale read; the
 * command and the options that shape what it makes and prints; the
 * source folder as given, the data folder, the user's stylesheet folder
 * (--stylesheets, by content), and the bytes of every file of the source
 * folder, sources and logo alike (load_list); the revision state of the sources (git_fingerprint:
 * HEAD, and the bytes of the git index and configuration). The data files
 * (schema, stylesheets, fonts) are not in it: the state file already
 * records them, with their content hashes, and state_unchanged checks
 * them there.
 *
 * Files are taken by their bytes, not their metadata, so that the same
 * inputs give the same fingerprint whenever it is taken, and a state file
 * records the same bytes (a file changed within the file system's time
 * granularity of a moment ago could not be told apart by its times). A
 * source changed after the fingerprint was taken makes the next one
 * differ, so the next build is made whole. */
#ifndef ISMSC_FINGERPRINT_H
#define ISMSC_FINGERPRINT_H

#include <glib.h>

/* The hex SHA-256 fingerprint of a command (its name and options, one
 * string) on the sources in dir, skipping the folder skip as the loader
 * does; NULL when a source or a folder of them cannot be read as it
 * stands (the build then reports it). Caller frees. */
char *fingerprint_take(const char *command, const char *options,
    const char *dir, const char *skip);

#endif
