/* tests/unit/test_archive.c: archive import and export: byte-identical
 * round trips, idempotent re-import, every kind of bad line rejected with
 * its line number and nothing of it stored, unknown fields kept, batches
 * surviving a failure. Works in a temporary folder under /tmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive.h"
#include "store/store.h"
#include "test.h"
#include "util/arena.h"
#include "util/util.h"

static char dir[64];

/* A canonical archive covering every field and every kind, in export
 * order (kind, then external_id). Fields a kind has no column for, and
 * unknown fields, come last in their original order. */
static const char *const canonical[] = {
        "{\"external_id\": \"art-001\", \"kind\": \"article\", \"title\": "
        "\"Getting back on your feet after liver surgery\", \"question\": "
        "\"What the first weeks at home look like.\", \"asked_at\": "
        "\"2024-03-01T09:30:00+08:00\", \"department\": \"Surgery\", "
        "\"topics\": [\"Liver Tumor\", \"Recovery\"], \"answers\": "
        "[{\"author\": \"The Editors\", \"department\": \"Surgery\", "
        "\"body\": \"## Rest\\nSleep is part of the treatment.\\n\\n## "
        "Walking\\nShort walks, \\\"often\\\", help.\", \"answered_at\": "
        "\"2024-03-05\", \"reviewed\": true}], \"source\": {\"name\": "
        "\"askdoc editors\", \"url\": \"https://example.org/articles/1\"}, "
        "\"language\": \"en\", \"slug\": \"after-liver-surgery\", "
        "\"category\": \"More > Health > Recovery\", \"status\": "
        "\"published\", \"question_type\": \"outlook\", \"asker\": "
        "{\"nickname\": \"ed\"}, \"legacy_id\": 17}",

        "{\"external_id\": \"art-002\", \"kind\": \"article\", \"title\": "
        "\"Ein Artikel ohne Text\", \"question\": \"Zusammenfassung\", "
        "\"topics\": [], \"answers\": [], \"language\": \"de\", \"slug\": "
        "\"ein-artikel-ohne-text\", \"status\": \"draft\"}",

        "{\"external_id\": \"GARD_0000004_Sec1\", \"kind\": \"faq\", "
        "\"title\": \"What are the symptoms of ABCD syndrome ?\", "
        "\"question\": \"What are the symptoms of ABCD syndrome ?\", "
        "\"question_type\": \"symptoms\", \"department\": \"Genetics\", "
        "\"topics\": [\"ABCD syndrome\", \"Albinism, black lock, "
        "deafness\"], \"answers\": [{\"author\": \"GARD\", \"body\": "
        "\"Signs and symptoms vary.\", \"answered_at\": \"2015-06-01\"}, "
        "{\"author\": \"NIH\", \"department\": \"Genetics\", \"body\": "
        "\"A second source.\"}], \"source\": {\"name\": \"Genetic and Rare "
        "Diseases Information Center\", \"url\": "
        "\"https://rarediseases.info.nih.gov/gard/335\"}, \"language\": "
        "\"en\", \"asker\": {\"nickname\": \"x\", \"age_band\": \"20-29\"}, "
        "\"asked_at\": \"2015-05-30\", \"focus_category\": \"Disease\"}",

        "{\"external_id\": \"MPlus_0001\", \"kind\": \"faq\", \"title\": "
        "\"What is (are) Hiccups ?\", \"question\": \"What is (are) Hiccups "
        "?\", \"topics\": [\"Hiccups\"], \"answers\": [], \"source\": "
        "{\"url\": \"https://medlineplus.gov/hiccups.html\"}, \"language\": "
        "\"en\"}",

        "{\"external_id\": \"qa-0001\", \"kind\": \"qa\", \"title\": "
        "\"干扰素能预防肝癌复发吗？\", \"question\": \"我父亲 64 岁。\\tTabs, "
        "\\\"quotes\\\", a \\\\ backslash, a \\u0001 control and 🩺.\", "
        "\"question_type\": \"treatment\", \"asker\": {\"nickname\": "
        "\"winnie\", \"age_band\": \"30-39\", \"sex\": \"female\"}, "
        "\"asked_at\": \"2006-08-25\", \"department\": \"Gastroenterology "
        "and Hepatology\", \"topics\": [\"Liver Cancer\", \"Hepatitis C\"], "
        "\"answers\": [{\"author\": \"Lin Mei-Hua\", \"department\": "
        "\"Gastroenterology and Hepatology\", \"body\": \"It can lower "
        "recurrence of small tumours.\\n\\nIt is rarely used from "
        "Child-Pugh B on.\", \"answered_at\": \"2006-08-27T10:00:00Z\", "
        "\"votes\": 3, \"helpful\": [1, 2.5, -0.0, 1e+300, null, false, "
        "{\"k\": \"v\"}]}, {\"author\": \"\", \"body\": \"Follow-up.\", "
        "\"answered_at\": \"2006-09-01\"}], \"source\": {\"name\": \"askdoc "
        "demo\", \"url\": \"https://example.org/qa/1\"}, \"language\": "
        "\"zh-Hant\", \"origin\": {\"site\": \"old\", \"ids\": [1, 2]}}",

        "{\"external_id\": \"qa-0002\", \"kind\": \"qa\", \"title\": "
        "\"Waiting question\", \"question\": \"Nobody answered yet.\", "
        "\"topics\": [], \"answers\": [], \"language\": \"en\"}",

        "{\"external_id\": \"qa-0003\", \"kind\": \"qa\", \"title\": "
        "\"Rejected but answered\", \"question\": \"Is this spam?\", "
        "\"asker\": {\"sex\": \"other\"}, \"topics\": [], \"answers\": "
        "[{\"body\": \"No.\"}], \"language\": \"en\", \"status\": "
        "\"rejected\"}",
};

