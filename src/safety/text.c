/* safety/text.c: UTF-8 decoding and ICU normalisation with byte offsets.
 *
 * The input is decoded by hand (malformed bytes become U+FFFD, one per
 * byte) and cut into normalisation chunks at ICU's boundaries, so that a
 * letter and its combining marks are normalised together; every code point
 * of a chunk's output carries the byte span of the whole chunk. ASCII, the
 * bulk of most texts, takes a fast path that needs no ICU call.
 *
 * Two tables are built once (pthread_once) and only read afterwards, which
 * makes every function here thread-safe: the traditional-to-simplified map
 * of the CJK Unified Ideographs block, made with ICU's "Hant-Hans"
 * transliterator (about 20 ms, once per process), and the accent-free base
 * letters of the Latin blocks Vietnamese uses. When the transliterator is
 * missing from the ICU data, Han characters are left as they are.
 */
#include "safety/internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "util/arena.h"
#include "util/util.h"

#define HAN_FIRST 0x4E00
#define HAN_LAST  0x9FFF
/* A chunk longer than this (a run of thousands of combining marks) is cut:
 * hostile input must not make one ICU call huge. */
#define CHUNK_MAX 32

static pthread_once_t once = PTHREAD_ONCE_INIT;
static uint16_t hans[HAN_LAST - HAN_FIRST + 1]; /* 0: unchanged */
static uint8_t latin1[0x250 - 0xC0];            /* U+00C0..U+024F */
static uint8_t latin_ext[0x1F00 - 0x1E00];      /* U+1E00..U+1EFF */

static void build_hans(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar id[16];
	UTransliterator *tr;
	int32_t n = 0, len, lim, cap;
	UChar *buf;

	u_uastrcpy(id, "Hant-Hans");
	tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err))
		return;
	/* Each character followed by a space: a mapping that is not one
	 * character to one character shows up as a group of another length
	 * and is skipped. */
	cap = (HAN_LAST - HAN_FIRST + 1) * 4;
	buf = xmalloc((size_t)cap * sizeof(UChar));
	for (uint32_t c = HAN_FIRST; c <= HAN_LAST; c++) {
		buf[n++] = (UChar)c;
		buf[n++] = ' ';
	}
	len = n;
	lim = n;
	utrans_transUChars(tr, buf, &len, cap, 0, &lim, &err);
	if (U_SUCCESS(err)) {
		int32_t j = 0;

		for (uint32_t c = HAN_FIRST; c <= HAN_LAST && j < len; c++) {
			int32_t k = j;

			while (k < len && buf[k] != ' ')
				k++;
			if (k == j + 1 && buf[j] != c && buf[j] >= HAN_FIRST &&
			    buf[j] <= HAN_LAST)
				hans[c - HAN_FIRST] = buf[j];
			j = k + 1;
		}
	}
	free(buf);
	utrans_close(tr);
}

static uint8_t base_letter(const UNormalizer2 *nfd, uint32_t c)
{
	UChar d[8];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &err);

	if (U_FAILURE(err) || n <= 0 || d[0] >= 0x80)
		return 0;
	if (d[0] >= 'A' && d[0] <= 'Z')
		return (uint8_t)(d[0] + 32);
	return (uint8_t)d[0];
}

static void build_tables(void)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);

	if (U_SUCCESS(err)) {
		for (uint32_t c = 0xC0; c < 0x250; c++)
			latin1[c - 0xC0] = base_letter(nfd, c);
		for (uint32_t c = 0x1E00; c < 0x1F00; c++)
			latin_ext[c - 0x1E00] = base_letter(nfd, c);
	}
	latin1[0x110 - 0xC0] = 'd';
	latin1[0x111 - 0xC0] = 'd';
	build_hans();
}

uint32_t safety_fold_latin(uint32_t c)
{
	uint8_t b = 0;

	if (c < 0xC0)
		return c;
	if (c >= 0x300 && c < 0x370)
		return 0;
	pthread_once(&once, build_tables);
	if (c < 0x250)
		b = latin1[c - 0xC0];
	else if (c >= 0x1E00 && c < 0x1F00)
		b = latin_ext[c - 0x1E00];
	return b ? b : c;
}

int safety_is_cjk(uint32_t c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc;

	if (c < 0x2E80)
		return 0;
	if (c >= HAN_FIRST && c <= HAN_LAST)
		return 1;
	sc = uscript_getScript((UChar32)c, &err);
	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
	       sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL;
}

