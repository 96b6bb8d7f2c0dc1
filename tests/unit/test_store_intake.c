/* tests/unit/test_store_intake.c: intake forms and askers' answers on
 * both engines (store/intake.c): set, replace, list and remove a form, an
 * unknown department refused, answers kept and removed, and the
 * cascades: a department's form goes with it, a question's answers with
 * the question.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store_engines.h"
#include "test.h"
#include "util/arena.h"

static void test_forms_and_answers(int engine)
{
	struct store *st = engine_fresh(engine, "i.db");
	struct arena *a = arena_new();
	struct store_intake_form f, *list;
	const char *data;
	int64_t dept, qid;
	size_t n;

	if (!st)
		return;
	CHECK_INT(engine_exec(st, "INSERT INTO departments (name, slug)"
	                          " VALUES ('Hepatology', 'hepatology')"),
	          STORE_OK);
	dept = engine_int(st, "SELECT max(id) FROM departments");
	CHECK_INT(engine_exec(st, "INSERT INTO questions (title, text, consent,"
	                          " status) VALUES ('Liver', 'A liver"
	                          " question', 0, 'waiting')"),
	          STORE_OK);
	qid = engine_int(st, "SELECT max(id) FROM questions");

	CHECK_INT(store_intake_form_get(st, a, dept, &f), STORE_NOTFOUND);
	CHECK_INT(store_intake_form_set(st, dept + 100, "{\"fields\":[]}"),
	          STORE_NOTFOUND);
	CHECK_INT(store_intake_form_set(st, dept, "{\"fields\":[1]}"),
	          STORE_OK);
	CHECK_INT(store_intake_form_set(st, dept, "{\"fields\":[2]}"),
	          STORE_OK);
	CHECK_INT(store_intake_form_get(st, a, dept, &f), STORE_OK);
	CHECK_STR(f.definition, "{\"fields\":[2]}");
	CHECK(f.updated_at && strlen(f.updated_at) == 20);
	CHECK_INT(store_intake_form_list(st, a, &list, &n), STORE_OK);
	CHECK_INT((int)n, 1);

	CHECK_INT(store_question_intake_get(st, a, qid, &data), STORE_NOTFOUND);
	CHECK_INT(store_question_intake_set(st, qid, "{\"a\":1}"), STORE_OK);
	CHECK_INT(store_question_intake_set(st, qid, "{\"a\":2}"), STORE_OK);
	CHECK_INT(store_question_intake_get(st, a, qid, &data), STORE_OK);
	CHECK_STR(data, "{\"a\":2}");
	CHECK_INT(store_question_intake_set(st, qid, NULL), STORE_OK);
	CHECK_INT(store_question_intake_get(st, a, qid, &data), STORE_NOTFOUND);
	/* an answer to a question that is not there is refused */
	CHECK(store_question_intake_set(st, qid + 100, "{}") != STORE_OK);

	/* cascades */
	CHECK_INT(store_question_intake_set(st, qid, "{\"a\":3}"), STORE_OK);
	CHECK_INT(engine_exec(st, "DELETE FROM questions"), STORE_OK);
	CHECK_INT((int)engine_int(st, "SELECT count(*) FROM question_intake"),
	          0);
	CHECK_INT(engine_exec(st, "DELETE FROM departments"), STORE_OK);
	CHECK_INT((int)engine_int(st, "SELECT count(*) FROM intake_forms"), 0);
	/* removing a form */
	CHECK_INT(engine_exec(st, "INSERT INTO departments (name, slug)"
	                          " VALUES ('Surgery', 'surgery')"),
	          STORE_OK);
	dept = engine_int(st, "SELECT max(id) FROM departments");
	CHECK_INT(store_intake_form_set(st, dept, "{}"), STORE_OK);
	CHECK_INT(store_intake_form_set(st, dept, ""), STORE_OK);
	CHECK_INT(store_intake_form_get(st, a, dept, &f), STORE_NOTFOUND);
	arena_free(a);
	store_close(st);
}

int main(void)
{
	RUN_ENGINES(test_forms_and_answers);
	return test_summary();
}
