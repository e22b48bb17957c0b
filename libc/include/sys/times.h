/*
 * times(2): the process's and its waited-for children's CPU time in clock ticks
 * (sysconf(_SC_CLK_TCK) = 100). struct tms is uapi/resource.h's.
 */
#ifndef SPINDLE_LIBC_SYS_TIMES_H
#define SPINDLE_LIBC_SYS_TIMES_H

#include <sys/types.h>
#include "uapi/resource.h"

clock_t times(struct tms *buffer);

#endif
