/*
 * cli.h - the command line: `salescoach [--db PATH] NOUN VERB [options]`.
 *
 * Internal to the command-line program; the domain knows nothing of it.
 * Exit codes: 0 success, 2 invalid input or usage (nothing changed), 1 any
 * other failure. Messages on stderr begin with "salescoach: ".
 */
#ifndef SALESCOACH_CLI_H
#define SALESCOACH_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "domain/domain.h"
#include "exchange/export.h"
#include "model/entity.h"
#include "model/record.h"
#include "base/result.h"
#include "store/store.h"

#define CLI_OK      0
#define CLI_FAILURE 1
#define CLI_USAGE   2

struct cli {
	const char *db_path;
	const char *org_slug; /* --org, or NULL */
	const char *as_email; /* --as, or NULL */
	bool lang_set;        /* --lang given: lang wins over the organisation's */
	enum msg_lang lang;
	bool json;
	struct store *store; /* opened by cli_open */
	struct org org;
	struct domain dom;
};

/* Run the program; returns the exit code. */
int cli_main(int argc, char **argv);

/* Open the database and pick the organisation and the acting user. */
int cli_open(struct cli *c);

/*
 * The durability of the database's commits for this command (store.h):
 * $SALESCOACH_DURABILITY, "full" or "normal", else full. Returns CLI_OK, or
 * CLI_USAGE after saying on stderr what the variable must be.
 */
int cli_durability(enum store_durability *d);

/*
 * Open the database only (no organisation chosen yet); CLI_OK or the exit
 * code. A database that does not exist is refused (cli_need_db): only the
 * commands that create an organisation create one, with cli_create_store.
 */
int cli_open_store(struct cli *c);

/* As cli_open_store, but a database that does not exist is created, with its folder. */
int cli_create_store(struct cli *c);

/*
 * CLI_OK when there is a file at path (or path is a PostgreSQL URI, whose
 * server says whether the database is there); else says how to create a
 * database and returns CLI_USAGE.
 */
int cli_need_db(const char *path);

/* The database as messages name it: a PostgreSQL URI without its password (store_target_shown). */
const char *cli_db_shown(const char *path);

/* `salescoach org ...` and `salescoach overview`: exit codes. */
int cli_org(struct cli *c, int argc, char **argv);
int cli_overview(struct cli *c);
/* `salescoach report NAME`: the reports of a range of months (cli_report.c). */
int cli_report(struct cli *c, int argc, char **argv);

/*
 * `salescoach person erase ...` (argv[0] "erase") and `salescoach retain`
 * (cli_erase.c): exit codes.
 */
int cli_person_erase(struct cli *c, int argc, char **argv);
int cli_retain(struct cli *c, int argc, char **argv);

/* `salescoach agenda`: exit code. */
int cli_agenda(struct cli *c, int argc, char **argv);

/* `salescoach calendar` (cli_calendar.c): exit code. */
int cli_calendar(struct cli *c, int argc, char **argv);

/*
 * `salescoach team activity` (cli_team.c): cli_team_handles says whether
 * `team ARGV...` is it (argv[0] follows the noun); cli_team_activity runs
 * it with argv[0] "activity" and returns the exit code.
 */
bool cli_team_handles(const char *noun, int argc, char **argv);
int cli_team_activity(struct cli *c, int argc, char **argv);

/*
 * `salescoach person export ID [-o FILE]` (cli_person.c): cli_person_handles
 * says whether `person ARGV...` is it; cli_person_export runs it with
 * argv[0] "export" and returns the exit code.
 */
bool cli_person_handles(const char *noun, int argc, char **argv);
int cli_person_export(struct cli *c, int argc, char **argv);

/* Create the directory that will hold path, when it is var/ or the like. */
void cli_make_parent_dir(const char *path);

/* Print "salescoach: message" for err and return the fitting exit code. */
int cli_fail(const struct sc_error *err);

/* Print "salescoach: out of memory" and return CLI_FAILURE: for memory only. */
int cli_nomem(void);

/*
 * The language of what the command line prints, --help included: --lang
 * (cli_set_lang), else the organisation's as cli_open sets it, else, for a
 * text printed before that (a refused option, --help), the organisation's
 * looked up then in the database of c (cli_lang_from) read only, nothing
 * created or written, once; else English.
 */
enum msg_lang cli_lang(void);
void cli_set_lang(enum msg_lang lang);

/* Where cli_lang looks the organisation's language up: c's --db and --org as they stand then. */
void cli_lang_from(const struct cli *c);

/* The args of a message, as the pair (array, count) that msg_format takes. */
#define CLI_ARGS(...)                                                                              \
	((const struct msg_arg[]){ __VA_ARGS__ }),                                                 \
	        (sizeof((const struct msg_arg[]){ __VA_ARGS__ }) / sizeof(struct msg_arg))

/* Print the text of id in cli_lang(), its placeholders filled from args, and a newline to fp. */
void cli_say(FILE *fp, const char *id, const struct msg_arg *args, size_t nargs);

/* Refuse: "salescoach: " and the text of id in cli_lang() on stderr; returns CLI_USAGE. */
int cli_refuse(const char *id, const struct msg_arg *args, size_t nargs);

/*
 * What people read for field i of def (the heading of its column), and for
 * value of that field (an enum's or a truth value's label): borrowed static
 * text in cli_lang(); value itself when it has no label.
 */
const char *cli_heading(const struct entity_def *def, int i);
const char *cli_label(const struct entity_def *def, int i, const char *value);

/*
 * The word for a kind of record in cli_lang(): form "" ("session"), ".many"
 * ("sessions") or ".a" ("a session"); borrowed static text, def->name when none.
 */
