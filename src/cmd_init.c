/* init: scaffold a new ISMS repository.
 *
 * Writes, into DIR: organization.xml, risk-methodology.xml, risks.xml and
 * policies/POL-01-information-security.xml from the templates in
 * DATADIR/stylesheets/init/; controls.xml listing every Annex A control of
 * the installed catalogue as applicable="undecided" (check reports each
 * one, which is the list of decisions to make); a copy of the source schema
 * in schema/ that every source points at with an xml-model instruction, for
 * editors; .gitignore for out/; and a CI workflow running check --strict.
 * Nothing is overwritten: when one of these files exists, nothing is
 * written at all. Files are written through pack (all or nothing). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "load.h"
#include "pack.h"
#include "pipeline.h"
#include "progress.h"
#include "xml.h"
#include "xml_model.h"

/* The templates below DATADIR/stylesheets/init, and where they go. */
static const struct template {
	const char *from, *to;
} templates[] = {
	{ "organization.xml", "organization.xml" },
	{ "risk-methodology.xml", "risk-methodology.xml" },
	{ "risks.xml", "risks.xml" },
	{ "policies/POL-01-information-security.xml",
	  "policies/POL-01-information-security.xml" },
	{ "ismsc.yml", ".github/workflows/ismsc.yml" },
};

#define SCHEMA_COPY "schema/sources.rng"

static const char gitignore[] =
    "# the documents ismsc builds: made from the sources, not kept in git\n"
    "/out/\n";

/* The href of the schema copy from the folder of rel (a path below the
 * repository). */
static char *
schema_href_from(const char *rel)
{
	GString *s = g_string_new(NULL);

	for (const char *p = rel; *p; p++)
		if (*p == '/')
			g_string_append(s, "../");
	g_string_append(s, SCHEMA_COPY);
	return g_string_free(s, FALSE);
}

/* The XML declaration's line, then the xml-model instruction. */
static void
append_pi(GString *s, const char *rel)
{
	char *href = schema_href_from(rel);
	char *data = xml_model_data(href);

	g_string_append_printf(s, "<?xml-model %s?>\n", data);
	g_free(data);
	g_free(href);
}

/* Replace every @KEY@ of vars (NULL-terminated key, value pairs). */
static char *
substitute(const char *text, const char *const *vars)
{
	GString *s = g_string_new(text);

	for (const char *const *v = vars; v[0] != NULL; v += 2) {
		char *key = g_strdup_printf("@%s@", v[0]);
		g_string_replace(s, key, v[1], 0);
		g_free(key);
	}
	return g_string_free(s, FALSE);
}

/* A template, its variables set and the xml-model instruction after the
 * XML declaration. NULL after reporting. */
static GBytes *
from_template(const char *datadir, const struct template *t,
    const char *const *vars)
{
	char *path = g_build_filename(datadir, "stylesheets", "init", t->from,
	    NULL);
	char *text = NULL;
	GError *err = NULL;

	if (!g_file_get_contents(path, &text, NULL, &err)) {
		diag_at(DIAG_ERROR, path, 0, 0, "cannot read the template: %s",
		    err->message);
		g_error_free(err);
		g_free(path);
		return NULL;
	}
	g_free(path);
	char *body = substitute(text, vars);
	g_free(text);
	GString *s = g_string_new(NULL);
	const char *rest = body;
	if (g_str_has_suffix(t->to, ".xml") && g_str_has_prefix(body, "<?xml ")) {
		const char *nl = strchr(body, '\n');
		rest = nl ? nl + 1 : body + strlen(body);
		g_string_append_len(s, body, rest - body);
		append_pi(s, t->to);
	}
	g_string_append(s, rest);
	g_free(body);
	return g_string_free_to_bytes(s);
}

/* A comment's text: "--" may not appear in one. */
static void
append_comment_text(GString *s, const char *text)
{
	for (const char *p = text; *p; p++) {
		g_string_append_c(s, *p);
		if (p[0] == '-' && (p[1] == '-' || p[1] == '\0'))
			g_string_append_c(s, ' ');
	}
}

