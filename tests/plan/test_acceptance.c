/*
 * test_acceptance.c - the acceptance report (report.h, report_acceptance)
 * on a small organisation built by hand (tests/support/rules_fixture.c;
 * today is 2026-11-28). k is 3 and k_survey 4, so min_answers is 4. Every
 * expected mean is worked out in the comment of organisation() from the
 * answers it adds.
 */
#include "rules_fixture.h"
#include "plan/report.h"

/* One answer about coach: the items 1-5, not_reporting and feels_like_assessment 0 for none. */
static void answer(struct fixture *fx, int64_t coach_id, const char *respondent, const char *on,
                   int r, int t, int h, int p, int nr, int fa)
{
	struct record *rec = build(E_SURVEY);
	put(fx, rec, "coach", num(coach_id));
	put(fx, rec, "respondent", respondent);
	put(fx, rec, "answered_on", on);
	put(fx, rec, "respect", num(r));
	put(fx, rec, "trust", num(t));
	put(fx, rec, "helps", num(h));
	put(fx, rec, "part_of_team", num(p));
	if (nr)
		put(fx, rec, "not_reporting", num(nr));
	if (fa)
		put(fx, rec, "feels_like_assessment", num(fa));
	store(fx, rec);
}

/* n answers alike. */
static void answers(struct fixture *fx, int n, int64_t coach_id, const char *respondent,
                    const char *on, int r, int t, int h, int p, int nr, int fa)
{
	for (int i = 0; i < n; i++)
		answer(fx, coach_id, respondent, on, r, t, h, p, nr, fa);
}

/*
 * Two internal coaches (I, J; teams I and J) and two manager-coaches
 * (Manager M, Manager N), from 2026-09 to 2026-11; min_answers 4.
 * (respect, trust, helps, part_of_team, not_reporting, feels_like_assessment)
 *   I coachees Sep: (5,4,4,3,5,2) (4,4,3,3,4,2) (5,5,4,4,5,1) (4,3,3,2,4,3): 4 answers,
 *              respect 18/4 = 4.5, trust 4.0, helps 3.5, part 3.0, not_reporting 4.5,
 *              assessment 2.0, mean 60/16 = 3.75 -> 3.8.
 *   I coachees Oct: 4 x (3,3,3,3,3,-): mean 3.0.  J coachees Oct: 1 x (1,1,1,1,1,-).
 *              J (1) is under 4; alone it would be the model less I: I is withheld too.
 *              Model Oct: 5 answers, one coach has 4 (>= k people): mean 52/20 = 2.6.
 *   I coachees Nov: 4 x (4,4,4,4,5,-) + (5,5,5,5,5,-): 5 answers, every item 21/5 = 4.2,
 *              not_reporting 5.0, assessment null (nobody answered it).
 *   J coachees Nov: 4 x (2,3,2,3,2,-): respect 2.0, trust 3.0, mean 40/16 = 2.5.
 *              Model Nov: 9 answers, mean 124/36 = 3.44 -> 3.4, respect 29/9 = 3.2,
 *              trust 33/9 = 3.7, not_reporting 33/9 = 3.7.
 *   I and J management Oct: 2 x (3,3,3,3) and 2 x (4,4,4,4): each under 4, and the
 *              model's 4 answers are no more than 2 about one coach (perhaps 2 people):
 *              withheld everywhere.
 *   Trends (coachees): model Sep 3.8 -> Nov 3.4 = -0.4; I Sep 3.8 -> Nov 4.2 = +0.4
 *              (Oct withheld); J shown in Nov only: none.
 *   Manager M coachees Nov: 4 x (4,4,4,4); Manager N: 2 x (2,2,2,2). N is under 4, so M
 *              is withheld with it; model Nov: 6 answers, 80/24 = 3.33 -> 3.3.
 *   Outside the range: I coachees 2026-08-31 (1,1,1,1), never counted.
 */
static void organisation(struct fixture *fx, struct world *i, struct world *j, struct world *m,
                         struct world *n)
{
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k_survey", "4", &err), SC_OK);
	world(fx, "I", "internal", "3", -300, i);
	world(fx, "J", "internal", "3", -300, j);
	world(fx, "M", "manager", "3", -300, m);
	world(fx, "N", "manager", "3", -300, n);

