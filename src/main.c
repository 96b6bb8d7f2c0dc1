/* main.c: the askdoc command: dispatch to a subcommand from the table in
 * cli/cli.c. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
