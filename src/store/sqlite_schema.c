/* store/sqlite_schema.c: the SQLite backend's schema: its migrations and
 * the code that applies them.
 *
 * The schema is a list of migrations; PRAGMA user_version is the number
 * applied, and PRAGMA application_id marks the file as askdoc's. Opening
 * a database applies the missing ones in one IMMEDIATE transaction, so two
 * processes opening it at once cannot both migrate. A migration is never
 * edited once released: a change to the schema is a new migration at the
 * end (SQ_SCHEMA_VERSION counts them), and its PostgreSQL text beside
 * it in pg_schema.c (the same text when both engines accept it).
 */
#include "store/sqlite_int.h"
#include "store/schema.h"

#include <stdio.h>

/* 'askd': marks the file as askdoc's (PRAGMA application_id). */
#define APPLICATION_ID 0x61736b64

/* Migration 1: the content, the accounts and the changelog. The
 * `content_hash` columns identify the archive content a record was last
 * imported from (re-importing it unchanged writes nothing); site edits
 * clear them. The `extra` columns keep unknown archive fields as a JSON
 * object, in their original order. */
static const char schema_v1[] =
        "CREATE TABLE departments ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE,"
        " slug TEXT NOT NULL UNIQUE,"
        " description TEXT);"
        "CREATE TABLE topics ("
        " id INTEGER PRIMARY KEY,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " name TEXT NOT NULL,"
        " slug TEXT NOT NULL UNIQUE);"
        "CREATE UNIQUE INDEX topics_name ON topics(name,"
        " coalesce(department_id, 0));"
        "CREATE INDEX topics_department ON topics(department_id, name);"
        "CREATE TABLE topic_synonyms ("
        " topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,"
        " synonym TEXT NOT NULL,"
        " pos INTEGER NOT NULL,"
        " PRIMARY KEY (topic_id, synonym)) WITHOUT ROWID;"
        "CREATE TABLE sources ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE,"
        " url TEXT);"
        "CREATE TABLE users ("
        " id INTEGER PRIMARY KEY,"
        " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
        " name TEXT NOT NULL,"
        " role TEXT NOT NULL CHECK (role IN"
        "  ('patient', 'doctor', 'moderator', 'admin')),"
        " password_hash TEXT,"
        " created_at TEXT NOT NULL,"
        " disabled INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX users_name ON users(name);"
        "CREATE TABLE doctors ("
        " user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
        " title TEXT,"
        " hospital TEXT,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " licence_no TEXT,"
        " bio TEXT,"
        " signoff TEXT,"
        " verified_at TEXT,"
        " verified_by INTEGER REFERENCES users(id) ON DELETE SET NULL);"
        "CREATE INDEX doctors_department ON doctors(department_id);"
        "CREATE TABLE questions ("
        " id INTEGER PRIMARY KEY,"
        " external_id TEXT UNIQUE,"
        " title TEXT NOT NULL,"
        " text TEXT NOT NULL,"
        " question_type TEXT,"
        " nickname TEXT,"
        " age_band TEXT CHECK (age_band IN ('0-9', '10-19', '20-29', '30-39',"
        "  '40-49', '50-59', '60-69', '70-79', '80-89', '90+')),"
        " sex TEXT CHECK (sex IN ('female', 'male', 'other')),"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting',"
        "  'answered', 'published', 'rejected', 'withdrawn', 'unpublished')),"
        " consent INTEGER NOT NULL DEFAULT 0,"
        " asked_at TEXT,"
        " published_at TEXT,"
        " language TEXT NOT NULL DEFAULT 'en',"
        " views INTEGER NOT NULL DEFAULT 0,"
        " follow_up_of INTEGER REFERENCES questions(id) ON DELETE SET NULL,"
        " user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " token_hash TEXT UNIQUE,"
        " notify_email TEXT,"
        " urgent INTEGER NOT NULL DEFAULT 0,"
        " source_id INTEGER REFERENCES sources(id),"
        " source_url TEXT,"
        " content_hash TEXT,"
        " extra TEXT);"
        "CREATE INDEX questions_published ON questions(published_at, id)"
        " WHERE status = 'published';"
        "CREATE INDEX questions_department ON questions(department_id,"
        " published_at, id) WHERE status = 'published';"
        "CREATE TABLE answers ("
        " id INTEGER PRIMARY KEY,"
        " question_id INTEGER NOT NULL REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " pos INTEGER NOT NULL,"
        " doctor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " author_name TEXT,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " body TEXT NOT NULL,"
        " answered_at TEXT,"
        " edited_at TEXT,"
        " signoff TEXT,"
        " extra TEXT);"
        "CREATE INDEX answers_question ON answers(question_id, pos);"
        "CREATE INDEX answers_doctor ON answers(doctor_id, question_id)"
        " WHERE doctor_id IS NOT NULL;"
        "CREATE TABLE question_topics ("
        " question_id INTEGER NOT NULL REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,"
        " pos INTEGER NOT NULL,"
        " PRIMARY KEY (question_id, topic_id)) WITHOUT ROWID;"
        "CREATE INDEX question_topics_topic ON question_topics(topic_id,"
        " question_id);"
        "CREATE TABLE faq ("
        " id INTEGER PRIMARY KEY,"
        " external_id TEXT NOT NULL UNIQUE,"
        " title TEXT NOT NULL,"
        " question TEXT NOT NULL,"
        " question_type TEXT,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,"
        " topics TEXT,"
        " source_id INTEGER REFERENCES sources(id),"
        " source_url TEXT,"
        " language TEXT NOT NULL DEFAULT 'en',"
        " content_hash TEXT,"
        " extra TEXT);"
        "CREATE INDEX faq_topic ON faq(topic_id);"
        "CREATE INDEX faq_department ON faq(department_id);"
        "CREATE TABLE faq_answers ("
        " faq_id INTEGER NOT NULL REFERENCES faq(id) ON DELETE CASCADE,"
        " pos INTEGER NOT NULL,"
        " author TEXT,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " body TEXT NOT NULL,"
        " answered_at TEXT,"
        " extra TEXT,"
        " PRIMARY KEY (faq_id, pos)) WITHOUT ROWID;"
        "CREATE TABLE articles ("
        " id INTEGER PRIMARY KEY,"
        " external_id TEXT UNIQUE,"
        " slug TEXT NOT NULL UNIQUE,"
        " title TEXT NOT NULL,"
        " summary TEXT NOT NULL DEFAULT '',"
        " body TEXT,"
        " author TEXT,"
        " author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " author_department_id INTEGER REFERENCES departments(id)"
        "  ON DELETE SET NULL,"
        " category TEXT,"
        " department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,"
        " published_at TEXT,"
        " updated_at TEXT,"
        " language TEXT NOT NULL DEFAULT 'en',"
        " status TEXT NOT NULL DEFAULT 'published' CHECK (status IN"
        "  ('draft', 'published', 'unpublished')),"
        " source_id INTEGER REFERENCES sources(id),"
        " source_url TEXT,"
        " body_extra TEXT,"
        " content_hash TEXT,"
        " extra TEXT);"
        "CREATE INDEX articles_published ON articles(published_at, id)"
        " WHERE status = 'published';"
        "CREATE TABLE article_topics ("
        " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE "
        "CASCADE,"
        " topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,"
        " pos INTEGER NOT NULL,"
        " PRIMARY KEY (article_id, topic_id)) WITHOUT ROWID;"
        "CREATE INDEX article_topics_topic ON article_topics(topic_id,"
        " article_id);"
        "CREATE TABLE comments ("
        " id INTEGER PRIMARY KEY,"
        " target_kind TEXT NOT NULL CHECK (target_kind IN ('qa', 'article')),"
        " target_id INTEGER NOT NULL,"
        " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
        " body TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " hidden INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX comments_target ON comments(target_kind, target_id, id);"
        "CREATE TABLE sessions ("
        " token_hash TEXT PRIMARY KEY,"
        " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
        " csrf TEXT NOT NULL,"
        " created_at INTEGER NOT NULL,"
        " expires_at INTEGER NOT NULL) WITHOUT ROWID;"
        "CREATE INDEX sessions_expires ON sessions(expires_at);"
        "CREATE TABLE changes ("
        " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " kind TEXT NOT NULL,"
        " entity_id INTEGER NOT NULL,"
        " op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')));";

