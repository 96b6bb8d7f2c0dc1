/* tests/unit/test_store_reconnect.c: the store with several nodes on one
 * PostgreSQL database (issue 15). Two transactions may take changelog
 * numbers in one order and commit in the other: a follower that has read
 * the higher number must still apply the lower one when it commits. A
 * connection the server closed while it was idle (a restart, a failover)
 * is opened again before its next statement, which therefore does not
 * fail. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search/search.h"
#include "services/follower.h"
#include "store_engines.h"

static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t seen[64];
static size_t n_seen;

static void record(void *arg, const struct follower_touch *t, size_t n, int all)
{
	(void)arg, (void)all;
	pthread_mutex_lock(&seen_mu);
	for (size_t i = 0; i < n && n_seen < 64; i++)
		seen[n_seen++] = t[i].id;
	pthread_mutex_unlock(&seen_mu);
}

static int was_seen(int64_t id)
{
	int yes = 0;

	pthread_mutex_lock(&seen_mu);
	for (size_t i = 0; i < n_seen; i++)
		yes |= seen[i] == id;
	pthread_mutex_unlock(&seen_mu);
	return yes;
}

static void test_late_commit_of_a_lower_number(void)
{
#ifdef ASKDOC_WITH_PG
	const char *ci;
	char *conninfo;
	struct store *st = NULL, *other = NULL;
	struct search_index *ix;
	struct follower *f;
	char *err = NULL;

	if (!engine_pg_up()) {
		printf("SKIP test_late_commit_of_a_lower_number: %s\n",
		       engine_why);
		return;
	}
	ci = engine_pg_database();
	CHECK(ci != NULL);
	if (!ci)
		return;
	conninfo = strdup(ci);
	CHECK_INT(store_pg_open(conninfo, &st), STORE_OK);
	CHECK_INT(store_pg_open(conninfo, &other), STORE_OK);
	if (!st || !other)
		return;
	ix = search_index_new(NULL);
	f = follower_new(st, ix, record, NULL, &err);
	CHECK(f != NULL);
	if (!f)
		return;
	/* Another node's transaction takes number n and stays open... */
	CHECK_INT(engine_exec(other, "BEGIN; INSERT INTO changes (kind, "
	                             "entity_id, op) VALUES ('qa', 101, "
	                             "'upsert')"),
	          STORE_OK);
	/* ...while this one takes n + 1 and commits; the follower reads
	 * it. */
	CHECK_INT(engine_exec(st, "INSERT INTO changes (kind, entity_id, op)"
	                          " VALUES ('qa', 102, 'upsert')"),
	          STORE_OK);
	follower_sync(f);
	CHECK(was_seen(102));
	CHECK(!was_seen(101));
	/* Number n commits last: it is applied all the same. */
	CHECK_INT(engine_exec(other, "COMMIT"), STORE_OK);
	follower_sync(f);
	CHECK(was_seen(101));
	/* A number rolled back is never waited for: later ones go on. */
	CHECK_INT(engine_exec(other, "BEGIN; INSERT INTO changes (kind, "
	                             "entity_id, op) VALUES ('qa', 103, "
	                             "'upsert'); ROLLBACK"),
	          STORE_OK);
	CHECK_INT(engine_exec(st, "INSERT INTO changes (kind, entity_id, op)"
	                          " VALUES ('qa', 104, 'upsert')"),
	          STORE_OK);
	follower_sync(f);
	CHECK(was_seen(104));
	CHECK(!was_seen(103));
	follower_free(f);
	search_index_free(ix);
	store_close(other);
	store_close(st);
	free(conninfo);
#else
	printf("SKIP test_late_commit_of_a_lower_number: built without "
	       "PostgreSQL\n");
#endif
}

static void test_idle_connection_closed_by_the_server(void)
{
#ifdef ASKDOC_WITH_PG
	const char *ci;
	char *conninfo, sql[96];
	struct store *st = NULL, *other = NULL;
	long long pid;

	if (!engine_pg_up()) {
		printf("SKIP test_idle_connection_closed_by_the_server: %s\n",
		       engine_why);
		return;
	}
	ci = engine_pg_database();
	CHECK(ci != NULL);
	if (!ci)
		return;
	conninfo = strdup(ci);
	CHECK_INT(store_pg_open(conninfo, &st), STORE_OK);
	CHECK_INT(store_pg_open(conninfo, &other), STORE_OK);
	if (!st || !other)
		return;
	pid = engine_int(st, "SELECT pg_backend_pid()");
	CHECK(pid > 0);
	/* The server ends st's session while st is idle... */
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%lld)", pid);
	CHECK_INT(engine_exec(other, sql), STORE_OK);
	/* The backend goes at once; give it time to say so. */
	usleep(200000);
	/* ...and st's next statement runs on a new session. */
	CHECK_INT(engine_int(st, "SELECT 7"), 7);
	CHECK(engine_int(st, "SELECT pg_backend_pid()") != pid);
	store_close(other);
	store_close(st);
	free(conninfo);
#else
	printf("SKIP test_idle_connection_closed_by_the_server: built without "
	       "PostgreSQL\n");
#endif
}

int main(void)
{
	(void)engine_fresh; /* SQLite has one writer at a time: not here */
	test_current = "test_late_commit_of_a_lower_number";
	test_late_commit_of_a_lower_number();
	test_current = "test_idle_connection_closed_by_the_server";
	test_idle_connection_closed_by_the_server();
	return test_summary();
}