static const char *tmp_path(const char *name)
{
	static char path[8][128];
	static int i;

	i = (i + 1) % 8;
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, name);
	return path[i];
}

static void remove_db(const char *path)
{
	char p[160];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static struct store *fresh(const char *name)
{
	struct store *st = NULL;
	const char *path = tmp_path(name);

	remove_db(path);
	CHECK_INT(store_open(path, STORE_OPEN_CREATE, &st), STORE_OK);
	return st;
}

/* Import text; per-line messages go into *msgs (malloc'd) if not NULL. */
static int import_text(struct store *st, const char *text, long batch,
                       struct archive_stats *stats, char **msgs)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	char *m = NULL;
	size_t mlen = 0;
	FILE *err = open_memstream(&m, &mlen);
	struct archive_import_opts opt = {batch, err, ""};
	int rc = archive_import(st, in, &opt, stats);

	fclose(in);
	fclose(err);
	if (msgs)
		*msgs = m;
	else
		free(m);
	return rc;
}

/* The export of st, malloc'd. */
static char *export_text(struct store *st)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	long n;

	CHECK_INT(archive_export(st, f, &n), STORE_OK);
	fclose(f);
	return out;
}

static char *join(const char *const *lines, size_t n)
{
	size_t len = 1;
	char *s, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(lines[i]) + 1;
	p = s = malloc(len);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s\n", lines[i]);
	*p = '\0';
	return s;
}

