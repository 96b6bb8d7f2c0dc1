/* web/web.h: the web layer: page functions, the route table and what
 * every page shares (site settings, rendering, errors).
 *
 * A page function gets a request (http/http.h), reads what it needs from
 * the store, builds a value tree (tmpl/tmpl.h) in the request's arena and
 * renders a template through web_render, which adds the site-wide values
 * (site name, asset versions, canonical URL). Every user-visible word lives
 * in templates/ or in the message catalog templates/messages.json.
 */
#ifndef ASKDOC_WEB_H
#define ASKDOC_WEB_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct http_request;
struct http_route;
struct store;
struct tmpl_set;
struct tval;
struct web_views;
struct web_cache;
struct web_index;
struct web_cached;
struct web_deps;
struct mail_queue;
struct web_guard;
struct web_form_errors;

/* Everything the pages share; one per server, read-only while serving
 * (except what its members guard themselves). */
struct web {
	struct store *store;
	struct tmpl_set *tmpl;
	const struct config *cfg;
	struct web_views *views; /* batched view counts */
	struct web_cache *cache; /* rendered public pages */
	struct web_index *index; /* the search index and the changelog
	                          * follower that keeps it and the cache */
	struct mail_queue *mail; /* notifications; NULL: mail is off */
	struct web_guard *guard; /* rate limits and bot checks (web/guard.h) */
	void *messages;          /* json_t object: the message catalog */
	char css_version[17];    /* content hashes for cache busting */
	char js_version[17];
	const char *public_url; /* without a trailing slash */
};

/* Set up w for cfg over st: load the templates (embedded, then
 * cfg->templates_dir) and the message catalog, start the view counter.
 * Returns 0, or -1 with a one-line message in *err (malloc'd). */
int web_init(struct web *w, const struct config *cfg, struct store *st,
             char **err);
/* Flush pending view counts and free what web_init made. */
void web_free(struct web *w);
/* A copy of cur for new settings cfg (SIGHUP): the templates and message
 * catalog loaded again, the static files' versions and the public URL
 * made again; everything else (store, caches, index, mail, guard) shared
 * with cur. Returns 0 with *out (free it with web_free_reloaded once no
 * request uses it, before web_free of the original), or -1 with *err
 * (malloc'd); cur is untouched either way. */
int web_reload(const struct web *cur, const struct config *cfg,
               struct web **out, char **err);
void web_free_reloaded(struct web *w);

/* The route table. */
extern const struct http_route *const web_routes;
extern const size_t web_n_routes;

/* The catalog's text for key (the key itself if missing). */
const char *web_msg(const struct web *w, const char *key);

/* 1 when the response to req may come from, and go to, the page cache:
 * an anonymous visitor's GET or HEAD without query parameters. */
int web_cacheable(struct http_request *req);
/* Render template name with ctx and respond 200 like web_render; when
 * key is not NULL also store the page in the cache under key, showing
 * deps (NULL: everything), read after cache generation gen, with aux.
 * The page may contain WEB_CACHE_HOLE once: the response has hole_value
 * there. */
int web_render_cached(struct http_request *req, const char *name,
                      struct tval *ctx, const char *key, uint64_t gen,
                      const struct web_deps *deps, int64_t aux,
                      const char *hole_value);

/* What a write changed, for content_changed. */
enum content_change {
	/* Published content, through the store's changelog (a reply, an
	 * edit, a comment, moderation, an article, a topic): the index
	 * takes it and the cached pages that show it are dropped. */
	CHANGE_LOGGED,
	/* Also something the changelog does not record (a doctor's profile
	 * or photo, an account removed): every cached page is dropped. */
	CHANGE_UNLOGGED,
};
/* Content changed through this process: apply the changelog now (the
 * search index first, then the page cache), before the response, so the
 * writer's next page shows the change. */
void content_changed(struct web *w, enum content_change what);
/* Respond 200 with a cached page, hole_value in its hole. */
int web_respond_cached(struct http_request *req, const struct web_cached *c,
                       const char *hole_value);

