/*
 * test_report.c - the executive report's figures per coaching model
 * (report.h, "models"), on small organisations built by hand through the
 * domain (tests/support/rules_fixture.c; today is 2026-11-28, k = 5 and
 * k_survey = 3 unless a test sets them). Every expected figure is worked
 * out in the comments from the records the test adds.
 */
#include "rules_fixture.h"
#include "domain/account.h"
#include "plan/report.h"

/* The report as the actor of fx->d reads it (owned). */
static json_t *report(struct fixture *fx)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_programmes(&fx->d, &out, &err) != SC_OK)
		fail_msg("the report was refused: %s", err.message);
	return out;
}

static json_t *model_of(json_t *rep, const char *model)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(rep, "models"), i, m)
	{
		if (!strcmp(json_string_value(json_object_get(m, "model")), model))
			return m;
	}
	fail_msg("no model %s in the report", model);
	return NULL;
}

/* The value at a path of keys under o ("acceptance", "coachee", "mean", NULL). */
static json_t *at_path(json_t *o, ...)
{
	va_list ap;
	const char *key;
	va_start(ap, o);
	while (o && (key = va_arg(ap, const char *)))
		o = json_object_get(o, key);
	va_end(ap);
	return o;
}

static void is_int(json_t *v, long want, const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) != want)
		fail_msg("%s: expected %ld, got %s", what, want,
		         v ? (json_is_null(v) ? "null" : "another value") : "nothing");
}

static void is_tenths(json_t *v, long tenths, const char *what)
{
	if (!json_is_number(v) || lround(json_number_value(v) * 10) != tenths ||
	    fabs(json_number_value(v) * 10 - (double)tenths) > 1e-9)
		fail_msg("%s: expected %.1f, got %s", what, tenths / 10.0,
		         json_is_null(v) ? "null" : "another value");
}

static void is_null(json_t *v, const char *what)
{
	if (!json_is_null(v))
		fail_msg("%s: expected null", what);
}

/*
 * The organisation of these tests:
 *   A, manager model, 8 coachees (Rep A .. Rep A 8), target 3 h: the manager
 *      coaches 5 h a week (21.7 h a month) but 8 x 3 = 24 h are needed.
 *   B, senior model, 4 coachees: k - 1.
 *   C, external model, 6 coachees.
 * Nobody has had a session: every coachee is behind (no-recent-session,
 * below-cadence).
 */
static void organisation(struct fixture *fx, struct world *a, struct world *b, struct world *c)
{
	world(fx, "A", "manager", "3", -100, a);
	coachees(fx, a, 8);
	world(fx, "B", "senior", "3", -100, b);
	coachees(fx, b, 4);
	world(fx, "C", "external", "3", -100, c);
	coachees(fx, c, 6);
}

/* A ballot: that person answered the survey about coach in round (YYYY-MM), not what. */
static void ballot(struct fixture *fx, int64_t coach_id, int64_t who, const char *round)
{
	struct record *rec = build(E_BALLOT);
	struct sc_error err;
	sc_error_init(&err);
	record_put_int(rec, "coach", coach_id);
	record_put_int(rec, "person", who);
	assert_int_equal(record_put_text(rec, "round", round), SC_OK);
	if (store_insert(fx->st, fx->org, rec, &err) != SC_OK)
		fail_msg("the ballot was refused: %s", err.message);
	record_free(&rec);
}

/* Ballots in round of n coachees of w's coach, the first skipped (by assignment id). */
static void coachee_ballots(struct fixture *fx, const struct world *w, int skip, int n,
                            const char *round)
{
	const struct entity_def *adef = entity_get(E_ASSIGNMENT);
	struct filter f = { entity_field(adef, "coach"), FO_EQ, w->coach, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list l = { 0 };
	struct sc_error err;
	assert_int_equal(store_list(fx->st, fx->org, adef, &lo, &l, &err), SC_OK);
	assert_true(l.n >= (size_t)(skip + n));
	for (int i = skip; i < skip + n; i++)
		ballot(fx, w->coach, record_int(l.items[i], "coachee"), round);
	record_list_release(&l);
}

/* Ballots in round of n people of management (new people, no coachee of w's coach). */
static void management_ballots(struct fixture *fx, const struct world *w, int n, const char *round)
{
	char name[40];
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "Director %s %s %d", w->tag, round, i + 1);
		ballot(fx, w->coach, person(fx, name, 0), round);
	}
}

