/* store/sqlite_comments.c: comments on Q&As and articles in SQLite:
 * writing and listing them, edits, reports and the moderators' queue.
 *
 * A comment's `hidden` column is its state: 0 shown, 1 hidden by a
 * moderator, 2 held for review (shown to its author and to moderators
 * only). An edit keeps a moderator's hiding whatever the new text. A
 * reader reports a comment once (one row per reporter); a moderator's
 * decision clears its reports, and the queue holds what is reported or
 * held and not hidden. Every comment write appends a changelog row (kind
 * comment) in the same transaction, as content writes do.
 */
#include "store/sqlite_int.h"

#include <string.h>

int sq_comment_create(struct store *st, const struct comment *cm, int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t one;
	int rc, top;

	if (!cm->body || !*cm->body)
		return store_set_error(STORE_INVALID, "a comment needs a body");
	if (cm->target_kind != STORE_KIND_QA &&
	    cm->target_kind != STORE_KIND_ARTICLE)
		return store_set_error(STORE_INVALID,
		                       "comments go on Q&As and articles");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	rc = sq_one_int(c,
	                cm->target_kind == STORE_KIND_QA
	                        ? "SELECT 1 FROM questions WHERE id = ?"
	                        : "SELECT 1 FROM articles WHERE id = ?",
	                cm->target_id, &one);
	if (rc) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no such comment target");
		goto done;
	}
	q = sq_stmt(c, "INSERT INTO comments (target_kind, target_id, user_id,"
	               " body, created_at, hidden) VALUES (?, ?, ?, ?, " SQ_NOW
	               ", ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, store_kind_name(cm->target_kind));
	sqlite3_bind_int64(q, 2, cm->target_id);
	sqlite3_bind_int64(q, 3, cm->user_id);
	sq_bind_text(q, 4, cm->body);
	sqlite3_bind_int(q, 5, cm->hidden != 0);
	if ((rc = sq_run(c, q)) == STORE_OK) {
		*id = sqlite3_last_insert_rowid(c->db);
		rc = sq_change(c, STORE_KIND_COMMENT, *id, STORE_OP_UPSERT);
	}
done:
	return sq_write_end(c, top, rc);
}

/* A comment row: id, target kind and id, user id and name, body, date,
 * hidden. */
static void read_comment_row(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct comment *cm = elem;
	enum store_kind kind = STORE_KIND_QA;

	store_kind_parse((const char *)sqlite3_column_text(q, 1), &kind);
	cm->id = sqlite3_column_int64(q, 0);
	cm->target_kind = kind;
	cm->target_id = sqlite3_column_int64(q, 2);
	cm->user_id = sqlite3_column_int64(q, 3);
	cm->user_name = sq_col_text(a, q, 4);
	cm->body = sq_col_text(a, q, 5);
	cm->created_at = sq_col_text(a, q, 6);
	cm->hidden = sqlite3_column_int(q, 7);
}

int sq_comment_list(struct store *st, struct arena *a,
                    enum store_kind target_kind, int64_t target_id,
                    int with_hidden, struct comment **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT m.id, m.target_kind, m.target_id, m.user_id,"
	               " u.name, m.body, m.created_at, m.hidden"
	               " FROM comments m JOIN users u ON u.id = m.user_id"
	               " WHERE m.target_kind = ? AND m.target_id = ?"
	               " AND (? OR m.hidden = 0) ORDER BY m.id");
	if (q) {
		sq_bind_text(q, 1, store_kind_name(target_kind));
		sqlite3_bind_int64(q, 2, target_id);
		sqlite3_bind_int(q, 3, with_hidden != 0);
	}
	return sq_rows(c, a, q, sizeof(**out), read_comment_row, out, n);
}

/* ---- comments with their moderation details ---- */

#define COMMENT_SELECT                                                         \
	"SELECT m.id, m.target_kind, m.target_id, m.user_id, u.name, m.body,"  \
	" m.created_at, m.hidden, m.edited_at,"                                \
	" (SELECT count(*) FROM comment_reports r WHERE r.comment_id = m.id)," \
	" CASE m.target_kind WHEN 'qa' THEN (SELECT title FROM questions"      \
	"  WHERE id = m.target_id) ELSE (SELECT title FROM articles"           \
	"  WHERE id = m.target_id) END,"                                       \
	" CASE m.target_kind WHEN 'article' THEN (SELECT slug FROM articles"   \
	"  WHERE id = m.target_id) END,"                                       \
	" (SELECT group_concat(reason, char(10)) FROM (SELECT reason"          \
	"  FROM comment_reports r WHERE r.comment_id = m.id"                   \
	"  AND coalesce(reason, '') <> '' ORDER BY created_at LIMIT 10))"      \
	" FROM comments m JOIN users u ON u.id = m.user_id"

static void read_comment(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct comment_info *ci = elem;

	enum store_kind kind = STORE_KIND_ARTICLE;

	memset(ci, 0, sizeof(*ci));
	store_kind_parse((const char *)sqlite3_column_text(q, 1), &kind);
	ci->c.id = sqlite3_column_int64(q, 0);
	ci->c.target_kind = kind;
	ci->c.target_id = sqlite3_column_int64(q, 2);
	ci->c.user_id = sqlite3_column_int64(q, 3);
	ci->c.user_name = sq_col_text(a, q, 4);
	ci->c.body = sq_col_text(a, q, 5);
	ci->c.created_at = sq_col_text(a, q, 6);
	ci->c.hidden = sqlite3_column_int(q, 7);
	ci->edited_at = sq_col_text(a, q, 8);
	ci->reports = sqlite3_column_int64(q, 9);
	ci->target_title = sq_col_text(a, q, 10);
	ci->target_slug = sq_col_text(a, q, 11);
	ci->report_reasons = sq_col_text(a, q, 12);
}

