/* safety/pii_name.c: names by context, dates of birth, chat handles and
 * medical record numbers.
 *
 * Names follow Philter (Norgeot et al., 2020): in a context where a name
 * stands, a word that is not a known ordinary or medical word is a name.
 * The contexts are a relative ("my mother Wang Mei-Ling", "our daughter
 * emily", "家父王建國", "我女兒佳佳", "mẹ em là bà Nguyễn Thị Lan", "bé
 * Na"), a sign-off at the end of the text ("Thanks, Kevin", "謝謝！陳小
 * 姐", "cảm ơn bác sĩ, Hương", "— Aoife", "by 小芸"), a surname with a
 * title ("陳小姐", "林志豪先生", "Mrs. Doreen Platt"), a name called out
 * ("where is Tommy", 喊「建國」, "Hùng ơi"), a role (患者, 聯絡人, 收件人)
 * and a relative's given name alone before a word (我老公志豪說).
 * A capitalised word is a name unless it is ordinary (data/names/en-
 * ordinary.txt: function words, kinship words, nationalities, eponyms,
 * drug brands); a lowercase one only when it is in the name lists
 * (data/names/: English, Vietnamese and Chinese surnames and given names,
 * each file with its public source) and not ordinary.
 *
 * The other kinds need their cue: a date of birth is a full date (with
 * its year) after "born", "DOB", "出生", "ngày sinh", ...; a handle is a
 * handle-shaped word after LINE, Zalo, WeChat, QQ, Facebook, Instagram;
 * a record number is a number of four digits or more after "MRN", "chart
 * no.", "病歷號", "住院号", "mã bệnh nhân", ... that is not a date.
 *
 * The lists are read once from the embedded data files (pthread_once) and
 * only read afterwards.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safety/pii_int.h"
#include "util/embed.h"
#include "util/util.h"

/* ---- the word lists ---- */

struct wset {
	char **w;
	size_t n;
};

static struct wset en_given, en_sur, en_ord, vi_sur, vi_given;
static uint32_t *zh_sur1; /* one-character surnames, sorted */
static size_t nzh1;
static uint32_t (*zh_sur2)[2]; /* compound surnames */
static size_t nzh2;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* The lines of an embedded list that are not comments or empty. */
static void load_set(struct wset *s, const char *name)
{
	const struct embedded_file *f = embed_find(name);
	const char *p, *e;
	size_t cap = 0;

	if (!f)
		return;
	for (p = f->data; *p; p = *e ? e + 1 : e) {
		size_t len;

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		len = (size_t)(e - p);
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		if (!len || p[0] == '#')
			continue;
		if (s->n == cap) {
			cap = cap ? cap * 2 : 256;
			s->w = xrealloc(s->w, cap * sizeof(*s->w));
		}
		s->w[s->n] = xmalloc(len + 1);
		memcpy(s->w[s->n], p, len);
		s->w[s->n][len] = 0;
		s->n++;
	}
	qsort(s->w, s->n, sizeof(*s->w), cmp_str);
}

static uint32_t utf8_one(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*len = 2;
		return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*len = 3;
		return ((uint32_t)(s[0] & 0x0F) << 12) |
		       ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

static void load_lists(void)
{
	struct wset zh = {NULL, 0};

	load_set(&en_given, "data/names/en-given.txt");
	load_set(&en_sur, "data/names/en-surnames.txt");
	load_set(&en_ord, "data/names/en-ordinary.txt");
	load_set(&vi_sur, "data/names/vi-surnames.txt");
	load_set(&vi_given, "data/names/vi-given.txt");
	load_set(&zh, "data/names/zh-surnames.txt");
	zh_sur1 = xmalloc((zh.n + 1) * sizeof(*zh_sur1));
	zh_sur2 = xmalloc((zh.n + 1) * sizeof(*zh_sur2));
	for (size_t i = 0; i < zh.n; i++) {
		const unsigned char *s = (const unsigned char *)zh.w[i];
		size_t l1, l2;
		uint32_t a = utf8_one(s, &l1), b;

		if (!s[l1]) {
			zh_sur1[nzh1++] = a;
		} else {
			b = utf8_one(s + l1, &l2);
			zh_sur2[nzh2][0] = a;
			zh_sur2[nzh2++][1] = b;
		}
		free(zh.w[i]);
	}
	free(zh.w);
	qsort(zh_sur1, nzh1, sizeof(*zh_sur1), cmp_u32);
}

void safety_pii_names_init(void)
{
	pthread_once(&lists_once, load_lists);
}

int safety_pii_zh_surname(const struct pii_ctx *c, size_t i, size_t *len)
{
	uint32_t x = at(c, i);

	safety_pii_names_init();
	for (size_t k = 0; k < nzh2; k++)
		if (zh_sur2[k][0] == x && zh_sur2[k][1] == at(c, i + 1)) {
			*len = 2;
			return 1;
		}
	if (bsearch(&x, zh_sur1, nzh1, sizeof(x), cmp_u32)) {
		*len = 1;
		return 1;
	}
	return 0;
}

/* Is the folded word [b, e) (apostrophes and hyphens dropped) in s? */
static int in_set(const struct wset *s, const struct pii_ctx *c, size_t b,
                  size_t e)
{
	char buf[64], *key = buf;
	size_t o = 0;

	for (size_t i = b; i < e; i++) {
		uint32_t f = fold(at(c, i));

		if (!f || f == '\'' || f == '-' || f == 0x2019)
			continue;
		if (o > sizeof(buf) - 8)
			return 0;
		o += safety_utf8_put(buf + o, f);
	}
	buf[o] = 0;
	return o && bsearch(&key, s->w, s->n, sizeof(*s->w), cmp_str);
}

static int listed(const struct pii_ctx *c, size_t b, size_t e)
{
	return in_set(&en_given, c, b, e) || in_set(&en_sur, c, b, e) ||
	       in_set(&vi_sur, c, b, e) || in_set(&vi_given, c, b, e);
}

unsigned safety_pii_name_lists(const struct pii_ctx *c, size_t b, size_t e)
{
	safety_pii_names_init();
	return (in_set(&en_given, c, b, e) ? PN_LIST_EN_GIVEN : 0) |
	       (in_set(&en_sur, c, b, e) ? PN_LIST_EN_SUR : 0) |
	       (in_set(&vi_sur, c, b, e) ? PN_LIST_VI_SUR : 0) |
	       (in_set(&vi_given, c, b, e) ? PN_LIST_VI_GIVEN : 0) |
	       (in_set(&en_ord, c, b, e) ? PN_LIST_ORDINARY : 0);
}

/* What may follow the end of a name: PAUSE_* bits. */
enum {
	PAUSE_COMMA = 1,     /* ',' */
	PAUSE_STOP = 2,      /* '.' */
	PAUSE_END = 4,       /* the end of the text */
	PAUSE_BANG = 8,      /* '!' */
	PAUSE_LINE = 16,     /* a line break */
	PAUSE_SPACE = 32,    /* ' ' */
	PAUSE_ZH_COMMA = 64, /* '，' */
	PAUSE_ZH_STOP = 128  /* '！' and '。' */
};

/* Does one of the pauses in what stand at e, where a name ends? */
static int pause_at(const struct pii_ctx *c, size_t e, unsigned what)
{
	uint32_t x = at(c, e);

	return ((what & PAUSE_COMMA) && x == ',') ||
	       ((what & PAUSE_STOP) && x == '.') ||
	       ((what & PAUSE_END) && x == 0) ||
	       ((what & PAUSE_BANG) && x == '!') ||
	       ((what & PAUSE_LINE) && x == '\n') ||
	       ((what & PAUSE_SPACE) && x == ' ') ||
	       ((what & PAUSE_ZH_COMMA) && x == 0xFF0C) ||
	       ((what & PAUSE_ZH_STOP) && (x == 0xFF01 || x == 0x3002));
}

/* The end of a Latin word at i without a possessive "'s". */
size_t safety_pii_name_end(const struct pii_ctx *c, size_t b, size_t e)
{
	if (e - b > 3 && (at(c, e - 2) == '\'' || at(c, e - 2) == 0x2019) &&
	    fold(at(c, e - 1)) == 's')
		return e - 2;
	return e;
}

/* An all-capital short word: an abbreviation (ADHD, COPD), not a name. */
static int abbreviation(const struct pii_ctx *c, size_t b, size_t e)
{
	if (e - b > 4)
		return 0;
	for (size_t i = b; i < e; i++)
		if (!is_upper(at(c, i)))
			return 0;
	return e - b >= 2;
}

static int ascii_word(const struct pii_ctx *c, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++)
		if (at(c, i) >= 0x80)
			return 0;
	return 1;
}

/* Read a name of up to max Latin words at j: the first capitalised and
 * not ordinary, or lowercase and listed (when lower); the rest alike.
 * Returns its end, or 0. */
static size_t read_name(const struct pii_ctx *c, size_t j, size_t max,
                        int lower)
{
	size_t words = 0, end = 0;
	int caps = -1;

	while (words < max) {
		size_t e = safety_pii_word_end(c, j), ne;
		int up;

		if (e == j)
			break;
		ne = safety_pii_name_end(c, j, e);
		up = is_upper(at(c, j));
		if (caps >= 0 && up != caps)
			break;
		if (up ? ((in_set(&en_ord, c, j, ne) &&
		           (ascii_word(c, j, ne) ||
		            !in_set(&vi_sur, c, j, ne))) ||
		          abbreviation(c, j, ne))
		       : (!lower || !listed(c, j, ne) ||
		          in_set(&en_ord, c, j, ne)))
			break;
		caps = up;
		words++;
		end = ne;
		if (ne != e || at(c, e) != ' ')
			break;
		/* An initial: "John F. Kennedy". */
		j = e + 1;
		if (is_upper(at(c, j)) && at(c, j + 1) == '.' &&
		    at(c, j + 2) == ' ')
			j += 3;
	}
	return end;
}

/* No cue starts inside a Latin word, at a space or at a digit: the scans
 * skip those positions before comparing keywords. */
static int no_cue_at(const struct pii_ctx *c, size_t i)
{
	uint32_t x = at(c, i);

	return is_space(x) || is_digit(x) ||
	       (i && is_alpha(x) && is_alpha(at(c, i - 1)));
}

/* ---- names after a relative ---- */

static const char *const en_owner[] = {"my ", "our ", "mi "};
static const char *const en_kin[] = {
        "mother-in-law", "father-in-law", "daughter-in-law",
        "son-in-law",    "sister-in-law", "brother-in-law",
        "mother",        "mom",           "mum",
        "mommy",         "mama",          "father",
        "dad",           "daddy",         "papa",
        "son",           "daughter",      "wife",
        "husband",       "partner",       "boyfriend",
        "girlfriend",    "fiance",        "fiancee",
        "brother",       "sister",        "grandma",
        "grandmother",   "grandpa",       "grandfather",
        "granny",        "nana",          "uncle",
        "aunt",          "auntie",        "cousin",
        "nephew",        "niece",         "baby",
        "child",         "kid",           "boy",
        "girl",          "friend",        "neighbour",
        "neighbor",      "toddler",       "newborn",
        "infant",        "grandson",      "granddaughter",
        "stepson",       "stepdaughter",  "roommate",
        "twin",          "colleague",     "nan",
        "nanna",         "gran",          "grandad",
        "granddad",      "landlord",      "landlady",
        "carer",         "teacher",       "boss",
        "flatmate",      "housemate",     "classmate",
        "coworker",      "co-worker",     "stepmother",
        "stepfather",    "stepmom",       "stepdad",
        "little one",    "little girl",   "little boy",
        "mate",          "best mate",     "buddy",
        "bestie",        "best friend",   "pal"};
