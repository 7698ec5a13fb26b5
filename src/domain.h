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

#include "entity.h"
#include "record.h"
#include "result.h"
#include "store.h"
#include "timeutil.h"

/* Who is acting. person_id 0 is the local administrator of the machine. */
struct actor {
	int64_t person_id;
	char name[300];
};

struct domain {
	struct store *store; /* borrowed */
	int64_t org;
	struct actor actor;
	char tz[64];             /* the organisation's time zone */
	char today[TU_DATE_LEN]; /* today in that zone */
};

/*
 * Set up d for organisation org acting as the local administrator: reads
 * the organisation's time zone and today's date. st stays owned by the
 * caller and must outlive d.
 */
enum sc_result domain_init(struct domain *d, struct store *st, int64_t org, struct sc_error *err);

/* Act as the person with this e-mail address (must exist and be active). */
enum sc_result domain_act_as(struct domain *d, const char *email, struct sc_error *err);

/*
 * Parse text typed by a user into field i of rec, checking its type,
 * format and range. "" sets an optional field to null. Errors name the
 * field and say what is allowed.
 */
enum sc_result domain_parse(const struct domain *d, struct record *rec, int i, const char *text,
                            struct sc_error *err);

/*
 * Add rec (its set values; defaults fill the rest): validates every field
 * and every rule across fields and records, stores it and audits it, in one
 * transaction. On success rec->id is set. Nothing changes on failure.
 */
enum sc_result domain_add(struct domain *d, struct record *rec, struct sc_error *err);

/*
 * Change record rec->id to the set and null values of rec, after checking
 * the merged record as domain_add does. Nothing changes on failure.
 */
enum sc_result domain_update(struct domain *d, const struct record *rec, struct sc_error *err);

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
 * the access log. *out is owned.
 */
enum sc_result domain_get(struct domain *d, const struct entity_def *def, int64_t id,
                          struct record **out, struct sc_error *err);

/* List records as domain_get shows them, appended to *out. */
enum sc_result domain_list(struct domain *d, const struct entity_def *def,
                           const struct list_opts *opts, struct record_list *out,
                           struct sc_error *err);

/*
 * The coach's and the coachee's person ids of the coaching relationship
 * that rec (a record with private fields) belongs to.
 */
enum sc_result domain_parties(struct domain *d, const struct record *rec, int64_t *coach,
                              int64_t *coachee, struct sc_error *err);

#endif
