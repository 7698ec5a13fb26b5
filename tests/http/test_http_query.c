/*
 * test_http_query.c - the pure helpers of the HTTP layer, in memory: the
 * answer's header and body setters (no header injection), query strings
 * and cookies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/http.h"

/* ---- responses ---- */

static void test_response_helpers_refuse_header_injection(void **state)
{
	struct http_response resp;
	char name[32];

	(void)state;
	http_response_init(&resp);
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "application/json");
	assert_int_equal(http_response_header(&resp, "Location", "/x\r\nSet-Cookie: a=b"),
	                 SC_INVALID);
	assert_int_equal(http_response_header(&resp, "Bad Name", "v"), SC_INVALID);
	assert_int_equal(http_response_header(&resp, "Content-Length", "3"), SC_INVALID);
	for (int i = 0; i < HTTP_MAX_HEADERS; i++) {
		snprintf(name, sizeof(name), "X-H%d", i);
		assert_int_equal(http_response_header(&resp, name, "v"), SC_OK);
	}
	assert_int_equal(http_response_header(&resp, "X-One-Too-Many", "v"), SC_INVALID);
	assert_int_equal(http_response_body(&resp, "text/html", "<p>hi</p>", 9), SC_OK);
	assert_string_equal(resp.body, "<p>hi</p>");
	assert_int_equal(resp.body_len, 9);
	assert_string_equal(resp.content_type, "text/html");
	http_response_release(&resp);
	assert_null(resp.body);
	assert_int_equal(resp.nheaders, 0);
}

/* ---- query strings and cookies ---- */

static void test_query_get_decodes(void **state)
{
	char buf[64], tiny[4];

	(void)state;
	assert_true(http_query_get("q=van+Dijk%20%26+Zn&limit=10", "q", buf, sizeof(buf)));
	assert_string_equal(buf, "van Dijk & Zn");
	assert_true(http_query_get("q=van+Dijk&limit=10", "limit", buf, sizeof(buf)));
	assert_string_equal(buf, "10");
	/* Keys are decoded too. */
	assert_true(http_query_get("first%20name=Anna", "first name", buf, sizeof(buf)));
	assert_string_equal(buf, "Anna");
	/* The first of two wins; a bare key is present and empty. */
	assert_true(http_query_get("a=1&a=2", "a", buf, sizeof(buf)));
	assert_string_equal(buf, "1");
	assert_true(http_query_get("draft&x=1", "draft", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	/* Missing, and not a prefix match. */
	assert_false(http_query_get("limit=10", "lim", buf, sizeof(buf)));
	assert_false(http_query_get("", "q", buf, sizeof(buf)));
	/* Too long for the buffer: not present rather than cut. */
	assert_false(http_query_get("q=abcd", "q", tiny, sizeof(tiny)));
	assert_true(http_query_get("q=abc", "q", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abc");
	/* Malformed escapes are taken literally; %00 would cut the string short. */
	assert_true(http_query_get("p=100%&r=%zz%4", "p", buf, sizeof(buf)));
	assert_string_equal(buf, "100%");
	assert_true(http_query_get("p=100%&r=%zz%4", "r", buf, sizeof(buf)));
	assert_string_equal(buf, "%zz%4");
	assert_true(http_query_get("n=a%00b", "n", buf, sizeof(buf)));
	assert_string_equal(buf, "a%00b");
}

struct pairs {
	char seen[256];
	int n;
	int stop_at;
};

static enum sc_result collect(void *arg, const char *key, const char *value)
{
	struct pairs *p = arg;
	size_t len = strlen(p->seen);

	snprintf(p->seen + len, sizeof(p->seen) - len, "[%s=%s]", key, value);
	if (++p->n == p->stop_at)
		return SC_CONFLICT;
	return SC_OK;
}

static void test_query_each_visits_pairs_and_refuses_bad_ones(void **state)
{
	struct pairs p = { 0 };
	struct sc_error err;
	char *big;

	(void)state;
	sc_error_init(&err);
	assert_int_equal(http_query_each("a=1&&b=two+words&flag&c=%C3%A9", collect, &p, &err),
	                 SC_OK);
	assert_string_equal(p.seen, "[a=1][b=two words][flag=][c=\xc3\xa9]");

	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each("a=1&b=50%&c=3", collect, &p, &err), SC_INVALID);
	assert_string_equal(err.field, "query");
	assert_non_null(strstr(err.message, "\"b\""));
	assert_non_null(strstr(err.message, "%25"));
	assert_string_equal(p.seen, "[a=1]"); /* stopped at the bad pair */

	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each("a=%00", collect, &p, &err), SC_INVALID);

	/* A pair of 1024 bytes is fine, 1025 is not. */
	big = malloc(2048);
	assert_non_null(big);
	memset(big, 'x', 2048);
	memcpy(big, "k=", 2);
	big[1024] = '\0';
	memset(&p, 0, sizeof(p));
	assert_int_equal(http_query_each(big, collect, &p, &err), SC_OK);
	assert_int_equal(p.n, 1);
	big[1024] = 'x';
	big[1025] = '\0';
	sc_error_init(&err);
	assert_int_equal(http_query_each(big, collect, &p, &err), SC_INVALID);
	assert_non_null(strstr(err.message, "1024"));
	free(big);

	/* The callback's own error stops the walk and comes back as it is. */
	memset(&p, 0, sizeof(p));
	p.stop_at = 2;
	assert_int_equal(http_query_each("a=1&b=2&c=3", collect, &p, &err), SC_CONFLICT);
	assert_string_equal(p.seen, "[a=1][b=2]");
}

static void test_cookie_get(void **state)
{
	char buf[32], tiny[4];

	(void)state;
	assert_true(http_cookie_get("theme=dark; sc_session=abc.DEF-123; lang=nl", "sc_session",
	                            buf, sizeof(buf)));
	assert_string_equal(buf, "abc.DEF-123");
	assert_true(http_cookie_get("theme=dark;lang=nl", "lang", buf, sizeof(buf)));
	assert_string_equal(buf, "nl");
	assert_true(http_cookie_get("q=\"quoted value\"", "q", buf, sizeof(buf)));
	assert_string_equal(buf, "quoted value");
	/* Cookie values are not URL-decoded: what the server set comes back as it was. */
	assert_true(http_cookie_get("v=a%20b+c", "v", buf, sizeof(buf)));
	assert_string_equal(buf, "a%20b+c");
	/* Names match whole and case-sensitively. */
	assert_false(http_cookie_get("sc_session_old=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("xsc_session=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("SC_SESSION=x", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get("", "sc_session", buf, sizeof(buf)));
	assert_false(http_cookie_get(NULL, "sc_session", buf, sizeof(buf)));
	/* Too long: absent rather than cut (a cut session id is a wrong one). */
	assert_false(http_cookie_get("s=abcd", "s", tiny, sizeof(tiny)));
	assert_true(http_cookie_get("s=abc", "s", tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_response_helpers_refuse_header_injection),
		cmocka_unit_test(test_query_get_decodes),
		cmocka_unit_test(test_query_each_visits_pairs_and_refuses_bad_ones),
		cmocka_unit_test(test_cookie_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
