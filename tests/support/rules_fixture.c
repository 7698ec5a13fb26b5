/*
 * rules_fixture.c - the shared fixture of the tests of the pitfall monitor
 * (see rules_fixture.h).
 */
#include "rules_fixture.h"

#include "store_target.h"

/* ---- small text helpers ------------------------------------------------------------------- */

#define RING 32
static char ring[RING][64];
static int ring_next;

char *slot(void)
{
	return ring[ring_next++ % RING];
}

/* An id or number as text. */
const char *num(int64_t v)
{
	char *s = slot();
	snprintf(s, 64, "%lld", (long long)v);
	return s;
}

/* Today plus offset days, as a date. */
const char *day(int offset)
{
	char *s = slot();
	tu_date_add(TODAY, offset, s);
	return s;
}

/* Local time hhmm on today plus offset days, as a user types it. */
const char *at(int offset, const char *hhmm)
{
	char *s = slot();
	char d[TU_DATE_LEN];
	tu_date_add(TODAY, offset, d);
	snprintf(s, 64, "%sT%s", d, hhmm);
	return s;
}

/* "Rep A 2" -> "rep.a.2@example.com". */
const char *email_of(const char *name)
{
	char *s = slot();
	size_t n = 0;
	for (const char *p = name; *p && n < 40; p++)
		s[n++] = *p == ' ' ? '.' : (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	snprintf(s + n, 64 - n, "@example.com");
	return s;
}

/* ---- records, built as a user types them -------------------------------------------------- */

struct record *build(enum entity_kind kind)
{
	struct record *rec = record_new(entity_get(kind));
	assert_non_null(rec);
	return rec;
}

void put(struct fixture *fx, struct record *rec, const char *field, const char *text)
{
	struct sc_error err;
	int i = entity_field(rec->def, field);

	if (i < 0)
		fail_msg("%s has no field %s", rec->def->name, field);
	sc_error_init(&err);
	if (domain_parse(&fx->d, rec, i, text, &err) != SC_OK)
		fail_msg("%s %s '%s' refused: %s", rec->def->name, field, text, err.message);
}

/*
 * Store rec (taken) through domain_add. A record the domain refuses as a
 * pitfall (SC_CONFLICT: a senior not assessed, a coach beyond capacity,
 * coaching mixed with appraisal) is what some tests need, so it is stored
 * with an override reason, as `--override` would; the alert must still fire.
 */
int64_t store(struct fixture *fx, struct record *rec)
{
	struct sc_error err;
	enum sc_result rc;
	int64_t id;

	sc_error_init(&err);
	rc = domain_add(&fx->d, rec, &err);
	if (rc == SC_CONFLICT) {
		sc_error_init(&err);
		fx->d.override_reason = "test fixture: recorded despite the pitfall";
		rc = domain_add(&fx->d, rec, &err);
		fx->d.override_reason = NULL;
	}
	id = rec->id;
	if (rc != SC_OK) {
		char what[64];
		snprintf(what, sizeof(what), "%s", rec->def->name);
		record_free(&rec);
		fail_msg("adding a %s was refused: %s", what, err.message);
	}
	record_free(&rec);
	assert_true(id > 0);
	return id;
}

/* Add a record of kind from "field", "text" pairs ended by NULL. */
int64_t add(struct fixture *fx, enum entity_kind kind, ...)
{
	struct record *rec = build(kind);
	const char *field;
	va_list ap;

	va_start(ap, kind);
	while ((field = va_arg(ap, const char *)))
		put(fx, rec, field, va_arg(ap, const char *));
	va_end(ap);
	return store(fx, rec);
}

/* Change record id of kind to the "field", "text" pairs ended by NULL. */
void update(struct fixture *fx, enum entity_kind kind, int64_t id, ...)
{
	struct record *rec = build(kind);
	struct sc_error err;
	const char *field;
	enum sc_result rc;
	va_list ap;

	va_start(ap, id);
	while ((field = va_arg(ap, const char *)))
		put(fx, rec, field, va_arg(ap, const char *));
	va_end(ap);
	rec->id = id;
	sc_error_init(&err);
	rc = domain_update(&fx->d, rec, &err);
	if (rc == SC_CONFLICT) {
		fx->d.override_reason = "test fixture: recorded despite the pitfall";
		rc = domain_update(&fx->d, rec, &err);
		fx->d.override_reason = NULL;
	}
	record_free(&rec);
	if (rc != SC_OK)
		fail_msg("changing %s %lld was refused: %s", entity_get(kind)->name, (long long)id,
		         err.message);
}

/* ---- the fixture library ------------------------------------------------------------------ */

int64_t person(struct fixture *fx, const char *name, int64_t superior)
{
	struct record *rec = build(E_PERSON);
	put(fx, rec, "name", name);
	put(fx, rec, "email", email_of(name));
	if (superior)
		put(fx, rec, "superior", num(superior));
	return store(fx, rec);
}

int64_t inactive_person(struct fixture *fx, const char *name, int64_t superior)
{
	return add(fx, E_PERSON, "name", name, "email", email_of(name), "superior", num(superior),
	           "active", "false", NULL);
}

int64_t coach(struct fixture *fx, int64_t who, const char *kind, int capacity,
              const char *hours_per_week)
{
	struct record *rec = build(E_COACH);
	put(fx, rec, "person", num(who));
	put(fx, rec, "kind", kind);
	put(fx, rec, "capacity", num(capacity));
	put(fx, rec, "hours_per_week", hours_per_week);
	if (!strcmp(kind, "external"))
		put(fx, rec, "company", "Coachbureau Oost");
	return store(fx, rec);
}

int64_t trained(struct fixture *fx, int64_t coach_id, const char *completed_on)
{
	struct record *rec = build(E_TRAINING);
	put(fx, rec, "coach", num(coach_id));
	put(fx, rec, "course", "Coaching basics");
	if (completed_on)
		put(fx, rec, "completed_on", completed_on);
	return store(fx, rec);
}

int64_t assessment(struct fixture *fx, int64_t candidate, int64_t assessor, int m, int t, int a,
                   int tr, const char *decision, const char *on)
{
	return add(fx, E_ASSESSMENT, "candidate", num(candidate), "assessor", num(assessor),
	           "assessed_on", on, "motivation", num(m), "traits", num(t), "ability", num(a),
	           "track_record", num(tr), "decision", decision, NULL);
}

/* An assignment starting today + start days. */
int64_t assign(struct fixture *fx, int64_t prog, int64_t coach_id, int64_t coachee, int start)
{
	return add(fx, E_ASSIGNMENT, "programme", num(prog), "coach", num(coach_id), "coachee",
	           num(coachee), "starts_on", day(start), NULL);
}

int64_t session(struct fixture *fx, int64_t asg, const char *kind, const char *when, int minutes,
                const char *status)
{
	return add(fx, E_SESSION, "assignment", num(asg), "kind", kind, "at", when, "minutes",
	           num(minutes), "status", status, NULL);
}

int64_t held(struct fixture *fx, int64_t asg, const char *when, int minutes)
{
	return session(fx, asg, "one_to_one", when, minutes, "held");
}

/* An action item of the coachee due today + due days; done today + done days unless NO_DAY. */
int64_t action(struct fixture *fx, int64_t asg, int64_t owner, int due, int done)
{
	struct record *rec = build(E_ACTION);
	put(fx, rec, "assignment", num(asg));
	put(fx, rec, "owner", num(owner));
	put(fx, rec, "text", "Call back the prospect");
	put(fx, rec, "due_on", day(due));
	if (done != NO_DAY)
		put(fx, rec, "done_on", day(done));
	return store(fx, rec);
}

int64_t appraisal(struct fixture *fx, int64_t rep, int64_t manager, const char *on)
{
	return add(fx, E_APPRAISAL, "rep", num(rep), "manager", num(manager), "period_from",
	           "2026-01-01", "period_to", "2026-06-30", "recorded_on", on, "rating", "3", NULL);
}

int64_t review(struct fixture *fx, int64_t manager, int64_t reviewer, int on, int next)
{
	struct record *rec = build(E_SUPERVISION);
	put(fx, rec, "manager", num(manager));
	put(fx, rec, "reviewer", num(reviewer));
	put(fx, rec, "reviewed_on", day(on));
	if (next != NO_DAY)
		put(fx, rec, "next_review_on", day(next));
	return store(fx, rec);
}

int64_t task(struct fixture *fx, int64_t manager, const char *name, const char *hours,
             bool delegable, int64_t delegated_to)
{
	struct record *rec = build(E_TASK);
	put(fx, rec, "manager", num(manager));
	put(fx, rec, "name", name);
	put(fx, rec, "hours_per_week", hours);
	put(fx, rec, "delegable", delegable ? "true" : "false");
	if (delegated_to)
		put(fx, rec, "delegated_to", num(delegated_to));
	return store(fx, rec);
}

/* An incentive plan; ends, pct and share may be NULL. */
int64_t incentive(struct fixture *fx, int64_t coach_id, const char *starts, const char *ends,
                  const char *pct, const char *share)
{
	struct record *rec = build(E_INCENTIVE);
	put(fx, rec, "coach", num(coach_id));
	put(fx, rec, "starts_on", starts);
	if (ends)
		put(fx, rec, "ends_on", ends);
	if (pct)
		put(fx, rec, "target_reduction_pct", pct);
	if (share)
		put(fx, rec, "bonus_share_pct", share);
	return store(fx, rec);
}

int64_t result(struct fixture *fx, int64_t rep, const char *month, int64_t quota)
{
	return add(fx, E_RESULT, "rep", num(rep), "month", month, "quota", num(quota), "revenue",
	           num(quota), NULL);
}

/* A survey answer; not_reporting 0: not answered. */
int64_t survey(struct fixture *fx, int64_t coach_id, const char *respondent, int on, int respect,
               int trust, int not_reporting)
{
	struct record *rec = build(E_SURVEY);
	put(fx, rec, "coach", num(coach_id));
	put(fx, rec, "respondent", respondent);
	put(fx, rec, "answered_on", day(on));
	put(fx, rec, "respect", num(respect));
	put(fx, rec, "trust", num(trust));
	put(fx, rec, "helps", "4");
	put(fx, rec, "part_of_team", "4");
	if (not_reporting)
		put(fx, rec, "not_reporting", num(not_reporting));
	return store(fx, rec);
}

int64_t presence(struct fixture *fx, int64_t coach_id, int on, const char *kind,
                 int64_t activity_id)
{
	struct record *rec = build(E_PRESENCE);
	put(fx, rec, "coach", num(coach_id));
	put(fx, rec, "present_on", day(on));
	put(fx, rec, "kind", kind);
	if (activity_id)
		put(fx, rec, "activity", num(activity_id));
	return store(fx, rec);
}

/* A team activity at 09:00 local on today + on days; introduces: a coach id or 0. */
int64_t activity(struct fixture *fx, int64_t team, int on, const char *kind, int64_t introduces)
{
	struct record *rec = build(E_ACTIVITY);
	put(fx, rec, "team", num(team));
	put(fx, rec, "at", at(on, "09:00"));
	put(fx, rec, "kind", kind);
	put(fx, rec, "title", "Weekly sales meeting");
	if (introduces)
		put(fx, rec, "introduces", num(introduces));
	return store(fx, rec);
}

/*
 * A world of one team: Boss X is the superior of Manager X, who manages Team
 * X; the team's programme (2025-01-01..2027-12-31, model, target hours) has
 * one coach (the manager in the manager model; a senior rep, an internal or
 * an external coach otherwise; trained; a senior assessed ready) who coaches
 * Rep X from today + start days.
 */

void world(struct fixture *fx, const char *tag, const char *model, const char *target, int start,
           struct world *w)
{
	char name[64];

	memset(w, 0, sizeof(*w));
	snprintf(w->tag, sizeof(w->tag), "%s", tag);
	snprintf(name, sizeof(name), "Boss %s", tag);
	w->boss = person(fx, name, 0);
	snprintf(name, sizeof(name), "Manager %s", tag);
	w->manager = person(fx, name, w->boss);
	snprintf(name, sizeof(name), "Team %s", tag);
	w->team = add(fx, E_TEAM, "name", name, "manager", num(w->manager), NULL);
	w->prog = add(fx, E_PROGRAMME, "team", num(w->team), "model", model, "starts_on",
	              "2025-01-01", "ends_on", "2027-12-31", "target_hours", target, NULL);
	if (!strcmp(model, "manager")) {
		w->coach_person = w->manager;
		w->coach = coach(fx, w->manager, "manager", 10, "5");
	} else if (!strcmp(model, "senior")) {
		snprintf(name, sizeof(name), "Senior %s", tag);
		w->coach_person = person(fx, name, w->manager);
		assessment(fx, w->coach_person, w->manager, 4, 4, 4, 4, "ready", "2025-12-01");
		w->coach = coach(fx, w->coach_person, "senior", 3, "2");
	} else {
		snprintf(name, sizeof(name), "%s %s",
		         !strcmp(model, "internal") ? "Intern" : "Extern", tag);
		w->coach_person = add(fx, E_PERSON, "name", name, "email", email_of(name),
		                      "years_experience", "12", "track_record",
		                      "Twelve years in field sales, top seller 2019", NULL);
		w->coach = coach(fx, w->coach_person, model, 8, "16");
	}
	trained(fx, w->coach, "2025-06-01");
	snprintf(name, sizeof(name), "Rep %s", tag);
	w->rep = person(fx, name, w->manager);
	w->asg = assign(fx, w->prog, w->coach, w->rep, start);
}

/* Another coachee of the world's coach, a direct report of its manager, from today + start. */
int64_t coachee(struct fixture *fx, struct world *w, int n, int start, int64_t *person_out)
{
	char name[64];
	snprintf(name, sizeof(name), "Rep %s %d", w->tag, n);
	int64_t p = person(fx, name, w->manager);
	if (person_out)
		*person_out = p;
	return assign(fx, w->prog, w->coach, p, start);
}

/* Manager A coaches Rep A and n - 1 more. */
void coachees(struct fixture *fx, struct world *w, int n)
{
	for (int i = 2; i <= n; i++)
		coachee(fx, w, i, -100, NULL);
}

/* ---- evaluating --------------------------------------------------------------------------- */

void check_text(const struct alert *a, const char *what, const char *text, const char *lang)
{
	if (!text || !*text)
		fail_msg("%s (%s): empty %s", a->id, lang, what);
	if (strchr(text, '{') || strchr(text, '}'))
		fail_msg("%s (%s): %s keeps a placeholder: %s", a->id, lang, what, text);
}

/*
 * Evaluate with filter f (NULL: everything) in English into fx->list and in
 * Dutch beside it: the same alerts, texts complete in both languages.
 */
const struct alert_list *eval(struct fixture *fx, const struct alert_filter *f)
{
	struct alert_list nl = { 0 };
	struct sc_error err;

	alert_list_release(&fx->list);
	sc_error_init(&err);
	if (rules_evaluate(&fx->d, MSG_EN, f, &fx->list, &err) != SC_OK)
		fail_msg("evaluating the rules failed: %s", err.message);
	if (rules_evaluate(&fx->d, MSG_NL, f, &nl, &err) != SC_OK)
		fail_msg("evaluating the rules in Dutch failed: %s", err.message);
	if (nl.n != fx->list.n)
		fail_msg("%zu alerts in English, %zu in Dutch", fx->list.n, nl.n);
	for (size_t i = 0; i < nl.n; i++) {
		const struct alert *en = &fx->list.items[i], *du = &nl.items[i];
		if (strcmp(en->id, du->id))
			fail_msg("alert %zu is %s in English, %s in Dutch", i, en->id, du->id);
		check_text(en, "summary", en->summary, "en");
		check_text(en, "mitigation", en->mitigation, "en");
		check_text(du, "summary", du->summary, "nl");
		check_text(du, "mitigation", du->mitigation, "nl");
		assert_int_equal(en->severity, du->severity);
	}
	alert_list_release(&nl);
	return &fx->list;
}

/* The Dutch alert with this id (owned list in *nl, released by the caller). */
const struct alert *dutch(struct fixture *fx, const char *id, struct alert_list *nl)
{
	static const struct alert_filter all = { .all = true };
	struct sc_error err;

	assert_int_equal(rules_evaluate(&fx->d, MSG_NL, &all, nl, &err), SC_OK);
	for (size_t i = 0; i < nl->n; i++)
		if (!strcmp(nl->items[i].id, id))
			return &nl->items[i];
	fail_msg("no Dutch alert %s", id);
	return NULL;
}

bool names(const struct alert *a, int64_t who)
{
	for (size_t i = 0; i < a->npeople; i++)
		if (a->people[i].id == who)
			return true;
	return false;
}

/* The alert of rule naming person who (0: any), or NULL. */
const struct alert *find(const struct alert_list *l, const char *rule, int64_t who)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i].rule, rule) && (!who || names(&l->items[i], who)))
			return &l->items[i];
	return NULL;
}

