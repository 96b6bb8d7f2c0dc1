/* web/locale.h: the language of each request, and what pages get of it.
 *
 * The reader's language is chosen in this order: an explicit choice from
 * the switcher on every page (POST /language, kept in the "lang" cookie),
 * ?lang= in a link, the browser's Accept-Language, the site default
 * (i18n/i18n.h). The before-hook picks it once per request and keeps it
 * as the current thread's language, which web_msg, the page cache's keys
 * and web_page read: a request runs on one thread from its hook to its
 * response, so no handler has to pass the language along.
 */
#ifndef ASKDOC_WEB_LOCALE_H
#define ASKDOC_WEB_LOCALE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct http_request;
struct i18n_arg;
struct arena;
struct tval;
struct web;

/* The server's before-hook: pick the request's language, then run
 * auth_before. */
int web_before(struct http_request *req);
/* Pick the request's language (as web_before does) and return its index
 * in the site's languages. */
int web_lang_pick(struct http_request *req);
/* The current thread's language index (-1 before any pick). */
int web_lang(void);
/* Its tag ("zh-TW"); the default's before any pick. */
const char *web_lang_tag(const struct web *w);
/* Make lang (an index, e.g. the language a question was asked in, for
 * its e-mails) the current one; returns the one before. */
int web_lang_set(int lang);

/* The page values of the language: "lang" (tag), "t" (the catalog),
 * "languages" [{tag, name, url, current, default}] for the switcher and
 * the hreflang alternates, "back" (this path, for the switcher); and the
 * canonical URL of the page in this language. web_page calls it. */
void web_locale_page(struct http_request *req, struct tval *ctx);

/* A sitemap <url>'s xhtml:link alternates for path (already
 * URL-encoded), one per language; nothing for a one-language site. */
struct buf;
void web_sitemap_alternates(struct http_request *req, struct buf *b,
                            const char *path);

/* Departments and topics in the reader's language: the name of the
 * department (kind STORE_KIND_DEPARTMENT) or topic (STORE_KIND_TOPIC)
 * with slug in the current language, or name (as stored) when it has
 * none there. The names are read once per request. */
const char *web_name(struct http_request *req, int kind, const char *slug,
                     const char *name);
/* For staff pages: the name in the current language followed by the
 * name as stored, "Tim mạch (Cardiology)", or name alone when the
 * language has none of its own. */
const char *web_name_base(struct http_request *req, int kind, const char *slug,
                          const char *name);
/* The same, in place, for the names of arrays and a question (its
 * department and topics) read from the store, before they are shown. */
struct department;
struct question;
struct topic;
/* The names were changed: the next request reads them again. */
void web_names_changed(void);
/* The same by the department's or topic's id (for records that carry
 * no slug). */
const char *web_name_id(struct http_request *req, int kind, int64_t id,
                        const char *name);
void web_names_depts(struct http_request *req, struct department *d, size_t n);
void web_names_topics(struct http_request *req, struct topic *t, size_t n);
void web_names_question(struct http_request *req, struct question *q);

/* GET /admin/names, POST /admin/names/:kind/:id (web/names.c). */
int page_admin_names(struct http_request *req);
int page_admin_names_post(struct http_request *req);
int page_admin_category_names_post(struct http_request *req);

/* GET /language?lang=TAG&back=/path, the switcher's links: remember the
 * choice in the "lang" cookie and go back (303). A link, not a form, so
 * that cached pages can carry it (no per-visitor token); all it can change
 * is the visitor's own language. */
int page_language(struct http_request *req);

/* The catalog text of key formatted with number n as argument "n" (ICU:
 * plurals, digit grouping) in the current language, in the arena. */
const char *web_msg_count(struct http_request *req, const char *key,
                          long long n);
/* The catalog text of key formatted with args[0..n) in the current
 * language, in the arena. */
struct i18n_arg;
const char *web_msg_args(struct http_request *req, const char *key,
                         const struct i18n_arg *args, size_t n);
/* An ISO 8601 date or date-time as the current language's "date_pattern"
 * in the site's time zone ("2006/08/25"); iso itself when it is not a
 * date, "" for NULL. */
const char *web_date(struct http_request *req, const char *iso);

/* The same in ICU's long date format of the current language
 * ("December 7, 2026", "2026年12月7日"), for a date in a sentence. */
const char *web_date_long(struct http_request *req, const char *iso);
/* The catalog text of key with the date iso as argument "date" (formatted
 * as web_date does): "Ask Date: 2006/08/25". */
const char *web_msg_date(struct http_request *req, const char *key,
                         const char *iso);
/* The catalog text of key with arguments name (a department's or
 * topic's) and count (a number): "Doctors of {name}". */
const char *web_msg_name(struct http_request *req, const char *key,
                         const char *name, long long count);
/* The catalog text of key formatted with args (i18n_format) in the
 * current language, in the request's arena: plain text, for {{x}}. */
const char *web_msgf(struct http_request *req, const char *key,
                     const struct i18n_arg *args, size_t n);
/* The same as HTML for {{{x}}}: the catalog's words escaped, and each
 * string argument put in as it is (HTML the caller made safe, such as a
 * web_html_link), so that a sentence holding a link is one message whose
 * word order each language chooses. At most 8 arguments. */
const char *web_msg_html(struct http_request *req, const char *key,
                         const struct i18n_arg *args, size_t n);
/* text escaped for HTML, in arena a. */
const char *web_html_escape(struct arena *a, const char *text);
/* <a href="href">text</a>, both escaped, in arena a. */
const char *web_html_link(struct arena *a, const char *href, const char *text);
/* The asker line of q in the current language, from the catalog's
 * "asker_line" (arguments nick, sep yes/no, age or "none", sex female,
 * male, unstated or none): "winnie, 30~39 year old female. ",
 * "30~39歲女性。". */
const char *web_asker_line(struct http_request *req, const struct question *q);
/* "?lang=TAG" for the current language when it is not the site's
 * default, else "": what a link to a feed adds so that a feed reader
 * gets the language of the page it was found on. */
const char *web_lang_query(struct http_request *req);
/* The current language's tag when it came from ?lang= in the request's
 * URL or the "lang" field of a form and the cookie or Accept-Language
 * alone would have chosen another; else NULL. Such a request cannot
 * come from the page cache (its query makes it uncacheable). */
const char *web_lang_kept(const struct web *w);
/* url (a path on this site) with "lang=TAG" added to its query when
 * web_lang_kept says so and url names none; url itself otherwise. */
const char *web_url_lang(struct http_request *req, const char *url);
/* http_redirect to web_url_lang(location): after a form or a link that
 * chose the language, the next page speaks it too. */
int web_redirect(struct http_request *req, int status, const char *location);
/* The language tag of content written in language (a question's, an
 * article's) when it differs from the page's, for a lang attribute on
 * its element; NULL when it is the page's or not known. */
const char *web_content_lang(const struct web *w, const char *language);
/* Set m's "lang" to web_content_lang's answer, or to null: always set,
 * because a list item without one would take the page's through the
 * context stack. */
void web_set_content_lang(struct tval *m, const struct web *w,
                          const char *language);
/* The index of the language question id was asked in (its e-mails speak
 * it), or the current language when it is not one of the site's. */
int web_question_lang(struct http_request *req, int64_t id);

#endif
