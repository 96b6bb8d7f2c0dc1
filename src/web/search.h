/* web/search.h: the search pages, and the search index with the changelog
 * follower that keeps it and the page cache (web/search.c). */
#ifndef ASKDOC_WEB_SEARCH_H
#define ASKDOC_WEB_SEARCH_H

#include <stdint.h>

struct http_request;
struct search_index;
struct store;
struct tval;
struct web;
struct web_cache;
struct web_deps;
struct web_index;

int page_search(struct http_request *req);
int page_api_search(struct http_request *req);
int page_api_similar(struct http_request *req);
/* Build the search index from st and start the changelog follower
 * (services/follower.h), which updates the index, then drops what changed
 * from cache; NULL with *err (malloc'd) on failure. */
struct web_index *web_index_new(struct store *st, struct web_cache *cache,
                                char **err);
/* Apply the changelog now (content_changed). */
void web_index_sync(struct web_index *wi);
/* Stop the follower and free the index. NULL is allowed. */
void web_index_free(struct web_index *wi);
/* The id of the department the answered questions most like text belong
 * to, or 0 when the suggestion is not confident enough. */
int64_t web_suggest_department(struct http_request *req, const char *text);
/* Q&As ranked like Q&A id, for Related FAQ's topics: Similar Q&A's and
 * the next ones. */
#define WEB_RELATED_POOL 9
/* The Similar Q&A list of Q&A id for qa.mustache (never NULL); the Q&As
 * it shows are added to deps. *pool (pool may be NULL) gets the ranked
 * Q&As (up to WEB_RELATED_POOL, best first, in the request's arena; they
 * are added to deps too), *n_pool how many. */
struct qa_brief;
struct tval *web_similar_qas(struct http_request *req, int64_t id,
                             struct web_deps *deps,
                             const struct qa_brief **pool, size_t *n_pool);
/* ---- content and discovery: web/content.c, web/profiles.c,
 * web/taxonomy.c, web/articles.c, web/comments.c, web/feeds.c,
 * web/api.c ---- */

/* The search index pages may query (never NULL once web_init succeeded;
 * readers only). */
struct search_index *web_search_index(struct web *w);

#endif