/* Kin words that name a relative without "my" before a capitalised name:
 * "granny Ethel May", "baby Maisie Rose", "Sister Bernadette". */
static const char *const en_kin_bare[] = {
        "granny ",  "grandma ", "grandpa ", "nan ",  "nana ",   "gran ",
        "grandad ", "baby ",    "uncle ",   "aunt ", "auntie ", "cousin ",
        "sister ",  "brother ", "mr. ",     "mrs. ", "ms. ",    "miss ",
        "mr ",      "mrs ",     "ms ",      "mx "};

static void find_kin_en(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, words, e, kk = 0;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, en_owner, ARRAY_SIZE(en_owner));
		if (!k)
			continue;
		/* "my 3 year old son", "my elderly mother": the kin word
		 * within four words. */
		j = i + k;
		for (words = 0; words < 5; words++) {
			kk = safety_pii_kw_any(c, j, en_kin,
			                       ARRAY_SIZE(en_kin));
			if (kk)
				break;
			while (j < n && (is_alnum(at(c, j)) || at(c, j) == '-'))
				j++;
			if (at(c, j) != ' ') {
				words = 5;
				break;
			}
			j++;
		}
		if (words == 5)
			continue;
		j += kk;
		if (at(c, j) == ',')
			j++;
		j = skip_spaces(c, j);
		if (safety_pii_kw_at(c, j, "is called "))
			j = skip_spaces(c, j + 10);
		else if (safety_pii_kw_at(c, j, "is ") &&
		         is_upper(at(c, skip_spaces(c, j + 3))))
			j = skip_spaces(c, j + 3);
		if (safety_pii_kw_at(c, j, "named") ||
		    safety_pii_kw_at(c, j, "called"))
			j = skip_spaces(c, safety_pii_word_end(c, j));
		e = read_name(c, j, 3, 1);
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* A lowercase word that could be a name where a name stands: not an
 * ordinary word, letters only, three or more, not shaped like a verb or
 * an adverb ("having", "tired", "really"). */
static int unknown_word(const struct pii_ctx *c, size_t j, size_t e)
{
	uint32_t z = fold(at(c, e - 1)), y = fold(at(c, e - 2));

	if (e - j < 3 || in_set(&en_ord, c, j, e))
		return 0;
	if ((y == 'e' && z == 'd') || (y == 'l' && z == 'y') ||
	    (e - j > 4 && z == 'g' && y == 'n' && fold(at(c, e - 3)) == 'i'))
		return 0;
	for (size_t k = j; k < e; k++)
		if (!is_alpha(at(c, k)) || at(c, k) >= 0x80)
			return 0;
	return 1;
}

/* Up to three lowercase unknown words at j, ending at punctuation, the
 * end or an ordinary word. Returns the end or 0. */
static size_t read_lower_name(const struct pii_ctx *c, size_t j)
{
	size_t end = 0;

	for (int words = 0; words < 3; words++) {
		size_t e = safety_pii_word_end(c, j);

		if (e == j || is_upper(at(c, j)) ||
		    !(unknown_word(c, j, e) || listed(c, j, e)) ||
		    in_set(&en_ord, c, j, e))
			break;
		end = e;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	if (!end)
		return 0;
	{
		uint32_t x = at(c, end);
		size_t ne = safety_pii_word_end(c, end + 1);

		/* "this is linda marsh calling about ...": a verb of
		 * introduction may follow. */
		if (x == ' ' && ne > end + 1 &&
		    !in_set(&en_ord, c, end + 1, ne) &&
		    !safety_pii_kw_at(c, end + 1, "calling") &&
		    !safety_pii_kw_at(c, end + 1, "speaking") &&
		    !safety_pii_kw_at(c, end + 1, "writing") &&
		    !safety_pii_kw_at(c, end + 1, "here"))
			return 0;
	}
	return end;
}

/* "I'm Priya", "this is Kevin", "hi im jake morrison", "Contact: Oluwaseun
 * Adeyemi", "name Li Xiuying": one capitalised word is enough when it is
 * not ordinary and a pause follows; lowercase unknown words count after
 * the self cues. */
static void find_self_en(struct pii_ctx *c)
{
	static const char *const cue[] = {
	        "i'm ",          "i am ",         "im ",        "this is ",
	        "it's ",         "its ",          "name is ",   "name: ",
	        "contact: ",     "contact ",      "holder ",    "name ",
	        "patient: ",     "patient name ", "for me, ",   "me, ",
	        "me (",          "patient ",      "pt: ",       "from: ",
	        "message from ", "referral for ", "referral: ", "re: ",
	        "on behalf of ", "writing for "};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, cue, ARRAY_SIZE(cue));
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		if (!is_upper(at(c, j))) {
			/* Lowercase only after the self cues ("im", "this
			 * is", "it's"). */
			if (fold(at(c, i)) != 'i' && fold(at(c, i)) != 't')
				continue;
			/* "if it's easier", "it's made": "it's" introduces
			 * only at the start ("hey its jess") or before a
			 * listed name. */
			if (fold(at(c, i + 1)) == 't' && i > 10 &&
			    !listed(c, j, safety_pii_word_end(c, j)))
				continue;
			e = read_lower_name(c, j);
			if (e) {
				safety_pii_add(c, SAFETY_PII_NAME, j, e);
				i = e - 1;
			}
			continue;
		}
		e = read_name(c, j, 3, 0);
		/* "Patient: Okafor, Chidi": surname, comma, given name. */
		if (e && at(c, e) == ',' && at(c, e + 1) == ' ' &&
		    is_upper(at(c, e + 2)) && at(c, i + k - 2) == ':') {
			size_t e2 = read_name(c, e + 2, 2, 0);

			if (e2)
				e = e2;
		}
		/* One word: only followed by a pause ("I'm Priya, 29"). */
		if (e && safety_pii_word_end(c, j) >= e &&
		    !(pause_at(c, e,
		               PAUSE_COMMA | PAUSE_STOP | PAUSE_END |
		                       PAUSE_BANG | PAUSE_LINE) ||
		      safety_pii_kw_at(c, e, " here") ||
		      safety_pii_kw_at(c, e, " again") ||
		      safety_pii_kw_at(c, e, " from ") ||
		      safety_pii_kw_at(c, e, " (") ||
		      safety_pii_kw_at(c, e, " and")))
			e = 0;
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* "Kenji Watanabe here, 45": a name that opens the text. */
static void find_opening_name(struct pii_ctx *c)
{
	static const char *const greet[] = {
	        "hi doc, ", "hello doc, ", "hi doctor, ", "hi, ",
	        "hello, ",  "hey, ",       "hi ",         "hey "};
	size_t j = skip_spaces(c, 0), e, g;

	if ((g = safety_pii_kw_any(c, j, greet, ARRAY_SIZE(greet))))
		j = skip_spaces(c, j + g);

	if (!is_upper(at(c, j))) {
		/* "aiden o'connor here": lowercase words of the lists. */
		e = read_name(c, j, 3, 1);
		if (e && safety_pii_kw_at(c, e, " here"))
			safety_pii_add(c, SAFETY_PII_NAME, j, e);
		return;
	}
	e = read_name(c, j, 3, 0);
	/* "Moved here from Taipei": a verb, not a name. */
	if (e && !listed(c, j, safety_pii_word_end(c, j)) &&
	    !unknown_word(c, j, safety_pii_word_end(c, j)))
		return;
	if (e && safety_pii_kw_at(c, e, " here"))
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
}

/* Words before a capitalised pair that make it a place ("in Ho Chi Minh",
 * "đường Lê Lợi"), and after it. */
static const char *const place_before[] = {
        "in ",       "at ",        "to ",     "from ",      "near ",
        "on ",       "of ",        "street ", "duong ",     "pho ",
        "quan ",     "huyen ",     "tinh ",   "phuong ",    "xa ",
        "ap ",       "thon ",      "ngo ",    "benh vien ", "bv ",
        "truong ",   "thanh pho ", "tp ",     "via ",       "visit ",
        "visiting ", "dr. ",       "dr ",     "doctor ",    "prof. ",
        "o ",        "tai ",       "den ",    "ve ",        "vien ",
        "hospital "};

/* Two or three capitalised words of which one is a listed surname
 * ("Zhang Lei", "Kevin Pham", "Đỗ Quang Vinh"), not a place. */
static void find_listed_names(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t e, j, words = 0, sur = 0, b;

		if (!is_upper(at(c, i)) || (i && is_alpha(at(c, i - 1))))
			continue;
		e = read_name(c, i, 4, 0);
		if (!e)
			continue;
		for (j = i; j < e;) {
			size_t we = safety_pii_word_end(c, j);

			if (we == j)
				break;
			words++;
			sur += in_set(&en_sur, c, j, we) ||
			       in_set(&vi_sur, c, j, we);
			j = skip_spaces(c, we);
			if (at(c, j) == '.')
				j = skip_spaces(c, j + 1);
		}
		b = i;
		while (b > 0 && is_space(at(c, b - 1)))
			b--;
		{
			size_t pb = b;

			while (pb > 0 && (is_alpha(at(c, pb - 1)) ||
			                  at(c, pb - 1) == '.'))
				pb--;
			if (pb < b &&
			    safety_pii_kw_any(c, pb, place_before,
			                      ARRAY_SIZE(place_before))) {
				i = e - 1;
				continue;
			}
		}
		/* Accented (Vietnamese) pairs also need a listed given name:
		 * "Hà Nội" and "Hoàng Diệu" are a city and a street. */
		{
			int accented = 0, given = 0;

			for (j = i; j < e; j++)
				accented |= at(c, j) >= 0x80;
			for (j = i; j < e;) {
				size_t we = safety_pii_word_end(c, j);

				if (we == j)
					break;
				given += in_set(&vi_given, c, j, we) ||
				         in_set(&en_given, c, j, we);
				j = skip_spaces(c, we);
			}
			if (accented && !given)
				sur = 0;
			if (b > 0 && is_digit(at(c, b - 1)))
				sur = 0;
		}
		if (words >= 2 && sur) {
			size_t nb = skip_spaces(c, e),
			       ne = safety_pii_word_end(c, nb);

			if (!(ne > nb && is_upper(at(c, nb)) &&
			      in_set(&en_ord, c, nb, ne)))
				safety_pii_add(c, SAFETY_PII_NAME, i, e);
		}
		i = e - 1;
	}
}

