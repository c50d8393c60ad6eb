/* image: PNG logos, checked and decoded with cairo. */
#include <string.h>

#include "image.h"

struct image {
	cairo_surface_t *surface;
	int w, h;
};

static const unsigned char png_signature[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

struct reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t
read_bytes(void *closure, unsigned char *out, unsigned int n)
{
	struct reader *r = closure;

	if (n > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return CAIRO_STATUS_SUCCESS;
}

static guint32
be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 |
	    (guint32)p[2] << 8 | p[3];
}

image *
image_from_png(const void *data, size_t len, const char **why)
{
	const unsigned char *b = data;

	/* signature, then the IHDR chunk: length 13, width, height */
	if (len > IMAGE_MAX_BYTES) {
		*why = "the image is larger than the limit of "
		    G_STRINGIFY(IMAGE_MAX_KIB) " KiB";
		return NULL;
	}
	if (len < 33 || memcmp(b, png_signature, 8) != 0 ||
	    be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4) != 0) {
		*why = "not a PNG image (only PNG is supported)";
		return NULL;
	}
	guint32 w = be32(b + 16), h = be32(b + 20);
	if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		*why = "the image is wider or higher than the limit of "
		    G_STRINGIFY(IMAGE_MAX_SIDE) " pixels";
		return NULL;
	}
	struct reader r = { b, len };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(
	    read_bytes, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(s) != (int)w ||
	    cairo_image_surface_get_height(s) != (int)h) {
		cairo_surface_destroy(s);
		*why = "the PNG image is damaged";
		return NULL;
	}
	image *im = g_new0(image, 1);
	im->surface = s;
	im->w = (int)w;
	im->h = (int)h;
	return im;
}

#define URI_PREFIX "data:image/png;base64,"

image *
image_from_uri(const char *uri, const char **why)
{
	if (uri == NULL || !g_str_has_prefix(uri, URI_PREFIX) ||
	    strlen(uri) > sizeof(URI_PREFIX) + (IMAGE_MAX_BYTES + 2) / 3 * 4) {
		*why = "not a data:image/png;base64 URI of at most "
		    G_STRINGIFY(IMAGE_MAX_KIB) " KiB";
		return NULL;
	}
	gsize len = 0;
	guchar *data = g_base64_decode(uri + strlen(URI_PREFIX), &len);
	image *im = image_from_png(data, len, why);
	g_free(data);
	return im;
}

char *
image_uri(const void *data, size_t len)
{
	char *b64 = g_base64_encode(data, len);
	char *uri = g_strconcat(URI_PREFIX, b64, NULL);

	g_free(b64);
	return uri;
}

void
image_size(const image *im, int *w, int *h)
{
	*w = im->w;
	*h = im->h;
}

void
image_paint(cairo_t *cr, const image *im, double x, double y, double w,
    double h)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / im->w, h / im->h);
	cairo_set_source_surface(cr, im->surface, 0, 0);
	cairo_rectangle(cr, 0, 0, im->w, im->h);
	cairo_fill(cr);
	cairo_restore(cr);
}

void
image_free(image *im)
{
	if (im == NULL)
		return;
	cairo_surface_destroy(im->surface);
	g_free(im);
}
