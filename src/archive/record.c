/* archive/record.c: one archive record: parsing, validation and the
 * canonical form.
 *
 * archive_parse() walks the JSON object's keys in their order, validates
 * each known field and copies it into the store's structs; fields the
 * record's kind has no place for, and unknown fields, are written (in the
 * canonical form) into an "extra" object in the order they came. jansson
 * keeps object keys in insertion order, which is what makes that order
 * stable. archive_format() writes the canonical line; the importer hashes
 * it to recognise unchanged records, so anything that changes the format
 * changes every hash (re-importing then updates each record once).
 */
#include "archive/archive.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"

/* An external id longer than this is not an id. */
#define MAX_EXTERNAL_ID 256

struct parser {
	struct arena *a;
	struct buf extra; /* unknown fields, canonical, without braces */
	char *err;
	size_t errlen;
	const char **warn;
	size_t n_warn, cap_warn;
};

static int fail(struct parser *p, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Turn control characters of a message into spaces: messages quote field
 * values, and a newline in a value must not split the one-line report
 * (found by fuzz/fuzz_archive.c). */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	if (p->err && p->errlen)
		one_line(p->err);
	return -1;
}

static void warn(struct parser *p, const char *fmt, const char *what)
{
	if (p->n_warn == p->cap_warn) {
		const char **nv;

		p->cap_warn = p->cap_warn ? 2 * p->cap_warn : 4;
		nv = ARENA_ARRAY(p->a, const char *, p->cap_warn);
		if (p->n_warn)
			memcpy(nv, p->warn, p->n_warn * sizeof(*nv));
		p->warn = nv;
	}
	p->warn[p->n_warn] = arena_printf(p->a, fmt, what);
	one_line((char *)p->warn[p->n_warn++]);
}

/* ---- the canonical writer ---- */

/* A JSON string: '"', '\\' and control characters escaped, everything
 * else (UTF-8 included) as is. */
static void put_str(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = 0;

	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, s + start, i - start);
		start = i + 1;
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		default:
			snprintf(esc, sizeof(esc), "\\u00%c%c", hex[c >> 4],
			         hex[c & 15]);
			buf_puts(b, esc);
		}
	}
	buf_append(b, s + start, n - start);
	buf_putc(b, '"');
}

static void put_cstr(struct buf *b, const char *s)
{
	put_str(b, s, strlen(s));
}

/* The key of the next member of an object; *n counts members written. */
static void put_key(struct buf *b, int *n, const char *key)
{
	if ((*n)++)
		buf_puts(b, ", ");
	put_cstr(b, key);
	buf_puts(b, ": ");
}

/* A string member, left out when s is NULL. */
static void put_opt(struct buf *b, int *n, const char *key, const char *s)
{
	if (!s)
		return;
	put_key(b, n, key);
	put_cstr(b, s);
}

/* The members of a stored extra object (canonical "{...}"), spliced in. */
static void put_extra(struct buf *b, int *n, const char *extra)
{
	size_t len = extra ? strlen(extra) : 0;

	if (len <= 2)
		return;
	if ((*n)++)
		buf_puts(b, ", ");
	buf_append(b, extra + 1, len - 2);
}

/* A real with the fewest digits that read back as the same double, always
 * with a '.' or an exponent so it stays a real. */
static void put_real(struct buf *b, double d)
{
	char s[40];

	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*g", prec, d);
		if (strtod(s, NULL) == d)
			break;
	}
	buf_puts(b, s);
	if (!strpbrk(s, ".eE"))
		buf_puts(b, ".0");
}

/* Any JSON value, canonically (used for unknown fields). */
static void put_json(struct buf *b, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;
	int n = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		buf_putc(b, '{');
		json_object_foreach(v, key, item)
		{
			put_key(b, &n, key);
			put_json(b, item);
		}
		buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		buf_putc(b, '[');
		json_array_foreach(v, i, item)
		{
			if (i)
				buf_puts(b, ", ");
			put_json(b, item);
		}
		buf_putc(b, ']');
		break;
	case JSON_STRING:
		put_str(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL: put_real(b, json_real_value(v)); break;
	case JSON_TRUE: buf_puts(b, "true"); break;
	case JSON_FALSE: buf_puts(b, "false"); break;
	case JSON_NULL: buf_puts(b, "null"); break;
	}
}

static void put_answer(struct buf *b, const char *author,
                       const char *department, const char *body,
                       const char *answered_at, const char *extra)
{
	int n = 0;

	buf_putc(b, '{');
	put_opt(b, &n, "author", author);
	put_opt(b, &n, "department", department);
	put_opt(b, &n, "body", body);
	put_opt(b, &n, "answered_at", answered_at);
	put_extra(b, &n, extra);
	buf_putc(b, '}');
}

/* A Q&A's answer: its edit marker and sign-off too (docs/archive.md). */
static void put_qa_answer(struct buf *b, const struct answer *an)
{
	int n = 0;

	buf_putc(b, '{');
	put_opt(b, &n, "author", an->author);
	put_opt(b, &n, "department", an->department);
	put_opt(b, &n, "body", an->body);
	put_opt(b, &n, "answered_at", an->answered_at);
	put_opt(b, &n, "edited_at", an->edited_at);
	put_opt(b, &n, "signoff", an->signoff);
	put_extra(b, &n, an->extra);
	buf_putc(b, '}');
}

