/* store/secrets.c: the server's secrets (the key that signs form
 * tokens), on either engine.
 *
 * Made once by the first server to start and shared by every server on
 * the database: the first writer's value wins (ON CONFLICT DO NOTHING
 * waits for a concurrent writer on PostgreSQL), and everyone then reads
 * the stored one.
 */
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

int store_secret_ensure(struct store *st, const char *name,
                        const unsigned char *candidate, size_t len,
                        unsigned char *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	const void *v;
	size_t n = 0;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "INSERT INTO secrets (name, value, created_at)"
	               " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, name);
	db_bind_blob(q, 2, candidate, len);
	db_bind_text(q, 3, db_now(now));
	if ((rc = db_run(q)))
		goto done;
	q = db_stmt(c, "SELECT value FROM secrets WHERE name = ?1");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, name);
	if ((rc = db_step(q)) < 0)
		goto done;
	if (rc == 1 && (v = db_col_blob(q, 0, &n)) && n == len) {
		memcpy(out, v, len);
		rc = STORE_OK;
	} else {
		rc = store_set_error(STORE_INVALID,
		                     "secret %s has the wrong length", name);
	}
	db_reset(q);
done:
	return db_write_end(c, top, rc);
}
