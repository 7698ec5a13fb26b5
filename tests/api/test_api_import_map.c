/*
 * test_api_import_map.c - POST /api/imports with a mapping, in memory on the
 * demo organisation: the shipped Salesforce and HubSpot mappings by name
 * (map=salesforce|hubspot) and one's own mapping sent in a form
 * (multipart/form-data, parts file and map), which import the CRM exports of
 * tests/data/import/ as `salescoach import --map` does (tests/cli/
 * test_import_cli.c asserts the same records); and every refusal of a
 * mapping or a form, in Dutch or English, with nothing stored.
 */
#include "api_fixture.h"

#define DATA SOURCE_DIR "/tests/data/import/"
#define MAPS SOURCE_DIR "/share/mappings/"

#define CSV   "text/csv; charset=utf-8"
#define BOUND "----scBoundary7MA4YWxkTrZu0gW"
#define FORM  "multipart/form-data; boundary=" BOUND

/* The whole of the file at path (owned). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 16);
	assert_non_null(f);
	assert_non_null(buf);
	size_t n = fread(buf, 1, (1 << 16) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * A form of parts: name, file name ("" for a plain field) and content, as a
 * browser sends it (owned). NULL name ends the list.
 */
static char *form(const char *name, const char *filename, const char *content, ...)
{
	size_t cap = 1 << 17, n = 0;
	char *out = malloc(cap);
	va_list ap;

	assert_non_null(out);
	va_start(ap, content);
	while (name) {
		if (filename[0])
			n += (size_t)snprintf(out + n, cap - n,
			                      "--" BOUND "\r\nContent-Disposition: form-data; "
			                      "name=\"%s\"; filename=\"%s\"\r\nContent-Type: "
			                      "text/csv\r\n\r\n%s\r\n",
			                      name, filename, content);
		else
			n += (size_t)snprintf(out + n, cap - n,
			                      "--" BOUND "\r\nContent-Disposition: form-data; "
			                      "name=\"%s\"\r\n\r\n%s\r\n",
			                      name, content);
		name = va_arg(ap, const char *);
		if (name) {
			filename = va_arg(ap, const char *);
			content = va_arg(ap, const char *);
		}
	}
	va_end(ap);
	snprintf(out + n, cap - n, "--" BOUND "--\r\n");
	return out;
}

/* The one record of path's list (GET as the administrator), a new reference. */
static json_t *one(struct fixture *fx, const char *path)
{
	json_t *out = NULL;
	assert_int_equal(call(fx, ADMIN, "GET", path, NULL, &out), 200);
	json_t *items = json_object_get(out, "items");
	if (json_array_size(items) != 1)
		fail_msg("%zu records at %s", json_array_size(items), path);
	json_t *rec = json_incref(json_array_get(items, 0));
	json_decref(out);
	return rec;
}

static json_t *result_of(struct fixture *fx, const char *email, const char *month)
{
	char path[200];
	int64_t id = person_id(fx, 1, email);
	snprintf(path, sizeof(path), "/api/results?rep=%lld&month=%s", (long long)id, month);
	return one(fx, path);
}

/* An import answered with status, its counts "added,updated,unchanged,bad". */
static void imports(struct fixture *fx, const char *target, const char *type, const char *body,
                    int status, const char *counts)
{
	struct answer a;
	char got[64];

	assert_int_equal(send_as(fx, ADMIN, "POST", target, type, body, &a), status);
	snprintf(got, sizeof(got), "%lld,%lld,%lld,%lld", (long long)json_num(a.body, "added"),
	         (long long)json_num(a.body, "updated"), (long long)json_num(a.body, "unchanged"),
	         (long long)json_num(a.body, "bad"));
	if (strcmp(got, counts) != 0)
		fail_msg("%s: counts %s, expected %s", target, got, counts);
	answer_release(&a);
}

static void test_salesforce_by_name(void **state)
{
	struct fixture *fx = *state;
	char *users = slurp(DATA "salesforce_users.csv"),
	     *res = slurp(DATA "salesforce_results.csv");

	imports(fx, "/api/imports?kind=people&map=salesforce", CSV, users, 200, "2,0,0,0");
	json_t *tim = one(fx, "/api/people?email=tim.smit@vandijk.example");
	assert_string_equal(json_string_value(json_object_get(tim, "title")),
	                    "Account Executive, Key Accounts");
	assert_int_equal(json_num(tim, "superior"),
	                 person_id(fx, 1, "jeroen.bakker@vandijk.example"));
	json_decref(tim);

	imports(fx, "/api/imports?kind=results&map=salesforce", CSV, res, 200, "3,0,0,0");
	json_t *r = result_of(fx, "eva.visser@vandijk.example", "2026-10"); /* "October 2026" */
	assert_int_equal(json_num(r, "quota"), 12500);                      /* "EUR 12,500.00" */
	assert_int_equal(json_num(r, "revenue"), 13251);                    /* "EUR 13,250.50" */
	assert_int_equal(json_num(r, "deals_won"), 4);
	assert_int_equal(json_num(r, "deals_lost"), 2);
	json_decref(r);
	r = result_of(fx, "tim.smit@vandijk.example", "2026-11");
	assert_int_equal(json_num(r, "revenue"), 16420);
	json_decref(r);
	/* The same report again, now in a form: nothing twice. */
	char *body = form("file", "opportunities.csv", res, NULL);
	imports(fx, "/api/imports?kind=results&map=salesforce", FORM, body, 200, "0,0,3,0");
	free(body);
	free(users);
	free(res);
}

