/*
 * report_int.h - what the two files of the executive report share
 * (report.c: the programmes and totals; report_models.c: the figures per
 * coaching model). Not for other layers: they call report.h.
 */
#ifndef SALESCOACH_REPORT_INT_H
#define SALESCOACH_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/domain.h"

/* A growing list of person ids, made distinct before it is counted. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};

bool report_id_push(struct id_list *l, int64_t id);
/* Append every id of from to to. */
bool report_id_append(struct id_list *to, const struct id_list *from);
/* Sort the list and drop repeated ids; returns the number of distinct ids. */
size_t report_id_distinct(struct id_list *l);
/* Index of the record with this id in the list (ascending by id), or -1. */
long report_find(const struct record_list *l, int64_t id);
/* n (at least 0) to the nearest multiple of step, halves up. */
long report_round(long n, long step);
/* The mean sum / n in tenths, halves up, as a number with one decimal (n > 0). */
json_t *report_tenths(long sum, long n);

/*
 * The section "models" of the report: one object per coaching model, in the
 * order of rules_models(). progs and asgs are every programme and assignment
 * of the organisation (progs ascending by id), k the organisation's k, from
 * the first day of the window. *out: a new reference.
 */
enum sc_result report_models(struct domain *d, const struct record_list *progs,
                             const struct record_list *asgs, long k, const char *from, json_t **out,
                             struct sc_error *err);

#endif
