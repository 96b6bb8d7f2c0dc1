/* tests/unit/test_store_resets.c: password reset tokens on both engines:
 * added and read, used once (which closes the account's other open
 * tokens), refused when expired or used, pruned a day after expiry, and
 * what bad input gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"

static const char fixtures[] =
        "INSERT INTO users (email, name, role, created_at) VALUES"
        " ('a@example.org', 'A', 'patient', '2024-01-01T00:00:00Z'),"
        " ('b@example.org', 'B', 'patient', '2024-01-01T00:00:00Z');";

static void test_resets(int engine)
{
	struct store *st = engine_fresh(engine, "r.db");
	struct store_reset r;
	int64_t uid = 0;

	if (!st)
		return;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	CHECK_INT(store_reset_add(st, 1, "", 100, 200), STORE_INVALID);
	CHECK_INT(store_reset_add(st, 1, "h0", 100, 100), STORE_INVALID);
	CHECK_INT(store_reset_add(st, 99, "h0", 100, 200), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM password_resets"), 0);

	CHECK_INT(store_reset_add(st, 1, "h1", 1000, 2000), STORE_OK);
	CHECK_INT(store_reset_add(st, 1, "h2", 1100, 2100), STORE_OK);
	CHECK_INT(store_reset_add(st, 2, "h3", 1100, 2100), STORE_OK);
	CHECK_INT(store_reset_add(st, 2, "h3", 1100, 2100), STORE_CONFLICT);
	CHECK_INT(store_reset_get(st, "h1", &r), STORE_OK);
	CHECK_INT(r.user_id, 1);
	CHECK_INT(r.created_at, 1000);
	CHECK_INT(r.expires_at, 2000);
	CHECK_INT(r.used_at, 0);
	CHECK_INT(store_reset_get(st, "nope", &r), STORE_NOTFOUND);
	CHECK_INT(store_reset_get(st, NULL, &r), STORE_NOTFOUND);

	/* Expired, then used: each refused, nothing changed. */
	CHECK_INT(store_reset_use(st, "h1", 2000, &uid), STORE_CONFLICT);
	CHECK_INT(store_reset_use(st, "nope", 1500, &uid), STORE_NOTFOUND);
	CHECK_INT(store_reset_use(st, "h2", 1500, &uid), STORE_OK);
	CHECK_INT(uid, 1);
	CHECK_INT(store_reset_get(st, "h2", &r), STORE_OK);
	CHECK_INT(r.used_at, 1500);
	/* The account's other token died with it; another account's not. */
	CHECK_INT(store_reset_get(st, "h1", &r), STORE_OK);
	CHECK_INT(r.used_at, 1500);
	CHECK_INT(store_reset_use(st, "h1", 1600, &uid), STORE_CONFLICT);
	CHECK_INT(store_reset_use(st, "h2", 1600, &uid), STORE_CONFLICT);
	CHECK_INT(store_reset_get(st, "h3", &r), STORE_OK);
	CHECK_INT(r.used_at, 0);

	/* A new token prunes those expired a day ago. */
	CHECK_INT(store_reset_add(st, 2, "h4", 2000 + 86400 + 50,
	                          2000 + 86400 + 100),
	          STORE_OK);
	CHECK_INT(store_reset_get(st, "h1", &r), STORE_NOTFOUND);
	CHECK_INT(store_reset_get(st, "h2", &r), STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM password_resets"), 3);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_resets);
	return test_summary();
}
