/*
 * Ids, limits and CPU accounting through musl's wrappers (getuid(2), setresuid(2),
 * getrlimit(2), getrusage(2), times(2), sysinfo(2), sched_getaffinity(2)). Prints facts
 * that hold on any machine, so Spindle and Linux print the same; tests/user/musl_test.c
 * compares the text.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned long sink;

/* "0", or "-1 ENAME" for the errno a failed call left. */
static const char *outcome(int result)
{
	if (result == 0)
		return "0";
	switch (errno) {
	case EPERM:
		return "-1 EPERM";
	case EINVAL:
		return "-1 EINVAL";
	case EBADF:
		return "-1 EBADF";
	case ESRCH:
		return "-1 ESRCH";
	case EMFILE:
		return "-1 EMFILE";
	default:
		return "-1 other";
	}
}

/* Burn some user-mode CPU time: enough for several clock ticks. */
static void spin(void)
{
	for (unsigned long i = 0; i < 60000000ul; i++)
		sink += i;
}

static void ids(void)
{
	uid_t r, e, s;
	printf("root: %d %d %d %d\n", getuid(), geteuid(), getgid(), getegid());
	printf("setresuid(1000, 1000, 0): %d\n", setresuid(1000, 1000, 0));
	getresuid(&r, &e, &s);
	printf("ids now %u %u %u\n", r, e, s);
	printf("setuid(2000) unprivileged: %s\n", outcome(setuid(2000)));
	const char *result = outcome(seteuid(0));
	printf("seteuid(0) back through the saved id: %s, euid %d\n", result, geteuid());
	result = outcome(setuid(0));
	printf("setuid(0) as root again: %s, ids %d %d\n", result, getuid(), geteuid());
	result = outcome(setgid(50));
	printf("setgid(50): %s, gid %d egid %d\n", result, getgid(), getegid());
	setgid(0);
}

static void limits(void)
{
	struct rlimit limit = {5, 5}, old;
	getrlimit(RLIMIT_NOFILE, &old);
	printf("setrlimit(NOFILE, 5): %s\n", outcome(setrlimit(RLIMIT_NOFILE, &limit)));
	int fd, last = -1;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	printf("last fd %d, then %s\n", last, errno == EMFILE ? "EMFILE" : "?");
	printf("dup2(0, 5): %s\n", outcome(dup2(0, 5) < 0 ? -1 : 0));
	printf("F_DUPFD 5: %s\n", outcome(fcntl(0, F_DUPFD, 5) < 0 ? -1 : 0));
	struct rlimit bad = {6, 5};
	printf("soft above hard: %s\n", outcome(setrlimit(RLIMIT_NOFILE, &bad)));
	for (fd = 3; fd <= last; fd++)
		close(fd);
	setrlimit(RLIMIT_NOFILE, &old);
	printf("getrlimit(99): %s\n", outcome(getrlimit(99, &limit)));
}

static void cpu_time(void)
{
	struct rusage usage;
	struct tms before, after;
	times(&before);
	getrusage(RUSAGE_CHILDREN, &usage);
	printf("children before: %ld.%06ld\n", (long)usage.ru_utime.tv_sec,
	       (long)usage.ru_utime.tv_usec);
	pid_t child = fork();
	if (child == 0) {
		spin();
		_exit(0);
	}
	getrusage(RUSAGE_CHILDREN, &usage);
	printf("children while running: %ld\n", (long)usage.ru_utime.tv_usec);
	struct rusage child_usage;
	int status;
	wait4(child, &status, 0, &child_usage);
	printf("wait4 rusage has user time: %d\n",
	       child_usage.ru_utime.tv_sec > 0 || child_usage.ru_utime.tv_usec > 0);
	getrusage(RUSAGE_CHILDREN, &usage);
	printf("children after: user time %d\n",
	       usage.ru_utime.tv_sec > 0 || usage.ru_utime.tv_usec > 0);
	times(&after);
	printf("times: cutime grew %d\n", after.tms_cutime > before.tms_cutime);
	spin();
	getrusage(RUSAGE_SELF, &usage);
	printf("self user time %d, maxrss > 0 %d\n",
	       usage.ru_utime.tv_sec > 0 || usage.ru_utime.tv_usec > 0, usage.ru_maxrss > 0);
	printf("getrusage(5): %s\n", outcome(getrusage(5, &usage)));
}

static void machine(void)
{
	struct sysinfo info = {0};
	cpu_set_t set;
	int result = sysinfo(&info);
	printf("sysinfo: %d, ram %d, procs %d, unit %u\n", result,
	       info.totalram > info.freeram && info.freeram > 0, info.procs > 0, info.mem_unit);
	result = sched_getaffinity(0, sizeof(set), &set);
	printf("sched_getaffinity: %d, cpus %d, cpu0 %d\n", result, (int)CPU_COUNT(&set),
	       (int)CPU_ISSET(0, &set));
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	printf("sched_setaffinity(cpu0): %s\n", outcome(sched_setaffinity(0, sizeof(set), &set)));
	CPU_ZERO(&set);
	CPU_SET(5, &set);
	printf("sched_setaffinity(cpu5 only): %s\n",
	       outcome(sched_setaffinity(0, sizeof(set), &set)));
	printf("sched_getaffinity(no such pid): %s\n",
	       outcome(sched_getaffinity(0x3fffffff, sizeof(set), &set)));
}

int main(void)
{
	ids();
	limits();
	cpu_time();
	machine();
	return 0;
}
