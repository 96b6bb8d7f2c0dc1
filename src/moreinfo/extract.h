/* moreinfo/extract.h: More Info, a cited explanation for lay readers
 * assembled from the library and the articles.
 *
 * A More Info text is a list of sentences, each citing one or more
 * sources, plus the list of those sources. The extractive draft
 * (moreinfo_extract) only ever contains sentences copied verbatim from the
 * sources it cites: it finds library entries and articles that match the
 * question (and the doctor's reply), splits their text into sentences,
 * scores them for the question's focus and type, picks a few for coverage
 * without repeating itself, and orders them by aspect (what it is, then
 * context, options, risks, when to see a doctor). Citation numbers are the
 * source index plus one, and sources are numbered in the order the text
 * first cites them; every source listed is cited.
 *
 * The site's published answers are sources too: a question in Chinese or
 * Vietnamese finds the answers in its own language that the English
 * library lacks (moreinfo_request.exclude_qa keeps a Q&A from citing
 * itself).
 *
 * The module knows nothing of HTTP, HTML pages or SQL: the caller hands it
 * the search index and a function that fetches a document's text and
 * source details (moreinfo_store_fetch reads them from the store). Results
 * live in the caller's arena.
 */
#ifndef ASKDOC_MOREINFO_EXTRACT_H
#define ASKDOC_MOREINFO_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "search/search.h"

struct arena;

/* Defaults of a request: the length of the text in words and the number of
 * sources cited. Fewer, better sources beat many weak ones. */
#define MOREINFO_MIN_WORDS   120
#define MOREINFO_MAX_WORDS   400
#define MOREINFO_MAX_SOURCES 2
/* Citations one sentence may carry (a rewritten sentence may merge
 * passages). */
#define MOREINFO_MAX_CITES 4

/* What a sentence is about; the text presents them in this order. */
enum moreinfo_aspect {
	MOREINFO_WHAT = 0, /* what the condition or treatment is */
	MOREINFO_ABOUT,    /* context: causes, symptoms, who is affected */
	MOREINFO_OPTIONS,  /* treatment, management and prevention options */
	MOREINFO_RISKS,    /* risks, side effects, complications */
	MOREINFO_DOCTOR,   /* when to see a doctor */
	MOREINFO_NASPECTS
};

/* A cited source. Strings are never NULL except url. */
struct moreinfo_source {
	enum search_kind kind;   /* SEARCH_KIND_FAQ or SEARCH_KIND_ARTICLE */
	int64_t id;              /* the store's id */
	const char *external_id; /* e.g. "GHR_0000804_Sec1", or "" */
	const char *title;
	const char *name; /* publisher, e.g. "Genetics Home Reference", or "" */
	const char *url;  /* the record's page at its publisher, or NULL */
	const char *link; /* its page here: "/library/12", "/articles/x" */
};

struct moreinfo_sentence {
	const char *text; /* plain text without citation markers */
	size_t cite[MOREINFO_MAX_CITES]; /* source indexes (0-based) */
	size_t ncite;                    /* at least 1 */
	enum moreinfo_aspect aspect;
};

struct moreinfo {
	struct moreinfo_sentence *sentences; /* in reading order */
	size_t n;
	struct moreinfo_source *sources; /* numbered from 1 in this order */
	size_t nsources;
	size_t words;         /* words of the sentences, markers excluded */
	int machine_assisted; /* 1: rewritten by a language model */
};

/* A document as More Info needs it, filled by a moreinfo_fetch_fn. */
struct moreinfo_doc {
	const char *external_id;
	const char *title;
	const char *text; /* answers joined by blank lines, or article body */
	int markdown;     /* text is Markdown: only plain prose is used */
	const char *question_type; /* "treatment", "information", or NULL */
	const char *const *topics; /* the focus first, then synonyms */
	size_t ntopics;
	const char *source_name; /* may be NULL */
	const char *source_url;  /* may be NULL */
	const char *link;        /* the page on this site */
};

/* Fetch document (kind, id) into *out, strings in a. Returns 0, or a
 * negative code when it is gone (the document is then skipped). */
typedef int (*moreinfo_fetch_fn)(void *ctx, struct arena *a,
                                 enum search_kind kind, int64_t id,
                                 struct moreinfo_doc *out);

