/*
 * demo.h - the demo organisation: a realistic Dutch sales organisation with
 * six months of coaching history, built so that every pitfall rule of
 * PRODUCT.md has a real case in it and a case just inside its threshold.
 */
#ifndef SALESCOACH_DEMO_H
#define SALESCOACH_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "base/msg.h"
#include "base/result.h"
#include "store/store.h"

/*
 * Load the demo organisation into st. Refused (SC_CONFLICT) when the
 * database already holds an organisation. The history ends today (the
 * clock, or SALESCOACH_NOW), and the same day always gives the same data.
 * A summary (what was loaded, the demo people to try) goes to out in lang
 * when out is not NULL. *org receives the new organisation's id.
 */
enum sc_result demo_load(struct store *st, FILE *out, enum msg_lang lang, int64_t *org,
                         struct sc_error *err);

/* Print the demo's logins (e-mail, what they show) and their password to out, in lang. */
void demo_print_logins(FILE *out, enum msg_lang lang);

#endif
