/* search/index.c: the in-memory inverted index, BM25F and MaxScore top-k.
 *
 * Every term has one postings list over all four fields: an entry is the
 * docid delta (varint) and a byte of per-field term frequencies, about two
 * bytes per (term, document). Lists are append-only because docids only
 * grow; a skip table every SKIP_EVERY entries lets a cursor jump ahead.
 * Each document also keeps its forward list (the same entries keyed by
 * term), which gives exact df and length bookkeeping on removal and lets
 * compaction rebuild the postings without re-analysing any text.
 *
 * Scores are BM25F: per field, tf is normalised by the field's length
 * relative to its average, the fields are summed with their weights, and
 * the sum is saturated once (tf / (k1 + tf)) and multiplied by idf. The
 * saturation bounds a term's contribution by its weight, which is the
 * bound MaxScore needs: terms whose bounds together cannot lift a document
 * into the top k are only probed, never iterated.
 */
#include "search/internal.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

const double search_field_weight[NFIELDS] = {2.0, 1.0, 0.6, 2.5};
const double search_field_b[NFIELDS] = {0.5, 0.6, 0.75, 0.5};

/* Deleted documents are purged when they are this many and more than a
 * quarter of the live ones. */
#define COMPACT_MIN 1024

struct search_analyzer *search_index_analyzer(struct search_index *ix)
{
	return ix->an;
}

struct search_index *search_index_new(const struct search_options *opt)
{
	static const struct search_options defaults;
	struct search_index *ix;

	if (!opt)
		opt = &defaults;
	ix = xcalloc(1, sizeof(*ix));
	ix->an = search_analyzer_new(opt->stem_lang);
	if (!ix->an)
		goto fail;
	if (syn_load(&ix->syn, ix->an, opt->synonyms_path) < 0)
		goto fail;
	kb_load(&ix->kb, ix->an);
	ix->keep_text = !opt->no_text;
	/* The synonym table's words are the spelling list's medical
	 * words: phrases split at spaces and hyphens. */
	for (size_t i = 0; i < ix->syn.wlen;) {
		size_t j = i;

		while (j < ix->syn.wlen && ix->syn.words[j] &&
		       ix->syn.words[j] != ' ' && ix->syn.words[j] != '-')
			j++;
		spell_add(&ix->spell, ix->syn.words + i, j - i, 1);
		i = j + 1;
	}
	rank_init(ix);
	{
		/* Writers first: a steady stream of searches must not keep
		 * a publication out of the index (glibc prefers readers). */
		pthread_rwlockattr_t attr;

		pthread_rwlockattr_init(&attr);
#ifdef __GLIBC__
		pthread_rwlockattr_setkind_np(
		        &attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
		pthread_rwlock_init(&ix->lock, &attr);
		pthread_rwlockattr_destroy(&attr);
	}
	return ix;
fail:
	syn_free(&ix->syn);
	search_analyzer_free(ix->an);
	free(ix);
	return NULL;
}

static void plist_free(struct plist *pl)
{
	free(pl->p);
	free(pl->skip);
	free(pl->phr);
}

void search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	for (uint32_t d = 0; d < ix->ndocs; d++) {
		free(ix->docs[d].blob);
		free(ix->docs[d].fwd);
		free(ix->docs[d].phr);
	}
	free(ix->docs);
	umap_free(&ix->byid);
	for (uint32_t t = 0; t < ix->nterms; t++)
		plist_free(&ix->pl[t]);
	free(ix->pl);
	free(ix->tstr);
	smap_free(&ix->terms);
	for (uint32_t p = 0; p < ix->nph; p++) {
		free(ix->ph[p].terms);
		free(ix->ph[p].docs);
	}
	free(ix->ph);
	smap_free(&ix->phrase_map);
	for (uint32_t i = 0; i < ix->nfz; i++)
		free(ix->fz_lists[i]);
	free(ix->fz_lists);
	free(ix->fz_n);
	smap_free(&ix->fz_map);
	free(ix->dept_names);
	smap_free(&ix->dept_map);
	syn_free(&ix->syn);
	spell_free(&ix->spell);
	rank_free(ix);
	triage_free(&ix->tm);
	kb_free(&ix->kb);
	search_analyzer_free(ix->an);
	pthread_rwlock_destroy(&ix->lock);
	free(ix);
}

