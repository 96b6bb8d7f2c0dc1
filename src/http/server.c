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
#include <sys/resource.h>
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

/* The text of a peer address into text (INET6_ADDRSTRLEN bytes); IPv4
 * peers of dual-stack sockets (::ffff:a.b.c.d) as plain IPv4. */
static void addr_text(const struct sockaddr *sa, char *text, size_t cap)
{
	snprintf(text, cap, "-");
	if (!sa)
		return;
	if (sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		          text, (socklen_t)cap);
	} else if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a6 =
		        &((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (IN6_IS_ADDR_V4MAPPED(a6))
			inet_ntop(AF_INET, &a6->s6_addr[12], text,
			          (socklen_t)cap);
		else
			inet_ntop(AF_INET6, a6, text, (socklen_t)cap);
	}
}

/* Normalise the address in the n bytes at s (spaces around it allowed)
 * into out (INET6_ADDRSTRLEN bytes). Returns 0, or -1 if it is not an
 * IPv4 or IPv6 address. */
static int addr_normal(const char *s, size_t n, char *out)
{
	char tmp[INET6_ADDRSTRLEN];
	unsigned char bin[sizeof(struct in6_addr)];

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
	if (inet_pton(AF_INET6, tmp, bin) == 1) {
		if (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)bin))
			return inet_ntop(AF_INET, bin + 12, out,
			                 INET6_ADDRSTRLEN)
			               ? 0
			               : -1;
		return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) ? 0 : -1;
	}
	return -1;
}

