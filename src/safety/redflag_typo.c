/* safety/redflag_typo.c: typo tolerance for the emergency lexicon's long
 * English words ("antidepresants", "unconsious", "breatless").
 *
 * The table holds every lowercase ASCII word of at least KEY_MIN letters
 * that a lexicon pattern or a word class spells out, and each of them with
 * one letter deleted (the symmetric-delete scheme): a typed word w is a
 * candidate for key k when w == k minus a letter, w minus a letter == k,
 * or both minus a letter agree. Candidates are then checked to be one typo
 * apart (a letter missing or added, or two neighbours swapped) with the
 * same first letter: people rarely mistype the first letter, and a changed
 * letter mostly spells another real word ("breeding", "infection"). Real
 * words one typo from a key that still slip through are listed in
 * not_typos[]. A word near two different keys is left alone.
 *
 * Built once under pthread_once and only read afterwards; lookups allocate
 * nothing, so any thread may call rf_typo_fix.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "safety/internal.h"
#include "util/arena.h"
#include "util/util.h"

#define KEY_MIN  7  /* shorter words have too many real neighbours */
#define WORD_MAX 32 /* longer tokens are not looked at */

/* Real words one typo away from a lexicon word, with the same first
 * letter (found by running the table over a large English medical
 * vocabulary): never corrected. */
static const char *const not_typos[] = {
        "cushing",   "grasping", "mourning", "notching", "painting",
        "planing",   "rippling", "selling",  "sipping",  "sitting",
        "splitting", "startled", "steaming", "stranger", "suckling",
        "thorough",  "slitting", "starring", "scarred",  "shaking",
};

/* Informal spellings (contractions without their apostrophe, text-message
 * shorthand) and the spelling the lexicon uses. One word for one word. */
static const struct {
	const char *from, *to;
} informal[] = {
        {"cant", "can't"},
        {"cnt", "can't"},
        {"carnt", "can't"},
        {"dont", "don't"},
        {"doesnt", "doesn't"},
        {"didnt", "didn't"},
        {"wont", "won't"},
        {"isnt", "isn't"},
        {"wasnt", "wasn't"},
        {"arent", "aren't"},
        {"couldnt", "couldn't"},
        {"wouldnt", "wouldn't"},
        {"hasnt", "hasn't"},
        {"havent", "haven't"},
        {"hadnt", "hadn't"},
        {"im", "i'm"},
        {"ive", "i've"},
        {"hes", "he's"},
        {"shes", "she's"},
        {"thats", "that's"},
        {"theres", "there's"},
        {"u", "you"},
        {"ur", "your"},
        {"v", "very"},
        {"rly", "really"},
        {"realy", "really"},
        {"ovr", "over"},
        {"wen", "when"},
        {"wat", "what"},
        {"wot", "what"},
        {"n", "and"},
        {"nd", "and"},
        {"bc", "because"},
        {"cuz", "because"},
        {"coz", "because"},
        {"pls", "please"},
        {"plz", "please"},
        {"bf", "boyfriend"},
        {"gf", "girlfriend"},
        {"hubby", "husband"},
        {"mum", "mom"},
        {"brethe", "breathe"},
        {"breth", "breath"},
        {"brething", "breathing"},
        {"gona", "gonna"},
        {"talkin", "talking"},
        {"bleedin", "bleeding"},
        {"breathin", "breathing"},
        {"shakin", "shaking"},
        {"throwin", "throwing"},
        {"pukin", "puking"},
        {"wakin", "waking"},
        {"respondin", "responding"},
};

/* Vietnamese shorthand of text messages and forums, typed with or without
 * accents, and the syllables the lexicon spells out (with their accentless
 * form). Read only in text that looks Vietnamese (rf_vi_marker): "e" and
 * "r" mean other things in English. "p" and "ph" are minutes only after a
 * number ("5p"). */
static const struct {
	const char *from, *to, *fold;
} vi_short[] = {
        {"ko", "không", "khong"},   {"k", "không", "khong"},
        {"kh", "không", "khong"},   {"khg", "không", "khong"},
        {"kg", "không", "khong"},   {"hok", "không", "khong"},
        {"hk", "không", "khong"},   {"hong", "không", "khong"},
        {"hông", "không", "khong"}, {"hem", "không", "khong"},
        {"khum", "không", "khong"}, {"dc", "được", "duoc"},
        {"đc", "được", "duoc"},     {"dk", "được", "duoc"},
        {"đk", "được", "duoc"},     {"r", "rồi", "roi"},
        {"e", "em", "em"},          {"j", "gì", "gi"},
        {"ng", "người", "nguoi"},   {"mk", "mình", "minh"},
        {"mik", "mình", "minh"},    {"mh", "mình", "minh"},
        {"vs", "với", "voi"},       {"cx", "cũng", "cung"},
        {"cg", "cũng", "cung"},     {"ns", "nói", "noi"},
        {"z", "vậy", "vay"},        {"v", "vậy", "vay"},
        {"ck", "chồng", "chong"},   {"vk", "vợ", "vo"},
        {"t", "tôi", "toi"},        {"trc", "trước", "truoc"},
        {"lm", "làm", "lam"},       {"mún", "muốn", "muon"},
        {"mun", "muốn", "muon"},    {"nhìu", "nhiều", "nhieu"},
        {"wá", "quá", "qua"},       {"wa", "quá", "qua"},
        {"dag", "đang", "dang"},    {"đag", "đang", "dang"},
        {"ms", "mới", "moi"},       {"ik", "đi", "di"},
        {"kiu", "kêu", "keu"},
};

