/*
 * advisor.c - the model advisor's questionnaire: the questions as data,
 * their defaults, and answers parsed from what a person types or from a
 * JSON file, each checked against its range (see advisor.h). The scoring is
 * in advisor_score.c.
 */
#include "plan/advisor.h"
#include "base/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Choice answers are stored through memcpy of an int: the enums must be int-sized. */
_Static_assert(sizeof(enum advisor_trust) == sizeof(int), "enum advisor_trust is not int-sized");
_Static_assert(sizeof(enum advisor_candidate) == sizeof(int),
               "enum advisor_candidate is not int-sized");

/* ---- the questionnaire ------------------------------------------------------------------ */

static const char *const candidate_codes[] = { "none", "no_sales_background", "sales_background",
	                                       NULL };
static const char *const trust_codes[] = { "low", "medium", "high", NULL };

#define Q(id, type, min, max, bound, choices, dflt)                                                \
	{                                                                                          \
#id, type, min, max, bound, choices, dflt, offsetof(struct advisor_answers, id)    \
	}

/* The order is the order of asking; a bound must be asked before the question it caps. */
static const struct advisor_question questions[] = {
	Q(team_size, AQ_INT, 1, 1000, NULL, NULL, "10"),
	Q(managers, AQ_INT, 1, 100, "team_size", NULL, "1"),
	Q(manager_hours_per_week, AQ_REAL, 0, 40, NULL, NULL, "2"),
	Q(managers_trained_pct, AQ_INT, 0, 100, NULL, NULL, "0"),
	Q(managers_sales_record, AQ_BOOL, 0, 1, NULL, NULL, "false"),
	Q(superiors_can_supervise, AQ_BOOL, 0, 1, NULL, NULL, "false"),
	Q(seniors, AQ_INT, 0, 1000, "team_size", NULL, "0"),
	Q(develop_managers, AQ_BOOL, 0, 1, NULL, NULL, "false"),
	Q(coach_fte, AQ_REAL, 0, 20, NULL, NULL, "0"),
	Q(coach_budget, AQ_INT, 0, 10000000, NULL, NULL, "0"),
	Q(internal_candidate, AQ_CHOICE, 0, 2, NULL, candidate_codes, "none"),
	Q(objective_view, AQ_BOOL, 0, 1, NULL, NULL, "false"),
	Q(trust, AQ_CHOICE, 0, 2, NULL, trust_codes, "medium"),
	Q(target_hours, AQ_REAL, 1, 10, NULL, NULL, "3"),
};

#define NQUESTIONS (ARRAY_SIZE(questions))

const struct advisor_question *advisor_questions(size_t *n)
{
	*n = NQUESTIONS;
	return questions;
}

const struct advisor_question *advisor_question_find(const char *id)
{
	for (size_t i = 0; id && i < NQUESTIONS; i++)
		if (!strcmp(questions[i].id, id))
			return &questions[i];
	return NULL;
}

/* q's answer in a as a number: ints, reals, 0/1 for bools, the index of a choice. */
static double get_value(const struct advisor_answers *a, const struct advisor_question *q)
{
	const char *p = (const char *)a + q->offset;
	int i;
	double d;
	bool b;

	switch (q->type) {
	case AQ_REAL:
		memcpy(&d, p, sizeof(d));
		return d;
	case AQ_BOOL:
		memcpy(&b, p, sizeof(b));
		return b ? 1 : 0;
	case AQ_INT:
	case AQ_CHOICE:
	default:
		memcpy(&i, p, sizeof(i));
		return i;
	}
}

/* Store v (already checked against q's range) as q's answer. */
static void set_value(struct advisor_answers *a, const struct advisor_question *q, double v)
{
	char *p = (char *)a + q->offset;
	int i = (int)v;
	bool b = v != 0;

	switch (q->type) {
	case AQ_REAL:
		memcpy(p, &v, sizeof(v));
		break;
	case AQ_BOOL:
		memcpy(p, &b, sizeof(b));
		break;
	case AQ_INT:
	case AQ_CHOICE:
	default:
		memcpy(p, &i, sizeof(i));
		break;
	}
}

static int choice_index(const struct advisor_question *q, const char *code)
{
	for (int i = 0; q->choices && q->choices[i]; i++)
		if (!strcmp(q->choices[i], code))
			return i;
	return -1;
}

void advisor_answers_init(struct advisor_answers *a)
{
	memset(a, 0, sizeof(*a));
	for (size_t i = 0; i < NQUESTIONS; i++) {
		const struct advisor_question *q = &questions[i];
		double v;
		if (q->type == AQ_BOOL)
			v = !strcmp(q->dflt, "true");
		else if (q->type == AQ_CHOICE)
			v = choice_index(q, q->dflt);
		else
			v = strtod(q->dflt, NULL);
		set_value(a, q, v);
	}
}

