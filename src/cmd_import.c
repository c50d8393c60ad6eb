/* import-risks: a risk register kept in a spreadsheet, as a risks source.
 *
 * Reads a CSV file (csv.h) whose first row names the columns, in any order,
 * by any of the names below (case, spaces, '_', '-' and a parenthesised
 * note such as "(1-5)" do not matter), and writes the <risks> source that
 * holds the same register (ismsc-sources(5)). Every cell that cannot be
 * turned into the source format is reported at FILE:ROW:COL, and nothing
 * is written unless every cell was read. A risk with several actions takes
 * one row per action: the rows after the first repeat the risk's id (or
 * leave it empty) and fill the action columns only, which is also how the
 * build's risk-register.csv is laid out (csv.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/relaxng.h>

#include "commands.h"
#include "csv.h"
#include "diag.h"
#include "load.h"
#include "pipeline.h"
#include "progress.h"
#include "xml.h"
#include "xml_model.h"

typedef enum kind {
	K_TEXT, K_ID, K_ROLE, K_LEVEL, K_OPTION, K_CONTROLS, K_DATE,
	K_STATUS, K_ASSETS
} kind;

enum {
	F_ID, F_TITLE, F_OWNER, F_ASSETS, F_THREAT, F_VULNERABILITY,
	F_LIKELIHOOD, F_IMPACT, F_OPTION, F_RATIONALE, F_CONTROLS,
	F_RES_LIKELIHOOD, F_RES_IMPACT, F_APPROVED_BY, F_APPROVED_ON,
	F_APPROVAL_NOTE, F_ACCEPTED_BY, F_ACCEPTED_ON, F_ACCEPTANCE_NOTE,
	F_ACTION, F_ACTION_OWNER, F_ACTION_DUE,
	F_ACTION_STATUS, F_N
};

/* Documented in ismsc(1), IMPORTING RISKS: keep the two in step. The
 * first name is the one the build's risk-register.csv uses. */
static const struct column {
	kind kind;
	int required;
	const char *const names[12];      /* normalised, see norm_header */
} columns[F_N] = {
	[F_ID] = { K_ID, 1, { "id", "risk id", "ref", "risk ref",
	    "reference", "risk reference", "no", "risk no", "number",
	    "risk number" } },
	[F_TITLE] = { K_TEXT, 1, { "title", "risk", "risk title", "name",
	    "risk name", "summary" } },
	[F_OWNER] = { K_ROLE, 1, { "owner", "risk owner" } },
	[F_ASSETS] = { K_ASSETS, 1, { "assets", "asset", "affected assets",
	    "asset name" } },
	[F_THREAT] = { K_TEXT, 1, { "threat", "threats",
	    "threat description" } },
	[F_VULNERABILITY] = { K_TEXT, 1, { "vulnerability",
	    "vulnerabilities", "weakness" } },
	[F_LIKELIHOOD] = { K_LEVEL, 1, { "likelihood", "probability",
	    "inherent likelihood", "inherent probability" } },
	[F_IMPACT] = { K_LEVEL, 1, { "impact", "consequence", "severity",
	    "inherent impact", "inherent consequence" } },
	[F_OPTION] = { K_OPTION, 1, { "treatment", "treatment option",
	    "option", "risk treatment", "response", "risk response",
	    "decision" } },
	[F_RATIONALE] = { K_TEXT, 1, { "rationale", "treatment rationale",
	    "justification" } },
	[F_CONTROLS] = { K_CONTROLS, 0, { "controls", "control",
	    "annex a controls", "annex a", "treatment controls" } },
	[F_RES_LIKELIHOOD] = { K_LEVEL, 1, { "residual likelihood",
	    "residual probability" } },
	[F_RES_IMPACT] = { K_LEVEL, 1, { "residual impact",
	    "residual consequence", "residual severity" } },
	[F_APPROVED_BY] = { K_ROLE, 0, { "approved by", "approver",
	    "plan approved by" } },
	[F_APPROVED_ON] = { K_DATE, 0, { "approval date", "approved on",
	    "date approved" } },
	[F_APPROVAL_NOTE] = { K_TEXT, 0, { "approval note",
	    "approval comment" } },
	[F_ACCEPTED_BY] = { K_ROLE, 0, { "accepted by",
	    "residual risk accepted by" } },
	[F_ACCEPTED_ON] = { K_DATE, 0, { "acceptance date", "accepted on",
	    "date accepted" } },
	[F_ACCEPTANCE_NOTE] = { K_TEXT, 0, { "acceptance note",
	    "acceptance comment", "acceptance rationale" } },
	[F_ACTION] = { K_TEXT, 0, { "action", "actions", "treatment action",
	    "planned action" } },
	[F_ACTION_OWNER] = { K_ROLE, 0, { "action owner", "action by" } },
	[F_ACTION_DUE] = { K_DATE, 0, { "due date", "due", "deadline",
	    "target date" } },
	[F_ACTION_STATUS] = { K_STATUS, 0, { "action status", "status" } },
};

