/* store/resets.c: password reset tokens (issue 11), on either engine.
 *
 * A reset is a row of password_resets (migration 11): the BLAKE2b hash
 * of a random token mailed to the account's owner (the token itself is
 * never stored), the account, when it was made and when it expires, and
 * when it was used. Using one marks it and every other open token of the
 * account used, in the caller's transaction, so a token works once and
 * an older mail's link dies with it. Rows expired a day ago are pruned
 * when a new one is added; an account's deletion removes its rows.
 */
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

#define PRUNE_AFTER_S 86400

int store_reset_add(struct store *st, int64_t user_id, const char *token_hash,
                    int64_t now, int64_t expires_at)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!token_hash || !*token_hash || expires_at <= now)
		return store_set_error(STORE_INVALID, "bad reset token");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt_id(c, "DELETE FROM password_resets WHERE expires_at < ?",
	               now - PRUNE_AFTER_S);
	if ((rc = db_run(q)))
		goto done;
	q = db_stmt(c, "INSERT INTO password_resets (token_hash, user_id,"
	               " created_at, expires_at) VALUES (?, ?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, token_hash);
	db_bind_int64(q, 2, user_id);
	db_bind_int64(q, 3, now);
	db_bind_int64(q, 4, expires_at);
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

static void read_reset(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_reset *r = elem;

	(void)a;
	r->user_id = db_col_int64(q, 0);
	r->created_at = db_col_int64(q, 1);
	r->expires_at = db_col_int64(q, 2);
	r->used_at = db_col_null(q, 3) ? 0 : db_col_int64(q, 3);
}

int store_reset_get(struct store *st, const char *token_hash,
                    struct store_reset *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT user_id, created_at, expires_at, used_at"
	               " FROM password_resets WHERE token_hash = ?");
	if (q)
		db_bind_text(q, 1, token_hash ? token_hash : "");
	memset(out, 0, sizeof(*out));
	return db_row(NULL, q, read_reset, out, "reset token");
}

int store_reset_use(struct store *st, const char *token_hash, int64_t now,
                    int64_t *user_id)
{
	struct store_reset r;
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = store_reset_get(st, token_hash, &r)))
		goto done;
	if (r.used_at || r.expires_at <= now) {
		rc = store_set_error(STORE_CONFLICT, "reset token %s",
		                     r.used_at ? "used" : "expired");
		goto done;
	}
	q = db_stmt(c, "UPDATE password_resets SET used_at = ?"
	               " WHERE user_id = ? AND used_at IS NULL");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, now);
	db_bind_int64(q, 2, r.user_id);
	if ((rc = db_run(q)) == STORE_OK)
		*user_id = r.user_id;
done:
	return db_write_end(c, top, rc);
}
