/*
 * notify.c - what e-mails to send today (see notify.h): the session
 * reminders, the weekly overdue action items and the weekly alert digest,
 * each in its recipient's language, without what was sent before and
 * without the kinds a person unsubscribed from. Sending and the message's
 * form are notify_mail.c.
 */
#include "exchange/notify.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"
#include "model/entity.h"
#include "model/record.h"
#include "rules/rules.h"
#include "store/store.h"

static const char *const kind_names[NK_COUNT] = { "session", "actions", "alerts" };

const char *notify_kind_name(enum notify_kind k)
{
	return k < NK_COUNT ? kind_names[k] : "";
}

bool notify_kind_parse(const char *name, enum notify_kind *out)
{
	for (int k = 0; k < NK_COUNT; k++)
		if (!strcmp(name, kind_names[k])) {
			*out = (enum notify_kind)k;
			return true;
		}
	return false;
}

void notify_plan_release(struct notify_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].subject);
		free(p->items[i].body);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

/* What one planning run shares. */
struct planner {
	struct domain *d;
	const struct notify_config *cfg;
	struct notify_plan *out;
	struct sc_error *err;
	struct record_list people; /* by id, ascending */
	struct record_list prefs;
	char week[16]; /* ISO week of today: "2026-W49" */
};

static enum sc_result nomem(struct sc_error *err)
{
	return sc_fail(err, SC_NOMEM, NULL, "out of memory");
}

/* The ISO 8601 week of date ("2026-W49"). */
static void iso_week(const char *date, char out[16])
{
	long days = tu_date_to_days(date);
	/* 1970-01-01 was a Thursday: weekday 1 (Monday) .. 7 (Sunday). */
	long wd = ((days % 7) + 7 + 3) % 7 + 1;
	char thursday[TU_DATE_LEN];
	tu_days_to_date(days - wd + 4, thursday);
	char jan1[TU_DATE_LEN];
	snprintf(jan1, sizeof(jan1), "%.4s-01-01", thursday);
	long week = (tu_date_to_days(thursday) - tu_date_to_days(jan1)) / 7 + 1;
	snprintf(out, 16, "%.4s-W%02d", thursday, (int)(week % 100));
}

/* The weekday of date: 1 Monday .. 7 Sunday. */
static int weekday(const char *date)
{
	long days = tu_date_to_days(date);
	return (int)(((days % 7) + 7 + 3) % 7 + 1);
}

