/* store/ask.c: asking and answering, on either engine: the doctors'
 * queue, status links, status changes, topics and answer edits (the
 * outgoing mail queue is in mail.c, the audit log's rows in admin.c).
 *
 * A status link's token is never stored, only its hash: the one given
 * when asking sits in questions.token_hash, later ones (carried by
 * notification mails) in question_links; either opens the question.
 * Status changes that depend on the current status (withdraw, reject,
 * unpublish, answer) are one conditional UPDATE, so two people acting at
 * once cannot both win: the loser gets STORE_CONFLICT. Every write that
 * touches a question appends a changelog row in the same transaction (the
 * search index re-reads the question and drops it unless published).
 *
 * The age of the oldest waiting question is worked out in C from its
 * asked_at text, so no engine's date functions are needed; whether the
 * database takes writes and how long a lock is waited for are the
 * driver's (store/db.h).
 */
#include "store/backend.h"
#include "store/db.h"
#include "store/content.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/util.h"

#define XSTR(x) STR(x)
#define STR(x)  #x
#define EXCERPT XSTR(STORE_EXCERPT_CHARS)

/* ---- question lists ---- */

#define ITEM_SELECT                                                            \
	"SELECT q.id, q.title, q.status, q.consent, q.urgent,"                 \
	" q.department_id, d.name, d.slug, q.asked_at,"                        \
	" substr(q.text, 1, " EXCERPT "),"                                     \
	" length(q.text) > " EXCERPT ", q.follow_up_of, q.user_id,"            \
	" q.language"                                                          \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id"

static void read_item(struct arena *a, struct db_stmt *q, void *elem)
{
	struct question_item *it = elem;
	enum store_qstatus status = STORE_Q_WAITING;

	memset(it, 0, sizeof(*it));
	it->id = db_col_int64(q, 0);
	it->title = db_col_text(a, q, 1);
	store_qstatus_parse(db_col_str(q, 2), &status);
	it->status = status;
	it->consent = (int)db_col_int64(q, 3);
	it->urgent = (int)db_col_int64(q, 4);
	it->department_id = db_col_int64(q, 5);
	it->department = db_col_text(a, q, 6);
	it->department_slug = db_col_text(a, q, 7);
	it->asked_at = db_col_text(a, q, 8);
	it->excerpt = db_col_text(a, q, 9);
	it->excerpt_cut = (int)db_col_int64(q, 10);
	it->follow_up_of = db_col_int64(q, 11);
	it->user_id = db_col_int64(q, 12);
	it->language = db_col_text(a, q, 13);
}

/* q with ?1 bound to key (a statement may leave it out), ?2 to limit and
 * ?3 to offset. */
static struct db_stmt *page(struct db_conn *c, const char *sql, int64_t key,
                            size_t limit, size_t offset)
{
	struct db_stmt *q = db_stmt(c, sql);

	if (q) {
		if (strstr(sql, "?1"))
			db_bind_int64(q, 1, key);
		db_bind_int64(q, 2, (int64_t)limit);
		db_bind_int64(q, 3, (int64_t)offset);
	}
	return q;
}

static int read_items(struct arena *a, struct db_stmt *q,
                      struct question_item **out, size_t *n)
{
	return db_rows(a, q, sizeof(**out), read_item, out, n);
}

int store_queue_list(struct store *st, struct arena *a, int64_t department_id,
                     size_t offset, size_t limit, struct question_item **out,
                     size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (department_id)
		q = page(c,
		         ITEM_SELECT " WHERE q.status = 'waiting'"
		                     " AND (q.department_id = ?1"
		                     " OR q.department_id IS NULL)"
		                     " ORDER BY q.urgent DESC, q.asked_at, q.id"
		                     " LIMIT ?2 OFFSET ?3",
		         department_id, limit, offset);
	else
		q = page(c,
		         ITEM_SELECT " WHERE q.status = 'waiting'"
		                     " ORDER BY q.urgent DESC, q.asked_at, q.id"
		                     " LIMIT ?2 OFFSET ?3",
		         0, limit, offset);
	return read_items(a, q, out, n);
}

