/*
 * migrations.h - the numbered schema migrations under sql/, embedded into
 * the program at build time so that it needs no files beside it.
 */
#ifndef SALESCOACH_MIGRATIONS_H
#define SALESCOACH_MIGRATIONS_H

struct migration {
	int version; /* 1, 2, ...; 0 ends the list */
	const char *name;
	const char *sql; /* one or more statements */
};

/* The SQLite migrations, in order, ended by {0, NULL, NULL}. */
extern const struct migration sqlite_migrations[];

/* The PostgreSQL migrations (sql/postgres/), in order, ended by {0, NULL, NULL}. */
extern const struct migration postgres_migrations[];

#endif
