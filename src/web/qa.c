/* web/qa.c: the published Q&A page and the library entry page.
 *
 * The Q&A page shows the brief's elements in order: title, department
 * breadcrumb, share links, the question, the asker line, each reply with
 * its doctor, sign-off, hospital and date, More Info, Similar Q&A, Related
 * FAQ (topics with their departments), the disclaimer and a view count.
 * Only published questions are public; anything else is a 404, so a
 * question's existence does not leak.
 */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/cache.h"
#include "web/locale.h"
#include "web/comments.h"
#include "web/content.h"
#include "web/moreinfo.h"
#include "web/qa.h"
#include "web/question_view.h"
#include "web/search.h"
#include "web/text.h"
#include "web/views.h"

#define SUMMARY_CHARS 155 /* meta description length search engines show */

static struct tval *source_value(struct arena *a, const struct source *s)
{
	struct tval *m;

	if (!s->name)
		return NULL;
	m = tval_map(a);
	tval_set_str(m, "name", s->name);
	if (s->url &&
	    (!strncmp(s->url, "https://", 8) || !strncmp(s->url, "http://", 7)))
		tval_set_str(m, "url", s->url);
	return m;
}

/* Who is reading, for counting a view once a day without a cookie: the
 * address and the user agent (web/views.c keeps only a keyed hash). */
static const char *visitor(struct http_request *req)
{
	const char *addr = http_client_addr(req), *ua;

	ua = http_header(req, "User-Agent");
	return arena_printf(http_arena(req), "%s\n%s", addr ? addr : "",
	                    ua ? ua : "");
}

/* Related FAQ: up to RELATED_MAX topics, the question's own first, then
 * the focus topics of the Q&As ranked most like it (pool, best first),
 * across departments, each scored by the ranks of the Q&As that carry it
 * (1/(rank+1) each, so a topic of several near Q&As goes up), as
 * "Topic (Department)" in the reader's language. No statement of its
 * own: the topics come with Similar Q&A's. */
#define RELATED_MAX 10
static struct tval *related_topics(struct http_request *req,
                                   const struct question *q,
                                   const struct qa_brief *pool, size_t n_pool)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);
	struct topic top[RELATED_MAX + WEB_RELATED_POOL];
	double score[RELATED_MAX + WEB_RELATED_POOL];
	size_t nt = 0;

	for (size_t i = 0; i < q->n_topics && nt < RELATED_MAX; i++) {
		top[nt] = q->topics[i];
		score[nt++] = 1000.0 - (double)i; /* its own, in order */
	}
	for (size_t k = 0; k < n_pool && k < WEB_RELATED_POOL; k++) {
		size_t j;
		if (!pool[k].topic.id)
			continue;
		for (j = 0; j < nt && top[j].id != pool[k].topic.id; j++)
			;
		if (j == nt) {
			top[nt] = pool[k].topic;
			score[nt++] = 0;
		}
		score[j] += 1.0 / (double)(k + 1);
	}
	/* Best first; ties keep the order they were met in. */
	for (size_t i = 0; i < nt; i++)
		for (size_t j = i + 1; j < nt; j++)
			if (score[j] > score[i]) {
				struct topic t = top[j];
				double sc = score[j];
				memmove(top + i + 1, top + i,
				        (j - i) * sizeof(*top));
				memmove(score + i + 1, score + i,
				        (j - i) * sizeof(*score));
				top[i] = t;
				score[i] = sc;
			}
	if (nt > RELATED_MAX)
		nt = RELATED_MAX;
	web_names_topics(req, top, nt);
	for (size_t i = 0; i < nt; i++) {
		struct tval *m = tval_map(a);
		tval_set_str(m, "slug", top[i].slug);
		if (top[i].department) {
			struct i18n_arg args[] = {
			        I18N_STR("topic", top[i].name),
			        I18N_STR("department", top[i].department)};
			tval_set_str(m, "label",
			             web_msg_args(req,
			                          "related_topic_in_department",
			                          args, 2));
		} else {
			tval_set_str(m, "label", top[i].name);
		}
		tval_push(list, m);
	}
	return list;
}

