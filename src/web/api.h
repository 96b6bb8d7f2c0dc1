/* web/api.h: the JSON read API (web/api.c; docs/openapi.yaml). */
#ifndef ASKDOC_WEB_API_H
#define ASKDOC_WEB_API_H

struct http_request;

/* The JSON read API (web/api.c; docs/openapi.yaml). */
int page_api_qas(struct http_request *req);
int page_api_qa(struct http_request *req);
int page_api_articles(struct http_request *req);
int page_api_article(struct http_request *req);
int page_api_departments(struct http_request *req);
int page_api_department(struct http_request *req);
int page_api_topics(struct http_request *req);
int page_api_topic(struct http_request *req);
int page_api_doctors(struct http_request *req);
int page_api_doctor(struct http_request *req);

#endif
