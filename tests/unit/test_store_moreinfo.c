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
#include "store/schema.h"
#include "store/store.h"
#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

static int64_t last_seq(struct store *st)
{
	int64_t seq = -1;

	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	return seq;
}

/* Changelog rows after seq (PostgreSQL's sequences leave gaps where a
 * transaction rolled back, so rows are counted, not numbers). */
static int64_t changes_after(struct store *st, int64_t seq)
{
	struct arena *a = arena_new();
	struct store_change *ch = NULL;
	size_t n = 0;

	CHECK_INT(store_changes_since(st, a, seq, 100, &ch, &n), STORE_OK);
	arena_free(a);
	return (int64_t)n;
}

/* Fixtures written in SQL, so they need no store operation that is
 * still SQLite-only. */
static int64_t add_question(struct store *st)
{
	CHECK_INT(engine_exec(st, "INSERT INTO questions (title, text, consent,"
	                          " status) VALUES ('Gout in the big toe',"
	                          " 'My big toe is red and swollen. What is"
	                          " gout?', 1, 'waiting')"),
	          STORE_OK);
	return engine_int(st, "SELECT max(id) FROM questions");
}

static int64_t add_doctor(struct store *st)
{
	CHECK_INT(engine_exec(st, "INSERT INTO users (email, name, role,"
	                          " password_hash, created_at) VALUES"
	                          " ('doc@example.org', 'Dana Doctor',"
	                          " 'doctor', 'x', '2024-01-01T00:00:00Z')"),
	          STORE_OK);
	return engine_int(st, "SELECT max(id) FROM users");
}

/* Publish question id in the caller's transaction, with its changelog
 * row, as store_question_transition does. */
static void publish(struct store *st, int64_t id)
{
	char sql[256];

	snprintf(sql, sizeof(sql),
	         "UPDATE questions SET status = 'published' WHERE id = %lld;"
	         "INSERT INTO changes (kind, entity_id, op)"
	         " VALUES ('qa', %lld, 'upsert')",
	         (long long)id, (long long)id);
	CHECK_INT(engine_exec(st, sql), STORE_OK);
}

static void test_draft_and_approve(int engine)
{
	struct store *st = engine_fresh(engine, "a.db");
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	int64_t qid, doc, seq;

	if (!st)
		return;
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
	CHECK_INT(changes_after(st, seq), 1); /* the page changes */
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
static void test_in_transaction(int engine)
{
	struct store *st = engine_fresh(engine, "b.db");
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	int64_t qid, doc, seq;

	if (!st)
		return;
	qid = add_question(st);
	doc = add_doctor(st);
	seq = last_seq(st);
	memset(&mi, 0, sizeof(mi));
	mi.question_id = qid;
	mi.json = "{\"sentences\": [], \"sources\": []}";
	CHECK_INT(store_tx_begin(st), STORE_OK);
	publish(st, qid);
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_approve(st, qid, doc), STORE_OK);
	/* A failing call inside the transaction undoes only itself. */
	CHECK_INT(store_moreinfo_approve(st, qid, 0), STORE_INVALID);
	CHECK_INT(store_tx_rollback(st), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_NOTFOUND);
	CHECK_INT(last_seq(st), seq);

	CHECK_INT(store_tx_begin(st), STORE_OK);
	publish(st, qid);
	CHECK_INT(store_moreinfo_set(st, &mi), STORE_OK);
	CHECK_INT(store_moreinfo_approve(st, qid, doc), STORE_OK);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	CHECK_INT(store_moreinfo_get(st, a, qid, &got), STORE_OK);
	CHECK_INT(got.status, STORE_MI_APPROVED);
	CHECK_INT(changes_after(st, seq), 2); /* publication, approval */
	store_close(st);
	arena_free(a);
}

/* A version 4 database gains the table when opened. */
static void test_migration(int engine)
{
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct store_moreinfo mi, got;
	char path[400];
	int64_t qid;

	if (engine == ENGINE_SQLITE) {
		snprintf(path, sizeof(path), "%s/c.db", engine_folder());
		CHECK_INT(sq_open_version(path, STORE_OPEN_CREATE, 4, &st),
		          STORE_OK);
		store_close(st);
		st = NULL;
		CHECK_INT(store_open(path, 0, &st), STORE_OK);
	} else {
#ifdef ASKDOC_WITH_PG
		const char *conninfo = engine_pg_database();

		snprintf(path, sizeof(path), "%s", conninfo ? conninfo : "");
		CHECK_INT(store_pg_open_version(path, 4, &st), STORE_OK);
		CHECK_INT(engine_int(st, "SELECT version FROM askdoc_schema"),
		          4);
		CHECK_INT(engine_int(st, "SELECT count(*) FROM pg_tables"
		                         " WHERE tablename = 'more_info'"),
		          0);
		store_close(st);
		st = NULL;
		CHECK_INT(store_pg_open(path, &st), STORE_OK);
		CHECK_INT(engine_int(st, "SELECT version FROM askdoc_schema"),
		          pg_schema_version);
#endif
	}
	if (!st)
		return;
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
	RUN_ENGINES(test_draft_and_approve);
	RUN_ENGINES(test_in_transaction);
	RUN_ENGINES(test_migration);
	return test_summary();
}
