/* pipeline: load -> link -> transform -> typeset -> paint, in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>

#include "diag.h"
#include "fonts.h"
#include "link.h"
#include "load.h"
#include "paint.h"
#include "pipeline.h"
#include "git.h"
#include "state.h"
#include "rng.h"
#include "progress.h"
#include "transform.h"
#include "typeset.h"

#ifndef ISMSC_DATADIR
#define ISMSC_DATADIR "/usr/local/share/ismsc"
#endif

char *
pipeline_datadir(void)
{
	const char *env = getenv("ISMSC_DATADIR");

	if (env != NULL && env[0] != '\0')
		return g_strdup(env);
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		/* a build tree: beside the executable; an installed tree
		 * (PREFIX/bin/ismsc), wherever it was moved or staged:
		 * PREFIX/share/ismsc */
		char *bin = g_path_get_dirname(exe);
		char *dirs[] = { g_strdup(bin),
			g_build_filename(bin, "..", "share", "ismsc", NULL) };
		char *found = NULL;
		for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
			char *probe = g_build_filename(dirs[i], "schema",
			    "sources.rng", NULL);
			if (found == NULL &&
			    g_file_test(probe, G_FILE_TEST_EXISTS))
				found = g_canonicalize_filename(dirs[i], NULL);
			g_free(probe);
			g_free(dirs[i]);
		}
		g_free(bin);
		g_free(exe);
		if (found != NULL)
			return found;
	}
	return g_strdup(ISMSC_DATADIR);
}

gint64
pipeline_epoch(const char *dir)
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

int
pipeline_load(const char *dir, const char *skip, isms *out)
{
	char *data = pipeline_datadir();
	char *schema = g_build_filename(data, "schema", "sources.rng", NULL);
	char *catpath = g_build_filename(data, "stylesheets", "data",
	    "annex-a-2022.xml", NULL);
	int status = EXIT_OK;
	xmlDocPtr cat = NULL;

	memset(out, 0, sizeof(*out));
	source_set *set = load_sources(dir, schema, skip);
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
	format_epoch(pipeline_epoch(dir), out->date, out->stamp);
	link_options lo = { out->date, "ismsc " ISMSC_VERSION };
	out->model = link_model(set, cat, &lo);
	if (out->model == NULL) {
		status = EXIT_SOURCE;
	} else {
		/* revision data: git.h, state.h */
		GPtrArray *names = g_ptr_array_new();
		for (guint i = 0; i < set->files->len; i++)
			g_ptr_array_add(names,
			    ((source_file *)set->files->pdata[i])->name);
		out->repo = git_open(dir);
		state_annotate(out->model, dir, names, out->repo);
		g_ptr_array_free(names, TRUE);
	}
done:
	xmlFreeDoc(cat);
	if (status == EXIT_OK)
		out->sources = set;
	else
		source_set_free(set);
	g_free(schema);
	g_free(catpath);
	g_free(data);
	return status;
}

void
isms_free(isms *m)
{
	xmlFreeDoc(m->model);
	source_set_free(m->sources);
	git_close(m->repo);
	memset(m, 0, sizeof(*m));
}

static void
job_free(gpointer p)
{
	job *j = p;

	g_free(j->name);
	g_free(j->kind);
	g_free(j->policy);
	g_free(j->out);
	xmlFreeDoc(j->view);
	xmlFreeDoc(j->layout);
	if (j->sources != NULL)
		g_ptr_array_free(j->sources, TRUE);
	g_strfreev(j->revision);
	g_free(j->title);
	g_free(j);
}

void
pipeline_job_free(gpointer p)
{
	job_free(p);
}

/* Each job's source files, revision data and digest (state.h). */
static GPtrArray *
described(const isms *m, GPtrArray *jobs)
{
	state_describe(m, jobs);
	return jobs;
}

static job *
job_new(const char *name, const char *kind, const char *policy,
    char *out)
{
	job *j = g_new0(job, 1);

	j->name = g_strdup(name);
	j->kind = g_strdup(kind);
	j->policy = g_strdup(policy);
	j->out = out;
	return j;
}

