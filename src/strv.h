/* strv: sorting arrays of strings. */
#ifndef ISMSC_STRV_H
#define ISMSC_STRV_H

#include <string.h>
#include <glib.h>

/* Compare two elements of a GPtrArray of strings, for g_ptr_array_sort:
 * byte order, so the result is the same in every locale. */
static inline gint
strv_compare(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

#endif
