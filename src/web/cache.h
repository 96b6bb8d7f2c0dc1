/* web/cache.h: rendered pages kept in memory.
 *
 * A public page depends only on published content, so once rendered it can
 * be served again until content changes. Entries carry the content
 * generation they were rendered at (web_cache_generation); a lookup with a
 * newer generation misses. The generation follows the store's changelog
 * (polled every second, so writes by another process are seen too) and is
 * bumped at once by this process' own writes (web_cache_invalidate).
 *
 * A page may hold one hole (WEB_CACHE_HOLE in its text) where a value
 * that changes on every view goes (the view count): the cache keeps the
 * text before and after it, and the caller puts the value between.
 */
#ifndef ASKDOC_WEB_CACHE_H
#define ASKDOC_WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct web_cache;

/* The marker a rendered page carries where its hole is. */
#define WEB_CACHE_HOLE "\x01hole\x01"

/* A new cache of at most max_entries pages, following st's changelog.
 * The caller frees it with web_cache_free. */
struct web_cache *web_cache_new(struct store *st, size_t max_entries);
/* Stop the follower thread and free everything. NULL is allowed. */
void web_cache_free(struct web_cache *c);

/* The current content generation. */
uint64_t web_cache_generation(struct web_cache *c);
/* Content changed through this process: entries rendered before are
 * stale from now on. */
void web_cache_invalidate(struct web_cache *c);

/* A cached page: the text before and after its hole (after is NULL when
 * the page has none) and the number the caller stored with it. */
struct web_cached {
	const char *before, *after;
	size_t before_len, after_len;
	int64_t aux;
};

/* Look key up at generation gen. On a hit, copies the page into a, fills
 * *out and returns 1; else 0. */
int web_cache_get(struct web_cache *c, const char *key, uint64_t gen,
                  struct arena *a, struct web_cached *out);
/* Store the page text (len bytes, with at most one hole) and a number of
 * the caller's (aux) for key as of generation gen, replacing an older
 * entry. */
void web_cache_put(struct web_cache *c, const char *key, uint64_t gen,
                   const char *text, size_t len, int64_t aux);

/* Hits, misses and entries, for /metrics. */
void web_cache_stats(struct web_cache *c, uint64_t *hits, uint64_t *misses,
                     size_t *entries);

#endif
