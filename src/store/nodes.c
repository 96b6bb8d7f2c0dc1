/* store/nodes.c: what several nodes on one database share, on either
 * engine: failure counters of rate limits and login throttles, view
 * counts added as increments, and periodic jobs one node runs at a time.
 */
#include "store/backend.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

int store_qa_views_add(struct store *st, int64_t id, int64_t n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (!(q = db_stmt_id(c,
	                     "UPDATE questions SET views = views + ?2"
	                     " WHERE id = ?1",
	                     id)))
		return STORE_ERROR;
	db_bind_int64(q, 2, n);
	if ((rc = db_run(q)))
		return rc;
	return db_changed(c, "question", id);
}

/* ---- throttles ---- */

int store_throttle_get(struct store *st, const char *name, const char *key,
                       int64_t now, int64_t *count, int64_t *expires)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t *const f[] = {count, expires};
	int rc;

	*count = *expires = 0;
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT count, expires FROM throttles"
	               " WHERE name = ?1 AND key = ?2 AND expires > ?3");
	if (q) {
		db_bind_text(q, 1, name);
		db_bind_text(q, 2, key);
		db_bind_int64(q, 3, now);
	}
	return db_ints(q, f, 2);
}

int store_throttle_fail(struct store *st, const char *name, const char *key,
                        int64_t now, int64_t window, int64_t *count)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t *const f[] = {count};
	int rc, top;

	*count = 0;
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	/* One statement: two nodes counting at once both count (the row
	 * is locked by the first, the second adds to what it wrote). */
	q = db_stmt(c, "INSERT INTO throttles (name, key, expires, count)"
	               " VALUES (?1, ?2, ?3 + ?4, 1)"
	               " ON CONFLICT (name, key) DO UPDATE SET"
	               " count = CASE WHEN throttles.expires <= ?3 THEN 1"
	               "  ELSE throttles.count + 1 END,"
	               " expires = CASE WHEN throttles.expires <= ?3"
	               "  THEN ?3 + ?4 ELSE throttles.expires END"
	               " RETURNING count");
	if (q) {
		db_bind_text(q, 1, name);
		db_bind_text(q, 2, key);
		db_bind_int64(q, 3, now);
		db_bind_int64(q, 4, window);
	}
	rc = db_ints(q, f, 1);
	return db_write_end(c, top, rc);
}

int store_throttle_reset(struct store *st, const char *name, const char *key)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "DELETE FROM throttles WHERE name = ?1 AND key = ?2");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, name);
	db_bind_text(q, 2, key);
	return db_run(q);
}

int store_throttle_purge(struct store *st, int64_t now, int64_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_run(db_stmt_id(
	             c, "DELETE FROM throttles WHERE expires <= ?", now))))
		return rc;
	if (n)
		*n = db_changes(c);
	return STORE_OK;
}

/* ---- periodic jobs ---- */

/* The advisory lock's key for job name: 'askd' (the migration lock's
 * number) in the high half, a hash of the name in the low half. */
static int64_t job_key(const char *name)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return (int64_t)((uint64_t)1634954084u << 32 | h);
}

int store_job_run(struct store *st, const char *name,
                  int (*fn)(struct store *st, void *ctx), void *ctx, int *ran)
{
	struct db_conn *c;
	int64_t got = 1;
	int rc;

	*ran = 0;
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_tx_begin(c)))
		return rc;
	if (c->drv != &db_sqlite_driver) {
		int64_t *const f[] = {&got};
		struct db_stmt *q =
		        db_stmt_id(c, "SELECT pg_try_advisory_xact_lock(?)",
		                   job_key(name));

		if ((rc = db_ints(q, f, 1))) {
			db_tx_end(c, 0);
			return rc;
		}
	}
	if (!got)
		return db_tx_end(c, 0); /* another node runs it now */
	*ran = 1;
	if ((rc = fn(st, ctx))) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", store_errmsg());
		db_tx_end(c, 0);
		return store_set_error(rc, "%s", msg);
	}
	return db_tx_end(c, 1);
}
