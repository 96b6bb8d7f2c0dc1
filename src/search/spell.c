/* search/spell.c: spelling correction of queries ("did you mean").
 *
 * The vocabulary is what readers see and type: the words of every
 * document's title and topic names, counted as documents are added, and
 * the words of the synonym table (the medical word list the index ships
 * with). Words are kept as typed, lower-cased, unstemmed, so a correction
 * can be shown and searched as it is. Each word is stored with its
 * one-letter deletions (SymSpell's neighbourhood, as fz_* does for topic
 * terms); a query word is looked up the same way and the candidates are
 * checked with the optimal-string-alignment distance: one edit for words
 * of up to six letters, two for longer ones.
 *
 * Only words in plain ASCII letters are corrected: Chinese has no
 * spelling in this sense, and a Vietnamese word without its tone marks
 * already finds its folded form.
 *
 * Counts only grow (a removed document's words stay): the vocabulary is a
 * list of words worth suggesting, not a statistic the ranking reads.
 */
#include "search/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

#define SP_MIN         4    /* shorter words are left alone */
#define SP_MAX         24   /* longer ones are not words a reader mistypes */
#define SP_RARE        3    /* a query word in fewer documents may be a typo */
#define SP_QUERY_BYTES 1000 /* longer text is a question, not a query */

_Static_assert(SP_MAX <= 32, "search_osa measures words of up to 32 bytes");

/* Lower-case an ASCII word into out; 0 unless it is letters only and of a
 * length worth correcting. */
static size_t sp_word(const char *s, size_t n, char *out)
{
	if (n < SP_MIN || n > SP_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalpha(c) || c >= 0x80)
			return 0;
		out[i] = (char)tolower(c);
	}
	out[n] = 0;
	return n;
}

static void sp_link(struct spell *sp, const char *key, size_t n, uint32_t w)
{
	uint32_t l = smap_put(&sp->dels, key, n, sp->nlists, NULL);

	if (l == sp->nlists) {
		if (sp->nlists == sp->caplists) {
			sp->caplists = sp->caplists ? sp->caplists * 2 : 1024;
			sp->lists = xrealloc(sp->lists,
			                     sp->caplists * sizeof(uint32_t *));
			sp->nl = xrealloc(sp->nl,
			                  sp->caplists * sizeof(uint32_t));
		}
		sp->lists[l] = NULL;
		sp->nl[l] = 0;
		sp->nlists++;
	}
	for (uint32_t i = 0; i < sp->nl[l]; i++)
		if (sp->lists[l][i] == w)
			return;
	sp->lists[l] =
	        xrealloc(sp->lists[l], (sp->nl[l] + 1) * sizeof(uint32_t));
	sp->lists[l][sp->nl[l]++] = w;
}

void spell_add(struct spell *sp, const char *s, size_t n, uint32_t count)
{
	char w[SP_MAX + 1], del[SP_MAX + 1];
	const char *kept;
	uint32_t id;

	if (!(n = sp_word(s, n, w)))
		return;
	id = smap_put(&sp->words, w, n, sp->n, &kept);
	if (id == sp->n) {
		if (sp->n == sp->cap) {
			sp->cap = sp->cap ? sp->cap * 2 : 1024;
			sp->w = xrealloc(sp->w, sp->cap * sizeof(char *));
			sp->count =
			        xrealloc(sp->count, sp->cap * sizeof(uint32_t));
		}
		sp->w[id] = kept;
		sp->count[id] = 0;
		sp->n++;
		sp_link(sp, w, n, id);
		for (size_t i = 0; i < n; i++) {
			memcpy(del, w, i);
			memcpy(del + i, w + i + 1, n - i - 1);
			sp_link(sp, del, n - 1, id);
		}
	}
	sp->count[id] += count;
}

void spell_free(struct spell *sp)
{
	for (uint32_t i = 0; i < sp->nlists; i++)
		free(sp->lists[i]);
	free(sp->lists);
	free(sp->nl);
	free(sp->w);
	free(sp->count);
	smap_free(&sp->words);
	smap_free(&sp->dels);
	memset(sp, 0, sizeof(*sp));
}

/* Whether word w (lower case) finds documents: its analysed term is in
 * the index. */
static uint32_t word_df(const struct search_index *ix, struct arena *a,
                        const char *w)
{
	struct search_tokens t;
	uint32_t tid;

	search_analyze(ix->an, a, w, strlen(w), &t);
	if (t.n != 1)
		return 0;
	tid = ix_term(ix, t.v[0].term, t.v[0].len);
	return tid == UINT32_MAX ? 0 : ix->pl[tid].df;
}

