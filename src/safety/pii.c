/* safety/pii.c: detectors for e-mail addresses, phone numbers, ID numbers,
 * street addresses and self-introduced names, and the redactor.
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

#include <unicode/uchar.h>

#include "limits.h"
#include "safety/internal.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

struct found {
	enum safety_pii_type type;
	size_t cb, ce; /* code point indices [cb, ce) */
};

struct ctx {
	struct arena *a;
	const struct safety_text *t;
	struct found *v;
	size_t n, cap;
};

static uint32_t at(const struct ctx *c, size_t i)
{
	return i < c->t->n ? c->t->cp[i] : 0;
}

static int is_digit(uint32_t x)
{
	return x >= '0' && x <= '9';
}

static int is_alpha(uint32_t x)
{
	if (x < 0x80)
		return (x | 32) >= 'a' && (x | 32) <= 'z';
	return x != 0xFFFD && u_isalpha((UChar32)x) && !safety_is_cjk(x);
}

static int is_alnum(uint32_t x)
{
	return is_digit(x) || is_alpha(x);
}

static int is_upper(uint32_t x)
{
	return u_isupper((UChar32)x) || u_istitle((UChar32)x);
}

static int is_space(uint32_t x)
{
	return x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == 0xA0;
}

/* Lowercase, accent-free form of a letter, for keyword comparison. */
static uint32_t fold(uint32_t x)
{
	if (x < 0x80)
		return (x >= 'A' && x <= 'Z') ? x + 32 : x;
	x = (uint32_t)u_tolower((UChar32)x);
	return safety_fold_latin(x);
}

static void add(struct ctx *c, enum safety_pii_type type, size_t cb,
                size_t ce)
{
	if (ce <= cb)
		return;
	if (c->n == c->cap) {
		size_t ncap = c->cap * 2 + 8;
		struct found *v = ARENA_ARRAY(c->a, struct found, ncap);

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
static size_t kw_at(const struct ctx *c, size_t i, const char *kw)
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

static size_t kw_any(const struct ctx *c, size_t i, const char *const *kws,
                     size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t len = kw_at(c, i, kws[k]);

		if (len)
			return len;
	}
	return 0;
}

static size_t skip_spaces(const struct ctx *c, size_t i)
{
	while (is_space(at(c, i)))
		i++;
	return i;
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
static size_t at_sign(const struct ctx *c, size_t i, int *spelled)
{
	static const char *const forms[] = {" (at) ", " [at] ", "(at)", "[at]",
	                                    "{at}",   " at ",   "(a)"};
	*spelled = 0;
	if (at(c, i) == '@')
		return 1;
	for (size_t k = 0; k < ARRAY_SIZE(forms); k++) {
		size_t len = kw_at(c, i, forms[k]);

		if (len) {
			*spelled = 1;
			return len;
		}
	}
	return 0;
}

static size_t dot_sign(const struct ctx *c, size_t i, int spelled)
{
	static const char *const forms[] = {" (dot) ", " [dot] ", "(dot)",
	                                    "[dot]",   " dot "};

	if (at(c, i) == '.' && label_char(at(c, i + 1)))
		return 1;
	if (!spelled)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(forms); k++) {
		size_t len = kw_at(c, i, forms[k]);

		if (len)
			return len;
	}
	return 0;
}

static int common_tld(const struct ctx *c, size_t b, size_t e)
{
	static const char *const tlds[] = {
	        "com", "net", "org", "edu", "gov", "vn", "tw", "cn", "hk",
	        "io",  "me",  "uk",  "us",  "jp",  "kr", "sg", "au", "info",
	        "biz", "co",  "de",  "fr",  "ca",  "mo", "my"};

	for (size_t k = 0; k < ARRAY_SIZE(tlds); k++) {
		size_t len = strlen(tlds[k]), j;

		if (len != e - b)
			continue;
		for (j = 0; j < len && fold(at(c, b + j)) == (uint32_t)tlds[k][j];
		     j++)
			;
		if (j == len)
			return 1;
	}
	return 0;
}

static void find_emails(struct ctx *c)
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
		add(c, SAFETY_PII_EMAIL, b, j);
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

	if (code < 0 || !(p[1] == '1' || p[1] == '2' || p[1] == '8' ||
	                  p[1] == '9'))
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
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
	                          3, 7, 9, 10, 5, 8, 4, 2};
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
	y = (int)((p[6] - '0') * 1000 + (p[7] - '0') * 100 +
	          (p[8] - '0') * 10 + (p[9] - '0'));
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
static const char *const id_words[] = {
        "id number", "id no", "id card", "identity card", "identity number",
        "national id", "passport", "citizen id", "social security",
        "insurance number", "medical record number", "mrn", "身分證",
        "身份證", "身分证", "身份证", "证件号", "證件號", "护照", "護照",
        "健保卡", "病歷號", "病历号", "医保卡", "社保卡", "居留证", "居留證",
        "cccd", "cmnd", "can cuoc", "chung minh nhan dan", "ho chieu",
        "the bhyt", "bao hiem y te"};

