/* safety/identity.c: names and e-mail addresses that could pass for
 * someone else. See identity.h.
 *
 * The USpoofChecker objects are made once per call: they are cheap
 * (ICU shares the confusables data) and not thread-safe to share for
 * checking with changing settings.
 */
#include "safety/identity.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include "util/arena.h"

/* The most UTF-16 units a name or address is worked on in (names are
 * at most a few hundred characters; longer input is refused earlier). */
#define IDENT_MAX 1024

/* Titles only verified doctors may put before their name; the Chinese
 * ones also after it (Chinese puts the title after the surname). Sources:
 * common usage in the site's four languages. */
static const char *const titles[] = {"dr.",    "dr ",  "bs.",
                                     "bác sĩ", "醫師", "医生"};
static const char *const cjk_titles[] = {"醫師", "医生"};

/* s as UTF-16 in u (cap units); its length, or -1. */
static int32_t to_u16(const char *s, UChar *u, int32_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = 0;

	u_strFromUTF8(u, cap, &n, s, -1, &err);
	return U_FAILURE(err) || n >= cap ? -1 : n;
}

static char *to_utf8(struct arena *a, const UChar *u, int32_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0;
	char *out;

	u_strToUTF8(NULL, 0, &len, u, n, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return NULL;
	out = arena_alloc(a, (size_t)len + 1);
	err = U_ZERO_ERROR;
	u_strToUTF8(out, len + 1, NULL, u, n, &err);
	return U_FAILURE(err) ? NULL : out;
}

/* NFC (or, fold set, NFKC case-folded) of s into out; length or -1. */
static int32_t normal(const char *s, UChar *out, int32_t cap, int fold)
{
	UChar u[IDENT_MAX];
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *n = fold ? unorm2_getNFKCCasefoldInstance(&err)
	                             : unorm2_getNFCInstance(&err);
	int32_t len = to_u16(s, u, IDENT_MAX), r;

	if (len < 0 || U_FAILURE(err))
		return -1;
	r = unorm2_normalize(n, u, len, out, cap, &err);
	return U_FAILURE(err) || r >= cap ? -1 : r;
}

char *identity_nfc(struct arena *a, const char *s)
{
	UChar u[IDENT_MAX];
	int32_t n = normal(s, u, IDENT_MAX, 0);

	return n < 0 ? NULL : to_utf8(a, u, n);
}

char *identity_skeleton(struct arena *a, const char *s)
{
	UChar u[IDENT_MAX], k[IDENT_MAX * 2];
	UErrorCode err = U_ZERO_ERROR;
	USpoofChecker *sc;
	int32_t n = normal(s, u, IDENT_MAX, 1), m;

	if (n < 0)
		return NULL;
	sc = uspoof_open(&err);
	if (U_FAILURE(err))
		return NULL;
	m = uspoof_getSkeleton(sc, USPOOF_ANY_CASE, u, n, k, IDENT_MAX * 2,
	                       &err);
	uspoof_close(sc);
	if (U_FAILURE(err) || m >= IDENT_MAX * 2)
		return NULL;
	/* Folding again: a skeleton may hold capitals ("rn" -> "m" does not,
	 * but some prototypes are upper case). */
	{
		const char *k8 = to_utf8(a, k, m);
		n = k8 ? normal(k8, u, IDENT_MAX, 1) : -1;
	}
	return n < 0 ? NULL : to_utf8(a, u, n);
}

int identity_same(struct arena *a, const char *x, const char *y)
{
	const char *kx = identity_skeleton(a, x), *ky = identity_skeleton(a, y);

	return kx && ky && !strcmp(kx, ky);
}

/* Bidi controls, zero-width and other invisible format characters. */
static int hidden(UChar32 c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) ||
	       c == 0xFEFF || c == 0x180E || c == 0x061C || c == 0x00AD ||
	       u_charType(c) == U_FORMAT_CHAR;
}

static int has_hidden(const char *s)
{
	UChar u[IDENT_MAX];
	int32_t n = to_u16(s, u, IDENT_MAX), i = 0;
	UChar32 c;

	if (n < 0)
		return -1;
	while (i < n) {
		U16_NEXT(u, i, n, c);
		if (hidden(c))
			return 1;
	}
	return 0;
}

static int starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int ends(const char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);

	return n >= m && !strcmp(s + n - m, p);
}

enum identity_verdict identity_name_check(struct arena *a, const char *name,
                                          int doctor)
{
	const char *k;
	int h = has_hidden(name);

	if (h < 0)
		return IDENTITY_INVALID;
	if (h)
		return IDENTITY_HIDDEN;
	if (doctor)
		return IDENTITY_OK;
	if (!(k = identity_skeleton(a, name)))
		return IDENTITY_INVALID;
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++) {
		const char *t = identity_skeleton(a, titles[i]);
		if (t && starts(k, t))
			return IDENTITY_RESERVED;
	}
	for (size_t i = 0; i < sizeof(cjk_titles) / sizeof(*cjk_titles); i++) {
		const char *t = identity_skeleton(a, cjk_titles[i]);
		if (t && ends(k, t))
			return IDENTITY_RESERVED;
	}
	return IDENTITY_OK;
}

enum identity_verdict identity_email_check(struct arena *a, const char *email)
{
	UChar u[IDENT_MAX];
	UErrorCode err = U_ZERO_ERROR;
	USpoofChecker *sc;
	int32_t n, r;
	int h = has_hidden(email);

	if (h < 0)
		return IDENTITY_INVALID;
	if (h)
		return IDENTITY_HIDDEN;
	if ((n = normal(email, u, IDENT_MAX, 0)) < 0)
		return IDENTITY_INVALID;
	sc = uspoof_open(&err);
	uspoof_setChecks(sc,
	                 USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE |
	                         USPOOF_MIXED_NUMBERS,
	                 &err);
	uspoof_setRestrictionLevel(sc, USPOOF_HIGHLY_RESTRICTIVE);
	r = U_FAILURE(err) ? 1 : uspoof_check(sc, u, n, NULL, &err);
	uspoof_close(sc);
	(void)a;
	return U_FAILURE(err) || r ? IDENTITY_LOOKALIKE : IDENTITY_OK;
}
