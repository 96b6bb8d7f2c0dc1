/* store/db_sqlite.c: the SQLite driver of the store's query API
 * (store/db.h).
 *
 * A connection is the SQLite backend's struct conn (sqlite_int.h), whose
 * head is the driver-neutral struct db_conn, so the driver-neutral files
 * and the SQLite-only ones share one connection, and one transaction, per
 * thread. Connections run in WAL mode with synchronous=NORMAL (a power
 * loss may lose the last commits, never consistency), foreign keys on and
 * a 5 s busy timeout. SQLite takes `?N` placeholders as they are.
 *
 * Each connection gets PostgreSQL's string_agg(text, separator), which
 * SQLite has only from 3.44 on, so a query that joins strings is
 * written once (the rows joined in the order the subquery gives them).
 */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "util/buf.h"
#include "util/util.h"

#define BUSY_TIMEOUT_MS 5000

struct sq_dstmt {
	struct db_stmt base;
	sqlite3_stmt *q;
};

#define Q(s)  (((struct sq_dstmt *)(s))->q)
#define DB(c) (((struct conn *)(c))->db)

int sq_fail(struct conn *c, int rc)
{
	int code = STORE_ERROR;

	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		code = STORE_CONFLICT;
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY ||
		    rc == SQLITE_CONSTRAINT_CHECK ||
		    rc == SQLITE_CONSTRAINT_NOTNULL)
			code = STORE_INVALID;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: code = STORE_BUSY; break;
	case SQLITE_FULL: code = STORE_FULL; break;
	}
	return store_set_error(
	        code, "sqlite: %s (%d)",
	        c && c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc), rc);
}

/* Every statement run on a connection, for store_statements(); a
 * trigger's statements come as "-- TRIGGER name" and are not counted. */
static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = x;

	if (type == SQLITE_TRACE_STMT && sql && strncmp(sql, "--", 2) != 0)
		store_statement_ran();
	return 0;
}

/* string_agg(value, separator): the non-NULL values joined, NULL when
 * there are none. */
static void agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf *b = sqlite3_aggregate_context(ctx, sizeof(*b));
	const unsigned char *v = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!b || !v)
		return;
	if (b->p) {
		const unsigned char *sep = sqlite3_value_text(argv[1]);
		if (sep)
			buf_puts(b, (const char *)sep);
	} else {
		buf_grow(b, 64); /* b->p marks a first value seen */
	}
	buf_append(b, v, (size_t)sqlite3_value_bytes(argv[0]));
}

static void agg_final(sqlite3_context *ctx)
{
	struct buf *b = sqlite3_aggregate_context(ctx, 0);

	if (!b || !b->p) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text64(ctx, b->p, b->len, SQLITE_TRANSIENT, SQLITE_UTF8);
	buf_free(b);
}

