/* web/content.h: what the content and discovery pages share:
 * paging, Q&A lists, share links, breadcrumbs, schema.org JSON-LD and
 * JSON responses. Private to src/web/.
 *
 * Breadcrumbs are built once and give both the visible trail
 * (templates/crumbs.mustache) and the BreadcrumbList of the page's
 * JSON-LD, so the two can never disagree. JSON-LD text is escaped for a
 * <script> element (no '<', '>' or '&' appear in it), so no content can
 * close the element early.
 */
#ifndef ASKDOC_WEB_CONTENT_H
#define ASKDOC_WEB_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct arena;
struct http_request;
struct qa_item;
struct tval;

/* Lines per list page, and the deepest page served (deeper pages cost
 * an ever longer scan and no reader goes there). */
#define CONTENT_PER_PAGE 20
#define CONTENT_MAX_PAGE 5000

/* Where a list page is. */
struct content_pager {
	int64_t page;  /* 1-based */
	size_t per;    /* lines per page */
	size_t offset; /* lines skipped */
};

/* Read ?page=N into p. Returns 0, or WEB_EBADPAGE for a malformed, zero
 * or too deep page number (the page answers 404). */
int content_pager_read(struct http_request *req, size_t per,
                       struct content_pager *p);
/* Put "pager" {page, pages, prev, next} (URLs of this path) into ctx
 * when total lines need more than one page. Returns 0, or WEB_ENOPAGE
 * when p's page lies beyond the last one (404). */
int content_pager_set(struct http_request *req, struct tval *ctx,
                      const struct content_pager *p, int64_t total);

/* A short Q&A list for templates (the home page's): id, title, lang,
 * date, doctor; no statement runs. */
struct tval *content_qa_lines(struct http_request *req,
                              const struct qa_item *items, size_t n);
/* A Q&A list for templates: the lines' fields and excerpt, department
 * {name, slug}, doctor_url (when the doctor has a page). */
struct tval *content_qa_items(struct http_request *req,
                              const struct qa_item *items, size_t n);
/* The doctors of a list (department pages, /doctors) as page values
 * (web/profiles.c): id, name, url, title, hospital, department, bio,
 * photo_url, answers. */
struct doctor_profile;
struct tval *web_doctor_list_value(struct http_request *req,
                                   const struct doctor_profile *d, size_t n);
/* The "share" values templates/share.mustache reads, for this page. */
void content_share(struct http_request *req, struct tval *ctx,
                   const char *title);
/* The absolute URL of a site path, in the arena. */
const char *content_url(struct http_request *req, const char *path);
/* "paragraphs": a list of the blank-line separated paragraphs of s. */
struct tval *content_paragraphs(struct arena *a, const char *s);
/* The W3C date-time of an ISO 8601 date or date-time ("2024-02-13" gives
 * "2024-02-13T00:00:00Z"), in the arena; NULL for NULL or junk. */
const char *content_datetime(struct arena *a, const char *iso);
/* s percent-encoded for a URL path segment or query value. */
char *content_url_enc(struct arena *a, const char *s);

/* A breadcrumb trail: Home first. */
struct content_crumbs {
	struct tval *list; /* {name, url?, first} for crumbs.mustache */
	json_t *items;     /* the BreadcrumbList's ListItems */
};
void content_crumbs_init(struct http_request *req, struct content_crumbs *c);
/* Append a crumb; path NULL marks the current page (shown unlinked). */
void content_crumb(struct http_request *req, struct content_crumbs *c,
                   const char *name, const char *path);
/* Put "crumbs" into ctx and return the BreadcrumbList (a new reference
 * the caller adds to a graph, or decrefs). */
json_t *content_crumbs_done(struct http_request *req, struct content_crumbs *c,
                            struct tval *ctx);

/* Set the page's JSON-LD ("jsonld") to the objects of graph (a JSON
 * array whose reference this takes), with the schema.org @context. */
void content_jsonld(struct http_request *req, struct tval *ctx, json_t *graph);
/* The dump of j with '<', '>' and '&' escaped as \u003c, \u003e and
 * \u0026, in the arena: safe inside a <script> element. */
char *content_json_script(struct arena *a, const json_t *j);
/* A JSON string value of s ("" for NULL); never NULL. */
json_t *content_jstr(const char *s);

/* Respond with j (a reference this takes) as application/json. */
int content_json(struct http_request *req, int status, json_t *j);
/* Respond with {"error": message} as JSON. */
int content_json_error(struct http_request *req, int status,
                       const char *message);

/* Image sniffing (web/image.c) for uploaded photos. */
struct content_image {
	const char *type; /* "image/png", "image/jpeg", "image/webp" */
	unsigned width, height;
};
/* Identify the n bytes at p by their content (never by what the client
 * said): PNG, JPEG or WebP with a readable header giving the size.
 * Returns 0 and fills *out, or WEB_EIMAGE for anything else (including a
 * truncated or inconsistent header). */
int content_image_sniff(const unsigned char *p, size_t n,
                        struct content_image *out);
/* Copy the image at p (as sniffed) without the metadata a camera leaves
 * (PNG text, eXIf, tIME and iCCP chunks; JPEG APP1-APP15 and comment
 * segments; WebP EXIF, XMP and ICCP chunks, with their VP8X flags
 * cleared: GPS positions, device names, editing software). Returns the
 * new length of the copy at *out (in the arena; never longer than n);
 * the image data itself is untouched. */
size_t content_image_strip(struct arena *a, const unsigned char *p, size_t n,
                           const struct content_image *im, unsigned char **out);

struct faq;
struct question;

/* Set a page's site-wide search-engine values (web_page calls it): the
 * default schema.org JSON-LD (the WebSite with its search action) and
 * the Open Graph type. Pages replace them with web_jsonld. */
void web_seo_defaults(struct http_request *req, struct tval *ctx);
/* The schema.org JSON-LD of a published Q&A page (QAPage, Question,
 * Answer, BreadcrumbList) into ctx. */
void web_jsonld_qa(struct http_request *req, struct tval *ctx,
                   const struct question *q);
/* A library entry page's breadcrumbs (Home, its department, its focus
 * topic, the entry), "topic" {name, url, department} and JSON-LD
 * (MedicalWebPage based on its source, BreadcrumbList) into ctx;
 * summary describes the entry. Returns 0 or a STORE_* code. */
int web_library_seo(struct http_request *req, struct tval *ctx,
                    const struct faq *f, const char *summary);

#endif
