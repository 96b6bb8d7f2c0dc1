/* cli/cmd_user.c: `askdoc user add|list|passwd`: accounts from the command
 * line (the first admin, doctors of a demo, password resets).
 *
 * Passwords come from --password (or ASKDOC_PASSWORD) or else from the
 * first line of stdin (without echo on a terminal), and are stored only as
 * argon2id hashes (libsodium's crypto_pwhash_str, interactive limits).
 * Doctors added here count as verified by the operator. `user list` never
 * prints password hashes or licence numbers.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "limits.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/password.h"
#include "util/util.h"

/* Longest e-mail address (RFC 5321's path limit) and display name. */
#define MAX_EMAIL 254
#define MAX_NAME  200

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at != s && at[1] && !strchr(at + 1, '@') &&
	       strlen(s) <= MAX_EMAIL && !strpbrk(s, " \t") && !has_control(s);
}

/* Read the password into pw (size bytes) from --password or stdin. */
static int read_password(struct cli_ctx *ctx, char *pw, size_t size)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), ok;
	size_t n;

	if (ctx->cfg->password) {
		if (strlen(ctx->cfg->password) >= size)
			return cli_error(ctx, EXIT_USAGE,
			                 "password longer than %d bytes",
			                 LIMIT_PASSWORD_BYTES);
		strcpy(pw, ctx->cfg->password);
	} else {
		if (tty) {
			fprintf(stderr, "password: ");
			tcgetattr(STDIN_FILENO, &old);
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		}
		ok = fgets(pw, (int)size, stdin) != NULL;
		if (tty) {
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
			fputc('\n', stderr);
		}
		if (!ok)
			return cli_error(ctx, EXIT_USAGE,
			                 "no password (give --password or one "
			                 "line on stdin)");
		n = strlen(pw);
		if (n && pw[n - 1] == '\n')
			pw[--n] = '\0';
		else if (n == size - 1)
			return cli_error(ctx, EXIT_USAGE,
			                 "password longer than %d bytes",
			                 LIMIT_PASSWORD_BYTES);
		if (n && pw[n - 1] == '\r')
			pw[--n] = '\0';
	}
	if (password_check(pw) != PASSWORD_OK)
		return cli_error(ctx, EXIT_USAGE,
		                 "the password needs at least %d characters, "
		                 "not all the same, and no control characters",
		                 PASSWORD_MIN_CHARS);
	return 0;
}

/* Hash pw into hash (PASSWORD_HASH_BYTES) and wipe pw. */
static int hash_password(struct cli_ctx *ctx, char *pw, char *hash)
{
	int rc = password_hash(pw, hash);

	sodium_memzero(pw, strlen(pw));
	if (rc != 0)
		return cli_error(
		        ctx, EXIT_FAIL,
		        "hashing the password failed (out of memory?)");
	return 0;
}

static int user_add(struct cli_ctx *ctx, struct store *st)
{
	const struct config *cfg = ctx->cfg;
	char pw[LIMIT_PASSWORD_BYTES + 2], hash[PASSWORD_HASH_BYTES];
	char now[32];
	struct user u = {0};
	struct doctor d = {0};
	int64_t id;
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	if (store_role_parse(cfg->role, &u.role))
		return cli_error(ctx, EXIT_USAGE,
		                 "--role must be patient, doctor, moderator "
		                 "or admin");
	if (!cfg->email || !valid_email(cfg->email))
		return cli_error(ctx, EXIT_USAGE,
		                 "--email must be an e-mail address");
	if (!cfg->name || !*cfg->name || strlen(cfg->name) > MAX_NAME ||
	    has_control(cfg->name))
		return cli_error(ctx, EXIT_USAGE,
		                 "--name must be a display name of 1 to %d "
		                 "bytes",
		                 MAX_NAME);
	if (u.role != STORE_ROLE_DOCTOR &&
	    (cfg->hospital || cfg->title || cfg->department || cfg->bio ||
	     cfg->signoff || cfg->licence))
		return cli_error(ctx, EXIT_USAGE,
		                 "--hospital, --title, --department, --bio, "
		                 "--signoff and --licence are for --role "
		                 "doctor");
	if ((rc = read_password(ctx, pw, sizeof(pw))) ||
	    (rc = hash_password(ctx, pw, hash)))
		return rc;
	u.email = cfg->email;
	u.name = cfg->name;
	u.password_hash = hash;

	if ((rc = store_tx_begin(st)))
		goto fail;
	if ((rc = store_user_create(st, &u, &id)))
		goto fail;
	if (u.role == STORE_ROLE_DOCTOR) {
		gmtime_r(&t, &tm);
		strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
		d.user_id = id;
		d.title = cfg->title;
		d.hospital = cfg->hospital;
		d.licence_no = cfg->licence;
		d.bio = cfg->bio;
		d.signoff = cfg->signoff;
		d.verified_at = now;
		if (cfg->department && *cfg->department &&
		    (rc = store_department_ensure(st, cfg->department,
		                                  &d.department_id)))
			goto fail;
		if ((rc = store_doctor_set(st, &d)))
			goto fail;
	}
	if ((rc = store_tx_commit(st)))
		goto fail;
	printf("user %lld added (%s)\n", (long long)id,
	       store_role_name(u.role));
	return EXIT_OK;
fail:
	store_tx_rollback(st);
	if (rc == STORE_CONFLICT)
		return cli_error(ctx, EXIT_FAIL,
		                 "a user with that e-mail already exists");
	return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
}

