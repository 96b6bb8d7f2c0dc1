/* search/analyze.h: the text analyzer shared by indexing and querying.
 *
 * Text becomes terms in five steps: UTF-8 is decoded (bad bytes become
 * separators, never errors; Traditional Chinese characters are mapped to
 * Simplified with ICU's Hant-Hans transliterator, so 發燒 and 发烧 are one
 * term), ICU's word break iterator splits it into
 * words (dictionary-based for Chinese and Japanese), each word is
 * normalised with NFKC case folding, stop words are flagged, and Latin
 * words are stemmed with Snowball. A word with diacritics (Vietnamese)
 * also yields its folded form ("bệnh" -> "benh") as a variant at the same
 * position, so queries typed without diacritics still match. Runs of
 * Chinese or Japanese characters also yield their character bigrams as
 * variants, which keeps recall when two texts segment differently.
 *
 * The analyzer is immutable after creation and safe to share between
 * threads: the ICU break iterator and the stemmer, which are not
 * thread-safe, are cloned once per thread and reused.
 */
#ifndef ASKDOC_SEARCH_ANALYZE_H
#define ASKDOC_SEARCH_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct search_analyzer;

/* Token flags. */
enum {
	SEARCH_TOK_STOP = 1,    /* a stop word: kept for cue detection only */
	SEARCH_TOK_VARIANT = 2, /* an extra form of the previous token */
	SEARCH_TOK_CJK = 4,     /* Han, kana or hangul */
	SEARCH_TOK_NUM = 8,     /* a number */
	SEARCH_TOK_BIGRAM = 16, /* two adjacent CJK characters (a variant) */
};

/* Terms longer than this (in bytes) are dropped: they are not words. */
#define SEARCH_TERM_MAX 64

struct search_token {
	const char *term; /* normalised, stemmed, NUL-terminated */
	uint32_t len;     /* strlen(term) */
	uint32_t start;   /* byte offset of the word in the input */
	uint32_t end;     /* byte offset just past the word */
	uint32_t pos;     /* word position; a variant shares its word's */
	unsigned flags;   /* SEARCH_TOK_* */
};

struct search_tokens {
	struct search_token *v;
	size_t n;
};

/* Return a new analyzer stemming Latin words with the Snowball stemmer
 * named stem_lang ("english" when NULL, "" for none). Returns NULL if ICU
 * or the stemmer cannot be opened. The caller frees it with
 * search_analyzer_free once no thread uses it any more. */
struct search_analyzer *search_analyzer_new(const char *stem_lang);
void search_analyzer_free(struct search_analyzer *an);

/* Analyze len bytes of text (any bytes: invalid UTF-8 is skipped) into
 * out; terms and the array live in arena a. Never fails: empty or
 * unreadable text gives zero tokens. Safe to call from many threads. */
void search_analyze(struct search_analyzer *an, struct arena *a,
                    const char *text, size_t len, struct search_tokens *out);

/* Fold diacritics of a normalised term ("việt" -> "viet", "đ" -> "d") into
 * out (cap bytes). Returns the folded length, or 0 when folding changes
 * nothing or does not fit. */
size_t search_fold(const char *term, size_t len, char *out, size_t cap);

/* The language text (UTF-8) is written in, when its letters say:
 * "zh-TW" for Han characters mostly in their Traditional forms, "zh-CN"
 * for Simplified ones, "zh" when they have no form of either, "vi" for
 * Latin letters with a letter only Vietnamese uses (ă đ ơ ư, the tone
 * marks of U+1EA0..U+1EF9), "en" for other Latin letters; NULL when the
 * text has no letters to tell by (digits, emoji). */
const char *search_language(const char *text);

/* Return 1 if the normalised, unstemmed word w is a stop word. */
int search_is_stopword(const char *w, size_t len);

#endif
