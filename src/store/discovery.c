/* store/discovery.c: content and discovery on either engine: doctors'
 * public profiles and photos, lists of library entries and articles, the
 * article editor's writes, and the id ranges sitemaps are cut from.
 *
 * Changes that alter what the search index holds for a document (an
 * article's text or status) append changelog rows in the same
 * transaction, as every content write does.
 *
 * Photos are kept in the database (a blob per doctor, at most a few
 * hundred kilobytes): backups, exports to another node and deletion of an
 * account all include them, and no file name ever comes from a client.
 */
#include "store/content.h"

#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

static const char *const article_statuses[] = {
        [STORE_ARTICLE_DRAFT] = "draft",
        [STORE_ARTICLE_PUBLISHED] = "published",
        [STORE_ARTICLE_UNPUBLISHED] = "unpublished",
};

static enum store_article_status article_status_parse(const char *s)
{
	for (size_t i = 0; s && i < ARRAY_SIZE(article_statuses); i++)
		if (!strcmp(s, article_statuses[i]))
			return (enum store_article_status)i;
	return STORE_ARTICLE_DRAFT;
}

/* The statement of a page of a list: ?1 bound to key, ?2 to limit and
 * ?3 to offset. */
static struct db_stmt *stmt_page(struct db_conn *c, const char *sql,
                                 int64_t key, size_t limit, size_t offset)
{
	struct db_stmt *q = db_stmt_id(c, sql, key);

	if (q) {
		db_bind_int64(q, 2, (int64_t)limit);
		db_bind_int64(q, 3, (int64_t)offset);
	}
	return q;
}

/* db_row of sql with ?1 bound to id, on st's connection. */
static int row_by_id(struct store *st, struct arena *a, const char *sql,
                     int64_t id, db_row_reader read, void *out,
                     const char *what)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a, db_stmt_id(c, sql, id), read, out, what);
}

/* ---- doctors ---- */

#define PROFILE_SELECT                                                         \
	"SELECT u.id, u.name, d.title, d.hospital, d.department_id, p.name,"   \
	" p.slug, d.bio, d.signoff, d.verified_at, ph.type, ph.updated_at,"    \
	" (SELECT count(*) FROM questions q WHERE q.status = 'published'"      \
	"  AND q.id IN (SELECT question_id FROM answers a"                     \
	"  WHERE a.doctor_id = u.id))"                                         \
	" FROM doctors d JOIN users u ON u.id = d.user_id"                     \
	" LEFT JOIN departments p ON p.id = d.department_id"                   \
	" LEFT JOIN doctor_photos ph ON ph.user_id = d.user_id"                \
	" WHERE d.verified_at IS NOT NULL AND u.disabled = 0"

static void read_profile(struct arena *a, struct db_stmt *q, void *elem)
{
	struct doctor_profile *p = elem;

	memset(p, 0, sizeof(*p));
	p->user_id = db_col_int64(q, 0);
	p->name = db_col_text(a, q, 1);
	p->title = db_col_text(a, q, 2);
	p->hospital = db_col_text(a, q, 3);
	p->department_id = db_col_int64(q, 4);
	p->department = db_col_text(a, q, 5);
	p->department_slug = db_col_text(a, q, 6);
	p->bio = db_col_text(a, q, 7);
	p->signoff = db_col_text(a, q, 8);
	p->verified_at = db_col_text(a, q, 9);
	p->photo_type = db_col_text(a, q, 10);
	p->photo_at = db_col_text(a, q, 11);
	p->n_answers = db_col_int64(q, 12);
}

int store_doctor_profile(struct store *st, struct arena *a, int64_t user_id,
                         struct doctor_profile *out)
{
	return row_by_id(st, a, PROFILE_SELECT " AND d.user_id = ?", user_id,
	                 read_profile, out, "doctor");
}

int store_doctor_list(struct store *st, struct arena *a, int64_t department_id,
                      size_t offset, size_t limit, struct doctor_profile **out,
                      size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               stmt_page(c,
	                         PROFILE_SELECT
	                         " AND (?1 = 0 OR d.department_id = ?1)"
	                         " ORDER BY u.name, u.id LIMIT ?2 OFFSET ?3",
	                         department_id, limit, offset),
	               sizeof(**out), read_profile, out, n);
}

int store_doctor_set_about(struct store *st, int64_t user_id, const char *bio,
                           const char *signoff)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "UPDATE doctors SET bio = nullif(?, ''),"
	               " signoff = nullif(?, '') WHERE user_id = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, bio);
	db_bind_text(q, 2, signoff);
	db_bind_int64(q, 3, user_id);
	if ((rc = db_run(q)))
		return rc;
	return db_changed(c, "doctor", user_id);
}