double advisor_question_max(const struct advisor_question *q, const struct advisor_answers *a)
{
	const struct advisor_question *b = advisor_question_find(q->bound);
	double max = q->max;
	if (b && get_value(a, b) < max)
		max = get_value(a, b);
	return max;
}

/* ---- texts ------------------------------------------------------------------------------- */

/* A message of the catalogue with string args, into err as an SC_INVALID about field. */
static enum sc_result refuse(struct sc_error *err, const char *field, enum msg_lang lang,
                             const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(lang, id, args, n);
	enum sc_result rc = sc_fail(err, text ? SC_INVALID : SC_NOMEM, field, "%s",
	                            text ? text : "out of memory");
	free(text);
	return rc;
}

#define FAIL(err, field, lang, id, ...)                                                            \
	do {                                                                                       \
		const struct msg_arg args_[] = { __VA_ARGS__ };                                    \
		return refuse(err, field, lang, id, args_, ARRAY_SIZE(args_));                     \
	} while (0)

/* The words of q's choices in lang, joined by ", " into buf. */
static const char *choice_words(const struct advisor_question *q, enum msg_lang lang, char *buf,
                                size_t n)
{
	char id[96];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; q->choices[i]; i++) {
		snprintf(id, sizeof(id), "advise.choice.%s.%s", q->id, q->choices[i]);
		int w = snprintf(buf + len, n - len, "%s%s", i ? ", " : "", msg_text(lang, id));
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/* The codes of q's choices joined by ", " (the form of an answers file). */
static const char *choice_codes(const struct advisor_question *q, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; q->choices[i]; i++) {
		int w = snprintf(buf + len, n - len, "%s%s", i ? ", " : "", q->choices[i]);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

const char *advisor_answer_text(const struct advisor_answers *a, const struct advisor_question *q,
                                enum msg_lang lang, char *buf, size_t n)
{
	double v = get_value(a, q);
	char id[96];

	switch (q->type) {
	case AQ_BOOL:
		snprintf(buf, n, "%s", msg_text(lang, v ? "common.yes" : "common.no"));
		break;
	case AQ_CHOICE:
		snprintf(id, sizeof(id), "advise.choice.%s.%s", q->id, q->choices[(int)v]);
		snprintf(buf, n, "%s", msg_text(lang, id));
		break;
	case AQ_INT:
	case AQ_REAL:
	default:
		msg_number(lang, v, 2, buf, n);
		break;
	}
	return buf;
}

/* ---- parsing answers --------------------------------------------------------------------- */

/* Check v against q's range and bound; store it when it fits. */
static enum sc_result check_range(struct advisor_answers *a, const struct advisor_question *q,
                                  double v, const char *shown, enum msg_lang lang,
                                  struct sc_error *err)
{
	char lo[32], hi[32], bmax[32];
	double max = advisor_question_max(q, a);

	/* The range the question was asked with: its maximum capped by its bound (the prompt's). */
	msg_number(lang, q->min, 2, lo, sizeof(lo));
	msg_number(lang, max, 2, hi, sizeof(hi));
	if (!(v >= q->min && v <= q->max))
		FAIL(err, q->id, lang, "advise.error.range", { "answer", q->id },
		     { "value", shown }, { "min", lo }, { "max", hi });
	if (v > max) {
		msg_number(lang, max, 2, bmax, sizeof(bmax));
		FAIL(err, q->id, lang, "advise.error.bound", { "answer", q->id },
		     { "value", shown }, { "bound", q->bound }, { "max", bmax });
	}
	set_value(a, q, v);
	return SC_OK;
}

/* Text that is [-]digits, or (decimals) [-]digits[.,]digits; false for anything else. */
static bool numeric_text(const char *s, bool decimals)
{
	bool digits = false, sep = false;

	if (*s == '-')
		s++;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			digits = true;
		} else if (decimals && (*s == '.' || *s == ',') && digits && !sep && s[1]) {
			sep = true;
		} else {
			return false;
		}
	}
	return digits;
}

static bool word_in(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcasecmp(s, *words))
			return true;
	return false;
}

