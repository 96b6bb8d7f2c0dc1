/* store/sqlite_content.c: Q&As, the library and articles in SQLite:
 * reads, and the writes the site makes.
 *
 * A record is read whole: its row, then its answers and its topic links
 * in order. A library entry links to its focus topic (the first of its
 * topics) and adds the others to that topic's synonyms; it also keeps its
 * topic list verbatim (a JSON array) so that export gives back exactly
 * what was imported. Every write that changes a Q&A appends a changelog
 * row inside the same transaction.
 */
#include "store/sqlite_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/util.h"

/* Split a '\n'-joined column into an arena array of strings. */
const char **sq_split_lines(struct arena *a, sqlite3_stmt *q, int col,
                            size_t *n)
{
	char *s = sq_col_text(a, q, col);
	const char **v;
	size_t k = 1;

	*n = 0;
	if (!s || !*s)
		return NULL;
	for (char *p = s; *p; p++)
		k += *p == '\n';
	v = ARENA_ARRAY(a, const char *, k);
	for (char *p = s;;) {
		char *nl = strchr(p, '\n');

		v[(*n)++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return v;
}

/* Parse a JSON array of strings (the faq topics column). */
const char **sq_json_strings(struct arena *a, const char *text, size_t *n)
{
	json_t *arr;
	const char **v = NULL;

	*n = 0;
	if (!text || !(arr = json_loads(text, 0, NULL)))
		return NULL;
	if (json_is_array(arr) && json_array_size(arr)) {
		v = ARENA_ARRAY(a, const char *, json_array_size(arr));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			const char *s =
			        json_string_value(json_array_get(arr, i));
			if (s)
				v[(*n)++] = arena_strdup(a, s);
		}
	}
	json_decref(arr);
	return v;
}

/* ---- Q&As ---- */

#define ITEM_COLS                                                              \
	"q.id, q.title, q.department_id, d.name, d.slug, q.published_at,"      \
	" substr(q.text, 1, " SQ_EXCERPT "),"                                  \
	" length(q.text) > " SQ_EXCERPT ","                                    \
	" (SELECT coalesce(u.name, a.author_name) FROM answers a"              \
	"  LEFT JOIN users u ON u.id = a.doctor_id"                            \
	"  WHERE a.question_id = q.id ORDER BY a.pos LIMIT 1),"                \
	" (SELECT a.doctor_id FROM answers a WHERE a.question_id = q.id"       \
	"  ORDER BY a.pos LIMIT 1), q.language"
#define ITEM_ORDER " ORDER BY q.published_at DESC, q.id DESC LIMIT ?2 OFFSET ?3"

static void read_qa_item(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct qa_item *it = elem;

	it->id = sqlite3_column_int64(q, 0);
	it->title = sq_col_text(a, q, 1);
	it->department_id = sqlite3_column_int64(q, 2);
	it->department = sq_col_text(a, q, 3);
	it->department_slug = sq_col_text(a, q, 4);
	it->date = sq_col_text(a, q, 5);
	it->excerpt = sq_col_text(a, q, 6);
	it->excerpt_cut = sqlite3_column_int(q, 7);
	it->doctor = sq_col_text(a, q, 8);
	it->doctor_id = sqlite3_column_int64(q, 9);
	it->language = sq_col_text(a, q, 10);
}

int sq_qa_list(struct store *st, struct arena *a, int by, int64_t key,
               size_t offset, size_t limit, struct qa_item **out, size_t *n)
{
	struct conn *c;
	const char *sql;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (by == STORE_BY_TOPIC)
		sql = "SELECT " ITEM_COLS " FROM question_topics qt"
		      " JOIN questions q ON q.id = qt.question_id"
		      " LEFT JOIN departments d ON d.id = q.department_id"
		      " WHERE qt.topic_id = ?1"
		      " AND q.status = 'published'" ITEM_ORDER;
	else if (by == STORE_BY_DOCTOR)
		sql = "SELECT " ITEM_COLS " FROM questions q"
		      " LEFT JOIN departments d ON d.id = q.department_id"
		      " WHERE q.id IN (SELECT question_id FROM answers"
		      " WHERE doctor_id = ?1)"
		      " AND q.status = 'published'" ITEM_ORDER;
	else if (key)
		sql = "SELECT " ITEM_COLS " FROM questions q"
		      " LEFT JOIN departments d ON d.id = q.department_id"
		      " WHERE q.department_id = ?1"
		      " AND q.status = 'published'" ITEM_ORDER;
	else
		sql = "SELECT " ITEM_COLS " FROM questions q"
		      " LEFT JOIN departments d ON d.id = q.department_id"
		      " WHERE q.status = 'published'" ITEM_ORDER;
	return sq_rows(c, a, sq_stmt_page(c, sql, key, limit, offset),
	               sizeof(**out), read_qa_item, out, n);
}

#define QA_SELECT                                                              \
	"SELECT q.id, q.external_id, q.title, q.text, q.question_type,"        \
	" q.nickname, q.age_band, q.sex, q.department_id, d.name, d.slug,"     \
	" q.status, q.consent, q.asked_at, q.published_at, q.language,"        \
	" q.views, q.follow_up_of, q.user_id, q.token_hash, q.notify_email,"   \
	" q.urgent, q.source_id, s.name, q.source_url, q.extra,"               \
	" q.original_title, q.original_text, q.reject_reason,"                 \
	" (SELECT group_concat(x, char(30)) FROM (SELECT t.id || char(31) ||"  \
	"  t.name || char(31) || coalesce(t.slug, '') || char(31) ||"          \
	"  coalesce(t.department_id, '') || char(31) ||"                       \
	"  coalesce(td.name, '') || char(31) || coalesce(td.slug, '') AS x"    \
	"  FROM question_topics qt JOIN topics t ON t.id = qt.topic_id"        \
	"  LEFT JOIN departments td ON td.id = t.department_id"                \
	"  WHERE qt.question_id = q.id ORDER BY qt.pos))"                      \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id"  \
	" LEFT JOIN sources s ON s.id = q.source_id"

void sq_read_answer(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = sqlite3_column_int64(q, 0);
	an->question_id = sqlite3_column_int64(q, 1);
	an->doctor_id = sqlite3_column_int64(q, 2);
	an->author = sq_col_text(a, q, 3);
	an->doctor_title = sq_col_text(a, q, 4);
	an->hospital = sq_col_text(a, q, 5);
	an->department_id = sqlite3_column_int64(q, 6);
	an->department = sq_col_text(a, q, 7);
	an->body = sq_col_text(a, q, 8);
	an->answered_at = sq_col_text(a, q, 9);
	an->edited_at = sq_col_text(a, q, 10);
	an->signoff = sq_col_text(a, q, 11);
	an->extra = sq_col_text(a, q, 12);
	an->doctor_signoff = sq_col_text(a, q, 13);
	an->doctor_verified = sqlite3_column_int(q, 14);
}

/* The topics column of QA_SELECT: records split by char(30), fields
 * (id, name, slug, department id, name and slug) by char(31); "" is
 * NULL. Reading them with the question saves a statement per page. */
static void read_topic_records(struct arena *a, sqlite3_stmt *q, int col,
                               struct question *qa)
{
	char *s = sq_col_text(a, q, col), *rec, *save = NULL;
	size_t k = 1;

	if (!s || !*s)
		return;
	for (char *p = s; *p; p++)
		k += *p == '\x1e';
	qa->topics = ARENA_ARRAY(a, struct topic, k);
	for (rec = strtok_r(s, "\x1e", &save); rec;
	     rec = strtok_r(NULL, "\x1e", &save)) {
		struct topic *t = &qa->topics[qa->n_topics];
		char *f[6] = {0}, *p = rec;
		size_t nf = 0;

		while (nf < 6) {
			char *us = strchr(p, '\x1f');
			f[nf++] = p;
			if (!us)
				break;
			*us = '\0';
			p = us + 1;
		}
		if (nf < 6)
			continue;
		t->id = strtoll(f[0], NULL, 10);
		t->name = f[1];
		t->slug = *f[2] ? f[2] : NULL;
		t->department_id = strtoll(f[3], NULL, 10);
		t->department = *f[4] ? f[4] : NULL;
		t->department_slug = *f[5] ? f[5] : NULL;
		qa->n_topics++;
	}
}

static void read_qa(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct question *qa = elem;
	enum store_qstatus status = STORE_Q_WAITING;

	memset(qa, 0, sizeof(*qa));
	qa->id = sqlite3_column_int64(q, 0);
	qa->external_id = sq_col_text(a, q, 1);
	qa->title = sq_col_text(a, q, 2);
	qa->text = sq_col_text(a, q, 3);
	qa->question_type = sq_col_text(a, q, 4);
	qa->nickname = sq_col_text(a, q, 5);
	qa->age_band = sq_col_text(a, q, 6);
	qa->sex = sq_col_text(a, q, 7);
	qa->department_id = sqlite3_column_int64(q, 8);
	qa->department = sq_col_text(a, q, 9);
	qa->department_slug = sq_col_text(a, q, 10);
	store_qstatus_parse((const char *)sqlite3_column_text(q, 11), &status);
	qa->status = status;
	qa->consent = sqlite3_column_int(q, 12);
	qa->asked_at = sq_col_text(a, q, 13);
	qa->published_at = sq_col_text(a, q, 14);
	qa->language = sq_col_text(a, q, 15);
	qa->views = sqlite3_column_int64(q, 16);
	qa->follow_up_of = sqlite3_column_int64(q, 17);
	qa->user_id = sqlite3_column_int64(q, 18);
	qa->token_hash = sq_col_text(a, q, 19);
	qa->notify_email = sq_col_text(a, q, 20);
	qa->urgent = sqlite3_column_int(q, 21);
	qa->source.id = sqlite3_column_int64(q, 22);
	qa->source.name = sq_col_text(a, q, 23);
	qa->source.url = sq_col_text(a, q, 24);
	qa->extra = sq_col_text(a, q, 25);
	qa->original_title = sq_col_text(a, q, 26);
	qa->original_text = sq_col_text(a, q, 27);
	qa->reject_reason = sq_col_text(a, q, 28);
	read_topic_records(a, q, 29, qa);
}

int sq_qa_read(struct conn *c, struct arena *a, int64_t id,
               const char *external_id, struct question *out)
{
	sqlite3_stmt *q;
	int rc;

	q = sq_stmt_key(c, QA_SELECT " WHERE q.external_id = ?", external_id,
	                QA_SELECT " WHERE q.id = ?", id);
	if ((rc = sq_row(c, a, q, read_qa, out, "question")))
		return rc;
	q = sq_stmt_id(c,
	               SQ_ANSWER_SELECT " WHERE a.question_id = ?"
	                                " ORDER BY a.pos",
	               out->id);
	return sq_rows(c, a, q, sizeof(*out->answers), sq_read_answer,
	               &out->answers, &out->n_answers);
}

int sq_qa_get(struct store *st, struct arena *a, int64_t id,
              const char *external_id, struct question *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_qa_read(c, a, id, external_id, out);
}

static void read_brief(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct qa_brief *b = elem;

	b->id = sqlite3_column_int64(q, 0);
	b->title = sq_col_text(a, q, 1);
	b->text = sq_col_text(a, q, 2);
	b->doctor_id = sqlite3_column_int64(q, 3);
	b->author = sq_col_text(a, q, 4);
	b->department = sq_col_text(a, q, 5);
	b->answer = sq_col_text(a, q, 6);
}

int sq_qa_briefs(struct store *st, struct arena *a, const int64_t *ids,
                 size_t n, struct qa_brief **out, size_t *nout)
{
	struct conn *c;
	sqlite3_stmt *q;
	struct qa_brief *rows, *sorted;
	size_t nr, k = 0;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	/* Unused places stay NULL, which matches no id. */
	q = sq_stmt(c, "SELECT q.id, q.title, q.text, a.doctor_id,"
	               " coalesce(u.name, a.author_name), p.name, a.body"
	               " FROM questions q LEFT JOIN answers a ON a.id ="
	               " (SELECT id FROM answers WHERE question_id = q.id"
	               " ORDER BY pos LIMIT 1)"
	               " LEFT JOIN users u ON u.id = a.doctor_id"
	               " LEFT JOIN departments p ON p.id = a.department_id"
	               " WHERE q.status = 'published'"
	               " AND q.id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (q)
		for (size_t i = 0; i < n && i < STORE_BRIEFS_MAX; i++)
			sqlite3_bind_int64(q, (int)i + 1, ids[i]);
	if ((rc = sq_rows(c, a, q, sizeof(*rows), read_brief, &rows, &nr)))
		return rc;
	/* In the order asked. */
	sorted = ARENA_ARRAY(a, struct qa_brief, nr ? nr : 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < nr; j++)
			if (rows[j].id == ids[i])
				sorted[k++] = rows[j];
	*out = sorted;
	*nout = k;
	return STORE_OK;
}

int sq_qa_view(struct store *st, int64_t id)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_run_ids(c,
	                     "UPDATE questions SET views = views + 1"
	                     " WHERE id = ?",
	                     id, 0)))
		return rc;
	return sq_changed(c, "question", id);
}

