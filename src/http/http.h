/* http/http.h: askdoc's HTTP layer as the web layer sees it.
 *
 * A server is created from a config holding a route table, started, and
 * stopped gracefully. libmicrohttpd's thread pool calls handlers: each
 * request has its own arena (freed when the response has been sent), its
 * method, decoded path and path parameters, query, form, cookies and
 * headers. A handler answers with exactly one http_respond / http_redirect
 * / http_error and returns 0; returning a negative code instead turns the
 * request into a 500 page and a log line.
 *
 * Every string these functions return lives in the request's arena (or in
 * libmicrohttpd's buffers for headers) and stays valid until the response
 * has been sent; none may be used after the handler returns. Text values
 * (params, query, form fields) are valid UTF-8 without NUL bytes: the layer
 * answers 400 before any handler sees anything else.
 *
 * The layer adds on its own: /static/ files, /healthz, /metrics (unless
 * no_builtin_routes), HEAD for GET routes, 404/405/400/413/414 pages,
 * security headers, gzip, an access log line per request, Prometheus
 * counters, and deadlines that cut clients too slow to send a request.
 */
#ifndef ASKDOC_HTTP_H
#define ASKDOC_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "http/parse.h"

struct arena;
struct buf;
struct embedded_file;
struct http_request;
struct http_server;

/* A route handler: returns 0 after responding, or a negative error code
 * (the layer then answers 500 and logs the route and code). */
typedef int (*http_handler)(struct http_request *req);

/* One route. Methods compare exactly ("GET", "POST"); patterns are like
 * "/qa/:id", "/topic/:slug" or "/static/" + "*path" (a tail; see
 * http/route.h). flags are
 * the web layer's own, except HTTP_ROUTE_BARE. */
struct http_route {
	const char *method;
	const char *pattern;
	http_handler fn;
	unsigned flags;
};

/* Route flag: skip the before-hook (static files, health, metrics). */
#define HTTP_ROUTE_BARE 0x80000000u

struct http_config {
	const char *listen; /* "ADDR:PORT", "[IPv6]:PORT"; port 0 picks one;
	                       NULL: "127.0.0.1:8080" */
	long threads;       /* worker threads; 0: one per core */
	const struct http_route *routes; /* must outlive the server */
	size_t n_routes;
	void *app;              /* handed back by http_app() */
	const char *static_dir; /* files here override embedded static/ */
	const struct embedded_file *static_files; /* NULL: embedded_files */
	int access_log;                           /* one log line per request */
	int https;             /* served over https: HSTS, Secure cookies */
	int no_builtin_routes; /* no /static/, /healthz, /metrics */
	unsigned shutdown_ms;  /* graceful stop bound; 0: 10000 */
	/* Connection limits and slow-client deadlines (0: the default in
	 * limits.h). */
	unsigned max_conns;        /* open connections in all */
	int max_conns_per_addr;    /* per client address; < 0: no limit */
	unsigned idle_timeout_s;   /* a connection may sit idle this long */
	unsigned header_timeout_s; /* a request's headers must be in within
	                              this of the connection opening or the
	                              previous response */
	unsigned body_timeout_s;   /* after this, a body must keep up ... */
	long body_min_rate;        /* ... this many bytes/s on average (< 0:
	                              it must be complete by then) */
	const char *trusted_proxy; /* peer address whose X-Forwarded-For
	                              names the client; NULL: none */
	/* /metrics: open to all by default (NULL, 0); with metrics_token it
	 * needs "Authorization: Bearer <token>" (else 401); metrics_hidden
	 * makes it 404 (served on another address, or not at all). */
	const char *metrics_token;
	int metrics_hidden;
	/* Serve metrics_of's counters at /metrics (a second server on a
	 * separate address for the metrics alone); NULL: this server's. */
	struct http_server *metrics_of;
};

/* Server life cycle. */

/* Return a new server for cfg (copied; routes and strings must outlive
 * the server), or NULL after logging why (bad listen address, bad route
 * pattern). Nothing listens until http_server_start. */
struct http_server *http_server_new(const struct http_config *cfg);
/* Bind and start the worker threads (which block SIGINT, SIGTERM and
 * SIGHUP). Returns 0, or HTTP_ESYS (logged) if the address cannot be
 * bound, or HTTP_EINVAL if already started. */
int http_server_start(struct http_server *srv);
/* Stop accepting connections, wait up to shutdown_ms for requests in
 * flight to finish, then stop the workers. Safe to call twice. */
