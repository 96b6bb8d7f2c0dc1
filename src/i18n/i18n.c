/* i18n/i18n.c: catalogs, negotiation and ICU formatting.
 *
 * ICU's C MessageFormat (umsg_*) takes its arguments as C varargs whose
 * types the pattern decides, and knows no argument names. A catalog is
 * written by translators, so its pattern must not decide what the C code
 * passes: before ICU sees a pattern we rewrite it. String arguments go in
 * as quoted text (and a "select" on one is decided here); number
 * arguments are renamed to their slot ({n, plural, ...} becomes
 * {0, plural, ...}, a bare {n} becomes {0, number}) and every slot is
 * passed as a double. So whatever a catalog says, ICU reads doubles.
 */
#include "i18n/i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ulistformatter.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/util.h"

#define MAX_ARGS 8
#define MAX_NUMS 4

/* ---- catalogs ---------------------------------------------------------- */

static char *errf(const char *fmt, const char *a, const char *b)
{
	char msg[4600];
	snprintf(msg, sizeof(msg), fmt, a, b ? b : "");
	return xstrdup(msg);
}

/* Merge o into m key by key, objects recursively. */
static void merge(json_t *m, json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
	{
		json_t *cur = json_object_get(m, k);
		if (json_is_object(cur) && json_is_object(v))
			merge(cur, v);
		else
			json_object_set(m, k, v);
	}
}

/* The catalog file name of tag: messages.json for English. */
static void cat_name(const char *tag, char *out, size_t n)
{
	if (!strcmp(tag, "en"))
		snprintf(out, n, "messages.json");
	else
		snprintf(out, n, "messages.%s.json", tag);
}

/* The catalog of tag: embedded, overridden key by key from dir. *found
 * says whether any file was there. NULL with *err when one is broken. */
static json_t *load_cat(const char *tag, const char *dir, int *found,
                        char **err)
{
	char name[64], path[4200];
	const struct embedded_file *f;
	json_t *m = json_object(), *o;
	json_error_t je;

	*found = 0;
	cat_name(tag, name, sizeof(name));
	snprintf(path, sizeof(path), "templates/%s", name);
	if ((f = embed_find(path))) {
		o = json_loadb(f->data, f->len, 0, &je);
		if (!o || !json_is_object(o)) {
			*err = errf("the message catalog %s is invalid%s", path,
			            "");
			json_decref(o);
			json_decref(m);
			return NULL;
		}
		merge(m, o);
		json_decref(o);
		*found = 1;
	}
	if (dir) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (access(path, F_OK) == 0) {
			o = json_load_file(path, 0, &je);
			if (!o || !json_is_object(o)) {
				char where[4300];
				snprintf(where, sizeof(where), "%s:%d", path,
				         je.line);
				*err = errf("%s: %s", where,
				            o ? "not a JSON object" : je.text);
				json_decref(o);
				json_decref(m);
				return NULL;
			}
			merge(m, o);
			json_decref(o);
			*found = 1;
		}
	}
	return m;
}

/* The pseudo-locale for checking templates: English with every text in
 * markers, so a word a template or the C code holds shows up outside
 * them (tests/e2e/test_pseudo.py). Offered only when --languages lists
 * it; not for a public site. */
#define PSEUDO_TAG "en-XA"

/* Wrap every text of catalog o (objects recursively) in the markers. */
static void pseudo_wrap(json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
	{
		if (json_is_object(v)) {
			pseudo_wrap(v);
		} else if (json_is_string(v)) {
			const char *t = json_string_value(v);
			size_t n = strlen(t) + 7;
			char *w = malloc(n);
			if (!w)
				continue;
			snprintf(w, n, "⟦%s⟧", t);
			json_object_set_new(o, k, json_string(w));
			free(w);
		}
	}
}

/* Every text of catalog o that holds a brace must be a pattern ICU can
 * read: a broken one would otherwise show as it is on every page that
 * uses it. 0, or -1 with *err naming the catalog, the key and the
 * place. */
