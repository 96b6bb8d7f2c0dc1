/* store/sqlite_mydata.c: a user's control of their data in SQLite: the
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
#include "store/sqlite_int.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/util.h"

/* ---- the data download ---- */

static void read_comment(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_my_comment *m = elem;
	enum store_kind kind = STORE_KIND_QA;

	store_kind_parse((const char *)sqlite3_column_text(q, 1), &kind);
	m->id = sqlite3_column_int64(q, 0);
	m->target_kind = kind;
	m->target_id = sqlite3_column_int64(q, 2);
	m->target_title = sq_col_text(a, q, 3);
	m->body = sq_col_text(a, q, 4);
	m->created_at = sq_col_text(a, q, 5);
	m->edited_at = sq_col_text(a, q, 6);
	m->state = sqlite3_column_int(q, 7);
}

static void read_answer(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_my_answer *m = elem;
	enum store_qstatus status = STORE_Q_WAITING;

	store_qstatus_parse((const char *)sqlite3_column_text(q, 3), &status);
	m->id = sqlite3_column_int64(q, 0);
	m->question_id = sqlite3_column_int64(q, 1);
	m->question_title = sq_col_text(a, q, 2);
	m->question_status = status;
	m->body = sq_col_text(a, q, 4);
	m->signoff = sq_col_text(a, q, 5);
	m->answered_at = sq_col_text(a, q, 6);
	m->edited_at = sq_col_text(a, q, 7);
}

static void read_session(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_session_times *m = elem;

	(void)a;
	m->created_at = sqlite3_column_int64(q, 0);
	m->expires_at = sqlite3_column_int64(q, 1);
}

static void read_audit(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_audit_row *m = elem;

	m->id = sqlite3_column_int64(q, 0);
	m->at = sq_col_text(a, q, 1);
	m->user_id = sqlite3_column_int64(q, 2);
	m->action = sq_col_text(a, q, 3);
	m->target_kind = sq_col_text(a, q, 4);
	m->target_id = sqlite3_column_int64(q, 5);
	m->detail = sq_col_text(a, q, 6);
}

static void read_request(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_my_request *m = elem;

	m->id = sqlite3_column_int64(q, 0);
	m->question_id = sqlite3_column_int64(q, 1);
	m->question_title = sq_col_text(a, q, 2);
	m->kind = sq_col_text(a, q, 3);
	m->note = sq_col_text(a, q, 4);
	m->created_at = sq_col_text(a, q, 5);
	m->resolved_at = sq_col_text(a, q, 6);
	m->resolution = sq_col_text(a, q, 7);
	m->as_asker = sqlite3_column_int(q, 8);
}

int sq_user_data(struct store *st, struct arena *a, int64_t user_id,
                 struct store_user_data *out)
{
	struct store_user_data d;
	struct conn *c;
	int rc;

