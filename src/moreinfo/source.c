/* moreinfo/source.c: the documents More Info quotes, read from the store.
 *
 * The extraction itself only sees struct moreinfo_doc; this adapter fills
 * it from a library entry (its answers joined by blank lines, its source
 * and URL), a published Q&A (its doctors' answers, Markdown) or an
 * article (its lead and Markdown body). It reads through
 * store.h like any other caller and holds no SQL.
 */
#include "moreinfo/extract.h"

#include <string.h>

#include "store/store.h"
#include "util/arena.h"

int moreinfo_store_fetch(void *ctx, struct arena *a, enum search_kind kind,
                         int64_t id, struct moreinfo_doc *out)
{
	struct store *st = ctx;
	struct store_doc d;
	int rc;

	/* One statement: the document with its answers and source. */
	memset(out, 0, sizeof(*out));
	if (kind != SEARCH_KIND_FAQ && kind != SEARCH_KIND_ARTICLE &&
	    kind != SEARCH_KIND_QA)
		return STORE_NOTFOUND;
	rc = store_document_get(st, a,
	                        kind == SEARCH_KIND_FAQ  ? STORE_KIND_FAQ
	                        : kind == SEARCH_KIND_QA ? STORE_KIND_QA
	                                                 : STORE_KIND_ARTICLE,
	                        id, &d);
	if (rc != STORE_OK)
		return rc;
	out->external_id = d.external_id;
	out->title = d.title;
	out->question_type = d.question_type;
	out->topics = (const char *const *)d.topics;
	out->ntopics = d.n_topics;
	out->source_name = d.source_name;
	out->source_url = d.source_url;
	if (kind == SEARCH_KIND_FAQ) {
		out->text = d.body ? d.body : "";
		out->link = arena_printf(a, "/library/%lld", (long long)id);
	} else if (kind == SEARCH_KIND_QA) {
		/* A published Q&A: its doctors' answers (Markdown). */
		out->text = d.body ? d.body : "";
		out->markdown = 1;
		out->link = arena_printf(a, "/qa/%lld", (long long)id);
	} else {
		out->text = arena_printf(a, "%s\n\n%s",
		                         d.question ? d.question : "",
		                         d.body ? d.body : "");
		out->markdown = 1;
		out->link = arena_printf(a, "/articles/%s", d.slug);
	}
	return STORE_OK;
}
