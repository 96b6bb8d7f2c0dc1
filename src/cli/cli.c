/* cli/cli.c: the subcommand table, the option table and their parser.
 *
 * Each option names the subcommands that accept it (a bit mask over the
 * subcommand table) and where its value goes in struct config. A flag given
 * to a subcommand that does not take it is a usage error (exit 2), as is a
 * number outside the option's limits.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/util.h"
#include "version.h"

static int cmd_version(struct cli_ctx *ctx);

/* Bits for the subcommands an option applies to. */
enum {
	C_SERVE = 1 << 0,
	C_IMPORT = 1 << 1,
	C_EXPORT = 1 << 2,
	C_USER = 1 << 3,
	C_BACKUP = 1 << 4,
	C_SEARCH = 1 << 5,
	C_TRIAGE = 1 << 6,
	C_VERSION = 1 << 7,
	C_MOREINFO = 1 << 8,
	C_DB = C_SERVE | C_IMPORT | C_EXPORT | C_USER | C_BACKUP | C_SEARCH |
	       C_TRIAGE | C_MOREINFO,
};

static const struct command {
	const char *name;
	int (*fn)(struct cli_ctx *);
	unsigned bit;
	const char *usage;
	const char *help;
} commands[] = {
        {"serve", cmd_serve, C_SERVE, "serve [options]", "run the web server"},
        {"import", cmd_import, C_IMPORT, "import [options] FILE|-",
         "import an archive (JSON Lines); exit 1 if any line was rejected"},
        {"export", cmd_export, C_EXPORT, "export [options] [FILE]",
         "write the database as an archive (JSON Lines; stdout without FILE)"},
        {"user", cmd_user, C_USER, "user add|list|passwd [options]",
         "manage accounts: add (with --role), list, passwd (--email)"},
        {"backup", cmd_backup, C_BACKUP, "backup [options] DEST",
         "copy the database to DEST with SQLite's online backup"},
        {"search", cmd_search, C_SEARCH, "search [options] QUERY|-",
         "search the database; with - read one query per line"},
        {"triage", cmd_triage, C_TRIAGE, "triage [options] QUESTION|-",
         "suggest a department for questions; with - one per line"},
        {"moreinfo", cmd_moreinfo, C_MOREINFO, "moreinfo [options] QUESTION|-",
         "draft cited More Info for questions; with - one per line "
         "(TITLE<TAB>TEXT<TAB>REPLY also works)"},
        {"version", cmd_version, C_VERSION, "version", "print the version"},
};

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL };

/* Defaults that live in limits.h, as the option table's strings. */
#define STR_(x) #x
#define XSTR(x) STR_(x)

