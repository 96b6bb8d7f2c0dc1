/* cli/stubs.c: subcommands not written yet. Each moves to its own file. */
#include "cli.h"

