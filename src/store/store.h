/* store/store.h: askdoc's persistence interface, the only one the rest of
 * the program uses.
 *
 * The store speaks in the program's own structs (struct question, struct
 * faq, struct user, ...); no SQL and no backend type leaves src/store/.
 * `struct store` is opaque. store_open() chooses the backend from its
 * argument: "postgres://..." or "postgresql://..." selects PostgreSQL
 * (store/postgres.c, not written yet: such a URL fails with STORE_ERROR);
 * "sqlite:PATH" or any other string is a SQLite database file
 * (store/sqlite.c; not ":memory:", since every thread has a connection of
 * its own). Backends implement a table of operations
 * (store/backend.h); the functions below only dispatch through it, so a new
 * backend needs no change in any caller.
 *
 * Threads: a store may be used from any number of threads at once. The
 * SQLite backend gives each thread its own connection (opened lazily on the
 * thread's first call, with its prepared statements cached), so readers
 * never wait for each other and one writer at a time commits (WAL).
 *
 * Memory: functions that return data take an arena first after the store
 * and allocate every result (strings, arrays, nested structs) in it; the
 * caller frees everything with the arena. Input structs are only read.
 *
 * Errors: every function returns STORE_OK (0) or a negative STORE_* code
 * and fills its out-parameters only on success. store_errmsg() gives a
 * one-line description of the calling thread's last failure (for logs; it
 * never contains patient data, only SQL engine messages and names of
 * constraints).
 *
 * Writes: every write function is atomic on its own. Between
 * store_tx_begin() and store_tx_commit() the writes of the calling thread
 * form one transaction; a write function that fails inside it undoes only
 * its own changes (a savepoint), so the transaction can go on. Every change
 * to published content (a Q&A, a library entry, an article, a topic's
 * synonyms) appends a row to the changelog in the same transaction; the
 * search index follows it with store_changes_since().
 *
 * Dates are ISO 8601 text as given (archive dates are kept verbatim;
 * dates the store makes are UTC "YYYY-MM-DDTHH:MM:SSZ"); session times are
 * Unix seconds. An id of 0 means "none".
 */
#ifndef ASKDOC_STORE_H
#define ASKDOC_STORE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;

/* Return codes: the store's own space, -1 to -99 (tmpl/tmpl.h says who has
 * which); store_strerror names them. */
enum {
	STORE_OK = 0,
	STORE_NOTFOUND = -1, /* no such row (or not visible, e.g. expired) */
	STORE_CONFLICT = -2, /* a unique key is taken (e-mail, slug, ...) */
	STORE_INVALID = -3,  /* the arguments break a rule of the store */
	STORE_BUSY = -4,     /* the database stayed locked past the timeout */
	STORE_ERROR = -5,    /* anything else: I/O, corruption, backend */
	STORE_FULL = -6,     /* the disk (or the database's size cap) is full */
	STORE_RETRY = -7,    /* a serialization failure or deadlock: the
	                        transaction was undone, run it again */
	STORE_UNAVAILABLE = -8, /* the database server cannot be reached
	                           (the next call tries to reconnect) */
};

/* Characters of question text in struct qa_item.excerpt. */
#define STORE_EXCERPT_CHARS 200

/* Kinds of content, as named in the archive and the changelog. */
enum store_kind {
	STORE_KIND_QA = 1,      /* a patient question and its answers */
	STORE_KIND_FAQ = 2,     /* a library entry */
	STORE_KIND_ARTICLE = 3, /* an editorial article */
	STORE_KIND_TOPIC = 4,   /* a topic (its name or synonyms changed) */
	STORE_KIND_COMMENT = 5, /* a comment: its page's thread changed */
	/* Targets of audit rows only, never in the changelog or archive: */
	STORE_KIND_USER = 6,       /* an account (role, disabled, doctor) */
	STORE_KIND_DEPARTMENT = 7, /* a department */
	/* Names in other languages only (struct store_name): */
	STORE_KIND_CATEGORY = 8, /* an article category ("More > Health") */
};

enum store_op {
	STORE_OP_UPSERT = 1, /* created or changed: re-read it */
	STORE_OP_DELETE = 2, /* gone: drop it */
};

enum store_role {
	STORE_ROLE_PATIENT = 0,
	STORE_ROLE_DOCTOR,
	STORE_ROLE_MODERATOR,
	STORE_ROLE_ADMIN,
};

/* A question's life: waiting for a doctor, answered (not yet public),
 * published, rejected by a moderator, withdrawn by the asker, taken down. */
enum store_qstatus {
	STORE_Q_WAITING = 0,
	STORE_Q_ANSWERED,
	STORE_Q_PUBLISHED,
	STORE_Q_REJECTED,
	STORE_Q_WITHDRAWN,
	STORE_Q_UNPUBLISHED,
};

/* What an import did to one record. */
enum store_import_result {
	STORE_ADDED = 1,
	STORE_UPDATED,
	STORE_UNCHANGED,
};

struct source {
	int64_t id;       /* sources row, 0 if the record names none */
	const char *name; /* e.g. "National Cancer Institute" */
	const char *url;  /* the record's own page at the source */
};

struct department {
	int64_t id;
	const char *name;
	const char *slug; /* unique, for URLs (lowercase, '-' for blanks) */
	const char *description;
	int64_t n_qa;     /* published Q&As (filled by list/get) */
	int64_t n_faq;    /* library entries (filled by list/get) */
	int64_t n_topics; /* topics (filled by list/get) */
};

struct topic {
	int64_t id;
	const char *name;
	const char *slug;
	int64_t department_id; /* 0: not in any department */
	const char *department;
	const char *department_slug;
	const char **synonyms; /* other names, for search (may be NULL) */
	size_t n_synonyms;
};

/* A reply to a question (struct question) or a library entry (struct
 * faq). */
struct answer {
	int64_t id; /* of a library entry's answer: its position */
	int64_t question_id;
	int64_t doctor_id;        /* the answering doctor's users.id, or 0 */
	const char *author;       /* doctor's display name, else plain name */
	const char *doctor_title; /* from the doctor's profile (read only) */
	const char *hospital;     /* from the doctor's profile (read only) */
	int64_t department_id;
	const char *department;
	const char *body; /* Markdown */
	const char *answered_at;
	const char *edited_at;
	const char *signoff;
	const char *extra; /* unknown archive fields: a JSON object or NULL */
	/* From the doctor's profile (read only): the default sign-off, and
	 * whether the profile is verified (public). */
	const char *doctor_signoff;
	int doctor_verified;
};

/* A patient question (kind qa) with its answers and topics. */
struct store_moreinfo;

struct question {
	int64_t id;
	const char *external_id; /* "askdoc-qa-<id>" when made on the site */
	const char *title;
	const char *text;
	const char *question_type; /* information, symptoms, treatment, ... */
	const char *nickname;
	const char *age_band; /* "0-9", "10-19", ..., "90+", or NULL */
	const char *sex;      /* "female", "male", "other", or NULL */
	int64_t department_id;
	const char *department;
	const char *department_slug;
	enum store_qstatus status;
	int consent; /* the asker agreed to publication */
	const char *asked_at;
	const char *published_at;
	const char *language; /* BCP 47, "en" by default */
	int64_t views;
	int64_t follow_up_of;     /* the question this one follows up, or 0 */
	int64_t user_id;          /* the asker's account, or 0 */
	const char *token_hash;   /* hash of the private status link token */
	const char *notify_email; /* private: for reply notification */
	int urgent;               /* red flags found: first in the queue */
	struct source source;
	struct answer *answers; /* oldest first */
	size_t n_answers;
	struct topic *topics; /* in the order given */
	size_t n_topics;
	const char *extra; /* unknown archive fields: a JSON object or NULL */
	/* Private: the asker's own title and text when personal data was
	 * removed from title and text (NULL when nothing was); only the
	 * doctors see them. */
	const char *original_title;
	const char *original_text;
	const char *reject_reason; /* why a moderator rejected it, or NULL */
	/* Archive import and export only: the question's More Info (NULL:
	 * none); other reads leave it NULL. */
	const struct store_moreinfo *more_info;
	/* Archive import and export only: names in other languages of the
	 * department (slug NULL) and topics (slug: the topic's name), see
	 * struct store_name; NULL and 0 otherwise. */
	const struct store_name *names;
	size_t n_names;
};

