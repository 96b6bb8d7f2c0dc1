/* store/comments.c: comments on Q&As and articles, on either engine:
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
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

int store_comment_create(struct store *st, const struct comment *cm,
                         int64_t *id)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t one;
	int rc, top;

	if (!cm->body || !*cm->body)
		return store_set_error(STORE_INVALID, "a comment needs a body");
	if (cm->target_kind != STORE_KIND_QA &&
	    cm->target_kind != STORE_KIND_ARTICLE)
		return store_set_error(STORE_INVALID,
		                       "comments go on Q&As and articles");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	rc = db_one_int(c,
	                cm->target_kind == STORE_KIND_QA
	                        ? "SELECT 1 FROM questions WHERE id = ?"
	                        : "SELECT 1 FROM articles WHERE id = ?",
	                cm->target_id, &one);
	if (rc) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no such comment target");
		goto done;
	}
	q = db_stmt(
	        c, cm->target_kind == STORE_KIND_QA
	                   ? "INSERT INTO comments (target_kind, target_id,"
	                     " user_id, body, created_at, hidden, lang)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7,"
	                     " (SELECT language FROM questions WHERE id = ?2)))"
	                     " RETURNING id"
	                   : "INSERT INTO comments (target_kind, target_id,"
	                     " user_id, body, created_at, hidden, lang)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7,"
	                     " (SELECT language FROM articles WHERE id = ?2)))"
	                     " RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, store_kind_name(cm->target_kind));
	db_bind_int64(q, 2, cm->target_id);
	db_bind_int64(q, 3, cm->user_id);
	db_bind_text(q, 4, cm->body);
	db_bind_text(q, 5, db_now(now));
	db_bind_int64(q, 6, cm->hidden != 0);
	db_bind_text(q, 7, cm->lang && *cm->lang ? cm->lang : NULL);
	if ((rc = db_row(NULL, q, db_read_int64, id, "comment")) == STORE_OK)
		rc = db_change(c, STORE_KIND_COMMENT, *id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
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
	" u.role = 'doctor' AND u.disabled = 0 AND EXISTS (SELECT 1"           \
	"  FROM doctors d WHERE d.user_id = m.user_id"                         \
	"  AND d.verified_at IS NOT NULL), m.lang"                             \
	" FROM comments m JOIN users u ON u.id = m.user_id"

static void read_comment(struct arena *a, struct db_stmt *q, void *elem)
{
	struct comment_info *ci = elem;

	enum store_kind kind = STORE_KIND_ARTICLE;

	memset(ci, 0, sizeof(*ci));
	store_kind_parse(db_col_str(q, 1), &kind);
	ci->c.id = db_col_int64(q, 0);
	ci->c.target_kind = kind;
	ci->c.target_id = db_col_int64(q, 2);
	ci->c.user_id = db_col_int64(q, 3);
	ci->c.user_name = db_col_text(a, q, 4);
	ci->c.body = db_col_text(a, q, 5);
	ci->c.created_at = db_col_text(a, q, 6);
	ci->c.hidden = (int)db_col_int64(q, 7);
	ci->edited_at = db_col_text(a, q, 8);
	ci->reports = db_col_int64(q, 9);
	ci->target_title = db_col_text(a, q, 10);
	ci->target_slug = db_col_text(a, q, 11);
	ci->by_doctor = (int)db_col_int64(q, 12);
	ci->c.lang = db_col_text(a, q, 13);
}

static int read_comments(struct arena *a, struct db_stmt *q,
                         struct comment_info **out, size_t *n)
{
	return db_rows(a, q, sizeof(**out), read_comment, out, n);
}

int store_comment_get(struct store *st, struct arena *a, int64_t id,
                      struct comment_info *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a, db_stmt_id(c, COMMENT_SELECT " WHERE m.id = ?", id),
	              read_comment, out, "comment");
}

int store_comment_thread(struct store *st, struct arena *a,
                         enum store_kind target_kind, int64_t target_id,
                         int64_t user_id, int all, struct comment_info **out,
                         size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, COMMENT_SELECT " WHERE m.target_kind = ?1"
	                              " AND m.target_id = ?2 AND (m.hidden = 0"
	                              " OR ?4 <> 0 OR (m.hidden = 2"
	                              " AND m.user_id = ?3)) ORDER BY m.id");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, store_kind_name(target_kind));
	db_bind_int64(q, 2, target_id);
	db_bind_int64(q, 3, user_id);
	db_bind_int64(q, 4, all != 0);
	return read_comments(a, q, out, n);
}

int store_comment_count_since(struct store *st, int64_t user_id,
                              const char *since, int64_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT count(*) FROM comments WHERE user_id = ?"
	               " AND created_at >= ?");
	if (q) {
		db_bind_int64(q, 1, user_id);
		db_bind_text(q, 2, since);
	}
	return db_ints(q, &n, 1);
}

int store_comment_edit(struct store *st, int64_t id, const char *body,
                       const char *lang, enum store_comment_state state)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc, top;

	if (!body || !*body)
		return store_set_error(STORE_INVALID, "a comment needs a body");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	/* A comment a moderator hid stays hidden whatever its new text. */
	q = db_stmt(c, "UPDATE comments SET body = ?, edited_at = ?,"
	               " hidden = CASE WHEN hidden = 1 THEN 1 ELSE ? END,"
	               " lang = coalesce(?, lang) WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, body);
	db_bind_text(q, 2, db_now(now));
	db_bind_int64(q, 3, state == STORE_COMMENT_HELD ? 2 : 0);
	db_bind_text(q, 4, lang && *lang ? lang : NULL);
	db_bind_int64(q, 5, id);
	if ((rc = db_run(q)) || (rc = db_changed(c, "comment", id)))
		goto done;
	rc = db_change(c, STORE_KIND_COMMENT, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_comment_delete(struct store *st, int64_t id)
{
	struct db_conn *c;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_run(db_stmt_id(
	             c, "DELETE FROM comment_reports WHERE comment_id = ?",
	             id))) ||
	    (rc = db_run(
	             db_stmt_id(c, "DELETE FROM comments WHERE id = ?", id))) ||
	    (rc = db_changed(c, "comment", id)))
		goto done;
	rc = db_change(c, STORE_KIND_COMMENT, id, STORE_OP_DELETE);
done:
	return db_write_end(c, top, rc);
}

