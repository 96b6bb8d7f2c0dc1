/* store/names.c: departments' and topics' names in other languages
 * (issue 16), on either engine.
 *
 * A department or topic keeps its own name (the one its slug comes
 * from); taxonomy_names (migration 10) adds a name per language, shown
 * to readers of that language. Slugs never change with these names.
 * Article categories, which are paths kept on the articles, get theirs
 * in category_names (migration 14), keyed by the path.
 */
#include "store/backend.h"
#include "store/content.h"
#include "store/db.h"

#include <string.h>

#include "util/arena.h"
#include "util/buf.h"

static void read_name(struct arena *a, struct db_stmt *q, void *elem)
{
	struct store_name *n = elem;

	n->kind = (enum store_kind)db_col_int64(q, 0);
	n->id = db_col_int64(q, 1);
	n->slug = db_col_text(a, q, 2);
	n->lang = db_col_text(a, q, 3);
	n->name = db_col_text(a, q, 4);
}

int store_names_list(struct store *st, struct arena *a, const char *lang,
                     struct store_name **out, size_t *n)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if ((rc = store_conn(st, &c)))
		return rc;
	q = db_stmt(c, "SELECT n.kind, n.id, coalesce(d.slug, t.slug), n.lang,"
	               " n.name FROM taxonomy_names n"
	               " LEFT JOIN departments d ON n.kind = 7 AND d.id = n.id"
	               " LEFT JOIN topics t ON n.kind = 4 AND t.id = n.id"
	               " WHERE CAST(?1 AS text) IS NULL OR n.lang = ?1"
	               " UNION ALL SELECT 8, 0, path, lang, name"
	               " FROM category_names"
	               " WHERE CAST(?1 AS text) IS NULL OR lang = ?1"
	               " ORDER BY 1, 2, 3, 4");
	if (q)
		db_bind_text(q, 1, lang);
	return db_rows(a, q, sizeof(**out), read_name, out, n);
}

int store_name_set(struct store *st, enum store_kind kind, int64_t id,
                   const char *lang, const char *name)
{
	struct db_conn *c;
	struct db_stmt *q;
	int64_t one;
	int rc, top;

	if (kind != STORE_KIND_DEPARTMENT && kind != STORE_KIND_TOPIC)
		return store_set_error(STORE_INVALID, "names are for "
		                                      "departments and topics");
	if (!lang || !*lang)
		return store_set_error(STORE_INVALID, "no language");
	if ((rc = store_conn(st, &c)))
		return rc;
	if ((rc = db_write_begin(c, &top)))
		return rc;
	rc = db_one_int(c,
	                kind == STORE_KIND_DEPARTMENT
	                        ? "SELECT 1 FROM departments WHERE id = ?"
	                        : "SELECT 1 FROM topics WHERE id = ?",
	                id, &one);
	if (rc)
		goto done;
	if (name && *name)
		q = db_stmt(c,
		            "INSERT INTO taxonomy_names (kind, id, lang, name)"
		            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (kind, id,"
		            " lang) DO UPDATE SET name = excluded.name");
	else
		q = db_stmt(c, "DELETE FROM taxonomy_names"
		               " WHERE kind = ?1 AND id = ?2 AND lang = ?3");
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	db_bind_int64(q, 1, (int64_t)kind);
	db_bind_int64(q, 2, id);
	db_bind_text(q, 3, lang);
	if (name && *name)
		db_bind_text(q, 4, name);
	rc = db_run(q);
	/* A topic's name is searched and shown in lists: re-read it. */
	if (!rc && kind == STORE_KIND_TOPIC)
		rc = db_change(c, STORE_KIND_TOPIC, id, STORE_OP_UPSERT);
done:
	return db_write_end(c, top, rc);
}

int store_category_name_set(struct store *st, const char *path,
                            const char *lang, const char *name)
{
	struct db_conn *c;
	struct db_stmt *q;
	int rc;

	if (!path || !*path)
		return store_set_error(STORE_INVALID, "no category");
	if (!lang || !*lang)
		return store_set_error(STORE_INVALID, "no language");
	if ((rc = store_conn(st, &c)))
		return rc;
	if (name && *name)
		q = db_stmt(c, "INSERT INTO category_names (path, lang, name)"
		               " VALUES (?1, ?2, ?3) ON CONFLICT (path, lang)"
		               " DO UPDATE SET name = excluded.name");
	else
		q = db_stmt(c, "DELETE FROM category_names"
		               " WHERE path = ?1 AND lang = ?2");
	if (!q)
		return STORE_ERROR;
	db_bind_text(q, 1, path);
	db_bind_text(q, 2, lang);
	if (name && *name)
		db_bind_text(q, 3, name);
	return db_run(q);
}

int names_import(struct db_conn *c, const struct store_name *v, size_t n,
                 int64_t dept)
{
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *q;
		int64_t id = 0;
		int rc, created = 0;

		if (v[i].kind == STORE_KIND_CATEGORY) {
			q = db_stmt(c, "INSERT INTO category_names"
			               " (path, lang, name) VALUES (?1, ?2, ?3)"
			               " ON CONFLICT (path, lang)"
			               " DO UPDATE SET name = excluded.name");
			if (!q)
				return STORE_ERROR;
			db_bind_text(q, 1, v[i].slug);
			db_bind_text(q, 2, v[i].lang);
			db_bind_text(q, 3, v[i].name);
			if ((rc = db_run(q)))
				return rc;
			continue;
		}
		if (v[i].kind == STORE_KIND_DEPARTMENT)
			id = dept;
		else if ((rc = taxonomy_topic_ensure(c, v[i].slug, dept, &id,
		                                     &created)))
			return rc;
		if (!id)
			continue;
		q = db_stmt(c,
		            "INSERT INTO taxonomy_names (kind, id, lang, name)"
		            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (kind, id,"
		            " lang) DO UPDATE SET name = excluded.name");
		if (!q)
			return STORE_ERROR;
		db_bind_int64(q, 1, (int64_t)v[i].kind);
		db_bind_int64(q, 2, id);
		db_bind_text(q, 3, v[i].lang);
		db_bind_text(q, 4, v[i].name);
		if ((rc = db_run(q)))
			return rc;
		if (v[i].kind == STORE_KIND_TOPIC &&
		    (rc = db_change(c, STORE_KIND_TOPIC, id, STORE_OP_UPSERT)))
			return rc;
	}
	return STORE_OK;
}

size_t store_category_paths(struct arena *a, const char *category,
                            const char ***out)
{
	struct buf b = BUF_INIT;
	size_t n = 0, cap = 1;
	const char **v;

	for (const char *p = category; p && *p; p++)
		cap += *p == '>';
	v = ARENA_ARRAY(a, const char *, cap);
	for (const char *p = category; p && *p;) {
		const char *gt = strchr(p, '>');
		size_t len = gt ? (size_t)(gt - p) : strlen(p);

		while (len && *p == ' ') {
			p++;
			len--;
		}
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			if (b.len)
				buf_puts(&b, " > ");
			buf_append(&b, p, len);
			v[n++] = arena_strndup(a, b.p, b.len);
		}
		if (!gt)
			break;
		p = gt + 1;
	}
	buf_free(&b);
	*out = v;
	return n;
}
