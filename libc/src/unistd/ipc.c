/*
 * System V IPC wrappers (man 7 svipc; man 2 msgget, msgop, msgctl, semget, semop, semctl,
 * shmget, shmat, shmctl; man 3 ftok). Each makes one system call and maps -errno to errno.
 * The kernel always speaks the 64-bit structure layouts, so no command needs IPC_64.
 * semctl reads its variadic fourth argument only for the commands that take one, as a
 * caller may leave it out otherwise.
 */
#include <stdarg.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include "internal/syscall.h"

/* The union POSIX tells callers to declare; it travels in one register, like a long. */
union semctl_argument {
	int value;
	struct semid_ds *buffer;
	unsigned short *array;
	unsigned long raw;
};

key_t ftok(const char *path, int project)
{
	struct stat status;

	if (stat(path, &status) < 0)
		return -1;
	return (key_t)((status.st_ino & 0xffff) | ((status.st_dev & 0xff) << 16) |
		       ((unsigned)(project & 0xff) << 24));
}

int msgget(key_t key, int flags)
{
	return (int)syscall_result(SYSCALL2(SYS_msgget, key, flags));
}

int msgsnd(int id, const void *message, size_t size, int flags)
{
	return (int)syscall_result(SYSCALL4(SYS_msgsnd, id, message, size, flags));
}

ssize_t msgrcv(int id, void *message, size_t size, long type, int flags)
{
	return syscall_result(SYSCALL5(SYS_msgrcv, id, message, size, type, flags));
}

int msgctl(int id, int command, struct msqid_ds *buffer)
{
	return (int)syscall_result(SYSCALL3(SYS_msgctl, id, command, buffer));
}

int semget(key_t key, int count, int flags)
{
	return (int)syscall_result(SYSCALL3(SYS_semget, key, count, flags));
}

int semop(int id, struct sembuf *operations, size_t count)
{
	return (int)syscall_result(SYSCALL3(SYS_semop, id, operations, count));
}

int semtimedop(int id, struct sembuf *operations, size_t count, const struct timespec *timeout)
{
	return (int)syscall_result(SYSCALL4(SYS_semtimedop, id, operations, count, timeout));
}

int semctl(int id, int number, int command, ...)
{
	union semctl_argument argument = {.raw = 0};
	va_list arguments;

	switch (command) {
	case SETVAL:
	case GETALL:
	case SETALL:
	case IPC_STAT:
	case IPC_SET:
	case IPC_INFO:
		va_start(arguments, command);
		argument = va_arg(arguments, union semctl_argument);
		va_end(arguments);
		break;
	default:
		break;
	}
	return (int)syscall_result(SYSCALL4(SYS_semctl, id, number, command, argument.raw));
}

int shmget(key_t key, size_t size, int flags)
{
	return (int)syscall_result(SYSCALL3(SYS_shmget, key, size, flags));
}

void *shmat(int id, const void *address, int flags)
{
	long result = SYSCALL3(SYS_shmat, id, address, flags);

	if (syscall_is_error(result)) {
		errno = (int)-result;
		return (void *)-1;
	}
	return (void *)result;
}

int shmdt(const void *address)
{
	return (int)syscall_result(SYSCALL1(SYS_shmdt, address));
}

int shmctl(int id, int command, struct shmid_ds *buffer)
{
	return (int)syscall_result(SYSCALL3(SYS_shmctl, id, command, buffer));
}