static void find_ids(struct ctx *c)
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
			add(c, SAFETY_PII_ID, i, i + 10);
			i += 9;
			continue;
		}
		if (is_digit(x)) {
			for (j = i; j < n && is_digit(t->cp[j]); j++)
				;
			len = j - i;
			if (len == 17 && (at(c, j) == 'X' || at(c, j) == 'x') &&
			    !is_alnum(at(c, j + 1)) && cn_valid(&t->cp[i]))
				add(c, SAFETY_PII_ID, i, j + 1);
			else if (len == 18 && !is_alpha(at(c, j)) &&
			         cn_valid(&t->cp[i]))
				add(c, SAFETY_PII_ID, i, j);
			else if (len == 12 && !is_alpha(at(c, j)) &&
			         vn_valid(&t->cp[i]))
				add(c, SAFETY_PII_ID, i, j);
			i = j - 1;
			continue;
		}
		/* A number after an ID keyword. */
		len = kw_any(c, i, id_words, ARRAY_SIZE(id_words));
		if (len) {
			size_t k = i + len, b, e, digits = 0, lim = k + 16;

			/* Skip "number", "no.", ":", "là", "号码", ... */
			while (k < n && k < lim && !is_digit(t->cp[k]) &&
			       !(is_upper(t->cp[k]) && is_digit(at(c, k + 1))))
				k++;
			b = k;
			for (e = b; e < n && (is_alnum(t->cp[e]) || t->cp[e] == '-' ||
			                      (t->cp[e] == ' ' &&
			                       is_digit(at(c, e + 1)) &&
			                       is_digit(at(c, e - 1))));
			     e++)
				digits += is_digit(t->cp[e]);
			while (e > b && !is_alnum(t->cp[e - 1]))
				e--;
			if (b < n && digits >= 5 && e - b >= 6 && e - b <= 24)
				add(c, SAFETY_PII_ID, b, e);
			i = e > i ? e - 1 : i;
		}
	}
}

/* ---- phone numbers ---- */

static const char *const phone_words[] = {
        "phone", "tel", "telephone", "mobile", "cell", "call me", "call",
        "contact", "whatsapp", "line id", "line", "zalo", "wechat", "viber",
        "number", "電話", "电话", "手機", "手机", "聯絡", "联络", "聯繫",
        "联系", "打給", "打给", "致電", "致电", "微信", "號碼", "号码",
        "dien thoai", "sdt", "dt", "so may", "goi", "lien he", "lien lac"};

/* Units that make a number a measurement, not a phone. */
static const char *const units[] = {
        "mg",  "mcg", "ug",  "g",    "kg",  "ml",  "l",   "mmhg", "mmol",
        "iu",  "u",   "cm",  "mm",   "m",   "km",  "bpm", "times", "x",
        "tablets", "pills", "lan", "vien", "tuoi", "thang", "nam", "ngay",
        "gio", "phut", "dong", "vnd", "usd", "ntd", "rmb", "yuan",
        "次",  "毫克", "克",  "公斤", "斤",  "岁",  "歲",  "天",  "个",
        "個",  "年",   "分",  "小时", "小時", "元",  "块",  "塊",  "度",
        "%",   "°",   "片",  "粒",   "颗",  "顆"};

static int unit_after(const struct ctx *c, size_t i)
{
	i = skip_spaces(c, i);
	return kw_any(c, i, units, ARRAY_SIZE(units)) != 0;
}

