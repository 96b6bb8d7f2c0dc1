/* cli/cli.c: the subcommand table, the option table and their parser.
 *
 * Each option names the subcommands that accept it (a bit mask over the
 * subcommand table) and where its value goes in struct config. A flag given
 * to a subcommand that does not take it is a usage error (exit 2), as is a
 * number outside the option's limits.
 */
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "limits.h"
#include "store/store.h"
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
	C_INIT = 1 << 9,
	C_CONFIG = 1 << 10,
	C_SAFETY = 1 << 11,
	C_NAMES = 1 << 12,
	C_INTAKE = 1 << 13,
	C_COMMENTS = 1 << 14,
	C_DB = C_SERVE | C_IMPORT | C_EXPORT | C_USER | C_BACKUP | C_SEARCH |
	       C_TRIAGE | C_MOREINFO | C_INIT | C_NAMES | C_INTAKE | C_COMMENTS,
};

static const struct command {
	const char *name;
	int (*fn)(struct cli_ctx *);
	unsigned bit;
	const char *usage;
	const char *help;
} commands[] = {
        {"init", cmd_init, C_INIT, "init [options]",
         "create an empty database at --db (fails if the file exists)"},
        {"serve", cmd_serve, C_SERVE, "serve [options]",
         "run the web server on an existing database (--create makes one)"},
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
        {"config", cmd_config, C_CONFIG,
         "config check FILE|show|example [options]",
         "check a configuration file (check FILE), print the settings in "
         "effect with secrets hidden (show), or every setting commented "
         "out (example)"},
        {"safety", cmd_safety, C_SAFETY, "safety [options] TEXT|-",
         "check texts for emergencies and personal data; with - one per "
         "line"},
        {"names", cmd_names, C_NAMES, "names [options] FILE|-",
         "set departments', topics' and article categories' names in "
         "other languages from tab-separated lines: "
         "department|topic|category, name, language, name"},
        {"intake", cmd_intake, C_INTAKE,
         "intake form DEPARTMENT FILE|- | intake answers FILE|- [options]",
         "set a department's intake form (JSON), or keep askers' answers "
         "with questions from JSON Lines"},
        {"comments", cmd_comments, C_COMMENTS, "comments [options] FILE|-",
         "add comments by existing accounts from JSON Lines: article or "
         "question, author (e-mail), body"},
        {"version", cmd_version, C_VERSION, "version", "print the version"},
};

enum opt_type { OPT_STR, OPT_INT, OPT_BOOL };

/* Option flags (the table's last column; rows without it get 0).
 * O_SECRET: the value may instead be read from a file named by NAME-file
 * (flag --NAME-file, variable ENV_FILE, key NAME_file in the configuration
 * file), so it stays out of the process list and the environment.
 * O_NOFILE: never a configuration file key. */
enum { O_SECRET = 1, O_NOFILE = 2 };

/* A value checker: 0, or -1 with why (a short phrase) filled in. */
typedef int (*opt_check_fn)(const char *value, char *why, size_t n);
static int check_log_level(const char *v, char *why, size_t n);
static int check_log_format(const char *v, char *why, size_t n);
static int check_listen(const char *v, char *why, size_t n);
static int check_url(const char *v, char *why, size_t n);
static int check_address(const char *v, char *why, size_t n);

/* Defaults that live in limits.h, as the option table's strings. */
#define STR_(x) #x
#define XSTR(x) STR_(x)

