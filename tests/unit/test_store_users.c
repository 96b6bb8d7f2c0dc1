/* tests/unit/test_store_users.c: users, doctor profiles, sessions and
 * their administration on both engines: e-mails unique ignoring case,
 * what bad input and unknown rows give, sliding and purged sessions,
 * disabling (signed out everywhere), verification once, the audit-log
 * viewer's filters, and one connection per thread.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

static void test_users_sessions(int engine)
{
	struct store *st = engine_fresh(engine, "u.db");
	struct arena *a = arena_new();
	struct user u = {.email = "Ann@Example.org",
	                 .name = "Ann",
	                 .role = STORE_ROLE_ADMIN,
	                 .password_hash = "$argon2id$x"};
	struct user got, *ul;
	struct doctor d, *dl;
	struct session s, sg;
	size_t n;
	int64_t id, did, dept, purged = 0;

	if (!st)
		goto done;
	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	u.email = "ann@example.ORG";
	CHECK_INT(store_user_create(st, &u, &did), STORE_CONFLICT);
	u.email = "";
	CHECK_INT(store_user_create(st, &u, &did), STORE_INVALID);
	CHECK_INT(store_user_by_email(st, a, "ANN@example.org", &got),
	          STORE_OK);
	CHECK_INT(got.id, id);
	CHECK_STR(got.email, "Ann@Example.org");
	CHECK_INT(got.role, STORE_ROLE_ADMIN);
	CHECK_STR(got.password_hash, "$argon2id$x");
	CHECK(got.created_at && strlen(got.created_at) == 20);
	CHECK_INT(got.disabled, 0);
	CHECK(got.deleted_at == NULL);
	CHECK_INT(store_user_by_email(st, a, "bob@example.org", &got),
	          STORE_NOTFOUND);
	CHECK_INT(store_user_by_email(st, a, NULL, &got), STORE_NOTFOUND);
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
	CHECK_INT(engine_exec(st, "INSERT INTO departments (name, slug)"
	                          " VALUES ('Oncology', 'oncology')"),
	          STORE_OK);
	dept = engine_int(st, "SELECT id FROM departments");
	d = (struct doctor){.user_id = did,
	                    .title = "Attending",
	                    .hospital = "Riverside",
	                    .department_id = dept,
	                    .licence_no = "L-123"};
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	d.hospital = "Harbourview";
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	CHECK_INT(store_doctor_get(st, a, did, &d), STORE_OK);
	CHECK_STR(d.hospital, "Harbourview");
	CHECK_STR(d.department, "Oncology");
	CHECK_STR(d.name, "Lin Mei-Hua");
	CHECK(d.verified_at == NULL);
	CHECK_INT(store_doctor_get(st, a, id, &d), STORE_NOTFOUND);
	CHECK_INT(store_user_list(st, a, &ul, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_STR(ul[1].name, "Lin Mei-Hua");

	/* Verification: once, by whom, and the queue empties. */
	CHECK_INT(store_doctor_pending(st, a, &dl, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_STR(dl[0].licence_no, "L-123");
	CHECK_INT(store_doctor_verify(st, did, id), STORE_OK);
	CHECK_INT(store_doctor_verify(st, did, id), STORE_NOTFOUND);
	CHECK_INT(store_doctor_get(st, a, did, &d), STORE_OK);
	CHECK(d.verified_at && strlen(d.verified_at) == 20);
	CHECK_INT(d.verified_by, id);
	CHECK_INT(store_doctor_pending(st, a, &dl, &n), STORE_OK);
	CHECK_INT(n, 0);

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
	CHECK_INT(store_session_touch(st, "th1", 5000000000LL), STORE_OK);
	CHECK_INT(store_session_get(st, a, "th1", 4000000000LL, &sg), STORE_OK);
	CHECK_INT(sg.expires_at, 5000000000LL);
	CHECK_INT(store_session_touch(st, "zz", 300), STORE_NOTFOUND);
	CHECK_INT(store_session_touch(st, "th1", 200), STORE_OK);
	CHECK_INT(store_session_get(st, a, "zz", 150, &sg), STORE_NOTFOUND);
	s.token_hash = "th2";
	s.user_id = 999;
	CHECK_INT(store_session_create(st, &s), STORE_INVALID);
	s.user_id = did;
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_purge(st, 300, &purged), STORE_OK);
	CHECK_INT(purged, 2);
	CHECK_INT(store_session_delete(st, "th1"), STORE_NOTFOUND);
	s.token_hash = "th3";
	s.expires_at = 1000;
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_delete(st, "th3"), STORE_OK);
	CHECK_INT(store_session_get(st, a, "th3", 150, &sg), STORE_NOTFOUND);

	/* Disabling signs out everywhere; roles change, unknown ones not. */
	s.token_hash = "th4";
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	s.token_hash = "th5";
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_user_set_disabled(st, did, 1), STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM sessions"), 0);
	CHECK_INT(store_user_set_disabled(st, 777, 1), STORE_NOTFOUND);
	CHECK_INT(store_user_set_disabled(st, did, 0), STORE_OK);
	CHECK_INT(store_session_create(st, &s), STORE_OK);
	CHECK_INT(store_session_delete_user(st, did, &purged), STORE_OK);
	CHECK_INT(purged, 1);
	CHECK_INT(store_user_set_role(st, did, STORE_ROLE_MODERATOR), STORE_OK);
	CHECK_INT(store_user_get(st, a, did, &got), STORE_OK);
	CHECK_INT(got.role, STORE_ROLE_MODERATOR);
	CHECK_INT(store_user_set_role(st, did, (enum store_role)42),
	          STORE_INVALID);
	CHECK_INT(store_user_set_role(st, 777, STORE_ROLE_ADMIN),
	          STORE_NOTFOUND);
	store_close(st);
