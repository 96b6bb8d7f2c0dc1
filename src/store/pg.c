/* store/pg.c: the store on PostgreSQL: opening (pg_schema.c migrates) and
 * the table of operations, which holds only what is written over the
 * driver interface so far (issue 15).
 *
 * Every operation is written once for both engines over the driver
 * interface (store/db.h); the table keeps only backup, which PostgreSQL
 * leaves to pg_dump and pg_basebackup (store_backup refuses it).
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
