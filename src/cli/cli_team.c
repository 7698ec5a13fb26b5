/*
 * cli_team.c - `salescoach team activity`: a manager's people and the
 * activity of their coaching (dates, kinds, counts, hours), as team.h
 * computes it for the API's GET /api/me/team. `team` is also a noun of the
 * records: cli.c sends `team activity` here and every other verb on.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "plan/team.h"

bool cli_team_handles(const char *noun, int argc, char **argv)
{
	return !strcmp(noun, "team") && argc >= 1 && !strcmp(argv[0], "activity");
}

/* The local date of a session's instant (or the instant itself, should it not convert). */
static void local_day(const struct cli *c, json_t *s, char out[TU_DISPLAY_LEN])
{
	const char *at = json_string_value(json_object_get(s, "at"));
	if (tu_format_local(at, c->dom.tz, out))
		out[10] = '\0';
	else
		snprintf(out, TU_DISPLAY_LEN, "%s", at ? at : "");
}

/* "  last session: 2026-11-25 (one-on-one)", or the line without a session. */
static void session_line(const struct cli *c, json_t *s, const char *id, const char *none)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	char day[TU_DISPLAY_LEN];

	if (!json_is_object(s)) {
		cli_say(stdout, none, NULL, 0);
		return;
	}
	local_day(c, s, day);
	cli_say(stdout, id,
	        CLI_ARGS({ "date", day },
	                 { "kind", cli_label(sdef, entity_field(sdef, "kind"),
	                                     json_string_value(json_object_get(s, "kind"))) }));
}

/* The names of arr's items joined with ", " into out; unseen ones (null) as a phrase. */
static void names(json_t *arr, char *out, size_t size)
{
	size_t i, o = 0;
	json_t *item;

	out[0] = '\0';
	json_array_foreach(arr, i, item)
	{
		const char *name = json_string_value(json_object_get(item, "name"));
		if (!name)
			name = msg_text(cli_lang(), "team.coach_unseen");
		o += (size_t)snprintf(out + o, o < size ? size - o : 0, "%s%s", i ? ", " : "",
		                      name);
		if (o >= size)
			return;
	}
}

static void person_text(const struct cli *c, json_t *p, const char *from)
{
	const char *title = json_string_value(json_object_get(p, "title"));
	const char *name = json_string_value(json_object_get(p, "name"));
	char list[1024], hours[32], count[24];

	cli_say(stdout, title ? "team.person_title" : "team.person",
	        CLI_ARGS({ "name", name }, { "title", title ? title : "" }));
	if (json_is_true(json_object_get(p, "coached"))) {
		names(json_object_get(p, "coaches"), list, sizeof(list));
		cli_say(stdout, "team.coaches", CLI_ARGS({ "names", list }));
	} else {
		cli_say(stdout, "team.not_coached", NULL, 0);
	}
	session_line(c, json_object_get(p, "last_session"), "team.last", "team.never");
	session_line(c, json_object_get(p, "next_session"), "team.next", "team.none_planned");
	snprintf(count, sizeof(count), "%lld",
	         (long long)json_integer_value(json_object_get(p, "sessions_held")));
	/* Tenths of an hour, halves up, as the web interface shows them. */
	json_int_t tenths = (json_integer_value(json_object_get(p, "minutes_held")) * 10 + 30) / 60;
	msg_number(cli_lang(), (double)tenths / 10.0, 1, hours, sizeof(hours));
	cli_say(stdout, "team.held",
	        CLI_ARGS({ "from", from }, { "sessions", count }, { "hours", hours }));
}

static void team_text(const struct cli *c, json_t *t)
{
	json_t *mgr = json_object_get(t, "manager"), *win = json_object_get(t, "window");
	json_t *people = json_object_get(t, "people");
	const char *mname = json_string_value(json_object_get(mgr, "name"));
	char list[1024], days[16];
	size_t i;
	json_t *p;

	cli_say(stdout, "team.title",
	        CLI_ARGS({ "name", mname },
	                 { "today", json_string_value(json_object_get(t, "today")) }));
	names(json_object_get(t, "teams"), list, sizeof(list));
	if (*list)
		cli_say(stdout, "team.teams", CLI_ARGS({ "names", list }));
	else
		cli_say(stdout, "team.no_teams", NULL, 0);
	snprintf(days, sizeof(days), "%lld",
	         (long long)json_integer_value(json_object_get(win, "days")));
	cli_say(stdout, "team.window",
	        CLI_ARGS({ "from", json_string_value(json_object_get(win, "from")) },
	                 { "to", json_string_value(json_object_get(win, "to")) },
	                 { "days", days }));
	putchar('\n');
	if (json_array_size(people) == 0)
		cli_say(stdout, "team.empty", CLI_ARGS({ "name", mname }));
	json_array_foreach(people, i, p)
	        person_text(c, p, json_string_value(json_object_get(win, "from")));
}

/* Options after `team activity`: --manager PERSON_ID, --json, --help. */
static int parse(struct cli *c, int argc, char **argv, int64_t *manager, bool *help,
                 struct cli_out *out)
{
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if ((rc = cli_out_option(out, argc, argv, &i, "team activity")) != -1) {
			if (rc)
				return rc;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			*help = true;
		} else if (!strcmp(argv[i], "--manager")) {
			if (i + 1 >= argc)
				return cli_refuse("cli.cmd.needs_value",
				                  CLI_ARGS({ "option", "--manager" },
				                           { "command", "team activity" }));
			if (!text_whole(argv[++i], 1, INT64_MAX, manager))
				return cli_refuse(
				        "cli.cmd.bad_id",
				        CLI_ARGS({ "option", "manager" }, { "text", argv[i] }));
		} else if (!strncmp(argv[i], "--", 2)) {
			return cli_refuse(
			        "cli.cmd.unknown_option",
			        CLI_ARGS({ "option", argv[i] }, { "command", "team activity" }));
		} else {
			return cli_refuse(
			        "cli.cmd.unexpected",
			        CLI_ARGS({ "arg", argv[i] }, { "command", "team activity" }));
		}
	}
	return CLI_OK;
}

int cli_team_activity(struct cli *c, int argc, char **argv)
{
	struct sc_error err;
	int64_t manager = 0;
	bool help = false;
	json_t *out = NULL;
	struct cli_out to = { 0 };
	int rc;

	if ((rc = parse(c, argc, argv, &manager, &help, &to)))
		return rc;
	if (help) {
		fputs(cli_help_text(c, "help.team.activity"), stdout);
		fputs(cli_help_text(c, "export.help"), stdout);
		return CLI_OK;
	}
	if ((rc = cli_out_check(c, &to, "team.xlsx")) || (rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (team_activity(&c->dom, manager, &out, &err))
		return cli_fail(&err);
	if (to.fmt == EXPORT_CSV || to.fmt == EXPORT_XLSX) {
		rc = cli_out_export(c, &to, "team", NULL, NULL, json_object_get(out, "people"));
	} else if ((rc = cli_out_stdout(&to)) == CLI_OK) {
		if (c->json) {
			json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			putchar('\n');
		} else {
			team_text(c, out);
		}
		rc = cli_out_stdout_end(&to, CLI_OK);
	}
	json_decref(out);
	return rc;
}
