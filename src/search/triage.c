/* search/triage.c: department and topic suggestion for a new question.
 *
 * Two voters, combined. A multinomial naive Bayes model over the terms of
 * the title and question of every indexed document that has a department
 * (words, and character bigrams for Chinese), kept current with the index:
 * search_index_put and _remove count a document's forward list in or out,
 * so the model always equals one trained on the live documents. And a
 * nearest-neighbour vote: the departments of the answered questions most
 * like the new one. Class priors are flattened (square root) so that small
 * departments are not drowned by large ones; the result is a probability
 * per department. Topics come from the nearest neighbours' focus topics.
 */
#include "search/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

/* Additive smoothing of term counts. */
#define NB_ALPHA 0.05
/* Weight of the neighbour vote against the naive Bayes posterior. */
#define KNN_WEIGHT 0.35
#define KNN_K      20
/* Terms in fewer documents count in proportion (nb_evidence). */
#define NB_DF_FULL 5
/* Weight of a synonym expansion's term. */
#define NB_EXPAND 0.5

/* The department knowledge (concepts.c) speaks in log-odds: its evidence,
 * times KB_GAIN, is added to the log of the site's own probability (NB
 * and neighbours, floored at KB_FLOOR) and tempered by KB_BASE. Its gain
 * halves when departments hold KB_HALF answered questions on average, so
 * a site with plenty of its own answers learns mostly from them. A
 * department of Chinese medicine keeps KB_NO_TCM of its probability when
 * the question does not ask for that care. */
#define KB_GAIN   3.0
#define KB_HALF   40.0
#define KB_FLOOR  1e-3
#define KB_BASE   1.0
#define KB_NO_TCM 0.02

/* The model's rows live in tm->counts, one struct trow per term id. */
static struct trow *row(struct triage_model *tm, uint32_t tid)
{
	if (tid >= tm->cap) {
		uint32_t ncap = tm->cap ? tm->cap : 1024;

		while (ncap <= tid)
			ncap *= 2;
		tm->counts = xrealloc(tm->counts, ncap * sizeof(struct trow));
		memset(tm->counts + tm->cap, 0,
		       (ncap - tm->cap) * sizeof(struct trow));
		tm->cap = ncap;
	}
	return tm->counts + tid;
}

void triage_update(struct search_index *ix, uint32_t d, int sign)
{
	struct triage_model *tm = &ix->tm;
	const struct idoc *dd = &ix->docs[d];
	uint32_t pos = 0, tid = 0, tf[NFIELDS];

	if (dd->dept == UINT32_MAX)
		return;
	if (dd->dept >= tm->ndept_cap) {
		uint32_t ncap = tm->ndept_cap ? tm->ndept_cap * 2 : 16;

		while (ncap <= dd->dept)
			ncap *= 2;
		tm->dept_terms =
		        xrealloc(tm->dept_terms, ncap * sizeof(uint64_t));
		tm->dept_docs =
		        xrealloc(tm->dept_docs, ncap * sizeof(uint32_t));
		memset(tm->dept_terms + tm->ndept_cap, 0,
		       (ncap - tm->ndept_cap) * sizeof(uint64_t));
		memset(tm->dept_docs + tm->ndept_cap, 0,
		       (ncap - tm->ndept_cap) * sizeof(uint32_t));
		tm->ndept_cap = ncap;
	}
	tm->dept_docs[dd->dept] += (uint32_t)sign;
	while (pos < dd->fwdlen) {
		struct trow *r;
		uint32_t c, i;

		tid += get_varint(dd->fwd, &pos);
		get_tf(dd->fwd, &pos, tf);
		c = tf[F_TITLE] + tf[F_QUESTION];
		if (!c)
			continue;
		r = row(tm, tid);
		for (i = 0; i < r->n && r->v[i].dept != dd->dept; i++)
			;
		if (i == r->n) {
			if (sign < 0)
				continue; /* cannot happen: counted in */
			if (r->n == r->cap) {
				r->cap = r->cap ? r->cap * 2 : 2;
				r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
			}
			r->v[r->n].dept = dd->dept;
			r->v[r->n++].n = 0;
			if (r->n == 1)
				tm->nfeat++;
		}
		r->v[i].n += (uint32_t)sign * c;
		tm->dept_terms[dd->dept] += (uint64_t)((int64_t)sign * c);
		if (!r->v[i].n) {
			r->v[i] = r->v[--r->n];
			if (!r->n)
				tm->nfeat--;
		}
	}
}

