/* cli/cmd_names.c: `askdoc names --db PATH FILE|-`: set the names of
 * departments, topics and article categories in other languages (issue
 * 16) from tab-separated lines
 * "department|topic|category<TAB>name as stored<TAB>language<TAB>name"
 * ('#' lines and blank lines skipped; an empty last column removes the
 * name). A category is named by its path as articles have it ("More >
 * Health"), and the name is its last part's. Topics of different
 * departments may share a name: each gets it.
 * All lines or none: one transaction. A line naming a department or
 * topic the database lacks is an error naming the line (exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/arena.h"

/* Set the name in lang of every department (is_dept) or topic called
 * name. Returns how many were set (0: none is called so), or -1 on a
 * store error. */
static int set_all(struct store *st, const struct department *d, size_t nd,
                   const struct topic *t, size_t nt, int is_dept,
                   const char *name, const char *lang, const char *value)
{
	int n = 0;

	for (size_t i = 0; i < (is_dept ? nd : nt); i++) {
		if (strcmp(is_dept ? d[i].name : t[i].name, name))
			continue;
		if (store_name_set(st,
		                   is_dept ? STORE_KIND_DEPARTMENT
		                           : STORE_KIND_TOPIC,
		                   is_dept ? d[i].id : t[i].id, lang, value))
			return -1;
		n++;
	}
	return n;
}

/* The category path as store_category_paths writes it, if some
 * article's category is it or lies below it; else NULL. */
static const char *category_in_use(struct arena *a,
                                   const struct article_category *c, size_t n,
                                   const char *path)
{
	const char **v;
	size_t nv = store_category_paths(a, path, &v);
	const char *norm = nv ? v[nv - 1] : NULL;

	for (size_t i = 0; norm && i < n; i++) {
		size_t k = strlen(norm);
		if (!strncmp(c[i].path, norm, k) &&
		    (!c[i].path[k] || !strncmp(c[i].path + k, " > ", 3)))
			return norm;
	}
	return NULL;
}

/* What a line may name, read once before the transaction. */
struct names {
	struct arena *a;
	struct department *d;
	struct topic *t;
	struct article_category *cats;
	size_t nd, nt, nc;
};

/* One line's name (cli_line_fn; arg is a struct names). */
static const char *set_line(void *arg, struct store *st, char *line, size_t *n)
{
	struct names *w = arg;
	char *f[4] = {0}, *p = line;
	int k = 0, is_dept;

	line[strcspn(line, "\r\n")] = 0;
	if (!*line)
		return NULL;
	for (; k < 4 && p; k++) {
		f[k] = p;
		if ((p = strchr(p, '\t')))
			*p++ = 0;
	}
	if (k < 3 || p ||
	    (strcmp(f[0], "department") && strcmp(f[0], "topic") &&
	     strcmp(f[0], "category")))
		return "expected department|topic|category, name, language "
		       "and name, separated by tabs";
	if (!strcmp(f[0], "category")) {
		const char *path = category_in_use(w->a, w->cats, w->nc, f[1]);

		if (!path)
			return arena_printf(w->a, "no article category %s",
			                    f[1]);
		if (store_category_name_set(st, path, f[2], f[3]))
			return store_errmsg();
		++*n;
		return NULL;
	}
	is_dept = !strcmp(f[0], "department");
	k = set_all(st, w->d, w->nd, w->t, w->nt, is_dept, f[1], f[2], f[3]);
	if (k < 0)
		return store_errmsg();
	if (!k)
		return arena_printf(w->a, "no %s called %s", f[0], f[1]);
	*n += (size_t)k;
	return NULL;
}

int cmd_names(struct cli_ctx *ctx)
{
	struct store *st;
	struct names w = {.a = arena_new()};
	size_t n;
	FILE *in;
	int status;

	if ((status = cli_lines_open(ctx, &in, &st))) {
		arena_free(w.a);
		return status;
	}
	if (store_department_list(st, w.a, &w.d, &w.nd) ||
	    store_topic_list(st, w.a, 0, &w.t, &w.nt) ||
	    store_article_categories(st, w.a, &w.cats, &w.nc)) {
		status = cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	status = cli_lines_tx(ctx, st, in, "\r\n", set_line, &w, &n);
	if (status == EXIT_OK)
		printf("set %zu names\n", n);
done:
	cli_lines_close(in, st);
	arena_free(w.a);
	return status;
}