/* Columns the build writes that are computed from the others: read and
 * ignored, so that risk-register.csv imports without warnings. */
static const char *const computed[] = {
	"owner title", "owner holder", "owner name", "score", "band",
	"risk score", "risk level", "rating", "inherent score", "inherent band",
	"residual score", "residual band", "residual rating", "acceptable",
};

static int
is_action(int f)
{
	return f >= F_ACTION;
}

/* Lower case, '_', '-', '.' and '/' as spaces, a parenthesised note and a
 * trailing ':' or '*' dropped, spaces collapsed. Caller frees. */
static char *
norm_header(const char *h)
{
	GString *s = g_string_new(NULL);
	int depth = 0, space = 0;

	for (const char *p = h; *p; p++) {
		char c = g_ascii_tolower(*p);
		if (c == '(') {
			depth++;
			continue;
		}
		if (c == ')' && depth > 0) {
			depth--;
			continue;
		}
		if (depth > 0)
			continue;
		if (c == '_' || c == '-' || c == '.' || c == '/' || c == ':' ||
		    c == '*' || g_ascii_isspace(c)) {
			space = s->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(s, ' ');
		space = 0;
		g_string_append_c(s, c);
	}
	return g_string_free(s, FALSE);
}

/* A value compared with the words of a closed list: like a header. */
#define norm_word norm_header

typedef struct importer {
	const char *name;          /* the file, as diagnostics name it */
	const csv_record *head;
	long col[F_N];             /* 1-based column of each field, or 0 */
	int errors;
	xmlDocPtr doc;
	xmlNode *root;
	GPtrArray *all;            /* risk_in, owned: every risk row */
	GHashTable *risks;         /* id -> risk_in in all */
	struct risk_in *last;
	long count;
	GArray *said;              /* message: diagnostics, sorted on output */
} importer;

/* A diagnostic held back so that they come out in row and column order,
 * however the checks run. */
typedef struct message {
	long row, col;
	diag_level level;
	char *text;
} message;

static void G_GNUC_PRINTF(5, 6)
say(importer *im, diag_level level, long row, long col, const char *fmt, ...)
{
	va_list ap;
	message m = { row, col, level, NULL };

	va_start(ap, fmt);
	m.text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_array_append_val(im->said, m);
	if (level == DIAG_ERROR)
		im->errors++;
}

static gint
by_place(gconstpointer a, gconstpointer b)
{
	const message *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Print what was said, in order (g_array_sort is stable). */
static void
flush_said(importer *im)
{
	g_array_sort(im->said, by_place);
	for (guint i = 0; i < im->said->len; i++) {
		message *m = &g_array_index(im->said, message, i);
		diag_at(m->level, im->name, m->row, m->col, "%s", m->text);
		g_free(m->text);
	}
	g_array_set_size(im->said, 0);
}

typedef struct risk_in {
	long row;
	char *cell[F_N];           /* the first row's trimmed cells */
	xmlNode *treatment;
} risk_in;

static void
risk_in_free(gpointer p)
{
	risk_in *r = p;

	for (int f = 0; f < F_N; f++)
		g_free(r->cell[f]);
	g_free(r);
}

static const char *
header_of(const importer *im, long col)
{
	return col >= 1 && (guint)col <= im->head->cells->len ?
	    im->head->cells->pdata[col - 1] : "";
}

static void G_GNUC_PRINTF(5, 6)
cell_error(importer *im, const csv_record *r, int f, diag_level level,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (im->col[f] > 0)
		say(im, level, r->row, im->col[f], "column '%s': %s",
		    header_of(im, im->col[f]), msg);
	else
		say(im, level, r->row, 0, "%s", msg);
	g_free(msg);
}

/* The trimmed cell of field f in r, or "" (caller frees). */
static char *
cell(const importer *im, const csv_record *r, int f)
{
	long c = im->col[f];

	if (c <= 0 || (guint)c > r->cells->len)
		return g_strdup("");
	return g_strstrip(g_strdup(r->cells->pdata[c - 1]));
}

/* ---- the header ----------------------------------------------------------- */

static int
field_named(const char *norm)
{
	for (int f = 0; f < F_N; f++)
		for (size_t i = 0; i < G_N_ELEMENTS(columns[f].names) &&
		    columns[f].names[i] != NULL; i++)
			if (strcmp(norm, columns[f].names[i]) == 0)
				return f;
	return -1;
}

static int
read_header(importer *im, char sep)
{
	const csv_record *h = im->head;

	if (h->cells->len == 1 && sep != ';' && sep != '\t' &&
	    strpbrk(h->cells->pdata[0], ";\t") != NULL) {
		say(im, DIAG_ERROR, h->row, 0, "the header is one "
		    "column holding '%s': if the file separates fields with it, "
		    "use --separator='%s'", strchr(h->cells->pdata[0], ';') ?
		    ";" : "\\t", strchr(h->cells->pdata[0], ';') ? ";" : "tab");
		return 0;
	}
	for (guint i = 0; i < h->cells->len; i++) {
		const char *text = h->cells->pdata[i];
		char *norm = norm_header(text);
		long col = (long)i + 1;
		int f = field_named(norm);
		int known = 0;

		for (size_t k = 0; k < G_N_ELEMENTS(computed); k++)
			known |= strcmp(norm, computed[k]) == 0;
		if (f >= 0 && im->col[f] > 0) {
			char *prev = csv_column_name(im->col[f]);
			say(im, DIAG_ERROR, h->row, col,
			    "column '%s' says the same as column %s ('%s')",
			    text, prev, header_of(im, im->col[f]));
			g_free(prev);
		} else if (f >= 0) {
			im->col[f] = col;
		} else if (norm[0] != '\0' && !known) {
			say(im, DIAG_WARNING, h->row, col,
			    "column '%s' is not a column of a risk register; "
			    "ignored (ismsc(1) lists the columns)", text);
		}
		g_free(norm);
	}
	int missing = 0;
	for (int f = 0; f < F_N; f++) {
		if (!columns[f].required || im->col[f] > 0)
			continue;
		GString *also = g_string_new(NULL);
		for (size_t i = 1; i < G_N_ELEMENTS(columns[f].names) &&
		    columns[f].names[i] != NULL && i < 4; i++)
			g_string_append_printf(also, "%s'%s'", i > 1 ? ", " : "",
			    columns[f].names[i]);
		say(im, DIAG_ERROR, h->row, 0,
		    "no '%s' column%s%s%s", columns[f].names[0],
		    also->len ? " (also read as " : "", also->str,
		    also->len ? ")" : "");
		g_string_free(also, TRUE);
		missing++;
	}
	return missing == 0;
}

/* ---- cells ---------------------------------------------------------------- */

static int
is_id(const char *s)
{
	if (!g_ascii_isalnum(s[0]))
		return 0;
	for (const char *p = s + 1; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return 0;
	return 1;
}

/* XML 1.0 cannot hold C0 control characters other than tab, LF and CR. */
static int
xml_safe(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

static const char *
word_of(const char *value, const char *const table[][2], size_t n)
{
	char *w = norm_word(value);
	const char *code = NULL;

	for (size_t i = 0; i < n && code == NULL; i++)
		if (strcmp(w, table[i][0]) == 0)
			code = table[i][1];
	g_free(w);
	return code;
}

static const char *const options[][2] = {
	{ "modify", "modify" }, { "treat", "modify" }, { "mitigate", "modify" },
	{ "reduce", "modify" }, { "retain", "retain" }, { "accept", "retain" },
	{ "tolerate", "retain" }, { "avoid", "avoid" },
	{ "terminate", "avoid" }, { "share", "share" },
	{ "transfer", "share" },
};

static const char *const statuses[][2] = {
	{ "open", "open" }, { "not started", "open" }, { "to do", "open" },
	{ "todo", "open" }, { "in progress", "in-progress" },
	{ "ongoing", "in-progress" }, { "started", "in-progress" },
	{ "done", "done" }, { "complete", "done" }, { "completed", "done" },
	{ "closed", "done" }, { "finished", "done" },
};

/* Check the value v of field f; on success *out is what goes into the
 * source (NULL: the value as it is). Reports and returns 0 otherwise. */
static int
check_cell(importer *im, const csv_record *r, int f, const char *v,
    char **out)
{
	*out = NULL;
	if (!xml_safe(v)) {
		cell_error(im, r, f, DIAG_ERROR,
		    "a control character, which XML cannot hold");
		return 0;
	}
	switch (columns[f].kind) {
	case K_TEXT:
	case K_ASSETS:
		return 1;
	case K_ID:
		if (is_id(v))
			return 1;
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not an id: letters, "
		    "digits, '.', '_' and '-', starting with a letter or digit",
		    v);
		return 0;
	case K_ROLE:
		if (is_id(v))
			return 1;
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not a role id (such "
		    "as ciso): the ids of the roles in the organization file",
		    v);
		return 0;
	case K_LEVEL: {
		guint64 n = 0;
		if (g_ascii_string_to_unsigned(v, 10, 1, 10, &n, NULL))
			return 1;
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not a level: a whole "
		    "number from 1 to 10, as on the methodology's scale", v);
		return 0;
	}
	case K_OPTION: {
		const char *c = word_of(v, options, G_N_ELEMENTS(options));
		if (c != NULL) {
			*out = g_strdup(c);
			return 1;
		}
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not a treatment "
		    "option: modify (or treat, mitigate, reduce), retain (or "
		    "accept, tolerate), avoid (or terminate) or share (or "
		    "transfer)", v);
		return 0;
	}
	case K_STATUS: {
		const char *c = word_of(v, statuses, G_N_ELEMENTS(statuses));
		if (c != NULL) {
			*out = g_strdup(c);
			return 1;
		}
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not an action status: "
		    "open (or not started, to do), in-progress (or ongoing) or "
		    "done (or complete, closed)", v);
		return 0;
	}
	case K_DATE: {
		unsigned y, m, d;
		char extra;
		if (strlen(v) == 10 && sscanf(v, "%4u-%2u-%2u%c", &y, &m, &d,
		    &extra) == 3 && g_date_valid_dmy((GDateDay)d,
		    (GDateMonth)m, (GDateYear)y))
			return 1;
		cell_error(im, r, f, DIAG_ERROR, "'%s' is not a date written "
		    "YYYY-MM-DD", v);
		return 0;
	}
	case K_CONTROLS: {
		char **tok = g_strsplit_set(v, ",; \t\r\n", -1);
		GString *s = g_string_new(NULL);
		int ok = 1;
		for (char **t = tok; *t != NULL; t++) {
			const char *id = *t;
			if (id[0] == '\0')
				continue;
			/* "A.5.15", as documents write Annex A controls */
			if ((id[0] == 'A' || id[0] == 'a') && id[1] == '.' &&
			    g_ascii_isdigit(id[2]))
				id += 2;
			if (!is_id(id)) {
				cell_error(im, r, f, DIAG_ERROR, "'%s' is not a "
				    "control id (such as 5.15 or A.5.15)", *t);
				ok = 0;
				continue;
			}
			g_string_append_printf(s, "%s%s", s->len ? " " : "", id);
		}
		g_strfreev(tok);
		*out = g_string_free(s, !ok);
		return ok;
	}
	}
	return 1;
}

