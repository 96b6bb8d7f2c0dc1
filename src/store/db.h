/* store/db.h: the store's driver interface: one query API over SQLite and
 * PostgreSQL (private to store/).
 *
 * A driver (db_sqlite.c, db_pg.c) opens connections, prepares, binds,
 * steps and reads columns, runs parameterless scripts and maps its
 * engine's errors to STORE_* codes; everything else is written once here
 * and in the store's driver-neutral files, in the SQL both engines accept
 * (RETURNING, ON CONFLICT, CTEs). The model is Dovecot's lib-sql and
 * Zabbix's database layer.
 *
 * Placeholders are written `?` or `?N` (1-based), as SQLite has them; the
 * PostgreSQL driver rewrites them to `$N` once, when the statement is
 * prepared. Booleans are read as integers (0 or 1) on both engines.
 *
 * Connections: each thread has its own connection to a database, found
 * through a small thread-local table keyed by the database's serial number
 * (never reused, so a stale entry of a closed database never matches).
 * Every connection is also on its database's list, so db_free() closes
 * them all, including those of threads that have ended. A connection
 * caches its prepared statements, keyed by the address of their SQL text:
 * code writes `q = db_stmt(c, "SELECT ...")` beside the code that binds
 * it. A connection the server dropped is reopened on the thread's next
 * db_conn_get() (outside a transaction), its statement cache emptied.
 *
 * Statements: db_stmt() hands out a reset statement with no bindings;
 * db_step() returns 1 for a row, 0 at the end (the statement is then
 * reset) or a negative STORE_* code, the error recorded with
 * store_set_error(). The row helpers below (db_row, db_rows, db_ints)
 * accept a NULL statement (a failed db_stmt, already recorded) and return
 * STORE_ERROR, and always leave their statement reset, so no read
 * transaction stays open.
 */
#ifndef ASKDOC_STORE_DB_H
#define ASKDOC_STORE_DB_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct db;
struct db_conn;
struct db_stmt;

/* Slots of a connection's statement cache (a power of two, more than the
 * statements the store has). */
#define DB_STMT_SLOTS 512

/* What an engine implements. Every function but open is given objects of
 * that driver. */
struct db_driver {
	const char *name; /* "sqlite" or "postgres" */
	/* A new connection to d (create: make the database when missing). */
	int (*open)(struct db *d, int create, struct db_conn **out);
	void (*close)(struct db_conn *c);
	/* STORE_OK when c can still be used; else reconnect it (the caller
	 * has emptied its statement cache) or fail. */
	int (*check)(struct db_conn *c);
	/* 1 when idle c is known to be gone without a round trip (the
	 * server closed it: killed, shut down, failed over); NULL when the
	 * engine cannot tell. db_conn_get then reconnects it before use. */
	int (*stale)(struct db_conn *c);
	/* Prepare sql (placeholders as `?`/`?N`) with its parameter count. */
	int (*prepare)(struct db_conn *c, const char *sql,
	               struct db_stmt **out);
	void (*finalize)(struct db_stmt *q);
	/* Forget the last execution and every binding. */
	void (*reset)(struct db_stmt *q);
	void (*bind_null)(struct db_stmt *q, int i);
	void (*bind_int64)(struct db_stmt *q, int i, int64_t v);
	void (*bind_text)(struct db_stmt *q, int i, const char *s, size_t n);
	void (*bind_blob)(struct db_stmt *q, int i, const void *p, size_t n);
	/* 1 for a row, 0 at the end (q reset), or a STORE_* code recorded. */
	int (*step)(struct db_stmt *q);
	int (*column_null)(struct db_stmt *q, int i);
	int64_t (*column_int64)(struct db_stmt *q, int i);
	double (*column_double)(struct db_stmt *q, int i);
	/* Text or bytes of column i of the current row, *n its length; NULL
	 * for SQL NULL. Valid until the next step or reset. */
	const char *(*column_text)(struct db_stmt *q, int i, size_t *n);
	const void *(*column_blob)(struct db_stmt *q, int i, size_t *n);
	/* Run sql, one or more statements without parameters or rows. */
	int (*exec)(struct db_conn *c, const char *sql);
	/* Rows changed by the last INSERT, UPDATE or DELETE stepped on c. */
	int64_t (*changes)(struct db_conn *c);
	/* 1 while c is inside a transaction. */
	int (*in_tx)(struct db_conn *c);
	/* How a write transaction starts ("BEGIN IMMEDIATE" on SQLite). */
	const char *begin_sql;
	/* A write that changes nothing, rolled back: STORE_OK when c's
	 * database takes writes now, else why not (STORE_FULL, STORE_BUSY,
	 * STORE_ERROR for a read-only file or a standby server). */
	int (*writable)(struct db_conn *c);
	/* Wait up to ms for another connection's lock before STORE_BUSY. */
	int (*busy_timeout)(struct db_conn *c, int ms);
	/* Notices between connections (PostgreSQL's LISTEN/NOTIFY; NULL
	 * where the engine has none): be woken by notices on channel (kept
	 * across reconnection), wait up to ms for one (1 woken, 0 timed
	 * out, or a STORE_* code), and the statement a transaction that
	 * wrote changelog rows runs before it commits. */
	int (*listen)(struct db_conn *c, const char *channel);
	int (*wait)(struct db_conn *c, int ms);
	const char *notify_sql;
	/* Bulk load (PostgreSQL's COPY FROM STDIN; NULL where the engine
	 * has none): run sql, a COPY ... FROM STDIN in text format, with
	 * data (n bytes of rows) as its input. */
	int (*copy)(struct db_conn *c, const char *sql, const char *data,
	            size_t n);
};

