/* store/mail.c: the outgoing mail queue, on either engine.
 *
 * The mail queue is a table, so a restart loses nothing: a mail is
 * pending until sent or given up (a failure with a next attempt moves
 * next_at, Unix seconds); sending wipes its recipient and body, so the
 * table does not keep addresses or status links longer than it must.
 *
 * Senders on several nodes share the queue: store_mail_claim takes the
 * oldest due mail and moves its next_at past a lease in one statement,
 * so no other sender takes it while it is being sent (and if its sender
 * dies, it is due again when the lease ends). On PostgreSQL the row is
 * picked with FOR UPDATE SKIP LOCKED, so concurrent claims skip each
 * other's rows instead of waiting and then taking the same one; SQLite
 * has one writer at a time and no such clause.
 */
#include "store/backend.h"
#include "store/db.h"

#include <time.h>

#include "util/util.h"

int store_mail_enqueue(struct store *st, const char *to, const char *subject,
                       const char *body, int64_t *id)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t new_id = 0;
	int rc;

	if (!to || !*to || !subject || !body)
		return store_set_error(
		        STORE_INVALID,
		        "a mail needs a recipient, subject, body");
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "INSERT INTO mail_queue (created_at, recipient, subject,"
	               " body, next_at) VALUES (?, ?, ?, ?, ?) RETURNING id");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, db_now(now));
	db_bind_text(q, 2, to);
	db_bind_text(q, 3, subject);
	db_bind_text(q, 4, body);
	db_bind_int64(q, 5, (int64_t)time(NULL));
	if ((rc = db_row(NULL, q, db_read_int64, &new_id, "mail")))
		return rc;
	if (id)
		*id = new_id;
	return STORE_OK;
}

static void read_mail(struct arena *a, struct db_stmt *q, void *elem)
{
	struct mail_item *m = elem;

	m->id = db_col_int64(q, 0);
	m->to = db_col_text(a, q, 1);
	m->subject = db_col_text(a, q, 2);
	m->body = db_col_text(a, q, 3);
	m->attempts = (int)db_col_int64(q, 4);
	m->next_at = db_col_int64(q, 5);
}

int store_mail_next(struct store *st, struct arena *a, int64_t now,
                    struct mail_item *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(
	        a,
	        db_stmt_id(c,
	                   "SELECT id, recipient, subject, body, attempts,"
	                   " next_at FROM mail_queue"
	                   " WHERE status = 'pending' AND next_at <= ?"
	                   " ORDER BY next_at, id LIMIT 1",
	                   now),
	        read_mail, out, "mail due");
}

static int mail_update(struct db_conn *c, struct db_stmt *q, int64_t id);

#define CLAIM(lock)                                                            \
	"UPDATE mail_queue SET next_at = ?2 WHERE id = (SELECT id"             \
	" FROM mail_queue WHERE status = 'pending' AND next_at <= ?1"          \
	" ORDER BY next_at, id LIMIT 1" lock ") AND status = 'pending'"        \
	" RETURNING id, recipient, subject, body, attempts, next_at"

int store_mail_claim(struct store *st, struct arena *a, int64_t now,
                     int64_t lease_s, struct mail_item *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (lease_s <= 0)
		return store_set_error(STORE_INVALID, "a claim needs a lease");
	if ((rc = store_conn(st, &c)))
		return rc;
	if (c->drv == &db_sqlite_driver)
		q = db_stmt(c, CLAIM(""));
	else
		q = db_stmt(c, CLAIM(" FOR UPDATE SKIP LOCKED"));
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, now);
	db_bind_int64(q, 2, now + lease_s);
	return db_row(a, q, read_mail, out, "mail due");
}

int store_mail_release(struct store *st, int64_t id, int64_t next_at)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "UPDATE mail_queue SET next_at = ? WHERE id = ?"
	               " AND status = 'pending'");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, next_at);
	db_bind_int64(q, 2, id);
	return mail_update(c, q, id);
}

int store_mail_next_due(struct store *st, int64_t *at)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_ints(db_stmt(c, "SELECT coalesce(min(next_at), 0)"
	                          " FROM mail_queue WHERE status = 'pending'"),
	               &at, 1);
}

/* Run an UPDATE of mail id that must change one row. */
static int mail_update(struct db_conn *c, struct db_stmt *q, int64_t id)
{
	int rc;

	if ((rc = db_run(q)))
		return rc;
	return db_changed(c, "mail", id);
}

int store_mail_sent(struct store *st, int64_t id)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "UPDATE mail_queue SET status = 'sent', recipient = '',"
	               " body = '', last_error = NULL, sent_at = ?"
	               " WHERE id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, db_now(now));
	db_bind_int64(q, 2, id);
	return mail_update(c, q, id);
}

int store_mail_failed(struct store *st, int64_t id, int64_t next_at,
                      const char *error)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (next_at)
		q = db_stmt(c, "UPDATE mail_queue SET attempts = attempts + 1,"
		               " next_at = ?, last_error = ? WHERE id = ?");
	else
		q = db_stmt(c, "UPDATE mail_queue SET attempts = attempts + 1,"
		               " status = 'failed', recipient = '', body = '',"
		               " next_at = ?, last_error = ? WHERE id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, next_at);
	db_bind_text(q, 2, error);
	db_bind_int64(q, 3, id);
	return mail_update(c, q, id);
}

int store_mail_counts(struct store *st, int64_t *pending, int64_t *sent,
                      int64_t *failed)
{
	int64_t *const f[] = {pending, sent, failed};
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_ints(db_stmt(c, "SELECT"
	                          " (SELECT count(*) FROM mail_queue"
	                          "  WHERE status = 'pending'),"
	                          " (SELECT count(*) FROM mail_queue"
	                          "  WHERE status = 'sent'),"
	                          " (SELECT count(*) FROM mail_queue"
	                          "  WHERE status = 'failed')"),
	               f, ARRAY_SIZE(f));
}
