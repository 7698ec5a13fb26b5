/*
 * test_api_access.c - the access-control matrix of the HTTP API in memory:
 * every resource as every role, every list holding exactly what its reader
 * may see, and every private field tried by everyone who must not see it.
 * The fixture is tests/support/api_fixture.h.
 */
#include "api_fixture.h"
#include "store_target.h"

#include <ctype.h>

/* ---- the access-control matrix -------------------------------------------------------------- */

/* GET /api/{plural} for every kind of record, as every role. */
static void test_every_list_as_every_role(void **state)
{
	struct fixture *fx = *state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		char path[64];
		if (def->eflags & (EF_INTERNAL | EF_READONLY))
			continue;
		snprintf(path, sizeof(path), "/api/%s", def->plural);
		for (int w = ANON; w < NWHO; w++) {
			int want = 200;
			bool config = k == E_TEAM || k == E_PROGRAMME || k == E_SKILL;
			if (w == ANON)
				want = 401;
			else if (w == EXEC && !config)
				want = 403;
			else if (k == E_SURVEY && w != ADMIN && w != FOREIGN)
				want = 403; /* anonymous answers: aggregates only */
			int got = call(fx, (enum who)w, "GET", path, NULL, NULL);
			expect_status_as((enum who)w, "GET", path, got, want);
		}
	}
}

