/*
 * test_acceptance.c - the acceptance report (report.h, report_acceptance)
 * on a small organisation built by hand (tests/support/rules_fixture.c;
 * today is 2026-11-28, so November is an open round and the answers come
 * from August to October). k is 3 and k_survey 4, so min_answers is 4.
 * Every expected mean is worked out in the comment of organisation() or of
 * the test from the answers it adds.
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
 * (Manager M, Manager N), from 2026-08 to 2026-10; min_answers 4.
 * (respect, trust, helps, part_of_team, not_reporting, feels_like_assessment)
 *   I coachees Aug: (5,4,4,3,5,2) (4,4,3,3,4,2) (5,5,4,4,5,1) (4,3,3,2,4,3): 4 answers,
 *              respect 18/4 = 4.5, trust 4.0, helps 3.5, part 3.0, not_reporting 4.5,
 *              assessment 2.0, mean 60/16 = 3.75 -> 3.8.
 *   I coachees Sep: 4 x (3,3,3,3,3,-): mean 3.0.  J coachees Sep: 1 x (1,1,1,1,1,-).
 *              J (1) is under 4; alone it would be the model less I: I is withheld too.
 *              Model Sep: 5 answers, one coach has 4 (>= k people): mean 52/20 = 2.6.
 *   I coachees Oct: 4 x (4,4,4,4,5,-) + (5,5,5,5,5,-): 5 answers, every item 21/5 = 4.2,
 *              not_reporting 5.0, assessment null (nobody answered it).
 *   J coachees Oct: 4 x (2,3,2,3,2,-): respect 2.0, trust 3.0, mean 40/16 = 2.5.
 *              Model Oct: 9 answers, mean 124/36 = 3.44 -> 3.4, respect 29/9 = 3.2,
 *              trust 33/9 = 3.7, not_reporting 33/9 = 3.7.
 *   I and J management Sep: 2 x (3,3,3,3) and 2 x (4,4,4,4): each under 4, and the
 *              model's 4 answers are no more than 2 about one coach (perhaps 2 people):
 *              withheld everywhere.
 *   Trends (coachees): model Aug 3.8 -> Oct 3.4 = -0.4; I Aug 3.8 -> Oct 4.2 = +0.4
 *              (Sep withheld); J shown in Oct only: none.
 *   Manager M coachees Oct: 4 x (4,4,4,4); Manager N: 2 x (2,2,2,2). N is under 4, so M
 *              is withheld with it; model Oct: 6 answers, 80/24 = 3.33 -> 3.3.
 *   Outside the range: I coachees 2026-07-31 (1,1,1,1), never counted.
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

	answer(fx, i->coach, "coachee", "2026-08-10", 5, 4, 4, 3, 5, 2);
	answer(fx, i->coach, "coachee", "2026-08-10", 4, 4, 3, 3, 4, 2);
	answer(fx, i->coach, "coachee", "2026-08-11", 5, 5, 4, 4, 5, 1);
	answer(fx, i->coach, "coachee", "2026-08-30", 4, 3, 3, 2, 4, 3);
	answers(fx, 4, i->coach, "coachee", "2026-09-05", 3, 3, 3, 3, 3, 0);
	answer(fx, j->coach, "coachee", "2026-09-06", 1, 1, 1, 1, 1, 0);
	answers(fx, 4, i->coach, "coachee", "2026-10-02", 4, 4, 4, 4, 5, 0);
	answer(fx, i->coach, "coachee", "2026-10-01", 5, 5, 5, 5, 5, 0);
	answers(fx, 4, j->coach, "coachee", "2026-10-03", 2, 3, 2, 3, 2, 0);
	answers(fx, 2, i->coach, "management", "2026-09-20", 3, 3, 3, 3, 0, 0);
	answers(fx, 2, j->coach, "management", "2026-09-21", 4, 4, 4, 4, 0, 0);
	answers(fx, 4, m->coach, "coachee", "2026-10-04", 4, 4, 4, 4, 0, 0);
	answers(fx, 2, n->coach, "coachee", "2026-10-05", 2, 2, 2, 2, 0, 0);
	answer(fx, i->coach, "coachee", "2026-07-31", 1, 1, 1, 1, 0, 0);
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

/* The entry of list whose key is val (a model's name, or a coach's id as text); list NULL:
 * rep is the list. */
