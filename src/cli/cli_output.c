/*
 * cli_output.c - tables for people, JSON for machines. In a table a
 * reference shows the name of what it refers to beside its id (a coach
 * profile its person's, an assignment its coach's and coachee's), as far as
 * the reader may read it; JSON keeps the ids.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/recjson.h"

#define CELL_MAX 40 /* widest column in a table; longer values are cut */

char *out_value(const struct domain *d, const struct record *rec, int i, char *buf, size_t n)
{
	if (rec->def->fields[i].type == FT_DATETIME && rec->v[i].state == V_SET &&
	    tu_format_local(rec->v[i].s, d->tz, buf))
		return buf;
	return record_format(rec, i, buf, n);
}

/*
 * As out_value, but an enum or a truth value as its label ("meeloopdag", "ja"),
 * and the kind of record and the action of a log entry as words.
 */
static char *out_label(const struct domain *d, const struct record *rec, int i, char *buf, size_t n)
{
	enum field_type t = rec->def->fields[i].type;

	out_value(d, rec, i, buf, n);
	if ((t == FT_ENUM || t == FT_BOOL || t == FT_TEXT) && rec->v[i].state == V_SET &&
	    strlen(buf) < 64) {
		const char *label = cli_label(rec->def, i, buf);
		if (label != buf)
			snprintf(buf, n, "%s", label);
	}
	return buf;
}

/* Display width of UTF-8 text: one column per character. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w++;
	return w;
}

/* Cut s to at most max display columns, ending in "..." when cut. */
static void cut(char *s, size_t max)
{
	size_t w = 0;
	unsigned char *p = (unsigned char *)s;
	if (width(s) <= max)
		return;
	for (; *p; p++) {
		if ((*p & 0xc0) != 0x80 && w++ == max - 3)
			break;
	}
	strcpy((char *)p, "...");
}

void out_grid(char ***cells, size_t rows, size_t cols, FILE *fp)
{
	size_t *w = calloc(cols, sizeof(*w));
	if (!w)
		return;
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < cols; c++) {
			cut(cells[r][c], CELL_MAX);
			if (width(cells[r][c]) > w[c])
				w[c] = width(cells[r][c]);
		}
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols; c++) {
			bool last = c + 1 == cols;
			fputs(cells[r][c], fp);
			for (size_t k = width(cells[r][c]); !last && k < w[c] + 2; k++)
				fputc(' ', fp);
		}
		fputc('\n', fp);
	}
	free(w);
}

/* ---- names beside ids ---- */

/* The names a table has looked up: each record read once. */
#define NAMES_MAX 256
struct names {
	struct {
		enum entity_kind kind;
		int64_t id;
		char text[96]; /* "" when it has no name or the reader may not read it */
	} known[NAMES_MAX];
	size_t n;
};

static void name_of(struct domain *d, struct names *nm, enum entity_kind kind, int64_t id,
                    char *out, size_t size, int depth);

/* The name of rec: its label field, its person's (a coach), its two parties' (an assignment). */
static void name_of_record(struct domain *d, struct names *nm, const struct record *rec, char *out,
                           size_t size, int depth)
{
	const struct entity_def *def = rec->def;
	char coach[96], coachee[96];

	out[0] = '\0';
	if (def->kind == E_ASSIGNMENT) {
		name_of(d, nm, E_COACH, record_int(rec, "coach"), coach, sizeof(coach), depth + 1);
		name_of(d, nm, E_PERSON, record_int(rec, "coachee"), coachee, sizeof(coachee),
		        depth + 1);
		if (coach[0] && coachee[0])
			snprintf(out, size, "%.40s \xe2\x86\x92 %.40s", coach, coachee); /* → */
		return;
	}
	int label = def->kind == E_COACH ? entity_field(def, "person") : def->label;
	if (label < 0 || rec->v[label].state != V_SET)
		return;
	if (def->fields[label].type == FT_REF)
		name_of(d, nm, def->fields[label].ref, rec->v[label].i, out, size, depth + 1);
	else
		record_format(rec, label, out, size);
}

/*
 * The name of record id of kind, into out ("" when none): read through the
 * domain as the reader, so a name the reader may not read stays unshown.
 * Kinds with private content are not read for a name (no read to log).
 */
static void name_of(struct domain *d, struct names *nm, enum entity_kind kind, int64_t id,
                    char *out, size_t size, int depth)
{
	const struct entity_def *def = entity_get(kind);
	struct record *rec = NULL;
	struct sc_error err;

	out[0] = '\0';
	if (depth > 2 || entity_has_private(def))
		return;
	for (size_t i = 0; i < nm->n; i++)
		if (nm->known[i].kind == kind && nm->known[i].id == id) {
			snprintf(out, size, "%s", nm->known[i].text);
			return;
		}
	sc_error_init(&err);
	if (domain_get(d, def, id, &rec, &err) == SC_OK)
		name_of_record(d, nm, rec, out, size, depth);
	record_free(&rec);
	if (nm->n < NAMES_MAX) {
		nm->known[nm->n].kind = kind;
		nm->known[nm->n].id = id;
		snprintf(nm->known[nm->n].text, sizeof(nm->known[nm->n].text), "%s", out);
		nm->n++;
	}
}

