/*
 * test_cli_visibility.c - the command line obeys the same visibility as the
 * API, per person: every read command of the real program (SALESCOACH_BIN)
 * run with --as as every person of the demo, beside the API's answer to the
 * same question for the same person, handled in memory (api_handle) on the
 * same database file. Both must show the same records, alerts and
 * programmes, or both refuse with the same message.
 *
 * The table `pairs` holds each command beside its API path: a new read
 * command gets its line there. Lists and shows of every kind of record come
 * from the entity table itself.
 */
#include "api_fixture.h"
#include "cli_harness.h"

#include <stdbool.h>
#include <unistd.h>

#include "model/recjson.h"

#define MONTH "2026-10" /* a month of the demo's history (SALESCOACH_NOW is 2026-11-28) */

/* The people the commands run as: the demo's, one per role and kind of coach. */
static const struct person {
	const char *email; /* NULL: the local administrator, no --as */
	const char *role;
	bool needs_account; /* the demo gives the others a login */
} people[] = {
	{ NULL, "the local administrator (no --as)", false },
	{ "admin@salescoach.example", "administrator", false },
	{ "annelies.devries@vandijk.example", "sales director (executive)", false },
	{ "jeroen.bakker@vandijk.example", "manager who coaches his team", false },
	{ "sandra.visser@vandijk.example", "manager with too wide a span", false },
	{ "mark.jansen@vandijk.example", "manager of a coachee he does not coach", true },
	{ "lotte.mulder@vandijk.example", "rep coached by her manager", false },
	{ "jesse.vanwijk@vandijk.example", "rep coached by a senior", true },
	{ "erik.vanleeuwen@vandijk.example", "senior coach", false },
	{ "linda.smit@vandijk.example", "internal coach", false },
	{ "kees.mulder@kompas-coaching.example", "external coach", false },
	{ "sanne.kok@vandijk.example", "person with no role", true },
};
#define NPEOPLE (sizeof(people) / sizeof(people[0]))
#define LOCAL   0 /* people[LOCAL]: the API answers as the administrator's account */
#define ADMINP  1

/* How the two answers are compared once both succeed. */
enum compare {
	CMP_IDS,    /* the same set of ids (records, alerts, programmes, coaches) */
	CMP_EQUAL,  /* the same JSON */
	CMP_REPORT, /* overview against the programme report (compare_overview) */
	CMP_FIELDS, /* one record: the same id and fields (private ones to both or neither) */
	CMP_ITEMS,  /* the same ids, and each item the same JSON */
};

/*
 * A read command and the API request that asks the same. "{me}" is the
 * person's id. cli_items/api_items name the array of the answer (NULL: the
 * answer is the array); id is the field that identifies an item.
 */
struct pair {
	const char *argv[10];
	const char *path;
	const char *cli_items, *api_items, *id;
	enum compare how;
};

static const struct pair pairs[] = {
	{ { "overview" }, "/api/reports/programmes", NULL, NULL, NULL, CMP_REPORT },
	{ { "alerts" }, "/api/alerts", "alerts", "alerts", "id", CMP_IDS },
	{ { "alerts", "--all" }, "/api/alerts?all=true", "alerts", "alerts", "id", CMP_IDS },
	{ { "alerts", "--model", "manager" },
	  "/api/alerts?model=manager",
	  "alerts",
	  "alerts",
	  "id",
	  CMP_IDS },
	{ { "access", "list" }, "/api/access-log", NULL, "items", "id", CMP_IDS },
	{ { "access", "list", "--subject", "{me}" },
	  "/api/me/access-log",
	  NULL,
	  "items",
	  "id",
	  CMP_ITEMS },
	{ { "audit", "list" }, "/api/audit-log", NULL, "items", "id", CMP_IDS },
	{ { "plan", "capacity" }, "/api/plan/capacity", "managers", "managers", "coach", CMP_IDS },
	{ { "plan", "capacity", "--manager", "14" },
	  "/api/plan/capacity?manager=14",
	  "managers",
	  "managers",
	  "coach",
	  CMP_IDS },
	{ { "alerts", "--team", "3" }, "/api/alerts?team=3", "alerts", "alerts", "id", CMP_IDS },
	{ { "leadership" }, "/api/plan/leadership", "coaches", "coaches", "coach", CMP_IDS },
	{ { "incentive", "--coach", "1", "--month", MONTH }, /* a manager-coach: refused */
	  "/api/plan/incentive?coach=1&month=" MONTH,
	  NULL,
	  NULL,
	  NULL,
	  CMP_EQUAL },
	{ { "incentive", "--coach", "4", "--month", MONTH },
	  "/api/plan/incentive?coach=4&month=" MONTH,
	  NULL,
	  NULL,
	  NULL,
	  CMP_EQUAL },
	{ { "incentive", "--coach", "5", "--month", MONTH },
	  "/api/plan/incentive?coach=5&month=" MONTH,
	  NULL,
	  NULL,
	  NULL,
	  CMP_EQUAL },
	{ { "incentive", "--coach", "6", "--month", MONTH },
	  "/api/plan/incentive?coach=6&month=" MONTH,
	  NULL,
	  NULL,
	  NULL,
	  CMP_EQUAL },
};

