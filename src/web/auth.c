/* web/auth.c: sessions, roles and CSRF tokens for the pages.
 *
 * A session is a random 256-bit token in the HttpOnly cookie "sid"; the
 * store only ever sees its BLAKE2b-256 hash, so a copy of the database
 * does not hand out logins. Sessions slide: each lasts AUTH_SESSION_SECONDS
 * after the last request that renewed it, and a request renews it (one
 * store write) only when that moves the end by AUTH_SESSION_RENEW_SECONDS
 * or more, so most page views cost no write. No session outlives
 * AUTH_SESSION_MAX_SECONDS after its login, however active: a stolen
 * cookie stops working then. A cookie naming no live session is dropped.
 * Logging in always makes a new session (a token set before login is
 * never promoted), and logging out deletes the row.
 *
 * CSRF: a signed-in user's forms carry the session's own random csrf
 * value (stored with the session); an anonymous visitor's carry the value
 * of the "csrf" cookie, set on first need (double submit: a foreign site
 * can make the browser send the cookie but cannot read it to put it in
 * the form). Comparisons are constant-time.
 *
 * With an https --public-url the cookies are "__Host-sid" and
 * "__Host-csrf" (Secure, whole site, no Domain: not plantable from a
 * subdomain or over plain http).
 *
 * Route preconditions: auth_before attaches the session's user, then
 * check_route() applies the route's NEED_* flags (web/auth.h) in one fixed
 * order, CSRF, sign-in, role, before any handler runs; handlers never
 * call it, and role questions they still have (what to show staff, whose
 * row this is) go through auth_has() and auth_owner().
 *
 * The per-request state (struct auth_req) lives in the request's arena and
 * is the request's http_context; nothing else in the web layer uses that
 * pointer.
 */
#include "web/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/http.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"
#include "web/locale.h"
#include "web/unavailable.h"
#include "web/web.h"

/* Per-request state. */
struct auth_req {
	struct auth_user *user; /* NULL: anonymous */
	const char *sid_hash;   /* the session's token hash, when signed in */
	const char *csrf;       /* the request's CSRF token, once known */
};

/* Cookie names: with an https public URL the "__Host-" prefix makes
 * browsers refuse the cookie unless it is Secure, for "/" and without a
 * Domain, so a sibling subdomain or a plain-http page cannot plant one
 * (the weak spot of double-submit CSRF tokens). */
static int https_site(struct http_request *req)
{
	const struct web *w = http_app(req);

	return w && w->public_url && str_starts(w->public_url, "https://");
}
#define SID(req)                                                               \
	(https_site(req) ? "__Host-" AUTH_SESSION_COOKIE : AUTH_SESSION_COOKIE)
#define CSRF(req)                                                              \
	(https_site(req) ? "__Host-" AUTH_CSRF_COOKIE : AUTH_CSRF_COOKIE)

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok;

static void sodium_start(void)
{
	sodium_ok = sodium_init() >= 0;
	if (!sodium_ok)
		log_error("libsodium failed to start", "%s", "auth=off");
}

int auth_ready(void)
{
	pthread_once(&sodium_once, sodium_start);
	return sodium_ok ? 0 : WEB_ECRYPTO;
}

char *auth_token_hash(struct arena *a, const char *token)
{
	unsigned char h[32];
	char *out = arena_alloc(a, 2 * sizeof(h) + 1);

	auth_ready();
	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	                   strlen(token), NULL, 0);
	hex_encode(h, sizeof(h), out);
	return out;
}

