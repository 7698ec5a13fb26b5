/*
 * domain.h - the rules of salescoach that hold through every door: what a
 * valid record is, which records must exist before another may refer to
 * them, what blocks a removal, who may read private coaching content, and
 * that every change is audited and every read of private content logged.
 *
 * The command line, the HTTP API and the importers call these functions;
 * none of them talks to the store directly for changes.
 */
#ifndef SALESCOACH_DOMAIN_H
#define SALESCOACH_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "model/entity.h"
#include "base/msg.h"
#include "model/record.h"
#include "base/result.h"
#include "store/store.h"
#include "base/timeutil.h"

/*
 * Roles (PRODUCT.md "People and roles"). admin and executive come from the
 * person's account; manager (has direct reports or manages a team), coach
 * (has a coach profile) and rep (is coached, or holds no other role) follow
 * from the data.
 */
#define ROLE_ADMIN     0x01u
#define ROLE_EXECUTIVE 0x02u
#define ROLE_MANAGER   0x04u
#define ROLE_COACH     0x08u
#define ROLE_REP       0x10u

/*
 * Who is acting. person_id 0 is the local administrator of the machine,
 * who may change anything but, like everyone who is not a party, reads no
 * private coaching content. A named person (domain_act_as) is held to the
 * visibility and write rules of their roles: see domain_act_as.
 */
struct actor {
	int64_t person_id;
	char name[300];
	unsigned roles; /* ROLE_* */
};

/*
 * Prevention at input. Some changes would cause a pitfall of PRODUCT.md the
 * moment they are stored, so domain_add and domain_update check them:
 *   - coaching-mixed-with-appraisal: an appraisal of rep R by M whose
 *     recorded_on lies within mixing_window_days (a setting) of a held or
 *     planned session of an assignment in which M coaches R, or such a
 *     session within that window of such an appraisal. Days are counted
 *     between local dates in the organisation's zone and the window is
 *     inclusive: with the default 2, sessions 0, 1 or 2 days from the
 *     appraisal are within it, 3 days is outside. Checked on add, and on
 *     update when the appraisal's date or manager, or the session's time,
 *     changes or the session becomes held or planned again.
 *   - coach-not-assessed: an assignment made active (added so, or set back
 *     to active) with a senior coach whose latest readiness assessment is
 *     missing or below the threshold (no criterion below
 *     readiness_min_score, a mean of at least readiness_min_mean, decision
 *     ready), as the alert reads it.
 *   - coach-overloaded: the same, when the coach would have more distinct
 *     active coachees at some day of the assignment than its capacity.
 * Mixing in a programme of model manager, and the two assignment pitfalls in
 * every model, are refused with SC_CONFLICT and a message that explains the
 * pitfall, gives the figures and says how to proceed. Mixing in the other
 * models is accepted with a warning.
 *
 * An override records a refused change anyway: the caller sets
 * override_reason (or sets the record's own override_reason field, as the
 * HTTP API does) and the reason is stored in the record's override_reason
 * and so in the audit log; the alert still fires. A reason given when
 * nothing is refused is itself refused (SC_INVALID, "nothing to
 * override"), so that nobody learns to pass one out of habit; a stored
 * reason cannot be cleared.
 */