/* The last columns (flags, check) are optional: rows without them get 0. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct option {
	const char *name;
	enum opt_type type;
	size_t offset; /* into struct config */
	const char *def;
	long min, max; /* limits for OPT_INT */
	const char *env;
	unsigned cmds;
	const char *help;
	unsigned flags;     /* O_SECRET, O_NOFILE */
	opt_check_fn check; /* NULL: any string (numbers: min..max) */
} options[] = {
#define F(field) offsetof(struct config, field)
        {"config", OPT_STR, F(config), NULL, 0, 0, "ASKDOC_CONFIG",
         C_DB | C_CONFIG,
         "configuration file of name = value lines (askdoc.conf(5)); flags "
         "and environment win over it",
         O_NOFILE},
        {"db", OPT_STR, F(db), "askdoc.db", 0, 0, "ASKDOC_DB", C_DB,
         "database file"},
        {"create", OPT_BOOL, F(create), "0", 0, 1, NULL, C_SERVE,
         "create the database when --db does not exist (otherwise serve "
         "refuses a missing database)"},
        {"db-password", OPT_STR, F(db_password), NULL, 0, 0,
         "ASKDOC_DB_PASSWORD", C_DB,
         "password for a PostgreSQL --db URL (unused with SQLite)", O_SECRET},
        {"listen", OPT_STR, F(listen), "127.0.0.1:8080", 0, 0, "ASKDOC_LISTEN",
         C_SERVE, "address and port to serve on (ADDR:PORT)", 0, check_listen},
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
         "client for throttles and logs",
         0, check_address},
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
         "canonical base URL (https makes cookies Secure)", 0, check_url},
        {"smtp-url", OPT_STR, F(smtp_url), NULL, 0, 0, "ASKDOC_SMTP_URL",
         C_SERVE, "SMTP server for notifications (smtp://host:port)", 0,
         check_url},
        {"smtp-user", OPT_STR, F(smtp_user), NULL, 0, 0, "ASKDOC_SMTP_USER",
         C_SERVE, "user name for the SMTP server's login"},
        {"smtp-password", OPT_STR, F(smtp_password), NULL, 0, 0,
         "ASKDOC_SMTP_PASSWORD", C_SERVE,
         "password for the SMTP server's login", O_SECRET},
        {"mail-from", OPT_STR, F(mail_from), "askdoc@localhost", 0, 0,
         "ASKDOC_MAIL_FROM", C_SERVE, "sender address of notifications"},
        {"mail-retry", OPT_INT, F(mail_retry), "60", 1, 86400,
         "ASKDOC_MAIL_RETRY", C_SERVE,
         "seconds before retrying a failed mail (doubling each time)"},
        {"emergency-numbers", OPT_STR, F(emergency), NULL, 0, 0,
         "ASKDOC_EMERGENCY_NUMBERS", C_SERVE,
         "emergency numbers shown in emergency notices (default: by the "
         "page's language, docs/translating.md)"},
        {"languages", OPT_STR, F(languages), "en,zh-TW,zh-CN,vi", 0, 0,
         "ASKDOC_LANGUAGES", C_SERVE,
         "languages the site offers (each needs a message catalog)"},
        {"default-language", OPT_STR, F(default_language), "en", 0, 0,
         "ASKDOC_DEFAULT_LANGUAGE", C_SERVE,
         "language for readers whose browser asks for none of --languages"},
        {"timezone", OPT_STR, F(timezone), "UTC", 0, 0, "ASKDOC_TIMEZONE",
         C_SERVE, "time zone of dates and times on pages (e.g. Asia/Taipei)"},
        {"llm-url", OPT_STR, F(llm_url), NULL, 0, 0, "ASKDOC_LLM_URL",
         C_SERVE | C_MOREINFO,
         "OpenAI-compatible chat completions endpoint for More Info drafts", 0,
         check_url},
        {"llm-model", OPT_STR, F(llm_model), NULL, 0, 0, "ASKDOC_LLM_MODEL",
         C_SERVE | C_MOREINFO, "model name for --llm-url"},
        {"llm-timeout", OPT_INT, F(llm_timeout), "20", 1, 600,
         "ASKDOC_LLM_TIMEOUT", C_SERVE | C_MOREINFO,
         "seconds to wait for a More Info draft before using the extract"},
        {"log-level", OPT_STR, F(log_level), "info", 0, 0, "ASKDOC_LOG_LEVEL",
         C_DB, "debug, info, warn or error", 0, check_log_level},
        {"log-format", OPT_STR, F(log_format), "text", 0, 0,
         "ASKDOC_LOG_FORMAT", C_SERVE,
         "text (logfmt) or json (one object per line)", 0, check_log_format},
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
         "this or --metrics-listen, /metrics is off)",
         O_SECRET},
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
        {"similar", OPT_BOOL, F(similar), "0", 0, 1, NULL, C_SEARCH,
         "rank similar questions (the ask form's suggestions and Similar "
         "Q&A) instead of searching"},
        {"json", OPT_BOOL, F(json), "0", 0, 1, NULL,
         C_SEARCH | C_TRIAGE | C_USER | C_MOREINFO | C_SAFETY,
         "print JSON Lines"},
        {"role", OPT_STR, F(role), "patient", 0, 0, NULL, C_USER,
         "user add: patient, doctor, moderator or admin"},
        {"email", OPT_STR, F(email), NULL, 0, 0, NULL, C_USER,
         "user add/passwd: the account's e-mail (its login)"},
        {"name", OPT_STR, F(name), NULL, 0, 0, NULL, C_USER,
         "user add: display name"},
        {"password", OPT_STR, F(password), NULL, 0, 0, "ASKDOC_PASSWORD",
         C_USER, "user add/passwd: password (else read from stdin)", O_SECRET},
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
#pragma GCC diagnostic pop

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
		if (o->flags & O_SECRET) {
			snprintf(flag, sizeof(flag), "--%s-file F", o->name);
			fprintf(f, "  %-24s read --%s from file F", flag,
			        o->name);
			if (o->env)
				fprintf(f, " (env %s_FILE)", o->env);
			fputc('\n', f);
		}
	}
	fprintf(f, "  %-24s %s\n", "--help", "show this help");
}