	memset(&d, 0, sizeof(d));
	if ((rc = sq_conn(st, &c)))
		return rc;
	rc = sq_rows_id(c, a,
	                "SELECT m.id, m.target_kind, m.target_id,"
	                " CASE m.target_kind"
	                "  WHEN 'qa' THEN (SELECT title FROM questions"
	                "   WHERE id = m.target_id)"
	                "  ELSE (SELECT title FROM articles"
	                "   WHERE id = m.target_id) END,"
	                " m.body, m.created_at, m.edited_at, m.hidden"
	                " FROM comments m WHERE m.user_id = ? ORDER BY m.id",
	                user_id, sizeof(*d.comments), read_comment, &d.comments,
	                &d.n_comments);
	if (rc == STORE_OK)
		rc = sq_rows_id(c, a,
		                "SELECT a.id, a.question_id, q.title, q.status,"
		                " a.body, a.signoff, a.answered_at, a.edited_at"
		                " FROM answers a JOIN questions q"
		                " ON q.id = a.question_id"
		                " WHERE a.doctor_id = ? ORDER BY a.id",
		                user_id, sizeof(*d.answers), read_answer,
		                &d.answers, &d.n_answers);
	if (rc == STORE_OK)
		rc = sq_rows_id(c, a,
		                "SELECT created_at, expires_at FROM sessions"
		                " WHERE user_id = ? ORDER BY created_at",
		                user_id, sizeof(*d.sessions), read_session,
		                &d.sessions, &d.n_sessions);
	if (rc == STORE_OK)
		rc = sq_rows_id(
		        c, a,
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
		rc = sq_rows_id(
		        c, a,
		        "SELECT r.id, r.question_id, q.title, r.kind,"
		        " r.note, r.created_at, r.resolved_at,"
		        " r.resolution, r.requester = 'asker'"
		        " FROM qa_requests r JOIN questions q"
		        " ON q.id = r.question_id"
		        " WHERE (r.requester = 'asker' AND q.user_id = ?1)"
		        " OR r.requester = 'u:' || ?1 ORDER BY r.id",
		        user_id, sizeof(*d.requests), read_request, &d.requests,
		        &d.n_requests);
	if (rc == STORE_OK)
		*out = d;
	return rc;
}

/* ---- deleting an account ---- */

/* STORE_OK when user_id may be deleted: it exists, is not a tombstone,
 * and is not the last enabled admin. */
static int may_delete(struct conn *c, int64_t user_id)
{
	sqlite3_stmt *q;
	int rc, admin;

	q = sq_stmt(c, "SELECT role = 'admin' AND disabled = 0,"
	               " deleted_at IS NOT NULL"
	               " FROM users WHERE id = ?");
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, user_id);
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	if (rc == 0 || sqlite3_column_int(q, 1)) {
		sqlite3_reset(q);
		return store_set_error(STORE_NOTFOUND, "no user %lld",
		                       (long long)user_id);
	}
	admin = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if (!admin)
		return STORE_OK;
	q = sq_stmt(c, "SELECT count(*) FROM users WHERE role = 'admin'"
	               " AND disabled = 0 AND id <> ?");
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, user_id);
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	rc = rc && sqlite3_column_int64(q, 0) > 0;
	sqlite3_reset(q);
	return rc ? STORE_OK
	          : store_set_error(STORE_CONFLICT, "the last admin");
}

/* What deleting an account does, in order: each statement has ?1 the
 * user and, where it has a second parameter, ?2 the former name; count
 * is the offset of the int64_t of struct store_account_deletion that
 * gets its number of changed rows (NO_COUNT: none). */
