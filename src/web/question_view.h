/* web/question_view.h: a question as the pages show it (the asker line,
 * answers, topics, status, follow-up links), shared by the Q&A page, the
 * asker's status page, the reply editor and moderation. */
#ifndef ASKDOC_WEB_QUESTION_VIEW_H
#define ASKDOC_WEB_QUESTION_VIEW_H

#include <stddef.h>
#include <stdint.h>

struct answer;
struct arena;
struct http_request;
struct question;
struct topic;
struct tval;

/* The asker line's values (nickname, sep, age, female/male/other) of q,
 * or NULL when q says nothing about its asker. */
struct tval *web_asker_value(struct http_request *req,
                             const struct question *q);
/* q's answers as a list: id, author, is_doctor, doctor_url (verified
 * doctors), department ("" when none), body_html (safe Markdown),
 * signoff (the answer's, else the doctor's default), hospital, date,
 * edited. */
struct tval *web_answers_value(struct http_request *req,
                               const struct question *q);
/* Topics as a list of {name, slug, department?}. */
struct tval *web_topics_value(struct arena *a, const struct topic *t, size_t n);
/* Set "status" (its name) and "st_<name>" (true) in map m for a
 * question status (enum store_qstatus). */
void web_status_flags(struct tval *m, int status);
/* The question as page values: id, title, question (paragraphs), asker
 * (nickname, age, female/male/other), asked_date, department, urgent,
 * consent, status flags, answers (with body_html from safe Markdown),
 * has_answers, topics. Never the notification e-mail. */
struct tval *web_question_value(struct http_request *req,
                                const struct question *q);
/* Who sees the links between a question and its follow-ups. */
enum web_link_mode {
	WEB_LINK_PUBLIC,  /* the published page: published questions only */
	WEB_LINK_TOKEN,   /* the asker by status link: all, public links */
	WEB_LINK_ACCOUNT, /* the signed-in asker: their own by account */
	WEB_LINK_STAFF,   /* doctors and moderators: their workspace */
};
/* Add "follow_up_of" {title, url?} and "followups" [{title, url?, date,
 * status}] / "has_followups" for q to map m, as mode allows. Returns 0 or
 * a STORE_* code. */
int web_followups_value(struct http_request *req, const struct question *q,
                        enum web_link_mode mode, int64_t user_id,
                        struct tval *m);
/* Start a private page about q (web_private_page) with q's values and
 * its follow-up links as mode allows for the signed-in user, if any.
 * Returns 0 with *ctx (the page) and *qv (q's values, not yet in the
 * page), or a STORE_* code. */
int web_question_page(struct http_request *req, const struct question *q,
                      enum web_link_mode mode, struct tval **ctx,
                      struct tval **qv);
/* The question of the request's :id into *q, whatever its status (the
 * page decides who may see what): 0; 1 after a 404 for a malformed or
 * unknown id; or a STORE_* code. */
int web_question_load(struct http_request *req, struct question *q);
/* "/doctor/<id>" when doctor_id has a verified profile; else NULL (the
 * name is then shown plain). */
const char *web_doctor_url(struct http_request *req, int64_t doctor_id);
/* The same for the doctor of an answer read with its question, without
 * reading the profile again. */
const char *web_answer_doctor_url(struct http_request *req,
                                  const struct answer *an);

#endif
