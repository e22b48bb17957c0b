/*
 * struct rusage of the Linux x86_64 ABI, as wait4(2) and getrusage(2) fill it in
 * (man 2 getrusage; Linux's include/uapi/linux/resource.h). 144 bytes.
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_RESOURCE_H
#define SPINDLE_UAPI_RESOURCE_H

#include <stdint.h>
#include "uapi/time.h"

struct rusage {
	struct timeval ru_utime; /* user CPU time */
	struct timeval ru_stime; /* system CPU time */
	int64_t ru_maxrss;	 /* peak resident set, KiB */
	int64_t ru_ixrss;
	int64_t ru_idrss;
	int64_t ru_isrss;
	int64_t ru_minflt; /* page faults without I/O */
	int64_t ru_majflt; /* page faults with I/O */
	int64_t ru_nswap;
	int64_t ru_inblock;
	int64_t ru_oublock;
	int64_t ru_msgsnd;
	int64_t ru_msgrcv;
	int64_t ru_nsignals;
	int64_t ru_nvcsw;  /* voluntary context switches */
	int64_t ru_nivcsw; /* involuntary context switches */
};

_Static_assert(sizeof(struct rusage) == 144, "struct rusage must match Linux x86_64");

#define RUSAGE_SELF	(0)
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD	1

#endif
