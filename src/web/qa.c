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
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/cache.h"
#include "web/locale.h"
#include "web/text.h"

#define SUMMARY_CHARS 155 /* meta description length search engines show */

/* Percent-encode s for a query value, in the arena. */
static char *url_enc(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	char *out;

	buf_url_arg(&b, s, strlen(s));
	out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* The "share" values the share partial reads. */
static void set_share(struct http_request *req, struct tval *ctx,
                      const char *title)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *share = tval_map(a);
	char *url = arena_printf(a, "%s%s", w->public_url, http_path(req));

	tval_set_str(share, "url", url);
	tval_set_str(share, "url_enc", url_enc(a, url));
	tval_set_str(share, "title_enc", url_enc(a, title));
	tval_set(ctx, "share", share);
}

static struct tval *text_value(struct arena *a, const char *s)
{
	struct tval *m = tval_map(a), *list = tval_list(a);
	char **p;
	size_t n = text_paragraphs(a, s, &p);

	for (size_t i = 0; i < n; i++)
		tval_push(list, tval_str(a, p[i]));
	tval_set(m, "paragraphs", list);
	return m;
}

static struct tval *topics_value(struct arena *a, const struct topic *t,
                                 size_t n)
{
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_str(m, "name", t[i].name);
		tval_set_str(m, "slug", t[i].slug);
		if (t[i].department)
			tval_set_str(m, "department", t[i].department);
		tval_push(list, m);
	}
	return list;
}

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

static struct tval *asker_value(struct http_request *req, struct arena *a,
                                const struct question *q)
{
	struct tval *m = tval_map(a);

	if (!q->nickname && !q->age_band && !q->sex)
		return NULL;
	tval_set_str(m, "nickname",
	             q->nickname && *q->nickname ? q->nickname : "");
	/* no comma after an absent nickname (web/ask.c does the same) */
	tval_set_bool(m, "sep", q->nickname && *q->nickname && q->age_band);
	if (q->age_band) {
		char *age = arena_strdup(a, q->age_band), *dash;
		if ((dash = strchr(age, '-')))
			*dash = '~';
		tval_set_str(m, "age", age);
	}
	if (q->sex)
		tval_set_bool(m, q->sex, 1); /* "female", "male" or "other" */
	tval_set_str(m, "line", web_asker_line(req, q));
	return m;
}

int page_qa(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *qa, *answers;
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
		counted = web_views_add(w->views, id, NULL);
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
	counted = web_views_add(w->views, id, &pending);
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
	tval_set(qa, "question", text_value(a, q.text));
	struct tval *asker = asker_value(req, a, &q);
	if (asker)
		tval_set(qa, "asker", asker);
	if (q.asked_at) {
		tval_set_str(qa, "asked_date", web_date(req, q.asked_at));
		tval_set_str(qa, "asked_line",
		             web_msg_date(req, "qa_asked_on", q.asked_at));
	}
	if (q.language && strcmp(q.language, web_lang_tag(w)))
		tval_set_str(qa, "lang", q.language); /* the content's own */
	answers = tval_list(a);
	for (size_t i = 0; i < q.n_answers; i++) {
		const struct answer *an = &q.answers[i];
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", an->id);
		tval_set_str(m, "author", an->author ? an->author : "");
		tval_set_bool(m, "is_doctor", an->doctor_id != 0);
		const char *doctor_url = web_answer_doctor_url(req, an);
		if (doctor_url)
			tval_set_str(m, "doctor_url", doctor_url);
		if (an->department)
			tval_set_str(m, "department", an->department);
		tval_set_str(m, "body_html", text_markdown(a, an->body));
		const char *signoff = an->signoff;
		if (!signoff || !*signoff)
			signoff = an->doctor_signoff; /* the doctor's default */
		if (signoff && *signoff)
			tval_set_str(m, "signoff", signoff);
		if (an->hospital && *an->hospital)
			tval_set_str(m, "hospital", an->hospital);
		if (an->answered_at)
			tval_set_str(m, "date", web_date(req, an->answered_at));
		if (an->edited_at)
			tval_set_str(m, "edited", web_date(req, an->edited_at));
		tval_push(answers, m);
	}
	tval_set(qa, "answers", answers);
	tval_set(qa, "topics", topics_value(a, q.topics, q.n_topics));
	tval_set_bool(qa, "has_topics", q.n_topics > 0);
	struct tval *src = source_value(a, &q.source);
	if (src)
		tval_set(qa, "source", src);
	struct tval *more_info = web_moreinfo_value(req, &q);
	if (more_info)
		tval_set(qa, "more_info", more_info);
	struct tval *similar = web_similar_qas(req, q.id, &deps);
	tval_set(qa, "similar", similar);
	tval_set_bool(qa, "has_similar", similar->u.list.n > 0);
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
	set_share(req, ctx, q.title);
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
	set_share(req, ctx, f.title);
	if ((rc = web_library_seo(req, ctx, &f, summary)))
		return rc;
	return web_render(req, 200, "faq", ctx);
}
