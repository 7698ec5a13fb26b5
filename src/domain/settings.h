/*
 * settings.h - an organisation's settings: locale, time zone, the k of
 * aggregates, retention, the thresholds of the pitfall rules, and where its
 * e-mail goes out (the SMTP server, sender, login; never the password).
 *
 * Each setting has a definition (type, range, default) and a text saying what
 * it is for in msg/LANG/settings.json; values are
 * stored as text per organisation and validated before they are stored.
 */
#ifndef SALESCOACH_SETTINGS_H
#define SALESCOACH_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/msg.h"
#include "base/result.h"
#include "store/store.h"

/*
 * ST_SMTP: "" or smtp:// / smtps:// and a host; ST_EMAIL: "" or an address;
 * ST_TEXT: a word of at most 255 characters;
 */
enum setting_type { ST_INT, ST_REAL, ST_ENUM, ST_ZONE, ST_SMTP, ST_EMAIL, ST_TEXT };

struct setting_def {
	const char *key;
	enum setting_type type;
	double min, max;
	const char *const *choices; /* ST_ENUM */
	const char *dflt;
};

/* What setting key is for, in lang: the catalogue's "setting.KEY" (msg/LANG/settings.json). */
const char *settings_help(const char *key, enum msg_lang lang);

/* All definitions, in display order; *n receives the count. */
const struct setting_def *settings_all(size_t *n);

/* The definition of key, or NULL. */
const struct setting_def *settings_find(const char *key);

/* Check value against def; the message says what is allowed. */
enum sc_result settings_check(const struct setting_def *def, const char *value,
                              struct sc_error *err);

/*
 * The value of key for org (its default when unset) copied into out
 * (size n). Fails for an unknown key.
 */
enum sc_result settings_get(struct store *st, int64_t org, const char *key, char *out, size_t n,
                            struct sc_error *err);

/* Numeric settings; an unknown key or a broken value yields the default. */
double settings_number(struct store *st, int64_t org, const char *key);

/* Validate and store value for key; nothing is stored when it is invalid. */
enum sc_result settings_set(struct store *st, int64_t org, const char *key, const char *value,
                            struct sc_error *err);

/*
 * Whether the machine's operator lets organisations send e-mail through SMTP
 * servers of their own choice: $SALESCOACH_SMTP_ORG_SERVERS, "allow" (also
 * when unset or empty) or "deny" (a hosted server of many organisations,
 * whose server should not connect wherever an administrator says). Denied,
 * the settings of settings_operator_smtp cannot be given a value (emptied
 * they may be) and `salescoach notify` ignores a value stored before.
 * SC_INVALID, in lang, naming the variable for any other value.
 */
enum sc_result settings_org_smtp(bool *allowed, enum msg_lang lang, struct sc_error *err);

/*
 * Whether key is one of the settings SALESCOACH_SMTP_ORG_SERVERS=deny takes
 * away from organisations: the server, its login and the sender (an
 * address of the administrator's choice would have the operator's server
 * send in anyone's name).
 */
bool settings_operator_smtp(const char *key);

/*
 * Whether an administrator may set key here: false for the settings of
 * settings_operator_smtp when the operator denies them (or its value is
 * wrong, which settings_org_smtp says).
 */
bool settings_editable(const char *key);

/* settings_set, its refusal in lang (the English one is settings_set's). */
enum sc_result settings_set_in(struct store *st, int64_t org, const char *key, const char *value,
                               enum msg_lang lang, struct sc_error *err);

#endif