/* Migration 2 (PostgreSQL's too): the doctors' queue (waiting questions of a
 * department, urgent first, oldest first). */
const char db_schema_v2[] =
        "CREATE INDEX questions_queue ON questions(department_id, urgent DESC,"
        " asked_at, id) WHERE status = 'waiting';";

/* Migration 3: asking and answering. Status links beyond the first
 * (notification mails carry fresh ones; only hashes are kept), the reason
 * a question was rejected, the outgoing mail queue, the audit log of
 * moderation, and indexes for the queue over all departments, follow-ups
 * and a user's questions. */
static const char schema_v3[] =
        "ALTER TABLE questions ADD COLUMN reject_reason TEXT;"
        "CREATE TABLE question_links ("
        " token_hash TEXT PRIMARY KEY,"
        " question_id INTEGER NOT NULL REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " created_at TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE INDEX question_links_question ON question_links(question_id);"
        "CREATE INDEX questions_queue_all ON questions(urgent DESC, asked_at,"
        " id) WHERE status = 'waiting';"
        "CREATE INDEX questions_follow_up ON questions(follow_up_of, id)"
        " WHERE follow_up_of IS NOT NULL;"
        "CREATE INDEX questions_user ON questions(user_id, id)"
        " WHERE user_id IS NOT NULL;"
        "CREATE TABLE mail_queue ("
        " id INTEGER PRIMARY KEY,"
        " created_at TEXT NOT NULL,"
        " recipient TEXT NOT NULL,"
        " subject TEXT NOT NULL,"
        " body TEXT NOT NULL,"
        " status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
        "  ('pending', 'sent', 'failed')),"
        " attempts INTEGER NOT NULL DEFAULT 0,"
        " next_at INTEGER NOT NULL,"
        " sent_at TEXT,"
        " last_error TEXT);"
        "CREATE INDEX mail_queue_due ON mail_queue(next_at, id)"
        " WHERE status = 'pending';"
        "CREATE TABLE audit_log ("
        " id INTEGER PRIMARY KEY,"
        " at TEXT NOT NULL,"
        " user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " action TEXT NOT NULL,"
        " target_kind TEXT,"
        " target_id INTEGER,"
        " detail TEXT);"
        "CREATE INDEX audit_log_at ON audit_log(at, id);";

