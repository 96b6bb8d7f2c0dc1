/* safety/pii_int.h: what the personal-data detectors share (pii.c,
 * pii_text.c): the scan context, character classes and keyword matching
 * over the normalised code points of safety/internal.h.
 */
#ifndef ASKDOC_SAFETY_PII_INT_H
#define ASKDOC_SAFETY_PII_INT_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/uchar.h>

#include "safety/internal.h"
#include "safety/pii.h"

struct arena;

struct pii_found {
	enum safety_pii_type type;
	size_t cb, ce; /* code point indices [cb, ce) */
};

/* One scan: the text and the findings so far (in the arena). */
struct pii_ctx {
	struct arena *a;
	const struct safety_text *t;
	struct pii_found *v;
	size_t n, cap;
};

static inline uint32_t at(const struct pii_ctx *c, size_t i)
{
	return i < c->t->n ? c->t->cp[i] : 0;
}

static inline int is_digit(uint32_t x)
{
	return x >= '0' && x <= '9';
}

static inline int is_alpha(uint32_t x)
{
	if (x < 0x80)
		return (x | 32) >= 'a' && (x | 32) <= 'z';
	return x != 0xFFFD && u_isalpha((UChar32)x) && !safety_is_cjk(x);
}

static inline int is_alnum(uint32_t x)
{
	return is_digit(x) || is_alpha(x);
}

static inline int is_upper(uint32_t x)
{
	return u_isupper((UChar32)x) || u_istitle((UChar32)x);
}

static inline int is_space(uint32_t x)
{
	return x == ' ' || x == '\t' || x == '\n' || x == '\r' || x == 0xA0;
}

/* Lowercase, accent-free form of a letter, for keyword comparison. */
static inline uint32_t fold(uint32_t x)
{
	if (x < 0x80)
		return (x >= 'A' && x <= 'Z') ? x + 32 : x;
	x = (uint32_t)u_tolower((UChar32)x);
	return safety_fold_latin(x);
}

static inline size_t skip_spaces(const struct pii_ctx *c, size_t i)
{
	while (is_space(at(c, i)))
		i++;
	return i;
}

/* Record a finding of code points [cb, ce) (nothing if empty). */
void safety_pii_add(struct pii_ctx *c, enum safety_pii_type type, size_t cb,
                    size_t ce);

/* Does keyword kw (UTF-8; ASCII letters compared folded, so "toi ten la"
 * matches "Tôi tên là"; a space matches one or more spaces) occur at i?
 * Returns the number of code points it covers, or 0. Latin keywords must
 * start and end at word boundaries. */
size_t safety_pii_kw_at(const struct pii_ctx *c, size_t i, const char *kw);

/* The first keyword of kws[0..n) at i, as safety_pii_kw_at, or 0. */
size_t safety_pii_kw_any(const struct pii_ctx *c, size_t i,
                         const char *const *kws, size_t n);

/* The end of the Latin word at i (letters, inner ' and -). */
size_t safety_pii_word_end(const struct pii_ctx *c, size_t i);

/* May what is at i follow a Chinese name (a particle such as 今年, 是,
 * punctuation, or anything not Han)? */
int safety_pii_zh_follows(const struct pii_ctx *c, size_t i);

/* The detectors of pii_text.c. */
void safety_pii_find_addresses(struct pii_ctx *c);
void safety_pii_find_names(struct pii_ctx *c);

/* The detectors of pii_name.c: names in the contexts of relatives,
 * greetings and sign-offs, read against the name lists of data/names/;
 * dates of birth, chat handles and record numbers after their cues. */
void safety_pii_names_init(void);
int safety_pii_zh_surname(const struct pii_ctx *c, size_t i, size_t *len);
void safety_pii_find_name_contexts(struct pii_ctx *c);
void safety_pii_find_births(struct pii_ctx *c);
void safety_pii_find_handles(struct pii_ctx *c);
void safety_pii_find_records(struct pii_ctx *c);
/* After every detector: names beside other findings (a Chinese name in
 * brackets after a name, a full name before an ID), and no name for the
 * district that ends an address. */
void safety_pii_names_post(struct pii_ctx *c);

/* Which name lists hold the folded Latin word [b, e): PN_LIST_* bits. */
enum {
	PN_LIST_EN_GIVEN = 1,
	PN_LIST_EN_SUR = 2,
	PN_LIST_VI_SUR = 4,
	PN_LIST_VI_GIVEN = 8,
	PN_LIST_ORDINARY = 16
};
unsigned safety_pii_name_lists(const struct pii_ctx *c, size_t b, size_t e);

/* The end of the Latin word [b, e) without a possessive "'s". */
size_t safety_pii_name_end(const struct pii_ctx *c, size_t b, size_t e);

/* ---- the statistical name layer (pii_name_feat.c) ----
 *
 * Candidates are spans the rules found as names and spans shaped like
 * names (capitalised Latin word runs, listed lowercase runs, a Chinese
 * surname and one or two characters). Each has hashed binary features
 * (the rules' view, list membership, cues before and after, position,
 * shape, character grams of the span and its context, the script). A
 * logistic model scores them (weights made at build time by
 * tools/pii_train.c into build/gen/pii_name_model.c). */
#define PN_DIM     (1u << 16)
#define PN_MAXFEAT 160

struct pn_cand {
	size_t cb, ce; /* code points */
	int rule;      /* the rules found this span as a name */
	uint32_t f[PN_MAXFEAT];
	size_t nf;
};

/* A model: weights w[PN_DIM] scaled by w_scale, bias; rule names whose
 * probability is below t_keep are dropped, candidates the rules did not
 * find are added from t_add. on = 0: the rules alone. */
struct pn_model {
	const int16_t *w;
	float w_scale, bias;
	float t_keep, t_add;
	int on;
};

/* The model built into the program (build/gen/pii_name_model.c). */
extern const struct pn_model pn_model;

/* The candidates of the text of c, given the rules' resolved findings
 * v[0..n) (code points), with their features; in c->a. */
size_t pn_candidates(const struct pii_ctx *c, const struct pii_found *v,
                     size_t n, struct pn_cand **out);

/* The probability of a candidate under m. */
double pn_score(const struct pn_model *m, const struct pn_cand *k);

/* Scratch room for pn_decide: order[nk], busy[one past the last code
 * point of any finding or candidate]. */
struct pn_rank {
	double p;
	size_t j;
};
struct pn_scratch {
	struct pn_rank *order;
	unsigned char *busy;
};

/* The findings after the decision: v[0..n) (the rules' resolved
 * findings, sorted) without the rule names scored below t_keep, plus the
 * other candidates from t_add that overlap nothing kept (most probable
 * first), sorted by position into out (room for n + nk). Returns their
 * number. k[] as from pn_candidates (the rules' names first). */
size_t pn_decide(const struct pii_found *v, size_t n, const struct pn_cand *k,
                 const double *p, size_t nk, double t_keep, double t_add,
                 struct pn_scratch *w, struct pii_found *out);

/* The rules' findings of text, resolved, in code points of *t (both in
 * a). Errors as safety_pii_find. */
int safety_pii_rules(struct arena *a, const char *text, struct safety_text *t,
                     struct pii_found **v, size_t *n);

/* safety_pii_find with model m (NULL: the rules alone). */
int safety_pii_find_with(struct arena *a, const char *text,
                         const struct pn_model *m, struct safety_pii **found,
                         size_t *n);

#endif
