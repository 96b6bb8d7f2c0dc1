/* safety/redflag.c: the emergency detector: tokens, pattern matching,
 * negation and tense scopes, rules.
 *
 * A call runs in four passes over the text, each linear in its length:
 * 1. tokens: the normalised text (safety/text.c) cut into words, single
 *    CJK characters and numbers, each knowing its sentence and its
 *    punctuation clause (commas, colons and brackets end one);
 * 2. matching: every lexicon pattern whose first element fits a token is
 *    tried there (a hash of first words and of word prefixes finds them);
 *    patterns never cross a punctuation clause;
 * 3. scopes: cue matches mark the tokens they reach (a negation marks the
 *    few tokens after it up to the end of its clause, a history cue its
 *    sentence, ...), after discarding cues that lie inside a concept match
 *    ("not" in "not breathing") or a pseudo-negation ("not sure"); concept
 *    matches then read the marks at their edges;
 * 4. rules: the concept occurrences that survived are combined by the rule
 *    table (binary searches by sentence number).
 * The cost is bounded by the text length times the longest cue window, so
 * hostile input (a megabyte of "no no no") stays linear.
 *
 * The compiled patterns are built once under pthread_once and never change.
 */
#include "safety/redflag.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "limits.h"
#include "safety/internal.h"
#include "util/arena.h"
#include "util/util.h"

enum { TK_WORD, TK_HAN, TK_NUM };

struct tok {
	const char *s; /* normalised (NFKC case-folded, Han simplified) */
	const char *f; /* the same without Latin diacritics */
	uint16_t ns, nf;
	uint8_t kind;
	uint8_t accented;   /* f differs from s */
	uint8_t nofold;     /* in text that does not look Vietnamese: the
	                       word does not match accented lexicon words
	                       ("so" is not "sờ", "ho" not a cough) */
	double num;         /* TK_NUM: the value */
	uint32_t beg, end;  /* bytes of the input */
	uint32_t sent, pcl; /* sentence and punctuation-clause numbers */
};

struct toks {
	struct tok *v;
	size_t n;
};

enum { EL_LIT, EL_PREFIX, EL_GAP, EL_NUM, EL_CLASS };
enum {
	NUM_ANY,
	NUM_HI,
	NUM_FEV,
	NUM_KID,
	NUM_M3,
	NUM_GE5,
	NUM_MANY,
	NUM_YEAR,
	NUM_BPHI,
	NUM_BPLO,
	NUM_GLOW,
	NUM_D90,
	NUM_OLD,
	NUM_HR,
};

struct alt;

struct elem {
	uint8_t kind;
	uint8_t arg; /* EL_GAP: tokens; EL_NUM: class */
	uint16_t ns, nf;
	const char *s, *f;
	const struct alt *alts; /* EL_CLASS: its alternatives */
	uint16_t nalts;
	uint64_t first[4]; /* EL_CLASS: the first bytes its alternatives'
	                      folded words start with (a quick filter) */
};

/* One alternative of a word class: a short run of EL_LIT/EL_PREFIX
 * elements that must follow each other in one punctuation clause. */
struct alt {
	struct elem *el;
	uint8_t nel;
};

#define PAT_MAX_ELEMS 16
#define PAT_MAX_GAPS  3

struct pat {
	uint8_t kind;    /* enum rf_kind */
	uint8_t concept; /* enum rf_concept */
	uint8_t window;
	uint8_t nel;
	struct elem *el;
};

struct entry {
	const char *key;
	uint32_t klen;
	uint32_t pat;
	uint32_t next; /* index + 1 of the next entry in the bucket; 0 ends */
	uint8_t prefix;
};

static struct {
	struct arena *a; /* owns everything below; never freed */
	struct pat *pats;
	size_t npats;
	uint32_t *buckets; /* index + 1 into entries */
	size_t nbuckets;
	struct entry *entries;
	size_t nentries;
	uint32_t *numstart; /* patterns that start with a number class */
	size_t nnumstart;
	struct elem *classes; /* compiled word classes, by rf_classes index
	                         (kind EL_CLASS once compiled) */
	unsigned maxprefix;   /* longest prefix key in bytes */
	uint64_t prefix_lens; /* bit l: some prefix key has l bytes (63:
	                         63 or more) */
	int ok;
} rx;

static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

/* ---- tokens ---- */

