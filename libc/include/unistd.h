/*
 * POSIX system calls and process utilities (man 0p unistd.h; each function's man 2 page).
 * Every function that fails returns -1 (or NULL) and sets errno, unless noted.
 * Path-taking calls use the *at system calls with AT_FDCWD (open is openat, stat is
 * newfstatat, ...), so a kernel needs only those; see libc/README.md.
 */
#ifndef SPINDLE_LIBC_UNISTD_H
#define SPINDLE_LIBC_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* access(2) modes and lseek(2) whence, as in uapi/fcntl.h. */
#define F_OK	 0
#define X_OK	 1
#define W_OK	 2
#define R_OK	 4
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* The environment: NULL-terminated "NAME=value" strings, set up by crt0. */
extern char **environ;

/* File descriptors. */
ssize_t read(int fd, void *buffer, size_t count);
ssize_t write(int fd, const void *buffer, size_t count);
ssize_t pread(int fd, void *buffer, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset);
off_t lseek(int fd, off_t offset, int whence);
int close(int fd);
int dup(int fd);
int dup2(int fd, int new_fd);
int dup3(int fd, int new_fd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int fsync(int fd);
int ftruncate(int fd, off_t length);
int truncate(const char *path, off_t length);
int isatty(int fd);

/* The file system. */
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);
int link(const char *old_path, const char *new_path);
int symlink(const char *target, const char *link_path);
ssize_t readlink(const char *restrict path, char *restrict buffer, size_t size);
int chdir(const char *path);
int fchdir(int fd);
/* buffer NULL: allocates (with malloc) a buffer of size bytes, or of PATH_MAX if size is 0. */
char *getcwd(char *buffer, size_t size);
int chown(const char *path, uid_t owner, gid_t group);

/* Processes. */
pid_t fork(void);
/* The child shares the parent's memory and stack until it calls execve or _exit. */
__attribute__((returns_twice)) pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
/* Searches PATH (default "/bin:/usr/bin") when file has no '/'; runs /bin/sh on ENOEXEC. */
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *argument, ...);
int execlp(const char *file, const char *argument, ...);
int execle(const char *path, const char *argument, ...);
_Noreturn void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
/* SIGALRM after `seconds` (0 cancels); returns the seconds left of the previous alarm. */
unsigned alarm(unsigned seconds);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
int setpgid(pid_t pid, pid_t process_group);
pid_t getsid(pid_t pid);
pid_t setsid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t process_group);

/* Sleeping; both return early (with the time left) when a signal interrupts them. */
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t microseconds);

/* The program break. brk returns 0 or -1; sbrk returns the old break or (void *)-1. */
int brk(void *address);
void *sbrk(intptr_t increment);

/* Only _SC_PAGESIZE and _SC_CLK_TCK are known; others fail with EINVAL. */
long sysconf(int name);
/* Add increment to the caller's nice value (clamped to -20..19) and return the new one
 * (man 3 nice). -1 is a valid result: clear errno first to tell it from an error. */
int nice(int increment);
#define _SC_PAGESIZE  30
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_CLK_TCK   2

int gethostname(char *name, size_t size);

/* Any system call by number (uapi/syscall.h): -1 and errno on a -errno result. */
long syscall(long number, ...);

#endif
