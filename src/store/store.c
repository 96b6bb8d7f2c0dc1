/* store/store.c: backend choice, dispatch and the store's small shared
 * helpers (enum names, error text).
 *
 * store_open() looks at the URL's scheme and calls a backend constructor;
 * every other public function forwards to the backend's table
 * (store/backend.h). Lookups that differ only in their key (by id, by slug,
 * by external id) share one backend operation. The last error message is
 * thread-local, so threads sharing a store never see each other's errors.
 */
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "store/db.h"
#include "util/util.h"

static _Thread_local char errmsg[512];

/* Call operation op of st's function table (every public function names
 * its store st), or fail when st's backend does not have it yet: the
 * operations still written for SQLite only (issue 15). */
#define CALL(op, ...)                                                          \
	(st->ops->op ? st->ops->op(__VA_ARGS__) : unsupported(#op))

static int unsupported(const char *op)
{
	return store_set_error(
	        STORE_ERROR, "store_%s is not available on PostgreSQL yet", op);
}

int store_set_error(int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof(errmsg), fmt, ap);
	va_end(ap);
	return rc;
}

const char *store_errmsg(void)
{
	return errmsg;
}

const char *store_strerror(int rc)
{
	switch (rc) {
	case STORE_OK: return "ok";
	case STORE_NOTFOUND: return "not found";
	case STORE_CONFLICT: return "already exists";
	case STORE_INVALID: return "invalid argument";
	case STORE_BUSY: return "database busy";
	case STORE_ERROR: return "database error";
	case STORE_FULL: return "disk full";
	case STORE_RETRY: return "transaction conflict, retry";
	case STORE_UNAVAILABLE: return "database unavailable";
	}
	return "unknown error";
}

static const char *const kind_names[] = {
        [STORE_KIND_QA] = "qa",
        [STORE_KIND_FAQ] = "faq",
        [STORE_KIND_ARTICLE] = "article",
        [STORE_KIND_TOPIC] = "topic",           /* in the changelog only */
        [STORE_KIND_COMMENT] = "comment",       /* in the changelog only */
        [STORE_KIND_USER] = "user",             /* audit rows only */
        [STORE_KIND_DEPARTMENT] = "department", /* audit rows only */
};

static const char *const role_names[] = {
        [STORE_ROLE_PATIENT] = "patient",
        [STORE_ROLE_DOCTOR] = "doctor",
        [STORE_ROLE_MODERATOR] = "moderator",
        [STORE_ROLE_ADMIN] = "admin",
};

static const char *const qstatus_names[] = {
        [STORE_Q_WAITING] = "waiting",
        [STORE_Q_ANSWERED] = "answered",
        [STORE_Q_PUBLISHED] = "published",
        [STORE_Q_REJECTED] = "rejected",
        [STORE_Q_WITHDRAWN] = "withdrawn",
        [STORE_Q_UNPUBLISHED] = "unpublished",
};

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n && names[v] ? names[v] : "?";
}

static int parse_name(const char *const *names, size_t n, const char *name,
                      int *out)
{
	for (size_t i = 0; name && i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0) {
			*out = (int)i;
			return STORE_OK;
		}
	return STORE_INVALID;
}

const char *store_kind_name(enum store_kind kind)
{
	return name_of(kind_names, ARRAY_SIZE(kind_names), (int)kind);
}

int store_kind_parse(const char *name, enum store_kind *out)
{
	int v, rc = parse_name(kind_names, ARRAY_SIZE(kind_names), name, &v);
	if (rc == STORE_OK)
		*out = (enum store_kind)v;
	return rc;
}

const char *store_role_name(enum store_role role)
{
	return name_of(role_names, ARRAY_SIZE(role_names), (int)role);
}

int store_role_parse(const char *name, enum store_role *out)
{
	int v, rc = parse_name(role_names, ARRAY_SIZE(role_names), name, &v);
	if (rc == STORE_OK)
		*out = (enum store_role)v;
	return rc;
}

const char *store_qstatus_name(enum store_qstatus status)
{
	return name_of(qstatus_names, ARRAY_SIZE(qstatus_names), (int)status);
}

int store_qstatus_parse(const char *name, enum store_qstatus *out)
{
	int v, rc = parse_name(qstatus_names, ARRAY_SIZE(qstatus_names), name,
	                       &v);
	if (rc == STORE_OK)
		*out = (enum store_qstatus)v;
	return rc;
}

