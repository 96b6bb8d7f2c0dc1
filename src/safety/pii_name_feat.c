/* safety/pii_name_feat.c: the candidates, features and decision of the
 * statistical name layer (pii_int.h).
 *
 * Shared by the detector (pii.c, with the model built into the program)
 * and by the trainer that makes that model at build time
 * (tools/pii_train.c), so both see exactly the same candidates and
 * features. The cost is linear in the text: a bounded number of
 * candidates per word or character, each with at most PN_MAXFEAT
 * features.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safety/pii_int.h"
#include "util/arena.h"

/* Feature namespaces. */
enum {
	NS_BIAS = 1,
	NS_KIND,
	NS_RULE,
	NS_WORDS,
	NS_SHAPE,
	NS_LIST_FIRST,
	NS_LIST_LAST,
	NS_LIST_ALL,
	NS_POS,
	NS_LEFT_WORD,
	NS_LEFT_PAIR,
	NS_RIGHT_WORD,
	NS_LEFT_CP,
	NS_RIGHT_CP,
	NS_SPAN,
	NS_GRAM,
	NS_LANG,
	NS_NEAR,
	NS_LANG_KIND
};

enum { K_LATIN_CAP, K_LATIN_LOWER, K_CJK };
enum { L_EN, L_VI, L_ZH };

#define MAX_WORDS  4
#define SPAN_CPS   24
#define CTX_LETTER 14

/* FNV-1a over a namespace, two small values and code points. */
static uint32_t hash(uint32_t ns, uint32_t x, uint32_t y, const uint32_t *cp,
                     size_t len)
{
	const uint32_t head[3] = {ns, x, y};
	uint32_t h = safety_fnv_cp(2166136261u, head, 3);

	return safety_hash_mix(safety_fnv_cp(h, cp, len)) % PN_DIM;
}

static void push(struct pn_cand *k, uint32_t ns, uint32_t x, uint32_t y,
                 const uint32_t *cp, size_t len)
{
	if (k->nf < PN_MAXFEAT)
		k->f[k->nf++] = hash(ns, x, y, cp, len);
}

static int text_lang(const struct pii_ctx *c)
{
	int vi = 0;

	for (size_t i = 0; i < c->t->n; i++) {
		uint32_t x = c->t->cp[i];

		if (safety_is_cjk(x))
			return L_ZH;
		if ((x >= 0x1EA0 && x <= 0x1EF9) || x == 0x111 || x == 0x110 ||
		    x == 0x1A1 || x == 0x1B0 || x == 0x103)
			vi = 1;
	}
	return vi ? L_VI : L_EN;
}

static int word_start(const struct pii_ctx *c, size_t i)
{
	return is_alpha(at(c, i)) && (i == 0 || !is_alpha(at(c, i - 1))) &&
	       (i == 0 || (at(c, i - 1) != '\'' && at(c, i - 1) != '-'));
}

/* The folded Latin word ending just before i (after spaces), into w;
 * its start in *b. Returns its length (0: none). */
static size_t word_before(const struct pii_ctx *c, size_t i, uint32_t *w,
                          size_t *b)
{
	size_t e, s, n = 0;

	while (i > 0 && is_space(at(c, i - 1)))
		i--;
	e = i;
	s = e;
	while (s > 0 && (is_alpha(at(c, s - 1)) || at(c, s - 1) == '\''))
		s--;
	*b = s;
	for (size_t j = s; j < e && n < CTX_LETTER; j++)
		w[n++] = fold(at(c, j));
	return n;
}

static size_t word_after(const struct pii_ctx *c, size_t i, uint32_t *w)
{
	size_t n = 0, e;

	i = skip_spaces(c, i);
	e = safety_pii_word_end(c, i);
	for (size_t j = i; j < e && n < CTX_LETTER; j++)
		w[n++] = fold(at(c, j));
	return n;
}

/* Up to 3 code points before b (after one run of spaces), folded,
 * nearest last; and after e, nearest first. Digits become '0'. */
static uint32_t ctx_cp(uint32_t x)
{
	if (x >= '0' && x <= '9')
		return '0';
	if (is_space(x))
		return ' ';
	return fold(x);
}

static void near(struct pn_cand *k, const struct pii_found *v, size_t n,
                 size_t b, size_t e);