/* ---- settings: defaults, then the configuration file, then the
 * environment, then flags ---- */

static int check_log_level(const char *v, char *why, size_t n)
{
	static const char *const names[] = {"debug", "info", "warn", "error"};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(v, names[i]))
			return 0;
	snprintf(why, n, "expected debug, info, warn or error");
	return -1;
}

static int check_log_format(const char *v, char *why, size_t n)
{
	if (!strcmp(v, "text") || !strcmp(v, "json"))
		return 0;
	snprintf(why, n, "expected text or json");
	return -1;
}

/* ADDR:PORT or [IPv6]:PORT, the port a number from 0 to 65535. */
static int check_listen(const char *v, char *why, size_t n)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (colon && colon > v) {
		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (!errno && end != colon + 1 && !*end && port >= 0 &&
		    port <= 65535 && (v[0] != '[' || colon[-1] == ']'))
			return 0;
	}
	snprintf(why, n, "expected ADDR:PORT (e.g. 127.0.0.1:8080)");
	return -1;
}

/* Empty (unset) or SCHEME://REST without blanks or control characters. */
static int check_url(const char *v, char *why, size_t n)
{
	const char *p = v;

	if (!*v)
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (p > v && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
	                  *p == '.')))
		p++;
	if (p > v && !strncmp(p, "://", 3) && p[3]) {
		for (p += 3; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f)
				break;
		if (!*p)
			return 0;
	}
	snprintf(why, n, "expected a URL (scheme://...)");
	return -1;
}

/* Empty (unset) or an IPv4 or IPv6 address. */
static int check_address(const char *v, char *why, size_t n)
{
	unsigned char addr[sizeof(struct in6_addr)];

	if (!*v || inet_pton(AF_INET, v, addr) == 1 ||
	    inet_pton(AF_INET6, v, addr) == 1)
		return 0;
	snprintf(why, n, "expected an IP address");
	return -1;
}

/* Check value for o and, when cfg is not NULL, store it there. Returns 0,
 * or -1 with why filled in. */
static int parse_value(const struct option *o, const char *value,
                       struct config *cfg, char *why, size_t n)
{
	void *field = cfg ? (char *)cfg + o->offset : NULL;
	char *end;
	long v;

	if (o->type == OPT_STR) {
		if (o->check && o->check(value, why, n) < 0)
			return -1;
		if (field)
			*(const char **)field = value;
		return 0;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < o->min || v > o->max) {
		snprintf(why, n, "expected a number from %ld to %ld", o->min,
		         o->max);
		return -1;
	}
	if (o->type == OPT_INT && field)
		*(long *)field = v;
	else if (field)
		*(int *)field = (int)v;
	return 0;
}

/* Read the secret in the file at path: one line (its line end dropped),
 * not empty, at most LIMIT_SECRET_BYTES. */
