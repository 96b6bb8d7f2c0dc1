/* http/server.c: the libmicrohttpd glue: daemon life cycle, the request
 * life cycle, dispatch to handlers and graceful shutdown. The only file of
 * askdoc that includes <microhttpd.h>.
 *
 * Life of a request: libmicrohttpd reports the request line (on_uri), which
 * takes an arena from the server's pool and allocates the request in it,
 * keeping the raw URI (our unescape callback is a no-op, so we decode the
 * path and query ourselves and can tell "%2F" from "/"). When the headers
 * are in (first on_request call) we parse cookies, match the route and
 * check the URL and body limits, answering 404/405/414/413/400 before any
 * body is read. A body is collected into a buffer; then (last call) query
 * and form are parsed, the before-hook and the handler run, and the
 * response is queued. on_completed counts, logs and returns the arena.
 *
 * Threads: libmicrohttpd's internal pool (epoll where available), one
 * thread per core by default; a connection stays on one thread, so a
 * request's callbacks never run concurrently. Shutdown: quiesce (close the
 * listening socket), wait for requests in flight up to a bound, then stop.
 */
#include "http/internal.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "limits.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"

/* A body this many times over its limit is not worth reading to the end
 * to say 413 politely: the connection is dropped. */
#define BODY_DISCARD_FACTOR 4
/* Request bodies get this much buffer up front; more as bytes arrive. */
#define BODY_PREALLOC (64 * 1024)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int http_parse_listen(const char *s, struct sockaddr_storage *ss,
                      socklen_t *len)
{
	const char *colon = strrchr(s, ':'), *host = s;
	size_t hlen;
	char hbuf[64], *end;
	unsigned long port;

	if (!colon || !colon[1])
		return HTTP_EINVAL;
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (*end || errno || port > 65535 || colon[1] < '0' || colon[1] > '9')
		return HTTP_EINVAL;
	hlen = (size_t)(colon - s);
	memset(ss, 0, sizeof(*ss));
	if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		if (hlen - 2 >= sizeof(hbuf))
			return HTTP_EINVAL;
		memcpy(hbuf, host + 1, hlen - 2);
		hbuf[hlen - 2] = '\0';
		if (inet_pton(AF_INET6, hbuf, &a6->sin6_addr) != 1)
			return HTTP_EINVAL;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*a6);
		return 0;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	if (hlen >= sizeof(hbuf))
		return HTTP_EINVAL;
	memcpy(hbuf, host, hlen);
	hbuf[hlen] = '\0';
	if (hlen == 0 || strcmp(hbuf, "*") == 0)
		a4->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (strcmp(hbuf, "localhost") == 0)
		a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, hbuf, &a4->sin_addr) != 1)
		return HTTP_EINVAL;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	*len = sizeof(*a4);
	return 0;
}

static struct arena *pool_take(struct http_server *srv)
{
	struct arena *a = NULL;

	pthread_mutex_lock(&srv->pool_lock);
	if (srv->n_pool)
		a = srv->pool[--srv->n_pool];
	pthread_mutex_unlock(&srv->pool_lock);
	return a ? a : arena_new();
}

static void pool_give(struct http_server *srv, struct arena *a)
{
	arena_reset(a);
	pthread_mutex_lock(&srv->pool_lock);
	if (srv->n_pool < HTTP_POOL_MAX) {
		srv->pool[srv->n_pool++] = a;
		a = NULL;
	}
	pthread_mutex_unlock(&srv->pool_lock);
	arena_free(a);
}

const char *http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_client_addr(struct http_request *req)
{
	const union MHD_ConnectionInfo *ci;
	char text[INET6_ADDRSTRLEN] = "-";

	if (req->client)
		return req->client;
	ci = MHD_get_connection_info(req->conn,
	                             MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET) {
			inet_ntop(AF_INET,
			          &((const struct sockaddr_in *)sa)->sin_addr,
			          text, sizeof(text));
		} else if (sa->sa_family == AF_INET6) {
			const struct in6_addr *a6 =
			        &((const struct sockaddr_in6 *)sa)->sin6_addr;
			/* Dual-stack sockets see IPv4 peers as ::ffff:a.b.c.d.
			 */
			if (IN6_IS_ADDR_V4MAPPED(a6))
				inet_ntop(AF_INET, &a6->s6_addr[12], text,
				          sizeof(text));
			else
				inet_ntop(AF_INET6, a6, text, sizeof(text));
		}
	}
	req->client = arena_strdup(req->arena, text);
	return req->client;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *srv = cls;
	struct arena *a = pool_take(srv);
	struct http_request *req = ARENA_NEW(a, struct http_request);

	req->srv = srv;
	req->conn = conn;
	req->arena = a;
	req->t0_ns = now_ns();
	req->uri = arena_strdup(a, uri);
	req->route_index = srv->n_routes;
	snprintf(req->id, sizeof(req->id), "%s-%llu", srv->id_prefix,
	         (unsigned long long)atomic_fetch_add_explicit(
	                 &srv->next_id, 1, memory_order_relaxed));
	atomic_fetch_add(&srv->in_flight, 1);
	return req;
}

