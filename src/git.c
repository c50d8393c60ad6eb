/* git: revision data from the git command (g_spawn), never the network. */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "git.h"

/* Shown short hashes have a fixed length, not git's automatic one (which
 * grows with the number of objects and so differs between clones). */
#define SHORT_HASH 10

struct git_repo {
	char *dir;
	char *prefix;           /* dir below the top: "" or "a/b/" */
	git_commit head;
	int has_head;
	GHashTable *dirty;      /* top-relative path -> itself */
	GHashTable *log;        /* top-relative path -> GArray of git_commit */
	int log_read;
};

/* Run git in dir with args; its standard output into *out (may hold NUL
 * bytes). Standard error is discarded. Returns 0 when git exited 0. */
static int
run(const char *dir, const char *const *args, GBytes **out)
{
	GPtrArray *argv = g_ptr_array_new();
	const char *fixed[] = { "git", "-C", dir,
		"-c", "log.showSignature=false", "-c", "diff.relative=false",
		"-c", "diff.renames=false", "-c", "core.quotePath=false",
		"-c", "color.ui=false", NULL };
	char **env = g_get_environ();
	GPid pid;
	int fd = -1, rc = -1;
	GByteArray *buf = g_byte_array_new();

	for (const char *const *a = fixed; *a != NULL; a++)
		g_ptr_array_add(argv, (gpointer)*a);
	for (const char *const *a = args; *a != NULL; a++)
		g_ptr_array_add(argv, (gpointer)*a);
	g_ptr_array_add(argv, NULL);
	env = g_environ_setenv(env, "GIT_OPTIONAL_LOCKS", "0", TRUE);
	env = g_environ_setenv(env, "GIT_NO_LAZY_FETCH", "1", TRUE);
	env = g_environ_setenv(env, "GIT_TERMINAL_PROMPT", "0", TRUE);
	env = g_environ_setenv(env, "LC_ALL", "C", TRUE);
	env = g_environ_unsetenv(env, "GIT_PAGER");
	if (!g_spawn_async_with_pipes(NULL, (char **)argv->pdata, env,
	    G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
	    G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_CLOEXEC_PIPES, NULL, NULL,
	    &pid, NULL, &fd, NULL, NULL))
		goto done;
	guint8 chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		g_byte_array_append(buf, chunk, (guint)n);
	}
	close(fd);
	int status = 0;
	pid_t w;
	while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	g_spawn_close_pid(pid);
	if (w == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
done:
	if (rc == 0 && out != NULL)
		*out = g_byte_array_free_to_bytes(buf);
	else
		g_byte_array_free(buf, TRUE);
	g_strfreev(env);
	g_ptr_array_free(argv, TRUE);
	return rc;
}

/* Output of a git command as one string without its final newline, or
 * NULL when it failed. */
static char *
run_line(const char *dir, const char *const *args)
{
	GBytes *b;

	if (run(dir, args, &b) != 0)
		return NULL;
	gsize len;
	const char *d = g_bytes_get_data(b, &len);
	char *s = g_strndup(d ? d : "", len);
	g_bytes_unref(b);
	g_strchomp(s);
	return s;
}

/* "HASH TIME" -> commit. */
static int
parse_commit(const char *s, git_commit *c)
{
	char *end;

	memset(c, 0, sizeof(*c));
	if (strlen(s) < 41 || s[40] != ' ')
		return -1;
	memcpy(c->hash, s, 40);
	g_strlcpy(c->short_hash, s, SHORT_HASH + 1);
	c->time = g_ascii_strtoll(s + 41, &end, 10);
	return end == s + 41 ? -1 : 0;
}

git_repo *
git_open(const char *dir)
{
	const char *prefix_args[] = { "rev-parse", "--show-prefix", NULL };
	char *prefix = run_line(dir, prefix_args);

	if (prefix == NULL)
		return NULL;
	git_repo *r = g_new0(git_repo, 1);
	r->dir = g_strdup(dir);
	r->prefix = prefix;
	r->dirty = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	r->log = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    (GDestroyNotify)g_array_unref);

	const char *head_args[] = { "log", "-1", "--format=%H %ct", "HEAD",
		"--", NULL };
	char *head = run_line(dir, head_args);
	r->has_head = head != NULL && parse_commit(head, &r->head) == 0;
	g_free(head);

	/* every path under dir that differs from HEAD; renames name both */
	const char *status_args[] = { "status", "--porcelain=v1", "-z",
		"--untracked-files=all", "--no-renames", "--", ".", NULL };
	GBytes *st;
	if (run(dir, status_args, &st) == 0) {
		gsize len;
		const char *d = g_bytes_get_data(st, &len);
		for (gsize i = 0; d != NULL && i < len;) {
			const char *e = memchr(d + i, '\0', len - i);
			gsize n = e ? (gsize)(e - (d + i)) : len - i;
			if (n > 3)
				g_hash_table_add(r->dirty,
				    g_strndup(d + i + 3, n - 3));
			i += n + 1;
		}
		g_bytes_unref(st);
	}
	return r;
}

void
git_close(git_repo *r)
{
	if (r == NULL)
		return;
	g_hash_table_destroy(r->dirty);
	g_hash_table_destroy(r->log);
	g_free(r->prefix);
	g_free(r->dir);
	g_free(r);
}

int
git_head(const git_repo *r, git_commit *out)
{
	if (r == NULL || !r->has_head)
		return 0;
	*out = r->head;
	return 1;
}

/* The whole history under dir, newest first: for each path its two
 * latest commits. `git log -z --name-only` writes "\001HASH TIME\0"
 * then "\nPATH\0" for each path the commit changed. */
