/* cli/cmd_safety.c: `askdoc safety`: the emergency check and the
 * personal-data redactor on texts given on the command line or on stdin,
 * so that labelled batches can be measured from outside.
 *
 * It calls what the web pages call (safety_redflags, safety_redact with
 * the default markers). With --json each input line prints one line:
 *   {"emergency": bool, "categories": ["cardiac", ...],
 *    "redacted": "...", "findings": [{"type": "name", "text": "...",
 *    "start": N, "end": N}]}
 * where start and end are byte offsets into the input line. Without
 * --json it prints the same facts as text. A text the checks refuse (too
 * long) prints an "error" member instead and the command goes on.
 */
#include "cli/cli.h"

#include "safety/redflag.h"
#include "safety/report.h"

static void check_one(void *arg, struct arena *a, char *text, struct buf *b)
{
	safety_report(a, text, *(const int *)arg, b);
}

int cmd_safety(struct cli_ctx *ctx)
{
	int json = ctx->cfg->json;

	if (ctx->argc < 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "give a text, or - to read one per line "
		                 "from stdin");
	safety_redflag_init();
	return cli_answer_each(ctx, check_one, &json);
}
