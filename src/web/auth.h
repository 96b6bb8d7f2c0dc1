/* web/auth.h: who is asking: sessions, roles and CSRF for the pages.
 *
 * A before-hook (auth_before, installed in the HTTP server) runs ahead of
 * every page: it reads the session cookie, looks the session up (tokens
 * are stored hashed) and attaches the signed-in user to the request. Pages
 * then ask auth_user() who it is and guard themselves with auth_require().
 *
 * CSRF: every state-changing form carries a hidden field "csrf" holding
 * auth_csrf_token(req): the session's token for signed-in users, and for
 * anonymous visitors a random token in its own cookie (double submit).
 * auth_csrf_ok() compares it in constant time; POST handlers call it
 * first and answer 403 when it fails.
 */
#ifndef ASKDOC_WEB_AUTH_H
#define ASKDOC_WEB_AUTH_H

#include <stdint.h>

#include "store/store.h"

struct http_request;

/* The signed-in user of a request, in its arena. */
struct auth_user {
	int64_t id;
	const char *name;
	const char *email;
	enum store_role role;
	int doctor_verified;   /* a doctor whose profile an admin verified */
	int64_t department_id; /* a doctor's department, else 0 */
};

/* The before-hook: attaches the session's user (if any). Returns 0. */
int auth_before(struct http_request *req);

/* The signed-in user, or NULL for an anonymous visitor. */
const struct auth_user *auth_user(struct http_request *req);

/* Guard a page: returns 0 when the user has at least role (and, for
 * STORE_ROLE_DOCTOR, a verified profile; moderators and admins pass
 * too). Otherwise it responds — a redirect to /login for anonymous
 * visitors, 403 for signed-in users without the right — and returns 1;
 * the page then returns 0 at once. */
int auth_require(struct http_request *req, enum store_role role);

/* The CSRF token to put in forms (never NULL; may set a cookie). */
const char *auth_csrf_token(struct http_request *req);
/* 1 when the request's "csrf" form field matches, else 0. */
int auth_csrf_ok(struct http_request *req);

/* Hash a secret token (session, status link) for storage: lowercase hex
 * of its BLAKE2b-256, in the arena. */
char *auth_token_hash(struct arena *a, const char *token);
/* A new random token of 256 bits as 43 URL-safe base64 characters, in
 * the arena. */
char *auth_token_new(struct arena *a);

#endif
