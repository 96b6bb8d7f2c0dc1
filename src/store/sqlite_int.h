/* store/sqlite_int.h: what the SQLite backend's files share (private to
 * store/sqlite*.c and the store's unit tests).
 *
 * sqlite.c owns opening, backup and secrets (connections, transactions
 * and the changelog are store/db.c's; the files written once for both
 * engines are listed in store/db.h's users: changes.c, moreinfo.c,
 * requests.c, users.c, admin.c, comments.c,
 * secrets.c, mydata.c, mail.c);
 * sqlite_stmt.c the statement cache and the helpers below;
 * sqlite_schema.c the schema and its migrations; sqlite_taxonomy.c
 * departments, topics and sources; sqlite_content.c Q&As, the library and
 * articles (reads and the site's writes);  * sqlite_archive.c the search
 * documents, import and export; sqlite_ask.c the doctors' queue, status
 * changes, mail and audit; sqlite_discovery.c profiles, lists and the article
 * editor; sqlite_mydata.c the patients' data (issue 6).
 *
 * Statements are cached per connection, keyed by the address of their SQL
 * text: code writes `q = sq_stmt(c, "SELECT ...")` beside the code that
 * binds it, and the first call on a connection prepares the statement. A
 * statement handed out by sq_stmt() is reset, so a caller always starts
 * with a fresh statement; it must sqlite3_reset() it when done (or let
 * sq_step() do so on the last row or on error), or the read transaction
 * stays open.
 */
#ifndef ASKDOC_STORE_SQLITE_INT_H
#define ASKDOC_STORE_SQLITE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

#include "store/backend.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"

/* The schema version this program writes (PRAGMA user_version). */
#define SQ_SCHEMA_VERSION 11
/* Slots of a connection's statement cache (a power of two, more than the
 * statements the backend has). */
#define SQ_STMT_SLOTS 512

/* The current UTC time as the store writes dates, in SQL. */
#define SQ_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* STORE_EXCERPT_CHARS as SQL text, for list excerpts. */
#define SQ_XSTR(x) SQ_STR(x)
#define SQ_STR(x)  #x
#define SQ_EXCERPT SQ_XSTR(STORE_EXCERPT_CHARS)

struct sq_slot {
	const char *sql; /* the key: the address of the SQL text */
	sqlite3_stmt *stmt;
};

/* One thread's connection to one store: the driver-neutral head (its own
 * statement cache, for store/db.h's statements) and the SQLite handle
 * with the cache of the SQLite-only files' statements. */
struct conn {
	struct db_conn base;
	sqlite3 *db;
	size_t n_stmts;
	struct sq_slot slots[SQ_STMT_SLOTS];
};

/* The calling thread's connection to st, opened on first use. */
int sq_conn(struct store *st, struct conn **out);
/* The cached statement for sql on c (prepared on first use), reset and
 * with its bindings cleared; NULL after recording the error. */
sqlite3_stmt *sq_stmt(struct conn *c, const char *sql);
/* sq_stmt with ?1 bound to id. */
sqlite3_stmt *sq_stmt_id(struct conn *c, const char *sql, int64_t id);
/* sq_stmt of a page of a list: ?1 bound to key (a statement may leave
 * ?1 out), ?2 to limit and ?3 to offset. */
sqlite3_stmt *sq_stmt_page(struct conn *c, const char *sql, int64_t key,
                           size_t limit, size_t offset);
/* sq_stmt of key_sql with ?1 bound to key, or when key is NULL of id_sql
 * with ?1 bound to id (a lookup by slug or external id, else by id). */
sqlite3_stmt *sq_stmt_key(struct conn *c, const char *key_sql, const char *key,
                          const char *id_sql, int64_t id);
/* Step q: 1 for a row, 0 when done, or a negative STORE_* code (the error
 * is recorded). On 0 and on error q is reset. */
int sq_step(struct conn *c, sqlite3_stmt *q);
/* Step a statement that returns no rows to its end and reset it. Returns
 * STORE_OK or a STORE_* code (STORE_CONFLICT for a unique constraint). */
int sq_run(struct conn *c, sqlite3_stmt *q);
/* Record the error of the last call on c; returns its STORE_* code. */
int sq_fail(struct conn *c, int rc);
/* Start a write: BEGIN IMMEDIATE when no transaction is open (*top = 1),
 * else a savepoint (*top = 0). sq_write_end commits or releases on rc ==
 * STORE_OK and rolls back otherwise; it returns rc or the commit's error. */
int sq_write_begin(struct conn *c, int *top);
int sq_write_end(struct conn *c, int top, int rc);
/* Append a changelog row in the current transaction. */
int sq_change(struct conn *c, enum store_kind kind, int64_t id,
              enum store_op op);

