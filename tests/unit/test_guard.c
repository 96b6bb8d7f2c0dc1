/* tests/unit/test_guard.c: signed form tokens (web/guard.c): a token
 * verifies for its form and key only, its age is judged against the
 * minimum time to submit and the lifetime, and malformed, truncated,
 * altered or overflowing tokens are forgeries. The form key is made once
 * per database and read back by every later start (and by a second
 * store on the same file, as a second node would); a key of the wrong
 * length in the database is refused, not truncated.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"
#include "web/guard.h"

static unsigned char key[GUARD_KEY_BYTES], key2[GUARD_KEY_BYTES];

#define NOW 1700000000LL
#define DAY 86400
#define CHECK_V(tok, form, now, min, max, want)                                \
	CHECK_INT(guard_token_check(key, form, tok, now, min, max, NULL), want)

static void test_sign_verify(void)
{
	char tok[GUARD_TOKEN_MAX], tok2[GUARD_TOKEN_MAX];
	int64_t issued = 0;

	guard_token_sign(key, "ask", NOW, tok);
	CHECK_INT(strlen(tok), 10 + 1 + 43);
	CHECK(!strncmp(tok, "1700000000.", 11));
	CHECK_INT(guard_token_check(key, "ask", tok, NOW + 5, 3, DAY, &issued),
	          GUARD_OK);
	CHECK_INT(issued, NOW);
	/* The same inputs give the same token; another time another one. */
	guard_token_sign(key, "ask", NOW, tok2);
	CHECK_STR(tok2, tok);
	guard_token_sign(key, "ask", NOW + 1, tok2);
	CHECK(strcmp(tok2, tok) != 0);
}

static void test_time_window(void)
{
	char tok[GUARD_TOKEN_MAX];

	guard_token_sign(key, "ask", NOW, tok);
	CHECK_V(tok, "ask", NOW, 3, DAY, GUARD_TOO_FAST);
	CHECK_V(tok, "ask", NOW + 2, 3, DAY, GUARD_TOO_FAST);
	CHECK_V(tok, "ask", NOW + 3, 3, DAY, GUARD_OK);
	CHECK_V(tok, "ask", NOW, 0, DAY, GUARD_OK); /* minimum off */
	CHECK_V(tok, "ask", NOW + DAY, 3, DAY, GUARD_OK);
	CHECK_V(tok, "ask", NOW + DAY + 1, 3, DAY, GUARD_EXPIRED);
	/* Issued in the future: a minute of clock skew, no more. */
	CHECK_V(tok, "ask", NOW - 60, 0, DAY, GUARD_OK);
	CHECK_V(tok, "ask", NOW - 61, 0, DAY, GUARD_EXPIRED);
}

