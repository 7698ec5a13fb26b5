/*
 * cli_notify.c - `salescoach notify [--dry-run]`: today's e-mail reminders
 * (exchange/notify.h), for cron or a systemd timer. Run by the system or an
 * administrator (--as). Prints how many e-mails of each kind went (or would
 * go) to whom, never what they say.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cli/cli_notify.h"
#include "exchange/notify.h"

/* What was sent (or would be) of each kind, with its recipients. */
static void report(const struct notify_plan *p, const bool *sent, bool dry)
{
	size_t n = 0, failed = 0, already = 0, unsub = 0;
	char count[24];

	for (size_t i = 0; i < p->n; i++)
		n += sent[i];
	failed = p->n - n;
	snprintf(count, sizeof(count), "%zu", dry ? p->n : n);
	if (!p->n)
		cli_say(stdout, "notify.cli.none", NULL, 0);
	else
		cli_say(stdout, dry ? "notify.cli.would_send" : "notify.cli.sent",
		        CLI_ARGS({ "n", count }));
	for (int k = 0; k < NK_COUNT; k++) {
		size_t of = 0;
		char id[64];
		for (size_t i = 0; i < p->n; i++)
			of += p->items[i].kind == (enum notify_kind)k && (dry || sent[i]);
		already += p->already[k];
		unsub += p->unsubscribed[k];
		if (!of)
			continue;
		snprintf(id, sizeof(id), "notify.kind.%s", notify_kind_name((enum notify_kind)k));
		snprintf(count, sizeof(count), "%zu", of);
		cli_say(stdout, "notify.cli.kind",
		        CLI_ARGS({ "kind", msg_text(cli_lang(), id) }, { "n", count }));
		for (size_t i = 0; i < p->n; i++)
			if (p->items[i].kind == (enum notify_kind)k && (dry || sent[i]))
				cli_say(stdout, "notify.cli.to",
				        CLI_ARGS({ "to", p->items[i].to },
				                 { "lang", msg_lang_code(p->items[i].lang) }));
	}
	char a[24], u[24];
	snprintf(a, sizeof(a), "%zu", already);
	snprintf(u, sizeof(u), "%zu", unsub);
	if (already || unsub)
		cli_say(stdout, "notify.cli.left_out",
		        CLI_ARGS({ "already", a }, { "unsubscribed", u }));
	if (!dry && failed) {
		snprintf(count, sizeof(count), "%zu", failed);
		cli_say(stderr, "notify.cli.failed", CLI_ARGS({ "n", count }));
	}
}

/* Send every e-mail of p, each recorded once it is accepted; a failure is said and skipped. */
static int send_all(struct domain *d, const struct notify_config *cfg, struct notify_plan *p,
                    bool *sent)
{
	int rc = CLI_OK;
	for (size_t i = 0; i < p->n; i++) {
		struct sc_error err;
		sc_error_init(&err);
		if (notify_send(d, cfg, &p->items[i], &err) == SC_OK) {
			sent[i] = true;
		} else {
			fprintf(stderr, "salescoach: %s\n", err.message);
			rc = CLI_FAILURE;
		}
	}
	return rc;
}

/* "yes"/"no" (true/false, on/off) into *on; false for anything else. */
static bool parse_on(const char *v, bool *on)
{
	static const char *const yes[] = { "yes", "true", "on", "ja", "aan" };
	static const char *const no[] = { "no", "false", "off", "nee", "uit" };
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(v, yes[i]))
			return (*on = true);
		if (!strcmp(v, no[i]))
			return !(*on = false);
	}
	return false;
}

static void print_prefs(struct cli *c, const struct notify_prefs *p)
{
	if (c->json) {
		printf("{\"lang\": %s%s%s", *p->lang ? "\"" : "", *p->lang ? p->lang : "null",
		       *p->lang ? "\"" : "");
		for (int k = 0; k < NK_COUNT; k++)
			printf(", \"%s\": %s", notify_kind_name((enum notify_kind)k),
			       p->on[k] ? "true" : "false");
		printf("}\n");
		return;
	}
	char *org = NULL;
	if (!*p->lang)
		org = msg_format(cli_lang(), "notify.cli.prefs.org_lang",
		                 CLI_ARGS({ "lang", msg_lang_code(c->dom.lang) }));
	cli_say(stdout, "notify.cli.prefs.lang", CLI_ARGS({ "lang", *p->lang ? p->lang : org }));
	free(org);
	for (int k = 0; k < NK_COUNT; k++) {
		char id[64];
		snprintf(id, sizeof(id), "notify.kind.%s", notify_kind_name((enum notify_kind)k));
		cli_say(stdout, "notify.cli.prefs.kind",
		        CLI_ARGS({ "kind", msg_text(cli_lang(), id) },
		                 { "state",
		                   msg_text(cli_lang(), p->on[k] ? "notify.cli.prefs.on"
		                                                 : "notify.cli.prefs.off") }));
	}
}

