/* safety/pii.c: the redactor, and the detectors for e-mail addresses,
 * phone numbers and ID numbers (addresses and names: pii_text.c).
 *
 * Every detector scans the NFKC-normalised code points (full-width digits
 * and letters become ASCII, case is kept because names and street names
 * are found by their capitals) and records spans as code point indices;
 * the spans are mapped back to bytes of the caller's text at the end. The
 * detectors are hand-written scanners rather than regular expressions so
 * that each can validate what it found (check digits, birth dates,
 * province codes, the shape of a date) and so that their cost stays linear
 * in the text. Findings that overlap are resolved by type priority (e-mail,
 * ID, phone, address, name) and then length.
 */
#include "safety/pii.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "limits.h"
#include "safety/internal.h"
#include "safety/pii_int.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

void safety_pii_add(struct pii_ctx *c, enum safety_pii_type type, size_t cb,
                    size_t ce)
{
	if (ce <= cb)
		return;
	if (c->n == c->cap) {
		size_t ncap = c->cap * 2 + 8;
		struct pii_found *v = ARENA_ARRAY(c->a, struct pii_found, ncap);

		if (c->n)
			memcpy(v, c->v, c->n * sizeof(*v));
		c->v = v;
		c->cap = ncap;
	}
	c->v[c->n].type = type;
	c->v[c->n].cb = cb;
	c->v[c->n].ce = ce;
	c->n++;
}

/* Does keyword kw (UTF-8; ASCII letters compared folded, so "toi ten la"
 * matches "Tôi tên là"; a space matches one or more spaces) occur at i?
 * Returns the number of code points it covers, or 0. Latin keywords must
 * start and end at word boundaries. */
size_t safety_pii_kw_at(const struct pii_ctx *c, size_t i, const char *kw)
{
	const unsigned char *k = (const unsigned char *)kw;
	size_t j = i;
	int latin = k[0] < 0x80 && is_alpha(k[0]);

	if (latin && i > 0 && is_alpha(at(c, i - 1)))
		return 0;
	while (*k) {
		uint32_t want;
		size_t len = 1;

		if (*k < 0x80) {
			want = *k;
		} else if ((*k & 0xE0) == 0xC0) {
			want = ((uint32_t)(k[0] & 0x1F) << 6) | (k[1] & 0x3F);
			len = 2;
		} else if ((*k & 0xF0) == 0xE0) {
			want = ((uint32_t)(k[0] & 0x0F) << 12) |
			       ((uint32_t)(k[1] & 0x3F) << 6) | (k[2] & 0x3F);
			len = 3;
		} else {
			want = ((uint32_t)(k[0] & 0x07) << 18) |
			       ((uint32_t)(k[1] & 0x3F) << 12) |
			       ((uint32_t)(k[2] & 0x3F) << 6) | (k[3] & 0x3F);
			len = 4;
		}
		if (want == ' ') {
			if (!is_space(at(c, j)))
				return 0;
			while (is_space(at(c, j)))
				j++;
		} else if (want < 0x80 && is_alpha(want)) {
			if (fold(at(c, j)) != want)
				return 0;
			j++;
		} else {
			if (at(c, j) != want)
				return 0;
			j++;
		}
		k += len;
	}
	if (latin && is_alpha(k[-1]) && is_alpha(at(c, j)))
		return 0;
	return j - i;
}

/* The first bytes of a keyword list, as a 256-bit set, cached per thread
 * (the lists are static, so their address names them; a slot taken by
 * another list is simply rebuilt). Most positions start with no list's
 * first byte, and one test then replaces the walk over the list. */
struct kw_first {
	const char *const *kws;
	uint64_t m[4];
};
static _Thread_local struct kw_first kw_cache[128];

static const uint64_t *kw_first_set(const char *const *kws, size_t n)
{
	struct kw_first *e = &kw_cache[((uintptr_t)kws >> 3) & 127];

	if (e->kws != kws) {
		memset(e->m, 0, sizeof(e->m));
		for (size_t k = 0; k < n; k++) {
			unsigned char b = (unsigned char)kws[k][0];

			e->m[b >> 6] |= 1ull << (b & 63);
		}
		e->kws = kws;
	}
	return e->m;
}

static int in_first(const uint64_t *m, unsigned b)
{
	return (m[(b & 255) >> 6] >> (b & 63)) & 1;
}

/* The first keyword of kws that occurs at i (see kw_at). A keyword's
 * first byte is compared first: most positions match none. */
