/*
 * Unmodified static musl programs (built with musl-gcc -static, tests/musl/) run and print
 * what they would print on Linux. Their output goes to a file that the test reads back.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

/* Run path with its output in a file; returns the exit status and fills output. */
static int run_captured(const char *path, char *output, size_t size)
{
	int fd = open("/tmp/musl-output", O_CREAT | O_RDWR | O_TRUNC, 0644);
	pid_t child = fork();
	if (child == 0) {
		dup2(fd, 1);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	ssize_t length = pread(fd, output, size - 1, 0);
	output[length > 0 ? length : 0] = '\0';
	close(fd);
	unlink("/tmp/musl-output");
	return status;
}

UTEST(musl_hello_world)
{
	char output[256];
	EXPECT_EQ(run_captured("/tests/musl-hello", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "hello from a static musl binary\n") == 0);
}

UTEST(musl_stdio_malloc_getdents_exec_threads)
{
	char output[512];
	EXPECT_EQ(run_captured("/tests/musl-tour", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "malloc ok: x\n"
			      "readdir ok: 1\n"
			      "exec ok: from-child\n"
			      "child exited: 0\n"
			      "thread returned: 42\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

UTEST(exec_static_pie)
{
	char output[256];
	EXPECT_EQ(run_captured("/tests/pie-hello", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "static-pie running in the mmap area\n") == 0);
}

UTEST(musl_pthreads_mutex_condvar_join)
{
	char output[256];
	EXPECT_EQ(run_captured("/tests/musl-threads", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "counter 80000, join values sum 10\n"
			      "condition variable handover: received sum 5050\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

UTEST(musl_posix_shm_named_semaphores_sockets_msg_poll)
{
	char output[512];
	EXPECT_EQ(run_captured("/tests/musl-ipc", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "shm counter 1500\n"
			      "sem value 1\n"
			      "unlinked: yes\n"
			      "datagrams 5 6\n"
			      "msg type 2 two\n"
			      "poll 0 1 revents 1\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

UTEST(musl_signals_sigaction_raise_mask_siglongjmp_exec_reset)
{
	char output[512];
	EXPECT_EQ(run_captured("/tests/musl-signals", output, sizeof(output)), 0);
	EXPECT(strcmp(output,
		      "raise: handled 1, si_code -6, frame ok 1\n"
		      "signal+kill: handled 1\n"
		      "blocked: handled 1, pending 1\n"
		      "unblocked: handled 2\n"
		      "segv: recovered 1\n"
		      "after exec: SIGUSR1 default 1, SIGUSR2 ignored 1, SIGTERM blocked 1\n") ==
	       0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

UTEST(musl_job_control_ctrl_c_ctrl_z_sigttin)
{
	char output[512];
	EXPECT_EQ(run_captured("/tests/musl-jobctl", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "leader owns the terminal: 1\n"
			      "^C: killed by SIGINT\n"
			      "^Z: stopped by SIGTSTP\n"
			      "background read: stopped by SIGTTIN\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

/* The same text Linux 6.1 prints for this program (scripts/linux-oracle.sh). */
UTEST(musl_ids_limits_rusage_times_sysinfo_affinity)
{
	static char output[2048];
	EXPECT_EQ(run_captured("/tests/musl-resources", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "root: 0 0 0 0\n"
			      "setresuid(1000, 1000, 0): 0\n"
			      "ids now 1000 1000 0\n"
			      "setuid(2000) unprivileged: -1 EPERM\n"
			      "seteuid(0) back through the saved id: 0, euid 0\n"
			      "setuid(0) as root again: 0, ids 0 0\n"
			      "setgid(50): 0, gid 50 egid 50\n"
			      "setrlimit(NOFILE, 5): 0\n"
			      "last fd 4, then EMFILE\n"
			      "dup2(0, 5): -1 EBADF\n"
			      "F_DUPFD 5: -1 EINVAL\n"
			      "soft above hard: -1 EINVAL\n"
			      "getrlimit(99): -1 EINVAL\n"
			      "children before: 0.000000\n"
			      "children while running: 0\n"
			      "wait4 rusage has user time: 1\n"
			      "children after: user time 1\n"
			      "times: cutime grew 1\n"
			      "self user time 1, maxrss > 0 1\n"
			      "getrusage(5): -1 EINVAL\n"
			      "sysinfo: 0, ram 1, procs 1, unit 1\n"
			      "sched_getaffinity: 0, cpus 1, cpu0 1\n"
			      "sched_setaffinity(cpu0): 0\n"
			      "sched_setaffinity(cpu5 only): -1 EINVAL\n"
			      "sched_getaffinity(no such pid): -1 ESRCH\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

/* POSIX timers: the same text Linux 6.1 prints for this program. */
UTEST(musl_posix_timers_si_timer_overrun_sigev_none_abstime)
{
	static char output[1024];
	EXPECT_EQ(run_captured("/tests/musl-timers", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "timer_create: 0\n"
			      "signal: code is SI_TIMER 1, value 77, overrun 0\n"
			      "after one shot: disarmed 1\n"
			      "blocked periodic: taken 1, SI_TIMER 1, value 77, overruns > 3 1, "
			      "getoverrun agrees 1\n"
			      "after timer_settime: getoverrun 0\n"
			      "SIGEV_NONE: left between 90 and 100 s 1\n"
			      "absolute realtime timer fired 1\n"
			      "timer_delete: 0 0\n"
			      "bad clock: -1 EINVAL\n"
			      "bad signal: -1 EINVAL\n"
			      "bad time: -1 EINVAL\n"
			      "deleted timer: -1 EINVAL\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}

/* Expected output: scripts/linux-oracle.sh tests/musl/musl-sched.c on Linux 6.1. */
UTEST(musl_sched_policies_priorities_nice_errors)
{
	static char output[2048];
	EXPECT_EQ(run_captured("/tests/musl-sched", output, sizeof(output)), 0);
	EXPECT(strcmp(output, "setscheduler(policy -1) = -1 Invalid argument\n"
			      "setscheduler(policy 7) = -1 Invalid argument\n"
			      "setscheduler(pid -1) = -1 Invalid argument\n"
			      "setscheduler(NULL) = -1 Invalid argument\n"
			      "setscheduler(bad pointer) = -1 Bad address\n"
			      "setscheduler(no such pid) = -1 No such process\n"
			      "setscheduler(FIFO, 0) = -1 Invalid argument\n"
			      "setscheduler(OTHER, 1) = -1 Invalid argument\n"
			      "getparam(NULL) = -1 Invalid argument\n"
			      "getscheduler(-1) = -1 Invalid argument\n"
			      "priority_max(FIFO) = 99\n"
			      "priority_min(RR) = 1\n"
			      "priority_max(BATCH) = 0\n"
			      "priority_min(7) = -1 Invalid argument\n"
			      "setscheduler(RR, 7) = 0\n"
			      "getscheduler = 2\n"
			      "rr_get_interval = 0\n"
			      "interval 0.100000000\n"
			      "getparam = 0\n"
			      "priority 7\n"
			      "stat priority -8 rt_priority 7 policy 2\n"
			      "setscheduler(FIFO|RESET_ON_FORK, 3) = 0\n"
			      "getscheduler = 1073741825\n"
			      "child's policy 0\n"
			      "setscheduler(OTHER, 0) = 0\n"
			      "rr_get_interval = 0\n"
			      "fair interval above zero: yes\n"
			      "setpriority(which 3) = -1 Invalid argument\n"
			      "setpriority(no such pid) = -1 No such process\n"
			      "getpriority(uid 4242) = -1 No such process\n"
			      "nice(5) = 5\n"
			      "nice(100) = 19\n"
			      "raw getpriority = 1\n"
			      "nice(-100) = -20\n"
			      "setpgid = 0\n"
			      "setpriority(PGRP, 0, 4) = 0\n"
			      "getpriority(PGRP) = 4\n"
			      "stat priority 24 nice 4 policy 0\n") == 0);
	if (utest_failures)
		printf("  output was:\n%s", output);
}