/* A new value tree for a page, holding the site-wide values. */
struct tval *web_page(struct http_request *req);
/* Render template name with ctx (from web_page) and respond with status.
 * Returns 0 or a negative code (500 follows). */
int web_render(struct http_request *req, int status, const char *name,
               struct tval *ctx);
/* The error-page renderer installed in the HTTP server. */
int web_error_page(struct http_request *req, int status, const char *message);
/* Respond 404 with the catalog's message; returns 0. */
int web_not_found(struct http_request *req);

/* Parse a positive decimal id (no sign, no leading zeros, fits int64);
 * returns 0 and sets *id, or -1. */
int web_parse_id(const char *s, int64_t *id);

/* Page functions (one file per family). */
int page_home(struct http_request *req);
int page_departments(struct http_request *req);
int page_department(struct http_request *req);
int page_topic(struct http_request *req);
int page_qa(struct http_request *req);
int page_faq(struct http_request *req);
int page_article(struct http_request *req);

/* ---- emergency notices (web/safety.c) ---- */
/* POST /api/redflags (text=...): {"emergency": bool, "categories": [...]} */
int page_api_redflags(struct http_request *req);
/* The emergency notice values for text ({categories: [{KEY: true}]}), or
 * NULL when the text describes no emergency. */
struct tval *web_redflags(struct http_request *req, const char *text);
/* The live notice's values on the ask form: every category key true and
 * "why_hidden" true, so that each category's sentence is rendered hidden
 * for site.js to reveal. Never NULL (allocated in the request arena). */
struct tval *web_redflags_live(struct http_request *req);

/* Remove personal data from a question about to be stored: title and
 * text become the redacted words and original_title / original_text keep
 * the asker's own (both stay NULL when nothing was found). Returns 0 or a
 * negative code. */
struct question;
int web_redact_question(struct http_request *req, struct question *q);

/* ---- search (web/search.c) ---- */
int page_search(struct http_request *req);
int page_api_search(struct http_request *req);
int page_api_similar(struct http_request *req);
/* Build the search index from st and start the changelog follower
 * (services/follower.h), which updates the index, then drops what changed
 * from cache; NULL with *err (malloc'd) on failure. */
struct web_index *web_index_new(struct store *st, struct web_cache *cache,
                                char **err);
/* Apply the changelog now (content_changed). */
void web_index_sync(struct web_index *wi);
/* Stop the follower and free the index. NULL is allowed. */
void web_index_free(struct web_index *wi);
/* The id of the department the answered questions most like text belong
 * to, or 0 when the suggestion is not confident enough. */
int64_t web_suggest_department(struct http_request *req, const char *text);
/* The Similar Q&A list of Q&A id for qa.mustache (never NULL); the Q&As
 * it shows are added to deps. */
struct tval *web_similar_qas(struct http_request *req, int64_t id,
                             struct web_deps *deps);

/* View counts, batched in memory and written every few seconds, so a page
 * view costs no database write. */
struct web_views *web_views_new(struct store *st);
/* Count one view of Q&A id. Returns the views of id this process counted
 * since it started (written or not); *pending (may be NULL) gets those
 * not written yet. A page shows the stored count plus *pending; a cached
 * page keeps stored + pending - returned, and adds what a later call
 * returns, so writing the counts out changes nothing it shows. */
int64_t web_views_add(struct web_views *v, int64_t id, int64_t *pending);
/* Flush, stop the writer thread and free. NULL is allowed. */
void web_views_free(struct web_views *v);

/* ---- accounts and admin (issue 3): web/account.c, web/admin.c ---- */

/* Add the signed-in user to a page's values (web_page calls it):
 * "user" {name, is_doctor (verified), is_unverified (a doctor waiting),
 * is_moderator (moderator or admin), is_admin} and "csrf" (the session's
 * token, for the header's logout form). Nothing for anonymous visitors. */
