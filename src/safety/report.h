/* safety/report.h: one text's emergency flags and personal data as one
 * report line (what `askdoc safety` prints).
 *
 * With json, one line:
 *   {"emergency": bool, "categories": ["cardiac", ...],
 *    "redacted": "...", "findings": [{"type": "name|email|phone|id|
 *    address|date|handle|record", "text": "...", "start": N, "end": N}]}
 * start and end are byte offsets into text; "redacted" carries the default
 * markers ("[removed: phone]"). A text the checks refuse (longer than
 * LIMIT_SAFETY_TEXT_BYTES) gives {"error": "text too long"}. Without json
 * the same facts as indented text lines. The output is always valid UTF-8
 * (bad input bytes become U+FFFD in the JSON strings; offsets still count
 * the input's bytes).
 */
#ifndef ASKDOC_SAFETY_REPORT_H
#define ASKDOC_SAFETY_REPORT_H

struct arena;
struct buf;

/* Append the report on text (NUL-terminated) to b, allocating in a. */
void safety_report(struct arena *a, const char *text, int json, struct buf *b);

#endif