static int is_letter(uint32_t c)
{
	int8_t t;

	if (c < 0x80)
		return (c | 32) >= 'a' && (c | 32) <= 'z';
	if (c == 0xFFFD)
		return 0;
	t = (int8_t)u_charType((UChar32)c);
	return u_isalpha((UChar32)c) || t == U_NON_SPACING_MARK ||
	       t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static int is_space_after_dot(const struct safety_text *t, size_t i)
{
	uint32_t c;

	if (i >= t->n)
		return 1;
	c = t->cp[i];
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"' ||
	       c == ')' || c == 0x201D || safety_is_cjk(c) || c == 0xA0;
}

enum { BRK_NONE, BRK_CLAUSE, BRK_SENT };

static int punct_break(const struct safety_text *t, size_t i)
{
	switch (t->cp[i]) {
	case '!':
	case '?':
	case ';':
	case '\n':
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ (NFKC maps it, kept for safety) */
	case 0xFF1F:
	case 0xFF1B:
	case 0x2026: /* … */ return BRK_SENT;
	case '.': return is_space_after_dot(t, i + 1) ? BRK_SENT : BRK_NONE;
	case ',':
	case ':':
	case '(':
	case ')':
	case '[':
	case ']':
	case 0xFF0C: /* ， */
	case 0xFF1A: /* ： */
	case 0x3001: /* 、 is a list comma: it keeps the clause */
		return t->cp[i] == 0x3001 ? BRK_NONE : BRK_CLAUSE;
	default: return BRK_NONE;
	}
}

struct tokstate {
	struct arena *a;
	char *buf; /* string storage, sized for the whole text */
	size_t used;
	struct toks *out;
	size_t cap;
	uint32_t sent, pcl;
	int brk;
};

static struct tok *tok_push(struct tokstate *ts)
{
	struct toks *o = ts->out;
	struct tok *t;

	if (o->n == ts->cap) {
		size_t ncap = ts->cap * 2 + 32;
		struct tok *v = ARENA_ARRAY(ts->a, struct tok, ncap);

		if (o->n)
			memcpy(v, o->v, o->n * sizeof(*v));
		o->v = v;
		ts->cap = ncap;
	}
	if (o->n) {
		if (ts->brk == BRK_SENT) {
			ts->sent++;
			ts->pcl++;
		} else if (ts->brk == BRK_CLAUSE) {
			ts->pcl++;
		}
	}
	ts->brk = BRK_NONE;
	t = &o->v[o->n++];
	memset(t, 0, sizeof(*t));
	t->sent = ts->sent;
	t->pcl = ts->pcl;
	return t;
}

/* Store the code points cp[from..to) as the token's two strings. */
static void tok_strings(struct tokstate *ts, struct tok *t,
                        const struct safety_text *x, size_t from, size_t to)
{
	char *s = ts->buf + ts->used, *f;
	size_t ns = 0, nf = 0;

	for (size_t k = from; k < to; k++) {
		uint32_t c = x->cp[k];

		if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
			c = '\'';
		ns += safety_utf8_put(s + ns, c);
	}
	s[ns] = 0;
	f = s + ns + 1;
	for (size_t k = from; k < to; k++) {
		uint32_t c = x->cp[k];

		if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
			c = '\'';
		c = safety_fold_latin(c);
		if (c)
			nf += safety_utf8_put(f + nf, c);
	}
	f[nf] = 0;
	ts->used += ns + nf + 2;
	t->s = s;
	t->f = f;
	t->ns = (uint16_t)ns;
	t->nf = (uint16_t)nf;
	t->accented = ns != nf || memcmp(s, f, ns) != 0;
	t->beg = x->beg[from];
	t->end = x->end[to - 1];
}

static int is_apos(uint32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Words longer than this are not words (and would overflow the 16-bit
 * lengths): they are cut. */
#define WORD_MAX 64

static void tokenize(struct arena *a, const struct safety_text *x,
                     struct toks *out)
{
	struct tokstate ts = {a, NULL, 0, out, 0, 0, 0, BRK_NONE};
	size_t i = 0;

	out->v = NULL;
	out->n = 0;
	/* Each code point is at most 4 bytes, stored twice, plus two NULs
	 * per token (at most one token per code point). */
	ts.buf = arena_alloc(a, x->n * 10 + 16);
	while (i < x->n) {
		uint32_t c = x->cp[i];
		size_t j;
		struct tok *t;

		if (safety_is_cjk(c)) {
			t = tok_push(&ts);
			t->kind = TK_HAN;
			tok_strings(&ts, t, x, i, i + 1);
			i++;
		} else if (c >= '0' && c <= '9') {
			char num[48];
			size_t nn = 0;

			j = i;
			while (j < x->n && x->cp[j] >= '0' && x->cp[j] <= '9' &&
			       j - i < WORD_MAX)
				num[nn < 40 ? nn++ : nn] = (char)x->cp[j++];
			if (j + 1 < x->n &&
			    (x->cp[j] == '.' || x->cp[j] == ',') &&
			    x->cp[j + 1] >= '0' && x->cp[j + 1] <= '9') {
				num[nn < 40 ? nn++ : nn] = '.';
				j++;
				while (j < x->n && x->cp[j] >= '0' &&
				       x->cp[j] <= '9' && j - i < WORD_MAX)
					num[nn < 40 ? nn++ : nn] =
					        (char)x->cp[j++];
			}
			num[nn] = 0;
			t = tok_push(&ts);
			t->kind = TK_NUM;
			t->num = strtod(num, NULL);
			tok_strings(&ts, t, x, i, j);
			i = j;
		} else if (is_letter(c)) {
			j = i + 1;
			while (j < x->n && j - i < WORD_MAX) {
				uint32_t d = x->cp[j];

				if (safety_is_cjk(d))
					break;
				if (is_letter(d)) {
					j++;
					continue;
				}
				if (is_apos(d) && j + 1 < x->n &&
				    is_letter(x->cp[j + 1]) &&
				    !safety_is_cjk(x->cp[j + 1])) {
					j++;
					continue;
				}
				break;
			}
			t = tok_push(&ts);
			t->kind = TK_WORD;
			tok_strings(&ts, t, x, i, j);
			i = j;
		} else {
			int b = punct_break(x, i);

			if (b > ts.brk)
				ts.brk = b;
			i++;
		}
	}
}

/* ---- compiling the lexicon ---- */

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int num_class(const char *p)
{
	static const struct {
		const char *name;
		int cls;
	} t[] = {{"#n", NUM_ANY},     {"#hi", NUM_HI},     {"#fev", NUM_FEV},
	         {"#kid", NUM_KID},   {"#m3", NUM_M3},     {"#5", NUM_GE5},
	         {"#many", NUM_MANY}, {"#yr", NUM_YEAR},   {"#bphi", NUM_BPHI},
	         {"#bplo", NUM_BPLO}, {"#glow", NUM_GLOW}, {"#d90", NUM_D90},
	         {"#old", NUM_OLD},   {"#hr", NUM_HR}};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		if (strcmp(p, t[i].name) == 0)
			return t[i].cls;
	return -1;
}

static void tokenize_str(struct arena *a, const char *s, struct toks *out)
{
	struct safety_text x;

	out->n = 0;
	if (safety_text_norm(a, s, strlen(s),
	                     SAFETY_NORM_FOLD | SAFETY_NORM_HANS, &x) != 0)
		return;
	tokenize(a, &x, out);
}

/* Compile piece (a word, a word prefix ending in '*', or words that must
 * follow each other, such as several Chinese characters or "tablet*" after
 * "dishwasher") into el, at most max elements; returns how many, or
 * -EINVAL. */
static int compile_words(struct arena *tmp, char *piece, struct elem *el,
                         size_t max)
{
	size_t len = strlen(piece), nel = 0;
	int prefix = 0;
	struct toks tk;

	if (len == 0)
		return -EINVAL;
	if (piece[len - 1] == '*') {
		/* A prefix: the last word of the piece ("tablet*"). */
		piece[len - 1] = 0;
		prefix = 1;
	}
	tokenize_str(tmp, piece, &tk);
	if (tk.n == 0 || tk.n > max ||
	    (prefix && tk.v[tk.n - 1].kind != TK_WORD))
		return -EINVAL;
	for (size_t k = 0; k < tk.n; k++) {
		memset(&el[nel], 0, sizeof(el[nel]));
		el[nel].kind = prefix && k + 1 == tk.n ? EL_PREFIX : EL_LIT;
		el[nel].s = arena_strndup(rx.a, tk.v[k].s, tk.v[k].ns);
		el[nel].f = arena_strndup(rx.a, tk.v[k].f, tk.v[k].nf);
		el[nel].ns = tk.v[k].ns;
		el[nel].nf = tk.v[k].nf;
		nel++;
	}
	return (int)nel;
}

#define CLASS_MAX_WORDS 4 /* elements in one alternative of a class */

/* Compile word class "@name" into e (EL_CLASS); 0 or -EINVAL for an
 * unknown class or a bad alternative. A class is compiled on its first use
 * and shared by the patterns that use it (rx.classes). */
static int compile_class(struct arena *tmp, const char *name, struct elem *e)
{
	const struct rf_class *c = NULL;
	struct alt *alts;
	size_t nalts = 1, k = 0, ci = 0;
	char *copy, *save = NULL;

	for (size_t i = 0; i < rf_nclasses; i++)
		if (strcmp(rf_classes[i].name, name) == 0) {
			c = &rf_classes[i];
			ci = i;
		}
	if (!c)
		return -EINVAL;
	if (!rx.classes)
		rx.classes = ARENA_ARRAY(rx.a, struct elem, rf_nclasses);
	if (rx.classes[ci].kind == EL_CLASS) {
		*e = rx.classes[ci];
		return 0;
	}
	for (const char *p = c->words; *p; p++)
		nalts += *p == '|';
	alts = ARENA_ARRAY(rx.a, struct alt, nalts);
	copy = arena_strdup(tmp, c->words);
	for (char *w = strtok_r(copy, "|", &save); w;
	     w = strtok_r(NULL, "|", &save)) {
		struct elem el[CLASS_MAX_WORDS];
		int n = compile_words(tmp, w, el, CLASS_MAX_WORDS);

		if (n <= 0 || k == nalts)
			return -EINVAL;
		alts[k].el = ARENA_ARRAY(rx.a, struct elem, (size_t)n);
		memcpy(alts[k].el, el, (size_t)n * sizeof(*el));
		alts[k].nel = (uint8_t)n;
		k++;
	}
	if (k == 0)
		return -EINVAL;
	memset(e, 0, sizeof(*e));
	e->kind = EL_CLASS;
	e->alts = alts;
	e->nalts = (uint16_t)k;
	for (size_t q = 0; q < k; q++) {
		unsigned char b0 = (unsigned char)alts[q].el[0].f[0];

		e->first[b0 >> 6] |= 1ull << (b0 & 63);
	}
	rx.classes[ci] = *e;
	return 0;
}

/* Compile one pattern (a NUL-terminated copy); 0 or -EINVAL. */
static int compile_pattern(struct arena *tmp, char *pattern, struct pat *p)
{
	struct elem el[PAT_MAX_ELEMS];
	size_t nel = 0, ngaps = 0;
	char *save = NULL;

	for (char *piece = strtok_r(pattern, " ", &save); piece;
	     piece = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(piece);
		int nw;

		if (nel == PAT_MAX_ELEMS)
			return -EINVAL;
		memset(&el[nel], 0, sizeof(el[nel]));
		if (piece[0] == '_' && len > 1) {
			if (nel == 0 || ++ngaps > PAT_MAX_GAPS)
				return -EINVAL;
			el[nel].kind = EL_GAP;
			el[nel].arg = (uint8_t)atoi(piece + 1);
			nel++;
			continue;
		}
		if (piece[0] == '#') {
			int c = num_class(piece);

			if (c < 0)
				return -EINVAL;
			el[nel].kind = EL_NUM;
			el[nel].arg = (uint8_t)c;
			nel++;
			continue;
		}
		if (piece[0] == '@') {
			if (compile_class(tmp, piece + 1, &el[nel]) != 0)
				return -EINVAL;
			nel++;
			continue;
		}
		nw = compile_words(tmp, piece, &el[nel], PAT_MAX_ELEMS - nel);
		if (nw <= 0)
			return -EINVAL;
		nel += (size_t)nw;
	}
	if (nel == 0 || el[nel - 1].kind == EL_GAP)
		return -EINVAL;
	p->nel = (uint8_t)nel;
	p->el = ARENA_ARRAY(rx.a, struct elem, nel);
	memcpy(p->el, el, nel * sizeof(*el));
	return 0;
}

/* Index pattern pi under its first word (or prefix) e. */
static void index_elem(uint32_t pi, const struct elem *e)
{
	struct entry *en;
	uint32_t b;

	en = &rx.entries[rx.nentries];
	en->key = e->f;
	en->klen = e->nf;
	en->pat = pi;
	en->prefix = e->kind == EL_PREFIX;
	if (en->prefix && e->nf > rx.maxprefix)
		rx.maxprefix = e->nf;
	if (en->prefix)
		rx.prefix_lens |= 1ull << (e->nf < 63 ? e->nf : 63);
	b = hash(e->f, e->nf) & (uint32_t)(rx.nbuckets - 1);
	en->next = rx.buckets[b];
	rx.buckets[b] = (uint32_t)(++rx.nentries);
}

/* How many index entries pattern pi needs (one per class alternative). */
static size_t index_size(uint32_t pi)
{
	const struct elem *e = &rx.pats[pi].el[0];

	return e->kind == EL_CLASS ? e->nalts : 1;
}

static void index_add(uint32_t pi)
{
	const struct elem *e = &rx.pats[pi].el[0];

	if (e->kind == EL_NUM) {
		rx.numstart[rx.nnumstart++] = pi;
		return;
	}
	if (e->kind == EL_CLASS) {
		/* Several alternatives may start with the same word: index it
		 * once, match_from tries them all. */
		for (uint16_t k = 0; k < e->nalts; k++) {
			const struct elem *w = &e->alts[k].el[0];
			int dup = 0;

			for (uint16_t j = 0; j < k && !dup; j++) {
				const struct elem *v = &e->alts[j].el[0];

				dup = v->kind == w->kind && v->nf == w->nf &&
				      memcmp(v->f, w->f, w->nf) == 0;
			}
			if (!dup)
				index_elem(pi, w);
		}
		return;
	}
	index_elem(pi, e);
}

static void compile(void)
{
	struct arena *tmp = arena_new();
	size_t npat = 0, nent;

	rx.a = arena_new();
	for (size_t i = 0; i < rf_nlexicon; i++) {
		npat++;
		for (const char *p = rf_lexicon[i].patterns; *p; p++)
			npat += *p == '|';
	}
	rx.pats = ARENA_ARRAY(rx.a, struct pat, npat);
	for (size_t i = 0; i < rf_nlexicon; i++) {
		const struct rf_lex *lx = &rf_lexicon[i];
		char *copy = arena_strdup(tmp, lx->patterns), *save = NULL;

		for (char *alt = strtok_r(copy, "|", &save); alt;
		     alt = strtok_r(NULL, "|", &save)) {
			struct pat *p = &rx.pats[rx.npats];
			char *one = arena_strdup(tmp, alt);

			p->kind = (uint8_t)lx->kind;
			p->concept = (uint8_t)lx->concept;
			p->window = (uint8_t)lx->window;
			/* A pattern that does not compile is a bug in the
			 * table; the unit tests catch it (rx.ok). */
			if (compile_pattern(tmp, one, p) == 0)
				rx.npats++;
			else
				rx.ok = -1;
		}
	}
	nent = 0;
	for (size_t i = 0; i < rx.npats; i++)
		nent += index_size((uint32_t)i);
	rx.nbuckets = 1;
	while (rx.nbuckets < nent * 2)
		rx.nbuckets <<= 1;
	rx.buckets = ARENA_ARRAY(rx.a, uint32_t, rx.nbuckets);
	rx.entries = ARENA_ARRAY(rx.a, struct entry, nent);
	rx.numstart = ARENA_ARRAY(rx.a, uint32_t, rx.npats);
	for (size_t i = 0; i < rx.npats; i++)
		index_add((uint32_t)i);
	if (rx.ok == 0)
		rx.ok = 1;
	arena_free(tmp);
}

void safety_redflag_init(void)
{
	pthread_once(&rx_once, compile);
}

int safety_redflag_selfcheck(size_t *npatterns)
{
	safety_redflag_init();
	*npatterns = rx.npats;
	return rx.ok == 1;
}

/* ---- matching ---- */

struct hit {
	uint32_t pat;
	uint32_t b, e; /* tokens [b, e) */
	uint8_t ng;
	uint32_t gb[PAT_MAX_GAPS], ge[PAT_MAX_GAPS]; /* skipped tokens */
};

struct hits {
	struct hit *v;
	size_t n, cap;
};

static int num_fits(int cls, const struct tok *t)
{
	double v = t->num;

	switch (cls) {
	case NUM_ANY: return 1;
	case NUM_HI:
		return (v >= 38.9 && v <= 43.5) || (v >= 101.5 && v <= 110);
	case NUM_FEV: return (v >= 38 && v <= 43.5) || (v >= 100.4 && v <= 110);
	case NUM_KID: return v >= 1 && v <= 12;
	case NUM_M3: return v >= 0 && v <= 3;
	case NUM_GE5: return v >= 5 && v < 1000;
	case NUM_MANY: return v >= 10 && v < 1000;
	case NUM_YEAR: return v >= 1900 && v <= 2099 && v == (int)v;
	/* A systolic pressure of 160 or more (pre-eclampsia, crisis). */
	case NUM_BPHI: return v >= 160 && v <= 300;
	/* A systolic pressure under 90 (shock). */
	case NUM_BPLO: return v >= 40 && v < 90;
	/* A low blood sugar: under 3.0 mmol/L, or 20-54 mg/dL. */
	case NUM_GLOW: return (v > 0 && v <= 3.0) || (v >= 20 && v <= 54);
	/* An age in days that makes a baby a newborn. */
	case NUM_D90: return v >= 0 && v <= 90 && v == (int)v;
	/* An age past which chest, back or upper-belly pain with sweat
	 * is cardiac until shown otherwise. */
	case NUM_OLD: return v >= 55 && v <= 110 && v == (int)v;
	/* A pulse of 130 or more at rest (a tachyarrhythmia). */
	case NUM_HR: return v >= 130 && v <= 300 && v == (int)v;
	default: return 0;
	}
}

static int el_fits(const struct elem *e, const struct tok *t)
{
	switch (e->kind) {
	case EL_LIT:
		if (e->ns == t->ns && memcmp(e->s, t->s, t->ns) == 0)
			return 1;
		return !t->accented && !t->nofold && e->nf == t->nf &&
		       memcmp(e->f, t->f, t->nf) == 0;
	case EL_PREFIX:
		if (t->kind != TK_WORD)
			return 0;
		if (t->ns >= e->ns && memcmp(e->s, t->s, e->ns) == 0)
			return 1;
		return !t->accented && !t->nofold && t->nf >= e->nf &&
		       memcmp(e->f, t->f, e->nf) == 0;
	case EL_NUM: return t->kind == TK_NUM && num_fits(e->arg, t);
	default: return 0;
	}
}

/* May a gap step from token j - 1 to token j of sentence sent? Within a
 * punctuation clause always; across a comma only between words ("black,
 * sticky stools"), never between CJK characters, where short patterns
 * would join unrelated clauses ("吐了，血压").
 */
static int gap_step(const struct toks *tk, size_t j, uint32_t sent)
{
	const struct tok *a = &tk->v[j - 1], *b = &tk->v[j];

	if (b->sent != sent)
		return 0;
	return a->pcl == b->pcl || (a->kind == TK_WORD && b->kind == TK_WORD);
}

/* Match p->el[k..] at token i in sentence sent; shortest gaps first. On
 * success fills h->e and the gap ranges and returns 1. Literal elements
 * follow each other within a punctuation clause; gaps may cross commas
 * (see gap_step). */
static int match_from(const struct pat *p, unsigned k, const struct toks *tk,
                      size_t i, uint32_t sent, struct hit *h)
{
	const struct elem *e;

	if (k == p->nel) {
		h->e = (uint32_t)i;
		return 1;
	}
	e = &p->el[k];
	if (e->kind == EL_GAP) {
		uint8_t ng = h->ng;

		for (unsigned g = 0; g <= e->arg; g++) {
			size_t j = i + g;

			if (j >= tk->n || !gap_step(tk, j, sent))
				break;
			h->ng = ng;
			if (g > 0) {
				h->gb[ng] = (uint32_t)i;
				h->ge[ng] = (uint32_t)j;
				h->ng = ng + 1;
			}
			if (match_from(p, k + 1, tk, j, sent, h))
				return 1;
		}
		h->ng = ng;
		return 0;
	}
	if (i >= tk->n)
		return 0;
	if (k > 0 && p->el[k - 1].kind != EL_GAP &&
	    tk->v[i].pcl != tk->v[i - 1].pcl)
		return 0;
	if (e->kind == EL_CLASS) {
		unsigned char b0 = (unsigned char)tk->v[i].f[0];

		/* A token's folded form starts like the folded word it
		 * matches (el_fits compares either both forms or the folded
		 * ones), so the first byte rules most alternatives out. */
		if (!((e->first[b0 >> 6] >> (b0 & 63)) & 1))
			return 0;
		for (uint16_t a = 0; a < e->nalts; a++) {
			const struct alt *al = &e->alts[a];
			size_t j = i;
			unsigned w;

			for (w = 0; w < al->nel; w++, j++) {
				if (j >= tk->n ||
				    !el_fits(&al->el[w], &tk->v[j]))
					break;
				if (w > 0 && tk->v[j].pcl != tk->v[j - 1].pcl)
					break;
			}
			if (w == al->nel &&
			    match_from(p, k + 1, tk, j, sent, h))
				return 1;
		}
		return 0;
	}
	if (!el_fits(e, &tk->v[i]))
		return 0;
	return match_from(p, k + 1, tk, i + 1, sent, h);
}

static void try_pat(struct arena *a, struct hits *hs, const struct toks *tk,
                    size_t i, uint32_t pi)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.pat = pi;
	h.b = (uint32_t)i;
	if (!match_from(&rx.pats[pi], 0, tk, i, tk->v[i].sent, &h))
		return;
	if (hs->n == hs->cap) {
		size_t ncap = hs->cap * 2 + 32;
		struct hit *v = ARENA_ARRAY(a, struct hit, ncap);

		if (hs->n)
			memcpy(v, hs->v, hs->n * sizeof(*v));
		hs->v = v;
		hs->cap = ncap;
	}
	hs->v[hs->n++] = h;
}

/* Try the patterns indexed under key (hash h of its klen bytes). */
static void lookup(struct arena *a, struct hits *hs, const struct toks *tk,
                   size_t i, const char *key, size_t klen, uint32_t h,
                   int prefix)
{
	uint32_t b = h & (uint32_t)(rx.nbuckets - 1);

	for (uint32_t x = rx.buckets[b]; x; x = rx.entries[x - 1].next) {
		const struct entry *en = &rx.entries[x - 1];

		if (en->prefix == prefix && en->klen == klen &&
		    memcmp(en->key, key, klen) == 0)
			try_pat(a, hs, tk, i, en->pat);
	}
}

/* Does a prefix pattern start with the first l bytes of key? */
static int has_prefix_entry(const char *key, size_t l)
{
	uint32_t b = hash(key, l) & (uint32_t)(rx.nbuckets - 1);

	for (uint32_t x = rx.buckets[b]; x; x = rx.entries[x - 1].next) {
		const struct entry *en = &rx.entries[x - 1];

		if (en->prefix && en->klen == l && memcmp(en->key, key, l) == 0)
			return 1;
	}
	return 0;
}

/* Does the text look Vietnamese: a word with Vietnamese accents, or two
 * common Vietnamese words typed without them? */
static int looks_vietnamese(const struct toks *tk)
{
	int markers = 0;

	for (size_t i = 0; i < tk->n; i++) {
		const struct tok *t = &tk->v[i];

		if (t->kind != TK_WORD)
			continue;
		if (t->accented && (unsigned char)t->f[0] < 0x80)
			return 1;
		if (!t->accented && rf_vi_marker(t->f, t->nf) && ++markers >= 2)
			return 1;
	}
	return 0;
}

/* Does the text read as English: two or more of its function words that
 * no Vietnamese syllable folds to? Then its words do not match accented
 * Vietnamese lexicon words ("so" is not "sờ"). */
static int looks_english(const struct toks *tk)
{
	static const char *const fw[] = {
	        "the",    "and",   "my",   "is",    "was",   "with",  "for",
	        "of",     "it",    "she",  "his",   "her",   "have",  "has",
	        "this",   "that",  "what", "you",   "are",   "not",   "but",
	        "from",   "after", "just", "been",  "had",   "will",  "would",
	        "should", "does",  "did",  "when",  "about", "our",   "your",
	        "i'm",    "it's",  "he's", "she's", "since", "now",   "there",
	        "their",  "they",  "we",   "were",  "feel",  "feels", "really"};
	int hits = 0;

	for (size_t i = 0; i < tk->n; i++) {
		const struct tok *t = &tk->v[i];

		if (t->kind != TK_WORD || t->accented)
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(fw); k++)
			if (strlen(fw[k]) == t->nf &&
			    memcmp(fw[k], t->f, t->nf) == 0) {
				if (++hits >= 2)
					return 1;
				break;
			}
	}
	return 0;
}

