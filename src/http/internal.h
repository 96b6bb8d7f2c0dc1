/* http/internal.h: the server and request structures shared by the files of
 * http/ (never included outside it).
 *
 * A request lives in its own arena, taken from the server's pool when
 * libmicrohttpd reports the request line and returned (reset) when it
 * reports the request complete; the response is built in the request (status,
 * headers, body) and turned into a libmicrohttpd response by server.c only,
 * so the rest of http/ does not depend on <microhttpd.h>.
 */
#ifndef ASKDOC_HTTP_INTERNAL_H
#define ASKDOC_HTTP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/socket.h>

#include "http/http.h"
#include "http/route.h"
#include "util/buf.h"
#include "util/metric.h"

struct MHD_Connection;
struct MHD_Daemon;

struct http_hdr {
	const char *name;
	const char *value; /* NULL: removed for this response */
};

/* Counters of one route (the last slot counts unmatched requests). */
struct http_route_stats {
	atomic_ullong status[5];  /* by class: 1xx .. 5xx */
	struct metric_hist hist;  /* request duration */
	atomic_ullong statements; /* the statement counter's growth */
};

/* Phases of a connection, for the slow-client deadlines (deadline.c). */
enum http_phase {
	HTTP_PHASE_HEADERS, /* waiting for a request's headers */
	HTTP_PHASE_BODY,    /* headers in, reading the body */
	HTTP_PHASE_BUSY,    /* handling the request or sending the answer */
};

/* One open connection as the deadline watcher sees it. phase and since
 * are written by the connection's thread (since first) and read by the
 * watcher (phase first), so a new phase is never seen with an old time. */
struct http_watch {
	struct http_watch *prev, *next; /* under srv->watch_lock */
	int fd;
	int cut;                  /* shut down already (under watch_lock) */
	atomic_int phase;         /* enum http_phase */
	atomic_ullong since_ns;   /* CLOCK_MONOTONIC start of the phase */
	atomic_ullong body_bytes; /* body bytes received in this phase */
	char addr[48];            /* peer address, for the log */
};

/* One static file, ready to send: precomputed type, ETag and gzip. */
struct http_static_file {
	const char *name; /* without the "static/" prefix */
	const char *data;
	size_t len;
	const char *ctype;
	char etag[36];    /* "\"<32 hex>\"" */
	char etag_gz[39]; /* "\"<32 hex>-gz\"" */
	char *gz;         /* malloc'd gzip of data, NULL if not worth it */
	size_t gz_len;
};

#define HTTP_POOL_MAX 64

struct http_server {
	struct http_config cfg;
	struct sockaddr_storage addr;
	socklen_t addr_len;
	struct http_route *routes; /* cfg's routes plus built-ins (owned) */
	size_t n_routes;
	struct http_router *router;
	struct MHD_Daemon *daemon;
	int port;
	http_error_renderer error_renderer;
	http_strerror_fn strerror; /* names handlers' codes in the log */
	http_before_fn before;
	uint64_t (*statements)(void); /* per-thread statement counter */
	http_health_fn health;
	http_failure_fn on_failure;
	void *health_arg;
	_Atomic(void *) app; /* cfg.app, replaced by http_server_set_app */
	http_signal_fn on_ready, on_reload;
	void *signal_arg;
	struct http_hdr *defaults; /* malloc'd names and values */
	size_t n_defaults;

	struct http_static_file *statics; /* sorted by name */
	size_t n_statics;
	char *static_root; /* realpath of cfg.static_dir, or NULL */

	char trusted_proxy[48]; /* normalised address text, or "" */
	uint64_t header_ns;     /* deadline for a request's headers */
	uint64_t body_ns;       /* time after which a body's rate counts */
	uint64_t body_min_rate; /* bytes per second; 0: complete by body_ns */

	pthread_mutex_t watch_lock; /* guards the watch list */
	struct http_watch *watches; /* open connections */
	pthread_t watcher;
	int watcher_running;
	atomic_int watcher_stop;
	atomic_ullong cut_headers, cut_body; /* connections cut, by phase */

	struct http_route_stats *stats; /* n_routes + 1 */
	atomic_ullong in_flight;
	atomic_ullong bytes_sent;
	atomic_ullong aborted;
	atomic_ullong next_id;
	atomic_int stopping;
	char id_prefix[8];

