/* tests/unit/store_engines.h: the store's unit tests on both engines.
 *
 * A test written `static void test_x(int engine)` and run with
 * RUN_ENGINES(test_x) runs once on SQLite (a new file in the test's
 * folder) and once on PostgreSQL (a new database in a throwaway cluster,
 * tests/pg/cluster.sh, started on first use and stopped at exit). The
 * cluster is the one ASKDOC_TEST_PG names (a libpq connection string to
 * its maintenance database) when set. Without a PostgreSQL server, or
 * when askdoc is built without libpq, the PostgreSQL run prints one
 * "SKIP" line per test (counted as skipped by tests/run.sh).
 *
 * engine_fresh() opens a store on an empty database; engine_exec() and
 * engine_int() run raw SQL on a store's own connection, for fixtures and
 * for checking the store's work from outside its API.
 */
#ifndef ASKDOC_TEST_STORE_ENGINES_H
#define ASKDOC_TEST_STORE_ENGINES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/backend.h"
#include "store/db.h"
#include "store/store.h"
#include "test.h"

#ifdef ASKDOC_WITH_PG
#include <libpq-fe.h>
#endif

enum { ENGINE_SQLITE, ENGINE_PG };

static char engine_dir[64];    /* the test's folder (SQLite files) */
static char engine_pgdir[64];  /* our own cluster's folder, if started */
static const char *engine_why; /* why PostgreSQL is skipped */

static void engine_cleanup(void);

static void engine_atexit(void)
{
	static int done;

	if (!done++)
		atexit(engine_cleanup);
}

static void engine_cleanup(void)
{
	char cmd[256];

	if (engine_pgdir[0]) {
		snprintf(cmd, sizeof(cmd),
		         "sh tests/pg/cluster.sh stop %s; rm -rf %s",
		         engine_pgdir, engine_pgdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", engine_pgdir);
	}
	if (engine_dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", engine_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", engine_dir);
	}
}

/* The test's temporary folder, made on first use. */
static inline const char *engine_folder(void)
{
	engine_atexit();
	if (!engine_dir[0]) {
		snprintf(engine_dir, sizeof(engine_dir),
		         "/tmp/askdoc-test-st-XXXXXX");
		if (!mkdtemp(engine_dir)) {
			perror("mkdtemp");
			exit(1);
		}
	}
	return engine_dir;
}

#ifdef ASKDOC_WITH_PG
static char engine_pg[256]; /* conninfo of the maintenance database */
static int engine_serial;

/* A connection string to a new, empty database (static storage). */
static inline const char *engine_pg_database(void)
{
	static char conninfo[400];
	char name[64], sql[128];
	PGconn *pg = PQconnectdb(engine_pg);
	PGresult *res;
	int ok;

	snprintf(name, sizeof(name), "askdoc_test_%d_%d", (int)getpid(),
	         ++engine_serial);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s STRATEGY = FILE_COPY",
	         name);
	res = PQexec(pg, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "CREATE DATABASE: %s", PQerrorMessage(pg));
	PQclear(res);
	PQfinish(pg);
	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", engine_pg, name);
	return ok ? conninfo : NULL;
}
#endif

/* 1 when the PostgreSQL cluster is up (started now if needed). */
static int engine_pg_up(void)
{
#ifdef ASKDOC_WITH_PG
	char cmd[160];
	FILE *p;
	int st;

	if (engine_pg[0])
		return 1;
	if (engine_why)
		return 0;
	if (getenv("ASKDOC_TEST_PG") && *getenv("ASKDOC_TEST_PG")) {
		snprintf(engine_pg, sizeof(engine_pg), "%s",
		         getenv("ASKDOC_TEST_PG"));
		return 1;
	}
	if (access("tests/pg/cluster.sh", R_OK) != 0) {
		engine_why = "tests/pg/cluster.sh not found (run from the "
		             "source tree)";
		return 0;
	}
	engine_atexit();
	snprintf(engine_pgdir, sizeof(engine_pgdir),
	         "/tmp/askdoc-test-pg-XXXXXX");
	if (!mkdtemp(engine_pgdir)) {
		engine_pgdir[0] = '\0';
		engine_why = "cannot make a folder for the cluster";
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "sh tests/pg/cluster.sh start %s",
	         engine_pgdir);
	p = popen(cmd, "r");
	if (!p || !fgets(engine_pg, sizeof(engine_pg), p))
		engine_pg[0] = '\0';
	st = p ? pclose(p) : -1;
	engine_pg[strcspn(engine_pg, "\n")] = '\0';
	if (st != 0 || !engine_pg[0]) {
		engine_pg[0] = '\0';
		engine_why = WIFEXITED(st) && WEXITSTATUS(st) == 77
		                     ? "no PostgreSQL server installed"
		                     : "the PostgreSQL cluster did not start";
		return 0;
	}
	return 1;
#else
	engine_why = "askdoc is built without libpq";
	return 0;
#endif
}

/* A store on a new, empty database of engine (name: its SQLite file). */
static struct store *engine_fresh(int engine, const char *name)
{
	struct store *st = NULL;
	char path[160];

	if (engine == ENGINE_SQLITE) {
		snprintf(path, sizeof(path), "%s/%s", engine_folder(), name);
		unlink(path);
		CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
		return st;
	}
#ifdef ASKDOC_WITH_PG
	{
		const char *conninfo = engine_pg_database();

		CHECK(conninfo != NULL);
		if (conninfo)
			CHECK_INT(store_pg_open(conninfo, &st), STORE_OK);
		if (!st)
			fprintf(stderr, "  %s\n", store_errmsg());
	}
#endif
	return st;
}

/* Run sql (one or more statements, no rows) on st's connection. */
static inline int engine_exec(struct store *st, const char *sql)
{
	struct db_conn *c;
	int rc = store_conn(st, &c);

	if (rc == STORE_OK)
		rc = db_script(c, sql);
	if (rc)
		fprintf(stderr, "  engine_exec: %s\n", store_errmsg());
	return rc;
}

/* The integer in the first column of sql's first row, -1 if none (sql
 * a literal: statements are cached by address). */
static inline long long engine_int(struct store *st, const char *sql)
{
	struct db_conn *c;
	struct db_stmt *q;
	long long v = -1;

	if (store_conn(st, &c) || !(q = db_stmt(c, sql)))
		return -1;
	if (db_step(q) == 1)
		v = db_col_int64(q, 0);
	db_reset(q);
	return v;
}

/* Run fn(engine) on SQLite, then on PostgreSQL or skip it there. */
#define RUN_ENGINES(fn)                                                        \
	do {                                                                   \
		test_current = #fn "[sqlite]";                                 \
		fn(ENGINE_SQLITE);                                             \
		if (engine_pg_up()) {                                          \
			test_current = #fn "[postgres]";                       \
			fn(ENGINE_PG);                                         \
		} else {                                                       \
			printf("SKIP %s on postgres: %s\n", #fn, engine_why);  \
		}                                                              \
	} while (0)

#endif