done:
	arena_free(a);
}

static void test_audit_viewer(int engine)
{
	struct store *st = engine_fresh(engine, "a.db");
	struct arena *a = arena_new();
	struct audit_entry *e = NULL;
	const char **actions = NULL;
	struct user *actors = NULL;
	size_t n = 0, na = 0;

	if (!st)
		goto done;
	CHECK_INT(
	        engine_exec(st,
	                    "INSERT INTO users (email, name, role, created_at)"
	                    " VALUES ('a@x.org', 'Ada', 'admin', 'now'),"
	                    " ('m@x.org', 'Max', 'moderator', 'now');"
	                    "INSERT INTO topics (name, slug) VALUES"
	                    " ('Gout', 'gout');"
	                    "INSERT INTO questions (title, text, status,"
	                    " reject_reason) VALUES ('T', 'X', 'rejected',"
	                    " 'Not medical.');"
	                    "INSERT INTO audit_log (at, user_id, action,"
	                    " target_kind, target_id, detail) VALUES"
	                    " ('2024-01-01T00:00:00Z', 1, 'topic.rename',"
	                    "  'topic', 1, 'from Arthritis'),"
	                    " ('2024-01-02T00:00:00Z', 2, 'question.reject',"
	                    "  'qa', 1, NULL),"
	                    " ('2024-01-03T00:00:00Z', 1, 'user.disable',"
	                    "  'user', 2, NULL),"
	                    " ('2024-01-04T00:00:00Z', NULL, 'topic.rename',"
	                    "  'topic', 9, NULL)"),
	        STORE_OK);
	CHECK_INT(store_audit_list(st, a, 0, NULL, 0, 10, &e, &n), STORE_OK);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_INT(e[0].id, 4); /* newest first */
		CHECK(e[0].user_name == NULL && e[0].target_name == NULL);
		CHECK_STR(e[1].target_name, "Max");
		CHECK_STR(e[2].reason, "Not medical.");
		CHECK_STR(e[3].target_name, "Gout");
		CHECK_STR(e[3].target_slug, "gout");
		CHECK_STR(e[3].user_name, "Ada");
		CHECK_STR(e[3].detail, "from Arthritis");
	}
	CHECK_INT(store_audit_list(st, a, 1, NULL, 0, 10, &e, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_audit_list(st, a, 0, "topic.rename", 0, 10, &e, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_audit_list(st, a, 1, "topic.rename", 0, 10, &e, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_audit_list(st, a, 0, "", 3, 1, &e, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(n ? e[0].id : 0, 2);
	CHECK_INT(store_audit_facets(st, a, &actions, &n, &actors, &na),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_STR(n ? actions[0] : NULL, "question.reject");
	CHECK_INT(na, 2);
	CHECK_STR(na ? actors[0].name : NULL, "Ada");
	store_close(st);
done:
	arena_free(a);
}

struct worker {
	struct store *st;
	int base;
	int ok;
	struct db_conn *conn;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	char email[64];

	w->ok = 1;
	for (int i = 0; i < 25; i++) {
		struct user u = {.email = email,
		                 .name = "W",
		                 .role = STORE_ROLE_PATIENT};
		int64_t id;

		snprintf(email, sizeof(email), "w%d@example.org", w->base + i);
		if (store_user_create(w->st, &u, &id) != STORE_OK)
			w->ok = 0;
	}
	/* The connection stays open on the store's list (closed with it),
	 * so the threads' connections are told apart by address. */
	if (store_conn(w->st, &w->conn) != STORE_OK)
		w->ok = 0;
	return NULL;
}

/* Each thread writes on its own connection. */
static void test_threads(int engine)
{
	struct store *st = engine_fresh(engine, "t.db");
	struct worker w[2] = {{st, 0, 0, NULL}, {st, 1000, 0, NULL}};
	struct store_counts n;
	struct db_conn *mine = NULL;
	pthread_t th[2];

	if (!st)
		return;
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, worker_run, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK(w[0].ok && w[1].ok);
	CHECK(w[0].conn && w[1].conn && w[0].conn != w[1].conn);
	CHECK_INT(store_conn(st, &mine), STORE_OK);
	CHECK(mine != w[0].conn && mine != w[1].conn);
	CHECK_INT(store_counts(st, &n), STORE_OK);
	CHECK_INT(n.users, 50);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_users_sessions);
	RUN_ENGINES(test_audit_viewer);
	RUN_ENGINES(test_threads);
	return test_summary();
}
