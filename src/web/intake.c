/* web/intake.c: a structured intake per department: checking an admin's
 * definition, the admin pages, the ask form's fields and the doctor's
 * summary table (web/intake.h describes the format).
 *
 * A definition is checked whole before anything is kept: an unknown
 * member, a missing label, a bad key or type, options on a type that has
 * none, a duplicate key or option all refuse it with a 400 naming the
 * place ("fields[2].options[1]"). Saving is one transaction with its audit
 * row (web_audit_end).
 */
#include "web/web.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "http/http.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/log.h"
#include "web/admin.h"
#include "web/form.h"
#include "web/intake.h"
#include "web/locale.h"

#define INTAKE_FIELDS_MAX  40    /* fields per form */
#define INTAKE_OPTIONS_MAX 50    /* options per field */
#define INTAKE_KEY_MAX     40    /* characters of a key or option value */
#define INTAKE_LABEL_MAX   200   /* characters of a label */
#define INTAKE_HELP_MAX    500   /* characters of a help text */
#define INTAKE_UNIT_MAX    20    /* characters of a unit */
#define INTAKE_TEXT_MAX    300   /* characters of an answer */
#define INTAKE_DEF_BYTES   65536 /* a whole definition */

static const char *const types[] = {"text", "number", "select", "multi",
                                    "date"};

/* ---- checking a definition ---- */

static int is_type(const char *s)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(s, types[i]))
			return 1;
	return 0;
}

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A key or option value: a letter or digit, then letters, digits and
 * "_.+-" (keys: lower case letters, digits and "_", a letter first). */
static int good_name(const char *s, int key)
{
	size_t n = strlen(s);

	if (!n || n > INTAKE_KEY_MAX)
		return 0;
	if (key && !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (key ? !(islower(c) || isdigit(c) || c == '_')
		        : !(isalnum(c) || (i && strchr("_.+-", c))))
			return 0;
	}
	return 1;
}

