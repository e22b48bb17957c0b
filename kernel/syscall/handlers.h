/*
 * Prototypes of every system-call handler, grouped by subject; the comment above each group
 * names the file (most live in kernel/syscall/, some with their subsystem).
 * Argument names say what user space passes; pointer arguments are user addresses.
 */
#ifndef SPINDLE_SYSCALL_HANDLERS_H
#define SPINDLE_SYSCALL_HANDLERS_H

#include "pid.h"
#include "types.h"

struct iovec;
struct stat;
struct timespec;
struct timeval;
struct utsname;
struct linux_dirent64;

/* files.c: I/O on descriptors */
long sys_read(int fd, char *buffer, size_t count);
long sys_write(int fd, const char *buffer, size_t count);
long sys_readv(int fd, const struct iovec *vector, int count);
long sys_writev(int fd, const struct iovec *vector, int count);
long sys_pread64(int fd, char *buffer, size_t count, int64_t offset);
long sys_pwrite64(int fd, const char *buffer, size_t count, int64_t offset);
long sys_lseek(int fd, int64_t offset, int whence);
long sys_open(const char *path, int flags, uint32_t mode);
long sys_openat(int dirfd, const char *path, int flags, uint32_t mode);
long sys_close(int fd);
long sys_dup(int fd);
long sys_dup2(int old_fd, int new_fd);
long sys_dup3(int old_fd, int new_fd, int flags);
long sys_fcntl(int fd, int command, unsigned long argument);
long sys_ioctl(int fd, unsigned command, unsigned long argument);

/* Copy a user path into a fresh kmalloc'd buffer (PATH_MAX); NULL with *error set. */
char *copy_user_path(const char *user_path, long *error);

/* names.c: the name space */
long sys_stat(const char *path, struct stat *buffer);
long sys_lstat(const char *path, struct stat *buffer);
long sys_fstat(int fd, struct stat *buffer);
long sys_newfstatat(int dirfd, const char *path, struct stat *buffer, int flags);
long sys_getdents64(int fd, struct linux_dirent64 *buffer, unsigned count);
long sys_mkdir(const char *path, uint32_t mode);
long sys_mkdirat(int dirfd, const char *path, uint32_t mode);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_rename(const char *old_path, const char *new_path);
long sys_renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);
long sys_symlink(const char *target, const char *path);
long sys_readlink(const char *path, char *buffer, size_t size);
long sys_getcwd(char *buffer, size_t size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_access(const char *path, int mode);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_faccessat2(int dirfd, const char *path, int mode, int flags);
long sys_symlinkat(const char *target, int dirfd, const char *path);
long sys_readlinkat(int dirfd, const char *path, char *buffer, size_t size);
long sys_linkat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path,
		int flags);
long sys_link(const char *old_path, const char *new_path);
long sys_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t device);
long sys_mknod(const char *path, uint32_t mode, uint64_t device);
long sys_fchmodat(int dirfd, const char *path, uint32_t mode);
long sys_chmod(const char *path, uint32_t mode);
long sys_fchmod(int fd, uint32_t mode);
long sys_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags);
long sys_chown(const char *path, uint32_t uid, uint32_t gid);
long sys_fsync(int fd);
long sys_umask(uint32_t mask);
long sys_truncate(const char *path, int64_t length);
long sys_ftruncate(int fd, int64_t length);

/* process.c: processes (fork and clone in proc/fork.c, kill in proc/signal.c) */
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(pid_t pid, int *status, int options, void *rusage);
long sys_waitid(int id_type, pid_t id, void *info, int options, void *rusage);
long sys_execve(const char *path, const char *const *argv, const char *const *envp);
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long stack, int *parent_tid, int *child_tid,
	       unsigned long tls);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_getsid(pid_t pid);
long sys_set_tid_address(int *tid_address);
long sys_arch_prctl(int code, unsigned long address);
long sys_uname(struct utsname *name);
long sys_sched_yield(void);

