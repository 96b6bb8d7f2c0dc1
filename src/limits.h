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
/* Query strings and forms: fields per request and bytes per field. */
#define LIMIT_FORM_FIELDS 64
#define LIMIT_FIELD_BYTES (64 * 1024)
/* Cookies per request: ours are few; more means someone else's junk. */
#define LIMIT_COOKIES 32
/* Path parameters per route pattern. */
#define LIMIT_PATH_PARAMS 8
/* Question texts: long enough for a full history, short enough to read. */
#define LIMIT_QUESTION_BYTES (20 * 1024)
#define LIMIT_TITLE_BYTES    300
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
/* Concurrent connections the server accepts, in all and per address. */
#define LIMIT_CONNECTIONS        4096
#define LIMIT_CONNECTIONS_PER_IP 256
/* Seconds a client may stay idle before the server drops it. */
#define LIMIT_CONNECTION_TIMEOUT 15

#endif