static int read_secret(const char *path, struct arena *mem, const char **out,
                       char *why, size_t n)
{
	char tmp[LIMIT_SECRET_BYTES + 2];
	size_t len;
	FILE *f;
	int bad;

	if (!*path || !(f = fopen(path, "rb"))) {
		snprintf(why, n, "cannot read %s: %s", path,
		         *path ? strerror(errno) : "no file named");
		return -1;
	}
	len = fread(tmp, 1, sizeof(tmp) - 1, f);
	bad = ferror(f);
	fclose(f);
	tmp[len] = 0;
	while (len && (tmp[len - 1] == '\n' || tmp[len - 1] == '\r'))
		tmp[--len] = 0;
	if (bad)
		snprintf(why, n, "cannot read %s", path);
	else if (len > LIMIT_SECRET_BYTES)
		snprintf(why, n, "%s holds more than %d bytes", path,
		         LIMIT_SECRET_BYTES);
	else if (!len)
		snprintf(why, n, "%s is empty", path);
	else if (strlen(tmp) != len || memchr(tmp, '\n', len))
		snprintf(why, n, "%s must hold one line", path);
	else
		*out = arena_strndup(mem, tmp, len);
	explicit_bzero(tmp, sizeof(tmp));
	return bad || !len || len > LIMIT_SECRET_BYTES || *out == NULL ? -1 : 0;
}

/* Set o from value, or, with from_file, from the secret in the file named
 * by value. */
static int assign(struct config *cfg, const struct option *o, int from_file,
                  const char *value, char *why, size_t n)
{
	const char *secret = NULL;

	if (from_file) {
		if (read_secret(value, cfg->mem, &secret, why, n) < 0)
			return -1;
		value = secret;
	}
	return parse_value(o, value, cfg, why, n);
}

static const struct option *find_option(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (strlen(options[i].name) == len &&
		    strncmp(options[i].name, name, len) == 0)
			return &options[i];
	return NULL;
}

/* The option called name (len bytes), or the secret option whose file
 * name it is (NAME-file: *is_file 1). In configuration files '_' and '-'
 * are the same (file_key). */
static const struct option *lookup(const char *name, size_t len, int file_key,
                                   int *is_file)
{
	const struct option *o;
	char key[80];

	if (len >= sizeof(key))
		return NULL;
	for (size_t i = 0; i < len; i++)
		key[i] = file_key && name[i] == '_' ? '-' : name[i];
	*is_file = 0;
	if ((o = find_option(key, len)))
		return o;
	if (len > 5 && !memcmp(key + len - 5, "-file", 5) &&
	    (o = find_option(key, len - 5)) && (o->flags & O_SECRET)) {
		*is_file = 1;
		return o;
	}
	return NULL;
}

/* Whether o may be set in a configuration file: the server's settings
 * (those with an environment variable), not per-run arguments. */
static int file_setting(const struct option *o)
{
	return o->env && (o->cmds & C_SERVE) && !(o->flags & O_NOFILE);
}

/* Print o's configuration file key (underscores) into out. */
static const char *file_key(const struct option *o, int is_file, char *out,
                            size_t n)
{
	size_t i;

	snprintf(out, n, "%s%s", o->name, is_file ? "_file" : "");
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = '_';
	return out;
}

struct loader {
	unsigned bit; /* the subcommand's: options it takes are applied */
	struct config *cfg;
	char *err;
	size_t errlen;
};

static int load_error(struct loader *L, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static int load_error(struct loader *L, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(L->err, L->errlen, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	                 e[-1] == '\r'))
		*--e = 0;
	return s;
}

/* Apply the configuration file at path: every line is checked, the
 * settings the subcommand takes are applied. */
static int load_file(struct loader *L, const char *path)
{
	int seen[ARRAY_SIZE(options)] = {0};
	char *line = NULL, why[300], key[80];
	size_t cap = 0;
	int lineno = 0, rc = EXIT_OK;
	FILE *f;

	if (!*path || !(f = fopen(path, "r")))
		return load_error(L, "cannot read configuration file %s: %s",
		                  path, *path ? strerror(errno) : "no name");
	while (rc == EXIT_OK && getline(&line, &cap, f) >= 0) {
		const struct option *o;
		char *k, *v, *eq;
		size_t vlen;
		int is_file, idx;

		lineno++;
		k = trim(line);
		if (!*k || *k == '#' || *k == ';')
			continue;
		if (!utf8_valid(k, strlen(k))) {
			rc = load_error(L, "%s:%d: not UTF-8 text", path,
			                lineno);
			break;
		}
		if (!(eq = strchr(k, '='))) {
			rc = load_error(L, "%s:%d: expected name = value", path,
			                lineno);
			break;
		}
		*eq = 0;
		v = trim(eq + 1);
		k = trim(k);
		vlen = strlen(v);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v[vlen - 1] = 0;
			v++;
		}
		o = lookup(k, strlen(k), 1, &is_file);
		if (!o) {
			rc = load_error(L,
			                "%s:%d: unknown setting '%s' (see "
			                "askdoc.conf(5))",
			                path, lineno, k);
			break;
		}
		if (!file_setting(o)) {
			rc = load_error(L,
			                "%s:%d: '%s' cannot be set in a "
			                "configuration file",
			                path, lineno, k);
			break;
		}
		idx = (int)(o - options);
		if (seen[idx]) {
			rc = load_error(L, "%s:%d: '%s' already set on line %d",
			                path, lineno,
			                file_key(o, 0, key, sizeof(key)),
			                seen[idx]);
			break;
		}
		seen[idx] = lineno;
		v = arena_strdup(L->cfg->mem, v);
		if ((o->cmds & L->bit)
		            ? assign(L->cfg, o, is_file, v, why, sizeof(why))
		    : is_file ? 0
		              : parse_value(o, v, NULL, why, sizeof(why)))
			rc = load_error(L, "%s:%d: %s: %s", path, lineno, k,
			                why);
	}
	free(line);
	fclose(f);
	return rc;
}