char *auth_token_new(struct arena *a)
{
	unsigned char r[AUTH_TOKEN_BYTES];
	size_t n = sodium_base64_ENCODED_LEN(
	        sizeof(r), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *out = arena_alloc(a, n);

	auth_ready();
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(out, n, r, sizeof(r),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(r, sizeof(r));
	return out;
}

int auth_token_valid(const char *token)
{
	size_t i;

	if (!token)
		return 0;
	for (i = 0; token[i]; i++) {
		char ch = token[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return 0;
		if (i >= AUTH_TOKEN_CHARS)
			return 0;
	}
	return i == AUTH_TOKEN_CHARS;
}

int auth_str_eq(const char *x, const char *y)
{
	size_t n;

	if (!x || !y)
		return 0;
	n = strlen(x);
	if (n != strlen(y) || n == 0)
		return 0;
	return sodium_memcmp(x, y, n) == 0;
}

static struct auth_req *state(struct http_request *req)
{
	struct auth_req *r = http_context(req);

	if (!r) {
		r = ARENA_NEW(http_arena(req), struct auth_req);
		http_set_context(req, r);
	}
	return r;
}

/* Fill the request's user from a session row (and the doctor profile). */
static void attach(struct http_request *req, struct auth_req *r,
                   const struct session *s)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct auth_user *u = ARENA_NEW(a, struct auth_user);
	struct doctor d;

	u->id = s->user.id;
	u->name = s->user.name;
	u->email = s->user.email;
	u->role = s->user.role;
	if (u->role == STORE_ROLE_DOCTOR &&
	    store_doctor_get(w->store, a, u->id, &d) == STORE_OK) {
		u->doctor_verified = d.verified_at != NULL;
		u->department_id = d.department_id;
	}
	r->user = u;
	r->sid_hash = s->token_hash;
	r->csrf = s->csrf;
}

/* Tell the browser to drop its session cookie. */
static void drop_cookie(struct http_request *req)
{
	struct http_cookie_opts o = {.max_age = HTTP_COOKIE_DELETE,
	                             .http_only = 1,
	                             .same_site = "Lax"};

	http_set_cookie(req, SID(req), "", &o);
}

/* Attach the session's user, if the request has a live session.
 * Returns 0, or the store's code when the session could not be read. */
static int attach_session(struct http_request *req)
{
	struct web *w = http_app(req);
	struct auth_req *r = state(req);
	const char *tok = http_cookie(req, SID(req));
	struct session s;
	int64_t now = (int64_t)time(NULL), end;
	int rc;

	if (!tok || auth_ready() < 0)
		return 0;
	if (!auth_token_valid(tok)) {
		drop_cookie(req);
		return 0;
	}
	rc = store_session_get(w->store, http_arena(req),
	                       auth_token_hash(http_arena(req), tok), now, &s);
	if (rc == STORE_NOTFOUND) {
		drop_cookie(req); /* expired, logged out or disabled */
		return 0;
	}
	if (rc) {
		log_error("session lookup failed", "err=%s", store_errmsg());
		/* the caller serves pages that need no one anonymously */
		return rc;
	}
	if (now - s.created_at >= AUTH_SESSION_MAX_SECONDS) {
		store_session_delete(w->store, s.token_hash);
		drop_cookie(req);
		return 0;
	}
	attach(req, r, &s);
	/* Slide the expiry, at most once a day and never past the cap. */
	end = now + AUTH_SESSION_SECONDS;
	if (end > s.created_at + AUTH_SESSION_MAX_SECONDS)
		end = s.created_at + AUTH_SESSION_MAX_SECONDS;
	if (end - s.expires_at >= AUTH_SESSION_RENEW_SECONDS &&
	    store_session_touch(w->store, s.token_hash, end) == STORE_OK) {
		struct http_cookie_opts o = {.max_age = (long)(end - now),
		                             .http_only = 1,
		                             .same_site = "Lax"};
		http_set_cookie(req, SID(req), tok, &o);
	}
	return 0;
}

const struct auth_user *auth_user(struct http_request *req)
{
	struct auth_req *r = http_context(req);

	return r ? r->user : NULL;
}

const char *auth_csrf_token(struct http_request *req)
{
	struct auth_req *r = state(req);
	const char *c;

	/* A page carrying a token (a form, or a signed-in user's header)
	 * is for this visitor only: no shared cache may keep it. */
	http_set_header(req, "Cache-Control", "private, no-store");
	if (r->csrf)
		return r->csrf;
	c = http_cookie(req, CSRF(req));
	if (auth_token_valid(c)) {
		r->csrf = c;
	} else {
		struct http_cookie_opts o = {
		        .max_age = 0, .http_only = 1, .same_site = "Lax"};
		r->csrf = auth_token_new(http_arena(req));
		http_set_cookie(req, CSRF(req), r->csrf, &o);
	}
	return r->csrf;
}

const char *auth_visitor_key(struct http_request *req)
{
	const char *c = http_cookie(req, CSRF(req));

	return auth_token_valid(c) ? c : auth_csrf_token(req);
}

/* 1 when the request's "csrf" form field matches, else 0. */
static int csrf_ok(struct http_request *req)
{
	struct auth_req *r = http_context(req);
	const char *want;

	if (r && r->user)
		want = r->csrf;
	else
		want = http_cookie(req, CSRF(req));
	return auth_token_valid(want) &&
	       auth_str_eq(http_form(req, "csrf"), want);
}

int auth_role_passes(enum store_role role, int verified, unsigned need)
{
	if (need & NEED_ADMIN)
		return role == STORE_ROLE_ADMIN;
	if (need & NEED_MODERATOR)
		return role >= STORE_ROLE_MODERATOR;
	if (need & NEED_DOCTOR_ONLY)
		return role == STORE_ROLE_DOCTOR && verified;
	if (need & NEED_DOCTOR)
		return role >= STORE_ROLE_MODERATOR ||
		       (role == STORE_ROLE_DOCTOR && verified);
	return 1;
}

static int role_ok(const struct auth_user *u, unsigned need)
{
	if (!u)
		return !(need & NEED_ROLES);
	return auth_role_passes(u->role, u->doctor_verified, need);
}

int auth_has(struct http_request *req, unsigned need)
{
	return role_ok(auth_user(req), need);
}

enum auth_owner auth_owner(struct http_request *req, int64_t owner_id)
{
	const struct auth_user *u = auth_user(req);

	if (!u)
		return AUTH_OTHER;
	if (u->id == owner_id)
		return AUTH_OWNER;
	return u->role >= STORE_ROLE_MODERATOR ? AUTH_STAFF : AUTH_OTHER;
}

/* The route's preconditions, in the documented order (auth.h): CSRF,
 * sign-in, role. 0 to go on; 1 after answering. */
static int check_route(struct http_request *req)
{
	struct web *w = http_app(req);
	const struct auth_user *u = auth_user(req);
	unsigned need = http_route_flags(req);

	if ((need & NEED_CSRF) && !csrf_ok(req)) {
		http_error(req, 403, web_msg(w, "auth_csrf"));
		return 1;
	}
	if ((need & NEED_ROLES) && !u) {
		/* Back to the page asked for, its query too ("?lang=vi",
		 * a search's words); a form's post has nothing to go back
		 * to. */
		const char *here = web_here(req);
		const char *loc = "/login";
		if (here && (!strcmp(http_method(req), "GET") ||
		             !strcmp(http_method(req), "HEAD")))
			loc = arena_printf(http_arena(req), "/login?next=%s",
			                   web_url_arg(http_arena(req), here));
		web_redirect(req, 303, loc);
		return 1;
	}
	if (!role_ok(u, need)) {
		const char *why = "auth_forbidden";
		if ((need & (NEED_DOCTOR | NEED_DOCTOR_ONLY)) &&
		    u->role == STORE_ROLE_DOCTOR && !u->doctor_verified)
			why = "auth_unverified";
		else if ((need & NEED_DOCTOR_ONLY) &&
		         u->role >= STORE_ROLE_MODERATOR)
			why = "auth_doctors_only";
		http_error(req, 403, web_msg(w, why));
		return 1;
	}
	return 0;
}

int auth_before(struct http_request *req)
{
	int rc = attach_session(req);

	/* A session that cannot be read now (the database unreachable or
	 * failing over) would make a signed-in user anonymous: a page
	 * that needs no one is served so, but a form or a page for
	 * signed-in users answers 503 (the form's fields kept) rather
	 * than the login page or a CSRF refusal. */
	if (rc && ((http_route_flags(req) & NEED_ROLES) ||
	           !strcmp(http_method(req), "POST"))) {
		if ((rc = web_failure(req, rc)) < 0)
			return rc;
		return 1;
	}
	return check_route(req);
}

int auth_routes_check(const struct http_route *routes, size_t n, char **err)
{
	const unsigned known = NEED_ROLES | NEED_CSRF | NEED_OWNER;

	for (size_t i = 0; i < n; i++) {
		const struct http_route *r = &routes[i];
		unsigned f = r->flags & ~HTTP_ROUTE_BARE;
		unsigned role = f & NEED_ROLES;
		const char *why = NULL;

		if (f & ~known)
			why = "an unknown flag";
		else if (role & (role - 1))
			why = "more than one role flag";
		else if ((f & NEED_OWNER) && !role)
			why = "NEED_OWNER without a role flag";
		else if ((f & NEED_CSRF) && strcmp(r->method, "POST"))
			why = "NEED_CSRF on a route that is not POST";
		if (why) {
			char msg[512];
			snprintf(msg, sizeof(msg), "route %s %s: %s", r->method,
			         r->pattern, why);
			*err = xstrdup(msg);
			return WEB_EROUTES;
		}
	}
	return 0;
}

int auth_login(struct http_request *req, int64_t user_id)
{
	struct web *w = http_app(req);
	struct auth_req *r = state(req);
	struct arena *a = http_arena(req);
	const char *old = http_cookie(req, SID(req));
	struct session s = {0};
	struct http_cookie_opts o = {.max_age = AUTH_SESSION_SECONDS,
	                             .http_only = 1,
	                             .same_site = "Lax"};
	char *tok = auth_token_new(a);
	int64_t now = (int64_t)time(NULL);
	int rc;

	/* The session a visitor had before (another account's, or a
	 * planted one) ends here; the new one shares nothing with it. */
	if (auth_token_valid(old))
		store_session_delete(w->store, auth_token_hash(a, old));
	s.token_hash = auth_token_hash(a, tok);
	s.user_id = user_id;
	s.csrf = auth_token_new(a);
	s.created_at = now;
	s.expires_at = now + AUTH_SESSION_SECONDS;
	if ((rc = store_session_create(w->store, &s)))
		return rc;
	/* Logins are rare next to page views: a good moment to drop the
	 * sessions that have run out (an indexed delete). */
	store_session_purge(w->store, now, NULL);
	r->user = NULL;
	r->sid_hash = s.token_hash;
	r->csrf = s.csrf;
	return http_set_cookie(req, SID(req), tok, &o);
}

int auth_logout(struct http_request *req)
{
	struct web *w = http_app(req);
	struct auth_req *r = state(req);
	struct http_cookie_opts o = {.max_age = HTTP_COOKIE_DELETE,
	                             .http_only = 1,
	                             .same_site = "Lax"};
	int rc = STORE_OK;

	if (r->sid_hash) {
		rc = store_session_delete(w->store, r->sid_hash);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
	}
	r->user = NULL;
	r->sid_hash = NULL;
	r->csrf = NULL;
	http_set_cookie(req, SID(req), "", &o);
	return rc;
}

void web_page_user(struct http_request *req, struct tval *ctx)
{
	const struct auth_user *u = auth_user(req);
	struct tval *m;

	if (!u)
		return;
	m = tval_set(ctx, "user", tval_map(http_arena(req)));
	tval_set_str(m, "name", u->name);
	tval_set_bool(m, "is_doctor",
	              u->role == STORE_ROLE_DOCTOR && u->doctor_verified);
	tval_set_bool(m, "is_unverified",
	              u->role == STORE_ROLE_DOCTOR && !u->doctor_verified);
	tval_set_bool(m, "is_moderator", u->role >= STORE_ROLE_MODERATOR);
	tval_set_bool(m, "is_admin", u->role == STORE_ROLE_ADMIN);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
}
