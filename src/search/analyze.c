/* search/analyze.c: ICU word breaking, NFKC case folding, stop words,
 * Snowball stemming and diacritic folding.
 *
 * Input bytes are decoded by hand into UTF-16 with a parallel table of byte
 * offsets, so every token can point back into the caller's text (snippets
 * need that) and malformed UTF-8 turns into separators instead of errors.
 * Words are found on the raw text, then each word is normalised on its own;
 * normalising word by word keeps the offsets exact.
 *
 * ICU break iterators and Snowball stemmers are not thread-safe. Each thread
 * gets its own pair the first time it analyzes (a clone of the analyzer's
 * prototype iterator, which avoids reloading ICU's rules and dictionaries),
 * kept in a pthread key and freed when the thread exits or the analyzer is
 * freed.
 */
#include "search/analyze.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

struct thread_state {
	struct search_analyzer *an;
	UBreakIterator *bi;
	struct sb_stemmer *stemmer;
	struct thread_state *next, *prev;
};

struct search_analyzer {
	const UNormalizer2 *nfkc_cf; /* owned by ICU, thread-safe */
	const UNormalizer2 *nfd;
	UBreakIterator *proto; /* cloned per thread, never used directly */
	char stem_lang[32];    /* "" means no stemming */
	pthread_key_t key;
	pthread_mutex_t mu; /* guards states */
	struct thread_state *states;
};

/* Stop words: frequent function words that carry no topic. Question words
 * (what, how, why, ...) are here too: the ranker reads them through the
 * SEARCH_TOK_STOP tokens, BM25 does not need them. Sorted for bsearch. */
static const char *const stopwords[] = {
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "don't",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "hi",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "i'm",
        "if",
        "in",
        "into",
        "is",
        "it",
        "it's",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "please",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "thank",
        "thanks",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        /* Chinese function words (ICU segments them as words). */
        "一个",
        "了",
        "吗",
        "呢",
        "啊",
        "吧",
        "在",
        "是",
        "我",
        "的",
        "我们",
        "你",
        "你好",
        "请问",
        "和",
        "有",
        "也",
        "就",
        "都",
        "这",
        "那",
        "么",
        "怎么",
        "什么",
        "可以",
        "还",
        "很",
        "要",
        "会",
        "没有",
        "一直",
        "已经",
        "需要",
        "还是",
        "就是",
        "因为",
        "所以",
        "但是",
        "如果",
        "现在",
        "他",
        "她",
        "着",
        "过",
        /* Vietnamese function syllables (pronouns, particles, the
         * commonest verbs of asking). */
        "ạ",
        "anh",
        "bạn",
        "các",
        "chị",
        "cũng",
        "đã",
        "đang",
        "em",
        "gì",
        "hay",
        "khi",
        "không",
        "lại",
        "làm",
        "lúc",
        "mình",
        "một",
        "nào",
        "nên",
        "nhé",
        "nhiều",
        "ở",
        "phải",
        "rất",
        "sao",
        "sẽ",
        "thế",
        "tôi",
        "vậy",
        "vì",
        "bị",
        "cho",
        "có",
        "của",
        "là",
        "mà",
        "này",
        "những",
        "thì",
        "và",
        "với",
        "được",
};

/* Simplified and Traditional Chinese meet in one form: every Han
 * character of the BMP blocks (Extension A and the Unified Ideographs) is
 * mapped to its Simplified form with ICU's Hant-Hans transliterator (the
 * inverse of Hans-Hant). Traditional to Simplified is many to one (發 and
 * 髮 both become 发), so both scripts of a word reach the same term, which
 * Simplified to Traditional (one to many) would not guarantee. The table
 * is built once per process, by one transliteration of all the
 * characters, one a line; a character the transliterator turns into more
 * or less than one UTF-16 unit keeps its own form. */
#define HAN_FIRST 0x3400
#define HAN_LAST  0x9fff

static pthread_once_t han_once = PTHREAD_ONCE_INIT;
static uint16_t *han_simplified; /* [c - HAN_FIRST]; 0: unchanged */
/* [c - HAN_FIRST]: 1 when c is the Simplified form of another character
 * and not itself Traditional (发, not 干 of 乾 that is both) */
