/*
 * api_fixture.c - the shared fixture of the in-memory tests of the HTTP API
 * (see api_fixture.h).
 */
#include "api_fixture.h"

#include "store_target.h"

const char *const emails[NWHO] = {
	[ADMIN] = "admin@salescoach.example",
	[EXEC] = "annelies.devries@vandijk.example",
	[MGR_COACH] = "jeroen.bakker@vandijk.example",
	[REP] = "lotte.mulder@vandijk.example",
	[SENIOR] = "erik.vanleeuwen@vandijk.example",
	[COACHEE] = "jesse.vanwijk@vandijk.example",
	[MGR] = "mark.jansen@vandijk.example",
	[OTHER] = "linda.smit@vandijk.example",
	[FOREIGN] = "olga@elders.example",
};

/* ---- requests in memory ------------------------------------------------------------------- */

const char *fake_header(const struct http_request *req, const char *name)
{
	const struct fake *f = req->impl;
	for (size_t i = 0; i < f->n; i++)
		if (strcasecmp(f->names[i], name) == 0)
			return f->values[i];
	return NULL;
}

void answer_release(struct answer *a)
{
	json_decref(a->body);
	free(a->file);
	memset(a, 0, sizeof(*a));
}

/* Fails the test unless a refusal's body is {"error":{"code","message","field"}}. */
static void check_error_body(const char *method, const char *target,
                             const struct http_response *resp)
{
	json_t *e = json_loadb(resp->body, resp->body_len, 0, NULL);
	json_t *err = json_object_get(e, "error");
	if (!json_is_string(json_object_get(err, "code")) ||
	    !json_is_string(json_object_get(err, "message")) || !json_object_get(err, "field"))
		fail_msg("%s %s: error body is not {error:{code,message,field}}: %.200s", method,
		         target, resp->body ? resp->body : "");
	json_decref(e);
}

int send_as(struct fixture *fx, enum who who, const char *method, const char *target,
            const char *type, const char *body, struct answer *a)
{
	struct fake f = { 0 };
	struct http_response resp;
	char *path = strdup(target), *q;

	assert_non_null(path);
	q = strchr(path, '?');
	if (q)
		*q++ = '\0';
	f.req.method = method;
	f.req.path = path;
	f.req.query = q ? q : "";
	f.req.body = body ? body : "";
	f.req.body_len = body ? strlen(body) : 0;
	f.req.remote = fx->remote ? fx->remote : "192.0.2.1";
	f.req.header = fake_header;
	f.req.impl = &f;
	if (type) {
		f.names[f.n] = "Content-Type";
		f.values[f.n++] = type;
	}
	if (who != ANON && fx->cookie[who][0]) {
		f.names[f.n] = "Cookie";
		f.values[f.n++] = fx->cookie[who];
		f.names[f.n] = "X-CSRF-Token";
		f.values[f.n++] = fx->csrf[who];
	}
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	memset(a, 0, sizeof(*a));
	a->status = resp.status;
	/* A file for a spreadsheet (CSV, XLSX) is kept as its bytes; every other body is JSON. */
	bool file = resp.content_type && (!strncmp(resp.content_type, "text/csv", 8) ||
	                                  strstr(resp.content_type, "spreadsheetml"));
	if (file && resp.body) {
		a->file = malloc(resp.body_len + 1);
		assert_non_null(a->file);
		memcpy(a->file, resp.body, resp.body_len);
		a->file[resp.body_len] = '\0';
		a->file_len = resp.body_len;
	}
	a->body = resp.body && !file ? json_loadb(resp.body, resp.body_len, 0, NULL) : NULL;
	if (resp.body && !file && !a->body)
		fail_msg("%s %s answered a body that is not JSON: %.200s", method, target,
		         resp.body);
	for (size_t i = 0; i < resp.nheaders; i++) {
		if (strcasecmp(resp.header_names[i], "Allow") == 0)
			snprintf(a->allow, sizeof(a->allow), "%s", resp.header_values[i]);
		a->location |= strcasecmp(resp.header_names[i], "Location") == 0;
		a->set_cookie |= strcasecmp(resp.header_names[i], "Set-Cookie") == 0;
		if (strcasecmp(resp.header_names[i], "Content-Disposition") == 0)
			snprintf(a->disposition, sizeof(a->disposition), "%s",
			         resp.header_values[i]);
	}
	if (a->status >= 400)
		check_error_body(method, target, &resp);
	http_response_release(&resp);
	free(path);
	return a->status;
}