struct tval;
void web_page_user(struct http_request *req, struct tval *ctx);
/* GET and POST /login, POST /logout, GET and POST /register, GET and
 * POST /doctor/apply (account.c). */
int page_login(struct http_request *req);
int page_login_post(struct http_request *req);
int page_logout_post(struct http_request *req);
int page_register(struct http_request *req);
int page_register_post(struct http_request *req);
int page_doctor_apply(struct http_request *req);
int page_doctor_apply_post(struct http_request *req);
/* The signed-in user's own area (issue 6): GET /account (account.c),
 * POST /account/data (the data download, mydata.c), GET and POST
 * /account/delete (account.c). */
int page_account(struct http_request *req);
int page_account_data(struct http_request *req);
int page_account_password(struct http_request *req);
int page_account_password_post(struct http_request *req);
int page_account_sessions_end(struct http_request *req);
int page_account_delete(struct http_request *req);
int page_account_delete_post(struct http_request *req);
/* GET /admin, /admin/doctors, /admin/users; POST
 * /admin/doctors/:id/verify|reject and /admin/users/:id/role|disable|enable
 * (admin.c). */
int page_admin(struct http_request *req);
int page_admin_doctors(struct http_request *req);
int page_admin_doctor_verify(struct http_request *req);
int page_admin_doctor_reject(struct http_request *req);
int page_admin_doctor_edit(struct http_request *req);
int page_admin_doctor_edit_post(struct http_request *req);
int page_admin_users(struct http_request *req);
int page_admin_user_role(struct http_request *req);
int page_admin_user_disable(struct http_request *req);
int page_admin_user_enable(struct http_request *req);
/* GET /admin/audit: the audit log for admins (audit.c). */
int page_admin_audit(struct http_request *req);
/* End a moderator's or admin's action begun with store_tx_begin: when rc
 * (the action's result) is 0, write its audit row (by the signed-in user;
 * target_kind an enum store_kind, detail NULL or a short note without
 * patient data) and commit; otherwise, or when the row cannot be written,
 * roll back. Returns 0 or the first failure (a STORE_* code). */
int web_audit_end(struct http_request *req, int rc, const char *action,
                  int target_kind, int64_t target_id, const char *detail);

/* ---- asking, answering and moderation (issue 3): web/ask.c,
 * web/reply.c, web/moderate.c ---- */

struct arena;
struct question;

/* Mark a page private: no caching, no Referer, noindex, no canonical URL;
 * and put the CSRF token ("csrf") in its values. */
void web_private_page(struct http_request *req, struct tval *ctx);
/* Render the mail template name (first line: the subject; then a blank
 * line; then the body) with ctx. Returns 0 with both in the arena, or a
 * negative code. */
int web_mail_text(struct http_request *req, const char *name, struct tval *ctx,
                  const char **subject, const char **body);
/* Queue mail template_name to `to` about question_id with its status
 * link: token, or a fresh one added to the question when NULL. Nothing
 * (returns 0) when mail is off or to is NULL/empty. Joins the caller's
 * transaction. Returns 0 or a STORE_* code. */
int web_notify(struct http_request *req, const char *template_name,
               int64_t question_id, const char *to, const char *token);
int page_ask(struct http_request *req);      /* GET /ask */
int page_ask_post(struct http_request *req); /* POST /ask */
/* GET /my/question/:token and GET /my/questions/:id */
int page_my_question(struct http_request *req);
/* POST .../withdraw and .../follow-up under both addresses */
int page_my_withdraw(struct http_request *req);
int page_my_follow_up(struct http_request *req);
/* POST /my/question/:token/request, /my/questions/:id/request: ask the
 * moderators to remove personal details or to unpublish (issue 11). */
