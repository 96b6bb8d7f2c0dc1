/* tests/unit/test_search_analyze.c: the analyzer: English, Chinese,
 * Vietnamese, bad UTF-8, empty and very long input, threads. */
#include "test.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "search/analyze.h"
#include "util/arena.h"
#include "util/buf.h"

static struct search_analyzer *an;

/* The primary (non-variant) terms of text joined by spaces, stop words
 * in brackets. */
static const char *terms(struct arena *a, const char *text)
{
	struct search_tokens t;
	struct buf b = BUF_INIT;
	const char *r;

	search_analyze(an, a, text, strlen(text), &t);
	for (size_t i = 0; i < t.n; i++) {
		if (t.v[i].flags & SEARCH_TOK_VARIANT)
			continue;
		if (b.len)
			buf_putc(&b, ' ');
		if (t.v[i].flags & SEARCH_TOK_STOP)
			buf_printf(&b, "[%s]", t.v[i].term);
		else
			buf_puts(&b, t.v[i].term);
	}
	r = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return r;
}

static int has_term(struct arena *a, const char *text, const char *term,
                    unsigned flags)
{
	struct search_tokens t;

	search_analyze(an, a, text, strlen(text), &t);
	for (size_t i = 0; i < t.n; i++)
		if (!strcmp(t.v[i].term, term) &&
		    (t.v[i].flags & flags) == flags)
			return 1;
	return 0;
}

static void test_english(void)
{
	struct arena *a = arena_new();
	struct search_tokens t;
	const char *text = "What are the Treatments of Beckwith-Wiedemann "
	                   "syndrome? Adult Still's disease, 20 mg";

	CHECK_STR(terms(a, text), "[what] [are] [the] treatment [of] "
	                          "beckwith wiedemann syndrom adult still "
	                          "diseas 20 mg");
	/* Offsets point back into the input. */
	search_analyze(an, a, text, strlen(text), &t);
	CHECK(t.n > 5);
	CHECK_INT(t.v[3].start, 13);
	CHECK(!strncmp(text + t.v[3].start, "Treatments", 10));
	CHECK_INT(t.v[3].end - t.v[3].start, 10);
	CHECK(t.v[0].flags & SEARCH_TOK_STOP);
	/* NFKC case folding: full-width letters and ligatures. */
	CHECK_STR(terms(a, "\xef\xbc\xa8\xef\xbc\xa3\xef\xbc\xa3"), "hcc");
	CHECK_STR(terms(a, "HEPATITIS"), "hepat");
	CHECK_STR(terms(a, "hepatitis"), "hepat");
	CHECK(has_term(a, "20 mg", "20", SEARCH_TOK_NUM));
	arena_free(a);
}

static void test_chinese(void)
{
	struct arena *a = arena_new();
	const char *text = "我有高血压，可以吃党参吗？";

	/* Dictionary segmentation finds the word, not single characters. */
	CHECK(has_term(a, text, "高血压", SEARCH_TOK_CJK));
	CHECK(has_term(a, text, "党参", SEARCH_TOK_CJK));
	CHECK(has_term(a, text, "吗", SEARCH_TOK_STOP));
	/* Character bigrams are emitted as variants for recall. */
	CHECK(has_term(a, text, "血压", SEARCH_TOK_VARIANT));
	CHECK(!has_term(a, text, "，", 0));
	arena_free(a);
}

/* Simplified and Traditional Chinese give the same terms, at the same
 * byte offsets of the text as written. */
static void test_chinese_scripts(void)
{
	struct arena *a = arena_new();
	struct search_tokens t;
	const char *trad = "孩子發燒，要打干擾素嗎";

	CHECK_STR(terms(a, "發燒"), terms(a, "发烧"));
	CHECK_STR(terms(a, "干擾素"), terms(a, "干扰素"));
	CHECK_STR(terms(a, "頭髮"), terms(a, "头发"));
	CHECK_STR(terms(a, trad), terms(a, "孩子发烧，要打干扰素吗"));
	/* The question particle is a stop word in both scripts. */
	CHECK(has_term(a, trad, "吗", SEARCH_TOK_STOP));
	search_analyze(an, a, trad, strlen(trad), &t);
	CHECK(t.n > 0);
	CHECK(!strncmp(trad + t.v[0].start, "孩子", t.v[0].end - t.v[0].start));
	arena_free(a);
}

static void test_vietnamese(void)
{
	struct arena *a = arena_new();
	char out[64];
	size_t n;

	CHECK_STR(terms(a, "Bệnh viêm gan B"), "bệnh viêm gan b");
	/* The folded form is an extra term at the same position. */
	CHECK(has_term(a, "Bệnh viêm gan", "benh", SEARCH_TOK_VARIANT));
	CHECK(has_term(a, "Bệnh viêm gan", "viem", SEARCH_TOK_VARIANT));
	CHECK(has_term(a, "Đau đầu", "dau", SEARCH_TOK_VARIANT));
	n = search_fold("việt", strlen("việt"), out, sizeof(out));
	CHECK_INT(n, 4);
	CHECK(!strcmp(out, "viet"));
	CHECK_INT(search_fold("plain", 5, out, sizeof(out)), 0);
	arena_free(a);
}