static void test_round_trip(void)
{
	struct store *st = fresh("r1.db"), *st2 = fresh("r2.db");
	struct archive_stats s;
	char *in = join(canonical, ARRAY_SIZE(canonical));
	char *e1, *e2, *msgs;
	int64_t qid, aid;

	CHECK_INT(import_text(st, in, 0, &s, &msgs), STORE_OK);
	CHECK_STR(msgs, "");
	free(msgs);
	CHECK_INT(s.added, (long)ARRAY_SIZE(canonical));
	CHECK_INT(s.rejected, 0);

	/* A canonical archive comes back byte for byte. */
	e1 = export_text(st);
	CHECK_STR(e1, in);
	free(e1);

	/* A question made on the site gets a generated external id. */
	struct question q = {.title = "Site question",
	                     .text = "Asked here.",
	                     .consent = 1,
	                     .asked_at = "2024-05-01"};
	struct answer an = {.author = "Dr. Web",
	                    .body = "Answered here.",
	                    .answered_at = "2024-05-02"};
	CHECK_INT(store_question_create(st, &q, &qid), STORE_OK);
	an.question_id = qid;
	CHECK_INT(store_answer_create(st, &an, &aid), STORE_OK);
	CHECK_INT(store_question_set_status(st, qid, STORE_Q_PUBLISHED),
	          STORE_OK);

	/* export -> import into a fresh database -> export: same bytes. */
	e1 = export_text(st);
	char want[64];
	snprintf(want, sizeof(want), "{\"external_id\": \"askdoc-qa-%lld\"",
	         (long long)qid);
	CHECK(strstr(e1, want) != NULL);
	CHECK(strstr(e1, "\"Site question\"") < strstr(e1, "\"qa-0001\""));
	CHECK_INT(import_text(st2, e1, 3, &s, NULL), STORE_OK);
	CHECK_INT(s.added, (long)ARRAY_SIZE(canonical) + 1);
	e2 = export_text(st2);
	CHECK_STR(e2, e1);
	/* Importing the export into the database it came from changes
	 * nothing (the site record is found by its generated id). */
	CHECK_INT(import_text(st, e1, 0, &s, NULL), STORE_OK);
	CHECK_INT(s.added, 0);
	free(e2);
	e2 = export_text(st);
	CHECK_STR(e2, e1);
	free(e1);
	free(e2);
	free(in);
	store_close(st);
	store_close(st2);
}

static void test_canonical_form(void)
{
	struct store *st = fresh("c.db");
	struct archive_stats s;
	struct arena *a = arena_new();
	struct faq f;
	struct question q;
	/* Key order, spacing, nulls, absent defaults: all normalised. */
	const char *messy =
	        "{ \"answers\":null,\"kind\":\"qa\" , \"question\":\"Nobody "
	        "answered yet.\",\"title\":\"Waiting question\",\"external_id\""
	        ":\"qa-0002\",\"question_type\":null,\"asker\":{\"nickname\":"
	        "null},\"source\":{}}\r\n"
	        "\n"
	        "   \n"
	        "{\"kind\": \"faq\", \"external_id\": \"f-1\", \"title\": "
	        "\"T\", "
	        "\"question\": \"Q\", \"zeta\": 1, \"topics\": [\"A\"], "
	        "\"alpha\": {\"b\": 1, \"a\": [0.1]}}";
	const char *want =
	        "{\"external_id\": \"f-1\", \"kind\": \"faq\", \"title\": "
	        "\"T\", \"question\": \"Q\", \"topics\": [\"A\"], \"answers\": "
	        "[], \"language\": \"en\", \"zeta\": 1, \"alpha\": {\"b\": 1, "
	        "\"a\": [0.1]}}\n"
	        "{\"external_id\": \"qa-0002\", \"kind\": \"qa\", \"title\": "
	        "\"Waiting question\", \"question\": \"Nobody answered yet.\", "
	        "\"topics\": [], \"answers\": [], \"language\": \"en\"}\n";
	char *e;

	CHECK_INT(import_text(st, messy, 0, &s, NULL), STORE_OK);
	CHECK_INT(s.added, 2);
	CHECK_INT(s.lines, 4);
	e = export_text(st);
	CHECK_STR(e, want);
	free(e);
	/* Unknown fields are kept, in order, with the record. */
	CHECK_INT(store_faq_get_external(st, a, "f-1", &f), STORE_OK);
	CHECK_STR(f.extra,
	          "{\"zeta\": 1, \"alpha\": {\"b\": 1, \"a\": [0.1]}}");
	CHECK_INT(store_qa_get_external(st, a, "qa-0002", &q), STORE_OK);
	CHECK_INT(q.status, STORE_Q_WAITING);
	/* The same content in another shape is unchanged, not updated. */
	CHECK_INT(import_text(st, want, 0, &s, NULL), STORE_OK);
	CHECK_INT(s.unchanged, 2);
	CHECK_INT(s.updated, 0);
	arena_free(a);
	store_close(st);
}

