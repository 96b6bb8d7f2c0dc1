/* cli/cmd_triage.c: `askdoc triage`: suggest the department and topics of
 * new questions from the answered ones in the database.
 *
 * With --json each question prints one line: {"department": ...,
 * "confidence": ..., "alternatives": [{"department", "confidence"}],
 * "topics": [...]}; "department" is null when the database holds no
 * answered question with a department.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "util/arena.h"
#include "util/buf.h"

/* Alternatives and topics listed per question. */
#define TRIAGE_ALTERNATIVES 3
#define TRIAGE_TOPICS       5

static void suggest(struct search_index *ix, struct arena *a, const char *q,
                    int json, struct buf *b)
{
	struct search_triage t;

	search_triage(ix, a, q, TRIAGE_ALTERNATIVES + 1, TRIAGE_TOPICS, &t);
	if (!json) {
		if (!t.n)
			buf_puts(b, "no department known\n");
		for (size_t i = 0; i < t.n; i++)
			buf_printf(b, "%s%s (%.2f)", i ? ", " : "",
			           t.departments[i].name,
			           t.departments[i].confidence);
		for (size_t i = 0; i < t.ntopics; i++)
			buf_printf(b, "%s%s",
			           i ? "; " : "\n  topics: ", t.topics[i]);
		buf_putc(b, '\n');
		return;
	}
	buf_puts(b, "{\"department\": ");
	if (t.n)
		buf_json_lossy(b, t.departments[0].name);
	else
		buf_puts(b, "null");
	buf_printf(b, ", \"confidence\": %.4f, \"alternatives\": [",
	           t.n ? t.departments[0].confidence : 0.0);
	for (size_t i = 1; i < t.n; i++) {
		buf_puts(b,
		         i > 1 ? ", {\"department\": " : "{\"department\": ");
		buf_json_lossy(b, t.departments[i].name);
		buf_printf(b, ", \"confidence\": %.4f}",
		           t.departments[i].confidence);
	}
	buf_puts(b, "], \"topics\": [");
	for (size_t i = 0; i < t.ntopics; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_json_lossy(b, t.topics[i]);
	}
	buf_puts(b, "]}\n");
}

struct triage_run {
	struct search_index *ix;
	int json;
};

static void suggest_one(void *arg, struct arena *a, char *text, struct buf *out)
{
	struct triage_run *r = arg;

	suggest(r->ix, a, text, r->json, out);
}

int cmd_triage(struct cli_ctx *ctx)
{
	struct triage_run r;
	int rc;

	if (ctx->argc < 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "give a question, or - to "
		                 "read one per line from stdin");
	if ((rc = cli_search_index(ctx, &r.ix)) != 0)
		return rc;
	r.json = ctx->cfg->json;
	rc = cli_answer_each(ctx, suggest_one, &r);
	search_index_free(r.ix);
	return rc;
}
