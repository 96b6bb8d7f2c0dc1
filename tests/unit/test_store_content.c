/* tests/unit/test_store_content.c: Q&As, the library, articles and the
 * discovery lists on both engines: questions and answers written and
 * read whole (answers in order, topic links with their departments),
 * lists and counts by department, topic and doctor, briefs in the order
 * asked, library entries, doctors' profiles and photos, the article
 * editor, sitemap ranges, the changelog rows of every write, and what
 * bad input gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

/* A verified doctor (1) in department 1, an unverified one (2), a
 * patient (3); topics 1 and 2; a library entry (1) with two answers. */
static const char fixtures[] =
        "INSERT INTO departments (name, slug) VALUES ('Bones', 'bones');"
        "INSERT INTO users (email, name, role, created_at) VALUES"
        " ('doc@example.org', 'Dr. Bone', 'doctor', '2024-01-01T00:00:00Z'),"
        " ('new@example.org', 'Dr. New', 'doctor', '2024-01-01T00:00:00Z'),"
        " ('pat@example.org', 'Pat', 'patient', '2024-01-01T00:00:00Z');"
        "INSERT INTO doctors (user_id, title, department_id, verified_at)"
        " VALUES (1, 'MD', 1, '2024-01-02T00:00:00Z'), (2, NULL, NULL,"
        " NULL);"
        "INSERT INTO topics (department_id, name, slug) VALUES"
        " (1, 'Knee', 'knee'), (NULL, 'Pain', 'pain');"
        "INSERT INTO sources (name) VALUES ('NIH');"
        "INSERT INTO faq (external_id, title, question, department_id,"
        " topic_id, topics, source_id) VALUES ('lib-1', 'Knee care',"
        " 'How?', 1, 1, '[\"Knee\", \"kneecap\"]', 1);"
        "INSERT INTO faq_answers (faq_id, pos, author, body) VALUES"
        " (1, 2, 'B', 'Second.'), (1, 1, 'A', 'First.');";

static int64_t changes(struct store *st)
{
	return engine_int(st, "SELECT count(*) FROM changes");
}