static void test_hubspot_by_name_and_as_ones_own(void **state)
{
	struct fixture *fx = *state;
	char *owners = slurp(DATA "hubspot_owners.csv"), *res = slurp(DATA "hubspot_results.csv");
	char *map = slurp(MAPS "hubspot-results.csv");

	imports(fx, "/api/imports?kind=people&map=hubspot", CSV, owners, 200, "2,0,0,0");
	json_t *eva = one(fx, "/api/people?email=eva.visser@vandijk.example");
	assert_string_equal(json_string_value(json_object_get(eva, "name")), "Eva Visser");
	json_decref(eva);

	/* The shipped mapping sent as one's own, in a form with the file: the same import. */
	char *body = form("map", "hubspot-results.csv", map, "file", "deals.csv", res, NULL);
	imports(fx, "/api/imports?kind=results", FORM, body, 200, "2,0,0,0");
	free(body);
	json_t *r = result_of(fx, "tim.smit@vandijk.example", "2026-10");
	assert_int_equal(json_num(r, "quota"), 15000);
	assert_int_equal(json_num(r, "revenue"), 14980); /* "14,980.00" in a comma-separated file */
	assert_int_equal(json_num(r, "deals_lost"), 4);
	json_decref(r);
	imports(fx, "/api/imports?kind=results&map=hubspot", CSV, res, 200, "0,0,2,0");
	free(owners);
	free(res);
	free(map);
}

/* A refusal: status, field and a piece of the message; nothing stored. */
static void refused(struct fixture *fx, const char *target, const char *type, const char *body,
                    int status, const char *field, const char *says)
{
	struct answer a;
	int64_t people = org1_rows(fx, E_PERSON), results = org1_rows(fx, E_RESULT);

	int got = send_as(fx, ADMIN, "POST", target, type, body, &a);
	if (got != status || strcmp(error_field(a.body), field) != 0 ||
	    !strstr(error_text(a.body), says))
		fail_msg("%s: %d %s \"%s\", expected %d %s \"%s\"", target, got,
		         error_field(a.body), error_text(a.body), status, field, says);
	answer_release(&a);
	assert_int_equal(org1_rows(fx, E_PERSON), people);
	assert_int_equal(org1_rows(fx, E_RESULT), results);
}

#define RESULTS "rep,month,quota,revenue\nlotte.mulder@vandijk.example,2026-08,12500,13000\n"

static void test_mappings_refused(void **state)
{
	struct fixture *fx = *state;
	char *res = slurp(DATA "hubspot_results.csv");

	/* A name we do not ship, or a CRM without a mapping for the kind. */
	refused(fx, "/api/imports?kind=results&map=pipedrive", CSV, res, 422, "map",
	        "er is geen koppeling met de naam 'pipedrive': gebruik map=salesforce of "
	        "map=hubspot");
	refused(fx, "/api/imports?kind=results&map=pipedrive&lang=en", CSV, res, 422, "map",
	        "there is no mapping called 'pipedrive'");
	refused(fx, "/api/imports?kind=teams&map=salesforce", CSV, "name\nVerkoop\n", 422, "map",
	        "Salesforce heeft alleen een koppeling voor mensen en verkoopresultaten");
	/* One's own mapping that is not one: a line of three columns, none, one not ours. */
	char *body = form("file", "deals.csv", res, "map", "map.csv",
	                  "# theirs, ours\nDeal owner email,rep,extra\n", NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 422, "map",
	        "regel 2 van de koppeling heeft geen twee kolommen");
	free(body);
	body = form("file", "deals.csv", res, "map", "map.csv", "", NULL);
	refused(fx, "/api/imports?kind=results&lang=en", FORM, body, 422, "map",
	        "the mapping is empty");
	free(body);
	body = form("file", "deals.csv", res, "map", "map.csv",
	            "Deal owner email,rep\nDeal stage,stage\n", NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 422, "map",
	        "de koppeling noemt stage, maar dat is geen kolom van results");
	free(body);
	/* A name and one's own at once. */
	body = form("file", "deals.csv", res, "map", "map.csv", "Deal owner email,rep\n", NULL);
	refused(fx, "/api/imports?kind=results&map=hubspot", FORM, body, 422, "map",
	        "geef één koppeling");
	free(body);
	free(res);
}

