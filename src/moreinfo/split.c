/* moreinfo/split.c: cutting library and article text into sentences.
 *
 * ICU's sentence break iterator (with the "standard" abbreviation
 * suppressions, so "Dr." and "e.g." do not end a sentence) does the
 * cutting, on the UTF-8 text directly through UText, so every boundary is
 * a byte offset into the caller's text and every span is a verbatim piece
 * of it. Two things come first. Lines: a line break always ends a
 * sentence; in Markdown, headings, code, tables and quotes are skipped and
 * list markers are stepped over. Inline bullets: the library's answers
 * flatten lists into " - item. - item." after a sentence or a lead-in
 * ending in ':'; they are cut at the bullets. A lead-in with a short list
 * (at most SPLIT_LIST_ITEMS items and SPLIT_LIST_WORDS words) stays one
 * span, so that a list is never quoted without what it lists.
 */
#include "moreinfo/extract.h"
#include "moreinfo/internal.h"

#include <ctype.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "util/arena.h"
#include "util/util.h"

/* A lead-in and its list stay one span up to this size; longer lists are
 * quoted item by item (or not at all). */
#define SPLIT_LIST_ITEMS 8
#define SPLIT_LIST_WORDS 80

/* A piece before list handling. */
struct piece {
	size_t start, len;
	int item; /* the first sentence after a bullet */
};

struct pieces {
	struct piece *v;
	size_t n, cap;
	struct arena *a;
};

static void push(struct pieces *p, size_t start, size_t len, int item)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct piece *v = arena_alloc(p->a, cap * sizeof(*v));

		if (p->n)
			memcpy(v, p->v, p->n * sizeof(*v));
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n].start = start;
	p->v[p->n].len = len;
	p->v[p->n].item = item;
	p->n++;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* 1 if the bytes at s (n left) start a Han character (U+3400-U+9FFF,
 * three bytes in UTF-8): Chinese, written without blanks. */
static int han_at(const unsigned char *s, size_t n)
{
	return n >= 3 && s[0] >= 0xe3 && s[0] <= 0xe9 &&
	       (s[0] > 0xe3 || s[1] >= 0x90) && (s[1] & 0xc0) == 0x80 &&
	       (s[2] & 0xc0) == 0x80;
}

size_t moreinfo_count_words(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t words = 0, han = 0;
	int in = 0;

	for (size_t i = 0; i < n; i++) {
		if (han_at(u + i, n - i)) {
			han++;
			in = 0;
			i += 2;
		} else if (n - i >= 3 &&
		           ((u[i] == 0xe3 && u[i + 1] == 0x80) ||
		            (u[i] == 0xef &&
		             (u[i + 1] == 0xbc || u[i + 1] == 0xbd)))) {
			in = 0; /* CJK and full-width punctuation: a blank */
			i += 2;
		} else if (blank(s[i])) {
			in = 0;
		} else if (!in) {
			in = 1;
			words++;
		}
	}
	/* Two Han characters say about what one English word says (a
	 * Chinese word is one to three characters, two most often). */
	return words + (han + 1) / 2;
}

/* Trim [*s, *e) of blanks. */
static void trim(const char *text, size_t *s, size_t *e)
{
	while (*s < *e && blank(text[*s]))
		(*s)++;
	while (*e > *s && blank(text[*e - 1]))
		(*e)--;
}

/* Abbreviations after which ICU (without its suppression data) would end
 * a sentence: "Dr. Lee", "e.g. in", "the U.S. Food and Drug ...". */
static const char *const abbrevs[] = {
        "Dr.",  "Mr.",  "Mrs.", "Ms.",  "Prof.", "St.", "Sr.",  "Jr.",
        "vs.",  "e.g.", "i.e.", "U.S.", "U.K.",  "No.", "Fig.", "approx.",
        "Inc.", "Co.",  "Ltd.", "Mt.",  "Dept.", "cf.", NULL};

/* 1 if the n bytes at s end with an abbreviation or an initial ("J."). */
static int ends_abbrev(const char *s, size_t n)
{
	for (const char *const *ab = abbrevs; *ab; ab++) {
		size_t k = strlen(*ab);

		if (n >= k && !memcmp(s + n - k, *ab, k) &&
		    (n == k || s[n - k - 1] == ' ' || s[n - k - 1] == '('))
			return 1;
	}
	return n >= 2 && s[n - 1] == '.' && isupper((unsigned char)s[n - 2]) &&
	       (n == 2 || s[n - 3] == ' ');
}

/* Cut [s, e) into sentences with the iterator and add them; the first one
 * is an item when item is set. A line break inside the range (a Markdown
 * paragraph) is read as a blank: ICU would end a sentence there. */