struct vis {
	char dir[512], db[600];
	struct harness_run run;
	struct store *st;
	struct api api;
	int64_t pid[NPEOPLE];
	char token[NPEOPLE][ACCOUNT_TOKEN_LEN];
};

/* ---- the two doors ------------------------------------------------------------------------- */

/* One answer of either door: whether it was given, the JSON, or the refusal's message. */
struct door_answer {
	int status; /* the exit code, or the HTTP status */
	bool ok;
	json_t *doc; /* owned; NULL when refused */
	char msg[700];
};

static void door_answer_release(struct door_answer *a)
{
	json_decref(a->doc);
	memset(a, 0, sizeof(*a));
}

/* s with "{me}" replaced by the person's id, into out. */
static const char *expand(const char *s, int64_t me, char *out, size_t n)
{
	const char *at = strstr(s, "{me}");
	if (!at)
		snprintf(out, n, "%s", s);
	else
		snprintf(out, n, "%.*s%lld%s", (int)(at - s), s, (long long)me, at + 4);
	return out;
}

/* Run `salescoach [--as EMAIL] argv... --json` as people[who]. */
static void cli_read(struct vis *v, size_t who, const char *const *argv, struct door_answer *a)
{
	char *args[HARNESS_MAX_ARGS + 1], texts[12][64];
	size_t n = 0;

	if (people[who].email) {
		args[n++] = (char *)"--as";
		args[n++] = (char *)people[who].email;
	}
	for (size_t i = 0; argv[i] && i < 12; i++)
		args[n++] = (char *)expand(argv[i], v->pid[who], texts[i], sizeof(texts[i]));
	args[n++] = (char *)"--json";
	args[n] = NULL;
	memset(a, 0, sizeof(*a));
	a->status = harness_run_argv(&v->run, v->db, NULL, NULL, args);
	a->ok = a->status == 0;
	if (a->ok) {
		a->doc = harness_json(&v->run, argv[0]);
	} else {
		const char *m = v->run.err;
		if (strncmp(m, "salescoach: ", 12) == 0)
			m += 12;
		snprintf(a->msg, sizeof(a->msg), "%.*s", (int)strcspn(m, "\n"), m);
	}
}

/* GET target of the API as people[who], with their API token. */
static void api_get(struct vis *v, size_t who, const char *target, struct door_answer *a)
{
	struct fake f = { 0 };
	struct http_response resp;
	char path[512], query[512] = "", authz[128], expanded[512];
	const char *q;

	target = expand(target, v->pid[who], expanded, sizeof(expanded));
	q = strchr(target, '?');
	snprintf(path, sizeof(path), "%.*s", q ? (int)(q - target) : (int)strlen(target), target);
	if (q)
		snprintf(query, sizeof(query), "%s", q + 1);
	snprintf(authz, sizeof(authz), "Bearer %s", v->token[who]);
	f.req.method = "GET";
	f.req.path = path;
	f.req.query = query;
	f.req.body = "";
	f.req.remote = "192.0.2.7";
	f.req.header = fake_header;
	f.req.impl = &f;
	f.names[f.n] = "Authorization";
	f.values[f.n++] = authz;
	http_response_init(&resp);
	api_handle(&v->api, &f.req, &resp);
	memset(a, 0, sizeof(*a));
	a->status = resp.status;
	a->ok = resp.status == 200;
	json_t *j = resp.body ? json_loadb(resp.body, resp.body_len, 0, NULL) : NULL;
	if (!j)
		fail_msg("GET %s answered %d without JSON", target, resp.status);
	if (a->ok) {
		a->doc = j;
	} else {
		const char *m =
		        json_string_value(json_object_get(json_object_get(j, "error"), "message"));
		snprintf(a->msg, sizeof(a->msg), "%s", m ? m : "");
		json_decref(j);
	}
	http_response_release(&resp);
}

