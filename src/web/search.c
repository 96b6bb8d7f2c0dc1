/* web/search.c: the search page, the JSON search API, live suggestions for
 * the ask form, and the Similar Q&A block of Q&A pages.
 *
 * The index (search/) lives in memory, built from the store at start and
 * kept current by the changelog follower (services/follower.h), which
 * applies the store's changelog every second, or at once when this
 * process wrote (content_changed), and then drops the cached pages the
 * changes touched. Pages only read it; ranking work happens on a search,
 * and for Similar Q&A when a Q&A page is rendered anew (the page cache
 * keeps the page until a Q&A it shows changes).
 *
 * Every ranked query is counted and timed for /metrics, by endpoint (the
 * page, the JSON API, live suggestions); the counters are process-wide,
 * like the index's follower, and never hold query text.
 */
#include "web/web.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "search/load.h"
#include "search/search.h"
#include "services/follower.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/metric.h"
#include "util/util.h"
#include "web/cache.h"
#include "web/locale.h"
#include "web/search.h"
#include "web/text.h"

#define RESULTS_PER_PAGE 10
#define MAX_PAGES        50  /* deeper pages are not worth ranking */
#define SNIPPET_CHARS    240 /* about three lines of a result */
#define EXCERPT_CHARS    200 /* Similar Q&A: "the first ~200 characters" */
#define SIMILAR_COUNT    5   /* Similar Q&A: "four or five" */
/* Ranked with them, for Related FAQ's topics (web_similar_qas). */
#define SIMILAR_POOL  WEB_RELATED_POOL
#define SUGGEST_COUNT 5 /* live suggestions on the ask form */

/* ---- metrics ---- */

enum { EP_PAGE, EP_API, EP_SIMILAR, N_EP };
static const char *ep_names[N_EP] = {"page", "api", "similar"};
static struct metric_hist ep_took[N_EP] = {
        METRIC_HIST_INIT(metric_bounds_fast_us),
        METRIC_HIST_INIT(metric_bounds_fast_us),
        METRIC_HIST_INIT(metric_bounds_fast_us),
};
static atomic_ullong ep_queries[N_EP], ep_empty[N_EP], ep_failed[N_EP];
static pthread_once_t metrics_once = PTHREAD_ONCE_INIT;

/* The counters, each per endpoint. */
static const struct {
	const char *name, *help;
	atomic_ullong *v;
} ep_counters[] = {
        {"askdoc_search_queries_total", "Search queries ranked, by endpoint.",
         ep_queries},
        {"askdoc_search_no_results_total",
         "Search queries that found nothing, by endpoint.", ep_empty},
        {"askdoc_search_errors_total",
         "Search queries that failed, by endpoint.", ep_failed},
};

static void search_metrics(struct buf *out, void *arg)
{
	for (size_t k = 0; k < ARRAY_SIZE(ep_counters); k++) {
		metric_head(out, ep_counters[k].name, "counter",
		            ep_counters[k].help);
		for (int i = 0; i < N_EP; i++)
			buf_printf(out, "%s{endpoint=\"%s\"} %llu\n",
			           ep_counters[k].name, ep_names[i],
			           (unsigned long long)atomic_load(
			                   &ep_counters[k].v[i]));
	}
	metric_head(out, "askdoc_search_duration_seconds", "histogram",
	            "Time to rank a search query, by endpoint.");
	for (int i = 0; i < N_EP; i++) {
		char labels[32];
		snprintf(labels, sizeof(labels), "endpoint=\"%s\"",
		         ep_names[i]);
		metric_hist_write(out, "askdoc_search_duration_seconds", labels,
		                  &ep_took[i], 0);
	}
}

static void metrics_register(void)
{
	http_metrics_register(search_metrics, NULL);
}

static uint64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000;
}

/* Count one query of endpoint ep that started at t0 (mono_us) and ended
 * with rc and n hits. */
static void count_query(int ep, uint64_t t0, int rc, size_t n)
{
	metric_hist_observe(&ep_took[ep], mono_us() - t0);
	atomic_fetch_add_explicit(&ep_queries[ep], 1, memory_order_relaxed);
	if (rc < 0)
		atomic_fetch_add_explicit(&ep_failed[ep], 1,
		                          memory_order_relaxed);
	else if (!n)
		atomic_fetch_add_explicit(&ep_empty[ep], 1,
		                          memory_order_relaxed);
}

/* ---- the index and its follower ---- */

