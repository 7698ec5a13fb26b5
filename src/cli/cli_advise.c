/*
 * cli_advise.c - `salescoach advise [--answers FILE] [--json]`, in the language of --lang.
 *
 * Without --answers the questionnaire is asked on stdin, one question per
 * line, the default in brackets; an empty line takes it, an invalid answer
 * is explained and asked again, and the end of the input before the last
 * question is an error (exit 2). Prompts go to stdout, or to stderr with
 * --json so that stdout holds only the JSON. The scores come from
 * advisor.h; this file only asks and prints.
 */
#include "cli/cli_advise.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/advisor.h"
#include "base/msg.h"
#include "domain/org.h"
#include "domain/settings.h"
#include "base/util.h"

enum { OPT_JSON = 1000, OPT_HELP, OPT_ANSWERS };

/* The longest answer line read; longer ones are refused and asked again. */
#define ANSWER_MAX 200

static void usage_text(struct cli *c)
{
	size_t n;
	const struct advisor_question *qs = advisor_questions(&n);
	char lo[32], hi[32];

	fputs(cli_help_text(c, "help.advise"), stdout);
	for (size_t i = 0; i < n; i++) {
		const struct advisor_question *q = &qs[i];
		printf("  %-24s ", q->id);
		switch (q->type) {
		case AQ_INT:
			snprintf(lo, sizeof(lo), "%.0f", q->min);
			snprintf(hi, sizeof(hi), "%.0f", q->max);
			CLI_HELP_PUT(c, q->bound ? "help.advise.int_bound" : "help.advise.int",
			             { "min", lo }, { "max", hi }, { "bound", q->bound });
			break;
		case AQ_REAL:
			snprintf(lo, sizeof(lo), "%g", q->min);
			snprintf(hi, sizeof(hi), "%g", q->max);
			CLI_HELP_PUT(c, "help.advise.real", { "min", lo }, { "max", hi });
			break;
		case AQ_BOOL:
			fputs(cli_help_text(c, "help.advise.bool"), stdout);
			break;
		case AQ_CHOICE:
			for (int k = 0; q->choices[k]; k++)
				printf("%s%s", k ? "/" : "", q->choices[k]);
			break;
		}
		CLI_HELP_PUT(c, "help.advise.default", { "value", q->dflt });
	}
	fputs(cli_help_text(c, "help.advise.tail"), stdout);
}

struct advise_opts {
	bool help;
	const char *answers;
};

static int parse(struct cli *c, int argc, char **argv, struct advise_opts *o)
{
	static const struct option opts[] = { { "json", no_argument, NULL, OPT_JSON },
		                              { "help", no_argument, NULL, OPT_HELP },
		                              { "answers", required_argument, NULL, OPT_ANSWERS },
		                              { NULL, 0, NULL, 0 } };
	int ch;

	optind = 0;
	opterr = 0;
	while ((ch = cli_getopt(argc, argv, ":", opts)) != -1) {
		switch (ch) {
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_HELP:
			o->help = true;
			break;
		case OPT_ANSWERS:
			o->answers = optarg;
			break;
		case ':':
			return cli_refuse(
			        "cli.cmd.needs_value",
			        CLI_ARGS({ "option", argv[optind - 1] }, { "command", "advise" }));
		default:
			return cli_refuse(
			        "cli.cmd.unknown_option",
			        CLI_ARGS({ "option", argv[optind - 1] }, { "command", "advise" }));
		}
	}
	if (optind < argc)
		return cli_refuse("cli.cmd.unexpected",
		                  CLI_ARGS({ "arg", argv[optind] }, { "command", "advise" }));
	return CLI_OK;
}

/*
 * The language: --lang; else the organisation's locale when the database
 * file exists (it is never created here); else English.
 */
