/*
 * cli_harness.h - running the real program (SALESCOACH_BIN) from a cmocka
 * test, for the tests of the command line.
 *
 * A run gets the tests' environment minus SALESCOACH_DB (so only --db or an
 * explicit NAME=value chooses the database), stdin from given text or
 * /dev/null, and stdout and stderr captured through files in a directory of
 * the test's own. What the run did - exit code, stdout, stderr - stays in a
 * struct harness_run until the next run, for the expectations below. Every
 * function but harness_run_init fails the current test (fail_msg) when it
 * cannot do its job, so callers check nothing.
 *
 * Include after cmocka.h's prerequisites (setjmp.h, stdarg.h, stddef.h,
 * stdint.h) and cmocka.h itself, like every test program does.
 */
#ifndef SALESCOACH_CLI_HARNESS_H
#define SALESCOACH_CLI_HARNESS_H

#include <stdarg.h>
#include <stddef.h>

#include <jansson.h>

/* Arguments a run passes at the most, after the program name and --db DB; the rest are dropped. */
#define HARNESS_MAX_ARGS 64

/* One test's way of running the program, and what the last run did. */
struct harness_run {
	const char *dir; /* where the files of a run go; borrowed, from harness_run_init */
	int status;      /* exit code of the last run, -1 when it did not exit */
	char *out, *err; /* its stdout and stderr, owned; NULL before the first run */
};

/*
 * Set r up to run the program in a fresh directory "NAME-XXXXXX" in $TMPDIR
 * (or /tmp), whose path goes into dir, of size bytes; r borrows dir until
 * harness_run_release. Returns 0, or -1 with errno set: for setup functions,
 * which report failure rather than fail the test.
 */
int harness_run_init(struct harness_run *r, char *dir, size_t size, const char *name);

/*
 * Free what the last run printed and remove r's directory with the files in
 * it (not subdirectories); quiet about what is gone already. r must be
 * initialised again before it runs again.
 */
void harness_run_release(struct harness_run *r);

/*
 * Run `SALESCOACH_BIN [--db DB] argv...`: db NULL passes no --db; argv is
 * NULL-terminated, without the program name; env NULL or NULL-terminated
 * "NAME=value" strings added to the environment, in place of the tests'
 * own value of NAME; input the text on stdin (NULL: /dev/null), written to
 * r->dir/stdin. Replaces r->out and r->err (the old ones are freed) and sets
 * r->status, which it returns. Fails the test when SALESCOACH_BIN is not set
 * or the program cannot be started.
 */
int harness_run_argv(struct harness_run *r, const char *db, char *const *env, const char *input,
                     char *const *argv);

/* harness_run_argv with the arguments (char *) of ap up to its NULL, and no env. */
int harness_run_va(struct harness_run *r, const char *db, const char *input, va_list ap);

/* harness_run_argv with the arguments (char *) after input, up to a NULL, and no env. */
int harness_run(struct harness_run *r, const char *db, const char *input, ...);

/*
 * Append the arguments (char *) of ap, up to its NULL, to argv, which holds
 * n already and has room for HARNESS_MAX_ARGS + 1; keeps at most
 * HARNESS_MAX_ARGS and NULL-terminates. Returns the new count. The caller
 * still calls va_end.
 */
size_t harness_args_va(char **argv, size_t n, va_list ap);

/* The whole content of the file at path; "" when there is none. Owned by the caller. */
char *harness_slurp(const char *path);

/* Create or truncate the file at path and write text into it. */
void harness_write_file(const char *path, const char *text);

/* The last run exited 0; otherwise fail, naming what and quoting its stderr. */
/*
 * The id of the record an add printed: "added session 12", in Dutch "sessie 12
 * toegevoegd" (the first number of the first line); 0 when out says neither.
 */
long long harness_added_id(const char *out);

void harness_expect_ok(const struct harness_run *r, const char *what);
/* The last run succeeded and its stdout holds text. */
void harness_expect_out(const struct harness_run *r, const char *text);

/*
 * The last run was refused as invalid input: exit code 2 and a message on
 * stderr that starts with "salescoach: " and, unless mentions is NULL,
 * contains mentions. Otherwise fail, naming what.
 */
void harness_expect_usage_error(const struct harness_run *r, const char *what,
                                const char *mentions);

/* harness_expect_usage_error, and also nothing printed on stdout. */
void harness_expect_refused(const struct harness_run *r, const char *what, const char *mentions);

/*
 * The stdout of the last run, which must have succeeded (harness_expect_ok),
 * parsed as JSON; fails naming what when it is not JSON. Returns a new
 * reference.
 */
json_t *harness_json(const struct harness_run *r, const char *what);

/*
 * The column where the word after the first column starts on a line of a
 * table (columns are two spaces apart at least), or -1.
 */
int harness_second_column(const char *line);

#endif