/* A list of the API, every page of it, as one answer whose "items" hold them all. */
static void api_list(struct vis *v, size_t who, const char *target, struct door_answer *a)
{
	json_t *all = json_array();
	char page[600];
	size_t offset = 0, total;

	do {
		snprintf(page, sizeof(page), "%s%climit=1000&offset=%zu", target,
		         strchr(target, '?') ? '&' : '?', offset);
		api_get(v, who, page, a);
		if (!a->ok) {
			json_decref(all);
			return;
		}
		json_array_extend(all, json_object_get(a->doc, "items"));
		total = (size_t)json_integer_value(json_object_get(a->doc, "total"));
		offset += 1000;
		door_answer_release(a);
	} while (offset < total);
	a->status = 200;
	a->ok = true;
	a->doc = json_pack("{s:o}", "items", all);
}

/* ---- comparing ----------------------------------------------------------------------------- */

static int cmp_text(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The ids (field id) of the items, as sorted texts; *n of them. Free with ids_free. */
static char **ids_of(const json_t *items, const char *id, size_t *n)
{
	char **out = calloc(json_array_size(items) + 1, sizeof(*out));
	const json_t *it;
	size_t i;

	assert_non_null(out);
	json_array_foreach(items, i, it)
	{
		const json_t *v = json_object_get(it, id);
		out[i] = json_is_string(v) ? strdup(json_string_value(v))
		                           : (char *)json_dumps(v, JSON_ENCODE_ANY);
		assert_non_null(out[i]);
	}
	*n = json_array_size(items);
	qsort(out, *n, sizeof(*out), cmp_text);
	return out;
}

static void ids_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* The ids of a that b lacks, as "3, 7, 12" (at most about 300 characters) into out. */
static void missing(char **a, size_t na, char **b, size_t nb, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < na && o + 20 < size; i++)
		if (!bsearch(&a[i], b, nb, sizeof(*b), cmp_text))
			o += (size_t)snprintf(out + o, size - o, "%s%s", o ? ", " : "", a[i]);
	if (!o)
		snprintf(out, size, "none");
}

static const json_t *items_of(const json_t *doc, const char *key)
{
	return key ? json_object_get(doc, key) : doc;
}

/* Fail naming the command, the person and what differs. */
#define differ(what, who, ...)                                                                     \
	fail_msg("`%s` as %s (%s): " what, command, people[who].email ? people[who].email : "-",   \
	         people[who].role, __VA_ARGS__)

/* The same set of ids in both answers. */
static void same_ids(const char *command, size_t who, const json_t *cli, const json_t *api,
                     const char *id)
{
	size_t nc, na;
	char **c = ids_of(cli, id, &nc), **a = ids_of(api, id, &na);
	char only_cli[400], only_api[400];

	missing(c, nc, a, na, only_cli, sizeof(only_cli));
	missing(a, na, c, nc, only_api, sizeof(only_api));
	if (strcmp(only_cli, "none") || strcmp(only_api, "none"))
		differ("the command line shows %zu, the API %zu; only on the command line: %s; "
		       "only in the API: %s",
		       who, nc, na, only_cli, only_api);
	ids_free(c, nc);
	ids_free(a, na);
}

/* Each item of cli is the item of api with the same id, field for field (same_ids holds). */
static void same_items(const char *command, size_t who, const json_t *cli, const json_t *api,
                       const char *id)
{
	const json_t *c, *a;
	size_t i, j;
	json_array_foreach(cli, i, c)
	{
		json_array_foreach(api, j, a)
		{
			if (!json_equal(json_object_get(c, id), json_object_get(a, id)))
				continue;
			if (!json_equal(c, a)) {
				char *cs = json_dumps(c, JSON_COMPACT),
				     *as = json_dumps(a, JSON_COMPACT);
				differ("the command line shows\n%s\nthe API\n%s", who, cs, as);
			}
			break;
		}
	}
}

/* The active assignments of programme p, as the API counts them for people[who]. */
static json_int_t api_active_assignments(struct vis *v, size_t who, json_int_t p)
{
	struct door_answer a;
	char path[128];
	snprintf(path, sizeof(path), "/api/assignments?programme=%lld&status=active&limit=1",
	         (long long)p);
	api_get(v, who, path, &a);
	assert_true(a.ok);
	json_int_t n = json_integer_value(json_object_get(a.doc, "total"));
	door_answer_release(&a);
	return n;
}