int page_my_request(struct http_request *req);
int page_my_questions(struct http_request *req); /* GET /my/questions */
int page_doctor_queue(struct http_request *req); /* GET /doctor/queue */
/* GET and POST /doctor/question/:id: the question and the reply editor */
int page_doctor_question(struct http_request *req);
int page_doctor_question_post(struct http_request *req);
/* GET and POST /doctor/answer/:id/edit */
int page_doctor_answer_edit(struct http_request *req);
int page_doctor_answer_edit_post(struct http_request *req);
/* GET /moderate/question/:id and its POST actions */
int page_moderate(struct http_request *req);
int page_moderate_reject(struct http_request *req);
int page_moderate_unpublish(struct http_request *req);
int page_moderate_republish(struct http_request *req);
int page_moderate_department(struct http_request *req);
/* POST /moderate/question/:id/edit: replace a published question's title
 * and text (removing personal details), closing such requests. */
int page_moderate_edit(struct http_request *req);
/* Privacy requests and reports about Q&As (web/requests.c, issue 11):
 * GET and POST /qa/:id/report, GET /moderate/requests, POST
 * /moderate/requests/:id/dismiss. */
int page_qa_report(struct http_request *req);
/* Put "requests" (the open requests and reports about question_id, with
 * kind flags and notes) and "has_requests" into ctx. */
int web_requests_value(struct http_request *req, int64_t question_id,
                       struct tval *ctx);
int page_moderate_requests(struct http_request *req);
int page_moderate_request_dismiss(struct http_request *req);

/* ---- content and discovery (issue 5): web/content.c, web/profiles.c,
 * web/taxonomy.c, web/articles.c, web/comments.c, web/feeds.c,
 * web/api.c ---- */

struct search_index;
/* The search index pages may query (never NULL once web_init succeeded;
 * readers only). */
struct search_index *web_search_index(struct web *w);
/* Set a page's site-wide search-engine values (web_page calls it): the
 * default schema.org JSON-LD (the WebSite with its search action) and
 * the Open Graph type. Pages replace them with web_jsonld. */
void web_seo_defaults(struct http_request *req, struct tval *ctx);
/* Put the comments of a Q&A or an article into page values ("comments":
 * list, count, the form or the "login required" notice) as
 * templates/comments.mustache reads them. Returns 0 or a STORE_* code. */
int web_comments_value(struct http_request *req, int kind /* store_kind */,
                       int64_t id, const char *base_path, struct tval *ctx);
/* The schema.org JSON-LD of a published Q&A page (QAPage, Question,
 * Answer, BreadcrumbList) into ctx. */
void web_jsonld_qa(struct http_request *req, struct tval *ctx,
                   const struct question *q);
/* A library entry page's breadcrumbs (Home, its department, its focus
 * topic, the entry), "topic" {name, url, department} and JSON-LD
 * (MedicalWebPage based on its source, BreadcrumbList) into ctx;
 * summary describes the entry. Returns 0 or a STORE_* code. */
struct faq;
int web_library_seo(struct http_request *req, struct tval *ctx,
                    const struct faq *f, const char *summary);

int page_doctors(struct http_request *req);             /* GET /doctors */
int page_doctor(struct http_request *req);              /* GET /doctor/:id */
int page_doctor_photo(struct http_request *req);        /* .../photo */
int page_doctor_profile_edit(struct http_request *req); /* GET, POST */
int page_doctor_profile_post(struct http_request *req); /* /doctor/profile */
/* Admin: departments and topics (web/taxonomy.c). */
int page_admin_taxonomy(struct http_request *req);
int page_admin_department_create(struct http_request *req);
int page_admin_department_update(struct http_request *req);
int page_admin_topic_create(struct http_request *req);
int page_admin_topic_update(struct http_request *req);
int page_admin_topic_merge(struct http_request *req);
/* Articles (web/articles.c). */
int page_articles(struct http_request *req);         /* GET /articles */
int page_article_category(struct http_request *req); /* /articles/in/... */
int page_article_write(struct http_request *req);    /* GET /write[/:id] */
int page_article_write_post(struct http_request *req);
int page_my_articles(struct http_request *req); /* GET /my/articles */
/* Comments (web/comments.c). */
int page_comment_post(struct http_request *req); /* POST .../comments */
int page_comment_edit(struct http_request *req); /* GET, POST */
int page_comment_edit_post(struct http_request *req);
int page_comment_delete(struct http_request *req);
int page_comment_report(struct http_request *req);
int page_moderate_comments(struct http_request *req);
int page_moderate_comment(struct http_request *req);
/* Feeds, sitemaps, robots.txt (web/feeds.c). */
int page_feed(struct http_request *req);
int page_sitemap_index(struct http_request *req);
int page_sitemap(struct http_request *req);
int page_robots(struct http_request *req);
/* The JSON read API (web/api.c; docs/openapi.yaml). */
int page_api_qas(struct http_request *req);
int page_api_qa(struct http_request *req);
int page_api_articles(struct http_request *req);
int page_api_article(struct http_request *req);
int page_api_departments(struct http_request *req);
int page_api_department(struct http_request *req);
int page_api_topics(struct http_request *req);
int page_api_topic(struct http_request *req);
int page_api_doctors(struct http_request *req);
int page_api_doctor(struct http_request *req);

