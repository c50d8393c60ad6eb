/* pipeline: load -> link -> transform -> typeset -> paint, in order. */
#define _GNU_SOURCE         /* memfd_create, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
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

/* SOURCE_DATE_EPOCH into *v; 0 when it is not set (or not a number,
 * reported). */
static int
source_date_epoch(gint64 *v)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde == NULL || sde[0] == '\0')
		return 0;
	char *end;
	*v = g_ascii_strtoll(sde, &end, 10);
	if (*end == '\0' && *v >= 0)
		return 1;
	diag_at(DIAG_WARNING, NULL, 0, 0,
	    "SOURCE_DATE_EPOCH is not a number of seconds; ignored");
	return 0;
}

gint64
pipeline_epoch(const char *dir)
{
	gint64 v = 0;

	if (source_date_epoch(&v))
		return v;
	const char *argv[] = { "git", "-C", dir, "log", "-1", "--format=%ct",
		"HEAD", NULL };
	char *out = NULL;
	int status = 0;
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
	/* the build's moment: as pipeline_epoch, HEAD's from the repository
	 * read once for the revision data */
	out->repo = git_open(dir);
	gint64 epoch = 0;
	git_commit head;
	if (!source_date_epoch(&epoch) && git_head(out->repo, &head))
		epoch = head.time;
	format_epoch(epoch, out->date, out->stamp);
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
		state_annotate(out->model, dir, names, out->repo);
		g_ptr_array_free(names, TRUE);
	}
done:
	xmlFreeDoc(cat);
	if (status == EXIT_OK) {
		out->sources = set;
	} else {
		source_set_free(set);
		git_close(out->repo);
		out->repo = NULL;
	}
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

/* How much work a document makes per byte of its view, roughly, by
 * stylesheet (pages per view byte on the bench's data, bench/README.md):
 * the first build's order of work, before page counts are known. */
static gint64
kind_weight(const char *kind)
{
	static const struct { const char *kind; gint64 weight; } w[] = {
		{ "rtp", 16 }, { "risk-assessment", 4 }, { "soa", 12 },
		{ "readiness", 2 }, { "scope", 1 }, { "objectives", 1 },
		{ "policy", 4 },
	};

	for (size_t i = 0; kind != NULL && i < G_N_ELEMENTS(w); i++)
		if (strcmp(kind, w[i].kind) == 0)
			return w[i].weight;
	return 4;
}

/* Each job's source files, revision data and digest (state.h), and its
 * cost by its view. */