/* Chinese: 家父王建國, 我媽媽林美玉, 我女兒佳佳. */
static const char *const zh_kin[] = {
        "爸爸", "媽媽", "妈妈", "父親", "父亲", "母親", "母亲", "老公", "老婆",
        "丈夫", "妻子", "太太", "先生", "兒子", "儿子", "女兒", "女儿", "孩子",
        "小孩", "寶寶", "宝宝", "奶奶", "爺爺", "爷爷", "外婆", "外公", "阿嬤",
        "阿嬷", "阿公", "哥哥", "姐姐", "弟弟", "妹妹", "婆婆", "公公", "岳母",
        "岳父", "姑姑", "阿姨", "叔叔", "舅舅", "孫子", "孙子", "孫女", "孙女",
        "爸",   "媽",   "妈",   "女友", "男友", "朋友"};
static const char *const zh_owner[] = {"我們家", "我们家", "我的", "我家",
                                       "我"};
/* Kin words that name a relative without "我" at the start of a clause. */
static const char *const zh_kin_bare[] = {
        "老公", "老婆", "阿嬤", "阿嬷", "阿公", "小兒", "小儿", "小女",
        "犬子", "孩子", "女兒", "女儿", "兒子", "儿子", "奶奶", "爺爺",
        "爷爷", "外婆", "外公", "媽媽", "妈妈", "爸爸", "婆婆", "公公"};
static const char *const zh_kin_short[] = {"姐",   "哥",   "弟",     "妹",
                                           "先生", "太太", "女朋友", "男朋友"};
static const char *const zh_family[] = {
        "英文名字是", "英文名是", "名字是", "家父",   "家母", "家兄",
        "家姊",       "家姐",     "家祖母", "家祖父", "家嚴", "家慈"};
/* Characters that do not start or make a given name here. */
static const char *const zh_not_given =
        "我你他她它的了是在有不没沒很都也又和跟與与說说要會会得被把今最已"
        "一二三四五六七八九十每從从因去來来吃喝看到就還还才都剛刚現现常"
        "年月日歲岁個个天點点次些兩两打患住做睡咳發发頭头肚胃腰腳脚手身心"
        "痛病疼燒烧血壓压糖癌腫肿吐拉便怀懷上咳感的医醫師师護护士";

static int zh_given_ok(uint32_t x)
{
	const unsigned char *s = (const unsigned char *)zh_not_given;

	if (!safety_is_cjk(x))
		return 0;
	while (*s) {
		size_t l;

		if (utf8_one(s, &l) == x)
			return 0;
		s += l;
	}
	return 1;
}

/* A Chinese name at j: a surname and one or two given characters that a
 * name-follower ends, or a doubled given name (佳佳). Returns its length. */
static size_t zh_name_at(const struct pii_ctx *c, size_t j)
{
	size_t sl;

	/* A name ends where a follower (今年, 是, punctuation) or a
	 * character no given name uses (打, 有, 三) starts. */
#define ZH_END(p) (safety_pii_zh_follows(c, p) || !zh_given_ok(at(c, p)))
	if (safety_pii_zh_surname(c, j, &sl)) {
		if (zh_given_ok(at(c, j + sl)) &&
		    zh_given_ok(at(c, j + sl + 1)) && ZH_END(j + sl + 2))
			return sl + 2;
		if (zh_given_ok(at(c, j + sl)) && ZH_END(j + sl + 1))
			return sl + 1;
	}
	if (zh_given_ok(at(c, j)) && at(c, j) == at(c, j + 1) && ZH_END(j + 2))
		return 2;
#undef ZH_END
	return 0;
}

static void find_kin_zh(struct pii_ctx *c)
{
	static const char *const zh_self[] = {"我是", "我叫", "本人"};
	size_t n = c->t->n;
	int latin_only;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, len;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, zh_family, ARRAY_SIZE(zh_family));
		latin_only = 0;
		if (!k && (k = safety_pii_kw_any(c, i, zh_self,
		                                 ARRAY_SIZE(zh_self))) != 0)
			latin_only = 1;
		if (!k) {
			size_t o = safety_pii_kw_any(c, i, zh_owner,
			                             ARRAY_SIZE(zh_owner));
			uint32_t p = i ? at(c, i - 1) : 0;

			if (o) {
				k = safety_pii_kw_any(c, i + o, zh_kin,
				                      ARRAY_SIZE(zh_kin));
				if (!k)
					k = safety_pii_kw_any(
					        c, i + o, zh_kin_short,
					        ARRAY_SIZE(zh_kin_short));
				if (k)
					k += o;
			} else if (!p || !safety_is_cjk(p) || p == 0x3002 ||
			           p == 0xFF0C || p == 0xFF01) {
				k = safety_pii_kw_any(c, i, zh_kin_bare,
				                      ARRAY_SIZE(zh_kin_bare));
			}
			if (!k)
				continue;
		}
		if (latin_only &&
		    !(at(c, i + k) < 0x80 && is_alpha(at(c, i + k))))
			continue;
		j = i + k;
		if (at(c, j) == 0x53EB /* 叫 */)
			j++;
		else if (safety_pii_kw_at(c, j, "名叫"))
			j += 2;
		j = skip_spaces(c, j);
		if (at(c, j) < 0x80 && is_alpha(at(c, j))) {
			/* A Latin name: "我先生Lin Zhi-wei", "我是liu yang". */
			size_t e = is_upper(at(c, j)) ? read_name(c, j, 3, 0)
			                              : read_lower_name(c, j);

			if (e) {
				safety_pii_add(c, SAFETY_PII_NAME, j, e);
				i = e - 1;
			}
			continue;
		}
		len = zh_name_at(c, j);
		if (!len)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, j + len);
		i = j + len - 1;
	}
}

/* 陳小姐, 王先生 after a pause, the start or a space: a surname with a
 * title names someone. */
static void find_titled_zh(struct pii_ctx *c)
{
	static const char *const title[] = {"小姐", "先生", "女士", "太太"};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t sl;
		uint32_t p = i ? at(c, i - 1) : 0;

		if (no_cue_at(c, i))
			continue;
		if (!safety_is_cjk(at(c, i)) ||
		    (p && safety_is_cjk(p) && p != 0x3002 && p != 0xFF0C &&
		     p != 0xFF01))
			continue;
		if (!safety_pii_zh_surname(c, i, &sl) ||
		    !safety_pii_kw_any(c, i + sl, title, ARRAY_SIZE(title)))
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, i, i + sl + 2);
		i += sl + 1;
	}
}

/* Vietnamese: "mẹ em là bà Nguyễn Thị Lan", "chồng em Minh", "bé Na",
 * "con tên Bảo An" / "con ten bao an". */
static const char *const vi_kin[] = {
        "e",   "me",  "ma",   "bo",  "ba",  "cha",  "chong", "vo",
        "con", "be",  "chau", "ong", "anh", "chi",  "em",    "bac",
        "co",  "chu", "di",   "cau", "mo",  "thim", "ban"};
static const char *const vi_pron[] = {"em ",   "toi ", "minh ", "con ",
                                      "chau ", "e ",   "mk ",   "t "};
static const char *const vi_link[] = {"ten la ", "ten ", "la "};
static const char *const vi_place[] = {
        "huyen ", "xa ", "tinh ", "quan ", "phuong ", "duong ",
        "pho ",   "ap ", "thon ", "lang ", "thi xa ", "thi tran "};
static const char *const vi_title[] = {"ba ",  "ong ", "anh ",  "chi ", "co ",
                                       "chu ", "be ",  "chau ", "em "};

/* Vietnamese name words at j: capitalised (any), or, after "tên",
 * lowercase ones in the Vietnamese lists. Returns the end or 0. */
static size_t vi_name_at(const struct pii_ctx *c, size_t j, int lower)
{
	size_t words = 0, end = 0;
	int up = is_upper(at(c, j));

	if (!up && !lower)
		return 0;
	while (words < 4) {
		size_t e = safety_pii_word_end(c, j);

		if (e == j || e - j > 7 || is_upper(at(c, j)) != up)
			break;
		if (!up && !in_set(&vi_given, c, j, e) &&
		    !in_set(&vi_sur, c, j, e))
			break;
		if (up && (in_set(&en_ord, c, j, e) || abbreviation(c, j, e)) &&
		    !in_set(&vi_given, c, j, e) && !in_set(&vi_sur, c, j, e))
			break;
		words++;
		end = e;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	return end;
}

static void find_kin_vi(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t e = safety_pii_word_end(c, i), j, k, end;
		int named = 0;

		if (no_cue_at(c, i))
			continue;
		if (e == i || (i && is_alpha(at(c, i - 1))) ||
		    !safety_pii_kw_any(c, i, vi_kin, ARRAY_SIZE(vi_kin)) ||
		    at(c, e) != ' ')
			continue;
		/* The kin word itself must be what is there, not a longer
		 * word that starts like it. */
		{
			size_t q;

			for (q = 0; q < ARRAY_SIZE(vi_kin); q++)
				if (safety_pii_kw_at(c, i, vi_kin[q]) == e - i)
					break;
			if (q == ARRAY_SIZE(vi_kin))
				continue;
		}
		/* "huyện Châu Thành": a place, not cháu Thành. */
		if (i >= 2) {
			size_t pb = i - 1;

			while (pb > 0 && is_alpha(at(c, pb - 1)))
				pb--;
			if (safety_pii_kw_any(c, pb, vi_place,
			                      ARRAY_SIZE(vi_place)))
				continue;
		}
		j = e + 1;
		if ((k = safety_pii_kw_any(c, j, vi_pron,
		                           ARRAY_SIZE(vi_pron))) &&
		    !is_upper(at(c, j)))
			j += k;
		else if (safety_pii_kw_at(c, j, "em,") ||
		         safety_pii_kw_at(c, j, "toi,"))
			j = skip_spaces(c,
			                j + safety_pii_word_end(c, j) - j + 1);
		if ((k = safety_pii_kw_any(c, j, vi_link,
		                           ARRAY_SIZE(vi_link))) &&
		    !is_upper(at(c, j))) {
			named = fold(at(c, j)) == 't' ? 1 : 2;
			j += k;
		}
		if ((k = safety_pii_kw_any(c, j, vi_title,
		                           ARRAY_SIZE(vi_title))) &&
		    !is_upper(at(c, j)))
			j += k;
		j = skip_spaces(c, j);
		end = vi_name_at(c, j, named);
		/* After "là", lowercase only a full name that starts with a
		 * surname, or one given name before a pause. */
		if (end && named == 2 && !is_upper(at(c, j))) {
			size_t w1 = safety_pii_word_end(c, j);

			if (!(in_set(&vi_sur, c, j, w1) && end > w1) &&
			    !(end == w1 &&
			      (at(c, end) == ',' || at(c, end) == 0)))
				end = 0;
		}
		if (!end)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, end);
		i = end - 1;
	}
}

/* ---- sign-offs ---- */

static const char *const thanks[] = {"thank you kindly",
                                     "thanks",
                                     "thank you",
                                     "thx",
                                     "ty",
                                     "regards",
                                     "best",
                                     "cheers",
                                     "sincerely",
                                     "love",
                                     "many thanks",
                                     "cam on",
                                     "cám ơn",
                                     "tks",
                                     "謝謝",
                                     "谢谢",
                                     "感謝",
                                     "感谢",
                                     "敬上",
                                     "拜託",
                                     "拜托",
                                     "thanks doc",
                                     "bác sĩ",
                                     "bac si",
                                     "nhiều",
                                     "nhieu",
                                     "ạ",
                                     "醫生",
                                     "医生",
                                     "doctor",
                                     "doc",
                                     "so much",
                                     "in advance"};