static const struct record *find_id(const struct record_list *l, int64_t id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->items[mid]->id == id)
			return l->items[mid];
		if (l->items[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct record *pref_of(const struct planner *p, int64_t person)
{
	for (size_t i = 0; i < p->prefs.n; i++)
		if (record_int(p->prefs.items[i], "person") == person)
			return p->prefs.items[i];
	return NULL;
}

/* The language person reads e-mails in: their choice, else the organisation's. */
static enum msg_lang lang_of(const struct planner *p, int64_t person)
{
	const struct record *pref = pref_of(p, person);
	enum msg_lang lang = p->d->lang;
	if (pref && record_is_set(pref, "lang"))
		msg_lang_parse(record_text(pref, "lang"), &lang);
	return lang;
}

/*
 * Whether a mail of kind about may go to person: an active person with an
 * address, not unsubscribed from kind, not sent before. Counts the reasons
 * for leaving it out.
 */
static enum sc_result may_send(struct planner *p, enum notify_kind kind, int64_t person,
                               const char *about, bool *yes)
{
	const struct record *who = find_id(&p->people, person);
	const struct record *pref = pref_of(p, person);
	*yes = false;
	if (!who || !record_int(who, "active") || !record_is_set(who, "email"))
		return SC_OK;
	if (pref && !record_int(pref, kind_names[kind])) {
		p->out->unsubscribed[kind]++;
		return SC_OK;
	}
	const struct entity_def *def = entity_get(E_NOTICE);
	struct filter f[] = { { entity_field(def, "kind"), FO_EQ, 0, 0, kind_names[kind] },
		              { entity_field(def, "person"), FO_EQ, person, 0, NULL },
		              { entity_field(def, "about"), FO_EQ, 0, 0, about } };
	int64_t n = 0;
	enum sc_result rc = store_count(p->d->store, p->d->org, def, f, 3, &n, p->err);
	if (rc == SC_OK && n)
		p->out->already[kind]++;
	*yes = rc == SC_OK && n == 0;
	return rc;
}

/* Add a mail of kind about to person with subject and body (both owned, taken even on failure). */
static enum sc_result add_mail(struct planner *p, enum notify_kind kind, int64_t person,
                               enum msg_lang lang, const char *about, char *subject, char *body)
{
	struct notify_plan *o = p->out;
	const struct record *who = find_id(&p->people, person);
	if (!subject || !body || !who) {
		free(subject);
		free(body);
		return who ? nomem(p->err) : SC_OK;
	}
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		struct notify_mail *items = realloc(o->items, cap * sizeof(*items));
		if (!items) {
			free(subject);
			free(body);
			return nomem(p->err);
		}
		o->items = items;
		o->cap = cap;
	}
	struct notify_mail *m = &o->items[o->n++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->person = person;
	m->lang = lang;
	snprintf(m->to, sizeof(m->to), "%s", record_text(who, "email"));
	snprintf(m->name, sizeof(m->name), "%s", record_text(who, "name"));
	snprintf(m->about, sizeof(m->about), "%s", about);
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(m->token, sizeof(m->token), raw, sizeof(raw));
	m->subject = subject;
	m->body = body;
	return SC_OK;
}

static const char *person_name(const struct planner *p, int64_t id)
{
	const struct record *r = find_id(&p->people, id);
	return r ? record_text(r, "name") : "";
}

/* One party's reminder of session s (at: its local "YYYY-MM-DD HH:MM"). */
static enum sc_result remind(struct planner *p, const struct record *s, const char *local,
                             int64_t to, int64_t other, const char *about)
{
	bool yes;
	enum sc_result rc = may_send(p, NK_SESSION, to, about, &yes);
	if (rc || !yes)
		return rc;
	enum msg_lang lang = lang_of(p, to);
	char date[TU_DATE_LEN], kind[64], minutes[16], wd[32];
	snprintf(date, sizeof(date), "%.10s", local);
	snprintf(kind, sizeof(kind), "label.session.kind.%s", record_text(s, "kind"));
	snprintf(minutes, sizeof(minutes), "%lld", (long long)record_int(s, "minutes"));
	snprintf(wd, sizeof(wd), "notify.weekday.%d", weekday(date));
	const struct msg_arg args[] = {
		{ "name", person_name(p, to) },
		{ "other", person_name(p, other) },
		{ "date", date },
		{ "weekday", msg_text(lang, wd) },
		{ "time", local + 11 },
		{ "kind", msg_text(lang, kind) },
		{ "minutes", minutes },
		{ "link", p->cfg->public_url },
	};
	return add_mail(p, NK_SESSION, to, lang, about,
	                msg_format(lang, "notify.session.subject", args, ARRAY_SIZE(args)),
	                msg_format(lang, "notify.session.body", args, ARRAY_SIZE(args)));
}

/* The reminders of the sessions planned tomorrow, to both parties. */
static enum sc_result plan_sessions(struct planner *p)
{
	struct domain *d = p->d;
	const struct entity_def *def = entity_get(E_SESSION);
	char tomorrow[TU_DATE_LEN], starts[2][TU_INSTANT_LEN];

	tu_date_add(d->today, 1, tomorrow);
	if (!tu_day_starts(tomorrow, 2, d->tz, starts))
		return sc_fail(p->err, SC_INTERNAL, NULL, "the organisation's time zone is broken");
	struct filter f[] = { { entity_field(def, "status"), FO_EQ, 0, 0, "planned" },
		              { entity_field(def, "at"), FO_GE, 0, 0, starts[0] },
		              { entity_field(def, "at"), FO_LT, 0, 0, starts[1] } };
	/* Without content: the agenda and the notes are never read. */
	struct list_opts lo = { f, 3, entity_field(def, "at"), false, 0, 0, true };
	struct record_list list = { 0 };
	enum sc_result rc = domain_list(d, def, &lo, &list, p->err);

	for (size_t i = 0; rc == SC_OK && i < list.n; i++) {
		const struct record *s = list.items[i];
		struct record *a = NULL, *coach = NULL;
		char local[TU_DISPLAY_LEN], about[80];
		if ((rc = domain_get(d, entity_get(E_ASSIGNMENT), record_int(s, "assignment"), &a,
		                     p->err)) ||
		    (rc = domain_get(d, entity_get(E_COACH), record_int(a, "coach"), &coach,
		                     p->err))) {
			record_free(&a);
			break;
		}
		if (!tu_format_local(record_text(s, "at"), d->tz, local))
			snprintf(local, sizeof(local), "%s", record_text(s, "at"));
		/* A session moved to another day is reminded of again. */
		snprintf(about, sizeof(about), "session-%lld-%s", (long long)s->id, tomorrow);
		int64_t cp = record_int(coach, "person"), ce = record_int(a, "coachee");
		if (!(rc = remind(p, s, local, cp, ce, about)))
			rc = remind(p, s, local, ce, cp, about);
		record_free(&a);
		record_free(&coach);
	}
	record_list_release(&list);
	return rc;
}

static int by_owner_due(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;
	int64_t ox = record_int(x, "owner"), oy = record_int(y, "owner");
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return strcmp(record_text(x, "due_on"), record_text(y, "due_on"));
}

/* One owner's weekly e-mail: items [from, to) of list, sorted by due date. */
static enum sc_result owner_mail(struct planner *p, struct record **items, size_t n)
{
	int64_t owner = record_int(items[0], "owner");
	bool yes;
	enum sc_result rc = may_send(p, NK_ACTIONS, owner, p->week, &yes);
	if (rc || !yes)
		return rc;
	enum msg_lang lang = lang_of(p, owner);
	char count[24], *dates = calloc(n, 16 + 2);
	if (!dates)
		return nomem(p->err);
	for (size_t i = 0; i < n; i++)
		sprintf(dates + strlen(dates), "%s%s", i ? ", " : "",
		        record_text(items[i], "due_on"));
	snprintf(count, sizeof(count), "%zu", n);
	const struct msg_arg args[] = { { "name", person_name(p, owner) },
		                        { "n", count },
		                        { "dates", dates },
		                        { "oldest", record_text(items[0], "due_on") },
		                        { "link", p->cfg->public_url } };
	rc = add_mail(p, NK_ACTIONS, owner, lang, p->week,
	              msg_format(lang, "notify.actions.subject", args, ARRAY_SIZE(args)),
	              msg_format(lang, "notify.actions.body", args, ARRAY_SIZE(args)));
	free(dates);
	return rc;
}

/* The weekly e-mail of overdue action items, to each owner: counts and dates, never texts. */
static enum sc_result plan_actions(struct planner *p)
{
	struct domain *d = p->d;
	const struct entity_def *def = entity_get(E_ACTION);
	struct filter f[] = { { entity_field(def, "done_on"), FO_NULL, 0, 0, NULL },
		              { entity_field(def, "due_on"), FO_LT, 0, 0, d->today } };
	/* Without content: the texts are never read. */
	struct list_opts lo = { f, 2, FILTER_ID, false, 0, 0, true };
	struct record_list list = { 0 };
	enum sc_result rc = domain_list(d, def, &lo, &list, p->err);

	if (rc == SC_OK && list.n)
		qsort(list.items, list.n, sizeof(list.items[0]), by_owner_due);
	for (size_t i = 0, j; rc == SC_OK && i < list.n; i = j) {
		for (j = i + 1; j < list.n && record_int(list.items[j], "owner") ==
		                                      record_int(list.items[i], "owner");
		     j++)
			;
		rc = owner_mail(p, &list.items[i], j - i);
	}
	record_list_release(&list);
	return rc;
}

static enum sc_result load(struct planner *p)
{
	struct list_opts lo = { NULL, 0, FILTER_ID, false, 0, 0, true };
	enum sc_result rc = domain_list(p->d, entity_get(E_PERSON), &lo, &p->people, p->err);
	struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
	if (rc == SC_OK)
		rc = store_list(p->d->store, p->d->org, entity_get(E_NOTIFY_PREF), &all, &p->prefs,
		                p->err);
	return rc;
}

/* Who gets which alert: one pair per person and alert. */
struct pair {
	int64_t person;
	size_t alert;
};

struct pairs {
	struct pair *items;
	size_t n, cap;
};

static bool pair_add(struct pairs *ps, int64_t person, size_t alert)
{
	if (person <= 0)
		return true;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;
		struct pair *items = realloc(ps->items, cap * sizeof(*items));
		if (!items)
			return false;
		ps->items = items;
		ps->cap = cap;
	}
	ps->items[ps->n++] = (struct pair){ person, alert };
	return true;
}

static int by_person_alert(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->alert < y->alert ? -1 : x->alert > y->alert;
}

/*
 * The recipients of each alert: the people it names as responsible (every
 * role but the coachee), the manager of its team (the programme's owner)
 * and the organisation's administrators.
 */
static enum sc_result recipients(struct planner *p, const struct alert_list *al, struct pairs *ps)
{
	const struct entity_def *adef = entity_get(E_ACCOUNT);
	struct filter f = { entity_field(adef, "role"), FO_EQ, 0, 0, "admin" };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list admins = { 0 };
	enum sc_result rc = store_list(p->d->store, p->d->org, adef, &lo, &admins, p->err);
	bool ok = true;

	for (size_t i = 0; rc == SC_OK && ok && i < al->n; i++) {
		const struct alert *a = &al->items[i];
		for (size_t k = 0; k < a->npeople && ok; k++)
			if (strcmp(a->people[k].role, "coachee"))
				ok = pair_add(ps, a->people[k].id, i);
		for (size_t k = 0; k < admins.n && ok; k++)
			ok = pair_add(ps, record_int(admins.items[k], "person"), i);
		if (a->team && ok) {
			struct record *team = NULL;
			rc = domain_get(p->d, entity_get(E_TEAM), a->team, &team, p->err);
			if (rc == SC_NOT_FOUND)
				rc = SC_OK;
			if (rc == SC_OK && team && record_is_set(team, "manager"))
				ok = pair_add(ps, record_int(team, "manager"), i);
			record_free(&team);
		}
	}
	record_list_release(&admins);
	if (rc == SC_OK && !ok)
		rc = nomem(p->err);
	if (rc == SC_OK && ps->n)
		qsort(ps->items, ps->n, sizeof(ps->items[0]), by_person_alert);
	return rc;
}

/* The alerts in lang, evaluated once per language. */
static enum sc_result alerts_in(struct planner *p, struct alert_list lists[2], bool have[2],
                                enum msg_lang lang, struct alert_list **out)
{
	int i = lang == MSG_NL;
	struct alert_filter f = { 0 };
	if (!have[i]) {
		enum sc_result rc = rules_evaluate(p->d, lang, &f, &lists[i], p->err);
		if (rc)
			return rc;
		have[i] = true;
	}
	*out = &lists[i];
	return SC_OK;
}

static enum sc_result digest_mail(struct planner *p, int64_t person, enum msg_lang lang,
                                  const struct alert_list *al, const struct pair *pairs, size_t n);

/*
 * The pairs [0, n) whose alert person would see in salescoach (rules_evaluate
 * acting as them: an alert naming someone they answer for), copied to out.
 */
static enum sc_result visible_to(struct planner *p, int64_t person, const struct alert_list *al,
                                 const struct pair *pairs, size_t n, struct pair *out, size_t *nout)
{
	struct domain as = *p->d;
	enum sc_result rc = domain_act_as_person(&as, person, p->err);
	*nout = 0;
	if (rc == SC_OK) {
		/* An executive reads no alerts (aggregates only): no digest either. */
		struct sc_error quiet;
		if (domain_access_alerts(&as, &quiet) == SC_FORBIDDEN)
			return SC_OK;
	}
	if (rc == SC_NOT_FOUND || rc == SC_FORBIDDEN)
		return SC_OK; /* no longer active: nothing */
	for (size_t i = 0; rc == SC_OK && i < n; i++) {
		const struct alert *a = &al->items[pairs[i].alert];
		bool yes = false;
		for (size_t k = 0; rc == SC_OK && k < a->npeople && !yes; k++)
			rc = domain_access_person(&as, a->people[k].id, &yes, p->err);
		if (rc == SC_OK && yes)
			out[(*nout)++] = pairs[i];
	}
	return rc;
}

/* One person's digest of the alerts of pairs [0, n). */
static enum sc_result digest(struct planner *p, const struct pair *pairs, size_t n,
                             struct alert_list lists[2], bool have[2], size_t total)
{
	int64_t person = pairs[0].person;
	bool yes;
	enum sc_result rc = may_send(p, NK_ALERTS, person, p->week, &yes);
	if (rc || !yes)
		return rc;
	enum msg_lang lang = lang_of(p, person);
	struct alert_list *al;
	if ((rc = alerts_in(p, lists, have, lang, &al)))
		return rc;
	if (al->n != total) /* the same evaluation in another language: never differs */
		return sc_fail(p->err, SC_INTERNAL, NULL, "the alerts differ between languages");
	/* Only the alerts the person sees in salescoach: those naming someone they answer for. */
	struct pair *mine = malloc(n * sizeof(*mine));
	if (!mine)
		return nomem(p->err);
	size_t m = 0;
	if ((rc = visible_to(p, person, al, pairs, n, mine, &m)) || m == 0) {
		free(mine);
		return rc;
	}
	rc = digest_mail(p, person, lang, al, mine, m);
	free(mine);
	return rc;
}

/* The digest of the alerts mine[0..n) of al to person, in lang. */
static enum sc_result digest_mail(struct planner *p, int64_t person, enum msg_lang lang,
                                  const struct alert_list *al, const struct pair *pairs, size_t n)
{
	enum sc_result rc;
	size_t len = 1;
	for (size_t i = 0; i < n; i++) {
		const struct alert *a = &al->items[pairs[i].alert];
		len += strlen(a->summary) + strlen(a->mitigation) + 128;
	}
	char *text = malloc(len), count[24];
	if (!text)
		return nomem(p->err);
	text[0] = '\0';
	for (size_t i = 0, o = 0; i < n; i++) {
		const struct alert *a = &al->items[pairs[i].alert];
		char sev[64];
		snprintf(sev, sizeof(sev), "alerts.severity.%s", alert_severity_name(a->severity));
		o += (size_t)snprintf(text + o, len - o, "- %s: %s\n  %s %s\n\n",
		                      msg_text(lang, sev), a->summary,
		                      msg_text(lang, "alerts.next_step"), a->mitigation);
	}
	snprintf(count, sizeof(count), "%zu", n);
	const struct msg_arg args[] = { { "name", person_name(p, person) },
		                        { "n", count },
		                        { "alerts", text },
		                        { "link", p->cfg->public_url } };
	rc = add_mail(p, NK_ALERTS, person, lang, p->week,
	              msg_format(lang, "notify.alerts.subject", args, ARRAY_SIZE(args)),
	              msg_format(lang, "notify.alerts.body", args, ARRAY_SIZE(args)));
	free(text);
	return rc;
}

/* The weekly digest of the open alerts, to each person responsible. */
static enum sc_result plan_alerts(struct planner *p)
{
	struct alert_list lists[2] = { 0 }, *first;
	bool have[2] = { false, false };
	struct pairs ps = { 0 };
	enum sc_result rc = alerts_in(p, lists, have, p->d->lang, &first);

	if (rc == SC_OK)
		rc = recipients(p, first, &ps);
	size_t total = rc == SC_OK ? first->n : 0;
	for (size_t i = 0, j; rc == SC_OK && i < ps.n; i = j) {
		/* This person's alerts, each once. */
		size_t w = i + 1;
		for (j = i + 1; j < ps.n && ps.items[j].person == ps.items[i].person; j++)
			if (ps.items[j].alert != ps.items[w - 1].alert)
				ps.items[w++] = ps.items[j];
		rc = digest(p, &ps.items[i], w - i, lists, have, total);
	}
	free(ps.items);
	alert_list_release(&lists[0]);
	alert_list_release(&lists[1]);
	return rc;
}

enum sc_result notify_plan_today(struct domain *d, const struct notify_config *cfg,
                                 struct notify_plan *out, struct sc_error *err)
{
	struct planner p = { .d = d, .cfg = cfg, .out = out, .err = err };
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	iso_week(d->today, p.week);
	if (!(rc = load(&p)) && !(rc = plan_sessions(&p)) && !(rc = plan_actions(&p)))
		rc = plan_alerts(&p);
	record_list_release(&p.people);
	record_list_release(&p.prefs);
	if (rc)
		notify_plan_release(out);
	return rc;
}

enum sc_result notify_unsubscribe(struct store *st, const char *secret, bool apply,
                                  enum notify_kind *kind, enum msg_lang *lang, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_NOTICE);
	unsigned char h[32];
	char hash[NOTIFY_TOKEN_LEN];
	struct org *orgs = NULL;
	size_t norgs = 0;
	struct record *sent = NULL, *pref = NULL;
	int64_t org = 0;
	enum sc_result rc;

	*kind = NK_SESSION;
	*lang = MSG_EN;
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
	struct filter f = { entity_field(def, "token_hash"), FO_EQ, 0, 0, hash };
	rc = store_org_list(st, &orgs, &norgs, err);
	for (size_t o = 0; rc == SC_OK && o < norgs && !sent; o++) {
		rc = store_first(st, orgs[o].id, def, &f, 1, &sent, err);
		org = orgs[o].id;
	}
	free(orgs);
	if (rc)
		return rc;
	if (!sent)
		return sc_fail(err, SC_NOT_FOUND, NULL, "this unsubscribe link is not known");
	notify_kind_parse(record_text(sent, "kind"), kind);
	int64_t person = record_int(sent, "person");
	record_free(&sent);

	/* The language of the e-mail: the person's choice, else the organisation's. */
	char *locale = NULL;
	if (store_setting_get(st, org, "locale", &locale, NULL) == SC_OK && locale)
		msg_lang_parse(locale, lang);
	free(locale);

	const struct entity_def *pdef = entity_get(E_NOTIFY_PREF);
	struct filter pf = { entity_field(pdef, "person"), FO_EQ, person, 0, NULL };
	if ((rc = store_first(st, org, pdef, &pf, 1, &pref, err)))
		return rc;
	if (pref && record_is_set(pref, "lang"))
		msg_lang_parse(record_text(pref, "lang"), lang);
	if (!apply) {
		record_free(&pref);
		return SC_OK;
	}
	struct record *upd = record_new(pdef);
	if (!upd) {
		record_free(&pref);
		return nomem(err);
	}
	record_put_int(upd, kind_names[*kind], 0);
	if (pref) {
		upd->id = pref->id;
		rc = store_update(st, org, upd, err);
	} else {
		record_put_int(upd, "person", person);
		rc = store_insert(st, org, upd, err);
	}
	record_free(&upd);
	record_free(&pref);
	return rc;
}