/* Make a request as who; body may be NULL. Returns the status; *out the JSON body (owned). */
int call(struct fixture *fx, enum who who, const char *method, const char *target, const char *body,
         json_t **out)
{
	struct answer a;
	int status = send_as(fx, who, method, target, body ? "application/json" : NULL, body, &a);

	if (out) {
		*out = a.body;
		a.body = NULL;
	}
	answer_release(&a);
	return status;
}

/* The first Set-Cookie of a login, and the CSRF token, for who. */
void login(struct fixture *fx, enum who who)
{
	struct fake f = { 0 };
	struct http_response resp;
	char body[256];

	snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", emails[who],
	         PASSWORD);
	f.req.method = "POST";
	f.req.path = "/api/login";
	f.req.query = "";
	f.req.body = body;
	f.req.body_len = strlen(body);
	f.req.remote = "192.0.2.1";
	f.req.header = fake_header;
	f.req.impl = &f;
	f.names[f.n] = "Content-Type";
	f.values[f.n++] = "application/json";
	http_response_init(&resp);
	api_handle(&fx->api, &f.req, &resp);
	if (resp.status != 200)
		fail_msg("login of %s: %d %.300s", emails[who], resp.status, resp.body);
	for (size_t i = 0; i < resp.nheaders; i++) {
		if (strcasecmp(resp.header_names[i], "Set-Cookie") != 0)
			continue;
		const char *v = resp.header_values[i];
		assert_non_null(strstr(v, "HttpOnly"));
		assert_non_null(strstr(v, "SameSite=Strict"));
		assert_null(strstr(v, "Secure")); /* not over TLS here */
		snprintf(fx->cookie[who], sizeof(fx->cookie[who]), "%.*s", (int)strcspn(v, ";"), v);
	}
	json_t *j = json_loadb(resp.body, resp.body_len, 0, NULL);
	snprintf(fx->csrf[who], sizeof(fx->csrf[who]), "%s",
	         json_string_value(json_object_get(j, "csrf_token")));
	json_decref(j);
	http_response_release(&resp);
	assert_true(fx->cookie[who][0] && fx->csrf[who][0]);
}

int64_t person_id(struct fixture *fx, int64_t org, const char *email)
{
	const struct entity_def *def = entity_get(E_PERSON);
	struct filter f = { entity_field(def, "email"), FO_EQ, 0, 0, email };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t id = l.items[0]->id;
	record_list_release(&l);
	return id;
}

/* The person id of who, in the demo organisation (org 1). */
int64_t person_of(struct fixture *fx, enum who who)
{
	return person_id(fx, 1, emails[who]);
}

/* The first record of kind whose field equals id. */
int64_t first_of(struct fixture *fx, int64_t org, enum entity_kind kind, const char *field,
                 int64_t id)
{
	const struct entity_def *def = entity_get(kind);
	struct filter f = { entity_field(def, field), FO_EQ, id, 0, NULL };
	struct list_opts lo = { &f, 1, FILTER_ID, false, 1, 0 };
	struct record_list l = { 0 };
	assert_int_equal(store_list(fx->st, org, def, &lo, &l, NULL), SC_OK);
	assert_int_equal(l.n, 1);
	int64_t r = l.items[0]->id;
	record_list_release(&l);
	return r;
}

