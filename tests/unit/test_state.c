/* state: each document's view holds what it shows and no more, so its
 * digest changes exactly when the document would; the state file
 * remembers what was made and notices altered outputs. */
#include "helpers.h"

#include "pack.h"
#include "pipeline.h"
#include "state.h"
#include "xml.h"

static int
group_setup(void **unused)
{
	/* the example as outside git: this repository's history is not
	 * its own */
	g_setenv("ISMSC_DATADIR", TOP, TRUE);
	char *top = g_canonicalize_filename(TOP, NULL);
	g_setenv("GIT_CEILING_DIRECTORIES", top, TRUE);
	g_free(top);
	g_setenv("SOURCE_DATE_EPOCH", "1767225600", TRUE);
	return test_group_setup(unused);
}

static job *
find(GPtrArray *jobs, const char *name)
{
	for (guint i = 0; i < jobs->len; i++)
		if (strcmp(((job *)jobs->pdata[i])->name, name) == 0)
			return jobs->pdata[i];
	fail_msg("no job %s", name);
	return NULL;
}

/* The names of the view's root children, joined by spaces. */
static char *
children(const isms *m, const job *j)
{
	xmlDocPtr v = state_view(m, j);
	GString *s = g_string_new(NULL);

	FOR_ELEMENTS(k, xmlDocGetRootElement(v), NULL)
		g_string_append_printf(s, "%s%s", s->len ? " " : "", k->name);
	xmlFreeDoc(v);
	return g_string_free(s, FALSE);
}

static void
assert_children(const isms *m, GPtrArray *jobs, const char *name,
    const char *want)
{
	char *got = children(m, find(jobs, name));

	assert_string_equal(got, want);
	g_free(got);
}

static void
test_views(void **unused)
{
	isms m;

	(void)unused;
	assert_int_equal(pipeline_load(EXAMPLE, NULL, &m), EXIT_OK);
	GPtrArray *jobs = pipeline_jobs(&m, NULL);
	assert_children(&m, jobs, "soa", "organization controls");
	assert_children(&m, jobs, "rtp",
	    "organization risk-methodology risks");
	assert_children(&m, jobs, "POL-02", "organization policies");
	/* a policy's view holds that policy only */
	xmlDocPtr v = state_view(&m, find(jobs, "POL-02"));
	xmlNode *pols = xml_first(xmlDocGetRootElement(v), "policies");
	assert_int_equal(xmlChildElementCount(pols), 1);
	assert_string_equal(xml_prop(xml_first(pols, "policy"), "id"),
	    "POL-02");
	/* outside git: no revision data */
	assert_null(xml_prop(xmlDocGetRootElement(v), "revision"));
	assert_null(xml_prop(xmlDocGetRootElement(v), "uncommitted"));
	xmlFreeDoc(v);
	/* a kind without a declared view reads the whole model */
	char *whole = children(&m, find(jobs, "scope"));
	GString *all = g_string_new(NULL);
	FOR_ELEMENTS(k, xmlDocGetRootElement(m.model), NULL)
		g_string_append_printf(all, "%s%s", all->len ? " " : "",
		    k->name);
	assert_string_equal(whole, all->str);
	g_string_free(all, TRUE);
	g_free(whole);
	g_ptr_array_free(jobs, TRUE);
	isms_free(&m);
}

static void
test_sources(void **unused)
{
	isms m;

	(void)unused;
	assert_int_equal(pipeline_load(EXAMPLE, NULL, &m), EXIT_OK);
	GPtrArray *jobs = pipeline_jobs(&m, NULL);
	GPtrArray *s = find(jobs, "POL-02")->sources;
	GString *got = g_string_new(NULL);
	for (guint i = 0; i < s->len; i++)
		g_string_append_printf(got, "%s\n", (char *)s->pdata[i]);
	/* its own file, the organization (roles, defaults), and the files
	 * of what it names: POL-04 and POL-05, the risk register */
	assert_non_null(strstr(got->str, EXAMPLE "/documents/POL-02-access-control.xml\n"));
	assert_non_null(strstr(got->str, EXAMPLE "/organization.xml\n"));
	assert_non_null(strstr(got->str, EXAMPLE "/documents/POL-04-asset-management.xml\n"));
	assert_non_null(strstr(got->str, EXAMPLE "/risks.xml\n"));
	assert_null(strstr(got->str, "POL-03"));
	assert_null(strstr(got->str, "controls.xml"));
	g_string_free(got, TRUE);
	g_ptr_array_free(jobs, TRUE);
	isms_free(&m);
}

/* name -> digest of every document of dir */
static GHashTable *
digests(const char *dir)
{
	isms m;
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);

	assert_int_equal(pipeline_load(dir, NULL, &m), EXIT_OK);
	GPtrArray *jobs = pipeline_jobs(&m, NULL);
	for (guint i = 0; i < jobs->len; i++) {
		const job *j = jobs->pdata[i];
		g_hash_table_insert(t, g_strdup(j->name), g_strdup(j->digest));
	}
	g_ptr_array_free(jobs, TRUE);
	isms_free(&m);
	return t;
}