/* Bind a string (NULL binds NULL) or an id (0 binds NULL). */
void sq_bind_text(sqlite3_stmt *q, int i, const char *s);
void sq_bind_id(sqlite3_stmt *q, int i, int64_t id);
/* Make room in arena array v (k elements of size bytes, *cap allocated)
 * for one more, doubling; returns the array, moved if it grew. */
void *sq_grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size);
/* Reads the current row of q into *elem (a struct of the caller's). */
typedef void (*sq_row_reader)(struct arena *a, sqlite3_stmt *q, void *elem);
/* Step q (bound) to its end, reading each row with read into a new
 * element of size bytes of an arena array; on success *out is the array
 * (NULL for none) and *n its length. Returns STORE_OK or the step's
 * error; q may be NULL (a failed sq_stmt, already recorded), giving
 * STORE_ERROR. */
int sq_rows(struct conn *c, struct arena *a, sqlite3_stmt *q, size_t size,
            sq_row_reader read, void *out, size_t *n);
/* Step q (bound) expecting at most one row, read it with read into *out
 * and reset q. Returns STORE_OK, STORE_NOTFOUND (recorded as "no such
 * <what>") when there is no row, or the step's error; q may be NULL (a
 * failed sq_stmt, already recorded), giving STORE_ERROR. */
int sq_row(struct conn *c, struct arena *a, sqlite3_stmt *q, sq_row_reader read,
           void *out, const char *what);
/* sq_rows of sql with ?1 bound to id. */
int sq_rows_id(struct conn *c, struct arena *a, const char *sql, int64_t id,
               size_t size, sq_row_reader read, void *out, size_t *n);
/* sq_row on the calling thread's connection to st, with sql's ?1 bound
 * to id. */
int sq_row_by_id(struct store *st, struct arena *a, const char *sql, int64_t id,
                 sq_row_reader read, void *out, const char *what);
/* Row readers of column 0: an arena string into a const char *, an
 * integer into an int64_t. */
void sq_read_text(struct arena *a, sqlite3_stmt *q, void *elem);
void sq_read_int64(struct arena *a, sqlite3_stmt *q, void *elem);
/* Step q (bound; an aggregate query, NULL like sq_row) to its first row
 * and read columns 0 to n - 1 as integers into *out[0] to *out[n - 1]
 * (all 0 when there is no row). Returns STORE_OK or the step's error. */
int sq_ints(struct conn *c, sqlite3_stmt *q, int64_t *const *out, size_t n);
/* The integer in column 0 of the first row of sql (one id parameter);
 * STORE_NOTFOUND when there is no row. */
int sq_one_int(struct conn *c, const char *sql, int64_t id, int64_t *out);
/* Run sql (no result rows) with ?1 = a and, when it has a second
 * parameter, ?2 = b. Returns STORE_OK or sq_run's error. */
int sq_run_ids(struct conn *c, const char *sql, int64_t a, int64_t b);
/* After a write of row id: STORE_OK when it changed a row, else
 * STORE_NOTFOUND recorded as "no <what> <id>". */
int sq_changed(struct conn *c, const char *what, int64_t id);
/* Run one statement without parameters or result rows. */
int sq_exec(struct conn *c, const char *sql);
/* Column i as an arena string, NULL for SQL NULL. */
char *sq_col_text(struct arena *a, sqlite3_stmt *q, int i);

/* sqlite_schema.c: bring c's database to schema version target (no
 * later than SQ_SCHEMA_VERSION) in one IMMEDIATE transaction. Returns
 * STORE_OK, or STORE_ERROR for a file that is not askdoc's, one of a
 * newer schema, or a failed migration (nothing applied). */
int sq_migrate(struct conn *c, int target);
/* Open a store whose schema is brought to `version` only (tests use it to
 * make a database of an older version). */
int sq_open_version(const char *path, unsigned flags, int version,
                    struct store **out);

/* ---- sqlite_taxonomy.c ---- */
/* A URL slug of name into b, and made unique with exists_sql (one
 * parameter, the slug) by appending -2, -3, ... */
void sq_slugify(struct buf *b, const char *name);
int sq_unique_slug(struct conn *c, const char *exists_sql, struct buf *b);
/* The id of the row sql (one text parameter) finds, 0 if none. */
int sq_find_id(struct conn *c, const char *sql, const char *key, int64_t *id);
/* Ids of the department or source called name (NULL gives 0), created
 * when missing. */
int sq_dept_ensure(struct conn *c, const char *name, int64_t *id);
int sq_source_ensure(struct conn *c, const char *name, int64_t *id);
/* The id of topic (name, department dept), created when missing. */
int sq_topic_ensure(struct conn *c, const char *name, int64_t dept, int64_t *id,
                    int *created);
