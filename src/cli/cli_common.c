/*
 * cli_common.c - what every command of the command line shares: exit codes,
 * error and usage messages, and opening the database as the organisation and
 * person the global options name.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/org.h"

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int index = -1;
	int ch = getopt_long(argc, argv, shortopts, longopts, &index);

	if (ch == -1 || index < 0)
		return ch;
	/* The option as typed: before its value when the value came as the next argument. */
	bool apart = optarg && optind >= 2 && optarg == argv[optind - 1] &&
	             strncmp(argv[optind - 2], "--", 2) == 0;
	const char *typed = argv[optind - 1 - apart];
	size_t n = strlen(longopts[index].name);
	if (strncmp(typed, "--", 2) == 0 && strncmp(typed + 2, longopts[index].name, n) == 0 &&
	    (typed[2 + n] == '\0' || typed[2 + n] == '='))
		return ch;
	/* An abbreviation: refused, and argv[optind - 1] is what was typed, for the message. */
	optind -= apart;
	return '?';
}

int cli_exit_code(enum sc_result rc)
{
	switch (rc) {
	case SC_OK:
		return CLI_OK;
	case SC_INVALID:
	case SC_NOT_FOUND:
	case SC_CONFLICT:
	case SC_FORBIDDEN:
		return CLI_USAGE;
	default:
		return CLI_FAILURE;
	}
}

int cli_fail(const struct sc_error *err)
{
	fprintf(stderr, "salescoach: %s\n",
	        err->message[0] ? err->message : sc_result_name(err->code));
	return cli_exit_code(err->code);
}

int cli_nomem(void)
{
	fputs("salescoach: out of memory\n", stderr);
	return CLI_FAILURE;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("salescoach: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_USAGE;
}

void cli_make_parent_dir(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path || (size_t)(slash - path) >= sizeof(dir))
		return;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	mkdir(dir, 0755); /* an existing directory is fine; other errors show on open */
}

int cli_durability(enum store_durability *d)
{
	const char *v = getenv("SALESCOACH_DURABILITY");

	*d = STORE_DURABLE_FULL;
	if (!v || !*v || store_durability_parse(v, d))
		return CLI_OK;
	return cli_usage("SALESCOACH_DURABILITY must be full or normal, not '%s' (full: a "
	                 "change is on disk before it is reported done; normal: faster writes "
	                 "that a power loss can undo)",
	                 v);
}

int cli_need_db(const char *path)
{
	if (access(path, F_OK) == 0)
		return CLI_OK;
	return cli_usage("no database at %s; `salescoach --db %s demo` or `salescoach --db %s org "
	                 "add --name NAME` creates one",
	                 path, path, path);
}

/* Open (create when create) the database at c->db_path with the durability of the command. */
static int open_store(struct cli *c, bool create)
{
	struct sc_error err;
	enum store_durability d;
	int rc;

	if (c->store)
		return CLI_OK;
	if ((rc = cli_durability(&d)))
		return rc;
	if (!create && (rc = cli_need_db(c->db_path)))
		return rc;
	if (create)
		cli_make_parent_dir(c->db_path);
	if (store_open_sqlite(c->db_path, &c->store, &err))
		return cli_fail(&err);
	if (d != STORE_DURABLE_FULL && store_set_durability(c->store, d, &err))
		return cli_fail(&err);
	return CLI_OK;
}

int cli_open_store(struct cli *c)
{
	return open_store(c, false);
}

int cli_create_store(struct cli *c)
{
	return open_store(c, true);
}

int cli_open(struct cli *c)
{
	struct sc_error err;
	int rc;

	if ((rc = cli_open_store(c)))
		return rc;
	if (org_resolve(c->store, c->org_slug, &c->org, &err) ||
	    domain_init(&c->dom, c->store, c->org.id, &err))
		return cli_fail(&err);
	if (c->lang_set)
		c->dom.lang = c->lang;
	if (c->as_email && domain_act_as(&c->dom, c->as_email, &err))
		return cli_fail(&err);
	return CLI_OK;
}
