/*
 * store.h - where salescoach keeps its records.
 *
 * One interface with one implementation per database (SQLite now,
 * PostgreSQL behind the same calls later). Nothing here names an SQL
 * dialect: records go in and out as struct record, selected by struct
 * filter. Every row belongs to one organisation, and every call that
 * touches rows takes the organisation's id, so one tenant can never reach
 * another's data.
 *
 * A store handle is used by one thread at a time. Changes made between
 * store_begin and store_commit are applied together or not at all; calls
 * outside a transaction each run in their own.
 */
#ifndef SALESCOACH_STORE_H
#define SALESCOACH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/entity.h"
#include "model/record.h"
#include "base/result.h"

struct store;

/*
 * Open (creating when missing) the SQLite database at path and bring its
 * schema up to date by applying the numbered migrations it lacks. On
 * success *out is an owned handle for store_close.
 */
enum sc_result store_open_sqlite(const char *path, struct store **out, struct sc_error *err);

/*
 * Open the SQLite database at path for reading only: never created, its
 * schema not migrated, nothing written (what --help reads the language
 * from). A database of an older schema may fail the reads.
 */
enum sc_result store_open_sqlite_readonly(const char *path, struct store **out,
                                          struct sc_error *err);

/*
 * Open the existing SQLite database at path for reading and writing with
 * its schema as it is: never created, not migrated (what a backup reads,
 * so that a backup made before an upgrade is of the database as it was).
 * Unlike a read-only handle, its close leaves no -wal or -shm behind when
 * it is the last.
 */
enum sc_result store_open_sqlite_as_it_is(const char *path, struct store **out,
                                          struct sc_error *err);

/*
 * Whether target names a PostgreSQL database: a connection URI beginning
 * postgresql:// or postgres:// (libpq's form, e.g.
 * postgresql://salescoach@db.example.com/salescoach). Anything else is the
 * path of an SQLite file.
 */
bool store_target_is_postgres(const char *target);

/*
 * target as messages may show it, into out (size n): of a PostgreSQL URI,
 * without the password of its user part (user:secret@ becomes user@) and
 * with the value of a password= parameter replaced by "...".
 */
void store_target_shown(const char *target, char *out, size_t n);

/*
 * Open the PostgreSQL database at the connection URI conninfo and bring its
 * schema up to date by applying the numbered migrations of sql/postgres it
 * lacks. The connecting role must own the schema's tables and must not be a
 * superuser (row-level security binds no superuser: docs/scaling.md).
 */
enum sc_result store_open_postgres(const char *conninfo, struct store **out, struct sc_error *err);

/*
 * Open target, a PostgreSQL URI (store_open_postgres) or an SQLite path
 * (store_open_sqlite), migrated.
 */
enum sc_result store_open(const char *target, struct store **out, struct sc_error *err);

/* Close the handle and set *pstore to NULL. A no-op on NULL. */
void store_close(struct store **pstore);

/* Name of the implementation ("sqlite" or "postgresql"). */
const char *store_kind(const struct store *st);

/* The highest migration applied. */
enum sc_result store_schema_version(struct store *st, int *version, struct sc_error *err);

/*
 * Transactions. Nesting is not supported: store_begin inside one fails.
 * When store_commit fails nothing of the transaction (or savepoint) is kept,
 * and the caller calls store_rollback once: for a savepoint it undoes it
 * (a failed commit leaves the savepoint open, so that the rollback never
 * reaches the level around it); for a transaction there is nothing left.
 */
enum sc_result store_begin(struct store *st, struct sc_error *err);
enum sc_result store_commit(struct store *st, struct sc_error *err);
void store_rollback(struct store *st);

/*
 * A savepoint inside the open transaction (store_begin), for a caller that
 * holds one transaction around many changes each of which may fail on its
 * own (an import): until the matching store_commit (which keeps its changes
 * as part of the outer transaction) or store_rollback (which undoes only
 * them), store_commit and store_rollback act on the savepoint. Savepoints
 * nest. Fails when no transaction is open.
 */
