/* web/account.c: logging in and out, patient registration and doctor
 * applications.
 *
 * Every POST here checks the CSRF token first (403, nothing changes).
 * Forms that fail validation are shown again with a message per field and
 * everything the visitor typed except passwords. Logins are throttled per
 * account and per client address (web/guard.h; the limits are settings);
 * an unknown e-mail costs the same argon2id verification as a wrong
 * password, and both get the same message, so the login form does not
 * tell which addresses have accounts (registration must, to be usable).
 * The login, registration and application forms carry the bot checks of
 * web/guard.h (honeypot and signed form time), checked before anything
 * costly such as a password hash.
 * A doctor's application creates a doctor account whose profile waits
 * for an admin (web/admin.c); until then the route checks (web/auth.h)
 * refuse it on doctor routes and the layout shows a notice.
 *
 * /account is the signed-in user's own area: their data download
 * (web/mydata.c) and the deletion of their account. Deletion asks for the
 * password again (argon2id, throttled like logins), then removes the
 * account in one transaction with its audit row (store_account_delete
 * says what goes and what stays), signs it out everywhere and shows what
 * was done. The last enabled admin cannot delete themselves: a site
 * without an admin could never verify a doctor again.
 */
#include "web/web.h"

#include <string.h>
#include <time.h>

#include "http/http.h"
#include "limits.h"
#include "safety/identity.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/password.h"
#include "util/util.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/form.h"
#include "web/text.h"
#include "web/guard.h"
#include "web/locale.h"
#include "web/throttle.h"
#include "web/unavailable.h"

/* "Please try again in N minutes." after a throttle's message. */
static void retry_in(struct http_request *req, struct tval *ctx, long long wait)
{
	long long min = (wait + 59) / 60;

	tval_set_int(ctx, "retry_minutes", min);
	tval_set_str(ctx, "retry",
	             web_msg_count(req, "form_retry_minutes", min));
}

/* ---- login throttles (the server's guard, sized by settings) ---- */

static struct throttle *by_addr(struct http_request *req)
{
	return guard_throttle(((struct web *)http_app(req))->guard,
	                      GUARD_LOGIN_ADDR);
}

static struct throttle *by_account(struct http_request *req)
{
	return guard_throttle(((struct web *)http_app(req))->guard,
	                      GUARD_LOGIN_ACCOUNT);
}

/* The account throttle's key: the e-mail (case folded) together with the
 * client's address. Failures from one address then throttle only that
 * address's tries at the account, so nobody can lock the owner out from
 * elsewhere; each address is also held to its own limit over all
 * accounts (by_addr). */
