/* check and build: the compiler proper. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "csv.h"
#include "diag.h"
#include "fingerprint.h"
#include "link.h"
#include "pack.h"
#include "pipeline.h"
#include "progress.h"
#include "state.h"

int
cmd_check(int argc, char **argv)
{
	gboolean readiness = FALSE;
	GOptionEntry entries[] = {
		{ "readiness", 0, 0, G_OPTION_ARG_NONE, &readiness,
		  "list the mandatory documented information of ISO/IEC "
		  "27001:2022 and what the sources provide; each gap is a "
		  "warning", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("[DIR]");
	int status;
	isms m;

	g_option_context_set_summary(oc,
	    "Validate and link the ISMS sources in DIR (default: the current "
	    "folder).\nPrints diagnostics only; exit status 0 means clean.");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		return status;
	const char *dir = source_dir(argc, argv, "check");
	if (dir == NULL)
		return EXIT_USAGE;
	status = pipeline_load(dir, "out", &m);
	if (status == EXIT_OK) {
		progress_model(dir, m.model);
		if (readiness) {
			link_readiness_report(m.model, dir, stdout);
			if (diag_count(DIAG_ERROR) > 0)
				status = EXIT_SOURCE;  /* --strict: gaps fail */
		}
		isms_free(&m);
	}
	return status;
}

int
cmd_build(int argc, char **argv)
{
	char *out = NULL, *dump = NULL;
	char **only = NULL;
	gboolean force = FALSE;
	int njobs = JOBS_DEFAULT;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
		  "write the documents into OUT (default: ./out)", "OUT" },
		{ "force", 0, 0, G_OPTION_ARG_NONE, &force,
		  "make every document again, even those up to date", NULL },
		{ "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only,
		  "build only DOC: soa, rtp or a policy id (repeatable)", "DOC" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &njobs,
		  "make N documents at once, each in a process of its own "
		  "(default: the number of processors online)", "N" },
		{ "dump", 0, 0, G_OPTION_ARG_STRING, &dump,
		  "print the model, the layout documents or the page trees "
		  "instead of writing PDFs", "model|layout|pages" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("[DIR]");
	int status;
	dump_kind dk = DUMP_NONE;
	isms m;

	g_option_context_set_summary(oc,
	    "Check the ISMS sources in DIR, then write the Statement of "
	    "Applicability,\nthe risk treatment plan and one PDF per policy "
	    "into OUT.");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	if ((status = jobs_option(njobs, "build")) != EXIT_OK)
		goto done;
	const char *dir = source_dir(argc, argv, "build");
	if (dir == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	if (dump != NULL && strcmp(dump, "layout") == 0)
		dk = DUMP_LAYOUT;
	else if (dump != NULL && strcmp(dump, "pages") == 0)
		dk = DUMP_PAGES;
	else if (dump != NULL && strcmp(dump, "model") != 0) {
		fprintf(stderr, "ismsc build: --dump %s: expected model, layout "
		    "or pages\n", dump);
		status = EXIT_USAGE;
		goto done;
	}
	if (out == NULL)
		out = g_strdup("out");
	/* a rebuild with nothing changed stops here (state.h) */
	char *input = NULL;
	if (!force && dump == NULL) {
		GString *o = g_string_new(common_options_shaping());
		for (char **d = only; d != NULL && *d != NULL; d++) {
			char *e = g_strescape(*d, NULL);
			g_string_append_printf(o, "\n--only=%s", e);
			g_free(e);
		}
		input = fingerprint_take("build", o->str, dir, out);
		g_string_free(o, TRUE);
		char *said = NULL;
		if (input != NULL && state_unchanged(out, input, &said)) {
			fputs(said, stderr);
			progress_note("%s: nothing changed since the last build",
			    out);
			g_free(said);
			g_free(input);
			goto done;
		}
	}
	/* what loading prints is recorded with the fingerprint */
	int saved = input != NULL ? capture_begin() : -1;
	status = pipeline_load(dir, out, &m);
	char *said = capture_end(saved);
	if (said == NULL) {
		g_free(input);
		input = NULL;
	}
	if (status != EXIT_OK) {
		g_free(input);
		g_free(said);
		goto done;
	}
	if (dump != NULL && dk == DUMP_NONE) {
		pipeline_dump_xml(m.model);
		isms_free(&m);
		goto done;
	}
	GPtrArray *jobs = pipeline_jobs(&m, only);
	pack *pk = pack_new(out);
	state *st = NULL;
	if (diag_count(DIAG_ERROR) > 0) {
		status = EXIT_USAGE;
	} else {
		/* only the documents that changed are made (state.h) */
		if (dk == DUMP_NONE) {
			st = state_begin(out, &m, force, jobs);
			state_set_input(st, input, said);
		}
		status = pipeline_render(&m, jobs, dk, pk);
	}
	if (status == EXIT_OK && dk == DUMP_NONE)
		csv_add(pk, m.model, jobs);
	if (status == EXIT_OK && diag_count(DIAG_ERROR) > 0)
		status = EXIT_SOURCE;
	if (status == EXIT_OK && st != NULL)
		state_end(st, jobs, pk);
	if (status == EXIT_OK && dk == DUMP_NONE && pack_commit(pk) != 0)
		status = EXIT_IO;
	state_free(st);
	pack_free(pk);
	g_ptr_array_free(jobs, TRUE);
	isms_free(&m);
	g_free(input);
	g_free(said);
done:
	g_free(out);
	g_free(dump);
	g_strfreev(only);
	return status;
}
