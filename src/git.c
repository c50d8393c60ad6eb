/* git: revision data from the git command (g_spawn), never the network. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	/* one `git cat-file --batch` answering every object asked for */
	GPid batch;
	int batch_in, batch_out;
	GByteArray *batch_buf;  /* read from it, not yet taken */
};

/* The command line of git in dir with args (the strings borrowed), and
 * its environment: no optional locks, no lazy fetch, no prompt, the C
 * locale. */
static GPtrArray *
git_argv(const char *dir, const char *const *args, char ***env)
{
	GPtrArray *argv = g_ptr_array_new();
	const char *fixed[] = { "git", "-C", dir,
		"-c", "log.showSignature=false", "-c", "diff.relative=false",
		"-c", "diff.renames=false", "-c", "core.quotePath=false",
		"-c", "color.ui=false", NULL };

	for (const char *const *a = fixed; *a != NULL; a++)
		g_ptr_array_add(argv, (gpointer)*a);
	for (const char *const *a = args; *a != NULL; a++)
		g_ptr_array_add(argv, (gpointer)*a);
	g_ptr_array_add(argv, NULL);
	*env = g_get_environ();
	*env = g_environ_setenv(*env, "GIT_OPTIONAL_LOCKS", "0", TRUE);
	*env = g_environ_setenv(*env, "GIT_NO_LAZY_FETCH", "1", TRUE);
	*env = g_environ_setenv(*env, "GIT_TERMINAL_PROMPT", "0", TRUE);
	*env = g_environ_setenv(*env, "LC_ALL", "C", TRUE);
	*env = g_environ_unsetenv(*env, "GIT_PAGER");
	return argv;
}

/* Run git in dir with args; its standard output into *out (may hold NUL
 * bytes). Standard error is discarded. Returns 0 when git exited 0. */
