/* tests/unit/test.h: a minimal unit-test harness.
 *
 * A test file defines static void functions and calls RUN(fn) for each from
 * main(), then returns test_summary(), which prints "N passed, N failed"
 * (counting checks) and returns non-zero if any check failed.
 */
#ifndef ASKDOC_TEST_H
#define ASKDOC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;
static const char *test_current = "";

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (cond) {                                                    \
			test_passed++;                                         \
		} else {                                                       \
			test_failed++;                                         \
			fprintf(stderr, "FAIL %s:%d in %s: %s\n", __FILE__,    \
			        __LINE__, test_current, #cond);                \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                         \
			test_passed++;                                         \
		} else {                                                       \
			test_failed++;                                         \
			fprintf(stderr,                                        \
			        "FAIL %s:%d in %s: %s\n  got:  %s\n  want: "   \
			        "%s\n",                                        \
			        __FILE__, __LINE__, test_current, #got,        \
			        g_ ? g_ : "(null)", w_ ? w_ : "(null)");       \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		if (g_ == w_) {                                                \
			test_passed++;                                         \
		} else {                                                       \
			test_failed++;                                         \
			fprintf(stderr,                                        \
			        "FAIL %s:%d in %s: %s == %lld, want %lld\n",   \
			        __FILE__, __LINE__, test_current, #got, g_,    \
			        w_);                                           \
		}                                                              \
	} while (0)

#define RUN(fn)                                                                \
	do {                                                                   \
		test_current = #fn;                                            \
		fn();                                                          \
	} while (0)

static inline int test_summary(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
