/* cli: what every command shares on its command line. */
#define _GNU_SOURCE         /* memfd_create */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "pipeline.h"
#include "progress.h"
#include "transform.h"

static gboolean quiet, verbose, strict;
static char *stylesheets;

/* Shown under every command's options unless the command has its own. */
static const char exit_statuses[] =
    "Exit status: 0 success, 1 the sources have errors, 2 bad command line,\n"
    "3 a file could not be read or written, 4 a stylesheet, font or library\n"
    "failure, 5 a stylesheet stopped the build. See ismsc(1).";

void
common_options(GOptionContext *oc)
{
	static GOptionEntry entries[] = {
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
		  "print errors only", NULL },
		{ "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
		  "print a line per document and a summary", NULL },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
		  "treat warnings as errors", NULL },
		{ "stylesheets", 0, 0, G_OPTION_ARG_FILENAME, &stylesheets,
		  "stylesheets and message catalogues in DIR replace or add "
		  "to the installed ones", "DIR" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	g_option_context_add_main_entries(oc, entries, NULL);
	if (g_option_context_get_description(oc) == NULL)
		g_option_context_set_description(oc, exit_statuses);
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
	} else if (quiet && verbose) {
		fprintf(stderr, "ismsc %s: -q and -v cannot be combined\n"
		    "Try 'ismsc %s --help'.\n", (*argv)[0], (*argv)[0]);
		ok = 0;
	} else if (stylesheets != NULL &&
	    transform_set_user_dir(stylesheets) != 0) {
		fprintf(stderr, "ismsc %s: --stylesheets: '%s' is not a "
		    "folder\nTry 'ismsc %s --help'.\n", (*argv)[0], stylesheets,
		    (*argv)[0]);
		ok = 0;
	}
	g_free(stylesheets);
	stylesheets = NULL;
	g_option_context_free(oc);
	progress_init(quiet, verbose);
	diag_set_quiet(quiet);
	diag_set_strict(strict);
	return ok ? EXIT_OK : EXIT_USAGE;
}

const char *
common_options_shaping(void)
{
	static const char *const texts[] = { "", "--strict", "-q",
		"--strict -q" };

	return texts[(strict ? 1 : 0) + (quiet ? 2 : 0)];
}

int
capture_begin(void)
{
	int saved = dup(STDERR_FILENO);
	int fd = memfd_create("ismsc-said", MFD_CLOEXEC);

	fflush(stderr);
	if (saved < 0 || fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		saved = -1;
	}
	if (fd >= 0)
		close(fd);
	return saved;
}

char *
capture_end(int saved)
{
	if (saved < 0)
		return NULL;
	fflush(stderr);
	off_t len = lseek(STDERR_FILENO, 0, SEEK_CUR);
	char *text = g_malloc((len > 0 ? (size_t)len : 0) + 1);
	ssize_t got = len > 0 ? pread(STDERR_FILENO, text, (size_t)len, 0) : 0;
	text[got > 0 ? got : 0] = '\0';
	dup2(saved, STDERR_FILENO);
	close(saved);
	fputs(text, stderr);
	if (got != len) {          /* cannot tell what was printed */
		g_free(text);
		return NULL;
	}
	return text;
}

int
jobs_option(int n, const char *command)
{
	if (n != JOBS_DEFAULT && n < 1) {
		fprintf(stderr, "ismsc %s: -j %d: expected a number of jobs of "
		    "at least 1\nTry 'ismsc %s --help'.\n", command, n, command);
		return EXIT_USAGE;
	}
	pipeline_set_parallel(n != JOBS_DEFAULT ? n :
	    pipeline_default_parallel());
	return EXIT_OK;
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

