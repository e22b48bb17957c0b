/*
 * Hostile programs, part 2 (docs/robustness.md): programs that exhaust what the kernel
 * shares out, and processes killed while they wait. A fork bomb meets the task limit
 * (fork(2): EAGAIN) and the system recovers; a process that touches more memory than there
 * is meets the OOM killer (kernel/mm/oom.c), which kills the largest process, not the
 * kernel; SIGKILL ends a process blocked in any wait (signal(7)) and leaves nothing behind.
 * Each case compares the kernel's counters (/proc/spindle) before and after.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "hostile.h"
#include "utest.h"

/* Adopt the orphans our children leave (prctl(2), PR_SET_CHILD_SUBREAPER) and collect them
 * all, so that the counters can come back to where they were. */
static void reap_everything(void)
{
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

/* Counters before and after `body`, once every process it made is gone. */
#define EXPECT_NO_LEAK(body)                                                                       \
	do {                                                                                       \
		struct kernel_counters before_, after_;                                            \
		EXPECT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);                                    \
		hostile_counters(&before_);                                                        \
		body;                                                                              \
		reap_everything();                                                                 \
		hostile_settle(hostile_tasks(&before_));                                           \
		hostile_counters(&after_);                                                         \
		EXPECT(hostile_counters_equal(&before_, &after_));                                 \
	} while (0)

/* The bomb: its own process group, children that fork until fork fails, each then pausing. */
static void fork_bomb(int report_fd)
{
	setpgid(0, 0);
	int forked = 0;
	for (;;) {
		pid_t child = fork();
		if (child == 0)
			continue; /* the child forks on too */
		if (child < 0) {
			int error = errno;
			if (write(report_fd, &error, sizeof(error)) != sizeof(error))
				_exit(1);
			break;
		}
		forked++;
	}
	for (;;)
		pause();
}

UTEST(hostile_fork_bomb_meets_the_task_limit_and_the_system_recovers)
{
	EXPECT_NO_LEAK({
		int report[2];
		EXPECT_EQ(pipe(report), 0);
		pid_t bomb = fork();
		if (bomb == 0) {
			close(report[0]);
			fork_bomb(report[1]);
		}
		close(report[1]);
		int error = 0;
		EXPECT_EQ(read(report[0], &error, sizeof(error)), (long)sizeof(error));
		EXPECT_EQ(error, EAGAIN);
		/* Every slot is taken: our own fork fails too, until the bomb is gone. */
		EXPECT_ERRNO(fork(), EAGAIN);
		EXPECT_EQ(kill(-bomb, SIGKILL), 0);
		reap_everything(); /* the bomb's orphans are ours (PR_SET_CHILD_SUBREAPER) */
		close(report[0]);
		pid_t again = fork();
		if (again == 0)
			_exit(7);
		int status = 0;
		EXPECT_EQ(waitpid(again, &status, 0), again);
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	});
}

static size_t toucher_bytes;

