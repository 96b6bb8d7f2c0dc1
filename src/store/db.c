/* store/db.c: the driver-neutral half of the store's query API:
 * per-thread connections, the statement cache, row helpers, writes and
 * transactions, and the placeholder rewriting (store/db.h says how they
 * fit together).
 */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* ---- databases and their connections ---- */

static _Thread_local struct tl_conn {
	uint64_t serial;
	struct db_conn *c;
} tl_conns[8];

struct db *db_new(const struct db_driver *drv, const char *url)
{
	static uint64_t serial;
	struct db *d = xcalloc(1, sizeof(*d));

	d->drv = drv;
	d->url = xstrdup(url);
	d->serial = __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED);
	pthread_mutex_init(&d->lock, NULL);
	return d;
}

static void forget_stmts(struct db_conn *c)
{
	for (size_t i = 0; i < DB_STMT_SLOTS; i++) {
		if (c->slots[i].stmt)
			c->drv->finalize(c->slots[i].stmt);
		c->slots[i].stmt = NULL;
		c->slots[i].sql = NULL;
	}
	c->n_stmts = 0;
}

static void conn_close(struct db_conn *c)
{
	forget_stmts(c);
	c->drv->close(c);
}

static void forget_thread_conn(struct db *d)
{
	for (size_t i = 0; i < ARRAY_SIZE(tl_conns); i++)
		if (tl_conns[i].serial == d->serial)
			tl_conns[i].serial = 0, tl_conns[i].c = NULL;
}

void db_free(struct db *d)
{
	if (!d)
		return;
	forget_thread_conn(d);
	for (struct db_conn *c = d->conns, *next; c; c = next) {
		next = c->next;
		conn_close(c);
	}
	pthread_mutex_destroy(&d->lock);
	free(d->url);
	free(d);
}

int db_conn_get(struct db *d, int create, struct db_conn **out)
{
	struct tl_conn *slot = NULL;
	struct db_conn *c;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(tl_conns); i++) {
		if (tl_conns[i].serial == d->serial) {
			c = tl_conns[i].c;
			/* A server that went away while c was idle (a failover)
			 * costs no request an error: c is reopened first. */
			if (!c->broken && !c->in_tx && c->drv->stale &&
			    c->drv->stale(c))
				c->broken = 1;
			/* A dropped connection comes back between transactions;
			 * its server-side statements are gone with it. */
			if (c->broken && !c->in_tx) {
				forget_stmts(c);
				if ((rc = c->drv->check(c)))
					return rc;
				c->broken = 0;
			}
			*out = c;
			return STORE_OK;
		}
		if (!slot && !tl_conns[i].serial)
			slot = &tl_conns[i];
	}
	if ((rc = d->drv->open(d, create, &c)))
		return rc;
	c->drv = d->drv;
	c->db = d;
	pthread_mutex_lock(&d->lock);
	c->next = d->conns;
	d->conns = c;
	pthread_mutex_unlock(&d->lock);
	/* With every slot taken, the evicted connection stays on its
	 * database's list and is closed with it. */
	if (!slot)
		slot = &tl_conns[d->serial % ARRAY_SIZE(tl_conns)];
	slot->serial = d->serial;
	slot->c = c;
	*out = c;
	return STORE_OK;
}

void db_thread_release(struct db *d)
{
	struct db_conn *c = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(tl_conns); i++)
		if (tl_conns[i].serial == d->serial)
			c = tl_conns[i].c;
	if (!c)
		return;
	forget_thread_conn(d);
	pthread_mutex_lock(&d->lock);
	for (struct db_conn **p = &d->conns; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	pthread_mutex_unlock(&d->lock);
	conn_close(c);
}

/* ---- statements ---- */

struct db_stmt *db_stmt(struct db_conn *c, const char *sql)
{
	size_t mask = DB_STMT_SLOTS - 1;
	size_t i = ((uintptr_t)sql >> 3) * 0x9e3779b97f4a7c15ull >> 40 & mask;
	struct db_stmt *q;

	for (;; i = (i + 1) & mask) {
		struct db_slot *s = &c->slots[i];

		if (s->sql == sql) {
			c->drv->reset(s->stmt);
			return s->stmt;
		}
		if (!s->sql)
			break;
	}
	/* Keep the table at most three quarters full. */
	if (c->n_stmts + 1 > DB_STMT_SLOTS * 3 / 4) {
		fprintf(stderr, "askdoc: store: statement cache full\n");
		abort();
	}
	if (c->drv->prepare(c, sql, &q) != STORE_OK)
		return NULL;
	q->drv = c->drv;
	q->conn = c;
	c->slots[i].sql = sql;
	c->slots[i].stmt = q;
	c->n_stmts++;
	return q;
}

