/* fuzz/fuzz_pii.c: libFuzzer target for personal-data removal
 * (safety_pii_find, safety_redact, the ID check-digit validators).
 *
 * The input is a C string of any bytes. Checks: findings are in order,
 * never overlap, lie inside the text and have known types; safety_redact
 * reports the same findings and its output is exactly the text with each
 * finding replaced by its marker (default and custom markers), so nothing
 * outside a finding is lost or changed.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "safety/pii.h"
#include "util/arena.h"
#include "util/buf.h"

/* Every type needs its marker here: a type added to pii.h without one
 * makes these tables hold NULL, which the build refuses below. */
static const char *const pii_default[] = {
        [SAFETY_PII_EMAIL] = "[removed: e-mail]",
        [SAFETY_PII_PHONE] = "[removed: phone]",
        [SAFETY_PII_ID] = "[removed: ID]",
        [SAFETY_PII_ADDRESS] = "[removed: address]",
        [SAFETY_PII_NAME] = "[removed: name]",
        [SAFETY_PII_DATE] = "[removed: date of birth]",
        [SAFETY_PII_HANDLE] = "[removed: handle]",
        [SAFETY_PII_RECORD] = "[removed: record number]"};
static const char *const pii_custom[] = {
        [SAFETY_PII_EMAIL] = "<E>",
        [SAFETY_PII_PHONE] = "\xe3\x80\x90\xe9\x9b\xbb\xe8\xa9\xb1\xe3\x80\x91",
        [SAFETY_PII_ID] = "",
        [SAFETY_PII_ADDRESS] = "{{a}}",
        [SAFETY_PII_NAME] = "N",
        [SAFETY_PII_DATE] = "\xe7\x94\x9f",
        [SAFETY_PII_HANDLE] = "@",
        [SAFETY_PII_RECORD] = "#"};
_Static_assert(sizeof(pii_default) / sizeof(*pii_default) ==
                               SAFETY_PII_NTYPES &&
                       sizeof(pii_custom) / sizeof(*pii_custom) ==
                               SAFETY_PII_NTYPES,
               "a marker for every personal-data type");

/* Check out against text with findings f[0..n) replaced by markers. */
static void pii_check_redacted(const char *text, const struct safety_pii *f,
                               size_t n, const char *const *markers,
                               const char *out)
{
	struct buf want = BUF_INIT;
	size_t at = 0;

	for (size_t i = 0; i < n; i++) {
		buf_append(&want, text + at, f[i].start - at);
		buf_puts(&want, markers[f[i].type]);
		at = f[i].end;
	}
	buf_puts(&want, text + at);
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(out && strcmp(out, want.p) == 0);
	buf_free(&want);
}

int fuzz_pii(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = fuzz_cstr(data, size), *out = NULL;
	size_t len = strlen(s), n = 99, n2 = 98;
	struct safety_pii *f = NULL, *f2 = NULL;
	int rc;

	rc = safety_pii_find(a, s, &f, &n);
	FUZZ_CHECK(rc == 0);
	if (rc)
		goto done;
	FUZZ_CHECK(n == 0 ? f == NULL : f != NULL);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(f[i].type < SAFETY_PII_NTYPES);
		FUZZ_CHECK(strcmp(safety_pii_type_key(f[i].type), "unknown"));
		FUZZ_CHECK(f[i].start < f[i].end && f[i].end <= len);
		FUZZ_CHECK(i == 0 || f[i].start >= f[i - 1].end);
	}
	rc = safety_redact(a, s, NULL, &out, &f2, &n2);
	FUZZ_CHECK(rc == 0 && n2 == n);
	for (size_t i = 0; rc == 0 && i < n && n2 == n; i++)
		FUZZ_CHECK(f2[i].type == f[i].type &&
		           f2[i].start == f[i].start && f2[i].end == f[i].end);
	if (rc == 0 && n2 == n)
		pii_check_redacted(s, f, n, pii_default, out);
	rc = safety_redact(a, s, pii_custom, &out, NULL, NULL);
	FUZZ_CHECK(rc == 0);
	if (rc == 0)
		pii_check_redacted(s, f, n, pii_custom, out);
	/* The validators take exactly the ID: any string must be safe. */
	FUZZ_CHECK(safety_tw_id_valid(s) <= 1);
	FUZZ_CHECK(safety_cn_id_valid(s) <= 1);
	FUZZ_CHECK(safety_vn_id_valid(s) <= 1);
	FUZZ_CHECK(safety_pii_find(a, NULL, &f, &n) == -EINVAL);
done:
	free(s);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_pii(data, size);
}
#endif