/* The other endpoints, as every role. */
static void test_every_other_endpoint_as_every_role(void **state)
{
	struct fixture *fx = *state;
	/* Expected status per role: ANON ADMIN EXEC MGR_COACH REP SENIOR COACHEE MGR OTHER FOREIGN
	 */
	static const struct {
		const char *path;
		int want[NWHO];
	} table[] = {
		{ "/api/me", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/access-log", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/tokens", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/coachees", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/me/calendar", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		/* One's own data only: the path names nobody else (test_api_personal.c). */
		{ "/api/me/export", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		/* Managers only: Jeroen and Mark; the administrators and Erik manage nobody. */
		{ "/api/me/team", { 401, 403, 403, 200, 403, 403, 403, 200, 403, 403 } },
		{ "/api/alerts", { 401, 200, 403, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/reports/programmes", { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/coverage", { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		/* A bad month: 422 for whoever may read the report, still 403 for the others. */
		{ "/api/reports/coverage?from=2026-13",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		{ "/api/reports/coverage?model=boss&team=1",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		{ "/api/reports/hours", { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/hours?to=2026-1",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		{ "/api/reports/impact", { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/impact?to=2026-1",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		/* Acceptance: coaches too (their own rows only: test_acceptance.c). */
		{ "/api/reports/acceptance", { 401, 200, 200, 200, 403, 200, 403, 200, 200, 200 } },
		{ "/api/reports/acceptance?to=2026-13",
		  { 401, 422, 422, 422, 403, 422, 403, 422, 422, 422 } },
		/* Names coaches: administrators, and each coach (Jeroen, Erik, Mark, Linda) alone.
		 */
		{ "/api/reports/coaches", { 401, 200, 403, 200, 403, 200, 403, 200, 200, 200 } },
		{ "/api/reports/coaches?from=2026-13",
		  { 401, 422, 403, 422, 403, 422, 403, 422, 422, 422 } },
		/* As a spreadsheet: the same readers and refusals as the JSON (docs/export.md). */
		{ "/api/reports/coverage?format=csv",
		  { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/coverage?format=xlsx&from=2026-13",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		{ "/api/reports/hours?format=csv",
		  { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/impact?format=csv",
		  { 401, 200, 200, 200, 403, 403, 403, 200, 403, 200 } },
		{ "/api/reports/impact?format=pdf",
		  { 401, 422, 422, 422, 403, 403, 403, 422, 403, 422 } },
		{ "/api/reports/acceptance?format=csv",
		  { 401, 200, 200, 200, 403, 200, 403, 200, 200, 200 } },
		{ "/api/reports/coaches?format=csv",
		  { 401, 200, 403, 200, 403, 200, 403, 200, 200, 200 } },
		{ "/api/reports/coaches?format=xlsx",
		  { 401, 200, 403, 200, 403, 200, 403, 200, 200, 200 } },
		{ "/api/audit-log", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
		/* Everyone's own reads; administrators every read (test_reads_of_content_...). */
		{ "/api/access-log", { 401, 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
		{ "/api/accounts", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
		{ "/api/settings", { 401, 200, 403, 403, 403, 403, 403, 403, 403, 200 } },
	};
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++)
		for (int w = ANON; w < NWHO; w++) {
			int got = call(fx, (enum who)w, "GET", table[t].path, NULL, NULL);
			expect_status_as((enum who)w, "GET", table[t].path, got, table[t].want[w]);
		}
}

/* The acceptance report through the API: a coach gets their own rows and no model. */
static void test_a_coach_reads_only_their_own_acceptance(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL;
	int64_t linda = first_of(fx, 1, E_COACH, "person", person_of(fx, OTHER));

	assert_int_equal(call(fx, OTHER, "GET", "/api/reports/acceptance?from=2026-01", NULL, &j),
	                 200);
	assert_int_equal(json_array_size(json_object_get(j, "models")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "coaches")), 1);
	assert_int_equal(json_num(json_array_get(json_object_get(j, "coaches"), 0), "coach"),
	                 linda);
	json_decref(j);
	j = NULL;
	assert_int_equal(call(fx, EXEC, "GET", "/api/reports/acceptance?from=2026-01", NULL, &j),
	                 200);
	assert_int_equal(json_array_size(json_object_get(j, "models")), 4);
	assert_int_equal(json_array_size(json_object_get(j, "coaches")), 0);
	json_decref(j);
}

/* The coaches report of a coach holds their own entry and no other (Mark's profile is inactive
 * and has no coachee: none). */
static void test_a_coach_reads_only_their_own_coaches_entry(void **state)
{
	struct fixture *fx = *state;
	static const enum who coaches[] = { MGR_COACH, SENIOR, MGR, OTHER };
	static const size_t entries[] = { 1, 1, 0, 1 };
	for (size_t i = 0; i < sizeof(coaches) / sizeof(coaches[0]); i++) {
		json_t *out = NULL, *list;
		assert_int_equal(call(fx, coaches[i], "GET", "/api/reports/coaches?from=2025-01",
		                      NULL, &out),
		                 200);
		list = json_object_get(out, "coaches");
		assert_int_equal(json_array_size(list), entries[i]);
		json_t *p = json_object_get(json_object_get(json_array_get(list, 0), "coach"),
		                            "person");
		if (json_array_size(list))
			assert_int_equal(json_integer_value(json_object_get(p, "id")),
			                 person_of(fx, coaches[i]));
		json_decref(out);
	}
}

/* Each report of a range of months as a file named after it, for a reader of its JSON. */
static void test_reports_download_as_files(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = { "coverage", "hours", "impact", "coaches",
		                             "acceptance" };
	struct answer a = { 0 };
	char path[96], want[96];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		for (int x = 0; x < 2; x++) {
			const char *fmt = x ? "xlsx" : "csv";
			snprintf(path, sizeof(path), "/api/reports/%s?from=2026-09&format=%s",
			         names[i], fmt);
			snprintf(want, sizeof(want), "attachment; filename=\"%s.%s\"", names[i],
			         fmt);
			assert_int_equal(send_as(fx, ADMIN, "GET", path, NULL, NULL, &a), 200);
			if (strcmp(a.disposition, want))
				fail_msg("%s: Content-Disposition '%s'", path, a.disposition);
			answer_release(&a);
		}
	}
	/* A coach's file holds their own entry only, as their JSON does. */
	assert_int_equal(
	        send_as(fx, OTHER, "GET", "/api/reports/coaches?format=csv", NULL, NULL, &a), 200);
	assert_non_null(a.file);
	if (!strstr(a.file, "Linda Smit") || strstr(a.file, "Jeroen Bakker"))
		fail_msg("Linda's coaches.csv:\n%s", a.file);
	answer_release(&a);
}

/* Read one record as who; the status, and whether private field is present. */
static int read_private(struct fixture *fx, enum who w, const char *path, const char *field,
                        bool *present)
{
	json_t *j = NULL;
	int s = call(fx, w, "GET", path, NULL, &j);
	*present = s == 200 && json_object_get(j, field) != NULL;
	json_decref(j);
	return s;
}

/*
 * Lists push the caller's scope down to the store; whatever they answer must be exactly the
 * records the per-record rule lets the caller read, for every kind and role, and the total
 * must count them all whatever the page.
 */
/* Jesse shares the summary of a session of his (not jesse_session) with Mark: the share's id. */
static int64_t share_a_session(struct fixture *fx)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	struct filter f = { entity_field(sdef, "assignment"), FO_EQ, fx->jesse_assignment, 0,
		            NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 1 };
	struct record_list l = { 0 };
	struct sc_error err;
	struct domain d;

	assert_int_equal(store_list(fx->st, 1, sdef, &lo, &l, &err), SC_OK);
	assert_int_equal(l.n, 1);
	assert_int_not_equal(l.items[0]->id, fx->jesse_session);
	struct record *share = record_new(entity_get(E_SHARE));
	record_put_int(share, "session", l.items[0]->id);
	record_put_int(share, "person", person_of(fx, MGR));
	record_list_release(&l);
	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[COACHEE], &err), SC_OK);
	if (domain_add(&d, share, &err) != SC_OK)
		fail_msg("sharing a session: %s", err.message);
	int64_t id = share->id;
	record_free(&share);
	return id;
}

static void unshare(struct fixture *fx, int64_t share)
{
	struct sc_error err;
	struct domain d;
	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	assert_int_equal(domain_act_as(&d, emails[COACHEE], &err), SC_OK);
	assert_int_equal(domain_remove(&d, entity_get(E_SHARE), share, &err), SC_OK);
}

/* The session of assignment asg in status: the latest held or the earliest planned; NULL if none.
 */
static struct record *session_of(struct fixture *fx, int64_t asg, const char *status)
{
	const struct entity_def *def = entity_get(E_SESSION);
	bool held = strcmp(status, "held") == 0;
	struct filter f[2] = { { entity_field(def, "assignment"), FO_EQ, asg, 0, NULL },
		               { entity_field(def, "status"), FO_EQ, 0, 0, status } };
	struct list_opts lo = { f, 2, entity_field(def, "at"), held, 1, 0 };
	struct record_list l = { 0 };
	struct record *r = NULL;
	assert_int_equal(store_list(fx->st, 1, def, &lo, &l, NULL), SC_OK);
	if (l.n) {
		r = l.items[0];
		l.items[0] = NULL;
	}
	record_list_release(&l);
	return r;
}

/* Set the name of person id; its old name into old (size n) when old is not NULL. */
static void rename_person(struct fixture *fx, int64_t id, const char *name, char *old, size_t n)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct record *p = NULL;
	struct sc_error err;

	if (old) {
		assert_int_equal(store_get(fx->st, 1, def, id, &p, &err), SC_OK);
		snprintf(old, n, "%s", record_text(p, "name"));
		record_free(&p);
	}
	p = record_new(def);
	p->id = id;
	assert_int_equal(record_put_text(p, "name", name), SC_OK);
	assert_int_equal(store_update(fx->st, 1, p, &err), SC_OK);
	record_free(&p);
}

/* One coachee of GET /api/me/coachees against the store: relationship, person, sessions. */
static void check_coachee(struct fixture *fx, json_t *it, const struct record *asg)
{
	json_t *ce = json_object_get(it, "coachee");
	struct record *p = NULL;
	struct sc_error err;

	assert_int_equal(json_integer_value(json_object_get(it, "programme")),
	                 record_int(asg, "programme"));
	assert_string_equal(json_string_value(json_object_get(it, "status")), "active");
	assert_int_equal(
	        store_get(fx->st, 1, entity_get(E_PERSON), record_int(asg, "coachee"), &p, &err),
	        SC_OK);
	assert_int_equal(json_integer_value(json_object_get(ce, "id")), p->id);
	assert_string_equal(json_string_value(json_object_get(ce, "name")), record_text(p, "name"));
	assert_string_equal(json_string_value(json_object_get(ce, "email")),
	                    record_text(p, "email"));
	record_free(&p);
	static const char *const which[] = { "last_session", "next_session" };
	for (int k = 0; k < 2; k++) {
		json_t *js = json_object_get(it, which[k]);
		struct record *s = session_of(fx, asg->id, k ? "planned" : "held");
		assert_non_null(js);
		if (!s) {
			assert_true(json_is_null(js));
			continue;
		}
		assert_int_equal(json_object_size(js), 5);
		assert_int_equal(json_integer_value(json_object_get(js, "id")), s->id);
		assert_string_equal(json_string_value(json_object_get(js, "at")),
		                    record_text(s, "at"));
		assert_string_equal(json_string_value(json_object_get(js, "kind")),
		                    record_text(s, "kind"));
		assert_string_equal(json_string_value(json_object_get(js, "status")),
		                    k ? "planned" : "held");
		assert_int_equal(json_integer_value(json_object_get(js, "minutes")),
		                 record_int(s, "minutes"));
		record_free(&s);
	}
}

/*
 * A coach's coachees: every active relationship once, its coachee as stored
 * (names with quotes, a backslash, U+2028 and accents come back as they
 * are), the latest held and the earliest planned session, ordered by the
 * coachee's name bytewise and then by the relationship.
 */
static void test_a_coach_sees_their_coachees_in_name_order(void **state)
{
	struct fixture *fx = *state;
	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	static const char *const names[] = { "Zo\xc3\xab \"Z\" \\ \xe2\x80\xa8 Zed", "anna lower",
		                             "\xc3\x89mile", "Anna Tie", "Anna Tie" };
	enum { NNAMES = sizeof(names) / sizeof(names[0]) };
	char old[NNAMES][256];
	json_t *out = NULL;

	int64_t coach = first_of(fx, 1, E_COACH, "person", person_of(fx, MGR_COACH));
	struct filter f[2] = { { entity_field(adef, "coach"), FO_EQ, coach, 0, NULL },
		               { entity_field(adef, "status"), FO_EQ, 0, 0, "active" } };
	/* The last relationships first: the tie is renamed in the order opposite to its answer's.
	 */
	struct list_opts lo = { f, 2, FILTER_ID, true, 0, 0 };
	struct record_list asg = { 0 };
	assert_int_equal(store_list(fx->st, 1, adef, &lo, &asg, NULL), SC_OK);
	assert_true(asg.n >= NNAMES);
	for (size_t i = 0; i < NNAMES; i++)
		rename_person(fx, record_int(asg.items[i], "coachee"), names[i], old[i],
		              sizeof(old[i]));

	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/coachees", NULL, &out), 200);
	json_t *items = json_object_get(out, "items");
	assert_int_equal(json_array_size(items), asg.n);
	const char *prev_name = "";
	json_int_t prev_asg = 0;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		json_int_t a = json_integer_value(json_object_get(it, "assignment"));
		const char *name =
		        json_string_value(json_object_get(json_object_get(it, "coachee"), "name"));
		assert_non_null(name);
		int order = strcmp(prev_name, name);
		if (order > 0 || (order == 0 && prev_asg >= a))
			fail_msg("coachee %zu (%s, assignment %lld) comes after %s, %lld", i, name,
			         (long long)a, prev_name, (long long)prev_asg);
		prev_name = name;
		prev_asg = a;
		const struct record *r = NULL;
		for (size_t k = 0; k < asg.n; k++)
			if (asg.items[k]->id == a)
				r = asg.items[k];
		assert_non_null(r);
		check_coachee(fx, it, r);
	}
	/* 0xC3 sorts after 'Z' and 'a': the accented name comes last. */
	assert_string_equal(prev_name, names[2]);
	json_decref(out);
	for (size_t i = 0; i < NNAMES; i++)
		rename_person(fx, record_int(asg.items[i], "coachee"), old[i], NULL, 0);
	record_list_release(&asg);
}

/* The answers the API remembers for person (api_memo.c: GET /api/me/coachees only). */
static size_t remembered_for(struct fixture *fx, int64_t person)
{
	size_t n = 0;
	for (size_t i = 0; i < API_MEMO_SLOTS; i++)
		n += fx->api.memo[i].route && fx->api.memo[i].person == person;
	return n;
}

/*
 * On PostgreSQL a coach's coachees are given from memory while nothing
 * changed, as the same answer, and only to that coach; a change made in
 * the store itself, outside the API, shows in the next answer. SQLite keeps
 * no data version: nothing is remembered there.
 */
static void test_coachees_from_memory_never_after_a_change(void **state)
{
	struct fixture *fx = *state;
	bool pg = test_store_pg() != NULL;
	json_t *a = NULL, *b = NULL, *c = NULL, *other = NULL;
	char old[256];

	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/coachees", NULL, &a), 200);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/coachees", NULL, &b), 200);
	assert_true(json_equal(a, b));
	assert_int_equal(remembered_for(fx, person_of(fx, MGR_COACH)), pg ? 1 : 0);
	/* Another coach gets their own coachees, not the remembered answer. */
	assert_int_equal(call(fx, SENIOR, "GET", "/api/me/coachees", NULL, &other), 200);
	assert_false(json_equal(a, other));

	json_t *first = json_array_get(json_object_get(b, "items"), 0);
	assert_non_null(first);
	int64_t who = json_integer_value(json_object_get(json_object_get(first, "coachee"), "id"));
	rename_person(fx, who, "Renamed In The Store", old, sizeof(old));
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/coachees", NULL, &c), 200);
	json_t *items = json_object_get(c, "items");
	bool renamed = false;
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *ce = json_object_get(json_array_get(items, i), "coachee");
		if (json_integer_value(json_object_get(ce, "id")) == who)
			renamed = !strcmp(json_string_value(json_object_get(ce, "name")),
			                  "Renamed In The Store");
	}
	assert_true(renamed);
	rename_person(fx, who, old, NULL, 0);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(other);
}

static void test_lists_hold_exactly_the_readable_records(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	/* With a shared session, so that shares and what they open are listed too. */
	int64_t share = share_a_session(fx);
	for (int w = ADMIN; w < FOREIGN; w++) {
		struct domain d;
		assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
		assert_int_equal(domain_act_as(&d, emails[w], &err), SC_OK);
		for (int k = 0; k < E_COUNT; k++) {
			const struct entity_def *def = entity_get((enum entity_kind)k);
			struct record_list listed = { 0 }, all = { 0 }, page = { 0 };
			struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0 };
			size_t total = 0, want = 0, listed_i = 0;
			if ((def->eflags & EF_INTERNAL) ||
			    domain_access_kind(&d, def, NULL) != SC_OK)
				continue;
			assert_int_equal(domain_list_total(&d, def, &lo, &listed, &total, &err),
			                 SC_OK);
			assert_int_equal(store_list(fx->st, 1, def, &lo, &all, &err), SC_OK);
			for (size_t i = 0; i < all.n; i++) {
				if (domain_access_read(&d, all.items[i], NULL) != SC_OK)
					continue;
				want++;
				if (listed_i >= listed.n ||
				    listed.items[listed_i]->id != all.items[i]->id)
					fail_msg("%s: %s %lld is readable but not listed",
					         emails[w], def->name, (long long)all.items[i]->id);
				listed_i++;
			}
			if (listed.n != want || total != want)
				fail_msg("%s: %zu %s listed, total %zu, %zu readable", emails[w],
				         listed.n, def->plural, total, want);
			/* A page in the middle: the same records, the same total. */
			struct list_opts po = { NULL, 0, FILTER_ID, false, 3, 2 };
			assert_int_equal(domain_list_total(&d, def, &po, &page, &total, &err),
			                 SC_OK);
			assert_int_equal(total, want);
			for (size_t i = 0; i < page.n; i++)
				assert_int_equal(page.items[i]->id, listed.items[i + 2]->id);
			record_list_release(&listed);
			record_list_release(&all);
			record_list_release(&page);
		}
	}
	unshare(fx, share);
}

/*
 * Every list, as every role, is narrowed to what the caller may read in the query itself,
 * so that it costs what the caller may read: none reads the whole organisation to check
 * each record (a rep's observations took seconds on 10,000 reps). The one exception is
 * the sessions shared with the caller, checked among the sessions of their relationships.
 */
static void test_no_list_checks_the_organisation_record_by_record(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int64_t share = share_a_session(fx);
	for (int w = ADMIN; w < FOREIGN; w++) {
		struct domain d;
		assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
		assert_int_equal(domain_act_as(&d, emails[w], &err), SC_OK);
		for (int k = 0; k < E_COUNT; k++) {
			const struct entity_def *def = entity_get((enum entity_kind)k);
			struct domain_scope scope;
			if ((def->eflags & EF_INTERNAL) ||
			    domain_access_kind(&d, def, NULL) != SC_OK)
				continue;
			assert_int_equal(domain_access_scope(&d, def, &scope, &err), SC_OK);
			bool shared = k == E_SESSION && w == MGR;
			if (!scope.exact && !shared)
				fail_msg("%s: %s are listed by checking every one", emails[w],
				         def->plural);
			if (shared && scope.exact)
				fail_msg("%s: the sessions shared with them are not checked",
				         emails[w]);
			domain_scope_release(&scope);
		}
	}
	unshare(fx, share);
}

static void test_session_content_only_for_coach_and_coachee(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	static const struct {
		enum who w;
		int status;
		bool content;
	} want[] = {
		{ ANON, 401, false },      { ADMIN, 200, false }, { EXEC, 403, false },
		{ MGR_COACH, 404, false }, { REP, 404, false },   { SENIOR, 200, true },
		{ COACHEE, 200, true },    { MGR, 200, false },   { OTHER, 404, false },
		{ FOREIGN, 404, false },
	};
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		static const char *const fields[] = { "agenda", "notes" };
		for (size_t f = 0; f < 2; f++) {
			bool present;
			int s = read_private(fx, want[i].w, path, fields[f], &present);
			if (s != want[i].status || present != want[i].content)
				fail_msg("GET %s as %s: %d with%s %s; expected %d with%s", path,
				         want[i].w == ANON ? "anonymous" : emails[want[i].w], s,
				         present ? "" : "out", fields[f], want[i].status,
				         want[i].content ? "" : "out");
		}
	}
}

static void test_plan_is_404_to_everyone_but_the_parties(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	snprintf(path, sizeof(path), "/api/plans/%lld", (long long)fx->jesse_plan);
	for (int w = ANON; w < NWHO; w++) {
		bool present;
		int want = w == ANON                       ? 401
		           : w == EXEC                     ? 403
		           : (w == SENIOR || w == COACHEE) ? 200
		                                           : 404;
		int s = read_private(fx, (enum who)w, path, "goals", &present);
		if (s != want || present != (want == 200))
			fail_msg("GET %s as %s: %d (goals %s), expected %d", path,
			         w == ANON ? "anonymous" : emails[w], s,
			         present ? "shown" : "absent", want);
	}
	/* And lists of plans hold none of Jesse's for those who may not see them. */
	for (int w = ADMIN; w < NWHO; w++) {
		json_t *j = NULL;
		char q[80];
		snprintf(q, sizeof(q), "/api/plans?assignment=%lld",
		         (long long)fx->jesse_assignment);
		int s = call(fx, (enum who)w, "GET", q, NULL, &j);
		size_t n = json_array_size(json_object_get(j, "items"));
		json_decref(j);
		bool party = w == SENIOR || w == COACHEE;
		if (w == EXEC ? s != 403 : s != 200 || (n > 0) != party)
			fail_msg("GET %s as %s: %d with %zu plans", q, emails[w], s, n);
	}
}

/*
 * Every list of every kind with private fields, as every role: a private value may appear
 * only where the caller is the coach or the coachee of its relationship (found here from the
 * data as the local administrator), or the person a session was shared with.
 */
static void test_private_fields_are_never_listed_to_others(void **state)
{
	struct fixture *fx = *state;
	struct domain d;
	struct sc_error err;
	size_t seen = 0;

	assert_int_equal(domain_init(&d, fx->st, 1, &err), SC_OK);
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		char path[64];
		if (!entity_has_private(def) || (def->eflags & EF_INTERNAL))
			continue;
		snprintf(path, sizeof(path), "/api/%s?limit=1000", def->plural);
		for (int w = ADMIN; w < NWHO; w++) {
			json_t *j = NULL, *item;
			size_t i;
			int64_t me = w == FOREIGN ? -1 : person_of(fx, (enum who)w);
			if (call(fx, (enum who)w, "GET", path, NULL, &j) != 200) {
				json_decref(j);
				continue;
			}
			json_array_foreach(json_object_get(j, "items"), i, item)
			{
				bool shown = false;
				for (size_t f = 0; f < def->nfields; f++)
					shown |= (def->fields[f].flags & FF_PRIVATE) &&
					         json_object_get(item, def->fields[f].name);
				if (!shown)
					continue;
				seen++;
				int64_t id = json_integer_value(json_object_get(item, "id"));
				struct record *rec = NULL;
				int64_t coach = 0, coachee = 0;
				assert_int_equal(store_get(fx->st, 1, def, id, &rec, NULL), SC_OK);
				assert_int_equal(domain_parties(&d, rec, &coach, &coachee, &err),
				                 SC_OK);
				record_free(&rec);
				if (me != coach && me != coachee)
					fail_msg("%s lists private content of %s %lld (coach %lld, "
					         "coachee "
					         "%lld)",
					         emails[w], def->name, (long long)id,
					         (long long)coach, (long long)coachee);
			}
			json_decref(j);
		}
	}
	/* The parties did see their own content: the check above had something to check. */
	assert_true(seen > 50);
}

/*
 * Jesse's access log: its total, and in *entry (a new reference, or NULL) the entry of the
 * reads of session by reader.
 */
static json_int_t jesse_log(struct fixture *fx, int64_t reader, int64_t session, json_t **entry)
{
	json_t *j = NULL, *e;
	size_t i;
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log?limit=1000", NULL, &j), 200);
	json_int_t total = json_integer_value(json_object_get(j, "total"));
	assert_true(total < 1000);
	*entry = NULL;
	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		if (json_integer_value(json_object_get(e, "reader")) == reader &&
		    json_integer_value(json_object_get(e, "record_id")) == session &&
		    strcmp(json_string_value(json_object_get(e, "entity")), "session") == 0 &&
		    !*entry)
			*entry = json_incref(e);
	}
	json_decref(j);
	return total;
}

