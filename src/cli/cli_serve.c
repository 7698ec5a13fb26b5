/*
 * cli_serve.c - `salescoach serve`: the HTTP API on a database, and
 * `salescoach account`: accounts from the command line (the first
 * administrator's among them).
 */
#include "cli/cli_serve.h"

#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/account.h"
#include "domain/settings.h"
#include "api/api.h"
#include "web/web.h"
#include "http/http.h"
#include "base/text.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"

static void serve_help(struct cli *c)
{
	char stores[24], proxies[24];

	snprintf(stores, sizeof(stores), "%d", API_MAX_STORES);
	snprintf(proxies, sizeof(proxies), "%d", HTTP_MAX_PROXIES);
	CLI_HELP_PUT(c, "help.serve", { "default_listen", DEFAULT_LISTEN },
	             { "max_threads", stores }, { "max_proxies", proxies });
}

/* What `serve` was asked for. */
struct serve_opts {
	const char *listen;
	long threads;
	const char *proxies[HTTP_MAX_PROXIES];
	size_t nproxies;
	enum store_durability durability;
};

/* Refuse an option's value: message id, with the largest value allowed. */
static int refuse_max(const char *id, int max)
{
	char m[16];

	snprintf(m, sizeof(m), "%d", max);
	return cli_refuse(id, CLI_ARGS({ "max", m }));
}

/* Read serve's options into o. Returns -1 to go on, else the exit code (help, usage errors). */
static int serve_options(struct cli *c, int argc, char **argv, struct serve_opts *o)
{
	static const struct option opts[] = { { "listen", required_argument, NULL, 'l' },
		                              { "threads", required_argument, NULL, 't' },
		                              { "trusted-proxy", required_argument, NULL, 'p' },
		                              { "durability", required_argument, NULL, 'd' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	const char *durability = NULL;
	int ch;

	o->listen = DEFAULT_LISTEN;
	o->nproxies = 0;
	o->threads = sysconf(_SC_NPROCESSORS_ONLN);
	if (o->threads < 2)
		o->threads = 2;
	/*
	 * On PostgreSQL a worker spends much of a request waiting for the
	 * database's answers: four per processor keep the processors busy (the
	 * typical read of docs/benchmarks.md, 1.5 times the throughput of one
	 * per processor). Each is a connection of the database's max_connections.
	 */
	if (store_target_is_postgres(c->db_path))
		o->threads *= 4;
	if (o->threads > API_MAX_STORES)
		o->threads = API_MAX_STORES;
	optind = 1;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (ch) {
		case 'l':
			o->listen = optarg;
			break;
		case 't': {
			int64_t v = 0;
			if (!text_whole(optarg, 1, API_MAX_STORES, &v))
				return refuse_max("cli.serve.threads", API_MAX_STORES);
			o->threads = (long)v;
			break;
		}
		case 'p':
			if (!http_address_valid(optarg))
				return cli_refuse("cli.serve.proxy", CLI_ARGS({ "text", optarg }));
			if (o->nproxies == HTTP_MAX_PROXIES)
				return refuse_max("cli.serve.proxies", HTTP_MAX_PROXIES);
			o->proxies[o->nproxies++] = optarg;
			break;
		case 'd':
			durability = optarg;
			break;
		case 'h':
			serve_help(c);
			return CLI_OK;
		case ':':
			return cli_refuse(
			        "cli.cmd.needs_value_in",
			        CLI_ARGS({ "command", "serve" }, { "option", argv[optind - 1] }));
		default:
			return cli_refuse("cli.serve.unknown_option",
			                  CLI_ARGS({ "option", argv[optind - 1] }));
		}
	}
	if (optind < argc)
		return cli_refuse("cli.unexpected_in",
		                  CLI_ARGS({ "command", "serve" }, { "arg", argv[optind] }));
	if (!durability)
		return cli_durability(&o->durability) == CLI_OK ? -1 : CLI_USAGE;
	if (!store_durability_parse(durability, &o->durability))
		return cli_refuse("cli.serve.durability", CLI_ARGS({ "value", durability }));
	return -1;
}

/*
 * Check that the database holds an organisation, and say how to make the
 * first administrator when nobody can log in yet. Returns the exit code.
 */
static int serve_ready(struct cli *c, struct store *st)
{
	struct org *orgs = NULL;
	size_t norgs = 0;
	struct sc_error err;

	if (store_org_list(st, &orgs, &norgs, &err))
		return cli_fail(&err);
	int64_t admins = 0;
	const struct entity_def *adef = entity_get(E_ACCOUNT);
	struct filter admin_filter = { entity_field(adef, "role"), FO_EQ, 0, 0, "admin" };
	for (size_t i = 0; i < norgs; i++) {
		int64_t n = 0;
		if (store_count(st, orgs[i].id, adef, &admin_filter, 1, &n, &err) == SC_OK)
			admins += n;
	}
	free(orgs);
	if (norgs == 0) {
		return cli_refuse("cli.serve.no_org",
		                  CLI_ARGS({ "path", cli_db_shown(c->db_path) }));
	}
	if (!admins) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "cli.serve.no_admin", NULL, 0);
		fprintf(stderr,
		        "  printf '%%s\\n' \"$PASSWORD\" | salescoach --db %s account set --email "
		        "EMAIL "
		        "--role admin\n",
		        cli_db_shown(c->db_path));
	}
	return CLI_OK;
}

