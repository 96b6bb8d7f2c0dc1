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

#include "store/store.h"
#include "util/log.h"
#include "util/util.h"

#define PROBES 8

struct slot {
	unsigned char id[16]; /* keyed hash of the key */
	int64_t start;        /* when the window began */
	int count;            /* failures in the window; 0: free */
};

struct throttle {
	const char *name;
	pthread_mutex_t lock;
	unsigned char key[crypto_shorthash_KEYBYTES];
	int limit;
	int64_t window;
	size_t mask; /* slots - 1 */
	struct slot *slots;
};

/* Where throttles are shared (throttle_share), read without the lock
 * once set: it is set at start-up, before requests. */
static struct store *shared_st;
static unsigned char shared_key[32];

void throttle_share(struct store *st, const unsigned char key[32])
{
	shared_st = st;
	if (st)
		memcpy(shared_key, key, sizeof(shared_key));
	else
		sodium_memzero(shared_key, sizeof(shared_key));
}

/* The database's key for key: a keyed hash, in hex. */
static void shared_id(const char *key, char hex[33])
{
	unsigned char id[16];

	crypto_generichash(id, sizeof(id), (const unsigned char *)key,
	                   strlen(key), shared_key, sizeof(shared_key));
	sodium_bin2hex(hex, 33, id, sizeof(id));
}

static void shared_failed(const struct throttle *t, const char *what)
{
	log_warn("throttle in the database failed",
	         "throttle=%s op=%s err=\"%s\"", t->name, what, store_errmsg());
}

struct throttle *throttle_new(const char *name, size_t slots, int limit,
                              int64_t window)
{
	struct throttle *t = xcalloc(1, sizeof(*t));
	size_t n = 16;

	t->name = name;
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

	if (shared_st && t->name) {
		char hex[33];
		int64_t count, expires;

		shared_id(key, hex);
		if (store_throttle_get(shared_st, t->name, hex, now, &count,
		                       &expires) == STORE_OK) {
			if (count < t->limit)
				return 0;
			if (retry_after)
				*retry_after = expires - now;
			return 1;
		}
		shared_failed(t, "get");
	}
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

	if (shared_st && t->name) {
		char hex[33];
		int64_t count;

		shared_id(key, hex);
		if (store_throttle_fail(shared_st, t->name, hex, now, t->window,
		                        &count) == STORE_OK)
			return (int)count;
		shared_failed(t, "fail");
	}
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

	if (shared_st && t->name) {
		char hex[33];

		shared_id(key, hex);
		if (store_throttle_reset(shared_st, t->name, hex) != STORE_OK)
			shared_failed(t, "reset");
	}
	key_id(t, key, id);
	pthread_mutex_lock(&t->lock);
	if ((s = find(t, id, INT64_MIN / 2, 0)))
		s->count = 0;
	pthread_mutex_unlock(&t->lock);
}
