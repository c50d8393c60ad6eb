/* Shared by the fuzz harnesses (make fuzz) and their regression runner
 * (tests/fuzz/regress.c, part of make check).
 *
 * Each harness defines LLVMFuzzerTestOneInput. The data folder (schema/,
 * stylesheets/, fonts/) is $ISMSC_DATADIR, else the current folder: run
 * from the repository root. */
#ifndef ISMSC_FUZZ_H
#define ISMSC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>
#include <libxml/parser.h>

#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What src/main.c does before any command, once. */
static inline void
fuzz_init_once(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	if (getenv("ISMSC_DATADIR") == NULL) {
		/* the pipeline's data folder too (pipeline_datadir) */
		char *cwd = g_get_current_dir();
		setenv("ISMSC_DATADIR", cwd, 0);
		g_free(cwd);
	}
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, diag_xml_error);
	diag_set_quiet(1);
}

/* rel in the data folder (after fuzz_init_once). Caller frees. */
static inline char *
fuzz_data(const char *rel)
{
	return g_build_filename(getenv("ISMSC_DATADIR"), rel, NULL);
}

#endif
