#include "base/result.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sc_error_init(struct sc_error *err)
{
	if (!err)
		return;
	err->code = SC_OK;
	err->field[0] = '\0';
	err->message[0] = '\0';
}

enum sc_result sc_fail(struct sc_error *err, enum sc_result code, const char *field,
                       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
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
