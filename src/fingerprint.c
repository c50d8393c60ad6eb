/* fingerprint: the inputs of a build, hashed without loading them. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "fingerprint.h"
#include "git.h"
#include "load.h"
#include "pipeline.h"
#include "state.h"
#include "strv.h"

static gint64
ns(const struct timespec *t)
{
	return (gint64)t->tv_sec * G_GINT64_CONSTANT(1000000000) + t->tv_nsec;
}

/* A file by its metadata; *newest: the latest change time seen (ns). */
static void
add_stat(GString *fp, const char *label, const char *path, gint64 *newest)
{
	struct stat sb;

	if (stat(path, &sb) != 0) {
		g_string_append_printf(fp, "%s %d %s\n", label, errno, path);
		return;
	}
	gint64 m = ns(&sb.st_mtim), c = ns(&sb.st_ctim);
	g_string_append_printf(fp, "%s %o %" G_GINT64_FORMAT " %"
	    G_GINT64_FORMAT " %" G_GINT64_FORMAT " %ju %ju %s\n", label,
	    (unsigned)sb.st_mode, (gint64)sb.st_size, m, c,
	    (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino, path);
	*newest = MAX(*newest, MAX(m, c));
}

/* The environment variables that can change what ismsc makes. */
static void
add_environment(GString *fp)
{
	static const char *const prefixes[] = { "ISMSC_", "SOURCE_DATE_EPOCH=",
		"GIT_", "FONTCONFIG_", "FC_", "PANGO", "XDG_", "HOME=", "LANG",
		"LC_", "TZ=" };
	char **env = g_get_environ();
	GPtrArray *kept = g_ptr_array_new();

	for (char **e = env; *e != NULL; e++)
		for (size_t i = 0; i < G_N_ELEMENTS(prefixes); i++)
			if (g_str_has_prefix(*e, prefixes[i])) {
				g_ptr_array_add(kept, *e);
				break;
			}
	g_ptr_array_sort(kept, strv_compare);
	for (guint i = 0; i < kept->len; i++)
		g_string_append_printf(fp, "env %s\n", (char *)kept->pdata[i]);
	g_ptr_array_free(kept, TRUE);
	g_strfreev(env);
}

char *
fingerprint_take(const char *command, const char *options, const char *dir,
    const char *skip, int *stable)
{
	GString *fp = g_string_new("ismsc-fingerprint 1\n");
	GPtrArray *watch = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *sources = load_list(dir, skip);
	char *data = pipeline_datadir();
	gint64 newest = 0;
	int ok = sources != NULL;

	state_versions(fp);
	add_stat(fp, "binary", "/proc/self/exe", &newest);
	add_environment(fp);
	g_string_append_printf(fp, "command %s%c%s%c%s%c%s\n", command, 0,
	    options, 0, dir, 0, skip ? skip : "");
	for (guint i = 0; ok && i < sources->len; i++)
		g_ptr_array_add(watch, g_build_filename(dir, sources->pdata[i],
		    NULL));
	GPtrArray *files = state_data_files(data);
	for (guint i = 0; i < files->len; i++)
		g_ptr_array_add(watch, g_build_filename(data, files->pdata[i],
		    NULL));
	g_ptr_array_free(files, TRUE);
	g_string_append_printf(fp, "data %s\n", data);
	git_fingerprint(dir, fp, watch);
	for (guint i = 0; i < watch->len; i++)
		add_stat(fp, "file", watch->pdata[i], &newest);
	*stable = newest < (g_get_real_time() - FINGERPRINT_SETTLE) * 1000;
	char *sha = ok ? g_compute_checksum_for_data(G_CHECKSUM_SHA256,
	    (const guchar *)fp->str, fp->len) : NULL;

	g_free(data);
	if (sources != NULL)
		g_ptr_array_free(sources, TRUE);
	g_ptr_array_free(watch, TRUE);
	g_string_free(fp, TRUE);
	return sha;
}
