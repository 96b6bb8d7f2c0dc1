/* moreinfo/llm.h: optional language-model drafting of More Info.
 *
 * The extracted sentences, grouped by source into numbered passages, go
 * to an OpenAI-compatible chat completions endpoint (a llama.cpp server,
 * Ollama, vLLM, ...) with a request for a plain-language rewrite that
 * cites the passages with [n] markers. The reply is checked before anyone
 * sees it (moreinfo_llm_check): every marker names a passage that was
 * given, every sentence carries one, no number and no link appears that
 * the passages lack, and the length is within bounds. On any failure (no
 * answer within the timeout, an HTTP error, malformed JSON, a reply that
 * fails the check) the extractive draft is used instead; the result says
 * which one it is (machine_assisted) and why.
 */
#ifndef ASKDOC_MOREINFO_LLM_H
#define ASKDOC_MOREINFO_LLM_H

#include <stddef.h>

#include "moreinfo/extract.h"

struct arena;

/* Word bounds of a rewritten draft (it may run a little longer than an
 * extract: plain language takes words). */
#define MOREINFO_LLM_MIN_WORDS 120
#define MOREINFO_LLM_MAX_WORDS 450
/* Milliseconds to wait for the endpoint by default. */
#define MOREINFO_LLM_TIMEOUT_MS 20000

struct moreinfo_llm {
	const char *url; /* the endpoint; a base URL gets
	                    "/v1/chat/completions" appended */
	const char *model;
	const char *api_key; /* sent as a Bearer token, or NULL */
	long timeout_ms;     /* 0: MOREINFO_LLM_TIMEOUT_MS */
	size_t min_words;    /* 0: MOREINFO_LLM_MIN_WORDS */
	size_t max_words;    /* 0: MOREINFO_LLM_MAX_WORDS */
};

/* Check a model's reply against the passages (the sentences and sources
 * of the extractive draft: passage n is source n). Pure: no I/O. On
 * success returns 0 and fills *out with the reply's sentences (markers
 * taken out into cite[]), the passages' sources, machine_assisted set.
 * Otherwise returns -EINVAL, leaves *out empty and points *why (may be
 * NULL) at a static reason such as "cites a passage that was not given". */
int moreinfo_llm_check(struct arena *a, const struct moreinfo *passages,
                       const char *reply, size_t min_words, size_t max_words,
                       struct moreinfo *out, const char **why);

/* Build the chat request body (JSON) for the passages, in a. The question
 * (may be NULL) gives the model the context. */
const char *moreinfo_llm_request(struct arena *a,
                                 const struct moreinfo_llm *cfg,
                                 const struct moreinfo *passages,
                                 const char *question);

/* The message content of a chat completions response body, in a, or NULL
 * when it is not one (malformed JSON, no choices, an error object). A
 * leading <think>...</think> block is removed. */
const char *moreinfo_llm_content(struct arena *a, const char *body, size_t len);

/* Ask the endpoint to rewrite extract and check the reply. Always returns
 * 0 with *out set: the checked rewrite (out->machine_assisted = 1) or, on
 * any failure, a copy of extract (machine_assisted = 0) with *why (may be
 * NULL) saying what failed; *why is NULL when the rewrite was used. An
 * empty extract is returned as it is, without a request. Safe to call from
 * several threads at once. */
int moreinfo_llm_draft(const struct moreinfo_llm *cfg, struct arena *a,
                       const struct moreinfo *extract, const char *question,
                       struct moreinfo *out, const char **why);

#endif
