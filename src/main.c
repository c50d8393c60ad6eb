/* ismsc: the command line. Parses options, finds ismsc's data, runs the
 * stages in order and maps the outcome to an exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "diag.h"
#include "fonts.h"
#include "link.h"
#include "load.h"
#include "pack.h"
#include "paint.h"
#include "transform.h"
#include "typeset.h"

#ifndef ISMSC_VERSION
#define ISMSC_VERSION "0.1.0"
#endif
#ifndef ISMSC_DATADIR
#define ISMSC_DATADIR "/usr/local/share/ismsc"
#endif

static const char usage[] =
    "usage: ismsc check [-q] [--strict] [DIR]\n"
    "       ismsc build [-q] [--strict] [-o OUT] [--only DOC]... "
    "[--dump model|layout|pages] [DIR]\n"
    "       ismsc --version\n";

typedef struct options {
	const char *command;
	const char *dir;
	char *out;
	char **only;
	char *dump;
	gboolean quiet, strict, version;
} options;

/* A document the build makes. */
typedef struct job {
	char *name;        /* for --only: soa, rtp, or a policy id */
	const char *kind;  /* stylesheet */
	char *policy;      /* stylesheet parameter, or NULL */
	char *out;         /* path below OUT */
} job;

/* Where schema/, stylesheets/ and fonts/ are: $ISMSC_DATADIR, else beside
 * the executable (a build tree), else the installed data folder. */
static char *
datadir(void)
{
	const char *env = getenv("ISMSC_DATADIR");

	if (env != NULL && env[0] != '\0')
		return g_strdup(env);
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		char *dir = g_path_get_dirname(exe);
		char *probe = g_build_filename(dir, "schema", "sources.rng",
		    NULL);
		int ok = g_file_test(probe, G_FILE_TEST_EXISTS);
		g_free(probe);
		g_free(exe);
		if (ok)
			return dir;
		g_free(dir);
	}
	return g_strdup(ISMSC_DATADIR);
}

/* The build's moment: SOURCE_DATE_EPOCH, else the commit date of HEAD in
 * dir's repository, else the epoch. Never the clock. */
static gint64
build_epoch(const char *dir)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde != NULL && sde[0] != '\0') {
		char *end;
		gint64 v = g_ascii_strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0)
			return v;
		diag_at(DIAG_WARNING, NULL, 0, 0,
		    "SOURCE_DATE_EPOCH is not a number of seconds; ignored");
	}
	const char *argv[] = { "git", "-C", dir, "log", "-1", "--format=%ct",
		"HEAD", NULL };
	char *out = NULL;
	int status = 0;
	gint64 v = 0;
	if (g_spawn_sync(NULL, (char **)argv, NULL,
	    G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
	    NULL, &status, NULL) && g_spawn_check_wait_status(status, NULL) &&
	    out != NULL)
		v = g_ascii_strtoll(out, NULL, 10);
	g_free(out);
	return v;
}

static void
format_epoch(gint64 epoch, char date[11], char stamp[21])
{
	GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
	char *d = g_date_time_format(dt, "%Y-%m-%d");
	char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");

	g_strlcpy(date, d, 11);
	g_strlcpy(stamp, s, 21);
	g_free(d);
	g_free(s);
	g_date_time_unref(dt);
}