struct db_stmt *db_stmt_id(struct db_conn *c, const char *sql, int64_t id)
{
	struct db_stmt *q = db_stmt(c, sql);

	if (q)
		db_bind_int64(q, 1, id);
	return q;
}

void db_reset(struct db_stmt *q)
{
	q->drv->reset(q);
}

int db_step(struct db_stmt *q)
{
	return q->drv->step(q);
}

int db_run(struct db_stmt *q)
{
	int rc;

	while ((rc = db_step(q)) == 1)
		;
	return rc;
}

int db_exec(struct db_conn *c, const char *sql)
{
	struct db_stmt *q = db_stmt(c, sql);

	return q ? db_run(q) : STORE_ERROR;
}

int db_script(struct db_conn *c, const char *sql)
{
	return c->drv->exec(c, sql);
}

int64_t db_changes(struct db_conn *c)
{
	return c->drv->changes(c);
}

int db_copy(struct db_conn *c, const char *sql, struct buf *b)
{
	int rc;

	if (!c->drv->copy)
		return store_set_error(STORE_ERROR, "%s has no COPY",
		                       c->drv->name);
	if (!b->len)
		return STORE_OK;
	rc = c->drv->copy(c, sql, b->p, b->len);
	buf_clear(b);
	return rc;
}

void db_copy_field(struct buf *b, const char *s, int first)
{
	if (!first)
		buf_putc(b, '\t');
	if (!s) {
		buf_puts(b, "\\N");
		return;
	}
	for (const char *p = s, *run = s;; p++) {
		const char *esc = NULL;

		switch (*p) {
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\0': break;
		default: continue;
		}
		buf_append(b, run, (size_t)(p - run));
		if (!esc)
			return;
		buf_puts(b, esc);
		run = p + 1;
	}
}

void db_copy_int(struct buf *b, int64_t v, int id, int first)
{
	if (!first)
		buf_putc(b, '\t');
	if (id && !v)
		buf_puts(b, "\\N");
	else
		buf_printf(b, "%lld", (long long)v);
}

void db_copy_end(struct buf *b)
{
	buf_putc(b, '\n');
}

void db_bind_text(struct db_stmt *q, int i, const char *s)
{
	if (s)
		q->drv->bind_text(q, i, s, strlen(s));
	else
		q->drv->bind_null(q, i);
}

void db_bind_id(struct db_stmt *q, int i, int64_t id)
{
	if (id)
		q->drv->bind_int64(q, i, id);
	else
		q->drv->bind_null(q, i);
}

void db_bind_int64(struct db_stmt *q, int i, int64_t v)
{
	q->drv->bind_int64(q, i, v);
}

void db_bind_null(struct db_stmt *q, int i)
{
	q->drv->bind_null(q, i);
}

void db_bind_blob(struct db_stmt *q, int i, const void *p, size_t n)
{
	q->drv->bind_blob(q, i, p, n);
}

int db_col_null(struct db_stmt *q, int i)
{
	return q->drv->column_null(q, i);
}

int64_t db_col_int64(struct db_stmt *q, int i)
{
	return q->drv->column_int64(q, i);
}

double db_col_double(struct db_stmt *q, int i)
{
	return q->drv->column_double(q, i);
}

char *db_col_text(struct arena *a, struct db_stmt *q, int i)
{
	size_t n;
	const char *s = q->drv->column_text(q, i, &n);

	return s ? arena_strndup(a, s, n) : NULL;
}

const char *db_col_str(struct db_stmt *q, int i)
{
	size_t n;
	const char *s = q->drv->column_text(q, i, &n);

	return s ? s : "";
}

const void *db_col_blob(struct db_stmt *q, int i, size_t *n)
{
	return q->drv->column_blob(q, i, n);
}

/* ---- rows ---- */

void *db_grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size)
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

int db_rows(struct arena *a, struct db_stmt *q, size_t size, db_row_reader read,
            void *out, size_t *n)
{
	char *v = NULL;
	size_t k = 0, cap = 0;
	int rc;

	if (!q)
		return STORE_ERROR;
	while ((rc = db_step(q)) == 1) {
		v = db_grow(a, v, k, &cap, size);
		read(a, q, v + size * k++);
	}
	if (rc < 0)
		return rc;
	memcpy(out, &v, sizeof(v)); /* out points to the caller's T * */
	*n = k;
	return STORE_OK;
}

int db_row(struct arena *a, struct db_stmt *q, db_row_reader read, void *out,
           const char *what)
{
	int rc;

	if (!q)
		return STORE_ERROR;
	if ((rc = db_step(q)) < 0)
		return rc;
	if (!rc)
		return store_set_error(STORE_NOTFOUND, "no such %s", what);
	read(a, q, out);
	db_reset(q);
	return STORE_OK;
}

