/* tests/unit/test_store_ask.c: the doctors' queue, status links, status
 * changes, topics and answer edits, and the search documents, import and
 * export, on both engines (store/ask.c, store/archive.c): what each
 * returns, the changelog rows they leave, and what bad input gets.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

/* Import a question (status, asked_at) with one answer and two topics. */
static int64_t import_qa(struct store *st, const char *ext,
                         enum store_qstatus status, const char *asked_at,
                         const char *hash, enum store_import_result *res)
{
	struct answer ans = {.author = "Dr Lin",
	                     .body = "Rest and fluids.",
	                     .answered_at = "2026-01-02T00:00:00Z"};
	struct topic topics[] = {{.name = "Fever"}, {.name = "Flu"}};
	struct question q = {
	        .external_id = ext,
	        .title = "Fever for two days",
	        .text = "My child has had a fever for two days.",
	        .department = "Paediatrics",
	        .status = status,
	        .consent = 1,
	        .asked_at = asked_at,
	        .answers = status == STORE_Q_WAITING ? NULL : &ans,
	        .n_answers = status == STORE_Q_WAITING ? 0 : 1,
	        .topics = topics,
	        .n_topics = 2,
	};
	struct db_conn *c;
	struct db_stmt *s;
	int64_t id = 0;

	CHECK_INT(store_qa_import(st, &q, hash, res), STORE_OK);
	if (store_conn(st, &c) == STORE_OK &&
	    (s = db_stmt(c,
	                 "SELECT id FROM questions WHERE external_id = ?"))) {
		db_bind_text(s, 1, ext);
		if (db_step(s) == 1)
			id = db_col_int64(s, 0);
		db_reset(s);
	}
	CHECK(id > 0);
	return id;
}