/* Accentless Vietnamese words that English hardly uses ("me", "con",
 * "ba" are left out): two of them in a text make it Vietnamese for
 * rf_vi_shorthand. */
static const char *const vi_markers[] = {
        "ko",  "dc",   "bi",    "khong", "duoc",  "roi",  "nguoi", "cua",
        "toi", "minh", "voi",   "nua",   "dang",  "chua", "nhung", "gio",
        "thi", "bac",  "benh",  "vien",  "nhe",   "oi",   "hok",   "mk",
        "cx",  "ck",   "vk",    "sot",   "dau",   "uong", "thuoc", "nha",
        "lam", "muon", "chet",  "nhien", "ngat",  "xiu",  "giat",  "nguc",
        "cuu", "het",  "xuong", "ngay",  "hom",   "biet", "lien",  "tuc",
        "khi", "em",   "mik",   "ntn",   "nhieu", "dung",
};

struct tent {
	const char *s;
	uint32_t key;  /* index into ty.keys; INFORMAL: into informal[] */
	uint32_t next; /* index + 1 of the next entry in the bucket */
	uint8_t n;
	uint8_t exact; /* s is the key itself, not a deletion */
};

/* tent.exact of an informal spelling (informal[] in the same table). */
#define INFORMAL 2

static struct {
	struct arena *a;
	const char **keys;
	size_t nkeys, capkeys;
	struct tent *ents;
	size_t nents, capents;
	uint32_t *buckets;
	size_t nbuckets;
} ty;

static pthread_once_t ty_once = PTHREAD_ONCE_INIT;

static uint32_t thash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* 1 when s[0..n) is lowercase ASCII letters only. */
static int plain_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

static const struct tent *tfind(const char *s, size_t n, uint32_t from)
{
	uint32_t x = from;

	if (x == UINT32_MAX)
		x = ty.buckets[thash(s, n) & (uint32_t)(ty.nbuckets - 1)];
	for (; x; x = ty.ents[x - 1].next) {
		const struct tent *e = &ty.ents[x - 1];

		if (e->n == n && memcmp(e->s, s, n) == 0)
			return e;
	}
	return NULL;
}

static void tput(const char *s, size_t n, uint32_t key, int exact)
{
	struct tent *e;
	uint32_t b;

	if (ty.nents == ty.capents) {
		size_t ncap = ty.capents * 2 + 256;
		struct tent *v = ARENA_ARRAY(ty.a, struct tent, ncap);

		if (ty.nents)
			memcpy(v, ty.ents, ty.nents * sizeof(*v));
		ty.ents = v;
		ty.capents = ncap;
	}
	e = &ty.ents[ty.nents];
	e->s = s;
	e->n = (uint8_t)n;
	e->key = key;
	e->exact = (uint8_t)exact;
	b = thash(s, n) & (uint32_t)(ty.nbuckets - 1);
	e->next = ty.buckets[b];
	ty.buckets[b] = (uint32_t)(++ty.nents);
}

/* Add the word w[0..n) of a pattern as a key, unless it is one already;
 * only keys of KEY_MIN letters or more get their deletions (shorter ones
 * are there so that a lexicon word is never "corrected"). */
static void add_key(const char *w, size_t n)
{
	const struct tent *e;
	uint32_t k;
	char *s;

	if (n < 3 || n >= WORD_MAX || !plain_word(w, n))
		return;
	e = tfind(w, n, UINT32_MAX);
	while (e && e->exact != 1)
		e = e->next ? tfind(w, n, e->next) : NULL;
	if (e)
		return;
	if (ty.nkeys == ty.capkeys) {
		size_t ncap = ty.capkeys * 2 + 128;
		const char **v = ARENA_ARRAY(ty.a, const char *, ncap);

		if (ty.nkeys)
			memcpy(v, ty.keys, ty.nkeys * sizeof(*v));
		ty.keys = v;
		ty.capkeys = ncap;
	}
	s = arena_strndup(ty.a, w, n);
	k = (uint32_t)ty.nkeys;
	ty.keys[ty.nkeys++] = s;
	tput(s, n, k, 1);
	for (size_t i = 0; i < n && n >= KEY_MIN; i++) {
		char *d = arena_alloc(ty.a, n);

		memcpy(d, s, i);
		memcpy(d + i, s + i + 1, n - i - 1);
		d[n - 1] = 0;
		tput(d, n - 1, k, 0);
	}
}

