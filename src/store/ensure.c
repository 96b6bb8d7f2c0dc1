/* store/ensure.c: departments, sources and topics found by name or
 * created, inside the caller's write, on either engine (store/ensure.h).
 *
 * A new row gets a unique slug made from its name; new ids come back
 * with RETURNING, and synonyms the topic already has are skipped with ON
 * CONFLICT DO NOTHING, so the text is the same for both engines.
 */
#include "store/ensure.h"

#include <string.h>

#include "util/util.h"

void ens_slugify(struct buf *b, const char *name)
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

int ens_unique_slug(struct db_conn *c, const char *exists_sql, struct buf *b)
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

int ens_find_id(struct db_conn *c, const char *sql, const char *key,
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

int ens_dept(struct db_conn *c, const char *name, int64_t *id)
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
	if ((rc = ens_find_id(c, "SELECT id FROM departments WHERE name = ?",
	                      name, id)) ||
	    *id)
		return rc;
	ens_slugify(&slug, name);
	if ((rc = ens_unique_slug(c, "SELECT 1 FROM departments WHERE slug = ?",
	                          &slug)))
		goto done;
	q = db_stmt(c, "INSERT INTO departments (name, slug) VALUES (?, ?)"
	               " RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_text(q, 1, name);
	db_bind_text(q, 2, slug.p);
	rc = db_row(NULL, q, db_read_int64, id, "department");
done:
	buf_free(&slug);
	return rc;
}

int ens_source(struct db_conn *c, const char *name, int64_t *id)
{
	struct db_stmt *q;
	int rc;

	if (!name) {
		*id = 0;
		return STORE_OK;
	}
	if ((rc = ens_find_id(c, "SELECT id FROM sources WHERE name = ?", name,
	                      id)) ||
	    *id)
		return rc;
	if (!(q = db_stmt(c, "INSERT INTO sources (name) VALUES (?)"
	                     " RETURNING id")))
		return STORE_ERROR;
	db_bind_text(q, 1, name);
	return db_row(NULL, q, db_read_int64, id, "source");
}

int ens_topic(struct db_conn *c, const char *name, int64_t dept, int64_t *id,
              int *created)
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
	ens_slugify(&slug, name);
	if ((rc = ens_unique_slug(c, "SELECT 1 FROM topics WHERE slug = ?",
	                          &slug)))
		goto done;
	q = db_stmt(c, "INSERT INTO topics (department_id, name, slug)"
	               " VALUES (?, ?, ?) RETURNING id");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_id(q, 1, dept);
	db_bind_text(q, 2, name);
	db_bind_text(q, 3, slug.p);
	if ((rc = db_row(NULL, q, db_read_int64, id, "topic")) == STORE_OK)
		*created = 1;
done:
	buf_free(&slug);
	return rc;
}

int ens_topic_synonyms(struct db_conn *c, int64_t id, const char *name,
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