static void test_reads_of_content_go_to_the_coachees_access_log(void **state)
{
	struct fixture *fx = *state;
	json_t *entry = NULL;
	char path[64];
	size_t i;
	int64_t erik = person_of(fx, SENIOR), mark = person_of(fx, MGR);
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);

	/* Erik (his coach) read this session in the tests before, within the hour (the clock
	 * stands still): his entry counts every read, the list adds none. */
	json_int_t before = jesse_log(fx, erik, fx->jesse_session, &entry);
	json_int_t reads = entry ? json_integer_value(json_object_get(entry, "reads")) : 0;
	json_decref(entry);
	for (int i = 0; i < 3; i++)
		assert_int_equal(call(fx, SENIOR, "GET", path, NULL, NULL), 200);
	assert_int_equal(call(fx, MGR, "GET", path, NULL, NULL), 200); /* no content: no entry */
	assert_int_equal(jesse_log(fx, erik, fx->jesse_session, &entry), before + (reads == 0));
	assert_non_null(entry);
	assert_string_equal(json_string_value(json_object_get(entry, "reader_name")),
	                    emails[SENIOR]);
	assert_int_equal(json_integer_value(json_object_get(entry, "reads")), reads + 3);
	const char *at = json_string_value(json_object_get(entry, "at"));
	const char *last = json_string_value(json_object_get(entry, "last_at"));
	assert_true(at && last && strcmp(at, last) <= 0);
	assert_non_null(strstr(json_string_value(json_object_get(entry, "fields")), "notes"));
	json_decref(entry);
	assert_int_equal(jesse_log(fx, mark, fx->jesse_session, &entry), before + (reads == 0));
	assert_null(entry);
	/* Someone else's log is not theirs to read: the access log shows Mark his own reads only
	 * (none), and Jesse exactly his log of /api/me/access-log; the administrator every read. */
	json_t *j = NULL;
	assert_int_equal(call(fx, MGR, "GET", "/api/access-log?limit=1000", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	assert_int_equal(call(fx, COACHEE, "GET", "/api/access-log?limit=1000", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before + (reads == 0));
	json_array_foreach(json_object_get(j, "items"), i, entry) assert_int_equal(
	        json_integer_value(json_object_get(entry, "subject")), person_of(fx, COACHEE));
	json_decref(j);
	assert_int_equal(call(fx, ADMIN, "GET", "/api/access-log?limit=1000", NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) > before + (reads == 0));
	json_decref(j);
}

/* A list read with content=false holds no private field, even the reader's own, and is not
 * in the access log; the same list with content is. */
static void test_a_list_without_content_is_not_a_read_of_it(void **state)
{
	struct fixture *fx = *state;
	json_t *j = NULL, *entry = NULL, *it;
	char path[64], list[128];
	size_t i;
	int64_t erik = person_of(fx, SENIOR);

	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	assert_int_equal(call(fx, SENIOR, "GET", path, NULL, &j), 200);
	long long asg = (long long)json_integer_value(json_object_get(j, "assignment"));
	json_decref(j);
	json_int_t total = jesse_log(fx, erik, fx->jesse_session, &entry);
	json_int_t reads = json_integer_value(json_object_get(entry, "reads"));
	json_decref(entry);

	snprintf(list, sizeof(list), "/api/sessions?assignment=%lld&content=false", asg);
	assert_int_equal(call(fx, SENIOR, "GET", list, NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "items")) > 0);
	json_array_foreach(json_object_get(j, "items"), i, it)
	{
		assert_non_null(json_object_get(it, "at"));
		assert_non_null(json_object_get(it, "minutes"));
		assert_null(json_object_get(it, "agenda"));
		assert_null(json_object_get(it, "notes"));
		assert_null(json_object_get(it, "follow_up"));
	}
	json_decref(j);
	assert_int_equal(jesse_log(fx, erik, fx->jesse_session, &entry), total);
	assert_int_equal(json_integer_value(json_object_get(entry, "reads")), reads);
	json_decref(entry);

	snprintf(list, sizeof(list), "/api/sessions?assignment=%lld", asg);
	assert_int_equal(call(fx, SENIOR, "GET", list, NULL, NULL), 200);
	assert_int_equal(jesse_log(fx, erik, fx->jesse_session, &entry), total);
	assert_int_equal(json_integer_value(json_object_get(entry, "reads")), reads + 1);
	json_decref(entry);

	snprintf(list, sizeof(list), "/api/sessions?assignment=%lld&content=no", asg);
	assert_int_equal(call(fx, SENIOR, "GET", list, NULL, &j), 422);
	assert_string_equal(error_field(j), "content");
	json_decref(j);
}

/* Lotte's "who read my coaching record", whole: entries and their counts of reads. */
static json_t *lotte_log(struct fixture *fx)
{
	json_t *j = NULL;
	assert_int_equal(call(fx, REP, "GET", "/api/me/access-log?limit=1000", NULL, &j), 200);
	return j;
}

/*
 * Jeroen's team view: his reps with their coaching's dates and counts, as the sessions list
 * gives them to him, and none of the private content he may read as Lotte's coach; Lotte's
 * access log does not change, where a read of her sessions does. A rep is refused in words.
 */
static void test_a_managers_team_without_content(void **state)
{
	struct fixture *fx = *state;
	json_t *team = NULL, *p, *lotte = NULL, *j = NULL;
	char path[128];
	size_t i;

	json_t *before = lotte_log(fx);
	assert_int_equal(call(fx, MGR_COACH, "GET", "/api/me/team", NULL, &team), 200);
	json_t *after = lotte_log(fx);
	assert_true(json_equal(before, after));
	char *dump = json_dumps(team, 0);
	const char *leak = private_value_in(fx, dump);
	if (leak)
		fail_msg("the team view shows private content: %s", leak);
	free(dump);
	/* The search finds what there is to find: the agenda of one of Lotte's sessions. */
	struct record *s = NULL;
	assert_int_equal(store_get(fx->st, 1, entity_get(E_SESSION), fx->lotte_session, &s, NULL),
	                 SC_OK);
	assert_non_null(private_value_in(fx, record_text(s, "agenda")));
	record_free(&s);
	json_array_foreach(json_object_get(team, "people"), i, p)
	{
		if (json_integer_value(json_object_get(p, "id")) == person_of(fx, REP))
			lotte = p;
	}
	assert_non_null(lotte);
	assert_true(json_is_true(json_object_get(lotte, "coached")));
	assert_string_equal(json_string_value(json_object_get(
	                            json_array_get(json_object_get(lotte, "coaches"), 0), "name")),
	                    "Jeroen Bakker");
	/* Her last held session is the one the list of sessions gives first, newest first. */
	snprintf(path, sizeof(path), "/api/sessions?assignment=%lld&status=held&order=at&desc=true",
	         (long long)fx->lotte_assignment);
	assert_int_equal(call(fx, MGR_COACH, "GET", path, NULL, &j), 200);
	json_t *held = json_array_get(json_object_get(j, "items"), 0);
	json_t *last = json_object_get(lotte, "last_session");
	assert_string_equal(json_string_value(json_object_get(last, "at")),
	                    json_string_value(json_object_get(held, "at")));
	assert_string_equal(json_string_value(json_object_get(last, "kind")),
	                    json_string_value(json_object_get(held, "kind")));
	assert_int_equal(json_object_size(last), 3); /* at, kind, minutes: nothing else */
	json_decref(j);
	/* That list is a read of her content, which her log shows: the comparison above can fail.
	 */
	json_t *later = lotte_log(fx);
	assert_false(json_equal(after, later));
	json_decref(later);
	json_decref(before);
	json_decref(after);
	json_decref(team);

	assert_int_equal(call(fx, REP, "GET", "/api/me/team?lang=en", NULL, &j), 403);
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "this view is for managers"));
	json_decref(j);
	assert_int_equal(call(fx, REP, "GET", "/api/me/team?lang=nl", NULL, &j), 403);
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "dit overzicht is voor managers"));
	json_decref(j);
}