/* A phone keyword ends within a few characters before i. */
static int phone_word_before(const struct ctx *c, size_t i)
{
	size_t lo = i > 24 ? i - 24 : 0;

	for (size_t k = lo; k < i; k++) {
		size_t len = kw_any(c, k, phone_words, ARRAY_SIZE(phone_words));

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
	if (d[0] == '0' && d[1] != '0' && n == 12 && sep)
		return 1; /* CN landline with a 4-digit area code */
	if (d[0] == '1' && d[1] >= '3' && d[1] <= '9' && n == 11)
		return 1; /* CN mobile */
	return 0;
}

static int phone_sep(uint32_t x)
{
	return x == ' ' || x == '-' || x == '.' || x == 0x2013 || x == 0x2012 ||
	       x == 0xA0 || x == '/';
}

#define PHONE_MAX_GROUPS 8

static void find_phones(struct ctx *c)
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
			if (phone_sep(at(c, j)) && (is_digit(at(c, j + 1)) ||
			                            at(c, j + 1) == '(')) {
				slash |= at(c, j) == '/';
				j++;
				sep = 1;
			} else if (at(c, j) == '(' && is_digit(at(c, j + 1))) {
				sep = 1;
			} else if (phone_sep(at(c, j)) && at(c, j + 1) == ' ' &&
			           is_digit(at(c, j + 2))) {
				j += 2;
				sep = 1;
			} else {
				break;
			}
		}
		if (ng == 0 || slash)
			goto next;
		/* The longest prefix of whole groups that is a phone. */
		for (size_t k = ng; k > 0; k--) {
			size_t len = gdig[k - 1], end = gend[k - 1];

			d[len] = 0;
			if (len < 6 || is_alnum(at(c, end)) || at(c, end) == '/' ||
			    unit_after(c, end))
				continue;
			if (phone_shape(d, len, plus, sep || k > 1) ||
			    (!plus && len <= 15 && !date_shaped(d, g, k) &&
			     phone_word_before(c, i))) {
				best = end;
				break;
			}
		}
		if (best) {
			add(c, SAFETY_PII_PHONE, i, best);
			i = best - 1;
			continue;
		}
	next:
		/* Skip the rest of this number. */
		while (i + 1 < n && (is_digit(t->cp[i + 1]) ||
		                     (phone_sep(t->cp[i + 1]) &&
		                      is_digit(at(c, i + 2)))))
			i++;
	}
}

/* ---- addresses ---- */

static const char *const street_en[] = {
        "street", "st",     "road",    "rd",   "avenue", "ave",   "lane",
        "ln",     "boulevard", "blvd", "drive", "dr",    "way",   "court",
        "ct",     "place",  "pl",      "terrace", "crescent", "close",
        "highway", "hwy",   "parkway", "square", "sq",   "alley", "row"};

static size_t word_end(const struct ctx *c, size_t i)
{
	while (is_alpha(at(c, i)) ||
	       ((at(c, i) == '\'' || at(c, i) == '-') && is_alpha(at(c, i + 1))))
		i++;
	return i;
}

/* "12 Baker Street", "221B Baker St., Apt 4". */
static void find_addr_en(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t j = i, words = 0, end = 0;

		if (!is_digit(at(c, i)) || (i > 0 && is_alnum(at(c, i - 1))))
			continue;
		while (is_digit(at(c, j)) && j - i < 6)
			j++;
		if (is_alpha(at(c, j)) && !is_alpha(at(c, j + 1)))
			j++; /* 221B */
		if (at(c, j) != ' ')
			continue;
		j++;
		while (words < 5) {
			size_t e = word_end(c, j);

			if (e == j)
				break;
			if (words > 0 &&
			    kw_any(c, j, street_en, ARRAY_SIZE(street_en)) ==
			            e - j) {
				end = e;
				if (at(c, end) == '.')
					end++;
				break;
			}
			if (!is_upper(at(c, j)))
				break;
			words++;
			j = e;
			if (at(c, j) != ' ')
				break;
			j++;
		}
		if (!end)
			continue;
		/* ", Apt 4B" / ", Unit 12" */
		{
			static const char *const units_en[] = {
			        ", apt ", ", apt. ", ", apartment ", ", unit ",
			        ", suite ", ", flat ", ", floor ", " apt ",
			        " #"};
			size_t k = kw_any(c, end, units_en, ARRAY_SIZE(units_en));

			if (k) {
				size_t e = end + k;

				while (is_alnum(at(c, e)))
					e++;
				if (e > end + k)
					end = e;
			}
		}
		add(c, SAFETY_PII_ADDRESS, i, end);
		i = end - 1;
	}
}

static int zh_numeral(uint32_t x)
{
	return is_digit(x) || x == 0x4E00 /* 一 */ || x == 0x4E8C /* 二 */ ||
	       x == 0x4E09 || x == 0x56DB || x == 0x4E94 || x == 0x516D ||
	       x == 0x4E03 || x == 0x516B || x == 0x4E5D || x == 0x5341 ||
	       x == 0x767E || x == 0x96F6 || x == 0x3007;
}

static int in_set(uint32_t x, const uint32_t *set, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (set[k] == x)
			return 1;
	return 0;
}

/* Characters that end a Chinese address going backwards: the verb or
 * preposition before it ("住在", "地址是", "於"). */
static const uint32_t zh_stop[] = {
        0x5728 /* 在 */, 0x4F4F /* 住 */, 0x65BC /* 於 */, 0x4E8E /* 于 */,
        0x5740 /* 址 */, 0x5230 /* 到 */, 0x662F /* 是 */, 0x70BA /* 為 */,
        0x4E3A /* 为 */, 0x7684 /* 的 */, 0x6211 /* 我 */, 0x5BB6 /* 家 */,
        0x5F80 /* 往 */, 0x5F9E /* 從 */, 0x4ECE /* 从 */, 0x642C /* 搬 */};
