/*
 * sysinfo(2): uptime, load averages, memory and the number of tasks. struct sysinfo is
 * uapi/resource.h's.
 */
#ifndef SPINDLE_LIBC_SYS_SYSINFO_H
#define SPINDLE_LIBC_SYS_SYSINFO_H

#include "uapi/resource.h"

int sysinfo(struct sysinfo *info);

#endif