int store_queue_count(struct store *st, int64_t *waiting, int64_t *urgent)
{
	int64_t *const f[] = {waiting, urgent};
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_ints(db_stmt(c, "SELECT count(*), coalesce(sum(CASE WHEN"
	                          " urgent <> 0 THEN 1 ELSE 0 END), 0)"
	                          " FROM questions WHERE status = 'waiting'"),
	               f, ARRAY_SIZE(f));
}

/* Seconds since the epoch of a date the store wrote or imported
 * ("YYYY-MM-DD", optionally "THH:MM[:SS]" or " HH:MM[:SS]", taken as
 * UTC); -1 when s is not one. */
static int64_t date_seconds(const char *s)
{
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, sec = 0, k = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &k) != 3)
		return -1;
	if ((s[k] == 'T' || s[k] == ' ') &&
	    sscanf(s + k + 1, "%2d:%2d:%2d", &h, &mi, &sec) < 2)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	return (int64_t)timegm(&tm);
}

int store_queue_oldest(struct store *st, int64_t *seconds)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t at = -1;
	int rc;

	*seconds = 0;
	if ((rc = store_conn(st, &c)))
		return rc;
	if (!(q = db_stmt(c, "SELECT min(asked_at) FROM questions"
	                     " WHERE status = 'waiting'")))
		return STORE_ERROR;
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc) {
		at = date_seconds(db_col_str(q, 0));
		db_reset(q);
	}
	if (at >= 0 && (int64_t)time(NULL) > at)
		*seconds = (int64_t)time(NULL) - at;
	return STORE_OK;
}

int store_writable(struct store *st)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return c->drv->writable(c);
}

int store_busy_timeout(struct store *st, int ms)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return c->drv->busy_timeout(c, ms);
}

int store_question_list_by_user(struct store *st, struct arena *a,
                                int64_t user_id, size_t offset, size_t limit,
                                struct question_item **out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return read_items(a,
	                  page(c,
	                       ITEM_SELECT " WHERE q.user_id = ?1"
	                                   " ORDER BY q.id DESC"
	                                   " LIMIT ?2 OFFSET ?3",
	                       user_id, limit, offset),
	                  out, n);
}

int store_question_followups(struct store *st, struct arena *a, int64_t id,
                             struct question_item **out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return read_items(a,
	                  db_stmt_id(c,
	                             ITEM_SELECT " WHERE q.follow_up_of = ?"
	                                         " ORDER BY q.id",
	                             id),
	                  out, n);
}

int store_question_item(struct store *st, struct arena *a, int64_t id,
                        struct question_item *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a, db_stmt_id(c, ITEM_SELECT " WHERE q.id = ?", id),
	              read_item, out, "question");
}

/* ---- status links ---- */

int store_question_by_token(struct store *st, struct arena *a,
                            const char *token_hash, struct question *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t id;
	int rc;

	if (!token_hash || !*token_hash)
		return STORE_NOTFOUND;
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT id FROM questions WHERE token_hash = ?1"
	               " UNION ALL SELECT question_id FROM question_links"
	               " WHERE token_hash = ?1 LIMIT 1");
	if (q)
		db_bind_text(q, 1, token_hash);
	if ((rc = db_row(a, q, db_read_int64, &id, "status link")))
		return rc;
	return store_qa_get(st, a, id, out);
}

/* STORE_OK when question id exists, else STORE_NOTFOUND (recorded). */
static int question_exists(struct db_conn *c, int64_t id)
{
	int64_t one;
	int rc =
	        db_one_int(c, "SELECT 1 FROM questions WHERE id = ?", id, &one);

	if (rc == STORE_NOTFOUND)
		return store_set_error(STORE_NOTFOUND, "no question %lld",
		                       (long long)id);
	return rc;
}