/* A road, lane or community marker that must occur in the address. */
static const uint32_t zh_road[] = {
        0x8DEF /* 路 */, 0x8857 /* 街 */, 0x9053 /* 道 */, 0x5DF7 /* 巷 */,
        0x5F04 /* 弄 */, 0x6BB5 /* 段 */, 0x91CC /* 里 */, 0x6751 /* 村 */,
        0x5340 /* 區 */, 0x533A /* 区 */, 0x82D1 /* 苑 */, 0x5712 /* 園 */,
        0x56ED /* 园 */, 0x5EC8 /* 廈 */, 0x53A6 /* 厦 */, 0x5E02 /* 市 */,
        0x7E23 /* 縣 */, 0x53BF /* 县 */, 0x9109 /* 鄉 */, 0x4E61 /* 乡 */,
        0x93AE /* 鎮 */, 0x9547 /* 镇 */};
/* What ends the number of a building or a door. */
static const uint32_t zh_no[] = {
        0x865F /* 號 */, 0x53F7 /* 号 */, 0x68DF /* 棟 */, 0x680B /* 栋 */,
        0x5E62 /* 幢 */, 0x5BA4 /* 室 */};
/* Floor and unit markers after the number. */
static const uint32_t zh_floor[] = {
        0x6A13 /* 樓 */, 0x697C /* 楼 */, 0x5C64 /* 層 */, 0x5C42 /* 层 */,
        0x5BA4 /* 室 */, 'F', 'f', 0x865F /* 號 */, 0x53F7 /* 号 */,
        0x55AE /* 單 */, 0x5355 /* 单 */, 0x5143 /* 元 */};

static void find_addr_zh(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 1; i < n; i++) {
		size_t ns = i, b, e, k;
		int road = 0;

		if (!in_set(at(c, i), zh_no, ARRAY_SIZE(zh_no)) ||
		    !zh_numeral(at(c, i - 1)))
			continue;
		while (ns > 0 && (zh_numeral(at(c, ns - 1)) ||
		                  at(c, ns - 1) == '-' || at(c, ns - 1) == 0x4E4B))
			ns--;
		/* Back over the Han text of the address, up to a stop. */
		b = ns;
		while (b > 0 && ns - b < 30) {
			uint32_t x = at(c, b - 1);

			if (!(safety_is_cjk(x) || zh_numeral(x) || x == '-') ||
			    in_set(x, zh_stop, ARRAY_SIZE(zh_stop)))
				break;
			b--;
		}
		for (k = b; k < ns; k++)
			road |= in_set(at(c, k), zh_road, ARRAY_SIZE(zh_road));
		if (!road || ns - b < 2)
			continue;
		/* Forward over floors, units and rooms: "5樓之1", "3单元201室". */
		e = i + 1;
		for (;;) {
			size_t m = e;

			if (at(c, m) == 0x4E4B /* 之 */)
				m++;
			if (!zh_numeral(at(c, m)))
				break;
			while (zh_numeral(at(c, m)))
				m++;
			if (in_set(at(c, m), zh_floor, ARRAY_SIZE(zh_floor))) {
				m++;
				if (at(c, m) == 0x5143 /* 元 */)
					m++;
				e = m;
			} else if (at(c, e) == 0x4E4B) {
				e = m; /* 之1 */
			} else {
				break;
			}
		}
		add(c, SAFETY_PII_ADDRESS, b, e);
		i = e;
	}
}

/* Vietnamese: "số 12 đường Lê Lợi", "12/3 Nguyễn Trãi", "ngõ 5 phố Huế",
 * extended over ", phường 5, quận 3, TP. HCM". */
static const char *const vi_street[] = {"duong ", "pho ", "ngo ", "ngach ",
                                        "hem ",   "kiet ", "dai lo "};
static const char *const vi_area[] = {
        ", phuong ", ", quan ", ", huyen ", ", xa ", ", thi xa ",
        ", thi tran ", ", tp. ", ", tp ", ", thanh pho ", ", tinh ",
        ", p. ", ", q. ", ", p.", ", q.", " phuong ", " quan "};

/* Capitalised words or numbers ("Lê Lợi", "3/2", "số 5"); returns the end
 * of the last one, or i when there is none. */
