/*
 * team.c - a manager's team at a glance (see team.h). The records are read
 * from the store as the programme report reads them, not through
 * domain_list: the answer holds dates, kinds, minutes and counts only, so
 * no private field is shown and nothing goes to a coachee's access log.
 * Only the names of the coaches are read through the domain, so that a
 * coach the actor may not read stays nameless here too.
 */
#include "plan/team.h"

#include <stdlib.h>
#include <string.h>

/* What the view reads: the manager, their reports and teams, and the coaching of the reports. */
struct team_data {
	int64_t manager;
	struct record *mgr;
	struct record_list people, teams, asgs, held, planned;
	int64_t *ids;     /* the reports' person ids, then the ids of every assignment */
	int64_t *current; /* the ids of the assignments in force today */
	size_t ncurrent;
	char from[TU_DATE_LEN];
	struct date_range window, ahead; /* held sessions counted; planned ones shown */
	json_t *coach_names;             /* coach id (as text) -> name or null, read once */
};

static int fx(enum entity_kind k, const char *name)
{
	return entity_field(entity_get(k), name);
}

/* Whether assignment a is in force on day: active, started, not ended. */
static bool in_force(const struct record *a, const char *day)
{
	return strcmp(record_text(a, "status"), "active") == 0 &&
	       strcmp(record_text(a, "starts_on"), day) <= 0 &&
	       (!record_is_set(a, "ends_on") || !*record_text(a, "ends_on") ||
	        strcmp(record_text(a, "ends_on"), day) >= 0);
}

/* Who may see manager's team (team.h); the manager's person record into t->mgr. */
static enum sc_result team_access(struct domain *d, struct team_data *t, struct sc_error *err)
{
	const struct actor *a = &d->actor;
	bool admin = a->person_id == 0 || (a->roles & ROLE_ADMIN);

	if (t->manager == 0 && a->person_id == 0)
		return sc_fail_msg(err, SC_INVALID, "manager", d->lang, "err.team.which", NULL);
	if (t->manager == 0)
		t->manager = a->person_id;
	if (t->manager == a->person_id && !(a->roles & ROLE_MANAGER))
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang,
		                   (a->roles & ROLE_EXECUTIVE) ? "err.team.executive"
		                                               : "err.team.not_manager",
		                   NULL);
	if (t->manager != a->person_id && !admin)
		return sc_fail_msg(err, SC_FORBIDDEN, NULL, d->lang, "err.team.others", NULL);
	return store_get(d->store, d->org, entity_get(E_PERSON), t->manager, &t->mgr, err);
}

/* The active reports of the manager, in name order, and the teams they lead. */
static enum sc_result load_people(struct domain *d, struct team_data *t, struct sc_error *err)
{
	struct filter fp[2] = { { fx(E_PERSON, "superior"), FO_EQ, t->manager, 0, NULL },
		                { fx(E_PERSON, "active"), FO_EQ, 1, 0, NULL } };
	struct list_opts lp = { fp, 2, fx(E_PERSON, "name"), false, 0, 0 };
	struct filter ft = { fx(E_TEAM, "manager"), FO_EQ, t->manager, 0, NULL };
	struct list_opts lt = { &ft, 1, FILTER_ID, false, 0, 0 };
	enum sc_result rc;

	if ((rc = store_list(d->store, d->org, entity_get(E_PERSON), &lp, &t->people, err)) ||
	    (rc = store_list(d->store, d->org, entity_get(E_TEAM), &lt, &t->teams, err)))
		return rc;
	if (!(t->ids = calloc(t->people.n + 1, sizeof(*t->ids))))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < t->people.n; i++)
		t->ids[i] = t->people.items[i]->id;
	return SC_OK;
}

/*
 * Every assignment of the reports; their held sessions, latest first; and the sessions
 * planned from today on in the assignments in force, earliest first.
 */
