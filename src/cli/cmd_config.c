/* cli/cmd_config.c: `askdoc config check FILE` checks a configuration file
 * without starting anything (exit 0, or 1 with "FILE:LINE: ..."); `askdoc
 * config show` prints the settings serve would use (defaults, --config
 * FILE, environment) with secrets hidden; `askdoc config example` prints
 * every setting commented out, the starting point of askdoc.conf. */
#include "cli/cli.h"

#include <string.h>

int cmd_config(struct cli_ctx *ctx)
{
	const char *what = ctx->argc > 0 ? ctx->argv[0] : "";
	struct config cfg;
	char err[600];
	int rc;

	if (!strcmp(what, "check")) {
		if (ctx->argc != 2)
			return cli_error(ctx, EXIT_USAGE,
			                 "usage: askdoc config check FILE");
		rc = cli_config_check_file(ctx->argv[1], &cfg, err,
		                           sizeof(err));
		cli_config_free(&cfg);
		if (rc)
			return cli_error(ctx, EXIT_FAIL, "%s", err);
		printf("%s: ok\n", ctx->argv[1]);
		return EXIT_OK;
	}
	if (!strcmp(what, "show") || !strcmp(what, "example")) {
		char *args[3] = {"--config", (char *)ctx->cfg->config, NULL};
		int npos;

		if (ctx->argc != 1)
			return cli_error(ctx, EXIT_USAGE,
			                 "usage: askdoc config %s", what);
		rc = cli_config_load("serve", ctx->cfg->config ? 2 : 0, args,
		                     &cfg, &npos, err, sizeof(err));
		if (rc == EXIT_OK)
			cli_config_write(stdout, &cfg, what[0] == 'e');
		else
			cli_error(ctx, EXIT_FAIL, "%s", err);
		cli_config_free(&cfg);
		return rc ? EXIT_FAIL : EXIT_OK;
	}
	return cli_error(ctx, EXIT_USAGE,
	                 "expected check FILE, show or example (try askdoc "
	                 "config --help)");
}
