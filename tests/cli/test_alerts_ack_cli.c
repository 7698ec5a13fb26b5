/*
 * test_alerts_ack_cli.c - `salescoach alerts` on the demo organisation:
 * acknowledging an alert (on a copy of the demo database), who sees which
 * alerts, and that no alert carries private coaching content. The fixture
 * is tests/support/alerts_fixture.h.
 */
#include "alerts_fixture.h"

#define T(f) cmocka_unit_test(f)
#define C(f) cmocka_unit_test_setup_teardown(f, setup_copy, teardown_copy)

/* ---- acknowledging ------------------------------------------------------------------------ */

static size_t audit_count(struct fixture *fx)
{
	json_t *arr = run_json(fx, "--json", "audit", "list", NULL);
	size_t n = json_array_size(arr);

	json_decref(arr);
	return n;
}

#define REASON "Bart is met verlof tot 1 december; bespreken na terugkomst"
#define ACTION "Offerte Hoogland Logistiek nabellen voor de verlenging"

static void test_ack_quiets_the_alert_until_its_facts_change(void **state)
{
	struct fixture *fx = *state;
	json_t *root, *a;
	char id[128], bart[24], asg[24], *dump;
	size_t audit;

	root = run_json(fx, "alerts", "--json", NULL);
	snprintf(id, sizeof(id), "%s",
	         str(the_alert(root, "overdue-actions", "Bart Schouten"), "id"));
	size_t total = json_array_size(alerts_of(root));
	json_decref(root);
	audit = audit_count(fx);

	assert_int_equal(sc(fx, "alerts", "ack", id, "--reason", REASON, NULL), 0);
	assert_non_null(strstr(fx->last.out, id));
	/* Acknowledging is audited. */
	assert_true(audit_count(fx) > audit);

	root = run_json(fx, "alerts", "--json", NULL);
	size_t shown = count_alerts(root, "overdue-actions", "Bart Schouten", NULL);
	json_int_t quiet = count_of(root, "acknowledged_not_shown");
	json_int_t left = count_of(root, "total");
	size_t others = json_array_size(alerts_of(root));
	json_decref(root);
	assert_int_equal(shown, 0);
	assert_int_equal(quiet, 1);
	assert_int_equal(left, total - 1);
	assert_int_equal(others, total - 1);

	/* The text says one is not shown; --all shows it with the reason. */
	sc(fx, "alerts", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --lang en after ack");
	assert_null(strstr(fx->last.out, id));
	char *says = msg_format(MSG_EN, "alerts.quiet", &(struct msg_arg){ "quiet", "1" }, 1);
	bool told = says && strstr(fx->last.out, says);
	free(says);
	assert_true(told);
	root = run_json(fx, "alerts", "--all", "--json", NULL);
	a = the_alert(root, "overdue-actions", "Bart Schouten");
	bool acknowledged = json_is_true(json_object_get(a, "acknowledged"));
	bool reason = !strcmp(str(json_object_get(a, "acknowledgement"), "reason"), REASON);
	size_t all = json_array_size(alerts_of(root));
	quiet = count_of(root, "acknowledged_not_shown");
	json_decref(root);
	assert_true(acknowledged);
	assert_true(reason);
	assert_int_equal(all, total);
	assert_int_equal(quiet, 0);
	sc(fx, "alerts", "--all", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "alerts --all");
	assert_non_null(strstr(fx->last.out, REASON));

	/* A fourth overdue item is a new fact: the alert is back, no longer acknowledged. */
	int64_t bart_id = id_where(fx, "person", "name", json_string("Bart Schouten"));
	int64_t asg_id = id_where(fx, "assignment", "coachee", json_integer(bart_id));
	assert_int_equal(sc(fx, "action", "add", "--assignment", idt(asg_id, asg), "--owner",
	                    idt(bart_id, bart), "--text", ACTION, "--due-on", "2026-11-20", NULL),
	                 0);
	root = run_json(fx, "alerts", "--json", NULL);
	a = the_alert(root, "overdue-actions", "Bart Schouten");
	bool back = json_is_false(json_object_get(a, "acknowledged"));
	double overdue = json_number_value(json_object_get(json_object_get(a, "facts"), "overdue"));
	quiet = count_of(root, "acknowledged_not_shown");
	dump = json_dumps(root, 0);
	json_decref(root);
	bool leaked = !dump || strstr(dump, ACTION) != NULL;
	free(dump);
	assert_true(back);
	assert_true(overdue == 4);
	assert_int_equal(quiet, 0);
	/* The action item's text is private: it is not in the alert. */
	assert_false(leaked);
}

static void test_refused_acks_change_nothing(void **state)
{
	struct fixture *fx = *state;
	json_t *root;
	char *before, *after, id[128], bad[128], asg[24];
	size_t audit = audit_count(fx);

	root = run_json(fx, "alerts", "--all", "--json", NULL);
	before = json_dumps(root, JSON_SORT_KEYS);
	snprintf(id, sizeof(id), "%s",
	         str(the_alert(root, "span-too-wide", "Sandra Visser"), "id"));
	json_decref(root);

	sc(fx, "alerts", "ack", id, NULL);
	harness_expect_refused(&fx->last, "alerts ack without --reason", "--reason");
	sc(fx, "alerts", "ack", id, "--reason", "", NULL);
	harness_expect_refused(&fx->last, "alerts ack with an empty reason", "--reason");

	/* Noor has 2 overdue items, not 3: that alert is not firing. */
	int64_t noor = id_where(fx, "person", "name", json_string("Noor Hermans"));
	int64_t noor_asg = id_where(fx, "assignment", "coachee", json_integer(noor));
	snprintf(bad, sizeof(bad), "overdue-actions:assignment-%s", idt(noor_asg, asg));
	sc(fx, "alerts", "ack", bad, "--reason", "not firing", NULL);
	harness_expect_refused(&fx->last, "alerts ack of an alert that is not firing", bad);
	sc(fx, "alerts", "ack", "no-such-rule:team-1", "--reason", "typo", NULL);
	harness_expect_refused(&fx->last, "alerts ack of an unknown id", "no-such-rule:team-1");
	sc(fx, "alerts", "ack", "--reason", "no id", NULL);
	harness_expect_refused(&fx->last, "alerts ack without an id", NULL);

	assert_int_equal(audit_count(fx), audit);
	root = run_json(fx, "alerts", "--all", "--json", NULL);
	after = json_dumps(root, JSON_SORT_KEYS);
	json_decref(root);
	bool same = before && after && !strcmp(before, after);
	free(before);
	free(after);
	assert_true(same);
}

#define MARK "mark.jansen@vandijk.example"

/*
 * Managers acknowledge the alerts about people below them in the reporting
 * line, through this door as through the API. An alert about a manager
 * alone is their superior's (or an administrator's): a pitfall is not
 * silenced by the person it is about. Nobody acknowledges what they do not see.
 */
static void test_a_manager_acknowledges_for_their_line(void **state)
{
	struct fixture *fx = *state;
	json_t *root;
	char span[128], youssef[128];
	size_t audit;

	root = run_json(fx, "alerts", "--json", NULL);
	snprintf(span, sizeof(span), "%s",
	         str(the_alert(root, "span-too-wide", "Sandra Visser"), "id"));
	snprintf(youssef, sizeof(youssef), "%s",
	         str(the_alert(root, "no-recent-session", "Youssef El Idrissi"), "id"));
	json_decref(root);
	audit = audit_count(fx);

	sc(fx, "--as", SANDRA, "alerts", "ack", span, "--reason", "I know", NULL);
	harness_expect_refused(&fx->last, "a manager acknowledging an alert about herself",
	                       "leidinggevende");
	sc(fx, "--as", MARK, "alerts", "ack", youssef, "--reason", "not his", NULL);
	harness_expect_refused(&fx->last, "a manager acknowledging outside his line", youssef);
	sc(fx, "--as", LOTTE, "alerts", "ack", youssef, "--reason", "not hers", NULL);
	harness_expect_refused(&fx->last, "a rep acknowledging", youssef);
	assert_int_equal(audit_count(fx), audit);

	/* Youssef reports to Sandra. */
	assert_int_equal(sc(fx, "--as", SANDRA, "alerts", "ack", youssef, "--reason",
	                    "Youssef is on leave until December", NULL),
	                 0);
	assert_true(audit_count(fx) > audit);
	root = run_json(fx, "alerts", "--json", NULL);
	size_t left = count_alerts(root, "no-recent-session", "Youssef El Idrissi", NULL);
	json_decref(root);
	assert_int_equal(left, 0);
}

/* ---- who sees what ------------------------------------------------------------------------ */

/* Every alert of root concerns name; otherwise fail (root is released first). */
static void expect_all_about(json_t *root, const char *name)
{
	json_t *a;
	size_t i;

	json_array_foreach(alerts_of(root), i, a)
	{
		if (!concerns(a, name)) {
			char msg[300];
			snprintf(msg, sizeof(msg),
			         "acting as %s, alert %s is shown, which is not "
			         "about them",
			         name, str(a, "id"));
			json_decref(root);
			fail_msg("%s", msg);
		}
	}
}

static void test_as_a_person_only_the_alerts_about_them(void **state)
{
	struct fixture *fx = *state;
	json_t *full = base(fx), *root;
	size_t about_sandra = count_alerts(full, NULL, "Sandra Visser", NULL);

	/* Lotte is coached by Jeroen, who is just inside every rule: nothing about her. */
	root = run_json(fx, "--as", LOTTE, "alerts", "--json", NULL);
	expect_all_about(root, "Lotte Mulder");
	size_t lotte = json_array_size(alerts_of(root));
	json_decref(root);
	assert_int_equal(lotte, 0);
	sc(fx, "--as", LOTTE, "alerts", "--lang", "en", NULL);
	harness_expect_ok(&fx->last, "--as Lotte alerts");
	assert_null(strstr(fx->last.out, "Sandra Visser"));
	assert_null(strstr(fx->last.out, "Kees Mulder"));

	/* Sandra sees every alert that names her, and no other. */
	root = run_json(fx, "--as", SANDRA, "alerts", "--json", NULL);
	expect_all_about(root, "Sandra Visser");
	size_t sandra = json_array_size(alerts_of(root));
	size_t youssef = count_alerts(root, "no-recent-session", "Youssef El Idrissi", NULL);
	size_t span = count_alerts(root, "span-too-wide", "Sandra Visser", NULL);
	json_decref(root);
	assert_true(about_sandra >= 7);
	assert_int_equal(sandra, about_sandra);
	assert_int_equal(youssef, 1);
	assert_int_equal(span, 1);
}

/* ---- privacy ------------------------------------------------------------------------------ */

/* The e-mail address of the person behind coach profile coach, into email. */
static void coach_email(struct fixture *fx, int64_t coach, char *email, size_t n)
{
	json_t *arr = run_json(fx, "--json", "coach", "list", NULL), *row;
	int64_t person = 0;
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (json_integer_value(json_object_get(row, "id")) == coach)
			person = json_integer_value(json_object_get(row, "person"));
	}
	json_decref(arr);
	*email = 0;
	arr = run_json(fx, "--json", "person", "list", NULL);
	json_array_foreach(arr, i, row)
	{
		if (person && json_integer_value(json_object_get(row, "id")) == person)
			snprintf(email, n, "%s", str(row, "email"));
	}
	json_decref(arr);
	if (!*email)
		fail_msg("coach profile %lld has no person with an e-mail address",
		         (long long)coach);
}

