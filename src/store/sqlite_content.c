/* store/sqlite_content.c: departments, topics, Q&As, the library, articles
 * and comments in SQLite; their import, export and the documents the search
 * index reads.
 *
 * Departments, topics and sources are found by name and created on first
 * use (with a unique slug). A topic is one (name, department) pair; topics
 * outside any department have department_id NULL. A library entry links to
 * its focus topic (the first of its topics) and adds the others to that
 * topic's synonyms; it also keeps its topic list verbatim (a JSON array) so
 * that export gives back exactly what was imported.
 *
 * Every write that changes a Q&A, a library entry, an article or a topic's
 * synonyms appends a changelog row inside the same transaction. An import
 * of a record whose content hash equals the stored one writes nothing.
 */
#include "store/sqlite_int.h"

#include <jansson.h>
#include <string.h>

#include "util/buf.h"
#include "util/util.h"

#define XSTR(x) STR(x)
#define STR(x) #x
#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Grow an arena array by one element (doubling), returning the array. */
static void *grow(struct arena *a, void *v, size_t k, size_t *cap, size_t size)
{
	void *nv;

	if (k < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	nv = arena_alloc(a, *cap * size);
	if (k)
		memcpy(nv, v, k * size);
	return nv;
}

/* Split a '\n'-joined column into an arena array of strings. */
static const char **split_lines(struct arena *a, sqlite3_stmt *q, int col,
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
static const char **json_strings(struct arena *a, const char *text,
				 size_t *n)
{
	json_t *arr;
	const char **v = NULL;

	*n = 0;
	if (!text || !(arr = json_loads(text, 0, NULL)))
		return NULL;
	if (json_is_array(arr) && json_array_size(arr)) {
		v = ARENA_ARRAY(a, const char *, json_array_size(arr));
		for (size_t i = 0; i < json_array_size(arr); i++) {
			const char *s = json_string_value(json_array_get(arr, i));
			if (s)
				v[(*n)++] = arena_strdup(a, s);
		}
	}
	json_decref(arr);
	return v;
}

/* ---- slugs, departments, topics, sources ---- */

/* Write name's slug into b: ASCII letters lowercased, digits and non-ASCII
 * bytes kept, runs of anything else made one '-', no '-' at either end. */
static void slugify(struct buf *b, const char *name)
{
	int dash = 0;

	buf_clear(b);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char ch = *p;

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch >= 0x80) {
		} else if (ch >= 'A' && ch <= 'Z') {
			ch = (unsigned char)(ch - 'A' + 'a');
		} else {
			dash = 1;
			continue;
		}
		if (dash && b->len)
			buf_putc(b, '-');
		dash = 0;
		buf_putc(b, (char)ch);
	}
	if (!b->len)
		buf_puts(b, "x");
}

/* Make the slug in b unique with exists_sql (one parameter, the slug),
 * appending -2, -3, ... */
static int unique_slug(struct conn *c, const char *exists_sql, struct buf *b)
{
	size_t base = b->len;

	for (int n = 2;; n++) {
		sqlite3_stmt *q = sq_stmt(c, exists_sql);
		int rc;

		if (!q)
			return STORE_ERROR;
		sqlite3_bind_text(q, 1, b->p, (int)b->len, SQLITE_STATIC);
		if ((rc = sq_step(c, q)) <= 0)
			return rc;
		sqlite3_reset(q);
		b->len = base;
		buf_printf(b, "-%d", n);
	}
}

/* Find the id of a row by one text key; 0 in *id when there is none. */
static int find_id(struct conn *c, const char *sql, const char *key,
		   int64_t *id)
{
	sqlite3_stmt *q = sq_stmt(c, sql);
	int rc;

	*id = 0;
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, key);
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	if (rc) {
		*id = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
	}
	return STORE_OK;
}

static int dept_ensure(struct conn *c, const char *name, int64_t *id)
{
	struct buf slug = BUF_INIT;
	sqlite3_stmt *q;
	int rc;

	if (!name) {
		*id = 0;
		return STORE_OK;
	}
	if (!*name)
		return store_set_error(STORE_INVALID, "empty department name");
	if ((rc = find_id(c, "SELECT id FROM departments WHERE name = ?", name,
			  id)) ||
	    *id)
		return rc;
	slugify(&slug, name);
	if ((rc = unique_slug(c, "SELECT 1 FROM departments WHERE slug = ?",
			      &slug)))
		goto done;
	q = sq_stmt(c, "INSERT INTO departments (name, slug) VALUES (?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, name);
	sq_bind_text(q, 2, slug.p);
	if ((rc = sq_run(c, q)) == STORE_OK)
		*id = sqlite3_last_insert_rowid(c->db);
done:
	buf_free(&slug);
	return rc;
}

int sq_department_ensure(struct store *st, const char *name, int64_t *id)
{
	struct conn *c;
	int rc, top;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty department name");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = find_id(c, "SELECT id FROM departments WHERE name = ?", name,
			  id)) ||
	    *id)
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	rc = dept_ensure(c, name, id);
	return sq_write_end(c, top, rc);
}

static int source_ensure(struct conn *c, const char *name, int64_t *id)
{
	sqlite3_stmt *q;
	int rc;

	if (!name) {
		*id = 0;
		return STORE_OK;
	}
	if ((rc = find_id(c, "SELECT id FROM sources WHERE name = ?", name,
			  id)) ||
	    *id)
		return rc;
	if (!(q = sq_stmt(c, "INSERT INTO sources (name) VALUES (?)")))
		return STORE_ERROR;
	sq_bind_text(q, 1, name);
	if ((rc = sq_run(c, q)) == STORE_OK)
		*id = sqlite3_last_insert_rowid(c->db);
	return rc;
}

/* The id of topic (name, department), created when missing; *created says
 * whether it was. */
static int topic_ensure(struct conn *c, const char *name, int64_t dept,
			int64_t *id, int *created)
{
	struct buf slug = BUF_INIT;
	sqlite3_stmt *q;
	int rc;

	*created = 0;
	q = sq_stmt(c, "SELECT id FROM topics WHERE name = ?"
		       " AND coalesce(department_id, 0) = ?");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, name);
	sqlite3_bind_int64(q, 2, dept);
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	if (rc) {
		*id = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		return STORE_OK;
	}
	slugify(&slug, name);
	if ((rc = unique_slug(c, "SELECT 1 FROM topics WHERE slug = ?", &slug)))
		goto done;
	q = sq_stmt(c, "INSERT INTO topics (department_id, name, slug)"
		       " VALUES (?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_id(q, 1, dept);
	sq_bind_text(q, 2, name);
	sq_bind_text(q, 3, slug.p);
	if ((rc = sq_run(c, q)) == STORE_OK) {
		*id = sqlite3_last_insert_rowid(c->db);
		*created = 1;
	}
done:
	buf_free(&slug);
	return rc;
}

