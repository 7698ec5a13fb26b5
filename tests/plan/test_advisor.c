/*
 * test_advisor.c - the model advisor (advisor.h): the worked examples of
 * docs/advisor.md give exactly the scores the page states, every reason
 * points at an answer, every pitfall is a rule of PRODUCT.md's table for
 * its model, figures match hand-computed values, invalid answers are
 * refused with a message naming the key, and the result is deterministic.
 *
 * The examples are read from docs/advisor/example-N.json in the source
 * tree (SOURCE_DIR), the files the documentation shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/text.h"
#include "plan/advisor.h"
#include "rules/rules.h"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the source tree (tests/meson.build sets it)"
#endif

/* The scores docs/advisor.md states for each worked example: manager, senior, internal, external.
 */
struct example {
	const char *file;
	int score[ADVISOR_MODELS];
	int raw[ADVISOR_MODELS];
	enum advisor_model best;
};

static const struct example examples[] = {
	{ "example-1.json", { 100, 40, 0, 10 }, { 115, 40, 0, 10 }, ADVISOR_MANAGER },
	{ "example-2.json", { 25, 85, 25, 40 }, { 25, 85, 25, 40 }, ADVISOR_SENIOR },
	{ "example-3.json", { 0, 45, 0, 95 }, { -30, 45, -15, 95 }, ADVISOR_EXTERNAL },
	{ "example-4.json", { 45, 40, 90, 10 }, { 45, 40, 90, 10 }, ADVISOR_INTERNAL },
};

#define NEXAMPLES (sizeof(examples) / sizeof(examples[0]))

static void load_example(const struct example *ex, struct advisor_answers *a)
{
	char path[1024];
	struct sc_error err;

	snprintf(path, sizeof(path), "%s/docs/advisor/%s", SOURCE_DIR, ex->file);
	sc_error_init(&err);
	if (advisor_answers_load(a, path, MSG_EN, &err) != SC_OK)
		fail_msg("%s refused: %s", path, err.message);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, n;
	FILE *m = open_memstream(&buf, &size);
	char chunk[4096];

	assert_non_null(f);
	assert_non_null(m);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	fclose(f);
	fclose(m);
	return buf;
}

/* The reason of model m from answer id, or NULL. */
static const struct advisor_reason *find_reason(const struct advisor_result *r,
                                                enum advisor_model m, const char *answer)
{
	for (size_t i = 0; i < r->nreasons; i++)
		if (r->reasons[i].model == m && !strcmp(r->reasons[i].answer, answer))
			return &r->reasons[i];
	return NULL;
}

static const struct advisor_pitfall *find_pitfall(const struct advisor_result *r,
                                                  enum advisor_model m, const char *rule)
{
	for (size_t i = 0; i < r->npitfalls; i++)
		if (r->pitfalls[i].model == m && !strcmp(r->pitfalls[i].rule, rule))
			return &r->pitfalls[i];
	return NULL;
}

/* Two sets of answers are the same when their answers files are. */
static void assert_same_answers(const struct advisor_answers *a, const struct advisor_answers *b)
{
	json_t *ja = advisor_answers_json(a), *jb = advisor_answers_json(b);
	char *sa = json_dumps(ja, JSON_PRESERVE_ORDER), *sb = json_dumps(jb, JSON_PRESERVE_ORDER);
	assert_non_null(sa);
	assert_non_null(sb);
	assert_string_equal(sa, sb);
	free(sa);
	free(sb);
	json_decref(ja);
	json_decref(jb);
}

static double fact_of(const struct advisor_text *t, const char *name)
{
	for (size_t i = 0; i < t->nfacts; i++)
		if (!strcmp(t->facts[i].name, name))
			return t->facts[i].value;
	fail_msg("%s has no fact %s", t->msg, name);
	return 0;
}

/* ---- the worked examples ------------------------------------------------------------------- */

static void test_examples_give_documented_scores(void **state)
{
	(void)state;
	for (size_t i = 0; i < NEXAMPLES; i++) {
		struct advisor_answers a;
		struct advisor_result r;
		load_example(&examples[i], &a);
		advisor_score(&a, &r);
		for (int m = 0; m < ADVISOR_MODELS; m++) {
			if (r.score[m] != examples[i].score[m] || r.raw[m] != examples[i].raw[m])
				fail_msg("%s: %s scores %d (raw %d), docs say %d (raw %d)",
				         examples[i].file,
				         advisor_model_name((enum advisor_model)m), r.score[m],
				         r.raw[m], examples[i].score[m], examples[i].raw[m]);
		}
		assert_int_equal(r.best, examples[i].best);
	}
}

