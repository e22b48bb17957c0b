/*
 * What the signal tests share (signal_test.c, signal_more_test.c): handlers that record
 * what they saw, installing them, and waiting for a child to fall asleep. Each test file
 * gets its own copy.
 */
#ifndef SPINDLE_TESTS_SIGNAL_HELPERS_H
#define SPINDLE_TESTS_SIGNAL_HELPERS_H

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "uapi/futex.h"
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

static __attribute__((unused)) volatile int handled_count;
static __attribute__((unused)) volatile int handled_signal;
static __attribute__((unused)) volatile int handled_code;
static __attribute__((unused)) volatile pid_t handled_pid;
static __attribute__((unused)) volatile int handled_status;
static __attribute__((unused)) void *volatile handled_address;
static __attribute__((unused)) volatile sigset_t mask_in_handler;
static __attribute__((unused)) volatile int handled_value;

#define SIGRTMIN_TEST 40 /* a real-time signal no libc reserves */

static __attribute__((unused)) void on_signal_info(int signal_number, siginfo_t *info,
						   void *context)
{
	(void)context;
	handled_count++;
	handled_signal = signal_number;
	handled_code = info->si_code;
	handled_pid = info->si_pid;
	handled_status = info->si_status;
	handled_value = info->si_value.sival_int;
	sigset_t current;
	sigprocmask(SIG_BLOCK, NULL, &current);
	mask_in_handler = current;
}

static __attribute__((unused)) void on_signal(int signal_number)
{
	handled_count++;
	handled_signal = signal_number;
}

static __attribute__((unused)) int install(int signal_number, int flags)
{
	struct sigaction action = {0};
	if (flags & SA_SIGINFO)
		action.sa_sigaction = on_signal_info;
	else
		action.sa_handler = on_signal;
	action.sa_flags = flags;
	return sigaction(signal_number, &action, NULL);
}

static __attribute__((unused)) sigset_t set_of(int signal_number)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, signal_number);
	return set;
}

/* Spin (yielding) until process pid sleeps: it is then inside the blocking call. */
static __attribute__((unused)) void wait_until_sleeping(pid_t pid)
{
	char path[64], buffer[512];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t length = fd >= 0 ? read(fd, buffer, sizeof(buffer) - 1) : -1;
		if (fd >= 0)
			close(fd);
		buffer[length > 0 ? length : 0] = '\0';
		if (strstr(buffer, "State:\tS"))
			return;
		sched_yield();
	}
}

/* A child that sends `signal_number` to us once we sleep, then exits. */
static __attribute__((unused)) pid_t signal_me_when_asleep(int signal_number)
{
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		wait_until_sleeping(parent);
		kill(parent, signal_number);
		_exit(0);
	}
	return child;
}

#endif