double ix_idf(const struct search_index *ix, uint32_t df)
{
	double n = ix->nlive;

	return log(1.0 + (n - df + 0.5) / (df + 0.5));
}

uint32_t ix_term(const struct search_index *ix, const char *t, size_t n)
{
	return smap_get(&ix->terms, t, n);
}

static uint32_t term_id(struct search_index *ix, const char *t, size_t n)
{
	const char *kept;
	uint32_t tid = smap_put(&ix->terms, t, n, ix->nterms, &kept);

	if (tid == ix->nterms) {
		if (ix->nterms == ix->capterms) {
			ix->capterms = ix->capterms ? ix->capterms * 2 : 1024;
			ix->pl = xrealloc(ix->pl,
			                  ix->capterms * sizeof(*ix->pl));
			ix->tstr = xrealloc(ix->tstr,
			                    ix->capterms * sizeof(*ix->tstr));
		}
		memset(&ix->pl[tid], 0, sizeof(ix->pl[tid]));
		ix->tstr[tid] = kept;
		ix->nterms++;
	}
	return tid;
}

static uint32_t dept_id(struct search_index *ix, const char *name)
{
	const char *kept;
	uint32_t id;

	if (!name || !*name)
		return UINT32_MAX;
	id = smap_put(&ix->dept_map, name, strlen(name), ix->ndept, &kept);
	if (id == ix->ndept) {
		ix->dept_names = xrealloc(ix->dept_names,
		                          (ix->ndept + 1) * sizeof(char *));
		ix->dept_names[ix->ndept++] = kept;
	}
	return id;
}

static void plist_append(struct plist *pl, uint32_t doc,
                         const uint32_t tf[NFIELDS])
{
	if (pl->npost % SKIP_EVERY == 0) {
		if (pl->nskip == pl->skipcap) {
			pl->skipcap = pl->skipcap ? pl->skipcap * 2 : 1;
			pl->skip = xrealloc(pl->skip,
			                    pl->skipcap * sizeof(*pl->skip));
		}
		pl->skip[pl->nskip].base = pl->npost ? pl->last : 0;
		pl->skip[pl->nskip].off = pl->len;
		pl->nskip++;
		if (!pl->npost)
			pl->last = 0;
	}
	if (pl->len + 5 + 1 + 5 * NFIELDS > pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 16;
		while (pl->len + 5 + 1 + 5 * NFIELDS > pl->cap)
			pl->cap *= 2;
		pl->p = xrealloc(pl->p, pl->cap);
	}
	put_varint(pl->p, &pl->len, doc - pl->last);
	put_tf(pl->p, &pl->len, tf);
	pl->last = doc;
	pl->npost++;
}

struct pair {
	uint32_t tid;
	uint8_t field;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return (int)x->field - (int)y->field;
}

static void add_pairs(struct search_index *ix, struct arena *a,
                      const char *text, int field, struct pair **v, size_t *n,
                      size_t *cap, uint32_t *flen)
{
	struct search_tokens toks;

	if (!text || !*text)
		return;
	search_analyze(ix->an, a, text, strlen(text), &toks);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];

		if (t->flags & SEARCH_TOK_STOP)
			continue;
		if (!(t->flags & SEARCH_TOK_VARIANT)) {
			(*flen)++;
			/* What readers see, they type: title and topic
			 * words make the spelling vocabulary. */
			if ((field == F_TITLE || field == F_TOPICS) &&
			    !(t->flags & (SEARCH_TOK_CJK | SEARCH_TOK_NUM)))
				spell_add(&ix->spell, text + t->start,
				          t->end - t->start, 1);
		}
		if (*n == *cap) {
			struct pair *nv;

			*cap = *cap ? *cap * 2 : 256;
			nv = arena_alloc(a, *cap * sizeof(*nv));
			if (*n)
				memcpy(nv, *v, *n * sizeof(*nv));
			*v = nv;
		}
		(*v)[*n].tid = term_id(ix, t->term, t->len);
		(*v)[*n].field = (uint8_t)field;
		(*n)++;
	}
}

