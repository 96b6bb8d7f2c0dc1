/* web/api.c: the JSON read API: Q&As, articles, departments, topics and
 * doctors (documented in docs/openapi.yaml).
 *
 * Read-only and public: it returns exactly what the public pages show
 * and nothing else (no e-mail addresses, status links, account ids of
 * askers or licence numbers), and only published content. Lists are
 * paged with ?page=N (CONTENT_PER_PAGE items) and say their total; an
 * unknown id or slug is a JSON 404, a malformed page or filter a JSON
 * 400. Responses allow any origin (CORS), since they hold public data.
 *
 * Departments, topics and article categories are named in the request's
 * language (?lang=, the cookie, Accept-Language, the site's default, as
 * pages choose it: web/locale.h), each with its name as stored beside it
 * ("base_name", "base_category"), which never changes with the language;
 * Content-Language says which language the names are in.
 */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "store/store.h"
#include "util/arena.h"
#include "web/api.h"
#include "web/articles.h"
#include "web/content.h"
#include "web/locale.h"
#include "web/question_view.h"
#include "web/text.h"

/* A JSON string or null. */
static json_t *js(const char *s)
{
	return s ? content_jstr(s) : json_null();
}

/* The absolute URL of path, as JSON. */
static json_t *jurl(struct http_request *req, const char *path)
{
	return content_jstr(content_url(req, path));
}

/* {"id", "title", "url"} of the page at prefix followed by id (a Q&A, a
 * library entry). */
static json_t *titled(struct http_request *req, const char *prefix, int64_t id,
                      const char *title)
{
	json_t *m = json_object();

	json_object_set_new(m, "id", json_integer(id));
	json_object_set_new(m, "title", content_jstr(title));
	json_object_set_new(m, "url",
	                    jurl(req, arena_printf(http_arena(req), "%s%lld",
	                                           prefix, (long long)id)));
	return m;
}

/* The name of a department or topic (kind) in the request's language
 * ("name") and as stored ("base_name"), into m. */
static void set_names(struct http_request *req, json_t *m, int kind,
                      const char *name, const char *slug)
{
	json_object_set_new(m, "name",
	                    content_jstr(web_name(req, kind, slug, name)));
	json_object_set_new(m, "base_name", content_jstr(name));
}

/* {"name", "base_name", "slug", "url"} of the page at prefix followed by
 * slug (a department, a topic: kind). */
static json_t *named(struct http_request *req, const char *prefix, int kind,
                     const char *name, const char *slug)
{
	json_t *m = json_object();

	set_names(req, m, kind, name, slug);
	json_object_set_new(m, "slug", content_jstr(slug));
	json_object_set_new(
	        m, "url",
	        jurl(req, arena_printf(http_arena(req), "%s%s", prefix, slug)));
	return m;
}

/* The JSON array of the n items of `size` bytes at items, each made by
 * fn. */
typedef json_t *item_json(struct http_request *req, const void *item);

static json_t *json_items(struct http_request *req, const void *items,
                          size_t size, size_t n, item_json *fn)
{
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(list,
		                      fn(req, (const char *)items + i * size));
	return list;
}

static json_t *dept_ref(struct http_request *req, const char *name,
                        const char *slug)
{
	json_t *d;

	if (!name)
		return json_null();
	d = json_object();
	set_names(req, d, STORE_KIND_DEPARTMENT, name, slug);
	json_object_set_new(d, "slug", js(slug));
	return d;
}

static json_t *doctor_ref(struct http_request *req, int64_t id,
                          const char *name)
{
	const char *url = web_doctor_url(req, id);
	json_t *d;

	if (!id || !name)
		return json_null();
	d = json_object();
	json_object_set_new(d, "id", json_integer(id));
	json_object_set_new(d, "name", content_jstr(name));
	json_object_set_new(d, "url", url ? jurl(req, url) : json_null());
	return d;
}

/* The page of a list; or WEB_EBADPAGE after answering 400. */
static int read_page(struct http_request *req, struct content_pager *pg)
{
	int rc = content_pager_read(req, CONTENT_PER_PAGE, pg);

	if (rc < 0)
		content_json_error(req, 400,
		                   web_msg(http_app(req), "api_bad_page"));
	return rc;
}

static json_t *list_doc(const struct content_pager *pg, int64_t total,
                        json_t *items)
{
	json_t *j = json_object();

	json_object_set_new(j, "page", json_integer(pg->page));
	json_object_set_new(j, "per_page", json_integer((json_int_t)pg->per));
	json_object_set_new(j, "total", json_integer(total));
	json_object_set_new(j, "items", items);
	return j;
}

static int bad_filter(struct http_request *req)
{
	return content_json_error(req, 400,
	                          web_msg(http_app(req), "api_bad_filter"));
}