/* Add the synonyms not known yet to topic id; *added counts them. */
int sq_topic_add_synonyms(struct conn *c, int64_t id, const char *name,
                          const char *const *syn, size_t n, int *added);
/* The columns of a topic link (id, name, slug, department id, name and
 * slug of topic t, department d), read by sq_read_topic_link into a
 * struct topic without synonyms. */
#define SQ_TOPIC_LINK_COLS                                                     \
	"t.id, t.name, t.slug, t.department_id, d.name, d.slug"
void sq_read_topic_link(struct arena *a, sqlite3_stmt *q, void *elem);
int sq_names_list(struct store *st, struct arena *a, const char *lang,
                  struct store_name **out, size_t *n);
int sq_name_set(struct store *st, enum store_kind kind, int64_t id,
                const char *lang, const char *name);
int sq_department_list(struct store *st, struct arena *a,
                       struct department **out, size_t *n);
int sq_department_get(struct store *st, struct arena *a, int64_t id,
                      const char *slug, struct department *out);
int sq_department_ensure(struct store *st, const char *name, int64_t *id);
int sq_topic_list(struct store *st, struct arena *a, int64_t department_id,
                  struct topic **out, size_t *n);
int sq_topic_get(struct store *st, struct arena *a, int64_t id,
                 const char *slug, struct topic *out);
int sq_department_create(struct store *st, const char *name,
                         const char *description, int64_t *id);
int sq_department_update(struct store *st, int64_t id, const char *name,
                         const char *description);
int sq_topic_create(struct store *st, const char *name, int64_t department_id,
                    int64_t *id);
int sq_topic_update(struct store *st, int64_t id, const char *name,
                    int64_t department_id);
int sq_topic_merge(struct store *st, int64_t from, int64_t into);
int sq_slug_redirect(struct store *st, struct arena *a,
                     enum store_slug_kind kind, const char *old_slug,
                     const char **slug);

/* ---- sqlite_content.c ---- */
/* Split a '\n'-joined column, or parse a JSON array of strings, into an
 * arena array. */
const char **sq_split_lines(struct arena *a, sqlite3_stmt *q, int col,
                            size_t *n);
const char **sq_json_strings(struct arena *a, const char *text, size_t *n);
/* Whole records, by id or by key. */
int sq_qa_read(struct conn *c, struct arena *a, int64_t id,
               const char *external_id, struct question *out);
int sq_faq_read(struct conn *c, struct arena *a, int64_t id,
                const char *external_id, struct faq *out);
int sq_article_read(struct conn *c, struct arena *a, int64_t id,
                    const char *slug, const char *external_id,
                    struct article *out);
/* The columns of an answer row, read by sq_read_answer into a struct
 * answer; add the WHERE clause. */
#define SQ_ANSWER_SELECT                                                       \
	"SELECT a.id, a.question_id, a.doctor_id,"                             \
	" coalesce(u.name, a.author_name), dr.title, dr.hospital,"             \
	" a.department_id, p.name, a.body, a.answered_at, a.edited_at,"        \
	" a.signoff, a.extra, dr.signoff, dr.verified_at IS NOT NULL"          \
	" FROM answers a LEFT JOIN users u ON u.id = a.doctor_id"              \
	" LEFT JOIN doctors dr ON dr.user_id = a.doctor_id"                    \
	" LEFT JOIN departments p ON p.id = a.department_id"
void sq_read_answer(struct arena *a, sqlite3_stmt *q, void *elem);
int sq_qa_list(struct store *st, struct arena *a, int by, int64_t key,
               size_t offset, size_t limit, struct qa_item **out, size_t *n);
int sq_qa_get(struct store *st, struct arena *a, int64_t id,
              const char *external_id, struct question *out);
int sq_qa_briefs(struct store *st, struct arena *a, const int64_t *ids,
                 size_t n, struct qa_brief **out, size_t *nout);
int sq_qa_view(struct store *st, int64_t id);
int sq_question_create(struct store *st, const struct question *q, int64_t *id);
int sq_answer_create(struct store *st, const struct answer *ans, int64_t *id);
int sq_faq_get(struct store *st, struct arena *a, int64_t id,
               const char *external_id, struct faq *out);
int sq_article_get(struct store *st, struct arena *a, int64_t id,
                   const char *slug, struct article *out);

/* ---- sqlite_archive.c ---- */
int sq_each_document(struct store *st, store_doc_fn fn, void *ctx);
int sq_document_get(struct store *st, struct arena *a, enum store_kind kind,
                    int64_t id, struct store_doc *out);
int sq_documents_get(struct store *st, struct arena *a,
                     const enum store_kind *kinds, const int64_t *ids, size_t n,
                     struct store_doc **out, size_t *nout);