static unsigned char *han_simplified_only;

static void han_init(void)
{
	size_t n = HAN_LAST - HAN_FIRST + 1, len = 0, cap = n * 4;
	UChar *buf = xmalloc(cap * sizeof(UChar));
	UErrorCode err = U_ZERO_ERROR;
	UTransliterator *t;
	int32_t l, lim;

	han_simplified = xcalloc(n, sizeof(uint16_t));
	t = utrans_openU(
	        (const UChar[]){'H', 'a', 'n', 't', '-', 'H', 'a', 'n', 's', 0},
	        -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err)) {
		free(buf);
		return; /* no ICU transliteration data: scripts stay apart */
	}
	for (size_t c = HAN_FIRST; c <= HAN_LAST; c++) {
		buf[len++] = (UChar)c;
		buf[len++] = '\n';
	}
	l = lim = (int32_t)len;
	utrans_transUChars(t, buf, &l, (int32_t)cap, 0, &lim, &err);
	utrans_close(t);
	if (U_SUCCESS(err)) {
		size_t c = HAN_FIRST;

		for (int32_t i = 0; i < l && c <= HAN_LAST; c++) {
			int32_t s = i;

			while (i < l && buf[i] != '\n')
				i++;
			if (i - s == 1 && buf[s] != c)
				han_simplified[c - HAN_FIRST] = buf[s];
			i++;
		}
		han_simplified_only = xcalloc(n, 1);
		for (size_t k = 0; k < n; k++) {
			uint16_t to = han_simplified[k];
			if (to >= HAN_FIRST && to <= HAN_LAST &&
			    !han_simplified[to - HAN_FIRST])
				han_simplified_only[to - HAN_FIRST] = 1;
		}
	}
	free(buf);
}

const char *search_language(const char *text)
{
	int32_t i = 0, n = text ? (int32_t)strlen(text) : 0;
	long trad = 0, simp = 0, han = 0, vi = 0, latin = 0;
	UChar32 c;

	pthread_once(&han_once, han_init);
	while (i < n) {
		U8_NEXT(text, i, n, c);
		if (c < 0)
			continue;
		if (c >= HAN_FIRST && c <= HAN_LAST) {
			han++;
			if (han_simplified && han_simplified[c - HAN_FIRST])
				trad++;
			else if (han_simplified_only &&
			         han_simplified_only[c - HAN_FIRST])
				simp++;
		} else if ((c >= 0x1ea0 && c <= 0x1ef9) || c == 0x102 ||
		           c == 0x103 || c == 0x110 || c == 0x111 ||
		           c == 0x1a0 || c == 0x1a1 || c == 0x1af ||
		           c == 0x1b0) {
			vi++;
			latin++;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           (c >= 0xc0 && c <= 0x24f && c != 0xd7 &&
		            c != 0xf7)) {
			latin++;
		}
	}
	/* Han text with a few Latin words (a drug's name) is still Han. */
	if (han && han * 2 >= latin)
		return trad > simp ? "zh-TW" : simp > trad ? "zh-CN" : "zh";
	if (vi)
		return "vi";
	return latin ? "en" : NULL;
}

