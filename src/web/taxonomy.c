/* web/taxonomy.c: the admin page for departments and topics: create,
 * rename (the old address keeps working through a 301), describe, move
 * a topic to another department, merge two topics.
 *
 * One page lists everything with a small form per row; every change is a
 * POST with the CSRF token, checked with the role (admins only) before
 * the handler runs (the route table, web/auth.h), and ends in a redirect back
 * to the page whose "done" query names the catalog message to show (or the page
 * again with the error and status 400, 404 or 409). Each change and its audit
 * row are one transaction: begin() opens it right before the store call and
 * finish() commits or rolls back. Renames and merges change what search results
 * show, so the store writes changelog rows and the page cache is dropped here.
 */
#include "web/web.h"

#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/util.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"

static const char *const done_names[] = {"dept_created", "dept_saved",
                                         "topic_created", "topic_saved",
                                         "topic_merged"};

/* "12 Q&As, 3 topics" in the reader's words. */
static const char *counts(struct http_request *req, long long qas,
                          long long topics)
{
	const struct web *w = http_app(req);
	struct i18n_arg args[] = {I18N_NUM("qas", qas),
	                          I18N_NUM("topics", topics)};

	return i18n_format(w->i18n, web_lang(), http_arena(req),
	                   "taxonomy_counts", args, 2);
}

static int render(struct http_request *req, int status, const char *error)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct department *d;
	struct topic *t;
	struct tval *ctx, *dl, *tl;
	struct content_crumbs c;
	size_t nd, nt;
	const char *done = http_query(req, "done");
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &nd)) ||
	    (rc = store_topic_list(w->store, a, 0, &t, &nt)))
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	dl = tval_set(ctx, "departments", tval_list(a));
	for (size_t i = 0; i < nd; i++) {
		struct tval *m = tval_push(dl, tval_map(a));
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name", d[i].name);
		tval_set_str(m, "label",
		             web_name_base(req, STORE_KIND_DEPARTMENT,
		                           d[i].slug, d[i].name));
		tval_set_str(m, "slug", d[i].slug);
		tval_set_str(m, "description",
		             d[i].description ? d[i].description : "");
		tval_set_int(m, "qas", d[i].n_qa);
		tval_set_int(m, "topics", d[i].n_topics);
		tval_set_str(m, "counts",
		             counts(req, d[i].n_qa, d[i].n_topics));
	}
	tl = tval_set(ctx, "topics", tval_list(a));
	for (size_t i = 0; i < nt; i++) {
		struct tval *m = tval_push(tl, tval_map(a));
		struct tval *opts = tval_set(m, "options", tval_list(a));

		tval_set_int(m, "id", t[i].id);
		tval_set_str(m, "name", t[i].name);
		tval_set_str(m, "slug", t[i].slug);
		tval_set_str(m, "label",
		             web_name_base(req, STORE_KIND_TOPIC, t[i].slug,
		                           t[i].name));
		if (t[i].department) {
			struct i18n_arg args[] = {
			        I18N_STR("topic",
			                 web_name(req, STORE_KIND_TOPIC,
			                          t[i].slug, t[i].name)),
			        I18N_STR("department",
			                 web_name(req, STORE_KIND_DEPARTMENT,
			                          t[i].department_slug,
			                          t[i].department))};
			tval_set_str(m, "department", t[i].department);
			tval_set_str(m, "choice",
			             web_msg_args(req,
			                          "related_topic_in_department",
			                          args, 2));
		} else {
			tval_set_str(m, "choice",
			             web_name(req, STORE_KIND_TOPIC, t[i].slug,
			                      t[i].name));
		}
		for (size_t k = 0; k < nd; k++) {
			struct tval *o = tval_push(opts, tval_map(a));
			tval_set_int(o, "id", d[k].id);
			tval_set_str(o, "name",
			             web_name_base(req, STORE_KIND_DEPARTMENT,
			                           d[k].slug, d[k].name));
			tval_set_bool(o, "selected",
			              d[k].id == t[i].department_id);
		}
	}
	tval_set(ctx, "all_departments", dl);
	if (error)
		tval_set_str(ctx, "error", error);
	for (size_t i = 0; done && i < ARRAY_SIZE(done_names); i++)
		if (!strcmp(done, done_names[i]))
			tval_set_str(ctx, "done",
			             web_msg(w, arena_printf(a, "taxonomy_%s",
			                                     done)));
	content_crumbs_init(req, &c);
	content_crumb(req, &c, web_msg(w, "crumb_admin"), "/admin");
	content_crumb(req, &c, web_msg(w, "crumb_taxonomy"), NULL);
	json_decref(content_crumbs_done(req, &c, ctx));
	return web_render(req, status, "admin_taxonomy", ctx);
}

int page_admin_taxonomy(struct http_request *req)
{
	return render(req, 200, NULL);
}

/* A one-line name from the form: NULL (after setting *error) when empty
 * or too long. */
static const char *form_name(struct http_request *req, const char **error,
                             int *status)
{
	const char *s = web_form_text(req, "name");

	if (!*s) {
		*error = web_msg(http_app(req), "taxonomy_name_required");
		*status = 400;
		return NULL;
	}
	if ((*status = web_form_check(req, s, LIMIT_TOPIC_CHARS, 0, error)))
		return NULL;
	return s;
}