/* Add synonyms to topic id (those not known yet, after the known ones);
 * *added counts the new ones. */
static int topic_add_synonyms(struct conn *c, int64_t id, const char *name,
			      const char *const *syn, size_t n, int *added)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *q;
		int rc;

		if (strcmp(syn[i], name) == 0)
			continue;
		q = sq_stmt(c, "INSERT OR IGNORE INTO topic_synonyms"
			       " (topic_id, synonym, pos) VALUES (?1, ?2,"
			       " (SELECT count(*) FROM topic_synonyms"
			       " WHERE topic_id = ?1))");
		if (!q)
			return STORE_ERROR;
		sqlite3_bind_int64(q, 1, id);
		sq_bind_text(q, 2, syn[i]);
		if ((rc = sq_run(c, q)))
			return rc;
		*added += sqlite3_changes(c->db);
	}
	return STORE_OK;
}

#define DEPT_SELECT                                                            \
	"SELECT d.id, d.name, d.slug, d.description,"                         \
	" (SELECT count(*) FROM questions q WHERE q.department_id = d.id"     \
	"  AND q.status = 'published'),"                                      \
	" (SELECT count(*) FROM faq f WHERE f.department_id = d.id),"         \
	" (SELECT count(*) FROM topics t WHERE t.department_id = d.id)"       \
	" FROM departments d"

static void read_dept(struct arena *a, sqlite3_stmt *q, struct department *d)
{
	d->id = sqlite3_column_int64(q, 0);
	d->name = sq_col_text(a, q, 1);
	d->slug = sq_col_text(a, q, 2);
	d->description = sq_col_text(a, q, 3);
	d->n_qa = sqlite3_column_int64(q, 4);
	d->n_faq = sqlite3_column_int64(q, 5);
	d->n_topics = sqlite3_column_int64(q, 6);
}

int sq_department_list(struct store *st, struct arena *a,
		       struct department **out, size_t *n)
{
	struct department *v = NULL;
	size_t k = 0, cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (!(q = sq_stmt(c, DEPT_SELECT " ORDER BY d.name")))
		return STORE_ERROR;
	while ((rc = sq_step(c, q)) == 1) {
		v = grow(a, v, k, &cap, sizeof(*v));
		read_dept(a, q, &v[k++]);
	}
	if (rc < 0)
		return rc;
	*out = v;
	*n = k;
	return STORE_OK;
}

int sq_department_get(struct store *st, struct arena *a, int64_t id,
		      const char *slug, struct department *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (slug) {
		if ((q = sq_stmt(c, DEPT_SELECT " WHERE d.slug = ?")))
			sq_bind_text(q, 1, slug);
	} else {
		if ((q = sq_stmt(c, DEPT_SELECT " WHERE d.id = ?")))
			sqlite3_bind_int64(q, 1, id);
	}
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	read_dept(a, q, out);
	sqlite3_reset(q);
	return STORE_OK;
}

#define TOPIC_SELECT                                                           \
	"SELECT t.id, t.name, t.slug, t.department_id, d.name, d.slug,"       \
	" (SELECT group_concat(synonym, char(10)) FROM (SELECT synonym"       \
	"  FROM topic_synonyms WHERE topic_id = t.id ORDER BY pos))"          \
	" FROM topics t LEFT JOIN departments d ON d.id = t.department_id"

static void read_topic(struct arena *a, sqlite3_stmt *q, struct topic *t)
{
	t->id = sqlite3_column_int64(q, 0);
	t->name = sq_col_text(a, q, 1);
	t->slug = sq_col_text(a, q, 2);
	t->department_id = sqlite3_column_int64(q, 3);
	t->department = sq_col_text(a, q, 4);
	t->department_slug = sq_col_text(a, q, 5);
	t->synonyms = split_lines(a, q, 6, &t->n_synonyms);
}

int sq_topic_list(struct store *st, struct arena *a, int64_t department_id,
		  struct topic **out, size_t *n)
{
	struct topic *v = NULL;
	size_t k = 0, cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (department_id) {
		q = sq_stmt(c, TOPIC_SELECT " WHERE t.department_id = ?"
					    " ORDER BY t.name, t.id");
		if (q)
			sqlite3_bind_int64(q, 1, department_id);
	} else {
		q = sq_stmt(c, TOPIC_SELECT " ORDER BY t.name, t.id");
	}
	if (!q)
		return STORE_ERROR;
	while ((rc = sq_step(c, q)) == 1) {
		v = grow(a, v, k, &cap, sizeof(*v));
		read_topic(a, q, &v[k++]);
	}
	if (rc < 0)
		return rc;
	*out = v;
	*n = k;
	return STORE_OK;
}

int sq_topic_get(struct store *st, struct arena *a, int64_t id,
		 const char *slug, struct topic *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (slug) {
		if ((q = sq_stmt(c, TOPIC_SELECT " WHERE t.slug = ?")))
			sq_bind_text(q, 1, slug);
	} else {
		if ((q = sq_stmt(c, TOPIC_SELECT " WHERE t.id = ?")))
			sqlite3_bind_int64(q, 1, id);
	}
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	read_topic(a, q, out);
	sqlite3_reset(q);
	return STORE_OK;
}

/* Topics of a question or an article, in their order (no synonyms). */
static int read_topic_links(struct conn *c, struct arena *a, const char *sql,
			    int64_t id, struct topic **out, size_t *n)
{
	struct topic *v = NULL;
	size_t k = 0, cap = 0;
	sqlite3_stmt *q = sq_stmt(c, sql);
	int rc;

	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sq_step(c, q)) == 1) {
		v = grow(a, v, k, &cap, sizeof(*v));
		memset(&v[k], 0, sizeof(v[k]));
		v[k].id = sqlite3_column_int64(q, 0);
		v[k].name = sq_col_text(a, q, 1);
		v[k].slug = sq_col_text(a, q, 2);
		v[k].department_id = sqlite3_column_int64(q, 3);
		v[k].department = sq_col_text(a, q, 4);
		v[k].department_slug = sq_col_text(a, q, 5);
		k++;
	}
	*out = v;
	*n = k;
	return rc < 0 ? rc : STORE_OK;
}

/* ---- Q&As ---- */

#define ITEM_COLS                                                              \
	"q.id, q.title, q.department_id, d.name, d.slug, q.published_at,"     \
	" substr(q.text, 1, " XSTR(STORE_EXCERPT_CHARS) "),"                   \
	" length(q.text) > " XSTR(STORE_EXCERPT_CHARS) ","                     \
	" (SELECT coalesce(u.name, a.author_name) FROM answers a"             \
	"  LEFT JOIN users u ON u.id = a.doctor_id"                           \
	"  WHERE a.question_id = q.id ORDER BY a.pos LIMIT 1),"               \
	" (SELECT a.doctor_id FROM answers a WHERE a.question_id = q.id"      \
	"  ORDER BY a.pos LIMIT 1)"
