/* web/password_reset.c: "Forgot password?": a link by e-mail that sets a
 * new password (issue 11, item 4).
 *
 * Offered only when mail is on (--smtp-url): without it every route here
 * is 404 and the login page shows no link. The request form answers the
 * same page whether or not the address has an account, so it tells
 * nobody which addresses are registered; it is limited per client
 * address (LIMIT_RESET_PER_ADDR a window, then 429) and per e-mail
 * address (LIMIT_RESET_PER_ACCOUNT mails a window; past that the same
 * page, and no mail, so a mailbox cannot be flooded and the limit tells
 * nothing either). Both throttles are in memory, keyed by hashes
 * (web/throttle.h).
 *
 * A link carries a random 256-bit token; only its BLAKE2b hash is stored
 * (store_reset_add), with the account and an expiry LIMIT_RESET_SECONDS
 * ahead, and the mail goes through the mail queue in the same
 * transaction. Setting the new password (the registration's rules) uses
 * the token, sets the password, ends every session of the account and
 * writes the audit row in one transaction: a token works once, and an
 * unknown (404), expired or used (410) one changes nothing and says
 * which. The new password is never shown again; the visitor is sent to
 * the login page.
 */
#include "web/password_reset.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "limits.h"
#include "safety/identity.h"
#include "services/mail.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/password.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/guard.h"
#include "web/locale.h"
#include "web/notify.h"
#include "web/throttle.h"
#include "web/unavailable.h"
#include "web/web.h"

#define THROTTLE_SLOTS 4096

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct throttle *per_addr, *per_email;

static void setup(void)
{
	per_addr = throttle_new("reset_addr", THROTTLE_SLOTS,
	                        LIMIT_RESET_PER_ADDR, LIMIT_RESET_WINDOW);
	per_email = throttle_new("reset_account", THROTTLE_SLOTS,
	                         LIMIT_RESET_PER_ACCOUNT, LIMIT_RESET_WINDOW);
}

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

static const char *client(struct http_request *req)
{
	const char *addr = http_client_addr(req);

	return addr ? addr : "";
}

/* The field trimmed of blanks at both ends ("" when absent). */
static const char *field(struct http_request *req, const char *name)
{
	const char *s = http_form(req, name);
	size_t n;

	if (!s)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
	             s[n - 1] == '\n'))
		n--;
	return arena_strndup(http_arena(req), s, n);
}

/* Record message key for field on the page's values (the shape of
 * templates/form_errors.mustache). */
static void field_error(struct http_request *req, struct tval *ctx,
                        const char *name, const char *key)
{
	struct arena *a = http_arena(req);
	struct tval *e = tval_get(ctx, "e"), *errors = tval_get(ctx, "errors");
	const char *msg = web_msg(http_app(req), key);
	struct tval *m;

	if (!e)
		e = tval_set(ctx, "e", tval_map(a));
	if (!errors)
		errors = tval_set(ctx, "errors", tval_list(a));
	if (tval_get(e, name))
		return;
	tval_set_bool(ctx, "has_errors", 1);
	tval_set_str(e, name, msg);
	m = tval_push(errors, tval_map(a));
	tval_set_str(m, "field", name);
	tval_set_str(m, "message", msg);
}

/* ---- asking for a link ---- */

static int forgot_page(struct http_request *req, struct tval *ctx, int status)
{
	web_private_page(req, ctx);
	guard_form(req, ctx, "forgot");
	return web_render(req, status, "password_forgot", ctx);
}

int page_password_forgot(struct http_request *req)
{
	struct web *w = http_app(req);
	struct tval *ctx;

	if (!w->mail)
		return web_not_found(req);
	ctx = web_page(req);
	tval_set(ctx, "v", tval_map(http_arena(req)));
	return forgot_page(req, ctx, 200);
}

/* The e-mail throttle's key: the address in NFC, ASCII case folded (the
 * store's comparison), so spellings of one address share a count. */
