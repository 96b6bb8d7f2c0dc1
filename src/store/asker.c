/* store/asker.c: what an asker does with their own question after asking
 * (issue 17), on either engine.
 *
 * An anonymous question can be saved to an account: its user_id is set
 * once, only while it has none, so a token holder cannot move a question
 * from one account to another. The e-mail address for the reply notice
 * lives in questions.notify_email like the one given on the ask form: the
 * data download includes it and removing the question's personal data
 * clears it (store/mydata.c).
 */
#include "store/backend.h"
#include "store/db.h"

int store_question_claim(struct store *st, int64_t id, int64_t user_id)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t owner = 0;
	int64_t *const f[] = {&owner};
	int rc, top;

	if (id <= 0 || user_id <= 0)
		return store_set_error(STORE_INVALID, "bad claim");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt_id(
	        c, "SELECT coalesce(user_id, 0) FROM questions WHERE id = ?",
	        id);
	if ((rc = db_ints(q, f, 1)))
		goto done;
	if (owner == user_id)
		goto done; /* saved already: nothing to do */
	if (owner) {
		rc = store_set_error(STORE_CONFLICT,
		                     "saved to another account");
		goto done;
	}
	q = db_stmt(c, "UPDATE questions SET user_id = ?2"
	               " WHERE id = ?1 AND user_id IS NULL");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, id);
	db_bind_int64(q, 2, user_id);
	if ((rc = db_run(q)))
		goto done;
	rc = db_changed(c, "question", id);
done:
	return db_write_end(c, top, rc);
}

int store_question_set_email(struct store *st, int64_t id, const char *email)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "UPDATE questions SET notify_email = nullif(?2, '')"
	               " WHERE id = ?1");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, id);
	db_bind_text(q, 2, email ? email : "");
	if ((rc = db_run(q)))
		goto done;
	rc = db_changed(c, "question", id);
done:
	return db_write_end(c, top, rc);
}
