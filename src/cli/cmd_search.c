/* cli/cmd_search.c: `askdoc search`: ranked search from the command line.
 *
 * The index is built in memory from the database (or from an archive with
 * --archive), then each query is answered: the one given as argument, or
 * one per line of standard input with "-". With --json every query prints
 * exactly one line, {"query": ..., "results": [{"external_id", "kind",
 * "title", "score", "snippet"}, ...]}, best first: scripts and the
 * retrieval evaluation rely on this format.
 *
 * With --similar each line is a new question and the results are the
 * questions like it, ranked by search_similar_text with the filter the ask
 * form's suggestions use (Q&As and library entries): the function behind
 * the suggestions and the Similar Q&A list, so both can be measured from
 * outside.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/load.h"
#include "search/search.h"
#include "services/follower.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* Characters of text in a result's snippet. */
#define SNIPPET_CHARS 200

int cli_search_index(const struct cli_ctx *ctx, struct search_index **out)
{
	struct search_index *ix = search_index_new(NULL);
	struct store *st = NULL;
	int rc;

	*out = NULL;
	if (!ix)
		return cli_error(ctx, EXIT_FAIL,
		                 "cannot open the analyzer (ICU or stemmer)");
	if (ctx->cfg->archive) {
		rc = search_load_jsonl(ix, ctx->cfg->archive, NULL);
		if (rc < 0) {
			search_index_free(ix);
			return cli_error(ctx, EXIT_FAIL, "%s: %s",
			                 ctx->cfg->archive, strerror(-rc));
		}
	} else {
		rc = store_open(ctx->cfg->db, 0, &st);
		if (rc == STORE_OK)
			rc = follower_load_index(ix, st, NULL, NULL);
		store_close(st);
		if (rc < 0) {
			search_index_free(ix);
			return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
			                 store_strerror(rc));
		}
	}
	*out = ix;
	return 0;
}

static void answer(struct search_index *ix, struct arena *a, const char *q,
                   long limit, int json, int similar, struct buf *b)
{
	struct search_results r;

	if (similar) {
		struct search_filter f = {0};

		f.kinds = SEARCH_SIMILAR_KINDS;
		search_similar_text(ix, a, q, &f, (size_t)limit, &r);
	} else {
		search_query(ix, a, q, NULL, 0, (size_t)limit, &r);
	}
	if (json) {
		buf_puts(b, "{\"query\": ");
		buf_json_lossy(b, q);
		buf_puts(b, ", \"results\": [");
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct search_hit *h = &r.hits[i];
		const char *text = *h->text ? h->text : h->title;
		const char *snip =
		        search_snippet(ix, a, text, &r.terms, SNIPPET_CHARS, 0);

		if (!json) {
			buf_printf(b, "%zu. [%s] %s (%s, %.3f)\n   %s\n", i + 1,
			           search_kind_name(h->kind), h->title,
			           h->external_id, h->score, snip);
			continue;
		}
		buf_puts(b, i ? ", {\"external_id\": " : "{\"external_id\": ");
		buf_json_lossy(b, h->external_id);
		buf_printf(b, ", \"kind\": \"%s\", \"title\": ",
		           search_kind_name(h->kind));
		buf_json_lossy(b, h->title);
		buf_printf(b, ", \"score\": %.4f, \"snippet\": ", h->score);
		buf_json_lossy(b, snip);
		buf_putc(b, '}');
	}
	if (json)
		buf_puts(b, "]}\n");
	else if (!r.n)
		buf_puts(b, "no results\n");
}

struct search_run {
	struct search_index *ix;
	long limit;
	int json, similar;
};

static void answer_one(void *arg, struct arena *a, char *text, struct buf *out)
{
	struct search_run *r = arg;

	answer(r->ix, a, text, r->limit, r->json, r->similar, out);
}

int cmd_search(struct cli_ctx *ctx)
{
	struct search_run r;
	int rc;

	if (ctx->argc < 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "give a query, or - to read "
		                 "one per line from stdin");
	if ((rc = cli_search_index(ctx, &r.ix)) != 0)
		return rc;
	r.limit = ctx->cfg->limit;
	r.json = ctx->cfg->json;
	r.similar = ctx->cfg->similar;
	rc = cli_answer_each(ctx, answer_one, &r);
	search_index_free(r.ix);
	return rc;
}
