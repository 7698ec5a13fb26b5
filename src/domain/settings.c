#include "domain/settings.h"
#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/timeutil.h"
#include "model/entity.h"
#include "model/record.h"

static const char *const locales[] = { "nl", "en", NULL };

static const struct setting_def defs[] = {
	{ "locale", ST_ENUM, 0, 0, locales, "en", "language of messages: nl or en" },
	{ "timezone", ST_ZONE, 0, 0, NULL, "Europe/Amsterdam",
	  "time zone times are entered and shown in" },
	{ "k", ST_INT, 2, 1000, NULL, "5", "smallest group an aggregate may describe" },
	{ "k_survey", ST_INT, 2, 1000, NULL, "3",
	  "answers needed before survey results are shown" },
	{ "retention_months", ST_INT, 1, 240, NULL, "24",
	  "months after an assignment ends that its private content is kept" },
	{ "window_days", ST_INT, 7, 365, NULL, "30",
	  "days looked back by presence, activity and ride-along rules" },
	{ "no_recent_session_days", ST_INT, 1, 365, NULL, "30",
	  "no-recent-session: days without a held session" },
	{ "overdue_actions", ST_INT, 1, 100, NULL, "3",
	  "overdue-actions: overdue action items that raise an alert" },
	{ "unrecorded_session_days", ST_INT, 1, 60, NULL, "2",
	  "session-not-recorded: days after its day that a session may still be planned" },
	{ "mixing_window_days", ST_INT, 0, 60, NULL, "2",
	  "coaching-mixed-with-appraisal: days between session and appraisal" },
	{ "mixing_pulse_threshold", ST_REAL, 1, 5, NULL, "3.0",
	  "coaching-mixed-with-appraisal: coachees' mean of 'my sessions feel like an assessment' "
	  "from which it fires" },
	{ "supervision_days", ST_INT, 1, 730, NULL, "90",
	  "no-supervision: days without a coach-the-coach review" },
	{ "supervision_reviewer", ST_INT, 0, 1e15, NULL, "0",
	  "person id who may do coach-the-coach reviews besides the manager's superior (0: none)" },
	{ "max_span", ST_INT, 1, 100, NULL, "10",
	  "span-too-wide: most direct reports per manager" },
	{ "readiness_min_score", ST_INT, 1, 5, NULL, "3",
	  "readiness: lowest score allowed on any criterion" },
	{ "readiness_min_mean", ST_REAL, 1, 5, NULL, "3.5", "readiness: lowest mean allowed" },
	{ "acceptance_min", ST_REAL, 1, 5, NULL, "3.5",
	  "low-acceptance: lowest mean of respect, trust, helps or part of the team" },
	{ "spy_min", ST_REAL, 1, 5, NULL, "3.5",
	  "seen-as-spy: lowest mean of 'does not report on me'" },
	{ "survey_window_days", ST_INT, 7, 730, NULL, "90",
	  "low-acceptance, seen-as-spy: days of survey answers averaged" },
	{ "floor_days", ST_INT, 0, 31, NULL, "8", "not-on-floor: days on the floor per window" },
	{ "activity_share_pct", ST_REAL, 0, 100, NULL, "100",
	  "misses-team-activities: share of team activities attended, percent (the article: "
	  "all of them)" },
	{ "ride_alongs", ST_INT, 0, 100, NULL, "4",
	  "no-ride-alongs: customer appointments joined per window" },
	{ "onboarding_days", ST_INT, 1, 365, NULL, "90",
	  "acceptance-not-built: days an external coach is onboarding" },
	{ "selling_hours", ST_INT, 1, 300, NULL, "140", "selling hours in a month" },
	{ "bonus_floor_pct", ST_REAL, 0, 200, NULL, "80",
	  "bonus component: attainment from which it is paid, percent" },
	{ "bonus_cap_pct", ST_REAL, 0, 500, NULL, "120",
	  "bonus component: attainment at which it is capped, percent" },
	{ "impact_months", ST_INT, 1, 24, NULL, "3", "impact: months compared before and after" },
};

