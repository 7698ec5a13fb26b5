/* salescoach - a sales organisation's coaching programme. See README.md. */
#include <locale.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	return cli_main(argc, argv);
}
