/*
 * Signals inside the kernel (kernel/proc/signal.c, kernel/proc/signal_syscalls.c, and the
 * frame code in kernel/arch/x86_64/signal_frame.c). docs/signals.md tells the story:
 * kill() queues a signal in a pending set and wakes a thread that does not block it; on its
 * way back to user mode that thread takes the signal, and either applies the default action
 * or builds an rt_sigframe on its user stack and enters the handler; rt_sigreturn undoes it.
 *
 * Lock: signal_lock (irqsave) protects every pending set, mask and handler table.
 */
#ifndef SPINDLE_SIGNAL_H
#define SPINDLE_SIGNAL_H

#include "arch/trap.h"
#include "task.h"

/* Internal results of an interrupted system call; never seen by user space (Linux's
 * include/linux/errno.h). The return path turns them into -EINTR or a restart. */
#define ERESTARTSYS    512 /* restart if the handler has SA_RESTART, else EINTR */
#define ERESTARTNOINTR 513 /* always restart */
#define ERESTARTNOHAND 514 /* restart only if no handler runs */

#define SIGNAL_BIT(signal) (1ull << ((signal)-1))
#define SIGNAL_UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))

/* ppoll/pselect6 (like rt_sigsuspend): user_mask, if given, is the mask while the call
 * waits; signal_mask_after_wait() puts the old one back, at once unless a signal
 * interrupted the wait, whose handler then runs under the temporary mask first. */
long signal_mask_for_wait(const uint64_t *user_mask, size_t sigset_size);
void signal_mask_after_wait(long result);

/* Queued real-time signals per pending set; more are dropped (Linux: RLIMIT_SIGPENDING). */
#define SIGNAL_QUEUE_MAX 256

/* A task's signal state for /proc/<pid>/status (SigQ, SigPnd, ShdPnd, SigBlk, SigIgn,
 * SigCgt; bit n-1 for signal n). */
struct signal_masks {
	uint64_t pending, shared_pending, blocked, ignored, caught;
	unsigned queued;
};
void signal_masks_of(struct task_struct *task, struct signal_masks *masks);
/* Send `signal` to task's whole process (shared pending set). Caller holds tasklist_lock. */
void signal_send_process_locked(struct task_struct *task, int signal,
				const struct signal_info *info);
/* Send `signal` to exactly this thread (tkill, faults). */
void signal_send_thread(struct task_struct *task, int signal, const struct signal_info *info);
/* A CPU exception in user mode: queue the signal for the current thread if it has a handler
 * and does not block it (returns true; delivery happens on the trap return). */
bool signal_force_fault(int signal, int code, uint64_t address);
/* On every return to user mode: take pending signals, apply default actions, set up a
 * handler. is_syscall: frame->rax holds a system call's result, which may ask for a restart
 * (-ERESTART*); false after an interrupt, an exception or rt_sigreturn. May not return. */
void signal_deliver(struct trap_frame *frame, bool is_syscall);
/* rt_sigtimedwait: take a pending signal of `wanted` (blocked or not) for the caller, filling
 * siginfo. Returns the signal, 0 if none is pending, or -EINTR if another signal waits that
 * a handler must see first (or the process is dying). */
int signal_take(uint64_t wanted, struct kernel_siginfo *siginfo);
/* wait(WUNTRACED/WCONTINUED): if child's process stopped or continued since last asked,
 * fill the wait status, mark it reported (unless WNOWAIT) and return true. Caller holds
 * tasklist_lock. */
bool signal_take_job_status(struct task_struct *child, int options, int *status);
/* The handler of `signal` in task's process (SIG_DFL when it has none). */
void *signal_handler_of(struct task_struct *task, int signal, unsigned long *flags);

/* The siginfo_t a handler or sigwaitinfo sees for `signal` queued with `info`. */
void signal_fill_siginfo(struct kernel_siginfo *siginfo, int signal,
			 const struct signal_info *info);

/* POSIX timers (kernel/syscall/posix_timers.c): a timer's signal is being taken -- fill in
 * its overrun count (caller holds signal_lock); and drop every timer of a process (execve,
 * exit). */
void posix_timer_delivered(struct task_struct *task, struct signal_info *info);
void posix_timers_delete_all(struct thread_group *group);

/* The task runs on its alternate signal stack (rsp inside it). */
bool signal_on_altstack(const struct task_struct *task, uint64_t rsp);
/* Frame building: the current alternate stack for uc_stack (rsp: the interrupted code's),
 * then disarmed if it has SS_AUTODISARM. rt_sigreturn: reinstall the one from uc_stack
 * (ignored if the thread still runs on the current one). */
int signal_altstack_save(struct signal_stack *saved, uint64_t rsp);
void signal_altstack_restore(const struct signal_stack *saved, uint64_t rsp);

/* Pending sets: an empty one; and drop the signals in `signals` with their queued
 * instances (caller holds signal_lock, or owns the set alone). */
void sigpending_init(struct sigpending *pending);
void sigpending_discard(struct sigpending *pending, uint64_t signals);

/* Handler tables: fork copies or shares, exec resets, exit lets go. */
int sighand_copy(struct task_struct *child, struct task_struct *parent, bool share);
int sighand_exec(struct task_struct *task);
/* Give a task that has none (the first user process) its own table: 0 or -ENOMEM. Only the
 * task itself may call this: nobody else can be sharing a table it does not have. */
int sighand_ensure(struct task_struct *task);
void sighand_release(struct task_struct *task);
/* The last reference to a task is gone: drop its table without locking (nobody can find
 * the task any more). A zombie keeps its table, so a signal sent to a process whose leader
 * has exited still sees the handlers. */
void sighand_free(struct task_struct *task);

/* Arch (signal_frame.c): build the rt_sigframe for `signal` on the user stack and point the
 * frame at the handler; 0 or -EFAULT. And undo it for rt_sigreturn: 0 or -EFAULT. */
int arch_signal_setup_frame(struct trap_frame *frame, int signal,
			    const struct kernel_sigaction *action,
			    const struct kernel_siginfo *info, uint64_t old_blocked);
int arch_signal_restore_frame(struct trap_frame *frame, uint64_t *blocked);

#endif
