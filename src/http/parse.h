/* http/parse.h: pure parsers for the pieces of an HTTP request.
 *
 * Query strings, urlencoded and multipart forms, Cookie headers,
 * Accept-Encoding, If-None-Match and header parameters. Nothing here knows
 * libmicrohttpd or the server: every function takes bytes (not necessarily
 * NUL-terminated) and an arena, and hands results back through
 * out-parameters, so each one can be unit-tested and fuzzed on its own.
 *
 * Invariants of every parser: results live in the arena; every name and
 * text value is NUL-terminated, valid UTF-8 and free of NUL bytes; a
 * parser that fails leaves *out and *n_out untouched. Limits come from
 * limits.h (LIMIT_FORM_FIELDS, LIMIT_FIELD_BYTES, LIMIT_COOKIES).
 */
#ifndef ASKDOC_HTTP_PARSE_H
#define ASKDOC_HTTP_PARSE_H

#include <stddef.h>

struct arena;

/* Error codes of the parsers (and of the http layer: http.h): the HTTP
 * layer's own space, -301 to -399 (tmpl/tmpl.h says who has which). */
enum {
	HTTP_EESCAPE = -301,    /* a '%' not followed by two hex digits */
	HTTP_EUTF8 = -302,      /* decoded text is not valid UTF-8 */
	HTTP_ENUL = -303,       /* decoded text contains a NUL byte */
	HTTP_ETOOMANY = -304,   /* more fields (or cookies) than the limit */
	HTTP_ETOOBIG = -305,    /* a field longer than LIMIT_FIELD_BYTES */
	HTTP_EMALFORMED = -306, /* syntax error (multipart, header parameter) */
	HTTP_EINVAL = -307,     /* bad argument from the caller */
	HTTP_ENOTFOUND = -308,  /* no route for the path */
	HTTP_EMETHOD = -309,    /* a route for the path, not for the method */
	HTTP_ESYS = -310,       /* a system call failed (see the log) */
};

/* Return a short English description of an error code above ("invalid
 * percent-encoding"); never NULL. */
const char *http_strerror(int rc);

/* One name/value pair of a query string, form or cookie header. For
 * multipart file parts, filename is non-NULL (possibly "") and value holds
 * the raw bytes (not checked for UTF-8, NUL-terminated for convenience). */
struct http_kv {
	const char *name;
	const char *value;
	size_t len;               /* bytes in value, without the NUL */
	const char *filename;     /* multipart file parts only, else NULL */
	const char *content_type; /* multipart parts that sent one, else NULL */
};

/* Percent-decode the n bytes at s into a new arena string (*out, length
 * *out_len); with plus set, '+' decodes to a space (forms and queries).
 * Returns 0, HTTP_EESCAPE, HTTP_EUTF8 or HTTP_ENUL. */
int http_decode(struct arena *a, const char *s, size_t n, int plus, char **out,
                size_t *out_len);

/* Parse a query string (without the '?') or an
 * application/x-www-form-urlencoded body: name=value pairs split by '&',
 * '+' as space, percent-decoded; empty pairs are skipped, a pair without
 * '=' has the value "". Duplicates are kept in order. Returns 0 and the
 * array in *out (*n_out entries, NULL when none), or HTTP_EESCAPE,
 * HTTP_EUTF8, HTTP_ENUL, HTTP_ETOOMANY, HTTP_ETOOBIG. */
int http_parse_query(struct arena *a, const char *s, size_t n,
                     struct http_kv **out, size_t *n_out);

/* Parse a Cookie header ("a=1; b=2"). Values are returned as sent (not
 * percent-decoded; surrounding double quotes removed). Pairs that break
 * RFC 6265 (no '=', bad name, bytes outside cookie-octet) are skipped
 * rather than failing the request, since other sites on the same domain
 * may set odd cookies. Returns 0, or HTTP_ETOOMANY when the header holds
 * more than LIMIT_COOKIES pairs. */
int http_parse_cookies(struct arena *a, const char *s, size_t n,
                       struct http_kv **out, size_t *n_out);

/* Find parameter name in a header value such as
 * `multipart/form-data; boundary="x"` or `form-data; name="f"` (the part
 * before the first ';' is skipped). Parameter names compare
 * case-insensitively; quoted strings are unquoted. Returns 0 with *out set
 * to an arena string, or to NULL when the parameter is absent; returns
 * HTTP_EMALFORMED on a broken quoted string. */
int http_header_param(struct arena *a, const char *s, size_t n,
                      const char *name, char **out);

/* Return 1 if the media type of a Content-Type value s (NULL allowed)
 * equals type, ignoring case and parameters, else 0. */
int http_mime_is(const char *s, const char *type);

/* Parse a multipart/form-data body whose boundary is given (from
 * http_header_param on the Content-Type). Text parts must be UTF-8
 * without NULs and at most LIMIT_FIELD_BYTES; file parts (those with a
 * filename) may hold any bytes. Filenames lose any directory part.
 * Returns 0, or HTTP_EMALFORMED, HTTP_EUTF8, HTTP_ENUL, HTTP_ETOOMANY,
 * HTTP_ETOOBIG. */
int http_parse_multipart(struct arena *a, const char *boundary,
                         const char *body, size_t n, struct http_kv **out,
                         size_t *n_out);

/* Return 1 if an Accept-Encoding value (NULL allowed) accepts gzip: gzip
 * or x-gzip listed with q > 0, or else "*" with q > 0. "gzip;q=0" refuses
 * it. Entries with a malformed q-value are ignored. */
int http_accepts_gzip(const char *s);

/* Return 1 if an If-None-Match value (NULL allowed) matches etag (a quoted
 * entity tag such as "\"abc\""), by the weak comparison of RFC 9110
 * (W/ prefixes ignored, "*" matches anything), else 0. */
int http_etag_match(const char *if_none_match, const char *etag);

#endif
