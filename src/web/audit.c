/* web/audit.c: the audit log: writing a moderation or admin action's row
 * in the action's own transaction, and the admins' viewer /admin/audit.
 *
 * Every page that changes something on behalf of a moderator or admin
 * opens a transaction, does the change and ends with web_audit_end(),
 * which adds the row and commits, or rolls both back: there is never an
 * action without its row nor a row without its action.
 *
 * The viewer (admins only: visitors go to /login, others get 403) lists
 * rows newest first, filtered by actor and action, 50 a page with keyset
 * pagination (?before=<id>, so a page costs the same however deep, and
 * rows written meanwhile do not shift it; indexes on (action, id) and
 * (user_id, id) keep a filtered page a short walk too). Each row shows
 * who, what, the target linked to where it can be seen, the operational
 * note, and for a rejected question the reason its moderator wrote;
 * never the question's own text nor anyone's e-mail address.
 *
 * Actions are stored as codes ("question.reject"); the page shows them
 * in plain words from the catalog's "audit_actions" object (its keys, in
 * order, are the known actions), keeping the code in a title and a data
 * attribute. A code the catalog lacks (an older or newer program wrote
 * it) is shown as itself. The action filter offers the known actions and
 * any other the log holds; anything else is a bad request.
 */
#include "web/web.h"

#include <jansson.h>
#include <string.h>

#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "i18n/i18n.h"
#include "util/log.h"
#include "web/admin.h"
#include "web/auth.h"
#include "web/content.h"
#include "web/locale.h"
#include "web/text.h"

#define AUDIT_PAGE       50
#define AUDIT_ACTION_MAX 64 /* "taxonomy.department.create" and the like */

int web_audit_end(struct http_request *req, int rc, const char *action,
                  int target_kind, int64_t target_id, const char *detail)
{
	struct web *w = http_app(req);
	const struct auth_user *u = auth_user(req);

	if (rc == STORE_OK)
		rc = store_audit_add(w->store, u ? u->id : 0, action,
		                     (enum store_kind)target_kind, target_id,
		                     detail);
	if (rc != STORE_OK) {
		store_tx_rollback(w->store);
		return rc;
	}
	if ((rc = store_tx_commit(w->store)))
		log_error("audited action failed", "action=%s err=%s", action,
		          store_errmsg());
	return rc;
}

struct audit_work {
	struct http_request *req;
	int (*work)(struct store *st, void *arg);
	void *arg;
	const char *action, *detail;
	int target_kind;
	int64_t target_id;
};

static int audit_write(struct store *st, void *arg)
{
	struct audit_work *aw = arg;
	const struct auth_user *u = auth_user(aw->req);
	int rc;

	if ((rc = aw->work(st, aw->arg)))
		return rc;
	return store_audit_add(st, u ? u->id : 0, aw->action,
	                       (enum store_kind)aw->target_kind, aw->target_id,
	                       aw->detail);
}

int web_audit_run(struct http_request *req,
                  int (*work)(struct store *st, void *arg), void *arg,
                  const char *action, int target_kind, int64_t target_id,
                  const char *detail)
{
	struct web *w = http_app(req);
	struct audit_work aw = {req,    work,        arg,      action,
	                        detail, target_kind, target_id};
	int rc;

	/* Not idempotent: a second run would write a second audit row. */
	rc = store_tx_run(w->store, audit_write, &aw, 0, NULL);
	if (rc && rc != STORE_CONFLICT && rc != STORE_NOTFOUND &&
	    rc != STORE_INVALID)
		log_error("audited action failed", "action=%s err=%s", action,
		          store_errmsg());
	return rc;
}

/* The words of key in the request's language with {id} as id. */
static const char *with_id(struct http_request *req, const char *key,
                           int64_t id)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct i18n_arg arg[] = {
	        I18N_STR("id", arena_printf(a, "%lld", (long long)id))};

	return i18n_format(w->i18n, web_lang(), a, key, arg, 1);
}

/* Where a row's target can be seen, and what to call it there. */
static void target_value(struct http_request *req, const struct audit_entry *e,
                         struct tval *m)
{
	const struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *k = e->target_kind, *url = NULL, *label;

	if (!k || !e->target_id)
		return;
	tval_set_bool(m, arena_printf(a, "kind_%s", k), 1);
	tval_set_int(m, "target_id", e->target_id);
	if (e->target_name)
		tval_set_str(m, "target_name", e->target_name);
	if (!strcmp(k, "qa"))
		label = with_id(req, "audit_kind_qa", e->target_id);
	else
		label = arena_printf(
		        a, "%s%s",
		        web_msg(w, arena_printf(a, "audit_kind_%s", k)),
		        e->target_name
		                ? e->target_name
		                : with_id(req, "audit_deleted", e->target_id));
	tval_set_str(m, "target_label", label);
	if (!strcmp(k, "qa"))
		url = arena_printf(a, "/moderate/question/%lld",
		                   (long long)e->target_id);
	else if (!strcmp(k, "user"))
		url = arena_printf(a, "/admin/users#user-%lld",
		                   (long long)e->target_id);
	else if (e->target_slug && !strcmp(k, "article"))
		url = arena_printf(a, "/articles/%s",
		                   content_url_enc(a, e->target_slug));
	else if (e->target_slug && !strcmp(k, "topic"))
		url = arena_printf(a, "/topic/%s",
		                   content_url_enc(a, e->target_slug));
	else if (e->target_slug && !strcmp(k, "department"))
		url = arena_printf(a, "/department/%s",
		                   content_url_enc(a, e->target_slug));
	if (url)
		tval_set_str(m, "target_url", url);
	tval_set_bool(m, "has_target", 1);
}

/* The catalog's "audit_actions" in the request's language (English's
 * where the language's catalog lacks one). */