static const struct option {
	const char *name;
	enum opt_type type;
	size_t offset; /* into struct config */
	const char *def;
	long min, max; /* limits for OPT_INT */
	const char *env;
	unsigned cmds;
	const char *help;
} options[] = {
#define F(field) offsetof(struct config, field)
        {"db", OPT_STR, F(db), "askdoc.db", 0, 0, "ASKDOC_DB", C_DB,
         "database file"},
        {"listen", OPT_STR, F(listen), "127.0.0.1:8080", 0, 0, "ASKDOC_LISTEN",
         C_SERVE, "address and port to serve on (ADDR:PORT)"},
        {"threads", OPT_INT, F(threads), "0", 0, 256, "ASKDOC_THREADS", C_SERVE,
         "HTTP worker threads (0: one per core)"},
        {"max-conns", OPT_INT, F(max_conns), XSTR(LIMIT_CONNECTIONS), 1,
         1000000, "ASKDOC_MAX_CONNS", C_SERVE, "open connections in all"},
        {"max-conns-per-address", OPT_INT, F(max_conns_per_addr),
         XSTR(LIMIT_CONNECTIONS_PER_IP), 0, 1000000,
         "ASKDOC_MAX_CONNS_PER_ADDRESS", C_SERVE,
         "open connections per client address (0: no limit, e.g. behind a "
         "reverse proxy)"},
        {"trusted-proxy", OPT_STR, F(trusted_proxy), NULL, 0, 0,
         "ASKDOC_TRUSTED_PROXY", C_SERVE,
         "reverse proxy address whose X-Forwarded-For (last hop) names the "
         "client for throttles and logs"},
        {"idle-timeout", OPT_INT, F(idle_timeout),
         XSTR(LIMIT_CONNECTION_TIMEOUT), 1, 3600, "ASKDOC_IDLE_TIMEOUT",
         C_SERVE, "seconds a connection may stay idle"},
        {"header-timeout", OPT_INT, F(header_timeout),
         XSTR(LIMIT_HEADER_SECONDS), 1, 3600, "ASKDOC_HEADER_TIMEOUT", C_SERVE,
         "seconds for a request's headers to arrive (slow clients are cut)"},
        {"body-timeout", OPT_INT, F(body_timeout), XSTR(LIMIT_BODY_SECONDS), 1,
         3600, "ASKDOC_BODY_TIMEOUT", C_SERVE,
         "seconds after the headers from which a body must keep up "
         "--body-min-rate"},
        {"body-min-rate", OPT_INT, F(body_min_rate), XSTR(LIMIT_BODY_MIN_RATE),
         0, 1L << 30, "ASKDOC_BODY_MIN_RATE", C_SERVE,
         "bytes/s a body must average after --body-timeout (0: be complete "
         "by then)"},
        {"templates", OPT_STR, F(templates_dir), NULL, 0, 0, "ASKDOC_TEMPLATES",
         C_SERVE, "folder whose templates override the compiled-in ones"},
        {"static", OPT_STR, F(static_dir), NULL, 0, 0, "ASKDOC_STATIC", C_SERVE,
         "folder whose files override the compiled-in static files"},
        {"site-name", OPT_STR, F(site_name), "askdoc", 0, 0, "ASKDOC_SITE_NAME",
         C_SERVE, "the site's name in pages and mail"},
        {"public-url", OPT_STR, F(public_url), "http://127.0.0.1:8080", 0, 0,
         "ASKDOC_PUBLIC_URL", C_SERVE | C_EXPORT,
         "canonical base URL (https makes cookies Secure)"},
        {"smtp-url", OPT_STR, F(smtp_url), NULL, 0, 0, "ASKDOC_SMTP_URL",
         C_SERVE, "SMTP server for notifications (smtp://host:port)"},
        {"mail-from", OPT_STR, F(mail_from), "askdoc@localhost", 0, 0,
         "ASKDOC_MAIL_FROM", C_SERVE, "sender address of notifications"},
        {"mail-retry", OPT_INT, F(mail_retry), "60", 1, 86400,
         "ASKDOC_MAIL_RETRY", C_SERVE,
         "seconds before retrying a failed mail (doubling each time)"},
        {"emergency-numbers", OPT_STR, F(emergency), "112, 911", 0, 0,
         "ASKDOC_EMERGENCY_NUMBERS", C_SERVE,
         "emergency numbers shown in emergency notices"},
        {"llm-url", OPT_STR, F(llm_url), NULL, 0, 0, "ASKDOC_LLM_URL",
         C_SERVE | C_MOREINFO,
         "OpenAI-compatible chat completions endpoint for More Info drafts"},
        {"llm-model", OPT_STR, F(llm_model), NULL, 0, 0, "ASKDOC_LLM_MODEL",
         C_SERVE | C_MOREINFO, "model name for --llm-url"},
        {"llm-timeout", OPT_INT, F(llm_timeout), "20", 1, 600,
         "ASKDOC_LLM_TIMEOUT", C_SERVE | C_MOREINFO,
         "seconds to wait for a More Info draft before using the extract"},
        {"log-level", OPT_STR, F(log_level), "info", 0, 0, "ASKDOC_LOG_LEVEL",
         C_DB, "debug, info, warn or error"},
        {"log-format", OPT_STR, F(log_format), "text", 0, 0,
         "ASKDOC_LOG_FORMAT", C_SERVE,
         "text (logfmt) or json (one object per line)"},
        {"access-log", OPT_BOOL, F(access_log), "1", 0, 1, "ASKDOC_ACCESS_LOG",
         C_SERVE, "log one line per request (1 or 0)"},
        {"qa-comments", OPT_BOOL, F(qa_comments), "0", 0, 1,
         "ASKDOC_QA_COMMENTS", C_SERVE,
         "let signed-in readers comment on Q&As too (1 or 0)"},
        {"spam-words", OPT_STR, F(spam_words), NULL, 0, 0, "ASKDOC_SPAM_WORDS",
         C_SERVE,
         "word list holding comments for moderation (default: built in)"},
        {"ask-limit-addr", OPT_INT, F(ask_limit_addr), "5", 1, 1000000,
         "ASKDOC_ASK_LIMIT_ADDR", C_SERVE,
         "questions (and follow-ups) per client address per window"},
        {"ask-window-addr", OPT_INT, F(ask_window_addr), "600", 1, 2592000,
         "ASKDOC_ASK_WINDOW_ADDR", C_SERVE,
         "seconds of the per-address question window"},
        {"ask-limit-account", OPT_INT, F(ask_limit_account), "20", 1, 1000000,
         "ASKDOC_ASK_LIMIT_ACCOUNT", C_SERVE,
         "questions (and follow-ups) per account per window"},
        {"ask-window-account", OPT_INT, F(ask_window_account), "86400", 1,
         2592000, "ASKDOC_ASK_WINDOW_ACCOUNT", C_SERVE,
         "seconds of the per-account question window"},
        {"comment-limit-addr", OPT_INT, F(comment_limit_addr), "20", 1, 1000000,
         "ASKDOC_COMMENT_LIMIT_ADDR", C_SERVE,
         "comments (and reports) per client address per window"},
        {"comment-limit-account", OPT_INT, F(comment_limit_account), "5", 1,
         1000000, "ASKDOC_COMMENT_LIMIT_ACCOUNT", C_SERVE,
         "comments per account per window"},
        {"comment-window", OPT_INT, F(comment_window), "600", 1, 2592000,
         "ASKDOC_COMMENT_WINDOW", C_SERVE, "seconds of the comment window"},
        {"login-limit-addr", OPT_INT, F(login_limit_addr), "20", 1, 1000000,
         "ASKDOC_LOGIN_LIMIT_ADDR", C_SERVE,
         "failed logins (and taken e-mails) per client address per window"},
        {"login-limit-account", OPT_INT, F(login_limit_account), "5", 1,
         1000000, "ASKDOC_LOGIN_LIMIT_ACCOUNT", C_SERVE,
         "failed logins per account from one address per window"},
        {"login-window", OPT_INT, F(login_window), "900", 1, 2592000,
         "ASKDOC_LOGIN_WINDOW", C_SERVE, "seconds of the login window"},
        {"register-limit-addr", OPT_INT, F(register_limit_addr), "10", 1,
         1000000, "ASKDOC_REGISTER_LIMIT_ADDR", C_SERVE,
         "new accounts (registrations, doctor applications) per client "
         "address per window"},
        {"register-window", OPT_INT, F(register_window), "3600", 1, 2592000,
         "ASKDOC_REGISTER_WINDOW", C_SERVE,
         "seconds of the registration window"},
        {"metrics-token", OPT_STR, F(metrics_token), NULL, 0, 0,
         "ASKDOC_METRICS_TOKEN", C_SERVE,
         "serve /metrics to \"Authorization: Bearer TOKEN\" only (without "
         "this or --metrics-listen, /metrics is off)"},
        {"metrics-listen", OPT_STR, F(metrics_listen), NULL, 0, 0,
         "ASKDOC_METRICS_LISTEN", C_SERVE,
         "serve /metrics on this ADDR:PORT only (e.g. 127.0.0.1:9090)"},
        {"hash-slots", OPT_INT, F(hash_slots), "0", 0, 256, "ASKDOC_HASH_SLOTS",
         C_SERVE,
         "password hashes at once; more wait (503) (0: worker threads - 1, "
         "at least 1)"},
        {"form-min-seconds", OPT_INT, F(form_min_seconds), "3", 0, 3600,
         "ASKDOC_FORM_MIN_SECONDS", C_SERVE,
         "refuse public forms (not login) sent back sooner"},
        {"form-max-age", OPT_INT, F(form_max_age), "86400", 1, 2592000,
         "ASKDOC_FORM_MAX_AGE", C_SERVE, "seconds a rendered form stays valid"},
        {"limit", OPT_INT, F(limit), "10", 1, 1000, NULL, C_SEARCH,
         "results per query"},
        {"json", OPT_BOOL, F(json), "0", 0, 1, NULL,
         C_SEARCH | C_TRIAGE | C_USER | C_MOREINFO, "print JSON Lines"},
        {"role", OPT_STR, F(role), "patient", 0, 0, NULL, C_USER,
         "user add: patient, doctor, moderator or admin"},
        {"email", OPT_STR, F(email), NULL, 0, 0, NULL, C_USER,
         "user add/passwd: the account's e-mail (its login)"},
        {"name", OPT_STR, F(name), NULL, 0, 0, NULL, C_USER,
         "user add: display name"},
        {"password", OPT_STR, F(password), NULL, 0, 0, "ASKDOC_PASSWORD",
         C_USER, "user add/passwd: password (else read from stdin)"},
        {"hospital", OPT_STR, F(hospital), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: hospital"},
        {"title", OPT_STR, F(title), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: professional title"},
        {"department", OPT_STR, F(department), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: department name"},
        {"bio", OPT_STR, F(bio), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: a short biography"},
        {"signoff", OPT_STR, F(signoff), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: default sign-off under replies"},
        {"licence", OPT_STR, F(licence), NULL, 0, 0, NULL, C_USER,
         "user add --role doctor: licence number (never shown publicly)"},
        {"batch", OPT_INT, F(batch), "5000", 1, 1000000, NULL, C_IMPORT,
         "records per import transaction"},
        {"archive", OPT_STR, F(archive), NULL, 0, 0, NULL,
         C_SEARCH | C_TRIAGE | C_MOREINFO,
         "index this archive (JSON Lines) instead of the database"},
#undef F
};

int cli_error(const struct cli_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "askdoc: %s%s", ctx && ctx->cmd ? ctx->cmd : "",
	        ctx && ctx->cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static void usage_all(FILE *f)
{
	fprintf(f, "usage: askdoc COMMAND [options] [args]\n\ncommands:\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n`askdoc COMMAND --help` lists a command's options.\n");
}

static void usage_cmd(FILE *f, const struct command *c)
{
	fprintf(f, "usage: askdoc %s\n%s\n\noptions:\n", c->usage, c->help);
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];
		char flag[64];

		if (!(o->cmds & c->bit))
			continue;
		snprintf(flag, sizeof(flag), "--%s%s", o->name,
		         o->type == OPT_STR   ? " S"
		         : o->type == OPT_INT ? " N"
		                              : "");
		fprintf(f, "  %-24s %s", flag, o->help);
		if (o->def)
			fprintf(f, " [%s]", o->def);
		if (o->env)
			fprintf(f, " (env %s)", o->env);
		fputc('\n', f);
	}
	fprintf(f, "  %-24s %s\n", "--help", "show this help");
}

static int set_option(struct cli_ctx *ctx, const struct option *o,
                      const char *value, const char *from)
{
	void *field = (char *)ctx->cfg + o->offset;

	if (o->type == OPT_STR) {
		*(const char **)field = value;
	} else if (o->type == OPT_INT || o->type == OPT_BOOL) {
		char *end;
		long v;

		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < o->min || v > o->max)
			return cli_error(
			        ctx, EXIT_USAGE,
			        "%s %s: expected a number from %ld to %ld",
			        from, o->name, o->min, o->max);
		if (o->type == OPT_INT)
			*(long *)field = v;
		else
			*(int *)field = (int)v;
	}
	return 0;
}

static const struct option *find_option(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (strlen(options[i].name) == len &&
		    strncmp(options[i].name, name, len) == 0)
			return &options[i];
	return NULL;
}

static int cmd_version(struct cli_ctx *ctx)
{
	(void)ctx;
	printf("askdoc %s\n", ASKDOC_VERSION);
	return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
	static struct config cfg;
	struct cli_ctx ctx = {NULL, &cfg, 0, NULL};
	const struct command *c = NULL;
	int rc, npos = 0;

	memset(&cfg, 0, sizeof(cfg)); /* cli_main may run more than once */
	if (argc < 2) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = "version";
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			c = &commands[i];
	if (!c) {
		fprintf(stderr,
		        "askdoc: unknown command '%s' (try askdoc --help)\n",
		        argv[1]);
		return EXIT_USAGE;
	}
	ctx.cmd = c->name;

	/* Defaults, then environment, then flags. */
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];
		const char *env = o->env ? getenv(o->env) : NULL;

		if (o->def && (rc = set_option(&ctx, o, o->def, "default")))
			return rc;
		if (env && (o->cmds & c->bit) &&
		    (rc = set_option(&ctx, o, env, o->env)))
			return rc;
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *eq, *value;
		const struct option *o;
		size_t len;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage_cmd(stdout, c);
			return EXIT_OK;
		}
		if (!strcmp(a, "--")) {
			while (++i < argc)
				argv[2 + npos++] = argv[i];
			break;
		}
		if (strncmp(a, "--", 2) != 0 || !a[2]) {
			argv[2 + npos++] = argv[i]; /* positional ("-" too) */
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		o = find_option(a, len);
		if (!o || !(o->cmds & c->bit))
			return cli_error(
			        &ctx, EXIT_USAGE,
			        "unknown option --%.*s (try askdoc %s --help)",
			        (int)len, a, c->name);
		if (eq) {
			value = eq + 1;
		} else if (o->type == OPT_BOOL) {
			value = "1";
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return cli_error(&ctx, EXIT_USAGE, "--%s needs a value",
			                 o->name);
		}
		if ((rc = set_option(&ctx, o, value, "option")))
			return rc;
	}
	ctx.argc = npos;
	ctx.argv = argv + 2;
	return c->fn(&ctx);
}

int cli_answer_each(const struct cli_ctx *ctx, cli_answer_fn fn, void *arg)
{
	struct arena *a = arena_new();
	struct buf out = BUF_INIT;

	if (ctx->argc == 1 && !strcmp(ctx->argv[0], "-")) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		while ((n = getline(&line, &cap, stdin)) >= 0) {
			while (n > 0 &&
			       (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = 0;
			fn(arg, a, line, &out);
			fwrite(out.p, 1, out.len, stdout);
			fflush(stdout);
			buf_clear(&out);
			arena_reset(a);
		}
		free(line);
	} else {
		struct buf q = BUF_INIT;

		for (int i = 0; i < ctx->argc; i++) {
			if (i)
				buf_putc(&q, ' ');
			buf_puts(&q, ctx->argv[i]);
		}
		fn(arg, a, q.p ? q.p : "", &out);
		fwrite(out.p, 1, out.len, stdout);
		buf_free(&q);
	}
	buf_free(&out);
	arena_free(a);
	return EXIT_OK;
}