/* A language tag as labels use it: "en", "zh-TW". */
static int good_tag(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 12 || !isalpha((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

struct check {
	const char *key; /* the catalog key of the problem */
	char where[160]; /* its place: "fields[2].options[1]" */
};

static int fail(struct check *c, const char *key, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail(struct check *c, const char *key, const char *fmt, ...)
{
	va_list ap;

	c->key = key;
	va_start(ap, fmt);
	vsnprintf(c->where, sizeof(c->where), fmt, ap);
	va_end(ap);
	return -1;
}

/* A label or help text: {"tag": "text", ...}, at least one, each text
 * non-empty and at most max characters. */
static int check_words(struct check *c, json_t *j, const char *where,
                       size_t max)
{
	const char *tag;
	json_t *v;

	if (!json_is_object(j) || !json_object_size(j))
		return fail(c, "intake_def_words", "%s", where);
	json_object_foreach(j, tag, v)
	{
		const char *s = json_string_value(v);
		if (!good_tag(tag))
			return fail(c, "intake_def_language", "%s.%s", where,
			            tag);
		if (!s || !*s || chars(s) > max ||
		    form_check(s, max, 0) != FORM_OK)
			return fail(c, "intake_def_words", "%s.%s", where, tag);
	}
	return 0;
}

static int check_options(struct check *c, json_t *opts, const char *where)
{
	size_t i, k;
	json_t *o;

	if (!json_is_array(opts) || !json_array_size(opts) ||
	    json_array_size(opts) > INTAKE_OPTIONS_MAX)
		return fail(c, "intake_def_options", "%s", where);
	json_array_foreach(opts, i, o)
	{
		char at[128], lw[140];
		const char *v, *m;
		json_t *x;

		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		if (json_is_string(o)) {
			v = json_string_value(o);
		} else if (json_is_object(o)) {
			json_object_foreach(o, m, x)
			{
				if (strcmp(m, "value") && strcmp(m, "label"))
					return fail(c, "intake_def_unknown",
					            "%s.%s", at, m);
			}
			v = json_string_value(json_object_get(o, "value"));
			snprintf(lw, sizeof(lw), "%s.label", at);
			if (check_words(c, json_object_get(o, "label"), lw,
			                INTAKE_LABEL_MAX))
				return -1;
		} else {
			return fail(c, "intake_def_option", "%s", at);
		}
		if (!v || !good_name(v, 0))
			return fail(c, "intake_def_option", "%s", at);
		for (k = 0; k < i; k++) {
			json_t *p = json_array_get(opts, k);
			const char *pv =
			        json_is_string(p)
			                ? json_string_value(p)
			                : json_string_value(
			                          json_object_get(p, "value"));
			if (pv && !strcmp(pv, v))
				return fail(c, "intake_def_option_twice", "%s",
				            at);
		}
	}
	return 0;
}

static int check_field(struct check *c, json_t *f, size_t i)
{
	char at[32], w[64];
	const char *m, *type, *key;
	json_t *x;

	snprintf(at, sizeof(at), "fields[%zu]", i);
	if (!json_is_object(f))
		return fail(c, "intake_def_field", "%s", at);
	json_object_foreach(f, m, x)
	{
		if (strcmp(m, "key") && strcmp(m, "type") &&
		    strcmp(m, "label") && strcmp(m, "help") &&
		    strcmp(m, "unit") && strcmp(m, "options"))
			return fail(c, "intake_def_unknown", "%s.%s", at, m);
	}
	key = json_string_value(json_object_get(f, "key"));
	if (!key || !good_name(key, 1))
		return fail(c, "intake_def_key", "%s.key", at);
	type = json_string_value(json_object_get(f, "type"));
	if (!type || !is_type(type))
		return fail(c, "intake_def_type", "%s.type", at);
	snprintf(w, sizeof(w), "%s.label", at);
	if (check_words(c, json_object_get(f, "label"), w, INTAKE_LABEL_MAX))
		return -1;
	snprintf(w, sizeof(w), "%s.help", at);
	if ((x = json_object_get(f, "help")) &&
	    check_words(c, x, w, INTAKE_HELP_MAX))
		return -1;
	if ((x = json_object_get(f, "unit"))) {
		const char *u = json_string_value(x);
		if (!u || !*u || chars(u) > INTAKE_UNIT_MAX ||
		    form_check(u, INTAKE_UNIT_MAX, 0) != FORM_OK)
			return fail(c, "intake_def_unit", "%s.unit", at);
	}
	x = json_object_get(f, "options");
	snprintf(w, sizeof(w), "%s.options", at);
	if (!strcmp(type, "select") || !strcmp(type, "multi"))
		return check_options(c, x, w);
	if (x)
		return fail(c, "intake_def_no_options", "%s", w);
	return 0;
}

int intake_check(const char *json, char **canonical, const char **key,
                 char *where, size_t n)
{
	struct check c = {NULL, ""};
	json_error_t je;
	json_t *root, *fields, *f;
	const char *m;
	size_t i, k;
	int rc = -1;

	*canonical = NULL;
	while (*json && isspace((unsigned char)*json))
		json++;
	if (!*json) {
		*canonical = strdup("");
		return *canonical ? 0 : -1;
	}
	if (strlen(json) > INTAKE_DEF_BYTES) {
		*key = "intake_def_large";
		snprintf(where, n, "%d", INTAKE_DEF_BYTES);
		return -1;
	}
	root = json_loads(json, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		*key = "intake_def_json";
		snprintf(where, n, "%d:%d", je.line, je.column);
		return -1;
	}
	if (!json_is_object(root)) {
		fail(&c, "intake_def_top", "fields");
		goto done;
	}
	json_object_foreach(root, m, f)
	{
		if (strcmp(m, "fields")) {
			fail(&c, "intake_def_unknown", "%s", m);
			goto done;
		}
	}
	fields = json_object_get(root, "fields");
	if (!json_is_array(fields) || !json_array_size(fields) ||
	    json_array_size(fields) > INTAKE_FIELDS_MAX) {
		fail(&c, "intake_def_top", "fields");
		goto done;
	}
	json_array_foreach(fields, i, f)
	{
		if (check_field(&c, f, i))
			goto done;
		for (k = 0; k < i; k++)
			if (!strcmp(json_string_value(json_object_get(
			                    json_array_get(fields, k), "key")),
			            json_string_value(
			                    json_object_get(f, "key")))) {
				fail(&c, "intake_def_key_twice",
				     "fields[%zu].key", i);
				goto done;
			}
	}
	*canonical = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = *canonical ? 0 : -1;
	if (rc)
		fail(&c, "intake_def_top", "fields");
done:
	json_decref(root);
	if (rc) {
		*key = c.key;
		snprintf(where, n, "%s", c.where);
	}
	return rc;
}

int web_intake_check(struct http_request *req, const char *json,
                     const char **canonical, const char **error)
{
	char where[160], *out = NULL;
	const char *key = NULL;

	*canonical = NULL;
	*error = NULL;
	if (intake_check(json, &out, &key, where, sizeof(where))) {
		*error = !strcmp(key, "intake_def_large")
		                 ? web_msg_n(req, key, INTAKE_DEF_BYTES)
		                 : web_msg_name(req, key, where, 0);
		return WEB_EINTAKE;
	}
	*canonical = arena_strdup(http_arena(req), out);
	free(out);
	return 0;
}

/* ---- words in the reader's language ---- */

/* The text of words ({"tag": "text"}) in the current language, else
 * English, else the first given; NULL when words is not an object. */
static const char *words_in(struct http_request *req, json_t *words)
{
	const char *tag = web_lang_tag(http_app(req)), *k;
	json_t *v;

	if (!json_is_object(words))
		return NULL;
	if ((v = json_object_get(words, tag)) && json_is_string(v))
		return json_string_value(v);
	if ((v = json_object_get(words, "en")) && json_is_string(v))
		return json_string_value(v);
	json_object_foreach(
	        words, k, v) if (json_is_string(v)) return json_string_value(v);
	return NULL;
}

static const char *option_value(json_t *o)
{
	return json_is_string(o)
	               ? json_string_value(o)
	               : json_string_value(json_object_get(o, "value"));
}

static const char *option_label(struct http_request *req, json_t *o)
{
	const char *s = json_is_object(o)
	                        ? words_in(req, json_object_get(o, "label"))
	                        : NULL;
	return s ? s : option_value(o);
}

static const char *arena_str(struct http_request *req, const char *s)
{
	return arena_strdup(http_arena(req), s ? s : "");
}

/* ---- the ask form ---- */

static const char *field_name(struct http_request *req, int64_t dept,
                              const char *key)
{
	return arena_printf(http_arena(req), "intake.%lld.%s", (long long)dept,
	                    key);
}

static const char *field_id(struct http_request *req, int64_t dept,
                            const char *key)
{
	return arena_printf(http_arena(req), "intake-%lld-%s", (long long)dept,
	                    key);
}

/* Whether the request's form has value v for field name (a multi). */
static int form_has(struct http_request *req, const char *name, const char *v)
{
	const struct http_kv *f;
	size_t n;

	f = http_form_fields(req, &n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].name, name) && !strcmp(f[i].value, v))
			return 1;
	return 0;
}

/* The template value of field f of department dept's form. */
static struct tval *field_value(struct http_request *req, int64_t dept,
                                json_t *f, const struct tval *errors)
{
	struct arena *a = http_arena(req);
	struct tval *m = tval_map(a), *opts = tval_list(a), *e;
	const char *key = json_string_value(json_object_get(f, "key"));
	const char *type = json_string_value(json_object_get(f, "type"));
	const char *name = field_name(req, dept, key);
	const char *id = field_id(req, dept, key), *help;
	json_t *o;
	size_t i;

	tval_set_str(m, "id", id);
	tval_set_str(m, "name", name);
	tval_set_str(
	        m, "label",
	        arena_str(req, words_in(req, json_object_get(f, "label"))));
	if ((help = words_in(req, json_object_get(f, "help"))))
		tval_set_str(m, "help", arena_str(req, help));
	if (json_is_string(json_object_get(f, "unit")))
		tval_set_str(m, "unit",
		             arena_str(req, json_string_value(json_object_get(
		                                    f, "unit"))));
	tval_set_bool(m, arena_printf(a, "is_%s", type), 1);
	tval_set_str(m, "value", web_form_text(req, name));
	json_array_foreach(json_object_get(f, "options"), i, o)
	{
		struct tval *ov = tval_map(a);
		const char *v = option_value(o);
		tval_set_str(ov, "value", arena_str(req, v));
		tval_set_str(ov, "label", arena_str(req, option_label(req, o)));
		tval_set_str(ov, "id", arena_printf(a, "%s-%zu", id, i));
		tval_set_bool(ov, "selected",
		              !strcmp(type, "multi")
		                      ? form_has(req, name, v)
		                      : !strcmp(web_form_text(req, name), v));
		tval_push(opts, ov);
	}
	tval_set(m, "options", opts);
	e = errors ? tval_get(errors, id) : NULL;
	if (e) {
		tval_set(m, "error", e);
		tval_set_bool(m, "invalid", 1);
	}
	if (help || e)
		tval_set_str(
		        m, "describedby",
		        arena_printf(a, "%s%s%s%s", help ? id : "",
		                     help ? "-hint" : "",
		                     e ? (help ? " " : "") : "",
		                     e ? arena_printf(a, "%s-err", id) : ""));
	return m;
}

struct tval *web_intake_forms(struct http_request *req, int64_t selected,
                              const struct web_form_errors *fe)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *list = tval_list(a), *errs = fe ? fe->e : NULL;
	struct store_intake_form *forms;
	struct department d;
	size_t n;

	if (store_intake_form_list(w->store, a, &forms, &n))
		return list;
	for (size_t i = 0; i < n; i++) {
		struct tval *m, *fl;
		const char *name;
		json_t *root, *f;
		size_t k;

		if (store_department_get(w->store, a, forms[i].department_id,
		                         &d) != STORE_OK)
			continue;
		if (!(root = json_loads(forms[i].definition, 0, NULL)))
			continue;
		m = tval_map(a);
		fl = tval_list(a);
		tval_set_int(m, "department_id", d.id);
		name = web_name(req, STORE_KIND_DEPARTMENT, d.slug, d.name);
		tval_set_str(m, "department", name);
		tval_set_bool(m, "selected", d.id == selected);
		tval_set_str(m, "legend",
		             web_msg_name(req, "intake_legend", name, 0));
		json_array_foreach(json_object_get(root, "fields"), k, f)
		        tval_push(fl, field_value(req, d.id, f, errs));
		tval_set(m, "fields", fl);
		json_decref(root);
		tval_push(list, m);
	}
	return list;
}

/* A date as YYYY-MM-DD, a real day. */
static int good_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* A number as people type it: digits, one decimal point or comma, an
 * optional sign. */
static int good_number(const char *s, double *out)
{
	char buf[64], *end;
	size_t n = strlen(s);

	if (!n || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == ',')
			buf[i] = '.';
		else if (!isdigit((unsigned char)buf[i]) && buf[i] != '.' &&
		         !(i == 0 && (buf[i] == '-' || buf[i] == '+')))
			return 0;
	}
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out) && fabs(*out) < 1e12;
}

