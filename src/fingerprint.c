/* fingerprint: the inputs of a build, hashed without loading them. */
#define _GNU_SOURCE         /* dl_iterate_phdr */
#include <link.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "fingerprint.h"
#include "git.h"
#include "load.h"
#include "pipeline.h"
#include "state.h"
#include "transform.h"
#include "strv.h"

/* A file by its bytes: a regular file within LOAD_MAX_FILE, read as the
 * loader reads one (a FIFO does not block it). Returns -1 when it is not
 * one: the build then reports it. */
static int
add_content(GString *fp, const char *label, const char *path)
{
	char sha[65];

	if (state_hash_file(path, LOAD_MAX_FILE, sha) == 0) {
		g_string_append_printf(fp, "%s %s %s\n", label, sha, path);
		return 0;
	}
	/* a file that is not there is a state of its own */
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_string_append_printf(fp, "%s %d %s\n", label, ENOENT, path);
		return 0;
	}
	return -1;
}

/* The GNU build ID of the executable (a hash of its content the linker
 * writes), found among its program headers. */
static int
build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	GString *fp = data;

	(void)size;
	if (info->dlpi_name != NULL && info->dlpi_name[0] != '\0')
		return 0;               /* a library: the executable is first */
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof(*nh);
			const guchar *desc = (const guchar *)name +
			    ((nh->n_namesz + 3) & ~3u);
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0) {
				g_string_append(fp, "build-id ");
				for (guint k = 0; k < nh->n_descsz; k++)
					g_string_append_printf(fp, "%02x", desc[k]);
				g_string_append_c(fp, '\n');
				return 1;
			}
			p = (const char *)desc + ((nh->n_descsz + 3) & ~3u);
		}
	}
	return 1;
}

/* The executable: its build ID, else its metadata. */
static void
add_binary(GString *fp)
{
	gsize before = fp->len;
	struct stat sb;

	dl_iterate_phdr(build_id, fp);
	if (fp->len == before && stat("/proc/self/exe", &sb) == 0)
		g_string_append_printf(fp, "binary %ju %ju %jd %jd.%09ld\n",
		    (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino,
		    (intmax_t)sb.st_size, (intmax_t)sb.st_mtim.tv_sec,
		    sb.st_mtim.tv_nsec);
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
    const char *skip)
{
	GString *fp = g_string_new("ismsc-fingerprint 1\n");
	GPtrArray *watch = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *sources = load_list(dir, skip, 1);
	char *data = pipeline_datadir();
	int ok = sources != NULL;

	state_versions(fp);
	add_binary(fp);
	add_environment(fp);
	g_string_append_printf(fp, "command %s\noptions %s\ndir %s\ndata %s\n",
	    command, options, dir, data);
	transform_describe_user_dir(fp);      /* --stylesheets DIR */
	for (guint i = 0; ok && i < sources->len; i++) {
		char *path = g_build_filename(dir, sources->pdata[i], NULL);
		ok = add_content(fp, "source", path) == 0;
		g_free(path);
	}
	git_fingerprint(dir, fp, watch);
	for (guint i = 0; ok && i < watch->len; i++)
		ok = add_content(fp, "file", watch->pdata[i]) == 0;
	char *sha = ok ? g_compute_checksum_for_data(G_CHECKSUM_SHA256,
	    (const guchar *)fp->str, fp->len) : NULL;

	g_free(data);
	if (sources != NULL)
		g_ptr_array_free(sources, TRUE);
	g_ptr_array_free(watch, TRUE);
	g_string_free(fp, TRUE);
	return sha;
}
