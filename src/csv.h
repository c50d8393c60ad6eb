/* csv: comma-separated values (RFC 4180), read and written.
 *
 * Reading: the parser takes UTF-8 text (a leading byte order mark is
 * skipped), records ended by CRLF, LF or CR, fields optionally quoted with
 * '"' and a quote inside a quoted field doubled. Problems are reported
 * through diag as NAME:ROW:COL, ROW and COL numbered as a spreadsheet
 * shows them: the header is row 1, the first column is column 1.
 *
 * Writing: fields are quoted only when they hold the separator, a quote,
 * CR or LF; records end with CRLF; files start with a UTF-8 byte order
 * mark, which spreadsheet programs need to read UTF-8.
 *
 * The build's spreadsheets: csv_add queues statement-of-applicability.csv
 * and risk-register.csv, made from the linked model (doc/model.md). */
#ifndef ISMSC_CSV_H
#define ISMSC_CSV_H

#include <glib.h>
#include <libxml/tree.h>

#include "pack.h"

typedef struct csv_record {
	long row;               /* 1 for the first record (the header) */
	GPtrArray *cells;       /* char *, UTF-8, owned */
} csv_record;

typedef struct csv_table {
	GPtrArray *records;     /* csv_record *, owned; empty records kept */
} csv_table;

/* Parse data (len bytes) separated by sep, named name in diagnostics.
 * Returns the table; each syntax or encoding error is reported and counted
 * in *errors. Free with csv_table_free. */
csv_table *csv_parse(const char *data, size_t len, char sep, const char *name,
    int *errors);
void csv_table_free(csv_table *);

/* Append one field to s, quoted when it must be. */
void csv_field(GString *s, const char *field);
/* Append one record of n fields and its CRLF. */
void csv_record_append(GString *s, const char *const *fields, size_t n);

/* "A", "B", ... "Z", "AA": the spreadsheet name of column col (1-based).
 * Caller frees. */
char *csv_column_name(long col);

/* Queue the spreadsheets of the documents in jobs (pipeline.h job *):
 * statement-of-applicability.csv with "soa", risk-register.csv with "rtp".
 * Returns how many were queued. */
int csv_add(pack *pk, xmlDocPtr model, GPtrArray *jobs);

/* Text of an element as the documents show it: inline references named
 * (a control as "A.5.15 Access control"), white space collapsed. Caller
 * frees. */
char *csv_text(const xmlNode *n);

#endif
