/*
 * sysfuzz: a system-call fuzzer (docs/robustness.md). It makes random system calls (every
 * number the kernel has, numbers past the table, negative and huge ones) with "interesting"
 * arguments: 0, -1, small values, valid buffers, paths, kernel addresses, unmapped and
 * read-only pages, non-canonical addresses, strings that run into an unmapped page, huge
 * lengths, open and closed descriptors. The promise under test (syscall(2), errno(3)): the
 * kernel answers every call with a result or an error and never panics, hangs or leaks.
 *
 *   sysfuzz [-s SEED] [-n CALLS] [-b FIRST_BATCH] [-B BATCHES] [-t THREADS] [-v]
 *
 * Calls come in batches of BATCH_CALLS, each batch in a forked child that is the leader of
 * its own session, so a call that kills, stops or corrupts the caller only ends that batch.
 * Batch b draws from a xorshift generator seeded with (SEED, b): `sysfuzz -s SEED -b b -B 1 -v`
 * replays exactly the calls of batch b and prints each one before making it. Without -v the
 * parent prints a line every PROGRESS_EVERY batches, so a kernel panic names the batch range.
 * With -t THREADS (up to MAX_THREADS) each batch runs that many threads, each on its own
 * stream, sharing memory and descriptors: races between them find other bugs, but which
 * call wins depends on the timer, so such a replay is only likely, not certain, to repeat.
 *
 * What the fuzzer must not do is kill its harness: pids given to kill/tkill/tgkill are the
 * caller's own, 0 or unused; stop signals become 0; exit and reboot are never chosen; calls
 * that unmap or remap memory only get addresses in a "victim" region (the fuzzer's own code,
 * stack and arena stay intact); a child of fork/vfork/clone exits at once (fuzz_syscall).
 * Blocking calls are interrupted by a SIGALRM every TICK_US; a batch that makes no progress
 * for BLOCKED_SECONDS anyway is killed (noted, not a failure: pause(2) may wait for good);
 * one that SIGKILL does not end is a kernel hang, reported and counted as a failure.
 * After every batch each file, directory and System V IPC object it made is removed and the
 * kernel's object counters (/proc/spindle) are compared with their values at the start, so
 * every batch starts from the same state (a replay is exact) and a leak names its batch.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sysfuzz.h"

bool verbose;
static int thread_count = 1;
static unsigned long saved_fs;

/*
 * The system call itself. A child of fork, vfork, clone or clone3 exits on the spot, without
 * touching the stack it may share with us: the number stays in %rbx, which the child
 * inherits, so it can tell it is the child from registers alone.
 */
__asm__(".text\n"
	".globl fuzz_syscall\n"
	".type fuzz_syscall, @function\n"
	"fuzz_syscall:\n"
	"	push %rbx\n"
	"	mov %rdi, %rbx\n"
	"	mov %rdi, %rax\n"
	"	mov 0(%rsi), %rdi\n"
	"	mov 16(%rsi), %rdx\n"
	"	mov 24(%rsi), %r10\n"
	"	mov 32(%rsi), %r8\n"
	"	mov 40(%rsi), %r9\n"
	"	mov 8(%rsi), %rsi\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	cmp $56, %rbx\n"
	"	je 2f\n"
	"	cmp $57, %rbx\n"
	"	je 2f\n"
	"	cmp $58, %rbx\n"
	"	je 2f\n"
	"	cmp $435, %rbx\n"
	"	je 2f\n"
	"1:	pop %rbx\n"
	"	ret\n"
	"2:	mov $60, %eax\n"
	"	xor %edi, %edi\n"
	"	syscall\n"
	"	ud2\n"
	".size fuzz_syscall, .-fuzz_syscall\n");

static void alarm_tick(int signal_number)
{
	(void)signal_number;
}

