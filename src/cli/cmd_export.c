/* cli/cmd_export.c: `askdoc export --db PATH [FILE]`: write every record
 * as an archive, on stdout or into FILE.
 *
 * A FILE is written beside itself under a temporary name and renamed when
 * complete, so a failed export never leaves half an archive behind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "cli/cli.h"
#include "store/store.h"
#include "util/util.h"

int cmd_export(struct cli_ctx *ctx)
{
	struct store *st = NULL;
	const char *path = ctx->argc == 1 ? ctx->argv[0] : NULL;
	char *tmp = NULL;
	FILE *out = stdout;
	long n = 0;
	int rc, code = EXIT_FAIL;

	if (ctx->argc > 1)
		return cli_error(ctx, EXIT_USAGE, "expected at most one FILE");
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	if ((rc = store_open(ctx->cfg->db, 0, &st)))
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 store_errmsg());
	if (path) {
		tmp = xmalloc(strlen(path) + 16);
		sprintf(tmp, "%s.tmp-export", path);
		if (!(out = fopen(tmp, "wb"))) {
			cli_error(ctx, EXIT_FAIL, "%s: %s", tmp,
			          strerror(errno));
			goto done;
		}
	}
	rc = archive_export(st, out, &n);
	if (path) {
		if (fclose(out) != 0 && rc == 0)
			rc = store_set_error(-1, "%s: %s", tmp,
			                     strerror(errno));
		out = NULL;
		if (rc == 0 && rename(tmp, path) != 0)
			rc = store_set_error(-1, "%s: %s", path,
			                     strerror(errno));
	}
	if (rc) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	if (path)
		fprintf(stderr, "exported %ld records to %s\n", n, path);
	code = EXIT_OK;
done:
	if (out && out != stdout)
		fclose(out);
	if (tmp && code != EXIT_OK)
		unlink(tmp);
	free(tmp);
	store_close(st);
	return code;
}