/* Replace informal spellings ("cant", "cnt") and likely typos of long
 * lexicon words by the lexicon's word (safety/redflag_typo.c); a word some
 * prefix pattern already reads ("suicidal" for "suicid*") is left as
 * typed. In Vietnamese text, shorthand ("ko", "dc", "r") becomes its
 * syllables first. */
static void fix_typos(struct toks *tk)
{
	int vi = looks_vietnamese(tk), en = !vi && looks_english(tk);

	for (size_t i = 0; i < tk->n; i++) {
		struct tok *t = &tk->v[i];
		const char *w, *fold;
		size_t l, max;
		int known = 0;

		if (t->kind != TK_WORD)
			continue;
		t->nofold = en;
		if (vi &&
		    (w = rf_vi_shorthand(t->s, t->ns,
		                         i > 0 && tk->v[i - 1].kind == TK_NUM &&
		                                 tk->v[i - 1].end == t->beg,
		                         &fold)) != NULL) {
			t->s = w;
			t->f = fold;
			t->ns = (uint16_t)strlen(w);
			t->nf = (uint16_t)strlen(fold);
			t->accented = t->ns != t->nf || strcmp(w, fold) != 0;
			continue;
		}
		if (t->accented)
			continue;
		if ((w = rf_informal_fix(t->f, t->nf)) != NULL) {
			t->s = t->f = w;
			t->ns = t->nf = (uint16_t)strlen(w);
			continue;
		}
		if (t->nf < 6 || !(w = rf_typo_fix(t->f, t->nf)))
			continue;
		max = t->nf < rx.maxprefix ? t->nf : rx.maxprefix;
		for (l = 1; l <= max && !known; l++)
			known = has_prefix_entry(t->f, l);
		if (known)
			continue;
		t->s = t->f = w;
		t->ns = t->nf = (uint16_t)strlen(w);
	}
}

