/* tests/unit/test_http_parse.c: the pure parsers of http/ (query, form,
 * cookies, multipart, header parameters, Accept-Encoding, If-None-Match),
 * the route matcher (params, tails, 404 versus 405) and listen addresses. */
#include "test.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <time.h>

#include "http/internal.h"
#include "http/parse.h"
#include "http/route.h"
#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

static struct arena *A;

static int parse_q(const char *s, struct http_kv **kv, size_t *n)
{
	return http_parse_query(A, s, strlen(s), kv, n);
}

static void test_decode(void)
{
	char *out;
	size_t n;

	CHECK_INT(http_decode(A, "a%20b+c", 7, 1, &out, &n), 0);
	CHECK_STR(out, "a b c");
	CHECK_INT(n, 5);
	CHECK_INT(http_decode(A, "a+b", 3, 0, &out, &n), 0);
	CHECK_STR(out, "a+b");
	CHECK_INT(http_decode(A, "%E4%BD%A0%e5%a5%bd", 18, 1, &out, &n), 0);
	CHECK_STR(out, "\xe4\xbd\xa0\xe5\xa5\xbd");
	CHECK_INT(http_decode(A, "", 0, 1, &out, &n), 0);
	CHECK_STR(out, "");
	CHECK_INT(http_decode(A, "%zz", 3, 1, &out, &n), HTTP_EESCAPE);
	CHECK_INT(http_decode(A, "abc%4", 5, 1, &out, &n), HTTP_EESCAPE);
	CHECK_INT(http_decode(A, "abc%", 4, 1, &out, &n), HTTP_EESCAPE);
	CHECK_INT(http_decode(A, "%g1", 3, 1, &out, &n), HTTP_EESCAPE);
	CHECK_INT(http_decode(A, "%ff", 3, 1, &out, &n), HTTP_EUTF8);
	CHECK_INT(http_decode(A, "%C0%AF", 6, 1, &out, &n), HTTP_EUTF8);
	CHECK_INT(http_decode(A, "\xed\xa0\x80", 3, 1, &out, &n), HTTP_EUTF8);
	CHECK_INT(http_decode(A, "a%00b", 5, 1, &out, &n), HTTP_ENUL);
	/* Not NUL-terminated input: only n bytes are read. */
	CHECK_INT(http_decode(A, "ab%41zzz", 5, 1, &out, &n), 0);
	CHECK_STR(out, "abA");
}

static void test_query(void)
{
	struct http_kv *kv = NULL;
	size_t n = 99;

	CHECK_INT(parse_q("a=1&b=two+words&c=%26%3D", &kv, &n), 0);
	CHECK_INT(n, 3);
	CHECK_STR(kv[0].name, "a");
	CHECK_STR(kv[0].value, "1");
	CHECK_STR(kv[1].value, "two words");
	CHECK_STR(kv[2].value, "&=");
	CHECK_INT(kv[2].len, 2);
	CHECK(kv[0].filename == NULL);

	CHECK_INT(parse_q("", &kv, &n), 0);
	CHECK_INT(n, 0);
	CHECK_INT(parse_q("&&&", &kv, &n), 0);
	CHECK_INT(n, 0);

	/* Duplicates are kept in order; a name alone has value "". */
	CHECK_INT(parse_q("t=1&&t=2&flag&=x&e=", &kv, &n), 0);
	CHECK_INT(n, 5);
	CHECK_STR(kv[0].value, "1");
	CHECK_STR(kv[1].name, "t");
	CHECK_STR(kv[1].value, "2");
	CHECK_STR(kv[2].name, "flag");
	CHECK_STR(kv[2].value, "");
	CHECK_STR(kv[3].name, "");
	CHECK_STR(kv[3].value, "x");
	CHECK_STR(kv[4].value, "");
	/* '=' inside a value stays. */
	CHECK_INT(parse_q("k=a=b", &kv, &n), 0);
	CHECK_STR(kv[0].value, "a=b");
	/* Names are decoded too. */
	CHECK_INT(parse_q("a%5Bb%5D=1", &kv, &n), 0);
	CHECK_STR(kv[0].name, "a[b]");

	/* Errors leave the outputs alone. */
	kv = NULL;
	n = 7;
	CHECK_INT(parse_q("a=1&b=%zz", &kv, &n), HTTP_EESCAPE);
	CHECK(kv == NULL && n == 7);
	CHECK_INT(parse_q("a=%", &kv, &n), HTTP_EESCAPE);
	CHECK_INT(parse_q("q=%C3%28", &kv, &n), HTTP_EUTF8);
	CHECK_INT(parse_q("%ff=1", &kv, &n), HTTP_EUTF8);
	CHECK_INT(parse_q("q=a%00", &kv, &n), HTTP_ENUL);
}