static const char *account_key(struct http_request *req, const char *email)
{
	const char *addr = http_client_addr(req);
	char *key = arena_printf(http_arena(req), "%s\n%s", email,
	                         addr ? addr : "");

	for (char *p = key; *p && *p != '\n'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return key;
}

/* ---- forms ---- */

/* A form being checked by the rules of web/form.h: the values to show
 * again and the messages. */
struct form {
	struct http_request *req;
	struct tval *ctx;
	struct tval *v; /* field -> value typed */
	struct web_form_errors fe;
};

static void form_init(struct form *f, struct http_request *req,
                      struct tval *ctx)
{
	f->req = req;
	f->ctx = ctx;
	f->v = tval_set(ctx, "v", tval_map(http_arena(req)));
	web_form_errors_init(&f->fe, http_arena(req));
	web_form_errors_set(ctx, &f->fe);
}

/* Record message key for field (the first problem of a field wins). */
static void form_error(struct form *f, const char *field, const char *key)
{
	web_form_error(&f->fe, field, web_msg(http_app(f->req), key));
	tval_set_bool(f->ctx, "has_errors", 1);
}

/* The field cleaned by the form rules ("" when absent) and kept for
 * showing again, or as sent when secret (passwords: never shown again,
 * never trimmed). */
static const char *form_get(struct form *f, const char *name, int secret)
{
	const char *s;

	if (secret)
		return (s = http_form(f->req, name)) ? s : "";
	s = web_form_text(f->req, name);
	tval_set_str(f->v, name, s);
	return s;
}

/* A field checked by the form rules (web/form.h): at most max characters,
 * flags FORM_*. */
static const char *form_text(struct form *f, const char *name, size_t max,
                             unsigned flags)
{
	const char *s = web_form_field(f->req, &f->fe, name, max, flags);

	tval_set_str(f->v, name, s);
	tval_set_bool(f->ctx, "has_errors", f->fe.n > 0);
	return s;
}

static const char *form_email(struct form *f)
{
	const char *s = form_text(f, "email", 0, FORM_EMAIL | FORM_REQUIRED);

	if (tval_get(f->fe.e, "email"))
		return s;
	if (identity_email_check(http_arena(f->req), s) != IDENTITY_OK)
		form_error(f, "email", "identity_email_lookalike");
	else /* one spelling of an address: NFC */
		s = identity_nfc(http_arena(f->req), s);
	return s ? s : "";
}

/* A new account's display name: the form's rules, then the identity
 * rules (safety/identity.h): no hidden characters, no doctor's title, and
 * no name that looks like a verified doctor's. */
static const char *form_name(struct form *f)
{
	struct web *w = http_app(f->req);
	struct arena *a = http_arena(f->req);
	const char *s = form_text(f, "name", LIMIT_NAME_CHARS, FORM_REQUIRED);
	struct doctor_profile *d;
	size_t n;

	if (!*s || tval_get(f->fe.e, "name"))
		return s;
	switch (identity_name_check(a, s, 0)) {
	case IDENTITY_OK: break;
	case IDENTITY_RESERVED:
		form_error(f, "name", "identity_name_reserved");
		return s;
	default: form_error(f, "name", "identity_name_hidden"); return s;
	}
	if (store_doctor_list(w->store, a, 0, 0, 100000, &d, &n) == STORE_OK)
		for (size_t i = 0; i < n; i++)
			if (identity_same(a, s, d[i].name)) {
				form_error(f, "name", "identity_name_doctor");
				break;
			}
	return identity_nfc(a, s) ? identity_nfc(a, s) : s;
}

/* A new password and its confirmation. */
static const char *form_new_password(struct form *f)
{
	const char *pw = form_get(f, "password", 1);
	const char *field, *key;

	key = form_new_password_key(pw, form_get(f, "password2", 1), &field);
	if (key)
		form_error(f, field, key);
	return pw;
}

/* Put the page's "next" (the form's, else the query's) into ctx as next
 * and the links to the other form, which keep it and the language a link
 * chose, as login_url and register_url; returns it or NULL when there is
 * none or it is not a local path. */
static const char *set_next(struct http_request *req, struct tval *ctx)
{
	struct arena *a = http_arena(req);
	const char *next = web_safe_next(http_form(req, "next"));
	const char *arg = "", *login;

	if (!next)
		next = web_safe_next(http_query(req, "next"));
	if (next) {
		tval_set_str(ctx, "next", next);
		arg = arena_printf(a, "?next=%s", web_url_arg(a, next));
	}
	login = web_url_lang(req, arena_printf(a, "/login%s", arg));
	tval_set_str(ctx, "login_url", login);
	tval_set_str(ctx, "nav_login_url", login); /* the header's too */
	tval_set_str(ctx, "register_url",
	             web_url_lang(req, arena_printf(a, "/register%s", arg)));
	return next;
}

static const char *home_of(const struct user *u, struct web *w, struct arena *a)
{
	struct doctor d;

	if (auth_role_passes(u->role, 0, NEED_MODERATOR))
		return "/admin";
	if (u->role == STORE_ROLE_DOCTOR &&
	    store_doctor_get(w->store, a, u->id, &d) == STORE_OK &&
	    d.verified_at)
		return "/doctor/queue";
	return "/";
}

/* The client's address for throttling ("" when unknown). */
static const char *client(struct http_request *req)
{
	const char *addr = http_client_addr(req);

	return addr ? addr : "";
}

/* Answer 429 with template name when the client's address is throttled
 * (too many failed logins or taken e-mails); returns 1 then, else 0. */
static int addr_throttled(struct http_request *req, struct tval *ctx,
                          const char *name, int *rc)
{
	struct web *w = http_app(req);
	int64_t wait = 0;

	if (!throttle_blocked(by_addr(req), client(req), (int64_t)time(NULL),
	                      &wait))
		return 0;
	tval_set_str(ctx, "error", web_msg(w, "addr_throttled"));
	retry_in(req, ctx, wait);
	http_set_header(req, "Retry-After",
	                arena_printf(http_arena(req), "%lld", (long long)wait));
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	*rc = web_render(req, 429, name, ctx);
	return 1;
}

/* A taken e-mail counts against the address, so that registration
 * cannot be used to test many addresses for accounts. */
static void count_conflict(struct http_request *req)
{
	throttle_fail(by_addr(req), client(req), (int64_t)time(NULL));
}

/* Take a password hashing slot (util/password.h); when all are busy,
 * answer 503 with template name, what was typed kept and Retry-After, and
 * return 1 (*rc the response's code); else 0: give the slot back after
 * hashing. */
static int hash_busy(struct http_request *req, struct tval *ctx,
                     const char *name, int *rc)
{
	if (password_slot_take())
		return 0;
	tval_set_str(ctx, "error", web_msg(http_app(req), "busy_hashing"));
	http_set_header(req, "Retry-After", "1");
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	log_warn("password hashing busy", "form=%s", name);
	*rc = web_render(req, 503, name, ctx);
	return 1;
}

/* Answer 429 with template name when the client's address has made
 * --register-limit-addr accounts in the window; returns 1 then, else 0. */
static int register_throttled(struct http_request *req, struct tval *ctx,
                              const char *name, int *rc)
{
	int64_t minutes = 0;

	if (!guard_rate_blocked(req, GUARD_REGISTER_ADDR, GUARD_REGISTER_ADDR,
	                        &minutes))
		return 0;
	tval_set_str(ctx, "error", web_msg_n(req, "register_rate", minutes));
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	*rc = web_render(req, 429, name, ctx);
	return 1;
}

/* ---- /login and /logout ---- */

static int login_form(struct http_request *req, struct tval *ctx, int status)
{
	set_next(req, ctx);
	/* "Forgot password?" only where a reset mail can be sent
	 * (web/password_reset.c) */
	tval_set_bool(ctx, "can_reset",
	              ((struct web *)http_app(req))->mail != NULL);
	tval_set_bool(ctx, "reset_done",
	              http_query(req, "reset") &&
	                      !strcmp(http_query(req, "reset"), "done"));
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	guard_form(req, ctx, "login");
	return web_render(req, status, "login", ctx);
}

int page_login(struct http_request *req)
{
	struct tval *ctx;

	if (auth_user(req))
		return web_redirect(req, 303, "/");
	ctx = web_page(req);
	tval_set(ctx, "v", tval_map(http_arena(req)));
	return login_form(req, ctx, 200);
}

int page_login_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx;
	struct form f;
	struct user u;
	const char *email, *pw, *addr = client(req), *next, *bot;
	const char *account;
	int64_t now = (int64_t)time(NULL), wait = 0;
	int rc, ok;

	ctx = web_page(req);
	form_init(&f, req, ctx);
	email = form_get(&f, "email", 0);
	/* Registration stores an address in NFC: look it up the same way,
	 * so an NFD spelling of it signs in to the same account. */
	if (identity_nfc(a, email))
		email = identity_nfc(a, email);
	pw = form_get(&f, "password", 1);
	account = account_key(req, email);

	if (throttle_blocked(by_addr(req), addr, now, &wait) ||
	    throttle_blocked(by_account(req), account, now, &wait)) {
		tval_set_str(ctx, "error", web_msg(w, "login_throttled"));
		retry_in(req, ctx, wait);
		http_set_header(req, "Retry-After",
		                arena_printf(a, "%lld", (long long)wait));
		log_warn("login throttled", "addr=%s", addr);
		return login_form(req, ctx, 429);
	}
	/* Bots are refused before a password is hashed; a refusal does not
	 * count as a failed login (no password was tried). */
	if ((rc = guard_check(req, "login", &bot))) {
		tval_set_str(ctx, "error", bot);
		return login_form(req, ctx, rc);
	}
	if (!*email || !*pw || strlen(email) > LIMIT_EMAIL_BYTES ||
	    strlen(pw) > LIMIT_PASSWORD_BYTES) {
		ok = 0;
		rc = STORE_NOTFOUND;
	} else {
		if (!password_slot_take()) {
			tval_set_str(ctx, "error", web_msg(w, "busy_hashing"));
			http_set_header(req, "Retry-After", "1");
			return login_form(req, ctx, 503);
		}
		rc = store_user_by_email(w->store, a, email, &u);
		if (rc != STORE_OK && rc != STORE_NOTFOUND) {
			password_slot_give();
			return rc;
		}
		if (rc == STORE_OK) {
			ok = password_verify(u.password_hash, pw);
		} else {
			password_verify_dummy(pw);
			ok = 0;
		}
		password_slot_give();
	}
	if (!ok) {
		throttle_fail(by_addr(req), addr, now);
		throttle_fail(by_account(req), account, now);
		tval_set_str(ctx, "error", web_msg(w, "login_failed"));
		return login_form(req, ctx, 400);
	}
	if (u.disabled) {
		tval_set_str(ctx, "error", web_msg(w, "login_disabled"));
		return login_form(req, ctx, 403);
	}
	throttle_reset(by_account(req), account);
	if ((rc = auth_login(req, u.id)))
		return rc;
	log_info("login", "user=%lld", (long long)u.id);
	next = web_safe_next(http_form(req, "next"));
	return web_redirect(req, 303, next ? next : home_of(&u, w, a));
}

