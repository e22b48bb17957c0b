/*
 * The auxiliary vector the kernel put on the initial stack (man 3 getauxval). Keys are
 * from uapi/auxv.h.
 */
#ifndef SPINDLE_LIBC_SYS_AUXV_H
#define SPINDLE_LIBC_SYS_AUXV_H

#include "uapi/auxv.h"

/* The value for key, or 0 with errno ENOENT when the kernel did not supply it. */
unsigned long getauxval(unsigned long key);

#endif