static int check_patterns(json_t *o, const char *tag, const char *icu,
                          const char *parent, char **err)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
	{
		const char *s = json_string_value(v);
		UChar *u;
		int32_t n = 0;
		UErrorCode st = U_ZERO_ERROR;
		UParseError pe;
		UMessageFormat *mf;
		char name[64], msg[512];

		if (json_is_object(v)) {
			if (check_patterns(v, tag, icu, k, err) < 0)
				return -1;
			continue;
		}
		if (!s || !strpbrk(s, "{}"))
			continue;
		u_strFromUTF8(NULL, 0, &n, s, -1, &st);
		st = U_ZERO_ERROR;
		u = malloc(sizeof(UChar) * (size_t)(n + 1));
		if (!u)
			continue;
		u_strFromUTF8(u, n + 1, &n, s, -1, &st);
		memset(&pe, 0, sizeof(pe));
		mf = U_SUCCESS(st) ? umsg_open(u, n, icu, &pe, &st) : NULL;
		umsg_close(mf);
		free(u);
		if (U_FAILURE(st)) {
			cat_name(tag, name, sizeof(name));
			snprintf(msg, sizeof(msg),
			         "the message catalog %s: %s%s%s: not a "
			         "MessageFormat pattern ICU can read (%s at "
			         "character %d)",
			         name, parent ? parent : "", parent ? "." : "",
			         k, u_errorName(st), (int)pe.offset);
			*err = xstrdup(msg);
			return -1;
		}
	}
	return 0;
}

/* "zh-TW" -> "zh_TW"; 0, or -1 when tag is not a plausible tag. */
static int to_icu(const char *tag, char *out, size_t n)
{
	size_t i, len = strlen(tag);

	if (len < 2 || len >= n)
		return -1;
	for (i = 0; i < len; i++) {
		if (isalnum((unsigned char)tag[i]))
			out[i] = tag[i];
		else if (tag[i] == '-' || tag[i] == '_')
			out[i] = '_';
		else
			return -1;
	}
	out[len] = 0;
	return 0;
}

static void list_sep(const char *icu, char *out, size_t cap);

