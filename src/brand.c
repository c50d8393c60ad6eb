/* brand: language and logo of the organization. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "brand.h"
#include "diag.h"
#include "image.h"
#include "pipeline.h"
#include "shape.h"
#include "strv.h"
#include "transform.h"
#include "typeset.h"
#include "xml.h"

GPtrArray *
brand_languages(void)
{
	char *data = pipeline_datadir();
	char *xsl = g_build_filename(data, "stylesheets", NULL);
	GPtrArray *dirs = transform_dirs(xsl);
	GPtrArray *langs = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < dirs->len; i++) {
		char *msgs = g_build_filename(dirs->pdata[i], "messages", NULL);
		GDir *d = g_dir_open(msgs, 0, NULL);
		const char *e;
		while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
			char *lang = g_strndup(e, strlen(e) - MIN(strlen(e), 4));
			if (e[0] != '.' && g_str_has_suffix(e, ".xml") &&
			    !g_ptr_array_find_with_equal_func(langs, lang,
			    g_str_equal, NULL))
				g_ptr_array_add(langs, lang);
			else
				g_free(lang);
		}
		if (d != NULL)
			g_dir_close(d);
		g_free(msgs);
	}
	g_ptr_array_sort(langs, strv_compare);
	g_ptr_array_free(dirs, TRUE);
	g_free(xsl);
	g_free(data);
	return langs;
}

static void
check_language(const xmlNode *org)
{
	const char *lang = xml_prop(org, "language");

	if (lang == NULL)
		return;
	GPtrArray *langs = brand_languages();
	if (!g_ptr_array_find_with_equal_func(langs, lang, g_str_equal,
	    NULL)) {
		g_ptr_array_add(langs, NULL);
		char *list = g_strjoinv(", ", (char **)langs->pdata);
		diag_node(DIAG_ERROR, org, "language", "no message catalogue "
		    "for the language '%s' (supported: %s)", lang, list);
		g_free(list);
	}
	g_ptr_array_free(langs, TRUE);
}

/* The logo file's bytes, or NULL after a diagnostic at the attribute. */
static GBytes *
read_logo(const xmlNode *branding, const char *file, const char *dir)
{
	const char *name = (const char *)branding->doc->URL;
	char *base = g_path_get_dirname(name ? name : dir);
	char *path = g_build_filename(base, file, NULL);
	char *real = realpath(path, NULL);
	char *top = realpath(dir, NULL);
	size_t n = top ? strlen(top) : 0;
	const char *why = NULL;
	GBytes *bytes = NULL;
	char *data = NULL;
	gsize len = 0;
	struct stat sb;

	if (real == NULL)
		why = "no such file";
	else if (top == NULL || strncmp(real, top, n) != 0 || real[n] != '/')
		why = "the file is outside the source folder";
	else if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if (sb.st_size > IMAGE_MAX_BYTES)
		why = "the file is larger than the limit of "
		    G_STRINGIFY(IMAGE_MAX_KIB) " KiB";
	else if (!g_file_get_contents(real, &data, &len, NULL))
		why = "cannot be read";
	else if (g_str_has_suffix(file, ".svg") || g_str_has_suffix(file,
	    ".SVG"))
		why = "SVG is not supported: convert the logo to PNG "
		    "(e.g. rsvg-convert -h 256 logo.svg -o logo.png)";
	if (why == NULL) {
		image *im = image_from_png(data, len, &why);
		if (im != NULL)
			bytes = g_bytes_new(data, len);
		image_free(im);
	}
	if (why != NULL)
		diag_node(DIAG_ERROR, branding, "logo", "logo '%s': %s", file,
		    why);
	g_free(data);
	free(top);
	free(real);
	g_free(path);
	g_free(base);
	return bytes;
}

void
brand_link(const xmlNode *org, xmlNode *model, const char *dir)
{
	check_language(org);
	const xmlNode *branding = xml_first(org, "branding");
	const char *logo = branding ? xml_prop(branding, "logo") : NULL;
	if (logo == NULL)
		return;
	GBytes *bytes = read_logo(branding, logo, dir);
	if (bytes == NULL)
		return;
	gsize len;
	const void *data = g_bytes_get_data(bytes, &len);
	char *uri = image_uri(data, len);
	xml_set(xml_first(model, "branding"), "logo-data", uri);
	g_free(uri);
	g_bytes_unref(bytes);
}

/* ---- in the typesetter -------------------------------------------------- */

int
brand_layout(ts_doc *doc, const xmlNode *root, const char *where)
{
	const char *logo = xml_prop(root, "logo");
	const char *why = NULL;
	unsigned rgb;

	const char *label = xml_prop(root, "page-label");
	const char *cont = xml_prop(root, "continued");
	doc->page_label = g_strdup(label ? label : "Page {page} of {pages}");
	doc->continued = g_strdup(cont ? cont : "(continued)");
	if (parse_rgb(xml_prop(root, "accent"), &rgb) == 0) {
		doc->accent = rgb;
		doc->accented = 1;
	}
	if (logo == NULL)
		return 0;
	doc->logo = image_from_uri(logo, &why);
	if (doc->logo != NULL) {
		doc->logo_block = image_from_uri(logo, &why);
		return 0;
	}
	diag_src(DIAG_ERROR, xml_prop(root, "src"), where, "logo: %s", why);
	return -1;
}

char *
brand_page_label(const ts_doc *doc, unsigned page, unsigned pages)
{
	GString *s = g_string_new(doc->page_label);
	char num[16];

	snprintf(num, sizeof(num), "%u", pages);
	g_string_replace(s, "{pages}", num, 0);
	snprintf(num, sizeof(num), "%u", page);
	g_string_replace(s, "{page}", num, 0);
	return g_string_free(s, FALSE);
}

void
brand_fit(const image *im, double max_w, double max_h, double *w, double *h)
{
	int pw, ph;

	image_size(im, &pw, &ph);
	double scale = MIN(max_w / pw, max_h / ph);
	*w = pw * scale;
	*h = ph * scale;
}

void
brand_recolour(ts_text *t, unsigned rgb)
{
	guint16 c[3] = { (guint16)(((rgb >> 16) & 0xff) * 257),
		(guint16)(((rgb >> 8) & 0xff) * 257),
		(guint16)((rgb & 0xff) * 257) };

	for (int i = 0; i < t->nlines; i++)
		for (int k = 0; k < t->lines[i].nruns; k++)
			memcpy(t->lines[i].runs[k].rgb, c, sizeof(c));
}
