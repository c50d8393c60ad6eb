/* image: the organization's logo, a PNG image. Logos are untrusted input:
 * a file is read only from inside the source folder (brand.c), is at most
 * IMAGE_MAX_BYTES long and IMAGE_MAX_SIDE pixels wide and high (checked in
 * its header before it is decoded), and must decode. The model and the
 * layout carry it as a data: URI, so the typesetter reads no file. Decoded
 * with cairo's PNG reader (libpng, already linked): no library is added. */
#ifndef ISMSC_IMAGE_H
#define ISMSC_IMAGE_H

#include <cairo.h>
#include <glib.h>

#define IMAGE_MAX_KIB 40
#define IMAGE_MAX_BYTES (IMAGE_MAX_KIB * 1024)
#define IMAGE_MAX_SIDE 2048

typedef struct image image;

/* Decode PNG bytes. NULL with *why set (static text) when they are not
 * an acceptable PNG image. */
image *image_from_png(const void *data, size_t len, const char **why);

/* Decode a "data:image/png;base64,..." URI. NULL with *why set. */
image *image_from_uri(const char *uri, const char **why);

/* "data:image/png;base64,..." for PNG bytes. */
char *image_uri(const void *data, size_t len);

/* Size in pixels. */
void image_size(const image *, int *w, int *h);

/* Draw scaled to w x h points with its top left corner at (x, y). */
void image_paint(cairo_t *cr, const image *, double x, double y, double w,
    double h);

void image_free(image *);

#endif