void http_server_stop(struct http_server *srv);
/* Stop if needed and free everything. NULL is allowed. */
void http_server_free(struct http_server *srv);
/* Return the bound TCP port (useful with port 0), or 0 when not started. */
int http_server_port(const struct http_server *srv);
/* Start if needed, block until SIGINT or SIGTERM, then stop gracefully (a
 * second signal during the wait kills the process the usual way). SIGHUP
 * calls the reload hook (on this thread) and goes on serving. Returns
 * 0, or a negative code if the server could not start. */
int http_server_run_until_signal(struct http_server *srv);
/* Block SIGINT, SIGTERM and SIGHUP on the calling thread, and so on every
 * thread it starts from now on. Call first thing in a server's main
 * thread: a signal that arrives while it starts up then waits for
 * http_server_run_until_signal's handler instead of killing the process
 * the default way through some other thread. */
void http_signals_block(void);
/* Hooks for http_server_run_until_signal, run on its thread: on_ready once
 * the signal handlers are in place, on_reload on each SIGHUP. Either may
 * be NULL. */
typedef void (*http_signal_fn)(void *arg);
void http_server_set_signal_hooks(struct http_server *srv,
                                  http_signal_fn on_ready,
                                  http_signal_fn on_reload, void *arg);
/* Replace the app pointer http_app() returns: requests that begin from now
 * on get app; those already running keep the one they began with (the
 * caller keeps it alive until they are done, e.g. until the server
 * stops). */
void http_server_set_app(struct http_server *srv, void *app);

/* Hooks the web layer installs before start. */

/* Renders error pages with the site's templates: must call http_respond
 * (with the given status) and return 0; on a negative return or no
 * response the plain built-in page is used. */
typedef int (*http_error_renderer)(struct http_request *req, int status,
                                   const char *message);
void http_server_set_error_renderer(struct http_server *srv,
                                    http_error_renderer fn);
/* Names a handler's negative return code for the log ("no such row");
 * without one the log has only the number. */
typedef const char *(*http_strerror_fn)(int rc);
void http_server_set_strerror(struct http_server *srv, http_strerror_fn fn);
/* Runs before every handler whose route lacks HTTP_ROUTE_BARE (sessions,
 * CSRF): returns 0 to go on to the handler, 1 after responding itself, or
 * a negative code (500). */
typedef int (*http_before_fn)(struct http_request *req);
void http_server_set_before(struct http_server *srv, http_before_fn fn);
/* A per-thread counter of the storage statements run (the store's): its
 * growth over each handler is added up by route for /metrics
 * (askdoc_http_statements_total), so a page's database cost is visible,
 * and testable. */
void http_server_set_statement_counter(struct http_server *srv,
                                       uint64_t (*fn)(void));
/* /healthz asks fn(arg, &why): 0 answers 200 "ok"; a positive value
 * answers 200 "degraded: <why>" (the site serves, but not everything
 * works: e.g. the database cannot be written); a negative one answers 503
 * "unavailable". why is a short static string. */
typedef int (*http_health_fn)(void *arg, const char **why);
void http_server_set_health_check(struct http_server *srv, http_health_fn fn,
                                  void *arg);
/* Called when a handler fails (returns a negative code rc) before the
 * generic 500: fn may answer instead (returning 0 after responding, for
 * example 503 with Retry-After for a database that is busy), or return
 * non-zero to leave the 500. The response is reset before the call. */
typedef int (*http_failure_fn)(struct http_request *req, int rc);
void http_server_set_failure_handler(struct http_server *srv,
                                     http_failure_fn fn);
/* Set (value non-NULL) or remove (NULL) a header sent with every response
 * (the security headers are such defaults). Returns 0 or HTTP_EINVAL for
 * a name or value with control characters. Call before start. */
int http_server_set_default_header(struct http_server *srv, const char *name,
                                   const char *value);

/* Metrics from other modules: fn appends Prometheus text (with its own
 * # HELP / # TYPE lines) to out on each /metrics request; it may run on
 * several threads at once. At most 32 hooks; returns 0 or HTTP_ETOOMANY. */
typedef void (*http_metrics_fn)(struct buf *out, void *arg);
int http_metrics_register(http_metrics_fn fn, void *arg);

/* The request. */