/* Our path and query decoding happen later, on the raw URI. */
static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	return strlen(s);
}

__attribute__((format(printf, 2, 0))) static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '"' || (unsigned char)*p < 0x20)
			*p = '\'';
	log_warn("libmicrohttpd", "detail=\"%s\"", msg);
}

static enum MHD_Result queue(struct http_request *req)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	if (!req->responded)
		http_layer_error(req, 500, NULL);
	http_response_finish(req);
	resp = MHD_create_response_from_buffer(req->len_out,
	                                       (void *)(uintptr_t)req->body_out,
	                                       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	for (size_t i = 0; i < req->n_hdrs; i++) {
		const struct http_hdr *h = &req->hdrs[i];
		if (h->value &&
		    MHD_add_response_header(resp, h->name, h->value) != MHD_YES)
			log_warn("header refused", "name=%s id=%s", h->name,
			         req->id);
	}
	ok = MHD_queue_response(req->conn, (unsigned)req->status, resp);
	MHD_destroy_response(resp);
	req->queued = 1;
	req->bytes = req->head ? 0 : req->len_out;
	return ok;
}

/* Answer 400 for a parse error rc found in what. */
static void bad_request(struct http_request *req, int rc, const char *what)
{
	const char *why = http_strerror(rc);

	http_layer_error(req, 400,
	                 arena_printf(req->arena, "Bad request: %s in the %s.",
	                              why, what));
}

/* The headers are in: route and check limits. Returns 1 if a response was
 * made (an error), 0 to go on. */
static int begin(struct http_request *req, const char *method)
{
	struct http_server *srv = req->srv;
	const char *q, *cookie, *allow = NULL;
	const char *cl = http_header(req, "Content-Length");
	const char *te = http_header(req, "Transfer-Encoding");
	size_t path_len, uri_len = strlen(req->uri);
	unsigned long long clen = 0;
	char *path = NULL, *end;
	int rc;

	req->method = arena_strdup(req->arena, method);
	req->head = strcmp(method, "HEAD") == 0;
	if (cl) {
		errno = 0;
		clen = strtoull(cl, &end, 10);
		if (errno || end == cl || *end) {
			req->has_body = 1; /* unknown: do not read it */
			http_layer_error(req, 400,
			                 "Bad request: invalid length.");
			return 1;
		}
	}
	req->has_body = clen > 0 || te != NULL;
	if (uri_len > LIMIT_URL_BYTES) {
		http_layer_error(req, 414, "The address is too long.");
		return 1;
	}
	q = memchr(req->uri, '?', uri_len);
	path_len = q ? (size_t)(q - req->uri) : uri_len;
	if (q) {
		req->raw_query = q + 1;
		req->raw_query_len = uri_len - path_len - 1;
	}
	cookie = http_header(req, "Cookie");
	if (cookie) {
		rc = http_parse_cookies(req->arena, cookie, strlen(cookie),
		                        &req->cookies, &req->n_cookies);
		if (rc) {
			bad_request(req, rc, "cookies");
			return 1;
		}
	}
	rc = http_router_match(srv->router, req->arena, method, req->uri,
	                       path_len, &req->match, &allow);
	if (rc == HTTP_ENOTFOUND) {
		http_layer_error(req, 404, "There is no page at this address.");
		return 1;
	}
	if (rc == HTTP_EMETHOD) {
		http_set_header(req, "Allow", allow);
		http_layer_error(req, 405,
		                 "This address does not accept that method.");
		return 1;
	}
	if (rc) {
		bad_request(req, rc, "path");
		return 1;
	}
	req->matched = 1;
	req->route_index = req->match.index;
	/* The router decoded every segment already: this cannot fail. */
	http_decode(req->arena, req->uri, path_len, 0, &path, &path_len);
	req->path = path;
	req->body_limit = http_mime_is(http_header(req, "Content-Type"),
	                               "multipart/form-data")
	                          ? LIMIT_UPLOAD_BYTES
	                          : LIMIT_BODY_BYTES;
	if (clen > req->body_limit) {
		http_layer_error(req, 413, "The request is too large.");
		return 1;
	}
	/* Size the buffer for the declared body, but do not commit memory
	 * for bytes that have not arrived yet beyond a small start. */
	if (clen)
		buf_grow(&req->body,
		         clen < BODY_PREALLOC ? (size_t)clen : BODY_PREALLOC);
	return 0;
}

