/* store/backend.h: what a storage backend implements (private to store/).
 *
 * A backend fills one struct store_ops with its functions and makes stores
 * whose first member is a struct store pointing at that table; store.c's
 * public functions only dispatch through it. Every operation has exactly
 * the contract of the public function of the same name in store.h.
 * Backends report failure text with store_set_error().
 */
#ifndef ASKDOC_STORE_BACKEND_H
#define ASKDOC_STORE_BACKEND_H

#include "store/db.h"
#include "store/store.h"

struct store_ops {
	/* Everything else is written once for both engines over store/db.h;
	 * backup is SQLite's online backup (PostgreSQL has pg_dump). */
	int (*backup)(struct store *st, const char *dest_path);
};

/* The head of every backend's store. */
struct store {
	const struct store_ops *ops;
	struct db *db; /* the driver's database (store/db.h) */
};

/* The calling thread's connection to st (store/db.h), for the
 * driver-neutral files. */
static inline int store_conn(struct store *st, struct db_conn **c)
{
	return db_conn_get(st->db, 0, c);
}

/* Which list qa_list returns. */
enum { STORE_BY_LATEST, STORE_BY_TOPIC, STORE_BY_DOCTOR };

/* A backend calls it once for every statement it runs. */
void store_statement_ran(void);

/* Forget what the asker gave only for the doctor's eyes about question
 * id, its intake answers and its reply-notice address, within the
 * caller's write (store/intake.c): with its personal details or when
 * it is withdrawn. */
int store_question_forget_private(struct db_conn *c, int64_t id);

/* The backends' constructors (flags as for store_open). */
int store_sqlite_open(const char *path, unsigned flags, struct store **out);
/* A store on the PostgreSQL database conninfo names (a libpq URL or
 * key=value string), migrated to the latest version or to `version`.
 * Only the operations already written over the driver interface work;
 * the others fail with STORE_ERROR naming themselves. */
int store_pg_open(const char *conninfo, struct store **out);
int store_pg_open_version(const char *conninfo, int version,
                          struct store **out);

#endif
