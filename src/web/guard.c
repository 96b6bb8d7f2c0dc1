/* web/guard.c: rate limits, the honeypot and signed form timestamps.
 *
 * The MAC covers "askdoc-form\n<form>\n<csrf>\n<issued>", so a token made
 * for the comment form does not open the ask form, and a token made for
 * one visitor (their CSRF value) does not open any form for another. Tokens are
 * checked with crypto_auth_verify (constant time) before their time is looked
 * at, and their text is parsed strictly (digits, one dot, 43 base64url
 * characters), so a forged token is never partly trusted. The login
 * form has no minimum time: password managers fill it and send it at
 * once, and its own throttles (per account and per address) are what
 * hold guessing back; its token still has to be ours, for that form,
 * and recent. A failed check logs the form and the reason, never what
 * was typed. The key is read from the database once, at start-up, and
 * is never logged.
 */
#include "web/guard.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "http/http.h"
#include "limits.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/throttle.h"
#include "web/web.h"

#define HONEYPOT  "website"
#define TOKEN     "form_token"
#define MAC_CHARS 43 /* base64url of 32 bytes, no padding */

struct web_guard {
	unsigned char key[GUARD_KEY_BYTES];
	struct throttle *t[GUARD_N_LIMITS];
	int64_t min_seconds, max_age;
};

static void mac_of(const unsigned char key[GUARD_KEY_BYTES], const char *form,
                   int64_t issued, unsigned char mac[crypto_auth_BYTES])
{
	char msg[512];
	int n = snprintf(msg, sizeof(msg), "askdoc-form\n%s\n%lld", form,
	                 (long long)issued);

	if (n < 0 || (size_t)n >= sizeof(msg))
		n = (int)sizeof(msg) - 1; /* form names are short literals */
	crypto_auth(mac, (const unsigned char *)msg, (size_t)n, key);
}

void guard_token_sign(const unsigned char key[GUARD_KEY_BYTES],
                      const char *form, int64_t issued,
                      char out[GUARD_TOKEN_MAX])
{
	unsigned char mac[crypto_auth_BYTES];
	char b64[MAC_CHARS + 1];
	_Static_assert(crypto_auth_BYTES == 32, "a 43-character MAC");
	_Static_assert(crypto_auth_KEYBYTES == GUARD_KEY_BYTES, "key size");

	mac_of(key, form, issued, mac);
	sodium_bin2base64(b64, sizeof(b64), mac, sizeof(mac),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, GUARD_TOKEN_MAX, "%lld.%s", (long long)issued, b64);
}

enum guard_verdict guard_token_check(const unsigned char key[GUARD_KEY_BYTES],
                                     const char *form, const char *token,
                                     int64_t now, int64_t min_seconds,
                                     int64_t max_age, int64_t *issued)
{
	unsigned char mac[crypto_auth_BYTES];
	char msg[512];
	const char *p, *dot;
	size_t bin_len = 0;
	int64_t t = 0;
	int n;

	if (!token || !*token)
		return GUARD_MISSING;
	for (p = token; *p >= '0' && *p <= '9'; p++) {
		if (p - token >= 18)
			return GUARD_FORGED; /* no overflow, no year 30000 */
		t = t * 10 + (*p - '0');
	}
	dot = p;
	if (dot == token || *dot != '.' || strlen(dot + 1) != MAC_CHARS)
		return GUARD_FORGED;
	if (sodium_base642bin(mac, sizeof(mac), dot + 1, MAC_CHARS, NULL,
	                      &bin_len, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    bin_len != sizeof(mac))
		return GUARD_FORGED;
	n = snprintf(msg, sizeof(msg), "askdoc-form\n%s\n%lld", form,
	             (long long)t);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = (int)sizeof(msg) - 1;
	if (crypto_auth_verify(mac, (const unsigned char *)msg, (size_t)n, key))
		return GUARD_FORGED;
	if (issued)
		*issued = t;
	if (t > now + 60 || now - t > max_age)
		return GUARD_EXPIRED; /* a minute of clock skew between nodes */
	if ((now > t ? now - t : 0) < min_seconds)
		return GUARD_TOO_FAST;
	return GUARD_OK;
}

int guard_key_load(struct store *st, unsigned char key[GUARD_KEY_BYTES])
{
	unsigned char fresh[GUARD_KEY_BYTES];
	int rc;

	if (sodium_init() < 0) {
		fputs("askdoc: libsodium cannot start\n", stderr);
		abort();
	}
	crypto_auth_keygen(fresh); /* randombytes_buf: used if none is kept */
	rc = store_secret_ensure(st, GUARD_KEY_SECRET, fresh, sizeof(fresh),
	                         key);
	sodium_memzero(fresh, sizeof(fresh));
	return rc;
}

struct web_guard *guard_new(const struct config *cfg, struct store *st,
                            char **err)
{
	struct web_guard *g = xcalloc(1, sizeof(*g));

	if (guard_key_load(st, g->key)) {
		char msg[512];
		snprintf(msg, sizeof(msg), "cannot read the form key: %s",
		         store_errmsg());
		*err = xstrdup(msg);
		free(g);
		return NULL;
	}
	g->t[GUARD_ASK_ADDR] =
	        throttle_new("ask_addr", LIMIT_LOGIN_THROTTLE_SLOTS,
	                     (int)cfg->ask_limit_addr, cfg->ask_window_addr);
	g->t[GUARD_ASK_ACCOUNT] = throttle_new(
	        "ask_account", LIMIT_LOGIN_THROTTLE_SLOTS,
	        (int)cfg->ask_limit_account, cfg->ask_window_account);
	g->t[GUARD_LOGIN_ADDR] =
	        throttle_new("login_addr", LIMIT_LOGIN_THROTTLE_SLOTS,
	                     (int)cfg->login_limit_addr, cfg->login_window);
	g->t[GUARD_LOGIN_ACCOUNT] =
	        throttle_new("login_account", LIMIT_LOGIN_THROTTLE_SLOTS,
	                     (int)cfg->login_limit_account, cfg->login_window);
	g->t[GUARD_REGISTER_ADDR] = throttle_new(
	        "register_addr", LIMIT_LOGIN_THROTTLE_SLOTS,
	        (int)cfg->register_limit_addr, cfg->register_window);
	g->min_seconds = cfg->form_min_seconds;
	g->max_age = cfg->form_max_age;
	/* Several nodes share one PostgreSQL database: their throttles
	 * count together there, keyed by a key every node derives from the
	 * shared form key. One process on SQLite keeps them in memory. */
	if (!strcmp(store_backend(st), "postgres")) {
		unsigned char key[32];

		crypto_generichash(key, sizeof(key),
		                   (const unsigned char *)"askdoc-throttle", 15,
		                   g->key, sizeof(g->key));
		throttle_share(st, key);
		sodium_memzero(key, sizeof(key));
	}
	return g;
}

void guard_free(struct web_guard *g)
{
	if (!g)
		return;
	throttle_share(NULL, NULL);
	for (int i = 0; i < GUARD_N_LIMITS; i++)
		throttle_free(g->t[i]);
	sodium_memzero(g->key, sizeof(g->key));
	free(g);
}

struct throttle *guard_throttle(struct web_guard *g, enum guard_limit which)
{
	return g->t[which];
}

/* ---- in requests ---- */

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

/* What a token is signed for: the form's name and the visitor's csrf
 * cookie (auth_visitor_key), so a token made for one visitor is refused for
 * another: a bot cannot fetch one token and send it with many fresh
 * cookies. */
static const char *bound(struct http_request *req, const char *form)
{
	return arena_printf(http_arena(req), "%s\n%s", form,
	                    auth_visitor_key(req));
}

void guard_form(struct http_request *req, struct tval *ctx, const char *name)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m = tval_set(ctx, "guard", tval_map(a));
	const char *sent = http_form(req, TOKEN), *form = bound(req, name);
	char token[GUARD_TOKEN_MAX];
	enum guard_verdict v;

	v = guard_token_check(w->guard->key, form, sent, now_s(), 0,
	                      w->guard->max_age, NULL);
	if (v == GUARD_OK && !strcmp(http_method(req), "POST"))
		snprintf(token, sizeof(token), "%s", sent);
	else
		guard_token_sign(w->guard->key, form, now_s(), token);
	tval_set_str(m, "form", name);
	tval_set_str(m, "token", token);
}

