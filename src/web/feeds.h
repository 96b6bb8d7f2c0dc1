/* web/feeds.h: feeds, sitemaps and robots.txt (web/feeds.c). */
#ifndef ASKDOC_WEB_FEEDS_H
#define ASKDOC_WEB_FEEDS_H

struct http_request;

/* Feeds, sitemaps, robots.txt (web/feeds.c). */
int page_feed(struct http_request *req);
int page_sitemap_index(struct http_request *req);
int page_sitemap(struct http_request *req);
int page_robots(struct http_request *req);

#endif
