/* search/internal.h: the index's data structures, shared by the files of
 * search/ (index.c, rank.c, triage.c, snippet.c, synonyms.c).
 * Nothing outside search/ includes this header.
 *
 * Invariants (under the index's write lock):
 * - document numbers (docids) only grow; a replaced document gets a new
 *   docid and its old one is marked deleted, so postings stay sorted and
 *   are only ever appended to;
 * - df and the field length totals count live documents only, so scores
 *   after any sequence of puts and removes equal those of a rebuild;
 * - compaction renumbers live documents densely when deleted ones pile up.
 */
#ifndef ASKDOC_SEARCH_INTERNAL_H
#define ASKDOC_SEARCH_INTERNAL_H

#include <pthread.h>
#include <stdint.h>

#include "search/map.h"
#include "search/search.h"

enum { F_TITLE, F_QUESTION, F_ANSWER, F_TOPICS, NFIELDS };

/* Postings are blocks of SKIP_EVERY entries, each entry varint(docid
 * delta) then one byte holding 2 bits of term frequency per field (3 means
 * "3 + a varint that follows"). */
#define SKIP_EVERY 64

struct skip {
	uint32_t base; /* docid of the entry before the block (0 if none) */
	uint32_t off;  /* byte offset of the block */
};

struct plist {
	uint8_t *p;
	uint32_t len, cap;
	uint32_t npost; /* entries, deleted documents included */
	uint32_t df;    /* live documents */
	uint32_t last;  /* docid of the last entry */
	struct skip *skip;
	uint32_t nskip, skipcap;
	uint32_t *phr; /* topic phrases that contain this term */
	uint32_t nphr, phrcap;
};

struct idoc {
	int64_t id, date;
	char *blob; /* the strings below, one allocation */
	uint32_t s_ext, s_title, s_dept, s_doctor, s_qtype, s_topics, s_text;
	uint32_t s_lang;        /* BCP 47, "" when unknown */
	uint32_t flen[NFIELDS]; /* words per field */
	uint8_t *fwd;           /* forward entries: varint(tid delta), tf */
	uint32_t fwdlen;
	uint32_t *phr; /* topic phrases of the document */
	uint32_t nphr;
	uint32_t dept;       /* department number or UINT32_MAX */
	uint64_t title_hash; /* hash of the title's terms; 0 none */
	uint8_t lq[NFIELDS]; /* field lengths, log-quantised (len_code) */
	uint8_t kind, deleted, has_answer;
	uint8_t qtype; /* question type number (rank.c), 0 unknown */
};

#define DOC_STR(d, field) ((d)->blob + (d)->field)
/* The index's key of a document: kinds are small bit values. */
#define DOC_KEY(kind, id) ((int64_t)((uint64_t)(id) << 3 | (uint64_t)(kind)))

/* A topic phrase: one analyzed topic name ("hepatocellular carcinoma"). */
struct phrase {
	uint32_t *terms; /* term ids, stop words left out */
	uint32_t nterms;
	uint32_t *docs; /* docids carrying it (deleted ones possibly) */
	uint32_t ndocs, cap;
	uint32_t live; /* live documents carrying it */
};

/* One curated synonym group: phrases, each a list of analyzed terms. */
struct syn_group {
	char **terms; /* NUL-separated terms per phrase, "" ended */
	uint32_t nphrases;
};

struct syn_table {
	struct syn_group *groups;
	uint32_t ngroups;
	char *words; /* the table's words as written, NUL-separated */
	size_t wlen;
	struct smap index; /* phrase ("t1 t2") -> group number */
};

/* The spelling vocabulary (spell.c). */
struct spell {
	struct smap words; /* lower-case word -> word number */
	const char **w;    /* word number -> the map's copy */
	uint32_t *count;   /* documents (titles, topics) using it */
	uint32_t n, cap;
	struct smap dels; /* a word or one of its deletions -> list */
	uint32_t **lists; /* word numbers */
	uint32_t *nl;
	uint32_t nlists, caplists;
};

/* Naive Bayes counts per department, kept current with the documents. */
struct tcount {
	uint32_t dept;
	uint32_t n;
};

struct trow {
	struct tcount *v; /* departments in which the term occurs */
	uint32_t n, cap;
};

