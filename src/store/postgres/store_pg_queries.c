/* Placeholder until the PostgreSQL forms of the named queries land. */
#include "store/postgres/store_pg_int.h"

const char *const pg_queries[SQ_COUNT] = { 0 };
