/* store/taxonomy.c: departments, topics and sources on either engine:
 * found or created by name, read, and created, renamed and merged by the
 * admins; the old slugs that redirect to them.
 *
 * Departments, topics and sources are found by name and created on first
 * use (with a unique slug). A topic is one (name, department) pair; topics
 * outside any department have department_id NULL; its synonyms keep their
 * order (pos). Renames never break a link: the old slug goes into
 * slug_redirects with the id it named, and merges point every redirect of
 * the merged topic at the surviving one, so chains of renames resolve in
 * one lookup. A page looks its slug up among the live ones first, so a
 * new department may take a slug that once redirected. Changes that alter
 * what the search index holds for a document (a department or topic name
 * it carries) append changelog rows in the same transaction, as every
 * content write does.
 */
#include "store/content.h"

#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

static const char *const slug_kinds[] = {
        [STORE_SLUG_DEPARTMENT] = "department",
        [STORE_SLUG_TOPIC] = "topic",
        [STORE_SLUG_ARTICLE] = "article",
};

int taxonomy_run_ids(struct db_conn *c, const char *sql, int64_t x, int64_t y)
{
	struct db_stmt *q = db_stmt_id(c, sql, x);

	if (!q)
		return STORE_ERROR;
	if (strstr(sql, "?2"))
		db_bind_int64(q, 2, y);
	return db_run(q);
}

/* ---- finding and creating by name ---- */

void taxonomy_slugify(struct buf *b, const char *name)
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

int taxonomy_unique_slug(struct db_conn *c, const char *exists_sql,
                         struct buf *b)
{
	size_t base = b->len;

	for (int n = 2;; n++) {
		struct db_stmt *q = db_stmt(c, exists_sql);
		int rc;

		if (!q)
			return STORE_ERROR;
		db_bind_text(q, 1, b->p);
		if ((rc = db_step(q)) <= 0)
			return rc;
		db_reset(q);
		b->len = base;
		buf_printf(b, "-%d", n);
	}
}

int taxonomy_find_id(struct db_conn *c, const char *sql, const char *key,
                     int64_t *id)
{
	struct db_stmt *q = db_stmt(c, sql);
	int rc;

	*id = 0;
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, key);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc) {
		*id = db_col_int64(q, 0);
		db_reset(q);
	}
	return STORE_OK;
}

int taxonomy_dept_ensure(struct db_conn *c, const char *name, int64_t *id)
{
	struct buf slug = BUF_INIT;
	struct db_stmt *q;
	int rc;

	if (!name) {
		*id = 0;
		return STORE_OK;
	}
	if (!*name)
		return store_set_error(STORE_INVALID, "empty department name");
	if ((rc = taxonomy_find_id(c,
	                           "SELECT id FROM departments WHERE name = ?",
	                           name, id)) ||
	    *id)
		return rc;
	taxonomy_slugify(&slug, name);
	if ((rc = taxonomy_unique_slug(
	             c, "SELECT 1 FROM departments WHERE slug = ?", &slug)))
		goto done;
	q = db_stmt(c, "INSERT INTO departments (name, slug) VALUES (?, ?)"
	               " RETURNING id");
	if (q) {
		db_bind_text(q, 1, name);
		db_bind_text(q, 2, slug.p);
	}
	rc = db_row(NULL, q, db_read_int64, id, "department");
done:
	buf_free(&slug);
	return rc;
}

int store_department_ensure(struct store *st, const char *name, int64_t *id)
{
	struct db_conn *c;
	int rc, top;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty department name");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = taxonomy_find_id(c,
	                           "SELECT id FROM departments WHERE name = ?",
	                           name, id)) ||
	    *id)
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	rc = taxonomy_dept_ensure(c, name, id);
	return db_write_end(c, top, rc);
}

int taxonomy_source_ensure(struct db_conn *c, const char *name, int64_t *id)
{
	struct db_stmt *q;
	int rc;

	if (!name) {
		*id = 0;
		return STORE_OK;
	}
	if ((rc = taxonomy_find_id(c, "SELECT id FROM sources WHERE name = ?",
	                           name, id)) ||
	    *id)
		return rc;
	q = db_stmt(c, "INSERT INTO sources (name) VALUES (?) RETURNING id");
	if (q)
		db_bind_text(q, 1, name);
	return db_row(NULL, q, db_read_int64, id, "source");
}