int i18n_init(struct i18n *in, const char *languages, const char *def,
              const char *tz, const char *dir, char **err)
{
	const char *s = languages && *languages ? languages : "en";
	json_t *en = NULL;
	int found;

	memset(in, 0, sizeof(*in));
	in->def = -1;
	while (*s) {
		size_t len = strcspn(s, ", ");
		if (len) {
			char tag[I18N_TAG_MAX];
			if (len >= I18N_TAG_MAX || in->n == I18N_MAX_LANGS) {
				*err = errf(
				        "--languages: too many languages or "
				        "a tag too long: %.*s",
				        s, NULL);
				goto fail;
			}
			memcpy(tag, s, len);
			tag[len] = 0;
			if (to_icu(tag, in->icu[in->n], I18N_TAG_MAX) < 0) {
				*err = errf("--languages: not a language tag: "
				            "%s%s",
				            tag, NULL);
				goto fail;
			}
			if (i18n_find(in, tag) >= 0) {
				*err = errf("--languages: %s is listed twice%s",
				            tag, NULL);
				goto fail;
			}
			snprintf(in->tag[in->n], I18N_TAG_MAX, "%s", tag);
			in->n++;
		}
		s += len;
		while (*s == ',' || *s == ' ')
			s++;
	}
	if (!in->n) {
		*err = xstrdup("--languages: no language given");
		goto fail;
	}
	in->def = def && *def ? i18n_find(in, def) : 0;
	if (in->def < 0) {
		*err = errf("--default-language: %s is not one of "
		            "--languages (%s)",
		            def, languages);
		goto fail;
	}
	if (tz && *tz) {
		UChar utz[64], canon[64];
		UBool sys = 0;
		UErrorCode st = U_ZERO_ERROR;
		if (strlen(tz) >= sizeof(in->tz)) {
			*err = errf("--timezone: unknown time zone %s%s", tz,
			            NULL);
			goto fail;
		}
		u_uastrcpy(utz, tz);
		ucal_getCanonicalTimeZoneID(utz, -1, canon, 64, &sys, &st);
		if (U_FAILURE(st) || !sys) {
			*err = errf("--timezone: unknown time zone %s (an "
			            "IANA name such as Asia/Taipei)%s",
			            tz, NULL);
			goto fail;
		}
		snprintf(in->tz, sizeof(in->tz), "%s", tz);
	} else {
		snprintf(in->tz, sizeof(in->tz), "UTC");
	}
	if (!(en = load_cat("en", dir, &found, err)))
		goto fail;
	if (!found) {
		*err = xstrdup("the message catalog templates/messages.json "
		               "is missing");
		goto fail;
	}
	if (check_patterns(en, "en", "en", NULL, err) < 0)
		goto fail;
	in->arena = arena_new();
	for (size_t i = 0; i < in->n; i++) {
		json_t *own = load_cat(in->tag[i], dir, &found, err);
		if (!own)
			goto fail;
		if (!found && !strcmp(in->tag[i], PSEUDO_TAG)) {
			json_decref(own);
			own = json_deep_copy(en);
			pseudo_wrap(own);
			found = 1;
		}
		if (!found) {
			json_decref(own);
			*err = errf("--languages: no message catalog for %s "
			            "(templates/messages.%s.json)",
			            in->tag[i], in->tag[i]);
			goto fail;
		}
		in->own[i] = own;
		if (check_patterns(own, in->tag[i], in->icu[i], NULL, err) < 0)
			goto fail;
		in->cat[i] = json_deep_copy(en);
		merge(in->cat[i], own);
		in->t[i] = tval_from_json(in->arena, in->cat[i]);
		list_sep(in->icu[i], in->list_sep[i], sizeof(in->list_sep[i]));
	}
	json_decref(en);
	return 0;
fail:
	json_decref(en);
	i18n_free(in);
	return -1;
}

void i18n_free(struct i18n *in)
{
	for (size_t i = 0; i < I18N_MAX_LANGS; i++) {
		json_decref(in->cat[i]);
		json_decref(in->own[i]);
	}
	if (in->arena)
		arena_free(in->arena);
	memset(in, 0, sizeof(*in));
}

int i18n_find(const struct i18n *in, const char *tag)
{
	char icu[I18N_TAG_MAX];

	if (!tag || to_icu(tag, icu, sizeof(icu)) < 0)
		return -1;
	for (size_t i = 0; i < in->n; i++)
		if (!strcasecmp(in->icu[i], icu))
			return (int)i;
	return -1;
}

/* ---- negotiation ------------------------------------------------------- */

/* A bare "zh" or a script or region ICU's matcher may not pair with ours:
 * map the Chinese variants to the offered zh-TW / zh-CN by script. */
static int chinese(const struct i18n *in, const char *loc)
{
	char script[8] = "";
	char full[ULOC_FULLNAME_CAPACITY];
	UErrorCode st = U_ZERO_ERROR;

	if (strncasecmp(loc, "zh", 2) || isalpha((unsigned char)loc[2]))
		return -1;
	uloc_addLikelySubtags(loc, full, sizeof(full), &st);
	if (U_FAILURE(st))
		return -1;
	st = U_ZERO_ERROR;
	uloc_getScript(full, script, sizeof(script), &st);
	if (!strcmp(script, "Hant")) {
		int i = i18n_find(in, "zh-TW");
		return i >= 0 ? i : i18n_find(in, "zh-HK");
	}
	if (!strcmp(script, "Hans"))
		return i18n_find(in, "zh-CN");
	return -1;
}

