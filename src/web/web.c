/* web/web.c: the route table, site-wide page values, rendering and error
 * pages.
 *
 * Templates are compiled once at start (embedded, overridden from
 * --templates) and shared read-only by every worker. Static assets are
 * referenced with a content hash in their URL (?v=...), so browsers may
 * cache them for a year and still see a new stylesheet at once.
 */
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/util.h"
#include "web/account.h"
#include "web/admin.h"
#include "web/intake.h"
#include "web/api.h"
#include "web/articles.h"
#include "web/ask.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/comments.h"
#include "web/content.h"
#include "web/feeds.h"
#include "web/guard.h"
#include "web/locale.h"
#include "web/password_reset.h"
#include "web/home.h"
#include "web/moderate.h"
#include "web/profiles.h"
#include "web/qa.h"
#include "web/reply.h"
#include "web/safety.h"
#include "web/search.h"
#include "web/views.h"
#include "services/jobs.h"

/* Pages kept rendered: hot pages at about 8 KB each. */
#define PAGE_CACHE_ENTRIES 8192

/* Method, pattern, handler and what a request needs before the handler
 * runs (NEED_* in web/auth.h, checked once by auth_before: CSRF, sign-in,
 * role). Every POST that changes anything carries NEED_CSRF. */
static const struct http_route routes[] = {
        {"GET", "/", page_home, 0},
        {"GET", "/departments", page_departments, 0},
        {"GET", "/department/:slug", page_department, 0},
        {"GET", "/topic/:slug", page_topic, 0},
        {"GET", "/qa/:id", page_qa, 0},
        {"GET", "/qa/:id/report", page_qa_report, 0},
        {"POST", "/qa/:id/report", page_qa_report, NEED_CSRF},
        {"GET", "/library/:id", page_faq, 0},
        {"GET", "/articles/:slug", page_article, 0},
        {"GET", "/search", page_search, 0},
        {"GET", "/language", page_language, 0},
        {"GET", "/api/search", page_api_search, 0},
        {"GET", "/api/similar", page_api_similar, 0},
        {"POST", "/api/redflags", page_api_redflags, 0},
        /* ---- asking, answering and moderation; literal paths
         * such as /doctor/queue stay ahead of any /doctor/:id ---- */
        {"GET", "/ask", page_ask, 0},
        {"POST", "/ask", page_ask_post, NEED_CSRF},
        {"GET", "/my/questions", page_my_questions, NEED_USER},
        {"GET", "/my/questions/:id", page_my_question, NEED_USER | NEED_OWNER},
        {"POST", "/my/questions/:id/withdraw", page_my_withdraw,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"POST", "/my/questions/:id/follow-up", page_my_follow_up,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"GET", "/my/question/:token", page_my_question, 0},
        {"POST", "/my/question/:token/withdraw", page_my_withdraw, NEED_CSRF},
        {"POST", "/my/question/:token/follow-up", page_my_follow_up, NEED_CSRF},
        {"POST", "/my/question/:token/request", page_my_request, NEED_CSRF},
        {"POST", "/my/question/:token/save", page_my_save, NEED_CSRF},
        {"POST", "/my/question/:token/email", page_my_email, NEED_CSRF},
        {"POST", "/my/questions/:id/email", page_my_email,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"POST", "/my/questions/:id/request", page_my_request,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"GET", "/doctor/queue", page_doctor_queue, NEED_DOCTOR},
        {"POST", "/doctor/preview", page_doctor_preview,
         NEED_DOCTOR | NEED_CSRF},
        {"GET", "/doctor/question/:id", page_doctor_question, NEED_DOCTOR},
        {"POST", "/doctor/question/:id", page_doctor_question_post,
         NEED_DOCTOR_ONLY | NEED_CSRF},
        {"GET", "/doctor/answer/:id/edit", page_doctor_answer_edit,
         NEED_DOCTOR | NEED_OWNER},
        {"POST", "/doctor/answer/:id/edit", page_doctor_answer_edit_post,
         NEED_DOCTOR | NEED_OWNER | NEED_CSRF},
        {"GET", "/moderate/question/:id", page_moderate, NEED_MODERATOR},
        {"POST", "/moderate/question/:id/reject", page_moderate_reject,
         NEED_MODERATOR | NEED_CSRF},
        {"POST", "/moderate/question/:id/unpublish", page_moderate_unpublish,
         NEED_MODERATOR | NEED_CSRF},
        {"POST", "/moderate/question/:id/republish", page_moderate_republish,
         NEED_MODERATOR | NEED_CSRF},
        {"POST", "/moderate/question/:id/edit", page_moderate_edit,
         NEED_MODERATOR | NEED_CSRF},
        {"GET", "/moderate/requests", page_moderate_requests, NEED_MODERATOR},
        {"POST", "/moderate/requests/:id/dismiss",
         page_moderate_request_dismiss, NEED_MODERATOR | NEED_CSRF},
        {"POST", "/moderate/question/:id/department", page_moderate_department,
         NEED_MODERATOR | NEED_CSRF},
        /* ---- accounts and admin ---- */
        {"GET", "/login", page_login, 0},
        {"POST", "/login", page_login_post, NEED_CSRF},
        {"POST", "/logout", page_logout_post, NEED_CSRF},
        {"GET", "/register", page_register, 0},
        {"POST", "/register", page_register_post, NEED_CSRF},
        {"GET", "/doctor/apply", page_doctor_apply, 0},
        {"POST", "/doctor/apply", page_doctor_apply_post, NEED_CSRF},
        {"GET", "/account", page_account, NEED_USER},
        {"POST", "/account/data", page_account_data, NEED_USER | NEED_CSRF},
        {"GET", "/account/password", page_account_password, NEED_USER},
        {"POST", "/account/password", page_account_password_post,
         NEED_USER | NEED_CSRF},
        {"POST", "/account/sessions/end", page_account_sessions_end,
         NEED_USER | NEED_CSRF},
        {"GET", "/account/delete", page_account_delete, NEED_USER},
        {"POST", "/account/delete", page_account_delete_post,
         NEED_USER | NEED_CSRF},
        {"GET", "/password/forgot", page_password_forgot, 0},
        {"POST", "/password/forgot", page_password_forgot_post, NEED_CSRF},
        {"GET", "/password/reset/:token", page_password_reset, 0},
        {"POST", "/password/reset/:token", page_password_reset_post, NEED_CSRF},
        {"GET", "/admin", page_admin, NEED_MODERATOR},
        {"GET", "/admin/doctors", page_admin_doctors, NEED_ADMIN},
        {"POST", "/admin/doctors/:id/verify", page_admin_doctor_verify,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/doctors/:id/reject", page_admin_doctor_reject,
         NEED_ADMIN | NEED_CSRF},
        {"GET", "/admin/doctors/:id/edit", page_admin_doctor_edit, NEED_ADMIN},
        {"POST", "/admin/doctors/:id/edit", page_admin_doctor_edit_post,
         NEED_ADMIN | NEED_CSRF},
        {"GET", "/admin/users", page_admin_users, NEED_ADMIN},
        {"POST", "/admin/users/:id/role", page_admin_user_role,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/users/:id/disable", page_admin_user_disable,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/users/:id/enable", page_admin_user_enable,
         NEED_ADMIN | NEED_CSRF},
        {"GET", "/admin/audit", page_admin_audit, NEED_ADMIN},
        /* ---- content and discovery; after the literal
         * /doctor/... routes above, and /doctor/profile before /doctor/:id ----
         */
        {"GET", "/doctors", page_doctors, 0},
        {"GET", "/doctor/profile", page_doctor_profile_edit, NEED_DOCTOR_ONLY},
        {"POST", "/doctor/profile", page_doctor_profile_post,
         NEED_DOCTOR_ONLY | NEED_CSRF},
        {"GET", "/doctor/:id", page_doctor, 0},
        {"GET", "/doctor/:id/photo", page_doctor_photo, 0},
        {"GET", "/admin/taxonomy", page_admin_taxonomy, NEED_ADMIN},
        {"POST", "/admin/departments", page_admin_department_create,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/departments/:id", page_admin_department_update,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/topics", page_admin_topic_create,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/topics/:id", page_admin_topic_update,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/topic-merge", page_admin_topic_merge,
         NEED_ADMIN | NEED_CSRF},
        {"GET", "/admin/names", page_admin_names, NEED_ADMIN},
        {"POST", "/admin/names/categories", page_admin_category_names_post,
         NEED_ADMIN | NEED_CSRF},
        {"POST", "/admin/names/:kind/:id", page_admin_names_post,
         NEED_ADMIN | NEED_CSRF},
        /* intake forms per department (web/intake.c) */
        {"GET", "/admin/intake", page_admin_intake, NEED_ADMIN},
        {"GET", "/admin/intake/:id", page_admin_intake_edit, NEED_ADMIN},
        {"POST", "/admin/intake/:id", page_admin_intake_post,
         NEED_ADMIN | NEED_CSRF},
        {"GET", "/articles", page_articles, 0},
        {"GET", "/articles/in/*path", page_article_category, 0},
        {"POST", "/articles/:slug/comments", page_comment_post,
         NEED_USER | NEED_CSRF},
        {"POST", "/qa/:id/comments", page_comment_post, NEED_USER | NEED_CSRF},
        {"GET", "/write", page_article_write, NEED_DOCTOR},
        {"POST", "/write", page_article_write_post, NEED_DOCTOR | NEED_CSRF},
        {"GET", "/write/:id", page_article_write, NEED_DOCTOR | NEED_OWNER},
        {"POST", "/write/:id", page_article_write_post,
         NEED_DOCTOR | NEED_OWNER | NEED_CSRF},
        {"GET", "/my/articles", page_my_articles, NEED_DOCTOR},
        {"GET", "/comments/:id/edit", page_comment_edit,
         NEED_USER | NEED_OWNER},
        {"POST", "/comments/:id/edit", page_comment_edit_post,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"POST", "/comments/:id/delete", page_comment_delete,
         NEED_USER | NEED_OWNER | NEED_CSRF},
        {"GET", "/comments/:id/report", page_comment_report, 0},
        {"POST", "/comments/:id/report", page_comment_report, NEED_CSRF},
        {"GET", "/moderate/comments", page_moderate_comments, NEED_MODERATOR},
        {"POST", "/moderate/comments/:id", page_moderate_comment,
         NEED_MODERATOR | NEED_CSRF},
        {"GET", "/feeds/*file", page_feed, 0},
        {"GET", "/sitemap.xml", page_sitemap_index, 0},
        {"GET", "/sitemaps/:file", page_sitemap, 0},
        {"GET", "/robots.txt", page_robots, 0},
        {"GET", "/api/qa", page_api_qas, 0},
        {"GET", "/api/qa/:id", page_api_qa, 0},
        {"GET", "/api/articles", page_api_articles, 0},
        {"GET", "/api/articles/:slug", page_api_article, 0},
        {"GET", "/api/departments", page_api_departments, 0},
        {"GET", "/api/departments/:slug", page_api_department, 0},
        {"GET", "/api/topics", page_api_topics, 0},
        {"GET", "/api/topics/:slug", page_api_topic, 0},
        {"GET", "/api/doctors", page_api_doctors, 0},
        {"GET", "/api/doctors/:id", page_api_doctor, 0},
};
const struct http_route *const web_routes = routes;
const size_t web_n_routes = ARRAY_SIZE(routes);