/* Migration 4: content and discovery (issue 5). Old slugs of renamed or
 * merged departments, topics and articles (redirects), doctors' photos
 * (a blob each), comment edits and reports, and indexes for a user's
 * recent comments (rate limits), held comments (the moderation queue)
 * and articles by category. */
static const char schema_v4[] =
        "CREATE TABLE slug_redirects ("
        " kind TEXT NOT NULL CHECK (kind IN ('department', 'topic',"
        "  'article')),"
        " old_slug TEXT NOT NULL,"
        " target_id INTEGER NOT NULL,"
        " created_at TEXT NOT NULL,"
        " PRIMARY KEY (kind, old_slug)) WITHOUT ROWID;"
        "CREATE INDEX slug_redirects_target ON slug_redirects(kind,"
        " target_id);"
        "CREATE TABLE doctor_photos ("
        " user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
        " type TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg',"
        "  'image/webp')),"
        " data BLOB NOT NULL,"
        " updated_at TEXT NOT NULL);"
        "ALTER TABLE comments ADD COLUMN edited_at TEXT;"
        "CREATE TABLE comment_reports ("
        " comment_id INTEGER NOT NULL REFERENCES comments(id)"
        "  ON DELETE CASCADE,"
        " reporter TEXT NOT NULL,"
        " reason TEXT,"
        " created_at TEXT NOT NULL,"
        " PRIMARY KEY (comment_id, reporter)) WITHOUT ROWID;"
        "CREATE INDEX comments_user ON comments(user_id, created_at);"
        "CREATE INDEX comments_held ON comments(id) WHERE hidden = 2;"
        "CREATE INDEX articles_category ON articles(category, published_at)"
        " WHERE status = 'published';"
        "CREATE INDEX articles_author ON articles(author_id)"
        " WHERE author_id IS NOT NULL;";

/* Migration 5: More Info (issue 6), one row per question.
 * approved_by keeps the approver while the account exists. */
static const char schema_v5[] =
        "CREATE TABLE more_info ("
        " question_id INTEGER PRIMARY KEY REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " json TEXT NOT NULL,"
        " machine_assisted INTEGER NOT NULL DEFAULT 0,"
        " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',"
        "  'approved')),"
        " approved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " approved_at TEXT,"
        " edited INTEGER NOT NULL DEFAULT 0,"
        " generated_at TEXT NOT NULL);";