/*
 * overview beside the programme report: an executive's or a manager's
 * overview is the report itself; an administrator's shows every programme of
 * the report with the exact number of active coachees their lists hold.
 */
static void compare_overview(struct vis *v, const char *command, size_t who,
                             const struct door_answer *cli, const struct door_answer *api)
{
	const char *view = json_string_value(json_object_get(cli->doc, "view"));
	const json_t *progs = json_object_get(cli->doc, "programmes"), *p;
	size_t i;

	same_ids(command, who, progs, json_object_get(api->doc, "programmes"), "id");
	if (view && strcmp(view, "aggregate") == 0) {
		json_t *copy = json_deep_copy(cli->doc);
		for (const char *const *k = (const char *const[]){ "organisation", "slug", "today",
		                                                   "view", "alerts", NULL };
		     *k; k++)
			json_object_del(copy, *k);
		if (!json_equal(copy, api->doc)) {
			char *c = json_dumps(copy, JSON_COMPACT),
			     *a = json_dumps(api->doc, JSON_COMPACT);
			differ("the overview is not the programme report:\n%s\n%s", who, c, a);
		}
		json_decref(copy);
		return;
	}
	if (!view || strcmp(view, "activity") != 0)
		differ("the overview has no view (aggregate or activity): %s", who,
		       view ? view : "");
	if (who != LOCAL && who != ADMINP)
		differ("%s", who, "only administrators see every programme's activity");
	json_array_foreach(progs, i, p)
	{
		json_int_t id = json_integer_value(json_object_get(p, "id"));
		json_int_t shown = json_integer_value(json_object_get(p, "active_coachees"));
		json_int_t listed = api_active_assignments(v, ADMINP, id);
		if (shown != listed)
			differ("programme %lld shows %lld active coachees, the API lists %lld", who,
			       (long long)id, (long long)shown, (long long)listed);
	}
}

/* Whether any item of items has a private field of def. */
static const char *private_field_in(const json_t *items, const struct entity_def *def)
{
	const json_t *it;
	size_t i;
	json_array_foreach(items, i, it)
	{
		for (size_t f = 0; f < def->nfields; f++)
			if ((def->fields[f].flags & FF_PRIVATE) &&
			    json_object_get(it, def->fields[f].name))
				return def->fields[f].name;
	}
	return NULL;
}

/* The first field of record a that record b does not have, or NULL. */
static const char *field_only_in(json_t *a, const json_t *b)
{
	const char *key;
	json_t *value;
	json_object_foreach(a, key, value)
	{
		if (!json_object_get(b, key))
			return key;
	}
	return NULL;
}

/*
 * Both doors answer alike: both show (then compared as pair says) or both
 * refuse with the same message. The local administrator may list the
 * records that are private content only, never their content (README,
 * "Private coaching content"): the API's administrator finds none of them.
 */
static void compare(struct vis *v, size_t who, const char *command, const struct door_answer *cli,
                    const struct door_answer *api, const char *cli_items, const char *api_items,
                    const char *id, enum compare how, const struct entity_def *def)
{
	if (cli->ok != api->ok)
		differ("the command line %s (exit %d%s%s), the API %s (%d%s%s)", who,
		       cli->ok ? "shows it" : "refuses", cli->status, cli->ok ? "" : ": ", cli->msg,
		       api->ok ? "shows it" : "refuses", api->status, api->ok ? "" : ": ",
		       api->msg);
	if (!cli->ok) {
		if (cli->status != 2 || strcmp(cli->msg, api->msg) != 0)
			differ("refused differently: exit %d '%s', the API %d '%s'", who,
			       cli->status, cli->msg, api->status, api->msg);
		return;
	}
	if (how == CMP_REPORT) {
		compare_overview(v, command, who, cli, api);
	} else if (how == CMP_EQUAL) {
		if (!json_equal(cli->doc, api->doc))
			differ("%s", who, "the answers differ");
	} else if (how == CMP_FIELDS) {
		const char *only;
		if (!json_equal(json_object_get(cli->doc, "id"), json_object_get(api->doc, "id")))
			differ("%s", who, "the two doors show different records");
		if ((only = field_only_in(cli->doc, api->doc)))
			differ("the command line shows %s, the API does not", who, only);
		if ((only = field_only_in(api->doc, cli->doc)))
			differ("the API shows %s, the command line does not", who, only);
	} else if (who == LOCAL && def && domain_private_only(def->kind)) {
		const char *f = private_field_in(items_of(cli->doc, cli_items), def);
		if (f)
			differ("the local administrator reads the private field %s", who, f);
	} else {
		same_ids(command, who, items_of(cli->doc, cli_items), items_of(api->doc, api_items),
		         id);
		if (how == CMP_ITEMS)
			same_items(command, who, items_of(cli->doc, cli_items),
			           items_of(api->doc, api_items), id);
	}
}