/* ---- rows ------------------------------------------------------------------- */

static void
add_text(xmlNode *parent, const char *name, const char *text)
{
	xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text);
}

/* The action of row r, added to risk's treatment when the row has one. */
static void
add_action(importer *im, const csv_record *r, risk_in *risk, char **v)
{
	int any = 0, ok = 1;

	for (int f = F_ACTION; f < F_N; f++)
		any |= v[f][0] != '\0';
	if (!any)
		return;
	for (int f = F_ACTION; f < F_N; f++) {
		if (v[f][0] != '\0')
			continue;
		if (im->col[f] > 0)
			cell_error(im, r, f, DIAG_ERROR, "empty, but the row has "
			    "an action, which needs its text, owner, due date "
			    "and status");
		else
			cell_error(im, r, f, DIAG_ERROR, "the row has an action, "
			    "but there is no '%s' column", columns[f].names[0]);
		ok = 0;
	}
	char *val[F_N] = { 0 };
	for (int f = F_ACTION; ok && f < F_N; f++)
		ok &= check_cell(im, r, f, v[f], &val[f]);
	if (ok && risk != NULL && risk->treatment != NULL) {
		xmlNode *a = xmlNewTextChild(risk->treatment, NULL,
		    (const xmlChar *)"action", (const xmlChar *)v[F_ACTION]);
		xml_set(a, "owner", v[F_ACTION_OWNER]);
		xml_set(a, "due", v[F_ACTION_DUE]);
		xml_set(a, "status", val[F_ACTION_STATUS] ?
		    val[F_ACTION_STATUS] : v[F_ACTION_STATUS]);
	}
	for (int f = F_ACTION; f < F_N; f++)
		g_free(val[f]);
}

