/* tests/unit/test_store_mail.c: the outgoing mail queue and the audit
 * log's rows on both engines: what is due and when, sending wipes the
 * recipient and body, retries and giving up, the counts, bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

static void test_mail(int engine)
{
	struct store *st = engine_fresh(engine, "m.db");
	struct arena *a = arena_new();
	struct mail_item m;
	int64_t id1, id2, at = -1, p, s, f;
	int64_t now = (int64_t)time(NULL);

	if (!st)
		goto done;
	CHECK_INT(store_mail_enqueue(st, "", "s", "b", &id1), STORE_INVALID);
	CHECK_INT(store_mail_enqueue(st, "a@x.org", NULL, "b", &id1),
	          STORE_INVALID);
	CHECK_INT(store_mail_next_due(st, &at), STORE_OK);
	CHECK_INT(at, 0);
	CHECK_INT(store_mail_enqueue(st, "a@x.org", "Hello", "Body 1", &id1),
	          STORE_OK);
	CHECK_INT(store_mail_enqueue(st, "b@x.org", "Hi", "Body 2", &id2),
	          STORE_OK);
	CHECK(id2 > id1);
	CHECK_INT(store_mail_next_due(st, &at), STORE_OK);
	CHECK(at >= now - 5 && at <= now + 5);
	CHECK_INT(store_mail_next(st, a, now - 100, &m), STORE_NOTFOUND);
	CHECK_INT(store_mail_next(st, a, now + 100, &m), STORE_OK);
	CHECK_INT(m.id, id1);
	CHECK_STR(m.to, "a@x.org");
	CHECK_STR(m.body, "Body 1");
	CHECK_INT(m.attempts, 0);

	/* A retry moves it back; giving up and sending wipe it. */
	CHECK_INT(store_mail_failed(st, id1, now + 1000, "421 later"),
	          STORE_OK);
	CHECK_INT(store_mail_next(st, a, now + 100, &m), STORE_OK);
	CHECK_INT(m.id, id2);
	CHECK_INT(store_mail_sent(st, id2), STORE_OK);
	CHECK_INT(store_mail_next(st, a, now + 2000, &m), STORE_OK);
	CHECK_INT(m.id, id1);
	CHECK_INT(m.attempts, 1);
	CHECK_INT(store_mail_failed(st, id1, 0, "550 no such user"), STORE_OK);
	CHECK_INT(store_mail_next(st, a, now + 2000, &m), STORE_NOTFOUND);
	CHECK_INT(store_mail_counts(st, &p, &s, &f), STORE_OK);
	CHECK_INT(p, 0);
	CHECK_INT(s, 1);
	CHECK_INT(f, 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM mail_queue"
	                         " WHERE recipient = '' AND body = ''"),
	          2);
	CHECK_INT(store_mail_sent(st, 999), STORE_NOTFOUND);
	CHECK_INT(store_mail_failed(st, 999, 0, "x"), STORE_NOTFOUND);

	/* Audit rows: who, what, on what. */
	CHECK_INT(store_audit_add(st, 0, "", STORE_KIND_QA, 1, NULL),
	          STORE_INVALID);
	CHECK_INT(store_audit_add(st, 0, "mail.purge", STORE_KIND_QA, 0, "two"),
	          STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM audit_log WHERE"
	                         " user_id IS NULL AND target_kind IS NULL"
	                         " AND target_id IS NULL AND detail = 'two'"
	                         " AND length(at) = 20"),
	          1);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_mail);
	return test_summary();
}