#define NO_COUNT SIZE_MAX
#define COUNT(f) offsetof(struct store_account_deletion, f)
static const struct {
	const char *sql;
	size_t count;
} deletion[] = {
        /* Mail not sent yet: to the account or to its questions'
         * addresses (before those addresses are cleared below). */
        {"DELETE FROM mail_queue WHERE recipient <> '' AND"
         " (recipient = (SELECT email FROM users WHERE id = ?1)"
         "  COLLATE NOCASE OR recipient IN (SELECT notify_email"
         "  FROM questions WHERE user_id = ?1"
         "  AND notify_email IS NOT NULL))",
         COUNT(mails)},
        {"DELETE FROM sessions WHERE user_id = ?1", COUNT(sessions)},
        {"DELETE FROM password_resets WHERE user_id = ?1", NO_COUNT},
        /* Comments and the reports they filed ("u:<id>",
         * web/comments.c). */
        {"DELETE FROM comment_reports WHERE reporter = 'u:' || ?1", NO_COUNT},
        {"DELETE FROM comments WHERE user_id = ?1", COUNT(comments)},
        /* Q&A reports it filed ("u:<id>", web/requests.c), and its closed
         * requests as an asker; an open request to unpublish or remove
         * details stays for the moderators (the question stays too,
         * unsigned: the request was the asker's wish about it). */
        {"DELETE FROM qa_requests WHERE requester = 'u:' || ?1"
         " OR (requester = 'asker' AND resolved_at IS NOT NULL"
         "  AND question_id IN (SELECT id FROM questions"
         "   WHERE user_id = ?1))",
         COUNT(requests)},
        /* Questions nobody reads publicly go, with their replies, links,
         * topics and More Info (cascades) and any comments on them. */
        {"DELETE FROM comments WHERE target_kind = 'qa'"
         " AND target_id IN (SELECT id FROM questions"
         "  WHERE user_id = ?1 AND status <> 'published')",
         NO_COUNT},
        {"DELETE FROM questions WHERE user_id = ?1"
         " AND status <> 'published'",
         COUNT(questions_deleted)},
        /* Published ones stay, anonymous: no nickname, no status links,
         * no notification address, and only the text readers already
         * see. */
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'qa', id, 'upsert' FROM questions"
         " WHERE user_id = ?1 AND status = 'published'",
         NO_COUNT},
        {"DELETE FROM question_links WHERE question_id IN"
         " (SELECT id FROM questions WHERE user_id = ?1)",
         NO_COUNT},
        {"UPDATE questions SET user_id = NULL,"
         " nickname = NULL, notify_email = NULL,"
         " token_hash = NULL, original_title = NULL,"
         " original_text = NULL WHERE user_id = ?1",
         COUNT(questions_kept)},
        /* A doctor's replies stay where patients find them, under the
         * neutral name and without the personal sign-off. */
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'qa', id, 'upsert' FROM questions"
         " WHERE status = 'published' AND id IN"
         "  (SELECT question_id FROM answers WHERE doctor_id = ?1)",
         NO_COUNT},
        {"UPDATE answers SET doctor_id = NULL,"
         " author_name = ?2, signoff = NULL WHERE doctor_id = ?1",
         COUNT(answers_kept)},
        {"UPDATE more_info SET approved_by = NULL WHERE approved_by = ?1",
         NO_COUNT},
        {"DELETE FROM doctor_photos WHERE user_id = ?1", NO_COUNT},
        {"DELETE FROM doctors WHERE user_id = ?1", NO_COUNT},
        /* Articles: drafts go; what was published stays, renamed. */
        {"DELETE FROM articles WHERE author_id = ?1 AND status = 'draft'",
         COUNT(articles_deleted)},
        {"INSERT INTO changes (kind, entity_id, op)"
         " SELECT 'article', id, 'upsert' FROM articles"
         " WHERE author_id = ?1 AND status = 'published'",
         NO_COUNT},
        {"UPDATE articles SET author = ?2 WHERE author_id = ?1",
         COUNT(articles_kept)},
        /* The tombstone. */
        {"UPDATE users SET email = 'deleted:' || id,"
         " name = ?2, role = 'patient',"
         " password_hash = NULL, disabled = 1,"
         " deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
         " WHERE id = ?1",
         NO_COUNT},
};

int sq_account_delete(struct store *st, int64_t user_id,
                      const char *former_name,
                      struct store_account_deletion *out)
{
	struct store_account_deletion d;
	struct conn *c;
	int rc, top;

	memset(&d, 0, sizeof(d));
	if (!former_name || !*former_name)
		return store_set_error(STORE_INVALID, "no name for what stays");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = may_delete(c, user_id)))
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(deletion); i++) {
		sqlite3_stmt *q = sq_stmt(c, deletion[i].sql);

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		sqlite3_bind_int64(q, 1, user_id);
		if (sqlite3_bind_parameter_count(q) >= 2)
			sq_bind_text(q, 2, former_name);
		if ((rc = sq_run(c, q)))
			goto done;
		if (deletion[i].count != NO_COUNT)
			*(int64_t *)((char *)&d + deletion[i].count) =
			        sqlite3_changes(c->db);
	}
done:
	rc = sq_write_end(c, top, rc);
	if (rc == STORE_OK && out)
		*out = d;
	return rc;
}
