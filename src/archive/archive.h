/* archive/archive.h: import and export of the archive format (JSON Lines,
 * ../shared/spec/archive-format.md).
 *
 * A line is parsed and validated into the store's structs (archive_parse),
 * and a record is written back in one canonical form (archive_format):
 * fixed key order, ", " and ": " separators, UTF-8 left as is, absent and
 * null optional fields left out, "topics", "answers" and "language" always
 * present, unknown fields last in their original order. Export is
 * therefore deterministic, and export -> import -> export gives the same
 * bytes.
 *
 * Mapping of fields the store has no column for: a library entry (faq)
 * keeps "asker" and "asked_at", an article keeps "question_type" and
 * "asker", with the unknown fields (they come back after the known ones).
 * askdoc's own extension fields (docs/archive.md): "status" for a Q&A
 * (written only when it is not what the answers imply: published with
 * answers, else waiting), "consent", "urgent", "reject_reason",
 * "published_at" (when not what an import derives) and "more_info" for a
 * Q&A, "edited_at" and "signoff" in a Q&A's answers, "slug", "category"
 * and "status" for an article, "names" (names in other languages of
 * the department, topics and category) for every kind. A missing one
 * takes its most private
 * value (no consent, a draft article, a draft More Info). Unknown keys inside a
 * Q&A's "asker" and inside "source" are dropped with a warning; unknown keys of
 * an answer are kept.
 * A record made on the site has the external id "askdoc-qa-<id>" (or
 * "askdoc-article-<id>"). Private data (notification e-mail, status
 * token, account links, view counts) is never exported.
 *
 * Import rules: each record is written in a savepoint, records are
 * committed in batches (one transaction per batch), a record is found
 * again by its external_id (re-import updates it, and counts it unchanged
 * when its canonical form is the same), and a line is rejected, with its
 * number and the reason, when it is not valid UTF-8, not a JSON object,
 * longer than LIMIT_ARCHIVE_LINE_BYTES, lacks a required field, has a
 * field of the wrong type or value, or repeats an external_id seen earlier
 * in the same file (the first one wins). Blank lines are skipped.
 */
#ifndef ASKDOC_ARCHIVE_H
#define ASKDOC_ARCHIVE_H

#include <stddef.h>
#include <stdio.h>

#include "store/store.h"
#include "util/buf.h"

struct arena;

/* A parsed line: kind says which member is filled. */
struct archive_record {
	enum store_kind kind;
	struct question qa;
	struct faq faq;
	struct article article;
	const char **warnings; /* fields ignored, one message each */
	size_t n_warnings;
};

struct archive_stats {
	long added, updated, unchanged, rejected;
	long warnings; /* lines with ignored fields */
	long lines;    /* lines read, blank ones included */
};

struct archive_import_opts {
	long batch; /* records per transaction (0: 5000) */
	FILE *err;  /* per-line messages (NULL: stderr) */
	const char
	        *prefix; /* put before each message, e.g. "askdoc: import: " */
};

/* Parse and validate one line (without its newline) into rec; everything
 * is allocated in a. Returns 0, or -1 with a one-line reason in err (at
 * most errlen bytes). */
int archive_parse(struct arena *a, const char *line, size_t len,
                  struct archive_record *rec, char *err, size_t errlen);
/* Append the canonical line of rec (no newline) to b. */
void archive_format(struct buf *b, const struct store_record *rec);
/* The store_record view of a parsed record. */
struct store_record archive_record_view(const struct archive_record *rec);

/* Import JSON Lines from in into st. Counts go to *stats (committed
 * records only when the import fails). Returns 0 when the input was read
 * to its end (rejected lines included), or a negative STORE_* code when
 * reading or the database failed; then the batch in progress is rolled
 * back and the batches before it stay committed. */
int archive_import(struct store *st, FILE *in,
                   const struct archive_import_opts *opt,
                   struct archive_stats *stats);
/* Write every record of st to out in export order; *n gets the count
 * (may be NULL). Returns 0, a STORE_* code, or STORE_ERROR when writing
 * fails. */
int archive_export(struct store *st, FILE *out, long *n);

#endif
