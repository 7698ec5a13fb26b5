/*
 * calendar.c - a person's coaching sessions as iCalendar (RFC 5545), built
 * with libical (see calendar.h for what an event holds and never holds).
 */
#include "exchange/calendar.h"

#include <inttypes.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/msg.h"
#include "base/util.h"

#define PRODID "-//salescoach//coaching sessions//EN"

/* One coaching relationship of the person: the assignment and the other party. */
struct cal_rel {
	int64_t asg;
	int64_t other; /* person id of the other party */
	char with[128];
};

/* What the events of a calendar are made from. */
struct cal {
	struct domain *d;
	int64_t me;
	char slug[64];
	struct cal_rel *rels;
	size_t nrels, cap;
	int64_t *asg; /* the assignments of rels, for a filter */
	struct record_list sessions;
	struct qrows changes; /* session, changes (SQ_SESSION_CHANGES) */
	int64_t one_changes;  /* a single session's changes, when changes is empty */
};

static int field(enum entity_kind k, const char *name)
{
	return entity_field(entity_get(k), name);
}

static void cal_release(struct cal *c)
{
	free(c->rels);
	free(c->asg);
	record_list_release(&c->sessions);
	qrows_release(&c->changes);
	memset(c, 0, sizeof(*c));
}

static enum sc_result nomem(struct sc_error *err)
{
	return sc_fail(err, SC_NOMEM, NULL, "out of memory");
}

static enum sc_result add_rel(struct cal *c, int64_t asg, int64_t other, struct sc_error *err)
{
	if (c->nrels == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct cal_rel *r = realloc(c->rels, cap * sizeof(*r));
		if (!r)
			return nomem(err);
		c->rels = r;
		c->cap = cap;
	}
	c->rels[c->nrels++] = (struct cal_rel){ asg, other, "" };
	return SC_OK;
}

/* The person of coach profile id as the reader may read it, or 0. */
static int64_t coach_person(struct domain *d, int64_t id)
{
	struct record *coach = NULL;
	struct sc_error err;
	int64_t person = 0;

	sc_error_init(&err);
	if (domain_get(d, entity_get(E_COACH), id, &coach, &err) == SC_OK)
		person = record_int(coach, "person");
	record_free(&coach);
	return person;
}

/* The name of person id as the reader may read it, or "". */
static void person_name(struct domain *d, int64_t id, char *out, size_t size)
{
	struct record *p = NULL;
	struct sc_error err;

	out[0] = '\0';
	sc_error_init(&err);
	if (id && domain_get(d, entity_get(E_PERSON), id, &p, &err) == SC_OK)
		snprintf(out, size, "%s", record_text(p, "name"));
	record_free(&p);
}

/* The assignments of list: the person coaches in them (as_coach) or is coached. */
static enum sc_result add_assignments(struct cal *c, const struct record_list *list, bool as_coach,
                                      struct sc_error *err)
{
	enum sc_result rc = SC_OK;
	for (size_t i = 0; rc == SC_OK && i < list->n; i++) {
		const struct record *a = list->items[i];
		int64_t other = as_coach ? record_int(a, "coachee")
		                         : coach_person(c->d, record_int(a, "coach"));
		rc = add_rel(c, a->id, other, err);
	}
	return rc;
}

/* Every coaching relationship of the person, of any status: as coach and as coachee. */
static enum sc_result relationships(struct cal *c, struct sc_error *err)
{
	struct record_list coaches = { 0 }, asg = { 0 };
	struct filter fc = { field(E_COACH, "person"), FO_EQ, c->me, 0, NULL };
	struct list_opts lo = { &fc, 1, FILTER_ID, false, 0, 0 };
	enum sc_result rc = domain_list(c->d, entity_get(E_COACH), &lo, &coaches, err);

	for (size_t i = 0; rc == SC_OK && i < coaches.n; i++) {
		struct filter fa = { field(E_ASSIGNMENT, "coach"), FO_EQ, coaches.items[i]->id, 0,
			             NULL };
		struct list_opts la = { &fa, 1, FILTER_ID, false, 0, 0 };
		if ((rc = domain_list(c->d, entity_get(E_ASSIGNMENT), &la, &asg, err)) == SC_OK)
			rc = add_assignments(c, &asg, true, err);
		record_list_release(&asg);
	}
	if (rc == SC_OK) {
		struct filter fa = { field(E_ASSIGNMENT, "coachee"), FO_EQ, c->me, 0, NULL };
		struct list_opts la = { &fa, 1, FILTER_ID, false, 0, 0 };
		if ((rc = domain_list(c->d, entity_get(E_ASSIGNMENT), &la, &asg, err)) == SC_OK)
			rc = add_assignments(c, &asg, false, err);
	}
	record_list_release(&asg);
	record_list_release(&coaches);
	/* Someone who may not list coaching records (an executive) is party to none. */
	if (rc == SC_FORBIDDEN) {
		sc_error_init(err);
		rc = SC_OK;
	}
	for (size_t i = 0; rc == SC_OK && i < c->nrels; i++)
		person_name(c->d, c->rels[i].other, c->rels[i].with, sizeof(c->rels[i].with));
	return rc;
}