int sq_question_create(struct store *st, const struct question *qa, int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!qa->title || !*qa->title || !qa->text || !*qa->text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "INSERT INTO questions (title, text, question_type,"
	               " nickname, age_band, sex, department_id, status,"
	               " consent, asked_at, published_at, language,"
	               " follow_up_of, user_id, token_hash, notify_email,"
	               " urgent, original_title, original_text) VALUES (?1,"
	               " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	               " coalesce(?10, " SQ_NOW "), CASE WHEN ?8 = 'published'"
	               " THEN " SQ_NOW " END, coalesce(?11, 'en'), ?12, ?13,"
	               " ?14, ?15, ?16, ?17, ?18)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, qa->title);
	sq_bind_text(q, 2, qa->text);
	sq_bind_text(q, 3, qa->question_type);
	sq_bind_text(q, 4, qa->nickname);
	sq_bind_text(q, 5, qa->age_band);
	sq_bind_text(q, 6, qa->sex);
	sq_bind_id(q, 7, qa->department_id);
	sq_bind_text(q, 8, store_qstatus_name(qa->status));
	sqlite3_bind_int(q, 9, qa->consent != 0);
	sq_bind_text(q, 10, qa->asked_at);
	sq_bind_text(q, 11, qa->language);
	sq_bind_id(q, 12, qa->follow_up_of);
	sq_bind_id(q, 13, qa->user_id);
	sq_bind_text(q, 14, qa->token_hash);
	sq_bind_text(q, 15, qa->notify_email);
	sqlite3_bind_int(q, 16, qa->urgent != 0);
	sq_bind_text(q, 17, qa->original_title);
	sq_bind_text(q, 18, qa->original_text);
	if ((rc = sq_run(c, q)))
		goto done;
	*id = sqlite3_last_insert_rowid(c->db);
	if ((rc = sq_run_ids(c,
	                     "UPDATE questions SET external_id ="
	                     " 'askdoc-qa-' || id WHERE id = ?",
	                     *id, 0)))
		goto done;
	if (qa->status == STORE_Q_PUBLISHED)
		rc = sq_change(c, STORE_KIND_QA, *id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_answer_create(struct store *st, const struct answer *ans, int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!ans->body || !*ans->body)
		return store_set_error(STORE_INVALID, "an answer needs a body");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = sq_run_ids(c,
	                     "UPDATE questions SET content_hash = NULL"
	                     " WHERE id = ?",
	                     ans->question_id, 0)) ||
	    (rc = sq_changed(c, "question", ans->question_id)))
		goto done;
	q = sq_stmt(c, "INSERT INTO answers (question_id, pos, doctor_id,"
	               " author_name, department_id, body, answered_at,"
	               " signoff, extra) VALUES (?1, (SELECT coalesce(max(pos),"
	               " 0) + 1 FROM answers WHERE question_id = ?1), ?2, ?3,"
	               " ?4, ?5, coalesce(?6, " SQ_NOW "), ?7, ?8)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, ans->question_id);
	sq_bind_id(q, 2, ans->doctor_id);
	sq_bind_text(q, 3, ans->author);
	sq_bind_id(q, 4, ans->department_id);
	sq_bind_text(q, 5, ans->body);
	sq_bind_text(q, 6, ans->answered_at);
	sq_bind_text(q, 7, ans->signoff);
	sq_bind_text(q, 8, ans->extra);
	if ((rc = sq_run(c, q)))
		goto done;
	*id = sqlite3_last_insert_rowid(c->db);
	rc = sq_change(c, STORE_KIND_QA, ans->question_id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

/* ---- library entries ---- */

#define FAQ_SELECT                                                             \
	"SELECT f.id, f.external_id, f.title, f.question, f.question_type,"    \
	" f.department_id, d.name, f.topic_id, f.topics, f.source_id,"         \
	" s.name, f.source_url, f.language, f.extra"                           \
	" FROM faq f LEFT JOIN departments d ON d.id = f.department_id"        \
	" LEFT JOIN sources s ON s.id = f.source_id"

static void read_faq(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct faq *f = elem;

	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(q, 0);
	f->external_id = sq_col_text(a, q, 1);
	f->title = sq_col_text(a, q, 2);
	f->question = sq_col_text(a, q, 3);
	f->question_type = sq_col_text(a, q, 4);
	f->department_id = sqlite3_column_int64(q, 5);
	f->department = sq_col_text(a, q, 6);
	f->topic_id = sqlite3_column_int64(q, 7);
	f->topics = sq_json_strings(a, (const char *)sqlite3_column_text(q, 8),
	                            &f->n_topics);
	f->source.id = sqlite3_column_int64(q, 9);
	f->source.name = sq_col_text(a, q, 10);
	f->source.url = sq_col_text(a, q, 11);
	f->language = sq_col_text(a, q, 12);
	f->extra = sq_col_text(a, q, 13);
}

/* A library answer row: pos, author, department id and name, body, date,
 * extra (the entry's id is the caller's to fill in). */
static void read_faq_answer(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = sqlite3_column_int64(q, 0);
	an->author = sq_col_text(a, q, 1);
	an->department_id = sqlite3_column_int64(q, 2);
	an->department = sq_col_text(a, q, 3);
	an->body = sq_col_text(a, q, 4);
	an->answered_at = sq_col_text(a, q, 5);
	an->extra = sq_col_text(a, q, 6);
}

int sq_faq_read(struct conn *c, struct arena *a, int64_t id,
                const char *external_id, struct faq *out)
{
	sqlite3_stmt *q;
	int rc;

	q = sq_stmt_key(c, FAQ_SELECT " WHERE f.external_id = ?", external_id,
	                FAQ_SELECT " WHERE f.id = ?", id);
	if ((rc = sq_row(c, a, q, read_faq, out, "library entry")))
		return rc;
	q = sq_stmt_id(c,
	               "SELECT f.pos, f.author, f.department_id, d.name,"
	               " f.body, f.answered_at, f.extra FROM faq_answers f"
	               " LEFT JOIN departments d ON d.id = f.department_id"
	               " WHERE f.faq_id = ? ORDER BY f.pos",
	               out->id);
	rc = sq_rows(c, a, q, sizeof(*out->answers), read_faq_answer,
	             &out->answers, &out->n_answers);
	for (size_t i = 0; rc == STORE_OK && i < out->n_answers; i++)
		out->answers[i].question_id = out->id;
	return rc;
}

int sq_faq_get(struct store *st, struct arena *a, int64_t id,
               const char *external_id, struct faq *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_faq_read(c, a, id, external_id, out);
}

/* ---- articles ---- */

#define ARTICLE_SELECT                                                         \
	"SELECT r.id, r.external_id, r.slug, r.title, r.summary, r.body,"      \
	" r.author, r.author_department_id, ad.name, r.category,"              \
	" r.department_id, d.name, r.published_at, r.updated_at,"              \
	" r.language, r.source_id, s.name, r.source_url, r.body_extra,"        \
	" r.extra, r.status FROM articles r"                                   \
	" LEFT JOIN departments d ON d.id = r.department_id"                   \
	" LEFT JOIN departments ad ON ad.id = r.author_department_id"          \
	" LEFT JOIN sources s ON s.id = r.source_id"

static void read_article(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct article *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(q, 0);
	r->external_id = sq_col_text(a, q, 1);
	r->slug = sq_col_text(a, q, 2);
	r->title = sq_col_text(a, q, 3);
	r->summary = sq_col_text(a, q, 4);
	r->body = sq_col_text(a, q, 5);
	r->author = sq_col_text(a, q, 6);
	r->author_department_id = sqlite3_column_int64(q, 7);
	r->author_department = sq_col_text(a, q, 8);
	r->category = sq_col_text(a, q, 9);
	r->department_id = sqlite3_column_int64(q, 10);
	r->department = sq_col_text(a, q, 11);
	r->published_at = sq_col_text(a, q, 12);
	r->updated_at = sq_col_text(a, q, 13);
	r->language = sq_col_text(a, q, 14);
	r->source.id = sqlite3_column_int64(q, 15);
	r->source.name = sq_col_text(a, q, 16);
	r->source.url = sq_col_text(a, q, 17);
	r->body_extra = sq_col_text(a, q, 18);
	r->extra = sq_col_text(a, q, 19);
	r->status = sq_col_text(a, q, 20);
}

int sq_article_read(struct conn *c, struct arena *a, int64_t id,
                    const char *slug, const char *external_id,
                    struct article *out)
{
	sqlite3_stmt *q;
	int rc;

	if (external_id)
		q = sq_stmt_key(c, ARTICLE_SELECT " WHERE r.external_id = ?",
		                external_id, NULL, 0);
	else
		q = sq_stmt_key(c, ARTICLE_SELECT " WHERE r.slug = ?", slug,
		                ARTICLE_SELECT " WHERE r.id = ?", id);
	if ((rc = sq_row(c, a, q, read_article, out, "article")))
		return rc;
	return sq_rows_id(
	        c, a,
	        "SELECT " SQ_TOPIC_LINK_COLS
	        " FROM article_topics x JOIN topics t ON t.id = x.topic_id"
	        " LEFT JOIN departments d ON d.id = t.department_id"
	        " WHERE x.article_id = ? ORDER BY x.pos",
	        out->id, sizeof(*out->topics), sq_read_topic_link, &out->topics,
	        &out->n_topics);
}

int sq_article_get(struct store *st, struct arena *a, int64_t id,
                   const char *slug, struct article *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return sq_article_read(c, a, id, slug, NULL, out);
}
