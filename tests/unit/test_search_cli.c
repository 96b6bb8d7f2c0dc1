/* tests/unit/test_search_cli.c: the command-line contract of `askdoc
 * search` and `askdoc triage` (scripts and evaluations rely on it): one
 * JSON line per query, the fields and their types, stdin mode and a
 * single query argument, from an archive and from a database filled by
 * `askdoc import`. */
#include "test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "util/buf.h"

static char dir[] = "/tmp/askdoc-test-cli-XXXXXX";
static char archive[256], db[256], in[256], out[256];

static const char *const records[] = {
        "{\"external_id\": \"faq-1\", \"kind\": \"faq\", \"title\": \"What are "
        "the treatments for Shingles ?\", \"question\": \"What are the "
        "treatments for Shingles ?\", \"question_type\": \"treatment\", "
        "\"topics\": [\"Shingles\"], \"answers\": [{\"author\": \"NIH\", "
        "\"body\": \"Antiviral medicines <b>shorten</b> the attack.\"}], "
        "\"language\": \"en\"}",
        "{\"external_id\": \"faq-2\", \"kind\": \"faq\", \"title\": \"What "
        "causes Shingles ?\", \"question\": \"What causes Shingles ?\", "
        "\"question_type\": \"causes\", \"topics\": [\"Shingles\"], "
        "\"answers\": [], \"language\": \"en\"}",
        "{\"external_id\": \"qa-1\", \"kind\": \"qa\", \"title\": \"Chest pain "
        "on stairs\", \"question\": \"I get chest pain when climbing "
        "stairs.\", \"department\": \"Cardiology\", \"answers\": "
        "[{\"author\": \"Dr. Lin\", \"body\": \"See a cardiologist.\"}], "
        "\"language\": \"en\"}",
        "{\"external_id\": \"qa-2\", \"kind\": \"qa\", \"title\": \"Liver "
        "cancer recurrence\", \"question\": \"My liver cancer came back after "
        "embolisation.\", \"department\": \"Hepatology\", \"topics\": "
        "[\"Liver Cancer\"], \"answers\": [{\"author\": \"Dr. Wu\", \"body\": "
        "\"It can be treated again.\"}], \"language\": \"en\"}",
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* Run askdoc with args, stdin from `in`; return its stdout (malloc'd). */
static char *run(int argc, char **argv, int *code)
{
	int saved_out = dup(1), saved_in = dup(0);
	int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int fi = open(in, O_RDONLY);
	struct buf b = BUF_INIT;
	char tmp[4096];
	size_t n;
	FILE *f;

	fflush(stdout);
	dup2(fo, 1);
	dup2(fi, 0);
	clearerr(stdin);
	*code = cli_main(argc, argv);
	fflush(stdout);
	dup2(saved_out, 1);
	dup2(saved_in, 0);
	close(fo);
	close(fi);
	close(saved_out);
	close(saved_in);
	clearerr(stdin);
	f = fopen(out, "r");
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	return buf_detach(&b, NULL);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Check one search output line; return its first external_id. */
static const char *check_search_line(json_t *o, const char *query)
{
	json_t *res = json_object_get(o, "results");
	static char first[64];
	size_t i;
	json_t *r;

	CHECK(json_is_object(o));
	CHECK(json_is_string(json_object_get(o, "query")));
	if (query && json_is_string(json_object_get(o, "query")))
		CHECK_STR(json_string_value(json_object_get(o, "query")),
		          query);
	CHECK(json_is_array(res));
	first[0] = 0;
	json_array_foreach(res, i, r)
	{
		const char *kind =
		        json_string_value(json_object_get(r, "kind"));

		CHECK(json_is_string(json_object_get(r, "external_id")));
		CHECK(kind && (!strcmp(kind, "faq") || !strcmp(kind, "qa") ||
		               !strcmp(kind, "article")));
		CHECK(json_is_string(json_object_get(r, "title")));
		CHECK(json_is_number(json_object_get(r, "score")));
		CHECK(json_is_string(json_object_get(r, "snippet")));
		if (i == 0 && json_is_string(json_object_get(r, "external_id")))
			snprintf(first, sizeof(first), "%s",
			         json_string_value(
			                 json_object_get(r, "external_id")));
	}
	return first;
}

static void check_search(int use_db)
{
	char *argv_stdin[] = {"askdoc",
	                      "search",
	                      use_db ? "--db" : "--archive",
	                      use_db ? db : archive,
	                      "--limit",
	                      "2",
	                      "--json",
	                      "-",
	                      NULL};
	char *argv_one[] = {"askdoc",
	                    "search",
	                    use_db ? "--db" : "--archive",
	                    use_db ? db : archive,
	                    "--json",
	                    "what causes shingles",
	                    NULL};
	char *s, *line;
	int code;
	size_t k = 0;

	write_file(in, "how is shingles treated\nchest pain stairs\n\n"
	               "\xff\xfe bad bytes\nliver cancer came back\n");
	s = run(8, argv_stdin, &code);
	CHECK_INT(code, 0);
	CHECK_INT(count_lines(s), 5);
	for (line = strtok(s, "\n"); line; line = strtok(NULL, "\n"), k++) {
		json_error_t err;
		json_t *o = json_loads(line, 0, &err);
		const char *first = check_search_line(o, NULL);

		CHECK(json_array_size(json_object_get(o, "results")) <= 2);
		if (k == 0)
			CHECK_STR(first, "faq-1");
		if (k == 1)
			CHECK_STR(first, "qa-1");
		if (k == 2) /* the empty line: no results */
			CHECK_INT(
			        json_array_size(json_object_get(o, "results")),
			        0);
		if (k == 4)
			CHECK_STR(first, "qa-2");
		json_decref(o);
	}
	free(s);
	s = run(6, argv_one, &code);
	CHECK_INT(code, 0);
	CHECK_INT(count_lines(s), 1);
	{
		json_error_t err;
		json_t *o = json_loads(s, 0, &err);

		CHECK_STR(check_search_line(o, "what causes shingles"),
		          "faq-2");
		json_decref(o);
	}
	free(s);
}

static void test_search_archive(void)
{
	check_search(0);
}

/* --similar ranks with the ask form's suggestions: Q&As and library
 * entries, best first, one JSON line per question. */
static void test_search_similar(void)
{
	char *argv[] = {"askdoc",    "search", "--archive", archive,
	                "--similar", "--json", "-",         NULL};
	char *s, *line;
	int code;
	size_t k = 0;

	write_file(in, "I get chest pain when I climb the stairs, is it my "
	               "heart?\nwhy did I get shingles\n");
	s = run(7, argv, &code);
	CHECK_INT(code, 0);
	CHECK_INT(count_lines(s), 2);
	for (line = strtok(s, "\n"); line; line = strtok(NULL, "\n"), k++) {
		json_error_t err;
		json_t *o = json_loads(line, 0, &err);
		const char *first = check_search_line(o, NULL);

		CHECK_STR(first, k == 0 ? "qa-1" : "faq-2");
		json_decref(o);
	}
	free(s);
}

static void test_triage_contract(void)
{
	char *argv[] = {"askdoc", "triage", "--archive", archive,
	                "--json", "-",      NULL};
	char *s, *line;
	int code;
	size_t k = 0;

	write_file(in, "chest pain when I walk up the stairs\n"
	               "my liver cancer came back after embolisation\n");
	s = run(6, argv, &code);
	CHECK_INT(code, 0);
	CHECK_INT(count_lines(s), 2);
	for (line = strtok(s, "\n"); line; line = strtok(NULL, "\n"), k++) {
		json_error_t err;
		json_t *o = json_loads(line, 0, &err), *alt, *v;
		size_t i;

		CHECK(json_is_object(o));
		CHECK(json_is_string(json_object_get(o, "department")));
		CHECK(json_is_number(json_object_get(o, "confidence")));
		alt = json_object_get(o, "alternatives");
		CHECK(json_is_array(alt));
		json_array_foreach(alt, i, v)
		{
			CHECK(json_is_string(json_object_get(v, "department")));
			CHECK(json_is_number(json_object_get(v, "confidence")));
		}
		CHECK(json_is_array(json_object_get(o, "topics")));
		if (json_is_string(json_object_get(o, "department")))
			CHECK_STR(json_string_value(
			                  json_object_get(o, "department")),
			          k == 0 ? "Cardiology" : "Hepatology");
		json_decref(o);
	}
	free(s);
}

static void test_usage_errors(void)
{
	char *argv1[] = {"askdoc", "search", "--archive", archive, NULL};
	char *argv2[] = {"askdoc",         "search", "--archive",
	                 "/nonexistent/x", "q",      NULL};
	char *argv3[] = {"askdoc", "search", "--limit", "0", "q", NULL};
	int code;

	free(run(4, argv1, &code));
	CHECK_INT(code, EXIT_USAGE);
	free(run(5, argv2, &code));
	CHECK_INT(code, EXIT_FAIL);
	free(run(5, argv3, &code));
	CHECK_INT(code, EXIT_USAGE);
}

/* A database filled by `askdoc import`. */
static void test_search_db(void)
{
	char *argv[] = {"askdoc", "import", "--db", db, archive, NULL};
	int code;

	free(run(5, argv, &code));
	if (code != 0) {
		printf("SKIP search --db: import failed (%d)\n", code);
		return;
	}
	check_search(1);
}

int main(void)
{
	struct buf b = BUF_INIT;

	if (!mkdtemp(dir))
		return 1;
	snprintf(archive, sizeof(archive), "%s/a.jsonl", dir);
	snprintf(db, sizeof(db), "%s/a.db", dir);
	snprintf(in, sizeof(in), "%s/in.txt", dir);
	snprintf(out, sizeof(out), "%s/out.txt", dir);
	for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++)
		buf_printf(&b, "%s\n", records[i]);
	write_file(archive, b.p);
	buf_free(&b);
	RUN(test_search_archive);
	RUN(test_search_similar);
	RUN(test_triage_contract);
	RUN(test_usage_errors);
	RUN(test_search_db);
	{
		char cmd[512];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
