/* store/sqlite.c: the SQLite backend's core: opening (sqlite_schema.c
 * migrates), backup, counts, the changelog and the table of the
 * operations not yet written over the driver interface.
 *
 * Connections (one per thread), transactions and the write helpers are
 * store/db.c's over the SQLite driver (db_sqlite.c): the SQLite-only
 * files and the driver-neutral ones share a thread's connection. A write
 * is a transaction of its own (BEGIN IMMEDIATE), or a savepoint inside
 * the caller's; the SQLite-only statements and their helpers are in
 * sqlite_stmt.c.
 */
#include "store/sqlite_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

/* Pages copied per backup step. */
#define BACKUP_STEP_PAGES 1024

static const struct store_ops sqlite_ops;

/* ---- writes and the changelog ---- */

int sq_write_begin(struct conn *c, int *top)
{
	return db_write_begin(&c->base, top);
}

int sq_write_end(struct conn *c, int top, int rc)
{
	return db_write_end(&c->base, top, rc);
}

int sq_change(struct conn *c, enum store_kind kind, int64_t id,
              enum store_op op)
{
	return db_change(&c->base, kind, id, op);
}

/* ---- connections (store/db.c keeps one per thread) ---- */

int sq_busy_timeout(struct store *st, int ms)
{
	struct conn *c;
	int rc;

	if ((rc = sq_conn(st, &c)))
		return rc;
	sqlite3_busy_timeout(c->db, ms);
	return STORE_OK;
}

int sq_conn(struct store *st, struct conn **out)
{
	struct db_conn *c;
	int rc = db_conn_get(st->db, 0, &c);

	if (rc == STORE_OK)
		*out = (struct conn *)c;
	return rc;
}

int sq_open_version(const char *path, unsigned flags, int version,
                    struct store **out)
{
	struct store *st;
	struct db_conn *c;
	int rc;

	*out = NULL;
	if (!(flags & STORE_OPEN_CREATE) && access(path, F_OK) != 0)
		return store_set_error(STORE_NOTFOUND, "no such database file");
	st = xcalloc(1, sizeof(*st));
	st->ops = &sqlite_ops;
	st->db = db_new(&db_sqlite_driver, path);
	/* The first connection stays with this thread. */
	if ((rc = db_conn_get(st->db, flags & STORE_OPEN_CREATE, &c)) ||
	    (rc = sq_migrate((struct conn *)c, version)))
		goto fail;
	*out = st;
	return STORE_OK;
fail:
	store_close(st);
	return rc;
}

int store_sqlite_open(const char *path, unsigned flags, struct store **out)
{
	return sq_open_version(path, flags, SQ_SCHEMA_VERSION, out);
}

/* ---- backup ---- */

/* A new string: a, then b. */
static char *cat2(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = xmalloc(na + nb + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb + 1);
	return s;
}

/* The folder part of path ("." when it has none), a new string. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

/* The name path stands for, canonical: symbolic links at path itself are
 * followed even when what they point to does not exist yet, then the
 * folder is resolved by realpath. A new string, or NULL when the folder
 * does not exist. */
static char *resolve_name(const char *path)
{
	char *cur = xstrdup(path), *dir, *real, *out;
	const char *base;

	for (int hops = 0; hops < 40; hops++) {
		char link[4096]; /* PATH_MAX on Linux */
		struct stat sb;
		ssize_t n;

		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			break;
		if ((n = readlink(cur, link, sizeof(link) - 1)) < 0)
			break;
		link[n] = '\0';
		if (link[0] == '/') {
			free(cur);
			cur = xstrdup(link);
		} else {
			char *d = folder_of(cur), *ds = cat2(d, "/");

			free(cur);
			cur = cat2(ds, link);
			free(ds);
			free(d);
		}
	}
	base = strrchr(cur, '/') ? strrchr(cur, '/') + 1 : cur;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		out = realpath(cur, NULL);
		free(cur);
		return out;
	}
	dir = folder_of(cur);
	real = realpath(dir, NULL);
	if (real) {
		char *rs = cat2(real, strcmp(real, "/") ? "/" : "");

		out = cat2(rs, base);
		free(rs);
	} else {
		out = NULL;
	}
	free(real);
	free(dir);
	free(cur);
	return out;
}

