/* web/unavailable.c: writes that cannot proceed now, and the health check
 * that reports them.
 *
 * The store's connections wait 5 s for a lock by default. A web worker
 * waits WEB_WRITE_WAIT_MS instead (set on its thread's connection before
 * every request), then the page shows its form again with 503,
 * Retry-After and the typed text (the pages call web_unavailable on the
 * code of their write); any other page whose write fails so answers 503
 * through web_failure. Readers never wait on a writer in WAL mode, so
 * with writers giving up quickly, GET / and /healthz are not held behind
 * them even with two worker threads.
 */
#include "web/unavailable.h"

#include "http/http.h"
#include "store/store.h"
#include "util/log.h"
#include "web/auth.h"
#include "web/web.h"

int web_unavailable(struct http_request *req, int rc, const char **msg)
{
	struct web *w = http_app(req);
	int full = rc == STORE_FULL;

	if (rc != STORE_BUSY && rc != STORE_FULL)
		return 0;
	http_set_header(req, "Retry-After", full ? "60" : "5");
	log_warn("write refused", "err=%s route=\"%s\"",
	         full ? "disk_full" : "database_busy", http_route_pattern(req));
	if (msg)
		*msg = web_msg(w, full ? "db_full" : "db_busy");
	return 1;
}

int web_failure(struct http_request *req, int rc)
{
	const char *msg;

	if (!web_unavailable(req, rc, &msg))
		return rc;
	return http_error(req, 503, msg);
}

void web_write_wait(struct http_request *req)
{
	struct web *w = http_app(req);

	store_busy_timeout(w->store, WEB_WRITE_WAIT_MS);
}

int web_health(void *store, const char **why)
{
	struct store_counts c;
	int rc;

	if ((rc = store_counts(store, &c)) != STORE_OK)
		return rc;
	store_busy_timeout(store, WEB_WRITE_WAIT_MS);
	rc = store_writable(store);
	if (rc == STORE_OK)
		return 0;
	*why = rc == STORE_FULL   ? "disk full"
	       : rc == STORE_BUSY ? "database locked"
	                          : "database not writable";
	return 1;
}
