/* store/sqlite_resets.c: password reset tokens (issue 11) in SQLite.
 *
 * A reset is a row of password_resets: the BLAKE2b hash of a random
 * token mailed to the account's owner (the token itself is never
 * stored), the account, when it was made and when it expires, and when
 * it was used. Using one marks it and every other open token of the
 * account used, in the caller's transaction, so a token works once and
 * an older mail's link dies with it. Rows expired a day ago are pruned
 * when a new one is added; an account's deletion removes its rows.
 */
#include "store/sqlite_int.h"

#include <string.h>

/* Migration: the tokens (appended to sqlite_schema.c's array). */
const char sq_schema_resets[] =
        "CREATE TABLE password_resets ("
        " token_hash TEXT PRIMARY KEY,"
        " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
        " created_at INTEGER NOT NULL,"
        " expires_at INTEGER NOT NULL,"
        " used_at INTEGER) WITHOUT ROWID;"
        "CREATE INDEX password_resets_user ON password_resets(user_id);";

#define PRUNE_AFTER_S 86400

int sq_reset_add(struct store *st, int64_t user_id, const char *token_hash,
                 int64_t now, int64_t expires_at)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!token_hash || !*token_hash || expires_at <= now)
		return store_set_error(STORE_INVALID, "bad reset token");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "DELETE FROM password_resets WHERE expires_at < ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, now - PRUNE_AFTER_S);
	if ((rc = sq_run(c, q)))
		goto done;
	q = sq_stmt(c, "INSERT INTO password_resets (token_hash, user_id,"
	               " created_at, expires_at) VALUES (?, ?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, token_hash);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int64(q, 4, expires_at);
	rc = sq_run(c, q);
done:
	return sq_write_end(c, top, rc);
}

static void read_reset(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_reset *r = elem;

	(void)a;
	r->user_id = sqlite3_column_int64(q, 0);
	r->created_at = sqlite3_column_int64(q, 1);
	r->expires_at = sqlite3_column_int64(q, 2);
	r->used_at = sqlite3_column_type(q, 3) == SQLITE_NULL
	                     ? 0
	                     : sqlite3_column_int64(q, 3);
}

int sq_reset_get(struct store *st, const char *token_hash,
                 struct store_reset *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT user_id, created_at, expires_at, used_at"
	               " FROM password_resets WHERE token_hash = ?");
	if (q)
		sq_bind_text(q, 1, token_hash ? token_hash : "");
	memset(out, 0, sizeof(*out));
	return sq_row(c, NULL, q, read_reset, out, "reset token");
}

int sq_reset_use(struct store *st, const char *token_hash, int64_t now,
                 int64_t *user_id)
{
	struct store_reset r;
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_reset_get(st, token_hash, &r)))
		goto done;
	if (r.used_at || r.expires_at <= now) {
		rc = store_set_error(STORE_CONFLICT, "reset token %s",
		                     r.used_at ? "used" : "expired");
		goto done;
	}
	q = sq_stmt(c, "UPDATE password_resets SET used_at = ?"
	               " WHERE user_id = ? AND used_at IS NULL");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int64(q, 2, r.user_id);
	if ((rc = sq_run(c, q)) == STORE_OK)
		*user_id = r.user_id;
done:
	return sq_write_end(c, top, rc);
}
