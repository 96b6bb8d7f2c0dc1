/* web/articles.h: doctors' articles: lists, categories, the editor
 * (web/articles.c). */
#ifndef ASKDOC_WEB_ARTICLES_H
#define ASKDOC_WEB_ARTICLES_H

struct http_request;

int page_article(struct http_request *req);
/* Articles (web/articles.c). */
int page_articles(struct http_request *req);         /* GET /articles */
int page_article_category(struct http_request *req); /* /articles/in/... */
int page_article_write(struct http_request *req);    /* GET /write[/:id] */
int page_article_write_post(struct http_request *req);
int page_my_articles(struct http_request *req); /* GET /my/articles */
/* An article category path ("More > Health") in the reader's language:
 * the whole path (whole 1, parts joined by " > ") or its last part; a
 * part without a name in the language is shown as stored. */
const char *web_category_name(struct http_request *req, const char *path,
                              int whole);
/* Every article category in use (parents included) with its slug path,
 * in arena arrays; returns how many. */
size_t web_article_categories(struct http_request *req, const char ***paths,
                              const char ***slugs);

#endif