static void
read_log(git_repo *r)
{
	const char *args[] = { "log", "-z", "--no-renames",
		"--format=%x01%H %ct", "--name-only", "HEAD", "--", ".", NULL };
	GBytes *b;

	r->log_read = 1;
	if (!r->has_head || run(r->dir, args, &b) != 0)
		return;
	gsize len;
	const char *d = g_bytes_get_data(b, &len);
	git_commit cur;
	int have = 0;
	for (gsize i = 0; d != NULL && i < len;) {
		const char *e = memchr(d + i, '\0', len - i);
		gsize n = e ? (gsize)(e - (d + i)) : len - i;
		char *tok = g_strndup(d + i, n);
		const char *t = tok;
		i += n + 1;
		while (*t == '\n')
			t++;
		if (*t == '\001') {
			have = parse_commit(t + 1, &cur) == 0;
		} else if (*t != '\0' && have) {
			GArray *a = g_hash_table_lookup(r->log, t);
			if (a == NULL) {
				a = g_array_new(FALSE, FALSE, sizeof(git_commit));
				g_hash_table_insert(r->log, g_strdup(t), a);
			}
			if (a->len < 2)
				g_array_append_val(a, cur);
		}
		g_free(tok);
	}
	g_bytes_unref(b);
}

int
git_changes(git_repo *r, const char *rel, git_commit *out, int max)
{
	if (r == NULL)
		return 0;
	if (!r->log_read)
		read_log(r);
	char *path = g_strconcat(r->prefix, rel, NULL);
	GArray *a = g_hash_table_lookup(r->log, path);
	g_free(path);
	if (a == NULL)
		return 0;
	for (guint i = 0; i < a->len && (int)i < max; i++)
		out[i] = g_array_index(a, git_commit, i);
	return (int)a->len;
}

int
git_uncommitted(git_repo *r, const char *rel)
{
	git_commit c;

	if (r == NULL)
		return 0;
	char *path = g_strconcat(r->prefix, rel, NULL);
	int dirty = g_hash_table_contains(r->dirty, path);
	g_free(path);
	return dirty || git_changes(r, rel, &c, 1) == 0;
}

GBytes *
git_blob(git_repo *r, const char *commit, const char *rel)
{
	char *spec = g_strconcat(commit, ":", r->prefix, rel, NULL);
	const char *args[] = { "cat-file", "blob", spec, NULL };
	GBytes *b = NULL;

	if (run(r->dir, args, &b) != 0)
		b = NULL;
	g_free(spec);
	return b;
}

int
git_resolve(const char *dir, const char *rev, git_commit *out)
{
	if (rev[0] == '-' || rev[0] == '\0')
		return -1;
	char *spec = g_strconcat(rev, "^{commit}", NULL);
	const char *args[] = { "log", "-1", "--no-walk", "--format=%H %ct",
		spec, "--", NULL };
	char *line = run_line(dir, args);
	int rc = line != NULL && parse_commit(line, out) == 0 ? 0 : -1;

	g_free(line);
	g_free(spec);
	return rc;
}

/* Whether a path below dir names a hidden entry anywhere. */
static int
hidden(const char *rel)
{
	for (const char *p = rel; p != NULL; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '.')
			return 1;
	}
	return 0;
}

int
git_export(const char *dir, const char *commit, const char *to)
{
	const char *prefix_args[] = { "rev-parse", "--show-prefix", NULL };
	char *prefix = run_line(dir, prefix_args);
	const char *ls_args[] = { "ls-tree", "-r", "-z", "--full-name",
		"--name-only", commit, "--", ".", NULL };
	GBytes *list = NULL;
	int count = 0;

	if (prefix == NULL || run(dir, ls_args, &list) != 0) {
		diag_at(DIAG_ERROR, dir, 0, 0, "cannot list the sources of "
		    "commit %s", commit);
		g_free(prefix);
		return -1;
	}
	git_repo r = { .dir = (char *)dir, .prefix = prefix };
	size_t plen = strlen(prefix);
	gsize len;
	const char *d = g_bytes_get_data(list, &len);
	for (gsize i = 0; d != NULL && i < len && count >= 0;) {
		const char *e = memchr(d + i, '\0', len - i);
		gsize n = e ? (gsize)(e - (d + i)) : len - i;
		char *path = g_strndup(d + i, n);
		const char *rel = path + plen;
		i += n + 1;
		if (strncmp(path, prefix, plen) != 0 || hidden(rel) ||
		    !g_str_has_suffix(rel, ".xml")) {
			g_free(path);
			continue;
		}
		GBytes *blob = git_blob(&r, commit, rel);
		char *file = g_build_filename(to, rel, NULL);
		char *folder = g_path_get_dirname(file);
		gsize blen;
		const char *bd = blob ? g_bytes_get_data(blob, &blen) : NULL;
		GError *err = NULL;
		if (blob == NULL) {
			diag_at(DIAG_ERROR, rel, 0, 0, "cannot read it from "
			    "commit %s", commit);
			count = -1;
		} else if (g_mkdir_with_parents(folder, 0700) != 0 ||
		    !g_file_set_contents(file, bd ? bd : "", (gssize)blen,
		    &err)) {
			diag_at(DIAG_ERROR, file, 0, 0, "cannot write: %s",
			    err ? err->message : g_strerror(errno));
			count = -1;
		} else {
			count++;
		}
		if (err != NULL)
			g_error_free(err);
		if (blob != NULL)
			g_bytes_unref(blob);
		g_free(folder);
		g_free(file);
		g_free(path);
	}
	g_bytes_unref(list);
	g_free(prefix);
	return count;
}

void
git_date(gint64 time, char buf[11])
{
	GDateTime *dt = g_date_time_new_from_unix_utc(time);
	char *s = g_date_time_format(dt, "%Y-%m-%d");

	g_strlcpy(buf, s, 11);
	g_free(s);
	g_date_time_unref(dt);
}