/* Add every word of a '|'- and ' '-separated pattern list. */
static void add_words(const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "| ");

		if (n && p[n - 1] != '*')
			add_key(p, n);
		p += n;
		if (*p)
			p++;
	}
}

static void ty_build(void)
{
	ty.a = arena_new();
	ty.nbuckets = 1 << 14;
	ty.buckets = ARENA_ARRAY(ty.a, uint32_t, ty.nbuckets);
	for (size_t i = 0; i < ARRAY_SIZE(informal); i++)
		tput(informal[i].from, strlen(informal[i].from), (uint32_t)i,
		     INFORMAL);
	for (size_t i = 0; i < rf_nlexicon; i++)
		if (rf_lexicon[i].kind == RF_CONCEPT)
			add_words(rf_lexicon[i].patterns);
	for (size_t i = 0; i < rf_nclasses; i++)
		add_words(rf_classes[i].words);
}

/* 1 when a and b are one typo apart: a letter missing or added, or two
 * neighbours swapped. A changed letter does not count: it mostly makes
 * another real word ("infection" and "injection", "contusion" and
 * "confusion", "cooking" and "choking"). */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;

	if (na == nb) {
		while (i < na && a[i] == b[i])
			i++;
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, na - i - 2) == 0;
	}
	if (na + 1 == nb)
		return one_edit(b, nb, a, na);
	if (na != nb + 1)
		return 0;
	while (i < nb && a[i] == b[i])
		i++;
	return memcmp(a + i + 1, b + i, nb - i) == 0;
}

/* Consider key k for word w: keep it in *best, or mark *best ambiguous. */
static void consider(const char *w, size_t n, uint32_t k, int64_t *best)
{
	const char *key = ty.keys[k];
	size_t kn = strlen(key);

	if (kn < KEY_MIN || key[0] != w[0] || !one_edit(w, n, key, kn))
		return;
	if (*best == -1)
		*best = k;
	else if (*best != (int64_t)k)
		*best = -2;
}

/* Every entry for s[0..m) (exact keys only when only_exact). */
static void consider_all(const char *w, size_t n, const char *s, size_t m,
                         int only_exact, int64_t *best)
{
	const struct tent *e = tfind(s, m, UINT32_MAX);

	for (; e; e = e->next ? tfind(s, m, e->next) : NULL)
		if (e->exact != INFORMAL && (e->exact || !only_exact))
			consider(w, n, e->key, best);
}

const char *rf_typo_fix(const char *w, size_t n)
{
	const struct tent *e;
	int64_t best = -1;
	char d[WORD_MAX];

	pthread_once(&ty_once, ty_build);
	if (n < KEY_MIN || n >= WORD_MAX || !plain_word(w, n))
		return NULL;
	for (e = tfind(w, n, UINT32_MAX); e;
	     e = e->next ? tfind(w, n, e->next) : NULL)
		if (e->exact == 1)
			return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(not_typos); i++)
		if (strlen(not_typos[i]) == n &&
		    memcmp(not_typos[i], w, n) == 0)
			return NULL;
	/* w is a key with a letter missing. */
	consider_all(w, n, w, n, 0, &best);
	/* w has a letter too many, or one changed, or two swapped. */
	for (size_t i = 0; i < n; i++) {
		memcpy(d, w, i);
		memcpy(d + i, w + i + 1, n - i - 1);
		consider_all(w, n, d, n - 1, 0, &best);
	}
	return best >= 0 ? ty.keys[best] : NULL;
}

const char *rf_vi_shorthand(const char *w, size_t n, int after_number,
                            const char **fold)
{
	if (after_number &&
	    ((n == 1 && w[0] == 'p') || (n == 2 && memcmp(w, "ph", 2) == 0))) {
		*fold = "phut";
		return "phút";
	}
	for (size_t i = 0; i < ARRAY_SIZE(vi_short); i++)
		if (strlen(vi_short[i].from) == n &&
		    memcmp(vi_short[i].from, w, n) == 0) {
			*fold = vi_short[i].fold;
			return vi_short[i].to;
		}
	return NULL;
}

int rf_vi_marker(const char *w, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(vi_markers); i++)
		if (strlen(vi_markers[i]) == n &&
		    memcmp(vi_markers[i], w, n) == 0)
			return 1;
	return 0;
}

const char *rf_informal_fix(const char *w, size_t n)
{
	const struct tent *e;

	pthread_once(&ty_once, ty_build);
	if (n == 0 || n >= WORD_MAX)
		return NULL;
	for (e = tfind(w, n, UINT32_MAX); e;
	     e = e->next ? tfind(w, n, e->next) : NULL)
		if (e->exact == INFORMAL)
			return informal[e->key].to;
	return NULL;
}