/* A true member, left out when v is 0 (false is what a missing one
 * means). */
static void put_true(struct buf *b, int *n, const char *key, int v)
{
	if (!v)
		return;
	put_key(b, n, key);
	buf_puts(b, "true");
}

/* The date an import derives publication from: the last answer's, else
 * the asking date (store/sqlite_archive.c, qa_write). */
static const char *derived_published(const struct question *q)
{
	for (size_t i = q->n_answers; i-- > 0;)
		if (q->answers[i].answered_at)
			return q->answers[i].answered_at;
	return q->asked_at;
}

static void put_moreinfo(struct buf *b, int *n, const struct store_moreinfo *mi)
{
	int m = 0;

	if (!mi)
		return;
	put_key(b, n, "more_info");
	buf_putc(b, '{');
	put_opt(b, &m, "status",
	        mi->status == STORE_MI_APPROVED ? "approved" : "draft");
	put_true(b, &m, "machine_assisted", mi->machine_assisted);
	put_true(b, &m, "edited", mi->edited);
	put_opt(b, &m, "approved_at", mi->approved_at);
	put_opt(b, &m, "generated_at", mi->generated_at);
	put_opt(b, &m, "content", mi->json);
	buf_putc(b, '}');
}

static void put_source(struct buf *b, int *n, const struct source *s)
{
	int m = 0;

	if (!s->name && !s->url)
		return;
	put_key(b, n, "source");
	buf_putc(b, '{');
	put_opt(b, &m, "name", s->name);
	put_opt(b, &m, "url", s->url);
	buf_putc(b, '}');
}

static void put_topic_names(struct buf *b, int *n, const struct topic *t,
                            size_t k)
{
	put_key(b, n, "topics");
	buf_putc(b, '[');
	for (size_t i = 0; i < k; i++) {
		if (i)
			buf_puts(b, ", ");
		put_cstr(b, t[i].name);
	}
	buf_putc(b, ']');
}

static void put_head(struct buf *b, int *n, const char *external_id,
                     const char *kind, const char *title, const char *question)
{
	put_opt(b, n, "external_id", external_id);
	put_opt(b, n, "kind", kind);
	put_opt(b, n, "title", title);
	put_key(b, n, "question");
	put_cstr(b, question ? question : "");
}

/* Names in other languages (docs/archive.md): "names": {"department":
 * {TAG: name}, "topics": {topic: {TAG: name}}, "category": {path: {TAG:
 * name}}}, members and keys sorted, so the form is canonical whatever
 * order they came in. */
static int name_rank(enum store_kind k)
{
	return k == STORE_KIND_DEPARTMENT ? 0 : k == STORE_KIND_TOPIC ? 1 : 2;
}

static int cmp_name(const void *x, const void *y)
{
	const struct store_name *a = x, *b = y;
	int r = name_rank(a->kind) - name_rank(b->kind);

	if (!r && a->slug && b->slug)
		r = strcmp(a->slug, b->slug);
	return r ? r : strcmp(a->lang, b->lang);
}

