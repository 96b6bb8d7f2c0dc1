/* store/schema.h: what the two engines' migrations share (private to
 * store/).
 *
 * Migration N has the same meaning on SQLite (sqlite_schema.c, counted by
 * PRAGMA user_version) and PostgreSQL (pg_schema.c, counted in the
 * askdoc_schema table); its text is shared when both engines accept it
 * and written twice only where they differ (types, identity columns,
 * WITHOUT ROWID, case-insensitive e-mail). A new migration is appended to
 * both lists (tests/unit/test_store_pg.c checks that they are as long).
 */
#ifndef ASKDOC_STORE_SCHEMA_H
#define ASKDOC_STORE_SCHEMA_H

/* Migrations whose text both engines accept. */
extern const char db_schema_v2[];
extern const char db_schema_v6[];
extern const char db_schema_v13[];
extern const char db_schema_v15[];

/* PostgreSQL: the migrations, their number, and bringing c's database to
 * version target under an advisory lock (one node migrates, the others
 * wait), in one transaction. STORE_ERROR for a database that is not
 * askdoc's (tables but no askdoc_schema) or of a newer schema. */
struct db_conn;
extern const char *const pg_migrations[];
extern const int pg_schema_version;
int pg_migrate(struct db_conn *c, int target);

#endif
