/* store/content.c: Q&As, the library and articles on either engine:
 * reads, and the writes the site makes.
 *
 * A record is read whole: its row, then its answers and its topic links
 * in order. A library entry links to its focus topic (the first of its
 * topics) and adds the others to that topic's synonyms; it also keeps its
 * topic list verbatim (a JSON array) so that export gives back exactly
 * what was imported. Every write that changes a Q&A appends a changelog
 * row inside the same transaction.
 */
#include "store/content.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/util.h"

/* STORE_EXCERPT_CHARS as SQL text, for list excerpts. */
#define XSTR(x) STR(x)
#define STR(x)  #x
#define EXCERPT XSTR(STORE_EXCERPT_CHARS)

const char **content_split_lines(struct arena *a, char *s, size_t *n)
{
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

const char **content_json_strings(struct arena *a, const char *text, size_t *n)
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

/* The statement of key_sql with ?1 bound to key, or when key is NULL of
 * id_sql with ?1 bound to id. */
static struct db_stmt *stmt_key(struct db_conn *c, const char *key_sql,
                                const char *key, const char *id_sql, int64_t id)
{
	struct db_stmt *q;

	if (!key)
		return db_stmt_id(c, id_sql, id);
	if ((q = db_stmt(c, key_sql)))
		db_bind_text(q, 1, key);
	return q;
}

/* ---- Q&As ---- */

#define ITEM_COLS                                                              \
	"q.id, q.title, q.department_id, d.name, d.slug, q.published_at,"      \
	" substr(q.text, 1, " EXCERPT "),"                                     \
	" length(q.text) > " EXCERPT ","                                       \
	" (SELECT coalesce(u.name, a.author_name) FROM answers a"              \
	"  LEFT JOIN users u ON u.id = a.doctor_id"                            \
	"  WHERE a.question_id = q.id ORDER BY a.pos LIMIT 1),"                \
	" (SELECT a.doctor_id FROM answers a WHERE a.question_id = q.id"       \
	"  ORDER BY a.pos LIMIT 1), q.language"
#define ITEM_ORDER " ORDER BY q.published_at DESC, q.id DESC LIMIT ?2 OFFSET ?3"

static void read_qa_item(struct arena *a, struct db_stmt *q, void *elem)
{
	struct qa_item *it = elem;

	it->id = db_col_int64(q, 0);
	it->title = db_col_text(a, q, 1);
	it->department_id = db_col_int64(q, 2);
	it->department = db_col_text(a, q, 3);
	it->department_slug = db_col_text(a, q, 4);
	it->date = db_col_text(a, q, 5);
	it->excerpt = db_col_text(a, q, 6);
	it->excerpt_cut = (int)db_col_int64(q, 7);
	it->doctor = db_col_text(a, q, 8);
	it->doctor_id = db_col_int64(q, 9);
	it->language = db_col_text(a, q, 10);
}

static int qa_list(struct store *st, struct arena *a, int by, int64_t key,
                   size_t offset, size_t limit, struct qa_item **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	const char *sql;
	int rc;

	if ((rc = store_conn(st, &c)))
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
	if ((q = db_stmt_id(c, sql, key))) {
		db_bind_int64(q, 2, (int64_t)limit);
		db_bind_int64(q, 3, (int64_t)offset);
	}
	return db_rows(a, q, sizeof(**out), read_qa_item, out, n);
}

int store_qa_latest(struct store *st, struct arena *a, int64_t department_id,
                    size_t offset, size_t limit, struct qa_item **out,
                    size_t *n)
{
	return qa_list(st, a, STORE_BY_LATEST, department_id, offset, limit,
	               out, n);
}

int store_qa_by_topic(struct store *st, struct arena *a, int64_t topic_id,
                      size_t offset, size_t limit, struct qa_item **out,
                      size_t *n)
{
	return qa_list(st, a, STORE_BY_TOPIC, topic_id, offset, limit, out, n);
}

int store_qa_by_doctor(struct store *st, struct arena *a, int64_t doctor_id,
                       size_t offset, size_t limit, struct qa_item **out,
                       size_t *n)
{
	return qa_list(st, a, STORE_BY_DOCTOR, doctor_id, offset, limit, out,
	               n);
}

/* The topics column: records split by \x1e, fields (id, name, slug,
 * department id, name and slug) by \x1f; "" is NULL. Reading them with
 * the question saves a statement per page. The separators are written
 * as the bytes themselves, which both engines take in a literal. */
#define QA_SELECT                                                              \
	"SELECT q.id, q.external_id, q.title, q.text, q.question_type,"        \
	" q.nickname, q.age_band, q.sex, q.department_id, d.name, d.slug,"     \
	" q.status, q.consent, q.asked_at, q.published_at, q.language,"        \
	" q.views, q.follow_up_of, q.user_id, q.token_hash, q.notify_email,"   \
	" q.urgent, q.source_id, s.name, q.source_url, q.extra,"               \
	" q.original_title, q.original_text, q.reject_reason,"                 \
	" (SELECT string_agg(x.r, '\x1e') FROM (SELECT CAST(t.id AS text)"     \
	"  || '\x1f' || t.name || '\x1f' || coalesce(t.slug, '') || '\x1f'"    \
	"  || coalesce(CAST(t.department_id AS text), '') || '\x1f'"           \
	"  || coalesce(td.name, '') || '\x1f' || coalesce(td.slug, '') AS r"   \
	"  FROM question_topics qt JOIN topics t ON t.id = qt.topic_id"        \
	"  LEFT JOIN departments td ON td.id = t.department_id"                \
	"  WHERE qt.question_id = q.id ORDER BY qt.pos) x)"                    \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id"  \
	" LEFT JOIN sources s ON s.id = q.source_id"

void content_read_answer(struct arena *a, struct db_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = db_col_int64(q, 0);
	an->question_id = db_col_int64(q, 1);
	an->doctor_id = db_col_int64(q, 2);
	an->author = db_col_text(a, q, 3);
	an->doctor_title = db_col_text(a, q, 4);
	an->hospital = db_col_text(a, q, 5);
	an->department_id = db_col_int64(q, 6);
	an->department = db_col_text(a, q, 7);
	an->body = db_col_text(a, q, 8);
	an->answered_at = db_col_text(a, q, 9);
	an->edited_at = db_col_text(a, q, 10);
	an->signoff = db_col_text(a, q, 11);
	an->extra = db_col_text(a, q, 12);
	an->doctor_signoff = db_col_text(a, q, 13);
	an->doctor_verified = (int)db_col_int64(q, 14);
}

static void read_topic_records(struct arena *a, struct db_stmt *q, int col,
                               struct question *qa)
{
	char *s = db_col_text(a, q, col), *rec, *save = NULL;
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
		memset(t, 0, sizeof(*t));
		t->id = strtoll(f[0], NULL, 10);
		t->name = f[1];
		t->slug = *f[2] ? f[2] : NULL;
		t->department_id = strtoll(f[3], NULL, 10);
		t->department = *f[4] ? f[4] : NULL;
		t->department_slug = *f[5] ? f[5] : NULL;
		qa->n_topics++;
	}
}