static void match_all(struct arena *a, const struct toks *tk, struct hits *hs)
{
	for (size_t i = 0; i < tk->n; i++) {
		const struct tok *t = &tk->v[i];

		lookup(a, hs, tk, i, t->f, t->nf, hash(t->f, t->nf), 0);
		if (t->kind == TK_WORD) {
			size_t max =
			        t->nf < rx.maxprefix ? t->nf : rx.maxprefix;
			uint32_t h = 2166136261u; /* hash() of t->f[0..l) */

			for (size_t l = 1; l <= max; l++) {
				h ^= (unsigned char)t->f[l - 1];
				h *= 16777619u;
				if (((unsigned char)t->f[l] & 0xC0) != 0x80 &&
				    ((rx.prefix_lens >> (l < 63 ? l : 63)) & 1))
					lookup(a, hs, tk, i, t->f, l, h, 1);
			}
		} else if (t->kind == TK_NUM) {
			for (size_t k = 0; k < rx.nnumstart; k++)
				try_pat(a, hs, tk, i, rx.numstart[k]);
		}
	}
}

/* ---- scopes ---- */

enum {
	M_NEG_PRE = 1,  /* a concept starting here is negated */
	M_NEG_POST = 2, /* a concept ending here (exclusive) is negated */
	M_HYPO_PRE = 4,
	M_HYPO_POST = 8,
	M_FUTURE = 16,
	M_RESOLVED = 32,    /* a whole-sentence resolution follows */
	M_COV_CONCEPT = 64, /* inside a concept match (not its gaps) */
	M_COV_PSEUDO = 128,
};