int taxonomy_topic_ensure(struct db_conn *c, const char *name, int64_t dept,
                          int64_t *id, int *created)
{
	struct buf slug = BUF_INIT;
	struct db_stmt *q;
	int rc;

	*created = 0;
	q = db_stmt(c, "SELECT id FROM topics WHERE name = ?"
	               " AND coalesce(department_id, 0) = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, name);
	db_bind_int64(q, 2, dept);
	if ((rc = db_step(q)) < 0)
		return rc;
	if (rc) {
		*id = db_col_int64(q, 0);
		db_reset(q);
		return STORE_OK;
	}
	taxonomy_slugify(&slug, name);
	if ((rc = taxonomy_unique_slug(c, "SELECT 1 FROM topics WHERE slug = ?",
	                               &slug)))
		goto done;
	q = db_stmt(c, "INSERT INTO topics (department_id, name, slug)"
	               " VALUES (?, ?, ?) RETURNING id");
	if (q) {
		db_bind_id(q, 1, dept);
		db_bind_text(q, 2, name);
		db_bind_text(q, 3, slug.p);
	}
	if ((rc = db_row(NULL, q, db_read_int64, id, "topic")) == STORE_OK)
		*created = 1;
done:
	buf_free(&slug);
	return rc;
}

int taxonomy_topic_add_synonyms(struct db_conn *c, int64_t id, const char *name,
                                const char *const *syn, size_t n, int *added)
{
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *q;
		int rc;

		if (strcmp(syn[i], name) == 0)
			continue;
		q = db_stmt(c, "INSERT INTO topic_synonyms"
		               " (topic_id, synonym, pos) VALUES (?1, ?2,"
		               " (SELECT count(*) FROM topic_synonyms"
		               " WHERE topic_id = ?1)) ON CONFLICT DO NOTHING");
		if (!q)
			return STORE_ERROR;
		db_bind_int64(q, 1, id);
		db_bind_text(q, 2, syn[i]);
		if ((rc = db_run(q)))
			return rc;
		*added += (int)db_changes(c);
	}
	return STORE_OK;
}

/* ---- reading ---- */

#define DEPT_SELECT                                                            \
	"SELECT d.id, d.name, d.slug, d.description,"                          \
	" (SELECT count(*) FROM questions q WHERE q.department_id = d.id"      \
	"  AND q.status = 'published'),"                                       \
	" (SELECT count(*) FROM faq f WHERE f.department_id = d.id),"          \
	" (SELECT count(*) FROM topics t WHERE t.department_id = d.id)"        \
	" FROM departments d"

static void read_dept(struct arena *a, struct db_stmt *q, void *elem)
{
	struct department *d = elem;

	d->id = db_col_int64(q, 0);
	d->name = db_col_text(a, q, 1);
	d->slug = db_col_text(a, q, 2);
	d->description = db_col_text(a, q, 3);
	d->n_qa = db_col_int64(q, 4);
	d->n_faq = db_col_int64(q, 5);
	d->n_topics = db_col_int64(q, 6);
}

int store_department_list(struct store *st, struct arena *a,
                          struct department **out, size_t *n)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_rows(a, db_stmt(c, DEPT_SELECT " ORDER BY d.name"),
	               sizeof(**out), read_dept, out, n);
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

static int department_get(struct store *st, struct arena *a, int64_t id,
                          const char *slug, struct department *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              stmt_key(c, DEPT_SELECT " WHERE d.slug = ?", slug,
	                       DEPT_SELECT " WHERE d.id = ?", id),
	              read_dept, out, "department");
}

int store_department_get(struct store *st, struct arena *a, int64_t id,
                         struct department *out)
{
	return department_get(st, a, id, NULL, out);
}

