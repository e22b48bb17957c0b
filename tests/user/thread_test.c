/*
 * Threads on Spindle through our libc's pthreads: a thread shares the process's tgid and
 * memory, mutexes keep a contended counter exact, condition variables hand work over,
 * pthread_join returns values, exit_group from any thread ends them all, and the futex
 * system call's own rules (stale value, timeout, bad address, wake with no waiters).
 */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_main(void *argument)
{
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&counter_lock);
		long value = counter;
		if (i % 1000 == 0)
			sched_yield(); /* let the others pile up on the mutex */
		counter = value + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return argument;
}

UTEST(threads_mutex_counter_exact)
{
	pthread_t threads[4];
	for (long i = 0; i < 4; i++)
		EXPECT_EQ(pthread_create(&threads[i], NULL, count_main, (void *)i), 0);
	for (long i = 0; i < 4; i++) {
		void *result;
		EXPECT_EQ(pthread_join(threads[i], &result), 0);
		EXPECT_EQ((long)result, i);
	}
	EXPECT_EQ(counter, 80000);
}

static volatile long thread_ids[2];

static void *ids_main(void *argument)
{
	(void)argument;
	thread_ids[0] = getpid();
	thread_ids[1] = syscall(SYS_gettid);
	return NULL;
}

UTEST(threads_share_the_tgid)
{
	pthread_t thread;
	pthread_create(&thread, NULL, ids_main, NULL);
	pthread_join(thread, NULL);
	EXPECT_EQ(thread_ids[0], getpid()); /* getpid() is the tgid: the same in every thread */
	EXPECT(thread_ids[1] != getpid());  /* gettid() is the thread's own pid */
}

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_changed = PTHREAD_COND_INITIALIZER;
static int queue[8], queue_count, produced_total, consumed_sum;

static void *producer_main(void *argument)
{
	(void)argument;
	for (int item = 1; item <= 1000; item++) {
		pthread_mutex_lock(&queue_lock);
		while (queue_count == 8)
			pthread_cond_wait(&queue_changed, &queue_lock);
		queue[queue_count++] = item;
		produced_total++;
		pthread_cond_broadcast(&queue_changed);
		pthread_mutex_unlock(&queue_lock);
	}
	return NULL;
}

UTEST(threads_condition_variable_handover)
{
	pthread_t producer;
	pthread_create(&producer, NULL, producer_main, NULL);
	for (int received = 0; received < 1000; received++) {
		pthread_mutex_lock(&queue_lock);
		while (queue_count == 0)
			pthread_cond_wait(&queue_changed, &queue_lock);
		consumed_sum += queue[--queue_count];
		pthread_cond_broadcast(&queue_changed);
		pthread_mutex_unlock(&queue_lock);
	}
	pthread_join(producer, NULL);
	EXPECT_EQ(produced_total, 1000);
	EXPECT_EQ(consumed_sum, 1000 * 1001 / 2);
}

static void *exiting_main(void *argument)
{
	(void)argument;
	exit(3); /* exit_group: the whole process goes, status 3 */
	return NULL;
}

static void *sleeping_main(void *argument)
{
	(void)argument;
	struct timespec long_time = {1000, 0};
	for (;;)
		nanosleep(&long_time, NULL); /* a sleep that only the group exit can end */
	return NULL;
}

UTEST(threads_exit_group_ends_every_thread)
{
	pid_t child = fork();
	if (child == 0) {
		pthread_t sleeper, exiter;
		pthread_create(&sleeper, NULL, sleeping_main, NULL);
		pthread_create(&exiter, NULL, exiting_main, NULL);
		pthread_join(sleeper, NULL); /* never returns: exit_group ends this thread too */
		_exit(9);
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 3);
}

UTEST(futex_rules)
{
	static uint32_t word = 5;
	struct timespec short_wait = {0, 10 * 1000 * 1000};
	EXPECT_ERRNO(syscall(SYS_futex, &word, 0 /* WAIT */, 4, NULL), EAGAIN); /* stale */
	EXPECT_ERRNO(syscall(SYS_futex, &word, 0, 5, &short_wait), ETIMEDOUT);
	EXPECT_ERRNO(syscall(SYS_futex, &word, 128 /* WAIT|PRIVATE */, 5, &short_wait), ETIMEDOUT);
	EXPECT_EQ(syscall(SYS_futex, &word, 1 /* WAKE */, 10), 0); /* nobody waits */
	EXPECT_ERRNO(syscall(SYS_futex, (uint32_t *)0x10000, 0, 0, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_futex, (char *)&word + 1, 0, 5, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_futex, &word, 9 /* WAIT_BITSET */, 5, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_futex, &word, 99, 0, NULL), ENOSYS);
	struct timespec bad = {0, -1};
	EXPECT_ERRNO(syscall(SYS_futex, &word, 0, 5, &bad), EINVAL);
	/* CMP_REQUEUE refuses when the word is not what the caller thinks. */
	static uint32_t other;
	EXPECT_ERRNO(syscall(SYS_futex, &word, 4 /* CMP_REQUEUE */, 1, 1, &other, 6), EAGAIN);
	EXPECT_EQ(syscall(SYS_futex, &word, 4, 1, 1, &other, 5), 0);
}