struct web_index {
	struct search_index *ix;
	struct follower *f;
};

/* A batch of changes is in the index: drop the pages it touched. */
static void on_changes(void *arg, const struct follower_touch *t, size_t n,
                       int all)
{
	struct web_cache *cache = arg;

	if (all)
		web_cache_invalidate_all(cache);
	else if (n)
		web_cache_invalidate(cache, t, n);
}

struct web_index *web_index_new(struct store *st, struct web_cache *cache,
                                char **err)
{
	struct web_index *wi = xcalloc(1, sizeof(*wi));

	wi->ix = search_index_new(NULL);
	if (!wi->ix) {
		*err = xstrdup("cannot make the search index");
		free(wi);
		return NULL;
	}
	wi->f = follower_new(st, wi->ix, on_changes, cache, err);
	if (!wi->f) {
		search_index_free(wi->ix);
		free(wi);
		return NULL;
	}
	pthread_once(&metrics_once, metrics_register);
	return wi;
}

void web_index_sync(struct web_index *wi)
{
	if (wi)
		follower_sync(wi->f);
}

void web_index_free(struct web_index *wi)
{
	if (!wi)
		return;
	follower_free(wi->f);
	search_index_free(wi->ix);
	free(wi);
}

/* ---- helpers ---- */

/* The page URL of a hit (articles need their slug from the store). */
static const char *hit_url(struct web *w, struct arena *a,
                           const struct search_hit *h)
{
	struct article art;

	switch (h->kind) {
	case SEARCH_KIND_QA:
		return arena_printf(a, "/qa/%lld", (long long)h->id);
	case SEARCH_KIND_FAQ:
		return arena_printf(a, "/library/%lld", (long long)h->id);
	case SEARCH_KIND_ARTICLE:
		if (store_article_get(w->store, a, h->id, &art) == STORE_OK)
			return arena_printf(a, "/articles/%s", art.slug);
		break;
	}
	return "/";
}

/* Parse "YYYY-MM-DD" as Unix seconds (start of day, UTC); 0 for empty,
 * WEB_EBADQUERY for anything else. end adds a day less a second. */
static int64_t parse_day(const char *s, int end)
{
	int64_t t;

	if (!s || !*s)
		return 0;
	if (strlen(s) != 10 || !(t = search_parse_date(s)))
		return WEB_EBADQUERY;
	return end ? t + 86399 : t;
}

/* The search filter from the query string; 0, or WEB_EBADQUERY for a bad
 * value (*what names it). */
static int read_filter(struct http_request *req, struct search_filter *f,
                       const char **what)
{
	const char *kind = http_query(req, "kind");

	memset(f, 0, sizeof(*f));
	if (kind && *kind) {
		f->kinds = search_kind_parse(kind);
		if (!f->kinds) {
			*what = "kind";
			return WEB_EBADQUERY;
		}
	}
	f->department = http_query(req, "department");
	f->topic = http_query(req, "topic");
	f->doctor = http_query(req, "doctor");
	if (f->department && !*f->department)
		f->department = NULL;
	if (f->topic && !*f->topic)
		f->topic = NULL;
	if (f->doctor && !*f->doctor)
		f->doctor = NULL;
	f->date_from = parse_day(http_query(req, "from"), 0);
	f->date_to = parse_day(http_query(req, "to"), 1);
	if (f->date_from < 0 || f->date_to < 0) {
		*what = "date";
		return WEB_EBADQUERY;
	}
	return 0;
}

static long read_page(struct http_request *req)
{
	const char *p = http_query(req, "page");
	int64_t n;

	if (!p || !*p)
		return 1;
	if (web_parse_id(p, &n) < 0 || n > MAX_PAGES)
		return WEB_EBADPAGE;
	return (long)n;
}

/* ---- /search ---- */

/* The URL of a plain search for q (no filters), in the language a link
 * chose. */
static const char *query_url(struct http_request *req, const char *q)
{
	struct buf b = BUF_INIT;
	const char *r;

	buf_puts(&b, "/search?q=");
	buf_url_arg(&b, q, strlen(q));
	r = web_url_lang(req, arena_strdup(http_arena(req), b.p));
	buf_free(&b);
	return r;
}

/* A department named as stored, in the page's language. */
static const char *dept_name(struct http_request *req,
                             const struct department *d, size_t nd,
                             const char *name)
{
	for (size_t i = 0; i < nd; i++)
		if (!strcmp(d[i].name, name))
			return web_name(req, STORE_KIND_DEPARTMENT, d[i].slug,
			                name);
	return name;
}

