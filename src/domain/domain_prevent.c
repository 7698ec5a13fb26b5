/*
 * domain_prevent.c - the pitfalls prevented at input (domain.h, struct
 * domain): coaching mixed with appraisal, a senior coach not assessed as
 * ready, a coach beyond capacity, a coach-the-coach review by someone other
 * than the manager's superior. This file only reads and describes;
 * domain.c decides between refusal, override and warning.
 */
#include "domain/calc.h"
#include "domain/domain_int.h"
#include "base/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/settings.h"

static const char *txt(const struct record *rec, const char *field)
{
	return record_text(rec, field);
}

static bool same_text(const struct record *a, const struct record *b, const char *field)
{
	const char *x = txt(a, field), *y = txt(b, field);
	return x == y || (x && y && strcmp(x, y) == 0);
}

/* Append the text of message id to buf (size n), a space between sentences. */
static enum sc_result say(const struct domain *d, char *buf, size_t n, const char *id,
                          const struct msg_arg *args, size_t nargs, struct sc_error *err)
{
	char *s = msg_format(d->lang, id, args, nargs);
	size_t len = strlen(buf);

	if (!s)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (len < n)
		snprintf(buf + len, n - len, "%s%s", len ? " " : "", s);
	free(s);
	return SC_OK;
}

static enum sc_result get(struct domain *d, enum entity_kind kind, int64_t id, struct record **out,
                          struct sc_error *err)
{
	return store_get(d->store, d->org, entity_get(kind), id, out, err);
}

/* The name of person id into out (size n). */
static void person_name(struct domain *d, int64_t id, char *out, size_t n)
{
	struct record *p = NULL;

	if (get(d, E_PERSON, id, &p, NULL) == SC_OK && txt(p, "name"))
		snprintf(out, n, "%s", txt(p, "name"));
	else
		snprintf(out, n, "person %" PRId64, id);
	record_free(&p);
}

/* The date of a stored instant in the organisation's zone. */
static bool local_date(const struct domain *d, const char *instant, char out[TU_DATE_LEN])
{
	char local[TU_DISPLAY_LEN];

	if (!instant || !tu_format_local(instant, d->tz, local))
		return false;
	memcpy(out, local, TU_DATE_LEN - 1);
	out[TU_DATE_LEN - 1] = '\0';
	return true;
}

/* Sessions the coaching-mixed-with-appraisal rule counts. */
static bool counts_as_coaching(const char *status)
{
	return status && (!strcmp(status, "held") || !strcmp(status, "planned"));
}

static int setting_int(struct domain *d, const char *key)
{
	return (int)settings_number(d->store, d->org, key);
}

/* ---- coaching mixed with appraisal -------------------------------------------------------- */

/* The session and appraisal of one pair that are closest together within the window. */
struct mix {
	bool found;
	bool manager_model; /* the session's programme has model manager: refused */
	long days;
	char session_on[TU_DATE_LEN], appraisal_on[TU_DATE_LEN];
};

/* Keep the pair in *best when it is the stronger case: manager model first, then closest. */
static void mix_keep(struct mix *best, bool manager_model, long days, const char *session_on,
                     const char *appraisal_on)
{
	if (best->found && best->manager_model && !manager_model)
		return;
	if (best->found && best->manager_model == manager_model && best->days <= days)
		return;
	best->found = true;
	best->manager_model = manager_model;
	best->days = days;
	snprintf(best->session_on, sizeof(best->session_on), "%s", session_on);
	snprintf(best->appraisal_on, sizeof(best->appraisal_on), "%s", appraisal_on);
}

/* Describe m: a refusal naming field in the manager model, else a warning. */
static enum sc_result mix_report(struct domain *d, const struct mix *m, int64_t manager,
                                 int64_t coachee, int window, const char *field,
                                 const char *other_on, struct prevent_outcome *out,
                                 struct sc_error *err)
{
	char mname[200], cname[200], days[24], win[24], need[24];
	enum sc_result rc;

