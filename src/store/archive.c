/* store/archive.c: the store's bulk paths, on either engine: the
 * documents the search index reads, archive import and export.
 *
 * An import finds its record by external id and compares content hashes
 * first, so an unchanged record costs one indexed lookup. A changed record
 * is rewritten whole (its row updated, its answers and topic links
 * replaced) inside a savepoint or transaction of its own, with one
 * changelog row. Export walks each table in external-id order and reads
 * every record with the same functions the pages use.
 *
 * The documents' answers and topics are joined in the query with an
 * ordered aggregate, the one place the engines differ: SQLite 3.40's
 * group_concat over an ordered subquery, PostgreSQL's string_agg with
 * ORDER BY (SQLite has string_agg from 3.44 only). New ids come back
 * with RETURNING.
 */
#include "store/backend.h"
#include "store/db.h"
#include "store/content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* ---- documents for the search index ---- */

/* Every document query returns the same columns: id, external_id, title,
 * question, department_id, department, language, date, body, topics
 * ('\n'-joined, or a JSON array for faq), author, slug, question_type,
 * follow_up_of, source name and URL. AGG is AGG_SQLITE or AGG_PG: the
 * values of col from `from`, in order `order`, joined by sep. */
#define AGG_SQLITE(col, sep, from, order)                                      \
	"(SELECT group_concat(v, " sep ") FROM (SELECT " col " AS v " from     \
	" ORDER BY " order ") AS agg)"
#define AGG_PG(col, sep, from, order)                                          \
	"(SELECT string_agg(" col ", " sep " ORDER BY " order ") " from ")"
#define NL  "'\n'"
#define NL2 "'\n\n'"
#define DOC_QA(AGG, where)                                                     \
	"SELECT q.id, coalesce(q.external_id, 'askdoc-qa-' || q.id), q.title," \
	" q.text, q.department_id, d.name, q.language, q.published_at, " AGG(  \
	        "body", NL2, "FROM answers WHERE question_id = q.id",          \
	        "pos") ", " AGG("t.name", NL,                                  \
	                        "FROM question_topics x JOIN topics t ON "     \
	                        "t.id = x.topic_id"                            \
	                        " WHERE x.question_id = q.id",                 \
	                        "x.pos") ", (SELECT coalesce(u.name, "         \
	                                 "a.author_name) FROM answers a"       \
	                                 "  LEFT JOIN users u ON u.id = "      \
	                                 "a.doctor_id"                         \
	                                 "  WHERE a.question_id = q.id ORDER " \
	                                 "BY a.pos LIMIT 1), NULL,"            \
	                                 " q.question_type, q.follow_up_of, "  \
	                                 "s.name, q.source_url"                \
	                                 " FROM questions q LEFT JOIN "        \
	                                 "departments d ON d.id = "            \
	                                 "q.department_id"                     \
	                                 " LEFT JOIN sources s ON s.id = "     \
	                                 "q.source_id"                         \
	                                 " WHERE q.status = 'published'" where \
	                                 " ORDER BY q.id"
#define DOC_FAQ(AGG, where)                                                    \
	"SELECT f.id, f.external_id, f.title, f.question, f.department_id,"    \
	" d.name, f.language, NULL, " AGG(                                     \
	        "body", NL2, "FROM faq_answers WHERE faq_id = f.id",           \
	        "pos") ", f.topics,"                                           \
	               " (SELECT author FROM faq_answers WHERE faq_id = f.id"  \
	               "  ORDER BY pos LIMIT 1), NULL, f.question_type, "      \
	               "NULL, s.name,"                                         \
	               " f.source_url"                                         \
	               " FROM faq f LEFT JOIN departments d ON d.id = "        \
	               "f.department_id"                                       \
	               " LEFT JOIN sources s ON s.id = f.source_id"            \
	               " WHERE 1 = 1" where " ORDER BY f.id"
#define DOC_ARTICLE(AGG, where)                                                \
	"SELECT r.id, coalesce(r.external_id, 'askdoc-article-' || r.id),"     \
	" r.title, r.summary, r.department_id, d.name, r.language,"            \
	" r.published_at, r.body, " AGG(                                       \
	        "t.name", NL,                                                  \
	        "FROM article_topics x JOIN topics t ON t.id = x.topic_id"     \
	        " WHERE x.article_id = r.id",                                  \
	        "x.pos") ", r.author, r.slug, NULL, NULL, s.name, "            \
	                 "r.source_url"                                        \
	                 " FROM articles r LEFT JOIN departments d ON d.id = " \
	                 "r.department_id"                                     \
	                 " LEFT JOIN sources s ON s.id = r.source_id"          \
	                 " WHERE r.status = 'published'" where                 \
	                 " ORDER BY r.id"

/* The document queries of each engine: all, or one by id. */
static const char *const doc_sql[2][3][2] = {
        {{DOC_QA(AGG_SQLITE, ""), DOC_QA(AGG_SQLITE, " AND q.id = ?")},
         {DOC_FAQ(AGG_SQLITE, ""), DOC_FAQ(AGG_SQLITE, " AND f.id = ?")},
         {DOC_ARTICLE(AGG_SQLITE, ""),
          DOC_ARTICLE(AGG_SQLITE, " AND r.id = ?")}},
        {{DOC_QA(AGG_PG, ""), DOC_QA(AGG_PG, " AND q.id = ?")},
         {DOC_FAQ(AGG_PG, ""), DOC_FAQ(AGG_PG, " AND f.id = ?")},
         {DOC_ARTICLE(AGG_PG, ""), DOC_ARTICLE(AGG_PG, " AND r.id = ?")}},
};

static const char *doc_query(struct db_conn *c, int kind, int one)
{
	return doc_sql[c->drv != &db_sqlite_driver][kind][one];
}

/* Several documents of any kind in one statement (store_documents_get):
 * ten places per kind (STORE_DOCS_MAX); unused ones stay NULL, which
 * matches no id. The kind comes last, after read_doc's columns. */
#define DOC_IDS(a)                                                             \
	" IN (?" #a "0, ?" #a "1, ?" #a "2, ?" #a "3, ?" #a "4, ?" #a "5,"     \
	" ?" #a "6, ?" #a "7, ?" #a "8, ?" #a "9)"
#define DOCS_QA(AGG)      DOC_QA(AGG, " AND q.id" DOC_IDS(1))
#define DOCS_FAQ(AGG)     DOC_FAQ(AGG, " AND f.id" DOC_IDS(2))
#define DOCS_ARTICLE(AGG) DOC_ARTICLE(AGG, " AND r.id" DOC_IDS(3))
#define DOCS_ANY(AGG)                                                          \
	"SELECT x.*, 1 FROM (" DOCS_QA(                                        \
	        AGG) ") x"                                                     \
	             " UNION ALL SELECT y.*, 2 FROM (" DOCS_FAQ(               \
	                     AGG) ") y"                                        \
	                          " UNION ALL SELECT z.*, 3 FROM "             \
	                          "(" DOCS_ARTICLE(AGG) ") z"
static const char *const docs_any_sql[2] = {DOCS_ANY(AGG_SQLITE),
                                            DOCS_ANY(AGG_PG)};