/* ---- setup --------------------------------------------------------------------------------- */

static int64_t person_by_email(struct vis *v, const char *email)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct filter f = { entity_field(def, "email"), FO_EQ, 0, 0, email };
	struct record *p = NULL;
	assert_int_equal(store_first(v->st, 1, def, &f, 1, &p, NULL), SC_OK);
	assert_non_null(p);
	int64_t id = p->id;
	record_free(&p);
	return id;
}

/*
 * The demo, loaded by the real program into a file both doors read; the
 * people without a login get one, and everyone an API token.
 */
static int vis_setup(void **state)
{
	struct vis *v = calloc(1, sizeof(*v));
	struct sc_error err;
	struct domain d;
	struct record *tok = NULL;
	int64_t account;

	assert_non_null(v);
	assert_int_equal(harness_run_init(&v->run, v->dir, sizeof(v->dir), "cli-visibility"), 0);
	snprintf(v->db, sizeof(v->db), "%s/demo.db", v->dir);
	harness_run(&v->run, v->db, NULL, "demo", NULL);
	harness_expect_ok(&v->run, "demo");
	assert_int_equal(store_open_sqlite(v->db, &v->st, &err), SC_OK);
	assert_int_equal(api_init(&v->api, &v->st, 1, &err), SC_OK);
	for (size_t w = 0; w < NPEOPLE; w++) {
		const char *email = people[w].email ? people[w].email : people[ADMINP].email;
		assert_int_equal(domain_init(&d, v->st, 1, &err), SC_OK);
		/* {me} of the local administrator: the administrator's, as the API answers. */
		v->pid[w] = person_by_email(v, email);
		if (people[w].needs_account &&
		    account_set(&d, v->pid[w], "member", PASSWORD, &account, &err) != SC_OK)
			fail_msg("account of %s: %s", email, err.message);
		if (domain_act_as(&d, email, &err) != SC_OK ||
		    account_token_create(&d, "visibility test", v->token[w], &tok, &err) != SC_OK)
			fail_msg("API token of %s: %s", email, err.message);
		record_free(&tok);
	}
	*state = v;
	return 0;
}

static int vis_teardown(void **state)
{
	struct vis *v = *state;
	char path[700];
	api_release(&v->api);
	store_close(&v->st);
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm", NULL }; *s; s++) {
		snprintf(path, sizeof(path), "%s%s", v->db, *s);
		unlink(path);
	}
	harness_run_release(&v->run);
	free(v);
	return 0;
}

/* ---- the tests ----------------------------------------------------------------------------- */

/* The command as text, for messages. */
static void command_text(const char *const *argv, char *out, size_t n)
{
	size_t o = (size_t)snprintf(out, n, "salescoach");
	for (size_t i = 0; argv[i] && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, " %s", argv[i]);
}

/* Every line of `pairs` as every person. */
static void test_every_read_command_shows_what_the_api_shows(void **state)
{
	struct vis *v = *state;
	char command[300];

	for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
		const struct pair *pr = &pairs[p];
		command_text(pr->argv, command, sizeof(command));
		for (size_t w = 0; w < NPEOPLE; w++) {
			struct door_answer cli, api;
			cli_read(v, w, pr->argv, &cli);
			if (pr->api_items && !strcmp(pr->api_items, "items"))
				api_list(v, w, pr->path, &api);
			else
				api_get(v, w, pr->path, &api);
			compare(v, w, command, &cli, &api, pr->cli_items, pr->api_items, pr->id,
			        pr->how, NULL);
			door_answer_release(&cli);
			door_answer_release(&api);
		}
	}
}

/* `NOUN list` of every kind of record beside GET /api/{plural}, as every person. */
static void test_every_list_shows_what_the_api_lists(void **state)
{
	struct vis *v = *state;
	char command[300], path[128];

	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->eflags & (EF_INTERNAL | EF_READONLY)) /* the logs are in `pairs` */
			continue;
		const char *argv[] = { def->name, "list", NULL };
		command_text(argv, command, sizeof(command));
		snprintf(path, sizeof(path), "/api/%s", def->plural);
		for (size_t w = 0; w < NPEOPLE; w++) {
			struct door_answer cli, api;
			cli_read(v, w, argv, &cli);
			api_list(v, w, path, &api);
			compare(v, w, command, &cli, &api, NULL, "items", "id", CMP_IDS, def);
			door_answer_release(&cli);
			door_answer_release(&api);
		}
	}
}

