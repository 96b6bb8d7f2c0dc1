/* fuzz/fuzz_http_headers.c: libFuzzer target for the small header
 * grammars: Cookie (http_parse_cookies), Accept-Encoding
 * (http_accepts_gzip), If-None-Match (http_etag_match), header parameters
 * (http_header_param) and media types (http_mime_is).
 *
 * Every input goes through every parser. The If-None-Match check splits
 * the input at its first newline into the header and the entity tag.
 * Checks: cookies keep only RFC 6265 names and values within the limit;
 * a header never accepts gzip nor matches a tag it does not mention.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "http/parse.h"
#include "limits.h"
#include "util/arena.h"

static int headers_tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int headers_octet(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' &&
	       c != '\\';
}

static void headers_cookies(struct arena *a, const uint8_t *data, size_t size)
{
	struct http_kv *kv = (struct http_kv *)&kv;
	size_t n = 12345;
	int rc = http_parse_cookies(a, (const char *)data, size, &kv, &n);

	if (rc) {
		FUZZ_CHECK(rc == HTTP_ETOOMANY);
		FUZZ_CHECK(n == 12345 && kv == (struct http_kv *)&kv);
		return;
	}
	FUZZ_CHECK(n <= LIMIT_COOKIES);
	FUZZ_CHECK(n == 0 ? kv == NULL : kv != NULL);
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(kv[i].name);
		FUZZ_CHECK(nl > 0);
		for (size_t j = 0; j < nl; j++)
			FUZZ_CHECK(headers_tchar((unsigned char)kv[i].name[j]));
		FUZZ_CHECK(fuzz_cstr_ok(kv[i].value, kv[i].len));
		for (size_t j = 0; j < kv[i].len; j++)
			FUZZ_CHECK(
			        headers_octet((unsigned char)kv[i].value[j]));
	}
}

static const char *const headers_params[] = {"boundary", "name", "filename",
                                             "charset", "q"};

int fuzz_http_headers(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = fuzz_cstr(data, size), *nl, *val;
	int rc;

	headers_cookies(a, data, size);

	rc = http_accepts_gzip(s);
	FUZZ_CHECK(rc == 0 || rc == 1);
	if (rc)
		FUZZ_CHECK(strcasestr(s, "gzip") || strchr(s, '*'));
	FUZZ_CHECK(http_accepts_gzip(NULL) == 0);

	nl = strchr(s, '\n');
	if (nl) {
		*nl = 0;
		rc = http_etag_match(s, nl + 1);
		FUZZ_CHECK(rc == 0 || rc == 1);
		if (rc) {
			const char *tag = nl + 1;
			if (tag[0] == 'W' && tag[1] == '/')
				tag += 2;
			FUZZ_CHECK(strchr(s, '*') || strstr(s, tag));
		}
		*nl = '\n';
	}
	FUZZ_CHECK(http_etag_match(NULL, "\"x\"") == 0);

	for (size_t i = 0; i < sizeof headers_params / sizeof *headers_params;
	     i++) {
		val = (char *)"unset";
		rc = http_header_param(a, (const char *)data, size,
		                       headers_params[i], &val);
		FUZZ_CHECK(rc == 0 || rc == HTTP_EMALFORMED);
		if (rc == 0 && val)
			FUZZ_CHECK(strlen(val) < size);
		if (rc)
			FUZZ_CHECK(val == NULL);
	}

	rc = http_mime_is(s, "multipart/form-data");
	FUZZ_CHECK(rc == 0 || rc == 1);
	if (rc)
		FUZZ_CHECK(strncasecmp(s + strspn(s, " \t"),
		                       "multipart/form-data", 19) == 0);
	rc = http_mime_is(s, "application/x-www-form-urlencoded");
	FUZZ_CHECK(rc == 0 || rc == 1);

	free(s);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_http_headers(data, size);
}
#endif