static void read_doc(struct arena *a, struct db_stmt *q, enum store_kind kind,
                     struct store_doc *d)
{
	d->kind = kind;
	d->id = db_col_int64(q, 0);
	d->external_id = db_col_text(a, q, 1);
	d->title = db_col_text(a, q, 2);
	d->question = db_col_text(a, q, 3);
	d->department_id = db_col_int64(q, 4);
	d->department = db_col_text(a, q, 5);
	d->language = db_col_text(a, q, 6);
	d->date = db_col_text(a, q, 7);
	d->body = db_col_text(a, q, 8);
	if (kind == STORE_KIND_FAQ)
		d->topics =
		        content_json_strings(a, db_col_str(q, 9), &d->n_topics);
	else
		d->topics = content_split_lines(a, db_col_text(a, q, 9),
		                                &d->n_topics);
	d->author = db_col_text(a, q, 10);
	d->slug = db_col_text(a, q, 11);
	d->question_type = db_col_text(a, q, 12);
	d->follow_up_of = db_col_int64(q, 13);
	d->source_name = db_col_text(a, q, 14);
	d->source_url = db_col_text(a, q, 15);
}

static void read_doc_qa(struct arena *a, struct db_stmt *q, void *elem)
{
	read_doc(a, q, STORE_KIND_QA, elem);
}

static void read_doc_faq(struct arena *a, struct db_stmt *q, void *elem)
{
	read_doc(a, q, STORE_KIND_FAQ, elem);
}

static void read_doc_article(struct arena *a, struct db_stmt *q, void *elem)
{
	read_doc(a, q, STORE_KIND_ARTICLE, elem);
}

int store_each_document(struct store *st, store_doc_fn fn, void *ctx)
{
	static const enum store_kind kinds[] = {STORE_KIND_QA, STORE_KIND_FAQ,
	                                        STORE_KIND_ARTICLE};
	struct arena *a = arena_new();
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		struct db_stmt *q = db_stmt(c, doc_query(c, (int)i, 0));
		struct store_doc d;

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		while ((rc = db_step(q)) == 1) {
			arena_reset(a);
			read_doc(a, q, kinds[i], &d);
			if ((rc = fn(ctx, &d))) {
				db_reset(q);
				goto done;
			}
		}
		if (rc < 0)
			goto done;
	}
done:
	arena_free(a);
	return rc;
}

static void read_doc_any(struct arena *a, struct db_stmt *q, void *elem)
{
	read_doc(a, q, (enum store_kind)db_col_int64(q, 16), elem);
}

int store_documents_get(struct store *st, struct arena *a,
                        const enum store_kind *kinds, const int64_t *ids,
                        size_t n, struct store_doc **out, size_t *nout)
{
	struct db_conn *c;
	struct db_stmt *q;
	int next[3] = {0, 0, 0}, rc;

	*out = NULL;
	*nout = 0;
	if (n > STORE_DOCS_MAX)
		return store_set_error(STORE_INVALID, "too many documents");
	if ((rc = store_conn(st, &c)))
		return rc;
	/* Places ?10-?19 take Q&As, ?20-?29 library entries, ?30-?39
	 * articles. */
	_Static_assert(STORE_KIND_QA == 1 && STORE_KIND_FAQ == 2 &&
	                       STORE_KIND_ARTICLE == 3,
	               "the kinds written in the statement");
	q = db_stmt(c, docs_any_sql[c->drv != &db_sqlite_driver]);
	for (size_t i = 0; q && i < n; i++) {
		int k = kinds[i] == STORE_KIND_QA        ? 0
		        : kinds[i] == STORE_KIND_FAQ     ? 1
		        : kinds[i] == STORE_KIND_ARTICLE ? 2
		                                         : -1;

		if (k >= 0)
			db_bind_int64(q, 10 * (k + 1) + next[k]++, ids[i]);
	}
	return db_rows(a, q, sizeof(**out), read_doc_any, (void **)out, nout);
}

int store_document_get(struct store *st, struct arena *a, enum store_kind kind,
                       int64_t id, struct store_doc *out)
{
	struct db_conn *c;
	struct db_stmt *q;
	db_row_reader read;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	switch (kind) {
	case STORE_KIND_QA:
		q = db_stmt(c, doc_query(c, 0, 1));
		read = read_doc_qa;
		break;
	case STORE_KIND_FAQ:
		q = db_stmt(c, doc_query(c, 1, 1));
		read = read_doc_faq;
		break;
	case STORE_KIND_ARTICLE:
		q = db_stmt(c, doc_query(c, 2, 1));
		read = read_doc_article;
		break;
	default: return store_set_error(STORE_INVALID, "not a document kind");
	}
	if (q)
		db_bind_int64(q, 1, id);
	return db_row(a, q, read, out, "document");
}

/* ---- import ---- */

/* Run sql (no rows) with ?1 = a and, when it has a second parameter,
 * ?2 = b. */
static int run_ids(struct db_conn *c, const char *sql, int64_t a, int64_t b)
{
	struct db_stmt *q = db_stmt_id(c, sql, a);
	int n = 0;

	if (!q)
		return STORE_ERROR;
	for (const char *p = strchr(sql, '?'); p; p = strchr(p + 1, '?'))
		n++;
	if (n > 1)
		db_bind_int64(q, 2, b);
	return db_run(q);
}

/* Look up a record by external id: *id (0 if none) and whether its stored
 * content hash equals hash. */
static int find_record(struct db_conn *c, const char *sql,
                       const char *external_id, const char *hash, int64_t *id,
                       int *same)
{
	struct db_stmt *q = db_stmt(c, sql);
	int rc;

	*id = 0;
	*same = 0;
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, external_id);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc) {
		const char *h = db_col_null(q, 1) ? NULL : db_col_str(q, 1);

		*id = db_col_int64(q, 0);
		*same = hash && h && strcmp(h, hash) == 0;
		db_reset(q);
	}
	return STORE_OK;
}

/* A record made on the site has no external id of its own and is
 * exported as "askdoc-qa-<id>" or "askdoc-article-<id>": importing that
 * name again finds the same row (by id, while its external_id is NULL),
 * so a re-import updates it instead of adding a copy. */
static int find_site_record(struct db_conn *c, const char *find_sql,
                            const char *external_id, int64_t *id)
{
	const char *prefix, *s;
	const char *sql;
	int64_t n = 0;
	struct db_stmt *q;
	int rc;

	*id = 0;
	if (strstr(find_sql, "FROM questions"))
		sql = "SELECT id FROM questions WHERE id = ?"
		      " AND external_id IS NULL",
		prefix = "askdoc-qa-";
	else if (strstr(find_sql, "FROM articles"))
		sql = "SELECT id FROM articles WHERE id = ?"
		      " AND external_id IS NULL",
		prefix = "askdoc-article-";
	else
		return STORE_OK;
	if (strncmp(external_id, prefix, strlen(prefix)))
		return STORE_OK;
	s = external_id + strlen(prefix);
	if (!*s || strlen(s) > 18 || *s == '0')
		return STORE_OK;
	for (const char *d = s; *d; d++) {
		if (*d < '0' || *d > '9')
			return STORE_OK;
		n = n * 10 + (*d - '0');
	}
	if (!(q = db_stmt(c, sql)))
		return STORE_ERROR;
	db_bind_int64(q, 1, n);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc) {
		*id = db_col_int64(q, 0);
		db_reset(q);
	}
	return STORE_OK;
}

/* The users.id of the enabled doctor with display name name, or 0. */
static int doctor_by_name(struct db_conn *c, const char *name, int64_t *id)
{
	*id = 0;
	if (!name || !*name)
		return STORE_OK;
	return taxonomy_find_id(c,
	                        "SELECT u.id FROM users u JOIN doctors d"
	                        " ON d.user_id = u.id WHERE u.name = ?"
	                        " AND u.role = 'doctor' AND u.disabled = 0"
	                        " ORDER BY u.id LIMIT 1",
	                        name, id);
}

