/* fuzz/fuzz_markdown.c: libFuzzer target for the text helpers of pages
 * (text_markdown, text_markdown_plain, text_excerpt, text_paragraphs,
 * text_slug, text_date).
 *
 * The input is a C string (an embedded NUL ends it, as for any caller);
 * the excerpt length comes from its first byte. The Markdown output is
 * emitted raw into pages ({{{html}}}), so the target checks that it is
 * safe HTML: valid UTF-8, only the tags cmark writes, only the attributes
 * those tags take, every attribute value double-quoted, and no link or
 * image URL whose scheme (after decoding entities and dropping the
 * characters browsers ignore) is javascript:, vbscript: or file:, nor
 * data: other than the four raster image types. The other helpers are
 * checked against their header's promises.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "util/arena.h"
#include "web/text.h"

static const char *const md_tags[] = {
        "p",  "h1",     "h2", "h3",  "h4",   "h5",  "h6",
        "em", "strong", "a",  "img", "code", "pre", "blockquote",
        "ul", "ol",     "li", "hr",  "br",
};
static const char *const md_attrs[] = {"href",  "src",   "alt",
                                       "title", "start", "class"};

static int md_in(const char *const *set, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(set[i]) == len && strncmp(set[i], s, len) == 0)
			return 1;
	return 0;
}

/* Decode the entities of an attribute value as a browser would (only the
 * forms cmark can write matter: named basics and numeric), drop ASCII tab,
 * CR and LF (URL parsers ignore them) and leading controls and spaces, and
 * lowercase ASCII: what the scheme check reads. */
static void md_url_view(const char *v, size_t n, char *out, size_t cap)
{
	size_t j = 0;

	for (size_t i = 0; i < n && j + 1 < cap; i++) {
		unsigned long c = (unsigned char)v[i];
		if (c == '&') {
			const char *semi = memchr(v + i, ';', n - i);
			size_t el = semi ? (size_t)(semi - (v + i)) : 0;
			if (el > 2 && v[i + 1] == '#') {
				c = (v[i + 2] | 0x20) == 'x'
				            ? strtoul(v + i + 3, NULL, 16)
				            : strtoul(v + i + 2, NULL, 10);
				i += el;
			} else if (el == 4 && !strncmp(v + i, "&amp", 4)) {
				c = '&', i += el;
			} else if (el == 3 && !strncmp(v + i, "&lt", 3)) {
				c = '<', i += el;
			} else if (el == 3 && !strncmp(v + i, "&gt", 3)) {
				c = '>', i += el;
			} else if (el == 5 && !strncmp(v + i, "&quot", 5)) {
				c = '"', i += el;
			}
		}
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (j == 0 && c <= 0x20)
			continue;
		out[j++] = c < 0x80 ? (char)tolower((int)c) : '?';
	}
	out[j] = 0;
}

static void md_check_url(const char *v, size_t n)
{
	char u[64];

	md_url_view(v, n, u, sizeof u);
	FUZZ_CHECK(strncmp(u, "javascript:", 11) != 0);
	FUZZ_CHECK(strncmp(u, "vbscript:", 9) != 0);
	FUZZ_CHECK(strncmp(u, "file:", 5) != 0);
	/* cmark keeps data: URLs of the four raster image types, on images
	 * and links alike (a link to one only shows a picture). */
	if (strncmp(u, "data:", 5) == 0)
		FUZZ_CHECK(!strncmp(u, "data:image/png", 14) ||
		           !strncmp(u, "data:image/gif", 14) ||
		           !strncmp(u, "data:image/jpeg", 15) ||
		           !strncmp(u, "data:image/webp", 15));
}

/* Check every tag of cmark's HTML output. */
static void md_check_html(const char *h)
{
	FUZZ_CHECK(fuzz_utf8_ok(h, strlen(h)));
	for (const char *p = strchr(h, '<'); p; p = strchr(p, '<')) {
		const char *name;
		size_t nlen;

		if (!strncmp(p, "<!-- raw HTML omitted -->", 25)) {
			p += 25;
			continue;
		}
		p++;
		if (*p == '/')
			p++;
		name = p;
		while (isalnum((unsigned char)*p))
			p++;
		nlen = (size_t)(p - name);
		FUZZ_CHECK(md_in(md_tags, sizeof md_tags / sizeof *md_tags,
		                 name, nlen));
		for (;;) {
			const char *an, *val;
			size_t alen;

			while (*p == ' ')
				p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			an = p;
			while (isalpha((unsigned char)*p))
				p++;
			alen = (size_t)(p - an);
			FUZZ_CHECK(alen > 0);
			FUZZ_CHECK(md_in(md_attrs,
			                 sizeof md_attrs / sizeof *md_attrs, an,
			                 alen));
			FUZZ_CHECK(p[0] == '=' && p[1] == '"');
			if (p[0] != '=' || p[1] != '"')
				return;
			val = p + 2;
			p = strchr(val, '"');
			FUZZ_CHECK(p != NULL);
			if (!p)
				return;
			FUZZ_CHECK(memchr(val, '<', (size_t)(p - val)) == NULL);
			if ((alen == 4 && !strncmp(an, "href", 4)) ||
			    (alen == 3 && !strncmp(an, "src", 3)))
				md_check_url(val, (size_t)(p - val));
			p++;
		}
	}
}

int fuzz_markdown(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = fuzz_cstr(data, size), *h, **paras;
	size_t n, len = strlen(s), max = size ? data[0] : 0;
	int valid = fuzz_utf8_ok(s, len);

	h = text_markdown(a, s);
	FUZZ_CHECK(h != NULL);
	md_check_html(h);

	h = text_markdown_plain(a, s);
	FUZZ_CHECK(h != NULL && fuzz_utf8_ok(h, strlen(h)));

	h = text_excerpt(a, s, max);
	FUZZ_CHECK(h != NULL && strlen(h) <= max + 3);
	if (valid)
		FUZZ_CHECK(fuzz_utf8_ok(h, strlen(h)));
	FUZZ_CHECK(!isspace((unsigned char)h[0]));

	n = text_paragraphs(a, s, &paras);
	for (size_t i = 0; i < n; i++) {
		size_t pl = strlen(paras[i]);
		FUZZ_CHECK(pl > 0);
		FUZZ_CHECK(strpbrk(paras[i], "\n\r\t") == NULL);
		FUZZ_CHECK(paras[i][0] != ' ' && paras[i][pl - 1] != ' ');
		if (valid)
			FUZZ_CHECK(fuzz_utf8_ok(paras[i], pl));
	}

	h = text_slug(a, s);
	FUZZ_CHECK(h != NULL && h[0] != 0);
	if (valid && strcmp(h, "-") != 0) {
		for (const char *q = h; *q; q++)
			FUZZ_CHECK((unsigned char)*q >= 0x80 ||
			           (*q >= 'a' && *q <= 'z') ||
			           (*q >= '0' && *q <= '9') ||
			           (*q == '-' && q > h && q[1] && q[1] != '-'));
		FUZZ_CHECK(fuzz_utf8_ok(h, strlen(h)));
	}

	h = text_date(a, s);
	FUZZ_CHECK(h != NULL);

	free(s);
	arena_free(a);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_markdown(data, size);
}
#endif