static void test_qa(int engine)
{
	struct store *st = engine_fresh(engine, "q.db");
	struct arena *a = arena_new();
	struct question q = {.title = "Knee pain",
	                     .text = "It hurts when I walk.",
	                     .status = STORE_Q_PUBLISHED,
	                     .consent = 1,
	                     .department_id = 1,
	                     .language = "vi"},
	                got;
	struct answer an = {
	        .doctor_id = 1, .department_id = 1, .body = "Rest."};
	struct qa_item *items = NULL;
	struct qa_brief *briefs = NULL;
	int64_t q1, q2, q3, a1, a2, cnt, k, ids[3];
	size_t n = 0;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	/* Bad input stores nothing. */
	q.title = "";
	CHECK_INT(store_question_create(st, &q, &q1), STORE_INVALID);
	q.title = "Knee pain";
	an.question_id = 99;
	CHECK_INT(store_answer_create(st, &an, &a1), STORE_NOTFOUND);
	an.question_id = 1;
	an.body = "";
	CHECK_INT(store_answer_create(st, &an, &a1), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions"), 0);
	CHECK_INT(changes(st), 0);

	CHECK_INT(store_question_create(st, &q, &q1), STORE_OK);
	CHECK_INT(changes(st), 1);
	q.title = "Back pain";
	q.status = STORE_Q_WAITING;
	q.language = NULL;
	q.asked_at = "2020-01-01T00:00:00Z";
	CHECK_INT(store_question_create(st, &q, &q2), STORE_OK);
	CHECK_INT(changes(st), 1); /* not published: nothing to index */
	q.title = "Hip pain";
	q.status = STORE_Q_PUBLISHED;
	q.department_id = 0;
	CHECK_INT(store_question_create(st, &q, &q3), STORE_OK);
	CHECK(q1 > 0 && q2 > q1 && q3 > q2);

	an.question_id = q1;
	an.body = "Rest.";
	CHECK_INT(store_answer_create(st, &an, &a1), STORE_OK);
	an.doctor_id = 0;
	an.author = "Nurse Joy";
	an.body = "Ice.";
	an.answered_at = "2024-05-01T00:00:00Z";
	k = changes(st);
	CHECK_INT(store_answer_create(st, &an, &a2), STORE_OK);
	CHECK_INT(changes(st), k + 1);
	engine_exec(st, "INSERT INTO question_topics (question_id, topic_id,"
	                " pos) VALUES (1, 2, 0), (1, 1, 1)");

	CHECK_INT(store_qa_get(st, a, q1, &got), STORE_OK);
	CHECK_STR(got.title, "Knee pain");
	CHECK_STR(got.external_id, "askdoc-qa-1");
	CHECK_STR(got.language, "vi");
	CHECK_STR(got.department, "Bones");
	CHECK_STR(got.department_slug, "bones");
	CHECK_INT(got.status, STORE_Q_PUBLISHED);
	CHECK_INT(got.consent, 1);
	CHECK(got.asked_at != NULL && got.published_at != NULL);
	CHECK_INT(got.n_answers, 2);
	if (got.n_answers == 2) {
		CHECK_INT(got.answers[0].id, a1);
		CHECK_STR(got.answers[0].author, "Dr. Bone");
		CHECK_STR(got.answers[0].doctor_title, "MD");
		CHECK_INT(got.answers[0].doctor_verified, 1);
		CHECK_STR(got.answers[1].author, "Nurse Joy");
		CHECK_STR(got.answers[1].answered_at, "2024-05-01T00:00:00Z");
		CHECK_INT(got.answers[1].doctor_verified, 0);
	}
	CHECK_INT(got.n_topics, 2);
	if (got.n_topics == 2) {
		CHECK_STR(got.topics[0].name, "Pain");
		CHECK(got.topics[0].department == NULL);
		CHECK_INT(got.topics[0].department_id, 0);
		CHECK_STR(got.topics[1].slug, "knee");
		CHECK_INT(got.topics[1].department_id, 1);
		CHECK_STR(got.topics[1].department_slug, "bones");
	}
	CHECK_INT(store_qa_get_external(st, a, "askdoc-qa-2", &got), STORE_OK);
	CHECK_INT(got.id, q2);
	CHECK_STR(got.language, "en");
	CHECK_STR(got.asked_at, "2020-01-01T00:00:00Z");
	CHECK(got.published_at == NULL);
	CHECK_INT(got.n_answers, 0);
	CHECK_INT(got.n_topics, 0);
	CHECK_INT(store_qa_get(st, a, 99, &got), STORE_NOTFOUND);
	CHECK_INT(store_qa_get_external(st, a, "nope", &got), STORE_NOTFOUND);

	/* Views count; a missing question is an error. */
	CHECK_INT(store_qa_view(st, q1), STORE_OK);
	CHECK_INT(store_qa_view(st, q1), STORE_OK);
	CHECK_INT(store_qa_view(st, 99), STORE_NOTFOUND);
	CHECK_INT(store_qa_get(st, a, q1, &got), STORE_OK);
	CHECK_INT(got.views, 2);

	/* Lists: published only, newest first. */
	engine_exec(st, "UPDATE questions SET published_at ="
	                " '2024-01-0' || id || 'T00:00:00Z'");
	CHECK_INT(store_qa_latest(st, a, 0, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(items[0].id, q3);
		CHECK_INT(items[1].id, q1);
		CHECK_STR(items[1].doctor, "Dr. Bone");
		CHECK_INT(items[1].doctor_id, 1);
		CHECK_STR(items[1].excerpt, "It hurts when I walk.");
		CHECK_INT(items[1].excerpt_cut, 0);
		CHECK_STR(items[1].department_slug, "bones");
	}
	CHECK_INT(store_qa_latest(st, a, 0, 1, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_qa_latest(st, a, 1, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_qa_by_topic(st, a, 1, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_qa_by_doctor(st, a, 1, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_qa_by_doctor(st, a, 2, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_qa_count(st, 1, 0, 0, &cnt), STORE_OK);
	CHECK_INT(cnt, 1);
	CHECK_INT(store_qa_count(st, 0, 1, 0, &cnt), STORE_OK);
	CHECK_INT(cnt, 1);
	CHECK_INT(store_qa_count(st, 0, 0, 0, &cnt), STORE_OK);
	CHECK_INT(cnt, 2);
	CHECK_INT(store_qa_count(st, 0, 0, 1, &cnt), STORE_OK);
	CHECK_INT(cnt, 1);

	/* Briefs: published ones, in the order asked. */
	ids[0] = q3;
	ids[1] = q2;
	ids[2] = q1;
	CHECK_INT(store_qa_briefs(st, a, ids, 3, &briefs, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(briefs[0].id, q3);
		CHECK(briefs[0].answer == NULL);
		CHECK_INT(briefs[1].id, q1);
		CHECK_STR(briefs[1].answer, "Rest.");
		CHECK_STR(briefs[1].department, "Bones");
	}
	CHECK_INT(
	        store_qa_briefs(st, a, ids, STORE_BRIEFS_MAX + 1, &briefs, &n),
	        STORE_INVALID);
	store_close(st);
done:
	arena_free(a);
}

static void test_library(int engine)
{
	struct store *st = engine_fresh(engine, "l.db");
	struct arena *a = arena_new();
	struct faq f;
	struct faq_item *items = NULL;
	size_t n = 0;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	CHECK_INT(store_faq_get(st, a, 1, &f), STORE_OK);
	CHECK_STR(f.title, "Knee care");
	CHECK_STR(f.department, "Bones");
	CHECK_STR(f.source.name, "NIH");
	CHECK_STR(f.language, "en");
	CHECK_INT(f.n_topics, 2);
	if (f.n_topics == 2)
		CHECK_STR(f.topics[1], "kneecap");
	CHECK_INT(f.n_answers, 2);
	if (f.n_answers == 2) {
		CHECK_STR(f.answers[0].body, "First.");
		CHECK_INT(f.answers[0].id, 1);
		CHECK_INT(f.answers[1].question_id, 1);
	}
	CHECK_INT(store_faq_get_external(st, a, "lib-1", &f), STORE_OK);
	CHECK_INT(f.id, 1);
	CHECK_INT(store_faq_get(st, a, 9, &f), STORE_NOTFOUND);
	CHECK_INT(store_faq_get_external(st, a, "x", &f), STORE_NOTFOUND);
	CHECK_INT(store_faq_list(st, a, 1, 0, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(items[0].source, "NIH");
	CHECK_INT(store_faq_list(st, a, 0, 1, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_faq_list(st, a, 2, 0, 0, 10, &items, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_close(st);
done:
	arena_free(a);
}

static void test_doctors(int engine)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0, 1, 2};
	struct store *st = engine_fresh(engine, "p.db");
	struct arena *a = arena_new();
	struct doctor_profile p, *pl = NULL;
	struct doctor_photo ph;
	size_t n = 0;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	/* Only verified doctors have a public profile. */
	CHECK_INT(store_doctor_profile(st, a, 2, &p), STORE_NOTFOUND);
	CHECK_INT(store_doctor_profile(st, a, 1, &p), STORE_OK);
	CHECK_STR(p.name, "Dr. Bone");
	CHECK_STR(p.department_slug, "bones");
	CHECK(p.photo_type == NULL && p.bio == NULL);
	CHECK_INT(store_doctor_list(st, a, 0, 0, 10, &pl, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_doctor_list(st, a, 1, 0, 10, &pl, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_doctor_list(st, a, 5, 0, 10, &pl, &n), STORE_OK);
	CHECK_INT(n, 0);

	CHECK_INT(store_doctor_set_about(st, 1, "Knees.", ""), STORE_OK);
	CHECK_INT(store_doctor_set_about(st, 3, "x", "y"), STORE_NOTFOUND);
	CHECK_INT(store_doctor_profile(st, a, 1, &p), STORE_OK);
	CHECK_STR(p.bio, "Knees.");
	CHECK(p.signoff == NULL);

	/* Photos: bytes kept exactly, replaced, removed. */
	CHECK_INT(store_doctor_photo_set(st, 1, "image/png", png, 0),
	          STORE_INVALID);
	CHECK_INT(store_doctor_photo_set(st, 3, "image/png", png, sizeof(png)),
	          STORE_NOTFOUND);
	CHECK_INT(store_doctor_photo_set(st, 1, "image/gif", png, sizeof(png)),
	          STORE_INVALID);
	CHECK_INT(store_doctor_photo_get(st, a, 1, &ph), STORE_NOTFOUND);
	CHECK_INT(store_doctor_photo_set(st, 1, "image/png", png, sizeof(png)),
	          STORE_OK);
	CHECK_INT(store_doctor_photo_get(st, a, 1, &ph), STORE_OK);
	CHECK_STR(ph.type, "image/png");
	CHECK_INT(ph.len, sizeof(png));
	CHECK(ph.len == sizeof(png) && memcmp(ph.data, png, sizeof(png)) == 0);
	CHECK(ph.updated_at != NULL);
	CHECK_INT(store_doctor_photo_set(st, 1, "image/webp", png, 3),
	          STORE_OK);
	CHECK_INT(store_doctor_photo_get(st, a, 1, &ph), STORE_OK);
	CHECK_STR(ph.type, "image/webp");
	CHECK_INT(ph.len, 3);
	CHECK_INT(store_doctor_profile(st, a, 1, &p), STORE_OK);
	CHECK_STR(p.photo_type, "image/webp");
	CHECK_INT(store_doctor_photo_set(st, 1, NULL, NULL, 0), STORE_OK);
	CHECK_INT(store_doctor_photo_get(st, a, 1, &ph), STORE_NOTFOUND);
	store_close(st);
done:
	arena_free(a);
}

static void test_articles(int engine)
{
	struct store *st = engine_fresh(engine, "a.db");
	struct arena *a = arena_new();
	struct article ar = {.title = "On Knees",
	                     .summary = "Short.",
	                     .body = "Long.",
	                     .category = "Health > Joints",
	                     .department_id = 1},
	               got;
	struct article_item *items = NULL;
	struct article_category *cats = NULL;
	struct article_state as;
	struct store_map_entry *me = NULL;
	int64_t r1, r2, r3, k, max;
	size_t n = 0;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	ar.body = "";
	CHECK_INT(store_article_save(st, &ar, 1, STORE_ARTICLE_DRAFT, &r1),
	          STORE_INVALID);
	ar.body = "Long.";
	CHECK_INT(store_article_save(st, &ar, 1, (enum store_article_status)7,
	                             &r1),
	          STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM articles"), 0);

	/* A draft is not indexed; publishing it is. */
	CHECK_INT(store_article_save(st, &ar, 1, STORE_ARTICLE_DRAFT, &r1),
	          STORE_OK);
	CHECK_INT(changes(st), 0);
	CHECK_INT(store_article_save(st, &ar, 1, STORE_ARTICLE_PUBLISHED, &r2),
	          STORE_OK);
	CHECK_INT(changes(st), 1);
	ar.category = "Health";
	ar.slug = "other";
	CHECK_INT(store_article_save(st, &ar, 0, STORE_ARTICLE_PUBLISHED, &r3),
	          STORE_OK);
	CHECK_INT(store_article_get(st, a, r2, &got), STORE_OK);
	CHECK_STR(got.slug, "on-knees-2");
	CHECK_STR(got.external_id, "askdoc-article-2");
	CHECK_STR(got.author, "Dr. Bone");
	CHECK_STR(got.author_department, "Bones");
	CHECK_STR(got.status, "published");
	CHECK_STR(got.language, "en");
	CHECK(got.published_at != NULL);
	CHECK_INT(store_article_by_slug(st, a, "other", &got), STORE_OK);
	CHECK_INT(got.id, r3);
	CHECK(got.author == NULL);
	CHECK_INT(store_article_get(st, a, 99, &got), STORE_NOTFOUND);
	CHECK_INT(store_article_by_slug(st, a, "nope", &got), STORE_NOTFOUND);
	engine_exec(st, "INSERT INTO article_topics (article_id, topic_id, pos)"
	                " VALUES (2, 2, 0), (2, 1, 1)");
	CHECK_INT(store_article_get(st, a, r2, &got), STORE_OK);
	CHECK_INT(got.n_topics, 2);
	if (got.n_topics == 2) {
		CHECK_STR(got.topics[0].name, "Pain");
		CHECK_STR(got.topics[1].department, "Bones");
	}

	/* An edit of the draft publishes it. */
	ar.id = r1;
	ar.title = "On Knees, again";
	k = changes(st);
	CHECK_INT(store_article_save(st, &ar, 1, STORE_ARTICLE_PUBLISHED, NULL),
	          STORE_OK);
	CHECK_INT(changes(st), k + 1);
	CHECK_INT(store_article_state(st, r1, &as), STORE_OK);
	CHECK_INT(as.status, STORE_ARTICLE_PUBLISHED);
	CHECK_INT(as.author_id, 1);
	CHECK_INT(store_article_state(st, r3, &as), STORE_OK);
	CHECK_INT(as.author_id, 0);
	CHECK_INT(store_article_state(st, 99, &as), STORE_NOTFOUND);
	ar.id = 99;
	CHECK_INT(store_article_save(st, &ar, 1, STORE_ARTICLE_DRAFT, NULL),
	          STORE_NOTFOUND);

	/* Lists by category (and its subcategories) and by author. */
	CHECK_INT(store_article_list(st, a, NULL, 0, 0, 10, &items, &n),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_article_list(st, a, "Health", 0, 0, 10, &items, &n),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_article_list(st, a, "Health > Joints", 0, 0, 10, &items,
	                             &n),
	          STORE_OK);
	CHECK_INT(n, 1); /* r1 moved to "Health" with its edit */
	CHECK_INT(store_article_list(st, a, "Heal", 0, 0, 10, &items, &n),
	          STORE_OK);
	CHECK_INT(n, 0);
	CHECK_INT(store_article_list(st, a, NULL, 1, 0, 10, &items, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_article_categories(st, a, &cats, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(cats[0].path, "Health");
		CHECK_INT(cats[0].n, 2);
		CHECK_STR(cats[1].path, "Health > Joints");
		CHECK_INT(cats[1].n, 1);
	}

	/* Sitemaps. */
	CHECK_INT(store_map_max_id(st, STORE_MAP_ARTICLE, &max), STORE_OK);
	CHECK_INT(max, 3);
	CHECK_INT(store_map_max_id(st, STORE_MAP_DOCTOR, &max), STORE_OK);
	CHECK_INT(max, 2);
	CHECK_INT(store_map_max_id(st, STORE_MAP_QA, &max), STORE_OK);
	CHECK_INT(max, 0);
	CHECK_INT(store_map_max_id(st, (enum store_map_kind)0, &max),
	          STORE_INVALID);
	CHECK_INT(store_map_range(st, a, STORE_MAP_ARTICLE, 2, 3, &me, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(me[1].slug, "other");
		CHECK(me[1].lastmod != NULL);
	}
	CHECK_INT(store_map_range(st, a, STORE_MAP_DOCTOR, 1, 9, &me, &n),
	          STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_map_range(st, a, STORE_MAP_TOPIC, 1, 9, &me, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_map_range(st, a, (enum store_map_kind)9, 1, 9, &me, &n),
	          STORE_INVALID);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_qa);
	RUN_ENGINES(test_library);
	RUN_ENGINES(test_doctors);
	RUN_ENGINES(test_articles);
	return test_summary();
}