static json_t *entry(json_t *rep, const char *list, const char *key, const char *val)
{
	size_t i;
	json_t *e;
	json_array_foreach(list ? json_object_get(rep, list) : rep, i, e)
	{
		json_t *v = json_object_get(e, key);
		if ((json_is_string(v) && !strcmp(json_string_value(v), val)) ||
		    (json_is_integer(v) && !strcmp(num(json_integer_value(v)), val)))
			return e;
	}
	fail_msg("no %s %s in %s", key, val, list ? list : "the list");
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

/*
 * A copy of a report's list (models or coaches) as a reader other than an
 * administrator gets it: a withheld cell's answers null.
 */
static json_t *counts_hidden(json_t *list)
{
	json_t *copy = json_deep_copy(list), *e, *m;
	size_t i, j;
	json_array_foreach(copy, i, e)
	{
		json_array_foreach(json_object_get(e, "months"), j, m)
		{
			for (int g = 0; g < 2; g++) {
				json_t *c = json_object_get(m, g ? "management" : "coachee");
				if (json_is_true(json_object_get(c, "withheld")))
					json_object_set_new(c, "answers", json_null());
			}
		}
	}
	return copy;
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
	struct report_opts o = { .from = "2026-08", .to = "2026-10" };
	json_t *rep = acceptance(fx, &o);

	assert_int_equal(json_integer_value(json_object_get(rep, "k")), 3);
	assert_int_equal(json_integer_value(json_object_get(rep, "k_survey")), 4);
	assert_int_equal(json_integer_value(json_object_get(rep, "min_answers")), 4);
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 4);
	json_t *in = entry(rep, "models", "model", "internal");
	json_t *sep = cell(in, "2026-08", "coachee");
	shown(sep, 4, 38, "internal Aug coachees");
	assert_int_equal(tenths(sep, "respect"), 45);
	assert_int_equal(tenths(sep, "trust"), 40);
	assert_int_equal(tenths(sep, "helps"), 35);
	assert_int_equal(tenths(sep, "part_of_team"), 30);
	assert_int_equal(tenths(sep, "not_reporting"), 45);
	assert_int_equal(tenths(sep, "feels_like_assessment"), 20);
	/* September: J's one answer and I's four, together; the 31 July answer is not in it. */
	shown(cell(in, "2026-09", "coachee"), 5, 26, "internal Sep coachees");
	assert_int_equal(tenths(cell(in, "2026-09", "coachee"), "feels_like_assessment"), -1);
	json_t *nov = cell(in, "2026-10", "coachee");
	shown(nov, 9, 34, "internal Oct coachees");
	assert_int_equal(tenths(nov, "respect"), 32);
	assert_int_equal(tenths(nov, "trust"), 37);
	assert_int_equal(tenths(nov, "not_reporting"), 37);
	/* Management: 4 answers, but at most 2 about one coach. */
	withheld(cell(in, "2026-09", "management"), "internal Sep management");
	json_t *t = json_object_get(json_object_get(in, "trend"), "coachee");
	assert_string_equal(json_string_value(json_object_get(t, "from")), "2026-08");
	assert_string_equal(json_string_value(json_object_get(t, "to")), "2026-10");
	assert_int_equal(tenths(t, "change"), -4);
	assert_true(json_is_null(json_object_get(json_object_get(in, "trend"), "management")));
	/* No answers in the month: no figures, nothing withheld. */
	json_t *empty = cell(in, "2026-08", "management");
	assert_true(json_is_null(json_object_get(empty, "answers")));
	assert_true(json_is_false(json_object_get(empty, "withheld")));

	/* Per coach: I's September is withheld with J's single answer; management under 4. */
	json_t *ci = entry(rep, "coaches", "coach", num(i.coach));
	assert_string_equal(json_string_value(json_object_get(ci, "name")), "Intern I");
	assert_string_equal(json_string_value(json_object_get(ci, "kind")), "internal");
	shown(cell(ci, "2026-08", "coachee"), 4, 38, "I Aug");
	withheld(cell(ci, "2026-09", "coachee"), "I Sep");
	assert_int_equal(
	        json_integer_value(json_object_get(cell(ci, "2026-09", "coachee"), "answers")), 4);
	shown(cell(ci, "2026-10", "coachee"), 5, 42, "I Oct");
	assert_int_equal(tenths(cell(ci, "2026-10", "coachee"), "not_reporting"), 50);
	withheld(cell(ci, "2026-09", "management"), "I Sep management");
	assert_true(json_is_null(json_object_get(cell(ci, "2026-09", "management"), "answers")));
	t = json_object_get(json_object_get(ci, "trend"), "coachee");
	assert_int_equal(tenths(t, "change"), 4);
	json_t *cj = entry(rep, "coaches", "coach", num(j.coach));
	withheld(cell(cj, "2026-09", "coachee"), "J Sep");
	shown(cell(cj, "2026-10", "coachee"), 4, 25, "J Oct");
	assert_int_equal(tenths(cell(cj, "2026-10", "coachee"), "respect"), 20);
	assert_int_equal(tenths(cell(cj, "2026-10", "coachee"), "trust"), 30);
	assert_true(json_is_null(json_object_get(json_object_get(cj, "trend"), "coachee")));

	/* Manager model: N's two answers withhold M's four; the model shows the six. */
	json_t *mm = entry(rep, "models", "model", "manager");
	shown(cell(mm, "2026-10", "coachee"), 6, 33, "manager Oct");
	withheld(cell(entry(rep, "coaches", "coach", num(m.coach)), "2026-10", "coachee"), "M");
	withheld(cell(entry(rep, "coaches", "coach", num(n.coach)), "2026-10", "coachee"), "N");
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 4);
	json_decref(rep);
}

