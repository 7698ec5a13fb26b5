/*
 * account.h - accounts of people, login sessions and API tokens.
 *
 * An account belongs to a person of an organisation. Passwords are hashed
 * with Argon2id (libsodium's crypto_pwhash_str, interactive limits);
 * session cookies, CSRF tokens and API tokens are 256-bit random values of
 * which only a BLAKE2b digest is stored. Nothing here knows HTTP: the API
 * layer turns these results into cookies and status codes.
 */
#ifndef SALESCOACH_ACCOUNT_H
#define SALESCOACH_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "domain/domain.h"
#include "base/result.h"
#include "store/store.h"
#include "base/timeutil.h"

#define ACCOUNT_SECRET_LEN      65 /* 64 hex digits and the NUL */
#define ACCOUNT_PASSWORD_MIN    10
#define ACCOUNT_PASSWORD_MAX    1024
#define ACCOUNT_SESSION_SECONDS (8 * 3600)
#define ACCOUNT_TOKEN_PREFIX    "sct_"
/*
 * A session cookie or API token: its organisation's id, a dot and the
 * secret ("12.<64 hex digits>"; a token with ACCOUNT_TOKEN_PREFIX before
 * it), so that finding its holder asks that organisation only, however
 * many the database holds. Those issued before carry the secret alone,
 * and are looked for in every organisation.
 */
#define ACCOUNT_CREDENTIAL_LEN (20 + 1 + ACCOUNT_SECRET_LEN)
#define ACCOUNT_TOKEN_LEN      (sizeof(ACCOUNT_TOKEN_PREFIX) - 1 + ACCOUNT_CREDENTIAL_LEN)

#define ACCOUNT_SETUP_SECONDS (24 * 3600) /* a setup link works for a day, once */

/*
 * The organisation's access epoch: an internal setting (never listed or
 * set as the others are) holding a random value that every change ending
 * someone's access writes anew, in the change's own transaction: a logout,
 * a revoked token, a new password or role (account_set, a reset, a setup
 * link used, a changed password), a person made inactive or removed, an
 * account erased. A server that remembers its callers for a moment keeps
 * the value it read with them and trusts that memory only while the value
 * is the same, so that a change made by another process on the same
 * database (another server, the command line) counts at the next request.
 */
#define ACCOUNT_EPOCH_SETTING "auth_epoch"
#define ACCOUNT_EPOCH_LEN     33 /* 32 hex digits and the NUL */

/* Write a new access epoch for org (see above): call in the transaction of the change. */
enum sc_result account_access_ended(struct store *st, int64_t org, struct sc_error *err);

/*
 * The access epoch of org into out; "" when no access has ended there yet.
 * With version, also the organisation's data version of the same read
 * (store_setting_versioned; "" when the store keeps none).
 */
enum sc_result account_access_epoch(struct store *st, int64_t org, char out[ACCOUNT_EPOCH_LEN],
                                    char *version, struct sc_error *err);

/* Start libsodium; call once before any other function here. */
enum sc_result account_global_init(struct sc_error *err);

/*
 * Create the account of person (role "admin", "executive" or "member")
 * with password, or set the role and password of the existing one, as the
 * actor of d (domain rules: administrators only). Audited without the
 * hash. A new password for an existing account ends all its login sessions
 * and API tokens. *id is the account's id.
 */
enum sc_result account_set(struct domain *d, int64_t person, const char *role, const char *password,
                           int64_t *id, struct sc_error *err);

/*
 * The acting person changes their own password: current must match.
 * SC_FORBIDDEN when it does not; SC_INVALID when the new one is too short.
 * Every login session of the account ends except keep_login (0: none), and
 * every API token.
 */
enum sc_result account_change_password(struct domain *d, const char *current, const char *password,
                                       int64_t keep_login, struct sc_error *err);

/*
 * Record what was done to person's account (kind: "setup_issued",
 * "password_reset", "password_set", "password_changed", "token_created"),
 * by actor, for that person to see (GET /api/me/security-log). detail may
 * be NULL.
 */
enum sc_result account_security_event(struct store *st, int64_t org, int64_t person,
                                      const char *kind, const char *actor, const char *detail,
                                      struct sc_error *err);