/* Migration 6 (PostgreSQL's too): personal data removal (issue 6). A question
 * asked on the site keeps the asker's own words apart when personal data was
 * removed from its title or text: doctors read them, readers never do. */
const char db_schema_v6[] =
        "ALTER TABLE questions ADD COLUMN original_title TEXT;"
        "ALTER TABLE questions ADD COLUMN original_text TEXT;";

/* Migration 7: abuse controls (issue 6). The server's secrets (the key
 * that signs form tokens), made once by the first server to start and
 * shared by every server on the database; and indexes for the audit
 * viewer's filters, newest first within an action or an actor. */
static const char schema_v7[] =
        "CREATE TABLE secrets ("
        " name TEXT PRIMARY KEY,"
        " value BLOB NOT NULL,"
        " created_at TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE INDEX audit_log_action ON audit_log(action, id);"
        "CREATE INDEX audit_log_user ON audit_log(user_id, id);";

/* Migration 8: deleted accounts (issue 11). An account deleted by its
 * owner is marked by deleted_at, never by its e-mail: an address such as
 * "deleted:x@example.org" is a live account like any other. The
 * placeholders written before (e-mail "deleted:<id>" and no password)
 * are converted. */
static const char schema_v8[] =
        "ALTER TABLE users ADD COLUMN deleted_at TEXT;"
        "UPDATE users SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        " WHERE email = 'deleted:' || id AND password_hash IS NULL;";

/* Migration 9: privacy requests (issue 11). What askers and readers ask
 * the moderators about a Q&A: "remove_details" and "unpublish" from its
 * asker (requester "asker"), "report" from a reader (requester "u:<id>"
 * or "a:<hashed address>", as comment reports). One open request per
 * question, kind and requester: asking again updates its note. A
 * moderator's action closes it (resolved_at, resolved_by, resolution). */