#define BLOCK_ALL 255

struct scan {
	const struct toks *tk;
	uint32_t *scope;        /* clause number per token, with "but" etc. */
	uint8_t *conj;          /* a "but" (etc.) starts at this token */
	uint8_t *mark;          /* M_* per token position (n + 1 entries) */
	uint8_t *blocked;       /* inside a block pattern: the concept blocked,
	                           BLOCK_ALL for every one */
	uint32_t *neg_at;       /* index+1 of the end of a negation cue that
	                           starts at this token, 0 if none */
	uint32_t *hist_sent;    /* per sentence: 1 + the first clause dated to
	                           the distant past (0: none) */
	uint8_t *pres_scope;    /* per scope */
	uint32_t *pres_last;    /* per scope: 1 + the last scope up to it that
	                           says "now" (0: none) */
	uint8_t *chronic_scope; /* per scope: an RF_CHRONIC cue */
	uint32_t cared_sent;    /* 1 + the last sentence saying the patient is
	                           in care and stable or recovered (0: none) */
	int general;            /* a general or second-hand question */
	int stroke_cared;       /* a stroke said before an RF_CARED cue */
};

static int in_gap(const struct hit *h, uint32_t t)
{
	for (unsigned g = 0; g < h->ng; g++)
		if (t >= h->gb[g] && t < h->ge[g])
			return 1;
	return 0;
}

