/* pack: atomic writes of a build's outputs. */
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
	GBytes *bytes;
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

/* Write e's bytes to a new temporary file beside its final path. */
static int
write_temp(const char *dir, entry *e)
{
	char *path = g_build_filename(dir, e->rel, NULL);
	char *folder = g_path_get_dirname(path);
	size_t len;
	const char *data = g_bytes_get_data(e->bytes, &len);
	int rc = -1;

	e->tmp = g_strconcat(path, ".tmp-XXXXXX", NULL);
	if (g_mkdir_with_parents(folder, 0777) != 0) {
		diag_at(DIAG_ERROR, folder, 0, 0,
		    "cannot create the output folder: %s", g_strerror(errno));
		goto out;
	}
	int fd = g_mkstemp_full(e->tmp, O_WRONLY | O_CLOEXEC, 0666 & ~mask());
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
		goto out;
	}
	if (close(fd) != 0) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    g_strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		g_unlink(e->tmp);
		g_free(e->tmp);
		e->tmp = NULL;
	}
	g_free(folder);
	g_free(path);
	return rc;
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

	/* first every file is written beside its place; only when all are
	 * complete are they renamed into place, each rename atomic */
	for (guint i = 0; i < p->entries->len && rc == 0; i++)
		rc = write_temp(p->dir, &g_array_index(p->entries, entry, i));
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
		}
		g_free(e->tmp);
		e->tmp = NULL;
		g_free(path);
	}
	return rc;
}

void
pack_free(pack *p)
{
	if (p == NULL)
		return;
	for (guint i = 0; i < p->entries->len; i++) {
		entry *e = &g_array_index(p->entries, entry, i);
		g_free(e->rel);
		g_bytes_unref(e->bytes);
	}
	g_array_free(p->entries, TRUE);
	g_free(p->dir);
	g_free(p);
}
