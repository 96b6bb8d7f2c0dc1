/* web/safety.c: emergency notices for the ask form.
 *
 * The ask form posts what the patient has typed to /api/redflags while they
 * type (debounced by static/site.js) and shows a prominent notice with the
 * site's emergency numbers when the text describes an emergency; the same
 * check runs again on submit (web_redflags), where it also puts the
 * question first in the doctors' queue, and the status page shows the
 * notice until a doctor replies. The live notice carries one hidden
 * sentence per category (web_redflags_live), the same template as the
 * notice after submit: site.js shows the ones /api/redflags names, so
 * every word stays in the templates. The text is checked in memory and
 * never logged.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "safety/pii.h"
#include "safety/redflag.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/safety.h"

struct tval *web_redflags(struct http_request *req, const char *text)
{
	struct arena *a = http_arena(req);
	struct safety_flag *f;
	size_t n = 0;
	struct tval *m, *cats;

	if (!text || safety_redflags(a, text, &f, &n) < 0 || n == 0)
		return NULL;
	m = tval_map(a);
	cats = tval_list(a);
	for (size_t i = 0; i < n; i++) {
		struct tval *c = tval_map(a);
		/* One boolean per category, for the template's own words. */
		tval_set_bool(c, safety_category_key(f[i].category), 1);
		tval_push(cats, c);
	}
	tval_set(m, "categories", cats);
	return m;
}

struct tval *web_redflags_live(struct http_request *req)
{
	struct tval *m = tval_map(http_arena(req));

	for (int c = 1; c < SAFETY_NCATEGORIES; c++)
		tval_set_bool(m, safety_category_key((enum safety_category)c),
		              1);
	tval_set_bool(m, "why_hidden", 1);
	return m;
}

int page_api_redflags(struct http_request *req)
{
	struct arena *a = http_arena(req);
	const char *text = http_form(req, "text");
	struct safety_flag *f;
	struct buf b = BUF_INIT;
	size_t n = 0;

	if (!text)
		text = "";
	if (safety_redflags(a, text, &f, &n) < 0)
		n = 0;
	buf_printf(&b, "{\"emergency\": %s, \"categories\": [",
	           n ? "true" : "false");
	for (size_t i = 0; i < n; i++) {
		const char *k = safety_category_key(f[i].category);
		if (i)
			buf_puts(&b, ", ");
		buf_json_str(&b, k, strlen(k));
	}
	buf_puts(&b, "]}\n");
	http_set_header(req, "Cache-Control", "no-store");
	return http_respond_buf(req, 200, "application/json; charset=utf-8",
	                        &b);
}

/* Replace personal data in s; returns the redacted copy, or NULL when
 * nothing was found. The markers come from the message catalog. */
static const char *redact(struct http_request *req, const char *s, int *rc)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	const char *markers[SAFETY_PII_NTYPES];
	struct safety_pii *found;
	char *out;
	size_t n = 0;

	for (int t = 0; t < SAFETY_PII_NTYPES; t++) {
		char key[48];
		const char *k = safety_pii_type_key((enum safety_pii_type)t);
		snprintf(key, sizeof(key), "pii_marker_%s", k ? k : "");
		markers[t] = k && strcmp(web_msg(w, key), key) ? web_msg(w, key)
		                                               : NULL;
	}
	*rc = safety_redact(a, s, markers, &out, &found, &n);
	if (*rc < 0 || n == 0)
		return NULL;
	return out;
}

int web_redact_question(struct http_request *req, struct question *q)
{
	const char *t, *x;
	int rc = 0;

	t = redact(req, q->title, &rc);
	if (rc < 0)
		return rc;
	x = redact(req, q->text, &rc);
	if (rc < 0)
		return rc;
	if (!t && !x)
		return 0;
	/* Doctors read the asker's own words; everything public reads the
	 * redacted ones. Nothing of either reaches the log. */
	q->original_title = q->title;
	q->original_text = q->text;
	if (t)
		q->title = t;
	if (x)
		q->text = x;
	return 0;
}