static void test_idempotent(void)
{
	struct store *st = fresh("i.db");
	struct archive_stats s;
	struct store_counts c0, c1;
	char *in = join(canonical, ARRAY_SIZE(canonical));
	struct arena *a = arena_new();
	struct question q;

	CHECK_INT(import_text(st, in, 2, &s, NULL), STORE_OK);
	CHECK_INT(s.added, (long)ARRAY_SIZE(canonical));
	CHECK_INT(store_counts(st, &c0), STORE_OK);
	CHECK_INT(import_text(st, in, 2, &s, NULL), STORE_OK);
	CHECK_INT(s.added, 0);
	CHECK_INT(s.updated, 0);
	CHECK_INT(s.unchanged, (long)ARRAY_SIZE(canonical));
	CHECK_INT(store_counts(st, &c1), STORE_OK);
	CHECK(memcmp(&c0, &c1, sizeof(c0)) == 0);

	/* One record changed: one update, nothing duplicated. */
	const char *changed =
	        "{\"external_id\": \"qa-0002\", \"kind\": \"qa\", \"title\": "
	        "\"Waiting question, edited\", \"question\": \"Nobody answered "
	        "yet.\", \"answers\": [{\"body\": \"Now answered.\"}]}\n";
	CHECK_INT(import_text(st, changed, 0, &s, NULL), STORE_OK);
	CHECK_INT(s.updated, 1);
	CHECK_INT(s.added + s.unchanged, 0);
	CHECK_INT(store_counts(st, &c1), STORE_OK);
	CHECK_INT(c1.questions, c0.questions);
	/* Re-import never makes a stored question more public (issue 11):
	 * the waiting question gets its answer but is not published. */
	CHECK_INT(c1.qa_published, c0.qa_published);
	CHECK_INT(c1.changes, c0.changes + 1);
	CHECK_INT(store_qa_get_external(st, a, "qa-0002", &q), STORE_OK);
	CHECK_STR(q.title, "Waiting question, edited");
	CHECK_INT(q.status, STORE_Q_WAITING);
	CHECK_INT(q.n_answers, 1);
	arena_free(a);
	free(in);
	store_close(st);
}

static void test_doctor_link(void)
{
	struct store *st = fresh("dl.db");
	struct archive_stats s;
	struct arena *a = arena_new();
	struct user u = {.email = "lin@example.org",
	                 .name = "Lin Mei-Hua",
	                 .role = STORE_ROLE_DOCTOR};
	struct doctor d = {.hospital = "Riverside"};
	struct question q;
	char *e1, *in = join(canonical, ARRAY_SIZE(canonical));

	CHECK_INT(store_user_create(st, &u, &d.user_id), STORE_OK);
	CHECK_INT(store_doctor_set(st, &d), STORE_OK);
	CHECK_INT(import_text(st, in, 0, &s, NULL), STORE_OK);
	CHECK_INT(store_qa_get_external(st, a, "qa-0001", &q), STORE_OK);
	CHECK_INT(q.answers[0].doctor_id, d.user_id);
	CHECK_STR(q.answers[0].hospital, "Riverside");
	CHECK_INT(q.answers[1].doctor_id, 0);
	CHECK_STR(q.answers[1].author, "");
	/* Linked or not, the export is the same. */
	e1 = export_text(st);
	CHECK_STR(e1, in);
	free(e1);
	free(in);
	arena_free(a);
	store_close(st);
}

/* Does msgs hold a line starting with "line N: " and containing what? */
static int has_msg(const char *msgs, long line, const char *what)
{
	char head[32];
	size_t hl = (size_t)snprintf(head, sizeof(head), "line %ld: ", line);

	for (const char *p = msgs; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len >= hl && strncmp(p, head, hl) == 0) {
			char *l = strndup(p, len);
			int ok = strstr(l, what) != NULL;

			free(l);
			if (ok)
				return 1;
		}
		p += len + (nl ? 1 : 0);
	}
	return 0;
}

#define GOOD(id)                                                               \
	"{\"external_id\": \"" id "\", \"kind\": \"faq\", \"title\": \"t\", "  \
	"\"question\": \"q\", \"topics\": [\"Good Topic\"]}\n"
#define BAD_QA(fields)                                                         \
	"{\"external_id\": \"bad\", \"kind\": \"qa\", \"title\": \"t\", "      \
	"\"question\": \"q\", \"department\": \"Never Made\", \"topics\": "    \
	"[\"Never Topic\"]" fields "}\n"