	person_name(d, manager, mname, sizeof(mname));
	person_name(d, coachee, cname, sizeof(cname));
	snprintf(days, sizeof(days), "%ld", m->days);
	snprintf(win, sizeof(win), "%d", window);
	snprintf(need, sizeof(need), "%d", window + 1);
	const struct msg_arg args[] = {
		{ "manager", mname },
		{ "coachee", cname },
		{ "session_on", m->session_on },
		{ "appraisal_on", m->appraisal_on },
		{ "days_apart", days },
		{ "window_days", win },
		{ "days_needed", need },
		{ "other_on", other_on },
	};
	if (!m->manager_model)
		return (rc = say(d, out->warning, sizeof(out->warning), "prevent.mixing", args,
		                 ARRAY_SIZE(args), err))
		               ? rc
		               : say(d, out->warning, sizeof(out->warning), "prevent.mixing.how",
		                     args, ARRAY_SIZE(args), err);
	if (!out->field[0])
		snprintf(out->field, sizeof(out->field), "%s", field);
	if ((rc = say(d, out->pitfall, sizeof(out->pitfall), "prevent.mixing", args,
	              ARRAY_SIZE(args), err)))
		return rc;
	return say(d, out->how, sizeof(out->how), "prevent.mixing.how", args, ARRAY_SIZE(args),
	           err);
}

/* Is the model of programme id manager? */
static enum sc_result manager_model(struct domain *d, int64_t programme, bool *out,
                                    struct sc_error *err)
{
	struct record *p = NULL;
	enum sc_result rc = get(d, E_PROGRAMME, programme, &p, err);

	if (rc == SC_OK)
		*out = strcmp(txt(p, "model"), "manager") == 0;
	record_free(&p);
	return rc;
}

/* Sessions near appraisal ap, in every relationship in which its manager coaches its rep. */
static enum sc_result mixing_of_appraisal(struct domain *d, const struct record *ap,
                                          struct prevent_outcome *out, struct sc_error *err)
{
	const struct entity_def *cdef = entity_get(E_COACH), *adef = entity_get(E_ASSIGNMENT);
	const struct entity_def *sdef = entity_get(E_SESSION);
	int64_t rep = record_int(ap, "rep"), manager = record_int(ap, "manager");
	const char *on = txt(ap, "recorded_on");
	int window = setting_int(d, "mixing_window_days");
	struct record_list coaches = { 0 }, asgs = { 0 }, sessions = { 0 };
	char lo[TU_DATE_LEN], hi[TU_DATE_LEN];
	struct mix best = { 0 };
	enum sc_result rc;

	struct filter cf = { entity_field(cdef, "person"), FO_EQ, manager, 0, NULL };
	struct list_opts co = { &cf, 1, FILTER_ID, false, 1, 0 };
	if ((rc = store_list(d->store, d->org, cdef, &co, &coaches, err)) || coaches.n == 0)
		goto out;
	struct filter af[2] = {
		{ entity_field(adef, "coach"), FO_EQ, coaches.items[0]->id, 0, NULL },
		{ entity_field(adef, "coachee"), FO_EQ, rep, 0, NULL },
	};
	struct list_opts ao = { af, 2, FILTER_ID, false, 0, 0 };
	if ((rc = store_list(d->store, d->org, adef, &ao, &asgs, err)))
		goto out;
	/* Sessions are stored in UTC: a day more on each side holds every local date. */
	tu_date_add(on, -window - 1, lo);
	tu_date_add(on, window + 2, hi);
	for (size_t i = 0; i < asgs.n && rc == SC_OK; i++) {
		bool mgr = false;
		struct filter sf[3] = {
			{ entity_field(sdef, "assignment"), FO_EQ, asgs.items[i]->id, 0, NULL },
			{ entity_field(sdef, "at"), FO_GE, 0, 0, lo },
			{ entity_field(sdef, "at"), FO_LT, 0, 0, hi },
		};
		struct list_opts so = { sf, 3, FILTER_ID, false, 0, 0 };
		record_list_release(&sessions);
		if ((rc = manager_model(d, record_int(asgs.items[i], "programme"), &mgr, err)) ||
		    (rc = store_list(d->store, d->org, sdef, &so, &sessions, err)))
			break;
		for (size_t k = 0; k < sessions.n; k++) {
			const struct record *s = sessions.items[k];
			char date[TU_DATE_LEN];
			if (!counts_as_coaching(txt(s, "status")) ||
			    !local_date(d, txt(s, "at"), date))
				continue;
			long days = labs(tu_days_between(date, on));
			if (days <= window)
				mix_keep(&best, mgr, days, date, on);
		}
	}
	if (rc == SC_OK && best.found)
		rc = mix_report(d, &best, manager, rep, window, "recorded_on", best.session_on, out,
		                err);
out:
	record_list_release(&coaches);
	record_list_release(&asgs);
	record_list_release(&sessions);
	return rc;
}