const char *cli_noun(const struct entity_def *def, const char *form);

/* A coaching model's name in lang ("intern" for internal); model itself when it has none. */
const char *cli_model(enum msg_lang lang, const char *model);

/*
 * getopt_long, but a long option must be typed whole: getopt_long would take
 * `--as` after a command for `--assignment`, or `--min` for `--minutes`.
 * An abbreviation is '?' (unknown option), with argv[optind - 1] the
 * option as typed.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* The exit code for a result. */
int cli_exit_code(enum sc_result rc);

/* Handle `salescoach NOUN VERB ...` for an entity; argv[0] is the verb. */
int cli_entity(struct cli *c, const struct entity_def *def, int argc, char **argv);

/* Handle `salescoach alerts ...`; argv[0] is "alerts" (cli_alerts.c). */
int cli_alerts(struct cli *c, int argc, char **argv);

/* Print the verbs of an entity's noun, in the language of --help. */
void cli_entity_help(struct cli *c, const struct entity_def *def);

/* --help (cli_help.c), in cli_lang(). */

/* The help text id (msg/LANG/help.json) in the language of --help. */
const char *cli_help_text(struct cli *c, const char *id);

/* Print the help text id with args on stdout, in the language of --help. */
void cli_help_put(struct cli *c, const char *id, const struct msg_arg *args, size_t n);

/* CLI_HELP_PUT(c, id, { "name", value }, ...): cli_help_put with the args listed. */
#define CLI_HELP_PUT(c, id, ...)                                                                   \
	do {                                                                                       \
		const struct msg_arg args_[] = { __VA_ARGS__ };                                    \
		cli_help_put(c, id, args_, sizeof(args_) / sizeof(args_[0]));                      \
	} while (0)

/*
 * One row of a two-column help: "  name" and text beside it from column
 * col + 3, wrapped at 80 columns under itself; a longer name gets its text
 * on the next line.
 */
void cli_help_row(int col, const char *name, const char *text);

/* Output (cli_output.c). Instants are shown in the domain's time zone. */
void out_table(struct domain *d, const struct record_list *list, FILE *fp);
void out_record(const struct domain *d, const struct record *rec, FILE *fp);
/* JSON of a list or a record; CLI_FAILURE (said on stderr) when it cannot be written. */
int out_json_list(const struct record_list *list, FILE *fp);
int out_json_record(const struct record *rec, FILE *fp);

/* Render field i of rec for people: local time for instants, "" when empty. */
char *out_value(const struct domain *d, const struct record *rec, int i, char *buf, size_t n);

/* Print a simple aligned table: rows x cols cells (row 0 is the header). */
void out_grid(char ***cells, size_t rows, size_t cols, FILE *fp);

/*
 * --format json|csv|xlsx and -o/--output FILE of a list (cli_export.c,
 * docs/export.md).
 */
struct cli_out {
	const char *format; /* --format as typed, or NULL */
	const char *path;   /* -o/--output, or NULL for stdout */
	enum export_format fmt;
	bool table; /* no format asked for: the table for people */
};

/* Text being printed for a file: the whole of it, written once it is complete. */
struct cli_buffer {
	char *text;
	size_t len;
};

/*
 * Decide o->fmt: --format, else --json, else the file name's extension, else
 * the table (o->table). Refused (CLI_USAGE): an unknown format, and XLSX to a
 * terminal (the message suggests -o example), and a path that is the database
 * or one of its files (cli_is_database_file). Sets c->json for JSON.
 */
int cli_out_check(struct cli *c, struct cli_out *o, const char *example);
/* Whether file is the database db or one of its own files (-wal, -shm, -journal, .lock), by
 * device and inode when both exist, else by absolute name: never a file to write into. */
bool cli_is_database_file(const char *db, const char *file);

/* Where a table or JSON is printed: stdout, or a buffer for o->path (b). */
FILE *cli_out_open(const struct cli_out *o, struct cli_buffer *b);

/* After printing into fp (cli_out_open) with result rc: the file written when rc is CLI_OK. */
int cli_out_close(const struct cli_out *o, FILE *fp, struct cli_buffer *b, int rc);

/* Write len bytes to o->path (made or emptied) or stdout; CLI_FAILURE, said, when it fails. */
int cli_out_bytes(const struct cli_out *o, const char *bytes, size_t len);

/*
 * For commands that print as they go (alerts, team activity): stdout sent to
 * o->path (made or emptied) once what is printed has been read, and back
 * after (cli_out_stdout_end, which passes rc on, or a failure to write).
 */
int cli_out_stdout(const struct cli_out *o);
int cli_out_stdout_end(const struct cli_out *o, int rc);

/*
 * --format F, --output FILE or -o FILE at argv[*i] into o, *i moved past the
 * value: CLI_OK; CLI_USAGE (said) when the value is missing; -1 when
 * argv[*i] is none of them. For commands that read their options by hand.
 */
int cli_out_option(struct cli_out *o, int argc, char **argv, int *i, const char *command);

/* The programme report's table (GET /api/reports/programmes) as o->fmt: `overview --format`. */
int cli_programmes_export(struct cli *c, const struct cli_out *o);

/*
 * The records of list (def) or, def NULL, the report rows (a JSON array) as
 * o->fmt (CSV or XLSX) in the organisation's style, to o->path or stdout;
 * sheet names the XLSX worksheet.
 */
int cli_out_export(struct cli *c, const struct cli_out *o, const char *sheet,
                   const struct entity_def *def, const struct record_list *list, json_t *rows);

#endif