	answer(fx, i->coach, "coachee", "2026-09-10", 5, 4, 4, 3, 5, 2);
	answer(fx, i->coach, "coachee", "2026-09-10", 4, 4, 3, 3, 4, 2);
	answer(fx, i->coach, "coachee", "2026-09-11", 5, 5, 4, 4, 5, 1);
	answer(fx, i->coach, "coachee", "2026-09-30", 4, 3, 3, 2, 4, 3);
	answers(fx, 4, i->coach, "coachee", "2026-10-05", 3, 3, 3, 3, 3, 0);
	answer(fx, j->coach, "coachee", "2026-10-06", 1, 1, 1, 1, 1, 0);
	answers(fx, 4, i->coach, "coachee", "2026-11-02", 4, 4, 4, 4, 5, 0);
	answer(fx, i->coach, "coachee", "2026-11-01", 5, 5, 5, 5, 5, 0);
	answers(fx, 4, j->coach, "coachee", "2026-11-03", 2, 3, 2, 3, 2, 0);
	answers(fx, 2, i->coach, "management", "2026-10-20", 3, 3, 3, 3, 0, 0);
	answers(fx, 2, j->coach, "management", "2026-10-21", 4, 4, 4, 4, 0, 0);
	answers(fx, 4, m->coach, "coachee", "2026-11-04", 4, 4, 4, 4, 0, 0);
	answers(fx, 2, n->coach, "coachee", "2026-11-05", 2, 2, 2, 2, 0, 0);
	answer(fx, i->coach, "coachee", "2026-08-31", 1, 1, 1, 1, 0, 0);
}

static json_t *acceptance(struct fixture *fx, const struct report_opts *o)
{
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	if (report_acceptance(&fx->d, o, &out, &err) != SC_OK)
		fail_msg("the acceptance report was refused: %s", err.message);
	return out;
}

/* The entry of list whose key is val (a model's name, or a coach's id as text). */
static json_t *entry(json_t *rep, const char *list, const char *key, const char *val)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(rep, list), i, e)
	{
		json_t *v = json_object_get(e, key);
		if ((json_is_string(v) && !strcmp(json_string_value(v), val)) ||
		    (json_is_integer(v) && !strcmp(num(json_integer_value(v)), val)))
			return e;
	}
	fail_msg("no %s %s in %s", key, val, list);
	return NULL;
}

/* The group's figures of month in an entry. */
static json_t *cell(json_t *e, const char *month, const char *group)
{
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(e, "months"), i, m)
	{
		if (!strcmp(json_string_value(json_object_get(m, "month")), month))
			return json_object_get(m, group);
	}
	fail_msg("no month %s", month);
	return NULL;
}

/* A figure in tenths (-1 for null). */
static long tenths(json_t *c, const char *item)
{
	json_t *v = json_object_get(c, item);
	return json_is_number(v) ? lround(json_number_value(v) * 10) : -1;
}

/* Shown with this many answers and this mean (tenths). */
static void shown(json_t *c, long n, long mean, const char *what)
{
	if (json_integer_value(json_object_get(c, "answers")) != n ||
	    json_is_true(json_object_get(c, "withheld")) || tenths(c, "mean") != mean)
		fail_msg("%s: expected %ld answers, mean %.1f; got %s", what, n, mean / 10.0,
		         json_dumps(c, JSON_COMPACT));
}

/* Withheld: no mean, no item. */
static void withheld(json_t *c, const char *what)
{
	if (!json_is_true(json_object_get(c, "withheld")))
		fail_msg("%s: expected withheld: %s", what, json_dumps(c, JSON_COMPACT));
	static const char *const all[] = { "mean",
		                           "respect",
		                           "trust",
		                           "helps",
		                           "part_of_team",
		                           "not_reporting",
		                           "feels_like_assessment" };
	for (size_t k = 0; k < 7; k++)
		if (!json_is_null(json_object_get(c, all[k])))
			fail_msg("%s: a withheld cell shows %s", what, all[k]);
}

