/* tests/unit/test_http_server.c: a real server on 127.0.0.1 (port 0) with
 * test routes, driven over plain sockets: status codes, HEAD, gzip,
 * static files and ETags, forms, cookies, limits, /healthz, /metrics,
 * error pages, graceful stop and stop on a signal. */
#include "test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "http/http.h"
#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/log.h"

static int port;
static atomic_int slow_started;
static int health_fails;

/* The client: one request per connection, read to EOF. */
struct resp {
	int status;
	char *head; /* status line and headers */
	char *body;
	size_t body_len;
};

static void resp_free(struct resp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

static int connect_to(int p)
{
	struct sockaddr_in a;
	struct timeval tv = {10, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)p);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send raw bytes to port p, read everything until EOF. Returns 0 or -1. */
static int raw_to(int p, const char *req, size_t len, struct resp *r)
{
	struct buf in = BUF_INIT;
	char chunk[16384], *sep;
	int fd = connect_to(p);
	size_t off = 0;

	memset(r, 0, sizeof(*r));
	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	for (;;) {
		ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
		if (n <= 0)
			break;
		buf_append(&in, chunk, (size_t)n);
	}
	close(fd);
	if (!in.len || !(sep = strstr(in.p, "\r\n\r\n"))) {
		buf_free(&in);
		return -1;
	}
	r->head = strndup(in.p, (size_t)(sep - in.p) + 2);
	r->body_len = in.len - (size_t)(sep + 4 - in.p);
	r->body = malloc(r->body_len + 1);
	memcpy(r->body, sep + 4, r->body_len);
	r->body[r->body_len] = '\0';
	r->status = atoi(in.p + 9);
	buf_free(&in);
	return 0;
}

static int raw(const char *req, size_t len, struct resp *r)
{
	return raw_to(port, req, len, r);
}

/* GET-like request with extra header lines (each ending in CRLF). */
static int req_to(int p, const char *method, const char *path,
                  const char *extra, struct resp *r)
{
	char *s;
	int rc, n = asprintf(&s,
	                     "%s %s HTTP/1.1\r\nHost: test\r\n"
	                     "Connection: close\r\n%s\r\n",
	                     method, path, extra ? extra : "");
	if (n < 0)
		return -1;
	rc = raw_to(p, s, (size_t)n, r);
	free(s);
	return rc;
}

static int get(const char *path, const char *extra, struct resp *r)
{
	return req_to(port, "GET", path, extra, r);
}

static int post(const char *path, const char *ctype, const char *body,
                size_t len, struct resp *r)
{
	struct buf b = BUF_INIT;
	int rc;

	buf_printf(&b,
	           "POST %s HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
	           "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
	           path, ctype, len);
	buf_append(&b, body, len);
	rc = raw(b.p, b.len, r);
	buf_free(&b);
	return rc;
}

/* Value of header name in r (static buffer), or NULL. */
static const char *hdr(const struct resp *r, const char *name)
{
	static char val[4096];
	size_t n = strlen(name);

	for (const char *p = r->head; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		if (!eol)
			break;
		if ((size_t)(eol - p) > n && strncasecmp(p, name, n) == 0 &&
		    p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			snprintf(val, sizeof(val), "%.*s", (int)(eol - v), v);
			return val;
		}
		p = eol + 2;
	}
	return NULL;
}

static int count_hdr(const struct resp *r, const char *name)
{
	int c = 0;
	size_t n = strlen(name);

	for (const char *p = r->head; p && (p = strstr(p, "\r\n")); p += 2)
		if (strncasecmp(p + 2, name, n) == 0 && p[2 + n] == ':')
			c++;
	return c;
}

static char *gunzip(const char *in, size_t n, size_t *out_len)
{
	z_stream z;
	size_t cap = 1 << 20;
	char *out = malloc(cap);

	memset(&z, 0, sizeof(z));
	inflateInit2(&z, 15 + 16);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	if (inflate(&z, Z_FINISH) != Z_STREAM_END) {
		inflateEnd(&z);
		free(out);
		return NULL;
	}
	*out_len = z.total_out;
	inflateEnd(&z);
	return out;
}

/* Handlers. */

static char big_page[4001];

static int h_root(struct http_request *req)
{
	return http_respond(req, 200, "text/plain; charset=utf-8", "hello", 5);
}

static int h_qa(struct http_request *req)
{
	const char *q = http_query(req, "q");
	char *s = arena_printf(http_arena(req), "qa=%s q=%s",
	                       http_param(req, "id"), q ? q : "-");
	return http_respond(req, 200, "text/plain; charset=utf-8", s,
	                    strlen(s));
}

static int h_big(struct http_request *req)
{
	return http_respond(req, 200, "text/html; charset=utf-8", big_page,
	                    strlen(big_page));
}

static int h_form(struct http_request *req)
{
	size_t n;
	const char *name = http_form(req, "name"), *msg = http_form(req, "msg");
	char *s;

	http_form_fields(req, &n);
	s = arena_printf(http_arena(req), "name=%s msg=%s n=%zu",
	                 name ? name : "-", msg ? msg : "-", n);
	return http_respond(req, 200, "text/plain; charset=utf-8", s,
	                    strlen(s));
}

static int h_upload(struct http_request *req)
{
	const struct http_kv *f = http_form_file(req, "photo");
	const char *title = http_form(req, "title");
	struct buf b = BUF_INIT;

	if (!f)
		return http_error(req, 400, "no file");
	buf_printf(&b, "file=%s type=%s len=%zu title=%s ok=%d", f->filename,
	           f->content_type ? f->content_type : "-", f->len,
	           title ? title : "-",
	           f->len > 2 && (unsigned char)f->value[0] == 0xff &&
	                   (unsigned char)f->value[f->len - 1] == 0x7f);
	return http_respond_buf(req, 200, "text/plain; charset=utf-8", &b);
}

static int h_cookies(struct http_request *req)
{
	const char *sid = http_cookie(req, "sid"),
	           *lang = http_cookie(req, "lang");
	char *s = arena_printf(http_arena(req), "sid=%s lang=%s",
	                       sid ? sid : "-", lang ? lang : "-");
	return http_respond(req, 200, "text/plain", s, strlen(s));
}

static int h_setcookie(struct http_request *req)
{
	struct http_cookie_opts o = {3600, 1, "Strict", 0, "/qa"};
	struct http_cookie_opts del = {HTTP_COOKIE_DELETE, 0, NULL, 0, NULL};

	if (http_set_cookie(req, "sid", "abc123", NULL) ||
	    http_set_cookie(req, "pref", "x.y-z", &o) ||
	    http_set_cookie(req, "old", "", &del))
		return -1;
	/* Bad names and values are refused. */
	if (http_set_cookie(req, "bad name", "v", NULL) != HTTP_EINVAL ||
	    http_set_cookie(req, "n", "a;b", NULL) != HTTP_EINVAL ||
	    http_set_cookie(req, "n", "a\r\nb", NULL) != HTTP_EINVAL)
		return -2;
	return http_respond(req, 200, "text/plain", "set", 3);
}

static int h_slow(struct http_request *req)
{
	struct timespec ts = {0, 400 * 1000 * 1000};

	atomic_store(&slow_started, 1);
	nanosleep(&ts, NULL);
	return http_respond(req, 200, "text/plain", "slow done", 9);
}

static int h_fail(struct http_request *req)
{
	http_set_header(req, "X-Leak", "should not be sent");
	return -5;
}

static int h_noresp(struct http_request *req)
{
	return 0;
}

static int h_redirect(struct http_request *req)
{
	if (http_redirect(req, 200, "/x") != HTTP_EINVAL ||
	    http_redirect(req, 303, "/x\r\nSet-Cookie: a=b") != HTTP_EINVAL)
		return -1;
	return http_redirect(req, 303, "/qa/1");
}

static int h_headers(struct http_request *req)
{
	if (http_set_header(req, "X-Bad", "a\r\nb") != HTTP_EINVAL ||
	    http_set_header(req, "Bad Name", "v") != HTTP_EINVAL)
		return -1;
	http_set_header(req, "X-Frame-Options", NULL);
	http_set_header(req, "X-Test", "1");
	http_set_header(req, "X-Test", "2");
	return http_respond(req, 200, "text/plain", "h", 1);
}

static int h_info(struct http_request *req)
{
	const char *ua = http_header(req, "user-agent");
	char *s = arena_printf(http_arena(req),
	                       "method=%s path=%s client=%s route=%s ua=%s "
	                       "idok=%d ctx=%s",
	                       http_method(req), http_path(req),
	                       http_client_addr(req), http_route_pattern(req),
	                       ua ? ua : "-",
	                       strlen(http_request_id(req)) >= 8 &&
	                               http_request_id(req)[6] == '-',
	                       (const char *)http_context(req));
	return http_respond(req, 200, "text/plain", s, strlen(s));
}

static int h_body(struct http_request *req)
{
	size_t len;
	const char *b = http_body(req, &len);
	char *s = arena_printf(http_arena(req), "len=%zu first=%c", len,
	                       b ? b[0] : '-');
	return http_respond(req, 200, "text/plain", s, strlen(s));
}

static const struct http_route routes[] = {
        {"GET", "/", h_root, 0},
        {"GET", "/qa/:id", h_qa, 0},
        {"GET", "/big", h_big, 0},
        {"POST", "/form", h_form, 0},
        {"POST", "/upload", h_upload, 0},
        {"GET", "/cookies", h_cookies, 0},
        {"GET", "/setcookie", h_setcookie, 0},
        {"GET", "/slow", h_slow, 0},
        {"GET", "/fail", h_fail, 0},
        {"GET", "/noresp", h_noresp, 0},
        {"GET", "/redirect", h_redirect, 0},
        {"GET", "/headers", h_headers, 0},
        {"GET", "/info/*rest", h_info, 0},
        {"POST", "/json", h_body, 0},
};

static int render_error(struct http_request *req, int status,
                        const char *message)
{
	char *s =
	        arena_printf(http_arena(req), "<main>custom %d</main>", status);
	return http_respond(req, status, "text/html; charset=utf-8", s,
	                    strlen(s));
}

static int before(struct http_request *req)
{
	const char *id = http_param(req, "id");

	http_set_context(req, "ctx-set");
	if (id && strcmp(id, "blocked") == 0) {
		http_error(req, 403, "blocked by the before hook");
		return 1;
	}
	return 0;
}

/* health_fails: 1 unavailable, 2 degraded, 0 ok. */
static int health(void *arg, const char **why)
{
	int v = *(int *)arg;

	*why = "database locked";
	return v == 1 ? -1 : v == 2 ? 1 : 0;
}

static void metrics_hook(struct buf *out, void *arg)
{
	buf_printf(out, "# TYPE askdoc_test_hook gauge\naskdoc_test_hook %d\n",
	           *(int *)arg);
}

static char css[3000];
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
static struct embedded_file files[] = {
        {"static/site.css", css, 0},
        {"static/img/logo.png", png, sizeof(png) - 1},
        {"templates/page.mustache", "{{x}}", 5},
        {NULL, NULL, 0},
};

static char tmpdir[64];

/* Tests. */

static void test_basic(void)
{
	struct resp r;

	CHECK_INT(get("/", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "hello");
	CHECK_STR(hdr(&r, "Content-Length"), "5");
	CHECK_STR(hdr(&r, "Content-Type"), "text/plain; charset=utf-8");
	CHECK_STR(hdr(&r, "X-Content-Type-Options"), "nosniff");
	CHECK_STR(hdr(&r, "X-Frame-Options"), "DENY");
	CHECK_STR(hdr(&r, "Referrer-Policy"),
	          "strict-origin-when-cross-origin");
	CHECK(hdr(&r, "Content-Security-Policy") &&
	      strstr(hdr(&r, "Content-Security-Policy"),
	             "frame-ancestors 'none'"));
	CHECK(hdr(&r, "X-Request-Id") != NULL);
	CHECK(hdr(&r, "Strict-Transport-Security") == NULL);
	CHECK(hdr(&r, "Vary") == NULL); /* too small to compress */
	resp_free(&r);
}

static void test_params_query(void)
{
	struct resp r;

	CHECK_INT(get("/qa/42?q=liver+cancer&x=1", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "qa=42 q=liver cancer");
	resp_free(&r);
	CHECK_INT(get("/qa/%E8%82%9D%2F1?q=%E7%99%8C", NULL, &r), 0);
	CHECK_STR(r.body, "qa=\xe8\x82\x9d/1 q=\xe7\x99\x8c");
	resp_free(&r);
	CHECK_INT(get("/info/a/b%20c?secret=1", "User-Agent: t/1\r\n", &r), 0);
	CHECK_STR(r.body, "method=GET path=/info/a/b c client=127.0.0.1 "
	                  "route=/info/*rest ua=t/1 idok=1 ctx=ctx-set");
	resp_free(&r);
}

static void test_404_405(void)
{
	struct resp r;

	CHECK_INT(get("/nope", NULL, &r), 0);
	CHECK_INT(r.status, 404);
	CHECK_STR(r.body, "<main>custom 404</main>");
	CHECK_STR(hdr(&r, "X-Content-Type-Options"), "nosniff");
	resp_free(&r);
	CHECK_INT(req_to(port, "DELETE", "/qa/1", NULL, &r), 0);
	CHECK_INT(r.status, 405);
	CHECK_STR(hdr(&r, "Allow"), "GET, HEAD");
	CHECK_STR(r.body, "<main>custom 405</main>");
	resp_free(&r);
	CHECK_INT(req_to(port, "GET", "/form", NULL, &r), 0);
	CHECK_INT(r.status, 405);
	CHECK_STR(hdr(&r, "Allow"), "POST");
	resp_free(&r);
	CHECK_INT(req_to(port, "POST", "/healthz", NULL, &r), 0);
	CHECK_INT(r.status, 405);
	resp_free(&r);
}

static void test_before_hook(void)
{
	struct resp r;

	CHECK_INT(get("/qa/blocked", NULL, &r), 0);
	CHECK_INT(r.status, 403);
	CHECK_STR(r.body, "<main>custom 403</main>");
	resp_free(&r);
}

/* The access log names the path and the route pattern, never the query
 * or the form (they may hold patient text). */
static void test_access_log(void)
{
	struct resp r;
	FILE *tmp = tmpfile();
	char log[8192];
	size_t n = 0;
	int saved;
	const char *f = "msg=private+symptom";

	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	CHECK_INT(get("/qa/7?q=my+secret+symptom", NULL, &r), 0);
	resp_free(&r);
	CHECK_INT(post("/form", "application/x-www-form-urlencoded", f,
	               strlen(f), &r),
	          0);
	resp_free(&r);
	for (int i = 0; i < 100; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		fseek(tmp, 0, SEEK_SET);
		n = fread(log, 1, sizeof(log) - 1, tmp);
		log[n] = '\0';
		if (strstr(log, "route=\"/form\""))
			break;
		nanosleep(&ts, NULL);
	}
	dup2(saved, 2);
	close(saved);
	fclose(tmp);
	CHECK(strstr(log, "event=\"request\" method=GET path=/qa/7 "
	                  "route=\"/qa/:id\" status=200 bytes=") != NULL);
	CHECK(strstr(log, "method=POST path=/form route=\"/form\" "
	                  "status=200") != NULL);
	CHECK(strstr(log, " duration_ms=") && strstr(log, " id=") &&
	      strstr(log, " client=127.0.0.1"));
	CHECK(strstr(log, "secret") == NULL);
	CHECK(strstr(log, "private") == NULL);
	CHECK(strstr(log, "?q=") == NULL);
}

static void test_400(void)
{
	struct resp r;
	struct buf b = BUF_INIT;

	CHECK_INT(get("/qa/%zz", NULL, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	CHECK_INT(get("/qa/%C0%AF", NULL, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	CHECK_INT(get("/qa/1?q=%ff", NULL, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	CHECK_INT(get("/qa/1?q=%2", NULL, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	buf_puts(&b, "Cookie: ");
	for (int i = 0; i <= LIMIT_COOKIES; i++)
		buf_printf(&b, "c%d=1; ", i);
	buf_puts(&b, "\r\n");
	CHECK_INT(get("/cookies", b.p, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	buf_free(&b);
	/* Too many query fields. */
	for (int i = 0; i <= LIMIT_FORM_FIELDS; i++)
		buf_printf(&b, "%sf%d=1", i ? "&" : "/qa/1?", i);
	CHECK_INT(get(b.p, NULL, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	buf_free(&b);
}

static void test_400_fallback_page(int p2)
{
	struct resp r;

	/* No renderer on the second server: the plain page, escaped. */
	CHECK_INT(req_to(p2, "GET", "/qa/1?q=%zz", NULL, &r), 0);
	CHECK_INT(r.status, 400);
	CHECK(strstr(r.body, "<h1>400 Bad Request</h1>") != NULL);
	CHECK(strstr(r.body, "invalid percent-encoding in the query string") !=
	      NULL);
	CHECK_STR(hdr(&r, "Content-Type"), "text/html; charset=utf-8");
	resp_free(&r);
	CHECK_INT(req_to(p2, "GET", "/nope", NULL, &r), 0);
	CHECK_INT(r.status, 404);
	CHECK(strstr(r.body, "<h1>404 Not Found</h1>") != NULL);
	resp_free(&r);
}

static void test_414(void)
{
	struct resp r;
	char *path = malloc(LIMIT_URL_BYTES + 10);

	memcpy(path, "/qa/", 4);
	memset(path + 4, 'a', LIMIT_URL_BYTES);
	path[LIMIT_URL_BYTES + 4] = '\0';
	CHECK_INT(get(path, NULL, &r), 0);
	CHECK_INT(r.status, 414);
	resp_free(&r);
	path[LIMIT_URL_BYTES - 10] = '\0';
	CHECK_INT(get(path, NULL, &r), 0);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	free(path);
}

static void test_413(void)
{
	struct resp r;
	const char *h =
	        "POST /form HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
	        "Content-Type: application/x-www-form-urlencoded\r\n"
	        "Content-Length: 300000\r\n\r\n";
	struct buf b = BUF_INIT;

	CHECK_INT(raw(h, strlen(h), &r), 0);
	CHECK_INT(r.status, 413);
	CHECK_STR(r.body, "<main>custom 413</main>");
	resp_free(&r);
	/* A chunked body is counted as it arrives. */
	buf_puts(&b, "POST /form HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
	             "Content-Type: application/x-www-form-urlencoded\r\n"
	             "Transfer-Encoding: chunked\r\n\r\n");
	for (int i = 0; i < 40; i++) {
		buf_printf(&b, "%x\r\n", 8192);
		for (int j = 0; j < 8192; j++)
			buf_putc(&b, 'a');
		buf_puts(&b, "\r\n");
	}
	buf_puts(&b, "0\r\n\r\n");
	CHECK_INT(raw(b.p, b.len, &r), 0);
	CHECK_INT(r.status, 413);
	resp_free(&r);
	buf_free(&b);
}

static void test_head(void)
{
	struct resp g, h, gz, hz;

	CHECK_INT(get("/big", NULL, &g), 0);
	CHECK_INT(req_to(port, "HEAD", "/big", NULL, &h), 0);
	CHECK_INT(g.status, 200);
	CHECK_INT(h.status, 200);
	CHECK_INT(g.body_len, strlen(big_page));
	CHECK_INT(h.body_len, 0);
	CHECK(hdr(&g, "Content-Length") != NULL);
	CHECK_STR(hdr(&h, "Content-Length"), "4000");
	CHECK_STR(hdr(&h, "Content-Type"), "text/html; charset=utf-8");
	CHECK_INT(get("/big", "Accept-Encoding: gzip\r\n", &gz), 0);
	CHECK_INT(
	        req_to(port, "HEAD", "/big", "Accept-Encoding: gzip\r\n", &hz),
	        0);
	CHECK_STR(hdr(&hz, "Content-Encoding"), "gzip");
	CHECK_INT(hz.body_len, 0);
	CHECK_INT(atoi(hdr(&hz, "Content-Length")), gz.body_len);
	resp_free(&g);
	resp_free(&h);
	resp_free(&gz);
	resp_free(&hz);
}

static void test_gzip(void)
{
	struct resp r;
	size_t n;
	char *plain;

	CHECK_INT(get("/big", "Accept-Encoding: deflate, gzip;q=0.5\r\n", &r),
	          0);
	CHECK_INT(r.status, 200);
	CHECK_STR(hdr(&r, "Content-Encoding"), "gzip");
	CHECK_STR(hdr(&r, "Vary"), "Accept-Encoding");
	CHECK(r.body_len < strlen(big_page) / 2);
	plain = gunzip(r.body, r.body_len, &n);
	CHECK(plain && n == strlen(big_page) &&
	      memcmp(plain, big_page, n) == 0);
	free(plain);
	resp_free(&r);
	CHECK_INT(get("/big", "Accept-Encoding: gzip;q=0, deflate\r\n", &r), 0);
	CHECK(hdr(&r, "Content-Encoding") == NULL);
	CHECK_STR(hdr(&r, "Vary"), "Accept-Encoding");
	CHECK_INT(r.body_len, strlen(big_page));
	resp_free(&r);
	CHECK_INT(get("/big", NULL, &r), 0);
	CHECK(hdr(&r, "Content-Encoding") == NULL);
	CHECK_INT(r.body_len, strlen(big_page));
	resp_free(&r);
	/* Small responses are left alone. */
	CHECK_INT(get("/", "Accept-Encoding: gzip\r\n", &r), 0);
	CHECK(hdr(&r, "Content-Encoding") == NULL);
	CHECK_STR(r.body, "hello");
	resp_free(&r);
}

static void test_form(void)
{
	struct resp r;
	const char *f = "name=Ann+Lee&msg=caf%C3%A9+%26+tea&x=";
	const char *ct = "application/x-www-form-urlencoded";

	CHECK_INT(post("/form", ct, f, strlen(f), &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "name=Ann Lee msg=caf\xc3\xa9 & tea n=3");
	resp_free(&r);
	CHECK_INT(post("/form", ct, "msg=%E9", 7, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	CHECK_INT(post("/form", ct, "msg=%", 5, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	/* Charset parameter and case do not matter. */
	CHECK_INT(post("/form",
	               "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
	               "name=b", 6, &r),
	          0);
	CHECK_STR(r.body, "name=b msg=- n=1");
	resp_free(&r);
	/* Other types reach the handler as a raw body. */
	CHECK_INT(post("/json", "application/json", "{\"a\":1}", 7, &r), 0);
	CHECK_STR(r.body, "len=7 first={");
	resp_free(&r);
}

static void test_upload(void)
{
	struct buf b = BUF_INIT;
	struct resp r;
	size_t flen = LIMIT_BODY_BYTES + 1000; /* over the form limit */
	const char *ct = "multipart/form-data; boundary=\"--bOuNdArY\"";

	buf_puts(&b, "----bOuNdArY\r\nContent-Disposition: form-data; "
	             "name=\"title\"\r\n\r\nA photo\r\n"
	             "----bOuNdArY\r\nContent-Disposition: form-data; "
	             "name=\"photo\"; filename=\"../../x/scan.jpg\"\r\n"
	             "Content-Type: image/jpeg\r\n\r\n");
	buf_putc(&b, (char)0xff);
	for (size_t i = 1; i + 1 < flen; i++)
		buf_putc(&b, (char)(i % 251));
	buf_putc(&b, 0x7f);
	buf_puts(&b, "\r\n----bOuNdArY--\r\n");
	CHECK_INT(post("/upload", ct, b.p, b.len, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(
	        r.body,
	        "file=scan.jpg type=image/jpeg len=263144 title=A photo ok=1");
	resp_free(&r);
	/* Broken multipart: 400. */
	CHECK_INT(post("/upload", ct, "garbage", 7, &r), 0);
	CHECK_INT(r.status, 400);
	resp_free(&r);
	/* Multipart beyond the upload limit: 413 before the body is read. */
	{
		char *h;
		int n = asprintf(&h,
		                 "POST /upload HTTP/1.1\r\nHost: t\r\n"
		                 "Connection: close\r\nContent-Type: %s\r\n"
		                 "Content-Length: %d\r\n\r\n",
		                 ct, LIMIT_UPLOAD_BYTES + 1);
		CHECK_INT(raw(h, (size_t)n, &r), 0);
		CHECK_INT(r.status, 413);
		resp_free(&r);
		free(h);
	}
	buf_free(&b);
}

static void test_cookies(void)
{
	struct resp r;

	CHECK_INT(get("/cookies", "Cookie: theme=dark; sid=s3cr3t; lang=vi\r\n",
	              &r),
	          0);
	CHECK_STR(r.body, "sid=s3cr3t lang=vi");
	resp_free(&r);
	CHECK_INT(get("/cookies", NULL, &r), 0);
	CHECK_STR(r.body, "sid=- lang=-");
	resp_free(&r);
	CHECK_INT(get("/setcookie", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_INT(count_hdr(&r, "Set-Cookie"), 3);
	CHECK(strstr(r.head, "Set-Cookie: sid=abc123; Path=/; HttpOnly; "
	                     "SameSite=Lax\r\n") != NULL);
	CHECK(strstr(r.head, "Set-Cookie: pref=x.y-z; Path=/qa; Max-Age=3600; "
	                     "HttpOnly; SameSite=Strict\r\n") != NULL);
	CHECK(strstr(r.head, "Set-Cookie: old=; Path=/; Max-Age=0; "
	                     "SameSite=Lax\r\n") != NULL);
	resp_free(&r);
}

static void test_static(void)
{
	struct resp r;
	char etag[64], etag_gz[64], *h;

	CHECK_INT(get("/static/site.css", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(hdr(&r, "Content-Type"), "text/css; charset=utf-8");
	CHECK_STR(hdr(&r, "Cache-Control"), "public, max-age=3600");
	CHECK_STR(hdr(&r, "Vary"), "Accept-Encoding");
	CHECK_INT(r.body_len, strlen(css));
	CHECK(hdr(&r, "ETag") && strlen(hdr(&r, "ETag")) == 34);
	snprintf(etag, sizeof(etag), "%s",
	         hdr(&r, "ETag") ? hdr(&r, "ETag") : "");
	resp_free(&r);
	/* Versioned URLs are immutable. */
	CHECK_INT(get("/static/site.css?v=abc", NULL, &r), 0);
	CHECK_STR(hdr(&r, "Cache-Control"),
	          "public, max-age=31536000, immutable");
	CHECK_STR(hdr(&r, "ETag"), etag);
	resp_free(&r);
	/* Conditional GET. */
	h = malloc(128);
	snprintf(h, 128, "If-None-Match: \"nope\", %s\r\n", etag);
	CHECK_INT(get("/static/site.css", h, &r), 0);
	CHECK_INT(r.status, 304);
	CHECK_INT(r.body_len, 0);
	CHECK_STR(hdr(&r, "ETag"), etag);
	resp_free(&r);
	/* The precomputed gzip variant has its own ETag. */
	CHECK_INT(get("/static/site.css", "Accept-Encoding: gzip\r\n", &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(hdr(&r, "Content-Encoding"), "gzip");
	snprintf(etag_gz, sizeof(etag_gz), "%s",
	         hdr(&r, "ETag") ? hdr(&r, "ETag") : "");
	CHECK(strcmp(etag, etag_gz) != 0);
	{
		size_t n;
		char *plain = gunzip(r.body, r.body_len, &n);
		CHECK(plain && n == strlen(css) && memcmp(plain, css, n) == 0);
		free(plain);
	}
	resp_free(&r);
	snprintf(h, 128, "If-None-Match: %s\r\nAccept-Encoding: gzip\r\n",
	         etag_gz);
	CHECK_INT(get("/static/site.css", h, &r), 0);
	CHECK_INT(r.status, 304);
	resp_free(&r);
	free(h);
	CHECK_INT(get("/static/img/logo.png", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(hdr(&r, "Content-Type"), "image/png");
	CHECK_INT(r.body_len, sizeof(png) - 1);
	CHECK(memcmp(r.body, png, r.body_len) == 0);
	resp_free(&r);
	/* What must not be served. */
	static const char *bad[] = {
	        "/static/missing.css",
	        "/static/../templates/page.mustache",
	        "/static/%2e%2e/templates/page.mustache",
	        "/static/img/..%2Flogo.png",
	        "/static/.hidden",
	        "/static/",
	        "/static//site.css",
	        "/static/templates/page.mustache",
	        "/static/escape.txt",
	        "/static/sub/../dev.css",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(get(bad[i], NULL, &r), 0);
		if (r.status != 404)
			fprintf(stderr, "  for %s\n", bad[i]);
		CHECK_INT(r.status, 404);
		resp_free(&r);
	}
	/* The override folder: read per request, revalidated. */
	CHECK_INT(get("/static/dev.css", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "body{}\n");
	CHECK_STR(hdr(&r, "Cache-Control"), "no-cache");
	CHECK(hdr(&r, "ETag") != NULL);
	resp_free(&r);
}

static void test_healthz(void)
{
	struct resp r;

	CHECK_INT(get("/healthz", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "ok\n");
	CHECK_STR(hdr(&r, "Content-Type"), "text/plain; charset=utf-8");
	resp_free(&r);
	health_fails = 1;
	CHECK_INT(get("/healthz", NULL, &r), 0);
	CHECK_INT(r.status, 503);
	resp_free(&r);
	/* degraded: still serving, so a balancer keeps it; the body says
	 * what does not work */
	health_fails = 2;
	CHECK_INT(get("/healthz", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "degraded: database locked\n");
	resp_free(&r);
	health_fails = 0;
}

static void test_errors(void)
{
	struct resp r;

	CHECK_INT(get("/fail", NULL, &r), 0);
	CHECK_INT(r.status, 500);
	CHECK_STR(r.body, "<main>custom 500</main>");
	CHECK(hdr(&r, "X-Leak") == NULL);
	resp_free(&r);
	CHECK_INT(get("/noresp", NULL, &r), 0);
	CHECK_INT(r.status, 500);
	resp_free(&r);
	CHECK_INT(get("/redirect", NULL, &r), 0);
	CHECK_INT(r.status, 303);
	CHECK_STR(hdr(&r, "Location"), "/qa/1");
	resp_free(&r);
	CHECK_INT(get("/headers", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK(hdr(&r, "X-Frame-Options") == NULL);
	CHECK_STR(hdr(&r, "X-Test"), "2");
	CHECK_INT(count_hdr(&r, "X-Test"), 1);
	CHECK_STR(hdr(&r, "X-Content-Type-Options"), "nosniff");
	resp_free(&r);
}

/* Two requests in turn on one connection (libmicrohttpd closes pipelined
 * connections, so wait for the first answer before the second request). */
static void test_keepalive(void)
{
	const char *one = "GET /qa/1 HTTP/1.1\r\nHost: t\r\n\r\n";
	const char *two = "GET /qa/2 HTTP/1.1\r\nHost: t\r\n"
	                  "Connection: close\r\n\r\n";
	struct buf in = BUF_INIT;
	char chunk[4096];
	int fd = connect_to(port);
	ssize_t n;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(send(fd, one, strlen(one), MSG_NOSIGNAL) > 0);
	while (!(in.len && strstr(in.p, "qa=1 q=-")) &&
	       (n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		buf_append(&in, chunk, (size_t)n);
	CHECK(in.len && strstr(in.p, "Connection: close") == NULL);
	CHECK(send(fd, two, strlen(two), MSG_NOSIGNAL) > 0);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		buf_append(&in, chunk, (size_t)n);
	CHECK(in.len && strstr(in.p, "qa=2 q=-") != NULL);
	close(fd);
	buf_free(&in);
}

static void test_metrics(void)
{
	struct resp r;

	CHECK_INT(get("/metrics", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(hdr(&r, "Content-Type"), "text/plain; version=0.0.4") !=
	      NULL);
	CHECK(strstr(r.body, "# TYPE askdoc_http_requests_total counter\n"));
	CHECK(strstr(r.body, "askdoc_http_requests_total{method=\"GET\","
	                     "route=\"/qa/:id\",status=\"2xx\"} "));
	CHECK(strstr(r.body, "askdoc_http_requests_total{method=\"-\","
	                     "route=\"unmatched\",status=\"4xx\"} "));
	CHECK(strstr(r.body, "askdoc_http_requests_total{method=\"GET\","
	                     "route=\"/fail\",status=\"5xx\"} 1\n"));
	CHECK(strstr(r.body, "# TYPE askdoc_http_request_duration_seconds "
	                     "histogram\n"));
	CHECK(strstr(r.body, "askdoc_http_request_duration_seconds_bucket{"
	                     "method=\"GET\",route=\"/\",le=\"+Inf\"} "));
	CHECK(strstr(r.body, "askdoc_http_request_duration_seconds_count{"
	                     "method=\"GET\",route=\"/\"} "));
	CHECK(strstr(r.body, "askdoc_http_requests_in_flight 1\n"));
	CHECK(strstr(r.body, "askdoc_http_response_bytes_total "));
	CHECK(strstr(r.body, "askdoc_test_hook 42\n"));
	/* Raw paths and query strings never become labels. */
	CHECK(strstr(r.body, "secret") == NULL);
	CHECK(strstr(r.body, "/qa/42") == NULL);
	resp_free(&r);
}

static void *slow_client(void *arg)
{
	struct resp *r = arg;

	get("/slow", NULL, r);
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_graceful_stop(struct http_server *srv)
{
	pthread_t t;
	struct resp r;
	double t0;

	pthread_create(&t, NULL, slow_client, &r);
	while (!atomic_load(&slow_started)) {
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	t0 = now_s();
	http_server_stop(srv);
	CHECK(now_s() - t0 > 0.2); /* it waited for the handler */
	pthread_join(t, NULL);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body, "slow done");
	resp_free(&r);
	CHECK(connect_to(port) < 0); /* no longer listening */
	CHECK_INT(http_server_port(srv), 0);
	http_server_stop(srv); /* twice is fine */
}

struct runner {
	struct http_server *srv;
	int rc;
};

static void *run_signal(void *arg)
{
	struct runner *ru = arg;

	ru->rc = http_server_run_until_signal(ru->srv);
	return NULL;
}

static void test_run_until_signal(struct http_server *srv2)
{
	struct runner ru = {srv2, -99};
	struct timespec ts = {0, 200 * 1000 * 1000};
	pthread_t t;
	struct resp r;
	int p2 = http_server_port(srv2);

	pthread_create(&t, NULL, run_signal, &ru);
	nanosleep(&ts, NULL);
	CHECK_INT(req_to(p2, "GET", "/setcookie", NULL, &r), 0);
	CHECK_INT(r.status, 200);
	/* https: HSTS and Secure cookies. */
	CHECK_STR(hdr(&r, "Strict-Transport-Security"), "max-age=31536000");
	CHECK(strstr(r.head, "sid=abc123; Path=/; HttpOnly; Secure; "
	                     "SameSite=Lax") != NULL);
	resp_free(&r);
	pthread_kill(t, SIGTERM);
	pthread_join(t, NULL);
	CHECK_INT(ru.rc, 0);
	CHECK(connect_to(p2) < 0);
}

/* IPv6 loopback, when the machine has it. */
static void test_ipv6(const struct http_config *base)
{
	struct http_config cfg = *base;
	struct http_server *s6;
	struct sockaddr_in6 a;
	const char *req = "GET /healthz HTTP/1.1\r\nHost: t\r\n"
	                  "Connection: close\r\n\r\n";
	char in[2048];
	size_t got = 0;
	ssize_t n;
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	cfg.listen = "[::1]:0";
	cfg.access_log = 0;
	cfg.static_dir = NULL;
	s6 = http_server_new(&cfg);
	CHECK(s6 != NULL);
	if (fd < 0 || !s6 || http_server_start(s6) != 0) {
		printf("SKIP test_ipv6: no IPv6 loopback\n");
		if (fd >= 0)
			close(fd);
		http_server_free(s6);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	a.sin6_port = htons((uint16_t)http_server_port(s6));
	a.sin6_addr = in6addr_loopback;
	CHECK(http_server_port(s6) > 0);
	CHECK_INT(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	CHECK(send(fd, req, strlen(req), MSG_NOSIGNAL) > 0);
	while (got < sizeof(in) - 1 &&
	       (n = recv(fd, in + got, sizeof(in) - 1 - got, 0)) > 0)
		got += (size_t)n;
	in[got] = '\0';
	close(fd);
	CHECK(strncmp(in, "HTTP/1.1 200", 12) == 0);
	CHECK(strstr(in, "\r\n\r\nok\n") != NULL);
	http_server_free(s6);
}

static void make_static_dir(void)
{
	char path[128];
	FILE *f;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/askdoc-http-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/dev.css", tmpdir);
	f = fopen(path, "w");
	fputs("body{}\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/sub", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/escape.txt", tmpdir);
	if (symlink("/etc/passwd", path) < 0)
		perror("symlink");
}

static void remove_static_dir(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/dev.css", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/escape.txt", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

int main(void)
{
	struct http_config cfg;
	struct http_server *srv, *srv2;
	static int hook_value = 42;

	static const char line[] = "<p>Hepatitis C and liver care.</p>\n";
	static const char rule[] = "body { color: #123; margin: 0 auto; }\n";

	for (size_t i = 0; i + 1 < sizeof(big_page); i++)
		big_page[i] = line[i % (sizeof(line) - 1)];
	for (size_t i = 0; i + 1 < sizeof(css); i++)
		css[i] = rule[i % (sizeof(rule) - 1)];
	files[0].len = strlen(css);
	make_static_dir();

	memset(&cfg, 0, sizeof(cfg));
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.routes = routes;
	cfg.n_routes = sizeof(routes) / sizeof(routes[0]);
	cfg.static_files = files;
	cfg.static_dir = tmpdir;
	cfg.access_log = 1;
	cfg.shutdown_ms = 5000;
	CHECK(http_server_new(&(struct http_config){.listen = "nonsense"}) ==
	      NULL);
	srv = http_server_new(&cfg);
	CHECK(srv != NULL);
	if (!srv)
		return test_summary();
	http_server_set_error_renderer(srv, render_error);
	http_server_set_before(srv, before);
	http_server_set_health_check(srv, health, &health_fails);
	http_metrics_register(metrics_hook, &hook_value);
	CHECK_INT(http_server_start(srv), 0);
	CHECK_INT(http_server_start(srv), HTTP_EINVAL);
	port = http_server_port(srv);
	CHECK(port > 0);

	cfg.https = 1;
	cfg.static_dir = NULL;
	cfg.access_log = 0;
	srv2 = http_server_new(&cfg);
	CHECK(srv2 != NULL);
	CHECK_INT(http_server_start(srv2), 0);

	RUN(test_basic);
	RUN(test_access_log);
	test_current = "test_ipv6";
	test_ipv6(&cfg);
	log_set_level(LOG_WARN); /* the access log was exercised; quiet now */
	RUN(test_params_query);
	RUN(test_404_405);
	RUN(test_before_hook);
	RUN(test_400);
	test_current = "test_400_fallback_page";
	test_400_fallback_page(http_server_port(srv2));
	RUN(test_414);
	RUN(test_413);
	RUN(test_head);
	RUN(test_gzip);
	RUN(test_form);
	RUN(test_upload);
	RUN(test_cookies);
	RUN(test_static);
	RUN(test_healthz);
	RUN(test_errors);
	RUN(test_keepalive);
	RUN(test_metrics);
	test_current = "test_graceful_stop";
	test_graceful_stop(srv);
	test_current = "test_run_until_signal";
	test_run_until_signal(srv2);
	http_server_free(srv);
	http_server_free(srv2);
	remove_static_dir();
	return test_summary();
}
