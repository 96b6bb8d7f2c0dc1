/* tests/unit/test_store_mail.c: the outgoing mail queue and the audit
 * log's rows on both engines: what is due and when, sending wipes the
 * recipient and body, retries and giving up, the counts, bad input; and
 * claims by several senders at once, each mail to exactly one of them.
 */
#include <pthread.h>
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

#define CLAIM_MAILS   120
#define CLAIM_SENDERS 3

struct sender {
	struct store *st;
	int got[CLAIM_MAILS + 8]; /* mail ids claimed, in order */
	int n, errors;
};

/* Claim and "send" until nothing is due (each thread has its own
 * connection to the database). */
static void *send_all(void *arg)
{
	struct sender *s = arg;
	struct arena *a = arena_new();
	struct mail_item m;
	int rc;

	while ((rc = store_mail_claim(s->st, a, (int64_t)time(NULL) + 10, 300,
	                              &m)) == STORE_OK) {
		if (s->n < CLAIM_MAILS + 8)
			s->got[s->n++] = (int)m.id;
		if (store_mail_sent(s->st, m.id))
			s->errors++;
		arena_reset(a);
	}
	if (rc != STORE_NOTFOUND) {
		fprintf(stderr, "  claim: %s\n", store_errmsg());
		s->errors++;
	}
	store_thread_release(s->st);
	arena_free(a);
	return NULL;
}

static struct mail_item claimed_elsewhere;
static int claimed_elsewhere_rc;

static void *claim_one(void *arg)
{
	struct store *st = arg;
	struct arena *a = arena_new();

	/* Waiting for the other connection's row would be a bug: give up
	 * soon rather than hang. */
	store_busy_timeout(st, 2000);
	claimed_elsewhere_rc = store_mail_claim(st, a, (int64_t)time(NULL) + 10,
	                                        300, &claimed_elsewhere);
	claimed_elsewhere.to = NULL; /* in a, freed below */
	store_thread_release(st);
	arena_free(a);
	return NULL;
}

static void test_mail_claim(int engine)
{
	struct store *st = engine_fresh(engine, "claim.db");
	struct arena *a = arena_new();
	struct sender senders[CLAIM_SENDERS];
	pthread_t th[CLAIM_SENDERS];
	static int seen[CLAIM_MAILS + 1];
	struct mail_item m;
	int64_t id, first = 0, p, s, f;
	int total = 0, dup = 0;

	if (!st)
		goto done;
	CHECK_INT(store_mail_claim(st, a, (int64_t)time(NULL), 0, &m),
	          STORE_INVALID);
	CHECK_INT(store_mail_claim(st, a, (int64_t)time(NULL), 60, &m),
	          STORE_NOTFOUND);
	for (int i = 0; i < CLAIM_MAILS; i++) {
		CHECK_INT(store_mail_enqueue(st, "a@x.org", "S", "B", &id),
		          STORE_OK);
		if (!first)
			first = id;
	}

	/* A claim inside an open transaction holds its row; another
	 * connection's claim skips it instead of waiting or taking it
	 * (PostgreSQL; SQLite has one writer, who would wait). */
	if (engine == ENGINE_PG) {
		pthread_t t;

		CHECK_INT(store_tx_begin(st), STORE_OK);
		CHECK_INT(store_mail_claim(st, a, (int64_t)time(NULL) + 10, 300,
		                           &m),
		          STORE_OK);
		CHECK_INT(m.id, first);
		pthread_create(&t, NULL, claim_one, st);
		pthread_join(t, NULL);
		CHECK_INT(claimed_elsewhere_rc, STORE_OK);
		CHECK_INT(claimed_elsewhere.id, first + 1);
		CHECK_INT(store_tx_rollback(st), STORE_OK);
		/* Rolled back: the first mail is due again; the second
		 * waits for its lease. */
		CHECK_INT(store_mail_claim(st, a, (int64_t)time(NULL) + 10, 300,
		                           &m),
		          STORE_OK);
		CHECK_INT(m.id, first);
		CHECK_INT(store_mail_release(st, first, 0), STORE_OK);
		CHECK_INT(store_mail_release(st, first + 1, 0), STORE_OK);
	}
	CHECK_INT(store_mail_release(st, 99999, 0), STORE_NOTFOUND);

	/* Several senders at once: every mail goes to exactly one. */
	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < CLAIM_SENDERS; i++) {
		memset(&senders[i], 0, sizeof(senders[i]));
		senders[i].st = st;
		pthread_create(&th[i], NULL, send_all, &senders[i]);
	}
	for (int i = 0; i < CLAIM_SENDERS; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(senders[i].errors, 0);
		for (int k = 0; k < senders[i].n; k++) {
			int64_t j = senders[i].got[k] - first;

			if (j >= 0 && j < CLAIM_MAILS && seen[j]++)
				dup++;
			total++;
		}
	}
	CHECK_INT(dup, 0);
	CHECK_INT(total, CLAIM_MAILS);
	CHECK_INT(store_mail_counts(st, &p, &s, &f), STORE_OK);
	CHECK_INT(p, 0);
	CHECK_INT(s, CLAIM_MAILS);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_mail);
	RUN_ENGINES(test_mail_claim);
	return test_summary();
}