static void test_forms_refused(void **state)
{
	struct fixture *fx = *state;
	char *body;

	/* A form without the file, or with its file empty. */
	body = form("map", "map.csv", "Deal owner email,rep\n", NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 400, "file",
	        "het formulier bevat geen bestand: stuur het CSV-bestand in een deel met de naam "
	        "file");
	free(body);
	body = form("file", "leeg.csv", "", NULL);
	refused(fx, "/api/imports?kind=results&lang=en", FORM, body, 400, "file",
	        "the file is empty");
	free(body);
	/* A part we do not read, a file twice. */
	body = form("file", "r.csv", RESULTS, "skip_bad", "", "true", NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 400, "skip_bad",
	        "het formulier heeft een deel skip_bad, dat hier niet gelezen wordt");
	free(body);
	body = form("file", "r.csv", RESULTS, "file", "r.csv", RESULTS, NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 400, "",
	        "het formulier is niet te lezen");
	free(body);
	/* Not well formed: no closing delimiter, no boundary, a part without a name. */
	refused(fx, "/api/imports?kind=results&lang=en", FORM,
	        "--" BOUND "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" RESULTS, 400,
	        "", "the form could not be read: send it as multipart/form-data");
	refused(fx, "/api/imports?kind=results", "multipart/form-data", RESULTS, 400, "",
	        "het formulier is niet te lezen");
	refused(fx, "/api/imports?kind=results", FORM,
	        "--" BOUND "\r\nContent-Type: text/csv\r\n\r\n" RESULTS "\r\n--" BOUND "--\r\n",
	        400, "", "het formulier is niet te lezen");
	/* Another type of body altogether, and a workbook chosen for the CSV file. */
	refused(fx, "/api/imports?kind=results", "application/x-www-form-urlencoded", "file=x", 415,
	        "", "stuur het bestand als de body met Content-Type: text/csv");
	body = form("file", "resultaten.xlsx", "PK\x03\x04\x14", NULL);
	refused(fx, "/api/imports?kind=results", FORM, body, 422, "file",
	        "het bestand is een Excel-werkmap, geen CSV-bestand: sla het op als CSV UTF-8");
	free(body);
}

static void test_a_form_imports_as_the_body_does(void **state)
{
	struct fixture *fx = *state;
	char *people = slurp(DATA "nl_people.csv"), *nl = slurp(DATA "nl_results.csv");
	char *body = form("file", "resultaten.csv", nl, NULL);

	imports(fx, "/api/imports?kind=people", CSV, people, 200, "2,1,0,0");

	/* A preamble before the first part, quoted boundary, Dutch results with a BOM. */
	size_t n = strlen(body) + 64;
	char *pre = malloc(n);
	assert_non_null(pre);
	snprintf(pre, n, "ignored preamble\r\n%s", body);
	imports(fx, "/api/imports?kind=results&dry_run=true",
	        "multipart/form-data; boundary=\"" BOUND "\"", pre, 200, "3,0,0,0");
	imports(fx, "/api/imports?kind=results", FORM, body, 200, "3,0,0,0");
	imports(fx, "/api/imports?kind=results", CSV, nl, 200, "0,0,3,0");
	json_t *r = result_of(fx, "eva.visser@vandijk.example", "2026-10");
	assert_int_equal(json_num(r, "revenue"), 13251); /* "13.250,50" */
	json_decref(r);
	free(pre);
	free(body);
	free(nl);
	free(people);
}

static void test_only_administrators_import_forms(void **state)
{
	struct fixture *fx = *state;
	struct answer a;
	char *body = form("file", "mensen.csv",
	                  "naam;e-mail\nEva Visser;eva.visser@vandijk.example\n", NULL);
	int64_t before = org1_rows(fx, E_PERSON);

	for (int w = ANON; w < NWHO; w++) {
		int want = w == ANON ? 401 : (w == ADMIN || w == FOREIGN) ? 200 : 403;
		int got = send_as(fx, (enum who)w, "POST", "/api/imports?kind=people&dry_run=true",
		                  FORM, body, &a);
		if (got != want)
			fail_msg("POST /api/imports as %s: %d, expected %d",
			         w == ANON ? "anonymous" : emails[w], got, want);
		answer_release(&a);
	}
	/* A form sent with the session cookie but without its CSRF token (another site's form). */
	char token[sizeof(fx->csrf[ADMIN])];
	snprintf(token, sizeof(token), "%s", fx->csrf[ADMIN]);
	fx->csrf[ADMIN][0] = '\0';
	assert_int_equal(send_as(fx, ADMIN, "POST", "/api/imports?kind=people", FORM, body, &a),
	                 403);
	answer_release(&a);
	snprintf(fx->csrf[ADMIN], sizeof(fx->csrf[ADMIN]), "%s", token);
	assert_int_equal(org1_rows(fx, E_PERSON), before);
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_salesforce_by_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hubspot_by_name_and_as_ones_own, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_mappings_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forms_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_form_imports_as_the_body_does, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_only_administrators_import_forms, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
