/*
 * notify_mail.c - an e-mail of `salescoach notify` as it goes out (see
 * notify.h): the configuration from the settings and the environment, the message (RFC 5322
 * headers folded at 78 characters, names and subjects that are not ASCII as
 * RFC 2047 encoded words, the body as UTF-8 quoted-printable, the unsubscribe
 * link in the text and in List-Unsubscribe with RFC 8058's one-click POST),
 * sending it over SMTP with libcurl (STARTTLS when asked)
 * and recording it once it was accepted.
 */
#include "exchange/notify.h"

#include <curl/curl.h>
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/timeutil.h"
#include "domain/settings.h"
#include "model/entity.h"
#include "model/record.h"
#include "store/store.h"

/* Copy the environment variable name into out (size n); false when unset or empty. */
static bool env(const char *name, char *out, size_t n)
{
	const char *v = getenv(name);
	snprintf(out, n, "%s", v ? v : "");
	return v && *v;
}

enum sc_result notify_config_env(struct notify_config *cfg, bool need_smtp, struct sc_error *err)
{
	char tls[16];

	memset(cfg, 0, sizeof(*cfg));
	env("SALESCOACH_SMTP_USER", cfg->user, sizeof(cfg->user));
	env("SALESCOACH_SMTP_PASSWORD", cfg->password, sizeof(cfg->password));
	env("SALESCOACH_SMTP_CAFILE", cfg->cafile, sizeof(cfg->cafile));
	cfg->starttls = env("SALESCOACH_SMTP_STARTTLS", tls, sizeof(tls)) &&
	                (!strcmp(tls, "1") || !strcmp(tls, "true") || !strcmp(tls, "yes"));
	static const struct {
		const char *name;
		size_t off, size;
	} need[] = {
		{ "SALESCOACH_SMTP_URL", offsetof(struct notify_config, url), 512 },
		{ "SALESCOACH_SMTP_FROM", offsetof(struct notify_config, from), 256 },
		{ "SALESCOACH_PUBLIC_URL", offsetof(struct notify_config, public_url), 512 },
	};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		char *field = (char *)cfg + need[i].off;
		if (!env(need[i].name, field, need[i].size) && need_smtp)
			return sc_fail(err, SC_INVALID, need[i].name,
			               "%s is not set: set it in the environment (docs/email.md)",
			               need[i].name);
	}
	/* Links are made by appending a path: no slash at the end. */
	size_t n = strlen(cfg->public_url);
	while (n && cfg->public_url[n - 1] == '/')
		cfg->public_url[--n] = '\0';
	if (!*cfg->public_url)
		snprintf(cfg->public_url, sizeof(cfg->public_url), "%s", "http://localhost:8080");
	return SC_OK;
}

/*
 * The password of organisation org for a server of its own: the first line of
 * the file named by its id in SALESCOACH_SMTP_PASSWORD_DIR, which the machine's
 * operator keeps. No setting names a file: an administrator could otherwise
 * have the server read any file it may read and send it to a server of their
 * choice. No directory or no file: no password.
 */
static enum sc_result own_password(int64_t org, char *out, size_t n, enum msg_lang lang,
                                   struct sc_error *err)
{
	const char *dir = getenv("SALESCOACH_SMTP_PASSWORD_DIR");
	char path[600];
	FILE *f;

	out[0] = '\0';
	if (!dir || !*dir)
		return SC_OK;
	snprintf(path, sizeof(path), "%s/%" PRId64, dir, org);
	if (!(f = fopen(path, "r")))
		return errno == ENOENT
		               ? SC_OK
		               : sc_fail_msg(err, SC_INVALID, "smtp_user", lang,
		                             "notify.err.password_file", "path", path, NULL);
	if (!fgets(out, (int)n, f))
		out[0] = '\0';
	fclose(f);
	out[strcspn(out, "\r\n")] = '\0';
	return SC_OK;
}