/* The option o of f whose value is v, or NULL. */
static json_t *find_option(json_t *f, const char *v)
{
	size_t i;
	json_t *o;

	json_array_foreach(json_object_get(f, "options"), i,
	                   o) if (!strcmp(option_value(o), v)) return o;
	return NULL;
}

/* The kept copy of an option: its value and label words. */
static json_t *option_copy(json_t *o)
{
	json_t *c = json_object();

	json_object_set_new(c, "value", json_string(option_value(o)));
	if (json_is_object(o) && json_object_get(o, "label"))
		json_object_set(c, "label", json_object_get(o, "label"));
	return c;
}

int intake_answers(const char *definition, int64_t department_id,
                   const struct intake_source *src, char **out)
{
	json_t *root, *rows, *f;
	size_t i;
	int bad = 0;

	*out = NULL;
	if (!(root = json_loads(definition, 0, NULL)))
		return 0;
	rows = json_array();
	json_array_foreach(json_object_get(root, "fields"), i, f)
	{
		const char *key = json_string_value(json_object_get(f, "key"));
		const char *type =
		        json_string_value(json_object_get(f, "type"));
		const char *s;
		json_t *value = NULL, *chosen = NULL, *row, *o;
		double num;

		if (!key || !type)
			continue;
		s = src->one(src->ctx, key);
		if (!strcmp(type, "multi")) {
			const char *v;
			for (size_t k = 0; (v = src->nth(src->ctx, key, k));
			     k++) {
				if (!*v)
					continue;
				if (!(o = find_option(f, v))) {
					src->error(src->ctx, key,
					           "intake_option_invalid", 0);
					bad = 1;
					break;
				}
				if (!value) {
					value = json_array();
					chosen = json_array();
				}
				json_array_append_new(value, json_string(v));
				json_array_append_new(chosen, option_copy(o));
			}
		} else if (!s || !*s) {
			continue;
		} else if (!strcmp(type, "number")) {
			if (good_number(s, &num))
				value = num == floor(num) && fabs(num) < 1e9
				                ? json_integer((json_int_t)num)
				                : json_real(num);
			else
				bad = 1, src->error(src->ctx, key,
				                    "intake_number_invalid", 0);
		} else if (!strcmp(type, "date")) {
			if (good_date(s))
				value = json_string(s);
			else
				bad = 1, src->error(src->ctx, key,
				                    "intake_date_invalid", 0);
		} else if (!strcmp(type, "select")) {
			if ((o = find_option(f, s))) {
				value = json_string(s);
				chosen = json_array();
				json_array_append_new(chosen, option_copy(o));
			} else {
				bad = 1, src->error(src->ctx, key,
				                    "intake_option_invalid", 0);
			}
		} else {
			enum form_verdict v = form_check(s, INTAKE_TEXT_MAX, 0);
			if (v == FORM_OK)
				value = json_string(s);
			else
				bad = 1,
				src->error(src->ctx, key, NULL, (int)v);
		}
		if (!value) { /* refused (reported), or a multi left empty */
			json_decref(chosen);
			continue;
		}
		row = json_object();
		json_object_set_new(row, "key", json_string(key));
		json_object_set_new(row, "type", json_string(type));
		json_object_set(row, "label", json_object_get(f, "label"));
		if (json_object_get(f, "unit"))
			json_object_set(row, "unit",
			                json_object_get(f, "unit"));
		json_object_set_new(row, "value", value);
		if (chosen)
			json_object_set_new(row, "options", chosen);
		json_array_append_new(rows, row);
	}
	if (!bad && json_array_size(rows)) {
		json_t *top = json_object();

		json_object_set_new(top, "department_id",
		                    json_integer(department_id));
		json_object_set(top, "fields", rows);
		*out = json_dumps(top, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(top);
	}
	json_decref(rows);
	json_decref(root);
	return bad ? -1 : 0;
}

/* The ask form as an intake_source. */
struct form_src {
	struct http_request *req;
	struct web_form_errors *fe;
	int64_t dept;
};

static const char *form_one(void *ctx, const char *key)
{
	struct form_src *f = ctx;

	return web_form_text(f->req, field_name(f->req, f->dept, key));
}

static const char *form_nth(void *ctx, const char *key, size_t i)
{
	struct form_src *f = ctx;
	const char *name = field_name(f->req, f->dept, key);
	const struct http_kv *kv;
	size_t n;

	kv = http_form_fields(f->req, &n);
	for (size_t k = 0; k < n; k++)
		if (!strcmp(kv[k].name, name) && i-- == 0)
			return kv[k].value;
	return NULL;
}

static void form_err(void *ctx, const char *key, const char *msg_key,
                     int verdict)
{
	struct form_src *f = ctx;

	web_form_error(f->fe, field_id(f->req, f->dept, key),
	               msg_key ? web_msg(http_app(f->req), msg_key)
	                       : web_form_message(f->req,
	                                          (enum form_verdict)verdict,
	                                          INTAKE_TEXT_MAX));
}

int web_intake_read(struct http_request *req, int64_t department_id,
                    struct web_form_errors *fe, const char **data)
{
	struct web *w = http_app(req);
	struct store_intake_form form;
	struct form_src fs = {req, fe, department_id};
	struct intake_source src = {form_one, form_nth, form_err, &fs};
	char *out = NULL;
	int rc;

	*data = NULL;
	if (!department_id)
		return 0;
	rc = store_intake_form_get(w->store, http_arena(req), department_id,
	                           &form);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	intake_answers(form.definition, department_id, &src, &out);
	if (out) {
		*data = arena_strdup(http_arena(req), out);
		free(out);
	}
	return 0;
}

/* ---- the doctor's summary ---- */

/* The shown text of a kept answer. */
static const char *answer_text(struct http_request *req, json_t *row)
{
	struct arena *a = http_arena(req);
	json_t *v = json_object_get(row, "value"), *opts, *o;
	const char *unit = json_string_value(json_object_get(row, "unit"));
	size_t i;

	opts = json_object_get(row, "options");
	if (json_is_array(opts)) {
		const char *s = "";
		json_array_foreach(opts, i, o) s = arena_printf(
		        a, "%s%s%s", s, i ? ", " : "", option_label(req, o));
		return s;
	}
	if (json_is_integer(v))
		return arena_printf(a, "%lld%s%s",
		                    (long long)json_integer_value(v),
		                    unit ? " " : "", unit ? unit : "");
	if (json_is_real(v))
		return arena_printf(a, "%g%s%s", json_real_value(v),
		                    unit ? " " : "", unit ? unit : "");
	if (json_is_string(v))
		return arena_str(req, json_string_value(v));
	return "";
}

struct tval *web_intake_summary(struct http_request *req, int64_t question_id)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *m, *rows;
	const char *data = NULL;
	json_t *root, *row;
	size_t i;

	if (store_question_intake_get(w->store, a, question_id, &data) ||
	    !data || !(root = json_loads(data, 0, NULL)))
		return NULL;
	m = tval_map(a);
	rows = tval_list(a);
	json_array_foreach(json_object_get(root, "fields"), i, row)
	{
		struct tval *r = tval_map(a);
		const char *label =
		        words_in(req, json_object_get(row, "label"));
		tval_set_str(
		        r, "label",
		        arena_str(req,
		                  label ? label
		                        : json_string_value(json_object_get(
		                                  row, "key"))));
		tval_set_str(r, "value", answer_text(req, row));
		tval_push(rows, r);
	}
	json_decref(root);
	if (!rows->u.list.n)
		return NULL;
	tval_set(m, "rows", rows);
	return m;
}

