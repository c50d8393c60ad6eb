/* Fuzz harness (b): check, typeset and paint a layout document.
 *
 * The input is a layout document, parsed by load.c's guarded parser and
 * handed to pipeline_typeset: checked against schema/layout.rng, typeset
 * and painted to PDF bytes, as a build does with a stylesheet's result
 * and `ismsc typeset` with a file. Seeds: the layouts the example's
 * stylesheets make, and tests/golden/ (make fuzz-seeds). */
#include <fontconfig/fontconfig.h>

#include "fonts.h"
#include "fuzz.h"
#include "load.h"
#include "paint.h"
#include "pipeline.h"

static PangoFontMap *fonts;

/* At exit, what src/main.c releases: the font map, then fontconfig. */
static void
release(void)
{
	g_object_unref(fonts);
	FcFini();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init_once();
	if (fonts == NULL) {
		char *dir = fuzz_data("fonts");
		fonts = fonts_load(dir);
		g_free(dir);
		if (fonts == NULL)
			abort();
		atexit(release);
	}
	diag_reset();
	xmlDocPtr layout = load_memory((const char *)data, size, "layout.xml");
	if (layout == NULL)
		return 0;
	paint_meta meta = { "ismsc fuzz", "2026-01-01T00:00:00Z" };
	GBytes *pdf = NULL;
	pipeline_typeset(fonts, layout, &meta, DUMP_NONE, "layout", &pdf);
	if (pdf != NULL)
		g_bytes_unref(pdf);
	xmlFreeDoc(layout);
	return 0;
}