int store_open(const char *url, unsigned flags, struct store **out)
{
	*out = NULL;
	errmsg[0] = '\0';
	if (!url || !*url)
		return store_set_error(STORE_INVALID, "no database given");
	if (str_starts(url, "postgres://") || str_starts(url, "postgresql://"))
#ifdef ASKDOC_WITH_PG
		return store_set_error(
		        STORE_ERROR, "PostgreSQL is not supported yet: part of "
		                     "the store is written for SQLite only; "
		                     "use a SQLite database");
#else
		return store_set_error(
		        STORE_ERROR, "this askdoc is built without PostgreSQL");
#endif
	if (str_starts(url, "sqlite:"))
		url += strlen("sqlite:");
	return store_sqlite_open(url, flags, out);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_free(st->db);
	free(st);
}

static _Thread_local uint64_t statements;

void store_statement_ran(void)
{
	statements++;
}

uint64_t store_statements(void)
{
	return statements;
}

void store_thread_release(struct store *st)
{
	db_thread_release(st->db);
}

const char *store_backend(const struct store *st)
{
	return st->db->drv->name;
}

int store_tx_begin(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_begin(c);
}

int store_tx_commit(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_end(c, 1);
}

int store_tx_rollback(struct store *st)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	return rc ? rc : db_tx_end(c, 0);
}

int store_backup(struct store *st, const char *dest_path)
{
	return CALL(backup, st, dest_path);
}

int store_names_list(struct store *st, struct arena *a, const char *lang,
                     struct store_name **out, size_t *n)
{
	return CALL(names_list, st, a, lang, out, n);
}

int store_name_set(struct store *st, enum store_kind kind, int64_t id,
                   const char *lang, const char *name)
{
	return CALL(name_set, st, kind, id, lang, name);
}

int store_department_list(struct store *st, struct arena *a,
                          struct department **out, size_t *n)
{
	return CALL(department_list, st, a, out, n);
}

int store_department_get(struct store *st, struct arena *a, int64_t id,
                         struct department *out)
{
	return CALL(department_get, st, a, id, NULL, out);
}

int store_department_by_slug(struct store *st, struct arena *a,
                             const char *slug, struct department *out)
{
	if (!slug)
		return STORE_NOTFOUND;
	return CALL(department_get, st, a, 0, slug, out);
}

int store_department_ensure(struct store *st, const char *name, int64_t *id)
{
	return CALL(department_ensure, st, name, id);
}

int store_topic_list(struct store *st, struct arena *a, int64_t department_id,
                     struct topic **out, size_t *n)
{
	return CALL(topic_list, st, a, department_id, out, n);
}

int store_topic_get(struct store *st, struct arena *a, int64_t id,
                    struct topic *out)
{
	return CALL(topic_get, st, a, id, NULL, out);
}

int store_topic_by_slug(struct store *st, struct arena *a, const char *slug,
                        struct topic *out)
{
	if (!slug)
		return STORE_NOTFOUND;
	return CALL(topic_get, st, a, 0, slug, out);
}

int store_qa_latest(struct store *st, struct arena *a, int64_t department_id,
                    size_t offset, size_t limit, struct qa_item **out,
                    size_t *n)
{
	return CALL(qa_list, st, a, STORE_BY_LATEST, department_id, offset,
	            limit, out, n);
}

int store_qa_by_topic(struct store *st, struct arena *a, int64_t topic_id,
                      size_t offset, size_t limit, struct qa_item **out,
                      size_t *n)
{
	return CALL(qa_list, st, a, STORE_BY_TOPIC, topic_id, offset, limit,
	            out, n);
}

int store_qa_by_doctor(struct store *st, struct arena *a, int64_t doctor_id,
                       size_t offset, size_t limit, struct qa_item **out,
                       size_t *n)
{
	return CALL(qa_list, st, a, STORE_BY_DOCTOR, doctor_id, offset, limit,
	            out, n);
}

int store_qa_get(struct store *st, struct arena *a, int64_t id,
                 struct question *out)
{
	return CALL(qa_get, st, a, id, NULL, out);
}

int store_qa_briefs(struct store *st, struct arena *a, const int64_t *ids,
                    size_t n, struct qa_brief **out, size_t *nout)
{
	if (n > STORE_BRIEFS_MAX)
		return store_set_error(STORE_INVALID, "too many ids");
	return CALL(qa_briefs, st, a, ids, n, out, nout);
}

int store_qa_get_external(struct store *st, struct arena *a,
                          const char *external_id, struct question *out)
{
	if (!external_id)
		return STORE_NOTFOUND;
	return CALL(qa_get, st, a, 0, external_id, out);
}

int store_qa_view(struct store *st, int64_t id)
{
	return CALL(qa_view, st, id);
}

int store_question_create(struct store *st, const struct question *q,
                          int64_t *id)
{
	return CALL(question_create, st, q, id);
}

int store_question_set_status(struct store *st, int64_t id,
                              enum store_qstatus status)
{
	return CALL(question_set_status, st, id, status);
}

int store_answer_create(struct store *st, const struct answer *ans, int64_t *id)
{
	return CALL(answer_create, st, ans, id);
}