enum sc_result advisor_answer_parse(struct advisor_answers *a, const struct advisor_question *q,
                                    const char *text, enum msg_lang lang, struct sc_error *err)
{
	static const char *const yes[] = { "yes", "y", "ja", "j", "true", "1", NULL };
	static const char *const no[] = { "no", "n", "nee", "false", "0", NULL };
	char s[64], lo[32], hi[32], words[256], id[96];
	size_t len;

	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	if (len >= sizeof(s)) {
		/* A longer text is no number nor word: refused below, quoted up to a whole
		 * character, so that the message stays UTF-8. */
		len = sizeof(s) - 1;
		while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(s, text, len);
	s[len] = '\0';
	msg_number(lang, q->min, 2, lo, sizeof(lo));
	msg_number(lang, advisor_question_max(q, a), 2, hi, sizeof(hi));

	switch (q->type) {
	case AQ_INT:
		/* Twelve digits and more are out of every range; strtod keeps them exact enough. */
		if (!numeric_text(s, false))
			FAIL(err, q->id, lang, "advise.error.int", { "answer", q->id },
			     { "value", s }, { "min", lo }, { "max", hi });
		return check_range(a, q, strtod(s, NULL), s, lang, err);
	case AQ_REAL: {
		if (!numeric_text(s, true))
			FAIL(err, q->id, lang, "advise.error.real", { "answer", q->id },
			     { "value", s }, { "min", lo }, { "max", hi });
		char *comma = strchr(s, ',');
		char shown[64];
		snprintf(shown, sizeof(shown), "%s", s);
		if (comma)
			*comma = '.';
		return check_range(a, q, strtod(s, NULL), shown, lang, err);
	}
	case AQ_BOOL:
		if (word_in(s, yes)) {
			set_value(a, q, 1);
			return SC_OK;
		}
		if (word_in(s, no)) {
			set_value(a, q, 0);
			return SC_OK;
		}
		FAIL(err, q->id, lang, "advise.error.bool", { "answer", q->id }, { "value", s },
		     { "yes", msg_text(lang, "common.yes") },
		     { "no", msg_text(lang, "common.no") });
	case AQ_CHOICE:
	default:
		for (int i = 0; q->choices[i]; i++) {
			snprintf(id, sizeof(id), "advise.choice.%s.%s", q->id, q->choices[i]);
			if (!strcasecmp(s, q->choices[i]) || !strcasecmp(s, msg_text(MSG_EN, id)) ||
			    !strcasecmp(s, msg_text(MSG_NL, id))) {
				set_value(a, q, i);
				return SC_OK;
			}
		}
		FAIL(err, q->id, lang, "advise.error.choice", { "answer", q->id }, { "value", s },
		     { "choices", choice_words(q, lang, words, sizeof(words)) });
	}
}

/* v as it appears in the file, for messages: at most 40 bytes, cut between characters. */
static const char *json_shown(const json_t *v, char *buf, size_t n)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	size_t len = s ? strlen(s) : 0, cut = len > 40 ? 40 : len;

	while (cut < len && cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	if (s)
		snprintf(buf, n, "%.*s%s", (int)cut, s, cut < len ? "..." : "");
	else
		snprintf(buf, n, "?");
	free(s);
	return buf;
}

/* The question ids joined by ", ". */
static const char *all_keys(char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NQUESTIONS; i++) {
		int w = snprintf(buf + len, n - len, "%s%s", i ? ", " : "", questions[i].id);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

/* One key's JSON value into *a, without the bound (checked once all keys are in). */
static enum sc_result from_json_value(struct advisor_answers *a, const struct advisor_question *q,
                                      const json_t *v, enum msg_lang lang, struct sc_error *err)
{
	char shown[64], lo[32], hi[32], codes[256];
	double d;

	msg_number(lang, q->min, 2, lo, sizeof(lo));
	msg_number(lang, q->max, 2, hi, sizeof(hi));
	json_shown(v, shown, sizeof(shown));
	switch (q->type) {
	case AQ_INT:
		if (!json_is_integer(v) || (double)json_integer_value(v) < q->min ||
		    (double)json_integer_value(v) > q->max)
			FAIL(err, q->id, lang, "advise.error.json_int", { "answer", q->id },
			     { "min", lo }, { "max", hi }, { "value", shown });
		set_value(a, q, (double)json_integer_value(v));
		return SC_OK;
	case AQ_REAL:
		d = json_number_value(v);
		if (!json_is_number(v) || !isfinite(d) || d < q->min || d > q->max)
			FAIL(err, q->id, lang, "advise.error.json_real", { "answer", q->id },
			     { "min", lo }, { "max", hi }, { "value", shown });
		set_value(a, q, d);
		return SC_OK;
	case AQ_BOOL:
		if (!json_is_boolean(v))
			FAIL(err, q->id, lang, "advise.error.json_bool", { "answer", q->id },
			     { "value", shown });
		set_value(a, q, json_is_true(v));
		return SC_OK;
	case AQ_CHOICE:
	default: {
		int i = json_is_string(v) ? choice_index(q, json_string_value(v)) : -1;
		if (i < 0)
			FAIL(err, q->id, lang, "advise.error.json_choice", { "answer", q->id },
			     { "choices", choice_codes(q, codes, sizeof(codes)) },
			     { "value", shown });
		set_value(a, q, i);
		return SC_OK;
	}
	}
}

enum sc_result advisor_answers_from_json(struct advisor_answers *a, const json_t *obj,
                                         enum msg_lang lang, struct sc_error *err)
{
	const char *key;
	json_t *v;
	char keys[512], shown[32], max[32];
	enum sc_result rc;

	if (!json_is_object(obj))
		return refuse(err, NULL, lang, "advise.error.not_object", NULL, 0);
	json_object_foreach((json_t *)obj, key, v)
	{
		if (!advisor_question_find(key))
			FAIL(err, key, lang, "advise.error.unknown_key", { "key", key },
			     { "keys", all_keys(keys, sizeof(keys)) });
	}
	/* Known keys in question order: the first error shown does not depend on the file's. */
	for (size_t i = 0; i < NQUESTIONS; i++) {
		const json_t *value = json_object_get(obj, questions[i].id);
		if (value && (rc = from_json_value(a, &questions[i], value, lang, err)))
			return rc;
	}
	for (size_t i = 0; i < NQUESTIONS; i++) {
		const struct advisor_question *q = &questions[i];
		double bmax = advisor_question_max(q, a), v = get_value(a, q);
		if (v > bmax) {
			msg_number(lang, v, 2, shown, sizeof(shown));
			msg_number(lang, bmax, 2, max, sizeof(max));
			FAIL(err, q->id, lang, "advise.error.bound", { "answer", q->id },
			     { "value", shown }, { "bound", q->bound }, { "max", max });
		}
	}
	return SC_OK;
}

enum sc_result advisor_answers_load(struct advisor_answers *a, const char *path, enum msg_lang lang,
                                    struct sc_error *err)
{
	FILE *f = NULL;
	char *buf = NULL, line[24], max[24];
	size_t len = 0;
	json_t *obj = NULL;
	json_error_t jerr;
	enum sc_result rc = SC_OK;
	char *text = NULL;

	advisor_answers_init(a);
	if (!(buf = malloc(ADVISOR_FILE_MAX + 1))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	if (!(f = fopen(path, "rb"))) {
		const struct msg_arg args[] = { { "reason", strerror(errno) } };
		text = msg_format(lang, "advise.error.read", args, 1);
		rc = sc_fail(err, SC_IO, NULL, "%s: %s", path, text ? text : strerror(errno));
		goto out;
	}
	len = fread(buf, 1, ADVISOR_FILE_MAX + 1, f);
	if (ferror(f)) {
		const struct msg_arg args[] = { { "reason", strerror(errno) } };
		text = msg_format(lang, "advise.error.read", args, 1);
		rc = sc_fail(err, SC_IO, NULL, "%s: %s", path, text ? text : "read error");
		goto out;
	}
	if (len > ADVISOR_FILE_MAX) {
		snprintf(max, sizeof(max), "%d", ADVISOR_FILE_MAX);
		const struct msg_arg args[] = { { "max", max } };
		text = msg_format(lang, "advise.error.too_big", args, 1);
		rc = sc_fail(err, SC_INVALID, NULL, "%s: %s", path, text ? text : "too big");
		goto out;
	}
	if (!(obj = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr))) {
		snprintf(line, sizeof(line), "%d", jerr.line);
		const struct msg_arg args[] = { { "line", line }, { "reason", jerr.text } };
		text = msg_format(lang, "advise.error.json", args, 2);
		rc = sc_fail(err, SC_INVALID, NULL, "%s: %s", path, text ? text : jerr.text);
		goto out;
	}
	if ((rc = advisor_answers_from_json(a, obj, lang, err))) {
		char detail[sizeof(err->message)];
		snprintf(detail, sizeof(detail), "%s", err->message);
		sc_fail(err, rc, err->field, "%s: %s", path, detail);
	}
out:
	free(text);
	json_decref(obj);
	if (f)
		fclose(f);
	free(buf);
	return rc;
}

json_t *advisor_answers_json(const struct advisor_answers *a)
{
	json_t *obj = json_object();

	for (size_t i = 0; obj && i < NQUESTIONS; i++) {
		const struct advisor_question *q = &questions[i];
		double v = get_value(a, q);
		json_t *j;
		switch (q->type) {
		case AQ_INT:
			j = json_integer((json_int_t)v);
			break;
		case AQ_REAL:
			j = json_real(v);
			break;
		case AQ_BOOL:
			j = json_boolean(v != 0);
			break;
		case AQ_CHOICE:
		default:
			j = json_string(q->choices[(int)v]);
			break;
		}
		if (json_object_set_new(obj, q->id, j)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}