/* Are all the literal (non-gap) tokens of cue h marked with bits? Then
 * the cue lies inside a concept ("not" in "not breathing", "过去" in
 * "昏过去") or a pseudo-negation ("not sure") and does not count. */
static int covered(const struct scan *sc, const struct hit *h, uint8_t bits)
{
	for (uint32_t t = h->b; t < h->e; t++)
		if (!(sc->mark[t] & bits) && !in_gap(h, t))
			return 0;
	return 1;
}

/* Does token j start a list item that a negation before it still
 * covers ("denies chest pain, palpitations, or fainting")? That is a
 * punctuation clause in the same sentence, not opened by "but" (etc.),
 * of at most three words, or of four starting with "or". */
static int list_item(const struct scan *sc, size_t j)
{
	const struct tok *t = sc->tk->v;
	size_t n = sc->tk->n, k = j;
	int alt;

	if (j == 0 || t[j].sent != t[j - 1].sent || sc->conj[j])
		return 0;
	alt = (t[j].ns == 2 && memcmp(t[j].s, "or", 2) == 0) ||
	      (t[j].ns == 3 && memcmp(t[j].s, "nor", 3) == 0) ||
	      (t[j].nf == 4 && memcmp(t[j].f, "hoac", 4) == 0) ||
	      (t[j].ns == 3 && memcmp(t[j].s, "hay", 3) == 0);
	while (k < n && t[k].pcl == t[j].pcl) {
		if (t[k].kind != TK_WORD || k - j >= (alt ? 4u : 3u))
			return 0;
		k++;
	}
	return 1;
}

/* Mark the positions a "before" cue reaches: concept starts j with
 * j - e <= w in the cue's scope (for negations, lists extend it). */
static void mark_pre(struct scan *sc, const struct hit *h, unsigned w,
                     uint8_t bit, int lists)
{
	const struct tok *t = sc->tk->v;
	size_t n = sc->tk->n, lim = h->e + w;
	uint32_t s = sc->scope[h->e - 1];

	for (size_t j = h->e; j < n && j <= lim; j++) {
		if (sc->scope[j] != s) {
			if (!lists || !list_item(sc, j))
				break;
			s = sc->scope[j];
			/* The items of a list do not use up the window. */
			for (size_t k = j; k < n && t[k].pcl == t[j].pcl; k++)
				lim++;
		}
		sc->mark[j] |= bit;
	}
}

/* Mark the positions an "after" cue reaches: concept ends j (exclusive)
 * with b - j <= w in the cue's scope. */
static void mark_post(struct scan *sc, const struct hit *h, unsigned w,
                      uint8_t bit)
{
	uint32_t s = sc->scope[h->b];

	for (size_t j = h->b; j >= 1 && j + w >= h->b; j--) {
		if (sc->scope[j - 1] != s)
			break;
		sc->mark[j] |= bit;
	}
}

/* Mark every concept end before cue h in its sentence as resolved. */
static void mark_sentence_back(struct scan *sc, const struct hit *h)
{
	const struct tok *t = sc->tk->v;

	for (size_t j = h->b; j >= 1 && t[j - 1].sent == t[h->b].sent; j--)
		sc->mark[j] |= M_RESOLVED;
}

static void cover(struct scan *sc, const struct hit *h, uint8_t bit)
{
	for (uint32_t t = h->b; t < h->e; t++)
		if (!in_gap(h, t))
			sc->mark[t] |= bit;
}

/* Block the tokens of h for concept c (C_NONE: every concept). */
static void block(struct scan *sc, const struct hit *h, unsigned c)
{
	uint8_t v = c == C_NONE ? BLOCK_ALL : (uint8_t)c;

	for (uint32_t t = h->b; t < h->e; t++)
		sc->blocked[t] =
		        sc->blocked[t] && sc->blocked[t] != v ? BLOCK_ALL : v;
}

struct occ {
	uint32_t sent;
	uint32_t beg, end; /* bytes */
};

struct occs {
	struct occ *v;
	size_t n, cap;
};

static void occ_add(struct arena *a, struct occs *o, uint32_t sent,
                    uint32_t beg, uint32_t end)
{
	if (o->n == o->cap) {
		size_t ncap = o->cap * 2 + 8;
		struct occ *v = ARENA_ARRAY(a, struct occ, ncap);

		if (o->n)
			memcpy(v, o->v, o->n * sizeof(*v));
		o->v = v;
		o->cap = ncap;
	}
	o->v[o->n].sent = sent;
	o->v[o->n].beg = beg;
	o->v[o->n].end = end;
	o->n++;
}

/* Why the last counts() call did not count its hit, for the trace. */
_Thread_local const char *safety_redflag_why;

static unsigned why(const char *reason)
{
	safety_redflag_why = reason;
	return C_NONE;
}

/* What the concept hit h counts as: its concept, its weak form when it is
 * only imminent ("nearly passed out" is dizziness), or C_NONE. */