size_t safety_pii_kw_any(const struct pii_ctx *c, size_t i,
                         const char *const *kws, size_t n)
{
	uint32_t x = at(c, i), fx;
	char first[4];
	size_t fl;

	if (!x)
		return 0;
	{
		const uint64_t *m = kw_first_set(kws, n);
		int maybe = in_first(m, ' ');

		if (x < 0x80) {
			maybe |= in_first(m, x) ||
			         (x >= 'A' && x <= 'Z' && in_first(m, x + 32));
		} else {
			char lead[4];

			safety_utf8_put(lead, x);
			maybe |= in_first(m, (unsigned char)lead[0]);
			/* Accented Latin letters fold to ASCII ones. */
			if (!maybe && x < 0x2E80) {
				uint32_t f = fold(x);

				maybe = f < 0x80 && in_first(m, f);
			}
		}
		if (!maybe)
			return 0;
	}
	fx = fold(x);
	fl = safety_utf8_put(first, x);
	for (size_t k = 0; k < n; k++) {
		unsigned char k0 = (unsigned char)kws[k][0];
		size_t len;

		if (k0 < 0x80) {
			if (k0 != ' ' && k0 != x && k0 != fx)
				continue;
		} else if (kws[k][0] != first[0] || kws[k][1] != first[1] ||
		           (fl > 2 && kws[k][2] != first[2])) {
			continue;
		}
		len = safety_pii_kw_at(c, i, kws[k]);
		if (len)
			return len;
	}
	return 0;
}

/* ---- e-mail ---- */

static int local_char(uint32_t x)
{
	return is_alnum(x) || x == '.' || x == '_' || x == '%' || x == '+' ||
	       x == '-';
}

static int label_char(uint32_t x)
{
	return is_alnum(x) || x == '-';
}

/* The "@" of an address at i: "@", "(at)", "[at]", " at " with spaces.
 * Returns its length in code points, 0 if none; *spelled is set for the
 * spelled-out forms, which need a stricter domain. */
static size_t at_sign(const struct pii_ctx *c, size_t i, int *spelled)
{
	static const char *const forms[] = {
	        " (at) ", " [at] ", "(at)", "[at]",     "{at}",
	        " at ",   "(a)",    " @ ",  " a cong ", " a còng "};
	*spelled = 0;
	if (at(c, i) == '@')
		return 1;
	for (size_t k = 0; k < ARRAY_SIZE(forms); k++) {
		size_t len = safety_pii_kw_at(c, i, forms[k]);

		if (len) {
			*spelled = 1;
			return len;
		}
	}
	return 0;
}

static size_t dot_sign(const struct pii_ctx *c, size_t i, int spelled)
{
	static const char *const forms[] = {" (dot) ", " [dot] ", "(dot)",
	                                    "[dot]",   " dot ",   " . ",
	                                    " cham ",  " chấm ",  " 点 "};

	if (at(c, i) == '.' && label_char(at(c, i + 1)))
		return 1;
	if (!spelled)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(forms); k++) {
		size_t len = safety_pii_kw_at(c, i, forms[k]);

		if (len)
			return len;
	}
	return 0;
}

static int common_tld(const struct pii_ctx *c, size_t b, size_t e)
{
	static const char *const tlds[] = {
	        "com", "net", "org", "edu", "gov", "vn", "tw", "cn", "hk",
	        "io",  "me",  "uk",  "us",  "jp",  "kr", "sg", "au", "info",
	        "biz", "co",  "de",  "fr",  "ca",  "mo", "my"};

	for (size_t k = 0; k < ARRAY_SIZE(tlds); k++) {
		size_t len = strlen(tlds[k]), j;

		if (len != e - b)
			continue;
		for (j = 0;
		     j < len && fold(at(c, b + j)) == (uint32_t)tlds[k][j]; j++)
			;
		if (j == len)
			return 1;
	}
	return 0;
}

/* Words that end a phrase before a plain " at " rather than name a
 * mailbox: "the store at 5 dot com", "sold at amazon dot com". */
static const char *const not_local[] = {
        "store",    "stores",    "shop",  "shops",  "sold",    "sell",
        "sells",    "bought",    "buy",   "order",  "ordered", "price",
        "prices",   "cheaper",   "found", "look",   "looked",  "looking",
        "meet",     "arrive",    "site",  "online", "listed",  "available",
        "me",       "us",        "him",   "her",    "them",    "it",
        "this",     "that",      "here",  "there",  "one",     "pharmacy",
        "facebook", "instagram", "fb",    "ig",     "zalo",    "line",
        "wechat",   "messenger"};

