/* web/home.c: the home page, the department list, department and topic
 * pages: the ways into the archive from the top.
 *
 * Department and topic pages list their Q&As a page at a time (?page=N;
 * a page past the end is a 404, so search engines never index empty
 * lists). A slug that names nothing may be one a rename or merge left
 * behind: it answers 301 to the current page, so old links and search
 * results keep working. */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "web/content.h"
#include "web/home.h"
#include "web/locale.h"
#include "web/question_view.h"
#include "web/text.h"

#define HOME_QAS_PER_DEPT 5
#define LIST_QAS          30
#define HOME_ARTICLES     4

/* A list of library entries for templates: id, title, source. */
static struct tval *faq_items(struct arena *a, const struct faq_item *f,
                              size_t n)
{
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_push(list, tval_map(a));
		tval_set_int(m, "id", f[i].id);
		tval_set_str(m, "title", f[i].title);
		if (f[i].source)
			tval_set_str(m, "source", f[i].source);
	}
	return list;
}

static struct tval *departments(struct http_request *req, struct department *d,
                                size_t n)
{
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name", d[i].name);
		tval_set_str(m, "slug", d[i].slug);
		tval_set_int(m, "count", d[i].n_qa);
		tval_set_str(
		        m, "count_text",
		        web_msg_count(req, "departments_count", d[i].n_qa));
		tval_push(list, m);
	}
	return list;
}

int page_home(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req), *blocks = tval_list(a);
	struct department *d;
	size_t n;
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &n)) != STORE_OK)
		return rc;
	web_names_depts(req, d, n);
	for (size_t i = 0; i < n; i++) {
		struct qa_item *items;
		size_t k;
		if (!d[i].n_qa)
			continue;
		rc = store_qa_latest(w->store, a, d[i].id, 0, HOME_QAS_PER_DEPT,
		                     &items, &k);
		if (rc != STORE_OK)
			return rc;
		struct tval *m = tval_map(a);
		tval_set_str(m, "name", d[i].name);
		tval_set_str(m, "slug", d[i].slug);
		tval_set(m, "qas", content_qa_lines(req, items, k));
		tval_push(blocks, m);
	}
	tval_set(ctx, "departments_with_qas", blocks);
	tval_set(ctx, "departments", departments(req, d, n));
	{
		/* The newest health articles. */
		struct article_item *ar;
		struct tval *list = tval_set(ctx, "articles", tval_list(a));
		size_t na;
		if ((rc = store_article_list(w->store, a, NULL, 0, 0,
		                             HOME_ARTICLES, &ar, &na)))
			return rc;
		for (size_t i = 0; i < na; i++) {
			struct tval *m = tval_push(list, tval_map(a));
			tval_set_str(m, "slug", ar[i].slug);
			tval_set_str(m, "title", ar[i].title);
			tval_set_str(m, "date",
			             web_date(req, ar[i].published_at));
		}
		tval_set_bool(ctx, "has_articles", na > 0);
	}
	return web_render(req, 200, "home", ctx);
}

int page_departments(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx = web_page(req);
	struct department *d;
	size_t n;
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &n)) != STORE_OK)
		return rc;
	web_names_depts(req, d, n);
	tval_set(ctx, "departments", departments(req, d, n));
	return web_render(req, 200, "departments", ctx);
}

/* Answer a slug that names nothing: a 301 to the page it was renamed or
 * merged into (keeping any query), else a 404. */
static int renamed(struct http_request *req, enum store_slug_kind kind,
                   const char *prefix)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *slug, *tail;
	size_t n;
	int rc;

	rc = store_slug_redirect(w->store, a, kind, http_param(req, "slug"),
	                         &slug);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	/* Keep the page number (the only query these pages read) and a
	 * linked language (web_redirect puts it back). */
	http_query_fields(req, &n);
	tail = http_query(req, "page");
	if (http_query(req, "lang"))
		n--;
	return web_redirect(req, 301,
	                    tail && n == 1
	                            ? arena_printf(a, "%s%s?page=%s", prefix,
	                                           content_url_enc(a, slug),
	                                           content_url_enc(a, tail))
	                            : arena_printf(a, "%s%s", prefix,
	                                           content_url_enc(a, slug)));
}

/* The schema.org CollectionPage of a department or topic page. */
static json_t *collection(struct http_request *req, const char *name,
                          const char *description)
{
	json_t *j = json_object(), *about = json_object();

	json_object_set_new(j, "@type", json_string("CollectionPage"));
	json_object_set_new(j, "name", content_jstr(name));
	json_object_set_new(j, "url",
	                    content_jstr(content_url(req, http_path(req))));
	if (description && *description)
		json_object_set_new(j, "description",
		                    content_jstr(description));
	json_object_set_new(about, "@type", json_string("Thing"));
	json_object_set_new(about, "name", content_jstr(name));
	json_object_set_new(j, "about", about);
	return j;
}

/* The end of a department's (kind "department") or topic's page: its
 * library entries, its feed (/feeds/KIND/SLUG.atom), the last crumb (c
 * holds those before it) and the schema.org graph; renders template
 * kind. */
