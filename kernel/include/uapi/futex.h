/*
 * futex(2) operations and flags, with Linux's values (include/uapi/linux/futex.h).
 * Shared with libc/.
 */
#ifndef SPINDLE_UAPI_FUTEX_H
#define SPINDLE_UAPI_FUTEX_H

#define FUTEX_WAIT	       0
#define FUTEX_WAKE	       1
#define FUTEX_REQUEUE	       3
#define FUTEX_CMP_REQUEUE      4
#define FUTEX_WAIT_BITSET      9
#define FUTEX_WAKE_BITSET      10
#define FUTEX_PRIVATE_FLAG     128
#define FUTEX_CLOCK_REALTIME   256
#define FUTEX_COMMAND_MASK     (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#endif
