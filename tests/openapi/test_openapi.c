/*
 * test_openapi.c - docs/openapi.json against the entity definitions
 * (entity.h): every entity a user can change has its list and item paths
 * with the right methods; its response schema has every field with the JSON
 * type, nullability, range and choices of the definition, private fields
 * never required; its input schema requires exactly the fields that must be
 * given (required, no default) and takes no unknown field; its patch schema
 * has no fixed field; its list takes a filter per listed field that is not
 * private. The logs and the fixed paths of the API are there too.
 *
 * The document is read from the source tree (SOURCE_DIR). It is written by
 * tools/gen_openapi.py: a field added to src/model/entity.c without running it
 * fails here.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "api/api.h"
#include "model/entity.h"

#ifndef SOURCE_DIR
#error "SOURCE_DIR must name the source tree (tests/openapi/meson.build sets it)"
#endif

#define DOC_PATH SOURCE_DIR "/docs/openapi.json"

static json_t *doc;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fail_msg(__VA_ARGS__);                                                     \
	} while (0)

static int load_doc(void **state)
{
	json_error_t err;

	(void)state;
	doc = json_load_file(DOC_PATH, 0, &err);
	if (!doc) {
		print_error("%s:%d: %s\n", DOC_PATH, err.line, err.text);
		return -1;
	}
	return 0;
}

static int free_doc(void **state)
{
	(void)state;
	json_decref(doc);
	doc = NULL;
	return 0;
}

static bool public_kind(const struct entity_def *def)
{
	return !(def->eflags & (EF_INTERNAL | EF_READONLY));
}

/* Follow "$ref": "#/components/..." (names without '/' or '~') until a node without one. */
static json_t *resolve(json_t *node)
{
	for (int depth = 0; depth < 10; depth++) {
		const char *ref = json_string_value(json_object_get(node, "$ref"));
		char buf[256], *save = NULL;
		json_t *at = doc;

		if (!node || !ref)
			return node;
		CHECK(strncmp(ref, "#/", 2) == 0, "$ref %s is not local", ref);
		snprintf(buf, sizeof(buf), "%s", ref + 2);
		for (char *part = strtok_r(buf, "/", &save); part;
		     part = strtok_r(NULL, "/", &save))
			at = json_object_get(at, part);
		CHECK(at != NULL, "$ref %s points at nothing", ref);
		node = at;
	}
	fail_msg("$ref chain too long");
	return NULL;
}

static json_t *path_item(const char *path)
{
	json_t *item = json_object_get(json_object_get(doc, "paths"), path);

	CHECK(json_is_object(item), "path %s is missing", path);
	return item;
}

static json_t *operation(const char *path, const char *method)
{
	json_t *op = json_object_get(path_item(path), method);

	CHECK(json_is_object(op), "%s %s is missing", method, path);
	CHECK(json_string_length(json_object_get(op, "operationId")) > 0, "%s %s: no operationId",
	      method, path);
	CHECK(json_string_length(json_object_get(op, "summary")) > 0, "%s %s: no summary", method,
	      path);
	CHECK(json_array_size(json_object_get(op, "tags")) == 1, "%s %s: not one tag", method,
	      path);
	return op;
}

static json_t *response(json_t *op, const char *status)
{
	json_t *r = resolve(json_object_get(json_object_get(op, "responses"), status));

	CHECK(json_is_object(r), "%s: no %s response",
	      json_string_value(json_object_get(op, "operationId")), status);
	return r;
}

static json_t *json_schema(json_t *with_content, const char *what)
{
	json_t *s = json_object_get(
	        json_object_get(json_object_get(with_content, "content"), "application/json"),
	        "schema");

	CHECK(json_is_object(s), "%s: no application/json schema", what);
	return resolve(s);
}

static json_t *response_schema(json_t *op, const char *status)
{
	return json_schema(response(op, status),
	                   json_string_value(json_object_get(op, "operationId")));
}

static json_t *body_schema(json_t *op)
{
	const char *id = json_string_value(json_object_get(op, "operationId"));
	json_t *body = resolve(json_object_get(op, "requestBody"));

	CHECK(json_is_object(body), "%s: no request body", id);
	CHECK(json_is_true(json_object_get(body, "required")), "%s: body not required", id);
	return json_schema(body, id);
}

