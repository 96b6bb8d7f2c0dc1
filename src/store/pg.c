/* store/pg.c: the store on PostgreSQL: opening (pg_schema.c migrates) and
 * the table of operations, which holds only what is written over the
 * driver interface so far (issue 15).
 *
 * Every operation still written for SQLite only is missing from the
 * table: store.c answers it with an error naming it. Until the table is
 * complete, store_open() refuses postgres:// URLs with the names of the
 * missing operations (store_pg_missing), unless ASKDOC_PG_PARTIAL=1 asks
 * for a store that serves what is converted (the end-to-end tests on
 * PostgreSQL use it); the store's unit tests open a PostgreSQL store
 * directly (tests/unit/store_engines.h).
 */
#include "store/backend.h"
#include "store/db.h"
#include "store/schema.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#ifdef ASKDOC_WITH_PG

static const struct store_ops pg_ops = {
        .backup = NULL, /* pg_dump or pg_basebackup (docs/operations.md) */
};

/* Every operation of struct store_ops (backend.h) but backup, which
 * PostgreSQL leaves to pg_dump: a line goes when its operation leaves
 * the table, written once for both engines. */
#define OP(name)                                                               \
	{                                                                      \
#name, offsetof(struct store_ops, name)                        \
	}
static const struct {
	const char *name;
	size_t off;
} pg_op_names[] = {
        OP(names_list),        OP(name_set),
        OP(department_list),   OP(department_get),
        OP(department_ensure), OP(topic_list),
        OP(topic_get),         OP(qa_list),
        OP(qa_briefs),         OP(qa_get),
        OP(qa_view),           OP(question_create),
        OP(answer_create),     OP(faq_get),
        OP(article_get),       OP(doctor_profile),
        OP(doctor_list),       OP(doctor_set_about),
        OP(doctor_photo_set),  OP(doctor_photo_get),
        OP(department_create), OP(department_update),
        OP(topic_create),      OP(topic_update),
        OP(topic_merge),       OP(slug_redirect),
        OP(faq_list),          OP(qa_count),
        OP(article_list),      OP(article_categories),
        OP(article_state),     OP(article_save),
        OP(map_max_id),        OP(map_range),
        OP(reset_add),         OP(reset_get),
        OP(reset_use),
};
#undef OP

size_t store_pg_missing(char *buf, size_t size)
{
	size_t n = 0, len = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(pg_op_names); i++) {
		void *fn;

		memcpy(&fn, (const char *)&pg_ops + pg_op_names[i].off,
		       sizeof(fn));
		if (fn)
			continue;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len,
			                        "%sstore_%s", n ? ", " : "",
			                        pg_op_names[i].name);
		n++;
	}
	return n;
}

int store_pg_open_version(const char *conninfo, int version, struct store **out)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct db_conn *c;
	int rc;

	*out = NULL;
	st->ops = &pg_ops;
	st->db = db_new(&db_pg_driver, conninfo);
	/* The first connection stays with this thread. */
	if ((rc = db_conn_get(st->db, 0, &c)) ||
	    (rc = pg_migrate(c, version))) {
		store_close(st);
		return rc;
	}
	*out = st;
	return STORE_OK;
}

int store_pg_open(const char *conninfo, struct store **out)
{
	return store_pg_open_version(conninfo, pg_schema_version, out);
}

#else

size_t store_pg_missing(char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	return 0;
}

int store_pg_open_version(const char *conninfo, int version, struct store **out)
{
	*out = NULL;
	return store_set_error(STORE_ERROR,
	                       "this askdoc is built without PostgreSQL");
}

int store_pg_open(const char *conninfo, struct store **out)
{
	return store_pg_open_version(conninfo, 0, out);
}

#endif