/* Apply the environment's variables for the options the subcommand
 * takes (ENV_FILE for secrets). */
static int load_env(struct loader *L)
{
	char why[300], name[96];

	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];
		const char *v, *fv = NULL;

		if (!o->env || !(o->cmds & L->bit))
			continue;
		v = getenv(o->env);
		if (o->flags & O_SECRET) {
			snprintf(name, sizeof(name), "%s_FILE", o->env);
			fv = getenv(name);
		}
		if (v && fv)
			return load_error(L, "%s and %s are both set", o->env,
			                  name);
		if ((v || fv) && assign(L->cfg, o, fv != NULL, fv ? fv : v, why,
		                        sizeof(why)))
			return load_error(L, "%s: %s", fv ? name : o->env, why);
	}
	return EXIT_OK;
}

/* A flag of the command line: which option, whether it names a secret's
 * file, its value. */
struct flag {
	const struct option *o;
	int is_file;
	const char *value;
};

int cli_config_load(const char *cmd, int argc, char **argv, struct config *cfg,
                    int *npos, char *err, size_t errlen)
{
	const struct command *c = NULL;
	struct loader L = {0, cfg, err, errlen};
	struct flag *flags;
	const char *config_path;
	char why[300];
	int nflags = 0, rc;

	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(cmd, commands[i].name))
			c = &commands[i];
	if (!c)
		return load_error(&L, "unknown command '%s'", cmd);
	L.bit = c->bit;
	memset(cfg, 0, sizeof(*cfg));
	cfg->mem = arena_new();
	*npos = 0;
	flags = arena_alloc(cfg->mem, sizeof(*flags) * (size_t)(argc + 1));

	/* The flags first (they name the configuration file), applied last. */
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct option *o;
		size_t len;
		int is_file;

		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return CLI_HELP;
		if (!strcmp(a, "--")) {
			while (++i < argc)
				argv[(*npos)++] = argv[i];
			break;
		}
		if (strncmp(a, "--", 2) != 0 || !a[2]) {
			argv[(*npos)++] = argv[i]; /* positional ("-" too) */
			continue;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		o = lookup(a, len, 0, &is_file);
		if (!o || !(o->cmds & c->bit))
			return load_error(
			        &L,
			        "unknown option --%.*s (try askdoc %s --help)",
			        (int)len, a, c->name);
		flags[nflags].o = o;
		flags[nflags].is_file = is_file;
		if (eq)
			flags[nflags].value = eq + 1;
		else if (o->type == OPT_BOOL && !is_file)
			flags[nflags].value = "1";
		else if (i + 1 < argc)
			flags[nflags].value = argv[++i];
		else
			return load_error(&L, "--%.*s needs a value", (int)len,
			                  a);
		nflags++;
	}

	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];

		if (o->def && parse_value(o, o->def, cfg, why, sizeof(why)))
			return load_error(&L, "default %s: %s", o->name, why);
	}
	config_path = (c->bit & find_option("config", 6)->cmds)
	                      ? getenv("ASKDOC_CONFIG")
	                      : NULL;
	for (int i = 0; i < nflags; i++)
		if (!strcmp(flags[i].o->name, "config"))
			config_path = flags[i].value;
	if (config_path && (rc = load_file(&L, config_path)))
		return rc;
	if ((rc = load_env(&L)))
		return rc;
	for (int i = 0; i < nflags; i++) {
		const struct flag *fl = &flags[i];

		if (assign(cfg, fl->o, fl->is_file, fl->value, why,
		           sizeof(why)))
			return load_error(&L, "--%s%s: %s", fl->o->name,
			                  fl->is_file ? "-file" : "", why);
	}
	cfg->config = config_path;
	return EXIT_OK;
}