static void test_bad_lines(void)
{
	struct store *st = fresh("b.db");
	struct archive_stats s;
	struct store_counts c;
	struct arena *a = arena_new();
	struct department d;
	char *msgs = NULL;
	const char *text = GOOD("g-01")                         /* 1 */
	        "{\"external_id\": \"x\", \"kind\": \"faq\",\n" /* 2 */
	        "[1, 2]\n"                                      /* 3 */
	        "{\"external_id\": \"y\", \"kind\": \"faq\", \"question\": "
	        "\"q\"}\n" /* 4 */
	        "{\"external_id\": \"y\", \"kind\": \"faq\", \"title\": 5, "
	        "\"question\": \"q\"}\n" /* 5 */
	        "{\"external_id\": \"y\", \"kind\": \"blog\", \"title\": "
	        "\"t\", \"question\": \"q\"}\n" /* 6 */
	        "{\"external_id\": \"y\", \"kind\": \"faq\", \"title\": "
	        "\"\xff\xfe\", \"question\": \"q\"}\n"           /* 7 */
	        BAD_QA(", \"asked_at\": \"2006-02-30\"")         /* 8 */
	        BAD_QA(", \"asker\": {\"age_band\": \"30~39\"}") /* 9 */
	        BAD_QA(", \"asker\": {\"sex\": \"f\"}")          /* 10 */
	        GOOD("g-01")                                     /* 11 */
	        BAD_QA(", \"answers\": [{\"author\": \"a\"}]")   /* 12 */
	        "{\"external_id\": \"y\", \"kind\": \"qa\", \"title\": \"t\", "
	        "\"question\": \"q\", \"topics\": [\"ok\", 3]}\n" /* 13 */
	        "{\"external_id\": \"y\", \"kind\": \"faq\", \"title\": \"t\", "
	        "\"title\": \"u\", \"question\": \"q\"}\n" /* 14 */
	        "{\"external_id\": \"a-1\", \"kind\": \"article\", \"title\": "
	        "\"t\", \"question\": \"q\", \"answers\": [{\"body\": \"1\"}, "
	        "{\"body\": \"2\"}]}\n"                /* 15 */
	        BAD_QA(", \"language\": \"english!\"") /* 16 */
	        "{\"external_id\": \"\", \"kind\": \"qa\", \"title\": \"t\", "
	        "\"question\": \"q\"}\n" /* 17 */
	        "{\"external_id\": \"art-a\", \"kind\": \"article\", "
	        "\"title\": "
	        "\"Same Slug\", \"question\": \"q\", \"slug\": \"s\"}\n" /* 18
	                                                                  */
	        "{\"external_id\": \"art-b\", \"kind\": \"article\", "
	        "\"title\": "
	        "\"t\", \"question\": \"q\", \"department\": \"Never Made\", "
	        "\"topics\": [\"Never Topic\"], \"slug\": \"s\"}\n" /* 19 */
	        "{\"external_id\": \"nul\", \"kind\": \"faq\", \"title\": \"t\0"
	        "\", \"question\": \"q\"}\n"        /* 20 */
	        BAD_QA(", \"status\": \"deleted\"") /* 21 */
	        "null\n"                            /* 22 */
	        GOOD("g-02");                       /* 23 */
	/* The NUL byte of line 20 ends the C string: build the input by
	 * length. */
	size_t part1 = strlen(text);
	const char *rest = text + part1 + 1;
	size_t part2 = strlen(rest);
	char *big, *all;
	size_t big_len = 4 * 1024 * 1024 + 100, n = 0;

	big = malloc(big_len + 200);
	n = (size_t)sprintf(big, "{\"external_id\": \"big\", \"kind\": "
	                         "\"faq\", \"title\": \"t\", \"question\": \"");
	memset(big + n, 'x', big_len);
	n += big_len;
	n += (size_t)sprintf(big + n, "\"}\n");
	all = malloc(part1 + 1 + part2 + n + 256);
	memcpy(all, text, part1);
	all[part1] = '\0';
	memcpy(all + part1 + 1, rest, part2);
	memcpy(all + part1 + 1 + part2, big, n);           /* line 24 */
	strcpy(all + part1 + 1 + part2 + n, GOOD("g-03")); /* line 25 */

	FILE *in = fmemopen(all, part1 + 1 + part2 + n + strlen(GOOD("g-03")),
	                    "r");
	size_t mlen;
	FILE *err = open_memstream(&msgs, &mlen);
	struct archive_import_opts opt = {0, err, ""};
	CHECK_INT(archive_import(st, in, &opt, &s), STORE_OK);
	fclose(in);
	fclose(err);

	CHECK_INT(s.lines, 25);
	CHECK_INT(s.added, 4); /* g-01, g-02, g-03, art-a */
	CHECK_INT(s.rejected, 21);
	CHECK(has_msg(msgs, 2, "malformed JSON"));
	CHECK(has_msg(msgs, 3, "must be a JSON object"));
	CHECK(has_msg(msgs, 4, "missing required field \"title\""));
	CHECK(has_msg(msgs, 5, "\"title\" must be a string"));
	CHECK(has_msg(msgs, 6, "\"kind\" must be"));
	CHECK(has_msg(msgs, 7, "not valid UTF-8"));
	CHECK(has_msg(msgs, 8, "not an ISO 8601 date"));
	CHECK(has_msg(msgs, 9, "age_band"));
	CHECK(has_msg(msgs, 10, "asker.sex"));
	CHECK(has_msg(msgs, 11,
	              "duplicate external_id \"g-01\" (first on "
	              "line 1)"));
	CHECK(has_msg(msgs, 12, "lacks its \"body\""));
	CHECK(has_msg(msgs, 13, "topics[]"));
	CHECK(has_msg(msgs, 14, "malformed JSON"));
	CHECK(has_msg(msgs, 15, "at most one answer"));
	CHECK(has_msg(msgs, 16, "BCP 47"));
	CHECK(has_msg(msgs, 17, "must not be empty"));
	CHECK(has_msg(msgs, 19, "slug 's' belongs to another article"));
	CHECK(has_msg(msgs, 20, "malformed JSON"));
	CHECK(has_msg(msgs, 21, "not a question status"));
	CHECK(has_msg(msgs, 22, "must be a JSON object"));
	CHECK(has_msg(msgs, 24, "longer than"));
	CHECK(!has_msg(msgs, 1, ""));
	CHECK(!has_msg(msgs, 23, ""));
	CHECK(!has_msg(msgs, 25, ""));

	/* Nothing of a rejected record is stored: no question, no
	 * department or topic it named, no changelog row. */
	CHECK_INT(store_counts(st, &c), STORE_OK);
	CHECK_INT(c.faq, 3);
	CHECK_INT(c.articles, 1);
	CHECK_INT(c.questions, 0);
	CHECK_INT(c.departments, 0);
	CHECK_INT(c.topics, 1); /* Good Topic */
	CHECK_INT(c.changes, 3 + 1 + 1);
	CHECK_INT(store_department_by_slug(st, a, "never-made", &d),
	          STORE_NOTFOUND);
	free(msgs);
	free(big);
	free(all);
	arena_free(a);
	store_close(st);
}