static void test_means_per_month_model_and_coach(void **state)
{
	struct fixture *fx = *state;
	struct world i, j, m, n;
	organisation(fx, &i, &j, &m, &n);
	struct report_opts o = { .from = "2026-09", .to = "2026-11" };
	json_t *rep = acceptance(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	assert_int_equal(json_integer_value(json_object_get(rep, "k_survey")), 4);
	assert_int_equal(json_integer_value(json_object_get(rep, "min_answers")), 4);
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 4);
	json_t *in = entry(rep, "models", "model", "internal");
	json_t *sep = cell(in, "2026-09", "coachee");
	shown(sep, 4, 38, "internal Sep coachees");
	assert_int_equal(tenths(sep, "respect"), 45);
	assert_int_equal(tenths(sep, "trust"), 40);
	assert_int_equal(tenths(sep, "helps"), 35);
	assert_int_equal(tenths(sep, "part_of_team"), 30);
	assert_int_equal(tenths(sep, "not_reporting"), 45);
	assert_int_equal(tenths(sep, "feels_like_assessment"), 20);
	/* October: J's one answer and I's four, together; the 31 August answer is not in it. */
	shown(cell(in, "2026-10", "coachee"), 5, 26, "internal Oct coachees");
	assert_int_equal(tenths(cell(in, "2026-10", "coachee"), "feels_like_assessment"), -1);
	json_t *nov = cell(in, "2026-11", "coachee");
	shown(nov, 9, 34, "internal Nov coachees");
	assert_int_equal(tenths(nov, "respect"), 32);
	assert_int_equal(tenths(nov, "trust"), 37);
	assert_int_equal(tenths(nov, "not_reporting"), 37);
	/* Management: 4 answers, but at most 2 about one coach. */
	withheld(cell(in, "2026-10", "management"), "internal Oct management");
	json_t *t = json_object_get(json_object_get(in, "trend"), "coachee");
	assert_string_equal(json_string_value(json_object_get(t, "from")), "2026-09");
	assert_string_equal(json_string_value(json_object_get(t, "to")), "2026-11");
	assert_int_equal(tenths(t, "change"), -4);
	assert_true(json_is_null(json_object_get(json_object_get(in, "trend"), "management")));
	/* No answers in the month: no figures, nothing withheld. */
	json_t *empty = cell(in, "2026-09", "management");
	assert_true(json_is_null(json_object_get(empty, "answers")));
	assert_true(json_is_false(json_object_get(empty, "withheld")));

	/* Per coach: I's October is withheld with J's single answer; management under 4. */
	json_t *ci = entry(rep, "coaches", "coach", num(i.coach));
	assert_string_equal(json_string_value(json_object_get(ci, "name")), "Intern I");
	assert_string_equal(json_string_value(json_object_get(ci, "kind")), "internal");
	shown(cell(ci, "2026-09", "coachee"), 4, 38, "I Sep");
	withheld(cell(ci, "2026-10", "coachee"), "I Oct");
	assert_int_equal(
	        json_integer_value(json_object_get(cell(ci, "2026-10", "coachee"), "answers")), 4);
	shown(cell(ci, "2026-11", "coachee"), 5, 42, "I Nov");
	assert_int_equal(tenths(cell(ci, "2026-11", "coachee"), "not_reporting"), 50);
	withheld(cell(ci, "2026-10", "management"), "I Oct management");
	assert_true(json_is_null(json_object_get(cell(ci, "2026-10", "management"), "answers")));
	t = json_object_get(json_object_get(ci, "trend"), "coachee");
	assert_int_equal(tenths(t, "change"), 4);
	json_t *cj = entry(rep, "coaches", "coach", num(j.coach));
	withheld(cell(cj, "2026-10", "coachee"), "J Oct");
	shown(cell(cj, "2026-11", "coachee"), 4, 25, "J Nov");
	assert_int_equal(tenths(cell(cj, "2026-11", "coachee"), "respect"), 20);
	assert_int_equal(tenths(cell(cj, "2026-11", "coachee"), "trust"), 30);
	assert_true(json_is_null(json_object_get(json_object_get(cj, "trend"), "coachee")));

	/* Manager model: N's two answers withhold M's four; the model shows the six. */
	json_t *mm = entry(rep, "models", "model", "manager");
	shown(cell(mm, "2026-11", "coachee"), 6, 33, "manager Nov");
	withheld(cell(entry(rep, "coaches", "coach", num(m.coach)), "2026-11", "coachee"), "M");
	withheld(cell(entry(rep, "coaches", "coach", num(n.coach)), "2026-11", "coachee"), "N");
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 4);
	json_decref(rep);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct world i, j, m, n;
	organisation(fx, &i, &j, &m, &n);

	/* The manager model: its coaches only. */
	struct report_opts o = { .model = "manager", .from = "2026-09", .to = "2026-11" };
	json_t *rep = acceptance(fx, &o);
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 1);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 2);
	shown(cell(entry(rep, "models", "model", "manager"), "2026-11", "coachee"), 6, 33,
	      "manager only");
	json_decref(rep);

	/*
	 * Team I (and its programme): coach I only. September and November are I's own
	 * figures; October's would be I's withheld cell, and the report without the filter
	 * less this one would give J's one answer back: withheld.
	 */
	struct report_opts t = { .team = i.team, .from = "2026-09", .to = "2026-11" };
	struct report_opts p = { .programme = i.prog, .from = "2026-09", .to = "2026-11" };
	json_t *by_team = acceptance(fx, &t), *by_prog = acceptance(fx, &p);
	json_t *in = entry(by_team, "models", "model", "internal");
	shown(cell(in, "2026-09", "coachee"), 4, 38, "team I Sep");
	withheld(cell(in, "2026-10", "coachee"), "team I Oct");
	shown(cell(in, "2026-11", "coachee"), 5, 42, "team I Nov");
	assert_int_equal(json_array_size(json_object_get(by_team, "coaches")), 1);
	json_t *mm = entry(by_team, "models", "model", "manager");
	assert_true(json_is_null(json_object_get(cell(mm, "2026-11", "coachee"), "answers")));
	assert_true(
	        json_equal(json_object_get(by_team, "models"), json_object_get(by_prog, "models")));
	assert_true(json_equal(json_object_get(by_team, "coaches"),
	                       json_object_get(by_prog, "coaches")));
	json_decref(by_team);
	json_decref(by_prog);
}