/*
 * The pulse survey of the window (from 2026-08-30): about A's coach, five
 * coachees' answers and four of management; about C's coach, five
 * coachees' answers, four of them with "does not report on me". One answer
 * just before the window counts nowhere. Each answer of the window has its
 * ballot, each of another person, in the round of November.
 */
static void surveys(struct fixture *fx, const struct world *a, const struct world *c)
{
	static const int respect[5] = { 5, 4, 4, 3, 4 }, trust[5] = { 5, 5, 4, 4, 3 };
	for (int i = 0; i < 5; i++)
		survey(fx, a->coach, "coachee", -10 - i, respect[i], trust[i], 0);
	survey(fx, a->coach, "coachee", -91, 1, 1, 0);
	for (int i = 0; i < 4; i++)
		survey(fx, a->coach, "management", -20, 2, 2, 0);
	static const int nr[5] = { 2, 2, 3, 3, 0 };
	for (int i = 0; i < 5; i++)
		survey(fx, c->coach, "coachee", -5, 4, 4, nr[i]);
	coachee_ballots(fx, a, 0, 5, "2026-11");
	management_ballots(fx, a, 4, "2026-11");
	coachee_ballots(fx, c, 0, 5, "2026-11");
}

/* Both respondent groups of a model: nulls throughout. */
static void no_means(json_t *group, const char *what)
{
	static const char *const keys[] = { "answers", "mean",         "respect",      "trust",
		                            "helps",   "part_of_team", "not_reporting" };
	char name[80];
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		snprintf(name, sizeof(name), "%s %s", what, keys[i]);
		is_null(json_object_get(group, keys[i]), name);
	}
}

/* A suppressed model: its name, its number of programmes, and nothing else. */
static void suppressed(json_t *m, long programmes)
{
	assert_true(json_is_true(json_object_get(m, "suppressed")));
	is_int(json_object_get(m, "programmes"), programmes, "programmes");
	assert_int_equal(json_object_size(m), 3);
}

/* The rule ids of by_rule, with their counts, as "rule=n,rule=n". */
static const char *by_rule(json_t *m)
{
	static char buf[400];
	size_t i, n = 0;
	json_t *r;
	buf[0] = '\0';
	json_array_foreach(at_path(m, "alerts", "by_rule", NULL), i, r)
	{
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s=%lld", i ? "," : "",
		                      json_string_value(json_object_get(r, "rule")),
		                      (long long)json_integer_value(json_object_get(r, "alerts")));
	}
	return buf;
}