/* FNV-1a over the file, as 16 hex digits. */
static void content_version(const char *name, const char *dir, char out[17])
{
	const struct embedded_file *f = embed_find(name);
	uint64_t h = 1469598103934665603ULL;
	char *data = NULL;
	size_t len = 0;

	if (dir) {
		char path[4096];
		FILE *fp;
		snprintf(path, sizeof(path), "%s/%s", dir,
		         name + strlen("static/"));
		if ((fp = fopen(path, "rb"))) {
			struct buf b = BUF_INIT;
			char tmp[8192];
			size_t n;
			while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
				buf_append(&b, tmp, n);
			fclose(fp);
			data = buf_detach(&b, &len);
		}
	}
	const char *p = data ? data : f ? f->data : "";
	size_t n = data ? len : f ? f->len : 0;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	free(data);
}
/* The emergency numbers of language lang as a sentence says them: the
 * list ("112, 911") joined as alternatives in the language's words
 * ("112 or 911", "112 hoặc 911"), kept in the catalogs' arena. */
static const char *emergency_spoken(struct web *w, int lang)
{
	const char *s = web_emergency(w, lang), *items[16];
	struct arena *a = w->i18n->arena;
	size_t n = 0;

	while (s && *s && n < ARRAY_SIZE(items)) {
		size_t len = strcspn(s, ",;/"), b = 0, e = len;
		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e > b)
			items[n++] = arena_strndup(a, s + b, e - b);
		s += len;
		if (*s)
			s++;
	}
	if (n < 2)
		return web_emergency(w, lang);
	return i18n_list_or(w->i18n, lang, a, items, n);
}

