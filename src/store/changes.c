/* store/changes.c: the changelog and the row counts, on either engine.
 *
 * Every write of published content appends a row to `changes` in its own
 * transaction (db_change); the search index, the page cache and, with
 * several nodes, every node follow it by sequence number.
 */
#include "store/backend.h"
#include "store/db.h"

#include <string.h>

#include "util/util.h"

int store_changes_listen(struct store *st)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (!c->drv->listen)
		return store_set_error(STORE_INVALID,
		                       "%s sends no change notices: poll",
		                       c->drv->name);
	return c->drv->listen(c, DB_CHANGES_CHANNEL);
}

int store_changes_wait(struct store *st, int ms)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (!c->drv->wait)
		return store_set_error(STORE_INVALID,
		                       "%s sends no change notices: poll",
		                       c->drv->name);
	return c->drv->wait(c, ms);
}

int store_counts(struct store *st, struct store_counts *out)
{
	int64_t *const f[] = {
	        &out->departments,  &out->topics,   &out->sources,
	        &out->users,        &out->doctors,  &out->questions,
	        &out->qa_published, &out->answers,  &out->faq,
	        &out->articles,     &out->comments, &out->sessions,
	        &out->changes};
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_ints(db_stmt(c, "SELECT"
	                          " (SELECT count(*) FROM departments),"
	                          " (SELECT count(*) FROM topics),"
	                          " (SELECT count(*) FROM sources),"
	                          " (SELECT count(*) FROM users),"
	                          " (SELECT count(*) FROM doctors),"
	                          " (SELECT count(*) FROM questions),"
	                          " (SELECT count(*) FROM questions"
	                          "  WHERE status = 'published'),"
	                          " (SELECT count(*) FROM answers),"
	                          " (SELECT count(*) FROM faq),"
	                          " (SELECT count(*) FROM articles),"
	                          " (SELECT count(*) FROM comments),"
	                          " (SELECT count(*) FROM sessions),"
	                          " (SELECT count(*) FROM changes)"),
	               f, ARRAY_SIZE(f));
}

int store_last_change_seq(struct store *st, int64_t *seq)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_ints(db_stmt(c, "SELECT coalesce(max(seq), 0) FROM changes"),
	               &seq, 1);
}

static void read_change(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_change *ch = elem;
	enum store_kind kind = STORE_KIND_QA;

	(void)a;
	store_kind_parse(db_col_str(q, 1), &kind);
	ch->seq = db_col_int64(q, 0);
	ch->kind = kind;
	ch->id = db_col_int64(q, 2);
	ch->op = strcmp(db_col_str(q, 3), "delete") == 0 ? STORE_OP_DELETE
	                                                 : STORE_OP_UPSERT;
}

int store_changes_since(struct store *st, struct arena *a, int64_t after,
                        size_t limit, struct store_change **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT seq, kind, entity_id, op FROM changes"
	               " WHERE seq > ? ORDER BY seq LIMIT ?");
	if (q) {
		db_bind_int64(q, 1, after);
		db_bind_int64(q, 2, (int64_t)limit);
	}
	return db_rows(a, q, sizeof(**out), read_change, out, n);
}
