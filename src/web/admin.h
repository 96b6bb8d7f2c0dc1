/* web/admin.h: the admin pages: doctors, users, the audit log, departments and
 * topics (web/admin.c, web/audit.c, web/taxonomy.c). */
#ifndef ASKDOC_WEB_ADMIN_H
#define ASKDOC_WEB_ADMIN_H

#include <stdint.h>

struct http_request;

/* GET /admin, /admin/doctors, /admin/users; POST
 * /admin/doctors/:id/verify|reject and /admin/users/:id/role|disable|enable
 * (admin.c). */
int page_admin(struct http_request *req);
int page_admin_doctors(struct http_request *req);
int page_admin_doctor_verify(struct http_request *req);
int page_admin_doctor_reject(struct http_request *req);
int page_admin_doctor_edit(struct http_request *req);
int page_admin_doctor_edit_post(struct http_request *req);
int page_admin_users(struct http_request *req);
int page_admin_user_role(struct http_request *req);
int page_admin_user_disable(struct http_request *req);
int page_admin_user_enable(struct http_request *req);
/* GET /admin/audit: the audit log for admins (audit.c). */
int page_admin_audit(struct http_request *req);
/* End a moderator's or admin's action begun with store_tx_begin: when rc
 * (the action's result) is 0, write its audit row (by the signed-in user;
 * target_kind an enum store_kind, detail NULL or a short note without
 * patient data) and commit; otherwise, or when the row cannot be written,
 * roll back. Returns 0 or the first failure (a STORE_* code). */
int web_audit_end(struct http_request *req, int rc, const char *action,
                  int target_kind, int64_t target_id, const char *detail);
/* Run a moderator's or admin's action, work(st, arg) (store_tx_run's
 * work), and its audit row (as web_audit_end) in one transaction, run
 * again when the engine undid it (a serialization failure or deadlock).
 * Returns 0 or work's or the store's failure. */
struct store;
int web_audit_run(struct http_request *req,
                  int (*work)(struct store *st, void *arg), void *arg,
                  const char *action, int target_kind, int64_t target_id,
                  const char *detail);
/* Admin: departments and topics (web/taxonomy.c). */
int page_admin_taxonomy(struct http_request *req);
int page_admin_department_create(struct http_request *req);
int page_admin_department_update(struct http_request *req);
int page_admin_topic_create(struct http_request *req);
int page_admin_topic_update(struct http_request *req);
int page_admin_topic_merge(struct http_request *req);

#endif
