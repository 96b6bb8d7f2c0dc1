/* i18n/i18n.h: the site's languages, their message catalogs, and ICU
 * formatting (language negotiation, MessageFormat, dates, numbers).
 *
 * A site offers languages (--languages en,zh-TW,zh-CN,vi) with one default
 * (--default-language). Each language has a catalog: templates/messages.json
 * is English and every other language's templates/messages.TAG.json (for
 * example messages.zh-TW.json) overlays it key by key, so a key a catalog
 * lacks falls back to English. A site's --templates folder may override
 * any catalog the same way. Catalog texts are ICU MessageFormat patterns
 * with named arguments ("{n, plural, one {# view} other {# views}}");
 * texts without arguments are used as they are.
 *
 * Everything here is read-only once loaded, so any number of threads may
 * format at once. i18n/ knows nothing of HTTP: the web layer picks the
 * language of a request (web/locale.c) and passes its index.
 */
#ifndef ASKDOC_I18N_H
#define ASKDOC_I18N_H

#include <stddef.h>
#include <time.h>

struct arena;
struct tval;

#define I18N_MAX_LANGS 16
#define I18N_TAG_MAX   16

struct i18n {
	size_t n;                               /* languages offered */
	char tag[I18N_MAX_LANGS][I18N_TAG_MAX]; /* BCP 47: "zh-TW" */
	char icu[I18N_MAX_LANGS][I18N_TAG_MAX]; /* ICU locale: "zh_TW" */
	int def;                                /* index of the default */
	void *cat[I18N_MAX_LANGS];      /* json_t: English under language */
	void *own[I18N_MAX_LANGS];      /* json_t: the language's own keys */
	struct tval *t[I18N_MAX_LANGS]; /* cat as a value tree ("t") */
	struct arena *arena;            /* holds the value trees */
	char tz[64];                    /* the site's time zone (ICU id) */
	/* what joins the items of a list in the language, from ICU's list
	 * format (the separator of its middle items): ", " in English and
	 * Vietnamese, "、" in Chinese */
	char list_sep[I18N_MAX_LANGS][16];
};

/* Load languages (a comma-separated list of tags, each with a catalog),
 * def (one of them) and time zone tz (an IANA id such as "Asia/Taipei";
 * NULL or "" for UTC), the catalogs from the embedded templates and then
 * from dir when not NULL. Returns 0, or -1 with a one-line message in
 * *err (malloc'd): an unknown language, a missing or broken catalog
 * (including a text with braces ICU cannot read as a MessageFormat
 * pattern), a default not offered, an unknown time zone. The tag en-XA,
 * when listed, needs no catalog: it is the pseudo-locale for tests,
 * English with every text in the markers ⟦ and ⟧. */
int i18n_init(struct i18n *in, const char *languages, const char *def,
              const char *tz, const char *dir, char **err);
void i18n_free(struct i18n *in);

/* The index of the offered language tag names (case-insensitive, '_' and
 * '-' alike: "zh_tw" finds "zh-TW"), or -1. */
int i18n_find(const struct i18n *in, const char *tag);

/* The language of a request: the explicit choice (cookie) when offered,
 * else the link's ?lang= when offered, else the best match of the
 * Accept-Language header (ICU uloc_acceptLanguage; "zh-Hant" and "zh-HK"
 * find zh-TW, "zh-Hans" and "zh-SG" zh-CN), else the default. Any
 * argument may be NULL. */
int i18n_negotiate(const struct i18n *in, const char *cookie, const char *query,
                   const char *accept_language);

/* The catalog text for key in language lang (English when the language's
 * catalog lacks it, the key itself when no catalog has it). */
const char *i18n_msg(const struct i18n *in, int lang, const char *key);
/* 1 when the catalog of lang has key itself (not English's), else 0. */
int i18n_has_own(const struct i18n *in, int lang, const char *key);

/* One named argument of a message: a number (s NULL) or a string. */
struct i18n_arg {
	const char *name;
	const char *s;
	double d;
};
#define I18N_NUM(name, v)                                                      \
	{                                                                      \
		(name), NULL, (double)(v)                                      \
	}
#define I18N_STR(name, v)                                                      \
	{                                                                      \
		(name), (v) ? (v) : "", 0                                      \
	}

/* Format the pattern of key in lang with args (at most 8; numbers at most
 * 4), in arena a. String arguments are put in as text (a "select" on one
 * picks its branch); numbers go to ICU (plural, number, date). An
 * argument the pattern names but args lack becomes "". Never NULL: a
 * pattern ICU refuses gives the pattern itself. */
const char *i18n_format(const struct i18n *in, int lang, struct arena *a,
                        const char *key, const struct i18n_arg *args, size_t n);
/* The same for a pattern given directly (for tests and tools). */
const char *i18n_format_pattern(const struct i18n *in, int lang,
                                struct arena *a, const char *pattern,
                                const struct i18n_arg *args, size_t n);

/* Put the site's own values (args: its name, its emergency numbers) into
 * the value trees "t" once: every catalog text whose arguments are all
 * among args is formatted there, so templates show it as it is
 * ({{t.site_disclaimer}}); other texts stay patterns for the C code. */
void i18n_bind(struct i18n *in, const struct i18n_arg *args, size_t n);
/* The same for one language only (values that differ by language, such
 * as the emergency numbers). */
void i18n_bind_lang(struct i18n *in, int lang, const struct i18n_arg *args,
                    size_t n);

/* Time t in the site's time zone with the ICU date pattern of catalog key
 * (e.g. "date_pattern": "yyyy/MM/dd"), in the words of lang. */
/* Time t as a date in the site's time zone in ICU's long date format of
 * lang ("December 7, 2026", "2026年12月7日", "7 tháng 12, 2026"), for a
 * date inside a sentence; in arena a. */
const char *i18n_date_long(const struct i18n *in, int lang, struct arena *a,
                           time_t t);
/* items[0..n) joined with the language's list separator (list_sep:
 * "Dr. Wang, Cardiology", "王醫師、心臟內科"), in arena a. */
const char *i18n_list_join(const struct i18n *in, int lang, struct arena *a,
                           const char *const *items, size_t n);
/* items[0..n) joined as alternatives the way language lang writes them
 * (ICU's "or" list: "112 or 911", "112 hoặc 911"), in arena a. */
const char *i18n_list_or(const struct i18n *in, int lang, struct arena *a,
                         const char *const *items, size_t n);
const char *i18n_date(const struct i18n *in, int lang, struct arena *a,
                      time_t t, const char *key);
/* An ISO 8601 date or date-time ("2006-08-25", "2006-08-25T10:00:00Z",
 * "2006-08-25 10:00:00", UTC) as seconds; -1 when it is not one. */
time_t i18n_parse_iso(const char *iso);
/* n with lang's digit grouping ("1,234"; "1.234" in Vietnamese). */
const char *i18n_number(const struct i18n *in, int lang, struct arena *a,
                        double n);

#endif
