/* state: what each document is made from, and what the last build made.
 *
 * Views. A document's stylesheet does not read the whole model: it reads
 * a view, the model's root (its attributes) with only the parts that
 * document shows:
 *
 *     soa      organization, controls
 *     rtp      organization, risk-methodology, risks
 *     policy   organization, policies with that one policy
 *     other    the whole model
 *
 * Link copies the title (and for a policy its version) of everything a
 * part refers to into the part itself, so a view holds everything its
 * document shows. Because the view is the stylesheet's whole input, a
 * document whose view, stylesheets, fonts, build date and ismsc version
 * are unchanged would come out byte for byte the same: that is the
 * incremental rebuild's rule, and it holds by construction, whatever the
 * stylesheets read.
 *
 * Revision data. The root of a view carries the document's revision
 * data (doc/model.md): revision and revision-date, the last commit that
 * changed one of its source files (those its view was copied from, and
 * those of the risks, policies and organization-defined controls it
 * names); uncommitted="yes" when one of them differs from HEAD; for a
 * policy, changed-since-approval="yes" when the commits after the one
 * that set its current approval changed its file.
 *
 * The state file. OUT/.ismsc-state records, for each document, the hash
 * of everything it was made from (its key), the hash, size and page count
 * of the PDF, and its source files; and the content hashes of the data
 * files (schema/, stylesheets/, fonts/), with their size and times so
 * that unchanged files are not read again. A build makes only the
 * documents whose key changed or whose PDF is missing or altered.
 *
 * The no-change rebuild. A build without errors whose only diagnostics
 * came from loading the sources (none from making a document: such a
 * document is made again each time) also records the fingerprint of its
 * inputs (fingerprint.h) and the text of those diagnostics; the next
 * build with the same fingerprint, whose recorded outputs are all there
 * unchanged (the rule of state_fresh: size, and no change after the
 * state file), prints that text again and stops before loading
 * anything. */
#ifndef ISMSC_STATE_H
#define ISMSC_STATE_H

#include <glib.h>
#include <libxml/tree.h>

#include "git.h"
#include "pack.h"

#define STATE_FILE ".ismsc-state"

struct isms;
struct job;

/* Give each job (pipeline.h) its source files, its revision data and
 * the digest of its view, without making the view. */
void state_describe(const struct isms *, GPtrArray *jobs);

/* The view of a described job: its stylesheet's input. Caller frees it
 * with xmlFreeDoc. */
xmlDocPtr state_view(const struct isms *, const struct job *);

/* The revision data of the whole ISMS on the model's root: HEAD, and
 * uncommitted="yes" when one of the source files (names) differs from
 * it. */
void state_annotate(xmlDocPtr model, const char *dir, GPtrArray *names,
    git_repo *repo);

/* The hex SHA-256 of data into hex (65 bytes). */
void state_sha256(const void *data, gsize len, char hex[65]);

/* The hex SHA-256 of a regular file's bytes into hex, read without
 * blocking on a FIFO; -1 when it cannot be read, is not a regular file or
 * is larger than max (0: any size). */
int state_hash_file(const char *path, gint64 max, char hex[65]);

typedef struct state state;

/* The data files below datadir that the documents are made with (schema/,
 * stylesheets/, fonts/; hidden entries skipped), as sorted paths below
 * it. Free with g_ptr_array_free. */
GPtrArray *state_data_files(const char *datadir);

/* The versions of ismsc and of the libraries its output depends on, one
 * per line, appended to s. */
void state_versions(GString *s);

/* Whether the state file of outdir records the fingerprint input and
 * every output it records is there unchanged; if so, *said receives
 * what loading the sources printed then (to be printed again). */
int state_unchanged(const char *outdir, const char *input, char **said);

/* The fingerprint the state file records (NULL: none), with what loading
 * the sources printed (said); call once they are loaded. It is recorded
 * if the build has no error and prints no other diagnostic. */
void state_set_input(state *, const char *input, const char *said);

/* Read OUT/.ismsc-state (a missing or unreadable one is empty) and hash
 * the data files under datadir. stamp: the build's date and time. With
 * force, every document counts as changed. */
state *state_open(const char *outdir, const char *datadir,
    const char *stamp, int force);
void state_free(state *);

/* Give each job (pipeline.h) its key; move the jobs whose PDF is up to
 * date out of jobs, with their hash, size and page count from the state.
 * Returns them (owned by the state). */
GPtrArray *state_select(state *, GPtrArray *jobs);

/* Key of a made-up output (the index, the audit pack): the environment,
 * the build date and the given bytes. */
void state_key(state *, const char *name, const void *data, gsize len,
    char key[65]);

/* Whether the output out made from key is up to date; if so, fills its
 * hash, size, pages and title (replacing *title, unless title is NULL). */
int state_fresh(state *, const char *out, const char *key, char sha[65],
    gint64 *size, int *pages, char **title);

/* Record a made output (job or not) and its sources (may be NULL). A
 * document that drew a warning is forgotten, so the next build makes it
 * again and warns again. */
void state_record(state *, const char *name, const char *out,
    const char *key, const char *sha, gint64 size, int pages,
    const char *title, GPtrArray *sources, int warned);

/* Record every job of jobs (made or found fresh). */
void state_record_jobs(state *, GPtrArray *jobs);

/* Queue the state file in pk when it changed. Call last: its change time
 * then follows every output's. */
void state_save(state *, pack *pk);

/* What cmd_build and cmd_pack do: open the state of outdir for m (with
 * force, everything counts as changed) and move the up-to-date jobs out
 * of jobs (state_select); then, once jobs are made, record them and
 * queue the state file (state_record_jobs, state_save). */
state *state_begin(const char *outdir, const struct isms *m, int force,
    GPtrArray *jobs);
void state_end(state *, GPtrArray *jobs, pack *pk);

/* What state_begin leaves to do while the documents are made (it hands
 * it to pipeline_set_idle): with no document that could be up to date,
 * hash the data files and key the jobs. state_end does what is left. */
void state_work(gpointer st);

#endif
