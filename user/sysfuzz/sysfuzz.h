/*
 * What the two halves of sysfuzz share (docs/robustness.md): main.c runs the batches, calls.c
 * draws the calls. The fixed memory layout the arguments point into, and the interface
 * between them.
 */
#ifndef SPINDLE_SYSFUZZ_H
#define SPINDLE_SYSFUZZ_H

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH_CALLS	64
#define MAX_THREADS	4
#define PROGRESS_EVERY	64
#define TICK_US		5000
#define BLOCKED_SECONDS 3
#define HANG_SECONDS	20 /* a batch SIGKILL does not end by then: a kernel hang */

#define PAGE 4096ul

/* Fixed addresses, far from the program, its heap, its mmap area and its stack. */
#define ARENA	       ((char *)0x200000000ul) /* buffers, paths, iovecs: read-write */
#define ARENA_SIZE     (16 * PAGE)	       /* followed by an unmapped page */
#define READ_ONLY_PAGE ((char *)0x200100000ul)
#define VICTIM	       ((char *)0x100000000ul) /* the only target of munmap/mprotect/mremap */
#define VICTIM_SIZE    (16 * PAGE)	       /* followed by an unmapped page */
#define SHARED	       ((struct shared_state *)0x300000000ul)
#define FUZZ_DIR       "/tmp/fuzz"
#define WAIT_ALL       0x40000000 /* __WALL: children of any exit signal */
#define LOG_FD	       100	  /* the console, out of reach of the descriptor pool */

#define NUMBER_RANGE 470 /* past the last Linux x86_64 number */

/* What the parent learns from its child, in a MAP_SHARED page. */
struct shared_state {
	uint64_t calls; /* atomic */
	volatile long number, arguments[6];
	volatile int index;
	volatile int probe_next;			  /* the next number to probe */
	volatile unsigned char implemented[NUMBER_RANGE]; /* answered other than ENOSYS */
};

/* The arena's first page, rewritten before every call (calls may scribble on it). */
#define PATH_COUNT 20
struct arena_head {
	char paths[PATH_COUNT][64];
	struct iovec iovecs[8];
	struct sockaddr_un socket_address;
	struct sockaddr_un abstract_address;
	struct timespec short_time;
	/* Well-formed inputs for the calls that take structures, so they get past the checks. */
	char *argv[4];		     /* execve: two paths and a NULL */
	struct sembuf operations[2]; /* semop: take without waiting, then give */
	struct {
		long type;
		char text[24];
	} message;		 /* msgsnd, msgrcv */
	struct pollfd polls[3];	 /* poll, ppoll */
	uint64_t fd_bits[2];	 /* select: descriptors 3..7 */
	uint32_t futex_word;	 /* 0: FUTEX_WAIT with 0 waits, with 1 does not */
	struct itimerval timer;	 /* setitimer: a short one-shot */
	struct sigaction action; /* rt_sigaction: SIG_IGN with a mask */
	int pair[2];		 /* pipe, socketpair output */
	struct __attribute__((packed)) {
		uint32_t events;
		uint64_t data;
	} epoll_event; /* epoll_ctl: readable and writable, edge-triggered */
};

_Static_assert(sizeof(struct arena_head) <= PAGE, "the arena's head is its first page");

/* calls.c: the arena's template, who we are, and the batch's System V objects (or -1). */
extern struct arena_head head_template;
extern pid_t self_pid;
extern bool threads_running; /* the batch has more than one thread (sysfuzz -t) */
extern int batch_ipc_ids[3];

/* Start thread `thread`'s random stream for batch `batch` of seed `seed`. */
void seed_batch(uint64_t seed, uint64_t batch, int thread);
/* Draw the next call: false when it must be skipped. */
bool make_call(long *number, long arguments[6]);
/* Rewrite the arena's head (calls may have scribbled on it). */
void fill_arena(void);

#define COUNTER_MAX 16
struct counters {
	char names[COUNTER_MAX][32];
	unsigned long values[COUNTER_MAX];
	int count;
};

/* cleanup.c: what a batch leaves behind is removed, and the counters compared. */
void record_ipc_objects(void);
void remove_tree(const char *path);
void scan_outside(bool record);
void read_counters(struct counters *counters);
int compare_counters(uint64_t batch, const struct counters *before, const struct counters *after);
unsigned long task_count_of(const struct counters *counters);
void clean_up(unsigned long baseline_tasks);

/* main.c: -v, print every call (and every name removed). */
extern bool verbose;

/* main.c: the system call itself (a child of fork/vfork/clone exits at once). */
long fuzz_syscall(long number, const long *arguments);

#endif
