/* http/static.c: files under /static/, from the compiled-in table or an
 * override folder.
 *
 * At server creation every "static/..." entry of the embedded table gets
 * its Content-Type, an ETag (BLAKE2b of the content) and, for text types, a
 * gzip copy made once at level 9; requests then cost a binary search and no
 * copying. URLs carrying a version query (?v=...) are cached for a year as
 * immutable, others for an hour. The override folder (--static) is for
 * development: files there are read on each request, revalidated with
 * no-cache, and may not escape the folder (no "..", no dot files, no
 * symlinks pointing outside, checked on the resolved path).
 */
#include "http/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/util.h"

/* Files in the override folder larger than this are not ours. */
#define STATIC_MAX_BYTES (64 * 1024 * 1024)

static const struct {
	const char *ext;
	const char *type;
} mime_types[] = {
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"map", "application/json"},
        {"webmanifest", "application/manifest+json"},
        {"html", "text/html; charset=utf-8"},
        {"txt", "text/plain; charset=utf-8"},
        {"xml", "application/xml"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"avif", "image/avif"},
        {"ico", "image/x-icon"},
        {"woff", "font/woff"},
        {"woff2", "font/woff2"},
        {"ttf", "font/ttf"},
        {"otf", "font/otf"},
        {"pdf", "application/pdf"},
};

const char *http_mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < ARRAY_SIZE(mime_types); i++)
			if (strcasecmp(dot + 1, mime_types[i].ext) == 0)
				return mime_types[i].type;
	return "application/octet-stream";
}

/* Write "\"<32 hex>\"" (35 bytes with the NUL) for the content. */
static void etag_of(const void *data, size_t len, char *out)
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	out[0] = '"';
	hex_encode(h, sizeof(h), out + 1);
	out[33] = '"';
	out[34] = '\0';
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct http_static_file *)a)->name,
	              ((const struct http_static_file *)b)->name);
}

int http_static_init(struct http_server *srv)
{
	const struct embedded_file *table =
	        srv->cfg.static_files ? srv->cfg.static_files : embedded_files;
	size_t n = 0;

	if (sodium_init() < 0)
		return HTTP_ESYS;
	for (const struct embedded_file *f = table; f->name; f++)
		n += str_starts(f->name, "static/");
	srv->statics = xcalloc(n, sizeof(*srv->statics));
	for (const struct embedded_file *f = table; f->name; f++) {
		struct http_static_file *s;
		if (!str_starts(f->name, "static/"))
			continue;
		s = &srv->statics[srv->n_statics++];
		s->name = f->name + 7;
		s->data = f->data;
		s->len = f->len;
		s->ctype = http_mime_type(f->name);
		etag_of(f->data, f->len, s->etag);
		memcpy(s->etag_gz, s->etag, 33);
		memcpy(s->etag_gz + 33, "-gz\"", 5);
		if (http_compressible(s->ctype) && f->len >= 256 &&
		    http_gzip(NULL, f->data, f->len, 9, &s->gz, &s->gz_len) ==
		            0 &&
		    s->gz_len >= f->len - f->len / 10) {
			free(s->gz); /* saves under 10%: not worth a variant */
			s->gz = NULL;
		}
	}
	qsort(srv->statics, srv->n_statics, sizeof(*srv->statics), by_name);
	if (srv->cfg.static_dir) {
		srv->static_root = realpath(srv->cfg.static_dir, NULL);
		if (!srv->static_root) {
			log_error("static folder unusable",
			          "path=\"%s\" err=%d", srv->cfg.static_dir,
			          errno);
			return HTTP_EINVAL;
		}
	}
	return 0;
}

void http_static_free(struct http_server *srv)
{
	for (size_t i = 0; i < srv->n_statics; i++)
		free(srv->statics[i].gz);
	free(srv->statics);
	free(srv->static_root);
	srv->statics = NULL;
	srv->static_root = NULL;
	srv->n_statics = 0;
}

/* Accept only plain relative paths: no empty, "." or ".." segments, no
 * dot files, no backslashes. */
static int rel_ok(const char *rel)
{
	const char *p = rel;

	if (!*p)
		return 0;
	for (;;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || p[0] == '.' || memchr(p, '\\', n))
			return 0;
		if (!p[n])
			return 1;
		p += n + 1;
	}
}

/* Serve rel from the override folder. Returns HTTP_ENOTFOUND when the
 * folder has no such file (the embedded table is tried next). */
static int serve_dir(struct http_request *req, const char *rel)
{
	const char *root = req->srv->static_root;
	size_t rlen = strlen(root), got = 0;
	char *full, *real = NULL, *data;
	struct stat st;
	int fd = -1, rc = HTTP_ENOTFOUND;
	char etag[36];

	full = arena_printf(req->arena, "%s/%s", root, rel);
	real = realpath(full, NULL);
	if (!real)
		goto done;
	if (strncmp(real, root, rlen) != 0 || real[rlen] != '/') {
		log_warn("static path escapes folder", "id=%s", req->id);
		goto done;
	}
	fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > STATIC_MAX_BYTES)
		goto done;
	data = arena_alloc(req->arena, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	data[got] = '\0';
	etag_of(data, got, etag);
	http_set_header(req, "ETag", etag);
	http_set_header(req, "Cache-Control", "no-cache");
	if (http_etag_match(http_header(req, "If-None-Match"), etag))
		rc = http_respond_static(req, 304, NULL, "", 0);
	else
		rc = http_respond_static(req, 200, http_mime_type(rel), data,
		                         got);
done:
	if (fd >= 0)
		close(fd);
	free(real);
	return rc;
}

int http_static_handler(struct http_request *req)
{
	struct http_server *srv = req->srv;
	const char *rel = http_param(req, "path");
	struct http_static_file key, *f;
	const char *etag;
	int gz;

	if (!rel || !rel_ok(rel))
		return http_layer_error(req, 404, "No such file.");
	if (srv->static_root) {
		int rc = serve_dir(req, rel);
		if (rc != HTTP_ENOTFOUND)
			return rc;
	}
	key.name = rel;
	f = bsearch(&key, srv->statics, srv->n_statics, sizeof(key), by_name);
	if (!f)
		return http_layer_error(req, 404, "No such file.");
	gz = f->gz && http_accepts_gzip(http_header(req, "Accept-Encoding"));
	etag = gz ? f->etag_gz : f->etag;
	http_no_compress(req);
	http_set_header(req, "ETag", etag);
	http_set_header(req, "Cache-Control",
	                http_query(req, "v")
	                        ? "public, max-age=31536000, immutable"
	                        : "public, max-age=3600");
	if (f->gz)
		http_set_header(req, "Vary", "Accept-Encoding");
	if (http_etag_match(http_header(req, "If-None-Match"), etag))
		return http_respond_static(req, 304, NULL, "", 0);
	if (gz)
		http_set_header(req, "Content-Encoding", "gzip");
	return http_respond_static(req, 200, f->ctype, gz ? f->gz : f->data,
	                           gz ? f->gz_len : f->len);
}