enum sc_result notify_person_lang(struct store *st, int64_t org, int64_t person,
                                  enum msg_lang *lang, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_NOTIFY_PREF);
	struct filter f = { entity_field(def, "person"), FO_EQ, person, 0, NULL };
	struct record *pref = NULL;
	enum sc_result rc = store_first(st, org, def, &f, 1, &pref, err);
	if (rc == SC_OK && pref && record_is_set(pref, "lang"))
		msg_lang_parse(record_text(pref, "lang"), lang);
	record_free(&pref);
	return rc;
}

/* The acting person's stored choices, or *out NULL. */
static enum sc_result my_pref(struct domain *d, struct record **out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_NOTIFY_PREF);
	struct filter f = { entity_field(def, "person"), FO_EQ, d->actor.person_id, 0, NULL };
	*out = NULL;
	if (!d->actor.person_id)
		return sc_fail_msg(err, SC_INVALID, NULL, d->lang, "notify.prefs.no_person", NULL);
	return store_first(d->store, d->org, def, &f, 1, out, err);
}

enum sc_result notify_prefs_get(struct domain *d, struct notify_prefs *out, struct sc_error *err)
{
	struct record *pref = NULL;
	enum sc_result rc = my_pref(d, &pref, err);

	memset(out, 0, sizeof(*out));
	for (int k = 0; k < NK_COUNT; k++)
		out->on[k] = !pref || record_int(pref, kind_names[k]);
	if (pref && record_is_set(pref, "lang"))
		snprintf(out->lang, sizeof(out->lang), "%s", record_text(pref, "lang"));
	record_free(&pref);
	return rc;
}