static unsigned counts(const struct scan *sc, const struct hit *h)
{
	const struct pat *p = &rx.pats[h->pat];
	unsigned flags = rf_concepts[p->concept].flags;
	const struct tok *t = sc->tk->v;
	uint32_t sent = t[h->b].sent;

	safety_redflag_why = NULL;
	for (uint32_t k = h->b; k < h->e; k++)
		if (sc->blocked[k] == BLOCK_ALL || sc->blocked[k] == p->concept)
			return why("blocked");
	if ((sc->mark[h->b] & M_NEG_PRE) ||
	    ((sc->mark[h->e] & M_NEG_POST) && !(flags & RF_KEEP_FINE)))
		return why("negated");
	if ((sc->mark[h->e] & M_RESOLVED) &&
	    !(flags & (RF_KEEP_HIST | RF_KEEP_FINE)))
		return why("resolved");
	for (unsigned g = 0; g < h->ng; g++)
		for (uint32_t k = h->gb[g]; k < h->ge[g]; k++)
			if (sc->neg_at[k] && sc->neg_at[k] - 1 <= h->ge[g])
				return why("negated in gap");
	if ((sc->mark[h->b] & M_HYPO_PRE) || (sc->mark[h->e] & M_HYPO_POST))
		return why("hypothetical");
	/* The past reaches its own clause and the clauses after it, not the
	 * ones before: "seizing for ten minutes now, it used to stop in one
	 * or two before" is about now. */
	/* ... until a clause says "now" ("had a bypass last year, just now
	 * his pressure is 70/40, he is confused" is about now). */
	if (sc->hist_sent[sent] && sc->scope[h->b] + 1 >= sc->hist_sent[sent] &&
	    !(flags & RF_KEEP_HIST) &&
	    sc->pres_last[sc->scope[h->b]] < sc->hist_sent[sent])
		return why("past");
	if (sc->chronic_scope[sc->scope[h->b]] && !(flags & RF_KEEP_HIST) &&
	    !sc->pres_scope[sc->scope[h->b]])
		return why("chronic");
	if (sc->cared_sent && (flags & RF_EVENT) && sent < sc->cared_sent)
		return why("cared");
	if (sc->cared_sent && (flags & RF_RESIDUAL) && sc->stroke_cared)
		return why("cared");
	if ((sc->mark[h->b] & M_FUTURE) && !(flags & RF_KEEP_FUTURE)) {
		safety_redflag_why = "imminent";
		return rf_concepts[p->concept].weak;
	}
	return p->concept;
}

/* Record concept match c (counted as k, C_NONE: not counted, and why)
 * for the statistical layer. */
static void info_add(struct rf_info *info, unsigned c, unsigned k)
{
	static const char *const reasons[] = {
	        "negated", "resolved", "negated in gap", "hypothetical", "past",
	        "chronic", "cared",    "imminent",       "blocked",
	};

	if (k != C_NONE && info->counted[k] < 255)
		info->counted[k]++;
	if (k == c)
		return;
	if (info->missed[c] < 255)
		info->missed[c]++;
	for (unsigned r = 0; safety_redflag_why && r < ARRAY_SIZE(reasons); r++)
		if (strcmp(safety_redflag_why, reasons[r]) == 0)
			info->why[c] |= (uint16_t)(1u << r);
}