static int
run(const char *dir, const char *const *args, GBytes **out)
{
	char **env;
	GPtrArray *argv = git_argv(dir, args, &env);
	GPid pid;
	int fd = -1, rc = -1;
	GByteArray *buf = g_byte_array_new();

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

/* ---- objects, through one `git cat-file --batch` ---------------------- */

/* Read from the batch until buf holds n bytes. Returns -1 at its end. */
static int
batch_fill(git_repo *r, gsize n)
{
	guint8 chunk[65536];

	while (r->batch_buf->len < n) {
		ssize_t got = read(r->batch_out, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		g_byte_array_append(r->batch_buf, chunk, (guint)got);
	}
	return 0;
}

static void
batch_stop(git_repo *r)
{
	if (r->batch <= 0)
		return;
	close(r->batch_in);
	close(r->batch_out);
	while (waitpid(r->batch, NULL, 0) < 0 && errno == EINTR)
		;
	g_spawn_close_pid(r->batch);
	r->batch = -1;             /* not started again */
	g_byte_array_free(r->batch_buf, TRUE);
	r->batch_buf = NULL;
}

/* The object named spec (anything cat-file takes), its type into type
 * and its name into oid; NULL when there is none. The process starts on
 * the first call. */
static GBytes *
batch_get(git_repo *r, const char *spec, char type[16], char oid[65])
{
	if (r->batch == 0) {
		const char *args[] = { "cat-file", "--batch", NULL };
		char **env;
		GPtrArray *argv = git_argv(r->dir, args, &env);
		if (g_spawn_async_with_pipes(NULL, (char **)argv->pdata, env,
		    G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
		    G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_CLOEXEC_PIPES, NULL,
		    NULL, &r->batch, &r->batch_in, &r->batch_out, NULL, NULL))
			r->batch_buf = g_byte_array_new();
		else
			r->batch = -1;
		g_strfreev(env);
		g_ptr_array_free(argv, TRUE);
	}
	if (r->batch < 0 || strchr(spec, '\n') != NULL)
		return NULL;
	char *line = g_strconcat(spec, "\n", NULL);
	size_t len = strlen(line), done = 0;
	/* a batch gone makes the write fail, not ismsc end */
	void (*sigpipe)(int) = signal(SIGPIPE, SIG_IGN);
	while (done < len) {
		ssize_t w = write(r->batch_in, line + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	signal(SIGPIPE, sigpipe);
	g_free(line);
	/* "OID TYPE SIZE\n" CONTENT "\n", or "SPEC missing\n" */
	guint8 *nl = NULL;
	while (done == len && (r->batch_buf->len == 0 ||
	    (nl = memchr(r->batch_buf->data, '\n', r->batch_buf->len)) ==
	    NULL) && batch_fill(r, r->batch_buf->len + 1) == 0)
		;
	if (nl == NULL) {
		batch_stop(r);
		return NULL;
	}
	gsize head = (gsize)(nl - r->batch_buf->data) + 1;
	char *h = g_strndup((const char *)r->batch_buf->data, head - 1);
	char **f = g_strsplit(h, " ", 4);
	GBytes *b = NULL;
	if (g_strv_length(f) == 3 && strlen(f[0]) < 65) {
		gsize size = (gsize)g_ascii_strtoull(f[2], NULL, 10);
		if (batch_fill(r, head + size + 1) == 0) {
			b = g_bytes_new(r->batch_buf->data + head, size);
			g_strlcpy(type, f[1], 16);
			g_strlcpy(oid, f[0], 65);
			g_byte_array_remove_range(r->batch_buf, 0,
			    (guint)(head + size + 1));
		} else {
			batch_stop(r);
		}
	} else {
		g_byte_array_remove_range(r->batch_buf, 0, (guint)head);
	}
	g_strfreev(f);
	g_free(h);
	return b;
}

/* HEAD through the batch: its hash and committer date. */
static int
batch_head(git_repo *r, git_commit *c)
{
	char type[16], oid[65];
	GBytes *b = batch_get(r, "HEAD", type, oid);
	int rc = -1;

	if (b == NULL)
		return -1;
	gsize len;
	const char *d = g_bytes_get_data(b, &len);
	char *text = g_strndup(d ? d : "", len);
	char *committer = strstr(text, "\ncommitter ");
	char *end = committer ? strchr(committer + 1, '\n') : NULL;
	if (strcmp(type, "commit") == 0 && end != NULL && strlen(oid) >= 40) {
		*end = '\0';
		/* "committer NAME <EMAIL> TIME ZONE" */
		char *time = strrchr(committer, '>');
		char *stop = NULL;
		gint64 t = time ? g_ascii_strtoll(time + 1, &stop, 10) : 0;
		if (stop != NULL && stop != time + 1) {
			memset(c, 0, sizeof(*c));
			g_strlcpy(c->hash, oid, sizeof(c->hash));
			g_strlcpy(c->short_hash, oid, SHORT_HASH + 1);
			c->time = t;
			rc = 0;
		}
	}
	g_free(text);
	g_bytes_unref(b);
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

	r->has_head = batch_head(r, &r->head) == 0;

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
	batch_stop(r);
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
	char type[16], oid[65];
	GBytes *b = batch_get(r, spec, type, oid);

	if (b != NULL && strcmp(type, "blob") != 0) {
		g_bytes_unref(b);
		b = NULL;
	}
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
	batch_stop(&r);
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

/* ---- the fingerprint ------------------------------------------------------ */

/* Whether s is a commit's object name (SHA-1 or SHA-256), up to its end or
 * a newline. */
static int
is_oid(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return (n == 40 || n == 64) && (s[n] == '\0' || s[n] == '\n');
}

/* The first line of a small file, or NULL. */
static char *
read_line(const char *path)
{
	char *text;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	text[strcspn(text, "\n")] = '\0';
	return text;
}

/* The fallback: the output of one `git status` (HEAD, the branch and
 * every path under dir that differs from HEAD, with the object names of
 * its index entry). */
static void
status_fingerprint(const char *dir, GString *fp)
{
	const char *args[] = { "status", "--porcelain=v2", "--branch", "-z",
		"--untracked-files=all", "--no-renames", "--", ".", NULL };
	GBytes *b;

	if (run(dir, args, &b) != 0) {
		g_string_append(fp, "git none\n");
		return;
	}
	gsize len;
	const char *d = g_bytes_get_data(b, &len);
	char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
	    (const guchar *)(d ? d : ""), len);
	g_string_append_printf(fp, "git status %s\n", sha);
	g_free(sha);
	g_bytes_unref(b);
}

/* The object name branch (refs/heads/...) points to in the repository
 * common: its loose ref, else its line in packed-refs. NULL: unborn.
 * *odd is set when packed-refs names replaced objects. */
static char *
resolve_branch(const char *common, const char *branch, int *odd)
{
	char *path = g_build_filename(common, branch, NULL);
	char *oid = read_line(path);
	char *packed = g_build_filename(common, "packed-refs", NULL);
	char *text = NULL;

	g_free(path);
	if (oid != NULL && !is_oid(oid))
		*odd = 1;               /* a symbolic ref, or damaged */
	if (g_file_get_contents(packed, &text, NULL, NULL)) {
		if (strstr(text, " refs/replace/") != NULL)
			*odd = 1;
		for (char *l = text; oid == NULL && l != NULL && *l != '\0';) {
			char *nl = strchr(l, '\n');
			if (nl != NULL)
				*nl = '\0';
			char *sp = strchr(l, ' ');      /* "OID NAME" */
			if (sp != NULL && strcmp(sp + 1, branch) == 0) {
				*sp = '\0';
				if (is_oid(l))
					oid = g_strdup(l);
			}
			l = nl != NULL ? nl + 1 : NULL;
		}
	}
	g_free(text);
	g_free(packed);
	return oid;
}

/* The repository folder (.git, or what a .git file names) of the work
 * tree holding real (a canonical folder), or NULL outside one; *odd is
 * set where git's own discovery is needed. */
static char *
find_gitdir(const char *real, int *odd)
{
	const char *ceil = g_getenv("GIT_CEILING_DIRECTORIES");
	char **ceilings = g_strsplit(ceil ? ceil : "", ":", -1);
	char *d = g_strdup(real);
	char *gitdir = NULL;
	struct stat sb;
	dev_t dev = 0;

	for (int first = 1; !*odd; first = 0) {
		if (stat(d, &sb) != 0 || (!first && sb.st_dev != dev)) {
			*odd = 1;
			break;
		}
		dev = sb.st_dev;
		char *dotgit = g_build_filename(d, ".git", NULL);
		char *head = g_build_filename(d, "HEAD", NULL);
		if (lstat(dotgit, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			gitdir = g_strdup(dotgit);
		} else if (lstat(dotgit, &sb) == 0 && S_ISREG(sb.st_mode)) {
			char *line = read_line(dotgit);
			if (line != NULL && g_str_has_prefix(line, "gitdir: "))
				gitdir = g_path_is_absolute(line + 8) ?
				    g_strdup(line + 8) :
				    g_build_filename(d, line + 8, NULL);
			else
				*odd = 1;
			g_free(line);
		} else if (lstat(dotgit, &sb) == 0 || errno != ENOENT ||
		    g_file_test(head, G_FILE_TEST_EXISTS)) {
			*odd = 1;       /* a link, or perhaps a bare repository */
		}
		g_free(head);
		g_free(dotgit);
		if (gitdir != NULL || *odd || strcmp(d, "/") == 0)
			break;
		char *parent = g_path_get_dirname(d);
		int stop = 0;
		for (char **c = ceilings; *c != NULL && !stop; c++) {
			char *rc = **c != '\0' ? realpath(*c, NULL) : NULL;
			stop = rc != NULL && strcmp(rc, parent) == 0;
			free(rc);
		}
		g_free(d);
		d = parent;
		if (stop)
			break;
	}
	g_free(d);
	g_strfreev(ceilings);
	if (gitdir != NULL && (stat(gitdir, &sb) != 0 || sb.st_uid != geteuid()))
		*odd = 1;               /* git's safe.directory rules */
	return gitdir;
}

void
git_fingerprint(const char *dir, GString *fp, GPtrArray *watch)
{
	/* variables that do not change what a local git reads (the network,
	 * identities, prompts, tracing); any other GIT_ one may */
	static const char *const harmless[] = { "GIT_CEILING_DIRECTORIES=",
		"GIT_SSL_", "GIT_SSH", "GIT_HTTP_", "GIT_CURL_", "GIT_PROXY_",
		"GIT_ASKPASS=", "GIT_TERMINAL_PROMPT=", "GIT_PAGER=",
		"GIT_EDITOR=", "GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_TRACE",
		"GIT_OPTIONAL_LOCKS=", "GIT_NO_LAZY_FETCH=" };
	char **env = g_get_environ();
	int odd = 0;

	for (char **e = env; *e != NULL; e++) {
		int ok = !g_str_has_prefix(*e, "GIT_");
		for (size_t i = 0; !ok && i < G_N_ELEMENTS(harmless); i++)
			ok = g_str_has_prefix(*e, harmless[i]);
		odd |= !ok;
	}
	g_strfreev(env);
	char *real = odd ? NULL : realpath(dir, NULL);
	char *gitdir = real != NULL ? find_gitdir(real, &odd) : NULL;
	free(real);
	if (odd || gitdir == NULL) {
		if (odd)
			status_fingerprint(dir, fp);
		else
			g_string_append(fp, "git none\n");
		g_free(gitdir);
		return;
	}
	char *cpath = g_build_filename(gitdir, "commondir", NULL);
	char *cline = read_line(cpath);
	char *common = cline == NULL ? g_strdup(gitdir) :
	    g_path_is_absolute(cline) ? g_strdup(cline) :
	    g_build_filename(gitdir, cline, NULL);
	char *hpath = g_build_filename(gitdir, "HEAD", NULL);
	char *head = read_line(hpath);
	char *oid = NULL;
	const char *odd_files[] = { "info/grafts", "refs/replace", NULL };

	for (const char *const *f = odd_files; *f != NULL; f++) {
		char *p = g_build_filename(common, *f, NULL);
		odd |= g_file_test(p, G_FILE_TEST_EXISTS);
		g_free(p);
	}
	if (head != NULL && g_str_has_prefix(head, "ref: refs/heads/"))
		oid = resolve_branch(common, head + 5, &odd);
	else if (head != NULL && is_oid(head))
		oid = g_strdup(head);
	else
		odd = 1;
	if (odd) {
		status_fingerprint(dir, fp);
	} else {
		g_string_append_printf(fp, "git %s\nhead %s\ncommit %s\n", gitdir,
		    head, oid ? oid : "unborn");
		const char *in_git[] = { "index", "config.worktree", NULL };
		const char *in_common[] = { "config", "shallow", NULL };
		for (const char *const *f = in_git; *f != NULL; f++)
			g_ptr_array_add(watch, g_build_filename(gitdir, *f,
			    NULL));
		for (const char *const *f = in_common; *f != NULL; f++)
			g_ptr_array_add(watch, g_build_filename(common, *f,
			    NULL));
	}
	g_free(oid);
	g_free(head);
	g_free(hpath);
	g_free(common);
	g_free(cline);
	g_free(cpath);
	g_free(gitdir);
}
