/* web/guard.h: abuse controls for the public forms: rate limits per
 * client address and per account, a honeypot field, and signed form
 * timestamps that set a minimum time to submit.
 *
 * Forms that strangers can send (asking and following up, registering,
 * applying as a doctor, logging in, commenting and reporting a comment)
 * carry two extra fields: "website", a honeypot that people never see (hidden
 * with CSS, aria-hidden, out of the tab order) and bots tend to fill, and
 * "form_token", "<issued>.<mac>" where issued is the Unix second the form
 * was rendered and mac a crypto_auth (HMAC-SHA-512-256) of the form's
 * name, the visitor's CSRF value and issued under the site's form key. A
 * token cannot be forged without the key, cannot be moved to another form
 * or to another visitor (another csrf cookie), and stops working
 * --form-max-age seconds after it was issued; a form sent back sooner
 * than --form-min-seconds after it was rendered was not typed by a
 * person (the login form excepted: password managers send it at once). The key
 * lives in the database (store_secret_ensure: made from libsodium's random
 * bytes by the first server that starts on it, read by every later one), so a
 * restart or another node behind the same database accepts the forms already
 * open.
 *
 * The rate limits are fixed-window counters (web/throttle.h) whose sizes
 * are settings (cli/cli.c), so tests can make them small.
 */
#ifndef ASKDOC_WEB_GUARD_H
#define ASKDOC_WEB_GUARD_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct http_request;
struct store;
struct throttle;
struct tval;
struct web_guard;

/* Bytes of the signing key. */
#define GUARD_KEY_BYTES 32
/* Room for a token and its NUL: 20 digits, a dot, 43 base64 characters. */
#define GUARD_TOKEN_MAX 72

/* What a submitted form token is worth. */
enum guard_verdict {
	GUARD_OK = 0,
	GUARD_MISSING,  /* no token sent */
	GUARD_FORGED,   /* malformed, or not signed by us for this form */
	GUARD_EXPIRED,  /* older than max_age, or issued in the future */
	GUARD_TOO_FAST, /* sent back less than min_seconds after issue */
};

/* The counters, one per kind of request. */
enum guard_limit {
	GUARD_ASK_ADDR,      /* questions and follow-ups per address */
	GUARD_ASK_ACCOUNT,   /* ... per signed-in account */
	GUARD_LOGIN_ADDR,    /* failed logins per address */
	GUARD_LOGIN_ACCOUNT, /* ... per e-mail tried from one address */
	GUARD_REGISTER_ADDR, /* new accounts per address */
	GUARD_N_LIMITS
};

/* Write the token for form (a short name such as "ask", followed in the
 * pages by "\n" and the visitor's CSRF value) issued at `issued` (Unix
 * seconds) under key into out (NUL-terminated). */
void guard_token_sign(const unsigned char key[GUARD_KEY_BYTES],
                      const char *form, int64_t issued,
                      char out[GUARD_TOKEN_MAX]);
/* Judge token (NULL or "" is GUARD_MISSING) for form at now: its MAC is
 * checked in constant time first, then its age against min_seconds and
 * max_age. *issued (may be NULL) gets the token's time when the MAC is
 * good. */
enum guard_verdict guard_token_check(const unsigned char key[GUARD_KEY_BYTES],
                                     const char *form, const char *token,
                                     int64_t now, int64_t min_seconds,
                                     int64_t max_age, int64_t *issued);

/* The name of the form key in the store's secrets. */
#define GUARD_KEY_SECRET "form_key"

/* Read the site's form key from st into key, making and storing a random
 * one first when the database has none. Returns 0, or a negative STORE_*
 * code when the database fails (key is then unset). */
int guard_key_load(struct store *st, unsigned char key[GUARD_KEY_BYTES]);
/* The guard of a server: the site's form key (guard_key_load) and the
 * counters sized by cfg. Returns NULL with *err set (malloc'd, the
 * caller frees it) when the key cannot be read; aborts when memory or
 * libsodium fails. Free with guard_free (NULL allowed). */
struct web_guard *guard_new(const struct config *cfg, struct store *st,
                            char **err);
void guard_free(struct web_guard *g);
/* The counter for which (owned by g). */
struct throttle *guard_throttle(struct web_guard *g, enum guard_limit which);

/* Put "guard" {form, token} into a page's values for
 * templates/form_guard.mustache. When the request is a POST that carried
 * a good token for form (a form shown again after an error), that token
 * is kept, so the time to submit counts from the first showing. */
void guard_form(struct http_request *req, struct tval *ctx, const char *form);
/* Check the honeypot and the token of a submitted form. Returns 0 when
 * the form may go on; else 400 with *error set to the catalog message
 * to show above the form (the caller shows the form again with the
 * visitor's input and stores nothing). */
int guard_check(struct http_request *req, const char *form, const char **error);
/* 1 when the client's address (addr) or the signed-in account (account;
 * skipped for visitors) has used up its counter; then the Retry-After
 * header is set and *minutes (may be NULL) gets the wait rounded up.
 * Else 0. */
int guard_rate_blocked(struct http_request *req, enum guard_limit addr,
                       enum guard_limit account, int64_t *minutes);
/* Count one request against both counters (after it was accepted). */
void guard_rate_count(struct http_request *req, enum guard_limit addr,
                      enum guard_limit account);

#endif