int store_question_add_link(struct store *st, int64_t id,
                            const char *token_hash)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc, top;

	if (!token_hash || !*token_hash)
		return store_set_error(STORE_INVALID, "no token hash");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	q = db_stmt(c, "INSERT INTO question_links (token_hash, question_id,"
	               " created_at) VALUES (?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, token_hash);
	db_bind_int64(q, 2, id);
	db_bind_text(q, 3, db_now(now));
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

/* ---- status changes ---- */

/* After a conditional UPDATE changed nothing: NOTFOUND or CONFLICT. */
static int unchanged(struct db_conn *c, int64_t id)
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
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (from)
		q = db_stmt(c, "UPDATE questions SET status = ?1,"
		               " content_hash = NULL, published_at = CASE"
		               " WHEN ?1 = 'published' THEN"
		               " coalesce(published_at, ?4) ELSE published_at"
		               " END WHERE id = ?2 AND status = ?3");
	else
		q = db_stmt(c, "UPDATE questions SET status = ?1,"
		               " content_hash = NULL, published_at = CASE"
		               " WHEN ?1 = 'published' THEN"
		               " coalesce(published_at, ?4) ELSE published_at"
		               " END WHERE id = ?2");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, store_qstatus_name(to));
	db_bind_int64(q, 2, id);
	if (from)
		db_bind_text(q, 3, from);
	db_bind_text(q, 4, db_now(now));
	if ((rc = db_run(q)))
		goto done;
	if (!db_changes(c)) {
		rc = from ? unchanged(c, id) : db_changed(c, "question", id);
		goto done;
	}
	/* Nobody answers a withdrawn question: what the asker gave only
	 * for the doctor's eyes goes. */
	if (to == STORE_Q_WITHDRAWN &&
	    (rc = store_question_forget_private(c, id)))
		goto done;
	rc = db_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_question_set_status(struct store *st, int64_t id,
                              enum store_qstatus status)
{
	return set_status(st, id, NULL, status);
}

int store_question_transition(struct store *st, int64_t id,
                              enum store_qstatus from, enum store_qstatus to)
{
	return set_status(st, id, store_qstatus_name(from), to);
}

int store_question_reject(struct store *st, int64_t id, const char *reason)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!reason || !*reason)
		return store_set_error(STORE_INVALID,
		                       "a rejection needs a reason");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "UPDATE questions SET status = 'rejected',"
	               " reject_reason = ?, content_hash = NULL"
	               " WHERE id = ? AND status = 'waiting'");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, reason);
	db_bind_int64(q, 2, id);
	if ((rc = db_run(q)))
		goto done;
	if (!db_changes(c)) {
		rc = unchanged(c, id);
		goto done;
	}
	rc = db_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_question_reason(struct store *st, struct arena *a, int64_t id,
                          const char **reason)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              db_stmt_id(c,
	                         "SELECT reject_reason FROM questions"
	                         " WHERE id = ?",
	                         id),
	              db_read_text, reason, "question");
}

/* Clear question id's content hash (an import must rewrite it) and log
 * the change. */
static int touched(struct db_conn *c, int64_t id)
{
	struct db_stmt *q = db_stmt_id(
	        c, "UPDATE questions SET content_hash = NULL WHERE id = ?", id);
	int rc;

	if (!q)
		return STORE_ERROR;
	if ((rc = db_run(q)))
		return rc;
	return db_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
}

int store_question_set_public_text(struct store *st, int64_t id,
                                   const char *title, const char *text)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!title || !*title || !text || !*text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	q = db_stmt(c, "UPDATE questions SET title = ?, text = ? WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, title);
	db_bind_text(q, 2, text);
	db_bind_int64(q, 3, id);
	if (!(rc = db_run(q)))
		rc = touched(c, id);
done:
	return db_write_end(c, top, rc);
}

int store_question_set_department(struct store *st, int64_t id,
                                  int64_t department_id)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t one;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	if (department_id &&
	    (rc = db_one_int(c, "SELECT 1 FROM departments WHERE id = ?",
	                     department_id, &one))) {
		if (rc == STORE_NOTFOUND)
			rc = store_set_error(STORE_INVALID,
			                     "no department %lld",
			                     (long long)department_id);
		goto done;
	}
	q = db_stmt_id(c,
	               "UPDATE questions SET department_id = ?2"
	               " WHERE id = ?1",
	               id);
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_id(q, 2, department_id);
	if (!(rc = db_run(q)))
		rc = touched(c, id);
