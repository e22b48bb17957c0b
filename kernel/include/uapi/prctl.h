/*
 * arch_prctl(2) and prctl(2) codes of the Linux x86_64 ABI (man 2 arch_prctl, man 2 prctl;
 * Linux's arch/x86/include/uapi/asm/prctl.h and include/uapi/linux/prctl.h).
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_PRCTL_H
#define SPINDLE_UAPI_PRCTL_H

/* arch_prctl(2): the FS and GS segment bases, used for thread-local storage. */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* prctl(2) options. */
#define PR_SET_PDEATHSIG       1
#define PR_GET_PDEATHSIG       2
#define PR_SET_NAME	       15 /* at most 16 bytes including the NUL */
#define PR_GET_NAME	       16
#define PR_SET_CHILD_SUBREAPER 36 /* orphans of our descendants come to us */
#define PR_GET_CHILD_SUBREAPER 37

#endif
