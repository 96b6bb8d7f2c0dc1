/* store/sqlite_ask.c: asking and answering in SQLite: the doctors' queue,
 * status links, status changes, topics and answer edits (the outgoing
 * mail queue is in mail.c, the audit log's rows in admin.c).
 *
 * A status link's token is never stored, only its hash: the one given
 * when asking sits in questions.token_hash, later ones (carried by
 * notification mails) in question_links; either opens the question.
 * Status changes that depend on the current status (withdraw, reject,
 * unpublish, answer) are one conditional UPDATE, so two people acting at
 * once cannot both win: the loser gets STORE_CONFLICT. Every write that
 * touches a question appends a changelog row in the same transaction (the
 * search index re-reads the question and drops it unless published).

 */
#include "store/sqlite_int.h"

#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "util/util.h"

/* ---- question lists ---- */

#define ITEM_SELECT                                                            \
	"SELECT q.id, q.title, q.status, q.consent, q.urgent,"                 \
	" q.department_id, d.name, d.slug, q.asked_at,"                        \
	" substr(q.text, 1, " SQ_EXCERPT "),"                                  \
	" length(q.text) > " SQ_EXCERPT ", q.follow_up_of, q.user_id,"         \
	" q.language"                                                          \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id"

static void read_item(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct question_item *it = elem;

	enum store_qstatus status = STORE_Q_WAITING;

	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(q, 0);
	it->title = sq_col_text(a, q, 1);
	store_qstatus_parse((const char *)sqlite3_column_text(q, 2), &status);
	it->status = status;
	it->consent = sqlite3_column_int(q, 3);
	it->urgent = sqlite3_column_int(q, 4);
	it->department_id = sqlite3_column_int64(q, 5);
	it->department = sq_col_text(a, q, 6);
	it->department_slug = sq_col_text(a, q, 7);
	it->asked_at = sq_col_text(a, q, 8);
	it->excerpt = sq_col_text(a, q, 9);
	it->excerpt_cut = sqlite3_column_int(q, 10);
	it->follow_up_of = sqlite3_column_int64(q, 11);
	it->user_id = sqlite3_column_int64(q, 12);
	it->language = sq_col_text(a, q, 13);
}

/* Step q (bound) to its end, collecting the items. */
static int read_items(struct conn *c, struct arena *a, sqlite3_stmt *q,
                      struct question_item **out, size_t *n)
{
	return sq_rows(c, a, q, sizeof(**out), read_item, out, n);
}

int sq_queue_list(struct store *st, struct arena *a, int64_t department_id,
                  size_t offset, size_t limit, struct question_item **out,
                  size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (department_id)
		q = sq_stmt_page(c,
		                 ITEM_SELECT " WHERE q.status = 'waiting'"
		                             " AND (q.department_id = ?1"
		                             " OR q.department_id IS NULL)"
		                             " ORDER BY q.urgent DESC,"
		                             " q.asked_at, q.id"
		                             " LIMIT ?2 OFFSET ?3",
		                 department_id, limit, offset);
	else
		q = sq_stmt_page(c,
		                 ITEM_SELECT " WHERE q.status = 'waiting'"
		                             " ORDER BY q.urgent DESC,"
		                             " q.asked_at, q.id"
		                             " LIMIT ?2 OFFSET ?3",
		                 0, limit, offset);
	return read_items(c, a, q, out, n);
}

int sq_queue_count(struct store *st, int64_t *waiting, int64_t *urgent)
{
	int64_t *const f[] = {waiting, urgent};
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_ints(c,
	               sq_stmt(c,
	                       "SELECT count(*), coalesce(sum(urgent != 0), 0)"
	                       " FROM questions WHERE status = 'waiting'"),
	               f, ARRAY_SIZE(f));
}

int sq_queue_oldest(struct store *st, int64_t *seconds)
{
	int64_t *const f[] = {seconds};
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_ints(c,
	               sq_stmt(c, "SELECT coalesce(max(0, unixepoch('now')"
	                          " - unixepoch(min(asked_at))), 0)"
	                          " FROM questions WHERE status = 'waiting'"),
	               f, ARRAY_SIZE(f));
}

/* A write that changes nothing: take the write lock, rewrite the header's
 * user version, roll back. Fails on a read-only file or file system, a
 * full journal, or a lock held longer than the busy timeout. */
