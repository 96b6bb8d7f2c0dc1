/* store/users.c: users, doctor profiles and sessions, on either engine.
 *
 * E-mail addresses are unique ignoring case (SQLite's COLLATE NOCASE,
 * PostgreSQL's citext), so "Ann@x.org" and "ann@x.org" are one login.
 * Sessions are found by the hash of their token, never the token itself,
 * and only while unexpired and while their user is enabled.
 */
#include "store/users.h"

#include <string.h>

#define USER_COLS                                                              \
	"id, email, name, role, password_hash, created_at, disabled, "         \
	"deleted_at"

/* The user in the USER_COLS columns of q from col on. */
static void read_user_at(struct arena *a, struct db_stmt *q, int col,
                         struct user *u)
{
	enum store_role role = STORE_ROLE_PATIENT;

	store_role_parse(db_col_str(q, col + 3), &role);
	u->id = db_col_int64(q, col);
	u->email = db_col_text(a, q, col + 1);
	u->name = db_col_text(a, q, col + 2);
	u->role = role;
	u->password_hash = db_col_text(a, q, col + 4);
	u->created_at = db_col_text(a, q, col + 5);
	u->disabled = (int)db_col_int64(q, col + 6);
	u->deleted_at = db_col_text(a, q, col + 7);
}

static void read_user(struct arena *a, struct db_stmt *q, void *elem)
{
	memset(elem, 0, sizeof(struct user));
	read_user_at(a, q, 0, elem);
}

int store_user_create(struct store *st, const struct user *u, int64_t *id)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc;

	if (!u->email || !*u->email || !u->name || !*u->name)
		return store_set_error(STORE_INVALID,
		                       "a user needs an e-mail and a name");
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "INSERT INTO users (email, name, role, password_hash,"
	               " created_at, disabled) VALUES (?, ?, ?, ?, ?, ?)"
	               " RETURNING id");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, u->email);
	db_bind_text(q, 2, u->name);
	db_bind_text(q, 3, store_role_name(u->role));
	db_bind_text(q, 4, u->password_hash);
	db_bind_text(q, 5, db_now(now));
	db_bind_int64(q, 6, u->disabled != 0);
	return db_row(NULL, q, db_read_int64, id, "user");
}

static int user_get(struct store *st, struct arena *a, int64_t id,
                    const char *email, struct user *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (email) {
		if ((q = db_stmt(c, "SELECT " USER_COLS
		                    " FROM users WHERE email = ?")))
			db_bind_text(q, 1, email);
	} else {
		q = db_stmt_id(
		        c, "SELECT " USER_COLS " FROM users WHERE id = ?", id);
	}
	return db_row(a, q, read_user, out, "user");
}

int store_user_get(struct store *st, struct arena *a, int64_t id,
                   struct user *out)
{
	return user_get(st, a, id, NULL, out);
}

int store_user_by_email(struct store *st, struct arena *a, const char *email,
                        struct user *out)
{
	if (!email)
		return STORE_NOTFOUND;
	return user_get(st, a, 0, email, out);
}

int store_user_list(struct store *st, struct arena *a, struct user **out,
                    size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(
	        a, db_stmt(c, "SELECT " USER_COLS " FROM users ORDER BY id"),
	        sizeof(**out), read_user, out, n);
}

int users_set_text(struct db_conn *c, const char *sql, const char *value,
                   int64_t id)
{
	struct db_stmt *q;
	int rc;

	if (!(q = db_stmt(c, sql)))
		return STORE_ERROR;
	db_bind_text(q, 1, value);
	db_bind_int64(q, 2, id);
	if ((rc = db_run(q)))
		return rc;
	return db_changed(c, "user", id);
}

int store_user_set_password(struct store *st, int64_t id,
                            const char *password_hash)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return users_set_text(c,
	                      "UPDATE users SET password_hash = ?"
	                      " WHERE id = ? AND deleted_at IS NULL",
	                      password_hash, id);
}