int page_search(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req), *list, *depts, *pages;
	const char *q = http_query(req, "q"), *what = NULL;
	struct search_filter f;
	struct search_results res;
	struct department *d;
	size_t nd;
	long page = read_page(req);
	const char *fix;
	uint64_t t0;
	int rc;

	if (read_filter(req, &f, &what) < 0 || page < 0)
		return http_error(req, 400,
		                  web_msg(w, what && !strcmp(what, "date")
		                                     ? "search_bad_date"
		                                     : "search_bad_filter"));
	if (store_department_list(w->store, a, &d, &nd) != STORE_OK)
		nd = 0;
	depts = tval_list(a);
	for (size_t i = 0; i < nd; i++) {
		struct tval *m = tval_map(a);
		/* The filter matches the name as stored; the reader sees
		 * it in the page's language. */
		tval_set_str(m, "value", d[i].name);
		tval_set_str(m, "name",
		             web_name(req, STORE_KIND_DEPARTMENT, d[i].slug,
		                      d[i].name));
		tval_set_bool(m, "selected",
		              f.department && !strcmp(f.department, d[i].name));
		tval_push(depts, m);
	}
	tval_set(ctx, "departments", depts);
	tval_set_bool(ctx, "kind_qa", f.kinds == SEARCH_KIND_QA);
	tval_set_bool(ctx, "kind_faq", f.kinds == SEARCH_KIND_FAQ);
	tval_set_bool(ctx, "kind_article", f.kinds == SEARCH_KIND_ARTICLE);
	tval_set_str(ctx, "from",
	             http_query(req, "from") ? http_query(req, "from") : "");
	tval_set_str(ctx, "to",
	             http_query(req, "to") ? http_query(req, "to") : "");
	if (f.topic)
		tval_set_str(ctx, "topic", f.topic);
	if (f.doctor)
		tval_set_str(ctx, "doctor", f.doctor);
	/* The canonical URL stays the bare /search (web_page's default): result
	 * pages are crawlable, but engines index the search page, not each
	 * query. */
	if (!q || !*q)
		return web_render(req, 200, "search", ctx);

	t0 = mono_us();
	rc = search_query(w->index->ix, a, q, &f,
	                  (size_t)(page - 1) * RESULTS_PER_PAGE,
	                  RESULTS_PER_PAGE, &res);
	/* Spelling: a query that finds nothing is searched corrected at
	 * once; one that finds something gets "did you mean". */
	fix = rc < 0 ? NULL : search_spell(w->index->ix, a, q);
	if (fix && res.total == 0 && !http_query(req, "exact")) {
		rc = search_query(w->index->ix, a, fix, &f,
		                  (size_t)(page - 1) * RESULTS_PER_PAGE,
		                  RESULTS_PER_PAGE, &res);
		const char *orig =
		        arena_printf(a, "%s&exact=1", query_url(req, q));
		struct i18n_arg c[] = {I18N_STR(
		        "corrected", arena_printf(a, "<strong>%s</strong>",
		                                  web_html_escape(a, fix)))};
		struct i18n_arg o[] = {
		        I18N_STR("query", web_html_link(a, orig, q))};

		tval_set_str(ctx, "corrected", fix);
		tval_set_str(ctx, "original_url", orig);
		tval_set_str(
		        ctx, "corrected_html",
		        arena_printf(
		                a, "%s %s",
		                web_msg_html(req, "search_corrected", c, 1),
		                web_msg_html(req, "search_original", o, 1)));
	} else if (fix) {
		struct i18n_arg dym[] = {I18N_STR(
		        "term", web_html_link(a, query_url(req, fix), fix))};
		tval_set_str(ctx, "did_you_mean", fix);
		tval_set_str(ctx, "did_you_mean_url", query_url(req, fix));
		tval_set_str(ctx, "did_you_mean_html",
		             web_msg_html(req, "search_did_you_mean", dym, 1));
	}
	count_query(EP_PAGE, t0, rc, rc < 0 ? 0 : res.total);
	if (rc < 0)
		return rc;
	tval_set_bool(ctx, "filtered",
	              f.kinds || f.department || f.topic || f.doctor ||
	                      f.date_from || f.date_to);
	list = tval_list(a);
	for (size_t i = 0; i < res.n; i++) {
		const struct search_hit *h = &res.hits[i];
		struct tval *m = tval_map(a);
		tval_set_str(m, "url", hit_url(w, a, h));
		tval_set_str(m, "title",
		             h->kind == SEARCH_KIND_FAQ
		                     ? text_title(a, h->title)
		                     : h->title);
		tval_set_bool(m, "is_qa", h->kind == SEARCH_KIND_QA);
		tval_set_bool(m, "is_faq", h->kind == SEARCH_KIND_FAQ);
		tval_set_bool(m, "is_article", h->kind == SEARCH_KIND_ARTICLE);
		if (h->department && *h->department)
			tval_set_str(m, "department",
			             dept_name(req, d, nd, h->department));
		web_set_content_lang(m, w, h->language);
		if (h->doctor && *h->doctor)
			tval_set_str(m, "doctor", h->doctor);
		/* search_snippet escapes the text and adds only <mark>. */
		tval_set_str(m, "snippet_html",
		             search_snippet(w->index->ix, a, h->text,
		                            &res.terms, SNIPPET_CHARS, 1));
		tval_push(list, m);
	}
	tval_set(ctx, "results", list);
	tval_set_bool(ctx, "searched", 1);
	tval_set_int(ctx, "total", (long long)res.total);
	tval_set_bool(ctx, "none", res.n == 0);
	if (res.n == 0) {
		struct i18n_arg ask[] = {I18N_STR(
		        "ask", web_html_link(a, web_url_lang(req, "/ask"),
		                             web_msg(w, "search_none_ask")))};
		tval_set_str(ctx, "none_html",
		             web_msg_html(req, "search_none", ask, 1));
	}
	/* Pagination: previous / next, keeping the filters. */
	pages = tval_map(a);
	{
		struct buf base = BUF_INIT;
		size_t nf;
		const struct http_kv *kv = http_query_fields(req, &nf);
		for (size_t i = 0; i < nf; i++) {
			if (!strcmp(kv[i].name, "page"))
				continue;
			buf_putc(&base, base.len ? '&' : '?');
			buf_url_arg(&base, kv[i].name, strlen(kv[i].name));
			buf_putc(&base, '=');
			buf_url_arg(&base, kv[i].value, kv[i].len);
		}
		const char *b = arena_strdup(a, base.p ? base.p : "?");
		buf_free(&base);
		if (page > 1)
			tval_set_str(pages, "prev",
			             arena_printf(a, "/search%s&page=%ld", b,
			                          page - 1));
		if ((size_t)page * RESULTS_PER_PAGE < res.total &&
		    page < MAX_PAGES)
			tval_set_str(pages, "next",
			             arena_printf(a, "/search%s&page=%ld", b,
			                          page + 1));
		tval_set_int(pages, "current", page);
	}
	tval_set(ctx, "pages", pages);
	return web_render(req, 200, "search", ctx);
}

