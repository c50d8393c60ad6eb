/* csv: RFC 4180 reading and writing; the build's spreadsheets. */
#include <string.h>

#include "csv.h"
#include "diag.h"
#include "pipeline.h"
#include "progress.h"
#include "xml.h"

/* ---- reading ------------------------------------------------------------ */

static void
record_free(gpointer p)
{
	csv_record *r = p;

	g_ptr_array_free(r->cells, TRUE);
	g_free(r);
}

void
csv_table_free(csv_table *t)
{
	if (t == NULL)
		return;
	g_ptr_array_free(t->records, TRUE);
	g_free(t);
}

char *
csv_column_name(long col)
{
	char buf[16];
	int i = (int)sizeof(buf) - 1;

	buf[i] = '\0';
	for (; col > 0 && i > 0; col = (col - 1) / 26)
		buf[--i] = (char)('A' + (col - 1) % 26);
	return g_strdup(buf + i);
}

static int
at_eol(const char *p, const char *end, char sep)
{
	return p >= end || *p == sep || *p == '\n' || *p == '\r';
}

csv_table *
csv_parse(const char *data, size_t len, char sep, const char *name,
    int *errors)
{
	csv_table *t = g_new0(csv_table, 1);
	const char *p = data, *end = data + len;
	GString *cell = g_string_new(NULL);
	long row = 1;

	t->records = g_ptr_array_new_with_free_func(record_free);
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		csv_record *r = g_new0(csv_record, 1);
		long col = 1;

		r->row = row;
		r->cells = g_ptr_array_new_with_free_func(g_free);
		for (;;) {
			g_string_truncate(cell, 0);
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) {
						diag_at(DIAG_ERROR, name, row, col,
						    "a quoted field is not closed "
						    "(a '\"' is missing)");
						(*errors)++;
						break;
					}
					if (*p == '"' && p + 1 < end &&
					    p[1] == '"') {
						g_string_append_c(cell, '"');
						p += 2;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						g_string_append_c(cell, *p++);
					}
				}
				if (!at_eol(p, end, sep)) {
					diag_at(DIAG_ERROR, name, row, col,
					    "text after the closing quote of a "
					    "quoted field");
					(*errors)++;
					while (!at_eol(p, end, sep))
						g_string_append_c(cell, *p++);
				}
			} else {
				int quote = 0;
				while (!at_eol(p, end, sep)) {
					if (*p == '"' && !quote++) {
						diag_at(DIAG_ERROR, name, row, col,
						    "a '\"' in a field that is not "
						    "quoted (quote the field and "
						    "double the '\"')");
						(*errors)++;
					}
					g_string_append_c(cell, *p++);
				}
			}
			if (!g_utf8_validate(cell->str, (gssize)cell->len,
			    NULL)) {
				diag_at(DIAG_ERROR, name, row, col,
				    "not UTF-8 text (save the file as "
				    "\"CSV UTF-8\")");
				(*errors)++;
				g_string_truncate(cell, 0);
			}
			g_ptr_array_add(r->cells, g_strdup(cell->str));
			if (p < end && *p == sep) {
				p++;
				col++;
				continue;
			}
			break;
		}
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		g_ptr_array_add(t->records, r);
		row++;
	}
	g_string_free(cell, TRUE);
	return t;
}

/* ---- writing ------------------------------------------------------------ */

void
csv_field(GString *s, const char *field)
{
	if (field == NULL)
		return;
	if (strpbrk(field, ",\"\r\n") == NULL) {
		g_string_append(s, field);
		return;
	}
	g_string_append_c(s, '"');
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			g_string_append_c(s, '"');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '"');
}

void
csv_record_append(GString *s, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(s, ',');
		csv_field(s, fields[i]);
	}
	g_string_append(s, "\r\n");
}

/* ---- text of the model ---------------------------------------------------- */

