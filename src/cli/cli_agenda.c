/*
 * cli_agenda.c - `salescoach agenda`: a coach's or a coachee's days ahead,
 * read as that person (--as): the sessions of their coaching relationships
 * with the other party, the sessions still planned after their time (open
 * ends nobody recorded), and the action items due.
 */
#include "cli/cli.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "model/recjson.h"

/* The relationships the person is a party to, and who the other party is in each. */
#define AGENDA_MAX_ASG 256
struct agenda {
	struct cli *c;
	int64_t me;
	char from[TU_DATE_LEN], to[TU_DATE_LEN]; /* local days, both included */
	int64_t asg[AGENDA_MAX_ASG];
	bool as_coach[AGENDA_MAX_ASG];
	char with[AGENDA_MAX_ASG][128];
	size_t n;
	struct record_list sessions, open_ends, due;
};

static int field(enum entity_kind k, const char *name)
{
	return entity_field(entity_get(k), name);
}

/* The name of person id as the reader may read it, or "" */
static void person_name(struct cli *c, int64_t id, char *out, size_t size)
{
	struct record *p = NULL;
	struct sc_error err;

	out[0] = '\0';
	sc_error_init(&err);
	if (domain_get(&c->dom, entity_get(E_PERSON), id, &p, &err) == SC_OK)
		snprintf(out, size, "%s", record_text(p, "name"));
	record_free(&p);
}

/* Add the active assignments of list to a, as coach or as coachee. */
static void add_relationships(struct agenda *a, const struct record_list *list, bool as_coach)
{
	for (size_t i = 0; i < list->n && a->n < AGENDA_MAX_ASG; i++) {
		const struct record *r = list->items[i];
		int64_t other = as_coach ? record_int(r, "coachee") : 0;
		if (!as_coach) {
			struct record *coach = NULL;
			struct sc_error err;
			sc_error_init(&err);
			if (domain_get(&a->c->dom, entity_get(E_COACH), record_int(r, "coach"),
			               &coach, &err) == SC_OK)
				other = record_int(coach, "person");
			record_free(&coach);
		}
		a->asg[a->n] = r->id;
		a->as_coach[a->n] = as_coach;
		person_name(a->c, other, a->with[a->n], sizeof(a->with[a->n]));
		a->n++;
	}
}

/* The person's active coaching relationships, as coach (through each coach profile) and as coachee.
 */
static enum sc_result relationships(struct agenda *a, struct sc_error *err)
{
	struct domain *d = &a->c->dom;
	struct record_list coaches = { 0 }, asg = { 0 };
	struct filter fc = { field(E_COACH, "person"), FO_EQ, a->me, 0, NULL };
	struct list_opts lo = { &fc, 1, FILTER_ID, false, 0, 0 };
	enum sc_result rc = domain_list(d, entity_get(E_COACH), &lo, &coaches, err);

	for (size_t i = 0; rc == SC_OK && i < coaches.n; i++) {
		struct filter fa[2] = { { field(E_ASSIGNMENT, "coach"), FO_EQ, coaches.items[i]->id,
			                  0, NULL },
			                { field(E_ASSIGNMENT, "status"), FO_EQ, 0, 0, "active" } };
		struct list_opts la = { fa, 2, FILTER_ID, false, 0, 0 };
		if ((rc = domain_list(d, entity_get(E_ASSIGNMENT), &la, &asg, err)) == SC_OK)
			add_relationships(a, &asg, true);
		record_list_release(&asg);
	}
	if (rc == SC_OK) {
		struct filter fa[2] = { { field(E_ASSIGNMENT, "coachee"), FO_EQ, a->me, 0, NULL },
			                { field(E_ASSIGNMENT, "status"), FO_EQ, 0, 0, "active" } };
		struct list_opts la = { fa, 2, FILTER_ID, false, 0, 0 };
		if ((rc = domain_list(d, entity_get(E_ASSIGNMENT), &la, &asg, err)) == SC_OK)
			add_relationships(a, &asg, false);
	}
	record_list_release(&asg);
	record_list_release(&coaches);
	/* Someone who may not list coaching records (an executive) coaches nobody and is
	 * coached by nobody: their agenda is empty, not refused. */
	if (rc == SC_FORBIDDEN) {
		sc_error_init(err);
		rc = SC_OK;
	}
	return rc;
}