void cli_config_free(struct config *cfg)
{
	arena_free(cfg->mem);
	cfg->mem = NULL;
}

int cli_config_check_file(const char *path, struct config *cfg, char *err,
                          size_t errlen)
{
	struct loader L = {C_SERVE, cfg, err, errlen};
	char why[300];

	memset(cfg, 0, sizeof(*cfg));
	cfg->mem = arena_new();
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (options[i].def && parse_value(&options[i], options[i].def,
		                                  cfg, why, sizeof(why)))
			return load_error(&L, "default %s: %s", options[i].name,
			                  why);
	cfg->config = path;
	return load_file(&L, path);
}

int cli_config_reload(const struct cli_ctx *ctx, struct config *out, char *err,
                      size_t errlen)
{
	char **args = xmalloc(sizeof(*args) * (size_t)(ctx->all_argc + 1));
	int npos, rc;

	/* cli_config_load reorders its argv: work on a copy. */
	memcpy(args, ctx->all_argv, sizeof(*args) * (size_t)ctx->all_argc);
	rc = cli_config_load(ctx->cmd, ctx->all_argc, args, out, &npos, err,
	                     errlen);
	free(args);
	return rc;
}

void cli_config_keep(struct config *nc, const struct config *old,
                     const char *const *reloadable,
                     void (*changed)(const char *name, int kept))
{
	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];
		void *nf = (char *)nc + o->offset;
		const void *of = (const char *)old + o->offset;
		int same, live = 0;

		if (o->type == OPT_STR) {
			const char *a = *(const char **)nf;
			const char *b = *(const char *const *)of;
			same = a == b || (a && b && !strcmp(a, b));
		} else if (o->type == OPT_INT) {
			same = *(long *)nf == *(const long *)of;
		} else {
			same = *(int *)nf == *(const int *)of;
		}
		if (same)
			continue;
		for (const char *const *r = reloadable; *r; r++)
			if (!strcmp(*r, o->name))
				live = 1;
		if (changed)
			changed(o->name, !live);
		if (live)
			continue;
		if (o->type == OPT_STR)
			*(const char **)nf = *(const char *const *)of;
		else if (o->type == OPT_INT)
			*(long *)nf = *(const long *)of;
		else
			*(int *)nf = *(const int *)of;
	}
}

void cli_config_write(FILE *f, const struct config *cfg, int example)
{
	char key[80];

	for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
		const struct option *o = &options[i];
		const void *field = (const char *)cfg + o->offset;

		if (!file_setting(o))
			continue;
		file_key(o, 0, key, sizeof(key));
		if (example) {
			fprintf(f, "\n# %s\n", o->help);
			if (o->flags & O_SECRET)
				fprintf(f, "# (or %s_file = FILE holding it)\n",
				        key);
			fprintf(f, "#%s =%s%s\n", key, o->def ? " " : "",
			        o->def ? o->def : "");
			continue;
		}
		if (o->type == OPT_STR) {
			const char *v = *(const char *const *)field;

			if (v && *v && (o->flags & O_SECRET))
				v = "(hidden)";
			fprintf(f, "%s = %s\n", key, v ? v : "");
		} else if (o->type == OPT_INT) {
			fprintf(f, "%s = %ld\n", key, *(const long *)field);
		} else {
			fprintf(f, "%s = %d\n", key, *(const int *)field);
		}
	}
}

/* ---- manual pages, generated from the same tables as --help ---- */

/* Write s as roff text: backslashes and dashes escaped, a leading dot or
 * quote defused. */