#define ITEM_ORDER " ORDER BY q.published_at DESC, q.id DESC LIMIT ? OFFSET ?"

int sq_qa_list(struct store *st, struct arena *a, int by, int64_t key,
	       size_t offset, size_t limit, struct qa_item **out, size_t *n)
{
	struct qa_item *v;
	struct conn *c;
	sqlite3_stmt *q;
	size_t k = 0;
	int rc, p = 1;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (by == STORE_BY_TOPIC)
		q = sq_stmt(c, "SELECT " ITEM_COLS " FROM question_topics qt"
			       " JOIN questions q ON q.id = qt.question_id"
			       " LEFT JOIN departments d"
			       " ON d.id = q.department_id"
			       " WHERE qt.topic_id = ?"
			       " AND q.status = 'published'" ITEM_ORDER);
	else if (by == STORE_BY_DOCTOR)
		q = sq_stmt(c, "SELECT " ITEM_COLS " FROM questions q"
			       " LEFT JOIN departments d"
			       " ON d.id = q.department_id"
			       " WHERE q.id IN (SELECT question_id FROM answers"
			       " WHERE doctor_id = ?)"
			       " AND q.status = 'published'" ITEM_ORDER);
	else if (key)
		q = sq_stmt(c, "SELECT " ITEM_COLS " FROM questions q"
			       " LEFT JOIN departments d"
			       " ON d.id = q.department_id"
			       " WHERE q.department_id = ?"
			       " AND q.status = 'published'" ITEM_ORDER);
	else
		q = sq_stmt(c, "SELECT " ITEM_COLS " FROM questions q"
			       " LEFT JOIN departments d"
			       " ON d.id = q.department_id"
			       " WHERE q.status = 'published'" ITEM_ORDER);
	if (!q)
		return STORE_ERROR;
	if (by != STORE_BY_LATEST || key)
		sqlite3_bind_int64(q, p++, key);
	sqlite3_bind_int64(q, p++, (int64_t)limit);
	sqlite3_bind_int64(q, p++, (int64_t)offset);
	v = ARENA_ARRAY(a, struct qa_item, limit ? limit : 1);
	while ((rc = sq_step(c, q)) == 1) {
		struct qa_item *it = &v[k++];

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
	}
	if (rc < 0)
		return rc;
	*out = v;
	*n = k;
	return STORE_OK;
}

#define QA_SELECT                                                              \
	"SELECT q.id, q.external_id, q.title, q.text, q.question_type,"       \
	" q.nickname, q.age_band, q.sex, q.department_id, d.name, d.slug,"    \
	" q.status, q.consent, q.asked_at, q.published_at, q.language,"       \
	" q.views, q.follow_up_of, q.user_id, q.token_hash, q.notify_email,"  \
	" q.urgent, q.source_id, s.name, q.source_url, q.extra"               \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id" \
	" LEFT JOIN sources s ON s.id = q.source_id"

static int read_answers(struct conn *c, struct arena *a, struct question *qa)
{
	struct answer *v = NULL;
	size_t k = 0, cap = 0;
	sqlite3_stmt *q;
	int rc;

	q = sq_stmt(c, "SELECT a.id, a.question_id, a.doctor_id,"
		       " coalesce(u.name, a.author_name), dr.title,"
		       " dr.hospital, a.department_id, p.name, a.body,"
		       " a.answered_at, a.edited_at, a.signoff, a.extra"
		       " FROM answers a LEFT JOIN users u ON u.id = a.doctor_id"
		       " LEFT JOIN doctors dr ON dr.user_id = a.doctor_id"
		       " LEFT JOIN departments p ON p.id = a.department_id"
		       " WHERE a.question_id = ? ORDER BY a.pos");
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, qa->id);
	while ((rc = sq_step(c, q)) == 1) {
		struct answer *an;

		v = grow(a, v, k, &cap, sizeof(*v));
		an = &v[k++];
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
	}
	qa->answers = v;
	qa->n_answers = k;
	return rc < 0 ? rc : STORE_OK;
}

static int qa_read(struct conn *c, struct arena *a, int64_t id,
		   const char *external_id, struct question *out)
{
	enum store_qstatus status = STORE_Q_WAITING;
	sqlite3_stmt *q;
	int rc;

	if (external_id) {
		if ((q = sq_stmt(c, QA_SELECT " WHERE q.external_id = ?")))
			sq_bind_text(q, 1, external_id);
	} else {
		if ((q = sq_stmt(c, QA_SELECT " WHERE q.id = ?")))
			sqlite3_bind_int64(q, 1, id);
	}
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(q, 0);
	out->external_id = sq_col_text(a, q, 1);
	out->title = sq_col_text(a, q, 2);
	out->text = sq_col_text(a, q, 3);
	out->question_type = sq_col_text(a, q, 4);
	out->nickname = sq_col_text(a, q, 5);
	out->age_band = sq_col_text(a, q, 6);
	out->sex = sq_col_text(a, q, 7);
	out->department_id = sqlite3_column_int64(q, 8);
	out->department = sq_col_text(a, q, 9);
	out->department_slug = sq_col_text(a, q, 10);
	store_qstatus_parse((const char *)sqlite3_column_text(q, 11), &status);
	out->status = status;
	out->consent = sqlite3_column_int(q, 12);
	out->asked_at = sq_col_text(a, q, 13);
	out->published_at = sq_col_text(a, q, 14);
	out->language = sq_col_text(a, q, 15);
	out->views = sqlite3_column_int64(q, 16);
	out->follow_up_of = sqlite3_column_int64(q, 17);
	out->user_id = sqlite3_column_int64(q, 18);
	out->token_hash = sq_col_text(a, q, 19);
	out->notify_email = sq_col_text(a, q, 20);
	out->urgent = sqlite3_column_int(q, 21);
	out->source.id = sqlite3_column_int64(q, 22);
	out->source.name = sq_col_text(a, q, 23);
	out->source.url = sq_col_text(a, q, 24);
	out->extra = sq_col_text(a, q, 25);
	sqlite3_reset(q);
	if ((rc = read_answers(c, a, out)))
		return rc;
	return read_topic_links(
		c, a,
		"SELECT t.id, t.name, t.slug, t.department_id, d.name, d.slug"
		" FROM question_topics qt JOIN topics t ON t.id = qt.topic_id"
		" LEFT JOIN departments d ON d.id = t.department_id"
		" WHERE qt.question_id = ? ORDER BY qt.pos",
		out->id, &out->topics, &out->n_topics);
}

