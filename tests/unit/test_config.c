/* tests/unit/test_config.c: settings from the configuration file, the
 * environment and flags (cli/cli.h): precedence, errors with the file's
 * name and line, secrets read from files. */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "limits.h"
#include "test.h"

static char dir[] = "/tmp/askdoc-config-XXXXXX";
static char err[600];

/* Write text to dir/name; returns the path (static buffer per slot). */
static const char *put(const char *name, const char *text)
{
	static char paths[8][512];
	static int slot;
	char *p = paths[slot++ % 8];
	FILE *f;

	snprintf(p, 512, "%s/%s", dir, name);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

/* Load serve's settings from args (NULL-terminated). */
static int load(struct config *cfg, const char *cmd, ...)
{
	char *args[16];
	int n = 0, npos;
	va_list ap;
	const char *a;

	va_start(ap, cmd);
	while ((a = va_arg(ap, const char *)) && n < 15)
		args[n++] = (char *)a;
	va_end(ap);
	args[n] = NULL;
	err[0] = 0;
	return cli_config_load(cmd, n, args, cfg, &npos, err, sizeof(err));
}

static void test_defaults_without_file(void)
{
	struct config c;

	unsetenv("ASKDOC_CONFIG");
	CHECK_INT(load(&c, "serve", NULL), EXIT_OK);
	CHECK_STR(c.listen, "127.0.0.1:8080");
	CHECK_INT(c.threads, 0);
	CHECK(c.config == NULL);
	cli_config_free(&c);
}

static void test_precedence(void)
{
	const char *f = put("p.conf", "# comment\n"
	                              "; another comment\n"
	                              "\n"
	                              "  threads = 3\n"
	                              "site_name = \"  File Site  \"\n"
	                              "mail-retry=90\n"
	                              "max_conns = 77\n");
	struct config c;

	unsetenv("ASKDOC_THREADS");
	unsetenv("ASKDOC_MAIL_RETRY");
	/* file beats defaults */
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_OK);
	CHECK_INT(c.threads, 3);
	CHECK_STR(c.site_name, "  File Site  ");
	CHECK_INT(c.mail_retry, 90);
	CHECK_INT(c.max_conns, 77);
	CHECK_STR(c.config, f);
	cli_config_free(&c);
	/* environment beats the file */
	setenv("ASKDOC_THREADS", "5", 1);
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_OK);
	CHECK_INT(c.threads, 5);
	CHECK_INT(c.mail_retry, 90);
	cli_config_free(&c);
	/* flags beat the environment */
	CHECK_INT(load(&c, "serve", "--config", f, "--threads", "7", NULL),
	          EXIT_OK);
	CHECK_INT(c.threads, 7);
	cli_config_free(&c);
	/* ASKDOC_CONFIG names the file when --config does not */
	unsetenv("ASKDOC_THREADS");
	setenv("ASKDOC_CONFIG", f, 1);
	CHECK_INT(load(&c, "serve", NULL), EXIT_OK);
	CHECK_INT(c.max_conns, 77);
	cli_config_free(&c);
	unsetenv("ASKDOC_CONFIG");
}

static void test_file_options_apply_per_command(void)
{
	const char *f = put("cmd.conf", "db = /var/lib/x.db\n"
	                                "site_name = S\n");
	struct config c;

	/* export takes --db but not --site-name: no error, db applies */
	CHECK_INT(load(&c, "export", "--config", f, NULL), EXIT_OK);
	CHECK_STR(c.db, "/var/lib/x.db");
	CHECK_STR(c.site_name, "askdoc"); /* its default, not applied */
	cli_config_free(&c);
}

static void check_error(const char *text, const char *want)
{
	const char *f = put("bad.conf", text);
	char expect[700];
	struct config c;

	snprintf(expect, sizeof(expect), "%s:%s", f, want);
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_USAGE);
	CHECK_STR(err, expect);
	cli_config_free(&c);
	CHECK_INT(cli_config_check_file(f, &c, err, sizeof(err)), EXIT_USAGE);
	CHECK_STR(err, expect);
	cli_config_free(&c);
}

static void test_errors_name_file_and_line(void)
{
	check_error("threads = 2\n\nnosuch = 1\n",
	            "3: unknown setting 'nosuch' (see askdoc.conf(5))");
	check_error("# x\nthreads = many\n",
	            "2: threads: expected a number from 0 to 256");
	check_error("threads = 999\n",
	            "1: threads: expected a number from 0 to 256");
	check_error("log_level = loud\n",
	            "1: log_level: expected debug, info, warn or error");
	check_error("listen = localhost\n",
	            "1: listen: expected ADDR:PORT (e.g. 127.0.0.1:8080)");
	check_error("trusted_proxy = proxy.local\n",
	            "1: trusted_proxy: expected an IP address");
	check_error("public_url = example.org\n",
	            "1: public_url: expected a URL (scheme://...)");
	check_error("threads 4\n", "1: expected name = value");
	check_error("threads = 1\nthreads = 2\n",
	            "2: 'threads' already set on line 1");
	check_error("email = a@b.org\n",
	            "1: 'email' cannot be set in a configuration file");
	check_error("config = /etc/other.conf\n",
	            "1: 'config' cannot be set in a configuration file");
	check_error("site_name = \xff\n", "1: not UTF-8 text");
	/* a secret and its file are one setting */
	check_error("smtp_password = a\nsmtp_password_file = /x\n",
	            "2: 'smtp_password' already set on line 1");
	/* only secrets have a _file form */
	check_error("site_name_file = /x\n",
	            "1: unknown setting 'site_name_file' (see askdoc.conf(5))");
}