/* docs/advisor.md shows each example's scores as the JSON the program prints. */
static void test_docs_state_the_same_scores(void **state)
{
	char *doc = slurp(SOURCE_DIR "/docs/advisor.md");
	(void)state;

	for (size_t i = 0; i < NEXAMPLES; i++) {
		char line[256];
		const int *s = examples[i].score;
		snprintf(line, sizeof(line),
		         "\"scores\": { \"manager\": %d, \"senior\": %d, \"internal\": %d, "
		         "\"external\": %d }",
		         s[0], s[1], s[2], s[3]);
		if (!strstr(doc, line))
			fail_msg("docs/advisor.md does not show %s for %s", line, examples[i].file);
		snprintf(line, sizeof(line), "docs/advisor/%s", examples[i].file);
		if (!strstr(doc, line))
			fail_msg("docs/advisor.md does not name %s", line);
	}
	free(doc);
}

/* Every reason names a question and moves its model; base + reasons = the raw score. */
static void test_reasons_point_at_answers(void **state)
{
	(void)state;
	for (size_t i = 0; i < NEXAMPLES; i++) {
		struct advisor_answers a;
		struct advisor_result r;
		int sum[ADVISOR_MODELS] = { 0 };
		load_example(&examples[i], &a);
		advisor_score(&a, &r);
		for (size_t k = 0; k < r.nreasons; k++) {
			const struct advisor_reason *x = &r.reasons[k];
			char *text = advisor_text_render(MSG_EN, &x->text);
			assert_non_null(advisor_question_find(x->answer));
			assert_int_not_equal(x->points, 0);
			assert_true(msg_exists(x->text.msg));
			/* every placeholder was filled */
			assert_null(strchr(text, '{'));
			free(text);
			sum[x->model] += x->points;
		}
		for (int m = 0; m < ADVISOR_MODELS; m++)
			assert_int_equal(ADVISOR_BASE + sum[m], r.raw[m]);
	}
}

/* Changing the answer a reason names changes that reason, and only that model's score. */
static void test_changing_an_answer_moves_its_reason(void **state)
{
	struct advisor_answers a;
	struct advisor_result r1, r2;
	(void)state;

	load_example(&examples[0], &a);
	advisor_score(&a, &r1);
	assert_int_equal(find_reason(&r1, ADVISOR_MANAGER, "superiors_can_supervise")->points, 10);
	a.superiors_can_supervise = false;
	advisor_score(&a, &r2);
	assert_int_equal(find_reason(&r2, ADVISOR_MANAGER, "superiors_can_supervise")->points, -10);
	assert_int_equal(r2.raw[ADVISOR_MANAGER], r1.raw[ADVISOR_MANAGER] - 20);
	for (int m = ADVISOR_SENIOR; m < ADVISOR_MODELS; m++)
		assert_int_equal(r2.raw[m], r1.raw[m]);

	/* example 4: managers who sold well themselves are worth 10 to the manager model only */
	load_example(&examples[3], &a);
	advisor_score(&a, &r1);
	assert_null(find_reason(&r1, ADVISOR_MANAGER, "managers_sales_record"));
	a.managers_sales_record = true;
	advisor_score(&a, &r2);
	const struct advisor_reason *sr =
	        find_reason(&r2, ADVISOR_MANAGER, "managers_sales_record");
	assert_int_equal(sr->points, 10);
	assert_string_equal(sr->text.msg, "advise.reason.manager.sales_record");
	assert_int_equal(r2.score[ADVISOR_MANAGER], 55);
	for (int m = ADVISOR_SENIOR; m < ADVISOR_MODELS; m++)
		assert_int_equal(r2.raw[m], r1.raw[m]);

	/* example 2: the wish to develop managers is worth 20 to the senior model only */
	load_example(&examples[1], &a);
	advisor_score(&a, &r1);
	assert_int_equal(find_reason(&r1, ADVISOR_SENIOR, "develop_managers")->points, 20);
	a.develop_managers = false;
	advisor_score(&a, &r2);
	assert_null(find_reason(&r2, ADVISOR_SENIOR, "develop_managers"));
	assert_int_equal(r2.score[ADVISOR_SENIOR], 65);
	assert_int_equal(r2.score[ADVISOR_MANAGER], r1.score[ADVISOR_MANAGER]);

	/* example 3: with high trust the external coach loses the outsider's 10 points */
	load_example(&examples[2], &a);
	a.trust = TRUST_HIGH;
	advisor_score(&a, &r2);
	assert_int_equal(r2.score[ADVISOR_EXTERNAL], 85);
	assert_null(find_pitfall(&r2, ADVISOR_EXTERNAL, "seen-as-spy"));
	assert_null(find_pitfall(&r2, ADVISOR_EXTERNAL, "acceptance-not-built"));
}

