/*
 * alerts_fixture.c - the shared fixture of the tests of `salescoach alerts`
 * (see alerts_fixture.h).
 */
#include "alerts_fixture.h"

/* ---- running the program ------------------------------------------------------------------ */

/* Run `salescoach --db DB args...` (NULL-terminated); returns the exit code. */

/* Run `salescoach --db DB args...` (NULL-terminated), which must print JSON. New reference. */
json_t *run_json(struct fixture *fx, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1], what[256];
	size_t len = 0;
	va_list ap;

	va_start(ap, fx);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	/* The command line, to name the run in a failure. */
	*what = 0;
	for (size_t i = 0; argv[i] && len < sizeof(what); i++)
		len += (size_t)snprintf(what + len, sizeof(what) - len, "%s%s", i ? " " : "",
		                        argv[i]);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	return harness_json(&fx->last, what);
}

/* The "alerts" array of an `alerts --json` answer (borrowed from root). */
json_t *alerts_of(json_t *root)
{
	json_t *arr = json_object_get(root, "alerts");

	if (!json_is_array(arr))
		fail_msg("`alerts --json` has no \"alerts\" array");
	return arr;
}

/* A number of the "counts" object of an `alerts --json` answer. */
json_int_t count_of(json_t *root, const char *name)
{
	json_t *v = json_object_get(json_object_get(root, "counts"), name);

	if (!json_is_integer(v))
		fail_msg("`alerts --json` has no whole number counts.%s", name);
	return json_integer_value(v);
}

const char *str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

/* True when one of the alert's people is called name. */
bool concerns(json_t *alert, const char *name)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(alert, "people"), i, p)
	{
		if (!strcmp(str(p, "name"), name))
			return true;
	}
	return false;
}

/* Number of alerts of rule (NULL: any) that concern who and, unless NULL, also. */
size_t count_alerts(json_t *root, const char *rule, const char *who, const char *also)
{
	size_t i, n = 0;
	json_t *a;

	json_array_foreach(alerts_of(root), i, a)
	{
		n += (!rule || !strcmp(str(a, "rule"), rule)) && concerns(a, who) &&
		     (!also || concerns(a, also));
	}
	return n;
}

/* The one alert of rule that concerns who (borrowed from root); fails when not exactly one. */
json_t *the_alert(json_t *root, const char *rule, const char *who)
{
	size_t i, n = 0;
	json_t *a, *found = NULL;

	json_array_foreach(alerts_of(root), i, a)
	{
		if (!strcmp(str(a, "rule"), rule) && concerns(a, who)) {
			found = a;
			n++;
		}
	}
	if (n != 1)
		fail_msg("expected one %s alert about %s, found %zu", rule, who, n);
	return found;
}

/* A numeric fact of an alert. */
double fact(json_t *alert, const char *name)
{
	json_t *v = json_object_get(json_object_get(alert, "facts"), name);

	if (!json_is_number(v))
		fail_msg("alert %s: fact '%s' is missing or not a number", str(alert, "id"), name);
	return json_number_value(v);
}

const char *fact_text(json_t *alert, const char *name)
{
	json_t *v = json_object_get(json_object_get(alert, "facts"), name);

	if (!json_is_string(v))
		fail_msg("alert %s: fact '%s' is missing or not text", str(alert, "id"), name);
	return json_string_value(v);
}

void expect_fact(json_t *alert, const char *name, double want)
{
	double got = fact(alert, name);

	if (fabs(got - want) > 0.005)
		fail_msg("alert %s: %s is %g, docs/demo.md says %g", str(alert, "id"), name, got,
		         want);
}

/* The id of the record of `NOUN list --json` whose field equals value (taken); fails if none. */
int64_t id_where(struct fixture *fx, const char *noun, const char *field, json_t *value)
{
	json_t *arr = run_json(fx, "--json", noun, "list", NULL), *row;
	int64_t id = 0;
	size_t i;

	json_array_foreach(arr, i, row)
	{
		if (!id && json_equal(json_object_get(row, field), value))
			id = json_integer_value(json_object_get(row, "id"));
	}
	json_decref(arr);
	json_decref(value);
	if (!id)
		fail_msg("`%s list --json` has no record with that %s", noun, field);
	return id;
}