/* controls.xml: every control of the catalogue, not yet decided. */
static GBytes *
controls_source(xmlDocPtr catalogue, const char *rel)
{
	GString *s = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	xmlNode *cat = xmlDocGetRootElement(catalogue);
	long n = 0;

	FOR_ELEMENTS(th, cat, "theme")
		FOR_ELEMENTS(k, th, "control")
			n++;
	append_pi(s, rel);
	g_string_append_printf(s,
	    "<!--\n"
	    "  The selection of controls, from which the Statement of "
	    "Applicability is made\n"
	    "  (clause 6.1.3 b to d): the %ld controls of ISO/IEC 27001:2022 "
	    "Annex A, none\n"
	    "  decided yet. 'ismsc check' lists each undecided control. "
	    "Decide each one:\n"
	    "\n"
	    "    <control id=\"5.15\" applicable=\"yes\" status=\"implemented\" "
	    "owner=\"ciso\">\n"
	    "      <reason type=\"risk\">Why the control is needed.</reason>\n"
	    "      <implementation>How it is done.</implementation>\n"
	    "      <evidence>Where an auditor can see it done.</evidence>\n"
	    "    </control>\n"
	    "    <control id=\"7.12\" applicable=\"no\">\n"
	    "      <justification>Why it is not needed.</justification>\n"
	    "    </control>\n"
	    "\n"
	    "  status: implemented, partial, planned or not-implemented; "
	    "reason type:\n"
	    "  risk, legal, contractual, business or best-practice; owner: a "
	    "role id of\n"
	    "  organization.xml. A control not fully implemented needs "
	    "due=\"YYYY-MM-DD\",\n"
	    "  the date it will be; some need a policy that implements them "
	    "('check' says\n"
	    "  which). Controls of your own: <custom-control>, see "
	    "ismsc-sources(5).\n"
	    "-->\n"
	    "<controls>\n", n);
	int first = 1;
	FOR_ELEMENTS(th, cat, "theme") {
		g_string_append(s, first ? "  <!-- " : "\n  <!-- ");
		first = 0;
		append_comment_text(s, xml_prop(th, "clause") ?
		    xml_prop(th, "clause") : "");
		g_string_append_c(s, ' ');
		append_comment_text(s, xml_prop(th, "title") ?
		    xml_prop(th, "title") : "");
		g_string_append(s, " -->\n");
		FOR_ELEMENTS(k, th, "control") {
			char *id = g_markup_escape_text(xml_prop(k, "id") ?
			    xml_prop(k, "id") : "", -1);
			g_string_append_printf(s,
			    "  <control id=\"%s\" applicable=\"undecided\"/>"
			    "  <!-- ", id);
			append_comment_text(s, xml_prop(k, "title") ?
			    xml_prop(k, "title") : "");
			g_string_append(s, " -->\n");
			g_free(id);
		}
	}
	g_string_append(s, "</controls>\n");
	return g_string_free_to_bytes(s);
}

/* The day of the scaffold: SOURCE_DATE_EPOCH when set, else today. */
static GDateTime *
today(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde != NULL && sde[0] != '\0') {
		char *end;
		gint64 v = g_ascii_strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0)
			return g_date_time_new_from_unix_utc(v);
	}
	return g_date_time_new_now_utc();
}

typedef struct file {
	char *rel;
	GBytes *bytes;
} file;

static void
file_free(gpointer p)
{
	file *f = p;

	g_free(f->rel);
	if (f->bytes != NULL)
		g_bytes_unref(f->bytes);
	g_free(f);
}

static void
add(GPtrArray *files, const char *rel, GBytes *bytes)
{
	file *f = g_new0(file, 1);

	f->rel = g_strdup(rel);
	f->bytes = bytes;
	g_ptr_array_add(files, f);
}

/* Every file of a new repository, or NULL after reporting. */
static GPtrArray *
scaffold(const char *datadir, const char *name, int schema_only)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(file_free);
	char *schema = g_build_filename(datadir, "schema", "sources.rng",
	    NULL);
	char *catpath = g_build_filename(datadir, "stylesheets", "data",
	    "annex-a-2022.xml", NULL);
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;
	int ok = 1;

	if (!g_file_get_contents(schema, &text, &len, &err)) {
		diag_at(DIAG_ERROR, schema, 0, 0, "cannot read the schema: %s",
		    err->message);
		g_error_free(err);
		ok = 0;
	} else {
		add(files, SCHEMA_COPY, g_bytes_new_take(text, len));
	}
	if (ok && !schema_only) {
		xmlDocPtr cat = load_file(catpath, catpath);
		GDateTime *now = today();
		GDateTime *later = g_date_time_add_months(now, 3);
		char *day = g_date_time_format(now, "%Y-%m-%d");
		char *due = g_date_time_format(later, "%Y-%m-%d");
		char *org = g_markup_escape_text(name, -1);
		const char *const vars[] = { "ORGANIZATION", org, "TODAY", day,
			"DUE", due, NULL, NULL };

		if (cat == NULL)
			ok = 0;
		else
			add(files, "controls.xml", controls_source(cat,
			    "controls.xml"));
		for (size_t i = 0; ok && i < G_N_ELEMENTS(templates); i++) {
			GBytes *b = from_template(datadir, &templates[i], vars);
			if (b == NULL)
				ok = 0;
			else
				add(files, templates[i].to, b);
		}
		add(files, ".gitignore", g_bytes_new_static(gitignore,
		    strlen(gitignore)));
		xmlFreeDoc(cat);
		g_free(org);
		g_free(day);
		g_free(due);
		g_date_time_unref(later);
		g_date_time_unref(now);
	}
	g_free(schema);
	g_free(catpath);
	if (!ok) {
		g_ptr_array_free(files, TRUE);
		return NULL;
	}
	return files;
}

