/* commands: one function per ismsc command, each parsing its own options
 * (argv[0] is the command's name) and returning an exit status. main.c
 * holds the table that dispatches to them. */
#ifndef ISMSC_COMMANDS_H
#define ISMSC_COMMANDS_H

#include <glib.h>

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_typeset(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_import_risks(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Options every command takes: -q, -v, --strict. Adds them to oc, and
 * the exit statuses as its description when it has none. */
void common_options(GOptionContext *oc);

/* Parse argv with oc (freed here) and apply the common options (diag
 * levels, progress.h). Returns EXIT_OK, or EXIT_USAGE after printing the
 * problem (-q with -v is one). */
int parse_options(GOptionContext *oc, int *argc, char ***argv);

/* The common options that change what a command makes, prints or how it
 * ends, as text for a fingerprint (fingerprint.h): --strict, -q. */
const char *common_options_shaping(void);

/* -j N of build and pack: N jobs at a time (pipeline_set_parallel), or
 * the default when it is JOBS_DEFAULT (the option not given). Returns
 * EXIT_OK, or EXIT_USAGE after printing the problem (N below 1). */
#define JOBS_DEFAULT G_MININT
int jobs_option(int n, const char *command);

/* What the process prints to stderr from capture_begin to capture_end
 * is printed, and returned (NULL when it cannot be told; capture_begin
 * returns -1 when it cannot capture, and capture_end then does
 * nothing). Caller frees. */
int capture_begin(void);
char *capture_end(int saved);

/* The source folder: the one remaining argument, or "." when none.
 * NULL (after a usage message) when there are more. */
const char *source_dir(int argc, char **argv, const char *command);

#endif
