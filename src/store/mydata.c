/* store/mydata.c: a user's control of their data, on either engine: the
 * reads behind their data download and the deletion of their account.
 *
 * Deletion is one write (a transaction, or a savepoint in the caller's):
 * every statement below runs or none does. It removes what is only the
 * user's and keeps what other people rely on, without the user in it:
 * published questions stay published with the asker anonymous, a
 * doctor's replies and published articles stay under a neutral name (a
 * patient must not lose the answer they were given because the doctor
 * left). The users row itself stays as a disabled tombstone with no
 * password, marked by deleted_at (never by its e-mail, which a user
 * chooses), with an e-mail that no form accepts ("deleted:<id>": no
 * '@'), so the
 * audit log keeps its actors (ON DELETE SET NULL would erase who did
 * what), references stay valid, and the real address is free to be
 * registered again. Deleting twice reports NOTFOUND.
 */
#include "store/backend.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/util.h"

/* ---- the data download ---- */

/* db_rows of sql with ?1 bound to id. */
static int rows_id(struct db_conn *c, struct arena *a, const char *sql,
                   int64_t id, size_t size, db_row_reader read, void *out,
                   size_t *n)
{
	return db_rows(a, db_stmt_id(c, sql, id), size, read, out, n);
}

static void read_comment(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_my_comment *m = elem;
	enum store_kind kind = STORE_KIND_QA;

	store_kind_parse(db_col_str(q, 1), &kind);
	m->id = db_col_int64(q, 0);
	m->target_kind = kind;
	m->target_id = db_col_int64(q, 2);
	m->target_title = db_col_text(a, q, 3);
	m->body = db_col_text(a, q, 4);
	m->created_at = db_col_text(a, q, 5);
	m->edited_at = db_col_text(a, q, 6);
	m->state = (int)db_col_int64(q, 7);
	m->lang = db_col_text(a, q, 8);
}

static void read_answer(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_my_answer *m = elem;
	enum store_qstatus status = STORE_Q_WAITING;

	store_qstatus_parse(db_col_str(q, 3), &status);
	m->id = db_col_int64(q, 0);
	m->question_id = db_col_int64(q, 1);
	m->question_title = db_col_text(a, q, 2);
	m->question_status = status;
	m->body = db_col_text(a, q, 4);
	m->signoff = db_col_text(a, q, 5);
	m->answered_at = db_col_text(a, q, 6);
	m->edited_at = db_col_text(a, q, 7);
}

static void read_session(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_session_times *m = elem;

	(void)a;
	m->created_at = db_col_int64(q, 0);
	m->expires_at = db_col_int64(q, 1);
}

static void read_audit(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_audit_row *m = elem;

	m->id = db_col_int64(q, 0);
	m->at = db_col_text(a, q, 1);
	m->user_id = db_col_int64(q, 2);
	m->action = db_col_text(a, q, 3);
	m->target_kind = db_col_text(a, q, 4);
	m->target_id = db_col_int64(q, 5);
	m->detail = db_col_text(a, q, 6);
}

static void read_request(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_my_request *m = elem;

	m->id = db_col_int64(q, 0);
	m->question_id = db_col_int64(q, 1);
	m->question_title = db_col_text(a, q, 2);
	m->kind = db_col_text(a, q, 3);
	m->note = db_col_text(a, q, 4);
	m->created_at = db_col_text(a, q, 5);
	m->resolved_at = db_col_text(a, q, 6);
	m->resolution = db_col_text(a, q, 7);
	m->as_asker = (int)db_col_int64(q, 8);
}

int store_user_data(struct store *st, struct arena *a, int64_t user_id,
                    struct store_user_data *out)
{
	struct store_user_data d;
	struct db_conn *c;
	int rc;

