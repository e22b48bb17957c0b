/*
 * futex(2) calls for libc's locks (internal/futex.h). Timed waits use FUTEX_WAIT_BITSET,
 * whose timeout is absolute (CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME),
 * so a caller with a deadline never has to turn it into a relative time and back.
 */
#include <errno.h>
#include "internal/futex.h"
#include "internal/syscall.h"
#include "uapi/futex.h"

static int private_flag(bool is_private)
{
	return is_private ? FUTEX_PRIVATE_FLAG : 0;
}

int libc_futex_wait(int *word, int expected, bool is_private)
{
	return (int)SYSCALL4(SYS_futex, word, FUTEX_WAIT | private_flag(is_private), expected,
			     NULL);
}

int libc_futex_wait_until(int *word, int expected, clockid_t clock, const struct timespec *deadline,
			  bool is_private)
{
	int operation = FUTEX_WAIT_BITSET | private_flag(is_private);

	if (clock == CLOCK_REALTIME)
		operation |= FUTEX_CLOCK_REALTIME;
	return (int)SYSCALL6(SYS_futex, word, operation, expected, deadline, NULL,
			     FUTEX_BITSET_MATCH_ANY);
}

int libc_futex_wake(int *word, int count, bool is_private)
{
	return (int)SYSCALL3(SYS_futex, word, FUTEX_WAKE | private_flag(is_private), count);
}