/* Cell c of a table: the value, and beside a reference the name of what it refers to. */
static void table_cell(struct domain *d, struct names *nm, const struct record *rec, int i,
                       char *cell, size_t size)
{
	const struct field_def *f = &rec->def->fields[i];
	char name[96];

	out_label(d, rec, i, cell, size);
	if (f->type != FT_REF || rec->v[i].state != V_SET)
		return;
	name_of(d, nm, f->ref, rec->v[i].i, name, sizeof(name), 0);
	if (name[0]) {
		size_t len = strlen(cell);
		snprintf(cell + len, size - len, " %s", name);
	}
}

void out_table(struct domain *d, const struct record_list *list, FILE *fp)
{
	struct names *nm = calloc(1, sizeof(*nm));
	const struct entity_def *def;
	int cols[64];
	size_t ncols = 0;

	if (!nm || list->n == 0) {
		if (nm)
			cli_say(fp, "cli.none", NULL, 0);
		else
			fputs("out of memory\n", stderr);
		free(nm);
		return;
	}
	def = list->items[0]->def;
	for (size_t i = 0; i < def->nfields && ncols < 63; i++)
		if ((def->fields[i].flags & FF_LIST) && !(def->fields[i].flags & FF_PRIVATE))
			cols[ncols++] = (int)i;

	size_t rows = list->n + 1, width_cols = ncols + 1;
	char ***cells = calloc(rows, sizeof(*cells));
	if (!cells) {
		free(nm);
		return;
	}
	for (size_t r = 0; r < rows; r++) {
		cells[r] = calloc(width_cols, sizeof(**cells));
		for (size_t c = 0; cells[r] && c < width_cols; c++)
			cells[r][c] = calloc(1, 256);
		if (!cells[r])
			goto out;
		for (size_t c = 0; c < width_cols; c++)
			if (!cells[r][c])
				goto out;
	}
	snprintf(cells[0][0], 256, "%s", msg_text(cli_lang(), "label.id"));
	for (size_t c = 0; c < ncols; c++)
		snprintf(cells[0][c + 1], 256, "%s", cli_heading(def, cols[c]));
	for (size_t r = 1; r < rows; r++) {
		const struct record *rec = list->items[r - 1];
		snprintf(cells[r][0], 256, "%" PRId64, rec->id);
		for (size_t c = 0; c < ncols; c++)
			table_cell(d, nm, rec, cols[c], cells[r][c + 1], 256);
	}
	out_grid(cells, rows, width_cols, fp);
out:
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; cells[r] && c < width_cols; c++)
			free(cells[r][c]);
		free(cells[r]);
	}
	free(cells);
	free(nm);
}

/* text and the spaces that fill it to w columns and two more. */
static void pad(FILE *fp, const char *text, size_t w)
{
	fputs(text, fp);
	for (size_t k = width(text); k < w + 2; k++)
		fputc(' ', fp);
}

void out_record(const struct domain *d, const struct record *rec, FILE *fp)
{
	size_t w = 2;
	char buf[256];

	for (size_t i = 0; i < rec->def->nfields; i++)
		if (width(cli_heading(rec->def, (int)i)) > w)
			w = width(cli_heading(rec->def, (int)i));
	pad(fp, msg_text(cli_lang(), "label.id"), w);
	fprintf(fp, "%" PRId64 "\n", rec->id);
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const struct value *v = &rec->v[i];
		pad(fp, cli_heading(rec->def, (int)i), w);
		if ((f->flags & FF_PRIVATE) && v->state == V_ABSENT)
			cli_say(fp, "cli.private", NULL, 0);
		else if (v->state == V_SET && f->type == FT_TEXT)
			fprintf(fp, "%s\n", cli_label(rec->def, (int)i, v->s)); /* whole, not cut */
		else
			fprintf(fp, "%s\n", out_label(d, rec, (int)i, buf, sizeof(buf)));
	}
}

/* Print j; a NULL j (a record that could not be written) is an error, not an empty line. */
static int dump(json_t *j, FILE *fp)
{
	if (!j) {
		fprintf(stderr, "salescoach: the records could not be written as JSON (out of "
		                "memory)\n");
		return CLI_FAILURE;
	}
	json_dumpf(j, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(j);
	return CLI_OK;
}

int out_json_list(const struct record_list *list, FILE *fp)
{
	return dump(recjson_array(list, RJ_SHOW), fp);
}

int out_json_record(const struct record *rec, FILE *fp)
{
	return dump(recjson_object(rec, RJ_SHOW), fp);
}