static GPtrArray *
described(const isms *m, GPtrArray *jobs)
{
	state_describe(m, jobs);
	for (guint i = 0; i < jobs->len; i++) {
		job *j = jobs->pdata[i];
		j->cost *= kind_weight(j->kind);
	}
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
	int invalid = rng_validate(layout_schema, layout) != 0;
	if (invalid) {
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

/* What rendering the jobs shares: set up once, before any worker is
 * made, so that every worker inherits it. */
typedef struct render_ctx {
	const isms *m;
	char *fontdir;
	PangoFontMap *fonts;       /* NULL until loaded */
	transform *tr;
	paint_meta meta;
	dump_kind dump;
} render_ctx;

/* Make one job's PDF into *bytes (or dump its layout or page tree).
 * Fills its title, hash, size, pages and warned. Returns an exit
 * status. */
static int
render_one(render_ctx *rc, job *j, GBytes **bytes)
{
	const char *params[] = { "policy", j->policy, NULL };
	transform_status ts = TRANSFORM_OK;
	int warnings = diag_count(DIAG_WARNING);

	*bytes = NULL;
	/* a job's view is its stylesheet's whole input (state.h) */
	if (j->layout == NULL && j->view == NULL && j->revision != NULL)
		j->view = state_view(rc->m, j);
	xmlDocPtr layout = j->layout != NULL ? j->layout :
	    transform_apply(rc->tr, j->kind, j->view ? j->view : rc->m->model,
	    j->policy ? params : NULL, &ts);
	j->layout = NULL;
	if (layout == NULL)
		return ts == TRANSFORM_TERMINATED ? EXIT_TERMINATED :
		    EXIT_INTERNAL;
	if (rc->dump == DUMP_LAYOUT) {
		pipeline_dump_xml(layout);
		xmlFreeDoc(layout);
		return EXIT_OK;
	}
	xmlChar *title = xmlGetProp(xmlDocGetRootElement(layout),
	    (const xmlChar *)"title");
	g_free(j->title);
	j->title = g_strdup(title ? (const char *)title : j->name);
	xmlFree(title);
	int status = pipeline_typeset_pages(rc->fonts, layout, &rc->meta,
	    rc->dump, j->name, bytes, &j->pages);
	if (*bytes != NULL) {
		gsize len;
		const void *d = g_bytes_get_data(*bytes, &len);
		state_sha256(d, len, j->sha256);
		j->size = (gint64)len;
		j->warned = diag_count(DIAG_WARNING) > warnings;
	}
	xmlFreeDoc(layout);
	return status;
}

/* ---- parallel rendering ---------------------------------------------------
 *
 * With more than one job at a time, workers forked once everything is
 * loaded (so that they share the model, the fonts and the stylesheets'
 * state as it is) each make one document after another, as the parent
 * hands them out, longest first. A worker's diagnostics go to a file of
 * its own; its result (status, diagnostics, hash, size, pages, title and
 * the PDF) comes back whole through a pipe. The parent takes the results
 * in the order of the jobs, as a build of one job at a time would make
 * them: the same diagnostics in the same order, the same first failure
 * (jobs after it in that order are not started, or their results are
 * dropped), the same PDFs queued in pk. */

static int parallel = 1;
static void (*idle)(gpointer);
static gpointer idle_data;

void
pipeline_set_idle(void (*fn)(gpointer), gpointer data)
{
	idle = fn;
	idle_data = data;
}

/* Do the idle work, once. */
static void
run_idle(void)
{
	void (*fn)(gpointer) = idle;

	idle = NULL;
	if (fn != NULL)
		fn(idle_data);
}

void
pipeline_set_parallel(int n)
{
	parallel = n > 0 ? n : 1;
}

int
pipeline_default_parallel(void)
{
	return (int)g_get_num_processors();
}

typedef struct result_head {
	guint32 index;
	gint32 status, warned, pages;
	gint64 size;
	gint32 counts[DIAG_ERROR + 1];
	guint32 title_len, err_len, tmp_len;
	char sha256[65];
} result_head;

typedef struct result {
	int done;
	result_head h;
	char *title;
	GBytes *err;
	char *tmp;                 /* the PDF's temporary file (pack.h) */
} result;

typedef struct worker {
	GPid pid;
	int to, from;              /* pipes: job indexes in, results out */
	int busy;                  /* a job is out */
	guint index;               /* the job out */
	GByteArray *in;            /* the result read so far */
} worker;

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The worker's loop: a job index in, its result out, until the parent
 * closes the pipe. Diagnostics go to a memory file, sent with the
 * result; the PDF to its temporary file beside its place (pack.h), whose
 * name is sent. */
static G_GNUC_NORETURN void
work(render_ctx *rc, GPtrArray *jobs, pack *pk, int in, int out)
{
	int errfd = memfd_create("ismsc-diagnostics", MFD_CLOEXEC);
	guint32 index;

	prctl(PR_SET_PDEATHSIG, SIGKILL);   /* never outlive the build */
	if (errfd < 0 || dup2(errfd, STDERR_FILENO) < 0)
		_exit(EXIT_INTERNAL);
	while (read(in, &index, sizeof(index)) == (ssize_t)sizeof(index) &&
	    index < jobs->len) {
		job *j = jobs->pdata[index];
		result_head h = { .index = index };
		int before[DIAG_ERROR + 1];
		GBytes *bytes = NULL;
		for (int l = 0; l <= DIAG_ERROR; l++)
			before[l] = diag_count(l);
		if (ftruncate(errfd, 0) != 0 || lseek(errfd, 0, SEEK_SET) != 0)
			_exit(EXIT_INTERNAL);
		/* the fonts, once; a failure is reported with every job */
		if (rc->fonts == NULL)
			rc->fonts = fonts_load(rc->fontdir);
		h.status = rc->fonts == NULL ? EXIT_INTERNAL :
		    render_one(rc, j, &bytes);
		char *tmp = bytes != NULL && h.status == EXIT_OK ?
		    pack_prepare(pk, j->out, bytes) : NULL;
		if (bytes != NULL && h.status == EXIT_OK && tmp == NULL)
			h.status = EXIT_IO;
		fflush(stderr);
		for (int l = 0; l <= DIAG_ERROR; l++)
			h.counts[l] = diag_count(l) - before[l];
		xmlFreeDoc(j->view);
		j->view = NULL;
		off_t errlen = lseek(errfd, 0, SEEK_CUR);
		char *err = g_malloc(errlen > 0 ? (size_t)errlen : 1);
		if (errlen > 0 && pread(errfd, err, (size_t)errlen, 0) != errlen)
			_exit(EXIT_INTERNAL);
		h.warned = j->warned;
		h.pages = j->pages;
		h.size = j->size;
		memcpy(h.sha256, j->sha256, sizeof(h.sha256));
		h.title_len = j->title ? (guint32)strlen(j->title) : 0;
		h.err_len = errlen > 0 ? (guint32)errlen : 0;
		h.tmp_len = tmp ? (guint32)strlen(tmp) : 0;
		if (write_all(out, &h, sizeof(h)) != 0 ||
		    write_all(out, j->title ? j->title : "", h.title_len) != 0 ||
		    write_all(out, err, h.err_len) != 0 ||
		    write_all(out, tmp ? tmp : "", h.tmp_len) != 0)
			_exit(EXIT_INTERNAL);
		g_free(tmp);
		g_free(err);
		if (bytes != NULL)
			g_bytes_unref(bytes);
	}
	_exit(EXIT_OK);
}

/* A result read whole from w->in into r; returns 1 when one was. */
static int
take_result(worker *w, result *results)
{
	result_head h;

	if (w->in->len < sizeof(h))
		return 0;
	memcpy(&h, w->in->data, sizeof(h));
	guint64 need = sizeof(h) + (guint64)h.title_len + h.err_len + h.tmp_len;
	if (w->in->len < need)
		return 0;
	result *r = &results[h.index];
	const char *p = (const char *)w->in->data + sizeof(h);
	r->h = h;
	r->title = h.title_len > 0 ? g_strndup(p, h.title_len) : NULL;
	p += h.title_len;
	r->err = g_bytes_new(p, h.err_len);
	p += h.err_len;
	r->tmp = h.tmp_len > 0 ? g_strndup(p, h.tmp_len) : NULL;
	r->done = 1;
	g_byte_array_remove_range(w->in, 0, (guint)need);
	w->busy = 0;
	return 1;
}

/* Jobs by decreasing cost (pipeline.h), ties in their order. */
static gint
by_cost(gconstpointer a, gconstpointer b, gpointer data)
{
	const job *const *jobs = data;
	guint x = *(const guint *)a, y = *(const guint *)b;

	if (jobs[x]->cost != jobs[y]->cost)
		return jobs[x]->cost > jobs[y]->cost ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Take result i in job order: its diagnostics and counts, its PDF into
 * pk, and the progress line of the next job (the moment one job after
 * another would start it). Returns its status. */
static int
emit(GPtrArray *jobs, result *r, guint i, pack *pk)
{
	job *j = jobs->pdata[i];
	gsize len;
	const char *err = g_bytes_get_data(r->err, &len);

	if (len > 0)
		fwrite(err, 1, len, stderr);
	for (int l = 0; l <= DIAG_ERROR; l++)
		diag_count_add(l, r->h.counts[l]);
	if (r->h.status != EXIT_OK || r->tmp == NULL)
		return r->h.status != EXIT_OK ? r->h.status : EXIT_INTERNAL;
	g_free(j->title);
	j->title = r->title;
	r->title = NULL;
	memcpy(j->sha256, r->h.sha256, sizeof(j->sha256));
	j->size = r->h.size;
	j->pages = r->h.pages;
	j->warned = r->h.warned;
	pack_add_prepared(pk, j->out, r->tmp);
	r->tmp = NULL;
	if (i + 1 < jobs->len)
		progress_document(i + 1, jobs->len,
		    ((job *)jobs->pdata[i + 1])->out);
	return EXIT_OK;
}

static int
render_parallel(render_ctx *rc, GPtrArray *jobs, pack *pk, int n)
{
	guint total = jobs->len, next = 0, emitted = 0, limit = total;
	guint *order = g_new(guint, total);
	result *results = g_new0(result, total);
	worker *ws = g_new0(worker, n);
	int status = EXIT_OK, live = 0;

	/* a worker gone makes writes to it fail, not this process end */
	void (*sigpipe)(int) = signal(SIGPIPE, SIG_IGN);
	for (guint i = 0; i < total; i++)
		order[i] = i;
	g_qsort_with_data(order, (gint)total, sizeof(guint), by_cost,
	    jobs->pdata);
	progress_document(0, total, ((job *)jobs->pdata[0])->out);
	fflush(stdout);
	fflush(stderr);
	for (int k = 0; k < n; k++) {
		int to[2], from[2];
		if (pipe2(to, O_CLOEXEC) != 0 || pipe2(from, O_CLOEXEC) != 0) {
			diag_at(DIAG_ERROR, NULL, 0, 0, "cannot start a job: %s",
			    g_strerror(errno));
			status = EXIT_INTERNAL;
			break;
		}
		pid_t pid = fork();
		if (pid == 0) {
			for (int o = 0; o < k; o++) {
				close(ws[o].to);
				close(ws[o].from);
			}
			close(to[1]);
			close(from[0]);
			work(rc, jobs, pk, to[0], from[1]);
		}
		close(to[0]);
		close(from[1]);
		if (pid < 0) {
			diag_at(DIAG_ERROR, NULL, 0, 0, "cannot start a job: %s",
			    g_strerror(errno));
			close(to[1]);
			close(from[0]);
			status = EXIT_INTERNAL;
			break;
		}
		ws[k] = (worker){ pid, to[1], from[0], 0, 0, g_byte_array_new() };
		live++;
	}
	/* the first jobs go out, then the parent does its share */
	for (int k = 0; k < live && next < total; k++) {
		guint32 idx = order[next];
		if (write_all(ws[k].to, &idx, sizeof(idx)) == 0) {
			ws[k].busy = 1;
			ws[k].index = idx;
			next++;
		}
	}
	run_idle();
	while (status == EXIT_OK && emitted < limit) {
		/* hand out jobs, longest first, none after the first failure */
		for (int k = 0; k < live; k++) {
			while (next < total && order[next] >= limit)
				next++;
			if (ws[k].busy || ws[k].to < 0 || next >= total)
				continue;
			guint32 idx = order[next++];
			if (write_all(ws[k].to, &idx, sizeof(idx)) == 0) {
				ws[k].busy = 1;
				ws[k].index = idx;
			} else {           /* the worker is gone: another */
				close(ws[k].to);
				ws[k].to = -1;
				next--;
			}
		}
		GArray *fds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
		for (int k = 0; k < live; k++) {
			struct pollfd p = { ws[k].from, POLLIN, 0 };
			if (ws[k].busy)
				g_array_append_val(fds, p);
		}
		if (fds->len == 0) {       /* every worker is gone */
			diag_at(DIAG_ERROR, NULL, 0, 0, "the processes making "
			    "the documents ended");
			status = EXIT_INTERNAL;
			g_array_free(fds, TRUE);
			break;
		}
		while (poll((struct pollfd *)fds->data, fds->len, -1) < 0 &&
		    errno == EINTR)
			;
		for (guint f = 0; f < fds->len; f++) {
			struct pollfd *p = &g_array_index(fds, struct pollfd, f);
			if (p->revents == 0)
				continue;
			int k = 0;
			while (ws[k].from != p->fd)
				k++;
			guint8 chunk[65536];
			ssize_t got = read(p->fd, chunk, sizeof(chunk));
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				g_byte_array_append(ws[k].in, chunk, (guint)got);
				guint idx = ws[k].index;
				if (take_result(&ws[k], results) &&
				    results[idx].h.status != EXIT_OK &&
				    idx < limit)
					limit = idx + 1;
				continue;
			}
			/* the worker ended with a job out */
			int ws_status = 0;
			waitpid(ws[k].pid, &ws_status, 0);
			ws[k].pid = 0;
			result *r = &results[ws[k].index];
			char *why = WIFSIGNALED(ws_status) ? g_strdup_printf(
			    "signal %d", WTERMSIG(ws_status)) : g_strdup_printf(
			    "exit status %d", WEXITSTATUS(ws_status));
			char *line = g_strdup_printf("ismsc: error: %s: the "
			    "process making it ended (%s)\n",
			    ((job *)jobs->pdata[ws[k].index])->out, why);
			r->err = g_bytes_new_take(line, strlen(line));
			r->h.status = EXIT_INTERNAL;
			r->h.counts[DIAG_ERROR] = 1;
			r->done = 1;
			g_free(why);
			ws[k].busy = 0;
			close(ws[k].to);
			ws[k].to = -1;
			if (ws[k].index < limit)
				limit = ws[k].index + 1;
		}
		g_array_free(fds, TRUE);
		/* the results in job order, as far as they are in */
		while (status == EXIT_OK && emitted < limit &&
		    results[emitted].done) {
			status = emit(jobs, &results[emitted], emitted, pk);
			emitted++;
		}
	}
	for (int k = 0; k < live; k++) {
		if (ws[k].to >= 0)
			close(ws[k].to);       /* the worker ends */
		close(ws[k].from);
		if (ws[k].pid > 0) {
			if (ws[k].busy)
				kill(ws[k].pid, SIGKILL);
			waitpid(ws[k].pid, NULL, 0);
		}
		g_byte_array_free(ws[k].in, TRUE);
	}
	for (guint i = 0; i < total; i++) {
		g_free(results[i].title);
		if (results[i].err != NULL)
			g_bytes_unref(results[i].err);
		if (results[i].tmp != NULL) {     /* not taken: dropped */
			g_unlink(results[i].tmp);
			g_free(results[i].tmp);
		}
	}
	g_free(results);
	g_free(ws);
	g_free(order);
	signal(SIGPIPE, sigpipe);
	return status;
}

int
pipeline_render(const isms *m, GPtrArray *jobs, dump_kind dump, pack *pk)
{
	if (jobs->len == 0) {
		run_idle();
		return EXIT_OK;        /* all up to date: no fonts to load */
	}
	char *data = pipeline_datadir();
	char *xsldir = g_build_filename(data, "stylesheets", NULL);
	render_ctx rc = { m, g_build_filename(data, "fonts", NULL), NULL,
		transform_new(xsldir), { "ismsc " ISMSC_VERSION, m->stamp }, dump };
	int status = EXIT_OK;
	int n = MIN(parallel, (int)jobs->len);

	g_free(xsldir);
	g_free(data);
	/* the workers load the fonts themselves: pango may start threads,
	 * and a process is forked only before any */
	if (n > 1 && dump == DUMP_NONE)
		status = render_parallel(&rc, jobs, pk, n);
	else if ((rc.fonts = fonts_load(rc.fontdir)) == NULL)
		status = EXIT_INTERNAL;
	run_idle();
	for (guint i = 0; i < jobs->len && status == EXIT_OK &&
	    (n <= 1 || dump != DUMP_NONE); i++) {
		job *j = jobs->pdata[i];
		GBytes *bytes = NULL;
		progress_document(i, jobs->len, j->out);
		status = render_one(&rc, j, &bytes);
		if (bytes != NULL && dump == DUMP_NONE)
			pack_add(pk, j->out, bytes);
		if (bytes != NULL)
			g_bytes_unref(bytes);
	}
	transform_free(rc.tr);
	if (rc.fonts != NULL)
		g_object_unref(rc.fonts);
	g_free(rc.fontdir);
	return status;
}
