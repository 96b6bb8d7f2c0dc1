/* web/intake.h: a structured intake per department (web/intake.c).
 *
 * A department's intake form is data an admin edits (/admin/intake), kept
 * as JSON:
 *
 *   {"fields": [{"key": "afp", "type": "number",
 *                "label": {"en": "AFP", "zh-TW": "甲型胎兒蛋白"},
 *                "help": {"en": "..."}, "unit": "ng/mL"},
 *               {"key": "child_pugh", "type": "select",
 *                "label": {"en": "Child-Pugh class"},
 *                "options": ["A", "B", {"value": "unknown",
 *                            "label": {"en": "Not known"}}]}]}
 *
 * Types: text, number, select, multi (several options), date
 * (YYYY-MM-DD). The ask form shows a department's fields when it is
 * chosen or suggested, every field optional and checked by its type. A
 * question keeps what the asker filled in with the fields' definitions,
 * so the doctor's summary table reads the same after the form changes.
 * The answers are private: doctors see them, readers never do.
 */
#ifndef ASKDOC_WEB_INTAKE_H
#define ASKDOC_WEB_INTAKE_H

#include <stddef.h>
#include <stdint.h>

struct http_request;
struct tval;
struct web_form_errors;

/* ---- without a request (the CLI's too) ---- */

/* Check definition json. Returns 0 with *canonical (malloc'd: the
 * compact JSON to keep, "" for an empty text), or -1 with *key (the
 * catalog key of the problem) and where (its place, n bytes: a JSON path
 * such as "fields[2].options[1]", "line:column" for a syntax error, the
 * byte limit for a text too large). */
int intake_check(const char *json, char **canonical, const char **key,
                 char *where, size_t n);

/* Where intake_answers reads a department form's answers: one(key) the
 * answer to a field ("" or NULL: none), nth(key, i) the i-th of a multi
 * field's (NULL after the last); error(key, msg_key, verdict) records a
 * problem: a catalog key, or (msg_key NULL) a text's form_verdict. */
struct intake_source {
	const char *(*one)(void *ctx, const char *key);
	const char *(*nth)(void *ctx, const char *key, size_t i);
	void (*error)(void *ctx, const char *key, const char *msg_key,
	              int verdict);
	void *ctx;
};

/* The answers to form definition (checked by intake_check) of
 * department_id, checked by type: *out is the JSON to keep (malloc'd), or
 * NULL when nothing was answered. -1 when an answer was refused (each
 * problem reported through src->error; *out NULL), else 0. */
int intake_answers(const char *definition, int64_t department_id,
                   const struct intake_source *src, char **out);

/* ---- the web pages ---- */

/* Check definition json. Returns 0 with *canonical (the compact JSON to
 * keep, in the request's arena; "" for an empty text, which removes the
 * form), or WEB_EINTAKE with *error (a catalog message naming the
 * place). */
int web_intake_check(struct http_request *req, const char *json,
                     const char **canonical, const char **error);

/* The ask form's "intakes": every department's form with the values the
 * request's form carried and fe's errors (fe may be NULL); [] when no
 * department has one. */
struct tval *web_intake_forms(struct http_request *req, int64_t selected,
                              const struct web_form_errors *fe);

/* Read and check the answers to department_id's form from the request,
 * recording problems in fe. *data is the JSON to keep, or NULL when the
 * department has no form or nothing was filled in. Returns 0 or a STORE_*
 * code. */
int web_intake_read(struct http_request *req, int64_t department_id,
                    struct web_form_errors *fe, const char **data);

/* The doctor's summary of question_id's answers: {"rows": [{label,
 * value}]}, or NULL when there are none. */
struct tval *web_intake_summary(struct http_request *req, int64_t question_id);

/* Admin: GET /admin/intake, GET and POST /admin/intake/:id. */
int page_admin_intake(struct http_request *req);
int page_admin_intake_edit(struct http_request *req);
int page_admin_intake_post(struct http_request *req);

#endif