static uint32_t gate;
static volatile int woken_count;

static void *gate_main(void *argument)
{
	(void)argument;
	while (__atomic_load_n(&gate, __ATOMIC_ACQUIRE) == 0)
		syscall(SYS_futex, &gate, 128, 0, NULL);
	__atomic_add_fetch(&woken_count, 1, __ATOMIC_RELAXED);
	return NULL;
}

UTEST(futex_wake_releases_waiters)
{
	pthread_t threads[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&threads[i], NULL, gate_main, NULL);
	__atomic_store_n(&gate, 1, __ATOMIC_RELEASE);
	/* Wake until all three are through; each wake returns how many it woke. */
	while (woken_count < 3) {
		long woken = syscall(SYS_futex, &gate, 129 /* WAKE|PRIVATE */, 1);
		EXPECT(woken == 0 || woken == 1);
		sched_yield();
	}
	for (int i = 0; i < 3; i++)
		pthread_join(threads[i], NULL);
	EXPECT_EQ(woken_count, 3);
}

/* The leader of a thread group that exits first stays a zombie, invisible to wait, until
 * its last thread exits; wait then reports the whole process once. */
static volatile int *handshake;

static void *survivor_main(void *argument)
{
	(void)argument;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/status", getpid());
	for (;;) { /* until the main thread (the leader) has become a zombie */
		char text[512] = {0};
		int fd = open(path, 0);
		read(fd, text, sizeof(text) - 1);
		close(fd);
		if (strstr(text, "State:\tZ"))
			break;
		sched_yield();
	}
	handshake[0] = 1; /* tell the parent: the leader is gone, I am not */
	while (handshake[1] == 0)
		sched_yield();
	exit(5);
	return NULL;
}

UTEST(threads_leader_zombie_until_last_thread)
{
	handshake = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t child = fork();
	if (child == 0) {
		pthread_t survivor;
		pthread_create(&survivor, NULL, survivor_main, NULL);
		syscall(SYS_exit, 0); /* only the main thread ends: not exit_group */
	}
	while (handshake[0] == 0)
		sched_yield();
	EXPECT_EQ(waitpid(child, NULL, WNOHANG), 0); /* a thread still runs: not collectable */
	handshake[1] = 1;
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 5);
}

UTEST(futex_shared_between_processes)
{
	volatile uint32_t *word =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t child = fork();
	if (child == 0) {
		/* A shared (not private) futex: keyed by the physical page both map. */
		while (*word == 0)
			syscall(SYS_futex, word, 0 /* FUTEX_WAIT */, 0, NULL);
		_exit(*word == 7 ? 0 : 1);
	}
	sched_yield();
	*word = 7;
	syscall(SYS_futex, word, 1 /* FUTEX_WAKE */, 1);
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

/* A process's threads follow it when it is adopted: getppid() in a thread names the new
 * parent, like the main thread's (regression: a thread kept pointing at its process's
 * exited parent, and getppid() or the exit of the thread read freed memory). */
static int adoption_gate[2], adoption_report[2], adoption_ready[2];

static void *report_parent(void *unused)
{
	char byte;
	(void)unused;
	if (read(adoption_gate[0], &byte, 1) != 1)
		return NULL;
	pid_t parent = (pid_t)syscall(SYS_getppid);
	write(adoption_report[1], &parent, sizeof(parent));
	return NULL;
}

UTEST(threads_follow_their_process_when_it_is_adopted)
{
	EXPECT_EQ(pipe(adoption_gate), 0);
	EXPECT_EQ(pipe(adoption_report), 0);
	EXPECT_EQ(pipe(adoption_ready), 0);
	pid_t middle = fork();
	if (middle == 0) {
		char byte;
		pid_t adopted = fork();
		if (adopted == 0) {
			pthread_t thread;
			pthread_create(&thread, NULL, report_parent, NULL);
			write(adoption_ready[1], "r",
			      1); /* the thread exists before the parent goes */
			pthread_join(thread, NULL);
			pid_t parent = getppid();
			write(adoption_report[1], &parent, sizeof(parent));
			_exit(0);
		}
		read(adoption_ready[0], &byte, 1);
		_exit(0); /* the grandchild and its thread are orphans now */
	}
	int status;
	EXPECT_EQ(waitpid(middle, &status, 0), middle); /* gone, and freed */
	EXPECT_EQ(write(adoption_gate[1], "x", 1), 1);
	pid_t from_thread = 0, from_main = 0;
	EXPECT_EQ(read(adoption_report[0], &from_thread, sizeof(from_thread)),
		  (long)sizeof(from_thread));
	EXPECT_EQ(read(adoption_report[0], &from_main, sizeof(from_main)), (long)sizeof(from_main));
	EXPECT(from_thread != middle);
	EXPECT_EQ(from_thread, from_main);
}