static const char *email_key(struct arena *a, const char *email)
{
	char *k = identity_nfc(a, email);

	if (!k)
		k = arena_strdup(a, email);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

/* Mail a new link to the account of email, if there is a live one.
 * Returns 0 (also when there is no such account: the caller answers
 * the same either way) or a STORE_* code. */
static int send_link(struct http_request *req, const char *email)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *token, *subject, *body;
	struct tval *ctx;
	struct user u;
	int64_t now = now_s();
	int rc;

	rc = store_user_by_email(w->store, a, email, &u);
	if (rc == STORE_NOTFOUND ||
	    (rc == STORE_OK && (u.disabled || u.deleted_at))) {
		log_info("password reset asked", "account=none");
		return 0;
	}
	if (rc)
		return rc;
	token = auth_token_new(a);
	ctx = web_page(req);
	tval_set_str(
	        ctx, "link",
	        arena_printf(a, "%s/password/reset/%s", w->public_url, token));
	tval_set_int(ctx, "minutes", LIMIT_RESET_SECONDS / 60);
	{
		struct i18n_arg args[] = {
		        I18N_STR("site", w->cfg->site_name),
		        I18N_NUM("n", LIMIT_RESET_SECONDS / 60)};
		tval_set_str(ctx, "intro",
		             i18n_format(w->i18n, web_lang(), a,
		                         "mail_reset_body", args, 2));
	}
	if ((rc = web_mail_text(req, "mail_password_reset", ctx, &subject,
	                        &body)))
		return rc;
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_reset_add(w->store, u.id, auth_token_hash(a, token), now,
	                     now + LIMIT_RESET_SECONDS);
	if (rc == STORE_OK)
		rc = mail_enqueue(w->mail, u.email, subject, body);
	if (rc == STORE_INVALID) {
		/* an address the mail queue cannot send to (not ASCII):
		 * nothing to do, and nothing the visitor should learn */
		store_tx_rollback(w->store);
		log_warn("password reset not mailed", "user=%lld why=address",
		         (long long)u.id);
		return 0;
	}
	if (rc) {
		store_tx_rollback(w->store);
		return rc;
	}
	if ((rc = store_tx_commit(w->store)))
		return rc;
	mail_kick(w->mail);
	log_info("password reset mailed", "user=%lld", (long long)u.id);
	return 0;
}

int page_password_forgot_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *email, *error, *key;
	struct tval *ctx, *v;
	int64_t wait = 0;
	int rc;

	if (!w->mail)
		return web_not_found(req);
	pthread_once(&once, setup);
	ctx = web_page(req);
	v = tval_set(ctx, "v", tval_map(a));
	email = field(req, "email");
	tval_set_str(v, "email", email);
	if ((rc = guard_check(req, "forgot", &error))) {
		tval_set_str(ctx, "error", error);
		return forgot_page(req, ctx, rc);
	}
	if (!*email) {
		field_error(req, ctx, "email", "form_required");
		return forgot_page(req, ctx, 400);
	}
	if (!form_email_ok(email)) {
		field_error(req, ctx, "email", "form_bad_email");
		return forgot_page(req, ctx, 400);
	}
	if (throttle_blocked(per_addr, client(req), now_s(), &wait)) {
		http_set_header(req, "Retry-After",
		                arena_printf(a, "%lld", (long long)wait));
		tval_set_str(ctx, "error",
		             web_msg_n(req, "reset_rate", (wait + 59) / 60));
		log_warn("password reset throttled", "addr=%s", client(req));
		return forgot_page(req, ctx, 429);
	}
	throttle_fail(per_addr, client(req), now_s());
	key = email_key(a, email);
	if (throttle_blocked(per_email, key, now_s(), NULL)) {
		log_info("password reset held back", "why=mails_per_address");
	} else {
		throttle_fail(per_email, key, now_s());
		rc = send_link(req, identity_nfc(a, email)
		                            ? identity_nfc(a, email)
		                            : email);
		if (web_unavailable(req, rc, &error)) {
			tval_set_str(ctx, "error", error);
			return forgot_page(req, ctx, 503);
		}
		if (rc)
			return rc;
	}
	tval_set_bool(ctx, "sent", 1);
	return forgot_page(req, ctx, 200);
}

/* ---- using it ---- */

/* The reset of the request's :token: 0 with *r and *hash set when it may
 * be used now; 1 after showing why not (404 unknown, 410 expired or
 * used); or a negative code. */