static void test_query_limits(void)
{
	struct http_kv *kv;
	size_t n;
	struct buf b = BUF_INIT;
	char *big;

	for (int i = 0; i < LIMIT_FORM_FIELDS; i++)
		buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	CHECK_INT(http_parse_query(A, b.p, b.len, &kv, &n), 0);
	CHECK_INT(n, LIMIT_FORM_FIELDS);
	{
		char last[16];
		snprintf(last, sizeof(last), "%d", LIMIT_FORM_FIELDS - 1);
		CHECK_STR(kv[LIMIT_FORM_FIELDS - 1].value, last);
	}
	buf_puts(&b, "&one=more");
	CHECK_INT(http_parse_query(A, b.p, b.len, &kv, &n), HTTP_ETOOMANY);
	buf_free(&b);

	big = malloc(LIMIT_FIELD_BYTES + 3);
	memcpy(big, "v=", 2);
	memset(big + 2, 'x', LIMIT_FIELD_BYTES);
	CHECK_INT(http_parse_query(A, big, LIMIT_FIELD_BYTES + 2, &kv, &n), 0);
	CHECK_INT(kv[0].len, LIMIT_FIELD_BYTES);
	big[LIMIT_FIELD_BYTES + 2] = 'x';
	CHECK_INT(http_parse_query(A, big, LIMIT_FIELD_BYTES + 3, &kv, &n),
	          HTTP_ETOOBIG);
	free(big);
	/* Escapes count after decoding: 3 bytes on the wire, 1 in the value. */
	buf_puts(&b, "v=");
	for (int i = 0; i < LIMIT_FIELD_BYTES; i++)
		buf_puts(&b, "%41");
	CHECK_INT(http_parse_query(A, b.p, b.len, &kv, &n), 0);
	CHECK_INT(kv[0].len, LIMIT_FIELD_BYTES);
	buf_puts(&b, "%41");
	CHECK_INT(http_parse_query(A, b.p, b.len, &kv, &n), HTTP_ETOOBIG);
	buf_free(&b);
}

