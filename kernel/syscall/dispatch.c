/*
 * The system-call table and dispatcher (include/syscall.h). Numbers are Linux's
 * (uapi/syscall.h); an empty slot or a number past the table answers -ENOSYS, as Linux does
 * for calls it does not have. After the handler, the return path is a preemption point and
 * the place where pending signals are delivered (or an interrupted call restarted).
 */
#include "syscall.h"
#include "compiler.h"
#include "futex.h"
#include "handlers.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "uapi/errno.h"
#include "uapi/syscall.h"

typedef long (*syscall_handler_t)(long, long, long, long, long, long);

/* Handlers take typed arguments; at the ABI level every argument is one register. */
#define HANDLER(function) [SYS_##function] = (syscall_handler_t)(void (*)(void))sys_##function

static const syscall_handler_t syscall_table[] = {
	HANDLER(read),
	HANDLER(write),
	HANDLER(open),
	HANDLER(close),
	HANDLER(stat),
	HANDLER(fstat),
	HANDLER(lstat),
	HANDLER(lseek),
	HANDLER(mmap),
	HANDLER(mprotect),
	HANDLER(munmap),
	HANDLER(brk),
	HANDLER(ioctl),
	HANDLER(pread64),
	HANDLER(pwrite64),
	HANDLER(readv),
	HANDLER(writev),
	HANDLER(access),
	HANDLER(sched_yield),
	HANDLER(dup),
	HANDLER(dup2),
	HANDLER(nanosleep),
	HANDLER(getpid),
	HANDLER(clone),
	HANDLER(fork),
	HANDLER(vfork),
	HANDLER(execve),
	HANDLER(exit),
	HANDLER(wait4),
	HANDLER(uname),
	HANDLER(fcntl),
	HANDLER(truncate),
	HANDLER(ftruncate),
	HANDLER(getcwd),
	HANDLER(chdir),
	HANDLER(fchdir),
	HANDLER(rename),
	HANDLER(mkdir),
	HANDLER(rmdir),
	HANDLER(unlink),
	HANDLER(symlink),
	HANDLER(readlink),
	HANDLER(umask),
	HANDLER(gettimeofday),
	HANDLER(getppid),
	HANDLER(getpgrp),
	HANDLER(getpgid),
	HANDLER(getsid),
	HANDLER(arch_prctl),
	HANDLER(gettid),
	HANDLER(time),
	HANDLER(set_tid_address),
	HANDLER(clock_gettime),
	HANDLER(clock_getres),
	HANDLER(clock_nanosleep),
	HANDLER(exit_group),
	HANDLER(waitid),
	HANDLER(openat),
	HANDLER(mkdirat),
	HANDLER(newfstatat),
	HANDLER(unlinkat),
	HANDLER(renameat),
	HANDLER(faccessat),
	HANDLER(dup3),
	HANDLER(faccessat2),
	HANDLER(symlinkat),
	HANDLER(readlinkat),
	HANDLER(linkat),
	HANDLER(link),
	HANDLER(mknodat),
	HANDLER(mknod),
	HANDLER(fchmodat),
	HANDLER(chmod),
	HANDLER(fchmod),
	HANDLER(fchownat),
	HANDLER(chown),
	[SYS_lchown] = (syscall_handler_t)(void (*)(void))sys_chown,
	HANDLER(fsync),
	[SYS_fdatasync] = (syscall_handler_t)(void (*)(void))sys_fsync,
	HANDLER(kill),
	HANDLER(rt_sigaction),
	HANDLER(rt_sigprocmask),
	HANDLER(rt_sigreturn),
	HANDLER(rt_sigpending),
	HANDLER(rt_sigsuspend),
	HANDLER(pause),
	HANDLER(sigaltstack),
	HANDLER(rt_sigtimedwait),
	HANDLER(rt_sigqueueinfo),
	HANDLER(alarm),
	HANDLER(getitimer),
	HANDLER(setitimer),
	HANDLER(tgkill),
	HANDLER(tkill),
	HANDLER(setpgid),
	HANDLER(getuid),
	HANDLER(geteuid),
	HANDLER(getgid),
	HANDLER(getegid),
	HANDLER(getresuid),
	HANDLER(getresgid),
	HANDLER(getgroups),
	HANDLER(setresuid),
	HANDLER(setresgid),
	HANDLER(setuid),
	HANDLER(setgid),
	HANDLER(setreuid),
	HANDLER(setregid),
	HANDLER(prlimit64),
	HANDLER(getrlimit),
	HANDLER(setrlimit),
	HANDLER(getrusage),
	HANDLER(times),
	HANDLER(sysinfo),
	HANDLER(sched_getaffinity),
	HANDLER(sched_setaffinity),
	HANDLER(sendmsg),
	HANDLER(recvmsg),
	HANDLER(eventfd),
	HANDLER(eventfd2),
	HANDLER(epoll_create),
	HANDLER(epoll_create1),
	HANDLER(epoll_ctl),
	HANDLER(epoll_wait),
	HANDLER(epoll_pwait),
	HANDLER(timer_create),
	HANDLER(timer_settime),
	HANDLER(timer_gettime),
	HANDLER(timer_getoverrun),
	HANDLER(timer_delete),
	HANDLER(setsid),
	HANDLER(prctl),
	HANDLER(madvise),
	HANDLER(msync),
	HANDLER(getdents64),
	HANDLER(getrandom),
	HANDLER(futex),
	HANDLER(pipe),
	HANDLER(socket),
	HANDLER(socketpair),
	HANDLER(bind),
	HANDLER(listen),
	HANDLER(connect),
	HANDLER(accept),
	HANDLER(accept4),
	HANDLER(sendto),
	HANDLER(recvfrom),
	HANDLER(shutdown),
	HANDLER(getsockname),
	HANDLER(getpeername),
	HANDLER(setsockopt),
	HANDLER(getsockopt),
	HANDLER(shmget),
	HANDLER(shmat),
	HANDLER(shmdt),
	HANDLER(shmctl),
	HANDLER(msgget),
	HANDLER(msgsnd),
	HANDLER(msgrcv),
	HANDLER(msgctl),
	HANDLER(semget),
	HANDLER(semop),
	HANDLER(semtimedop),
	HANDLER(semctl),
	HANDLER(poll),
	HANDLER(ppoll),
	HANDLER(select),
	HANDLER(pselect6),
	HANDLER(pipe2),
	HANDLER(sched_setscheduler),
	HANDLER(sched_setparam),
	HANDLER(sched_getscheduler),
	HANDLER(sched_getparam),
	HANDLER(sched_get_priority_max),
	HANDLER(sched_get_priority_min),
	HANDLER(sched_rr_get_interval),
	HANDLER(setpriority),
	HANDLER(getpriority),
};

static uint64_t calls;

uint64_t syscall_count(void)
{
	return READ_ONCE(calls);
}

void syscall_dispatch(struct trap_frame *frame)
{
	uint64_t number = frame->rax;
	long result = -ENOSYS;

	calls++;
	current->syscall_number = number;
	if (number < ARRAY_SIZE(syscall_table) && syscall_table[number])
		result = syscall_table[number]((long)frame->rdi, (long)frame->rsi, (long)frame->rdx,
					       (long)frame->r10, (long)frame->r8, (long)frame->r9);
	frame->rax = (uint64_t)result;
	/* Returning to user mode: a good moment to give up the CPU if the tick asked. */
	if (READ_ONCE(this_rq()->need_resched))
		schedule();
	signal_deliver(frame, number != SYS_rt_sigreturn);
}
