/* tests/unit/test_i18n.c: language negotiation, catalogs and ICU
 * formatting (i18n/i18n.h). */
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "util/arena.h"

static struct i18n in;

static int tag(const char *cookie, const char *query, const char *accept)
{
	return i18n_negotiate(&in, cookie, query, accept);
}

#define LANG(c, q, h, want) CHECK_STR(in.tag[tag(c, q, h)], want)

static void test_negotiate(void)
{
	/* The explicit choice, then the link, then the browser. */
	LANG("vi", "zh-CN", "zh-TW", "vi");
	LANG(NULL, "zh-CN", "zh-TW", "zh-CN");
	LANG("xx", "zh_cn", "vi", "zh-CN");
	LANG("xx", "xx", "vi,en;q=0.5", "vi");
	LANG(NULL, NULL, "vi-VN", "vi");
	LANG(NULL, NULL, "zh-TW,zh;q=0.9,en;q=0.8", "zh-TW");
	LANG(NULL, NULL, "zh-Hant", "zh-TW");
	LANG(NULL, NULL, "zh-HK,en;q=0.5", "zh-TW");
	LANG(NULL, NULL, "zh-Hans-CN", "zh-CN");
	LANG(NULL, NULL, "zh", "zh-CN");
	LANG(NULL, NULL, "en-GB,en;q=0.9", "en");
	LANG(NULL, NULL, "fr-FR,vi;q=0.4", "vi");
	/* Nothing offered: the default (zh-TW for this site). */
	LANG(NULL, NULL, "fr-FR, de", "zh-TW");
	LANG(NULL, NULL, "", "zh-TW");
	LANG(NULL, NULL, NULL, "zh-TW");
	LANG(NULL, NULL, ";;;q=,,,", "zh-TW");
	CHECK_INT(i18n_find(&in, "ZH-tw"), 1);
	CHECK_INT(i18n_find(&in, "zh"), -1);
	CHECK_INT(i18n_find(&in, "en\"><script>"), -1);
}

static void test_init_errors(void)
{
	struct i18n x;
	char *err = NULL;

	CHECK_INT(i18n_init(&x, "en,fr", "en", "UTC", NULL, &err), -1);
	CHECK(err && strstr(err, "no message catalog for fr"));
	free(err);
	err = NULL;
	CHECK_INT(i18n_init(&x, "en,vi", "zh-TW", "UTC", NULL, &err), -1);
	CHECK(err && strstr(err, "--default-language"));
	free(err);
	err = NULL;
	CHECK_INT(i18n_init(&x, "en", "en", "Mars/Olympus", NULL, &err), -1);
	CHECK(err && strstr(err, "--timezone"));
	free(err);
	err = NULL;
	CHECK_INT(i18n_init(&x, "en,en", "en", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "twice"));
	free(err);
}

static void test_format(void)
{
	struct arena *a = arena_new();
	const char *views = "{n, plural, one {# view} other {# views}}";
	struct i18n_arg one[] = {I18N_NUM("n", 1)};
	struct i18n_arg many[] = {I18N_NUM("n", 1234)};
	int en = i18n_find(&in, "en"), vi = i18n_find(&in, "vi");
	int tw = i18n_find(&in, "zh-TW");

	CHECK_STR(i18n_format_pattern(&in, en, a, views, one, 1), "1 view");
	CHECK_STR(i18n_format_pattern(&in, en, a, views, many, 1),
	          "1,234 views");
	CHECK_STR(i18n_format_pattern(&in, vi, a,
	                              "{n, plural, other {# lượt xem}}", many,
	                              1),
	          "1.234 lượt xem");
	/* A bare number argument is formatted as a number. */
	CHECK_STR(i18n_format_pattern(&in, en, a, "at most {n} characters",
	                              many, 1),
	          "at most 1,234 characters");
	/* Strings go in as text, whatever they hold; select picks. */
	struct i18n_arg asker[] = {I18N_STR("age", "30~39"),
	                           I18N_STR("sex", "female"),
	                           I18N_STR("nick", "o'neil {x} #1")};
	CHECK_STR(i18n_format_pattern(&in, tw, a,
	                              "{age}歲{sex, select, female {女性} "
	                              "male {男性} other {}}",
	                              asker, 3),
	          "30~39歲女性");
	CHECK_STR(i18n_format_pattern(&in, en, a,
	                              "{nick}, {age} year old {sex, select, "
	                              "female {female} male {male} other {}}",
	                              asker, 3),
	          "o'neil {x} #1, 30~39 year old female");
	/* A string where the pattern wants a number: no crash, other. */
	CHECK_STR(i18n_format_pattern(&in, en, a, views, asker, 1), "# views");
	/* Missing arguments are empty; plain text and quotes are kept. */
	CHECK_STR(i18n_format_pattern(&in, en, a, "a {missing}b", NULL, 0),
	          "a b");
	CHECK_STR(
	        i18n_format_pattern(&in, en, a, "the doctor's '{'n'}'", one, 1),
	        "the doctor's {n}");
	/* A broken pattern comes back as it is. */
	CHECK_STR(
	        i18n_format_pattern(&in, en, a, "{n, plural, one {x}", one, 1),
	        "{n, plural, one {x}");
	arena_free(a);
}

