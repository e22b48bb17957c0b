/*
 * demo-rt: a real-time task preempts busy fair tasks. Two fair processes count as fast as
 * they can; a SCHED_FIFO process (priority 50) sleeps in read() on a pipe. Three times the
 * parent writes a byte: the FIFO process wakes, preempts the counters at once, spins for
 * 20 ms of CPU and sleeps again. While it spins the fair counters must not move at all --
 * real time always runs before fair (docs/scheduler.md, "The real-time class").
 * `make trace DEMO=demo-rt` draws the timeline. (man 2 sched_setscheduler, man 7 sched)
 */
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 3

struct shared {
	volatile long count[2]; /* the fair counters */
	volatile int stop;
	volatile int armed;
	volatile int woke[ROUNDS];
	volatile long moved_while_rt[ROUNDS];
};

static long cpu_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void rt_main(struct shared *shared, int read_fd)
{
	struct sched_param param = {.sched_priority = 50};
	if (sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
		perror("demo-rt: sched_setscheduler");
		_exit(1);
	}
	shared->armed = 1;
	char byte;
	for (int round = 0; round < ROUNDS && read(read_fd, &byte, 1) == 1; round++) {
		shared->woke[round] = 1;
		long before = shared->count[0] + shared->count[1], start = cpu_ms();
		while (cpu_ms() - start < 20)
			;
		shared->moved_while_rt[round] = shared->count[0] + shared->count[1] - before;
	}
	_exit(0);
}

int main(void)
{
	struct shared *shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
				     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int pipe_fds[2];
	if (shared == MAP_FAILED || pipe(pipe_fds) != 0) {
		perror("demo-rt");
		return 1;
	}
	printf("demo-rt: two fair processes count; a SCHED_FIFO process (priority 50) waits in "
	       "read()\n");
	pid_t children[3];
	for (int i = 0; i < 2; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			while (!shared->stop)
				shared->count[i]++;
			_exit(0);
		}
	}
	children[2] = fork();
	if (children[2] == 0)
		rt_main(shared, pipe_fds[0]);
	close(pipe_fds[0]);
	while (!shared->armed) /* it is FIFO: once armed it runs until it sleeps in read() */
		sched_yield();
	int all_good = 1;
	for (int round = 0; round < ROUNDS; round++) {
		struct timespec pause = {0, 15 * 1000000}; /* let the counters run a while */
		nanosleep(&pause, NULL);
		long before = shared->count[0] + shared->count[1];
		write(pipe_fds[1], "x", 1);
		/* The wake-up preempted us: by the time write() returns, the round is over. */
		printf("round %d: counters at %ld; the FIFO task woke and ran before write() "
		       "returned: %s; the fair counters moved by %ld while it ran\n",
		       round + 1, before, shared->woke[round] ? "yes" : "NO",
		       shared->moved_while_rt[round]);
		all_good &= shared->woke[round] && shared->moved_while_rt[round] == 0;
	}
	close(pipe_fds[1]);
	shared->stop = 1;
	for (int i = 0; i < 3; i++)
		waitpid(children[i], NULL, 0);
	munmap(shared, sizeof(*shared));
	printf("demo-rt: %s\n",
	       all_good ? "the real-time task always preempted the fair ones"
			: "UNEXPECTED: a fair task ran while the FIFO task was runnable");
	return all_good ? 0 : 1;
}
