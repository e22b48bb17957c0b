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

/* Resource limits (man 2 getrlimit): the numbers, and "no limit". */
#define RLIMIT_CPU	  0
#define RLIMIT_FSIZE	  1
#define RLIMIT_DATA	  2
#define RLIMIT_STACK	  3
#define RLIMIT_CORE	  4
#define RLIMIT_RSS	  5
#define RLIMIT_NPROC	  6
#define RLIMIT_NOFILE	  7
#define RLIMIT_MEMLOCK	  8
#define RLIMIT_AS	  9
#define RLIMIT_LOCKS	  10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE	  12
#define RLIMIT_NICE	  13
#define RLIMIT_RTPRIO	  14
#define RLIMIT_RTTIME	  15
#define RLIM_NLIMITS	  16
#define RLIM_INFINITY	  (~0ull)

struct rlimit {
	uint64_t rlim_cur; /* the soft limit: what is enforced */
	uint64_t rlim_max; /* the hard limit: the ceiling for rlim_cur */
};

/* times(2): CPU time in clock ticks (USER_HZ, 100 per second on Linux x86_64). */
struct tms {
	int64_t tms_utime;
	int64_t tms_stime;
	int64_t tms_cutime;
	int64_t tms_cstime;
};
#define USER_HZ 100

/* sysinfo(2): 112 bytes on x86_64. loads are fixed point with 16 fractional bits. */
struct sysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram;
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;
	uint16_t pad;
	uint64_t totalhigh;
	uint64_t freehigh;
	uint32_t mem_unit;
	char reserved[4];
};
_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo must match Linux x86_64");
#define SI_LOAD_SHIFT 16

#endif