static int load_messages(struct web *w, char **err)
{
	const struct embedded_file *f = embed_find("templates/messages.json");
	json_t *m = NULL;
	json_error_t je;

	if (f)
		m = json_loadb(f->data, f->len, 0, &je);
	if (!m || !json_is_object(m)) {
		*err = xstrdup("the message catalog templates/messages.json is "
		               "missing or invalid");
		json_decref(m);
		return WEB_ESETUP;
	}
	if (w->cfg->templates_dir) {
		char path[4096];
		json_t *o;

		/* A site's catalog overrides ours key by key; a missing file
		 * is fine, a broken one is an error. */
		snprintf(path, sizeof(path), "%s/messages.json",
		         w->cfg->templates_dir);
		if (access(path, F_OK) == 0) {
			o = json_load_file(path, 0, &je);
			if (!o || !json_is_object(o)) {
				char msg[4400];
				snprintf(msg, sizeof(msg), "%s:%d: %s", path,
				         je.line,
				         o ? "not a JSON object" : je.text);
				*err = xstrdup(msg);
				json_decref(o);
				json_decref(m);
				return WEB_ESETUP;
			}
			json_object_update(m, o);
			json_decref(o);
		}
	}
	w->messages = m;
	w->i18n = xmalloc(sizeof(*w->i18n));
	if (i18n_init(w->i18n, w->cfg->languages, w->cfg->default_language,
	              w->cfg->timezone, w->cfg->templates_dir, err) < 0) {
		free(w->i18n);
		w->i18n = NULL;
		return WEB_ESETUP;
	}
	for (size_t i = 0; i < w->i18n->n; i++) {
		struct i18n_arg site[] = {
		        I18N_STR("site", w->cfg->site_name),
		        I18N_STR("emergency", emergency_spoken(w, (int)i))};
		i18n_bind_lang(w->i18n, (int)i, site, 2);
	}
	return 0;
}

