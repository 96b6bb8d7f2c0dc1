/* cli/cmd_intake.c: `askdoc intake form DEPARTMENT FILE|-` sets a
 * department's intake form (web/intake.h: JSON, checked as the admin
 * page checks it; an empty file removes it), and `askdoc intake answers
 * FILE|-` keeps askers' answers with questions from JSON Lines
 * {"question": EXTERNAL_ID, "answers": {KEY: VALUE or [VALUES]}} ('#'
 * lines and blank lines skipped), each checked by its department's form
 * (the demo's questions use it, tools/demo.sh). All lines or none: one
 * transaction; a bad line is an error naming it (exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/arena.h"
#include "web/intake.h"

/* The whole of file path ("-": stdin), malloc'd; NULL when unreadable. */
static char *slurp(const char *path)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *s = NULL;
	size_t n = 0, cap = 0, got;

	if (!in)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			char *t = realloc(s, cap = 2 * cap + 4096 + 1);
			if (!t) {
				free(s);
				s = NULL;
				break;
			}
			s = t;
		}
		got = fread(s + n, 1, cap - n - 1, in);
		n += got;
	} while (got > 0);
	if (s)
		s[n] = '\0';
	if (in != stdin)
		fclose(in);
	return s;
}

/* The department called name (or with that slug); 0 when none. */
static int64_t find_department(struct store *st, struct arena *a,
                               const char *name)
{
	struct department *d;
	size_t n;

	if (store_department_list(st, a, &d, &n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(d[i].name, name) || !strcmp(d[i].slug, name))
			return d[i].id;
	return 0;
}

static int set_form(struct cli_ctx *ctx, struct store *st, struct arena *a)
{
	char *text, *canonical = NULL, where[160];
	const char *key = NULL;
	int64_t dept;
	int status = EXIT_FAIL;

	if (ctx->argc != 3)
		return cli_error(ctx, EXIT_USAGE,
		                 "expected: intake form DEPARTMENT FILE|-");
	if (!(dept = find_department(st, a, ctx->argv[1])))
		return cli_error(ctx, EXIT_FAIL, "no department called %s",
		                 ctx->argv[1]);
	if (!(text = slurp(ctx->argv[2])))
		return cli_error(ctx, EXIT_FAIL, "%s: cannot read",
		                 ctx->argv[2]);
	if (intake_check(text, &canonical, &key, where, sizeof(where))) {
		cli_error(ctx, EXIT_FAIL, "%s: %s (%s)", ctx->argv[2], where,
		          key);
	} else if (store_intake_form_set(st, dept, canonical)) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	} else {
		printf("%s intake form of %s\n", *canonical ? "set" : "removed",
		       ctx->argv[1]);
		status = EXIT_OK;
	}
	free(canonical);
	free(text);
	return status;
}

/* One line's answers as an intake_source. */
struct line_src {
	json_t *answers;
	const char *problem; /* the first: "KEY: catalog key" */
	char buf[160];
};

static const char *line_one(void *c, const char *key)
{
	struct line_src *l = c;
	json_t *v = json_object_get(l->answers, key);

	if (json_is_number(v)) {
		snprintf(l->buf, sizeof(l->buf), "%g", json_number_value(v));
		return l->buf;
	}
	return json_string_value(v);
}

static const char *line_nth(void *c, const char *key, size_t i)
{
	struct line_src *l = c;
	json_t *v = json_object_get(l->answers, key);

	return json_is_array(v) ? json_string_value(json_array_get(v, i))
	                        : NULL;
}

static void line_err(void *c, const char *key, const char *msg_key, int verdict)
{
	struct line_src *l = c;

	(void)verdict;
	if (!l->problem) {
		snprintf(l->buf, sizeof(l->buf), "%s: %s", key,
		         msg_key ? msg_key : "text refused");
		l->problem = l->buf;
	}
}

/* One line's answers kept with its question (cli_line_fn; arg is the
 * arena). */
static const char *answer_line(void *arg, struct store *st, char *line,
                               size_t *n)
{
	struct arena *a = arg;
	struct store_intake_form form;
	struct question q;
	struct line_src ls = {NULL, NULL, ""};
	struct intake_source src = {line_one, line_nth, line_err, &ls};
	const char *ext, *why = NULL;
	char *out = NULL;
	json_t *j = json_loads(line, 0, NULL);
	int rc;

	ext = json_string_value(json_object_get(j, "question"));
	ls.answers = json_object_get(j, "answers");
	if (!ext || !json_is_object(ls.answers)) {
		why = "expected {\"question\": ..., \"answers\": {...}}";
		goto done;
	}
	if (store_qa_get_external(st, a, ext, &q) || !q.department_id ||
	    store_intake_form_get(st, a, q.department_id, &form)) {
		why = arena_printf(a, "no question %s with an intake form",
		                   ext);
		goto done;
	}
	rc = intake_answers(form.definition, q.department_id, &src, &out);
	if (rc || !out) {
		why = ls.problem ? arena_strdup(a, ls.problem) : "no answers";
		goto done;
	}
	if (store_question_intake_set(st, q.id, out)) {
		why = store_errmsg();
		goto done;
	}
	++*n;
done:
	free(out);
	json_decref(j);
	return why;
}

static int set_answers(struct cli_ctx *ctx, struct store *st, struct arena *a)
{
	FILE *in;
	size_t n;
	int status;

	if (ctx->argc != 2)
		return cli_error(ctx, EXIT_USAGE,
		                 "expected: intake answers FILE|-");
	in = strcmp(ctx->argv[1], "-") ? fopen(ctx->argv[1], "r") : stdin;
	if (!in)
		return cli_error(ctx, EXIT_FAIL, "%s: cannot open",
		                 ctx->argv[1]);
	status = cli_lines_tx(ctx, st, in, " \t\r\n", answer_line, a, &n);
	if (status == EXIT_OK)
		printf("kept the answers of %zu questions\n", n);
	if (in != stdin)
		fclose(in);
	return status;
}

int cmd_intake(struct cli_ctx *ctx)
{
	struct store *st = NULL;
	struct arena *a;
	int status;

	if (ctx->argc < 1 ||
	    (strcmp(ctx->argv[0], "form") && strcmp(ctx->argv[0], "answers")))
		return cli_error(ctx, EXIT_USAGE,
		                 "expected: intake form DEPARTMENT FILE|- or "
		                 "intake answers FILE|-");
	if (store_open(ctx->cfg->db, 0, &st))
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 store_errmsg());
	a = arena_new();
	status = !strcmp(ctx->argv[0], "form") ? set_form(ctx, st, a)
	                                       : set_answers(ctx, st, a);
	arena_free(a);
	store_close(st);
	return status;
}