static void sentences(UBreakIterator *brk, struct arena *a, const char *text,
                      size_t s, size_t e, int item, struct pieces *p)
{
	UErrorCode err = U_ZERO_ERROR;
	UText *ut;
	int32_t from, to;
	int first = 1;
	const char *src;
	size_t open = 0; /* a piece cut after an abbreviation waits here */
	int waiting = 0;

	trim(text, &s, &e);
	if (s >= e)
		return;
	src = text + s;
	if (memchr(src, '\n', e - s) || memchr(src, '\r', e - s)) {
		char *copy = arena_strndup(a, src, e - s);

		for (char *c = copy; *c; c++)
			if (*c == '\n' || *c == '\r')
				*c = ' ';
		src = copy;
	}
	ut = utext_openUTF8(NULL, src, (int64_t)(e - s), &err);
	if (U_FAILURE(err) || !brk) {
		if (ut)
			utext_close(ut);
		push(p, s, e - s, item); /* no ICU: the segment is one piece */
		return;
	}
	ubrk_setUText(brk, ut, &err);
	if (U_FAILURE(err)) {
		utext_close(ut);
		push(p, s, e - s, item);
		return;
	}
	from = ubrk_first(brk);
	while ((to = ubrk_next(brk)) != UBRK_DONE) {
		size_t x = s + (size_t)from, y = s + (size_t)to;

		from = to;
		trim(text, &x, &y);
		if (x >= y)
			continue;
		if (waiting)
			x = open;
		if (ends_abbrev(text + x, y - x) && (size_t)to < e - s) {
			open = x;
			waiting = 1;
			continue;
		}
		waiting = 0;
		push(p, x, y - x, item && first);
		first = 0;
	}
	if (waiting)
		push(p, open, e - open, item && first);
	utext_close(ut);
}

/* The bullet at i: " - " (or " -- ") after the end of a sentence or a
 * lead-in, before a capital letter, digit or quote. Returns the bullet's
 * length, 0 if there is none. */
static size_t bullet_at(const char *text, size_t s, size_t e, size_t i)
{
	size_t k = i + 1, j = i;
	unsigned char next;
	char prev;

	if (text[i] != ' ' || k >= e || text[k] != '-')
		return 0;
	k++;
	if (k < e && text[k] == '-')
		k++;
	if (k >= e || text[k] != ' ')
		return 0;
	k++;
	if (k >= e)
		return 0;
	next = (unsigned char)text[k];
	if (!(isupper(next) || isdigit(next) || next == '"' || next >= 0x80))
		return 0;
	while (j > s && blank(text[j - 1]))
		j--;
	if (j == s)
		return k - i; /* a bullet at the start of the line */
	prev = text[j - 1];
	if (prev == '.' || prev == ':' || prev == ';' || prev == '!' ||
	    prev == '?' || prev == ')')
		return k - i;
	/* "Key Points - ..." and other headings followed by a list */
	if (j - s < 40 && !memchr(text + s, '.', j - s))
		return k - i;
	return 0;
}

/* One line or paragraph [s, e): cut at bullets, then into sentences. */
static void block(UBreakIterator *brk, const char *text, size_t s, size_t e,
                  int item, struct pieces *p)
{
	size_t seg = s;

	for (size_t i = s; i < e; i++) {
		size_t bl = bullet_at(text, s, e, i);

		if (!bl)
			continue;
		sentences(brk, p->a, text, seg, i, item, p);
		item = 1;
		seg = i + bl;
		i = seg - 1;
	}
	sentences(brk, p->a, text, seg, e, item, p);
}

/* Markdown: the kind of a line and where its prose starts. */
enum line_kind { L_BLANK, L_PROSE, L_ITEM, L_SKIP, L_FENCE };

static enum line_kind md_line(const char *text, size_t s, size_t e,
                              size_t *prose)
{
	size_t i = s, ind = 0;

	while (i < e && (text[i] == ' ' || text[i] == '\t')) {
		ind += text[i] == '\t' ? 4 : 1;
		i++;
	}
	*prose = i;
	if (i >= e || text[i] == '\r')
		return L_BLANK;
	if (e - i >= 3 &&
	    (!memcmp(text + i, "```", 3) || !memcmp(text + i, "~~~", 3)))
		return L_FENCE;
	if (ind >= 4 || text[i] == '#' || text[i] == '>' || text[i] == '|' ||
	    text[i] == '<' || text[i] == '=' ||
	    (text[i] == '-' && i + 1 < e && text[i + 1] == '-'))
		return L_SKIP;
	if ((text[i] == '-' || text[i] == '*' || text[i] == '+') && i + 1 < e &&
	    text[i + 1] == ' ') {
		*prose = i + 2;
		return L_ITEM;
	}
	if (isdigit((unsigned char)text[i])) {
		size_t k = i;

		while (k < e && isdigit((unsigned char)text[k]))
			k++;
		if (k + 1 < e && (text[k] == '.' || text[k] == ')') &&
		    text[k + 1] == ' ') {
			*prose = k + 2;
			return L_ITEM;
		}
	}
	return L_PROSE;
}