/* Map the Traditional characters of u[0..n) to Simplified in place. */
static void han_fold(UChar *u, int32_t n)
{
	pthread_once(&han_once, han_init);
	for (int32_t i = 0; i < n; i++)
		if (u[i] >= HAN_FIRST && u[i] <= HAN_LAST &&
		    han_simplified[u[i] - HAN_FIRST])
			u[i] = han_simplified[u[i] - HAN_FIRST];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
static const char **stop_sorted;

static void stop_init(void)
{
	stop_sorted = xmalloc(sizeof(stopwords));
	memcpy(stop_sorted, stopwords, sizeof(stopwords));
	qsort(stop_sorted, ARRAY_SIZE(stopwords), sizeof(char *), cmp_str);
}

int search_is_stopword(const char *w, size_t len)
{
	char tmp[SEARCH_TERM_MAX + 1];
	const char *key = tmp;

	if (len > SEARCH_TERM_MAX)
		return 0;
	pthread_once(&stop_once, stop_init);
	memcpy(tmp, w, len);
	tmp[len] = 0;
	return bsearch(&key, stop_sorted, ARRAY_SIZE(stopwords), sizeof(char *),
	               cmp_str) != NULL;
}

static void state_free(struct thread_state *st)
{
	if (st->bi)
		ubrk_close(st->bi);
	if (st->stemmer)
		sb_stemmer_delete(st->stemmer);
	free(st);
}

/* pthread key destructor: the thread is exiting. */
static void state_release(void *p)
{
	struct thread_state *st = p;
	struct search_analyzer *an = st->an;

	pthread_mutex_lock(&an->mu);
	if (st->prev)
		st->prev->next = st->next;
	else
		an->states = st->next;
	if (st->next)
		st->next->prev = st->prev;
	pthread_mutex_unlock(&an->mu);
	state_free(st);
}

static struct thread_state *thread_state(struct search_analyzer *an)
{
	struct thread_state *st = pthread_getspecific(an->key);
	UErrorCode err = U_ZERO_ERROR;

	if (st)
		return st;
	st = xcalloc(1, sizeof(*st));
	st->an = an;
	st->bi = ubrk_clone(an->proto, &err);
	if (U_FAILURE(err) || !st->bi) {
		/* Cloning only fails when memory runs out. */
		abort();
	}
	if (an->stem_lang[0])
		st->stemmer = sb_stemmer_new(an->stem_lang, NULL);
	pthread_mutex_lock(&an->mu);
	st->next = an->states;
	if (an->states)
		an->states->prev = st;
	an->states = st;
	pthread_mutex_unlock(&an->mu);
	pthread_setspecific(an->key, st);
	return st;
}

struct search_analyzer *search_analyzer_new(const char *stem_lang)
{
	struct search_analyzer *an = xcalloc(1, sizeof(*an));
	UErrorCode err = U_ZERO_ERROR;
	struct sb_stemmer *probe;

	if (!stem_lang)
		stem_lang = "english";
	if (strlen(stem_lang) >= sizeof(an->stem_lang))
		goto fail;
	strcpy(an->stem_lang, stem_lang);
	if (stem_lang[0]) {
		probe = sb_stemmer_new(stem_lang, NULL);
		if (!probe)
			goto fail;
		sb_stemmer_delete(probe);
	}
	an->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	if (U_FAILURE(err))
		goto fail;
	an->nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		goto fail;
	an->proto = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
	if (U_FAILURE(err))
		goto fail;
	if (pthread_key_create(&an->key, state_release) != 0) {
		ubrk_close(an->proto);
		goto fail;
	}
	pthread_mutex_init(&an->mu, NULL);
	return an;
fail:
	free(an);
	return NULL;
}

void search_analyzer_free(struct search_analyzer *an)
{
	struct thread_state *st, *next;

	if (!an)
		return;
	pthread_key_delete(an->key);
	for (st = an->states; st; st = next) {
		next = st->next;
		state_free(st);
	}
	pthread_mutex_destroy(&an->mu);
	ubrk_close(an->proto);
	free(an);
}

/* Decode UTF-8 into UTF-16 (u) with the byte offset of every unit (off,
 * with one extra entry for the end). Bad bytes become spaces. Returns the
 * number of UTF-16 units. */
static int32_t decode(const unsigned char *s, size_t n, UChar *u, uint32_t *off)
{
	int32_t m = 0;
	size_t i = 0;

	while (i < n) {
		uint32_t c = s[i], need = 0, min = 0;
		size_t start = i;

		if (c < 0x80) {
			need = 0;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, min = 0x10000, c &= 0x07;
		} else {
			c = ' ', need = 0; /* stray continuation or 0xf8+ */
		}
		i++;
		for (uint32_t k = 0; k < need; k++, i++) {
			if (i >= n || (s[i] & 0xc0) != 0x80) {
				c = ' ', need = 0, min = 0;
				break;
			}
			c = (c << 6) | (s[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
		    c == 0)
			c = ' ';
		if (c >= 0x10000) {
			c -= 0x10000;
			u[m] = (UChar)(0xd800 + (c >> 10));
			off[m++] = (uint32_t)start;
			u[m] = (UChar)(0xdc00 + (c & 0x3ff));
			off[m++] = (uint32_t)start;
		} else {
			u[m] = (UChar)c;
			off[m++] = (uint32_t)start;
		}
	}
	off[m] = (uint32_t)n;
	return m;
}

static int is_latin_word(const UChar *w, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		UChar32 c = w[i];
		UErrorCode err = U_ZERO_ERROR;

		if (c < 0x80)
			continue;
		if (U16_IS_SURROGATE(c))
			return 0;
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		if (uscript_getScript(c, &err) != USCRIPT_LATIN)
			return 0;
	}
	return 1;
}

static int is_cjk(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);

	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
	       sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL;
}

size_t search_fold(const char *term, size_t len, char *out, size_t cap)
{
	UChar u[SEARCH_TERM_MAX * 2], d[SEARCH_TERM_MAX * 4];
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	int32_t nu = 0, nd, m = 0, outlen = 0;
	int changed = 0;

	if (U_FAILURE(err) || len > SEARCH_TERM_MAX)
		return 0;
	u_strFromUTF8(u, (int32_t)ARRAY_SIZE(u), &nu, term, (int32_t)len, &err);
	if (U_FAILURE(err))
		return 0;
	nd = unorm2_normalize(nfd, u, nu, d, (int32_t)ARRAY_SIZE(d), &err);
	if (U_FAILURE(err))
		return 0;
	for (int32_t i = 0; i < nd; i++) {
		UChar c = d[i];

		if (u_charType(c) == U_NON_SPACING_MARK) {
			changed = 1;
			continue;
		}
		if (c == 0x111 || c == 0x110) { /* đ Đ */
			c = 'd';
			changed = 1;
		}
		d[m++] = c;
	}
	if (!changed || m == 0)
		return 0;
	err = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)cap, &outlen, d, m, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING ||
	    (size_t)outlen >= cap)
		return 0;
	return (size_t)outlen;
}

