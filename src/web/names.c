/* web/names.c: the admin page for the names of departments, topics and
 * article categories in each of the site's languages (issue 16):
 * GET /admin/names, POST /admin/names/:kind/:id (kind "department" or
 * "topic") and POST /admin/names/categories (the category's path in the
 * field "path"), one field name_TAG per language; an empty field removes
 * that language's name, so its readers see the name as stored. Each
 * change and its audit row ("taxonomy.names", "category.names") are one
 * transaction; cached pages are dropped.
 */
#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "web/admin.h"
#include "web/articles.h"
#include "web/auth.h"
#include "web/content.h"
#include "web/form.h"
#include "web/locale.h"
#include "web/web.h"

/* Characters of a name, as the taxonomy page allows. */
#define NAME_CHARS 100

static const char *stored(const struct store_name *v, size_t n, int kind,
                          int64_t id, const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if ((int)v[i].kind == kind && v[i].id == id &&
		    !strcmp(v[i].lang, lang))
			return v[i].name;
	return "";
}

static const char *stored_category(const struct store_name *v, size_t n,
                                   const char *path, const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == STORE_KIND_CATEGORY && v[i].slug &&
		    !strcmp(v[i].slug, path) && !strcmp(v[i].lang, lang))
			return v[i].name;
	return "";
}

/* One row's values: id, name, kind, action, view (its page), path (a
 * category's), names [{tag, language, field, value}]. A category's id
 * is its place in the list (for the fields' ids only). */
static struct tval *row(struct http_request *req, int kind, int64_t id,
                        const char *name, const char *slug,
                        const struct store_name *v, size_t n)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a), *list = tval_list(a);
	const char *k = kind == STORE_KIND_DEPARTMENT ? "department"
	                : kind == STORE_KIND_TOPIC    ? "topic"
	                                              : "category";

	tval_set_int(m, "id", id);
	tval_set_str(m, "name", name);
	tval_set_str(m, "kind", k);
	if (kind == STORE_KIND_CATEGORY) {
		tval_set_str(m, "path", name);
		tval_set_str(m, "action", "/admin/names/categories");
		tval_set_str(m, "view",
		             arena_printf(a, "/articles/in/%s", slug));
	} else {
		tval_set_str(m, "action",
		             arena_printf(a, "/admin/names/%s/%lld", k,
		                          (long long)id));
		tval_set_str(m, "view", arena_printf(a, "/%s/%s", k, slug));
	}
	tval_set_str(m, "label", web_name_base(req, kind, slug, name));
	for (size_t i = 0; i < w->i18n->n; i++) {
		const char *tag = w->i18n->tag[i];
		struct tval *e = tval_push(list, tval_map(a));
		tval_set_str(e, "tag", tag);
		tval_set_str(e, "language",
		             i18n_msg(w->i18n, (int)i, "language_name"));
		tval_set_str(e, "value",
		             kind == STORE_KIND_CATEGORY
		                     ? stored_category(v, n, name, tag)
		                     : stored(v, n, kind, id, tag));
		tval_set_str(e, "field", arena_printf(a, "name_%s", tag));
	}
	tval_set(m, "names", list);
	return m;
}

