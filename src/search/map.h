/* search/map.h: the two hash tables the engine uses (internal).
 *
 * smap maps byte strings to uint32 values; the keys are copied into a
 * chunked pool owned by the map, so they never move and a key pointer
 * stays valid for the map's life. umap maps int64 keys to uint32 values.
 * Both use open addressing with linear probing and grow at 70% load;
 * umap supports removal (backward-shift deletion). Neither is
 * thread-safe: the index's lock guards them.
 */
#ifndef ASKDOC_SEARCH_MAP_H
#define ASKDOC_SEARCH_MAP_H

#include <stddef.h>
#include <stdint.h>

struct smap_entry {
	uint64_t h;
	const char *key; /* NULL: empty slot */
	uint32_t klen;
	uint32_t val;
};

struct smap {
	struct smap_entry *e;
	size_t cap, n;
	char *chunk; /* current key pool chunk */
	size_t chunk_used, chunk_cap;
	char **chunks; /* every chunk, for freeing */
	size_t nchunks;
	size_t pool_bytes;
};

uint64_t search_hash(const void *p, size_t n);

/* Return the value stored for key, or UINT32_MAX when absent. */
uint32_t smap_get(const struct smap *m, const char *key, size_t klen);
/* Store val for key unless present; return the value now stored. When
 * kept is not NULL it receives the map's copy of the key. */
uint32_t smap_put(struct smap *m, const char *key, size_t klen, uint32_t val,
                  const char **kept);
void smap_free(struct smap *m);

struct umap_entry {
	int64_t key;
	uint32_t val; /* UINT32_MAX: empty slot */
};

struct umap {
	struct umap_entry *e;
	size_t cap, n;
};

uint32_t umap_get(const struct umap *m, int64_t key);
void umap_put(struct umap *m, int64_t key, uint32_t val);
void umap_del(struct umap *m, int64_t key);
void umap_free(struct umap *m);

#endif
