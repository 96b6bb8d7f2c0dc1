/* store/backend.h: what a storage backend implements (private to store/).
 *
 * A backend fills one struct store_ops with its functions and makes stores
 * whose first member is a struct store pointing at that table; store.c's
 * public functions only dispatch through it. Every operation has exactly
 * the contract of the public function of the same name in store.h.
 * Backends report failure text with store_set_error().
 */
#ifndef ASKDOC_STORE_BACKEND_H
#define ASKDOC_STORE_BACKEND_H

#include "store/db.h"
#include "store/store.h"

struct store_ops {
	int (*backup)(struct store *st, const char *dest_path);

	int (*question_set_status)(struct store *st, int64_t id,
	                           enum store_qstatus status);

	int (*each_document)(struct store *st, store_doc_fn fn, void *ctx);
	int (*document_get)(struct store *st, struct arena *a,
	                    enum store_kind kind, int64_t id,
	                    struct store_doc *out);

	int (*qa_import)(struct store *st, const struct question *q,
	                 const char *content_hash,
	                 enum store_import_result *res);
	int (*faq_import)(struct store *st, const struct faq *f,
	                  const char *content_hash,
	                  enum store_import_result *res);
	int (*article_import)(struct store *st, const struct article *ar,
	                      const char *content_hash,
	                      enum store_import_result *res);
	int (*export_each)(struct store *st, store_record_fn fn, void *ctx);

	/* ---- accounts admin (issue 3) ---- */
	/* patients' control of their data (issue 6) */

	/* ---- asking and answering (issue 3) ---- */
	int (*queue_list)(struct store *st, struct arena *a,
	                  int64_t department_id, size_t offset, size_t limit,
	                  struct question_item **out, size_t *n);
	int (*queue_count)(struct store *st, int64_t *waiting, int64_t *urgent);
	int (*question_list_by_user)(struct store *st, struct arena *a,
	                             int64_t user_id, size_t offset,
	                             size_t limit, struct question_item **out,
	                             size_t *n);
	int (*question_followups)(struct store *st, struct arena *a, int64_t id,
	                          struct question_item **out, size_t *n);
	int (*question_item)(struct store *st, struct arena *a, int64_t id,
	                     struct question_item *out);
	int (*question_by_token)(struct store *st, struct arena *a,
	                         const char *token_hash, struct question *out);
	int (*question_add_link)(struct store *st, int64_t id,
	                         const char *token_hash);
	int (*question_transition)(struct store *st, int64_t id,
	                           enum store_qstatus from,
	                           enum store_qstatus to);
	int (*question_reject)(struct store *st, int64_t id,
	                       const char *reason);
	int (*question_reason)(struct store *st, struct arena *a, int64_t id,
	                       const char **reason);
	int (*question_set_department)(struct store *st, int64_t id,
	                               int64_t department_id);
	int (*question_set_public_text)(struct store *st, int64_t id,
	                                const char *title, const char *text);
	int (*question_set_topics)(struct store *st, int64_t id,
	                           const int64_t *topic_ids, size_t n);
	int (*topic_ensure)(struct store *st, const char *name,
	                    int64_t department_id, int64_t *id);
	int (*answer_get)(struct store *st, struct arena *a, int64_t id,
	                  struct answer *out);
	int (*answer_update)(struct store *st, const struct answer *ans);

	/* ---- content and discovery (issue 5) ---- */

	/* ---- operations (issue 18) ---- */
	int (*queue_oldest)(struct store *st, int64_t *seconds);
	int (*writable)(struct store *st);
	int (*busy_timeout)(struct store *st, int ms);
	/* ---- password resets (issue 11) ---- */
};

/* The head of every backend's store. */
struct store {
	const struct store_ops *ops;
	struct db *db; /* the driver's database (store/db.h) */
};

/* The calling thread's connection to st (store/db.h), for the
 * driver-neutral files. */
static inline int store_conn(struct store *st, struct db_conn **c)
{
	return db_conn_get(st->db, 0, c);
}

/* Which list qa_list returns. */
enum { STORE_BY_LATEST, STORE_BY_TOPIC, STORE_BY_DOCTOR };

/* A backend calls it once for every statement it runs. */
void store_statement_ran(void);

/* The backends' constructors (flags as for store_open). */
int store_sqlite_open(const char *path, unsigned flags, struct store **out);
/* A store on the PostgreSQL database conninfo names (a libpq URL or
 * key=value string), migrated to the latest version or to `version`.
 * Only the operations already written over the driver interface work;
 * the others fail with STORE_ERROR naming themselves. */
int store_pg_open(const char *conninfo, struct store **out);
int store_pg_open_version(const char *conninfo, int version,
                          struct store **out);

#endif