/* Is what follows a sign-off name [.., e) the end: nothing but
 * punctuation, or a bracket, a dash or a comma before contact details? */
static int signoff_tail(const struct pii_ctx *c, size_t e)
{
	size_t n = c->t->n, j = e;

	while (j < n &&
	       (is_space(at(c, j)) || at(c, j) == '.' || at(c, j) == '!'))
		j++;
	if (j >= n)
		return 1;
	j = skip_spaces(c, e);
	return at(c, j) == '(' || at(c, j) == 0xFF08 || at(c, j) == '-' ||
	       at(c, j) == 0x2013 || at(c, j) == 0x2014 || at(c, j) == ',' ||
	       at(c, j) == 0xFF0C || safety_pii_kw_at(c, j, "敬上") ||
	       safety_pii_kw_at(c, j, "谨上") || safety_pii_kw_at(c, j, "謹上");
}

/* A name after a thanks word and a pause, ending the text or followed by
 * contact details: "Thanks, Kevin", "thanks doc - Kevin", "Thanks so
 * much, Priya Raghunathan (priya@...)", "謝謝醫師的回覆！蔡佩君 敬上",
 * "Cảm ơn bác sĩ nhiều ạ. Đỗ Quang Vinh - 0868...". */
static void find_signoff(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, thanks, ARRAY_SIZE(thanks));
		if (!k)
			continue;
		j = i + k;
		/* More thanks words, then a pause. */
		for (int more = 0; more < 4; more++) {
			size_t q = skip_spaces(c, j),
			       l = safety_pii_kw_any(c, q, thanks,
			                             ARRAY_SIZE(thanks));

			if (!l)
				break;
			j = q + l;
		}
		if (safety_is_cjk(at(c, j))) {
			/* "謝謝醫師的回覆！": words after the thanks, then the
			 * pause. */
			size_t p = j;

			while (p < n && p < j + 12 && safety_is_cjk(at(c, p)))
				p++;
			if (at(c, p) == 0xFF01 || at(c, p) == 0x3002 ||
			    at(c, p) == 0xFF0C || at(c, p) == '!')
				j = p;
		}
		{
			size_t p = j;

			while (p < n &&
			       (is_space(at(c, p)) || at(c, p) == ',' ||
			        at(c, p) == '.' || at(c, p) == '!' ||
			        at(c, p) == '-' || at(c, p) == 0x2013 ||
			        at(c, p) == 0x2014 || at(c, p) == 0xFF0C ||
			        at(c, p) == 0xFF01 || at(c, p) == 0x3002))
				p++;
			if (p == j)
				continue;
			j = p;
		}
		if (safety_is_cjk(at(c, j))) {
			size_t len = zh_name_at(c, j);

			if (len && signoff_tail(c, j + len)) {
				safety_pii_add(c, SAFETY_PII_NAME, j, j + len);
				i = j + len - 1;
			}
			continue;
		}
		if (!is_upper(at(c, j)))
			continue;
		e = read_name(c, j, 4, 0);
		if (!e || !signoff_tail(c, e))
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* ---- more name contexts (kinds from the ext-b and ext-c misses) ---- */

/* "granny Ethel May", "Mrs. Doreen Platt", "Sister Bernadette": a kin word
 * or a title without "my", then capitalised words that are not ordinary.
 * At the start of a sentence the kin word itself is capitalised. */
static void find_kin_bare_en(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e;

		if (no_cue_at(c, i) || !is_alpha(at(c, i)))
			continue;
		k = safety_pii_kw_any(c, i, en_kin_bare,
		                      ARRAY_SIZE(en_kin_bare));
		if (!k)
			continue;
		j = skip_spaces(c, i + k);
		if (!is_upper(at(c, j)))
			continue;
		e = read_name(c, j, 3, 0);
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* Is x a quotation mark that opens or closes a quote? */
static int quote_mark(uint32_t x)
{
	return x == '"' || x == 0x201C || x == 0x201D || x == 0x300C ||
	       x == 0x300D || x == 0x300E || x == 0x300F;
}

/* Vietnamese words that are called out with "ơi" but are not names. */
static const char *const vi_not_vocative[] = {
        "troi", "me", "bo",    "ba",   "anh",  "chi", "em",  "con", "bac",
        "ong",  "co", "chu",   "di",   "cau",  "ban", "cac", "moi", "nguoi",
        "oi",   "vo", "chong", "chau", "thay", "ca",  "nha", "ma"};

/* Names called out: a quote of one to five words whose last word is a
 * capitalised name ("where is Tommy", "Fatima!"), two or three Chinese
 * characters in 「」 or “” after 喊/叫/念 (喊「建國」), and a capitalised
 * Vietnamese word before "ơi" ("Hùng ơi"). */
static void find_called_names(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		uint32_t x = at(c, i);

		if (quote_mark(x)) {
			size_t q = i + 1, words = 0, last = 0, laste = 0,
			       caps = 0;

			while (q < n && q < i + 48 && !quote_mark(at(c, q)))
				q++;
			if (q >= n || !quote_mark(at(c, q)) || q == i + 1)
				continue;
			if (safety_is_cjk(at(c, i + 1))) {
				uint32_t p1 = i ? at(c, i - 1) : 0,
				         p2 = i > 1 ? at(c, i - 2) : 0;
				int call = p1 == 0x558A /* 喊 */ ||
				           p1 == 0x53EB /* 叫 */ ||
				           p1 == 0x5FF5 /* 念 */ ||
				           p2 == 0x558A || p2 == 0x53EB;

				if (call && q - i - 1 >= 2 && q - i - 1 <= 3) {
					safety_pii_add(c, SAFETY_PII_NAME,
					               i + 1, q);
				}
				i = q;
				continue;
			}
			for (size_t w = i + 1; w < q;) {
				size_t we = safety_pii_word_end(c, w);

				if (we == w) {
					w++;
					continue;
				}
				/* "Tâm ơi" in quotes: the word before. */
				if (words &&
				    safety_pii_kw_at(c, w, "ơi") == we - w) {
					w = we;
					continue;
				}
				words++;
				caps += words > 1 && is_upper(at(c, w));
				last = w;
				laste = safety_pii_name_end(c, w, we);
				w = we;
			}
			/* One capitalised word after the first: "I Want Water"
			 * is a title, "where is Tommy" a name. */
			if (words >= 1 && words <= 5 && is_upper(at(c, last)) &&
			    caps <= 1 && (words == 1 || last > i + 1) &&
			    read_name(c, last, 1, 0) == laste &&
			    (listed(c, last, laste) ||
			     unknown_word(c, last, laste)))
				safety_pii_add(c, SAFETY_PII_NAME, last, laste);
			i = q;
			continue;
		}
		/* "Hùng ơi" */
		if (is_upper(x) && (!i || !is_alpha(at(c, i - 1)))) {
			size_t e = safety_pii_word_end(c, i);

			if (e > i && at(c, e) == ' ' &&
			    safety_pii_kw_at(c, e + 1, "ơi") &&
			    !is_alpha(at(c, e + 3)) &&
			    !safety_pii_kw_any(c, i, vi_not_vocative,
			                       ARRAY_SIZE(vi_not_vocative)))
				safety_pii_add(c, SAFETY_PII_NAME, i, e);
			i = e > i ? e - 1 : i;
		}
	}
}

/* Two Chinese characters that can be a given name at j (筱涵, 志豪, 小芸),
 * ended by what may follow a name. Returns 2 or 0. */
static size_t zh_given2_at(const struct pii_ctx *c, size_t j)
{
	uint32_t x = at(c, j + 2);

	/* A given name alone needs a word after it, not a pause: "我弟弟近视，"
	 * is a condition, "我弟弟建宏說" a name. */
	if (zh_given_ok(at(c, j)) && zh_given_ok(at(c, j + 1)) &&
	    safety_is_cjk(x) && x != 0x7684 /* 的 */ &&
	    !(x == 0x662F /* 是 */ && at(c, j + 3) == 0x4E0D /* 不 */) &&
	    (safety_pii_zh_follows(c, j + 2) ||
	     safety_pii_kw_at(c, j + 2, "說") ||
	     safety_pii_kw_at(c, j + 2, "说")))
		return 2;
	return 0;
}

/* Is what follows a sign-off name at e the end of the text, or contact
 * details? A dash also counts as the end. */
static int final_at(const struct pii_ctx *c, size_t e)
{
	return signoff_tail(c, e);
}

/* A name that ends the text after a dash, "by", a line break or a
 * sentence end: "— Aoife", "- Rachel K.", "by 小芸", "—— 怡君",
 * "Hương (huongpt@...)", "小米媽". */
static void find_final_name(struct pii_ctx *c)
{
	size_t n = c->t->n, j, e;
	static const char *const mums[] = {"媽", "妈", "爸", "媽媽", "妈妈"};

	/* The last pause before the end. */
	for (size_t i = 0; i < n; i++) {
		uint32_t x = at(c, i);
		int dash = x == '-' || x == 0x2013 || x == 0x2014 ||
		           x == 0x2015 || x == '~' || x == 0xFF5E;
		int brk = dash || x == '\n' || x == '.' || x == '!' ||
		          x == 0x3002 || x == 0xFF01 || x == '?' || x == 0xFF1F;
		size_t k;

		if (!brk && !((k = safety_pii_kw_at(c, i, "by ")) &&
		              (!i || is_space(at(c, i - 1)))))
			continue;
		j = i + (brk ? 1 : 3);
		while (j < n && (is_space(at(c, j)) || at(c, j) == x))
			j++;
		if (j >= n)
			continue;
		if (safety_is_cjk(at(c, j))) {
			size_t len = zh_name_at(c, j);

			if (!len && (dash || !brk) && zh_given_ok(at(c, j)) &&
			    zh_given_ok(at(c, j + 1)) && j + 2 >= n)
				len = 2;
			/* "小米媽": a child's name and "mum" at the end. */
			if (!len && zh_given_ok(at(c, j)) &&
			    zh_given_ok(at(c, j + 1))) {
				size_t m = safety_pii_kw_any(c, j + 2, mums,
				                             ARRAY_SIZE(mums));

				if (m && j + 2 + m >= n)
					len = 2;
			}
			if (len && (final_at(c, j + len) ||
			            safety_pii_kw_any(c, j + len, mums,
			                              ARRAY_SIZE(mums))))
				safety_pii_add(c, SAFETY_PII_NAME, j, j + len);
			continue;
		}
		if (!is_upper(at(c, j)))
			continue;
		e = read_name(c, j, 4, 0);
		if (!e)
			continue;
		/* An initial at the end: "Rachel K." */
		if (at(c, e) == ' ' && is_upper(at(c, e + 1)) &&
		    (at(c, e + 2) == '.' || e + 2 >= n))
			e += at(c, e + 2) == '.' ? 3 : 2;
		/* After a mere full stop, one word needs contact details
		 * after it or a listed name; after a dash or "by" the end
		 * is enough. */
		if (!(dash || !brk || x == '\n')) {
			size_t q = skip_spaces(c, e);

			if (!(at(c, q) == '(' || at(c, q) == 0xFF08) &&
			    !(listed(c, j, safety_pii_word_end(c, j)) &&
			      e > safety_pii_word_end(c, j)))
				continue;
		}
		if (final_at(c, e))
			safety_pii_add(c, SAFETY_PII_NAME, j,
			               at(c, e - 1) == '.' ? e : e);
	}
}