/* The department of ?department=SLUG into *dept (0 without one); 1
 * after answering 400 for an unknown slug. */
static int dept_filter(struct http_request *req, int64_t *dept)
{
	struct web *w = http_app(req);
	const char *slug = http_query(req, "department");
	struct department d;

	*dept = 0;
	if (!slug)
		return 0;
	if (store_department_by_slug(w->store, http_arena(req), slug, &d)) {
		bad_filter(req);
		return 1;
	}
	*dept = d.id;
	return 0;
}

/* Respond with {"total": n, "items": [...]}, the whole list of the n
 * items at items made by fn. */
static int whole_list(struct http_request *req, const void *items, size_t size,
                      size_t n, item_json *fn)
{
	json_t *j = json_object();

	json_object_set_new(j, "total", json_integer((json_int_t)n));
	json_object_set_new(j, "items", json_items(req, items, size, n, fn));
	return content_json(req, 200, j);
}

static int not_found(struct http_request *req)
{
	return content_json_error(req, 404,
	                          web_msg(http_app(req), "api_not_found"));
}

/* ---- Q&As ---- */

int page_api_qas(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *tslug = http_query(req, "topic");
	const char *doc = http_query(req, "doctor");
	struct content_pager pg;
	struct qa_item *it;
	int64_t total, dept = 0, topic = 0, doctor = 0;
	json_t *items;
	size_t n;
	int rc;

	if (read_page(req, &pg) < 0)
		return 0;
	if (dept_filter(req, &dept))
		return 0;
	if (tslug) {
		struct topic t;
		if (store_topic_by_slug(w->store, a, tslug, &t))
			return bad_filter(req);
		topic = t.id;
	}
	if (doc && web_parse_id(doc, &doctor) < 0)
		return bad_filter(req);
	if ((rc = store_qa_count(w->store, topic, doctor, dept, &total)))
		return rc;
	if (topic)
		rc = store_qa_by_topic(w->store, a, topic, pg.offset, pg.per,
		                       &it, &n);
	else if (doctor)
		rc = store_qa_by_doctor(w->store, a, doctor, pg.offset, pg.per,
		                        &it, &n);
	else
		rc = store_qa_latest(w->store, a, dept, pg.offset, pg.per, &it,
		                     &n);
	if (rc)
		return rc;
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *m = titled(req, "/qa/", it[i].id, it[i].title);
		json_object_set_new(m, "published_at",
		                    js(content_datetime(a, it[i].date)));
		json_object_set_new(
		        m, "department",
		        dept_ref(req, it[i].department, it[i].department_slug));
		json_object_set_new(
		        m, "doctor",
		        doctor_ref(req, it[i].doctor_id, it[i].doctor));
		json_object_set_new(m, "excerpt", js(it[i].excerpt));
		json_array_append_new(items, m);
	}
	return content_json(req, 200, list_doc(&pg, total, items));
}

int page_api_qa(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct question q;
	json_t *j, *answers, *topics, *asker;
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return not_found(req);
	rc = store_qa_get(w->store, a, id, &q);
	if (rc == STORE_NOTFOUND || (!rc && q.status != STORE_Q_PUBLISHED))
		return not_found(req);
	if (rc)
		return rc;
	j = titled(req, "/qa/", q.id, q.title);
	json_object_set_new(j, "question", content_jstr(q.text));
	asker = json_object();
	json_object_set_new(asker, "nickname", js(q.nickname));
	json_object_set_new(asker, "age_band", js(q.age_band));
	json_object_set_new(asker, "sex", js(q.sex));
	json_object_set_new(j, "asker", asker);
	json_object_set_new(j, "asked_at", js(content_datetime(a, q.asked_at)));
	json_object_set_new(j, "published_at",
	                    js(content_datetime(a, q.published_at)));
	json_object_set_new(j, "language", js(q.language));
	json_object_set_new(j, "department",
	                    dept_ref(req, q.department, q.department_slug));
	topics = json_array();
	for (size_t i = 0; i < q.n_topics; i++) {
		json_t *t = json_object();
		set_names(req, t, STORE_KIND_TOPIC, q.topics[i].name,
		          q.topics[i].slug);
		json_object_set_new(t, "slug", content_jstr(q.topics[i].slug));
		json_object_set_new(t, "department",
		                    dept_ref(req, q.topics[i].department,
		                             q.topics[i].department_slug));
		json_array_append_new(topics, t);
	}
	json_object_set_new(j, "topics", topics);
	answers = json_array();
	for (size_t i = 0; i < q.n_answers; i++) {
		const struct answer *an = &q.answers[i];
		json_t *m = json_object();
		json_object_set_new(m, "id", json_integer(an->id));
		json_object_set_new(m, "author", js(an->author));
		json_object_set_new(m, "doctor",
		                    doctor_ref(req, an->doctor_id, an->author));
		json_object_set_new(m, "department", js(an->department));
		json_object_set_new(m, "hospital", js(an->hospital));
		json_object_set_new(m, "body_markdown", js(an->body));
		json_object_set_new(m, "body_html",
		                    content_jstr(text_markdown(a, an->body)));
		json_object_set_new(m, "signoff", js(an->signoff));
		json_object_set_new(m, "answered_at",
		                    js(content_datetime(a, an->answered_at)));
		json_object_set_new(m, "edited_at",
		                    js(content_datetime(a, an->edited_at)));
		json_array_append_new(answers, m);
	}
	json_object_set_new(j, "answers", answers);
	if (q.source.name) {
		json_t *s = json_object();
		json_object_set_new(s, "name", content_jstr(q.source.name));
		json_object_set_new(s, "url", js(q.source.url));
		json_object_set_new(j, "source", s);
	} else {
		json_object_set_new(j, "source", json_null());
	}
	return content_json(req, 200, j);
}

