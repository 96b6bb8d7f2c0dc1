/* tests/unit/test_store_retry.c: store_tx_run, the transaction runner
 * that runs a unit of work again when the engine undid it, on both
 * engines: a real serialization failure on PostgreSQL (two concurrent
 * transactions on one row, the database SERIALIZABLE), stored once after
 * one retry; how many times it tries; what it never retries.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_engines.h"
#include "test.h"

/* The work of a doctor's reply: publish the question, add the answer. */
struct reply {
	int64_t qid, aid;
	int runs;
};

static int reply_work(struct store *st, void *arg)
{
	struct reply *r = arg;
	struct answer ans = {.question_id = r->qid, .body = "Rest and fluids."};
	int rc;

	r->runs++;
	if ((rc = store_question_transition(st, r->qid, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED)))
		return rc;
	return store_answer_create(st, &ans, &r->aid);
}

/* The other transaction: it changes the question's row and holds it
 * until told to commit. */
struct holder {
	struct store *st;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state; /* 1 holding the row, 2 told to commit, 3 done */
	int rc;
};

static void *hold(void *arg)
{
	struct holder *h = arg;
	int rc = engine_exec(h->st, "BEGIN; UPDATE questions SET views ="
	                            " views + 1 WHERE id = 1");

	pthread_mutex_lock(&h->mu);
	h->state = 1;
	pthread_cond_broadcast(&h->cv);
	while (h->state < 2)
		pthread_cond_wait(&h->cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
	if (rc == STORE_OK)
		rc = engine_exec(h->st, "COMMIT");
	h->rc = rc;
	store_thread_release(h->st);
	return NULL;
}

struct runner {
	struct store *st;
	struct reply r;
	int retry; /* store_tx_run, else one plain transaction */
	int rc, attempts;
};

static void *run(void *arg)
{
	struct runner *x = arg;

	if (x->retry) {
		x->rc = store_tx_run(x->st, reply_work, &x->r, 0, &x->attempts);
	} else if (!(x->rc = store_tx_begin(x->st))) {
		x->attempts = 1;
		if ((x->rc = reply_work(x->st, &x->r)))
			store_tx_rollback(x->st);
		else
			x->rc = store_tx_commit(x->st);
	}
	store_thread_release(x->st);
	return NULL;
}

/* Question 1 waiting, on a database whose new transactions are
 * SERIALIZABLE on PostgreSQL. */
static struct store *waiting_question(int engine, const char *name)
{
	struct store *st = engine_fresh(engine, name);
	struct question q = {.title = "Fever for two days",
	                     .text = "My child has had a fever for two days.",
	                     .status = STORE_Q_WAITING,
	                     .consent = 1,
	                     .token_hash = "h1"};
	int64_t id = 0;

	if (!st)
		return NULL;
	CHECK_INT(store_question_create(st, &q, &id), STORE_OK);
	CHECK_INT(id, 1);
	if (engine == ENGINE_PG)
		CHECK_INT(engine_exec(st, "DO $$ BEGIN EXECUTE format("
		                          "'ALTER DATABASE %I SET"
		                          " default_transaction_isolation"
		                          " = serializable',"
		                          " current_database()); END $$"),
		          STORE_OK);
	return st;
}

/* Run the reply while another transaction holds the question's row, and
 * let that one commit once the reply waits for it. */
static void collide(int engine, struct store *st, struct runner *x)
{
	struct holder h = {.st = st,
	                   .mu = PTHREAD_MUTEX_INITIALIZER,
	                   .cv = PTHREAD_COND_INITIALIZER};
	pthread_t th, tr;

	x->st = st;
	x->r.qid = 1;
	pthread_create(&th, NULL, hold, &h);
	pthread_mutex_lock(&h.mu);
	while (h.state < 1)
		pthread_cond_wait(&h.cv, &h.mu);
	pthread_mutex_unlock(&h.mu);
	pthread_create(&tr, NULL, run, x);
	if (engine == ENGINE_PG) {
		/* Until the reply's UPDATE waits for the holder's lock. */
		for (int i = 0; i < 1000; i++) {
			if (engine_int(st, "SELECT count(*) FROM"
			                   " pg_stat_activity WHERE"
			                   " wait_event_type = 'Lock' AND"
			                   " datname = current_database()") > 0)
				break;
			usleep(10000);
		}
	} else {
		usleep(300000); /* the reply waits in BEGIN IMMEDIATE */
	}
	pthread_mutex_lock(&h.mu);
	h.state = 2;
	pthread_cond_broadcast(&h.cv);
	pthread_mutex_unlock(&h.mu);
	pthread_join(th, NULL);
	pthread_join(tr, NULL);
	CHECK_INT(h.rc, STORE_OK);
}

/* Without the runner, the collision fails the reply on PostgreSQL and
 * leaves nothing of it; SQLite serialises the two and it succeeds. */
static void test_collision_plain(int engine)
{
	struct store *st = waiting_question(engine, "plain.db");
	struct runner x = {.retry = 0};

	if (!st)
		return;
	collide(engine, st, &x);
	if (engine == ENGINE_PG) {
		CHECK_INT(x.rc, STORE_RETRY);
		CHECK_INT(engine_int(st, "SELECT count(*) FROM answers"), 0);
		CHECK_INT(engine_int(st,
		                     "SELECT count(*) FROM questions"
		                     " WHERE id = 1 AND status = 'waiting'"),
		          1);
	} else {
		CHECK_INT(x.rc, STORE_OK);
		CHECK_INT(engine_int(st, "SELECT count(*) FROM answers"), 1);
	}
	CHECK_INT(engine_int(st, "SELECT views FROM questions WHERE id = 1"),
	          1);
	store_close(st);
}

/* With it, the reply is stored once: one retry on PostgreSQL, none on
 * SQLite. */
static void test_collision_retried(int engine)
{
	struct store *st = waiting_question(engine, "retried.db");
	struct runner x = {.retry = 1};

	if (!st)
		return;
	collide(engine, st, &x);
	CHECK_INT(x.rc, STORE_OK);
	CHECK_INT(x.attempts, engine == ENGINE_PG ? 2 : 1);
	CHECK_INT(x.r.runs, x.attempts);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM answers"), 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM answers"
	                         " WHERE question_id = 1"),
	          1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions"
	                         " WHERE id = 1 AND status = 'published'"),
	          1);
	/* Both transactions' writes are there. */
	CHECK_INT(engine_int(st, "SELECT views FROM questions WHERE id = 1"),
	          1);
	/* The question's changelog: its creation and one publication. */
	CHECK_INT(engine_int(st, "SELECT count(*) FROM changes WHERE kind ="
	                         " 'qa' AND entity_id = 1"),
	          2);
	store_close(st);
}