static size_t vi_name_words(const struct ctx *c, size_t i, size_t max)
{
	size_t end = i, j = i;

	for (size_t w = 0; w < max; w++) {
		size_t e;

		if (is_digit(at(c, j))) {
			e = j;
			while (is_digit(at(c, e)) || (at(c, e) == '/' &&
			                              is_digit(at(c, e + 1))))
				e++;
		} else if (is_upper(at(c, j)) || (w == 0 && max > 4 &&
		                                  is_alpha(at(c, j)) &&
		                                  kw_at(c, j, "so "))) {
			e = word_end(c, j);
		} else {
			break;
		}
		end = e;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	return end;
}

static size_t vi_house_no(const struct ctx *c, size_t i)
{
	size_t j = i;

	while (is_digit(at(c, j)) ||
	       ((at(c, j) == '/' || at(c, j) == '-') && is_digit(at(c, j + 1))))
		j++;
	if (j > i && is_alpha(at(c, j)) && !is_alpha(at(c, j + 1)))
		j++; /* 12A */
	return j;
}

static void find_addr_vi(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t b = i, j, k, end = 0;

		if (i > 0 && is_alnum(at(c, i - 1)))
			continue;
		/* "số nhà 12", "nhà số 12", "số 12" */
		k = kw_at(c, i, "so nha ");
		if (!k)
			k = kw_at(c, i, "nha so ");
		if (!k)
			k = kw_at(c, i, "so ");
		j = i + k;
		if (is_digit(at(c, j))) {
			size_t h = vi_house_no(c, j);

			if (at(c, h) == ',' && at(c, h + 1) == ' ')
				h++;
			if (at(c, h) == ' ') {
				size_t s = h + 1, sk = 0;

				for (size_t q = 0; q < ARRAY_SIZE(vi_street); q++)
					if ((sk = kw_at(c, s, vi_street[q])))
						break;
				if (sk) {
					size_t e = vi_name_words(c, s + sk, 6);

					if (e > s + sk)
						end = e;
				} else if (!k || kw_at(c, i, "so nha ") ||
				           kw_at(c, i, "nha so ")) {
					/* "12 Nguyễn Trãi, quận 5" needs the
					 * district to be sure. */
					size_t e = vi_name_words(c, s, 4);

					if (e > s && !is_digit(at(c, s)) &&
					    kw_any(c, e, vi_area,
					           ARRAY_SIZE(vi_area)))
						end = e;
				}
			}
		} else if (!k) {
			/* "ngõ 5 phố Huế", "hẻm 12" */
			static const char *const lanes[] = {"ngo ", "ngach ",
			                                    "hem ", "kiet "};
			size_t lk = kw_any(c, i, lanes, ARRAY_SIZE(lanes));

			if (lk && is_digit(at(c, i + lk))) {
				size_t e = vi_house_no(c, i + lk), e2;

				end = e;
				if (at(c, e) == ' ') {
					for (size_t q = 0; q < ARRAY_SIZE(vi_street);
					     q++) {
						size_t sk = kw_at(c, e + 1,
						                  vi_street[q]);

						if (sk && (e2 = vi_name_words(
						                   c, e + 1 + sk,
						                   6)) > e + 1 + sk) {
							end = e2;
							break;
						}
					}
				}
			}
		}
		if (!end)
			continue;
		/* Wards, districts, cities after it. */
		for (;;) {
			size_t ak = kw_any(c, end, vi_area, ARRAY_SIZE(vi_area)),
			       e;

			if (!ak)
				break;
			e = vi_name_words(c, end + ak, 4);
			if (e == end + ak)
				break;
			end = e;
		}
		add(c, SAFETY_PII_ADDRESS, b, end);
		i = end - 1;
	}
}

/* ---- names in self-introductions ---- */

/* Cues after which lowercase names are accepted too. */
static const char *const en_cue_loose[] = {"my name is ", "my name's ",
                                           "my full name is ", "name: "};
/* Cues after which one capitalised word is enough. */
static const char *const en_cue_cap[] = {
        "i am called ", "i'm called ", "name is ", "signed, ", "regards, ",
        "named ",       "call me "};
static const char *const en_cue_strict[] = {"i am ", "i'm ", "this is ",
                                            "im "};
/* Capitalised words that are not names (sentence words after "I am"). */
static const char *const en_not_name[] = {
        "a",        "an",       "the",     "and",      "but",    "so",
        "very",     "not",      "just",    "pregnant", "worried", "here",
        "writing",  "asking",   "from",    "in",       "on",     "at",
        "i",        "doctor",   "dr",      "mom",      "mother", "father",
        "dad",      "patient",  "male",    "female",   "sorry",  "hello",
        "hi",       "thanks",   "thank",   "please",   "diabetic", "also",
        "currently", "still",   "now",     "years",    "year",   "old",
        "scared",   "concerned", "taking", "having",   "feeling", "going",
        "new",      "married",  "single",  "english",  "vietnamese",
        "chinese",  "taiwanese", "american", "nurse",  "student", "teacher",
        "asian",    "is",       "my",      "it",       "this",   "that",
        "what",     "how",      "why",     "when",     "where",  "who",
        "can",      "could",    "should",  "will",     "would",  "have",
        "has",      "had",      "do",      "does",     "did",    "been",
        "being",    "with",     "for",     "to",       "of",     "about",
        "after",    "before",   "today",   "yesterday", "recently",
        "monday",   "tuesday",  "wednesday", "thursday", "friday",
        "saturday", "sunday",   "january", "february", "march",  "april",
        "may",      "june",     "july",    "august",   "september",
        "october",  "november", "december", "covid",   "hiv",    "type",
        "stage",    "ok",       "okay",    "fine",     "well",   "sick",
        "ill",      "tired",    "allergic", "unable",  "able",   "sure",
        "afraid",   "trying",   "looking", "wondering", "hoping", "glad"};