int page_logout_post(struct http_request *req)
{
	int rc;

	if ((rc = auth_logout(req)))
		return rc;
	return web_redirect(req, 303, "/");
}

/* ---- /register ---- */

/* A new account's store call ended with rc: the form page again, 409 for
 * a taken address or 503 when the database cannot take the write (1,
 * with *out the response's code); else 0. */
static int signup_refused(struct form *f, int rc, const char *page, int *out)
{
	struct http_request *req = f->req;
	const char *why;

	if (rc == STORE_CONFLICT) {
		count_conflict(req);
		form_error(f, "email", "form_email_taken");
		tval_set_bool(f->ctx, "email_taken", 1);
		*out = web_render(req, 409, page, f->ctx);
		return 1;
	}
	if (web_unavailable(req, rc, &why)) {
		tval_set_str(f->ctx, "error", why);
		*out = web_render(req, 503, page, f->ctx);
		return 1;
	}
	return 0;
}

/* What a sign-up form (template page, form guard name guard) passes
 * before its account is made: the form guard, the address throttles,
 * the form's rules and a password hashing slot. Returns 0 with the new
 * password's hash in hash (and the form's CSRF token set again, for a
 * refusal by the store), or 1 with *out the answer. */
static int signup_checks(struct form *f, const char *guard, const char *page,
                         char hash[PASSWORD_HASH_BYTES], int *out)
{
	struct http_request *req = f->req;
	const char *bot;
	int rc;

	if ((rc = guard_check(req, guard, &bot))) {
		tval_set_str(f->ctx, "error", bot);
		tval_set_str(f->ctx, "csrf", auth_csrf_token(req));
		*out = web_render(req, rc, page, f->ctx);
		return 1;
	}
	if (addr_throttled(req, f->ctx, page, out) ||
	    register_throttled(req, f->ctx, page, out))
		return 1;
	if (f->fe.n) {
		tval_set_str(f->ctx, "csrf", auth_csrf_token(req));
		*out = web_render(req, web_form_status(&f->fe), page, f->ctx);
		return 1;
	}
	if (hash_busy(req, f->ctx, page, out))
		return 1;
	rc = password_hash(http_form(req, "password"), hash);
	password_slot_give();
	if (rc) {
		*out = STORE_ERROR;
		return 1;
	}
	tval_set_str(f->ctx, "csrf", auth_csrf_token(req));
	return 0;
}