/* Chinese contexts beyond kinship: a patient, a contact, an addressee
 * (患者孫麗娟, 聯絡人：李國強, 收件人許雅婷), a relative with a given name only
 * (我老公志豪說, 我女兒筱涵是, 老婆叫美玲), a parent named by the child
 * (我是佳怡 的媽媽, 我是小胖他媽), and a full name with a title (林志豪先生).
 */
static void find_more_zh(struct pii_ctx *c)
{
	static const char *const roles[] = {
	        "患者",   "病人",     "病患",    "聯絡人", "联系人",
	        "收件人", "寄件人",   "家屬",    "家属",   "申請人",
	        "申请人", "被保險人", "被保险人"};
	static const char *const kin2[] = {
	        "老公", "老婆", "女兒", "女儿", "兒子",   "儿子",  "老爸",
	        "老媽", "老妈", "表姐", "表哥", "表妹",   "表弟",  "堂哥",
	        "堂姐", "堂弟", "堂妹", "舅舅", "叔叔",   "阿姨",  "姑姑",
	        "伯伯", "侄子", "姪子", "外甥", "女婿",   "媳婦",  "媳妇",
	        "同事", "室友", "同學", "同学", "小宝",   "小寶",  "宝宝",
	        "寶寶", "孫子", "孙子", "孫女", "孙女",   "弟弟",  "哥哥",
	        "姐姐", "妹妹", "爸爸", "媽媽", "妈妈",   "老弟",  "老哥",
	        "老姐", "老妹", "男友", "女友", "男朋友", "女朋友"};
	static const char *const titles[] = {"先生", "小姐", "女士", "太太"};
	static const char *const parent[] = {"的媽媽", "的妈妈", "的爸爸",
	                                     "他媽",   "他妈",   "她媽",
	                                     "她妈",   "的媽",   "的妈"};
	/* "我是寶寶的媽媽": the child is not named. */
	static const char *const not_child[] = {"寶寶", "宝宝", "孩子", "小孩",
	                                        "兒子", "儿子", "女兒", "女儿",
	                                        "病人", "患者"};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, len = 0, sl;

		if (!safety_is_cjk(at(c, i)))
			continue;
		if ((k = safety_pii_kw_any(c, i, roles, ARRAY_SIZE(roles)))) {
			j = i + k;
			if (at(c, j) == 0xFF1A || at(c, j) == ':')
				j++;
			j = skip_spaces(c, j);
			if (safety_pii_zh_surname(c, j, &sl))
				len = zh_name_at(c, j);
		} else if ((k = safety_pii_kw_any(c, i, kin2,
		                                  ARRAY_SIZE(kin2)))) {
			j = i + k;
			if (at(c, j) == 0x53EB /* 叫 */) {
				j = skip_spaces(c, j + 1);
				len = zh_name_at(c, j);
				if (!len && zh_given_ok(at(c, j)) &&
				    zh_given_ok(at(c, j + 1)))
					len = 2;
				if (!len && at(c, j) < 0x80 &&
				    is_alpha(at(c, j))) {
					size_t e =
					        is_upper(at(c, j))
					                ? read_name(c, j, 3, 0)
					                : read_lower_name(c, j);

					if (e) {
						safety_pii_add(c,
						               SAFETY_PII_NAME,
						               j, e);
						i = e - 1;
					}
					continue;
				}
			} else {
				len = zh_name_at(c, j);
				if (!len)
					len = zh_given2_at(c, j);
			}
		} else if ((k = safety_pii_kw_any(
		                    c, i, (const char *const[]){"我是", "我係"},
		                    2))) {
			j = i + k;
			if (zh_given_ok(at(c, j)) &&
			    zh_given_ok(at(c, j + 1)) &&
			    !safety_pii_kw_any(c, j, not_child,
			                       ARRAY_SIZE(not_child)) &&
			    safety_pii_kw_any(c, j + 2, parent,
			                      ARRAY_SIZE(parent)))
				len = 2;
			else if (k && at(c, i + 1) == 0x4FC2 /* 係 */)
				len = zh_name_at(c, j);
		} else if ((i == 0 || !safety_is_cjk(at(c, i - 1)) ||
		            at(c, i - 1) == 0x3002 || at(c, i - 1) == 0xFF0C) &&
		           safety_pii_zh_surname(c, i, &sl)) {
			/* 林志豪先生 */
			for (size_t g = 2; g >= 1 && !len; g--)
				if (zh_given_ok(at(c, i + sl)) &&
				    (g == 1 ||
				     zh_given_ok(at(c, i + sl + 1))) &&
				    safety_pii_kw_any(c, i + sl + g, titles,
				                      ARRAY_SIZE(titles)))
					len = sl + g;
			j = i;
		} else {
			continue;
		}
		if (!len)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, j + len);
		i = j + len - 1;
	}
}

/* Vietnamese: "tui ten Nhan", "em la ngoc han," (given names of the
 * list before a pause), "Sóc nhà em" (a pet name for one's child at the
 * start), "cô giáo Ngọc". */
static void find_more_vi(struct pii_ctx *c)
{
	static const char *const cue[] = {"tui ten la ", "tui ten ",
	                                  "tui la ",     "em la ",
	                                  "toi la ",     "minh la "};
	static const char *const teacher[] = {"co giao ", "thay giao ", "thay ",
	                                      "co "};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e;

		if (no_cue_at(c, i))
			continue;
		if ((k = safety_pii_kw_any(c, i, cue, ARRAY_SIZE(cue)))) {
			j = skip_spaces(c, i + k);
			if (is_upper(at(c, j))) {
				e = vi_name_at(c, j, 0);
				if (e && (fold(at(c, i)) == 't' &&
				          fold(at(c, i + 1)) == 'u')) {
					safety_pii_add(c, SAFETY_PII_NAME, j,
					               e);
					i = e - 1;
				}
				continue;
			}
			e = vi_name_at(c, j, 1);
			if (e &&
			    pause_at(c, e,
			             PAUSE_COMMA | PAUSE_END | PAUSE_STOP)) {
				safety_pii_add(c, SAFETY_PII_NAME, j, e);
				i = e - 1;
			}
			continue;
		}
		if ((k = safety_pii_kw_any(c, i, teacher,
		                           ARRAY_SIZE(teacher)))) {
			j = skip_spaces(c, i + k);
			if (k > 4 && is_upper(at(c, j)) &&
			    (e = vi_name_at(c, j, 0))) {
				safety_pii_add(c, SAFETY_PII_NAME, j, e);
				i = e - 1;
			}
			continue;
		}
	}
	/* "Sóc nhà em 9 tháng": the first word, then "nhà em". */
	size_t j = skip_spaces(c, 0);

	if (is_upper(at(c, j))) {
		size_t e = safety_pii_word_end(c, j);

		if (e > j && at(c, e) == ' ' &&
		    (safety_pii_kw_at(c, e + 1, "nha em") ||
		     safety_pii_kw_at(c, e + 1, "nha minh") ||
		     safety_pii_kw_at(c, e + 1, "nha toi")) &&
		    !safety_pii_kw_any(c, j, vi_kin, ARRAY_SIZE(vi_kin)))
			safety_pii_add(c, SAFETY_PII_NAME, j, e);
	}
}

/* ---- kinds from the ext-d to ext-i misses (fifth session) ---- */

/* What may end a Chinese name besides the followers of pii_text.c: a
 * sentence particle, a bracket, an age or a count, and the events a
 * relative's name comes before (生日, 懷孕, 中風, 確診, 上初三). */
static const char *const zh_end5[] = {
        "啦",   "喔",   "哦",   "呀",   "耶",   "～",   "~",    "（",   "(",
        "生日", "出生", "中風", "中风", "腦梗", "脑梗", "確診", "确诊", "懷孕",
        "怀孕", "剛",   "刚",   "上初", "上國", "上国", "上高", "上小", "上大",
        "對",   "对",   "騎",   "骑",   "就",   "這邊", "这边", "敬上", "谨上",
        "謹上", "妈妈", "媽媽", "姊姊", "姐姐", "老公", "老婆", "女儿", "女兒",
        "得過", "得过", "推荐", "推薦", "脊椎", "一",   "二",   "三",   "四",
        "五",   "六",   "七",   "八",   "九",   "十",   "兩",   "两",   "半"};

static int zh_end5_at(const struct pii_ctx *c, size_t p)
{
	return safety_pii_zh_follows(c, p) || is_digit(at(c, p)) ||
	       safety_pii_kw_any(c, p, zh_end5, ARRAY_SIZE(zh_end5));
}

/* Two-character words after 我是 or a kin word that are not a given
 * name. */
static const char *const zh_not_given2[] = {
        "學生", "学生", "新手", "孕婦", "孕妇", "家長", "家长", "男生", "女生",
        "老人", "病友", "宝妈", "寶媽", "新人", "媽媽", "妈妈", "爸爸", "小孩",
        "小學", "小学", "外婆", "奶奶", "阿嬤", "阿公", "女兒", "女儿", "兒子",
        "儿子", "老婆", "老公", "孫女", "孙女", "想問", "想问", "因為", "因为",
        "真的", "覺得", "觉得", "新住", "越南", "台灣", "台湾", "大陸", "大陆",
        "香港", "外籍", "護理", "护理", "照顧", "照顾", "長輩", "长辈", "家屬",
        "家属", "第一", "第二", "剛剛", "刚刚", "自己", "上班", "單親", "单亲",
        "全職", "全职", "宜蘭", "宜兰", "素食", "過敏", "过敏", "小三", "小朋",
        "寶寶", "宝宝", "孩子", "朋友", "同事", "鄰居", "邻居", "出生", "生日",
        "姓名", "地址", "體重", "体重", "身高", "身長", "身长", "濕疹", "湿疹",
        "退休", "成這", "成这", "電話", "电话", "手機", "手机", "唐氏", "高中",
        "初中", "國中", "国中", "程序", "大學", "大学", "研究", "公務", "公务",
        "黃疸", "黄疸", "現在", "现在", "今年", "每天", "晚上", "資料", "资料"};

/* A Chinese name after a naming cue at j: a surname and one or two given
 * characters, or a given name of two (怡君, 小米), or a name written in
 * Latin letters (liu xiaoming, Siti Rahayu). pause: a given name alone may
 * end at a pause. Returns its end or 0. */