static void test_figures_per_model(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	surveys(fx, &a, &c);
	json_t *rep = report(fx);
	is_int(json_object_get(rep, "k_survey"), 3, "k_survey");
	/* The stricter rule: max(k 5, k_survey 3). */
	is_int(json_object_get(rep, "min_answers"), 5, "min_answers");
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 4);

	/* A: 8 coachees, shown to the nearest 5. */
	json_t *m = model_of(rep, "manager");
	assert_false(json_is_true(json_object_get(m, "suppressed")));
	is_int(json_object_get(m, "programmes"), 1, "manager programmes");
	is_int(json_object_get(m, "coachees"), 10, "manager coachees");
	/* Five answers in the window (the one of day -91 is not): respect 20/5 = 4.0, trust
	 * 21/5 = 4.2, helps and part of the team 4 each; the four together 81/20 = 4.05, halves
	 * up 4.1. "Does not report on me" is not asked about a manager. */
	json_t *g = at_path(m, "acceptance", "coachee", NULL);
	is_int(json_object_get(g, "answers"), 5, "manager coachee answers");
	is_int(json_object_get(g, "respondents"), 5, "manager coachee respondents");
	is_tenths(json_object_get(g, "respect"), 40, "manager respect");
	is_tenths(json_object_get(g, "trust"), 42, "manager trust");
	is_tenths(json_object_get(g, "helps"), 40, "manager helps");
	is_tenths(json_object_get(g, "part_of_team"), 40, "manager part_of_team");
	is_tenths(json_object_get(g, "mean"), 41, "manager mean");
	is_null(json_object_get(g, "not_reporting"), "manager not_reporting");
	/* Four answers of management: at least k_survey (3) but fewer than k (5): not shown. */
	no_means(at_path(m, "acceptance", "management", NULL), "manager management");

	/*
	 * A's open alerts: no-recent-session and below-cadence for each of the 8 coachees (each
	 * naming the coachee and Manager A: 9 people per rule), no-supervision (warning) and
	 * manager-no-time (error), both naming Manager A and Boss A: 18 alerts about 10 people.
	 * The error names 2 people: withheld; then the withheld name fewer than k together, so
	 * the warnings (the only other severity with alerts) are withheld too, and info (none)
	 * shows 0. By rule: no-supervision and manager-no-time (2 people each) withheld, and with
	 * them the first of the two rules of 9 people; below-cadence (8) is shown, the 10 others
	 * are counted together.
	 */
	is_int(at_path(m, "alerts", "open", NULL), 18, "manager open");
	is_int(at_path(m, "alerts", "people", NULL), 10, "manager people");
	is_null(at_path(m, "alerts", "by_severity", "error", NULL), "manager errors");
	is_null(at_path(m, "alerts", "by_severity", "warning", NULL), "manager warnings");
	is_int(at_path(m, "alerts", "by_severity", "info", NULL), 0, "manager info");
	assert_string_equal(by_rule(m), "below-cadence=8");
	is_int(at_path(m, "alerts", "other_rules", NULL), 10, "manager other rules");

	/* B: 4 coachees, k - 1: nothing but its name and number of programmes. */
	suppressed(model_of(rep, "senior"), 1);
	/* No internal programme at all. */
	suppressed(model_of(rep, "internal"), 0);

	/* C: 6 coachees, shown as 5. */
	m = model_of(rep, "external");
	is_int(json_object_get(m, "coachees"), 5, "external coachees");
	g = at_path(m, "acceptance", "coachee", NULL);
	is_int(json_object_get(g, "answers"), 5, "external coachee answers");
	is_tenths(json_object_get(g, "mean"), 40, "external mean");
	/* Four answers of "does not report on me" (mean 2.5): enough for the rule seen-as-spy
	 * (k_survey 3), which fires, but fewer than k for the report. */
	is_null(json_object_get(g, "not_reporting"), "external not_reporting");
	no_means(at_path(m, "acceptance", "management", NULL), "external management");
	/*
	 * C's alerts: 6 + 6 about the coachees (7 people per rule), not-on-floor (warning),
	 * seen-as-spy (error) and no-ride-alongs (info), each naming Extern C and Manager C:
	 * 15 alerts about 8 people. The error and the info name 2 people: withheld, and the
	 * warnings with them. That the external coach is seen as a spy is not to be read here.
	 */
	is_int(at_path(m, "alerts", "open", NULL), 15, "external open");
	is_int(at_path(m, "alerts", "people", NULL), 10, "external people");
	is_null(at_path(m, "alerts", "by_severity", "error", NULL), "external errors");
	is_null(at_path(m, "alerts", "by_severity", "warning", NULL), "external warnings");
	is_null(at_path(m, "alerts", "by_severity", "info", NULL), "external info");
	assert_string_equal(by_rule(m), "below-cadence=6");
	is_int(at_path(m, "alerts", "other_rules", NULL), 9, "external other rules");
	json_decref(rep);

	/* B gets a fifth coachee: k, shown (4 + 1 = 5). */
	coachee(fx, &b, 5, -100, NULL);
	rep = report(fx);
	m = model_of(rep, "senior");
	assert_false(json_is_true(json_object_get(m, "suppressed")));
	is_int(json_object_get(m, "coachees"), 5, "senior coachees");
	no_means(at_path(m, "acceptance", "coachee", NULL), "senior coachee");
	json_decref(rep);
}

/*
 * Open alerts only: acknowledged, the two alerts about Manager A and Boss A
 * go, and what is left (16 warnings about 9 people) is shown in full.
 */
static void test_acknowledged_alerts_are_not_counted(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	struct sc_error err;
	organisation(fx, &a, &b, &c);
	const struct alert_list *l = eval(fx, NULL);
	char ids[2][96];
	snprintf(ids[0], sizeof(ids[0]), "%s", fired(l, "manager-no-time", a.manager)->id);
	snprintf(ids[1], sizeof(ids[1]), "%s", fired(l, "no-supervision", a.manager)->id);
	for (int i = 0; i < 2; i++)
		assert_int_equal(rules_ack(&fx->d, ids[i], "agreed with the sales director", &err),
		                 SC_OK);
	json_t *rep = report(fx);
	json_t *m = model_of(rep, "manager");
	is_int(at_path(m, "alerts", "open", NULL), 16, "open");
	is_int(at_path(m, "alerts", "people", NULL), 10, "people (9, to the nearest 5)");
	is_int(at_path(m, "alerts", "by_severity", "error", NULL), 0, "errors");
	is_int(at_path(m, "alerts", "by_severity", "warning", NULL), 16, "warnings");
	is_int(at_path(m, "alerts", "by_severity", "info", NULL), 0, "info");
	assert_string_equal(by_rule(m), "no-recent-session=8,below-cadence=8");
	is_int(at_path(m, "alerts", "other_rules", NULL), 0, "other rules");
	json_decref(rep);
}

