/* web/cache.h: rendered pages kept in memory, keyed by page.
 *
 * A public page depends only on published content, so once rendered it can
 * be served again until what it shows changes. Each entry names what it
 * shows (its dependencies: the Q&A of a page, the Q&As in its Similar
 * list, ...); the changelog follower (services/follower.h) tells the cache
 * which content changed, and only the entries that show it are dropped.
 * An entry with no dependencies named depends on everything and is
 * dropped by any change. Entries also expire after WEB_CACHE_MAX_AGE
 * seconds, so a page whose lists would now include newer content (a
 * Similar list) catches up.
 *
 * A page may hold one hole (WEB_CACHE_HOLE in its text) where a value
 * that changes on every view goes (the view count): the cache keeps the
 * text before and after it, and the caller puts the value between. The
 * hole is never part of the key, and writing view counts drops nothing.
 *
 * A render that began before an invalidation may have read old content:
 * web_cache_put is given the generation read before rendering
 * (web_cache_generation) and keeps nothing if any invalidation came in
 * between.
 */
#ifndef ASKDOC_WEB_CACHE_H
#define ASKDOC_WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct follower_touch;
struct web_cache;

/* The marker a rendered page carries where its hole is. */
#define WEB_CACHE_HOLE "\x01hole\x01"
/* Seconds an entry may be served. */
#define WEB_CACHE_MAX_AGE 300
/* Dependencies one entry may name; a page that shows more names none
 * (depends on everything). */
#define WEB_CACHE_MAX_DEPS 32

/* What a page shows: content kinds and ids. */
struct web_deps {
	size_t n;
	int overflow; /* more than WEB_CACHE_MAX_DEPS: depends on all */
	struct {
		enum store_kind kind;
		int64_t id;
	} d[WEB_CACHE_MAX_DEPS];
};

/* Add (kind, id) to deps. */
void web_deps_add(struct web_deps *deps, enum store_kind kind, int64_t id);

/* A new cache of at most max_entries pages. The caller frees it with
 * web_cache_free. */
struct web_cache *web_cache_new(size_t max_entries);
void web_cache_free(struct web_cache *c);

/* The invalidation count: read it before reading what a page shows. */
uint64_t web_cache_generation(struct web_cache *c);
/* Drop the entries that show any of the n pages touched (a follower's
 * batch), and those that depend on everything. */
void web_cache_invalidate(struct web_cache *c, const struct follower_touch *t,
                          size_t n);
/* Drop every entry. */
void web_cache_invalidate_all(struct web_cache *c);

/* A cached page: the text before and after its hole (after is NULL when
 * the page has none) and the number the caller stored with it. */
struct web_cached {
	const char *before, *after;
	size_t before_len, after_len;
	int64_t aux;
};

/* Look key up. On a hit, copies the page into a, fills *out and returns 1;
 * else 0. */
int web_cache_get(struct web_cache *c, const char *key, struct arena *a,
                  struct web_cached *out);
/* Store the page text (len bytes, with at most one hole) and a number of
 * the caller's (aux) for key, showing deps (NULL: everything), rendered
 * from content read after generation gen; nothing is kept when an
 * invalidation came after gen. */
void web_cache_put(struct web_cache *c, const char *key, uint64_t gen,
                   const struct web_deps *deps, const char *text, size_t len,
                   int64_t aux);

/* Hits, misses, entries and invalidated entries, for /metrics. */
void web_cache_stats(struct web_cache *c, uint64_t *hits, uint64_t *misses,
                     size_t *entries, uint64_t *dropped);

#endif