/* A line of a Q&A list (home, department, topic and doctor pages). */
struct qa_item {
	int64_t id;
	const char *title;
	int64_t department_id;
	const char *department;
	const char *department_slug;
	const char *date;     /* published_at */
	const char *excerpt;  /* first STORE_EXCERPT_CHARS characters */
	int excerpt_cut;      /* the text goes on after the excerpt */
	const char *doctor;   /* author of the first answer, or NULL */
	int64_t doctor_id;    /* that author's users.id, or 0 */
	const char *language; /* the question's (BCP 47), or NULL */
};

/* A library entry (kind faq). */
struct faq {
	int64_t id;
	const char *external_id;
	const char *title;
	const char *question;
	const char *question_type;
	int64_t department_id;
	const char *department;
	int64_t topic_id;    /* the focus topic (topics[0]), or 0 */
	const char **topics; /* the focus, then its synonyms, as imported */
	size_t n_topics;
	struct answer *answers; /* question_id is the faq id; no doctors */
	size_t n_answers;
	struct source source;
	const char *language;
	const char *extra;
	const struct store_name *names; /* as struct question's */
	size_t n_names;
};

/* An editorial article (kind article). */
struct article {
	int64_t id;
	const char *external_id;
	const char *slug; /* unique, for /articles/<slug> */
	const char *title;
	const char *summary; /* the archive's "question": the lead */
	const char *body;    /* Markdown */
	const char *author;
	int64_t author_department_id;
	const char *author_department;
	const char *category; /* breadcrumb path, e.g. "More > Health" */
	int64_t department_id;
	const char *department;
	const char *published_at;
	const char *updated_at;
	const char *language;
	struct topic *topics;
	size_t n_topics;
	struct source source;
	const char *body_extra; /* unknown fields of the archive's answer */
	const char *extra;
	/* "draft", "published" or "unpublished"; an archive import takes
	 * NULL as "draft" */
	const char *status;
	/* as struct question's, and the category's (kind
	 * STORE_KIND_CATEGORY, slug: the path of the part named) */
	const struct store_name *names;
	size_t n_names;
};

struct comment {
	int64_t id;
	enum store_kind target_kind; /* STORE_KIND_QA or STORE_KIND_ARTICLE */
	int64_t target_id;
	int64_t user_id;
	const char *user_name; /* read only */
	const char *body;
	const char *created_at;
	int hidden; /* hidden by a moderator */
	/* the language it is written in ("vi"); on create, NULL takes the
	 * language of what it comments on */
	const char *lang;
};

struct user {
	int64_t id;
	const char *email; /* the login; unique ignoring ASCII case */
	const char *name;  /* display name */
	enum store_role role;
	const char *password_hash; /* argon2id string; never show it */
	const char *created_at;
	int disabled;
	/* when the owner deleted the account (NULL: a live account); the
	 * row stays as a placeholder, see store_account_delete */
	const char *deleted_at;
};

/* A doctor's profile; the user row holds the name and login. */
struct doctor {
	int64_t user_id;
	const char *name; /* display name (read only) */
	const char *title;
	const char *hospital;
	int64_t department_id;
	const char *department; /* read only */
	const char *licence_no; /* private: never shown publicly */
	const char *bio;
	const char *signoff;
	const char *verified_at; /* NULL: not verified */
	int64_t verified_by;     /* users.id of the verifier, 0 for the CLI */
};

struct session {
	const char *token_hash; /* hex hash of the cookie token */
	int64_t user_id;
	const char *csrf;
	int64_t created_at; /* Unix seconds */
	int64_t expires_at; /* Unix seconds */
	struct user user;   /* filled by store_session_get */
};

/* Row counts, for /metrics and tests. */
struct store_counts {
	int64_t departments, topics, sources, users, doctors;
	int64_t questions, qa_published, answers, faq, articles, comments;
	int64_t sessions, changes;
};

/* A changelog row. */
struct store_change {
	int64_t seq; /* grows by one or more with every change */
	enum store_kind kind;
	int64_t id; /* of the question, faq, article or topic */
	enum store_op op;
};

/* A published document with the text fields the search index needs. */
struct store_doc {
	enum store_kind kind; /* QA, FAQ or ARTICLE */
	int64_t id;
	const char *external_id;
	const char *title;
	const char *question; /* question text; an article's summary */
	const char *body;     /* answers joined by blank lines; article body */
	int64_t department_id;
	const char *department;
	const char **topics; /* topic names (faq: focus and synonyms) */
	size_t n_topics;
	const char *language;
	const char *date;          /* published_at, asked_at or NULL */
	const char *author;        /* first answer's author or article author */
	const char *slug;          /* articles only */
	const char *question_type; /* treatment, causes, ...; NULL if none */
	int64_t follow_up_of;      /* QA: the question it follows up, or 0 */
	const char *source_name;   /* its source's name, or NULL */
	const char *source_url;
};

/* One record for export: exactly one of the pointers is set, as kind
 * says. */
struct store_record {
	enum store_kind kind;
	const struct question *qa;
	const struct faq *faq;
	const struct article *article;
};

/* Callbacks for the iterators. A non-zero return stops the iteration and
 * becomes the iterator's return value. The record is valid only during the
 * call. The callback may read through the same store but not start the
 * same iterator again. */
typedef int (*store_doc_fn)(void *ctx, const struct store_doc *doc);
typedef int (*store_record_fn)(void *ctx, const struct store_record *rec);

/* Names of enums (static strings; "?" for an unknown value) and their
 * parsers (0, or STORE_INVALID for an unknown name). */
const char *store_kind_name(enum store_kind kind);
int store_kind_parse(const char *name, enum store_kind *out);
const char *store_role_name(enum store_role role);
int store_role_parse(const char *name, enum store_role *out);
const char *store_qstatus_name(enum store_qstatus status);
int store_qstatus_parse(const char *name, enum store_qstatus *out);
/* A short English description of a STORE_* code (static). */
const char *store_strerror(int rc);
/* The calling thread's last failure message (for logs), "" if none. Valid
 * until the thread's next store call. */
const char *store_errmsg(void);
/* Record the calling thread's failure message for store_errmsg (backends
 * and the layers that return STORE_* codes, such as archive/, use it);
 * returns rc, so that `return store_set_error(rc, ...)` reads naturally. */
