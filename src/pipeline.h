/* pipeline: the stages run in order, shared by every command that reads
 * an ISMS (check, build, and those that follow). main.c only dispatches. */
#ifndef ISMSC_PIPELINE_H
#define ISMSC_PIPELINE_H

#include <glib.h>
#include <libxml/tree.h>

#include "pack.h"
#include "paint.h"

#ifndef ISMSC_VERSION
#define ISMSC_VERSION "0.1.0"
#endif

/* The folder holding schema/, stylesheets/ and fonts/: $ISMSC_DATADIR,
 * else beside the executable (a build tree), else ../share/ismsc from the
 * executable's folder (an installed tree, even moved or staged), else the
 * installed folder compiled in. Caller frees. */
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
	void *repo;                /* git_repo * (git.h), NULL outside git */
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
	xmlDocPtr view;    /* the stylesheet's input: the part of the model
	                      the document shows, with its revision data
	                      (state.h); made when needed; owned */
	char **revision;   /* its revision data: name, value, ..., NULL */
	GPtrArray *sources;  /* the source files it shows data from */
	char digest[65];   /* hash of its view (state.h) */
	xmlDocPtr layout;  /* when set, typeset as it is (no stylesheet); owned */
	char key[65];      /* hash of all it is made from (state.h) */
	/* the PDF, once made (pipeline_render) or found up to date (state.h) */
	char *title;       /* the layout's title */
	char sha256[65];
	gint64 size;
	int pages;
	int fresh;         /* found up to date, not made again */
	gint64 cost;       /* how long it takes to make, relatively: the
	                      size of its view, or of its last PDF (state.h);
	                      the longest are made first */
	int warned;        /* making it drew a warning */
} job;

/* Every document of the ISMS, or those named in only (NULL: all); an
 * unknown name is reported. Each is described (state_describe). Free
 * with g_ptr_array_free. */
GPtrArray *pipeline_jobs(const isms *, char *const *only);

/* A job of one's own (cmd_pack.c): kind may be NULL with a layout set
 * later; takes out. Free with pipeline_job_free. */
job *pipeline_job_new(const char *name, const char *kind,
    const char *policy, char *out);
void pipeline_job_free(gpointer job);

typedef enum { DUMP_NONE, DUMP_LAYOUT, DUMP_PAGES } dump_kind;

/* How many jobs pipeline_render runs at once (-j): 1 (the default), one
 * after another in this process; more, in as many worker processes. */
void pipeline_set_parallel(int n);
/* The default of -j: the number of processors online. */
int pipeline_default_parallel(void);

/* Work for the next pipeline_render to do (once) while the documents are
 * made: in the parent while the workers make them, else before them. */
void pipeline_set_idle(void (*fn)(gpointer), gpointer data);

/* Transform, typeset and paint each job; queue each PDF in pk (unless
 * dumping, when the layout or page tree goes to stdout). Returns an exit
 * status. */
int pipeline_render(const isms *, GPtrArray *jobs, dump_kind, pack *pk);

/* Check a layout document against schema/layout.rng, typeset and paint it
 * (printing its page tree first when dump is DUMP_PAGES); *out receives
 * the PDF. Returns an exit status. */
int pipeline_typeset(PangoFontMap *fonts, xmlDocPtr layout,
    const paint_meta *meta, dump_kind dump, const char *name, GBytes **out);
/* The same, and *pages receives the number of pages. */
int pipeline_typeset_pages(PangoFontMap *fonts, xmlDocPtr layout,
    const paint_meta *meta, dump_kind dump, const char *name, GBytes **out,
    int *pages);

/* Print a document to stdout. */
void pipeline_dump_xml(xmlDocPtr);

#endif
