/* search/rank.c: query understanding and re-ranking; search_query and the
 * Similar Q&A functions.
 *
 * A consumer question is long, misspelt and mixes background with the ask.
 * The query is read three ways:
 * - its words become BM25F terms, weighted by idf, repetition and position
 *   (people name what they ask about early); unknown words are corrected
 *   against the topic vocabulary, curated synonyms add their group;
 * - its focus: the topic names (diseases, drugs and their synonyms, as the
 *   library records carry them) whose words the question contains, scored
 *   by how much of the name it covers, weighted by idf;
 * - its type: cue phrases ("side effects", "how is it treated", "passed
 *   down", 症状, "điều trị") vote for question types (side effects,
 *   treatment, inheritance, ...).
 * The first-stage BM25F candidates and the documents of the focus topics
 * are then scored together: normalised BM25F, plus the focus match, plus
 * the type match of the document's question type. No rule names a
 * particular disease or question: the cue table is about how people ask.
 */
#include "search/internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

/* Question types of library records; 0 is "unknown". */
static const char *const qtype_names[] = {
        "",
        "information",
        "causes",
        "symptoms",
        "treatment",
        "exams and tests",
        "outlook",
        "prevention",
        "complications",
        "inheritance",
        "genetic changes",
        "frequency",
        "susceptibility",
        "research",
        "support groups",
        "when to contact a medical professional",
        "considerations",
        "side effects",
        "usage",
        "dose",
        "indication",
        "precautions",
        "important warning",
        "dietary",
        "forget a dose",
        "emergency or overdose",
        "storage and disposal",
        "brand names",
        "brand names of combination products",
        "other information",
        "interactions with medications",
        "interactions with foods",
        "interactions with herbs and supplements",
        "how effective is it",
        "how does it work",
        "stages",
        "how can i learn more",
        "severe reaction",
        "contraindication",
        "why get vaccinated",
};

#define NQTYPES ARRAY_SIZE(qtype_names)

uint8_t rank_qtype(const char *name)
{
	if (!name)
		return 0;
	for (size_t i = 1; i < NQTYPES; i++)
		if (!strcasecmp(name, qtype_names[i]))
			return (uint8_t)i;
	return 0;
}

/* How people ask for each type: '|' separates cue phrases, the types
 * line gives the types a cue votes for with their weights. */
static const struct cue_spec {
	const char *phrases;
	const char *types;
} cue_specs[] = {
        {"treat|treatment|treated|cure|cured|remedy|remedies|therapy|"
         "therapies|get rid of|what can be done|what can i do|manage|"
         "medicine for|medication for|help with|relief|治疗|怎么治|怎么办|"
         "吃什么药|điều trị|chữa",
         "treatment:1,considerations:0.5,research:0.2"},
        {"cause|causes|caused|why|reason|catch|contract|get it|trigger|"
         "risk factor|contribute|原因|为什么|引起|nguyên nhân",
         "causes:1,susceptibility:0.5,genetic changes:0.3"},
        {"symptom|symptoms|sign|signs|feel like|associated with|症状|表现|"
         "triệu chứng",
         "symptoms:1"},
        {"diagnose|diagnosis|diagnosed|test|tested|testing|detect|detected|"
         "scan|x ray|mri|ct|blood work|screening|exam|检查|诊断|chẩn đoán|"
         "xét nghiệm",
         "exams and tests:1"},
        {"inherit|inherited|hereditary|genetic|genetically|passed down|"
         "pass it on|run in family|runs in families|gene|chromosome|遗传|"
         "di truyền",
         "inheritance:1,genetic changes:0.8,causes:0.3"},
        {"prevent|prevention|avoid|reduce risk|vaccine|vaccination|shot|"
         "protect|预防|phòng ngừa|phòng bệnh",
         "prevention:1,why get vaccinated:0.8"},
        {"prognosis|outlook|life expectancy|survival|how long|get worse|"
         "gets worse|progress|progresses|success rate|recover|recovery|"
         "long term|预后|tiên lượng",
         "outlook:1,complications:0.4"},
        {"complication|complications|lead to|damage|并发症|biến chứng",
         "complications:1,outlook:0.3"},
        {"side effect|side effects|reaction|adverse|副作用|tác dụng phụ",
         "side effects:1,severe reaction:0.5,precautions:0.3"},
        {"dose|dosage|how much|how many mg|how to take|when to take|"
         "morning|evening|taper|stop taking|stop using|剂量|用量|怎么吃|liều",
         "usage:1,dose:0.8,important warning:0.3"},
        {"missed dose|forget|forgot|forget a dose", "forget a dose:1.2"},
        {"overdose|too much|poison|poisoning", "emergency or overdose:1"},
        {"store|storage|dispose|disposal|expire|expired|expiration|"
         "shelf life|stability",
         "storage and disposal:1"},
        {"interact|interaction|interactions|together|combine|mix|"
         "drug reaction",
         "interactions with medications:1,precautions:0.4"},
        {"safe|pregnant|pregnancy|breastfeeding|allergic|precaution|warning",
         "precautions:1,important warning:0.6"},
        {"used for|prescribed|indication|what is it for",
         "indication:1,usage:0.3"},
        {"brand|generic", "brand names:1"},
        {"how common|how many people|prevalence|rare|frequency", "frequency:1"},
        {"research|clinical trial|clinical trials|study|studies|new treatment",
         "research:1,treatment:0.3"},
        {"support group|support groups|organization|community",
         "support groups:1"},
        {"what is|information|learn about|tell me about|know about|define|"
         "definition|explain|什么是|là gì",
         "information:1"},
        {"see a doctor|see the doctor|see a specialist|what doctor|"
         "specialist|when to call|emergency",
         "when to contact a medical professional:1"},
        {"diet|dietary|food|foods|eat|eating|gluten|drink", "dietary:1"},
        {"what to do for|what to do", "considerations:1,treatment:0.5"},
        {"genetic change|genetic changes|mutation|mutations",
         "genetic changes:1.2,inheritance:0.6"},
        {"at risk|who gets|risk", "susceptibility:1,causes:0.4"},
        {"find support|support for", "support groups:1"},
        {"important warning", "important warning:1.3"},
        {"emergency or overdose", "emergency or overdose:1.3"},
        {"other information", "other information:1.1"},
        {"stage|stages", "stages:1"},
        {"how does it work|mechanism|how it works", "how does it work:1"},
};

