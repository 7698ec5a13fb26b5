/*
 * entity.h - the salescoach domain, described as data.
 *
 * Every record kind of PRODUCT.md (person, team, programme, coach profile,
 * assignment, session, ...) is an entity_def: its fields, their types, the
 * range each accepts, which entity a reference points at, and which fields
 * are private coaching content. Validation, storage, the command line and
 * JSON output are all driven by these tables, so a rule stated here holds
 * the same through every door.
 *
 * The definitions are static and immutable; pointers to them stay valid for
 * the life of the program.
 */
#ifndef SALESCOACH_ENTITY_H
#define SALESCOACH_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/msg.h"

enum entity_kind {
	E_PERSON,
	E_TEAM,
	E_PROGRAMME,
	E_COACH,
	E_TRAINING,
	E_ASSIGNMENT,
	E_SESSION,
	E_OBSERVATION,
	E_ACTION,
	E_SKILL,
	E_PLAN,
	E_SELF_ASSESSMENT,
	E_APPRAISAL,
	E_ASSESSMENT,
	E_SUPERVISION,
	E_TASK,
	E_INCENTIVE,
	E_PRESENCE,
	E_ACTIVITY,
	E_SURVEY,
	E_RESULT,
	E_SHARE, /* a coachee's consent to show one session's content to a named person */
	E_ACK,
	E_AUDIT,
	E_ACCESS,
	E_ACCOUNT,     /* a person's login: role and password hash (never shown) */
	E_LOGIN,       /* a login session of the HTTP API (cookie) */
	E_TOKEN,       /* an API token for scripts */
	E_SETUP,       /* a one-time link with which a person chooses their password */
	E_SECURITY,    /* what was done to a person's account, shown to that person */
	E_BALLOT,      /* that a person answered a coach's pulse survey in a round (not what) */
	E_CALENDAR,    /* a person's calendar feed: the digest of its secret */
	E_NOTICE,      /* an e-mail sent by salescoach notify: kind, recipient, what about, when */
	E_NOTIFY_PREF, /* a person's e-mail choices: language, kinds unsubscribed */
	E_COUNT
};

enum field_type {
	FT_TEXT,     /* free text, max = maximum length in bytes */
	FT_INT,      /* whole number in [min, max] */
	FT_REAL,     /* number in [min, max] */
	FT_BOOL,     /* true/false (accepts yes/no, 1/0) */
	FT_DATE,     /* "YYYY-MM-DD" */
	FT_DATETIME, /* instant; entered in the organisation's zone, stored in UTC */
	FT_MONTH,    /* "YYYY-MM" */
	FT_EMAIL,    /* an e-mail address, stored in lower case */
	FT_ENUM,     /* one of choices */
	FT_REF,      /* id of a record of entity ref in the same organisation */
	FT_SKILLS,   /* comma-separated skill codes that exist in the framework */
	FT_CODE      /* short identifier: a-z, 0-9 and '_' */
};

#define FF_REQUIRED 0x01u /* must be given on add */
#define FF_PRIVATE  0x02u /* private coaching content (PRODUCT.md "People and roles") */
#define FF_UNIQUE   0x04u /* unique within the organisation */
#define FF_FIXED    0x08u /* cannot be changed once added */
#define FF_LIST     0x10u /* a column of the list table */
#define FF_OWNER    0x20u /* FT_REF to the record this one is part of: removed with it */
#define FF_SECRET   0x40u /* a password hash or token digest: never shown, never audited */

struct field_def {
	const char *name; /* column, JSON key; CLI option with '_' as '-' */
	enum field_type type;
	unsigned flags;             /* FF_* */
	double min, max;            /* FT_INT/FT_REAL range; FT_TEXT maximum length */
	const char *const *choices; /* FT_ENUM: NULL-terminated allowed values */
	enum entity_kind ref;       /* FT_REF: the entity referred to */
	const char *dflt;           /* value used on add when not given, or NULL */
	const char *help;           /* one line for --help */
};

struct entity_def {
	enum entity_kind kind;
	const char *name;   /* CLI noun and JSON type, e.g. "session" */
	const char *plural; /* "sessions" */
	const char *table;  /* table name in every store */
	const char *help;   /* one line for --help */
	const struct field_def *fields;
	size_t nfields;
	int label;       /* index of the field that names a record, or -1 */
	unsigned eflags; /* EF_* */
};

#define EF_READONLY 0x01u /* written by salescoach itself, never by users */
#define EF_INTERNAL 0x02u /* changed only through its own commands: no noun of its own */
#define EF_UNDATED                                                                                 \
	0x04u /* created_at is the month's first day, not the moment: nothing to link by */

/* The definition of an entity kind; never NULL for a kind < E_COUNT. */
const struct entity_def *entity_get(enum entity_kind kind);

/* The entity whose name (or plural) is name, or NULL. */
const struct entity_def *entity_find(const char *name);

/* Index of the field called name in def, or -1. */
int entity_field(const struct entity_def *def, const char *name);

/*
 * The field a list of def is ranged over by date (from/to): its first listed
 * date, instant or month field that is not private (a session's at, an
 * action item's due_on), or -1 when it has none.
 */
int entity_when(const struct entity_def *def);

/* True when def has at least one private field. */
bool entity_has_private(const struct entity_def *def);

/*
 * True when f is free text that may hold line breaks and tabs: FT_TEXT of
 * 500 bytes or more (notes, agendas, descriptions). Shorter text (names,
 * titles, references) is one line.
 */
bool entity_text_multiline(const struct field_def *f);

/* Human name of a field type for messages ("a date YYYY-MM-DD"). */
const char *entity_type_hint(const struct field_def *f);

/* The same hint in lang ("een datum YYYY-MM-DD"). */
const char *entity_type_hint_in(const struct field_def *f, enum msg_lang lang);

/* Whether f refers to a person or a coach profile: given by id or by the person's e-mail address.
 */
bool entity_ref_by_email(const struct field_def *f);

#endif
