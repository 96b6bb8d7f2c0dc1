/* services/follower.h: the one reader of the store's changelog.
 *
 * Everything derived from published content (the search index, the page
 * cache) follows the `changes` table through one follower. For each batch
 * of changes it first hands the changed documents to the search index
 * (re-read from the store, or removed), then tells its owner which pages
 * the batch touched, so a page is never refilled from a stale index. A
 * thread polls every second, which is how writes by another process (a
 * second server on the same database, the CLI) are seen; a process' own
 * writes apply at once through follower_sync().
 *
 * search/ never sees the store: this is where store documents become
 * search documents, at start-up (follower_load_index) and after.
 */
#ifndef ASKDOC_SERVICES_FOLLOWER_H
#define ASKDOC_SERVICES_FOLLOWER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct search_index;
struct follower;

/* What a batch of changes touched: a published page's content kind and
 * id. A comment is reported as the page it is on. */
struct follower_touch {
	enum store_kind kind; /* QA, FAQ or ARTICLE */
	int64_t id;
};

/* Told after the index has the batch: the n pages touched, or all != 0
 * when the batch may change any page (a topic renamed or merged, a
 * comment whose page is gone). Runs on the follower's thread or on the
 * thread calling follower_sync. */
typedef void (*follower_fn)(void *arg, const struct follower_touch *t, size_t n,
                            int all);

/* Index every published document of st into ix; *count (may be NULL) gets
 * how many and *seq the changelog position to follow from. Returns 0 or
 * the store's negative error code. */
int follower_load_index(struct search_index *ix, struct store *st,
                        size_t *count, int64_t *seq);

/* Load ix from st, then follow the changelog from there in a thread,
 * calling fn(arg, ...) after each batch. NULL with *err set on failure. */
struct follower *follower_new(struct store *st, struct search_index *ix,
                              follower_fn fn, void *arg, char **err);
/* Apply every change committed so far before returning (on the calling
 * thread), so the caller's own write is in the index and the cache. */
void follower_sync(struct follower *f);
/* Stop the thread and free f (not the index). NULL is allowed. */
void follower_free(struct follower *f);

#endif
