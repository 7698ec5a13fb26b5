/*
 * advisor.h - the model advisor: a questionnaire about a sales team, and a
 * deterministic score from 0 to 100 for each of the four coaching models
 * (manager, senior, internal, external), with the reasons for every score,
 * the pitfalls the answers make likely and a prevention checklist for the
 * model that fits best.
 *
 * The questionnaire is data (advisor_questions): the command line asks it
 * question by question, a JSON file gives it at once; both go through the
 * same parsing and checks. Scoring needs no database: the thresholds it
 * uses are the defaults of the organisation settings (settings.h), the
 * hours go through calc.h, so the advisor and the pitfall monitor count
 * alike. docs/advisor.md states every rule and its points.
 *
 * Texts (reasons, pitfalls, checklist lines, validation errors) are message
 * ids of the catalogue (msg/LANG/advisor.json) with numeric facts; they are
 * rendered in a language only when shown.
 */
#ifndef SALESCOACH_ADVISOR_H
#define SALESCOACH_ADVISOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/msg.h"
#include "base/result.h"

/* The four models, in the fixed order that also breaks ties between equal scores. */
enum advisor_model { ADVISOR_MANAGER, ADVISOR_SENIOR, ADVISOR_INTERNAL, ADVISOR_EXTERNAL };
#define ADVISOR_MODELS 4

/* "manager", "senior", "internal", "external". */
const char *advisor_model_name(enum advisor_model m);

enum advisor_qtype { AQ_INT, AQ_REAL, AQ_BOOL, AQ_CHOICE };

/* Choices of internal_candidate: is there a respected insider for the coach role? */
enum advisor_candidate { CANDIDATE_NONE, CANDIDATE_NO_SALES, CANDIDATE_SALES };

/* Choices of trust: between reps and management. */
enum advisor_trust { TRUST_LOW, TRUST_MEDIUM, TRUST_HIGH };

/* The answers to the questionnaire; advisor_answers_init fills in the defaults. */
struct advisor_answers {
	int team_size;                 /* reps to coach, 1-1000 */
	int managers;                  /* their sales managers, 1-100, at most team_size */
	double manager_hours_per_week; /* hours a week each manager can free for coaching */
	int managers_trained_pct;      /* share of the managers trained in coaching, 0-100 */
	bool managers_sales_record;    /* the managers sold successfully before they led */
	bool superiors_can_supervise;  /* the managers' superiors can coach the coaches */
	int seniors;                   /* senior reps with a strong record and the wish to coach */
	bool develop_managers;         /* the organisation wants to develop future managers */
	double coach_fte;              /* budget for a coach on the payroll, in FTE */
	int coach_budget;              /* budget for an external coach, euros per year */
	enum advisor_candidate internal_candidate;
	bool objective_view;      /* an objective outside view is needed */
	enum advisor_trust trust; /* between reps and management */
	double target_hours;      /* coaching hours per rep per month aimed at */
};

/* A question of the questionnaire. */
struct advisor_question {
	const char *id; /* the key in an answers file; the prompt is "advise.question.<id>" */
	enum advisor_qtype type;
	double min, max;            /* AQ_INT, AQ_REAL */
	const char *bound;          /* id of an earlier AQ_INT question that caps max, or NULL */
	const char *const *choices; /* AQ_CHOICE: the codes, NULL-terminated, in enum order */
	const char *dflt; /* the default, as in an answers file: "10", "false", "medium" */
	size_t offset;    /* of the field in struct advisor_answers */
};

/* The questions in the order they are asked; *n receives the count. Static. */
const struct advisor_question *advisor_questions(size_t *n);

/* The question with this id, or NULL. */
const struct advisor_question *advisor_question_find(const char *id);

/* Every answer at its question's default. */
void advisor_answers_init(struct advisor_answers *a);

/* The largest value q allows given the answers so far (its bound's answer when lower). */
double advisor_question_max(const struct advisor_question *q, const struct advisor_answers *a);

/*
 * Set q's answer from text as a person types it in lang: numbers with a
 * point or (reals) a comma for decimals, yes/no or ja/nee, a choice's code
 * or its word in lang ("laag"). Leading and trailing blanks are ignored.
 * Refused (SC_INVALID, the message in lang names q and what is allowed,
 * err->field = q->id) when it does not parse or lies outside the range,
 * including the bound of an earlier answer; *a is then unchanged.
 */
enum sc_result advisor_answer_parse(struct advisor_answers *a, const struct advisor_question *q,
                                    const char *text, enum msg_lang lang, struct sc_error *err);

/*
 * Set the answers from a JSON object {"team_size": 12, "trust": "low", ...}:
 * integers for whole-number questions, numbers for the others, true/false,
 * choice codes as strings. Missing keys keep their current value (the
 * defaults after advisor_answers_init). Unknown keys, wrong types, values
 * out of range and answers above their bound are refused with a message in
 * lang naming the key and what is allowed (err->field = the key). Borrows
 * obj. On failure *a may hold some of the file's answers.
 */
enum sc_result advisor_answers_from_json(struct advisor_answers *a, const json_t *obj,
                                         enum msg_lang lang, struct sc_error *err);