/* A second row of a risk: the same cells or empty ones, and an action. */
static void
continue_risk(importer *im, const csv_record *r, risk_in *risk, char **v)
{
	int action = 0;

	for (int f = 0; f < F_N; f++) {
		if (is_action(f)) {
			action |= v[f][0] != '\0';
			continue;
		}
		if (v[f][0] == '\0' || strcmp(v[f], risk->cell[f]) == 0)
			continue;
		cell_error(im, r, f, DIAG_ERROR, "risk %s is already on row %ld, "
		    "where this column says '%s': a further row of a risk may "
		    "only add an action", risk->cell[F_ID], risk->row,
		    risk->cell[f]);
	}
	if (!action) {
		cell_error(im, r, F_ID, DIAG_ERROR, "risk %s is already on row "
		    "%ld; a further row of a risk adds an action, and this one "
		    "has none", risk->cell[F_ID], risk->row);
		return;
	}
	add_action(im, r, risk, v);
}

/* An approval or acceptance: both cells or neither. */
static void
sign_off(importer *im, const csv_record *r, xmlNode *risk, const char *name,
    int by, int on, int note, char **v)
{
	if (v[by][0] == '\0' && v[on][0] == '\0') {
		if (v[note][0] != '\0')
			cell_error(im, r, note, DIAG_ERROR, "a note on an %s that "
			    "has no one and no date", name);
		return;
	}
	const int both[] = { by, on };
	int ok = 1;
	for (size_t i = 0; i < G_N_ELEMENTS(both); i++) {
		int f = both[i];
		if (v[f][0] != '\0')
			continue;
		if (im->col[f] > 0)
			cell_error(im, r, f, DIAG_ERROR, "empty, but an %s needs "
			    "both who and when", name);
		else
			cell_error(im, r, f, DIAG_ERROR, "an %s needs both who "
			    "and when, but there is no '%s' column", name,
			    columns[f].names[0]);
		ok = 0;
	}
	if (!ok || risk == NULL)
		return;
	xmlNode *n = xmlNewTextChild(risk, NULL, (const xmlChar *)name,
	    v[note][0] != '\0' ? (const xmlChar *)v[note] : NULL);
	xml_set(n, "by", v[by]);
	xml_set(n, "date", v[on]);
}

