/* tests/unit/test_store.c: the store on SQLite: migrations, reads and
 * writes, not-found paths, constraints, the changelog, per-thread
 * connections, transactions and backup. Each test works in its own
 * temporary folder under /tmp, removed at the end.
 */
#include <pthread.h>
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

static const char *tmp_path(const char *name)
{
	static char path[8][128];
	static int i;

	i = (i + 1) % 8;
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, name);
	return path[i];
}

static void remove_db(const char *path)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static struct store *fresh(const char *name)
{
	struct store *st = NULL;
	const char *path = tmp_path(name);

	remove_db(path);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	return st;
}

/* An integer from a raw SQL query (checks the store's work from outside). */
static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	long long v = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) == SQLITE_ROW)
			v = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	return v;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) == SQLITE_OK)
		CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int64_t changes_count(struct store *st)
{
	struct store_counts n;

	CHECK_INT(store_counts(st, &n), STORE_OK);
	return n.changes;
}

/* A Q&A with two answers and two topics, as an import would give it. */
static enum store_import_result import_qa(struct store *st, const char *ext,
                                          const char *hash, const char *dept,
                                          const char *asked_at)
{
	struct answer ans[2] = {
	        {.author = "Dr. Plain",
	         .body = "First reply.",
	         .answered_at = "2024-01-02"},
	        {.author = "Dr. Plain",
	         .department = "Surgery",
	         .body = "Second reply.",
	         .answered_at = "2024-01-03"},
	};
	struct topic topics[2] = {{.name = "Liver Cancer"},
	                          {.name = "Hepatitis C"}};
	struct question q = {
	        .external_id = ext,
	        .title = "Interferon after surgery?",
	        .text = "Does interferon lower recurrence after resection?",
	        .nickname = "winnie",
	        .age_band = "30-39",
	        .sex = "female",
	        .department = dept,
	        .status = STORE_Q_PUBLISHED,
	        .consent = 1,
	        .asked_at = asked_at,
	        .language = "en",
	        .source = {.name = "Demo", .url = "https://example.org/1"},
	        .answers = ans,
	        .n_answers = 2,
	        .topics = topics,
	        .n_topics = 2,
	};
	enum store_import_result res = 0;

	CHECK_INT(store_qa_import(st, &q, hash, &res), STORE_OK);
	return res;
}

static void test_open_and_migrations(void)
{
	const char *path = tmp_path("m.db");
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct department d;
	int64_t id;

	remove_db(path);
	/* No database and no CREATE: not found, nothing created. */
	CHECK_INT(store_open(path, 0, &st), STORE_NOTFOUND);
	CHECK(st == NULL);
	CHECK(access(path, F_OK) != 0);
	/* A PostgreSQL server that is not there: unavailable, no store. */
	CHECK_INT(store_open("postgresql:///askdoc?host=/nonexistent-askdoc", 0,
	                     &st),
	          STORE_UNAVAILABLE);
	CHECK(st == NULL);

	/* A database at version 1 with content ... */
	CHECK_INT(sq_open_version(path, STORE_OPEN_CREATE, 1, &st), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Oncology", &id), STORE_OK);
	store_close(st);
	CHECK_INT(raw_int(path, "PRAGMA user_version"), 1);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_schema"
	                        " WHERE name = 'questions_queue'"),
	          0);
	/* ... is migrated on open and keeps its content. */
	CHECK_INT(store_open(path, 0, &st), STORE_OK);
	CHECK_INT(raw_int(path, "PRAGMA user_version"), SQ_SCHEMA_VERSION);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_schema"
	                        " WHERE name = 'questions_queue'"),
	          1);
	CHECK_INT(raw_int(path, "PRAGMA journal_mode = WAL") >= 0, 1);
	CHECK_INT(store_department_get(st, a, id, &d), STORE_OK);
	CHECK_STR(d.name, "Oncology");
	CHECK_STR(d.slug, "oncology");
	CHECK_STR(store_backend(st), "sqlite");
	store_close(st);
	/* Opening again is a no-op. */
	CHECK_INT(store_open(path, 0, &st), STORE_OK);
	store_close(st);
	CHECK_INT(raw_int(path, "PRAGMA user_version"), SQ_SCHEMA_VERSION);

	/* A newer schema than ours is refused. */
	raw_exec(path, "PRAGMA user_version = 99");
	CHECK_INT(store_open(path, 0, &st), STORE_ERROR);
	CHECK(strstr(store_errmsg(), "newer") != NULL);
	remove_db(path);

	/* A database of another program is refused and left alone. */
	raw_exec(path, "CREATE TABLE mine (x)");
	CHECK_INT(store_open(path, 0, &st), STORE_ERROR);
	CHECK(strstr(store_errmsg(), "not an askdoc database") != NULL);
	CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_schema"), 1);
	remove_db(path);
	arena_free(a);
}