int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct sc_error err;
	struct domain d;
	int64_t org, other, id;

	assert_int_equal(test_store_open(&fx->st, &err), SC_OK);
	assert_int_equal(demo_load(fx->st, NULL, MSG_EN, &org, &err), SC_OK);
	assert_int_equal(api_init(&fx->api, &fx->st, 1, &err), SC_OK);
	/* Jesse and Mark get accounts; so does Olga of another organisation. */
	assert_int_equal(domain_init(&d, fx->st, org, &err), SC_OK);
	assert_int_equal(
	        account_set(&d, person_id(fx, org, emails[COACHEE]), "member", PASSWORD, &id, &err),
	        SC_OK);
	assert_int_equal(
	        account_set(&d, person_id(fx, org, emails[MGR]), "member", PASSWORD, &id, &err),
	        SC_OK);
	assert_int_equal(
	        org_create(fx->st, "Elders BV", "elders", "en", "Europe/Amsterdam", &other, &err),
	        SC_OK);
	assert_int_equal(domain_init(&d, fx->st, other, &err), SC_OK);
	struct record *p = record_new(entity_get(E_PERSON));
	record_put_text(p, "name", "Olga Elders");
	record_put_text(p, "email", emails[FOREIGN]);
	assert_int_equal(domain_add(&d, p, &err), SC_OK);
	assert_int_equal(account_set(&d, p->id, "admin", PASSWORD, &id, &err), SC_OK);
	record_free(&p);

	for (int w = ADMIN; w < NWHO; w++)
		login(fx, (enum who)w);
	int64_t jesse = person_id(fx, org, emails[COACHEE]);
	fx->jesse_assignment = first_of(fx, org, E_ASSIGNMENT, "coachee", jesse);
	fx->jesse_session = first_of(fx, org, E_SESSION, "assignment", fx->jesse_assignment);
	fx->jesse_plan = first_of(fx, org, E_PLAN, "assignment", fx->jesse_assignment);
	fx->lotte_assignment =
	        first_of(fx, org, E_ASSIGNMENT, "coachee", person_id(fx, org, emails[REP]));
	fx->lotte_session = first_of(fx, org, E_SESSION, "assignment", fx->lotte_assignment);
	*state = fx;
	return 0;
}

int teardown(void **state)
{
	struct fixture *fx = *state;
	api_release(&fx->api);
	store_close(&fx->st);
	free(fx);
	return 0;
}

/* The "field" of the error answered last into j; "" when there is none. */
const char *error_field(json_t *j)
{
	const char *f = json_string_value(json_object_get(json_object_get(j, "error"), "field"));
	return f ? f : "";
}

const char *error_text(json_t *j)
{
	const char *m = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
	return m ? m : "";
}

void expect_status_as(enum who who, const char *method, const char *path, int got, int want)
{
	if (got != want)
		fail_msg("%s %s as %s: %d, expected %d", method, path,
		         who == ANON ? "anonymous" : emails[who], got, want);
}

const char *private_value_in(struct fixture *fx, const char *text)
{
	static char found[256];
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		struct list_opts all = { NULL, 0, FILTER_ID, false, 0, 0 };
		struct record_list l = { 0 };
		if (def->eflags & EF_INTERNAL)
			continue;
		assert_int_equal(store_list(fx->st, 1, def, &all, &l, NULL), SC_OK);
		for (size_t r = 0; r < l.n; r++)
			for (size_t f = 0; f < def->nfields; f++) {
				const char *v = record_text(l.items[r], def->fields[f].name);
				if ((def->fields[f].flags & FF_PRIVATE) && v && strlen(v) >= 12 &&
				    strstr(text, v)) {
					snprintf(found, sizeof(found), "%s.%s: %s", def->name,
					         def->fields[f].name, v);
					record_list_release(&l);
					return found;
				}
			}
		record_list_release(&l);
	}
	return NULL;
}

int64_t org1_rows(struct fixture *fx, enum entity_kind k)
{
	struct sc_error err;
	int64_t n = 0;
	assert_int_equal(store_count(fx->st, 1, entity_get(k), NULL, 0, &n, &err), SC_OK);
	return n;
}

json_int_t json_num(json_t *j, const char *key)
{
	return json_integer_value(json_object_get(j, key));
}
