/* tests/unit/test_log_metric.c: log record formatting (logfmt and JSON
 * lines), the loggable path, latency histograms and the Prometheus text
 * they write, and the slow-client deadline rule. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http/internal.h"
#include "test.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/metric.h"

/* 2026-01-02T03:04:05.678Z */
static const struct timespec when = {1767323045, 678000000};

static char *record(enum log_format f, enum log_level lv, const char *event,
                    const char *fields)
{
	struct buf b = BUF_INIT;

	log_format_record(&b, f, &when, lv, event, fields);
	return buf_detach(&b, NULL);
}

static void test_text_record(void)
{
	char *s = record(LOG_FORMAT_TEXT, LOG_INFO, "request",
	                 "method=GET path=/qa/1 status=200");
	CHECK_STR(s, "time=2026-01-02T03:04:05.678Z level=info "
	             "event=\"request\" method=GET path=/qa/1 status=200\n");
	free(s);
	/* Quotes in the event are escaped; a newline in the fields cannot
	 * start a forged record. */
	s = record(LOG_FORMAT_TEXT, LOG_WARN, "a \"b\"",
	           "x=1\ntime=forged level=error");
	CHECK_STR(s, "time=2026-01-02T03:04:05.678Z level=warn "
	             "event=\"a \\\"b\\\"\" x=1 time=forged level=error\n");
	CHECK(strchr(s, '\n') == s + strlen(s) - 1);
	free(s);
	s = record(LOG_FORMAT_TEXT, LOG_ERROR, "stopped", NULL);
	CHECK_STR(s, "time=2026-01-02T03:04:05.678Z level=error "
	             "event=\"stopped\"\n");
	free(s);
}

/* Parse a JSON line (exactly one object and its "\n"). */
static json_t *parse_line(const char *s)
{
	size_t n = strlen(s);
	json_error_t err;

	CHECK(n > 0 && s[n - 1] == '\n' && !memchr(s, '\n', n - 1));
	return json_loadb(s, n ? n - 1 : 0, 0, &err);
}

static void test_json_record(void)
{
	char *s = record(LOG_FORMAT_JSON, LOG_INFO, "request",
	                 "method=GET path=/qa/1 route=\"/qa/:id\" status=200 "
	                 "bytes=512 duration_ms=1.250 id=ab12-7 client=::1 "
	                 "aborted=1 seq=007 neg=-3");
	json_t *j = parse_line(s), *v;

	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "time")),
	          "2026-01-02T03:04:05.678Z");
	CHECK_STR(json_string_value(json_object_get(j, "level")), "info");
	CHECK_STR(json_string_value(json_object_get(j, "event")), "request");
	CHECK_STR(json_string_value(json_object_get(j, "method")), "GET");
	CHECK_STR(json_string_value(json_object_get(j, "path")), "/qa/1");
	CHECK_STR(json_string_value(json_object_get(j, "route")), "/qa/:id");
	CHECK_STR(json_string_value(json_object_get(j, "id")), "ab12-7");
	CHECK_STR(json_string_value(json_object_get(j, "client")), "::1");
	CHECK_INT(json_integer_value(json_object_get(j, "status")), 200);
	CHECK_INT(json_integer_value(json_object_get(j, "bytes")), 512);
	CHECK_INT(json_integer_value(json_object_get(j, "neg")), -3);
	v = json_object_get(j, "duration_ms");
	CHECK(json_is_real(v) && json_real_value(v) == 1.25);
	/* A leading zero is not a JSON number: kept as text. */
	CHECK_STR(json_string_value(json_object_get(j, "seq")), "007");
	CHECK_INT(json_integer_value(json_object_get(j, "aborted")), 1);
	json_decref(j);
	free(s);
}

/* Whatever the fields hold, a JSON line parses. */
static void test_json_hostile_fields(void)
{
	static const char *cases[] = {
	        "err=\"a \\\"quoted\\\" word\" n=1",
	        "err=\"unterminated",
	        "=novalue x== bare \"stray\" quote\"",
	        "ctl=\x01\x02\x1f tab=\t",
	        "bad=\xff\xfe utf8=caf\xc3\xa9",
	        "key\"with\\quote=1",
	        "",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *s = record(LOG_FORMAT_JSON, LOG_WARN, "ev\"\n", cases[i]);
		json_t *j = parse_line(s);
		CHECK(j != NULL);
		CHECK_STR(json_string_value(json_object_get(j, "event")),
		          "ev\"\n");
		if (i == 0)
			CHECK_STR(json_string_value(json_object_get(j, "err")),
			          "a \"quoted\" word");
		if (i == 4)
			CHECK_STR(json_string_value(json_object_get(j, "utf8")),
			          "caf\xc3\xa9");
		json_decref(j);
		free(s);
	}
}

static void test_format_parse(void)
{
	enum log_format f = LOG_FORMAT_TEXT;

	CHECK_INT(log_format_parse("json", &f), 0);
	CHECK_INT(f, LOG_FORMAT_JSON);
	CHECK_INT(log_format_parse("text", &f), 0);
	CHECK_INT(f, LOG_FORMAT_TEXT);
	CHECK_INT(log_format_parse("JSON", &f), -1);
	CHECK_INT(log_format_parse("", &f), -1);
	CHECK_INT(log_format_parse(NULL, &f), -1);
}

