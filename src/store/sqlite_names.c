/* store/sqlite_names.c: departments' and topics' names in other
 * languages (issue 16), and their migration.
 *
 * A department or topic keeps its own name (the one its slug comes
 * from); taxonomy_names adds a name per language, shown to readers of
 * that language. Slugs never change with these names.
 */
#include <string.h>

#include "store/sqlite_int.h"

/* Migration 10 (issue 16): names per language. kind is a store_kind
 * (department 7, topic 4); rows go with their department or topic
 * (triggers, as a kind-keyed row cannot hold a foreign key). */
const char sq_schema_names[] =
        "CREATE TABLE taxonomy_names ("
        " kind INTEGER NOT NULL CHECK (kind IN (4, 7)),"
        " id INTEGER NOT NULL,"
        " lang TEXT NOT NULL,"
        " name TEXT NOT NULL CHECK (name <> ''),"
        " PRIMARY KEY (kind, id, lang)) WITHOUT ROWID;"
        "CREATE TRIGGER taxonomy_names_dept AFTER DELETE ON departments"
        " BEGIN DELETE FROM taxonomy_names WHERE kind = 7 AND id = old.id;"
        " END;"
        "CREATE TRIGGER taxonomy_names_topic AFTER DELETE ON topics"
        " BEGIN DELETE FROM taxonomy_names WHERE kind = 4 AND id = old.id;"
        " END;";

static void read_name(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct store_name *n = elem;

	n->kind = (enum store_kind)sqlite3_column_int(q, 0);
	n->id = sqlite3_column_int64(q, 1);
	n->slug = sq_col_text(a, q, 2);
	n->lang = sq_col_text(a, q, 3);
	n->name = sq_col_text(a, q, 4);
}

int sq_names_list(struct store *st, struct arena *a, const char *lang,
                  struct store_name **out, size_t *n)
{
	struct conn *c;
	sqlite3_stmt *q;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	q = sq_stmt(c, "SELECT n.kind, n.id, coalesce(d.slug, t.slug), n.lang,"
	               " n.name FROM taxonomy_names n"
	               " LEFT JOIN departments d ON n.kind = 7 AND d.id = n.id"
	               " LEFT JOIN topics t ON n.kind = 4 AND t.id = n.id"
	               " WHERE ?1 IS NULL OR n.lang = ?1"
	               " ORDER BY n.kind, n.id, n.lang");
	if (q)
		sq_bind_text(q, 1, lang);
	return sq_rows(c, a, q, sizeof(**out), read_name, out, n);
}

int sq_name_set(struct store *st, enum store_kind kind, int64_t id,
                const char *lang, const char *name)
{
	struct conn *c;
	sqlite3_stmt *q;
	int64_t one;
	int rc, top;

	if (kind != STORE_KIND_DEPARTMENT && kind != STORE_KIND_TOPIC)
		return store_set_error(STORE_INVALID, "names are for "
		                                      "departments and topics");
	if (!lang || !*lang)
		return store_set_error(STORE_INVALID, "no language");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = sq_write_begin(c, &top)))
		return rc;
	rc = sq_one_int(c,
	                kind == STORE_KIND_DEPARTMENT
	                        ? "SELECT 1 FROM departments WHERE id = ?"
	                        : "SELECT 1 FROM topics WHERE id = ?",
	                id, &one);
	if (rc)
		goto done;
	if (name && *name) {
		q = sq_stmt(c,
		            "INSERT INTO taxonomy_names (kind, id, lang, name)"
		            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE"
		            " SET name = excluded.name");
	} else {
		q = sq_stmt(c, "DELETE FROM taxonomy_names"
		               " WHERE kind = ?1 AND id = ?2 AND lang = ?3");
	}
	if (!q) {
		rc = STORE_ERROR;
		goto done;
	}
	sqlite3_bind_int(q, 1, (int)kind);
	sqlite3_bind_int64(q, 2, id);
	sq_bind_text(q, 3, lang);
	if (name && *name)
		sq_bind_text(q, 4, name);
	rc = sq_run(c, q);
	/* A topic's name is searched and shown in lists: re-read it. */
	if (!rc && kind == STORE_KIND_TOPIC)
		rc = sq_change(c, STORE_KIND_TOPIC, id, STORE_OP_UPSERT);
done:
	return sq_write_end(c, top, rc);
}