static void roff(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void man_option(FILE *f, const struct option *o, int conf)
{
	char key[80];
	int first = 1;

	fputs(".TP\n.B ", f);
	if (conf)
		roff(f, file_key(o, 0, key, sizeof(key)));
	else {
		fputs("\\-\\-", f);
		roff(f, o->name);
	}
	if (o->type != OPT_BOOL || conf)
		fputs(o->type == OPT_STR ? " \\fIS\\fR" : " \\fIN\\fR", f);
	fputc('\n', f);
	roff(f, o->help);
	fputs(".", f);
	if (o->type != OPT_STR)
		fprintf(f, " From %ld to %ld.", o->min, o->max);
	if (o->def) {
		fputs(" Default: ", f);
		roff(f, o->def);
		fputs(".", f);
	}
	if (o->env) {
		fputs(" Environment: \\fB", f);
		roff(f, o->env);
		fputs("\\fR.", f);
	}
	if (!conf) {
		fputs(" Commands: ", f);
		for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
			if (!(o->cmds & commands[i].bit))
				continue;
			fprintf(f, "%s%s", first ? "" : ", ", commands[i].name);
			first = 0;
		}
		fputs(".", f);
	}
	fputc('\n', f);
	if (o->flags & O_SECRET) {
		fputs(".TP\n.B ", f);
		if (conf) {
			roff(f, file_key(o, 1, key, sizeof(key)));
		} else {
			fputs("\\-\\-", f);
			roff(f, o->name);
			fputs("\\-file", f);
		}
		fputs(" \\fIF\\fR\nRead the value of ", f);
		roff(f, conf ? file_key(o, 0, key, sizeof(key)) : o->name);
		fputs(" from file \\fIF\\fR (one line), which keeps it out of "
		      "the process list",
		      f);
		if (o->env) {
			fputs("; environment: \\fB", f);
			roff(f, o->env);
			fputs("_FILE\\fR", f);
		}
		fputs(".\n", f);
	}
}

static void man_askdoc(FILE *f)
{
	fprintf(f,
	        ".TH ASKDOC 1 \"\" \"askdoc %s\" \"User Commands\"\n"
	        ".SH NAME\naskdoc \\- an ask\\-a\\-doctor web platform\n"
	        ".SH SYNOPSIS\n.B askdoc\n\\fICOMMAND\\fR [\\fIoptions\\fR] "
	        "[\\fIargs\\fR]\n.br\n.B askdoc \\-\\-help\n"
	        ".SH DESCRIPTION\nOne program serves the site "
	        "(\\fBserve\\fR) and manages its database. Every option "
	        "is also an environment variable, and the server's settings "
	        "may come from a configuration file (\\fB\\-\\-config\\fR, "
	        "\\fBaskdoc.conf\\fR(5)). Flags win over the environment, "
	        "which wins over the file, which wins over the defaults.\n"
	        ".SH COMMANDS\n",
	        ASKDOC_VERSION);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		fputs(".TP\n.B askdoc ", f);
		roff(f, commands[i].usage);
		fputc('\n', f);
		roff(f, commands[i].help);
		fputs(".\n", f);
	}
	fputs(".SH OPTIONS\n.TP\n.B \\-\\-help\nShow a command's options.\n",
	      f);
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		man_option(f, &options[i], 0);
	fputs(".SH SIGNALS\n.TP\n.B SIGHUP\n\\fBserve\\fR reads its "
	      "configuration file and templates again and applies what "
	      "can change while running, without dropping connections.\n"
	      ".TP\n.BR SIGTERM \", \" SIGINT\n\\fBserve\\fR stops "
	      "accepting connections, finishes the requests in flight and "
	      "exits 0.\n"
	      ".SH EXIT STATUS\n0 success, 1 failure, 2 bad usage (including "
	      "a bad configuration file). Errors are one line on standard "
	      "error.\n"
	      ".SH FILES\n.TP\n.I /etc/askdoc/askdoc.conf\nThe "
	      "configuration file of the packaged service.\n.TP\n"
	      ".I /var/lib/askdoc/askdoc.db\nIts database.\n"
	      ".SH SEE ALSO\n\\fBaskdoc.conf\\fR(5)\n",
	      f);
}

