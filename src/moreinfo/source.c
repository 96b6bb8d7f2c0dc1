/* moreinfo/source.c: the documents More Info quotes, read from the store.
 *
 * The extraction itself only sees struct moreinfo_doc; this adapter fills
 * it from a library entry (its answers joined by blank lines, its source
 * and URL) or an article (its lead and Markdown body). It reads through
 * store.h like any other caller and holds no SQL.
 */
#include "moreinfo/extract.h"

#include <string.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

static const char *joined_answers(struct arena *a, const struct answer *v,
                                  size_t n)
{
	struct buf b = BUF_INIT;
	const char *s;

	for (size_t i = 0; i < n; i++) {
		if (!v[i].body || !*v[i].body)
			continue;
		if (b.len)
			buf_puts(&b, "\n\n");
		buf_puts(&b, v[i].body);
	}
	s = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

int moreinfo_store_fetch(void *ctx, struct arena *a, enum search_kind kind,
                         int64_t id, struct moreinfo_doc *out)
{
	struct store *st = ctx;
	int rc = STORE_NOTFOUND;

	memset(out, 0, sizeof(*out));
	if (kind == SEARCH_KIND_FAQ) {
		struct faq f;

		rc = store_faq_get(st, a, id, &f);
		if (rc != STORE_OK)
			goto done;
		out->external_id = f.external_id;
		out->title = f.title;
		out->text = joined_answers(a, f.answers, f.n_answers);
		out->question_type = f.question_type;
		out->topics = (const char *const *)f.topics;
		out->ntopics = f.n_topics;
		out->source_name = f.source.name;
		out->source_url = f.source.url;
		out->link = arena_printf(a, "/library/%lld", (long long)id);
	} else if (kind == SEARCH_KIND_ARTICLE) {
		struct article ar;
		const char **topics;

		rc = store_article_get(st, a, id, &ar);
		if (rc != STORE_OK)
			goto done;
		topics = ARENA_ARRAY(a, const char *, ar.n_topics + 1);
		for (size_t i = 0; i < ar.n_topics; i++)
			topics[i] = ar.topics[i].name;
		out->external_id = ar.external_id;
		out->title = ar.title;
		out->text = arena_printf(a, "%s\n\n%s",
		                         ar.summary ? ar.summary : "",
		                         ar.body ? ar.body : "");
		out->markdown = 1;
		out->topics = topics;
		out->ntopics = ar.n_topics;
		out->source_name = ar.source.name;
		out->source_url = ar.source.url;
		out->link = arena_printf(a, "/articles/%s", ar.slug);
	}
done:
	return rc;
}
