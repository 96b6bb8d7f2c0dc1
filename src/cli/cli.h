/* cli/cli.h: the askdoc command line: subcommands and the option table.
 *
 * Every option lives in one table (cli.c): name, type, default, limits,
 * environment variable, the subcommands that take it, and help. Flags beat
 * environment variables, which beat defaults. Subcommands are a table too;
 * `askdoc CMD --help` is generated from both.
 *
 * Exit codes: 0 success, 1 failure, 2 bad usage. Errors go to stderr as one
 * line: "askdoc: CMD: what went wrong".
 */
#ifndef ASKDOC_CLI_H
#define ASKDOC_CLI_H

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The values of every option, after flags and environment are applied. */
struct config {
	const char *db;          /* --db, ASKDOC_DB */
	const char *listen;      /* --listen ADDR:PORT */
	long threads;            /* --threads: HTTP worker threads (0: cores) */
	long max_conns;          /* --max-conns: open connections in all */
	long max_conns_per_addr; /* --max-conns-per-address (0: no limit) */
	const char *trusted_proxy; /* --trusted-proxy ADDR */
	long idle_timeout;         /* --idle-timeout seconds */
	long header_timeout;       /* --header-timeout seconds */
	long body_timeout;         /* --body-timeout seconds */
	long body_min_rate;        /* --body-min-rate bytes/s (0: deadline) */
	const char
	        *templates_dir; /* --templates: override compiled templates */
	const char *static_dir; /* --static: override compiled static files */
	const char *site_name;  /* --site-name */
	const char *public_url; /* --public-url: canonical base URL */
	const char *smtp_url;   /* --smtp-url */
	const char *mail_from;  /* --mail-from */
	long mail_retry;        /* --mail-retry: seconds before a retry */
	const char *emergency;  /* --emergency-numbers */
	const char *llm_url;    /* --llm-url */
	const char *llm_model;  /* --llm-model */
	long llm_timeout;       /* --llm-timeout: seconds per draft */
	const char *log_level;  /* --log-level */
	const char *log_format; /* --log-format text|json */
	int access_log;         /* --access-log */
	long limit;             /* --limit: results per query */
	int json;               /* --json */
	const char *role;       /* user add: --role */
	const char *email;      /* user add/passwd: --email */
	const char *name;       /* user add: --name */
	const char *password;   /* user add/passwd: --password (or stdin) */
	const char *hospital;   /* user add: --hospital (doctors) */
	const char *title;      /* user add: --title (doctors) */
	const char *department; /* user add: --department (doctors) */
	const char *bio;        /* user add: --bio (doctors) */
	const char *signoff;    /* user add: --signoff (doctors) */
	const char *licence;    /* user add: --licence (doctors; private) */
	long batch;             /* import: --batch records per transaction */
	const char *archive;    /* search, triage: --archive FILE */
	int qa_comments;        /* --qa-comments: comments on Q&As too */
	const char *spam_words; /* --spam-words FILE: comment word list */
	/* Abuse controls (web/guard.h): counts per fixed window of seconds. */
	long ask_limit_addr;     /* --ask-limit-addr: questions per address */
	long ask_window_addr;    /* --ask-window-addr */
	long ask_limit_account;  /* --ask-limit-account: per account */
	long ask_window_account; /* --ask-window-account */
	long comment_limit_addr; /* --comment-limit-addr */
	long comment_limit_account; /* --comment-limit-account */
	long comment_window;        /* --comment-window */
	long login_limit_addr;      /* --login-limit-addr: failed logins */
	long login_limit_account;   /* --login-limit-account */
	long login_window;          /* --login-window */
	long register_limit_addr;   /* --register-limit-addr: new accounts */
	long register_window;       /* --register-window */
	long hash_slots;            /* --hash-slots: argon2 at once (0 auto) */
	const char *metrics_token;  /* --metrics-token: Bearer for /metrics */
	const char *metrics_listen; /* --metrics-listen: /metrics elsewhere */
	long form_min_seconds;      /* --form-min-seconds: time to submit */
	long form_max_age;          /* --form-max-age: a form's lifetime */
};

/* A running subcommand: its name, the options, and what is left of argv
 * (positional arguments only). */
struct cli_ctx {
	const char *cmd;
	struct config *cfg;
	int argc;
	char **argv;
};

/* Parse argv, run the subcommand and return its exit code. */
int cli_main(int argc, char **argv);

/* Print "askdoc: CMD: message" on stderr; returns code for `return`. */
int cli_error(const struct cli_ctx *ctx, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The subcommands, one file each under cli/. */
int cmd_serve(struct cli_ctx *ctx);
int cmd_import(struct cli_ctx *ctx);
int cmd_export(struct cli_ctx *ctx);
int cmd_user(struct cli_ctx *ctx);
int cmd_backup(struct cli_ctx *ctx);
int cmd_search(struct cli_ctx *ctx);
int cmd_triage(struct cli_ctx *ctx);
int cmd_moreinfo(struct cli_ctx *ctx);

/* cmd_search.c, shared with cmd_triage.c: build the search index from
 * --archive, else from the database --db. Returns 0 with *out owned by the
 * caller (search_index_free), or an exit code after printing the error. */
struct search_index;
int cli_search_index(const struct cli_ctx *ctx, struct search_index **out);
struct buf;
/* Appends the answer to one input (a query, a question) to out; the text
 * may be modified, and a is reset after each input. */
struct arena;
typedef void (*cli_answer_fn)(void *arg, struct arena *a, char *text,
                              struct buf *out);
/* Answer the arguments joined by spaces, or, when the only argument is
 * "-", every line of standard input (line ends stripped), writing each
 * answer to stdout as soon as it is made. Returns EXIT_OK. */
int cli_answer_each(const struct cli_ctx *ctx, cli_answer_fn fn, void *arg);

#endif
