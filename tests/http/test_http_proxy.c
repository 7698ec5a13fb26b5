/*
 * test_http_proxy.c - the HTTP server behind a reverse proxy, over
 * loopback: the forwarding headers of a trusted proxy name the client and
 * its scheme, and those of anyone else change nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "http_client.h"

/* GET / with the extra header lines given (each ending in CRLF); the reply's body. */
static void forwarded_get(unsigned port, const char *headers, struct reply *r)
{
	char req[1024];

	snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n",
	         headers);
	request(port, req, r);
	assert_int_equal(r->status, 200);
}

/*
 * The attack that worked: behind a proxy every client had the proxy's
 * address (one rate limit for all), and nothing said the client used https.
 * From a trusted proxy (the test's peer, 127.0.0.1), the client is the last
 * X-Forwarded-For entry that is not a trusted proxy, so what the client put
 * in the header itself is passed over, and X-Forwarded-Proto gives the scheme.
 */
static void test_a_trusted_proxy_names_the_client_and_its_scheme(void **state)
{
	static const char *const proxies[] = { "127.0.0.1", "2001:db8::10" };
	struct http_limits lim;
	struct server s;
	struct reply r;

	(void)state;
	test_limits(&lim);
	lim.trusted_proxies = proxies;
	lim.ntrusted_proxies = 2;
	server_start(&s, &lim);
	/* The client claimed 203.0.113.50; the proxy appended the address it saw. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50, 198.51.100.9\r\n"
	              "X-Forwarded-Proto: https\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=198.51.100.9\ntls=1\n"));
	/* Through two proxies, both trusted: the one before them is the client. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50, 198.51.100.9, 2001:DB8:0::10\r\n"
	              "x-forwarded-proto: HTTPS\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=198.51.100.9\ntls=1\n"));
	/* Two headers read as one list, in order; IPv6 written the one way. */
	forwarded_get(s.port,
	              "X-Forwarded-For: 203.0.113.50\r\nX-Forwarded-For: 2001:DB8::0:7\r\n"
	              "X-Forwarded-Proto: http\r\n",
	              &r);
	assert_non_null(strstr(r.body, "remote=2001:db8::7\ntls=0\n"));
	/* A client's "https" before the proxy's own "http" does not count. */
	forwarded_get(s.port, "X-Forwarded-Proto: https, http\r\n", &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	/* An entry that is not an address: nothing past it is believed. */
	forwarded_get(s.port, "X-Forwarded-For: 198.51.100.9, unknown\r\n", &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\n"));
	http_server_stop(&s.srv);
}

/* From a peer that is not a trusted proxy, the forwarding headers change nothing. */
static void test_forwarding_headers_from_others_are_ignored(void **state)
{
	static const char *const elsewhere[] = { "192.0.2.10" };
	static const char *const bad[] = { "127.0.0.1", "proxy.example" };
	static const char headers[] = "X-Forwarded-For: 198.51.100.9\r\n"
	                              "X-Forwarded-Proto: https\r\n";
	struct http_limits lim;
	struct http_server *srv = NULL;
	struct server s;
	struct reply r;
	struct sc_error err;
	struct echo e = { 0 };

	(void)state;
	test_limits(&lim);
	server_start(&s, &lim);
	forwarded_get(s.port, headers, &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	http_server_stop(&s.srv);

	lim.trusted_proxies = elsewhere;
	lim.ntrusted_proxies = 1;
	server_start(&s, &lim);
	forwarded_get(s.port, headers, &r);
	assert_non_null(strstr(r.body, "remote=127.0.0.1\ntls=0\n"));
	http_server_stop(&s.srv);

	/* A proxy that is not an address is refused before anything listens. */
	lim.trusted_proxies = bad;
	lim.ntrusted_proxies = 2;
	sc_error_init(&err);
	assert_int_equal(http_server_start("127.0.0.1:0", &lim, echo_handler, &e, &srv, &err),
	                 SC_INVALID);
	assert_null(srv);
	assert_non_null(strstr(err.message, "proxy.example"));
}

/*
 * A proxy is many clients: with a limit of 2 connections per address, a
 * trusted proxy still gets 5 at once, each served, while the same limit
 * holds for an address that is not a proxy (test_http.c).
 */
static void test_a_trusted_proxy_is_not_held_to_the_limit_per_address(void **state)
{
	static const char *const proxies[] = { "127.0.0.1" };
	struct http_limits lim;
	struct server s;
	struct reply r;
	int held[5];

	(void)state;
	test_limits(&lim);
	lim.per_ip = 2;
	lim.trusted_proxies = proxies;
	lim.ntrusted_proxies = 1;
	server_start(&s, &lim);
	for (int i = 0; i < 5; i++) {
		held[i] = dial(s.port);
		assert_true(held[i] >= 0);
		send_str(held[i],
		         "GET /held HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
	}
	/* All five are still open and served. */
	for (int i = 0; i < 5; i++) {
		send_str(held[i], "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
		read_reply(held[i], &r);
		assert_int_equal(r.status, 200);
		close(held[i]);
	}
	http_server_stop(&s.srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_trusted_proxy_names_the_client_and_its_scheme),
		cmocka_unit_test(test_forwarding_headers_from_others_are_ignored),
		cmocka_unit_test(test_a_trusted_proxy_is_not_held_to_the_limit_per_address),
	};

	setenv("SALESCOACH_HTTP_LOG", "0", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
