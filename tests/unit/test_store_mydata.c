/* tests/unit/test_store_mydata.c: a user's data as the store gives it for
 * their download, and account deletion: what goes, what stays and under
 * which name, the tombstone, the e-mail free again, the last admin
 * refused, bad input, and deletion rolled back with the caller's
 * transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

static char dir[64];

static const char *tmp_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int64_t add_user(struct store *st, const char *email,
                        enum store_role role)
{
	struct user u;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	u.email = email;
	u.name = "Some Name";
	u.role = role;
	u.password_hash = "$argon2id$not-a-real-hash";
	CHECK_INT(store_user_create(st, &u, &id), STORE_OK);
	return id;
}

static int64_t add_question(struct store *st, int64_t user_id,
                            enum store_qstatus status)
{
	struct question q;
	int64_t id = 0;

	memset(&q, 0, sizeof(q));
	q.title = "Gout in the big toe";
	q.text = "My big toe is red and swollen. What is gout?";
	q.nickname = "toe-nick";
	q.notify_email = "notify@example.net";
	q.token_hash = status == STORE_Q_PUBLISHED ? "aa11" : "bb22";
	q.consent = 1;
	q.user_id = user_id;
	q.status = STORE_Q_WAITING;
	CHECK_INT(store_question_create(st, &q, &id), STORE_OK);
	if (status != STORE_Q_WAITING)
		CHECK_INT(store_question_set_status(st, id, status), STORE_OK);
	return id;
}

/* A world: a patient with a published and a waiting question, a comment,
 * a session and a mail; a verified doctor who answered the published
 * one; one admin. */
struct world {
	struct store *st;
	int64_t patient, doctor, admin, pub, waiting, answer;
};

static void make_world(struct world *w, const char *name)
{
	struct doctor d;
	struct answer an;
	struct comment c;
	struct session s;
	int64_t id;

	memset(w, 0, sizeof(*w));
	CHECK_INT(store_open(tmp_path(name), STORE_OPEN_CREATE, &w->st),
	          STORE_OK);
	w->patient = add_user(w->st, "pat@example.org", STORE_ROLE_PATIENT);
	w->doctor = add_user(w->st, "doc@example.org", STORE_ROLE_DOCTOR);
	w->admin = add_user(w->st, "adm@example.org", STORE_ROLE_ADMIN);
	memset(&d, 0, sizeof(d));
	d.user_id = w->doctor;
	d.title = "Rheumatologist";
	d.licence_no = "LIC-1";
	CHECK_INT(store_doctor_set(w->st, &d), STORE_OK);
	CHECK_INT(store_doctor_verify(w->st, w->doctor, w->admin), STORE_OK);
	w->pub = add_question(w->st, w->patient, STORE_Q_PUBLISHED);
	w->waiting = add_question(w->st, w->patient, STORE_Q_WAITING);
	memset(&an, 0, sizeof(an));
	an.question_id = w->pub;
	an.doctor_id = w->doctor;
	an.body = "Gout is a kind of arthritis.";
	an.signoff = "Dr. Some Name, Hill Hospital";
	CHECK_INT(store_answer_create(w->st, &an, &w->answer), STORE_OK);
	memset(&c, 0, sizeof(c));
	c.target_kind = STORE_KIND_QA;
	c.target_id = w->pub;
	c.user_id = w->patient;
	c.body = "Thank you!";
	CHECK_INT(store_comment_create(w->st, &c, &id), STORE_OK);
	memset(&s, 0, sizeof(s));
	s.token_hash = "cafe";
	s.user_id = w->patient;
	s.csrf = "csrf-value";
	s.created_at = 1700000000;
	s.expires_at = 1900000000;
	CHECK_INT(store_session_create(w->st, &s), STORE_OK);
	CHECK_INT(store_mail_enqueue(w->st, "PAT@example.org", "s", "b", &id),
	          STORE_OK);
	CHECK_INT(store_mail_enqueue(w->st, "other@example.org", "s", "b", &id),
	          STORE_OK);
	CHECK_INT(store_audit_add(w->st, w->admin, "question.unpublish",
	                          STORE_KIND_QA, w->pub, NULL),
	          STORE_OK);
}