static void test_filters(void **state)
{
	struct fixture *fx = *state;
	struct world i, j, m, n;
	organisation(fx, &i, &j, &m, &n);

	/* The manager model: its coaches only. */
	struct report_opts o = { .model = "manager", .from = "2026-08", .to = "2026-10" };
	json_t *rep = acceptance(fx, &o);
	assert_int_equal(json_array_size(json_object_get(rep, "models")), 1);
	assert_int_equal(json_array_size(json_object_get(rep, "coaches")), 2);
	shown(cell(entry(rep, "models", "model", "manager"), "2026-10", "coachee"), 6, 33,
	      "manager only");
	json_decref(rep);

	/*
	 * Team I (and its programme): coach I only. August and October are I's own
	 * figures; September's would be I's withheld cell, and the report without the filter
	 * less this one would give J's one answer back: withheld.
	 */
	struct report_opts t = { .team = i.team, .from = "2026-08", .to = "2026-10" };
	struct report_opts p = { .programme = i.prog, .from = "2026-08", .to = "2026-10" };
	json_t *by_team = acceptance(fx, &t), *by_prog = acceptance(fx, &p);
	json_t *in = entry(by_team, "models", "model", "internal");
	shown(cell(in, "2026-08", "coachee"), 4, 38, "team I Aug");
	withheld(cell(in, "2026-09", "coachee"), "team I Sep");
	shown(cell(in, "2026-10", "coachee"), 5, 42, "team I Oct");
	assert_int_equal(json_array_size(json_object_get(by_team, "coaches")), 1);
	json_t *mm = entry(by_team, "models", "model", "manager");
	assert_true(json_is_null(json_object_get(cell(mm, "2026-10", "coachee"), "answers")));
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
	struct report_opts o = { .from = "2026-08", .to = "2026-10" };
	json_t *admin = acceptance(fx, &o);

	/* A coach: their own rows, as the administrator sees them, and no model. */
	act_as(fx, "Intern I");
	json_t *own = acceptance(fx, &o);
	assert_int_equal(json_array_size(json_object_get(own, "models")), 0);
	assert_int_equal(json_array_size(json_object_get(own, "coaches")), 1);
	json_t *admins = counts_hidden(json_object_get(admin, "coaches"));
	assert_true(json_equal(json_array_get(json_object_get(own, "coaches"), 0),
	                       entry(admins, NULL, "coach", num(i.coach))));
	/* Their withheld September: no count either (the administrator sees 4). */
	json_t *sep =
	        cell(json_array_get(json_object_get(own, "coaches"), 0), "2026-09", "coachee");
	withheld(sep, "I's own September");
	assert_true(json_is_null(json_object_get(sep, "answers")));
	json_decref(admins);
	json_decref(own);

	/*
	 * A manager who coaches: the models and their own rows. Manager M's own October
	 * is withheld (with N's), so the model's 3.3 less M's own cannot give N's two
	 * answers back.
	 */
	act_as(fx, "Manager M");
	json_t *mgr = acceptance(fx, &o);
	json_t *models = counts_hidden(json_object_get(admin, "models"));
	assert_true(json_equal(json_object_get(mgr, "models"), models));
	/* The internal model's withheld September management: 4 answers to the administrator
	 * only. */
	json_t *mgmt = cell(entry(mgr, "models", "model", "internal"), "2026-09", "management");
	withheld(mgmt, "internal September management to a manager");
	assert_true(json_is_null(json_object_get(mgmt, "answers")));
	assert_int_equal(
	        json_integer_value(json_object_get(
	                cell(entry(admin, "models", "model", "internal"), "2026-09", "management"),
	                "answers")),
	        4);
	assert_int_equal(json_array_size(json_object_get(mgr, "coaches")), 1);
	json_t *mine = json_array_get(json_object_get(mgr, "coaches"), 0);
	assert_int_equal(json_integer_value(json_object_get(mine, "coach")), m.coach);
	withheld(cell(mine, "2026-10", "coachee"), "M's own October");
	shown(cell(entry(mgr, "models", "model", "manager"), "2026-10", "coachee"), 6, 33,
	      "manager model to Manager M");
	json_decref(mgr);

	/* An executive-like reader who coaches nobody: the boss, above the managers. */
	act_as(fx, "Boss I");
	json_t *boss = acceptance(fx, &o);
	assert_true(json_equal(json_object_get(boss, "models"), models));
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
	json_decref(models);
	json_decref(admin);
}

