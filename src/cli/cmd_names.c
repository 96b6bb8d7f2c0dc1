/* cli/cmd_names.c: `askdoc names --db PATH FILE|-`: set the names of
 * departments and topics in other languages (issue 16) from tab-separated
 * lines "department|topic<TAB>name as stored<TAB>language<TAB>name"
 * ('#' lines and blank lines skipped; an empty last column removes the
 * name). Topics of different departments may share a name: each gets it.
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

int cmd_names(struct cli_ctx *ctx)
{
	struct store *st = NULL;
	struct arena *a = arena_new();
	struct department *d;
	struct topic *t;
	size_t nd, nt, n = 0, cap = 0;
	char *line = NULL;
	long lineno = 0;
	FILE *in;
	int rc, status = EXIT_FAIL, in_tx = 0;

	if (ctx->argc != 1) {
		arena_free(a);
		return cli_error(ctx, EXIT_USAGE, "expected one FILE (or -)");
	}
	in = strcmp(ctx->argv[0], "-") ? fopen(ctx->argv[0], "r") : stdin;
	if (!in) {
		arena_free(a);
		return cli_error(ctx, EXIT_FAIL, "%s: cannot open",
		                 ctx->argv[0]);
	}
	if ((rc = store_open(ctx->cfg->db, 0, &st))) {
		cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		          store_errmsg());
		goto done;
	}
	if ((rc = store_department_list(st, a, &d, &nd)) ||
	    (rc = store_topic_list(st, a, 0, &t, &nt)) ||
	    (rc = store_tx_begin(st))) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	in_tx = 1;
	while (getline(&line, &cap, in) > 0) {
		char *f[4] = {0}, *p = line;
		int k = 0, is_dept;

		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!*line || *line == '#')
			continue;
		for (; k < 4 && p; k++) {
			f[k] = p;
			if ((p = strchr(p, '\t')))
				*p++ = 0;
		}
		if (k < 3 || p ||
		    (strcmp(f[0], "department") && strcmp(f[0], "topic"))) {
			cli_error(ctx, EXIT_FAIL,
			          "line %ld: expected department|topic, name, "
			          "language and name, separated by tabs",
			          lineno);
			goto done;
		}
		is_dept = !strcmp(f[0], "department");
		k = set_all(st, d, nd, t, nt, is_dept, f[1], f[2], f[3]);
		if (k < 0) {
			cli_error(ctx, EXIT_FAIL, "line %ld: %s", lineno,
			          store_errmsg());
			goto done;
		}
		if (!k) {
			cli_error(ctx, EXIT_FAIL, "line %ld: no %s called %s",
			          lineno, f[0], f[1]);
			goto done;
		}
		n += (size_t)k;
	}
	in_tx = 0;
	if ((rc = store_tx_commit(st))) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	printf("set %zu names\n", n);
	status = EXIT_OK;
done:
	if (in_tx)
		store_tx_rollback(st);
	free(line);
	if (in != stdin)
		fclose(in);
	if (st)
		store_close(st);
	arena_free(a);
	return status;
}
