/* web/views.c: view counts batched in memory.
 *
 * A page view must not cost a database write (a popular page would make
 * every worker queue on SQLite's single writer). Views are added to a small
 * hash table under a mutex; a thread writes them out every few seconds and
 * on shutdown. Counts of a crash's last seconds are lost, which is fine for
 * a view counter.
 *
 * A second table keeps every Q&A's views counted by this process since it
 * started, never reset: cached pages fill their view count from it (see
 * web_views_add), so writing the counts out invalidates no page.
 *
 * A view counts once per visitor, page and day (issue 17). Reading needs
 * no cookie, so a visitor is their address and user agent, and what is
 * remembered is only a 64-bit keyed hash (SipHash) of the page id, the
 * address and the user agent, under a random key made each UTC day and
 * never written anywhere: when the day turns the key and every hash are
 * dropped together, and nothing kept can be traced back to an address
 * (docs/security.md). People behind one address with the same browser
 * count as one; a hash collision loses a view; when a day's table is full
 * (SEEN_MAX visitor-pages) further views count without the check.
 */
#include "web/web.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/log.h"
#include "util/util.h"
#include "web/views.h"

#define VIEW_SLOTS    4096 /* distinct pages between flushes before a flush */
#define FLUSH_SECONDS 5
#define SEEN_MAX      (1u << 20) /* visitor-pages a day: a 16 MiB table */
#define VISITOR_BYTES 512        /* of address and user agent hashed */

struct slot {
	int64_t id; /* 0: empty */
	int64_t n;
};

struct web_views {
	struct store *st;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	int stop;
	size_t used;
	struct slot slots[VIEW_SLOTS];
	struct slot *totals; /* id -> views since start; grows, under mu */
	size_t n_totals, cap_totals;
	/* Today's visitor-pages, as keyed hashes (0: empty); under mu. */
	unsigned char key[crypto_shorthash_KEYBYTES]; /* today's, random */
	int64_t day;                                  /* UTC day of key */
	uint64_t *seen;
	size_t n_seen, cap_seen;
};

/* 1 when visitor has not viewed page id today (and remember that they
 * have now), else 0. Called with mu held. */
static int first_today(struct web_views *v, int64_t id, const char *visitor)
{
	unsigned char in[8 + VISITOR_BYTES], out[crypto_shorthash_BYTES];
	size_t len = strlen(visitor), i;
	int64_t day = (int64_t)time(NULL) / 86400;
	uint64_t h;

	if (day != v->day) { /* a new day: a new key, nothing remembered */
		randombytes_buf(v->key, sizeof(v->key));
		free(v->seen);
		v->seen = NULL;
		v->n_seen = v->cap_seen = 0;
		v->day = day;
	}
	if (len > VISITOR_BYTES)
		len = VISITOR_BYTES;
	for (i = 0; i < 8; i++)
		in[i] = (unsigned char)((uint64_t)id >> (8 * i));
	memcpy(in + 8, visitor, len);
	crypto_shorthash(out, in, 8 + len, v->key);
	memcpy(&h, out, sizeof(h));
	if (!h)
		h = 1;
	if (2 * (v->n_seen + 1) > v->cap_seen) {
		size_t cap = v->cap_seen ? 2 * v->cap_seen : 4096;
		uint64_t *t;

		if (cap > 2 * (size_t)SEEN_MAX)
			return 1; /* full for today: count without the check */
		t = xcalloc(cap, sizeof(*t));
		for (size_t k = 0; k < v->cap_seen; k++) {
			if (!v->seen[k])
				continue;
			i = (size_t)(v->seen[k] % cap);
			while (t[i])
				i = (i + 1) % cap;
			t[i] = v->seen[k];
		}
		free(v->seen);
		v->seen = t;
		v->cap_seen = cap;
	}
	i = (size_t)(h % v->cap_seen);
	while (v->seen[i] && v->seen[i] != h)
		i = (i + 1) % v->cap_seen;
	if (v->seen[i])
		return 0;
	v->seen[i] = h;
	v->n_seen++;
	return 1;
}

static size_t slot_of(int64_t id, size_t n)
{
	return (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 40) % n;
}

