/* store/sqlite_users.c: users, doctor profiles and sessions in SQLite.
 *
 * E-mail addresses are unique ignoring ASCII case (COLLATE NOCASE), so
 * "Ann@x.org" and "ann@x.org" are one login. Sessions are found by the hash
 * of their token, never the token itself, and only while unexpired and
 * while their user is enabled.
 */
#include "store/sqlite_int.h"

#include <string.h>

#define USER_COLS                                                              \
	"id, email, name, role, password_hash, created_at, disabled, "         \
	"deleted_at"

/* The user in the USER_COLS columns of q from col on. */
static void read_user_at(struct arena *a, sqlite3_stmt *q, int col,
                         struct user *u)
{
	enum store_role role = STORE_ROLE_PATIENT;

	store_role_parse((const char *)sqlite3_column_text(q, col + 3), &role);
	u->id = sqlite3_column_int64(q, col);
	u->email = sq_col_text(a, q, col + 1);
	u->name = sq_col_text(a, q, col + 2);
	u->role = role;
	u->password_hash = sq_col_text(a, q, col + 4);
	u->created_at = sq_col_text(a, q, col + 5);
	u->disabled = sqlite3_column_int(q, col + 6);
	u->deleted_at = sq_col_text(a, q, col + 7);
}

static void read_user(struct arena *a, sqlite3_stmt *q, void *elem)
{
	memset(elem, 0, sizeof(struct user));
	read_user_at(a, q, 0, elem);
}

int sq_user_create(struct store *st, const struct user *u, int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if (!u->email || !*u->email || !u->name || !*u->name)
		return store_set_error(STORE_INVALID,
		                       "a user needs an e-mail and a name");
	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "INSERT INTO users (email, name, role, password_hash,"
	               " created_at, disabled) VALUES (?, ?, ?, ?,"
	               " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, u->email);
	sq_bind_text(q, 2, u->name);
	sq_bind_text(q, 3, store_role_name(u->role));
	sq_bind_text(q, 4, u->password_hash);
	sqlite3_bind_int(q, 5, u->disabled != 0);
	if ((rc = sq_run(c, q)))
		return rc;
	*id = sqlite3_last_insert_rowid(c->db);
	return STORE_OK;
}

int sq_user_get(struct store *st, struct arena *a, int64_t id,
                const char *email, struct user *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt_key(c, "SELECT " USER_COLS " FROM users WHERE email = ?",
	                email, "SELECT " USER_COLS " FROM users WHERE id = ?",
	                id);
	return sq_row(c, a, q, read_user, out, "user");
}

int sq_user_list(struct store *st, struct arena *a, struct user **out,
                 size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_rows(
	        c, a, sq_stmt(c, "SELECT " USER_COLS " FROM users ORDER BY id"),
	        sizeof(**out), read_user, out, n);
}

int sq_user_set_text(struct store *st, const char *sql, const char *value,
                     int64_t id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (!(q = sq_stmt(c, sql)))
		return STORE_ERROR;
	sq_bind_text(q, 1, value);
	sqlite3_bind_int64(q, 2, id);
	if ((rc = sq_run(c, q)))
		return rc;
	return sq_changed(c, "user", id);
}

int sq_user_set_password(struct store *st, int64_t id,
                         const char *password_hash)
{
	return sq_user_set_text(st,
	                        "UPDATE users SET password_hash = ?"
	                        " WHERE id = ? AND deleted_at IS NULL",
	                        password_hash, id);
}

int sq_doctor_set(struct store *st, const struct doctor *d)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "SELECT role FROM users WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, d->user_id);
	if ((rc = sq_step(c, q)) <= 0) {
		rc = rc ? rc
		        : store_set_error(STORE_NOTFOUND, "no user %lld",
		                          (long long)d->user_id);
		goto done;
	}
	rc = strcmp((const char *)sqlite3_column_text(q, 0), "doctor") == 0
	             ? STORE_OK
	             : store_set_error(STORE_INVALID,
	                               "user %lld is not a doctor",
	                               (long long)d->user_id);
	sqlite3_reset(q);
	if (rc)
		goto done;
	q = sq_stmt(c, "INSERT INTO doctors (user_id, title, hospital,"
	               " department_id, licence_no, bio, signoff, verified_at,"
	               " verified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	               " ON CONFLICT (user_id) DO UPDATE SET"
	               " title = excluded.title, hospital = excluded.hospital,"
	               " department_id = excluded.department_id,"
	               " licence_no = excluded.licence_no, bio = excluded.bio,"
	               " signoff = excluded.signoff,"
	               " verified_at = excluded.verified_at,"
	               " verified_by = excluded.verified_by");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, d->user_id);
	sq_bind_text(q, 2, d->title);
	sq_bind_text(q, 3, d->hospital);
	sq_bind_id(q, 4, d->department_id);
	sq_bind_text(q, 5, d->licence_no);
	sq_bind_text(q, 6, d->bio);
	sq_bind_text(q, 7, d->signoff);
	sq_bind_text(q, 8, d->verified_at);
	sq_bind_id(q, 9, d->verified_by);
	rc = sq_run(c, q);
