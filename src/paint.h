/* paint: pages of boxes -> PDF bytes, with cairo's PDF surface.
 *
 * The surface exists before typesetting, so that text is measured with the
 * context it is drawn with (NOTES: measure with the drawing context). */
#ifndef ISMSC_PAINT_H
#define ISMSC_PAINT_H

#include <glib.h>
#include <pango/pango.h>

#include "typeset.h"

typedef struct pdf pdf;

typedef struct paint_meta {
	const char *creator;       /* "ismsc VERSION" */
	const char *date;          /* YYYY-MM-DDThh:mm:ssZ */
} paint_meta;

/* A PDF surface of A4 pages writing into memory, and a pango context for
 * it made from fonts. */
pdf *pdf_new(PangoFontMap *fonts);
PangoContext *pdf_context(pdf *);

/* Draw every page of doc, set the metadata, finish the file. Returns the
 * PDF bytes, or NULL after reporting a cairo error. Frees the pdf, and
 * the pages and texts of doc as soon as they are drawn (their memory
 * serves cairo's); doc keeps its outline and metadata until ts_doc_free. */
GBytes *pdf_paint(pdf *, ts_doc *doc, const paint_meta *);

/* Discard a pdf that will not be painted. */
void pdf_free(pdf *);

#endif