struct cue {
	char **terms; /* the phrase's terms, stop words included */
	uint32_t n;
	uint8_t types[4];
	float weights[4];
	uint32_t ntypes;
};

void rank_init(struct search_index *ix)
{
	struct arena *a = arena_new();

	for (size_t s = 0; s < ARRAY_SIZE(cue_specs); s++) {
		const char *p = cue_specs[s].phrases;
		struct cue proto;
		const char *t = cue_specs[s].types;

		memset(&proto, 0, sizeof(proto));
		while (*t && proto.ntypes < 4) {
			const char *colon = strchr(t, ':');
			char name[64];
			size_t n = (size_t)(colon - t);

			memcpy(name, t, n);
			name[n] = 0;
			proto.types[proto.ntypes] = rank_qtype(name);
			proto.weights[proto.ntypes++] =
			        (float)strtod(colon + 1, (char **)&t);
			if (*t == ',')
				t++;
		}
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			struct search_tokens toks;
			struct cue *c;

			search_analyze(ix->an, a, p, n, &toks);
			ix->cues = xrealloc(
			        ix->cues, (ix->ncues + 1) * sizeof(*ix->cues));
			c = &ix->cues[ix->ncues++];
			*c = proto;
			c->terms = xcalloc(toks.n ? toks.n : 1, sizeof(char *));
			for (size_t i = 0; i < toks.n; i++)
				if (!(toks.v[i].flags & SEARCH_TOK_VARIANT))
					c->terms[c->n++] =
					        xstrdup(toks.v[i].term);
			p += n;
			if (*p == '|')
				p++;
		}
	}
	arena_free(a);
}

void rank_free(struct search_index *ix)
{
	for (size_t i = 0; i < ix->ncues; i++) {
		for (uint32_t k = 0; k < ix->cues[i].n; k++)
			free(ix->cues[i].terms[k]);
		free(ix->cues[i].terms);
	}
	free(ix->cues);
	ix->cues = NULL;
	ix->ncues = 0;
}

/* Ranking weights (see the file comment). */
#define W_FOCUS 1.0  /* a fully named, specific topic */
#define W_TYPE  0.45 /* the document answers the asked type */
/* Similar questions: the type weighs less. Chosen on the training part
 * of the RQE pairs (bench/similar_eval.py --part train: top-1 0.871 at
 * 0.45, 0.894 at 0.22, 0.893 at 0.135 and 0.07): a question's words say
 * what it asks better than the cue table's guess of its type does. */
#define W_TYPE_SIMILAR 0.22
#define W_ANSWER       0.04 /* the document has answer text */
/* Similar questions, second stage (similar_rerank): a question that asks
 * the same thing holds few words the new question lacks. Chosen on the
 * training parts (bench/similar_eval.py and bench/similar_types_eval.py
 * --part train): hard top-1 0.874 -> 0.911, alike from 0.6 to 2.5.
 * Votes of the cue table on each title (agreeing or not with the asked
 * type) added 0.002 at 0.1 and cost 4 ms a query; alone (0.3/0.2, no
 * cover) they lowered it to 0.854: their guesses are weaker than the
 * words. */
#define W_COVER     1.0  /* idf share of the title's ask words in the query */
#define SIM_RERANK  60   /* best results re-ranked so */
#define W_TITLE     3.0  /* the query is exactly the title */
#define W_EXPAND    0.5  /* synonym expansion terms */
#define W_FUZZY     0.8  /* corrected misspellings */
#define W_FOCUS_SYN 0.6  /* a topic word the query has only as a synonym */
#define W_FOLDED    0.3  /* a word with tone marks matched without them */
#define W_TWORDS    0.6  /* a short query's words all in the title */
#define W_TPHRASE   0.25 /* ... next to each other, in order */
#define TITLE_QUERY 6    /* words of a query that may be a title */
#define TITLE_CHECK 40   /* best results whose titles are compared */
#define FIRST_STAGE 50   /* BM25F candidates to re-rank */
#define FIRST_TERMS 8    /* strongest query terms the first stage uses */
#define COMMON      20   /* a word in 1/COMMON of the documents is common */
#define FOCUS_DOCS  600  /* focus documents re-ranked at most */
#define PHRASE_SCAN 5000 /* terms in more phrases than this seed none */

#define QPOS_SURE   (-2)

