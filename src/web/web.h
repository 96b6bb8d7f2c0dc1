/* web/web.h: what every page shares: the site's state, the route table,
 * rendering, errors and the page cache's entry points. Each page family
 * has its own header (web/ask.h, web/qa.h, ...), named by what it serves.
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
struct arena;
struct http_request;
struct http_route;
struct mail_queue;
struct store;
struct tmpl_set;
struct tval;
struct web_cache;
struct web_cached;
struct web_deps;
struct web_guard;
struct i18n;
struct web_index;
struct web_views;
struct jobs;

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
	struct jobs *jobs;       /* housekeeping (PostgreSQL only), or NULL */
	void *messages;          /* json_t object: the message catalog */
	struct i18n *i18n;       /* languages and catalogs (web/locale.h) */
	char css_version[17];    /* content hashes for cache busting */
	char js_version[17];
	const char *public_url; /* without a trailing slash */
};

/* Set up w for cfg over st: load the templates (embedded, then
 * cfg->templates_dir) and the message catalog, start the view counter.
 * Returns 0, or WEB_EROUTES or WEB_ESETUP with a one-line message in
 * *err (malloc'd). */
int web_init(struct web *w, const struct config *cfg, struct store *st,
             char **err);

/* Flush pending view counts and free what web_init made. */
void web_free(struct web *w);

/* A copy of cur for new settings cfg (SIGHUP): the templates and message
 * catalog loaded again, the static files' versions and the public URL
 * made again; everything else (store, caches, index, mail, guard) shared
 * with cur. Returns 0 with *out (free it with web_free_reloaded once no
 * request uses it, before web_free of the original), or WEB_ESETUP with
 * *err (malloc'd); cur is untouched either way. */
int web_reload(const struct web *cur, const struct config *cfg,
               struct web **out, char **err);

void web_free_reloaded(struct web *w);

/* The route table. */
extern const struct http_route *const web_routes;

extern const size_t web_n_routes;

/* The catalog's text for key (the key itself if missing). */
const char *web_msg(const struct web *w, const char *key);

/* The emergency numbers ("119, 110") pages in language lang (an index of
 * w->i18n; -1: the default) show: the site's --emergency-numbers when
 * set, else the language's own (catalog key "emergency_numbers"); an
 * English page of a site whose default language is not English shows
 * the default language's. */
const char *web_emergency(const struct web *w, int lang);

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
/* Mark a page private: no caching, no Referer, noindex, no canonical URL;
 * and put the CSRF token ("csrf") in its values. */
void web_private_page(struct http_request *req, struct tval *ctx);

/* Render template name with ctx (from web_page) and respond with status.
 * Returns 0 or a negative code (500 follows). */
int web_render(struct http_request *req, int status, const char *name,
               struct tval *ctx);

/* The error-page renderer installed in the HTTP server. */
int web_error_page(struct http_request *req, int status, const char *message);
/* The error page with a form that sends fields (a list of maps with
 * name and value) again by POST to the request's own path: a form the
 * server could not take keeps what was typed. */
int web_error_resend(struct http_request *req, int status, const char *message,
                     struct tval *fields);

/* Where to go back to after logging in or registering (a "next"
 * parameter): next itself when it is a path on this site, else NULL. A
 * path starts with one '/', is not "//host" nor "/\host" (which browsers
 * read as another host), not even once percent-decoded, and holds no
 * backslash, blank or control character (browsers drop tabs and line
 * ends from URLs, so "/\t/host" is "//host"). No open redirect. */
const char *web_safe_next(const char *next);
/* s percent-encoded for a query string, '/' kept; in arena a. */
char *web_url_arg(struct arena *a, const char *s);
/* The page req asked for, to come back to after signing in: its path
 * (percent-encoded) and, for GET and HEAD, its query string, so that a
 * reader returns to "/qa/5?lang=vi" or "/search?q=...", not to the bare
 * path. NULL when not even the path passes web_safe_next; the path alone
 * when the whole does not (an over-long query). */
const char *web_here(struct http_request *req);

/* Respond 404 with the catalog's message; returns 0. */
int web_not_found(struct http_request *req);
/* The path's :id into *id: 0, or 1 after answering 404 (not an id). */
int web_path_id(struct http_request *req, int64_t *id);
/* What a store read returned, rc: 1 after answering 404 for
 * STORE_NOTFOUND, else rc. */
int web_found(struct http_request *req, int rc);

/* The web layer's own error codes, in a space of their own beside the
 * store's (-1..-99), the templates' (-201..-299) and HTTP's (-301..-399).
 * web_strerror names them all. */
enum web_error {
	WEB_EBADID = -401,    /* not a positive decimal id, or none we know */
	WEB_EBADPAGE = -402,  /* a malformed, zero or too deep page number */
	WEB_ENOPAGE = -403,   /* a page number past the list's last page */
	WEB_EBADQUERY = -404, /* a query field of the wrong form */
	WEB_EIMAGE = -405,    /* not a PNG, JPEG or WebP image we can read */
	WEB_EMAILTEXT = -406, /* a mail template without its subject line */
	WEB_EROUTES = -407,   /* a route table whose flags do not add up */
	WEB_ECRYPTO = -408,   /* libsodium did not start */
	WEB_ESETUP = -409,    /* templates, catalogs or index did not load */
	WEB_EINTAKE = -410,   /* an intake form definition the checks refuse */
};

/* The name of a page function's negative return code, by the module whose
 * space it is in (store, templates, HTTP or web): for the server's log
 * (http_server_set_strerror) and the web layer's own. Never NULL. */
const char *web_strerror(int rc);

/* Parse a positive decimal id (no sign, no leading zeros, fits int64);
 * returns 0 and sets *id, or WEB_EBADID. */
int web_parse_id(const char *s, int64_t *id);

/* Add the signed-in user to a page's values (web_page calls it):
 * "user" {name, is_doctor (verified), is_unverified (a doctor waiting),
 * is_moderator (moderator or admin), is_admin} and "csrf" (the session's
 * token, for the header's logout form). Nothing for anonymous visitors. */
void web_page_user(struct http_request *req, struct tval *ctx);

#endif