static int pick_lang(struct cli *c, enum msg_lang *lang)
{
	struct stat sb;
	struct sc_error err;
	struct org org;
	char locale[16];

	*lang = MSG_EN;
	if (c->lang_set) { /* --lang, moved before the command (cli.c) */
		*lang = c->lang;
		return CLI_OK;
	}
	if (!store_target_is_postgres(c->db_path) &&
	    (!c->db_path || stat(c->db_path, &sb) != 0 || !S_ISREG(sb.st_mode)))
		return CLI_OK;
	if (store_open(c->db_path, &c->store, &err) != SC_OK)
		return CLI_OK; /* the advisor needs no database: keep English */
	if (org_resolve(c->store, c->org_slug, &org, &err) == SC_OK &&
	    settings_get(c->store, org.id, "locale", locale, sizeof(locale), NULL) == SC_OK)
		msg_lang_parse(locale, lang);
	return CLI_OK;
}

/* ---- asking ------------------------------------------------------------------------------ */

/* Print message id with args to fp, without a newline. */
static void put(FILE *fp, enum msg_lang lang, const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(lang, id, args, n);
	fputs(text ? text : id, fp);
	free(text);
}

#define PUT(fp, lang, id, ...)                                                                     \
	do {                                                                                       \
		const struct msg_arg args_[] = { __VA_ARGS__ };                                    \
		put(fp, lang, id, args_, ARRAY_SIZE(args_));                                       \
	} while (0)

static void prompt(FILE *out, enum msg_lang lang, const struct advisor_question *q,
                   const struct advisor_answers *a)
{
	char qid[96], dflt[64], lo[32], hi[32], words[256], cid[96];
	const char *question;

	snprintf(qid, sizeof(qid), "advise.question.%s", q->id);
	question = msg_text(lang, qid);
	advisor_answer_text(a, q, lang, dflt, sizeof(dflt));
	switch (q->type) {
	case AQ_BOOL:
		PUT(out, lang, "advise.prompt.bool", { "question", question },
		    { "yes", msg_text(lang, "common.yes") }, { "no", msg_text(lang, "common.no") },
		    { "default", dflt });
		break;
	case AQ_CHOICE: {
		size_t len = 0;
		words[0] = '\0';
		for (int i = 0; q->choices[i] && len < sizeof(words); i++) {
			snprintf(cid, sizeof(cid), "advise.choice.%s.%s", q->id, q->choices[i]);
			len += (size_t)snprintf(words + len, sizeof(words) - len, "%s%s",
			                        i ? ", " : "", msg_text(lang, cid));
		}
		PUT(out, lang, "advise.prompt.choice", { "question", question },
		    { "choices", words }, { "default", dflt });
		break;
	}
	case AQ_INT:
	case AQ_REAL:
	default:
		PUT(out, lang, "advise.prompt.range", { "question", question },
		    { "min", msg_number(lang, q->min, 2, lo, sizeof(lo)) },
		    { "max", msg_number(lang, advisor_question_max(q, a), 2, hi, sizeof(hi)) },
		    { "default", dflt });
		break;
	}
	fflush(out);
}

/*
 * Read one line of at most ANSWER_MAX characters into buf (without the
 * newline). Returns 1 for a line, 0 at the end of the input, -1 for a line
 * that was too long (read and dropped).
 */
static int read_line(FILE *in, char *buf, size_t n)
{
	if (!fgets(buf, (int)n, in))
		return 0;
	size_t len = strlen(buf);
	if (len && buf[len - 1] == '\n') {
		buf[--len] = '\0';
		if (len && buf[len - 1] == '\r')
			buf[--len] = '\0';
		return 1;
	}
	if (feof(in))
		return 1; /* the last line, without a newline */
	int ch;
	while ((ch = getc(in)) != EOF && ch != '\n')
		;
	return -1;
}