/*
 * As the administrator acting in d, give person an account with role, or
 * reset theirs, without choosing a password: the account gets one that
 * nobody knows, and the person chooses their own with the one-time secret
 * written to secret (valid ACCOUNT_SETUP_SECONDS, once; only its digest is
 * stored; any earlier unused link of the account stops working). A reset
 * ends every login session and API token of the account. The person's
 * security log records it, naming the administrator. *reset says whether
 * the account existed; expires gets the link's end (UTC).
 */
enum sc_result account_issue_setup(struct domain *d, int64_t person, const char *role,
                                   char secret[ACCOUNT_SECRET_LEN], char expires[TU_INSTANT_LEN],
                                   int64_t *account, bool *reset, struct sc_error *err);

/*
 * The person holding setup secret chooses password. SC_FORBIDDEN, with one
 * message, for a secret that is unknown, used or expired; SC_INVALID for a
 * password too short. The link is used up; the event is in the person's
 * security log.
 */
enum sc_result account_use_setup(struct store *st, const char *secret, const char *password,
                                 struct sc_error *err);

/*
 * Make the dummy hash that logins without an account to check are checked
 * against, so that even the first login of a server costs one check, no
 * more. account_login makes it itself when this was not called.
 */
enum sc_result account_login_prepare(struct sc_error *err);

/* Who is signed in: filled by account_login and account_authenticate. */
struct account_auth {
	int64_t org;
	int64_t account;
	int64_t person;
	int64_t login;                       /* login session id; 0 for an API token */
	int64_t token;                       /* API token id; 0 for a session */
	char csrf[ACCOUNT_SECRET_LEN];       /* the session's CSRF token; "" for a token */
	char secret[ACCOUNT_CREDENTIAL_LEN]; /* account_login only: the cookie value */
	time_t expires;                      /* session end; 0 for a token */
};

/*
 * Check email and password and start a login session from remote. The
 * password is checked against the account of the first organisation in
 * which email is an active person with an account (org_slug, when not NULL
 * or "", limits the search to that organisation): a person with accounts in
 * several organisations names the one to log in to. SC_FORBIDDEN with one
 * message for an unknown address, no account, an inactive person and a
 * wrong password, so that nobody learns which addresses exist; and each of
 * them, like a right password, costs exactly one Argon2id check (against a
 * dummy hash when there is no account to check), so that the time does not
 * tell them apart either. The first login of a process also makes the
 * dummy hash. On success out->secret is the cookie value.
 */
enum sc_result account_login(struct store *st, const char *email, const char *password,
                             const char *org_slug, const char *remote, struct account_auth *out,
                             struct sc_error *err);

/*
 * The number of Argon2id computations account_login has made in this
 * process, the dummy hash included: for tests and benchmarks, which check
 * that every login costs one.
 */
unsigned long account_login_hashes(void);

/*
 * Who holds secret: a session cookie (kind 'c') or an API token (kind
 * 't', with ACCOUNT_TOKEN_PREFIX). SC_FORBIDDEN when unknown or expired.
 */
enum sc_result account_authenticate(struct store *st, char kind, const char *secret,
                                    struct account_auth *out, struct sc_error *err);

/* End login session id of org. */
enum sc_result account_logout(struct store *st, int64_t org, int64_t login, struct sc_error *err);

/*
 * Create an API token called name for the acting person's account; the
 * token (shown once) is written to secret. *out is the stored record
 * (owned), without its hash.
 */
enum sc_result account_token_create(struct domain *d, const char *name,
                                    char secret[ACCOUNT_TOKEN_LEN], struct record **out,
                                    struct sc_error *err);

/*
 * Whether read, an entry of the access log, fell in the hour after the
 * reader's password was set or reset or their account made (*after): then
 * whoever read may not be the reader the coachee trusts, and the coachee's
 * log says so (after_reset), at every door.
 */
enum sc_result account_read_after_reset(struct domain *d, const struct record *read, bool *after,
                                        struct sc_error *err);

/* The acting person's API tokens, without hashes, appended to out. */
enum sc_result account_token_list(struct domain *d, struct record_list *out, struct sc_error *err);

/* Revoke the acting person's token id; SC_NOT_FOUND when it is not theirs. */
enum sc_result account_token_revoke(struct domain *d, int64_t id, struct sc_error *err);

#endif
