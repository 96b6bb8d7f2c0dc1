/* tests/unit/test_store_requests.c: privacy requests and reports about
 * Q&As, the reasons of comment reports and the moderators' edit of a
 * question's text, on both engines: one open request per question, kind
 * and requester; closing one or every one of a kind; what bad input and
 * unknown rows give; the changelog row of an edit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

/* Fixtures in SQL: a published and a waiting question, a moderator, a
 * comment with three reports (one without a reason). */
static const char fixtures[] =
        "INSERT INTO users (email, name, role, created_at) VALUES"
        " ('mod@example.org', 'Mo Derator', 'moderator',"
        "  '2024-01-01T00:00:00Z');"
        "INSERT INTO questions (title, text, status, original_title,"
        " original_text) VALUES ('Rash after hiking', 'My name is Ann"
        " and I have a rash.', 'published', 'orig', 'orig text');"
        "INSERT INTO questions (title, text, status) VALUES"
        " ('Waiting one', 'Not yet answered.', 'waiting');"
        "INSERT INTO comments (target_kind, target_id, user_id, body,"
        " created_at) VALUES ('qa', 1, 1, 'A comment.',"
        " '2024-01-02T00:00:00Z');"
        "INSERT INTO comment_reports (comment_id, reporter, reason,"
        " created_at) VALUES (1, 'u:2', 'spam', '2024-01-03T00:00:00Z'),"
        " (1, 'u:3', NULL, '2024-01-04T00:00:00Z'),"
        " (1, 'a:x', 'rude', '2024-01-05T00:00:00Z');";

static void test_requests(int engine)
{
	struct store *st = engine_fresh(engine, "r.db");
	struct arena *a = arena_new();
	struct qa_request *r = NULL;
	const char **reasons = NULL;
	size_t n = 99;
	int64_t seq, seq2;

	if (!st)
		goto done;
	CHECK_INT(engine_exec(st, fixtures), STORE_OK);

	CHECK_INT(store_comment_reasons(st, a, 1, &reasons, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(reasons[0], "spam");
		CHECK_STR(reasons[1], "rude");
	}
	CHECK_INT(store_comment_reasons(st, a, 99, &reasons, &n), STORE_OK);
	CHECK_INT(n, 0);

	/* One open request per question, kind and requester. */
	CHECK_INT(store_qa_request_add(st, 1, "remove_details", "asker",
	                               "my name"),
	          STORE_OK);
	CHECK_INT(store_qa_request_add(st, 1, "remove_details", "asker",
	                               "my name and town"),
	          STORE_CONFLICT);
	CHECK_INT(store_qa_request_add(st, 1, "report", "u:7", ""), STORE_OK);
	CHECK_INT(store_qa_request_add(st, 2, "unpublish", "asker", NULL),
	          STORE_OK);
	CHECK_INT(store_qa_request_add(st, 1, "delete", "asker", NULL),
	          STORE_INVALID);
	CHECK_INT(store_qa_request_add(st, 1, "report", "", NULL),
	          STORE_INVALID);
	CHECK_INT(store_qa_request_add(st, 99, "report", "u:7", NULL),
	          STORE_NOTFOUND);
	CHECK_INT(store_qa_request_list(st, a, 1, &r, &n), STORE_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(r[0].kind, "remove_details");
		CHECK_STR(r[0].note, "my name and town"); /* replaced */
		CHECK_STR(r[0].title, "Rash after hiking");
		CHECK(r[0].created_at && strlen(r[0].created_at) == 20);
		CHECK_STR(r[1].kind, "report");
		CHECK(r[1].note == NULL); /* "" is no note */
	}
	CHECK_INT(store_qa_request_list(st, a, 0, &r, &n), STORE_OK);
	CHECK_INT(n, 3);

	/* Closing one by id, then every open one of a kind. */
	CHECK_INT(store_qa_request_close(st, r[0].id, 0, NULL, 1, "edited"),
	          STORE_OK);
	CHECK_INT(store_qa_request_close(st, r[0].id, 0, NULL, 1, "edited"),
	          STORE_NOTFOUND);
	CHECK_INT(store_qa_request_close(st, 0, 1, "report", 1, "dismissed"),
	          STORE_OK);
	CHECK_INT(store_qa_request_close(st, 0, 1, "report", 1, "dismissed"),
	          STORE_OK); /* none left is fine */
	CHECK_INT(store_qa_request_list(st, a, 0, &r, &n), STORE_OK);
	CHECK_INT(n, 1);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM qa_requests"
	                         " WHERE resolved_by = 1 AND resolved_at"
	                         " IS NOT NULL"),
	          2);
	/* A closed request can be asked again. */
	CHECK_INT(store_qa_request_add(st, 1, "remove_details", "asker", NULL),
	          STORE_OK);

	/* Editing the text: published only, with a changelog row, the
	 * asker's original words forgotten. */
	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	CHECK_INT(store_question_edit_text(st, 1, "Rash after a hike",
	                                   "I have a rash."),
	          STORE_OK);
	CHECK_INT(engine_int(st, "SELECT count(*) FROM questions WHERE"
	                         " title = 'Rash after a hike' AND"
	                         " original_title IS NULL AND"
	                         " original_text IS NULL"),
	          1);
	CHECK_INT(store_last_change_seq(st, &seq2), STORE_OK);
	CHECK(seq2 > seq);
	CHECK_INT(store_question_edit_text(st, 2, "T", "X"), STORE_CONFLICT);
	CHECK_INT(store_question_edit_text(st, 99, "T", "X"), STORE_NOTFOUND);
	CHECK_INT(store_question_edit_text(st, 1, "", "X"), STORE_INVALID);
	CHECK_INT(store_last_change_seq(st, &seq), STORE_OK);
	CHECK_INT(seq, seq2);
	store_close(st);
done:
	arena_free(a);
}

int main(void)
{
	RUN_ENGINES(test_requests);
	return test_summary();
}
