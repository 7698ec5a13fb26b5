#include "domain/org.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/entity.h"
#include "model/record.h"
#include "domain/settings.h"
#include "base/text.h"

const char *const org_default_skills[ORG_DEFAULT_SKILLS] = {
	"prospecting",         "call_preparation", "opening", "needs_analysis", "presenting_value",
	"handling_objections", "negotiating",      "closing", "follow_up",      "account_planning",
};

const char *org_skill_text(size_t i, const char *what, enum msg_lang lang)
{
	char id[80];

	snprintf(id, sizeof(id), "skill.%s.%s", org_default_skills[i], what);
	return msg_text(lang, id);
}

bool org_valid_slug(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 60)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

static void make_slug(const char *name, char *out, size_t n)
{
	size_t len = 0;
	for (const char *p = name; *p && len + 1 < n && len < 60; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c))
			out[len++] = (char)tolower(c);
		else if (len && out[len - 1] != '-')
			out[len++] = '-';
	}
	while (len && out[len - 1] == '-')
		len--;
	out[len] = '\0';
}

enum sc_result org_create(struct store *st, const char *name, const char *slug, const char *locale,
                          const char *timezone, int64_t *id, struct sc_error *err)
{
	char made[64];
	const char *p = name;
	enum sc_result rc;

	char shown[64];

	while (isspace((unsigned char)*p))
		p++;
	if (!*p || strlen(name) > 120)
		return sc_fail(err, SC_INVALID, "name",
		               "name: give the organisation a name of 1 to 120 characters");
	switch (text_check(name, strlen(name), false, NULL)) {
	case TEXT_FINE:
		break;
	case TEXT_NOT_UTF8:
		return sc_fail(err, SC_INVALID, "name",
		               "name: the text is not UTF-8; save the file as UTF-8, or retype "
		               "the name");
	default:
		return sc_fail(err, SC_INVALID, "name",
		               "name: contains a control character or line break; use one line "
		               "of plain text");
	}
	if (!slug) {
		make_slug(name, made, sizeof(made));
		slug = made;
		if (!*slug)
			return sc_fail(err, SC_INVALID, "slug",
			               "slug: the name has no letters or digits to make one from; "
			               "give one with lower-case letters, digits and '-'");
	}
	if (!org_valid_slug(slug))
		return sc_fail(err, SC_INVALID, "slug",
		               "slug: '%s' is not usable; use lower-case letters, digits and '-'",
		               text_quote(slug, shown, sizeof(shown)));
	if (locale && (rc = settings_check(settings_find("locale"), locale, err)))
		return rc;
	if (timezone && (rc = settings_check(settings_find("timezone"), timezone, err)))
		return rc;

	struct org *orgs = NULL;
	size_t n = 0;
	if ((rc = store_org_list(st, &orgs, &n, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (strcmp(orgs[i].slug, slug) == 0) {
			free(orgs);
			return sc_fail(err, SC_CONFLICT, "slug",
			               "slug: an organisation '%s' exists already; choose another",
			               slug);
		}
	free(orgs);

	if ((rc = store_begin(st, err)))
		return rc;
	if ((rc = store_org_insert(st, name, slug, id, err)))
		goto fail;
	if (locale && (rc = store_setting_put(st, *id, "locale", locale, err)))
		goto fail;
	if (timezone && (rc = store_setting_put(st, *id, "timezone", timezone, err)))
		goto fail;
	enum msg_lang lang = MSG_EN;
	if (locale)
		msg_lang_parse(locale, &lang);
	for (size_t i = 0; i < ORG_DEFAULT_SKILLS; i++) {
		struct record *s = record_new(entity_get(E_SKILL));
		if (!s) {
			rc = sc_fail(err, SC_NOMEM, NULL, "out of memory");
			goto fail;
		}
		if (!(rc = record_put_text(s, "code", org_default_skills[i])) &&
		    !(rc = record_put_text(s, "name", org_skill_text(i, "name", lang))) &&
		    !(rc = record_put_text(s, "description",
		                           org_skill_text(i, "description", lang))))
			rc = store_insert(st, *id, s, err);
		record_free(&s);
		if (rc)
			goto fail;
	}
	return store_commit(st, err);
fail:
	store_rollback(st);
	return rc;
}

enum sc_result org_resolve(struct store *st, const char *slug, struct org *out,
                           struct sc_error *err)
{
	struct org *orgs = NULL;
	size_t n = 0;
	enum sc_result rc = store_org_list(st, &orgs, &n, err);

	if (rc)
		return rc;
	if (n == 0)
		rc = sc_fail(
		        err, SC_INVALID, "org",
		        "this database holds no organisation yet; load the demo with "
		        "`salescoach demo` or create one with `salescoach org add --name NAME`");
	else if (!slug && n > 1)
		rc = sc_fail(err, SC_INVALID, "org",
		             "this database holds %zu organisations; say which with --org SLUG "
		             "(`salescoach org list` shows them)",
		             n);
	else {
		rc = sc_fail(
		        err, SC_INVALID, "org",
		        "--org: there is no organisation '%s'; `salescoach org list` shows them",
		        slug ? slug : "");
		for (size_t i = 0; i < n; i++)
			if (!slug || strcmp(orgs[i].slug, slug) == 0) {
				*out = orgs[i];
				rc = SC_OK;
				sc_error_init(err);
				break;
			}
	}
	free(orgs);
	return rc;
}
