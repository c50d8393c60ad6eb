/* typeset: a layout document (schema/layout.rng) straight to PDF. For
 * stylesheet authors, and for the typesetter's own tests: what the build
 * does after its transform, on a file. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "fonts.h"
#include "load.h"
#include "pack.h"
#include "paint.h"
#include "pipeline.h"

int
cmd_typeset(int argc, char **argv)
{
	char *out = NULL;
	gboolean pages = FALSE;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the PDF to FILE (default: the layout's name with .pdf)",
		  "FILE" },
		{ "dump-pages", 0, 0, G_OPTION_ARG_NONE, &pages,
		  "print the page tree instead of writing a PDF", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("LAYOUT.xml");
	int status;

	g_option_context_set_summary(oc,
	    "Typeset a layout document (schema/layout.rng) into a PDF.");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != EXIT_OK)
		goto done;
	if (argc != 2) {
		fprintf(stderr, "ismsc typeset: one layout document expected\n"
		    "Try 'ismsc typeset --help'.\n");
		status = EXIT_USAGE;
		goto done;
	}
	xmlDocPtr layout = load_file(argv[1], argv[1]);
	if (layout == NULL) {
		status = EXIT_SOURCE;
		goto done;
	}
	char *data = pipeline_datadir();
	char *fontdir = g_build_filename(data, "fonts", NULL);
	PangoFontMap *fonts = fonts_load(fontdir);
	g_free(fontdir);
	g_free(data);
	if (fonts == NULL) {
		xmlFreeDoc(layout);
		status = EXIT_INTERNAL;
		goto done;
	}
	char *folder = g_path_get_dirname(argv[1]);
	GDateTime *dt = g_date_time_new_from_unix_utc(pipeline_epoch(folder));
	char *stamp = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	paint_meta meta = { "ismsc " ISMSC_VERSION, stamp };
	GBytes *bytes = NULL;
	status = pipeline_typeset(fonts, layout, &meta,
	    pages ? DUMP_PAGES : DUMP_NONE, argv[1], &bytes);
	if (status == EXIT_OK && !pages) {
		if (out == NULL) {
			char *base = g_str_has_suffix(argv[1], ".xml") ?
			    g_strndup(argv[1], strlen(argv[1]) - 4) :
			    g_strdup(argv[1]);
			out = g_strconcat(base, ".pdf", NULL);
			g_free(base);
		}
		char *dir = g_path_get_dirname(out), *name = g_path_get_basename(out);
		pack *pk = pack_new(dir);
		pack_add(pk, name, bytes);
		if (pack_commit(pk) != 0)
			status = EXIT_IO;
		pack_free(pk);
		g_free(dir);
		g_free(name);
	}
	if (bytes != NULL)
		g_bytes_unref(bytes);
	g_free(stamp);
	g_date_time_unref(dt);
	g_free(folder);
	g_object_unref(fonts);
	xmlFreeDoc(layout);
done:
	g_free(out);
	return status;
}
