/* store/content.h: what the content files written once for both engines
 * (taxonomy.c, content.c, discovery.c) share with the rest of the store
 * (private to store/): finding or creating departments, sources and
 * topics inside the caller's write, and reading whole records.
 *
 * Every function takes the calling thread's connection (store_conn) and
 * runs inside whatever transaction is open on it.
 */
#ifndef ASKDOC_STORE_CONTENT_H
#define ASKDOC_STORE_CONTENT_H

#include "store/backend.h"
#include "store/db.h"
#include "util/buf.h"

/* ---- taxonomy.c ---- */

/* A URL slug of name into b: ASCII letters lowercased, digits and
 * non-ASCII bytes kept, runs of anything else one '-'. */
void taxonomy_slugify(struct buf *b, const char *name);
/* Make the slug in b unique with exists_sql (one parameter, the slug;
 * a row when it is taken) by appending -2, -3, ... */
int taxonomy_unique_slug(struct db_conn *c, const char *exists_sql,
                         struct buf *b);
/* The id of the row sql (one text parameter) finds; 0 when none. */
int taxonomy_find_id(struct db_conn *c, const char *sql, const char *key,
                     int64_t *id);
/* Ids of the department or source called name (NULL gives 0), created
 * when missing. */
int taxonomy_dept_ensure(struct db_conn *c, const char *name, int64_t *id);
int taxonomy_source_ensure(struct db_conn *c, const char *name, int64_t *id);
/* The id of topic (name, department dept), created when missing;
 * *created says whether it was. */
int taxonomy_topic_ensure(struct db_conn *c, const char *name, int64_t dept,
                          int64_t *id, int *created);
/* Add the synonyms of topic id not known yet (name itself skipped), after
 * the known ones; *added counts them. */
int taxonomy_topic_add_synonyms(struct db_conn *c, int64_t id, const char *name,
                                const char *const *syn, size_t n, int *added);
/* Archive import (issue 16): set the names in other languages a record
 * carries (struct question's names): the department's on dept, a
 * topic's on the topic of that name in dept, a category's on its path.
 * Names the record does not carry are left as they are. */
int names_import(struct db_conn *c, const struct store_name *v, size_t n,
                 int64_t dept);
/* The columns of a topic link (id, name, slug, department id, name and
 * slug of topic t, department d), read by taxonomy_read_topic_link into a
 * struct topic without synonyms. */
#define TAXONOMY_TOPIC_LINK_COLS                                               \
	"t.id, t.name, t.slug, t.department_id, d.name, d.slug"
void taxonomy_read_topic_link(struct arena *a, struct db_stmt *q, void *elem);
/* Run sql (no rows) with ?1 = x and, when it has a second parameter,
 * ?2 = y. */
int taxonomy_run_ids(struct db_conn *c, const char *sql, int64_t x, int64_t y);

/* ---- content.c ---- */

/* Split s ('\n'-joined, changed in place) into an arena array; NULL and
 * *n 0 for NULL or "". */
const char **content_split_lines(struct arena *a, char *s, size_t *n);
/* Parse a JSON array of strings (the faq topics column). */
const char **content_json_strings(struct arena *a, const char *text, size_t *n);
/* Whole records by id or by key (external id, or slug for articles). */
int content_qa_read(struct db_conn *c, struct arena *a, int64_t id,
                    const char *external_id, struct question *out);
int content_faq_read(struct db_conn *c, struct arena *a, int64_t id,
                     const char *external_id, struct faq *out);
int content_article_read(struct db_conn *c, struct arena *a, int64_t id,
                         const char *slug, const char *external_id,
                         struct article *out);
/* The columns of an answer row, read by content_read_answer into a
 * struct answer; add the WHERE clause. */
#define CONTENT_ANSWER_SELECT                                                  \
	"SELECT a.id, a.question_id, a.doctor_id,"                             \
	" coalesce(u.name, a.author_name), dr.title, dr.hospital,"             \
	" a.department_id, p.name, a.body, a.answered_at, a.edited_at,"        \
	" a.signoff, a.extra, dr.signoff, dr.verified_at IS NOT NULL"          \
	" FROM answers a LEFT JOIN users u ON u.id = a.doctor_id"              \
	" LEFT JOIN doctors dr ON dr.user_id = a.doctor_id"                    \
	" LEFT JOIN departments p ON p.id = a.department_id"
void content_read_answer(struct arena *a, struct db_stmt *q, void *elem);

#endif