/* The account id is made: count it, sign it in and go home. */
static int signed_up(struct http_request *req, int64_t id, const char *next)
{
	int rc;

	guard_rate_count(req, GUARD_REGISTER_ADDR, GUARD_REGISTER_ADDR);
	if ((rc = auth_login(req, id)))
		return rc;
	return web_redirect(req, 303, next ? next : "/");
}

int page_register(struct http_request *req)
{
	struct tval *ctx;

	if (auth_user(req))
		return web_redirect(req, 303, "/");
	ctx = web_page(req);
	set_next(req, ctx);
	tval_set(ctx, "v", tval_map(http_arena(req)));
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	guard_form(req, ctx, "register");
	return web_render(req, 200, "register", ctx);
}

int page_register_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct tval *ctx;
	struct form f;
	struct user u = {0};
	char hash[PASSWORD_HASH_BYTES];
	const char *next;
	int64_t id;
	int rc;

	ctx = web_page(req);
	next = set_next(req, ctx);
	guard_form(req, ctx, "register");
	form_init(&f, req, ctx);
	u.name = form_name(&f);
	u.email = form_email(&f);
	form_new_password(&f);
	u.role = STORE_ROLE_PATIENT;
	if (signup_checks(&f, "register", "register", hash, &rc))
		return rc;
	u.password_hash = hash;
	rc = store_user_create(w->store, &u, &id);
	if (signup_refused(&f, rc, "register", &rc))
		return rc;
	if (rc)
		return rc;
	log_info("registered", "user=%lld role=patient", (long long)id);
	return signed_up(req, id, next);
}