static void test_language(void)
{
	CHECK_STR(search_language("我最近常常頭痛，應該看哪一科？"), "zh-TW");
	CHECK_STR(search_language("我最近常常头痛，应该看哪一科？"), "zh-CN");
	/* Characters both scripts write alike say only Chinese. */
	CHECK_STR(search_language("中文"), "zh");
	/* A drug's name in Latin letters does not make it English. */
	CHECK_STR(search_language("醫師您好，請問 Tamiflu 要吃幾天？"),
	          "zh-TW");
	CHECK_STR(search_language("Cảm ơn bác sĩ rất nhiều"), "vi");
	CHECK_STR(search_language("Đau đầu"), "vi");
	CHECK_STR(search_language("Thank you, doctor"), "en");
	/* French accents are not Vietnamese letters. */
	CHECK_STR(search_language("Merci, très utile"), "en");
	CHECK(search_language("123 :) !!") == NULL);
	CHECK(search_language("") == NULL);
	CHECK(search_language(NULL) == NULL);
	CHECK_STR(search_language("\xff\xfe"
	                          "abc"),
	          "en");
}

static void test_bad_utf8(void)
{
	struct arena *a = arena_new();
	struct search_tokens t;
	const char bad[] =
	        "\xff\xfe"
	        "abc \xc3 def\xe4\xb8 ghi\xed\xa0\x80 \xf4\x90\x80\x80"
	        "jkl\xc0\xaf";

	search_analyze(an, a, bad, sizeof(bad) - 1, &t);
	CHECK_STR(terms(a, bad), "abc def ghi jkl");
	for (size_t i = 0; i < t.n; i++) {
		CHECK(t.v[i].end <= sizeof(bad) - 1);
		CHECK(t.v[i].start < t.v[i].end);
	}
	/* An embedded NUL is a separator, not the end. */
	search_analyze(an, a, "one\0two", 7, &t);
	CHECK_INT(t.n, 2);
	arena_free(a);
}

static void test_empty_and_long(void)
{
	struct arena *a = arena_new();
	struct search_tokens t;
	struct buf b = BUF_INIT;

	search_analyze(an, a, "", 0, &t);
	CHECK_INT(t.n, 0);
	search_analyze(an, a, NULL, 0, &t);
	CHECK_INT(t.n, 0);
	search_analyze(an, a, " ... !!! ", 9, &t);
	CHECK_INT(t.n, 0);
	for (int i = 0; i < 10000; i++)
		buf_printf(&b, "word%d ", i % 500);
	search_analyze(an, a, b.p, b.len, &t);
	CHECK_INT(t.n, 10000);
	CHECK_INT(t.v[9999].pos, 9999);
	/* An over-long word is dropped, its neighbours kept. */
	buf_clear(&b);
	buf_puts(&b, "short ");
	for (int i = 0; i < 200; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, " end");
	CHECK_STR(terms(a, b.p), "short end");
	buf_free(&b);
	arena_free(a);
}

static void *worker(void *arg)
{
	struct arena *a = arena_new();
	int *ok = arg;

	for (int i = 0; i < 200; i++) {
		const char *r = terms(a, "Treatments for 高血压 and bệnh gan");

		if (strcmp(r, "treatment [for] 高血压 [and] bệnh gan"))
			*ok = 0;
		arena_reset(a);
	}
	arena_free(a);
	return NULL;
}

static void test_threads(void)
{
	pthread_t th[4];
	int ok[4] = {1, 1, 1, 1};

	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, worker, &ok[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < 4; i++)
		CHECK(ok[i]);
}

static void test_stopwords(void)
{
	CHECK(search_is_stopword("the", 3));
	CHECK(search_is_stopword("的", strlen("的")));
	CHECK(!search_is_stopword("liver", 5));
	CHECK(!search_is_stopword("", 0));
}

int main(void)
{
	an = search_analyzer_new(NULL);
	CHECK(an != NULL);
	if (!an)
		return test_summary();
	CHECK(search_analyzer_new("no-such-language") == NULL);
	RUN(test_english);
	RUN(test_chinese);
	RUN(test_chinese_scripts);
	RUN(test_vietnamese);
	RUN(test_language);
	RUN(test_bad_utf8);
	RUN(test_empty_and_long);
	RUN(test_threads);
	RUN(test_stopwords);
	search_analyzer_free(an);
	return test_summary();
}