/* Pitfalls are rules of PRODUCT.md's table that apply to their model; so are checklist lines. */
static void test_pitfalls_are_rules_of_their_model(void **state)
{
	const char *const *models = rules_models();
	(void)state;

	for (int m = 0; m < ADVISOR_MODELS; m++)
		assert_string_equal(models[m], advisor_model_name((enum advisor_model)m));
	for (size_t i = 0; i < NEXAMPLES; i++) {
		struct advisor_answers a;
		struct advisor_result r;
		load_example(&examples[i], &a);
		advisor_score(&a, &r);
		for (size_t k = 0; k < r.npitfalls; k++) {
			const struct advisor_pitfall *p = &r.pitfalls[k];
			const struct rule_def *def = rules_find(p->rule);
			if (!def)
				fail_msg("%s is not a rule of the table", p->rule);
			if (!(def->models & (1u << p->model)))
				fail_msg("%s does not apply to %s", p->rule,
				         advisor_model_name(p->model));
			assert_true(p->nanswers >= 1);
			for (size_t j = 0; j < p->nanswers; j++)
				assert_non_null(advisor_question_find(p->answers[j]));
		}
		assert_true(r.nchecklist >= 4);
		for (size_t k = 0; k < r.nchecklist; k++) {
			const struct advisor_check *c = &r.checklist[k];
			if (c->rule &&
			    !(rules_find(c->rule) && rules_find(c->rule)->models & (1u << r.best)))
				fail_msg("checklist of %s: %s is not a rule of that model",
				         advisor_model_name(r.best), c->rule);
		}
	}
}

/* The pitfalls of the examples, as docs/advisor.md lists them. */
static void test_example_pitfalls(void **state)
{
	struct advisor_answers a;
	struct advisor_result r;
	(void)state;

	/* 1: the time-rich, trained, supervised manager runs into none of the manager's pitfalls */
	load_example(&examples[0], &a);
	advisor_score(&a, &r);
	for (size_t k = 0; k < r.npitfalls; k++)
		assert_int_not_equal(r.pitfalls[k].model, ADVISOR_MANAGER);
	assert_non_null(find_pitfall(&r, ADVISOR_SENIOR, "coach-overloaded"));
	assert_non_null(find_pitfall(&r, ADVISOR_INTERNAL, "low-acceptance"));

	/* 2: 20 reps per manager with 2 h a week: needed 60 h, available 8.67 h */
	load_example(&examples[1], &a);
	advisor_score(&a, &r);
	const struct advisor_pitfall *p = find_pitfall(&r, ADVISOR_MANAGER, "manager-no-time");
	assert_non_null(p);
	assert_float_equal(fact_of(&p->text, "needed"), 60.0, 1e-9);
	assert_float_equal(fact_of(&p->text, "available"), 104.0 / 12.0, 1e-9);
	/* (60 - 8.667) * 12 / 52 = 11.846 h a week to free; 8.667 / 3 -> 2 reps fit */
	assert_float_equal(fact_of(&p->text, "short_week"), (60.0 - 104.0 / 12.0) * 12.0 / 52.0,
	                   1e-9);
	assert_float_equal(fact_of(&p->text, "max_span"), 2.0, 1e-9);
	p = find_pitfall(&r, ADVISOR_MANAGER, "span-too-wide");
	assert_non_null(p);
	assert_float_equal(fact_of(&p->text, "managers_needed"), 4.0, 1e-9);
	assert_non_null(find_pitfall(&r, ADVISOR_SENIOR, "no-incentive"));
	assert_null(find_pitfall(&r, ADVISOR_SENIOR, "coach-overloaded")); /* 10 x 3 = 30 */

	/* 3: low trust makes the external coach's spy risk likely */
	load_example(&examples[2], &a);
	advisor_score(&a, &r);
	assert_non_null(find_pitfall(&r, ADVISOR_EXTERNAL, "seen-as-spy"));
	assert_non_null(find_pitfall(&r, ADVISOR_EXTERNAL, "acceptance-not-built"));
	assert_null(find_pitfall(&r, ADVISOR_EXTERNAL, "below-cadence")); /* 38.89 h >= 36 h */
	assert_non_null(find_pitfall(&r, ADVISOR_MANAGER, "coaching-mixed-with-appraisal"));
	assert_non_null(find_pitfall(&r, ADVISOR_MANAGER, "no-supervision"));
}

