/*
 * domain_int.h - what the files of the domain share among themselves
 * (domain.c, domain_prevent.c); nothing outside the domain uses it.
 */
#ifndef SALESCOACH_DOMAIN_INT_H
#define SALESCOACH_DOMAIN_INT_H

#include "domain/domain.h"

/* What a change would cause, as texts in the organisation's language. */
struct prevent_outcome {
	char field[64];     /* the field of the first refused pitfall, "" when none */
	char pitfall[1024]; /* the refused pitfalls: facts and why they matter */
	char how[1024];     /* how to proceed without an override */
	char warning[1024]; /* pitfalls accepted with a warning: facts and advice */
	bool invalid;       /* refused as invalid input (422), not as a conflict (409) */
};

/*
 * Check the pitfalls prevented at input (domain.h, struct domain) for the
 * change that makes a record `after` (the whole record as it would be
 * stored; before is the stored record on update, NULL on add). *out is
 * filled; a refusal is out->pitfall[0] != '\0'. Reads only.
 */
enum sc_result domain_prevent_check(struct domain *d, const struct record *after,
                                    const struct record *before, struct prevent_outcome *out,
                                    struct sc_error *err);

/*
 * The record that field name of rec refers to (owned), or NULL when the field
 * is empty. One the actor may not read is, to them, one that does not exist:
 * SC_NOT_FOUND naming the field, as for a missing id (people excepted).
 */
enum sc_result domain_load_ref(struct domain *d, const struct record *rec, const char *name,
                               struct record **out, struct sc_error *err);

/*
 * Access rules of the acting person's roles (see domain_act_as); all
 * SC_OK for the local administrator.
 *   domain_access_kind: may the actor read records of def at all
 *     (SC_FORBIDDEN, with a message naming the role, when not).
 *   domain_access_read: may the actor read rec (SC_NOT_FOUND when not).
 *   domain_access_record: whether the per-record rule of domain_access_read
 *     lets the actor read rec, whatever their role may list (*yes): for the
 *     personal export, in which an executive gets their own records too.
 *   domain_access_write: may the actor add, change or remove rec (the
 *     record as it is before and as it would be after a change are both
 *     checked by the caller); SC_FORBIDDEN saying who may.
 */
enum sc_result domain_access_kind(struct domain *d, const struct entity_def *def,
                                  struct sc_error *err);
enum sc_result domain_access_read(struct domain *d, const struct record *rec, struct sc_error *err);
enum sc_result domain_access_record(struct domain *d, const struct record *rec, bool *yes,
                                    struct sc_error *err);
enum sc_result domain_access_write(struct domain *d, const struct record *rec,
                                   struct sc_error *err);

/*
 * Fields have owners: may the actor set the fields given in change (every
 * set or null field of it; on add the whole record) of rec, the record as it
 * would be after. A session's feedback is the coachee's rating of the
 * coaching; its facts (when, how long, what kind, its state) are the
 * coach's; agenda, notes, skills and follow-up are both parties'.
 * SC_FORBIDDEN naming the field when not.
 */
enum sc_result domain_access_fields(struct domain *d, const struct record *rec,
                                    const struct record *change, struct sc_error *err);

/*
 * One pulse-survey answer per person per coach per round (calendar month),
 * given today. For a survey answer added by a named person, record their
 * ballot (E_BALLOT: who, about whom, which round; never which answer) in
 * the caller's transaction, or SC_CONFLICT when they have answered in this
 * round. Answers entered by the local administrator (paper surveys) have
 * no ballot.
 */
enum sc_result domain_survey_ballot(struct domain *d, const struct record *answer,
                                    struct sc_error *err);

/*
 * A narrowing of a list to what the actor may read, pushed down to the
 * store as one more filter instead of a check per record: when used, an
 * FO_IN on field (FILTER_ID or a field index) among ids or, when via is a
 * field index, an FO_IN_VIA through the record field refers to (an
 * observation's session, whose assignment is among ids). exact: every
 * record it lets through is readable, so the store can page and count;
 * otherwise the records are checked one by one after it. Not used and
 * exact: the actor reads every record of the kind. Neither: no narrowing
 * is known for this kind, every record is checked.
 */
struct domain_scope {
	bool used, exact;
	int field, via;
	int64_t *ids; /* owned */
	size_t n;
};

/* Fill *out for listing def as the actor; release with domain_scope_release. */
enum sc_result domain_access_scope(struct domain *d, const struct entity_def *def,
                                   struct domain_scope *out, struct sc_error *err);
void domain_scope_release(struct domain_scope *s);

/* Whether the coachee of session shared its summary with person (*yes). */
enum sc_result domain_shared_with(struct domain *d, int64_t session, int64_t person, bool *yes,
                                  struct sc_error *err);

/* The roles of person (ROLE_*), from their account and the data. */
enum sc_result domain_access_roles(struct domain *d, int64_t person, unsigned *roles,
                                   struct sc_error *err);

/* The person of coach profile coach_id. */
enum sc_result domain_coach_person(struct domain *d, int64_t coach_id, int64_t *person,
                                   struct sc_error *err);

/* The first record of def whose field is text, into *out (NULL when none). */
enum sc_result domain_find_one(struct domain *d, const struct entity_def *def, const char *field,
                               const char *text, struct record **out, struct sc_error *err);

/* Fill the fields rec leaves out with their defaults (domain_validate.c). */
enum sc_result domain_apply_defaults(const struct domain *d, struct record *rec,
                                     struct sc_error *err);

/*
 * Whether rec may be written as it is: required fields, references, unique
 * values, skills and the rules of its kind (domain_validate.c).
 */
enum sc_result domain_validate(struct domain *d, const struct record *rec, struct sc_error *err);

#endif