static void test_cookies(void)
{
	struct http_kv *kv;
	size_t n;
	const char *s = "sid=abc123;  lang=en ; theme=\"dark\"; empty=; "
	                "bad name=1; noeq; =x; evil=a\\b; sid=second";
	struct buf b = BUF_INIT;

	CHECK_INT(http_parse_cookies(A, s, strlen(s), &kv, &n), 0);
	CHECK_INT(n, 5);
	CHECK_STR(kv[0].name, "sid");
	CHECK_STR(kv[0].value, "abc123");
	CHECK_STR(kv[1].name, "lang");
	CHECK_STR(kv[1].value, "en");
	CHECK_STR(kv[2].value, "dark");
	CHECK_STR(kv[3].name, "empty");
	CHECK_STR(kv[3].value, "");
	CHECK_STR(kv[4].value, "second");

	CHECK_INT(http_parse_cookies(A, "", 0, &kv, &n), 0);
	CHECK_INT(n, 0);
	CHECK_INT(http_parse_cookies(A, " ; ;", 4, &kv, &n), 0);
	CHECK_INT(n, 0);
	/* Non-ASCII bytes are not cookie-octets: that cookie is skipped. */
	CHECK_INT(http_parse_cookies(A, "a=\xff\xfe; b=2", 9, &kv, &n), 0);
	CHECK_INT(n, 1);
	CHECK_STR(kv[0].name, "b");

	for (int i = 0; i < LIMIT_COOKIES; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	CHECK_INT(http_parse_cookies(A, b.p, b.len, &kv, &n), 0);
	CHECK_INT(n, LIMIT_COOKIES);
	buf_puts(&b, "x=1");
	CHECK_INT(http_parse_cookies(A, b.p, b.len, &kv, &n), HTTP_ETOOMANY);
	buf_free(&b);
}

static void test_header_param(void)
{
	char *v;
	const char *ct = "multipart/form-data; boundary=----abc123";
	const char *q =
	        "form-data; name=\"a \\\"q\\\" b\"; filename=\"x;y.txt\"";

	CHECK_INT(http_header_param(A, ct, strlen(ct), "boundary", &v), 0);
	CHECK_STR(v, "----abc123");
	CHECK_INT(http_header_param(A, ct, strlen(ct), "BOUNDARY", &v), 0);
	CHECK_STR(v, "----abc123");
	CHECK_INT(http_header_param(A, ct, strlen(ct), "charset", &v), 0);
	CHECK(v == NULL);
	CHECK_INT(http_header_param(A, q, strlen(q), "name", &v), 0);
	CHECK_STR(v, "a \"q\" b");
	CHECK_INT(http_header_param(A, q, strlen(q), "filename", &v), 0);
	CHECK_STR(v, "x;y.txt");
	CHECK_INT(http_header_param(A, "a; b=\"open", 10, "b", &v),
	          HTTP_EMALFORMED);
	CHECK_INT(http_header_param(A, "text/plain", 10, "charset", &v), 0);
	CHECK(v == NULL);

	CHECK(http_mime_is("Multipart/Form-Data; boundary=x",
	                   "multipart/form-data"));
	CHECK(http_mime_is(" application/x-www-form-urlencoded ",
	                   "application/x-www-form-urlencoded"));
	CHECK(!http_mime_is("multipart/form-datax", "multipart/form-data"));
	CHECK(!http_mime_is(NULL, "text/plain"));
}

static int parse_mp(const char *boundary, const char *body, size_t n,
                    struct http_kv **kv, size_t *nkv)
{
	return http_parse_multipart(A, boundary, body, n, kv, nkv);
}

static void test_multipart(void)
{
	static const char body[] =
	        "preamble to ignore\r\n"
	        "--XyZ\r\n"
	        "Content-Disposition: form-data; name=\"title\"\r\n"
	        "\r\n"
	        "Liver \xe2\x80\x94 question\r\n"
	        "--XyZ\r\n"
	        "content-disposition: form-data; name=\"photo\"; "
	        "filename=\"C:\\\\Users\\\\me\\\\scan.png\"\r\n"
	        "Content-Type: image/png\r\n"
	        "\r\n"
	        "\x89PNG\r\n\x00\xff--XyZ-not-a-delimiter\r\n"
	        "--XyZ\r\n"
	        "Content-Disposition: form-data; name=\"empty\"\r\n"
	        "\r\n"
	        "\r\n"
	        "--XyZ--\r\n"
	        "epilogue";
	struct http_kv *kv;
	size_t n;

	CHECK_INT(parse_mp("XyZ", body, sizeof(body) - 1, &kv, &n), 0);
	CHECK_INT(n, 3);
	CHECK_STR(kv[0].name, "title");
	CHECK_STR(kv[0].value, "Liver \xe2\x80\x94 question");
	CHECK(kv[0].filename == NULL);
	CHECK_STR(kv[1].name, "photo");
	CHECK_STR(kv[1].filename, "scan.png");
	CHECK_STR(kv[1].content_type, "image/png");
	CHECK_INT(kv[1].len, 29);
	CHECK(memcmp(kv[1].value, "\x89PNG\r\n\x00\xff--XyZ-not", 16) == 0);
	CHECK_STR(kv[2].name, "empty");
	CHECK_STR(kv[2].value, "");

	/* The body may start with the delimiter itself; no final CRLF. */
	{
		const char b2[] = "--b\r\nContent-Disposition: form-data; "
		                  "name=a\r\n\r\n1\r\n--b--";
		CHECK_INT(parse_mp("b", b2, sizeof(b2) - 1, &kv, &n), 0);
		CHECK_INT(n, 1);
		CHECK_STR(kv[0].value, "1");
	}
	/* An empty form. */
	CHECK_INT(parse_mp("b", "--b--\r\n", 7, &kv, &n), 0);
	CHECK_INT(n, 0);
	/* Truncated: no closing delimiter. */
	{
		const char b3[] = "--b\r\nContent-Disposition: form-data; "
		                  "name=a\r\n\r\nunfinished";
		CHECK_INT(parse_mp("b", b3, sizeof(b3) - 1, &kv, &n),
		          HTTP_EMALFORMED);
	}
	/* No name, or not form-data. */
	{
		const char b4[] =
		        "--b\r\nContent-Disposition: form-data\r\n\r\n"
		        "x\r\n--b--";
		const char b5[] = "--b\r\nContent-Disposition: attachment; "
		                  "name=a\r\n\r\nx\r\n--b--";
		CHECK_INT(parse_mp("b", b4, sizeof(b4) - 1, &kv, &n),
		          HTTP_EMALFORMED);
		CHECK_INT(parse_mp("b", b5, sizeof(b5) - 1, &kv, &n),
		          HTTP_EMALFORMED);
	}
	/* Bad UTF-8 in a text part, fine in a file part. */
	{
		const char b6[] = "--b\r\nContent-Disposition: form-data; "
		                  "name=a\r\n\r\n\xff\xfe\r\n--b--";
		const char b7[] =
		        "--b\r\nContent-Disposition: form-data; "
		        "name=a; filename=f.bin\r\n\r\n\xff\xfe\r\n--b--";
		CHECK_INT(parse_mp("b", b6, sizeof(b6) - 1, &kv, &n),
		          HTTP_EUTF8);
		CHECK_INT(parse_mp("b", b7, sizeof(b7) - 1, &kv, &n), 0);
		CHECK_INT(kv[0].len, 2);
	}
	/* Garbage, missing or absurd boundaries. */
	CHECK_INT(parse_mp("b", "hello", 5, &kv, &n), HTTP_EMALFORMED);
	CHECK_INT(parse_mp("", "--\r\n", 4, &kv, &n), HTTP_EMALFORMED);
	CHECK_INT(parse_mp(NULL, "--\r\n", 4, &kv, &n), HTTP_EMALFORMED);
	{
		char longb[80];
		memset(longb, 'a', 71);
		longb[71] = '\0';
		CHECK_INT(parse_mp(longb, "x", 1, &kv, &n), HTTP_EMALFORMED);
	}
}

static void test_multipart_limits(void)
{
	struct buf b = BUF_INIT;
	struct http_kv *kv;
	size_t n;

	for (int i = 0; i < LIMIT_FORM_FIELDS; i++)
		buf_printf(&b,
		           "--b\r\nContent-Disposition: form-data; "
		           "name=\"f%d\"\r\n\r\n%d\r\n",
		           i, i);
	buf_puts(&b, "--b--\r\n");
	CHECK_INT(parse_mp("b", b.p, b.len, &kv, &n), 0);
	CHECK_INT(n, LIMIT_FORM_FIELDS);
	b.len -= 7;
	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=x\r\n\r\n"
	             "1\r\n--b--\r\n");
	CHECK_INT(parse_mp("b", b.p, b.len, &kv, &n), HTTP_ETOOMANY);
	buf_clear(&b);

	buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=t\r\n\r\n");
	for (int i = 0; i <= LIMIT_FIELD_BYTES; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\r\n--b--\r\n");
	CHECK_INT(parse_mp("b", b.p, b.len, &kv, &n), HTTP_ETOOBIG);
	buf_free(&b);
}

static void test_accept_encoding(void)
{
	CHECK(http_accepts_gzip("gzip"));
	CHECK(http_accepts_gzip("gzip, deflate, br"));
	CHECK(http_accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
	CHECK(http_accepts_gzip("GZIP"));
	CHECK(http_accepts_gzip("x-gzip"));
	CHECK(http_accepts_gzip("*"));
	CHECK(http_accepts_gzip("deflate, *;q=0.5"));
	CHECK(http_accepts_gzip("gzip ; q=0.001"));
	CHECK(http_accepts_gzip("gzip;q=1.000"));
	CHECK(!http_accepts_gzip(NULL));
	CHECK(!http_accepts_gzip(""));
	CHECK(!http_accepts_gzip("identity"));
	CHECK(!http_accepts_gzip("deflate, br"));
	CHECK(!http_accepts_gzip("gzip;q=0"));
	CHECK(!http_accepts_gzip("gzip; q=0.000"));
	CHECK(!http_accepts_gzip("gzip;Q=0.0"));
	CHECK(!http_accepts_gzip("*;q=0"));
	/* An explicit refusal of gzip beats the wildcard. */
	CHECK(!http_accepts_gzip("gzip;q=0, *"));
	/* Malformed q-values void their entry. */
	CHECK(!http_accepts_gzip("gzip;q=1.5"));
	CHECK(!http_accepts_gzip("gzip;q=abc"));
	CHECK(!http_accepts_gzip("gzip;q=0.0001"));
	CHECK(!http_accepts_gzip("gzip;q"));
	CHECK(!http_accepts_gzip("gzipx"));
	CHECK(http_accepts_gzip("gzip;level=9"));
}

static void test_etag(void)
{
	CHECK(http_etag_match("\"abc\"", "\"abc\""));
	CHECK(http_etag_match("\"x\", W/\"abc\"", "\"abc\""));
	CHECK(http_etag_match(" \"x\" ,\"abc\" ", "\"abc\""));
	CHECK(http_etag_match("*", "\"abc\""));
	CHECK(!http_etag_match("\"abcd\"", "\"abc\""));
	CHECK(!http_etag_match("abc", "\"abc\""));
	CHECK(!http_etag_match(NULL, "\"abc\""));
	CHECK(!http_etag_match("", "\"abc\""));
}

static int h_dummy(struct http_request *req)
{
	return 0;
}

static const struct http_route routes[] = {
        {"GET", "/", h_dummy, 0},
        {"GET", "/qa/new", h_dummy, 1},
        {"GET", "/qa/:id", h_dummy, 2},
        {"POST", "/qa/:id", h_dummy, 3},
        {"GET", "/topic/:slug/page/:n", h_dummy, 4},
        {"GET", "/static/*path", h_dummy, 5},
        {"DELETE", "/admin/user/:id", h_dummy, 6},
        {"PUT", "/admin/user/:id", h_dummy, 7},
};

static int match(struct http_router *r, const char *method, const char *path,
                 struct http_match *m, const char **allow)
{
	return http_router_match(r, A, method, path, strlen(path), m, allow);
}

static void test_router(void)
{
	struct http_router *r = NULL;
	struct http_match m;
	const char *allow = NULL;

	CHECK_INT(http_router_new(routes, ARRAY_SIZE(routes), &r), 0);
	CHECK_INT(match(r, "GET", "/", &m, &allow), 0);
	CHECK_INT(m.index, 0);
	CHECK_INT(m.n_params, 0);
	/* Table order: the literal route listed first wins. */
	CHECK_INT(match(r, "GET", "/qa/new", &m, &allow), 0);
	CHECK_INT(m.route->flags, 1);
	CHECK_INT(match(r, "GET", "/qa/42", &m, &allow), 0);
	CHECK_INT(m.route->flags, 2);
	CHECK_INT(m.n_params, 1);
	CHECK_STR(m.names[0], "id");
	CHECK_STR(m.values[0], "42");
	CHECK_INT(match(r, "POST", "/qa/42", &m, &allow), 0);
	CHECK_INT(m.route->flags, 3);
	/* HEAD is answered by GET routes. */
	CHECK_INT(match(r, "HEAD", "/qa/42", &m, &allow), 0);
	CHECK_INT(m.route->flags, 2);
	/* Params are decoded after splitting: %2F stays inside. */
	CHECK_INT(match(r, "GET", "/qa/a%2Fb%20c", &m, &allow), 0);
	CHECK_STR(m.values[0], "a/b c");
	CHECK_INT(match(r, "GET", "/topic/liver-cancer/page/2", &m, &allow), 0);
	CHECK_INT(m.n_params, 2);
	CHECK_STR(m.names[0], "slug");
	CHECK_STR(m.values[0], "liver-cancer");
	CHECK_STR(m.names[1], "n");
	CHECK_STR(m.values[1], "2");
	CHECK_INT(match(r, "GET", "/static/css/site.css", &m, &allow), 0);
	CHECK_STR(m.names[0], "path");
	CHECK_STR(m.values[0], "css/site.css");
	CHECK_INT(match(r, "GET", "/static/", &m, &allow), 0);
	CHECK_STR(m.values[0], "");
	/* Not found: unknown, trailing slash, empty param, extra segment. */
	CHECK_INT(match(r, "GET", "/nope", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "/qa/42/", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "/qa/", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "/qa", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "/static", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "", &m, &allow), HTTP_ENOTFOUND);
	CHECK_INT(match(r, "GET", "*", &m, &allow), HTTP_ENOTFOUND);
	/* Known path, wrong method: 405 with the allowed methods. */
	CHECK_INT(match(r, "DELETE", "/qa/42", &m, &allow), HTTP_EMETHOD);
	CHECK_STR(allow, "GET, HEAD, POST");
	CHECK_INT(match(r, "GET", "/admin/user/7", &m, &allow), HTTP_EMETHOD);
	CHECK_STR(allow, "DELETE, PUT");
	CHECK_INT(match(r, "POST", "/", &m, &allow), HTTP_EMETHOD);
	CHECK_STR(allow, "GET, HEAD");
	/* Methods compare exactly. */
	CHECK_INT(match(r, "get", "/", &m, &allow), HTTP_EMETHOD);
	/* Paths that do not decode. */
	CHECK_INT(match(r, "GET", "/qa/%zz", &m, &allow), HTTP_EESCAPE);
	CHECK_INT(match(r, "GET", "/qa/%ff", &m, &allow), HTTP_EUTF8);
	CHECK_INT(match(r, "GET", "/qa/%00", &m, &allow), HTTP_ENUL);
	http_router_free(r);
}

static void test_router_bad_patterns(void)
{
	static const struct http_route bad[][1] = {
	        {{"GET", "qa", h_dummy, 0}},
	        {{"GET", "/qa/:", h_dummy, 0}},
	        {{"GET", "/static/*path/x", h_dummy, 0}},
	        {{"GET", "/a/:a/:b/:c/:d/:e/:f/:g/:h/:i", h_dummy, 0}},
	        {{NULL, "/", h_dummy, 0}},
	        {{"GET", "/", NULL, 0}},
	};
	struct http_router *r;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		r = NULL;
		CHECK_INT(http_router_new(bad[i], 1, &r), HTTP_EINVAL);
		CHECK(r == NULL);
	}
}

/* A few hundred routes must still match in well under a microsecond or
 * two: measure and report, with a loose bound that only catches
 * accidental quadratic behaviour. */
static void test_router_speed(void)
{
	enum { N = 300, ITER = 200000 };
	struct http_route *rt = calloc(N, sizeof(*rt));
	char **pat = calloc(N, sizeof(*pat));
	struct http_router *r = NULL;
	struct http_match m;
	const char *allow;
	struct timespec t0, t1;
	double ns;
	int ok = 1;

	for (int i = 0; i < N; i++) {
		pat[i] = malloc(48);
		snprintf(pat[i], 48, i % 2 ? "/section%d/:id" : "/s%d/x/:id/y",
		         i);
		rt[i].method = i % 3 ? "GET" : "POST";
		rt[i].pattern = pat[i];
		rt[i].fn = h_dummy;
	}
	CHECK_INT(http_router_new(rt, N, &r), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < ITER; i++) {
		struct arena *a = A;
		arena_reset(a);
		/* The last route: the worst case of a linear scan. */
		if (http_router_match(r, a, "GET", "/section299/12345", 17, &m,
		                      &allow) != 0)
			ok = 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(ok);
	ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	      (double)(t1.tv_nsec - t0.tv_nsec)) /
	     ITER;
	printf("route match, %d routes, last route: %.0f ns\n", N, ns);
	CHECK(ns < 20000);
	http_router_free(r);
	for (int i = 0; i < N; i++)
		free(pat[i]);
	free(pat);
	free(rt);
}

static void test_listen(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char text[64];

	CHECK_INT(http_parse_listen("127.0.0.1:8080", &ss, &len), 0);
	CHECK_INT(ss.ss_family, AF_INET);
	CHECK_INT(ntohs(((struct sockaddr_in *)&ss)->sin_port), 8080);
	CHECK_INT(http_parse_listen("[::1]:0", &ss, &len), 0);
	CHECK_INT(ss.ss_family, AF_INET6);
	inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, text,
	          sizeof(text));
	CHECK_STR(text, "::1");
	CHECK_INT(http_parse_listen(":80", &ss, &len), 0);
	CHECK_INT(((struct sockaddr_in *)&ss)->sin_addr.s_addr, INADDR_ANY);
	CHECK_INT(http_parse_listen("localhost:1", &ss, &len), 0);
	CHECK_INT(http_parse_listen("127.0.0.1", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("127.0.0.1:", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("127.0.0.1:65536", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("127.0.0.1:-1", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("127.0.0.1:80x", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("example.com:80", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("::1:80", &ss, &len), HTTP_EINVAL);
	CHECK_INT(http_parse_listen("[::1:80", &ss, &len), HTTP_EINVAL);
}

int main(void)
{
	A = arena_new();
	RUN(test_decode);
	RUN(test_query);
	RUN(test_query_limits);
	RUN(test_cookies);
	RUN(test_header_param);
	RUN(test_multipart);
	RUN(test_multipart_limits);
	RUN(test_accept_encoding);
	RUN(test_etag);
	RUN(test_router);
	RUN(test_router_bad_patterns);
	RUN(test_router_speed);
	RUN(test_listen);
	arena_free(A);
	return test_summary();
}
