/* web/reply.h: the doctor's workspace: the queue of waiting questions and the
 * reply editor (web/reply.c). */
#ifndef ASKDOC_WEB_REPLY_H
#define ASKDOC_WEB_REPLY_H

struct http_request;

int page_doctor_queue(struct http_request *req); /* GET /doctor/queue */
/* GET and POST /doctor/question/:id: the question and the reply editor */
int page_doctor_question(struct http_request *req);
int page_doctor_question_post(struct http_request *req);
/* GET and POST /doctor/answer/:id/edit */
int page_doctor_answer_edit(struct http_request *req);
int page_doctor_answer_edit_post(struct http_request *req);
/* POST /doctor/preview (body=...): the reply's Markdown as the page
 * shows it, an HTML fragment, for the editor's live preview */
int page_doctor_preview(struct http_request *req);

#endif