static void read_qa(struct arena *a, struct db_stmt *q, void *elem)
{
	struct question *qa = elem;
	enum store_qstatus status = STORE_Q_WAITING;

	memset(qa, 0, sizeof(*qa));
	qa->id = db_col_int64(q, 0);
	qa->external_id = db_col_text(a, q, 1);
	qa->title = db_col_text(a, q, 2);
	qa->text = db_col_text(a, q, 3);
	qa->question_type = db_col_text(a, q, 4);
	qa->nickname = db_col_text(a, q, 5);
	qa->age_band = db_col_text(a, q, 6);
	qa->sex = db_col_text(a, q, 7);
	qa->department_id = db_col_int64(q, 8);
	qa->department = db_col_text(a, q, 9);
	qa->department_slug = db_col_text(a, q, 10);
	store_qstatus_parse(db_col_str(q, 11), &status);
	qa->status = status;
	qa->consent = (int)db_col_int64(q, 12);
	qa->asked_at = db_col_text(a, q, 13);
	qa->published_at = db_col_text(a, q, 14);
	qa->language = db_col_text(a, q, 15);
	qa->views = db_col_int64(q, 16);
	qa->follow_up_of = db_col_int64(q, 17);
	qa->user_id = db_col_int64(q, 18);
	qa->token_hash = db_col_text(a, q, 19);
	qa->notify_email = db_col_text(a, q, 20);
	qa->urgent = (int)db_col_int64(q, 21);
	qa->source.id = db_col_int64(q, 22);
	qa->source.name = db_col_text(a, q, 23);
	qa->source.url = db_col_text(a, q, 24);
	qa->extra = db_col_text(a, q, 25);
	qa->original_title = db_col_text(a, q, 26);
	qa->original_text = db_col_text(a, q, 27);
	qa->reject_reason = db_col_text(a, q, 28);
	read_topic_records(a, q, 29, qa);
}