static void
rating(xmlNode *risk, const char *name, const char *l, const char *i)
{
	xmlNode *n = xml_add(risk, name);

	xml_set(n, "likelihood", l);
	xml_set(n, "impact", i);
}

static void
new_risk(importer *im, const csv_record *r, char **v)
{
	char *val[F_N] = { 0 };
	int ok = 1;

	for (int f = 0; f < F_N; f++) {
		if (is_action(f))
			continue;       /* add_action checks them */
		if (f == F_APPROVED_BY || f == F_APPROVED_ON ||
		    f == F_APPROVAL_NOTE || f == F_ACCEPTED_BY ||
		    f == F_ACCEPTED_ON || f == F_ACCEPTANCE_NOTE) {
			if (v[f][0] != '\0')
				ok &= check_cell(im, r, f, v[f], &val[f]);
			continue;
		}
		if (v[f][0] == '\0') {
			if (columns[f].required) {
				cell_error(im, r, f, DIAG_ERROR, "empty");
				ok = 0;
			}
			continue;
		}
		ok &= check_cell(im, r, f, v[f], &val[f]);
	}
	char **assets = g_strsplit_set(v[F_ASSETS], ";\n", -1);
	int nassets = 0;
	for (char **a = assets; *a != NULL; a++)
		nassets += g_strstrip(*a)[0] != '\0';
	if (v[F_ASSETS][0] != '\0' && nassets == 0) {
		cell_error(im, r, F_ASSETS, DIAG_ERROR, "no asset: name the "
		    "assets, separated by ';' or line breaks");
		ok = 0;
	}

	risk_in *risk = g_new0(risk_in, 1);
	risk->row = r->row;
	for (int f = 0; f < F_N; f++)
		risk->cell[f] = g_strdup(v[f]);
	g_ptr_array_add(im->all, risk);
	if (risk->cell[F_ID][0] != '\0')
		g_hash_table_insert(im->risks, risk->cell[F_ID], risk);
	im->last = risk;

	xmlNode *x = NULL;
	if (ok) {
		x = xml_add(im->root, "risk");
		xml_set(x, "id", v[F_ID]);
		xml_set(x, "owner", v[F_OWNER]);
		add_text(x, "title", v[F_TITLE]);
		for (char **a = assets; *a != NULL; a++)
			if ((*a)[0] != '\0')
				add_text(x, "asset", *a);
		add_text(x, "threat", v[F_THREAT]);
		add_text(x, "vulnerability", v[F_VULNERABILITY]);
		rating(x, "inherent", v[F_LIKELIHOOD], v[F_IMPACT]);
		xmlNode *t = xml_add(x, "treatment");
		xml_set(t, "option", val[F_OPTION]);
		add_text(t, "rationale", v[F_RATIONALE]);
		char **ids = g_strsplit(val[F_CONTROLS] ? val[F_CONTROLS] : "",
		    " ", -1);
		GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
		for (char **c = ids; *c != NULL; c++) {
			if ((*c)[0] == '\0' || !g_hash_table_add(seen, *c))
				continue;
			xml_set(xml_add(t, "control"), "ref", *c);
		}
		g_hash_table_destroy(seen);
		g_strfreev(ids);
		risk->treatment = t;
		rating(x, "residual", v[F_RES_LIKELIHOOD], v[F_RES_IMPACT]);
		im->count++;
	}
	g_strfreev(assets);
	sign_off(im, r, x, "approval", F_APPROVED_BY, F_APPROVED_ON,
	    F_APPROVAL_NOTE, v);
	sign_off(im, r, x, "acceptance", F_ACCEPTED_BY, F_ACCEPTED_ON,
	    F_ACCEPTANCE_NOTE, v);
	for (int f = 0; f < F_N; f++)
		g_free(val[f]);
	/* its first action; checked even when the risk was not made */
	add_action(im, r, risk, v);
}

