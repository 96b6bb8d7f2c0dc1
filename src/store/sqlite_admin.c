/* store/sqlite_admin.c: account administration in SQLite: sliding
 * sessions, the doctors waiting for verification, roles and disabling.
 *
 * These are the writes behind the admin pages. Disabling a user deletes
 * its sessions in the same transaction, so a disabled account is signed
 * out everywhere at once (session lookups also skip disabled users, so
 * even a session created in a race stays useless). Verification only
 * touches a profile still waiting: verifying twice reports NOTFOUND and
 * keeps the first verifier and time. The admins' audit-log viewer reads
 * here too: rows newest first with the names of who and what, looked up
 * at reading time (a renamed topic shows its new name; a deleted
 * question's rejection reason is gone with it).
 */
#include "store/sqlite_int.h"

#include <string.h>

int sq_session_touch(struct store *st, const char *token_hash,
                     int64_t expires_at)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "UPDATE sessions SET expires_at = ?"
	               " WHERE token_hash = ?");
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, expires_at);
	sq_bind_text(q, 2, token_hash);
	if ((rc = sq_run(c, q)))
		return rc;
	return sqlite3_changes(c->db)
	               ? STORE_OK
	               : store_set_error(STORE_NOTFOUND, "no such session");
}

static int delete_user_sessions(struct conn *c, int64_t user_id, int64_t *n)
{
	int rc = sq_run_ids(c, "DELETE FROM sessions WHERE user_id = ?",
	                    user_id, 0);

	if (rc == STORE_OK && n)
		*n = sqlite3_changes(c->db);
	return rc;
}

int sq_session_delete_user(struct store *st, int64_t user_id, int64_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return delete_user_sessions(c, user_id, n);
}

int sq_doctor_pending(struct store *st, struct arena *a, struct doctor **out,
                      size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_rows(c, a,
	               sq_stmt(c, SQ_DOCTOR_SELECT
	                       " WHERE d.verified_at IS NULL AND u.disabled = 0"
	                       " AND u.role = 'doctor'"
	                       " ORDER BY u.created_at, u.id"),
	               sizeof(**out), sq_read_doctor, out, n);
}

int sq_doctor_verify(struct store *st, int64_t user_id, int64_t verifier_id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "UPDATE doctors SET"
	               " verified_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	               " verified_by = ?"
	               " WHERE user_id = ? AND verified_at IS NULL");
	if (!q)
		return STORE_ERROR;
	sq_bind_id(q, 1, verifier_id);
	sqlite3_bind_int64(q, 2, user_id);
	if ((rc = sq_run(c, q)))
		return rc;
	if (!sqlite3_changes(c->db))
		return store_set_error(
		        STORE_NOTFOUND,
		        "no doctor %lld waiting for verification",
		        (long long)user_id);
	return STORE_OK;
}

int sq_user_set_role(struct store *st, int64_t id, enum store_role role)
{
	const char *name = store_role_name(role);

	if (!strcmp(name, "?"))
		return store_set_error(STORE_INVALID, "unknown role %d",
		                       (int)role);
	return sq_user_set_text(st,
	                        "UPDATE users SET role = ? WHERE id = ?"
	                        " AND deleted_at IS NULL",
	                        name, id);
}

int sq_user_set_disabled(struct store *st, int64_t id, int disabled)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if (!(q = sq_stmt(c, "UPDATE users SET disabled = ? WHERE id = ?"
	                     " AND deleted_at IS NULL"))) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int(q, 1, disabled != 0);
	sqlite3_bind_int64(q, 2, id);
	if ((rc = sq_run(c, q)) || (rc = sq_changed(c, "user", id)))
		goto done;
	if (disabled)
		rc = delete_user_sessions(c, id, NULL);
done:
	return sq_write_end(c, top, rc);
}

/* ---- the audit log viewer ---- */