	memset(&d, 0, sizeof(d));
	if ((rc = store_conn(st, &c)))
		return rc;
	rc = rows_id(c, a,
	             "SELECT m.id, m.target_kind, m.target_id,"
	             " CASE m.target_kind"
	             "  WHEN 'qa' THEN (SELECT title FROM questions"
	             "   WHERE id = m.target_id)"
	             "  ELSE (SELECT title FROM articles"
	             "   WHERE id = m.target_id) END,"
	             " m.body, m.created_at, m.edited_at, m.hidden, m.lang"
	             " FROM comments m WHERE m.user_id = ? ORDER BY m.id",
	             user_id, sizeof(*d.comments), read_comment, &d.comments,
	             &d.n_comments);
	if (rc == STORE_OK)
		rc = rows_id(c, a,
		             "SELECT a.id, a.question_id, q.title, q.status,"
		             " a.body, a.signoff, a.answered_at, a.edited_at"
		             " FROM answers a JOIN questions q"
		             " ON q.id = a.question_id"
		             " WHERE a.doctor_id = ? ORDER BY a.id",
		             user_id, sizeof(*d.answers), read_answer,
		             &d.answers, &d.n_answers);
	if (rc == STORE_OK)
		rc = rows_id(c, a,
		             "SELECT created_at, expires_at FROM sessions"
		             " WHERE user_id = ? ORDER BY created_at",
		             user_id, sizeof(*d.sessions), read_session,
		             &d.sessions, &d.n_sessions);
	if (rc == STORE_OK)
		rc = rows_id(c, a,
		             "SELECT id, at, user_id, action, target_kind,"
		             " target_id, detail FROM audit_log"
		             " WHERE user_id = ?1"
		             " OR (target_kind = 'user' AND target_id = ?1)"
		             " OR (target_kind = 'qa' AND target_id IN"
		             "  (SELECT id FROM questions WHERE user_id = ?1))"
		             " OR (target_kind = 'article' AND target_id IN"
		             "  (SELECT id FROM articles WHERE author_id = ?1))"
		             " ORDER BY id",
		             user_id, sizeof(*d.audit), read_audit, &d.audit,
		             &d.n_audit);
	/* Requests as the asker ("asker" on a question of theirs) and
	 * reports filed signed in ("u:<id>", web/requests.c). */
	if (rc == STORE_OK)
		rc = rows_id(c, a,
		             "SELECT r.id, r.question_id, q.title, r.kind,"
		             " r.note, r.created_at, r.resolved_at,"
		             " r.resolution, r.requester = 'asker'"
		             " FROM qa_requests r JOIN questions q"
		             " ON q.id = r.question_id"
		             " WHERE (r.requester = 'asker' AND q.user_id = ?1)"
		             " OR r.requester = 'u:' || ?1 ORDER BY r.id",
		             user_id, sizeof(*d.requests), read_request,
		             &d.requests, &d.n_requests);
	if (rc == STORE_OK)
		*out = d;
	return rc;
}

/* ---- deleting an account ---- */

/* STORE_OK when user_id may be deleted: it exists, is not a tombstone,
 * and is not the last enabled admin. */
