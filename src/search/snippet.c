/* search/snippet.c: query-biased snippets with highlighted words.
 *
 * The text is analysed with the index's analyzer, so a word matches when
 * its term (normalised, stemmed, or diacritic-folded) is one of the
 * query's: "treatments" highlights for "treatment", "viem" for "viêm".
 * The window of at most max_chars characters holding the most distinct
 * query terms wins (the earliest on ties); it starts and ends on word
 * boundaries. HTML output escapes every byte of the text and adds only
 * <mark> and </mark>, so it is safe to emit raw.
 */
#include "search/internal.h"

#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"

/* Snippets look at the start of long texts only. */
#define SNIPPET_SCAN_BYTES (32 * 1024)

/* Character index of every byte offset we need, computed in one pass:
 * cpos(o) for o in increasing order. */
struct charpos {
	const char *s;
	size_t at, n; /* byte offset reached and characters before it */
};

static size_t cpos(struct charpos *c, size_t off)
{
	if (off < c->at) {
		c->at = 0;
		c->n = 0;
	}
	for (; c->at < off; c->at++)
		c->n += ((unsigned char)c->s[c->at] & 0xc0) != 0x80;
	return c->n;
}

static int is_match(const struct search_terms *terms, const char *t)
{
	for (size_t i = 0; i < terms->n; i++)
		if (!strcmp(terms->v[i], t))
			return (int)i + 1;
	return 0;
}

/* Append s[0..n), replacing malformed UTF-8 with U+FFFD. */
static void emit(struct buf *b, const char *s, size_t n, int html)
{
	size_t i = 0, start = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

		if (c < 0x80 || (i + k <= n && utf8_valid(s + i, k))) {
			i += k;
			continue;
		}
		if (html)
			buf_html(b, s + start, i - start);
		else
			buf_append(b, s + start, i - start);
		buf_puts(b, "\xef\xbf\xbd");
		start = ++i;
	}
	if (html)
		buf_html(b, s + start, n - start);
	else
		buf_append(b, s + start, n - start);
}

const char *search_snippet(struct search_index *ix, struct arena *a,
                           const char *text, const struct search_terms *terms,
                           size_t max_chars, int html)
{
	struct search_tokens toks;
	struct buf b = BUF_INIT;
	struct charpos cp;
	size_t len, full, best_start = 0, best_end = 0;
	size_t bestscore = 0, nw = 0;
	uint32_t *ws, *we; /* word spans (variants dropped) */
	size_t *wcs, *wce; /* their character positions */
	int *wm;           /* their query term number, 0 for none */
	const char *r;

	if (!text || !*text)
		return "";
	full = strlen(text);
	len = full < SNIPPET_SCAN_BYTES ? full : SNIPPET_SCAN_BYTES;
	while (len > 0 && len < full &&
	       ((unsigned char)text[len] & 0xc0) == 0x80)
		len--;
	search_analyze(ix->an, a, text, len, &toks);
	ws = arena_alloc(a, (toks.n + 1) * sizeof(uint32_t));
	we = arena_alloc(a, (toks.n + 1) * sizeof(uint32_t));
	wcs = arena_alloc(a, (toks.n + 1) * sizeof(size_t));
	wce = arena_alloc(a, (toks.n + 1) * sizeof(size_t));
	wm = arena_alloc(a, (toks.n + 1) * sizeof(int));
	cp.s = text;
	cp.at = cp.n = 0;
	for (size_t i = 0; i < toks.n; i++) {
		const struct search_token *t = &toks.v[i];
		int m = terms ? is_match(terms, t->term) : 0;

		if (nw && ws[nw - 1] == t->start) {
			if (m && !wm[nw - 1])
				wm[nw - 1] = m; /* the folded form matched */
			continue;
		}
		ws[nw] = t->start;
		we[nw] = t->end;
		wcs[nw] = cpos(&cp, t->start);
		wce[nw] = cpos(&cp, t->end);
		wm[nw++] = m;
	}
	/* Default window: the start of the text. */
	for (size_t i = 0; i < nw && wce[i] <= max_chars; i++)
		best_end = we[i];
	for (size_t i = 0, tried = 0; i < nw && tried < 256; i++) {
		size_t first, score = 0, end = i;
		char seen[LIMIT_QUERY_TERMS * 8];

		if (!wm[i])
			continue;
		tried++;
		/* Begin a few words before the match. */
		for (first = i;
		     first > 0 && wcs[i] - wcs[first - 1] <= max_chars / 5;
		     first--)
			;
		memset(seen, 0, sizeof(seen));
		for (size_t j = i; j < nw && wce[j] - wcs[first] <= max_chars;
		     j++) {
			end = j;
			if (wm[j] && (size_t)wm[j] < sizeof(seen) &&
			    !seen[wm[j]]) {
				seen[wm[j]] = 1;
				score++;
			}
		}
		if (score > bestscore) {
			bestscore = score;
			best_start = first ? ws[first] : 0;
			best_end = we[end];
		}
	}
	if (best_end == 0 && nw)
		best_end = we[0]; /* one word longer than the window */
	if (best_start > 0)
		buf_puts(&b, "...");
	{
		size_t at = best_start;

		for (size_t j = 0; j < nw && html; j++) {
			if (!wm[j] || ws[j] < best_start || we[j] > best_end)
				continue;
			emit(&b, text + at, ws[j] - at, html);
			buf_puts(&b, "<mark>");
			emit(&b, text + ws[j], we[j] - ws[j], html);
			buf_puts(&b, "</mark>");
			at = we[j];
		}
		emit(&b, text + at, best_end - at, html);
	}
	/* Only punctuation left (a closing "?"): show it, no ellipsis. */
	if (best_end < full && (nw == 0 || we[nw - 1] <= best_end) &&
	    full - best_end <= 8 && len == full) {
		emit(&b, text + best_end, full - best_end, html);
		best_end = full;
	}
	if (best_end < full)
		buf_puts(&b, "...");
	r = arena_strdup(a, b.p ? b.p : "");
	buf_free(&b);
	return r;
}