int store_doctor_photo_set(struct store *st, int64_t user_id, const char *type,
                           const void *data, size_t len)
{
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t one;
	int rc, top;

	if (data && (!len || !type || !*type))
		return store_set_error(STORE_INVALID, "empty photo");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	rc = db_one_int(c, "SELECT 1 FROM doctors WHERE user_id = ?", user_id,
	                &one);
	if (rc)
		goto done;
	if (!data) {
		rc = db_run(db_stmt_id(
		        c, "DELETE FROM doctor_photos WHERE user_id = ?",
		        user_id));
		goto done;
	}
	q = db_stmt(c, "INSERT INTO doctor_photos (user_id, type, data,"
	               " updated_at) VALUES (?, ?, ?, ?)"
	               " ON CONFLICT (user_id) DO UPDATE SET"
	               " type = excluded.type, data = excluded.data,"
	               " updated_at = excluded.updated_at");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, user_id);
	db_bind_text(q, 2, type);
	db_bind_blob(q, 3, data, len);
	db_bind_text(q, 4, db_now(now));
	rc = db_run(q);
done:
	return db_write_end(c, top, rc);
}

static void read_photo(struct arena *a, struct db_stmt *q, void *elem)
{
	struct doctor_photo *ph = elem;
	size_t len = 0;
	const void *blob = db_col_blob(q, 1, &len);
	void *p = arena_alloc(a, len ? len : 1);

	if (len)
		memcpy(p, blob, len);
	ph->type = db_col_text(a, q, 0);
	ph->data = p;
	ph->len = len;
	ph->updated_at = db_col_text(a, q, 2);
}

int store_doctor_photo_get(struct store *st, struct arena *a, int64_t user_id,
                           struct doctor_photo *out)
{
	return row_by_id(st, a,
	                 "SELECT type, data, updated_at FROM doctor_photos"
	                 " WHERE user_id = ?",
	                 user_id, read_photo, out, "photo");
}

/* ---- lists ---- */

static void read_faq_item(struct arena *a, struct db_stmt *q, void *elem)
{
	struct faq_item *it = elem;

	it->id = db_col_int64(q, 0);
	it->title = db_col_text(a, q, 1);
	it->source = db_col_text(a, q, 2);
}

int store_faq_list(struct store *st, struct arena *a, int64_t topic_id,
                   int64_t department_id, size_t offset, size_t limit,
                   struct faq_item **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (topic_id)
		q = stmt_page(c,
		              "SELECT f.id, f.title, s.name FROM faq f"
		              " LEFT JOIN sources s ON s.id = f.source_id"
		              " WHERE f.topic_id = ?1 ORDER BY f.title, f.id"
		              " LIMIT ?2 OFFSET ?3",
		              topic_id, limit, offset);
	else
		q = stmt_page(c,
		              "SELECT f.id, f.title, s.name FROM faq f"
		              " LEFT JOIN sources s ON s.id = f.source_id"
		              " WHERE f.department_id = ?1"
		              " ORDER BY f.title, f.id LIMIT ?2 OFFSET ?3",
		              department_id, limit, offset);
	return db_rows(a, q, sizeof(**out), read_faq_item, out, n);
}

int store_qa_count(struct store *st, int64_t topic_id, int64_t doctor_id,
                   int64_t department_id, int64_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (topic_id)
		return db_one_int(c,
		                  "SELECT count(*) FROM question_topics t"
		                  " JOIN questions q ON q.id = t.question_id"
		                  " WHERE t.topic_id = ?"
		                  " AND q.status = 'published'",
		                  topic_id, n);
	if (doctor_id)
		return db_one_int(c,
		                  "SELECT count(*) FROM questions q"
		                  " WHERE q.status = 'published' AND q.id IN"
		                  " (SELECT question_id FROM answers"
		                  " WHERE doctor_id = ?)",
		                  doctor_id, n);
	return db_one_int(c,
	                  "SELECT count(*) FROM questions"
	                  " WHERE status = 'published'"
	                  " AND (?1 = 0 OR department_id = ?1)",
	                  department_id, n);
}

/* ---- articles ---- */

#define ARTICLE_ITEM                                                           \
	"SELECT id, slug, title, summary, author, category,"                   \
	" coalesce(published_at, updated_at), updated_at, status FROM "        \
	"articles"

static void read_article_item(struct arena *a, struct db_stmt *q, void *elem)
{
	struct article_item *it = elem;

	it->id = db_col_int64(q, 0);
	it->slug = db_col_text(a, q, 1);
	it->title = db_col_text(a, q, 2);
	it->summary = db_col_text(a, q, 3);
	it->author = db_col_text(a, q, 4);
	it->category = db_col_text(a, q, 5);
	it->published_at = db_col_text(a, q, 6);
	it->updated_at = db_col_text(a, q, 7);
	it->status = article_status_parse(db_col_str(q, 8));
}

