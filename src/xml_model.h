/* xml_model: the processing instruction that points XML editors at the
 * source schema (W3C "Associating Schemas with XML documents"):
 *     <?xml-model href="schema/sources.rng" type="application/xml"
 *         schematypens="http://relaxng.org/ns/structure/1.0"?>
 * ismsc init and import-risks write it; ismsc itself ignores it. */
#ifndef ISMSC_XML_MODEL_H
#define ISMSC_XML_MODEL_H

#include <glib.h>

#define XML_MODEL_RELAXNG "http://relaxng.org/ns/structure/1.0"

/* The instruction's data (what follows "xml-model "), href escaped.
 * Caller frees. */
static inline char *
xml_model_data(const char *href)
{
	char *h = g_markup_escape_text(href, -1);
	char *d = g_strdup_printf("href=\"%s\" type=\"application/xml\" "
	    "schematypens=\"" XML_MODEL_RELAXNG "\"", h);

	g_free(h);
	return d;
}

#endif
