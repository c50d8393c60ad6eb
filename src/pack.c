/* pack: atomic writes of a build's outputs.
 *
 * A temporary file is named .NAME.tmp-XXXXXX beside NAME: hidden, so that
 * an output folder inside the source folder is never read as sources.
 * Those a killed build left behind are removed by the next commit that
 * writes NAME. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "diag.h"
#include "pack.h"

typedef struct entry {
	char *rel;
	GBytes *bytes;  /* NULL when prepared */
	char *tmp;      /* the written temporary file, until renamed */
} entry;

struct pack {
	char *dir;
	GArray *entries;
};

pack *
pack_new(const char *outdir)
{
	pack *p = g_new0(pack, 1);

	p->dir = g_strdup(outdir);
	p->entries = g_array_new(FALSE, TRUE, sizeof(entry));
	return p;
}

void
pack_add(pack *p, const char *rel, GBytes *bytes)
{
	entry e = { g_strdup(rel), g_bytes_ref(bytes), NULL };

	g_array_append_val(p->entries, e);
}

static mode_t mask(void);

/* If name is a temporary file, .BASE.tmp-XXXXXX, the BASE it was for;
 * else NULL. */
static char *
temp_base(const char *name)
{
	size_t n = strlen(name);

	if (name[0] != '.' || n < 1 + 1 + 5 + 6 ||
	    strncmp(name + n - 11, ".tmp-", 5) != 0)
		return NULL;
	return g_strndup(name + 1, n - 12);
}

/* After a commit that wrote the outputs in written ("folder/base" ->
 * folder): make each folder's new names durable, and remove the temporary
 * files of those outputs that a killed build left. */
static void
settle(GHashTable *written)
{
	GHashTable *folders = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTableIter it;
	gpointer key, value;

	g_hash_table_iter_init(&it, written);
	while (g_hash_table_iter_next(&it, &key, &value))
		g_hash_table_add(folders, value);
	g_hash_table_iter_init(&it, folders);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		const char *folder = key;
		int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
		GDir *d = g_dir_open(folder, 0, NULL);
		const char *e;
		while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
			char *base = temp_base(e);
			char *out = base ? g_build_filename(folder, base, NULL) :
			    NULL;
			if (out != NULL && g_hash_table_contains(written, out)) {
				char *p = g_build_filename(folder, e, NULL);
				g_unlink(p);
				g_free(p);
			}
			g_free(out);
			g_free(base);
		}
		if (d != NULL)
			g_dir_close(d);
	}
	g_hash_table_destroy(folders);
}

/* Write bytes to a new temporary file beside OUT/rel; its path, or NULL
 * after reporting. */
static char *
write_temp(const char *dir, const char *rel, GBytes *bytes)
{
	char *path = g_build_filename(dir, rel, NULL);
	char *folder = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	size_t len;
	const char *data = g_bytes_get_data(bytes, &len);
	char *tmp = g_strdup_printf("%s/.%s.tmp-XXXXXX", folder, base);
	int rc = -1;

	if (g_mkdir_with_parents(folder, 0777) != 0) {
		diag_at(DIAG_ERROR, folder, 0, 0,
		    "cannot create the output folder: %s", g_strerror(errno));
		goto out;
	}
	int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666 & ~mask());
	if (fd < 0) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	size_t done = 0;
	ssize_t n = 0;
	while (done < len && (n = write(fd, data + done, len - done)) > 0)
		done += (size_t)n;
	if (done < len || fsync(fd) != 0) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		close(fd);
		g_unlink(tmp);
		goto out;
	}
	if (close(fd) != 0) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		g_unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		g_free(tmp);
		tmp = NULL;
	}
	g_free(base);
	g_free(folder);
	g_free(path);
	return tmp;
}

char *
pack_prepare(pack *p, const char *rel, GBytes *bytes)
{
	return write_temp(p->dir, rel, bytes);
}

void
pack_add_prepared(pack *p, const char *rel, char *tmp)
{
	entry e = { g_strdup(rel), NULL, tmp };

	g_array_append_val(p->entries, e);
}

/* The process umask, for the mode of new files. */
static mode_t
mask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

int
pack_commit(pack *p)
{
	int rc = 0;
	GHashTable *written = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, g_free);

	/* first every file is written beside its place; only when all are
	 * complete are they renamed into place, each rename atomic */
	for (guint i = 0; i < p->entries->len && rc == 0; i++) {
		entry *e = &g_array_index(p->entries, entry, i);
		if (e->tmp == NULL &&
		    (e->tmp = write_temp(p->dir, e->rel, e->bytes)) == NULL)
			rc = -1;
	}
	for (guint i = 0; i < p->entries->len; i++) {
		entry *e = &g_array_index(p->entries, entry, i);
		if (e->tmp == NULL)
			continue;
		char *path = g_build_filename(p->dir, e->rel, NULL);
		if (rc != 0) {
			g_unlink(e->tmp);
		} else if (g_rename(e->tmp, path) != 0) {
			diag_at(DIAG_ERROR, path, 0, 0, "cannot replace: %s",
			    g_strerror(errno));
			g_unlink(e->tmp);
			rc = -1;
		} else {
			g_hash_table_replace(written, g_strdup(path),
			    g_path_get_dirname(path));
		}
		g_free(e->tmp);
		e->tmp = NULL;
		g_free(path);
	}
	settle(written);
	g_hash_table_destroy(written);
	return rc;
}

void
pack_free(pack *p)
{
	if (p == NULL)
		return;
	for (guint i = 0; i < p->entries->len; i++) {
		entry *e = &g_array_index(p->entries, entry, i);
		if (e->tmp != NULL)        /* prepared, never committed */
			g_unlink(e->tmp);
		g_free(e->tmp);
		g_free(e->rel);
		if (e->bytes != NULL)
			g_bytes_unref(e->bytes);
	}
	g_array_free(p->entries, TRUE);
	g_free(p->dir);
	g_free(p);
}
