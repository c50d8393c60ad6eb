/* commands: one function per ismsc command, each parsing its own options
 * (argv[0] is the command's name) and returning an exit status. main.c
 * holds the table that dispatches to them. */
#ifndef ISMSC_COMMANDS_H
#define ISMSC_COMMANDS_H

#include <glib.h>

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);

/* Options every command takes: -q, --strict. Adds them to oc. */
void common_options(GOptionContext *oc);

/* Parse argv with oc (freed here) and apply the common options. Returns
 * EXIT_OK, or EXIT_USAGE after printing the problem. */
int parse_options(GOptionContext *oc, int *argc, char ***argv);

/* The source folder: the one remaining argument, or "." when none.
 * NULL (after a usage message) when there are more. */
const char *source_dir(int argc, char **argv, const char *command);

#endif