/* Serve api on o's address until SIGINT or SIGTERM, then drain. Returns the exit code. */
static int serve_until_signal(struct cli *c, const struct serve_opts *o, struct api *api)
{
	struct http_limits lim;
	struct http_server *srv = NULL;
	struct sc_error err;

	/* Wait for the signals in this thread only: the server's threads never see them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	http_limits_default(&lim);
	lim.threads = (unsigned)o->threads;
	lim.trusted_proxies = o->proxies;
	lim.ntrusted_proxies = o->nproxies;
	if (http_server_start(o->listen, &lim, web_handle, api, &srv, &err))
		return cli_fail(&err);
	/* The address as given, with the port it got (port 0 picks one). */
	const char *colon = strrchr(o->listen, ':');
	int hostlen = colon ? (int)(colon - o->listen) : 0;
	char host[256], port[8];
	snprintf(host, sizeof(host), "%.*s", hostlen ? hostlen : 7,
	         hostlen ? o->listen : "0.0.0.0");
	snprintf(port, sizeof(port), "%u", http_server_port(srv));
	fputs("salescoach: ", stdout);
	cli_say(stdout, "cli.serve.serving",
	        CLI_ARGS({ "path", cli_db_shown(c->db_path) }, { "host", host }, { "port", port }));
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	fputs("salescoach: ", stderr);
	cli_say(stderr, "cli.serve.stopping",
	        CLI_ARGS({ "signal", sig == SIGINT ? "SIGINT" : "SIGTERM" }));
	http_server_stop(&srv);
	return CLI_OK;
}

int cli_serve(struct cli *c, int argc, char **argv)
{
	struct serve_opts o;
	struct store *stores[API_MAX_STORES] = { NULL };
	struct api *api = NULL; /* large (the remembered callers): on the heap */
	struct sc_error err;
	int rc = serve_options(c, argc, argv, &o);

	if (rc >= 0)
		return rc;
	/* The operator's switch is read by every request that sets SMTP settings: checked now. */
	bool org_smtp;
	sc_error_init(&err);
	if (settings_org_smtp(&org_smtp, cli_lang(), &err))
		return cli_fail(&err);
	if ((rc = cli_need_db(c->db_path)))
		return rc;
	/* Held while serving: `salescoach restore` refuses while any server holds it. */
	int lock = -1;
	bool postgres = store_target_is_postgres(c->db_path);
	if (!postgres && store_sqlite_lock(c->db_path, false, &lock, &err))
		return err.code == SC_CONFLICT
		               ? cli_refuse("cli.serve.restoring",
		                            CLI_ARGS({ "path", cli_db_shown(c->db_path) }))
		               : cli_fail(&err);
	/*
	 * One connection per worker thread: SQLite serves readers side by side
	 * in WAL mode, PostgreSQL each connection in a process of its own.
	 */
	rc = CLI_OK;
	for (long i = 0; i < o.threads && rc == CLI_OK; i++)
		if (store_open(c->db_path, &stores[i], &err) ||
		    store_set_durability(stores[i], o.durability, &err))
			rc = cli_fail(&err);
	if (rc == CLI_OK && o.durability != STORE_DURABLE_FULL) {
		fputs("salescoach: ", stderr);
		cli_say(stderr, "cli.serve.normal",
		        CLI_ARGS({ "durability", store_durability_name(o.durability) }));
	}
	if (rc == CLI_OK)
		rc = serve_ready(c, stores[0]);
	if (rc == CLI_OK && !(api = malloc(sizeof(*api)))) {
		fprintf(stderr, "salescoach: out of memory\n");
		rc = CLI_FAILURE;
	}
	if (rc == CLI_OK && api_init(api, stores, (size_t)o.threads, &err))
		rc = cli_fail(&err);
	else if (rc == CLI_OK) {
		rc = serve_until_signal(c, &o, api);
		api_release(api);
	}
	free(api);
	for (long i = 0; i < o.threads; i++)
		store_close(&stores[i]);
	store_sqlite_unlock(&lock);
	return rc;
}

