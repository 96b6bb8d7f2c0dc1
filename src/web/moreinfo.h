/* web/moreinfo.h: More Info: the reply editor's section and the pages' values
 * (web/moreinfo.c). */
#ifndef ASKDOC_WEB_MOREINFO_H
#define ASKDOC_WEB_MOREINFO_H

struct http_request;
struct moreinfo;
struct question;
struct store_moreinfo;
struct tval;
struct web_form_errors;

/* The More Info section of the reply editor as the form carries it
 * (fields mi_json: the whole draft; mi_keep: the indexes of the sentences
 * kept; mi_own: the doctor's own text; mi_at: when the draft was made). */
struct web_mi_form {
	int present;              /* the form carried a draft (mi_json) */
	struct moreinfo *draft;   /* every sentence of the draft */
	unsigned char *keep;      /* per sentence of draft: 1 kept */
	const char *own;          /* the doctor's own text (Markdown) or "" */
	const char *generated_at; /* when the draft was made */
	const char *note;         /* a catalog key about the draft, or NULL */
};
/* Read the section from the request's form into *f (strings in the
 * arena). An unreadable draft or an own text over LIMIT_MOREINFO_CHARS
 * records an error on field "mi" in fe. */
void web_mi_form_read(struct http_request *req, struct web_mi_form *f,
                      struct web_form_errors *fe);
/* 1 when the doctor has not changed the draft: every sentence kept, no
 * own text, not drafted by a language model (it may then be remade). */
int web_mi_form_untouched(const struct web_mi_form *f);
/* Make a new draft for q into *f: the extract from the library for the
 * title, question and reply (may be NULL); with use_llm and --llm-url
 * set, rewritten by the language model (waits up to --llm-timeout; falls
 * back to the extract and says so in f->note). Keeps f->own. */
void web_mi_generate(struct http_request *req, const struct question *q,
                     const char *reply, int use_llm, struct web_mi_form *f);
/* The editor's first showing: the More Info kept with q (a draft, or
 * the approved one), else a new extract for q with reply. */
void web_mi_load(struct http_request *req, const struct question *q,
                 const char *reply, struct web_mi_form *f);
/* The section's values for doctor_question.mustache ("mi"). */
struct tval *web_mi_editor_value(struct http_request *req,
                                 const struct web_mi_form *f);
/* The row to keep for f: the kept sentences (JSON form of
 * moreinfo/render.h) or the own text ({"own": ...}). Returns 0 with *out
 * set (question_id is the caller's), or 1 when the form had no section
 * (nothing to keep). */
int web_mi_row(struct http_request *req, const struct web_mi_form *f,
               struct store_moreinfo *out);
/* qa.mustache's "more_info" for published q: the approved one, else an
 * extract made now (kept in the page cache until content changes); NULL
 * when there is none. */
struct tval *web_moreinfo_value(struct http_request *req,
                                const struct question *q);
/* The doctor-approved More Info of q in the same shape, or NULL when
 * there is none (no automatic extract: for the asker's status page). */
struct tval *web_moreinfo_approved(struct http_request *req,
                                   const struct question *q);
/* my_question.mustache's "wait" for waiting q: the closest answered
 * questions and a cited explanation from the library; NULL when there is
 * neither. */
struct tval *web_moreinfo_wait(struct http_request *req,
                               const struct question *q);

#endif