static void free_i18n(struct i18n *in)
{
	if (in) {
		i18n_free(in);
		free(in);
	}
}

static void cache_metrics(struct buf *out, void *arg)
{
	struct web *w = arg;
	uint64_t hits, misses, dropped;
	size_t entries;

	web_cache_stats(w->cache, &hits, &misses, &entries, &dropped);
	buf_printf(out,
	           "# HELP askdoc_page_cache_hits_total Pages served from the "
	           "page cache.\n"
	           "# TYPE askdoc_page_cache_hits_total counter\n"
	           "askdoc_page_cache_hits_total %llu\n"
	           "# HELP askdoc_page_cache_misses_total Cacheable pages "
	           "rendered anew.\n"
	           "# TYPE askdoc_page_cache_misses_total counter\n"
	           "askdoc_page_cache_misses_total %llu\n"
	           "# HELP askdoc_page_cache_entries Pages in the page cache.\n"
	           "# TYPE askdoc_page_cache_entries gauge\n"
	           "askdoc_page_cache_entries %zu\n"
	           "# HELP askdoc_page_cache_invalidated_total Pages dropped "
	           "because content they show changed.\n"
	           "# TYPE askdoc_page_cache_invalidated_total counter\n"
	           "askdoc_page_cache_invalidated_total %llu\n",
	           (unsigned long long)hits, (unsigned long long)misses,
	           entries, (unsigned long long)dropped);
}

/* What w->cfg says of the site, loaded for web_init and again for
 * web_reload: the templates, the message catalogs, the versions of the
 * static files in static_dir and the public URL. 0, or WEB_ESETUP with
 * *err. */
