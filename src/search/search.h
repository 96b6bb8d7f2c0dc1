/* search/search.h: askdoc's retrieval engine: the index, ranked search,
 * snippets, Similar Q&A and department suggestion.
 *
 * The engine indexes documents handed to it (struct search_doc) and answers
 * queries; it knows nothing of HTTP, HTML templates or SQL. The store stays
 * the source of truth: the index is derived from it at start-up and kept
 * current with search_index_put/search_index_remove as content changes.
 *
 * Thread safety: one index allows many concurrent readers (search, similar,
 * triage) and one writer (put, remove) through a read-write lock. Results
 * are copied into the caller's arena, so they stay valid after later
 * writes.
 *
 * Ranking has two stages. BM25F over four fields (title, question, answer,
 * topics) finds candidates with MaxScore pruning (safe: the top-k is the
 * exact BM25F top-k). The candidates, together with the documents whose
 * topic names the query mentions, are then re-ranked by what the question
 * is about (its focus: a disease, a drug) and what it asks (its type:
 * treatment, causes, symptoms, side effects, ...).
 */
#ifndef ASKDOC_SEARCH_H
#define ASKDOC_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "search/analyze.h"

struct arena;
struct search_index;

enum search_kind {
	SEARCH_KIND_QA = 1,      /* a patient question answered by a doctor */
	SEARCH_KIND_FAQ = 2,     /* a library entry (e.g. MedQuAD) */
	SEARCH_KIND_ARTICLE = 4, /* an editorial article */
};

/* A document as the store hands it to the index. Every string is UTF-8
 * and may be NULL; the index copies what it keeps. */
struct search_doc {
	int64_t id;              /* the store's id; (kind, id) is the key */
	enum search_kind kind;   /* one of SEARCH_KIND_* */
	const char *external_id; /* the archive's id, e.g. "GHR_0000804_Sec1" */
	const char *title;
	const char *question;      /* question text (or an article's body) */
	const char *answer;        /* all answer texts, joined */
	const char *const *topics; /* the focus first, then its synonyms */
	size_t ntopics;
	const char *question_type; /* "treatment", "causes", ... */
	const char *department;
	const char *doctor;
	int64_t date;         /* Unix seconds; 0 when unknown */
	const char *language; /* BCP 47: "en", "zh-Hans", "vi" */
};

/* Options of a new index. A zeroed struct gives the defaults. */
struct search_options {
	const char *stem_lang; /* Snowball stemmer ("english" when NULL) */
	int no_text; /* 1: do not keep question/answer text for snippets */
	const char *synonyms_path; /* synonym table (default: built in) */
};

/* Filters of a query; a zeroed struct matches everything. */
struct search_filter {
	unsigned kinds;         /* bit set of SEARCH_KIND_*; 0: any */
	const char *department; /* exact name, or NULL */
	const char *topic;      /* a topic the document carries, or NULL */
	const char *doctor;     /* exact name, or NULL */
	int64_t date_from;      /* inclusive Unix seconds; 0: open */
	int64_t date_to;        /* inclusive Unix seconds; 0: open */
	int64_t exclude_id;     /* with exclude_kind: a document to leave out */
	enum search_kind exclude_kind;
};

/* One result: copies of the document's fields, owned by the arena. */
struct search_hit {
	int64_t id;
	enum search_kind kind;
	double score;
	const char *external_id; /* "" when the document has none */
	const char *title;
	const char *department; /* "" when none */
	const char *doctor;     /* "" when none */
	const char *question_type;
	const char *language; /* BCP 47, "" when unknown */
	const char *topics;   /* the focus and synonyms, joined by "; " */
	int64_t date;
	const char *text; /* question and answer text, or "" (no_text) */
};

/* The terms of a query, for highlighting. */
struct search_terms {
	const char **v; /* analyzed terms (stemmed, normalised) */
	size_t n;
};

struct search_results {
	struct search_hit *hits;   /* best first */
	size_t n;                  /* hits returned */
	size_t total;              /* candidates found (a lower bound) */
	struct search_terms terms; /* what to highlight */
};

/* Return a new empty index, or NULL if the analyzer cannot be opened (ICU
 * data or the stemmer missing) or the synonym table cannot be read. The
 * caller owns it and frees it with search_index_free. */
struct search_index *search_index_new(const struct search_options *opt);
void search_index_free(struct search_index *ix);

/* The index's analyzer (owned by the index). */
struct search_analyzer *search_index_analyzer(struct search_index *ix);

/* Add doc, or replace the document with the same kind and id. Returns 0,
 * or -EINVAL when doc has no id or kind (the index is unchanged).
 * Searchable as soon as it returns. */
