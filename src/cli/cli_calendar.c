/*
 * cli_calendar.c - `salescoach calendar`: a person's calendar feed (--as),
 * as GET/POST/DELETE /api/me/calendar have it, and one session as an
 * invitation (GET /api/sessions/{id}/ics):
 *   calendar show               whether there is a feed, since when
 *   calendar rotate [--url URL] make or replace it; the address, shown once
 *   calendar stop               stop it
 *   calendar ics ID [-o FILE]   one session of yours as a .ics file
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "domain/account.h"
#include "exchange/calendar.h"

static int help(struct cli *c)
{
	fputs(cli_help_text(c, "help.calendar"), stdout);
	return CLI_OK;
}

/* Open the database and require --as: a feed is a person's. */
static int open_as(struct cli *c)
{
	int rc;
	if (!c->as_email)
		return cli_refuse("calendar.cli.needs_as", NULL, 0);
	if ((rc = cli_open(c)))
		return rc;
	return CLI_OK;
}

static int show(struct cli *c)
{
	char created[TU_INSTANT_LEN], local[TU_DISPLAY_LEN];
	struct sc_error err;
	bool exists;

	if (calendar_feed_info(&c->dom, &exists, created, &err))
		return cli_fail(&err);
	if (c->json) {
		json_t *o = json_pack("{s:b,s:o}", "active", exists, "created_at",
		                      exists ? json_string(created) : json_null());
		int rc = o && json_dumpf(o, stdout, JSON_INDENT(2)) == 0 ? CLI_OK : cli_nomem();
		json_decref(o);
		putchar('\n');
		return rc;
	}
	if (!exists) {
		cli_say(stdout, "calendar.cli.none", NULL, 0);
		return CLI_OK;
	}
	if (!tu_format_local(created, c->dom.tz, local))
		snprintf(local, sizeof(local), "%s", created);
	cli_say(stdout, "calendar.cli.active", CLI_ARGS({ "since", local }));
	return CLI_OK;
}

/* A base address the feed's path is put after: http(s)://host[:port], no path. */
static bool base_ok(const char *url)
{
	size_t n = strlen(url);
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return false;
	return n < 256 && !strpbrk(url + 8, "/?# \"<>\\") && url[n - 1] != ':';
}

static int rotate(struct cli *c, const char *base)
{
	char secret[CALENDAR_SECRET_LEN], created[TU_INSTANT_LEN], path[160];
	struct sc_error err;
	int rc = CLI_OK;

	if (account_global_init(&err) || calendar_feed_rotate(&c->dom, secret, created, &err))
		return cli_fail(&err);
	snprintf(path, sizeof(path), "%s%s%s", CALENDAR_PATH, secret, CALENDAR_SUFFIX);
	if (c->json) {
		json_t *o = json_pack("{s:b,s:s,s:s,s:s}", "active", true, "created_at", created,
		                      "path", path, "secret", secret);
		if (o && base)
			json_object_set_new(o, "url", json_sprintf("%s%s", base, path));
		rc = o && json_dumpf(o, stdout, JSON_INDENT(2)) == 0 ? CLI_OK : cli_nomem();
		json_decref(o);
		putchar('\n');
	} else {
		cli_say(stdout, "calendar.cli.made", NULL, 0);
		printf("\n  %s%s\n\n", base ? base : "", path);
		cli_say(stdout, base ? "calendar.cli.once" : "calendar.cli.once_base", NULL, 0);
	}
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(path, sizeof(path));
	return rc;
}

static int stop(struct cli *c)
{
	struct sc_error err;

	if (calendar_feed_stop(&c->dom, &err))
		return cli_fail(&err);
	cli_say(stdout, "calendar.cli.stopped", NULL, 0);
	return CLI_OK;
}

static int ics(struct cli *c, const char *arg, const char *file)
{
	struct sc_error err;
	char *text = NULL;
	size_t len = 0;
	int64_t id;

	if (!text_whole(arg, 1, INT64_MAX, &id)) /* decimal digits, above 0 */
		return cli_refuse("calendar.cli.bad_id", CLI_ARGS({ "id", arg }));
	if (file && cli_is_database_file(c->db_path, file))
		return cli_refuse("personal.cli.database",
		                  CLI_ARGS({ "file", file }, { "db", cli_db_shown(c->db_path) }));
	if (calendar_session_ics(&c->dom, id, &text, &len, &err))
		return cli_fail(&err);
	FILE *fp = file ? fopen(file, "wb") : stdout;
	bool ok = fp && fwrite(text, 1, len, fp) == len;
	if (fp && fp != stdout)
		ok = fclose(fp) == 0 && ok;
	free(text);
	if (!ok) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "calendar.cli.write", CLI_ARGS({ "file", file ? file : "-" }));
		return CLI_FAILURE;
	}
	if (file)
		cli_say(stdout, "calendar.cli.written", CLI_ARGS({ "file", file }, { "id", arg }));
	return CLI_OK;
}

int cli_calendar(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "url", required_argument, NULL, 'u' },
		                              { "output", required_argument, NULL, 'o' },
		                              { "json", no_argument, NULL, 'j' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	const char *base = NULL, *file = NULL, *verb;
	int ch, rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help(c);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	verb = argv[1];
	if (strcmp(verb, "show") && strcmp(verb, "rotate") && strcmp(verb, "stop") &&
	    strcmp(verb, "ics"))
		return cli_refuse("calendar.cli.unknown_verb", CLI_ARGS({ "verb", verb }));
	/* The session's id stands right after ics: `calendar ics 42 -o sessie.ics`. */
	bool is_ics = !strcmp(verb, "ics"), is_rotate = !strcmp(verb, "rotate");
	const char *id = is_ics && argc > 2 && argv[2][0] != '-' ? argv[2] : NULL;
	optind = id ? 3 : 2;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		switch (ch) {
		case 'u':
			base = optarg;
			break;
		case 'o':
			file = optarg;
			break;
		case 'j':
			c->json = true;
			break;
		case 'h':
			return help(c);
		case ':':
			return cli_refuse("cli.cmd.needs_value_in",
			                  CLI_ARGS({ "command", "calendar" },
			                           { "option", argv[optind - 1] }));
		default:
			return cli_refuse(
			        "calendar.cli.unknown_option",
			        CLI_ARGS({ "verb", verb }, { "option", argv[optind - 1] }));
		}
	}
	if ((base && !is_rotate) || (file && !is_ics))
		return cli_refuse("calendar.cli.unknown_option",
		                  CLI_ARGS({ "verb", verb }, { "option", base ? "--url" : "-o" }));
	if (base && !base_ok(base))
		return cli_refuse("calendar.cli.bad_url", CLI_ARGS({ "url", base }));
	if (is_ics && (!id || optind < argc))
		return cli_refuse("calendar.cli.ics_id", NULL, 0);
	if (optind < argc)
		return cli_refuse("cli.unexpected_in",
		                  CLI_ARGS({ "command", "calendar" }, { "arg", argv[optind] }));
	if ((rc = open_as(c)))
		return rc;
	if (is_ics)
		return ics(c, id, file);
	if (is_rotate)
		return rotate(c, base);
	return !strcmp(verb, "stop") ? stop(c) : show(c);
}