static int render(struct http_request *req, int status, const char *error)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct department *d;
	struct topic *t;
	struct store_name *v;
	struct content_crumbs c;
	struct tval *ctx, *dl, *tl, *cl;
	const char **paths, **slugs;
	size_t nd, nt, nv, nc;
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &nd)) ||
	    (rc = store_topic_list(w->store, a, 0, &t, &nt)) ||
	    (rc = store_names_list(w->store, a, NULL, &v, &nv)))
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	dl = tval_set(ctx, "departments", tval_list(a));
	for (size_t i = 0; i < nd; i++)
		tval_push(dl, row(req, STORE_KIND_DEPARTMENT, d[i].id,
		                  d[i].name, d[i].slug, v, nv));
	tl = tval_set(ctx, "topics", tval_list(a));
	for (size_t i = 0; i < nt; i++)
		tval_push(tl, row(req, STORE_KIND_TOPIC, t[i].id, t[i].name,
		                  t[i].slug, v, nv));
	nc = web_article_categories(req, &paths, &slugs);
	cl = tval_set(ctx, "categories", tval_list(a));
	for (size_t i = 0; i < nc; i++)
		tval_push(cl, row(req, STORE_KIND_CATEGORY, (int64_t)i + 1,
		                  paths[i], slugs[i], v, nv));
	if (error)
		tval_set_str(ctx, "error", error);
	if (http_query(req, "done"))
		tval_set_str(ctx, "done", web_msg(w, "names_saved"));
	content_crumbs_init(req, &c);
	content_crumb(req, &c, web_msg(w, "crumb_admin"), "/admin");
	content_crumb(req, &c, web_msg(w, "crumb_taxonomy"), "/admin/taxonomy");
	content_crumb(req, &c, web_msg(w, "crumb_names"), NULL);
	json_decref(content_crumbs_done(req, &c, ctx));
	return web_render(req, status, "admin_names", ctx);
}

int page_admin_names(struct http_request *req)
{
	return render(req, 200, NULL);
}

/* Check every name field; 0, or the status of the first bad one with
 * *error set. */
static int check_fields(struct http_request *req, const char **error)
{
	struct web *w = http_app(req);

	for (size_t i = 0; i < w->i18n->n; i++) {
		const char *f = web_form_text(
		        req, arena_printf(http_arena(req), "name_%s",
		                          w->i18n->tag[i]));
		int status = web_form_check(req, f, NAME_CHARS, 0, error);
		if (status)
			return status;
	}
	return 0;
}

int page_admin_category_names_post(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *path = web_form_text(req, "path"), *error;
	const char **paths, **slugs;
	size_t n = web_article_categories(req, &paths, &slugs), k;
	int rc = STORE_OK, status;

	for (k = 0; k < n && (!path || strcmp(paths[k], path)); k++)
		;
	if (k == n)
		return web_not_found(req);
	if ((status = check_fields(req, &error)))
		return render(req, status, error);
	if ((rc = store_tx_begin(w->store)))
		return rc;
	for (size_t i = 0; i < w->i18n->n && rc == STORE_OK; i++) {
		const char *tag = w->i18n->tag[i];
		rc = store_category_name_set(
		        w->store, path, tag,
		        web_form_text(req, arena_printf(http_arena(req),
		                                        "name_%s", tag)));
	}
	if ((rc = web_audit_end(req, rc, "category.names", 0, 0, path)))
		return rc;
	web_names_changed();
	content_changed(w, CHANGE_UNLOGGED);
	return web_redirect(req, 303, "/admin/names?done=1");
}

int page_admin_names_post(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *kind_s = http_param(req, "kind");
	int kind, rc = STORE_OK;
	int64_t id;

	if (kind_s && !strcmp(kind_s, "department"))
		kind = STORE_KIND_DEPARTMENT;
	else if (kind_s && !strcmp(kind_s, "topic"))
		kind = STORE_KIND_TOPIC;
	else
		return web_not_found(req);
	if (web_parse_id(http_param(req, "id"), &id) < 0)
		return web_not_found(req);
	/* Check every field before anything is written. */
	for (size_t i = 0; i < w->i18n->n; i++) {
		const char *f = web_form_text(
		        req, arena_printf(http_arena(req), "name_%s",
		                          w->i18n->tag[i]));
		const char *error;
		int status = web_form_check(req, f, NAME_CHARS, 0, &error);
		if (status)
			return render(req, status, error);
	}
	if ((rc = store_tx_begin(w->store)))
		return rc;
	for (size_t i = 0; i < w->i18n->n && rc == STORE_OK; i++) {
		const char *tag = w->i18n->tag[i];
		rc = store_name_set(
		        w->store, (enum store_kind)kind, id, tag,
		        web_form_text(req, arena_printf(http_arena(req),
		                                        "name_%s", tag)));
	}
	rc = web_audit_end(req, rc, "taxonomy.names", kind, id, NULL);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	web_names_changed();
	content_changed(w, CHANGE_UNLOGGED);
	return web_redirect(req, 303, "/admin/names?done=1");
}