/* Hash of the non-stop terms of a title, for exact-title matching. */
static uint64_t title_hash(struct search_index *ix, struct arena *a,
                           const char *title)
{
	struct search_tokens toks;
	uint64_t h = 0;
	int any = 0;

	if (!title)
		return 0;
	search_analyze(ix->an, a, title, strlen(title), &toks);
	for (size_t i = 0; i < toks.n; i++) {
		if (toks.v[i].flags & (SEARCH_TOK_STOP | SEARCH_TOK_VARIANT))
			continue;
		h = (h ^ search_hash(toks.v[i].term, toks.v[i].len)) *
		    0x9e3779b97f4a7c15ULL;
		any = 1;
	}
	return any ? (h ? h : 1) : 0;
}

/* Register the topic phrases of document d. */
static void add_phrases(struct search_index *ix, struct arena *a, uint32_t d,
                        const struct search_doc *doc)
{
	struct idoc *dd = &ix->docs[d];
	size_t n = doc->ntopics < 64 ? doc->ntopics : 64;

	dd->phr = n ? xmalloc(n * sizeof(uint32_t)) : NULL;
	for (size_t i = 0; i < n; i++) {
		struct search_tokens toks;
		uint32_t key[16], nk = 0, p;
		struct phrase *ph;

		if (!doc->topics[i])
			continue;
		search_analyze(ix->an, a, doc->topics[i],
		               strlen(doc->topics[i]), &toks);
		for (size_t k = 0; k < toks.n && nk < 16; k++)
			if (!(toks.v[k].flags &
			      (SEARCH_TOK_STOP | SEARCH_TOK_VARIANT)))
				key[nk++] = term_id(ix, toks.v[k].term,
				                    toks.v[k].len);
		if (!nk)
			continue;
		p = smap_put(&ix->phrase_map, (const char *)key,
		             nk * sizeof(uint32_t), ix->nph, NULL);
		if (p == ix->nph) {
			if (ix->nph == ix->capph) {
				ix->capph = ix->capph ? ix->capph * 2 : 256;
				ix->ph = xrealloc(ix->ph,
				                  ix->capph * sizeof(*ix->ph));
			}
			ph = &ix->ph[ix->nph++];
			memset(ph, 0, sizeof(*ph));
			ph->terms = xmalloc(nk * sizeof(uint32_t));
			memcpy(ph->terms, key, nk * sizeof(uint32_t));
			ph->nterms = nk;
			for (uint32_t k = 0; k < nk; k++) {
				struct plist *pl = &ix->pl[key[k]];
				int dup = 0;

				for (uint32_t j = 0; j < k; j++)
					dup |= key[j] == key[k];
				if (dup)
					continue;
				if (pl->nphr == pl->phrcap) {
					pl->phrcap =
					        pl->phrcap ? pl->phrcap * 2 : 2;
					pl->phr = xrealloc(
					        pl->phr,
					        pl->phrcap * sizeof(uint32_t));
				}
				pl->phr[pl->nphr++] = p;
				fz_add(ix, key[k]);
			}
		}
		ph = &ix->ph[p];
		{
			int dup = 0;

			for (uint32_t j = 0; j < dd->nphr; j++)
				dup |= dd->phr[j] == p;
			if (dup)
				continue;
		}
		if (ph->ndocs == ph->cap) {
			ph->cap = ph->cap ? ph->cap * 2 : 2;
			ph->docs =
			        xrealloc(ph->docs, ph->cap * sizeof(uint32_t));
		}
		ph->docs[ph->ndocs++] = d;
		ph->live++;
		dd->phr[dd->nphr++] = p;
	}
}

struct blob {
	char *p;
	uint32_t len, cap;
};

