/* store/intake.c: intake forms of departments and the answers askers gave,
 * on either engine.
 *
 * A department's form is one row of intake_forms: its definition as JSON,
 * checked by the web layer (web/intake.c) before it gets here. A
 * question's answers are one row of question_intake, JSON the web layer
 * wrote; they go with the question (a cascade), with its personal data
 * (store_question_edit_text, store_account_delete) and when it is
 * withdrawn (store_question_forget_private).
 */
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

static void read_form(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_intake_form *f = elem;

	f->department_id = db_col_int64(q, 0);
	f->definition = db_col_text(a, q, 1);
	f->updated_at = db_col_text(a, q, 2);
	if (!f->definition)
		f->definition = "";
}

int store_intake_form_get(struct store *st, struct arena *a,
                          int64_t department_id, struct store_intake_form *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              db_stmt_id(c,
	                         "SELECT department_id, definition, updated_at"
	                         " FROM intake_forms WHERE department_id = ?",
	                         department_id),
	              read_form, out, "intake form");
}

int store_intake_form_list(struct store *st, struct arena *a,
                           struct store_intake_form **out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               db_stmt(c, "SELECT department_id, definition,"
	                          " updated_at FROM intake_forms"
	                          " ORDER BY department_id"),
	               sizeof(**out), read_form, out, n);
}

int store_intake_form_set(struct store *st, int64_t department_id,
                          const char *definition)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t one;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT 1 FROM departments WHERE id = ?",
	                     department_id, &one))) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no department %lld",
			                (long long)department_id);
		goto done;
	}
	if (!definition || !*definition) {
		q = db_stmt_id(
		        c, "DELETE FROM intake_forms WHERE department_id = ?",
		        department_id);
		rc = q ? db_run(q) : STORE_ERROR;
		goto done;
	}
	q = db_stmt(c, "INSERT INTO intake_forms (department_id, definition,"
	               " updated_at) VALUES (?1, ?2, ?3)"
	               " ON CONFLICT (department_id) DO UPDATE SET"
	               " definition = excluded.definition,"
	               " updated_at = excluded.updated_at");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, department_id);
	db_bind_text(q, 2, definition);
	db_bind_text(q, 3, db_now(now));
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

int store_question_intake_set(struct store *st, int64_t question_id,
                              const char *data)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (!data || !*data) {
		q = db_stmt_id(
		        c, "DELETE FROM question_intake WHERE question_id = ?",
		        question_id);
		rc = q ? db_run(q) : STORE_ERROR;
		goto done;
	}
	q = db_stmt(c, "INSERT INTO question_intake (question_id, data)"
	               " VALUES (?1, ?2) ON CONFLICT (question_id)"
	               " DO UPDATE SET data = excluded.data");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, question_id);
	db_bind_text(q, 2, data);
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

int store_question_forget_private(struct db_conn *c, int64_t id)
{
	struct db_stmt *q;
	int rc;

	q = db_stmt_id(c, "DELETE FROM question_intake WHERE question_id = ?",
	               id);
	if (!q)
		return STORE_ERROR;
	if ((rc = db_run(q)))
		return rc;
	q = db_stmt_id(c,
	               "UPDATE questions SET notify_email = NULL"
	               " WHERE id = ?",
	               id);
	return q ? db_run(q) : STORE_ERROR;
}

int store_question_intake_get(struct store *st, struct arena *a,
                              int64_t question_id, const char **out)
{
	struct db_conn *c;
	int rc;

	*out = NULL;
	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              db_stmt_id(c,
	                         "SELECT data FROM question_intake"
	                         " WHERE question_id = ?",
	                         question_id),
	              db_read_text, (void *)out, "intake");
}
