/* store/store.c: backend choice, dispatch and the store's small shared
 * helpers (enum names, error text).
 *
 * store_open() looks at the URL's scheme and calls a backend constructor;
 * every other public function forwards to the backend's table
 * (store/backend.h). Lookups that differ only in their key (by id, by slug,
 * by external id) share one backend operation. The last error message is
 * thread-local, so threads sharing a store never see each other's errors.
 */
#include "store/store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/backend.h"
#include "store/db.h"
#include "util/util.h"

static _Thread_local char errmsg[1024];

/* Call operation op of st's function table (every public function names
 * its store st), or fail when st's backend does not have it yet: the
 * operations still written for SQLite only (issue 15). */
#define CALL(op, ...)                                                          \
	(st->ops->op ? st->ops->op(__VA_ARGS__) : unsupported(#op))

static int unsupported(const char *op)
{
	return store_set_error(
	        STORE_ERROR, "store_%s is not available on PostgreSQL yet", op);
}

int store_set_error(int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof(errmsg), fmt, ap);
	va_end(ap);
	return rc;
}

const char *store_errmsg(void)
{
	return errmsg;
}

const char *store_strerror(int rc)
{
	switch (rc) {
	case STORE_OK: return "ok";
	case STORE_NOTFOUND: return "not found";
	case STORE_CONFLICT: return "already exists";
	case STORE_INVALID: return "invalid argument";
	case STORE_BUSY: return "database busy";
	case STORE_ERROR: return "database error";
	case STORE_FULL: return "disk full";
	case STORE_RETRY: return "transaction conflict, retry";
	case STORE_UNAVAILABLE: return "database unavailable";
	}
	return "unknown error";
}

static const char *const kind_names[] = {
        [STORE_KIND_QA] = "qa",
        [STORE_KIND_FAQ] = "faq",
        [STORE_KIND_ARTICLE] = "article",
        [STORE_KIND_TOPIC] = "topic",           /* in the changelog only */
        [STORE_KIND_COMMENT] = "comment",       /* in the changelog only */
        [STORE_KIND_USER] = "user",             /* audit rows only */
        [STORE_KIND_DEPARTMENT] = "department", /* audit rows only */
};

static const char *const role_names[] = {
        [STORE_ROLE_PATIENT] = "patient",
        [STORE_ROLE_DOCTOR] = "doctor",
        [STORE_ROLE_MODERATOR] = "moderator",
        [STORE_ROLE_ADMIN] = "admin",
};

static const char *const qstatus_names[] = {
        [STORE_Q_WAITING] = "waiting",
        [STORE_Q_ANSWERED] = "answered",
        [STORE_Q_PUBLISHED] = "published",
        [STORE_Q_REJECTED] = "rejected",
        [STORE_Q_WITHDRAWN] = "withdrawn",
        [STORE_Q_UNPUBLISHED] = "unpublished",
};

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n && names[v] ? names[v] : "?";
}

static int parse_name(const char *const *names, size_t n, const char *name,
                      int *out)
{
	for (size_t i = 0; name && i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0) {
			*out = (int)i;
			return STORE_OK;
		}
	return STORE_INVALID;
}

const char *store_kind_name(enum store_kind kind)
{
	return name_of(kind_names, ARRAY_SIZE(kind_names), (int)kind);
}

int store_kind_parse(const char *name, enum store_kind *out)
{
	int v, rc = parse_name(kind_names, ARRAY_SIZE(kind_names), name, &v);
	if (rc == STORE_OK)
		*out = (enum store_kind)v;
	return rc;
}

const char *store_role_name(enum store_role role)
{
	return name_of(role_names, ARRAY_SIZE(role_names), (int)role);
}

int store_role_parse(const char *name, enum store_role *out)
{
	int v, rc = parse_name(role_names, ARRAY_SIZE(role_names), name, &v);
	if (rc == STORE_OK)
		*out = (enum store_role)v;
	return rc;
}

const char *store_qstatus_name(enum store_qstatus status)
{
	return name_of(qstatus_names, ARRAY_SIZE(qstatus_names), (int)status);
}

int store_qstatus_parse(const char *name, enum store_qstatus *out)
{
	int v, rc = parse_name(qstatus_names, ARRAY_SIZE(qstatus_names), name,
	                       &v);
	if (rc == STORE_OK)
		*out = (enum store_qstatus)v;
	return rc;
}

int store_open(const char *url, unsigned flags, struct store **out)
{
	*out = NULL;
	errmsg[0] = '\0';
	if (!url || !*url)
		return store_set_error(STORE_INVALID, "no database given");
	if (str_starts(url, "postgres://") || str_starts(url, "postgresql://"))
#ifdef ASKDOC_WITH_PG
		return store_pg_open(url, out);
#else
		return store_set_error(
		        STORE_ERROR, "this askdoc is built without PostgreSQL");
#endif
	if (str_starts(url, "sqlite:"))
		url += strlen("sqlite:");
	return store_sqlite_open(url, flags, out);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_free(st->db);
	free(st);
}

static _Thread_local uint64_t statements;

void store_statement_ran(void)
{
	statements++;
}

uint64_t store_statements(void)
{
	return statements;
}

void store_thread_release(struct store *st)
{
	db_thread_release(st->db);
}

const char *store_backend(const struct store *st)
{
	return st->db->drv->name;
}

int store_tx_begin(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_begin(c);
}

int store_tx_commit(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_end(c, 1);
}

int store_tx_rollback(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_end(c, 0);
}

/* A pause of about base_ms << k, jittered to [1/2, 3/2) of that and
 * capped, so that two transactions that collided do not collide again. */
static void tx_pause(int k)
{
	static _Thread_local uint64_t seed;
	struct timespec ts;
	long ms;

	if (!seed) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		seed = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
		       (uint64_t)(uintptr_t)&ts;
		seed |= 1;
	}
	seed ^= seed << 13; /* xorshift64 */
	seed ^= seed >> 7;
	seed ^= seed << 17;
	ms = 5L << k;
	ms = ms / 2 + (long)(seed % (uint64_t)ms);
	if (ms > STORE_TX_MAX_PAUSE_MS)
		ms = STORE_TX_MAX_PAUSE_MS;
	ts.tv_sec = 0;
	ts.tv_nsec = ms * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

int store_tx_run(struct store *st, store_tx_work work, void *arg,
                 unsigned flags, int *attempts)
{
	int rc = STORE_ERROR, n;

	for (n = 1; n <= STORE_TX_ATTEMPTS; n++) {
		if (n > 1)
			tx_pause(n - 2);
		if ((rc = store_tx_begin(st)) == STORE_OK) {
			if ((rc = work(st, arg)) != STORE_OK) {
				store_tx_rollback(st);
			} else if ((rc = store_tx_commit(st)) ==
			                   STORE_UNAVAILABLE &&
			           !(flags & STORE_TX_IDEMPOTENT)) {
				/* It may have committed: never twice. */
				break;
			}
		}
		if (rc != STORE_RETRY && rc != STORE_UNAVAILABLE)
			break;
	}
	if (attempts)
		*attempts = n > STORE_TX_ATTEMPTS ? STORE_TX_ATTEMPTS : n;
	return rc;
}

int store_backup(struct store *st, const char *dest_path)
{
	return CALL(backup, st, dest_path);
}
