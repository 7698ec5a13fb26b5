/*
 * cli_help.c - what every --help shares: the language it is printed in and
 * its texts, from the catalogue msg/LANG/help.json.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domain/org.h"
#include "domain/settings.h"

/*
 * The organisation's language in the database at c->db_path, read without
 * writing anything; false when there is no such database or organisation.
 */
static bool org_lang(const struct cli *c, enum msg_lang *lang)
{
	struct store *st = NULL;
	struct sc_error err;
	struct org org;
	struct stat sb;
	char locale[16];
	bool found = false;

	if (!c->db_path || stat(c->db_path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	if (store_open_sqlite_readonly(c->db_path, &st, &err) != SC_OK)
		return false;
	if (org_resolve(st, c->org_slug, &org, &err) == SC_OK &&
	    settings_get(st, org.id, "locale", locale, sizeof(locale), &err) == SC_OK)
		found = msg_lang_parse(locale, lang);
	store_close(&st);
	return found;
}

enum msg_lang cli_help_lang(struct cli *c)
{
	if (c->lang_set)
		return c->lang;
	if (!c->help_lang_known) {
		c->help_lang = MSG_EN;
		org_lang(c, &c->help_lang);
		c->help_lang_known = true;
	}
	return c->help_lang;
}

const char *cli_help_text(struct cli *c, const char *id)
{
	return msg_text(cli_help_lang(c), id);
}

void cli_help_put(struct cli *c, const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(cli_help_lang(c), id, args, n);

	fputs(text ? text : "", stdout);
	free(text);
}

void cli_help_row(int col, const char *name, const char *text)
{
	const int indent = 2 + col + 1, room = 80 - indent;
	int at = printf("  %s", name);

	if (at > indent - 1) {
		putchar('\n');
		at = 0;
	}
	printf("%*s", indent - at, "");
	while (*text) {
		int n = (int)strlen(text);
		if (n > room) {
			n = room;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = room;
		}
		printf("%.*s\n", n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text)
			printf("%*s", indent, "");
	}
}
