/* web/comments.h: comments on Q&As and articles, and their moderation
 * (web/comments.c). */
#ifndef ASKDOC_WEB_COMMENTS_H
#define ASKDOC_WEB_COMMENTS_H

#include <stdint.h>

struct http_request;
struct tval;

/* Put the comments of a Q&A or an article into page values ("comments":
 * list, count, the form or the "login required" notice) as
 * templates/comments.mustache reads them. Returns 0 or a STORE_* code. */
int web_comments_value(struct http_request *req, int kind /* store_kind */,
                       int64_t id, const char *base_path, struct tval *ctx);
/* Comments (web/comments.c). */
int page_comment_post(struct http_request *req); /* POST .../comments */
int page_comment_edit(struct http_request *req); /* GET, POST */
int page_comment_edit_post(struct http_request *req);
int page_comment_delete(struct http_request *req);
int page_comment_report(struct http_request *req);
int page_moderate_comments(struct http_request *req);
int page_moderate_comment(struct http_request *req);

#endif
