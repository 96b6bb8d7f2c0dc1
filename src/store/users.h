/* store/users.h: what users.c shares with admin.c (private to store/). */
#ifndef ASKDOC_STORE_USERS_H
#define ASKDOC_STORE_USERS_H

#include "store/backend.h"
#include "store/db.h"

/* The columns of a doctor's profile row, read by users_read_doctor into
 * a struct doctor; add the WHERE clause. */
#define USERS_DOCTOR_SELECT                                                    \
	"SELECT d.user_id, u.name, d.title, d.hospital, d.department_id,"      \
	" p.name, d.licence_no, d.bio, d.signoff, d.verified_at,"              \
	" d.verified_by FROM doctors d JOIN users u ON u.id = d.user_id"       \
	" LEFT JOIN departments p ON p.id = d.department_id"
void users_read_doctor(struct arena *a, struct db_stmt *q, void *elem);
/* Run sql (?1 a text, ?2 user id; an UPDATE of users that skips
 * tombstones). STORE_NOTFOUND, recorded, when it changed no user. */
int users_set_text(struct db_conn *c, const char *sql, const char *value,
                   int64_t id);

#endif
