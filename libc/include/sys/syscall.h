/*
 * System call numbers, SYS_read and on (man 2 syscall), from uapi/syscall.h. syscall()
 * itself is declared in unistd.h.
 */
#ifndef SPINDLE_LIBC_SYS_SYSCALL_H
#define SPINDLE_LIBC_SYS_SYSCALL_H

#include "uapi/syscall.h"

#endif
