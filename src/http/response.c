/* http/response.c: building a response: body, headers, cookies, redirects,
 * error pages, and the last step before sending (defaults, gzip, Vary).
 *
 * A response is plain data in the request (status, header list, body
 * pointer); server.c hands it to libmicrohttpd after the handler returns.
 * Header values are checked here for CR, LF and other control characters,
 * so a value taken from user input can never split a header. Security
 * headers come from the server's defaults, which a response may override
 * or remove header by header.
 */
#include "http/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/util.h"

/* Responses smaller than this are not worth gzip's header and CPU. */
#define GZIP_MIN_BYTES 1024
/* Level 5 compresses HTML nearly as well as 9 at a fraction of the cost;
 * static files are compressed once at level 9. */
#define GZIP_LEVEL 5

/* Return 1 if s has no control characters (so it cannot split a header). */
static int header_safe(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 ? *s != '\t' : *s == 0x7f)
			return 0;
	return 1;
}

static int token_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c >= 0x7f || strchr("()<>@,;:\\\"/[]?={}", c))
			return 0;
	}
	return 1;
}

static void hdr_push(struct http_request *req, const char *name,
                     const char *value)
{
	if (req->n_hdrs == req->cap_hdrs) {
		size_t cap = req->cap_hdrs ? req->cap_hdrs * 2 : 16;
		struct http_hdr *h =
		        ARENA_ARRAY(req->arena, struct http_hdr, cap);
		if (req->n_hdrs)
			memcpy(h, req->hdrs, req->n_hdrs * sizeof(*h));
		req->hdrs = h;
		req->cap_hdrs = cap;
	}
	req->hdrs[req->n_hdrs].name = name;
	req->hdrs[req->n_hdrs].value = value;
	req->n_hdrs++;
}

static struct http_hdr *hdr_find(struct http_request *req, const char *name)
{
	for (size_t i = 0; i < req->n_hdrs; i++)
		if (strcasecmp(req->hdrs[i].name, name) == 0)
			return &req->hdrs[i];
	return NULL;
}

const char *http_response_header(struct http_request *req, const char *name)
{
	struct http_hdr *h = hdr_find(req, name);
	return h ? h->value : NULL;
}

/* Set without copying: name and value must live as long as the request. */
static void hdr_set(struct http_request *req, const char *name,
                    const char *value)
{
	struct http_hdr *h = hdr_find(req, name);

	if (h)
		h->value = value;
	else
		hdr_push(req, name, value);
}

int http_set_header(struct http_request *req, const char *name,
                    const char *value)
{
	if (!token_ok(name) || (value && !header_safe(value)))
		return HTTP_EINVAL;
	hdr_set(req, arena_strdup(req->arena, name),
	        value ? arena_strdup(req->arena, value) : NULL);
	return 0;
}

static int respond(struct http_request *req, int status, const char *ctype,
                   const char *body, size_t len)
{
	if (status < 100 || status > 599 || (ctype && !header_safe(ctype)))
		return HTTP_EINVAL;
	req->responded = 1;
	req->status = status;
	req->body_out = body;
	req->len_out = len;
	if (ctype)
		hdr_set(req, "Content-Type", arena_strdup(req->arena, ctype));
	return 0;
}

int http_respond(struct http_request *req, int status, const char *content_type,
                 const void *body, size_t len)
{
	char *copy = arena_alloc(req->arena, len + 1);

	if (len)
		memcpy(copy, body, len);
	copy[len] = '\0';
	return respond(req, status, content_type, copy, len);
}

int http_respond_static(struct http_request *req, int status,
                        const char *content_type, const void *body, size_t len)
{
	return respond(req, status, content_type, body, len);
}

int http_respond_buf(struct http_request *req, int status,
                     const char *content_type, struct buf *b)
{
	size_t len;
	char *p = buf_detach(b, &len);
	int rc = respond(req, status, content_type, p, len);

	if (rc) {
		free(p);
		return rc;
	}
	free(req->free_out);
	req->free_out = p;
	return 0;
}

void http_no_compress(struct http_request *req)
{
	req->no_compress = 1;
}