enum sc_result notify_config_load(struct store *st, int64_t org, enum msg_lang lang,
                                  struct notify_config *cfg, bool need_smtp, struct sc_error *err)
{
	static const struct {
		const char *key, *env;
		size_t off, size;
	} from_settings[] = {
		{ "smtp_url", "SALESCOACH_SMTP_URL", offsetof(struct notify_config, url), 512 },
		{ "smtp_from", "SALESCOACH_SMTP_FROM", offsetof(struct notify_config, from), 256 },
		{ "smtp_user", NULL, offsetof(struct notify_config, user), 256 },
	};
	char value[512], env_url[512];
	enum sc_result rc = notify_config_env(cfg, false, err);
	bool own_server = false, allowed = true;

	snprintf(env_url, sizeof(env_url), "%s", cfg->url);
	if (rc == SC_OK)
		rc = settings_org_smtp(&allowed, lang, err);

	/*
	 * The organisation's settings first; the environment where one is empty, or
	 * where the operator allows organisations no server (nor sender) of their own.
	 */
	for (size_t i = 0; rc == SC_OK && i < sizeof(from_settings) / sizeof(from_settings[0]);
	     i++) {
		char *field = (char *)cfg + from_settings[i].off;
		rc = settings_get(st, org, from_settings[i].key, value, sizeof(value), err);
		if (rc == SC_OK && *value && !allowed) {
			size_t at = strlen(cfg->ignored);
			snprintf(cfg->ignored + at, sizeof(cfg->ignored) - at, "%s%s",
			         at ? ", " : "", from_settings[i].key);
			value[0] = '\0';
		}
		if (rc == SC_OK && *value)
			snprintf(field, from_settings[i].size, "%s", value);
		if (rc == SC_OK && i == 0)
			own_server = *value && strcmp(value, env_url) != 0;
		/* The environment's login belongs to the environment's server only. */
		if (rc == SC_OK && i == 0 && own_server) {
			cfg->user[0] = '\0';
			sodium_memzero(cfg->password, sizeof(cfg->password));
		}
		/* Where the operator keeps the server, only they can set it: say so. */
		if (rc == SC_OK && need_smtp && from_settings[i].env && !*field)
			rc = allowed ? sc_fail_msg(err, SC_INVALID, from_settings[i].key, lang,
			                           "notify.err.not_set", "key",
			                           from_settings[i].key, "env",
			                           from_settings[i].env, NULL)
			             : sc_fail_msg(err, SC_INVALID, from_settings[i].key, lang,
			                           "notify.err.not_set_operator", "env",
			                           from_settings[i].env, NULL);
	}
	if (rc == SC_OK && own_server)
		rc = own_password(org, cfg->password, sizeof(cfg->password), lang, err);
	if (rc == SC_OK && own_server && need_smtp && *cfg->user && !*cfg->password) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, org);
		rc = sc_fail_msg(err, SC_INVALID, "smtp_user", lang, "notify.err.no_password", "id",
		                 id, NULL);
	}
	const char *public_url = getenv("SALESCOACH_PUBLIC_URL");
	if (rc == SC_OK && need_smtp && (!public_url || !*public_url))
		rc = sc_fail_msg(err, SC_INVALID, NULL, lang, "notify.err.not_set_env", "env",
		                 "SALESCOACH_PUBLIC_URL", NULL);
	if (rc)
		sodium_memzero(cfg->password, sizeof(cfg->password));
	return rc;
}

/*
 * A header being written, folded as RFC 5322 wants: a line (the header's name
 * included) longer than 78 characters is broken before a space, as CRLF and
 * that space. Only a token longer than a line (a long address or link) makes
 * a longer line, on a line of its own.
 */
struct hdr {
	struct buf *b;
	size_t col;
};

#define HDR_LINE 78

static struct hdr hdr_start(struct buf *b, const char *name)
{
	buf_puts(b, name);
	buf_puts(b, ":");
	return (struct hdr){ b, strlen(name) + 1 };
}

