/* web/home.h: the home page and browsing by department and topic (web/home.c).
 */
#ifndef ASKDOC_WEB_HOME_H
#define ASKDOC_WEB_HOME_H

struct http_request;

/* Page functions (one file per family). */
int page_home(struct http_request *req);
int page_departments(struct http_request *req);
int page_department(struct http_request *req);
int page_topic(struct http_request *req);

#endif
