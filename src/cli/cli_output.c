/*
 * cli_output.c - tables for people, JSON for machines.
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

void out_table(const struct domain *d, const struct record_list *list, FILE *fp)
{
	const struct entity_def *def;
	int cols[64];
	size_t ncols = 0;

	if (list->n == 0) {
		fputs("(none)\n", fp);
		return;
	}
	def = list->items[0]->def;
	for (size_t i = 0; i < def->nfields && ncols < 63; i++)
		if ((def->fields[i].flags & FF_LIST) && !(def->fields[i].flags & FF_PRIVATE))
			cols[ncols++] = (int)i;

	size_t rows = list->n + 1, width_cols = ncols + 1;
	char ***cells = calloc(rows, sizeof(*cells));
	if (!cells)
		return;
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
	snprintf(cells[0][0], 256, "id");
	for (size_t c = 0; c < ncols; c++)
		snprintf(cells[0][c + 1], 256, "%s", def->fields[cols[c]].name);
	for (size_t r = 1; r < rows; r++) {
		const struct record *rec = list->items[r - 1];
		snprintf(cells[r][0], 256, "%" PRId64, rec->id);
		for (size_t c = 0; c < ncols; c++)
			out_value(d, rec, cols[c], cells[r][c + 1], 256);
	}
	out_grid(cells, rows, width_cols, fp);
out:
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; cells[r] && c < width_cols; c++)
			free(cells[r][c]);
		free(cells[r]);
	}
	free(cells);
}

void out_record(const struct domain *d, const struct record *rec, FILE *fp)
{
	size_t w = 2;
	char buf[256];

	for (size_t i = 0; i < rec->def->nfields; i++)
		if (strlen(rec->def->fields[i].name) > w)
			w = strlen(rec->def->fields[i].name);
	fprintf(fp, "%-*s  %" PRId64 "\n", (int)w, "id", rec->id);
	for (size_t i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const struct value *v = &rec->v[i];
		fprintf(fp, "%-*s  ", (int)w, f->name);
		if ((f->flags & FF_PRIVATE) && v->state == V_ABSENT)
			fputs("(private to coach and coachee)\n", fp);
		else if (v->state == V_SET && f->type == FT_TEXT)
			fprintf(fp, "%s\n", v->s); /* whole, not cut to a buffer */
		else
			fprintf(fp, "%s\n", out_value(d, rec, (int)i, buf, sizeof(buf)));
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
