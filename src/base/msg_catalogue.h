/*
 * msg_catalogue.h - the embedded message catalogue (for msg.c only).
 *
 * Generated from the JSON files under msg/ by tools/embed_msgs.py at build time,
 * sorted by id, one text per language in the order of enum msg_lang.
 */
#ifndef SALESCOACH_MSG_CATALOGUE_H
#define SALESCOACH_MSG_CATALOGUE_H

#include <stddef.h>

#define MSG_NLANGS 2

struct msg_entry {
	const char *id;
	const char *text[MSG_NLANGS];
};

extern const struct msg_entry msg_catalogue[];
extern const size_t msg_catalogue_len;

#endif