int sq_qa_get(struct store *st, struct arena *a, int64_t id,
	      const char *external_id, struct question *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return qa_read(c, a, id, external_id, out);
}

int sq_qa_view(struct store *st, int64_t id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if (!(q = sq_stmt(c, "UPDATE questions SET views = views + 1"
			     " WHERE id = ?")))
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, id);
	if ((rc = sq_run(c, q)))
		return rc;
	return sqlite3_changes(c->db) ? STORE_OK : STORE_NOTFOUND;
}

int sq_question_create(struct store *st, const struct question *qa,
		       int64_t *id)
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
		       " urgent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		       " coalesce(?10, " NOW "), CASE WHEN ?8 = 'published'"
		       " THEN " NOW " END, coalesce(?11, 'en'), ?12, ?13,"
		       " ?14, ?15, ?16)");
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
	if ((rc = sq_run(c, q)))
		goto done;
	*id = sqlite3_last_insert_rowid(c->db);
	q = sq_stmt(c, "UPDATE questions SET external_id = 'askdoc-qa-' || id"
		       " WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, *id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (qa->status == STORE_Q_PUBLISHED)
		rc = sq_change(c, STORE_KIND_QA, *id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}

int sq_question_set_status(struct store *st, int64_t id,
			   enum store_qstatus status)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = sq_stmt(c, "UPDATE questions SET status = ?1, content_hash = NULL,"
		       " published_at = CASE WHEN ?1 = 'published'"
		       " THEN coalesce(published_at, " NOW ")"
		       " ELSE published_at END WHERE id = ?2");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, store_qstatus_name(status));
	sqlite3_bind_int64(q, 2, id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!sqlite3_changes(c->db)) {
		rc = store_set_error(STORE_NOTFOUND, "no question %lld",
				     (long long)id);
		goto done;
	}
	rc = sq_change(c, STORE_KIND_QA, id, STORE_OP_UPSERT);
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
	q = sq_stmt(c, "UPDATE questions SET content_hash = NULL WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, ans->question_id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!sqlite3_changes(c->db)) {
		rc = store_set_error(STORE_NOTFOUND, "no question %lld",
				     (long long)ans->question_id);
		goto done;
	}
	q = sq_stmt(c, "INSERT INTO answers (question_id, pos, doctor_id,"
		       " author_name, department_id, body, answered_at,"
		       " signoff, extra) VALUES (?1, (SELECT coalesce(max(pos),"
		       " 0) + 1 FROM answers WHERE question_id = ?1), ?2, ?3,"
		       " ?4, ?5, coalesce(?6, " NOW "), ?7, ?8)");
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
	"SELECT f.id, f.external_id, f.title, f.question, f.question_type,"   \
	" f.department_id, d.name, f.topic_id, f.topics, f.source_id,"        \
	" s.name, f.source_url, f.language, f.extra"                          \
	" FROM faq f LEFT JOIN departments d ON d.id = f.department_id"       \
	" LEFT JOIN sources s ON s.id = f.source_id"

static int faq_read(struct conn *c, struct arena *a, int64_t id,
		    const char *external_id, struct faq *out)
{
	struct answer *v = NULL;
	size_t k = 0, cap = 0;
	sqlite3_stmt *q;
	int rc;

	if (external_id) {
		if ((q = sq_stmt(c, FAQ_SELECT " WHERE f.external_id = ?")))
			sq_bind_text(q, 1, external_id);
	} else {
		if ((q = sq_stmt(c, FAQ_SELECT " WHERE f.id = ?")))
			sqlite3_bind_int64(q, 1, id);
	}
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(q, 0);
	out->external_id = sq_col_text(a, q, 1);
	out->title = sq_col_text(a, q, 2);
	out->question = sq_col_text(a, q, 3);
	out->question_type = sq_col_text(a, q, 4);
	out->department_id = sqlite3_column_int64(q, 5);
	out->department = sq_col_text(a, q, 6);
	out->topic_id = sqlite3_column_int64(q, 7);
	out->topics = json_strings(a, (const char *)sqlite3_column_text(q, 8),
				   &out->n_topics);
	out->source.id = sqlite3_column_int64(q, 9);
	out->source.name = sq_col_text(a, q, 10);
	out->source.url = sq_col_text(a, q, 11);
	out->language = sq_col_text(a, q, 12);
	out->extra = sq_col_text(a, q, 13);
	sqlite3_reset(q);

	q = sq_stmt(c, "SELECT f.pos, f.author, f.department_id, d.name,"
		       " f.body, f.answered_at, f.extra FROM faq_answers f"
		       " LEFT JOIN departments d ON d.id = f.department_id"
		       " WHERE f.faq_id = ? ORDER BY f.pos");
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, out->id);
	while ((rc = sq_step(c, q)) == 1) {
		struct answer *an;

		v = grow(a, v, k, &cap, sizeof(*v));
		an = &v[k++];
		memset(an, 0, sizeof(*an));
		an->id = sqlite3_column_int64(q, 0);
		an->question_id = out->id;
		an->author = sq_col_text(a, q, 1);
		an->department_id = sqlite3_column_int64(q, 2);
		an->department = sq_col_text(a, q, 3);
		an->body = sq_col_text(a, q, 4);
		an->answered_at = sq_col_text(a, q, 5);
		an->extra = sq_col_text(a, q, 6);
	}
	out->answers = v;
	out->n_answers = k;
	return rc < 0 ? rc : STORE_OK;
}

int sq_faq_get(struct store *st, struct arena *a, int64_t id,
	       const char *external_id, struct faq *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return faq_read(c, a, id, external_id, out);
}

/* ---- articles ---- */

#define ARTICLE_SELECT                                                         \
	"SELECT r.id, r.external_id, r.slug, r.title, r.summary, r.body,"     \
	" r.author, r.author_department_id, ad.name, r.category,"             \
	" r.department_id, d.name, r.published_at, r.updated_at,"            \
	" r.language, r.source_id, s.name, r.source_url, r.body_extra,"       \
	" r.extra FROM articles r"                                            \
	" LEFT JOIN departments d ON d.id = r.department_id"                  \
	" LEFT JOIN departments ad ON ad.id = r.author_department_id"         \
	" LEFT JOIN sources s ON s.id = r.source_id"

static int article_read(struct conn *c, struct arena *a, int64_t id,
			const char *slug, const char *external_id,
			struct article *out)
{
	sqlite3_stmt *q;
	int rc;