size_t safety_utf8_put(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xC0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (char)(0xE0 | (c >> 12));
		p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		p[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (c >> 18));
	p[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Decode one character at s[i..n); returns its length (1 for a bad byte,
 * with *c = U+FFFD). Overlongs, surrogates and values above U+10FFFF are
 * bad bytes too. */
static size_t decode(const unsigned char *s, size_t i, size_t n, uint32_t *c)
{
	unsigned char b = s[i];
	uint32_t v, min;
	size_t len;

	if (b < 0x80) {
		*c = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2;
		v = b & 0x1F;
		min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3;
		v = b & 0x0F;
		min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4;
		v = b & 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (i + len > n)
		goto bad;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*c = v;
	return len;
bad:
	*c = 0xFFFD;
	return 1;
}

struct out {
	struct arena *a;
	struct safety_text *t;
	size_t cap;
};

static void emit(struct out *o, uint32_t c, uint32_t beg, uint32_t end)
{
	struct safety_text *t = o->t;

	if (t->n == o->cap) {
		size_t ncap = o->cap * 2 + 16;
		uint32_t *cp = ARENA_ARRAY(o->a, uint32_t, ncap);
		uint32_t *b = ARENA_ARRAY(o->a, uint32_t, ncap);
		uint32_t *e = ARENA_ARRAY(o->a, uint32_t, ncap);

		if (t->n) {
			memcpy(cp, t->cp, t->n * sizeof(*cp));
			memcpy(b, t->beg, t->n * sizeof(*b));
			memcpy(e, t->end, t->n * sizeof(*e));
		}
		t->cp = cp;
		t->beg = b;
		t->end = e;
		o->cap = ncap;
	}
	t->cp[t->n] = c;
	t->beg[t->n] = beg;
	t->end[t->n] = end;
	t->n++;
}

static uint32_t fold_han(uint32_t c, unsigned flags)
{
	if ((flags & SAFETY_NORM_HANS) && c >= HAN_FIRST && c <= HAN_LAST &&
	    hans[c - HAN_FIRST])
		return hans[c - HAN_FIRST];
	return c;
}

int safety_text_norm(struct arena *a, const char *s, size_t len, unsigned flags,
                     struct safety_text *out)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nrm;
	const unsigned char *u = (const unsigned char *)s;
	uint32_t *src, *sb, *se;
	size_t nsrc = 0;
	struct out o = {a, out, 0};
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pthread_once(&once, build_tables);
	nrm = (flags & SAFETY_NORM_FOLD) ? unorm2_getNFKCCasefoldInstance(&err)
	                                 : unorm2_getNFKCInstance(&err);
	if (U_FAILURE(err)) {
		rc = -EINVAL;
		goto done;
	}
	src = ARENA_ARRAY(a, uint32_t, len + 1);
	sb = ARENA_ARRAY(a, uint32_t, len + 1);
	se = ARENA_ARRAY(a, uint32_t, len + 1);
	for (size_t i = 0; i < len;) {
		size_t k = decode(u, i, len, &src[nsrc]);

		sb[nsrc] = (uint32_t)i;
		se[nsrc] = (uint32_t)(i + k);
		nsrc++;
		i += k;
	}
	o.cap = 0;
	for (size_t i = 0; i < nsrc;) {
		size_t j = i + 1;
		UChar in[CHUNK_MAX * 2], res[CHUNK_MAX * 2 * 18];
		int32_t nin = 0, nres;

		if (src[i] < 0x80 && (j == nsrc || src[j] < 0x80)) {
			uint32_t c = src[i];

			if ((flags & SAFETY_NORM_FOLD) && c >= 'A' && c <= 'Z')
				c += 32;
			emit(&o, c, sb[i], se[i]);
			i = j;
			continue;
		}
		while (j < nsrc && j - i < CHUNK_MAX &&
		       !unorm2_hasBoundaryBefore(nrm, (UChar32)src[j]))
			j++;
		for (size_t k = i; k < j; k++)
			U16_APPEND_UNSAFE(in, nin, src[k]);
		err = U_ZERO_ERROR;
		nres = unorm2_normalize(nrm, in, nin, res,
		                        (int32_t)ARRAY_SIZE(res), &err);
		if (U_FAILURE(err)) {
			/* Cannot happen with these sizes; keep the input. */
			for (size_t k = i; k < j; k++)
				emit(&o, src[k], sb[k], se[k]);
		} else {
			for (int32_t k = 0; k < nres;) {
				UChar32 c;

				U16_NEXT(res, k, nres, c);
				emit(&o, fold_han((uint32_t)c, flags), sb[i],
				     se[j - 1]);
			}
		}
		i = j;
	}
done:
	return rc;
}
