/* pipeline: the stages run in order, shared by every command that reads
 * an ISMS (check, build, and those that follow). main.c only dispatches. */
#ifndef ISMSC_PIPELINE_H
#define ISMSC_PIPELINE_H

#include <glib.h>
#include <libxml/tree.h>

#include "pack.h"

#ifndef ISMSC_VERSION
#define ISMSC_VERSION "0.1.0"
#endif

/* The folder holding schema/, stylesheets/ and fonts/: $ISMSC_DATADIR,
 * else beside the executable (a build tree), else the installed folder.
 * Caller frees. */
char *pipeline_datadir(void);

/* The build's moment in seconds: SOURCE_DATE_EPOCH, else the commit date
 * of HEAD in dir's repository, else 0. Never the clock. */
gint64 pipeline_epoch(const char *dir);

/* A loaded and linked ISMS. */
typedef struct isms {
	xmlDocPtr model;
	char date[11];             /* YYYY-MM-DD */
	char stamp[21];            /* YYYY-MM-DDThh:mm:ssZ, for PDF metadata */
	void *sources;             /* source_set *, kept alive for the model */
} isms;

/* Load, validate and link dir (skipping the folder skip). Returns an exit
 * status; on EXIT_OK, *out holds the ISMS, freed with isms_free. */
int pipeline_load(const char *dir, const char *skip, isms *out);
void isms_free(isms *);

/* A document the build makes. */
typedef struct job {
	char *name;        /* soa, rtp, or a policy id */
	char *kind;        /* stylesheet: stylesheets/KIND.xsl */
	char *policy;      /* the stylesheet's policy parameter, or NULL */
	char *out;         /* path below the output folder */
} job;

/* Every document of the ISMS, or those named in only (NULL: all); an
 * unknown name is reported. Free with g_ptr_array_free. */
GPtrArray *pipeline_jobs(const isms *, char *const *only);

typedef enum { DUMP_NONE, DUMP_LAYOUT, DUMP_PAGES } dump_kind;

/* Transform, typeset and paint each job; queue each PDF in pk (unless
 * dumping, when the layout or page tree goes to stdout). Returns an exit
 * status. */
int pipeline_render(const isms *, GPtrArray *jobs, dump_kind, pack *pk);

/* Print a document to stdout. */
void pipeline_dump_xml(xmlDocPtr);

#endif
