/* store/sqlite_shims.c: the taxonomy and record helpers of content.h
 * under the names the SQLite-only files still use (sqlite_ask.c,
 * sqlite_archive.c), over the same connection. Delete this file once
 * those files are written once for both engines (issue 15).
 */
#include "store/content.h"
#include "store/sqlite_int.h"

#include <string.h>

void sq_slugify(struct buf *b, const char *name)
{
	taxonomy_slugify(b, name);
}

int sq_unique_slug(struct conn *c, const char *exists_sql, struct buf *b)
{
	return taxonomy_unique_slug(&c->base, exists_sql, b);
}

int sq_find_id(struct conn *c, const char *sql, const char *key, int64_t *id)
{
	return taxonomy_find_id(&c->base, sql, key, id);
}

int sq_dept_ensure(struct conn *c, const char *name, int64_t *id)
{
	return taxonomy_dept_ensure(&c->base, name, id);
}

int sq_source_ensure(struct conn *c, const char *name, int64_t *id)
{
	return taxonomy_source_ensure(&c->base, name, id);
}

int sq_topic_ensure(struct conn *c, const char *name, int64_t dept, int64_t *id,
                    int *created)
{
	return taxonomy_topic_ensure(&c->base, name, dept, id, created);
}

int sq_topic_add_synonyms(struct conn *c, int64_t id, const char *name,
                          const char *const *syn, size_t n, int *added)
{
	return taxonomy_topic_add_synonyms(&c->base, id, name, syn, n, added);
}

const char **sq_split_lines(struct arena *a, sqlite3_stmt *q, int col,
                            size_t *n)
{
	return content_split_lines(a, sq_col_text(a, q, col), n);
}

const char **sq_json_strings(struct arena *a, const char *text, size_t *n)
{
	return content_json_strings(a, text, n);
}

int sq_qa_read(struct conn *c, struct arena *a, int64_t id,
               const char *external_id, struct question *out)
{
	return content_qa_read(&c->base, a, id, external_id, out);
}

int sq_faq_read(struct conn *c, struct arena *a, int64_t id,
                const char *external_id, struct faq *out)
{
	return content_faq_read(&c->base, a, id, external_id, out);
}

int sq_article_read(struct conn *c, struct arena *a, int64_t id,
                    const char *slug, const char *external_id,
                    struct article *out)
{
	return content_article_read(&c->base, a, id, slug, external_id, out);
}

void sq_read_answer(struct arena *a, sqlite3_stmt *q, void *elem)
{
	struct answer *an = elem;

	memset(an, 0, sizeof(*an));
	an->id = sqlite3_column_int64(q, 0);
	an->question_id = sqlite3_column_int64(q, 1);
	an->doctor_id = sqlite3_column_int64(q, 2);
	an->author = sq_col_text(a, q, 3);
	an->doctor_title = sq_col_text(a, q, 4);
	an->hospital = sq_col_text(a, q, 5);
	an->department_id = sqlite3_column_int64(q, 6);
	an->department = sq_col_text(a, q, 7);
	an->body = sq_col_text(a, q, 8);
	an->answered_at = sq_col_text(a, q, 9);
	an->edited_at = sq_col_text(a, q, 10);
	an->signoff = sq_col_text(a, q, 11);
	an->extra = sq_col_text(a, q, 12);
	an->doctor_signoff = sq_col_text(a, q, 13);
	an->doctor_verified = sqlite3_column_int(q, 14);
}