static void test_a_coachee_shares_a_session_summary_and_revokes_it(void **state)
{
	struct fixture *fx = *state;
	char path[64], body[128], share[64];
	json_t *j = NULL;
	bool present;

	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_false(present);
	/* Only the coachee shares, and not with the coach, who sees it already. */
	snprintf(body, sizeof(body), "{\"session\":%lld,\"person\":%lld}",
	         (long long)fx->jesse_session, (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, SENIOR, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, MGR, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, ADMIN, "POST", "/api/shares", body, NULL), 403);
	assert_int_equal(call(fx, COACHEE, "POST", "/api/shares", body, &j), 201);
	snprintf(share, sizeof(share), "/api/shares/%lld",
	         (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);

	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log", NULL, &j), 200);
	json_int_t before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_true(present);
	assert_int_equal(call(fx, COACHEE, "GET", "/api/me/access-log", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before + 1);
	json_decref(j);
	/* Shared with Mark, not with anyone else. */
	assert_int_equal(read_private(fx, OTHER, path, "notes", &present), 404);
	assert_int_equal(read_private(fx, ADMIN, path, "notes", &present), 200);
	assert_false(present);

	/* The coachee revokes it; Mark cannot revoke it for her. */
	assert_int_equal(call(fx, MGR, "DELETE", share, NULL, NULL), 403);
	assert_int_equal(call(fx, COACHEE, "DELETE", share, NULL, NULL), 204);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_false(present);

	/* A coachee who cannot list people names the person by e-mail address, in any case. */
	char person[64], email[160], big[400];
	snprintf(person, sizeof(person), "/api/people/%lld", (long long)person_of(fx, MGR));
	assert_int_equal(call(fx, ADMIN, "GET", person, NULL, &j), 200);
	snprintf(email, sizeof(email), "%s", json_string_value(json_object_get(j, "email")));
	json_decref(j);
	for (char *p = email; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	snprintf(big, sizeof(big), "{\"session\":%lld,\"person\":\"%s\"}",
	         (long long)fx->jesse_session, email);
	assert_int_equal(call(fx, COACHEE, "POST", "/api/shares", big, &j), 201);
	assert_int_equal(json_integer_value(json_object_get(j, "person")), person_of(fx, MGR));
	snprintf(share, sizeof(share), "/api/shares/%lld",
	         (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_true(present);
	assert_int_equal(call(fx, COACHEE, "DELETE", share, NULL, NULL), 204);
	/* An address nobody has is refused beside the field, naming it; a name is no address. */
	snprintf(big, sizeof(big), "{\"session\":%lld,\"person\":\"nobody@example.org\"}",
	         (long long)fx->jesse_session);
	assert_int_equal(call(fx, COACHEE, "POST", "/api/shares", big, &j), 422);
	assert_string_equal(error_field(j), "person");
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "nobody@example.org"));
	json_decref(j);
	snprintf(big, sizeof(big), "{\"session\":%lld,\"person\":\"Mark\"}",
	         (long long)fx->jesse_session);
	assert_int_equal(call(fx, COACHEE, "POST", "/api/shares", big, NULL), 422);
	assert_int_equal(read_private(fx, MGR, path, "notes", &present), 200);
	assert_false(present);
}

static void test_writes_follow_the_roles(void **state)
{
	struct fixture *fx = *state;
	char path[64];
	snprintf(path, sizeof(path), "/api/sessions/%lld", (long long)fx->jesse_session);
	/* The coachee rates the session; the admin and the manager may not touch it. */
	assert_int_equal(call(fx, COACHEE, "PATCH", path, "{\"feedback\":4}", NULL), 200);
	assert_int_equal(call(fx, ADMIN, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	assert_int_equal(call(fx, MGR, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	assert_int_equal(call(fx, OTHER, "PATCH", path, "{\"feedback\":1}", NULL), 404);
	assert_int_equal(call(fx, EXEC, "PATCH", path, "{\"feedback\":1}", NULL), 403);
	json_t *j = NULL;
	assert_int_equal(call(fx, SENIOR, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "feedback")), 4);
	json_decref(j);
	/* Teams are configured by administrators only. */
	assert_int_equal(call(fx, MGR, "POST", "/api/teams", "{\"name\":\"Eigen\"}", NULL), 403);
	assert_int_equal(call(fx, FOREIGN, "DELETE", path, NULL, NULL), 404);
}

/* The value of setting key in GET /api/settings as who (its help text into help, if asked). */
static double setting_value(struct fixture *fx, enum who w, const char *key, const char **help)
{
	json_t *j = NULL, *it;
	size_t i;
	double v = -1;
	assert_int_equal(call(fx, w, "GET", "/api/settings?lang=nl", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "settings"), i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "key")), key) != 0)
			continue;
		v = json_number_value(json_object_get(it, "value"));
		if (help) {
			static char text[256];
			snprintf(text, sizeof(text), "%s",
			         json_string_value(json_object_get(it, "help")));
			*help = text;
		}
		assert_true(json_number_value(json_object_get(it, "min")) <= v);
		assert_true(v <= json_number_value(json_object_get(it, "max")));
	}
	json_decref(j);
	return v;
}

/* The administrator reads and changes the thresholds; nobody else may; a refusal changes nothing.
 */
static void test_settings_are_the_administrators(void **state)
{
	struct fixture *fx = *state;
	const char *help = NULL;
	json_t *j = NULL;

	assert_true(setting_value(fx, ADMIN, "max_span", &help) == 10);
	assert_string_equal(help, "span-too-wide: hoogste aantal directe medewerkers per manager");
	assert_int_equal(call(fx, ADMIN, "PATCH", "/api/settings",
	                      "{\"max_span\":12,\"acceptance_min\":\"3.2\"}", NULL),
	                 200);
	assert_true(setting_value(fx, ADMIN, "max_span", NULL) == 12);
	assert_true(fabs(setting_value(fx, ADMIN, "acceptance_min", NULL) - 3.2) < 1e-9);
	/* All or nothing: one value out of range refuses the whole change, naming its field. */
	assert_int_equal(call(fx, ADMIN, "PATCH", "/api/settings?lang=en",
	                      "{\"max_span\":14,\"floor_days\":99}", &j),
	                 422);
	assert_string_equal(error_field(j), "floor_days");
	assert_non_null(
	        strstr(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	               "0 to 31"));
	json_decref(j);
	assert_true(setting_value(fx, ADMIN, "max_span", NULL) == 12);
	assert_true(setting_value(fx, ADMIN, "floor_days", NULL) == 8);
	/* An unknown setting and a value of the wrong kind are named by their key. */
	j = NULL;
	assert_int_equal(call(fx, ADMIN, "PATCH", "/api/settings", "{\"no_such\":1}", &j), 422);
	assert_string_equal(error_field(j), "no_such");
	json_decref(j);
	j = NULL;
	assert_int_equal(call(fx, ADMIN, "PATCH", "/api/settings", "{\"max_span\":true}", &j), 422);
	assert_string_equal(error_field(j), "max_span");
	json_decref(j);
	/* Every other role is refused, and changes nothing. */
	for (int w = EXEC; w < FOREIGN; w++)
		assert_int_equal(
		        call(fx, (enum who)w, "PATCH", "/api/settings", "{\"max_span\":3}", NULL),
		        403);
	assert_int_equal(call(fx, ANON, "PATCH", "/api/settings", "{\"max_span\":3}", NULL), 401);
	assert_true(setting_value(fx, ADMIN, "max_span", NULL) == 12);
	/* Another organisation's administrator changes their own organisation only. */
	assert_true(setting_value(fx, FOREIGN, "max_span", NULL) == 10);
	assert_int_equal(call(fx, ADMIN, "PATCH", "/api/settings", "{\"max_span\":10}", NULL), 200);
	/* Each change is in the audit log (newest first) with what it was and became; the refused
	 * ones are not. */
	j = NULL;
	assert_int_equal(
	        call(fx, ADMIN, "GET", "/api/audit-log?entity=setting&limit=100", NULL, &j), 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 3);
	static const char *const seen[][2] = {
		{ "{\"max_span\":\"12\"}", "{\"max_span\":\"10\"}" },
		{ "{\"acceptance_min\":\"3.5\"}", "{\"acceptance_min\":\"3.2\"}" },
		{ "{\"max_span\":\"10\"}", "{\"max_span\":\"12\"}" }
	};
	for (size_t i = 0; i < 3; i++) {
		json_t *e = json_array_get(items, i);
		assert_string_equal(json_string_value(json_object_get(e, "action")), "update");
		assert_string_equal(json_string_value(json_object_get(e, "before")), seen[i][0]);
		assert_string_equal(json_string_value(json_object_get(e, "after")), seen[i][1]);
	}
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_list_as_every_role),
		cmocka_unit_test(test_every_other_endpoint_as_every_role),
		cmocka_unit_test(test_a_coach_reads_only_their_own_acceptance),
		cmocka_unit_test(test_a_coach_reads_only_their_own_coaches_entry),
		cmocka_unit_test(test_reports_download_as_files),
		cmocka_unit_test(test_a_coach_sees_their_coachees_in_name_order),
		cmocka_unit_test(test_coachees_from_memory_never_after_a_change),
		cmocka_unit_test(test_lists_hold_exactly_the_readable_records),
		cmocka_unit_test(test_no_list_checks_the_organisation_record_by_record),
		cmocka_unit_test(test_session_content_only_for_coach_and_coachee),
		cmocka_unit_test(test_plan_is_404_to_everyone_but_the_parties),
		cmocka_unit_test(test_private_fields_are_never_listed_to_others),
		cmocka_unit_test(test_reads_of_content_go_to_the_coachees_access_log),
		cmocka_unit_test(test_a_list_without_content_is_not_a_read_of_it),
		cmocka_unit_test(test_a_managers_team_without_content),
		cmocka_unit_test(test_a_coachee_shares_a_session_summary_and_revokes_it),
		cmocka_unit_test(test_writes_follow_the_roles),
		cmocka_unit_test(test_settings_are_the_administrators),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