/* ---- /doctor/apply ---- */

int page_doctor_apply(struct http_request *req)
{
	struct tval *ctx;
	int found, rc;

	if (auth_user(req))
		return http_error(req, 403,
		                  web_msg(http_app(req), "apply_signed_in"));
	ctx = web_page(req);
	tval_set(ctx, "v", tval_map(http_arena(req)));
	if ((rc = web_department_options(req, ctx, 0, &found)))
		return rc;
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	guard_form(req, ctx, "apply");
	return web_render(req, 200, "doctor_apply", ctx);
}

int page_doctor_apply_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct tval *ctx;
	struct form f;
	struct user u = {0};
	struct doctor d = {0};
	char hash[PASSWORD_HASH_BYTES];
	const char *dept;
	int64_t id;
	int rc, found;

	if (auth_user(req))
		return http_error(req, 403, web_msg(w, "apply_signed_in"));
	ctx = web_page(req);
	form_init(&f, req, ctx);
	u.name = form_name(&f);
	d.title = form_text(&f, "title", LIMIT_NAME_CHARS, FORM_REQUIRED);
	d.hospital = form_text(&f, "hospital", LIMIT_NAME_CHARS, FORM_REQUIRED);
	dept = form_get(&f, "department", 0);
	if (!*dept)
		form_error(&f, "department", "form_required");
	else if (web_parse_id(dept, &d.department_id))
		form_error(&f, "department", "form_bad_department");
	d.licence_no =
	        form_text(&f, "licence", LIMIT_LICENCE_CHARS, FORM_REQUIRED);
	d.bio = form_text(&f, "bio", LIMIT_BIO_CHARS, FORM_MULTILINE);
	if (!*d.bio)
		d.bio = NULL;
	u.email = form_email(&f);
	form_new_password(&f);
	if ((rc = web_department_options(req, ctx, d.department_id, &found)))
		return rc;
	if (d.department_id && !found)
		form_error(&f, "department", "form_bad_department");
	guard_form(req, ctx, "apply");
	if (signup_checks(&f, "apply", "doctor_apply", hash, &rc))
		return rc;
	u.password_hash = hash;
	u.role = STORE_ROLE_DOCTOR;
	if (!(rc = store_tx_begin(w->store))) {
		rc = store_user_create(w->store, &u, &id);
		if (rc == STORE_OK) {
			d.user_id = id;
			rc = store_doctor_set(w->store, &d);
		}
		if (rc == STORE_OK)
			rc = store_tx_commit(w->store);
		else
			store_tx_rollback(w->store);
	}
	if (signup_refused(&f, rc, "doctor_apply", &rc))
		return rc;
	if (rc)
		return rc;
	log_info("doctor applied", "user=%lld", (long long)id);
	return signed_up(req, id, NULL);
}

