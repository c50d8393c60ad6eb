/* Shared helpers of the unit tests: temporary folders, file edits, stderr
 * capture, and the example ISMS loaded and linked.
 *
 * Tests run from the repository root (make check, or ./build/test_NAME
 * there); TOP names it, and can be overridden with -DTOP=... .
 *
 * Every helper fails the running test (cmocka assertions) rather than
 * returning an error. Strings returned are g_free'd by the caller. */
#ifndef ISMSC_TEST_HELPERS_H
#define ISMSC_TEST_HELPERS_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "diag.h"
#include "link.h"
#include "load.h"

#ifndef TOP
#define TOP "."
#endif
#define SOURCES_RNG TOP "/schema/sources.rng"
#define LAYOUT_RNG TOP "/schema/layout.rng"
#define CATALOGUE TOP "/stylesheets/data/annex-a-2022.xml"
#define STYLESHEETS TOP "/stylesheets"
#define FONTS TOP "/fonts"
#define EXAMPLE TOP "/policies"

/* Group setup: what src/main.c does before running the stages. */
static inline int
test_group_setup(void **state)
{
	(void)state;
	if (!g_file_test(SOURCES_RNG, G_FILE_TEST_EXISTS)) {
		fprintf(stderr, "run the unit tests from the repository root "
		    "(%s not found)\n", SOURCES_RNG);
		return -1;
	}
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, diag_xml_error);
	diag_set_quiet(0);
	diag_set_strict(0);
	diag_reset();
	return 0;
}

static inline char *capture_end(void);

/* Per-test setup and teardown: fresh counts, and stderr back in place
 * when a failed assertion left a capture open. */
static inline int
test_reset(void **state)
{
	(void)state;
	char *left = capture_end();
	fputs(left, stderr);       /* a failed test's diagnostics */
	g_free(left);
	diag_set_quiet(0);
	diag_set_strict(0);
	diag_reset();
	return 0;
}

/* ---- temporary folders ----------------------------------------------- */

static inline char *
tmp_dir(void)
{
	char *d = g_dir_make_tmp("ismsc-unit-XXXXXX", NULL);

	assert_non_null(d);
	return d;
}