enum sc_result store_savepoint(struct store *st, struct sc_error *err);

/*
 * A read transaction: the reads until store_rollback (or store_commit) see
 * one state of the database and take its locks once instead of once per
 * statement. Writes inside it are allowed but may fail when another
 * connection wrote meanwhile, so only best-effort writes belong in one.
 * store_begin inside it fails.
 */
enum sc_result store_read_begin(struct store *st, struct sc_error *err);

/*
 * How a committed change survives a crash of the machine.
 *
 * STORE_DURABLE_FULL: store_commit (and each call outside a transaction)
 * returns only when the change is on disk, so that a write the program
 * has acknowledged survives a power loss or an operating-system crash.
 * This costs one sync of the database's log per transaction.
 *
 * STORE_DURABLE_NORMAL: a commit does not wait for the disk; the log is
 * synced when it is copied into the database (a checkpoint). Writes are
 * cheaper, but the changes of the last moments before a power loss or an
 * operating-system crash can be lost, after they were acknowledged. The
 * database stays consistent, and a crash of the program alone loses
 * nothing.
 *
 * A store opens with STORE_DURABLE_FULL.
 */
enum store_durability { STORE_DURABLE_FULL, STORE_DURABLE_NORMAL };

/* Set the durability of st's commits from now on. */
enum sc_result store_set_durability(struct store *st, enum store_durability d,
                                    struct sc_error *err);

/* The durability st's commits have now, as the database reports it. */
enum sc_result store_durability(struct store *st, enum store_durability *d, struct sc_error *err);

/* "full" or "normal". */
const char *store_durability_name(enum store_durability d);

/* The durability called name ("full", "normal") into *d; false when there is none. */
bool store_durability_parse(const char *name, enum store_durability *d);

/*
 * Erasing for good. A database may keep the bytes of a deleted or
 * overwritten value in free space, in its log, or in old row versions
 * until they are reused; what must be gone (a person's erasure, the
 * retention of coaching content) is changed with secure erasing on, then
 * scrubbed.
 *
 * store_secure_erase: from now on, on this handle, content deleted or
 * overwritten is overwritten in the file too (SQLite: PRAGMA secure_delete;
 * PostgreSQL has no such switch: a no-op there, store_scrub does the work).
 *
 * store_scrub: outside any transaction, after the change is committed:
 * rewrite the database so that no free page and no log still holds what
 * was deleted (SQLite: VACUUM, then a checkpoint that empties the
 * write-ahead log file; PostgreSQL: VACUUM (FULL) of the tables, which
 * rewrites them, and a CHECKPOINT; its WAL archives are the operator's).
 * *complete is false when another connection's reads kept the log from
 * being emptied now: it is emptied by a later checkpoint.
 */
enum sc_result store_secure_erase(struct store *st, bool on, struct sc_error *err);
enum sc_result store_scrub(struct store *st, bool *complete, struct sc_error *err);

/*
 * Copies of the database: a backup, and a file offered for a restore.
 *
 * What a copy is, as facts for the caller to put into words: verdict says
 * whether it can be restored, the rest what it holds.
 */
enum store_copy_verdict {
	STORE_COPY_OK,             /* a salescoach database of this program's schema */
	STORE_COPY_OLDER,          /* of an older schema: migrated when restored */
	STORE_COPY_NEWER,          /* of a newer schema than this program knows */
	STORE_COPY_NOT_SQLITE,     /* not an SQLite database at all */
	STORE_COPY_CORRUPT,        /* damaged: detail is the integrity check's first finding */
	STORE_COPY_NOT_SALESCOACH, /* a table of salescoach's is missing: detail names it */
	STORE_COPY_OPEN,           /* a write-ahead log lies beside it: in use, or copied so */
	STORE_COPY_DB_IN_USE,      /* restore: the database is open in another program */
	STORE_COPY_DB_LOG_LEFT,    /* restore: a log where the database is not: detail "-wal" */
};