static void features(const struct pii_ctx *c, struct pn_cand *k, int lang,
                     const struct pii_found *v, size_t n)
{
	uint32_t buf[SPAN_CPS + 2], w1[CTX_LETTER], w2[CTX_LETTER * 2 + 1];
	size_t b = k->cb, e = k->ce, nw = 0, m, l1, l2, pb;
	unsigned first = 0, last = 0, all = ~0u, any = 0;
	char shape[MAX_WORDS * 2 + 2];
	size_t ns = 0;
	int kind;

	kind = safety_is_cjk(at(c, b))
	               ? K_CJK
	               : (is_upper(at(c, b)) ? K_LATIN_CAP : K_LATIN_LOWER);
	push(k, NS_BIAS, 0, 0, NULL, 0);
	push(k, NS_KIND, (uint32_t)kind, (uint32_t)k->rule, NULL, 0);
	push(k, NS_RULE, (uint32_t)k->rule, (uint32_t)lang, NULL, 0);
	push(k, NS_LANG, (uint32_t)lang, 0, NULL, 0);
	push(k, NS_LANG_KIND, (uint32_t)lang, (uint32_t)kind, NULL, 0);

	/* Words: shape and lists (Latin); length (CJK). */
	if (kind != K_CJK) {
		for (size_t i = b; i < e && nw < 8;) {
			size_t we;
			unsigned bits;

			if (!is_alpha(at(c, i))) {
				i++;
				continue;
			}
			we = safety_pii_word_end(c, i);
			bits = safety_pii_name_lists(c, i, we);
			if (nw == 0)
				first = bits;
			last = bits;
			all &= bits;
			any |= bits;
			if (ns + 1 < sizeof(shape)) {
				int up = is_upper(at(c, i)), allup = 1;

				for (size_t j = i; j < we; j++)
					allup &= is_upper(at(c, j)) != 0;
				shape[ns++] = allup && we - i > 1
				                      ? 'A'
				                      : (up ? 'X' : 'x');
			}
			nw++;
			i = we;
		}
		shape[ns] = 0;
		{
			uint32_t sh[sizeof(shape)] = {0};

			for (size_t i = 0; i < ns; i++)
				sh[i] = (uint32_t)shape[i];
			push(k, NS_SHAPE, (uint32_t)k->rule, 0, sh, ns);
		}
		push(k, NS_LIST_FIRST, first, (uint32_t)kind, NULL, 0);
		push(k, NS_LIST_LAST, last, 0, NULL, 0);
		push(k, NS_LIST_ALL, nw ? all : 0, any, NULL, 0);
		push(k, NS_WORDS, (uint32_t)(nw < 6 ? nw : 6), (uint32_t)kind,
		     NULL, 0);
	} else {
		push(k, NS_WORDS, (uint32_t)(e - b < 6 ? e - b : 6),
		     (uint32_t)kind, NULL, 0);
	}

	/* Position: the start of the text or a sentence. */
	{
		size_t i = b;
		uint32_t p;

		while (i > 0 && is_space(at(c, i - 1)))
			i--;
		p = i ? at(c, i - 1) : 0;
		push(k, NS_POS,
		     i == 0 ? 0
		     : (p == '.' || p == '!' || p == '?' || p == 0x3002 ||
		        p == 0xFF01 || p == 0xFF1F)
		             ? 1
		     : (p == ',' || p == 0xFF0C || p == 0x3001) ? 2
		     : (p == ':' || p == 0xFF1A)                ? 3
		                                                : 4,
		     (uint32_t)kind, NULL, 0);
		push(k, NS_POS, 10 + (e >= c->t->n), 0, NULL, 0);
	}

	/* Context words (Latin) and code points (any script). */
	l1 = word_before(c, b, w1, &pb);
	if (l1) {
		size_t pb2;
		uint32_t w0[CTX_LETTER];
		size_t l0 = word_before(c, pb, w0, &pb2);

		push(k, NS_LEFT_WORD, (uint32_t)kind, 0, w1, l1);
		memcpy(w2, w0, l0 * sizeof(*w0));
		w2[l0] = ' ';
		memcpy(w2 + l0 + 1, w1, l1 * sizeof(*w1));
		push(k, NS_LEFT_PAIR, 0, 0, w2, l0 + 1 + l1);
	}
	l2 = word_after(c, e, w1);
	if (l2)
		push(k, NS_RIGHT_WORD, (uint32_t)kind, 0, w1, l2);
	{
		uint32_t lc[3], rc[3];
		size_t nl = 0, nr = 0, i = b, j = e;

		while (nl < 3 && i > 0) {
			lc[2 - nl] = ctx_cp(at(c, i - 1));
			nl++;
			i--;
		}
		while (nr < 3 && j < c->t->n) {
			rc[nr++] = ctx_cp(at(c, j));
			j++;
		}
		for (size_t q = 1; q <= nl; q++)
			push(k, NS_LEFT_CP, (uint32_t)q, (uint32_t)kind,
			     lc + 3 - q, q);
		for (size_t q = 1; q <= nr; q++)
			push(k, NS_RIGHT_CP, (uint32_t)q, (uint32_t)kind, rc,
			     q);
	}

	/* The span folded, whole and as grams of 2-4 with its edges. */
	m = 0;
	buf[m++] = '^';
	for (size_t i = b; i < e && m < SPAN_CPS + 1; i++)
		buf[m++] = ctx_cp(at(c, i));
	buf[m++] = '$';
	push(k, NS_SPAN, 0, 0, buf + 1, m - 2);
	for (size_t i = 0; i < m; i++)
		for (size_t q = 2; q <= 4 && i + q <= m; q++)
			push(k, NS_GRAM, (uint32_t)q, 0, buf + i, q);

	/* Another finding just before or after: "Lan (0912...)". */
	{
		size_t lo = 0, hi = n;

		/* v is sorted and without overlaps: the first that ends
		 * near b or later. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (v[mid].ce + 6 < b)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n) /* v is NULL when there is no finding */
			near(k, v + lo, n - lo, b, e);
	}
}