static void blob_add(struct blob *b, const char *s, uint32_t *off)
{
	size_t n = s ? strlen(s) : 0;

	*off = b->len;
	if (b->len + n + 1 > b->cap) {
		b->cap = (uint32_t)((b->len + n + 1) * 2);
		b->p = xrealloc(b->p, b->cap);
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->p[b->len + n] = 0;
	b->len += (uint32_t)(n + 1);
}

static void remove_locked(struct search_index *ix, uint32_t d)
{
	struct idoc *dd = &ix->docs[d];
	uint32_t pos = 0, tid = 0, tf[NFIELDS];

	triage_update(ix, d, -1);
	while (pos < dd->fwdlen) {
		tid += get_varint(dd->fwd, &pos);
		get_tf(dd->fwd, &pos, tf);
		ix->pl[tid].df--;
	}
	for (int f = 0; f < NFIELDS; f++)
		ix->flen_total[f] -= dd->flen[f];
	for (uint32_t i = 0; i < dd->nphr; i++)
		ix->ph[dd->phr[i]].live--;
	umap_del(&ix->byid, DOC_KEY(dd->kind, dd->id));
	ix->blob_bytes -= malloc_usable_size(dd->blob);
	ix->fwd_bytes -= dd->fwdlen;
	free(dd->blob);
	free(dd->fwd);
	free(dd->phr);
	dd->blob = NULL;
	dd->fwd = NULL;
	dd->phr = NULL;
	dd->fwdlen = dd->nphr = 0;
	dd->deleted = 1;
	ix->nlive--;
	ix->ndeleted++;
}

/* Renumber the live documents densely and rebuild every postings list
 * from the forward lists. */
static void compact(struct search_index *ix)
{
	uint32_t *map = xmalloc((ix->ndocs + 1) * sizeof(uint32_t));
	uint32_t n = 0;

	for (uint32_t d = 0; d < ix->ndocs; d++) {
		map[d] = ix->docs[d].deleted ? UINT32_MAX : n;
		if (!ix->docs[d].deleted)
			ix->docs[n++] = ix->docs[d];
	}
	ix->ndocs = n;
	ix->ndeleted = 0;
	for (uint32_t t = 0; t < ix->nterms; t++) {
		struct plist *pl = &ix->pl[t];

		free(pl->p);
		free(pl->skip);
		pl->p = NULL;
		pl->skip = NULL;
		pl->len = pl->cap = pl->npost = pl->last = 0;
		pl->nskip = pl->skipcap = 0;
	}
	umap_free(&ix->byid);
	for (uint32_t d = 0; d < n; d++) {
		struct idoc *dd = &ix->docs[d];
		uint32_t pos = 0, tid = 0, tf[NFIELDS];

		umap_put(&ix->byid, DOC_KEY(dd->kind, dd->id), d);
		while (pos < dd->fwdlen) {
			tid += get_varint(dd->fwd, &pos);
			get_tf(dd->fwd, &pos, tf);
			plist_append(&ix->pl[tid], d, tf);
		}
	}
	for (uint32_t p = 0; p < ix->nph; p++) {
		struct phrase *ph = &ix->ph[p];
		uint32_t k = 0;

		for (uint32_t i = 0; i < ph->ndocs; i++)
			if (map[ph->docs[i]] != UINT32_MAX)
				ph->docs[k++] = map[ph->docs[i]];
		ph->ndocs = k;
	}
	free(map);
}

int search_index_put(struct search_index *ix, const struct search_doc *doc)
{
	struct arena *a;
	struct pair *pairs = NULL;
	size_t np = 0, cap = 0;
	struct idoc *dd;
	uint32_t d, old, fwdcap;
	struct blob blob = {NULL, 0, 0};
	struct buf topics = BUF_INIT;
	int rc = 0;

	if (!doc || !doc->id || !search_kind_name(doc->kind)[0])
		return -EINVAL;
	a = arena_new();
	pthread_rwlock_wrlock(&ix->lock);
	old = umap_get(&ix->byid, DOC_KEY(doc->kind, doc->id));
	if (old != UINT32_MAX)
		remove_locked(ix, old);
	if (ix->ndocs == ix->capdocs) {
		ix->capdocs = ix->capdocs ? ix->capdocs * 2 : 1024;
		ix->docs = xrealloc(ix->docs, ix->capdocs * sizeof(*ix->docs));
	}
	d = ix->ndocs++;
	dd = &ix->docs[d];
	memset(dd, 0, sizeof(*dd));
	dd->id = doc->id;
	dd->date = doc->date;
	dd->kind = (uint8_t)doc->kind;
	dd->has_answer = doc->answer && *doc->answer;
	dd->qtype = rank_qtype(doc->question_type);
	if (!dd->qtype)
		dd->qtype = rank_infer_qtype(ix, a, doc->title);
	dd->dept = dept_id(ix, doc->department);

	add_pairs(ix, a, doc->title, F_TITLE, &pairs, &np, &cap,
	          &dd->flen[F_TITLE]);
	add_pairs(ix, a, doc->question, F_QUESTION, &pairs, &np, &cap,
	          &dd->flen[F_QUESTION]);
	add_pairs(ix, a, doc->answer, F_ANSWER, &pairs, &np, &cap,
	          &dd->flen[F_ANSWER]);
	for (size_t i = 0; i < doc->ntopics && i < 64; i++)
		add_pairs(ix, a, doc->topics[i], F_TOPICS, &pairs, &np, &cap,
		          &dd->flen[F_TOPICS]);
	if (np)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	fwdcap = (uint32_t)(np * (5 + 1 + 5) + 16);
	dd->fwd = xmalloc(fwdcap);
	for (size_t i = 0, j; i < np; i = j) {
		uint32_t tf[NFIELDS] = {0, 0, 0, 0}, prev;

		for (j = i; j < np && pairs[j].tid == pairs[i].tid; j++)
			tf[pairs[j].field]++;
		prev = i ? pairs[i - 1].tid : 0;
		put_varint(dd->fwd, &dd->fwdlen, pairs[i].tid - prev);
		put_tf(dd->fwd, &dd->fwdlen, tf);
		plist_append(&ix->pl[pairs[i].tid], d, tf);
		ix->pl[pairs[i].tid].df++;
	}
	dd->fwd = xrealloc(dd->fwd, dd->fwdlen ? dd->fwdlen : 1);
	ix->fwd_bytes += dd->fwdlen;
	for (int f = 0; f < NFIELDS; f++) {
		ix->flen_total[f] += dd->flen[f];
		dd->lq[f] = ix_len_code(dd->flen[f]);
	}
	dd->title_hash = title_hash(ix, a, doc->title);
	add_phrases(ix, a, d, doc);

	blob_add(&blob, doc->external_id, &dd->s_ext);
	blob_add(&blob, doc->title, &dd->s_title);
	blob_add(&blob, doc->department, &dd->s_dept);
	blob_add(&blob, doc->doctor, &dd->s_doctor);
	blob_add(&blob, doc->question_type, &dd->s_qtype);
	blob_add(&blob, doc->language, &dd->s_lang);
	for (size_t i = 0; i < doc->ntopics && i < 64; i++) {
		if (!doc->topics[i])
			continue;
		if (topics.len)
			buf_putc(&topics, '\x1f');
		buf_puts(&topics, doc->topics[i]);
	}
	blob_add(&blob, topics.p, &dd->s_topics);
	buf_free(&topics);
	if (ix->keep_text) {
		uint32_t at;

		blob_add(&blob, doc->question, &dd->s_text);
		at = blob.len;
		if (doc->answer && *doc->answer) {
			blob.p[at - 1] = '\n';
			blob_add(&blob, doc->answer, &at);
		}
	} else {
		blob_add(&blob, NULL, &dd->s_text);
	}
	dd->blob = blob.p;
	ix->blob_bytes += malloc_usable_size(dd->blob);
	umap_put(&ix->byid, DOC_KEY(doc->kind, doc->id), d);
	ix->nlive++;
	triage_update(ix, d, +1);
	ix->generation++;
	if (ix->ndeleted >= COMPACT_MIN && ix->ndeleted > ix->nlive / 4)
		compact(ix);
	pthread_rwlock_unlock(&ix->lock);
	arena_free(a);
	return rc;
}

int search_index_remove(struct search_index *ix, enum search_kind kind,
                        int64_t id)
{
	uint32_t d;
	int rc = 0;

	pthread_rwlock_wrlock(&ix->lock);
	d = umap_get(&ix->byid, DOC_KEY(kind, id));
	if (d == UINT32_MAX) {
		rc = -ENOENT;
		goto done;
	}
	remove_locked(ix, d);
	ix->generation++;
	if (ix->ndeleted >= COMPACT_MIN && ix->ndeleted > ix->nlive / 4)
		compact(ix);
done:
	pthread_rwlock_unlock(&ix->lock);
	return rc;
}

size_t search_index_count(struct search_index *ix)
{
	size_t n;

	pthread_rwlock_rdlock(&ix->lock);
	n = ix->nlive;
	pthread_rwlock_unlock(&ix->lock);
	return n;
}

double search_term_idf(struct search_index *ix, const char *term)
{
	uint32_t tid, df = 0;
	double idf;

	pthread_rwlock_rdlock(&ix->lock);
	tid = ix_term(ix, term, strlen(term));
	if (tid != UINT32_MAX)
		df = ix->pl[tid].df;
	idf = ix_idf(ix, df);
	pthread_rwlock_unlock(&ix->lock);
	return idf;
}

uint64_t search_index_generation(struct search_index *ix)
{
	uint64_t g;

	pthread_rwlock_rdlock(&ix->lock);
	g = ix->generation;
	pthread_rwlock_unlock(&ix->lock);
	return g;
}

size_t search_index_memory(struct search_index *ix)
{
	size_t m;

	pthread_rwlock_rdlock(&ix->lock);
	m = ix->capdocs * sizeof(struct idoc) + ix->blob_bytes + ix->fwd_bytes +
	    ix->capterms * (sizeof(struct plist) + 8) +
	    ix->terms.cap * sizeof(struct smap_entry) + ix->terms.pool_bytes +
	    ix->byid.cap * sizeof(struct umap_entry);
	for (uint32_t t = 0; t < ix->nterms; t++)
		m += ix->pl[t].cap + ix->pl[t].skipcap * sizeof(struct skip) +
		     ix->pl[t].phrcap * 4;
	for (uint32_t p = 0; p < ix->nph; p++)
		m += sizeof(struct phrase) + ix->ph[p].nterms * 4 +
		     ix->ph[p].cap * 4;
	pthread_rwlock_unlock(&ix->lock);
	return m;
}

int ix_filter(const struct search_index *ix, uint32_t d,
              const struct search_filter *f)
{
	const struct idoc *dd = &ix->docs[d];

	if (dd->deleted)
		return 0;
	if (!f)
		return 1;
	if (f->kinds && !(f->kinds & dd->kind))
		return 0;
	if (f->exclude_id && f->exclude_id == dd->id &&
	    f->exclude_kind == dd->kind)
		return 0;
	if (f->date_from && dd->date < f->date_from)
		return 0;
	if (f->date_to && dd->date > f->date_to)
		return 0;
	if (f->department && strcmp(f->department, DOC_STR(dd, s_dept)))
		return 0;
	if (f->doctor && strcmp(f->doctor, DOC_STR(dd, s_doctor)))
		return 0;
	if (f->topic) {
		const char *s = DOC_STR(dd, s_topics);
		size_t n = strlen(f->topic);

		for (;;) {
			const char *e = strchr(s, '\x1f');
			size_t len = e ? (size_t)(e - s) : strlen(s);

			if (len == n && strncasecmp(s, f->topic, n) == 0)
				break;
			if (!e)
				return 0;
			s = e + 1;
		}
	}
	return 1;
}

/* A cursor over one postings list. */
struct cursor {
	const struct plist *pl;
	uint32_t pos, i, doc, last;
	uint32_t tf[NFIELDS];
	double w;
};

#define END UINT32_MAX

static void cur_next(struct cursor *c)
{
	const struct plist *pl = c->pl;

	if (c->i >= pl->npost) {
		c->doc = END;
		return;
	}
	c->doc = c->last + get_varint(pl->p, &c->pos);
	c->last = c->doc;
	get_tf(pl->p, &c->pos, c->tf);
	c->i++;
}

static void cur_seek(struct cursor *c, uint32_t target)
{
	const struct plist *pl = c->pl;
	uint32_t b, nb;

	if (c->doc != END && c->doc >= target)
		return;
	/* c->i entries consumed: the current entry is in block (i-1)/64. */
	b = c->i ? (c->i - 1) / SKIP_EVERY : 0;
	nb = b;
	while (nb + 1 < pl->nskip && pl->skip[nb + 1].base < target)
		nb++;
	if (nb > b || c->i == 0) {
		c->pos = pl->skip[nb].off;
		c->last = pl->skip[nb].base;
		c->i = nb * SKIP_EVERY;
		if (nb == 0)
			c->last = 0;
	}
	do
		cur_next(c);
	while (c->doc != END && c->doc < target);
}

uint8_t ix_len_code(uint32_t len)
{
	double c = log2((double)len + 1) * 16;

	return c >= 255 ? 255 : (uint8_t)lround(c);
}

void ix_bm25_init(const struct search_index *ix, struct bm25 *b)
{
	for (int f = 0; f < NFIELDS; f++) {
		double avg =
		        ix->nlive ? (double)ix->flen_total[f] / ix->nlive : 1;

		if (avg < 1)
			avg = 1;
		for (int c = 0; c < 256; c++) {
			double len = exp2(c / 16.0) - 1;

			b->norm[f][c] =
			        (float)(search_field_weight[f] /
			                (1.0 - search_field_b[f] +
			                 search_field_b[f] * len / avg));
		}
	}
}

static inline double term_score(const struct bm25 *b, const struct idoc *dd,
                                const uint32_t tf[NFIELDS], double w)
{
	double x = 0;

	for (int f = 0; f < NFIELDS; f++)
		if (tf[f])
			x += tf[f] * (double)b->norm[f][dd->lq[f]];
	return w * x / (SEARCH_K1 + x);
}

double ix_score_doc(const struct search_index *ix, const struct bm25 *b,
                    const struct qterm *qt, size_t nq, uint32_t d)
{
	const struct idoc *dd = &ix->docs[d];
	double s = 0;
	uint32_t pos = 0, tid = 0, tf[NFIELDS];
	size_t i = 0;

	/* Merge the forward list with the query terms (both by term id). */
	while (pos < dd->fwdlen && i < nq) {
		tid += get_varint(dd->fwd, &pos);
		get_tf(dd->fwd, &pos, tf);
		while (i < nq && qt[i].tid < tid)
			i++;
		for (; i < nq && qt[i].tid == tid; i++)
			s += term_score(b, dd, tf, qt[i].w);
	}
	return s;
}

/* Min-heap of (score, id) on the worse end. */
static int worse(const struct search_index *ix, const struct scored *a,
                 const struct scored *b)
{
	if (a->score != b->score)
		return a->score < b->score;
	return DOC_KEY(ix->docs[a->doc].kind, ix->docs[a->doc].id) >
	       DOC_KEY(ix->docs[b->doc].kind, ix->docs[b->doc].id);
}

static void heap_push(const struct search_index *ix, struct scored *h,
                      size_t *n, size_t k, struct scored s)
{
	size_t i;

	if (*n < k) {
		i = (*n)++;
		while (i && worse(ix, &s, &h[(i - 1) / 2])) {
			h[i] = h[(i - 1) / 2];
			i = (i - 1) / 2;
		}
		h[i] = s;
		return;
	}
	if (!worse(ix, &h[0], &s))
		return;
	i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct scored *best = &s;

		if (l < k && worse(ix, &h[l], best))
			m = l, best = &h[l];
		if (r < k && worse(ix, &h[r], best))
			m = r;
		if (m == i)
			break;
		h[i] = h[m];
		i = m;
	}
	h[i] = s;
}