int i18n_negotiate(const struct i18n *in, const char *cookie, const char *query,
                   const char *accept_language)
{
	int i;

	if ((i = i18n_find(in, cookie)) >= 0)
		return i;
	if ((i = i18n_find(in, query)) >= 0)
		return i;
	if (accept_language && *accept_language &&
	    strlen(accept_language) < 1024) {
		const char *avail[I18N_MAX_LANGS];
		char result[ULOC_FULLNAME_CAPACITY];
		UAcceptResult how;
		UErrorCode st = U_ZERO_ERROR;
		UEnumeration *e;
		char lang1[ULOC_FULLNAME_CAPACITY];
		size_t n;

		/* The reader's first language decides Chinese by script
		 * before ICU's matcher, which may pair zh-HK with nothing. */
		n = strcspn(accept_language, ",;");
		while (n && accept_language[n - 1] == ' ')
			n--;
		if (n < sizeof(lang1)) {
			const char *p = accept_language;
			while (*p == ' ')
				p++, n--;
			memcpy(lang1, p, n);
			lang1[n] = 0;
			if ((i = chinese(in, lang1)) >= 0)
				return i;
		}
		for (size_t k = 0; k < in->n; k++)
			avail[k] = in->icu[k];
		e = uenum_openCharStringsEnumeration(avail, (int32_t)in->n,
		                                     &st);
		if (U_SUCCESS(st)) {
			uloc_acceptLanguageFromHTTP(result, sizeof(result),
			                            &how, accept_language, e,
			                            &st);
			uenum_close(e);
			if (U_SUCCESS(st) && how != ULOC_ACCEPT_FAILED &&
			    (i = i18n_find(in, result)) >= 0)
				return i;
		}
	}
	return in->def;
}

/* ---- messages ---------------------------------------------------------- */

const char *i18n_msg(const struct i18n *in, int lang, const char *key)
{
	const char *s;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	s = json_string_value(json_object_get(in->cat[lang], key));
	return s ? s : key;
}

int i18n_has_own(const struct i18n *in, int lang, const char *key)
{
	return lang >= 0 && (size_t)lang < in->n &&
	       json_object_get(in->own[lang], key) != NULL;
}

struct rw {
	const struct i18n_arg *args;
	size_t n;
	int slot[MAX_ARGS]; /* number slot of args[i], or -1 */
	int bad;
	int unknown; /* an argument args lack */
};

static void skip_ws(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n')
		(*p)++;
}

/* Put s in a pattern as literal text. */
static void put_literal(struct buf *out, const char *s, int in_plural)
{
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(out, "''");
		else if (*s == '{' || *s == '}' || (*s == '#' && in_plural)) {
			buf_putc(out, '\'');
			buf_putc(out, *s);
			buf_putc(out, '\'');
		} else
			buf_putc(out, *s);
	}
}

static void rw_msg(struct rw *r, const char **pp, struct buf *out,
                   int in_plural, int depth);

/* Copy a quoted run starting at the apostrophe at *pp. */
static void copy_quote(const char **pp, struct buf *out)
{
	const char *p = *pp;

	buf_putc(out, *p++);
	while (*p) {
		if (*p == '\'' && p[1] == '\'') {
			buf_puts(out, "''");
			p += 2;
			continue;
		}
		buf_putc(out, *p);
		if (*p++ == '\'')
			break;
	}
	*pp = p;
}

/* The options of a plural/select: "sel {msg} sel {msg} ... }". With
 * choose NULL they are copied (rewritten) to out; otherwise the branch
 * whose selector equals choose (else "other") is written to out. Leaves
 * *pp after the closing brace. */
