/*
 * System name (man 2 uname). struct utsname is the kernel's, from uapi/utsname.h.
 */
#ifndef SPINDLE_LIBC_SYS_UTSNAME_H
#define SPINDLE_LIBC_SYS_UTSNAME_H

#include "uapi/utsname.h"

int uname(struct utsname *name);

#endif
