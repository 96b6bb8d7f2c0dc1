/* web/qa.h: the published Q&A page and the library entry page (web/qa.c). */
#ifndef ASKDOC_WEB_QA_H
#define ASKDOC_WEB_QA_H

struct http_request;

int page_qa(struct http_request *req);
int page_faq(struct http_request *req);

#endif