int store_article_list(struct store *st, struct arena *a, const char *category,
                       int64_t author_id, size_t offset, size_t limit,
                       struct article_item **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (author_id) {
		q = stmt_page(c,
		              ARTICLE_ITEM " WHERE author_id = ?1"
		                           " ORDER BY coalesce(updated_at,"
		                           " published_at) DESC, id DESC"
		                           " LIMIT ?2 OFFSET ?3",
		              author_id, limit, offset);
	} else {
		q = db_stmt(c, ARTICLE_ITEM
		            " WHERE status = 'published'"
		            " AND (CAST(?1 AS text) IS NULL OR category = ?1"
		            " OR substr(category, 1,"
		            " length(?1) + 3) = ?1 || ' > ')"
		            " ORDER BY coalesce(published_at,"
		            " updated_at) DESC, id DESC"
		            " LIMIT ?2 OFFSET ?3");
		if (q) {
			db_bind_text(q, 1, category);
			db_bind_int64(q, 2, (int64_t)limit);
			db_bind_int64(q, 3, (int64_t)offset);
		}
	}
	return db_rows(a, q, sizeof(**out), read_article_item, out, n);
}

static void read_category(struct arena *a, struct db_stmt *q, void *elem)
{
	struct article_category *ac = elem;

	ac->path = db_col_text(a, q, 0);
	ac->n = db_col_int64(q, 1);
}

int store_article_categories(struct store *st, struct arena *a,
                             struct article_category **out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a,
	               db_stmt(c, "SELECT category, count(*) FROM articles"
	                          " WHERE status = 'published'"
	                          " AND category <> ''"
	                          " GROUP BY category ORDER BY category"),
	               sizeof(**out), read_category, out, n);
}

static void read_article_state(struct arena *a, struct db_stmt *q, void *elem)
{
	struct article_state *as = elem;

	(void)a;
	as->status = article_status_parse(db_col_str(q, 0));
	as->author_id = db_col_int64(q, 1);
}

int store_article_state(struct store *st, int64_t id, struct article_state *out)
{
	return row_by_id(st, NULL,
	                 "SELECT status, author_id FROM articles"
	                 " WHERE id = ?",
	                 id, read_article_state, out, "article");
}

int store_article_save(struct store *st, const struct article *ar,
                       int64_t author_id, enum store_article_status status,
                       int64_t *id)
{
	struct buf slug = BUF_INIT;
	struct db_conn *c;
	struct db_stmt *q;
	char now[DB_NOW_SIZE];
	int64_t aid = ar->id, was = 0;
	int rc, top;

	if (!ar->title || !*ar->title || !ar->body || !*ar->body)
		return store_set_error(STORE_INVALID,
		                       "an article needs a title and a body");
	if (status > STORE_ARTICLE_UNPUBLISHED)
		return store_set_error(STORE_INVALID, "bad article status");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (aid) {
		rc = db_one_int(c,
		                "SELECT status = 'published' FROM articles"
		                " WHERE id = ?",
		                aid, &was);
		if (rc)
			goto done;
		q = db_stmt(c, "UPDATE articles SET title = ?1, summary = ?2,"
		               " body = ?3, category = nullif(?4, ''),"
		               " department_id = ?5, status = ?6,"
		               " updated_at = ?8, content_hash = NULL,"
		               " published_at = CASE WHEN ?6 = 'published'"
		               " THEN coalesce(published_at, ?8)"
		               " ELSE published_at END WHERE id = ?7");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		db_bind_int64(q, 7, aid);
		db_bind_text(q, 8, db_now(now));
	} else {
		taxonomy_slugify(&slug,
		                 ar->slug && *ar->slug ? ar->slug : ar->title);
		if ((rc = taxonomy_unique_slug(
		             c, "SELECT 1 FROM articles WHERE slug = ?",
		             &slug)))
			goto done;
		q = db_stmt(c,
		            "INSERT INTO articles (title, summary, body,"
		            " category, department_id, status, slug, author,"
		            " author_id, author_department_id, published_at,"
		            " updated_at, language) VALUES (?1, ?2, ?3,"
		            " nullif(?4, ''), ?5, ?6, ?7,"
		            " (SELECT name FROM users WHERE id = ?8), ?8,"
		            " (SELECT department_id FROM doctors"
		            " WHERE user_id = ?8), CASE WHEN ?6 = 'published'"
		            " THEN ?10 END, ?10, coalesce(?9, 'en'))"
		            " RETURNING id");
		if (!q) {
			rc = STORE_ERROR;
			goto done;
		}
		db_bind_text(q, 7, slug.p);
		db_bind_id(q, 8, author_id);
		db_bind_text(q, 9, ar->language);
		db_bind_text(q, 10, db_now(now));
	}
	db_bind_text(q, 1, ar->title);
	db_bind_text(q, 2, ar->summary ? ar->summary : "");
	db_bind_text(q, 3, ar->body);
	db_bind_text(q, 4, ar->category);
	db_bind_id(q, 5, ar->department_id);
	db_bind_text(q, 6, article_statuses[status]);
	if (ar->id) {
		if ((rc = db_run(q)))
			goto done;
	} else if ((rc = db_row(NULL, q, db_read_int64, &aid, "article")) ||
	           (rc = db_run(db_stmt_id(c,
	                                   "UPDATE articles SET external_id ="
	                                   " 'askdoc-article-' || id"
	                                   " WHERE id = ?",
	                                   aid))))
		goto done;
	if (was || status == STORE_ARTICLE_PUBLISHED)
		rc = db_change(c, STORE_KIND_ARTICLE, aid, STORE_OP_UPSERT);
	if (rc == STORE_OK && id)
		*id = aid;
done:
	buf_free(&slug);
	return db_write_end(c, top, rc);
}