/* Checklist figures against hand-computed values. */
static void test_checklist_figures(void **state)
{
	struct advisor_answers a;
	struct advisor_result r;
	(void)state;

	/* 1: 6 reps x 3 h = 18 h a month = 18 * 12 / 52 = 4.15 h a week; 5 h are free */
	load_example(&examples[0], &a);
	advisor_score(&a, &r);
	assert_string_equal(r.checklist[0].text.msg, "advise.check.manager.time_ok");
	assert_float_equal(fact_of(&r.checklist[0].text, "needed_week"), 18.0 * 12 / 52, 1e-9);
	assert_float_equal(fact_of(&r.checklist[0].text, "hours"), 5.0, 1e-9);
	/* Keeping appraisal apart: the dates, and the conversation through the coachees' pulse. */
	assert_string_equal(r.checklist[3].text.msg, "advise.check.manager.separate");
	assert_float_equal(fact_of(&r.checklist[3].text, "pulse"), 3.0, 1e-9);
	char *sep = advisor_text_render(MSG_EN, &r.checklist[3].text);
	assert_non_null(strstr(sep, "\"my sessions feel like an assessment\" reaches 3 on"));
	free(sep);

	/* 2: 3 coachees x 3 h = 9 h of 140 selling hours = 6.43 % target reduction */
	load_example(&examples[1], &a);
	advisor_score(&a, &r);
	assert_string_equal(r.checklist[2].text.msg, "advise.check.senior.target");
	assert_float_equal(fact_of(&r.checklist[2].text, "pct"), 9.0 / 140 * 100, 1e-9);
	/* 40 reps: 10 seniors coaching 3 of the other 30 each */
	assert_float_equal(fact_of(&r.checklist[4].text, "needed"), 10.0, 1e-9);

	/* 3: 12 reps x 3 h x 12 months = 432 h at 150 euros = 64,800 euros a year */
	load_example(&examples[2], &a);
	advisor_score(&a, &r);
	assert_string_equal(r.checklist[2].text.msg, "advise.check.external.budget");
	assert_float_equal(fact_of(&r.checklist[2].text, "budget_needed"), 64800.0, 1e-9);
	char *text = advisor_text_render(MSG_EN, &r.checklist[2].text);
	assert_non_null(strstr(text, "€64,800 a year: 432 coaching hours at €150 an hour"));
	free(text);
	text = advisor_text_render(MSG_NL, &r.checklist[2].text);
	assert_non_null(strstr(text, "€ 64.800 per jaar: 432 coachinguren tegen € 150 per uur"));
	free(text);
	/* The internal coach's points apply to the external coach: a sales background too. */
	const struct advisor_check *last = &r.checklist[r.nchecklist - 1];
	assert_string_equal(last->rule, "no-sales-background");
	assert_string_equal(last->text.msg, "advise.check.external.choose");

	/* 4: 25 reps x 3 h = 75 h; 1 FTE gives 80 h; 75 / 80 = 0.94 FTE needed */
	load_example(&examples[3], &a);
	advisor_score(&a, &r);
	assert_string_equal(r.checklist[1].text.msg, "advise.check.internal.capacity");
	assert_float_equal(fact_of(&r.checklist[1].text, "fte_needed"), 75.0 / 80, 1e-9);
}