static int load_site(struct web *w, const char *static_dir, char **err)
{
	const struct config *cfg = w->cfg;
	char *terr = NULL;
	size_t n;

	w->tmpl = tmpl_set_new();
	if (tmpl_set_load(w->tmpl, cfg->templates_dir, &terr) < 0) {
		*err = terr ? terr : xstrdup("cannot load the templates");
		return WEB_ESETUP;
	}
	if (load_messages(w, err) < 0)
		return WEB_ESETUP;
	content_version("static/site.css", static_dir, w->css_version);
	content_version("static/site.js", static_dir, w->js_version);
	n = strlen(cfg->public_url);
	while (n && cfg->public_url[n - 1] == '/')
		n--;
	w->public_url = xstrndup(cfg->public_url, n);
	return 0;
}

int web_init(struct web *w, const struct config *cfg, struct store *st,
             char **err)
{
	memset(w, 0, sizeof(*w));
	if (auth_routes_check(routes, ARRAY_SIZE(routes), err) < 0)
		return WEB_EROUTES;
	w->cfg = cfg;
	w->store = st;
	if (load_site(w, cfg->static_dir, err) < 0)
		goto fail;
	w->cache = web_cache_new(PAGE_CACHE_ENTRIES);
	w->index = web_index_new(st, w->cache, err);
	if (!w->index)
		goto fail;
	w->views = web_views_new(st);
	w->guard = guard_new(cfg, st, err);
	if (!w->guard)
		goto fail;
	/* Several nodes on PostgreSQL: expired throttle windows and
	 * sessions are purged by one of them at a time. */
	if (!strcmp(store_backend(st), "postgres"))
		w->jobs = jobs_start(st);
	http_metrics_register(cache_metrics, w);
	return 0;
fail:
	web_free(w);
	return WEB_ESETUP;
}

int web_reload(const struct web *cur, const struct config *cfg,
               struct web **out, char **err)
{
	struct web *w = xmalloc(sizeof(*w));

	*w = *cur; /* the store, caches, index, mail and guard are shared */
	w->cfg = cfg;
	w->messages = NULL;
	w->i18n = NULL;
	w->public_url = NULL;
	w->tmpl = NULL;
	/* The static files may have changed; their folder only at restart
	 * (the HTTP layer serves it). */
	if (load_site(w, cur->cfg->static_dir, err) < 0)
		goto fail;
	*out = w;
	return 0;
fail:
	web_free_reloaded(w);
	return WEB_ESETUP;
}

void web_free_reloaded(struct web *w)
{
	if (!w)
		return;
	tmpl_set_free(w->tmpl);
	json_decref(w->messages);
	free_i18n(w->i18n);
	free((char *)w->public_url);
	free(w);
}

void web_free(struct web *w)
{
	web_index_free(w->index); /* its follower drops pages from cache */
	web_cache_free(w->cache);
	jobs_stop(w->jobs);
	web_views_free(w->views);
	guard_free(w->guard);
	tmpl_set_free(w->tmpl);
	json_decref(w->messages);
	free_i18n(w->i18n);
	free((char *)w->public_url);
	memset(w, 0, sizeof(*w));
}

const char *web_msg(const struct web *w, const char *key)
{
	const char *s;

	/* In the request's language (web/locale.h), English where its
	 * catalog lacks the key. */
	if (w->i18n)
		return i18n_msg(w->i18n, web_lang(), key);
	s = json_string_value(json_object_get(w->messages, key));
	return s ? s : key;
}

static int is_english(const char *tag)
{
	return tag[0] == 'e' && tag[1] == 'n' && (!tag[2] || tag[2] == '-');
}

const char *web_emergency(const struct web *w, int lang)
{
	const struct i18n *in = w->i18n;

	if (w->cfg->emergency && *w->cfg->emergency)
		return w->cfg->emergency;
	if (!in)
		return "112, 911";
	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	/* The catalogs' numbers and their sources: docs/translating.md
	 * (the medical emergency number only: zh-TW 119, Taiwan's National
	 * Fire Agency; zh-CN 120, the PRC's National Health Commission; vi
	 * 115, Vietnam's national numbering plan; en 112/911). An English
	 * page of a site whose default language is not
	 * English is most likely read in that language's country. */
	if (is_english(in->tag[lang]) && !is_english(in->tag[in->def]))
		lang = in->def;
	return i18n_msg(in, lang, "emergency_numbers");
}