int sq_writable(struct store *st)
{
	int64_t version = 0, *const f[] = {&version};
	const char *path;
	struct statvfs fs;
	struct conn *c;
	char sql[64];
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	/* A rolled back write never reaches the disk: ask it for room. */
	path = sqlite3_db_filename(c->db, "main");
	if (path && *path && statvfs(path, &fs) == 0 &&
	    (unsigned long long)fs.f_bavail * fs.f_frsize <
	            STORE_MIN_FREE_BYTES)
		return store_set_error(STORE_FULL, "less than %d bytes free",
		                       STORE_MIN_FREE_BYTES);
	if ((rc = sq_exec(c, "BEGIN IMMEDIATE")))
		return rc;
	rc = sq_ints(c, sq_stmt(c, "PRAGMA user_version"), f, 1);
	if (rc == STORE_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %lld",
		         (long long)version);
		rc = sq_exec(c, sql);
	}
	sq_exec(c, "ROLLBACK");
	return rc;
}

int sq_question_list_by_user(struct store *st, struct arena *a, int64_t user_id,
                             size_t offset, size_t limit,
                             struct question_item **out, size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return read_items(c, a,
	                  sq_stmt_page(c,
	                               ITEM_SELECT " WHERE q.user_id = ?1"
	                                           " ORDER BY q.id DESC"
	                                           " LIMIT ?2 OFFSET ?3",
	                               user_id, limit, offset),
	                  out, n);
}

int sq_question_followups(struct store *st, struct arena *a, int64_t id,
                          struct question_item **out, size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return read_items(c, a,
	                  sq_stmt_id(c,
	                             ITEM_SELECT " WHERE q.follow_up_of = ?"
	                                         " ORDER BY q.id",
	                             id),
	                  out, n);
}

int sq_question_item(struct store *st, struct arena *a, int64_t id,
                     struct question_item *out)
{
	return sq_row_by_id(st, a, ITEM_SELECT " WHERE q.id = ?", id, read_item,
	                    out, "question");
}

/* ---- status links ---- */

int sq_question_by_token(struct store *st, struct arena *a,
                         const char *token_hash, struct question *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t id;
	int rc;

	if (!token_hash || !*token_hash)
		return STORE_NOTFOUND;
	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT id FROM questions WHERE token_hash = ?1"
	               " UNION ALL SELECT question_id FROM question_links"
	               " WHERE token_hash = ?1 LIMIT 1");
	if (q)
		sq_bind_text(q, 1, token_hash);
	if ((rc = sq_row(c, a, q, sq_read_int64, &id, "status link")))
		return rc;
	return sq_qa_read(c, a, id, NULL, out);
}

/* STORE_OK when question id exists, else STORE_NOTFOUND (recorded). */
/* STORE_OK when question id exists, else STORE_NOTFOUND (recorded). */
static int question_exists(struct conn *c, int64_t id)
{
	int64_t one;
	int rc =
	        sq_one_int(c, "SELECT 1 FROM questions WHERE id = ?", id, &one);

	if (rc == STORE_NOTFOUND)
		return store_set_error(STORE_NOTFOUND, "no question %lld",
		                       (long long)id);
	return rc;
}

int sq_question_add_link(struct store *st, int64_t id, const char *token_hash)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!token_hash || !*token_hash)
		return store_set_error(STORE_INVALID, "no token hash");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	q = sq_stmt(c, "INSERT INTO question_links (token_hash, question_id,"
	               " created_at) VALUES (?, ?, " SQ_NOW ")");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, token_hash);
	sqlite3_bind_int64(q, 2, id);
	rc = sq_run(c, q);
done:
	return sq_write_end(c, top, rc);
}

/* ---- status changes ---- */

/* After a conditional UPDATE changed nothing: NOTFOUND or CONFLICT. */
static int unchanged(struct conn *c, int64_t id)
{
	int rc = question_exists(c, id);

	if (rc)
		return rc;
	return store_set_error(STORE_CONFLICT,
	                       "question %lld changed status meanwhile",
	                       (long long)id);
}

/* Set the status of question id to `to`, from any status (from NULL) or
 * only from status `from` (else STORE_CONFLICT, or NOTFOUND). */
static int set_status(struct store *st, int64_t id, const char *from,
                      enum store_qstatus to)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "UPDATE questions SET status = ?1, content_hash = NULL,"
	               " published_at = CASE WHEN ?1 = 'published'"
	               " THEN coalesce(published_at, " SQ_NOW ")"
	               " ELSE published_at END WHERE id = ?2"
	               " AND (?3 IS NULL OR status = ?3)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, store_qstatus_name(to));
	sqlite3_bind_int64(q, 2, id);
	sq_bind_text(q, 3, from);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!sqlite3_changes(c->db)) {
		rc = from ? unchanged(c, id) : sq_changed(c, "question", id);
		goto done;
	}
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_set_status(struct store *st, int64_t id,
                           enum store_qstatus status)
{
	return set_status(st, id, NULL, status);
}

