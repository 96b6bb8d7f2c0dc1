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

/* Everything the pages share; one per server, read-only while serving
 * (except what its members guard themselves). */
struct web {
	struct store *store;
	struct tmpl_set *tmpl;
	const struct config *cfg;
	struct web_views *views; /* batched view counts */
	void *messages;		 /* json_t object: the message catalog */
	char css_version[17];	 /* content hashes for cache busting */
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

/* The route table. */
extern const struct http_route *const web_routes;
extern const size_t web_n_routes;

/* The catalog's text for key (the key itself if missing). */
const char *web_msg(const struct web *w, const char *key);

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

/* View counts, batched in memory and written every few seconds, so a page
 * view costs no database write. */
struct web_views *web_views_new(struct store *st);
/* Count one view of Q&A id; returns the views not yet written. */
int64_t web_views_add(struct web_views *v, int64_t id);
/* Write pending counts now. */
void web_views_flush(struct web_views *v);
/* Flush, stop the writer thread and free. NULL is allowed. */
void web_views_free(struct web_views *v);

#endif