static void test_departments_topics(void)
{
	struct store *st = fresh("d.db");
	struct arena *a = arena_new();
	struct department *dl, d;
	struct topic *tl, t;
	size_t n;
	int64_t id1, id2, id3;

	CHECK_INT(store_department_ensure(st, "Surgery", &id1), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Surgery", &id2), STORE_OK);
	CHECK_INT(id1, id2);
	CHECK_INT(store_department_ensure(st, "surgery!", &id3), STORE_OK);
	CHECK(id3 != id1);
	CHECK_INT(store_department_ensure(st, "", &id3), STORE_INVALID);
	CHECK_INT(store_department_get(st, a, id1, &d), STORE_OK);
	CHECK_STR(d.slug, "surgery");
	CHECK_INT(store_department_by_slug(st, a, "surgery-2", &d), STORE_OK);
	CHECK_STR(d.name, "surgery!");
	CHECK_INT(store_department_by_slug(st, a, "nope", &d), STORE_NOTFOUND);
	CHECK_INT(store_department_get(st, a, 999, &d), STORE_NOTFOUND);

	CHECK_INT(import_qa(st, "qa-1", "h1", "Gastroenterology and Hepatology",
	                    "2024-01-01"),
	          STORE_ADDED);
	CHECK_INT(store_department_list(st, a, &dl, &n), STORE_OK);
	CHECK_INT(n, 3);
	CHECK_STR(dl[0].name, "Gastroenterology and Hepatology");
	CHECK_STR(dl[0].slug, "gastroenterology-and-hepatology");
	CHECK_INT(dl[0].n_qa, 1);
	CHECK_INT(dl[0].n_topics, 2);
	CHECK_INT(dl[1].n_qa, 0);

	CHECK_INT(store_topic_list(st, a, dl[0].id, &tl, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_STR(tl[0].name, "Hepatitis C");
	CHECK_STR(tl[0].slug, "hepatitis-c");
	CHECK_STR(tl[0].department, "Gastroenterology and Hepatology");
	CHECK_INT(store_topic_list(st, a, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_topic_by_slug(st, a, "liver-cancer", &t), STORE_OK);
	CHECK_STR(t.name, "Liver Cancer");
	CHECK_INT(store_topic_get(st, a, t.id, &t), STORE_OK);
	CHECK_INT(store_topic_get(st, a, 12345, &t), STORE_NOTFOUND);
	store_close(st);
	arena_free(a);
}

static void test_qa_read_write(void)
{
	struct store *st = fresh("q.db");
	struct arena *a = arena_new();
	struct question q;
	struct qa_item *it;
	struct store_doc doc;
	size_t n;
	int64_t qid, aid, dept, seq0, seq1;

	CHECK_INT(import_qa(st, "qa-1", "h1", "Oncology", "2024-01-01"),
	          STORE_ADDED);
	CHECK_INT(import_qa(st, "qa-2", "h2", "Oncology", "2024-02-01"),
	          STORE_ADDED);
	CHECK_INT(store_qa_get_external(st, a, "qa-1", &q), STORE_OK);
	CHECK_STR(q.title, "Interferon after surgery?");
	CHECK_STR(q.nickname, "winnie");
	CHECK_STR(q.age_band, "30-39");
	CHECK_STR(q.department, "Oncology");
	CHECK_STR(q.department_slug, "oncology");
	CHECK_STR(q.source.name, "Demo");
	CHECK_STR(q.source.url, "https://example.org/1");
	CHECK_INT(q.status, STORE_Q_PUBLISHED);
	CHECK_STR(q.published_at, "2024-01-03");
	CHECK_INT(q.n_answers, 2);
	CHECK_STR(q.answers[0].author, "Dr. Plain");
	CHECK_INT(q.answers[0].doctor_id, 0);
	CHECK_STR(q.answers[1].department, "Surgery");
	CHECK_INT(q.n_topics, 2);
	CHECK_STR(q.topics[0].name, "Liver Cancer");
	CHECK_STR(q.topics[1].department, "Oncology");

	CHECK_INT(store_qa_get(st, a, 999, &q), STORE_NOTFOUND);
	CHECK_INT(store_qa_get_external(st, a, "nope", &q), STORE_NOTFOUND);
	CHECK_INT(store_qa_view(st, 999), STORE_NOTFOUND);

	/* Lists: newest first, per department, per topic. */
	CHECK_INT(store_qa_latest(st, a, 0, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_STR(it[0].title, "Interferon after surgery?");
	CHECK(it[0].id > it[1].id);
	CHECK_STR(it[0].doctor, "Dr. Plain");
	CHECK_INT(it[0].excerpt_cut, 0);
	CHECK_INT(store_qa_latest(st, a, 0, 1, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	CHECK_INT(store_qa_latest(st, a, dept, 0, 1, &it, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_qa_latest(st, a, dept + 100, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_qa_by_topic(st, a, q.topics[0].id, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 2);

	/* A question asked on the site: waiting, not listed, not a
	 * document, until an answer and publication. */
	struct question nq = {.title = "Rash after immunotherapy",
	                      .text = "A long question text. " /* > 200 */
	                              "Lorem ipsum dolor sit amet, consectetur "
	                              "adipiscing elit, sed do eiusmod tempor "
	                              "incididunt ut labore et dolore magna "
	                              "aliqua. Ut enim ad minim veniam, quis "
	                              "nostrud exercitation ullamco laboris.",
	                      .department_id = dept,
	                      .age_band = "40-49",
	                      .consent = 1};
	CHECK_INT(store_last_change_seq(st, &seq0), STORE_OK);
	CHECK_INT(store_question_create(st, &nq, &qid), STORE_OK);
	CHECK_INT(store_qa_get(st, a, qid, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_WAITING);
	CHECK(q.asked_at != NULL);
	CHECK(q.published_at == NULL);
	char want[64];
	snprintf(want, sizeof(want), "askdoc-qa-%lld", (long long)qid);
	CHECK_STR(q.external_id, want);
	CHECK_INT(store_document_get(st, a, STORE_KIND_QA, qid, &doc),
	          STORE_NOTFOUND);
	struct answer an = {.question_id = qid,
	                    .author = "Dr. Site",
	                    .body = "Report it to your doctor."};
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_answer_create(st, &an, &aid), STORE_OK);
	CHECK_INT(store_question_set_status(st, qid, STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	CHECK_INT(store_last_change_seq(st, &seq1), STORE_OK);
	CHECK(seq1 >= seq0 + 2);
	CHECK_INT(store_qa_get(st, a, qid, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_PUBLISHED);
	CHECK(q.published_at != NULL);
	CHECK_INT(store_qa_latest(st, a, 0, 0, 1, &it, &n), STORE_OK);
	CHECK_INT(it[0].id, qid);
	CHECK_INT(it[0].excerpt_cut, 1);
	CHECK_INT((long)strlen(it[0].excerpt), STORE_EXCERPT_CHARS);
	CHECK_INT(store_document_get(st, a, STORE_KIND_QA, qid, &doc),
	          STORE_OK);
	CHECK_STR(doc.body, "Report it to your doctor.");
	CHECK_STR(doc.author, "Dr. Site");
	CHECK_INT(store_qa_view(st, qid), STORE_OK);
	CHECK_INT(store_qa_view(st, qid), STORE_OK);
	CHECK_INT(store_qa_get(st, a, qid, &q), STORE_OK);
	CHECK_INT(q.views, 2);
	CHECK_INT(store_question_set_status(st, 4242, STORE_Q_PUBLISHED),
	          STORE_NOTFOUND);
	an.question_id = 4242;
	CHECK_INT(store_answer_create(st, &an, &aid), STORE_NOTFOUND);

	/* Constraints: a bad age band, an empty title. */
	nq.age_band = "30~39";
	CHECK_INT(store_question_create(st, &nq, &qid), STORE_INVALID);
	nq.age_band = NULL;
	nq.title = "";
	CHECK_INT(store_question_create(st, &nq, &qid), STORE_INVALID);
	store_close(st);
	arena_free(a);
}

static void test_changelog(void)
{
	struct store *st = fresh("c.db");
	struct arena *a = arena_new();
	struct store_change *ch;
	size_t n;
	int64_t seq, before;

	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	CHECK_INT(seq, 0);
	CHECK_INT(import_qa(st, "qa-1", "h1", NULL, NULL), STORE_ADDED);
	CHECK_INT(store_changes_since(st, a, 0, 100, &ch, &n), STORE_OK);
	/* Two new topics and the Q&A. */
	CHECK_INT(n, 3);
	CHECK_INT(ch[2].kind, STORE_KIND_QA);
	CHECK_INT(ch[2].op, STORE_OP_UPSERT);
	CHECK(ch[0].seq < ch[1].seq && ch[1].seq < ch[2].seq);
	CHECK_INT(ch[0].kind, STORE_KIND_TOPIC);

	/* Unchanged content writes nothing; changed content one row. */
	before = changes_count(st);
	CHECK_INT(import_qa(st, "qa-1", "h1", NULL, NULL), STORE_UNCHANGED);
	CHECK_INT(changes_count(st), before);
	CHECK_INT(import_qa(st, "qa-1", "h2", NULL, NULL), STORE_UPDATED);
	CHECK_INT(changes_count(st), before + 1);
	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	CHECK_INT(store_changes_since(st, a, seq - 1, 100, &ch, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_changes_since(st, a, seq, 100, &ch, &n), STORE_OK);
	CHECK_INT(n, 0);

	/* A record that fails half way leaves no trace, changelog included:
	 * the second answer breaks NOT NULL after the question row, its
	 * topics and the first answer were written. */
	struct answer bad[2] = {{.author = "x", .body = "fine"},
	                        {.author = "y", .body = NULL}};
	struct topic t = {.name = "Brand New Topic"};
	struct question q = {.external_id = "qa-bad",
	                     .title = "t",
	                     .text = "q",
	                     .department = "Half Way",
	                     .status = STORE_Q_PUBLISHED,
	                     .answers = bad,
	                     .n_answers = 2,
	                     .topics = &t,
	                     .n_topics = 1};
	struct store_counts c0, c1;
	enum store_import_result res;
	CHECK_INT(store_counts(st, &c0), STORE_OK);
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_qa_import(st, &q, "hx", &res), STORE_INVALID);
	/* The transaction goes on after the failed record. */
	CHECK_INT(import_qa(st, "qa-3", "h3", NULL, NULL), STORE_ADDED);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	CHECK_INT(store_counts(st, &c1), STORE_OK);
	CHECK_INT(c1.questions, c0.questions + 1);
	CHECK_INT(c1.departments, c0.departments);
	CHECK_INT(c1.topics, c0.topics);
	CHECK_INT(c1.answers, c0.answers + 2);
	CHECK_INT(c1.changes, c0.changes + 1);
	struct question got;
	CHECK_INT(store_qa_get_external(st, a, "qa-bad", &got), STORE_NOTFOUND);

	/* Transactions: no nesting, rollback discards. */
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_tx_begin(st), STORE_INVALID);
	CHECK_INT(import_qa(st, "qa-4", "h4", NULL, NULL), STORE_ADDED);
	CHECK_INT(store_tx_rollback(st), STORE_OK);
	CHECK_INT(store_qa_get_external(st, a, "qa-4", &got), STORE_NOTFOUND);
	CHECK_INT(store_tx_commit(st), STORE_INVALID);
	store_close(st);
	arena_free(a);
}

static void test_users_sessions(void)
{
	struct store *st = fresh("u.db");
	struct arena *a = arena_new();
	struct user u = {.email = "Ann@Example.org",
	                 .name = "Ann",
	                 .role = STORE_ROLE_ADMIN,
	                 .password_hash = "$argon2id$x"};
	struct user got, *ul;
	struct doctor d;
	struct session s, sg;
	size_t n;
	int64_t id, did, dept;

	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	u.email = "ann@example.ORG";
	CHECK_INT(store_user_create(st, &u, &did), STORE_CONFLICT);
	u.email = "";
	CHECK_INT(store_user_create(st, &u, &did), STORE_INVALID);
	CHECK_INT(store_user_by_email(st, a, "ANN@example.org", &got),
	          STORE_OK);
	CHECK_INT(got.id, id);
	CHECK_INT(got.role, STORE_ROLE_ADMIN);
	CHECK_STR(got.password_hash, "$argon2id$x");
	CHECK(got.created_at && strlen(got.created_at) == 20);
	CHECK_INT(store_user_by_email(st, a, "bob@example.org", &got),
	          STORE_NOTFOUND);
	CHECK_INT(store_user_get(st, a, 777, &got), STORE_NOTFOUND);
	CHECK_INT(store_user_set_password(st, id, "$argon2id$y"), STORE_OK);
	CHECK_INT(store_user_get(st, a, id, &got), STORE_OK);
	CHECK_STR(got.password_hash, "$argon2id$y");
	CHECK_INT(store_user_set_password(st, 777, "z"), STORE_NOTFOUND);

	/* Doctor profiles only for doctors. */
	d = (struct doctor){.user_id = id, .title = "Dr.", .licence_no = "L1"};
	CHECK_INT(store_doctor_set(st, &d), STORE_INVALID);
	d.user_id = 777;
	CHECK_INT(store_doctor_set(st, &d), STORE_NOTFOUND);
	u = (struct user){.email = "lin@example.org",
	                  .name = "Lin Mei-Hua",
	                  .role = STORE_ROLE_DOCTOR};
	CHECK_INT(store_user_create(st, &u, &did), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Oncology", &dept), STORE_OK);
	d = (struct doctor){.user_id = did,
	                    .title = "Attending",
	                    .hospital = "Riverside",
	                    .department_id = dept,
	                    .licence_no = "L-123",
	                    .verified_at = "2024-01-01"};
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	d.hospital = "Harbourview";
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	CHECK_INT(store_doctor_get(st, a, did, &d), STORE_OK);
	CHECK_STR(d.hospital, "Harbourview");
	CHECK_STR(d.department, "Oncology");
	CHECK_STR(d.name, "Lin Mei-Hua");
	CHECK_INT(store_doctor_get(st, a, id, &d), STORE_NOTFOUND);
	CHECK_INT(store_user_list(st, a, &ul, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_STR(ul[1].name, "Lin Mei-Hua");

	/* An imported answer by that name links to the doctor. */
	CHECK_INT(import_qa(st, "qa-1", "h", NULL, NULL), STORE_ADDED);
	struct answer an = {.author = "Lin Mei-Hua", .body = "Yes."};
	struct question q = {.external_id = "qa-2",
	                     .title = "t",
	                     .text = "q",
	                     .status = STORE_Q_PUBLISHED,
	                     .answers = &an,
	                     .n_answers = 1};
	enum store_import_result res;
	struct qa_item *it;
	CHECK_INT(store_qa_import(st, &q, "h2", &res), STORE_OK);
	CHECK_INT(store_qa_get_external(st, a, "qa-2", &q), STORE_OK);
	CHECK_INT(q.answers[0].doctor_id, did);
	CHECK_STR(q.answers[0].hospital, "Harbourview");
	CHECK_INT(store_qa_by_doctor(st, a, did, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_STR(it[0].doctor, "Lin Mei-Hua");
	CHECK_INT(it[0].doctor_id, did);

	/* Sessions: found while valid, gone when expired, deleted or
	 * disabled. */
	s = (struct session){.token_hash = "th1",
	                     .user_id = id,
	                     .csrf = "c1",
	                     .created_at = 100,
	                     .expires_at = 200};
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_create(st, &s), STORE_CONFLICT);
	CHECK_INT(store_session_get(st, a, "th1", 150, &sg), STORE_OK);
	CHECK_STR(sg.csrf, "c1");
	CHECK_INT(sg.user.id, id);
	CHECK_STR(sg.user.name, "Ann");
	CHECK_INT(store_session_get(st, a, "th1", 200, &sg), STORE_NOTFOUND);
	CHECK_INT(store_session_get(st, a, "zz", 150, &sg), STORE_NOTFOUND);
	s.token_hash = "th2";
	s.user_id = 999;
	CHECK_INT(store_session_create(st, &s), STORE_INVALID);
	s.user_id = did;
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	int64_t purged = 0;
	CHECK_INT(store_session_purge(st, 300, &purged), STORE_OK);
	CHECK_INT(purged, 2);
	CHECK_INT(store_session_delete(st, "th1"), STORE_NOTFOUND);
	s.token_hash = "th3";
	s.expires_at = 1000;
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_delete(st, "th3"), STORE_OK);
	CHECK_INT(store_session_get(st, a, "th3", 150, &sg), STORE_NOTFOUND);

	/* Comments. */
	struct comment cm = {.target_kind = STORE_KIND_QA,
	                     .target_id = 999,
	                     .user_id = id,
	                     .body = "Thanks"};
	struct comment_info *cl;
	int64_t cid;
	CHECK_INT(store_comment_create(st, &cm, &cid), STORE_NOTFOUND);
	cm.target_id = q.id;
	CHECK_INT(store_comment_create(st, &cm, &cid), STORE_OK);
	cm.hidden = 1;
	cm.body = "spam";
	CHECK_INT(store_comment_create(st, &cm, &cid), STORE_OK);
	CHECK_INT(
	        store_comment_thread(st, a, STORE_KIND_QA, q.id, 0, 0, &cl, &n),
	        STORE_OK);
	CHECK_INT(n, 1);
	CHECK_STR(cl[0].c.user_name, "Ann");
	CHECK_INT(
	        store_comment_thread(st, a, STORE_KIND_QA, q.id, 0, 1, &cl, &n),
	        STORE_OK);
	CHECK_INT(n, 2);
	cm.target_kind = STORE_KIND_FAQ;
	CHECK_INT(store_comment_create(st, &cm, &cid), STORE_INVALID);
	store_close(st);
	arena_free(a);
}

struct seen_docs {
	int n;
	enum store_kind kinds[8];
};

static int count_doc(void *ctx, const struct store_doc *d)
{
	struct seen_docs *seen = ctx;

	if (seen->n < 8)
		seen->kinds[seen->n] = d->kind;
	seen->n++;
	return 0;
}

static void test_library_documents(void)
{
	struct store *st = fresh("f.db");
	struct arena *a = arena_new();
	const char *topics[] = {"Albinism", "Pale skin", "Albinism"};
	struct answer fa = {.author = "GARD", .body = "Signs include ..."};
	struct faq f = {.external_id = "GARD_1",
	                .title = "What is albinism?",
	                .question = "What is albinism?",
	                .question_type = "information",
	                .topics = topics,
	                .n_topics = 3,
	                .answers = &fa,
	                .n_answers = 1,
	                .source = {.name = "GARD", .url = "https://x/1"},
	                .extra = "{\"focus_category\": \"Disease\"}"};
	struct article ar = {.external_id = "art-1",
	                     .title = "Recovering well",
	                     .summary = "After surgery",
	                     .body = "## Rest\nSleep.",
	                     .author = "Editors",
	                     .category = "More > Health > Recovery",
	                     .status = "published"};
	struct faq got;
	struct article gar;
	struct topic t;
	struct store_doc doc;
	enum store_import_result res;

	CHECK_INT(store_faq_import(st, &f, "h1", &res), STORE_OK);
	CHECK_INT(res, STORE_ADDED);
	CHECK_INT(store_faq_get_external(st, a, "GARD_1", &got), STORE_OK);
	CHECK_INT(got.n_topics, 3);
	CHECK_STR(got.topics[2], "Albinism");
	CHECK_STR(got.extra, "{\"focus_category\": \"Disease\"}");
	CHECK_INT(got.n_answers, 1);
	CHECK_STR(got.answers[0].body, "Signs include ...");
	CHECK_INT(store_faq_get(st, a, got.id, &got), STORE_OK);
	CHECK_INT(store_faq_get(st, a, got.id + 1, &got), STORE_NOTFOUND);
	CHECK_INT(store_faq_get_external(st, a, "x", &got), STORE_NOTFOUND);
	/* The focus topic carries the synonyms, not itself. */
	CHECK_INT(store_topic_get(st, a, got.topic_id, &t), STORE_OK);
	CHECK_STR(t.name, "Albinism");
	CHECK_INT(t.n_synonyms, 1);
	CHECK_STR(t.synonyms[0], "Pale skin");

	CHECK_INT(store_article_import(st, &ar, "a1", &res), STORE_OK);
	CHECK_INT(store_article_by_slug(st, a, "recovering-well", &gar),
	          STORE_OK);
	CHECK_STR(gar.category, "More > Health > Recovery");
	CHECK_INT(store_article_get(st, a, gar.id, &gar), STORE_OK);
	CHECK_INT(store_article_get(st, a, gar.id + 5, &gar), STORE_NOTFOUND);
	CHECK_INT(store_article_by_slug(st, a, "nope", &gar), STORE_NOTFOUND);
	/* Another article may not take that slug. */
	ar.external_id = "art-2";
	ar.slug = "recovering-well";
	CHECK_INT(store_article_import(st, &ar, "a2", &res), STORE_CONFLICT);

	CHECK_INT(import_qa(st, "qa-1", "h", NULL, NULL), STORE_ADDED);
	struct question w = {.external_id = "qa-w",
	                     .title = "w",
	                     .text = "w",
	                     .status = STORE_Q_WAITING};
	CHECK_INT(store_qa_import(st, &w, "hw", &res), STORE_OK);

	/* Every published document once, in kind order. */
	struct seen_docs seen = {0, {0}};
	CHECK_INT(store_each_document(st, count_doc, &seen), STORE_OK);
	CHECK_INT(seen.n, 3);
	CHECK_INT(seen.kinds[0], STORE_KIND_QA);
	CHECK_INT(seen.kinds[1], STORE_KIND_FAQ);
	CHECK_INT(seen.kinds[2], STORE_KIND_ARTICLE);
	CHECK_INT(store_document_get(st, a, STORE_KIND_FAQ, got.id, &doc),
	          STORE_OK);
	CHECK_INT(doc.n_topics, 3);
	CHECK_STR(doc.body, "Signs include ...");
	CHECK_INT(store_document_get(st, a, STORE_KIND_ARTICLE, gar.id, &doc),
	          STORE_OK);
	CHECK_STR(doc.slug, "recovering-well");
	CHECK_STR(doc.body, "## Rest\nSleep.");

	/* Several documents of any kind in one statement; the waiting Q&A,
	 * an unknown id and a wrong kind are left out. */
	struct qa_item *qi;
	size_t nqi, nd;
	struct store_doc *docs;
	CHECK_INT(store_qa_latest(st, a, 0, 0, 1, &qi, &nqi), STORE_OK);
	CHECK_INT(nqi, 1);
	int64_t wid = 0;
	struct question wq;
	CHECK_INT(store_qa_get_external(st, a, "qa-w", &wq), STORE_OK);
	wid = wq.id;
	enum store_kind kinds[] = {STORE_KIND_ARTICLE, STORE_KIND_QA,
	                           STORE_KIND_FAQ,     STORE_KIND_QA,
	                           STORE_KIND_FAQ,     STORE_KIND_ARTICLE};
	int64_t ids[] = {gar.id, qi[0].id, got.id, wid, got.id + 9, got.id};
	uint64_t ran = store_statements();
	CHECK_INT(store_documents_get(st, a, kinds, ids, 6, &docs, &nd),
	          STORE_OK);
	CHECK_INT(store_statements() - ran, 1);
	CHECK_INT(nd, 3);
	int seen_kinds = 0;
	for (size_t i = 0; i < nd; i++) {
		seen_kinds |= 1 << docs[i].kind;
		if (docs[i].kind == STORE_KIND_FAQ) {
			CHECK_INT(docs[i].id, got.id);
			CHECK_INT(docs[i].n_topics, 3);
			CHECK_STR(docs[i].body, "Signs include ...");
		} else if (docs[i].kind == STORE_KIND_ARTICLE) {
			CHECK_INT(docs[i].id, gar.id);
			CHECK_STR(docs[i].slug, "recovering-well");
		} else {
			CHECK_INT(docs[i].id, qi[0].id);
		}
	}
	CHECK_INT(seen_kinds, 1 << STORE_KIND_QA | 1 << STORE_KIND_FAQ |
	                              1 << STORE_KIND_ARTICLE);
	CHECK_INT(store_documents_get(st, a, kinds, ids, 0, &docs, &nd),
	          STORE_OK);
	CHECK_INT(nd, 0);
	int64_t many[STORE_DOCS_MAX + 1] = {0};
	enum store_kind mk[STORE_DOCS_MAX + 1] = {0};
	CHECK_INT(store_documents_get(st, a, mk, many, STORE_DOCS_MAX + 1,
	                              &docs, &nd),
	          STORE_INVALID);
	store_close(st);
	arena_free(a);
}

/* ---- threads ---- */

struct worker {
	struct store *st;
	int base;
	int ok;
	sqlite3 *db; /* the connection the thread used */
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct arena *a = arena_new();
	struct conn *c;

	w->ok = 1;
	for (int i = 0; i < 50; i++) {
		char email[64];
		struct user u = {.email = email,
		                 .name = "T",
		                 .role = STORE_ROLE_PATIENT};
		struct user got;
		int64_t id;

		snprintf(email, sizeof(email), "u%d@example.org", w->base + i);
		if (store_user_create(w->st, &u, &id) ||
		    store_user_get(w->st, a, id, &got) ||
		    strcmp(got.email, email) != 0)
			w->ok = 0;
		arena_reset(a);
	}
	if (sq_conn(w->st, &c) == 0)
		w->db = c->db;
	arena_free(a);
	return NULL;
}

static void *reader(void *arg)
{
	struct worker *r = arg;
	struct store_counts n;

	r->ok = store_counts(r->st, &n) == STORE_OK && n.questions == 0;
	return NULL;
}

static void test_threads(void)
{
	struct store *st = fresh("t.db");
	struct worker w[2] = {{st, 0, 0, NULL}, {st, 1000, 0, NULL}};
	pthread_t th[2];
	struct store_counts n;
	struct conn *mine;

	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, worker_run, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK(w[0].ok && w[1].ok);
	CHECK(w[0].db && w[1].db && w[0].db != w[1].db);
	CHECK_INT(sq_conn(st, &mine), STORE_OK);
	CHECK(mine->db != w[0].db && mine->db != w[1].db);
	CHECK_INT(store_counts(st, &n), STORE_OK);
	CHECK_INT(n.users, 100);

	/* A thread's open transaction is invisible to the other. */
	struct worker r = {st, 5000, 0, NULL};
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(import_qa(st, "qa-tx", "h", NULL, NULL), STORE_ADDED);
	pthread_t t2;
	pthread_create(&t2, NULL, reader, &r);
	pthread_join(t2, NULL);
	CHECK_INT(r.ok, 1);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	store_thread_release(st);
	/* A released thread gets a new connection on its next call. */
	CHECK_INT(store_counts(st, &n), STORE_OK);
	CHECK_INT(n.questions, 1);
	store_close(st);
}

static void test_backup(void)
{
	struct store *st = fresh("b.db"), *copy = NULL;
	const char *dest = tmp_path("b-copy.db");
	struct store_counts n1, n2;
	struct user u = {.email = "a@b.c", .name = "A"};
	int64_t id;

	remove_db(dest);
	CHECK_INT(import_qa(st, "qa-1", "h", "Oncology", NULL), STORE_ADDED);
	CHECK_INT(import_qa(st, "qa-2", "h", "Surgery", NULL), STORE_ADDED);
	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	CHECK_INT(store_backup(st, dest), STORE_OK);
	/* Written after the backup: not in the copy. */
	CHECK_INT(import_qa(st, "qa-3", "h", "Surgery", NULL), STORE_ADDED);
	CHECK_INT(store_open(dest, 0, &copy), STORE_OK);
	CHECK_INT(store_counts(st, &n1), STORE_OK);
	CHECK_INT(store_counts(copy, &n2), STORE_OK);
	CHECK_INT(n2.questions, 2);
	CHECK_INT(n1.questions, 3);
	n1.questions = n2.questions;
	n1.qa_published = n2.qa_published;
	n1.answers = n2.answers;
	n1.changes = n2.changes;
	CHECK(memcmp(&n1, &n2, sizeof(n1)) == 0);
	CHECK_INT(n2.users, 1);
	CHECK_INT(n2.departments, 2);
	store_close(copy);
	/* A second backup replaces the first. */
	CHECK_INT(store_backup(st, dest), STORE_OK);
	CHECK_INT(store_open(dest, 0, &copy), STORE_OK);
	CHECK_INT(store_counts(copy, &n2), STORE_OK);
	CHECK_INT(n2.questions, 3);
	store_close(copy);
	CHECK_INT(store_backup(st, "/nonexistent-dir/x.db"), STORE_ERROR);
	store_close(st);
	remove_db(dest);
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-store-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_open_and_migrations);
	RUN(test_departments_topics);
	RUN(test_qa_read_write);
	RUN(test_changelog);
	RUN(test_users_sessions);
	RUN(test_library_documents);
	RUN(test_threads);
	RUN(test_backup);
	const char *dbs[] = {"d.db", "q.db", "c.db", "u.db",
	                     "f.db", "t.db", "b.db", "m.db"};
	for (size_t i = 0; i < sizeof(dbs) / sizeof(dbs[0]); i++)
		remove_db(tmp_path(dbs[i]));
	if (rmdir(dir) != 0)
		perror(dir);
	return test_summary();
}
