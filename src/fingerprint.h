/* fingerprint: everything a build's outputs depend on, taken without
 * loading the sources, so that a rebuild with nothing changed can stop
 * at once (state.h, "The no-change rebuild").
 *
 * It is the hash of: ismsc's version and its binary (device, inode, size,
 * modification time), the versions of its libraries; the environment
 * variables ismsc, fontconfig, pango, git and the locale read; the
 * command and the options that shape its outputs; the source folder as
 * given and the list of source files it holds (load_list); the data
 * folder and the list of data files (schema, stylesheets, fonts); the
 * revision state of the sources (git_fingerprint: HEAD, and the git
 * index and configuration files).
 *
 * Files are taken by their metadata, as git's index and make do: type,
 * size, modification and change time (in ns), device and inode. A
 * change of content changes the change time, which no one can set back;
 * only a change within the file system's time granularity of the moment
 * the fingerprint is taken could go unseen. So a fingerprint is trusted
 * only once every file in it has been left alone for FINGERPRINT_SETTLE:
 * one taken sooner is not stable, and is not recorded (the next build
 * then loads everything and records it). Reading the files instead costs
 * more than the whole rebuild may (a SHA-256 of the sources of a large
 * ISMS takes longer than starting ismsc). */
#ifndef ISMSC_FINGERPRINT_H
#define ISMSC_FINGERPRINT_H

#include <glib.h>

/* How long a file taken by its metadata must have been left alone, in
 * microseconds: longer than any file system's time granularity. */
#define FINGERPRINT_SETTLE (2 * G_USEC_PER_SEC)

/* The hex SHA-256 fingerprint of a command (its name and options, one
 * string) on the sources in dir, skipping the folder skip as the loader
 * does; NULL when a folder of them cannot be read (the build then
 * reports it). *stable: whether it may be recorded. Caller frees. */
char *fingerprint_take(const char *command, const char *options,
    const char *dir, const char *skip, int *stable);

#endif