static void test_bad_parameters(void **state)
{
	struct fixture *fx = *state;
	json_t *out = NULL;
	struct sc_error err;
	struct report_opts bad[] = { { .from = "2026-13" },
		                     { .from = "2026-10", .to = "2026-09" },
		                     { .model = "boss" },
		                     { .team = 999999 },
		                     { .programme = 999999 },
		                     { .from = "2021-11", .to = "2026-11" } /* 61 months */ };
	static const char *const fields[] = {
		"from", "from", "model", "team", "programme", "from"
	};
	for (size_t k = 0; k < 6; k++) {
		sc_error_init(&err);
		assert_int_equal(report_acceptance(&fx->d, &bad[k], &out, &err), SC_INVALID);
		assert_null(out);
		assert_string_equal(err.field, fields[k]);
	}
}

/* k 3 and k_survey 4 (min_answers 4), and coaches X, Y and Z of the internal model. */
static void three_coaches(struct fixture *fx, struct world *x, struct world *y, struct world *z)
{
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k_survey", "4", &err), SC_OK);
	world(fx, "X", "internal", "3", -300, x);
	world(fx, "Y", "internal", "3", -300, y);
	world(fx, "Z", "internal", "3", -300, z);
}

/*
 * Which coaches a team or programme selects depends on the range and the
 * filter; no two such reports may differ by a withheld coach. In October:
 * X 4 x (4,4,4,4), Y 1 x (1,2,1,1), Z 5 x (3,3,3,3). Y's one answer is
 * withheld, and with it X's four (the fewest shown): 5 answers, 4 about X.
 * Team X holds X's programme and programme P2, where Y coached until 15
 * September: team X over September-October selects X and Y, over October X
 * only; programme P2 selects Y. Were team X's October shown from X and Y
 * (3.4 x 5) and from X alone (4.0 x 4), their difference would be Y's answer:
 * every filtered October is withheld, as one of its coaches is. The report
 * without filters shows October: 10 answers, 129/40 = 3.225 -> 3.2.
 */