/* Appraisals near session s of the coachee by the coach of its relationship. */
static enum sc_result mixing_of_session(struct domain *d, const struct record *s,
                                        struct prevent_outcome *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_APPRAISAL);
	struct record *a = NULL, *c = NULL;
	struct record_list aps = { 0 };
	int window = setting_int(d, "mixing_window_days");
	char date[TU_DATE_LEN], lo[TU_DATE_LEN], hi[TU_DATE_LEN];
	struct mix best = { 0 };
	bool mgr = false;
	enum sc_result rc;

	if (!local_date(d, txt(s, "at"), date))
		return SC_OK; /* validation has named the time already */
	if ((rc = get(d, E_ASSIGNMENT, record_int(s, "assignment"), &a, err)) ||
	    (rc = get(d, E_COACH, record_int(a, "coach"), &c, err)) ||
	    (rc = manager_model(d, record_int(a, "programme"), &mgr, err)))
		goto out;
	int64_t manager = record_int(c, "person"), rep = record_int(a, "coachee");
	tu_date_add(date, -window, lo);
	tu_date_add(date, window, hi);
	struct filter f[4] = {
		{ entity_field(def, "rep"), FO_EQ, rep, 0, NULL },
		{ entity_field(def, "manager"), FO_EQ, manager, 0, NULL },
		{ entity_field(def, "recorded_on"), FO_GE, 0, 0, lo },
		{ entity_field(def, "recorded_on"), FO_LE, 0, 0, hi },
	};
	struct list_opts lo_opts = { f, 4, FILTER_ID, false, 0, 0 };
	if ((rc = store_list(d->store, d->org, def, &lo_opts, &aps, err)))
		goto out;
	for (size_t i = 0; i < aps.n; i++) {
		const char *on = txt(aps.items[i], "recorded_on");
		mix_keep(&best, mgr, labs(tu_days_between(date, on)), date, on);
	}
	if (best.found)
		rc = mix_report(d, &best, manager, rep, window, "at", best.appraisal_on, out, err);
out:
	record_free(&a);
	record_free(&c);
	record_list_release(&aps);
	return rc;
}

/* ---- assigning a coachee ------------------------------------------------------------------ */

