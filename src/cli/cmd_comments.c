/* cli/cmd_comments.c: `askdoc comments --db PATH FILE|-`: add comments
 * from JSON Lines {"article": SLUG | "question": EXTERNAL_ID, "author":
 * EMAIL, "body": TEXT, "lang": TAG} ('#' lines and blank lines skipped;
 * "lang", the language the comment is written in, is optional: without
 * it the text's letters say it (search_language), else the page's
 * content language does), each by the
 * account with that e-mail address, shown at once (the demo's readers
 * and doctors, tools/demo.sh). All lines or none: one transaction. A
 * line naming a page or an account the database lacks, or with no body
 * or one longer than the comment form allows, is an error naming the
 * line (exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "limits.h"
#include "search/analyze.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/util.h"

/* A BCP 47 tag as comments carry it: 2 or 3 letters, then parts of 2 to
 * 8 letters or digits after '-' ("vi", "zh-TW", "zh-Hant-TW"). */
static int lang_tag_ok(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	s += n;
	while (*s == '-') {
		s++;
		for (n = 0; (s[n] >= 'a' && s[n] <= 'z') ||
		            (s[n] >= 'A' && s[n] <= 'Z') ||
		            (s[n] >= '0' && s[n] <= '9');
		     n++)
			;
		if (n < 2 || n > 8)
			return 0;
		s += n;
	}
	return *s == 0;
}

/* One line into *c; NULL, or what is wrong with it. */
static const char *read_line(struct store *st, struct arena *a, json_t *j,
                             struct comment *c)
{
	const char *slug = json_string_value(json_object_get(j, "article"));
	const char *ext = json_string_value(json_object_get(j, "question"));
	const char *email = json_string_value(json_object_get(j, "author"));
	const char *body = json_string_value(json_object_get(j, "body"));
	json_t *jl = json_object_get(j, "lang");
	const char *lang = json_string_value(jl);
	struct article ar;
	struct question q;
	struct user u;

	if (!json_is_object(j) || !email || !body || !slug == !ext)
		return "expected {\"article\" or \"question\": ..., "
		       "\"author\": ..., \"body\": ...}";
	if (!*body || utf8_chars(body) > LIMIT_COMMENT_CHARS)
		return arena_printf(a, "the body must be 1 to %d characters",
		                    LIMIT_COMMENT_CHARS);
	if (jl && !json_is_null(jl) && !lang_tag_ok(lang))
		return "\"lang\" must be a language tag such as \"vi\" or "
		       "\"zh-TW\"";
	if (store_user_by_email(st, a, email, &u))
		return arena_printf(a, "no account %s", email);
	if (slug) {
		if (store_article_by_slug(st, a, slug, &ar))
			return arena_printf(a, "no article %s", slug);
		c->target_kind = STORE_KIND_ARTICLE;
		c->target_id = ar.id;
	} else {
		if (store_qa_get_external(st, a, ext, &q))
			return arena_printf(a, "no question %s", ext);
		c->target_kind = STORE_KIND_QA;
		c->target_id = q.id;
	}
	c->user_id = u.id;
	c->body = arena_strdup(a, body);
	/* Han or Vietnamese letters say the language; plain Latin ones
	 * could be Vietnamese typed without its accents, so the page's. */
	if (!lang && (lang = search_language(body)) && !strcmp(lang, "en"))
		lang = NULL;
	c->lang = lang ? arena_strdup(a, lang) : NULL; /* NULL: the page's */
	return NULL;
}

/* One line as a comment (cli_line_fn; arg is the arena). */
static const char *add_line(void *arg, struct store *st, char *line, size_t *n)
{
	struct comment c = {0};
	json_t *j = json_loads(line, 0, NULL);
	const char *why = read_line(st, arg, j, &c);
	int64_t id;

	json_decref(j);
	if (why)
		return why;
	if (store_comment_create(st, &c, &id))
		return store_errmsg();
	++*n;
	return NULL;
}

int cmd_comments(struct cli_ctx *ctx)
{
	struct store *st;
	struct arena *a = arena_new();
	size_t n;
	FILE *in;
	int status;

	if ((status = cli_lines_open(ctx, &in, &st))) {
		arena_free(a);
		return status;
	}
	status = cli_lines_tx(ctx, st, in, " \t\r\n", add_line, a, &n);
	if (status == EXIT_OK)
		printf("added %zu comments\n", n);
	cli_lines_close(in, st);
	arena_free(a);
	return status;
}
