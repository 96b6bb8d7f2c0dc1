/* tests/unit/test_form.c: the form rules every page follows (web/form.h):
 * cleaning, the control-character rule, lengths in characters, the
 * e-mail check. */
#include "test.h"

#include "limits.h"
#include "util/arena.h"
#include "util/util.h"
#include "web/form.h"

static void test_clean(void)
{
	struct arena *a = arena_new();

	CHECK_STR(form_clean(a, NULL), "");
	CHECK_STR(form_clean(a, "  \t\r\n "), "");
	CHECK_STR(form_clean(a, "  a b  "), "a b");
	/* CRLF and a lone CR are LF; inner blanks stay */
	CHECK_STR(form_clean(a, "one\r\ntwo\rthree\n\tfour"),
	          "one\ntwo\nthree\n\tfour");
	/* nothing else changes: control characters are the checks' job */
	CHECK_STR(form_clean(a, " a\x01"
	                        "b\x7f "),
	          "a\x01"
	          "b\x7f");
	arena_free(a);
}

static void test_control_characters(void)
{
	/* one line: no control character at all, not even a tab */
	CHECK(!form_bad_chars("Lin Mei 林美", 0));
	CHECK(form_bad_chars("tab\there", 0));
	CHECK(form_bad_chars("new\nline", 0));
	CHECK(form_bad_chars("bell\x07", 0));
	CHECK(form_bad_chars("del\x7f", 0));
	/* C1 controls (U+0085 NEL, U+009B CSI) are refused; U+00A0 and
	 * U+00E9 are letters and spaces, not controls */
	CHECK(form_bad_chars("nel\xc2\x85", 0));
	CHECK(form_bad_chars("csi\xc2\x9b", FORM_MULTILINE));
	CHECK(!form_bad_chars("caf\xc3\xa9\xc2\xa0ok", 0));
	/* multi-line: LF and TAB only */
	CHECK(!form_bad_chars("a\n\tb", FORM_MULTILINE));
	CHECK(form_bad_chars("a\x0b", FORM_MULTILINE)); /* vertical tab */
	CHECK(form_bad_chars("a\x1b[31m", FORM_MULTILINE));
	CHECK(form_bad_chars("a\x0c", FORM_MULTILINE));
	/* an e-mail field is one line whatever else is asked */
	CHECK(form_bad_chars("a\n@example.org", FORM_EMAIL | FORM_MULTILINE));
}

static void test_lengths_in_characters(void)
{
	char s[4 * 301 + 1];

	/* 300 Chinese characters are 900 bytes and still fit a limit of
	 * 300: limits count characters, not bytes */
	s[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(s, "\xe8\x82\x9d"); /* 肝 */
	CHECK_INT(strlen(s), 900);
	CHECK_INT(utf8_chars(s), 300);
	CHECK_INT(form_check(s, 300, 0), FORM_OK);
	strcat(s, "\xe8\x82\x9d");
	CHECK_INT(form_check(s, 300, 0), FORM_TOO_LONG);
	/* four-byte characters count once too */
	CHECK_INT(utf8_chars("\xf0\x9f\x98\x80x"), 2);
	CHECK_INT(form_check("abcd", 3, 0), FORM_TOO_LONG);
	CHECK_INT(form_check("abc", 3, 0), FORM_OK);
	CHECK_INT(form_check("abc", 0, 0), FORM_OK); /* 0: no limit */
}

static void test_check_order(void)
{
	CHECK_INT(form_check("", 10, FORM_REQUIRED), FORM_MISSING);
	CHECK_INT(form_check("", 10, 0), FORM_OK);
	CHECK_INT(form_check("", 0, FORM_EMAIL), FORM_OK); /* optional */
	/* too long is reported before bad characters */
	CHECK_INT(form_check("a\x01"
	                     "bcdef",
	                     3, 0),
	          FORM_TOO_LONG);
	CHECK_INT(form_check("a\x01", 3, 0), FORM_BAD_CHARS);
	CHECK_INT(form_check("a\nb", 3, FORM_MULTILINE), FORM_OK);
	CHECK_INT(form_check("a\nb", 3, 0), FORM_BAD_CHARS);
}

static void test_email(void)
{
	char big[LIMIT_EMAIL_BYTES + 16];
	const unsigned f = FORM_EMAIL | FORM_REQUIRED;

	CHECK_INT(form_check("ann@example.org", 0, f), FORM_OK);
	CHECK_INT(form_check("a.b+c@sub.example.co.uk", 0, f), FORM_OK);
	CHECK_INT(form_check("", 0, f), FORM_MISSING);
	CHECK_INT(form_check("ann", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("@example.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann@", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann@localhost", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann@.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann@example.", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("a@b@example.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann smith@example.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("<script>@example.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("\"q\"@example.org", 0, f), FORM_BAD_EMAIL);
	CHECK_INT(form_check("ann@example.org\r\nBcc: x@y.org", 0, f),
	          FORM_BAD_EMAIL);
	/* any script: identity checks (safety/identity.h) judge the rest */
	CHECK_INT(form_check("\xe6\x9e\x97@example.org", 0, f), FORM_OK);
	CHECK(form_email_ok("\xe6\x9e\x97@\xe4\xbe\x8b\xe5\xad\x90.tw"));
	CHECK(!form_email_ok("ann@example.org;x@y.org"));
	/* RFC 5321's 254 bytes: "ann@" then labels of 49 letters and a dot */
	strcpy(big, "ann@");
	while (strlen(big) + 50 <= LIMIT_EMAIL_BYTES - 3)
		strcat(big,
		       "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.");
	while (strlen(big) < LIMIT_EMAIL_BYTES - 3)
		strcat(big, "y");
	strcat(big, ".zz");
	CHECK_INT(strlen(big), LIMIT_EMAIL_BYTES);
	CHECK_INT(form_check(big, 0, f), FORM_OK);
	memmove(big + 1, big, strlen(big) + 1); /* one byte more */
	CHECK_INT(form_check(big, 0, f), FORM_TOO_LONG);
}

/* A new password and its confirmation: the key of the first problem and
 * the field it belongs to, for registration, applications and resets. */
static void test_new_password(void)
{
	const char *field = NULL;

	CHECK(form_new_password_key("long enough 1", "long enough 1", &field) ==
	      NULL);
	CHECK_STR(form_new_password_key("short", "short", &field),
	          "form_password_short");
	CHECK_STR(field, "password");
	CHECK_STR(form_new_password_key("aaaaaaaaaa", "aaaaaaaaaa", &field),
	          "form_password_same");
	CHECK_STR(
	        form_new_password_key("long enough 1", "long enough 2", &field),
	        "form_password_mismatch");
	CHECK_STR(field, "password2");
	/* The password's own problem comes before the confirmation's. */
	CHECK_STR(form_new_password_key("short", "other", &field),
	          "form_password_short");
	CHECK_STR(field, "password");
}

int main(void)
{
	RUN(test_clean);
	RUN(test_control_characters);
	RUN(test_lengths_in_characters);
	RUN(test_check_order);
	RUN(test_email);
	RUN(test_new_password);
	return test_summary();
}