static size_t zh_cue_name(const struct pii_ctx *c, size_t j, int pause)
{
	size_t sl;

	if (at(c, j) < 0x80 && is_alpha(at(c, j))) {
		size_t e = j, end = 0;

		if (is_upper(at(c, j))) {
			size_t r = read_name(c, j, 4, 0), w = j;

			/* "LEE CHIH-MING" as in a passport: capitals. */
			for (int k = 0; !r && k < 3; k++) {
				size_t we = safety_pii_word_end(c, w);

				if (we < w + 2 || !ascii_word(c, w, we) ||
				    !is_upper(at(c, w + 1)) ||
				    in_set(&en_ord, c, w, we))
					break;
				if (k && we > w)
					r = we;
				if (at(c, we) != ' ')
					break;
				w = we + 1;
			}
			return r;
		}
		/* Lowercase pinyin: up to three words, then Chinese or a
		 * pause. */
		for (int w = 0; w < 3; w++) {
			size_t we = safety_pii_word_end(c, e);

			if (we == e || we - e < 2 || !ascii_word(c, e, we) ||
			    in_set(&en_ord, c, e, we))
				break;
			end = we;
			if (at(c, we) != ' ' || !is_alpha(at(c, we + 1)))
				break;
			e = we + 1;
		}
		if (!end)
			return 0;
		e = skip_spaces(c, end);
		return (safety_is_cjk(at(c, e)) ||
		        pause_at(c, e,
		                 PAUSE_ZH_COMMA | PAUSE_COMMA | PAUSE_END))
		               ? end
		               : 0;
	}
	if (!safety_is_cjk(at(c, j)) ||
	    safety_pii_kw_any(c, j, zh_not_given2, ARRAY_SIZE(zh_not_given2)) ||
	    safety_pii_zh_follows(c, j + 1))
		return 0;
	if (safety_pii_zh_surname(c, j, &sl) && zh_given_ok(at(c, j + sl))) {
		/* 林王月娥: a married woman's two surnames. */
		size_t s2;

		if (safety_pii_zh_surname(c, j + sl, &s2) && s2 == 1 &&
		    zh_given_ok(at(c, j + sl + 1)) &&
		    zh_given_ok(at(c, j + sl + 2)) && zh_end5_at(c, j + sl + 3))
			return j + sl + 3;
		if (zh_given_ok(at(c, j + sl + 1)) && zh_end5_at(c, j + sl + 2))
			return j + sl + 2;
		if (zh_end5_at(c, j + sl + 1))
			return j + sl + 1;
	}
	/* 糖糖, 豆豆: a doubled character is a pet name. */
	if (at(c, j) == at(c, j + 1) && !is_digit(at(c, j)) &&
	    safety_is_cjk(at(c, j)) && zh_end5_at(c, j + 2))
		return j + 2;
	if (zh_given_ok(at(c, j)) && zh_given_ok(at(c, j + 1))) {
		uint32_t x = at(c, j + 2);
		int is_pause = x == 0xFF0C || x == ',' || x == 0x3002 ||
		               x == 0xFF01 || x == 0 || x == 0x3001 || x == ' ';

		if (is_pause ? pause : zh_end5_at(c, j + 2))
			return j + 2;
		/* 兒子冠廷，生日: a pause, then what names a person. */
		if (is_pause && (safety_pii_kw_at(c, j + 3, "生日") ||
		                 safety_pii_kw_at(c, j + 3, "今年") ||
		                 safety_pii_kw_at(c, j + 3, "出生") ||
		                 is_digit(at(c, j + 3))))
			return j + 2;
	}
	return 0;
}

/* Chinese naming cues: kin words anywhere (公公陳志明中風, 我媳妇儿小芳怀孕),
 * a name said (她叫李阿桃, 小名豆豆, 中文名字阮氏花, 收件人寫張雅婷), a
 * record's fields (姓名 黃志明, 我媽的資料：張淑芬) and 我是 with a given
 * name (我是怡君，). */
static void find_zh5(struct pii_ctx *c)
{
	static const char *const say[] = {
	        "中文名字叫", "越南名字叫", "英文名字叫", "中文名字是",
	        "英文名字是", "越南名字是", "名字叫",     "名字是",
	        "中文名字",   "英文名字",   "越南名字",   "中文名",
	        "英文名",     "小名叫",     "小名是",     "小名",
	        "大名叫",     "大名",       "本名",       "綽號",
	        "绰号",       "暱稱",       "昵称",       "乳名",
	        "叫我",       "她叫",       "他叫",       "名叫",
	        "老人叫",     "都叫",       "寫",         "写",
	        "姓名",       "資料：",     "资料：",     "資料:",
	        "资料:",      "问：",       "問：",       "问:",
	        "問:",        "问的：",     "問的：",     "问的:",
	        "問的:",      "新住民",     "看護",       "看护",
	        "护工",       "學生",       "学生",       "同學",
	        "同学",       "群里的",     "群裡的",     "叫"};
	static const char *const kin[] = {
	        "閨女",   "闺女",   "媳婦兒", "媳妇儿", "媳婦",   "媳妇",
	        "小兒子", "小儿子", "大兒子", "大儿子", "小女兒", "小女儿",
	        "大女兒", "大女儿", "老伴",   "公公",   "婆婆",   "奶奶",
	        "爺爺",   "爷爷",   "阿公",   "阿嬤",   "阿嬷",   "外婆",
	        "外公",   "老公",   "老婆",   "女兒",   "女儿",   "兒子",
	        "儿子",   "弟弟",   "妹妹",   "哥哥",   "姐姐",   "表弟",
	        "表妹",   "表哥",   "表姐",   "我家",   "宝宝",   "寶寶",
	        "我爸",   "我媽",   "我妈",   "孩子"};
	static const char *const self[] = {"我是", "偶是", "我係"};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e = 0;
		int pause = 0, self_cue = 0;

		if (!safety_is_cjk(at(c, i)))
			continue;
		if ((k = safety_pii_kw_any(c, i, say, ARRAY_SIZE(say)))) {
			/* 為什麼叫, 怎么叫: the verb, not a name. */
			if (i && (at(c, i - 1) == 0x9EBC /* 麼 */ ||
			          at(c, i - 1) == 0x4E48 /* 么 */))
				continue;
			pause = 1;
		} else if ((k = safety_pii_kw_any(c, i, kin,
		                                  ARRAY_SIZE(kin)))) {
			/* 我媽 of 我媽媽: the kin word is 媽媽. */
			if (at(c, i + k) == at(c, i + k - 1))
				continue;
			if (at(c, i + k) == 0x53EB /* 叫 */)
				k++;
		} else if ((k = safety_pii_kw_any(c, i, self,
		                                  ARRAY_SIZE(self)))) {
			pause = self_cue = 1;
		} else {
			continue;
		}
		j = i + k;
		if (at(c, j) == 0xFF1A || at(c, j) == ':' ||
		    at(c, j) == 0x662F /* 是 */)
			j++;
		j = skip_spaces(c, j);
		e = zh_cue_name(c, j, pause);
		/* "我是佳怡的媽媽" is read by find_more_zh; here only a pause
		 * or a particle ends a name after 我是. */
		if (e && self_cue && safety_is_cjk(at(c, j)) &&
		    !(pause_at(c, e,
		               PAUSE_ZH_COMMA | PAUSE_COMMA | PAUSE_END |
		                       PAUSE_ZH_STOP | PAUSE_SPACE) ||
		      at(c, e) == 0x5566 /* 啦 */ || at(c, e) == 0x7684))
			e = 0;
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* English: a nickname or another name (goes by Peanut, friends call me
 * bells, we all call her Lolo, known as Bobby), a name on a form (name as
 * on passport: X, his name on the script is X, mum's name is margaret
 * o'neill), "Quick one from Marisol Vega-Ruiz:", and a relative named
 * after a kin word of someone else's (my sister's boy Mason, my bf kev). */
static void find_en5(struct pii_ctx *c)
{
	static const char *const alias[] = {
	        "goes by ",   "go by ",     "call me ",   "call her ",
	        "call him ",  "calls me ",  "calls her ", "calls him ",
	        "known as ",  "nicknamed ", "a.k.a. ",    "aka ",
	        "call them ", "name's "};
	static const char *const form[] = {
	        "on passport",    "on the passport", "on file",
	        "on the file",    "on the script",   "on the prescription",
	        "on the card",    "on the form",     "on the chart",
	        "on my passport", "as on passport",  "as on the passport"};
	static const char *const kin5[] = {"bf ",
	                                   "gf ",
	                                   "bff ",
	                                   "nanny ",
	                                   "babysitter ",
	                                   "caregiver ",
	                                   "sister's boy ",
	                                   "sister's girl ",
	                                   "brother's boy ",
	                                   "brother's girl ",
	                                   "sister's son ",
	                                   "sister's daughter ",
	                                   "brother's son ",
	                                   "brother's daughter ",
	                                   "mum ",
	                                   "mom ",
	                                   "nan ",
	                                   "gran "};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e = 0;

		if (no_cue_at(c, i))
			continue;
		if ((k = safety_pii_kw_any(c, i, alias, ARRAY_SIZE(alias)))) {
			j = skip_spaces(c, i + k);
			if (is_upper(at(c, j))) {
				e = read_name(c, j, 3, 0);
			} else {
				size_t we = safety_pii_word_end(c, j);
				uint32_t x = at(c, we);

				/* "call me back": a lowercase word only before
				 * a bracket or a pause. */
				if (we > j + 1 && ascii_word(c, j, we) &&
				    !in_set(&en_ord, c, j, we) &&
				    (x == ')' || x == ',' || x == '.' ||
				     x == 0) &&
				    (unknown_word(c, j, we) ||
				     listed(c, j, we)))
					e = we;
			}
		} else if (safety_pii_kw_at(c, i, "name") &&
		           (i == 0 || !is_alpha(at(c, i - 1)))) {
			/* "name as on passport: X", "name on file is X". */
			size_t f = 0;

			j = skip_spaces(c, i + 4);
			if ((f = safety_pii_kw_any(c, j, form,
			                           ARRAY_SIZE(form))))
				j = skip_spaces(c, j + f);
			if (at(c, j) == ':')
				j = skip_spaces(c, j + 1);
			else if (safety_pii_kw_at(c, j, "is ") &&
			         (f || (i >= 3 && (at(c, i - 2) == '\'' ||
			                           at(c, i - 2) == 0x2019))))
				j = skip_spaces(c, j + 3);
			else
				continue;
			e = read_name(c, j, 4, 0);
			if (!e && !is_upper(at(c, j)))
				e = read_lower_name(c, j);
		} else if (safety_pii_kw_at(c, i, "from ") && i > 0 && i < 40) {
			/* "Quick one from Marisol Vega-Ruiz:" */
			j = skip_spaces(c, i + 5);
			e = read_name(c, j, 3, 0);
			if (e && at(c, e) != ':')
				e = 0;
		} else if ((safety_pii_kw_at(c, i, "my ") ||
		            safety_pii_kw_at(c, i, "our ")) &&
		           (k = safety_pii_kw_any(
		                    c, i + (fold(at(c, i)) == 'm' ? 3 : 4),
		                    kin5, ARRAY_SIZE(kin5)))) {
			j = skip_spaces(c, i + (fold(at(c, i)) == 'm' ? 3 : 4) +
			                           k);
			e = read_name(c, j, 3, 1);
			if (!e && !is_upper(at(c, j))) {
				size_t we = safety_pii_word_end(c, j);

				/* "my nan rose is 87": a given name of the
				 * lists before "is", "(" or a pause. */
				if (we > j && in_set(&en_given, c, j, we) &&
				    (at(c, we) == ',' || at(c, we) == '(' ||
				     safety_pii_kw_at(c, we, " is ") ||
				     safety_pii_kw_at(c, we, " (") ||
				     safety_pii_kw_at(c, we, " still ") ||
				     safety_pii_kw_at(c, we, " wants ")))
					e = we;
			}
		} else {
			continue;
		}
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

/* Vietnamese: "em là lan nè", "e la thao nha", "mình là Trinh,", "tên ở
 * nhà là Su", "tên thật Nguyễn Ngọc Bảo Anh", "chị hàng xóm tên Sáu",
 * "gặp Tuấn" at the end, "Con trai Minh Khoa, sinh ...", "benh nhan le van
 * an". */
static void find_vi5(struct pii_ctx *c)
{
	static const char *const self[] = {"em la ",  "e la ",   "minh la ",
	                                   "toi la ", "tui la ", "a la ",
	                                   "chi la ", "anh la ", "mik la "};
	static const char *const said[] = {
	        "ten o nha la ", "ten o nha ",  "ten that la ",
	        "ten that ",     "ten goi la ", "biet danh la ",
	        "biet danh ",    "ten la ",     "ten "};
	static const char *const particle[] = {" ne", " nha", " day",
	                                       " a,", " nhe", " do"};
	static const char *const start_kin[] = {"con trai ", "con gai ",
	                                        "benh nhan ", "bn "};
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, e = 0;

		if (no_cue_at(c, i) || (i && is_alpha(at(c, i - 1))))
			continue;
		if ((k = safety_pii_kw_any(c, i, self, ARRAY_SIZE(self)))) {
			j = skip_spaces(c, i + k);
			e = vi_name_at(c, j, 1);
			if (!e && !is_upper(at(c, j))) {
				/* A Latin name of two words: "toi la david
				 * le,". */
				size_t e1 = safety_pii_word_end(c, j);

				if (e1 > j && at(c, e1) == ' ' &&
				    in_set(&en_given, c, j, e1)) {
					size_t e2 =
					        safety_pii_word_end(c, e1 + 1);

					if (e2 > e1 + 1 &&
					    listed(c, e1 + 1, e2))
						e = e2;
				}
			}
			if (e &&
			    !(pause_at(c, e,
			               PAUSE_COMMA | PAUSE_STOP | PAUSE_END) ||
			      safety_pii_kw_any(c, e, particle,
			                        ARRAY_SIZE(particle))))
				e = 0;
		} else if ((k = safety_pii_kw_any(c, i, said,
		                                  ARRAY_SIZE(said)))) {
			j = skip_spaces(c, i + k);
			if (is_upper(at(c, j)))
				e = vi_name_at(c, j, 0);
		} else if (safety_pii_kw_at(c, i, "gap ")) {
			j = skip_spaces(c, i + 4);
			e = vi_name_at(c, j, 0);
			if (e && !signoff_tail(c, e))
				e = 0;
		} else if ((k = safety_pii_kw_any(c, i, start_kin,
		                                  ARRAY_SIZE(start_kin))) &&
		           (i == 0 || at(c, i - 1) == '\n' ||
		            fold(at(c, i)) == 'b')) {
			j = skip_spaces(c, i + k);
			e = vi_name_at(c, j, fold(at(c, i)) == 'b');
			/* Lowercase after "bệnh nhân" only from a surname. */
			if (e && !is_upper(at(c, j)) &&
			    !in_set(&vi_sur, c, j, safety_pii_word_end(c, j)))
				e = 0;
			if (e && !pause_at(c, e, PAUSE_COMMA | PAUSE_SPACE))
				e = 0;
		} else {
			continue;
		}
		if (!e)
			continue;
		safety_pii_add(c, SAFETY_PII_NAME, j, e);
		i = e - 1;
	}
}

void safety_pii_names_post(struct pii_ctx *c)
{
	size_t n0 = c->n;

	for (size_t f = 0; f < n0; f++) {
		struct pii_found x = c->v[f];
		size_t j = x.ce, sl, len;

		/* "Chen Yu-Ting（陳宥廷）": a Chinese name in brackets
		 * after a name. */
		if (x.type == SAFETY_PII_NAME &&
		    (at(c, j) == '(' || at(c, j) == 0xFF08) &&
		    safety_pii_zh_surname(c, j + 1, &sl) &&
		    (len = zh_name_at(c, j + 1)) != 0)
			safety_pii_add(c, SAFETY_PII_NAME, j + 1, j + 1 + len);
		/* "黃志明 H109139091": a full Chinese name just before an ID
		 * or a date of birth. */
		if ((x.type == SAFETY_PII_ID || x.type == SAFETY_PII_DATE) &&
		    x.cb >= 3 && is_space(at(c, x.cb - 1))) {
			size_t b = x.cb - 1;

			while (b > 0 && is_space(at(c, b - 1)))
				b--;
			for (size_t l = 3; l >= 2; l--)
				if (b >= l &&
				    safety_pii_zh_surname(c, b - l, &sl) &&
				    sl < l && zh_given_ok(at(c, b - 1)) &&
				    (b - l == 0 ||
				     !safety_is_cjk(at(c, b - l - 1)))) {
					safety_pii_add(c, SAFETY_PII_NAME,
					               b - l, b);
					break;
				}
		}
	}
	/* A district after an address is not a name: "..., Hải Châu". */
	{
		size_t kept = 0;

		for (size_t g = 0; g < c->n; g++) {
			int drop = 0;

			for (size_t f = 0; f < c->n && !drop; f++) {
				size_t q = c->v[f].ce;

				if (c->v[f].type != SAFETY_PII_ADDRESS ||
				    c->v[g].type != SAFETY_PII_NAME)
					continue;
				while (q < c->t->n &&
				       (at(c, q) == ',' || is_space(at(c, q))))
					q++;
				drop = c->v[g].cb == q && q > c->v[f].ce;
			}
			if (!drop)
				c->v[kept++] = c->v[g];
		}
		c->n = kept;
	}
}

void safety_pii_find_name_contexts(struct pii_ctx *c)
{
	safety_pii_names_init();
	find_kin_en(c);
	find_self_en(c);
	find_opening_name(c);
	find_listed_names(c);
	find_kin_zh(c);
	find_titled_zh(c);
	find_kin_vi(c);
	find_signoff(c);
	find_kin_bare_en(c);
	find_called_names(c);
	find_final_name(c);
	find_more_zh(c);
	find_more_vi(c);
	find_zh5(c);
	find_en5(c);
	find_vi5(c);
}

/* ---- dates of birth ---- */

static const char *const birth_cues[] = {
        "date of birth", "birth date", "birthdate",    "d.o.b.",    "d.o.b",
        "dob",           "born on",    "born",         "birthday",  "bday",
        "出生日期",      "出生年月日", "出生於",       "出生于",    "出生",
        "生日",          "生於",       "生于",         "ngày sinh", "ngay sinh",
        "sinh ngày",     "sinh ngay",  "sinh ra ngày", "ns",        "sinh",
        "arrived on",    "was born",   "出生年月"};

static const char *const months_en[] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december",
        "jan",     "feb",      "mar",       "apr",     "jun",      "jul",
        "aug",     "sep",      "sept",      "oct",     "nov",      "dec"};

