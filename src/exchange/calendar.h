/*
 * calendar.h - calendar feeds (RFC 5545, with libical): a person's coaching
 * sessions as a VCALENDAR that Outlook, Google Calendar and Apple Calendar
 * subscribe to, and one session as an invitation to download.
 *
 * A feed is reached by an address that carries a secret, without a login:
 * the secret is the credential. It is 256 random bits, shown once when it
 * is made; only its BLAKE2b digest is stored (table calendar_feed). Making
 * a new one replaces the old, whose address then answers nothing.
 *
 * What an event holds: a stable UID, the start and end in UTC, the kind of
 * session and the other party (a ride-along: the customer), STATUS
 * (CONFIRMED, or CANCELLED so that subscribers remove it) and a SEQUENCE
 * that grows with every change the audit log records of the session. Never
 * the agenda, notes, follow-up or any other private field: sessions are
 * read through the domain as the person, with no private content at all
 * (so nothing is written to the access log either).
 */
#ifndef SALESCOACH_CALENDAR_H
#define SALESCOACH_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/result.h"
#include "base/timeutil.h"
#include "domain/domain.h"
#include "store/store.h"

/* The secret: 64 hex digits and the NUL. */
#define CALENDAR_SECRET_LEN 65

/* Days of past sessions a feed keeps: held ones for the record, cancelled ones to remove. */
#define CALENDAR_PAST_DAYS 90

/* Events a feed holds at most (the earliest are left out beyond it). */
#define CALENDAR_MAX_EVENTS 5000

/* The feed's path under /api, before the secret, and after it. */
#define CALENDAR_PATH   "/api/calendar/"
#define CALENDAR_SUFFIX ".ics"

/*
 * Whether the acting person of d (a named person) has a feed (*exists),
 * and since when (created, UTC; "" when none).
 */
enum sc_result calendar_feed_info(struct domain *d, bool *exists, char created[TU_INSTANT_LEN],
                                  struct sc_error *err);

/*
 * Make the acting person's feed, or replace it: secret gets the new one
 * (shown once; only its digest is stored), created the moment (UTC). The
 * old secret stops working. Recorded in the person's security log.
 */
enum sc_result calendar_feed_rotate(struct domain *d, char secret[CALENDAR_SECRET_LEN],
                                    char created[TU_INSTANT_LEN], struct sc_error *err);

/*
 * Stop the acting person's feed: its secret stops working. SC_NOT_FOUND
 * (in d's language) when there is none. Recorded in the security log.
 */
enum sc_result calendar_feed_stop(struct domain *d, struct sc_error *err);

/*
 * Who holds the feed secret (any organisation): *org and *person.
 * SC_NOT_FOUND, with one message, for a secret that is malformed, unknown,
 * replaced or stopped. The stored digest is compared in constant time.
 */
enum sc_result calendar_feed_find(struct store *st, const char *secret, int64_t *org,
                                  int64_t *person, struct sc_error *err);

/*
 * The VCALENDAR of the sessions the acting person of d is party to (as
 * coach or coachee, ride-alongs included), from CALENDAR_PAST_DAYS ago on,
 * texts in d's language. *out is owned (free()), *len its length.
 */
enum sc_result calendar_feed_ics(struct domain *d, char **out, size_t *len, struct sc_error *err);

/*
 * One session as a VCALENDAR with one event (an invitation to download),
 * for a party to it only: SC_NOT_FOUND for anyone else, as if it did not
 * exist. *out is owned (free()).
 */
enum sc_result calendar_session_ics(struct domain *d, int64_t session, char **out, size_t *len,
                                    struct sc_error *err);

#endif