/* Ask every question on in/out into *a (at its defaults). CLI_OK or CLI_USAGE at EOF. */
static int ask(FILE *in, FILE *out, enum msg_lang lang, struct advisor_answers *a)
{
	size_t n;
	const struct advisor_question *qs = advisor_questions(&n);
	bool echo = !isatty(fileno(in)); /* piped answers: show them, so the transcript reads */
	char line[ANSWER_MAX + 2], count[16], max[16];

	snprintf(count, sizeof(count), "%zu", n);
	PUT(out, lang, "advise.intro", { "count", count });
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		const struct advisor_question *q = &qs[i];
		for (;;) {
			struct sc_error err;
			prompt(out, lang, q, a);
			int got = read_line(in, line, sizeof(line));
			if (got == 0) {
				fputc('\n', out);
				fflush(out);
				fputs("salescoach: ", stderr);
				PUT(stderr, lang, "advise.error.eof", { "answer", q->id });
				fputc('\n', stderr);
				return CLI_USAGE;
			}
			if (echo)
				fprintf(out, "%s\n", got > 0 ? line : "...");
			if (got < 0) {
				snprintf(max, sizeof(max), "%d", ANSWER_MAX);
				PUT(out, lang, "advise.error.too_long", { "answer", q->id },
				    { "max", max });
				fputc('\n', out);
				continue;
			}
			if (strspn(line, " \t") == strlen(line))
				break; /* empty: the default stays */
			sc_error_init(&err);
			if (advisor_answer_parse(a, q, line, lang, &err) == SC_OK)
				break;
			fprintf(out, "%s\n", err.message);
		}
	}
	fputc('\n', out);
	fflush(out);
	return CLI_OK;
}

/* ---- printing ---------------------------------------------------------------------------- */

static const char *model_label(enum msg_lang lang, enum advisor_model m, char *buf, size_t n)
{
	snprintf(buf, n, "advise.model.%s", advisor_model_name(m));
	return msg_text(lang, buf);
}

/* A model's short name as people read it: "intern" in Dutch, "internal" in English. */
static const char *model_name(enum msg_lang lang, enum advisor_model m)
{
	return cli_model(lang, advisor_model_name(m));
}

/* The name of an answer as people read it ("vertrouwen" for trust). */
static const char *answer_name(enum msg_lang lang, const char *answer)
{
	char id[96];

	snprintf(id, sizeof(id), "label.advise.answer.%s", answer);
	return msg_exists(id) ? msg_text(lang, id) : answer;
}

static void say_text(enum msg_lang lang, const struct advisor_text *t, FILE *fp)
{
	char *text = advisor_text_render(lang, t);
	fputs(text ? text : t->msg, fp);
	free(text);
}

