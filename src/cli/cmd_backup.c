/* cli/cmd_backup.c: `askdoc backup --db PATH DEST`: an online copy of the
 * database (see store_backup: consistent, writers keep going, DEST is
 * replaced only by a complete, synced copy; a DEST that is the database or
 * its -wal, -shm or -journal file is refused, exit 1). A PostgreSQL
 * database is backed up with PostgreSQL's own tools: the command refuses
 * it before connecting, exit 2, naming them.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "util/util.h"

int cmd_backup(struct cli_ctx *ctx)
{
	struct store *st = NULL;
	int rc;

	if (ctx->argc != 1)
		return cli_error(ctx, EXIT_USAGE, "expected one DEST file");
	if (str_starts(ctx->cfg->db, "postgres://") ||
	    str_starts(ctx->cfg->db, "postgresql://"))
		return cli_error(ctx, EXIT_USAGE,
		                 "askdoc backup copies SQLite databases only; "
		                 "back up PostgreSQL with pg_dump or "
		                 "pg_basebackup (docs/operations.md, \"Backup "
		                 "and restore (PostgreSQL)\")");
	if ((rc = store_open(ctx->cfg->db, 0, &st)))
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 store_errmsg());
	rc = store_backup(st, ctx->argv[0]);
	if (rc)
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	store_close(st);
	return rc ? EXIT_FAIL : EXIT_OK;
}