/* Link topics to a question or article (link_sql: ?1 owner, ?2 topic, ?3
 * position); the topics live in department dept. */
static int link_topics(struct db_conn *c, const char *link_sql, int64_t owner,
                       const struct topic *topics, size_t n, int64_t dept)
{
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *q;
		int64_t tid;
		int rc, created;

		if ((rc = taxonomy_topic_ensure(c, topics[i].name, dept, &tid,
		                                &created)))
			return rc;
		if (created &&
		    (rc = db_change(c, STORE_KIND_TOPIC, tid, STORE_OP_UPSERT)))
			return rc;
		if (!(q = db_stmt(c, link_sql)))
			return STORE_ERROR;
		db_bind_int64(q, 1, owner);
		db_bind_int64(q, 2, tid);
		db_bind_int64(q, 3, (int64_t)i);
		if ((rc = db_run(q)))
			return rc;
	}
	return STORE_OK;
}

/* Re-importing into a live database never makes a question more public
 * than it is: a stored question that is not published stays as it is
 * when the archive says published, and consent withdrawn stays
 * withdrawn. *mi_public is whether an approved More Info may be kept
 * approved (it is approved already). */
static int kept_private(struct db_conn *c, int64_t id,
                        enum store_qstatus *status, int *consent,
                        int *mi_public)
{
	struct db_stmt *q;
	enum store_qstatus old = STORE_Q_WAITING;
	int rc;

	q = db_stmt(c, "SELECT q.status, q.consent, (SELECT m.status ="
	               " 'approved' FROM more_info m WHERE m.question_id ="
	               " q.id) FROM questions q WHERE q.id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, id);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc == 0)
		return store_set_error(STORE_NOTFOUND, "no question %lld",
		                       (long long)id);
	store_qstatus_parse(db_col_str(q, 0), &old);
	if (*status == STORE_Q_PUBLISHED && old != STORE_Q_PUBLISHED)
		*status = old;
	*consent = *consent && (int)db_col_int64(q, 1);
	*mi_public = (int)db_col_int64(q, 2);
	db_reset(q);
	return STORE_OK;
}

/* Keep mi as question qid's More Info (none: delete it); approved only
 * when may_approve. */
static int moreinfo_write(struct db_conn *c, int64_t qid,
                          const struct store_moreinfo *mi, int may_approve)
{
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int approved;

	if (!mi)
		return run_ids(c, "DELETE FROM more_info WHERE question_id = ?",
		               qid, 0);
	approved = mi->status == STORE_MI_APPROVED && may_approve;
	q = db_stmt(c, "INSERT INTO more_info (question_id, json,"
	               " machine_assisted, status, approved_at, edited,"
	               " generated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	               " coalesce(?7, ?8))"
	               " ON CONFLICT (question_id) DO UPDATE SET"
	               " json = ?2, machine_assisted = ?3, status = ?4,"
	               " approved_by = CASE WHEN ?4 = 'approved'"
	               "  THEN more_info.approved_by END, approved_at = ?5,"
	               " edited = ?6,"
	               " generated_at = coalesce(?7, more_info.generated_at)");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, qid);
	db_bind_text(q, 2, mi->json);
	db_bind_int64(q, 3, mi->machine_assisted != 0);
	db_bind_text(q, 4, approved ? "approved" : "draft");
	db_bind_text(q, 5, approved ? mi->approved_at : NULL);
	db_bind_int64(q, 6, mi->edited != 0);
	db_bind_text(q, 7, mi->generated_at);
	db_bind_text(q, 8, db_now(now));
	return db_run(q);
}

static int qa_write(struct db_conn *c, const void *rec, const char *hash,
                    int64_t id)
{
	const struct question *qa = rec;
	int64_t dept, src, qid = id, n_old = 0;
	const char *published = qa->published_at;
	enum store_qstatus status = qa->status;
	int consent = qa->consent != 0, mi_public = 0, kept;
	char now[DB_NOW_SIZE];
	struct db_stmt *q;
	int rc;

	if ((rc = taxonomy_dept_ensure(c, qa->department, &dept)) ||
	    (rc = taxonomy_source_ensure(c, qa->source.name, &src)))
		return rc;
	if (id && (rc = kept_private(c, id, &status, &consent, &mi_public)))
		return rc;
	kept = status != qa->status; /* then its publication date stays */
	if (status == STORE_Q_PUBLISHED && !published) {
		for (size_t i = qa->n_answers; i-- > 0 && !published;)
			published = qa->answers[i].answered_at;
		if (!published)
			published = qa->asked_at;
	}
	if (id)
		q = db_stmt(
		        c,
		        "UPDATE questions SET external_id = ?1,"
		        " title = ?2, text = ?3, question_type = ?4,"
		        " nickname = ?5, age_band = ?6, sex = ?7,"
		        " department_id = ?8, status = ?9, consent = ?10,"
		        " asked_at = ?11, published_at = CASE WHEN ?21 <> 0 "
		        "THEN"
		        " published_at WHEN ?9 = 'published' THEN coalesce(?12,"
		        " published_at, ?22) ELSE ?12 END,"
		        " language = ?13, source_id = ?14,"
		        " source_url = ?15, content_hash = ?16,"
		        " extra = ?17, urgent = ?19, reject_reason = ?20"
		        " WHERE id = ?18");
	else
		q = db_stmt(c,
		            "INSERT INTO questions (external_id, title, text,"
		            " question_type, nickname, age_band, sex,"
		            " department_id, status, consent, asked_at,"
		            " published_at, language, source_id, source_url,"
		            " content_hash, extra, urgent, reject_reason)"
		            " VALUES (?1, ?2, ?3, ?4,"
		            " ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?9 ="
		            " 'published' THEN coalesce(?12, ?22) ELSE"
		            " ?12 END,"
		            " ?13, ?14, ?15, ?16, ?17, ?19, ?20)"
		            " RETURNING id");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, qa->external_id);
	db_bind_text(q, 2, qa->title);
	db_bind_text(q, 3, qa->text);
	db_bind_text(q, 4, qa->question_type);
	db_bind_text(q, 5, qa->nickname);
	db_bind_text(q, 6, qa->age_band);
	db_bind_text(q, 7, qa->sex);
	db_bind_id(q, 8, dept);
	db_bind_text(q, 9, store_qstatus_name(status));
	db_bind_int64(q, 10, consent);
	db_bind_text(q, 11, qa->asked_at);
	db_bind_text(q, 12, published);
	db_bind_text(q, 13, qa->language ? qa->language : "en");
	db_bind_id(q, 14, src);
	db_bind_text(q, 15, qa->source.url);
	db_bind_text(q, 16, hash);
	db_bind_text(q, 17, qa->extra);
	if (id)
		db_bind_int64(q, 18, id);
	db_bind_int64(q, 19, qa->urgent != 0);
	db_bind_text(q, 20, qa->reject_reason);
	if (id)
		db_bind_int64(q, 21, kept);
	db_bind_text(q, 22, db_now(now));
	if (!id) {
		if ((rc = db_row(NULL, q, db_read_int64, &qid, "question")))
			return rc;
	} else if ((rc = db_run(q)) ||
	           (rc = run_ids(c,
	                         "DELETE FROM question_topics"
	                         " WHERE question_id = ?",
	                         id, 0)) ||
	           (rc = run_ids(c,
	                         "DELETE FROM answers WHERE question_id = ?"
	                         " AND pos >= ?",
	                         id, (int64_t)qa->n_answers))) {
		return rc;
	}
	if (id) {
		int64_t *const f[] = {&n_old};

		if (!(q = db_stmt(c, "SELECT count(*) FROM answers"
		                     " WHERE question_id = ?")))
			return STORE_ERROR;
		db_bind_int64(q, 1, id);
		if ((rc = db_ints(q, f, 1)))
			return rc;
	}
	/* Answers stay the rows they were (their ids are links), updated in
	 * place by position; new ones are added after them. */
	for (size_t i = 0; i < qa->n_answers; i++) {
		const struct answer *an = &qa->answers[i];
		int64_t doctor, adept;

		if ((rc = doctor_by_name(c, an->author, &doctor)) ||
		    (rc = taxonomy_dept_ensure(c, an->department, &adept)))
			return rc;
		if ((int64_t)i < n_old)
			q = db_stmt(c,
			            "UPDATE answers SET doctor_id = ?3,"
			            " author_name = ?4, department_id = ?5,"
			            " body = ?6, answered_at = ?7, extra = ?8,"
			            " edited_at = ?9, signoff = ?10"
			            " WHERE question_id = ?1 AND pos = ?2");
		else
			q = db_stmt(c,
			            "INSERT INTO answers (question_id, pos,"
			            " doctor_id, author_name, department_id,"
			            " body, answered_at, extra, edited_at,"
			            " signoff) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			            " ?7, ?8, ?9, ?10)");
		if (!q)
			return STORE_ERROR;
		db_bind_int64(q, 1, qid);
		db_bind_int64(q, 2, (int64_t)i);
		db_bind_id(q, 3, doctor);
		db_bind_text(q, 4, an->author);
		db_bind_id(q, 5, adept);
		db_bind_text(q, 6, an->body);
		db_bind_text(q, 7, an->answered_at);
		db_bind_text(q, 8, an->extra);
		db_bind_text(q, 9, an->edited_at);
		db_bind_text(q, 10, an->signoff);
		if ((rc = db_run(q)))
			return rc;
	}
	if ((rc = moreinfo_write(c, qid, qa->more_info, id ? mi_public : 1)))
		return rc;
	if ((rc = link_topics(c,
	                      "INSERT INTO question_topics"
	                      " (question_id, topic_id, pos) VALUES (?, ?, ?)"
	                      " ON CONFLICT DO NOTHING",
	                      qid, qa->topics, qa->n_topics, dept)) ||
	    (rc = names_import(c, qa->names, qa->n_names, dept)))
		return rc;
	return db_change(c, STORE_KIND_QA, qid, STORE_OP_UPSERT);
}