/*
 * `NOUN show ID` beside GET /api/{plural}/{id}, for the first and the last
 * record of every kind, as every person: both show it with the same fields
 * (so private content to both or to neither), or both refuse alike.
 */
static void test_every_show_shows_what_the_api_shows(void **state)
{
	struct vis *v = *state;
	char command[300], path[128], id[24];

	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		struct door_answer all;
		if (def->eflags & (EF_INTERNAL | EF_READONLY))
			continue;
		cli_read(v, LOCAL, (const char *[]){ def->name, "list", NULL }, &all);
		assert_true(all.ok);
		size_t n = json_array_size(all.doc);
		for (size_t s = 0; s < 2 && n; s++) {
			json_t *rec = json_array_get(all.doc, s ? n - 1 : 0);
			snprintf(id, sizeof(id), "%lld",
			         (long long)json_integer_value(json_object_get(rec, "id")));
			const char *argv[] = { def->name, "show", id, NULL };
			command_text(argv, command, sizeof(command));
			snprintf(path, sizeof(path), "/api/%s/%s", def->plural, id);
			for (size_t w = 0; w < NPEOPLE; w++) {
				struct door_answer cli, api;
				cli_read(v, w, argv, &cli);
				api_get(v, w, path, &api);
				if (w == LOCAL && domain_private_only(def->kind)) {
					json_t *one = json_pack("[O]", cli.doc);
					const char *f = private_field_in(one, def);
					json_decref(one);
					if (!cli.ok || f)
						differ("%s", w,
						       "the local administrator sees the "
						       "record, never its content");
				} else {
					compare(v, w, command, &cli, &api, NULL, NULL, "id",
					        CMP_FIELDS, def);
				}
				door_answer_release(&cli);
				door_answer_release(&api);
			}
		}
		door_answer_release(&all);
	}
}

/* The cases, as a person meets them. */
static void test_the_director_sees_aggregates_and_no_alerts(void **state)
{
	struct vis *v = *state;
	struct harness_run *r = &v->run;

	harness_run(r, v->db, NULL, "--as", people[2].email, "overview", NULL);
	harness_expect_ok(r, "overview as the director");
	/* Utrecht (4 coachees) and Eindhoven (3) are below k = 5: no figure of theirs shows. */
	assert_non_null(strstr(r->out, "minder dan 5 coachees"));
	assert_null(strstr(r->out, "held (30d)"));
	json_t *j = NULL;
	harness_run(r, v->db, NULL, "--as", people[2].email, "overview", "--json", NULL);
	j = harness_json(r, "overview --json as the director");
	size_t i, suppressed = 0;
	json_t *p;
	json_array_foreach(json_object_get(j, "programmes"), i, p)
	{
		bool s = json_is_true(json_object_get(p, "suppressed"));
		suppressed += s;
		assert_true(s == (json_object_get(p, "coachees") == NULL));
		assert_null(json_object_get(p, "active_coachees"));
	}
	assert_int_equal(suppressed, 2);
	json_decref(j);

	harness_run(r, v->db, NULL, "--as", people[2].email, "alerts", NULL);
	harness_expect_refused(r, "alerts as the director", "signaleringen noemen mensen");
	harness_run(r, v->db, NULL, "--as", people[2].email, "alerts", "ack",
	            "no-supervision:coach-2", "--reason", "planned", NULL);
	harness_expect_refused(r, "alerts ack as the director", "signaleringen noemen mensen");
}

