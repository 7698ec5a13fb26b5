/*
 * cli_harness.c - running the real program from the command-line tests;
 * see cli_harness.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "cli_harness.h"

extern char **environ;

/* The tests' own environment holds a few dozen variables; env adds a handful. */
#define MAX_ENV 512

/* Free what the last run printed and null it, before the next run. */
static void free_output(struct harness_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* r->dir/name into path, which has room for size bytes. */
static void file_in(const struct harness_run *r, const char *name, char *path, size_t size)
{
	if (!r->dir || !*r->dir)
		fail_msg("the test did not call harness_run_init");
	if ((size_t)snprintf(path, size, "%s/%s", r->dir, name) >= size)
		fail_msg("the directory %s is too long a name", r->dir);
}

int harness_run_init(struct harness_run *r, char *dir, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	r->dir = NULL;
	r->status = 0;
	r->out = r->err = NULL;
	if ((size_t)snprintf(dir, size, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name) >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (!mkdtemp(dir))
		return -1;
	r->dir = dir;
	return 0;
}

void harness_run_release(struct harness_run *r)
{
	DIR *d = r->dir ? opendir(r->dir) : NULL;
	struct dirent *ent;
	char path[1100];

	free_output(r);
	while (d && (ent = readdir(d)))
		if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", r->dir, ent->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	if (r->dir)
		rmdir(r->dir);
	r->dir = NULL;
}

/* Whether env (NULL or NULL-terminated "NAME=value") sets the variable of var, "NAME=...". */
static bool overridden(const char *var, char *const *env)
{
	size_t len = strcspn(var, "=");

	for (size_t i = 0; env && env[i]; i++)
		if (!strncmp(env[i], var, len) && env[i][len] == '=')
			return true;
	return false;
}

int harness_run_argv(struct harness_run *r, const char *db, char *const *env, const char *input,
                     char *const *argv)
{
	const char *bin = getenv("SALESCOACH_BIN");
	char *args[HARNESS_MAX_ARGS + 4], *envp[MAX_ENV], in[1024], out[1024], err[1024];
	posix_spawn_file_actions_t fa;
	size_t n = 0, e = 0;
	pid_t pid;
	int ws, rc;

	if (!bin || !*bin)
		fail_msg("SALESCOACH_BIN is not set; run the tests with `meson test`");
	free_output(r);
	args[n++] = (char *)bin;
	if (db) {
		args[n++] = (char *)"--db";
		args[n++] = (char *)db;
	}
	for (size_t i = 0; argv[i] && i < HARNESS_MAX_ARGS; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	for (char **p = environ; *p && e < MAX_ENV - 12; p++)
		if (strncmp(*p, "SALESCOACH_DB=", 14) != 0 && !overridden(*p, env))
			envp[e++] = *p;
	for (size_t i = 0; env && env[i] && e < MAX_ENV - 2; i++)
		envp[e++] = env[i];
	envp[e] = NULL;

	file_in(r, "stdin", in, sizeof(in));
	file_in(r, "stdout", out, sizeof(out));
	file_in(r, "stderr", err, sizeof(err));
	if (input)
		harness_write_file(in, input);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, input ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = posix_spawn(&pid, bin, &fa, NULL, args, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		fail_msg("cannot run %s: %s", bin, strerror(rc));
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			fail_msg("waitpid: %s", strerror(errno));
	r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	r->out = harness_slurp(out);
	r->err = harness_slurp(err);
	return r->status;
}

int harness_run_va(struct harness_run *r, const char *db, const char *input, va_list ap)
{
	char *argv[HARNESS_MAX_ARGS + 1];

	harness_args_va(argv, 0, ap);
	return harness_run_argv(r, db, NULL, input, argv);
}

int harness_run(struct harness_run *r, const char *db, const char *input, ...)
{
	va_list ap;
	int status;

	va_start(ap, input);
	status = harness_run_va(r, db, input, ap);
	va_end(ap);
	return status;
}

size_t harness_args_va(char **argv, size_t n, va_list ap)
{
	char *a;

	while (n < HARNESS_MAX_ARGS && (a = va_arg(ap, char *)))
		argv[n++] = a;
	argv[n] = NULL;
	return n;
}

char *harness_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, n;
	FILE *m = open_memstream(&buf, &size);
	char chunk[4096];

	assert_non_null(m);
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	if (f)
		fclose(f);
	fclose(m);
	return buf;
}

void harness_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

void harness_expect_ok(const struct harness_run *r, const char *what)
{
	if (r->status != 0)
		fail_msg("%s: exit %d, stderr: %s", what, r->status, r->err);
}

void harness_expect_out(const struct harness_run *r, const char *text)
{
	harness_expect_ok(r, text);
	if (!strstr(r->out, text))
		fail_msg("stdout does not hold '%s':\n%s", text, r->out);
}

void harness_expect_usage_error(const struct harness_run *r, const char *what, const char *mentions)
{
	if (r->status != 2)
		fail_msg("%s: exit %d, expected 2; stdout: %s stderr: %s", what, r->status, r->out,
		         r->err);
	if (strncmp(r->err, "salescoach: ", 12) != 0)
		fail_msg("%s: stderr does not start with 'salescoach: ': %s", what, r->err);
	if (mentions && !strstr(r->err, mentions))
		fail_msg("%s: the message does not mention '%s': %s", what, mentions, r->err);
}

void harness_expect_refused(const struct harness_run *r, const char *what, const char *mentions)
{
	harness_expect_usage_error(r, what, mentions);
	if (*r->out)
		fail_msg("%s: refused, but printed on stdout: %s", what, r->out);
}

json_t *harness_json(const struct harness_run *r, const char *what)
{
	json_error_t jerr;
	json_t *j;

	harness_expect_ok(r, what);
	if (!(j = json_loads(r->out, 0, &jerr)))
		fail_msg("%s: stdout is not JSON (%s): %s", what, jerr.text, r->out);
	return j;
}

long long harness_added_id(const char *out)
{
	const char *digits = strpbrk(out, "0123456789");
	const char *eol = strchr(out, '\n');

	if (strncmp(out, "added ", 6) != 0 && !strstr(out, " toegevoegd"))
		return 0;
	if (!digits || (eol && digits > eol))
		return 0;
	return strtoll(digits, NULL, 10);
}

int harness_second_column(const char *line)
{
	const char *p = line;
	while (*p == ' ')
		p++;
	while (*p && *p != ' ')
		p++;
	if (p[0] != ' ' || p[1] != ' ')
		return -1;
	while (*p == ' ')
		p++;
	return *p && *p != '\n' ? (int)(p - line) : -1;
}