/* The site's emergency numbers ("112, 911") as a list of {number, tel,
 * last}: tel keeps the digits and a leading '+', for tap-to-call links. */
static struct tval *emergency_numbers(struct arena *a, const char *s)
{
	struct tval *list = tval_list(a), *last = NULL;

	while (s && *s) {
		size_t n = strcspn(s, ",;/");
		size_t b = 0, e = n;
		char *tel = arena_alloc(a, n + 1);
		size_t t = 0;

		while (b < e && (s[b] == ' ' || s[b] == '\t'))
			b++;
		while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		for (size_t i = b; i < e; i++)
			if ((s[i] >= '0' && s[i] <= '9') || (s[i] == '+' && !t))
				tel[t++] = s[i];
		tel[t] = 0;
		if (t) {
			last = tval_push(list, tval_map(a));
			tval_set(last, "number", tval_strn(a, s + b, e - b));
			tval_set_str(last, "tel", tel);
		}
		s += n;
		if (*s)
			s++;
	}
	if (last)
		tval_set_bool(last, "last", 1);
	return list;
}

/* Where the header's "Log in" (to "/login") and other sign-in links go:
 * back to this page after signing in (web_here), except from the sign-in
 * pages themselves, in the language a link chose. */
static const char *signin_link(struct http_request *req, const char *to)
{
	struct arena *a = http_arena(req);
	const char *path = http_path(req) ? http_path(req) : "/";
	const char *here = web_here(req);

	if (!here || !strcmp(path, "/login") || !strcmp(path, "/register") ||
	    !strncmp(path, "/password/", 10) ||
	    (strcmp(http_method(req), "GET") &&
	     strcmp(http_method(req), "HEAD")))
		return web_url_lang(req, to);
	return web_url_lang(
	        req, arena_printf(a, "%s?next=%s", to, web_url_arg(a, here)));
}

struct tval *web_page(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx = tval_map(a), *site = tval_map(a);
	const char *q = http_query(req, "q");

	tval_set_str(site, "name", w->cfg->site_name);
	tval_set_str(site, "css_version", w->css_version);
	tval_set_str(site, "js_version", w->js_version);
	tval_set_str(site, "emergency", web_emergency(w, web_lang()));
	tval_set(site, "emergency_numbers",
	         emergency_numbers(a, web_emergency(w, web_lang())));
	tval_set_str(site, "emergency_lead", web_msg(w, "emergency_lead"));
	tval_set_str(site, "emergency_call", web_msg(w, "emergency_call"));
	tval_set_str(site, "emergency_or", web_msg(w, "emergency_or"));
	tval_set_str(site, "emergency_go", web_msg(w, "emergency_go"));
	tval_set_str(site, "url", w->public_url);
	tval_set(ctx, "site", site);
	tval_set_str(ctx, "canonical",
	             arena_printf(a, "%s%s", w->public_url, http_path(req)));
	if (q)
		tval_set_str(ctx, "query", q);
	web_locale_page(req, ctx);
	/* The header's "Log in" comes back to the page it was clicked on,
	 * its query too (a page with a query is never cached, so a cached
	 * page's link is still the same for all), in the language a link
	 * chose. */
	tval_set_str(ctx, "nav_login_url", signin_link(req, "/login"));
	tval_set_str(ctx, "nav_register_url", signin_link(req, "/register"));
	web_seo_defaults(req, ctx);
	web_page_user(req, ctx);
	return ctx;
}

void web_private_page(struct http_request *req, struct tval *ctx)
{
	http_set_header(req, "Cache-Control", "no-store");
	http_set_header(req, "Referrer-Policy", "no-referrer");
	http_set_header(req, "X-Robots-Tag", "noindex, nofollow");
	tval_set(ctx, "canonical", tval_null(http_arena(req)));
	tval_set_bool(ctx, "noindex", 1);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
}

/* Render template name with ctx into *out; a failure is logged by name
 * and out left empty. */
static int render(struct http_request *req, const char *name, struct tval *ctx,
                  struct buf *out)
{
	struct web *w = http_app(req);
	int rc = tmpl_render(w->tmpl, name, ctx, out);