static const char *const en_titles[] = {"mr. ", "mrs. ", "ms. ", "miss ",
                                        "mr ",  "mrs ",  "ms ",  "mx "};

static int en_name_word(const struct ctx *c, size_t b, size_t e)
{
	for (size_t k = 0; k < ARRAY_SIZE(en_not_name); k++)
		if (kw_at(c, b, en_not_name[k]) == e - b)
			return 0;
	return 1;
}

static void find_names_en(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = kw_any(c, i, en_cue_loose, ARRAY_SIZE(en_cue_loose)),
		       j, words = 0, b, end;
		int strict = 0, lower = k != 0;

		if (!k)
			k = kw_any(c, i, en_cue_cap, ARRAY_SIZE(en_cue_cap));
		if (!k) {
			k = kw_any(c, i, en_cue_strict,
			           ARRAY_SIZE(en_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		b = j;
		k = kw_any(c, j, en_titles, ARRAY_SIZE(en_titles));
		if (k) {
			j += k;
			strict = 0;
		}
		end = j;
		while (words < 4) {
			size_t e = word_end(c, j);

			if (e == j || !is_upper(at(c, j)) || !en_name_word(c, j, e))
				break;
			/* An initial: "John F. Kennedy" */
			if (at(c, e) == '.' && e == j + 1)
				e++;
			words++;
			end = e;
			if (at(c, e) != ' ')
				break;
			j = e + 1;
		}
		if (words == 0 && lower) {
			/* "my name is john smith": lowercase, at most two
			 * words that are not function words. */
			j = b;
			while (words < 2) {
				size_t e = word_end(c, j);

				if (e == j || e - j < 2 || !en_name_word(c, j, e))
					break;
				words++;
				end = e;
				if (at(c, e) != ' ')
					break;
				j = e + 1;
			}
		}
		if (words == 0 || (strict && words < 2))
			continue;
		add(c, SAFETY_PII_NAME, b, end);
		i = end - 1;
	}
}

/* Common Chinese surnames, traditional and simplified, then the compound
 * ones. */
static const char *const zh_surnames =
        "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑"
        "梁謝谢宋唐許许韓韩馮冯鄧邓曹彭曾蕭萧肖田董潘袁蔡蔣蒋余于杜葉叶"
        "程魏蘇苏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆汪范金石廖賈贾夏韋韦傅"
        "方白鄒邹孟熊秦邱江尹薛閻阎段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚邵萬"
        "万錢钱嚴严覃武戴莫孔向湯汤常溫温康施文牛樊葛邢安齊齐易喬乔伍龐"
        "庞顏颜倪莊庄聶聂章魯鲁岳翟殷詹申歐欧耿關关蘭兰焦俞左柳甘祝包寧"
        "宁尚符舒阮柯紀纪梅童凌畢毕單单季裴霍塗涂成苗谷盛曲翁冉駱骆藍蓝"
        "路游辛靳管柴蒙鮑鲍華华喻祁蒲房滕屈饒饶解牟艾尤陽阳時时穆農农司"
        "卓古吉繆缪簡简車车項项連连蘆芦麥麦褚婁娄竇窦戚岑景黨党宮宫費费"
        "卜冷晏席衛卫米柏宗瞿桂全佟應应臧閔闵苟鄔邬邊边卞姬師师和仇欒栾"
        "隋商刁沙榮荣巫寇桑郎甄叢丛仲虞敖鞏巩明佘池查麻苑遲迟鄺邝官封談"
        "谈匡鞠惠荊荆樂乐冀郁胥南班儲储原栗燕楚鄢勞劳諶谌奚皮粟冼藺蔺樓"
        "楼盤盘滿满聞闻位厲厉伊仝區区郜海闞阚花權权強强帥帅屠豆朴蓋盖練"
        "练廉禹井祖漆巴豐丰支卿國国狄平計计索宣晉晋相初門门雲云容敬來来"
        "扈晁芮都普闕阙浦戈伏鹿薄邸雍辜羊阿烏乌母裘亓修邰赫杭況况那宿鮮"
        "鲜印逯隆茹諸诸戰战慕危玉銀银亢嵇公哈湛賓宾戎勾茅利於呼居揭干但"
        "尉冶斯元束檀衣信展陰阴昝智幸奉植衡富堯尧閉闭由";
static const char *const zh_compound[] = {
        "歐陽", "欧阳", "司馬", "司马", "上官", "諸葛", "诸葛", "東方",
        "东方", "皇甫", "令狐", "慕容", "司徒", "公孫", "公孙", "尉遲",
        "尉迟", "夏侯", "長孫", "长孙", "宇文", "端木", "軒轅", "轩辕"};
static const char *const zh_titles[] = {"先生", "太太", "小姐", "女士",
                                        "阿姨", "伯伯", "奶奶", "爺爺",
                                        "爷爷"};
/* What may follow a name directly. */
static const char *const zh_follow[] = {
        "今年", "是", "住", "来自", "來自", "男", "女", "的", "在", "岁",
        "歲",   "想", "有", "最近", "目前", "现在", "現在", "因为", "因為",
        "已经", "已經", "今", "身高", "体重", "體重", "这", "這", "去年",
        "，",   "。",   "、",   "請", "请", "要", "想要", "也", "一直",
        "平时", "平時", "从小", "從小", "本身", "自己", "前", "上个",
        "上個", "大概", "昨天", "今天", "之前", "和", "跟", "与", "與"};
static const char *const zh_cue_loose[] = {
        "我叫",     "我的名字是", "我的名字叫", "本人叫", "我姓名是",
        "我的姓名是", "姓名：",   "姓名:",     "名字：", "名字:",
        "我名叫",   "我的全名是", "本人姓名"};
static const char *const zh_cue_strict[] = {"我是", "本人是", "本人"};
/* Words after "我是" that start with a surname but are not names. */
static const char *const zh_not_name[] = {
        "高中生", "初中生", "程序员", "程序員", "公务员", "公務員", "研究生",
        "全职妈", "全職媽", "单亲妈", "單親媽", "高龄产", "高齡產", "初产妇",
        "初產婦", "经产妇", "經產婦", "上班族", "新手妈", "新手媽", "高血压",
        "高血壓", "糖尿病", "石油工", "金融业", "金融業", "江湖郎"};
/* First characters that make "我叫" the verb "to call" ("我叫了救护车"). */
static const char *const zh_not_first[] = {
        "了", "过", "過", "醒", "不", "他", "她", "它", "你", "们", "們",
        "医", "醫", "救", "车", "車", "家", "人", "谁", "誰"};

static int zh_is_surname(const struct ctx *c, size_t i, size_t *len)
{
	const unsigned char *s = (const unsigned char *)zh_surnames;
	uint32_t x = at(c, i);

	for (size_t k = 0; k < ARRAY_SIZE(zh_compound); k++)
		if (kw_at(c, i, zh_compound[k]) == 2) {
			*len = 2;
			return 1;
		}
	while (*s) {
		uint32_t y = ((uint32_t)(s[0] & 0x0F) << 12) |
		             ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);

		if (y == x) {
			*len = 1;
			return 1;
		}
		s += 3;
	}
	return 0;
}

static int zh_follows(const struct ctx *c, size_t i)
{
	uint32_t x = at(c, i);

	if (!safety_is_cjk(x))
		return 1;
	return kw_any(c, i, zh_follow, ARRAY_SIZE(zh_follow)) != 0;
}

static void find_names_zh(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = kw_any(c, i, zh_cue_loose, ARRAY_SIZE(zh_cue_loose)),
		       j, run, slen = 0, len = 0;
		int strict = 0;

		if (!k) {
			k = kw_any(c, i, zh_cue_strict,
			           ARRAY_SIZE(zh_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		for (run = 0; safety_is_cjk(at(c, j + run)); run++)
			;
		if (run < 2 ||
		    kw_any(c, j, zh_not_first, ARRAY_SIZE(zh_not_first)))
			continue;
		if (strict) {
			if (!zh_is_surname(c, j, &slen) ||
			    kw_any(c, j, zh_not_name, ARRAY_SIZE(zh_not_name)))
				continue;
			/* 陳先生, 王太太 */
			for (size_t t = 0; t < ARRAY_SIZE(zh_titles); t++)
				if (kw_at(c, j + slen, zh_titles[t]))
					len = slen + 2;
			/* Surname and a two-character given name. */
			if (!len && run >= slen + 2 && zh_follows(c, j + slen + 2))
				len = slen + 2;
			if (!len)
				continue;
		} else {
			static const size_t pref[] = {3, 2, 4};

			for (size_t p = 0; p < ARRAY_SIZE(pref) && !len; p++)
				if (pref[p] <= run && zh_follows(c, j + pref[p]))
					len = pref[p];
			if (!len)
				len = run < 3 ? run : 3;
		}
		add(c, SAFETY_PII_NAME, j, j + len);
		i = j + len - 1;
	}
}

static const char *const vi_cue_loose[] = {
        "toi ten la ", "ten toi la ", "em ten la ",   "minh ten la ",
        "chau ten la ", "con ten la ", "ten em la ",  "ten chau la ",
        "ten minh la ", "ho ten: ",    "ho va ten: ", "ho ten la ",
        "ho ten ",      "toi ten ",    "em ten ",     "ten cua toi la "};
static const char *const vi_cue_strict[] = {"toi la ", "em la ", "chau la ",
                                            "minh la "};
static const char *const vi_surnames[] = {
        "nguyen", "tran",  "le",    "pham",  "hoang", "huynh", "phan",
        "vu",     "vo",    "dang",  "bui",   "do",    "ho",    "ngo",
        "duong",  "ly",    "dinh",  "mai",   "truong", "lam",  "doan",
        "cao",    "dao",   "luong", "trinh", "ta",    "ha",    "lai",
        "quach",  "thai",  "to",    "chau",  "kieu",  "la",    "tang",
        "van",    "luu",   "trieu", "chu",   "khuc",  "mac",   "tieu"};

static void find_names_vi(struct ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k = kw_any(c, i, vi_cue_loose, ARRAY_SIZE(vi_cue_loose)),
		       j, words = 0, end = 0;
		int strict = 0;

		if (!k) {
			k = kw_any(c, i, vi_cue_strict,
			           ARRAY_SIZE(vi_cue_strict));
			strict = 1;
		}
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		if (strict) {
			size_t e = word_end(c, j), q;

			if (!is_upper(at(c, j)))
				continue;
			for (q = 0; q < ARRAY_SIZE(vi_surnames); q++)
				if (kw_at(c, j, vi_surnames[q]) == e - j)
					break;
			if (q == ARRAY_SIZE(vi_surnames))
				continue;
		}
		{
			size_t b = j;

			while (words < 5) {
				size_t e = word_end(c, j);

				if (e == j || !is_upper(at(c, j)))
					break;
				words++;
				end = e;
				if (at(c, e) != ' ')
					break;
				j = e + 1;
			}
			if (words == 0 || (strict && words < 2))
				continue;
			add(c, SAFETY_PII_NAME, b, end);
			i = end - 1;
		}
	}
}

/* ---- putting it together ---- */

static int overlaps(const struct found *x, const struct found *y)
{
	return x->cb < y->ce && y->cb < x->ce;
}

/* Keep the findings that do not overlap a better one: priority by type
 * (the enum order), then length. O(n^2) in findings, which are few. */
static size_t resolve(struct found *v, size_t n)
{
	size_t kept = 0;

	/* Insertion sort by (type, longer first). */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			struct found *x = &v[j - 1], *y = &v[j], tmp;

			if (x->type < y->type ||
			    (x->type == y->type &&
			     x->ce - x->cb >= y->ce - y->cb))
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
			struct found tmp = v[j];

			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
	return kept;
}

int safety_pii_find(struct arena *a, const char *text,
                    struct safety_pii **found, size_t *n)
{
	struct safety_text t;
	struct ctx c;
	struct safety_pii *out = NULL;
	size_t len, kept;
	int rc = 0;

	*found = NULL;
	*n = 0;
	if (!text) {
		rc = -EINVAL;
		goto done;
	}
	len = strlen(text);
	if (len > LIMIT_SAFETY_TEXT_BYTES) {
		rc = -E2BIG;
		goto done;
	}
	rc = safety_text_norm(a, text, len, 0, &t);
	if (rc)
		goto done;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.t = &t;
	find_emails(&c);
	find_ids(&c);
	find_phones(&c);
	find_addr_en(&c);
	find_addr_zh(&c);
	find_addr_vi(&c);
	find_names_en(&c);
	find_names_zh(&c);
	find_names_vi(&c);
	kept = resolve(c.v, c.n);
	if (kept == 0)
		goto done;
	out = ARENA_ARRAY(a, struct safety_pii, kept);
	for (size_t i = 0; i < kept; i++) {
		out[i].type = c.v[i].type;
		out[i].start = t.beg[c.v[i].cb];
		out[i].end = t.end[c.v[i].ce - 1];
	}
	/* Spans that share an input character after normalisation (rare:
	 * a ligature cut in two) must not overlap in bytes either. */
	for (size_t i = 1; i < kept; i++)
		if (out[i].start < out[i - 1].end)
			out[i].start = out[i - 1].end;
	*found = out;
	*n = kept;
done:
	return rc;
}

static const char *const default_markers[SAFETY_PII_NTYPES] = {
        [SAFETY_PII_EMAIL] = "[removed: e-mail]",
        [SAFETY_PII_PHONE] = "[removed: phone]",
        [SAFETY_PII_ID] = "[removed: ID]",
        [SAFETY_PII_ADDRESS] = "[removed: address]",
        [SAFETY_PII_NAME] = "[removed: name]",
};

int safety_redact(struct arena *a, const char *text,
                  const char *const *markers, char **out,
                  struct safety_pii **found, size_t *n)
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
	};

	if ((int)t < 0 || t >= SAFETY_PII_NTYPES)
		return "unknown";
	return keys[t];
}
