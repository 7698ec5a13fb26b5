/*
 * erasure.h - a person's right to erasure and the retention of coaching
 * content (AVG/GDPR; PRODUCT.md "Data in and out", docs/erasure.md).
 *
 * Erasure anonymises a person and deletes the private coaching content of
 * every relationship they are the coachee in (where they coached, the
 * relationships and their content stay: the coachees' records); retention deletes that
 * content of relationships that ended retention_months ago. Both keep what
 * can be counted (a session's date, kind and minutes; an action item's due
 * and done dates; sales results), so that aggregates and other people's
 * records stay as they were, and both leave nothing of what they deleted
 * in the database file (store_secure_erase, store_scrub, only when something
 * was deleted or an earlier scrub was left unfinished). Neither runs while
 * the organisation's setting legal_hold is true (read in the transaction).
 */
#ifndef SALESCOACH_ERASURE_H
#define SALESCOACH_ERASURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"

/* What went, or would go, of the private content of some relationships. */
struct erasure_content {
	int64_t sessions;         /* agenda, notes and follow-up cleared */
	int64_t observations;     /* strengths and improvement cleared */
	int64_t actions;          /* the text cleared (dates and owner kept) */
	int64_t plans;            /* goals and focus skills cleared */
	int64_t self_assessments; /* removed (each is private content only) */
	int64_t shares;           /* session shares removed */
};

/* What an erasure of one person did, or would do (dry run). */
struct erasure_report {
	int64_t relationships; /* assignments the person is the coachee in */
	struct erasure_content content;
	int64_t accounts, logins, tokens, setups; /* removed with the account */
	int64_t security_events, calendar_feeds, notices, notify_prefs, ballots;
	int64_t log_rows; /* audit and access log rows whose name or e-mail was anonymised */
	bool already;     /* the person was erased before: nothing deleted (the file scrubbed) */
	/*
	 * False when the deletion is committed but the file could not be
	 * scrubbed (another connection held a read): its bytes are still in the
	 * file until a later erase or retain scrubs it.
	 */
	bool scrubbed;
};

/*
 * Erase person (see the top of this file and docs/erasure.md), with reason
 * (required, in the audit log with the counts), in one transaction, then
 * scrub the file. Administrators only (SC_FORBIDDEN); refused while
 * legal_hold is true (SC_CONFLICT); SC_NOT_FOUND for no such person. A
 * person erased before: out->already, nothing deleted, but (not dry) the
 * file is scrubbed again, which finishes a scrub an earlier run could not.
 * dry_run: out says what would go, nothing is changed.
 */
enum sc_result erasure_person(struct domain *d, int64_t person, const char *reason, bool dry_run,
                              struct erasure_report *out, struct sc_error *err);

/* The e-mail address an erased person gets: never a real one (.invalid), unique by id. */
void erasure_email(int64_t person, char *out, size_t n);

/* One relationship whose content retention deletes (or would). */
struct retention_row {
	int64_t assignment, coach_person, coachee;
	char ended_on[TU_DATE_LEN];
	struct erasure_content content;
};

struct retention_report {
	int months;                 /* retention_months */
	char cutoff[TU_DATE_LEN];   /* relationships that ended before this day */
	struct retention_row *rows; /* owned: those with content to delete */
	size_t n;
	struct erasure_content total;
	bool held;     /* legal_hold is true: nothing done */
	bool scrubbed; /* as in erasure_report */
};

/*
 * Delete the private content of every relationship that ended (its
 * ends_on, else its programme's) before today minus retention_months, in
 * one transaction, audited with the counts, then scrub the file when
 * something was deleted (or an earlier scrub was left unfinished).
 * Administrators only. Idempotent: a second run finds nothing. While
 * legal_hold is true: out->held, nothing done. dry_run: out says what
 * would go. Release out with erasure_retention_release.
 */
enum sc_result erasure_retain(struct domain *d, bool dry_run, struct retention_report *out,
                              struct sc_error *err);
void erasure_retention_release(struct retention_report *r);

/* The day months months before date (the last day of a shorter month). */
void erasure_months_before(const char *date, int months, char out[TU_DATE_LEN]);

#endif
