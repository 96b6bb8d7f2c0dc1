/* tests/unit/test_ask.c: the store's asking-and-answering functions (the
 * queue, status links, conditional status changes, topics, answer edits,
 * the mail queue, the audit log) and the mail service's address check and
 * message building (services/mail.c is included for its static
 * functions). */
#include "services/mail.c"

#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"
#include "util/arena.h"

static char dir[] = "/tmp/askdoc-test-ask-XXXXXX";
static char path[256];

static struct store *open_store(void)
{
	struct store *st = NULL;

	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	return st;
}

static int64_t ask(struct store *st, const char *title, int64_t dept,
                   const char *asked_at, int urgent, const char *hash)
{
	struct question q = {0};
	int64_t id = 0;

	q.title = title;
	q.text = "A question text that is long enough.";
	q.department_id = dept;
	q.asked_at = asked_at;
	q.urgent = urgent;
	q.token_hash = hash;
	q.consent = 1;
	CHECK_INT(store_question_create(st, &q, &id), STORE_OK);
	return id;
}

static int64_t changes(struct store *st)
{
	int64_t seq = 0;
	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	return seq;
}

static void test_queue(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct question_item *it;
	int64_t onc, ped, q1, q2, q3, q4, q5;
	size_t n;

	CHECK_INT(store_department_ensure(st, "Oncology", &onc), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Pediatrics", &ped), STORE_OK);
	q1 = ask(st, "old", onc, "2020-01-01T00:00:00Z", 0, "h1");
	q2 = ask(st, "new", onc, "2021-01-01T00:00:00Z", 0, "h2");
	q3 = ask(st, "urgent", onc, "2022-01-01T00:00:00Z", 1, "h3");
	q4 = ask(st, "peds", ped, "2019-01-01T00:00:00Z", 0, "h4");
	q5 = ask(st, "unsure", 0, "2023-01-01T00:00:00Z", 0, "h5");
	CHECK_INT(store_queue_list(st, a, onc, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_INT(it[0].id, q3);
		CHECK(it[0].urgent);
		CHECK_INT(it[1].id, q1);
		CHECK_INT(it[2].id, q2);
		CHECK_INT(it[3].id, q5);
		CHECK_STR(it[1].department, "Oncology");
	}
	CHECK_INT(store_queue_list(st, a, 0, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 5);
	if (n == 5) {
		CHECK_INT(it[0].id, q3);
		CHECK_INT(it[1].id, q4);
	}
	CHECK_INT(store_queue_list(st, a, 0, 1, 2, &it, &n), STORE_OK);
	CHECK_INT(n, 2);
	/* Leaving the waiting state leaves the queue. */
	CHECK_INT(store_question_transition(st, q3, STORE_Q_WAITING,
	                                    STORE_Q_WITHDRAWN),
	          STORE_OK);
	CHECK_INT(store_queue_list(st, a, onc, 0, 10, &it, &n), STORE_OK);
	CHECK_INT(n, 3);
	arena_free(a);
	store_close(st);
}

static void test_transitions_and_links(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct question q;
	const char *reason = "x";
	int64_t id = ask(st, "links", 0, NULL, 0, "first-hash"), seq;

	CHECK_INT(store_question_by_token(st, a, "first-hash", &q), STORE_OK);
	CHECK_INT(q.id, id);
	CHECK_INT(store_question_by_token(st, a, "nope", &q), STORE_NOTFOUND);
	CHECK_INT(store_question_by_token(st, a, "", &q), STORE_NOTFOUND);
	CHECK_INT(store_question_add_link(st, id, "second-hash"), STORE_OK);
	CHECK_INT(store_question_add_link(st, id, "second-hash"),
	          STORE_CONFLICT);
	CHECK_INT(store_question_add_link(st, 999999, "third"), STORE_NOTFOUND);
	CHECK_INT(store_question_by_token(st, a, "second-hash", &q), STORE_OK);
	CHECK_INT(q.id, id);

	CHECK_INT(store_question_reason(st, a, id, &reason), STORE_OK);
	CHECK(reason == NULL);
	CHECK_INT(store_question_reject(st, id, ""), STORE_INVALID);
	seq = changes(st);
	CHECK_INT(store_question_reject(st, id, "one at a time"), STORE_OK);
	CHECK(changes(st) > seq);
	CHECK_INT(store_question_reason(st, a, id, &reason), STORE_OK);
	CHECK_STR(reason, "one at a time");
	CHECK_INT(store_question_reject(st, id, "again"), STORE_CONFLICT);
	CHECK_INT(store_question_transition(st, id, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED),
	          STORE_CONFLICT);
	CHECK_INT(store_question_transition(st, 999999, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED),
	          STORE_NOTFOUND);
	CHECK_INT(store_question_reason(st, a, 999999, &reason),
	          STORE_NOTFOUND);

	/* Publishing sets published_at once; unpublishing keeps it. */
	int64_t p = ask(st, "pub", 0, NULL, 0, NULL);
	CHECK_INT(store_question_transition(st, p, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK_INT(store_qa_get(st, a, p, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_PUBLISHED);
	CHECK(q.published_at != NULL);
	CHECK_INT(store_question_transition(st, p, STORE_Q_PUBLISHED,
	                                    STORE_Q_UNPUBLISHED),
	          STORE_OK);
	CHECK_INT(store_qa_get(st, a, p, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_UNPUBLISHED);
	arena_free(a);
	store_close(st);
}

static void test_followups_and_user(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct question_item *it, one;
	struct question q = {0};
	struct user u = {0};
	int64_t uid, parent, child;
	size_t n;

	u.email = "p@example.org";
	u.name = "P";
	u.role = STORE_ROLE_PATIENT;
	CHECK_INT(store_user_create(st, &u, &uid), STORE_OK);
	parent = ask(st, "parent", 0, NULL, 0, NULL);
	q.title = "child";
	q.text = "A follow-up text that is long enough.";
	q.follow_up_of = parent;
	q.user_id = uid;
	CHECK_INT(store_question_create(st, &q, &child), STORE_OK);
	CHECK_INT(store_question_followups(st, a, parent, &it, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n)
		CHECK_INT(it[0].id, child);
	CHECK_INT(store_question_followups(st, a, child, &it, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_question_item(st, a, child, &one), STORE_OK);
	CHECK_INT(one.follow_up_of, parent);
	CHECK_INT(one.user_id, uid);
	CHECK_STR(one.title, "child");
	CHECK_INT(store_question_item(st, a, 999999, &one), STORE_NOTFOUND);
	CHECK_INT(store_question_list_by_user(st, a, uid, 0, 10, &it, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	arena_free(a);
	store_close(st);
}

static void test_topics_answers_department(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct question q;
	struct answer ans = {0}, got;
	int64_t onc, t1, t2, t1again, id, aid, ids[3];

	CHECK_INT(store_department_ensure(st, "Oncology", &onc), STORE_OK);
	id = ask(st, "topics", onc, NULL, 0, NULL);
	CHECK_INT(store_topic_ensure(st, "Liver Cancer", onc, &t1), STORE_OK);
	CHECK_INT(store_topic_ensure(st, "Hepatitis C", onc, &t2), STORE_OK);
	CHECK_INT(store_topic_ensure(st, "Liver Cancer", onc, &t1again),
	          STORE_OK);
	CHECK_INT(t1again, t1);
	CHECK_INT(store_topic_ensure(st, "", onc, &t1again), STORE_INVALID);
	ids[0] = t2, ids[1] = t1, ids[2] = t2;
	CHECK_INT(store_question_set_topics(st, id, ids, 3), STORE_OK);
	CHECK_INT(store_qa_get(st, a, id, &q), STORE_OK);
	CHECK_INT(q.n_topics, 2);
	if (q.n_topics == 2) {
		CHECK_STR(q.topics[0].name, "Hepatitis C");
		CHECK_STR(q.topics[1].name, "Liver Cancer");
	}
	CHECK_INT(store_question_set_topics(st, id, NULL, 0), STORE_OK);
	CHECK_INT(store_qa_get(st, a, id, &q), STORE_OK);
	CHECK_INT(q.n_topics, 0);
	CHECK_INT(store_question_set_topics(st, 999999, ids, 1),
	          STORE_NOTFOUND);

	ans.question_id = id;
	ans.author = "Dr. X";
	ans.body = "First.";
	CHECK_INT(store_answer_create(st, &ans, &aid), STORE_OK);
	CHECK_INT(store_answer_get(st, a, aid, &got), STORE_OK);
	CHECK_STR(got.body, "First.");
	CHECK(got.edited_at == NULL);
	got.body = "Second.";
	got.signoff = "Take care";
	CHECK_INT(store_answer_update(st, &got), STORE_OK);
	CHECK_INT(store_answer_get(st, a, aid, &got), STORE_OK);
	CHECK_STR(got.body, "Second.");
	CHECK_STR(got.signoff, "Take care");
	CHECK(got.edited_at != NULL);
	got.body = "";
	CHECK_INT(store_answer_update(st, &got), STORE_INVALID);
	got.id = 999999;
	got.body = "x";
	CHECK_INT(store_answer_update(st, &got), STORE_NOTFOUND);
	CHECK_INT(store_answer_get(st, a, 999999, &got), STORE_NOTFOUND);

	CHECK_INT(store_question_set_department(st, id, 999999), STORE_INVALID);
	CHECK_INT(store_question_set_department(st, id, 0), STORE_OK);
	CHECK_INT(store_qa_get(st, a, id, &q), STORE_OK);
	CHECK_INT(q.department_id, 0);
	CHECK_INT(store_question_set_department(st, 999999, onc),
	          STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void test_mail_queue_and_audit(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct mail_item it;
	int64_t id1, id2, due, pend, sent, failed;

	CHECK_INT(store_mail_next(st, a, time(NULL), &it), STORE_NOTFOUND);
	CHECK_INT(store_mail_next_due(st, &due), STORE_OK);
	CHECK_INT(due, 0);
	CHECK_INT(store_mail_enqueue(st, "", "s", "b", &id1), STORE_INVALID);
	CHECK_INT(store_mail_enqueue(st, "a@example.org", "s1", "b1\n", &id1),
	          STORE_OK);
	CHECK_INT(store_mail_enqueue(st, "b@example.org", "s2", "b2\n", &id2),
	          STORE_OK);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 1, &it), STORE_OK);
	CHECK_INT(it.id, id1);
	CHECK_STR(it.to, "a@example.org");
	CHECK_INT(it.attempts, 0);
	/* A failure postpones it; the other one is next. */
	CHECK_INT(store_mail_failed(st, id1, time(NULL) + 100, "timeout"),
	          STORE_OK);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 1, &it), STORE_OK);
	CHECK_INT(it.id, id2);
	CHECK_INT(store_mail_sent(st, id2), STORE_OK);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 1, &it), STORE_NOTFOUND);
	CHECK_INT(store_mail_next_due(st, &due), STORE_OK);
	CHECK(due >= time(NULL) + 99);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 200, &it), STORE_OK);
	CHECK_INT(it.attempts, 1);
	CHECK_INT(store_mail_failed(st, id1, 0, "gave up"), STORE_OK);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 9999, &it),
	          STORE_NOTFOUND);
	CHECK_INT(store_mail_counts(st, &pend, &sent, &failed), STORE_OK);
	CHECK_INT(pend, 0);
	CHECK_INT(sent, 1);
	CHECK_INT(failed, 1);
	CHECK_INT(store_mail_sent(st, 999999), STORE_NOTFOUND);

	CHECK_INT(store_audit_add(st, 0, "question.reject", STORE_KIND_QA, 7,
	                          NULL),
	          STORE_OK);
	CHECK_INT(store_audit_add(st, 0, "", STORE_KIND_QA, 7, NULL),
	          STORE_INVALID);
	arena_free(a);
	store_close(st);
}

/* A mail to the given store with one message: join the transaction's
 * fate. */
static void test_mail_in_transaction(void)
{
	struct store *st = open_store();
	struct arena *a = arena_new();
	struct mail_item it;
	int64_t id;

	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_mail_enqueue(st, "c@example.org", "s", "b", &id),
	          STORE_OK);
	CHECK_INT(store_tx_rollback(st), STORE_OK);
	CHECK_INT(store_mail_next(st, a, time(NULL) + 1, &it), STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

static void test_address_ok(void)
{
	static const char *good[] = {"a@example.org",
	                             "first.last+tag@sub.example.co",
	                             "x_y-z@a-b.example", "1@2.io"};
	static const char *bad[] = {"",
	                            "a",
	                            "a@",
	                            "@example.org",
	                            "a@example",
	                            "a b@example.org",
	                            "a@example.org\r\nBcc: x@y.org",
	                            "<a@example.org>",
	                            "a@@example.org",
	                            "a@exa mple.org",
	                            "a@-example.org",
	                            "a@example-.org",
	                            "a@example..org",
	                            "a@exa_mple.org",
	                            "\"a\"@example.org",
	                            "a,b@example.org",
	                            "a@example.org.",
	                            "ä@example.org"};

	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		CHECK(mail_address_ok(good[i]));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (mail_address_ok(bad[i]))
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK(!mail_address_ok(bad[i]));
	}
	CHECK(!mail_address_ok(NULL));
	/* The sender may be a single-label host (the default). */
	CHECK(!mail_address_ok("askdoc@localhost"));
	CHECK(address_ok("askdoc@localhost", 0));
	CHECK(!address_ok("askdoc@", 0));
	CHECK(!address_ok("a b@localhost", 0));
	char long_local[80];
	memset(long_local, 'a', 65);
	strcpy(long_local + 65, "@example.org");
	CHECK(!mail_address_ok(long_local));
}

static void test_message(void)
{
	struct mail_queue m = {0};
	struct mail_item it = {0};
	struct buf b = BUF_INIT;

	m.from = "noreply@askdoc.test";
	m.domain = "askdoc.test";
	it.id = 5;
	it.to = "a@example.org";
	it.subject = "Hello\r\nBcc: evil@example.org";
	it.body = "Line one\n.dot line\n";
	build_message(&m, &it, &b);
	CHECK(strstr(b.p, "Subject: Hello  Bcc: evil@example.org\r\n") != NULL);
	CHECK(strstr(b.p, "\r\nBcc:") == NULL);
	CHECK(strstr(b.p, "To: <a@example.org>\r\n") != NULL);
	CHECK(strstr(b.p, "Content-Transfer-Encoding: 7bit\r\n\r\nLine one\r\n"
	                  ".dot line\r\n") != NULL);
	CHECK(strstr(b.p, "Message-ID: <askdoc.5.") != NULL);
	buf_clear(&b);
	/* Not ASCII: encoded words never split a character; base64 body. */
	it.subject = "恢復要多久恢復要多久恢復要多久恢復要多久";
	it.body = "回覆\n";
	build_message(&m, &it, &b);
	CHECK(strstr(b.p,
	             "Subject: =?UTF-8?B?5oGi5b6p6KaB5aSa5LmF5oGi5b6p6KaB5aSa"
	             "5LmF5oGi5b6p6KaB5aSa5LmF?=\r\n =?UTF-8?B?") != NULL);
	CHECK(strstr(b.p, "Content-Transfer-Encoding: "
	                  "base64\r\n\r\n5Zue6KaGCg==\r\n") != NULL);
	buf_free(&b);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/a.db", dir);
	RUN(test_queue);
	unlink(path);
	RUN(test_transitions_and_links);
	unlink(path);
	RUN(test_followups_and_user);
	unlink(path);
	RUN(test_topics_answers_department);
	unlink(path);
	RUN(test_mail_queue_and_audit);
	unlink(path);
	RUN(test_mail_in_transaction);
	RUN(test_address_ok);
	RUN(test_message);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_summary();
}
