/* store/requests.c: privacy requests and reports about Q&As (issue 11),
 * and the reasons of comment reports, on either engine.
 *
 * A request is a row of qa_requests, open while resolved_at is NULL. A
 * partial unique index keeps one open request per question, kind and
 * requester; asking again replaces the note. Removing personal details
 * edits the question's title and text in place and forgets the asker's
 * original words, intake answers and notice address; it appends a changelog row
 * like every content write.
 */
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

static int kind_ok(const char *kind)
{
	return kind && (!strcmp(kind, "remove_details") ||
	                !strcmp(kind, "unpublish") || !strcmp(kind, "report"));
}

int store_comment_reasons(struct store *st, struct arena *a, int64_t id,
                          const char ***out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               db_stmt_id(c,
	                          "SELECT reason FROM comment_reports"
	                          " WHERE comment_id = ? AND reason IS NOT NULL"
	                          " ORDER BY created_at, reporter",
	                          id),
	               sizeof(const char *), db_read_text, out, n);
}

int store_qa_request_add(struct store *st, int64_t question_id,
                         const char *kind, const char *requester,
                         const char *note)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t one, open = 0;
	int64_t *const f[] = {&open};
	int rc, top;

	if (!kind_ok(kind) || !requester || !*requester)
		return store_set_error(STORE_INVALID, "bad request");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT 1 FROM questions WHERE id = ?",
	                     question_id, &one)))
		goto done;
	q = db_stmt(c,
	            "SELECT count(*) FROM qa_requests WHERE question_id = ?"
	            " AND kind = ? AND requester = ? AND resolved_at IS NULL");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, question_id);
	db_bind_text(q, 2, kind);
	db_bind_text(q, 3, requester);
	if ((rc = db_ints(q, f, 1)))
		goto done;
	q = db_stmt(c, open ? "UPDATE qa_requests SET note = nullif(?4, '')"
	                      " WHERE question_id = ?1 AND kind = ?2"
	                      " AND requester = ?3 AND resolved_at IS NULL"
	                    : "INSERT INTO qa_requests (question_id, kind,"
	                      " requester, note, created_at)"
	                      " VALUES (?1, ?2, ?3, nullif(?4, ''), ?5)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, question_id);
	db_bind_text(q, 2, kind);
	db_bind_text(q, 3, requester);
	db_bind_text(q, 4, note ? note : "");
	if (!open)
		db_bind_text(q, 5, db_now(now));
	if ((rc = db_run(q)))
		goto done;
	if (open)
		rc = store_set_error(STORE_CONFLICT, "already requested");
done:
	/* A repeated request still commits its new note. */
	if (rc == STORE_CONFLICT) {
		rc = db_write_end(c, top, STORE_OK);
		return rc ? rc : STORE_CONFLICT;
	}
	return db_write_end(c, top, rc);
}

static void read_request(struct arena *a, struct db_stmt *q, void *elem)
{
	struct qa_request *r = elem;

	r->id = db_col_int64(q, 0);
	r->question_id = db_col_int64(q, 1);
	r->kind = db_col_text(a, q, 2);
	r->note = db_col_text(a, q, 3);
	r->created_at = db_col_text(a, q, 4);
	r->title = db_col_text(a, q, 5);
}

int store_qa_request_list(struct store *st, struct arena *a,
                          int64_t question_id, struct qa_request **out,
                          size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               db_stmt_id(c,
	                          "SELECT r.id, r.question_id, r.kind, r.note,"
	                          " r.created_at, q.title FROM qa_requests r"
	                          " JOIN questions q ON q.id = r.question_id"
	                          " WHERE r.resolved_at IS NULL"
	                          " AND (?1 = 0 OR r.question_id = ?1)"
	                          " ORDER BY r.id",
	                          question_id),
	               sizeof(**out), read_request, out, n);
}

int store_qa_request_close(struct store *st, int64_t id, int64_t question_id,
                           const char *kind, int64_t by, const char *resolution)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "UPDATE qa_requests SET resolved_at = ?6,"
	               " resolved_by = ?4, resolution = ?5"
	               " WHERE resolved_at IS NULL AND (?1 = 0 OR id = ?1)"
	               " AND (?1 <> 0 OR (question_id = ?2 AND kind = ?3))");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, question_id);
	db_bind_text(q, 3, kind ? kind : "");
	db_bind_id(q, 4, by);
	db_bind_text(q, 5, resolution);
	db_bind_text(q, 6, db_now(now));
	if ((rc = db_run(q)))
		goto done;
	if (id)
		rc = db_changed(c, "open request", id);
done:
	return db_write_end(c, top, rc);
}

int store_question_edit_text(struct store *st, int64_t id, const char *title,
                             const char *text)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t one;
	int rc, top;

	if (!title || !*title || !text || !*text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT 1 FROM questions WHERE id = ?", id,
	                     &one)))
		goto done;
	q = db_stmt(c, "UPDATE questions SET title = ?2, text = ?3,"
	               " original_title = NULL, original_text = NULL"
	               " WHERE id = ?1 AND status IN ('published',"
	               " 'unpublished')");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, id);
	db_bind_text(q, 2, title);
	db_bind_text(q, 3, text);
	if ((rc = db_run(q)))
		goto done;
	if (db_changes(c) == 0) {
		rc = store_set_error(STORE_CONFLICT,
		                     "question %lld is not published",
		                     (long long)id);
		goto done;
	}
	/* The intake answers and the notice address go with the asker's
	 * own words. */
	if ((rc = store_question_forget_private(c, id)))
		goto done;
	rc = db_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}
