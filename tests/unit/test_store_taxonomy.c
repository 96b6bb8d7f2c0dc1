/* tests/unit/test_store_taxonomy.c: departments, topics, slugs and the
 * names per language on both engines: created by name with unique slugs,
 * read with their counts and synonyms, renamed with a redirect from the
 * old slug, merged (links, synonyms and redirects move to the survivor,
 * the merged topic goes), the changelog rows of every change, and what
 * bad input gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

/* A published Q&A (1) and an article (1), to carry topics. */
static const char fixtures[] =
        "INSERT INTO questions (title, text, status) VALUES"
        " ('Knee pain', 'It hurts.', 'published');"
        "INSERT INTO articles (slug, title) VALUES ('on-knees', 'On knees');";

/* store_faq_import_many's callback: counts the entries that went in. */
static void count_done(void *ctx, size_t i, int rc,
                       enum store_import_result res)
{
	(void)i;
	(void)res;
	if (!rc)
		(*(size_t *)ctx)++;
}

static int64_t changes(struct store *st)
{
	return engine_int(st, "SELECT count(*) FROM changes");
}

static void test_departments(int engine)
{
	struct store *st = engine_fresh(engine, "d.db");
	struct arena *a = arena_new();
	struct department *dl = NULL, d;
	const char *slug = NULL;
	size_t n = 0;
	int64_t d1, d2, d3, again, k;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	/* Bad input stores nothing. */
	CHECK_INT(store_department_create(st, "", NULL, &d1), STORE_INVALID);
	CHECK_INT(store_department_ensure(st, "", &d1), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM departments"), 0);

	CHECK_INT(store_department_create(st, "Bone & Joint", "Knees.", &d1),
	          STORE_OK);
	CHECK_INT(store_department_create(st, "Bone joint", "", &d2), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Heart", &d3), STORE_OK);
	CHECK_INT(store_department_ensure(st, "Heart", &again), STORE_OK);
	CHECK_INT(again, d3);
	CHECK(d1 > 0 && d2 > d1 && d3 > d2);

	CHECK_INT(store_department_list(st, a, &dl, &n), STORE_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(dl[0].name, "Bone & Joint");
		CHECK_STR(dl[0].slug, "bone-joint");
		CHECK_STR(dl[0].description, "Knees.");
		CHECK_STR(dl[1].slug, "bone-joint-2");
		CHECK(dl[1].description == NULL);
		CHECK_STR(dl[2].slug, "heart");
	}
	engine_exec(st, "UPDATE questions SET department_id = 1");
	CHECK_INT(store_department_by_slug(st, a, "bone-joint", &d), STORE_OK);
	CHECK_INT(d.id, d1);
	CHECK_INT(d.n_qa, 1);
	CHECK_INT(store_department_get(st, a, d3, &d), STORE_OK);
	CHECK_STR(d.name, "Heart");
	CHECK_INT(store_department_get(st, a, 99, &d), STORE_NOTFOUND);
	CHECK_INT(store_department_by_slug(st, a, "nope", &d), STORE_NOTFOUND);

	/* A rename keeps the old slug as a redirect and re-indexes the
	 * department's documents. */
	k = changes(st);
	CHECK_INT(store_department_update(st, d1, "Orthopaedics", "Bones."),
	          STORE_OK);
	CHECK_INT(changes(st), k + 1);
	CHECK_INT(store_department_get(st, a, d1, &d), STORE_OK);
	CHECK_STR(d.slug, "orthopaedics");
	CHECK_STR(d.description, "Bones.");
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT,
	                              "bone-joint", &slug),
	          STORE_OK);
	CHECK_STR(slug, "orthopaedics");
	/* A new department may take the old slug back: its redirect goes. */
	CHECK_INT(store_department_update(st, d2, "Bone joint", "Again"),
	          STORE_OK);
	CHECK_INT(store_department_update(st, d1, "Bone-Joint", NULL),
	          STORE_OK);
	CHECK_INT(store_department_get(st, a, d1, &d), STORE_OK);
	CHECK_STR(d.slug, "bone-joint");
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT,
	                              "bone-joint", &slug),
	          STORE_NOTFOUND);
	CHECK_INT(store_slug_redirect(st, a, STORE_SLUG_DEPARTMENT,
	                              "orthopaedics", &slug),
	          STORE_OK);
	CHECK_STR(slug, "bone-joint");

	/* Errors. */
	CHECK_INT(store_department_update(st, 99, "X", NULL), STORE_NOTFOUND);
	CHECK_INT(store_department_update(st, d1, "", NULL), STORE_INVALID);
	CHECK_INT(
	        store_slug_redirect(st, a, (enum store_slug_kind)9, "x", &slug),
	        STORE_INVALID);
	store_close(st);
done:
	arena_free(a);
}

