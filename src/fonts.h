/* fonts: the application font set. Fonts come from the fonts/ folder only,
 * in an empty fontconfig configuration: never from the machine's fonts or
 * its fontconfig files. */
#ifndef ISMSC_FONTS_H
#define ISMSC_FONTS_H

#include <pango/pango.h>

#define FONT_SANS "Noto Sans"
#define FONT_MONO "Noto Sans Mono"

/* Make a pango font map at 72 dpi serving only the font files in fontdir.
 * Returns NULL after reporting. Unref the map when done. */
PangoFontMap *fonts_load(const char *fontdir);

#endif
