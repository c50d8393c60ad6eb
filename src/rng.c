/* rng: compiled RELAX NG schemas. */
#include <libxml/relaxng.h>

#include <glib.h>

#include "diag.h"
#include "rng.h"

struct rng {
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr valid;
};

rng *
rng_load(const char *path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	xmlRelaxNGPtr schema = pc ? xmlRelaxNGParse(pc) : NULL;

	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot load the schema");
		return NULL;
	}
	rng *r = g_new0(rng, 1);
	r->schema = schema;
	r->valid = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(r->valid, diag_xml_error, NULL);
	return r;
}

int
rng_validate(rng *r, xmlDocPtr doc)
{
	return xmlRelaxNGValidateDoc(r->valid, doc) == 0 ? 0 : -1;
}

void
rng_free(rng *r)
{
	if (r == NULL)
		return;
	xmlRelaxNGFreeValidCtxt(r->valid);
	xmlRelaxNGFree(r->schema);
	g_free(r);
}