static void touch_memory(void)
{
	uint8_t *memory = mmap(NULL, toucher_bytes, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (memory == MAP_FAILED)
		_exit(2);
	for (size_t offset = 0; offset < toucher_bytes; offset += 4096)
		memory[offset] = 1;
	_exit(0);
}

/* More than all the memory there is: the toucher is the largest process, so it dies. */
UTEST(hostile_touching_more_than_ram_is_killed_by_the_oom_killer)
{
	toucher_bytes = 2 * hostile_free_memory(); /* before the count: it touches a page */
	EXPECT_NO_LEAK(EXPECT_EQ(hostile_run(touch_memory), SIGKILL));
}

/*
 * Two processes: a hog holding 60% of the free memory, then a toucher wanting 60% more.
 * When the frames run out the hog is the largest: it is the one killed, and the toucher
 * finishes.
 */
UTEST(hostile_oom_killer_picks_the_largest_process)
{
	size_t free_bytes = hostile_free_memory();
	toucher_bytes = free_bytes / 10 * 6;
	EXPECT_NO_LEAK({
		int ready[2];
		EXPECT_EQ(pipe(ready), 0);
		pid_t hog = fork();
		if (hog == 0) {
			size_t size = free_bytes / 10 * 6;
			uint8_t *memory = mmap(NULL, size, PROT_READ | PROT_WRITE,
					       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			for (size_t offset = 0; offset < size; offset += 4096)
				memory[offset] = 1;
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		char byte;
		EXPECT_EQ(read(ready[0], &byte, 1), 1);
		EXPECT_EQ(hostile_run(touch_memory), 0);
		int status = 0;
		EXPECT_EQ(waitpid(hog, &status, 0), hog);
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		close(ready[0]);
		close(ready[1]);
	});
}

/* What each child blocks in; the parent kills it with SIGKILL once it sleeps. */
static int idle_pipe[2], full_pipe[2]; /* nothing is ever written to idle_pipe */
static int wait_queue, wait_semaphores;
static uint32_t futex_word;
static char socket_path[] = "/tmp/hostile-accept";

static void block_in_pipe_read(void)
{
	char byte;
	read(idle_pipe[0], &byte, 1);
}

static void block_in_pipe_write(void)
{
	static char chunk[4096];
	for (;;)
		write(full_pipe[1], chunk, sizeof(chunk)); /* fills the pipe, then waits */
}

static void block_in_futex(void)
{
	syscall(SYS_futex, &futex_word, 0 /* FUTEX_WAIT */, 0, NULL);
}

static void block_in_msgrcv(void)
{
	struct {
		long type;
		char text[16];
	} message;
	msgrcv(wait_queue, &message, sizeof(message.text), 0, 0);
}

static void block_in_semop(void)
{
	struct sembuf take = {0, -1, SEM_UNDO};
	semop(wait_semaphores, &take, 1);
}

static void block_in_wait4(void)
{
	if (fork() == 0)
		for (;;)
			pause();
	wait(NULL);
}

static void block_in_vfork_parent(void)
{
	if (vfork() == 0)
		for (;;)
			pause(); /* the parent waits in vfork until we exec or exit */
}

static void block_in_accept(void)
{
	int listener = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	strcpy(address.sun_path, socket_path);
	unlink(socket_path);
	if (bind(listener, (struct sockaddr *)&address, sizeof(address)) != 0 ||
	    listen(listener, 1) != 0)
		_exit(1);
	unlink(socket_path);
	accept(listener, NULL, NULL);
}

static void block_in_nanosleep(void)
{
	struct timespec long_time = {1000000, 0};
	nanosleep(&long_time, NULL);
}

static void block_in_sigsuspend(void)
{
	sigset_t none = 0;
	sigsuspend(&none);
}

static void block_in_poll(void)
{
	struct pollfd nothing = {idle_pipe[0], POLLIN, 0};
	poll(&nothing, 1, -1);
}

static void kill_while_blocked(const char *name, void (*body)(void))
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		setpgid(0, 0);
		body();
		_exit(3); /* the wait ended: not what we meant to test */
	}
	setpgid(child, child);
	hostile_wait_until_blocked(child);
	EXPECT_EQ(kill(-child, SIGKILL), 0); /* and the children of wait4 and vfork */
	int status = 0;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		printf("  %s: status %#x\n", name, status);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

UTEST(hostile_sigkill_ends_every_kind_of_wait_and_leaks_nothing)
{
	static const struct {
		const char *name;
		void (*body)(void);
	} waits[] = {
		{"pipe read", block_in_pipe_read},
		{"pipe write", block_in_pipe_write},
		{"futex", block_in_futex},
		{"msgrcv", block_in_msgrcv},
		{"semop", block_in_semop},
		{"wait4", block_in_wait4},
		{"vfork parent", block_in_vfork_parent},
		{"accept", block_in_accept},
		{"nanosleep", block_in_nanosleep},
		{"sigsuspend", block_in_sigsuspend},
		{"poll", block_in_poll},
	};
	EXPECT_NO_LEAK({
		EXPECT_EQ(pipe(idle_pipe), 0);
		EXPECT_EQ(pipe(full_pipe), 0);
		wait_queue = msgget(IPC_PRIVATE, 0600);
		wait_semaphores = semget(IPC_PRIVATE, 1, 0600);
		EXPECT(wait_queue >= 0 && wait_semaphores >= 0);
		for (size_t i = 0; i < sizeof(waits) / sizeof(waits[0]); i++)
			kill_while_blocked(waits[i].name, waits[i].body);
		EXPECT_EQ(msgctl(wait_queue, IPC_RMID, NULL), 0);
		EXPECT_EQ(semctl(wait_semaphores, 0, IPC_RMID), 0);
		for (int end = 0; end < 2; end++) {
			close(idle_pipe[end]);
			close(full_pipe[end]);
		}
	});
}

/* prctl(2) PR_SET_CHILD_SUBREAPER: a grandchild orphaned by its parent comes to us. */
UTEST(hostile_child_subreaper_adopts_orphaned_grandchildren)
{
	int flag = -1;
	EXPECT_EQ(prctl(PR_GET_CHILD_SUBREAPER, &flag), 0);
	EXPECT_EQ(flag, 0);
	EXPECT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	EXPECT_EQ(prctl(PR_GET_CHILD_SUBREAPER, &flag), 0);
	EXPECT_EQ(flag, 1);
	int report[2];
	EXPECT_EQ(pipe(report), 0);
	pid_t self = getpid();
	pid_t middle = fork();
	if (middle == 0) {
		if (fork() == 0) {
			while (getppid() != self && getppid() != 1)
				sched_yield(); /* until the middle process is gone */
			pid_t parent = getppid();
			_exit(write(report[1], &parent, sizeof(parent)) == sizeof(parent) ? 0 : 1);
		}
		_exit(0);
	}
	EXPECT_EQ(waitpid(middle, NULL, 0), middle);
	pid_t adopter = 0;
	EXPECT_EQ(read(report[0], &adopter, sizeof(adopter)), (long)sizeof(adopter));
	EXPECT_EQ(adopter, self);
	int status = -1;
	EXPECT(wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(report[0]);
	close(report[1]);
}