/* The first occurrence in o with sentence >= s (binary search). */
static size_t occ_lower(const struct occs *o, uint32_t s)
{
	size_t lo = 0, hi = o->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (o->v[mid].sent < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct occ *occ_near(const struct occs *o, uint32_t s, unsigned w)
{
	size_t k = occ_lower(o, s > w ? s - w : 0);

	if (k < o->n && o->v[k].sent <= s + w)
		return &o->v[k];
	return NULL;
}

static int rule_fires(const struct rf_rule *r, const struct occs *occ,
                      size_t *beg, size_t *end)
{
	const struct occs *first = &occ[r->req[0]];

	for (size_t i = 0; i < first->n; i++) {
		const struct occ *a = &first->v[i];
		size_t b = a->beg, e = a->end;
		int ok = 1;

		if (r->unless != C_NONE &&
		    occ_near(&occ[r->unless], a->sent, 0))
			continue;
		for (unsigned k = 1; k < 3 && r->req[k] != C_NONE; k++) {
			const struct occ *o =
			        occ_near(&occ[r->req[k]], a->sent, r->window);

			if (!o) {
				ok = 0;
				break;
			}
			if (o->beg < b)
				b = o->beg;
			if (o->end > e)
				e = o->end;
		}
		if (ok) {
			*beg = b;
			*end = e;
			return 1;
		}
	}
	return 0;
}

int rf_detect(struct arena *a, const char *text, struct safety_flag **out,
              size_t *n, struct rf_info *info)
{
	struct safety_text x;
	struct toks tk;
	struct hits hs = {NULL, 0, 0};
	struct scan sc;
	struct occs occ[C_NCONCEPTS];
	struct safety_flag *flags = NULL;
	int have[SAFETY_NCATEGORIES] = {0};
	size_t len, nf = 0, nt, nsent, nscope;
	int rc = 0, present = 0;

	*out = NULL;
	*n = 0;
	if (info)
		memset(info, 0, sizeof(*info));
	if (!text) {
		rc = -EINVAL;
		goto done;
	}
	len = strlen(text);
	if (len > LIMIT_SAFETY_TEXT_BYTES) {
		rc = -E2BIG;
		goto done;
	}
	safety_redflag_init();
	rc = safety_text_norm(a, text, len, SAFETY_NORM_FOLD | SAFETY_NORM_HANS,
	                      &x);
	if (rc)
		goto done;
	if (info)
		info->text = x;
	tokenize(a, &x, &tk);
	nt = tk.n;
	if (nt == 0)
		goto done;
	fix_typos(&tk);
	match_all(a, &tk, &hs);
	if (hs.n == 0)
		goto done;

	/* Scopes: punctuation clauses, cut further at "but", "但是", ... */
	sc.tk = &tk;
	sc.scope = ARENA_ARRAY(a, uint32_t, nt + 1);
	sc.mark = ARENA_ARRAY(a, uint8_t, nt + 1);
	sc.blocked = ARENA_ARRAY(a, uint8_t, nt + 1);
	sc.neg_at = ARENA_ARRAY(a, uint32_t, nt + 1);
	sc.conj = ARENA_ARRAY(a, uint8_t, nt + 1);
	for (size_t i = 0; i < hs.n; i++)
		if (rx.pats[hs.v[i].pat].kind == RF_BOUNDARY)
			sc.conj[hs.v[i].b] = 1;
	nscope = 0;
	for (size_t i = 0; i < nt; i++) {
		if (i > 0 && (tk.v[i].pcl != tk.v[i - 1].pcl || sc.conj[i]))
			nscope++;
		sc.scope[i] = (uint32_t)nscope;
	}
	sc.scope[nt] = (uint32_t)nscope;
	nscope++;
	nsent = tk.v[nt - 1].sent + 1;
	sc.hist_sent = ARENA_ARRAY(a, uint32_t, nsent);
	sc.pres_scope = ARENA_ARRAY(a, uint8_t, nscope);
	sc.pres_last = ARENA_ARRAY(a, uint32_t, nscope);
	sc.chronic_scope = ARENA_ARRAY(a, uint8_t, nscope);
	sc.cared_sent = 0;
	sc.general = 0;
	sc.stroke_cared = 0;

	/* What concept and pseudo-negation matches cover, and blocks. */
	for (size_t i = 0; i < hs.n; i++) {
		const struct hit *h = &hs.v[i];

		switch (rx.pats[h->pat].kind) {
		case RF_CONCEPT: cover(&sc, h, M_COV_CONCEPT); break;
		case RF_PSEUDO: cover(&sc, h, M_COV_PSEUDO); break;
		case RF_BLOCK: block(&sc, h, rx.pats[h->pat].concept); break;
		default: break;
		}
	}
	/* Cues mark what they reach. */
	for (size_t i = 0; i < hs.n; i++) {
		const struct hit *h = &hs.v[i];
		const struct pat *p = &rx.pats[h->pat];

		switch (p->kind) {
		case RF_NEG_PRE:
		case RF_NEG_POST:
			if (covered(&sc, h, M_COV_CONCEPT | M_COV_PSEUDO))
				break;
			if (p->kind == RF_NEG_PRE) {
				mark_pre(&sc, h, p->window, M_NEG_PRE, 1);
				if (!sc.neg_at[h->b] ||
				    sc.neg_at[h->b] > h->e + 1)
					sc.neg_at[h->b] = h->e + 1;
			} else {
				mark_post(&sc, h, p->window, M_NEG_POST);
			}
			break;
		case RF_NEG_SENT:
			if (!covered(&sc, h, M_COV_CONCEPT | M_COV_PSEUDO))
				mark_sentence_back(&sc, h);
			break;
		case RF_HYPO_PRE:
			if (!covered(&sc, h, M_COV_CONCEPT))
				mark_pre(&sc, h, p->window, M_HYPO_PRE, 0);
			break;
		case RF_HYPO_POST:
			if (!covered(&sc, h, M_COV_CONCEPT))
				mark_post(&sc, h, p->window, M_HYPO_POST);
			break;
		case RF_FUTURE:
			if (!covered(&sc, h, M_COV_CONCEPT))
				mark_pre(&sc, h, p->window, M_FUTURE, 0);
			break;
		case RF_HIST:
			/* "过去" in "昏过去" is not the past. */
			if (!covered(&sc, h, M_COV_CONCEPT)) {
				uint32_t *hs_ = &sc.hist_sent[tk.v[h->b].sent];

				if (!*hs_ || sc.scope[h->b] + 1 < *hs_)
					*hs_ = sc.scope[h->b] + 1;
			}
			break;
		case RF_PRESENT: sc.pres_scope[sc.scope[h->b]] = 1; break;
		case RF_CHRONIC:
			if (!covered(&sc, h, M_COV_CONCEPT))
				sc.chronic_scope[sc.scope[h->b]] = 1;
			break;
		case RF_CARED:
			if (!covered(&sc, h, M_COV_CONCEPT) &&
			    tk.v[h->b].sent + 1 > sc.cared_sent)
				sc.cared_sent = tk.v[h->b].sent + 1;
			break;
		case RF_GENERAL:
			if (!covered(&sc, h, M_COV_CONCEPT))
				sc.general = 1;
			break;
		default: break;
		}
	}

	for (size_t k = 0; k < nscope; k++)
		sc.pres_last[k] = sc.pres_scope[k] ? (uint32_t)k + 1
		                  : k > 0          ? sc.pres_last[k - 1]
		                                   : 0;
	for (size_t i = 0; sc.cared_sent && i < hs.n; i++)
		if (rx.pats[hs.v[i].pat].kind == RF_CONCEPT &&
		    rx.pats[hs.v[i].pat].concept == C_STROKE &&
		    tk.v[hs.v[i].b].sent < sc.cared_sent)
			sc.stroke_cared = 1;

	/* Concept occurrences that count. */
	memset(occ, 0, sizeof(occ));
	for (size_t i = 0; i < hs.n; i++) {
		const struct hit *h = &hs.v[i];
		const struct pat *p = &rx.pats[h->pat];
		unsigned c;

		if (p->kind != RF_CONCEPT)
			continue;
		c = counts(&sc, h);
		if (safety_redflag_trace)
			safety_redflag_trace(rf_concepts[p->concept].name,
			                     c != C_NONE, tk.v[h->b].beg,
			                     tk.v[h->e - 1].end);
		if (info)
			info_add(info, p->concept, c);
		if (c == C_NONE)
			continue;
		if (sc.pres_scope[sc.scope[h->b]])
			present = 1;
		occ_add(a, &occ[c], tk.v[h->b].sent, tk.v[h->b].beg,
		        tk.v[h->e - 1].end);
	}

	/* A general question (about a film, the news, a course, "just
	 * curious") describes no one's emergency unless it also says what
	 * is happening now. */
	if (info) {
		info->general = sc.general;
		info->present = present;
	}
	if (sc.general && !present)
		goto done;

	/* Rules. */
	flags = ARENA_ARRAY(a, struct safety_flag, SAFETY_NCATEGORIES);
	for (size_t i = 0; i < rf_nrules; i++) {
		const struct rf_rule *r = &rf_rules[i];
		size_t b, e;

		if (have[r->category] || !rule_fires(r, occ, &b, &e))
			continue;
		have[r->category] = 1;
		flags[nf].category = (enum safety_category)r->category;
		flags[nf].start = b;
		flags[nf].end = e;
		flags[nf].rule = r->name;
		nf++;
	}
	/* Category order (rules are grouped by category, but be sure). */
	for (size_t i = 1; i < nf; i++)
		for (size_t j = i;
		     j > 0 && flags[j].category < flags[j - 1].category; j--) {
			struct safety_flag f = flags[j];

			flags[j] = flags[j - 1];
			flags[j - 1] = f;
		}
	if (nf) {
		*out = flags;
		*n = nf;
	}
done:
	return rc;
}

_Thread_local void (*safety_redflag_trace)(const char *concept, int counted,
                                           size_t b, size_t e);

const char *safety_category_key(enum safety_category c)
{
	static const char *const keys[SAFETY_NCATEGORIES] = {
	        [SAFETY_CARDIAC] = "cardiac",
	        [SAFETY_STROKE] = "stroke",
	        [SAFETY_BREATHING] = "breathing",
	        [SAFETY_BLEEDING] = "bleeding",
	        [SAFETY_CONSCIOUSNESS] = "consciousness",
	        [SAFETY_SUICIDE] = "suicide",
	        [SAFETY_POISONING] = "poisoning",
	        [SAFETY_FEVER_DANGER] = "fever_danger",
	        [SAFETY_ANAPHYLAXIS] = "anaphylaxis",
	        [SAFETY_SEIZURE] = "seizure",
	        [SAFETY_HEAD_INJURY] = "head_injury",
	        [SAFETY_BURN] = "burn",
	};

	if ((int)c <= 0 || c >= SAFETY_NCATEGORIES)
		return "unknown";
	return keys[c];
}
