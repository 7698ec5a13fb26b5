/*
 * notify.h - e-mail reminders (PRODUCT.md, Data in and out; docs/email.md).
 *
 * `salescoach notify` works out what to send today (the organisation's date,
 * d->today) and sends it over SMTP:
 *   - session: to both parties, the day before a planned session: its date,
 *     time in the organisation's zone, kind, duration and the other party;
 *   - actions: weekly, to the owner of overdue action items: how many and
 *     their due dates (the texts are private coaching content: never sent);
 *   - alerts: weekly, a digest of the open alerts to the people they name as
 *     responsible (not the coachee), the manager of the programme's team and
 *     the organisation's administrators.
 * Each e-mail is in the recipient's language (their choice, else the
 * organisation's locale) and carries an unsubscribe link for its kind. What
 * was sent is recorded (notify_sent), so a second run sends nothing twice:
 * a session's reminder once, a weekly e-mail once per ISO week (on Monday, or
 * the first run of the week). Nothing private is ever read: sessions and
 * action items are listed through the domain without their content.
 */
#ifndef SALESCOACH_NOTIFY_H
#define SALESCOACH_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/msg.h"
#include "base/result.h"
#include "domain/domain.h"

enum notify_kind { NK_SESSION, NK_ACTIONS, NK_ALERTS, NK_COUNT };

/* "session", "actions", "alerts". */
const char *notify_kind_name(enum notify_kind k);

/* The kind called name, or false. */
bool notify_kind_parse(const char *name, enum notify_kind *out);

#define NOTIFY_TOKEN_LEN 65 /* 64 hex digits and the NUL */

/* One e-mail to send. */
struct notify_mail {
	enum notify_kind kind;
	int64_t person;
	char to[256];
	char name[128];
	enum msg_lang lang;
	char about[80];               /* what it is about: notify_sent.about */
	char token[NOTIFY_TOKEN_LEN]; /* the unsubscribe link's secret */
	char *subject;                /* owned */
	char *body;                   /* owned, without the unsubscribe paragraph */
};

struct notify_plan {
	struct notify_mail *items;
	size_t n, cap;
	size_t already[NK_COUNT];      /* left out: sent before */
	size_t unsubscribed[NK_COUNT]; /* left out: the person unsubscribed from the kind */
};

void notify_plan_release(struct notify_plan *p);

/*
 * Where and how to send: from the environment (SALESCOACH_SMTP_URL,
 * SALESCOACH_SMTP_USER, SALESCOACH_SMTP_PASSWORD, SALESCOACH_SMTP_FROM,
 * SALESCOACH_SMTP_STARTTLS, SALESCOACH_SMTP_CAFILE, SALESCOACH_PUBLIC_URL).
 * The password is only ever read from the environment, never stored or
 * printed.
 */
struct notify_config {
	char url[512];        /* smtp://host:port or smtps://host:port */
	char user[256];       /* "" for none */
	char password[256];   /* "" for none */
	char from[256];       /* the sender's address */
	char public_url[512]; /* where people open salescoach: the links */
	char cafile[512];     /* certificates to trust besides the system's; "" for none */
	bool starttls;
	char ignored[64]; /* settings set aside by SALESCOACH_SMTP_ORG_SERVERS=deny; "" none */
};

/*
 * The configuration from the environment. For sending (need_smtp) url,
 * from and public_url must be set; SC_INVALID saying which is missing.
 */
enum sc_result notify_config_env(struct notify_config *cfg, bool need_smtp, struct sc_error *err);

/*
 * The configuration of organisation org: its settings smtp_url, smtp_from
 * and smtp_user where set, else the environment's. The environment's login
 * (SALESCOACH_SMTP_USER and _PASSWORD) goes to the environment's server only;
 * for a server of the organisation's own, the password is the file named by
 * the organisation's id in SALESCOACH_SMTP_PASSWORD_DIR (no setting names a
 * file, and the password is never a setting); the rest from the environment.
 * When the operator allows organisations no servers of their own
 * (SALESCOACH_SMTP_ORG_SERVERS=deny, settings_org_smtp) the stored settings
 * are ignored and named in cfg->ignored; a wrong value of the variable is
 * SC_INVALID. For sending (need_smtp) the server, the sender and
 * SALESCOACH_PUBLIC_URL must be known: SC_INVALID, in lang, saying which and
 * where to set it.
 */
enum sc_result notify_config_load(struct store *st, int64_t org, enum msg_lang lang,
                                  struct notify_config *cfg, bool need_smtp, struct sc_error *err);

/*
 * Work out today's e-mails for the organisation of d (acting as the
 * system: d from domain_init), leaving out those sent before and the kinds
 * a person unsubscribed from. Reads only.
 */
enum sc_result notify_plan_today(struct domain *d, const struct notify_config *cfg,
                                 struct notify_plan *out, struct sc_error *err);

/*
 * Send m over SMTP as cfg says, with its unsubscribe link; then record it
 * (only after a successful send: a failed one is tried again on the next
 * run). SC_IO (with the server's answer) when the send fails.
 */
enum sc_result notify_send(struct domain *d, const struct notify_config *cfg,
                           const struct notify_mail *m, struct sc_error *err);

/* The whole message (headers and body) of m as it is sent; owned, NULL without memory. */
char *notify_message(const struct notify_config *cfg, const struct notify_mail *m);

/*
 * The holder of an unsubscribe link's secret leaves its kind (apply): the
 * person the e-mail went to gets no more e-mails of that kind. Any
 * organisation's link; *kind and *lang (the e-mail's language) say what was
 * or would be left. Without apply only that is looked up and nothing changes
 * (the page that asks first: mail scanners open links). SC_NOT_FOUND for an
 * unknown secret. Unsubscribing twice is no error.
 */
enum sc_result notify_unsubscribe(struct store *st, const char *secret, bool apply,
                                  enum notify_kind *kind, enum msg_lang *lang,
                                  struct sc_error *err);

/*
 * The language person of org chose for their e-mails (My account), which is
 * their language wherever salescoach writes to them without a login (their
 * calendar feed): *lang is set when they chose one and left as it is else.
 */
enum sc_result notify_person_lang(struct store *st, int64_t org, int64_t person,
                                  enum msg_lang *lang, struct sc_error *err);

/* A person's choices about e-mail. */
struct notify_prefs {
	char lang[4];      /* "nl", "en", or "" for the organisation's locale */
	bool on[NK_COUNT]; /* gets e-mails of each kind */
};

/*
 * The acting person's choices (d->actor.person_id; SC_INVALID for the
 * system, which has no mailbox): everything on and no language until they
 * choose.
 */
enum sc_result notify_prefs_get(struct domain *d, struct notify_prefs *out, struct sc_error *err);

/* Store the acting person's choices p (lang "", "nl" or "en"; SC_INVALID otherwise). */
enum sc_result notify_prefs_set(struct domain *d, const struct notify_prefs *p,
                                struct sc_error *err);

#endif
