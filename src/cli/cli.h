/* cli/cli.h: the askdoc command line: subcommands and the option table.
 *
 * Every option lives in one table (cli.c): name, type, default, limits,
 * environment variable, the subcommands that take it, help, flags (secret)
 * and a value check. Flags beat environment variables, which beat the
 * configuration file (--config, askdoc.conf(5)), which beats defaults.
 * Subcommands are a table too; `askdoc CMD --help` and the manual pages
 * are generated from both.
 *
 * Exit codes: 0 success, 1 failure, 2 bad usage. Errors go to stderr as one
 * line: "askdoc: CMD: what went wrong".
 */
#ifndef ASKDOC_CLI_H
#define ASKDOC_CLI_H

#include <stddef.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The values of every option, after flags and environment are applied. */
struct config {
	const char *db;          /* --db, ASKDOC_DB */
	int create;              /* serve --create: make a missing database */
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
	const char *languages;  /* --languages: tags offered */
	const char *default_language; /* --default-language */
	const char *timezone;         /* --timezone: IANA id for dates */
	const char *llm_url;          /* --llm-url */
	const char *llm_model;        /* --llm-model */
	long llm_timeout;             /* --llm-timeout: seconds per draft */
	const char *log_level;        /* --log-level */
	const char *log_format;       /* --log-format text|json */
	int access_log;               /* --access-log */
	long limit;                   /* --limit: results per query */
	int json;                     /* --json */
	int similar;                  /* search --similar */
	const char *role;             /* user add: --role */
	const char *email;            /* user add/passwd: --email */
	const char *name;             /* user add: --name */
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
	const char *config;         /* --config FILE, ASKDOC_CONFIG */
	const char *smtp_user;      /* --smtp-user */
	const char *smtp_password;  /* --smtp-password (secret) */
	const char *db_password;    /* --db-password (secret; PostgreSQL) */
	struct arena *mem;          /* values read from files */
};

/* A running subcommand: its name, the options, and what is left of argv
 * (positional arguments only). */
struct cli_ctx {
	const char *cmd;
	struct config *cfg;
	int argc;
	char **argv;
	int all_argc; /* the arguments after CMD as given (for reloads) */
	char **all_argv;
};

struct arena;

/* cli_config_load's answer when the arguments ask for --help. */
#define CLI_HELP (-1)

/* Fill cfg for subcommand cmd from the defaults, the configuration file
 * (--config FILE or ASKDOC_CONFIG), the environment and the flags in argv
 * (the arguments after CMD; positional ones are moved to its front and
 * counted in *npos). Returns EXIT_OK, CLI_HELP, or EXIT_USAGE with a
 * one-line message in err ("FILE:LINE: ..." for the file). Free cfg with
 * cli_config_free whatever the result. */
int cli_config_load(const char *cmd, int argc, char **argv, struct config *cfg,
                    int *npos, char *err, size_t errlen);
void cli_config_free(struct config *cfg);
/* Load the defaults and the configuration file at path only, as `serve`
 * would (every line checked, secret files read). Same returns. */
int cli_config_check_file(const char *path, struct config *cfg, char *err,
                          size_t errlen);
/* Load ctx's settings again (the configuration file may have changed) into
 * out, with the same flags and the current environment. */
int cli_config_reload(const struct cli_ctx *ctx, struct config *out, char *err,
                      size_t errlen);
/* After a reload: for every option whose value differs between nc and
 * old, call changed(name, kept) (kept: 1 when the option is not in the
 * NULL-terminated list reloadable) and, for those kept, put old's value
 * back into nc (old's strings must outlive nc). */
void cli_config_keep(struct config *nc, const struct config *old,
                     const char *const *reloadable,
                     void (*changed)(const char *name, int kept));
/* Write the configuration file's settings of cfg as name = value lines
 * (secrets as "(hidden)"), or with example, every setting commented out
 * with its help and default. */
void cli_config_write(FILE *f, const struct config *cfg, int example);
/* Write the manual page askdoc(1) (section 1) or askdoc.conf(5) (section
 * 5) as roff, from the command and option tables (`askdoc --man 1|5`). */
void cli_write_man(FILE *f, int section);

/* Parse argv, run the subcommand and return its exit code. */
int cli_main(int argc, char **argv);

/* Print "askdoc: CMD: message" on stderr; returns code for `return`. */
int cli_error(const struct cli_ctx *ctx, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The subcommands, one file each under cli/. */
int cmd_init(struct cli_ctx *ctx);
int cmd_serve(struct cli_ctx *ctx);
int cmd_import(struct cli_ctx *ctx);
int cmd_export(struct cli_ctx *ctx);
int cmd_user(struct cli_ctx *ctx);
int cmd_backup(struct cli_ctx *ctx);
int cmd_names(struct cli_ctx *ctx);
int cmd_search(struct cli_ctx *ctx);
int cmd_triage(struct cli_ctx *ctx);
int cmd_moreinfo(struct cli_ctx *ctx);
int cmd_config(struct cli_ctx *ctx);
int cmd_safety(struct cli_ctx *ctx);

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
