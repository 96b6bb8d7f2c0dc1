/* fuzz/fuzz_analyze.c: libFuzzer target for the search analyzer
 * (search_analyze on any bytes, search_fold on every term).
 *
 * The input is raw text: any bytes, valid UTF-8 or not. One English
 * analyzer is made on the first call and kept (ICU's set-up is costly).
 * Checks: every term is NUL-terminated, as long as its len, at most
 * SEARCH_TERM_MAX bytes and valid UTF-8; byte offsets lie inside the
 * input with start < end on a UTF-8 boundary; positions never go back and
 * a variant shares its word's position; folding a term gives a shorter or
 * equal, valid UTF-8 string.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "search/analyze.h"
#include "util/arena.h"

static struct search_analyzer *analyze_fuzz_an;

int fuzz_analyze(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct search_tokens toks;
	uint32_t lastpos = 0;

	if (!analyze_fuzz_an) {
		analyze_fuzz_an = search_analyzer_new("english");
		FUZZ_CHECK(analyze_fuzz_an != NULL);
	}
	a = arena_new();
	search_analyze(analyze_fuzz_an, a, (const char *)data, size, &toks);
	FUZZ_CHECK(toks.n == 0 || toks.v != NULL);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		char folded[SEARCH_TERM_MAX + 1];
		size_t flen;

		FUZZ_CHECK(t->term != NULL);
		FUZZ_CHECK(t->len > 0 && fuzz_cstr_ok(t->term, t->len));
		FUZZ_CHECK(t->len <= SEARCH_TERM_MAX);
		FUZZ_CHECK(fuzz_utf8_ok(t->term, t->len));
		FUZZ_CHECK(t->start < t->end && t->end <= size);
		FUZZ_CHECK((data[t->start] & 0xc0) != 0x80 ||
		           !fuzz_utf8_ok((const char *)data, size));
		FUZZ_CHECK(t->pos >= lastpos);
		if (t->flags & SEARCH_TOK_VARIANT)
			FUZZ_CHECK(i > 0 && (t->pos == toks.v[i - 1].pos ||
			                     (t->flags & SEARCH_TOK_BIGRAM)));
		lastpos = t->pos;
		flen = search_fold(t->term, t->len, folded, sizeof folded);
		FUZZ_CHECK(flen < sizeof folded);
		if (flen)
			FUZZ_CHECK(fuzz_utf8_ok(folded, flen));
	}
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_analyze(data, size);
}
#endif
