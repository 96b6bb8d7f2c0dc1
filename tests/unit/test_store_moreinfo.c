/* tests/unit/test_store_moreinfo.c: the More Info kept with a question:
 * drafts, approval with its changelog row, replacement, bad input, the
 * migration from version 4, and approval inside a publishing transaction
 * (rolled back with it).
 */
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
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int64_t last_seq(struct store *st)
{
	int64_t seq = -1;

	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	return seq;
}

static int64_t add_question(struct store *st)
{
	struct question q;
	int64_t id = 0;

	memset(&q, 0, sizeof(q));
	q.title = "Gout in the big toe";
	q.text = "My big toe is red and swollen. What is gout?";
	q.consent = 1;
	q.status = STORE_Q_WAITING;
	CHECK_INT(store_question_create(st, &q, &id), STORE_OK);
	return id;
}

static int64_t add_doctor(struct store *st)
{
	struct user u;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	u.email = "doc@example.org";
	u.name = "Dana Doctor";
	u.role = STORE_ROLE_DOCTOR;
	u.password_hash = "x";
	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	return id;
}

static void test_draft_and_approve(void)
{
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	int64_t qid, doc, seq;

	CHECK_INT(store_open(tmp_path("a.db"), STORE_OPEN_CREATE, &st),
	          STORE_OK);
	qid = add_question(st);
	doc = add_doctor(st);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_NOTFOUND);

	memset(&mi, 0, sizeof(mi));
	mi.question_id = qid;
	mi.json = "{\"sentences\": [], \"sources\": []}";
	mi.machine_assisted = 1;
	mi.generated_at = "2024-03-01T10:00:00Z";
	seq = last_seq(st);
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(last_seq(st), seq); /* a draft is not published content */
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_STR(got.json, mi.json);
	CHECK_INT(got.machine_assisted, 1);
	CHECK_INT(got.status, STORE_MI_DRAFT);
	CHECK_INT(got.approved_by, 0);
	CHECK(got.approved_at == NULL);
	CHECK(got.approver == NULL);
	CHECK_INT(got.edited, 0);
	CHECK_STR(got.generated_at, "2024-03-01T10:00:00Z");

	CHECK_INT(store_moreinfo_approve(st, qid, doc), STORE_OK);
	CHECK_INT(last_seq(st), seq + 1); /* the page changes */
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_INT(got.status, STORE_MI_APPROVED);
	CHECK_INT(got.approved_by, doc);
	CHECK_STR(got.approver, "Dana Doctor");
	CHECK(got.approved_at != NULL && strlen(got.approved_at) == 20);

	/* Replacing the text makes it a draft again; generated_at defaults
	 * to now. */
	mi.json = "{\"own\": \"My words.\"}";
	mi.machine_assisted = 0;
	mi.edited = 1;
	mi.generated_at = NULL;
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_STR(got.json, "{\"own\": \"My words.\"}");
	CHECK_INT(got.status, STORE_MI_DRAFT);
	CHECK_INT(got.approved_by, 0);
	CHECK(got.approved_at == NULL);
	CHECK_INT(got.edited, 1);
	CHECK_INT(got.machine_assisted, 0);
	CHECK(got.generated_at && got.generated_at[0] == '2');

	/* Bad input changes nothing. */
	seq = last_seq(st);
	mi.json = "";
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_INVALID);
	mi.json = NULL;
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_INVALID);
	mi.json = "{}";
	mi.question_id = qid + 1000;
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_NOTFOUND);
	CHECK_INT(store_moreinfo_approve(st, qid + 1000, doc), STORE_NOTFOUND);
	CHECK_INT(store_moreinfo_approve(st, qid, 0), STORE_INVALID);
	CHECK_INT(last_seq(st), seq);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_STR(got.json, "{\"own\": \"My words.\"}");
	CHECK_INT(store_moreinfo_get(st, a, qid + 1000, &got), STORE_NOTFOUND);
	store_close(st);
	arena_free(a);
}

/* Approval joins the publishing transaction: a rollback undoes the
 * draft, the approval and the changelog row together. */
static void test_in_transaction(void)
{
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	int64_t qid, doc, seq;

	CHECK_INT(store_open(tmp_path("b.db"), STORE_OPEN_CREATE, &st),
	          STORE_OK);
	qid = add_question(st);
	doc = add_doctor(st);
	seq = last_seq(st);
	memset(&mi, 0, sizeof(mi));
	mi.question_id = qid;
	mi.json = "{\"sentences\": [], \"sources\": []}";
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_question_transition(st, qid, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_approve(st, qid, doc), STORE_OK);
	/* A failing call inside the transaction undoes only itself. */
	CHECK_INT(store_moreinfo_approve(st, qid, 0), STORE_INVALID);
	CHECK_INT(store_tx_rollback(st), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_NOTFOUND);
	CHECK_INT(last_seq(st), seq);

	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_question_transition(st, qid, STORE_Q_WAITING,
	                                    STORE_Q_PUBLISHED),
	          STORE_OK);
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_approve(st, qid, doc), STORE_OK);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_INT(got.status, STORE_MI_APPROVED);
	CHECK_INT(last_seq(st), seq + 2); /* the publication and approval */
	store_close(st);
	arena_free(a);
}

/* A version 4 database gains the table when opened. */
static void test_migration(void)
{
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	const char *path = tmp_path("c.db");
	int64_t qid;

	CHECK_INT(sq_open_version(path, STORE_OPEN_CREATE, 4, &st), STORE_OK);
	store_close(st);
	st = NULL;
	CHECK_INT(store_open(path, 0, &st), STORE_OK);
	/* Written by this version: the version 4 code cannot write the
	 * columns later migrations added. */
	qid = add_question(st);
	CHECK(qid > 0);
	memset(&mi, 0, sizeof(mi));
	mi.question_id = qid;
	mi.json = "{}";
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	store_close(st);
	arena_free(a);
}

int main(void)
{
	char cmd[96];

	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-mi-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_draft_and_approve);
	RUN(test_in_transaction);
	RUN(test_migration);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_summary();
}