/* Remove path and everything below it; symbolic links are not followed. */
static inline void
rm_tree(const char *path)
{
	if (path == NULL)
		return;
	if (g_file_test(path, G_FILE_TEST_IS_DIR) &&
	    !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		GDir *d = g_dir_open(path, 0, NULL);
		const char *e;
		while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
			char *sub = g_build_filename(path, e, NULL);
			rm_tree(sub);
			g_free(sub);
		}
		if (d != NULL)
			g_dir_close(d);
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

/* Write text to dir/rel, making the folders in between. */
static inline char *
put_file(const char *dir, const char *rel, const char *text)
{
	char *path = g_build_filename(dir, rel, NULL);
	char *parent = g_path_get_dirname(path);

	assert_int_equal(g_mkdir_with_parents(parent, 0777), 0);
	assert_true(g_file_set_contents(path, text, -1, NULL));
	g_free(parent);
	return path;
}

static inline char *
get_file(const char *path)
{
	char *text = NULL;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	return text;
}

/* Copy the tree src to dst (which need not exist). */
static inline void
copy_tree(const char *src, const char *dst)
{
	GDir *d = g_dir_open(src, 0, NULL);
	const char *e;

	assert_non_null(d);
	assert_int_equal(g_mkdir_with_parents(dst, 0777), 0);
	while ((e = g_dir_read_name(d)) != NULL) {
		char *from = g_build_filename(src, e, NULL);
		char *to = g_build_filename(dst, e, NULL);
		if (g_file_test(from, G_FILE_TEST_IS_DIR)) {
			copy_tree(from, to);
		} else {
			char *text;
			gsize len;
			assert_true(g_file_get_contents(from, &text, &len,
			    NULL));
			assert_true(g_file_set_contents(to, text, (gssize)len,
			    NULL));
			g_free(text);
		}
		g_free(from);
		g_free(to);
	}
	g_dir_close(d);
}

/* Replace the first match of the regular expression re (. matches
 * newlines) in dir/rel by new; the test fails when nothing matches. */
static inline void
edit_file_re(const char *dir, const char *rel, const char *re,
    const char *new)
{
	char *path = g_build_filename(dir, rel, NULL);
	char *text = get_file(path);
	GRegex *rx = g_regex_new(re, G_REGEX_DOTALL, 0, NULL);
	GMatchInfo *mi = NULL;

	assert_non_null(rx);
	if (!g_regex_match(rx, text, 0, &mi))
		fail_msg("%s: /%s/ does not match", path, re);
	int start, end;
	g_match_info_fetch_pos(mi, 0, &start, &end);
	GString *s = g_string_new_len(text, start);
	g_string_append(s, new);
	g_string_append(s, text + end);
	assert_true(g_file_set_contents(path, s->str, (gssize)s->len, NULL));
	g_string_free(s, TRUE);
	g_match_info_free(mi);
	g_regex_unref(rx);
	g_free(text);
	g_free(path);
}

/* Replace the first occurrence of old in dir/rel by new; the test fails
 * when old is not there (the edit would silently test nothing). */
static inline void
edit_file(const char *dir, const char *rel, const char *old, const char *new)
{
	char *re = g_regex_escape_string(old, -1);

	edit_file_re(dir, rel, re, new);
	g_free(re);
}

/* ---- stderr capture ----------------------------------------------------- */

/* One capture at a time: the real stderr while fd 2 goes to a file. */
static int capture_saved = -1;
static FILE *capture_file;

/* Send stderr (fd 2) to a temporary file until capture_end. */
static inline void
capture_begin(void)
{
	assert_true(capture_saved < 0);
	fflush(stderr);
	capture_file = tmpfile();
	assert_non_null(capture_file);
	capture_saved = dup(2);
	assert_true(capture_saved >= 0);
	assert_true(dup2(fileno(capture_file), 2) >= 0);
}

/* Restore stderr; returns what was written meanwhile. With
 * ISMSC_TEST_VERBOSE set it is echoed to the real stderr too. */
static inline char *
capture_end(void)
{
	GString *s = g_string_new(NULL);
	char buf[4096];
	size_t n;

	if (capture_saved < 0)
		return g_string_free(s, FALSE);
	fflush(stderr);
	dup2(capture_saved, 2);
	close(capture_saved);
	capture_saved = -1;
	rewind(capture_file);
	while ((n = fread(buf, 1, sizeof(buf), capture_file)) > 0)
		g_string_append_len(s, buf, (gssize)n);
	fclose(capture_file);
	capture_file = NULL;
	if (getenv("ISMSC_TEST_VERBOSE") != NULL)
		fputs(s->str, stderr);
	return g_string_free(s, FALSE);
}

#define assert_contains(hay, needle)                                      \
	do {                                                              \
		const char *h_ = (hay), *n_ = (needle);                   \
		if (h_ == NULL || strstr(h_, n_) == NULL)                 \
			fail_msg("expected \"%s\" in:\n%s", n_,           \
			    h_ ? h_ : "(null)");                          \
	} while (0)

#define assert_not_contains(hay, needle)                                  \
	do {                                                              \
		const char *h_ = (hay), *n_ = (needle);                   \
		if (h_ != NULL && strstr(h_, n_) != NULL)                 \
			fail_msg("did not expect \"%s\" in:\n%s", n_, h_); \
	} while (0)

/* ---- XPath on a document --------------------------------------------- */

static inline double
xp_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr,
	    ctx);

	if (r == NULL)
		fail_msg("bad XPath %s", expr);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return v;
}

/* The string value of expr, g_free'd by the caller. */
static inline char *
xp_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr,
	    ctx);

	if (r == NULL)
		fail_msg("bad XPath %s", expr);
	xmlChar *s = xmlXPathCastToString(r);
	char *out = g_strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return out;
}

#define assert_xp_string(doc, expr, want)                                 \
	do {                                                              \
		char *got_ = xp_string((doc), (expr));                    \
		if (strcmp(got_, (want)) != 0)                            \
			fail_msg("%s: got \"%s\", want \"%s\"", (expr),  \
			    got_, (want));                                \
		g_free(got_);                                             \
	} while (0)

#define assert_xp_number(doc, expr, want)                                 \
	do {                                                              \
		double got_ = xp_number((doc), (expr));                   \
		if (got_ != (double)(want))                               \
			fail_msg("%s: got %g, want %g", (expr), got_,    \
			    (double)(want));                              \
	} while (0)

/* ---- the example ISMS --------------------------------------------------- */

static inline xmlDocPtr
load_catalogue(void)
{
	xmlDocPtr cat = load_file(CATALOGUE, CATALOGUE);

	assert_non_null(cat);
	return cat;
}

/* Load and link the sources in dir. Returns the model or NULL; the
 * diagnostics printed meanwhile go to *err when err is not NULL. */
static inline xmlDocPtr
link_dir(const char *dir, char **err)
{
	link_options lo = { "2026-11-25", "ismsc test" };

	if (err != NULL)
		capture_begin();
	source_set *set = load_sources(dir, SOURCES_RNG, NULL);
	assert_non_null(set);
	xmlDocPtr model = NULL;
	if (diag_count(DIAG_ERROR) == 0) {
		xmlDocPtr cat = load_catalogue();
		model = link_model(set, cat, &lo);
		xmlFreeDoc(cat);
	}
	source_set_free(set);
	if (err != NULL)
		*err = capture_end();
	return model;
}

/* The example ISMS copied into a new temporary folder, to be edited. */
static inline char *
example_copy(void)
{
	char *dir = tmp_dir();

	copy_tree(EXAMPLE, dir);
	return dir;
}

#endif