/* Undo what a call may have done to the fuzzer's own signals, timer and TLS. */
static void restore_child_state(long number)
{
	if (number == SYS_rt_sigaction || number == SYS_rt_sigreturn || number == SYS_alarm ||
	    number == SYS_setitimer || number == SYS_rt_sigprocmask || number == SYS_execve) {
		struct sigaction action = {.sa_handler = alarm_tick};
		sigaction(SIGALRM, &action, NULL);
		sigset_t empty = 0;
		sigprocmask(SIG_SETMASK, &empty, NULL);
		struct itimerval tick = {{0, TICK_US}, {0, TICK_US}};
		setitimer(ITIMER_REAL, &tick, NULL);
	}
	if (number == SYS_arch_prctl)
		syscall(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, saved_fs);
	if (number == SYS_fork || number == SYS_vfork || number == SYS_clone || number == 435)
		while (syscall(SYS_wait4, -1, NULL, WNOHANG | WAIT_ALL, NULL) > 0)
			;
}

static void log_call(uint64_t batch, int thread, int index, long number, const long *arguments)
{
	dprintf(LOG_FD, "sysfuzz %lu.%d%s%.0d: %ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", batch,
		index, thread ? "/" : "", thread, number, arguments[0], arguments[1], arguments[2],
		arguments[3], arguments[4], arguments[5]);
}

/* The descriptors every batch starts with; fd 9 is left closed on purpose. */
static void open_descriptors(void)
{
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (null > 2)
		close(null);
	for (int fd = 3; fd < 16; fd++)
		close(fd);
	int pipe_ends[2], pair[2];
	pipe(pipe_ends);			     /* 3, 4 */
	open(FUZZ_DIR "/f", O_RDWR | O_CREAT, 0644); /* 5 */
	open(FUZZ_DIR, O_RDONLY | O_DIRECTORY);	     /* 6 */
	socketpair(AF_UNIX, SOCK_STREAM, 0, pair);   /* 7, 8 */
	open("/dev/zero", O_RDWR);		     /* 9, closed below */
	socket(AF_UNIX, SOCK_DGRAM, 0);		     /* 10 */
	open("/proc/self/status", O_RDONLY);	     /* 11 */
	close(9);
}

static void prepare_child(void)
{
	setsid();
	self_pid = getpid();
	chdir(FUZZ_DIR "/d");
	open_descriptors();
	struct sigaction ignore = {.sa_handler = SIG_IGN};
	sigaction(SIGPIPE, &ignore, NULL);
	syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &saved_fs);
	batch_ipc_ids[0] = msgget(IPC_PRIVATE, 0600); /* removed after the batch */
	batch_ipc_ids[1] = semget(IPC_PRIVATE, 2, 0600);
	batch_ipc_ids[2] = shmget(IPC_PRIVATE, 2 * PAGE, 0600);
	restore_child_state(SYS_rt_sigaction);
}

/*
 * Which numbers does the kernel have? Each is called once with every argument -1 (bad for
 * every call: kill(-1, -1) is EINVAL); the answer is ENOSYS or not. A call that ends the
 * prober (exit, a bad sigreturn) has answered too: the parent starts a new prober after it.
 */
static __attribute__((noreturn)) void probe_numbers(void)
{
	static const long minus_one[6] = {-1, -1, -1, -1, -1, -1};
	prepare_child();
	while (SHARED->probe_next < NUMBER_RANGE) {
		long number = SHARED->probe_next++;
		SHARED->implemented[number] = 1;
		if (number == SYS_exit || number == SYS_exit_group || number == 169 /* reboot */)
			continue;
		if (fuzz_syscall(number, minus_one) == -ENOSYS)
			SHARED->implemented[number] = 0;
		restore_child_state(number);
	}
	_exit(0);
}

static void fuzz_calls(uint64_t batch, int thread)
{
	for (int index = 0; index < BATCH_CALLS; index++) {
		long number, arguments[6];
		if (!make_call(&number, arguments))
			continue;
		memcpy(ARENA, &head_template, sizeof(head_template));
		SHARED->index = index;
		SHARED->number = number;
		for (int i = 0; i < 6; i++)
			SHARED->arguments[i] = arguments[i];
		__atomic_add_fetch(&SHARED->calls, 1, __ATOMIC_RELAXED);
		if (verbose)
			log_call(batch, thread, index, number, arguments);
		long result = fuzz_syscall(number, arguments);
		if (verbose)
			dprintf(LOG_FD, "  = %ld\n", result);
		restore_child_state(number);
	}
}

