/* store/sqlite_stmt.c: the SQLite backend's statements: the per-
 * connection statement cache, stepping and running, binding, and the row
 * helpers every sqlite_*.c file reads and writes with.
 *
 * A statement comes from sq_stmt (or sq_stmt_id, sq_stmt_page,
 * sq_stmt_key, which also bind ?1 and the page) and is NULL when it did
 * not prepare, the error recorded; the helpers that run statements
 * (sq_row, sq_rows, sq_ints) accept that NULL and return STORE_ERROR, so a
 * caller prepares, binds when non-NULL and hands the statement on. Every
 * helper leaves its statement reset, so no read transaction stays open.
 * A row reader (sq_row_reader) sits beside the column list it reads, and
 * every query selecting those columns shares it.
 */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors, the statement cache, stepping ---- */

sqlite3_stmt *sq_stmt(struct conn *c, const char *sql)
{
	size_t mask = SQ_STMT_SLOTS - 1;
	size_t i = ((uintptr_t)sql >> 3) * 0x9e3779b97f4a7c15ull >> 40 & mask;
	int rc;

	for (;; i = (i + 1) & mask) {
		struct sq_slot *s = &c->slots[i];

		if (s->sql == sql) {
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			return s->stmt;
		}
		if (!s->sql)
			break;
	}
	/* Keep the table at most three quarters full. */
	if (c->n_stmts + 1 > SQ_STMT_SLOTS * 3 / 4) {
		fprintf(stderr, "askdoc: store: statement cache full\n");
		abort();
	}
	rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	                        &c->slots[i].stmt, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(c, rc);
		c->slots[i].stmt = NULL;
		return NULL;
	}
	c->slots[i].sql = sql;
	c->n_stmts++;
	return c->slots[i].stmt;
}

int sq_step(struct conn *c, sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return 0;
	return sq_fail(c, rc);
}

int sq_run(struct conn *c, sqlite3_stmt *q)
{
	int rc;

	while ((rc = sq_step(c, q)) == 1)
		;
	return rc;
}

sqlite3_stmt *sq_stmt_id(struct conn *c, const char *sql, int64_t id)
{
	sqlite3_stmt *q = sq_stmt(c, sql);

	if (q)
		sqlite3_bind_int64(q, 1, id);
	return q;
}

int sq_rows_id(struct conn *c, struct arena *a, const char *sql, int64_t id,
               size_t size, sq_row_reader read, void *out, size_t *n)
{
	return sq_rows(c, a, sq_stmt_id(c, sql, id), size, read, out, n);
}

int sq_row_by_id(struct store *st, struct arena *a, const char *sql, int64_t id,
                 sq_row_reader read, void *out, const char *what)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_row(c, a, sq_stmt_id(c, sql, id), read, out, what);
}

sqlite3_stmt *sq_stmt_page(struct conn *c, const char *sql, int64_t key,
                           size_t limit, size_t offset)
{
	sqlite3_stmt *q = sq_stmt_id(c, sql, key);

	if (q) {
		sqlite3_bind_int64(q, 2, (int64_t)limit);
		sqlite3_bind_int64(q, 3, (int64_t)offset);
	}
	return q;
}

sqlite3_stmt *sq_stmt_key(struct conn *c, const char *key_sql, const char *key,
                          const char *id_sql, int64_t id)
{
	sqlite3_stmt *q;

	if (!key)
		return sq_stmt_id(c, id_sql, id);
	if ((q = sq_stmt(c, key_sql)))
		sq_bind_text(q, 1, key);
	return q;
}

void sq_bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

void sq_bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(q, i, id);
	else
		sqlite3_bind_null(q, i);
}

char *sq_col_text(struct arena *a, sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);

	if (!s)
		return NULL;
	return arena_strndup(a, (const char *)s,
	                     (size_t)sqlite3_column_bytes(q, i));
}

void *sq_grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size)
{
	void *nv;

	if (k < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	nv = arena_alloc(a, *cap * size);
	if (k)
		memcpy(nv, v, k * size);
	return nv;
}

int sq_rows(struct conn *c, struct arena *a, sqlite3_stmt *q, size_t size,
            sq_row_reader read, void *out, size_t *n)
{
	char *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	if (!q)
		return STORE_ERROR;
	while ((rc = sq_step(c, q)) == 1) {
		v = sq_grow(a, v, k, &cap, size);
		read(a, q, v + size * k++);
	}
	if (rc < 0)
		return rc;
	memcpy(out, &v, sizeof(v)); /* out points to the caller's T * */
	*n = k;
	return STORE_OK;
}

int sq_row(struct conn *c, struct arena *a, sqlite3_stmt *q, sq_row_reader read,
           void *out, const char *what)
{
	int rc;

	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	if (!rc)
		return store_set_error(STORE_NOTFOUND, "no such %s", what);
	read(a, q, out);
	sqlite3_reset(q);
	return STORE_OK;
}

void sq_read_text(struct arena *a, sqlite3_stmt *q, void *elem)
{
	*(const char **)elem = sq_col_text(a, q, 0);
}

void sq_read_int64(struct arena *a, sqlite3_stmt *q, void *elem)
{
	(void)a;
	*(int64_t *)elem = sqlite3_column_int64(q, 0);
}

int sq_ints(struct conn *c, sqlite3_stmt *q, int64_t *const *out, size_t n)
{
	int rc;

	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		*out[i] = rc ? sqlite3_column_int64(q, (int)i) : 0;
	if (rc)
		sqlite3_reset(q);
	return STORE_OK;
}

int sq_one_int(struct conn *c, const char *sql, int64_t id, int64_t *out)
{
	sqlite3_stmt *q = sq_stmt(c, sql);

	if (q)
		sqlite3_bind_int64(q, 1, id);
	return sq_row(c, NULL, q, sq_read_int64, out, "row");
}

int sq_run_ids(struct conn *c, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *q = sq_stmt(c, sql);

	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, a);
	if (sqlite3_bind_parameter_count(q) >= 2)
		sqlite3_bind_int64(q, 2, b);
	return sq_run(c, q);
}

int sq_changed(struct conn *c, const char *what, int64_t id)
{
	if (sqlite3_changes(c->db))
		return STORE_OK;
	return store_set_error(STORE_NOTFOUND, "no %s %lld", what,
	                       (long long)id);
}

int sq_exec(struct conn *c, const char *sql)
{
	sqlite3_stmt *q = sq_stmt(c, sql);

	return q ? sq_run(c, q) : STORE_ERROR;
}