int search_index_put(struct search_index *ix, const struct search_doc *doc);
/* Remove a document. Returns 0, or -ENOENT if the index does not hold it. */
int search_index_remove(struct search_index *ix, enum search_kind kind,
                        int64_t id);
/* Number of documents held. */
size_t search_index_count(struct search_index *ix);
/* Inverse document frequency of an analysed term (as search_analyze
 * gives it) over the live documents: rare terms weigh more. A term the
 * index has never seen gets the highest. */
double search_term_idf(struct search_index *ix, const char *term);

/* The optimal string alignment distance of a (n bytes) and b (m bytes),
 * or more than max once it exceeds max; words of up to 32 bytes. */
int search_osa(const char *a, size_t n, const char *b, size_t m, int max);
/* A number that grows with every put and remove: caches of derived lists
 * (Similar Q&A blocks) stay valid while it does not change. */
uint64_t search_index_generation(struct search_index *ix);
/* Approximate bytes of memory the index holds. */
size_t search_index_memory(struct search_index *ix);

/* Answer query q (UTF-8, any length: it is cut at LIMIT_QUERY_BYTES) with
 * at most limit hits after skipping offset, best first, into out (arena
 * a). An empty query or one without searchable words gives no hits.
 * Returns 0 (no hits is not an error). */
int search_query(struct search_index *ix, struct arena *a, const char *q,
                 const struct search_filter *f, size_t offset, size_t limit,
                 struct search_results *out);

/* Documents like the document (kind, id) (its focus, title and question
 * as the query), never the document itself nor a near-duplicate of it or
 * of each other (same title, or nearly the same words). Returns 0, or
 * -ENOENT when the index does not hold it. */
int search_similar(struct search_index *ix, struct arena *a,
                   enum search_kind kind, int64_t id,
                   const struct search_filter *f, size_t limit,
                   struct search_results *out);

/* Documents like a text that is not in the index (the ask form's live
 * suggestions, `askdoc search --similar`): ranked as search_similar ranks
 * a page's Similar Q&A (one function behind both), near-duplicates of
 * each other collapsed to the best one. Returns 0. */
int search_similar_text(struct search_index *ix, struct arena *a,
                        const char *text, const struct search_filter *f,
                        size_t limit, struct search_results *out);

/* Spelling correction of a search query q against the words of the
 * index's titles and topic names and the medical word list (the synonym
 * table): each word of plain letters that no document, or almost none,
 * contains is replaced by the closest such word (one edit for words of up
 * to six letters, two for longer ones; the commonest among the closest)
 * that finds documents. Returns the corrected query (arena a), or NULL
 * when nothing needs or admits correction (a query longer than about 1,000
 * bytes is a question, not a query, and is left alone). The caller
 * decides what to do with it: search the correction at once when q finds
 * nothing, otherwise offer it ("did you mean"). */
const char *search_spell(struct search_index *ix, struct arena *a,
                         const char *q);

/* The kinds the ask form suggests and Similar Q&A lists: a question is
 * answered by a doctor's Q&A or a library entry, not an article. */
#define SEARCH_SIMILAR_KINDS (SEARCH_KIND_QA | SEARCH_KIND_FAQ)

/* Department suggestion for a new question. */
struct search_department {
	const char *name;  /* arena copy */
	double confidence; /* 0..1; the list sums to at most 1 */
};

struct search_triage {
	struct search_department *departments; /* best first */
	size_t n;
	const char **topics; /* suggested topics, best first */
	size_t ntopics;
};

/* Suggest departments (up to max_departments) and topics (up to
 * max_topics) for text from the answered documents that carry a
 * department. Returns 0, with n == 0 when the index holds no department.
 */
int search_triage(struct search_index *ix, struct arena *a, const char *text,
                  size_t max_departments, size_t max_topics,
                  struct search_triage *out);

/* Snippet of text around the best cluster of the query terms, at most
 * about max_chars characters, cut at word boundaries, with "..." where
 * text was left out. With html set, the result is HTML-escaped and the
 * matched words are wrapped in <mark>...</mark>; otherwise it is plain
 * text. Returns a string owned by a (never NULL; "" for empty text). */
const char *search_snippet(struct search_index *ix, struct arena *a,
                           const char *text, const struct search_terms *terms,
                           size_t max_chars, int html);

/* Parse a kind name ("qa", "faq", "article") into SEARCH_KIND_*; 0 if
 * unknown. search_kind_name returns the name of a kind. */
enum search_kind search_kind_parse(const char *s);
const char *search_kind_name(enum search_kind k);

#endif