int store_department_by_slug(struct store *st, struct arena *a,
                             const char *slug, struct department *out)
{
	if (!slug)
		return STORE_NOTFOUND;
	return department_get(st, a, 0, slug, out);
}

void taxonomy_read_topic_link(struct arena *a, struct db_stmt *q, void *elem)
{
	struct topic *t = elem;

	memset(t, 0, sizeof(*t));
	t->id = db_col_int64(q, 0);
	t->name = db_col_text(a, q, 1);
	t->slug = db_col_text(a, q, 2);
	t->department_id = db_col_int64(q, 3);
	t->department = db_col_text(a, q, 4);
	t->department_slug = db_col_text(a, q, 5);
}

/* A topic link's columns, then its synonyms ('\n'-joined; string_agg is
 * PostgreSQL's, and the SQLite driver adds it). */
#define TOPIC_SELECT                                                           \
	"SELECT " TAXONOMY_TOPIC_LINK_COLS ", (SELECT string_agg(s.synonym,"   \
	" '\n') FROM (SELECT synonym FROM topic_synonyms"                      \
	" WHERE topic_id = t.id ORDER BY pos) s) FROM topics t"                \
	" LEFT JOIN departments d ON d.id = t.department_id"

static void read_topic(struct arena *a, struct db_stmt *q, void *elem)
{
	struct topic *t = elem;

	taxonomy_read_topic_link(a, q, t);
	t->synonyms =
	        content_split_lines(a, db_col_text(a, q, 6), &t->n_synonyms);
}

int store_topic_list(struct store *st, struct arena *a, int64_t department_id,
                     struct topic **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	if (department_id)
		q = db_stmt_id(c,
		               TOPIC_SELECT " WHERE t.department_id = ?"
		                            " ORDER BY t.name, t.id",
		               department_id);
	else
		q = db_stmt(c, TOPIC_SELECT " ORDER BY t.name, t.id");
	return db_rows(a, q, sizeof(**out), read_topic, out, n);
}

static int topic_get(struct store *st, struct arena *a, int64_t id,
                     const char *slug, struct topic *out)
{
	struct db_conn *c;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	return db_row(a,
	              stmt_key(c, TOPIC_SELECT " WHERE t.slug = ?", slug,
	                       TOPIC_SELECT " WHERE t.id = ?", id),
	              read_topic, out, "topic");
}

int store_topic_get(struct store *st, struct arena *a, int64_t id,
                    struct topic *out)
{
	return topic_get(st, a, id, NULL, out);
}

int store_topic_by_slug(struct store *st, struct arena *a, const char *slug,
                        struct topic *out)
{
	if (!slug)
		return STORE_NOTFOUND;
	return topic_get(st, a, 0, slug, out);
}

/* ---- the admins' creates, renames and merges ---- */

/* Keep old_slug of (kind, id) as a redirect; a redirect that took the
 * new slug's place is dropped, so the live page is never shadowed. */
static int keep_redirect(struct db_conn *c, enum store_slug_kind kind,
                         const char *old_slug, const char *new_slug, int64_t id)
{
	char now[DB_NOW_SIZE];
	struct db_stmt *q;
	int rc;

	q = db_stmt(c, "INSERT INTO slug_redirects (kind, old_slug,"
	               " target_id, created_at) VALUES (?, ?, ?, ?)"
	               " ON CONFLICT (kind, old_slug) DO UPDATE SET"
	               " target_id = excluded.target_id,"
	               " created_at = excluded.created_at");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, slug_kinds[kind]);
	db_bind_text(q, 2, old_slug);
	db_bind_int64(q, 3, id);
	db_bind_text(q, 4, db_now(now));
	if ((rc = db_run(q)))
		return rc;
	q = db_stmt(c, "DELETE FROM slug_redirects WHERE kind = ?"
	               " AND old_slug = ?");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, slug_kinds[kind]);
	db_bind_text(q, 2, new_slug);
	return db_run(q);
}

