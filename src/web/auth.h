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
/* What signed form tokens are bound to (web/guard.h): the visitor's csrf
 * cookie when they have one (it outlives logging in), else
 * auth_csrf_token(). */
const char *auth_visitor_key(struct http_request *req);

/* Hash a secret token (session, status link) for storage: lowercase hex
 * of its BLAKE2b-256, in the arena. */
char *auth_token_hash(struct arena *a, const char *token);
/* A new random token of 256 bits as 43 URL-safe base64 characters, in
 * the arena. */
char *auth_token_new(struct arena *a);

/* ---- for the account and admin pages (web/account.c, web/admin.c) ---- */

/* Cookie names: the session token and the anonymous CSRF token (with
 * "__Host-" in front when the public URL is https). */
#define AUTH_SESSION_COOKIE "sid"
#define AUTH_CSRF_COOKIE    "csrf"
/* Random bytes of a token and its length in URL-safe base64. */
#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_CHARS 43
/* Sessions slide: they end after 30 days without a visit. The expiry is
 * renewed (one write) once a day at most, and never past the cap. */
#define AUTH_SESSION_SECONDS       (30L * 24 * 3600)
#define AUTH_SESSION_RENEW_SECONDS (24L * 3600)
/* However active, a session ends 90 days after its login. */
#define AUTH_SESSION_MAX_SECONDS (90L * 24 * 3600)

/* Start libsodium once (any thread). Returns 0, or -1 when it cannot
 * start (every other function here calls it). */
int auth_ready(void);
/* 1 when token looks like one of ours (AUTH_TOKEN_CHARS URL-safe base64
 * characters), else 0 (NULL gives 0). */
int auth_token_valid(const char *token);
/* 1 when x and y are equal non-empty strings, compared in time that does
 * not depend on where they differ; else 0 (NULL gives 0). */
int auth_str_eq(const char *x, const char *y);
/* Sign user_id in: delete the request's old session if any, create a new
 * one (new token, new CSRF value) and set its cookie. The request's
 * auth_csrf_token() is the new session's from then on. Returns 0 or a
 * STORE_* code (nothing set). */
int auth_login(struct http_request *req, int64_t user_id);
/* Sign out: delete the request's session (if any) and its cookie.
 * Returns 0 or a STORE_* code. */
int auth_logout(struct http_request *req);

#endif