static void test_warnings(void)
{
	struct store *st = fresh("w.db");
	struct archive_stats s;
	char *msgs;
	const char *text =
	        "{\"external_id\": \"w\", \"kind\": \"qa\", \"title\": \"t\", "
	        "\"question\": \"q\", \"asker\": {\"nickname\": \"n\", "
	        "\"email\": \"secret\"}, \"source\": {\"name\": \"S\", "
	        "\"licence\": \"x\"}}\n";

	CHECK_INT(import_text(st, text, 0, &s, &msgs), STORE_OK);
	CHECK_INT(s.added, 1);
	CHECK_INT(s.warnings, 1);
	CHECK(has_msg(msgs, 1, "warning: ignored unknown field asker.email"));
	CHECK(has_msg(msgs, 1,
	              "warning: ignored unknown field source.licence"));
	free(msgs);
	store_close(st);
}

/* A stream that fails after `left` bytes, as a dying disk or pipe. */
struct failing {
	const char *p;
	size_t left;
};

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
	struct failing *f = cookie;
	size_t n = size < f->left ? size : f->left;

	if (!n)
		return -1;
	memcpy(buf, f->p, n);
	f->p += n;
	f->left -= n;
	return (ssize_t)n;
}

static void test_failure_keeps_batches(void)
{
	struct store *st = fresh("fail.db");
	const char *text = GOOD("f-1") GOOD("f-2") GOOD("f-3") GOOD("f-4")
	        GOOD("f-5") GOOD("f-6");
	size_t five = 0;
	struct failing fc;
	cookie_io_functions_t io = {failing_read, NULL, NULL, NULL};
	struct archive_import_opts opt = {2, stderr, ""};
	struct archive_stats s;
	struct store_counts c;
	FILE *in;

	/* Fail in the middle of line 6: lines 1-4 are two committed
	 * batches, line 5 is in the open batch and rolled back. */
	for (int i = 0; i < 5; i++)
		five += strlen(GOOD("f-1"));
	fc.p = text;
	fc.left = five + 10;
	in = fopencookie(&fc, "r", io);
	CHECK_INT(archive_import(st, in, &opt, &s), STORE_ERROR);
	fclose(in);
	CHECK_INT(s.added, 4);
	CHECK_INT(store_counts(st, &c), STORE_OK);
	CHECK_INT(c.faq, 4);
	store_close(st);
}