struct arena *http_arena(struct http_request *req);
void *http_app(struct http_request *req); /* config's app pointer */
/* The web layer's own per-request pointer (e.g. the session). */
void *http_context(struct http_request *req);
void http_set_context(struct http_request *req, void *ctx);
const char *http_method(struct http_request *req); /* "HEAD" for HEAD */
const char *http_path(struct http_request *req);   /* percent-decoded */
/* The matched route's pattern ("/qa/:id") and flags (0 when none). */
const char *http_route_pattern(struct http_request *req);
unsigned http_route_flags(struct http_request *req);
/* Path parameter name (without ':'/'*'), decoded; NULL if none. */
const char *http_param(struct http_request *req, const char *name);
/* First query field called name, or NULL. */
const char *http_query(struct http_request *req, const char *name);
/* First text field of the form (urlencoded or multipart), or NULL. */
const char *http_form(struct http_request *req, const char *name);
/* First file part called name (filename non-NULL), or NULL. */
const struct http_kv *http_form_file(struct http_request *req,
                                     const char *name);
/* All fields, in order (for repeated names such as checkboxes). */
const struct http_kv *http_query_fields(struct http_request *req, size_t *n);
const struct http_kv *http_form_fields(struct http_request *req, size_t *n);
/* The raw body (any content type; NUL-terminated), *len its size; NULL if
 * the request had none. */
const char *http_body(struct http_request *req, size_t *len);
const char *http_cookie(struct http_request *req, const char *name);
/* Request header, case-insensitive; NULL if absent. */
const char *http_header(struct http_request *req, const char *name);
/* The client's address as text ("127.0.0.1", "::1"): the peer's, or, when
 * the peer is the configured trusted proxy, the last address of its
 * X-Forwarded-For header (when that is a valid address). This is the
 * address throttles and logs use. */
const char *http_client_addr(struct http_request *req);
/* A short id unique within the process run, also sent as X-Request-Id. */
const char *http_request_id(struct http_request *req);

/* The response. Each returns 0, or HTTP_EINVAL for a bad argument (a
 * header value with CR/LF, a cookie name that is not a token). */

/* Respond with a copy of body (len bytes) in the arena. content_type NULL
 * means no Content-Type header. */
int http_respond(struct http_request *req, int status, const char *content_type,
                 const void *body, size_t len);
/* Respond with the bytes of b, which the layer takes (b is left empty)
 * and frees after sending. */
int http_respond_buf(struct http_request *req, int status,
                     const char *content_type, struct buf *b);
/* Respond with body without copying it: it must stay valid until the
 * response has been sent (static data, or memory in the request's arena). */
int http_respond_static(struct http_request *req, int status,
                        const char *content_type, const void *body, size_t len);
/* Set (replace) a response header, or remove it (value NULL), overriding
 * the server's defaults for this response. */
int http_set_header(struct http_request *req, const char *name,
                    const char *value);

#define HTTP_COOKIE_DELETE (-1L)
struct http_cookie_opts {
	long max_age; /* seconds; 0: session; HTTP_COOKIE_DELETE */
	int http_only;
	const char *same_site; /* "Strict", "Lax", "None"; NULL: "Lax" */
	int secure;            /* always on when the server is https */
	const char *path;      /* NULL: "/" */
};
/* Add a Set-Cookie header. value must be RFC 6265 cookie-octets (encode
 * anything else first). opts NULL: session cookie, HttpOnly, Lax, "/". */
int http_set_cookie(struct http_request *req, const char *name,
                    const char *value, const struct http_cookie_opts *opts);
/* Redirect (301, 302, 303, 307 or 308) to location. */
int http_redirect(struct http_request *req, int status, const char *location);
/* Respond with an error page for status (4xx/5xx) showing message (plain
 * text, escaped here), through the installed renderer if any. */
int http_error(struct http_request *req, int status, const char *message);
/* In an error renderer: 1 when the error was found by the HTTP layer
 * itself (malformed request, unknown route, wrong method, a limit), whose
 * message is plain English for logs and the built-in page; the renderer
 * should then word the page from its own catalog. */
int http_error_from_layer(struct http_request *req);
/* Do not gzip this response (already compressed, or tiny). */
void http_no_compress(struct http_request *req);

/* Built-in handlers, for tables that set no_builtin_routes. */
int http_static_handler(struct http_request *req);  /* GET /static/ *path */
int http_healthz_handler(struct http_request *req); /* GET /healthz */
int http_metrics_handler(struct http_request *req); /* GET /metrics */

#endif
