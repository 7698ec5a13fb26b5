/*
 * cli_help.c - what every --help shares: the language it is printed in (cli_lang) and
 * its texts, from the catalogue msg/LANG/help.json.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

const char *cli_help_text(struct cli *c, const char *id)
{
	(void)c; /* the language is cli_lang()'s: --lang, else the organisation's */
	return msg_text(cli_lang(), id);
}

void cli_help_put(struct cli *c, const char *id, const struct msg_arg *args, size_t n)
{
	char *text = msg_format(cli_lang(), id, args, n);

	(void)c;
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
