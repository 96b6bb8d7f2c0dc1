/* tests/unit/test_fuzz_regressions.c: replays the fuzzers' saved inputs
 * through the fuzz targets' own entry points.
 *
 * Every fuzz/fuzz_NAME.c is included here with FUZZ_NO_MAIN (no libFuzzer
 * entry) and FUZZ_FAIL counting a failed check instead of aborting. Each
 * target gets every file of tests/data/fuzz/NAME/ (inputs that once broke
 * it, kept after the fix), every seed of fuzz/seeds/NAME/ and a few
 * built-in edge inputs, so the test calls the parsers even when no crash
 * input is saved. A replayed input passes when the target returns without
 * breaking an invariant (and, under SAN=1, without a sanitizer report).
 * Run from the repository root, as tests/run.sh does.
 */
#include "test.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>

static const char *replay_input = "";

#define FUZZ_NO_MAIN
#define FUZZ_FAIL(what)                                                        \
	do {                                                                   \
		test_failed++;                                                 \
		fprintf(stderr, "FAIL %s:%d on input %s: %s\n", __FILE__,      \
		        __LINE__, replay_input, what);                         \
	} while (0)

#include "../../fuzz/fuzz_analyze.c"
#include "../../fuzz/fuzz_archive.c"
#include "../../fuzz/fuzz_http_headers.c"
#include "../../fuzz/fuzz_http_multipart.c"
#include "../../fuzz/fuzz_http_query.c"
#include "../../fuzz/fuzz_markdown.c"
#include "../../fuzz/fuzz_pii.c"
#include "../../fuzz/fuzz_redflag.c"
#include "../../fuzz/fuzz_tmpl.c"

struct replay_target {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
};

static const struct replay_target targets[] = {
        {"analyze", fuzz_analyze},
        {"archive", fuzz_archive},
        {"http_headers", fuzz_http_headers},
        {"http_multipart", fuzz_http_multipart},
        {"http_query", fuzz_http_query},
        {"markdown", fuzz_markdown},
        {"pii", fuzz_pii},
        {"redflag", fuzz_redflag},
        {"tmpl", fuzz_tmpl},
};

/* Edge inputs every target gets: empty, a NUL, bad UTF-8, lone syntax. */
static const struct {
	const char *p;
	size_t n;
} edges[] = {
        {"", 0},
        {"\0", 1},
        {"\xff\xfe\xc0\xaf\xed\xa0\x80", 7},
        {"%", 1},
        {"{{", 2},
        {"{\"kind\":\"qa\"", 12},
        {"\n\r\n--", 5},
        {"[x](javascript:alert(1))", 24},
};

/* Read a whole file into a malloc'd buffer; returns NULL on failure. */
static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t cap = 0, len = 0, got;

	if (!f)
		return NULL;
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			p = realloc(p, cap);
			if (!p)
				abort();
		}
		got = fread(p + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	*n = len;
	return p;
}

/* Replay every file of dir through t; returns how many were replayed. */
static int replay_dir(const struct replay_target *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		uint8_t *data;
		size_t size;
		int before = test_failed;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		data = slurp(path, &size);
		if (!data)
			continue;
		replay_input = path;
		t->fn(data, size);
		if (test_failed == before)
			test_passed++;
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static void test_replay(void)
{
	for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
		const struct replay_target *t = &targets[i];
		char dir[256];
		int n;

		test_current = t->name;
		snprintf(dir, sizeof dir, "tests/data/fuzz/%s", t->name);
		n = replay_dir(t, dir);
		snprintf(dir, sizeof dir, "fuzz/seeds/%s", t->name);
		n += replay_dir(t, dir);
		/* The seeds are part of the repository: a target without
		 * any means the test ran from the wrong directory. */
		CHECK(n > 0);
		for (size_t j = 0; j < sizeof edges / sizeof *edges; j++) {
			int before = test_failed;
			uint8_t *copy = malloc(edges[j].n ? edges[j].n : 1);

			/* An exact-size heap copy, so that ASan sees any
			 * read past the input as it does under libFuzzer. */
			memcpy(copy, edges[j].p, edges[j].n);
			replay_input = "(built-in edge input)";
			t->fn(copy, edges[j].n);
			if (test_failed == before)
				test_passed++;
			free(copy);
		}
	}
}