static void test_filters_differ_by_no_withheld_coach(void **state)
{
	struct fixture *fx = *state;
	struct world x, y, z;
	three_coaches(fx, &x, &y, &z);
	int64_t p2 = add(fx, E_PROGRAMME, "team", num(x.team), "model", "internal", "starts_on",
	                 "2025-01-01", "ends_on", "2027-12-31", "target_hours", "3", NULL);
	add(fx, E_ASSIGNMENT, "programme", num(p2), "coach", num(y.coach), "coachee",
	    num(person(fx, "Rep X2", x.manager)), "starts_on", "2026-06-01", "ends_on",
	    "2026-09-15", "status", "ended", NULL);
	answers(fx, 4, x.coach, "coachee", "2026-10-02", 4, 4, 4, 4, 0, 0);
	answer(fx, y.coach, "coachee", "2026-10-03", 1, 2, 1, 1, 0, 0);
	answers(fx, 5, z.coach, "coachee", "2026-10-04", 3, 3, 3, 3, 0, 0);

	act_as(fx, "Boss X");
	struct report_opts all = { .from = "2026-10", .to = "2026-10" };
	json_t *rep = acceptance(fx, &all);
	shown(cell(entry(rep, "models", "model", "internal"), "2026-10", "coachee"), 10, 32,
	      "internal October, no filter");
	json_decref(rep);
	struct report_opts opts[] = {
		{ .team = x.team, .from = "2026-09", .to = "2026-10" },
		{ .team = x.team, .from = "2026-10", .to = "2026-10" },
		{ .programme = x.prog, .from = "2026-10", .to = "2026-10" },
		{ .programme = p2, .from = "2026-09", .to = "2026-10" },
	};
	static const char *const what[] = { "team X, September-October", "team X, October",
		                            "X's programme, October", "P2, September-October" };
	for (size_t k = 0; k < 4; k++) {
		rep = acceptance(fx, &opts[k]);
		json_t *c = cell(entry(rep, "models", "model", "internal"), "2026-10", "coachee");
		withheld(c, what[k]);
		assert_true(json_is_null(json_object_get(c, "answers")));
		json_decref(rep);
	}
}

/*
 * This month (today is 2026-11-28) is an open round: a reader who read it
 * before and after one more answer would have that answer. X's coachees
 * answer 4 x (3,3,3,3) in September, 4 x (4,4,4,4) in October and November,
 * and once more in November (1,2,3,1): nothing of November is shown to
 * anyone, the administrator sees its count only; the trend ends in October.
 */
