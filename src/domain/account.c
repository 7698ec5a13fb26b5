/*
 * account.c - accounts, login sessions and API tokens (see account.h).
 */
#include "domain/account.h"

#include <ctype.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/org.h"
#include "base/text.h"

enum sc_result account_global_init(struct sc_error *err)
{
	if (sodium_init() < 0)
		return sc_fail(err, SC_INTERNAL, NULL, "libsodium could not be initialised");
	return SC_OK;
}

/* 32 random bytes as 64 hex digits. */
static void random_secret(char out[ACCOUNT_SECRET_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, ACCOUNT_SECRET_LEN, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

/* The stored digest of a secret: BLAKE2b-256 as hex. */
static void secret_hash(const char *secret, char out[ACCOUNT_SECRET_LEN])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, ACCOUNT_SECRET_LEN, h, sizeof(h));
}

static enum sc_result find_secret(struct store *st, enum entity_kind kind, const char *hash,
                                  int64_t only, int64_t *org, struct record **out,
                                  struct sc_error *err);

static enum sc_result check_password(enum msg_lang lang, const char *password, struct sc_error *err)
{
	size_t n = strlen(password);
	if (n < ACCOUNT_PASSWORD_MIN)
		return sc_fail_msg(err, SC_INVALID, "password", lang, "err.password.short", "min",
		                   SC_I64(ACCOUNT_PASSWORD_MIN), NULL);
	if (n > ACCOUNT_PASSWORD_MAX)
		return sc_fail_msg(err, SC_INVALID, "password", lang, "err.password.long", "max",
		                   SC_I64(ACCOUNT_PASSWORD_MAX), NULL);
	return SC_OK;
}

static enum sc_result hash_password(const char *password, char out[crypto_pwhash_STRBYTES],
                                    struct sc_error *err)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory while hashing the password");
	return SC_OK;
}

/* The account record of person in org, or *out NULL. */
static enum sc_result find_account(struct store *st, int64_t org, int64_t person,
                                   struct record **out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_ACCOUNT);
	struct filter f = { entity_field(def, "person"), FO_EQ, person, 0, NULL };
	return store_first(st, org, def, &f, 1, out, err);
}

/*
 * A new password ends every way in that the old one gave: the login
 * sessions of account except keep (the caller's own, when the owner changes
 * it), and every API token, made before it; with a new access epoch.
 */
static enum sc_result end_access(struct store *st, int64_t org, int64_t account, int64_t keep,
                                 struct sc_error *err)
{
	static const enum entity_kind kinds[] = { E_LOGIN, E_TOKEN };
	enum sc_result rc = SC_OK;

	for (size_t k = 0; rc == SC_OK && k < 2; k++) {
		const struct entity_def *def = entity_get(kinds[k]);
		struct filter f = { entity_field(def, "account"), FO_EQ, account, 0, NULL };
		struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
		struct record_list list = { 0 };
		rc = store_list(st, org, def, &lo, &list, err);
		for (size_t i = 0; rc == SC_OK && i < list.n; i++)
			if (kinds[k] != E_LOGIN || list.items[i]->id != keep)
				rc = store_delete(st, org, def, list.items[i]->id, err);
		record_list_release(&list);
	}
	return rc ? rc : account_access_ended(st, org, err);
}

enum sc_result account_access_ended(struct store *st, int64_t org, struct sc_error *err)
{
	unsigned char r[16];
	char epoch[ACCOUNT_EPOCH_LEN];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(epoch, sizeof(epoch), r, sizeof(r));
	return store_setting_put(st, org, ACCOUNT_EPOCH_SETTING, epoch, err);
}

enum sc_result account_access_epoch(struct store *st, int64_t org, char out[ACCOUNT_EPOCH_LEN],
                                    char *version, struct sc_error *err)
{
	char *value = NULL, v[STORE_VERSION_LEN];
	enum sc_result rc = store_setting_versioned(st, org, ACCOUNT_EPOCH_SETTING, &value, v, err);

	if (version)
		snprintf(version, STORE_VERSION_LEN, "%s", rc == SC_OK ? v : "");

	snprintf(out, ACCOUNT_EPOCH_LEN, "%s", rc == SC_OK && value ? value : "");
	free(value);
	return rc;
}