struct store_copy_info {
	enum store_copy_verdict verdict;
	int64_t bytes;      /* the size of the file */
	int schema_version; /* the highest migration applied in the copy */
	int known_version;  /* the highest migration this program knows */
	int64_t orgs;       /* organisations in the copy */
	char detail[256];
};

/*
 * Write a consistent copy of st's database to path while other connections
 * (a running server) go on reading and writing it: the copy holds every
 * change committed before the call began, and none half. The copy is
 * written to a new file beside path, synced and renamed to path at the end,
 * so that a failed backup leaves nothing behind. path existing is
 * SC_CONFLICT unless replace. On success *info says what the copy holds
 * (STORE_COPY_OK, or STORE_COPY_OLDER: st's schema is copied as it is, not
 * migrated). A database of a newer schema (STORE_COPY_NEWER) or a damaged
 * one (STORE_COPY_CORRUPT, detail) is SC_INVALID with that verdict in *info,
 * nothing written. Not inside a transaction of st; st may be opened read-only.
 *
 * SQLite: the online backup API, all of it read from one read transaction
 * (one snapshot, in WAL mode without blocking writers). A PostgreSQL store
 * refuses (SC_INVALID) with a message that points to pg_dump, which is how
 * a PostgreSQL database is backed up.
 */
enum sc_result store_backup(struct store *st, const char *path, bool replace,
                            struct store_copy_info *info, struct sc_error *err);

/*
 * What the file at path is, as a candidate for store_sqlite_restore, into
 * *info (its verdict among the rest); the file is only read. SC_OK whatever
 * the verdict; a failure only when the file cannot be read. (SQLite only: a
 * PostgreSQL database is restored with pg_restore, not through the store.)
 */
enum sc_result store_sqlite_check(const char *path, struct store_copy_info *info,
                                  struct sc_error *err);

/*
 * Put a copy of the SQLite database file in place of the database at
 * db_path, which no program may have open (hold store_sqlite_lock). The file
 * is checked first (store_sqlite_check into *info): anything but
 * STORE_COPY_OK and STORE_COPY_OLDER is SC_INVALID and changes nothing. An
 * older schema is migrated, as at open. The database it replaces is kept,
 * with what its write-ahead log held, as db_path.before-restore-TIME (its
 * name into kept, size nkept; "" when there was none); a database open in
 * another program is STORE_COPY_DB_IN_USE, SC_CONFLICT, nothing changed; a
 * log (-wal, -journal) where there is no database is STORE_COPY_DB_LOG_LEFT,
 * SC_CONFLICT, nothing changed. A db_path that is a symbolic link: the file
 * it points to is replaced (and kept), the link stays.
 */
enum sc_result store_sqlite_restore(const char *db_path, const char *file,
                                    struct store_copy_info *info, char *kept, size_t nkept,
                                    struct sc_error *err);

/*
 * The lock that says a server uses the SQLite database at db_path (on the
 * file db_path.lock, db_path's real path as store_sqlite_real_path gives it;
 * the file stays): shared, held by every server for as
 * long as it serves; exclusive, held by a restore. SC_CONFLICT when the
 * other kind is held; on success *fd holds it until store_sqlite_unlock,
 * or until the process ends. (A PostgreSQL server needs none.)
 */
/*
 * The file the SQLite database at path is, into out (size n): its real path,
 * symbolic links followed; of a file not there yet, its folder's real path
 * and its name. False when out is too small. (SQLite only.)
 */
bool store_sqlite_real_path(const char *path, char *out, size_t n);

enum sc_result store_sqlite_lock(const char *db_path, bool exclusive, int *fd,
                                 struct sc_error *err);
void store_sqlite_unlock(int *fd);