/* With -t, the other threads of a batch: the same loop on their own random streams. */
struct fuzz_thread {
	uint64_t seed, batch;
	int index;
	volatile pid_t tid;
	volatile int done;
};

static void *fuzz_thread_main(void *argument)
{
	struct fuzz_thread *thread = argument;
	thread->tid = (pid_t)syscall(SYS_gettid);
	seed_batch(thread->seed, thread->batch, thread->index);
	fuzz_calls(thread->batch, thread->index);
	thread->done = 1;
	return NULL;
}

static __attribute__((noreturn)) void run_batch(uint64_t seed, uint64_t batch)
{
	static struct fuzz_thread threads[MAX_THREADS];
	prepare_child();
	seed_batch(seed, batch, 0);
	if (verbose) { /* the memory map the calls start from */
		char map[2048];
		int fd = open("/proc/self/maps", O_RDONLY);
		ssize_t length = read(fd, map, sizeof(map));
		close(fd);
		if (length > 0)
			write(LOG_FD, map, (size_t)length);
	}
	threads_running = thread_count > 1;
	for (int i = 1; i < thread_count; i++) {
		pthread_t id;
		threads[i] = (struct fuzz_thread){.seed = seed, .batch = batch, .index = i};
		if (pthread_create(&id, NULL, fuzz_thread_main, &threads[i]) != 0)
			threads[i].done = 1;
	}
	fuzz_calls(batch, 0);
	/* Not pthread_join: a thread's calls may have changed its set_tid_address word. The
	 * process's SIGALRM reaches whichever thread the kernel picks, so a thread still blocked
	 * in a call is sent its own. */
	for (int i = 1; i < thread_count; i++)
		while (!threads[i].done) {
			sched_yield();
			if (threads[i].tid > 0)
				syscall(SYS_tgkill, self_pid, threads[i].tid, SIGALRM);
		}
	long reaped; /* all of them: the batch is over when its processes are */
	do
		reaped = syscall(SYS_wait4, -1, NULL, WAIT_ALL, NULL);
	while (reaped > 0 || (reaped < 0 && errno == EINTR));
	_exit(0);
}

static volatile int watchdog_fired;

static void watchdog(int signal_number)
{
	(void)signal_number;
	watchdog_fired = 1;
}

/* Wait up to `seconds` for the child to end, as long as it keeps making calls. */
static bool wait_while_busy(pid_t child, int seconds, bool need_progress)
{
	uint64_t last_calls = SHARED->calls;
	int quiet_seconds = 0;
	while (quiet_seconds < seconds) {
		watchdog_fired = 0;
		alarm(1);
		pid_t done = waitpid(child, NULL, WAIT_ALL);
		alarm(0);
		if (done == child)
			return true;
		if (need_progress && SHARED->calls != last_calls) {
			last_calls = SHARED->calls;
			quiet_seconds = 0;
		} else {
			quiet_seconds++;
		}
	}
	return false;
}

/*
 * Wait for a batch. One that makes no call for BLOCKED_SECONDS is blocked in a call that may
 * wait for good (pause(2) does): it is noted and killed. Returns false if even SIGKILL does
 * not end it within HANG_SECONDS: that is a kernel hang.
 */
static bool wait_for_batch(pid_t child, uint64_t batch, int *blocked)
{
	if (wait_while_busy(child, BLOCKED_SECONDS, true))
		return true;
	long arguments[6];
	for (int i = 0; i < 6; i++)
		arguments[i] = SHARED->arguments[i];
	dprintf(LOG_FD, "sysfuzz: blocked, killed: ");
	log_call(batch, 0, SHARED->index, SHARED->number, arguments);
	(*blocked)++;
	kill(-child, SIGKILL);
	if (wait_while_busy(child, HANG_SECONDS, false))
		return true;
	dprintf(LOG_FD, "sysfuzz: HANG: SIGKILL did not end batch %lu\n", batch);
	return false;
}