/* Digits at i: their value and count (at most 4). */
static size_t num_at(const struct pii_ctx *c, size_t i, int *v)
{
	size_t k = 0;

	*v = 0;
	while (k < 5 && is_digit(at(c, i + k))) {
		*v = *v * 10 + (int)(at(c, i + k) - '0');
		k++;
	}
	return k == 5 ? 0 : k;
}

static int month_en(const struct pii_ctx *c, size_t i, size_t *len)
{
	for (size_t k = 0; k < ARRAY_SIZE(months_en); k++)
		if ((*len = safety_pii_kw_at(c, i, months_en[k])) != 0) {
			if (at(c, i + *len) == '.')
				(*len)++;
			return 1;
		}
	return 0;
}

static int year_ok(int y, size_t digits)
{
	return digits == 4 && y >= 1900 && y <= 2030;
}

/* A full date (day, month and year) at i; returns its length or 0. */
static size_t date_at(const struct pii_ctx *c, size_t i)
{
	int a, b, d;
	size_t la, lb, ld, j, ml;
	uint32_t s1, s2;

	/* 民國75年6月12日, 1950年3月2日 */
	j = i;
	if (safety_pii_kw_at(c, j, "民國") || safety_pii_kw_at(c, j, "民国"))
		j += 2;
	la = num_at(c, j, &a);
	if (la && at(c, j + la) == 0x5E74 /* 年 */ &&
	    (year_ok(a, la) || (j > i && a > 0 && a < 120) ||
	     (la == 2 && a > 0))) {
		size_t k = j + la + 1;

		lb = num_at(c, k, &b);
		if (lb && lb <= 2 && at(c, k + lb) == 0x6708 /* 月 */) {
			k += lb + 1;
			ld = num_at(c, k, &d);
			if (ld && ld <= 2 &&
			    (at(c, k + ld) == 0x65E5 ||
			     at(c, k + ld) == 0x53F7 ||
			     at(c, k + ld) == 0x865F))
				return k + ld + 1 - i;
		}
	}
	la = num_at(c, i, &a);
	if (la) {
		/* 1958/03/02, 1975-08-21, 12/05/1987, 03-11-1990 */
		s1 = at(c, i + la);
		if (s1 == '/' || s1 == '-' || s1 == '.') {
			lb = num_at(c, i + la + 1, &b);
			s2 = at(c, i + la + 1 + lb);
			if (lb && lb <= 2 && s2 == s1) {
				ld = num_at(c, i + la + 2 + lb, &d);
				j = i + la + 2 + lb + ld;
				if (ld && !is_digit(at(c, j)) &&
				    ((year_ok(a, la) && b >= 1 && b <= 12 &&
				      d >= 1 && d <= 31) ||
				     (la <= 2 && year_ok(d, ld) && a >= 1 &&
				      a <= 31 && b >= 1 && b <= 31 &&
				      (a <= 12 || b <= 12))))
					return j - i;
			}
		}
		/* 14 July 1962, 14th July 1962 */
		j = i + la;
		if (la <= 2) {
			if (safety_pii_kw_at(c, j, "st") ||
			    safety_pii_kw_at(c, j, "nd") ||
			    safety_pii_kw_at(c, j, "rd") ||
			    safety_pii_kw_at(c, j, "th"))
				j += 2;
			if (at(c, j) == ' ' && month_en(c, j + 1, &ml)) {
				j += 1 + ml;
				if (at(c, j) == ',')
					j++;
				j = skip_spaces(c, j);
				ld = num_at(c, j, &d);
				if (year_ok(d, ld))
					return j + ld - i;
			}
		}
		/* 12 tháng 8 năm 1970 */
		j = skip_spaces(c, i + la);
		if (la <= 2 && safety_pii_kw_at(c, j, "thang")) {
			j = skip_spaces(c, j + 5);
			lb = num_at(c, j, &b);
			if (lb && lb <= 2) {
				j = skip_spaces(c, j + lb);
				if (safety_pii_kw_at(c, j, "nam"))
					j = skip_spaces(c, j + 3);
				ld = num_at(c, j, &d);
				if (year_ok(d, ld))
					return j + ld - i;
			}
		}
		return 0;
	}
	/* July 14, 1962; March 3rd, 1988 */
	if (month_en(c, i, &ml)) {
		j = skip_spaces(c, i + ml);
		lb = num_at(c, j, &b);
		if (!lb || lb > 2)
			return 0;
		j += lb;
		if (safety_pii_kw_at(c, j, "st") ||
		    safety_pii_kw_at(c, j, "nd") ||
		    safety_pii_kw_at(c, j, "rd") ||
		    safety_pii_kw_at(c, j, "th"))
			j += 2;
		if (at(c, j) == ',')
			j++;
		j = skip_spaces(c, j);
		ld = num_at(c, j, &d);
		if (year_ok(d, ld))
			return j + ld - i;
		return 0;
	}
	/* ngày 12 tháng 8 năm 1970 */
	if (safety_pii_kw_at(c, i, "ngay")) {
		j = skip_spaces(c, i + 4);
		if (is_digit(at(c, j)))
			return (ld = date_at(c, j)) ? j + ld - i : 0;
	}
	return 0;
}