int http_set_cookie(struct http_request *req, const char *name,
                    const char *value, const struct http_cookie_opts *opts)
{
	static const struct http_cookie_opts defaults = {0, 1, NULL, 0, NULL};
	const char *same_site, *path;
	struct buf b = BUF_INIT;
	int rc = 0;

	if (!opts)
		opts = &defaults;
	same_site = opts->same_site ? opts->same_site : "Lax";
	path = opts->path ? opts->path : "/";
	if (!token_ok(name) || !value || !header_safe(path) ||
	    strchr(path, ';')) {
		rc = HTTP_EINVAL;
		goto done;
	}
	for (const char *v = value; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' ||
		    c == ';' || c == '\\') {
			rc = HTTP_EINVAL;
			goto done;
		}
	}
	if (strcmp(same_site, "Strict") && strcmp(same_site, "Lax") &&
	    strcmp(same_site, "None")) {
		rc = HTTP_EINVAL;
		goto done;
	}
	buf_printf(&b, "%s=%s; Path=%s", name, value, path);
	if (opts->max_age > 0)
		buf_printf(&b, "; Max-Age=%ld", opts->max_age);
	else if (opts->max_age < 0)
		buf_puts(&b, "; Max-Age=0");
	if (opts->http_only)
		buf_puts(&b, "; HttpOnly");
	/* Browsers drop SameSite=None cookies that are not Secure. */
	if (opts->secure || req->srv->cfg.https ||
	    strcmp(same_site, "None") == 0)
		buf_puts(&b, "; Secure");
	buf_printf(&b, "; SameSite=%s", same_site);
	/* Several Set-Cookie headers may coexist: append, never replace. */
	hdr_push(req, "Set-Cookie", arena_strndup(req->arena, b.p, b.len));
done:
	buf_free(&b);
	return rc;
}

int http_redirect(struct http_request *req, int status, const char *location)
{
	if ((status < 301 || status > 303) && status != 307 && status != 308)
		return HTTP_EINVAL;
	if (!location || !*location || !header_safe(location))
		return HTTP_EINVAL;
	hdr_set(req, "Location", arena_strdup(req->arena, location));
	return respond(req, status, NULL, "", 0);
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return status >= 500 ? "Server Error" : "Error";
}

int http_error(struct http_request *req, int status, const char *message)
{
	struct http_server *srv = req->srv;
	struct buf b = BUF_INIT;

	if (status < 400 || status > 599)
		status = 500;
	if (!message)
		message = reason(status);
	/* A renderer that fails by calling http_error gets the plain page. */
	if (srv->error_renderer && !req->in_error) {
		int rc;
		req->responded = 0;
		req->in_error = 1;
		rc = srv->error_renderer(req, status, message);
		req->in_error = 0;
		if (rc == 0 && req->responded && req->status == status)
			return 0;
		log_warn("error renderer failed", "status=%d rc=%d id=%s",
		         status, rc, req->id);
	}
	buf_printf(&b,
	           "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
	           "<title>%d %s</title></head>\n<body><h1>%d %s</h1>\n<p>",
	           status, reason(status), status, reason(status));
	buf_html(&b, message, strlen(message));
	buf_puts(&b, "</p></body></html>\n");
	return http_respond_buf(req, status, "text/html; charset=utf-8", &b);
}

int http_layer_error(struct http_request *req, int status, const char *message)
{
	int rc;

	req->layer_error = 1;
	rc = http_error(req, status, message);
	req->layer_error = 0;
	return rc;
}

int http_error_from_layer(struct http_request *req)
{
	return req->layer_error;
}

void http_response_reset(struct http_request *req)
{
	req->responded = 0;
	req->status = 0;
	req->body_out = NULL;
	req->len_out = 0;
	free(req->free_out);
	req->free_out = NULL;
	req->n_hdrs = 0;
	req->no_compress = 0;
}

int http_compressible(const char *ct)
{
	if (!ct)
		return 0;
	if (strncasecmp(ct, "text/", 5) == 0)
		return 1;
	return strstr(ct, "json") || strstr(ct, "javascript") ||
	       strstr(ct, "xml") || strstr(ct, "svg");
}

/* Each worker thread keeps one deflate stream and resets it per response:
 * deflateInit allocates about 300 KB, which costs more than compressing
 * a typical page. The key's destructor frees it when the thread exits. */