int guard_check(struct http_request *req, const char *form, const char **error)
{
	struct web *w = http_app(req);
	const char *hp = http_form(req, HONEYPOT), *why;
	enum guard_verdict v;

	/* A filled honeypot gets an error rather than a pretended success:
	 * a person whose browser filled the hidden field by itself would
	 * otherwise lose a medical question without knowing; the form comes
	 * back with the field empty, so sending it again works for them,
	 * while a bot learns nothing it could not learn anyway. */
	if (hp && *hp) {
		log_warn("form refused", "form=%s why=honeypot", form);
		*error = web_msg(w, "guard_honeypot");
		return 400;
	}
	v = guard_token_check(w->guard->key, bound(req, form),
	                      http_form(req, TOKEN), now_s(),
	                      strcmp(form, "login") ? w->guard->min_seconds : 0,
	                      w->guard->max_age, NULL);
	switch (v) {
	case GUARD_OK: return 0;
	case GUARD_MISSING: why = "missing"; break;
	case GUARD_FORGED: why = "forged"; break;
	case GUARD_EXPIRED: why = "expired"; break;
	case GUARD_TOO_FAST: why = "too_fast"; break;
	default: why = "?"; break;
	}
	log_warn("form refused", "form=%s why=%s", form, why);
	*error = web_msg(w, v == GUARD_TOO_FAST  ? "guard_too_fast"
	                    : v == GUARD_EXPIRED ? "guard_expired"
	                                         : "guard_bad_token");
	return 400;
}

/* The keys a request counts under. */
static const char *account_key(struct http_request *req)
{
	const struct auth_user *u = auth_user(req);

	return u ? arena_printf(http_arena(req), "u:%lld", (long long)u->id)
	         : NULL;
}

static const char *addr_key(struct http_request *req)
{
	const char *addr = http_client_addr(req);

	return addr ? addr : "";
}

int guard_rate_blocked(struct http_request *req, enum guard_limit addr,
                       enum guard_limit account, int64_t *minutes)
{
	struct web *w = http_app(req);
	const char *acct = account_key(req);
	int64_t wait = 0, wait2 = 0, now = now_s();
	int blocked;

	blocked =
	        throttle_blocked(w->guard->t[addr], addr_key(req), now, &wait);
	if (acct && throttle_blocked(w->guard->t[account], acct, now, &wait2)) {
		blocked = 1;
		if (wait2 > wait)
			wait = wait2;
	}
	if (!blocked)
		return 0;
	if (wait < 1)
		wait = 1;
	http_set_header(req, "Retry-After",
	                arena_printf(http_arena(req), "%lld", (long long)wait));
	if (minutes)
		*minutes = (wait + 59) / 60;
	return 1;
}

void guard_rate_count(struct http_request *req, enum guard_limit addr,
                      enum guard_limit account)
{
	struct web *w = http_app(req);
	const char *acct = account_key(req);

	throttle_fail(w->guard->t[addr], addr_key(req), now_s());
	if (acct)
		throttle_fail(w->guard->t[account], acct, now_s());
}
