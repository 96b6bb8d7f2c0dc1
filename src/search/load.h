/* search/load.h: reading archive files (JSON Lines) into the index, for
 * benchmarks and evaluations, and the date format documents carry.
 *
 * search/ never sees the store: services/follower.h hands it documents.
 */
#ifndef ASKDOC_SEARCH_LOAD_H
#define ASKDOC_SEARCH_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "search/search.h"

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
