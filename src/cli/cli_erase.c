/*
 * cli_erase.c - `salescoach person erase ID --reason TEXT [--yes|--dry-run]`
 * and `salescoach retain [--dry-run]` (domain/erasure.h, docs/erasure.md).
 * Both print counts and dates, never what was deleted.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "domain/erasure.h"

#define N(v) SC_I64(v)

/*
 * The exit code when the deletion is committed but the file could not be
 * scrubbed (another connection held a read open): running the same command
 * again finishes it. Documented in the help texts and docs/erasure.md.
 */
#define EXIT_NOT_SCRUBBED 3

/* The lines that say what an erasure does (or would do, dry). */
static void erase_counts(const struct erasure_report *r)
{
	const struct erasure_content *c = &r->content;

	cli_say(stdout, "erase.cli.content",
	        CLI_ARGS({ "relationships", N(r->relationships) }, { "sessions", N(c->sessions) },
	                 { "observations", N(c->observations) }, { "actions", N(c->actions) },
	                 { "plans", N(c->plans) }, { "self_assessments", N(c->self_assessments) },
	                 { "shares", N(c->shares) }));
	cli_say(stdout, "erase.cli.accounts",
	        CLI_ARGS({ "accounts", N(r->accounts) }, { "logins", N(r->logins) },
	                 { "tokens", N(r->tokens) }, { "setups", N(r->setups) }));
	cli_say(stdout, "erase.cli.own",
	        CLI_ARGS({ "calendar_feeds", N(r->calendar_feeds) }, { "notices", N(r->notices) },
	                 { "notify_prefs", N(r->notify_prefs) },
	                 { "security_events", N(r->security_events) },
	                 { "ballots", N(r->ballots) }));
	cli_say(stdout, "erase.cli.logs", CLI_ARGS({ "log_rows", N(r->log_rows) }));
}

/* Asked on a terminal: true when the administrator types the word for yes. */
static bool confirmed(int64_t id, const char *name)
{
	char line[64];
	const char *yes = msg_text(cli_lang(), "erase.cli.yes_word");

	char *q = msg_format(cli_lang(), "erase.cli.ask",
	                     CLI_ARGS({ "id", N(id) }, { "name", name }, { "yes", yes }));
	fputs(q ? q : "", stdout);
	free(q);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return !strcmp(line, yes);
}

struct erase_opts {
	int64_t id;
	const char *reason;
	bool yes, dry;
};

static int erase_args(struct cli *c, int argc, char **argv, struct erase_opts *o)
{
	const char *id = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.erase"), stdout);
			return -1;
		} else if (!strcmp(argv[i], "--yes")) {
			o->yes = true;
		} else if (!strcmp(argv[i], "--dry-run")) {
			o->dry = true;
		} else if (!strcmp(argv[i], "--reason")) {
			if (++i >= argc)
				return cli_refuse("cli.needs_value",
				                  CLI_ARGS({ "option", "--reason" }));
			o->reason = argv[i];
		} else if (!strncmp(argv[i], "--reason=", 9)) {
			o->reason = argv[i] + 9;
		} else if (!id && argv[i][0] != '-') {
			id = argv[i];
		} else {
			return cli_refuse(
			        "cli.cmd.unexpected_usage",
			        CLI_ARGS({ "command", "person erase" }, { "arg", argv[i] }));
		}
	}
	char *end = NULL;
	long long v = id ? strtoll(id, &end, 10) : 0;
	if (!id || !*id || *end || v <= 0)
		return cli_refuse("erase.cli.need_id", NULL, 0);
	o->id = v;
	if (!o->reason || !*o->reason ||
	    text_check(o->reason, strlen(o->reason), false, NULL) != TEXT_FINE ||
	    strlen(o->reason) > 1000)
		return cli_refuse("erase.cli.need_reason", NULL, 0);
	return CLI_OK;
}