/* ---- articles ---- */

static json_t *article_json(struct http_request *req, const void *item)
{
	const struct article_item *it = item;
	struct arena *a = http_arena(req);
	json_t *m = json_object();

	json_object_set_new(m, "slug", content_jstr(it->slug));
	json_object_set_new(m, "title", content_jstr(it->title));
	json_object_set_new(
	        m, "url",
	        jurl(req, arena_printf(a, "/articles/%s",
	                               content_url_enc(a, it->slug))));
	json_object_set_new(m, "summary", js(it->summary));
	json_object_set_new(m, "author", js(it->author));
	json_object_set_new(m, "category",
	                    js(it->category
	                               ? web_category_name(req, it->category, 1)
	                               : NULL));
	json_object_set_new(m, "base_category", js(it->category));
	json_object_set_new(m, "published_at",
	                    js(content_datetime(a, it->published_at)));
	json_object_set_new(m, "updated_at",
	                    js(content_datetime(a, it->updated_at)));
	return m;
}

int page_api_articles(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *cat = http_query(req, "category");
	struct content_pager pg;
	struct article_item *it, *all;
	size_t n, total;
	json_t *items;
	int rc;

	if (read_page(req, &pg) < 0)
		return 0;
	/* Articles are editorial (hundreds): counting them is cheap. */
	if ((rc = store_article_list(w->store, a, cat, 0, 0, 100000, &all,
	                             &total)))
		return rc;
	(void)all;
	if ((rc = store_article_list(w->store, a, cat, 0, pg.offset, pg.per,
	                             &it, &n)))
		return rc;
	items = json_items(req, it, sizeof(*it), n, article_json);
	return content_json(req, 200, list_doc(&pg, (int64_t)total, items));
}

int page_api_article(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct article art;
	struct article_state st;
	struct article_item it;
	json_t *j, *topics;
	int rc;

	rc = store_article_by_slug(w->store, a, http_param(req, "slug"), &art);
	if (!rc)
		rc = store_article_state(w->store, art.id, &st);
	if (rc == STORE_NOTFOUND ||
	    (!rc && st.status != STORE_ARTICLE_PUBLISHED))
		return not_found(req);
	if (rc)
		return rc;
	memset(&it, 0, sizeof(it));
	it.slug = art.slug;
	it.title = art.title;
	it.summary = art.summary;
	it.author = art.author;
	it.category = art.category;
	it.published_at = art.published_at ? art.published_at : art.updated_at;
	it.updated_at = art.updated_at;
	j = article_json(req, &it);
	json_object_set_new(j, "body_markdown", js(art.body));
	json_object_set_new(j, "body_html",
	                    content_jstr(text_markdown(a, art.body)));
	json_object_set_new(j, "department",
	                    js(web_name_id(req, STORE_KIND_DEPARTMENT,
	                                   art.department_id, art.department)));
	json_object_set_new(j, "base_department", js(art.department));
	topics = json_array();
	for (size_t i = 0; i < art.n_topics; i++) {
		json_t *t = json_object();
		set_names(req, t, STORE_KIND_TOPIC, art.topics[i].name,
		          art.topics[i].slug);
		json_object_set_new(t, "slug",
		                    content_jstr(art.topics[i].slug));
		json_array_append_new(topics, t);
	}
	json_object_set_new(j, "topics", topics);
	return content_json(req, 200, j);
}

/* ---- departments, topics, doctors ---- */

static json_t *department_json(struct http_request *req, const void *item)
{
	const struct department *d = item;
	json_t *m = named(req, "/department/", STORE_KIND_DEPARTMENT, d->name,
	                  d->slug);

	json_object_set_new(m, "description", js(d->description));
	json_object_set_new(m, "qa_count", json_integer(d->n_qa));
	json_object_set_new(m, "library_count", json_integer(d->n_faq));
	json_object_set_new(m, "topic_count", json_integer(d->n_topics));
	return m;
}