struct triage_model {
	struct trow *counts;  /* by term id */
	uint32_t nfeat, cap;  /* terms counted; rows allocated */
	uint32_t ndept_cap;   /* columns allocated per feature row */
	uint64_t *dept_terms; /* total feature count per department */
	uint32_t *dept_docs;  /* documents per department */
};

/* The department knowledge (concepts.c, data/triage-concepts.tsv). */
#define KB_KINDS 32

struct kb_term {
	char *key;      /* " t1 t2 " (Latin), "t1t2" (Chinese) */
	uint32_t owner; /* concept, or kind of an alias */
	uint8_t cjk, prefix, folded;
};

struct triage_kb {
	char *kinds[KB_KINDS];  /* "cardio", "gi", ... */
	int fallback[KB_KINDS]; /* kind taking a missing kind's evidence */
	uint32_t nkinds;
	int tcm, peds;           /* the special kinds, -1 if absent */
	struct kb_term *aliases; /* department names of each kind */
	uint32_t naliases;
	struct kb_term *terms; /* concept words */
	uint32_t nterms;
	float (*weights)[KB_KINDS]; /* per concept */
	uint32_t nconcepts;
	/* Rules "!KIND min kept...": with at least min evidence for KIND,
	 * the positive evidence of every kind but KIND and the kept ones
	 * is KIND's (a child's cough is Pediatrics'). In file order. */
	struct kb_rule {
		int kind;
		double min;
		uint32_t kept; /* bit set of kinds */
	} rules[8];
	uint32_t nrules;
};

struct search_index {
	pthread_rwlock_t lock;
	struct search_analyzer *an;
	int keep_text;

	struct idoc *docs;
	uint32_t ndocs, capdocs; /* docids handed out */
	uint32_t nlive, ndeleted;
	struct umap byid; /* DOC_KEY(kind, id) -> docid */

	struct smap terms; /* term -> term id */
	struct plist *pl;
	const char **tstr; /* term id -> term (the map's copy) */
	uint32_t nterms, capterms;
	uint64_t flen_total[NFIELDS];

	struct smap phrase_map; /* term ids (bytes) -> phrase number */
	struct phrase *ph;
	uint32_t nph, capph;

	/* Fuzzy lookup: each topic term (5+ letters) and its one-letter
	 * deletions, mapped to lists of term ids (SymSpell's idea). */
	struct smap fz_map;
	uint32_t **fz_lists;
	uint32_t *fz_n;
	uint32_t nfz, capfz;

	struct smap dept_map; /* department name -> number */
	const char **dept_names;
	uint32_t ndept;

	struct syn_table syn;
	struct spell spell;
	struct cue *cues; /* question-type cue phrases (rank.c) */
	size_t ncues;
	struct triage_model tm;
	struct triage_kb kb;
	size_t blob_bytes, fwd_bytes;
	uint64_t generation; /* bumped by every put and remove */
};

/* BM25F parameters: field weights and length normalisation. */
extern const double search_field_weight[NFIELDS];
extern const double search_field_b[NFIELDS];
#define SEARCH_K1 1.2

/* A query term for the first stage. */
struct qterm {
	uint32_t tid;
	double w; /* query weight times idf: the term's score bound */
};

struct scored {
	uint32_t doc;
	double score;
};

/* Per-query BM25F length normalisation: norm[f][c] is the weight of one
 * occurrence in field f of a document whose length code is c. Field
 * lengths are quantised to a byte on a log scale (as Lucene does), so the
 * table has 256 entries per field and scoring needs no division. */
struct bm25 {
	float norm[NFIELDS][256];
};

void ix_bm25_init(const struct search_index *ix, struct bm25 *b);
/* The length code of a field of len words. */
uint8_t ix_len_code(uint32_t len);

/* Inverse document frequency of a term with df live documents. */
double ix_idf(const struct search_index *ix, uint32_t df);
/* Look a term up; UINT32_MAX when the index has never seen it. */
uint32_t ix_term(const struct search_index *ix, const char *t, size_t n);
/* Whether live document d passes filter f (NULL passes). */
int ix_filter(const struct search_index *ix, uint32_t d,
              const struct search_filter *f);
/* BM25F top-k over the query terms with MaxScore; writes up to k results
 * (unsorted) into out and returns how many. Caller holds the read lock. */
size_t ix_topk(const struct search_index *ix, const struct bm25 *b,
               const struct qterm *qt, size_t nq, const struct search_filter *f,
               size_t k, struct scored *out);