/* ---- sitemaps ---- */

static const char *const max_sql[] = {
        [STORE_MAP_QA] = "SELECT coalesce(max(id), 0) FROM questions"
                         " WHERE ? = ?",
        [STORE_MAP_FAQ] = "SELECT coalesce(max(id), 0) FROM faq WHERE ? = ?",
        [STORE_MAP_ARTICLE] = "SELECT coalesce(max(id), 0) FROM articles"
                              " WHERE ? = ?",
        [STORE_MAP_DEPARTMENT] = "SELECT coalesce(max(id), 0)"
                                 " FROM departments WHERE ? = ?",
        [STORE_MAP_TOPIC] = "SELECT coalesce(max(id), 0) FROM topics"
                            " WHERE ? = ?",
        [STORE_MAP_DOCTOR] = "SELECT coalesce(max(user_id), 0) FROM doctors"
                             " WHERE ? = ?",
};

static const char *const range_sql[] = {
        [STORE_MAP_QA] = "SELECT id, NULL, coalesce(published_at, asked_at)"
                         " FROM questions WHERE id BETWEEN ? AND ?"
                         " AND status = 'published' AND consent = 1"
                         " ORDER BY id",
        [STORE_MAP_FAQ] = "SELECT id, NULL, NULL FROM faq"
                          " WHERE id BETWEEN ? AND ? ORDER BY id",
        [STORE_MAP_ARTICLE] = "SELECT id, slug, coalesce(updated_at,"
                              " published_at) FROM articles WHERE id"
                              " BETWEEN ? AND ? AND status = 'published'"
                              " ORDER BY id",
        [STORE_MAP_DEPARTMENT] = "SELECT id, slug, NULL FROM departments"
                                 " WHERE id BETWEEN ? AND ? ORDER BY id",
        [STORE_MAP_TOPIC] = "SELECT id, slug, NULL FROM topics"
                            " WHERE id BETWEEN ? AND ? ORDER BY id",
        [STORE_MAP_DOCTOR] = "SELECT d.user_id, NULL, d.verified_at"
                             " FROM doctors d JOIN users u"
                             " ON u.id = d.user_id WHERE d.user_id"
                             " BETWEEN ? AND ? AND d.verified_at IS NOT NULL"
                             " AND u.disabled = 0 ORDER BY d.user_id",
};

int store_map_max_id(struct store *st, enum store_map_kind kind, int64_t *max)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (kind < STORE_MAP_QA || kind > STORE_MAP_DOCTOR)
		return store_set_error(STORE_INVALID, "bad sitemap kind");
	if ((rc = store_conn(st, &c)))
		return rc;
	/* The dummy "? = ?" keeps one statement per kind in the cache. */
	if ((q = db_stmt(c, max_sql[kind]))) {
		db_bind_int64(q, 1, 1);
		db_bind_int64(q, 2, 1);
	}
	return db_ints(q, &max, 1);
}

static void read_map_entry(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_map_entry *e = elem;

	e->id = db_col_int64(q, 0);
	e->slug = db_col_text(a, q, 1);
	e->lastmod = db_col_text(a, q, 2);
}

int store_map_range(struct store *st, struct arena *a, enum store_map_kind kind,
                    int64_t lo, int64_t hi, struct store_map_entry **out,
                    size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (kind < STORE_MAP_QA || kind > STORE_MAP_DOCTOR)
		return store_set_error(STORE_INVALID, "bad sitemap kind");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((q = db_stmt(c, range_sql[kind]))) {
		db_bind_int64(q, 1, lo);
		db_bind_int64(q, 2, hi);
	}
	return db_rows(a, q, sizeof(**out), read_map_entry, out, n);
}
