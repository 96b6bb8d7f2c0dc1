/* http/metrics.c: request counters, the /metrics page (Prometheus text
 * format 0.0.4) and /healthz.
 *
 * Each route has a fixed block of atomic counters (status classes and a
 * duration histogram), indexed by its position in the table, so counting a
 * request is a handful of relaxed atomic adds with no lock and no lookup.
 * Labels are route patterns, never raw paths: the number of series stays
 * bounded whatever clients send. Histograms and the text format are
 * util/metric's. Other modules add their own text through hooks
 * registered with http_metrics_register.
 */
#include "http/internal.h"

#include <pthread.h>
#include <string.h>

#include "util/buf.h"

#define MAX_HOOKS 32

static struct hook {
	http_metrics_fn fn;
	void *arg;
} hooks[MAX_HOOKS];
static size_t n_hooks;
static pthread_mutex_t hooks_lock = PTHREAD_MUTEX_INITIALIZER;

int http_metrics_register(http_metrics_fn fn, void *arg)
{
	int rc = 0;

	pthread_mutex_lock(&hooks_lock);
	if (n_hooks == MAX_HOOKS) {
		rc = HTTP_ETOOMANY;
		goto done;
	}
	hooks[n_hooks].fn = fn;
	hooks[n_hooks].arg = arg;
	n_hooks++;
done:
	pthread_mutex_unlock(&hooks_lock);
	return rc;
}

void http_metrics_observe(struct http_server *srv, size_t route_index,
                          int status, uint64_t us)
{
	struct http_route_stats *st = &srv->stats[route_index];

	if (status >= 100 && status <= 599)
		atomic_fetch_add_explicit(&st->status[status / 100 - 1], 1,
		                          memory_order_relaxed);
	metric_hist_observe(&st->hist, us);
}

static void route_labels(struct buf *b, struct http_server *srv, size_t i)
{
	if (i == srv->n_routes) {
		buf_puts(b, "method=\"-\",route=\"unmatched\"");
		return;
	}
	buf_puts(b, "method=\"");
	metric_label(b, srv->routes[i].method);
	buf_puts(b, "\",route=\"");
	metric_label(b, srv->routes[i].pattern);
	buf_putc(b, '"');
}