static void near(struct pn_cand *k, const struct pii_found *v, size_t n,
                 size_t b, size_t e)
{
	for (size_t i = 0; i < n && v[i].cb <= e + 6; i++) {
		if (v[i].type == SAFETY_PII_NAME)
			continue;
		if (v[i].cb >= e && v[i].cb <= e + 6)
			push(k, NS_NEAR, 0, (uint32_t)v[i].type, NULL, 0);
		if (v[i].ce <= b && v[i].ce + 6 >= b)
			push(k, NS_NEAR, 1, (uint32_t)v[i].type, NULL, 0);
	}
}

struct cands {
	struct pn_cand *v;
	size_t n, cap, vi, rules;
	struct arena *a;
};

static int overlap(size_t b1, size_t e1, size_t b2, size_t e2)
{
	return b1 < e2 && b2 < e1;
}

/* Add [cb, ce): the rules' names first, then the others by position
 * (cb never decreasing), skipping those that overlap a finding. */
static void add(struct cands *s, const struct pii_found *v, size_t n, size_t cb,
                size_t ce, int rule)
{
	if (ce <= cb)
		return;
	if (!rule) {
		while (s->vi < n && v[s->vi].ce <= cb)
			s->vi++;
		for (size_t i = s->vi; i < n && v[i].cb < ce; i++)
			if (overlap(cb, ce, v[i].cb, v[i].ce))
				return;
		for (size_t i = s->n; i > s->rules && i + 4 > s->n; i--)
			if (s->v[i - 1].cb == cb && s->v[i - 1].ce == ce)
				return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct pn_cand *w = ARENA_ARRAY(s->a, struct pn_cand, cap);

		if (s->n)
			memcpy(w, s->v, s->n * sizeof(*w));
		s->v = w;
		s->cap = cap;
	}
	memset(&s->v[s->n], 0, sizeof(s->v[s->n]));
	s->v[s->n].cb = cb;
	s->v[s->n].ce = ce;
	s->v[s->n].rule = rule;
	s->n++;
	if (rule)
		s->rules = s->n;
}

/* Capitalised Latin runs at i: the longest (up to MAX_WORDS), and
 * without its first word when that one is ordinary ("Hi Anna Lee"). */
static void latin_caps(const struct pii_ctx *c, struct cands *s,
                       const struct pii_found *v, size_t n, size_t i)
{
	size_t j = i, end = 0, words = 0, second = 0;

	while (words < MAX_WORDS && is_upper(at(c, j))) {
		size_t e = safety_pii_word_end(c, j),
		       be = safety_pii_name_end(c, j, e);

		if (e == j)
			break;
		end = be;
		words++;
		if (words == 2)
			second = j;
		if (be != e || at(c, e) != ' ' || !is_upper(at(c, e + 1)))
			break;
		j = e + 1;
	}
	if (!words)
		return;
	add(s, v, n, i, end, 0);
	if (words > 1 &&
	    (safety_pii_name_lists(c, i, safety_pii_word_end(c, i)) &
	     PN_LIST_ORDINARY))
		add(s, v, n, second, end, 0);
}

/* Lowercase runs of two or more listed words starting with a Vietnamese
 * surname ("nguyen van an", as Vietnamese is often typed without capitals
 * or marks). Other lowercase words are left to the rules, which want a cue
 * before them ("my son mark"): many given names are ordinary words too
 * ("dark amber urine"). */