	if (external_id) {
		if ((q = sq_stmt(c, ARTICLE_SELECT " WHERE r.external_id = ?")))
			sq_bind_text(q, 1, external_id);
	} else if (slug) {
		if ((q = sq_stmt(c, ARTICLE_SELECT " WHERE r.slug = ?")))
			sq_bind_text(q, 1, slug);
	} else {
		if ((q = sq_stmt(c, ARTICLE_SELECT " WHERE r.id = ?")))
			sqlite3_bind_int64(q, 1, id);
	}
	if (!q)
		return STORE_ERROR;
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(q, 0);
	out->external_id = sq_col_text(a, q, 1);
	out->slug = sq_col_text(a, q, 2);
	out->title = sq_col_text(a, q, 3);
	out->summary = sq_col_text(a, q, 4);
	out->body = sq_col_text(a, q, 5);
	out->author = sq_col_text(a, q, 6);
	out->author_department_id = sqlite3_column_int64(q, 7);
	out->author_department = sq_col_text(a, q, 8);
	out->category = sq_col_text(a, q, 9);
	out->department_id = sqlite3_column_int64(q, 10);
	out->department = sq_col_text(a, q, 11);
	out->published_at = sq_col_text(a, q, 12);
	out->updated_at = sq_col_text(a, q, 13);
	out->language = sq_col_text(a, q, 14);
	out->source.id = sqlite3_column_int64(q, 15);
	out->source.name = sq_col_text(a, q, 16);
	out->source.url = sq_col_text(a, q, 17);
	out->body_extra = sq_col_text(a, q, 18);
	out->extra = sq_col_text(a, q, 19);
	sqlite3_reset(q);
	return read_topic_links(
		c, a,
		"SELECT t.id, t.name, t.slug, t.department_id, d.name, d.slug"
		" FROM article_topics x JOIN topics t ON t.id = x.topic_id"
		" LEFT JOIN departments d ON d.id = t.department_id"
		" WHERE x.article_id = ? ORDER BY x.pos",
		out->id, &out->topics, &out->n_topics);
}

int sq_article_get(struct store *st, struct arena *a, int64_t id,
		   const char *slug, struct article *out)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	return article_read(c, a, id, slug, NULL, out);
}

/* ---- comments ---- */

int sq_comment_create(struct store *st, const struct comment *cm,
		      int64_t *id)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc, top;

	if (!cm->body || !*cm->body)
		return store_set_error(STORE_INVALID, "a comment needs a body");
	if (cm->target_kind != STORE_KIND_QA &&
	    cm->target_kind != STORE_KIND_ARTICLE)
		return store_set_error(STORE_INVALID,
				       "comments go on Q&As and articles");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	q = cm->target_kind == STORE_KIND_QA
		    ? sq_stmt(c, "SELECT 1 FROM questions WHERE id = ?")
		    : sq_stmt(c, "SELECT 1 FROM articles WHERE id = ?");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int64(q, 1, cm->target_id);
	if ((rc = sq_step(c, q)) <= 0) {
		rc = rc ? rc
			: store_set_error(STORE_NOTFOUND,
					  "no such comment target");
		goto done;
	}
	sqlite3_reset(q);
	q = sq_stmt(c, "INSERT INTO comments (target_kind, target_id, user_id,"
		       " body, created_at, hidden) VALUES (?, ?, ?, ?, " NOW
		       ", ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, store_kind_name(cm->target_kind));
	sqlite3_bind_int64(q, 2, cm->target_id);
	sqlite3_bind_int64(q, 3, cm->user_id);
	sq_bind_text(q, 4, cm->body);
	sqlite3_bind_int(q, 5, cm->hidden != 0);
	if ((rc = sq_run(c, q)) == STORE_OK)
		*id = sqlite3_last_insert_rowid(c->db);
done:
	return sq_write_end(c, top, rc);
}

int sq_comment_list(struct store *st, struct arena *a,
		    enum store_kind target_kind, int64_t target_id,
		    int with_hidden, struct comment **out, size_t *n)
{
	struct comment *v = NULL;
	size_t k = 0, cap = 0;
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT m.id, m.user_id, u.name, m.body, m.created_at,"
		       " m.hidden FROM comments m JOIN users u"
		       " ON u.id = m.user_id WHERE m.target_kind = ?"
		       " AND m.target_id = ? AND (? OR m.hidden = 0)"
		       " ORDER BY m.id");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, store_kind_name(target_kind));
	sqlite3_bind_int64(q, 2, target_id);
	sqlite3_bind_int(q, 3, with_hidden != 0);
	while ((rc = sq_step(c, q)) == 1) {
		v = grow(a, v, k, &cap, sizeof(*v));
		v[k].id = sqlite3_column_int64(q, 0);
		v[k].target_kind = target_kind;
		v[k].target_id = target_id;
		v[k].user_id = sqlite3_column_int64(q, 1);
		v[k].user_name = sq_col_text(a, q, 2);
		v[k].body = sq_col_text(a, q, 3);
		v[k].created_at = sq_col_text(a, q, 4);
		v[k].hidden = sqlite3_column_int(q, 5);
		k++;
	}
	if (rc < 0)
		return rc;
	*out = v;
	*n = k;
	return STORE_OK;
}

/* ---- documents for the search index ---- */

/* Every document query returns the same columns: id, external_id, title,
 * question, department_id, department, language, date, body, topics
 * ('\n'-joined, or a JSON array for faq), author, slug. */
#define DOC_QA(where)                                                          \
	"SELECT q.id, coalesce(q.external_id, 'askdoc-qa-' || q.id), q.title," \
	" q.text, q.department_id, d.name, q.language, q.published_at,"       \
	" (SELECT group_concat(body, char(10) || char(10)) FROM (SELECT body" \
	"  FROM answers WHERE question_id = q.id ORDER BY pos)),"             \
	" (SELECT group_concat(name, char(10)) FROM (SELECT t.name AS name"   \
	"  FROM question_topics x JOIN topics t ON t.id = x.topic_id"         \
	"  WHERE x.question_id = q.id ORDER BY x.pos)),"                      \
	" (SELECT coalesce(u.name, a.author_name) FROM answers a"             \
	"  LEFT JOIN users u ON u.id = a.doctor_id"                           \
	"  WHERE a.question_id = q.id ORDER BY a.pos LIMIT 1), NULL"          \
	" FROM questions q LEFT JOIN departments d ON d.id = q.department_id" \
	" WHERE q.status = 'published'" where " ORDER BY q.id"
#define DOC_FAQ(where)                                                         \
	"SELECT f.id, f.external_id, f.title, f.question, f.department_id,"   \
	" d.name, f.language, NULL,"                                          \
	" (SELECT group_concat(body, char(10) || char(10)) FROM (SELECT body" \
	"  FROM faq_answers WHERE faq_id = f.id ORDER BY pos)), f.topics,"    \
	" (SELECT author FROM faq_answers WHERE faq_id = f.id"                \
	"  ORDER BY pos LIMIT 1), NULL"                                       \
	" FROM faq f LEFT JOIN departments d ON d.id = f.department_id"       \
	" WHERE 1" where " ORDER BY f.id"
