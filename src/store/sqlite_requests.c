/* store/sqlite_requests.c: privacy requests and reports about Q&As
 * (issue 11), and the reasons of comment reports, in SQLite.
 *
 * A request is a row of qa_requests, open while resolved_at is NULL. A
 * partial unique index keeps one open request per question, kind and
 * requester; asking again replaces the note. Removing personal details
 * edits the question's title and text in place and forgets the asker's
 * original words; it appends a changelog row like every content write.
 */
#include "store/sqlite_int.h"

#include <string.h>

static int kind_ok(const char *kind)
{
	return kind && (!strcmp(kind, "remove_details") ||
	                !strcmp(kind, "unpublish") || !strcmp(kind, "report"));
}

int sq_comment_reasons(struct store *st, struct arena *a, int64_t id,
                       const char ***out, size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_rows_id(c, a,
	                  "SELECT reason FROM comment_reports"
	                  " WHERE comment_id = ? AND reason IS NOT NULL"
	                  " ORDER BY created_at, reporter",
	                  id, sizeof(const char *), sq_read_text, out, n);
}

int sq_qa_request_add(struct store *st, int64_t question_id, const char *kind,
                      const char *requester, const char *note)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t one, open = 0;
	int rc, top;

	if (!kind_ok(kind) || !requester || !*requester)
		return store_set_error(STORE_INVALID, "bad request");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_one_int(c, "SELECT 1 FROM questions WHERE id = ?",
	                     question_id, &one)))
		goto done;
	q = sq_stmt(c,
	            "SELECT count(*) FROM qa_requests WHERE question_id = ?"
	            " AND kind = ? AND requester = ? AND resolved_at IS NULL");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, question_id);
	sq_bind_text(q, 2, kind);
	sq_bind_text(q, 3, requester);
	{
		int64_t *const f[] = {&open};
		if ((rc = sq_ints(c, q, f, 1)))
			goto done;
	}
	q = sq_stmt(c, open ? "UPDATE qa_requests SET note = nullif(?4, '')"
	                      " WHERE question_id = ?1 AND kind = ?2"
	                      " AND requester = ?3 AND resolved_at IS NULL"
	                    : "INSERT INTO qa_requests (question_id, kind,"
	                      " requester, note, created_at)"
	                      " VALUES (?1, ?2, ?3, nullif(?4, ''), " SQ_NOW
	                      ")");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, question_id);
	sq_bind_text(q, 2, kind);
	sq_bind_text(q, 3, requester);
	sq_bind_text(q, 4, note ? note : "");
	if ((rc = sq_run(c, q)))
		goto done;
	if (open)
		rc = store_set_error(STORE_CONFLICT, "already requested");
done:
	/* A repeated request still commits its new note. */
	if (rc == STORE_CONFLICT) {
		rc = sq_write_end(c, top, STORE_OK);
		return rc ? rc : STORE_CONFLICT;
	}
	return sq_write_end(c, top, rc);
}

static void read_request(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct qa_request *r = elem;

	r->id = sqlite3_column_int64(q, 0);
	r->question_id = sqlite3_column_int64(q, 1);
	r->kind = sq_col_text(a, q, 2);
	r->note = sq_col_text(a, q, 3);
	r->created_at = sq_col_text(a, q, 4);
	r->title = sq_col_text(a, q, 5);
}

int sq_qa_request_list(struct store *st, struct arena *a, int64_t question_id,
                       struct qa_request **out, size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_rows_id(c, a,
	                  "SELECT r.id, r.question_id, r.kind, r.note,"
	                  " r.created_at, q.title FROM qa_requests r"
	                  " JOIN questions q ON q.id = r.question_id"
	                  " WHERE r.resolved_at IS NULL"
	                  " AND (?1 = 0 OR r.question_id = ?1) ORDER BY r.id",
	                  question_id, sizeof(**out), read_request, out, n);
}

int sq_qa_request_close(struct store *st, int64_t id, int64_t question_id,
                        const char *kind, int64_t by, const char *resolution)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "UPDATE qa_requests SET resolved_at = " SQ_NOW ","
	               " resolved_by = ?4, resolution = ?5"
	               " WHERE resolved_at IS NULL AND (?1 = 0 OR id = ?1)"
	               " AND (?1 <> 0 OR (question_id = ?2 AND kind = ?3))");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, question_id);
	sq_bind_text(q, 3, kind ? kind : "");
	sq_bind_id(q, 4, by);
	sq_bind_text(q, 5, resolution);
	if ((rc = sq_run(c, q)))
		goto done;
	if (id)
		rc = sq_changed(c, "open request", id);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_edit_text(struct store *st, int64_t id, const char *title,
                          const char *text)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t one;
	int rc, top;

	if (!title || !*title || !text || !*text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_one_int(c, "SELECT 1 FROM questions WHERE id = ?", id,
	                     &one)))
		goto done;
	q = sq_stmt(c, "UPDATE questions SET title = ?2, text = ?3,"
	               " original_title = NULL, original_text = NULL"
	               " WHERE id = ?1 AND status IN ('published',"
	               " 'unpublished')");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, id);
	sq_bind_text(q, 2, title);
	sq_bind_text(q, 3, text);
	if ((rc = sq_run(c, q)))
		goto done;
	if (sqlite3_changes(c->db) == 0) {
		rc = store_set_error(STORE_CONFLICT,
		                     "question %lld is not published",
		                     (long long)id);
		goto done;
	}
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}