static bool array_has_string(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) if (json_is_string(v) &&
	                                  strcmp(json_string_value(v), s) == 0) return true;
	return false;
}

static const char *field_json_type(enum field_type t)
{
	switch (t) {
	case FT_INT:
	case FT_REF:
		return "integer";
	case FT_REAL:
		return "number";
	case FT_BOOL:
		return "boolean";
	default:
		return "string";
	}
}

/* The schema's "type" is t, or [t, "null"] when nullable. */
static bool has_type(json_t *schema, const char *t, bool nullable)
{
	json_t *type = json_object_get(schema, "type");

	if (!nullable)
		return json_is_string(type) && strcmp(json_string_value(type), t) == 0;
	return json_array_size(type) == 2 && array_has_string(type, t) &&
	       array_has_string(type, "null");
}

static bool number_is(json_t *schema, const char *key, double want)
{
	json_t *v = json_object_get(schema, key);

	return json_is_number(v) && json_number_value(v) == want;
}

/* One field's schema, where = "person.name (response)". */
static void check_field(json_t *props, const struct field_def *f, bool nullable, bool response,
                        const char *where)
{
	json_t *s = resolve(json_object_get(props, f->name));
	const char *format = json_string_value(json_object_get(s, "format"));

	CHECK(json_is_object(s), "%s: missing", where);
	if (!response && f->type == FT_REF && (f->ref == E_PERSON || f->ref == E_COACH)) {
		/* A person, or a coach by their person, is also taken by e-mail address. */
		json_t *type = json_object_get(s, "type");
		CHECK(array_has_string(type, "integer") && array_has_string(type, "string") &&
		              json_array_size(type) == (nullable ? 3u : 2u) &&
		              (!nullable || array_has_string(type, "null")) && format &&
		              strcmp(format, "email") == 0,
		      "%s: type is not integer or e-mail address%s", where,
		      nullable ? " or null" : "");
		return;
	}
	CHECK(has_type(s, field_json_type(f->type), nullable), "%s: type is not %s%s", where,
	      field_json_type(f->type), nullable ? " or null" : "");
	if (f->flags & FF_PRIVATE) {
		const char *desc = json_string_value(json_object_get(s, "description"));

		CHECK(desc && strstr(desc, "rivate coaching content"),
		      "%s: not described as private coaching content", where);
	}
	switch (f->type) {
	case FT_INT:
	case FT_REAL:
		CHECK(number_is(s, "minimum", f->min) && number_is(s, "maximum", f->max),
		      "%s: range is not %g..%g", where, f->min, f->max);
		break;
	case FT_TEXT:
	case FT_EMAIL:
	case FT_SKILLS:
	case FT_CODE:
		CHECK(number_is(s, "maxLength", f->max), "%s: maxLength is not %g", where, f->max);
		break;
	case FT_DATE:
		CHECK(format && strcmp(format, "date") == 0, "%s: format is not date", where);
		break;
	case FT_DATETIME:
		/* Responses are RFC 3339; input also takes a local time without offset. */
		if (response)
			CHECK(format && strcmp(format, "date-time") == 0,
			      "%s: format is not date-time", where);
		else
			CHECK(json_is_string(json_object_get(s, "pattern")), "%s: no pattern",
			      where);
		break;
	case FT_MONTH:
		CHECK(json_is_string(json_object_get(s, "pattern")), "%s: no pattern", where);
		break;
	case FT_ENUM: {
		json_t *choices = json_object_get(s, "enum");
		size_t n = 0;

		for (; f->choices[n]; n++)
			CHECK(json_is_string(json_array_get(choices, n)) &&
			              strcmp(json_string_value(json_array_get(choices, n)),
			                     f->choices[n]) == 0,
			      "%s: enum value %zu is not %s", where, n, f->choices[n]);
		if (nullable) {
			/* json_is_null() evaluates its argument twice. */
			json_t *last = json_array_get(choices, n++);

			CHECK(json_is_null(last), "%s: enum lacks null", where);
		}
		CHECK(json_array_size(choices) == n, "%s: enum has %zu values, not %zu", where,
		      json_array_size(choices), n);
		break;
	}
	default:
		break;
	}
}

