/* web/home.c: the home page, the department list, department and topic
 * pages: the ways into the archive from the top. */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "web/text.h"

#define HOME_QAS_PER_DEPT 5
#define LIST_QAS          30

/* A list of Q&A lines for templates: id, title, date, doctor, excerpt. */
static struct tval *qa_items(struct arena *a, const struct qa_item *items,
                             size_t n)
{
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", items[i].id);
		tval_set_str(m, "title", items[i].title);
		tval_set_str(m, "date", text_date(a, items[i].date));
		if (items[i].doctor)
			tval_set_str(m, "doctor", items[i].doctor);
		tval_set_str(m, "excerpt", items[i].excerpt);
		tval_set_str(m, "department", items[i].department);
		tval_set_str(m, "department_slug", items[i].department_slug);
		tval_push(list, m);
	}
	return list;
}

static struct tval *departments(struct arena *a, struct department *d, size_t n)
{
	struct tval *list = tval_list(a);

	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name", d[i].name);
		tval_set_str(m, "slug", d[i].slug);
		tval_set_int(m, "count", d[i].n_qa);
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
		tval_set(m, "qas", qa_items(a, items, k));
		tval_push(blocks, m);
	}
	tval_set(ctx, "departments_with_qas", blocks);
	tval_set(ctx, "departments", departments(a, d, n));
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
	tval_set(ctx, "departments", departments(a, d, n));
	return web_render(req, 200, "departments", ctx);
}

int page_department(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *dept, *topics;
	struct department d;
	struct topic *t;
	struct qa_item *items;
	size_t nt, nq;
	int rc;

	rc = store_department_by_slug(w->store, a, http_param(req, "slug"), &d);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_topic_list(w->store, a, d.id, &t, &nt)) != STORE_OK)
		return rc;
	rc = store_qa_latest(w->store, a, d.id, 0, LIST_QAS, &items, &nq);
	if (rc != STORE_OK)
		return rc;
	ctx = web_page(req);
	dept = tval_map(a);
	tval_set_str(dept, "name", d.name);
	tval_set_str(dept, "slug", d.slug);
	if (d.description && *d.description)
		tval_set_str(dept, "description", d.description);
	tval_set(ctx, "dept", dept);
	topics = tval_list(a);
	for (size_t i = 0; i < nt; i++) {
		struct tval *m = tval_map(a);
		tval_set_str(m, "name", t[i].name);
		tval_set_str(m, "slug", t[i].slug);
		tval_push(topics, m);
	}
	tval_set(ctx, "topics", topics);
	tval_set_bool(ctx, "has_topics", nt > 0);
	tval_set(ctx, "qas", qa_items(a, items, nq));
	return web_render(req, 200, "department", ctx);
}

int page_topic(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx, *topic;
	struct topic t;
	struct qa_item *items;
	size_t nq;
	int rc;

	rc = store_topic_by_slug(w->store, a, http_param(req, "slug"), &t);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc != STORE_OK)
		return rc;
	rc = store_qa_by_topic(w->store, a, t.id, 0, LIST_QAS, &items, &nq);
	if (rc != STORE_OK)
		return rc;
	ctx = web_page(req);
	topic = tval_map(a);
	tval_set_str(topic, "name", t.name);
	tval_set_str(topic, "slug", t.slug);
	if (t.department) {
		struct tval *d = tval_map(a);
		tval_set_str(d, "name", t.department);
		tval_set_str(d, "slug", t.department_slug);
		tval_set(topic, "department", d);
	}
	tval_set(ctx, "topic", topic);
	tval_set(ctx, "qas", qa_items(a, items, nq));
	return web_render(req, 200, "topic", ctx);
}