/* With every default, manager, senior and external tie at 10: the fixed order picks manager. */
static void test_defaults_tie_broken_in_model_order(void **state)
{
	struct advisor_answers a;
	struct advisor_result r;
	(void)state;

	advisor_answers_init(&a);
	assert_int_equal(a.team_size, 10);
	assert_int_equal(a.trust, TRUST_MEDIUM);
	assert_float_equal(a.target_hours, 3.0, 0);
	advisor_score(&a, &r);
	assert_int_equal(r.score[ADVISOR_MANAGER], 10);
	assert_int_equal(r.score[ADVISOR_SENIOR], 10);
	assert_int_equal(r.score[ADVISOR_EXTERNAL], 10);
	assert_int_equal(r.score[ADVISOR_INTERNAL], 0);
	assert_int_equal(r.ranking[0], ADVISOR_MANAGER);
	assert_int_equal(r.ranking[1], ADVISOR_SENIOR);
	assert_int_equal(r.ranking[2], ADVISOR_EXTERNAL);
	assert_int_equal(r.ranking[3], ADVISOR_INTERNAL);
	assert_int_equal(r.best, ADVISOR_MANAGER);
	assert_string_equal(r.checklist[0].text.msg, "advise.check.manager.time_short");
}

/* The same answers always give the same result, whatever the order of keys in the file. */
static void test_deterministic(void **state)
{
	struct advisor_answers a, b;
	struct advisor_result r1, r2;
	struct sc_error err;
	(void)state;

	load_example(&examples[2], &a);
	json_t *forward = advisor_answers_json(&a);
	/* the same answers, keys in reverse order */
	json_t *reverse = json_object();
	const char *keys[32];
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(forward, key, v) keys[n++] = key;
	while (n--)
		json_object_set(reverse, keys[n], json_object_get(forward, keys[n]));
	advisor_answers_init(&b);
	assert_int_equal(advisor_answers_from_json(&b, reverse, MSG_EN, &err), SC_OK);

	advisor_score(&a, &r1);
	advisor_score(&b, &r2);
	json_t *j1 = advisor_result_json(&a, &r1, MSG_EN),
	       *j2 = advisor_result_json(&b, &r2, MSG_EN);
	char *s1 = json_dumps(j1, JSON_PRESERVE_ORDER), *s2 = json_dumps(j2, JSON_PRESERVE_ORDER);
	assert_string_equal(s1, s2);
	/* and scoring again gives the same again */
	advisor_score(&a, &r2);
	json_t *j3 = advisor_result_json(&a, &r2, MSG_EN);
	char *s3 = json_dumps(j3, JSON_PRESERVE_ORDER);
	assert_string_equal(s1, s3);
	free(s1);
	free(s2);
	free(s3);
	json_decref(j1);
	json_decref(j2);
	json_decref(j3);
	json_decref(forward);
	json_decref(reverse);
}

/* ---- validation ---------------------------------------------------------------------------- */

static const struct advisor_question *q(const char *id)
{
	const struct advisor_question *x = advisor_question_find(id);
	assert_non_null(x);
	return x;
}

/* Parse text for question id in lang; returns the result, err filled. */
static enum sc_result parse(struct advisor_answers *a, const char *id, const char *text,
                            enum msg_lang lang, struct sc_error *err)
{
	sc_error_init(err);
	return advisor_answer_parse(a, q(id), text, lang, err);
}

static void test_typed_answers(void **state)
{
	struct advisor_answers a;
	struct sc_error err;
	(void)state;

	advisor_answers_init(&a);
	assert_int_equal(parse(&a, "team_size", "  12 ", MSG_EN, &err), SC_OK);
	assert_int_equal(a.team_size, 12);
	assert_int_equal(parse(&a, "manager_hours_per_week", "2,5", MSG_NL, &err), SC_OK);
	assert_float_equal(a.manager_hours_per_week, 2.5, 1e-12);
	assert_int_equal(parse(&a, "manager_hours_per_week", "1.75", MSG_EN, &err), SC_OK);
	assert_float_equal(a.manager_hours_per_week, 1.75, 1e-12);
	assert_int_equal(parse(&a, "superiors_can_supervise", "ja", MSG_NL, &err), SC_OK);
	assert_true(a.superiors_can_supervise);
	assert_int_equal(parse(&a, "superiors_can_supervise", "No", MSG_EN, &err), SC_OK);
	assert_false(a.superiors_can_supervise);
	assert_int_equal(parse(&a, "trust", "laag", MSG_NL, &err), SC_OK);
	assert_int_equal(a.trust, TRUST_LOW);
	assert_int_equal(parse(&a, "trust", "High", MSG_EN, &err), SC_OK);
	assert_int_equal(a.trust, TRUST_HIGH);
	assert_int_equal(parse(&a, "internal_candidate", "met-sales", MSG_NL, &err), SC_OK);
	assert_int_equal(a.internal_candidate, CANDIDATE_SALES);
	assert_int_equal(parse(&a, "internal_candidate", "no_sales_background", MSG_EN, &err),
	                 SC_OK);
	assert_int_equal(a.internal_candidate, CANDIDATE_NO_SALES);
}

