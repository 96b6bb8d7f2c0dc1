/* cli/cmd_import.c: `askdoc import --db PATH FILE|-`: read an archive into
 * the database.
 *
 * Prints "added N, updated N, unchanged N, rejected N" on stdout and one
 * line per rejected record on stderr. Exit status: 0 when every record was
 * taken, 1 when some line was rejected (the others are committed) or the
 * import failed (batches committed before the failure stay), 2 for bad
 * usage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "archive/archive.h"
#include "cli/cli.h"
#include "store/store.h"

int cmd_import(struct cli_ctx *ctx)
{
	struct archive_import_opts opt = {ctx->cfg->batch, stderr,
	                                  "askdoc: import: "};
	struct archive_stats stats;
	struct store *st = NULL;
	const char *path;
	FILE *in = NULL;
	int rc, code = EXIT_FAIL;

	if (ctx->argc != 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "expected one FILE (or - for stdin)");
	path = ctx->argv[0];
	in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!in)
		return cli_error(ctx, EXIT_FAIL, "%s: %s", path,
		                 strerror(errno));
	if ((rc = store_open(ctx->cfg->db, STORE_OPEN_CREATE, &st))) {
		cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		          store_errmsg());
		goto done;
	}
	rc = archive_import(st, in, &opt, &stats);
	printf("added %ld, updated %ld, unchanged %ld, rejected %ld\n",
	       stats.added, stats.updated, stats.unchanged, stats.rejected);
	if (rc) {
		cli_error(ctx, EXIT_FAIL, "stopped at line %ld: %s",
		          stats.lines, store_errmsg());
		goto done;
	}
	code = stats.rejected ? EXIT_FAIL : EXIT_OK;
done:
	store_close(st);
	if (in && in != stdin)
		fclose(in);
	return code;
}
