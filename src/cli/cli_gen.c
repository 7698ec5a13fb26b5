/*
 * cli_gen.c - `salescoach gen --reps N --months M --seed S [--org SLUG]`.
 *
 * Validates the numbers, opens the database and runs the generator, with
 * progress on stderr when that is a terminal and a summary of what was
 * written on stdout.
 */
#include "cli/cli_gen.h"

#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seed/gen.h"

static void help(struct cli *c)
{
	char reps[24], months[24], seed[24];

	snprintf(reps, sizeof(reps), "%d", GEN_MAX_REPS);
	snprintf(months, sizeof(months), "%d", GEN_MAX_MONTHS);
	snprintf(seed, sizeof(seed), "%" PRIu64, UINT64_MAX);
	CLI_HELP_PUT(c, "help.gen", { "max_reps", reps }, { "max_months", months },
	             { "max_seed", seed });
}

static void print_summary(const struct cli *c, const struct gen_report *rep)
{
	if (c->json) {
		json_t *obj = json_object(), *counts = json_object();
		for (int k = 0; k < E_COUNT; k++)
			if (rep->count[k])
				json_object_set_new(counts, entity_get((enum entity_kind)k)->plural,
				                    json_integer((json_int_t)rep->count[k]));
		json_object_set_new(obj, "id", json_integer(rep->org));
		json_object_set_new(obj, "slug", json_string(rep->slug));
		json_object_set_new(obj, "teams", json_integer(rep->teams));
		json_object_set_new(obj, "first_day", json_string(rep->first_day));
		json_object_set_new(obj, "today", json_string(rep->today));
		json_object_set_new(obj, "counts", counts);
		json_object_set_new(obj, "seconds", json_real(rep->seconds));
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(obj);
		return;
	}
	char id[24], teams[16], secs[32];
	snprintf(id, sizeof(id), "%" PRId64, rep->org);
	snprintf(teams, sizeof(teams), "%u", rep->teams);
	cli_say(stdout, "cli.gen.done",
	        CLI_ARGS({ "slug", rep->slug }, { "id", id }, { "teams", teams },
	                 { "from", rep->first_day }, { "to", rep->today }));
	putchar('\n');
	cli_say(stdout, "cli.gen.records", NULL, 0);
	for (int k = 0; k < E_COUNT; k++)
		if (rep->count[k])
			printf("  %-18s %9zu\n", cli_noun(entity_get((enum entity_kind)k), ".many"),
			       rep->count[k]);
	putchar('\n');
	cli_say(stdout, "cli.gen.seconds",
	        CLI_ARGS({ "seconds",
	                   msg_number(cli_lang(), rep->seconds, 1, secs, sizeof(secs)) }));
}

/* Refuse the number text of a gen option: message id, with the largest value allowed. */
static int refuse_number(const char *id, const char *text, uint64_t max)
{
	char m[24];

	snprintf(m, sizeof(m), "%" PRIu64, max);
	return cli_refuse(id, CLI_ARGS({ "text", text }, { "max", m }));
}

int cli_gen(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = { { "reps", required_argument, NULL, 'r' },
		                              { "months", required_argument, NULL, 'm' },
		                              { "seed", required_argument, NULL, 's' },
		                              { "org", required_argument, NULL, 'o' },
		                              { "json", no_argument, NULL, 'j' },
		                              { "help", no_argument, NULL, 'h' },
		                              { NULL, 0, NULL, 0 } };
	struct gen_params p = { 0 };
	struct gen_report rep;
	struct sc_error err;
	bool have_reps = false, have_months = false, have_seed = false;
	uint64_t v;
	int ch;

	p.slug = c->org_slug;
	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (ch) {
		case 'r':
			if (!gen_parse_number(optarg, GEN_MAX_REPS, &v) || v < 1)
				return refuse_number("cli.gen.reps", optarg, GEN_MAX_REPS);
			p.reps = (unsigned)v;
			have_reps = true;
			break;
		case 'm':
			if (!gen_parse_number(optarg, GEN_MAX_MONTHS, &v) || v < 1)
				return refuse_number("cli.gen.months", optarg, GEN_MAX_MONTHS);
			p.months = (unsigned)v;
			have_months = true;
			break;
		case 's':
			if (!gen_parse_number(optarg, UINT64_MAX, &p.seed))
				return refuse_number("cli.gen.seed", optarg, UINT64_MAX);
			have_seed = true;
			break;
		case 'o':
			p.slug = optarg;
			break;
		case 'j':
			c->json = true;
			break;
		case 'h':
			help(c);
			return CLI_OK;
		case ':':
			return cli_refuse(
			        "cli.cmd.needs_value",
			        CLI_ARGS({ "option", argv[optind - 1] }, { "command", "gen" }));
		default:
			return cli_refuse(
			        "cli.cmd.unknown_option",
			        CLI_ARGS({ "option", argv[optind - 1] }, { "command", "gen" }));
		}
	}
	if (optind < argc)
		return cli_refuse("cli.unexpected_in",
		                  CLI_ARGS({ "command", "gen" }, { "arg", argv[optind] }));
	if (!have_reps || !have_months || !have_seed) {
		char missing[32];
		snprintf(missing, sizeof(missing), "%s%s%s", have_reps ? "" : "--reps ",
		         have_months ? "" : "--months ", have_seed ? "" : "--seed");
		return cli_refuse("cli.gen.missing", CLI_ARGS({ "missing", missing }));
	}
	if (gen_check(&p, &err))
		return cli_fail(&err);
	enum store_durability durability;
	int rc = cli_durability(&durability);
	if (rc)
		return rc;

	cli_make_parent_dir(c->db_path);
	if (store_open(c->db_path, &c->store, &err) ||
	    store_set_durability(c->store, durability, &err))
		return cli_fail(&err);
	p.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	if (gen_run(c->store, &p, &rep, &err))
		return cli_fail(&err);
	print_summary(c, &rep);
	return CLI_OK;
}