int
cmd_init(int argc, char **argv)
{
	char *name = NULL;
	gboolean schema_only = FALSE;
	GOptionEntry entries[] = {
		{ "name", 'n', 0, G_OPTION_ARG_STRING, &name,
		  "the organization's name (default: a placeholder to replace)",
		  "NAME" },
		{ "update-schema", 0, 0, G_OPTION_ARG_NONE, &schema_only,
		  "only replace DIR/schema/sources.rng with this ismsc's "
		  "schema", NULL },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *oc = g_option_context_new("[DIR]");
	int status;

	g_option_context_set_summary(oc,
	    "Start a new ISMS repository in DIR (default: the current folder):\n"
	    "organization, risk methodology, a starter risk and policy, and the "
	    "selection\nof all 93 Annex A controls, none decided yet, so that "
	    "'ismsc check' lists\nthe decisions to make. Existing files are "
	    "never overwritten.");
	g_option_context_add_main_entries(oc, entries, NULL);
	common_options(oc);
	if ((status = parse_options(oc, &argc, &argv)) != 0)
		goto done;
	const char *dir = source_dir(argc, argv, "init");
	if (dir == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	if (name != NULL && !g_utf8_validate(name, -1, NULL)) {
		fprintf(stderr, "ismsc init: --name is not UTF-8 text\n");
		status = EXIT_USAGE;
		goto done;
	}
	char *datadir = pipeline_datadir();
	GPtrArray *files = scaffold(datadir, name ? name :
	    "[Organization name]", schema_only);
	g_free(datadir);
	if (files == NULL) {
		status = EXIT_INTERNAL;
		goto done;
	}
	if (!schema_only) {
		for (guint i = 0; i < files->len; i++) {
			const file *f = files->pdata[i];
			char *path = g_build_filename(dir, f->rel, NULL);
			if (g_file_test(path, G_FILE_TEST_EXISTS)) {
				diag_at(DIAG_ERROR, path, 0, 0,
				    "already exists; ismsc init overwrites "
				    "nothing, so nothing was written");
				status = EXIT_IO;
			}
			g_free(path);
		}
	}
	if (status == EXIT_OK) {
		pack *pk = pack_new(dir);
		for (guint i = 0; i < files->len; i++) {
			const file *f = files->pdata[i];
			pack_add(pk, f->rel, f->bytes);
		}
		if (pack_commit(pk) != 0)
			status = EXIT_IO;
		pack_free(pk);
	}
	for (guint i = 0; status == EXIT_OK && i < files->len; i++) {
		char *path = g_build_filename(dir, ((file *)files->pdata[i])->rel,
		    NULL);
		progress_note("%s", path);
		g_free(path);
	}
	g_ptr_array_free(files, TRUE);
	if (status == EXIT_OK && !schema_only && !progress_quiet())
		printf("A new ISMS repository is in %s. Next, in that folder:\n"
		    "  1. Fill in organization.xml: the name, scope, issues, "
		    "interested parties\n     and roles.\n"
		    "  2. Run 'ismsc check': it lists each Annex A control still "
		    "to decide in\n     controls.xml.\n"
		    "  3. Adapt risk-methodology.xml, risks.xml and policies/; "
		    "a register kept in\n     a spreadsheet becomes risks.xml "
		    "with 'ismsc import-risks FILE.csv -o risks.xml'.\n"
		    "  4. Run 'ismsc build': it writes the documents into "
		    "out/.\n", dir);
done:
	g_free(name);
	return status;
}
