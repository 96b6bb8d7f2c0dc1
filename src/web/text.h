/* web/text.h: text helpers for pages: Markdown to safe HTML, excerpts,
 * paragraphs, dates, slugs. Pure functions over strings; results live in
 * the caller's arena. */
#ifndef ASKDOC_WEB_TEXT_H
#define ASKDOC_WEB_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* Render Markdown to HTML with cmark in safe mode: raw HTML is dropped and
 * javascript:, vbscript:, file: and data: links (but images) are emptied.
 * Returns a string in a (never NULL; NULL input gives ""). */
char *text_markdown(struct arena *a, const char *md);

/* text_markdown for articles: images only from the site itself (a local
 * path; any other shows its description as text), and an image alone in
 * its paragraph with a title, ![description](/path.png "Caption"),
 * becomes <figure> with the title as its <figcaption>. */
char *text_markdown_article(struct arena *a, const char *md);

/* The text of Markdown md without its markup (rendered safely, tags
 * dropped, the five HTML entities decoded): for excerpts. Never NULL. */
char *text_markdown_plain(struct arena *a, const char *md);

/* Return at most max bytes of s, cut at a word boundary where one is near
 * and never inside a UTF-8 sequence, with whitespace runs folded to one
 * space; "..." is appended when anything was cut. */
char *text_excerpt(struct arena *a, const char *s, size_t max);

/* Split s into paragraphs at blank lines (single newlines become spaces);
 * returns the count and sets *out to an arena array of strings. */
size_t text_paragraphs(struct arena *a, const char *s, char ***out);

/* Format an ISO 8601 date or date-time ("2006-08-25...") as "2006/08/25";
 * returns "" for NULL and the input unchanged if it is not a date. */
char *text_date(struct arena *a, const char *iso);

/* Unix seconds t as ISO 8601 UTC ("2026-12-07T05:40:00Z"), in a. */
char *text_iso_time(struct arena *a, int64_t t);

/* Return a URL slug of s: lowercase ASCII letters and digits joined by
 * single '-'; other UTF-8 letters are kept as they are (slugs of Chinese
 * names stay readable). Never empty: "-" if nothing usable remains. */
char *text_slug(struct arena *a, const char *s);

/* A library record's title as readers should see it: the health
 * library's boilerplate "What is (are) Liver Cancer ?" becomes "Liver
 * Cancer", and a space before a final question mark goes ("What causes
 * Gout ?" -> "What causes Gout?"). Other titles are returned unchanged.
 * Never NULL (NULL gives ""). */
char *text_title(struct arena *a, const char *title);

#endif