/* Found by fuzz_archive: a field value with a newline (here a bad
 * language tag) was quoted into the "one-line" reason as is, splitting the
 * importer's per-line report. */
static void test_archive_error_is_one_line(void)
{
	static const char line[] =
	        "{\"external_id\": \"x-1\", \"kind\": \"faq\", \"title\": "
	        "\"t\", \"question\": \"q\", \"language\": \"zh-H\\nt\"}";
	struct arena *a = arena_new();
	struct archive_record rec;
	char err[160];

	CHECK_INT(
	        archive_parse(a, line, sizeof line - 1, &rec, err, sizeof err),
	        -1);
	CHECK(strstr(err, "language") != NULL);
	CHECK(strchr(err, '\n') == NULL);
	arena_free(a);
}

/* Found by fuzz_tmpl: with delimiters whose closing one is a sigil
 * ({{=<% >=}}), the tag "<%>" closed on its own sigil and its name had a
 * negative length, read far past the template. */
static void test_tmpl_sigil_as_closing_delimiter(void)
{
	static const char ok[] = "{{=<% >=}}[<%>p>]";
	static const char empty[] = "{{=<% >=}}<%>>";
	static const char bad[] = "{{=<% >=}}<%>t}}";
	struct tmpl_set *set = tmpl_set_new();
	struct buf out = BUF_INIT;
	char *err = NULL;

	CHECK_INT(tmpl_set_add(set, "p", "partial", 7, NULL), 0);
	CHECK_INT(tmpl_set_add(set, "ok", ok, sizeof ok - 1, NULL), 0);
	CHECK_INT(tmpl_render(set, "ok", NULL, &out), 0);
	CHECK_STR(out.p, "[partial]");
	CHECK_INT(tmpl_set_add(set, "empty", empty, sizeof empty - 1, &err),
	          TMPL_ESYNTAX);
	CHECK(err && strstr(err, "empty tag name"));
	free(err);
	err = NULL;
	CHECK_INT(tmpl_set_add(set, "bad", bad, sizeof bad - 1, &err),
	          TMPL_ESYNTAX);
	free(err);
	buf_free(&out);
	tmpl_set_free(set);
}

/* Found by fuzz_analyze: a word too long to index with a CJK rule status
 * (ICU keeps "____...ッッ" together as a kana word; 66 bytes) was dropped,
 * but its character bigrams were still emitted as variants, so they
 * attached to the word before it ("x") and took its position. */
static void test_analyze_dropped_word_has_no_bigrams(void)
{
	struct search_analyzer *an = search_analyzer_new("english");
	struct arena *a = arena_new();
	struct search_tokens toks;
	char text[256] = "x ";

	for (int i = 0; i < 60; i++)
		strcat(text, "_");
	strcat(text, "\xe3\x83\x83\xe3\x83\x83 liver"); /* ッッ liver */
	search_analyze(an, a, text, strlen(text), &toks);
	CHECK_INT(toks.n, 2);
	for (size_t i = 0; i < toks.n; i++)
		CHECK(!(toks.v[i].flags & SEARCH_TOK_VARIANT));
	CHECK(toks.n == 2 && strcmp(toks.v[1].term, "liver") == 0 &&
	      toks.v[1].pos == 1);
	/* A short run keeps its token and its bigrams at its position. */
	search_analyze(an, a,
	               "\xe8\x82\x9d\xe7\x99\x8c\xe5\xbe\xa9\xe7\x99\xbc", 12,
	               &toks);
	CHECK(toks.n > 1 && !(toks.v[0].flags & SEARCH_TOK_VARIANT));
	for (size_t i = 1; i < toks.n; i++)
		CHECK(!(toks.v[i].flags & SEARCH_TOK_VARIANT) ||
		      toks.v[i].pos == toks.v[i - 1].pos);
	arena_free(a);
	search_analyzer_free(an);
}

int main(void)
{
	RUN(test_analyze_dropped_word_has_no_bigrams);
	RUN(test_tmpl_sigil_as_closing_delimiter);
	RUN(test_archive_error_is_one_line);
	RUN(test_replay);
	return test_summary();
}
