/* store/sqlite_int.h: what the SQLite backend's files share (private to
 * store/sqlite*.c and the store's unit tests).
 *
 * sqlite.c owns opening, backup and secrets (connections, transactions
 * and the changelog are store/db.c's; the files written once for both
 * engines are listed in store/db.h's users: changes.c, moreinfo.c,
 * requests.c, users.c, admin.c, comments.c, secrets.c, mydata.c, mail.c,
 * ask.c, archive.c, taxonomy.c, content.c, discovery.c, names.c,
 * resets.c); sqlite_stmt.c the statement cache and the helpers below;
 * sqlite_schema.c the schema and its migrations.
 *
 * Statements are cached per connection, keyed by the address of their SQL
 * text: code writes `q = sq_stmt(c, "SELECT ...")` beside the code that
 * binds it, and the first call on a connection prepares the statement. A
 * statement handed out by sq_stmt() is reset, so a caller always starts
 * with a fresh statement; it must sqlite3_reset() it when done (or let
 * sq_step() do so on the last row or on error), or the read transaction
 * stays open.
 */
#ifndef ASKDOC_STORE_SQLITE_INT_H
#define ASKDOC_STORE_SQLITE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

#include "store/backend.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"

/* The schema version this program writes (PRAGMA user_version). */
#define SQ_SCHEMA_VERSION 15
/* Slots of a connection's statement cache (a power of two, more than the
 * statements the backend has). */
#define SQ_STMT_SLOTS 512

/* The current UTC time as the store writes dates, in SQL. */
#define SQ_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* STORE_EXCERPT_CHARS as SQL text, for list excerpts. */
#define SQ_XSTR(x) SQ_STR(x)
#define SQ_STR(x)  #x
#define SQ_EXCERPT SQ_XSTR(STORE_EXCERPT_CHARS)

struct sq_slot {
	const char *sql; /* the key: the address of the SQL text */
	sqlite3_stmt *stmt;
};

/* One thread's connection to one store: the driver-neutral head (its own
 * statement cache, for store/db.h's statements) and the SQLite handle
 * with the cache of the SQLite-only files' statements. */
struct conn {
	struct db_conn base;
	sqlite3 *db;
	size_t n_stmts;
	struct sq_slot slots[SQ_STMT_SLOTS];
};

/* The calling thread's connection to st, opened on first use. */
int sq_conn(struct store *st, struct conn **out);
/* The cached statement for sql on c (prepared on first use), reset and
 * with its bindings cleared; NULL after recording the error. */
sqlite3_stmt *sq_stmt(struct conn *c, const char *sql);
/* sq_stmt with ?1 bound to id. */
sqlite3_stmt *sq_stmt_id(struct conn *c, const char *sql, int64_t id);
/* sq_stmt of a page of a list: ?1 bound to key (a statement may leave
 * ?1 out), ?2 to limit and ?3 to offset. */
sqlite3_stmt *sq_stmt_page(struct conn *c, const char *sql, int64_t key,
                           size_t limit, size_t offset);
/* sq_stmt of key_sql with ?1 bound to key, or when key is NULL of id_sql
 * with ?1 bound to id (a lookup by slug or external id, else by id). */
sqlite3_stmt *sq_stmt_key(struct conn *c, const char *key_sql, const char *key,
                          const char *id_sql, int64_t id);
/* Step q: 1 for a row, 0 when done, or a negative STORE_* code (the error
 * is recorded). On 0 and on error q is reset. */
int sq_step(struct conn *c, sqlite3_stmt *q);
/* Step a statement that returns no rows to its end and reset it. Returns
 * STORE_OK or a STORE_* code (STORE_CONFLICT for a unique constraint). */
int sq_run(struct conn *c, sqlite3_stmt *q);
/* Record the error of the last call on c; returns its STORE_* code. */
int sq_fail(struct conn *c, int rc);
/* Start a write: BEGIN IMMEDIATE when no transaction is open (*top = 1),
 * else a savepoint (*top = 0). sq_write_end commits or releases on rc ==
 * STORE_OK and rolls back otherwise; it returns rc or the commit's error. */