static void write_metrics(struct http_server *srv, struct buf *b)
{
	static const char *classes[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};

	buf_puts(b, "# HELP askdoc_http_requests_total HTTP requests "
	            "answered, by route and status class.\n"
	            "# TYPE askdoc_http_requests_total counter\n");
	for (size_t i = 0; i <= srv->n_routes; i++) {
		for (int c = 0; c < 5; c++) {
			unsigned long long v = atomic_load_explicit(
			        &srv->stats[i].status[c], memory_order_relaxed);
			if (!v)
				continue;
			buf_puts(b, "askdoc_http_requests_total{");
			route_labels(b, srv, i);
			buf_printf(b, ",status=\"%s\"} %llu\n", classes[c], v);
		}
	}
	buf_puts(b, "# HELP askdoc_http_statements_total Storage statements "
	            "run by handlers, by route.\n"
	            "# TYPE askdoc_http_statements_total counter\n");
	for (size_t i = 0; i <= srv->n_routes; i++) {
		unsigned long long v = atomic_load_explicit(
		        &srv->stats[i].statements, memory_order_relaxed);
		if (!v)
			continue;
		buf_puts(b, "askdoc_http_statements_total{");
		route_labels(b, srv, i);
		buf_printf(b, "} %llu\n", v);
	}
	buf_puts(b, "# HELP askdoc_http_request_duration_seconds Time from "
	            "request line to response sent.\n"
	            "# TYPE askdoc_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= srv->n_routes; i++) {
		struct buf labels = BUF_INIT;
		route_labels(&labels, srv, i);
		metric_hist_write(b, "askdoc_http_request_duration_seconds",
		                  labels.p, &srv->stats[i].hist, 1);
		buf_free(&labels);
	}
	buf_printf(
	        b,
	        "# HELP askdoc_http_requests_in_flight Requests being "
	        "served.\n"
	        "# TYPE askdoc_http_requests_in_flight gauge\n"
	        "askdoc_http_requests_in_flight %llu\n"
	        "# HELP askdoc_http_response_bytes_total Response body "
	        "bytes sent.\n"
	        "# TYPE askdoc_http_response_bytes_total counter\n"
	        "askdoc_http_response_bytes_total %llu\n"
	        "# HELP askdoc_http_requests_aborted_total Requests ended "
	        "before a response was sent.\n"
	        "# TYPE askdoc_http_requests_aborted_total counter\n"
	        "askdoc_http_requests_aborted_total %llu\n"
	        "# HELP askdoc_http_slow_clients_cut_total Connections shut "
	        "down for sending headers or a body too slowly.\n"
	        "# TYPE askdoc_http_slow_clients_cut_total counter\n"
	        "askdoc_http_slow_clients_cut_total{phase=\"headers\"} %llu\n"
	        "askdoc_http_slow_clients_cut_total{phase=\"body\"} %llu\n",
	        (unsigned long long)atomic_load(&srv->in_flight),
	        (unsigned long long)atomic_load(&srv->bytes_sent),
	        (unsigned long long)atomic_load(&srv->aborted),
	        (unsigned long long)atomic_load(&srv->cut_headers),
	        (unsigned long long)atomic_load(&srv->cut_body));
	struct hook copy[MAX_HOOKS];
	size_t n;
	pthread_mutex_lock(&hooks_lock);
	n = n_hooks;
	memcpy(copy, hooks, n * sizeof(*copy));
	pthread_mutex_unlock(&hooks_lock);
	for (size_t i = 0; i < n; i++)
		copy[i].fn(b, copy[i].arg);
}

/* Constant-time comparison of the Authorization header with "Bearer
 * <token>". */
static int bearer_ok(const char *header, const char *token)
{
	size_t n = strlen(token);
	unsigned char d = 0;

	if (!header || strncmp(header, "Bearer ", 7) || strlen(header + 7) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		d |= (unsigned char)(header[7 + i] ^ token[i]);
	return d == 0;
}

int http_metrics_handler(struct http_request *req)
{
	struct http_server *srv = req->srv;
	struct buf b = BUF_INIT;

	if (srv->cfg.metrics_hidden)
		return http_layer_error(req, 404, "Not found.");
	if (srv->cfg.metrics_token && *srv->cfg.metrics_token &&
	    !bearer_ok(http_header(req, "Authorization"),
	               srv->cfg.metrics_token)) {
		http_set_header(req, "WWW-Authenticate", "Bearer");
		return http_layer_error(req, 401, "Unauthorized.");
	}
	write_metrics(srv->cfg.metrics_of ? srv->cfg.metrics_of : srv, &b);
	http_set_header(req, "Cache-Control", "no-store");
	return http_respond_buf(req, 200,
	                        "text/plain; version=0.0.4; "
	                        "charset=utf-8",
	                        &b);
}

int http_healthz_handler(struct http_request *req)
{
	struct http_server *srv = req->srv;
	const char *why = NULL;
	int rc = srv->health ? srv->health(srv->health_arg, &why) : 0;
	struct buf b = BUF_INIT;

	http_set_header(req, "Cache-Control", "no-store");
	if (rc < 0)
		return http_respond(req, 503, "text/plain; charset=utf-8",
		                    "unavailable\n", 12);
	if (rc == 0)
		return http_respond(req, 200, "text/plain; charset=utf-8",
		                    "ok\n", 3);
	buf_printf(&b, "degraded: %s\n", why ? why : "unknown");
	return http_respond_buf(req, 200, "text/plain; charset=utf-8", &b);
}