struct domain {
	struct store *store; /* borrowed */
	int64_t org;
	struct actor actor;
	char tz[64];             /* the organisation's time zone */
	char today[TU_DATE_LEN]; /* today in that zone */
	enum msg_lang lang;      /* the organisation's locale: the language of messages */
	/*
	 * Set by the caller just before domain_add/domain_update to override a
	 * pitfall refusal, and cleared (NULL) after; borrowed for the call.
	 */
	const char *override_reason;
	/*
	 * Set by domain_add/domain_update: "" or a warning for the user about
	 * the change just stored (a pitfall accepted in this model, or one
	 * overridden). Cleared at the start of each call.
	 */
	char warning[1024];
	/*
	 * Set by a caller that holds one store transaction (store_begin) around
	 * many changes, as an import does. Each domain_add, domain_update and
	 * domain_remove then writes no audit entry of its own (the caller
	 * writes one for the whole batch), and the caller commits or rolls back
	 * the whole. DOMAIN_BATCH_EACH: each change is a savepoint inside the
	 * transaction (store_savepoint), undone alone when it fails, so that the
	 * good ones can be kept. DOMAIN_BATCH_WHOLE: no savepoint; a change that
	 * fails may leave a part of it written, and the caller must then roll
	 * the whole transaction back.
	 */
	enum domain_batch { DOMAIN_BATCH_NONE, DOMAIN_BATCH_EACH, DOMAIN_BATCH_WHOLE } batch;
	/*
	 * In a batch, the last record a reference was checked to name (the
	 * rows of an import name the same person over and over); kind
	 * E_COUNT: none. Forgotten by every removal.
	 */
	struct {
		int kind;
		int64_t id;
	} ref_seen;
	/*
	 * In a batch, set by a caller that has just looked the record up by
	 * its natural key (a person's e-mail, a team's name, a rep's month) in
	 * the same transaction and found no other: the next domain_add or
	 * domain_update does not count it again. The store's unique index
	 * still refuses a second one. Cleared by the caller after that call.
	 */
	bool key_checked;
	/*
	 * In a batch, set by a caller whose record holds only values that
	 * domain_parse gave it (or ids of records it found): the next
	 * domain_add or domain_update does not parse them again, as it does
	 * for records built by code (domain_validate). Cleared by the caller.
	 */
	bool values_parsed;
};

/* The language of d's messages; English without a domain (d NULL). */
static inline enum msg_lang domain_lang(const struct domain *d)
{
	return d ? d->lang : MSG_EN;
}

/*
 * Set up d for organisation org acting as the local administrator: reads
 * the organisation's time zone and today's date. st stays owned by the
 * caller and must outlive d.
 */
enum sc_result domain_init(struct domain *d, struct store *st, int64_t org, struct sc_error *err);

/*
 * Act as the person with this e-mail address (must exist and be active),
 * with the roles of their account and of the data. From then on every call
 * is held to what those roles allow:
 *   - reading: an administrator reads every record's activity; an
 *     executive only teams, programmes and skills (and aggregates); others
 *     read the records that concern them, their reports (the reporting line
 *     below them) and their coaching relationships. Records that are
 *     private content only (plans, action items, observations,
 *     self-assessments) are found by the coach and coachee alone. The
 *     access log shows everyone the reads of their own coaching content,
 *     and administrators every read. A record the actor may not read is
 *     SC_NOT_FOUND, a kind of record the role may never list SC_FORBIDDEN.
 *   - writing: an administrator configures the organisation (people, teams,
 *     programmes, coaches, assignments, ...) but writes no coaching content
 *     and no appraisals; coach and coachee write their relationship's
 *     sessions, plans and action items; a manager writes appraisals of
 *     their own reports and their own tasks; executives write nothing.
 */
enum sc_result domain_act_as(struct domain *d, const char *email, struct sc_error *err);

/* Act as person id (must exist and be active): as domain_act_as. */
enum sc_result domain_act_as_person(struct domain *d, int64_t person, struct sc_error *err);

/*
 * Whether the actor answers for person: is them, is above them in the
 * reporting line, or is an administrator. What alerts about person they see.
 */
enum sc_result domain_access_person(struct domain *d, int64_t person, bool *yes,
                                    struct sc_error *err);

/*
 * Whether the actor may read alerts at all: alerts name people, so an
 * executive (aggregates only) may not (SC_FORBIDDEN, saying so); everyone
 * else sees those about people they answer for (domain_access_person).
 * rules_evaluate asks it, so every door obeys it.
 */
enum sc_result domain_access_alerts(struct domain *d, struct sc_error *err);

/*
 * Whether the actor may change the organisation's settings: administrators
 * only (SC_FORBIDDEN, saying so), as k decides what aggregates show and the
 * thresholds when alerts fire.
 */
enum sc_result domain_access_settings(struct domain *d, struct sc_error *err);