/*
 * An answer stays with the model its coach had when it was given: Extern C
 * made internal coach later takes none of C's answers along, so that the
 * external figure read before and after the change gives no answer back.
 */
static void test_answers_keep_their_coachs_kind(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	surveys(fx, &a, &c);
	update(fx, E_COACH, c.coach, "kind", "internal", "company", "", NULL);
	json_t *rep = report(fx);
	json_t *g = at_path(model_of(rep, "external"), "acceptance", "coachee", NULL);
	is_int(json_object_get(g, "answers"), 5, "external coachee answers after the change");
	is_tenths(json_object_get(g, "mean"), 40, "external mean after the change");
	json_decref(rep);
}

/* The smallest number of answers is the larger of k and k_survey, whichever is set higher. */
static void test_survey_means_need_k_and_k_survey(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	struct sc_error err;
	organisation(fx, &a, &b, &c);
	surveys(fx, &a, &c);

	/* k_survey 6 above k 5: A's five answers of coachees are too few. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "k_survey", "6", &err), SC_OK);
	json_t *rep = report(fx);
	is_int(json_object_get(rep, "min_answers"), 6, "min_answers");
	no_means(at_path(model_of(rep, "manager"), "acceptance", "coachee", NULL), "coachee");
	json_decref(rep);

	/* k 6 above k_survey 3: the same. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "k_survey", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "6", &err), SC_OK);
	rep = report(fx);
	is_int(json_object_get(rep, "min_answers"), 6, "min_answers");
	no_means(at_path(model_of(rep, "manager"), "acceptance", "coachee", NULL), "coachee");
	/* External: 6 coachees, k: still shown (as 5 would be below k: k). */
	is_int(json_object_get(model_of(rep, "external"), "coachees"), 6, "external coachees");
	json_decref(rep);

	/* k 4: management's four answers about A are shown (all 2), and B's 4 coachees. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "4", &err), SC_OK);
	rep = report(fx);
	json_t *g = at_path(model_of(rep, "manager"), "acceptance", "management", NULL);
	is_int(json_object_get(g, "answers"), 5, "management answers (4, to the nearest 5)");
	is_tenths(json_object_get(g, "respect"), 20, "management respect");
	is_tenths(json_object_get(g, "mean"), 30, "management mean ((2 + 2 + 4 + 4) / 4)");
	/* Four of "does not report on me" about C: now enough: (2 + 2 + 3 + 3) / 4 = 2.5. */
	is_tenths(
	        at_path(model_of(rep, "external"), "acceptance", "coachee", "not_reporting", NULL),
	        25, "external not_reporting");
	is_int(json_object_get(model_of(rep, "senior"), "coachees"), 5, "senior coachees");
	json_decref(rep);
}

/*
 * Answers are counted, people are what k is about: one person answers once a
 * round, so six answers can be two people's. Shown only when the ballots of
 * the window name k people; a round that began before the window (August,
 * as the window opens on 30 August) counts no one.
 */