static void put_names(struct buf *b, int *n, const struct store_name *names,
                      size_t k)
{
	static const char *const member[] = {"department", "topics",
	                                     "category"};
	struct store_name *v;
	int m = 0;

	if (!k)
		return;
	v = xmalloc(k * sizeof(*v));
	memcpy(v, names, k * sizeof(*v));
	qsort(v, k, sizeof(*v), cmp_name);
	put_key(b, n, "names");
	buf_putc(b, '{');
	for (size_t i = 0; i < k;) {
		int r = name_rank(v[i].kind), in = 0;

		put_key(b, &m, member[r]);
		buf_putc(b, '{');
		while (i < k && name_rank(v[i].kind) == r) {
			const char *key = v[i].slug;
			int l = 0;

			if (r) {
				put_key(b, &in, key);
				buf_putc(b, '{');
			}
			while (i < k && name_rank(v[i].kind) == r &&
			       (!r || !strcmp(v[i].slug, key))) {
				put_key(b, r ? &l : &in, v[i].lang);
				put_cstr(b, v[i].name);
				i++;
			}
			if (r)
				buf_putc(b, '}');
			else
				break;
		}
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
	free(v);
}

static void format_qa(struct buf *b, const struct question *q)
{
	enum store_qstatus implied =
	        q->n_answers ? STORE_Q_PUBLISHED : STORE_Q_WAITING;
	int n = 0;

	put_head(b, &n, q->external_id, "qa", q->title, q->text);
	put_opt(b, &n, "question_type", q->question_type);
	if (q->nickname || q->age_band || q->sex) {
		int m = 0;

		put_key(b, &n, "asker");
		buf_putc(b, '{');
		put_opt(b, &m, "nickname", q->nickname);
		put_opt(b, &m, "age_band", q->age_band);
		put_opt(b, &m, "sex", q->sex);
		buf_putc(b, '}');
	}
	put_opt(b, &n, "asked_at", q->asked_at);
	put_opt(b, &n, "department", q->department);
	put_topic_names(b, &n, q->topics, q->n_topics);
	put_key(b, &n, "answers");
	buf_putc(b, '[');
	for (size_t i = 0; i < q->n_answers; i++) {
		const struct answer *an = &q->answers[i];

		if (i)
			buf_puts(b, ", ");
		put_qa_answer(b, an);
	}
	buf_putc(b, ']');
	put_source(b, &n, &q->source);
	put_opt(b, &n, "language", q->language ? q->language : "en");
	if (q->status != implied)
		put_opt(b, &n, "status", store_qstatus_name(q->status));
	put_true(b, &n, "consent", q->consent);
	put_true(b, &n, "urgent", q->urgent);
	put_opt(b, &n, "reject_reason", q->reject_reason);
	/* (an import derives it only for a published question) */
	if (q->published_at &&
	    (q->status != STORE_Q_PUBLISHED || !derived_published(q) ||
	     strcmp(q->published_at, derived_published(q))))
		put_opt(b, &n, "published_at", q->published_at);
	put_moreinfo(b, &n, q->more_info);
	put_names(b, &n, q->names, q->n_names);
	put_extra(b, &n, q->extra);
}

static void format_faq(struct buf *b, const struct faq *f)
{
	int n = 0;

	put_head(b, &n, f->external_id, "faq", f->title, f->question);
	put_opt(b, &n, "question_type", f->question_type);
	put_opt(b, &n, "department", f->department);
	put_key(b, &n, "topics");
	buf_putc(b, '[');
	for (size_t i = 0; i < f->n_topics; i++) {
		if (i)
			buf_puts(b, ", ");
		put_cstr(b, f->topics[i]);
	}
	buf_putc(b, ']');
	put_key(b, &n, "answers");
	buf_putc(b, '[');
	for (size_t i = 0; i < f->n_answers; i++) {
		const struct answer *an = &f->answers[i];

		if (i)
			buf_puts(b, ", ");
		put_answer(b, an->author, an->department, an->body,
		           an->answered_at, an->extra);
	}
	buf_putc(b, ']');
	put_source(b, &n, &f->source);
	put_opt(b, &n, "language", f->language ? f->language : "en");
	put_names(b, &n, f->names, f->n_names);
	put_extra(b, &n, f->extra);
}

static void format_article(struct buf *b, const struct article *ar)
{
	int n = 0;

	put_head(b, &n, ar->external_id, "article", ar->title, ar->summary);
	put_opt(b, &n, "asked_at", ar->published_at);
	put_opt(b, &n, "department", ar->department);
	put_topic_names(b, &n, ar->topics, ar->n_topics);
	put_key(b, &n, "answers");
	buf_putc(b, '[');
	if (ar->body)
		put_answer(b, ar->author, ar->author_department, ar->body,
		           ar->updated_at, ar->body_extra);
	buf_putc(b, ']');
	put_source(b, &n, &ar->source);
	put_opt(b, &n, "language", ar->language ? ar->language : "en");
	put_opt(b, &n, "slug", ar->slug);
	put_opt(b, &n, "category", ar->category);
	put_opt(b, &n, "status", ar->status ? ar->status : "draft");
	put_names(b, &n, ar->names, ar->n_names);
	put_extra(b, &n, ar->extra);
}

void archive_format(struct buf *b, const struct store_record *rec)
{
	buf_putc(b, '{');
	if (rec->kind == STORE_KIND_QA)
		format_qa(b, rec->qa);
	else if (rec->kind == STORE_KIND_FAQ)
		format_faq(b, rec->faq);
	else
		format_article(b, rec->article);
	buf_putc(b, '}');
}

struct store_record archive_record_view(const struct archive_record *rec)
{
	struct store_record r = {rec->kind, NULL, NULL, NULL};

	if (rec->kind == STORE_KIND_QA)
		r.qa = &rec->qa;
	else if (rec->kind == STORE_KIND_FAQ)
		r.faq = &rec->faq;
	else
		r.article = &rec->article;
	return r;
}

/* ---- validation ---- */

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ISO 8601: YYYY-MM-DD, optionally THH:MM[:SS[.fff]] and Z or +HH:MM. */
static int valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (strlen(s) < 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0)))
		return 0;
	s += 10;
	if (!*s)
		return 1;
	if (*s++ != 'T' || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) ||
	    num(s, 2) > 23 || num(s + 3, 2) > 59)
		return 0;
	s += 5;
	if (*s == ':') {
		if (!digits(s + 1, 2) || num(s + 1, 2) > 60)
			return 0;
		s += 3;
		if (*s == '.') {
			int k = 0;

			while (s[1 + k] >= '0' && s[1 + k] <= '9')
				k++;
			if (!k)
				return 0;
			s += 1 + k;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2) &&
		       num(s + 1, 2) <= 23 && num(s + 4, 2) <= 59 && !s[6];
	return *s == '\0';
}

/* A BCP 47 tag, loosely: a 2-8 letter language, then 1-8 character
 * alphanumeric subtags joined by '-'. */