static void test_missing_file(void)
{
	struct config c;
	char path[600];

	snprintf(path, sizeof(path), "%s/none.conf", dir);
	CHECK_INT(load(&c, "serve", "--config", path, NULL), EXIT_USAGE);
	CHECK(strstr(err, "cannot read configuration file") != NULL);
	CHECK(strstr(err, path) != NULL);
	cli_config_free(&c);
}

static void test_secret_files(void)
{
	const char *pw = put("smtp.pw", "s3cret word\n");
	const char *db = put("db.pw", "dbpass");
	char text[1400];
	const char *f;
	struct config c;

	snprintf(text, sizeof(text),
	         "smtp_url = smtp://127.0.0.1:25\n"
	         "smtp_password_file = %s\n"
	         "db_password_file = %s\n",
	         pw, db);
	f = put("s.conf", text);
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_OK);
	CHECK_STR(c.smtp_password, "s3cret word"); /* line end dropped */
	CHECK_STR(c.db_password, "dbpass");
	cli_config_free(&c);
	/* the environment's _FILE and the flag's -file forms too */
	setenv("ASKDOC_SMTP_PASSWORD_FILE", db, 1);
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_OK);
	CHECK_STR(c.smtp_password, "dbpass");
	cli_config_free(&c);
	CHECK_INT(load(&c, "serve", "--config", f, "--smtp-password-file", pw,
	               NULL),
	          EXIT_OK);
	CHECK_STR(c.smtp_password, "s3cret word");
	cli_config_free(&c);
	setenv("ASKDOC_SMTP_PASSWORD", "x", 1);
	CHECK_INT(load(&c, "serve", NULL), EXIT_USAGE);
	CHECK_STR(err, "ASKDOC_SMTP_PASSWORD and ASKDOC_SMTP_PASSWORD_FILE "
	               "are both set");
	cli_config_free(&c);
	unsetenv("ASKDOC_SMTP_PASSWORD_FILE");
	unsetenv("ASKDOC_SMTP_PASSWORD");
	/* the user's password too (a secret outside the file's settings) */
	CHECK_INT(load(&c, "user", "--password-file", pw, NULL), EXIT_OK);
	CHECK_STR(c.password, "s3cret word");
	cli_config_free(&c);
}

static void test_bad_secret_files(void)
{
	const char *two = put("two.pw", "line one\nline two\n");
	const char *empty = put("empty.pw", "\n");
	char big[LIMIT_SECRET_BYTES + 100], text[1400], want[1400];
	const char *f;
	struct config c;

	snprintf(text, sizeof(text), "\n\nsmtp_password_file = %s\n", two);
	f = put("s2.conf", text);
	CHECK_INT(load(&c, "serve", "--config", f, NULL), EXIT_USAGE);
	snprintf(want, sizeof(want),
	         "%s:3: smtp_password_file: %s must hold "
	         "one line",
	         f, two);
	CHECK_STR(err, want);
	cli_config_free(&c);
	CHECK_INT(load(&c, "serve", "--smtp-password-file", empty, NULL),
	          EXIT_USAGE);
	snprintf(want, sizeof(want), "--smtp-password-file: %s is empty",
	         empty);
	CHECK_STR(err, want);
	cli_config_free(&c);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	CHECK_INT(load(&c, "serve", "--smtp-password-file", put("big.pw", big),
	               NULL),
	          EXIT_USAGE);
	CHECK(strstr(err, "holds more than") != NULL);
	cli_config_free(&c);
	CHECK_INT(load(&c, "serve", "--smtp-password-file", "/nonexistent/pw",
	               NULL),
	          EXIT_USAGE);
	CHECK_STR(err, "--smtp-password-file: cannot read /nonexistent/pw: "
	               "No such file or directory");
	cli_config_free(&c);
}

static void test_flag_errors(void)
{
	struct config c;

	CHECK_INT(load(&c, "serve", "--threads", "x", NULL), EXIT_USAGE);
	CHECK_STR(err, "--threads: expected a number from 0 to 256");
	cli_config_free(&c);
	CHECK_INT(load(&c, "serve", "--nosuch", NULL), EXIT_USAGE);
	CHECK_STR(err, "unknown option --nosuch (try askdoc serve --help)");
	cli_config_free(&c);
	/* only secrets take -file */
	CHECK_INT(load(&c, "serve", "--site-name-file", "/x", NULL),
	          EXIT_USAGE);
	cli_config_free(&c);
	CHECK_INT(load(&c, "serve", "--help", NULL), CLI_HELP);
	cli_config_free(&c);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	RUN(test_defaults_without_file);
	RUN(test_precedence);
	RUN(test_file_options_apply_per_command);
	RUN(test_errors_name_file_and_line);
	RUN(test_missing_file);
	RUN(test_secret_files);
	RUN(test_bad_secret_files);
	RUN(test_flag_errors);
	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_summary();
}