/*
 * Set n of the organisation's settings (keys[i] to values[i], as text) in
 * one transaction, each audited (entity "setting", before and after as
 * {"key": "value"}): all of them or, when one is refused (unknown key, a
 * value out of range: err names the key as its field), none. Administrators
 * only (domain_access_settings).
 */
enum sc_result domain_set_settings(struct domain *d, const char *const *keys,
                                   const char *const *values, size_t n, struct sc_error *err);

/*
 * The coaches (coach profile ids) the acting person has answered the pulse
 * survey about in this round (the calendar month of today), from their own
 * ballots: only whom and the round, never which answer, never anyone else's
 * (the answers stay anonymous). *round receives "YYYY-MM"; *coaches is owned
 * (free it) with *n ids, NULL and 0 for none and for the system.
 */
enum sc_result domain_survey_answered(struct domain *d, char round[8], int64_t **coaches, size_t *n,
                                      struct sc_error *err);

/*
 * Whether the actor is above person in the reporting line (*yes): not
 * themselves, and not as an administrator.
 */
enum sc_result domain_manages(struct domain *d, int64_t person, bool *yes, struct sc_error *err);

/* The name of one ROLE_* bit ("admin", ...). */
const char *domain_role_name(unsigned role);

/*
 * Parse text typed by a user into field i of rec, checking its type,
 * format and range. "" sets an optional field to null. Any value must be
 * UTF-8 without control characters (line breaks only in multi-line text,
 * entity_text_multiline); numbers are decimal digits only. Errors name the
 * field and say what is allowed.
 */
enum sc_result domain_parse(const struct domain *d, struct record *rec, int i, const char *text,
                            struct sc_error *err);

/*
 * The coach profile a user names in text, for the field or option name:
 * the coach profile's id, or the e-mail address of the person who has it.
 * A person's id where a coach profile's is wanted is refused naming the
 * person and their coach profile ("28 is Nicole Hendriks's person id;
 * Nicole Hendriks's coach profile is 5"); an id of neither is passed on
 * for the record's checks to refuse. domain_parse uses it for every field
 * that refers to a coach profile; the command line's --coach options too.
 */
enum sc_result domain_coach_ref(const struct domain *d, const char *name, const char *text,
                                int64_t *coach, struct sc_error *err);

/*
 * Put the number v into field i (FT_INT or FT_REAL) of rec, checking it as
 * domain_parse checks a number typed in decimal digits: for doors that
 * receive numbers already as numbers (JSON).
 */
enum sc_result domain_set_number(const struct domain *d, struct record *rec, int i, double v,
                                 struct sc_error *err);

/*
 * Add rec (its set values; defaults fill the rest): validates every field
 * and every rule across fields and records, checks the pitfalls prevented
 * at input (see struct domain), stores it and audits it, in one
 * transaction. On success rec->id is set and d->warning may hold a warning.
 * Nothing changes on failure.
 */
enum sc_result domain_add(struct domain *d, struct record *rec, struct sc_error *err);

/*
 * Change record rec->id to the set and null values of rec, after checking
 * the merged record as domain_add does. Nothing changes on failure.
 */
enum sc_result domain_update(struct domain *d, const struct record *rec, struct sc_error *err);

/*
 * One entry in the audit log that is not a record's change: action (e.g.
 * "import") on the kind entity, with after (JSON text, borrowed) saying what
 * was done, by the actor, now. Inside the caller's transaction when one is open.
 */
enum sc_result domain_audit_note(struct domain *d, const char *action, const char *entity,
                                 const char *after, struct sc_error *err);

/* domain_audit_note about record id of the kind entity (its history shows it). */
enum sc_result domain_audit_about(struct domain *d, const char *action, const char *entity,
                                  int64_t id, const char *after, struct sc_error *err);

/*
 * Remove record id of def. Refused (SC_CONFLICT) while other records refer
 * to it; the message says which and what to do instead. Parts of the
 * record (a ride-along's observations, ...) go with it.
 */
enum sc_result domain_remove(struct domain *d, const struct entity_def *def, int64_t id,
                             struct sc_error *err);