int store_faq_get(struct store *st, struct arena *a, int64_t id,
                  struct faq *out)
{
	return CALL(faq_get, st, a, id, NULL, out);
}

int store_faq_get_external(struct store *st, struct arena *a,
                           const char *external_id, struct faq *out)
{
	if (!external_id)
		return STORE_NOTFOUND;
	return CALL(faq_get, st, a, 0, external_id, out);
}

int store_article_get(struct store *st, struct arena *a, int64_t id,
                      struct article *out)
{
	return CALL(article_get, st, a, id, NULL, out);
}

int store_article_by_slug(struct store *st, struct arena *a, const char *slug,
                          struct article *out)
{
	if (!slug)
		return STORE_NOTFOUND;
	return CALL(article_get, st, a, 0, slug, out);
}

int store_each_document(struct store *st, store_doc_fn fn, void *ctx)
{
	return CALL(each_document, st, fn, ctx);
}

int store_document_get(struct store *st, struct arena *a, enum store_kind kind,
                       int64_t id, struct store_doc *out)
{
	return CALL(document_get, st, a, kind, id, out);
}

int store_documents_get(struct store *st, struct arena *a,
                        const enum store_kind *kinds, const int64_t *ids,
                        size_t n, struct store_doc **out, size_t *nout)
{
	if (n > STORE_DOCS_MAX)
		return store_set_error(STORE_INVALID, "too many documents");
	return CALL(documents_get, st, a, kinds, ids, n, out, nout);
}

int store_qa_import(struct store *st, const struct question *q,
                    const char *content_hash, enum store_import_result *res)
{
	return CALL(qa_import, st, q, content_hash, res);
}

int store_faq_import(struct store *st, const struct faq *f,
                     const char *content_hash, enum store_import_result *res)
{
	return CALL(faq_import, st, f, content_hash, res);
}

int store_article_import(struct store *st, const struct article *ar,
                         const char *content_hash,
                         enum store_import_result *res)
{
	return CALL(article_import, st, ar, content_hash, res);
}

int store_export_each(struct store *st, store_record_fn fn, void *ctx)
{
	return CALL(export_each, st, fn, ctx);
}

/* ---- accounts admin (issue 3) ---- */

/* ---- asking and answering (issue 3) ---- */

int store_queue_list(struct store *st, struct arena *a, int64_t department_id,
                     size_t offset, size_t limit, struct question_item **out,
                     size_t *n)
{
	return CALL(queue_list, st, a, department_id, offset, limit, out, n);
}

int store_queue_count(struct store *st, int64_t *waiting, int64_t *urgent)
{
	return CALL(queue_count, st, waiting, urgent);
}

int store_queue_oldest(struct store *st, int64_t *seconds)
{
	return CALL(queue_oldest, st, seconds);
}

int store_writable(struct store *st)
{
	return CALL(writable, st);
}

int store_busy_timeout(struct store *st, int ms)
{
	return CALL(busy_timeout, st, ms);
}

int store_reset_add(struct store *st, int64_t user_id, const char *token_hash,
                    int64_t now, int64_t expires_at)
{
	return CALL(reset_add, st, user_id, token_hash, now, expires_at);
}

int store_reset_get(struct store *st, const char *token_hash,
                    struct store_reset *out)
{
	return CALL(reset_get, st, token_hash, out);
}

int store_reset_use(struct store *st, const char *token_hash, int64_t now,
                    int64_t *user_id)
{
	return CALL(reset_use, st, token_hash, now, user_id);
}

int store_question_list_by_user(struct store *st, struct arena *a,
                                int64_t user_id, size_t offset, size_t limit,
                                struct question_item **out, size_t *n)
{
	return CALL(question_list_by_user, st, a, user_id, offset, limit, out,
	            n);
}

int store_question_followups(struct store *st, struct arena *a, int64_t id,
                             struct question_item **out, size_t *n)
{
	return CALL(question_followups, st, a, id, out, n);
}

int store_question_item(struct store *st, struct arena *a, int64_t id,
                        struct question_item *out)
{
	return CALL(question_item, st, a, id, out);
}

int store_question_by_token(struct store *st, struct arena *a,
                            const char *token_hash, struct question *out)
{
	return CALL(question_by_token, st, a, token_hash, out);
}

int store_question_add_link(struct store *st, int64_t id,
                            const char *token_hash)
{
	return CALL(question_add_link, st, id, token_hash);
}

int store_question_transition(struct store *st, int64_t id,
                              enum store_qstatus from, enum store_qstatus to)
{
	return CALL(question_transition, st, id, from, to);
}

int store_question_reject(struct store *st, int64_t id, const char *reason)
{
	return CALL(question_reject, st, id, reason);
}

