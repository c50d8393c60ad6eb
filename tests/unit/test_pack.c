/* pack: outputs written whole, in nested folders, replacing what was
 * there; a failed write is reported and leaves the old outputs. */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "helpers.h"

#include "pack.h"

static void
add(pack *p, const char *rel, const char *text)
{
	GBytes *b = g_bytes_new(text, strlen(text));

	pack_add(p, rel, b);
	g_bytes_unref(b);
}

static void
assert_file(const char *dir, const char *rel, const char *want)
{
	char *path = g_build_filename(dir, rel, NULL);
	char *text = get_file(path);

	assert_string_equal(text, want);
	g_free(text);
	g_free(path);
}

static gint
cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in folder, sorted, joined by spaces. */
static char *
listing(const char *folder)
{
	GDir *d = g_dir_open(folder, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *e;

	assert_non_null(d);
	while ((e = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(e));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_names);
	g_ptr_array_add(names, NULL);
	char *s = g_strjoinv(" ", (char **)names->pdata);
	g_ptr_array_free(names, TRUE);
	return s;
}

#define assert_listing(folder, want)                                      \
	do {                                                              \
		char *l_ = listing(folder);                               \
		assert_string_equal(l_, want);                            \
		g_free(l_);                                               \
	} while (0)

static void
test_commit_nested(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *out = g_build_filename(dir, "out", NULL);
	pack *p = pack_new(out);

	add(p, "statement-of-applicability.pdf", "soa bytes");
	add(p, "policies/POL-01.pdf", "pol 1");
	add(p, "policies/deeper/POL-02.pdf", "pol 2");
	/* nothing is written before the commit */
	assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	assert_int_equal(pack_commit(p), 0);
	assert_int_equal(diag_count(DIAG_ERROR), 0);
	assert_file(out, "statement-of-applicability.pdf", "soa bytes");
	assert_file(out, "policies/POL-01.pdf", "pol 1");
	assert_file(out, "policies/deeper/POL-02.pdf", "pol 2");
	/* no temporary files left beside them */
	assert_listing(out, "policies statement-of-applicability.pdf");
	char *pol = g_build_filename(out, "policies", NULL);
	assert_listing(pol, "POL-01.pdf deeper");
	g_free(pol);
	pack_free(p);
	rm_tree(dir);
	g_free(out);
	g_free(dir);
}

/* Binary content is written as it is, NUL bytes included. */
static void
test_commit_binary(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	static const char data[] = { '%', 'P', 'D', 'F', 0, 1, 2, 0, '\n' };
	pack *p = pack_new(dir);
	GBytes *b = g_bytes_new(data, sizeof(data));

	pack_add(p, "x.pdf", b);
	g_bytes_unref(b);                /* the pack holds its reference */
	assert_int_equal(pack_commit(p), 0);
	char *path = g_build_filename(dir, "x.pdf", NULL);
	char *text;
	gsize len;
	assert_true(g_file_get_contents(path, &text, &len, NULL));
	assert_int_equal(len, sizeof(data));
	assert_memory_equal(text, data, sizeof(data));
	g_free(text);
	g_free(path);
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

static void
test_second_commit_replaces(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	pack *p = pack_new(dir);

	add(p, "docs/a.pdf", "first version, rather longer than the second");
	assert_int_equal(pack_commit(p), 0);
	pack_free(p);
	p = pack_new(dir);
	add(p, "docs/a.pdf", "second");
	assert_int_equal(pack_commit(p), 0);
	assert_file(dir, "docs/a.pdf", "second");
	char *docs = g_build_filename(dir, "docs", NULL);
	assert_listing(docs, "a.pdf");
	g_free(docs);
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

/* A folder that cannot be made (its place is taken by a file): -1, an
 * error naming it, and the earlier output untouched. */
static void
test_unwritable_folder(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "out/old.pdf", "old"));
	g_free(put_file(dir, "out/policies", "a file, not a folder"));
	char *out = g_build_filename(dir, "out", NULL);
	pack *p = pack_new(out);

	add(p, "policies/POL-01.pdf", "new policy");
	add(p, "old.pdf", "new");
	capture_begin();
	int r = pack_commit(p);
	char *err = capture_end();
	assert_int_equal(r, -1);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	char *where = g_strdup_printf("%s/policies: error: ", out);
	assert_contains(err, where);
	assert_file(out, "old.pdf", "old");
	assert_file(out, "policies", "a file, not a folder");
	assert_listing(out, "old.pdf policies");
	g_free(where);
	g_free(err);
	pack_free(p);
	g_free(out);
	rm_tree(dir);
	g_free(dir);
}

/* A file that cannot be replaced (its place is taken by a folder): -1,
 * an error naming it, and no temporary file left behind. */
static void
test_unwritable_file(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "report.pdf/keep.txt", "inside"));
	pack *p = pack_new(dir);

	add(p, "report.pdf", "new");
	capture_begin();
	int r = pack_commit(p);
	char *err = capture_end();
	assert_int_equal(r, -1);
	assert_int_equal(diag_count(DIAG_ERROR), 1);
	char *where = g_strdup_printf("%s/report.pdf: error: ", dir);
	assert_contains(err, where);
	assert_listing(dir, "report.pdf");
	assert_file(dir, "report.pdf/keep.txt", "inside");
	g_free(where);
	g_free(err);
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