/* Changelog rows for the published documents of a department. */
static int dept_changes(struct db_conn *c, int64_t id)
{
	int rc;

	if ((rc = taxonomy_run_ids(
	             c,
	             "INSERT INTO changes (kind, entity_id, op)"
	             " SELECT 'qa', id, 'upsert' FROM questions"
	             " WHERE department_id = ? AND status = 'published'",
	             id, 0)) ||
	    (rc = taxonomy_run_ids(c,
	                           "INSERT INTO changes (kind, entity_id, op)"
	                           " SELECT 'faq', id, 'upsert' FROM faq"
	                           " WHERE department_id = ?",
	                           id, 0)))
		return rc;
	return taxonomy_run_ids(
	        c,
	        "INSERT INTO changes (kind, entity_id, op)"
	        " SELECT 'article', id, 'upsert' FROM articles"
	        " WHERE department_id = ? AND status = 'published'",
	        id, 0);
}

/* Changelog rows for the published documents that carry a topic. */
static int topic_changes(struct db_conn *c, int64_t id)
{
	int rc;

	if ((rc = taxonomy_run_ids(
	             c,
	             "INSERT INTO changes (kind, entity_id, op)"
	             " SELECT 'qa', q.id, 'upsert' FROM question_topics"
	             " t JOIN questions q ON q.id = t.question_id"
	             " WHERE t.topic_id = ? AND q.status = 'published'",
	             id, 0)) ||
	    (rc = taxonomy_run_ids(c,
	                           "INSERT INTO changes (kind, entity_id, op)"
	                           " SELECT 'faq', id, 'upsert' FROM faq"
	                           " WHERE topic_id = ?",
	                           id, 0)) ||
	    (rc = taxonomy_run_ids(
	             c,
	             "INSERT INTO changes (kind, entity_id, op)"
	             " SELECT 'article', r.id, 'upsert'"
	             " FROM article_topics t JOIN articles r"
	             " ON r.id = t.article_id WHERE t.topic_id = ?"
	             " AND r.status = 'published'",
	             id, 0)))
		return rc;
	return db_change(c, STORE_KIND_TOPIC, id, STORE_OP_UPSERT);
}

int store_department_create(struct store *st, const char *name,
                            const char *description, int64_t *id)
{
	struct buf slug = BUF_INIT;
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty department name");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	taxonomy_slugify(&slug, name);
	if ((rc = taxonomy_unique_slug(
	             c, "SELECT 1 FROM departments WHERE slug = ?", &slug)))
		goto done;
	q = db_stmt(c, "INSERT INTO departments (name, slug, description)"
	               " VALUES (?, ?, nullif(?, '')) RETURNING id");
	if (q) {
		db_bind_text(q, 1, name);
		db_bind_text(q, 2, slug.p);
		db_bind_text(q, 3, description);
	}
	rc = db_row(NULL, q, db_read_int64, id, "department");
done:
	buf_free(&slug);
	return db_write_end(c, top, rc);
}

/* A renamed department's or topic's row: its old name and slug. */
struct old_names {
	const char *name, *slug;
};

static void read_old_names(struct arena *a, struct db_stmt *q, void *elem)
{
	struct old_names *o = elem;

	o->name = db_col_text(a, q, 0);
	o->slug = db_col_text(a, q, 1);
}

/* What renaming a department or a topic takes. update_sql has ?1 the
 * name, ?2 the slug, ?3 the id, and ?4 the description (departments) or
 * the department (topics). */
struct renamable {
	enum store_slug_kind kind;
	const char *what;       /* in messages */
	const char *get_sql;    /* name, slug of ?1 */
	const char *exists_sql; /* a row when slug ?1 is taken */
	const char *update_sql;
};

static const struct renamable departments = {
        STORE_SLUG_DEPARTMENT,
        "department",
        "SELECT name, slug FROM departments WHERE id = ?",
        "SELECT 1 FROM departments WHERE slug = ?",
        "UPDATE departments SET name = ?1, slug = ?2,"
        " description = nullif(?4, '') WHERE id = ?3",
};

static const struct renamable topics = {
        STORE_SLUG_TOPIC,
        "topic",
        "SELECT name, slug FROM topics WHERE id = ?",
        "SELECT 1 FROM topics WHERE slug = ?",
        "UPDATE topics SET name = ?1, slug = ?2,"
        " department_id = nullif(?4, 0) WHERE id = ?3",
};

