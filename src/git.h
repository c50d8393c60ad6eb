/* git: revision data of the sources, by running the git command.
 *
 * Only local plumbing runs (rev-parse, status, log, ls-tree, cat-file),
 * with optional locks off (nothing under .git is written), lazy fetching
 * of a partial clone off, and the user's configuration that changes
 * output (signatures, relative paths, renames) overridden: no network,
 * the same answers on every machine. Outside a work tree, or where git is
 * not installed, git_open returns NULL and every caller carries on
 * without revision data.
 *
 * Paths given to this module are relative to the source folder (DIR);
 * the repository's own paths are relative to its top. */
#ifndef ISMSC_GIT_H
#define ISMSC_GIT_H

#include <glib.h>

typedef struct git_repo git_repo;

/* A commit: its full and short hash and its committer date. */
typedef struct git_commit {
	char hash[41];
	char short_hash[41];
	gint64 time;                /* seconds since 1970, UTC */
} git_commit;

/* The repository whose work tree holds dir, with the state of the work
 * tree under dir read once (git status). NULL outside a work tree. */
git_repo *git_open(const char *dir);
void git_close(git_repo *);

/* HEAD, or 0 before the first commit. */
int git_head(const git_repo *, git_commit *out);

/* Whether rel differs from HEAD: changed in the work tree or the index,
 * new, deleted, or never committed. */
int git_uncommitted(git_repo *, const char *rel);

/* The commits that last changed rel, newest first: at most max (1 or 2)
 * of them into out. Returns how many there are (0: never committed). The
 * history under dir is read with one `git log` on the first call. */
int git_changes(git_repo *, const char *rel, git_commit *out, int max);

/* The content of rel at commit, or NULL when it has none there. */
GBytes *git_blob(git_repo *, const char *commit, const char *rel);

/* Resolve rev (anything git rev-parse takes) in dir's repository to a
 * commit. Returns 0, or -1 (not a repository, or no such commit). */
int git_resolve(const char *dir, const char *rev, git_commit *out);

/* Write the *.xml files under dir as they are in commit into folder to
 * (relative paths kept; hidden entries skipped). Returns the number of
 * files written, or -1 after reporting. */
int git_export(const char *dir, const char *commit, const char *to);

/* What the revision data of dir's sources depends on besides their
 * content, for the fingerprint of a build (fingerprint.h): appends to fp
 * the repository's folder and HEAD (its branch and commit), and to watch
 * the files whose bytes must be unchanged: the index and the
 * configuration. The repository is found and HEAD resolved by reading
 * its files, as git does, where it is a plain one or a linked work tree;
 * anything unusual (a GIT_ variable other than GIT_CEILING_DIRECTORIES, a
 * bare repository, another owner, a file system boundary, replaced
 * objects, grafts, a ref that is not a branch) runs `git status` once
 * instead and fingerprints its output. Outside a repository, appends
 * that. */
void git_fingerprint(const char *dir, GString *fp, GPtrArray *watch);

/* "YYYY-MM-DD" of a time, UTC, into buf. */
void git_date(gint64 time, char buf[11]);

#endif