/* The response schema of an entity: id and every field, private fields not required. */
static void check_record_schema(const struct entity_def *def, json_t *schema)
{
	json_t *props = json_object_get(schema, "properties");
	json_t *required = json_object_get(schema, "required");
	char where[160];

	CHECK(json_is_object(props), "%s: response schema without properties", def->name);
	CHECK(has_type(json_object_get(props, "id"), "integer", false), "%s.id: not an integer",
	      def->name);
	CHECK(array_has_string(required, "id"), "%s.id: not required", def->name);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		bool priv = f->flags & FF_PRIVATE;

		snprintf(where, sizeof(where), "%s.%s (response)", def->name, f->name);
		check_field(props, f, !(f->flags & FF_REQUIRED), true, where);
		CHECK(array_has_string(required, f->name) == !priv, "%s: %s", where,
		      priv ? "private, must not be required" : "must be required");
	}
	CHECK(json_object_size(props) == def->nfields + 1,
	      "%s: response schema has %zu properties, not id and the %zu fields", def->name,
	      json_object_size(props), def->nfields);
}

static void test_version(void **state)
{
	const char *v = json_string_value(json_object_get(doc, "openapi"));

	(void)state;
	assert_non_null(v);
	assert_int_equal(strncmp(v, "3.1.", 4), 0);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(doc, "info"), "title")),
	        "salescoach");
}

static void test_entity_paths(void **state)
{
	char list[96], item[112];

	(void)state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);

		snprintf(list, sizeof(list), "/api/%s", def->plural);
		snprintf(item, sizeof(item), "/api/%s/{id}", def->plural);
		if (!public_kind(def)) {
			CHECK(!json_object_get(json_object_get(doc, "paths"), item),
			      "%s: internal, must have no path %s", def->name, item);
			continue;
		}
		response(operation(list, "get"), "200");
		response(operation(list, "post"), "201");
		response(operation(list, "post"), "422");
		response(operation(item, "get"), "200");
		response(operation(item, "get"), "404");
		response(operation(item, "patch"), "200");
		response(operation(item, "patch"), "422");
		response(operation(item, "delete"), "204");
		response(operation(item, "delete"), "409");
		CHECK(!json_object_get(path_item(item), "put"), "%s: PUT is not part of the API",
		      item);
	}
}

static void test_entity_schemas(void **state)
{
	char item[112];

	(void)state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		json_t *one, *items, *created;

		if (!public_kind(def))
			continue;
		snprintf(item, sizeof(item), "/api/%s/{id}", def->plural);
		one = response_schema(operation(item, "get"), "200");
		check_record_schema(def, one);
		/* The list, the new record and the changed record are the same schema. */
		snprintf(item, sizeof(item), "/api/%s", def->plural);
		items = json_object_get(
		        json_object_get(response_schema(operation(item, "get"), "200"),
		                        "properties"),
		        "items");
		CHECK(resolve(json_object_get(items, "items")) == one, "%s: list items differ",
		      def->name);
		/* Or the record or its id, for a writer who may not read it back. */
		created = response_schema(operation(item, "post"), "201");
		CHECK(created == one ||
		              resolve(json_array_get(json_object_get(created, "anyOf"), 0)) == one,
		      "%s: POST answers another schema", def->name);
	}
}