/* The shape every import takes: find the record, stop if unchanged, else
 * write it inside a savepoint or transaction of its own. */
static int import_record(struct store *st, const char *find_sql,
                         const char *external_id, const char *hash,
                         int (*write)(struct db_conn *, const void *,
                                      const char *, int64_t),
                         const void *rec, enum store_import_result *res)
{
	struct db_conn *c;
	int64_t id;
	int rc, top, same;

	if (!external_id || !*external_id)
		return store_set_error(STORE_INVALID, "no external id");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = find_record(c, find_sql, external_id, hash, &id, &same)))
		goto done;
	if (!id && (rc = find_site_record(c, find_sql, external_id, &id)))
		goto done;
	if (same) {
		*res = STORE_UNCHANGED;
		goto done;
	}
	if ((rc = write(c, rec, hash, id)) == STORE_OK)
		*res = id ? STORE_UPDATED : STORE_ADDED;
done:
	return db_write_end(c, top, rc);
}

int store_qa_import(struct store *st, const struct question *q,
                    const char *content_hash, enum store_import_result *res)
{
	return import_record(st,
	                     "SELECT id, content_hash FROM questions"
	                     " WHERE external_id = ?",
	                     q->external_id, content_hash, qa_write, q, res);
}

/* The topics list as stored in faq.topics: a JSON array, or NULL. */
static char *topics_json(const char *const *topics, size_t n)
{
	struct buf b = BUF_INIT;

	if (!n)
		return NULL;
	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_json_str(&b, topics[i], strlen(topics[i]));
	}
	buf_putc(&b, ']');
	return buf_detach(&b, NULL);
}