/* The token s[0..n) after a space that may become a fold. */
static void hdr_token(struct hdr *h, const char *s, size_t n)
{
	if (h->col + 1 + n > HDR_LINE && h->col > 1) {
		buf_puts(h->b, "\r\n");
		h->col = 0;
	}
	buf_puts(h->b, " ");
	buf_put(h->b, s, n);
	h->col += 1 + n;
}

static void hdr_end(struct hdr *h)
{
	buf_puts(h->b, "\r\n");
}

/* The longest word at i of s that fits in avail bytes, never ending inside a UTF-8 character. */
static size_t utf8_take(const char *s, size_t n, size_t i, size_t avail)
{
	size_t take = n - i < avail ? n - i : avail;
	while (take && i + take < n && ((unsigned char)s[i + take] & 0xc0) == 0x80)
		take--;
	return take ? take : 1;
}

/*
 * s[0..n) as RFC 2047 encoded words (UTF-8, base64), each at most 75
 * characters, never splitting a character; with fill the first is as long as
 * the line still allows, else each as long as a word may be.
 */
static void hdr_encoded(struct hdr *h, const char *s, size_t n, bool fill)
{
	for (size_t i = 0; i < n;) {
		/* "=?UTF-8?B?" and "?=" are 12 characters; 45 bytes are 60 of base64. */
		size_t room = 12 + 60;
		if (fill && h->col + 1 + 12 + 8 <= HDR_LINE && h->col + 1 + room > HDR_LINE)
			room = HDR_LINE - h->col - 1;
		size_t take = utf8_take(s, n, i, (room - 12) / 4 * 3);
		char word[128] = "=?UTF-8?B?";
		sodium_bin2base64(word + 10, sizeof(word) - 12, (const unsigned char *)s + i, take,
		                  sodium_base64_VARIANT_ORIGINAL);
		strcat(word, "?=");
		hdr_token(h, word, strlen(word));
		i += take;
	}
}

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
			return false;
	return true;
}

/*
 * Text that a reader would take for an encoded word ("=?UTF-8?B?...?="), so
 * that a name typed as one shows as something else: such text is itself
 * encoded, never written as it is.
 */
static bool looks_encoded(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '=' && s[i + 1] == '?')
			return true;
	return false;
}

/* An unstructured value (the subject): ASCII folded at its spaces, else encoded words. */
static void hdr_text(struct hdr *h, const char *s)
{
	bool fits = ascii(s) && *s != ' ' && !looks_encoded(s, strlen(s));
	for (const char *w = s; fits && *w;) {
		size_t n = strcspn(w, " ");
		fits = n + 2 <= HDR_LINE;
		w += n + (w[n] == ' ');
	}
	if (!fits) {
		hdr_encoded(h, s, strlen(s), true);
		return;
	}
	/* Each space (the first is the one after the colon) may become a fold. */
	while (*s) {
		size_t n = strcspn(s, " ");
		hdr_token(h, s, n);
		s += n + (s[n] == ' ');
	}
}