static void test_survey_means_need_k_people(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	organisation(fx, &a, &b, &c);
	/* Two coachees of A, each in September, October and November: six answers. */
	for (int i = 0; i < 6; i++)
		survey(fx, a.coach, "coachee", -10 - 30 * (i / 2), 5, 5, 0);
	static const char *const rounds[] = { "2026-09", "2026-10", "2026-11" };
	for (int r = 0; r < 3; r++)
		coachee_ballots(fx, &a, 0, 2, rounds[r]);
	json_t *rep = report(fx);
	json_t *g = at_path(model_of(rep, "manager"), "acceptance", "coachee", NULL);
	is_int(json_object_get(g, "answers"), 5, "answers (6, to the nearest 5)");
	is_null(json_object_get(g, "respondents"), "respondents (2: fewer than k)");
	is_null(json_object_get(g, "mean"), "mean of two people");
	is_null(json_object_get(g, "respect"), "respect of two people");
	json_decref(rep);

	/* Three more of A's coachees in August: the round began before the window. */
	coachee_ballots(fx, &a, 2, 3, "2026-08");
	rep = report(fx);
	is_null(at_path(model_of(rep, "manager"), "acceptance", "coachee", "mean", NULL),
	        "mean with August's ballots");
	json_decref(rep);

	/* The same three answer in November: nine answers of five people, all 5. */
	for (int i = 0; i < 3; i++)
		survey(fx, a.coach, "coachee", -3, 5, 5, 0);
	coachee_ballots(fx, &a, 2, 3, "2026-11");
	rep = report(fx);
	g = at_path(model_of(rep, "manager"), "acceptance", "coachee", NULL);
	is_int(json_object_get(g, "answers"), 10, "answers (9, to the nearest 5)");
	is_int(json_object_get(g, "respondents"), 5, "respondents");
	is_tenths(json_object_get(g, "respect"), 50, "respect");
	is_tenths(json_object_get(g, "mean"), 45, "mean ((5 + 5 + 4 + 4) / 4)");
	json_decref(rep);
}

/* Every key of the models section, at any depth, is one of these: no name, no id of anyone. */
static void only_known_keys(json_t *v)
{
	static const char *const known[] = {
		"model",   "programmes", "suppressed", "coachees",     "acceptance",
		"coachee", "management", "answers",    "respondents",  "mean",
		"respect", "trust",      "helps",      "part_of_team", "not_reporting",
		"alerts",  "open",       "people",     "by_severity",  "error",
		"warning", "info",       "by_rule",    "rule",         "other_rules",
	};
	const char *key;
	json_t *sub;
	size_t i;
	if (json_is_array(v)) {
		json_array_foreach(v, i, sub) only_known_keys(sub);
		return;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (!rules_find(s) && strcmp(s, "manager") && strcmp(s, "senior") &&
		    strcmp(s, "internal") && strcmp(s, "external"))
			fail_msg("a text in the models section: '%s'", s);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, key, sub)
	{
		bool ok = false;
		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]) && !ok; k++)
			ok = !strcmp(key, known[k]);
		if (!ok)
			fail_msg("an unexpected key in the models section: '%s'", key);
		only_known_keys(sub);
	}
}

/*
 * Who reads the report: an executive (the same figures as the administrator)
 * and a manager; a rep and a coach are refused. Nothing in the models
 * section names a person or gives a person's id.
 */
static void test_who_reads_it_and_no_one_is_named(void **state)
{
	struct fixture *fx = *state;
	struct world a, b, c;
	struct sc_error err;
	int64_t account;
	organisation(fx, &a, &b, &c);
	surveys(fx, &a, &c);
	int64_t director = person(fx, "Director Z", 0);
	assert_int_equal(account_global_init(&err), SC_OK);
	assert_int_equal(
	        account_set(&fx->d, director, "executive", "correct horse battery", &account, &err),
	        SC_OK);
	json_t *admin = report(fx);
	json_t *models = json_object_get(admin, "models");
	only_known_keys(models);
	char *text = json_dumps(models, 0);
	assert_non_null(text);
	static const char *const names[] = { "Rep ",    "Manager ", "Boss ", "Senior ",
		                             "Extern ", "Director", "@" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		lacks(text, names[i]);
	free(text);

	/* The executive reads what the administrator reads. */
	act_as(fx, "Director Z");
	json_t *exec = report(fx);
	assert_true(json_equal(json_object_get(exec, "models"), models));
	json_decref(exec);
	/* A manager too (the report is the same for everyone who may read it). */
	act_as(fx, "Manager A");
	exec = report(fx);
	assert_true(json_equal(json_object_get(exec, "models"), models));
	json_decref(exec);

	/* A rep, and a coach who is no manager, are refused; nothing is answered. */
	static const char *const refused[] = { "Rep A", "Extern C" };
	for (size_t i = 0; i < 2; i++) {
		json_t *out = NULL;
		act_as(fx, refused[i]);
		sc_error_init(&err);
		assert_int_equal(report_programmes(&fx->d, &out, &err), SC_FORBIDDEN);
		assert_null(out);
	}
	json_decref(admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures_per_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acknowledged_alerts_are_not_counted, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_answers_keep_their_coachs_kind, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_survey_means_need_k_and_k_survey, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_survey_means_need_k_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_it_and_no_one_is_named, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