/* The whole request is in: parse query and form, run the handler. */
static void dispatch(struct http_request *req)
{
	struct http_server *srv = req->srv;
	const struct http_route *route = req->match.route;
	int rc;

	if (req->raw_query_len) {
		rc = http_parse_query(req->arena, req->raw_query,
		                      req->raw_query_len, &req->query,
		                      &req->n_query);
		if (rc) {
			bad_request(req, rc, "query string");
			return;
		}
	}
	if (req->body.len) {
		const char *ct = http_header(req, "Content-Type");
		if (http_mime_is(ct, "application/x-www-form-urlencoded")) {
			rc = http_parse_query(req->arena, req->body.p,
			                      req->body.len, &req->form,
			                      &req->n_form);
			if (rc) {
				bad_request(req, rc, "form");
				return;
			}
		} else if (http_mime_is(ct, "multipart/form-data")) {
			char *boundary = NULL;
			rc = http_header_param(req->arena, ct, strlen(ct),
			                       "boundary", &boundary);
			if (!rc)
				rc = http_parse_multipart(
				        req->arena, boundary, req->body.p,
				        req->body.len, &req->form,
				        &req->n_form);
			if (rc) {
				bad_request(req, rc, "form");
				return;
			}
		}
	}
	if (srv->before && !(route->flags & HTTP_ROUTE_BARE)) {
		rc = srv->before(req);
		if (rc == 1)
			return; /* queue() answers 500 if it did not respond */
		if (rc < 0) {
			log_error("before hook failed",
			          "route=\"%s\" rc=%d id=%s", route->pattern,
			          rc, req->id);
			http_response_reset(req);
			http_layer_error(req, 500, "Internal server error.");
			return;
		}
	}
	rc = route->fn(req);
	if (rc < 0) {
		log_error("handler failed", "route=\"%s\" rc=%d id=%s",
		          route->pattern, rc, req->id);
		http_response_reset(req);
		http_layer_error(req, 500, "Internal server error.");
	} else if (!req->responded) {
		log_error("handler did not respond", "route=\"%s\" id=%s",
		          route->pattern, req->id);
		http_layer_error(req, 500, "Internal server error.");
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
	struct http_request *req = *req_cls;

	if (!req)
		return MHD_NO;
	if (req->queued) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (!req->started) {
		/* The headers are in. libmicrohttpd closes the connection
		 * after a response queued now, so only answer at once when
		 * that is what we want: an error with a body still to come. */
		req->started = 1;
		if (begin(req, method) && req->has_body)
			return queue(req);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (!req->body_over && req->body.len + n <= req->body_limit) {
			buf_append(&req->body, upload, n);
			return MHD_YES;
		}
		if (!req->body_over) {
			req->body_over = 1;
			req->body_discarded = req->body.len;
			buf_free(&req->body);
		}
		req->body_discarded += n;
		return req->body_discarded > (uint64_t)BODY_DISCARD_FACTOR *
		                                     req->body_limit
		               ? MHD_NO
		               : MHD_YES;
	}
	/* The whole request is in (begin() may have answered already). */
	if (!req->responded && req->body_over)
		http_layer_error(req, 413, "The request is too large.");
	else if (!req->responded)
		dispatch(req);
	return queue(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct http_request *req = *req_cls;
	uint64_t us;

	if (!req)
		return;
	*req_cls = NULL;
	us = (now_ns() - req->t0_ns) / 1000;
	if (req->queued) {
		http_metrics_observe(srv, req->route_index, req->status, us);
		atomic_fetch_add_explicit(&srv->bytes_sent, req->bytes,
		                          memory_order_relaxed);
	}
	if (!req->queued || toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		atomic_fetch_add_explicit(&srv->aborted, 1,
		                          memory_order_relaxed);
	if (srv->cfg.access_log)
		log_info(
		        "request",
		        "method=%.16s route=\"%s\" status=%d bytes=%zu us=%llu "
		        "id=%s%s",
		        req->method ? req->method : "-",
		        req->matched ? req->match.route->pattern : "-",
		        req->queued ? req->status : 0, req->bytes,
		        (unsigned long long)us, req->id,
		        toe == MHD_REQUEST_TERMINATED_COMPLETED_OK
		                ? ""
		                : " aborted=1");
	buf_free(&req->body);
	free(req->free_out);
	pool_give(srv, req->arena);
	atomic_fetch_sub(&srv->in_flight, 1);
}

static const struct http_route builtin_routes[] = {
        {"GET", "/static/*path", http_static_handler, HTTP_ROUTE_BARE},
        {"GET", "/healthz", http_healthz_handler, HTTP_ROUTE_BARE},
        {"GET", "/metrics", http_metrics_handler, HTTP_ROUTE_BARE},
};

int http_server_set_default_header(struct http_server *srv, const char *name,
                                   const char *value)
{
	size_t i;

	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == ':' || *p == 0x7f)
			return HTTP_EINVAL;
	if (!*name)
		return HTTP_EINVAL;
	for (const char *p = value ? value : ""; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return HTTP_EINVAL;
	for (i = 0; i < srv->n_defaults; i++)
		if (strcasecmp(srv->defaults[i].name, name) == 0)
			break;
	if (i < srv->n_defaults) {
		free((char *)srv->defaults[i].name);
		free((char *)srv->defaults[i].value);
		srv->defaults[i] = srv->defaults[--srv->n_defaults];
	}
	if (!value)
		return 0;
	srv->defaults = xrealloc(srv->defaults, (srv->n_defaults + 1) *
	                                                sizeof(*srv->defaults));
	srv->defaults[srv->n_defaults].name = xstrdup(name);
	srv->defaults[srv->n_defaults].value = xstrdup(value);
	srv->n_defaults++;
	return 0;
}

struct http_server *http_server_new(const struct http_config *cfg)
{
	struct http_server *srv = xcalloc(1, sizeof(*srv));
	const char *listen = cfg->listen ? cfg->listen : "127.0.0.1:8080";
	size_t nb = cfg->no_builtin_routes ? 0 : ARRAY_SIZE(builtin_routes);
	unsigned char rnd[3];
	char hex[7];

	srv->cfg = *cfg;
	srv->cfg.listen = listen;
	if (!srv->cfg.shutdown_ms)
		srv->cfg.shutdown_ms = 10000;
	pthread_mutex_init(&srv->pool_lock, NULL);
	if (http_parse_listen(listen, &srv->addr, &srv->addr_len)) {
		log_error("bad listen address", "listen=\"%s\"", listen);
		goto fail;
	}
	srv->n_routes = cfg->n_routes + nb;
	srv->routes = xcalloc(srv->n_routes, sizeof(*srv->routes));
	if (cfg->n_routes)
		memcpy(srv->routes, cfg->routes,
		       cfg->n_routes * sizeof(*srv->routes));
	if (nb)
		memcpy(srv->routes + cfg->n_routes, builtin_routes,
		       sizeof(builtin_routes));
	if (http_router_new(srv->routes, srv->n_routes, &srv->router))
		goto fail;
	srv->stats = xcalloc(srv->n_routes + 1, sizeof(*srv->stats));
	http_server_set_default_header(srv, "X-Content-Type-Options",
	                               "nosniff");
	http_server_set_default_header(srv, "Referrer-Policy",
	                               "strict-origin-when-cross-origin");
	http_server_set_default_header(
	        srv, "Content-Security-Policy",
	        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
	        "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
	        "form-action 'self'");
	http_server_set_default_header(srv, "X-Frame-Options", "DENY");
	if (cfg->https)
		http_server_set_default_header(srv, "Strict-Transport-Security",
		                               "max-age=31536000");
	if (http_static_init(srv))
		goto fail;
	/* Request ids: a random prefix per run, then a counter. */
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		memset(rnd, 0, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), hex);
	memcpy(srv->id_prefix, hex, sizeof(hex));
	return srv;
fail:
	http_server_free(srv);
	return NULL;
}

int http_server_start(struct http_server *srv)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG;
	long threads = srv->cfg.threads;
	sigset_t block, old;
	const union MHD_DaemonInfo *di;

	if (srv->daemon)
		return HTTP_EINVAL;
	if (threads <= 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN);
	if (threads <= 0)
		threads = 1;
	if (threads > 256)
		threads = 256;
	flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES
	                 ? MHD_USE_EPOLL
	                 : MHD_USE_POLL;
	if (srv->addr.ss_family == AF_INET6) {
		const struct sockaddr_in6 *a6 =
		        (const struct sockaddr_in6 *)&srv->addr;
		flags |= IN6_IS_ADDR_UNSPECIFIED(&a6->sin6_addr)
		                 ? MHD_USE_DUAL_STACK
		                 : MHD_USE_IPv6;
	}
	/* Worker threads inherit this mask: signals go to the thread that
	 * waits for them (http_server_run_until_signal). */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	atomic_store(&srv->stopping, 0);
	srv->daemon = MHD_start_daemon(
	        flags, 0, NULL, NULL, on_request, srv,
	        /* The logger must come first to catch option errors. */
	        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&srv->addr,
	        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
	        MHD_OPTION_CONNECTION_LIMIT, (unsigned)LIMIT_CONNECTIONS,
	        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	        (unsigned)LIMIT_CONNECTIONS_PER_IP,
	        MHD_OPTION_CONNECTION_TIMEOUT,
	        (unsigned)LIMIT_CONNECTION_TIMEOUT,
	        threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
	        (unsigned)threads, MHD_OPTION_END);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!srv->daemon) {
		log_error("cannot start HTTP server", "listen=\"%s\"",
		          srv->cfg.listen);
		return HTTP_ESYS;
	}
	di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : 0;
	log_info("listening", "listen=\"%s\" port=%d threads=%ld",
	         srv->cfg.listen, srv->port, threads);
	return 0;
}