/* ---- the admin pages ---- */

static int render_edit(struct http_request *req, int status,
                       const struct department *d, const char *text,
                       const char *error, const char *done)
{
	struct tval *ctx = web_page(req);

	web_private_page(req, ctx);
	tval_set_int(ctx, "department_id", d->id);
	tval_set_str(ctx, "department",
	             web_name(req, STORE_KIND_DEPARTMENT, d->slug, d->name));
	tval_set_str(ctx, "definition", text ? text : "");
	if (error)
		tval_set_str(ctx, "error", error);
	if (done)
		tval_set_str(ctx, "done", done);
	tval_set_int(ctx, "max_bytes", INTAKE_DEF_BYTES);
	return web_render(req, status, "admin_intake_edit", ctx);
}

int page_admin_intake(struct http_request *req)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct store_intake_form *forms;
	struct department *d;
	struct tval *ctx, *list;
	size_t n, nf;
	int rc;

	if ((rc = store_department_list(w->store, a, &d, &n)) ||
	    (rc = store_intake_form_list(w->store, a, &forms, &nf)))
		return rc;
	ctx = web_page(req);
	web_private_page(req, ctx);
	list = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tval_map(a);
		int has = 0;
		for (size_t k = 0; k < nf; k++)
			has |= forms[k].department_id == d[i].id;
		tval_set_int(m, "id", d[i].id);
		tval_set_str(m, "name",
		             web_name(req, STORE_KIND_DEPARTMENT, d[i].slug,
		                      d[i].name));
		tval_set_bool(m, "has_form", has);
		tval_push(list, m);
	}
	tval_set(ctx, "departments", list);
	return web_render(req, 200, "admin_intake", ctx);
}