static int faq_write(struct db_conn *c, const void *rec, const char *hash,
                     int64_t id)
{
	const struct faq *f = rec;
	int64_t dept, src, topic = 0, fid = id;
	char *topics = NULL;
	struct db_stmt *q;
	int rc;

	if ((rc = taxonomy_dept_ensure(c, f->department, &dept)) ||
	    (rc = taxonomy_source_ensure(c, f->source.name, &src)))
		goto done;
	if (f->n_topics) {
		int created, added = 0;

		if ((rc = taxonomy_topic_ensure(c, f->topics[0], dept, &topic,
		                                &created)) ||
		    (rc = taxonomy_topic_add_synonyms(c, topic, f->topics[0],
		                                      f->topics + 1,
		                                      f->n_topics - 1, &added)))
			goto done;
		if ((created || added) &&
		    (rc = db_change(c, STORE_KIND_TOPIC, topic,
		                    STORE_OP_UPSERT)))
			goto done;
	}
	topics = topics_json(f->topics, f->n_topics);
	if (id)
		q = db_stmt(c, "UPDATE faq SET title = ?1, question = ?2,"
		               " question_type = ?3, department_id = ?4,"
		               " topic_id = ?5, topics = ?6, source_id = ?7,"
		               " source_url = ?8, language = ?9,"
		               " content_hash = ?10, extra = ?11"
		               " WHERE id = ?12");
	else
		q = db_stmt(c,
		            "INSERT INTO faq (title, question, question_type,"
		            " department_id, topic_id, topics, source_id,"
		            " source_url, language, content_hash, extra,"
		            " external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
		            " ?, ?, ?) RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, f->title);
	db_bind_text(q, 2, f->question);
	db_bind_text(q, 3, f->question_type);
	db_bind_id(q, 4, dept);
	db_bind_id(q, 5, topic);
	db_bind_text(q, 6, topics);
	db_bind_id(q, 7, src);
	db_bind_text(q, 8, f->source.url);
	db_bind_text(q, 9, f->language ? f->language : "en");
	db_bind_text(q, 10, hash);
	db_bind_text(q, 11, f->extra);
	if (id)
		db_bind_int64(q, 12, id);
	else
		db_bind_text(q, 12, f->external_id);
	if (!id) {
		if ((rc = db_row(NULL, q, db_read_int64, &fid, "faq")))
			goto done;
	} else if ((rc = db_run(q))) {
		goto done;
	} else if ((rc = run_ids(c, "DELETE FROM faq_answers WHERE faq_id = ?",
	                         id, 0))) {
		goto done;
	}
	for (size_t i = 0; i < f->n_answers; i++) {
		const struct answer *an = &f->answers[i];
		int64_t adept;

		if ((rc = taxonomy_dept_ensure(c, an->department, &adept)))
			goto done;
		q = db_stmt(c, "INSERT INTO faq_answers (faq_id, pos, author,"
		               " department_id, body, answered_at, extra)"
		               " VALUES (?, ?, ?, ?, ?, ?, ?)");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		db_bind_int64(q, 1, fid);
		db_bind_int64(q, 2, (int64_t)i);
		db_bind_text(q, 3, an->author);
		db_bind_id(q, 4, adept);
		db_bind_text(q, 5, an->body);
		db_bind_text(q, 6, an->answered_at);
		db_bind_text(q, 7, an->extra);
		if ((rc = db_run(q)))
			goto done;
	}
	if ((rc = names_import(c, f->names, f->n_names, dept)))
		goto done;
	rc = db_change(c, STORE_KIND_FAQ, fid, STORE_OP_UPSERT);
done:
	free(topics);
	return rc;
}

int store_faq_import(struct store *st, const struct faq *f,
                     const char *content_hash, enum store_import_result *res)
{
	return import_record(st,
	                     "SELECT id, content_hash FROM faq"
	                     " WHERE external_id = ?",
	                     f->external_id, content_hash, faq_write, f, res);
}

static int article_write(struct db_conn *c, const void *rec, const char *hash,
                         int64_t id)
{
	const struct article *ar = rec;
	struct buf slug = BUF_INIT;
	int64_t dept, adept, src, other, aid = id;
	const char *status = ar->status ? ar->status : "draft";
	struct db_stmt *q;
	int rc;

	if ((rc = taxonomy_dept_ensure(c, ar->department, &dept)) ||
	    (rc = taxonomy_dept_ensure(c, ar->author_department, &adept)) ||
	    (rc = taxonomy_source_ensure(c, ar->source.name, &src)))
		goto done;
	if (id && !strcmp(status, "published")) {
		/* Re-import never publishes what the site keeps unpublished. */
		int64_t pub = 0;

		if ((rc = taxonomy_find_id(
		             c,
		             "SELECT id FROM articles WHERE external_id"
		             " = ? AND status = 'published'",
		             ar->external_id, &pub)))
			goto done;
		if (!pub)
			status = NULL; /* keep the stored one */
	}
	if (ar->slug) {
		if ((rc = taxonomy_find_id(
		             c, "SELECT id FROM articles WHERE slug = ?",
		             ar->slug, &other)))
			goto done;
		if (other && other != id) {
			rc = store_set_error(STORE_CONFLICT,
			                     "slug '%s' belongs to another "
			                     "article",
			                     ar->slug);
			goto done;
		}
		buf_puts(&slug, ar->slug);
	} else if (!id) {
		taxonomy_slugify(&slug, ar->title);
		if ((rc = taxonomy_unique_slug(
		             c, "SELECT 1 FROM articles WHERE slug = ?",
		             &slug)))
			goto done;
	}
	if (id)
		q = db_stmt(c,
		            "UPDATE articles SET slug = coalesce(?1, slug),"
		            " title = ?2, summary = ?3, body = ?4,"
		            " author = ?5, author_department_id = ?6,"
		            " category = ?7, department_id = ?8,"
		            " published_at = ?9, updated_at = ?10,"
		            " language = ?11, source_id = ?12,"
		            " source_url = ?13, body_extra = ?14,"
		            " content_hash = ?15, extra = ?16,"
		            " status = coalesce(?18, status) WHERE id = ?17");
	else
		q = db_stmt(c,
		            "INSERT INTO articles (slug, title, summary, body,"
		            " author, author_department_id, category,"
		            " department_id, published_at, updated_at,"
		            " language, source_id, source_url, body_extra,"
		            " content_hash, extra, external_id, status)"
		            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		            " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
		            " RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, slug.len ? slug.p : NULL);
	db_bind_text(q, 2, ar->title);
	db_bind_text(q, 3, ar->summary ? ar->summary : "");
	db_bind_text(q, 4, ar->body);
	db_bind_text(q, 5, ar->author);
	db_bind_id(q, 6, adept);
	db_bind_text(q, 7, ar->category);
	db_bind_id(q, 8, dept);
	db_bind_text(q, 9, ar->published_at);
	db_bind_text(q, 10, ar->updated_at);
	db_bind_text(q, 11, ar->language ? ar->language : "en");
	db_bind_id(q, 12, src);
	db_bind_text(q, 13, ar->source.url);
	db_bind_text(q, 14, ar->body_extra);
	db_bind_text(q, 15, hash);
	db_bind_text(q, 16, ar->extra);
	if (id)
		db_bind_int64(q, 17, id);
	else
		db_bind_text(q, 17, ar->external_id);
	db_bind_text(q, 18, status);
	if (!id) {
		if ((rc = db_row(NULL, q, db_read_int64, &aid, "article")))
			goto done;
	} else if ((rc = db_run(q))) {
		goto done;
	} else if ((rc = run_ids(c,
	                         "DELETE FROM article_topics"
	                         " WHERE article_id = ?",
	                         id, 0))) {
		goto done;
	}
	if ((rc = link_topics(c,
	                      "INSERT INTO article_topics"
	                      " (article_id, topic_id, pos) VALUES (?, ?, ?)"
	                      " ON CONFLICT DO NOTHING",
	                      aid, ar->topics, ar->n_topics, dept)) ||
	    (rc = names_import(c, ar->names, ar->n_names, dept)))
		goto done;
	rc = db_change(c, STORE_KIND_ARTICLE, aid, STORE_OP_UPSERT);
done:
	buf_free(&slug);
	return rc;
}

int store_article_import(struct store *st, const struct article *ar,
                         const char *content_hash,
                         enum store_import_result *res)
{
	return import_record(st,
	                     "SELECT id, content_hash FROM articles"
	                     " WHERE external_id = ?",
	                     ar->external_id, content_hash, article_write, ar,
	                     res);
}

/* ---- many library entries at once (PostgreSQL: COPY) ---- */

/* A table of strings to integers for one bulk import; keys live in the
 * import's arena. */
struct smap_slot {
	const char *key;
	int64_t v;
};

struct smap {
	struct smap_slot *slots;
	size_t cap, n; /* cap a power of two */
};

static uint64_t smap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct smap_slot *smap_find(const struct smap *m, const char *key)
{
	size_t i = smap_hash(key) & (m->cap - 1);

	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static int smap_get(const struct smap *m, const char *key, int64_t *v)
{
	struct smap_slot *s = m->cap ? smap_find(m, key) : NULL;

	if (!s || !s->key)
		return 0;
	*v = s->v;
	return 1;
}

/* Set key (copied into a) to v. */
static void smap_put(struct smap *m, struct arena *a, const char *key,
                     int64_t v)
{
	struct smap_slot *s;

	if ((m->n + 1) * 2 > m->cap) {
		struct smap old = *m;

		m->cap = old.cap ? old.cap * 2 : 1024;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key) {
				*smap_find(m, old.slots[i].key) = old.slots[i];
				m->n++;
			}
		free(old.slots);
	}
	s = smap_find(m, key);
	if (!s->key) {
		s->key = arena_strdup(a, key);
		m->n++;
	}
	s->v = v;
}

static void smap_clear(struct smap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* What one bulk import knows of the taxonomy (loaded under a lock, so
 * no other connection changes it meanwhile) and the rows it will COPY. */
struct bulk {
	struct db_conn *c;
	struct arena *a;
	int loaded;
	struct smap depts, sources; /* name -> id */
	struct smap topics;         /* "dept\x1fname" -> id */
	struct smap slugs;          /* topic slugs taken -> 1 */
	struct smap syns;           /* "topic\x1fsynonym" -> 1 */
	struct smap n_syns;         /* "topic" -> synonyms it has */
	int64_t *topic_ids;         /* reserved, not used yet */
	size_t n_topic_ids;
	struct buf topic_rows, syn_rows, faq_rows, answer_rows, change_rows;
	size_t pending; /* entries in faq_rows */
};

static void bulk_forget(struct bulk *b)
{
	smap_clear(&b->depts);
	smap_clear(&b->sources);
	smap_clear(&b->topics);
	smap_clear(&b->slugs);
	smap_clear(&b->syns);
	smap_clear(&b->n_syns);
	b->loaded = 0;
}

/* SET LOCAL default_toast_compression = lz4 when the server has it; 0
 * after an error (recorded). */
static int lz4_checked(struct bulk *b)
{
	int64_t has = 0;
	int64_t *const f[] = {&has};

	if (db_ints(db_stmt(b->c, "SELECT count(*) FROM pg_settings WHERE"
	                          " name = 'default_toast_compression'"
	                          " AND 'lz4' = ANY (enumvals)"),
	            f, 1))
		return 0;
	return !has ||
	       db_exec(b->c, "SET LOCAL default_toast_compression = lz4") ==
	               STORE_OK;
}

static int bulk_load(struct bulk *b)
{
	struct db_stmt *q;
	char key[64];
	int rc;

	bulk_forget(b);
	if (!(q = db_stmt(b->c, "SELECT id, coalesce(department_id, 0),"
	                        " name, slug FROM topics")))
		return STORE_ERROR;
	while ((rc = db_step(q)) == 1) {
		char *k = arena_printf(b->a, "%lld\x1f%s",
		                       (long long)db_col_int64(q, 1),
		                       db_col_str(q, 2));

		smap_put(&b->topics, b->a, k, db_col_int64(q, 0));
		smap_put(&b->slugs, b->a, db_col_str(q, 3), 1);
	}
	if (rc < 0)
		return rc;
	if (!(q = db_stmt(b->c, "SELECT topic_id, synonym FROM"
	                        " topic_synonyms")))
		return STORE_ERROR;
	while ((rc = db_step(q)) == 1) {
		int64_t tid = db_col_int64(q, 0), n = 0;
		char *k = arena_printf(b->a, "%lld\x1f%s", (long long)tid,
		                       db_col_str(q, 1));

		smap_put(&b->syns, b->a, k, 1);
		snprintf(key, sizeof(key), "%lld", (long long)tid);
		smap_get(&b->n_syns, key, &n);
		smap_put(&b->n_syns, b->a, key, n + 1);
	}
	if (rc < 0)
		return rc;
	b->loaded = 1;
	return STORE_OK;
}

/* Take n values of the sequence of table's id (gaps are harmless). */
static int bulk_ids(struct bulk *b, const char *table, size_t n, int64_t **out)
{
	struct db_stmt *q =
	        /* The sequence is looked up once, not for every value
	         * (pg_get_serial_sequence reads the catalogs each call; a
	         * plain subquery would be pulled up into the select list). */
	        db_stmt(b->c, "WITH s AS MATERIALIZED (SELECT CAST("
	                      "pg_get_serial_sequence(?1, 'id') AS regclass)"
	                      " AS seq) SELECT nextval(s.seq) FROM s,"
	                      " generate_series(1, ?2) AS g ORDER BY g");
	int64_t *ids = arena_alloc(b->a, (n ? n : 1) * sizeof(*ids));
	size_t k = 0;
	int rc;

	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, table);
	db_bind_int64(q, 2, (int64_t)n);
	while ((rc = db_step(q)) == 1)
		if (k < n)
			ids[k++] = db_col_int64(q, 0);
	if (rc < 0)
		return rc;
	if (k != n)
		return store_set_error(STORE_ERROR, "%s: %zu ids of %zu", table,
		                       k, n);
	*out = ids;
	return STORE_OK;
}

/* A department or source by name, from the cache or made by ensure. */
static int bulk_named(struct bulk *b, struct smap *m, const char *name,
                      int (*ensure)(struct db_conn *, const char *, int64_t *),
                      int64_t *id)
{
	*id = 0;
	if (!name || smap_get(m, name, id))
		return STORE_OK;
	int rc = ensure(b->c, name, id);

	if (rc == STORE_OK)
		smap_put(m, b->a, name, *id);
	return rc;
}

/* Topic (name, dept) as taxonomy_topic_ensure finds or makes it, the new
 * row added to the COPY. */
static int bulk_topic(struct bulk *b, const char *name, int64_t dept,
                      size_t want, int64_t *id, int *created)
{
	char *key = arena_printf(b->a, "%lld\x1f%s", (long long)dept, name);
	struct buf slug = BUF_INIT;
	int64_t one;
	int rc;

	*created = 0;
	if (smap_get(&b->topics, key, id))
		return STORE_OK;
	if (!b->n_topic_ids) {
		b->n_topic_ids = want < 64 ? 64 : want;
		if ((rc = bulk_ids(b, "topics", b->n_topic_ids,
		                   &b->topic_ids))) {
			b->n_topic_ids = 0;
			return rc;
		}
	}
	*id = *b->topic_ids++;
	b->n_topic_ids--;
	taxonomy_slugify(&slug, name);
	for (int n = 2, base = (int)slug.len; smap_get(&b->slugs, slug.p, &one);
	     n++) {
		slug.len = (size_t)base;
		buf_printf(&slug, "-%d", n);
	}
	smap_put(&b->slugs, b->a, slug.p, 1);
	smap_put(&b->topics, b->a, key, *id);
	db_copy_int(&b->topic_rows, *id, 0, 1);
	db_copy_int(&b->topic_rows, dept, 1, 0);
	db_copy_field(&b->topic_rows, name, 0);
	db_copy_field(&b->topic_rows, slug.p, 0);
	db_copy_end(&b->topic_rows);
	buf_free(&slug);
	*created = 1;
	return STORE_OK;
}

/* taxonomy_topic_add_synonyms, into the COPY. */
static void bulk_synonyms(struct bulk *b, int64_t tid, const char *name,
                          const char *const *syn, size_t n, int *added)
{
	char key[32];
	int64_t count = 0, one;

	snprintf(key, sizeof(key), "%lld", (long long)tid);
	smap_get(&b->n_syns, key, &count);
	for (size_t i = 0; i < n; i++) {
		char *k;

		if (!strcmp(syn[i], name))
			continue;
		k = arena_printf(b->a, "%lld\x1f%s", (long long)tid, syn[i]);
		if (smap_get(&b->syns, k, &one))
			continue;
		smap_put(&b->syns, b->a, k, 1);
		db_copy_int(&b->syn_rows, tid, 0, 1);
		db_copy_field(&b->syn_rows, syn[i], 0);
		db_copy_int(&b->syn_rows, count++, 0, 0);
		db_copy_end(&b->syn_rows);
		(*added)++;
	}
	smap_put(&b->n_syns, b->a, key, count);
}

static void bulk_change(struct bulk *b, enum store_kind kind, int64_t id)
{
	db_copy_field(&b->change_rows, store_kind_name(kind), 1);
	db_copy_int(&b->change_rows, id, 0, 0);
	db_copy_field(&b->change_rows, "upsert", 0);
	db_copy_end(&b->change_rows);
}

/* What faq_write does for a new entry, as COPY rows; id is its own. */
static int bulk_faq(struct bulk *b, const struct faq *f, const char *hash,
                    int64_t id, size_t want)
{
	int64_t dept, src, topic = 0;
	char *topics;
	int rc;

	if ((rc = bulk_named(b, &b->depts, f->department, taxonomy_dept_ensure,
	                     &dept)) ||
	    (rc = bulk_named(b, &b->sources, f->source.name,
	                     taxonomy_source_ensure, &src)))
		return rc;
	if (f->n_topics) {
		int created, added = 0;

		if ((rc = bulk_topic(b, f->topics[0], dept, want, &topic,
		                     &created)))
			return rc;
		bulk_synonyms(b, topic, f->topics[0], f->topics + 1,
		              f->n_topics - 1, &added);
		if (created || added)
			bulk_change(b, STORE_KIND_TOPIC, topic);
	}
	topics = topics_json(f->topics, f->n_topics);
	db_copy_int(&b->faq_rows, id, 0, 1);
	db_copy_field(&b->faq_rows, f->external_id, 0);
	db_copy_field(&b->faq_rows, f->title, 0);
	db_copy_field(&b->faq_rows, f->question, 0);
	db_copy_field(&b->faq_rows, f->question_type, 0);
	db_copy_int(&b->faq_rows, dept, 1, 0);
	db_copy_int(&b->faq_rows, topic, 1, 0);
	db_copy_field(&b->faq_rows, topics, 0);
	db_copy_int(&b->faq_rows, src, 1, 0);
	db_copy_field(&b->faq_rows, f->source.url, 0);
	db_copy_field(&b->faq_rows, f->language ? f->language : "en", 0);
	db_copy_field(&b->faq_rows, hash, 0);
	db_copy_field(&b->faq_rows, f->extra, 0);
	db_copy_end(&b->faq_rows);
	free(topics);
	for (size_t i = 0; i < f->n_answers; i++) {
		const struct answer *an = &f->answers[i];
		int64_t adept;

		if ((rc = bulk_named(b, &b->depts, an->department,
		                     taxonomy_dept_ensure, &adept)))
			return rc;
		db_copy_int(&b->answer_rows, id, 0, 1);
		db_copy_int(&b->answer_rows, (int64_t)i, 0, 0);
		db_copy_field(&b->answer_rows, an->author, 0);
		db_copy_int(&b->answer_rows, adept, 1, 0);
		db_copy_field(&b->answer_rows, an->body, 0);
		db_copy_field(&b->answer_rows, an->answered_at, 0);
		db_copy_field(&b->answer_rows, an->extra, 0);
		db_copy_end(&b->answer_rows);
	}
	bulk_change(b, STORE_KIND_FAQ, id);
	b->pending++;
	return STORE_OK;
}

/* Send the rows gathered so far, parents first. */
static int bulk_flush(struct bulk *b)
{
	int rc;

	if ((rc = db_copy(b->c,
	                  "COPY topics (id, department_id, name, slug)"
	                  " FROM STDIN",
	                  &b->topic_rows)) ||
	    (rc = db_copy(b->c,
	                  "COPY topic_synonyms (topic_id, synonym, pos)"
	                  " FROM STDIN",
	                  &b->syn_rows)) ||
	    (rc = db_copy(b->c,
	                  "COPY faq (id, external_id, title, question,"
	                  " question_type, department_id, topic_id, topics,"
	                  " source_id, source_url, language, content_hash,"
	                  " extra) FROM STDIN",
	                  &b->faq_rows)) ||
	    (rc = db_copy(b->c,
	                  "COPY faq_answers (faq_id, pos, author,"
	                  " department_id, body, answered_at, extra)"
	                  " FROM STDIN",
	                  &b->answer_rows)))
		return rc;
	if (b->change_rows.len) {
		if ((rc = db_copy(b->c,
		                  "COPY changes (kind, entity_id, op)"
		                  " FROM STDIN",
		                  &b->change_rows)))
			return rc;
		b->c->changed = 1; /* NOTIFY at commit */
	}
	b->pending = 0;
	return STORE_OK;
}

/* Whether f can go in by COPY: new, nothing in it that the row by row
 * path would refuse (an empty department name), and no names in other
 * languages (the COPY rows carry none; names_import() stores them). */
static int bulk_fits(const struct faq *f)
{
	if (f->department && !*f->department)
		return 0;
	if (f->n_names)
		return 0;
	if (!f->title || !f->question)
		return 0;
	for (size_t i = 0; i < f->n_answers; i++)
		if ((f->answers[i].department && !*f->answers[i].department) ||
		    !f->answers[i].body)
			return 0;
	return 1;
}

/* The stored id and content hash of the entries among f by external id:
 * one statement, an array of the names. */
static int bulk_lookup(struct bulk *b, const struct faq *const *f, size_t n,
                       struct smap *ids, struct smap *hashes)
{
	struct buf arr = BUF_INIT;
	struct db_stmt *q;
	int rc;

	buf_putc(&arr, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&arr, ',');
		buf_putc(&arr, '"');
		for (const char *p = f[i]->external_id; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&arr, '\\');
			buf_putc(&arr, *p);
		}
		buf_putc(&arr, '"');
	}
	buf_putc(&arr, '}');
	q = db_stmt(b->c, "SELECT external_id, id, content_hash FROM faq"
	                  " WHERE external_id = ANY (CAST(?1 AS text[]))");
	if (!q) {
		buf_free(&arr);
		return STORE_ERROR;
	}
	db_bind_text(q, 1, arr.p);
	while ((rc = db_step(q)) == 1) {
		const char *ext = db_col_str(q, 0);

		smap_put(ids, b->a, ext, db_col_int64(q, 1));
		if (!db_col_null(q, 2))
			smap_put(hashes, b->a,
			         arena_printf(b->a, "%s\x1f%s", ext,
			                      db_col_str(q, 2)),
			         1);
	}
	buf_free(&arr);
	return rc < 0 ? rc : STORE_OK;
}