static void print_result(enum msg_lang lang, const struct advisor_result *r, FILE *fp)
{
	char idb[64], score[16], raw[16], base[16];
	bool tie = false;

	fputs(msg_text(lang, "advise.out.title"), fp);
	fputc('\n', fp);
	for (int i = 0; i < ADVISOR_MODELS; i++) {
		enum advisor_model m = r->ranking[i];
		fprintf(fp, "  %3d  %-9s %s%s%s\n", r->score[m], model_name(lang, m),
		        model_label(lang, m, idb, sizeof(idb)), i == 0 ? " - " : "",
		        i == 0 ? msg_text(lang, "advise.out.best") : "");
		if (i > 0 && r->score[m] == r->score[r->ranking[i - 1]])
			tie = true;
	}
	if (tie) {
		fputs(msg_text(lang, "advise.out.ties"), fp);
		fputc('\n', fp);
	}
	if (r->score[r->best] < 50) {
		snprintf(score, sizeof(score), "%d", r->score[r->best]);
		PUT(fp, lang, "advise.out.weak", { "score", score },
		    { "model", model_name(lang, r->best) });
		fputc('\n', fp);
	}

	fputc('\n', fp);
	snprintf(base, sizeof(base), "%d", ADVISOR_BASE);
	PUT(fp, lang, "advise.out.reasons", { "base", base });
	fputc('\n', fp);
	for (int i = 0; i < ADVISOR_MODELS; i++) {
		enum advisor_model m = r->ranking[i];
		size_t shown = 0;
		snprintf(score, sizeof(score), "%d", r->score[m]);
		snprintf(raw, sizeof(raw), "%d", r->raw[m]);
		PUT(fp, lang,
		    r->raw[m] == r->score[m] ? "advise.out.model" : "advise.out.model_clamped",
		    { "model", model_name(lang, m) },
		    { "label", model_label(lang, m, idb, sizeof(idb)) }, { "score", score },
		    { "raw", raw });
		fputc('\n', fp);
		for (size_t k = 0; k < r->nreasons; k++) {
			const struct advisor_reason *x = &r->reasons[k];
			if (x->model != m)
				continue;
			fprintf(fp, "  %+4d  %s: ", x->points, answer_name(lang, x->answer));
			say_text(lang, &x->text, fp);
			fputc('\n', fp);
			shown++;
		}
		if (!shown)
			fprintf(fp, "        %s\n", msg_text(lang, "advise.out.no_reasons"));
	}

	fputc('\n', fp);
	fputs(msg_text(lang, "advise.out.pitfalls"), fp);
	fputc('\n', fp);
	if (!r->npitfalls)
		fprintf(fp, "  %s\n", msg_text(lang, "advise.out.no_pitfalls"));
	for (int i = 0; i < ADVISOR_MODELS; i++) {
		enum advisor_model m = r->ranking[i];
		bool heading = false;
		for (size_t k = 0; k < r->npitfalls; k++) {
			const struct advisor_pitfall *p = &r->pitfalls[k];
			char answers[128] = "", *text;
			size_t len = 0;
			if (p->model != m)
				continue;
			if (!heading) {
				fprintf(fp, "  %s (%s)\n", model_name(lang, m),
				        model_label(lang, m, idb, sizeof(idb)));
				heading = true;
			}
			for (size_t j = 0; j < p->nanswers && len < sizeof(answers); j++)
				len += (size_t)snprintf(answers + len, sizeof(answers) - len,
				                        "%s%s", j ? ", " : "",
				                        answer_name(lang, p->answers[j]));
			text = advisor_text_render(lang, &p->text);
			fputs("    - ", fp);
			PUT(fp, lang, "advise.out.pitfall", { "rule", p->rule },
			    { "answers", answers }, { "text", text ? text : p->text.msg });
			fputc('\n', fp);
			free(text);
		}
	}

	fputc('\n', fp);
	PUT(fp, lang, "advise.out.checklist", { "model", model_name(lang, r->best) },
	    { "label", model_label(lang, r->best, idb, sizeof(idb)) });
	fputc('\n', fp);
	for (size_t k = 0; k < r->nchecklist; k++) {
		const struct advisor_check *x = &r->checklist[k];
		fputs("  [ ] ", fp);
		say_text(lang, &x->text, fp);
		if (x->rule)
			fprintf(fp, " (%s)", x->rule);
		fputc('\n', fp);
	}
}

int cli_advise(struct cli *c, int argc, char **argv)
{
	struct advise_opts o = { 0 };
	struct advisor_answers a;
	struct advisor_result *r = NULL;
	struct sc_error err;
	enum msg_lang lang;
	int rc;

	if ((rc = parse(c, argc, argv, &o)))
		return rc;
	if (o.help) {
		usage_text(c);
		return CLI_OK;
	}
	if ((rc = pick_lang(c, &lang)))
		return rc;
	sc_error_init(&err);
	if (o.answers) {
		if (advisor_answers_load(&a, o.answers, lang, &err) != SC_OK) {
			fprintf(stderr, "salescoach: %s\n", err.message);
			return err.code == SC_NOMEM ? CLI_FAILURE : CLI_USAGE;
		}
	} else {
		advisor_answers_init(&a);
		if ((rc = ask(stdin, c->json ? stderr : stdout, lang, &a)))
			return rc;
	}
	if (!(r = malloc(sizeof(*r)))) /* a few dozen kilobytes: not on the stack */
		return cli_nomem();
	advisor_score(&a, r);
	if (c->json) {
		json_t *j = advisor_result_json(&a, r, lang);
		if (!j) {
			free(r);
			return cli_nomem();
		}
		json_dumpf(j, stdout,
		           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
		fputc('\n', stdout);
		json_decref(j);
	} else {
		print_result(lang, r, stdout);
	}
	free(r);
	return CLI_OK;
}