static void test_dates_numbers(void)
{
	struct arena *a = arena_new();
	time_t t = i18n_parse_iso("2006-08-25T20:30:00Z");
	int en = i18n_find(&in, "en"), vi = i18n_find(&in, "vi");

	CHECK(t > 0);
	CHECK_INT((long long)i18n_parse_iso("2006-08-25"), 1156464000);
	CHECK_INT((long long)i18n_parse_iso("25/08/2006"), -1);
	CHECK_INT((long long)i18n_parse_iso(NULL), -1);
	/* Asia/Taipei is UTC+8: the 25th at 20:30 UTC is the 26th there. */
	CHECK_STR(i18n_date(&in, en, a, t, "date_pattern"), "2006/08/26");
	CHECK_STR(i18n_number(&in, en, a, 1234567), "1,234,567");
	CHECK_STR(i18n_number(&in, vi, a, 1234567), "1.234.567");
	/* Long dates, in the site's zone, in each language's own form. */
	CHECK_STR(i18n_date_long(&in, en, a, t), "August 26, 2006");
	CHECK_STR(i18n_date_long(&in, i18n_find(&in, "zh-TW"), a, t),
	          "2006年8月26日");
	CHECK_STR(i18n_date_long(&in, i18n_find(&in, "zh-CN"), a, t),
	          "2006年8月26日");
	CHECK_STR(i18n_date_long(&in, vi, a, t), "26 tháng 8, 2006");
	arena_free(a);
}

static void test_lists(void)
{
	struct arena *a = arena_new();
	const char *two[] = {"Dr. Lin", "Cardiology"};
	const char *zh[] = {"林醫師", "心臟內科"};

	CHECK_STR(i18n_list_join(&in, i18n_find(&in, "en"), a, two, 2),
	          "Dr. Lin, Cardiology");
	CHECK_STR(i18n_list_join(&in, i18n_find(&in, "vi"), a, two, 2),
	          "Dr. Lin, Cardiology");
	CHECK_STR(i18n_list_join(&in, i18n_find(&in, "zh-TW"), a, zh, 2),
	          "林醫師、心臟內科");
	CHECK_STR(i18n_list_join(&in, i18n_find(&in, "zh-CN"), a, zh, 2),
	          "林醫師、心臟內科");
	CHECK_STR(i18n_list_join(&in, 0, a, zh, 1), "林醫師");
	CHECK_STR(i18n_list_join(&in, 0, a, zh, 0), "");
	arena_free(a);
}

/* Write text to dir/name. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A catalog text ICU cannot read stops the start, naming the catalog and
 * the key, whether it is a top-level text or one of an object's. */
static void test_broken_patterns(void)
{
	char dir[] = "/tmp/test_i18n.XXXXXX", path[600];
	struct i18n x;
	char *err = NULL;

	CHECK(mkdtemp(dir) != NULL);
	put_file(dir, "messages.vi.json",
	         "{\"qa_views\": \"{n, plural, other {# lượt xem}\"}");
	CHECK_INT(i18n_init(&x, "en,vi", "en", NULL, dir, &err), -1);
	CHECK(err && strstr(err, "messages.vi.json: qa_views: not a "
	                         "MessageFormat pattern ICU can read"));
	free(err);
	err = NULL;
	/* A select without "other" is refused too. */
	put_file(dir, "messages.vi.json",
	         "{\"audit_actions\": {\"x\": \"{a, select, b {c}}\"}}");
	CHECK_INT(i18n_init(&x, "en,vi", "en", NULL, dir, &err), -1);
	CHECK(err && strstr(err, "messages.vi.json: audit_actions.x: "));
	free(err);
	err = NULL;
	/* And in English, which every language falls back to. */
	put_file(dir, "messages.vi.json", "{}");
	put_file(dir, "messages.json", "{\"nav_home\": \"Home {\"}");
	CHECK_INT(i18n_init(&x, "en,vi", "en", NULL, dir, &err), -1);
	CHECK(err && strstr(err, "messages.json: nav_home: "));
	free(err);
	err = NULL;
	/* Sound texts load. */
	put_file(dir, "messages.json", "{\"nav_home\": \"Start '{'\"}");
	CHECK_INT(i18n_init(&x, "en,vi", "en", NULL, dir, &err), 0);
	i18n_free(&x);
	snprintf(path, sizeof(path), "%s/messages.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/messages.vi.json", dir);
	unlink(path);
	rmdir(dir);
}

/* The pseudo-locale en-XA: English with every text in markers. */
static void test_pseudo_locale(void)
{
	struct i18n x;
	struct arena *a = arena_new();
	struct i18n_arg two[] = {I18N_NUM("n", 2)};
	char *err = NULL;
	int ps;

	CHECK_INT(i18n_init(&x, "en,en-XA", "en", NULL, NULL, &err), 0);
	ps = i18n_find(&x, "en-XA");
	CHECK_INT(ps, 1);
	CHECK_STR(i18n_msg(&x, ps, "nav_home"), "⟦Home⟧");
	CHECK_STR(i18n_msg(&x, 0, "nav_home"), "Home");
	CHECK_STR(i18n_format(&x, ps, a, "qa_views", two, 1), "⟦2 views⟧");
	CHECK(strncmp(i18n_date(&x, ps, a, 1156464000, "date_pattern"),
	              "⟦2006/08/25⟧", 16) == 0);
	i18n_free(&x);
	arena_free(a);
	/* Only that tag is made up: others still need a catalog. */
	CHECK_INT(i18n_init(&x, "en,en-XB", "en", NULL, NULL, &err), -1);
	free(err);
}

int main(void)
{
	char *err = NULL;

	if (i18n_init(&in, "en, zh-TW,zh-CN ,vi", "zh-TW", "Asia/Taipei", NULL,
	              &err) < 0) {
		fprintf(stderr, "i18n_init: %s\n", err);
		return 1;
	}
	RUN(test_negotiate);
	RUN(test_init_errors);
	RUN(test_format);
	RUN(test_dates_numbers);
	RUN(test_lists);
	RUN(test_broken_patterns);
	RUN(test_pseudo_locale);
	i18n_free(&in);
	return test_summary();
}
