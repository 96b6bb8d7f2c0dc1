/* web/cache.c: the rendered-page cache and its dependencies.
 *
 * Pages hash to one of SHARDS shards, each a small open hash table under
 * its own mutex, so workers rarely wait for each other. A full shard
 * replaces the entry its probe lands on (random replacement: no list to
 * maintain, and hot pages come back at once). Each entry keeps the sorted
 * keys of what it shows (kind << 56 | id); an invalidation walks every
 * shard once and drops the entries that share a key with the change.
 * Changes are rare next to views (a reply, a comment), so a walk over a
 * few thousand entries is cheaper than keeping a reverse index current
 * on every put.
 */
#include "web/cache.h"

#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "services/follower.h"
#include "util/arena.h"
#include "util/util.h"
#include "web/locale.h"

#define SHARDS 16
#define PROBE  8 /* slots looked at per lookup */

struct entry {
	char *key;  /* NULL: empty slot */
	time_t at;  /* when rendered (monotonic seconds) */
	char *text; /* the page with the hole cut out */
	size_t before_len, after_len;
	int has_hole;
	int64_t aux;
	uint64_t *deps; /* sorted; NULL: depends on everything */
	size_t n_deps;
};

struct shard {
	pthread_mutex_t mu;
	struct entry *slots;
	size_t n_slots, used;
};

struct web_cache {
	struct shard shards[SHARDS];
	_Atomic uint64_t gen; /* invalidations so far */
	_Atomic uint64_t hits, misses, dropped;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static uint64_t dep_key(enum store_kind kind, int64_t id)
{
	return (uint64_t)kind << 56 | ((uint64_t)id & ((1ULL << 56) - 1));
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

static time_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void entry_clear(struct entry *e)
{
	free(e->key);
	free(e->text);
	free(e->deps);
	memset(e, 0, sizeof(*e));
}

void web_deps_add(struct web_deps *deps, enum store_kind kind, int64_t id)
{
	for (size_t i = 0; i < deps->n; i++)
		if (deps->d[i].kind == kind && deps->d[i].id == id)
			return;
	if (deps->n == WEB_CACHE_MAX_DEPS) {
		deps->overflow = 1;
		return;
	}
	deps->d[deps->n].kind = kind;
	deps->d[deps->n++].id = id;
}

struct web_cache *web_cache_new(size_t max_entries)
{
	struct web_cache *c = xcalloc(1, sizeof(*c));
	size_t per = max_entries / SHARDS + PROBE;

	for (int i = 0; i < SHARDS; i++) {
		pthread_mutex_init(&c->shards[i].mu, NULL);
		c->shards[i].slots = xcalloc(per, sizeof(struct entry));
		c->shards[i].n_slots = per;
	}
	atomic_init(&c->gen, 1);
	return c;
}

void web_cache_free(struct web_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < SHARDS; i++) {
		struct shard *s = &c->shards[i];
		for (size_t k = 0; k < s->n_slots; k++)
			entry_clear(&s->slots[k]);
		free(s->slots);
		pthread_mutex_destroy(&s->mu);
	}
	free(c);
}

uint64_t web_cache_generation(struct web_cache *c)
{
	return atomic_load(&c->gen);
}

/* Drop the entries keys[0..n) touch (sorted), every entry when all. */
static void drop(struct web_cache *c, const uint64_t *keys, size_t n, int all)
{
	uint64_t dropped = 0;

	/* First: a render under way now cannot store what it read. */
	atomic_fetch_add(&c->gen, 1);
	for (int i = 0; i < SHARDS; i++) {
		struct shard *s = &c->shards[i];

		pthread_mutex_lock(&s->mu);
		for (size_t k = 0; k < s->n_slots; k++) {
			struct entry *e = &s->slots[k];
			int hit = all || !e->deps;

			if (!e->key)
				continue;
			for (size_t j = 0; !hit && j < e->n_deps; j++)
				hit = bsearch(&e->deps[j], keys, n,
				              sizeof(*keys), cmp_u64) != NULL;
			if (hit) {
				entry_clear(e);
				s->used--;
				dropped++;
			}
		}
		pthread_mutex_unlock(&s->mu);
	}
	atomic_fetch_add(&c->dropped, dropped);
}

void web_cache_invalidate(struct web_cache *c, const struct follower_touch *t,
                          size_t n)
{
	uint64_t *keys = xmalloc(sizeof(*keys) * (n ? n : 1));

	for (size_t i = 0; i < n; i++)
		keys[i] = dep_key(t[i].kind, t[i].id);
	qsort(keys, n, sizeof(*keys), cmp_u64);
	drop(c, keys, n, 0);
	free(keys);
}

void web_cache_invalidate_all(struct web_cache *c)
{
	drop(c, NULL, 0, 1);
}

/* A page differs by the reader's language: the key carries it
 * (web/locale.h), so every caller's key is per language. */
static char *lang_key(const char *key)
{
	char tag[16];
	int lang = web_lang();
	size_t n = strlen(key);
	char *k = xmalloc(n + sizeof(tag) + 2);

	snprintf(tag, sizeof(tag), "%d", lang < 0 ? 0 : lang);
	memcpy(k, tag, strlen(tag));
	k[strlen(tag)] = '\x1f';
	memcpy(k + strlen(tag) + 1, key, n + 1);
	return k;
}

int web_cache_get(struct web_cache *c, const char *key_, struct arena *a,
                  struct web_cached *out)
{
	char *key = lang_key(key_);
	uint64_t h = hash_str(key);
	struct shard *s = &c->shards[h % SHARDS];
	time_t oldest = now_s() - WEB_CACHE_MAX_AGE;
	int hit = 0;

