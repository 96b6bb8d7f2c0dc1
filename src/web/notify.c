/* web/notify.c: mail to askers about their questions (asked, replied,
 * rejected), from the mail templates, with a fresh link to their status
 * page.
 *
 * Only token hashes are stored, so every mail carries a new status link
 * added to the question in the caller's transaction. Nothing is sent
 * when mail is off (--smtp-url unset).
 */
#include "web/notify.h"
#include "web/locale.h"

#include <string.h>

#include "http/http.h"
#include "services/mail.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/auth.h"
#include "web/web.h"

int web_mail_text(struct http_request *req, const char *name, struct tval *ctx,
                  const char **subject, const char **body)
{
	struct web *w = http_app(req);
	struct buf out = BUF_INIT;
	char *text, *nl;
	int rc;

	if ((rc = tmpl_render(w->tmpl, name, ctx, &out)) < 0) {
		buf_free(&out);
		return rc;
	}
	text = arena_strndup(http_arena(req), out.p ? out.p : "", out.len);
	buf_free(&out);
	/* The first line is the subject, then a blank line, then the body. */
	if (!(nl = strchr(text, '\n')))
		return WEB_EMAILTEXT;
	*nl = '\0';
	*subject = text;
	nl++;
	while (*nl == '\n')
		nl++;
	*body = nl;
	return 0;
}

int web_notify(struct http_request *req, const char *template_name,
               int64_t question_id, const char *to, const char *token)
{
	struct web *w = http_app(req);
	struct arena *a = http_arena(req);
	struct tval *ctx;
	const char *subject, *body;
	int rc, was;

	if (!w->mail || !to || !*to)
		return 0;
	if (!token) {
		/* Only hashes are stored: a mail carries a fresh link. */
		token = auth_token_new(a);
		rc = store_question_add_link(w->store, question_id,
		                             auth_token_hash(a, token));
		if (rc)
			return rc;
	}
	/* In the language the patient asked in. */
	was = web_lang_set(web_question_lang(req, question_id));
	ctx = web_page(req);
	tval_set_str(
	        ctx, "link",
	        arena_printf(a, "%s/my/question/%s", w->public_url, token));
	rc = web_mail_text(req, template_name, ctx, &subject, &body);
	web_lang_set(was);
	if (rc)
		return rc;
	return mail_enqueue(w->mail, to, subject, body);
}
