/* limits.h: every hard limit of askdoc in one place, each with its reason
 * (SQLite's sqliteLimit.h). Change a limit here and only here. */
#ifndef ASKDOC_LIMITS_H
#define ASKDOC_LIMITS_H

/* A form post carries at most a question and its fields; 256 KiB leaves
 * room for a long question in any script without inviting abuse. */
#define LIMIT_BODY_BYTES (256 * 1024)
/* Uploaded photos (multipart bodies) may be larger than forms. */
#define LIMIT_UPLOAD_BYTES (2 * 1024 * 1024)
/* A URL longer than this is not one of ours. */
#define LIMIT_URL_BYTES 4096
/* Query strings and forms: fields per request and bytes per field. The
 * reply editor is the largest form: its text fields, up to
 * LIMIT_REPLY_TOPICS topics and a "keep" box per More Info sentence. */
#define LIMIT_FORM_FIELDS 128
/* Bytes per field: the longest text below (LIMIT_ARTICLE_CHARS) in a
 * script of three bytes a character (Chinese, Vietnamese) fits. */
#define LIMIT_FIELD_BYTES (128 * 1024)
/* Cookies per request: ours are few; more means someone else's junk. */
#define LIMIT_COOKIES 32
/* Path parameters per route pattern. */
#define LIMIT_PATH_PARAMS 8
/* Texts people type are limited in characters (code points), never in
 * bytes, so that every script gets the same room (web/form.h).
 * Question texts: long enough for a full history, short enough to read. */
#define LIMIT_QUESTION_CHARS (20 * 1024)
#define LIMIT_TITLE_CHARS    300
/* An archive line (one record) may hold a long article. */
#define LIMIT_ARCHIVE_LINE_BYTES (4 * 1024 * 1024)
/* Passwords: long passphrases are welcome; beyond this is not a password.
 * (argon2id's cost does not depend on the length.) */
#define LIMIT_PASSWORD_BYTES 1024
/* Search queries: terms beyond this add cost but not precision. */
#define LIMIT_QUERY_BYTES 10000
#define LIMIT_QUERY_TERMS 64
/* Template nesting (sections, partials): deeper is a loop, not a page. */
#define LIMIT_TEMPLATE_DEPTH 64
/* A template file: a page's markup is kilobytes; a megabyte is a mistake. */
#define LIMIT_TEMPLATE_BYTES (1024 * 1024)
/* Concurrent connections the server accepts, in all and per address
 * (defaults of --max-conns and --max-conns-per-address): a household or
 * office behind one NAT opens a few dozen, a flood from one address is
 * held to a fraction of the total. */
#define LIMIT_CONNECTIONS        4096
#define LIMIT_CONNECTIONS_PER_IP 256
/* Seconds a client may stay idle before the server drops it
 * (--idle-timeout). */
#define LIMIT_CONNECTION_TIMEOUT 15
/* Slow clients (--header-timeout, --body-timeout, --body-min-rate): the
 * idle timeout never cuts a client that trickles a byte every few seconds,
 * so a request's headers must be in within LIMIT_HEADER_SECONDS of the
 * connection opening (or of the previous response), and after
 * LIMIT_BODY_SECONDS a body must have averaged LIMIT_BODY_MIN_RATE
 * bytes/s: any real form arrives in well under a second, and a 2 MiB
 * photo on a poor mobile link at several times that rate. */
#define LIMIT_HEADER_SECONDS 10
#define LIMIT_BODY_SECONDS   10
#define LIMIT_BODY_MIN_RATE  1024

/* ---- asking and answering (issue 3) ---- */
/* Shortest title and question (in characters, not bytes, so that short
 * Chinese questions pass): below this a doctor cannot tell what is asked. */
#define LIMIT_TITLE_MIN_CHARS    4
#define LIMIT_QUESTION_MIN_CHARS 15
/* A nickname is a name, not a message. */
#define LIMIT_NICKNAME_CHARS 60
/* RFC 5321: a path holds at most 256 octets, so an address at most 254. */
#define LIMIT_EMAIL_BYTES 254
/* A secret read from a file (--smtp-password-file, ...): one line; far
 * more than any password or token, small enough for the stack. */
