/* http/deadline.c: whole-request deadlines against slow clients.
 *
 * libmicrohttpd's connection timeout is an idle timeout: a client that
 * trickles a byte every few seconds (slowloris headers, a slow POST body)
 * never trips it and holds a connection, and a worker's attention, for as
 * long as it likes. So every connection is also watched here: server.c
 * registers it when libmicrohttpd reports it open and moves it through
 * phases (waiting for headers, reading a body, busy), and a watcher thread
 * looks at all of them a few times a second. A connection whose headers
 * have not all arrived header_ns after it opened (or after its previous
 * response), or whose body, body_ns after the headers, has come in slower
 * than body_min_rate bytes per second on average (or, with a rate of 0,
 * is not complete), is shut down with shutdown(2): libmicrohttpd's thread
 * then sees the end of the stream and closes the connection the ordinary
 * way, so the socket is never closed under its feet. The watch is removed
 * under the same lock before libmicrohttpd closes the socket, so the fd
 * the watcher shuts down is always the connection's own.
 *
 * Busy connections are left alone: a slow handler is ours to fix, and a
 * slow reader of a response meets the idle timeout.
 */
#include "http/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "util/log.h"
#include "util/util.h"

#define TICK_NS (200 * 1000 * 1000ull) /* how often the watcher looks */

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int http_watch_overdue(const struct http_server *srv, enum http_phase p,
                       uint64_t elapsed_ns, uint64_t bytes)
{
	if (p == HTTP_PHASE_HEADERS)
		return srv->header_ns && elapsed_ns > srv->header_ns;
	if (p != HTTP_PHASE_BODY || !srv->body_ns || elapsed_ns <= srv->body_ns)
		return 0;
	if (!srv->body_min_rate)
		return 1;
	/* Average rate since the headers: bytes / elapsed < min_rate. */
	return (double)bytes * 1e9 <
	       (double)srv->body_min_rate * (double)elapsed_ns;
}

struct http_watch *http_watch_open(struct http_server *srv, int fd,
                                   const char *addr)
{
	struct http_watch *w = xcalloc(1, sizeof(*w));

	w->fd = fd;
	snprintf(w->addr, sizeof(w->addr), "%s", addr ? addr : "-");
	atomic_store(&w->since_ns, mono_ns());
	atomic_store(&w->phase, HTTP_PHASE_HEADERS);
	pthread_mutex_lock(&srv->watch_lock);
	w->next = srv->watches;
	if (w->next)
		w->next->prev = w;
	srv->watches = w;
	pthread_mutex_unlock(&srv->watch_lock);
	return w;
}

void http_watch_close(struct http_server *srv, struct http_watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&srv->watch_lock);
	if (w->prev)
		w->prev->next = w->next;
	else
		srv->watches = w->next;
	if (w->next)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&srv->watch_lock);
	free(w);
}

void http_watch_phase(struct http_watch *w, enum http_phase p)
{
	if (!w)
		return;
	atomic_store(&w->body_bytes, 0);
	atomic_store(&w->since_ns, mono_ns());
	atomic_store(&w->phase, (int)p);
}

void http_watch_bytes(struct http_watch *w, size_t n)
{
	if (w)
		atomic_fetch_add_explicit(&w->body_bytes, n,
		                          memory_order_relaxed);
}

/* Shut down every overdue connection; called with watch_lock held. */
static void sweep(struct http_server *srv, uint64_t now)
{
	for (struct http_watch *w = srv->watches; w; w = w->next) {
		int p = atomic_load(&w->phase);
		uint64_t since = atomic_load(&w->since_ns);
		uint64_t bytes = atomic_load(&w->body_bytes);
		uint64_t elapsed = now > since ? now - since : 0;

		if (w->cut || !http_watch_overdue(srv, (enum http_phase)p,
		                                  elapsed, bytes))
			continue;
		w->cut = 1;
		shutdown(w->fd, SHUT_RDWR);
		atomic_fetch_add(p == HTTP_PHASE_HEADERS ? &srv->cut_headers
		                                         : &srv->cut_body,
		                 1);
		log_warn("slow client cut",
		         "phase=%s client=%s after_ms=%llu body_bytes=%llu",
		         p == HTTP_PHASE_HEADERS ? "headers" : "body", w->addr,
		         (unsigned long long)(elapsed / 1000000),
		         (unsigned long long)bytes);
	}
}

static void *watcher(void *arg)
{
	struct http_server *srv = arg;

	while (!atomic_load(&srv->watcher_stop)) {
		struct timespec ts = {0, (long)TICK_NS};
		nanosleep(&ts, NULL);
		pthread_mutex_lock(&srv->watch_lock);
		sweep(srv, mono_ns());
		pthread_mutex_unlock(&srv->watch_lock);
	}
	return NULL;
}

int http_watch_start(struct http_server *srv)
{
	if (srv->watcher_running)
		return 0;
	atomic_store(&srv->watcher_stop, 0);
	if (pthread_create(&srv->watcher, NULL, watcher, srv) != 0) {
		log_error("cannot start the deadline watcher", "%s", "");
		return HTTP_ESYS;
	}
	srv->watcher_running = 1;
	return 0;
}

void http_watch_stop(struct http_server *srv)
{
	if (!srv->watcher_running)
		return;
	atomic_store(&srv->watcher_stop, 1);
	pthread_join(srv->watcher, NULL);
	srv->watcher_running = 0;
}