/* The department of the path's :id; 1 after answering 404. */
static int path_department(struct http_request *req, struct department *d)
{
	struct web *w = http_app(req);
	int64_t id;

	if (web_path_id(req, &id))
		return 1;
	return web_found(
	        req, store_department_get(w->store, http_arena(req), id, d));
}

int page_admin_intake_edit(struct http_request *req)
{
	struct web *w = http_app(req);
	struct store_intake_form f;
	struct department d;
	const char *text = "", *done = NULL;
	json_t *j;
	int rc;

	if ((rc = path_department(req, &d)))
		return rc > 0 ? 0 : rc;
	rc = store_intake_form_get(w->store, http_arena(req), d.id, &f);
	if (rc && rc != STORE_NOTFOUND)
		return rc;
	if (!rc && (j = json_loads(f.definition, 0, NULL))) {
		/* Indented, for editing. */
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (s) {
			text = arena_strdup(http_arena(req), s);
			free(s);
		}
		json_decref(j);
	}
	if (http_query(req, "done"))
		done = web_msg(w, "intake_admin_saved");
	return render_edit(req, 200, &d, text, NULL, done);
}

int page_admin_intake_post(struct http_request *req)
{
	struct web *w = http_app(req);
	const char *text, *canonical, *error;
	struct department d;
	size_t len;
	int rc;

	if ((rc = path_department(req, &d)))
		return rc > 0 ? 0 : rc;
	text = http_form(req, "definition");
	if (!text)
		text = "";
	len = strlen(text);
	if (len > INTAKE_DEF_BYTES)
		return render_edit(
		        req, 413, &d, "",
		        web_msg_n(req, "intake_def_large", INTAKE_DEF_BYTES),
		        NULL);
	if (web_intake_check(req, text, &canonical, &error))
		return render_edit(req, 400, &d, text, error, NULL);
	if ((rc = store_tx_begin(w->store)))
		return rc;
	rc = store_intake_form_set(w->store, d.id, canonical);
	rc = web_audit_end(req, rc, *canonical ? "intake.set" : "intake.remove",
	                   STORE_KIND_DEPARTMENT, d.id, NULL);
	if (rc == STORE_NOTFOUND)
		return web_not_found(req);
	if (rc)
		return rc;
	log_info("intake form saved", "department=%lld bytes=%zu",
	         (long long)d.id, strlen(canonical));
	return web_redirect(req, 303,
	                    arena_printf(http_arena(req),
	                                 "/admin/intake/%lld?done=saved",
	                                 (long long)d.id));
}