static GPtrArray *
jobs_for(xmlDocPtr model, char **only)
{
	GPtrArray *jobs = g_ptr_array_new();
	GPtrArray *ids = link_policy_ids(model);
	static const char *const fixed[][3] = {
		{ "soa", "soa", "statement-of-applicability.pdf" },
		{ "rtp", "rtp", "risk-treatment-plan.pdf" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++) {
		job *j = g_new0(job, 1);
		j->name = g_strdup(fixed[i][0]);
		j->kind = fixed[i][1];
		j->out = g_strdup(fixed[i][2]);
		g_ptr_array_add(jobs, j);
	}
	for (guint i = 0; i < ids->len; i++) {
		job *j = g_new0(job, 1);
		j->name = g_strdup(ids->pdata[i]);
		j->kind = "policy";
		j->policy = g_strdup(ids->pdata[i]);
		j->out = g_strconcat("policies/", ids->pdata[i], ".pdf", NULL);
		g_ptr_array_add(jobs, j);
	}
	g_ptr_array_free(ids, TRUE);
	if (only == NULL)
		return jobs;
	GPtrArray *chosen = g_ptr_array_new();
	for (guint i = 0; i < jobs->len; i++) {
		job *j = jobs->pdata[i];
		if (g_strv_contains((const char *const *)only, j->name))
			g_ptr_array_add(chosen, j);
		else {
			g_free(j->name);
			g_free(j->policy);
			g_free(j->out);
			g_free(j);
		}
	}
	for (char **o = only; *o != NULL; o++) {
		int found = 0;
		for (guint i = 0; i < chosen->len; i++)
			found |= strcmp(((job *)chosen->pdata[i])->name, *o) == 0;
		if (!found)
			diag_at(DIAG_ERROR, NULL, 0, 0,
			    "--only %s: no such document (soa, rtp or a policy id)",
			    *o);
	}
	g_ptr_array_free(jobs, TRUE);
	return chosen;
}

static void
job_free(gpointer p)
{
	job *j = p;

	g_free(j->name);
	g_free(j->policy);
	g_free(j->out);
	g_free(j);
}

static void
dump_xml(xmlDocPtr doc)
{
	xmlChar *buf;
	int len;

	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 0);
	fwrite(buf, 1, (size_t)len, stdout);
	xmlFree(buf);
}

/* Transform, typeset and paint every job; queue the PDFs in pk. Returns
 * an exit status. */
static int
render(const options *o, const char *data, xmlDocPtr model, GPtrArray *jobs,
    const char *stamp, pack *pk)
{
	char *fontdir = g_build_filename(data, "fonts", NULL);
	char *xsldir = g_build_filename(data, "stylesheets", NULL);
	PangoFontMap *fonts = fonts_load(fontdir);
	transform *tr = transform_new(xsldir);
	int status = EXIT_OK;
	paint_meta meta = { "ismsc " ISMSC_VERSION, stamp };

	g_free(fontdir);
	g_free(xsldir);
	if (fonts == NULL)
		status = EXIT_INTERNAL;
	for (guint i = 0; i < jobs->len && status == EXIT_OK; i++) {
		job *j = jobs->pdata[i];
		const char *params[] = { "policy", j->policy, NULL };
		transform_status ts;
		xmlDocPtr layout = transform_apply(tr, j->kind, model,
		    j->policy ? params : NULL, &ts);
		if (layout == NULL) {
			status = ts == TRANSFORM_TERMINATED ? EXIT_TERMINATED :
			    EXIT_INTERNAL;
			break;
		}
		if (o->dump != NULL && strcmp(o->dump, "layout") == 0) {
			dump_xml(layout);
			xmlFreeDoc(layout);
			continue;
		}
		pdf *p = pdf_new(fonts);
		ts_doc *doc = typeset(layout, pdf_context(p));
		if (doc == NULL) {
			pdf_free(p);
			xmlFreeDoc(layout);
			status = EXIT_SOURCE;
			break;
		}
		if (o->dump != NULL && strcmp(o->dump, "pages") == 0) {
			GString *s = g_string_new(NULL);
			g_string_append_printf(s, "document %s\n", j->name);
			ts_dump(doc, s);
			fwrite(s->str, 1, s->len, stdout);
			g_string_free(s, TRUE);
		}
		GBytes *bytes = pdf_paint(p, doc, &meta);
		if (bytes == NULL)
			status = EXIT_INTERNAL;
		else if (o->dump == NULL)
			pack_add(pk, j->out, bytes);
		if (bytes != NULL)
			g_bytes_unref(bytes);
		ts_doc_free(doc);
		xmlFreeDoc(layout);
	}
	transform_free(tr);
	if (fonts != NULL)
		g_object_unref(fonts);
	return status;
}