static void rw_options(struct rw *r, const char **pp, struct buf *out,
                       const char *choose, int in_plural, int depth)
{
	const char *p = *pp;
	struct buf branch = BUF_INIT, other = BUF_INIT;
	int chosen = 0;

	for (;;) {
		const char *sel;
		size_t sl;

		skip_ws(&p);
		if (!*p || *p == '}')
			break;
		sel = p;
		while (*p && *p != '{' && *p != '}' && *p != ' ' &&
		       *p != '\t' && *p != '\n')
			p++;
		sl = (size_t)(p - sel);
		skip_ws(&p);
		if (sl > 7 && !strncmp(sel, "offset:", 7)) {
			if (!choose) {
				buf_append(out, sel, sl);
				buf_putc(out, ' ');
			}
			continue;
		}
		if (*p != '{') {
			r->bad = 1;
			break;
		}
		p++;
		buf_clear(&branch);
		rw_msg(r, &p, &branch, in_plural, depth + 1);
		if (*p == '}')
			p++;
		if (!choose) {
			buf_append(out, sel, sl);
			buf_putc(out, '{');
			buf_append(out, branch.p ? branch.p : "", branch.len);
			buf_putc(out, '}');
		} else if (!chosen && strlen(choose) == sl &&
		           !strncmp(sel, choose, sl)) {
			buf_append(out, branch.p ? branch.p : "", branch.len);
			chosen = 1;
		} else if (sl == 5 && !strncmp(sel, "other", 5)) {
			buf_clear(&other);
			buf_append(&other, branch.p ? branch.p : "",
			           branch.len);
		}
	}
	if (choose && !chosen && other.len)
		buf_append(out, other.p, other.len);
	if (*p == '}')
		p++;
	buf_free(&branch);
	buf_free(&other);
	*pp = p;
}

/* An argument; *pp is just after its '{'. */
static void rw_arg(struct rw *r, const char **pp, struct buf *out,
                   int in_plural, int depth)
{
	const char *p = *pp, *name, *type = NULL;
	size_t nl, tl = 0;
	int ai = -1;
	char num[48];

	skip_ws(&p);
	name = p;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	nl = (size_t)(p - name);
	skip_ws(&p);
	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->args[i].name) == nl &&
		    !strncmp(r->args[i].name, name, nl))
			ai = (int)i;
	if (ai < 0)
		r->unknown = 1;
	if (*p == ',') {
		p++;
		skip_ws(&p);
		type = p;
		while (isalpha((unsigned char)*p))
			p++;
		tl = (size_t)(p - type);
		skip_ws(&p);
	}
	if (ai >= 0 && !r->args[ai].s)
		snprintf(num, sizeof(num), "%g", r->args[ai].d);
	if (!type || !tl) {
		/* {name} */
		if (ai >= 0 && r->args[ai].s)
			put_literal(out, r->args[ai].s, in_plural);
		else if (ai >= 0)
			buf_printf(out, "{%d,number}", r->slot[ai]);
		while (*p && *p != '}')
			p++;
		if (*p)
			p++;
	} else if ((tl == 6 && !strncmp(type, "plural", 6)) ||
	           (tl == 13 && !strncmp(type, "selectordinal", 13))) {
		if (*p == ',')
			p++;
		if (ai >= 0 && !r->args[ai].s) {
			buf_printf(out, "{%d,%.*s,", r->slot[ai], (int)tl,
			           type);
			rw_options(r, &p, out, NULL, 1, depth);
			buf_putc(out, '}');
		} else {
			rw_options(r, &p, out, "other", in_plural, depth);
		}
	} else if (tl == 6 && !strncmp(type, "select", 6)) {
		if (*p == ',')
			p++;
		rw_options(r, &p, out,
		           ai < 0          ? "other"
		           : r->args[ai].s ? r->args[ai].s
		                           : num,
		           in_plural, depth);
	} else {
		/* number, date, time, ...: the style is copied */
		const char *style = p;
		int level = 1;
		while (*p && level) {
			if (*p == '\'') {
				const char *q = p;
				struct buf skip = BUF_INIT;
				copy_quote(&q, &skip);
				buf_free(&skip);
				p = q;
				continue;
			}
			if (*p == '{')
				level++;
			else if (*p == '}')
				level--;
			p++;
		}
		if (ai >= 0 && !r->args[ai].s)
			buf_printf(out, "{%d,%.*s%.*s", r->slot[ai], (int)tl,
			           type, (int)(p - style), style);
		else if (ai >= 0)
			put_literal(out, r->args[ai].s, in_plural);
	}
	*pp = p;
}

