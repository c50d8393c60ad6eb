/* brand: the organization's presentation, checked while linking. Its
 * language must name a message catalogue of the stylesheets
 * (stylesheets/messages/LANG.xml, in the user's stylesheet folder or the
 * installed one); its logo (branding logo="FILE", relative to the
 * organization file) must be a PNG file inside the source folder within
 * image.h's limits, and is put in the model as branding/@logo-data, a
 * data: URI. */
#ifndef ISMSC_BRAND_H
#define ISMSC_BRAND_H

#include <glib.h>
#include <libxml/tree.h>
#include <pango/pango.h>

/* org: the organization source element; model: its copy in the model;
 * dir: the source folder. Problems are reported as errors. */
void brand_link(const xmlNode *org, xmlNode *model, const char *dir);

/* The languages there are catalogues for, sorted: "de", "en". */
GPtrArray *brand_languages(void);

/* ---- in the typesetter ---- */

struct ts_doc;
struct image;

/* The layout document's logo, accent and words of the typesetter (root's
 * attributes page-label and continued, English without them) into doc.
 * -1 after reporting a logo that is not an acceptable PNG image. */
int brand_layout(struct ts_doc *doc, const xmlNode *root, const char *where);

/* "Page 3 of 7": doc's page label with {page} and {pages} replaced. */
char *brand_page_label(const struct ts_doc *doc, unsigned page,
    unsigned pages);

/* The size of im scaled to fit max_w x max_h points, aspect kept. */
void brand_fit(const struct image *im, double max_w, double max_h,
    double *w, double *h);

/* Draw all of t's text in colour rgb (0xRRGGBB). */
struct ts_text;
void brand_recolour(struct ts_text *t, unsigned rgb);

#endif