/* ---- /account: the user's own area ---- */

int page_account(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *au;
	struct tval *ctx, *m;
	struct user u;
	int rc;

	au = auth_user(req);
	if ((rc = store_user_get(w->store, a, au->id, &u)))
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	m = tval_set(ctx, "account", tval_map(a));
	tval_set_str(m, "name", u.name);
	tval_set_str(m, "email", u.email);
	tval_set_str(m, "role", store_role_name(u.role));
	tval_set_str(m, "since", text_date(a, u.created_at));
	{
		struct i18n_arg rs[] = {
		        I18N_STR("role",
		                 web_msg(w, arena_printf(
		                                    a, "role_%s",
		                                    store_role_name(u.role)))),
		        I18N_STR("date", web_date_long(req, u.created_at))};
		struct i18n_arg dl[] = {
		        I18N_STR("format", "<code>\"format\": "
		                           "\"askdoc-user-data\"</code>"),
		        I18N_STR("sections", "<code>profile</code>, "
		                             "<code>questions</code>, "
		                             "<code>comments</code>, "
		                             "<code>sessions</code>, "
		                             "<code>audit</code>")};
		tval_set_str(m, "role_since",
		             web_msgf(req, "account_role_since", rs, 2));
		tval_set_str(ctx, "download_html",
		             web_msg_html(req, "account_download_text", dl, 2));
		struct i18n_arg pw[] = {I18N_STR(
		        "link",
		        web_html_link(a, "/account/password",
		                      web_msg(w, "account_password_link")))};
		tval_set_str(ctx, "password_note_html",
		             web_msg_html(req, "account_password_note", pw, 1));
	}
	tval_set_bool(m, "is_doctor", u.role == STORE_ROLE_DOCTOR);
	tval_set_bool(ctx, "password_changed",
	              http_query(req, "password") &&
	                      !strcmp(http_query(req, "password"), "changed"));
	tval_set_bool(m, "writes", auth_has(req, NEED_DOCTOR));
	return web_render(req, 200, "account", ctx);
}

/* ---- the password and sessions ---- */

static int password_page(struct http_request *req, struct tval *ctx, int status)
{
	web_private_page(req, ctx);
	tval_set_str(ctx, "csrf", auth_csrf_token(req));
	return web_render(req, status, "account_password", ctx);
}

int page_account_password(struct http_request *req)
{
	struct tval *ctx;

	ctx = web_page(req);
	tval_set(ctx, "v", tval_map(http_arena(req)));
	return password_page(req, ctx, 200);
}

/* A new password (the current one re-entered, throttled like logins):
 * stored with every session of the account ended in one transaction, then
 * this browser gets a fresh session, so whoever knew the old password or
 * held an old cookie is out. */
