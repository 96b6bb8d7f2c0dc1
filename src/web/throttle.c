/* web/throttle.c: fixed-window failure counters in a bounded table.
 *
 * Open addressing over PROBES slots per key; one mutex guards the table
 * (a login costs an argon2id verification, milliseconds, so the lock is
 * never the bottleneck). A slot is free when its count is 0.
 */
#include "web/throttle.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define PROBES 8

struct slot {
	unsigned char id[16]; /* keyed hash of the key */
	int64_t start;        /* when the window began */
	int count;            /* failures in the window; 0: free */
};

struct throttle {
	pthread_mutex_t lock;
	unsigned char key[crypto_shorthash_KEYBYTES];
	int limit;
	int64_t window;
	size_t mask; /* slots - 1 */
	struct slot *slots;
};

struct throttle *throttle_new(size_t slots, int limit, int64_t window)
{
	struct throttle *t = xcalloc(1, sizeof(*t));
	size_t n = 16;

	while (n < slots)
		n <<= 1;
	pthread_mutex_init(&t->lock, NULL);
	if (sodium_init() < 0)
		memset(t->key, 0x5a, sizeof(t->key)); /* still works, unkeyed */
	else
		randombytes_buf(t->key, sizeof(t->key));
	t->limit = limit;
	t->window = window;
	t->mask = n - 1;
	t->slots = xcalloc(n, sizeof(struct slot));
	return t;
}

void throttle_free(struct throttle *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	free(t->slots);
	free(t);
}

static void key_id(const struct throttle *t, const char *key,
                   unsigned char id[16])
{
	crypto_generichash(id, 16, (const unsigned char *)key, strlen(key),
	                   t->key, sizeof(t->key));
}

/* The slot holding id, or NULL; with `make`, a free or the stalest slot
 * of the probe sequence, cleared and taken for id. Under t->lock. */
static struct slot *find(struct throttle *t, const unsigned char id[16],
                         int64_t now, int make)
{
	size_t h, i;
	struct slot *victim = NULL;

	memcpy(&h, id, sizeof(h));
	for (i = 0; i < PROBES; i++) {
		struct slot *s = &t->slots[(h + i) & t->mask];
		if (s->count && now - s->start >= t->window)
			s->count = 0; /* expired: free it on the way */
		if (s->count && !memcmp(s->id, id, 16))
			return s;
		if (!victim ||
		    (victim->count && (!s->count || s->start < victim->start)))
			victim = s;
	}
	if (!make)
		return NULL;
	memcpy(victim->id, id, 16);
	victim->start = now;
	victim->count = 0;
	return victim;
}

int throttle_blocked(struct throttle *t, const char *key, int64_t now,
                     int64_t *retry_after)
{
	unsigned char id[16];
	struct slot *s;
	int blocked = 0;

	key_id(t, key, id);
	pthread_mutex_lock(&t->lock);
	s = find(t, id, now, 0);
	if (s && s->count >= t->limit) {
		blocked = 1;
		if (retry_after)
			*retry_after = s->start + t->window - now;
	}
	pthread_mutex_unlock(&t->lock);
	return blocked;
}

int throttle_fail(struct throttle *t, const char *key, int64_t now)
{
	unsigned char id[16];
	struct slot *s;
	int n;

	key_id(t, key, id);
	pthread_mutex_lock(&t->lock);
	s = find(t, id, now, 1);
	n = ++s->count;
	pthread_mutex_unlock(&t->lock);
	return n;
}

void throttle_reset(struct throttle *t, const char *key)
{
	unsigned char id[16];
	struct slot *s;

	key_id(t, key, id);
	pthread_mutex_lock(&t->lock);
	if ((s = find(t, id, INT64_MIN / 2, 0)))
		s->count = 0;
	pthread_mutex_unlock(&t->lock);
}