int sq_question_transition(struct store *st, int64_t id,
                           enum store_qstatus from, enum store_qstatus to)
{
	return set_status(st, id, store_qstatus_name(from), to);
}

int sq_question_reject(struct store *st, int64_t id, const char *reason)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!reason || !*reason)
		return store_set_error(STORE_INVALID,
		                       "a rejection needs a reason");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "UPDATE questions SET status = 'rejected',"
	               " reject_reason = ?, content_hash = NULL"
	               " WHERE id = ? AND status = 'waiting'");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, reason);
	sqlite3_bind_int64(q, 2, id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!sqlite3_changes(c->db)) {
		rc = unchanged(c, id);
		goto done;
	}
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_reason(struct store *st, struct arena *a, int64_t id,
                       const char **reason)
{
	return sq_row_by_id(st, a,
	                    "SELECT reject_reason FROM questions WHERE id = ?",
	                    id, sq_read_text, reason, "question");
}

int sq_question_set_public_text(struct store *st, int64_t id, const char *title,
                                const char *text)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!title || !*title || !text || !*text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	q = sq_stmt(c, "UPDATE questions SET title = ?, text = ?,"
	               " content_hash = NULL WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, title);
	sq_bind_text(q, 2, text);
	sqlite3_bind_int64(q, 3, id);
	if ((rc = sq_run(c, q)))
		goto done;
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_set_department(struct store *st, int64_t id,
                               int64_t department_id)
{
	struct conn *c;
	int64_t one;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	if (department_id &&
	    (rc = sq_one_int(c, "SELECT 1 FROM departments WHERE id = ?",
	                     department_id, &one))) {
		if (rc == STORE_NOTFOUND)
			rc = store_set_error(STORE_INVALID,
			                     "no department %lld",
			                     (long long)department_id);
		goto done;
	}
	if ((rc = sq_run_ids(
	             c,
	             "UPDATE questions SET department_id = nullif(?2, 0),"
	             " content_hash = NULL WHERE id = ?1",
	             id, department_id)))
		goto done;
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_set_topics(struct store *st, int64_t id,
                           const int64_t *topic_ids, size_t n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)) ||
	    (rc = sq_run_ids(
	             c, "DELETE FROM question_topics WHERE question_id = ?", id,
	             0)))
		goto done;
	for (size_t i = 0; i < n; i++) {
		q = sq_stmt(c,
		            "INSERT OR IGNORE INTO question_topics"
		            " (question_id, topic_id, pos) VALUES (?, ?, ?)");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, topic_ids[i]);
		sqlite3_bind_int64(q, 3, (int64_t)i);
		if ((rc = sq_run(c, q)))
			goto done;
	}
	if ((rc = sq_run_ids(c,
	                     "UPDATE questions SET content_hash = NULL"
	                     " WHERE id = ?",
	                     id, 0)))
		goto done;
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_topic_ensure_named(struct store *st, const char *name,
                          int64_t department_id, int64_t *id)
{
	struct conn *c;
	int rc, top, created = 0;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "a topic needs a name");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	rc = sq_topic_ensure(c, name, department_id, id, &created);
	if (rc == STORE_OK && created)
		rc = sq_change(c, STORE_KIND_TOPIC, *id, STORE_OP_UPSERT);
	return sq_write_end(c, top, rc);
}

/* ---- answers ---- */

int sq_answer_get(struct store *st, struct arena *a, int64_t id,
                  struct answer *out)
{
	return sq_row_by_id(st, a, SQ_ANSWER_SELECT " WHERE a.id = ?", id,
	                    sq_read_answer, out, "answer");
}

int sq_answer_update(struct store *st, const struct answer *ans)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t qid;
	int rc, top;

	if (!ans->body || !*ans->body)
		return store_set_error(STORE_INVALID, "an answer needs a body");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_one_int(c, "SELECT question_id FROM answers WHERE id = ?",
	                     ans->id, &qid))) {
		if (rc == STORE_NOTFOUND)
			rc = store_set_error(STORE_NOTFOUND, "no answer %lld",
			                     (long long)ans->id);
		goto done;
	}
	q = sq_stmt(c, "UPDATE answers SET body = ?, signoff = ?,"
	               " edited_at = " SQ_NOW " WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, ans->body);
	sq_bind_text(q, 2, ans->signoff);
	sqlite3_bind_int64(q, 3, ans->id);
	if ((rc = sq_run(c, q)) ||
	    (rc = sq_run_ids(c,
	                     "UPDATE questions SET content_hash = NULL"
	                     " WHERE id = ?",
	                     qid, 0)))
		goto done;
	rc = sq_change(c, STORE_KIND_QA, qid, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}