	pthread_mutex_lock(&s->mu);
	for (size_t k = 0; k < PROBE; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (!e->key || strcmp(e->key, key) != 0)
			continue;
		if (e->at >= oldest) {
			char *p = arena_alloc(a,
			                      e->before_len + e->after_len + 1);
			memcpy(p, e->text, e->before_len + e->after_len);
			out->before = p;
			out->before_len = e->before_len;
			out->after = e->has_hole ? p + e->before_len : NULL;
			out->after_len = e->after_len;
			out->aux = e->aux;
			hit = 1;
		}
		break;
	}
	pthread_mutex_unlock(&s->mu);
	free(key);
	atomic_fetch_add(hit ? &c->hits : &c->misses, 1);
	return hit;
}

void web_cache_put(struct web_cache *c, const char *key_, uint64_t gen,
                   const struct web_deps *deps, const char *text, size_t len,
                   int64_t aux)
{
	char *key = lang_key(key_);
	uint64_t h = hash_str(key);
	struct shard *s = &c->shards[h % SHARDS];
	const char *hole =
	        memmem(text, len, WEB_CACHE_HOLE, strlen(WEB_CACHE_HOLE));
	time_t oldest;
	struct entry *slot = NULL;
	struct entry fresh = {0};

	if (atomic_load(&c->gen) != gen) {
		free(key);
		return; /* content changed while rendering */
	}
	fresh.key = key;
	fresh.at = now_s();
	fresh.aux = aux;
	fresh.has_hole = hole != NULL;
	fresh.before_len = hole ? (size_t)(hole - text) : len;
	fresh.after_len =
	        hole ? len - fresh.before_len - strlen(WEB_CACHE_HOLE) : 0;
	fresh.text = xmalloc(fresh.before_len + fresh.after_len + 1);
	memcpy(fresh.text, text, fresh.before_len);
	if (hole)
		memcpy(fresh.text + fresh.before_len,
		       hole + strlen(WEB_CACHE_HOLE), fresh.after_len);
	if (deps && !deps->overflow && deps->n) {
		fresh.deps = xmalloc(sizeof(uint64_t) * deps->n);
		for (size_t i = 0; i < deps->n; i++)
			fresh.deps[i] = dep_key(deps->d[i].kind, deps->d[i].id);
		fresh.n_deps = deps->n;
		qsort(fresh.deps, fresh.n_deps, sizeof(uint64_t), cmp_u64);
	}
	oldest = fresh.at - WEB_CACHE_MAX_AGE;

	pthread_mutex_lock(&s->mu);
	/* Checked again under the lock: an invalidation that began after
	 * the first check has either passed this shard (gen moved) or will
	 * see the entry. */
	if (atomic_load(&c->gen) != gen) {
		pthread_mutex_unlock(&s->mu);
		entry_clear(&fresh);
		return;
	}
	/* The key's own slot, else an empty or expired one, else the
	 * first. */
	for (size_t k = 0; k < PROBE && !slot; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (e->key && !strcmp(e->key, key))
			slot = e;
	}
	for (size_t k = 0; k < PROBE && !slot; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (!e->key || e->at < oldest)
			slot = e;
	}
	if (!slot)
		slot = &s->slots[(h / SHARDS) % s->n_slots];
	if (!slot->key)
		s->used++;
	entry_clear(slot);
	*slot = fresh;
	pthread_mutex_unlock(&s->mu);
}

void web_cache_stats(struct web_cache *c, uint64_t *hits, uint64_t *misses,
                     size_t *entries, uint64_t *dropped)
{
	size_t n = 0;

	for (int i = 0; i < SHARDS; i++) {
		pthread_mutex_lock(&c->shards[i].mu);
		n += c->shards[i].used;
		pthread_mutex_unlock(&c->shards[i].mu);
	}
	*hits = atomic_load(&c->hits);
	*misses = atomic_load(&c->misses);
	*entries = n;
	*dropped = atomic_load(&c->dropped);
}