static const char schema_v9[] =
        "CREATE TABLE qa_requests ("
        " id INTEGER PRIMARY KEY,"
        " question_id INTEGER NOT NULL REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " kind TEXT NOT NULL CHECK (kind IN ('remove_details', 'unpublish',"
        "  'report')),"
        " requester TEXT NOT NULL,"
        " note TEXT,"
        " created_at TEXT NOT NULL,"
        " resolved_at TEXT,"
        " resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,"
        " resolution TEXT);"
        "CREATE UNIQUE INDEX qa_requests_open ON qa_requests(question_id,"
        " kind, requester) WHERE resolved_at IS NULL;"
        "CREATE INDEX qa_requests_queue ON qa_requests(id)"
        " WHERE resolved_at IS NULL;";

/* 10 (issue 16): names of departments and topics per language (store/
 * names.c). kind is a store_kind (department 7, topic 4); rows go with
 * their department or topic (triggers, as a kind-keyed row cannot hold a
 * foreign key). */
static const char schema_v10[] =
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

/* 11 (issue 11): password reset tokens, stored hashed (store/resets.c). */
static const char schema_v11[] =
        "CREATE TABLE password_resets ("
        " token_hash TEXT PRIMARY KEY,"
        " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
        " created_at INTEGER NOT NULL,"
        " expires_at INTEGER NOT NULL,"
        " used_at INTEGER) WITHOUT ROWID;"
        "CREATE INDEX password_resets_user ON password_resets(user_id);";

/* Migration 12: structured intake per department (issue 17). An admin
 * defines a department's intake form as JSON (web/intake.c checks it);
 * a question keeps the answers its asker gave, as JSON holding the
 * fields' definitions too, so the doctor's summary reads the same after
 * the form changes. The answers are the asker's private data: only
 * doctors see them, and they go with the question's personal data. */
static const char schema_v12[] =
        "CREATE TABLE intake_forms ("
        " department_id INTEGER PRIMARY KEY REFERENCES departments(id)"
        "  ON DELETE CASCADE,"
        " definition TEXT NOT NULL,"
        " updated_at TEXT NOT NULL);"
        "CREATE TABLE question_intake ("
        " question_id INTEGER PRIMARY KEY REFERENCES questions(id)"
        "  ON DELETE CASCADE,"
        " data TEXT NOT NULL);";

/* Migration 13: what several nodes share (issue 15): failure counters
 * of rate limits and login throttles, by throttle name and keyed hash
 * (never the e-mail or address itself), a window each that ends at
 * expires (Unix seconds). The same text on both engines. */
const char db_schema_v13[] =
        "CREATE TABLE throttles ("
        " name text NOT NULL,"
        " key text NOT NULL,"
        " expires bigint NOT NULL,"
        " count bigint NOT NULL,"
        " PRIMARY KEY (name, key));"
        "CREATE INDEX throttles_expires ON throttles(expires);";

/* 14 (issue 16): names of article categories per language (store/
 * names.c). A category is a path of parts ("More > Health > Family");
 * path is the category's parts joined by " > ", and name the last
 * part's name in lang. Categories have no table of their own (articles
 * carry the path), so names outlive the last article of a category. */
static const char schema_v14[] = "CREATE TABLE category_names ("
                                 " path TEXT NOT NULL CHECK (path <> ''),"
                                 " lang TEXT NOT NULL,"
                                 " name TEXT NOT NULL CHECK (name <> ''),"
                                 " PRIMARY KEY (path, lang)) WITHOUT ROWID;";

/* 15 (issue 16): the language a comment is written in (a BCP 47 tag,
 * "vi"), found from its text when it says (web/comments.c), else the
 * page's it was written on, so that a Vietnamese comment under a Chinese
 * page carries lang="vi". Comments written before it take the language
 * of what they comment on. The same text on both engines. */
const char db_schema_v15[] = "ALTER TABLE comments ADD COLUMN lang text;"
                             "UPDATE comments SET lang = CASE target_kind"
                             " WHEN 'qa' THEN (SELECT language FROM questions"
                             "  WHERE questions.id = comments.target_id)"
                             " ELSE (SELECT language FROM articles"
                             "  WHERE articles.id = comments.target_id) END;";

static const char *const migrations[SQ_SCHEMA_VERSION] = {
        schema_v1,    db_schema_v2, schema_v3,     schema_v4,  schema_v5,
        db_schema_v6, schema_v7,    schema_v8,     schema_v9,  schema_v10,
        schema_v11,   schema_v12,   db_schema_v13, schema_v14, db_schema_v15,
};

/* ---- applying them ---- */

static int pragma_int(struct conn *c, const char *sql, int *out)
{
	int64_t v = 0;
	int64_t *const f[] = {&v};
	int rc = sq_ints(c, sq_stmt(c, sql), f, 1);

	*out = (int)v;
	return rc;
}

int sq_migrate(struct conn *c, int target)
{
	int rc, version, app_id, n_tables;
	char sql[128];

	if ((rc = sq_exec(c, "BEGIN IMMEDIATE")))
		return rc;
	if ((rc = pragma_int(c, "PRAGMA user_version", &version)) ||
	    (rc = pragma_int(c, "PRAGMA application_id", &app_id)) ||
	    (rc = pragma_int(c, "SELECT count(*) FROM sqlite_schema",
	                     &n_tables)))
		goto done;
	if ((app_id && app_id != APPLICATION_ID) || (!app_id && n_tables > 0)) {
		rc = store_set_error(STORE_ERROR, "not an askdoc database");
		goto done;
	}
	if (version > SQ_SCHEMA_VERSION) {
		rc = store_set_error(STORE_ERROR,
		                     "database schema version %d is newer than "
		                     "this askdoc's (%d)",
		                     version, SQ_SCHEMA_VERSION);
		goto done;
	}
	for (int v = version; v < target; v++) {
		char *err = NULL;

		if (sqlite3_exec(c->db, migrations[v], NULL, NULL, &err) !=
		    SQLITE_OK) {
			rc = store_set_error(STORE_ERROR, "migration %d: %s",
			                     v + 1, err ? err : "failed");
			sqlite3_free(err);
			goto done;
		}
	}
	if (version < target) {
		snprintf(sql, sizeof(sql),
		         "PRAGMA application_id = %d; PRAGMA user_version = %d",
		         APPLICATION_ID, target);
		if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			rc = sq_fail(c, sqlite3_errcode(c->db));
			goto done;
		}
	}
done:
	return sq_write_end(c, 1, rc);
}