done:
	return sq_write_end(c, top, rc);
}

void sq_read_doctor(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct doctor *d = elem;

	memset(d, 0, sizeof(*d));
	d->user_id = sqlite3_column_int64(q, 0);
	d->name = sq_col_text(a, q, 1);
	d->title = sq_col_text(a, q, 2);
	d->hospital = sq_col_text(a, q, 3);
	d->department_id = sqlite3_column_int64(q, 4);
	d->department = sq_col_text(a, q, 5);
	d->licence_no = sq_col_text(a, q, 6);
	d->bio = sq_col_text(a, q, 7);
	d->signoff = sq_col_text(a, q, 8);
	d->verified_at = sq_col_text(a, q, 9);
	d->verified_by = sqlite3_column_int64(q, 10);
}

int sq_doctor_get(struct store *st, struct arena *a, int64_t user_id,
                  struct doctor *out)
{
	return sq_row_by_id(st, a, SQ_DOCTOR_SELECT " WHERE d.user_id = ?",
	                    user_id, sq_read_doctor, out, "doctor");
}

int sq_session_create(struct store *st, const struct session *s)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if (!s->token_hash || !*s->token_hash || !s->csrf)
		return store_set_error(STORE_INVALID,
		                       "a session needs a token hash and csrf");
	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "INSERT INTO sessions (token_hash, user_id, csrf,"
	               " created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, s->token_hash);
	sqlite3_bind_int64(q, 2, s->user_id);
	sq_bind_text(q, 3, s->csrf);
	sqlite3_bind_int64(q, 4, s->created_at);
	sqlite3_bind_int64(q, 5, s->expires_at);
	return sq_run(c, q);
}

static void read_session(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct session *s = elem;

	s->token_hash = sq_col_text(a, q, 0);
	s->user_id = sqlite3_column_int64(q, 1);
	s->csrf = sq_col_text(a, q, 2);
	s->created_at = sqlite3_column_int64(q, 3);
	s->expires_at = sqlite3_column_int64(q, 4);
	read_user_at(a, q, 5, &s->user);
}

int sq_session_get(struct store *st, struct arena *a, const char *token_hash,
                   int64_t now, struct session *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if (!token_hash)
		return STORE_NOTFOUND;
	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c,
	            "SELECT s.token_hash, s.user_id, s.csrf, s.created_at,"
	            " s.expires_at, u.id, u.email, u.name, u.role,"
	            " u.password_hash, u.created_at, u.disabled, u.deleted_at"
	            " FROM sessions s JOIN users u ON u.id = s.user_id"
	            " WHERE s.token_hash = ? AND s.expires_at > ?"
	            " AND u.disabled = 0");
	if (q) {
		sq_bind_text(q, 1, token_hash);
		sqlite3_bind_int64(q, 2, now);
	}
	return sq_row(c, a, q, read_session, out, "session");
}

int sq_session_delete(struct store *st, const char *token_hash)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (!(q = sq_stmt(c, "DELETE FROM sessions WHERE token_hash = ?")))
		return STORE_ERROR;
	sq_bind_text(q, 1, token_hash);
	if ((rc = sq_run(c, q)))
		return rc;
	return sqlite3_changes(c->db)
	               ? STORE_OK
	               : store_set_error(STORE_NOTFOUND, "no such session");
}

int sq_session_purge(struct store *st, int64_t now, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (!(q = sq_stmt(c, "DELETE FROM sessions WHERE expires_at <= ?")))
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, now);
	if ((rc = sq_run(c, q)))
		return rc;
	if (n)
		*n = sqlite3_changes(c->db);
	return STORE_OK;
}
