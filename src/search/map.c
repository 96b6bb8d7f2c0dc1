/* search/map.c: string and integer hash tables for the index.
 *
 * Open addressing, linear probing, capacity a power of two, grown at 70%
 * load. The string table keeps its keys in 64 KiB chunks (bigger keys get
 * their own chunk), so rehashing never copies key bytes.
 */
#include "search/map.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define CHUNK_SIZE (64 * 1024)

uint64_t search_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static void smap_grow(struct smap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	struct smap_entry *ne = xcalloc(ncap, sizeof(*ne));

	for (size_t i = 0; i < m->cap; i++) {
		struct smap_entry *e = &m->e[i];
		size_t j;

		if (!e->key)
			continue;
		for (j = e->h & (ncap - 1); ne[j].key; j = (j + 1) & (ncap - 1))
			;
		ne[j] = *e;
	}
	free(m->e);
	m->e = ne;
	m->cap = ncap;
}

uint32_t smap_get(const struct smap *m, const char *key, size_t klen)
{
	uint64_t h;

	if (!m->cap)
		return UINT32_MAX;
	h = search_hash(key, klen);
	for (size_t j = h & (m->cap - 1); m->e[j].key;
	     j = (j + 1) & (m->cap - 1))
		if (m->e[j].h == h && m->e[j].klen == klen &&
		    memcmp(m->e[j].key, key, klen) == 0)
			return m->e[j].val;
	return UINT32_MAX;
}

static char *pool_copy(struct smap *m, const char *key, size_t klen)
{
	char *p;

	if (klen + 1 > m->chunk_cap - m->chunk_used) {
		size_t cap = klen + 1 > CHUNK_SIZE / 4 ? klen + 1 : CHUNK_SIZE;

		p = xmalloc(cap);
		m->chunks = xrealloc(m->chunks,
		                     (m->nchunks + 1) * sizeof(*m->chunks));
		m->chunks[m->nchunks++] = p;
		m->pool_bytes += cap;
		if (cap == CHUNK_SIZE) {
			m->chunk = p;
			m->chunk_used = 0;
			m->chunk_cap = cap;
		} else {
			memcpy(p, key, klen);
			p[klen] = 0;
			return p;
		}
	}
	p = m->chunk + m->chunk_used;
	memcpy(p, key, klen);
	p[klen] = 0;
	m->chunk_used += klen + 1;
	return p;
}

uint32_t smap_put(struct smap *m, const char *key, size_t klen, uint32_t val,
                  const char **kept)
{
	uint64_t h;
	size_t j;

	if ((m->n + 1) * 10 > m->cap * 7)
		smap_grow(m);
	h = search_hash(key, klen);
	for (j = h & (m->cap - 1); m->e[j].key; j = (j + 1) & (m->cap - 1))
		if (m->e[j].h == h && m->e[j].klen == klen &&
		    memcmp(m->e[j].key, key, klen) == 0) {
			if (kept)
				*kept = m->e[j].key;
			return m->e[j].val;
		}
	m->e[j].key = pool_copy(m, key, klen);
	m->e[j].h = h;
	m->e[j].klen = (uint32_t)klen;
	m->e[j].val = val;
	m->n++;
	if (kept)
		*kept = m->e[j].key;
	return val;
}

void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->nchunks; i++)
		free(m->chunks[i]);
	free(m->chunks);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

static size_t uslot(int64_t key, size_t cap)
{
	return search_hash(&key, sizeof(key)) & (cap - 1);
}

static void umap_grow(struct umap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	struct umap_entry *ne = xmalloc(ncap * sizeof(*ne));

	for (size_t i = 0; i < ncap; i++)
		ne[i].val = UINT32_MAX;
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (m->e[i].val == UINT32_MAX)
			continue;
		for (j = uslot(m->e[i].key, ncap); ne[j].val != UINT32_MAX;
		     j = (j + 1) & (ncap - 1))
			;
		ne[j] = m->e[i];
	}
	free(m->e);
	m->e = ne;
	m->cap = ncap;
}

uint32_t umap_get(const struct umap *m, int64_t key)
{
	if (!m->cap)
		return UINT32_MAX;
	for (size_t j = uslot(key, m->cap); m->e[j].val != UINT32_MAX;
	     j = (j + 1) & (m->cap - 1))
		if (m->e[j].key == key)
			return m->e[j].val;
	return UINT32_MAX;
}

void umap_put(struct umap *m, int64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 10 > m->cap * 7)
		umap_grow(m);
	for (j = uslot(key, m->cap); m->e[j].val != UINT32_MAX;
	     j = (j + 1) & (m->cap - 1))
		if (m->e[j].key == key) {
			m->e[j].val = val;
			return;
		}
	m->e[j].key = key;
	m->e[j].val = val;
	m->n++;
}

void umap_del(struct umap *m, int64_t key)
{
	size_t j, k, mask = m->cap - 1;

	if (!m->cap)
		return;
	for (j = uslot(key, m->cap); m->e[j].val != UINT32_MAX;
	     j = (j + 1) & mask)
		if (m->e[j].key == key)
			break;
	if (m->e[j].val == UINT32_MAX)
		return;
	/* Backward-shift deletion keeps every probe chain unbroken. */
	for (k = (j + 1) & mask; m->e[k].val != UINT32_MAX;
	     k = (k + 1) & mask) {
		size_t home = uslot(m->e[k].key, m->cap);

		if (((k - home) & mask) >= ((k - j) & mask)) {
			m->e[j] = m->e[k];
			j = k;
		}
	}
	m->e[j].val = UINT32_MAX;
	m->n--;
}

void umap_free(struct umap *m)
{
	free(m->e);
	memset(m, 0, sizeof(*m));
}