job *
pipeline_job_new(const char *name, const char *kind, const char *policy,
    char *out)
{
	return job_new(name, kind, policy, out);
}

GPtrArray *
pipeline_jobs(const isms *m, char *const *only)
{
	GPtrArray *all = g_ptr_array_new_with_free_func(job_free);
	GPtrArray *ids = link_policy_ids(m->model);

	g_ptr_array_add(all, job_new("soa", "soa", NULL,
	    g_strdup("statement-of-applicability.pdf")));
	g_ptr_array_add(all, job_new("rtp", "rtp", NULL,
	    g_strdup("risk-treatment-plan.pdf")));
	/* the other documents made from the whole model: name = stylesheet */
	static const char *const whole[][2] = {
		{ "risk-assessment", "risk-assessment-report.pdf" },
		{ "scope", "isms-scope-and-context.pdf" },
		{ "objectives", "information-security-objectives.pdf" },
		{ "readiness", "documented-information-readiness.pdf" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(whole); i++)
		g_ptr_array_add(all, job_new(whole[i][0], whole[i][0], NULL,
		    g_strdup(whole[i][1])));
	/* the kinds of documents the user's stylesheets add: KIND.pdf */
	char *data = pipeline_datadir();
	char *xsl = g_build_filename(data, "stylesheets", NULL);
	GPtrArray *kinds = transform_user_kinds(xsl);
	g_free(xsl);
	g_free(data);
	for (guint i = 0; i < kinds->len; i++)
		g_ptr_array_add(all, job_new(kinds->pdata[i], kinds->pdata[i],
		    NULL, g_strconcat(kinds->pdata[i], ".pdf", NULL)));
	g_ptr_array_free(kinds, TRUE);
	for (guint i = 0; i < ids->len; i++)
		g_ptr_array_add(all, job_new(ids->pdata[i], "policy",
		    ids->pdata[i], g_strconcat("policies/", ids->pdata[i],
		    ".pdf", NULL)));
	g_ptr_array_free(ids, TRUE);
	if (only == NULL)
		return described(m, all);
	GPtrArray *chosen = g_ptr_array_new_with_free_func(job_free);
	for (char *const *o = only; *o != NULL; o++) {
		guint i;
		for (i = 0; i < all->len; i++)
			if (strcmp(((job *)all->pdata[i])->name, *o) == 0)
				break;
		if (i == all->len) {
			diag_at(DIAG_ERROR, NULL, 0, 0,
			    "--only %s: no such document (soa, rtp, "
			    "risk-assessment, scope, objectives, readiness or "
			    "a policy id)",
			    *o);
			continue;
		}
		g_ptr_array_add(chosen, g_ptr_array_steal_index(all, i));
	}
	g_ptr_array_free(all, TRUE);
	return described(m, chosen);
}

void
pipeline_dump_xml(xmlDocPtr doc)
{
	xmlChar *buf;
	int len;

	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 0);
	fwrite(buf, 1, (size_t)len, stdout);
	xmlFree(buf);
}

/* The layout schema, compiled once: layout documents are checked before
 * they are typeset, so that the typesetter may trust them (a user's
 * stylesheet can produce anything). */
static rng *layout_schema;

int
pipeline_typeset(PangoFontMap *fonts, xmlDocPtr layout,
    const paint_meta *meta, dump_kind dump, const char *name, GBytes **out)
{
	return pipeline_typeset_pages(fonts, layout, meta, dump, name, out,
	    NULL);
}