static void test_a_coachee_sees_who_read_her_record(void **state)
{
	struct vis *v = *state;
	struct harness_run *r = &v->run;
	size_t lotte = 6, i;
	json_t *e;

	/* Her coach reads her sessions' notes; she sees that he did, and nothing else. */
	harness_run(r, v->db, NULL, "--as", people[3].email, "session", "list", NULL);
	harness_expect_ok(r, "session list as her coach");
	harness_run(r, v->db, NULL, "--as", people[lotte].email, "access", "list", "--json", NULL);
	json_t *j = harness_json(r, "access list as a coachee");
	assert_true(json_array_size(j) > 0);
	json_array_foreach(j, i, e)
	{
		assert_int_equal(json_integer_value(json_object_get(e, "subject")), v->pid[lotte]);
		if (json_integer_value(json_object_get(e, "reader")) != v->pid[3])
			fail_msg("an entry of a reader other than her coach: %s",
			         json_dumps(e, JSON_COMPACT));
		assert_true(json_is_true(json_object_get(e, "after_reset")));
	}
	json_decref(j);
	/* The demo's logins were made today: every read of hers came within the hour after. */
	harness_run(r, v->db, NULL, "--as", people[lotte].email, "access", "list", NULL);
	harness_expect_ok(r, "access list as a coachee");
	assert_non_null(strstr(r->out, "gelezen in het uur nadat het wachtwoord van de lezer"));
	/* Her manager-coach has no reads of his own content, and sees nobody else's. */
	harness_run(r, v->db, NULL, "--as", people[3].email, "access", "list", "--json", NULL);
	j = harness_json(r, "access list as her coach");
	assert_int_equal(json_array_size(j), 0);
	json_decref(j);
}

/* k decides what the aggregates show: nobody but an administrator lowers it to see small groups. */
static void test_only_an_administrator_changes_k(void **state)
{
	struct vis *v = *state;
	struct harness_run *r = &v->run;

	for (size_t w = ADMINP + 1; w < NPEOPLE; w++) {
		harness_run(r, v->db, NULL, "--as", people[w].email, "org", "set", "k", "2", NULL);
		if (r->status != 2 || !strstr(r->err, "door een beheerder gewijzigd"))
			fail_msg("`org set k 2` as %s (%s): exit %d, %s", people[w].email,
			         people[w].role, r->status, r->err);
	}
	harness_run(r, v->db, NULL, "org", "show", "--json", NULL);
	json_t *j = harness_json(r, "org show");
	assert_int_equal(json_number_value(json_object_get(json_object_get(j, "settings"), "k")),
	                 5);
	json_decref(j);
}

/*
 * A person knows no organisation but their own (GET /api/me names it). Run
 * last: from here on the database holds two organisations.
 */
static void test_a_person_lists_only_their_own_organisation(void **state)
{
	struct vis *v = *state;
	struct harness_run *r = &v->run;

	harness_run(r, v->db, NULL, "org", "add", "--name", "Elders BV", "--slug", "elders", NULL);
	harness_expect_ok(r, "org add");
	harness_run(r, v->db, NULL, "org", "list", "--json", NULL);
	json_t *j = harness_json(r, "org list as the local administrator");
	assert_int_equal(json_array_size(j), 2);
	json_decref(j);
	for (size_t w = ADMINP; w < NPEOPLE; w++) {
		harness_run(r, v->db, NULL, "--org", "vandijk", "--as", people[w].email, "org",
		            "list", "--json", NULL);
		j = harness_json(r, "org list");
		if (json_array_size(j) != 1 ||
		    strcmp(json_string_value(json_object_get(json_array_get(j, 0), "slug")),
		           "vandijk") != 0)
			fail_msg("`org list` as %s (%s) shows %s", people[w].email, people[w].role,
			         r->out);
		json_decref(j);
	}
}

/* True when record a's fields other than skip1/skip2 are in b with the same values. */
static bool fields_as_in(const json_t *a, const json_t *b, const char *skip1, const char *skip2)
{
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)a, key, value)
	{
		if (!strcmp(key, skip1) || !strcmp(key, skip2))
			continue;
		if (!json_equal(value, json_object_get(b, key)))
			return false;
	}
	return true;
}

/*
 * `agenda --week` as every person holds only what the API shows the same
 * person: each session (coming or not recorded) and each action item due is
 * one that GET /api/{sessions,actions}/ID gives them, with the same fields
 * (so private content only where the API shows it), and it is their own.
 */
