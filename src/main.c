/* ismsc: the command line. Finds the command and hands it its arguments;
 * each command parses its own options (src/commands.h). */
#include <stdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "commands.h"
#include "diag.h"
#include "pipeline.h"

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{ "check", cmd_check, "validate and link the sources" },
	{ "build", cmd_build, "check, then write the documents as PDF" },
	{ "typeset", cmd_typeset, "typeset a layout document into a PDF" },
	{ "init", cmd_init, "start a new ISMS repository in a folder" },
	{ "import-risks", cmd_import_risks,
	  "turn a CSV risk register into a risks source" },
	{ "pack", cmd_pack, "build, then add the index, the audit pack and a manifest" },
	{ "verify", cmd_verify, "check an audit pack against its manifest and signature" },
	{ "diff", cmd_diff, "report the changes between two revisions of the sources" },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: ismsc COMMAND [OPTION...] [DIR]\n"
	    "       ismsc --version | --help | --datadir\n\nCommands:\n");
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nOptions every command takes: -q (errors only), -v "
	    "(a line per document),\n--strict (warnings are errors), "
	    "-h (help).\n"
	    "\nExit status: 0 success, 1 the sources have errors, 2 bad "
	    "command line,\n3 a file could not be read or written, 4 a "
	    "stylesheet, font or library\nfailure, 5 a stylesheet stopped "
	    "the build.\n"
	    "\n'ismsc COMMAND --help' shows a command's options; "
	    "ismsc(1) has the rest.\n");
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("ismsc %s\n", ISMSC_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--datadir") == 0) {
		/* where the schema, stylesheets and fonts are read from */
		char *dir = pipeline_datadir();
		printf("%s\n", dir);
		g_free(dir);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	const struct command *cmd = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		fprintf(stderr, "ismsc: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}

	char *name = g_strconcat("ismsc ", cmd->name, NULL);
	g_set_prgname(name);
	g_free(name);
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, diag_xml_error);
	int status = cmd->run(argc - 1, argv + 1);
	xsltCleanupGlobals();
	xmlCleanupParser();
	FcFini();       /* the application font configuration and its caches */
	return status;
}
