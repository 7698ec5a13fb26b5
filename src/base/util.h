/*
 * util.h - small helpers with no knowledge of the project: the length of an
 * array, and one seeded random generator for the demo and the generator.
 */
#ifndef SALESCOACH_UTIL_H
#define SALESCOACH_UTIL_H

#include <stdint.h>

/* The number of elements of an array (not of a pointer). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * splitmix64: the next number of the stream whose state is *state. Small,
 * fast and the same on every platform, so that a seed gives the same
 * organisation everywhere.
 */
static inline uint64_t sc_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#endif
