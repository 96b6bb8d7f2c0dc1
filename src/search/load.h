/* search/load.h: filling and following the index from the store, and
 * reading archive files (JSON Lines) for benchmarks and evaluations.
 *
 * This is the only part of search/ that knows the store's interface; the
 * engine itself (search.h) only sees struct search_doc.
 */
#ifndef ASKDOC_SEARCH_LOAD_H
#define ASKDOC_SEARCH_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "search/search.h"

struct store;

/* Index every published document of st. On success returns 0, stores the
 * number indexed in *count and the changelog position to follow from in
 * *seq (either may be NULL); otherwise returns the store's negative error
 * code (documents indexed so far stay). */
int search_load_store(struct search_index *ix, struct store *st, size_t *count,
                      int64_t *seq);

/* Apply the changelog after *seq (up to 1000 changes per call) and advance
 * *seq; *applied (may be NULL) gets the number of changes applied. Returns
 * 0 or the store's negative error code. */
int search_follow(struct search_index *ix, struct store *st, int64_t *seq,
                  size_t *applied);

/* Parse one archive record (JSON) into d, with strings in a; the id is
 * given (archives have none). Returns 0 or -EINVAL for a line that is not
 * a JSON object. */
int search_doc_from_json(struct arena *a, const char *line, size_t len,
                         int64_t id, struct search_doc *d);

/* Index every record of the archive at path ("-" for stdin), numbering
 * them from 1 in file order. Returns 0 (bad lines are skipped) or -errno
 * when the file cannot be opened. */
int search_load_jsonl(struct search_index *ix, const char *path, size_t *count);

/* Seconds since the epoch of an ISO 8601 date ("2006-08-25" or
 * "2006-08-25T10:00:00Z", read as UTC); 0 when s is NULL or not a date. */
int64_t search_parse_date(const char *s);

#endif
