/* store/admin.c: account administration, on either engine: sliding
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
#include "store/users.h"

#include <string.h>

int store_session_touch(struct store *st, const char *token_hash,
                        int64_t expires_at)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "UPDATE sessions SET expires_at = ?"
	               " WHERE token_hash = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, expires_at);
	db_bind_text(q, 2, token_hash);
	if ((rc = db_run(q)))
		return rc;
	return db_changes(c)
	               ? STORE_OK
	               : store_set_error(STORE_NOTFOUND, "no such session");
}

static int delete_user_sessions(struct db_conn *c, int64_t user_id, int64_t *n)
{
	int rc = db_run(db_stmt_id(c, "DELETE FROM sessions WHERE user_id = ?",
	                           user_id));

	if (rc == STORE_OK && n)
		*n = db_changes(c);
	return rc;
}

int store_session_delete_user(struct store *st, int64_t user_id, int64_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return delete_user_sessions(c, user_id, n);
}

int store_doctor_pending(struct store *st, struct arena *a, struct doctor **out,
                         size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               db_stmt(c, USERS_DOCTOR_SELECT
	                       " WHERE d.verified_at IS NULL AND u.disabled = 0"
	                       " AND u.role = 'doctor'"
	                       " ORDER BY u.created_at, u.id"),
	               sizeof(**out), users_read_doctor, out, n);
}

int store_doctor_verify(struct store *st, int64_t user_id, int64_t verifier_id)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "UPDATE doctors SET verified_at = ?, verified_by = ?"
	               " WHERE user_id = ? AND verified_at IS NULL");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, db_now(now));
	db_bind_id(q, 2, verifier_id);
	db_bind_int64(q, 3, user_id);
	if ((rc = db_run(q)))
		return rc;
	if (!db_changes(c))
		return store_set_error(
		        STORE_NOTFOUND,
		        "no doctor %lld waiting for verification",
		        (long long)user_id);
	return STORE_OK;
}

int store_user_set_role(struct store *st, int64_t id, enum store_role role)
{
	const char *name = store_role_name(role);
	struct db_conn *c;
	int rc;

	if (!strcmp(name, "?"))
		return store_set_error(STORE_INVALID, "unknown role %d",
		                       (int)role);
	if ((rc = store_conn(st, &c)))
		return rc;
	return users_set_text(c,
	                      "UPDATE users SET role = ? WHERE id = ?"
	                      " AND deleted_at IS NULL",
	                      name, id);
}

int store_user_set_disabled(struct store *st, int64_t id, int disabled)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (!(q = db_stmt(c, "UPDATE users SET disabled = ? WHERE id = ?"
	                     " AND deleted_at IS NULL"))) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, disabled != 0);
	db_bind_int64(q, 2, id);
	if ((rc = db_run(q)) || (rc = db_changed(c, "user", id)))
		goto done;
	if (disabled)
		rc = delete_user_sessions(c, id, NULL);
done:
	return db_write_end(c, top, rc);
}

/* ---- the audit log viewer ---- */

static void read_audit(struct arena *a, struct db_stmt *q, void *elem)
{
	struct audit_entry *e = elem;

	e->id = db_col_int64(q, 0);
	e->at = db_col_text(a, q, 1);
	e->user_id = db_col_int64(q, 2);
	e->user_name = db_col_text(a, q, 3);
	e->action = db_col_text(a, q, 4);
	e->target_kind = db_col_text(a, q, 5);
	e->target_id = db_col_int64(q, 6);
	e->target_name = db_col_text(a, q, 7);
	e->target_slug = db_col_text(a, q, 8);
	e->detail = db_col_text(a, q, 9);
	e->reason = db_col_text(a, q, 10);
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

int store_audit_list(struct store *st, struct arena *a, int64_t actor,
                     const char *action, int64_t before, size_t limit,
                     struct audit_entry **out, size_t *n)
{
	int by_action = action && *action;
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	/* Newest first by id (rows are appended, so id order is time
	 * order); the id range makes each page a short backward walk. */
	q = db_stmt(c, audit_sql[(actor > 0) | by_action << 1]);
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, before > 0 ? before : INT64_MAX);
	db_bind_int64(q, 2, actor);
	db_bind_text(q, 3, by_action ? action : NULL);
	db_bind_int64(q, 4, (int64_t)limit);
	return db_rows(a, q, sizeof(**out), read_audit, out, n);
}

static void read_actor(struct arena *a, struct db_stmt *q, void *elem)
{
	struct user *u = elem;

	memset(u, 0, sizeof(*u));
	u->id = db_col_int64(q, 0);
	u->name = db_col_text(a, q, 1);
}

int store_audit_facets(struct store *st, struct arena *a, const char ***actions,
                       size_t *n_actions, struct user **actors,
                       size_t *n_actors)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT DISTINCT action FROM audit_log ORDER BY action");
	if (!q)
		return STORE_ERROR;
	if ((rc = db_rows(a, q, sizeof(**actions), db_read_text, actions,
	                  n_actions)))
		return rc;
	q = db_stmt(c, "SELECT u.id, u.name FROM users u WHERE u.id IN"
	               " (SELECT DISTINCT user_id FROM audit_log)"
	               " ORDER BY u.name, u.id");
	return db_rows(a, q, sizeof(**actors), read_actor, actors, n_actors);
}

/* ---- the audit log's rows ---- */

int store_audit_add(struct store *st, int64_t user_id, const char *action,
                    enum store_kind target_kind, int64_t target_id,
                    const char *detail)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc;

	if (!action || !*action)
		return store_set_error(STORE_INVALID, "an audit row needs an "
		                                      "action");
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "INSERT INTO audit_log (at, user_id, action,"
	               " target_kind, target_id, detail)"
	               " VALUES (?, ?, ?, ?, ?, ?)");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, db_now(now));
	db_bind_id(q, 2, user_id);
	db_bind_text(q, 3, action);
	db_bind_text(q, 4, target_id ? store_kind_name(target_kind) : NULL);
	db_bind_id(q, 5, target_id);
	db_bind_text(q, 6, detail);
	return db_run(q);
}
