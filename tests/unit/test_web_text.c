/* tests/unit/test_web_text.c: Markdown safety, excerpts, paragraphs, dates,
 * slugs; the names of page functions' error codes. */
#include "test.h"

#include "util/arena.h"
#include "http/parse.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "web/text.h"
#include "web/web.h"

static void test_markdown_is_safe(void)
{
	struct arena *a = arena_new();
	char *h;

	h = text_markdown(a, "**bold** and <script>alert(1)</script>");
	CHECK(strstr(h, "<strong>bold</strong>") != NULL);
	CHECK(strstr(h, "<script>") == NULL);
	h = text_markdown(
	        a, "[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
	CHECK(strstr(h, "javascript:") == NULL);
	CHECK(strstr(h, "onerror") == NULL);
	h = text_markdown(a, "[ok](https://example.org/a?b=1&c=2)");
	CHECK(strstr(h, "href=\"https://example.org/a?b=1&amp;c=2\"") != NULL);
	CHECK_STR(text_markdown(a, NULL), "");
	h = text_markdown(a, "bad \xff utf8");
	CHECK(h != NULL);
	arena_free(a);
}

static void test_excerpt(void)
{
	struct arena *a = arena_new();

	CHECK_STR(text_excerpt(a, "short text", 200), "short text");
	CHECK_STR(text_excerpt(a, "  many   spaces\n\nhere ", 200),
	          "many spaces here");
	CHECK_STR(text_excerpt(a, "one two three four five", 12), "one two...");
	/* Never cut inside a UTF-8 sequence (each CJK char is 3 bytes). */
	CHECK_STR(text_excerpt(a, "肝癌復發怎麼辦", 7), "肝癌...");
	CHECK_STR(text_excerpt(a, NULL, 10), "");
	CHECK_STR(text_excerpt(a, "truncated \xe8\x82", 200),
	          "truncated \xe8\x82");
	arena_free(a);
}

static void test_paragraphs(void)
{
	struct arena *a = arena_new();
	char **p;
	size_t n;

	n = text_paragraphs(a, "first line\nsame para\n\n  \nsecond\r\n", &p);
	CHECK_INT(n, 2);
	CHECK_STR(p[0], "first line same para");
	CHECK_STR(p[1], "second");
	CHECK_INT(text_paragraphs(a, "", &p), 0);
	CHECK_INT(text_paragraphs(a, "\n\n\n", &p), 0);
	arena_free(a);
}

static void test_date_and_slug(void)
{
	struct arena *a = arena_new();

	CHECK_STR(text_date(a, "2006-08-25"), "2006/08/25");
	CHECK_STR(text_date(a, "2006-08-25T10:00:00Z"), "2006/08/25");
	CHECK_STR(text_iso_time(a, 0), "1970-01-01T00:00:00Z");
	CHECK_STR(text_iso_time(a, 1700000000), "2023-11-14T22:13:20Z");
	CHECK_STR(text_date(a, "soon"), "soon");
	CHECK_STR(text_date(a, NULL), "");
	CHECK_STR(text_slug(a, "Gastroenterology and Hepatology"),
	          "gastroenterology-and-hepatology");
	CHECK_STR(text_slug(a, "  Liver Cancer (HCC) "), "liver-cancer-hcc");
	CHECK_STR(text_slug(a, "肝癌"), "肝癌");
	CHECK_STR(text_slug(a, "!!!"), "-");
	arena_free(a);
}

static void test_markdown_plain(void)
{
	struct arena *a = arena_new();

	CHECK_STR(text_excerpt(
	                  a,
	                  text_markdown_plain(
	                          a, "**Stop** now.\n\n- one\n- two & 3 < 4"),
	                  200),
	          "Stop now. one two & 3 < 4");
	CHECK_STR(text_markdown_plain(a, ""), "");
	arena_free(a);
}

static void test_title(void)
{
	struct arena *a = arena_new();

	CHECK_STR(text_title(a, "What is (are) Liver Cancer ?"),
	          "Liver Cancer");
	CHECK_STR(text_title(a, "What is (are) Liver Cancer?"), "Liver Cancer");
	CHECK_STR(text_title(a, "What causes Gout ?"), "What causes Gout?");
	CHECK_STR(text_title(a, "What are the treatments for Gout  ? "),
	          "What are the treatments for Gout?");
	CHECK_STR(text_title(a, "Is it a hernia?"), "Is it a hernia?");
	CHECK_STR(text_title(a, "孩子發燒要吃藥嗎？"), "孩子發燒要吃藥嗎？");
	/* Nothing after the boilerplate: left as it is. */
	CHECK_STR(text_title(a, "What is (are) ?"), "What is (are)?");
	CHECK_STR(text_title(a, " ?"), "?");
	CHECK_STR(text_title(a, NULL), "");
	arena_free(a);
}

/* Each module's codes have their own range, so the server's log names
 * the error a page function returned. */
static void test_error_names(void)
{
	CHECK_STR(web_strerror(STORE_NOTFOUND), "not found");
	CHECK_STR(web_strerror(STORE_BUSY), "database busy");
	CHECK_STR(web_strerror(TMPL_ESYNTAX), "template does not parse");
	CHECK_STR(web_strerror(TMPL_ENOENT), "no such template");
	CHECK_STR(web_strerror(HTTP_EESCAPE), "invalid percent-encoding");
	CHECK_STR(web_strerror(HTTP_ESYS), "system error");
	CHECK_STR(web_strerror(-150), "unknown error");
	CHECK((int)STORE_NOTFOUND != (int)TMPL_ESYNTAX &&
	      (int)TMPL_ESYNTAX != (int)HTTP_EESCAPE);
	/* The web layer's own codes, never a store's -1. */
	CHECK_STR(web_strerror(WEB_EBADID), "not an id");
	CHECK_STR(web_strerror(WEB_EMAILTEXT),
	          "mail template without a subject");
	CHECK_STR(web_strerror(WEB_ESETUP), "setup failed");
	CHECK_STR(web_strerror(WEB_EINTAKE), "intake form definition refused");
	CHECK_STR(web_strerror(-499), "unknown error");
	int64_t id = 7;
	CHECK_INT(web_parse_id("12", &id), 0);
	CHECK_INT(id, 12);
	CHECK_INT(web_parse_id("012", &id), WEB_EBADID);
	CHECK_INT(web_parse_id("-3", &id), WEB_EBADID);
	CHECK_INT(web_parse_id(NULL, &id), WEB_EBADID);
	CHECK_INT(id, 12);
}

int main(void)
{
	RUN(test_error_names);
	RUN(test_markdown_plain);
	RUN(test_markdown_is_safe);
	RUN(test_excerpt);
	RUN(test_paragraphs);
	RUN(test_date_and_slug);
	RUN(test_title);
	return test_summary();
}