/* Put in slug the slug of old's new name: the old one while the name
 * stays, else a new one unique by r->exists_sql. */
static int new_slug(struct db_conn *c, const struct renamable *r,
                    const struct old_names *old, const char *name,
                    struct buf *slug)
{
	buf_puts(slug, old->slug);
	if (strcmp(old->name, name) == 0)
		return STORE_OK;
	taxonomy_slugify(slug, name);
	if (strcmp(slug->p, old->slug) == 0)
		return STORE_OK;
	return taxonomy_unique_slug(c, r->exists_sql, slug);
}

/* Rename row id of r to name (with its description or department), keep
 * its old slug as a redirect and append the changelog rows of the
 * documents that carry its name. */
static int rename_row(struct store *st, const struct renamable *r, int64_t id,
                      const char *name, const char *description,
                      int64_t department_id)
{
	struct buf slug = BUF_INIT;
	struct arena *a = arena_new();
	struct old_names old;
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top;

	if ((rc = store_conn(st, &c)))
		goto out;
	if ((rc = db_write_begin(c, &top)))
		goto out;
	if ((rc = db_row(a, db_stmt_id(c, r->get_sql, id), read_old_names, &old,
	                 r->what))) {
		if (rc == STORE_NOTFOUND)
			store_set_error(rc, "no %s %lld", r->what,
			                (long long)id);
		goto done;
	}
	if ((rc = new_slug(c, r, &old, name, &slug)))
		goto done;
	if (!(q = db_stmt(c, r->update_sql))) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, name);
	db_bind_text(q, 2, slug.p);
	db_bind_int64(q, 3, id);
	if (r->kind == STORE_SLUG_DEPARTMENT)
		db_bind_text(q, 4, description);
	else
		db_bind_int64(q, 4, department_id);
	if ((rc = db_run(q)))
		goto done;
	if (strcmp(slug.p, old.slug) != 0 &&
	    (rc = keep_redirect(c, r->kind, old.slug, slug.p, id)))
		goto done;
	if (r->kind == STORE_SLUG_TOPIC)
		rc = topic_changes(c, id);
	else if (strcmp(old.name, name) != 0)
		rc = dept_changes(c, id);
done:
	rc = db_write_end(c, top, rc);
out:
	buf_free(&slug);
	arena_free(a);
	return rc;
}

int store_department_update(struct store *st, int64_t id, const char *name,
                            const char *description)
{
	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty department name");
	return rename_row(st, &departments, id, name, description, 0);
}

