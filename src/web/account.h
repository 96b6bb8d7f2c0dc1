/* web/account.h: accounts: logging in, registration, doctor applications and
 * the user's own area (web/account.c, web/mydata.c). */
#ifndef ASKDOC_WEB_ACCOUNT_H
#define ASKDOC_WEB_ACCOUNT_H

struct http_request;

/* GET and POST /login, POST /logout, GET and POST /register, GET and
 * POST /doctor/apply (account.c). */
int page_login(struct http_request *req);
int page_login_post(struct http_request *req);
int page_logout_post(struct http_request *req);
int page_register(struct http_request *req);
int page_register_post(struct http_request *req);
int page_doctor_apply(struct http_request *req);
int page_doctor_apply_post(struct http_request *req);
/* The signed-in user's own area: GET /account (account.c),
 * POST /account/data (the data download, mydata.c), GET and POST
 * /account/delete (account.c). */
int page_account(struct http_request *req);
int page_account_data(struct http_request *req);
int page_account_password(struct http_request *req);
int page_account_password_post(struct http_request *req);
int page_account_sessions_end(struct http_request *req);
int page_account_delete(struct http_request *req);
int page_account_delete_post(struct http_request *req);

#endif