/* The running total of id, made on first use. Called with mu held. */
static int64_t *total_of(struct web_views *v, int64_t id)
{
	size_t i;

	if (2 * (v->n_totals + 1) > v->cap_totals) {
		size_t cap = v->cap_totals ? 2 * v->cap_totals : 1024;
		struct slot *t = xcalloc(cap, sizeof(*t));

		for (size_t k = 0; k < v->cap_totals; k++) {
			if (!v->totals[k].id)
				continue;
			i = slot_of(v->totals[k].id, cap);
			while (t[i].id)
				i = (i + 1) % cap;
			t[i] = v->totals[k];
		}
		free(v->totals);
		v->totals = t;
		v->cap_totals = cap;
	}
	i = slot_of(id, v->cap_totals);
	while (v->totals[i].id && v->totals[i].id != id)
		i = (i + 1) % v->cap_totals;
	if (!v->totals[i].id) {
		v->totals[i].id = id;
		v->n_totals++;
	}
	return &v->totals[i].n;
}

/* Write the pending counts; called with mu held, releases it meanwhile. */
static void flush_locked(struct web_views *v)
{
	struct slot *copy;
	size_t n = 0;
	int rc;

	if (!v->used)
		return;
	copy = xmalloc(sizeof(*copy) * v->used);
	for (size_t i = 0; i < VIEW_SLOTS; i++)
		if (v->slots[i].id)
			copy[n++] = v->slots[i];
	memset(v->slots, 0, sizeof(v->slots));
	v->used = 0;
	pthread_mutex_unlock(&v->mu);
	if (store_tx_begin(v->st) == STORE_OK) {
		/* Increments, never totals: another node's views of
		 * the same page add up with these. */
		for (size_t i = 0; i < n; i++)
			store_qa_views_add(v->st, copy[i].id, copy[i].n);
		if ((rc = store_tx_commit(v->st)) != STORE_OK)
			log_warn("view counts not written",
			         "pages=%zu err=\"%s\"", n, store_strerror(rc));
	}
	free(copy);
	pthread_mutex_lock(&v->mu);
}

static void *writer(void *arg)
{
	struct web_views *v = arg;

	pthread_mutex_lock(&v->mu);
	while (!v->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += FLUSH_SECONDS;
		pthread_cond_timedwait(&v->cv, &v->mu, &ts);
		flush_locked(v);
	}
	pthread_mutex_unlock(&v->mu);
	store_thread_release(v->st);
	return NULL;
}

struct web_views *web_views_new(struct store *st)
{
	struct web_views *v = xcalloc(1, sizeof(*v));

	v->st = st;
	if (sodium_init() < 0) {
		log_error("libsodium failed to start", "%s", "views=off");
		abort();
	}
	v->day = -1;
	pthread_mutex_init(&v->mu, NULL);
	pthread_cond_init(&v->cv, NULL);
	if (pthread_create(&v->thread, NULL, writer, v) != 0) {
		log_error("cannot start the view counter thread", "%s", "");
		abort();
	}
	return v;
}

int64_t web_views_add(struct web_views *v, int64_t id, const char *visitor,
                      int64_t *pending)
{
	size_t i = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 52) %
	           VIEW_SLOTS;
	int64_t n = 0, *total;

	pthread_mutex_lock(&v->mu);
	if (v->used > VIEW_SLOTS / 2)
		pthread_cond_signal(&v->cv); /* the writer flushes soon */
	while (v->slots[i].id && v->slots[i].id != id)
		i = (i + 1) % VIEW_SLOTS;
	total = total_of(v, id);
	if (visitor && !first_today(v, id, visitor)) {
		n = v->slots[i].id ? v->slots[i].n : 0; /* not counted */
	} else if (v->slots[i].id || v->used < VIEW_SLOTS - 1) {
		/* When full, the view is dropped rather than blocking. */
		if (!v->slots[i].id) {
			v->slots[i].id = id;
			v->used++;
		}
		n = ++v->slots[i].n;
		++*total;
	}
	if (pending)
		*pending = n;
	n = *total;
	pthread_mutex_unlock(&v->mu);
	return n;
}

void web_views_free(struct web_views *v)
{
	if (!v)
		return;
	pthread_mutex_lock(&v->mu);
	v->stop = 1;
	pthread_cond_signal(&v->cv);
	pthread_mutex_unlock(&v->mu);
	pthread_join(v->thread, NULL);
	pthread_mutex_lock(&v->mu);
	flush_locked(v);
	pthread_mutex_unlock(&v->mu);
	store_thread_release(v->st);
	pthread_cond_destroy(&v->cv);
	pthread_mutex_destroy(&v->mu);
	free(v->totals);
	free(v->seen);
	sodium_memzero(v->key, sizeof(v->key));
	free(v);
}