static int sqlite_open(struct db *d, int create, struct db_conn **out)
{
	struct conn *c = xcalloc(1, sizeof(*c));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(d->url, &c->db, flags, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->db, 1);
	rc = sqlite3_exec(c->db,
	                  "PRAGMA journal_mode = WAL;"
	                  "PRAGMA synchronous = NORMAL;"
	                  "PRAGMA foreign_keys = ON;"
	                  "PRAGMA temp_store = MEMORY;"
	                  "PRAGMA cache_size = -16384;",
	                  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_trace_v2(c->db, SQLITE_TRACE_STMT, trace_stmt, NULL);
	rc = sqlite3_create_function(c->db, "string_agg", 2,
	                             SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                             NULL, agg_step, agg_final);
	if (rc != SQLITE_OK)
		goto fail;
	*out = &c->base;
	return STORE_OK;
fail:
	rc = sq_fail(c, rc);
	sqlite3_close_v2(c->db);
	free(c);
	return rc;
}

static void sqlite_close(struct db_conn *dc)
{
	struct conn *c = (struct conn *)dc;

	for (size_t i = 0; i < SQ_STMT_SLOTS; i++)
		if (c->slots[i].stmt)
			sqlite3_finalize(c->slots[i].stmt);
	sqlite3_close_v2(c->db);
	free(c);
}

static int sqlite_check(struct db_conn *c)
{
	return STORE_OK; /* a file does not go away */
}

static int sqlite_prepare(struct db_conn *c, const char *sql,
                          struct db_stmt **out)
{
	struct sq_dstmt *s = xcalloc(1, sizeof(*s));
	int rc = sqlite3_prepare_v3(DB(c), sql, -1, SQLITE_PREPARE_PERSISTENT,
	                            &s->q, NULL);

	if (rc != SQLITE_OK) {
		sq_fail((struct conn *)c, rc);
		free(s);
		return STORE_ERROR;
	}
	*out = &s->base;
	return STORE_OK;
}

static void sqlite_finalize(struct db_stmt *q)
{
	sqlite3_finalize(Q(q));
	free(q);
}

static void sqlite_reset(struct db_stmt *q)
{
	sqlite3_reset(Q(q));
	sqlite3_clear_bindings(Q(q));
}

static void sqlite_bind_null(struct db_stmt *q, int i)
{
	sqlite3_bind_null(Q(q), i);
}

static void sqlite_bind_int64(struct db_stmt *q, int i, int64_t v)
{
	sqlite3_bind_int64(Q(q), i, v);
}

static void sqlite_bind_text(struct db_stmt *q, int i, const char *s, size_t n)
{
	sqlite3_bind_text64(Q(q), i, s, n, SQLITE_STATIC, SQLITE_UTF8);
}

static void sqlite_bind_blob(struct db_stmt *q, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(Q(q), i, p, n, SQLITE_STATIC);
}

static int sqlite_step(struct db_stmt *q)
{
	int rc = sqlite3_step(Q(q));

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(Q(q));
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail((struct conn *)q->conn, rc);
}

static int sqlite_column_null(struct db_stmt *q, int i)
{
	return sqlite3_column_type(Q(q), i) == SQLITE_NULL;
}

static int64_t sqlite_column_int64(struct db_stmt *q, int i)
{
	return sqlite3_column_int64(Q(q), i);
}

static double sqlite_column_double(struct db_stmt *q, int i)
{
	return sqlite3_column_double(Q(q), i);
}

static const char *sqlite_column_text(struct db_stmt *q, int i, size_t *n)
{
	const char *s = (const char *)sqlite3_column_text(Q(q), i);

	*n = s ? (size_t)sqlite3_column_bytes(Q(q), i) : 0;
	return s;
}

static const void *sqlite_column_blob(struct db_stmt *q, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(Q(q), i);

	*n = (size_t)sqlite3_column_bytes(Q(q), i);
	return p;
}

static int sqlite_exec(struct db_conn *c, const char *sql)
{
	int rc = sqlite3_exec(DB(c), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : sq_fail((struct conn *)c, rc);
}

static int64_t sqlite_changes(struct db_conn *c)
{
	return sqlite3_changes64(DB(c));
}

static int sqlite_in_tx(struct db_conn *c)
{
	return !sqlite3_get_autocommit(DB(c));
}

/* Take the write lock, rewrite the header's user version, roll back.
 * Fails on a read-only file or file system, a full journal, or a lock
 * held longer than the busy timeout; a rolled back write never reaches
 * the disk, so the free room is asked for first. */
static int sqlite_writable(struct db_conn *dc)
{
	struct conn *c = (struct conn *)dc;
	const char *path = sqlite3_db_filename(c->db, "main");
	struct statvfs fs;
	struct db_stmt *q;
	int64_t version = 0;
	char sql[64];
	int rc;

	if (path && *path && statvfs(path, &fs) == 0 &&
	    (unsigned long long)fs.f_bavail * fs.f_frsize <
	            STORE_MIN_FREE_BYTES)
		return store_set_error(STORE_FULL, "less than %d bytes free",
		                       STORE_MIN_FREE_BYTES);
	if ((rc = db_exec(dc, "BEGIN IMMEDIATE")))
		return rc;
	if (!(q = db_stmt(dc, "PRAGMA user_version")))
		rc = STORE_ERROR;
	else if ((rc = db_step(q)) == 1)
		version = db_col_int64(q, 0), db_reset(q), rc = STORE_OK;
	if (rc == STORE_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld",
		         (long long)version);
		rc = db_script(dc, sql);
	}
	db_script(dc, "ROLLBACK");
	return rc;
}

static int sqlite_busy_timeout(struct db_conn *c, int ms)
{
	sqlite3_busy_timeout(DB(c), ms);
	return STORE_OK;
}

const struct db_driver db_sqlite_driver = {
        .name = "sqlite",
        .open = sqlite_open,
        .close = sqlite_close,
        .check = sqlite_check,
        .prepare = sqlite_prepare,
        .finalize = sqlite_finalize,
        .reset = sqlite_reset,
        .bind_null = sqlite_bind_null,
        .bind_int64 = sqlite_bind_int64,
        .bind_text = sqlite_bind_text,
        .bind_blob = sqlite_bind_blob,
        .step = sqlite_step,
        .column_null = sqlite_column_null,
        .column_int64 = sqlite_column_int64,
        .column_double = sqlite_column_double,
        .column_text = sqlite_column_text,
        .column_blob = sqlite_column_blob,
        .exec = sqlite_exec,
        .changes = sqlite_changes,
        .in_tx = sqlite_in_tx,
        .begin_sql = "BEGIN IMMEDIATE",
        .writable = sqlite_writable,
        .busy_timeout = sqlite_busy_timeout,
};