static json_t *actions_cat(const struct web *w)
{
	int lang = web_lang();

	if (w->i18n) {
		if (lang < 0 || (size_t)lang >= w->i18n->n)
			lang = w->i18n->def;
		return json_object_get(w->i18n->cat[lang], "audit_actions");
	}
	return json_object_get(w->messages, "audit_actions");
}

/* The catalog's words for action, or NULL when it has none. */
static const char *action_words(const struct web *w, const char *action)
{
	json_t *cat = actions_cat(w);

	return json_string_value(json_object_get(cat, action));
}

/* The action filter's choices: the catalog's actions in its order, then
 * those of the log it lacks. Sets *known when action ("" for any) is one
 * of them. */
static void action_options(struct web *w, struct arena *a, struct tval *opts,
                           const char **logged, size_t n_logged,
                           const char *action, int *known)
{
	json_t *cat = actions_cat(w), *v;
	const char *code;

	*known = !*action;
	json_object_foreach(cat, code, v)
	{
		struct tval *m;
		if (!json_is_string(v))
			continue;
		m = tval_push(opts, tval_map(a));
		tval_set_str(m, "name", code);
		tval_set_str(m, "label", json_string_value(v));
		tval_set_bool(m, "selected", !strcmp(code, action));
		*known |= !strcmp(code, action);
	}
	for (size_t i = 0; i < n_logged; i++) {
		struct tval *m;
		if (action_words(w, logged[i]))
			continue;
		m = tval_push(opts, tval_map(a));
		tval_set_str(m, "name", logged[i]);
		tval_set_str(m, "label", logged[i]);
		tval_set_bool(m, "selected", !strcmp(logged[i], action));
		*known |= !strcmp(logged[i], action);
	}
}

/* The query string of the filters (with a leading '&'), or "". */
static const char *filter_query(struct arena *a, int64_t actor,
                                const char *action)
{
	return arena_printf(
	        a, "%s%s%s",
	        actor ? arena_printf(a, "&actor=%lld", (long long)actor) : "",
	        *action ? "&action=" : "",
	        *action ? content_url_enc(a, action) : "");
}

int page_admin_audit(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *action = http_query(req, "action"), *s;
	struct tval *ctx, *list, *opts;
	struct audit_entry *e;
	const char **actions;
	struct user *actors;
	size_t n, n_actions, n_actors;
	int64_t actor = 0, before = 0;
	int rc, known;
	time_t t;

	if (!action)
		action = "";
	if (strlen(action) > AUDIT_ACTION_MAX)
		return http_error(req, 400, web_msg(w, "audit_bad_action"));
	if ((s = http_query(req, "actor")) && *s && web_parse_id(s, &actor))
		return http_error(req, 400, web_msg(w, "bad_request"));
	if ((s = http_query(req, "before")) && *s && web_parse_id(s, &before))
		return http_error(req, 400, web_msg(w, "bad_request"));
	if ((rc = store_audit_facets(w->store, a, &actions, &n_actions, &actors,
	                             &n_actors)))
		return rc;
	opts = tval_list(a);
	action_options(w, a, opts, actions, n_actions, action, &known);
	if (!known)
		return http_error(req, 400, web_msg(w, "audit_bad_action"));
	if ((rc = store_audit_list(w->store, a, actor, action, before,
	                           AUDIT_PAGE + 1, &e, &n)))
		return rc;

	ctx = web_page(req);
	tval_set(ctx, "actions", opts);
	web_private_page(req, ctx);
	list = tval_set(ctx, "entries", tval_list(a));
	for (size_t i = 0; i < n && i < AUDIT_PAGE; i++) {
		struct tval *m = tval_push(list, tval_map(a));

		tval_set_int(m, "id", e[i].id);
		tval_set_str(m, "datetime", e[i].at);
		/* In the site's time zone and the reader's words. */
		tval_set_str(m, "date", web_date(req, e[i].at));
		if ((t = i18n_parse_iso(e[i].at)) != (time_t)-1 && w->i18n)
			tval_set_str(m, "time",
			             i18n_date(w->i18n, web_lang(), a, t,
			                       "audit_time_pattern"));
		if (e[i].user_name)
			tval_set_str(m, "actor", e[i].user_name);
		tval_set_str(m, "action", e[i].action);
		s = action_words(w, e[i].action);
		tval_set_str(m, "action_words", s ? s : e[i].action);
		target_value(req, &e[i], m);
		if (e[i].detail)
			tval_set_str(m, "detail", e[i].detail);
		if (e[i].reason)
			tval_set_str(m, "reason", e[i].reason);
	}
	tval_set_bool(ctx, "has_entries", n > 0);
	if (n > AUDIT_PAGE)
		tval_set_str(
		        ctx, "older",
		        web_url_lang(
		                req,
		                arena_printf(a, "/admin/audit?before=%lld%s",
		                             (long long)e[AUDIT_PAGE - 1].id,
		                             filter_query(a, actor, action))));
	if (before) {
		const char *f = filter_query(a, actor, action);
		tval_set_str(
		        ctx, "newest",
		        web_url_lang(
		                req,
		                *f ? arena_printf(a, "/admin/audit?%s", f + 1)
		                   : "/admin/audit"));
	}

	opts = tval_set(ctx, "actors", tval_list(a));
	for (size_t i = 0; i < n_actors; i++) {
		struct tval *m = tval_push(opts, tval_map(a));
		tval_set_int(m, "id", actors[i].id);
		tval_set_str(m, "name", actors[i].name);
		tval_set_bool(m, "selected", actors[i].id == actor);
	}
	tval_set_bool(ctx, "filtered", actor || *action);
	return web_render(req, 200, "admin_audit", ctx);
}