static int read_comments(struct conn *c, struct arena *a, sqlite3_stmt *q,
                         struct comment_info **out, size_t *n)
{
	return sq_rows(c, a, q, sizeof(**out), read_comment, out, n);
}

int sq_comment_get(struct store *st, struct arena *a, int64_t id,
                   struct comment_info *out)
{
	return sq_row_by_id(st, a, COMMENT_SELECT " WHERE m.id = ?", id,
	                    read_comment, out, "comment");
}

int sq_comment_thread(struct store *st, struct arena *a,
                      enum store_kind target_kind, int64_t target_id,
                      int64_t user_id, int all, struct comment_info **out,
                      size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, COMMENT_SELECT " WHERE m.target_kind = ?1"
	                              " AND m.target_id = ?2 AND (m.hidden = 0"
	                              " OR ?4 OR (m.hidden = 2"
	                              " AND m.user_id = ?3)) ORDER BY m.id");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, store_kind_name(target_kind));
	sqlite3_bind_int64(q, 2, target_id);
	sqlite3_bind_int64(q, 3, user_id);
	sqlite3_bind_int(q, 4, all != 0);
	return read_comments(c, a, q, out, n);
}

int sq_comment_count(struct store *st, enum store_kind target_kind,
                     int64_t target_id, int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT count(*) FROM comments WHERE target_kind = ?"
	               " AND target_id = ? AND hidden = 0");
	if (q) {
		sq_bind_text(q, 1, store_kind_name(target_kind));
		sqlite3_bind_int64(q, 2, target_id);
	}
	return sq_ints(c, q, &n, 1);
}

int sq_comment_count_since(struct store *st, int64_t user_id, const char *since,
                           int64_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT count(*) FROM comments WHERE user_id = ?"
	               " AND created_at >= ?");
	if (q) {
		sqlite3_bind_int64(q, 1, user_id);
		sq_bind_text(q, 2, since);
	}
	return sq_ints(c, q, &n, 1);
}

int sq_comment_edit(struct store *st, int64_t id, const char *body,
                    enum store_comment_state state)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!body || !*body)
		return store_set_error(STORE_INVALID, "a comment needs a body");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	/* A comment a moderator hid stays hidden whatever its new text. */
	q = sq_stmt(c, "UPDATE comments SET body = ?, edited_at = " SQ_NOW ","
	               " hidden = CASE WHEN hidden = 1 THEN 1 ELSE ? END"
	               " WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, body);
	sqlite3_bind_int(q, 2, state == STORE_COMMENT_HELD ? 2 : 0);
	sqlite3_bind_int64(q, 3, id);
	if ((rc = sq_run(c, q)) || (rc = sq_changed(c, "comment", id)))
		goto done;
	rc = sq_change(c, STORE_KIND_COMMENT, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_comment_delete(struct store *st, int64_t id)
{
	struct conn *c;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_run_ids(c,
	                     "DELETE FROM comment_reports WHERE comment_id = ?",
	                     id, 0)) ||
	    (rc = sq_run_ids(c, "DELETE FROM comments WHERE id = ?", id, 0)) ||
	    (rc = sq_changed(c, "comment", id)))
		goto done;
	rc = sq_change(c, STORE_KIND_COMMENT, id, STORE_OP_DELETE);
done:
	return sq_write_end(c, top, rc);
}

int sq_comment_set_state(struct store *st, int64_t id,
                         enum store_comment_state state)
{
	struct conn *c;
	int rc, top;

	if (state > STORE_COMMENT_HELD)
		return store_set_error(STORE_INVALID, "bad comment state");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_run_ids(c, "UPDATE comments SET hidden = ?2 WHERE id = ?1",
	                     id, (int64_t)state)) ||
	    (rc = sq_changed(c, "comment", id)) ||
	    (rc = sq_run_ids(c,
	                     "DELETE FROM comment_reports WHERE comment_id = ?",
	                     id, 0)))
		goto done;
	rc = sq_change(c, STORE_KIND_COMMENT, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_comment_report(struct store *st, int64_t id, const char *reporter,
                      const char *reason)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t one;
	int rc, top;

	if (!reporter || !*reporter)
		return store_set_error(STORE_INVALID,
		                       "a report needs a reporter");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_one_int(c, "SELECT 1 FROM comments WHERE id = ?", id,
	                     &one)))
		goto done;
	q = sq_stmt(c,
	            "INSERT INTO comment_reports (comment_id, reporter,"
	            " reason, created_at) VALUES (?, ?, nullif(?, ''), " SQ_NOW
	            ")");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, id);
	sq_bind_text(q, 2, reporter);
	sq_bind_text(q, 3, reason);
	rc = sq_run(c, q);
done:
	return sq_write_end(c, top, rc);
}

int sq_comment_queue(struct store *st, struct arena *a, size_t offset,
                     size_t limit, struct comment_info **out, size_t *n)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return read_comments(
	        c, a,
	        sq_stmt_page(c,
	                     "SELECT * FROM (" COMMENT_SELECT
	                     " WHERE m.id IN (SELECT comment_id"
	                     " FROM comment_reports UNION SELECT id"
	                     " FROM comments WHERE hidden = 2)"
	                     " AND m.hidden <> 1) ORDER BY 8 DESC, 10 DESC, 1"
	                     " LIMIT ?2 OFFSET ?3",
	                     0, limit, offset),
	        out, n);
}
