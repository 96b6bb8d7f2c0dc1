/* tests/unit/test_auth.c: the pure helpers behind accounts: token hashes
 * and tokens, constant-time comparison, password rules and hashing, the
 * login throttle's counters and windows, the route flags (which roles
 * pass which NEED_*, and the table check), and the store's
 * account-admin functions (on a temporary SQLite file).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limits.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"
#include "util/arena.h"
#include "util/password.h"
#include "web/auth.h"
#include "web/throttle.h"
#include "web/web.h"

static void test_token_hash(void)
{
	struct arena *a = arena_new();

	/* BLAKE2b-256 test values (as Python's hashlib.blake2b gives). */
	CHECK_STR(auth_token_hash(a, "abc"),
	          "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c0"
	          "68d52319");
	CHECK_STR(auth_token_hash(a, ""),
	          "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cd"
	          "f12fe3a8");
	CHECK_INT(strlen(auth_token_hash(a, "x")), 64);
	CHECK(strcmp(auth_token_hash(a, "a"), auth_token_hash(a, "b")) != 0);
	arena_free(a);
}

static void test_token_new(void)
{
	struct arena *a = arena_new();
	char *t1 = auth_token_new(a), *t2 = auth_token_new(a);

	CHECK_INT(strlen(t1), AUTH_TOKEN_CHARS);
	CHECK(auth_token_valid(t1));
	CHECK(auth_token_valid(t2));
	CHECK(strcmp(t1, t2) != 0);
	CHECK(strspn(t1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                 "0123456789-_") == AUTH_TOKEN_CHARS);
	/* Distinct over many draws (256 bits: a repeat means a broken RNG). */
	int dup = 0;
	char *prev = t1;
	for (int i = 0; i < 1000; i++) {
		char *t = auth_token_new(a);
		dup += !strcmp(t, prev);
		prev = t;
	}
	CHECK_INT(dup, 0);
	arena_free(a);
}