void http_server_stop(struct http_server *srv)
{
	MHD_socket fd;
	uint64_t deadline;

	if (!srv || !srv->daemon)
		return;
	atomic_store(&srv->stopping, 1);
	fd = MHD_quiesce_daemon(srv->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	deadline = now_ns() + (uint64_t)srv->cfg.shutdown_ms * 1000000u;
	while (atomic_load(&srv->in_flight) > 0 && now_ns() < deadline) {
		struct timespec ts = {0, 5 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if (atomic_load(&srv->in_flight) > 0)
		log_warn("stopping with requests in flight", "n=%llu",
		         (unsigned long long)atomic_load(&srv->in_flight));
	MHD_stop_daemon(srv->daemon);
	srv->daemon = NULL;
	srv->port = 0;
	log_info("stopped", "requests=%llu",
	         (unsigned long long)atomic_load(&srv->next_id));
}

void http_server_free(struct http_server *srv)
{
	if (!srv)
		return;
	http_server_stop(srv);
	http_router_free(srv->router);
	http_static_free(srv);
	for (size_t i = 0; i < srv->n_defaults; i++) {
		free((char *)srv->defaults[i].name);
		free((char *)srv->defaults[i].value);
	}
	free(srv->defaults);
	for (size_t i = 0; i < srv->n_pool; i++)
		arena_free(srv->pool[i]);
	pthread_mutex_destroy(&srv->pool_lock);
	free(srv->stats);
	free(srv->routes);
	free(srv);
}

int http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_set_error_renderer(struct http_server *srv,
                                    http_error_renderer fn)
{
	srv->error_renderer = fn;
}

void http_server_set_before(struct http_server *srv, http_before_fn fn)
{
	srv->before = fn;
}

void http_server_set_health_check(struct http_server *srv, int (*fn)(void *),
                                  void *arg)
{
	srv->health = fn;
	srv->health_arg = arg;
}

/* The self-pipe: the handler only writes the signal number. */
static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (write(signal_pipe[1], &c, 1) < 0) {
		/* The pipe is full: a signal is already pending. */
	}
	errno = saved;
}

int http_server_run_until_signal(struct http_server *srv)
{
	struct sigaction sa, old_int, old_term;
	sigset_t set;
	unsigned char c = 0;
	int rc = 0;

	if (!srv->daemon && (rc = http_server_start(srv)) != 0)
		return rc;
	if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		log_error("pipe failed", "err=%d", errno);
		http_server_stop(srv);
		return HTTP_ESYS;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	for (;;) {
		struct pollfd pfd = {signal_pipe[0], POLLIN, 0};
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		if (read(signal_pipe[0], &c, 1) == 1)
			break;
	}
	/* A second signal now ends the process the default way. */
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	log_info("shutting down", "signal=%d", c);
	http_server_stop(srv);
	close(signal_pipe[0]);
	close(signal_pipe[1]);
	signal_pipe[0] = signal_pipe[1] = -1;
	return 0;
}