int page_account_password_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const struct auth_user *au;
	char hash[PASSWORD_HASH_BYTES];
	const char *account, *current;
	struct tval *ctx;
	struct form f;
	struct user u;
	int64_t now = (int64_t)time(NULL), wait = 0, ended = 0;
	int rc, ok;

	au = auth_user(req);
	ctx = web_page(req);
	form_init(&f, req, ctx);
	current = form_get(&f, "current", 1);
	form_new_password(&f);
	account = account_key(req, au->email);
	if (throttle_blocked(by_account(req), account, now, &wait)) {
		tval_set_str(ctx, "error", web_msg(w, "login_throttled"));
		retry_in(req, ctx, wait);
		http_set_header(req, "Retry-After",
		                arena_printf(a, "%lld", (long long)wait));
		return password_page(req, ctx, 429);
	}
	if (!*current)
		form_error(&f, "current", "form_required");
	if (f.fe.n)
		return password_page(req, ctx, web_form_status(&f.fe));
	if ((rc = store_user_get(w->store, a, au->id, &u)))
		return rc;
	if (!password_slot_take()) {
		tval_set_str(ctx, "error", web_msg(w, "busy_hashing"));
		http_set_header(req, "Retry-After", "1");
		return password_page(req, ctx, 503);
	}
	ok = strlen(current) <= LIMIT_PASSWORD_BYTES &&
	     password_verify(u.password_hash, current);
	rc = ok ? password_hash(http_form(req, "password"), hash) : 0;
	password_slot_give();
	if (!ok) {
		throttle_fail(by_account(req), account, now);
		form_error(&f, "current", "password_current_wrong");
		return password_page(req, ctx, 400);
	}
	if (rc)
		return STORE_ERROR;
	throttle_reset(by_account(req), account);
	if ((rc = store_tx_begin(w->store)))
		return rc;
	if ((rc = store_user_set_password(w->store, u.id, hash)) ||
	    (rc = store_session_delete_user(w->store, u.id, &ended))) {
		store_tx_rollback(w->store);
		return rc;
	}
	if ((rc = store_tx_commit(w->store)))
		return rc;
	log_info("password changed", "user=%lld sessions_ended=%lld",
	         (long long)u.id, (long long)ended);
	if ((rc = auth_login(req, u.id)))
		return rc;
	return web_redirect(req, 303, "/account?password=changed");
}

/* "Sign out everywhere": every session of the account ends, this one
 * too. */
int page_account_sessions_end(struct http_request *req)
{
	struct web *w = http_app(req);
	int64_t id, ended = 0;
	int rc;

	id = auth_user(req)->id;
	if ((rc = store_session_delete_user(w->store, id, &ended)))
		return rc;
	log_info("signed out everywhere", "user=%lld sessions_ended=%lld",
	         (long long)id, (long long)ended);
	if ((rc = auth_logout(req)) && rc != STORE_NOTFOUND)
		return rc;
	return web_redirect(req, 303, "/login");
}

/* The deletion form, with error (a catalog key) when not NULL. */
static int delete_form(struct http_request *req, int status, const char *error)
{
	struct web *w = http_app(req);
	const struct auth_user *u = auth_user(req);
	struct tval *ctx = web_page(req);

	web_private_page(req, ctx);
	if (error)
		tval_set_str(ctx, "error", web_msg(w, error));
	tval_set_bool(ctx, "is_doctor", u->role == STORE_ROLE_DOCTOR);
	tval_set_bool(ctx, "is_staff", auth_has(req, NEED_MODERATOR));
	return web_render(req, status, "account_delete", ctx);
}

int page_account_delete(struct http_request *req)
{
	return delete_form(req, 200, NULL);
}

/* Delete the account of u in one transaction with its audit row.
 * Returns 0, 1 when u is the last admin (nothing done), or a STORE_*
 * code (nothing done either). */
