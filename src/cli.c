/* cli: what every command shares on its command line. */
#include <stdio.h>

#include "commands.h"
#include "diag.h"

static gboolean quiet, strict;

void
common_options(GOptionContext *oc)
{
	static GOptionEntry entries[] = {
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
		  "print errors only", NULL },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
		  "treat warnings as errors", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	g_option_context_add_main_entries(oc, entries, NULL);
}

int
parse_options(GOptionContext *oc, int *argc, char ***argv)
{
	GError *err = NULL;
	int ok = g_option_context_parse(oc, argc, argv, &err);

	if (!ok) {
		fprintf(stderr, "ismsc %s: %s\n", (*argv)[0], err->message);
		fprintf(stderr, "Try 'ismsc %s --help'.\n", (*argv)[0]);
		g_error_free(err);
	}
	g_option_context_free(oc);
	diag_set_quiet(quiet);
	diag_set_strict(strict);
	return ok ? EXIT_OK : EXIT_USAGE;
}

const char *
source_dir(int argc, char **argv, const char *command)
{
	if (argc <= 1)
		return ".";
	if (argc == 2)
		return argv[1];
	fprintf(stderr, "ismsc %s: one source folder expected, not '%s'\n"
	    "Try 'ismsc %s --help'.\n", command, argv[2], command);
	return NULL;
}

