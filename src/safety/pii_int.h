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

#endif