/* ---- JSON ---- */

static int respond_json(struct http_request *req, int status, struct buf *b)
{
	http_set_header(req, "Cache-Control", "no-store");
	/* The language of its departments' names and of its messages, as
	 * the other endpoints of the API say (web/api.c). */
	http_set_header(req, "Content-Language", web_lang_tag(http_app(req)));
	return http_respond_buf(req, status, "application/json; charset=utf-8",
	                        b);
}

static int json_error(struct http_request *req, int status, const char *msg)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "{\"error\": ");
	buf_json_str(&b, msg, strlen(msg));
	buf_puts(&b, "}\n");
	return respond_json(req, status, &b);
}

/* A department named as stored, in the request's language, as a JSON
 * "department" with the stored name beside it as "base_department" (as
 * /api/articles gives an article's), into b. */
static void json_dept(struct http_request *req, struct buf *b,
                      const struct department *d, size_t nd, const char *name)
{
	const char *local = dept_name(req, d, nd, name);

	buf_puts(b, ", \"department\": ");
	buf_json_str(b, local, strlen(local));
	buf_puts(b, ", \"base_department\": ");
	buf_json_str(b, name, strlen(name));
}

static void json_hits(struct http_request *req, struct buf *b,
                      const struct search_results *res, int snippets)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct department *d = NULL;
	size_t nd = 0;

	if (res->n && store_department_list(w->store, a, &d, &nd) != STORE_OK)
		nd = 0;
	buf_puts(b, "[");
	for (size_t i = 0; i < res->n; i++) {
		const struct search_hit *h = &res->hits[i];
		const char *url = hit_url(w, a, h);
		if (i)
			buf_puts(b, ", ");
		buf_puts(b, "{\"kind\": ");
		buf_json_str(b, search_kind_name(h->kind),
		             strlen(search_kind_name(h->kind)));
		buf_printf(b, ", \"id\": %lld, \"external_id\": ",
		           (long long)h->id);
		buf_json_str(b, h->external_id, strlen(h->external_id));
		buf_puts(b, ", \"title\": ");
		buf_json_str(b, h->title, strlen(h->title));
		buf_puts(b, ", \"url\": ");
		buf_json_str(b, url, strlen(url));
		json_dept(req, b, d, nd, h->department);
		buf_printf(b, ", \"score\": %.4f", h->score);
		if (snippets) {
			const char *sn =
			        search_snippet(w->index->ix, a, h->text,
			                       &res->terms, SNIPPET_CHARS, 0);
			buf_puts(b, ", \"snippet\": ");
			buf_json_str(b, sn, strlen(sn));
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

int page_api_search(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *q = http_query(req, "q"), *what = NULL;
	struct search_filter f;
	struct search_results res;
	struct buf b = BUF_INIT;
	long page = read_page(req);
	uint64_t t0;
	int rc;

	if (!q || !*q)
		return json_error(req, 400, web_msg(w, "search_need_query"));
	if (read_filter(req, &f, &what) < 0 || page < 0)
		return json_error(req, 400, web_msg(w, "search_bad_filter"));
	t0 = mono_us();
	rc = search_query(w->index->ix, a, q, &f,
	                  (size_t)(page - 1) * RESULTS_PER_PAGE,
	                  RESULTS_PER_PAGE, &res);
	count_query(EP_API, t0, rc, rc < 0 ? 0 : res.total);
	if (rc < 0)
		return rc;
	buf_puts(&b, "{\"query\": ");
	buf_json_str(&b, q, strlen(q));
	buf_printf(&b, ", \"page\": %ld, \"total\": %zu, \"results\": ", page,
	           res.total);
	json_hits(req, &b, &res, 1);
	buf_puts(&b, "}\n");
	return respond_json(req, 200, &b);
}

/* /api/similar?q=TEXT: answered questions and library entries like a
 * question being typed, and the suggested department and topics. */
int page_api_similar(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *q = http_query(req, "q");
	struct search_filter f = {0};
	struct search_results res;
	struct search_triage tr;
	struct buf b = BUF_INIT;
	uint64_t t0;
	int rc;

	if (!q)
		return json_error(req, 400, web_msg(w, "search_need_query"));
	f.kinds = SEARCH_SIMILAR_KINDS;
	t0 = mono_us();
	rc = search_similar_text(w->index->ix, a, q, &f, SUGGEST_COUNT, &res);
	count_query(EP_SIMILAR, t0, rc, rc < 0 ? 0 : res.n);
	if (rc < 0)
		return rc;
	buf_puts(&b, "{\"similar\": ");
	json_hits(req, &b, &res, 0);
	if (search_triage(w->index->ix, a, q, 3, 5, &tr) == 0 && tr.n) {
		struct department *d;
		size_t nd;
		if (store_department_list(w->store, a, &d, &nd) != STORE_OK)
			nd = 0;
		/* In the page's language: the ask form picks the option
		 * that reads the same (static/site.js). */
		json_dept(req, &b, d, nd, tr.departments[0].name);
		buf_printf(&b, ", \"confidence\": %.3f",
		           tr.departments[0].confidence);
		buf_puts(&b, ", \"topics\": [");
		for (size_t i = 0; i < tr.ntopics; i++) {
			if (i)
				buf_puts(&b, ", ");
			buf_json_str(&b, tr.topics[i], strlen(tr.topics[i]));
		}
		buf_puts(&b, "]");
	} else {
		buf_puts(&b,
		         ", \"department\": null, \"base_department\": null,"
		         " \"topics\": []");
	}
	buf_puts(&b, "}\n");
	return respond_json(req, 200, &b);
}

/* ---- Similar Q&A ---- */

/* The Similar Q&A list of Q&A id as JSON text (a list of objects with the
 * fields qa.mustache reads), ranked and read from the store. */
/* The ids of the Q&As most like Q&A id, best first, into ids (room for
 * SIMILAR_POOL); returns how many. Ranking is the costly part of a Q&A
 * page, and signed-in readers render it on every view: for them the
 * ranked ids stay in the cache until id or one of them changes (or the
 * entry expires, so newer Q&As come in). */
static size_t similar_ids(struct http_request *req, int64_t id, int64_t *ids)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *key = arena_printf(a, "similar:%lld", (long long)id);
	uint64_t gen = web_cache_generation(w->cache);
	struct search_filter f = {0};
	struct search_results res;
	struct web_deps deps = {0};
	struct web_cached hit;
	struct buf text = BUF_INIT;
	size_t n = 0;
	/* An anonymous page is cached whole: its parts would only crowd
	 * pages out of the cache. */
	int keep = !web_cacheable(req);

	if (keep && web_cache_get(w->cache, key, a, &hit)) {
		const char *p = hit.before, *end = hit.before + hit.before_len;

		while (p < end && n < SIMILAR_POOL) {
			char *next;
			long long v = strtoll(p, &next, 10);
			if (next == p)
				break;
			ids[n++] = v;
			p = next + (next < end && *next == ',');
		}
		return n;
	}
	f.kinds = SEARCH_KIND_QA;
	if (search_similar(w->index->ix, a, SEARCH_KIND_QA, id, &f,
	                   SIMILAR_POOL, &res) < 0)
		return 0;
	web_deps_add(&deps, STORE_KIND_QA, id);
	for (size_t i = 0; i < res.n && n < SIMILAR_POOL; i++) {
		ids[n] = res.hits[i].id;
		web_deps_add(&deps, STORE_KIND_QA, ids[n]);
		buf_printf(&text, "%s%lld", n ? "," : "", (long long)ids[n]);
		n++;
	}
	if (keep)
		web_cache_put(w->cache, key, gen, &deps, text.p ? text.p : "",
		              text.len, 0);
	buf_free(&text);
	return n;
}

struct tval *web_similar_qas(struct http_request *req, int64_t id,
                             struct web_deps *deps,
                             const struct qa_brief **pool, size_t *n_pool)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);
	struct qa_brief *b;
	int64_t ids[SIMILAR_POOL];
	size_t n = similar_ids(req, id, ids), nb;

	/* The page shows these (and the pool's topics): a change to any of
	 * them drops it. */
	for (size_t i = 0; i < n; i++)
		web_deps_add(deps, STORE_KIND_QA, ids[i]);
	if (pool) {
		*pool = NULL;
		*n_pool = 0;
	}
	/* One statement for all of them, in rank order. */
	if (!n || store_qa_briefs(w->store, a, ids, n, &b, &nb) != STORE_OK)
		return list;
	if (pool) {
		*pool = b;
		*n_pool = nb;
	}
	for (size_t i = 0; i < nb && i < SIMILAR_COUNT; i++) {
		struct tval *m = tval_map(a);

		tval_set_int(m, "id", b[i].id);
		tval_set_str(m, "title", b[i].title);
		tval_set_str(m, "question_excerpt",
		             text_excerpt(a, b[i].text, EXCERPT_CHARS));
		if (b[i].answer) {
			tval_set_str(m, "author",
			             b[i].author ? b[i].author : "");
			tval_set_bool(m, "is_doctor", b[i].doctor_id != 0);
			if (b[i].department) /* in the reader's language */
				tval_set_str(m, "department",
				             web_name(req,
				                      STORE_KIND_DEPARTMENT,
				                      b[i].department_slug,
				                      b[i].department));
			tval_set_str(
			        m, "reply_excerpt",
			        text_excerpt(
			                a, text_markdown_plain(a, b[i].answer),
			                EXCERPT_CHARS));
		}
		tval_push(list, m);
	}
	return list;
}

/* ---- department suggestion ---- */

/* Below this confidence the question goes to the doctors undecided. */
#define SUGGEST_MIN_CONFIDENCE 0.5

int64_t web_suggest_department(struct http_request *req, const char *text)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct search_triage tr;
	struct department *d;
	size_t n;

	if (!w->index || search_triage(w->index->ix, a, text, 1, 0, &tr) < 0 ||
	    !tr.n || tr.departments[0].confidence < SUGGEST_MIN_CONFIDENCE)
		return 0;
	if (store_department_list(w->store, a, &d, &n) != STORE_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(d[i].name, tr.departments[0].name))
			return d[i].id;
	return 0;
}

/* ---- for other pages ---- */

struct search_index *web_search_index(struct web *w)
{
	return w->index ? w->index->ix : NULL;
}
