/* Fuzz harness (a): load and link a source set.
 *
 * The input is the text of the sources, separated by NUL bytes (which XML
 * cannot contain): each part is parsed by load.c's guarded parser as
 * partN.xml, validated against schema/sources.rng, and when every part is
 * valid the set is linked against the Annex A catalogue, as `ismsc check`
 * does. Seeds: the files of tests/bad/base and policies/, joined. */
#include <string.h>

#include <libxml/relaxng.h>

#include "fuzz.h"
#include "link.h"
#include "load.h"

static xmlRelaxNGPtr schema;
static xmlDocPtr catalogue;

static void
init(void)
{
	fuzz_init_once();
	if (schema != NULL)
		return;
	char *path = fuzz_data("schema/sources.rng");
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	g_free(path);
	path = fuzz_data("stylesheets/data/annex-a-2022.xml");
	catalogue = load_file(path, path);
	g_free(path);
	if (schema == NULL || catalogue == NULL)
		abort();
}

static void
file_free(gpointer p)
{
	source_file *f = p;

	xmlFreeDoc(f->doc);
	g_free(f->name);
	g_free(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	init();
	diag_reset();
	source_set set = { .dir = (char *)"fuzz",
	    .files = g_ptr_array_new_with_free_func(file_free) };
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, diag_xml_error, NULL);
	const char *p = (const char *)data, *end = p + size;
	int valid = 1;

	while (p <= end && set.files->len < 64) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t len = nul != NULL ? (size_t)(nul - p) : (size_t)(end - p);
		source_file *f = g_new0(source_file, 1);
		f->name = g_strdup_printf("part%u.xml", set.files->len);
		f->doc = load_memory(p, len, f->name);
		f->valid = f->doc != NULL &&
		    xmlRelaxNGValidateDoc(vc, f->doc) == 0;
		valid = valid && f->valid;
		g_ptr_array_add(set.files, f);
		if (nul == NULL)
			break;
		p = nul + 1;
	}
	xmlRelaxNGFreeValidCtxt(vc);
	if (valid && diag_count(DIAG_ERROR) == 0) {
		link_options lo = { "2026-01-01", "ismsc fuzz" };
		xmlDocPtr model = link_model(&set, catalogue, &lo);
		if (model != NULL) {
			GPtrArray *ids = link_policy_ids(model);
			g_ptr_array_free(ids, TRUE);
		}
		xmlFreeDoc(model);
	}
	g_ptr_array_free(set.files, TRUE);
	return 0;
}