static void test_token_valid(void)
{
	CHECK(!auth_token_valid(NULL));
	CHECK(!auth_token_valid(""));
	CHECK(!auth_token_valid("short"));
	/* 42 and 44 characters */
	CHECK(!auth_token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	CHECK(!auth_token_valid(
	        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	CHECK(auth_token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
	/* standard base64 characters and padding are not ours */
	CHECK(!auth_token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"));
	CHECK(!auth_token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
	CHECK(!auth_token_valid("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA;"));
}

static void test_str_eq(void)
{
	CHECK(auth_str_eq("abc", "abc"));
	CHECK(!auth_str_eq("abc", "abd"));
	CHECK(!auth_str_eq("abc", "ab"));
	CHECK(!auth_str_eq("ab", "abc"));
	CHECK(!auth_str_eq("", ""));
	CHECK(!auth_str_eq(NULL, "a"));
	CHECK(!auth_str_eq("a", NULL));
	CHECK(!auth_str_eq(NULL, NULL));
}

static void test_password_rules(void)
{
	char big[LIMIT_PASSWORD_BYTES + 2];

	CHECK_INT(password_check("correct horse"), PASSWORD_OK);
	CHECK_INT(password_check("1234567"), PASSWORD_TOO_SHORT);
	CHECK_INT(password_check(""), PASSWORD_TOO_SHORT);
	CHECK_INT(password_check("12345678"), PASSWORD_OK);
	CHECK_INT(password_check("aaaaaaaaaa"), PASSWORD_ALL_SAME);
	CHECK_INT(password_check("tab\there!"), PASSWORD_BAD_CHARS);
	CHECK_INT(password_check("bad utf8 \xff\xfe"), PASSWORD_BAD_CHARS);
	/* Characters, not bytes: seven CJK characters are 21 bytes. */
	CHECK_INT(password_check("肝癌復發怎麼辦"), PASSWORD_TOO_SHORT);
	CHECK_INT(password_check("肝癌復發怎麼辦呢"), PASSWORD_OK);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[0] = 'y';
	CHECK_INT(password_check(big), PASSWORD_TOO_LONG);
	big[LIMIT_PASSWORD_BYTES] = '\0';
	CHECK_INT(password_check(big), PASSWORD_OK);
}

static void test_password_hash(void)
{
	char h[PASSWORD_HASH_BYTES], h2[PASSWORD_HASH_BYTES];

	CHECK_INT(password_hash("correct horse", h), 0);
	CHECK(!strncmp(h, "$argon2id$", 10));
	CHECK(password_verify(h, "correct horse"));
	CHECK(!password_verify(h, "correct horsE"));
	CHECK(!password_verify(h, ""));
	CHECK(!password_verify(NULL, "correct horse"));
	CHECK(!password_verify("", "correct horse"));
	CHECK(!password_verify("$argon2id$garbage", "correct horse"));
	/* Salted: the same password hashes differently each time. */
	CHECK_INT(password_hash("correct horse", h2), 0);
	CHECK(strcmp(h, h2) != 0);
	password_verify_dummy("anything"); /* must not crash */
}

static void test_throttle_limit(void)
{
	struct throttle *t = throttle_new(NULL, 64, 3, 900);
	int64_t wait = -1;

	CHECK(!throttle_blocked(t, "ann@x.org", 1000, NULL));
	CHECK_INT(throttle_fail(t, "ann@x.org", 1000), 1);
	CHECK_INT(throttle_fail(t, "ann@x.org", 1001), 2);
	CHECK(!throttle_blocked(t, "ann@x.org", 1002, NULL));
	CHECK_INT(throttle_fail(t, "ann@x.org", 1002), 3);
	CHECK(throttle_blocked(t, "ann@x.org", 1003, &wait));
	CHECK_INT(wait, 1000 + 900 - 1003);
	/* Other keys are not affected. */
	CHECK(!throttle_blocked(t, "bob@x.org", 1003, NULL));
	/* The window ends 900 s after its first failure. */
	CHECK(throttle_blocked(t, "ann@x.org", 1899, NULL));
	CHECK(!throttle_blocked(t, "ann@x.org", 1900, NULL));
	CHECK_INT(throttle_fail(t, "ann@x.org", 1900), 1);
	throttle_free(t);
}

static void test_throttle_reset(void)
{
	struct throttle *t = throttle_new(NULL, 64, 2, 900);

	throttle_fail(t, "k", 10);
	throttle_fail(t, "k", 11);
	CHECK(throttle_blocked(t, "k", 12, NULL));
	throttle_reset(t, "k");
	CHECK(!throttle_blocked(t, "k", 12, NULL));
	CHECK_INT(throttle_fail(t, "k", 13), 1);
	throttle_reset(t, "never seen"); /* harmless */
	throttle_free(t);
	throttle_free(NULL);
}

static void test_throttle_bounded(void)
{
	struct throttle *t = throttle_new(NULL, 16, 2, 900);
	char key[32];
	int blocked = 0;

	/* The key under attack, then a flood of other keys: the table stays
	 * 16 slots, and fresh keys are never blocked. */
	throttle_fail(t, "victim", 100);
	throttle_fail(t, "victim", 100);
	CHECK(throttle_blocked(t, "victim", 100, NULL));
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		throttle_fail(t, key, 200 + i / 100);
	}
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "new%d", i);
		blocked += throttle_blocked(t, key, 400, NULL);
	}
	CHECK_INT(blocked, 0);
	/* A key failing within a flood still gets blocked at the limit. */
	throttle_fail(t, "busy", 400);
	CHECK_INT(throttle_fail(t, "busy", 400), 2);
	CHECK(throttle_blocked(t, "busy", 400, NULL));
	throttle_free(t);
}

/* ---- the store's account-admin functions ---- */

static char dir[64];

static void test_store_admin(void)
{
	struct arena *a = arena_new();
	struct store *st = NULL;
	char path[128];
	struct user u = {0};
	struct doctor d = {0}, *pend;
	struct session s = {0}, got;
	size_t n;
	int64_t admin, doc, doc2, pat, dept;

	snprintf(path, sizeof(path), "%s/a.db", dir);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	if (!st)
		goto done;
	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	u.name = "Admin";
	u.email = "admin@x.org";
	u.role = STORE_ROLE_ADMIN;
	CHECK_INT(store_user_create(st, &u, &admin), STORE_OK);
	u.name = "Dr Lin";
	u.email = "lin@x.org";
	u.role = STORE_ROLE_DOCTOR;
	CHECK_INT(store_user_create(st, &u, &doc), STORE_OK);
	u.name = "Dr Wu";
	u.email = "wu@x.org";
	CHECK_INT(store_user_create(st, &u, &doc2), STORE_OK);
	u.name = "Pat";
	u.email = "pat@x.org";
	u.role = STORE_ROLE_PATIENT;
	CHECK_INT(store_user_create(st, &u, &pat), STORE_OK);
	d.user_id = doc;
	d.title = "Attending";
	d.hospital = "General";
	d.department_id = dept;
	d.licence_no = "LIC-123";
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	d.user_id = doc2;
	d.licence_no = "LIC-456";
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);

	CHECK_INT(store_doctor_pending(st, a, &pend, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(pend[0].user_id, doc);
		CHECK_STR(pend[0].licence_no, "LIC-123");
		CHECK_STR(pend[0].department, "Oncology");
		CHECK_STR(pend[0].name, "Dr Lin");
	}
	/* verify: records who and when; twice is NOTFOUND */
	CHECK_INT(store_doctor_verify(st, doc, admin), STORE_OK);
	CHECK_INT(store_doctor_verify(st, doc, admin), STORE_NOTFOUND);
	CHECK_INT(store_doctor_verify(st, pat, admin), STORE_NOTFOUND);
	CHECK_INT(store_doctor_verify(st, 9999, admin), STORE_NOTFOUND);
	CHECK_INT(store_doctor_get(st, a, doc, &d), STORE_OK);
	CHECK(d.verified_at != NULL);
	CHECK_INT(d.verified_by, admin);
	CHECK_INT(store_doctor_pending(st, a, &pend, &n), STORE_OK);
	CHECK_INT(n, 1);
	/* a disabled applicant is no longer pending */
	CHECK_INT(store_user_set_disabled(st, doc2, 1), STORE_OK);
	CHECK_INT(store_doctor_pending(st, a, &pend, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_user_set_disabled(st, 9999, 1), STORE_NOTFOUND);

	/* roles */
	CHECK_INT(store_user_set_role(st, pat, STORE_ROLE_MODERATOR), STORE_OK);
	CHECK_INT(store_user_get(st, a, pat, &u), STORE_OK);
	CHECK_INT(u.role, STORE_ROLE_MODERATOR);
	CHECK_INT(store_user_set_role(st, 9999, STORE_ROLE_ADMIN),
	          STORE_NOTFOUND);
	CHECK_INT(store_user_set_role(st, pat, (enum store_role)42),
	          STORE_INVALID);

	/* sessions: touch slides, disabling deletes */
	s.token_hash = "h1";
	s.user_id = pat;
	s.csrf = "c";
	s.created_at = 100;
	s.expires_at = 200;
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	s.token_hash = "h2";
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_get(st, a, "h1", 250, &got), STORE_NOTFOUND);
	CHECK_INT(store_session_touch(st, "h1", 500), STORE_OK);
	CHECK_INT(store_session_get(st, a, "h1", 250, &got), STORE_OK);
	CHECK_INT(got.expires_at, 500);
	CHECK_INT(store_session_touch(st, "nope", 500), STORE_NOTFOUND);
	CHECK_INT(store_user_set_disabled(st, pat, 1), STORE_OK);
	CHECK_INT(store_session_touch(st, "h1", 600), STORE_NOTFOUND);
	CHECK_INT(store_session_touch(st, "h2", 600), STORE_NOTFOUND);
	CHECK_INT(store_user_set_disabled(st, pat, 0), STORE_OK);
done:
	store_close(st);
	unlink(path);
	arena_free(a);
}

static void test_role_passes(void)
{
	/* patient, unverified doctor, doctor, moderator, admin */
	static const struct {
		enum store_role role;
		int verified;
	} who[] = {{STORE_ROLE_PATIENT, 0},
	           {STORE_ROLE_DOCTOR, 0},
	           {STORE_ROLE_DOCTOR, 1},
	           {STORE_ROLE_MODERATOR, 0},
	           {STORE_ROLE_ADMIN, 0}};
	static const struct {
		unsigned need;
		int pass[5];
	} want[] = {
	        {0, {1, 1, 1, 1, 1}},
	        {NEED_CSRF, {1, 1, 1, 1, 1}},
	        {NEED_USER, {1, 1, 1, 1, 1}},
	        {NEED_USER | NEED_OWNER | NEED_CSRF, {1, 1, 1, 1, 1}},
	        {NEED_DOCTOR, {0, 0, 1, 1, 1}},
	        {NEED_DOCTOR_ONLY, {0, 0, 1, 0, 0}},
	        {NEED_MODERATOR, {0, 0, 0, 1, 1}},
	        {NEED_ADMIN | NEED_CSRF, {0, 0, 0, 0, 1}},
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (size_t j = 0; j < 5; j++)
			CHECK_INT(auth_role_passes(who[j].role, who[j].verified,
			                           want[i].need),
			          want[i].pass[j]);
}

static int page_none(struct http_request *req)
{
	(void)req;
	return 0;
}

static void test_routes_check(void)
{
	static const struct {
		struct http_route r;
		const char *err; /* NULL: accepted */
	} cases[] = {
	        {{"GET", "/a", page_none, 0}, NULL},
	        {{"GET", "/a", page_none, NEED_ADMIN}, NULL},
	        {{"POST", "/a", page_none, NEED_USER | NEED_OWNER | NEED_CSRF},
	         NULL},
	        {{"GET", "/a", page_none, HTTP_ROUTE_BARE}, NULL},
	        {{"GET", "/a", page_none, NEED_USER | NEED_ADMIN},
	         "route GET /a: more than one role flag"},
	        {{"GET", "/a", page_none, NEED_OWNER},
	         "route GET /a: NEED_OWNER without a role flag"},
	        {{"GET", "/a", page_none, NEED_USER | NEED_CSRF},
	         "route GET /a: NEED_CSRF on a route that is not POST"},
	        {{"GET", "/a", page_none, 0x100u},
	         "route GET /a: an unknown flag"},
	};
	char *err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err = NULL;
		CHECK_INT(auth_routes_check(&cases[i].r, 1, &err),
		          cases[i].err ? WEB_EROUTES : 0);
		if (cases[i].err)
			CHECK_STR(err, cases[i].err);
		else
			CHECK(err == NULL);
		free(err);
	}
	/* The site's own table. */
	err = NULL;
	CHECK_INT(auth_routes_check(web_routes, web_n_routes, &err), 0);
	CHECK(err == NULL);
	free(err);
}

int main(void)
{
	char p[160];

	if (sodium_init() < 0) {
		fprintf(stderr, "libsodium failed to start\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-auth-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_token_hash);
	RUN(test_token_new);
	RUN(test_token_valid);
	RUN(test_str_eq);
	RUN(test_password_rules);
	RUN(test_password_hash);
	RUN(test_throttle_limit);
	RUN(test_throttle_reset);
	RUN(test_throttle_bounded);
	RUN(test_role_passes);
	RUN(test_routes_check);
	RUN(test_store_admin);
	snprintf(p, sizeof(p), "%s/a.db-wal", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/a.db-shm", dir);
	unlink(p);
	if (rmdir(dir) != 0)
		perror(dir);
	return test_summary();
}