/*
 * The notes and agenda of coachee's latest held session, read as the coach
 * (who may), appended to texts (owned by the caller).
 */
static void private_texts_of(struct fixture *fx, const char *coachee, char **texts, size_t *n)
{
	char sid[24], email[300];
	int64_t person = id_where(fx, "person", "name", json_string(coachee));
	json_t *arr = run_json(fx, "--json", "assignment", "list", NULL), *row;
	int64_t assignment = 0, coach = 0, session = 0;
	char last[40] = "";
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (json_integer_value(json_object_get(row, "coachee")) == person &&
		    !strcmp(str(row, "status"), "active")) {
			assignment = json_integer_value(json_object_get(row, "id"));
			coach = json_integer_value(json_object_get(row, "coach"));
		}
	}
	json_decref(arr);
	if (!assignment)
		fail_msg("%s has no active assignment", coachee);
	coach_email(fx, coach, email, sizeof(email));

	arr = run_json(fx, "--json", "session", "list", "--assignment", idt(assignment, sid),
	               "--status", "held", NULL);
	json_array_foreach(arr, i, row)
	{
		if (strcmp(str(row, "at"), last) > 0) {
			snprintf(last, sizeof(last), "%s", str(row, "at"));
			session = json_integer_value(json_object_get(row, "id"));
		}
	}
	json_decref(arr);
	if (!session)
		fail_msg("%s has no held session", coachee);

	json_t *s =
	        run_json(fx, "--as", email, "--json", "session", "show", idt(session, sid), NULL);
	const char *notes = str(s, "notes"), *agenda = str(s, "agenda");
	bool readable = strlen(notes) > 20;
	if (readable) {
		texts[(*n)++] = strdup(notes);
		if (strlen(agenda) > 20)
			texts[(*n)++] = strdup(agenda);
	}
	json_decref(s);
	if (!readable)
		fail_msg("%s cannot read the notes of session %s of %s", email, sid, coachee);
}

