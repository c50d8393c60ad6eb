/* figure: vector figures, laid out relative to their top left corner
 * (internal to typeset). */
#ifndef ISMSC_FIGURE_H
#define ISMSC_FIGURE_H

#include "shape.h"

typedef struct figure {
	GArray *items;             /* ts_item, relative to the figure */
	double h;
	const char *src;
} figure;

/* Lay out a <figure> element at width w. */
figure *figure_build(builder *b, const xmlNode *n, double w);
void figure_free(figure *);

#endif