/* kernel/sched/syscalls.c: policies, priorities, nice */
struct sched_param;
long sys_sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
long sys_sched_setparam(pid_t pid, const struct sched_param *param);
long sys_sched_getscheduler(pid_t pid);
long sys_sched_getparam(pid_t pid, struct sched_param *param);
long sys_sched_get_priority_max(int policy);
long sys_sched_get_priority_min(int policy);
long sys_sched_rr_get_interval(pid_t pid, struct timespec *interval);
long sys_setpriority(int which, int who, int nice);
long sys_getpriority(int which, int who);
long sys_getrandom(void *buffer, size_t count, unsigned flags);
long sys_kill(pid_t pid, int signal);
long sys_tgkill(pid_t tgid, pid_t tid, int signal);
long sys_tkill(pid_t tid, int signal);
struct kernel_siginfo;
long sys_rt_sigqueueinfo(pid_t tgid, int signal, const struct kernel_siginfo *user_info);
/* proc/signal_syscalls.c */
struct kernel_sigaction;
long sys_rt_sigaction(int signal, const struct kernel_sigaction *user_action,
		      struct kernel_sigaction *user_old, size_t sigset_size);
long sys_rt_sigprocmask(int how, const uint64_t *user_set, uint64_t *user_old, size_t sigset_size);
long sys_rt_sigpending(uint64_t *user_set, size_t sigset_size);
long sys_rt_sigsuspend(const uint64_t *user_mask, size_t sigset_size);
long sys_pause(void);
long sys_rt_sigreturn(void);
/* time/itimer.c */
struct itimerval;
long sys_getitimer(int which, struct itimerval *user_value);
long sys_setitimer(int which, const struct itimerval *user_new, struct itimerval *user_old);
long sys_alarm(unsigned seconds);
struct kernel_siginfo;
struct timespec;
long sys_rt_sigtimedwait(const uint64_t *user_set, struct kernel_siginfo *user_info,
			 const struct timespec *user_timeout, size_t sigset_size);
struct signal_stack;
long sys_sigaltstack(const struct signal_stack *user_stack, struct signal_stack *user_old);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_setsid(void);
long sys_prctl(int option, unsigned long argument2, unsigned long argument3,
	       unsigned long argument4, unsigned long argument5);

/* fs/poll.c: waiting for several files */
struct pollfd;
struct timeval_user;
long sys_poll(struct pollfd *fds, unsigned count, int timeout_ms);
long sys_ppoll(struct pollfd *fds, unsigned count, const struct timespec *timeout,
	       const void *sigmask, size_t sigset_size);
long sys_select(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		struct timeval_user *timeout);
long sys_pselect6(int count, uint64_t *read_set, uint64_t *write_set, uint64_t *except_set,
		  const struct timespec *timeout, const void *sigmask);

/* ipc/shm.c, msg.c, sem.c: System V IPC */
struct sembuf;
long sys_shmget(int32_t key, size_t size, int flags);
long sys_shmat(int id, unsigned long address, int flags);
long sys_shmdt(unsigned long address);
long sys_shmctl(int id, int command, void *buffer);
long sys_msgget(int32_t key, int flags);
long sys_msgsnd(int id, const void *message, size_t size, int flags);
long sys_msgrcv(int id, void *message, size_t size, int64_t type, int flags);
long sys_msgctl(int id, int command, void *buffer);
long sys_semget(int32_t key, int count, int flags);
long sys_semop(int id, const struct sembuf *operations, size_t count);
long sys_semtimedop(int id, const struct sembuf *operations, size_t count,
		    const struct timespec *timeout);
long sys_semctl(int id, int number, int command, unsigned long argument);

/* ipc/unix_socket.c: UNIX domain sockets */
long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int *fds);
long sys_bind(int fd, const void *address, uint32_t length);
long sys_listen(int fd, int backlog);
long sys_connect(int fd, const void *address, uint32_t length);
long sys_accept(int fd, void *address, uint32_t *length);
long sys_accept4(int fd, void *address, uint32_t *length, int flags);
long sys_sendto(int fd, const void *buffer, size_t count, int flags, const void *address,
		uint32_t address_length);