/* BM25F score of document d for the query terms (random access); qt must
 * be sorted by term id. */
double ix_score_doc(const struct search_index *ix, const struct bm25 *b,
                    const struct qterm *qt, size_t nq, uint32_t d);
/* Decode document d's forward list into term ids and field tfs; returns
 * the number of distinct terms (arrays owned by a). */
size_t ix_forward(const struct search_index *ix, struct arena *a, uint32_t d,
                  uint32_t **tids, uint32_t (**tf)[NFIELDS]);
/* Copy document d into a hit. */
void ix_hit(const struct search_index *ix, struct arena *a, uint32_t d,
            double score, struct search_hit *h);

/* synonyms.c */
int syn_load(struct syn_table *st, struct search_analyzer *an,
             const char *path);
void syn_free(struct syn_table *st);
/* fuzzy: register a term; find the best correction of an unknown term. */
void fz_add(struct search_index *ix, uint32_t tid);
uint32_t fz_correct(const struct search_index *ix, const char *t, size_t n);

/* spell.c: add a word as written (count times); free the vocabulary. */
void spell_add(struct spell *sp, const char *s, size_t n, uint32_t count);
void spell_free(struct spell *sp);

/* rank.c: the question type of a library record ("treatment" -> number);
 * the cue table, built once per index; freed with rank_free. */
uint8_t rank_qtype(const char *name);
/* The question type a title asks (cue phrases), 0 if none shows. */
uint8_t rank_infer_qtype(struct search_index *ix, struct arena *a,
                         const char *title);
void rank_init(struct search_index *ix);
/* The terms a search for text uses: its own words (*own set), their
 * corrections and synonym expansions (*own 0), term ids in *tids. Caller
 * holds the read lock; arrays in a. */
size_t rank_query_terms(const struct search_index *ix, struct arena *a,
                        const char *text, size_t len, uint32_t **tids,
                        int **own);
void rank_free(struct search_index *ix);

/* triage.c: count a document's features in or out of the model. */
void triage_update(struct search_index *ix, uint32_t d, int sign);
void triage_free(struct triage_model *tm);

/* concepts.c: load the department knowledge (a missing table leaves it
 * empty); the evidence of a question per kind (kinds[KB_KINDS]), whether
 * it asks for Chinese medicine care, and the number of concepts found;
 * the kinds a department name is of (bit set). */
int kb_load(struct triage_kb *kb, struct search_analyzer *an);
void kb_free(struct triage_kb *kb);
size_t kb_evidence(const struct triage_kb *kb, struct search_analyzer *an,
                   struct arena *a, const char *text, size_t len, double *kinds,
                   int *asks_tcm);
uint32_t kb_dept_kinds(const struct triage_kb *kb, struct search_analyzer *an,
                       struct arena *a, const char *name);

/* varints */
static inline void put_varint(uint8_t *p, uint32_t *len, uint32_t v)
{
	while (v >= 0x80) {
		p[(*len)++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[(*len)++] = (uint8_t)v;
}

static inline uint32_t get_varint(const uint8_t *p, uint32_t *pos)
{
	uint32_t v = 0;
	int shift = 0;

	while (p[*pos] & 0x80) {
		v |= (uint32_t)(p[(*pos)++] & 0x7f) << shift;
		shift += 7;
	}
	v |= (uint32_t)p[(*pos)++] << shift;
	return v;
}

/* Field term frequencies: one byte of 2-bit counts, then a varint for
 * each field whose count is 3 or more. */
static inline void put_tf(uint8_t *p, uint32_t *len, const uint32_t tf[NFIELDS])
{
	uint8_t head = 0;
	uint32_t at = (*len)++;

	for (int f = 0; f < NFIELDS; f++)
		head |= (uint8_t)((tf[f] < 3 ? tf[f] : 3) << (2 * f));
	p[at] = head;
	for (int f = 0; f < NFIELDS; f++)
		if (tf[f] >= 3)
			put_varint(p, len, tf[f] - 3);
}

static inline void get_tf(const uint8_t *p, uint32_t *pos, uint32_t tf[NFIELDS])
{
	uint8_t head = p[(*pos)++];

	for (int f = 0; f < NFIELDS; f++) {
		tf[f] = (head >> (2 * f)) & 3;
		if (tf[f] == 3)
			tf[f] += get_varint(p, pos);
	}
}

#endif