struct db_slot {
	const char *sql; /* the key: the address of the SQL text */
	struct db_stmt *stmt;
};

/* The head of every driver's connection. */
struct db_conn {
	const struct db_driver *drv;
	struct db *db;
	struct db_conn *next; /* in db->conns */
	int in_tx;            /* inside store_tx_begin/commit */
	int broken;           /* the engine said the connection is gone */
	int changed;          /* changelog rows written in this transaction */
	size_t n_stmts;
	struct db_slot slots[DB_STMT_SLOTS];
};

/* The head of every driver's statement. */
struct db_stmt {
	const struct db_driver *drv;
	struct db_conn *conn;
};

/* One database: its driver, where it is, and its connections. */
struct db {
	const struct db_driver *drv;
	char *url;       /* a file path (sqlite) or a conninfo (postgres) */
	uint64_t serial; /* unique per process, never reused */
	pthread_mutex_t lock;
	struct db_conn *conns; /* every open connection, under lock */
};

extern const struct db_driver db_sqlite_driver;
#ifdef ASKDOC_WITH_PG
extern const struct db_driver db_pg_driver;
#endif

/* A database of driver drv at url, with no connection yet; the caller
 * owns it and frees it with db_free (which closes every connection). */
struct db *db_new(const struct db_driver *drv, const char *url);
void db_free(struct db *d);
/* The calling thread's connection to d, opened on first use (create as
 * for the driver's open), reopened when the engine dropped it. */
int db_conn_get(struct db *d, int create, struct db_conn **out);
/* Close the calling thread's connection to d now. */
void db_thread_release(struct db *d);

/* ---- statements ---- */

/* The cached statement for sql on c (prepared on first use), reset and
 * with its bindings cleared; NULL after recording the error. */
struct db_stmt *db_stmt(struct db_conn *c, const char *sql);
/* db_stmt with ?1 bound to id. */
struct db_stmt *db_stmt_id(struct db_conn *c, const char *sql, int64_t id);
void db_reset(struct db_stmt *q);
int db_step(struct db_stmt *q);
/* Step a statement that returns no rows to its end. STORE_OK or the
 * step's error (STORE_CONFLICT for a unique key, STORE_INVALID for
 * another constraint). */
int db_run(struct db_stmt *q);
/* Run one statement without parameters or rows (cached like db_stmt's:
 * sql is a literal), or a script of several (not cached). */
int db_exec(struct db_conn *c, const char *sql);
int db_script(struct db_conn *c, const char *sql);
/* Rows the last INSERT, UPDATE or DELETE on c changed. */
int64_t db_changes(struct db_conn *c);
/* Run sql, a `COPY table (columns) FROM STDIN`, with the rows in b (text
 * format: db_copy_field and db_copy_end build them); STORE_ERROR when the
 * engine has no COPY. b is left empty. */
struct buf;
int db_copy(struct db_conn *c, const char *sql, struct buf *b);
/* Append a field of a COPY row to b: s (NULL is SQL NULL) escaped, after
 * a tab unless first. db_copy_int appends an integer (0 is NULL when
 * id), db_copy_end the row's newline. */
