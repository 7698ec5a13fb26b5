/*
 * test_settings.c - an organisation's settings (settings.h): the defaults
 * PRODUCT.md promises, values checked before they are stored, errors that
 * name the setting, and settings kept per organisation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "domain/org.h"
#include "domain/settings.h"
#include "store/store.h"
#include "store_target.h"

struct fixture {
	struct store *st;
	int64_t org, other;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	if (test_store_open(&fx->st, &err) ||
	    org_create(fx->st, "Van Dijk Kantoorsystemen", NULL, NULL, NULL, &fx->org, &err) ||
	    org_create(fx->st, "Hoogland Logistiek", NULL, NULL, NULL, &fx->other, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		store_close(&fx->st);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_close(&fx->st);
	free(fx);
	return 0;
}

static void get(struct fixture *fx, int64_t org, const char *key, char *out, size_t n)
{
	struct sc_error err;

	sc_error_init(&err);
	if (settings_get(fx->st, org, key, out, n, &err) != SC_OK)
		fail_msg("settings_get(%s): %s", key, err.message);
}

/* The defaults stated in PRODUCT.md. */
static void test_defaults_are_the_products(void **state)
{
	static const struct {
		const char *key;
		double value;
	} numbers[] = {
		{ "k", 5 },
		{ "k_survey", 3 },
		{ "retention_months", 24 },
		{ "no_recent_session_days", 30 },
		{ "overdue_actions", 3 },
		{ "mixing_window_days", 2 },
		{ "mixing_pulse_threshold", 3.0 },
		{ "supervision_reviewer", 0 },
		{ "supervision_days", 90 },
		{ "max_span", 10 },
		{ "readiness_min_score", 3 },
		{ "readiness_min_mean", 3.5 },
		{ "acceptance_min", 3.5 },
		{ "spy_min", 3.5 },
		{ "floor_days", 8 },
		{ "activity_share_pct", 100 },
		{ "ride_alongs", 4 },
		{ "onboarding_days", 90 },
		{ "selling_hours", 140 },
		{ "bonus_floor_pct", 80 },
		{ "bonus_cap_pct", 120 },
		{ "impact_months", 3 },
	};
	struct fixture *fx = *state;
	char value[128];

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		double v = settings_number(fx->st, fx->org, numbers[i].key);
		if (v != numbers[i].value)
			fail_msg("default of %s is %g; PRODUCT.md says %g", numbers[i].key, v,
			         numbers[i].value);
	}
	get(fx, fx->org, "timezone", value, sizeof(value));
	assert_string_equal(value, "Europe/Amsterdam");
	get(fx, fx->org, "locale", value, sizeof(value));
	assert_true(strcmp(value, "en") == 0 || strcmp(value, "nl") == 0);
}

static void test_every_default_is_valid(void **state)
{
	size_t n = 0;
	const struct setting_def *defs = settings_all(&n);
	struct sc_error err;

	(void)state;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		sc_error_init(&err);
		if (settings_check(&defs[i], defs[i].dflt, &err) != SC_OK)
			fail_msg("default '%s' of %s is refused: %s", defs[i].dflt, defs[i].key,
			         err.message);
		assert_ptr_equal(settings_find(defs[i].key), &defs[i]);
		/* Each says what it is for, in both languages (not the bare id). */
		char id[64];
		snprintf(id, sizeof(id), "setting.%s", defs[i].key);
		if (!msg_exists(id))
			fail_msg("setting %s has no text in msg/*/settings.json", defs[i].key);
		assert_string_not_equal(settings_help(defs[i].key, MSG_EN),
		                        settings_help(defs[i].key, MSG_NL));
	}
}

static void expect_set(struct fixture *fx, const char *key, const char *value)
{
	struct sc_error err;
	char back[128];

	sc_error_init(&err);
	if (settings_set(fx->st, fx->org, key, value, &err) != SC_OK)
		fail_msg("%s = %s refused: %s", key, value, err.message);
	get(fx, fx->org, key, back, sizeof(back));
	assert_string_equal(back, value);
}