int sq_qa_import(struct store *st, const struct question *q,
                 const char *content_hash, enum store_import_result *res);
int sq_faq_import(struct store *st, const struct faq *f,
                  const char *content_hash, enum store_import_result *res);
int sq_article_import(struct store *st, const struct article *ar,
                      const char *content_hash, enum store_import_result *res);
int sq_export_each(struct store *st, store_record_fn fn, void *ctx);

/* ---- asking and answering (issue 3): sqlite_ask.c ---- */
int sq_queue_list(struct store *st, struct arena *a, int64_t department_id,
                  size_t offset, size_t limit, struct question_item **out,
                  size_t *n);
int sq_queue_count(struct store *st, int64_t *waiting, int64_t *urgent);
int sq_queue_oldest(struct store *st, int64_t *seconds);
int sq_writable(struct store *st);
int sq_busy_timeout(struct store *st, int ms);
int sq_question_list_by_user(struct store *st, struct arena *a, int64_t user_id,
                             size_t offset, size_t limit,
                             struct question_item **out, size_t *n);
int sq_question_followups(struct store *st, struct arena *a, int64_t id,
                          struct question_item **out, size_t *n);
int sq_question_item(struct store *st, struct arena *a, int64_t id,
                     struct question_item *out);
int sq_question_by_token(struct store *st, struct arena *a,
                         const char *token_hash, struct question *out);
int sq_question_add_link(struct store *st, int64_t id, const char *token_hash);
int sq_question_set_status(struct store *st, int64_t id,
                           enum store_qstatus status);
int sq_question_transition(struct store *st, int64_t id,
                           enum store_qstatus from, enum store_qstatus to);
int sq_question_reject(struct store *st, int64_t id, const char *reason);
int sq_question_reason(struct store *st, struct arena *a, int64_t id,
                       const char **reason);
int sq_question_set_public_text(struct store *st, int64_t id, const char *title,
                                const char *text);
int sq_question_set_department(struct store *st, int64_t id,
                               int64_t department_id);
int sq_question_set_topics(struct store *st, int64_t id,
                           const int64_t *topic_ids, size_t n);
int sq_topic_ensure_named(struct store *st, const char *name,
                          int64_t department_id, int64_t *id);
int sq_answer_get(struct store *st, struct arena *a, int64_t id,
                  struct answer *out);
int sq_answer_update(struct store *st, const struct answer *ans);
/* ---- password resets (issue 11): sqlite_resets.c ---- */
/* The migration that adds password_resets (listed in sqlite_schema.c). */
extern const char sq_schema_resets[];
int sq_reset_add(struct store *st, int64_t user_id, const char *token_hash,
                 int64_t now, int64_t expires_at);
int sq_reset_get(struct store *st, const char *token_hash,
                 struct store_reset *out);
int sq_reset_use(struct store *st, const char *token_hash, int64_t now,
                 int64_t *user_id);

extern const char sq_schema_names[]; /* sqlite_names.c */

/* ---- content and discovery (issue 5): sqlite_discovery.c ---- */
int sq_doctor_profile(struct store *st, struct arena *a, int64_t user_id,
                      struct doctor_profile *out);
int sq_doctor_list(struct store *st, struct arena *a, int64_t department_id,
                   size_t offset, size_t limit, struct doctor_profile **out,
                   size_t *n);
int sq_doctor_set_about(struct store *st, int64_t user_id, const char *bio,
                        const char *signoff);
int sq_doctor_photo_set(struct store *st, int64_t user_id, const char *type,
                        const void *data, size_t len);
int sq_doctor_photo_get(struct store *st, struct arena *a, int64_t user_id,
                        struct doctor_photo *out);
int sq_faq_list(struct store *st, struct arena *a, int64_t topic_id,
                int64_t department_id, size_t offset, size_t limit,
                struct faq_item **out, size_t *n);
int sq_qa_count(struct store *st, int64_t topic_id, int64_t doctor_id,
                int64_t department_id, int64_t *n);
int sq_article_list(struct store *st, struct arena *a, const char *category,
                    int64_t author_id, size_t offset, size_t limit,
                    struct article_item **out, size_t *n);
int sq_article_categories(struct store *st, struct arena *a,
                          struct article_category **out, size_t *n);
int sq_article_state(struct store *st, int64_t id, struct article_state *out);
int sq_article_save(struct store *st, const struct article *ar,
                    int64_t author_id, enum store_article_status status,
                    int64_t *id);
int sq_map_max_id(struct store *st, enum store_map_kind kind, int64_t *max);
int sq_map_range(struct store *st, struct arena *a, enum store_map_kind kind,
                 int64_t lo, int64_t hi, struct store_map_entry **out,
                 size_t *n);

#endif