void triage_free(struct triage_model *tm)
{
	for (uint32_t t = 0; t < tm->cap; t++)
		free((tm->counts)[t].v);
	free(tm->counts);
	free(tm->dept_terms);
	free(tm->dept_docs);
	memset(tm, 0, sizeof(*tm));
}

/* Add the naive Bayes evidence of term tid, weighted w, to lp[0..nd);
 * return the weight used (0 when the model has not seen the term). A
 * term seen in few documents is weak evidence however lopsided its
 * counts: a word that only the one Vietnamese question of a department
 * uses says which language was written, not what was asked. */
static double nb_evidence(const struct search_index *ix, uint32_t tid, double w,
                          uint32_t nd, double *lp)
{
	const struct triage_model *tm = &ix->tm;
	const struct trow *r;

	if (tid == UINT32_MAX || tid >= tm->cap)
		return 0;
	r = tm->counts + tid;
	if (!r->n)
		return 0;
	if (ix->pl[tid].df < NB_DF_FULL)
		w *= (double)ix->pl[tid].df / NB_DF_FULL;
	for (uint32_t d = 0; d < nd; d++) {
		uint32_t c = 0;

		if (!tm->dept_docs[d])
			continue;
		for (uint32_t k = 0; k < r->n; k++)
			if (r->v[k].dept == d)
				c = r->v[k].n;
		lp[d] += w * log((c + NB_ALPHA) /
		                 (tm->dept_terms[d] + NB_ALPHA * tm->nfeat));
	}
	return w;
}

struct dscore {
	uint32_t dept;
	double p;
};

static int cmp_dscore(const void *a, const void *b)
{
	const struct dscore *x = a, *y = b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return x->dept < y->dept ? -1 : x->dept > y->dept;
}

/* Combine the knowledge layer's evidence with ds[0..nd) (probabilities
 * summing to 1, indexed by department number). Caller holds the read
 * lock. */
static void kb_apply(struct search_index *ix, struct arena *a, const char *text,
                     size_t len, uint32_t nd, uint32_t ndocs, struct dscore *ds)
{
	const struct triage_kb *kb = &ix->kb;
	double ev[KB_KINDS], *add, gain, max = -INFINITY, sum = 0;
	uint32_t *dk, have = 0, nactive = 0;
	int asks_tcm;
	size_t found;

	if (!kb->nconcepts)
		return;
	found = kb_evidence(kb, ix->an, a, text, len, ev, &asks_tcm);
	dk = arena_zalloc(a, nd * sizeof(*dk));
	add = arena_zalloc(a, nd * sizeof(*add));
	for (uint32_t d = 0; d < nd; d++)
		if (ix->tm.dept_docs[d]) {
			dk[d] = kb_dept_kinds(kb, ix->an, a, ix->dept_names[d]);
			have |= dk[d];
			nactive++;
		}
	if (kb->tcm >= 0 && !asks_tcm)
		for (uint32_t d = 0; d < nd; d++)
			if (dk[d] & 1u << kb->tcm)
				ds[d].p *= KB_NO_TCM;
	gain = found ? KB_GAIN * KB_HALF /
	                       (KB_HALF +
	                        (double)ndocs / (nactive ? nactive : 1))
	             : 0;
	for (uint32_t k = 0; k < kb->nkinds && gain > 0; k++) {
		int t = (int)k;

		if (ev[k] == 0)
			continue;
		for (int hop = 0; t >= 0 && !(have & 1u << t) && hop < KB_KINDS;
		     hop++)
			t = kb->fallback[t];
		if (t < 0 || !(have & 1u << t))
			continue;
		for (uint32_t d = 0; d < nd; d++)
			if (dk[d] & 1u << t)
				add[d] += ev[k];
	}
	for (uint32_t d = 0; d < nd; d++) {
		add[d] = ds[d].p > 0 || add[d] > 0
		                 ? KB_BASE * log(ds[d].p + KB_FLOOR) +
		                           gain * add[d]
		                 : -INFINITY;
		if (add[d] > max)
			max = add[d];
	}
	for (uint32_t d = 0; d < nd; d++) {
		ds[d].p = isfinite(add[d]) ? exp(add[d] - max) : 0;
		sum += ds[d].p;
	}
	for (uint32_t d = 0; d < nd && sum > 0; d++)
		ds[d].p /= sum;
}