long sys_recvfrom(int fd, void *buffer, size_t count, int flags, void *address,
		  uint32_t *address_length);
long sys_shutdown(int fd, int how);
long sys_getsockname(int fd, void *address, uint32_t *length);
long sys_getpeername(int fd, void *address, uint32_t *length);
long sys_setsockopt(int fd, int level, int name, const void *value, uint32_t length);
long sys_getsockopt(int fd, int level, int name, void *value, uint32_t *length);

/* ipc/pipe.c: pipes */
long sys_pipe(int *fds);
long sys_pipe2(int *fds, int flags);

/* memory.c: address space */
long sys_brk(unsigned long address);
long sys_mmap(unsigned long address, size_t length, int protection, int flags, int fd,
	      int64_t offset);
long sys_munmap(unsigned long address, size_t length);
long sys_mprotect(unsigned long address, size_t length, int protection);
long sys_madvise(unsigned long address, size_t length, int advice);
long sys_msync(unsigned long address, size_t length, int flags);

/* time.c: clocks and sleeping */
long sys_clock_gettime(int clock, struct timespec *time);
long sys_clock_getres(int clock, struct timespec *resolution);
long sys_gettimeofday(struct timeval *time, void *timezone);
long sys_time(int64_t *seconds);
long sys_nanosleep(const struct timespec *request, struct timespec *remaining);
long sys_clock_nanosleep(int clock, int flags, const struct timespec *request,
			 struct timespec *remaining);

/* resources.c */
struct rlimit;
struct rusage;
struct tms;
struct sysinfo;
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_getresuid(uint32_t *ruid, uint32_t *euid, uint32_t *suid);
long sys_getresgid(uint32_t *rgid, uint32_t *egid, uint32_t *sgid);
long sys_getgroups(int size, uint32_t *list);
long sys_setresuid(uint32_t real, uint32_t effective, uint32_t saved);
long sys_setresgid(uint32_t real, uint32_t effective, uint32_t saved);
long sys_setuid(uint32_t uid);
long sys_setgid(uint32_t gid);
long sys_setreuid(uint32_t real, uint32_t effective);
long sys_setregid(uint32_t real, uint32_t effective);
long sys_prlimit64(pid_t pid, unsigned resource, const struct rlimit *user_new,
		   struct rlimit *user_old);
long sys_getrlimit(unsigned resource, struct rlimit *user_limit);
long sys_setrlimit(unsigned resource, const struct rlimit *user_limit);
long sys_getrusage(int who, struct rusage *user_usage);
long sys_times(struct tms *user_times);
long sys_sysinfo(struct sysinfo *user_info);
long sys_sched_getaffinity(pid_t pid, unsigned length, uint64_t *user_mask);
long sys_sched_setaffinity(pid_t pid, unsigned length, const uint64_t *user_mask);

/* ipc/unix_socket_msg.c */
struct user_msghdr;
long sys_sendmsg(int fd, const struct user_msghdr *user_message, int flags);
long sys_recvmsg(int fd, struct user_msghdr *user_message, int flags);

/* ipc/eventfd.c, fs/epoll.c */
long sys_eventfd(unsigned initial);
long sys_eventfd2(unsigned initial, int flags);
struct epoll_event;
long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *user_event);
long sys_epoll_wait(int epfd, struct epoll_event *events, int max_events, int timeout_ms);
long sys_epoll_pwait(int epfd, struct epoll_event *events, int max_events, int timeout_ms,
		     const void *sigmask, size_t sigset_size);

/* posix_timers.c */
struct kernel_sigevent;
struct itimerspec;
long sys_timer_create(int clock, const struct kernel_sigevent *user_event, int *user_id);
long sys_timer_settime(int id, int settings, const struct itimerspec *user_new,
		       struct itimerspec *user_old);
long sys_timer_gettime(int id, struct itimerspec *user_value);
long sys_timer_getoverrun(int id);
long sys_timer_delete(int id);

#endif