int store_doctor_set(struct store *st, const struct doctor *d)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt_id(c, "SELECT role FROM users WHERE id = ?", d->user_id);
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	if ((rc = db_step(q)) <= 0) {
		rc = rc ? rc
		        : store_set_error(STORE_NOTFOUND, "no user %lld",
		                          (long long)d->user_id);
		goto done;
	}
	rc = strcmp(db_col_str(q, 0), "doctor") == 0
	             ? STORE_OK
	             : store_set_error(STORE_INVALID,
	                               "user %lld is not a doctor",
	                               (long long)d->user_id);
	db_reset(q);
	if (rc)
		goto done;
	q = db_stmt(c, "INSERT INTO doctors (user_id, title, hospital,"
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
	db_bind_int64(q, 1, d->user_id);
	db_bind_text(q, 2, d->title);
	db_bind_text(q, 3, d->hospital);
	db_bind_id(q, 4, d->department_id);
	db_bind_text(q, 5, d->licence_no);
	db_bind_text(q, 6, d->bio);
	db_bind_text(q, 7, d->signoff);
	db_bind_text(q, 8, d->verified_at);
	db_bind_id(q, 9, d->verified_by);
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

void users_read_doctor(struct arena *a, struct db_stmt *q, void *elem)
{
	struct doctor *d = elem;

	memset(d, 0, sizeof(*d));
	d->user_id = db_col_int64(q, 0);
	d->name = db_col_text(a, q, 1);
	d->title = db_col_text(a, q, 2);
	d->hospital = db_col_text(a, q, 3);
	d->department_id = db_col_int64(q, 4);
	d->department = db_col_text(a, q, 5);
	d->licence_no = db_col_text(a, q, 6);
	d->bio = db_col_text(a, q, 7);
	d->signoff = db_col_text(a, q, 8);
	d->verified_at = db_col_text(a, q, 9);
	d->verified_by = db_col_int64(q, 10);
}

int store_doctor_get(struct store *st, struct arena *a, int64_t user_id,
                     struct doctor *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              db_stmt_id(c, USERS_DOCTOR_SELECT " WHERE d.user_id = ?",
	                         user_id),
	              users_read_doctor, out, "doctor");
}

int store_session_create(struct store *st, const struct session *s)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (!s->token_hash || !*s->token_hash || !s->csrf)
		return store_set_error(STORE_INVALID,
		                       "a session needs a token hash and csrf");
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "INSERT INTO sessions (token_hash, user_id, csrf,"
	               " created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, s->token_hash);
	db_bind_int64(q, 2, s->user_id);
	db_bind_text(q, 3, s->csrf);
	db_bind_int64(q, 4, s->created_at);
	db_bind_int64(q, 5, s->expires_at);
	return db_run(q);
}

static void read_session(struct arena *a, struct db_stmt *q, void *elem)
{
	struct session *s = elem;

	s->token_hash = db_col_text(a, q, 0);
	s->user_id = db_col_int64(q, 1);
	s->csrf = db_col_text(a, q, 2);
	s->created_at = db_col_int64(q, 3);
	s->expires_at = db_col_int64(q, 4);
	read_user_at(a, q, 5, &s->user);
}

int store_session_get(struct store *st, struct arena *a, const char *token_hash,
                      int64_t now, struct session *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (!token_hash)
		return STORE_NOTFOUND;
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c,
	            "SELECT s.token_hash, s.user_id, s.csrf, s.created_at,"
	            " s.expires_at, u.id, u.email, u.name, u.role,"
	            " u.password_hash, u.created_at, u.disabled, u.deleted_at"
	            " FROM sessions s JOIN users u ON u.id = s.user_id"
	            " WHERE s.token_hash = ? AND s.expires_at > ?"
	            " AND u.disabled = 0");
	if (q) {
		db_bind_text(q, 1, token_hash);
		db_bind_int64(q, 2, now);
	}
	return db_row(a, q, read_session, out, "session");
}

int store_session_delete(struct store *st, const char *token_hash)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (!(q = db_stmt(c, "DELETE FROM sessions WHERE token_hash = ?")))
		return STORE_ERROR;
	db_bind_text(q, 1, token_hash);
	if ((rc = db_run(q)))
		return rc;
	return db_changes(c)
	               ? STORE_OK
	               : store_set_error(STORE_NOTFOUND, "no such session");
}

int store_session_purge(struct store *st, int64_t now, int64_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (!(q = db_stmt(c, "DELETE FROM sessions WHERE expires_at <= ?")))
		return STORE_ERROR;
	db_bind_int64(q, 1, now);
	if ((rc = db_run(q)))
		return rc;
	if (n)
		*n = db_changes(c);
	return STORE_OK;
}