static int may_delete(struct db_conn *c, int64_t user_id)
{
	struct db_stmt *q;
	int rc, admin;

	q = db_stmt(c, "SELECT role = 'admin' AND disabled = 0,"
	               " deleted_at IS NOT NULL"
	               " FROM users WHERE id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, user_id);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc == 0 || (int)db_col_int64(q, 1)) {
		db_reset(q);
		return store_set_error(STORE_NOTFOUND, "no user %lld",
		                       (long long)user_id);
	}
	admin = (int)db_col_int64(q, 0);
	db_reset(q);
	if (!admin)
		return STORE_OK;
	q = db_stmt(c, "SELECT count(*) FROM users WHERE role = 'admin'"
	               " AND disabled = 0 AND id <> ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, user_id);
	if ((rc = db_step(q)) < 0)
		return rc;
	rc = rc && db_col_int64(q, 0) > 0;
	db_reset(q);
	return rc ? STORE_OK
	          : store_set_error(STORE_CONFLICT, "the last admin");
}

/* What deleting an account does, in order: each statement has ?1 the
 * user, and those with `params` 2 or 3 also ?2 the former name and ?3
 * the time; count is the offset of the int64_t of struct
 * store_account_deletion that gets its number of changed rows
 * (NO_COUNT: none). */
#define NO_COUNT SIZE_MAX
#define COUNT(f) offsetof(struct store_account_deletion, f)
static const struct {
	const char *sql;
	size_t count;
	int params;
} deletion[] = {
        /* Mail not sent yet: to the account or to its questions'
         * addresses (before those addresses are cleared below). */
        {"DELETE FROM mail_queue WHERE recipient <> '' AND"
         " (lower(recipient) = lower(CAST((SELECT email FROM users"
         "  WHERE id = ?1) AS TEXT)) OR recipient IN (SELECT notify_email"
         "  FROM questions WHERE user_id = ?1"
         "  AND notify_email IS NOT NULL))",
         COUNT(mails), 1},
        {"DELETE FROM sessions WHERE user_id = ?1", COUNT(sessions), 1},
        {"DELETE FROM password_resets WHERE user_id = ?1", NO_COUNT, 1},
        /* Comments and the reports they filed ("u:<id>",
         * web/comments.c). */
        {"DELETE FROM comment_reports WHERE reporter = 'u:' || ?1", NO_COUNT,
         1},
        {"DELETE FROM comments WHERE user_id = ?1", COUNT(comments), 1},
        /* Q&A reports it filed ("u:<id>", web/requests.c), and its closed
         * requests as an asker; an open request to unpublish or remove
         * details stays for the moderators (the question stays too,
         * unsigned: the request was the asker's wish about it). */
        {"DELETE FROM qa_requests WHERE requester = 'u:' || ?1"
         " OR (requester = 'asker' AND resolved_at IS NOT NULL"
         "  AND question_id IN (SELECT id FROM questions"
         "   WHERE user_id = ?1))",
         COUNT(requests), 1},
        /* Questions nobody reads publicly go, with their replies, links,
         * topics and More Info (cascades) and any comments on them. */
        {"DELETE FROM comments WHERE target_kind = 'qa'"
         " AND target_id IN (SELECT id FROM questions"
         "  WHERE user_id = ?1 AND status <> 'published')",
         NO_COUNT, 1},
        {"DELETE FROM questions WHERE user_id = ?1"
         " AND status <> 'published'",
         COUNT(questions_deleted), 1},
        /* Published ones stay, anonymous: no nickname, no status links,
         * no notification address, and only the text readers already
         * see. */
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'qa', id, 'upsert' FROM questions"
         " WHERE user_id = ?1 AND status = 'published'",
         NO_COUNT, 1},
        /* The intake answers are the asker's private data (a cascade
         * takes those of the questions deleted above). */
        {"DELETE FROM question_intake WHERE question_id IN"
         " (SELECT id FROM questions WHERE user_id = ?1)",
         NO_COUNT, 1},
        {"DELETE FROM question_links WHERE question_id IN"
         " (SELECT id FROM questions WHERE user_id = ?1)",
         NO_COUNT, 1},
        {"UPDATE questions SET user_id = NULL,"
         " nickname = NULL, notify_email = NULL,"
         " token_hash = NULL, original_title = NULL,"
         " original_text = NULL WHERE user_id = ?1",
         COUNT(questions_kept), 1},
        /* A doctor's replies stay where patients find them, under the
         * neutral name and without the personal sign-off. */
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'qa', id, 'upsert' FROM questions"
         " WHERE status = 'published' AND id IN"
         "  (SELECT question_id FROM answers WHERE doctor_id = ?1)",
         NO_COUNT, 1},
        {"UPDATE answers SET doctor_id = NULL,"
         " author_name = ?2, signoff = NULL WHERE doctor_id = ?1",
         COUNT(answers_kept), 2},
        {"UPDATE more_info SET approved_by = NULL WHERE approved_by = ?1",
         NO_COUNT, 1},
        {"DELETE FROM doctor_photos WHERE user_id = ?1", NO_COUNT, 1},
        {"DELETE FROM doctors WHERE user_id = ?1", NO_COUNT, 1},
        /* Articles: drafts go; what was published stays, renamed. */
        {"DELETE FROM articles WHERE author_id = ?1 AND status = 'draft'",
         COUNT(articles_deleted), 1},
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'article', id, 'upsert' FROM articles"
         " WHERE author_id = ?1 AND status = 'published'",
         NO_COUNT, 1},
        {"UPDATE articles SET author = ?2 WHERE author_id = ?1",
         COUNT(articles_kept), 2},
        /* The tombstone. */
        {"UPDATE users SET email = 'deleted:' || id,"
         " name = ?2, role = 'patient',"
         " password_hash = NULL, disabled = 1, deleted_at = ?3"
         " WHERE id = ?1",
         NO_COUNT, 3},
};

int store_account_delete(struct store *st, int64_t user_id,
                         const char *former_name,
                         struct store_account_deletion *out)
{
	struct store_account_deletion d;
	struct db_conn *c;
	char now[DB_NOW_SIZE];
	int rc, top;

	memset(&d, 0, sizeof(d));
	if (!former_name || !*former_name)
		return store_set_error(STORE_INVALID, "no name for what stays");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = may_delete(c, user_id)))
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(deletion); i++) {
		struct db_stmt *q = db_stmt(c, deletion[i].sql);

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		db_bind_int64(q, 1, user_id);
		if (deletion[i].params >= 2)
			db_bind_text(q, 2, former_name);
		if (deletion[i].params >= 3)
			db_bind_text(q, 3, db_now(now));
		if ((rc = db_run(q)))
			goto done;
		if (deletion[i].count != NO_COUNT)
			*(int64_t *)((char *)&d + deletion[i].count) =
			        db_changes(c);
	}
done:
	rc = db_write_end(c, top, rc);
	if (rc == STORE_OK && out)
		*out = d;
	return rc;
}