static void test_safe_path(void)
{
	char out[32];
	const char *p = "/a b\"c\\d\x01\xc3\xa9";

	CHECK_STR(log_safe_path(out, sizeof(out), "/qa/12", 6), "/qa/12");
	CHECK_STR(log_safe_path(out, sizeof(out), p, strlen(p)),
	          "/a%20b%22c%5Cd%01%C3%A9");
	/* Only len bytes count: the query after them is never read. */
	CHECK_STR(log_safe_path(out, sizeof(out), "/search?q=x", 7), "/search");
	/* Too long: cut, with an ellipsis, inside the buffer. */
	CHECK_STR(log_safe_path(out, 12, "/abcdefghijklmnop", 17),
	          "/abcdefg...");
	CHECK_STR(log_safe_path(out, 12, "/\xff\xff\xff\xff", 5), "/%FF%FF...");
	CHECK_STR(log_safe_path(out, 3, "/abc", 4), "");
}

static const uint64_t bounds[3] = {1000, 10000, 100000};

static void test_histogram(void)
{
	struct metric_hist h = METRIC_HIST_INIT(bounds);
	struct buf b = BUF_INIT;

	CHECK_INT(h.n_bounds, 3);
	CHECK_INT(metric_hist_count(&h), 0);
	metric_hist_write(&b, "x_seconds", "a=\"1\"", &h, 1);
	CHECK_INT(b.len, 0);             /* empty and skip_empty: nothing */
	metric_hist_observe(&h, 500);    /* le 0.001 */
	metric_hist_observe(&h, 1000);   /* le 0.001: bounds are inclusive */
	metric_hist_observe(&h, 1001);   /* le 0.01 */
	metric_hist_observe(&h, 250000); /* +Inf */
	CHECK_INT(metric_hist_count(&h), 4);
	metric_hist_write(&b, "x_seconds", "a=\"1\"", &h, 1);
	CHECK_STR(b.p, "x_seconds_bucket{a=\"1\",le=\"0.001\"} 2\n"
	               "x_seconds_bucket{a=\"1\",le=\"0.01\"} 3\n"
	               "x_seconds_bucket{a=\"1\",le=\"0.1\"} 3\n"
	               "x_seconds_bucket{a=\"1\",le=\"+Inf\"} 4\n"
	               "x_seconds_sum{a=\"1\"} 0.252501\n"
	               "x_seconds_count{a=\"1\"} 4\n");
	buf_clear(&b);
	metric_hist_init(&h, bounds, 1);
	metric_hist_observe(&h, 2000);
	metric_hist_write(&b, "y", NULL, &h, 0);
	CHECK_STR(b.p, "y_bucket{le=\"0.001\"} 0\n"
	               "y_bucket{le=\"+Inf\"} 1\n"
	               "y_sum 0.002000\n"
	               "y_count 1\n");
	buf_clear(&b);
	metric_head(&b, "y", "histogram", "Things.");
	CHECK_STR(b.p, "# HELP y Things.\n# TYPE y histogram\n");
	buf_clear(&b);
	metric_label(&b, "a\"b\\c\nd");
	CHECK_STR(b.p, "a\\\"b\\\\c\\nd");
	buf_free(&b);
}

static void test_shipped_bounds_ascend(void)
{
	for (size_t i = 1; i < 14; i++)
		CHECK(metric_bounds_fast_us[i] > metric_bounds_fast_us[i - 1]);
	for (size_t i = 1; i < 12; i++)
		CHECK(metric_bounds_slow_us[i] > metric_bounds_slow_us[i - 1]);
}

#define S 1000000000ull

static void test_deadline_rule(void)
{
	struct http_server srv;

	memset(&srv, 0, sizeof(srv));
	srv.header_ns = 10 * S;
	srv.body_ns = 10 * S;
	srv.body_min_rate = 1024;
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_HEADERS, 10 * S, 0), 0);
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_HEADERS, 10 * S + 1, 0),
	          1);
	/* A body gets body_ns whatever its rate ... */
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_BODY, 10 * S, 0), 0);
	/* ... then must average the minimum rate. */
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_BODY, 11 * S, 11 * 1024),
	          0);
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_BODY, 11 * S,
	                             11 * 1024 - 1),
	          1);
	CHECK_INT(
	        http_watch_overdue(&srv, HTTP_PHASE_BODY, 600 * S, 700 * 1024),
	        0);
	/* Busy connections are never cut. */
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_BUSY, 3600 * S, 0), 0);
	/* Rate 0: the body must be complete by body_ns. */
	srv.body_min_rate = 0;
	CHECK_INT(http_watch_overdue(&srv, HTTP_PHASE_BODY, 11 * S, 1 << 30),
	          1);
}

int main(void)
{
	RUN(test_text_record);
	RUN(test_json_record);
	RUN(test_json_hostile_fields);
	RUN(test_format_parse);
	RUN(test_safe_path);
	RUN(test_histogram);
	RUN(test_shipped_bounds_ascend);
	RUN(test_deadline_rule);
	return test_summary();
}