/* A refused answer names the question, says what is allowed, and changes nothing. */
static void test_typed_answers_refused(void **state)
{
	struct advisor_answers a, before;
	struct sc_error err;
	(void)state;

	advisor_answers_init(&a);
	assert_int_equal(parse(&a, "team_size", "12", MSG_EN, &err), SC_OK);
	before = a;

	assert_int_equal(parse(&a, "team_size", "twelve", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.field, "team_size");
	assert_string_equal(err.message, "team_size: 'twelve' is not a whole number; give one "
	                                 "from 1 to 1000, without separators.");
	assert_int_equal(parse(&a, "team_size", "0", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message, "team_size: 0 is outside the range 1 to 1000.");
	assert_int_equal(parse(&a, "team_size", "1.5", MSG_EN, &err), SC_INVALID);
	assert_int_equal(parse(&a, "coach_budget", "70.000", MSG_NL, &err), SC_INVALID);
	assert_non_null(strstr(err.message, "geen geheel getal"));
	/* the bound: no more seniors or managers than reps */
	assert_int_equal(parse(&a, "seniors", "13", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message,
	                    "seniors: 13 is more than team_size (12); give at most 12.");
	assert_int_equal(parse(&a, "managers", "13", MSG_NL, &err), SC_INVALID);
	assert_string_equal(err.message,
	                    "managers: 13 is meer dan team_size (12); geef hoogstens 12.");
	assert_int_equal(parse(&a, "manager_hours_per_week", "2,5,1", MSG_EN, &err), SC_INVALID);
	assert_int_equal(parse(&a, "manager_hours_per_week", "nan", MSG_EN, &err), SC_INVALID);
	assert_int_equal(parse(&a, "manager_hours_per_week", "41", MSG_EN, &err), SC_INVALID);
	assert_int_equal(parse(&a, "develop_managers", "maybe", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message, "develop_managers: 'maybe' is neither yes nor no.");
	assert_int_equal(parse(&a, "develop_managers", "misschien", MSG_NL, &err), SC_INVALID);
	assert_string_equal(err.message, "develop_managers: 'misschien' is geen ja en geen nee.");
	assert_int_equal(parse(&a, "trust", "so-so", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message, "trust: 'so-so' is not one of: low, medium, high.");
	assert_int_equal(parse(&a, "trust", "matig", MSG_NL, &err), SC_INVALID);
	assert_string_equal(err.message, "trust: 'matig' is geen van: laag, gemiddeld, hoog.");
	/* A long answer is quoted in part, cut between characters: 31 of the 40 'é's. */
	char long_answer[81];
	for (int i = 0; i < 40; i++)
		memcpy(long_answer + 2 * i, "\xc3\xa9", 2);
	long_answer[80] = '\0';
	assert_int_equal(parse(&a, "trust", long_answer, MSG_EN, &err), SC_INVALID);
	assert_true(text_utf8_valid(err.message, strlen(err.message)));
	assert_same_answers(&a, &before);
}

static enum sc_result from_text(struct advisor_answers *a, const char *json, enum msg_lang lang,
                                struct sc_error *err)
{
	json_error_t jerr;
	json_t *obj = json_loads(json, 0, &jerr);
	enum sc_result rc;

	if (!obj)
		fail_msg("bad test JSON %s: %s", json, jerr.text);
	advisor_answers_init(a);
	sc_error_init(err);
	rc = advisor_answers_from_json(a, obj, lang, err);
	json_decref(obj);
	return rc;
}

static void test_json_answers_refused(void **state)
{
	struct advisor_answers a;
	struct sc_error err;
	(void)state;

	assert_int_equal(from_text(&a, "{\"team_sise\": 12}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.field, "team_sise");
	assert_non_null(strstr(err.message, "unknown key 'team_sise'; the keys are: team_size, "));
	assert_int_equal(from_text(&a, "{\"team_size\": \"12\"}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message,
	                    "team_size must be a whole number from 1 to 1000, not \"12\".");
	assert_int_equal(from_text(&a, "{\"team_size\": 12.5}", MSG_EN, &err), SC_INVALID);
	assert_int_equal(from_text(&a, "{\"team_size\": 1001}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.field, "team_size");
	assert_int_equal(from_text(&a, "{\"coach_fte\": -1}", MSG_NL, &err), SC_INVALID);
	assert_string_equal(err.message,
	                    "coach_fte moet een getal van 0 tot en met 20 zijn, niet -1.");
	assert_int_equal(from_text(&a, "{\"objective_view\": 1}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message, "objective_view must be true or false, not 1.");
	assert_int_equal(from_text(&a, "{\"trust\": \"laag\"}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message, "trust must be one of low, medium, high, not \"laag\".");
	assert_int_equal(from_text(&a, "{\"seniors\": 11}", MSG_EN, &err), SC_INVALID);
	assert_string_equal(err.message,
	                    "seniors: 11 is more than team_size (10); give at most 10.");
	assert_int_equal(from_text(&a, "[1, 2]", MSG_EN, &err), SC_INVALID);

	/* a bound holds whatever the key order; missing keys keep their default */
	assert_int_equal(from_text(&a, "{\"seniors\": 30, \"team_size\": 40}", MSG_EN, &err),
	                 SC_OK);
	assert_int_equal(a.seniors, 30);
	assert_int_equal(a.managers, 1);
	assert_float_equal(a.manager_hours_per_week, 2.0, 0);
	/* a real answer may be written as an integer */
	assert_int_equal(from_text(&a, "{\"coach_fte\": 1}", MSG_EN, &err), SC_OK);
	assert_float_equal(a.coach_fte, 1.0, 0);
}

static void test_answers_file_errors(void **state)
{
	struct advisor_answers a;
	struct sc_error err;
	char path[] = "/tmp/test_advisor_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	(void)state;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("{\"team_size\": 12,\n \"team_size\": 13}\n", f);
	fclose(f);
	assert_int_equal(advisor_answers_load(&a, path, MSG_EN, &err), SC_INVALID);
	assert_true(!strncmp(err.message, path, strlen(path)));
	assert_non_null(strstr(err.message, "not valid JSON (line 2)"));

	/* larger than ADVISOR_FILE_MAX */
	f = fopen(path, "w");
	fputc('{', f);
	for (int i = 0; i < ADVISOR_FILE_MAX; i++)
		fputc(' ', f);
	fputc('}', f);
	fclose(f);
	assert_int_equal(advisor_answers_load(&a, path, MSG_EN, &err), SC_INVALID);
	assert_non_null(strstr(err.message, "larger than 65536 bytes"));
	unlink(path);

	assert_int_equal(advisor_answers_load(&a, path, MSG_NL, &err), SC_IO);
	assert_non_null(strstr(err.message, "kan niet gelezen worden"));
}

/* Every question has a prompt in both languages and a default within its range. */
static void test_questionnaire(void **state)
{
	size_t n;
	const struct advisor_question *qs = advisor_questions(&n);
	struct advisor_answers a;
	char id[128];
	(void)state;

	advisor_answers_init(&a);
	assert_int_equal(n, 14);
	for (size_t i = 0; i < n; i++) {
		struct sc_error err;
		struct advisor_answers b = a;
		snprintf(id, sizeof(id), "advise.question.%s", qs[i].id);
		assert_true(msg_exists(id));
		assert_string_not_equal(msg_text(MSG_EN, id), msg_text(MSG_NL, id));
		/* the default, as an answers file holds it, parses */
		if (qs[i].bound)
			assert_non_null(advisor_question_find(qs[i].bound));
		sc_error_init(&err);
		assert_int_equal(advisor_answer_parse(&b, &qs[i], qs[i].dflt, MSG_EN, &err), SC_OK);
		assert_same_answers(&a, &b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples_give_documented_scores),
		cmocka_unit_test(test_docs_state_the_same_scores),
		cmocka_unit_test(test_reasons_point_at_answers),
		cmocka_unit_test(test_changing_an_answer_moves_its_reason),
		cmocka_unit_test(test_pitfalls_are_rules_of_their_model),
		cmocka_unit_test(test_example_pitfalls),
		cmocka_unit_test(test_checklist_figures),
		cmocka_unit_test(test_defaults_tie_broken_in_model_order),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_typed_answers),
		cmocka_unit_test(test_typed_answers_refused),
		cmocka_unit_test(test_json_answers_refused),
		cmocka_unit_test(test_answers_file_errors),
		cmocka_unit_test(test_questionnaire),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