static int
same(GHashTable *a, GHashTable *b, const char *name)
{
	return strcmp(g_hash_table_lookup(a, name),
	    g_hash_table_lookup(b, name)) == 0;
}

static void
test_digests(void **unused)
{
	char *dir = tmp_dir();

	(void)unused;
	copy_tree(EXAMPLE, dir);
	GHashTable *a = digests(dir);
	/* a paragraph of POL-03: POL-03 only of the SoA, the RTP and the
	 * policies */
	edit_file_re(dir, "documents/POL-03-acceptable-use.xml", "<p>",
	    "<p>Reworded. ");
	GHashTable *b = digests(dir);
	assert_false(same(a, b, "POL-03"));
	assert_true(same(a, b, "soa"));
	assert_true(same(a, b, "rtp"));
	assert_true(same(a, b, "POL-01"));
	assert_true(same(a, b, "POL-02"));
	/* its version: the SoA lists it */
	edit_file_re(dir, "documents/POL-03-acceptable-use.xml",
	    "<policy id=\"POL-03\" version=\"[0-9.]*\"",
	    "<policy id=\"POL-03\" version=\"9.9\"");
	GHashTable *c = digests(dir);
	assert_false(same(b, c, "POL-03"));
	assert_false(same(b, c, "soa"));
	assert_true(same(b, c, "rtp"));
	/* the first risk's title: the RTP, the SoA, which names the risks
	 * of each control, and POL-01, which names that risk; not POL-04,
	 * which names none */
	edit_file_re(dir, "risks.xml", "<title>", "<title>Renamed: ");
	GHashTable *d = digests(dir);
	assert_false(same(c, d, "rtp"));
	assert_false(same(c, d, "soa"));
	assert_false(same(c, d, "POL-01"));
	assert_true(same(c, d, "POL-04"));
	/* the same sources, the same digests */
	GHashTable *e = digests(dir);
	assert_true(same(d, e, "soa"));
	assert_true(same(d, e, "POL-03"));
	GHashTable *all[] = { a, b, c, d, e };
	for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
		g_hash_table_destroy(all[i]);
	rm_tree(dir);
	g_free(dir);
}

static void
test_state_file(void **unused)
{
	char *out = tmp_dir();
	char key[65], other[65], sha[65];
	gint64 size;
	int pages;
	char *title = NULL;

	(void)unused;
	state *st = state_open(out, TOP, "2026-01-01T00:00:00Z", 0);
	state_key(st, "doc", "a", 1, key);
	state_key(st, "doc", "b", 1, other);
	assert_string_not_equal(key, other);
	/* the output and the state, written together */
	pack *pk = pack_new(out);
	GBytes *pdf = g_bytes_new_static("%PDF-1.5 fake", 13);
	pack_add(pk, "doc.pdf", pdf);
	state_sha256("%PDF-1.5 fake", 13, sha);
	state_record(st, "doc", "doc.pdf", key, sha, 13, 3, "A title", NULL,
	    0);
	state_save(st, pk);
	assert_int_equal(pack_commit(pk), 0);
	pack_free(pk);
	state_free(st);

	st = state_open(out, TOP, "2026-01-01T00:00:00Z", 0);
	assert_true(state_fresh(st, "doc.pdf", key, sha, &size, &pages,
	    &title));
	assert_int_equal(pages, 3);
	assert_int_equal(size, 13);
	assert_string_equal(title, "A title");
	assert_false(state_fresh(st, "doc.pdf", other, sha, &size, &pages,
	    NULL));
	/* nothing changed: the state file is not queued again */
	pk = pack_new(out);
	state_save(st, pk);
	assert_int_equal(pack_commit(pk), 0);
	pack_free(pk);
	state_free(st);
	/* an altered output is not up to date, even at the same size */
	g_free(put_file(out, "doc.pdf", "%PDF-1.5 FAKE"));
	st = state_open(out, TOP, "2026-01-01T00:00:00Z", 0);
	assert_false(state_fresh(st, "doc.pdf", key, sha, &size, &pages,
	    NULL));
	state_free(st);
	/* another build date is another key; --force makes all again */
	st = state_open(out, TOP, "2026-01-02T00:00:00Z", 1);
	state_key(st, "doc", "a", 1, other);
	assert_string_not_equal(key, other);
	assert_false(state_fresh(st, "doc.pdf", key, sha, &size, &pages,
	    NULL));
	state_free(st);
	g_free(title);
	g_bytes_unref(pdf);
	rm_tree(out);
	g_free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_views, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_sources, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_digests, test_reset,
		    test_reset),
		cmocka_unit_test_setup_teardown(test_state_file, test_reset,
		    test_reset),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