	pthread_mutex_t pool_lock; /* guards the arena pool */
	struct arena *pool[HTTP_POOL_MAX];
	size_t n_pool;
};

struct http_request {
	struct http_server *srv;
	void *app; /* srv->app when the request began */
	struct MHD_Connection *conn;
	struct arena *arena;
	uint64_t t0_ns; /* CLOCK_MONOTONIC at the request line */
	char id[32];
	const char *uri;    /* raw request target */
	const char *method; /* arena copy */
	const char *path;   /* decoded */
	const char *raw_query;
	size_t raw_query_len;
	struct http_match match;
	size_t route_index; /* srv->n_routes when unmatched */
	int matched;
	struct http_kv *query, *form, *cookies;
	size_t n_query, n_form, n_cookies;
	struct buf body;         /* the request body (malloc'd) */
	size_t body_limit;       /* bytes allowed for this request */
	uint64_t body_discarded; /* bytes dropped after the limit */
	int has_body, body_over; /* a body is coming; it broke the limit */
	int started, queued, head;
	int in_error;    /* the error renderer is running */
	int layer_error; /* the error was found by this layer, not a page */
	void *ctx;
	const char *client;
	struct http_watch *watch; /* the connection's, or NULL */

	/* The response being built. */
	int responded;
	int status;
	const char *body_out;
	size_t len_out;
	char *free_out; /* malloc'd body to free after sending */
	struct http_hdr *hdrs;
	size_t n_hdrs, cap_hdrs;
	int no_compress;
	size_t bytes; /* body bytes queued for sending */
};

/* response.c */
/* Apply defaults, gzip and Vary to the response in req; after this, hdrs
 * holds every header to send (entries with NULL values are to be skipped). */
void http_response_finish(struct http_request *req);
/* Forget any response set so far (a failing handler's). */
void http_response_reset(struct http_request *req);
/* Gzip n bytes at in: into arena a, or malloc'd when a is NULL. Returns 0
 * or HTTP_ESYS. */
int http_gzip(struct arena *a, const void *in, size_t n, int level, char **out,
              size_t *out_len);
/* Return 1 if content of type ctype is worth compressing. */
int http_compressible(const char *ctype);
/* Return the value of response header name (case-insensitive) or NULL. */
const char *http_response_header(struct http_request *req, const char *name);

/* static.c */
int http_static_init(struct http_server *srv);
void http_static_free(struct http_server *srv);
/* Content-Type for a file name, by extension. */
const char *http_mime_type(const char *name);

/* server.c */
/* Parse "ADDR:PORT": an IPv4 dotted quad, "[IPv6]", "localhost", or empty
 * or "*" for every IPv4 interface; port 0..65535. Returns 0 or
 * HTTP_EINVAL. */
int http_parse_listen(const char *s, struct sockaddr_storage *ss,
                      socklen_t *len);

/* deadline.c */
/* Start and stop the watcher thread that shuts down connections whose
 * headers or body are overdue. Start returns 0 or HTTP_ESYS. */
int http_watch_start(struct http_server *srv);
void http_watch_stop(struct http_server *srv);
/* A connection opened on socket fd from peer addr (text): returns its
 * watch (owned by the server until http_watch_close). */
struct http_watch *http_watch_open(struct http_server *srv, int fd,
                                   const char *addr);
/* The connection is closing: forget w and free it. NULL is allowed. */
void http_watch_close(struct http_server *srv, struct http_watch *w);
/* Enter phase p now (NULL w is allowed). */
void http_watch_phase(struct http_watch *w, enum http_phase p);
/* Count n body bytes received (NULL w is allowed). */
void http_watch_bytes(struct http_watch *w, size_t n);
/* 1 if a connection in phase p for elapsed_ns with body bytes received is
 * overdue under srv's deadlines, else 0. */
int http_watch_overdue(const struct http_server *srv, enum http_phase p,
                       uint64_t elapsed_ns, uint64_t bytes);

/* metrics.c */
void http_metrics_observe(struct http_server *srv, size_t route_index,
                          int status, uint64_t us);

/* http_error for errors this layer finds itself (bad requests, unknown
 * routes, limits): the renderer can tell them from a page's own errors with
 * http_error_from_layer() and word them from its catalog. */
int http_layer_error(struct http_request *req, int status, const char *message);

#endif
