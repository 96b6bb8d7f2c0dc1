/* tests/unit/test_store_comments.c: comments and their moderation on both
 * engines: targets that exist, threads as readers, authors and
 * moderators see them, edits (a hidden comment stays hidden), one report
 * per reporter, the moderators' queue, deletion, and a changelog row for
 * every write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

/* A patient (1), a verified doctor (2), a published Q&A (1) and an
 * article (1). */
static const char fixtures[] =
        "INSERT INTO users (email, name, role, created_at) VALUES"
        " ('pat@example.org', 'Pat', 'patient', '2024-01-01T00:00:00Z'),"
        " ('doc@example.org', 'Dr. Who', 'doctor', '2024-01-01T00:00:00Z');"
        "INSERT INTO doctors (user_id, verified_at) VALUES"
        " (2, '2024-01-02T00:00:00Z');"
        "INSERT INTO questions (title, text, status) VALUES"
        " ('Knee pain', 'It hurts.', 'published');"
        "INSERT INTO articles (slug, title) VALUES ('on-knees', 'On knees');";

static int64_t changes(struct store *st)
{
	return engine_int(st, "SELECT count(*) FROM changes");
}

static void test_comments(int engine)
{
	struct store *st = engine_fresh(engine, "c.db");
	struct arena *a = arena_new();
	struct comment cm = {.target_kind = STORE_KIND_QA,
	                     .target_id = 99,
	                     .user_id = 1,
	                     .body = "Thanks"};
	struct comment_info *cl = NULL, ci;
	size_t n = 0;
	int64_t c1, c2, c3, k;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);
	CHECK_INT(store_comment_create(st, &cm, &c1), STORE_NOTFOUND);
	cm.target_kind = STORE_KIND_FAQ;
	CHECK_INT(store_comment_create(st, &cm, &c1), STORE_INVALID);
	cm.target_kind = STORE_KIND_QA;
	cm.target_id = 1;
	cm.body = "";
	CHECK_INT(store_comment_create(st, &cm, &c1), STORE_INVALID);
	CHECK_INT(changes(st), 0);

	cm.body = "Thanks";
	CHECK_INT(store_comment_create(st, &cm, &c1), STORE_OK);
	cm.user_id = 2;
	cm.body = "Rest it.";
	CHECK_INT(store_comment_create(st, &cm, &c2), STORE_OK);
	cm.user_id = 1;
	cm.body = "Held one";
	cm.hidden = 1;
	CHECK_INT(store_comment_create(st, &cm, &c3), STORE_OK);
	CHECK(c1 > 0 && c2 > c1 && c3 > c2);
	CHECK_INT(changes(st), 3);
	CHECK_INT(store_comment_set_state(st, c3, STORE_COMMENT_HELD),
	          STORE_OK);
	cm.target_kind = STORE_KIND_ARTICLE;
	cm.hidden = 0;
	CHECK_INT(store_comment_create(st, &cm, &k), STORE_OK);

	/* Readers see the shown ones, the author also their held one,
	 * moderators all. */
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_QA, 1, 0, 0, &cl, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(cl[0].c.user_name, "Pat");
		CHECK_INT(cl[0].by_doctor, 0);
		CHECK_INT(cl[1].by_doctor, 1);
		CHECK_STR(cl[1].target_title, "Knee pain");
		CHECK(cl[1].target_slug == NULL);
		CHECK(cl[1].c.created_at && strlen(cl[1].c.created_at) == 20);
	}
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_QA, 1, 1, 0, &cl, &n),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_QA, 1, 2, 0, &cl, &n),
	          STORE_OK);
	CHECK_INT(n, 2);
	CHECK_INT(store_comment_thread(st, a, STORE_KIND_QA, 1, 0, 1, &cl, &n),
	          STORE_OK);
	CHECK_INT(n, 3);
	CHECK_INT(store_comment_get(st, a, k, &ci), STORE_OK);
	CHECK_STR(ci.target_slug, "on-knees");
	CHECK_STR(ci.target_title, "On knees");
	CHECK_INT(store_comment_get(st, a, 999, &ci), STORE_NOTFOUND);
	CHECK_INT(store_comment_count_since(st, 1, "2000-01-01", &k), STORE_OK);
	CHECK_INT(k, 3);
	CHECK_INT(store_comment_count_since(st, 1, "2999-01-01", &k), STORE_OK);
	CHECK_INT(k, 0);

	/* Edits: a hidden comment stays hidden. */
	CHECK_INT(store_comment_set_state(st, c1, STORE_COMMENT_HIDDEN),
	          STORE_OK);
	CHECK_INT(store_comment_edit(st, c1, "Thanks a lot", NULL,
	                             STORE_COMMENT_VISIBLE),
	          STORE_OK);
	CHECK_INT(store_comment_get(st, a, c1, &ci), STORE_OK);
	CHECK_STR(ci.c.body, "Thanks a lot");
	CHECK_INT(ci.c.hidden, STORE_COMMENT_HIDDEN);
	CHECK(ci.edited_at != NULL);
	CHECK_INT(store_comment_edit(st, 999, "x", NULL, STORE_COMMENT_VISIBLE),
	          STORE_NOTFOUND);
	CHECK_INT(store_comment_edit(st, c1, "", NULL, STORE_COMMENT_VISIBLE),
	          STORE_INVALID);
	CHECK_INT(store_comment_set_state(st, c1, (enum store_comment_state)7),
	          STORE_INVALID);

	/* Language: given, or the target's; an edit may say another. */
	CHECK_INT(store_comment_get(st, a, c1, &ci), STORE_OK);
	CHECK_STR(ci.c.lang, "en"); /* the question's */
	CHECK_INT(engine_exec(st, "UPDATE articles SET language = 'zh-TW'"),
	          STORE_OK);
	cm.lang = NULL;
	CHECK_INT(store_comment_create(st, &cm, &k), STORE_OK);
	CHECK_INT(store_comment_get(st, a, k, &ci), STORE_OK);
	CHECK_STR(ci.c.lang, "zh-TW");
	cm.lang = "vi";
	CHECK_INT(store_comment_create(st, &cm, &k), STORE_OK);
	CHECK_INT(store_comment_get(st, a, k, &ci), STORE_OK);
	CHECK_STR(ci.c.lang, "vi");
	CHECK_INT(store_comment_edit(st, k, "谢谢", "zh-CN",
	                             STORE_COMMENT_VISIBLE),
	          STORE_OK);
	CHECK_INT(store_comment_get(st, a, k, &ci), STORE_OK);
	CHECK_STR(ci.c.lang, "zh-CN");
	CHECK_INT(
	        store_comment_edit(st, k, "谢谢!", NULL, STORE_COMMENT_VISIBLE),
	        STORE_OK);
	CHECK_INT(store_comment_get(st, a, k, &ci), STORE_OK);
	CHECK_STR(ci.c.lang, "zh-CN"); /* kept when not said */
	cm.lang = NULL;

	/* Reports: once per reporter; the queue has reported and held
	 * ones, most reported first; a decision clears the reports. */
	CHECK_INT(store_comment_report(st, c2, "u:1", "rude"), STORE_OK);
	CHECK_INT(store_comment_report(st, c2, "u:1", "rude"), STORE_CONFLICT);
	CHECK_INT(store_comment_report(st, c2, "a:x", ""), STORE_OK);
	CHECK_INT(store_comment_report(st, 999, "u:1", NULL), STORE_NOTFOUND);
	CHECK_INT(store_comment_report(st, c2, "", NULL), STORE_INVALID);
	CHECK_INT(store_comment_queue(st, a, 0, 10, &cl, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(cl[0].c.id, c3); /* held first */
		CHECK_INT(cl[1].c.id, c2);
		CHECK_INT(cl[1].reports, 2);
	}
	CHECK_INT(store_comment_queue(st, a, 1, 10, &cl, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_comment_set_state(st, c2, STORE_COMMENT_VISIBLE),
	          STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM comment_reports"), 0);

	/* Deletion takes its reports along. */
	CHECK_INT(store_comment_report(st, c2, "u:1", NULL), STORE_OK);
	k = changes(st);
	CHECK_INT(store_comment_delete(st, c2), STORE_OK);
	CHECK_INT(store_comment_delete(st, c2), STORE_NOTFOUND);
	CHECK_INT(changes(st), k + 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM comment_reports"), 0);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_comments);
	return test_summary();
}