static void
read_row(importer *im, const csv_record *r)
{
	char *v[F_N];
	int blank = 1, only_action = 1;

	for (guint i = 0; i < r->cells->len; i++) {
		char *c = g_strstrip(g_strdup(r->cells->pdata[i]));
		blank &= c[0] == '\0';
		if (c[0] != '\0' && i >= im->head->cells->len) {
			say(im, DIAG_ERROR, r->row, (long)i + 1,
			    "a cell to the right of the last column of the "
			    "header");
		}
		g_free(c);
	}
	if (blank)
		return;
	for (int f = 0; f < F_N; f++) {
		v[f] = cell(im, r, f);
		if (!is_action(f) && v[f][0] != '\0')
			only_action = 0;
	}
	risk_in *prev = g_hash_table_lookup(im->risks, v[F_ID]);
	if (v[F_ID][0] == '\0' && only_action && im->last != NULL)
		continue_risk(im, r, im->last, v);
	else if (prev != NULL)
		continue_risk(im, r, prev, v);
	else
		new_risk(im, r, v);
	for (int f = 0; f < F_N; f++)
		g_free(v[f]);
}

/* ---- output ----------------------------------------------------------------- */

/* The path from folder from to file to, both absolute. Caller frees. */
static char *
relative_path(const char *from, const char *to)
{
	char **a = g_strsplit(from, "/", -1), **b = g_strsplit(to, "/", -1);
	guint i = 0, na = g_strv_length(a), nb = g_strv_length(b);
	GString *s = g_string_new(NULL);

	while (i < na && i + 1 < nb && strcmp(a[i], b[i]) == 0)
		i++;
	for (guint k = i; k < na; k++)
		if (a[k][0] != '\0')
			g_string_append(s, "../");
	for (guint k = i; k < nb; k++)
		g_string_append_printf(s, "%s%s", b[k], k + 1 < nb ? "/" : "");
	g_strfreev(a);
	g_strfreev(b);
	return g_string_free(s, FALSE);
}

/* Where the output's xml-model instruction points: the nearest
 * schema/sources.rng from the output's folder upward (ismsc init keeps a
 * copy in the repository), else the schema ismsc uses. Caller frees. */
