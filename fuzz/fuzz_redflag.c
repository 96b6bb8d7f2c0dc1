/* fuzz/fuzz_redflag.c: libFuzzer target for the emergency detector
 * (safety_redflags on any text, with safety_category_key).
 *
 * The input is a C string of any bytes (bad UTF-8 counts as spaces).
 * Checks: the call succeeds; flags come at most one per category, in
 * category order, each with a known key, a rule name and a byte span
 * inside the text; a second call gives the same answer (the compiled
 * rules are not changed by use).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "safety/redflag.h"
#include "util/arena.h"

int fuzz_redflag(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = fuzz_cstr(data, size);
	size_t len = strlen(s), n = 99, n2 = 98;
	struct safety_flag *f = NULL, *f2 = NULL;
	int rc;

	rc = safety_redflags(a, s, &f, &n);
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(n == 0 ? f == NULL : f != NULL);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(f[i].category >= SAFETY_CARDIAC &&
		           f[i].category < SAFETY_NCATEGORIES);
		FUZZ_CHECK(i == 0 || f[i].category > f[i - 1].category);
		FUZZ_CHECK(strcmp(safety_category_key(f[i].category),
		                  "unknown") != 0);
		FUZZ_CHECK(f[i].rule && f[i].rule[0]);
		FUZZ_CHECK(f[i].start < f[i].end && f[i].end <= len);
	}
	rc = safety_redflags(a, s, &f2, &n2);
	FUZZ_CHECK(rc == 0 && n2 == n);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(f2[i].category == f[i].category &&
		           f2[i].start == f[i].start && f2[i].end == f[i].end);
	FUZZ_CHECK(safety_redflags(a, NULL, &f, &n) == -EINVAL && n == 0);
	free(s);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_redflag(data, size);
}
#endif
