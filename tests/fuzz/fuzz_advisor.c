/*
 * fuzz_advisor.c - the model advisor's answers (src/plan/advisor.c): an
 * answers file as `salescoach advise --answers FILE` reads it
 * (advisor_answers_load), or answers typed line by line as `salescoach
 * advise` asks them (advisor_answer_parse); then the scores.
 *
 * The input: a byte (bit 0: Dutch; bit 1: typed answers), then the file, or
 * the lines typed: each answers the next question, an empty line keeps the
 * default and a refused answer is asked again, as the command does.
 *
 * What must hold: a refusal says what is wrong, in a message of valid UTF-8
 * when what was given is (a file's refusal begins with its path), and names
 * the answer; answers
 * accepted are within their ranges and bounds, score 0 to 100 as the reasons
 * add up, and written back as an answers file they read as the same answers.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "plan/advisor.h"
#include "invariant.h"

#define TYPED_MAX 200 /* the command reads lines of at most this (ANSWER_MAX in cli_advise.c) */

/* A refusal of what was given (utf8: in valid UTF-8, so the message must be too). */
static void check_message(const struct sc_error *err, const char *what, bool utf8)
{
	size_t n = strlen(err->message);

	FUZZ_ASSERT(err->code == SC_INVALID, "%s refused with code %d: %s", what, err->code,
	            err->message);
	FUZZ_ASSERT(n > 0, "%s refused without a message", what);
	FUZZ_ASSERT(!utf8 || text_utf8_valid(err->message, n),
	            "%s refused with a message not UTF-8: %s", what, fuzz_show(err->message, n));
}

/* Every answer within its question's range and its bound. */
static void check_ranges(const struct advisor_answers *a)
{
	size_t n;
	const struct advisor_question *qs = advisor_questions(&n);
	json_t *j = advisor_answers_json(a);

	FUZZ_ASSERT(j, "no memory");
	for (size_t i = 0; i < n; i++) {
		const struct advisor_question *q = &qs[i];
		json_t *v = json_object_get(j, q->id);
		if (q->type == AQ_INT || q->type == AQ_REAL) {
			double d = json_number_value(v);
			FUZZ_ASSERT(d >= q->min && d <= advisor_question_max(q, a),
			            "%s = %g, outside %g..%g", q->id, d, q->min,
			            advisor_question_max(q, a));
		}
	}
	json_decref(j);
}

static void check_score(const struct advisor_answers *a, enum msg_lang lang)
{
	struct advisor_result *r = malloc(sizeof(*r));
	int sum[ADVISOR_MODELS];
	bool seen[ADVISOR_MODELS] = { false };

	FUZZ_ASSERT(r, "no memory");
	advisor_score(a, r);
	for (int m = 0; m < ADVISOR_MODELS; m++)
		sum[m] = ADVISOR_BASE;
	for (size_t k = 0; k < r->nreasons; k++) {
		FUZZ_ASSERT(r->reasons[k].points != 0, "a reason of no points");
		sum[r->reasons[k].model] += r->reasons[k].points;
	}
	for (int m = 0; m < ADVISOR_MODELS; m++) {
		/* The reasons shown explain the score exactly. */
		FUZZ_ASSERT(r->raw[m] == sum[m], "%s: raw score %d, the reasons add up to %d",
		            advisor_model_name((enum advisor_model)m), r->raw[m], sum[m]);
		FUZZ_ASSERT(r->score[m] >= 0 && r->score[m] <= 100, "score %d", r->score[m]);
	}
	for (int i = 0; i < ADVISOR_MODELS; i++) {
		enum advisor_model m = r->ranking[i];
		FUZZ_ASSERT((int)m >= 0 && m < ADVISOR_MODELS && !seen[m], "ranking is no order");
		seen[m] = true;
		if (i)
			FUZZ_ASSERT(r->score[r->ranking[i - 1]] >= r->score[m],
			            "ranking out of order");
	}
	FUZZ_ASSERT(r->best == r->ranking[0], "best is not first");
	json_t *j = advisor_result_json(a, r, lang);
	FUZZ_ASSERT(j, "the result cannot be written as JSON");
	char *text = json_dumps(j, JSON_COMPACT);
	FUZZ_ASSERT(text, "the result cannot be written as JSON");
	free(text);
	json_decref(j);
	free(r);
}

/*
 * The answers, written as a file, read back as the same answers (parsed as
 * advisor_answers_load parses a file, without writing one for every input).
 */
static void check_round_trip(const struct advisor_answers *a, enum msg_lang lang)
{
	json_t *j = advisor_answers_json(a), *j2, *parsed;
	struct advisor_answers b;
	struct sc_error err;
	json_error_t je;
	char *text = json_dumps(j, JSON_COMPACT);

	FUZZ_ASSERT(text, "no memory");
	parsed = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	FUZZ_ASSERT(parsed, "the answers written as %s do not parse: %s", text, je.text);
	sc_error_init(&err);
	advisor_answers_init(&b);
	FUZZ_ASSERT(advisor_answers_from_json(&b, parsed, lang, &err) == SC_OK,
	            "the answers %s, written as a file, are refused: %s", text, err.message);
	j2 = advisor_answers_json(&b);
	FUZZ_ASSERT(json_equal(j, j2), "the answers %s read back differently", text);
	json_decref(j2);
	json_decref(parsed);
	json_decref(j);
	free(text);
}

static void answers_file(const uint8_t *data, size_t size, enum msg_lang lang)
{
	const char *path = fuzz_temp_path("answers.json");
	struct advisor_answers a;
	struct sc_error err;

	fuzz_write_file(path, data, size);
	sc_error_init(&err);
	if (advisor_answers_load(&a, path, lang, &err) != SC_OK) {
		check_message(&err, "an answers file", true);
		FUZZ_ASSERT(!strncmp(err.message, path, strlen(path)),
		            "the refusal does not name the file: %s", err.message);
		return;
	}
	check_ranges(&a);
	check_score(&a, lang);
	check_round_trip(&a, lang);
}

static void typed(struct fuzz_input *in, enum msg_lang lang)
{
	size_t n;
	const struct advisor_question *qs = advisor_questions(&n);
	struct advisor_answers a;

	advisor_answers_init(&a);
	for (size_t i = 0; i < n && in->n;) {
		size_t len;
		char *line = fuzz_part(in, '\n', &len);
		struct sc_error err;

		if (len > TYPED_MAX || strlen(line) != len) {
			free(line); /* the command refuses it before parsing; asked again */
			continue;
		}
		if (strspn(line, " \t") == len) {
			free(line);
			i++;
			continue;
		}
		sc_error_init(&err);
		if (advisor_answer_parse(&a, &qs[i], line, lang, &err) == SC_OK) {
			i++;
		} else {
			check_message(&err, qs[i].id, text_utf8_valid(line, len));
			FUZZ_ASSERT(!strcmp(err.field, qs[i].id), "the refusal of %s names %s",
			            qs[i].id, err.field);
		}
		free(line);
	}
	check_ranges(&a);
	check_score(&a, lang);
	check_round_trip(&a, lang);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	uint8_t mode = fuzz_byte(&in);
	enum msg_lang lang = mode & 1 ? MSG_NL : MSG_EN;

	if (mode & 2)
		typed(&in, lang);
	else
		answers_file(in.p, in.n, lang);
	return 0;
}
