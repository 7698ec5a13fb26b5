/*
 * cli_fixture.c - the shared fixture of the tests of the command line (see
 * cli_fixture.h).
 */
#include "cli_fixture.h"

/* ---- running the program ------------------------------------------------------------------ */

/* Run `salescoach --db DB args...` (NULL-terminated); returns the exit code. */

/* Run the program with exactly these args (no --db) and env; returns the exit code. */
int sc_env(struct fixture *fx, char *const *env, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1];
	va_list ap;

	va_start(ap, env);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	return harness_run_argv(&fx->last, NULL, env, NULL, argv);
}

/* Run an `add` (args NULL-terminated) that must succeed; returns the new id. */
int64_t add(struct fixture *fx, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1], what[128];
	va_list ap;
	long long id = 0;

	va_start(ap, fx);
	harness_args_va(argv, 0, ap);
	va_end(ap);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	snprintf(what, sizeof(what), "%s %s", argv[0], argv[1]);
	harness_expect_ok(&fx->last, what);
	id = harness_added_id(fx->last.out);
	if (id <= 0)
		fail_msg("%s: no 'added ... ID' in: %s", what, fx->last.out);
	return id;
}

static char ids[16][24];

/* An id as an argument (a few at a time). */
char *idt(int64_t id)
{
	static int next;
	char *s = ids[next++ % 16];
	snprintf(s, sizeof(ids[0]), "%lld", (long long)id);
	return s;
}

/* `NOUN list --json [filters]` as a JSON array. Returns a new reference. */
json_t *list(struct fixture *fx, const char *noun, ...)
{
	char *argv[HARNESS_MAX_ARGS + 1] = { (char *)noun, (char *)"list", (char *)"--json" };
	char what[64];
	va_list ap;
	json_t *arr;

	va_start(ap, noun);
	harness_args_va(argv, 3, ap);
	va_end(ap);
	harness_run_argv(&fx->last, fx->db, NULL, NULL, argv);
	snprintf(what, sizeof(what), "%s list --json", noun);
	arr = harness_json(&fx->last, what);
	if (!json_is_array(arr)) {
		json_decref(arr);
		fail_msg("%s is not a JSON array: %s", what, fx->last.out);
	}
	return arr;
}

/*
 * The stdout of `NOUN list --json` as text, to compare before and after;
 * borrowed until the test ends.
 */
const char *snapshot(struct fixture *fx, const char *noun)
{
	sc(fx, noun, "list", "--json", NULL);
	harness_expect_ok(&fx->last, noun);
	assert_true(fx->nkept < sizeof(fx->kept) / sizeof(fx->kept[0]));
	fx->kept[fx->nkept] = fx->last.out;
	fx->last.out = NULL;
	return fx->kept[fx->nkept++];
}

size_t count(struct fixture *fx, const char *noun)
{
	json_t *arr = list(fx, noun, NULL);
	size_t n = json_array_size(arr);
	json_decref(arr);
	return n;
}

/* ---- fixture ------------------------------------------------------------------------------ */

int make_dir(struct fixture *fx)
{
	if (harness_run_init(&fx->last, fx->dir, sizeof(fx->dir), "salescoach-cli"))
		return -1;
	snprintf(fx->db, sizeof(fx->db), "%s/salescoach.db", fx->dir);
	return 0;
}

int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || make_dir(fx)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

int teardown(void **state)
{
	struct fixture *fx = *state;

	for (size_t i = 0; i < fx->nkept; i++)
		free(fx->kept[i]);
	harness_run_release(&fx->last);
	free(fx);
	return 0;
}

/*
 * The README's walk-through: Sanne manages team Noord and coaches Joost in
 * a manager programme; Marieke is Sanne's superior; one held session.
 */
void build_world(struct fixture *fx)
{
	int64_t team, prog, coach;

	sc(fx, "org", "add", "--name", "Van Dijk Kantoorsystemen", "--locale", "nl", NULL);
	harness_expect_ok(&fx->last, "org add");
	fx->manager_pid = add(fx, "person", "add", "--name", "Marieke Smit", "--email",
	                      "marieke@example.com", "--title", "Sales director", NULL);
	fx->coach_pid =
	        add(fx, "person", "add", "--name", "Sanne de Vries", "--email", "sanne@example.com",
	            "--title", "Sales manager", "--superior", idt(fx->manager_pid), NULL);
	fx->rep_pid = add(fx, "person", "add", "--name", "Joost Bakker", "--email",
	                  "joost@example.com", "--superior", idt(fx->coach_pid), NULL);
	team = add(fx, "team", "add", "--name", "Team Noord", "--manager", idt(fx->coach_pid),
	           NULL);
	prog = add(fx, "programme", "add", "--team", idt(team), "--model", "manager", "--starts-on",
	           "2026-06-01", "--ends-on", "2027-05-31", NULL);
	coach = add(fx, "coach", "add", "--person", idt(fx->coach_pid), "--kind", "manager",
	            "--hours-per-week", "3", "--capacity", "8", NULL);
	fx->asg = add(fx, "assignment", "add", "--programme", idt(prog), "--coach", idt(coach),
	              "--coachee", idt(fx->rep_pid), "--starts-on", "2026-06-01", NULL);
	fx->session =
	        add(fx, "session", "add", "--assignment", idt(fx->asg), "--kind", "one_to_one",
	            "--at", "2026-11-03T10:00", "--minutes", "60", "--status", "held", "--agenda",
	            AGENDA, "--notes", NOTES, "--skills", "handling_objections,closing", NULL);
}

int setup_world(void **state)
{
	if (setup(state))
		return -1;
	build_world(*state);
	return 0;
}

int setup_demo_db(void **state)
{
	struct fixture *fx;

	if (setup(state))
		return -1;
	fx = *state;
	return harness_run(&fx->last, fx->db, NULL, "demo", NULL) == 0 ? 0 : -1;
}

/* The demo organisation as loaded once, for the copies of setup_demo_copy. */
static char template_dir[512], template_db[600];

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[65536];
	size_t n;
	int rc = in && out ? 0 : -1;

	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc;
}

int setup_demo_copy(void **state)
{
	if (template_db[0]) {
		if (setup(state))
			return -1;
		return copy_file(template_db, ((struct fixture *)*state)->db);
	}
	if (setup_demo_db(state))
		return -1;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(template_dir, sizeof(template_dir), "%s/salescoach-demo-XXXXXX", tmp);
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof(template_db), "%s/demo.db", template_dir);
	return copy_file(((struct fixture *)*state)->db, template_db);
}

int remove_demo_template(void **state)
{
	(void)state;
	if (template_db[0])
		unlink(template_db);
	if (template_dir[0])
		rmdir(template_dir);
	return 0;
}

/* The JSON of `NOUN show ID --json`. Returns a new reference. */
json_t *shown(struct fixture *fx, const char *noun, int64_t id)
{
	sc(fx, noun, "show", idt(id), "--json", NULL);
	return harness_json(&fx->last, noun);
}

/* Number of elements of arr that have a non-empty text in field. */
size_t count_with(json_t *arr, const char *field)
{
	size_t i, n = 0;
	json_t *obj;

	json_array_foreach(arr, i, obj)
	{
		const char *v = json_string_value(json_object_get(obj, field));
		n += v && *v;
	}
	return n;
}