static void test_forgeries(void)
{
	char tok[GUARD_TOKEN_MAX], bad[GUARD_TOKEN_MAX + 32];
	size_t n;

	guard_token_sign(key, "ask", NOW, tok);
	n = strlen(tok);
	CHECK_V(NULL, "ask", NOW + 5, 3, DAY, GUARD_MISSING);
	CHECK_V("", "ask", NOW + 5, 3, DAY, GUARD_MISSING);
	/* Another form, another key. */
	CHECK_V(tok, "comment", NOW + 5, 3, DAY, GUARD_FORGED);
	/* Pages sign the form with the visitor's CSRF value: a token made
	 * for one visitor is refused for another. */
	guard_token_sign(key, "ask\nvisitor-one", NOW, bad);
	CHECK_V(bad, "ask\nvisitor-one", NOW + 5, 3, DAY, GUARD_OK);
	CHECK_V(bad, "ask\nvisitor-two", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_INT(guard_token_check(key2, "ask", tok, NOW + 5, 3, DAY, NULL),
	          GUARD_FORGED);
	/* An older time with the same MAC (replaying "later"). */
	snprintf(bad, sizeof(bad), "1699999000%s", tok + 10);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	/* One MAC character changed. */
	snprintf(bad, sizeof(bad), "%s", tok);
	bad[n - 5] = bad[n - 5] == 'A' ? 'B' : 'A';
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	/* Truncated, extended, no dot, no time, signs and blanks. */
	snprintf(bad, sizeof(bad), "%.*s", (int)n - 1, tok);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	snprintf(bad, sizeof(bad), "%sA", tok);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_V(tok + 10, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_V(tok + 11, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	snprintf(bad, sizeof(bad), "-%s", tok);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	snprintf(bad, sizeof(bad), " %s", tok);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_V("1700000000.", "ask", NOW + 5, 3, DAY, GUARD_FORGED);
	CHECK_V("1700000000.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "ask",
	        NOW + 5, 3, DAY, GUARD_FORGED);
	/* A time too long to be one (no overflow). */
	snprintf(bad, sizeof(bad), "99999999999999999999%s", tok + 10);
	CHECK_V(bad, "ask", NOW + 5, 3, DAY, GUARD_FORGED);
}

static void test_key_kept_in_database(void)
{
	char dir[] = "/tmp/askdoc-test-guard-XXXXXX", path[64], cmd[96];
	unsigned char k1[GUARD_KEY_BYTES], k2[GUARD_KEY_BYTES],
	        k3[GUARD_KEY_BYTES], zero[GUARD_KEY_BYTES] = {0},
	                             other[GUARD_KEY_BYTES], shorter[8] = {0};
	char tok[GUARD_TOKEN_MAX];
	struct store *a = NULL, *b = NULL;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/g.db", dir);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &a), STORE_OK);
	CHECK_INT(guard_key_load(a, k1), 0);
	CHECK(memcmp(k1, zero, sizeof(k1)) != 0);
	/* The same store again, and a second store on the file (another
	 * node): the same key, so a token signed by one verifies on both. */
	CHECK_INT(guard_key_load(a, k2), 0);
	CHECK(!memcmp(k1, k2, sizeof(k1)));
	CHECK_INT(store_open(path, 0, &b), STORE_OK);
	CHECK_INT(guard_key_load(b, k3), 0);
	CHECK(!memcmp(k1, k3, sizeof(k1)));
	guard_token_sign(k1, "login", NOW, tok);
	CHECK_INT(guard_token_check(k3, "login", tok, NOW + 1, 0, DAY, NULL),
	          GUARD_OK);
	/* A candidate never replaces the kept key. */
	crypto_auth_keygen(other);
	CHECK_INT(store_secret_ensure(b, GUARD_KEY_SECRET, other, sizeof(other),
	                              k3),
	          STORE_OK);
	CHECK(!memcmp(k1, k3, sizeof(k1)));
	/* Asking for another length is refused (out untouched). */
	memset(k3, 0, sizeof(k3));
	CHECK_INT(store_secret_ensure(b, GUARD_KEY_SECRET, shorter,
	                              sizeof(shorter), k3),
	          STORE_INVALID);
	CHECK(!memcmp(k3, zero, sizeof(k3)));
	store_close(b);
	/* After a restart (closing every connection), still the same. */
	store_close(a);
	CHECK_INT(store_open(path, 0, &a), STORE_OK);
	CHECK_INT(guard_key_load(a, k2), 0);
	CHECK(!memcmp(k1, k2, sizeof(k1)));
	store_close(a);
	/* Another database, another key. */
	snprintf(path, sizeof(path), "%s/h.db", dir);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &a), STORE_OK);
	CHECK_INT(guard_key_load(a, k2), 0);
	CHECK(memcmp(k1, k2, sizeof(k1)) != 0);
	store_close(a);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "libsodium failed to start\n");
		return 1;
	}
	crypto_auth_keygen(key);
	crypto_auth_keygen(key2);
	RUN(test_sign_verify);
	RUN(test_time_window);
	RUN(test_forgeries);
	RUN(test_key_kept_in_database);
	return test_summary();
}