static pthread_key_t zkey;
static pthread_once_t zonce = PTHREAD_ONCE_INIT;

static void zstream_free(void *p)
{
	deflateEnd(p);
	free(p);
}

static void zkey_init(void)
{
	if (pthread_key_create(&zkey, zstream_free) != 0)
		abort();
}

static int deflate_all(z_stream *z, struct arena *a, const void *in, size_t n,
                       char **out, size_t *out_len)
{
	uLong cap = deflateBound(z, (uLong)n);
	char *p = a ? arena_alloc(a, cap) : xmalloc(cap);
	int rc;

	z->next_in = (Bytef *)(uintptr_t)in;
	z->avail_in = (uInt)n;
	z->next_out = (Bytef *)p;
	z->avail_out = (uInt)cap;
	rc = deflate(z, Z_FINISH);
	*out_len = z->total_out;
	if (rc != Z_STREAM_END) {
		if (!a)
			free(p);
		return HTTP_ESYS;
	}
	*out = p;
	return 0;
}

int http_gzip(struct arena *a, const void *in, size_t n, int level, char **out,
              size_t *out_len)
{
	z_stream z;
	int rc;

	memset(&z, 0, sizeof(z));
	/* windowBits 15 + 16: a gzip wrapper rather than zlib's. */
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return HTTP_ESYS;
	rc = deflate_all(&z, a, in, n, out, out_len);
	deflateEnd(&z);
	return rc;
}

/* Gzip a response body into the arena with this thread's stream. */
static int gzip_response(struct arena *a, const void *in, size_t n, char **out,
                         size_t *out_len)
{
	z_stream *z;

	pthread_once(&zonce, zkey_init);
	z = pthread_getspecific(zkey);
	if (z) {
		deflateReset(z);
	} else {
		z = xcalloc(1, sizeof(*z));
		if (deflateInit2(z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
		                 Z_DEFAULT_STRATEGY) != Z_OK) {
			free(z);
			return HTTP_ESYS;
		}
		pthread_setspecific(zkey, z);
	}
	return deflate_all(z, a, in, n, out, out_len);
}

/* Add Accept-Encoding to the Vary header, keeping what the handler set. */
static void add_vary(struct http_request *req)
{
	struct http_hdr *h = hdr_find(req, "Vary");

	if (!h || !h->value)
		hdr_set(req, "Vary", "Accept-Encoding");
	else if (!strcasestr(h->value, "accept-encoding"))
		h->value = arena_printf(req->arena, "%s, Accept-Encoding",
		                        h->value);
}

void http_response_finish(struct http_request *req)
{
	struct http_server *srv = req->srv;
	const char *ctype = http_response_header(req, "Content-Type");

	for (size_t i = 0; i < srv->n_defaults; i++)
		if (!hdr_find(req, srv->defaults[i].name))
			hdr_push(req, srv->defaults[i].name,
			         srv->defaults[i].value);
	hdr_set(req, "X-Request-Id", req->id);
	if (atomic_load(&srv->stopping))
		hdr_set(req, "Connection", "close");
	/* BREACH: an HTML page carries the CSRF and form tokens (every
	 * signed-in page does, in its header) and may reflect what the
	 * request sent (a search query, a form shown again); compressed,
	 * its length would tell an attacker who chooses the reflected text
	 * how much of it matches the token. Such pages are sent as they
	 * are; pages that reflect nothing are still compressed. */
	if (http_mime_is(ctype, "text/html") &&
	    (req->raw_query_len > 0 || req->has_body))
		return;
	if (req->no_compress || req->len_out < GZIP_MIN_BYTES ||
	    req->status == 204 || req->status == 304 ||
	    !http_compressible(ctype) ||
	    http_response_header(req, "Content-Encoding"))
		return;
	add_vary(req);
	if (http_accepts_gzip(http_header(req, "Accept-Encoding"))) {
		char *gz;
		size_t gz_len;
		if (gzip_response(req->arena, req->body_out, req->len_out, &gz,
		                  &gz_len) == 0 &&
		    gz_len < req->len_out) {
			req->body_out = gz;
			req->len_out = gz_len;
			hdr_set(req, "Content-Encoding", "gzip");
		}
	}
}
