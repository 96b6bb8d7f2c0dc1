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

	int (*names_list)(struct store *st, struct arena *a, const char *lang,
	                  struct store_name **out, size_t *n);
	int (*name_set)(struct store *st, enum store_kind kind, int64_t id,
	                const char *lang, const char *name);
	int (*department_list)(struct store *st, struct arena *a,
	                       struct department **out, size_t *n);
	int (*department_get)(struct store *st, struct arena *a, int64_t id,
	                      const char *slug, struct department *out);
	int (*department_ensure)(struct store *st, const char *name,
	                         int64_t *id);
	int (*topic_list)(struct store *st, struct arena *a,
	                  int64_t department_id, struct topic **out, size_t *n);
	int (*topic_get)(struct store *st, struct arena *a, int64_t id,
	                 const char *slug, struct topic *out);

	int (*qa_list)(struct store *st, struct arena *a, int by, int64_t key,
	               size_t offset, size_t limit, struct qa_item **out,
	               size_t *n);
	int (*qa_briefs)(struct store *st, struct arena *a, const int64_t *ids,
	                 size_t n, struct qa_brief **out, size_t *nout);
	int (*qa_get)(struct store *st, struct arena *a, int64_t id,
	              const char *external_id, struct question *out);
	int (*qa_view)(struct store *st, int64_t id);
	int (*question_create)(struct store *st, const struct question *q,
	                       int64_t *id);
	int (*question_set_status)(struct store *st, int64_t id,
	                           enum store_qstatus status);
	int (*answer_create)(struct store *st, const struct answer *ans,
	                     int64_t *id);
	int (*faq_get)(struct store *st, struct arena *a, int64_t id,
	               const char *external_id, struct faq *out);
	int (*article_get)(struct store *st, struct arena *a, int64_t id,
	                   const char *slug, struct article *out);

	int (*each_document)(struct store *st, store_doc_fn fn, void *ctx);
	int (*document_get)(struct store *st, struct arena *a,
	                    enum store_kind kind, int64_t id,
	                    struct store_doc *out);
	int (*documents_get)(struct store *st, struct arena *a,
	                     const enum store_kind *kinds, const int64_t *ids,
	                     size_t n, struct store_doc **out, size_t *nout);

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
	int (*doctor_profile)(struct store *st, struct arena *a,
	                      int64_t user_id, struct doctor_profile *out);
	int (*doctor_list)(struct store *st, struct arena *a,
	                   int64_t department_id, size_t offset, size_t limit,
	                   struct doctor_profile **out, size_t *n);
	int (*doctor_set_about)(struct store *st, int64_t user_id,
	                        const char *bio, const char *signoff);
	int (*doctor_photo_set)(struct store *st, int64_t user_id,
	                        const char *type, const void *data, size_t len);
	int (*doctor_photo_get)(struct store *st, struct arena *a,
	                        int64_t user_id, struct doctor_photo *out);
	int (*department_create)(struct store *st, const char *name,
	                         const char *description, int64_t *id);
	int (*department_update)(struct store *st, int64_t id, const char *name,
	                         const char *description);
	int (*topic_create)(struct store *st, const char *name,
	                    int64_t department_id, int64_t *id);
	int (*topic_update)(struct store *st, int64_t id, const char *name,
	                    int64_t department_id);
	int (*topic_merge)(struct store *st, int64_t from, int64_t into);
	int (*slug_redirect)(struct store *st, struct arena *a,
	                     enum store_slug_kind kind, const char *old_slug,
	                     const char **slug);
	int (*faq_list)(struct store *st, struct arena *a, int64_t topic_id,
	                int64_t department_id, size_t offset, size_t limit,
	                struct faq_item **out, size_t *n);
	int (*qa_count)(struct store *st, int64_t topic_id, int64_t doctor_id,
	                int64_t department_id, int64_t *n);
	int (*article_list)(struct store *st, struct arena *a,
	                    const char *category, int64_t author_id,
	                    size_t offset, size_t limit,
	                    struct article_item **out, size_t *n);
	int (*article_categories)(struct store *st, struct arena *a,
	                          struct article_category **out, size_t *n);
	int (*article_state)(struct store *st, int64_t id,
	                     struct article_state *out);
	int (*article_save)(struct store *st, const struct article *ar,
	                    int64_t author_id, enum store_article_status status,
	                    int64_t *id);
	int (*map_max_id)(struct store *st, enum store_map_kind kind,
	                  int64_t *max);
	int (*map_range)(struct store *st, struct arena *a,
	                 enum store_map_kind kind, int64_t lo, int64_t hi,
	                 struct store_map_entry **out, size_t *n);

	/* ---- operations (issue 18) ---- */
	int (*queue_oldest)(struct store *st, int64_t *seconds);
	int (*writable)(struct store *st);
	int (*busy_timeout)(struct store *st, int ms);
	/* ---- password resets (issue 11) ---- */
	int (*reset_add)(struct store *st, int64_t user_id,
	                 const char *token_hash, int64_t now,
	                 int64_t expires_at);
	int (*reset_get)(struct store *st, const char *token_hash,
	                 struct store_reset *out);
	int (*reset_use)(struct store *st, const char *token_hash, int64_t now,
	                 int64_t *user_id);
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
