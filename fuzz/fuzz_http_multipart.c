/* fuzz/fuzz_http_multipart.c: libFuzzer target for multipart/form-data
 * bodies (http_parse_multipart, with http_header_param finding the
 * boundary).
 *
 * Input: a Content-Type value, a newline, then the body. The boundary is
 * the Content-Type's boundary parameter, or the whole first line when it
 * has none (so the fuzzer can also pick boundaries directly). Checks on
 * success: at most LIMIT_FORM_FIELDS parts; names and text values are
 * valid UTF-8 without NULs; text values respect LIMIT_FIELD_BYTES; file
 * names lost their directories; every value is bytes of the body.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "http/parse.h"
#include "limits.h"
#include "util/arena.h"

int fuzz_http_multipart(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hlen = nl ? (size_t)(nl - data) : size;
	const char *body = nl ? (const char *)nl + 1 : "";
	size_t blen = nl ? size - hlen - 1 : 0;
	struct http_kv *kv = (struct http_kv *)&kv;
	size_t n = 12345;
	char *boundary = NULL;
	int rc;

	if (http_header_param(a, (const char *)data, hlen, "boundary",
	                      &boundary) ||
	    !boundary)
		boundary = arena_strndup(a, (const char *)data, hlen);
	rc = http_parse_multipart(a, boundary, body, blen, &kv, &n);
	if (rc) {
		FUZZ_CHECK(rc == HTTP_EMALFORMED || rc == HTTP_EUTF8 ||
		           rc == HTTP_ENUL || rc == HTTP_ETOOMANY ||
		           rc == HTTP_ETOOBIG);
		FUZZ_CHECK(n == 12345 && kv == (struct http_kv *)&kv);
		goto done;
	}
	FUZZ_CHECK(n <= LIMIT_FORM_FIELDS);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(kv[i].name != NULL);
		FUZZ_CHECK(fuzz_utf8_ok(kv[i].name, strlen(kv[i].name)));
		FUZZ_CHECK(kv[i].value && kv[i].value[kv[i].len] == 0);
		FUZZ_CHECK(kv[i].len <= blen);
		FUZZ_CHECK(kv[i].len == 0 ||
		           memmem(body, blen, kv[i].value, kv[i].len));
		if (kv[i].filename) {
			FUZZ_CHECK(!strchr(kv[i].filename, '/'));
			FUZZ_CHECK(!strchr(kv[i].filename, '\\'));
			FUZZ_CHECK(fuzz_utf8_ok(kv[i].filename,
			                        strlen(kv[i].filename)));
		} else {
			FUZZ_CHECK(kv[i].len <= LIMIT_FIELD_BYTES);
			FUZZ_CHECK(fuzz_cstr_ok(kv[i].value, kv[i].len));
			FUZZ_CHECK(fuzz_utf8_ok(kv[i].value, kv[i].len));
		}
		if (kv[i].content_type)
			FUZZ_CHECK(fuzz_utf8_ok(kv[i].content_type,
			                        strlen(kv[i].content_type)));
	}
done:
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_http_multipart(data, size);
}
#endif