static void
flatten(const xmlNode *n, GString *s)
{
	for (const xmlNode *k = n->children; k != NULL; k = k->next) {
		if (k->type == XML_TEXT_NODE) {
			g_string_append(s, (const char *)k->content);
			continue;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		const char *title = xml_prop(k, "title");
		if (xml_is(k, "control")) {
			const char *custom = xml_prop(k, "custom");
			if (custom == NULL || strcmp(custom, "yes") != 0)
				g_string_append(s, "A.");
			g_string_append(s, xml_prop(k, "ref") ?
			    xml_prop(k, "ref") : "");
			if (title != NULL)
				g_string_append_printf(s, " %s", title);
		} else if (xml_is(k, "risk")) {
			g_string_append(s, xml_prop(k, "ref") ?
			    xml_prop(k, "ref") : "");
		} else if (xml_is(k, "policy") || xml_is(k, "xref")) {
			g_string_append(s, title ? title : "");
		} else {
			g_string_append_c(s, ' ');
			flatten(k, s);
			g_string_append_c(s, ' ');
		}
	}
}

char *
csv_text(const xmlNode *n)
{
	GString *raw = g_string_new(NULL), *s = g_string_new(NULL);
	int space = 0;

	if (n != NULL)
		flatten(n, raw);
	for (const char *p = raw->str; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = s->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(s, ' ');
		space = 0;
		g_string_append_c(s, *p);
	}
	g_string_free(raw, TRUE);
	return g_string_free(s, FALSE);
}

/* ---- the build's spreadsheets --------------------------------------------- */

/* One record being filled: fields owned. */
typedef struct row {
	GPtrArray *f;
} row;

static row
row_new(size_t n)
{
	row r = { g_ptr_array_new_with_free_func(g_free) };

	for (size_t i = 0; i < n; i++)
		g_ptr_array_add(r.f, g_strdup(""));
	return r;
}

/* Set field i (takes v). */
static void
row_take(row *r, guint i, char *v)
{
	g_free(r->f->pdata[i]);
	r->f->pdata[i] = v ? v : g_strdup("");
}

static void
row_set(row *r, guint i, const char *v)
{
	row_take(r, i, g_strdup(v));
}

static void
row_emit(row *r, GString *s)
{
	csv_record_append(s, (const char *const *)r->f->pdata, r->f->len);
	g_ptr_array_free(r->f, TRUE);
}

/* The texts of n's children named name, joined by sep; with_type puts
 * the type attribute first ("risk: text"). */
static char *
join_texts(const xmlNode *n, const char *name, const char *sep, int with_type)
{
	GString *s = g_string_new(NULL);

	FOR_ELEMENTS(k, n, name) {
		char *t = csv_text(k);
		if (s->len > 0)
			g_string_append(s, sep);
		if (with_type && xml_prop(k, "type") != NULL)
			g_string_append_printf(s, t[0] ? "%s: " : "%s",
			    xml_prop(k, "type"));
		g_string_append(s, t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

/* The attribute attr of n's children named name, joined by ", ". */
static char *
join_refs(const xmlNode *n, const char *name, const char *attr, int annex)
{
	GString *s = g_string_new(NULL);

	FOR_ELEMENTS(k, n, name) {
		const char *v = xml_prop(k, attr);
		const char *custom = xml_prop(k, "custom");
		if (v == NULL)
			continue;
		if (s->len > 0)
			g_string_append(s, ", ");
		if (annex && (custom == NULL || strcmp(custom, "yes") != 0))
			g_string_append(s, "A.");
		g_string_append(s, v);
	}
	return g_string_free(s, FALSE);
}

static const char *
prop(const xmlNode *n, const char *name)
{
	const char *v = xml_prop(n, name);

	return v ? v : "";
}

enum {
	S_ID, S_TITLE, S_THEME, S_APPLICABLE, S_STATUS, S_OWNER, S_OWNER_TITLE,
	S_OWNER_HOLDER, S_REASONS, S_IMPLEMENTATION, S_EVIDENCE,
	S_JUSTIFICATION, S_RISKS, S_POLICIES, S_N
};

static const char *const soa_head[S_N] = {
	"Control", "Title", "Theme", "Applicable", "Status", "Owner",
	"Owner title", "Owner holder", "Reasons for inclusion",
	"Implementation", "Evidence", "Justification for exclusion", "Risks",
	"Policies"
};

static GBytes *
soa_csv(xmlNode *isms)
{
	GString *s = g_string_new("\xEF\xBB\xBF");

	csv_record_append(s, soa_head, S_N);
	FOR_ELEMENTS(th, xml_first(isms, "controls"), "theme") {
		FOR_ELEMENTS(c, th, "control") {
			row r = row_new(S_N);
			const char *custom = xml_prop(c, "custom");
			int annex = custom == NULL || strcmp(custom, "yes") != 0;

			row_take(&r, S_ID, g_strconcat(annex ? "A." : "",
			    prop(c, "id"), NULL));
			row_set(&r, S_TITLE, prop(c, "title"));
			row_set(&r, S_THEME, prop(th, "title"));
			row_set(&r, S_APPLICABLE, prop(c, "applicable"));
			row_set(&r, S_STATUS, prop(c, "status"));
			row_set(&r, S_OWNER, prop(c, "owner"));
			row_set(&r, S_OWNER_TITLE, prop(c, "owner-title"));
			row_set(&r, S_OWNER_HOLDER, prop(c, "owner-holder"));
			row_take(&r, S_REASONS, join_texts(c, "reason", "\n",
			    1));
			row_take(&r, S_IMPLEMENTATION,
			    csv_text(xml_first(c, "implementation")));
			row_take(&r, S_EVIDENCE, join_texts(c, "evidence", "\n",
			    0));
			row_take(&r, S_JUSTIFICATION,
			    csv_text(xml_first(c, "justification")));
			row_take(&r, S_RISKS, join_refs(c, "risk", "ref", 0));
			row_take(&r, S_POLICIES, join_refs(c, "policy", "ref",
			    0));
			row_emit(&r, s);
		}
	}
	return g_string_free_to_bytes(s);
}

enum {
	R_ID, R_TITLE, R_OWNER, R_OWNER_TITLE, R_OWNER_HOLDER, R_ASSETS,
	R_THREAT, R_VULNERABILITY, R_LIKELIHOOD, R_IMPACT, R_SCORE, R_BAND,
	R_TREATMENT, R_RATIONALE, R_CONTROLS, R_RES_LIKELIHOOD, R_RES_IMPACT,
	R_RES_SCORE, R_RES_BAND, R_ACCEPTABLE, R_APPROVED_BY, R_APPROVED_ON,
	R_APPROVAL_NOTE, R_ACCEPTED_BY, R_ACCEPTED_ON, R_ACCEPTANCE_NOTE,
	R_ACTION, R_ACTION_OWNER, R_ACTION_DUE,
	R_ACTION_STATUS, R_N
};

/* The column names are those ismsc import-risks reads (cmd_import.c), so
 * the register can go to a spreadsheet and back. */
static const char *const risk_head[R_N] = {
	"ID", "Title", "Owner", "Owner title", "Owner holder", "Assets",
	"Threat", "Vulnerability", "Likelihood", "Impact", "Score", "Band",
	"Treatment", "Rationale", "Controls", "Residual likelihood",
	"Residual impact", "Residual score", "Residual band", "Acceptable",
	"Approved by", "Approval date", "Approval note", "Accepted by",
	"Acceptance date", "Acceptance note",
	"Action", "Action owner", "Due date", "Action status"
};

static void
action_fields(row *r, const xmlNode *a)
{
	row_take(r, R_ACTION, csv_text(a));
	row_set(r, R_ACTION_OWNER, prop(a, "owner"));
	row_set(r, R_ACTION_DUE, prop(a, "due"));
	row_set(r, R_ACTION_STATUS, prop(a, "status"));
}

static GBytes *
risk_csv(xmlNode *isms)
{
	GString *s = g_string_new("\xEF\xBB\xBF");

	csv_record_append(s, risk_head, R_N);
	FOR_ELEMENTS(k, xml_first(isms, "risks"), "risk") {
		row r = row_new(R_N);
		xmlNode *inh = xml_first(k, "inherent");
		xmlNode *res = xml_first(k, "residual");
		xmlNode *tr = xml_first(k, "treatment");
		xmlNode *app = xml_first(k, "approval");
		xmlNode *acc = xml_first(k, "acceptance");

		row_set(&r, R_ID, prop(k, "id"));
		row_take(&r, R_TITLE, csv_text(xml_first(k, "title")));
		row_set(&r, R_OWNER, prop(k, "owner"));
		row_set(&r, R_OWNER_TITLE, prop(k, "owner-title"));
		row_set(&r, R_OWNER_HOLDER, prop(k, "owner-holder"));
		row_take(&r, R_ASSETS, join_texts(k, "asset", "\n", 0));
		row_take(&r, R_THREAT, csv_text(xml_first(k, "threat")));
		row_take(&r, R_VULNERABILITY,
		    csv_text(xml_first(k, "vulnerability")));
		row_set(&r, R_LIKELIHOOD, prop(inh, "likelihood"));
		row_set(&r, R_IMPACT, prop(inh, "impact"));
		row_set(&r, R_SCORE, prop(k, "score"));
		row_set(&r, R_BAND, prop(k, "band-label"));
		row_set(&r, R_TREATMENT, prop(tr, "option"));
		row_take(&r, R_RATIONALE, csv_text(xml_first(tr, "rationale")));
		row_take(&r, R_CONTROLS, join_refs(tr, "control", "ref", 1));
		row_set(&r, R_RES_LIKELIHOOD, prop(res, "likelihood"));
		row_set(&r, R_RES_IMPACT, prop(res, "impact"));
		row_set(&r, R_RES_SCORE, prop(k, "residual-score"));
		row_set(&r, R_RES_BAND, prop(k, "residual-band-label"));
		row_set(&r, R_ACCEPTABLE, prop(k, "acceptable"));
		row_set(&r, R_APPROVED_BY, prop(app, "by"));
		row_set(&r, R_APPROVED_ON, prop(app, "date"));
		if (app != NULL)
			row_take(&r, R_APPROVAL_NOTE, csv_text(app));
		row_set(&r, R_ACCEPTED_BY, prop(acc, "by"));
		row_set(&r, R_ACCEPTED_ON, prop(acc, "date"));
		if (acc != NULL)
			row_take(&r, R_ACCEPTANCE_NOTE, csv_text(acc));
		/* the first action on the risk's row, each further one on a
		 * row of its own holding only the risk id and the action */
		xmlNode *a = xml_first(tr, "action");
		if (a != NULL)
			action_fields(&r, a);
		row_emit(&r, s);
		for (a = a ? xml_next(a, "action") : NULL; a != NULL;
		    a = xml_next(a, "action")) {
			row more = row_new(R_N);
			row_set(&more, R_ID, prop(k, "id"));
			action_fields(&more, a);
			row_emit(&more, s);
		}
	}
	return g_string_free_to_bytes(s);
}

int
csv_add(pack *pk, xmlDocPtr model, GPtrArray *jobs)
{
	xmlNode *isms = xmlDocGetRootElement(model);
	int n = 0;

	for (guint i = 0; jobs != NULL && i < jobs->len; i++) {
		const job *j = jobs->pdata[i];
		GBytes *b = NULL;
		const char *out = NULL;

		if (strcmp(j->name, "soa") == 0 && strcmp(j->kind, "soa") == 0) {
			b = soa_csv(isms);
			out = "statement-of-applicability.csv";
		} else if (strcmp(j->name, "rtp") == 0 &&
		    strcmp(j->kind, "rtp") == 0) {
			b = risk_csv(isms);
			out = "risk-register.csv";
		}
		if (b == NULL)
			continue;
		pack_add(pk, out, b);
		g_bytes_unref(b);
		progress_note("%s", out);
		n++;
	}
	return n;
}
