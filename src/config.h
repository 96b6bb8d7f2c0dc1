/* config.h: askdoc's settings, as every layer reads them.
 *
 * One struct holds the value of every option after the defaults, the
 * configuration file, the environment and the flags are applied. The
 * command line (cli/cli.c) owns the option table that fills it and the
 * running server owns one instance; everything else (web/, services/)
 * only reads it, so it lives here rather than in cli/cli.h.
 */
#ifndef ASKDOC_CONFIG_H
#define ASKDOC_CONFIG_H

struct arena;

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

#endif