static void test_valid_values_are_stored(void **state)
{
	struct fixture *fx = *state;

	expect_set(fx, "locale", "nl");
	expect_set(fx, "timezone", "America/New_York");
	expect_set(fx, "timezone", "UTC");
	expect_set(fx, "k", "7");
	expect_set(fx, "k", "2");
	expect_set(fx, "no_recent_session_days", "21");
	expect_set(fx, "readiness_min_mean", "3.75");
	expect_set(fx, "activity_share_pct", "100");
	assert_true(settings_number(fx->st, fx->org, "k") == 2);
	assert_true(settings_number(fx->st, fx->org, "no_recent_session_days") == 21);
	assert_true(settings_number(fx->st, fx->org, "readiness_min_mean") == 3.75);
}

/* value is refused for key: the error names key, and the old value stays. */
static void expect_refused(struct fixture *fx, const char *key, const char *value)
{
	struct sc_error err;
	char before[128], after[128];

	get(fx, fx->org, key, before, sizeof(before));
	sc_error_init(&err);
	if (settings_set(fx->st, fx->org, key, value, &err) != SC_INVALID)
		fail_msg("%s = '%s' was not refused as invalid", key, value);
	assert_string_equal(err.field, key);
	if (!strstr(err.message, key))
		fail_msg("the message for %s = '%s' does not name the setting: %s", key, value,
		         err.message);
	get(fx, fx->org, key, after, sizeof(after));
	assert_string_equal(after, before);
}

static void test_invalid_values_are_refused(void **state)
{
	struct fixture *fx = *state;

	expect_refused(fx, "locale", "fr");
	expect_refused(fx, "locale", "");
	expect_refused(fx, "timezone", "Mars/Olympus_Mons");
	expect_refused(fx, "timezone", "../../etc/passwd");
	expect_refused(fx, "k", "1");
	expect_refused(fx, "k", "1001");
	expect_refused(fx, "k", "five");
	expect_refused(fx, "k", "2.5");
	expect_refused(fx, "k", "");
	expect_refused(fx, "k", "5 ");
	expect_refused(fx, "k", "nan");
	expect_refused(fx, "k", "inf");
	expect_refused(fx, "no_recent_session_days", "0");
	expect_refused(fx, "no_recent_session_days", "-3");
	expect_refused(fx, "readiness_min_mean", "5.5");
	expect_refused(fx, "activity_share_pct", "101");
	expect_refused(fx, "retention_months", "0");
}

static void test_range_message_says_what_is_allowed(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	sc_error_init(&err);
	assert_int_equal(settings_set(fx->st, fx->org, "max_span", "0", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "1"));
	assert_non_null(strstr(err.message, "100"));
	sc_error_init(&err);
	assert_int_equal(settings_set(fx->st, fx->org, "locale", "de", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "nl"));
	assert_non_null(strstr(err.message, "en"));
}

static void test_unknown_key(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char value[64] = "unchanged";

	assert_null(settings_find("colour"));
	sc_error_init(&err);
	assert_int_equal(settings_set(fx->st, fx->org, "colour", "blue", &err), SC_INVALID);
	assert_non_null(strstr(err.message, "colour"));
	/* A key typed in another encoding is quoted as UTF-8 ('?' for what is not). */
	sc_error_init(&err);
	assert_int_equal(settings_set(fx->st, fx->org, "kleur\xe9", "blue", &err), SC_INVALID);
	assert_true(text_utf8_valid(err.message, strlen(err.message)));
	assert_non_null(strstr(err.message, "'kleur?'"));
	sc_error_init(&err);
	assert_int_equal(settings_get(fx->st, fx->org, "colour", value, sizeof(value), &err),
	                 SC_INVALID);
	assert_non_null(strstr(err.message, "colour"));
	assert_true(settings_number(fx->st, fx->org, "colour") == 0);
}

static void test_broken_stored_value_reads_as_default(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;

	/* A value written past the checks (by hand, by an old version) does not leak out. */
	assert_int_equal(store_setting_put(fx->st, fx->org, "max_span", "lots", &err), SC_OK);
	assert_true(settings_number(fx->st, fx->org, "max_span") == 10);
	assert_int_equal(store_setting_put(fx->st, fx->org, "max_span", "500", &err), SC_OK);
	assert_true(settings_number(fx->st, fx->org, "max_span") == 10);
}

static void test_settings_belong_to_one_organisation(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	char value[64];

	assert_int_equal(settings_set(fx->st, fx->org, "timezone", "America/New_York", &err),
	                 SC_OK);
	assert_int_equal(settings_set(fx->st, fx->org, "k", "9", &err), SC_OK);
	get(fx, fx->other, "timezone", value, sizeof(value));
	assert_string_equal(value, "Europe/Amsterdam");
	assert_true(settings_number(fx->st, fx->other, "k") == 5);
	get(fx, fx->org, "timezone", value, sizeof(value));
	assert_string_equal(value, "America/New_York");
}

