/*
 * Small calls: clocks and sleeping, uname, getrandom, arch_prctl, unknown syscall numbers.
 */
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

UTEST(clocks_and_sleep)
{
	struct timespec before, after, resolution;
	EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &before), 0);
	struct timespec request = {0, 30 * 1000 * 1000};
	EXPECT_EQ(nanosleep(&request, NULL), 0);
	EXPECT_EQ(clock_gettime(CLOCK_MONOTONIC, &after), 0);
	long long elapsed =
		(after.tv_sec - before.tv_sec) * 1000000000ll + after.tv_nsec - before.tv_nsec;
	EXPECT(elapsed >= 30 * 1000 * 1000); /* a sleep never ends early */
	EXPECT_EQ(clock_getres(CLOCK_MONOTONIC, &resolution), 0);
	EXPECT_ERRNO(clock_gettime(12345, &before), EINVAL);
	struct timespec bad = {0, 2000000000};
	EXPECT_ERRNO(nanosleep(&bad, NULL), EINVAL);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	now.tv_nsec += 5 * 1000 * 1000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &after);
	EXPECT(after.tv_sec > now.tv_sec ||
	       (after.tv_sec == now.tv_sec && after.tv_nsec >= now.tv_nsec));
	EXPECT(time(NULL) > 1600000000); /* the CMOS clock gave a plausible date */
}

UTEST(uname_and_random)
{
	struct utsname name;
	EXPECT_EQ(uname(&name), 0);
	EXPECT(strcmp(name.sysname, "Spindle") == 0);
	EXPECT(strcmp(name.machine, "x86_64") == 0);
	unsigned char a[32] = {0}, b[32] = {0};
	EXPECT_EQ(getrandom(a, sizeof(a), 0), 32);
	EXPECT_EQ(getrandom(b, sizeof(b), 0), 32);
	EXPECT(memcmp(a, b, sizeof(a)) != 0);
	EXPECT_ERRNO(getrandom(a, sizeof(a), 0x100), EINVAL);
}

UTEST(unknown_syscalls_are_enosys)
{
	EXPECT_ERRNO(syscall(100000), ENOSYS);
	EXPECT_ERRNO(syscall(-1), ENOSYS);
	EXPECT_ERRNO(syscall(335), ENOSYS);
}

UTEST(thread_pointer)
{
	static unsigned long block[4];
	unsigned long original = 0, value = 0;
	/* libc keeps thread-local data (errno) behind %fs: put it back before anything else. */
	long get_original = syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &original);
	long set = syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, (unsigned long)block);
	long get = syscall(SYS_arch_prctl, 0x1003, &value);
	long restore = syscall(SYS_arch_prctl, 0x1002, original);
	EXPECT_EQ(get_original, 0);
	EXPECT_EQ(set, 0);
	EXPECT_EQ(get, 0);
	EXPECT_EQ(restore, 0);
	EXPECT_EQ(value, (unsigned long)block);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, 0xffffffff80000000ul),
		     EPERM);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
}