static void test_queue(int engine)
{
	struct store *st = engine_fresh(engine, "q.db");
	struct arena *a = arena_new();
	enum store_import_result res;
	struct question_item *items, it;
	int64_t w, u, old, waiting1, waiting2, pub, dept;
	size_t n;

	if (!st)
		goto done;
	CHECK_INT(store_queue_oldest(st, &old), STORE_OK);
	CHECK_INT(old, 0);
	waiting1 = import_qa(st, "w1", STORE_Q_WAITING, "2026-01-01T00:00:00Z",
	                     "h1", &res);
	CHECK_INT(res, STORE_ADDED);
	waiting2 = import_qa(st, "w2", STORE_Q_WAITING, "2026-01-01T06:00:00Z",
	                     "h2", &res);
	pub = import_qa(st, "p1", STORE_Q_PUBLISHED, "2025-12-01T00:00:00Z",
	                "h3", &res);
	CHECK_INT(engine_exec(st, "UPDATE questions SET urgent = 1"
	                          " WHERE external_id = 'w2'"),
	          STORE_OK);
	CHECK_INT(store_queue_count(st, &w, &u), STORE_OK);
	CHECK_INT(w, 2);
	CHECK_INT(u, 1);
	/* Urgent first, then oldest first. */
	CHECK_INT(store_queue_list(st, a, 0, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(items[0].id, waiting2);
		CHECK_INT(items[0].urgent, 1);
		CHECK_INT(items[1].id, waiting1);
		CHECK_STR(items[1].department, "Paediatrics");
		CHECK_INT(items[1].excerpt_cut, 0);
	}
	CHECK_INT(store_queue_list(st, a, 0, 1, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	dept = engine_int(st, "SELECT id FROM departments"
	                      " WHERE name = 'Paediatrics'");
	CHECK_INT(store_queue_list(st, a, dept, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_queue_list(st, a, dept + 100, 0, 10, &items, &n),
	          STORE_OK);
	CHECK_INT(n, 0);
	/* The oldest waiting one was asked on 2026-01-01 at midnight. */
	CHECK_INT(store_queue_oldest(st, &old), STORE_OK);
	CHECK_INT(old, (int64_t)time(NULL) - 1767225600);
	CHECK_INT(store_question_item(st, a, pub, &it), STORE_OK);
	CHECK_INT(it.status, STORE_Q_PUBLISHED);
	CHECK_INT(store_question_item(st, a, pub + 100, &it), STORE_NOTFOUND);
	CHECK_INT(store_writable(st), STORE_OK);
	CHECK_INT(store_busy_timeout(st, 1000), STORE_OK);
	/* Follow-ups and a user's own questions. */
	CHECK_INT(engine_exec(st, "INSERT INTO users (email, name, role,"
	                          " created_at) VALUES ('p@x.org', 'P',"
	                          " 'patient', '2026-01-01T00:00:00Z')"),
	          STORE_OK);
	CHECK_INT(engine_exec(st, "UPDATE questions SET user_id = (SELECT id"
	                          " FROM users), follow_up_of = (SELECT id"
	                          " FROM questions WHERE external_id = 'p1')"
	                          " WHERE external_id = 'w2'"),
	          STORE_OK);
	CHECK_INT(store_question_followups(st, a, pub, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_question_list_by_user(
	                  st, a, engine_int(st, "SELECT id FROM users"), 0, 10,
	                  &items, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(items[0].id, waiting2);
done:
	arena_free(a);
	store_close(st);
}

static void test_status(int engine)
{
	struct store *st = engine_fresh(engine, "s.db");
	struct arena *a = arena_new();
	enum store_import_result res;
	const char *reason = NULL;
	int64_t id, id2, changes, tid, tid2, one[] = {0, 0};
	struct answer an;

	if (!st)
		goto done;
	id = import_qa(st, "w1", STORE_Q_WAITING, "2026-01-01T00:00:00Z", "h1",
	               &res);
	id2 = import_qa(st, "p1", STORE_Q_PUBLISHED, "2026-01-01T00:00:00Z",
	                "h2", &res);
	changes = engine_int(st, "SELECT count(*) FROM changes");

	/* Transitions that depend on the current status. */
	CHECK_INT(store_question_transition(st, id, STORE_Q_ANSWERED,
	                                    STORE_Q_PUBLISHED),
	          STORE_CONFLICT);
	CHECK_INT(store_question_transition(st, id + 100, STORE_Q_WAITING,
	                                    STORE_Q_WITHDRAWN),
	          STORE_NOTFOUND);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM changes"), changes);
	CHECK_INT(store_question_transition(st, id, STORE_Q_WAITING,
	                                    STORE_Q_ANSWERED),
	          STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM changes"), changes + 1);
	CHECK_INT(store_question_set_status(st, id, STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK(engine_int(st, "SELECT count(*) FROM questions WHERE"
	                     " external_id = 'w1' AND published_at IS NOT NULL"
	                     " AND content_hash IS NULL") == 1);
	CHECK_INT(store_question_set_status(st, id + 100, STORE_Q_PUBLISHED),
	          STORE_NOTFOUND);

	/* Rejection needs a reason and a waiting question. */
	CHECK_INT(store_question_reject(st, id, ""), STORE_INVALID);
	CHECK_INT(store_question_reject(st, id, "not medical"), STORE_CONFLICT);
	CHECK_INT(store_question_set_status(st, id, STORE_Q_WAITING), STORE_OK);
	CHECK_INT(store_question_reject(st, id, "not medical"), STORE_OK);
	CHECK_INT(store_question_reason(st, a, id, &reason), STORE_OK);
	CHECK_STR(reason, "not medical");
	CHECK_INT(store_question_reason(st, a, id + 100, &reason),
	          STORE_NOTFOUND);

	/* Public text, department, topics. */
	CHECK_INT(store_question_set_public_text(st, id, "", "t"),
	          STORE_INVALID);
	CHECK_INT(store_question_set_public_text(st, id + 100, "T", "t"),
	          STORE_NOTFOUND);
	CHECK_INT(store_question_set_public_text(st, id, "New title", "New"),
	          STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions"
	                         " WHERE title = 'New title'"),
	          1);
	CHECK_INT(store_question_set_department(st, id, 9999), STORE_INVALID);
	CHECK_INT(store_question_set_department(st, id + 100, 0),
	          STORE_NOTFOUND);
	CHECK_INT(store_question_set_department(st, id, 0), STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions"
	                         " WHERE department_id IS NULL"),
	          1);
	CHECK_INT(store_topic_ensure(st, "", 0, &tid), STORE_INVALID);
	CHECK_INT(store_topic_ensure(st, "Cough", 0, &tid), STORE_OK);
	CHECK_INT(store_topic_ensure(st, "Cough", 0, &tid2), STORE_OK);
	CHECK_INT(tid, tid2);
	one[0] = tid;
	one[1] = tid; /* twice: kept once */
	CHECK_INT(store_question_set_topics(st, id, one, 2), STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM question_topics"
	                         " WHERE question_id = (SELECT id FROM"
	                         " questions WHERE external_id = 'w1')"),
	          1);
	CHECK_INT(store_question_set_topics(st, id + 100, one, 1),
	          STORE_NOTFOUND);
	one[0] = 99999;
	CHECK_INT(store_question_set_topics(st, id, one, 1), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM question_topics"
	                         " WHERE question_id = (SELECT id FROM"
	                         " questions WHERE external_id = 'w1')"),
	          1);

	/* Status links. */
	CHECK_INT(store_question_add_link(st, id, ""), STORE_INVALID);
	CHECK_INT(store_question_add_link(st, id + 100, "abc"), STORE_NOTFOUND);
	CHECK_INT(store_question_add_link(st, id, "abc"), STORE_OK);
	CHECK_INT(store_question_add_link(st, id2, "abc"), STORE_CONFLICT);
	CHECK_INT(engine_int(st, "SELECT question_id FROM question_links"
	                         " WHERE token_hash = 'abc'"),
	          id);

	/* Answers. */
	CHECK_INT(store_answer_get(st, a, 9999, &an), STORE_NOTFOUND);
	an.id = engine_int(st, "SELECT min(id) FROM answers");
	CHECK_INT(store_answer_get(st, a, an.id, &an), STORE_OK);
	CHECK_STR(an.body, "Rest and fluids.");
	CHECK_STR(an.author, "Dr Lin");
	an.body = "";
	CHECK_INT(store_answer_update(st, &an), STORE_INVALID);
	an.body = "Rest, fluids, and see a doctor if it lasts.";
	an.signoff = "Dr Lin";
	CHECK_INT(store_answer_update(st, &an), STORE_OK);
	CHECK_INT(store_answer_get(st, a, an.id, &an), STORE_OK);
	CHECK_STR(an.body, "Rest, fluids, and see a doctor if it lasts.");
	CHECK(an.edited_at != NULL);
	an.id = 9999;
	CHECK_INT(store_answer_update(st, &an), STORE_NOTFOUND);
done:
	arena_free(a);
	store_close(st);
}

static int count_doc(void *ctx, const struct store_doc *d)
{
	int *n = ctx;

	(*n)++;
	if (d->kind == STORE_KIND_QA)
		CHECK_INT((int)d->n_topics, 2);
	return 0;
}

static int count_rec(void *ctx, const struct store_record *r)
{
	(*(int *)ctx)++;
	return 0;
}

static void test_archive(int engine)
{
	struct store *st = engine_fresh(engine, "a.db");
	struct arena *a = arena_new();
	enum store_import_result res;
	const char *faq_topics[] = {"Anaemia", "Anemia", "Low blood"};
	struct answer fans = {.author = "NIH", .body = "Iron helps."};
	struct faq f = {.external_id = "F1",
	                .title = "What is anaemia?",
	                .question = "What is anaemia?",
	                .topics = faq_topics,
	                .n_topics = 3,
	                .answers = &fans,
	                .n_answers = 1,
	                .source = {.name = "NIH", .url = "https://x.org/a"}};
	struct article ar = {.external_id = "A1",
	                     .title = "Sleep well",
	                     .summary = "S",
	                     .body = "Sleep eight hours.",
	                     .status = "published",
	                     .author = "Ed"};
	struct question q = {.title = "t", .text = "x"};
	struct store_doc d;
	int64_t pid;
	int n = 0;

	if (!st)
		goto done;
	pid = import_qa(st, "p1", STORE_Q_PUBLISHED, "2026-01-01T00:00:00Z",
	                "h1", &res);
	CHECK_INT(res, STORE_ADDED);
	import_qa(st, "p1", STORE_Q_PUBLISHED, "2026-01-01T00:00:00Z", "h1",
	          &res);
	CHECK_INT(res, STORE_UNCHANGED);
	import_qa(st, "p1", STORE_Q_PUBLISHED, "2026-01-01T00:00:00Z", "h2",
	          &res);
	CHECK_INT(res, STORE_UPDATED);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM answers"), 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM question_topics"), 2);
	CHECK_INT(store_qa_import(st, &q, "h", &res), STORE_INVALID);
	/* A More Info imported twice is updated in place. */
	{
		struct store_moreinfo mi = {.json = "{}",
		                            .status = STORE_MI_APPROVED,
		                            .approved_at =
		                                    "2026-01-03T00:00:00Z"};
		struct question qm = {.external_id = "m1",
		                      .title = "t",
		                      .text = "x",
		                      .status = STORE_Q_PUBLISHED,
		                      .more_info = &mi};

		CHECK_INT(store_qa_import(st, &qm, "m", &res), STORE_OK);
		mi.json = "{\"a\":1}";
		CHECK_INT(store_qa_import(st, &qm, "m2", &res), STORE_OK);
		CHECK_INT(res, STORE_UPDATED);
		CHECK_INT(engine_int(st, "SELECT count(*) FROM more_info"
		                         " WHERE status = 'approved'"
		                         " AND json LIKE '%a%'"),
		          1);
		CHECK_INT(engine_exec(st, "DELETE FROM questions"
		                          " WHERE external_id = 'm1'"),
		          STORE_OK);
	}

	CHECK_INT(store_faq_import(st, &f, "hf", &res), STORE_OK);
	CHECK_INT(res, STORE_ADDED);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM topic_synonyms"), 2);
	CHECK_INT(store_faq_import(st, &f, "hf2", &res), STORE_OK);
	CHECK_INT(res, STORE_UPDATED);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM faq_answers"), 1);
	CHECK_INT(store_article_import(st, &ar, "ha", &res), STORE_OK);
	CHECK_INT(res, STORE_ADDED);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM articles"
	                         " WHERE slug = 'sleep-well'"),
	          1);
	/* A slug another article owns is refused, nothing half written. */
	ar.external_id = "A2";
	ar.slug = "sleep-well";
	CHECK_INT(store_article_import(st, &ar, "hb", &res), STORE_CONFLICT);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM articles"), 1);

	/* A site record's exported name finds the same row again. */
	CHECK_INT(engine_exec(st, "UPDATE questions SET external_id = NULL"),
	          STORE_OK);
	{
		char ext[40];

		snprintf(ext, sizeof(ext), "askdoc-qa-%lld", (long long)pid);
		import_qa(st, ext, STORE_Q_PUBLISHED, "2026-01-01T00:00:00Z",
		          "h3", &res);
		CHECK_INT(res, STORE_UPDATED);
		CHECK_INT(engine_int(st, "SELECT count(*) FROM questions"), 1);
	}

	/* The search documents. */
	CHECK_INT(store_each_document(st, count_doc, &n), STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_document_get(st, a, STORE_KIND_QA, pid, &d), STORE_OK);
	CHECK_STR(d.body, "Rest and fluids.");
	CHECK_INT((int)d.n_topics, 2);
	if (d.n_topics == 2) {
		CHECK_STR(d.topics[0], "Fever");
		CHECK_STR(d.topics[1], "Flu");
	}
	CHECK_STR(d.author, "Dr Lin");
	CHECK_INT(store_document_get(st, a, STORE_KIND_FAQ,
	                             engine_int(st, "SELECT id FROM faq"), &d),
	          STORE_OK);
	CHECK_INT((int)d.n_topics, 3);
	CHECK_STR(d.source_name, "NIH");
	CHECK_INT(store_document_get(st, a, STORE_KIND_ARTICLE,
	                             engine_int(st, "SELECT id FROM articles"),
	                             &d),
	          STORE_OK);
	CHECK_STR(d.slug, "sleep-well");
	CHECK_INT(store_document_get(st, a, STORE_KIND_QA, pid + 100, &d),
	          STORE_NOTFOUND);
	CHECK_INT(store_document_get(st, a, STORE_KIND_USER, 1, &d),
	          STORE_INVALID);

	n = 0;
	CHECK_INT(store_export_each(st, count_rec, &n), STORE_OK);
	CHECK_INT(n, 3);
done:
	arena_free(a);
	store_close(st);
}

static int woken_rc;

/* Listen on this thread's connection, then wait for a commit. */
static void *listener(void *arg)
{
	struct store *st = arg;
	int rc = store_changes_listen(st);

	/* tell the writer it may go (a flag, not a race worth a lock) */
	__atomic_store_n(&woken_rc, rc == STORE_OK ? -100 : rc,
	                 __ATOMIC_SEQ_CST);
	if (rc == STORE_OK) {
		CHECK_INT(store_changes_wait(st, 50), 0); /* nothing yet */
		__atomic_store_n(&woken_rc, -200, __ATOMIC_SEQ_CST);
		rc = store_changes_wait(st, 10000);
		__atomic_store_n(&woken_rc, rc, __ATOMIC_SEQ_CST);
	}
	store_thread_release(st);
	return NULL;
}

static void test_notices(int engine)
{
	struct store *st = engine_fresh(engine, "n.db");
	enum store_import_result res;
	pthread_t t;
	int64_t id;

	if (!st)
		return;
	id = import_qa(st, "w1", STORE_Q_WAITING, "2026-01-01T00:00:00Z", "h1",
	               &res);
	if (engine == ENGINE_SQLITE) {
		/* No notices: followers poll. */
		CHECK_INT(store_changes_listen(st), STORE_INVALID);
		CHECK_INT(store_changes_wait(st, 10), STORE_INVALID);
		store_close(st);
		return;
	}
	woken_rc = 0;
	pthread_create(&t, NULL, listener, st);
	while (__atomic_load_n(&woken_rc, __ATOMIC_SEQ_CST) != -200)
		usleep(1000);
	/* A write that appends a changelog row wakes the listener as it
	 * commits (it heard nothing before: the 50 ms wait above). */
	CHECK_INT(store_question_transition(st, id, STORE_Q_WAITING,
	                                    STORE_Q_ANSWERED),
	          STORE_OK);
	pthread_join(t, NULL);
	CHECK_INT(woken_rc, 1);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_queue);
	RUN_ENGINES(test_status);
	RUN_ENGINES(test_archive);
	RUN_ENGINES(test_notices);
	return test_summary();
}
