/* The fuzz harnesses without libFuzzer: run LLVMFuzzerTestOneInput on
 * every file of the folders (or files) given, by default the harness's
 * regression cases, tests/fuzz/regress/NAME/ (NAME compiled in). make
 * check runs it: every input that once crashed a harness, and a few
 * seeds, must now pass through cleanly (under make check-asan, with the
 * sanitizers watching). Prints one line per input with ISMSC_TEST_VERBOSE. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

#ifndef REGRESS
#define REGRESS "tests/fuzz/regress/none"
#endif

static int
run_file(const char *path)
{
	char *data;
	gsize len;
	GError *err = NULL;

	if (!g_file_get_contents(path, &data, &len, &err)) {
		fprintf(stderr, "%s\n", err->message);
		g_error_free(err);
		return 1;
	}
	if (getenv("ISMSC_TEST_VERBOSE") != NULL)
		fprintf(stderr, "%s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	return 0;
}

static int
run_path(const char *path)
{
	if (!g_file_test(path, G_FILE_TEST_IS_DIR))
		return run_file(path);
	GDir *d = g_dir_open(path, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *e;
	int rc = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: cannot read the folder\n", path);
		return 1;
	}
	while ((e = g_dir_read_name(d)) != NULL)
		if (e[0] != '.')
			g_ptr_array_add(names, g_build_filename(path, e, NULL));
	g_dir_close(d);
	for (guint i = 0; i < names->len; i++)
		rc |= run_path(names->pdata[i]);
	g_ptr_array_free(names, TRUE);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2)
		return run_path(REGRESS);
	for (int i = 1; i < argc; i++)
		rc |= run_path(argv[i]);
	return rc;
}