static void read_audit(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct audit_entry *e = elem;

	e->id = sqlite3_column_int64(q, 0);
	e->at = sq_col_text(a, q, 1);
	e->user_id = sqlite3_column_int64(q, 2);
	e->user_name = sq_col_text(a, q, 3);
	e->action = sq_col_text(a, q, 4);
	e->target_kind = sq_col_text(a, q, 5);
	e->target_id = sqlite3_column_int64(q, 6);
	e->target_name = sq_col_text(a, q, 7);
	e->target_slug = sq_col_text(a, q, 8);
	e->detail = sq_col_text(a, q, 9);
	e->reason = sq_col_text(a, q, 10);
}

/* The viewer's query with one WHERE clause per choice of filters, so
 * each is planned on its own index: the rowid range alone, (user_id, id)
 * or (action, id) (migration 7). A filter left out of a statement leaves
 * its parameter unused. */
#define AUDIT_SELECT                                                           \
	"SELECT a.id, a.at, a.user_id, u.name, a.action,"                      \
	" a.target_kind, a.target_id,"                                         \
	" CASE a.target_kind"                                                  \
	"  WHEN 'article' THEN (SELECT title FROM articles"                    \
	"   WHERE id = a.target_id)"                                           \
	"  WHEN 'topic' THEN (SELECT name FROM topics"                         \
	"   WHERE id = a.target_id)"                                           \
	"  WHEN 'department' THEN (SELECT name FROM departments"               \
	"   WHERE id = a.target_id)"                                           \
	"  WHEN 'user' THEN (SELECT name FROM users"                           \
	"   WHERE id = a.target_id) END,"                                      \
	" CASE a.target_kind"                                                  \
	"  WHEN 'article' THEN (SELECT slug FROM articles"                     \
	"   WHERE id = a.target_id)"                                           \
	"  WHEN 'topic' THEN (SELECT slug FROM topics"                         \
	"   WHERE id = a.target_id)"                                           \
	"  WHEN 'department' THEN (SELECT slug FROM departments"               \
	"   WHERE id = a.target_id) END,"                                      \
	" a.detail,"                                                           \
	" CASE WHEN a.action = 'question.reject'"                              \
	"  AND a.target_kind = 'qa' THEN (SELECT reject_reason"                \
	"  FROM questions WHERE id = a.target_id) END"                         \
	" FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"              \
	" WHERE a.id < ?1"
#define AUDIT_PAGE " ORDER BY a.id DESC LIMIT ?4"

static const char *const audit_sql[4] = {
        AUDIT_SELECT AUDIT_PAGE,
        AUDIT_SELECT " AND a.user_id = ?2" AUDIT_PAGE,
        AUDIT_SELECT " AND a.action = ?3" AUDIT_PAGE,
        AUDIT_SELECT " AND a.user_id = ?2 AND a.action = ?3" AUDIT_PAGE,
};

int sq_audit_list(struct store *st, struct arena *a, int64_t actor,
                  const char *action, int64_t before, size_t limit,
                  struct audit_entry **out, size_t *n)
{
	int by_action = action && *action;
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	/* Newest first by id (rows are appended, so id order is time
	 * order); the id range makes each page a short backward walk. */
	q = sq_stmt(c, audit_sql[(actor > 0) | by_action << 1]);
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int64(q, 2, actor);
	sq_bind_text(q, 3, by_action ? action : NULL);
	sqlite3_bind_int64(q, 4, (sqlite3_int64)limit);
	return sq_rows(c, a, q, sizeof(**out), read_audit, out, n);
}

static void read_actor(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct user *u = elem;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(q, 0);
	u->name = sq_col_text(a, q, 1);
}

int sq_audit_facets(struct store *st, struct arena *a, const char ***actions,
                    size_t *n_actions, struct user **actors, size_t *n_actors)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT DISTINCT action FROM audit_log ORDER BY action");
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_rows(c, a, q, sizeof(**actions), sq_read_text, actions,
	                  n_actions)))
		return rc;
	q = sq_stmt(c, "SELECT u.id, u.name FROM users u WHERE u.id IN"
	               " (SELECT DISTINCT user_id FROM audit_log)"
	               " ORDER BY u.name, u.id");
	return sq_rows(c, a, q, sizeof(**actors), read_actor, actors, n_actors);
}