static void test_organisation_created_with_locale_and_zone(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	int64_t id = 0;
	char value[64];

	assert_int_equal(
	        org_create(fx->st, "Bakker Print", NULL, "nl", "Europe/Brussels", &id, &err),
	        SC_OK);
	get(fx, id, "locale", value, sizeof(value));
	assert_string_equal(value, "nl");
	get(fx, id, "timezone", value, sizeof(value));
	assert_string_equal(value, "Europe/Brussels");

	sc_error_init(&err);
	assert_int_equal(org_create(fx->st, "Fout BV", NULL, "fr", NULL, &id, &err), SC_INVALID);
	assert_string_equal(err.field, "locale");
	sc_error_init(&err);
	assert_int_equal(org_create(fx->st, "Fout BV", NULL, NULL, "Atlantis/Capital", &id, &err),
	                 SC_INVALID);
	assert_string_equal(err.field, "timezone");
}

/*
 * SALESCOACH_SMTP_ORG_SERVERS=deny: the server, login and sender cannot be set (the
 * refusal names the setting and the switch; the stored value stays), emptied they can be;
 * the other settings are untouched. Any other value than allow or deny is refused.
 */
static void test_operator_keeps_the_smtp_settings(void **state)
{
	struct fixture *fx = *state;
	struct sc_error err;
	bool allowed = false;
	char value[128];

	expect_set(fx, "smtp_url", "smtp://mail.vandijk.example:587");
	assert_int_equal(settings_org_smtp(&allowed, MSG_EN, &err), SC_OK);
	assert_true(allowed && settings_editable("smtp_url"));

	assert_int_equal(setenv("SALESCOACH_SMTP_ORG_SERVERS", "deny", 1), 0);
	assert_int_equal(settings_org_smtp(&allowed, MSG_EN, &err), SC_OK);
	assert_false(allowed);
	const char *const keys[] = { "smtp_url", "smtp_from", "smtp_user" };
	const char *const values[] = { "smtp://mail.elsewhere.example:25", "ceo@bank.example",
		                       "other" };
	for (size_t i = 0; i < 3; i++) {
		assert_false(settings_editable(keys[i]));
		expect_refused(fx, keys[i], values[i]);
		sc_error_init(&err);
		settings_set_in(fx->st, fx->org, keys[i], values[i], MSG_NL, &err);
		if (!strstr(err.message, "SALESCOACH_SMTP_ORG_SERVERS=deny") ||
		    !strstr(err.message, "staat niet toe"))
			fail_msg("the refusal of %s does not say the operator keeps it: %s",
			         keys[i], err.message);
	}
	assert_true(settings_editable("max_span"));
	expect_set(fx, "max_span", "12");
	get(fx, fx->org, "smtp_url", value, sizeof(value));
	assert_string_equal(value, "smtp://mail.vandijk.example:587");
	expect_set(fx, "smtp_url", "");

	assert_int_equal(setenv("SALESCOACH_SMTP_ORG_SERVERS", "Deny ", 1), 0);
	sc_error_init(&err);
	assert_int_equal(settings_org_smtp(&allowed, MSG_EN, &err), SC_INVALID);
	assert_non_null(strstr(err.message, "must be allow or deny, not 'Deny '"));
	assert_false(settings_editable("smtp_url"));
	sc_error_init(&err);
	assert_int_equal(settings_set(fx->st, fx->org, "smtp_url", "smtp://mail.example.com", &err),
	                 SC_INVALID);
	assert_non_null(strstr(err.message, "SALESCOACH_SMTP_ORG_SERVERS"));
	get(fx, fx->org, "smtp_url", value, sizeof(value));
	assert_string_equal(value, "");
	assert_int_equal(unsetenv("SALESCOACH_SMTP_ORG_SERVERS"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults_are_the_products, setup, teardown),
		cmocka_unit_test(test_every_default_is_valid),
		cmocka_unit_test_setup_teardown(test_valid_values_are_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_values_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_range_message_says_what_is_allowed, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_stored_value_reads_as_default, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_settings_belong_to_one_organisation, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_operator_keeps_the_smtp_settings, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_organisation_created_with_locale_and_zone,
		                                setup, teardown),
	};

	return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