static int cmp_cursor_w(const void *a, const void *b)
{
	const struct cursor *x = a, *y = b;

	return x->w < y->w ? -1 : x->w > y->w;
}

size_t ix_topk(const struct search_index *ix, const struct bm25 *b,
               const struct qterm *qt, size_t nq, const struct search_filter *f,
               size_t k, struct scored *out)
{
	struct cursor cur[LIMIT_QUERY_TERMS];
	double ub[LIMIT_QUERY_TERMS + 1], theta = 0;
	size_t n = 0, nc = 0, ess = 0;

	if (!k)
		return 0;
	for (size_t i = 0; i < nq && nc < LIMIT_QUERY_TERMS; i++) {
		const struct plist *pl = &ix->pl[qt[i].tid];

		if (!pl->npost || qt[i].w <= 0)
			continue;
		memset(&cur[nc], 0, sizeof(cur[nc]));
		cur[nc].pl = pl;
		cur[nc].w = qt[i].w;
		cur_next(&cur[nc]);
		nc++;
	}
	if (!nc)
		return 0;
	/* Ascending bounds: cur[0..ess) are the non-essential terms. */
	qsort(cur, nc, sizeof(cur[0]), cmp_cursor_w);
	ub[0] = 0;
	for (size_t i = 0; i < nc; i++)
		ub[i + 1] = ub[i] + cur[i].w;
	for (;;) {
		uint32_t d = END;
		double s = 0;

		for (size_t i = ess; i < nc; i++)
			if (cur[i].doc < d)
				d = cur[i].doc;
		if (d == END)
			break;
		for (size_t i = ess; i < nc; i++)
			if (cur[i].doc == d) {
				s += term_score(b, &ix->docs[d], cur[i].tf,
				                cur[i].w);
				cur_next(&cur[i]);
			}
		/* Probe the non-essential terms, best bound first, while
		 * the document can still make it. */
		for (size_t i = ess; i-- > 0;) {
			if (n == k && s + ub[i + 1] < theta)
				break;
			cur_seek(&cur[i], d);
			if (cur[i].doc == d)
				s += term_score(b, &ix->docs[d], cur[i].tf,
				                cur[i].w);
		}
		if ((n < k || s >= theta) && ix_filter(ix, d, f)) {
			struct scored sc = {d, s};

			heap_push(ix, out, &n, k, sc);
			if (n == k) {
				theta = out[0].score;
				while (ess < nc && ub[ess + 1] < theta)
					ess++;
			}
		}
	}
	return n;
}