/* Keeps the last X-Forwarded-For header's value. */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value)
{
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

const char *http_client_addr(struct http_request *req)
{
	const union MHD_ConnectionInfo *ci;
	char text[INET6_ADDRSTRLEN] = "-";

	if (req->client)
		return req->client;
	ci = MHD_get_connection_info(req->conn,
	                             MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	addr_text(ci ? ci->client_addr : NULL, text, sizeof(text));
	if (req->srv->trusted_proxy[0] &&
	    strcmp(text, req->srv->trusted_proxy) == 0) {
		/* The proxy appends the address it saw: the last hop is the
		 * only one we can trust. */
		const char *xff = NULL, *last;
		char hop[INET6_ADDRSTRLEN];
		MHD_get_connection_values(req->conn, MHD_HEADER_KIND, last_xff,
		                          &xff);
		if (xff) {
			last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			if (addr_normal(last, strlen(last), hop) == 0)
				memcpy(text, hop, sizeof(text));
		}
	}
	req->client = arena_strdup(req->arena, text);
	return req->client;
}

/* The watch of conn's connection (NULL once it is closing). */
static struct http_watch *conn_watch(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
	        conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* libmicrohttpd reports connections opening and closing: the deadline
 * watcher follows them. */
static void on_connection(void *cls, struct MHD_Connection *conn,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	struct http_server *srv = cls;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd, *ca;
		char text[INET6_ADDRSTRLEN];

		fd = MHD_get_connection_info(conn,
		                             MHD_CONNECTION_INFO_CONNECTION_FD);
		ca = MHD_get_connection_info(
		        conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		addr_text(ca ? ca->client_addr : NULL, text, sizeof(text));
		*socket_context =
		        fd ? http_watch_open(srv, fd->connect_fd, text) : NULL;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		http_watch_close(srv, *socket_context);
		*socket_context = NULL;
	}
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *srv = cls;
	struct arena *a = pool_take(srv);
	struct http_request *req = ARENA_NEW(a, struct http_request);

	req->srv = srv;
	req->app = atomic_load(&srv->app);
	req->conn = conn;
	req->arena = a;
	req->t0_ns = now_ns();
	req->uri = arena_strdup(a, uri);
	req->route_index = srv->n_routes;
	req->watch = conn_watch(conn);
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
	/* A client (or the deadline watcher) closing a connection mid-request
	 * is routine, not a warning: one line each would double the log
	 * under a slow-client flood. */
	log_msg(strstr(msg, "detected connection closure") ? LOG_DEBUG
	                                                   : LOG_WARN,
	        "libmicrohttpd", "detail=\"%s\"", msg);
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

/* Content-Length headers of a request: how many, and whether they differ. */
struct length_scan {
	const char *first;
	int n, differ;
};

static enum MHD_Result scan_length(void *cls, enum MHD_ValueKind kind,
                                   const char *key, const char *value)
{
	struct length_scan *ls = cls;

	(void)kind;
	if (strcasecmp(key, "Content-Length"))
		return MHD_YES;
	if (ls->n++ == 0)
		ls->first = value;
	else if (strcmp(ls->first ? ls->first : "", value ? value : ""))
		ls->differ = 1;
	return MHD_YES;
}

/* A request whose body length is ambiguous (both Content-Length and
 * Transfer-Encoding, or Content-Length headers that differ) is how
 * requests are smuggled past a proxy that reads the other length: answer
 * 400 and close the connection, reading nothing after the headers (RFC
 * 9112, 6.3). Returns 1 when it answered. */
static int ambiguous_length(struct http_request *req, const char *cl,
                            const char *te)
{
	struct length_scan ls = {NULL, 0, 0};

	MHD_get_connection_values(req->conn, MHD_HEADER_KIND, scan_length, &ls);
	if (!(cl && te) && !ls.differ)
		return 0;
	req->has_body = 1; /* answer now: libmicrohttpd then closes */
	http_set_header(req, "Connection", "close");
	http_layer_error(req, 400,
	                 cl && te ? "Bad request: both Content-Length and "
	                            "Transfer-Encoding."
	                          : "Bad request: Content-Length headers "
	                            "that differ.");
	return 1;
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
	if (ambiguous_length(req, cl, te))
		return 1;
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
		/* The error page may read the query (?lang=); a query that
		 * does not parse is simply not read. */
		if (req->raw_query_len &&
		    http_parse_query(req->arena, req->raw_query,
		                     req->raw_query_len, &req->query,
		                     &req->n_query)) {
			req->query = NULL;
			req->n_query = 0;
		}
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
	uint64_t n0 = 0;
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
	if (srv->statements)
		n0 = srv->statements();
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
	if (srv->statements)
		atomic_fetch_add_explicit(
		        &srv->stats[req->route_index].statements,
		        srv->statements() - n0, memory_order_relaxed);
	if (rc < 0) {
		http_response_reset(req);
		if (srv->on_failure && srv->on_failure(req, rc) == 0 &&
		    req->responded)
			return;
		log_error("handler failed",
		          "route=\"%s\" err=\"%s\" rc=%d id=%s", route->pattern,
		          srv->strerror ? srv->strerror(rc) : http_strerror(rc),
		          rc, req->id);
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
		if (begin(req, method)) {
			http_watch_phase(req->watch, HTTP_PHASE_BUSY);
			if (req->has_body)
				return queue(req);
			return MHD_YES;
		}
		http_watch_phase(req->watch, req->has_body ? HTTP_PHASE_BODY
		                                           : HTTP_PHASE_BUSY);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		http_watch_bytes(req->watch, n);
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
	http_watch_phase(req->watch, HTTP_PHASE_BUSY);
	if (!req->responded && req->body_over)
		http_layer_error(req, 413, "The request is too large.");
	else if (!req->responded)
		dispatch(req);
	return queue(req);
}

/* One access log line: operational facts only. The path is logged
 * without its query string (queries hold what patients type), raw as
 * sent (percent-encoded), and for routes with a :token parameter (private
 * status pages) as the route's pattern, since the path is the secret;
 * a path no route matched keeps only its first segment. */
static void access_log(struct http_request *req, uint64_t us, int ok)
{
	const char *route = req->matched ? req->match.route->pattern : "-";
	const char *uri = req->uri ? req->uri : "";
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	char path[256], method[24];

	if (!req->matched && plen > 1) {
		/* Unknown paths keep only their first segment: a mistyped
		 * status link or anything else typed there stays out. */
		const char *slash = memchr(uri + 1, '/', plen - 1);
		if (slash)
			plen = (size_t)(slash - uri);
	}
	if (req->matched && strstr(route, ":token"))
		log_safe_path(path, sizeof(path), route, strlen(route));
	else
		log_safe_path(path, sizeof(path), uri, plen);
	log_safe_path(method, sizeof(method), req->method ? req->method : "-",
	              strlen(req->method ? req->method : "-"));
	log_info("request",
	         "method=%s path=%s route=\"%s\" status=%d bytes=%zu "
	         "duration_ms=%.3f id=%s client=%s%s",
	         method, path, route, req->queued ? req->status : 0, req->bytes,
	         (double)us / 1000.0, req->id, http_client_addr(req),
	         ok ? "" : " aborted=1");
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
		access_log(req, us, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
	/* A kept-alive connection now waits for its next request. */
	http_watch_phase(conn_watch(conn), HTTP_PHASE_HEADERS);
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
	atomic_store(&srv->app, cfg->app);
	srv->cfg.listen = listen;
	if (!srv->cfg.shutdown_ms)
		srv->cfg.shutdown_ms = 10000;
	pthread_mutex_init(&srv->pool_lock, NULL);
	pthread_mutex_init(&srv->watch_lock, NULL);
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
	for (size_t i = 0; i <= srv->n_routes; i++)
		metric_hist_init(&srv->stats[i].hist, metric_bounds_fast_us,
		                 ARRAY_SIZE(metric_bounds_fast_us));
	srv->header_ns =
	        (uint64_t)(cfg->header_timeout_s ? cfg->header_timeout_s
	                                         : LIMIT_HEADER_SECONDS) *
	        1000000000u;
	srv->body_ns = (uint64_t)(cfg->body_timeout_s ? cfg->body_timeout_s
	                                              : LIMIT_BODY_SECONDS) *
	               1000000000u;
	srv->body_min_rate = cfg->body_min_rate < 0 ? 0
	                     : cfg->body_min_rate == 0
	                             ? LIMIT_BODY_MIN_RATE
	                             : (uint64_t)cfg->body_min_rate;
	if (cfg->trusted_proxy && *cfg->trusted_proxy &&
	    addr_normal(cfg->trusted_proxy, strlen(cfg->trusted_proxy),
	                srv->trusted_proxy) < 0) {
		log_error("bad trusted proxy address", "%s", "");
		goto fail;
	}
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
	unsigned max_conns =
	        srv->cfg.max_conns ? srv->cfg.max_conns : LIMIT_CONNECTIONS;
	unsigned per_addr = srv->cfg.max_conns_per_addr < 0 ? 0
	                    : srv->cfg.max_conns_per_addr
	                            ? (unsigned)srv->cfg.max_conns_per_addr
	                            : LIMIT_CONNECTIONS_PER_IP;
	unsigned idle = srv->cfg.idle_timeout_s ? srv->cfg.idle_timeout_s
	                                        : LIMIT_CONNECTION_TIMEOUT;
	struct rlimit rl;
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
	/* Every connection is a descriptor: make room for them (up to the
	 * hard limit) rather than fail accept() at the default 1024. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur < (rlim_t)max_conns + 256 &&
	    rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = (rlim_t)max_conns + 256 < rl.rlim_max
		                      ? (rlim_t)max_conns + 256
		                      : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	srv->daemon = MHD_start_daemon(
	        flags, 0, NULL, NULL, on_request, srv,
	        /* The logger must come first to catch option errors. */
	        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&srv->addr,
	        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	        MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
	        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, NULL,
	        MHD_OPTION_CONNECTION_LIMIT, max_conns,
	        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_addr,
	        MHD_OPTION_CONNECTION_TIMEOUT, idle,
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
	if (http_watch_start(srv) < 0) {
		MHD_stop_daemon(srv->daemon);
		srv->daemon = NULL;
		srv->port = 0;
		return HTTP_ESYS;
	}
	log_info("listening",
	         "listen=\"%s\" port=%d threads=%ld max_conns=%u "
	         "max_conns_per_address=%u idle_s=%u header_s=%llu "
	         "body_s=%llu body_min_rate=%llu",
	         srv->cfg.listen, srv->port, threads, max_conns, per_addr, idle,
	         (unsigned long long)(srv->header_ns / 1000000000u),
	         (unsigned long long)(srv->body_ns / 1000000000u),
	         (unsigned long long)srv->body_min_rate);
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
	http_watch_stop(srv);
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
	pthread_mutex_destroy(&srv->watch_lock);
	free(srv->stats);
	free(srv->routes);
	free(srv);
}

int http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_set_strerror(struct http_server *srv, http_strerror_fn fn)
{
	srv->strerror = fn;
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

void http_server_set_statement_counter(struct http_server *srv,
                                       uint64_t (*fn)(void))
{
	srv->statements = fn;
}

void http_server_set_health_check(struct http_server *srv, http_health_fn fn,
                                  void *arg)
{
	srv->health = fn;
	srv->health_arg = arg;
}

void http_server_set_failure_handler(struct http_server *srv,
                                     http_failure_fn fn)
{
	srv->on_failure = fn;
}

void http_server_set_app(struct http_server *srv, void *app)
{
	atomic_store(&srv->app, app);
}

void http_server_set_signal_hooks(struct http_server *srv,
                                  http_signal_fn on_ready,
                                  http_signal_fn on_reload, void *arg)
{
	srv->on_ready = on_ready;
	srv->on_reload = on_reload;
	srv->signal_arg = arg;
}

void http_signals_block(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
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
	struct sigaction sa, old_int, old_term, old_hup;
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
	sigaction(SIGHUP, &sa, &old_hup);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	/* Ready only now: a SIGHUP from here on reloads. */
	if (srv->on_ready)
		srv->on_ready(srv->signal_arg);
	for (;;) {
		struct pollfd pfd = {signal_pipe[0], POLLIN, 0};
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		if (read(signal_pipe[0], &c, 1) != 1)
			continue;
		if (c != SIGHUP)
			break;
		log_info("reloading", "signal=%d", c);
		if (srv->on_reload)
			srv->on_reload(srv->signal_arg);
	}
	/* A second signal now ends the process the default way. */
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	log_info("shutting down", "signal=%d", c);
	http_server_stop(srv);
	close(signal_pipe[0]);
	close(signal_pipe[1]);
	signal_pipe[0] = signal_pipe[1] = -1;
	return 0;
}