/* Message text up to an unmatched '}' (left at *pp) or the end. */
static void rw_msg(struct rw *r, const char **pp, struct buf *out,
                   int in_plural, int depth)
{
	const char *p = *pp;

	if (depth > 8) {
		r->bad = 1;
		return;
	}
	while (*p && *p != '}') {
		if (*p == '\'') {
			if (p[1] == '\'') {
				buf_puts(out, "''");
				p += 2;
			} else if (p[1] && (strchr("{}|", p[1]) ||
			                    (in_plural && p[1] == '#'))) {
				copy_quote(&p, out);
			} else {
				buf_putc(out, *p++);
			}
		} else if (*p == '{') {
			p++;
			rw_arg(r, &p, out, in_plural, depth);
		} else {
			buf_putc(out, *p++);
		}
	}
	*pp = p;
}

/* The text of a pattern without arguments (ICU's apostrophe rules). */
static const char *unquote(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;

	while (*s) {
		if (*s != '\'') {
			*o++ = *s++;
		} else if (s[1] == '\'') {
			*o++ = '\'';
			s += 2;
		} else if (s[1] == '{' || s[1] == '}') {
			for (s++; *s; s++) {
				if (*s == '\'' && s[1] == '\'')
					*o++ = *s++;
				else if (*s == '\'') {
					s++;
					break;
				} else
					*o++ = *s;
			}
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

static UChar *to_u(struct arena *a, const char *s, int32_t *ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;

	u_strFromUTF8(NULL, 0, &n, s, -1, &st);
	st = U_ZERO_ERROR;
	u = arena_alloc(a, sizeof(UChar) * (size_t)(n + 1));
	u_strFromUTF8(u, n + 1, ulen, s, -1, &st);
	return U_SUCCESS(st) ? u : NULL;
}

static const char *from_u(struct arena *a, const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	char *s;

	u_strToUTF8(NULL, 0, &len, u, n, &st);
	st = U_ZERO_ERROR;
	s = arena_alloc(a, (size_t)len + 1);
	u_strToUTF8(s, len + 1, NULL, u, n, &st);
	return U_SUCCESS(st) ? s : "";
}

/* i18n_format_pattern; *unknown (may be NULL) says whether the pattern
 * names an argument args lack (then nothing is formatted when set). */
static const char *format(const struct i18n *in, int lang, struct arena *a,
                          const char *pattern, const struct i18n_arg *args,
                          size_t n, int *unknown)
{
	struct rw r = {args, n < MAX_ARGS ? n : MAX_ARGS, {0}, 0, 0};
	struct buf out = BUF_INIT;
	double d[MAX_NUMS] = {0};
	int nums = 0;
	const char *p = pattern, *res = pattern;
	UChar *u, buf[1024];
	int32_t ulen, len;
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	UMessageFormat *mf;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	if (!strchr(pattern, '{') && !strchr(pattern, '\''))
		return pattern;
	for (size_t i = 0; i < r.n; i++) {
		r.slot[i] = -1;
		if (!args[i].s && nums < MAX_NUMS) {
			d[nums] = args[i].d;
			r.slot[i] = nums++;
		}
	}
	rw_msg(&r, &p, &out, 0, 0);
	if (unknown)
		*unknown = r.unknown;
	if (r.bad || *p || (unknown && r.unknown)) {
		buf_free(&out);
		return pattern;
	}
	buf_putc(&out, 0);
	if (!nums) {
		/* Only text is left: undo the quoting ourselves, as ICU
		 * would, and save opening a formatter. */
		res = unquote(a, out.p);
		buf_free(&out);
		return res;
	}
	u = to_u(a, out.p, &ulen);
	buf_free(&out);
	if (!u)
		return pattern;
	mf = umsg_open(u, ulen, in->icu[lang], &pe, &st);
	if (U_FAILURE(st)) {
		umsg_close(mf); /* ICU may hold a half-built format (NULL:
		                   no-op) */
		return pattern;
	}
	len = umsg_format(mf, buf, 1024, &st, d[0], d[1], d[2], d[3]);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		UChar *big = arena_alloc(a, sizeof(UChar) * (size_t)(len + 1));
		st = U_ZERO_ERROR;
		len = umsg_format(mf, big, len + 1, &st, d[0], d[1], d[2],
		                  d[3]);
		if (U_SUCCESS(st))
			res = from_u(a, big, len);
	} else if (U_SUCCESS(st)) {
		res = from_u(a, buf, len);
	}
	umsg_close(mf);
	return res;
}

const char *i18n_format_pattern(const struct i18n *in, int lang,
                                struct arena *a, const char *pattern,
                                const struct i18n_arg *args, size_t n)
{
	return format(in, lang, a, pattern, args, n, NULL);
}

void i18n_bind_lang(struct i18n *in, int lang, const struct i18n_arg *args,
                    size_t n)
{
	const char *k;
	json_t *v;

	if (lang < 0 || (size_t)lang >= in->n)
		return;
	json_object_foreach(in->cat[lang], k, v)
	{
		const char *pat = json_string_value(v), *res;
		int unknown = 0;

		if (!pat || !strchr(pat, '{'))
			continue;
		res = format(in, lang, in->arena, pat, args, n, &unknown);
		if (!unknown)
			tval_set_str(in->t[lang], k, res);
	}
}

void i18n_bind(struct i18n *in, const struct i18n_arg *args, size_t n)
{
	for (size_t i = 0; i < in->n; i++)
		i18n_bind_lang(in, (int)i, args, n);
}

const char *i18n_format(const struct i18n *in, int lang, struct arena *a,
                        const char *key, const struct i18n_arg *args, size_t n)
{
	return i18n_format_pattern(in, lang, a, i18n_msg(in, lang, key), args,
	                           n);
}

/* ---- lists -------------------------------------------------------------- */

/* The separator ICU's list format of locale icu puts between the middle
 * items of a list (its "middle" pattern: ", ", "、"), into out; ", " when
 * ICU has none or it does not fit. */
static void list_sep(const char *icu, char *out, size_t cap)
{
	static const UChar one[] = {1, 0}, two[] = {2, 0}, three[] = {3, 0};
	const UChar *items[] = {one, two, three};
	int32_t lens[] = {1, 1, 1}, n, i, j;
	UErrorCode st = U_ZERO_ERROR;
	UListFormatter *lf;
	UChar u[64];

	snprintf(out, cap, ", ");
	lf = ulistfmt_openForType(icu, ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE,
	                          &st);
	n = U_SUCCESS(st) ? ulistfmt_format(lf, items, lens, 3, u, 64, &st) : 0;
	ulistfmt_close(lf);
	if (U_FAILURE(st))
		return;
	for (i = 0; i < n && u[i] != 1; i++)
		;
	for (j = i; j < n && u[j] != 2; j++)
		;
	if (i + 1 < j && j < n) {
		char tmp[16];
		int32_t m = 0;
		st = U_ZERO_ERROR;
		u_strToUTF8(tmp, (int32_t)sizeof(tmp), &m, u + i + 1, j - i - 1,
		            &st);
		if (U_SUCCESS(st) && (size_t)m < cap &&
		    (size_t)m < sizeof(tmp)) {
			memcpy(out, tmp, (size_t)m);
			out[m] = 0;
		}
	}
}

const char *i18n_list_join(const struct i18n *in, int lang, struct arena *a,
                           const char *const *items, size_t n)
{
	struct buf b = BUF_INIT;
	const char *r;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, in->list_sep[lang]);
		buf_puts(&b, items[i]);
	}
	r = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return r;
}

