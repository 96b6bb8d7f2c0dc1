/* web/ask.h: asking: the ask form, the asker's status page and their questions
 * (web/ask.c). */
#ifndef ASKDOC_WEB_ASK_H
#define ASKDOC_WEB_ASK_H

struct http_request;

int page_ask(struct http_request *req);      /* GET /ask */
int page_ask_post(struct http_request *req); /* POST /ask */
/* GET /my/question/:token and GET /my/questions/:id */
int page_my_question(struct http_request *req);
/* POST .../withdraw and .../follow-up under both addresses */
int page_my_withdraw(struct http_request *req);
int page_my_follow_up(struct http_request *req);
/* POST /my/question/:token/request, /my/questions/:id/request: ask the
 * moderators to remove personal details or to unpublish. */
int page_my_request(struct http_request *req);
/* POST /my/question/:token/save: save the question to the account. */
int page_my_save(struct http_request *req);
/* POST .../email under both addresses: the reply-notice address. */
int page_my_email(struct http_request *req);
int page_my_questions(struct http_request *req); /* GET /my/questions */

#endif
