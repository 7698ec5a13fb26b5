#include "base/result.h"
#include "base/text.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SC_FAIL_MAX_ARGS 16

/*
 * The message as written into err->message, cut by its size where a quoted
 * value was long: made whole again so that it never ends inside a character.
 */
static void message_whole(struct sc_error *err)
{
	char cut[sizeof(err->message)];

	memcpy(cut, err->message, sizeof(cut));
	text_quote(cut, err->message, sizeof(err->message));
}

void sc_error_init(struct sc_error *err)
{
	if (!err)
		return;
	err->code = SC_OK;
	err->field[0] = '\0';
	err->message[0] = '\0';
	err->overridable = false;
}

enum sc_result sc_fail(struct sc_error *err, enum sc_result code, const char *field,
                       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->overridable = false;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	message_whole(err);
	return code;
}

enum sc_result sc_fail_msg(struct sc_error *err, enum sc_result code, const char *field,
                           enum msg_lang lang, const char *id, ...)
{
	struct msg_arg args[SC_FAIL_MAX_ARGS];
	size_t n = 0;
	const char *name;
	va_list ap;

	if (!err)
		return code;
	va_start(ap, id);
	while ((name = va_arg(ap, const char *)) && n < SC_FAIL_MAX_ARGS) {
		args[n].name = name;
		args[n++].value = va_arg(ap, const char *);
	}
	va_end(ap);
	char *text = msg_format(lang, id, args, n);
	err->code = code;
	err->overridable = false;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	snprintf(err->message, sizeof(err->message), "%s", text ? text : msg_text(lang, id));
	free(text);
	message_whole(err);
	return code;
}

const char *sc_i64_text(char *buf24, int64_t v)
{
	snprintf(buf24, 24, "%" PRId64, v);
	return buf24;
}

const char *sc_result_name(enum sc_result code)
{
	switch (code) {
	case SC_OK:
		return "ok";
	case SC_INVALID:
		return "invalid input";
	case SC_NOT_FOUND:
		return "not found";
	case SC_CONFLICT:
		return "conflict";
	case SC_FORBIDDEN:
		return "forbidden";
	case SC_STORE:
		return "database error";
	case SC_NOMEM:
		return "out of memory";
	case SC_IO:
		return "input/output error";
	case SC_INTERNAL:
		return "internal error";
	}
	return "unknown error";
}