char *idt(int64_t id, char buf[24])
{
	snprintf(buf, 24, "%lld", (long long)id);
	return buf;
}

/* The last non-empty line of text, into line. */
void last_line(const char *text, char *line, size_t n)
{
	size_t end = strlen(text), start;

	while (end && (text[end - 1] == '\n' || text[end - 1] == ' '))
		end--;
	start = end;
	while (start && text[start - 1] != '\n')
		start--;
	snprintf(line, n, "%.*s", (int)(end - start), text + start);
}

/* The totals line alerts prints for the counts of root, in lang (owned). */
char *totals_line(json_t *root, enum msg_lang lang)
{
	char n[24], e[24], w[24], f[24], q[24];

	snprintf(n, sizeof(n), "%lld", (long long)count_of(root, "total"));
	snprintf(e, sizeof(e), "%lld", (long long)count_of(root, "error"));
	snprintf(w, sizeof(w), "%lld", (long long)count_of(root, "warning"));
	snprintf(f, sizeof(f), "%lld", (long long)count_of(root, "info"));
	snprintf(q, sizeof(q), "%lld", (long long)count_of(root, "acknowledged_not_shown"));
	struct msg_arg args[] = {
		{ "alerts", n }, { "errors", e }, { "warnings", w }, { "infos", f }, { "quiet", q }
	};
	char *line =
	        msg_format(lang, count_of(root, "total") ? "alerts.total" : "alerts.none", args, 5);
	assert_non_null(line);
	return line;
}

/* ---- fixture ------------------------------------------------------------------------------ */

int setup_group(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-alerts")) {
		free(fx);
		return -1;
	}
	snprintf(fx->demo_db, sizeof(fx->demo_db), "%s/demo.db", fx->dir);
	snprintf(fx->copy_db, sizeof(fx->copy_db), "%s/copy.db", fx->dir);
	fx->db = fx->demo_db;
	*state = fx;
	return 0;
}

int teardown_group(void **state)
{
	struct fixture *fx = *state;

	json_decref(fx->base);
	free(fx->demo_error);
	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/*
 * Load the demo on first use; false when that failed (the load then leaves
 * part of the demo behind), with what it said in fx->demo_error.
 */
bool load_demo(struct fixture *fx)
{
	const char *db = fx->db;

	if (fx->demo_error)
		return false;
	if (access(fx->demo_db, F_OK) == 0)
		return true;
	fx->db = fx->demo_db;
	sc(fx, "demo", NULL);
	fx->db = db;
	if (fx->last.status != 0)
		fx->demo_error = strdup(*fx->last.err ? fx->last.err : "no message");
	return fx->last.status == 0;
}

/* The demo, loaded; otherwise every test that needs it fails with what the load said. */
void demo(struct fixture *fx)
{
	if (!load_demo(fx))
		fail_msg("`demo` failed: %s", fx->demo_error ? fx->demo_error : "out of memory");
}

/* alerts --json on the untouched demo (loaded on first use); borrowed from fx. */
json_t *base(struct fixture *fx)
{
	const char *db = fx->db;

	if (fx->base)
		return fx->base;
	demo(fx);
	fx->db = fx->demo_db;
	fx->base = run_json(fx, "alerts", "--json", NULL);
	fx->db = db;
	return fx->base;
}

bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char chunk[65536];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		ok = fwrite(chunk, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out))
		ok = false;
	return ok;
}

/* Point the runs at a fresh copy of the demo database (SQLite with its write-ahead log). */
int setup_copy(void **state)
{
	struct fixture *fx = *state;
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char from[700], to[700];

	fx->db = fx->demo_db;
	if (!load_demo(fx))
		return -1;
	for (size_t i = 0; i < 3; i++) {
		snprintf(from, sizeof(from), "%s%s", fx->demo_db, suffix[i]);
		snprintf(to, sizeof(to), "%s%s", fx->copy_db, suffix[i]);
		unlink(to);
		if (access(from, F_OK) == 0 && !copy_file(from, to))
			return -1;
	}
	fx->db = fx->copy_db;
	return 0;
}

int teardown_copy(void **state)
{
	struct fixture *fx = *state;

	fx->db = fx->demo_db;
	return 0;
}