int store_comment_set_state(struct store *st, int64_t id,
                            enum store_comment_state state)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (state > STORE_COMMENT_HELD)
		return store_set_error(STORE_INVALID, "bad comment state");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (!(q = db_stmt_id(c, "UPDATE comments SET hidden = ?2 WHERE id = ?1",
	                     id))) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 2, (int64_t)state);
	if ((rc = db_run(q)) || (rc = db_changed(c, "comment", id)) ||
	    (rc = db_run(db_stmt_id(
	             c, "DELETE FROM comment_reports WHERE comment_id = ?",
	             id))))
		goto done;
	rc = db_change(c, STORE_KIND_COMMENT, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_comment_report(struct store *st, int64_t id, const char *reporter,
                         const char *reason)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t one;
	int rc, top;

	if (!reporter || !*reporter)
		return store_set_error(STORE_INVALID,
		                       "a report needs a reporter");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT 1 FROM comments WHERE id = ?", id,
	                     &one)))
		goto done;
	q = db_stmt(c, "INSERT INTO comment_reports (comment_id, reporter,"
	               " reason, created_at) VALUES (?, ?, nullif(?, ''), ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, id);
	db_bind_text(q, 2, reporter);
	db_bind_text(q, 3, reason);
	db_bind_text(q, 4, db_now(now));
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

int store_comment_queue(struct store *st, struct arena *a, size_t offset,
                        size_t limit, struct comment_info **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT * FROM (" COMMENT_SELECT
	               " WHERE m.id IN (SELECT comment_id"
	               " FROM comment_reports UNION SELECT id"
	               " FROM comments WHERE hidden = 2)"
	               " AND m.hidden <> 1) AS queue"
	               " ORDER BY 8 DESC, 10 DESC, 1 LIMIT ?1 OFFSET ?2");
	if (q) {
		db_bind_int64(q, 1, (int64_t)limit);
		db_bind_int64(q, 2, (int64_t)offset);
	}
	return read_comments(a, q, out, n);
}
