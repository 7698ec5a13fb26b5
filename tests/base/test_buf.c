/*
 * test_buf.c - src/base/buf.c: a growable text keeps every byte appended
 * (NUL-terminated, also across many doublings), an empty one is an empty
 * string, and one past its limit fails as a whole: later appends do nothing
 * and buf_take gives NULL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"
#include "base/msg.h"

static void test_appends_grow_and_keep_every_byte(void **state)
{
	(void)state;
	struct buf b = { 0 };
	buf_puts(&b, "caf\xc3\xa9");
	buf_put(&b, " ok", 1);
	assert_string_equal(b.s, "caf\xc3\xa9 ");
	assert_int_equal(b.len, 6);
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "0123456789");
	assert_false(b.failed);
	assert_int_equal(b.len, 6 + 100000);
	assert_int_equal(strlen(b.s), b.len);
	assert_memory_equal(b.s + b.len - 10, "0123456789", 10);
	char *s = buf_take(&b);
	assert_non_null(s);
	assert_null(b.s);
	assert_int_equal(b.len, 0);
	free(s);

	s = buf_take(&b); /* nothing appended: an empty string, not NULL */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_past_the_limit_fails_as_a_whole(void **state)
{
	(void)state;
	struct buf b = { .limit = 256 };
	for (int i = 0; i < 25; i++)
		buf_puts(&b, "0123456789");
	assert_false(b.failed);
	buf_puts(&b, "0123456789"); /* 260 bytes and the NUL: past 256 */
	assert_true(b.failed);
	buf_puts(&b, "x");
	assert_int_equal(b.len, 250);
	assert_null(buf_take(&b));
	assert_false(b.failed);

	struct buf r = { 0 };
	buf_puts(&r, "kept");
	buf_release(&r);
	assert_null(r.s);
}

/* msg_format writes through it: placeholders and plurals as before. */
static void test_msg_format_uses_it(void **state)
{
	(void)state;
	const struct msg_arg args[] = { { "n", "3" }, { "kind", "x" } };
	char *s = msg_format(MSG_EN, "notify.actions.subject", args, 2);
	assert_non_null(s);
	assert_string_equal(s, "You have 3 overdue action items");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends_grow_and_keep_every_byte),
		cmocka_unit_test(test_past_the_limit_fails_as_a_whole),
		cmocka_unit_test(test_msg_format_uses_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