#define LIST_MAX 16 /* items joined; more are left out */

const char *i18n_list_or(const struct i18n *in, int lang, struct arena *a,
                         const char *const *items, size_t n)
{
	UChar *u[LIST_MAX];
	int32_t len[LIST_MAX], cap = 0, olen;
	UErrorCode st = U_ZERO_ERROR;
	UListFormatter *lf;
	UChar *out;
	char *res;
	struct buf b = BUF_INIT;

	if (n > LIST_MAX)
		n = LIST_MAX;
	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	for (size_t i = 0; i < n; i++) {
		int32_t m = 0;
		UErrorCode s2 = U_ZERO_ERROR;
		u_strFromUTF8(NULL, 0, &m, items[i], -1, &s2);
		u[i] = arena_alloc(a, ((size_t)m + 1) * sizeof(UChar));
		s2 = U_ZERO_ERROR;
		u_strFromUTF8(u[i], m + 1, &len[i], items[i], -1, &s2);
		if (U_FAILURE(s2))
			len[i] = 0;
		cap += len[i] + 16;
	}
	lf = ulistfmt_openForType(in->icu[lang], ULISTFMT_TYPE_OR,
	                          ULISTFMT_WIDTH_WIDE, &st);
	out = arena_alloc(a, ((size_t)cap + 64) * sizeof(UChar));
	if (U_SUCCESS(st))
		olen = ulistfmt_format(lf, (const UChar *const *)u, len,
		                       (int32_t)n, out, cap + 64, &st);
	ulistfmt_close(lf);
	if (U_SUCCESS(st)) {
		int32_t m = 0;
		UErrorCode s2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &m, out, olen, &s2);
		res = arena_alloc(a, (size_t)m + 1);
		s2 = U_ZERO_ERROR;
		u_strToUTF8(res, m + 1, NULL, out, olen, &s2);
		if (U_SUCCESS(s2))
			return res;
	}
	/* ICU could not: the items as they are, comma separated. */
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_puts(&b, items[i]);
	}
	res = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return res;
}