/* The analysed query. */
struct query {
	struct qterm *qt; /* sorted by term id, merged */
	long *qpos;       /* first word position of each; -1 expanded, QPOS_SURE
	                   * expanded from a name matched whole */
	size_t nq;
	const char **words; /* every primary token, stop words included */
	uint32_t *wtid;     /* their term ids (UINT32_MAX unknown) */
	size_t nwords;
	size_t nraw; /* words that are not stop words, known or not */
	double types[NQTYPES];
	int typed; /* a cue matched */
	uint64_t title_hash;
	struct search_terms hl;
};

struct cand {
	uint32_t doc;
	double bm25, focus;
};

static int cmp_qterm_tid(const void *a, const void *b)
{
	const struct qterm *x = a, *y = b;

	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static int cmp_qterm_w(const void *a, const void *b)
{
	const struct qterm *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

static void add_qterm(struct query *q, size_t *cap, struct arena *a,
                      uint32_t tid, double w)
{
	for (size_t i = 0; i < q->nq; i++)
		if (q->qt[i].tid == tid) {
			q->qt[i].w += w;
			return;
		}
	if (q->nq == *cap) {
		struct qterm *nv;

		*cap = *cap ? *cap * 2 : 64;
		nv = arena_alloc(a, *cap * sizeof(*nv));
		if (q->nq)
			memcpy(nv, q->qt, q->nq * sizeof(*nv));
		q->qt = nv;
	}
	q->qt[q->nq].tid = tid;
	q->qt[q->nq++].w = w;
}

static void add_hl(struct query *q, struct arena *a, const char *t)
{
	for (size_t i = 0; i < q->hl.n; i++)
		if (!strcmp(q->hl.v[i], t))
			return;
	if ((q->hl.n & (q->hl.n - 1)) == 0) {
		const char **nv = arena_alloc(a, (q->hl.n ? q->hl.n * 2 : 1) *
		                                         sizeof(char *));

		if (q->hl.n)
			memcpy(nv, q->hl.v, q->hl.n * sizeof(char *));
		q->hl.v = nv;
	}
	q->hl.v[q->hl.n++] = arena_strdup(a, t);
}

/* Position weight: what is named first is usually what is asked about. */
static double pos_weight(uint32_t pos)
{
	return 1.0 + 0.6 / (1.0 + pos / 8.0);
}

/* Cue votes of a word sequence into types[NQTYPES]; returns 1 if any. */
static int cue_votes(const struct search_index *ix, const char *const *w,
                     size_t nw, double *types)
{
	int any = 0;

	memset(types, 0, NQTYPES * sizeof(double));
	for (size_t c = 0; c < ix->ncues; c++) {
		const struct cue *cu = &ix->cues[c];

		if (!cu->n)
			continue;
		for (size_t i = 0; i + cu->n <= nw; i++) {
			uint32_t k;

			for (k = 0; k < cu->n; k++)
				if (strcmp(w[i + k], cu->terms[k]))
					break;
			if (k < cu->n)
				continue;
			for (uint32_t t = 0; t < cu->ntypes; t++)
				if (types[cu->types[t]] < cu->weights[t])
					types[cu->types[t]] = cu->weights[t];
			any = 1;
			break;
		}
	}
	return any;
}

static void detect_types(const struct search_index *ix, struct query *q)
{
	q->typed = cue_votes(ix, q->words, q->nwords, q->types);
	for (size_t t = 0; t < NQTYPES; t++)
		if (q->types[t] > 1)
			q->types[t] = 1;
	if (!q->typed)
		q->types[rank_qtype("information")] = 1;
}

uint8_t rank_infer_qtype(struct search_index *ix, struct arena *a,
                         const char *title)
{
	struct search_tokens toks;
	double types[NQTYPES];
	const char **w;
	size_t nw = 0, best = 0;
	uint8_t info = rank_qtype("information");

	if (!title)
		return 0;
	search_analyze(ix->an, a, title, strlen(title), &toks);
	w = arena_alloc(a, (toks.n + 1) * sizeof(char *));
	for (size_t i = 0; i < toks.n; i++)
		if (!(toks.v[i].flags & SEARCH_TOK_VARIANT))
			w[nw++] = toks.v[i].term;
	if (!cue_votes(ix, w, nw, types))
		return 0;
	/* "What is" is in most questions: information only when nothing
	 * more specific is asked. */
	for (size_t t = 1; t < NQTYPES; t++)
		if (t != info && types[t] > types[best])
			best = t;
	if (!best || types[best] == 0)
		return types[info] > 0 ? info : 0;
	return (uint8_t)best;
}

/* Index of tid in q->qt, or -1. */
static long qfind(const struct query *q, uint32_t tid)
{
	size_t lo = 0, hi = q->nq;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (q->qt[mid].tid == tid)
			return (long)mid;
		if (q->qt[mid].tid < tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Analyse q into terms, synonyms, corrections and types. */
static void parse_query(const struct search_index *ix, struct arena *a,
                        const char *text, size_t len, struct query *q)
{
	struct search_tokens toks;
	size_t cap = 0, nprim = 0;
	uint32_t *prim;   /* term ids of primary non-stop words, in order */
	const char **raw; /* the same words, known to the index or not */
	size_t nraw = 0, nfold = 0, nsure = 0;
	uint32_t sure[64]; /* expansions of names matched whole */
	int whole;
	struct {
		size_t raw, word;
		uint32_t tid;
		double w;
	} * fold;      /* words found only without their tone marks */
	char *covered; /* raw words inside a synonym phrase */
	uint64_t th = 0;
	int any = 0;

	memset(q, 0, sizeof(*q));
	search_analyze(ix->an, a, text, len, &toks);
	q->words = arena_alloc(a, (toks.n + 1) * sizeof(char *));
	q->wtid = arena_alloc(a, (toks.n + 1) * sizeof(uint32_t));
	prim = arena_alloc(a, (toks.n + 1) * sizeof(uint32_t));
	raw = arena_alloc(a, (toks.n + 1) * sizeof(char *));
	fold = arena_alloc(a, (toks.n + 1) * sizeof(*fold));
	covered = arena_alloc(a, toks.n + 1);
	memset(covered, 0, toks.n + 1);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		uint32_t tid;
		double w;

		if (t->flags & SEARCH_TOK_VARIANT)
			continue;
		q->words[q->nwords] = t->term;
		q->wtid[q->nwords++] = UINT32_MAX;
		if (t->flags & SEARCH_TOK_STOP)
			continue;
		th = (th ^ search_hash(t->term, t->len)) *
		     0x9e3779b97f4a7c15ULL;
		raw[nraw++] = t->term;
		any = 1;
		tid = ix_term(ix, t->term, t->len);
		w = pos_weight(t->pos);
		/* Unknown with diacritics: try the folded form, as a weak
		 * fallback: "thư" (letter, cancer) is not "thứ" (order). */
		if ((tid == UINT32_MAX || !ix->pl[tid].df) && i + 1 < toks.n &&
		    (toks.v[i + 1].flags & SEARCH_TOK_VARIANT)) {
			tid = ix_term(ix, toks.v[i + 1].term,
			              toks.v[i + 1].len);
			if (!(toks.v[i + 1].flags & SEARCH_TOK_BIGRAM) &&
			    tid != UINT32_MAX && ix->pl[tid].df) {
				/* Decided after the synonyms: a word of a
				 * phrase they know is left to them. */
				fold[nfold].raw = nraw - 1;
				fold[nfold].word = q->nwords - 1;
				fold[nfold].tid = tid;
				fold[nfold++].w = w * W_FOLDED;
				continue;
			}
		}
		if (tid == UINT32_MAX || ix->pl[tid].df < 2) {
			uint32_t c = fz_correct(ix, t->term, t->len);

			if (c != UINT32_MAX &&
			    (tid == UINT32_MAX ||
			     ix->pl[c].df >= 20 * (ix->pl[tid].df + 1))) {
				tid = c;
				w *= W_FUZZY;
			}
		}
		if (tid == UINT32_MAX || !ix->pl[tid].df)
			continue;
		q->wtid[q->nwords - 1] = tid;
		prim[nprim++] = tid;
		add_hl(q, a, ix->tstr[tid]);
		/* Repetition adds less each time: w, w/2, w/3, ... */
		{
			size_t cnt = 0;

			for (size_t k = 0; k < nprim; k++)
				cnt += prim[k] == tid;
			w /= (double)cnt;
		}
		add_qterm(q, &cap, a, tid, w * ix_idf(ix, ix->pl[tid].df));
	}
	q->title_hash = any ? (th ? th : 1) : 0;
	q->nraw = nraw;

	/* Curated synonyms: every n-gram of the primary words. */
	for (size_t i = 0; i < nraw && ix->syn.ngroups; i++) {
		char key[4 * (SEARCH_TERM_MAX + 1)];
		size_t kl = 0;

		for (size_t n = 0; n < 4 && i + n < nraw; n++) {
			const char *t = raw[i + n];
			size_t tl = strlen(t);
			uint32_t g;

			if (n)
				key[kl++] = ' ';
			memcpy(key + kl, t, tl);
			kl += tl;
			g = smap_get(&ix->syn.index, key, kl);
			if (g == UINT32_MAX)
				continue;
			memset(covered + i, 1, n + 1);
			/* A name of several words (or a Chinese compound)
			 * matched whole: its synonyms name the same thing. */
			whole = n > 0 || ((unsigned char)raw[i][0] >= 0xe3 &&
			                  (unsigned char)raw[i][0] <= 0xe9);
			for (uint32_t p = 0; p < ix->syn.groups[g].nphrases;
			     p++) {
				char *ph = ix->syn.groups[g].terms[p];
				size_t nt = 1;

				for (char *s = ph; *s; s++)
					nt += *s == ' ';
				for (char *s = ph; *s;) {
					char *e = strchr(s, ' ');
					size_t l =
					        e ? (size_t)(e - s) : strlen(s);
					uint32_t tid = ix_term(ix, s, l);

					if (tid != UINT32_MAX &&
					    ix->pl[tid].df) {
						if (whole)
							sure[nsure++ & 63] =
							        tid;
						add_qterm(
						        q, &cap, a, tid,
						        W_EXPAND / nt *
						                ix_idf(ix,
						                       ix->pl[tid]
						                               .df));
						add_hl(q, a, ix->tstr[tid]);
					}
					s += l;
					if (*s)
						s++;
				}
			}
		}
	}
	for (size_t i = 0; i < nfold; i++) {
		uint32_t tid = fold[i].tid;

		if (covered[fold[i].raw])
			continue;
		q->wtid[fold[i].word] = tid;
		add_hl(q, a, ix->tstr[tid]);
		add_qterm(q, &cap, a, tid,
		          fold[i].w * ix_idf(ix, ix->pl[tid].df));
	}
	/* Keep the strongest terms, then order by term id. */
	if (q->nq > LIMIT_QUERY_TERMS) {
		qsort(q->qt, q->nq, sizeof(*q->qt), cmp_qterm_w);
		q->nq = LIMIT_QUERY_TERMS;
	}
	if (q->nq)
		qsort(q->qt, q->nq, sizeof(*q->qt), cmp_qterm_tid);
	/* First positions, counted over the known words. */
	q->qpos = arena_alloc(a, (q->nq + 1) * sizeof(long));
	for (size_t i = 0; i < q->nq; i++)
		q->qpos[i] = -1;
	for (size_t i = 0, pos = 0; i < q->nwords; i++) {
		long qi;

		if (q->wtid[i] == UINT32_MAX)
			continue;
		qi = qfind(q, q->wtid[i]);
		if (qi >= 0 && q->qpos[qi] < 0)
			q->qpos[qi] = (long)pos;
		pos++;
	}
	for (size_t i = 0; i < nsure && i < 64; i++) {
		long qi = qfind(q, sure[i]);

		if (qi >= 0 && q->qpos[qi] == -1)
			q->qpos[qi] = QPOS_SURE;
	}
	detect_types(ix, q);
}

size_t rank_query_terms(const struct search_index *ix, struct arena *a,
                        const char *text, size_t len, uint32_t **tids,
                        int **own)
{
	struct query q;

	parse_query(ix, a, text, len, &q);
	*tids = arena_alloc(a, (q.nq + 1) * sizeof(uint32_t));
	*own = arena_alloc(a, (q.nq + 1) * sizeof(int));
	for (size_t i = 0; i < q.nq; i++) {
		(*tids)[i] = q.qt[i].tid;
		(*own)[i] = q.qpos[i] >= 0;
	}
	return q.nq;
}

/* A small open-addressing map docid -> candidate index, in the arena. */
struct cmap {
	uint32_t *key, *val;
	size_t cap;
};

static void cmap_init(struct cmap *m, struct arena *a, size_t n)
{
	m->cap = 64;
	while (m->cap < n * 2)
		m->cap *= 2;
	m->key = arena_alloc(a, m->cap * sizeof(uint32_t));
	m->val = arena_alloc(a, m->cap * sizeof(uint32_t));
	memset(m->key, 0xff, m->cap * sizeof(uint32_t));
}

/* Insert key; return 1 if it was absent. */
static int cmap_add(struct cmap *m, uint32_t key)
{
	size_t j = (key * 2654435761u) & (m->cap - 1);

	while (m->key[j] != UINT32_MAX) {
		if (m->key[j] == key)
			return 0;
		j = (j + 1) & (m->cap - 1);
	}
	m->key[j] = key;
	return 1;
}

/* Return the slot of key, inserting val if absent. */
static uint32_t cmap_get(struct cmap *m, uint32_t key, uint32_t val)
{
	size_t j = (key * 2654435761u) & (m->cap - 1);

	while (m->key[j] != UINT32_MAX) {
		if (m->key[j] == key)
			return m->val[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->key[j] = key;
	m->val[j] = val;
	return val;
}

struct pmatch {
	uint32_t p;
	double strength;
};

static int cmp_pmatch(const void *a, const void *b)
{
	const struct pmatch *x = a, *y = b;

	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	return x->p < y->p ? -1 : x->p > y->p;
}

/* Score topic phrases by how much of them the query names; raise the
 * focus of their documents, strongest phrases first, up to FOCUS_DOCS
 * documents in all. */
static void find_focus(const struct search_index *ix, struct arena *a,
                       const struct query *q, const struct search_filter *f,
                       struct cand **cands, size_t *ncand, size_t *capc,
                       struct cmap *cm)
{
	struct cmap seen;
	struct pmatch *pm;
	size_t nseen = 0, npm = 0, taken = 0;

	cmap_init(&seen, a, 4096);
	pm = arena_alloc(a, 4096 * sizeof(*pm));
	for (size_t i = 0; i < q->nq; i++) {
		const struct plist *pl = &ix->pl[q->qt[i].tid];

		if (pl->nphr > PHRASE_SCAN)
			continue;
		for (uint32_t k = 0; k < pl->nphr && nseen < 4096; k++) {
			uint32_t p = pl->phr[k];
			const struct phrase *ph = &ix->ph[p];
			double tot = 0, got = 0, strength;
			long pos = -1;

			if (!cmap_add(&seen, p) || !ph->live)
				continue;
			nseen++;
			for (uint32_t t = 0; t < ph->nterms; t++) {
				double idf =
				        ix_idf(ix, ix->pl[ph->terms[t]].df);
				long qi = qfind(q, ph->terms[t]);

				tot += idf;

				if (qi >= 0) {
					long fp = q->qpos[qi];

					/* A synonym's word names the topic
					 * less surely than the reader's own
					 * ("tumor" for "cancer"). */
					got += fp != -1 ? idf
					                : W_FOCUS_SYN * idf;
					if (fp >= 0 && (pos < 0 || fp < pos))
						pos = fp;
				}
			}
			if (tot <= 0 || got < tot * 0.5)
				continue;
			strength = (got / tot) * (got / tot);
			/* Specific names (rare words) count for more. */
			strength *= tot >= 9 ? 1.0 : 0.55 + 0.05 * tot;
			strength *= 1.0 + 0.3 / (1.0 + pos / 6.0);
			pm[npm].p = p;
			pm[npm++].strength = strength;
		}
	}
	qsort(pm, npm, sizeof(*pm), cmp_pmatch);
	for (size_t i = 0; i < npm && taken < FOCUS_DOCS; i++) {
		const struct phrase *ph = &ix->ph[pm[i].p];

		for (uint32_t k = 0; k < ph->ndocs && taken < FOCUS_DOCS; k++) {
			uint32_t d = ph->docs[k];
			uint32_t ci;

			if (!ix_filter(ix, d, f))
				continue;
			if (*ncand == *capc) {
				struct cand *nv;

				*capc *= 2;
				nv = arena_alloc(a, *capc * sizeof(*nv));
				memcpy(nv, *cands, *ncand * sizeof(**cands));
				*cands = nv;
			}
			ci = cmap_get(cm, d, (uint32_t)*ncand);
			if (ci == *ncand) {
				(*cands)[ci].doc = d;
				(*cands)[ci].bm25 = -1;
				(*cands)[ci].focus = 0;
				(*ncand)++;
				taken++;
			}
			if ((*cands)[ci].focus < pm[i].strength)
				(*cands)[ci].focus = pm[i].strength;
		}
	}
}

struct ranked {
	uint32_t doc;
	double score;
	int64_t id;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether the term ids of words w[0..n) occur in text, next to each
 * other and in order. */
static int title_phrase(const struct search_index *ix, struct arena *a,
                        const char *text, const uint32_t *w, size_t n)
{
	struct search_tokens toks;
	size_t k = 0;

	search_analyze(ix->an, a, text, strlen(text), &toks);
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];

		if (t->flags & (SEARCH_TOK_VARIANT | SEARCH_TOK_STOP))
			continue;
		if (ix_term(ix, t->term, t->len) == w[k]) {
			if (++k == n)
				return 1;
		} else {
			k = ix_term(ix, t->term, t->len) == w[0];
		}
	}
	return 0;
}

/* A short query is often a title: raise the best results whose titles
 * hold its words (by idf, squared: all of them counts most), more when
 * they stand as the query has them ("liver cancer" in "Interferon after
 * liver cancer surgery", not "cancer of the liver"). Returns 1 if any
 * score changed (r must then be sorted again). */
static int title_words(const struct search_index *ix, struct arena *a,
                       const struct query *q, struct ranked *r, size_t nr)
{
	uint32_t w[TITLE_QUERY];
	size_t nw = 0, n = nr < TITLE_CHECK ? nr : TITLE_CHECK, known = 0;
	double tot = 0;
	int changed = 0;

	for (size_t i = 0; i < q->nwords; i++) {
		int dup = 0;

		if (q->wtid[i] == UINT32_MAX)
			continue;
		known++;
		for (size_t k = 0; k < nw; k++)
			dup |= w[k] == q->wtid[i];
		if (dup)
			continue;
		if (nw == TITLE_QUERY)
			return 0;
		w[nw++] = q->wtid[i];
		tot += ix_idf(ix, ix->pl[q->wtid[i]].df);
	}
	/* Only when every word is known: a title holding "gan" is not
	 * one for "ung thư gan" when "ung thư" is only a synonym's. */
	if (!nw || tot <= 0 || known < q->nraw)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t *tids, (*tf)[NFIELDS];
		size_t nt = ix_forward(ix, a, r[i].doc, &tids, &tf);
		double got = 0, cov;

		for (size_t k = 0; k < nw; k++)
			for (size_t j = 0; j < nt; j++)
				if (tids[j] == w[k] && tf[j][F_TITLE]) {
					got += ix_idf(ix, ix->pl[w[k]].df);
					break;
				}
		if (got <= 0)
			continue;
		cov = got / tot;
		r[i].score += W_TWORDS * cov * cov;
		if (cov >= 0.999 && nw >= 2 &&
		    title_phrase(ix, a, DOC_STR(&ix->docs[r[i].doc], s_title),
		                 w, nw))
			r[i].score += W_TPHRASE;
		changed = 1;
	}
	return changed;
}

/* Similar questions: re-score the best n results by what their titles
 * ask. Two questions match when an answer to one answers the other, so
 * beyond sharing words (BM25F, first stage) the title's own ask words
 * (those outside its topic names: the focus is find_focus's, even when
 * named by a synonym) should be in the new question. A title with words
 * it lacks asks something else: "differential diagnosis of night sweats
 * and hyperhidrosis" for "what causes hyperhidrosis". The type the
 * document answers counts already (W_TYPE_SIMILAR, its qtype). */
static void similar_rerank(const struct search_index *ix, struct arena *a,
                           const struct query *q, struct ranked *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t *tids, (*tf)[NFIELDS];
		size_t nt = ix_forward(ix, a, r[i].doc, &tids, &tf);
		double tot = 0, got = 0;

		for (size_t j = 0; j < nt; j++) {
			double idf;
			long qi;

			if (!tf[j][F_TITLE] || tf[j][F_TOPICS])
				continue;
			idf = ix_idf(ix, ix->pl[tids[j]].df);
			tot += idf;
			qi = qfind(q, tids[j]);
			if (qi >= 0)
				got += q->qpos[qi] != -1 ? idf
				                         : W_FOCUS_SYN * idf;
		}
		if (tot > 0)
			r[i].score += W_COVER * got / tot;
	}
}

/* The whole pipeline under the read lock; fills out. */
static void run_query(struct search_index *ix, struct arena *a, struct query *q,
                      const struct search_filter *f, size_t offset,
                      size_t limit, int dedup, int similar,
                      struct search_results *out)
{
	double w_type = similar ? W_TYPE_SIMILAR : W_TYPE;
	size_t k = offset + limit > FIRST_STAGE ? offset + limit : FIRST_STAGE;
	struct scored *top = arena_alloc(a, k * sizeof(*top));
	struct bm25 bm;
	size_t ntop, ncand = 0, capc, nr = 0;
	struct cand *cands;
	struct ranked *r;
	struct cmap cm;
	double maxbm = 0, maxfocus = 0;

	memset(out, 0, sizeof(*out));
	out->terms = q->hl;
	if (!q->nq)
		return;
	ix_bm25_init(ix, &bm);
	/* The first stage runs on the strongest terms (a long question's
	 * weakest words cost the most and decide the least); every candidate
	 * is then scored with the whole query. */
	{
		struct qterm *strong = arena_alloc(a, q->nq * sizeof(*strong));
		size_t ns = 0, nc = 0;
		struct qterm *common = arena_alloc(a, q->nq * sizeof(*common));

		struct qterm *all = arena_alloc(a, q->nq * sizeof(*all));
		struct qterm *expand = arena_alloc(a, q->nq * sizeof(*all));
		size_t ne = 0;

		memcpy(all, q->qt, q->nq * sizeof(*all));
		for (size_t i = 0; i < q->nq; i++)
			all[i].w = q->qpos[i] < 0 ? -all[i].w : all[i].w;
		qsort(all, q->nq, sizeof(*all), cmp_qterm_w);
		/* The question's own words first: synonym expansions (weight
		 * made negative above) only fill the places left, or a word
		 * with many synonyms would be searched by them alone. Words
		 * in more than 1/COMMON of the documents only join when the
		 * question has fewer than three others. */
		for (size_t i = 0; i < q->nq; i++) {
			struct qterm t = all[i];
			int expanded = t.w < 0;

			t.w = expanded ? -t.w : t.w;
			if (ix->pl[t.tid].df > ix->nlive / COMMON)
				common[nc++] = t;
			else if (expanded)
				expand[ne++] = t;
			else if (ns < FIRST_TERMS)
				strong[ns++] = t;
		}
		for (size_t i = 0; i < nc && ns < 3; i++)
			strong[ns++] = common[i];
		for (size_t i = 0; i < ne && ns < FIRST_TERMS; i++)
			strong[ns++] = expand[i];
		ntop = ix_topk(ix, &bm, strong, ns, f, k, top);
		if (ns < q->nq)
			for (size_t i = 0; i < ntop; i++)
				top[i].score = -1;
	}
	capc = ntop + 256;
	cands = arena_alloc(a, capc * sizeof(*cands));
	cmap_init(&cm, a, capc + FOCUS_DOCS);
	for (size_t i = 0; i < ntop; i++) {
		cands[ncand].doc = top[i].doc;
		cands[ncand].bm25 = top[i].score;
		cands[ncand].focus = 0;
		cmap_get(&cm, top[i].doc, (uint32_t)ncand);
		ncand++;
	}
	find_focus(ix, a, q, f, &cands, &ncand, &capc, &cm);
	for (size_t i = 0; i < ncand; i++) {
		if (cands[i].bm25 < 0)
			cands[i].bm25 = ix_score_doc(ix, &bm, q->qt, q->nq,
			                             cands[i].doc);
		if (cands[i].bm25 > maxbm)
			maxbm = cands[i].bm25;
		if (cands[i].focus > maxfocus)
			maxfocus = cands[i].focus;
	}
	r = arena_alloc(a, (ncand + 1) * sizeof(*r));
	for (size_t i = 0; i < ncand; i++) {
		const struct idoc *dd = &ix->docs[cands[i].doc];
		double s = maxbm > 0 ? cands[i].bm25 / maxbm : 0;
		double focus = cands[i].focus;
		double type = q->types[dd->qtype];

		s += W_FOCUS * focus;
		/* The type only matters among documents on the subject. */
		s += w_type * type *
		     (0.3 + 0.7 * (maxfocus > 0 ? focus / maxfocus : 1.0));
		s += W_ANSWER * dd->has_answer;
		if (q->title_hash && q->title_hash == dd->title_hash)
			s += W_TITLE;
		r[nr].doc = cands[i].doc;
		r[nr].score = s;
		r[nr].id = DOC_KEY(dd->kind, dd->id);
		nr++;
	}
	qsort(r, nr, sizeof(*r), cmp_ranked);
	if (title_words(ix, a, q, r, nr))
		qsort(r, nr, sizeof(*r), cmp_ranked);
	if (similar) {
		similar_rerank(ix, a, q, r, nr < SIM_RERANK ? nr : SIM_RERANK);
		qsort(r, nr < SIM_RERANK ? nr : SIM_RERANK, sizeof(*r),
		      cmp_ranked);
	}
	if (dedup) {
		/* Collapse results with the same title to the best one. */
		size_t m = 0;

		for (size_t i = 0; i < nr; i++) {
			uint64_t h = ix->docs[r[i].doc].title_hash;
			int dup = 0;

			for (size_t j = 0; j < m && h; j++)
				dup |= ix->docs[r[j].doc].title_hash == h;
			if (!dup)
				r[m++] = r[i];
			if (m >= offset + limit)
				break;
		}
		nr = m;
	}
	out->total = nr;
	if (offset >= nr)
		return;
	out->n = nr - offset < limit ? nr - offset : limit;
	out->hits = arena_alloc(a, (out->n + 1) * sizeof(*out->hits));
	for (size_t i = 0; i < out->n; i++)
		ix_hit(ix, a, r[offset + i].doc, r[offset + i].score,
		       &out->hits[i]);
}

/* Cut q to LIMIT_QUERY_BYTES at a character boundary. */
static size_t query_len(const char *q)
{
	size_t n = strlen(q);

	if (n <= LIMIT_QUERY_BYTES)
		return n;
	n = LIMIT_QUERY_BYTES;
	while (n > 0 && ((unsigned char)q[n] & 0xc0) == 0x80)
		n--;
	return n;
}

int search_query(struct search_index *ix, struct arena *a, const char *q,
                 const struct search_filter *f, size_t offset, size_t limit,
                 struct search_results *out)
{
	struct query qq;

	memset(out, 0, sizeof(*out));
	if (!q || !limit)
		return 0;
	pthread_rwlock_rdlock(&ix->lock);
	parse_query(ix, a, q, query_len(q), &qq);
	run_query(ix, a, &qq, f, offset, limit, 0, 0, out);
	pthread_rwlock_unlock(&ix->lock);
	return 0;
}

/* Jaccard similarity of two documents' term sets. */
static double overlap(const struct search_index *ix, struct arena *a,
                      uint32_t x, uint32_t y)
{
	uint32_t *ta, *tb, (*fa)[NFIELDS], (*fb)[NFIELDS];
	size_t na = ix_forward(ix, a, x, &ta, &fa);
	size_t nb = ix_forward(ix, a, y, &tb, &fb);
	size_t i = 0, j = 0, both = 0;

	while (i < na && j < nb) {
		if (ta[i] == tb[j])
			both++, i++, j++;
		else if (ta[i] < tb[j])
			i++;
		else
			j++;
	}
	return na + nb - both ? (double)both / (double)(na + nb - both) : 1;
}

/* The one ranking of similar questions: text (a new question, or a
 * page's focus, title and question) as the query, at most limit results
 * into out, never document self (UINT32_MAX: none) nor a near-duplicate
 * of it or of a result already taken (the same title, or nearly the same
 * words). Caller holds the read lock. */
static void similar_rank(struct search_index *ix, struct arena *a,
                         const char *text, size_t len,
                         const struct search_filter *f, size_t limit,
                         uint32_t self, struct search_results *out)
{
	struct search_results raw;
	struct query qq;
	size_t m = 0;
	uint64_t selfhash = self == UINT32_MAX ? 0 : ix->docs[self].title_hash;

	parse_query(ix, a, text, len, &qq);
	run_query(ix, a, &qq, f, 0, limit * 3 + 5, 1, 1, &raw);
	out->terms = raw.terms;
	out->hits = arena_alloc(a, (limit + 1) * sizeof(*out->hits));
	for (size_t i = 0; i < raw.n && m < limit; i++) {
		uint32_t e = umap_get(
		        &ix->byid, DOC_KEY(raw.hits[i].kind, raw.hits[i].id));
		int dup = 0;

		if (e == UINT32_MAX || e == self)
			continue;
		if (self != UINT32_MAX &&
		    ((selfhash && ix->docs[e].title_hash == selfhash) ||
		     overlap(ix, a, self, e) > 0.8))
			continue;
		for (size_t j = 0; j < m && !dup; j++) {
			uint32_t g =
			        umap_get(&ix->byid, DOC_KEY(out->hits[j].kind,
			                                    out->hits[j].id));

			if (ix->docs[g].title_hash == ix->docs[e].title_hash ||
			    overlap(ix, a, g, e) > 0.8)
				dup = 1;
		}
		if (!dup)
			out->hits[m++] = raw.hits[i];
	}
	out->n = m;
	out->total = m;
}

int search_similar_text(struct search_index *ix, struct arena *a,
                        const char *text, const struct search_filter *f,
                        size_t limit, struct search_results *out)
{
	memset(out, 0, sizeof(*out));
	if (!text || !limit)
		return 0;
	pthread_rwlock_rdlock(&ix->lock);
	similar_rank(ix, a, text, query_len(text), f, limit, UINT32_MAX, out);
	pthread_rwlock_unlock(&ix->lock);
	return 0;
}

int search_similar(struct search_index *ix, struct arena *a,
                   enum search_kind kind, int64_t id,
                   const struct search_filter *f, size_t limit,
                   struct search_results *out)
{
	struct search_filter ff;
	const struct idoc *dd;
	const char *text;
	uint32_t d;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pthread_rwlock_rdlock(&ix->lock);
	d = umap_get(&ix->byid, DOC_KEY(kind, id));
	if (d == UINT32_MAX) {
		rc = -ENOENT;
		goto done;
	}
	dd = &ix->docs[d];
	/* The document's focus, title and question make the query. */
	{
		const char *title = DOC_STR(dd, s_title);
		const char *body = DOC_STR(dd, s_text);
		const char *topics = DOC_STR(dd, s_topics);
		const char *nl = strchr(body, '\n');
		size_t bl = nl ? (size_t)(nl - body) : strlen(body);
		const char *sep = strchr(topics, '\x1f');
		size_t tl = sep ? (size_t)(sep - topics) : strlen(topics);

		text = arena_printf(a, "%.*s. %s. %.*s", (int)tl, topics, title,
		                    (int)(bl < 2000 ? bl : 2000), body);
	}
	ff = f ? *f : (struct search_filter){0};
	ff.exclude_id = id;
	ff.exclude_kind = kind;
	if (limit)
		similar_rank(ix, a, text, strlen(text), &ff, limit, d, out);
done:
	pthread_rwlock_unlock(&ix->lock);
	return rc;
}