/* The sessions, the open ends and the action items due of a's relationships. */
static enum sc_result gather(struct agenda *a, struct sc_error *err)
{
	struct domain *d = &a->c->dom;
	const struct entity_def *sdef = entity_get(E_SESSION), *adef = entity_get(E_ACTION);
	char now[TU_INSTANT_LEN];
	struct date_range range;
	enum sc_result rc;

	if (a->n == 0)
		return SC_OK;
	if ((rc = domain_range(d, sdef, a->from, a->to, &range, err)))
		return rc;
	struct filter fs[3] = {
		{ .field = field(E_SESSION, "assignment"), .op = FO_IN, .in = a->asg, .nin = a->n },
		range.f[0],
		range.f[1]
	};
	struct list_opts ls = { fs, 3, field(E_SESSION, "at"), false, 0, 0 };
	if ((rc = domain_list(d, sdef, &ls, &a->sessions, err)))
		return rc;
	/* Planned, and the time has passed: nobody recorded it as held or cancelled. */
	tu_now_instant(now);
	struct filter fo[3] = { fs[0],
		                { field(E_SESSION, "status"), FO_EQ, 0, 0, "planned" },
		                { .field = field(E_SESSION, "at"), .op = FO_LT, .s = now } };
	struct list_opts lo = { fo, 3, field(E_SESSION, "at"), false, 0, 0 };
	if ((rc = domain_list(d, sdef, &lo, &a->open_ends, err)))
		return rc;
	/* Not done, due by the last day: the overdue ones too. */
	struct filter fd[3] = {
		{ .field = field(E_ACTION, "assignment"), .op = FO_IN, .in = a->asg, .nin = a->n },
		{ .field = field(E_ACTION, "done_on"), .op = FO_NULL },
		{ .field = field(E_ACTION, "due_on"), .op = FO_LE, .s = a->to }
	};
	struct list_opts ld = { fd, 3, field(E_ACTION, "due_on"), false, 0, 0 };
	return domain_list(d, adef, &ld, &a->due, err);
}

/* The index of assignment id among a's relationships (there is one: the lists are scoped). */
static size_t rel(const struct agenda *a, int64_t id)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->asg[i] == id)
			return i;
	return 0;
}

/* A session's local time, its weekday before it ("ma 2026-11-30 09:00"). */
static void when(const struct agenda *a, const struct record *s, char *out, size_t size)
{
	char local[TU_DISPLAY_LEN] = "", day[TU_DATE_LEN], id[32];
	const char *at = record_text(s, "at");

	if (!at || !tu_format_local(at, a->c->dom.tz, local)) {
		snprintf(out, size, "%s", at ? at : "");
		return;
	}
	memcpy(day, local, 10);
	day[10] = '\0';
	snprintf(id, sizeof(id), "common.weekday.%ld", (tu_date_to_days(day) + 3) % 7 + 1);
	snprintf(out, size, "%s %s", msg_text(a->c->dom.lang, id), local);
}

static void print_session(const struct agenda *a, const struct record *s, bool open_end)
{
	enum msg_lang lang = a->c->dom.lang;
	size_t r = rel(a, record_int(s, "assignment"));
	char at[64], kind[64], minutes[16];
	const char *customer = record_text(s, "customer");

	when(a, s, at, sizeof(at));
	snprintf(kind, sizeof(kind), "label.session.kind.%s", record_text(s, "kind"));
	snprintf(minutes, sizeof(minutes), "%" PRId64, record_int(s, "minutes"));
	struct msg_arg args[] = { { "at", at },
		                  { "kind", msg_text(lang, kind) },
		                  { "minutes", minutes },
		                  { "with", a->with[r] },
		                  { "role", msg_text(lang, a->as_coach[r] ? "agenda.coachee"
		                                                          : "agenda.coach") },
		                  { "customer", customer ? customer : "" } };
	char *line = msg_format(lang,
	                        open_end   ? "agenda.open_end"
	                        : customer ? "agenda.session_at_customer"
	                                   : "agenda.session",
	                        args, ARRAY_SIZE(args));
	printf("  %s\n", line ? line : "");
	free(line);
}