/* Is the spelled address [b, i) " at " ... a phrase instead: a plain
 * " at " after a word that names a place to buy or meet ("the store at 5
 * dot com")? A number for a domain is fine ("163 dot com"). */
static int spelled_not_mail(const struct pii_ctx *c, size_t b, size_t i)
{
	if (!safety_pii_kw_at(c, i, " at "))
		return 0;
	for (size_t w = 0; w < ARRAY_SIZE(not_local); w++) {
		size_t len = strlen(not_local[w]), k;

		if (len != i - b)
			continue;
		for (k = 0;
		     k < len && fold(at(c, b + k)) == (uint32_t)not_local[w][k];
		     k++)
			;
		if (k == len)
			return 1;
	}
	return 0;
}

static void find_emails(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 1; i < n; i++) {
		int spelled, labels = 0;
		size_t alen = at_sign(c, i, &spelled), b = i, j, last_b = 0;

		if (!alen || !local_char(at(c, i - 1)))
			continue;
		while (b > 0 && local_char(at(c, b - 1)))
			b--;
		while (b < i && (at(c, b) == '.' || at(c, b) == '-'))
			b++;
		if (b == i)
			continue;
		/* A spelled address may spell its local part's dots too:
		 * "linh dot pham at outlook dot com". */
		while (spelled && b > 5) {
			size_t k = b - 5, w;

			if (!safety_pii_kw_at(c, k, " dot ") ||
			    !local_char(at(c, k - 1)))
				break;
			w = k;
			while (w > 0 && local_char(at(c, w - 1)))
				w--;
			b = w;
		}
		j = i + alen;
		for (;;) {
			size_t s = j, d;

			while (label_char(at(c, j)))
				j++;
			if (j == s)
				break;
			labels++;
			last_b = s;
			d = dot_sign(c, j, spelled);
			if (!d || !label_char(at(c, j + d)))
				break;
			j += d;
		}
		if (labels < 2)
			continue;
		/* The last label is the top-level domain: letters only. */
		{
			size_t k = last_b;
			int ok = j - last_b >= 2;

			for (; k < j; k++)
				if (!is_alpha(at(c, k)))
					ok = 0;
			if (!ok || (spelled && !common_tld(c, last_b, j)))
				continue;
		}
		if (spelled && spelled_not_mail(c, b, i))
			continue;
		safety_pii_add(c, SAFETY_PII_EMAIL, b, j);
		i = j;
	}
}

/* ---- ID numbers ---- */

static int tw_letter_code(uint32_t x)
{
	/* A=10 ... with I, O, W, X, Y, Z out of order (the registry's
	 * historical assignment). */
	static const uint8_t code[26] = {10, 11, 12, 13, 14, 15, 16, 17, 34,
	                                 18, 19, 20, 21, 22, 35, 23, 24, 25,
	                                 26, 27, 28, 29, 32, 30, 31, 33};

	x = fold(x);
	if (x < 'a' || x > 'z')
		return -1;
	return code[x - 'a'];
}

/* The check of a Taiwan ID: letter L, then nine digits d1..d9; with L's
 * two-digit code ab, a + 9b + 8d1 + 7d2 + ... + 1d8 + d9 is a multiple of
 * ten. d1 is 1 or 2 for citizens, 8 or 9 for residents' new-style
 * numbers. */
static int tw_valid(const uint32_t *p)
{
	static const int w[8] = {8, 7, 6, 5, 4, 3, 2, 1};
	int code = tw_letter_code(p[0]), sum;

	if (code < 0 ||
	    !(p[1] == '1' || p[1] == '2' || p[1] == '8' || p[1] == '9'))
		return 0;
	sum = code / 10 + (code % 10) * 9;
	for (int k = 0; k < 9; k++) {
		if (!is_digit(p[1 + k]))
			return 0;
		sum += (int)(p[1 + k] - '0') * (k < 8 ? w[k] : 1);
	}
	return sum % 10 == 0;
}

