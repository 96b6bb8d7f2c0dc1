/* web/unavailable.h: writes the database cannot take now (locked
 * elsewhere past a short wait, or the disk full) answer 503 with
 * Retry-After, never a generic 500, and keep what was typed. */
#ifndef ASKDOC_WEB_UNAVAILABLE_H
#define ASKDOC_WEB_UNAVAILABLE_H

struct http_request;

/* How long a web worker's write waits for a lock held elsewhere (a
 * backup, an import, another process) before the form is shown again
 * with 503: short, so that a held lock never ties up the few worker
 * threads that readers need too. The command line and the background
 * threads keep the store's default. */
#define WEB_WRITE_WAIT_MS 250

/* 1 when rc (a STORE_* code) says the database cannot take the write now
 * (STORE_BUSY, STORE_FULL, STORE_UNAVAILABLE: the server cannot be
 * reached): Retry-After is set (60 s when full, else 5 s), a warning
 * logged, and *msg (when not NULL) is the catalog's message for the form
 * ("what you typed is kept"). Else 0 and nothing done. The caller then
 * shows its form again with status 503. */
int web_unavailable(struct http_request *req, int rc, const char **msg);

/* The server's failure handler (http_server_set_failure_handler): a
 * handler that failed with one of web_unavailable's codes answers 503
 * with Retry-After and the error page, which for a POST keeps the fields
 * sent (not passwords or files) in a form that sends them again; other
 * codes are left to the 500. Returns 0 after responding, else rc. */
int web_failure(struct http_request *req, int rc);

/* Set the calling worker thread's write wait (WEB_WRITE_WAIT_MS); the
 * server's before-hook (web_before) calls it first. */
void web_write_wait(struct http_request *req);

/* The health check of /healthz (http_server_set_health_check) over the
 * store arg: a STORE_* code when the database cannot be read (503); 1
 * with *why
 * "database locked" or "disk full" when it cannot be written (200
 * "degraded: ..." so that a balancer keeps serving readers; see
 * docs/operations.md); else 0. Waits at most WEB_WRITE_WAIT_MS. */
int web_health(void *store, const char **why);

#endif