static void push(struct arena *a, struct search_tokens *out, size_t *cap,
                 const char *term, size_t len, uint32_t start, uint32_t end,
                 uint32_t pos, unsigned flags)
{
	struct search_token *t;

	if (out->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct search_token *v = arena_alloc(a, ncap * sizeof(*v));

		if (out->n)
			memcpy(v, out->v, out->n * sizeof(*v));
		out->v = v;
		*cap = ncap;
	}
	t = &out->v[out->n++];
	t->term = arena_strndup(a, term, len);
	t->len = (uint32_t)len;
	t->start = start;
	t->end = end;
	t->pos = pos;
	t->flags = flags;
}

/* Emit the tokens of one word w[0..n) spanning bytes start..end. Returns
 * 1 if the word got a token (and a position), 0 if it was dropped. */
static int word(struct search_analyzer *an, struct thread_state *st,
                struct arena *a, struct search_tokens *out, size_t *cap,
                const UChar *w, int32_t n, int status, uint32_t start,
                uint32_t end, uint32_t *pos)
{
	UChar norm[SEARCH_TERM_MAX * 2];
	char utf8[SEARCH_TERM_MAX * 2], folded[SEARCH_TERM_MAX + 1];
	UErrorCode err = U_ZERO_ERROR;
	int32_t nn, len8 = 0;
	unsigned flags = 0;
	size_t flen;
	const char *term;
	size_t tlen;

	if (n > SEARCH_TERM_MAX)
		return 0;
	nn = unorm2_normalize(an->nfkc_cf, w, n, norm,
	                      (int32_t)ARRAY_SIZE(norm), &err);
	if (U_FAILURE(err) || nn == 0)
		return 0;
	u_strToUTF8(utf8, (int32_t)sizeof(utf8), &len8, norm, nn, &err);
	if (U_FAILURE(err) || len8 <= 0 || len8 > SEARCH_TERM_MAX)
		return 0;
	utf8[len8] = 0;
	if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
		flags |= SEARCH_TOK_NUM;
	if (is_cjk(norm[0]) ||
	    (U16_IS_LEAD(norm[0]) && nn > 1 &&
	     is_cjk(U16_GET_SUPPLEMENTARY(norm[0], norm[1]))))
		flags |= SEARCH_TOK_CJK;
	if (search_is_stopword(utf8, (size_t)len8))
		flags |= SEARCH_TOK_STOP;
	term = utf8;
	tlen = (size_t)len8;
	if (!(flags & (SEARCH_TOK_NUM | SEARCH_TOK_CJK | SEARCH_TOK_STOP)) &&
	    st->stemmer && is_latin_word(norm, nn)) {
		const sb_symbol *s = sb_stemmer_stem(
		        st->stemmer, (const sb_symbol *)utf8, len8);

		if (s && sb_stemmer_length(st->stemmer) > 0) {
			term = (const char *)s;
			tlen = (size_t)sb_stemmer_length(st->stemmer);
		}
	}
	push(a, out, cap, term, tlen, start, end, *pos, flags);
	flen = search_fold(term, tlen, folded, sizeof(folded));
	if (flen)
		push(a, out, cap, folded, flen, start, end, *pos,
		     flags | SEARCH_TOK_VARIANT);
	(*pos)++;
	return 1;
}