static int collection_page(struct http_request *req, struct tval *ctx,
                           struct content_crumbs *c, const char *kind,
                           const char *name, const char *slug,
                           const char *description, const struct faq_item *faq,
                           size_t nf)
{
	struct arena *a = http_arena(req);
	struct tval *feed;
	json_t *g;

	tval_set(ctx, "library", faq_items(a, faq, nf));
	tval_set_bool(ctx, "has_library", nf > 0);
	feed = tval_set(ctx, "feed", tval_map(a));
	tval_set_str(feed, "url",
	             arena_printf(a, "/feeds/%s/%s.atom%s", kind, slug,
	                          web_lang_query(req)));
	tval_set_str(feed, "title", name);
	content_crumb(req, c, name, NULL);
	g = json_array();
	json_array_append_new(g, collection(req, name, description));
	json_array_append_new(g, content_crumbs_done(req, c, ctx));
	content_jsonld(req, ctx, g);
	return web_render(req, 200, kind, ctx);
}

int page_department(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *dept;
	struct content_pager pg;
	struct content_crumbs c;
	struct department d;
	struct doctor_profile *docs;
	struct topic *t;
	struct qa_item *items;
	struct faq_item *faq;
	size_t nt, nq, nd, nf;
	int rc;

	if (content_pager_read(req, CONTENT_PER_PAGE, &pg) < 0)
		return web_not_found(req);
	rc = store_department_by_slug(w->store, a, http_param(req, "slug"), &d);
	if (rc == STORE_NOTFOUND)
		return renamed(req, STORE_SLUG_DEPARTMENT, "/department/");
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_topic_list(w->store, a, d.id, &t, &nt)) ||
	    (rc = store_qa_latest(w->store, a, d.id, pg.offset, pg.per, &items,
	                          &nq)) ||
	    (rc = store_doctor_list(w->store, a, d.id, 0, 100, &docs, &nd)) ||
	    (rc = store_faq_list(w->store, a, 0, d.id, 0, LIST_QAS, &faq, &nf)))
		return rc;
	web_names_depts(req, &d, 1);
	web_names_topics(req, t, nt);
	ctx = web_page(req);
	if (content_pager_set(req, ctx, &pg, d.n_qa) < 0)
		return web_not_found(req);
	dept = tval_set(ctx, "dept", tval_map(a));
	tval_set_str(dept, "name", d.name);
	tval_set_str(dept, "slug", d.slug);
	tval_set_int(dept, "count", d.n_qa);
	tval_set_str(dept, "summary",
	             web_msg_name(req, "dept_summary", d.name, d.n_qa));
	tval_set_str(dept, "feed_link",
	             web_msg_name(req, "dept_feed_link", d.name, d.n_qa));
	tval_set_str(dept, "doctors_h",
	             web_msg_name(req, "dept_doctors", d.name, d.n_qa));
	if (d.description && *d.description)
		tval_set_str(dept, "description", d.description);
	tval_set(ctx, "topics", web_topics_value(a, t, nt));
	tval_set_bool(ctx, "has_topics", nt > 0);
	tval_set(ctx, "qas", content_qa_items(req, items, nq));
	tval_set(ctx, "doctors", web_doctor_list_value(req, docs, nd));
	tval_set_bool(ctx, "has_doctors", nd > 0);
	content_crumbs_init(req, &c);
	content_crumb(req, &c, web_msg(w, "crumb_departments"), "/departments");
	return collection_page(req, ctx, &c, "department", d.name, d.slug,
	                       d.description, faq, nf);
}

int page_topic(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *topic;
	struct content_pager pg;
	struct content_crumbs c;
	struct topic t;
	struct qa_item *items;
	struct faq_item *faq;
	int64_t total;
	size_t nq, nf;
	int rc;

	if (content_pager_read(req, CONTENT_PER_PAGE, &pg) < 0)
		return web_not_found(req);
	rc = store_topic_by_slug(w->store, a, http_param(req, "slug"), &t);
	if (rc == STORE_NOTFOUND)
		return renamed(req, STORE_SLUG_TOPIC, "/topic/");
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_qa_count(w->store, t.id, 0, 0, &total)) ||
	    (rc = store_qa_by_topic(w->store, a, t.id, pg.offset, pg.per,
	                            &items, &nq)) ||
	    (rc = store_faq_list(w->store, a, t.id, 0, 0, 100, &faq, &nf)))
		return rc;
	web_names_topics(req, &t, 1);
	ctx = web_page(req);
	if (content_pager_set(req, ctx, &pg, total) < 0)
		return web_not_found(req);
	topic = tval_set(ctx, "topic", tval_map(a));
	tval_set_str(topic, "name", t.name);
	tval_set_str(topic, "slug", t.slug);
	tval_set_int(topic, "count", total);
	{
		struct i18n_arg args[] = {
		        I18N_NUM("count", total), I18N_STR("name", t.name),
		        I18N_STR("dept", t.department ? t.department : "none")};
		tval_set_str(topic, "summary",
		             i18n_format(w->i18n, web_lang(), a,
		                         "topic_summary", args, 3));
	}
	tval_set_str(topic, "feed_link",
	             web_msg_name(req, "topic_feed_link", t.name, total));
	if (t.department) {
		struct tval *d = tval_set(topic, "department", tval_map(a));
		tval_set_str(d, "name", t.department);
		tval_set_str(d, "slug", t.department_slug);
	}
	if (t.n_synonyms) {
		struct tval *syn = tval_set(topic, "synonyms", tval_list(a));
		tval_set_bool(topic, "has_synonyms", 1);
		for (size_t i = 0; i < t.n_synonyms; i++)
			tval_push(syn, tval_str(a, t.synonyms[i]));
	}
	tval_set(ctx, "qas", content_qa_items(req, items, nq));
	content_crumbs_init(req, &c);
	if (t.department)
		content_crumb(
		        req, &c, t.department,
		        arena_printf(a, "/department/%s", t.department_slug));
	return collection_page(req, ctx, &c, "topic", t.name, t.slug, NULL, faq,
	                       nf);
}