static void split_markdown(UBreakIterator *brk, const char *text, size_t len,
                           struct pieces *p)
{
	size_t i = 0, para = 0, para_end = 0;
	int in_para = 0, fenced = 0;

	while (i < len) {
		size_t e = i, prose;
		enum line_kind k;

		while (e < len && text[e] != '\n')
			e++;
		k = md_line(text, i, e, &prose);
		if (fenced) {
			if (k == L_FENCE)
				fenced = 0;
			k = L_SKIP;
		} else if (k == L_FENCE) {
			fenced = 1;
		}
		if (k != L_PROSE && in_para) {
			block(brk, text, para, para_end, 0, p);
			in_para = 0;
		}
		if (k == L_PROSE) {
			if (!in_para)
				para = prose;
			in_para = 1;
			para_end = e;
		} else if (k == L_ITEM) {
			block(brk, text, prose, e, 1, p);
		}
		i = e < len ? e + 1 : e;
	}
	if (in_para)
		block(brk, text, para, para_end, 0, p);
}

/* Markdown syntax inside a sentence: links, emphasis, code, HTML. Such a
 * sentence cannot be quoted as plain text without changing it. */
static int has_markup(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strchr("[]`*_<>|#\\", s[i]) && s[i])
			return 1;
	return 0;
}

static size_t combine(struct arena *a, const char *text, struct pieces *p,
                      int markdown, struct moreinfo_span **out)
{
	struct moreinfo_span *v =
	        ARENA_ARRAY(a, struct moreinfo_span, p->n ? p->n : 1);
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct piece *pc = &p->v[i];
		size_t j = i + 1,
		       words = moreinfo_count_words(text + pc->start, pc->len);

		if (markdown && has_markup(text + pc->start, pc->len))
			continue;
		if (text[pc->start + pc->len - 1] == ':') {
			while (j < p->n && p->v[j].item &&
			       j - i <= SPLIT_LIST_ITEMS) {
				words += moreinfo_count_words(
				        text + p->v[j].start, p->v[j].len);
				j++;
			}
			if (j > i + 1 && (j == p->n || !p->v[j].item) &&
			    words <= SPLIT_LIST_WORDS) {
				const struct piece *last = &p->v[j - 1];

				v[n].start = pc->start;
				v[n].len = last->start + last->len - pc->start;
				v[n].list = 1;
				n++;
				i = j - 1;
				continue;
			}
		}
		v[n].start = pc->start;
		v[n].len = pc->len;
		v[n].list = 0;
		n++;
	}
	*out = v;
	return n;
}

size_t mi_split_with(void *brk, struct arena *a, const char *text, size_t len,
                     int markdown, struct moreinfo_span **out)
{
	struct pieces p = {NULL, 0, 0, a};

	if (!text)
		len = 0;
	if (markdown) {
		split_markdown(brk, text, len, &p);
	} else {
		size_t i = 0;

		while (i < len) {
			size_t e = i;

			while (e < len && text[e] != '\n')
				e++;
			block(brk, text, i, e, 0, &p);
			i = e + 1;
		}
	}
	return combine(a, text, &p, markdown, out);
}

void *mi_brk_open(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *brk =
	        ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &err);

	if (U_FAILURE(err)) {
		err = U_ZERO_ERROR;
		brk = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &err);
	}
	return U_FAILURE(err) ? NULL : brk;
}

void mi_brk_close(void *brk)
{
	if (brk)
		ubrk_close(brk);
}

size_t moreinfo_split(struct arena *a, const char *text, size_t len,
                      int markdown, struct moreinfo_span **out)
{
	void *brk = mi_brk_open();
	size_t n = mi_split_with(brk, a, text, len, markdown, out);

	mi_brk_close(brk);
	return n;
}

char *mi_squeeze(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	int sp = 0;

	for (size_t i = 0; i < n; i++) {
		if (blank(s[i])) {
			sp = k > 0;
			continue;
		}
		if (sp)
			out[k++] = ' ';
		sp = 0;
		out[k++] = s[i];
	}
	out[k] = 0;
	return out;
}