int store_topic_create(struct store *st, const char *name,
                       int64_t department_id, int64_t *id)
{
	struct db_conn *c;
	int rc, top, created = 0;

	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty topic name");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	if (department_id) {
		int64_t one;
		if ((rc = db_one_int(c,
		                     "SELECT 1 FROM departments WHERE id = ?",
		                     department_id, &one))) {
			rc = rc == STORE_NOTFOUND
			             ? store_set_error(STORE_INVALID,
			                               "no such department")
			             : rc;
			goto done;
		}
	}
	if ((rc = taxonomy_topic_ensure(c, name, department_id, id, &created)))
		goto done;
	if (!created)
		rc = store_set_error(STORE_CONFLICT, "the topic exists");
	else
		rc = db_change(c, STORE_KIND_TOPIC, *id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_topic_update(struct store *st, int64_t id, const char *name,
                       int64_t department_id)
{
	if (!name || !*name)
		return store_set_error(STORE_INVALID, "empty topic name");
	return rename_row(st, &topics, id, name, NULL, department_id);
}

int store_topic_merge(struct store *st, int64_t from, int64_t into)
{
	struct arena *a = arena_new();
	const char *from_name = NULL, *from_slug = NULL, *into_name = NULL;
	const char **syn = NULL;
	size_t n_syn = 0;
	struct db_conn *c;
	struct db_stmt *q;
	int rc, top, added = 0;

	if (from == into) {
		arena_free(a);
		return store_set_error(STORE_INVALID,
		                       "a topic cannot be merged into itself");
	}
	if ((rc = store_conn(st, &c)))
		goto out;
	if ((rc = db_write_begin(c, &top)))
		goto out;
	q = db_stmt(c, "SELECT id, name, slug FROM topics WHERE id IN (?, ?)");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, from);
	db_bind_int64(q, 2, into);
	while ((rc = db_step(q)) == 1) {
		if (db_col_int64(q, 0) == from) {
			from_name = db_col_text(a, q, 1);
			from_slug = db_col_text(a, q, 2);
		} else {
			into_name = db_col_text(a, q, 1);
		}
	}
	if (rc < 0)
		goto done;
	if (!from_name || !into_name) {
		rc = store_set_error(STORE_NOTFOUND, "no such topic");
		goto done;
	}
	/* The merged topic's name and synonyms are names of the survivor
	 * from now on, for search. */
	q = db_stmt_id(c,
	               "SELECT synonym FROM topic_synonyms WHERE topic_id = ?"
	               " ORDER BY pos",
	               from);
	if ((rc = db_rows(a, q, sizeof(*syn), db_read_text, &syn, &n_syn)) ||
	    (rc = taxonomy_topic_add_synonyms(c, into, into_name, &from_name, 1,
	                                      &added)) ||
	    (rc = taxonomy_topic_add_synonyms(c, into, into_name, syn, n_syn,
	                                      &added)))
		goto done;
	/* Links move over (a document that had both keeps one). */
	if ((rc = taxonomy_run_ids(
	             c,
	             "INSERT INTO question_topics (question_id, topic_id, pos)"
	             " SELECT question_id, ?2, pos FROM question_topics"
	             " WHERE topic_id = ?1 ON CONFLICT DO NOTHING",
	             from, into)) ||
	    (rc = taxonomy_run_ids(
	             c,
	             "INSERT INTO article_topics (article_id, topic_id, pos)"
	             " SELECT article_id, ?2, pos FROM article_topics"
	             " WHERE topic_id = ?1 ON CONFLICT DO NOTHING",
	             from, into)) ||
	    (rc = taxonomy_run_ids(
	             c, "UPDATE faq SET topic_id = ?2 WHERE topic_id = ?1",
	             from, into)) ||
	    (rc = taxonomy_run_ids(c,
	                           "UPDATE slug_redirects SET target_id = ?2"
	                           " WHERE kind = 'topic' AND target_id = ?1",
	                           from, into)) ||
	    (rc = keep_redirect(c, STORE_SLUG_TOPIC, from_slug, "", into)) ||
	    (rc = taxonomy_run_ids(c, "DELETE FROM topics WHERE id = ?", from,
	                           0)) ||
	    (rc = db_change(c, STORE_KIND_TOPIC, from, STORE_OP_DELETE)))
		goto done;
	rc = topic_changes(c, into);
done:
	rc = db_write_end(c, top, rc);
out:
	arena_free(a);
	return rc;
}

int store_slug_redirect(struct store *st, struct arena *a,
                        enum store_slug_kind kind, const char *old_slug,
                        const char **slug)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (kind < STORE_SLUG_DEPARTMENT || kind > STORE_SLUG_ARTICLE ||
	    !old_slug)
		return store_set_error(STORE_INVALID, "bad redirect kind");
	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c,
	            "SELECT CASE r.kind"
	            " WHEN 'department' THEN (SELECT slug FROM departments"
	            "  WHERE id = r.target_id)"
	            " WHEN 'topic' THEN (SELECT slug FROM topics"
	            "  WHERE id = r.target_id)"
	            " ELSE (SELECT slug FROM articles WHERE id = r.target_id)"
	            " END FROM slug_redirects r WHERE r.kind = ?"
	            " AND r.old_slug = ?");
	if (q) {
		db_bind_text(q, 1, slug_kinds[kind]);
		db_bind_text(q, 2, old_slug);
	}
	if ((rc = db_row(a, q, db_read_text, slug, "redirect")))
		return rc;
	return *slug ? STORE_OK : STORE_NOTFOUND;
}