static void test_user_data(void)
{
	struct arena *a = arena_new();
	struct store_user_data d;
	struct world w;

	make_world(&w, "data.db");
	CHECK_INT(store_user_data(w.st, a, w.patient, &d), STORE_OK);
	CHECK_INT(d.n_comments, 1);
	CHECK_STR(d.comments[0].body, "Thank you!");
	CHECK_STR(d.comments[0].target_title, "Gout in the big toe");
	CHECK_INT(d.n_sessions, 1);
	CHECK_INT(d.sessions[0].created_at, 1700000000);
	CHECK_INT(d.n_answers, 0);
	CHECK_INT(d.n_audit, 1); /* the admin's action on their question */
	CHECK_STR(d.audit[0].action, "question.unpublish");
	CHECK_INT(d.audit[0].user_id, w.admin);

	CHECK_INT(store_user_data(w.st, a, w.doctor, &d), STORE_OK);
	CHECK_INT(d.n_answers, 1);
	CHECK_INT(d.answers[0].question_id, w.pub);
	CHECK_INT(d.answers[0].question_status, STORE_Q_PUBLISHED);
	CHECK_INT(d.n_comments + d.n_sessions + d.n_audit, 0);

	CHECK_INT(store_user_data(w.st, a, 999, &d), STORE_OK);
	CHECK(d.comments == NULL && d.n_audit == 0);
	store_close(w.st);
	arena_free(a);
}