int content_qa_read(struct db_conn *c, struct arena *a, int64_t id,
                    const char *external_id, struct question *out)
{
	struct db_stmt *q;
	int rc;

	q = stmt_key(c, QA_SELECT " WHERE q.external_id = ?", external_id,
	             QA_SELECT " WHERE q.id = ?", id);
	if ((rc = db_row(a, q, read_qa, out, "question")))
		return rc;
	q = db_stmt_id(c,
	               CONTENT_ANSWER_SELECT " WHERE a.question_id = ?"
	                                     " ORDER BY a.pos",
	               out->id);
	return db_rows(a, q, sizeof(*out->answers), content_read_answer,
	               &out->answers, &out->n_answers);
}

int store_qa_get(struct store *st, struct arena *a, int64_t id,
                 struct question *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return content_qa_read(c, a, id, NULL, out);
}

int store_qa_get_external(struct store *st, struct arena *a,
                          const char *external_id, struct question *out)
{
	struct db_conn *c;
	int rc;

	if (!external_id)
		return STORE_NOTFOUND;
	if ((rc = store_conn(st, &c)))
		return rc;
	return content_qa_read(c, a, 0, external_id, out);
}

static void read_brief(struct arena *a, struct db_stmt *q, void *elem)
{
	struct qa_brief *b = elem;

	b->id = db_col_int64(q, 0);
	b->title = db_col_text(a, q, 1);
	b->text = db_col_text(a, q, 2);
	b->doctor_id = db_col_int64(q, 3);
	b->author = db_col_text(a, q, 4);
	b->department = db_col_text(a, q, 5);
	b->answer = db_col_text(a, q, 6);
	b->topic.id = db_col_int64(q, 7);
	b->topic.name = db_col_text(a, q, 8);
	b->topic.slug = db_col_text(a, q, 9);
	b->topic.department_id = db_col_int64(q, 10);
	b->topic.department = db_col_text(a, q, 11);
	b->topic.department_slug = db_col_text(a, q, 12);
	b->department_slug = db_col_text(a, q, 13);
}

int store_qa_briefs(struct store *st, struct arena *a, const int64_t *ids,
                    size_t n, struct qa_brief **out, size_t *nout)
{
	struct db_conn *c;
	struct db_stmt *q;
	struct qa_brief *rows, *sorted;
	size_t nr, k = 0;
	int rc;

	if (n > STORE_BRIEFS_MAX)
		return store_set_error(STORE_INVALID, "too many ids");
	if ((rc = store_conn(st, &c)))
		return rc;
	/* Unused places stay NULL, which matches no id. */
	q = db_stmt(c, "SELECT q.id, q.title, q.text, a.doctor_id,"
	               " coalesce(u.name, a.author_name), p.name, a.body,"
	               " coalesce(t.id, 0), t.name, t.slug,"
	               " coalesce(t.department_id, 0), td.name, td.slug,"
	               " p.slug"
	               " FROM questions q LEFT JOIN answers a ON a.id ="
	               " (SELECT id FROM answers WHERE question_id = q.id"
	               " ORDER BY pos LIMIT 1)"
	               " LEFT JOIN users u ON u.id = a.doctor_id"
	               " LEFT JOIN departments p ON p.id = a.department_id"
	               " LEFT JOIN topics t ON t.id ="
	               " (SELECT topic_id FROM question_topics"
	               " WHERE question_id = q.id ORDER BY pos LIMIT 1)"
	               " LEFT JOIN departments td ON td.id = t.department_id"
	               " WHERE q.status = 'published'"
	               " AND q.id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	               " ?10)");
	if (q)
		for (size_t i = 0; i < n && i < STORE_BRIEFS_MAX; i++)
			db_bind_int64(q, (int)i + 1, ids[i]);
	if ((rc = db_rows(a, q, sizeof(*rows), read_brief, &rows, &nr)))
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

int store_qa_view(struct store *st, int64_t id)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_run(db_stmt_id(c,
	                            "UPDATE questions SET views = views + 1"
	                            " WHERE id = ?",
	                            id))))
		return rc;
	return db_changed(c, "question", id);
}

