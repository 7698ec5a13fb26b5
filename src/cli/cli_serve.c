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
#include "api/api.h"
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
				return cli_usage(
				        "serve: --threads must be a whole number from 1 to %d",
				        API_MAX_STORES);
			o->threads = (long)v;
			break;
		}
		case 'p':
			if (!http_address_valid(optarg))
				return cli_usage(
				        "serve: --trusted-proxy '%s' is not an address; give "
				        "the proxy's numeric IPv4 (192.0.2.10) or IPv6 "
				        "(2001:db8::10) address, once per proxy",
				        optarg);
			if (o->nproxies == HTTP_MAX_PROXIES)
				return cli_usage("serve: at most %d --trusted-proxy addresses",
				                 HTTP_MAX_PROXIES);
			o->proxies[o->nproxies++] = optarg;
			break;
		case 'd':
			durability = optarg;
			break;
		case 'h':
			serve_help(c);
			return CLI_OK;
		case ':':
			return cli_usage("serve: %s needs a value", argv[optind - 1]);
		default:
			return cli_usage("serve: unknown option '%s'; `salescoach serve --help`",
			                 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("serve: unexpected argument '%s'", argv[optind]);
	if (!durability)
		return cli_durability(&o->durability) == CLI_OK ? -1 : CLI_USAGE;
	if (!store_durability_parse(durability, &o->durability))
		return cli_usage("serve: --durability must be full or normal, not '%s'; "
		                 "`salescoach serve --help` says what each costs",
		                 durability);
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
		fprintf(stderr,
		        "salescoach: %s holds no organisation; run `salescoach --db %s demo`"
		        " or `salescoach --db %s org add` first\n",
		        c->db_path, c->db_path, c->db_path);
		return CLI_USAGE;
	}
	if (!admins)
		fprintf(stderr,
		        "salescoach: nobody can log in yet; give a person an administrator's "
		        "account:\n"
		        "  printf '%%s\\n' \"$PASSWORD\" | salescoach --db %s account set --email "
		        "EMAIL "
		        "--role admin\n",
		        c->db_path);
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
	if (http_server_start(o->listen, &lim, api_handle, api, &srv, &err))
		return cli_fail(&err);
	/* The address as given, with the port it got (port 0 picks one). */
	const char *colon = strrchr(o->listen, ':');
	int hostlen = colon ? (int)(colon - o->listen) : 0;
	printf("salescoach: serving %s at http://%.*s:%u/api/ (port %u); stop with Ctrl-C\n",
	       c->db_path, hostlen ? hostlen : 7, hostlen ? o->listen : "0.0.0.0",
	       http_server_port(srv), http_server_port(srv));
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "salescoach: %s: finishing requests in flight, then stopping\n",
	        sig == SIGINT ? "SIGINT" : "SIGTERM");
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
	if ((rc = cli_need_db(c->db_path)))
		return rc;
	/* One connection per worker thread: SQLite serves readers side by side in WAL mode. */
	rc = CLI_OK;
	for (long i = 0; i < o.threads && rc == CLI_OK; i++)
		if (store_open_sqlite(c->db_path, &stores[i], &err) ||
		    store_set_durability(stores[i], o.durability, &err))
			rc = cli_fail(&err);
	if (rc == CLI_OK && o.durability != STORE_DURABLE_FULL)
		fprintf(stderr,
		        "salescoach: durability %s: a change is answered before it is on disk; "
		        "a power loss can undo the last ones\n",
		        store_durability_name(o.durability));
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
	if (!setup && strcmp(argv[1], "set") != 0)
		return cli_usage("unknown verb '%s' for account; the verbs are setup and set",
		                 argv[1]);
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
			return cli_usage("account %s: %s needs a value", argv[1], argv[optind - 1]);
		default:
			return cli_usage("account %s: unknown option '%s'", argv[1],
			                 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("account %s: unexpected argument '%s'", argv[1], argv[optind]);
	if (!email)
		return cli_usage("account %s: --email is required", argv[1]);
	if (strcmp(role, "admin") && strcmp(role, "executive") && strcmp(role, "member"))
		return cli_usage("account %s: --role must be admin, executive or member", argv[1]);
	if (!setup && !fgets(password, sizeof(password), stdin))
		return cli_usage("account set: give the password on the first line of standard "
		                 "input");
	password[setup ? 0 : strcspn(password, "\r\n")] = '\0';
	if ((rc = cli_open(c)))
		return rc;
	struct domain who = c->dom;
	int64_t id = 0;
	if (account_global_init(&err) || domain_act_as(&who, email, &err)) {
		memset(password, 0, sizeof(password));
		if (err.code == SC_INVALID)
			return cli_usage(
			        "account %s: nobody in this organisation has the e-mail "
			        "address '%s'; add the person first (`salescoach person add`)",
			        argv[1], email);
		return cli_fail(&err);
	}
	if (setup) {
		char secret[ACCOUNT_SECRET_LEN], expires[TU_INSTANT_LEN];
		bool reset = false;
		if (account_issue_setup(&c->dom, who.actor.person_id, role, secret, expires, &id,
		                        &reset, &err))
			return cli_fail(&err);
		printf("%s of %s (%s): setup token, valid once until %s:\n%s\n\n"
		       "Give it to %s only: with it they choose their own password\n"
		       "(POST /api/setup with {\"token\", \"password\"}). Their security log "
		       "records it.\n",
		       reset ? "reset" : "account", email, role, expires, secret, email);
		sodium_memzero(secret, sizeof(secret));
		return CLI_OK;
	}
	enum sc_result r = account_set(&c->dom, who.actor.person_id, role, password, &id, &err);
	memset(password, 0, sizeof(password));
	if (r)
		return cli_fail(&err);
	printf("account of %s (%s) set\n", email, role);
	return CLI_OK;
}
