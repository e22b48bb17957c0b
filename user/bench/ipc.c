/*
 * IPC cases: one byte (or one semaphore unit) bounced between two processes, and a bulk
 * copy through a pipe (man 2 pipe, man 2 socketpair, man 2 semop, man 7 unix).
 *
 * A ping-pong round trip is two messages and, on one CPU, two context switches: the parent
 * sends and blocks, the child wakes, answers and blocks, the parent wakes. The partner is
 * started and one round trip made before the clock starts, so only the steady state counts.
 */
#include "bench.h"
#include <stddef.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* The partner: echo every byte from `in` to `out` until end of file. */
static void echo_bytes(int in, int out)
{
	char byte;
	while (read(in, &byte, 1) == 1)
		if (write(out, &byte, 1) != 1)
			_exit(1);
	_exit(0);
}

static int round_trip(int out, int in)
{
	char byte = 'x';
	return write(out, &byte, 1) == 1 && read(in, &byte, 1) == 1 ? 0 : -1;
}

static uint64_t bounce(long iterations, int out, int in)
{
	if (round_trip(out, in) != 0)
		return bench_fail("first round trip");
	uint64_t start = bench_ticks();
	for (long i = 0; i < iterations; i++)
		if (round_trip(out, in) != 0)
			return bench_fail("round trip");
	return bench_ticks() - start;
}

static uint64_t finish(uint64_t ticks, pid_t child)
{
	int status;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status))
		return bench_fail("echo partner");
	return ticks;
}

static uint64_t pipe_ping_pong(long iterations)
{
	int to_child[2], to_parent[2];
	if (pipe(to_child) != 0 || pipe(to_parent) != 0)
		return bench_fail("pipe");
	pid_t child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		echo_bytes(to_child[0], to_parent[1]);
	}
	close(to_child[0]);
	close(to_parent[1]);
	uint64_t ticks = bounce(iterations, to_child[1], to_parent[0]);
	close(to_child[1]);
	close(to_parent[0]);
	return finish(ticks, child);
}

static uint64_t unix_ping_pong(long iterations)
{
	int pair[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
		return bench_fail("socketpair");
	pid_t child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		close(pair[0]);
		echo_bytes(pair[1], pair[1]);
	}
	close(pair[1]);
	uint64_t ticks = bounce(iterations, pair[0], pair[0]);
	close(pair[0]);
	return finish(ticks, child);
}

/* Semaphore 0 is the parent's "ping", semaphore 1 the child's "pong". */
static int sem_add(int id, unsigned short number, short delta)
{
	struct sembuf operation = {.sem_num = number, .sem_op = delta, .sem_flg = 0};
	return semop(id, &operation, 1);
}

static uint64_t sem_ping_pong(long iterations)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	if (id < 0)
		return bench_fail("semget");
	pid_t child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		for (long i = 0; i <= iterations; i++)
			if (sem_add(id, 0, -1) != 0 || sem_add(id, 1, 1) != 0)
				_exit(1);
		_exit(0);
	}
	uint64_t start = 0;
	for (long i = 0; i <= iterations; i++) {
		if (i == 1)
			start = bench_ticks(); /* after the first, warming-up round trip */
		if (sem_add(id, 0, 1) != 0 || sem_add(id, 1, -1) != 0) {
			bench_fail("semop");
			break;
		}
	}
	uint64_t ticks = start ? bench_ticks() - start : 0;
	semctl(id, 0, IPC_RMID);
	return ticks ? finish(ticks, child) : 0;
}

/* One MiB per operation, in 64 KiB writes, from a child to the parent. */
#define BANDWIDTH_CHUNK (64 * 1024)

static uint64_t pipe_bandwidth(long mebibytes)
{
	static char buffer[BANDWIDTH_CHUNK];
	int fds[2];
	if (pipe(fds) != 0)
		return bench_fail("pipe");
	pid_t child = fork();
	if (child < 0)
		return bench_fail("fork");
	if (child == 0) {
		close(fds[0]);
		long chunks = mebibytes * ((1 << 20) / BANDWIDTH_CHUNK);
		for (long i = 0; i < chunks; i++)
			if (write(fds[1], buffer, sizeof(buffer)) != (ssize_t)sizeof(buffer))
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	long total = 0, wanted = mebibytes << 20;
	ssize_t got;
	uint64_t start = bench_ticks();
	while ((got = read(fds[0], buffer, sizeof(buffer))) > 0)
		total += got;
	uint64_t ticks = bench_ticks() - start;
	close(fds[0]);
	if (total != wanted)
		return bench_fail("short pipe transfer");
	return finish(ticks, child);
}

const struct bench_case bench_ipc_cases[] = {
	{"pipe_pingpong", "1-byte round trip over two pipes, two processes", BENCH_LATENCY, 2000,
	 pipe_ping_pong},
	{"unix_pingpong", "1-byte round trip over an AF_UNIX stream socketpair", BENCH_LATENCY,
	 2000, unix_ping_pong},
	{"sem_pingpong", "System V semaphore round trip (semop up/down), two processes",
	 BENCH_LATENCY, 2000, sem_ping_pong},
	{"pipe_bandwidth", "pipe throughput, 64 KiB writes and reads", BENCH_BANDWIDTH, 16,
	 pipe_bandwidth},
	{NULL, NULL, 0, 0, NULL},
};