struct sp_cand {
	uint32_t w;
	int dist;
};

static int cmp_cand(const void *x, const void *y, const struct spell *sp)
{
	const struct sp_cand *a = x, *b = y;

	if (a->dist != b->dist)
		return a->dist - b->dist;
	if (sp->count[a->w] != sp->count[b->w])
		return sp->count[a->w] > sp->count[b->w] ? -1 : 1;
	return strcmp(sp->w[a->w], sp->w[b->w]);
}

/* The best correction of word w (n letters, lower case) that finds
 * documents, or NULL. mincount: the least count a correction needs. */
static const char *best(const struct search_index *ix, struct arena *a,
                        const char *w, size_t n, uint32_t mincount)
{
	const struct spell *sp = &ix->spell;
	struct sp_cand c[64];
	size_t nc = 0;
	int max = n >= 7 ? 2 : 1;
	char del[SP_MAX + 1];

	for (size_t i = 0; i <= n; i++) {
		uint32_t l;

		if (i == n) {
			l = smap_get(&sp->dels, w, n);
		} else {
			memcpy(del, w, i);
			memcpy(del + i, w + i + 1, n - i - 1);
			l = smap_get(&sp->dels, del, n - 1);
		}
		if (l == UINT32_MAX)
			continue;
		for (uint32_t k = 0; k < sp->nl[l] && nc < ARRAY_SIZE(c); k++) {
			uint32_t id = sp->lists[l][k];
			const char *s = sp->w[id];
			size_t sn = strlen(s);
			int dist, dup = 0;

			/* The first letter is rarely the one mistyped. */
			if (s[0] != w[0] || sp->count[id] < mincount)
				continue;
			for (size_t j = 0; j < nc; j++)
				dup |= c[j].w == id;
			if (dup)
				continue;
			dist = search_osa(w, n, s, sn, max);
			if (dist == 0 || dist > max)
				continue;
			c[nc].w = id;
			c[nc++].dist = dist;
		}
	}
	/* Few candidates: insertion sort with the index's order. */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0 && cmp_cand(&c[j], &c[j - 1], sp) < 0;
		     j--) {
			struct sp_cand t = c[j];

			c[j] = c[j - 1];
			c[j - 1] = t;
		}
	for (size_t i = 0; i < nc && i < 4; i++)
		if (word_df(ix, a, sp->w[c[i].w]))
			return sp->w[c[i].w];
	return NULL;
}

const char *search_spell(struct search_index *ix, struct arena *a,
                         const char *q)
{
	struct search_tokens toks;
	struct buf b = BUF_INIT;
	size_t last = 0, n;
	const char *r = NULL;
	int changed = 0;

	if (!q || !*q)
		return NULL;
	n = strlen(q);
	if (n > SP_QUERY_BYTES)
		return NULL;
	pthread_rwlock_rdlock(&ix->lock);
	search_analyze(ix->an, a, q, n, &toks);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		char w[SP_MAX + 1];
		size_t wn;
		uint32_t tid, df, known;
		const char *c;

		if (t->flags & (SEARCH_TOK_VARIANT | SEARCH_TOK_STOP |
		                SEARCH_TOK_CJK | SEARCH_TOK_NUM))
			continue;
		if (!(wn = sp_word(q + t->start, t->end - t->start, w)))
			continue;
		tid = ix_term(ix, t->term, t->len);
		df = tid == UINT32_MAX ? 0 : ix->pl[tid].df;
		if (df >= SP_RARE)
			continue;
		known = smap_get(&ix->spell.words, w, wn);
		if (known != UINT32_MAX && df)
			continue;
		/* A rare word is corrected only to a much commoner one. */
		c = best(ix, a, w, wn, df ? 20 * df : 1);
		if (!c)
			continue;
		buf_append(&b, q + last, t->start - last);
		if (isupper((unsigned char)q[t->start])) {
			buf_putc(&b, (char)toupper((unsigned char)c[0]));
			buf_puts(&b, c + 1);
		} else {
			buf_puts(&b, c);
		}
		last = t->end;
		changed = 1;
	}
	pthread_rwlock_unlock(&ix->lock);
	if (changed) {
		buf_append(&b, q + last, n - last);
		r = arena_strdup(a, b.p);
	}
	buf_free(&b);
	return r;
}