static void test_the_agenda_holds_what_the_api_shows(void **state)
{
	static const char *const lists[][2] = { { "sessions", "sessions" },
		                                { "not_recorded", "sessions" },
		                                { "due", "actions" } };
	static const char *const argv[] = { "agenda", "--week", NULL };
	const char *command = "agenda --week";
	struct vis *v = *state;
	size_t shown = 0;

	for (size_t w = 0; w < NPEOPLE; w++) {
		struct door_answer cli;
		if (!people[w].email)
			continue;
		cli_read(v, w, argv, &cli);
		if (!cli.ok)
			differ("refused: %s", w, cli.msg);
		for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
			const json_t *item;
			size_t i;
			json_array_foreach(json_object_get(cli.doc, lists[l][0]), i, item)
			{
				struct door_answer api;
				char path[128];
				const char *as = json_string_value(json_object_get(item, "as"));
				snprintf(
				        path, sizeof(path), "/api/%s/%lld", lists[l][1],
				        (long long)json_integer_value(json_object_get(item, "id")));
				api_get(v, w, path, &api);
				if (!api.ok)
					differ("shows %s, which the API refuses: %s", w, path,
					       api.msg);
				if (!fields_as_in(item, api.doc, "with", "as"))
					differ("shows %s otherwise than the API", w, path);
				if (!as || (strcmp(as, "coach") && strcmp(as, "coachee")))
					differ("%s is not of a relationship of theirs", w, path);
				door_answer_release(&api);
				shown++;
			}
		}
		door_answer_release(&cli);
	}
	assert_true(shown > 0);
}

/* True when text holds "ID NAME" (id_name) not as the tail of a longer number. */
static bool beside_an_id(const char *text, const char *id_name)
{
	for (const char *at = strstr(text, id_name); at; at = strstr(at + 1, id_name))
		if (at == text || at[-1] < '0' || at[-1] > '9')
			return true;
	return false;
}

/*
 * Tables show names beside ids only of people the reader may read: as every
 * person, no `NOUN list` table holds the name of a person whom the API does
 * not give that person (a rep sees the id of another team's manager, not
 * the name).
 */
static void test_names_beside_ids_only_of_readable_people(void **state)
{
	struct vis *v = *state;
	struct door_answer all;
	char command[300];
	size_t hidden_somewhere = 0;

	api_list(v, ADMINP, "/api/people", &all);
	assert_true(all.ok);
	for (size_t w = 0; w < NPEOPLE; w++) {
		struct door_answer mine;
		char unreadable[256][160]; /* "ID NAME", as a table shows a name beside an id */
		size_t nun = 0, i, j;
		const json_t *p, *q;
		if (!people[w].email)
			continue;
		api_list(v, w, "/api/people", &mine); /* refused: nobody is readable */
		json_array_foreach(json_object_get(all.doc, "items"), i, p)
		{
			bool readable = false;
			json_array_foreach(mine.ok ? json_object_get(mine.doc, "items") : NULL, j,
			                   q)
			{
				readable |= json_equal(json_object_get(p, "id"),
				                       json_object_get(q, "id"));
			}
			if (!readable && nun < 256)
				snprintf(unreadable[nun++], sizeof(unreadable[0]), "%lld %s",
				         (long long)json_integer_value(json_object_get(p, "id")),
				         json_string_value(json_object_get(p, "name")));
		}
		hidden_somewhere += nun;
		for (int k = 0; k < E_COUNT; k++) {
			const struct entity_def *def = entity_get((enum entity_kind)k);
			if (def->eflags & EF_INTERNAL)
				continue;
			char *args[] = { (char *)"--as", (char *)people[w].email, (char *)def->name,
				         (char *)"list", NULL };
			const char *argv[] = { def->name, "list", NULL };
			command_text(argv, command, sizeof(command));
			if (harness_run_argv(&v->run, v->db, NULL, NULL, args) != 0)
				continue; /* refused: test_every_list_shows_what_the_api_lists */
			for (size_t n = 0; n < nun; n++)
				if (beside_an_id(v->run.out, unreadable[n]))
					differ("the table names %s, whom the API does not show "
					       "them",
					       w, unreadable[n]);
		}
		door_answer_release(&mine);
	}
	door_answer_release(&all);
	assert_true(hidden_somewhere > 0); /* some people are hidden from some readers */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_director_sees_aggregates_and_no_alerts),
		cmocka_unit_test(test_a_coachee_sees_who_read_her_record),
		cmocka_unit_test(test_only_an_administrator_changes_k),
		cmocka_unit_test(test_every_read_command_shows_what_the_api_shows),
		cmocka_unit_test(test_every_list_shows_what_the_api_lists),
		cmocka_unit_test(test_every_show_shows_what_the_api_shows),
		cmocka_unit_test(test_the_agenda_holds_what_the_api_shows),
		cmocka_unit_test(test_names_beside_ids_only_of_readable_people),
		cmocka_unit_test(test_a_person_lists_only_their_own_organisation),
	};
	return cmocka_run_group_tests(tests, vis_setup, vis_teardown);
}
