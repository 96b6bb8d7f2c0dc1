/* store/db_pg.c: the PostgreSQL driver of the store's query API
 * (store/db.h), over libpq.
 *
 * Each thread has its own connection (store/db.c) with its own prepared
 * statements, named s1, s2, ... in the order the thread first used them.
 * A statement's `?`/`?N` placeholders are rewritten to `$N` once, when it
 * is first asked for; it is prepared on the server at its first execution,
 * with the types of that execution's bindings (integers as bigint, bytes
 * as bytea, text and NULL left for the server to infer), so `?1 = 0` is a
 * bigint comparison and not an int4 one. Values travel as text, bytes as
 * binary; results come back as text and are converted when read
 * (booleans "t"/"f" read as 1/0, bytea decoded from its hex form).
 *
 * Errors map by SQLSTATE: unique violation 23505 is STORE_CONFLICT, the
 * other integrity violations (class 23) STORE_INVALID, serialization
 * failure and deadlock (40001, 40P01) STORE_RETRY, lock and statement
 * timeouts (55P03, 57014) STORE_BUSY, and a lost connection (class 08,
 * 57P01-57P03, or a connection libpq reports bad) STORE_UNAVAILABLE: the
 * connection is marked broken, and the thread's next store call outside
 * a transaction resets it (PQreset) and prepares its statements again.
 */
#include "store/db.h"

#ifdef ASKDOC_WITH_PG

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "util/util.h"

/* Type OIDs of the server's catalog (pg_type.dat). */
#define OID_BOOL  16
#define OID_BYTEA 17
#define OID_INT8  20
#define OID_TEXT  25

struct pg_conn {
	struct db_conn base;
	PGconn *pg;
	unsigned next_name; /* of prepared statements */
	int64_t changes;    /* rows of the last command */
	char listen[64];    /* the channel LISTENed on, "" for none */
	int lock_ms;        /* lock_timeout set on the session, -1 unknown */
};

struct pg_param {
	const char *value; /* NULL for SQL NULL */
	int length;        /* bytes, for binary values */
	int format;        /* 0 text, 1 binary */
	Oid type;          /* at the first execution; 0 lets the server infer */
	char num[24];      /* an integer's text */
};

struct pg_stmt {
	struct db_stmt base;
	char *sql; /* with $N placeholders */
	int n_params;
	struct pg_param *params;
	char name[16]; /* "" until prepared on the server */
	PGresult *res; /* the rows of the running execution */
	int row, n_rows;
	unsigned char *blob; /* the last bytea read, PQunescapeBytea's */
};

#define PC(c) ((struct pg_conn *)(c))
#define PS(q) ((struct pg_stmt *)(q))

static void quiet(void *arg, const char *message)
{
	(void)arg, (void)message; /* NOTICEs are not errors */
}

/* Record res's error (or the connection's) and return its STORE_* code. */
static int pg_fail(struct pg_conn *c, const PGresult *res)
{
	const char *state =
	        res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : NULL;
	int code = STORE_ERROR;
	size_t n;

	if (!msg || !*msg)
		msg = PQerrorMessage(c->pg);
	if (!state)
		state = "";
	if (!strcmp(state, "23505"))
		code = STORE_CONFLICT;
	else if (!strncmp(state, "23", 2))
		code = STORE_INVALID;
	else if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		code = STORE_RETRY;
	else if (!strcmp(state, "55P03") || !strcmp(state, "57014"))
		code = STORE_BUSY;
	else if (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
	         !strcmp(state, "57P02") || !strcmp(state, "57P03") ||
	         PQstatus(c->pg) == CONNECTION_BAD)
		code = STORE_UNAVAILABLE;
	if (code == STORE_UNAVAILABLE)
		c->base.broken = 1;
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	return store_set_error(code, "postgres: %.*s%s%s%s", (int)n, msg,
	                       *state ? " (" : "", state, *state ? ")" : "");
}

static int pg_open(struct db *d, int create, struct db_conn **out)
{
	struct pg_conn *c = xcalloc(1, sizeof(*c));

	(void)create; /* a server's database is made by its administrator */
	c->pg = PQconnectdb(d->url);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		const char *msg = c->pg ? PQerrorMessage(c->pg) : "no memory";
		/* libpq's messages end in a newline */
		int rc = store_set_error(STORE_UNAVAILABLE,
		                         "postgres: cannot connect: %.*s",
		                         (int)strcspn(msg, "\n"), msg);

		PQfinish(c->pg);
		free(c);
		return rc;
	}
	PQsetNoticeProcessor(c->pg, quiet, NULL);
	c->lock_ms = -1;
	*out = &c->base;
	return STORE_OK;
}

static void pg_close(struct db_conn *c)
{
	PQfinish(PC(c)->pg);
	free(c);
}