static int delete_account(struct http_request *req, const struct user *u,
                          struct store_account_deletion *d)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	/* What stays public is shown under a neutral name: a doctor's
	 * replies as "a former doctor", so readers know a doctor wrote
	 * them. */
	const char *former = web_msg(w, u->role == STORE_ROLE_DOCTOR
	                                        ? "account_former_doctor"
	                                        : "account_former_member");
	int rc;

	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_account_delete(w->store, u->id, former, d);
	if (rc == STORE_CONFLICT) {
		/* the only conflict it reports (a failing audit row below
		 * may be a constraint too, and must stay a server error) */
		store_tx_rollback(w->store);
		return 1;
	}
	/* No target: the row's actor is the account itself. */
	if (rc == STORE_OK)
		rc = store_audit_add(
		        w->store, u->id, "account.delete", STORE_KIND_QA, 0,
		        arena_printf(
		                a,
		                "questions deleted %lld, kept %lld; "
		                "replies kept %lld; articles kept %lld, "
		                "deleted %lld; comments %lld; sessions "
		                "%lld; mails %lld; requests %lld",
		                (long long)d->questions_deleted,
		                (long long)d->questions_kept,
		                (long long)d->answers_kept,
		                (long long)d->articles_kept,
		                (long long)d->articles_deleted,
		                (long long)d->comments, (long long)d->sessions,
		                (long long)d->mails, (long long)d->requests));
	if (rc == STORE_OK)
		return store_tx_commit(w->store);
	store_tx_rollback(w->store);
	return rc;
}

int page_account_delete_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct store_account_deletion d;
	const struct auth_user *au;
	struct tval *ctx, *m;
	struct user u;
	const char *pw;
	const char *account;
	int64_t now = (int64_t)time(NULL), wait = 0;
	int rc, ok;

	au = auth_user(req);
	account = account_key(req, au->email);
	if (throttle_blocked(by_account(req), account, now, &wait)) {
		http_set_header(req, "Retry-After",
		                arena_printf(a, "%lld", (long long)wait));
		return delete_form(req, 429, "login_throttled");
	}
	if ((rc = store_user_get(w->store, a, au->id, &u)))
		return rc;
	pw = http_form(req, "password");
	if (!pw || !*pw)
		return delete_form(req, 400, "account_password_required");
	if (strlen(pw) > LIMIT_PASSWORD_BYTES)
		ok = 0;
	else if (!password_slot_take()) {
		http_set_header(req, "Retry-After", "1");
		return delete_form(req, 503, "busy_hashing");
	} else {
		ok = password_verify(u.password_hash, pw);
		password_slot_give();
	}
	if (!ok) {
		throttle_fail(by_account(req), account, now);
		return delete_form(req, 400, "account_password_wrong");
	}
	rc = delete_account(req, &u, &d);
	if (rc == 1)
		return delete_form(req, 409, "account_last_admin");
	if (rc) {
		log_error("account deletion failed", "user=%lld err=%s",
		          (long long)u.id, store_errmsg());
		return rc;
	}
	throttle_reset(by_account(req), account);
	log_info("account deleted", "user=%lld", (long long)u.id);
	if ((rc = auth_logout(req)))
		return rc;
	content_changed(w, CHANGE_UNLOGGED);
	ctx = web_page(req);
	web_private_page(req, ctx);
	m = tval_set(ctx, "done", tval_map(a));
	tval_set_int(m, "questions_deleted", d.questions_deleted);
	tval_set_int(m, "questions_kept", d.questions_kept);
	tval_set_int(m, "answers_kept", d.answers_kept);
	tval_set_int(m, "articles_kept", d.articles_kept);
	tval_set_int(m, "comments", d.comments);
	{
		struct {
			const char *name, *key;
			long long n;
		} c[] = {{"questions_deleted_text", "account_deleted_questions",
		          d.questions_deleted},
		         {"questions_kept_text", "account_deleted_kept",
		          d.questions_kept},
		         {"answers_kept_text", "account_deleted_answers",
		          d.answers_kept},
		         {"articles_kept_text", "account_deleted_articles",
		          d.articles_kept},
		         {"comments_text", "account_deleted_comments",
		          d.comments}};
		for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++)
			tval_set_str(m, c[i].name,
			             web_msg_count(req, c[i].key, c[i].n));
	}
	tval_set_bool(m, "is_doctor", u.role == STORE_ROLE_DOCTOR);
	return web_render(req, 200, "account_deleted", ctx);
}
