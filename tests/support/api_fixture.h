/*
 * api_fixture.h - what the in-memory tests of the HTTP API (tests/api/)
 * share: the demo organisation with an account per role, the API on it,
 * and requests built by hand and answered by api_handle without sockets.
 */
#ifndef SALESCOACH_API_FIXTURE_H
#define SALESCOACH_API_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <math.h>

#include "domain/account.h"
#include "api/api.h"
#include "api/api_int.h"
#include "seed/demo.h"
#include "domain/domain.h"
#include "domain/domain_int.h"
#include "domain/org.h"
#include "store/store.h"
#include "base/timeutil.h"

/* The people of the matrix: demo logins, plus accounts the fixture adds. */
enum who {
	ANON,      /* no credentials */
	ADMIN,     /* admin@salescoach.example */
	EXEC,      /* Annelies, executive account */
	MGR_COACH, /* Jeroen: manager who coaches his own team (Lotte) */
	REP,       /* Lotte: coached by Jeroen */
	SENIOR,    /* Erik: senior coach of Jesse */
	COACHEE,   /* Jesse: coached by Erik */
	MGR,       /* Mark: Jesse's manager, not his coach */
	OTHER,     /* Linda: another coach (internal) */
	FOREIGN,   /* a user of another organisation */
	NWHO
};

/* The login of each role (NULL for ANON). */
extern const char *const emails[NWHO];

#define PASSWORD "demo-password"

struct fixture {
	struct store *st;
	struct api api;
	char cookie[NWHO][160]; /* "sc_session=..." */
	char csrf[NWHO][80];
	int64_t jesse_session, jesse_plan, jesse_assignment, lotte_session;
	int64_t lotte_assignment; /* Jeroen's coaching of Lotte; lotte_session is one of it */
	const char *remote;       /* the client address of call() */
};

/* A request and its headers; req.impl points back at it, as the server's does at its own. */
struct fake {
	struct http_request req;
	const char *names[4], *values[4];
	size_t n;
};

/* The status of a login as Jeroen with password. */
#define jeroen_login(password)                                                                     \
	call(fx, ANON, "POST", "/api/login",                                                       \
	     "{\"email\":\"jeroen.bakker@vandijk.example\",\"password\":\"" password "\"}", NULL)

/* What came back from send_as: the status, the JSON body (owned), some headers. */
struct answer {
	int status;
	json_t *body;
	char allow[64];        /* the Allow header, "" when none */
	bool location;         /* a Location header was set */
	bool set_cookie;       /* a Set-Cookie header was set */
	char disposition[160]; /* the Content-Disposition header, "" when none */
	char *file;            /* a CSV or XLSX body (owned, NUL after it), else NULL */
	size_t file_len;
};

/* Free a's body (and file) and clear it. */
void answer_release(struct answer *a);

const char *fake_header(const struct http_request *req, const char *name);
/*
 * Send method target ("/api/x?query", any length) as who (with their cookie
 * and CSRF token once logged in), with Content-Type type (NULL: none) and
 * body (NULL: none), from fx->remote. Every refusal must be
 * {"error":{"code","message","field"}}. Fills *a (release it); returns the status.
 */
int send_as(struct fixture *fx, enum who who, const char *method, const char *target,
            const char *type, const char *body, struct answer *a);
/* send_as with Content-Type: application/json when there is a body; *out the body (owned). */
int call(struct fixture *fx, enum who who, const char *method, const char *target, const char *body,
         json_t **out);
void login(struct fixture *fx, enum who who);
int64_t person_id(struct fixture *fx, int64_t org, const char *email);
int64_t person_of(struct fixture *fx, enum who who);
int64_t first_of(struct fixture *fx, int64_t org, enum entity_kind kind, const char *field,
                 int64_t id);
int setup(void **state);
int teardown(void **state);
const char *error_field(json_t *j);
/* The message of an error answer, "" when there is none. */
const char *error_text(json_t *j);
/* The rows of kind k in the demo organisation (id 1), read from the store. */
int64_t org1_rows(struct fixture *fx, enum entity_kind k);
/* The whole number member key of j (0 when there is none). */
json_int_t json_num(json_t *j, const char *key);

/*
 * For the loops over every role: fail the test, saying the request and who
 * sent it, when the status got is not want.
 */
void expect_status_as(enum who who, const char *method, const char *path, int got, int want);

/*
 * The first private value of the demo (a field marked private, of any
 * record, of 12 characters or more) that text holds, as "kind.field:
 * value"; NULL when it holds none.
 */
const char *private_value_in(struct fixture *fx, const char *text);

#endif