size_t count_rule(const struct alert_list *l, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += !strcmp(l->items[i].rule, rule);
	return n;
}

/* The alert of rule naming who, which must fire. */
const struct alert *fired(const struct alert_list *l, const char *rule, int64_t who)
{
	const struct alert *a = find(l, rule, who);
	if (!a)
		fail_msg("%s does not fire for person %lld", rule, (long long)who);
	assert_string_equal(a->rule, rule);
	return a;
}

void quiet(const struct alert_list *l, const char *rule, int64_t who)
{
	const struct alert *a = find(l, rule, who);
	if (a)
		fail_msg("%s fires for person %lld: %s", rule, (long long)who, a->summary);
}

const struct alert_fact *fact(const struct alert *a, const char *name)
{
	for (size_t i = 0; i < a->nfacts; i++)
		if (!strcmp(a->facts[i].name, name))
			return &a->facts[i];
	fail_msg("%s has no fact %s", a->id, name);
	return NULL;
}

bool has_fact(const struct alert *a, const char *name)
{
	for (size_t i = 0; i < a->nfacts; i++)
		if (!strcmp(a->facts[i].name, name))
			return true;
	return false;
}

void fact_is_int(const struct alert *a, const char *name, int64_t v)
{
	const struct alert_fact *f = fact(a, name);
	if ((f->kind != FK_INT && f->kind != FK_BOOL) || f->i != v)
		fail_msg("%s: %s is %lld, expected %lld", a->id, name, (long long)f->i,
		         (long long)v);
}

