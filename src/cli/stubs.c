/* cli/stubs.c: subcommands not written yet. Each moves to its own file. */
#include "cli.h"

int cmd_serve(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_import(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_export(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_user(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_backup(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_search(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
int cmd_triage(struct cli_ctx *ctx) { return cli_error(ctx, EXIT_FAIL, "not implemented yet"); }