static void test_parse_format_unit(void)
{
	struct arena *a = arena_new();
	struct archive_record rec;
	struct buf b = BUF_INIT;
	char err[256];
	const char *dates_ok[] = {"2006-08-25", "2024-02-29",
	                          "2006-08-25T10:00", "2006-08-25T10:00:59Z",
	                          "2006-08-25T10:00:00.125+08:00"};
	const char *dates_bad[] = {"2006-8-25",          "2023-02-29",
	                           "2006-08-25T24:00",   "2006-08-25 10:00",
	                           "2006-08-25T10:00+8", "yesterday"};

	for (size_t i = 0; i < ARRAY_SIZE(dates_ok); i++) {
		char line[256];

		snprintf(line, sizeof(line),
		         "{\"external_id\": \"d\", \"kind\": \"qa\", "
		         "\"title\": \"t\", \"question\": \"q\", "
		         "\"asked_at\": \"%s\"}",
		         dates_ok[i]);
		CHECK_INT(archive_parse(a, line, strlen(line), &rec, err,
		                        sizeof(err)),
		          0);
		CHECK_STR(rec.qa.asked_at, dates_ok[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(dates_bad); i++) {
		char line[256];

		snprintf(line, sizeof(line),
		         "{\"external_id\": \"d\", \"kind\": \"qa\", "
		         "\"title\": \"t\", \"question\": \"q\", "
		         "\"asked_at\": \"%s\"}",
		         dates_bad[i]);
		CHECK_INT(archive_parse(a, line, strlen(line), &rec, err,
		                        sizeof(err)),
		          -1);
	}
	/* Every canonical line formats back to itself. */
	for (size_t i = 0; i < ARRAY_SIZE(canonical); i++) {
		struct store_record view;

		CHECK_INT(archive_parse(a, canonical[i], strlen(canonical[i]),
		                        &rec, err, sizeof(err)),
		          0);
		view = archive_record_view(&rec);
		buf_clear(&b);
		archive_format(&b, &view);
		if (rec.kind != STORE_KIND_ARTICLE || rec.article.slug)
			CHECK_STR(b.p, canonical[i]);
	}
	buf_free(&b);
	arena_free(a);
}

int main(void)
{
	const char *dbs[] = {"r1.db", "r2.db", "c.db", "i.db",
	                     "dl.db", "b.db",  "w.db", "fail.db"};

	snprintf(dir, sizeof(dir), "/tmp/askdoc-test-archive-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_parse_format_unit);
	RUN(test_round_trip);
	RUN(test_canonical_form);
	RUN(test_idempotent);
	RUN(test_doctor_link);
	RUN(test_bad_lines);
	RUN(test_warnings);
	RUN(test_failure_keeps_batches);
	for (size_t i = 0; i < ARRAY_SIZE(dbs); i++)
		remove_db(tmp_path(dbs[i]));
	if (rmdir(dir) != 0)
		perror(dir);
	return test_summary();
}