int search_triage(struct search_index *ix, struct arena *a, const char *text,
                  size_t max_departments, size_t max_topics,
                  struct search_triage *out)
{
	struct triage_model *tm = &ix->tm;
	struct search_tokens toks;
	struct search_results nn;
	struct dscore *ds = NULL;
	double *lp = NULL, max = -INFINITY, sum = 0, nused = 0;
	uint32_t nd = 0, ndocs = 0;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!text)
		return 0;
	len = strlen(text);
	/* At most a question's worth of bytes, whatever the script. */
	if (len > 4 * LIMIT_QUESTION_CHARS)
		len = 4 * LIMIT_QUESTION_CHARS;
	/* Neighbours first: search_similar_text takes the lock itself. */
	search_similar_text(ix, a, text, NULL, KNN_K, &nn);
	search_analyze(ix->an, a, text, len, &toks);
	pthread_rwlock_rdlock(&ix->lock);
	for (uint32_t d = 0; d < ix->ndept && d < tm->ndept_cap; d++)
		if (tm->dept_docs[d]) {
			nd = d + 1;
			ndocs += tm->dept_docs[d];
		}
	if (!ndocs)
		goto done;
	lp = arena_alloc(a, nd * sizeof(double));
	for (uint32_t d = 0; d < nd; d++)
		lp[d] = tm->dept_docs[d]
		                ? 0.5 * log((double)tm->dept_docs[d] / ndocs)
		                : -INFINITY;
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		uint32_t tid;

		if (t->flags & SEARCH_TOK_STOP)
			continue;
		tid = ix_term(ix, t->term, t->len);
		nused += nb_evidence(ix, tid, 1.0, nd, lp);
	}
	/* Words of another language reach the model through the synonym
	 * table (肝癌, ung thư gan -> liver cancer): the expansions are
	 * evidence too, so content, not script, sets the department. */
	{
		uint32_t *tids;
		int *own;
		size_t nq = rank_query_terms(ix, a, text, len, &tids, &own);

		for (size_t i = 0; i < nq; i++)
			if (!own[i])
				nused += nb_evidence(ix, tids[i], NB_EXPAND, nd,
				                     lp);
	}
	/* Naive Bayes counts every word as independent evidence and is far
	 * too sure of itself on long texts: temper by the evidence size. */
	for (uint32_t d = 0; d < nd; d++)
		lp[d] /= nused > 4 ? nused / 4.0 : 1.0;
	for (uint32_t d = 0; d < nd; d++)
		if (lp[d] > max)
			max = lp[d];
	ds = arena_alloc(a, nd * sizeof(*ds));
	for (uint32_t d = 0; d < nd; d++) {
		ds[d].dept = d;
		ds[d].p = isfinite(lp[d]) ? exp(lp[d] - max) : 0;
		sum += ds[d].p;
	}
	for (uint32_t d = 0; d < nd; d++)
		ds[d].p = (1 - KNN_WEIGHT) * ds[d].p / sum;
	/* The neighbours' vote, by rank. */
	{
		double wsum = 0;

		for (size_t i = 0; i < nn.n; i++)
			if (*nn.hits[i].department)
				wsum += 1.0 / (i + 2);
		for (size_t i = 0; i < nn.n && wsum > 0; i++) {
			uint32_t d =
			        smap_get(&ix->dept_map, nn.hits[i].department,
			                 strlen(nn.hits[i].department));

			if (d < nd)
				ds[d].p += KNN_WEIGHT / (i + 2) / wsum;
		}
		if (wsum == 0)
			for (uint32_t d = 0; d < nd; d++)
				ds[d].p /= 1 - KNN_WEIGHT;
	}
	kb_apply(ix, a, text, len, nd, ndocs, ds);
	qsort(ds, nd, sizeof(*ds), cmp_dscore);
	out->n = nd < max_departments ? nd : max_departments;
	out->departments =
	        arena_alloc(a, (out->n + 1) * sizeof(*out->departments));
	for (size_t i = 0; i < out->n; i++) {
		out->departments[i].name =
		        arena_strdup(a, ix->dept_names[ds[i].dept]);
		out->departments[i].confidence = ds[i].p;
	}
done:
	pthread_rwlock_unlock(&ix->lock);
	/* Topics: the neighbours' focus topics, most frequent first. */
	out->topics = arena_alloc(a, (max_topics + 1) * sizeof(char *));
	for (size_t i = 0; i < nn.n && out->ntopics < max_topics; i++) {
		const char *t = nn.hits[i].topics;
		const char *e = strstr(t, "; ");
		char *first =
		        arena_strndup(a, t, e ? (size_t)(e - t) : strlen(t));
		int dup = 0;

		if (!*first)
			continue;
		for (size_t k = 0; k < out->ntopics; k++)
			dup |= !strcmp(out->topics[k], first);
		if (!dup)
			out->topics[out->ntopics++] = first;
	}
	return 0;
}