/*
 * Copying organisations from one database to another (salescoach copy),
 * SQLite or PostgreSQL on either side: every row of every table of each
 * organisation, with its ids, its accounts, its audit and access logs.
 *
 * The source is read in one read transaction (one state of it), the
 * destination written in one transaction whose references are checked at
 * its commit (rows that refer to each other, in either order), and, before
 * that commit, the rows of each table of each organisation are counted on
 * both sides: any difference undoes the whole copy. A survey answer keeps
 * the coach's kind it was given, which the database otherwise sets itself.
 * The destination's id sequences are moved past the copied ids.
 *
 * An organisation already in the destination (its id or its slug) is
 * SC_CONFLICT, nothing written: a copy adds organisations, it never merges
 * or overwrites. Rows whose ids the destination already uses for another
 * organisation (SQLite's ids are of the whole database) are SC_CONFLICT,
 * nothing written.
 */
struct store_copy_count {
	const char *table;
	int64_t rows;
};

struct store_copy_report {
	size_t norgs;
	int64_t rows;                    /* in every table, organisations included */
	struct store_copy_count *tables; /* owned (free()), ntables: per table, all organisations */
	size_t ntables;
};

/*
 * Copy the organisation of slug org_slug (NULL: every organisation) from
 * from to to. *report (zeroed first; release with free(report->tables))
 * says what was copied.
 */
enum sc_result store_copy(struct store *from, struct store *to, const char *org_slug,
                          struct store_copy_report *report, struct sc_error *err);

/* Organisations (tenants). */
struct org {
	int64_t id;
	char name[128];
	char slug[64];
};

enum sc_result store_org_insert(struct store *st, const char *name, const char *slug, int64_t *id,
                                struct sc_error *err);
/* All organisations; *out is owned (free()), *n its length. */
enum sc_result store_org_list(struct store *st, struct org **out, size_t *n, struct sc_error *err);

/* Organisation settings, as text. *value is owned (free()); NULL when unset. */
enum sc_result store_setting_get(struct store *st, int64_t org, const char *key, char **value,
                                 struct sc_error *err);
enum sc_result store_setting_put(struct store *st, int64_t org, const char *key, const char *value,
                                 struct sc_error *err);

/*
 * The setting key of org, as store_setting_get, and in the same read the
 * organisation's data version: text that every committed change to its
 * records makes new (sql/postgres/0002_data_version.sql), so that an answer
 * read at one version is still the answer while the version stands. ""
 * when the store keeps none (SQLite, whose reads cost less than asking
 * would).
 */
#define STORE_VERSION_LEN 64
enum sc_result store_setting_versioned(struct store *st, int64_t org, const char *key, char **value,
                                       char version[STORE_VERSION_LEN], struct sc_error *err);

enum filter_op { FO_EQ, FO_NE, FO_LT, FO_LE, FO_GT, FO_GE, FO_NULL, FO_NOT_NULL, FO_IN, FO_IN_VIA };

/*
 * One condition of a list or count: field index of the entity (or
 * FILTER_ID for the record id) compared with a value of the field's type:
 * i for whole numbers, booleans and references, r for reals, s (borrowed)
 * for the rest. FO_IN: an id or reference among the nin ids of in
 * (borrowed; none matches when nin is 0). FO_IN_VIA: field is a reference
 * (FT_REF), and the record it refers to, of the same organisation, has its
 * field via (an index of that entity's fields) among the nin ids of in:
 * the observations of the sessions of some assignments, in one condition.
 */
#define FILTER_ID (-1)
struct filter {
	int field;
	enum filter_op op;
	int64_t i;
	double r;
	const char *s;
	const int64_t *in;
	size_t nin;
	int via; /* FO_IN_VIA only */
};

struct list_opts {
	const struct filter *filters;
	size_t nfilters;
	int order_field; /* field index to sort by, FILTER_ID for id */
	bool descending;
	size_t limit; /* 0: no limit */
	size_t offset;
	/* For the domain's reads, not the store: leave out every private field
	 * (nothing is then read of it, and nothing goes to the access log). */
	bool no_content;
};

/*
 * Insert rec (its set and null values; absent ones take the column
 * default) into org. On success rec->id, rec->org_id and rec->created_at
 * are filled in.
 */
enum sc_result store_insert(struct store *st, int64_t org, struct record *rec,
                            struct sc_error *err);