void fact_is_real(const struct alert *a, const char *name, double v)
{
	const struct alert_fact *f = fact(a, name);
	if ((f->kind != FK_REAL && f->kind != FK_MONEY) || fabs(f->r - v) > 0.001)
		fail_msg("%s: %s is %.4f, expected %.4f", a->id, name, f->r, v);
}

void fact_is_text(const struct alert *a, const char *name, const char *v)
{
	const struct alert_fact *f = fact(a, name);
	if ((f->kind != FK_TEXT && f->kind != FK_DATE) || strcmp(f->s, v))
		fail_msg("%s: %s is '%s', expected '%s'", a->id, name, f->s, v);
}

void contains(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("'%s' is not in: %s", part, text ? text : "(null)");
}

void lacks(const char *text, const char *part)
{
	if (text && strstr(text, part))
		fail_msg("'%s' should not be in: %s", part, text);
}

struct alert_filter only(const char *rule)
{
	return (struct alert_filter){ .rule = rule };
}

/* ---- fixture ------------------------------------------------------------------------------ */

int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;

	if (!fx)
		return -1;
	setenv("SALESCOACH_NOW", NOW, 1);
	if (test_store_open(&fx->st, &err) ||
	    org_create(fx->st, "Van Dijk Kantoorsystemen", NULL, NULL, NULL, &fx->org, &err) ||
	    domain_init(&fx->d, fx->st, fx->org, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		store_close(&fx->st);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

int teardown(void **state)
{
	struct fixture *fx = *state;

	setenv("SALESCOACH_NOW", NOW, 1);
	alert_list_release(&fx->list);
	store_close(&fx->st);
	free(fx);
	return 0;
}

void act_as(struct fixture *fx, const char *name)
{
	struct sc_error err;

	sc_error_init(&err);
	if (domain_act_as(&fx->d, email_of(name), &err) != SC_OK)
		fail_msg("cannot act as %s: %s", name, err.message);
}