int store_question_reason(struct store *st, struct arena *a, int64_t id,
                          const char **reason)
{
	return CALL(question_reason, st, a, id, reason);
}

int store_question_set_public_text(struct store *st, int64_t id,
                                   const char *title, const char *text)
{
	return CALL(question_set_public_text, st, id, title, text);
}

int store_question_set_department(struct store *st, int64_t id,
                                  int64_t department_id)
{
	return CALL(question_set_department, st, id, department_id);
}

int store_question_set_topics(struct store *st, int64_t id,
                              const int64_t *topic_ids, size_t n)
{
	return CALL(question_set_topics, st, id, topic_ids, n);
}

int store_topic_ensure(struct store *st, const char *name,
                       int64_t department_id, int64_t *id)
{
	return CALL(topic_ensure, st, name, department_id, id);
}

int store_answer_get(struct store *st, struct arena *a, int64_t id,
                     struct answer *out)
{
	return CALL(answer_get, st, a, id, out);
}

int store_answer_update(struct store *st, const struct answer *ans)
{
	return CALL(answer_update, st, ans);
}

/* ---- content and discovery (issue 5) ---- */

int store_doctor_profile(struct store *st, struct arena *a, int64_t user_id,
                         struct doctor_profile *out)
{
	return CALL(doctor_profile, st, a, user_id, out);
}

int store_doctor_list(struct store *st, struct arena *a, int64_t department_id,
                      size_t offset, size_t limit, struct doctor_profile **out,
                      size_t *n)
{
	return CALL(doctor_list, st, a, department_id, offset, limit, out, n);
}

int store_doctor_set_about(struct store *st, int64_t user_id, const char *bio,
                           const char *signoff)
{
	return CALL(doctor_set_about, st, user_id, bio, signoff);
}

int store_doctor_photo_set(struct store *st, int64_t user_id, const char *type,
                           const void *data, size_t len)
{
	return CALL(doctor_photo_set, st, user_id, type, data, len);
}

int store_doctor_photo_get(struct store *st, struct arena *a, int64_t user_id,
                           struct doctor_photo *out)
{
	return CALL(doctor_photo_get, st, a, user_id, out);
}

int store_department_create(struct store *st, const char *name,
                            const char *description, int64_t *id)
{
	return CALL(department_create, st, name, description, id);
}

int store_department_update(struct store *st, int64_t id, const char *name,
                            const char *description)
{
	return CALL(department_update, st, id, name, description);
}

int store_topic_create(struct store *st, const char *name,
                       int64_t department_id, int64_t *id)
{
	return CALL(topic_create, st, name, department_id, id);
}

int store_topic_update(struct store *st, int64_t id, const char *name,
                       int64_t department_id)
{
	return CALL(topic_update, st, id, name, department_id);
}

int store_topic_merge(struct store *st, int64_t from, int64_t into)
{
	return CALL(topic_merge, st, from, into);
}

int store_slug_redirect(struct store *st, struct arena *a,
                        enum store_slug_kind kind, const char *old_slug,
                        const char **slug)
{
	return CALL(slug_redirect, st, a, kind, old_slug, slug);
}

int store_faq_list(struct store *st, struct arena *a, int64_t topic_id,
                   int64_t department_id, size_t offset, size_t limit,
                   struct faq_item **out, size_t *n)
{
	return CALL(faq_list, st, a, topic_id, department_id, offset, limit,
	            out, n);
}

int store_qa_count(struct store *st, int64_t topic_id, int64_t doctor_id,
                   int64_t department_id, int64_t *n)
{
	return CALL(qa_count, st, topic_id, doctor_id, department_id, n);
}

int store_article_list(struct store *st, struct arena *a, const char *category,
                       int64_t author_id, size_t offset, size_t limit,
                       struct article_item **out, size_t *n)
{
	return CALL(article_list, st, a, category, author_id, offset, limit,
	            out, n);
}

int store_article_categories(struct store *st, struct arena *a,
                             struct article_category **out, size_t *n)
{
	return CALL(article_categories, st, a, out, n);
}

int store_article_state(struct store *st, int64_t id, struct article_state *out)
{
	return CALL(article_state, st, id, out);
}

int store_article_save(struct store *st, const struct article *ar,
                       int64_t author_id, enum store_article_status status,
                       int64_t *id)
{
	return CALL(article_save, st, ar, author_id, status, id);
}

int store_map_max_id(struct store *st, enum store_map_kind kind, int64_t *max)
{
	return CALL(map_max_id, st, kind, max);
}

int store_map_range(struct store *st, struct arena *a, enum store_map_kind kind,
                    int64_t lo, int64_t hi, struct store_map_entry **out,
                    size_t *n)
{
	return CALL(map_range, st, a, kind, lo, hi, out, n);
}
