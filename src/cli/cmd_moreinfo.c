/* cli/cmd_moreinfo.c: `askdoc moreinfo`: cited More Info drafts from the
 * command line.
 *
 * The index is built from the database (or --archive), then each question
 * is answered: the one given as arguments, or one per line of standard
 * input with "-". A line is the question's text, or TITLE<TAB>TEXT, or
 * TITLE<TAB>TEXT<TAB>REPLY with the doctor's reply, then optionally
 * <TAB>TOPICS (the topics the question is filed under, joined by "; ")
 * and <TAB>QA_ID (a published Q&A's own id, never cited: what its page
 * asks for). With --llm-url and
 * --llm-model the extract is rewritten by the language model and checked
 * (falling back to the extract). With --json every question prints
 * exactly one line: {"text": ..., "sources": [{"external_id", "title",
 * "url", ...}], ...} (see moreinfo/render.h); "text" is "" and "sources"
 * empty when the library holds nothing close enough. The evaluation in
 * bench/moreinfo_eval.sh relies on this format.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moreinfo/extract.h"
#include "moreinfo/llm.h"
#include "moreinfo/render.h"
#include "search/search.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

struct mi_run {
	struct search_index *ix;
	struct store *st; /* NULL with --archive */
	struct moreinfo_llm llm;
	int use_llm;
	int json;
};

/* The TOPICS<TAB>QA_ID fields at s into req. */
static void topics_of(struct arena *a, char *s, struct moreinfo_request *req)
{
	char *tab = strchr(s, '\t'), *save = NULL, *p;
	const char **v;
	size_t n = 0;

	if (tab) {
		*tab = 0;
		req->exclude_qa = strtoll(tab + 1, NULL, 10);
	}
	v = ARENA_ARRAY(a, const char *, strlen(s) / 2 + 2);
	for (p = strtok_r(s, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		while (*p == ' ')
			p++;
		if (*p)
			v[n++] = p;
	}
	req->topics = v;
	req->ntopics = n;
}

static void answer(struct mi_run *run, struct arena *a, char *line,
                   struct buf *b)
{
	struct moreinfo_request req;
	struct moreinfo_store src = {.st = run->st};
	struct moreinfo mi, drafted;
	const char *why = NULL;
	char *tab;

	memset(&req, 0, sizeof(req));
	req.question = line;
	if ((tab = strchr(line, '\t')) != NULL) {
		*tab = 0;
		req.title = line;
		req.question = tab + 1;
		if ((tab = strchr(req.question, '\t')) != NULL) {
			*tab = 0;
			req.reply = tab + 1;
		}
		if (req.reply && (tab = strchr(req.reply, '\t')) != NULL) {
			*tab = 0;
			topics_of(a, tab + 1, &req);
		}
	}
	req.prefetch = run->st ? moreinfo_store_prefetch : NULL;
	if (moreinfo_extract(run->ix, run->st ? moreinfo_store_fetch : NULL,
	                     &src, a, &req, &mi) != 0)
		memset(&mi, 0, sizeof(mi));
	if (run->use_llm && mi.n) {
		moreinfo_llm_draft(&run->llm, a, &mi, req.question, &drafted,
		                   &why);
		mi = drafted;
	}
	if (run->json) {
		moreinfo_to_json(b, &mi);
		buf_putc(b, '\n');
	} else if (!mi.n) {
		buf_puts(b, "no More Info: nothing close enough in the "
		            "library\n");
	} else {
		moreinfo_render_text(b, &mi);
		if (run->use_llm)
			buf_printf(b, "(%s%s)\n",
			           mi.machine_assisted
			                   ? "machine-assisted draft"
			                   : "extract; the model's draft was "
			                     "not used: ",
			           why ? why : "");
	}
}

static void answer_one(void *arg, struct arena *a, char *text, struct buf *out)
{
	answer(arg, a, text, out);
}

int cmd_moreinfo(struct cli_ctx *ctx)
{
	struct mi_run run;
	int rc;

	memset(&run, 0, sizeof(run));
	if (ctx->argc < 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "give a question, or - to read "
		                 "one per line from stdin");
	if (!ctx->cfg->llm_url != !ctx->cfg->llm_model)
		return cli_error(ctx, EXIT_USAGE,
		                 "--llm-url and --llm-model go together");
	run.json = ctx->cfg->json;
	run.use_llm = ctx->cfg->llm_url && *ctx->cfg->llm_url;
	run.llm.url = ctx->cfg->llm_url;
	run.llm.model = ctx->cfg->llm_model;
	run.llm.api_key = getenv("ASKDOC_LLM_KEY");
	run.llm.timeout_ms = ctx->cfg->llm_timeout * 1000;
	if ((rc = cli_search_index(ctx, &run.ix)) != 0)
		return rc;
	if (!ctx->cfg->archive &&
	    (rc = store_open(ctx->cfg->db, 0, &run.st)) != STORE_OK) {
		search_index_free(run.ix);
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 store_strerror(rc));
	}
	rc = cli_answer_each(ctx, answer_one, &run);
	store_close(run.st);
	search_index_free(run.ix);
	return rc;
}