/* The organisation's slug, for the events' UIDs. */
static enum sc_result org_slug(struct cal *c, struct sc_error *err)
{
	struct org *orgs = NULL;
	size_t n = 0;
	enum sc_result rc = store_org_list(c->d->store, &orgs, &n, err);

	snprintf(c->slug, sizeof(c->slug), "org-%" PRId64, c->d->org);
	for (size_t i = 0; rc == SC_OK && i < n; i++)
		if (orgs[i].id == c->d->org)
			snprintf(c->slug, sizeof(c->slug), "%s", orgs[i].slug);
	free(orgs);
	return rc;
}

static enum sc_result cal_init(struct cal *c, struct domain *d, struct sc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->me = d->actor.person_id;
	if (c->me == 0)
		return sc_fail_msg(err, SC_INVALID, NULL, d->lang, "calendar.err.no_person", NULL);
	enum sc_result rc = org_slug(c, err);
	return rc ? rc : relationships(c, err);
}

/* The relationship of assignment id, or NULL. */
static const struct cal_rel *rel_of(const struct cal *c, int64_t asg)
{
	for (size_t i = 0; i < c->nrels; i++)
		if (c->rels[i].asg == asg)
			return &c->rels[i];
	return NULL;
}

/* The changes the audit log counts of session id: its SEQUENCE. */
static int changes_of(const struct cal *c, int64_t id)
{
	for (size_t r = 0; r < c->changes.nrows; r++)
		if (qrows_int(&c->changes, r, 0) == id)
			return (int)qrows_int(&c->changes, r, 1);
	return (int)c->one_changes;
}