	if (rc < 0) {
		log_error("render failed", "template=%s err=\"%s\"", name,
		          web_strerror(rc));
		buf_free(out);
	}
	return rc;
}

int web_render(struct http_request *req, int status, const char *name,
               struct tval *ctx)
{
	struct buf out = BUF_INIT;
	int rc;

	if ((rc = render(req, name, ctx, &out)) < 0)
		return rc;
	return http_respond_buf(req, status, "text/html; charset=utf-8", &out);
}

int web_cacheable(struct http_request *req)
{
	size_t n;
	const char *m = http_method(req);

	if (strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0)
		return 0;
	http_query_fields(req, &n);
	if (n)
		return 0;
	/* Pages for signed-in users carry their name and tokens. */
	return auth_user(req) == NULL;
}

/* Respond with before + hole_value + after. */
static int respond_parts(struct http_request *req, const char *before,
                         size_t before_len, const char *hole, const char *after,
                         size_t after_len)
{
	struct buf out = BUF_INIT;

	buf_grow(&out, before_len + after_len + 32);
	buf_append(&out, before, before_len);
	if (after) {
		buf_puts(&out, hole ? hole : "");
		buf_append(&out, after, after_len);
	}
	return http_respond_buf(req, 200, "text/html; charset=utf-8", &out);
}

int web_respond_cached(struct http_request *req, const struct web_cached *c,
                       const char *hole_value)
{
	return respond_parts(req, c->before, c->before_len, hole_value,
	                     c->after, c->after_len);
}

int web_render_cached(struct http_request *req, const char *name,
                      struct tval *ctx, const char *key, uint64_t gen,
                      const struct web_deps *deps, int64_t aux,
                      const char *hole_value)
{
	struct web *w = http_app(req);
	struct buf out = BUF_INIT;
	const char *hole;
	size_t hl = strlen(WEB_CACHE_HOLE);
	int rc;

	if ((rc = render(req, name, ctx, &out)) < 0)
		return rc;
	if (key)
		web_cache_put(w->cache, key, gen, deps, out.p, out.len, aux);
	hole = memmem(out.p, out.len, WEB_CACHE_HOLE, hl);
	if (!hole)
		return http_respond_buf(req, 200, "text/html; charset=utf-8",
		                        &out);
	rc = respond_parts(req, out.p, (size_t)(hole - out.p), hole_value,
	                   hole + hl, out.len - (size_t)(hole - out.p) - hl);
	buf_free(&out);
	return rc;
}

void content_changed(struct web *w, enum content_change what)
{
	web_index_sync(w->index);
	if (what == CHANGE_UNLOGGED)
		web_cache_invalidate_all(w->cache);
}

static int error_page(struct http_request *req, int status, const char *message,
                      struct tval *resend)
{
	struct web *w = http_app(req);
	struct tval *ctx;
	char key[32];
	const char *heading;

	/* Errors from the HTTP layer come before the before-hook. */
	web_lang_pick(req);
	ctx = web_page(req);

	snprintf(key, sizeof(key), "heading_%d", status);
	heading = web_msg(w, key);
	if (heading == key || !strcmp(heading, key))
		heading = web_msg(w, "heading_other");
	if (http_error_from_layer(req)) {
		/* The HTTP layer's own wording is English for logs: pages
		 * speak from the catalog. */
		snprintf(key, sizeof(key), "error_%d", status);
		message = web_msg(w, key);
		if (!strcmp(message, key))
			message = web_msg(w, status >= 500 ? "server_error"
			                                   : "bad_request");
	}
	tval_set_str(ctx, "heading", heading);
	tval_set_str(ctx, "message", message ? message : "");
	tval_set(ctx, "canonical", tval_null(http_arena(req)));
	if (resend) {
		struct tval *m = tval_map(http_arena(req));

		tval_set_str(m, "action", http_path(req));
		tval_set(m, "fields", resend);
		tval_set(ctx, "resend", m);
		http_set_header(req, "Cache-Control", "no-store");
	}
	return web_render(req, status, "error", ctx);
}

int web_error_page(struct http_request *req, int status, const char *message)
{
	return error_page(req, status, message, NULL);
}