int store_set_error(int rc, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Flags of store_open. */
enum {
	STORE_OPEN_CREATE = 1, /* create the database when missing */
};

/* Open the database that url names (see the top of this file), bring its
 * schema up to date and return it in *out; the caller owns it and closes it
 * with store_close. Fails with STORE_NOTFOUND when the database does not
 * exist and STORE_OPEN_CREATE is not given, STORE_ERROR when it cannot be
 * opened, is not an askdoc database or is newer than this program. */
int store_open(const char *url, unsigned flags, struct store **out);
/* Close every connection and free st. No thread may use st afterwards.
 * NULL is allowed. */
void store_close(struct store *st);
/* Close the calling thread's connection now (a thread that ends before
 * store_close may call it; otherwise store_close does it). */
void store_thread_release(struct store *st);
/* The backend's name: "sqlite" or "postgres". */
const char *store_backend(const struct store *st);
/* SQL statements the calling thread has run so far, through any store
 * (triggers' statements are not counted): for /metrics and tests that
 * bound what a request costs. */
uint64_t store_statements(void);

/* Transactions of the calling thread (see "Writes" above). Nesting is an
 * error (STORE_INVALID). A failed commit rolls back. */
int store_tx_begin(struct store *st);
int store_tx_commit(struct store *st);
int store_tx_rollback(struct store *st);

/* The work of one transaction for store_tx_run: its writes on st,
 * STORE_OK to commit them, any other code to undo them. It may run more
 * than once, so it must start from the same state each time: it changes
 * nothing outside the database but what it sets again on every run. */
typedef int (*store_tx_work)(struct store *st, void *arg);

/* Flags of store_tx_run. */
enum {
	/* Running work twice stores nothing twice (it sets, never adds):
	 * run it again even when the connection was lost during COMMIT,
	 * whose outcome is then unknown. */
	STORE_TX_IDEMPOTENT = 1,
};

/* Attempts store_tx_run makes in all, and its longest pause between two. */
#define STORE_TX_ATTEMPTS     4
#define STORE_TX_MAX_PAUSE_MS 200

/* Run work(st, arg) in a transaction of its own and commit it. When the
 * engine undid the transaction (STORE_RETRY: a serialization failure or
 * a deadlock), or the connection was lost before COMMIT was sent
 * (STORE_UNAVAILABLE; the next attempt reconnects), the whole unit runs
 * again after a jittered pause that doubles each time, up to
 * STORE_TX_ATTEMPTS in all; the last code is returned. A connection lost
 * during COMMIT leaves its outcome unknown: that is returned as
 * STORE_UNAVAILABLE, never run again, unless flags has
 * STORE_TX_IDEMPOTENT. *attempts (may be NULL) is set to the runs made.
 * SQLite never answers STORE_RETRY: there work runs once. */
int store_tx_run(struct store *st, store_tx_work work, void *arg,
                 unsigned flags, int *attempts);

/* Copy the whole database to dest_path, consistent as of the start of the
 * copy, without blocking writers (SQLite's online backup, in steps). The
 * copy is written under a fresh temporary name in dest_path's folder,
 * synced, renamed over dest_path and the folder synced, so dest_path is
 * either the old file or a complete copy. STORE_INVALID, with nothing
 * written, when dest_path is the database itself or one of the files
 * beside it (-wal, -shm, -journal): the same file through any symbolic or
 * hard link, or, when it does not exist yet, the same name once links
 * and folders are resolved. */
int store_backup(struct store *st, const char *dest_path);
/* Fill *out with the row counts. */
int store_counts(struct store *st, struct store_counts *out);

/* ---- departments and topics ---- */

/* All departments by name, with counts, in an arena array. */
/* ---- names in other languages (issue 16) ---- */

/* A department's, topic's or article category's name in one language. */
struct store_name {
	/* STORE_KIND_DEPARTMENT, STORE_KIND_TOPIC or STORE_KIND_CATEGORY */
	enum store_kind kind;
	int64_t id;       /* 0 for a category */
	const char *slug; /* the department's or topic's; a category's path */
	const char *lang; /* BCP 47 */
	const char *name;
};
/* The names in language lang (every language for NULL), by kind and id. */
int store_names_list(struct store *st, struct arena *a, const char *lang,
                     struct store_name **out, size_t *n);
/* Set (name non-empty) or remove (NULL or "") the name of department or
 * topic id in lang. STORE_NOTFOUND when there is no such row,
 * STORE_INVALID for another kind or no language. */
int store_name_set(struct store *st, enum store_kind kind, int64_t id,
                   const char *lang, const char *name);
/* Set (name non-empty) or remove (NULL or "") the name in lang of the
 * article category path: its parts joined by " > " ("More > Health"),
 * the name being its last part's. STORE_INVALID for an empty path or no
 * language. (Categories have no table: any path may be named.) */
int store_category_name_set(struct store *st, const char *path,
                            const char *lang, const char *name);
/* The paths of an article category and its parents, shortest first,
 * each its parts (blanks around them trimmed, empty ones left out)
 * joined by " > ": "More >Health" gives "More", "More > Health". In arena
 * a; returns how many. */
size_t store_category_paths(struct arena *a, const char *category,
                            const char ***out);

int store_department_list(struct store *st, struct arena *a,
                          struct department **out, size_t *n);
int store_department_get(struct store *st, struct arena *a, int64_t id,
                         struct department *out);
int store_department_by_slug(struct store *st, struct arena *a,
                             const char *slug, struct department *out);
/* The id of the department called name, created (with a unique slug) when
 * missing. STORE_INVALID for an empty name. */
int store_department_ensure(struct store *st, const char *name, int64_t *id);
/* Topics with their synonyms and departments, by name: those of one
 * department (department_id > 0) or all of them (0). */
int store_topic_list(struct store *st, struct arena *a, int64_t department_id,
                     struct topic **out, size_t *n);
int store_topic_get(struct store *st, struct arena *a, int64_t id,
                    struct topic *out);
int store_topic_by_slug(struct store *st, struct arena *a, const char *slug,
                        struct topic *out);

/* ---- Q&As ---- */

/* Published Q&As, newest first (published_at, then id), skipping offset
 * and returning at most limit: all of them (department_id 0) or one
 * department's; those with a topic; those a doctor answered. */
int store_qa_latest(struct store *st, struct arena *a, int64_t department_id,
                    size_t offset, size_t limit, struct qa_item **out,
                    size_t *n);
int store_qa_by_topic(struct store *st, struct arena *a, int64_t topic_id,
                      size_t offset, size_t limit, struct qa_item **out,
                      size_t *n);
int store_qa_by_doctor(struct store *st, struct arena *a, int64_t doctor_id,
                       size_t offset, size_t limit, struct qa_item **out,
                       size_t *n);
/* A question with its answers, topics and source, whatever its status
 * (pages decide who may see what). */
int store_qa_get(struct store *st, struct arena *a, int64_t id,
                 struct question *out);
int store_qa_get_external(struct store *st, struct arena *a,
                          const char *external_id, struct question *out);
/* A Q&A as a Similar list shows it: its first answer's author, doctor,
 * department and text (NULL when it has none). */
struct qa_brief {
	int64_t id;
	const char *title, *text;
	int64_t doctor_id;
	const char *author, *department, *answer;
	const char *department_slug; /* the answer's department's */
	/* The focus topic (its first; id 0: none): id, name, slug and
	 * department, for Related FAQ. */
	struct topic topic;
};
#define STORE_BRIEFS_MAX 10 /* ids per store_qa_briefs call */
/* The published Q&As among ids[0..n) (n <= STORE_BRIEFS_MAX) in that
 * order, in an arena array, read in one statement. */
int store_qa_briefs(struct store *st, struct arena *a, const int64_t *ids,
                    size_t n, struct qa_brief **out, size_t *nout);
/* Save the anonymous question id to account user_id. STORE_OK when it is
 * saved (now or already, to this account), STORE_CONFLICT when another
 * account has it, STORE_NOTFOUND for an unknown id; nothing changes on
 * failure. */
int store_question_claim(struct store *st, int64_t id, int64_t user_id);
/* Set (or, for NULL or "", clear) the private address question id's
 * reply notice goes to; the caller has checked it. STORE_NOTFOUND for an
 * unknown id. */
int store_question_set_email(struct store *st, int64_t id, const char *email);
/* Count one more view of question id (no changelog row). */
int store_qa_view(struct store *st, int64_t id);
/* Add n views to question id in one statement (views = views + n), so
 * the counts of several nodes add up and none overwrites another's.
 * STORE_NOTFOUND when there is no such question. */
int store_qa_views_add(struct store *st, int64_t id, int64_t n);
/* Add a question asked on the site: title, text, department_id (0 or an
 * existing department), nickname, age_band, sex, consent, language,
 * user_id, token_hash, notify_email, urgent, follow_up_of and status
 * (normally STORE_Q_WAITING) are read; asked_at defaults to now; the
 * external id becomes "askdoc-qa-<id>". */
int store_question_create(struct store *st, const struct question *q,
                          int64_t *id);
/* Change a question's status; publishing sets published_at (first time)
 * and writes the changelog. STORE_NOTFOUND for an unknown id. */
int store_question_set_status(struct store *st, int64_t id,
                              enum store_qstatus status);
/* Add an answer to question_id (doctor_id or author, department_id, body,
 * signoff, answered_at defaulting to now). Does not change the status:
 * wrap with store_question_set_status in one transaction to publish. */
int store_answer_create(struct store *st, const struct answer *ans,
                        int64_t *id);

/* ---- the library and articles ---- */

int store_faq_get(struct store *st, struct arena *a, int64_t id,
                  struct faq *out);
int store_faq_get_external(struct store *st, struct arena *a,
                           const char *external_id, struct faq *out);
int store_article_get(struct store *st, struct arena *a, int64_t id,
                      struct article *out);
int store_article_by_slug(struct store *st, struct arena *a, const char *slug,
                          struct article *out);

/* ---- comments ---- */

/* Every write below that changes what a page shows (create, edit,
 * delete, a moderator's state) appends a STORE_KIND_COMMENT changelog
 * row (the comment's id) in the same transaction, so the page caches of
 * every process follow it. */
/* Add a comment (target_kind, target_id, user_id, body); created_at is
 * now. STORE_NOTFOUND when the target does not exist. */
int store_comment_create(struct store *st, const struct comment *c,
                         int64_t *id);

/* ---- users, doctors, sessions ---- */

/* Add a user (email, name, role, password_hash, disabled). STORE_CONFLICT
 * when the e-mail is taken, STORE_INVALID when email or name is empty. */
int store_user_create(struct store *st, const struct user *u, int64_t *id);
int store_user_get(struct store *st, struct arena *a, int64_t id,
                   struct user *out);
int store_user_by_email(struct store *st, struct arena *a, const char *email,
                        struct user *out);
/* All users by id. */
int store_user_list(struct store *st, struct arena *a, struct user **out,
                    size_t *n);
int store_user_set_password(struct store *st, int64_t id,
                            const char *password_hash);
/* Create or replace the doctor profile of d->user_id (a user with role
 * doctor, else STORE_INVALID). */
int store_doctor_set(struct store *st, const struct doctor *d);
int store_doctor_get(struct store *st, struct arena *a, int64_t user_id,
                     struct doctor *out);
int store_session_create(struct store *st, const struct session *s);
/* The session with token_hash that is unexpired at now and whose user is
 * enabled, with the user filled in; else STORE_NOTFOUND. */
int store_session_get(struct store *st, struct arena *a, const char *token_hash,
                      int64_t now, struct session *out);
int store_session_delete(struct store *st, const char *token_hash);
/* Delete sessions expired at now; *n gets how many (n may be NULL). */
int store_session_purge(struct store *st, int64_t now, int64_t *n);

/* ---- the changelog and the search index ---- */

/* The highest changelog sequence number (0 for none). */
int store_last_change_seq(struct store *st, int64_t *seq);
/* Be woken when another connection (another node) commits changelog
 * rows: STORE_OK on PostgreSQL (LISTEN, on the calling thread's
 * connection, renewed when it reconnects), STORE_INVALID on SQLite
 * (followers poll). store_changes_wait then waits up to ms on that
 * thread: 1 when changes were committed, 0 when the time ran out, or a
 * STORE_* code (the follower falls back to polling). */
int store_changes_listen(struct store *st);
int store_changes_wait(struct store *st, int ms);
/* Up to limit changes with seq > after, oldest first. */
int store_changes_since(struct store *st, struct arena *a, int64_t after,
                        size_t limit, struct store_change **out, size_t *n);
/* Call fn for every published document: Q&As, library entries, articles,
 * in that order and by id. */
int store_each_document(struct store *st, store_doc_fn fn, void *ctx);
/* One document, STORE_NOTFOUND if it does not exist or is not published
 * (the index then drops it). */
int store_document_get(struct store *st, struct arena *a, enum store_kind kind,
                       int64_t id, struct store_doc *out);
#define STORE_DOCS_MAX 10 /* documents per store_documents_get call */
/* The published documents among (kinds[i], ids[i]) for i < n (n <=
 * STORE_DOCS_MAX), in an arena array in no set order, read in one
 * statement; those gone or unpublished are missing from it. */
int store_documents_get(struct store *st, struct arena *a,
                        const enum store_kind *kinds, const int64_t *ids,
                        size_t n, struct store_doc **out, size_t *nout);

/* ---- archive import and export (used by archive/) ---- */

/* Insert or update the record with q->external_id, faq->external_id or
 * ar->external_id: departments, topics and sources are found by name and
 * created when new; answers whose author is a doctor's display name are
 * linked to that doctor. content_hash identifies the record's content:
 * when the stored one is equal nothing is written and *res is
 * STORE_UNCHANGED. The record's writes are atomic (a savepoint). The
 * Q&A's status and consent are stored as given (the importer derives them);
 * publishing sets published_at from the last answer's date, else the
 * asking date, else now. */
int store_qa_import(struct store *st, const struct question *q,
                    const char *content_hash, enum store_import_result *res);
int store_faq_import(struct store *st, const struct faq *f,
                     const char *content_hash, enum store_import_result *res);
int store_article_import(struct store *st, const struct article *ar,
                         const char *content_hash,
                         enum store_import_result *res);
/* What happened to entry i of store_faq_import_many: rc STORE_OK and
 * res, or the error that rejects that entry alone (STORE_INVALID,
 * STORE_CONFLICT, STORE_NOTFOUND; store_errmsg() says why). */
typedef void (*store_import_fn)(void *ctx, size_t i, int rc,
                                enum store_import_result res);
/* Import f[0..n) in order inside the caller's transaction, each as
 * store_faq_import would, calling done for each. On PostgreSQL the new
 * entries go in with COPY (topics and synonyms too, under a table lock
 * held to the end of the transaction), the same rows and changelog rows
 * as one by one; outside a transaction, and on SQLite, one by one.
 * Returns STORE_OK or the error that stopped the import. */
int store_faq_import_many(struct store *st, const struct faq *const *f,
                          const char *const *hash, size_t n,
                          store_import_fn done, void *ctx);
/* Call fn for every record, whatever its status, in export order: by kind
 * name (article, faq, qa), then by external id in byte order. */
int store_export_each(struct store *st, store_record_fn fn, void *ctx);

/* ---- what several nodes share (issue 15) ---- */

/* Failure counters of rate limits and login throttles in the database
 * (web/throttle.c on PostgreSQL), so that a limit counts the requests to
 * every node. name is the throttle's, key the keyed hash of what it
 * counts (never an address or e-mail). A window starts with its first
 * failure and ends window seconds later.
 *
 * store_throttle_get: the failures of (name, key) in the window running
 * at now (*count 0 when none) and when it ends. store_throttle_fail:
 * count one more at now (a new window when the last one has ended);
 * *count gets the failures in the window with this one. reset forgets
 * (name, key); purge deletes the windows ended at now (*n how many; n
 * may be NULL). */
int store_throttle_get(struct store *st, const char *name, const char *key,
                       int64_t now, int64_t *count, int64_t *expires);
int store_throttle_fail(struct store *st, const char *name, const char *key,
                        int64_t now, int64_t window, int64_t *count);
int store_throttle_reset(struct store *st, const char *name, const char *key);
int store_throttle_purge(struct store *st, int64_t now, int64_t *n);

/* A periodic job that one node runs at a time: fn(st, ctx) inside one
 * transaction, taken only when no other connection runs job name now.
 * PostgreSQL: pg_try_advisory_xact_lock on a key made from name, and a
 * job another node holds is skipped (*ran 0, STORE_OK); SQLite: the
 * write transaction (BEGIN IMMEDIATE) serialises it. fn's error rolls
 * the job back and is returned. */
int store_job_run(struct store *st, const char *name,
                  int (*fn)(struct store *st, void *ctx), void *ctx, int *ran);

/* ---- accounts admin (issue 3) ---- */

/* Move the expiry of the session with token_hash to expires_at (Unix
 * seconds): sliding sessions. STORE_NOTFOUND when there is no such
 * session. */
int store_session_touch(struct store *st, const char *token_hash,
                        int64_t expires_at);
/* Delete every session of user_id (a password change, "sign out
 * everywhere"); *n gets how many (n may be NULL). */
int store_session_delete_user(struct store *st, int64_t user_id, int64_t *n);
/* Doctor profiles waiting for verification (verified_at NULL) whose user
 * is enabled, oldest application first, in an arena array; licence_no is
 * filled (admin pages only). */
int store_doctor_pending(struct store *st, struct arena *a, struct doctor **out,
                         size_t *n);
/* Mark the unverified profile of user_id verified now by verifier_id (0:
 * the command line). STORE_NOTFOUND when user_id has no profile waiting. */
int store_doctor_verify(struct store *st, int64_t user_id, int64_t verifier_id);
/* Change the role of user id. STORE_NOTFOUND for an unknown id. */
int store_user_set_role(struct store *st, int64_t id, enum store_role role);
/* Disable (disabled != 0) or enable user id; disabling also deletes the
 * user's sessions, in the same transaction. STORE_NOTFOUND for an unknown
 * id. */
int store_user_set_disabled(struct store *st, int64_t id, int disabled);

/* ---- patients' control of their data (issue 6): store/sqlite_mydata.c ---- */

/* A comment as its writer's data download shows it. */
struct store_my_comment {
	int64_t id;
	enum store_kind target_kind; /* STORE_KIND_QA or STORE_KIND_ARTICLE */
	int64_t target_id;
	const char *target_title; /* NULL when the target is gone */
	const char *body;
	const char *created_at;
	const char *edited_at; /* NULL: never edited */
	int state;             /* enum store_comment_state (declared below) */
	const char *lang;      /* the language it is written in */
};

/* A reply a doctor wrote, for their download (any question status). */
struct store_my_answer {
	int64_t id;
	int64_t question_id;
	const char *question_title; /* as readers see it (personal data out) */
	enum store_qstatus question_status;
	const char *body; /* Markdown */
	const char *signoff;
	const char *answered_at;
	const char *edited_at;
};

/* A session's times (never its token or CSRF value). */
struct store_session_times {
	int64_t created_at; /* Unix seconds */
	int64_t expires_at; /* Unix seconds; slides with use */
};

/* An audit row about a user: done by them, or to their questions,
 * articles or account. */
struct store_audit_row {
	int64_t id;
	const char *at;
	int64_t user_id; /* who did it: a users.id, 0 for the system */
	const char *action;
	const char *target_kind; /* "qa", "article", "user" or NULL */
	int64_t target_id;
	const char *detail;
};

/* A privacy request or report of a user: one they made as the asker of
 * a question of theirs, or a report they filed on a Q&A. */
struct store_my_request {
	int64_t id;
	int64_t question_id;
	const char *question_title; /* as readers see it */
	const char *kind; /* "remove_details", "unpublish", "report" */
	const char *note; /* their note or reason; NULL */
	const char *created_at;
	const char *resolved_at; /* NULL while open */
	const char *resolution;  /* the moderator's outcome; NULL */
	int as_asker;            /* 1: about their own question */
};

/* What the store holds of a user beyond their profile, questions and
 * articles (which the other reads give), for their data download. */
struct store_user_data {
	struct store_my_comment *comments; /* oldest first */
	size_t n_comments;
	struct store_my_answer *answers; /* oldest first */
	size_t n_answers;
	struct store_session_times *sessions; /* oldest first */
	size_t n_sessions;
	struct store_audit_row *audit; /* oldest first */
	size_t n_audit;
	struct store_my_request *requests; /* oldest first */
	size_t n_requests;
};

/* Fill *out for user_id, every array in the arena (NULL when empty).
 * Returns STORE_OK (also for an unknown user: all empty) or a STORE_*
 * code. */
int store_user_data(struct store *st, struct arena *a, int64_t user_id,
                    struct store_user_data *out);

/* What store_account_delete did, for the audit row and the page. */
struct store_account_deletion {
	int64_t questions_deleted; /* not published: gone with their replies */
	int64_t questions_kept;    /* published: kept, asker anonymous */
	int64_t answers_kept;      /* a doctor's replies, now by former_name */
	int64_t articles_kept;     /* published or taken down: by former_name */
	int64_t articles_deleted;  /* drafts */
	int64_t comments, sessions, mails;
	int64_t requests; /* reports filed and closed asker requests */
};

/* Delete account user_id, all or nothing (joins the caller's
 * transaction when one is open): its sessions and pending mails (to its
 * e-mail or its questions' notification addresses), its comments and
 * reports, its questions that are not published (with their replies),
 * its doctor profile and photo and its article drafts, the Q&A reports
 * it filed and the closed requests about its questions (open ones stay
 * for the moderators, unsigned, like the question). What others rely
 * on stays: its published questions (asker nickname, status links and
 * the original wording removed, no longer linked to the account), its
 * replies and published articles (author shown as former_name, sign-offs
 * removed). The users row stays as a disabled tombstone named
 * former_name, marked by deleted_at (e-mail "deleted:<id>", which no form
 * accepts, no password), so audit rows keep
 * their actor and the e-mail can be registered again. Changelog rows for
 * every published page that changed. STORE_NOTFOUND for an unknown or
 * already deleted user; STORE_CONFLICT when it is the last enabled admin;
 * STORE_INVALID for an empty former_name. out may be NULL. */
int store_account_delete(struct store *st, int64_t user_id,
                         const char *former_name,
                         struct store_account_deletion *out);

/* ---- asking and answering (issue 3) ---- */

/* A line of a list of questions in any status: the doctors' queue, a
 * patient's questions, follow-ups. */
struct question_item {
	int64_t id;
	const char *title;
	enum store_qstatus status;
	int consent;
	int urgent;
	int64_t department_id; /* 0: "not sure" */
	const char *department;
	const char *department_slug;
	const char *asked_at;
	const char *excerpt; /* first STORE_EXCERPT_CHARS characters */
	int excerpt_cut;     /* the text goes on after the excerpt */
	int64_t follow_up_of;
	int64_t user_id;
	const char *language; /* the question's (BCP 47), or NULL */
};

/* A mail waiting in the outgoing queue. */
struct mail_item {
	int64_t id;
	const char *to;
	const char *subject;
	const char *body; /* plain text, lines ending in "\n" */
	int attempts;     /* failed attempts so far */
	int64_t next_at;  /* Unix seconds: not before */
};

/* The doctors' queue: waiting questions of one department (department_id
 * > 0; questions without a department are in every department's queue),
 * only those without a department (-1), or of all (0); urgent ones first,
 * then the oldest first. */
int store_queue_list(struct store *st, struct arena *a, int64_t department_id,
                     size_t offset, size_t limit, struct question_item **out,
                     size_t *n);
/* The length of the whole doctors' queue (waiting questions) and how many
 * of them are urgent, for metrics. */
int store_queue_count(struct store *st, int64_t *waiting, int64_t *urgent);
/* Seconds the longest-waiting question of the queue has waited (0 when
 * none waits), for metrics. */
int store_queue_oldest(struct store *st, int64_t *seconds);
/* STORE_OK when the database takes a write now (one that changes
 * nothing, rolled back) and its disk has room, else the error:
 * STORE_BUSY (locked past the calling thread's busy timeout), STORE_FULL
 * (the write failed for lack of space, or less than
 * STORE_MIN_FREE_BYTES are free where the database lives), or another
 * code. For /metrics and /healthz. */
int store_writable(struct store *st);
/* Free space below which store_writable reports STORE_FULL: a write
 * would soon fail, and one that fails part way is worse than none. */
#define STORE_MIN_FREE_BYTES (1024 * 1024)
/* How long the calling thread's writes wait for a lock held elsewhere
 * before giving up with STORE_BUSY, in milliseconds (the default is 5000,
 * right for the command line and background work; the web server's
 * workers wait much less, so a lock held elsewhere never ties them up).
 * Returns STORE_OK or the error of opening the thread's connection. */
int store_busy_timeout(struct store *st, int ms);
/* The questions of user_id, newest first. */
int store_question_list_by_user(struct store *st, struct arena *a,
                                int64_t user_id, size_t offset, size_t limit,
                                struct question_item **out, size_t *n);
/* The follow-ups of question id (any status), oldest first. */
int store_question_followups(struct store *st, struct arena *a, int64_t id,
                             struct question_item **out, size_t *n);
/* One question's list line (any status). STORE_NOTFOUND for an unknown
 * id. */
int store_question_item(struct store *st, struct arena *a, int64_t id,
                        struct question_item *out);
/* The question that a status link opens, found by the hash of its token
 * (the one given when asking or one added by store_question_add_link),
 * with answers and topics. STORE_NOTFOUND when no question has it. */
int store_question_by_token(struct store *st, struct arena *a,
                            const char *token_hash, struct question *out);
/* Add another status link (by its token's hash) to question id: only
 * hashes are stored, so a notification mail carries a fresh link.
 * STORE_NOTFOUND for an unknown id, STORE_CONFLICT for a hash in use. */
int store_question_add_link(struct store *st, int64_t id,
                            const char *token_hash);
/* Change question id from status from to status to (publishing sets
 * published_at the first time), with a changelog row. STORE_NOTFOUND for
 * an unknown id, STORE_CONFLICT when its status is no longer from. */
int store_question_transition(struct store *st, int64_t id,
                              enum store_qstatus from, enum store_qstatus to);
/* Reject waiting question id, keeping reason (shown to the asker).
 * STORE_CONFLICT when it is no longer waiting, STORE_INVALID for an empty
 * reason. */
int store_question_reject(struct store *st, int64_t id, const char *reason);
/* The reason question id was rejected, in the arena (NULL when it was
 * not). STORE_NOTFOUND for an unknown id. */
int store_question_reason(struct store *st, struct arena *a, int64_t id,
                          const char **reason);
/* Set the title and text readers see of question id (the doctor's
 * choices of what personal data to keep); the asker's own words stay in
 * original_title/original_text. STORE_NOTFOUND for an unknown id,
 * STORE_INVALID for an empty title or text. */
int store_question_set_public_text(struct store *st, int64_t id,
                                   const char *title, const char *text);
/* Move question id to department_id (0: none; its answers keep the
 * department their doctor replied for), with a changelog row. STORE_NOTFOUND
 * for an unknown question, STORE_INVALID for an unknown department. */
int store_question_set_department(struct store *st, int64_t id,
                                  int64_t department_id);
/* Replace the topics of question id with topic_ids, in that order
 * (duplicates are dropped), with a changelog row. */
int store_question_set_topics(struct store *st, int64_t id,
                              const int64_t *topic_ids, size_t n);
/* The id of the topic called name in department_id (0: none), created
 * (with a unique slug) when missing. STORE_INVALID for an empty name. */
int store_topic_ensure(struct store *st, const char *name,
                       int64_t department_id, int64_t *id);
/* One answer of a question by its id, with the doctor's details. */
int store_answer_get(struct store *st, struct arena *a, int64_t id,
                     struct answer *out);
/* Change the body and sign-off of answer ans->id; edited_at becomes now;
 * a changelog row for its question. STORE_NOTFOUND for an unknown id,
 * STORE_INVALID for an empty body. */
int store_answer_update(struct store *st, const struct answer *ans);

/* Queue a mail (to, subject and body are copied into the database, so a
 * restart loses nothing); it is due at once. Joins the caller's
 * transaction when one is open. */
int store_mail_enqueue(struct store *st, const char *to, const char *subject,
                       const char *body, int64_t *id);
/* The oldest pending mail due at now; STORE_NOTFOUND when none is due. */
int store_mail_next(struct store *st, struct arena *a, int64_t now,
                    struct mail_item *out);
/* Claim the oldest pending mail due at now for one sender: its next_at
 * moves to now + lease_s in the same statement, so no other sender, on
 * this node or another, gets it meanwhile; STORE_NOTFOUND when none is
 * due. The sender then calls store_mail_sent, store_mail_failed, or
 * store_mail_release (due again at next_at, no attempt counted). */
int store_mail_claim(struct store *st, struct arena *a, int64_t now,
                     int64_t lease_s, struct mail_item *out);
int store_mail_release(struct store *st, int64_t id, int64_t next_at);
/* When the next pending mail is due (Unix seconds; 0 when none waits). */
int store_mail_next_due(struct store *st, int64_t *at);
/* Mark mail id sent: its recipient and body are wiped. */
int store_mail_sent(struct store *st, int64_t id);
/* Count a failed attempt of mail id: due again at next_at, or, with
 * next_at 0, given up (recipient and body wiped). error is a short
 * technical reason (never an address). */
int store_mail_failed(struct store *st, int64_t id, int64_t next_at,
                      const char *error);
/* Mails by status, for metrics: pending, sent, failed. */
int store_mail_counts(struct store *st, int64_t *pending, int64_t *sent,
                      int64_t *failed);

/* ---- password resets (issue 11) ---- */

/* A password reset token's row (the token itself is never stored, only
 * its hash). Times are Unix seconds. */
struct store_reset {
	int64_t user_id;
	int64_t created_at, expires_at;
	int64_t used_at; /* 0 while unused */
};
/* Store a reset token's hash for user_id, valid until expires_at (and
 * prune rows expired a day before now). Returns STORE_OK, STORE_INVALID
 * for an empty hash or expires_at not after now, or another code. */
int store_reset_add(struct store *st, int64_t user_id, const char *token_hash,
                    int64_t now, int64_t expires_at);
/* The row of token_hash into *out: STORE_OK (used or expired ones too:
 * the caller tells which), STORE_NOTFOUND for an unknown hash. */
int store_reset_get(struct store *st, const char *token_hash,
                    struct store_reset *out);
/* Use token_hash at now: it and every other unused token of its account
 * are marked used, and *user_id gets the account. STORE_NOTFOUND for an
 * unknown hash, STORE_CONFLICT when it is used or expired (nothing
 * changes). Joins the caller's transaction (call it first in the one
 * that sets the password, so the token and the password change
 * together). */
int store_reset_use(struct store *st, const char *token_hash, int64_t now,
                    int64_t *user_id);

/* Append to the audit log: who (a users.id, 0 for the system) did action
 * (e.g. "question.reject") to target (kind, id) now; detail is a short
 * operational note, never patient data (may be NULL). */
int store_audit_add(struct store *st, int64_t user_id, const char *action,
                    enum store_kind target_kind, int64_t target_id,
                    const char *detail);
/* One audit row as the admins' viewer shows it. */
struct audit_entry {
	int64_t id;
	const char *at;          /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	int64_t user_id;         /* who; 0: the system or a deleted account */
	const char *user_name;   /* NULL when user_id is 0 */
	const char *action;      /* "question.reject", ... */
	const char *target_kind; /* a store_kind_name(), or NULL for none */
	int64_t target_id;
	const char *target_name; /* article title, topic, department or user
	                            name; NULL for questions or when gone */
	const char *target_slug; /* articles, topics, departments; or NULL */
	const char *detail;      /* the row's note, or NULL */
	const char *reason;      /* question.reject: the moderator's reason
	                            as the asker sees it now, or NULL */
};
/* Audit rows newest first: those with id below before (0: from the
 * newest), by actor (a users.id; 0: anyone) and action (NULL or "":
 * any), at most limit. *out (in a) has *n rows. */
int store_audit_list(struct store *st, struct arena *a, int64_t actor,
                     const char *action, int64_t before, size_t limit,
                     struct audit_entry **out, size_t *n);
/* The choices of the viewer's filters: every action in the log (sorted;
 * *actions in a) and every user with rows (by name; only id and name
 * are set). */
int store_audit_facets(struct store *st, struct arena *a, const char ***actions,
                       size_t *n_actions, struct user **actors,
                       size_t *n_actors);
/* The server's secret called name (e.g. "form_key"), len bytes, copied
 * into out. When the database has none, candidate (len fresh random
 * bytes of the caller's) is stored first, so the first server to ask
 * makes it and every later one, on any node, reads the same. Returns
 * STORE_OK; STORE_INVALID when the stored value has another length;
 * another STORE_* code when the database fails (out is then unset). */
int store_secret_ensure(struct store *st, const char *name,
                        const unsigned char *candidate, size_t len,
                        unsigned char *out);

/* ---- content and discovery (issue 5): store/discovery.c,
 * taxonomy.c, comments.c ---- */

/* Kinds of slugged pages whose old addresses redirect after a rename. */
enum store_slug_kind {
	STORE_SLUG_DEPARTMENT = 1,
	STORE_SLUG_TOPIC,
	STORE_SLUG_ARTICLE,
};

/* Articles' life: a draft (its author and editors only), published, or
 * taken down. */
enum store_article_status {
	STORE_ARTICLE_DRAFT = 0,
	STORE_ARTICLE_PUBLISHED,
	STORE_ARTICLE_UNPUBLISHED,
};

/* What a comment shows: visible, hidden by a moderator, or held by the
 * spam controls until a moderator looks at it. */
enum store_comment_state {
	STORE_COMMENT_VISIBLE = 0,
	STORE_COMMENT_HIDDEN = 1,
	STORE_COMMENT_HELD = 2,
};

/* A verified doctor's public profile (never the licence number). */
struct doctor_profile {
	int64_t user_id;
	const char *name;
	const char *title;
	const char *hospital;
	int64_t department_id; /* 0: none */
	const char *department;
	const char *department_slug;
	const char *bio;
	const char *signoff;
	const char *verified_at;
	const char *photo_type; /* "image/png", ...; NULL: no photo */
	const char *photo_at;   /* when the photo was set (for its URL) */
	int64_t n_answers;      /* published Q&As the doctor answered */
};

/* A doctor's photo as stored. */
struct doctor_photo {
	const char *type; /* "image/png", "image/jpeg" or "image/webp" */
	const void *data;
	size_t len;
	const char *updated_at;
};

/* A line of a list of library entries (topic and department pages). */
struct faq_item {
	int64_t id;
	const char *title;
	const char *source; /* the source's name, or NULL */
};

/* A line of a list of articles. */
struct article_item {
	int64_t id;
	const char *slug;
	const char *title;
	const char *summary;
	const char *author;
	const char *category; /* "More > Health > Recovery", or NULL */
	const char *published_at;
	const char *updated_at;
	enum store_article_status status;
};

/* A category path of the published articles and how many it holds
 * (directly, not counting deeper paths). */
struct article_category {
	const char *path;
	int64_t n;
};

/* Who wrote an article and where it stands (the editor's checks). */
struct article_state {
	enum store_article_status status;
	int64_t author_id; /* 0: imported or written by an editor no more */
};

/* A comment with what its pages and the moderation queue show. */
struct comment_info {
	struct comment c;         /* c.hidden is an enum store_comment_state */
	const char *edited_at;    /* NULL: never edited */
	int64_t reports;          /* open reports */
	const char *target_title; /* the Q&A's or the article's title */
	const char *target_slug;  /* articles: their slug; else NULL */
	int by_doctor;            /* written by a verified doctor */
};

/* An entry of a sitemap or a feed of ids: a page's key and its date. */
enum store_map_kind {
	STORE_MAP_QA = 1, /* published Q&As whose askers consented */
	STORE_MAP_FAQ,
	STORE_MAP_ARTICLE, /* published articles */
	STORE_MAP_DEPARTMENT,
	STORE_MAP_TOPIC,
	STORE_MAP_DOCTOR, /* verified doctors of enabled accounts */
};
struct store_map_entry {
	int64_t id;
	const char *slug;    /* departments, topics and articles; else NULL */
	const char *lastmod; /* ISO 8601 or NULL */
};

/* The public profile of doctor user_id: STORE_NOTFOUND unless the user
 * is an enabled doctor with a verified profile. */
int store_doctor_profile(struct store *st, struct arena *a, int64_t user_id,
                         struct doctor_profile *out);
/* Verified doctors of enabled accounts, by name: of one department
 * (department_id > 0) or all (0); offset/limit page the list. */
int store_doctor_list(struct store *st, struct arena *a, int64_t department_id,
                      size_t offset, size_t limit, struct doctor_profile **out,
                      size_t *n);
/* Change what a doctor writes about themselves: bio and default
 * sign-off (NULL or "" clears). STORE_NOTFOUND when user_id has no
 * profile. Verification, title, hospital and department stay. */
int store_doctor_set_about(struct store *st, int64_t user_id, const char *bio,
                           const char *signoff);
/* Set doctor user_id's photo (type is the sniffed media type; data is
 * copied), or remove it (data NULL). STORE_NOTFOUND when the user has no
 * doctor profile; STORE_INVALID for an empty photo or no type. */
int store_doctor_photo_set(struct store *st, int64_t user_id, const char *type,
                           const void *data, size_t len);
/* The photo of doctor user_id, its bytes in the arena; STORE_NOTFOUND
 * when there is none. */
int store_doctor_photo_get(struct store *st, struct arena *a, int64_t user_id,
                           struct doctor_photo *out);

/* Add a department called name (slug made from it, unique). Returns
 * STORE_CONFLICT when the name is taken, STORE_INVALID when empty. */
int store_department_create(struct store *st, const char *name,
                            const char *description, int64_t *id);
/* Rename department id and set its description (NULL or "" clears). When
 * the name changes the slug follows it and the old slug is kept as a
 * redirect; its Q&As and articles get changelog rows (their department
 * name is in the search index). STORE_NOTFOUND, STORE_CONFLICT (name
 * taken), STORE_INVALID (empty name). */
int store_department_update(struct store *st, int64_t id, const char *name,
                            const char *description);
/* Add topic name to department_id (0: none). STORE_CONFLICT when that
 * department already has a topic of that name. */
int store_topic_create(struct store *st, const char *name,
                       int64_t department_id, int64_t *id);
/* Rename topic id and/or move it to department_id (0: none); a new name
 * gives a new slug and keeps the old one as a redirect. Changelog rows
 * for its Q&As, articles and the topic. */
int store_topic_update(struct store *st, int64_t id, const char *name,
                       int64_t department_id);
/* Merge topic from into topic into: its Q&As, articles and library
 * entries move over, its name and synonyms become synonyms of into, its
 * slug (and the slugs that redirected to it) redirect to into, and it is
 * deleted. STORE_INVALID when from == into; STORE_NOTFOUND for either. */
int store_topic_merge(struct store *st, int64_t from, int64_t into);
/* The current slug of what old_slug named before a rename or merge, in
 * the arena; STORE_NOTFOUND when old_slug never redirected. */
int store_slug_redirect(struct store *st, struct arena *a,
                        enum store_slug_kind kind, const char *old_slug,
                        const char **slug);

/* Library entries of a topic (topic_id > 0) or of a department
 * (department_id > 0, topic_id 0), by title. */
int store_faq_list(struct store *st, struct arena *a, int64_t topic_id,
                   int64_t department_id, size_t offset, size_t limit,
                   struct faq_item **out, size_t *n);
/* How many published Q&As store_qa_by_topic (topic_id > 0),
 * store_qa_by_doctor (doctor_id > 0) or store_qa_latest (department_id,
 * 0 for all) would list; the first non-zero id decides. */
int store_qa_count(struct store *st, int64_t topic_id, int64_t doctor_id,
                   int64_t department_id, int64_t *n);

/* Published articles, newest first: all (category NULL) or those whose
 * category is category or lies under it ("More > Health" holds "More >
 * Health > Recovery"). With author_id > 0: that author's articles in any
 * status (their own list). */
int store_article_list(struct store *st, struct arena *a, const char *category,
                       int64_t author_id, size_t offset, size_t limit,
                       struct article_item **out, size_t *n);
/* The category paths of published articles, by path. */
int store_article_categories(struct store *st, struct arena *a,
                             struct article_category **out, size_t *n);
/* Status and author of article id. STORE_NOTFOUND for an unknown id. */
int store_article_state(struct store *st, int64_t id,
                        struct article_state *out);
/* Write an article from the editor: ar->id 0 creates one (slug made
 * unique from ar->slug, else the title) by author_id; otherwise ar->id's
 * title, summary, body (Markdown), category and department_id are
 * replaced (its slug stays). status is set; publishing the first time
 * sets published_at, every save updated_at. Changelog row when it is or
 * was published. *id (may be NULL) gets the id. STORE_INVALID for an
 * empty title or body, STORE_NOTFOUND for an unknown id. */
int store_article_save(struct store *st, const struct article *ar,
                       int64_t author_id, enum store_article_status status,
                       int64_t *id);

/* One comment with its details. STORE_NOTFOUND for an unknown id. */
int store_comment_get(struct store *st, struct arena *a, int64_t id,
                      struct comment_info *out);
/* The comments of a target, oldest first: visible ones, plus (with
 * user_id > 0) that user's own held ones, plus (all != 0, moderators)
 * every hidden or held one. */
int store_comment_thread(struct store *st, struct arena *a,
                         enum store_kind target_kind, int64_t target_id,
                         int64_t user_id, int all, struct comment_info **out,
                         size_t *n);
/* Comments user_id wrote since (ISO 8601 UTC), for rate limits. */
int store_comment_count_since(struct store *st, int64_t user_id,
                              const char *since, int64_t *n);
/* Replace comment id's body; edited_at becomes now; held (state) when
 * the spam controls say so. STORE_NOTFOUND, STORE_INVALID (empty). */
int store_comment_edit(struct store *st, int64_t id, const char *body,
                       const char *lang, enum store_comment_state state);
/* Delete comment id and its reports. STORE_NOTFOUND for an unknown id. */
int store_comment_delete(struct store *st, int64_t id);
/* A moderator's decision: show, hide or hold comment id; its open
 * reports are closed. STORE_NOTFOUND for an unknown id. */
int store_comment_set_state(struct store *st, int64_t id,
                            enum store_comment_state state);
/* Report comment id for reporter (a key such as "u:12" or a hashed
 * address; one report per reporter) with an optional short reason.
 * STORE_CONFLICT when this reporter reported it already. */
int store_comment_report(struct store *st, int64_t id, const char *reporter,
                         const char *reason);
/* The moderation queue: held comments and visible ones with open
 * reports, most reported first, then oldest first. */
/* The reasons given in comment id's open reports, oldest first (reports
 * without a reason left out). */
int store_comment_reasons(struct store *st, struct arena *a, int64_t id,
                          const char ***out, size_t *n);

/* A privacy request or a report about a Q&A (issue 11), open until a
 * moderator acts on it. */
struct qa_request {
	int64_t id;
	int64_t question_id;
	const char *kind; /* "remove_details", "unpublish" or "report" */
	const char *note; /* the asker's note or the reader's reason; NULL */
	const char *created_at;
	const char *title; /* the question's title */
};
/* Add an open request of kind about question_id from requester ("asker",
 * "u:<id>", "a:<hash>"). When that requester has one open already, its
 * note is replaced and STORE_CONFLICT returned: requests never pile up.
 * STORE_NOTFOUND for an unknown question, STORE_INVALID for a bad kind. */
int store_qa_request_add(struct store *st, int64_t question_id,
                         const char *kind, const char *requester,
                         const char *note);
/* Open requests, oldest first: of question_id, or (0) of every question. */
int store_qa_request_list(struct store *st, struct arena *a,
                          int64_t question_id, struct qa_request **out,
                          size_t *n);
/* Close request id (id > 0; STORE_NOTFOUND unless it is open), or every
 * open request of kind on question_id (id 0; none is fine), recording
 * moderator `by` and the resolution ("unpublished", "edited",
 * "dismissed"). */
int store_qa_request_close(struct store *st, int64_t id, int64_t question_id,
                           const char *kind, int64_t by,
                           const char *resolution);
/* ---- intake forms and answers (issue 17): store/intake.c ---- */

/* A department's intake form: its definition as JSON (web/intake.c). */
struct store_intake_form {
	int64_t department_id;
	const char *definition;
	const char *updated_at;
};

/* The form of department_id; STORE_NOTFOUND when it has none. */
int store_intake_form_get(struct store *st, struct arena *a,
                          int64_t department_id, struct store_intake_form *out);
/* Every department's form, by department id. */
int store_intake_form_list(struct store *st, struct arena *a,
                           struct store_intake_form **out, size_t *n);
/* Set the form of department_id (NULL or "" removes it). STORE_NOTFOUND
 * for an unknown department. */
int store_intake_form_set(struct store *st, int64_t department_id,
                          const char *definition);
/* Keep the asker's answers with question_id (JSON; NULL or "" removes
 * them). Private: they go with the question's personal data. */
int store_question_intake_set(struct store *st, int64_t question_id,
                              const char *data);
/* The answers kept with question_id in *out; STORE_NOTFOUND when none. */
int store_question_intake_get(struct store *st, struct arena *a,
                              int64_t question_id, const char **out);

/* Replace the title and text of published or unpublished question id (a
 * moderator removing personal details), forgetting the asker's original
 * words, with a changelog row. STORE_CONFLICT for another status,
 * STORE_INVALID for an empty title or text. */
int store_question_edit_text(struct store *st, int64_t id, const char *title,
                             const char *text);

int store_comment_queue(struct store *st, struct arena *a, size_t offset,
                        size_t limit, struct comment_info **out, size_t *n);

/* The highest id of kind's rows (0: none): sitemaps are cut in id
 * ranges, so each page costs one index range scan at any size. */
int store_map_max_id(struct store *st, enum store_map_kind kind, int64_t *max);
/* Public entries of kind with lo <= id <= hi, by id. */
int store_map_range(struct store *st, struct arena *a, enum store_map_kind kind,
                    int64_t lo, int64_t hi, struct store_map_entry **out,
                    size_t *n);

/* ---- More Info (issue 6): store/sqlite_moreinfo.c ---- */

/* A More Info's review state: a draft the editor made, or approved by a
 * doctor with the reply (what the published page shows). */
enum store_mi_status {
	STORE_MI_DRAFT = 0,
	STORE_MI_APPROVED,
};

/* The More Info kept with a question. The store does not read json: it is
 * the web layer's (moreinfo/render.h's JSON form, or a doctor's own
 * text); the other fields say where it came from. */
struct store_moreinfo {
	int64_t question_id;
	const char *json;     /* never NULL or empty */
	int machine_assisted; /* drafted by a language model */
	enum store_mi_status status;
	int64_t approved_by;      /* users.id of the approver, 0 for none */
	const char *approver;     /* that user's name (read only), or NULL */
	const char *approved_at;  /* NULL while a draft */
	int edited;               /* the doctor removed or wrote sentences */
	const char *generated_at; /* when the draft was made (default now) */
};

/* The More Info of question_id, strings in the arena. STORE_NOTFOUND when
 * none is kept. */
int store_moreinfo_get(struct store *st, struct arena *a, int64_t question_id,
                       struct store_moreinfo *out);
/* Keep mi->json (with machine_assisted, edited, generated_at) as the
 * draft of mi->question_id, replacing what was kept (an approved one
 * becomes a draft again: approve it in the same transaction to publish).
 * No changelog row (a draft is not published content). STORE_NOTFOUND
 * for an unknown question, STORE_INVALID for an empty json. */
int store_moreinfo_set(struct store *st, const struct store_moreinfo *mi);
/* Approve the More Info of question_id by user approved_by (a users.id)
 * now, with a changelog row for the question (its page changes). Call it
 * in the transaction that publishes the reply. STORE_NOTFOUND when the
 * question has no More Info, STORE_INVALID when approved_by is 0. */
int store_moreinfo_approve(struct store *st, int64_t question_id,
                           int64_t approved_by);

#endif