static int valid_language(const char *s)
{
	size_t k = 0;
	int first = 1;

	for (;; s++) {
		char c = *s;

		if (c == '-' || c == '\0') {
			if (k < (first ? 2u : 1u) || k > 8)
				return 0;
			if (!c)
				return 1;
			first = 0;
			k = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           (!first && c >= '0' && c <= '9')) {
			k++;
		} else {
			return 0;
		}
	}
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

static const char *const age_bands[] = {"0-9",   "10-19", "20-29", "30-39",
                                        "40-49", "50-59", "60-69", "70-79",
                                        "80-89", "90+"};
static const char *const sexes[] = {"female", "male", "other"};

/* Value checks: each returns 0 with *out set (NULL for JSON null when the
 * field is optional), or -1 after fail(). */
enum { OPTIONAL = 0, REQUIRED = 1 };
enum { ANY_TEXT = 0, NAME = 1, NONEMPTY = 2 };

static int get_str(struct parser *p, const char *field, json_t *v, int req,
                   int shape, const char **out)
{
	const char *s;

	*out = NULL;
	if (json_is_null(v) && !req)
		return 0;
	if (!json_is_string(v))
		return fail(p, "field \"%s\" must be a string%s", field,
		            req ? "" : " or null");
	s = json_string_value(v);
	if ((shape == NAME || shape == NONEMPTY) && !*s)
		return fail(p, "field \"%s\" must not be empty", field);
	if (shape == NAME && has_control(s))
		return fail(p,
		            "field \"%s\" must not contain control "
		            "characters",
		            field);
	*out = arena_strndup(p->a, s, json_string_length(v));
	return 0;
}

static int get_date(struct parser *p, const char *field, json_t *v,
                    const char **out)
{
	if (get_str(p, field, v, OPTIONAL, ANY_TEXT, out))
		return -1;
	if (*out && !valid_date(*out))
		return fail(p,
		            "field \"%s\" is not an ISO 8601 date: \"%.40s\"",
		            field, *out);
	return 0;
}

static int get_topics(struct parser *p, json_t *v, const char ***out, size_t *n)
{
	size_t i;
	json_t *item;

	*out = NULL;
	*n = 0;
	if (json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return fail(p, "field \"topics\" must be an array of strings");
	if (!json_array_size(v))
		return 0;
	*out = ARENA_ARRAY(p->a, const char *, json_array_size(v));
	json_array_foreach(v, i, item)
	{
		if (get_str(p, "topics[]", item, REQUIRED, NAME, &(*out)[i]))
			return -1;
	}
	*n = json_array_size(v);
	return 0;
}

/* The answers; each keeps its unknown keys in its extra object. */
static int get_answers(struct parser *p, json_t *v, int qa, struct answer **out,
                       size_t *n)
{
	size_t i;
	json_t *item;

	*out = NULL;
	*n = 0;
	if (json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return fail(p, "field \"answers\" must be an array of objects");
	if (!json_array_size(v))
		return 0;
	*out = ARENA_ARRAY(p->a, struct answer, json_array_size(v));
	json_array_foreach(v, i, item)
	{
		struct answer *an = &(*out)[i];
		struct buf extra = BUF_INIT;
		const char *key;
		json_t *f;
		int ne = 0, rc = 0;

		if (!json_is_object(item))
			return fail(p, "answers[%zu] must be an object", i);
		json_object_foreach(item, key, f)
		{
			if (!strcmp(key, "author"))
				rc = get_str(p, "answers[].author", f, OPTIONAL,
				             ANY_TEXT, &an->author);
			else if (!strcmp(key, "department"))
				rc = get_str(p, "answers[].department", f,
				             OPTIONAL, NAME, &an->department);
			else if (!strcmp(key, "body"))
				rc = get_str(p, "answers[].body", f, REQUIRED,
				             NONEMPTY, &an->body);
			else if (!strcmp(key, "answered_at"))
				rc = get_date(p, "answers[].answered_at", f,
				              &an->answered_at);
			else if (qa && !strcmp(key, "edited_at"))
				rc = get_date(p, "answers[].edited_at", f,
				              &an->edited_at);
			else if (qa && !strcmp(key, "signoff"))
				rc = get_str(p, "answers[].signoff", f,
				             OPTIONAL, ANY_TEXT, &an->signoff);
			else {
				put_key(&extra, &ne, key);
				put_json(&extra, f);
			}
			if (rc)
				break;
		}
		if (!rc && !an->body)
			rc = fail(p, "answers[%zu] lacks its \"body\"", i);
		if (!rc && extra.len)
			an->extra = arena_printf(p->a, "{%s}", extra.p);
		buf_free(&extra);
		if (rc)
			return -1;
	}
	*n = json_array_size(v);
	return 0;
}

/* The asker's fields; unknown keys are dropped with a warning when the
 * asker goes into columns (a Q&A), kept otherwise (with the unknown
 * fields). */
static int get_asker(struct parser *p, json_t *v, int columns,
                     struct question *q)
{
	const char *key;
	json_t *f;

	if (json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(p, "field \"asker\" must be an object");
	json_object_foreach(v, key, f)
	{
		if (!strcmp(key, "nickname")) {
			if (get_str(p, "asker.nickname", f, OPTIONAL, ANY_TEXT,
			            &q->nickname))
				return -1;
		} else if (!strcmp(key, "age_band")) {
			if (get_str(p, "asker.age_band", f, OPTIONAL, ANY_TEXT,
			            &q->age_band))
				return -1;
			if (q->age_band && !one_of(q->age_band, age_bands,
			                           ARRAY_SIZE(age_bands)))
				return fail(p, "asker.age_band must be 0-9, "
				               "10-19, ..., 80-89 or 90+");
		} else if (!strcmp(key, "sex")) {
			if (get_str(p, "asker.sex", f, OPTIONAL, ANY_TEXT,
			            &q->sex))
				return -1;
			if (q->sex && !one_of(q->sex, sexes, ARRAY_SIZE(sexes)))
				return fail(p, "asker.sex must be female, male "
				               "or other");
		} else if (columns) {
			warn(p, "ignored unknown field asker.%s", key);
		}
	}
	return 0;
}

static int get_source(struct parser *p, json_t *v, struct source *s)
{
	const char *key;
	json_t *f;

	if (json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(p, "field \"source\" must be an object");
	json_object_foreach(v, key, f)
	{
		if (!strcmp(key, "name")) {
			if (get_str(p, "source.name", f, OPTIONAL, NAME,
			            &s->name))
				return -1;
		} else if (!strcmp(key, "url")) {
			if (get_str(p, "source.url", f, OPTIONAL, NAME,
			            &s->url))
				return -1;
		} else {
			warn(p, "ignored unknown field source.%s", key);
		}
	}
	return 0;
}

/* Turn topic names into struct topic (name only) for Q&As and articles. */
static struct topic *topic_structs(struct arena *a, const char **names,
                                   size_t n)
{
	struct topic *t = n ? ARENA_ARRAY(a, struct topic, n) : NULL;

	for (size_t i = 0; i < n; i++)
		t[i].name = names[i];
	return t;
}

/* The fields every kind has, gathered before they go into the structs. */
struct fields {
	const char *external_id, *kind, *title, *question, *question_type;
	const char *asked_at, *department, *language, *status, *slug;
	const char *category;
	const char **topics;
	size_t n_topics;
	struct answer *answers;
	size_t n_answers;
	struct source source;
	struct question asker; /* nickname, age_band, sex */
	/* a Q&A's states (absent: the most private value) */
	int consent, urgent;
	const char *reject_reason, *published_at;
	struct store_moreinfo *more_info;
	struct store_name *names;
	size_t n_names;
};

static int get_bool(struct parser *p, const char *field, json_t *v, int *out)
{
	if (json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return fail(p, "field \"%s\" must be true, false or null",
		            field);
	*out = json_is_true(v);
	return 0;
}

/* Characters of a name in another language (the admin page's limit). */
#define NAME_CHARS 100

/* One {TAG: name} object of "names" into v (k advanced); key is the
 * topic's name or the category's path (NULL for the department). */
static int get_lang_names(struct parser *p, const char *field, json_t *o,
                          enum store_kind kind, const char *key,
                          struct store_name *v, size_t *k)
{
	const char *tag;
	json_t *x;

	if (!json_is_object(o))
		return fail(p, "%s must be an object of language: name", field);
	json_object_foreach(o, tag, x)
	{
		const char *name;

		if (!valid_language(tag))
			return fail(p, "%s: \"%.20s\" is not a BCP 47 tag",
			            field, tag);
		if (get_str(p, field, x, REQUIRED, NAME, &name))
			return -1;
		if (utf8_chars(name) > NAME_CHARS)
			return fail(p, "%s.%s is longer than %d characters",
			            field, tag, NAME_CHARS);
		v[*k].kind = kind;
		v[*k].slug = key ? arena_strdup(p->a, key) : NULL;
		v[*k].lang = arena_strdup(p->a, tag);
		v[*k].name = name;
		(*k)++;
	}
	return 0;
}

/* "names" (docs/archive.md); which topics and category paths it may
 * name is checked once the record is read (check_names). */
static int get_names(struct parser *p, json_t *v, struct fields *f)
{
	const char *key, *k2;
	json_t *x, *y;
	size_t n = 0, k = 0;

	if (json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(p, "field \"names\" must be an object");
	json_object_foreach(v, key, x)
	{
		if (!strcmp(key, "department")) {
			n += json_is_object(x) ? json_object_size(x) : 0;
		} else if (!strcmp(key, "topics") || !strcmp(key, "category")) {
			if (!json_is_object(x))
				return fail(p,
				            "names.%s must be an object of "
				            "name: {language: name}",
				            key);
			json_object_foreach(x, k2, y) n +=
			        json_is_object(y) ? json_object_size(y) : 0;
		} else {
			return fail(p,
			            "names.%.40s: names has only department, "
			            "topics and category",
			            key);
		}
	}
	f->names = ARENA_ARRAY(p->a, struct store_name, n + 1);
	json_object_foreach(v, key, x)
	{
		if (!strcmp(key, "department")) {
			if (get_lang_names(p, "names.department", x,
			                   STORE_KIND_DEPARTMENT, NULL,
			                   f->names, &k))
				return -1;
			continue;
		}
		json_object_foreach(x, k2, y)
		{
			const char *field = arena_printf(
			        p->a, "names.%s[\"%.40s\"]", key, k2);
			if (get_lang_names(p, field, y,
			                   !strcmp(key, "topics")
			                           ? STORE_KIND_TOPIC
			                           : STORE_KIND_CATEGORY,
			                   k2, f->names, &k))
				return -1;
		}
	}
	f->n_names = k;
	return 0;
}

/* Names must be of what the record has: its department, one of its
 * topics (a library entry's focus topic), its category or a parent of
 * it, written as store_category_paths writes it. */
static int check_names(struct parser *p, enum store_kind kind,
                       const struct fields *f)
{
	const char **paths;
	size_t np = store_category_paths(p->a, f->category, &paths);

	for (size_t i = 0; i < f->n_names; i++) {
		const struct store_name *x = &f->names[i];
		size_t j = 0;

		if (x->kind == STORE_KIND_DEPARTMENT && !f->department)
			return fail(p, "names.department without a "
			               "department");
		if (x->kind == STORE_KIND_TOPIC) {
			size_t nt = kind == STORE_KIND_FAQ && f->n_topics
			                    ? 1
			                    : f->n_topics;
			while (j < nt && strcmp(f->topics[j], x->slug))
				j++;
			if (j == nt)
				return fail(p,
				            "names.topics: \"%.40s\" is not "
				            "%s",
				            x->slug,
				            kind == STORE_KIND_FAQ
				                    ? "the entry's first topic"
				                    : "one of its topics");
		}
		if (x->kind == STORE_KIND_CATEGORY) {
			while (j < np && strcmp(paths[j], x->slug))
				j++;
			if (j == np)
				return fail(p,
				            "names.category: \"%.40s\" is "
				            "not its category or a parent of "
				            "it (parts joined by \" > \")",
				            x->slug);
		}
	}
	return 0;
}

/* A Q&A's More Info (docs/archive.md): a draft unless "status" says
 * "approved". */
static int get_moreinfo(struct parser *p, json_t *v,
                        struct store_moreinfo **out)
{
	struct store_moreinfo *mi;
	const char *key, *status = NULL;
	json_t *f;
	int rc = 0;

	*out = NULL;
	if (json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(p, "field \"more_info\" must be an object");
	mi = arena_alloc(p->a, sizeof(*mi));
	memset(mi, 0, sizeof(*mi));
	json_object_foreach(v, key, f)
	{
		if (!strcmp(key, "content"))
			rc = get_str(p, "more_info.content", f, REQUIRED,
			             NONEMPTY, &mi->json);
		else if (!strcmp(key, "status"))
			rc = get_str(p, "more_info.status", f, OPTIONAL,
			             ANY_TEXT, &status);
		else if (!strcmp(key, "machine_assisted"))
			rc = get_bool(p, "more_info.machine_assisted", f,
			              &mi->machine_assisted);
		else if (!strcmp(key, "edited"))
			rc = get_bool(p, "more_info.edited", f, &mi->edited);
		else if (!strcmp(key, "approved_at"))
			rc = get_date(p, "more_info.approved_at", f,
			              &mi->approved_at);
		else if (!strcmp(key, "generated_at"))
			rc = get_date(p, "more_info.generated_at", f,
			              &mi->generated_at);
		else
			warn(p, "ignored unknown field more_info.%s", key);
		if (rc)
			return -1;
	}
	if (!mi->json)
		return fail(p, "more_info lacks its \"content\"");
	if (status && strcmp(status, "draft") && strcmp(status, "approved"))
		return fail(p, "more_info.status must be draft or approved");
	mi->status = status && !strcmp(status, "approved") ? STORE_MI_APPROVED
	                                                   : STORE_MI_DRAFT;
	if (mi->status != STORE_MI_APPROVED)
		mi->approved_at = NULL;
	*out = mi;
	return 0;
}

/* The limits the web forms put on the same fields (limits.h), so that an
 * import cannot store what no form would accept: a title, a Q&A's or an
 * article's topics (how many, how long: the reply editor's), and the
 * texts a person types on the site (a question, a reply, a sign-off, a
 * nickname, a rejection reason). A library entry's topics are its focus
 * and synonyms, kept as the source gives them. */
static int form_limits(struct parser *p, enum store_kind kind,
                       const struct fields *f)
{
	if (utf8_chars(f->title) > LIMIT_TITLE_CHARS)
		return fail(p, "title is longer than %d characters",
		            LIMIT_TITLE_CHARS);
	if (kind == STORE_KIND_FAQ)
		return 0;
	if (f->n_topics > LIMIT_REPLY_TOPICS)
		return fail(p, "more than %d topics", LIMIT_REPLY_TOPICS);
	for (size_t i = 0; i < f->n_topics; i++)
		if (utf8_chars(f->topics[i]) > LIMIT_TOPIC_CHARS)
			return fail(p,
			            "topics[%zu] is longer than %d characters",
			            i, LIMIT_TOPIC_CHARS);
	if (kind != STORE_KIND_QA)
		return 0;
	if (utf8_chars(f->question) > LIMIT_QUESTION_CHARS)
		return fail(p, "question is longer than %d characters",
		            LIMIT_QUESTION_CHARS);
	if (f->asker.nickname &&
	    utf8_chars(f->asker.nickname) > LIMIT_NICKNAME_CHARS)
		return fail(p, "asker.nickname is longer than %d characters",
		            LIMIT_NICKNAME_CHARS);
	if (f->reject_reason &&
	    utf8_chars(f->reject_reason) > LIMIT_REASON_CHARS)
		return fail(p, "reject_reason is longer than %d characters",
		            LIMIT_REASON_CHARS);
	for (size_t i = 0; i < f->n_answers; i++) {
		if (utf8_chars(f->answers[i].body) > LIMIT_ANSWER_CHARS)
			return fail(p,
			            "answers[%zu].body is longer than %d "
			            "characters",
			            i, LIMIT_ANSWER_CHARS);
		if (f->answers[i].signoff &&
		    utf8_chars(f->answers[i].signoff) > LIMIT_SIGNOFF_CHARS)
			return fail(p,
			            "answers[%zu].signoff is longer than %d "
			            "characters",
			            i, LIMIT_SIGNOFF_CHARS);
	}
	return 0;
}

/* Keep key's value with the unknown fields. */
static void keep(struct parser *p, int *ne, const char *key, json_t *v)
{
	put_key(&p->extra, ne, key);
	put_json(&p->extra, v);
}

static int parse_object(struct parser *p, json_t *root, enum store_kind kind,
                        struct fields *f)
{
	const char *key;
	json_t *v;
	int ne = 0;

	json_object_foreach(root, key, v)
	{
		int rc = 0;

		if (!strcmp(key, "external_id")) {
			rc = get_str(p, key, v, REQUIRED, NAME,
			             &f->external_id);
			if (!rc && strlen(f->external_id) > MAX_EXTERNAL_ID)
				rc = fail(p,
				          "external_id is longer than %d "
				          "bytes",
				          MAX_EXTERNAL_ID);
		} else if (!strcmp(key, "kind")) {
			/* checked by the caller */
		} else if (!strcmp(key, "title")) {
			rc = get_str(p, key, v, REQUIRED, NONEMPTY, &f->title);
		} else if (!strcmp(key, "question")) {
			rc = get_str(p, key, v, REQUIRED, NONEMPTY,
			             &f->question);
		} else if (!strcmp(key, "question_type")) {
			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT,
			             &f->question_type);
			if (!rc && kind == STORE_KIND_ARTICLE &&
			    f->question_type) {
				keep(p, &ne, key, v);
				f->question_type = NULL;
			}
		} else if (!strcmp(key, "asker")) {
			rc = get_asker(p, v, kind == STORE_KIND_QA, &f->asker);
			if (!rc && kind != STORE_KIND_QA && !json_is_null(v))
				keep(p, &ne, key, v);
		} else if (!strcmp(key, "asked_at")) {
			rc = get_date(p, key, v, &f->asked_at);
			if (!rc && kind == STORE_KIND_FAQ && f->asked_at) {
				keep(p, &ne, key, v);
				f->asked_at = NULL;
			}
		} else if (!strcmp(key, "department")) {
			rc = get_str(p, key, v, OPTIONAL, NAME, &f->department);
		} else if (!strcmp(key, "topics")) {
			rc = get_topics(p, v, &f->topics, &f->n_topics);
		} else if (!strcmp(key, "answers")) {
			rc = get_answers(p, v, kind == STORE_KIND_QA,
			                 &f->answers, &f->n_answers);
		} else if (!strcmp(key, "source")) {
			rc = get_source(p, v, &f->source);
		} else if (!strcmp(key, "language")) {
			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT,
			             &f->language);
			if (!rc && f->language && !valid_language(f->language))
				rc = fail(p,
				          "language \"%.20s\" is not a BCP "
				          "47 tag",
				          f->language);
		} else if (!strcmp(key, "status") && kind == STORE_KIND_QA) {
			enum store_qstatus s;

			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT, &f->status);
			if (!rc && f->status &&
			    store_qstatus_parse(f->status, &s))
				rc = fail(p,
				          "status \"%.20s\" is not a "
				          "question status",
				          f->status);
		} else if (!strcmp(key, "status") &&
		           kind == STORE_KIND_ARTICLE) {
			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT, &f->status);
			if (!rc && f->status && strcmp(f->status, "draft") &&
			    strcmp(f->status, "published") &&
			    strcmp(f->status, "unpublished"))
				rc = fail(p,
				          "status \"%.20s\" is not draft, "
				          "published or unpublished",
				          f->status);
		} else if (!strcmp(key, "consent") && kind == STORE_KIND_QA) {
			rc = get_bool(p, key, v, &f->consent);
		} else if (!strcmp(key, "urgent") && kind == STORE_KIND_QA) {
			rc = get_bool(p, key, v, &f->urgent);
		} else if (!strcmp(key, "reject_reason") &&
		           kind == STORE_KIND_QA) {
			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT,
			             &f->reject_reason);
		} else if (!strcmp(key, "published_at") &&
		           kind == STORE_KIND_QA) {
			rc = get_date(p, key, v, &f->published_at);
		} else if (!strcmp(key, "names")) {
			rc = get_names(p, v, f);
		} else if (!strcmp(key, "more_info") && kind == STORE_KIND_QA) {
			rc = get_moreinfo(p, v, &f->more_info);
		} else if (!strcmp(key, "slug") && kind == STORE_KIND_ARTICLE) {
			rc = get_str(p, key, v, OPTIONAL, NAME, &f->slug);
			if (!rc && f->slug && strpbrk(f->slug, "/ ?#%"))
				rc = fail(p, "slug must not contain '/', "
				             "blanks, '?', '#' or '%%'");
		} else if (!strcmp(key, "category") &&
		           kind == STORE_KIND_ARTICLE) {
			rc = get_str(p, key, v, OPTIONAL, ANY_TEXT,
			             &f->category);
		} else {
			keep(p, &ne, key, v);
		}
		if (rc)
			return -1;
	}
	return 0;
}

int archive_parse(struct arena *a, const char *line, size_t len,
                  struct archive_record *rec, char *err, size_t errlen)
{
	struct parser p = {a, BUF_INIT, err, errlen, NULL, 0, 0};
	struct fields f;
	json_error_t jerr;
	json_t *root = NULL, *kv;
	enum store_kind kind;
	const char *extra = NULL, *missing = NULL;
	int rc = -1;

	memset(rec, 0, sizeof(*rec));
	memset(&f, 0, sizeof(f));
	if (!utf8_valid(line, len)) {
		fail(&p, "not valid UTF-8");
		goto done;
	}
	root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	                  &jerr);
	if (!root) {
		fail(&p, "malformed JSON at column %d: %s", jerr.column,
		     jerr.text);
		goto done;
	}
	if (!json_is_object(root)) {
		fail(&p, "a record must be a JSON object");
		goto done;
	}
	kv = json_object_get(root, "kind");
	if (!kv) {
		fail(&p, "missing required field \"kind\"");
		goto done;
	}
	if (!json_is_string(kv) ||
	    store_kind_parse(json_string_value(kv), &kind) ||
	    (kind != STORE_KIND_QA && kind != STORE_KIND_FAQ &&
	     kind != STORE_KIND_ARTICLE)) {
		fail(&p, "field \"kind\" must be \"qa\", \"faq\" or "
		         "\"article\"");
		goto done;
	}
	if (parse_object(&p, root, kind, &f))
		goto done;
	if (!f.external_id)
		missing = "external_id";
	else if (!f.title)
		missing = "title";
	else if (!f.question)
		missing = "question";
	if (missing) {
		fail(&p, "missing required field \"%s\"", missing);
		goto done;
	}
	if (kind == STORE_KIND_ARTICLE && f.n_answers > 1) {
		fail(&p, "an article has at most one answer (its body)");
		goto done;
	}
	if (form_limits(&p, kind, &f) || check_names(&p, kind, &f))
		goto done;
	if (p.extra.len)
		extra = arena_printf(a, "{%s}", p.extra.p);

	rec->kind = kind;
	if (kind == STORE_KIND_QA) {
		struct question *q = &rec->qa;
		enum store_qstatus status =
		        f.n_answers ? STORE_Q_PUBLISHED : STORE_Q_WAITING;

		if (f.status)
			store_qstatus_parse(f.status, &status);
		q->external_id = f.external_id;
		q->title = f.title;
		q->text = f.question;
		q->question_type = f.question_type;
		q->nickname = f.asker.nickname;
		q->age_band = f.asker.age_band;
		q->sex = f.asker.sex;
		q->asked_at = f.asked_at;
		q->department = f.department;
		q->topics = topic_structs(a, f.topics, f.n_topics);
		q->n_topics = f.n_topics;
		q->answers = f.answers;
		q->n_answers = f.n_answers;
		q->source = f.source;
		q->language = f.language ? f.language : "en";
		q->status = status;
		q->consent = f.consent; /* absent: no consent */
		q->urgent = f.urgent;
		q->reject_reason = f.reject_reason;
		q->published_at = f.published_at;
		q->more_info = f.more_info;
		q->names = f.names;
		q->n_names = f.n_names;
		q->extra = extra;
	} else if (kind == STORE_KIND_FAQ) {
		struct faq *fq = &rec->faq;

		fq->external_id = f.external_id;
		fq->title = f.title;
		fq->question = f.question;
		fq->question_type = f.question_type;
		fq->department = f.department;
		fq->topics = f.topics;
		fq->n_topics = f.n_topics;
		fq->answers = f.answers;
		fq->n_answers = f.n_answers;
		fq->source = f.source;
		fq->language = f.language ? f.language : "en";
		fq->names = f.names;
		fq->n_names = f.n_names;
		fq->extra = extra;
	} else {
		struct article *ar = &rec->article;

		ar->external_id = f.external_id;
		ar->slug = f.slug;
		ar->title = f.title;
		ar->summary = f.question;
		ar->category = f.category;
		ar->department = f.department;
		ar->published_at = f.asked_at;
		ar->topics = topic_structs(a, f.topics, f.n_topics);
		ar->n_topics = f.n_topics;
		if (f.n_answers) {
			ar->body = f.answers[0].body;
			ar->author = f.answers[0].author;
			ar->author_department = f.answers[0].department;
			ar->updated_at = f.answers[0].answered_at;
			ar->body_extra = f.answers[0].extra;
		}
		ar->source = f.source;
		ar->language = f.language ? f.language : "en";
		ar->status = f.status ? f.status : "draft"; /* absent: draft */
		ar->names = f.names;
		ar->n_names = f.n_names;
		ar->extra = extra;
	}
	rec->warnings = p.warn;
	rec->n_warnings = p.n_warn;
	rc = 0;
done:
	buf_free(&p.extra);
	json_decref(root);
	return rc;
}
