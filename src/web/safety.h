/* web/safety.h: emergency notices and personal-data removal (web/safety.c). */
#ifndef ASKDOC_WEB_SAFETY_H
#define ASKDOC_WEB_SAFETY_H

struct http_request;
struct question;
struct tval;

/* POST /api/redflags (text=...): {"emergency": bool, "categories": [...]} */
int page_api_redflags(struct http_request *req);
/* The emergency notice values for text ({categories: [{KEY: true}]}), or
 * NULL when the text describes no emergency. */
struct tval *web_redflags(struct http_request *req, const char *text);
/* The live notice's values on the ask form: every category key true and
 * "why_hidden" true, so that each category's sentence is rendered hidden
 * for site.js to reveal. Never NULL (allocated in the request arena). */
struct tval *web_redflags_live(struct http_request *req);
/* Remove personal data from a question about to be stored: title and
 * text become the redacted words and original_title / original_text keep
 * the asker's own (both stay NULL when nothing was found). Returns 0 or a
 * negative code. */
int web_redact_question(struct http_request *req, struct question *q);

#endif
