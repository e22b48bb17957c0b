/*
 * Tests for the remaining system interfaces: clocks and calendar time (man 2 clock_gettime,
 * man 3 gmtime), identity and uname, getrandom, brk/sbrk and mmap/mprotect, the auxiliary
 * vector, sysconf, errno values and the generic syscall(). The assertions hold on Linux and
 * on Spindle alike; none depends on timing.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "test.h"

static void test_clocks(void)
{
	struct timespec first, second, resolution;
	struct timeval wall;
	time_t now;

	TEST_CHECK_EQUAL(clock_gettime(CLOCK_MONOTONIC, &first), 0);
	TEST_CHECK_EQUAL(clock_gettime(CLOCK_MONOTONIC, &second), 0);
	TEST_CHECK(second.tv_sec > first.tv_sec ||
		   (second.tv_sec == first.tv_sec && second.tv_nsec >= first.tv_nsec));
	TEST_CHECK(first.tv_nsec >= 0 && first.tv_nsec < NSEC_PER_SEC);
	TEST_CHECK_EQUAL(clock_getres(CLOCK_MONOTONIC, &resolution), 0);
	TEST_CHECK(resolution.tv_sec > 0 || resolution.tv_nsec > 0);
	TEST_CHECK_EQUAL(clock_gettime(CLOCK_REALTIME, &first), 0);
	now = time(NULL);
	TEST_CHECK(now >= first.tv_sec && now > 1600000000);
	TEST_CHECK_EQUAL(gettimeofday(&wall, NULL), 0);
	TEST_CHECK(wall.tv_sec >= now && wall.tv_usec >= 0 && wall.tv_usec < 1000000);
	TEST_CHECK_EQUAL(clock_gettime(12345, &first), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK(clock() >= 0);
}

static void test_sleeping(void)
{
	struct timespec request = {0, 1000000}, before, after, bad = {0, NSEC_PER_SEC};

	clock_gettime(CLOCK_MONOTONIC, &before);
	TEST_CHECK_EQUAL(nanosleep(&request, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &after);
	/* At least the requested time passed (a lower bound, not a timing threshold). */
	TEST_CHECK((after.tv_sec - before.tv_sec) * NSEC_PER_SEC + after.tv_nsec - before.tv_nsec >=
		   1000000);
	TEST_CHECK_EQUAL(nanosleep(&bad, NULL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(clock_nanosleep(CLOCK_MONOTONIC, 0, &request, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &request);
	request.tv_nsec += 1000;
	if (request.tv_nsec >= NSEC_PER_SEC) {
		request.tv_sec++;
		request.tv_nsec -= NSEC_PER_SEC;
	}
	TEST_CHECK_EQUAL(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &request, NULL), 0);
	/* clock_nanosleep returns the error instead of setting errno. */
	TEST_CHECK_EQUAL(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	TEST_CHECK_EQUAL(usleep(1), 0);
	TEST_CHECK_EQUAL(sleep(0), 0);
	TEST_CHECK_EQUAL(sched_yield(), 0);
}

static void check_date(time_t time, int year, int month, int day, int hour, int minute, int second,
		       int weekday, int year_day)
{
	struct tm broken_down;
	struct tm copy;

	TEST_CHECK(gmtime_r(&time, &broken_down) == &broken_down);
	if (broken_down.tm_year + 1900 != year || broken_down.tm_mon + 1 != month ||
	    broken_down.tm_mday != day || broken_down.tm_hour != hour ||
	    broken_down.tm_min != minute || broken_down.tm_sec != second ||
	    broken_down.tm_wday != weekday || broken_down.tm_yday != year_day)
		test_fail(__FILE__, __LINE__, "gmtime(%ld) = %d-%d-%d %d:%d:%d wday %d yday %d",
			  (long)time, broken_down.tm_year + 1900, broken_down.tm_mon + 1,
			  broken_down.tm_mday, broken_down.tm_hour, broken_down.tm_min,
			  broken_down.tm_sec, broken_down.tm_wday, broken_down.tm_yday);
	copy = broken_down;
	TEST_CHECK_EQUAL(timegm(&copy), time);
}

static void test_calendar(void)
{
	struct tm broken_down = {0};

	check_date(0, 1970, 1, 1, 0, 0, 0, 4, 0);
	check_date(-1, 1969, 12, 31, 23, 59, 59, 3, 364);
	check_date(951782400, 2000, 2, 29, 0, 0, 0, 2, 59);
	check_date(1709208000, 2024, 2, 29, 12, 0, 0, 4, 59);
	check_date(4107542399, 2100, 2, 28, 23, 59, 59, 0, 58);
	check_date(4107542400, 2100, 3, 1, 0, 0, 0, 1, 59);
	check_date(-2208988800, 1900, 1, 1, 0, 0, 0, 1, 0);
	/* timegm normalises: 2023-12-32 25:61:00 is 2024-01-02 02:01:00. */
	broken_down.tm_year = 123;
	broken_down.tm_mon = 11;
	broken_down.tm_mday = 32;
	broken_down.tm_hour = 25;
	broken_down.tm_min = 61;
	TEST_CHECK_EQUAL(timegm(&broken_down), 1704160860);
	TEST_CHECK_EQUAL(broken_down.tm_mday, 2);
	TEST_CHECK_EQUAL(broken_down.tm_mon, 0);
	TEST_CHECK_EQUAL(broken_down.tm_hour, 2);
}

static void test_identity(void)
{
	struct utsname name;
	char host[HOST_NAME_MAX + 1];

	TEST_CHECK_EQUAL(getpid(), gettid());
	TEST_CHECK(getppid() > 0);
	TEST_CHECK_EQUAL(getuid(), geteuid());
	TEST_CHECK_EQUAL(getgid(), getegid());
	TEST_CHECK_EQUAL(uname(&name), 0);
	TEST_CHECK(name.sysname[0] != '\0');
	TEST_CHECK_STRING(name.machine, "x86_64");
	TEST_CHECK_EQUAL(gethostname(host, sizeof(host)), 0);
	TEST_CHECK_STRING(host, name.nodename);
	TEST_CHECK_EQUAL(gethostname(host, 0), -1);
	TEST_CHECK_EQUAL(errno, ENAMETOOLONG);
}

static void test_random(void)
{
	unsigned char first[64], second[64];
	size_t index, zeros = 0;

	TEST_CHECK_EQUAL(getrandom(first, sizeof(first), 0), 64);
	TEST_CHECK_EQUAL(getrandom(second, sizeof(second), GRND_NONBLOCK), 64);
	TEST_CHECK(memcmp(first, second, sizeof(first)) != 0);
	for (index = 0; index < sizeof(first); index++)
		zeros += first[index] == 0;
	TEST_CHECK(zeros < 16);
	TEST_CHECK_EQUAL(getentropy(first, 32), 0);
	TEST_CHECK_EQUAL(getentropy(first, 257), -1);
	TEST_CHECK_EQUAL(errno, EIO);
	TEST_CHECK_EQUAL(getrandom(first, 1, 0x80), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_break(void)
{
	char *start = sbrk(0);
	char *old;

	TEST_CHECK(start != (void *)-1);
	old = sbrk(8192);
	TEST_CHECK(old == start);
	TEST_CHECK(sbrk(0) == start + 8192);
	memset(start, 0x77, 8192);
	TEST_CHECK(sbrk(-8192) == start + 8192);
	TEST_CHECK(sbrk(0) == start);
	TEST_CHECK_EQUAL(brk(start + 4096), 0);
	TEST_CHECK(sbrk(0) == start + 4096);
	TEST_CHECK_EQUAL(brk(start), 0);
}

static void test_mappings(void)
{
	size_t length = 3 * 4096;
	unsigned char *mapping =
		mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size_t index;

	TEST_CHECK(mapping != MAP_FAILED);
	TEST_CHECK(((uintptr_t)mapping & 4095) == 0);
	for (index = 0; index < length; index++)
		TEST_CHECK_EQUAL(mapping[index], 0);
	memset(mapping, 0x42, length);
	TEST_CHECK_EQUAL(mprotect(mapping, 4096, PROT_READ), 0);
	TEST_CHECK_EQUAL(mapping[0], 0x42);
	TEST_CHECK_EQUAL(munmap(mapping, length), 0);
	errno = 0;
	TEST_CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_auxiliary_vector(void)
{
	const unsigned char *random_bytes = (const unsigned char *)getauxval(AT_RANDOM);

	TEST_CHECK_EQUAL(getauxval(AT_PAGESZ), 4096);
	TEST_CHECK_EQUAL(sysconf(_SC_PAGESIZE), 4096);
	TEST_CHECK(sysconf(_SC_CLK_TCK) > 0);
	TEST_CHECK(random_bytes != NULL);
	TEST_CHECK(getauxval(AT_PHDR) != 0);
	TEST_CHECK(getauxval(AT_ENTRY) != 0);
	TEST_CHECK_EQUAL(getauxval(AT_UID), getuid());
	errno = 0;
	TEST_CHECK_EQUAL(getauxval(9999), 0);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(sysconf(-1), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

/* crt0 must hand main a 16-byte-aligned stack (System V AMD64 ABI §3.2.2). */
static void test_stack_alignment(void)
{
	_Alignas(16) volatile char probe[16];

	probe[0] = 0;
	TEST_CHECK_EQUAL((uintptr_t)probe & 15, 0);
}

static void test_errno_and_syscall(void)
{
	char buffer[4];

	/* The numbers programs compare against are Linux's. */
	TEST_CHECK_EQUAL(EPERM, 1);
	TEST_CHECK_EQUAL(ENOENT, 2);
	TEST_CHECK_EQUAL(EAGAIN, 11);
	TEST_CHECK_EQUAL(EWOULDBLOCK, EAGAIN);
	TEST_CHECK_EQUAL(ENOSYS, 38);
	TEST_CHECK_EQUAL(ETIMEDOUT, 110);
	TEST_CHECK_EQUAL(EHWPOISON, 133);
	errno = 0;
	TEST_CHECK_EQUAL(syscall(SYS_getpid), getpid());
	TEST_CHECK_EQUAL(errno, 0);
	TEST_CHECK_EQUAL(syscall(SYS_write, -1, "x", 1), -1);
	TEST_CHECK_EQUAL(errno, EBADF);
	TEST_CHECK_EQUAL(syscall(100000), -1);
	TEST_CHECK_EQUAL(errno, ENOSYS);
	TEST_CHECK_EQUAL(syscall(SYS_read, 12345, buffer, 1), -1);
	TEST_CHECK_EQUAL(errno, EBADF);
	/* A successful call leaves errno alone. */
	errno = 123;
	TEST_CHECK_EQUAL(getppid() > 0, 1);
	TEST_CHECK_EQUAL(errno, 123);
}

static void test_control_calls(void)
{
	char name[16] = "";
	unsigned long base = 1;

	TEST_CHECK_EQUAL(prctl(PR_SET_NAME, (unsigned long)"libc-test", 0UL, 0UL, 0UL), 0);
	TEST_CHECK_EQUAL(prctl(PR_GET_NAME, (unsigned long)name, 0UL, 0UL, 0UL), 0);
	TEST_CHECK_STRING(name, "libc-test");
	/* Start-up pointed the FS base at the main thread's control block (thread/tls.c). */
	TEST_CHECK_EQUAL(arch_prctl(ARCH_GET_FS, (unsigned long)&base), 0);
	TEST_CHECK_EQUAL(base, (unsigned long)pthread_self());
	TEST_CHECK_EQUAL(arch_prctl(ARCH_SET_GS, 0x12340000UL), 0);
	TEST_CHECK_EQUAL(syscall(SYS_arch_prctl, ARCH_GET_GS, &base), 0);
	TEST_CHECK_EQUAL(base, 0x12340000UL);
	TEST_CHECK_EQUAL(arch_prctl(0x9999, 0), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_umask_and_terminal(void)
{
	struct termios settings;
	mode_t old = umask(027);

	TEST_CHECK_EQUAL(umask(old), 027);
	memset(&settings, 0, sizeof(settings));
	TEST_CHECK_EQUAL(tcsetattr(0, 7, &settings), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	cfmakeraw(&settings);
	TEST_CHECK((settings.c_cflag & CSIZE) == CS8);
	TEST_CHECK(!(settings.c_lflag & (ICANON | ECHO | ISIG)));
	TEST_CHECK_EQUAL(cfsetospeed(&settings, B38400), 0);
	TEST_CHECK_EQUAL(cfgetispeed(&settings), B38400);
	TEST_CHECK_EQUAL(sizeof(struct termios), 36);
	TEST_CHECK_EQUAL(sizeof(struct stat), 144);
}

static const struct libc_test tests[] = {
	{"clock_gettime clock_getres time gettimeofday", test_clocks},
	{"nanosleep clock_nanosleep usleep", test_sleeping},
	{"gmtime_r timegm", test_calendar},
	{"getpid uname gethostname", test_identity},
	{"getrandom getentropy", test_random},
	{"brk sbrk", test_break},
	{"mmap mprotect munmap", test_mappings},
	{"getauxval sysconf", test_auxiliary_vector},
	{"stack is 16-byte aligned", test_stack_alignment},
	{"errno values and syscall()", test_errno_and_syscall},
	{"prctl arch_prctl", test_control_calls},
	{"umask termios helpers", test_umask_and_terminal},
};

TEST_SUITE(system, tests);