int sq_write_begin(struct conn *c, int *top);
int sq_write_end(struct conn *c, int top, int rc);
/* Append a changelog row in the current transaction. */
int sq_change(struct conn *c, enum store_kind kind, int64_t id,
              enum store_op op);

/* Bind a string (NULL binds NULL) or an id (0 binds NULL). */
void sq_bind_text(sqlite3_stmt *q, int i, const char *s);
void sq_bind_id(sqlite3_stmt *q, int i, int64_t id);
/* Make room in arena array v (k elements of size bytes, *cap allocated)
 * for one more, doubling; returns the array, moved if it grew. */
void *sq_grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size);
/* Reads the current row of q into *elem (a struct of the caller's). */
typedef void (*sq_row_reader)(struct arena *a, sqlite3_stmt *q, void *elem);
/* Step q (bound) to its end, reading each row with read into a new
 * element of size bytes of an arena array; on success *out is the array
 * (NULL for none) and *n its length. Returns STORE_OK or the step's
 * error; q may be NULL (a failed sq_stmt, already recorded), giving
 * STORE_ERROR. */
int sq_rows(struct conn *c, struct arena *a, sqlite3_stmt *q, size_t size,
            sq_row_reader read, void *out, size_t *n);
/* Step q (bound) expecting at most one row, read it with read into *out
 * and reset q. Returns STORE_OK, STORE_NOTFOUND (recorded as "no such
 * <what>") when there is no row, or the step's error; q may be NULL (a
 * failed sq_stmt, already recorded), giving STORE_ERROR. */
int sq_row(struct conn *c, struct arena *a, sqlite3_stmt *q, sq_row_reader read,
           void *out, const char *what);
/* sq_rows of sql with ?1 bound to id. */
int sq_rows_id(struct conn *c, struct arena *a, const char *sql, int64_t id,
               size_t size, sq_row_reader read, void *out, size_t *n);
/* sq_row on the calling thread's connection to st, with sql's ?1 bound
 * to id. */
int sq_row_by_id(struct store *st, struct arena *a, const char *sql, int64_t id,
                 sq_row_reader read, void *out, const char *what);
/* Row readers of column 0: an arena string into a const char *, an
 * integer into an int64_t. */
void sq_read_text(struct arena *a, sqlite3_stmt *q, void *elem);
void sq_read_int64(struct arena *a, sqlite3_stmt *q, void *elem);
/* Step q (bound; an aggregate query, NULL like sq_row) to its first row
 * and read columns 0 to n - 1 as integers into *out[0] to *out[n - 1]
 * (all 0 when there is no row). Returns STORE_OK or the step's error. */
int sq_ints(struct conn *c, sqlite3_stmt *q, int64_t *const *out, size_t n);
/* The integer in column 0 of the first row of sql (one id parameter);
 * STORE_NOTFOUND when there is no row. */
int sq_one_int(struct conn *c, const char *sql, int64_t id, int64_t *out);
/* Run sql (no result rows) with ?1 = a and, when it has a second
 * parameter, ?2 = b. Returns STORE_OK or sq_run's error. */
int sq_run_ids(struct conn *c, const char *sql, int64_t a, int64_t b);
/* After a write of row id: STORE_OK when it changed a row, else
 * STORE_NOTFOUND recorded as "no <what> <id>". */
int sq_changed(struct conn *c, const char *what, int64_t id);
/* Run one statement without parameters or result rows. */
int sq_exec(struct conn *c, const char *sql);
/* Column i as an arena string, NULL for SQL NULL. */
char *sq_col_text(struct arena *a, sqlite3_stmt *q, int i);

/* sqlite_schema.c: bring c's database to schema version target (no
 * later than SQ_SCHEMA_VERSION) in one IMMEDIATE transaction. Returns
 * STORE_OK, or STORE_ERROR for a file that is not askdoc's, one of a
 * newer schema, or a failed migration (nothing applied). */
int sq_migrate(struct conn *c, int target);
/* Open a store whose schema is brought to `version` only (tests use it to
 * make a database of an older version). */
int sq_open_version(const char *path, unsigned flags, int version,
                    struct store **out);

#endif
