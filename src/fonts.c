/* fonts: an application fontconfig configuration for pango. */
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "diag.h"
#include "fonts.h"
#include "strv.h"

/* Add every font file of dir to cfg as an application font. Files are
 * scanned directly: nothing is read from or written to a font cache. */
static int
add_fonts(FcConfig *cfg, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(e, ".ttf") || g_str_has_suffix(e, ".otf"))
			g_ptr_array_add(names, g_strdup(e));
	g_dir_close(d);
	g_ptr_array_sort(names, strv_compare);
	for (guint i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		n += FcConfigAppFontAddFile(cfg, (const FcChar8 *)path) ? 1 : 0;
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	return n;
}

PangoFontMap *
fonts_load(const char *fontdir)
{
	char *dir = realpath(fontdir, NULL);
	if (dir == NULL) {
		diag_at(DIAG_ERROR, fontdir, 0, 0, "font folder not found");
		return NULL;
	}
	/* An empty configuration: no system fonts, no aliases; then only the
	 * files in fonts/. */
	FcConfig *cfg = FcConfigCreate();
	if (add_fonts(cfg, dir) == 0) {
		diag_at(DIAG_ERROR, dir, 0, 0, "no fonts found");
		FcConfigDestroy(cfg);
		free(dir);
		return NULL;
	}
	/* Without this, pango's own FcInit loads the system configuration. */
	FcConfigSetCurrent(cfg);
	PangoFontMap *map = pango_cairo_font_map_new_for_font_type(
	    CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
	FcConfigDestroy(cfg);      /* the font map and current config hold it */
	free(dir);
	return map;
}