/* Write the set and null values of rec to the row rec->id of org. */
enum sc_result store_update(struct store *st, int64_t org, const struct record *rec,
                            struct sc_error *err);

/* Delete row id of def in org. SC_NOT_FOUND when there is none. */
enum sc_result store_delete(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                            struct sc_error *err);

/* Row id of def in org as an owned record in *out, or SC_NOT_FOUND. */
enum sc_result store_get(struct store *st, int64_t org, const struct entity_def *def, int64_t id,
                         struct record **out, struct sc_error *err);

/* Rows of def in org that meet every filter, appended to *out (owned). */
enum sc_result store_list(struct store *st, int64_t org, const struct entity_def *def,
                          const struct list_opts *opts, struct record_list *out,
                          struct sc_error *err);

/*
 * The row of def in org with the lowest id that meets every filter, as an
 * owned record in *out; *out NULL when none does.
 */
enum sc_result store_first(struct store *st, int64_t org, const struct entity_def *def,
                           const struct filter *filters, size_t nfilters, struct record **out,
                           struct sc_error *err);

/* Number of rows of def in org that meet every filter. */
enum sc_result store_count(struct store *st, int64_t org, const struct entity_def *def,
                           const struct filter *filters, size_t nfilters, int64_t *count,
                           struct sc_error *err);

/*
 * Named queries: the facts the pitfall rules and planners need, each
 * computed set-wise over the whole organisation in one statement (never a
 * query per person); and one bookkeeping write that must be one statement
 * (SQ_ACCESS_REREAD). Every implementation provides each query with the
 * parameters and result columns documented here; times are compared as
 * UTC instants and dates as text, so callers pass window bounds already
 * converted from the organisation's time zone.
 */