static void test_delete_patient(void)
{
	struct arena *a = arena_new();
	struct store_account_deletion d;
	struct store_counts n;
	struct question q;
	struct user u;
	struct world w;
	int64_t seq0, seq1, pending, sent, failed, id;

	make_world(&w, "patient.db");
	CHECK_INT(store_last_change_seq(w.st, &seq0), STORE_OK);
	CHECK_INT(store_account_delete(w.st, w.patient, "", &d), STORE_INVALID);
	CHECK_INT(store_account_delete(w.st, w.patient, "A former member", &d),
	          STORE_OK);
	CHECK_INT(d.questions_deleted, 1);
	CHECK_INT(d.questions_kept, 1);
	CHECK_INT(d.comments, 1);
	CHECK_INT(d.sessions, 1);
	CHECK_INT(d.mails, 1);
	CHECK_INT(d.answers_kept, 0);
	CHECK_INT(store_last_change_seq(w.st, &seq1), STORE_OK);
	CHECK(seq1 > seq0); /* the published page changed */

	CHECK_INT(store_qa_get(w.st, a, w.waiting, &q), STORE_NOTFOUND);
	CHECK_INT(store_qa_get(w.st, a, w.pub, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_PUBLISHED);
	CHECK_INT(q.user_id, 0);
	CHECK(q.nickname == NULL && q.notify_email == NULL);
	CHECK(q.token_hash == NULL);
	CHECK_INT(q.n_answers, 1);
	CHECK_INT(store_question_by_token(w.st, a, "aa11", &q), STORE_NOTFOUND);

	CHECK_INT(store_user_get(w.st, a, w.patient, &u), STORE_OK);
	CHECK_STR(u.email,
	          arena_printf(a, "deleted:%lld", (long long)w.patient));
	CHECK_STR(u.name, "A former member");
	CHECK(u.password_hash == NULL);
	CHECK_INT(u.disabled, 1);
	CHECK(u.deleted_at != NULL);
	CHECK_INT(store_user_by_email(w.st, a, "pat@example.org", &u),
	          STORE_NOTFOUND);
	CHECK_INT(store_mail_counts(w.st, &pending, &sent, &failed), STORE_OK);
	CHECK_INT(pending, 1); /* the other recipient's */
	CHECK_INT(store_counts(w.st, &n), STORE_OK);
	CHECK_INT(n.comments, 0);
	CHECK_INT(n.sessions, 0);

	/* Twice: NOTFOUND; the address registers again. */
	CHECK_INT(store_account_delete(w.st, w.patient, "A former member", &d),
	          STORE_NOTFOUND);
	CHECK_INT(store_account_delete(w.st, 999, "A former member", NULL),
	          STORE_NOTFOUND);
	/* The placeholder cannot be brought back to life. */
	CHECK_INT(store_user_set_disabled(w.st, w.patient, 0), STORE_NOTFOUND);
	CHECK_INT(store_user_set_role(w.st, w.patient, STORE_ROLE_ADMIN),
	          STORE_NOTFOUND);
	CHECK_INT(store_user_set_password(w.st, w.patient, "$argon2id$x"),
	          STORE_NOTFOUND);
	id = add_user(w.st, "pat@example.org", STORE_ROLE_PATIENT);
	CHECK(id != w.patient);
	store_close(w.st);
	arena_free(a);
}

static void test_delete_doctor(void)
{
	struct arena *a = arena_new();
	struct store_account_deletion d;
	struct doctor doc;
	struct question q;
	struct world w;

	make_world(&w, "doctor.db");
	CHECK_INT(store_account_delete(w.st, w.doctor, "A former doctor", &d),
	          STORE_OK);
	CHECK_INT(d.answers_kept, 1);
	CHECK_INT(d.questions_deleted + d.questions_kept, 0);
	CHECK_INT(store_qa_get(w.st, a, w.pub, &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_PUBLISHED);
	CHECK_INT(q.n_answers, 1);
	CHECK_STR(q.answers[0].body, "Gout is a kind of arthritis.");
	CHECK_STR(q.answers[0].author, "A former doctor");
	CHECK_INT(q.answers[0].doctor_id, 0);
	CHECK(q.answers[0].signoff == NULL);
	CHECK_INT(q.user_id, w.patient); /* the asker is untouched */
	CHECK_INT(store_doctor_get(w.st, a, w.doctor, &doc), STORE_NOTFOUND);
	store_close(w.st);
	arena_free(a);
}

static void test_last_admin_and_rollback(void)
{
	struct arena *a = arena_new();
	struct user u;
	struct question q;
	struct world w;
	int64_t second;

	make_world(&w, "admin.db");
	CHECK_INT(store_account_delete(w.st, w.admin, "A former member", NULL),
	          STORE_CONFLICT);
	CHECK_INT(store_user_get(w.st, a, w.admin, &u), STORE_OK);
	CHECK_STR(u.email, "adm@example.org");
	/* a disabled admin does not count */
	second = add_user(w.st, "adm2@example.org", STORE_ROLE_ADMIN);
	CHECK_INT(store_user_set_disabled(w.st, second, 1), STORE_OK);
	CHECK_INT(store_account_delete(w.st, w.admin, "A former member", NULL),
	          STORE_CONFLICT);
	CHECK_INT(store_user_set_disabled(w.st, second, 0), STORE_OK);
	CHECK_INT(store_account_delete(w.st, w.admin, "A former member", NULL),
	          STORE_OK);

	/* In the caller's transaction, rolled back with it. */
	CHECK_INT(store_tx_begin(w.st), STORE_OK);
	CHECK_INT(
	        store_account_delete(w.st, w.patient, "A former member", NULL),
	        STORE_OK);
	CHECK_INT(store_tx_rollback(w.st), STORE_OK);
	CHECK_INT(store_user_get(w.st, a, w.patient, &u), STORE_OK);
	CHECK_STR(u.email, "pat@example.org");
	CHECK_INT(store_qa_get(w.st, a, w.waiting, &q), STORE_OK);
	CHECK_STR(q.nickname, "toe-nick");
	store_close(w.st);
	arena_free(a);
}

/* An e-mail that starts with "deleted:" is a live account: only the
 * deleted_at column marks a deleted one (issue 11). */
static void test_deleted_prefix_is_live(void)
{
	struct arena *a = arena_new();
	struct user u;
	struct world w;
	int64_t id;

	make_world(&w, "prefix.db");
	id = add_user(w.st, "deleted:x@example.org", STORE_ROLE_MODERATOR);
	CHECK_INT(store_user_set_disabled(w.st, id, 1), STORE_OK);
	CHECK_INT(store_user_set_disabled(w.st, id, 0), STORE_OK);
	CHECK_INT(store_user_set_role(w.st, id, STORE_ROLE_PATIENT), STORE_OK);
	CHECK_INT(store_user_set_password(w.st, id, "$argon2id$other"),
	          STORE_OK);
	CHECK_INT(store_user_get(w.st, a, id, &u), STORE_OK);
	CHECK(u.deleted_at == NULL);
	CHECK_INT(u.role, STORE_ROLE_PATIENT);
	CHECK_STR(u.password_hash, "$argon2id$other");
	CHECK_INT(store_account_delete(w.st, id, "A former member", NULL),
	          STORE_OK);
	CHECK_INT(store_user_get(w.st, a, id, &u), STORE_OK);
	CHECK(u.deleted_at != NULL);
	/* the placeholder is no longer changed by any of them */
	CHECK_INT(store_user_set_disabled(w.st, id, 0), STORE_NOTFOUND);
	CHECK_INT(store_user_set_role(w.st, id, STORE_ROLE_ADMIN),
	          STORE_NOTFOUND);
	CHECK_INT(store_user_set_password(w.st, id, "$argon2id$x"),
	          STORE_NOTFOUND);
	CHECK_INT(store_account_delete(w.st, id, "A former member", NULL),
	          STORE_NOTFOUND);
	store_close(w.st);
	arena_free(a);
}

/* The same world in SQL (the question, answer, mail and audit writes
 * are still SQLite-only operations): patient 1 with published question
 * 1 and waiting question 2, verified doctor 2 who answered question 1,
 * admin 3; a comment, a session and two mails. */
static const char world_sql[] =
        "INSERT INTO users (email, name, role, password_hash, created_at)"
        " VALUES ('pat@example.org', 'Pat', 'patient', 'h', '2024-01-01'),"
        " ('doc@example.org', 'Doc', 'doctor', 'h', '2024-01-01'),"
        " ('adm@example.org', 'Adm', 'admin', 'h', '2024-01-01');"
        "INSERT INTO doctors (user_id, verified_at, verified_by) VALUES"
        " (2, '2024-01-02', 3);"
        "INSERT INTO questions (title, text, nickname, notify_email,"
        " token_hash, status, user_id) VALUES ('Gout', 'Red toe.',"
        " 'toe-nick', 'notify@example.net', 'aa11', 'published', 1),"
        " ('Gout 2', 'Still red.', 'toe-nick', 'notify@example.net',"
        " 'bb22', 'waiting', 1);"
        "INSERT INTO answers (question_id, pos, doctor_id, body, signoff)"
        " VALUES (1, 0, 2, 'Gout is arthritis.', 'Dr. Doc, Hill');"
        "INSERT INTO comments (target_kind, target_id, user_id, body,"
        " created_at) VALUES ('qa', 1, 1, 'Thank you!', '2024-01-03');"
        "INSERT INTO sessions VALUES ('cafe', 1, 'c', 1700000000,"
        " 1900000000);"
        "INSERT INTO mail_queue (created_at, recipient, subject, body,"
        " next_at) VALUES ('2024-01-03', 'PAT@example.org', 's', 'b', 0),"
        " ('2024-01-03', 'other@example.org', 's', 'b', 0);"
        "INSERT INTO audit_log (at, user_id, action, target_kind,"
        " target_id) VALUES ('2024-01-04', 3, 'question.unpublish', 'qa',"
        " 1);";

static void test_on_both(int engine)
{
	struct store *st = engine_fresh(engine, "both.db");
	struct arena *a = arena_new();
	struct store_user_data d;
	struct store_account_deletion del;
	int64_t before = 0, after = 0;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, world_sql), STORE_OK);
	CHECK_INT(store_user_data(st, a, 1, &d), STORE_OK);
	CHECK_INT(d.n_comments, 1);
	CHECK_STR(d.n_comments ? d.comments[0].target_title : NULL, "Gout");
	CHECK_INT(d.n_sessions, 1);
	CHECK_INT(d.n_audit, 1);
	CHECK_INT(store_user_data(st, a, 2, &d), STORE_OK);
	CHECK_INT(d.n_answers, 1);
	CHECK_INT(d.n_answers ? (int)d.answers[0].question_status : -1,
	          STORE_Q_PUBLISHED);

	/* The patient goes: what others rely on stays, anonymous. */
	CHECK_INT(store_last_change_seq(st, &before), STORE_OK);
	CHECK_INT(store_account_delete(st, 1, "A former member", &del),
	          STORE_OK);
	CHECK_INT(del.questions_deleted, 1);
	CHECK_INT(del.questions_kept, 1);
	CHECK_INT(del.comments, 1);
	CHECK_INT(del.sessions, 1);
	CHECK_INT(del.mails, 1); /* to PAT@..., whatever the case */
	CHECK_INT(store_last_change_seq(st, &after), STORE_OK);
	CHECK(after > before);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions WHERE id = 1"
	                         " AND user_id IS NULL AND nickname IS NULL"
	                         " AND token_hash IS NULL"),
	          1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM users WHERE id = 1"
	                         " AND email = 'deleted:1' AND disabled = 1"
	                         " AND deleted_at IS NOT NULL"),
	          1);
	CHECK_INT(store_account_delete(st, 1, "A former member", NULL),
	          STORE_NOTFOUND);

	/* The doctor goes: the reply stays under the neutral name. */
	CHECK_INT(store_account_delete(st, 2, "A former doctor", &del),
	          STORE_OK);
	CHECK_INT(del.answers_kept, 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM answers WHERE"
	                         " doctor_id IS NULL AND signoff IS NULL"
	                         " AND author_name = 'A former doctor'"),
	          1);
	/* The last admin stays, and a failed delete leaves nothing half
	 * done. */
	CHECK_INT(store_account_delete(st, 3, "x", NULL), STORE_CONFLICT);
	CHECK_INT(store_account_delete(st, 3, "", NULL), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM users WHERE id = 3"
	                         " AND deleted_at IS NULL"),
	          1);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	char cmd[96];

	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-md-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_user_data);
	RUN(test_delete_patient);
	RUN(test_delete_doctor);
	RUN(test_last_admin_and_rollback);
	RUN(test_deleted_prefix_is_live);
	RUN_ENGINES(test_on_both);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_summary();
}