void db_copy_field(struct buf *b, const char *s, int first);
void db_copy_int(struct buf *b, int64_t v, int id, int first);
void db_copy_end(struct buf *b);

/* Bindings: a string (NULL binds NULL), an id (0 binds NULL), an
 * integer, bytes. Strings and bytes must live until the statement is
 * stepped to its end or reset. */
void db_bind_text(struct db_stmt *q, int i, const char *s);
void db_bind_id(struct db_stmt *q, int i, int64_t id);
void db_bind_int64(struct db_stmt *q, int i, int64_t v);
void db_bind_null(struct db_stmt *q, int i);
void db_bind_blob(struct db_stmt *q, int i, const void *p, size_t n);

/* Columns of the current row. */
int db_col_null(struct db_stmt *q, int i);
int64_t db_col_int64(struct db_stmt *q, int i);
double db_col_double(struct db_stmt *q, int i);
/* Column i as an arena string, NULL for SQL NULL. */
char *db_col_text(struct arena *a, struct db_stmt *q, int i);
/* Column i as a string valid until the next step ("" for NULL). */
const char *db_col_str(struct db_stmt *q, int i);
const void *db_col_blob(struct db_stmt *q, int i, size_t *n);

/* ---- rows ---- */

/* Reads the current row of q into *elem (a struct of the caller's). */
typedef void (*db_row_reader)(struct arena *a, struct db_stmt *q, void *elem);
/* Step q to its end, reading each row with read into a new element of
 * size bytes of an arena array; *out is the array (NULL for none), *n its
 * length. */
int db_rows(struct arena *a, struct db_stmt *q, size_t size, db_row_reader read,
            void *out, size_t *n);
/* Step q expecting at most one row and read it into *out. STORE_NOTFOUND
 * (recorded as "no such <what>") when there is none. */
int db_row(struct arena *a, struct db_stmt *q, db_row_reader read, void *out,
           const char *what);
/* Read columns 0 to n - 1 of the first row as integers (all 0 when there
 * is no row). */
int db_ints(struct db_stmt *q, int64_t *const *out, size_t n);
/* The integer in column 0 of the first row of sql (?1 = id);
 * STORE_NOTFOUND when there is none. */
int db_one_int(struct db_conn *c, const char *sql, int64_t id, int64_t *out);
/* After a write of row id: STORE_OK when it changed a row, else
 * STORE_NOTFOUND recorded as "no <what> <id>". */
int db_changed(struct db_conn *c, const char *what, int64_t id);
/* Row readers of column 0: an arena string, an int64_t. */
void db_read_text(struct arena *a, struct db_stmt *q, void *elem);
void db_read_int64(struct arena *a, struct db_stmt *q, void *elem);
/* Make room in arena array v (k elements of size bytes, *cap allocated)
 * for one more; returns the array, moved if it grew. */
void *db_grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size);

/* ---- writes ---- */

/* Start a write: the driver's begin_sql when no transaction is open
 * (*top = 1), else a savepoint (*top = 0). db_write_end commits or
 * releases when rc is STORE_OK and rolls back otherwise; it returns rc or
 * the commit's error. */
int db_write_begin(struct db_conn *c, int *top);
int db_write_end(struct db_conn *c, int top, int rc);
/* The caller's transaction (store_tx_begin/commit/rollback). */
int db_tx_begin(struct db_conn *c);
int db_tx_end(struct db_conn *c, int commit);
/* The channel change notices go on (store_changes_wait). */
#define DB_CHANGES_CHANNEL "askdoc_changes"
/* Append a changelog row in the current transaction (which then
 * notifies DB_CHANGES_CHANNEL as it commits, where the driver can). */
int db_change(struct db_conn *c, enum store_kind kind, int64_t id,
              enum store_op op);
/* The current UTC time as the store writes dates,
 * "YYYY-MM-DDTHH:MM:SSZ", into out (21 bytes); returns out. Statements
 * bind it rather than ask the engine, so both engines write the same. */
#define DB_NOW_SIZE 21
char *db_now(char out[DB_NOW_SIZE]);

/* ---- placeholders ---- */

/* sql with `?` and `?N` rewritten to `$N` (outside quotes and comments),
 * a new string the caller frees; *n_params is the highest number. */
char *db_dollar_params(const char *sql, int *n_params);

#endif