static enum sc_result load_coaching(struct domain *d, struct team_data *t, struct sc_error *err)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	struct filter fa = {
		.field = fx(E_ASSIGNMENT, "coachee"), .op = FO_IN, .in = t->ids, .nin = t->people.n
	};
	struct list_opts la = { &fa, 1, FILTER_ID, false, 0, 0 };
	enum sc_result rc;

	if (t->people.n == 0)
		return SC_OK;
	if ((rc = store_list(d->store, d->org, entity_get(E_ASSIGNMENT), &la, &t->asgs, err)))
		return rc;
	int64_t *ids = realloc(t->ids, (t->asgs.n + 1) * 2 * sizeof(*ids));
	if (!ids)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	t->ids = ids;
	t->current = ids + t->asgs.n + 1;
	for (size_t i = 0; i < t->asgs.n; i++) {
		t->ids[i] = t->asgs.items[i]->id;
		if (in_force(t->asgs.items[i], d->today))
			t->current[t->ncurrent++] = t->asgs.items[i]->id;
	}
	struct filter fh[2] = { { .field = fx(E_SESSION, "assignment"),
		                  .op = FO_IN,
		                  .in = t->ids,
		                  .nin = t->asgs.n },
		                { .field = fx(E_SESSION, "status"), .op = FO_EQ, .s = "held" } };
	struct list_opts lh = { fh, 2, fx(E_SESSION, "at"), true, 0, 0 };
	if (t->asgs.n && (rc = store_list(d->store, d->org, sdef, &lh, &t->held, err)))
		return rc;
	struct filter fn[3] = { { .field = fx(E_SESSION, "assignment"),
		                  .op = FO_IN,
		                  .in = t->current,
		                  .nin = t->ncurrent },
		                { .field = fx(E_SESSION, "status"), .op = FO_EQ, .s = "planned" },
		                t->ahead.f[0] };
	struct list_opts ln = { fn, 3, fx(E_SESSION, "at"), false, 0, 0 };
	if (t->ncurrent && (rc = store_list(d->store, d->org, sdef, &ln, &t->planned, err)))
		return rc;
	return SC_OK;
}

/* {at, kind, minutes} of session s. */
static json_t *session_json(const struct record *s)
{
	return json_pack("{s:s,s:s,s:I}", "at", record_text(s, "at"), "kind",
	                 record_text(s, "kind"), "minutes", (json_int_t)record_int(s, "minutes"));
}

static json_t *id_name(const struct record *r)
{
	return json_pack("{s:I,s:s}", "id", (json_int_t)r->id, "name", record_text(r, "name"));
}