int
pipeline_typeset_pages(PangoFontMap *fonts, xmlDocPtr layout,
    const paint_meta *meta, dump_kind dump, const char *name, GBytes **out,
    int *pages)
{
	*out = NULL;
	if (layout_schema == NULL) {
		char *data = pipeline_datadir();
		char *path = g_build_filename(data, "schema", "layout.rng", NULL);
		layout_schema = rng_load(path);
		g_free(path);
		g_free(data);
		if (layout_schema == NULL)
			return EXIT_INTERNAL;
	}
	if (rng_validate(layout_schema, layout) != 0) {
		diag_at(DIAG_ERROR, NULL, 0, 0, "%s: the stylesheet made a layout "
		    "document that is not valid (schema/layout.rng)", name);
		return EXIT_INTERNAL;
	}
	pdf *p = pdf_new(fonts);
	ts_doc *doc = typeset(layout, pdf_context(p));
	if (doc == NULL) {
		pdf_free(p);
		return EXIT_SOURCE;
	}
	if (dump == DUMP_PAGES) {
		GString *s = g_string_new(NULL);
		g_string_append_printf(s, "document %s\n", name);
		ts_dump(doc, s);
		fwrite(s->str, 1, s->len, stdout);
		g_string_free(s, TRUE);
	}
	if (pages != NULL)
		*pages = (int)doc->pages->len;
	*out = pdf_paint(p, doc, meta);
	ts_doc_free(doc);
	return *out != NULL ? EXIT_OK : EXIT_INTERNAL;
}

int
pipeline_render(const isms *m, GPtrArray *jobs, dump_kind dump, pack *pk)
{
	if (jobs->len == 0)
		return EXIT_OK;        /* all up to date: no fonts to load */
	char *data = pipeline_datadir();
	char *fontdir = g_build_filename(data, "fonts", NULL);
	char *xsldir = g_build_filename(data, "stylesheets", NULL);
	PangoFontMap *fonts = fonts_load(fontdir);
	transform *tr = transform_new(xsldir);
	int status = fonts == NULL ? EXIT_INTERNAL : EXIT_OK;
	paint_meta meta = { "ismsc " ISMSC_VERSION, m->stamp };

	g_free(fontdir);
	g_free(xsldir);
	g_free(data);
	for (guint i = 0; i < jobs->len && status == EXIT_OK; i++) {
		job *j = jobs->pdata[i];
		progress_document(i, jobs->len, j->out);
		const char *params[] = { "policy", j->policy, NULL };
		transform_status ts = TRANSFORM_OK;
		int warnings = diag_count(DIAG_WARNING);
		/* a job's view is its stylesheet's whole input (state.h) */
		if (j->layout == NULL && j->view == NULL && j->revision != NULL)
			j->view = state_view(m, j);
		xmlDocPtr layout = j->layout != NULL ? j->layout :
		    transform_apply(tr, j->kind, j->view ? j->view : m->model,
		    j->policy ? params : NULL, &ts);
		j->layout = NULL;
		if (layout == NULL) {
			status = ts == TRANSFORM_TERMINATED ? EXIT_TERMINATED :
			    EXIT_INTERNAL;
			break;
		}
		if (dump == DUMP_LAYOUT) {
			pipeline_dump_xml(layout);
			xmlFreeDoc(layout);
			continue;
		}
		GBytes *bytes = NULL;
		xmlChar *title = xmlGetProp(xmlDocGetRootElement(layout),
		    (const xmlChar *)"title");
		g_free(j->title);
		j->title = g_strdup(title ? (const char *)title : j->name);
		xmlFree(title);
		status = pipeline_typeset_pages(fonts, layout, &meta, dump,
		    j->name, &bytes, &j->pages);
		if (bytes != NULL) {
			gsize len;
			const void *d = g_bytes_get_data(bytes, &len);
			state_sha256(d, len, j->sha256);
			j->size = (gint64)len;
			j->warned = diag_count(DIAG_WARNING) > warnings;
		}
		if (bytes != NULL && dump == DUMP_NONE)
			pack_add(pk, j->out, bytes);
		if (bytes != NULL)
			g_bytes_unref(bytes);
		xmlFreeDoc(layout);
	}
	transform_free(tr);
	if (fonts != NULL)
		g_object_unref(fonts);
	return status;
}
