/*
 * domain_int.h - what the files of the domain share among themselves
 * (domain.c, domain_prevent.c); nothing outside the domain uses it.
 */
#ifndef SALESCOACH_DOMAIN_INT_H
#define SALESCOACH_DOMAIN_INT_H

#include "domain.h"

/* What a change would cause, as texts in the organisation's language. */
struct prevent_outcome {
	char field[64];     /* the field of the first refused pitfall, "" when none */
	char pitfall[1024]; /* the refused pitfalls: facts and why they matter */
	char how[1024];     /* how to proceed without an override */
	char warning[1024]; /* pitfalls accepted with a warning: facts and advice */
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

#endif