/* Read ahead the documents of hits[0..n) that fetches may then ask for
 * (see moreinfo_request.prefetch). */
typedef void (*moreinfo_prefetch_fn)(void *ctx, struct arena *a,
                                     const struct search_hit *hits, size_t n);

/* The store-backed fetcher (moreinfo/source.c); ctx is a struct
 * moreinfo_store, zeroed but for st. Library entries give their answers,
 * articles their body (Markdown). moreinfo_store_prefetch reads up to
 * STORE_DOCS_MAX documents in one statement; a fetch then reads from
 * those, and the store only for a document not read ahead. Returns 0 or
 * the store's negative code. */
struct store;
struct store_doc;
struct moreinfo_store {
	struct store *st;
	struct store_doc *docs; /* read ahead */
	size_t ndocs;
	const struct search_hit *asked; /* what the read ahead asked for */
	size_t nasked;
};
int moreinfo_store_fetch(void *ctx, struct arena *a, enum search_kind kind,
                         int64_t id, struct moreinfo_doc *out);
void moreinfo_store_prefetch(void *ctx, struct arena *a,
                             const struct search_hit *hits, size_t n);

struct moreinfo_request {
	const char *title;    /* the question's title, or NULL */
	const char *question; /* the question's text, or NULL */
	const char *reply;    /* the doctor's reply (Markdown), or NULL */
	size_t min_words;     /* 0: MOREINFO_MIN_WORDS */
	size_t max_words;     /* 0: MOREINFO_MAX_WORDS */
	size_t max_sources;   /* 0: MOREINFO_MAX_SOURCES */
	unsigned kinds;       /* search kinds; 0: library, articles and Q&As */
	int64_t exclude_qa;   /* the Q&A this is for, never its own source */
	/* The site's topics the question is filed under (names, as in the
	 * search index), or none: an entry or Q&A whose focus is one of
	 * them is on the question's subject whatever its wording or
	 * language. */
	const char *const *topics;
	size_t ntopics;
	/* With fetch, or NULL: called once, before any fetch, with the hits
	 * the fetches may ask for, so they can be read together (a page's
	 * first render then takes one statement for all its sources). */
	moreinfo_prefetch_fn prefetch;
};

/* Build the extractive More Info of req into *out (everything in a).
 * fetch may be NULL: the text then comes from the index's copy of the
 * document (no source URL). Returns 0; out->n is 0 when the library holds
 * nothing close enough to the question to fill min_words from at most
 * max_sources sources. out->nsources may then still be set: a reading
 * list of entries whose focus the question names and whose question type
 * it asks (their text is at their publisher); with both 0 the library
 * has nothing relevant (show no More Info). Returns -EINVAL when req has
 * neither title nor question. */
int moreinfo_extract(struct search_index *ix, moreinfo_fetch_fn fetch,
                     void *fetch_ctx, struct arena *a,
                     const struct moreinfo_request *req, struct moreinfo *out);

/* A sentence-sized piece of a text: bytes [start, start + len) of it,
 * trimmed, never empty. */
struct moreinfo_span {
	size_t start;
	size_t len;
	int list; /* 1: a list with its lead-in ("...: - a. - b.") */
};

/* Split len bytes of text into sentences with ICU's sentence rules, into
 * an arena array *out; returns the count. Inline bullet lists of the kind
 * the library uses (" - item.") are cut at their bullets; a short list
 * stays with its lead-in sentence ending in ':' as one span (list = 1).
 * With markdown set, headings, code, tables, quotes and lines with link
 * or emphasis syntax are skipped. Never fails; invalid UTF-8 is allowed
 * (it stays inside the spans). */
size_t moreinfo_split(struct arena *a, const char *text, size_t len,
                      int markdown, struct moreinfo_span **out);

/* Words in n bytes of s: runs of non-blank bytes, and one for every two
 * Han characters (Chinese has no blanks between words). */
size_t moreinfo_count_words(const char *s, size_t n);

/* The name of an aspect ("what", "about", "options", "risks", "doctor"). */
const char *moreinfo_aspect_name(enum moreinfo_aspect a);

#endif
