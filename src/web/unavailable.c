/* web/unavailable.c: writes that cannot proceed now, and the health check
 * that reports them.
 *
 * The store's connections wait 5 s for a lock by default. A web worker
 * waits WEB_WRITE_WAIT_MS instead (set on its thread's connection before
 * every request), then the page shows its form again with 503,
 * Retry-After and the typed text (the pages call web_unavailable on the
 * code of their write); any other page whose write fails so answers 503
 * through web_failure (a POST's page keeping the fields sent, ready
 * to send again). A database server that cannot be reached
 * (STORE_UNAVAILABLE: stopped, or failing over to its standby) is
 * answered the same way: the store reconnects by itself on the next
 * request. Readers never wait on a writer in WAL mode, so
 * with writers giving up quickly, GET / and /healthz are not held behind
 * them even with two worker threads.
 */
#include "web/unavailable.h"

#include <string.h>

#include "http/http.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/log.h"
#include "web/auth.h"
#include "web/web.h"

int web_unavailable(struct http_request *req, int rc, const char **msg)
{
	struct web *w = http_app(req);
	int full = rc == STORE_FULL, gone = rc == STORE_UNAVAILABLE;

	/* STORE_RETRY: conflicts that outlasted store_tx_run's attempts. */
	if (rc != STORE_BUSY && rc != STORE_RETRY && rc != STORE_FULL && !gone)
		return 0;
	http_set_header(req, "Retry-After", full ? "60" : "5");
	log_warn("write refused", "err=%s route=\"%s\"",
	         full   ? "disk_full"
	         : gone ? "database_unavailable"
	                : "database_busy",
	         http_route_pattern(req));
	if (msg)
		*msg = web_msg(w, full   ? "db_full"
		                  : gone ? "db_unavailable"
		                         : "db_busy");
	return 1;
}

/* A form field worth sending again: not a file, not a password (the
 * page would echo it), not empty. */
static int resendable(const struct http_kv *f)
{
	return !f->filename && f->len && !strstr(f->name, "password");
}

int web_failure(struct http_request *req, int rc)
{
	struct arena *a = http_arena(req);
	const struct http_kv *f;
	struct tval *fields;
	const char *msg;
	size_t n = 0;

	if (!web_unavailable(req, rc, &msg))
		return rc;
	if (strcmp(http_method(req), "POST"))
		return http_error(req, 503, msg);
	/* A form whose page could not even be shown again (the database
	 * is unreachable): the page keeps what was sent, ready to send
	 * again with one press, so nothing typed is lost. */
	f = http_form_fields(req, &n);
	fields = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m;

		if (!resendable(&f[i]))
			continue;
		m = tval_push(fields, tval_map(a));
		tval_set_str(m, "name", f[i].name);
		tval_set_str(m, "value", f[i].value);
	}
	return web_error_resend(req, 503, msg, fields);
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