/* The name of coach profile id's person as the actor may read it (null when they may not). */
static enum sc_result coach_name(struct domain *d, struct team_data *t, int64_t id, json_t **out,
                                 struct sc_error *err)
{
	char key[24];
	struct record *coach = NULL, *person = NULL;
	enum sc_result rc;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((*out = json_object_get(t->coach_names, key)))
		return SC_OK;
	if ((rc = store_get(d->store, d->org, entity_get(E_COACH), id, &coach, err)))
		return rc;
	rc = domain_get(d, entity_get(E_PERSON), record_int(coach, "person"), &person, err);
	if (rc == SC_NOT_FOUND) {
		sc_error_init(err);
		rc = SC_OK;
	}
	if (rc == SC_OK) {
		*out = person ? json_string(record_text(person, "name")) : json_null();
		if (json_object_set_new(t->coach_names, key, *out))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	record_free(&person);
	record_free(&coach);
	return rc;
}

/* The manager's team person p belongs to: that of the programme they are coached in, else the
 * first the manager leads; NULL when the manager leads none. Borrowed from t. */
static const struct record *team_of(struct domain *d, struct team_data *t, const struct record *a)
{
	struct record *prog = NULL;
	const struct record *found = t->teams.n ? t->teams.items[0] : NULL;

	if (a && store_get(d->store, d->org, entity_get(E_PROGRAMME), record_int(a, "programme"),
	                   &prog, NULL) == SC_OK)
		for (size_t i = 0; i < t->teams.n; i++)
			if (t->teams.items[i]->id == record_int(prog, "team"))
				found = t->teams.items[i];
	record_free(&prog);
	return found;
}

/* Whether session s belongs to an assignment of person. */
static bool of_person(const struct team_data *t, const struct record *s, int64_t person)
{
	int64_t asg = record_int(s, "assignment");
	for (size_t i = 0; i < t->asgs.n; i++)
		if (t->asgs.items[i]->id == asg)
			return record_int(t->asgs.items[i], "coachee") == person;
	return false;
}

/* The coaching of person p: coached, coaches, team. */
static enum sc_result person_coaching(struct domain *d, struct team_data *t, const struct record *p,
                                      json_t *o, struct sc_error *err)
{
	json_t *coaches = json_array();
	const struct record *first = NULL;
	enum sc_result rc = coaches ? SC_OK : sc_fail(err, SC_NOMEM, NULL, "out of memory");

	for (size_t i = 0; rc == SC_OK && i < t->asgs.n; i++) {
		const struct record *a = t->asgs.items[i];
		int64_t coach = record_int(a, "coach");
		bool seen = false;
		json_t *name, *c;
		if (record_int(a, "coachee") != p->id || !in_force(a, d->today))
			continue;
		first = first ? first : a;
		for (size_t k = 0; k < json_array_size(coaches); k++)
			seen |= json_integer_value(
			                json_object_get(json_array_get(coaches, k), "id")) == coach;
		if (seen || (rc = coach_name(d, t, coach, &name, err)))
			continue;
		c = json_pack("{s:I,s:O}", "id", (json_int_t)coach, "name", name);
		if (!c || json_array_append_new(coaches, c))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	const struct record *team = team_of(d, t, first);
	if (rc == SC_OK && (json_object_set_new(o, "team", team ? id_name(team) : json_null()) ||
	                    json_object_set_new(o, "coached", json_boolean(first != NULL)) ||
	                    json_object_set(o, "coaches", coaches)))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	json_decref(coaches);
	return rc;
}

/* The sessions of person p: the last held, the next planned, the held ones in the window. */
static enum sc_result person_sessions(struct team_data *t, const struct record *p, json_t *o,
                                      struct sc_error *err)
{
	const struct record *last = NULL, *next = NULL;
	json_int_t held = 0, minutes = 0;

	for (size_t i = 0; i < t->held.n; i++) {
		const struct record *s = t->held.items[i];
		const char *at = record_text(s, "at");
		if (!of_person(t, s, p->id))
			continue;
		last = last ? last : s; /* latest first */
		if (strcmp(at, t->window.from) >= 0 && strcmp(at, t->window.to) < 0) {
			held++;
			minutes += record_int(s, "minutes");
		}
	}
	for (size_t i = 0; i < t->planned.n && !next; i++)
		if (of_person(t, t->planned.items[i], p->id))
			next = t->planned.items[i];
	if (json_object_set_new(o, "last_session", last ? session_json(last) : json_null()) ||
	    json_object_set_new(o, "next_session", next ? session_json(next) : json_null()) ||
	    json_object_set_new(o, "sessions_held", json_integer(held)) ||
	    json_object_set_new(o, "minutes_held", json_integer(minutes)))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	return SC_OK;
}

static enum sc_result team_json(struct domain *d, struct team_data *t, json_t **out,
                                struct sc_error *err)
{
	json_t *teams = json_array(), *people = json_array();
	bool ok = teams && people;
	enum sc_result rc = SC_OK;

	*out = NULL;
	for (size_t i = 0; ok && i < t->teams.n; i++)
		ok = json_array_append_new(teams, id_name(t->teams.items[i])) == 0;
	for (size_t i = 0; ok && rc == SC_OK && i < t->people.n; i++) {
		const struct record *p = t->people.items[i];
		const char *title = record_is_set(p, "title") ? record_text(p, "title") : "";
		json_t *o = json_pack("{s:I,s:s,s:o}", "id", (json_int_t)p->id, "name",
		                      record_text(p, "name"), "title",
		                      *title ? json_string(title) : json_null());
		ok = o && json_array_append_new(people, o) == 0;
		if (ok && !(rc = person_coaching(d, t, p, o, err)))
			rc = person_sessions(t, p, o, err);
	}
	if (ok && rc == SC_OK)
		ok = (*out = json_pack("{s:o,s:s,s:{s:i,s:s,s:s},s:O,s:O}", "manager",
		                       id_name(t->mgr), "today", d->today, "window", "days",
		                       TEAM_WINDOW_DAYS, "from", t->from, "to", d->today, "teams",
		                       teams, "people", people)) != NULL;
	json_decref(teams);
	json_decref(people);
	return rc == SC_OK && !ok ? sc_fail(err, SC_NOMEM, NULL, "out of memory") : rc;
}

enum sc_result team_activity(struct domain *d, int64_t manager, json_t **out, struct sc_error *err)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	struct team_data t = { .manager = manager };
	enum sc_result rc;

	*out = NULL;
	tu_date_add(d->today, -TEAM_WINDOW_DAYS, t.from);
	if (!(t.coach_names = json_object()))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (!(rc = team_access(d, &t, err)) &&
	    !(rc = domain_range(d, sdef, t.from, d->today, &t.window, err)) &&
	    !(rc = domain_range(d, sdef, d->today, NULL, &t.ahead, err)) &&
	    !(rc = load_people(d, &t, err)) && !(rc = load_coaching(d, &t, err)))
		rc = team_json(d, &t, out, err);
	json_decref(t.coach_names);
	free(t.ids);
	record_free(&t.mgr);
	record_list_release(&t.people);
	record_list_release(&t.teams);
	record_list_release(&t.asgs);
	record_list_release(&t.held);
	record_list_release(&t.planned);
	return rc;
}