static void test_this_month_is_open(void **state)
{
	struct fixture *fx = *state;
	struct world x, y, z;
	three_coaches(fx, &x, &y, &z);
	answers(fx, 4, x.coach, "coachee", "2026-09-02", 3, 3, 3, 3, 3, 0);
	answers(fx, 4, x.coach, "coachee", "2026-10-02", 4, 4, 4, 4, 4, 0);
	answers(fx, 4, x.coach, "coachee", "2026-11-02", 4, 4, 4, 4, 4, 0);
	struct report_opts o = { .from = "2026-09", .to = "2026-11" };
	struct actor admin = fx->d.actor;
	for (int round = 0; round < 2; round++) {
		act_as(fx, "Intern X");
		json_t *rep = acceptance(fx, &o);
		json_t *mine = entry(rep, "coaches", "coach", num(x.coach));
		json_t *nov = json_array_get(json_object_get(mine, "months"), 2);
		assert_true(json_is_true(json_object_get(nov, "open")));
		assert_true(json_is_false(json_object_get(
		        json_array_get(json_object_get(mine, "months"), 1), "open")));
		withheld(json_object_get(nov, "coachee"), "X's own November");
		assert_true(
		        json_is_null(json_object_get(json_object_get(nov, "coachee"), "answers")));
		shown(cell(mine, "2026-10", "coachee"), 4, 40, "X's own October");
		json_t *t = json_object_get(json_object_get(mine, "trend"), "coachee");
		assert_string_equal(json_string_value(json_object_get(t, "to")), "2026-10");
		assert_int_equal(tenths(t, "change"), 10);
		json_decref(rep);

		act_as(fx, "Boss X");
		rep = acceptance(fx, &o);
		withheld(cell(entry(rep, "models", "model", "internal"), "2026-11", "coachee"),
		         "internal November to an executive");
		json_decref(rep);

		fx->d.actor = admin;
		rep = acceptance(fx, &o);
		json_t *c =
		        cell(entry(rep, "coaches", "coach", num(x.coach)), "2026-11", "coachee");
		withheld(c, "X's November to the administrator");
		assert_int_equal(json_integer_value(json_object_get(c, "answers")), 4 + round);
		withheld(cell(entry(rep, "models", "model", "internal"), "2026-11", "coachee"),
		         "internal November to the administrator");
		json_decref(rep);
		answer(fx, x.coach, "coachee", "2026-11-28", 1, 2, 3, 1, 1, 0);
	}
}

/*
 * Each item from min_answers answers of its own. October: X 5 x (4,4,4,4),
 * feels_like_assessment 1 on each and not_reporting 5 on two; Y 1 x
 * (4,4,4,4) with feels_like_assessment 5; Z 4 x (3,3,3,3) without either.
 * Y is withheld and Z (the fewest shown) with it: X's mean shows, 4.0.
 * X's not_reporting has 2 answers: withheld, and the model's too (2).
 * feels_like_assessment: X 5 answers, Y's 1 withheld; the model's 6 (1.7)
 * less X's would give Y's back, so X's is withheld too. The model's mean:
 * 10 answers, 144/40 = 3.6.
 */
static void test_items_from_their_own_answers(void **state)
{
	struct fixture *fx = *state;
	struct world x, y, z;
	three_coaches(fx, &x, &y, &z);
	answers(fx, 2, x.coach, "coachee", "2026-10-02", 4, 4, 4, 4, 5, 1);
	answers(fx, 3, x.coach, "coachee", "2026-10-02", 4, 4, 4, 4, 0, 1);
	answer(fx, y.coach, "coachee", "2026-10-03", 4, 4, 4, 4, 0, 5);
	answers(fx, 4, z.coach, "coachee", "2026-10-04", 3, 3, 3, 3, 0, 0);
	struct report_opts o = { .from = "2026-10", .to = "2026-10" };
	json_t *rep = acceptance(fx, &o);
	json_t *cx = cell(entry(rep, "coaches", "coach", num(x.coach)), "2026-10", "coachee");
	shown(cx, 5, 40, "X October");
	assert_int_equal(tenths(cx, "respect"), 40);
	assert_int_equal(tenths(cx, "not_reporting"), -1);
	assert_int_equal(tenths(cx, "feels_like_assessment"), -1);
	withheld(cell(entry(rep, "coaches", "coach", num(y.coach)), "2026-10", "coachee"), "Y");
	withheld(cell(entry(rep, "coaches", "coach", num(z.coach)), "2026-10", "coachee"), "Z");
	json_t *m = cell(entry(rep, "models", "model", "internal"), "2026-10", "coachee");
	shown(m, 10, 36, "internal October");
	assert_int_equal(tenths(m, "not_reporting"), -1);
	assert_int_equal(tenths(m, "feels_like_assessment"), 17);
	json_decref(rep);
}

/*
 * An answer keeps its coach's kind of the day it was given. J, internal,
 * becomes external: the internal model's September stays 5 answers (I's 4
 * and J's 1), 2.6, and J's September row stays internal; J's answers given
 * after the change are the external model's.
 */
