/* web/names.c: the admin page for the names of departments and topics in
 * each of the site's languages (issue 16): GET /admin/names and
 * POST /admin/names/:kind/:id (kind "department" or "topic"), one field
 * name_TAG per language; an empty field removes that language's name, so
 * its readers see the name as stored. Each change and its audit row
 * ("taxonomy.names") are one transaction; cached pages are dropped.
 */
#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "web/admin.h"
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

/* One row's values: id, name, slug, kind, names [{tag, language,
 * field, value}]. */
static struct tval *row(struct http_request *req, int kind, int64_t id,
                        const char *name, const char *slug,
                        const struct store_name *v, size_t n)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a), *list = tval_list(a);

	tval_set_int(m, "id", id);
	tval_set_str(m, "name", name);
	tval_set_str(m, "slug", slug);
	tval_set_str(m, "kind",
	             kind == STORE_KIND_DEPARTMENT ? "department" : "topic");
	for (size_t i = 0; i < w->i18n->n; i++) {
		const char *tag = w->i18n->tag[i];
		struct tval *e = tval_push(list, tval_map(a));
		tval_set_str(e, "tag", tag);
		tval_set_str(e, "language",
		             i18n_msg(w->i18n, (int)i, "language_name"));
		tval_set_str(e, "value", stored(v, n, kind, id, tag));
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
	struct tval *ctx, *dl, *tl;
	size_t nd, nt, nv;
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
	return http_redirect(req, 303, "/admin/names?done=1");
}