static void account_help(struct cli *c)
{
	char min[24];

	snprintf(min, sizeof(min), "%d", ACCOUNT_PASSWORD_MIN);
	CLI_HELP_PUT(c, "help.account", { "password_min", min });
}

int cli_account(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "email", required_argument, NULL, 'e' },
		                              { "role", required_argument, NULL, 'r' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	const char *email = NULL, *role = "member";
	char password[ACCOUNT_PASSWORD_MAX + 2];
	struct sc_error err;
	int ch, rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		account_help(c);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	bool setup = strcmp(argv[1], "setup") == 0;
	const char *command = setup ? "account setup" : "account set";
	if (!setup && strcmp(argv[1], "set") != 0)
		return cli_refuse("cli.account.unknown_verb", CLI_ARGS({ "verb", argv[1] }));
	optind = 2;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (ch) {
		case 'e':
			email = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'h':
			account_help(c);
			return CLI_OK;
		case ':':
			return cli_refuse(
			        "cli.cmd.needs_value_in",
			        CLI_ARGS({ "command", command }, { "option", argv[optind - 1] }));
		default:
			return cli_refuse(
			        "cli.account.unknown_option",
			        CLI_ARGS({ "command", command }, { "option", argv[optind - 1] }));
		}
	}
	if (optind < argc)
		return cli_refuse("cli.unexpected_in",
		                  CLI_ARGS({ "command", command }, { "arg", argv[optind] }));
	if (!email)
		return cli_refuse("cli.account.email", CLI_ARGS({ "verb", argv[1] }));
	if (strcmp(role, "admin") && strcmp(role, "executive") && strcmp(role, "member"))
		return cli_refuse("cli.account.role", CLI_ARGS({ "verb", argv[1] }));
	if (!setup && !fgets(password, sizeof(password), stdin))
		return cli_refuse("cli.account.password", NULL, 0);
	password[setup ? 0 : strcspn(password, "\r\n")] = '\0';
	if ((rc = cli_open(c)))
		return rc;
	struct domain who = c->dom;
	int64_t id = 0;
	if (account_global_init(&err) || domain_act_as(&who, email, &err)) {
		memset(password, 0, sizeof(password));
		if (err.code == SC_INVALID)
			return cli_refuse("cli.account.no_person",
			                  CLI_ARGS({ "verb", argv[1] }, { "email", email }));
		return cli_fail(&err);
	}
	if (setup) {
		char secret[ACCOUNT_SECRET_LEN], expires[TU_INSTANT_LEN];
		bool reset = false;
		if (account_issue_setup(&c->dom, who.actor.person_id, role, secret, expires, &id,
		                        &reset, &err))
			return cli_fail(&err);
		cli_say(stdout, reset ? "cli.account.reset" : "cli.account.setup",
		        CLI_ARGS({ "email", email }, { "role", role }, { "expires", expires }));
		printf("%s\n\n", secret);
		cli_say(stdout, "cli.account.give", CLI_ARGS({ "email", email }));
		sodium_memzero(secret, sizeof(secret));
		return CLI_OK;
	}
	enum sc_result r = account_set(&c->dom, who.actor.person_id, role, password, &id, &err);
	memset(password, 0, sizeof(password));
	if (r)
		return cli_fail(&err);
	cli_say(stdout, "cli.account.set", CLI_ARGS({ "email", email }, { "role", role }));
	return CLI_OK;
}