static void test_input_schemas(void **state)
{
	char list[96], item[112], where[160];

	(void)state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		json_t *in, *patch, *props, *required;
		size_t nreq = 0, nfree = 0;

		if (!public_kind(def))
			continue;
		snprintf(list, sizeof(list), "/api/%s", def->plural);
		snprintf(item, sizeof(item), "/api/%s/{id}", def->plural);
		in = body_schema(operation(list, "post"));
		patch = body_schema(operation(item, "patch"));
		CHECK(json_is_false(json_object_get(in, "additionalProperties")),
		      "%s: input must refuse unknown fields", def->name);
		CHECK(json_is_false(json_object_get(patch, "additionalProperties")),
		      "%s: patch must refuse unknown fields", def->name);
		CHECK(json_array_size(json_object_get(patch, "required")) == 0,
		      "%s: patch must require nothing", def->name);
		props = json_object_get(in, "properties");
		required = json_object_get(in, "required");
		for (size_t i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			bool req = f->flags & FF_REQUIRED;
			/* A required field with a default is filled in when not given. */
			bool must = req && !f->dflt;

			snprintf(where, sizeof(where), "%s.%s (input)", def->name, f->name);
			check_field(props, f, !req, false, where);
			CHECK(array_has_string(required, f->name) == must, "%s: %s", where,
			      must ? "must be required" : "must not be required");
			nreq += must;
			snprintf(where, sizeof(where), "%s.%s (patch)", def->name, f->name);
			if (f->flags & FF_FIXED) {
				CHECK(!json_object_get(json_object_get(patch, "properties"),
				                       f->name),
				      "%s: fixed, cannot be changed", where);
			} else {
				check_field(json_object_get(patch, "properties"), f, !req, false,
				            where);
				nfree++;
			}
		}
		CHECK(json_object_size(props) == def->nfields, "%s: input has %zu fields, not %zu",
		      def->name, json_object_size(props), def->nfields);
		CHECK(json_array_size(required) == nreq, "%s: input requires %zu fields, not %zu",
		      def->name, json_array_size(required), nreq);
		CHECK(json_object_size(json_object_get(patch, "properties")) == nfree,
		      "%s: patch has %zu fields, not %zu", def->name,
		      json_object_size(json_object_get(patch, "properties")), nfree);
	}
}

/* The query parameter name of op, resolved, or NULL. */
static json_t *query_param(json_t *op, const char *name)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(op, "parameters"), i, p)
	{
		json_t *r = resolve(p);
		const char *in = json_string_value(json_object_get(r, "in"));
		const char *n = json_string_value(json_object_get(r, "name"));

		if (in && n && strcmp(in, "query") == 0 && strcmp(n, name) == 0)
			return r;
	}
	return NULL;
}

/*
 * limit, offset, order (id or a field) and desc, a filter per listed public
 * field, and from and to exactly for a kind dated by a field (entity_when),
 * as the server reads them.
 */
static void check_list_params(const struct entity_def *def, json_t *op)
{
	static const char *const paging[] = { "limit", "offset", "order", "desc", "lang" };
	json_t *order;
	size_t nfilters = 0;

	for (size_t i = 0; i < sizeof(paging) / sizeof(paging[0]); i++)
		CHECK(query_param(op, paging[i]), "%s list: no %s parameter", def->name, paging[i]);
	order = json_object_get(json_object_get(query_param(op, "order"), "schema"), "enum");
	size_t private = 0;
	for (size_t i = 0; i < def->nfields; i++)
	private += (def->fields[i].flags & FF_PRIVATE) != 0;
	CHECK(json_array_size(order) == def->nfields - private + 1 && array_has_string(order, "id"),
	      "%s list: order is not id or one of the fields that are not private", def->name);
	for (size_t i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		json_t *p = query_param(op, f->name);

		/* Sorting by private content would reveal it: the server refuses it. */
		CHECK(array_has_string(order, f->name) == !(f->flags & FF_PRIVATE),
		      "%s list: order by %s %s", def->name, f->name,
		      (f->flags & FF_PRIVATE) ? "is offered but private" : "is missing");
		/* Private content filters nothing: the server refuses it. */
		if (!(f->flags & FF_LIST) || (f->flags & FF_PRIVATE)) {
			CHECK(!p, "%s list: no filter on %s (not listed, or private)", def->name,
			      f->name);
			continue;
		}
		CHECK(p, "%s list: no filter on %s", def->name, f->name);
		CHECK(has_type(json_object_get(p, "schema"), field_json_type(f->type), false),
		      "%s list: filter %s is not a %s", def->name, f->name,
		      field_json_type(f->type));
		nfilters++;
	}
	bool dated = entity_when(def) >= 0;
	CHECK(!query_param(op, "from") == !dated && !query_param(op, "to") == !dated,
	      "%s list: from and to %s", def->name,
	      dated ? "missing" : "offered, but it has no date");
	/* A list of private content can be read without it (content=false). */
	CHECK(!query_param(op, "content") == !private, "%s list: content %s", def->name,
	      private ? "missing" : "offered, but it has no private field");
	/* Every list also answers as CSV or XLSX (docs/export.md). */
	json_t *formats =
	        json_object_get(json_object_get(query_param(op, "format"), "schema"), "enum");
	CHECK(json_array_size(formats) == 3 && array_has_string(formats, "csv") &&
	              array_has_string(formats, "xlsx"),
	      "%s list: no format parameter of json, csv and xlsx", def->name);
	CHECK(json_array_size(json_object_get(op, "parameters")) ==
	              nfilters + 6 + 2 * dated + (private > 0),
	      "%s list: parameters other than paging, filters, the date range, content and format",
	      def->name);
}