static int days_in(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30,
	                          31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* China's resident ID: 6-digit region (first digit 1-8), birth date
 * YYYYMMDD, 3-digit sequence, and a check character: the sum of the
 * first 17 digits weighted 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11,
 * indexes "10X98765432" (ISO 7064 MOD 11-2). */
static int cn_valid(const uint32_t *p)
{
	static const int w[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
	                          3, 7, 9,  10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0, y, m, d;
	uint32_t last = p[17];

	for (int k = 0; k < 17; k++) {
		if (!is_digit(p[k]))
			return 0;
		sum += (int)(p[k] - '0') * w[k];
	}
	if (last == 'x')
		last = 'X';
	if (p[0] < '1' || p[0] > '8' || (uint32_t)check[sum % 11] != last)
		return 0;
	y = (int)((p[6] - '0') * 1000 + (p[7] - '0') * 100 + (p[8] - '0') * 10 +
	          (p[9] - '0'));
	m = (int)((p[10] - '0') * 10 + (p[11] - '0'));
	d = (int)((p[12] - '0') * 10 + (p[13] - '0'));
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in(y, m);
}

/* Vietnam's 12-digit citizen ID (CCCD): a province code (the 63 codes of
 * the 2015 decree, 001-096), a century-and-sex digit (0-3 for births in
 * 1900-2099), two digits of the birth year, six more. There is no check
 * digit, so the shape is all there is to validate. */
static int vn_valid(const uint32_t *p)
{
	static const uint16_t prov[] = {
	        1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25,
	        26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
	        49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
	        77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};
	int code;

	for (int k = 0; k < 12; k++)
		if (!is_digit(p[k]))
			return 0;
	code = (int)((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
	if (p[3] > '3')
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(prov); k++)
		if (prov[k] == code)
			return 1;
	return 0;
}

static int ascii_to_cps(const char *s, uint32_t *p, size_t want)
{
	size_t n = strlen(s);

	if (n != want)
		return 0;
	for (size_t k = 0; k < n; k++)
		p[k] = (unsigned char)s[k];
	return 1;
}

int safety_tw_id_valid(const char *s)
{
	uint32_t p[10];

	return s && ascii_to_cps(s, p, 10) && tw_valid(p);
}

int safety_cn_id_valid(const char *s)
{
	uint32_t p[18];

	return s && ascii_to_cps(s, p, 18) && cn_valid(p);
}

int safety_vn_id_valid(const char *s)
{
	uint32_t p[12];

	return s && ascii_to_cps(s, p, 12) && vn_valid(p);
}

/* Words after which any number is an ID, valid checksum or not. */
static const char *const id_words[] = {"id number",
                                       "id no",
                                       "id card",
                                       "identity card",
                                       "identity number",
                                       "national id",
                                       "passport",
                                       "citizen id",
                                       "social security",
                                       "ssn",
                                       "insurance number",
                                       "nhs number",
                                       "nhs no",
                                       "id:",
                                       "id",
                                       "身分證",
                                       "身份證",
                                       "身分证",
                                       "身份证",
                                       "证件号",
                                       "證件號",
                                       "护照",
                                       "護照",
                                       "健保卡",
                                       "医保卡",
                                       "社保卡",
                                       "居留证",
                                       "居留證",
                                       "cccd",
                                       "cmnd",
                                       "can cuoc",
                                       "chung minh nhan dan",
                                       "ho chieu",
                                       "the bhyt",
                                       "bao hiem y te"};

/* Words before a bare "ID" that make it some other thing's number (a
 * study, a lot, a chat account). */
static const char *const not_person_id[] = {
        "study ",     "trial ",       "lot ",    "batch ",    "report ",
        "order ",     "line ",        "wechat ", "zalo ",     "qq ",
        "user ",      "login ",       "apple ",  "device ",   "ticket ",
        "reference ", "transaction ", "sample ", "specimen ", "test ",
        "tracking ",  "booking "};

static int other_id(const struct pii_ctx *c, size_t i)
{
	size_t b = i;

	while (b > 0 && is_space(at(c, b - 1)))
		b--;
	while (b > 0 && is_alpha(at(c, b - 1)))
		b--;
	return b < i && safety_pii_kw_any(c, b, not_person_id,
	                                  ARRAY_SIZE(not_person_id)) != 0;
}

static void find_ids(struct pii_ctx *c)
{
	const struct safety_text *t = c->t;
	size_t n = t->n;

	for (size_t i = 0; i < n; i++) {
		uint32_t x = t->cp[i];
		size_t j, len;

		if (i > 0 && is_alnum(t->cp[i - 1]))
			continue;
		if (is_alpha(x) && x < 0x80 && i + 10 <= n &&
		    !is_alnum(at(c, i + 10)) && tw_valid(&t->cp[i])) {
			safety_pii_add(c, SAFETY_PII_ID, i, i + 10);
			i += 9;
			continue;
		}
		if (is_digit(x)) {
			for (j = i; j < n && is_digit(t->cp[j]); j++)
				;
			len = j - i;
			if (len == 17 && (at(c, j) == 'X' || at(c, j) == 'x') &&
			    !is_alnum(at(c, j + 1)) && cn_valid(&t->cp[i]))
				safety_pii_add(c, SAFETY_PII_ID, i, j + 1);
			else if (len == 18 && !is_alpha(at(c, j)) &&
			         cn_valid(&t->cp[i]))
				safety_pii_add(c, SAFETY_PII_ID, i, j);
			i = j - 1;
			continue;
		}
		/* A number after an ID keyword. */
		len = safety_pii_kw_any(c, i, id_words, ARRAY_SIZE(id_words));
		if (len && fold(x) == 'i' && other_id(c, i))
			len = 0;
		if (len) {
			size_t k = i + len, b, e, digits = 0, lim = k + 24;

			/* Skip "number", "no.", ":", "là", "号码", ... */
			while (k < n && k < lim && !is_digit(t->cp[k]) &&
			       !(is_upper(t->cp[k]) && is_digit(at(c, k + 1))))
				k++;
			b = k;
			for (e = b;
			     e < n &&
			     (is_alnum(t->cp[e]) || t->cp[e] == '-' ||
			      (t->cp[e] == ' ' && is_digit(at(c, e + 1)) &&
			       is_digit(at(c, e - 1))));
			     e++)
				digits += is_digit(t->cp[e]);
			while (e > b && !is_alnum(t->cp[e - 1]))
				e--;
			if (b < n && digits >= 5 && e - b >= 6 && e - b <= 24)
				safety_pii_add(c, SAFETY_PII_ID, b, e);
			i = e > i ? e - 1 : i;
		}
	}
}

/* ---- phone numbers ---- */

static const char *const phone_words[] = {
        "phone",  "tel",     "telephone", "mobile",  "cell",    "call me",
        "call",   "contact", "whatsapp",  "line id", "line",    "zalo",
        "wechat", "viber",   "電話",      "电话",    "手機",    "手机",
        "聯絡",   "联络",    "聯繫",      "联系",    "打給",    "打给",
        "致電",   "致电",    "微信",      "號碼",    "号码",    "dien thoai",
        "sdt",    "dt",      "so may",    "goi",     "lien he", "lien lac"};

/* Units that make a number a measurement, not a phone. */
static const char *const units[] = {
        "mg",    "mcg",  "ug",      "g",     "kg",   "ml",   "l",    "mmhg",
        "mmol",  "iu",   "u",       "cm",    "mm",   "m",    "km",   "bpm",
        "times", "x",    "tablets", "pills", "lan",  "vien", "tuoi", "thang",
        "nam",   "ngay", "gio",     "phut",  "dong", "vnd",  "usd",  "ntd",
        "rmb",   "yuan", "次",      "毫克",  "克",   "公斤", "斤",   "岁",
        "歲",    "天",   "个",      "個",    "年",   "分",   "小时", "小時",
        "元",    "块",   "塊",      "度",    "%",    "°",    "片",   "粒",
        "颗",    "顆"};

/* Words that start like a unit but name a phone extension. */
static const char *const not_units[] = {"分機", "分机", "ext", "ext."};

static int unit_after(const struct pii_ctx *c, size_t i)
{
	i = skip_spaces(c, i);
	if (safety_pii_kw_any(c, i, not_units, ARRAY_SIZE(not_units)))
		return 0;
	return safety_pii_kw_any(c, i, units, ARRAY_SIZE(units)) != 0;
}

/* A phone keyword ends within a few characters before i. */
static int phone_word_before(const struct pii_ctx *c, size_t i)
{
	size_t lo = i > 24 ? i - 24 : 0;

	for (size_t k = lo; k < i; k++) {
		size_t len = safety_pii_kw_any(c, k, phone_words,
		                               ARRAY_SIZE(phone_words));

		if (len && k + len <= i) {
			/* Only separators and a few filler words between. */
			int ok = 1;

			for (size_t m = k + len; m < i; m++)
				if (is_digit(c->t->cp[m]))
					ok = 0;
			if (ok)
				return 1;
		}
	}
	return 0;
}

/* Is the digit string d (n digits) with these group sizes shaped like a
 * date (yyyy mm dd, dd mm yyyy, yyyy mm)? */
static int date_shaped(const char *d, const size_t *g, size_t ng)
{
	if (ng == 3 && ((g[0] == 4 && g[1] <= 2 && g[2] <= 2) ||
	                (g[0] <= 2 && g[1] <= 2 && g[2] == 4)))
		return 1;
	if (ng == 2 && g[0] == 4 && g[1] <= 2 && (d[0] == '1' || d[0] == '2'))
		return 1;
	return 0;
}

/* Is this number a phone? d: its digits; plus: it started with '+'; g:
 * digits per group; sep: it had separators or brackets. */
static int phone_shape(const char *d, size_t n, int plus, int sep)
{
	if (plus)
		return n >= 8 && n <= 15 && d[0] != '0';
	if (n >= 11 && n <= 17 && d[0] == '0' && d[1] == '0')
		return 1; /* 00 + country code */
	if (d[0] == '0' && d[1] >= '2' && d[1] <= '9' && n >= 9 && n <= 11)
		return 1; /* TW, VN, CN with trunk 0 */
	if (d[0] == '0' && d[1] == '1' && n >= 10 && n <= 11 && sep)
		return 1; /* Beijing 010-..., old Vietnamese 01xx mobiles */
	if (d[0] == '0' && d[1] != '0' && n == 12 && sep)
		return 1; /* CN landline with a 4-digit area code */
	if (d[0] == '1' && d[1] >= '3' && d[1] <= '9' && n == 11)
		return 1; /* CN mobile */
	return 0;
}

/* A North American number without its "+1": "(305) 555-0139", "206 555
 * 0192", "1-415-555-0132". Returns 2 for a toll-free (public) number. */
static int nanp(const char *d, const size_t *g, size_t ng)
{
	const char *a = d;

	if (ng == 4 && g[0] == 1 && d[0] == '1')
		a = d + 1, g++, ng--;
	if (ng != 3 || g[0] != 3 || g[1] != 3 || g[2] != 4 || a[0] < '2' ||
	    (a[1] == '1' && a[2] == '1'))
		return 0;
	if (a[0] == '8' && a[1] == a[2] && a[1] >= '0' && a[1] <= '8' &&
	    (a[1] == '0' || a[1] >= '3'))
		return 2; /* 800, 833, 844, 855, 866, 877, 888 */
	return 1;
}

static int phone_sep(uint32_t x)
{
	return x == ' ' || x == '-' || x == '.' || x == 0x2013 || x == 0x2012 ||
	       x == 0xA0 || x == '/';
}

#define PHONE_MAX_GROUPS 8

static void find_phones(struct pii_ctx *c)
{
	const struct safety_text *t = c->t;
	size_t n = t->n;

	for (size_t i = 0; i < n; i++) {
		uint32_t x = t->cp[i];
		char d[24];
		size_t nd = 0, g[PHONE_MAX_GROUPS], gend[PHONE_MAX_GROUPS],
		       gdig[PHONE_MAX_GROUPS], ng = 0, j = i, best = 0;
		int plus = 0, sep = 0, slash = 0;

		if (!(is_digit(x) || x == '+' || x == '(') ||
		    (i > 0 && (is_alnum(t->cp[i - 1]) || t->cp[i - 1] == '/' ||
		               t->cp[i - 1] == '.' || t->cp[i - 1] == ',')))
			continue;
		if (x == '+') {
			plus = 1;
			j++;
		}
		/* Groups of digits with single separators or brackets. */
		while (j < n && ng < PHONE_MAX_GROUPS) {
			size_t s, k = j;
			int br = 0;

			if (at(c, k) == '(') {
				br = 1;
				k++;
			}
			if (!is_digit(at(c, k)))
				break;
			s = k;
			while (is_digit(at(c, k)) && nd < 20)
				d[nd++] = (char)t->cp[k++];
			if (is_digit(at(c, k)))
				break; /* a run of more than 20 digits */
			if (br) {
				if (at(c, k) != ')')
					break;
				k++;
				sep = 1;
			}
			g[ng] = k - s - (size_t)br;
			gdig[ng] = nd;
			gend[ng] = k;
			ng++;
			j = k;
			/* One separator (or ") " / " (") before the next. */
			if (at(c, j) == ')' && !br)
				break;
			if (phone_sep(at(c, j)) &&
			    (is_digit(at(c, j + 1)) || at(c, j + 1) == '(')) {
				slash |= at(c, j) == '/';
				j++;
				sep = 1;
			} else if (at(c, j) == '(' && is_digit(at(c, j + 1))) {
				sep = 1;
			} else if (br && is_digit(at(c, j))) {
				sep = 1; /* "(02)2345-6789" */
			} else if (phone_sep(at(c, j)) && at(c, j + 1) == ' ' &&
			           is_digit(at(c, j + 2))) {
				j += 2;
				sep = 1;
			} else {
				break;
			}
		}
		if (ng == 0)
			goto next;
		/* The longest prefix of whole groups that is a phone. */
		for (size_t k = ng; k > 0; k--) {
			size_t len = gdig[k - 1], end = gend[k - 1];

			d[len] = 0;
			if (len < 6 || is_alnum(at(c, end)) ||
			    at(c, end) == '/' || unit_after(c, end))
				continue;
			/* Slashes mostly write dates and blood pressures: only
			 * a full mobile or trunk-0 number may use them. */
			if (slash && (len < 10 || date_shaped(d, g, k) ||
			              !phone_shape(d, len, plus, 1)))
				continue;
			if (!plus && nanp(d, g, k) == 2)
				continue;
			if (phone_shape(d, len, plus, sep || k > 1) ||
			    (!plus && nanp(d, g, k)) ||
			    (!plus && len <= 15 && !date_shaped(d, g, k) &&
			     phone_word_before(c, i))) {
				best = end;
				break;
			}
		}
		if (best) {
			size_t b = i;

			/* "(+886) 0912-345-678": the bracketed country code
			 * before a number written with its trunk 0. */
			if (b >= 3 && at(c, b - 1) == ' ' &&
			    at(c, b - 2) == ')') {
				size_t k = b - 3;

				while (k > 0 && is_digit(at(c, k)))
					k--;
				if (at(c, k) == '+' && k > 0 &&
				    at(c, k - 1) == '(' && k + 1 < b - 2)
					b = k - 1;
			}
			safety_pii_add(c, SAFETY_PII_PHONE, b, best);
			i = best - 1;
			continue;
		}
	next:
		/* Skip the rest of this number. */
		while (i + 1 < n &&
		       (is_digit(t->cp[i + 1]) ||
		        (phone_sep(t->cp[i + 1]) && is_digit(at(c, i + 2)))))
			i++;
	}
}

/* ---- putting it together ---- */

static int overlaps(const struct pii_found *x, const struct pii_found *y)
{
	return x->cb < y->ce && y->cb < x->ce;
}

/* Which finding wins an overlap: an e-mail holds digits that are not a
 * phone, a valid ID is more specific than a phone shape, and a phone or ID
 * inside an address or a name is the better reading. */
static int priority(enum safety_pii_type t)
{
	static const int p[SAFETY_PII_NTYPES] = {
	        [SAFETY_PII_EMAIL] = 0,   [SAFETY_PII_RECORD] = 1,
	        [SAFETY_PII_HANDLE] = 1,  [SAFETY_PII_ID] = 2,
	        [SAFETY_PII_DATE] = 3,    [SAFETY_PII_PHONE] = 3,
	        [SAFETY_PII_ADDRESS] = 4, [SAFETY_PII_NAME] = 5};

	return p[t];
}

/* Keep the findings that do not overlap a better one: by priority, then
 * length. O(n^2) in findings, which are few. */
static size_t resolve(struct pii_found *v, size_t n)
{
	size_t kept = 0;

	/* Insertion sort by (priority, longer first). */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			struct pii_found *x = &v[j - 1], *y = &v[j], tmp;
			int px = priority(x->type), py = priority(y->type);

			if (px < py ||
			    (px == py && x->ce - x->cb >= y->ce - y->cb))
				break;
			tmp = *x;
			*x = *y;
			*y = tmp;
		}
	for (size_t i = 0; i < n; i++) {
		int ok = 1;

		for (size_t k = 0; k < kept; k++)
			if (overlaps(&v[i], &v[k]))
				ok = 0;
		if (ok)
			v[kept++] = v[i];
	}
	/* By position. */
	for (size_t i = 1; i < kept; i++)
		for (size_t j = i; j > 0 && v[j].cb < v[j - 1].cb; j--) {
			struct pii_found tmp = v[j];

			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
	return kept;
}

int safety_pii_rules(struct arena *a, const char *text, struct safety_text *t,
                     struct pii_found **v, size_t *n)
{
	struct pii_ctx c;
	size_t len;
	int rc;

	*v = NULL;
	*n = 0;
	if (!text)
		return -EINVAL;
	len = strlen(text);
	if (len > LIMIT_SAFETY_TEXT_BYTES)
		return -E2BIG;
	rc = safety_text_norm(a, text, len, 0, t);
	if (rc)
		return rc;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.t = t;
	find_emails(&c);
	find_ids(&c);
	find_phones(&c);
	safety_pii_find_addresses(&c);
	safety_pii_find_names(&c);
	safety_pii_find_name_contexts(&c);
	safety_pii_find_births(&c);
	safety_pii_find_handles(&c);
	safety_pii_find_records(&c);
	safety_pii_names_post(&c);
	*v = c.v;
	*n = resolve(c.v, c.n);
	return 0;
}

/* The statistical name layer over the rules' findings v[0..*n). */
static struct pii_found *name_model(struct arena *a,
                                    const struct safety_text *t,
                                    const struct pn_model *m,
                                    struct pii_found *v, size_t *n)
{
	struct pii_ctx c;
	struct pn_cand *k;
	struct pii_found *out;
	struct pn_scratch w;
	double *p;
	size_t nk;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.t = t;
	nk = pn_candidates(&c, v, *n, &k);
	if (nk == 0)
		return v;
	p = ARENA_ARRAY(a, double, nk);
	for (size_t i = 0; i < nk; i++)
		p[i] = pn_score(m, &k[i]);
	out = ARENA_ARRAY(a, struct pii_found, *n + nk);
	w.order = ARENA_ARRAY(a, struct pn_rank, nk);
	w.busy = ARENA_ARRAY(a, unsigned char, t->n + 1);
	*n = pn_decide(v, *n, k, p, nk, m->t_keep, m->t_add, &w, out);
	return out;
}

int safety_pii_find_with(struct arena *a, const char *text,
                         const struct pn_model *m, struct safety_pii **found,
                         size_t *n)
{
	struct safety_text t;
	struct pii_found *v;
	struct safety_pii *out;
	size_t kept;
	int rc;

	*found = NULL;
	*n = 0;
	rc = safety_pii_rules(a, text, &t, &v, &kept);
	if (rc)
		return rc;
	if (m && m->on)
		v = name_model(a, &t, m, v, &kept);
	if (kept == 0)
		return 0;
	out = ARENA_ARRAY(a, struct safety_pii, kept);
	for (size_t i = 0; i < kept; i++) {
		out[i].type = v[i].type;
		out[i].start = t.beg[v[i].cb];
		out[i].end = t.end[v[i].ce - 1];
	}
	/* Spans that share an input character after normalisation (rare:
	 * a ligature cut in two) must not overlap in bytes either. */
	for (size_t i = 1; i < kept; i++)
		if (out[i].start < out[i - 1].end)
			out[i].start = out[i - 1].end;
	*found = out;
	*n = kept;
	return 0;
}

int safety_pii_find(struct arena *a, const char *text,
                    struct safety_pii **found, size_t *n)
{
	return safety_pii_find_with(a, text, &pn_model, found, n);
}

static const char *const default_markers[SAFETY_PII_NTYPES] = {
        [SAFETY_PII_EMAIL] = "[removed: e-mail]",
        [SAFETY_PII_PHONE] = "[removed: phone]",
        [SAFETY_PII_ID] = "[removed: ID]",
        [SAFETY_PII_ADDRESS] = "[removed: address]",
        [SAFETY_PII_NAME] = "[removed: name]",
        [SAFETY_PII_DATE] = "[removed: date of birth]",
        [SAFETY_PII_HANDLE] = "[removed: handle]",
        [SAFETY_PII_RECORD] = "[removed: record number]",
};

int safety_redact(struct arena *a, const char *text, const char *const *markers,
                  char **out, struct safety_pii **found, size_t *n)
{
	struct safety_pii *f;
	size_t nf, pos = 0;
	struct buf b = BUF_INIT;
	int rc;

	*out = NULL;
	if (found)
		*found = NULL;
	if (n)
		*n = 0;
	rc = safety_pii_find(a, text, &f, &nf);
	if (rc)
		goto done;
	for (size_t i = 0; i < nf; i++) {
		const char *m = markers && markers[f[i].type]
		                        ? markers[f[i].type]
		                        : default_markers[f[i].type];

		if (f[i].start < pos)
			continue;
		buf_append(&b, text + pos, f[i].start - pos);
		buf_puts(&b, m);
		pos = f[i].end;
	}
	buf_puts(&b, text + pos);
	*out = arena_strndup(a, b.p ? b.p : "", b.len);
	if (found)
		*found = f;
	if (n)
		*n = nf;
done:
	buf_free(&b);
	return rc;
}

const char *safety_pii_type_key(enum safety_pii_type t)
{
	static const char *const keys[SAFETY_PII_NTYPES] = {
	        [SAFETY_PII_EMAIL] = "email",
	        [SAFETY_PII_PHONE] = "phone",
	        [SAFETY_PII_ID] = "id",
	        [SAFETY_PII_ADDRESS] = "address",
	        [SAFETY_PII_NAME] = "name",
	        [SAFETY_PII_DATE] = "date",
	        [SAFETY_PII_HANDLE] = "handle",
	        [SAFETY_PII_RECORD] = "record",
	};

	if ((int)t < 0 || t >= SAFETY_PII_NTYPES)
		return "unknown";
	return keys[t];
}