static char *
schema_href(const char *output, const char *datadir)
{
	char *cwd = g_get_current_dir();
	char *folder = output ? g_path_get_dirname(output) : g_strdup(".");
	char *start = g_canonicalize_filename(folder, cwd);
	char *dir = g_strdup(start), *href = NULL;

	for (;;) {
		char *probe = g_build_filename(dir, "schema", "sources.rng",
		    NULL);
		if (g_file_test(probe, G_FILE_TEST_IS_REGULAR))
			href = relative_path(start, probe);
		g_free(probe);
		char *up = g_path_get_dirname(dir);
		int top = strcmp(up, dir) == 0;
		g_free(dir);
		dir = up;
		if (href != NULL || top)
			break;
	}
	if (href == NULL) {
		char *schema = g_build_filename(datadir, "schema",
		    "sources.rng", NULL);
		href = g_canonicalize_filename(schema, cwd);
		g_free(schema);
	}
	g_free(dir);
	g_free(start);
	g_free(folder);
	g_free(cwd);
	char *escaped = g_uri_escape_string(href, "/", TRUE);
	g_free(href);
	return escaped;
}

/* Validate what was made against the source schema: a failure here is a
 * defect of this command, not of the input. */
static int
valid(xmlDocPtr doc, const char *datadir)
{
	char *schema = g_build_filename(datadir, "schema", "sources.rng", NULL);
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema);
	xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
	int ok = 0;

	xmlRelaxNGFreeParserCtxt(pc);
	if (rng == NULL) {
		diag_at(DIAG_ERROR, schema, 0, 0, "cannot load the source schema");
	} else {
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
		xmlRelaxNGSetValidStructuredErrors(vc, diag_xml_error, NULL);
		ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
		xmlRelaxNGFreeValidCtxt(vc);
		xmlRelaxNGFree(rng);
		if (!ok)
			diag_at(DIAG_ERROR, NULL, 0, 0, "internal error: the "
			    "imported risks do not match the source schema");
	}
	g_free(schema);
	return ok;
}

/* The input: a file, or standard input for "-". NULL after reporting. */
static GBytes *
read_input(const char *path)
{
	if (strcmp(path, "-") != 0) {
		char *data = NULL;
		gsize len = 0;
		GError *err = NULL;
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			diag_at(DIAG_ERROR, path, 0, 0, "%s",
			    g_file_test(path, G_FILE_TEST_EXISTS) ?
			    "not a regular file" : "no such file");
			return NULL;
		}
		if (!g_file_get_contents(path, &data, &len, &err)) {
			diag_at(DIAG_ERROR, path, 0, 0, "%s", err->message);
			g_error_free(err);
			return NULL;
		}
		return g_bytes_new_take(data, len);
	}
	GByteArray *a = g_byte_array_new();
	guint8 buf[65536];
	ssize_t n;
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0)
		g_byte_array_append(a, buf, (guint)n);
	if (n < 0) {
		diag_at(DIAG_ERROR, "<stdin>", 0, 0, "cannot read: %s",
		    g_strerror(errno));
		g_byte_array_unref(a);
		return NULL;
	}
	return g_byte_array_free_to_bytes(a);
}

