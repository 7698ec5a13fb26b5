/*
 * cli_import.c - `salescoach import people|teams|results|sessions FILE
 * [--map FILE|salesforce|hubspot] [--skip-bad] [--dry-run]`: what was added,
 * updated, left unchanged and refused, and each refused line, in the
 * caller's language. Exit code 2 when bad lines kept anything from being
 * imported.
 */
#include "cli/cli_import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exchange/import.h"

struct import_cli {
	const char *kind, *file, *map;
	bool skip_bad, dry_run;
};

static int parse_args(struct cli *c, int argc, char **argv, struct import_cli *a)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.import"), stdout);
			return -1;
		} else if (!strcmp(argv[i], "--skip-bad")) {
			a->skip_bad = true;
		} else if (!strcmp(argv[i], "--dry-run")) {
			a->dry_run = true;
		} else if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "--map") && i + 1 < argc) {
			a->map = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_refuse("cli.cmd.unexpected_usage",
			                  CLI_ARGS({ "command", "import" }, { "arg", argv[i] }));
		} else if (!a->kind) {
			a->kind = argv[i];
		} else if (!a->file) {
			a->file = argv[i];
		} else {
			return cli_refuse("cli.cmd.unexpected_usage",
			                  CLI_ARGS({ "command", "import" }, { "arg", argv[i] }));
		}
	}
	if (!a->kind || !a->file)
		return cli_refuse("import.usage", NULL, 0);
	return CLI_OK;
}

/* Open path for reading ("-": standard input); NULL after saying why on stderr. */
static FILE *open_input(const char *path)
{
	if (!strcmp(path, "-"))
		return stdin;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		cli_refuse("import.cannot_open",
		           CLI_ARGS({ "file", path }, { "why", strerror(errno) }));
	return fp;
}

/* The progress of an import on a terminal: the file's size, and when it began. */
struct progress {
	long long size; /* bytes, 0 when not known (a pipe) */
	time_t start;
	bool shown;
};

/*
 * A progress bar on stdout, redrawn in place, once the import has taken a
 * few seconds (a small file shows none).
 */
static void progress(void *ctx, long lines, long long bytes)
{
	struct progress *p = ctx;
	char bar[41];

	if (!p->shown && time(NULL) - p->start < 2)
		return;
	p->shown = true;
	if (p->size > 0) {
		int pct = (int)(bytes * 100 / p->size), fill = pct * 40 / 100;
		memset(bar, '#', (size_t)fill);
		memset(bar + fill, '.', (size_t)(40 - fill));
		bar[40] = '\0';
		printf("\r[%s] %3d%%  %ld", bar, pct, lines);
	} else {
		printf("\r%ld", lines);
	}
	fflush(stdout);
}

static void print_report(const struct import_cli *a, const struct import_report *rep)
{
	char kid[64], added[24], updated[24], unchanged[24], bad[24], more[24];

	snprintf(kid, sizeof(kid), "import.kind.%s", a->kind);
	snprintf(added, sizeof(added), "%zu", rep->added);
	snprintf(updated, sizeof(updated), "%zu", rep->updated);
	snprintf(unchanged, sizeof(unchanged), "%zu", rep->unchanged);
	snprintf(bad, sizeof(bad), "%zu", rep->bad);
	if (rep->committed || a->dry_run) {
		cli_say(stdout, "import.counts",
		        CLI_ARGS({ "kind", msg_text(cli_lang(), kid) }, { "added", added },
		                 { "updated", updated }, { "unchanged", unchanged },
		                 { "bad", bad }));
	} else {
		snprintf(added, sizeof(added), "%zu", rep->added + rep->updated + rep->unchanged);
		cli_say(stdout, "import.counts_refused",
		        CLI_ARGS({ "kind", msg_text(cli_lang(), kid) }, { "good", added },
		                 { "bad", bad }));
	}
	if (a->dry_run)
		cli_say(stdout, "import.dry_run", NULL, 0);
	else if (rep->bad && !rep->committed)
		cli_say(stdout, "import.nothing", NULL, 0);
	else if (rep->bad)
		cli_say(stdout, "import.skipped", NULL, 0);
	for (size_t i = 0; i < rep->nlisted; i++) {
		const struct import_bad *b = &rep->list[i];
		char line[24];
		snprintf(line, sizeof(line), "%ld", b->line);
		if (b->whole)
			printf("%s\n", b->reason);
		else if (b->column[0])
			cli_say(stdout, "import.bad_line",
			        CLI_ARGS({ "line", line }, { "column", b->column },
			                 { "reason", b->reason }));
		else
			cli_say(stdout, "import.bad_row",
			        CLI_ARGS({ "line", line }, { "reason", b->reason }));
	}
	if (rep->bad > rep->nlisted) {
		snprintf(more, sizeof(more), "%zu", rep->bad - rep->nlisted);
		cli_say(stdout, "import.more_bad", CLI_ARGS({ "n", more }));
	}
}

