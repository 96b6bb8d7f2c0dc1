/* web/moderate.h: moderation of questions, and privacy requests and reports
 * about Q&As (web/moderate.c, web/requests.c). */
#ifndef ASKDOC_WEB_MODERATE_H
#define ASKDOC_WEB_MODERATE_H

#include <stdint.h>

struct http_request;
struct tval;

/* GET /moderate/question/:id and its POST actions */
int page_moderate(struct http_request *req);
int page_moderate_reject(struct http_request *req);
int page_moderate_unpublish(struct http_request *req);
int page_moderate_republish(struct http_request *req);
int page_moderate_department(struct http_request *req);
/* POST /moderate/question/:id/edit: replace a published question's title
 * and text (removing personal details), closing such requests. */
int page_moderate_edit(struct http_request *req);
/* Privacy requests and reports about Q&As (web/requests.c):
 * GET and POST /qa/:id/report, GET /moderate/requests, POST
 * /moderate/requests/:id/dismiss. */
int page_qa_report(struct http_request *req);
/* Put "requests" (the open requests and reports about question_id, with
 * kind flags and notes) and "has_requests" into ctx. */
int web_requests_value(struct http_request *req, int64_t question_id,
                       struct tval *ctx);
int page_moderate_requests(struct http_request *req);
int page_moderate_request_dismiss(struct http_request *req);

#endif