int
cmd_import_risks(int argc, char **argv)
{
	char *output = NULL, *separator = NULL;
	GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
		  "write the risks source to OUT (default: standard output)",
		  "OUT" },
		{ "separator", 0, 0, G_OPTION_ARG_STRING, &separator,
		  "the character between fields (default ','; 'tab' for tab)",
		  "C" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("FILE.csv");
	int status;
	char sep = ',';
	GBytes *input = NULL;
	csv_table *t = NULL;
	char *datadir = NULL;
	importer im = { 0 };

	g_option_context_set_summary(oc,
	    "Turn a risk register kept in a spreadsheet, saved as CSV with a "
	    "header row,\ninto a <risks> source. Each cell that cannot be read "
	    "is reported as\nFILE.csv:ROW:COL; nothing is written unless all "
	    "could. '-' reads standard input.\nThe column names and their "
	    "synonyms are listed in ismsc(1).");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	if (argc != 2) {
		fprintf(stderr, "ismsc import-risks: %s\n"
		    "Try 'ismsc import-risks --help'.\n", argc < 2 ?
		    "a CSV file expected" : "one CSV file expected");
		status = EXIT_USAGE;
		goto done;
	}
	if (separator != NULL) {
		if (strcmp(separator, "tab") == 0 ||
		    strcmp(separator, "\\t") == 0)
			sep = '\t';
		else if (strlen(separator) == 1 && separator[0] != '"' &&
		    separator[0] != '\n' && separator[0] != '\r')
			sep = separator[0];
		else {
			fprintf(stderr, "ismsc import-risks: --separator: one "
			    "character expected, not '%s'\n", separator);
			status = EXIT_USAGE;
			goto done;
		}
	}
	im.name = strcmp(argv[1], "-") == 0 ? "<stdin>" : argv[1];
	if ((input = read_input(argv[1])) == NULL) {
		status = EXIT_IO;
		goto done;
	}
	size_t len;
	const char *data = g_bytes_get_data(input, &len);
	if (len > LOAD_MAX_FILE) {
		diag_at(DIAG_ERROR, im.name, 0, 0,
		    "file is larger than the %d MiB limit",
		    LOAD_MAX_FILE / (1024 * 1024));
		status = EXIT_SOURCE;
		goto done;
	}
	t = csv_parse(data, len, sep, im.name, &im.errors);
	if (t->records->len == 0) {
		diag_at(DIAG_ERROR, im.name, 0, 0, "empty: no header row");
		status = EXIT_SOURCE;
		goto done;
	}
	datadir = pipeline_datadir();
	im.head = t->records->pdata[0];
	im.all = g_ptr_array_new_with_free_func(risk_in_free);
	im.said = g_array_new(FALSE, FALSE, sizeof(message));
	im.risks = g_hash_table_new(g_str_hash, g_str_equal);
	im.doc = xmlNewDoc((const xmlChar *)"1.0");
	char *href = schema_href(output, datadir);
	char *pi = xml_model_data(href);
	xmlAddChild((xmlNode *)im.doc, xmlNewDocPI(im.doc,
	    (const xmlChar *)"xml-model", (const xmlChar *)pi));
	g_free(pi);
	g_free(href);
	char *base = g_path_get_basename(im.name);
	GString *note = g_string_new(" Made by ismsc import-risks from ");
	for (const char *p = base; *p; p++)     /* no "--" in a comment */
		if (!(p[0] == '-' && p[1] == '-'))
			g_string_append_c(note, *p);
	g_string_append(note, ". ");
	xmlAddChild((xmlNode *)im.doc, xmlNewDocComment(im.doc,
	    (const xmlChar *)note->str));
	g_string_free(note, TRUE);
	g_free(base);
	im.root = xmlNewDocNode(im.doc, NULL, (const xmlChar *)"risks", NULL);
	xmlDocSetRootElement(im.doc, im.root);

	if (read_header(&im, sep))
		for (guint i = 1; i < t->records->len; i++)
			read_row(&im, t->records->pdata[i]);
	flush_said(&im);
	if (im.errors == 0 && diag_count(DIAG_ERROR) == 0 && im.count == 0) {
		diag_at(DIAG_ERROR, im.name, 0, 0, "no risks: the file has "
		    "a header row but no rows below it");
		im.errors++;
	}
	if (im.errors > 0 || diag_count(DIAG_ERROR) > 0) {
		status = EXIT_SOURCE;
		goto done;
	}
	if (!valid(im.doc, datadir)) {
		status = EXIT_INTERNAL;
		goto done;
	}
	xmlChar *buf = NULL;
	int n = 0;
	xmlDocDumpFormatMemoryEnc(im.doc, &buf, &n, "UTF-8", 1);
	GError *err = NULL;
	if (output == NULL) {
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n ||
		    fflush(stdout) != 0) {
			diag_at(DIAG_ERROR, "<stdout>", 0, 0, "cannot write: %s",
			    g_strerror(errno));
			status = EXIT_IO;
		}
	} else if (!g_file_set_contents(output, (const char *)buf, n, &err)) {
		diag_at(DIAG_ERROR, output, 0, 0, "cannot write: %s",
		    err->message);
		g_error_free(err);
		status = EXIT_IO;
	}
	xmlFree(buf);
	if (status == EXIT_OK)
		progress_note("%s: %ld risks%s%s", im.name, im.count,
		    output ? " written to " : "", output ? output : "");
done:
	if (im.risks != NULL)
		g_hash_table_destroy(im.risks);
	if (im.all != NULL)
		g_ptr_array_free(im.all, TRUE);
	if (im.said != NULL)
		g_array_free(im.said, TRUE);
	xmlFreeDoc(im.doc);
	csv_table_free(t);
	if (input != NULL)
		g_bytes_unref(input);
	g_free(datadir);
	g_free(output);
	g_free(separator);
	return status;
}
