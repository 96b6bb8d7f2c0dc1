/* fuzz/fuzz.h: shared helpers of the libFuzzer targets in fuzz/.
 *
 * Each fuzz/fuzz_NAME.c defines one entry point, `int fuzz_NAME(const
 * uint8_t *data, size_t size)`, that feeds one input to a parser and checks
 * the invariants its header promises (results NUL-terminated, valid UTF-8,
 * inside the input, ...), and then, unless FUZZ_NO_MAIN is defined, the
 * LLVMFuzzerTestOneInput that libFuzzer calls. The unit test
 * tests/unit/test_fuzz_regressions.c includes every target with
 * FUZZ_NO_MAIN and FUZZ_FAIL defined and replays the saved crash inputs
 * of tests/data/fuzz/NAME/ through the same entry points, so a fixed crash
 * stays fixed under the normal suite. Helpers here are static and every
 * target prefixes its own static names, so all targets fit in one
 * translation unit.
 *
 * A broken invariant calls FUZZ_FAIL(what): by default it prints the
 * condition and aborts, which libFuzzer reports as a crash and saves the
 * input; the unit test counts it as a failed check instead.
 */
#ifndef ASKDOC_FUZZ_H
#define ASKDOC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(what)                                                        \
	do {                                                                   \
		fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n",        \
		        __FILE__, __LINE__, what);                             \
		abort();                                                       \
	} while (0)
#endif

/* Check an invariant of the code under test. */
#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			FUZZ_FAIL(#cond);                                      \
	} while (0)

/* The entry points, one per target (name, function) for the replayer. */
int fuzz_http_query(const uint8_t *data, size_t size);
int fuzz_http_headers(const uint8_t *data, size_t size);
int fuzz_http_multipart(const uint8_t *data, size_t size);
int fuzz_archive(const uint8_t *data, size_t size);
int fuzz_tmpl(const uint8_t *data, size_t size);
int fuzz_analyze(const uint8_t *data, size_t size);
int fuzz_markdown(const uint8_t *data, size_t size);
int fuzz_redflag(const uint8_t *data, size_t size);
int fuzz_pii(const uint8_t *data, size_t size);

/* 1 if the n bytes at s are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). Written here rather than taken from
 * util/ so that the targets check the parsers against an independent
 * implementation. */
static inline int fuzz_utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (n - i - 1 < k)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* 1 if s is a NUL-terminated string of exactly n bytes (no NUL inside). */
static inline int fuzz_cstr_ok(const char *s, size_t n)
{
	return s && memchr(s, 0, n) == NULL && s[n] == 0;
}

/* A malloc'd copy of the input with a NUL after it, for the functions that
 * take C strings (embedded NULs end the string early, as they would for a
 * caller). The caller frees it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = 0;
	return s;
}

#endif
