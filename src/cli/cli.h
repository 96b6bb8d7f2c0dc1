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

#include "config.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

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
int cmd_intake(struct cli_ctx *ctx);
int cmd_comments(struct cli_ctx *ctx);
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

/* One line of an all-or-nothing import: NULL when it went in (adding what
 * it added to *n), else what is wrong with it (cli_lines_tx names the
 * line). The line may be modified. */
struct store;
typedef const char *(*cli_line_fn)(void *arg, struct store *st, char *line,
                                   size_t *n);
/* Feed every line of in to fn inside one transaction of st, skipping '#'
 * lines and lines made only of the characters in blank. The first line
 * fn refuses is printed as "line N: what" and rolls the whole file back.
 * Returns EXIT_OK with *n set once the transaction is committed, else
 * EXIT_FAIL after printing the error; in stays open either way. */
int cli_lines_tx(const struct cli_ctx *ctx, struct store *st, FILE *in,
                 const char *blank, cli_line_fn fn, void *arg, size_t *n);
/* For a command taking one FILE (or "-" for stdin) to import: opens it,
 * then the database. Returns EXIT_OK with both open, else the exit status
 * after printing why, with nothing left open. */
int cli_lines_open(const struct cli_ctx *ctx, FILE **in, struct store **st);
/* Closes what cli_lines_open opened. */
void cli_lines_close(FILE *in, struct store *st);

#endif