static void man_conf(FILE *f)
{
	fprintf(f,
	        ".TH ASKDOC.CONF 5 \"\" \"askdoc %s\" \"File Formats\"\n"
	        ".SH NAME\naskdoc.conf \\- settings of the askdoc server\n"
	        ".SH SYNOPSIS\n.I /etc/askdoc/askdoc.conf\n"
	        ".SH DESCRIPTION\n\\fBaskdoc serve \\-\\-config\\fR "
	        "\\fIFILE\\fR reads one setting a line as \\fIname\\fR = "
	        "\\fIvalue\\fR. Blank lines and lines starting with # or ; are "
	        "comments. Names are the options of \\fBaskdoc\\fR(1) with "
	        "\\- or _ alike; a value may be put in double quotes to keep "
	        "surrounding blanks. An unknown name, a name given twice or a "
	        "bad value stops start\\-up with the file name and line "
	        "number; \\fBaskdoc config check\\fR \\fIFILE\\fR checks a "
	        "file without starting. Flags and environment variables win "
	        "over the file. Secrets may be read from a file named by "
	        "\\fIname\\fR_file, so they stay out of the configuration file "
	        "and the process list. \\fBkill \\-HUP\\fR reads the file "
	        "again; settings that need a restart (addresses, database, "
	        "threads, limits) are logged and keep their value.\n"
	        ".SH SETTINGS\n",
	        ASKDOC_VERSION);
	for (size_t i = 0; i < ARRAY_SIZE(options); i++)
		if (file_setting(&options[i]))
			man_option(f, &options[i], 1);
	fputs(".SH EXAMPLE\n.nf\ndb = /var/lib/askdoc/askdoc.db\n"
	      "listen = 127.0.0.1:8080\npublic_url = https://ask.example.org\n"
	      "trusted_proxy = 127.0.0.1\nmax_conns_per_address = 0\n"
	      "smtp_url = smtp://mail.example.org:587\n"
	      "smtp_user = askdoc\n"
	      "smtp_password_file = /etc/askdoc/smtp.password\n.fi\n"
	      ".SH SEE ALSO\n\\fBaskdoc\\fR(1)\n",
	      f);
}

void cli_write_man(FILE *f, int section)
{
	if (section == 5)
		man_conf(f);
	else
		man_askdoc(f);
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
	struct cli_ctx ctx = {NULL, &cfg, 0, NULL, 0, NULL};
	const struct command *c = NULL;
	char err[600];
	int rc, npos = 0;

	if (argc < 2) {
		usage_all(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage_all(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--man")) {
		cli_write_man(stdout, argc > 2 ? atoi(argv[2]) : 1);
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
	ctx.all_argc = argc - 2;
	ctx.all_argv = xmalloc(sizeof(char *) * (size_t)(argc - 1));
	memcpy(ctx.all_argv, argv + 2, sizeof(char *) * (size_t)(argc - 1));
	rc = cli_config_load(c->name, argc - 2, argv + 2, &cfg, &npos, err,
	                     sizeof(err));
	if (rc == CLI_HELP) {
		usage_cmd(stdout, c);
		rc = EXIT_OK;
	} else if (rc) {
		cli_error(&ctx, rc, "%s", err);
	} else {
		ctx.argc = npos;
		ctx.argv = argv + 2;
		rc = c->fn(&ctx);
	}
	cli_config_free(&cfg);
	free(ctx.all_argv);
	return rc;
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

int cli_lines_tx(const struct cli_ctx *ctx, struct store *st, FILE *in,
                 const char *blank, cli_line_fn fn, void *arg, size_t *n)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int status = EXIT_FAIL;

	*n = 0;
	if (store_tx_begin(st)) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	while (getline(&line, &cap, in) > 0) {
		const char *why;

		lineno++;
		if (!line[strspn(line, blank)] || *line == '#')
			continue;
		if ((why = fn(arg, st, line, n))) {
			cli_error(ctx, EXIT_FAIL, "line %ld: %s", lineno, why);
			store_tx_rollback(st);
			goto done;
		}
	}
	if (store_tx_commit(st)) {
		cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
		goto done;
	}
	status = EXIT_OK;
done:
	free(line);
	return status;
}

int cli_lines_open(const struct cli_ctx *ctx, FILE **in, struct store **st)
{
	*st = NULL;
	if (ctx->argc != 1)
		return cli_error(ctx, EXIT_USAGE, "expected one FILE (or -)");
	*in = strcmp(ctx->argv[0], "-") ? fopen(ctx->argv[0], "r") : stdin;
	if (!*in)
		return cli_error(ctx, EXIT_FAIL, "%s: cannot open",
		                 ctx->argv[0]);
	if (store_open(ctx->cfg->db, 0, st)) {
		cli_lines_close(*in, NULL);
		return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
		                 store_errmsg());
	}
	return EXIT_OK;
}

void cli_lines_close(FILE *in, struct store *st)
{
	if (in != stdin)
		fclose(in);
	if (st)
		store_close(st);
}