static void latin_lower(const struct pii_ctx *c, struct cands *s,
                        const struct pii_found *v, size_t n, size_t i)
{
	size_t j = i, end = 0, words = 0;

	while (words < MAX_WORDS && is_alpha(at(c, j)) && !is_upper(at(c, j))) {
		size_t e = safety_pii_word_end(c, j);
		unsigned bits = safety_pii_name_lists(c, j, e);

		if (e == j || (bits & PN_LIST_ORDINARY) || !bits ||
		    (words == 0 && !(bits & PN_LIST_VI_SUR)))
			break;
		end = e;
		words++;
		if (at(c, e) != ' ')
			break;
		j = e + 1;
	}
	if (words >= 2)
		add(s, v, n, i, end, 0);
}

size_t pn_candidates(const struct pii_ctx *c, const struct pii_found *v,
                     size_t n, struct pn_cand **out)
{
	struct cands s = {NULL, 0, 0, 0, 0, c->a};
	int lang = text_lang(c);

	for (size_t i = 0; i < n; i++)
		if (v[i].type == SAFETY_PII_NAME)
			add(&s, v, n, v[i].cb, v[i].ce, 1);
	for (size_t i = 0; i < c->t->n;) {
		uint32_t x = at(c, i);
		size_t sl;

		if (word_start(c, i)) {
			if (is_upper(x))
				latin_caps(c, &s, v, n, i);
			else
				latin_lower(c, &s, v, n, i);
			i = safety_pii_word_end(c, i);
			continue;
		}
		if (safety_is_cjk(x) && safety_pii_zh_surname(c, i, &sl))
			for (size_t l = sl + 1; l <= sl + 2; l++) {
				size_t q = i;

				while (q < i + l && safety_is_cjk(at(c, q)))
					q++;
				if (q == i + l)
					add(&s, v, n, i, i + l, 0);
			}
		i++;
	}
	for (size_t i = 0; i < s.n; i++)
		features(c, &s.v[i], lang, v, n);
	*out = s.v;
	return s.n;
}

double pn_score(const struct pn_model *m, const struct pn_cand *k)
{
	double z = m->bias;

	for (size_t i = 0; i < k->nf; i++)
		z += (double)m->w[k->f[i]] * m->w_scale;
	return 1.0 / (1.0 + exp(-z));
}

static int by_p(const void *x, const void *y)
{
	const struct pn_rank *a = x, *b = y;

	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	return a->j < b->j ? -1 : 1;
}

static int by_pos(const void *x, const void *y)
{
	const struct pii_found *a = x, *b = y;

	return a->cb < b->cb ? -1 : a->cb > b->cb;
}

size_t pn_decide(const struct pii_found *v, size_t n, const struct pn_cand *k,
                 const double *p, size_t nk, double t_keep, double t_add,
                 struct pn_scratch *w, struct pii_found *out)
{
	size_t m = 0, r = 0, na = 0, ncp = 0;

	/* The rules' names are k[0..) in the order of v. */
	for (size_t i = 0; i < n; i++) {
		int drop = 0;

		if (v[i].type == SAFETY_PII_NAME && r < nk && k[r].rule) {
			drop = k[r].cb == v[i].cb && k[r].ce == v[i].ce &&
			       p[r] < t_keep;
			r++;
		}
		if (!drop)
			out[m++] = v[i];
		if (v[i].ce > ncp)
			ncp = v[i].ce;
	}
	/* The model's own names, most probable first, where nothing kept
	 * lies. */
	for (size_t j = r; j < nk; j++) {
		if (p[j] >= t_add) {
			w->order[na].p = p[j];
			w->order[na].j = j;
			na++;
		}
		if (k[j].ce > ncp)
			ncp = k[j].ce;
	}
	if (na == 0)
		return m;
	memset(w->busy, 0, ncp);
	for (size_t i = 0; i < m; i++)
		memset(w->busy + out[i].cb, 1, out[i].ce - out[i].cb);
	qsort(w->order, na, sizeof(*w->order), by_p);
	for (size_t q = 0; q < na; q++) {
		const struct pn_cand *c = &k[w->order[q].j];
		int ok = 1;

		for (size_t i = c->cb; i < c->ce && ok; i++)
			ok = !w->busy[i];
		if (!ok)
			continue;
		memset(w->busy + c->cb, 1, c->ce - c->cb);
		out[m].type = SAFETY_PII_NAME;
		out[m].cb = c->cb;
		out[m].ce = c->ce;
		m++;
	}
	/* By position (the rules' part is, the model's not). */
	qsort(out, m, sizeof(*out), by_pos);
	return m;
}
