/* web/notify.h: mail to askers about their questions (web/notify.c). */
#ifndef ASKDOC_WEB_NOTIFY_H
#define ASKDOC_WEB_NOTIFY_H

#include <stdint.h>

struct http_request;
struct tval;

/* Render the mail template name (first line: the subject; then a blank
 * line; then the body) with ctx. Returns 0 with both in the arena, or a
 * negative code. */
int web_mail_text(struct http_request *req, const char *name, struct tval *ctx,
                  const char **subject, const char **body);
/* Queue mail template_name to `to` about question_id with its status
 * link: token, or a fresh one added to the question when NULL. Nothing
 * (returns 0) when mail is off or to is NULL/empty. Joins the caller's
 * transaction. Returns 0 or a STORE_* code. */
int web_notify(struct http_request *req, const char *template_name,
               int64_t question_id, const char *to, const char *token);

#endif