static void test_no_private_coaching_content_in_alerts(void **state)
{
	static const char *const coachees[] = { "Youssef El Idrissi", "Bart Schouten", "Luuk Prins",
		                                "Koen Lambregts", "Anna Dijkstra" };
	/* What anyone may run, and what the coach who may read the notes sees. */
	static const char *const runs[][6] = {
		{ "alerts", "--json", NULL },
		{ "alerts", "--all", "--json", NULL },
		{ "alerts", NULL },
		{ "alerts", "--lang", "en", NULL },
		{ "--as", SANDRA, "alerts", "--json", NULL },
		{ "--as", SANDRA, "alerts", NULL },
	};
	struct fixture *fx = *state;
	char *texts[16] = { 0 }, *outputs[6] = { 0 };
	size_t nt = 0, no = 0;

	base(fx);
	for (size_t c = 0; c < sizeof(coachees) / sizeof(coachees[0]); c++)
		private_texts_of(fx, coachees[c], texts, &nt);
	assert_true(nt >= 5);
	for (size_t r = 0; r < 6; r++) {
		harness_run_argv(&fx->last, fx->db, NULL, NULL, (char *const *)runs[r]);
		harness_expect_ok(&fx->last, runs[r][0]);
		outputs[no++] = fx->last.out;
		fx->last.out = NULL;
	}
	for (size_t t = 0; t < nt; t++)
		for (size_t o = 0; o < no; o++)
			if (strstr(outputs[o], texts[t]))
				fail_msg("private text '%s' appears in the output of run %zu",
				         texts[t], o);
	for (size_t t = 0; t < nt; t++)
		free(texts[t]);
	for (size_t o = 0; o < no; o++)
		free(outputs[o]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		C(test_ack_quiets_the_alert_until_its_facts_change),
		C(test_refused_acks_change_nothing),
		C(test_a_manager_acknowledges_for_their_line),
		T(test_as_a_person_only_the_alerts_about_them),
		T(test_no_private_coaching_content_in_alerts),
	};

	return cmocka_run_group_tests_name("alerts acknowledged, by role", tests, setup_group,
	                                   teardown_group);
}
