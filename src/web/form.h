/* web/form.h: the rules every form follows, and how its errors are shown.
 *
 * One set of rules for every text a person types, on every page (asking,
 * accounts, doctor applications, replies, comments, articles, moderation):
 *  - line ends: CRLF and a lone CR become LF;
 *  - blanks (space, tab, line end) around the text are trimmed;
 *  - control characters: a one-line field accepts none, a multi-line
 *    field accepts LF and TAB; any other (C0, DEL, C1) refuses the field
 *    with "form_bad_chars". Nothing is dropped silently: the person sees
 *    their text again and why it was refused;
 *  - lengths count characters (code points), never bytes (limits.h), so
 *    every script gets the same room;
 *  - a text over its limit makes the answer 413, other problems 400.
 * One e-mail check for every address a form takes (form_email_ok): its
 * shape, in any script (accounts add the identity checks of
 * safety/identity.h); where mail is sent to it, the mailer's own
 * mail_address_ok applies too.
 *
 * Free text goes through web_form_field (or web_form_check); web_form_text
 * alone is for values checked against a list or parsed (ids, choices).
 */
#ifndef ASKDOC_WEB_FORM_H
#define ASKDOC_WEB_FORM_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct http_request;
struct tval;

/* What form_check found. */
enum form_verdict {
	FORM_OK = 0,
	FORM_MISSING,   /* empty and required */
	FORM_TOO_LONG,  /* more characters than allowed */
	FORM_BAD_CHARS, /* a control character the field does not accept */
	FORM_BAD_EMAIL, /* not an address we can send to */
};

/* Flags of a field. */
#define FORM_REQUIRED  1u /* empty is an error */
#define FORM_MULTILINE 2u /* LF and TAB allowed */
#define FORM_EMAIL     4u /* an e-mail address (one line) */

/* s with CRLF and lone CR made LF and blanks trimmed at both ends, in a
 * ("" for NULL). Nothing else changes. */
char *form_clean(struct arena *a, const char *s);
/* 1 when s has a control character that flags do not allow, else 0. */
int form_bad_chars(const char *s, unsigned flags);
/* 1 when s has the shape of an e-mail address: one '@' with text before
 * it, a domain with a dot neither first nor last, no blanks, quotes,
 * angle brackets, commas, semicolons, backslashes or control characters,
 * at most LIMIT_EMAIL_BYTES. Any script. Else 0. */
int form_email_ok(const char *s);
/* The rules for cleaned text s: FORM_OK or the first problem, checked in
 * the order of the enum. max counts characters (0: no limit; e-mail
 * addresses are limited by the e-mail check). */
enum form_verdict form_check(const char *s, size_t max, unsigned flags);
/* A new password pw and its confirmation pw2 (sent as typed, never
 * cleaned): NULL when pw passes password_check (util/password.h) and pw2
 * is the same, else the catalog key of the first problem with *field
 * set to the field it belongs to ("password" or "password2"). */
const char *form_new_password_key(const char *pw, const char *pw2,
                                  const char **field);

/* Errors of a submitted form: "e" maps a field to its message (the
 * templates' {{e.title}}), "errors" lists {field, message} for the
 * summary (templates/form_errors.mustache). */
struct web_form_errors {
	struct arena *a;
	struct tval *e, *list;
	int n;
	int too_large; /* a text was over its limit: 413 */
};
void web_form_errors_init(struct web_form_errors *fe, struct arena *a);
/* Record message (kept as given) for field; a field's first error wins. */
void web_form_error(struct web_form_errors *fe, const char *field,
                    const char *message);
/* Put e, errors and has_errors into a page's values. */
void web_form_errors_set(struct tval *ctx, const struct web_form_errors *fe);
/* 413 when a text was too large, 400 for other errors, 200 for none. */
int web_form_status(const struct web_form_errors *fe);

/* Form field name, cleaned (form_clean) in the arena; "" when absent.
 * Not checked: for values compared with a list or parsed. */
const char *web_form_text(struct http_request *req, const char *name);
/* The catalog's message for verdict v of a field limited to max. */
const char *web_form_message(struct http_request *req, enum form_verdict v,
                             size_t max);
/* Check cleaned text s by the rules: 0, or the HTTP status (400, 413)
 * with the catalog's message in *error. */
int web_form_check(struct http_request *req, const char *s, size_t max,
                   unsigned flags, const char **error);
/* Check cleaned text s of field by the rules, recording the first problem
 * on field in fe (a text over max also sets too_large). missing_key and
 * long_key (with "{n}" for max) are the page's own catalog keys for an
 * empty or a too long text; NULL: the form's ("form_required",
 * "form_too_long"). Returns the verdict. */
enum form_verdict web_form_rule(struct http_request *req,
                                struct web_form_errors *fe, const char *field,
                                const char *s, size_t max, unsigned flags,
                                const char *missing_key, const char *long_key);
/* Read field name (web_form_text) and check it by the rules, recording
 * the first problem on name in fe. Returns the text as typed (cleaned),
 * "" when absent, so that a refused form shows it again. */
const char *web_form_field(struct http_request *req, struct web_form_errors *fe,
                           const char *name, size_t max, unsigned flags);

/* The catalog's text for key with "{n}" replaced by n, in the arena. */
const char *web_msg_n(struct http_request *req, const char *key, long long n);
/* The departments as a form's select options in ctx's "departments"
 * (id, name, selected for chosen); *found (may be NULL) says whether
 * chosen is one of them. Returns 0 or a STORE_* code. */
int web_department_options(struct http_request *req, struct tval *ctx,
                           int64_t chosen, int *found);

#endif