/* STORE_INVALID when dest is the database db or one of the files SQLite
 * keeps beside it (-wal, -shm, -journal): the same file (device and
 * inode, through any links) when it exists, or the same name once links
 * and folders are resolved when it does not exist yet. Replacing one of
 * them would corrupt the live database. */
static int backup_dest_check(const char *db, const char *dest)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char *dest_name = resolve_name(dest), *db_real = realpath(db, NULL);
	const char *bases[] = {db, db_real};
	struct stat ds;
	int dest_exists = stat(dest, &ds) == 0, same = 0;

	for (size_t i = 0; i < ARRAY_SIZE(bases) && !same; i++) {
		if (!bases[i])
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(suffix) && !same; k++) {
			char *name = cat2(bases[i], suffix[k]), *rn;
			struct stat fs;

			if (dest_exists && stat(name, &fs) == 0 &&
			    fs.st_dev == ds.st_dev && fs.st_ino == ds.st_ino)
				same = 1;
			if (!same && dest_name && (rn = resolve_name(name))) {
				same = !strcmp(rn, dest_name);
				free(rn);
			}
			free(name);
		}
	}
	free(dest_name);
	free(db_real);
	if (same)
		return store_set_error(STORE_INVALID,
		                       "%s is the database or one of its "
		                       "-wal, -shm or -journal files: back up "
		                       "to another file",
		                       dest);
	return STORE_OK;
}

/* fsync path (a file or a folder). */
static int sync_path(const char *path, int folder)
{
	int fd = open(path, O_RDONLY | (folder ? O_DIRECTORY : 0) | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return -1;
	ok = fsync(fd) == 0;
	close(fd);
	return ok ? 0 : -1;
}

static int sqlite_backup(struct store *st, const char *dest_path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b = NULL;
	struct conn *c;
	char *tmp = NULL, *folder = NULL, *pre = NULL;
	const char *base;
	int rc, src_tx = 0, fd;

	if (!dest_path || !*dest_path)
		return store_set_error(STORE_INVALID, "no backup destination");
	if ((rc = sq_conn(st, &c)))
		return rc;
	if ((rc = backup_dest_check(sqlite3_db_filename(c->db, "main"),
	                            dest_path)))
		return rc;
	/* The copy is made under a fresh name in the destination's folder
	 * (so the rename below stays on one file system), then synced and
	 * renamed over dest_path. */
	folder = folder_of(dest_path);
	base = strrchr(dest_path, '/') ? strrchr(dest_path, '/') + 1
	                               : dest_path;
	pre = cat2(folder, "/.");
	tmp = xmalloc(strlen(pre) + strlen(base) + 16);
	sprintf(tmp, "%s%s.tmp-XXXXXX", pre, base);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = store_set_error(STORE_ERROR,
		                     "cannot create a file in %s: %s", folder,
		                     strerror(errno));
		free(tmp);
		tmp = NULL;
		goto done;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = store_set_error(STORE_ERROR, "cannot create %s: %s", tmp,
		                     sqlite3_errmsg(dest));
		goto done;
	}
	/* One read transaction for the whole copy: the copy is the snapshot
	 * at its start, and in WAL mode writers go on meanwhile. */
	if ((rc = sq_exec(c, "BEGIN")) ||
	    (rc = sq_exec(c, "SELECT count(*) FROM sqlite_schema")))
		goto done;
	src_tx = 1;
	b = sqlite3_backup_init(dest, "main", c->db, "main");
	if (!b) {
		rc = store_set_error(STORE_ERROR, "backup: %s",
		                     sqlite3_errmsg(dest));
		goto done;
	}
	for (;;) {
		int r = sqlite3_backup_step(b, BACKUP_STEP_PAGES);

		if (r == SQLITE_DONE)
			break;
		if (r == SQLITE_BUSY || r == SQLITE_LOCKED) {
			sqlite3_sleep(10);
			continue;
		}
		if (r != SQLITE_OK) {
			rc = store_set_error(STORE_ERROR, "backup: %s",
			                     sqlite3_errstr(r));
			goto done;
		}
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		b = NULL;
		rc = store_set_error(STORE_ERROR, "backup: %s",
		                     sqlite3_errmsg(dest));
		goto done;
	}
	b = NULL;
	if (sqlite3_close(dest) != SQLITE_OK) {
		rc = store_set_error(STORE_ERROR, "backup: closing the copy");
		goto done;
	}
	dest = NULL;
	if (sync_path(tmp, 0) != 0) {
		rc = store_set_error(STORE_ERROR, "cannot sync %s: %s", tmp,
		                     strerror(errno));
		goto done;
	}
	if (rename(tmp, dest_path) != 0) {
		rc = store_set_error(STORE_ERROR, "cannot rename %s to %s: %s",
		                     tmp, dest_path, strerror(errno));
		goto done;
	}
	if (sync_path(folder, 1) != 0)
		rc = store_set_error(STORE_ERROR, "cannot sync %s: %s", folder,
		                     strerror(errno));
done:
	if (b)
		sqlite3_backup_finish(b);
	if (dest)
		sqlite3_close_v2(dest);
	if (src_tx)
		sq_exec(c, "COMMIT");
	if (rc != STORE_OK && tmp)
		unlink(tmp);
	free(tmp);
	free(pre);
	free(folder);
	return rc;
}

