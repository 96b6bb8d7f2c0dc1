/* tests/unit/test_store_rows.c: the SQLite backend's statement helpers
 * (sq_row, sq_rows, sq_ints, sq_stmt_page, sq_run_ids, sq_changed) and the
 * store paths built on them: what a missing row reports, a failed
 * statement, empty lists, paging, and the shared rename and status paths.
 * Works in its own temporary folder under /tmp, removed at the end.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite_int.h"
#include "store/store.h"
#include "test.h"
#include "util/arena.h"

static char dir[64];
static char path[128];

static void remove_db(void)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static void read_pair(struct arena *a, sqlite3_stmt *q, void *elem)
{
	int64_t *v = elem;

	(void)a;
	v[0] = sqlite3_column_int64(q, 0);
	v[1] = sqlite3_column_int64(q, 1);
}

static void test_helpers(struct store *st)
{
	struct arena *a = arena_new();
	struct conn *c;
	int64_t pair[2] = {-1, -1}, *v = NULL, x = -1, y = -1;
	int64_t *const xy[] = {&x, &y};
	const char *text = NULL;
	size_t n = 99;

	CHECK_INT(sq_conn(st, &c), STORE_OK);
	CHECK_INT(sq_exec(c, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"),
	          STORE_OK);

	/* No row: NOTFOUND with the caller's word, out untouched. */
	CHECK_INT(sq_row(c, a,
	                 sq_stmt_id(c, "SELECT k, k FROM t WHERE k = ?", 7),
	                 read_pair, pair, "widget"),
	          STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no such widget");
	CHECK(pair[0] == -1 && pair[1] == -1);
	CHECK_INT(sq_one_int(c, "SELECT k FROM t WHERE k = ?", 7, &x),
	          STORE_NOTFOUND);
	CHECK(x == -1);

	/* A statement that does not prepare: STORE_ERROR, recorded. */
	CHECK_INT(sq_row(c, a, sq_stmt(c, "SELECT nope FROM missing"),
	                 read_pair, pair, "widget"),
	          STORE_ERROR);
	CHECK(strstr(store_errmsg(), "missing") != NULL);
	CHECK_INT(sq_rows(c, a, sq_stmt(c, "SELECT nope FROM missing2"),
	                  sizeof(*v), sq_read_int64, &v, &n),
	          STORE_ERROR);
	CHECK(n == 99);

	/* An empty list: NULL and 0. */
	v = (int64_t *)1;
	CHECK_INT(sq_rows(c, a, sq_stmt(c, "SELECT k FROM t ORDER BY k"),
	                  sizeof(*v), sq_read_int64, &v, &n),
	          STORE_OK);
	CHECK(v == NULL);
	CHECK(n == 0);

	/* Writes with one or two ids; sq_changed tells a miss. */
	for (int64_t k = 1; k <= 5; k++)
		CHECK_INT(sq_run_ids(c, "INSERT INTO t (k, v) VALUES (?, 'x')",
		                     k, 0),
		          STORE_OK);
	CHECK_INT(
	        sq_run_ids(c, "UPDATE t SET v = 'y' || ?2 WHERE k = ?1", 3, 9),
	        STORE_OK);
	CHECK_INT(sq_changed(c, "widget", 3), STORE_OK);
	CHECK_INT(sq_run_ids(c, "UPDATE t SET v = 'z' WHERE k = ?", 42, 0),
	          STORE_OK);
	CHECK_INT(sq_changed(c, "widget", 42), STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no widget 42");

	/* A row found: read, and the statement reset (no open read). */
	CHECK_INT(sq_row(c, a,
	                 sq_stmt_id(c, "SELECT k, length(v) FROM t WHERE k = ?",
	                            3),
	                 read_pair, pair, "widget"),
	          STORE_OK);
	CHECK(pair[0] == 3 && pair[1] == 2);
	CHECK(sqlite3_get_autocommit(c->db));
	CHECK_INT(sq_row(c, a, sq_stmt(c, "SELECT v FROM t WHERE k = 3"),
	                 sq_read_text, &text, "widget"),
	          STORE_OK);
	CHECK_STR(text, "y9");

	/* Pages: ?1 key (may be left out), ?2 limit, ?3 offset. */
	CHECK_INT(sq_rows(c, a,
	                  sq_stmt_page(c,
	                               "SELECT k FROM t WHERE k > ?1"
	                               " ORDER BY k LIMIT ?2 OFFSET ?3",
	                               1, 2, 1),
	                  sizeof(*v), sq_read_int64, &v, &n),
	          STORE_OK);
	CHECK(n == 2 && v[0] == 3 && v[1] == 4);
	CHECK_INT(sq_rows(c, a,
	                  sq_stmt_page(c,
	                               "SELECT k FROM t ORDER BY k DESC"
	                               " LIMIT ?2 OFFSET ?3",
	                               0, 10, 3),
	                  sizeof(*v), sq_read_int64, &v, &n),
	          STORE_OK);
	CHECK(n == 2 && v[0] == 2 && v[1] == 1);

	/* Aggregates: every column, 0 when there is no row at all. */
	CHECK_INT(
	        sq_ints(c, sq_stmt(c, "SELECT count(*), max(k) FROM t"), xy, 2),
	        STORE_OK);
	CHECK(x == 5 && y == 5);
	CHECK_INT(
	        sq_ints(c, sq_stmt(c, "SELECT k, k FROM t WHERE k < 0"), xy, 2),
	        STORE_OK);
	CHECK(x == 0 && y == 0);
	CHECK(sqlite3_get_autocommit(c->db));
	arena_free(a);
}

static void test_store_paths(struct store *st)
{
	struct arena *a = arena_new();
	struct question q = {.title = "A title", .text = "A text"};
	struct question_item it;
	struct answer an;
	struct topic t;
	const char *slug = NULL;
	int64_t dept, dept2, topic, qid;

	/* Getters on nothing report what was missing. */
	CHECK_INT(store_answer_get(st, a, 12345, &an), STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no such answer");
	CHECK_INT(store_question_item(st, a, 12345, &it), STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no such question");
	CHECK_INT(store_user_set_role(st, 12345, STORE_ROLE_DOCTOR),
	          STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no user 12345");

	/* Status: unconditional and conditional share one UPDATE. */
	CHECK_INT(store_question_create(st, &q, &qid), STORE_OK);
	CHECK_INT(store_question_set_status(st, 12345, STORE_Q_PUBLISHED),
	          STORE_NOTFOUND);
	CHECK_INT(store_question_transition(st, qid, STORE_Q_ANSWERED,
	                                    STORE_Q_PUBLISHED),
	          STORE_CONFLICT);
	CHECK_INT(store_question_transition(st, qid, STORE_Q_WAITING,
	                                    STORE_Q_ANSWERED),
	          STORE_OK);
	CHECK_INT(store_question_set_status(st, qid, STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK_INT(store_question_item(st, a, qid, &it), STORE_OK);
	CHECK_INT(it.status, STORE_Q_PUBLISHED);

	/* Renames: departments and topics share one path. */
	CHECK_INT(store_department_create(st, "Liver", NULL, &dept), STORE_OK);
	CHECK_INT(store_department_create(st, "Heart", NULL, &dept2), STORE_OK);
	CHECK_INT(store_topic_create(st, "Cirrhosis", dept, &topic), STORE_OK);
	CHECK_INT(store_department_update(st, 999, "X", NULL), STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no department 999");
	CHECK_INT(store_topic_update(st, 999, "X", 0), STORE_NOTFOUND);
	CHECK_STR(store_errmsg(), "no topic 999");
	CHECK_INT(store_topic_update(st, topic, "Liver Cirrhosis", dept2),
	          STORE_OK);
	CHECK_INT(store_topic_get(st, a, topic, &t), STORE_OK);
	CHECK_STR(t.slug, "liver-cirrhosis");
	CHECK(t.department_id == dept2);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_TOPIC, "cirrhosis",
	                              &slug),
	          STORE_OK);
	CHECK_STR(slug, "liver-cirrhosis");
	/* Moving to no department stores NULL, not 0. */
	CHECK_INT(store_topic_update(st, topic, "Liver Cirrhosis", 0),
	          STORE_OK);
	CHECK_INT(store_topic_get(st, a, topic, &t), STORE_OK);
	CHECK(t.department_id == 0);
	CHECK(t.department == NULL);
	CHECK_INT(store_department_update(st, dept, "Hepatology", ""),
	          STORE_OK);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT, "liver",
	                              &slug),
	          STORE_OK);
	CHECK_STR(slug, "hepatology");
	arena_free(a);
}

int main(void)
{
	struct store *st = NULL;

	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-rows-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/r.db", dir);
	remove_db();
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	if (st) {
		test_helpers(st);
		test_store_paths(st);
		store_close(st);
	}
	remove_db();
	if (rmdir(dir) != 0)
		perror(dir);
	return test_summary();
}