const struct setting_def *settings_all(size_t *n)
{
	*n = ARRAY_SIZE(defs);
	return defs;
}

const struct setting_def *settings_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (strcmp(defs[i].key, key) == 0)
			return &defs[i];
	return NULL;
}

enum sc_result settings_check(const struct setting_def *def, const char *value,
                              struct sc_error *err)
{
	char shown[80];
	double v;

	/* Messages quote the value: only ever as valid UTF-8. */
	text_quote(value, shown, sizeof(shown));
	switch (def->type) {
	case ST_ENUM:
		for (const char *const *c = def->choices; *c; c++)
			if (strcmp(*c, value) == 0)
				return SC_OK;
		return sc_fail(err, SC_INVALID, def->key, "%s: '%s' is not allowed; use nl or en",
		               def->key, shown);
	case ST_ZONE:
		if (text_check(value, strlen(value), false, NULL) == TEXT_FINE &&
		    tu_valid_zone(value))
			return SC_OK;
		return sc_fail(
		        err, SC_INVALID, def->key,
		        "%s: '%s' is not a known time zone; use a name like Europe/Amsterdam",
		        def->key, shown);
	case ST_INT:
	case ST_REAL:
		if (!text_decimal(value, &v) || (def->type == ST_INT && v != floor(v)))
			return sc_fail(err, SC_INVALID, def->key,
			               "%s: '%s' is not %s; write it in decimal digits", def->key,
			               shown, def->type == ST_INT ? "a whole number" : "a number");
		if (v < def->min || v > def->max)
			return sc_fail(err, SC_INVALID, def->key,
			               "%s: %s is out of range; use %g to %g", def->key, value,
			               def->min, def->max);
		return SC_OK;
	}
	return SC_OK;
}

enum sc_result settings_get(struct store *st, int64_t org, const char *key, char *out, size_t n,
                            struct sc_error *err)
{
	const struct setting_def *def = settings_find(key);
	char *value = NULL;
	enum sc_result rc;

	if (!def)
		return sc_fail(err, SC_INVALID, "key",
		               "unknown setting '%s'; `salescoach org show` lists them", key);
	if ((rc = store_setting_get(st, org, key, &value, err)))
		return rc;
	snprintf(out, n, "%s", value ? value : def->dflt);
	free(value);
	return SC_OK;
}

double settings_number(struct store *st, int64_t org, const char *key)
{
	const struct setting_def *def = settings_find(key);
	char buf[64];

	if (!def)
		return 0;
	if (settings_get(st, org, key, buf, sizeof(buf), NULL) != SC_OK ||
	    settings_check(def, buf, NULL) != SC_OK)
		return strtod(def->dflt, NULL);
	return strtod(buf, NULL);
}

enum sc_result settings_set(struct store *st, int64_t org, const char *key, const char *value,
                            struct sc_error *err)
{
	const struct setting_def *def = settings_find(key);
	enum sc_result rc;
	char shown[80];

	if (!def)
		return sc_fail(err, SC_INVALID, "key",
		               "unknown setting '%s'; `salescoach org show` lists them",
		               text_quote(key, shown, sizeof(shown)));
	if ((rc = settings_check(def, value, err)))
		return rc;
	/* The named reviewer must be a person of the organisation (0 names nobody). */
	if (!strcmp(key, "supervision_reviewer") && strtod(value, NULL) > 0) {
		struct record *p = NULL;
		rc = store_get(st, org, entity_get(E_PERSON), (int64_t)strtod(value, NULL), &p,
		               err);
		record_free(&p);
		if (rc == SC_NOT_FOUND)
			return sc_fail(
			        err, SC_INVALID, def->key,
			        "%s: there is no person with id %s; `salescoach person list` "
			        "shows the ids, and 0 names nobody",
			        def->key, value);
		if (rc)
			return rc;
	}
	return store_setting_put(st, org, key, value, err);
}