#define LIMIT_SECRET_BYTES 4096
/* A reply: a few screens of Markdown; longer belongs in an article. */
#define LIMIT_ANSWER_CHARS (32 * 1024)
/* A sign-off is one or two lines. */
#define LIMIT_SIGNOFF_CHARS 300
/* A doctor's own More Info: a few paragraphs, like a reply. */
#define LIMIT_MOREINFO_CHARS (16 * 1024)
/* A moderator's reason shown to the asker: a short paragraph. */
#define LIMIT_REASON_CHARS 1000
/* A topic is a name ("Hepatitis C"), and a reply needs only a few. */
#define LIMIT_TOPIC_CHARS  100
#define LIMIT_REPLY_TOPICS 16
/* Delivery attempts of one mail before it is given up (with doubling
 * delays from --mail-retry seconds that is hours of retrying). */
#define LIMIT_MAIL_ATTEMPTS 8

/* ---- accounts and security (issue 3) ---- */
/* A display name, a doctor's title or hospital: one line someone reads
 * (characters, not bytes, so every script gets the same room). */
#define LIMIT_NAME_CHARS 200
/* Licence numbers are short codes in every registry we know of. */
#define LIMIT_LICENCE_CHARS 64
/* A doctor's biography: a few paragraphs on the profile page. */
#define LIMIT_BIO_CHARS 4000
/* Login throttling (failures per account from one client address, and
 * per client address over all accounts, in a window; beyond, 429) is a
 * setting: --login-limit-account (5: online guessing is hopeless; counted
 * per address too, so guesses from elsewhere never lock the owner out),
 * --login-limit-addr (20: room for a household or office behind one NAT),
 * --login-window (a quarter hour). */
/* Counters kept per throttle table (memory stays bounded under a flood
 * of distinct e-mails or addresses). */
#define LIMIT_LOGIN_THROTTLE_SLOTS 16384

/* ---- More Info (issue 6) ---- */
/* A language model's chat response: a draft is a few hundred words; a
 * megabyte means the endpoint is misbehaving, so the transfer stops. */
#define LIMIT_LLM_REPLY_BYTES (1024 * 1024)

/* ---- patient safety (issue 6) ---- */
/* Text the emergency and personal-data detectors read at most: a question
 * is 20 KiB, a whole answer thread a few times that; beyond a megabyte the
 * caller is passing something that is not a question. */
#define LIMIT_SAFETY_TEXT_BYTES (1024 * 1024)

/* ---- content and discovery (issue 5) ---- */
/* A doctor's photo is shown at a few hundred pixels: a megabyte holds a
 * good JPEG of that and keeps doctor pages fast; larger means a camera
 * original that should be resized first. */
#define LIMIT_PHOTO_BYTES (1024 * 1024)
/* Width and height of a photo: beyond this it is not a portrait but a
 * memory bomb for the readers' browsers. */
#define LIMIT_PHOTO_SIDE 4096
/* A comment is a few sentences, not an article. */
#define LIMIT_COMMENT_CHARS 2000
/* Links in one comment: one or two are a reference, more are spam. */
#define LIMIT_COMMENT_LINKS 2
/* Comments per account and per client address in a window are settings
 * (--comment-limit-account, --comment-limit-addr, --comment-window);
 * reports per address share the address limit and the window. */
/* Minutes during which authors may edit or delete their own comment. */
#define LIMIT_COMMENT_EDIT_SECONDS (15 * 60)
/* A report's reason: one line. */
#define LIMIT_REPORT_REASON_CHARS 300
/* Department descriptions: a paragraph on its page. */
#define LIMIT_DESCRIPTION_CHARS 2000
/* An article: a thorough piece is 20-40 KB of Markdown; in three-byte
 * characters it must still fit LIMIT_FIELD_BYTES. */
#define LIMIT_ARTICLE_CHARS (40 * 1024)
/* A category path ("More > Health > Recovery"). */
#define LIMIT_CATEGORY_CHARS 300
/* Entries per sitemap file (the protocol allows 50,000; smaller files
 * are cheaper to build on the fly). */
#define LIMIT_SITEMAP_URLS 10000
/* Lines per JSON API page. */
#define LIMIT_API_PAGE 100

/* ---- password reset by e-mail (issue 11) ---- */
/* A reset link works this long: long enough to reach the mail, short
 * enough that an old mail in a mailbox is no key to the account. */
#define LIMIT_RESET_SECONDS 3600
/* Reset requests from one client address per window: a person asks
 * once or twice; more is someone mailing other people's addresses. */
#define LIMIT_RESET_PER_ADDR 5
/* Reset mails to one e-mail address per window, whoever asks: a mailbox
 * cannot be flooded through the form. */
#define LIMIT_RESET_PER_ACCOUNT 3
#define LIMIT_RESET_WINDOW      3600

#endif