/*
 * Read record id of def as the acting user may see it: private fields the
 * actor may not read are absent; a read of private content is written to
 * the access log, where a reader's reads of the same fields of one record
 * within DOMAIN_ACCESS_WINDOW seconds of the first are one row with their
 * count. *out is owned.
 */
#define DOMAIN_ACCESS_WINDOW 3600
enum sc_result domain_get(struct domain *d, const struct entity_def *def, int64_t id,
                          struct record **out, struct sc_error *err);

/* Filters a list may have (besides the actor's own scope). */
#define LIST_MAX_FILTERS 32

/* List records as domain_get shows them, appended to *out. */
enum sc_result domain_list(struct domain *d, const struct entity_def *def,
                           const struct list_opts *opts, struct record_list *out,
                           struct sc_error *err);

/*
 * A list's date range: the records whose date (entity_when) falls from the
 * day from to the day to, both included, in the organisation's time zone.
 * Either may be NULL (no bound). Dates are YYYY-MM-DD, months YYYY-MM for a
 * kind dated by month. The filters are added to out (room for 2); their
 * values live in r. SC_INVALID naming "from" or "to" for a value that is
 * not a date, a range that ends before it begins, or a kind with no date.
 */
/*
 * The field a list is ordered by: "id" (FILTER_ID) or a field's name; not
 * private content, whose order would tell what it holds. SC_INVALID naming
 * "order" otherwise.
 */
/*
 * The word for a kind of record in d's language ("sessie" for session), from
 * the catalogue's noun.ENTITY; the entity's name when it has none.
 */
const char *domain_noun(const struct domain *d, const struct entity_def *def);

enum sc_result domain_order(const struct entity_def *def, const char *name, enum msg_lang lang,
                            int *field, struct sc_error *err);

struct date_range {
	struct filter f[2];
	size_t n;
	char from[TU_INSTANT_LEN], to[TU_INSTANT_LEN];
};
enum sc_result domain_range(const struct domain *d, const struct entity_def *def, const char *from,
                            const char *to, struct date_range *r, struct sc_error *err);

/*
 * domain_list, and in *total the number of records the actor may read that
 * meet the filters, whatever the limit and offset (total NULL: not counted).
 */
enum sc_result domain_list_total(struct domain *d, const struct entity_def *def,
                                 const struct list_opts *opts, struct record_list *out,
                                 size_t *total, struct sc_error *err);

/*
 * The coach's and the coachee's person ids of the coaching relationship
 * that rec (a record with private fields) belongs to.
 */
enum sc_result domain_parties(struct domain *d, const struct record *rec, int64_t *coach,
                              int64_t *coachee, struct sc_error *err);

/*
 * The roles (ROLE_*) person holds, from their account and the data, as
 * domain_act_as gives them.
 */
enum sc_result domain_person_roles(struct domain *d, int64_t person, unsigned *roles,
                                   struct sc_error *err);

/* Kinds of record that are private content only: plans, action items, observations,
 * self-assessments. */
bool domain_private_only(enum entity_kind kind);

/*
 * List the records of def that meet opts's filters, read for the
 * personal-data export of person (exchange/personal.c): the caller's
 * filters name only records about person, so the kind's list rules of the
 * actor's roles are not asked; each record's own read rule is, as in a
 * normal list (with the person's own records of kinds only an
 * administrator lists, and their own reads in the access log, besides:
 * domain_read.c, about_readable), and privacy is, as for every read: private
 * fields only to the coach and coachee of the relationship, and a read of
 * another's private content in the access log (the coachee's read of their
 * own is not logged, as in domain_get). Allowed to person themself and to
 * an administrator (SC_FORBIDDEN otherwise); for an administrator who is
 * not person, records that are private content only (plans, action items,
 * observations, self-assessments) are not listed.
 */
enum sc_result domain_list_about(struct domain *d, int64_t person, const struct entity_def *def,
                                 const struct list_opts *opts, struct record_list *out,
                                 struct sc_error *err);

#endif