static int load_reset(struct http_request *req, struct store_reset *r,
                      const char **hash)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *token = http_param(req, "token"), *why = NULL;
	struct tval *ctx;
	struct user u;
	int rc, status = 404;

	if (!token || !auth_token_valid(token)) {
		why = "reset_link_unknown";
	} else {
		*hash = auth_token_hash(a, token);
		rc = store_reset_get(w->store, *hash, r);
		if (rc == STORE_OK)
			rc = store_user_get(w->store, a, r->user_id, &u);
		if (rc == STORE_OK && (u.disabled || u.deleted_at))
			rc = STORE_NOTFOUND;
		if (rc == STORE_NOTFOUND)
			why = "reset_link_unknown";
		else if (rc)
			return rc;
		else if (r->used_at)
			why = "reset_link_used", status = 410;
		else if (r->expires_at <= now_s())
			why = "reset_link_expired", status = 410;
	}
	if (!why)
		return 0;
	ctx = web_page(req);
	web_private_page(req, ctx);
	tval_set_str(ctx, "invalid", web_msg(w, why));
	web_render(req, status, "password_reset", ctx);
	return 1;
}

static int reset_page(struct http_request *req, struct tval *ctx, int status)
{
	web_private_page(req, ctx);
	/* The link's own path: the token is in it, and the page sends no
	 * referrer (web_private_page), so it does not leak from here. */
	tval_set_str(ctx, "action", http_path(req));
	return web_render(req, status, "password_reset", ctx);
}

int page_password_reset(struct http_request *req)
{
	struct web *w = http_app(req);
	struct store_reset r;
	const char *hash;
	int rc;

	if (!w->mail)
		return web_not_found(req);
	if ((rc = load_reset(req, &r, &hash)))
		return rc > 0 ? 0 : rc;
	return reset_page(req, web_page(req), 200);
}

/* The registration's rules for a new password and its confirmation
 * (form_new_password_key). Returns 1 when they hold, else 0 with the
 * field's message on the page. */
static int new_password_ok(struct http_request *req, struct tval *ctx,
                           const char *pw, const char *pw2)
{
	const char *name, *key = form_new_password_key(pw, pw2, &name);

	if (!key)
		return 1;
	field_error(req, ctx, name, key);
	return 0;
}

int page_password_reset_post(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	char pwhash[PASSWORD_HASH_BYTES];
	const char *hash, *pw, *pw2, *busy;
	struct store_reset r;
	struct tval *ctx;
	int64_t user_id = 0, ended = 0;
	int rc;

	if (!w->mail)
		return web_not_found(req);
	if ((rc = load_reset(req, &r, &hash)))
		return rc > 0 ? 0 : rc;
	ctx = web_page(req);
	pw = http_form(req, "password") ? http_form(req, "password") : "";
	pw2 = http_form(req, "password2") ? http_form(req, "password2") : "";
	if (!new_password_ok(req, ctx, pw, pw2))
		return reset_page(req, ctx, 400);
	if (!password_slot_take()) {
		tval_set_str(ctx, "error", web_msg(w, "busy_hashing"));
		http_set_header(req, "Retry-After", "1");
		return reset_page(req, ctx, 503);
	}
	rc = password_hash(pw, pwhash);
	password_slot_give();
	if (rc)
		return STORE_ERROR;
	if ((rc = store_tx_begin(w->store)))
		goto failed;
	rc = store_reset_use(w->store, hash, now_s(), &user_id);
	if (rc == STORE_OK)
		rc = store_user_set_password(w->store, user_id, pwhash);
	if (rc == STORE_OK)
		rc = store_session_delete_user(w->store, user_id, &ended);
	if (rc == STORE_OK)
		rc = store_audit_add(w->store, user_id,
		                     "account.password_reset", STORE_KIND_USER,
		                     user_id,
		                     arena_printf(a,
		                                  "by e-mail link; sessions "
		                                  "ended %lld",
		                                  (long long)ended));
	if (rc == STORE_OK)
		rc = store_tx_commit(w->store);
	else
		store_tx_rollback(w->store);
	if (rc == STORE_CONFLICT) /* used meanwhile: say so */
		return load_reset(req, &r, &hash) == 1 ? 0 : STORE_ERROR;
	if (rc)
		goto failed;
	log_info("password reset", "user=%lld sessions_ended=%lld",
	         (long long)user_id, (long long)ended);
	return web_redirect(req, 303, "/login?reset=done");
failed:
	if (web_unavailable(req, rc, &busy)) {
		tval_set_str(ctx, "error", busy);
		return reset_page(req, ctx, 503);
	}
	return rc;
}
