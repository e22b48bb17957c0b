/*
 * Scheduling system calls from a musl program: policies, priorities, nice values and their
 * errors, and the /proc/self/stat fields they show. Prints the same on Linux
 * (scripts/linux-oracle.sh tests/musl/musl-sched.c) and Spindle (tests/user/musl_test.c).
 * musl's sched_setscheduler family always fails with ENOSYS (POSIX means the process, Linux
 * acts on a thread), so those go through syscall(); nice and setpriority are musl's own.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long result)
{
	printf("%s = %ld%s%s\n", what, result, result == -1 ? " " : "",
	       result == -1 ? strerror(errno) : "");
	errno = 0;
}

#define sched_setscheduler(pid, policy, param) syscall(SYS_sched_setscheduler, pid, policy, param)
#define sched_getscheduler(pid)		       syscall(SYS_sched_getscheduler, pid)
#define sched_getparam(pid, param)	       syscall(SYS_sched_getparam, pid, param)
#define sched_rr_get_interval(pid, interval)   syscall(SYS_sched_rr_get_interval, pid, interval)

static long stat_field(int number)
{
	char text[1024];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t length = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (length <= 0)
		return -999;
	text[length] = '\0';
	char *cursor = strrchr(text, ')') + 2;
	for (int field = 3; field < number; field++)
		cursor = strchr(cursor, ' ') + 1;
	return strtol(cursor, NULL, 10);
}

int main(void)
{
	struct sched_param param = {0};
	struct timespec interval;
	show("setscheduler(policy -1)", sched_setscheduler(0, -1, &param));
	show("setscheduler(policy 7)", sched_setscheduler(0, 7, &param));
	show("setscheduler(pid -1)", sched_setscheduler(-1, SCHED_OTHER, &param));
	show("setscheduler(NULL)", sched_setscheduler(0, SCHED_OTHER, NULL));
	show("setscheduler(bad pointer)", sched_setscheduler(0, SCHED_OTHER, (void *)8));
	show("setscheduler(no such pid)", sched_setscheduler(99999, SCHED_OTHER, &param));
	show("setscheduler(FIFO, 0)", sched_setscheduler(0, SCHED_FIFO, &param));
	param.sched_priority = 1;
	show("setscheduler(OTHER, 1)", sched_setscheduler(0, SCHED_OTHER, &param));
	show("getparam(NULL)", sched_getparam(0, NULL));
	show("getscheduler(-1)", sched_getscheduler(-1));
	show("priority_max(FIFO)", sched_get_priority_max(SCHED_FIFO));
	show("priority_min(RR)", sched_get_priority_min(SCHED_RR));
	show("priority_max(BATCH)", sched_get_priority_max(SCHED_BATCH));
	show("priority_min(7)", sched_get_priority_min(7));
	param.sched_priority = 7;
	show("setscheduler(RR, 7)", sched_setscheduler(0, SCHED_RR, &param));
	show("getscheduler", sched_getscheduler(0));
	show("rr_get_interval", sched_rr_get_interval(0, &interval));
	printf("interval %ld.%09ld\n", (long)interval.tv_sec, interval.tv_nsec);
	param.sched_priority = 0;
	show("getparam", sched_getparam(0, &param));
	printf("priority %d\n", param.sched_priority);
	printf("stat priority %ld rt_priority %ld policy %ld\n", stat_field(18), stat_field(40),
	       stat_field(41));
	param.sched_priority = 3;
	show("setscheduler(FIFO|RESET_ON_FORK, 3)",
	     sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &param));
	show("getscheduler", sched_getscheduler(0));
	pid_t child = fork();
	if (child == 0)
		_exit(sched_getscheduler(0));
	int status;
	waitpid(child, &status, 0);
	printf("child's policy %d\n", WEXITSTATUS(status));
	param.sched_priority = 0;
	show("setscheduler(OTHER, 0)", sched_setscheduler(0, SCHED_OTHER, &param));
	show("rr_get_interval", sched_rr_get_interval(0, &interval));
	printf("fair interval above zero: %s\n",
	       interval.tv_sec == 0 && interval.tv_nsec > 0 ? "yes" : "no");
	show("setpriority(which 3)", setpriority(3, 0, 0));
	show("setpriority(no such pid)", setpriority(PRIO_PROCESS, 99999, 0));
	show("getpriority(uid 4242)", getpriority(PRIO_USER, 4242));
	show("nice(5)", nice(5));
	show("nice(100)", nice(100));
	show("raw getpriority", syscall(SYS_getpriority, PRIO_PROCESS, 0));
	show("nice(-100)", nice(-100));
	show("setpgid", setpgid(0, 0));
	show("setpriority(PGRP, 0, 4)", setpriority(PRIO_PGRP, 0, 4));
	show("getpriority(PGRP)", getpriority(PRIO_PGRP, getpgrp()));
	printf("stat priority %ld nice %ld policy %ld\n", stat_field(18), stat_field(19),
	       stat_field(41));
	return 0;
}
