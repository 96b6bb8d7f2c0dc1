/* store/sqlite_moreinfo.c: the More Info kept with a question, in SQLite.
 *
 * One row per question (more_info, keyed by the question): the text as the
 * web layer's JSON, whether a language model drafted it, whether the
 * doctor edited it, and its review state. A row starts as a draft
 * (store_moreinfo_set) and is approved by the doctor who publishes the
 * reply (store_moreinfo_approve), in the transaction that publishes it;
 * approval appends a changelog row for the question, so caches and the
 * index see the page change. Replacing the text always makes the row a
 * draft again, so an approved text is exactly what its approver saw.
 */
#include "store/sqlite_int.h"

#include <string.h>

/* Migration 5. approved_by keeps the approver while the account exists. */
const char sq_schema_moreinfo[] =
        "CREATE TABLE more_info ("
        " question_id INTEGER PRIMARY KEY REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " json TEXT NOT NULL,"
        " machine_assisted INTEGER NOT NULL DEFAULT 0,"
        " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',"
        "  'approved')),"
        " approved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " approved_at TEXT,"
        " edited INTEGER NOT NULL DEFAULT 0,"
        " generated_at TEXT NOT NULL);";

static void read_moreinfo(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_moreinfo *mi = elem;

	memset(mi, 0, sizeof(*mi));
	mi->question_id = sqlite3_column_int64(q, 0);
	mi->json = sq_col_text(a, q, 1);
	mi->machine_assisted = sqlite3_column_int(q, 2) != 0;
	mi->status =
	        strcmp((const char *)sqlite3_column_text(q, 3), "approved") == 0
	                ? STORE_MI_APPROVED
	                : STORE_MI_DRAFT;
	mi->approved_by = sqlite3_column_int64(q, 4);
	mi->approver = sq_col_text(a, q, 5);
	mi->approved_at = sq_col_text(a, q, 6);
	mi->edited = sqlite3_column_int(q, 7) != 0;
	mi->generated_at = sq_col_text(a, q, 8);
	if (!mi->json)
		mi->json = "";
}

int sq_moreinfo_get(struct store *st, struct arena *a, int64_t question_id,
                    struct store_moreinfo *out)
{
	return sq_row_by_id(st, a,
	                    "SELECT m.question_id, m.json, m.machine_assisted,"
	                    " m.status, m.approved_by, u.name, m.approved_at,"
	                    " m.edited, m.generated_at FROM more_info m"
	                    " LEFT JOIN users u ON u.id = m.approved_by"
	                    " WHERE m.question_id = ?",
	                    question_id, read_moreinfo, out, "More Info");
}

int sq_moreinfo_set(struct store *st, const struct store_moreinfo *mi)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t id = 0;
	int rc, top;

	if (!mi->json || !*mi->json)
		return store_set_error(STORE_INVALID, "More Info needs a text");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_one_int(c, "SELECT id FROM questions WHERE id = ?",
	                     mi->question_id, &id))) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no such question");
		goto done;
	}
	q = sq_stmt(c, "INSERT INTO more_info (question_id, json,"
	               " machine_assisted, status, edited, generated_at)"
	               " VALUES (?1, ?2, ?3, 'draft', ?4, coalesce(?5, " SQ_NOW
	               "))"
	               " ON CONFLICT (question_id) DO UPDATE SET"
	               " json = excluded.json,"
	               " machine_assisted = excluded.machine_assisted,"
	               " status = 'draft', approved_by = NULL,"
	               " approved_at = NULL, edited = excluded.edited,"
	               " generated_at = excluded.generated_at");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, mi->question_id);
	sq_bind_text(q, 2, mi->json);
	sqlite3_bind_int(q, 3, mi->machine_assisted != 0);
	sqlite3_bind_int(q, 4, mi->edited != 0);
	sq_bind_text(q, 5,
	             mi->generated_at && *mi->generated_at ? mi->generated_at
	                                                   : NULL);
	rc = sq_run(c, q);
done:
	return sq_write_end(c, top, rc);
}

int sq_moreinfo_approve(struct store *st, int64_t question_id,
                        int64_t approved_by)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!approved_by)
		return store_set_error(STORE_INVALID,
		                       "approval needs the approver");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "UPDATE more_info SET status = 'approved',"
	               " approved_by = ?, approved_at = " SQ_NOW
	               " WHERE question_id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, approved_by);
	sqlite3_bind_int64(q, 2, question_id);
	if ((rc = sq_run(c, q)) ||
	    (rc = sq_changed(c, "More Info for question", question_id)))
		goto done;
	rc = sq_change(c, STORE_KIND_QA, question_id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}