done:
	return db_write_end(c, top, rc);
}

int store_question_set_topics(struct store *st, int64_t id,
                              const int64_t *topic_ids, size_t n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = question_exists(c, id)))
		goto done;
	if (!(q = db_stmt_id(
	              c, "DELETE FROM question_topics WHERE question_id = ?",
	              id)) ||
	    (rc = db_run(q))) {
		rc = q ? rc : STORE_ERROR;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		q = db_stmt(c, "INSERT INTO question_topics"
		               " (question_id, topic_id, pos) VALUES (?, ?, ?)"
		               " ON CONFLICT DO NOTHING");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		db_bind_int64(q, 1, id);
		db_bind_int64(q, 2, topic_ids[i]);
		db_bind_int64(q, 3, (int64_t)i);
		if ((rc = db_run(q)))
			goto done;
	}
	rc = touched(c, id);
done:
	return db_write_end(c, top, rc);
}

int store_topic_ensure(struct store *st, const char *name,
                       int64_t department_id, int64_t *id)
{
	struct db_conn *c;
	int rc, top, created = 0;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "a topic needs a name");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	rc = taxonomy_topic_ensure(c, name, department_id, id, &created);
	if (rc == STORE_OK && created)
		rc = db_change(c, STORE_KIND_TOPIC, *id, STORE_OP_UPSERT);
	return db_write_end(c, top, rc);
}

/* ---- answers ---- */

#define ANSWER_SELECT                                                          \
	"SELECT a.id, a.question_id, a.doctor_id,"                             \
	" coalesce(u.name, a.author_name), dr.title, dr.hospital,"             \
	" a.department_id, p.name, a.body, a.answered_at, a.edited_at,"        \
	" a.signoff, a.extra, dr.signoff, dr.verified_at IS NOT NULL"          \
	" FROM answers a LEFT JOIN users u ON u.id = a.doctor_id"              \
	" LEFT JOIN doctors dr ON dr.user_id = a.doctor_id"                    \
	" LEFT JOIN departments p ON p.id = a.department_id"

static void read_answer(struct arena *a, struct db_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = db_col_int64(q, 0);
	an->question_id = db_col_int64(q, 1);
	an->doctor_id = db_col_int64(q, 2);
	an->author = db_col_text(a, q, 3);
	an->doctor_title = db_col_text(a, q, 4);
	an->hospital = db_col_text(a, q, 5);
	an->department_id = db_col_int64(q, 6);
	an->department = db_col_text(a, q, 7);
	an->body = db_col_text(a, q, 8);
	an->answered_at = db_col_text(a, q, 9);
	an->edited_at = db_col_text(a, q, 10);
	an->signoff = db_col_text(a, q, 11);
	an->extra = db_col_text(a, q, 12);
	an->doctor_signoff = db_col_text(a, q, 13);
	an->doctor_verified = (int)db_col_int64(q, 14);
}

int store_answer_get(struct store *st, struct arena *a, int64_t id,
                     struct answer *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a, db_stmt_id(c, ANSWER_SELECT " WHERE a.id = ?", id),
	              read_answer, out, "answer");
}

int store_answer_update(struct store *st, const struct answer *ans)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t qid;
	int rc, top;

	if (!ans->body || !*ans->body)
		return store_set_error(STORE_INVALID, "an answer needs a body");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_one_int(c, "SELECT question_id FROM answers WHERE id = ?",
	                     ans->id, &qid))) {
		if (rc == STORE_NOTFOUND)
			rc = store_set_error(STORE_NOTFOUND, "no answer %lld",
			                     (long long)ans->id);
		goto done;
	}
	q = db_stmt(c, "UPDATE answers SET body = ?, signoff = ?,"
	               " edited_at = ? WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, ans->body);
	db_bind_text(q, 2, ans->signoff);
	db_bind_text(q, 3, db_now(now));
	db_bind_int64(q, 4, ans->id);
	if (!(rc = db_run(q)))
		rc = touched(c, qid);
done:
	return db_write_end(c, top, rc);
}