static void test_topics(int engine)
{
	struct store *st = engine_fresh(engine, "t.db");
	struct arena *a = arena_new();
	struct topic *tl = NULL, t;
	const char *slug = NULL;
	size_t n = 0;
	int64_t dept, t1, t2, t3, x, k;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	CHECK_INT(store_department_create(st, "Bones", NULL, &dept), STORE_OK);
	CHECK_INT(store_topic_create(st, "", dept, &x), STORE_INVALID);
	CHECK_INT(store_topic_create(st, "Knee", 99, &x), STORE_INVALID);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM topics"), 0);

	k = changes(st);
	CHECK_INT(store_topic_create(st, "Knee", dept, &t1), STORE_OK);
	CHECK_INT(changes(st), k + 1);
	CHECK_INT(store_topic_create(st, "Knee", dept, &x), STORE_CONFLICT);
	CHECK_INT(store_topic_create(st, "Knee", 0, &t2), STORE_OK);
	CHECK_INT(store_topic_create(st, "Kneecap", dept, &t3), STORE_OK);
	CHECK(t2 != t1);
	engine_exec(st, "INSERT INTO topic_synonyms (topic_id, synonym, pos)"
	                " VALUES (3, 'patella', 0), (3, 'knee bone', 1);"
	                "INSERT INTO question_topics (question_id, topic_id,"
	                " pos) VALUES (1, 3, 0), (1, 1, 1);"
	                "INSERT INTO article_topics (article_id, topic_id, pos)"
	                " VALUES (1, 3, 0);");

	CHECK_INT(store_topic_list(st, a, 0, &tl, &n), STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_topic_list(st, a, dept, &tl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(tl[0].name, "Knee");
		CHECK_STR(tl[0].slug, "knee");
		CHECK_STR(tl[0].department, "Bones");
		CHECK_STR(tl[0].department_slug, "bones");
		CHECK_INT(tl[0].n_synonyms, 0);
		CHECK_STR(tl[1].name, "Kneecap");
		CHECK_INT(tl[1].n_synonyms, 2);
		if (tl[1].n_synonyms == 2) {
			CHECK_STR(tl[1].synonyms[0], "patella");
			CHECK_STR(tl[1].synonyms[1], "knee bone");
		}
	}
	CHECK_INT(store_topic_get(st, a, t2, &t), STORE_OK);
	CHECK_STR(t.slug, "knee-2");
	CHECK_INT(t.department_id, 0);
	CHECK(t.department == NULL);
	CHECK_INT(store_topic_by_slug(st, a, "kneecap", &t), STORE_OK);
	CHECK_INT(t.id, t3);
	CHECK_INT(store_topic_get(st, a, 99, &t), STORE_NOTFOUND);

	/* A rename: a redirect, and the documents carrying it re-read. */
	k = changes(st);
	CHECK_INT(store_topic_update(st, t3, "Patella", 0), STORE_OK);
	CHECK_INT(changes(st), k + 3); /* the Q&A, the article, the topic */
	CHECK_INT(store_topic_get(st, a, t3, &t), STORE_OK);
	CHECK_STR(t.slug, "patella");
	CHECK_INT(t.department_id, 0);
	CHECK_INT(
	        store_slug_redirect(st, a, STORE_SLUG_TOPIC, "kneecap", &slug),
	        STORE_OK);
	CHECK_STR(slug, "patella");
	CHECK_INT(store_topic_update(st, 99, "X", 0), STORE_NOTFOUND);
	CHECK_INT(store_topic_update(st, t3, "", 0), STORE_INVALID);

	/* Merging: links, synonyms and redirects move, the topic goes. */
	CHECK_INT(store_topic_merge(st, t3, t3), STORE_INVALID);
	CHECK_INT(store_topic_merge(st, t3, 99), STORE_NOTFOUND);
	CHECK_INT(store_topic_merge(st, t3, t1), STORE_OK);
	CHECK_INT(store_topic_get(st, a, t3, &t), STORE_NOTFOUND);
	CHECK_INT(store_topic_get(st, a, t1, &t), STORE_OK);
	CHECK_INT(t.n_synonyms, 3);
	if (t.n_synonyms == 3) {
		CHECK_STR(t.synonyms[0], "Patella");
		CHECK_STR(t.synonyms[1], "patella");
		CHECK_STR(t.synonyms[2], "knee bone");
	}
	CHECK_INT(engine_int(st, "SELECT count(*) FROM question_topics"), 1);
	CHECK_INT(engine_int(st, "SELECT topic_id FROM article_topics"), t1);
	CHECK_INT(
	        store_slug_redirect(st, a, STORE_SLUG_TOPIC, "kneecap", &slug),
	        STORE_OK);
	CHECK_STR(slug, "knee");
	CHECK_INT(
	        store_slug_redirect(st, a, STORE_SLUG_TOPIC, "patella", &slug),
	        STORE_OK);
	CHECK_STR(slug, "knee");
	CHECK_INT(engine_int(st, "SELECT count(*) FROM changes"
	                         " WHERE kind = 'topic' AND op = 'delete'"),
	          1);
	store_close(st);
done:
	arena_free(a);
}

static void test_names(int engine)
{
	struct store *st = engine_fresh(engine, "n.db");
	struct arena *a = arena_new();
	struct store_name *nl = NULL;
	size_t n = 0;
	int64_t dept, topic, k;

	if (!st)
		goto done;
	CHECK_INT(store_department_create(st, "Heart", NULL, &dept), STORE_OK);
	CHECK_INT(store_topic_create(st, "Angina", dept, &topic), STORE_OK);
	CHECK_INT(store_name_set(st, STORE_KIND_QA, 1, "vi", "x"),
	          STORE_INVALID);
	CHECK_INT(store_name_set(st, STORE_KIND_DEPARTMENT, dept, "", "x"),
	          STORE_INVALID);
	CHECK_INT(store_name_set(st, STORE_KIND_TOPIC, 99, "vi", "x"),
	          STORE_NOTFOUND);

	CHECK_INT(store_name_set(st, STORE_KIND_DEPARTMENT, dept, "vi",
	                         "Tim mạch"),
	          STORE_OK);
	CHECK_INT(store_name_set(st, STORE_KIND_DEPARTMENT, dept, "zh-TW",
	                         "心臟科"),
	          STORE_OK);
	k = changes(st);
	CHECK_INT(store_name_set(st, STORE_KIND_TOPIC, topic, "vi", "Đau"),
	          STORE_OK);
	CHECK_INT(changes(st), k + 1);
	/* Setting again replaces. */
	CHECK_INT(store_name_set(st, STORE_KIND_TOPIC, topic, "vi",
	                         "Đau thắt ngực"),
	          STORE_OK);
	CHECK_INT(store_names_list(st, a, "vi", &nl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(nl[0].kind, STORE_KIND_TOPIC);
		CHECK_STR(nl[0].slug, "angina");
		CHECK_STR(nl[0].name, "Đau thắt ngực");
		CHECK_INT(nl[1].kind, STORE_KIND_DEPARTMENT);
		CHECK_STR(nl[1].slug, "heart");
		CHECK_STR(nl[1].lang, "vi");
	}
	CHECK_INT(store_names_list(st, a, NULL, &nl, &n), STORE_OK);
	CHECK_INT(n, 3);
	/* An empty name removes it. */
	CHECK_INT(store_name_set(st, STORE_KIND_DEPARTMENT, dept, "vi", ""),
	          STORE_OK);
	CHECK_INT(store_names_list(st, a, "vi", &nl, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_names_list(st, a, "en", &nl, &n), STORE_OK);
	CHECK_INT(n, 0);
	store_close(st);
done:
	arena_free(a);
}

/* A library entry with names in other languages keeps them, whichever
 * way it goes in (on PostgreSQL, store_faq_import_many sends new entries
 * by COPY inside the caller's transaction). As in the archive, a topic's
 * name is keyed by the topic's own name. */
static void test_names_imported(int engine)
{
	struct store *st = engine_fresh(engine, "ni.db");
	struct arena *a = arena_new();
	struct store_name *nl = NULL;
	const char *topics[] = {"Hepatitis B"};
	const struct store_name names[] = {
	        {STORE_KIND_DEPARTMENT, 0, NULL, "zh-TW", "肝膽腸胃科"},
	        {STORE_KIND_TOPIC, 0, "Hepatitis B", "vi", "Viêm gan B"},
	};
	struct faq f = {0}, g = {0};
	const struct faq *fs[] = {&f, &g};
	const char *hash[] = {"h1", "h2"};
	size_t n = 0;

	if (!st)
		goto done;
	f.external_id = "lib-1";
	f.title = "What is hepatitis B?";
	f.question = "What is hepatitis B?";
	f.department = "Hepatology";
	f.topics = topics;
	f.n_topics = 1;
	f.names = names;
	f.n_names = 2;
	g = f;
	g.external_id = "lib-2";
	g.title = g.question = "How is hepatitis B spread?";
	g.names = NULL;
	g.n_names = 0;
	CHECK_INT(store_tx_begin(st), STORE_OK);
	CHECK_INT(store_faq_import_many(st, fs, hash, 2, count_done, &n),
	          STORE_OK);
	CHECK_INT(store_tx_commit(st), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM faq"), 2);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM topics"), 1);
	CHECK_INT(store_names_list(st, a, NULL, &nl, &n), STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_names_list(st, a, "vi", &nl, &n), STORE_OK);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(nl[0].slug, "hepatitis-b");
		CHECK_STR(nl[0].name, "Viêm gan B");
	}
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_departments);
	RUN_ENGINES(test_topics);
	RUN_ENGINES(test_names);
	RUN_ENGINES(test_names_imported);
	return test_summary();
}
