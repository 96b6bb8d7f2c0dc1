/* store/moreinfo.c: the More Info kept with a question, on either engine.
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
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

static void read_moreinfo(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_moreinfo *mi = elem;

	memset(mi, 0, sizeof(*mi));
	mi->question_id = db_col_int64(q, 0);
	mi->json = db_col_text(a, q, 1);
	mi->machine_assisted = db_col_int64(q, 2) != 0;
	mi->status = strcmp(db_col_str(q, 3), "approved") == 0
	                     ? STORE_MI_APPROVED
	                     : STORE_MI_DRAFT;
	mi->approved_by = db_col_int64(q, 4);
	mi->approver = db_col_text(a, q, 5);
	mi->approved_at = db_col_text(a, q, 6);
	mi->edited = db_col_int64(q, 7) != 0;
	mi->generated_at = db_col_text(a, q, 8);
	if (!mi->json)
		mi->json = "";
}

int store_moreinfo_get(struct store *st, struct arena *a, int64_t question_id,
                       struct store_moreinfo *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              db_stmt_id(c,
	                         "SELECT m.question_id, m.json,"
	                         " m.machine_assisted, m.status, m.approved_by,"
	                         " u.name, m.approved_at, m.edited,"
	                         " m.generated_at FROM more_info m"
	                         " LEFT JOIN users u ON u.id = m.approved_by"
	                         " WHERE m.question_id = ?",
	                         question_id),
	              read_moreinfo, out, "More Info");
}

int store_moreinfo_set(struct store *st, const struct store_moreinfo *mi)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t id = 0;
	int rc, top;

	if (!mi->json || !*mi->json)
		return store_set_error(STORE_INVALID, "More Info needs a text");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT id FROM questions WHERE id = ?",
	                     mi->question_id, &id))) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no such question");
		goto done;
	}
	q = db_stmt(c, "INSERT INTO more_info (question_id, json,"
	               " machine_assisted, status, edited, generated_at)"
	               " VALUES (?1, ?2, ?3, 'draft', ?4, ?5)"
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
	db_bind_int64(q, 1, mi->question_id);
	db_bind_text(q, 2, mi->json);
	db_bind_int64(q, 3, mi->machine_assisted != 0);
	db_bind_int64(q, 4, mi->edited != 0);
	db_bind_text(q, 5,
	             mi->generated_at && *mi->generated_at ? mi->generated_at
	                                                   : db_now(now));
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

int store_moreinfo_approve(struct store *st, int64_t question_id,
                           int64_t approved_by)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc, top;

	if (!approved_by)
		return store_set_error(STORE_INVALID,
		                       "approval needs the approver");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "UPDATE more_info SET status = 'approved',"
	               " approved_by = ?, approved_at = ?"
	               " WHERE question_id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, approved_by);
	db_bind_text(q, 2, db_now(now));
	db_bind_int64(q, 3, question_id);
	if ((rc = db_run(q)) ||
	    (rc = db_changed(c, "More Info for question", question_id)))
		goto done;
	rc = db_change(c, STORE_KIND_QA, question_id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}
