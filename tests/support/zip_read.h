/*
 * zip_read.h - a ZIP file read back with libzip, as any archive program
 * would read it: whether an entry exists and what its bytes hold.
 */
#ifndef SALESCOACH_TEST_ZIP_READ_H
#define SALESCOACH_TEST_ZIP_READ_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether the ZIP of len bytes at zip has an entry called name (NULL: any
 * entry) whose bytes, uncompressed, hold text (NULL: whatever they hold).
 * Fails the test when the bytes are no ZIP.
 */
bool zip_read_holds(const void *zip, size_t len, const char *name, const char *text);

#endif
