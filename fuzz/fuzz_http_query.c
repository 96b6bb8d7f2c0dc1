/* fuzz/fuzz_http_query.c: libFuzzer target for query strings, urlencoded
 * forms and percent-decoding (http_parse_query, http_decode).
 *
 * The whole input is parsed as a query string and decoded with and
 * without '+' as space. Besides memory errors, it checks what parse.h
 * promises: on success every name and value is NUL-terminated, valid UTF-8,
 * free of NULs and within the limits; on failure the out-parameters are
 * untouched; and http_decode agrees with a plain reference decoder here.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "http/parse.h"
#include "limits.h"
#include "util/arena.h"

static int query_hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The reference decoder: returns the decoded length, or -1 for a bad
 * escape; d has room for n bytes. */
static long query_ref_decode(const uint8_t *s, size_t n, int plus, char *d)
{
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3 || query_hex(s[i + 1]) < 0 ||
			    query_hex(s[i + 2]) < 0)
				return -1;
			d[j++] = (char)(query_hex(s[i + 1]) << 4 |
			                query_hex(s[i + 2]));
			i += 2;
		} else {
			d[j++] = plus && s[i] == '+' ? ' ' : (char)s[i];
		}
	}
	return (long)j;
}

static void query_check_decode(struct arena *a, const uint8_t *data,
                               size_t size, int plus)
{
	char *out = (char *)"unset", *ref = malloc(size + 1);
	size_t len = 12345;
	int rc = http_decode(a, (const char *)data, size, plus, &out, &len);
	long rlen = query_ref_decode(data, size, plus, ref);

	if (rlen < 0) {
		FUZZ_CHECK(rc == HTTP_EESCAPE);
	} else if (memchr(ref, 0, (size_t)rlen)) {
		FUZZ_CHECK(rc == HTTP_ENUL);
	} else if (!fuzz_utf8_ok(ref, (size_t)rlen)) {
		FUZZ_CHECK(rc == HTTP_EUTF8);
	} else {
		FUZZ_CHECK(rc == 0);
		FUZZ_CHECK(len == (size_t)rlen);
		FUZZ_CHECK(fuzz_cstr_ok(out, len));
		FUZZ_CHECK(memcmp(out, ref, len) == 0);
	}
	if (rc) {
		FUZZ_CHECK(len == 12345);
		FUZZ_CHECK(strcmp(out, "unset") == 0);
	}
	free(ref);
}

int fuzz_http_query(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct http_kv *kv = (struct http_kv *)&kv;
	size_t n = 12345;
	int rc;

	rc = http_parse_query(a, (const char *)data, size, &kv, &n);
	if (rc == 0) {
		FUZZ_CHECK(n <= LIMIT_FORM_FIELDS);
		FUZZ_CHECK(n == 0 || kv != NULL);
		for (size_t i = 0; i < n; i++) {
			size_t nl = strlen(kv[i].name);
			FUZZ_CHECK(fuzz_utf8_ok(kv[i].name, nl));
			FUZZ_CHECK(nl <= LIMIT_FIELD_BYTES);
			FUZZ_CHECK(fuzz_cstr_ok(kv[i].value, kv[i].len));
			FUZZ_CHECK(fuzz_utf8_ok(kv[i].value, kv[i].len));
			FUZZ_CHECK(kv[i].len <= LIMIT_FIELD_BYTES);
			FUZZ_CHECK(kv[i].filename == NULL);
		}
	} else {
		FUZZ_CHECK(rc == HTTP_EESCAPE || rc == HTTP_EUTF8 ||
		           rc == HTTP_ENUL || rc == HTTP_ETOOMANY ||
		           rc == HTTP_ETOOBIG);
		FUZZ_CHECK(n == 12345);
		FUZZ_CHECK(kv == (struct http_kv *)&kv);
	}
	query_check_decode(a, data, size, 1);
	query_check_decode(a, data, size, 0);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_http_query(data, size);
}
#endif
