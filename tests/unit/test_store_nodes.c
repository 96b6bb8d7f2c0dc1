/* tests/unit/test_store_nodes.c: what several nodes on one database
 * share, on both engines: throttle windows counted by every connection,
 * view counts added as increments, and periodic jobs that one
 * connection runs at a time.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "services/jobs.h"
#include "store_engines.h"
#include "test.h"

static void test_throttles(int engine)
{
	struct store *st = engine_fresh(engine, "t.db");
	int64_t n, exp, now = 1000000;

	if (!st)
		return;
	CHECK_INT(store_throttle_get(st, "login", "k1", now, &n, &exp),
	          STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_throttle_fail(st, "login", "k1", now, 60, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_throttle_fail(st, "login", "k1", now + 10, 60, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	/* Another throttle and another key count apart. */
	CHECK_INT(store_throttle_fail(st, "ask", "k1", now, 60, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_throttle_fail(st, "login", "k2", now, 60, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_throttle_get(st, "login", "k1", now + 20, &n, &exp),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(exp, now + 60); /* the window of the first failure */
	/* The window ends: the count starts over. */
	CHECK_INT(store_throttle_get(st, "login", "k1", now + 60, &n, &exp),
	          STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_throttle_fail(st, "login", "k1", now + 61, 60, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_throttle_get(st, "login", "k1", now + 62, &n, &exp),
	          STORE_OK);
	CHECK_INT(exp, now + 121);
	CHECK_INT(store_throttle_reset(st, "login", "k1"), STORE_OK);
	CHECK_INT(store_throttle_get(st, "login", "k1", now + 62, &n, &exp),
	          STORE_OK);
	CHECK_INT(n, 0);
	/* Purge: the ended windows go, the running ones stay. */
	CHECK_INT(store_throttle_purge(st, now + 61, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM throttles"), 0);
	CHECK_INT(store_throttle_fail(st, "login", "k3", now, 60, &n),
	          STORE_OK);
	CHECK_INT(store_throttle_purge(st, now + 59, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_close(st);
}

/* Two connections (threads) counting the same key at once: every
 * failure counts. */
struct counter {
	struct store *st;
	int64_t last;
};

static void *fail_many(void *arg)
{
	struct counter *c = arg;

	for (int i = 0; i < 50; i++)
		if (store_throttle_fail(c->st, "login", "shared", 5000, 600,
		                        &c->last) != STORE_OK)
			fprintf(stderr, "  fail: %s\n", store_errmsg());
	store_thread_release(c->st);
	return NULL;
}

static void test_throttles_together(int engine)
{
	struct store *st = engine_fresh(engine, "tt.db");
	struct counter c[2];
	pthread_t th[2];
	int64_t n, exp;

	if (!st)
		return;
	for (int i = 0; i < 2; i++) {
		c[i].st = st;
		pthread_create(&th[i], NULL, fail_many, &c[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_INT(store_throttle_get(st, "login", "shared", 5001, &n, &exp),
	          STORE_OK);
	CHECK_INT(n, 100);
	CHECK(c[0].last == 100 || c[1].last == 100);
	store_close(st);
}

static void test_views_add(int engine)
{
	struct store *st = engine_fresh(engine, "v.db");

	if (!st)
		return;
	CHECK_INT(engine_exec(st, "INSERT INTO questions (title, text, status)"
	                          " VALUES ('T', 'Q', 'published')"),
	          STORE_OK);
	CHECK_INT(store_qa_views_add(st, 1, 5), STORE_OK);
	CHECK_INT(store_qa_views_add(st, 1, 7), STORE_OK);
	CHECK_INT(engine_int(st, "SELECT views FROM questions WHERE id = 1"),
	          12);
	CHECK_INT(store_qa_views_add(st, 99, 1), STORE_NOTFOUND);
	store_close(st);
}

/* A job that notes how many run at once and holds on for a while. */
static int running, most, runs;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static int slow_job(struct store *st, void *ctx)
{
	int64_t n;

	(void)ctx;
	pthread_mutex_lock(&mu);
	runs++;
	if (++running > most)
		most = running;
	pthread_mutex_unlock(&mu);
	/* The job writes, as the purge does. */
	store_throttle_fail(st, "job", "k", 1, 60, &n);
	usleep(300 * 1000);
	pthread_mutex_lock(&mu);
	running--;
	pthread_mutex_unlock(&mu);
	return STORE_OK;
}

static int failing_job(struct store *st, void *ctx)
{
	int64_t n;

	(void)ctx;
	store_throttle_fail(st, "job", "rolled-back", 1, 60, &n);
	return store_set_error(STORE_INVALID, "the job failed");
}

struct runner {
	struct store *st;
	int rc, ran;
};

static void *run_job(void *arg)
{
	struct runner *r = arg;

	r->rc = store_job_run(r->st, "slow", slow_job, NULL, &r->ran);
	store_thread_release(r->st);
	return NULL;
}

static void test_jobs(int engine)
{
	struct store *st = engine_fresh(engine, "j.db");
	struct runner r[3];
	pthread_t th[3];
	int ran = -1, n_ran = 0;

	if (!st)
		return;
	running = most = runs = 0;
	for (int i = 0; i < 3; i++) {
		r[i].st = st;
		pthread_create(&th[i], NULL, run_job, &r[i]);
		usleep(50 * 1000);
	}
	for (int i = 0; i < 3; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(r[i].rc, STORE_OK);
		n_ran += r[i].ran;
	}
	CHECK_INT(most, 1); /* never two at once */
	CHECK_INT(runs, n_ran);
	/* PostgreSQL: the others skip it, not wait; SQLite: its write lock
	 * runs them one after another. */
	CHECK_INT(n_ran, engine == ENGINE_PG ? 1 : 3);
	/* The lock goes with the transaction: the job runs again. */
	CHECK_INT(store_job_run(st, "slow", slow_job, NULL, &ran), STORE_OK);
	CHECK_INT(ran, 1);
	/* A job's error rolls its writes back. */
	CHECK_INT(store_job_run(st, "bad", failing_job, NULL, &ran),
	          STORE_INVALID);
	CHECK_INT(ran, 1);
	CHECK_STR(store_errmsg(), "the job failed");
	CHECK_INT(engine_int(st, "SELECT count(*) FROM throttles"
	                         " WHERE key = 'rolled-back'"),
	          0);
	/* The purge job. */
	CHECK_INT(jobs_purge(st, 1000, &ran), STORE_OK);
	CHECK_INT(ran, 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM throttles"), 0);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_throttles);
	RUN_ENGINES(test_throttles_together);
	RUN_ENGINES(test_views_add);
	RUN_ENGINES(test_jobs);
	return test_summary();
}