/* Work that fails the same way every time. */
struct failing {
	int rc, runs;
};

static int failing_work(struct store *st, void *arg)
{
	struct failing *f = arg;

	f->runs++;
	CHECK_INT(engine_exec(st, "INSERT INTO departments (name, slug)"
	                          " VALUES ('Undone', 'undone')"),
	          STORE_OK);
	return store_set_error(f->rc, "failing on purpose");
}

static void test_bounds(int engine)
{
	struct store *st = engine_fresh(engine, "bounds.db");
	struct failing f = {.rc = STORE_RETRY};
	struct timespec t0, t1;
	int attempts = 0;
	double ms;

	if (!st)
		return;
	/* A conflict that never clears: STORE_TX_ATTEMPTS runs, paused. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(store_tx_run(st, failing_work, &f, 0, &attempts),
	          STORE_RETRY);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK_INT(attempts, STORE_TX_ATTEMPTS);
	CHECK_INT(f.runs, STORE_TX_ATTEMPTS);
	ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	/* Pauses of about 5, 10 and 20 ms, each at least half that. */
	CHECK(ms >= 17.5);
	/* Any other failure is the work's answer: run once. */
	f.rc = STORE_CONFLICT;
	f.runs = 0;
	CHECK_INT(store_tx_run(st, failing_work, &f, 0, &attempts),
	          STORE_CONFLICT);
	CHECK_INT(attempts, 1);
	CHECK_INT(f.runs, 1);
	CHECK_STR(store_errmsg(), "failing on purpose");
	/* Every run was undone. */
	CHECK_INT(engine_int(st, "SELECT count(*) FROM departments"
	                         " WHERE slug = 'undone'"),
	          0);
	/* No transaction is left open. */
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_tx_rollback(st), STORE_OK);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_collision_plain);
	RUN_ENGINES(test_collision_retried);
	RUN_ENGINES(test_bounds);
	return test_summary();
}
