/* load: read the source folder into validated DOMs.
 *
 * Every *.xml file below the folder (hidden entries and the output folder
 * skipped), in byte order of its path, is parsed without network access,
 * without DTD loading or entity expansion, keeping line numbers, and validated
 * against schema/sources.rng. Errors are reported through diag. */
#ifndef ISMSC_LOAD_H
#define ISMSC_LOAD_H

#include <libxml/tree.h>
#include <glib.h>

/* Largest source file accepted, in bytes. */
#define LOAD_MAX_FILE (8 * 1024 * 1024)

typedef struct source_file {
	char *name;        /* as diagnostics print it: DIR/relative/path.xml */
	xmlDocPtr doc;     /* NULL when the file did not parse */
	int valid;         /* parsed and valid against the schema */
} source_file;

typedef struct source_set {
	char *dir;
	GPtrArray *files;  /* source_file *, owned */
} source_set;

/* Parse and validate every source under dir. skip, when not NULL, is a
 * folder not to descend into (the output folder). Returns NULL only when
 * dir cannot be read (reported); per-file problems are diagnostics and
 * leave the file with valid == 0. Free with source_set_free. */
source_set *load_sources(const char *dir, const char *schema, const char *skip);
void source_set_free(source_set *);

/* Parse one file with the same secure options: ismsc's own data and the
 * layout documents in tests. Returns NULL after reporting. */
xmlDocPtr load_file(const char *path, const char *name);

/* Parse a document held in memory under a name used in diagnostics. */
xmlDocPtr load_memory(const char *data, size_t len, const char *name);

/* The parser options used for every document ismsc reads. */
int load_parse_options(void);

#endif