/* `salescoach notify settings --as EMAIL [--email-lang L] [--session yes|no] ...`. */
static int prefs_command(struct cli *c, int argc, char **argv)
{
	struct notify_prefs p;
	struct sc_error err;
	const char *set[NK_COUNT] = { NULL }, *lang = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		enum notify_kind k;
		const char *opt = argv[i];
		if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
			fputs(cli_help_text(c, "help.notify"), stdout);
			return CLI_OK;
		}
		if (!strcmp(opt, "--json")) {
			c->json = true;
			continue;
		}
		if (i + 1 < argc && !strcmp(opt, "--email-lang"))
			lang = argv[++i];
		else if (i + 1 < argc && !strncmp(opt, "--", 2) && notify_kind_parse(opt + 2, &k))
			set[k] = argv[++i];
		else
			return cli_refuse(
			        "cli.cmd.unexpected_usage",
			        CLI_ARGS({ "command", "notify settings" }, { "arg", opt }));
	}
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	if (notify_prefs_get(&c->dom, &p, &err))
		return cli_fail(&err);
	bool change = lang != NULL;
	for (int k = 0; k < NK_COUNT; k++) {
		if (!set[k])
			continue;
		change = true;
		if (!parse_on(set[k], &p.on[k]))
			return cli_refuse(
			        "notify.cli.prefs.bad_on",
			        CLI_ARGS({ "option", notify_kind_name((enum notify_kind)k) },
			                 { "value", set[k] }));
	}
	if (lang && strlen(lang) >= sizeof(p.lang))
		return cli_refuse("notify.prefs.bad_lang", CLI_ARGS({ "lang", lang }));
	if (lang)
		snprintf(p.lang, sizeof(p.lang), "%s", strcmp(lang, "org") ? lang : "");
	if (change && notify_prefs_set(&c->dom, &p, &err))
		return cli_fail(&err);
	print_prefs(c, &p);
	return CLI_OK;
}

int cli_notify(struct cli *c, int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "settings"))
		return prefs_command(c, argc - 1, argv + 1);

	bool dry = false;
	struct notify_config cfg;
	struct notify_plan plan = { 0 };
	struct domain sys;
	struct sc_error err;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run")) {
			dry = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.notify"), stdout);
			return CLI_OK;
		} else {
			return cli_refuse("cli.cmd.unexpected_usage",
			                  CLI_ARGS({ "command", "notify" }, { "arg", argv[i] }));
		}
	}
	if ((rc = cli_open(c)))
		return rc;
	sc_error_init(&err);
	/* The system (no --as) or an administrator: e-mail goes to everyone. */
	if (c->dom.actor.person_id && !(c->dom.actor.roles & ROLE_ADMIN))
		return cli_refuse("notify.cli.admin", NULL, 0);
	if (notify_config_load(c->store, c->org.id, cli_lang(), &cfg, !dry, &err))
		return cli_fail(&err);
	if (*cfg.ignored) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "notify.cli.operator_smtp", CLI_ARGS({ "keys", cfg.ignored }));
	}
	/* Planned as the system: what is read never includes private content (notify.c). */
	if (domain_init(&sys, c->store, c->org.id, &err) ||
	    notify_plan_today(&sys, &cfg, &plan, &err)) {
		memset(&cfg.password, 0, sizeof(cfg.password));
		return cli_fail(&err);
	}
	bool *sent = calloc(plan.n + 1, sizeof(*sent));
	if (!sent) {
		notify_plan_release(&plan);
		return cli_nomem();
	}
	rc = dry ? CLI_OK : send_all(&sys, &cfg, &plan, sent);
	report(&plan, sent, dry);
	free(sent);
	notify_plan_release(&plan);
	memset(&cfg.password, 0, sizeof(cfg.password));
	return rc;
}