/*
 * advisor_answers_init, then the answers of the JSON file at path (at most
 * ADVISOR_FILE_MAX bytes) through advisor_answers_from_json. Messages begin
 * with the path. SC_IO when it cannot be read, SC_INVALID for its content.
 */
#define ADVISOR_FILE_MAX (64 * 1024)
enum sc_result advisor_answers_load(struct advisor_answers *a, const char *path, enum msg_lang lang,
                                    struct sc_error *err);

/* The answers as a JSON object in question order, as an answers file holds them. Owned. */
json_t *advisor_answers_json(const struct advisor_answers *a);

/* q's answer in a as people read it in lang ("2,5", "nee", "gemiddeld"), written to buf. */
const char *advisor_answer_text(const struct advisor_answers *a, const struct advisor_question *q,
                                enum msg_lang lang, char *buf, size_t n);

/* ---- the result ---------------------------------------------------------------------------- */

#define ADVISOR_MAX_FACTS     8
#define ADVISOR_MAX_ANSWERS   3
#define ADVISOR_MAX_REASONS   24
#define ADVISOR_MAX_PITFALLS  24
#define ADVISOR_MAX_CHECKLIST 12

/* A number behind a text: its {name} placeholder, shown with at most decimals decimals. */
struct advisor_fact {
	const char *name; /* static */
	double value;
	int decimals;
	bool money; /* euros, thousands grouped */
};

/* A text of the catalogue with its facts. */
struct advisor_text {
	const char *msg; /* message id, static */
	struct advisor_fact facts[ADVISOR_MAX_FACTS];
	size_t nfacts;
};

/* One answer moving one model's score. */
struct advisor_reason {
	enum advisor_model model;
	const char *answer; /* the question id, static */
	int points;         /* never 0 */
	struct advisor_text text;
};

/* A pitfall of PRODUCT.md's rule table that the answers make likely in a model. */
struct advisor_pitfall {
	const char *rule; /* rule id, e.g. "manager-no-time"; static */
	enum advisor_model model;
	const char *answers[ADVISOR_MAX_ANSWERS]; /* the question ids behind it */
	size_t nanswers;
	struct advisor_text text;
};

/* A line of the prevention checklist. */
struct advisor_check {
	const char *rule; /* the rule id it prevents, or NULL */
	struct advisor_text text;
};

/* Figures derived from the answers, shown beside the scores. */
struct advisor_figures {
	int span;                   /* reps per manager: ceil(team_size / managers) */
	double needed_per_manager;  /* span x target, h per month */
	double available_per_month; /* per manager: hours per week x 52 / 12 */
	int max_span;               /* reps a manager's free time covers: floor(available/target) */
	int coachees_of_seniors;    /* team_size - seniors */
	int senior_capacity;        /* seniors x ADVISOR_SENIOR_COACHEES */
	double needed_team;         /* team_size x target, h per month */
	double internal_capacity;   /* coach_fte x ADVISOR_HOURS_PER_FTE, h per month */
	double external_hours;      /* coach_budget / ADVISOR_EXTERNAL_RATE / 12, h per month */
};

/* The advisor's own assumptions, stated in docs/advisor.md. */
#define ADVISOR_BASE            50  /* every model starts here */
#define ADVISOR_SENIOR_COACHEES 3   /* coachees a senior can take beside their own quota */
#define ADVISOR_HOURS_PER_FTE   80  /* coaching hours a month of a full-time coach */
#define ADVISOR_EXTERNAL_RATE   150 /* euros per hour of an external coach */

struct advisor_result {
	int score[ADVISOR_MODELS];                  /* 0-100, by enum advisor_model */
	int raw[ADVISOR_MODELS];                    /* before clamping */
	enum advisor_model ranking[ADVISOR_MODELS]; /* best first; ties in model order */
	enum advisor_model best;                    /* ranking[0] */
	struct advisor_figures fig;
	struct advisor_reason reasons[ADVISOR_MAX_REASONS]; /* in model order, then rule order */
	size_t nreasons;
	struct advisor_pitfall pitfalls[ADVISOR_MAX_PITFALLS]; /* in model order */
	size_t npitfalls;
	struct advisor_check checklist[ADVISOR_MAX_CHECKLIST]; /* for best */
	size_t nchecklist;
};

/*
 * Score the answers (which must have passed parsing: every value within
 * range). Deterministic: the same answers always give the same result.
 */
void advisor_score(const struct advisor_answers *a, struct advisor_result *out);

/* t rendered in lang, its facts formatted as people read them there. Owned; NULL on OOM. */
char *advisor_text_render(enum msg_lang lang, const struct advisor_text *t);

/*
 * The result as JSON: answers, figures, scores, ranking, best, reasons
 * (model, answer, points, message id, text, facts), pitfalls (rule, model,
 * answers, text, facts) and the checklist, texts in lang. Owned; NULL on OOM.
 */
json_t *advisor_result_json(const struct advisor_answers *a, const struct advisor_result *r,
                            enum msg_lang lang);

#endif