#define DOC_ARTICLE(where)                                                     \
	"SELECT r.id, coalesce(r.external_id, 'askdoc-article-' || r.id),"    \
	" r.title, r.summary, r.department_id, d.name, r.language,"           \
	" r.published_at, r.body,"                                            \
	" (SELECT group_concat(name, char(10)) FROM (SELECT t.name AS name"   \
	"  FROM article_topics x JOIN topics t ON t.id = x.topic_id"          \
	"  WHERE x.article_id = r.id ORDER BY x.pos)), r.author, r.slug"      \
	" FROM articles r LEFT JOIN departments d ON d.id = r.department_id"  \
	" WHERE r.status = 'published'" where " ORDER BY r.id"

static void read_doc(struct arena *a, sqlite3_stmt *q, enum store_kind kind,
		     struct store_doc *d)
{
	d->kind = kind;
	d->id = sqlite3_column_int64(q, 0);
	d->external_id = sq_col_text(a, q, 1);
	d->title = sq_col_text(a, q, 2);
	d->question = sq_col_text(a, q, 3);
	d->department_id = sqlite3_column_int64(q, 4);
	d->department = sq_col_text(a, q, 5);
	d->language = sq_col_text(a, q, 6);
	d->date = sq_col_text(a, q, 7);
	d->body = sq_col_text(a, q, 8);
	if (kind == STORE_KIND_FAQ)
		d->topics = json_strings(
			a, (const char *)sqlite3_column_text(q, 9),
			&d->n_topics);
	else
		d->topics = split_lines(a, q, 9, &d->n_topics);
	d->author = sq_col_text(a, q, 10);
	d->slug = sq_col_text(a, q, 11);
}

int sq_each_document(struct store *st, store_doc_fn fn, void *ctx)
{
	static const struct {
		enum store_kind kind;
		const char *sql;
	} kinds[] = {
		{STORE_KIND_QA, DOC_QA("")},
		{STORE_KIND_FAQ, DOC_FAQ("")},
		{STORE_KIND_ARTICLE, DOC_ARTICLE("")},
	};
	struct arena *a = arena_new();
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		sqlite3_stmt *q = sq_stmt(c, kinds[i].sql);
		struct store_doc d;

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		while ((rc = sq_step(c, q)) == 1) {
			arena_reset(a);
			read_doc(a, q, kinds[i].kind, &d);
			if ((rc = fn(ctx, &d))) {
				sqlite3_reset(q);
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

int sq_document_get(struct store *st, struct arena *a, enum store_kind kind,
		    int64_t id, struct store_doc *out)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	switch (kind) {
	case STORE_KIND_QA: q = sq_stmt(c, DOC_QA(" AND q.id = ?")); break;
	case STORE_KIND_FAQ: q = sq_stmt(c, DOC_FAQ(" AND f.id = ?")); break;
	case STORE_KIND_ARTICLE:
		q = sq_stmt(c, DOC_ARTICLE(" AND r.id = ?"));
		break;
	default: return store_set_error(STORE_INVALID, "not a document kind");
	}
	if (!q)
		return STORE_ERROR;
	sqlite3_bind_int64(q, 1, id);
	if ((rc = sq_step(c, q)) <= 0)
		return rc ? rc : STORE_NOTFOUND;
	read_doc(a, q, kind, out);
	sqlite3_reset(q);
	return STORE_OK;
}

/* ---- import ---- */

/* Look up a record by external id: *id (0 if none) and whether its stored
 * content hash equals hash. */
static int find_record(struct conn *c, const char *sql,
		       const char *external_id, const char *hash, int64_t *id,
		       int *same)
{
	sqlite3_stmt *q = sq_stmt(c, sql);
	int rc;

	*id = 0;
	*same = 0;
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, external_id);
	if ((rc = sq_step(c, q)) < 0)
		return rc;
	if (rc) {
		const char *h = (const char *)sqlite3_column_text(q, 1);

		*id = sqlite3_column_int64(q, 0);
		*same = hash && h && strcmp(h, hash) == 0;
		sqlite3_reset(q);
	}
	return STORE_OK;
}

/* The users.id of the enabled doctor with display name name, or 0. */
static int doctor_by_name(struct conn *c, const char *name, int64_t *id)
{
	*id = 0;
	if (!name || !*name)
		return STORE_OK;
	return find_id(c,
		       "SELECT u.id FROM users u JOIN doctors d"
		       " ON d.user_id = u.id WHERE u.name = ?"
		       " AND u.role = 'doctor' AND u.disabled = 0"
		       " ORDER BY u.id LIMIT 1",
		       name, id);
}

/* Link topics to a question or article (link_sql: ?1 owner, ?2 topic, ?3
 * position); the topics live in department dept. */
static int link_topics(struct conn *c, const char *link_sql, int64_t owner,
		       const struct topic *topics, size_t n, int64_t dept)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *q;
		int64_t tid;
		int rc, created;

		if ((rc = topic_ensure(c, topics[i].name, dept, &tid,
				       &created)))
			return rc;
		if (created &&
		    (rc = sq_change(c, STORE_KIND_TOPIC, tid, STORE_OP_UPSERT)))
			return rc;
		if (!(q = sq_stmt(c, link_sql)))
			return STORE_ERROR;
		sqlite3_bind_int64(q, 1, owner);
		sqlite3_bind_int64(q, 2, tid);
		sqlite3_bind_int64(q, 3, (int64_t)i);
		if ((rc = sq_run(c, q)))
			return rc;
	}
	return STORE_OK;
}