/* Emit the character bigrams of a CJK word u[from..to), continuing the
 * run of the previous word when it ends where this one starts. */
static void bigrams(struct arena *a, struct search_tokens *out, size_t *cap,
                    const UChar *u, const uint32_t *off, int32_t from,
                    int32_t to, int32_t *prev, uint32_t pos)
{
	int32_t nchars = 0;

	for (int32_t i = from; i < to;) {
		int32_t start = i;
		UChar32 c;
		char buf[16];
		int32_t blen = 0;
		UErrorCode err = U_ZERO_ERROR;

		U16_NEXT(u, i, to, c);
		nchars++;
		if (!is_cjk(c)) {
			*prev = -1;
			continue;
		}
		/* A two-character word is its own bigram already. */
		if (*prev >= 0 && !(from == *prev && to == i && nchars == 2)) {
			u_strToUTF8(buf, (int32_t)sizeof(buf), &blen, u + *prev,
			            i - *prev, &err);
			if (U_SUCCESS(err) && blen > 0 &&
			    blen < (int32_t)sizeof(buf))
				push(a, out, cap, buf, (size_t)blen, off[*prev],
				     off[i], pos,
				     SEARCH_TOK_VARIANT | SEARCH_TOK_CJK |
				             SEARCH_TOK_BIGRAM);
		}
		*prev = start;
	}
}

void search_analyze(struct search_analyzer *an, struct arena *a,
                    const char *text, size_t len, struct search_tokens *out)
{
	struct thread_state *st;
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;
	uint32_t *off, pos = 0;
	int32_t n, prev, cjk_prev = -1, cjk_end = -1;
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	if (!text || len == 0)
		return;
	if (len > UINT32_MAX / 4)
		len = UINT32_MAX / 4;
	st = thread_state(an);
	u = arena_alloc(a, (len + 1) * sizeof(UChar) * 2);
	off = arena_alloc(a, (len * 2 + 1) * sizeof(uint32_t));
	n = decode((const unsigned char *)text, len, u, off);
	han_fold(u, n);
	ubrk_setText(st->bi, u, n, &err);
	if (U_FAILURE(err))
		return;
	prev = ubrk_first(st->bi);
	for (int32_t cur = ubrk_next(st->bi); cur != UBRK_DONE;
	     prev = cur, cur = ubrk_next(st->bi)) {
		int status = ubrk_getRuleStatus(st->bi), kept;

		if (status < UBRK_WORD_NONE_LIMIT)
			continue; /* spaces and punctuation */
		kept = word(an, st, a, out, &cap, u + prev, cur - prev, status,
		            off[prev], off[cur], &pos);
		/* Bigrams are variants of their word's token: none for a
		 * dropped word, or they would attach to the word before it
		 * (found by fuzz/fuzz_analyze.c). */
		if (kept && status >= UBRK_WORD_KANA &&
		    status < UBRK_WORD_IDEO_LIMIT) {
			if (cjk_end != prev)
				cjk_prev = -1;
			bigrams(a, out, &cap, u, off, prev, cur, &cjk_prev,
			        pos ? pos - 1 : 0);
			cjk_end = cur;
		}
	}
	/* Drop the text from the iterator: it lives in the caller's arena. */
	ubrk_setText(st->bi, u, 0, &err);
}