/* The department named by form field "department": 0 for none,
 * WEB_EBADID when it is not a department id. */
static int64_t form_department(struct http_request *req)
{
	struct web *w = http_app(req);
	struct department d;
	const char *s = http_form(req, "department");
	int64_t id;

	if (!s || !*s || !strcmp(s, "0"))
		return 0;
	if (web_parse_id(s, &id) < 0 ||
	    store_department_get(w->store, http_arena(req), id, &d) != STORE_OK)
		return WEB_EBADID;
	return id;
}

/* Open the transaction of an action's store call; 0 or a STORE_* code. */
static int begin(struct http_request *req)
{
	return store_tx_begin(((struct web *)http_app(req))->store);
}

/* The end of an action begun with begin(): its audit row and commit, or
 * a rollback; then redirect with done, or show the error. */
static int finish(struct http_request *req, int rc, const char *done,
                  const char *action, enum store_kind kind, int64_t id,
                  const char *detail)
{
	struct web *w = http_app(req);

	rc = web_audit_end(req, rc, action, kind, id, detail);
	switch (rc) {
	case STORE_OK:
		content_changed(w, CHANGE_LOGGED);
		return web_redirect(req, 303,
		                    arena_printf(http_arena(req),
		                                 "/admin/taxonomy?done=%s",
		                                 done));
	case STORE_CONFLICT:
		return render(req, 409, web_msg(w, "taxonomy_name_taken"));
	case STORE_NOTFOUND: return web_not_found(req);
	case STORE_INVALID:
		return render(req, 400, web_msg(w, "taxonomy_invalid"));
	}
	return rc;
}

/* A department's name and description from the form: 0; 1 after showing
 * the page again with the problem; or a negative code. */
static int dept_form(struct http_request *req, const char **name,
                     const char **desc)
{
	const char *error = NULL;
	int status = 400, rc;

	if (!(*name = form_name(req, &error, &status)))
		return (rc = render(req, status, error)) < 0 ? rc : 1;
	*desc = web_form_text(req, "description");
	if ((status = web_form_check(req, *desc, LIMIT_DESCRIPTION_CHARS,
	                             FORM_MULTILINE, &error)))
		return (rc = render(req, status, error)) < 0 ? rc : 1;
	return 0;
}

int page_admin_department_create(struct http_request *req)
{
	const char *name, *desc;
	int64_t id = 0;
	int rc;

	if ((rc = dept_form(req, &name, &desc)))
		return rc > 0 ? 0 : rc;
	if ((rc = begin(req)))
		return rc;
	/* The id is read after the call that sets it (argument order is
	 * unspecified). */
	rc = store_department_create(((struct web *)http_app(req))->store, name,
	                             desc, &id);
	return finish(req, rc, "dept_created", "department.create",
	              STORE_KIND_DEPARTMENT, id, NULL);
}

int page_admin_department_update(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *name, *desc;
	int64_t id;
	int rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	if ((rc = dept_form(req, &name, &desc)))
		return rc > 0 ? 0 : rc;
	if ((rc = begin(req)))
		return rc;
	return finish(req, store_department_update(w->store, id, name, desc),
	              "dept_saved", "department.update", STORE_KIND_DEPARTMENT,
	              id, NULL);
}

int page_admin_topic_create(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *name, *error = NULL;
	int64_t id = 0, dept;
	int status = 400, rc;

	if (!(name = form_name(req, &error, &status)))
		return render(req, status, error);
	if ((dept = form_department(req)) < 0)
		return render(req, 400, web_msg(w, "form_bad_department"));
	if ((rc = begin(req)))
		return rc;
	rc = store_topic_create(w->store, name, dept, &id);
	return finish(req, rc, "topic_created", "topic.create",
	              STORE_KIND_TOPIC, id, NULL);
}

int page_admin_topic_update(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *name, *error = NULL;
	int64_t id, dept;
	int status = 400, rc;

	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	if (!(name = form_name(req, &error, &status)))
		return render(req, status, error);
	if ((dept = form_department(req)) < 0)
		return render(req, 400, web_msg(w, "form_bad_department"));
	if ((rc = begin(req)))
		return rc;
	return finish(req, store_topic_update(w->store, id, name, dept),
	              "topic_saved", "topic.update", STORE_KIND_TOPIC, id,
	              NULL);
}

int page_admin_topic_merge(struct http_request *req)
{
	struct web *w = http_app(req);
	int64_t id, into;
	int rc;

	if (web_parse_id(http_form(req, "from"), &id) < 0 ||
	    web_parse_id(http_form(req, "into"), &into) < 0)
		return render(req, 400, web_msg(w, "taxonomy_merge_target"));
	if ((rc = begin(req)))
		return rc;
	return finish(
	        req, store_topic_merge(w->store, id, into), "topic_merged",
	        "topic.merge", STORE_KIND_TOPIC, into,
	        arena_printf(http_arena(req), "from=%lld", (long long)id));
}