int page_qa(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *qa;
	struct question q;
	struct web_cached hit;
	struct web_deps deps = {0};
	int64_t id, pending, counted;
	uint64_t gen;
	int rc, cacheable = web_cacheable(req);

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	/* The view count changes on every view: it goes in the page's hole.
	 * A cached page keeps the count it was rendered with less this
	 * process' views then, and adds this process' views now (see
	 * web_views_add). */
	if (cacheable && web_cache_get(w->cache, http_path(req), a, &hit)) {
		counted = web_views_add(w->views, id, visitor(req), NULL);
		return web_respond_cached(
		        req, &hit,
		        web_msg_count(req, "qa_views", hit.aux + counted));
	}
	gen = web_cache_generation(w->cache);
	rc = store_qa_get(w->store, a, id, &q);
	if (rc == STORE_NOTFOUND ||
	    (rc == STORE_OK && q.status != STORE_Q_PUBLISHED))
		return web_not_found(req);
	if (rc != STORE_OK)
		return rc;
	counted = web_views_add(w->views, id, visitor(req), &pending);
	/* More Info matches the topics' own names against the library's:
	 * it is made before they are put in the reader's language, so every
	 * reader gets the same block (and its cache entry is one). */
	struct tval *more_info = web_moreinfo_value(req, &q);
	web_names_question(req, &q); /* in the reader's language */
	web_deps_add(&deps, STORE_KIND_QA, q.id);

	ctx = web_page(req);
	qa = tval_map(a);
	tval_set_int(qa, "id", q.id);
	tval_set_str(qa, "title", q.title);
	tval_set_str(qa, "summary", text_excerpt(a, q.text, SUMMARY_CHARS));
	if (q.department) {
		struct tval *d = tval_map(a);
		tval_set_str(d, "name", q.department);
		tval_set_str(d, "slug", q.department_slug);
		tval_set(qa, "department", d);
	}
	tval_set(qa, "question", content_paragraphs(a, q.text));
	struct tval *asker = web_asker_value(req, &q);
	if (asker)
		tval_set(qa, "asker", asker);
	if (q.asked_at) {
		tval_set_str(qa, "asked_date", web_date(req, q.asked_at));
		tval_set_str(qa, "asked_line",
		             web_msg_date(req, "qa_asked_on", q.asked_at));
	}
	if (q.language && strcmp(q.language, web_lang_tag(w)))
		tval_set_str(qa, "lang", q.language); /* the content's own */
	tval_set(qa, "answers", web_answers_value(req, &q));
	tval_set(qa, "topics", web_topics_value(a, q.topics, q.n_topics));
	tval_set_bool(qa, "has_topics", q.n_topics > 0);
	struct tval *src = source_value(a, &q.source);
	if (src)
		tval_set(qa, "source", src);
	if (more_info)
		tval_set(qa, "more_info", more_info);
	const struct qa_brief *pool;
	size_t n_pool = 0;
	struct tval *similar =
	        web_similar_qas(req, q.id, &deps, &pool, &n_pool);
	tval_set(qa, "similar", similar);
	tval_set_bool(qa, "has_similar", similar->u.list.n > 0);
	struct tval *related = related_topics(req, &q, pool, n_pool);
	tval_set(qa, "related", related);
	tval_set_bool(qa, "has_related", related->u.list.n > 0);
	tval_set_str(qa, "views", WEB_CACHE_HOLE);
	/* "Follow-up to ..." and "Follow-up questions": published ones. */
	if ((rc = web_followups_value(req, &q, WEB_LINK_PUBLIC, 0, qa)))
		return rc;
	tval_set(ctx, "qa", qa);
	web_jsonld_qa(req, ctx, &q);
	/* Comments, when the site turns them on for Q&As. */
	if ((rc = web_comments_value(
	             req, STORE_KIND_QA, q.id,
	             arena_printf(a, "/qa/%lld", (long long)q.id), ctx)))
		return rc;
	content_share(req, ctx, q.title);
	return web_render_cached(
	        req, "qa", ctx, cacheable ? http_path(req) : NULL, gen, &deps,
	        q.views + pending - counted,
	        web_msg_count(req, "qa_views", q.views + pending));
}

int page_faq(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *e, *topics;
	struct faq f;
	struct buf body = BUF_INIT;
	const char *summary;
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	rc = store_faq_get(w->store, a, id, &f);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc != STORE_OK)
		return rc;
	ctx = web_page(req);
	e = tval_map(a);
	tval_set_str(e, "title", f.title);
	for (size_t i = 0; i < f.n_answers; i++) {
		if (body.len)
			buf_puts(&body, "\n\n");
		buf_puts(&body, f.answers[i].body ? f.answers[i].body : "");
	}
	if (body.len) {
		tval_set_str(e, "answer_html", text_markdown(a, body.p));
		summary = text_excerpt(a, body.p, SUMMARY_CHARS);
	} else {
		summary = f.question;
	}
	tval_set_str(e, "summary", summary);
	buf_free(&body);
	topics = tval_list(a);
	for (size_t i = 0; i < f.n_topics; i++) {
		struct tval *m = tval_map(a);
		tval_set_str(m, "name", f.topics[i]);
		tval_push(topics, m);
	}
	tval_set(e, "topic_names", topics);
	struct tval *src = source_value(a, &f.source);
	if (src)
		tval_set(e, "source", src);
	tval_set(ctx, "entry", e);
	content_share(req, ctx, f.title);
	if ((rc = web_library_seo(req, ctx, &f, summary)))
		return rc;
	return web_render(req, 200, "faq", ctx);
}