/* ---- More Info (issue 6): web/moreinfo.c ---- */

struct moreinfo;
struct store_moreinfo;

/* The More Info section of the reply editor as the form carries it
 * (fields mi_json: the whole draft; mi_keep: the indexes of the sentences
 * kept; mi_own: the doctor's own text; mi_at: when the draft was made). */
struct web_mi_form {
	int present;              /* the form carried a draft (mi_json) */
	struct moreinfo *draft;   /* every sentence of the draft */
	unsigned char *keep;      /* per sentence of draft: 1 kept */
	const char *own;          /* the doctor's own text (Markdown) or "" */
	const char *generated_at; /* when the draft was made */
	const char *note;         /* a catalog key about the draft, or NULL */
};
/* Read the section from the request's form into *f (strings in the
 * arena). An unreadable draft or an own text over LIMIT_MOREINFO_CHARS
 * records an error on field "mi" in fe. */
void web_mi_form_read(struct http_request *req, struct web_mi_form *f,
                      struct web_form_errors *fe);
/* 1 when the doctor has not changed the draft: every sentence kept, no
 * own text, not drafted by a language model (it may then be remade). */
int web_mi_form_untouched(const struct web_mi_form *f);
/* Make a new draft for q into *f: the extract from the library for the
 * title, question and reply (may be NULL); with use_llm and --llm-url
 * set, rewritten by the language model (waits up to --llm-timeout; falls
 * back to the extract and says so in f->note). Keeps f->own. */
void web_mi_generate(struct http_request *req, const struct question *q,
                     const char *reply, int use_llm, struct web_mi_form *f);
/* The editor's first showing: the More Info kept with q (a draft, or
 * the approved one), else a new extract for q with reply. */
void web_mi_load(struct http_request *req, const struct question *q,
                 const char *reply, struct web_mi_form *f);
/* The section's values for doctor_question.mustache ("mi"). */
struct tval *web_mi_editor_value(struct http_request *req,
                                 const struct web_mi_form *f);
/* The row to keep for f: the kept sentences (JSON form of
 * moreinfo/render.h) or the own text ({"own": ...}). Returns 0 with *out
 * set (question_id is the caller's), or 1 when the form had no section
 * (nothing to keep). */
int web_mi_row(struct http_request *req, const struct web_mi_form *f,
               struct store_moreinfo *out);
/* qa.mustache's "more_info" for published q: the approved one, else an
 * extract made now (kept in the page cache until content changes); NULL
 * when there is none. */
struct tval *web_moreinfo_value(struct http_request *req,
                                const struct question *q);
/* The doctor-approved More Info of q in the same shape, or NULL when
 * there is none (no automatic extract: for the asker's status page). */
struct tval *web_moreinfo_approved(struct http_request *req,
                                   const struct question *q);
/* my_question.mustache's "wait" for waiting q: the closest answered
 * questions and a cited explanation from the library; NULL when there is
 * neither. */
struct tval *web_moreinfo_wait(struct http_request *req,
                               const struct question *q);

#endif