/* Whether the word s[0..n) may stand as an atom in a phrase (RFC 5322 atext, no "=?"). */
static bool atom(const char *s, size_t n)
{
	if (n == 0 || looks_encoded(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", s[i])))
			return false;
	return true;
}

/*
 * A display name: a quoted string when it is ASCII and fits on the line (a
 * comma or a dot in it is no address), else its words folded at the spaces:
 * a word that is an atom as it is, the others (and the spaces between them)
 * as encoded words. So two encoded words meet only inside a run of more than
 * 45 bytes, where decoders disagree about the space between them (RFC 2047
 * says none; Python's address parser keeps one).
 */
static void hdr_name(struct hdr *h, const char *name)
{
	struct buf q = { 0 };
	buf_puts(&q, "\"");
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_puts(&q, "\\");
		buf_put(&q, p, 1);
	}
	buf_puts(&q, "\"");
	bool quoted = !q.failed && ascii(name) && !looks_encoded(name, strlen(name)) &&
	              h->col + 1 + q.len <= HDR_LINE;
	if (quoted)
		hdr_token(h, q.s, q.len);
	free(q.s);
	if (quoted)
		return;
	if (*name == ' ' || strstr(name, "  ") || (*name && name[strlen(name) - 1] == ' ')) {
		hdr_encoded(h, name, strlen(name), false);
		return;
	}
	for (const char *w = name; *w;) {
		size_t n = strcspn(w, " ");
		if (atom(w, n)) {
			hdr_token(h, w, n);
			w += n + (w[n] == ' ');
			continue;
		}
		/* The run of words that are no atom, with the spaces between them. */
		const char *end = w + n;
		while (*end == ' ' && !atom(end + 1, strcspn(end + 1, " ")))
			end += 1 + strcspn(end + 1, " ");
		hdr_encoded(h, w, (size_t)(end - w), false);
		w = end + (*end == ' ');
	}
}

/* Text as quoted-printable (RFC 2045), lines ended by CRLF, soft breaks before 76. */
static void put_qp(struct buf *b, const char *s)
{
	size_t col = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char out[4];
		size_t len;
		if (*p == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		bool end = p[1] == '\n' || p[1] == '\0';
		if ((*p >= 33 && *p <= 126 && *p != '=') || ((*p == ' ' || *p == '\t') && !end)) {
			out[0] = (char)*p;
			len = 1;
		} else {
			snprintf(out, sizeof(out), "=%02X", *p);
			len = 3;
		}
		if (col + len > 75) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		buf_put(b, out, len);
		col += len;
	}
	if (col)
		buf_puts(b, "\r\n");
}

/* The unsubscribe link of m. */
static void unsubscribe_url(const struct notify_config *cfg, const struct notify_mail *m, char *out,
                            size_t n)
{
	snprintf(out, n, "%s/api/unsubscribe/%s", cfg->public_url, m->token);
}

/* The domain of the sender's address, for the Message-ID. */
static const char *from_domain(const struct notify_config *cfg)
{
	const char *at = strrchr(cfg->from, '@');
	return at && at[1] ? at + 1 : "salescoach.invalid";
}

char *notify_message(const struct notify_config *cfg, const struct notify_mail *m)
{
	struct buf b = { 0 };
	char line[2048], url[700], date[64], id[40];
	time_t now = tu_now();
	struct tm tm;
	unsigned char raw[16];

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id, sizeof(id), raw, sizeof(raw));
	unsubscribe_url(cfg, m, url, sizeof(url));

	struct hdr h = hdr_start(&b, "From");
	snprintf(line, sizeof(line), "<%s>", cfg->from);
	hdr_token(&h, "salescoach", 10);
	hdr_token(&h, line, strlen(line));
	hdr_end(&h);
	h = hdr_start(&b, "To");
	hdr_name(&h, m->name);
	snprintf(line, sizeof(line), "<%s>", m->to);
	hdr_token(&h, line, strlen(line));
	hdr_end(&h);
	h = hdr_start(&b, "Subject");
	hdr_text(&h, m->subject);
	hdr_end(&h);
	/* RFC 8058: a mail client may unsubscribe with one POST to the link, without a page. */
	h = hdr_start(&b, "List-Unsubscribe");
	snprintf(line, sizeof(line), "<%s>", url);
	hdr_token(&h, line, strlen(line));
	hdr_end(&h);
	snprintf(line, sizeof(line),
	         "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
	         "Date: %s\r\nMessage-ID: <%s@%s>\r\nMIME-Version: 1.0\r\n"
	         "Content-Type: text/plain; charset=utf-8\r\n"
	         "Content-Transfer-Encoding: quoted-printable\r\n"
	         "Content-Language: %s\r\n"
	         "Auto-Submitted: auto-generated\r\nX-Salescoach-Kind: %s\r\n\r\n",
	         date, id, from_domain(cfg), msg_lang_code(m->lang), notify_kind_name(m->kind));
	buf_puts(&b, line);
	char kind[64];
	snprintf(kind, sizeof(kind), "notify.kind.%s", notify_kind_name(m->kind));
	const struct msg_arg args[] = { { "kind", msg_text(m->lang, kind) }, { "link", url } };
	char *footer = msg_format(m->lang, "notify.footer", args, 2);
	struct buf text = { 0 };
	buf_puts(&text, m->body);
	buf_puts(&text, "\n\n-- \n");
	buf_puts(&text, footer ? footer : url);
	free(footer);
	buf_puts(&text, "\n");
	if (!text.failed)
		put_qp(&b, text.s);
	free(text.s);
	if (b.failed || text.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* What libcurl reads the message from. */
struct reader {
	const char *s;
	size_t left;
};

static size_t read_message(char *out, size_t size, size_t nmemb, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nmemb < r->left ? size * nmemb : r->left;
	memcpy(out, r->s, n);
	r->s += n;
	r->left -= n;
	return n;
}

static enum sc_result smtp_send(const struct notify_config *cfg, const struct notify_mail *m,
                                const char *message, struct sc_error *err)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *rcpt = NULL;
	char from[300], to[300], why[CURL_ERROR_SIZE] = "";
	struct reader r = { message, strlen(message) };
	CURLcode cc;

	if (!curl)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	snprintf(from, sizeof(from), "<%s>", cfg->from);
	snprintf(to, sizeof(to), "<%s>", m->to);
	if (!(rcpt = curl_slist_append(NULL, to))) {
		curl_easy_cleanup(curl);
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	}
	curl_easy_setopt(curl, CURLOPT_URL, cfg->url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(curl, CURLOPT_READDATA, &r);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, why);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (*cfg->user)
		curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->user);
	if (*cfg->password)
		curl_easy_setopt(curl, CURLOPT_PASSWORD, cfg->password);
	/* STARTTLS asked for is STARTTLS required: a server that does not offer it (or someone
	 * in between who strips the offer) gets neither the password nor a message. */
	if (cfg->starttls)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (*cfg->cafile)
		curl_easy_setopt(curl, CURLOPT_CAINFO, cfg->cafile);
	cc = curl_easy_perform(curl);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	if (cc != CURLE_OK)
		return sc_fail(err, SC_IO, NULL, "sending the e-mail to %s failed: %s", m->to,
		               *why ? why : curl_easy_strerror(cc));
	return SC_OK;
}