/* After a birth cue only: a date with a two-digit or Republic of China
 * year, "76.03.14", "11.08.70", "5/9/62": three groups of digits with
 * one separator, a plausible month and day. */
static size_t short_date_at(const struct pii_ctx *c, size_t i)
{
	int v[3];
	size_t l[3], j = i;
	uint32_t sep = 0;

	for (int g = 0; g < 3; g++) {
		l[g] = num_at(c, j, &v[g]);
		if (!l[g] || l[g] > 3)
			return 0;
		j += l[g];
		if (g < 2) {
			if (!sep)
				sep = at(c, j);
			if ((sep != '.' && sep != '/' && sep != '-') ||
			    at(c, j) != sep)
				return 0;
			j++;
		}
	}
	if (is_digit(at(c, j)))
		return 0;
	/* yy.mm.dd (ROC or two-digit year), dd.mm.yy, mm/dd/yy */
	if (v[1] >= 1 && v[1] <= 12 && v[2] >= 1 && v[2] <= 31 && l[0] >= 2)
		return j - i;
	if (v[0] >= 1 && v[0] <= 31 && v[1] >= 1 && v[1] <= 31 &&
	    (v[0] <= 12 || v[1] <= 12) && l[2] == 2)
		return j - i;
	return 0;
}

void safety_pii_find_births(struct pii_ctx *c)
{
	size_t n = c->t->n;

	/* "（1948年3月15日生）": a full date then 生 or 出生. */
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (!is_digit(at(c, i)) || (i && is_digit(at(c, i - 1))) ||
		    !(len = date_at(c, i)))
			continue;
		if (at(c, i + len) == 0x751F /* 生 */ ||
		    safety_pii_kw_at(c, i + len, "出生"))
			safety_pii_add(c, SAFETY_PII_DATE, i, i + len);
		i += len - 1;
	}

	for (size_t i = 0; i < n; i++) {
		size_t k, j, lim, len = 0;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, birth_cues, ARRAY_SIZE(birth_cues));
		if (!k)
			continue;
		/* Skip ":", "is", "on", "là", "於", up to a few characters. */
		lim = i + k + 12;
		for (j = i + k; j < n && j < lim; j++) {
			uint32_t x = at(c, j);

			if (is_digit(x) ||
			    (is_alpha(x) && (len = date_at(c, j))))
				break;
			if (x == 0x6C11 /* 民 */ || x == '\n' || x == 0x3002 ||
			    x == '.')
				break;
		}
		if (j < n && j < lim && !len)
			len = date_at(c, j);
		if (!len && j < n && j < lim)
			len = short_date_at(c, j);
		if (!len)
			continue;
		safety_pii_add(c, SAFETY_PII_DATE, j, j + len);
		i = j + len - 1;
	}
}

/* ---- chat and social handles ---- */

static const char *const handle_cues[] = {
        "line id",  "line",     "zalo",      "wechat id", "wechat", "we chat",
        "微信号",   "微信號",   "微信",      "qq号",      "qq號",   "qq",
        "facebook", "fb",       "instagram", "insta",     "ig",     "臉書",
        "脸书",     "telegram", "viber",     "kakaotalk", "kakao"};
/* Words between the cue and the handle. */
static const char *const handle_skip[] = {
        "id",       "is",   "me",  "at",    "on",     "account",  "name",
        "em",       "minh", "toi", "cua",   "la",     "nha",      "page",
        "acc",      "ten",  "as",  "under", "handle", "username", "nick",
        "nickname", "是",   "：",  "号",    "號",     "帳號",     "账号"};

static int handle_char(uint32_t x)
{
	return (x < 0x80 &&
	        (is_alnum(x) || x == '_' || x == '.' || x == '-' || x == '/'));
}

void safety_pii_find_handles(struct pii_ctx *c)
{
	size_t n = c->t->n;

	/* "@name" on its own, not inside an e-mail address: a social
	 * handle whatever the words around it ("I'm @jo.runs on insta",
	 * "IG 上的 @xiao_wen"). */
	for (size_t i = 0; i < n; i++) {
		size_t e = i + 1, letters = 0;

		if (at(c, i) != '@' || (i > 0 && handle_char(at(c, i - 1))))
			continue;
		while (handle_char(at(c, e)) && at(c, e) != '/') {
			letters += is_alpha(at(c, e));
			e++;
		}
		while (e > i + 1 &&
		       (at(c, e - 1) == '.' || at(c, e - 1) == '-'))
			e--;
		if (e - i - 1 < 3 || !letters)
			continue;
		safety_pii_add(c, SAFETY_PII_HANDLE, i, e);
		i = e - 1;
	}

	for (size_t i = 0; i < n; i++) {
		size_t k, j, b, e, digits = 0, letters = 0;
		int qq, line, shaped = 0;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, handle_cues,
		                      ARRAY_SIZE(handle_cues));
		if (!k)
			continue;
		qq = fold(at(c, i)) == 'q';
		line = fold(at(c, i)) == 'l';
		/* "line" is a word too: only LINE or Line, never "a line". */
		if (line && !is_upper(at(c, i)))
			continue;
		j = i + k;
		for (int step = 0; step < 4; step++) {
			size_t s;

			j = skip_spaces(c, j);
			while (at(c, j) == ':' || at(c, j) == 0xFF1A ||
			       at(c, j) == '-' || at(c, j) == '#')
				j = skip_spaces(c, j + 1);
			s = safety_pii_kw_any(c, j, handle_skip,
			                      ARRAY_SIZE(handle_skip));
			if (!s ||
			    (is_alpha(at(c, j)) && handle_char(at(c, j + s)) &&
			     at(c, j + s) != '.'))
				break;
			j += s;
		}
		j = skip_spaces(c, j);
		b = j;
		if (at(c, j) == '@') {
			shaped = 1;
			j++;
		}
		for (e = j; handle_char(at(c, e)); e++) {
			digits += is_digit(at(c, e));
			letters += is_alpha(at(c, e));
			shaped |= at(c, e) == '_' || at(c, e) == '.' ||
			          at(c, e) == '/';
		}
		while (e > j && (at(c, e - 1) == '.' || at(c, e - 1) == '-'))
			e--;
		if (e - j < 3)
			continue;
		if (!letters) {
			/* Digits only: a QQ number; anything else is left to
			 * the phone rules. */
			if (!qq || digits < 5 || digits > 11)
				continue;
		} else if (!shaped && !digits &&
		           (line || in_set(&en_ord, c, j, e) || e - j < 4)) {
			continue;
		}
		safety_pii_add(c, SAFETY_PII_HANDLE, b, e);
		i = e - 1;
	}
}

/* ---- medical record numbers ---- */

static const char *const record_cues[] = {"medical record number",
                                          "medical record no",
                                          "medical record",
                                          "record number",
                                          "record no",
                                          "mrn",
                                          "chart number",
                                          "chart no",
                                          "hospital number",
                                          "hospital no",
                                          "patient id",
                                          "patient number",
                                          "patient no",
                                          "case number",
                                          "case no",
                                          "病歷號碼",
                                          "病歷號",
                                          "病历号码",
                                          "病历号",
                                          "病歷編號",
                                          "病历编号",
                                          "病案号",
                                          "病案號",
                                          "住院号",
                                          "住院號",
                                          "門診號",
                                          "门诊号",
                                          "就诊卡号",
                                          "就診卡號",
                                          "ma benh nhan",
                                          "ma bn",
                                          "so benh an",
                                          "ma benh an",
                                          "so ho so",
                                          "ma ho so",
                                          "ma y te",
                                          "hospital record",
                                          "chart #",
                                          "chart",
                                          "ma so benh nhan",
                                          "ho so",
                                          "产检卡号",
                                          "產檢卡號",
                                          "就诊卡"};

/* Is the digit run at [b, e) a date written as yyyymmdd? */
static int yyyymmdd(const struct pii_ctx *c, size_t b, size_t e)
{
	int y = 0, m, d;

	if (e - b != 8)
		return 0;
	for (size_t i = b; i < e; i++)
		if (!is_digit(at(c, i)))
			return 0;
	for (size_t i = b; i < b + 4; i++)
		y = y * 10 + (int)(at(c, i) - '0');
	m = (int)(at(c, b + 4) - '0') * 10 + (int)(at(c, b + 5) - '0');
	d = (int)(at(c, b + 6) - '0') * 10 + (int)(at(c, b + 7) - '0');
	return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

void safety_pii_find_records(struct pii_ctx *c)
{
	size_t n = c->t->n;

	for (size_t i = 0; i < n; i++) {
		size_t k, j, lim, e, digits = 0;

		if (no_cue_at(c, i))
			continue;
		k = safety_pii_kw_any(c, i, record_cues,
		                      ARRAY_SIZE(record_cues));
		if (!k)
			continue;
		lim = i + k + 24;
		for (j = i + k; j < n && j < lim; j++) {
			uint32_t x = at(c, j);

			if (is_digit(x) || (is_upper(x) && x < 0x80 &&
			                    (is_digit(at(c, j + 1)) ||
			                     is_upper(at(c, j + 1)))))
				break;
			if (x == '\n' || x == 0x3002)
				break;
		}
		if (j >= n || j >= lim || !is_alnum(at(c, j)))
			continue;
		/* "no." and "number" are words, not the number. */
		if (is_alpha(at(c, j)) && !is_digit(at(c, j + 1))) {
			size_t w = j;

			while (is_upper(at(c, w)) && w < n)
				w++;
			if (!is_digit(at(c, w)) && at(c, w) != '-')
				continue;
		}
		for (e = j;
		     e < n &&
		     (((is_alnum(at(c, e)) || at(c, e) == '-') &&
		       (at(c, e) < 0x80 || is_upper(at(c, e)))) ||
		      ((at(c, e) == '/' || at(c, e) == '.' ||
		        at(c, e) == ' ') &&
		       is_digit(at(c, e - 1)) && is_digit(at(c, e + 1))));
		     e++)
			digits += is_digit(at(c, e));
		while (e > j && (at(c, e - 1) == '-' || at(c, e - 1) == '.'))
			e--;
		if (digits < 4 || e - j > 20 || yyyymmdd(c, j, e))
			continue;
		safety_pii_add(c, SAFETY_PII_RECORD, j, e);
		i = e - 1;
	}
}