enum store_query {
	/*
	 * Active assignments (status active, started, not ended) with their
	 * programme, the latest held session, the next planned one and the
	 * latest session still planned before now (not recorded as held or
	 * cancelled).
	 * Params: today (date), now (instant).
	 * Columns: assignment, programme, model, team, coach (profile),
	 * coach_person, coach_name, coachee, coachee_name, starts_on, ends_on,
	 * target_hours, last_held_at (instant or NULL), next_planned_at,
	 * last_unrecorded_at (instant or NULL).
	 */
	SQ_ACTIVE_ASSIGNMENTS,
	/*
	 * Minutes of held sessions per active assignment in [from, to).
	 * Params: today (date), from (instant), to (instant).
	 * Columns: assignment, minutes, sessions.
	 */
	SQ_HELD_MINUTES,
	/*
	 * Active coach profiles with their load and training.
	 * Params: today (date).
	 * Columns: coach, person, name, kind, capacity, hours_per_week,
	 * active_coachees, trainings_completed, training_open (a course
	 * enrolled in and not completed, or NULL), first_start (earliest
	 * starts_on of the coach's assignments or NULL), superior,
	 * superior_name, years_experience, track_record. (The coaching hours
	 * needed are computed from SQ_ACTIVE_ASSIGNMENTS with calc_needed.)
	 */
	SQ_COACHES,
	/*
	 * Open action items past due, per assignment with at least one.
	 * Params: today (date).
	 * Columns: assignment, overdue, oldest_due.
	 */
	SQ_OVERDUE_ACTIONS,
	/*
	 * Sessions of active assignments still planned (not recorded as held,
	 * cancelled or no-show) that began before until, per assignment with
	 * at least one. Params: today (date), until (instant).
	 * Columns: assignment, sessions, oldest_at, latest_at, latest session.
	 */
	SQ_UNRECORDED_SESSIONS,
	/*
	 * Sessions (held or planned) of an assignment whose coach person is
	 * the appraiser and coachee the rep of an appraisal recorded on or
	 * after since, within the given number of days (plus one, for time
	 * zones) of it.
	 * Params: since (date), days (int).
	 * Columns: appraisal, recorded_on, appraiser, appraiser_name, rep,
	 * rep_name, overridden (0/1), session, session_at, model, programme,
	 * team, superior, superior_name.
	 */
	SQ_MIXED_APPRAISALS,
	/*
	 * The latest supervision review of each person by their current
	 * superior or by the reviewer the organisation names. Params: the named
	 * reviewer's person id (0: none). Columns: manager, last_review,
	 * next_review.
	 */
	SQ_SUPERVISION,
	/*
	 * Manager tasks. Columns: task, manager, name, hours_per_week,
	 * delegable (0/1), delegated (0/1).
	 */
	SQ_MANAGER_TASKS,
	/*
	 * Teams whose current programme is of the given model, with the
	 * manager's span of control (active direct reports).
	 * Params: today (date), model (text).
	 * Columns: team, team_name, programme, manager, manager_name, span.
	 */
	SQ_TEAM_SPANS,
	/*
	 * The latest readiness assessment per candidate.
	 * Columns: candidate, assessed_on, motivation, traits, ability,
	 * track_record, decision.
	 */
	SQ_READINESS,
	/*
	 * Incentive plans covering today. Params: today (date).
	 * Columns: plan, coach, starts_on, ends_on, target_reduction_pct,
	 * bonus_share_pct, selling_hours.
	 */
	SQ_INCENTIVES,
	/*
	 * Sales results of the people who are active senior coaches.
	 * Columns: person, month, quota.
	 */
	SQ_SENIOR_QUOTAS,
	/*
	 * Held session minutes per senior coach and session start instant
	 * from since on. Params: since (instant).
	 * Columns: coach, at, minutes.
	 */
	SQ_SENIOR_SESSIONS,
	/*
	 * Survey means per coach and respondent group from since on.
	 * Params: since (date).
	 * Columns: coach, respondent, answers, respect, trust, not_reporting
	 * (means; not_reporting NULL when nobody answered it),
	 * not_reporting_answers, helps, part_of_team (means), feels_like_assessment
	 * (mean, NULL when nobody answered it), feels_like_assessment_answers.
	 */
	SQ_SURVEY_MEANS,
	/*
	 * Sales-floor presence of internal and external coaches in [from, to]
	 * (dates). Params: from (date), to (date).
	 * Columns: coach, floor_days (distinct dates).
	 */
	SQ_PRESENCE,
	/*
	 * The customer appointments internal and external coaches joined in a
	 * window, as recorded: each held ride-along session starting in
	 * [from, to) (instants), and per day the presences of kind
	 * customer_appointment in [from_date, to_date].
	 * Params: from (instant), to (instant), from_date, to_date.
	 * Columns: coach, at (the session's instant; NULL for presences), on
	 * (the presence date; NULL for a session), count (1 for a session, the
	 * presences of that day). Ordered by coach.
	 */
	SQ_APPOINTMENTS,
	/*
	 * Team activities in [from, to) and how many of them each coach of
	 * the team's current programme attended (a presence naming the
	 * activity). Params: today (date), from (instant), to (instant).
	 * Columns: coach, team, activities, attended.
	 */
	SQ_TEAM_ATTENDANCE,
	/*
	 * Onboarding of external coaches: per coach, the team meetings that
	 * introduced them (count, first at), the active coachees, those with
	 * an introductory one-to-one held, and the survey answer dates.
	 * Params: today (date), start of tomorrow (UTC instant): meetings
	 * count once they have begun, i.e. before the end of the local today.
	 * Columns: coach, team, introduced, coachees, intro_done,
	 * survey_dates (comma-separated distinct dates or NULL).
	 */
	SQ_ONBOARDING,
	/*
	 * The floor of the benchmark: one aggregate scan over every session.
	 * Columns: sessions, minutes.
	 */
	SQ_SESSION_SCAN,
	/*
	 * Teams with their manager and the team's current programme.
	 * Params: today (date).
	 * Columns: team, name, manager, manager_name, programme, model.
	 */
	SQ_TEAMS,
	/*
	 * A coach's view of their coachees: the active assignments of the
	 * coach profile of a person, with the coachee, the latest held and the
	 * earliest planned session. Params: the coach's person id.
	 * Columns: assignment, programme, status, coachee, name, email,
	 * last_id, last_at, last_kind, last_status, last_minutes,
	 * next_id, next_at, next_kind, next_status, next_minutes (NULL when
	 * there is no such session). Ordered by the coachee's name, then the
	 * assignment.
	 */
	SQ_COACHEES,
	/*
	 * What decides a person's roles, in one read. Params: person id.
	 * Columns: account role (NULL without an account), has direct
	 * reports, manages a team, has a coach profile, is coached (0 or 1).
	 */
	SQ_ROLES,
	/*
	 * The one named query that writes: count one more read in the access
	 * log's latest row of a reader's reads of the same fields of a record,
	 * when that row was begun after since: reads + 1, last_at = now. One
	 * statement, so that reads made at once on other connections are all
	 * counted. Params: reader, subject, entity (text), record id, fields
	 * (text), since (instant), now (instant).
	 * Columns: the id of the row counted; no row when there is none (and
	 * nothing was changed).
	 */
	SQ_ACCESS_REREAD,
	/*
	 * The changes made to each session of the coaching relationships of a
	 * person (as coach or coachee) starting at or after since, as the audit
	 * log counts them (its updates): what a calendar event's SEQUENCE is.
	 * Params: person id, since (instant). Columns: session, changes (0 for
	 * a session never changed).
	 */
	SQ_SESSION_CHANGES,
	/*
	 * Coverage (plan/report.h, report_coverage): every assignment, not
	 * paused, whose span (starts_on to its ends_on, else its programme's
	 * ends_on) meets [first, last], with the dates of its held sessions in
	 * [from, to) and nothing else of them (no content). Params: first
	 * (date), last (date), from (instant), to (instant).
	 * Columns: assignment, programme, model, team, team_name, coachee,
	 * starts_on, ends (the span's last day), held (the instants of the held
	 * sessions, comma-separated, or NULL). Ordered by assignment. In
	 * PostgreSQL: string_agg for GROUP_CONCAT.
	 */
	SQ_COVERAGE,
	/*
	 * Hours (plan/report.h, report_hours): the assignments of SQ_COVERAGE,
	 * with their programme's target hours and the instant and minutes of
	 * their held sessions in [from, to), nothing else of them (no content).
	 * Params: first (date), last (date), from (instant), to (instant).
	 * Columns: assignment, programme, model, team, team_name, coachee,
	 * starts_on, ends, target_hours, held ("instants;minutes": the instants
	 * of the held sessions, comma-separated, then their minutes in the same
	 * order - two aggregates of one pass over the same rows, cheaper than
	 * a text per session; or NULL). Ordered by assignment. In PostgreSQL:
	 * string_agg for GROUP_CONCAT (the minutes cast to text), both ORDER
	 * BY s.at, s.id so that the two lists agree.
	 */
	SQ_HOURS,
	/*
	 * The coaches report (plan/report.h, report_coaches): every coach
	 * profile (of person ?6 only, when not 0), once per assignment of it
	 * whose span meets [first, last] (paused ones too), or once with the
	 * assignment's columns NULL when it has none; with the held sessions'
	 * time, minutes and feedback (0 without) in [from, to) and nothing else
	 * of them. Params: first (date), last (date), from (instant), to
	 * (instant), person (0: every coach). Columns: coach, person, name,
	 * kind, capacity, active, assignment, coachee, status, programme,
	 * model, team, target_hours, starts_on, ends (the span's last day),
	 * held ("instants;codes": the held sessions' instants, comma-separated,
	 * then their codes in the same order, code = minutes * 8 + feedback, 0
	 * without: one number to write and read; or NULL). Ordered by coach,
	 * then assignment. In PostgreSQL: string_agg for GROUP_CONCAT (the codes
	 * cast to text), both ORDER BY s.at, s.id so that the two lists agree.
	 */
	SQ_COACH_LOAD,
	/*
	 * Impact (plan/report_int.h, report_impact_load): every assignment whose
	 * span meets [first, last], paused ones too. Params: first (date), last
	 * (date). Columns: assignment, coach, coachee, programme, team, model,
	 * starts_on, ends (the span's last day), status. Ordered by assignment.
	 */
	SQ_IMPACT_ASSIGNMENTS,
	/*
	 * Impact: the sales results of the months [first, last], figures only.
	 * Params: first (YYYY-MM), last (YYYY-MM). Columns: rep, month, quota,
	 * revenue, deals_won, deals_lost. In no order.
	 */
	SQ_IMPACT_RESULTS,
	/*
	 * Acceptance (plan/report.h, report_acceptance): the pulse survey's
	 * answers answered_on in [first, last], counted and summed per coach,
	 * respondent group and month, never one answer.
	 * Params: first (date), last (date), team, programme.
	 * Columns: coach, kind, person, name, respondent, month (YYYY-MM),
	 * answers, then per item (respect, trust, helps, part_of_team,
	 * not_reporting, feels_like_assessment) its sum (NULL when nobody
	 * answered it) and its answers, and "selected": 1 when team and
	 * programme are 0, or the coach has an assignment (any status) in a
	 * programme of that team (when not 0) and that programme (when not 0)
	 * whose span (starts_on to its ends_on, else the programme's ends_on)
	 * meets [first, last]; else 0. Ordered by coach, respondent, month.
	 */
	SQ_ACCEPTANCE,
	/*
	 * The programme report's acceptance per model (plan/report_models.c):
	 * the survey answers answered_on in [from, to], counted and summed per
	 * coach, the kind the coach had when each was given
	 * (survey_answer.coach_kind, else the coach's kind) and respondent group,
	 * never one answer. Params: from (date), to (date). Ordered by coach.
	 * Columns: coach, kind, respondent, answers,
	 * then for respect, trust, helps, part_of_team, not_reporting its sum
	 * (NULL when nobody answered it) and its answers.
	 */
	SQ_SURVEY_BY_KIND,
	/*
	 * Programmes (plan/report.h, report_programmes): the held sessions
	 * since from, summed per programme and coachee of their assignment:
	 * counts, minutes and feedback scores only, nothing of their content.
	 * Params: from (instant). Columns: programme, coachee, sessions,
	 * minutes (SUM, NULL when none is set), feedback_sum (SUM, NULL when
	 * none), feedback_n. Ordered by programme, coachee. In PostgreSQL the
	 * same SQL (CROSS JOIN as an inner join).
	 */
	SQ_PROGRAMME_HELD,
	SQ_COUNT
};