/* ---- dates and numbers ------------------------------------------------- */

time_t i18n_parse_iso(const char *iso)
{
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, s = 0, n;

	if (!iso || sscanf(iso, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
	    n != 10)
		return -1;
	if (iso[10] == 'T' || iso[10] == ' ')
		sscanf(iso + 11, "%2d:%2d:%2d", &h, &mi, &s);
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm);
}

/* t formatted by df, which is closed; "" if df could not be made. */
static const char *date_with(UDateFormat *df, UErrorCode st, struct arena *a,
                             time_t t)
{
	UChar out[256];
	int32_t len;
	const char *res = "";

	if (U_FAILURE(st))
		return res;
	len = udat_format(df, (UDate)t * 1000.0, out, 256, NULL, &st);
	if (U_SUCCESS(st))
		res = from_u(a, out, len);
	udat_close(df);
	return res;
}

const char *i18n_date(const struct i18n *in, int lang, struct arena *a,
                      time_t t, const char *key)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar tz[64];
	int32_t plen;
	UChar *pat;
	UDateFormat *df;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	pat = to_u(a, i18n_msg(in, lang, key), &plen);
	if (!pat)
		return "";
	u_uastrcpy(tz, in->tz);
	df = udat_open(UDAT_PATTERN, UDAT_PATTERN, in->icu[lang], tz, -1, pat,
	               plen, &st);
	return date_with(df, st, a, t);
}

const char *i18n_date_long(const struct i18n *in, int lang, struct arena *a,
                           time_t t)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar tz[64];
	UDateFormat *df;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	u_uastrcpy(tz, in->tz);
	df = udat_open(UDAT_NONE, UDAT_LONG, in->icu[lang], tz, -1, NULL, 0,
	               &st);
	return date_with(df, st, a, t);
}

const char *i18n_number(const struct i18n *in, int lang, struct arena *a,
                        double n)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar out[64];
	int32_t len;
	UNumberFormat *nf;
	const char *res;

	if (lang < 0 || (size_t)lang >= in->n)
		lang = in->def;
	nf = unum_open(UNUM_DECIMAL, NULL, 0, in->icu[lang], NULL, &st);
	if (U_FAILURE(st))
		return arena_printf(a, "%g", n);
	len = unum_formatDouble(nf, n, out, 64, NULL, &st);
	res = U_SUCCESS(st) ? from_u(a, out, len) : arena_printf(a, "%g", n);
	unum_close(nf);
	return res;
}