/*
 * Store steps (no domain_add or domain_update: a batch writes no audit
 * entry) that belong together: in the caller's batch when d has one, else
 * in a transaction of their own that change_end commits (rc SC_OK) or rolls
 * back.
 */
static enum sc_result change_begin(const struct domain *d, struct sc_error *err)
{
	return d->batch != DOMAIN_BATCH_NONE ? SC_OK : store_begin(d->store, err);
}

static enum sc_result change_end(const struct domain *d, enum sc_result rc, struct sc_error *err)
{
	if (d->batch != DOMAIN_BATCH_NONE)
		return rc;
	if (rc == SC_OK && (rc = store_commit(d->store, err)) == SC_OK)
		return SC_OK;
	store_rollback(d->store);
	return rc;
}

/* account_set, keeping login session keep_login of an existing account (0: none). */
static enum sc_result set_account(struct domain *d, int64_t person, const char *role,
                                  const char *password, int64_t keep_login, int64_t *id,
                                  struct sc_error *err)
{
	char hash[crypto_pwhash_STRBYTES], now[TU_INSTANT_LEN];
	struct record *acc = NULL, *rec = NULL;
	enum sc_result rc;

	*id = 0;
	if ((rc = check_password(MSG_EN, password, err)) ||
	    (rc = hash_password(password, hash, err)))
		return rc;
	if ((rc = find_account(d->store, d->org, person, &acc, err)))
		return rc;
	if (!(rec = record_new(entity_get(E_ACCOUNT)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	tu_now_instant(now);
	if ((rc = record_put_text(rec, "role", role)) ||
	    (rc = record_put_text(rec, "password_hash", hash)) ||
	    (rc = record_put_text(rec, "password_changed_at", now)))
		goto out;
	if (acc) {
		rec->id = acc->id;
		/*
		 * The sessions and tokens end with a new access epoch of their own,
		 * committed after them: a server that found one of them in a read
		 * before sees the new epoch at its next request.
		 */
		if ((rc = domain_update(d, rec, err)) == SC_OK &&
		    (rc = change_begin(d, err)) == SC_OK)
			rc = change_end(d, end_access(d->store, d->org, acc->id, keep_login, err),
			                err);
	} else {
		record_put_int(rec, "person", person);
		rc = domain_add(d, rec, err);
	}
	if (rc == SC_OK)
		*id = rec->id;
out:
	sodium_memzero(hash, sizeof(hash));
	record_free(&acc);
	record_free(&rec);
	return rc;
}

enum sc_result account_set(struct domain *d, int64_t person, const char *role, const char *password,
                           int64_t *id, struct sc_error *err)
{
	struct record *acc = NULL;
	enum sc_result rc = find_account(d->store, d->org, person, &acc, err);
	bool existed = acc != NULL;

	record_free(&acc);
	if (rc || (rc = set_account(d, person, role, password, 0, id, err)))
		return rc;
	/* The operator's way in (the command line): still never unseen by the person. */
	return account_security_event(d->store, d->org, person,
	                              existed ? "password_reset" : "account_created", d->actor.name,
	                              role, err);
}

enum sc_result account_security_event(struct store *st, int64_t org, int64_t person,
                                      const char *kind, const char *actor, const char *detail,
                                      struct sc_error *err)
{
	struct record *ev = record_new(entity_get(E_SECURITY));
	char now[TU_INSTANT_LEN];
	enum sc_result rc;

	if (!ev)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	tu_now_instant(now);
	record_put_int(ev, "person", person);
	if (!(rc = record_put_text(ev, "at", now)) && !(rc = record_put_text(ev, "kind", kind)) &&
	    !(rc = record_put_text(ev, "actor", actor)) &&
	    !(rc = detail ? record_put_text(ev, "detail", detail) : SC_OK))
		rc = store_insert(st, org, ev, err);
	else
		rc = sc_fail(err, rc, NULL, "out of memory");
	record_free(&ev);
	return rc;
}

/* Remove the setup links of account that are not used yet. */
static enum sc_result drop_setups(struct store *st, int64_t org, int64_t account,
                                  struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_SETUP);
	struct filter f[] = { { entity_field(def, "account"), FO_EQ, account, 0, NULL },
		              { entity_field(def, "used_at"), FO_NULL, 0, 0, NULL } };
	struct list_opts lo = { f, 2, FILTER_ID, false, 0, 0 };
	struct record_list list = { 0 };
	enum sc_result rc = store_list(st, org, def, &lo, &list, err);

	for (size_t i = 0; rc == SC_OK && i < list.n; i++)
		rc = store_delete(st, org, def, list.items[i]->id, err);
	record_list_release(&list);
	return rc;
}

enum sc_result account_issue_setup(struct domain *d, int64_t person, const char *role,
                                   char secret[ACCOUNT_SECRET_LEN], char expires[TU_INSTANT_LEN],
                                   int64_t *account, bool *reset, struct sc_error *err)
{
	char unknown[ACCOUNT_SECRET_LEN], hash[ACCOUNT_SECRET_LEN];
	struct record *acc = NULL, *setup = NULL;
	enum sc_result rc;

	secret[0] = expires[0] = '\0';
	*account = 0;
	if ((rc = find_account(d->store, d->org, person, &acc, err)))
		return rc;
	*reset = acc != NULL;
	record_free(&acc);
	/*
	 * A password that nobody knows, hashed as every password is, so that an
	 * account waiting for its owner answers a login exactly as any other.
	 */
	random_secret(unknown);
	rc = set_account(d, person, role, unknown, 0, account, err);
	sodium_memzero(unknown, sizeof(unknown));
	if (rc || (rc = drop_setups(d->store, d->org, *account, err)))
		return rc;
	if (!(setup = record_new(entity_get(E_SETUP))))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	random_secret(secret);
	secret_hash(secret, hash);
	tu_instant_from_time(tu_now() + ACCOUNT_SETUP_SECONDS, expires);
	record_put_int(setup, "account", *account);
	if ((rc = record_put_text(setup, "token_hash", hash)) ||
	    (rc = record_put_text(setup, "expires_at", expires)) ||
	    (rc = record_put_text(setup, "issued_by", d->actor.name)))
		rc = sc_fail(err, rc, NULL, "out of memory");
	else if (!(rc = store_insert(d->store, d->org, setup, err)))
		rc = account_security_event(d->store, d->org, person,
		                            *reset ? "password_reset" : "setup_issued",
		                            d->actor.name, role, err);
	record_free(&setup);
	if (rc)
		sodium_memzero(secret, ACCOUNT_SECRET_LEN);
	return rc;
}

static enum sc_result unusable_setup(struct sc_error *err)
{
	return sc_fail(err, SC_FORBIDDEN, "token",
	               "this setup link is unknown, used or expired; ask your administrator for "
	               "a new one");
}

enum sc_result account_use_setup(struct store *st, const char *secret, const char *password,
                                 struct sc_error *err)
{
	char hash[ACCOUNT_SECRET_LEN], now[TU_INSTANT_LEN];
	struct record *setup = NULL, *acc = NULL, *used = NULL;
	struct domain d;
	int64_t org = 0, id = 0;
	enum sc_result rc;

	if ((rc = check_password(MSG_EN, password, err)))
		return rc;
	secret_hash(secret, hash);
	if ((rc = find_secret(st, E_SETUP, hash, 0, &org, &setup, err)))
		return rc;
	tu_now_instant(now);
	if (!setup || record_is_set(setup, "used_at") ||
	    strcmp(record_text(setup, "expires_at"), now) <= 0) {
		rc = unusable_setup(err);
		goto out;
	}
	if ((rc = store_get(st, org, entity_get(E_ACCOUNT), record_int(setup, "account"), &acc,
	                    err)) ||
	    (rc = domain_init(&d, st, org, err)) ||
	    (rc = domain_act_as_person(&d, record_int(acc, "person"), err)))
		goto out;
	/* The person sets their own password: as the system, in their name (as a change). */
	d.actor.person_id = 0;
	d.actor.roles = ROLE_ADMIN;
	if ((rc = set_account(&d, record_int(acc, "person"), record_text(acc, "role"), password, 0,
	                      &id, err)))
		goto out;
	if (!(used = record_new(entity_get(E_SETUP)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	used->id = setup->id;
	if ((rc = record_put_text(used, "used_at", now)) || (rc = store_update(st, org, used, err)))
		goto out;
	rc = account_security_event(st, org, record_int(acc, "person"), "password_set",
	                            d.actor.name, NULL, err);
out:
	record_free(&setup);
	record_free(&acc);
	record_free(&used);
	return rc;
}

enum sc_result account_change_password(struct domain *d, const char *current, const char *password,
                                       int64_t keep_login, struct sc_error *err)
{
	struct record *acc = NULL;
	enum sc_result rc;

	if ((rc = check_password(d->lang, password, err)))
		return rc;
	if ((rc = find_account(d->store, d->org, d->actor.person_id, &acc, err)))
		return rc;
	if (!acc)
		return sc_fail_msg(err, SC_NOT_FOUND, NULL, d->lang, "err.account.none", NULL);
	if (crypto_pwhash_str_verify(record_text(acc, "password_hash"), current, strlen(current)) !=
	    0) {
		record_free(&acc);
		return sc_fail_msg(err, SC_FORBIDDEN, "current_password", d->lang,
		                   "err.account.current_password", NULL);
	}
	/*
	 * Owners change their own password; the domain lets only administrators
	 * change accounts, so the change is made as the system, in the owner's name.
	 */
	struct domain sys = *d;
	sys.actor.person_id = 0;
	sys.actor.roles = ROLE_ADMIN;
	int64_t id = 0;
	rc = set_account(&sys, d->actor.person_id, record_text(acc, "role"), password, keep_login,
	                 &id, err);
	if (rc == SC_OK)
		rc = account_security_event(d->store, d->org, d->actor.person_id,
		                            "password_changed", d->actor.name, NULL, err);
	record_free(&acc);
	return rc;
}

/* The person with email in org, or *out NULL. */
static enum sc_result find_person(struct store *st, int64_t org, const char *email,
                                  struct record **out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct filter f = { entity_field(def, "email"), FO_EQ, 0, 0, email };
	return store_first(st, org, def, &f, 1, out, err);
}

static enum sc_result wrong_login(struct sc_error *err)
{
	return sc_fail(err, SC_FORBIDDEN, NULL,
	               "the e-mail address or the password is not right; check both and try "
	               "again");
}

static enum sc_result start_login(struct store *st, int64_t org, int64_t account,
                                  const char *remote, struct account_auth *out,
                                  struct sc_error *err)
{
	char raw[ACCOUNT_SECRET_LEN], hash[ACCOUNT_SECRET_LEN], expires[TU_INSTANT_LEN];
	struct record *login = record_new(entity_get(E_LOGIN));
	enum sc_result rc;

	if (!login)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	random_secret(raw);
	random_secret(out->csrf);
	secret_hash(raw, hash);
	snprintf(out->secret, sizeof(out->secret), "%" PRId64 ".%s", org, raw);
	sodium_memzero(raw, sizeof(raw));
	out->expires = tu_now() + ACCOUNT_SESSION_SECONDS;
	tu_instant_from_time(out->expires, expires);
	record_put_int(login, "account", account);
	if ((rc = record_put_text(login, "token_hash", hash)) ||
	    (rc = record_put_text(login, "csrf", out->csrf)) ||
	    (rc = record_put_text(login, "expires_at", expires)) ||
	    (rc = record_put_text(login, "remote", remote ? remote : "")))
		goto out;
	rc = store_insert(st, org, login, err);
	out->login = login->id;
out:
	record_free(&login);
	return rc;
}

/*
 * The hash a login checks the password against when the address has no
 * account it could log in to: Argon2id of a random password nobody knows,
 * made once per process with the limits of hash_password, so that checking
 * it costs what checking a real account's hash costs.
 */
static char dummy_hash[crypto_pwhash_STRBYTES];
static bool dummy_made;
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_ulong login_hashes;

/* The dummy hash, made on the first call (and again after a failure); NULL without memory. */
static const char *login_dummy_hash(void)
{
	unsigned char pw[32];
	bool made;

	pthread_mutex_lock(&dummy_lock);
	if (!dummy_made) {
		randombytes_buf(pw, sizeof(pw));
		dummy_made = crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof(pw),
		                               crypto_pwhash_OPSLIMIT_INTERACTIVE,
		                               crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
		atomic_fetch_add(&login_hashes, 1);
		sodium_memzero(pw, sizeof(pw));
	}
	made = dummy_made;
	pthread_mutex_unlock(&dummy_lock);
	return made ? dummy_hash : NULL;
}

enum sc_result account_login_prepare(struct sc_error *err)
{
	if (!login_dummy_hash())
		return sc_fail(err, SC_NOMEM, NULL, "out of memory preparing the login check");
	return SC_OK;
}

unsigned long account_login_hashes(void)
{
	return atomic_load(&login_hashes);
}

enum sc_result account_login(struct store *st, const char *email, const char *password,
                             const char *org_slug, const char *remote, struct account_auth *out,
                             struct sc_error *err)
{
	struct org *orgs = NULL;
	struct record *acc = NULL; /* the account to check: the first the address has */
	size_t norgs = 0;
	char lower[256];
	size_t i;
	enum sc_result rc;
	const char *dummy, *check;

	memset(out, 0, sizeof(*out));
	/*
	 * Every login, whatever the address, costs one Argon2id check and no
	 * other: against the account's hash, or against the dummy when there is
	 * no account to check (unknown address, no account, inactive person).
	 * The dummy is made before anything is looked up, so that the first
	 * login of the process pays for it whatever it tries.
	 */
	if (!(dummy = login_dummy_hash()))
		return sc_fail(err, SC_NOMEM, NULL, "out of memory while checking the password");
	for (i = 0; email[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)email[i]);
	lower[i] = '\0';
	if ((rc = store_org_list(st, &orgs, &norgs, err)))
		return rc;
	/* Every organisation is looked at, also after an account is found. */
	for (size_t o = 0; o < norgs; o++) {
		struct record *p = NULL;
		if (org_slug && *org_slug && strcmp(org_slug, orgs[o].slug) != 0)
			continue;
		if ((rc = find_person(st, orgs[o].id, lower, &p, err)) == SC_OK && p && !acc &&
		    record_int(p, "active") &&
		    (rc = find_account(st, orgs[o].id, p->id, &acc, err)) == SC_OK && acc) {
			out->org = orgs[o].id;
			out->person = p->id;
		}
		record_free(&p);
		if (rc)
			break;
	}
	free(orgs);
	if (rc) {
		record_free(&acc);
		memset(out, 0, sizeof(*out));
		return rc;
	}
	check = acc ? record_text(acc, "password_hash") : NULL;
	if (!check)
		check = dummy;
	atomic_fetch_add(&login_hashes, 1);
	if (crypto_pwhash_str_verify(check, password, strlen(password)) != 0 || !acc) {
		record_free(&acc);
		memset(out, 0, sizeof(*out));
		return wrong_login(err);
	}
	out->account = acc->id;
	record_free(&acc);
	return start_login(st, out->org, out->account, remote, out, err);
}

/*
 * Find the record of kind whose token_hash is hash: in organisation only,
 * or (0) in any organisation, one after the other.
 */
static enum sc_result find_secret(struct store *st, enum entity_kind kind, const char *hash,
                                  int64_t only, int64_t *org, struct record **out,
                                  struct sc_error *err)
{
	const struct entity_def *def = entity_get(kind);
	struct filter f = { entity_field(def, "token_hash"), FO_EQ, 0, 0, hash };
	struct org *orgs = NULL;
	size_t norgs = 0;
	enum sc_result rc;

	*out = NULL;
	if (only) {
		*org = only;
		return store_first(st, only, def, &f, 1, out, err);
	}
	rc = store_org_list(st, &orgs, &norgs, err);
	for (size_t o = 0; rc == SC_OK && o < norgs && !*out; o++) {
		rc = store_first(st, orgs[o].id, def, &f, 1, out, err);
		*org = orgs[o].id;
	}
	free(orgs);
	return rc;
}

/*
 * The organisation a credential names ("12.<secret>"), into *org, and
 * *secret moved past it; *org 0 and *secret as it was for one issued
 * before (the secret alone). SC_INVALID when what stands before the dot is
 * not an organisation's id.
 */
static enum sc_result credential_org(const char **secret, int64_t *org)
{
	const char *dot = strchr(*secret, '.');
	int64_t id = 0;

	*org = 0;
	if (!dot)
		return SC_OK;
	if (dot == *secret || dot - *secret > 18)
		return SC_INVALID;
	for (const char *p = *secret; p < dot; p++) {
		if (*p < '0' || *p > '9')
			return SC_INVALID;
		id = id * 10 + (*p - '0');
	}
	if (id <= 0)
		return SC_INVALID;
	*org = id;
	*secret = dot + 1;
	return SC_OK;
}

static enum sc_result unknown_secret(struct sc_error *err, char kind)
{
	return sc_fail(err, SC_FORBIDDEN, NULL,
	               kind == 'c' ? "your session has ended; log in again"
	                           : "this API token is not valid (revoked or mistyped); create a "
	                             "new one with POST /api/me/tokens");
}

enum sc_result account_authenticate(struct store *st, char kind, const char *secret,
                                    struct account_auth *out, struct sc_error *err)
{
	char hash[ACCOUNT_SECRET_LEN], now[TU_INSTANT_LEN];
	struct record *rec = NULL, *acc = NULL;
	enum sc_result rc;

	memset(out, 0, sizeof(*out));
	if (kind == 't') {
		size_t plen = strlen(ACCOUNT_TOKEN_PREFIX);
		if (strncmp(secret, ACCOUNT_TOKEN_PREFIX, plen) != 0)
			return unknown_secret(err, kind);
		secret += plen;
	}
	int64_t org = 0; /* the organisation the credential names; 0: one issued before */
	if ((rc = credential_org(&secret, &org)))
		return unknown_secret(err, kind);
	if (strlen(secret) != ACCOUNT_SECRET_LEN - 1)
		return unknown_secret(err, kind);
	secret_hash(secret, hash);
	if ((rc = find_secret(st, kind == 'c' ? E_LOGIN : E_TOKEN, hash, org, &out->org, &rec,
	                      err)))
		return rc;
	if (!rec)
		return unknown_secret(err, kind);
	tu_now_instant(now);
	out->account = record_int(rec, "account");
	if (kind == 'c') {
		if (strcmp(record_text(rec, "expires_at"), now) <= 0) {
			store_delete(st, out->org, rec->def, rec->id, NULL);
			record_free(&rec);
			return unknown_secret(err, kind);
		}
		out->login = rec->id;
		snprintf(out->csrf, sizeof(out->csrf), "%s", record_text(rec, "csrf"));
	} else {
		out->token = rec->id;
		/* last_used_at to the minute: one write a minute per token, not one per request. */
		const char *last = record_text(rec, "last_used_at");
		if (!last || strncmp(last, now, 16) != 0) {
			struct record *upd = record_new(rec->def);
			if (upd) {
				upd->id = rec->id;
				record_put_text(upd, "last_used_at", now);
				store_update(st, out->org, upd, NULL);
				record_free(&upd);
			}
		}
	}
	record_free(&rec);
	if ((rc = store_get(st, out->org, entity_get(E_ACCOUNT), out->account, &acc, err)))
		return rc == SC_NOT_FOUND ? unknown_secret(err, kind) : rc;
	out->person = record_int(acc, "person");
	record_free(&acc);
	return SC_OK;
}

enum sc_result account_logout(struct store *st, int64_t org, int64_t login, struct sc_error *err)
{
	enum sc_result rc = store_begin(st, err);
	if (rc)
		return rc;
	rc = store_delete(st, org, entity_get(E_LOGIN), login, err);
	if (rc == SC_NOT_FOUND) {
		store_rollback(st);
		return SC_OK;
	}
	if (rc || (rc = account_access_ended(st, org, err)) || (rc = store_commit(st, err)))
		store_rollback(st);
	return rc;
}

/* The acting person's account, or SC_NOT_FOUND. */
static enum sc_result my_account(struct domain *d, struct record **acc, struct sc_error *err)
{
	enum sc_result rc = find_account(d->store, d->org, d->actor.person_id, acc, err);
	if (rc == SC_OK && !*acc)
		return sc_fail_msg(err, SC_NOT_FOUND, NULL, d->lang, "err.account.none", NULL);
	return rc;
}

enum sc_result account_token_create(struct domain *d, const char *name,
                                    char secret[ACCOUNT_TOKEN_LEN], struct record **out,
                                    struct sc_error *err)
{
	char raw[ACCOUNT_SECRET_LEN], hash[ACCOUNT_SECRET_LEN];
	struct record *acc = NULL, *tok = NULL;
	enum sc_result rc;
	size_t n = strlen(name);

	*out = NULL;
	if (n == 0 || n > 100)
		return sc_fail_msg(err, SC_INVALID, "name", d->lang, "err.token.name", NULL);
	if (text_check(name, n, false, NULL) != TEXT_FINE)
		return sc_fail_msg(err, SC_INVALID, "name", d->lang, "err.token.name_text", NULL);
	if ((rc = my_account(d, &acc, err)))
		return rc;
	if (!(tok = record_new(entity_get(E_TOKEN)))) {
		rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
		goto out;
	}
	random_secret(raw);
	secret_hash(raw, hash);
	record_put_int(tok, "account", acc->id);
	if ((rc = record_put_text(tok, "name", name)) ||
	    (rc = record_put_text(tok, "token_hash", hash)) ||
	    (rc = store_insert(d->store, d->org, tok, err)) ||
	    (rc = account_security_event(d->store, d->org, d->actor.person_id, "token_created",
	                                 d->actor.name, name, err)))
		goto out;
	snprintf(secret, ACCOUNT_TOKEN_LEN, "%s%" PRId64 ".%s", ACCOUNT_TOKEN_PREFIX, d->org, raw);
	record_clear(tok, entity_field(tok->def, "token_hash"));
	*out = tok;
	tok = NULL;
out:
	sodium_memzero(raw, sizeof(raw));
	record_free(&acc);
	record_free(&tok);
	return rc;
}

enum sc_result account_token_list(struct domain *d, struct record_list *out, struct sc_error *err)
{
	const struct entity_def *def = entity_get(E_TOKEN);
	struct record *acc = NULL;
	enum sc_result rc = my_account(d, &acc, err);
	if (rc)
		return rc;
	struct filter f = { entity_field(def, "account"), FO_EQ, acc->id, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 0, 0 };
	size_t first = out->n;
	record_free(&acc);
	rc = store_list(d->store, d->org, def, &lo, out, err);
	for (size_t i = first; rc == SC_OK && i < out->n; i++)
		record_clear(out->items[i], entity_field(def, "token_hash"));
	return rc;
}

/* account_token_revoke in its transaction. */
static enum sc_result revoke_token(struct domain *d, int64_t id, struct sc_error *err)
{
	struct record *acc = NULL, *tok = NULL;
	enum sc_result rc = my_account(d, &acc, err);
	if (rc)
		return rc;
	rc = store_get(d->store, d->org, entity_get(E_TOKEN), id, &tok, err);
	if (rc == SC_OK && record_int(tok, "account") != acc->id)
		rc = SC_NOT_FOUND;
	if (rc == SC_NOT_FOUND)
		rc = sc_fail_msg(err, SC_NOT_FOUND, "id", d->lang, "err.token.missing", "id",
		                 SC_I64(id), NULL);
	if (rc == SC_OK && (rc = store_delete(d->store, d->org, tok->def, id, err)) == SC_OK)
		rc = account_access_ended(d->store, d->org, err);
	record_free(&acc);
	record_free(&tok);
	return rc;
}

enum sc_result account_token_revoke(struct domain *d, int64_t id, struct sc_error *err)
{
	enum sc_result rc = change_begin(d, err);
	if (rc == SC_OK)
		rc = change_end(d, revoke_token(d, id, err), err);
	return rc;
}

enum sc_result account_read_after_reset(struct domain *d, const struct record *read, bool *after,
                                        struct sc_error *err)
{
	static const char *const kinds[] = { "password_reset", "password_set", "account_created" };
	const struct entity_def *def = entity_get(E_SECURITY);
	char from[TU_INSTANT_LEN];
	/* Reads folded into one entry run from at to last_at: a reset anywhere in them counts. */
	const char *at = record_text(read, "at");
	const char *last = record_is_set(read, "last_at") ? record_text(read, "last_at") : at;
	struct record_list events = { 0 };
	enum sc_result rc;

	*after = false;
	if (!at || !tu_instant_add(at, -3600, from))
		return SC_OK;
	/* One query per entry: the reader's events in the window (few), their kinds checked here.
	 */
	struct filter f[] = {
		{ entity_field(def, "person"), FO_EQ, record_int(read, "reader"), 0, NULL },
		{ entity_field(def, "at"), FO_GE, 0, 0, from },
		{ entity_field(def, "at"), FO_LE, 0, 0, last },
	};
	struct list_opts lo = { f, 3, FILTER_ID, false, 0, 0 };
	rc = store_list(d->store, d->org, def, &lo, &events, err);
	for (size_t i = 0; rc == SC_OK && i < events.n && !*after; i++)
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			*after |= !strcmp(record_text(events.items[i], "kind"), kinds[k]);
	record_list_release(&events);
	return rc;
}
