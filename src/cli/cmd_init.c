/* cli/cmd_init.c: `askdoc init --db PATH`: create an empty database (the
 * schema, no content). Creating one is always asked for: `serve` refuses
 * a --db that does not exist, so a typo cannot serve an empty site.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store.h"

int cmd_init(struct cli_ctx *ctx)
{
	struct store *st = NULL;
	struct stat sb;
	int rc;

	if (ctx->argc > 0)
		return cli_error(ctx, EXIT_USAGE, "unexpected argument '%s'",
		                 ctx->argv[0]);
	if (lstat(ctx->cfg->db, &sb) == 0)
		return cli_error(ctx, EXIT_FAIL, "%s already exists",
		                 ctx->cfg->db);
	if (errno != ENOENT)
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 strerror(errno));
	if ((rc = store_open(ctx->cfg->db, STORE_OPEN_CREATE, &st)))
		return cli_error(ctx, EXIT_FAIL, "cannot create %s: %s",
		                 ctx->cfg->db,
		                 store_errmsg()[0] ? store_errmsg()
		                                   : store_strerror(rc));
	store_close(st);
	printf("created %s\n", ctx->cfg->db);
	return EXIT_OK;
}