/* An output folder below a regular file. */
static void
test_outdir_under_a_file(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *file = put_file(dir, "file", "x");
	char *out = g_build_filename(file, "out", NULL);
	pack *p = pack_new(out);

	add(p, "a.pdf", "a");
	capture_begin();
	int r = pack_commit(p);
	g_free(capture_end());
	assert_int_equal(r, -1);
	assert_true(diag_count(DIAG_ERROR) > 0);
	assert_file(dir, "file", "x");
	pack_free(p);
	g_free(out);
	g_free(file);
	rm_tree(dir);
	g_free(dir);
}

/* An empty pack writes nothing and succeeds. */
static void
test_empty_commit(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	char *out = g_build_filename(dir, "out", NULL);
	pack *p = pack_new(out);

	assert_int_equal(pack_commit(p), 0);
	assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	pack_free(p);
	g_free(out);
	rm_tree(dir);
	g_free(dir);
}

/* Temporary files a killed build left beside an output are removed when
 * that output is next written; other files are left alone. */
static void
test_stale_temporaries_removed(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "a.pdf", "old"));
	g_free(put_file(dir, ".a.pdf.tmp-Ab12Cd", "half"));
	g_free(put_file(dir, "sub/.b.pdf.tmp-zzzzzz", "half"));
	g_free(put_file(dir, ".a.pdf.tmp-toolong", "not ours"));
	g_free(put_file(dir, "a.pdf.tmp-Ab12Cd", "not ours"));
	g_free(put_file(dir, ".c.pdf.tmp-Ab12Cd", "another output's"));
	pack *p = pack_new(dir);

	add(p, "a.pdf", "new");
	add(p, "sub/b.pdf", "new b");
	assert_int_equal(pack_commit(p), 0);
	assert_listing(dir, ".a.pdf.tmp-toolong .c.pdf.tmp-Ab12Cd a.pdf "
	    "a.pdf.tmp-Ab12Cd sub");
	char *sub = g_build_filename(dir, "sub", NULL);
	assert_listing(sub, "b.pdf");
	g_free(sub);
	assert_file(dir, "a.pdf", "new");
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

/* A write that fails part way (here: the file size limit, as a full disk
 * would) is reported at the file; the earlier outputs stay as they were,
 * and no temporary file is left. */
static void
test_write_fails_midway(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	g_free(put_file(dir, "a.pdf", "old a"));
	g_free(put_file(dir, "b.pdf", "old b"));
	pack *p = pack_new(dir);
	char *big = g_malloc(256 * 1024);
	memset(big, 'x', 256 * 1024);
	GBytes *b = g_bytes_new_take(big, 256 * 1024);

	add(p, "a.pdf", "new a, small");
	pack_add(p, "b.pdf", b);
	g_bytes_unref(b);
	struct rlimit old, lim = { 64 * 1024, 64 * 1024 };
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim.rlim_max = old.rlim_max;
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	capture_begin();
	int r = pack_commit(p);
	char *err = capture_end();
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);

	assert_int_equal(r, -1);
	char *want = g_strdup_printf("%s/b.pdf: error: cannot write: File too "
	    "large\n", dir);
	assert_string_equal(err, want);
	assert_file(dir, "a.pdf", "old a");
	assert_file(dir, "b.pdf", "old b");
	assert_listing(dir, "a.pdf b.pdf");
	g_free(want);
	g_free(err);
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

/* A folder that may not be written: reported, nothing changed. (Root may
 * write anywhere: tests/hostile.sh covers this with a read-only mount.) */
static void
test_read_only_folder(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip();
	char *dir = tmp_dir();
	g_free(put_file(dir, "a.pdf", "old"));
	assert_int_equal(chmod(dir, 0555), 0);
	pack *p = pack_new(dir);

	add(p, "a.pdf", "new");
	capture_begin();
	int r = pack_commit(p);
	char *err = capture_end();
	chmod(dir, 0755);
	assert_int_equal(r, -1);
	char *want = g_strdup_printf("%s/a.pdf: error: cannot write: "
	    "Permission denied\n", dir);
	assert_string_equal(err, want);
	assert_file(dir, "a.pdf", "old");
	assert_listing(dir, "a.pdf");
	g_free(want);
	g_free(err);
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

/* ---- regression cases: defects found and fixed ------------------------- */

/* pack_commit answers for its own writes: an error reported earlier by
 * another stage does not make it stop after the first file. */
static void
test_commit_after_earlier_error(void **state)
{
	(void)state;
	char *dir = tmp_dir();
	pack *p = pack_new(dir);

	add(p, "a.pdf", "a");
	add(p, "b.pdf", "b");
	capture_begin();
	diag_at(DIAG_ERROR, "elsewhere.xml", 1, 1, "an earlier problem");
	g_free(capture_end());
	assert_int_equal(pack_commit(p), 0);
	assert_file(dir, "a.pdf", "a");
	assert_file(dir, "b.pdf", "b");
	pack_free(p);
	rm_tree(dir);
	g_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_nested,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_commit_binary,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_second_commit_replaces,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_unwritable_folder,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_unwritable_file,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_outdir_under_a_file,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_empty_commit,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_stale_temporaries_removed, test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_write_fails_midway,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(test_read_only_folder,
		    test_reset, test_reset),
		cmocka_unit_test_setup_teardown(
		    test_commit_after_earlier_error, test_reset,
		    test_reset),
	};

	return cmocka_run_group_tests(tests, test_group_setup, NULL);
}
