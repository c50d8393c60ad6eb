/* files: walking folders. */
#include <sys/stat.h>

#include "files.h"

void
files_below(const char *root, const char *rel, GPtrArray *out)
{
	char *path = g_build_filename(root, rel, NULL);
	GDir *d = g_dir_open(path, 0, NULL);
	const char *e;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
		if (e[0] == '.')
			continue;
		char *erel = g_build_filename(rel, e, NULL);
		char *full = g_build_filename(root, erel, NULL);
		struct stat sb;
		/* folders are walked, regular files listed; anything else (a
		 * FIFO would block a read) is left out */
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
			files_below(root, erel, out);
		else if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode))
			g_ptr_array_add(out, g_strdup(erel));
		g_free(full);
		g_free(erel);
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(path);
}
