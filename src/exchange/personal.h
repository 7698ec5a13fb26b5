/*
 * personal.h - the personal-data export (PRODUCT.md, Privacy; the AVG/GDPR
 * right of access): everything salescoach holds about one person as one
 * JSON document, for the API (GET /api/me/export) and the command line
 * (salescoach person export ID). docs/privacy.md lists what is in it and
 * what is not, kind by kind.
 */
#ifndef SALESCOACH_PERSONAL_H
#define SALESCOACH_PERSONAL_H

#include <jansson.h>
#include <stdint.h>

#include "base/result.h"
#include "domain/domain.h"
#include "exchange/csvstyle.h"

/* The version of the document's form, its member "format". */
#define PERSONAL_FORMAT "salescoach-personal-export/1"

/*
 * The export of person as the actor of d may make it: the person themself
 * gets everything, their private coaching content included (read through
 * the domain, so a coach's read of a coachee's content goes to the access
 * log as any read does); an administrator exporting someone else gets
 * everything but private coaching content, which only coach and coachee
 * read, and the document says so; anyone else SC_FORBIDDEN. Every record is
 * narrowed to person: of coaching relationships only those person is coach
 * or coachee of, whatever else the actor may read. An administrator's export
 * of someone else is written to the audit log, and so is every export made
 * on the command line (local: the operator of the machine made it, whatever
 * --as says). *out is a new reference.
 */
enum sc_result personal_export(struct domain *d, int64_t person, bool local, json_t **out,
                               struct sc_error *err);

/*
 * The document doc (personal_export) as a ZIP file: personal-data.json,
 * whole, and a CSV file per member that lists records (sessions.csv and the
 * other parts of the relationships with a relationship column), in the CSV
 * style given with instants in time zone tz. *bytes is owned (free()).
 */
enum sc_result personal_zip(json_t *doc, struct csv_style style, const char *tz, char **bytes,
                            size_t *len, struct sc_error *err);

/* The file name of person's export made on day (YYYY-MM-DD): "personal-data-ID-DAY.EXT". */
void personal_file_name(int64_t person, const char *day, const char *ext, char *buf, size_t size);

#endif
