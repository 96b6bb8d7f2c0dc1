/* store/ensure.h: finding or creating departments, sources and topics by
 * name inside the caller's write, on either engine (private to store/).
 *
 * What the import (archive.c) and the doctors' topic edits (ask.c) need
 * of the taxonomy; the rest of it is sqlite_taxonomy.c's until that is
 * converted too (issue 15), when these can move there.
 */
#ifndef ASKDOC_STORE_ENSURE_H
#define ASKDOC_STORE_ENSURE_H

#include <stdint.h>

#include "store/db.h"
#include "util/buf.h"

/* A URL slug of name into b: ASCII letters lowercased, digits and
 * non-ASCII bytes kept, runs of anything else one '-'. */
void ens_slugify(struct buf *b, const char *name);
/* Make the slug in b unique with exists_sql (one parameter, the slug),
 * appending -2, -3, ... */
int ens_unique_slug(struct db_conn *c, const char *exists_sql, struct buf *b);
/* The id of the row sql (one text parameter) finds, 0 if none. */
int ens_find_id(struct db_conn *c, const char *sql, const char *key,
                int64_t *id);
/* Ids of the department or source called name (NULL gives 0), created
 * when missing. */
int ens_dept(struct db_conn *c, const char *name, int64_t *id);
int ens_source(struct db_conn *c, const char *name, int64_t *id);
/* The id of topic (name, department dept), created when missing;
 * *created says whether it was. */
int ens_topic(struct db_conn *c, const char *name, int64_t dept, int64_t *id,
              int *created);
/* Add the synonyms not known yet to topic id; *added counts them. */
int ens_topic_synonyms(struct db_conn *c, int64_t id, const char *name,
                       const char *const *syn, size_t n, int *added);

#endif