int web_error_resend(struct http_request *req, int status, const char *message,
                     struct tval *fields)
{
	return error_page(req, status, message, fields);
}

/* The value of hex digit c, or -1. */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s in place; returns 1 when anything was decoded. */
static int unescape(char *s)
{
	char *o = s;
	int any = 0;

	for (; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hexval(s[1])) >= 0 &&
		    (lo = hexval(s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
			any = 1;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return any;
}

/* 1 when s, read as a browser might, is a path on this site; all: check
 * every character, not only how it starts. */
static int local_path(const char *s, int all)
{
	if (s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
	    ((unsigned char)s[1] <= ' ' && s[1]))
		return 0;
	for (; all && *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch <= ' ' || ch == 0x7f || ch == '\\')
			return 0;
	}
	return 1;
}

const char *web_safe_next(const char *next)
{
	char buf[2048];
	size_t n;

	if (!next || (n = strlen(next)) >= sizeof(buf))
		return NULL;
	memcpy(buf, next, n + 1);
	/* The path as sent (no blank, control character or backslash
	 * anywhere), then decoded up to three times ("%252F%252F" is "//"
	 * after two): every reading must start as a local path. */
	for (int level = 0; level < 4; level++) {
		if (!local_path(buf, level == 0))
			return NULL;
		if (!unescape(buf))
			break;
	}
	return next;
}

char *web_url_arg(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, 3 * strlen(s) + 1), *p = out;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch)) {
			*p++ = (char)ch;
		} else {
			*p++ = '%';
			*p++ = hex[ch >> 4];
			*p++ = hex[ch & 15];
		}
	}
	*p = '\0';
	return out;
}

const char *web_here(struct http_request *req)
{
	struct arena *a = http_arena(req);
	const char *m = http_method(req), *path = http_path(req), *s;
	const struct http_kv *kv;
	struct buf b = BUF_INIT;
	size_t n;

	if (!path || !web_safe_next(path))
		return NULL;
	path = web_url_arg(a, path); /* a '?' in the path stays in it */
	kv = http_query_fields(req, &n);
	if ((strcmp(m, "GET") && strcmp(m, "HEAD")) || !n)
		return path;
	buf_puts(&b, path);
	for (size_t i = 0; i < n; i++) {
		buf_putc(&b, i ? '&' : '?');
		buf_url_arg(&b, kv[i].name, strlen(kv[i].name));
		buf_putc(&b, '=');
		buf_url_arg(&b, kv[i].value, kv[i].len);
	}
	s = web_safe_next(arena_strndup(a, b.p, b.len));
	buf_free(&b);
	return s ? s : path;
}

int web_not_found(struct http_request *req)
{
	return http_error(req, 404, web_msg(http_app(req), "not_found"));
}

int web_path_id(struct http_request *req, int64_t *id)
{
	if (web_parse_id(http_param(req, "id"), id) < 0) {
		web_not_found(req);
		return 1;
	}
	return 0;
}

int web_found(struct http_request *req, int rc)
{
	if (rc == STORE_NOTFOUND) {
		web_not_found(req);
		return 1;
	}
	return rc;
}

const char *web_strerror(int rc)
{
	if (rc <= -1 && rc >= -99)
		return store_strerror(rc);
	if (rc <= -201 && rc >= -299)
		return tmpl_strerror(rc);
	if (rc <= -301 && rc >= -399)
		return http_strerror(rc);
	switch (rc) {
	case WEB_EBADID: return "not an id";
	case WEB_EBADPAGE: return "not a page number";
	case WEB_ENOPAGE: return "page past the last";
	case WEB_EBADQUERY: return "malformed query field";
	case WEB_EIMAGE: return "not an image";
	case WEB_EMAILTEXT: return "mail template without a subject";
	case WEB_EROUTES: return "route table flags do not add up";
	case WEB_ECRYPTO: return "libsodium did not start";
	case WEB_ESETUP: return "setup failed";
	case WEB_EINTAKE: return "intake form definition refused";
	}
	return "unknown error";
}

int web_parse_id(const char *s, int64_t *id)
{
	int64_t v = 0;

	if (!s || !*s || *s == '0' || strlen(s) > 18)
		return WEB_EBADID;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return WEB_EBADID;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return 0;
}