/* A senior coach needs a latest readiness assessment that meets the threshold. */
static enum sc_result readiness(struct domain *d, const struct record *coach, const char *name,
                                struct prevent_outcome *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_ASSESSMENT);
	struct filter f = { entity_field(def, "candidate"), FO_EQ, record_int(coach, "person"), 0,
		            NULL };
	struct list_opts o = { &f, 1, FILTER_ID, false, 0, 0 };
	struct record_list list = { 0 };
	const struct record *latest = NULL;
	double min_score = settings_number(d->store, d->org, "readiness_min_score");
	double min_mean = settings_number(d->store, d->org, "readiness_min_mean");
	char smin[32], mmin[32], smean[32], slow[32];
	enum sc_result rc;

	if (strcmp(txt(coach, "kind"), "senior") != 0)
		return SC_OK;
	if ((rc = store_list(d->store, d->org, def, &o, &list, err)))
		goto out;
	/* In id order, so that of two on one day the later one wins. */
	for (size_t i = 0; i < list.n; i++)
		if (!latest ||
		    strcmp(txt(list.items[i], "assessed_on"), txt(latest, "assessed_on")) >= 0)
			latest = list.items[i];
	msg_number(d->lang, min_score, 0, smin, sizeof(smin));
	msg_number(d->lang, min_mean, 2, mmin, sizeof(mmin));
	const struct msg_arg none[] = { { "coach", name },
		                        { "min_score", smin },
		                        { "min_mean", mmin } };
	if (!latest) {
		if (!out->field[0])
			snprintf(out->field, sizeof(out->field), "coach");
		if (!(rc = say(d, out->pitfall, sizeof(out->pitfall), "prevent.not_assessed", none,
		               ARRAY_SIZE(none), err)))
			rc = say(d, out->how, sizeof(out->how), "prevent.assess.how", none,
			         ARRAY_SIZE(none), err);
		goto out;
	}
	int64_t scores[] = { record_int(latest, "motivation"), record_int(latest, "traits"),
		             record_int(latest, "ability"), record_int(latest, "track_record") };
	int64_t lowest = 0;
	double mean = 0;
	/* The same reading as the coach-not-assessed alert. */
	if (calc_ready(scores, txt(latest, "decision"), min_score, min_mean, &lowest, &mean))
		goto out;
	snprintf(slow, sizeof(slow), "%" PRId64, lowest);
	msg_number(d->lang, mean, 2, smean, sizeof(smean));
	char label[64];
	snprintf(label, sizeof(label), "label.assessment.decision.%s", txt(latest, "decision"));
	const struct msg_arg args[] = { { "coach", name },
		                        { "assessed_on", txt(latest, "assessed_on") },
		                        { "lowest", slow },
		                        { "min_score", smin },
		                        { "mean", smean },
		                        { "min_mean", mmin },
		                        { "decision", msg_exists(label)
		                                              ? msg_text(d->lang, label)
		                                              : txt(latest, "decision") } };
	if (!out->field[0])
		snprintf(out->field, sizeof(out->field), "coach");
	if (!(rc = say(d, out->pitfall, sizeof(out->pitfall), "prevent.not_ready", args,
	               ARRAY_SIZE(args), err)))
		rc = say(d, out->how, sizeof(out->how), "prevent.assess.how", args,
		         ARRAY_SIZE(args), err);
out:
	record_list_release(&list);
	return rc;
}

/* The first and last day of assignment a: its own end, else its programme's. */
static enum sc_result period(struct domain *d, const struct record *a, char from[TU_DATE_LEN],
                             char to[TU_DATE_LEN], struct sc_error *err)
{
	struct record *p = NULL;
	enum sc_result rc;

	snprintf(from, TU_DATE_LEN, "%s", txt(a, "starts_on"));
	if (record_is_set(a, "ends_on")) {
		snprintf(to, TU_DATE_LEN, "%s", txt(a, "ends_on"));
		return SC_OK;
	}
	if ((rc = get(d, E_PROGRAMME, record_int(a, "programme"), &p, err)))
		return rc;
	snprintf(to, TU_DATE_LEN, "%s", txt(p, "ends_on"));
	record_free(&p);
	return SC_OK;
}

struct span {
	int64_t coachee;
	char from[TU_DATE_LEN], to[TU_DATE_LEN];
};

static bool covers(const struct span *s, const char *day)
{
	return strcmp(s->from, day) <= 0 && strcmp(s->to, day) >= 0;
}

/*
 * The most distinct coachees the coach has in other active assignments on
 * one day of [from, to]. That many are present on the first day or on the
 * first day of one of them, so only those days need counting.
 */