size_t ix_forward(const struct search_index *ix, struct arena *a, uint32_t d,
                  uint32_t **tids, uint32_t (**tf)[NFIELDS])
{
	const struct idoc *dd = &ix->docs[d];
	uint32_t pos = 0, tid = 0, n = 0;
	size_t cap = dd->fwdlen / 2 + 1;

	*tids = arena_alloc(a, cap * sizeof(uint32_t));
	*tf = arena_alloc(a, cap * sizeof(**tf));
	while (pos < dd->fwdlen) {
		tid += get_varint(dd->fwd, &pos);
		get_tf(dd->fwd, &pos, (*tf)[n]);
		(*tids)[n++] = tid;
	}
	return n;
}

void ix_hit(const struct search_index *ix, struct arena *a, uint32_t d,
            double score, struct search_hit *h)
{
	const struct idoc *dd = &ix->docs[d];
	char *topics;

	h->id = dd->id;
	h->kind = (enum search_kind)dd->kind;
	h->score = score;
	h->external_id = arena_strdup(a, DOC_STR(dd, s_ext));
	h->title = arena_strdup(a, DOC_STR(dd, s_title));
	h->department = arena_strdup(a, DOC_STR(dd, s_dept));
	h->doctor = arena_strdup(a, DOC_STR(dd, s_doctor));
	h->question_type = arena_strdup(a, DOC_STR(dd, s_qtype));
	h->language = arena_strdup(a, DOC_STR(dd, s_lang));
	h->date = dd->date;
	h->text = arena_strdup(a, DOC_STR(dd, s_text));
	topics = arena_strdup(a, DOC_STR(dd, s_topics));
	{
		/* "\x1f" separators become "; " for display. */
		size_t n = strlen(topics), extra = 0;
		char *out, *o;

		for (size_t i = 0; i < n; i++)
			extra += topics[i] == '\x1f';
		o = out = arena_alloc(a, n + extra + 1);
		for (size_t i = 0; i < n; i++) {
			if (topics[i] == '\x1f') {
				*o++ = ';';
				*o++ = ' ';
			} else {
				*o++ = topics[i];
			}
		}
		*o = 0;
		h->topics = out;
	}
}

enum search_kind search_kind_parse(const char *s)
{
	if (!s)
		return 0;
	if (!strcmp(s, "qa"))
		return SEARCH_KIND_QA;
	if (!strcmp(s, "faq"))
		return SEARCH_KIND_FAQ;
	if (!strcmp(s, "article"))
		return SEARCH_KIND_ARTICLE;
	return 0;
}

const char *search_kind_name(enum search_kind k)
{
	switch (k) {
	case SEARCH_KIND_QA: return "qa";
	case SEARCH_KIND_FAQ: return "faq";
	case SEARCH_KIND_ARTICLE: return "article";
	}
	return "";
}
