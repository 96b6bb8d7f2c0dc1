/* web/password_reset.h: "Forgot password?": a reset link by e-mail. */
#ifndef ASKDOC_WEB_PASSWORD_RESET_H
#define ASKDOC_WEB_PASSWORD_RESET_H

struct http_request;

/* GET and POST /password/forgot: ask for a link (404 without SMTP). */
int page_password_forgot(struct http_request *req);
int page_password_forgot_post(struct http_request *req);
/* GET and POST /password/reset/:token: set a new password with it. */
int page_password_reset(struct http_request *req);
int page_password_reset_post(struct http_request *req);

#endif