static void test_list_parameters(void **state)
{
	char list[96];

	(void)state;
	for (int k = 0; k < E_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);

		if (!public_kind(def))
			continue;
		snprintf(list, sizeof(list), "/api/%s", def->plural);
		check_list_params(def, operation(list, "get"));
	}
}

/* The administrators' logs: the fields of the read-only entities. */
static void test_logs(void **state)
{
	static const struct {
		enum entity_kind kind;
		const char *path;
	} logs[] = { { E_AUDIT, "/api/audit-log" }, { E_ACCESS, "/api/access-log" } };

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		const struct entity_def *def = entity_get(logs[i].kind);
		json_t *op = operation(logs[i].path, "get");
		json_t *page = response_schema(op, "200");

		assert_true(def->eflags & EF_READONLY);
		check_record_schema(
		        def, resolve(json_object_get(
		                     json_object_get(json_object_get(page, "properties"), "items"),
		                     "items")));
		check_list_params(def, op);
		response(op, "403");
	}
}

/*
 * The paths that are not entities, and the security they need: the router's
 * own table (api_route_info) against the document, both ways.
 */
static void test_fixed_paths(void **state)
{
	json_t *global = json_object_get(doc, "security");
	json_t *paths = json_object_get(doc, "paths");
	char path[128];
	const char *methods, *key;
	bool open;
	size_t routed = 0;
	json_t *item;

	(void)state;
	CHECK(json_array_size(global) == 2, "global security: not cookie or bearer");
	for (size_t i = 0; api_route_info(i, path, sizeof(path), &methods, &open); i++) {
		char list[64];
		snprintf(list, sizeof(list), "%s", methods);
		for (char *m = strtok(list, ", "); m; m = strtok(NULL, ", ")) {
			char lower[16];
			size_t k = 0;
			for (; m[k] && k + 1 < sizeof(lower); k++)
				lower[k] = (char)tolower((unsigned char)m[k]);
			lower[k] = '\0';
			json_t *op = operation(path, lower);
			json_t *sec = json_object_get(op, "security");
			if (open)
				CHECK(json_is_array(sec) && json_array_size(sec) == 0,
				      "%s %s: must need no login", lower, path);
			else
				CHECK(!sec, "%s %s: must need a login", lower, path);
			routed++;
		}
	}
	/* Every fixed path of the document is one the router answers. */
	json_object_foreach(paths, key, item)
	{
		bool found = false;
		for (size_t i = 0; !found && api_route_info(i, path, sizeof(path), &methods, &open);
		     i++)
			found = strcmp(path, key) == 0;
		const struct entity_def *def = NULL;
		char plural[64];
		if (!found && sscanf(key, "/api/%63[^/]", plural) == 1)
			def = entity_find(plural);
		CHECK(found || (def && strcmp(def->plural, plural) == 0),
		      "%s is in the document but the router has no such path", key);
	}
	CHECK(routed >= 20, "the router lists %zu fixed operations", routed);
	response(operation("/api/login", "post"), "401");
	response(operation("/api/login", "post"), "429");
}

/* Every error response is the Error schema. */
static void test_error_responses(void **state)
{
	const char *name;
	json_t *r, *error = json_object_get(json_object_get(doc, "components"), "schemas");

	(void)state;
	error = json_object_get(error, "Error");
	CHECK(json_is_object(error), "no Error schema");
	json_object_foreach(json_object_get(json_object_get(doc, "components"), "responses"), name,
	                    r)
	        CHECK(json_schema(r, name) == error, "response %s: not the Error schema", name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),         cmocka_unit_test(test_entity_paths),
		cmocka_unit_test(test_entity_schemas),  cmocka_unit_test(test_input_schemas),
		cmocka_unit_test(test_list_parameters), cmocka_unit_test(test_logs),
		cmocka_unit_test(test_fixed_paths),     cmocka_unit_test(test_error_responses),
	};

	return cmocka_run_group_tests(tests, load_doc, free_doc);
}