static const struct store_ops sqlite_ops = {
        .backup = sqlite_backup,
        .names_list = sq_names_list,
        .name_set = sq_name_set,
        .department_list = sq_department_list,
        .department_get = sq_department_get,
        .department_ensure = sq_department_ensure,
        .topic_list = sq_topic_list,
        .topic_get = sq_topic_get,
        .qa_list = sq_qa_list,
        .qa_get = sq_qa_get,
        .qa_briefs = sq_qa_briefs,
        .qa_view = sq_qa_view,
        .question_create = sq_question_create,
        .question_set_status = sq_question_set_status,
        .answer_create = sq_answer_create,
        .faq_get = sq_faq_get,
        .article_get = sq_article_get,
        .each_document = sq_each_document,
        .document_get = sq_document_get,
        .documents_get = sq_documents_get,
        .qa_import = sq_qa_import,
        .faq_import = sq_faq_import,
        .article_import = sq_article_import,
        .export_each = sq_export_each,
        /* ---- accounts admin (issue 3) ---- */
        /* asking and answering (issue 3) */
        .queue_list = sq_queue_list,
        .queue_count = sq_queue_count,
        .question_list_by_user = sq_question_list_by_user,
        .question_followups = sq_question_followups,
        .question_item = sq_question_item,
        .question_by_token = sq_question_by_token,
        .question_add_link = sq_question_add_link,
        .question_transition = sq_question_transition,
        .question_reject = sq_question_reject,
        .question_reason = sq_question_reason,
        .question_set_department = sq_question_set_department,
        .question_set_public_text = sq_question_set_public_text,
        .question_set_topics = sq_question_set_topics,
        .topic_ensure = sq_topic_ensure_named,
        .answer_get = sq_answer_get,
        .answer_update = sq_answer_update,
        /* ---- content and discovery (issue 5) ---- */
        .doctor_profile = sq_doctor_profile,
        .doctor_list = sq_doctor_list,
        .doctor_set_about = sq_doctor_set_about,
        .doctor_photo_set = sq_doctor_photo_set,
        .doctor_photo_get = sq_doctor_photo_get,
        .department_create = sq_department_create,
        .department_update = sq_department_update,
        .topic_create = sq_topic_create,
        .topic_update = sq_topic_update,
        .topic_merge = sq_topic_merge,
        .slug_redirect = sq_slug_redirect,
        .faq_list = sq_faq_list,
        .qa_count = sq_qa_count,
        .article_list = sq_article_list,
        .article_categories = sq_article_categories,
        .article_state = sq_article_state,
        .article_save = sq_article_save,
        .map_max_id = sq_map_max_id,
        .map_range = sq_map_range,
        /* ---- operations (issue 18) ---- */
        .queue_oldest = sq_queue_oldest,
        .writable = sq_writable,
        .busy_timeout = sq_busy_timeout,
        .reset_add = sq_reset_add,
        .reset_get = sq_reset_get,
        .reset_use = sq_reset_use,
};
