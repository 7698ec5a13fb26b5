/*
 * org.h - organisations: creating one with its default skill framework and
 * settings, and finding the one a command works on.
 */
#ifndef SALESCOACH_ORG_H
#define SALESCOACH_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/msg.h"
#include "base/result.h"
#include "store/store.h"

/* The default sales skill framework every new organisation starts with. */
/* The codes of the skills every new organisation starts with. */
#define ORG_DEFAULT_SKILLS 10
extern const char *const org_default_skills[ORG_DEFAULT_SKILLS];

/*
 * The name or description (what: "name", "description") of default skill i
 * in lang, from msg/LANG/skills.json: an organisation gets them in its locale.
 */
const char *org_skill_text(size_t i, const char *what, enum msg_lang lang);

/* Whether s is a valid organisation slug: 1-60 of a-z, 0-9 and '-'. */
bool org_valid_slug(const char *s);

/*
 * Create organisation name (slug: a-z, 0-9, '-'; derived from the name when
 * NULL) with locale and time zone (NULL: defaults), seeded with the default
 * sales skill framework. One transaction; *id receives the new id.
 */
enum sc_result org_create(struct store *st, const char *name, const char *slug, const char *locale,
                          const char *timezone, int64_t *id, struct sc_error *err);

/*
 * The organisation a command works on: the one with this slug, or, when
 * slug is NULL, the only one there is. The message says what to do when
 * there is none or several.
 */
enum sc_result org_resolve(struct store *st, const char *slug, struct org *out,
                           struct sc_error *err);

#endif