/*
 * The mapping a->map names read into *map (the caller's): a file ("-" for
 * standard input), or the name of a mapping built in (import_map_builtin,
 * the one the API's map= takes). A value with a '/', or one that names a
 * file that exists, is a file: a file called salesforce in the current
 * folder is read as it always was; a name is looked up only when no file
 * has it. The exit code.
 */
static int read_map(const struct import_cli *a, enum import_kind kind, struct import_map *map)
{
	struct sc_error err;
	enum sc_result r;
	const char *v = a->map, *text;

	sc_error_init(&err);
	bool file = !strcmp(v, "-") || strchr(v, '/') || access(v, F_OK) == 0;
	if (!file && !import_map_crm(v))
		return cli_refuse("import.map_no_such", CLI_ARGS({ "name", v }));
	if (file) {
		FILE *mapf = open_input(v);
		if (!mapf)
			return CLI_USAGE;
		r = import_map_read(mapf, cli_lang(), map, &err);
		if (mapf != stdin)
			fclose(mapf);
	} else if (!(text = import_map_builtin(v, kind))) {
		return cli_refuse("import.map_kind",
		                  CLI_ARGS({ "crm", import_map_crm(v) },
		                           { "how", msg_text(cli_lang(), "import.map_own") }));
	} else {
		r = import_map_parse(text, strlen(text), cli_lang(), map, &err);
	}
	return r ? cli_fail(&err) : CLI_OK;
}

/* Run the import of a's file as c's actor; the exit code. */
static int run(struct cli *c, const struct import_cli *a, struct import_opts *o,
               struct import_report *rep)
{
	struct sc_error err;
	FILE *in;
	struct import_map *map = NULL;
	int rc = CLI_OK;

	sc_error_init(&err);
	if (a->map) {
		if (!(map = calloc(1, sizeof(*map))))
			return cli_nomem();
		if ((rc = read_map(a, o->kind, map))) {
			free(map);
			return rc;
		}
		o->map = map;
	}
	if (!(in = open_input(a->file))) {
		free(map);
		return CLI_USAGE;
	}
	struct progress p = { 0, time(NULL), false };
	struct stat sb;
	if (isatty(STDOUT_FILENO) && !c->json) {
		if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
			p.size = (long long)sb.st_size;
		o->progress = progress;
		o->progress_ctx = &p;
	}
	enum sc_result r = import_csv(&c->dom, in, o, rep, &err);
	if (p.shown)
		fputs("\r\033[K", stdout);
	if (in != stdin)
		fclose(in);
	free(map);
	if (r)
		return cli_fail(&err);
	if (c->json) {
		char *text = import_report_json(o, rep);
		if (!text)
			return cli_nomem();
		puts(text);
		free(text);
	} else {
		print_report(a, rep);
	}
	size_t good = rep->added + rep->updated + rep->unchanged;
	if (rep->bad && (!a->skip_bad || good == 0))
		rc = CLI_USAGE;
	return rc;
}

int cli_import(struct cli *c, int argc, char **argv)
{
	struct import_cli a = { 0 };
	struct import_opts o = { 0 };
	struct import_report *rep;
	int rc = parse_args(c, argc, argv, &a);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (!import_kind_parse(a.kind, &o.kind))
		return cli_refuse("import.unknown_kind", NULL, 0);
	o.skip_bad = a.skip_bad;
	o.dry_run = a.dry_run;
	if ((rc = cli_open(c)))
		return rc;
	if (!(rep = calloc(1, sizeof(*rep))))
		return cli_nomem();
	rc = run(c, &a, &o, rep);
	free(rep);
	return rc;
}