static void json_field(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, ", \"%s\": ", key);
	if (value)
		buf_json_str(b, value, strlen(value));
	else
		buf_puts(b, "null");
}

static int user_list(struct cli_ctx *ctx, struct store *st)
{
	struct arena *a = arena_new();
	struct buf b = BUF_INIT;
	struct user *u;
	size_t n;
	int rc;

	if ((rc = store_user_list(st, a, &u, &n))) {
		arena_free(a);
		return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	}
	if (!ctx->cfg->json)
		printf("%-5s %-9s %-32s %-24s %s\n", "ID", "ROLE", "EMAIL",
		       "NAME", "CREATED");
	for (size_t i = 0; i < n; i++) {
		struct doctor d;
		int is_doctor = u[i].role == STORE_ROLE_DOCTOR &&
		                store_doctor_get(st, a, u[i].id, &d) == 0;

		if (!ctx->cfg->json) {
			printf("%-5lld %-9s %-32s %-24s %s%s\n",
			       (long long)u[i].id, store_role_name(u[i].role),
			       u[i].email, u[i].name, u[i].created_at,
			       u[i].disabled ? " (disabled)" : "");
			continue;
		}
		buf_clear(&b);
		buf_printf(&b, "{\"id\": %lld", (long long)u[i].id);
		json_field(&b, "email", u[i].email);
		json_field(&b, "name", u[i].name);
		json_field(&b, "role", store_role_name(u[i].role));
		json_field(&b, "created_at", u[i].created_at);
		buf_printf(&b, ", \"disabled\": %s",
		           u[i].disabled ? "true" : "false");
		if (is_doctor) {
			json_field(&b, "title", d.title);
			json_field(&b, "hospital", d.hospital);
			json_field(&b, "department", d.department);
			json_field(&b, "verified_at", d.verified_at);
		}
		buf_puts(&b, "}\n");
		fwrite(b.p, 1, b.len, stdout);
	}
	buf_free(&b);
	arena_free(a);
	return EXIT_OK;
}

static int user_passwd(struct cli_ctx *ctx, struct store *st)
{
	char pw[LIMIT_PASSWORD_BYTES + 2], hash[PASSWORD_HASH_BYTES];
	struct arena *a;
	struct user u;
	int64_t ended = 0;
	int rc;

	if (!ctx->cfg->email)
		return cli_error(ctx, EXIT_USAGE, "passwd needs --email");
	a = arena_new();
	rc = store_user_by_email(st, a, ctx->cfg->email, &u);
	arena_free(a);
	if (rc == STORE_NOTFOUND)
		return cli_error(ctx, EXIT_FAIL, "no user with that e-mail");
	if (rc)
		return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	if ((rc = read_password(ctx, pw, sizeof(pw))) ||
	    (rc = hash_password(ctx, pw, hash)))
		return rc;
	/* A new password ends every session of the account, in the same
	 * transaction: whoever knew the old one is signed out. */
	if ((rc = store_tx_begin(st)))
		return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	if ((rc = store_user_set_password(st, u.id, hash)) ||
	    (rc = store_session_delete_user(st, u.id, &ended))) {
		store_tx_rollback(st);
		return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	}
	if ((rc = store_tx_commit(st)))
		return cli_error(ctx, EXIT_FAIL, "%s", store_errmsg());
	printf("password changed for user %lld; %lld session%s ended\n",
	       (long long)u.id, (long long)ended, ended == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct {
	const char *name;
	int (*fn)(struct cli_ctx *, struct store *);
	unsigned open_flags;
} actions[] = {
        {"add", user_add, STORE_OPEN_CREATE},
        {"list", user_list, 0},
        {"passwd", user_passwd, 0},
};

int cmd_user(struct cli_ctx *ctx)
{
	struct store *st;
	int code;

	if (ctx->argc != 1)
		return cli_error(ctx, EXIT_USAGE,
		                 "expected add, list or passwd");
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		if (strcmp(ctx->argv[0], actions[i].name) != 0)
			continue;
		if (sodium_init() < 0)
			return cli_error(ctx, EXIT_FAIL,
			                 "libsodium failed to start");
		if (store_open(ctx->cfg->db, actions[i].open_flags, &st))
			return cli_error(ctx, EXIT_FAIL, "%s: %s", ctx->cfg->db,
			                 store_errmsg());
		code = actions[i].fn(ctx, st);
		store_close(st);
		return code;
	}
	return cli_error(ctx, EXIT_USAGE,
	                 "unknown action '%s' (expected add, list or passwd)",
	                 ctx->argv[0]);
}