static int
run(const options *o)
{
	char *data = datadir();
	char *schema = g_build_filename(data, "schema", "sources.rng", NULL);
	char *catpath = g_build_filename(data, "stylesheets", "data",
	    "annex-a-2022.xml", NULL);
	const char *out = o->out ? o->out : "out";
	int status = EXIT_OK;
	source_set *set = NULL;
	xmlDocPtr cat = NULL, model = NULL;

	set = load_sources(o->dir, schema, out);
	if (set == NULL) {
		status = EXIT_IO;
		goto done;
	}
	if (diag_count(DIAG_ERROR) > 0) {
		status = EXIT_SOURCE;
		goto done;
	}
	cat = load_file(catpath, catpath);
	if (cat == NULL) {
		status = EXIT_INTERNAL;
		goto done;
	}
	gint64 epoch = build_epoch(o->dir);
	char date[11], stamp[21];
	format_epoch(epoch, date, stamp);
	link_options lo = { date, "ismsc " ISMSC_VERSION };
	model = link_model(set, cat, &lo);
	if (model == NULL) {
		status = EXIT_SOURCE;
		goto done;
	}
	if (strcmp(o->command, "check") == 0)
		goto done;
	if (o->dump != NULL && strcmp(o->dump, "model") == 0) {
		dump_xml(model);
		goto done;
	}
	GPtrArray *jobs = jobs_for(model, o->only);
	g_ptr_array_set_free_func(jobs, job_free);
	if (diag_count(DIAG_ERROR) > 0) {
		status = EXIT_USAGE;
		g_ptr_array_free(jobs, TRUE);
		goto done;
	}
	pack *pk = pack_new(out);
	status = render(o, data, model, jobs, stamp, pk);
	if (status == EXIT_OK && diag_count(DIAG_ERROR) > 0)
		status = EXIT_SOURCE;
	if (status == EXIT_OK && o->dump == NULL && pack_commit(pk) != 0)
		status = EXIT_IO;
	pack_free(pk);
	g_ptr_array_free(jobs, TRUE);
done:
	xmlFreeDoc(model);
	xmlFreeDoc(cat);
	source_set_free(set);
	g_free(schema);
	g_free(catpath);
	g_free(data);
	return status;
}

int
main(int argc, char **argv)
{
	options o = { 0 };
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.out,
		  "write outputs into OUT (default: ./out)", "OUT" },
		{ "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.only,
		  "build only DOC: soa, rtp or a policy id (repeatable)", "DOC" },
		{ "dump", 0, 0, G_OPTION_ARG_STRING, &o.dump,
		  "print the model, the layout documents or the page trees "
		  "instead of writing PDFs", "model|layout|pages" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet,
		  "print errors only", NULL },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &o.strict,
		  "treat warnings as errors", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &o.version,
		  "print the version and exit", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("COMMAND [DIR]");
	GError *err = NULL;
	int status;

	g_option_context_set_summary(oc,
	    "Compile an ISMS kept as XML sources into audit-ready PDF documents.\n"
	    "\nCommands:\n"
	    "  check   validate and link the sources in DIR (default: .)\n"
	    "  build   check, then write the SoA, the risk treatment plan and\n"
	    "          one PDF per policy into OUT");
	g_option_context_add_main_entries(oc, entries, NULL);
	if (!g_option_context_parse(oc, &argc, &argv, &err)) {
		fprintf(stderr, "ismsc: %s\n%s", err->message, usage);
		g_error_free(err);
		g_option_context_free(oc);
		return EXIT_USAGE;
	}
	g_option_context_free(oc);
	if (o.version) {
		printf("ismsc %s\n", ISMSC_VERSION);
		return EXIT_OK;
	}
	if (argc < 2 || argc > 3 || (strcmp(argv[1], "check") != 0 &&
	    strcmp(argv[1], "build") != 0)) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (o.dump != NULL && strcmp(o.dump, "model") != 0 &&
	    strcmp(o.dump, "layout") != 0 && strcmp(o.dump, "pages") != 0) {
		fprintf(stderr, "ismsc: --dump %s: expected model, layout or "
		    "pages\n%s", o.dump, usage);
		return EXIT_USAGE;
	}
	o.command = argv[1];
	o.dir = argc == 3 ? argv[2] : ".";
	diag_set_quiet(o.quiet);
	diag_set_strict(o.strict);

	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, diag_xml_error);
	status = run(&o);
	xsltCleanupGlobals();
	xmlCleanupParser();
	FcFini();       /* the application font configuration and its caches */
	g_free(o.out);
	g_free(o.dump);
	g_strfreev(o.only);
	return status;
}
