/* load: secure parse and RELAX NG validation of source files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "diag.h"
#include "load.h"
#include "strv.h"

int
load_parse_options(void)
{
	/* No NOENT, no DTDLOAD, no HUGE: entities stay unexpanded, nothing
	 * outside the file is read, expansion bombs are refused. */
	return XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
}

xmlDocPtr
load_memory(const char *data, size_t len, const char *name)
{
	if (len > LOAD_MAX_FILE) {
		diag_at(DIAG_ERROR, name, 0, 0,
		    "file is larger than the %d MiB limit",
		    LOAD_MAX_FILE / (1024 * 1024));
		return NULL;
	}
	GBytes *text = g_bytes_new(data, len);
	diag_add_source(name, text);
	g_bytes_unref(text);
	xmlDocPtr doc = xmlReadMemory(data, (int)len, name, NULL,
	    load_parse_options());
	if (doc == NULL)
		return NULL;
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		diag_at(DIAG_ERROR, name, 1, 1,
		    "document type declarations are not allowed in sources");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr
load_file(const char *path, const char *name)
{
	/* Look before reading: only a regular file within the size limit is
	 * read (a FIFO would block, a device never end). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		diag_at(DIAG_ERROR, name, 0, 0, "cannot open: %s",
		    g_strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_at(DIAG_ERROR, name, 0, 0, "not a regular file");
		close(fd);
		return NULL;
	}
	if (st.st_size > LOAD_MAX_FILE) {
		diag_at(DIAG_ERROR, name, 0, 0,
		    "file is larger than the %d MiB limit",
		    LOAD_MAX_FILE / (1024 * 1024));
		close(fd);
		return NULL;
	}
	size_t len = 0, cap = (size_t)st.st_size + 1;
	char *data = g_malloc(cap);
	ssize_t n;
	while (len < cap && (n = read(fd, data + len, cap - len)) > 0)
		len += (size_t)n;
	close(fd);
	xmlDocPtr doc = NULL;
	if (len == cap)
		diag_at(DIAG_ERROR, name, 0, 0, "the file grew while it was read");
	else
		doc = load_memory(data, len, name);
	g_free(data);
	return doc;
}

/* Collect *.xml paths under root/rel into out, recursively. */
static int
collect(const char *root, const char *rel, const char *skip, GPtrArray *out)
{
	char *path = rel[0] ? g_build_filename(root, rel, NULL) :
	    g_strdup(root);
	GError *err = NULL;
	GDir *d = g_dir_open(path, 0, &err);

	if (d == NULL) {
		diag_at(DIAG_ERROR, path, 0, 0, "%s", err->message);
		g_error_free(err);
		g_free(path);
		return -1;
	}
	const char *e;
	while ((e = g_dir_read_name(d)) != NULL) {
		if (e[0] == '.')
			continue;
		char *full = g_build_filename(path, e, NULL);
		char *erel = rel[0] ? g_build_filename(rel, e, NULL) :
		    g_strdup(e);
		/* a linked folder is not followed: it could loop, or lead
		 * out of the source tree */
		if (g_file_test(full, G_FILE_TEST_IS_SYMLINK) &&
		    g_file_test(full, G_FILE_TEST_IS_DIR)) {
			;
		} else if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
			int same = 0;
			if (skip != NULL) {
				char *a = realpath(full, NULL);
				char *b = realpath(skip, NULL);
				same = a && b && strcmp(a, b) == 0;
				free(a);
				free(b);
			}
			if (!same)
				collect(root, erel, skip, out);
		} else if (g_str_has_suffix(e, ".xml")) {
			g_ptr_array_add(out, g_strdup(erel));
		}
		g_free(full);
		g_free(erel);
	}
	g_dir_close(d);
	g_free(path);
	return 0;
}

static void
source_file_free(gpointer p)
{
	source_file *f = p;

	xmlFreeDoc(f->doc);
	g_free(f->name);
	g_free(f);
}

source_set *
load_sources(const char *dir, const char *schema, const char *skip)
{
	GPtrArray *rels = g_ptr_array_new_with_free_func(g_free);

	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		diag_at(DIAG_ERROR, dir, 0, 0, "not a folder");
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	if (collect(dir, "", skip, rels) < 0) {
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	g_ptr_array_sort(rels, strv_compare);

	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema);
	xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL) {
		diag_at(DIAG_ERROR, schema, 0, 0, "cannot load the source schema");
		g_ptr_array_free(rels, TRUE);
		return NULL;
	}
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	xmlRelaxNGSetValidStructuredErrors(vc, diag_xml_error, NULL);

	source_set *set = g_new0(source_set, 1);
	set->dir = g_strdup(dir);
	set->files = g_ptr_array_new_with_free_func(source_file_free);
	for (guint i = 0; i < rels->len; i++) {
		const char *rel = rels->pdata[i];
		source_file *f = g_new0(source_file, 1);
		char *path = g_build_filename(dir, rel, NULL);
		f->name = strcmp(dir, ".") == 0 ? g_strdup(rel) :
		    g_strdup(path);
		f->doc = load_file(path, f->name);
		g_free(path);
		if (f->doc != NULL)
			f->valid = xmlRelaxNGValidateDoc(vc, f->doc) == 0;
		g_ptr_array_add(set->files, f);
	}
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(rng);
	g_ptr_array_free(rels, TRUE);
	return set;
}

void
source_set_free(source_set *set)
{
	if (set == NULL)
		return;
	g_ptr_array_free(set->files, TRUE);
	g_free(set->dir);
	g_free(set);
}