static void print_due(const struct agenda *a, const struct record *act)
{
	enum msg_lang lang = a->c->dom.lang;
	size_t r = rel(a, record_int(act, "assignment"));
	const char *text = record_text(act, "text");
	bool mine = record_int(act, "owner") == a->me;
	struct msg_arg args[] = { { "due_on", record_text(act, "due_on") },
		                  { "with", a->with[r] },
		                  { "text", text ? text : "" } };
	bool late = strcmp(record_text(act, "due_on"), a->c->dom.today) < 0;
	static const char *const ids[2][2] = { { "agenda.due_theirs", "agenda.due_mine" },
		                               { "agenda.overdue_theirs", "agenda.overdue_mine" } };
	char *line = msg_format(lang, ids[late][mine], args, ARRAY_SIZE(args));
	printf("  %s\n", line ? line : "");
	free(line);
}

static void print_text(const struct agenda *a)
{
	enum msg_lang lang = a->c->dom.lang;
	char name[128];
	person_name(a->c, a->me, name, sizeof(name));
	struct msg_arg head[] = { { "name", name }, { "from", a->from }, { "to", a->to } };
	char *title =
	        msg_format(lang, strcmp(a->from, a->to) ? "agenda.title_days" : "agenda.title",
	                   head, ARRAY_SIZE(head));
	printf("%s\n", title ? title : "");
	free(title);
	if (a->n == 0) {
		printf("  %s\n", msg_text(lang, "agenda.no_relationships"));
		return;
	}
	printf("\n%s\n", msg_text(lang, "agenda.sessions"));
	if (a->sessions.n == 0)
		printf("  %s\n", msg_text(lang, "agenda.none"));
	for (size_t i = 0; i < a->sessions.n; i++)
		print_session(a, a->sessions.items[i], false);
	if (a->open_ends.n) {
		printf("\n%s\n", msg_text(lang, "agenda.open_ends"));
		for (size_t i = 0; i < a->open_ends.n; i++)
			print_session(a, a->open_ends.items[i], true);
	}
	printf("\n%s\n", msg_text(lang, "agenda.due_title"));
	if (a->due.n == 0)
		printf("  %s\n", msg_text(lang, "agenda.none"));
	for (size_t i = 0; i < a->due.n; i++)
		print_due(a, a->due.items[i]);
}

/* A list of a's as JSON, each record with the other party and the reader's part in it. */
static json_t *json_items(const struct agenda *a, const struct record_list *list)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < list->n; i++) {
		json_t *o = recjson_object(list->items[i], RJ_SHOW);
		size_t r = rel(a, record_int(list->items[i], "assignment"));
		if (!o || json_object_set_new(o, "with", json_string(a->with[r])) ||
		    json_object_set_new(o, "as",
		                        json_string(a->as_coach[r] ? "coach" : "coachee")) ||
		    json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static int print_json(const struct agenda *a)
{
	char name[128];
	person_name(a->c, a->me, name, sizeof(name));
	json_t *out = json_pack("{s:{s:I,s:s},s:s,s:s,s:o*,s:o*,s:o*}", "person", "id",
	                        (json_int_t)a->me, "name", name, "from", a->from, "to", a->to,
	                        "sessions", json_items(a, &a->sessions), "not_recorded",
	                        json_items(a, &a->open_ends), "due", json_items(a, &a->due));
	if (!out)
		return cli_nomem();
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(out);
	return CLI_OK;
}

int cli_agenda(struct cli *c, int argc, char **argv)
{
	struct agenda *a;
	struct sc_error err;
	bool week = false;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--week")) {
			week = true;
		} else if (!strcmp(argv[i], "--json")) {
			c->json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_help_text(c, "help.agenda"), stdout);
			return CLI_OK;
		} else {
			return cli_refuse("cli.cmd.unexpected_usage",
			                  CLI_ARGS({ "command", "agenda" }, { "arg", argv[i] }));
		}
	}
	if (!c->as_email)
		return cli_refuse("cli.agenda.needs_as", NULL, 0);
	if ((rc = cli_open(c)))
		return rc;
	if (!(a = calloc(1, sizeof(*a))))
		return cli_nomem();
	a->c = c;
	a->me = c->dom.actor.person_id;
	snprintf(a->from, sizeof(a->from), "%s", c->dom.today);
	tu_date_add(a->from, week ? 6 : 0, a->to);
	sc_error_init(&err);
	if (relationships(a, &err) || gather(a, &err))
		rc = cli_fail(&err);
	else if (c->json)
		rc = print_json(a);
	else
		print_text(a);
	record_list_release(&a->sessions);
	record_list_release(&a->open_ends);
	record_list_release(&a->due);
	free(a);
	return rc;
}