enum sc_result notify_prefs_set(struct domain *d, const struct notify_prefs *p,
                                struct sc_error *err)
{
	struct record *pref = NULL, *rec = NULL;
	enum msg_lang lang;
	enum sc_result rc;

	if (*p->lang && !msg_lang_parse(p->lang, &lang))
		return sc_fail_msg(err, SC_INVALID, "lang", d->lang, "notify.prefs.bad_lang",
		                   "lang", p->lang, NULL);
	if ((rc = my_pref(d, &pref, err)))
		return rc;
	if (!(rec = record_new(entity_get(E_NOTIFY_PREF)))) {
		record_free(&pref);
		return nomem(err);
	}
	for (int k = 0; k < NK_COUNT; k++)
		record_put_int(rec, kind_names[k], p->on[k]);
	if (*p->lang)
		rc = record_put_text(rec, "lang", p->lang);
	else
		record_set_null(rec, entity_field(rec->def, "lang"));
	if (rc == SC_OK && pref) {
		rec->id = pref->id;
		rc = store_update(d->store, d->org, rec, err);
	} else if (rc == SC_OK) {
		record_put_int(rec, "person", d->actor.person_id);
		rc = store_insert(d->store, d->org, rec, err);
	}
	record_free(&rec);
	record_free(&pref);
	return rc;
}