static int pg_check(struct db_conn *c)
{
	PQreset(PC(c)->pg);
	if (PQstatus(PC(c)->pg) != CONNECTION_OK)
		return store_set_error(STORE_UNAVAILABLE,
		                       "postgres: cannot reconnect");
	PC(c)->next_name = 0;
	PC(c)->lock_ms = -1; /* a new session has the server's default */
	/* A new session listens to nothing: listen again. */
	if (PC(c)->listen[0]) {
		char sql[96];
		PGresult *res;
		int ok;

		snprintf(sql, sizeof(sql), "LISTEN %s", PC(c)->listen);
		res = PQexec(PC(c)->pg, sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		PQclear(res);
		if (!ok)
			return store_set_error(STORE_UNAVAILABLE,
			                       "postgres: cannot listen again");
	}
	return STORE_OK;
}

/* Idle, yet the socket is readable: the server said something on its
 * own (a notice, or that it is shutting down) or closed the connection.
 * Read it; the connection is stale when libpq then finds it bad. */
static int pg_stale(struct db_conn *dc)
{
	struct pg_conn *c = PC(dc);
	struct pollfd p = {.events = POLLIN};

	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		return PQstatus(c->pg) == CONNECTION_BAD;
	p.fd = PQsocket(c->pg);
	if (p.fd < 0)
		return 1;
	/* A server ending the session sends why, then closes: the end of
	 * the stream is seen by the read after the message's. Notices
	 * read here stay queued for PQnotifies (drain). */
	for (int i = 0; i < 4 && poll(&p, 1, 0) > 0; i++)
		if (!PQconsumeInput(c->pg) || PQstatus(c->pg) == CONNECTION_BAD)
			return 1;
	return 0;
}

static int pg_prepare(struct db_conn *c, const char *sql, struct db_stmt **out)
{
	struct pg_stmt *q = xcalloc(1, sizeof(*q));

	q->sql = db_dollar_params(sql, &q->n_params);
	q->params = xcalloc((size_t)q->n_params + 1, sizeof(*q->params));
	/* A number the text leaves out (a filter some variants of a query
	 * skip) gets a type, or the server cannot prepare it. */
	for (int i = 0; i < q->n_params; i++)
		q->params[i].type = OID_TEXT;
	for (const char *p = strchr(q->sql, '$'); p; p = strchr(p + 1, '$')) {
		int k = atoi(p + 1);

		if (k >= 1 && k <= q->n_params)
			q->params[k - 1].type = 0;
	}
	*out = &q->base;
	return STORE_OK;
}

static void clear_result(struct pg_stmt *q)
{
	PQclear(q->res);
	q->res = NULL;
	q->row = q->n_rows = 0;
	if (q->blob)
		PQfreemem(q->blob);
	q->blob = NULL;
}

static void pg_finalize(struct db_stmt *dq)
{
	struct pg_stmt *q = PS(dq);

	clear_result(q);
	free(q->params);
	free(q->sql);
	free(q);
}

static void pg_reset(struct db_stmt *dq)
{
	struct pg_stmt *q = PS(dq);

	clear_result(q);
	for (int i = 0; i < q->n_params; i++) {
		q->params[i].value = NULL;
		q->params[i].format = 0;
		q->params[i].length = 0;
	}
}

static struct pg_param *param(struct db_stmt *q, int i)
{
	/* A number past the statement's placeholders is a bug of ours. */
	if (i < 1 || i > PS(q)->n_params) {
		fprintf(stderr, "askdoc: store: parameter %d of %d\n", i,
		        PS(q)->n_params);
		abort();
	}
	return &PS(q)->params[i - 1];
}

static void pg_bind_null(struct db_stmt *q, int i)
{
	struct pg_param *p = param(q, i);

	p->value = NULL;
	p->format = 0;
}

static void pg_bind_int64(struct db_stmt *q, int i, int64_t v)
{
	struct pg_param *p = param(q, i);

	snprintf(p->num, sizeof(p->num), "%lld", (long long)v);
	p->value = p->num;
	p->format = 0;
	if (!PS(q)->name[0])
		p->type = OID_INT8;
}

static void pg_bind_text(struct db_stmt *q, int i, const char *s, size_t n)
{
	struct pg_param *p = param(q, i);

	p->value = s; /* text values are NUL-terminated */
	p->length = (int)n;
	p->format = 0;
}

static void pg_bind_blob(struct db_stmt *q, int i, const void *v, size_t n)
{
	struct pg_param *p = param(q, i);

	p->value = n ? v : "";
	p->length = (int)n;
	p->format = 1;
	if (!PS(q)->name[0])
		p->type = OID_BYTEA;
}

static int execute(struct pg_stmt *q)
{
	struct pg_conn *c = PC(q->base.conn);
	int n = q->n_params;
	const char **values = xcalloc((size_t)n + 1, sizeof(*values));
	int *lengths = xcalloc((size_t)n + 1, sizeof(*lengths));
	int *formats = xcalloc((size_t)n + 1, sizeof(*formats));
	PGresult *res = NULL;
	int rc = STORE_OK;

	if (!q->name[0]) {
		Oid *types = xcalloc((size_t)n + 1, sizeof(*types));
		char name[16];

		for (int i = 0; i < n; i++)
			types[i] = q->params[i].type;
		snprintf(name, sizeof(name), "s%u", ++c->next_name);
		res = PQprepare(c->pg, name, q->sql, n, types);
		free(types);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			rc = pg_fail(c, res);
			goto done;
		}
		PQclear(res);
		memcpy(q->name, name, sizeof(name));
	}
	for (int i = 0; i < n; i++) {
		values[i] = q->params[i].value;
		lengths[i] = q->params[i].length;
		formats[i] = q->params[i].format;
	}
	store_statement_ran();
	res = PQexecPrepared(c->pg, q->name, n, values, lengths, formats, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		q->res = res;
		q->row = -1;
		q->n_rows = PQntuples(res);
		c->changes = strtoll(PQcmdTuples(res), NULL, 10);
		res = NULL;
		break;
	case PGRES_COMMAND_OK:
		c->changes = strtoll(PQcmdTuples(res), NULL, 10);
		break;
	default: rc = pg_fail(c, res);
	}
done:
	PQclear(res);
	free(values);
	free(lengths);
	free(formats);
	return rc;
}