/* An instant "YYYY-MM-DDTHH:MM:SSZ" as a UTC time of libical; false when it is not one. */
static bool utc_time(const char *instant, struct icaltimetype *out)
{
	int y, mo, d, h, mi, s;
	if (!instant || sscanf(instant, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6)
		return false;
	struct icaltimetype t = icaltime_null_time();
	t.year = y, t.month = mo, t.day = d, t.hour = h, t.minute = mi, t.second = s;
	*out = icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
	return true;
}

/* The event's title in d's language: kind, other party, customer; marked when cancelled. */
static char *summary(const struct cal *c, const struct record *s, const struct cal_rel *r)
{
	enum msg_lang lang = c->d->lang;
	char kind[64];
	const char *customer = record_text(s, "customer");
	const char *status = record_text(s, "status");

	snprintf(kind, sizeof(kind), "calendar.kind.%s", record_text(s, "kind"));
	struct msg_arg args[] = { { "kind", msg_exists(kind) ? msg_text(lang, kind)
		                                             : record_text(s, "kind") },
		                  { "with", r->with },
		                  { "customer", customer ? customer : "" } };
	char *text = msg_format(
	        lang, customer && *customer ? "calendar.summary_customer" : "calendar.summary",
	        args, ARRAY_SIZE(args));
	if (text && status && !strcmp(status, "cancelled")) {
		struct msg_arg a[] = { { "summary", text } };
		char *marked = msg_format(lang, "calendar.cancelled", a, 1);
		free(text);
		text = marked;
	}
	return text;
}

/* The VEVENT of session s, added to cal; false without memory or with a broken time. */
static bool add_event(const struct cal *c, icalcomponent *cal, const struct record *s,
                      struct icaltimetype stamp)
{
	const struct cal_rel *r = rel_of(c, record_int(s, "assignment"));
	struct icaltimetype start, end;
	char uid[160];
	const char *status = record_text(s, "status");
	bool cancelled = status && !strcmp(status, "cancelled");

	if (!r || !utc_time(record_text(s, "at"), &start))
		return true; /* not the person's, or no time: nothing to show */
	end = icaltime_add(start, icaldurationtype_from_int((int)record_int(s, "minutes") * 60));
	snprintf(uid, sizeof(uid), "session-%" PRId64 "@salescoach-%s", s->id, c->slug);
	char *title = summary(c, s, r);
	if (!title)
		return false;
	icalcomponent *ev = icalcomponent_vanew(
	        ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	        icalproperty_new_dtstart(start), icalproperty_new_dtend(end),
	        icalproperty_new_summary(title), icalproperty_new_sequence(changes_of(c, s->id)),
	        icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
	        /* A cancelled session no longer holds the time. */
	        icalproperty_new_transp(cancelled ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE),
	        (void *)0);
	free(title);
	if (!ev)
		return false;
	icalcomponent_add_component(cal, ev);
	return true;
}

/* The VCALENDAR of c's sessions as text: *out owned. */
static enum sc_result render(const struct cal *c, const char *name, char **out, size_t *len,
                             struct sc_error *err)
{
	struct icaltimetype stamp =
	        icaltime_from_timet_with_zone(tu_now(), 0, icaltimezone_get_utc_timezone());
	icalcomponent *cal = icalcomponent_vanew(
	        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	        icalproperty_new_prodid(PRODID), icalproperty_new_calscale("GREGORIAN"),
	        icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	bool ok = cal != NULL;

	if (ok && name) {
		/* The name a subscribing calendar shows, and how often it looks again. */
		icalproperty *p = icalproperty_new_x(name);
		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
		p = icalproperty_new_x("PT1H");
		icalproperty_set_x_name(p, "X-PUBLISHED-TTL");
		icalcomponent_add_property(cal, p);
	}
	for (size_t i = 0; ok && i < c->sessions.n; i++)
		ok = add_event(c, cal, c->sessions.items[i], stamp);
	char *text = ok ? icalcomponent_as_ical_string_r(cal) : NULL;
	if (cal)
		icalcomponent_free(cal);
	if (!text)
		return nomem(err);
	*out = text;
	*len = strlen(text);
	return SC_OK;
}

/* The assignment ids of c's relationships, for a filter. */
static enum sc_result assignment_ids(struct cal *c, struct sc_error *err)
{
	if (!(c->asg = calloc(c->nrels ? c->nrels : 1, sizeof(*c->asg))))
		return nomem(err);
	for (size_t i = 0; i < c->nrels; i++)
		c->asg[i] = c->rels[i].asg;
	return SC_OK;
}

enum sc_result calendar_feed_ics(struct domain *d, char **out, size_t *len, struct sc_error *err)
{
	const struct entity_def *sdef = entity_get(E_SESSION);
	char since[TU_INSTANT_LEN], me[128], *name = NULL;
	struct cal c;
	enum sc_result rc;

	*out = NULL;
	*len = 0;
	if ((rc = cal_init(&c, d, err)) || (rc = assignment_ids(&c, err)))
		goto out;
	tu_instant_from_time(tu_now() - (time_t)CALENDAR_PAST_DAYS * 86400, since);
	if (c.nrels) {
		struct filter fs[2] = {
			{ .field = field(E_SESSION, "assignment"),
			  .op = FO_IN,
			  .in = c.asg,
			  .nin = c.nrels },
			{ .field = field(E_SESSION, "at"), .op = FO_GE, .s = since },
		};
		/* No private field is read, so none can reach the feed or the access log. */
		struct list_opts ls = { .filters = fs,
			                .nfilters = 2,
			                .order_field = field(E_SESSION, "at"),
			                .descending = true,
			                .limit = CALENDAR_MAX_EVENTS,
			                .no_content = true };
		const struct qparam p[] = { { c.me, NULL }, { 0, since } };
		if ((rc = domain_list(d, sdef, &ls, &c.sessions, err)) ||
		    (rc = store_query(d->store, d->org, SQ_SESSION_CHANGES, p, ARRAY_SIZE(p),
		                      &c.changes, err)))
			goto out;
	}
	person_name(d, c.me, me, sizeof(me));
	struct msg_arg a[] = { { "name", me } };
	if (!(name = msg_format(d->lang, "calendar.name", a, 1))) {
		rc = nomem(err);
		goto out;
	}
	rc = render(&c, name, out, len, err);
out:
	free(name);
	cal_release(&c);
	return rc;
}

/* Whether the person of c is party to session s: its relationship is one of theirs. */
static bool party_to(const struct cal *c, const struct record *s)
{
	return rel_of(c, record_int(s, "assignment")) != NULL;
}

enum sc_result calendar_session_ics(struct domain *d, int64_t session, char **out, size_t *len,
                                    struct sc_error *err)
{
	const struct entity_def *sdef = entity_get(E_SESSION), *audit = entity_get(E_AUDIT);
	struct cal c;
	enum sc_result rc;

	*out = NULL;
	*len = 0;
	if ((rc = cal_init(&c, d, err)))
		goto out;
	struct filter fs = { FILTER_ID, FO_EQ, session, 0, NULL };
	struct list_opts ls = {
		.filters = &fs, .nfilters = 1, .order_field = FILTER_ID, .no_content = true
	};
	if ((rc = domain_list(d, sdef, &ls, &c.sessions, err)))
		goto out;
	if (c.sessions.n != 1 || !party_to(&c, c.sessions.items[0])) {
		rc = sc_fail_msg(err, SC_NOT_FOUND, "id", d->lang, "calendar.err.session", "id",
		                 SC_I64(session), NULL);
		goto out;
	}
	struct filter fa[3] = {
		{ .field = field(E_AUDIT, "entity"), .op = FO_EQ, .s = "session" },
		{ .field = field(E_AUDIT, "record_id"), .op = FO_EQ, .i = session },
		{ .field = field(E_AUDIT, "action"), .op = FO_EQ, .s = "update" },
	};
	if ((rc = store_count(d->store, d->org, audit, fa, 3, &c.one_changes, err)))
		goto out;
	rc = render(&c, NULL, out, len, err);
out:
	cal_release(&c);
	return rc;
}
