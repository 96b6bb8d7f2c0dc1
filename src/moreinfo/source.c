/* moreinfo/source.c: the documents More Info quotes, read from the store.
 *
 * The extraction itself only sees struct moreinfo_doc; this adapter fills
 * it from a library entry (its answers joined by blank lines, its source
 * and URL), a published Q&A (its doctors' answers, Markdown) or an
 * article (its lead and Markdown body). It reads through
 * store.h like any other caller and holds no SQL. The read ahead
 * (moreinfo_store_prefetch) takes all the sources a page may quote in one
 * statement, so a page's first render reads each of them once.
 */
#include "moreinfo/extract.h"

#include <string.h>

#include "store/store.h"
#include "util/arena.h"

static enum store_kind store_kind_of(enum search_kind kind)
{
	return kind == SEARCH_KIND_FAQ  ? STORE_KIND_FAQ
	       : kind == SEARCH_KIND_QA ? STORE_KIND_QA
	                                : STORE_KIND_ARTICLE;
}

static int is_document(enum search_kind kind)
{
	return kind == SEARCH_KIND_FAQ || kind == SEARCH_KIND_ARTICLE ||
	       kind == SEARCH_KIND_QA;
}

void moreinfo_store_prefetch(void *ctx, struct arena *a,
                             const struct search_hit *hits, size_t n)
{
	struct moreinfo_store *ms = ctx;
	enum store_kind kinds[STORE_DOCS_MAX];
	int64_t ids[STORE_DOCS_MAX];
	size_t k = 0;

	if (n > STORE_DOCS_MAX)
		n = STORE_DOCS_MAX;
	for (size_t i = 0; i < n; i++)
		if (is_document(hits[i].kind)) {
			kinds[k] = store_kind_of(hits[i].kind);
			ids[k++] = hits[i].id;
		}
	ms->docs = NULL;
	ms->ndocs = ms->nasked = 0;
	if (store_documents_get(ms->st, a, kinds, ids, k, &ms->docs,
	                        &ms->ndocs) != STORE_OK) {
		ms->ndocs = 0;
		return; /* each fetch then reads its own */
	}
	ms->asked = hits;
	ms->nasked = n;
}

/* The document read ahead, or NULL; *asked tells whether it was asked
 * for (then NULL means it is gone). */
static const struct store_doc *read_ahead(const struct moreinfo_store *ms,
                                          enum search_kind kind, int64_t id,
                                          int *asked)
{
	enum store_kind sk = store_kind_of(kind);

	*asked = 0;
	for (size_t i = 0; i < ms->nasked; i++)
		*asked |= ms->asked[i].kind == kind && ms->asked[i].id == id;
	for (size_t i = 0; i < ms->ndocs; i++)
		if (ms->docs[i].kind == sk && ms->docs[i].id == id)
			return &ms->docs[i];
	return NULL;
}

int moreinfo_store_fetch(void *ctx, struct arena *a, enum search_kind kind,
                         int64_t id, struct moreinfo_doc *out)
{
	struct moreinfo_store *ms = ctx;
	const struct store_doc *d;
	struct store_doc one;
	int asked, rc;

	memset(out, 0, sizeof(*out));
	if (!is_document(kind))
		return STORE_NOTFOUND;
	if (!(d = read_ahead(ms, kind, id, &asked))) {
		if (asked)
			return STORE_NOTFOUND;
		/* One statement: the document with its answers and source. */
		rc = store_document_get(ms->st, a, store_kind_of(kind), id,
		                        &one);
		if (rc != STORE_OK)
			return rc;
		d = &one;
	}
	out->external_id = d->external_id;
	out->title = d->title;
	out->question_type = d->question_type;
	out->topics = (const char *const *)d->topics;
	out->ntopics = d->n_topics;
	out->source_name = d->source_name;
	out->source_url = d->source_url;
	if (kind == SEARCH_KIND_FAQ) {
		out->text = d->body ? d->body : "";
		out->link = arena_printf(a, "/library/%lld", (long long)id);
	} else if (kind == SEARCH_KIND_QA) {
		/* A published Q&A: its doctors' answers (Markdown). */
		out->text = d->body ? d->body : "";
		out->markdown = 1;
		out->link = arena_printf(a, "/qa/%lld", (long long)id);
	} else {
		out->text = arena_printf(a, "%s\n\n%s",
		                         d->question ? d->question : "",
		                         d->body ? d->body : "");
		out->markdown = 1;
		out->link = arena_printf(a, "/articles/%s", d->slug);
	}
	return STORE_OK;
}