int store_faq_import_many(struct store *st, const struct faq *const *f,
                          const char *const *hash, size_t n,
                          store_import_fn done, void *ctx)
{
	struct bulk b = {0};
	struct smap ids = {0}, hashes = {0};
	int64_t *faq_ids = NULL, one;
	size_t n_new = 0, used = 0;
	int rc, *kind = NULL; /* 0 new by COPY, 1 unchanged, 2 row by row */

	if ((rc = store_conn(st, &b.c)))
		return rc;
	if (!b.c->drv->copy || !b.c->drv->in_tx(b.c)) {
		/* SQLite, or no transaction to hold the lock: one by one. */
		for (size_t i = 0; i < n; i++) {
			enum store_import_result res = 0;

			rc = store_faq_import(st, f[i], hash[i], &res);
			if (rc && rc != STORE_INVALID && rc != STORE_CONFLICT &&
			    rc != STORE_NOTFOUND)
				return rc;
			done(ctx, i, rc, res);
		}
		return STORE_OK;
	}
	b.a = arena_new();
	kind = xcalloc(n + 1, sizeof(*kind));
	/* Nobody else makes topics or synonyms, nor imports library
	 * entries (every such import takes this lock first), until the
	 * caller's transaction ends; readers go on. So the entries found
	 * new below stay new. */
	if ((rc = db_exec(b.c, "LOCK TABLE topics, topic_synonyms"
	                       " IN SHARE ROW EXCLUSIVE MODE")))
		goto out;
	/* Long answers are compressed as they are stored: lz4 costs a
	 * fraction of the default pglz's time, for this transaction only,
	 * where the server has it (PostgreSQL 14 and later, built with
	 * lz4); readers decompress either. */
	if (!lz4_checked(&b)) {
		rc = STORE_ERROR;
		goto out;
	}
	if ((rc = bulk_lookup(&b, f, n, &ids, &hashes)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		int64_t id = 0;

		if (!f[i]->external_id || !*f[i]->external_id) {
			kind[i] = 2;
		} else if (smap_get(&ids, f[i]->external_id, &id)) {
			char *k =
			        arena_printf(b.a, "%s\x1f%s", f[i]->external_id,
			                     hash[i] ? hash[i] : "");

			kind[i] = hash[i] && smap_get(&hashes, k, &one) ? 1 : 2;
		} else {
			kind[i] = bulk_fits(f[i]) ? 0 : 2;
			n_new += kind[i] == 0;
		}
	}
	if (n_new && (rc = bulk_ids(&b, "faq", n_new, &faq_ids)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		enum store_import_result res = 0;

		if (kind[i] == 1) {
			done(ctx, i, STORE_OK, STORE_UNCHANGED);
			continue;
		}
		if (kind[i] == 0) {
			if (!b.loaded && (rc = bulk_load(&b)))
				goto out;
			if ((rc = bulk_faq(&b, f[i], hash[i], faq_ids[used],
			                   n_new - used)))
				goto out;
			used++;
			done(ctx, i, STORE_OK, STORE_ADDED);
			continue;
		}
		/* The row by row path reads what came before: send it, and
		 * read the taxonomy again after. */
		if ((rc = bulk_flush(&b)))
			goto out;
		rc = store_faq_import(st, f[i], hash[i], &res);
		if (rc && rc != STORE_INVALID && rc != STORE_CONFLICT &&
		    rc != STORE_NOTFOUND)
			goto out;
		done(ctx, i, rc, res);
		rc = STORE_OK;
		b.loaded = 0;
	}
	rc = bulk_flush(&b);
out:
	bulk_forget(&b);
	smap_clear(&ids);
	smap_clear(&hashes);
	buf_free(&b.topic_rows);
	buf_free(&b.syn_rows);
	buf_free(&b.faq_rows);
	buf_free(&b.answer_rows);
	buf_free(&b.change_rows);
	free(kind);
	arena_free(b.a);
	return rc;
}

/* ---- export ---- */

/* qa->more_info from the more_info row of question id, if any. */
static int read_moreinfo(struct db_conn *c, struct arena *a, int64_t id,
                         struct question *qa)
{
	struct store_moreinfo *mi;
	struct db_stmt *q;
	int rc;

	q = db_stmt(c, "SELECT json, machine_assisted, status = 'approved',"
	               " approved_at, edited, generated_at FROM more_info"
	               " WHERE question_id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_int64(q, 1, id);
	if ((rc = db_step(q)) <= 0)
		return rc;
	mi = ARENA_NEW(a, struct store_moreinfo);
	mi->question_id = id;
	mi->json = db_col_text(a, q, 0);
	mi->machine_assisted = (int)db_col_int64(q, 1);
	mi->status =
	        (int)db_col_int64(q, 2) ? STORE_MI_APPROVED : STORE_MI_DRAFT;
	mi->approved_at = db_col_text(a, q, 3);
	mi->edited = (int)db_col_int64(q, 4);
	mi->generated_at = db_col_text(a, q, 5);
	db_reset(q);
	qa->more_info = mi;
	return STORE_OK;
}

/* The names (all of them, v[0..nv)) a record carries: its department's
 * (dept), its topics' (ids and names, or the focus topic's id and name
 * for a library entry) and its category's parts'. In arena a. */
struct names_all {
	const struct store_name *v;
	size_t n;
};

static size_t record_names(struct arena *a, const struct names_all *all,
                           int64_t dept, const struct topic *t, size_t nt,
                           int64_t focus, const char *focus_name,
                           const char *category, const struct store_name **out)
{
	const char **paths;
	size_t np = store_category_paths(a, category, &paths), k = 0;
	struct store_name *v = ARENA_ARRAY(a, struct store_name, all->n + 1);

	for (size_t i = 0; i < all->n; i++) {
		const struct store_name *x = &all->v[i];
		const char *key = NULL;
		int hit = 0;

		if (x->kind == STORE_KIND_DEPARTMENT)
			hit = dept && x->id == dept;
		else if (x->kind == STORE_KIND_TOPIC) {
			for (size_t j = 0; j < nt && !hit; j++)
				if (t[j].id == x->id) {
					hit = 1;
					key = t[j].name;
				}
			if (!hit && focus && x->id == focus) {
				hit = 1;
				key = focus_name;
			}
		} else if (x->kind == STORE_KIND_CATEGORY) {
			for (size_t j = 0; j < np && !hit; j++)
				hit = !strcmp(paths[j], x->slug);
			key = x->slug;
		}
		if (!hit)
			continue;
		v[k] = *x;
		v[k].slug = key;
		k++;
	}
	*out = k ? v : NULL;
	return k;
}

int store_export_each(struct store *st, store_record_fn fn, void *ctx)
{
	static const struct {
		enum store_kind kind;
		const char *sql;
	} kinds[] = {
	        {STORE_KIND_ARTICLE,
	         "SELECT id FROM articles ORDER BY"
	         " coalesce(external_id, 'askdoc-article-' || id)"},
	        {STORE_KIND_FAQ, "SELECT id FROM faq ORDER BY external_id"},
	        {STORE_KIND_QA, "SELECT id FROM questions ORDER BY"
	                        " coalesce(external_id, 'askdoc-qa-' || id)"},
	};
	struct arena *a = arena_new(), *na = arena_new();
	struct db_conn *c;
	struct store_name *nv;
	struct names_all all = {NULL, 0};
	int rc;

	if ((rc = store_conn(st, &c)) ||
	    (rc = store_names_list(st, na, NULL, &nv, &all.n)))
		goto done;
	all.v = nv;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		struct db_stmt *q = db_stmt(c, kinds[i].sql);

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		while ((rc = db_step(q)) == 1) {
			struct store_record rec = {kinds[i].kind, NULL, NULL,
			                           NULL};
			int64_t id = db_col_int64(q, 0);
			struct question qa;
			struct faq f;
			struct article ar;

			arena_reset(a);
			if (rec.kind == STORE_KIND_QA) {
				rc = store_qa_get(st, a, id, &qa);
				if (!rc && !qa.external_id)
					qa.external_id = arena_printf(
					        a, "askdoc-qa-%lld",
					        (long long)id);
				if (!rc)
					rc = read_moreinfo(c, a, id, &qa);
				if (!rc)
					qa.n_names = record_names(
					        a, &all, qa.department_id,
					        qa.topics, qa.n_topics, 0, NULL,
					        NULL, &qa.names);
				rec.qa = &qa;
			} else if (rec.kind == STORE_KIND_FAQ) {
				rc = store_faq_get(st, a, id, &f);
				if (!rc)
					f.n_names = record_names(
					        a, &all, f.department_id, NULL,
					        0, f.topic_id,
					        f.n_topics ? f.topics[0] : NULL,
					        NULL, &f.names);
				rec.faq = &f;
			} else {
				rc = store_article_get(st, a, id, &ar);
				if (!rc && !ar.external_id)
					ar.external_id = arena_printf(
					        a, "askdoc-article-%lld",
					        (long long)id);
				if (!rc)
					ar.n_names = record_names(
					        a, &all, ar.department_id,
					        ar.topics, ar.n_topics, 0, NULL,
					        ar.category, &ar.names);
				rec.article = &ar;
			}
			if (rc || (rc = fn(ctx, &rec))) {
				db_reset(q);
				goto done;
			}
		}
		if (rc < 0)
			goto done;
	}
done:
	arena_free(a);
	arena_free(na);
	return rc;
}
