/*
 * calendar_feed.c - the secret of a person's calendar feed: made, replaced,
 * stopped and looked up (see calendar.h). Like the API's tokens, the secret
 * is 256 random bits of which only a BLAKE2b digest is stored.
 */
#include "exchange/calendar.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"

/* The stored digest of a secret: BLAKE2b-256 as 64 hex digits. */
static void secret_hash(const char *secret, char out[CALENDAR_SECRET_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, CALENDAR_SECRET_LEN, h, sizeof(h));
}

/* A feed belongs to a person: the machine's administrator (no --as) has none. */
static enum sc_result need_person(const struct domain *d, struct sc_error *err)
{
	if (d->actor.person_id == 0)
		return sc_fail_msg(err, SC_INVALID, NULL, d->lang, "calendar.err.no_person", NULL);
	return SC_OK;
}

/* The feed record of person in org, or *out NULL. */
static enum sc_result find_feed(struct store *st, int64_t org, int64_t person, struct record **out,
                                struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_CALENDAR);
	struct filter f = { entity_field(def, "person"), FO_EQ, person, 0, NULL };
	return store_first(st, org, def, &f, 1, out, err);
}

enum sc_result calendar_feed_info(struct domain *d, bool *exists, char created[TU_INSTANT_LEN],
                                  struct sc_error *err)
{
	struct record *feed = NULL;
	enum sc_result rc;

	*exists = false;
	created[0] = '\0';
	if ((rc = need_person(d, err)) ||
	    (rc = find_feed(d->store, d->org, d->actor.person_id, &feed, err)))
		return rc;
	if (feed) {
		*exists = true;
		snprintf(created, TU_INSTANT_LEN, "%.20s", feed->created_at);
	}
	record_free(&feed);
	return SC_OK;
}

/* Replace the person's feed by one with digest hash, in the open transaction. */
static enum sc_result replace_feed(struct domain *d, const char *hash, char created[TU_INSTANT_LEN],
                                   struct sc_error *err)
{
	struct record *old = NULL, *feed = NULL;
	enum sc_result rc = find_feed(d->store, d->org, d->actor.person_id, &old, err);

	if (rc == SC_OK && old)
		rc = store_delete(d->store, d->org, old->def, old->id, err);
	if (rc == SC_OK && !(feed = record_new(entity_get(E_CALENDAR))))
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	if (rc == SC_OK) {
		record_put_int(feed, "person", d->actor.person_id);
		if (record_put_text(feed, "token_hash", hash))
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	if (rc == SC_OK && !(rc = store_insert(d->store, d->org, feed, err)))
		snprintf(created, TU_INSTANT_LEN, "%.20s", feed->created_at);
	if (rc == SC_OK)
		rc = account_security_event(d->store, d->org, d->actor.person_id,
		                            old ? "calendar_rotated" : "calendar_made",
		                            d->actor.name, NULL, err);
	record_free(&old);
	record_free(&feed);
	return rc;
}

enum sc_result calendar_feed_rotate(struct domain *d, char secret[CALENDAR_SECRET_LEN],
                                    char created[TU_INSTANT_LEN], struct sc_error *err)
{
	unsigned char raw[32];
	char hash[CALENDAR_SECRET_LEN];
	enum sc_result rc;

	secret[0] = created[0] = '\0';
	if ((rc = need_person(d, err)))
		return rc;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(secret, CALENDAR_SECRET_LEN, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	secret_hash(secret, hash);
	if ((rc = store_begin(d->store, err)) == SC_OK) {
		if ((rc = replace_feed(d, hash, created, err)) == SC_OK)
			rc = store_commit(d->store, err);
		if (rc)
			store_rollback(d->store);
	}
	if (rc) {
		sodium_memzero(secret, CALENDAR_SECRET_LEN);
		created[0] = '\0';
	}
	return rc;
}

enum sc_result calendar_feed_stop(struct domain *d, struct sc_error *err)
{
	struct record *feed = NULL;
	enum sc_result rc;

	if ((rc = need_person(d, err)) ||
	    (rc = find_feed(d->store, d->org, d->actor.person_id, &feed, err)))
		return rc;
	if (!feed)
		return sc_fail_msg(err, SC_NOT_FOUND, NULL, d->lang, "calendar.err.none", NULL);
	if ((rc = store_begin(d->store, err)) == SC_OK) {
		if ((rc = store_delete(d->store, d->org, feed->def, feed->id, err)) == SC_OK &&
		    (rc = account_security_event(d->store, d->org, d->actor.person_id,
		                                 "calendar_stopped", d->actor.name, NULL, err)) ==
		            SC_OK)
			rc = store_commit(d->store, err);
		if (rc)
			store_rollback(d->store);
	}
	record_free(&feed);
	return rc;
}

static enum sc_result unknown_feed(struct sc_error *err)
{
	return sc_fail(err, SC_NOT_FOUND, NULL,
	               "there is no calendar feed at this address: it was replaced or stopped; "
	               "its owner can make a new one");
}

/* Whether secret is 64 lower-case hex digits, as calendar_feed_rotate makes them. */
static bool well_formed(const char *secret)
{
	size_t n = strlen(secret);
	if (n != CALENDAR_SECRET_LEN - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((secret[i] >= '0' && secret[i] <= '9') ||
		      (secret[i] >= 'a' && secret[i] <= 'f')))
			return false;
	return true;
}

enum sc_result calendar_feed_find(struct store *st, const char *secret, int64_t *org,
                                  int64_t *person, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_CALENDAR);
	char hash[CALENDAR_SECRET_LEN];
	struct record *feed = NULL;
	struct org *orgs = NULL;
	size_t norgs = 0;
	enum sc_result rc;

	*org = *person = 0;
	if (!well_formed(secret))
		return unknown_feed(err);
	secret_hash(secret, hash);
	/*
	 * Found by its digest, which nobody can steer towards a stored one, and
	 * then compared whole in constant time all the same.
	 */
	struct filter f = { entity_field(def, "token_hash"), FO_EQ, 0, 0, hash };
	if ((rc = store_org_list(st, &orgs, &norgs, err)))
		return rc;
	for (size_t o = 0; rc == SC_OK && o < norgs && !feed; o++) {
		rc = store_first(st, orgs[o].id, def, &f, 1, &feed, err);
		*org = orgs[o].id;
	}
	free(orgs);
	if (rc == SC_OK && feed) {
		const char *stored = record_text(feed, "token_hash");
		if (stored && strlen(stored) == CALENDAR_SECRET_LEN - 1 &&
		    sodium_memcmp(stored, hash, CALENDAR_SECRET_LEN - 1) == 0)
			*person = record_int(feed, "person");
	}
	record_free(&feed);
	if (rc == SC_OK && *person == 0) {
		*org = 0;
		rc = unknown_feed(err);
	}
	return rc;
}