static int map_fixed(void *address, size_t size, int protection, int flags)
{
	void *mapped = mmap(address, size, PROT_READ | PROT_WRITE, flags | MAP_FIXED, -1, 0);
	if (mapped != address)
		return -1;
	return mprotect(address, size, protection);
}

static int setup(void)
{
	if (dup2(2, LOG_FD) != LOG_FD)
		return -1;
	if (map_fixed(ARENA, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS) ||
	    map_fixed(READ_ONLY_PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS) ||
	    map_fixed(VICTIM, VICTIM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS) ||
	    map_fixed(SHARED, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS))
		return -1;
	fill_arena();
	mprotect(READ_ONLY_PAGE, PAGE, PROT_READ);
	struct sigaction action = {.sa_handler = watchdog};
	return sigaction(SIGALRM, &action, NULL);
}

static int usage(void)
{
	fprintf(stderr, "usage: sysfuzz [-s SEED] [-n CALLS] [-b FIRST_BATCH] [-B BATCHES] "
			"[-t THREADS] [-v]\n");
	return 2;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, target = 50000, first = 0, batches = ~0ull;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else if (i + 1 < argc && strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
			target = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < argc && strcmp(argv[i], "-b") == 0)
			first = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < argc && strcmp(argv[i], "-t") == 0)
			thread_count = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "-B") == 0)
			batches = strtoull(argv[++i], NULL, 0);
		else
			return usage();
	}
	if (thread_count < 1 || thread_count > MAX_THREADS)
		return usage();
	record_ipc_objects();
	remove_tree(FUZZ_DIR); /* a previous run's */
	scan_outside(true);
	setvbuf(stdout, NULL, _IONBF, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* the batches' orphans are ours to collect */
	printf("sysfuzz: seed %lu, %lu calls, batches of %d from batch %lu\n", seed, target,
	       BATCH_CALLS, first);
	if (setup() != 0) {
		printf("sysfuzz: cannot set up: %s\n", strerror(errno));
		return 1;
	}
	while (SHARED->probe_next < NUMBER_RANGE) {
		mkdir(FUZZ_DIR, 0755);
		mkdir(FUZZ_DIR "/d", 0755);
		pid_t prober = fork();
		if (prober == 0)
			probe_numbers();
		if (prober < 0 || !wait_while_busy(prober, HANG_SECONDS, true))
			return 1;
	}
	clean_up(0); /* also leaves stdio and the heap as they will be at the end */
	struct counters before, after;
	read_counters(&before);
	int hangs = 0, blocked = 0, leaks = 0;
	uint64_t batch = first;
	for (; SHARED->calls < target && batch - first < batches; batch++) {
		if (!verbose && (batch - first) % PROGRESS_EVERY == 0)
			printf("sysfuzz: batch %lu, %lu calls made\n", batch, SHARED->calls);
		mkdir(FUZZ_DIR, 0755); /* again: a batch may have removed them */
		mkdir(FUZZ_DIR "/d", 0755);
		pid_t child = fork();
		if (child == 0)
			run_batch(seed, batch);
		if (child < 0) {
			printf("sysfuzz: fork: %s\n", strerror(errno));
			return 1;
		}
		if (!wait_for_batch(child, batch, &blocked)) {
			hangs++;
			break;
		}
		clean_up(task_count_of(&before));
		read_counters(&after);
		if (compare_counters(batch, &before, &after) != 0) {
			leaks++;
			before = after;
		}
	}
	uint64_t calls = SHARED->calls;
	printf("sysfuzz: %lu calls in %lu batches (seed %lu): %d blocked and killed, %d hangs, "
	       "%d batches leaked\n",
	       calls, batch - first, seed, blocked, hangs, leaks);
	return hangs || leaks ? 1 : 0;
}
