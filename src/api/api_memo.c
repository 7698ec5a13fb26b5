/*
 * api_memo.c - answers remembered at their organisation's data version.
 *
 * Every request of a known caller reads the organisation's access epoch
 * (api_guard.c); on PostgreSQL the same statement reads the organisation's
 * data version, which every committed change to its records raises, on any
 * server, through any door (sql/postgres/0002_data_version.sql). An answer
 * read at a version is therefore still the answer while the version stands,
 * and is given again without its query: GET /api/me/coachees, the read the
 * web interface makes most, costs one primary-key read then instead of
 * its joins (docs/benchmarks.md).
 *
 * Only answers that depend on nothing but the organisation's records and
 * the caller's person are remembered, under (route, organisation, person):
 * the caller is authenticated as before on every request, and an answer is
 * given only to the person it was read for. The version is the one read
 * before the query, so a remembered answer is never older than its version
 * (a change committed in between raised the version, and the next request
 * reads the answer again). A store that keeps no version (SQLite) reads "",
 * and nothing is remembered. An answer holds names and addresses: it is
 * wiped from memory when it is let go, as soon as its version has passed.
 */
#include "api/api_int.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct api_memo_slot *memo_slot(struct api *a, enum api_memo_route route, int64_t org,
                                       int64_t person)
{
	uint64_t h = (uint64_t)route * 0x9E3779B97F4A7C15ull;
	h = (h ^ (uint64_t)org) * 0x100000001B3ull;
	h = (h ^ (uint64_t)person) * 0x100000001B3ull;
	return &a->memo[(h ^ (h >> 29)) % API_MEMO_SLOTS];
}

/* Wipe and free s's answer; s is unused after. Under memo_lock. */
static void memo_drop(struct api_memo_slot *s)
{
	if (s->body) {
		sodium_memzero(s->body, s->len);
		free(s->body);
	}
	*s = (struct api_memo_slot){ 0 };
}

bool api_memo_give(struct api_call *c, enum api_memo_route route)
{
	char *body = NULL;
	size_t len = 0;

	if (!c->authenticated || !c->data_version[0])
		return false;
	pthread_mutex_lock(&c->api->memo_lock);
	struct api_memo_slot *s = memo_slot(c->api, route, c->auth.org, c->auth.person);
	if (s->route == (int)route && s->org == c->auth.org && s->person == c->auth.person) {
		if (strcmp(s->version, c->data_version) != 0)
			memo_drop(s); /* read before a change: it is never given again */
		else if ((body = malloc(s->len + 1)))
			memcpy(body, s->body, (len = s->len) + 1);
	}
	pthread_mutex_unlock(&c->api->memo_lock);
	if (!body)
		return false;
	c->resp->status = 200;
	free(c->resp->body);
	c->resp->body = body;
	c->resp->body_len = len;
	c->resp->content_type = "application/json";
	return true;
}

void api_memo_keep(struct api_call *c, enum api_memo_route route)
{
	const struct http_response *r = c->resp;
	char *copy;

	if (!c->authenticated || !c->data_version[0] || r->status != 200 || !r->body ||
	    r->body_len > API_MEMO_MAX || !(copy = malloc(r->body_len + 1)))
		return;
	memcpy(copy, r->body, r->body_len);
	copy[r->body_len] = '\0';
	pthread_mutex_lock(&c->api->memo_lock);
	struct api_memo_slot *s = memo_slot(c->api, route, c->auth.org, c->auth.person);
	memo_drop(s);
	s->route = (int)route;
	s->org = c->auth.org;
	s->person = c->auth.person;
	snprintf(s->version, sizeof(s->version), "%s", c->data_version);
	s->body = copy;
	s->len = r->body_len;
	pthread_mutex_unlock(&c->api->memo_lock);
}

void api_memo_release(struct api *a)
{
	for (size_t i = 0; i < API_MEMO_SLOTS; i++)
		memo_drop(&a->memo[i]);
}