static void test_an_answer_keeps_its_coachs_kind(void **state)
{
	struct fixture *fx = *state;
	struct world i, j, m, n;
	organisation(fx, &i, &j, &m, &n);
	struct report_opts o = { .from = "2026-09", .to = "2026-09" };
	json_t *before = acceptance(fx, &o);
	update(fx, E_COACH, j.coach, "kind", "external", "company", "Coachbureau Oost", NULL);
	answers(fx, 4, j.coach, "coachee", "2026-10-20", 5, 5, 5, 5, 0, 0);
	json_t *after = acceptance(fx, &o);
	assert_true(
	        json_equal(json_object_get(before, "models"), json_object_get(after, "models")));
	shown(cell(entry(after, "models", "model", "internal"), "2026-09", "coachee"), 5, 26,
	      "internal September after J's kind changed");
	json_t *cj = entry(after, "coaches", "coach", num(j.coach));
	assert_string_equal(json_string_value(json_object_get(cj, "kind")), "internal");
	json_decref(before);
	json_decref(after);

	struct report_opts oct = { .from = "2026-10", .to = "2026-10" };
	json_t *rep = acceptance(fx, &oct);
	json_t *ex = cell(entry(rep, "models", "model", "external"), "2026-10", "coachee");
	assert_int_equal(json_integer_value(json_object_get(ex, "answers")), 4);
	json_t *in = cell(entry(rep, "models", "model", "internal"), "2026-10", "coachee");
	assert_int_equal(json_integer_value(json_object_get(in, "answers")), 9);
	json_decref(rep);
}

/*
 * A manager who coaches reads the model beside their own shown cell. October,
 * manager model: M 6 x (4,4,4,4), N 2 x (2,2,2,2), O 5 x (3,3,3,3). N is
 * withheld and O (the fewest shown) with it: 7 answers, 5 about O. The model
 * shows 13 answers, (96 + 16 + 60) / 52 = 3.3; less M's own 6 (4.0) it gives
 * N's and O's 7 together, never N's 2.
 */
static void test_a_manager_beside_their_own_shown_cell(void **state)
{
	struct fixture *fx = *state;
	struct world m, n, o;
	struct sc_error err;
	sc_error_init(&err);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k", "3", &err), SC_OK);
	assert_int_equal(store_setting_put(fx->st, fx->org, "k_survey", "4", &err), SC_OK);
	world(fx, "M", "manager", "3", -300, &m);
	world(fx, "N", "manager", "3", -300, &n);
	world(fx, "O", "manager", "3", -300, &o);
	answers(fx, 6, m.coach, "coachee", "2026-10-02", 4, 4, 4, 4, 0, 0);
	answers(fx, 2, n.coach, "coachee", "2026-10-03", 2, 2, 2, 2, 0, 0);
	answers(fx, 5, o.coach, "coachee", "2026-10-04", 3, 3, 3, 3, 0, 0);
	struct report_opts opts = { .from = "2026-10", .to = "2026-10" };
	json_t *admin = acceptance(fx, &opts);
	withheld(cell(entry(admin, "coaches", "coach", num(n.coach)), "2026-10", "coachee"), "N");
	withheld(cell(entry(admin, "coaches", "coach", num(o.coach)), "2026-10", "coachee"), "O");
	json_decref(admin);

	act_as(fx, "Manager M");
	json_t *rep = acceptance(fx, &opts);
	shown(cell(entry(rep, "models", "model", "manager"), "2026-10", "coachee"), 13, 33,
	      "manager October to Manager M");
	shown(cell(entry(rep, "coaches", "coach", num(m.coach)), "2026-10", "coachee"), 6, 40,
	      "M's own October");
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_means_per_month_model_and_coach, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_who_reads_what, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_differ_by_no_withheld_coach, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_this_month_is_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_from_their_own_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_answer_keeps_its_coachs_kind, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_a_manager_beside_their_own_shown_cell, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
