/*
 * Process and architecture control (man 2 prctl, man 2 arch_prctl). Codes are from
 * uapi/prctl.h. arch_prctl sets or reads the FS and GS bases that thread-local storage uses;
 * for the ARCH_GET_* codes, address points at an unsigned long that receives the base.
 */
#ifndef SPINDLE_LIBC_SYS_PRCTL_H
#define SPINDLE_LIBC_SYS_PRCTL_H

#include "uapi/prctl.h"

/* Up to four further arguments, each an unsigned long or a pointer. */
int prctl(int option, ...);
int arch_prctl(int code, unsigned long address);

#endif