int cli_person_erase(struct cli *c, int argc, char **argv)
{
	struct erase_opts o = { 0 };
	struct erasure_report r;
	struct sc_error err;
	struct record *p = NULL;
	char name[160] = "";
	int rc = erase_args(c, argc, argv, &o);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	/* What would go, first: said before anything is asked or done. */
	if (erasure_person(&c->dom, o.id, o.reason, true, &r, &err))
		return cli_fail(&err);
	if (r.already && o.dry) {
		cli_say(stdout, "erase.cli.already_dry", CLI_ARGS({ "id", N(o.id) }));
		return CLI_OK;
	}
	if (r.already) {
		/* Nothing left to delete; a scrub an earlier run could not finish is done now. */
		if (erasure_person(&c->dom, o.id, o.reason, false, &r, &err))
			return cli_fail(&err);
		if (!r.scrubbed) {
			cli_say(stderr, "erase.cli.not_scrubbed", CLI_ARGS({ "id", N(o.id) }));
			return EXIT_NOT_SCRUBBED;
		}
		cli_say(stdout, "erase.cli.already", CLI_ARGS({ "id", N(o.id) }));
		return CLI_OK;
	}
	if (store_get(c->store, c->org.id, entity_get(E_PERSON), o.id, &p, &err) == SC_OK)
		snprintf(name, sizeof(name), "%s", record_text(p, "name"));
	record_free(&p);
	if (o.dry || !o.yes) {
		cli_say(stdout, "erase.cli.would", CLI_ARGS({ "id", N(o.id) }, { "name", name }));
		erase_counts(&r);
	}
	if (o.dry)
		return CLI_OK;
	if (!o.yes && !isatty(STDIN_FILENO))
		return cli_refuse("erase.cli.need_yes", CLI_ARGS({ "id", N(o.id) }));
	if (!o.yes && !confirmed(o.id, name)) {
		cli_say(stdout, "erase.cli.cancelled", NULL, 0);
		return CLI_FAILURE;
	}
	if (erasure_person(&c->dom, o.id, o.reason, false, &r, &err))
		return cli_fail(&err);
	cli_say(stdout, "erase.cli.done", CLI_ARGS({ "id", N(o.id) }));
	erase_counts(&r);
	if (!r.scrubbed) {
		cli_say(stderr, "erase.cli.not_scrubbed", CLI_ARGS({ "id", N(o.id) }));
		return EXIT_NOT_SCRUBBED;
	}
	return CLI_OK;
}

int cli_retain(struct cli *c, int argc, char **argv)
{
	struct retention_report r;
	struct sc_error err;
	bool dry = false;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run")) {
			dry = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.retain"), stdout);
			return CLI_OK;
		} else {
			return cli_refuse("cli.cmd.unexpected_usage",
			                  CLI_ARGS({ "command", "retain" }, { "arg", argv[i] }));
		}
	}
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (erasure_retain(&c->dom, dry, &r, &err))
		return cli_fail(&err);
	if (r.held) {
		cli_say(stdout, "retain.cli.held", NULL, 0);
		return CLI_OK;
	}
	const char *months = N(r.months);
	if (!r.n)
		cli_say(stdout, "retain.cli.none",
		        CLI_ARGS({ "cutoff", r.cutoff }, { "months", months }));
	else
		cli_say(stdout, dry ? "retain.cli.would" : "retain.cli.done",
		        CLI_ARGS({ "cutoff", r.cutoff }, { "months", months }, { "n", N(r.n) }));
	for (size_t i = 0; i < r.n; i++) {
		const struct retention_row *w = &r.rows[i];
		const struct erasure_content *k = &w->content;
		cli_say(stdout, "retain.cli.row",
		        CLI_ARGS({ "assignment", N(w->assignment) },
		                 { "coach", N(w->coach_person) }, { "coachee", N(w->coachee) },
		                 { "ended", w->ended_on }, { "sessions", N(k->sessions) },
		                 { "observations", N(k->observations) },
		                 { "actions", N(k->actions) }, { "plans", N(k->plans) },
		                 { "self_assessments", N(k->self_assessments) },
		                 { "shares", N(k->shares) }));
	}
	erasure_retention_release(&r);
	if (!dry && !r.scrubbed) {
		cli_say(stderr, "retain.cli.not_scrubbed", NULL, 0);
		return EXIT_NOT_SCRUBBED;
	}
	return CLI_OK;
}
