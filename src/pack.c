/* pack: atomic writes of a build's outputs. */
#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "diag.h"
#include "pack.h"

typedef struct entry {
	char *rel;
	GBytes *bytes;
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
	entry e = { g_strdup(rel), g_bytes_ref(bytes) };

	g_array_append_val(p->entries, e);
}

int
pack_commit(pack *p)
{
	for (guint i = 0; i < p->entries->len; i++) {
		entry *e = &g_array_index(p->entries, entry, i);
		char *path = g_build_filename(p->dir, e->rel, NULL);
		char *folder = g_path_get_dirname(path);
		GError *err = NULL;
		size_t len;
		const char *data = g_bytes_get_data(e->bytes, &len);

		if (g_mkdir_with_parents(folder, 0777) != 0) {
			diag_at(DIAG_ERROR, folder, 0, 0,
			    "cannot create the output folder: %s",
			    g_strerror(errno));
		} else if (!g_file_set_contents(path, data, (gssize)len, &err)) {
			/* g_file_set_contents writes a temporary file in the
			 * same folder and renames it into place */
			diag_at(DIAG_ERROR, path, 0, 0, "%s", err->message);
			g_error_free(err);
		}
		g_free(folder);
		g_free(path);
		if (diag_count(DIAG_ERROR) > 0)
			return -1;
	}
	return 0;
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