/* A parameter of a named query: a whole number or (when s is set) text. */
struct qparam {
	int64_t i;
	const char *s; /* borrowed */
};

enum qtype { QT_NULL, QT_INT, QT_REAL, QT_TEXT };

struct qcell {
	enum qtype type;
	int64_t i;
	double r;
	size_t text; /* QT_TEXT: where its text begins in the qrows' texts */
};

/*
 * The rows of a named query: nrows x ncols cells, row by row. The text of
 * every QT_TEXT cell is in texts, NUL-terminated, one after the other: one
 * allocation for them all rather than one a cell.
 */
struct qrows {
	size_t ncols, nrows, cap;
	struct qcell *cells;
	char *texts;
	size_t tlen, tcap;
};

/*
 * Run named query q for org with its parameters; the rows are appended to
 * *out (which starts zeroed) and owned by it until qrows_release.
 */
enum sc_result store_query(struct store *st, int64_t org, enum store_query q,
                           const struct qparam *params, size_t nparams, struct qrows *out,
                           struct sc_error *err);

/* Free the cells and texts of rows and zero it. */
void qrows_release(struct qrows *rows);

/* Cell accessors: a NULL cell reads as 0, 0.0 or NULL; ints and reals convert. */
int64_t qrows_int(const struct qrows *rows, size_t row, size_t col);
double qrows_real(const struct qrows *rows, size_t row, size_t col);
const char *qrows_text(const struct qrows *rows, size_t row, size_t col);
bool qrows_null(const struct qrows *rows, size_t row, size_t col);

#endif