int store_question_create(struct store *st, const struct question *qa,
                          int64_t *id)
{
	char now[DB_NOW_SIZE];
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!qa->title || !*qa->title || !qa->text || !*qa->text)
		return store_set_error(STORE_INVALID,
		                       "a question needs a title and a text");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	q = db_stmt(c, "INSERT INTO questions (title, text, question_type,"
	               " nickname, age_band, sex, department_id, status,"
	               " consent, asked_at, published_at, language,"
	               " follow_up_of, user_id, token_hash, notify_email,"
	               " urgent, original_title, original_text) VALUES (?1,"
	               " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, ?19),"
	               " CASE WHEN ?8 = 'published' THEN ?19 END,"
	               " coalesce(?11, 'en'), ?12, ?13, ?14, ?15, ?16, ?17,"
	               " ?18) RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, qa->title);
	db_bind_text(q, 2, qa->text);
	db_bind_text(q, 3, qa->question_type);
	db_bind_text(q, 4, qa->nickname);
	db_bind_text(q, 5, qa->age_band);
	db_bind_text(q, 6, qa->sex);
	db_bind_id(q, 7, qa->department_id);
	db_bind_text(q, 8, store_qstatus_name(qa->status));
	db_bind_int64(q, 9, qa->consent != 0);
	db_bind_text(q, 10, qa->asked_at);
	db_bind_text(q, 11, qa->language);
	db_bind_id(q, 12, qa->follow_up_of);
	db_bind_id(q, 13, qa->user_id);
	db_bind_text(q, 14, qa->token_hash);
	db_bind_text(q, 15, qa->notify_email);
	db_bind_int64(q, 16, qa->urgent != 0);
	db_bind_text(q, 17, qa->original_title);
	db_bind_text(q, 18, qa->original_text);
	db_bind_text(q, 19, db_now(now));
	if ((rc = db_row(NULL, q, db_read_int64, id, "question")))
		goto done;
	if ((rc = db_run(db_stmt_id(c,
	                            "UPDATE questions SET external_id ="
	                            " 'askdoc-qa-' || id WHERE id = ?",
	                            *id))))
		goto done;
	if (qa->status == STORE_Q_PUBLISHED)
		rc = db_change(c, STORE_KIND_QA, *id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_answer_create(struct store *st, const struct answer *ans, int64_t *id)
{
	char now[DB_NOW_SIZE];
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!ans->body || !*ans->body)
		return store_set_error(STORE_INVALID, "an answer needs a body");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if ((rc = db_run(db_stmt_id(c,
	                            "UPDATE questions SET content_hash = NULL"
	                            " WHERE id = ?",
	                            ans->question_id))) ||
	    (rc = db_changed(c, "question", ans->question_id)))
		goto done;
	q = db_stmt(c, "INSERT INTO answers (question_id, pos, doctor_id,"
	               " author_name, department_id, body, answered_at,"
	               " signoff, extra) VALUES (?1, (SELECT coalesce(max(pos),"
	               " 0) + 1 FROM answers WHERE question_id = ?1), ?2, ?3,"
	               " ?4, ?5, coalesce(?6, ?9), ?7, ?8) RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, ans->question_id);
	db_bind_id(q, 2, ans->doctor_id);
	db_bind_text(q, 3, ans->author);
	db_bind_id(q, 4, ans->department_id);
	db_bind_text(q, 5, ans->body);
	db_bind_text(q, 6, ans->answered_at);
	db_bind_text(q, 7, ans->signoff);
	db_bind_text(q, 8, ans->extra);
	db_bind_text(q, 9, db_now(now));
	if ((rc = db_row(NULL, q, db_read_int64, id, "answer")))
		goto done;
	rc = db_change(c, STORE_KIND_QA, ans->question_id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

/* ---- library entries ---- */

#define FAQ_SELECT                                                             \
	"SELECT f.id, f.external_id, f.title, f.question, f.question_type,"    \
	" f.department_id, d.name, f.topic_id, f.topics, f.source_id,"         \
	" s.name, f.source_url, f.language, f.extra"                           \
	" FROM faq f LEFT JOIN departments d ON d.id = f.department_id"        \
	" LEFT JOIN sources s ON s.id = f.source_id"

static void read_faq(struct arena *a, struct db_stmt *q, void *elem)
{
	struct faq *f = elem;

	memset(f, 0, sizeof(*f));
	f->id = db_col_int64(q, 0);
	f->external_id = db_col_text(a, q, 1);
	f->title = db_col_text(a, q, 2);
	f->question = db_col_text(a, q, 3);
	f->question_type = db_col_text(a, q, 4);
	f->department_id = db_col_int64(q, 5);
	f->department = db_col_text(a, q, 6);
	f->topic_id = db_col_int64(q, 7);
	f->topics = content_json_strings(a, db_col_text(a, q, 8), &f->n_topics);
	f->source.id = db_col_int64(q, 9);
	f->source.name = db_col_text(a, q, 10);
	f->source.url = db_col_text(a, q, 11);
	f->language = db_col_text(a, q, 12);
	f->extra = db_col_text(a, q, 13);
}

/* A library answer row: pos, author, department id and name, body, date,
 * extra (the entry's id is the caller's to fill in). */
static void read_faq_answer(struct arena *a, struct db_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = db_col_int64(q, 0);
	an->author = db_col_text(a, q, 1);
	an->department_id = db_col_int64(q, 2);
	an->department = db_col_text(a, q, 3);
	an->body = db_col_text(a, q, 4);
	an->answered_at = db_col_text(a, q, 5);
	an->extra = db_col_text(a, q, 6);
}

int content_faq_read(struct db_conn *c, struct arena *a, int64_t id,
                     const char *external_id, struct faq *out)
{
	struct db_stmt *q;
	int rc;

	q = stmt_key(c, FAQ_SELECT " WHERE f.external_id = ?", external_id,
	             FAQ_SELECT " WHERE f.id = ?", id);
	if ((rc = db_row(a, q, read_faq, out, "library entry")))
		return rc;
	q = db_stmt_id(c,
	               "SELECT f.pos, f.author, f.department_id, d.name,"
	               " f.body, f.answered_at, f.extra FROM faq_answers f"
	               " LEFT JOIN departments d ON d.id = f.department_id"
	               " WHERE f.faq_id = ? ORDER BY f.pos",
	               out->id);
	rc = db_rows(a, q, sizeof(*out->answers), read_faq_answer,
	             &out->answers, &out->n_answers);
	for (size_t i = 0; rc == STORE_OK && i < out->n_answers; i++)
		out->answers[i].question_id = out->id;
	return rc;
}

int store_faq_get(struct store *st, struct arena *a, int64_t id,
                  struct faq *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return content_faq_read(c, a, id, NULL, out);
}

int store_faq_get_external(struct store *st, struct arena *a,
                           const char *external_id, struct faq *out)
{
	struct db_conn *c;
	int rc;

	if (!external_id)
		return STORE_NOTFOUND;
	if ((rc = store_conn(st, &c)))
		return rc;
	return content_faq_read(c, a, 0, external_id, out);
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

static void read_article(struct arena *a, struct db_stmt *q, void *elem)
{
	struct article *r = elem;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int64(q, 0);
	r->external_id = db_col_text(a, q, 1);
	r->slug = db_col_text(a, q, 2);
	r->title = db_col_text(a, q, 3);
	r->summary = db_col_text(a, q, 4);
	r->body = db_col_text(a, q, 5);
	r->author = db_col_text(a, q, 6);
	r->author_department_id = db_col_int64(q, 7);
	r->author_department = db_col_text(a, q, 8);
	r->category = db_col_text(a, q, 9);
	r->department_id = db_col_int64(q, 10);
	r->department = db_col_text(a, q, 11);
	r->published_at = db_col_text(a, q, 12);
	r->updated_at = db_col_text(a, q, 13);
	r->language = db_col_text(a, q, 14);
	r->source.id = db_col_int64(q, 15);
	r->source.name = db_col_text(a, q, 16);
	r->source.url = db_col_text(a, q, 17);
	r->body_extra = db_col_text(a, q, 18);
	r->extra = db_col_text(a, q, 19);
	r->status = db_col_text(a, q, 20);
}

int content_article_read(struct db_conn *c, struct arena *a, int64_t id,
                         const char *slug, const char *external_id,
                         struct article *out)
{
	struct db_stmt *q;
	int rc;

	if (external_id)
		q = stmt_key(c, ARTICLE_SELECT " WHERE r.external_id = ?",
		             external_id, NULL, 0);
	else
		q = stmt_key(c, ARTICLE_SELECT " WHERE r.slug = ?", slug,
		             ARTICLE_SELECT " WHERE r.id = ?", id);
	if ((rc = db_row(a, q, read_article, out, "article")))
		return rc;
	q = db_stmt_id(
	        c,
	        "SELECT " TAXONOMY_TOPIC_LINK_COLS
	        " FROM article_topics x JOIN topics t ON t.id = x.topic_id"
	        " LEFT JOIN departments d ON d.id = t.department_id"
	        " WHERE x.article_id = ? ORDER BY x.pos",
	        out->id);
	return db_rows(a, q, sizeof(*out->topics), taxonomy_read_topic_link,
	               &out->topics, &out->n_topics);
}

int store_article_get(struct store *st, struct arena *a, int64_t id,
                      struct article *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return content_article_read(c, a, id, NULL, NULL, out);
}

int store_article_by_slug(struct store *st, struct arena *a, const char *slug,
                          struct article *out)
{
	struct db_conn *c;
	int rc;

	if (!slug)
		return STORE_NOTFOUND;
	if ((rc = store_conn(st, &c)))
		return rc;
	return content_article_read(c, a, 0, slug, NULL, out);
}