static void test_who_reads_what(void **state)
{
	struct fixture *fx = *state;
	struct world i, j, m, n;
	organisation(fx, &i, &j, &m, &n);
	struct report_opts o = { .from = "2026-09", .to = "2026-11" };
	json_t *admin = acceptance(fx, &o);

	/* A coach: their own rows, as the administrator sees them, and no model. */
	act_as(fx, "Intern I");
	json_t *own = acceptance(fx, &o);
	assert_int_equal(json_array_size(json_object_get(own, "models")), 0);
	assert_int_equal(json_array_size(json_object_get(own, "coaches")), 1);
	assert_true(json_equal(json_array_get(json_object_get(own, "coaches"), 0),
	                       entry(admin, "coaches", "coach", num(i.coach))));
	json_decref(own);

	/*
	 * A manager who coaches: the models and their own rows. Manager M's own November
	 * is withheld (with N's), so the model's 3.3 less M's own cannot give N's two
	 * answers back.
	 */
	act_as(fx, "Manager M");
	json_t *mgr = acceptance(fx, &o);
	assert_true(json_equal(json_object_get(mgr, "models"), json_object_get(admin, "models")));
	assert_int_equal(json_array_size(json_object_get(mgr, "coaches")), 1);
	json_t *mine = json_array_get(json_object_get(mgr, "coaches"), 0);
	assert_int_equal(json_integer_value(json_object_get(mine, "coach")), m.coach);
	withheld(cell(mine, "2026-11", "coachee"), "M's own November");
	shown(cell(entry(mgr, "models", "model", "manager"), "2026-11", "coachee"), 6, 33,
	      "manager model to Manager M");
	json_decref(mgr);

	/* An executive-like reader who coaches nobody: the boss, above the managers. */
	act_as(fx, "Boss I");
	json_t *boss = acceptance(fx, &o);
	assert_true(json_equal(json_object_get(boss, "models"), json_object_get(admin, "models")));
	assert_int_equal(json_array_size(json_object_get(boss, "coaches")), 0);
	json_decref(boss);

	/* A rep is refused, saying who may read it, in English and Dutch. */
	act_as(fx, "Rep I");
	json_t *out = NULL;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(report_acceptance(&fx->d, &o, &out, &err), SC_FORBIDDEN);
	assert_null(out);
	assert_non_null(strstr(err.message, "coaches (a coach sees their own"));
	fx->d.lang = MSG_NL;
	sc_error_init(&err);
	assert_int_equal(report_acceptance(&fx->d, &o, &out, &err), SC_FORBIDDEN);
	assert_non_null(strstr(err.message, "alleen de eigen survey-uitkomsten"));
	fx->d.lang = MSG_EN;
	json_decref(admin);
}

static void test_bad_parameters(void **state)
{
	struct fixture *fx = *state;
	json_t *out = NULL;
	struct sc_error err;
	struct report_opts bad[] = { { .from = "2026-13" },
		                     { .from = "2026-11", .to = "2026-10" },
		                     { .model = "boss" },
		                     { .team = 999999 } };
	static const char *const fields[] = { "from", "from", "model", "team" };
	for (size_t k = 0; k < 4; k++) {
		sc_error_init(&err);
		assert_int_equal(report_acceptance(&fx->d, &bad[k], &out, &err), SC_INVALID);
		assert_null(out);
		assert_string_equal(err.field, fields[k]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_means_per_month_model_and_coach, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_what, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_parameters, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