/* Record that m was sent today, with its unsubscribe link's digest. */
static enum sc_result record_sent(struct domain *d, const struct notify_mail *m,
                                  struct sc_error *err)
{
	unsigned char h[32];
	char hash[NOTIFY_TOKEN_LEN];
	struct record *rec = record_new(entity_get(E_NOTICE));
	enum sc_result rc;

	if (!rec)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	crypto_generichash(h, sizeof(h), (const unsigned char *)m->token, strlen(m->token), NULL,
	                   0);
	sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
	record_put_int(rec, "person", m->person);
	if ((rc = record_put_text(rec, "kind", notify_kind_name(m->kind))) ||
	    (rc = record_put_text(rec, "about", m->about)) ||
	    (rc = record_put_text(rec, "sent_on", d->today)) ||
	    (rc = record_put_text(rec, "token_hash", hash)))
		rc = sc_fail(err, rc, NULL, "out of memory");
	else
		rc = store_insert(d->store, d->org, rec, err);
	record_free(&rec);
	return rc;
}

enum sc_result notify_send(struct domain *d, const struct notify_config *cfg,
                           const struct notify_mail *m, struct sc_error *err)
{
	char *message = notify_message(cfg, m);
	enum sc_result rc;

	if (!message)
		return sc_fail(err, SC_NOMEM, NULL, "out of memory");
	rc = smtp_send(cfg, m, message, err);
	free(message);
	if (rc == SC_OK)
		rc = record_sent(d, m, err);
	return rc;
}