static int pg_step(struct db_stmt *dq)
{
	struct pg_stmt *q = PS(dq);
	int rc;

	if (!q->res) {
		if ((rc = execute(q)))
			return rc;
		if (!q->res)
			return 0; /* a command without rows */
	}
	if (q->blob) {
		PQfreemem(q->blob);
		q->blob = NULL;
	}
	if (++q->row < q->n_rows)
		return 1;
	clear_result(q);
	return 0;
}

static int pg_column_null(struct db_stmt *q, int i)
{
	return PQgetisnull(PS(q)->res, PS(q)->row, i);
}

static int64_t pg_column_int64(struct db_stmt *dq, int i)
{
	struct pg_stmt *q = PS(dq);
	const char *v;

	if (PQgetisnull(q->res, q->row, i))
		return 0;
	v = PQgetvalue(q->res, q->row, i);
	if (PQftype(q->res, i) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double pg_column_double(struct db_stmt *dq, int i)
{
	struct pg_stmt *q = PS(dq);

	if (PQgetisnull(q->res, q->row, i))
		return 0;
	return strtod(PQgetvalue(q->res, q->row, i), NULL);
}

static const char *pg_column_text(struct db_stmt *dq, int i, size_t *n)
{
	struct pg_stmt *q = PS(dq);

	if (PQgetisnull(q->res, q->row, i)) {
		*n = 0;
		return NULL;
	}
	*n = (size_t)PQgetlength(q->res, q->row, i);
	return PQgetvalue(q->res, q->row, i);
}

static const void *pg_column_blob(struct db_stmt *dq, int i, size_t *n)
{
	struct pg_stmt *q = PS(dq);

	*n = 0;
	if (PQgetisnull(q->res, q->row, i))
		return NULL;
	if (PQftype(q->res, i) != OID_BYTEA)
		return pg_column_text(dq, i, n);
	if (q->blob)
		PQfreemem(q->blob);
	q->blob = PQunescapeBytea(
	        (const unsigned char *)PQgetvalue(q->res, q->row, i), n);
	return q->blob;
}

static int pg_exec(struct db_conn *dc, const char *sql)
{
	struct pg_conn *c = PC(dc);
	PGresult *res;
	int rc = STORE_OK;

	store_statement_ran();
	res = PQexec(c->pg, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		c->changes = strtoll(PQcmdTuples(res), NULL, 10);
		break;
	default: rc = pg_fail(c, res);
	}
	PQclear(res);
	return rc;
}

static int64_t pg_changes(struct db_conn *c)
{
	return PC(c)->changes;
}

static int pg_in_tx(struct db_conn *c)
{
	PGTransactionStatusType s = PQtransactionStatus(PC(c)->pg);

	return s == PQTRANS_INTRANS || s == PQTRANS_INERROR ||
	       s == PQTRANS_ACTIVE;
}

/* A write that changes nothing, rolled back: refused by a standby
 * (25006), by a read-only default, or after the lock timeout. */
static int pg_writable(struct db_conn *c)
{
	int rc;

	if (pg_in_tx(c))
		return store_set_error(STORE_INVALID,
		                       "a transaction is already open");
	if ((rc = pg_exec(c, "BEGIN")))
		return rc;
	rc = pg_exec(c, "UPDATE askdoc_schema SET version = version");
	pg_exec(c, "ROLLBACK");
	return rc;
}

/* The web layer sets the wait before every request: a round trip to
 * the server only when it changes. */
static int pg_busy_timeout(struct db_conn *dc, int ms)
{
	struct pg_conn *c = PC(dc);
	char sql[64];
	int rc;

	if (ms < 0)
		ms = 0;
	if (ms == c->lock_ms && !pg_in_tx(dc))
		return STORE_OK;
	snprintf(sql, sizeof(sql), "SET lock_timeout = %d", ms);
	rc = pg_exec(dc, sql);
	/* Inside a transaction SET is undone by a rollback: not kept. */
	c->lock_ms = rc == STORE_OK && !pg_in_tx(dc) ? ms : -1;
	return rc;
}

static int pg_listen(struct db_conn *c, const char *channel)
{
	char sql[96];
	int rc;

	if (strlen(channel) >= sizeof(PC(c)->listen))
		return store_set_error(STORE_INVALID, "channel name too long");
	snprintf(sql, sizeof(sql), "LISTEN %s", channel);
	if ((rc = pg_exec(c, sql)) == STORE_OK)
		snprintf(PC(c)->listen, sizeof(PC(c)->listen), "%s", channel);
	return rc;
}

/* Read what the server sent; 1 when it held a notice. */
static int drain(struct pg_conn *c)
{
	PGnotify *n;
	int got = 0;

	if (!PQconsumeInput(c->pg))
		return pg_fail(c, NULL);
	while ((n = PQnotifies(c->pg))) {
		got = 1;
		PQfreemem(n);
	}
	return got;
}

static int pg_wait(struct db_conn *dc, int ms)
{
	struct pg_conn *c = PC(dc);
	struct pollfd p = {.events = POLLIN};
	int rc;

	if ((rc = drain(c)))
		return rc; /* a notice came in with an earlier result */
	p.fd = PQsocket(c->pg);
	if (p.fd < 0)
		return pg_fail(c, NULL);
	rc = poll(&p, 1, ms);
	if (rc < 0)
		return errno == EINTR ? 0
		                      : store_set_error(STORE_ERROR, "poll: %s",
		                                        strerror(errno));
	return rc ? drain(c) : 0;
}

/* COPY ... FROM STDIN: the rows go in one PQputCopyData (libpq sends
 * them in pieces), then the server's verdict. */
#define PG_COPY_PIECE (256 * 1024)

static int pg_copy(struct db_conn *dc, const char *sql, const char *data,
                   size_t n)
{
	struct pg_conn *c = PC(dc);
	PGresult *res;
	int rc = STORE_OK;

	store_statement_ran();
	res = PQexec(c->pg, sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = pg_fail(c, res);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	/* In pieces: libpq sends what it holds before taking more, so the
	 * server parses rows while the rest is handed over, and libpq's
	 * buffer stays small instead of growing to the whole batch. */
	while (n > 0) {
		int k = n > PG_COPY_PIECE ? PG_COPY_PIECE : (int)n;

		if (PQputCopyData(c->pg, data, k) != 1)
			break;
		data += k;
		n -= (size_t)k;
	}
	if (PQputCopyEnd(c->pg, n ? "askdoc: copy failed" : NULL) != 1)
		rc = pg_fail(c, NULL);
	while ((res = PQgetResult(c->pg))) {
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			c->changes = strtoll(PQcmdTuples(res), NULL, 10);
		else if (rc == STORE_OK)
			rc = pg_fail(c, res);
		PQclear(res);
	}
	return rc;
}

const struct db_driver db_pg_driver = {
        .name = "postgres",
        .open = pg_open,
        .close = pg_close,
        .check = pg_check,
        .stale = pg_stale,
        .prepare = pg_prepare,
        .finalize = pg_finalize,
        .reset = pg_reset,
        .bind_null = pg_bind_null,
        .bind_int64 = pg_bind_int64,
        .bind_text = pg_bind_text,
        .bind_blob = pg_bind_blob,
        .step = pg_step,
        .column_null = pg_column_null,
        .column_int64 = pg_column_int64,
        .column_double = pg_column_double,
        .column_text = pg_column_text,
        .column_blob = pg_column_blob,
        .exec = pg_exec,
        .changes = pg_changes,
        .in_tx = pg_in_tx,
        .begin_sql = "BEGIN",
        .writable = pg_writable,
        .busy_timeout = pg_busy_timeout,
        .listen = pg_listen,
        .wait = pg_wait,
        .notify_sql = "NOTIFY " DB_CHANGES_CHANNEL,
        .copy = pg_copy,
};

#endif /* ASKDOC_WITH_PG */
