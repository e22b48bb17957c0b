/*
 * Threads inside libc: the thread control block (TCB) and the TLS area around it
 * (thread/tls.c), shared by thread/pthread.c, thread/key.c and the locks.
 *
 * x86_64 uses TLS variant II ("ELF Handling For Thread-Local Storage", U. Drepper, §3.4.6):
 * the program's TLS block sits immediately below the TCB, and the thread pointer (the FS
 * base) points at the TCB, whose first word points at itself. The static linker resolves
 * each __thread variable to a fixed negative offset from the thread pointer:
 *
 *   low                                                                              high
 *   | .tdata copy | .tbss zeros | padding |  struct libc_thread ...                     |
 *   ^ tp - offset                          ^ tp = %fs base, *(tp) = tp
 *
 * offset is PT_TLS's p_memsz rounded up to p_align, and tp is aligned to at least p_align,
 * so every variable keeps its alignment. A new thread's mapping is, from the bottom:
 * a PROT_NONE guard page, its stack (growing down towards the guard), then this area.
 */
#ifndef SPINDLE_LIBC_INTERNAL_THREAD_H
#define SPINDLE_LIBC_INTERNAL_THREAD_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "arch/x86_64/thread_arch.h"
#include "uapi/auxv.h"

/* detach_state values. */
#define THREAD_JOINABLE 0 /* someone will join it */
#define THREAD_DETACHED 1 /* it frees its own mapping at exit */
#define THREAD_EXITING	2 /* it has run pthread_exit while joinable; the joiner frees it */

/* A thread's value for one key; stale unless generation is the key's current one. */
struct libc_thread_specific {
	unsigned int generation;
	void *value;
};

struct libc_thread {
	/* ABI: %fs:0 is the thread pointer itself. */
	struct libc_thread *self;

	/* Set before the thread starts, then read-only. */
	void *(*start)(void *);
	void *argument;
	void *mapping; /* guard, stack, TLS and this TCB; NULL for the main thread */
	size_t mapping_length;

	/*
	 * The kernel stores the tid here at clone (CLONE_PARENT_SETTID) and writes 0 and wakes
	 * the futex when the thread has exited (CLONE_CHILD_CLEARTID / set_tid_address).
	 */
	int tid;
	int detach_state; /* THREAD_*, changed only by compare-and-swap */
	void *result;	  /* written by the thread before it exits, read by its joiner */

	/* Only the thread itself touches these. */
	struct libc_thread_specific specific[PTHREAD_KEYS_MAX];
};

/* The calling thread's control block. */
static inline struct libc_thread *libc_thread_self(void)
{
	return arch_thread_pointer();
}

/*
 * Threads that have not yet passed the point of no return in pthread_exit, the main thread
 * included; the one that takes it to 0 exits the process (thread/tls.c).
 */
extern int libc_thread_count;

/*
 * Finds PT_TLS through AT_PHDR/AT_PHNUM, builds the main thread's TLS block and TCB and
 * points the FS base at it. Called once by libc_start_main before anything uses errno.
 * Exits with status 127 if it cannot.
 */
void libc_tls_init(const struct auxv_entry *auxiliary_vector);

/* Bytes a TLS block and TCB need, alignment slack included. */
size_t libc_tls_area_size(void);

/*
 * Builds a TLS block and a zeroed TCB (self pointer set) ending at or below area_end, in an
 * area of at least libc_tls_area_size() bytes. Returns the TCB.
 */
struct libc_thread *libc_tls_install(void *area_end);

/* The lowest address the TLS block of thread uses. */
void *libc_tls_block_start(struct libc_thread *thread);

/* After fork(), in the child: the caller is the only thread and has a new tid. */
void libc_thread_fork_child(void);

/* Runs the key destructors for the calling thread (thread/key.c; pthread_exit). */
void libc_thread_run_destructors(struct libc_thread *self);

/* Unmaps mapping (the caller's own stack) and exits the thread (arch/x86_64/thread_exit.S). */
_Noreturn void libc_thread_unmap_and_exit(void *mapping, size_t length);

#endif
