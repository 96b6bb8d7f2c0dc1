/* web/cache.c: the rendered-page cache and the content generation.
 *
 * Pages hash to one of SHARDS shards, each a small open hash table under
 * its own mutex, so workers rarely wait for each other. A full shard
 * replaces the entry its probe lands on (random replacement: no list to
 * maintain, and hot pages come back at once). The follower thread reads
 * the store's last changelog sequence every second and raises the
 * generation when it moved; local writes raise it at once. Generations
 * only grow, so a stale entry can never be mistaken for a fresh one.
 */
#include "web/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/util.h"

#define SHARDS 16
#define PROBE  8 /* slots looked at per lookup */

struct entry {
	char *key; /* NULL: empty slot */
	uint64_t gen;
	char *text; /* the page with the hole cut out */
	size_t before_len, after_len;
	int has_hole;
	int64_t aux;
};

struct shard {
	pthread_mutex_t mu;
	struct entry *slots;
	size_t n_slots, used;
};

struct web_cache {
	struct store *st;
	struct shard shards[SHARDS];
	_Atomic uint64_t gen; /* current content generation */
	int64_t seen_seq;     /* last changelog seq the follower saw */
	_Atomic uint64_t hits, misses;
	pthread_mutex_t mu; /* guards stop, with cv */
	pthread_cond_t cv;
	int stop;
	pthread_t follower;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void *follow(void *arg)
{
	struct web_cache *c = arg;

	pthread_mutex_lock(&c->mu);
	while (!c->stop) {
		struct timespec ts;
		int64_t seq;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&c->cv, &c->mu, &ts);
		if (c->stop)
			break;
		pthread_mutex_unlock(&c->mu);
		if (store_last_change_seq(c->st, &seq) == STORE_OK &&
		    seq != c->seen_seq) {
			c->seen_seq = seq;
			atomic_fetch_add(&c->gen, 1);
		}
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	store_thread_release(c->st);
	return NULL;
}

struct web_cache *web_cache_new(struct store *st, size_t max_entries)
{
	struct web_cache *c = xcalloc(1, sizeof(*c));
	size_t per = max_entries / SHARDS + PROBE;

	c->st = st;
	for (int i = 0; i < SHARDS; i++) {
		pthread_mutex_init(&c->shards[i].mu, NULL);
		c->shards[i].slots = xcalloc(per, sizeof(struct entry));
		c->shards[i].n_slots = per;
	}
	atomic_init(&c->gen, 1);
	if (store_last_change_seq(st, &c->seen_seq) != STORE_OK)
		c->seen_seq = -1;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->follower, NULL, follow, c) != 0)
		abort();
	return c;
}

void web_cache_free(struct web_cache *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->follower, NULL);
	for (int i = 0; i < SHARDS; i++) {
		struct shard *s = &c->shards[i];
		for (size_t k = 0; k < s->n_slots; k++) {
			free(s->slots[k].key);
			free(s->slots[k].text);
		}
		free(s->slots);
		pthread_mutex_destroy(&s->mu);
	}
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

uint64_t web_cache_generation(struct web_cache *c)
{
	return atomic_load(&c->gen);
}

void web_cache_invalidate(struct web_cache *c)
{
	atomic_fetch_add(&c->gen, 1);
}

int web_cache_get(struct web_cache *c, const char *key, uint64_t gen,
                  struct arena *a, struct web_cached *out)
{
	uint64_t h = hash_str(key);
	struct shard *s = &c->shards[h % SHARDS];
	int hit = 0;

	pthread_mutex_lock(&s->mu);
	for (size_t k = 0; k < PROBE; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (!e->key || strcmp(e->key, key) != 0)
			continue;
		if (e->gen == gen) {
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
	atomic_fetch_add(hit ? &c->hits : &c->misses, 1);
	return hit;
}

void web_cache_put(struct web_cache *c, const char *key, uint64_t gen,
                   const char *text, size_t len, int64_t aux)
{
	uint64_t h = hash_str(key);
	struct shard *s = &c->shards[h % SHARDS];
	const char *hole =
	        memmem(text, len, WEB_CACHE_HOLE, strlen(WEB_CACHE_HOLE));
	struct entry *slot = NULL;
	struct entry fresh = {0};

	fresh.key = xstrdup(key);
	fresh.gen = gen;
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

	pthread_mutex_lock(&s->mu);
	/* The key's own slot, else an empty or stale one, else the first. */
	for (size_t k = 0; k < PROBE && !slot; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (e->key && !strcmp(e->key, key))
			slot = e;
	}
	for (size_t k = 0; k < PROBE && !slot; k++) {
		struct entry *e = &s->slots[(h / SHARDS + k) % s->n_slots];
		if (!e->key || e->gen < gen)
			slot = e;
	}
	if (!slot)
		slot = &s->slots[(h / SHARDS) % s->n_slots];
	if (!slot->key)
		s->used++;
	free(slot->key);
	free(slot->text);
	*slot = fresh;
	pthread_mutex_unlock(&s->mu);
}

void web_cache_stats(struct web_cache *c, uint64_t *hits, uint64_t *misses,
                     size_t *entries)
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
}