static int qa_write(struct conn *c, const struct question *qa,
		    const char *hash, int64_t id)
{
	int64_t dept, src, qid = id;
	const char *published = NULL;
	sqlite3_stmt *q;
	int rc;

	if ((rc = dept_ensure(c, qa->department, &dept)) ||
	    (rc = source_ensure(c, qa->source.name, &src)))
		return rc;
	if (qa->status == STORE_Q_PUBLISHED) {
		for (size_t i = qa->n_answers; i-- > 0 && !published;)
			published = qa->answers[i].answered_at;
		if (!published)
			published = qa->asked_at;
	}
	if (id)
		q = sq_stmt(c, "UPDATE questions SET external_id = ?1,"
			       " title = ?2, text = ?3, question_type = ?4,"
			       " nickname = ?5, age_band = ?6, sex = ?7,"
			       " department_id = ?8, status = ?9, consent = ?10,"
			       " asked_at = ?11, published_at = CASE WHEN ?9 ="
			       " 'published' THEN coalesce(?12, published_at, "
			       NOW ") END, language = ?13, source_id = ?14,"
			       " source_url = ?15, content_hash = ?16,"
			       " extra = ?17 WHERE id = ?18");
	else
		q = sq_stmt(c, "INSERT INTO questions (external_id, title, text,"
			       " question_type, nickname, age_band, sex,"
			       " department_id, status, consent, asked_at,"
			       " published_at, language, source_id, source_url,"
			       " content_hash, extra) VALUES (?1, ?2, ?3, ?4,"
			       " ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?9 ="
			       " 'published' THEN coalesce(?12, " NOW ") END,"
			       " ?13, ?14, ?15, ?16, ?17)");
	if (!q)
		return STORE_ERROR;
	sq_bind_text(q, 1, qa->external_id);
	sq_bind_text(q, 2, qa->title);
	sq_bind_text(q, 3, qa->text);
	sq_bind_text(q, 4, qa->question_type);
	sq_bind_text(q, 5, qa->nickname);
	sq_bind_text(q, 6, qa->age_band);
	sq_bind_text(q, 7, qa->sex);
	sq_bind_id(q, 8, dept);
	sq_bind_text(q, 9, store_qstatus_name(qa->status));
	sqlite3_bind_int(q, 10, qa->consent != 0);
	sq_bind_text(q, 11, qa->asked_at);
	sq_bind_text(q, 12, published);
	sq_bind_text(q, 13, qa->language ? qa->language : "en");
	sq_bind_id(q, 14, src);
	sq_bind_text(q, 15, qa->source.url);
	sq_bind_text(q, 16, hash);
	sq_bind_text(q, 17, qa->extra);
	if (id)
		sqlite3_bind_int64(q, 18, id);
	if ((rc = sq_run(c, q)))
		return rc;
	if (!id) {
		qid = sqlite3_last_insert_rowid(c->db);
	} else {
		if (!(q = sq_stmt(c, "DELETE FROM answers WHERE question_id = ?")))
			return STORE_ERROR;
		sqlite3_bind_int64(q, 1, id);
		if ((rc = sq_run(c, q)))
			return rc;
		q = sq_stmt(c, "DELETE FROM question_topics"
			       " WHERE question_id = ?");
		if (!q)
			return STORE_ERROR;
		sqlite3_bind_int64(q, 1, id);
		if ((rc = sq_run(c, q)))
			return rc;
	}
	for (size_t i = 0; i < qa->n_answers; i++) {
		const struct answer *an = &qa->answers[i];
		int64_t doctor, adept;

		if ((rc = doctor_by_name(c, an->author, &doctor)) ||
		    (rc = dept_ensure(c, an->department, &adept)))
			return rc;
		q = sq_stmt(c, "INSERT INTO answers (question_id, pos,"
			       " doctor_id, author_name, department_id, body,"
			       " answered_at, extra)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
		if (!q)
			return STORE_ERROR;
		sqlite3_bind_int64(q, 1, qid);
		sqlite3_bind_int64(q, 2, (int64_t)i);
		sq_bind_id(q, 3, doctor);
		sq_bind_text(q, 4, an->author);
		sq_bind_id(q, 5, adept);
		sq_bind_text(q, 6, an->body);
		sq_bind_text(q, 7, an->answered_at);
		sq_bind_text(q, 8, an->extra);
		if ((rc = sq_run(c, q)))
			return rc;
	}
	if ((rc = link_topics(c,
			      "INSERT OR IGNORE INTO question_topics"
			      " (question_id, topic_id, pos) VALUES (?, ?, ?)",
			      qid, qa->topics, qa->n_topics, dept)))
		return rc;
	return sq_change(c, STORE_KIND_QA, qid, STORE_OP_UPSERT);
}

/* The shape every import takes: find the record, stop if unchanged, else
 * write it inside a savepoint or transaction of its own. */
static int import_record(struct store *st, const char *find_sql,
			 const char *external_id, const char *hash,
			 int (*write)(struct conn *, const void *,
				      const char *, int64_t),
			 const void *rec, enum store_import_result *res)
{
	struct conn *c;
	int64_t id;
	int rc, top, same;

	if (!external_id || !*external_id)
		return store_set_error(STORE_INVALID, "no external id");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	if ((rc = find_record(c, find_sql, external_id, hash, &id, &same)))
		goto done;
	if (same) {
		*res = STORE_UNCHANGED;
		goto done;
	}
	if ((rc = write(c, rec, hash, id)) == STORE_OK)
		*res = id ? STORE_UPDATED : STORE_ADDED;
done:
	return sq_write_end(c, top, rc);
}

static int qa_write_cb(struct conn *c, const void *rec, const char *hash,
		       int64_t id)
{
	return qa_write(c, rec, hash, id);
}

int sq_qa_import(struct store *st, const struct question *q,
		 const char *content_hash, enum store_import_result *res)
{
	return import_record(st,
			     "SELECT id, content_hash FROM questions"
			     " WHERE external_id = ?",
			     q->external_id, content_hash, qa_write_cb, q, res);
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

static int faq_write(struct conn *c, const void *rec, const char *hash,
		     int64_t id)
{
	const struct faq *f = rec;
	int64_t dept, src, topic = 0, fid = id;
	char *topics = NULL;
	sqlite3_stmt *q;
	int rc;

	if ((rc = dept_ensure(c, f->department, &dept)) ||
	    (rc = source_ensure(c, f->source.name, &src)))
		goto done;
	if (f->n_topics) {
		int created, added = 0;

		if ((rc = topic_ensure(c, f->topics[0], dept, &topic,
				       &created)) ||
		    (rc = topic_add_synonyms(c, topic, f->topics[0],
					     f->topics + 1, f->n_topics - 1,
					     &added)))
			goto done;
		if ((created || added) &&
		    (rc = sq_change(c, STORE_KIND_TOPIC, topic,
				    STORE_OP_UPSERT)))
			goto done;
	}
	topics = topics_json(f->topics, f->n_topics);
	if (id)
		q = sq_stmt(c, "UPDATE faq SET title = ?1, question = ?2,"
			       " question_type = ?3, department_id = ?4,"
			       " topic_id = ?5, topics = ?6, source_id = ?7,"
			       " source_url = ?8, language = ?9,"
			       " content_hash = ?10, extra = ?11"
			       " WHERE id = ?12");
	else
		q = sq_stmt(c, "INSERT INTO faq (title, question, question_type,"
			       " department_id, topic_id, topics, source_id,"
			       " source_url, language, content_hash, extra,"
			       " external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
			       " ?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, f->title);
	sq_bind_text(q, 2, f->question);
	sq_bind_text(q, 3, f->question_type);
	sq_bind_id(q, 4, dept);
	sq_bind_id(q, 5, topic);
	sq_bind_text(q, 6, topics);
	sq_bind_id(q, 7, src);
	sq_bind_text(q, 8, f->source.url);
	sq_bind_text(q, 9, f->language ? f->language : "en");
	sq_bind_text(q, 10, hash);
	sq_bind_text(q, 11, f->extra);
	if (id)
		sqlite3_bind_int64(q, 12, id);
	else
		sq_bind_text(q, 12, f->external_id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!id) {
		fid = sqlite3_last_insert_rowid(c->db);
	} else {
		q = sq_stmt(c, "DELETE FROM faq_answers WHERE faq_id = ?");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		sqlite3_bind_int64(q, 1, id);
		if ((rc = sq_run(c, q)))
			goto done;
	}
	for (size_t i = 0; i < f->n_answers; i++) {
		const struct answer *an = &f->answers[i];
		int64_t adept;

		if ((rc = dept_ensure(c, an->department, &adept)))
			goto done;
		q = sq_stmt(c, "INSERT INTO faq_answers (faq_id, pos, author,"
			       " department_id, body, answered_at, extra)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?)");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		sqlite3_bind_int64(q, 1, fid);
		sqlite3_bind_int64(q, 2, (int64_t)i);
		sq_bind_text(q, 3, an->author);
		sq_bind_id(q, 4, adept);
		sq_bind_text(q, 5, an->body);
		sq_bind_text(q, 6, an->answered_at);
		sq_bind_text(q, 7, an->extra);
		if ((rc = sq_run(c, q)))
			goto done;
	}
	rc = sq_change(c, STORE_KIND_FAQ, fid, STORE_OP_UPSERT);
done:
	free(topics);
	return rc;
}

int sq_faq_import(struct store *st, const struct faq *f,
		  const char *content_hash, enum store_import_result *res)
{
	return import_record(st,
			     "SELECT id, content_hash FROM faq"
			     " WHERE external_id = ?",
			     f->external_id, content_hash, faq_write, f, res);
}

static int article_write(struct conn *c, const void *rec, const char *hash,
			 int64_t id)
{
	const struct article *ar = rec;
	struct buf slug = BUF_INIT;
	int64_t dept, adept, src, other, aid = id;
	sqlite3_stmt *q;
	int rc;

	if ((rc = dept_ensure(c, ar->department, &dept)) ||
	    (rc = dept_ensure(c, ar->author_department, &adept)) ||
	    (rc = source_ensure(c, ar->source.name, &src)))
		goto done;
	if (ar->slug) {
		if ((rc = find_id(c, "SELECT id FROM articles WHERE slug = ?",
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
		slugify(&slug, ar->title);
		if ((rc = unique_slug(c, "SELECT 1 FROM articles WHERE slug = ?",
				      &slug)))
			goto done;
	}
	if (id)
		q = sq_stmt(c, "UPDATE articles SET slug = coalesce(?1, slug),"
			       " title = ?2, summary = ?3, body = ?4,"
			       " author = ?5, author_department_id = ?6,"
			       " category = ?7, department_id = ?8,"
			       " published_at = ?9, updated_at = ?10,"
			       " language = ?11, source_id = ?12,"
			       " source_url = ?13, body_extra = ?14,"
			       " content_hash = ?15, extra = ?16,"
			       " status = 'published' WHERE id = ?17");
	else
		q = sq_stmt(c, "INSERT INTO articles (slug, title, summary, body,"
			       " author, author_department_id, category,"
			       " department_id, published_at, updated_at,"
			       " language, source_id, source_url, body_extra,"
			       " content_hash, extra, external_id) VALUES (?, ?,"
			       " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sq_bind_text(q, 1, slug.len ? slug.p : NULL);
	sq_bind_text(q, 2, ar->title);
	sq_bind_text(q, 3, ar->summary ? ar->summary : "");
	sq_bind_text(q, 4, ar->body);
	sq_bind_text(q, 5, ar->author);
	sq_bind_id(q, 6, adept);
	sq_bind_text(q, 7, ar->category);
	sq_bind_id(q, 8, dept);
	sq_bind_text(q, 9, ar->published_at);
	sq_bind_text(q, 10, ar->updated_at);
	sq_bind_text(q, 11, ar->language ? ar->language : "en");
	sq_bind_id(q, 12, src);
	sq_bind_text(q, 13, ar->source.url);
	sq_bind_text(q, 14, ar->body_extra);
	sq_bind_text(q, 15, hash);
	sq_bind_text(q, 16, ar->extra);
	if (id)
		sqlite3_bind_int64(q, 17, id);
	else
		sq_bind_text(q, 17, ar->external_id);
	if ((rc = sq_run(c, q)))
		goto done;
	if (!id) {
		aid = sqlite3_last_insert_rowid(c->db);
	} else {
		q = sq_stmt(c, "DELETE FROM article_topics WHERE article_id = ?");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		sqlite3_bind_int64(q, 1, id);
		if ((rc = sq_run(c, q)))
			goto done;
	}
	if ((rc = link_topics(c,
			      "INSERT OR IGNORE INTO article_topics"
			      " (article_id, topic_id, pos) VALUES (?, ?, ?)",
			      aid, ar->topics, ar->n_topics, dept)))
		goto done;
	rc = sq_change(c, STORE_KIND_ARTICLE, aid, STORE_OP_UPSERT);
done:
	buf_free(&slug);
	return rc;
}

int sq_article_import(struct store *st, const struct article *ar,
		      const char *content_hash, enum store_import_result *res)
{
	return import_record(st,
			     "SELECT id, content_hash FROM articles"
			     " WHERE external_id = ?",
			     ar->external_id, content_hash, article_write, ar,
			     res);
}

/* ---- export ---- */

int sq_export_each(struct store *st, store_record_fn fn, void *ctx)
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
	struct arena *a = arena_new();
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		goto done;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		sqlite3_stmt *q = sq_stmt(c, kinds[i].sql);

		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		while ((rc = sq_step(c, q)) == 1) {
			struct store_record rec = {kinds[i].kind, NULL, NULL,
						   NULL};
			int64_t id = sqlite3_column_int64(q, 0);
			struct question qa;
			struct faq f;
			struct article ar;

			arena_reset(a);
			if (rec.kind == STORE_KIND_QA) {
				rc = qa_read(c, a, id, NULL, &qa);
				if (!rc && !qa.external_id)
					qa.external_id = arena_printf(
						a, "askdoc-qa-%lld",
						(long long)id);
				rec.qa = &qa;
			} else if (rec.kind == STORE_KIND_FAQ) {
				rc = faq_read(c, a, id, NULL, &f);
				rec.faq = &f;
			} else {
				rc = article_read(c, a, id, NULL, NULL, &ar);
				if (!rc && !ar.external_id)
					ar.external_id = arena_printf(
						a, "askdoc-article-%lld",
						(long long)id);
				rec.article = &ar;
			}
			if (rc || (rc = fn(ctx, &rec))) {
				sqlite3_reset(q);
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