static size_t peak_coachees(const struct span *spans, size_t n, const char *from, const char *to)
{
	size_t peak = 0;

	for (size_t p = 0; p <= n; p++) {
		const char *day = p == n ? from : spans[p].from;
		size_t count = 0;
		if (strcmp(day, from) < 0 || strcmp(day, to) > 0)
			continue;
		for (size_t k = 0; k < n; k++) {
			bool seen = false;
			if (!covers(&spans[k], day))
				continue;
			for (size_t j = 0; j < k && !seen; j++)
				seen = spans[j].coachee == spans[k].coachee &&
				       covers(&spans[j], day);
			count += !seen;
		}
		if (count > peak)
			peak = count;
	}
	return peak;
}

/* The coach may not get more active coachees at once than its capacity. */
static enum sc_result capacity(struct domain *d, const struct record *asg,
                               const struct record *coach, const char *name,
                               struct prevent_outcome *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_ASSIGNMENT);
	struct filter f[3] = { { entity_field(def, "coach"), FO_EQ, coach->id, 0, NULL },
		               { entity_field(def, "status"), FO_EQ, 0, 0, "active" },
		               { FILTER_ID, FO_NE, asg->id, 0, NULL } };
	struct list_opts o = { f, 3, FILTER_ID, false, 0, 0 };
	struct record_list list = { 0 };
	struct span *spans = NULL;
	size_t n = 0;
	char from[TU_DATE_LEN], to[TU_DATE_LEN], active[24], cap[24];
	int64_t capacity = record_int(coach, "capacity");
	enum sc_result rc;

	if ((rc = period(d, asg, from, to, err)) ||
	    (rc = store_list(d->store, d->org, def, &o, &list, err)))
		goto out;
	if (!(spans = calloc(list.n + 1, sizeof(*spans)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < list.n; i++) {
		struct span *s = &spans[n];
		if (record_int(list.items[i], "coachee") == record_int(asg, "coachee"))
			continue;
		if ((rc = period(d, list.items[i], s->from, s->to, err)))
			goto out;
		if (strcmp(s->to, from) < 0 || strcmp(s->from, to) > 0)
			continue;
		s->coachee = record_int(list.items[i], "coachee");
		n++;
	}
	size_t peak = peak_coachees(spans, n, from, to);
	if ((int64_t)peak + 1 <= capacity)
		goto out;
	snprintf(active, sizeof(active), "%zu", peak);
	snprintf(cap, sizeof(cap), "%" PRId64, capacity);
	const struct msg_arg args[] = { { "coach", name },
		                        { "active", active },
		                        { "capacity", cap } };
	if (!out->field[0])
		snprintf(out->field, sizeof(out->field), "coach");
	if (!(rc = say(d, out->pitfall, sizeof(out->pitfall), "prevent.capacity", args,
	               ARRAY_SIZE(args), err)))
		rc = say(d, out->how, sizeof(out->how), "prevent.capacity.how", args,
		         ARRAY_SIZE(args), err);
out:
	free(spans);
	record_list_release(&list);
	return rc;
}

static enum sc_result assigning(struct domain *d, const struct record *asg,
                                struct prevent_outcome *out, struct sc_error *err)
{
	struct record *coach = NULL;
	char name[200];
	enum sc_result rc = get(d, E_COACH, record_int(asg, "coach"), &coach, err);

	if (rc)
		return rc;
	person_name(d, record_int(coach, "person"), name, sizeof(name));
	if ((rc = readiness(d, coach, name, out, err)) == SC_OK)
		rc = capacity(d, asg, coach, name, out, err);
	record_free(&coach);
	return rc;
}

/* ---- who reviews a manager-coach ---------------------------------------------------------- */

/*
 * A coach-the-coach review is done by the reviewed manager's own superior, or by the
 * reviewer the organisation names (setting supervision_reviewer): another reviewer is
 * refused as invalid input, naming who may review, unless overridden with a reason.
 */
static enum sc_result reviewing(struct domain *d, const struct record *rev,
                                struct prevent_outcome *out, struct sc_error *err)
{
	struct record *m = NULL;
	int64_t reviewer = record_int(rev, "reviewer");
	int64_t named = (int64_t)settings_number(d->store, d->org, "supervision_reviewer");
	char mname[200], rname[200], who[600], one[240];
	enum sc_result rc = get(d, E_PERSON, record_int(rev, "manager"), &m, err);

	if (rc)
		return rc;
	int64_t superior = record_is_set(m, "superior") ? record_int(m, "superior") : 0;
	if ((superior && reviewer == superior) || (named > 0 && reviewer == named))
		goto out;
	person_name(d, m->id, mname, sizeof(mname));
	person_name(d, reviewer, rname, sizeof(rname));
	who[0] = '\0';
	if (superior) {
		char sname[200], id[24];
		person_name(d, superior, sname, sizeof(sname));
		snprintf(id, sizeof(id), "%" PRId64, superior);
		const struct msg_arg a[] = { { "name", sname }, { "id", id } };
		char *s = msg_format(d->lang, "prevent.reviewer.superior", a, 2);
		snprintf(who, sizeof(who), "%s", s ? s : "");
		free(s);
	}
	if (named > 0) {
		char nname[200], id[24];
		person_name(d, named, nname, sizeof(nname));
		snprintf(id, sizeof(id), "%" PRId64, named);
		const struct msg_arg a[] = { { "name", nname }, { "id", id } };
		char *s = msg_format(d->lang, "prevent.reviewer.named", a, 2);
		snprintf(one, sizeof(one), "%s", s ? s : "");
		free(s);
		size_t len = strlen(who);
		snprintf(who + len, sizeof(who) - len, "%s%s", len ? ", " : "", one);
	}
	char mid[24];
	snprintf(mid, sizeof(mid), "%" PRId64, m->id);
	const struct msg_arg args[] = {
		{ "reviewer", rname }, { "manager", mname }, { "manager_id", mid }, { "who", who }
	};
	out->invalid = true;
	if (!out->field[0])
		snprintf(out->field, sizeof(out->field), "reviewer");
	if ((rc = say(d, out->pitfall, sizeof(out->pitfall), "prevent.reviewer", args,
	              ARRAY_SIZE(args), err)))
		goto out;
	rc = say(d, out->how, sizeof(out->how),
	         *who ? "prevent.reviewer.how" : "prevent.reviewer.how.nobody", args,
	         ARRAY_SIZE(args), err);
out:
	record_free(&m);
	return rc;
}

/* ---- the check ---------------------------------------------------------------------------- */

enum sc_result domain_prevent_check(struct domain *d, const struct record *after,
                                    const struct record *before, struct prevent_outcome *out,
                                    struct sc_error *err)
{
	/* Each text is empty (the writers append to what is there); 3 KiB not cleared a write. */
	out->field[0] = out->pitfall[0] = out->how[0] = out->warning[0] = '\0';
	out->invalid = false;
	switch (after->def->kind) {
	case E_APPRAISAL:
		/* A change of the rating or text alone is no new decision. */
		if (before && same_text(after, before, "recorded_on") &&
		    record_int(after, "manager") == record_int(before, "manager"))
			return SC_OK;
		return mixing_of_appraisal(d, after, out, err);
	case E_SESSION:
		if (!counts_as_coaching(txt(after, "status")))
			return SC_OK;
		if (before && same_text(after, before, "at") &&
		    counts_as_coaching(txt(before, "status")))
			return SC_OK;
		return mixing_of_session(d, after, out, err);
	case E_ASSIGNMENT:
		/* Adding an active assignment or making one active again assigns a coachee. */
		if (strcmp(txt(after, "status"), "active") != 0 ||
		    (before && strcmp(txt(before, "status"), "active") == 0))
			return SC_OK;
		return assigning(d, after, out, err);
	case E_SUPERVISION:
		/* A change of the notes or dates alone names no new reviewer. */
		if (before && record_int(after, "reviewer") == record_int(before, "reviewer") &&
		    record_int(after, "manager") == record_int(before, "manager"))
			return SC_OK;
		return reviewing(d, after, out, err);
	default:
		return SC_OK;
	}
}