static json_t *topic_json(struct http_request *req, const void *item)
{
	const struct topic *t = item;
	json_t *m = named(req, "/topic/", STORE_KIND_TOPIC, t->name, t->slug),
	       *syn = json_array();

	json_object_set_new(m, "department",
	                    dept_ref(req, t->department, t->department_slug));
	for (size_t i = 0; i < t->n_synonyms; i++)
		json_array_append_new(syn, content_jstr(t->synonyms[i]));
	json_object_set_new(m, "synonyms", syn);
	return m;
}

static json_t *doctor_json(struct http_request *req, const void *item)
{
	const struct doctor_profile *p = item;
	struct arena *a = http_arena(req);
	json_t *m = json_object();

	json_object_set_new(m, "id", json_integer(p->user_id));
	json_object_set_new(m, "name", content_jstr(p->name));
	json_object_set_new(m, "url",
	                    jurl(req, arena_printf(a, "/doctor/%lld",
	                                           (long long)p->user_id)));
	json_object_set_new(m, "title", js(p->title));
	json_object_set_new(m, "hospital", js(p->hospital));
	json_object_set_new(m, "department",
	                    dept_ref(req, p->department, p->department_slug));
	json_object_set_new(m, "bio", js(p->bio));
	json_object_set_new(
	        m, "photo_url",
	        p->photo_type ? jurl(req, arena_printf(a, "/doctor/%lld/photo",
	                                               (long long)p->user_id))
	                      : json_null());
	json_object_set_new(m, "answer_count", json_integer(p->n_answers));
	return m;
}

int page_api_departments(struct http_request *req)
{
	struct web *w = http_app(req);
	struct department *d;
	size_t n;
	int rc;

	if ((rc = store_department_list(w->store, http_arena(req), &d, &n)))
		return rc;
	return whole_list(req, d, sizeof(*d), n, department_json);
}

int page_api_department(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct department d;
	struct topic *t;
	struct doctor_profile *p;
	size_t nt, np;
	json_t *j, *topics, *doctors;
	int rc;

	rc = store_department_by_slug(w->store, a, http_param(req, "slug"), &d);
	if (rc == STORE_NOTFOUND)
		return not_found(req);
	if (rc || (rc = store_topic_list(w->store, a, d.id, &t, &nt)) ||
	    (rc = store_doctor_list(w->store, a, d.id, 0, 1000, &p, &np)))
		return rc;
	j = department_json(req, &d);
	topics = json_items(req, t, sizeof(*t), nt, topic_json);
	json_object_set_new(j, "topics", topics);
	doctors = json_items(req, p, sizeof(*p), np, doctor_json);
	json_object_set_new(j, "doctors", doctors);
	return content_json(req, 200, j);
}

int page_api_topics(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct topic *t;
	int64_t dept = 0;
	size_t n;
	int rc;

	if (dept_filter(req, &dept))
		return 0;
	if ((rc = store_topic_list(w->store, a, dept, &t, &n)))
		return rc;
	return whole_list(req, t, sizeof(*t), n, topic_json);
}

int page_api_topic(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct topic t;
	struct faq_item *f;
	int64_t count;
	size_t n;
	json_t *j, *lib;
	int rc;

	rc = store_topic_by_slug(w->store, a, http_param(req, "slug"), &t);
	if (rc == STORE_NOTFOUND)
		return not_found(req);
	if (rc || (rc = store_qa_count(w->store, t.id, 0, 0, &count)) ||
	    (rc = store_faq_list(w->store, a, t.id, 0, 0, 1000, &f, &n)))
		return rc;
	j = topic_json(req, &t);
	json_object_set_new(j, "qa_count", json_integer(count));
	lib = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *m = titled(req, "/library/", f[i].id, f[i].title);
		json_object_set_new(m, "source", js(f[i].source));
		json_array_append_new(lib, m);
	}
	json_object_set_new(j, "library", lib);
	return content_json(req, 200, j);
}

int page_api_doctors(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct doctor_profile *p;
	int64_t dept = 0;
	size_t n;
	int rc;

	if (dept_filter(req, &dept))
		return 0;
	if ((rc = store_doctor_list(w->store, a, dept, 0, 10000, &p, &n)))
		return rc;
	return whole_list(req, p, sizeof(*p), n, doctor_json);
}

int page_api_doctor(struct http_request *req)
{
	struct web *w = http_app(req);
	struct doctor_profile p;
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return not_found(req);
	rc = store_doctor_profile(w->store, http_arena(req), id, &p);
	if (rc == STORE_NOTFOUND)
		return not_found(req);
	if (rc)
		return rc;
	return content_json(req, 200, doctor_json(req, &p));
}
