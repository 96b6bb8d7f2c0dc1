/* web/auth.h: who is asking: sessions, roles and CSRF for the pages.
 *
 * A before-hook (auth_before, installed in the HTTP server) runs ahead of
 * every page: it reads the session cookie, looks the session up (tokens
 * are stored hashed), attaches the signed-in user to the request, then
 * checks the route's preconditions (the NEED_* flags of the route table
 * in web/web.c, below). A handler runs only when they hold; it asks
 * auth_user() who is signed in and never checks a role or a CSRF token
 * itself. Checks that depend on a row (is this my comment?) go through
 * auth_owner().
 *
 * CSRF: every state-changing form carries a hidden field "csrf" holding
 * auth_csrf_token(req): the session's token for signed-in users, and for
 * anonymous visitors a random token in its own cookie (double submit).
 * Routes flagged NEED_CSRF compare it in constant time before the
 * handler runs.
 */
#ifndef ASKDOC_WEB_AUTH_H
#define ASKDOC_WEB_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct http_request;
struct http_route;

/* The signed-in user of a request, in its arena. */
struct auth_user {
	int64_t id;
	const char *name;
	const char *email;
	enum store_role role;
	int doctor_verified;   /* a doctor whose profile an admin verified */
	int64_t department_id; /* a doctor's department, else 0 */
};

/* ---- route preconditions: the flags column of the route table ----
 *
 * Each route states what a request needs before its handler runs. At most
 * one role flag (NEED_USER ... NEED_ADMIN) per route; each needs a
 * signed-in user. auth_before checks them once, in this order, and the
 * first that fails answers:
 *
 *   1. CSRF (NEED_CSRF): 403 "auth_csrf" unless the form's "csrf" field
 *      matches the session's token (a visitor's: the csrf cookie). First,
 *      so a forged or stale form is refused before anything else is
 *      looked at, whoever sent it;
 *   2. sign-in (any role flag): a visitor is sent to /login with 303,
 *      with ?next=<path> back to the page for GET and HEAD;
 *   3. role: 403 "auth_forbidden" for a role below the route's; 403
 *      "auth_unverified" for a doctor whose profile no admin verified
 *      yet, on NEED_DOCTOR and NEED_DOCTOR_ONLY routes; 403
 *      "auth_doctors_only" for moderators and admins on NEED_DOCTOR_ONLY
 *      routes.
 *
 * NEED_OWNER states that the route acts on a row that belongs to someone
 * (a question, a comment, an answer, an article): the handler loads it
 * and decides with auth_owner(); other accounts of the same role get 403
 * or 404 and nothing changes. tests/e2e/test_authz.py reads these flags
 * from the table and asks every route as every role. */
#define NEED_USER        0x01u /* signed in, any role */
#define NEED_DOCTOR      0x02u /* a verified doctor, a moderator or an admin */
#define NEED_DOCTOR_ONLY 0x04u /* a verified doctor; staff are refused */
#define NEED_MODERATOR   0x08u /* a moderator or an admin */
#define NEED_ADMIN       0x10u /* an admin */
#define NEED_CSRF        0x20u /* the form's csrf field (POST routes) */
#define NEED_OWNER       0x40u /* the handler checks the row's owner */
#define NEED_ROLES                                                             \
	(NEED_USER | NEED_DOCTOR | NEED_DOCTOR_ONLY | NEED_MODERATOR |         \
	 NEED_ADMIN)

/* The before-hook: attaches the session's user (if any), then checks the
 * route's NEED_* flags. Returns 0 to run the handler, 1 after answering
 * (login redirect, 403). */
int auth_before(struct http_request *req);

/* Check a route table's flags: at most one role flag, NEED_OWNER only
 * with one, NEED_CSRF only on POST, no unknown bit (HTTP_ROUTE_BARE
 * aside). Returns 0, or WEB_EROUTES with *err (malloc'd) naming the
 * route. */
int auth_routes_check(const struct http_route *routes, size_t n, char **err);

/* The signed-in user, or NULL for an anonymous visitor. */
const struct auth_user *auth_user(struct http_request *req);

/* 1 when the request's user would pass the role flag of need (one of
 * NEED_USER ... NEED_ADMIN; other bits are ignored), else 0: for what a
 * page shows to whom (a staff member's extra links, a doctor's queue). */
int auth_has(struct http_request *req, unsigned need);
/* The same for an account not (yet) attached to the request: role, and
 * for doctors whether an admin verified their profile. */
int auth_role_passes(enum store_role role, int verified, unsigned need);

/* Who the signed-in user is to a row owned by owner_id: the one place
 * handlers decide per-object access. */
enum auth_owner {
	AUTH_OTHER = 0, /* someone else (or a visitor) */
	AUTH_OWNER,     /* the owner */
	AUTH_STAFF,     /* not the owner, but a moderator or an admin */
};
enum auth_owner auth_owner(struct http_request *req, int64_t owner_id);

/* The CSRF token to put in forms (never NULL; may set a cookie). */
const char *auth_csrf_token(struct http_request *req);
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

/* Start libsodium once (any thread). Returns 0, or WEB_ECRYPTO when it
 * cannot start (every other function here calls it). */
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