int db_ints(struct db_stmt *q, int64_t *const *out, size_t n)
{
	int rc;

	if (!q)
		return STORE_ERROR;
	if ((rc = db_step(q)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		*out[i] = rc ? db_col_int64(q, (int)i) : 0;
	if (rc)
		db_reset(q);
	return STORE_OK;
}

int db_one_int(struct db_conn *c, const char *sql, int64_t id, int64_t *out)
{
	return db_row(NULL, db_stmt_id(c, sql, id), db_read_int64, out, "row");
}

int db_changed(struct db_conn *c, const char *what, int64_t id)
{
	if (db_changes(c))
		return STORE_OK;
	return store_set_error(STORE_NOTFOUND, "no %s %lld", what,
	                       (long long)id);
}

void db_read_text(struct arena *a, struct db_stmt *q, void *elem)
{
	*(const char **)elem = db_col_text(a, q, 0);
}

void db_read_int64(struct arena *a, struct db_stmt *q, void *elem)
{
	(void)a;
	*(int64_t *)elem = db_col_int64(q, 0);
}

/* ---- writes and transactions ---- */

int db_write_begin(struct db_conn *c, int *top)
{
	*top = !c->drv->in_tx(c);
	if (*top)
		c->changed = 0;
	return db_exec(c, *top ? c->drv->begin_sql : "SAVEPOINT w");
}

int db_write_end(struct db_conn *c, int top, int rc)
{
	/* Followers on other connections (nodes) hear of the new
	 * changelog rows when they commit (NOTIFY is sent at commit). */
	if (rc == STORE_OK && top && c->changed && c->drv->notify_sql)
		rc = db_exec(c, c->drv->notify_sql);
	if (top)
		c->changed = 0;
	if (rc == STORE_OK) {
		int rc2 = db_exec(c, top ? "COMMIT" : "RELEASE SAVEPOINT w");
		if (rc2 == STORE_OK)
			return STORE_OK;
		rc = rc2;
	}
	if (c->broken)
		return rc;
	if (top) {
		if (c->drv->in_tx(c))
			db_exec(c, "ROLLBACK");
	} else if (c->drv->in_tx(c)) {
		/* Keep the error message of the failure, not of the undo. */
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", store_errmsg());
		db_exec(c, "ROLLBACK TO SAVEPOINT w");
		db_exec(c, "RELEASE SAVEPOINT w");
		store_set_error(rc, "%s", msg);
	}
	return rc;
}

int db_tx_begin(struct db_conn *c)
{
	int rc;

	if (c->in_tx || c->drv->in_tx(c))
		return store_set_error(STORE_INVALID,
		                       "a transaction is already open");
	c->changed = 0;
	if ((rc = db_exec(c, c->drv->begin_sql)) == STORE_OK)
		c->in_tx = 1;
	return rc;
}

int db_tx_end(struct db_conn *c, int commit)
{
	if (!c->in_tx)
		return store_set_error(STORE_INVALID, "no transaction is open");
	c->in_tx = 0;
	if (!c->drv->in_tx(c)) /* the engine rolled it back */
		return commit ? store_set_error(STORE_ERROR,
		                                "the transaction was rolled "
		                                "back after an error")
		              : STORE_OK;
	if (commit)
		return db_write_end(c, 1, STORE_OK);
	return db_exec(c, "ROLLBACK");
}

int db_change(struct db_conn *c, enum store_kind kind, int64_t id,
              enum store_op op)
{
	struct db_stmt *q = db_stmt(
	        c,
	        "INSERT INTO changes (kind, entity_id, op) VALUES (?, ?, ?)");

	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, store_kind_name(kind));
	db_bind_int64(q, 2, id);
	db_bind_text(q, 3, op == STORE_OP_DELETE ? "delete" : "upsert");
	c->changed = 1;
	return db_run(q);
}

char *db_now(char out[DB_NOW_SIZE])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DB_NOW_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* ---- placeholders ---- */

char *db_dollar_params(const char *sql, int *n_params)
{
	size_t n = strlen(sql);
	/* "?" becomes "$NNNNN" at most: six bytes per byte is plenty. */
	char *out = xmalloc(n * 6 + 1), *o = out;
	int max = 0;

	for (const char *p = sql; *p;) {
		if (*p == '\'' || *p == '"') {
			char quote = *p;

			*o++ = *p++;
			while (*p && *p != quote)
				*o++ = *p++;
			if (*p)
				*o++ = *p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				*o++ = *p++;
		} else if (*p == '?') {
			int k = 0;

			p++;
			if (*p >= '0' && *p <= '9') {
				while (*p >= '0' && *p <= '9')
					k = k * 10 + (*p++ - '0');
			} else {
				k = max + 1; /* SQLite: one past the highest */
			}
			if (k > max)
				max = k;
			o += sprintf(o, "$%d", k);
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	*n_params = max;
	return out;
}
