/* load: read the source folder into validated DOMs.
 *
 * Every *.xml file below the folder (hidden entries and the output folder
 * skipped), in byte order of its path, is parsed without network access,
 * without DTD loading or entity expansion, keeping line numbers, and validated
 * against schema/sources.rng. Errors are reported through diag.
 *
 * Sources are untrusted (they arrive through pull requests). Every document
 * ismsc parses, sources, its own data, and whatever a stylesheet loads, is
 * parsed by one guarded parser that stops at the first of these, reported at
 * its file, line and column, before acting on it:
 *   - a document type declaration (so no DTD, internal or external, and no
 *     entity is ever declared: nothing is fetched, nothing expanded);
 *   - an element in the XInclude namespace (XInclude is not processed);
 *   - elements nested deeper than LOAD_MAX_DEPTH;
 *   - a text node longer than LOAD_MAX_TEXT bytes, an attribute value or
 *     namespace name longer than LOAD_MAX_ATTR bytes;
 *   - more than LOAD_MAX_ELEMENTS elements (in one file, and in all the
 *     sources of a folder together);
 *   - bytes that are not UTF-8 (encoding declarations are ignored: every
 *     file is read as UTF-8).
 * Files larger than LOAD_MAX_FILE bytes, and source folders larger than
 * LOAD_MAX_TOTAL bytes, are refused before parsing; only regular files are
 * read, and a link is followed only to a file inside the source folder. */
#ifndef ISMSC_LOAD_H
#define ISMSC_LOAD_H

#include <libxml/tree.h>
#include <glib.h>

/* Largest source file accepted, in bytes. */
#define LOAD_MAX_FILE (8 * 1024 * 1024)
/* Largest source folder (all *.xml files together), in bytes. */
#define LOAD_MAX_TOTAL (64 * 1024 * 1024)
/* Deepest element nesting: the root element is level 1. */
#define LOAD_MAX_DEPTH 256
/* Longest text node (between two tags, comments or PIs), in bytes. */
#define LOAD_MAX_TEXT (1024 * 1024)
/* Longest attribute value or namespace name, in bytes. */
#define LOAD_MAX_ATTR (64 * 1024)
/* Most elements in one document, and in all sources of a folder. */
#define LOAD_MAX_ELEMENTS 1000000

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

/* The paths (below dir) of the files load_sources reads, in its order,
 * or with all set every regular file there (a logo is read too); NULL,
 * without reporting, when a folder cannot be read. */
GPtrArray *load_list(const char *dir, const char *skip, int all);

/* Parse one file with the same guarded parser: ismsc's own data and the
 * layout documents in tests. Returns NULL after reporting. */
xmlDocPtr load_file(const char *path, const char *name);

/* The same, with names in dict when it is not NULL (libxslt wants the
 * documents it loads to share its dictionary). */
xmlDocPtr load_file_dict(const char *path, const char *name, xmlDictPtr dict);

/* Parse a document held in memory under a name used in diagnostics. */
xmlDocPtr load_memory(const char *data, size_t len, const char *name);

/* The parser options used for every document ismsc reads. */
int load_parse_options(void);

#endif
