/*
 * System V IPC (svipc(7)): message queues, semaphores and shared memory -- their success
 * paths, their errors, blocking and waking, SEM_UNDO at exit, nattch across fork/exit/exec,
 * and EIDRM for callers blocked when an object is removed.
 */
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "uapi/ipc.h"
#include "utest.h"

#define msgget(key, flags)		 syscall(SYS_msgget, key, flags)
#define msgsnd(id, message, size, flags) syscall(SYS_msgsnd, id, message, size, flags)
#define msgrcv(id, message, size, type, flags)                                                     \
	syscall(SYS_msgrcv, id, message, size, (long)(type), flags)
#define msgctl(id, command, buffer)	      syscall(SYS_msgctl, id, command, buffer)
#define semget(key, count, flags)	      syscall(SYS_semget, key, count, flags)
#define semop(id, operations, count)	      syscall(SYS_semop, id, operations, count)
#define semctl(id, number, command, argument) syscall(SYS_semctl, id, number, command, argument)
#define shmget(key, size, flags)	      syscall(SYS_shmget, key, size, flags)
#define shmat(id, address, flags)	      ((char *)syscall(SYS_shmat, id, address, flags))
#define shmdt(address)			      syscall(SYS_shmdt, address)
#define shmctl(id, command, buffer)	      syscall(SYS_shmctl, id, command, buffer)

struct message {
	long type;
	char text[32];
};

/* Wait until task pid sleeps (State S in /proc/<pid>/status, on Spindle and Linux alike):
 * then it is certainly blocked in the call it made. */
static void wait_until_sleeping(pid_t pid)
{
	char path[64], text[512];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (;;) {
		int fd = open(path, O_RDONLY);
		ssize_t length = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;
		close(fd);
		text[length > 0 ? length : 0] = '\0';
		if (length <= 0 || strstr(text, "State:\tS"))
			return;
		sched_yield();
	}
}

static int child_status(pid_t child)
{
	int status;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

UTEST(msg_types_and_errors)
{
	int id = (int)msgget(IPC_PRIVATE, 0600);
	EXPECT(id >= 0);
	struct message message = {3, "three"};
	EXPECT_EQ(msgsnd(id, &message, 6, 0), 0);
	message = (struct message){1, "one"};
	EXPECT_EQ(msgsnd(id, &message, 4, 0), 0);
	message = (struct message){2, "two"};
	EXPECT_EQ(msgsnd(id, &message, 4, 0), 0);
	struct msqid64_ds info;
	EXPECT_EQ(msgctl(id, IPC_STAT, &info), 0);
	EXPECT_EQ(info.msg_qnum, 3);
	EXPECT_EQ(info.msg_cbytes, 14);
	EXPECT_EQ(msgrcv(id, &message, sizeof(message.text), 2, 0), 4); /* by type */
	EXPECT(strcmp(message.text, "two") == 0);
	EXPECT_EQ(msgrcv(id, &message, sizeof(message.text), -3, 0), 4); /* lowest type <= 3 */
	EXPECT_EQ(message.type, 1);
	EXPECT_ERRNO(msgrcv(id, &message, 2, 0, 0), E2BIG);
	EXPECT_EQ(msgrcv(id, &message, 2, 3, MSG_NOERROR), 2); /* truncated */
	EXPECT_ERRNO(msgrcv(id, &message, 32, 0, IPC_NOWAIT), ENOMSG);
	message = (struct message){5, "five"};
	msgsnd(id, &message, 5, 0);
	message = (struct message){6, "six"};
	msgsnd(id, &message, 4, 0);
	EXPECT_EQ(msgrcv(id, &message, 32, 5, MSG_EXCEPT), 4);
	EXPECT_EQ(message.type, 6);
	message.type = 0;
	EXPECT_ERRNO(msgsnd(id, &message, 4, 0), EINVAL);
	EXPECT_ERRNO(msgsnd(id, (void *)0x10000, 4, 0), EFAULT);
	EXPECT_EQ(msgctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERRNO(msgsnd(id, &message, 4, 0), EINVAL);
	EXPECT_ERRNO(msgget(0x5151, 0), ENOENT);
	int keyed = (int)msgget(0x5151, IPC_CREAT | 0600);
	EXPECT_EQ(msgget(0x5151, 0), keyed);
	EXPECT_ERRNO(msgget(0x5151, IPC_CREAT | IPC_EXCL), EEXIST);
	msgctl(keyed, IPC_RMID, NULL);
}

UTEST(msg_blocking_both_ways)
{
	int id = (int)msgget(IPC_PRIVATE, 0600);
	struct msqid64_ds info;
	msgctl(id, IPC_STAT, &info);
	info.msg_qbytes = 64; /* a tiny queue so the sender blocks */
	EXPECT_EQ(msgctl(id, IPC_SET, &info), 0);
	pid_t child = fork();
	if (child == 0) {
		struct message message = {1, {0}};
		for (int i = 0; i < 20; i++) {
			message.text[0] = (char)i;
			if (msgsnd(id, &message, 32, 0) != 0)
				_exit(1);
		}
		_exit(0);
	}
	struct message message;
	int in_order = 1;
	for (int i = 0; i < 20; i++) {
		msgrcv(id, &message, 32, 0, 0);
		in_order &= message.text[0] == i;
	}
	EXPECT(in_order);
	EXPECT_EQ(child_status(child), 0);
	/* A receiver blocked on an empty queue wakes with EIDRM when it is removed. */
	child = fork();
	if (child == 0)
		_exit(msgrcv(id, &message, 32, 0, 0) == -1 && errno == EIDRM ? 0 : 1);
	wait_until_sleeping(child);
	msgctl(id, IPC_RMID, NULL);
	EXPECT_EQ(child_status(child), 0);
}

UTEST(sem_operations_and_errors)
{
	int id = (int)semget(IPC_PRIVATE, 3, 0600);
	EXPECT(id >= 0);
	uint16_t values[3] = {1, 2, 3};
	EXPECT_EQ(semctl(id, 0, SETALL, values), 0);
	struct sembuf operations[2] = {{0, -1, 0}, {2, 2, 0}};
	EXPECT_EQ(semop(id, operations, 2), 0);
	EXPECT_EQ(semctl(id, 0, GETVAL, 0), 0);
	EXPECT_EQ(semctl(id, 2, GETVAL, 0), 5);
	EXPECT_EQ(semctl(id, 0, GETPID, 0), getpid());
	/* All or nothing: the second operation cannot go, so the first is not applied. */
	struct sembuf blocked[2] = {{1, -1, IPC_NOWAIT}, {0, -1, IPC_NOWAIT}};
	EXPECT_ERRNO(semop(id, blocked, 2), EAGAIN);
	EXPECT_EQ(semctl(id, 1, GETVAL, 0), 2);
	struct sembuf wait_zero = {2, 0, IPC_NOWAIT};
	EXPECT_ERRNO(semop(id, &wait_zero, 1), EAGAIN);
	struct sembuf bad_number = {7, 1, 0};
	EXPECT_ERRNO(semop(id, &bad_number, 1), EFBIG);
	EXPECT_ERRNO(semctl(id, 0, SETVAL, 40000), ERANGE);
	struct timespec short_wait = {0, 10 * 1000 * 1000};
	struct sembuf take = {0, -1, 0};
	EXPECT_ERRNO(syscall(SYS_semtimedop, id, &take, 1, &short_wait), EAGAIN);
	EXPECT_ERRNO(semop(id, &take, 0), EINVAL);
	EXPECT_ERRNO(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	EXPECT_EQ(semctl(id, 0, IPC_RMID, 0), 0);
	EXPECT_ERRNO(semctl(id, 0, GETVAL, 0), EINVAL);
}

UTEST(sem_blocking_wake_and_counts)
{
	int id = (int)semget(IPC_PRIVATE, 1, 0600);
	pid_t child = fork();
	if (child == 0) {
		struct sembuf take = {0, -1, 0};
		_exit(semop(id, &take, 1) == 0 ? 0 : 1); /* sleeps until the parent posts */
	}
	while (semctl(id, 0, GETNCNT, 0) == 0)
		sched_yield();
	EXPECT_EQ(semctl(id, 0, GETNCNT, 0), 1);
	struct sembuf post = {0, 1, 0};
	EXPECT_EQ(semop(id, &post, 1), 0);
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(semctl(id, 0, GETVAL, 0), 0);
	/* Wait-for-zero: a sem_op of 0 sleeps while the value is not zero (GETZCNT counts it). */
	semctl(id, 0, SETVAL, 2);
	child = fork();
	if (child == 0) {
		struct sembuf zero = {0, 0, 0};
		_exit(semop(id, &zero, 1) == 0 ? 0 : 1);
	}
	while (semctl(id, 0, GETZCNT, 0) == 0)
		sched_yield();
	EXPECT_EQ(semctl(id, 0, GETZCNT, 0), 1);
	struct sembuf take_two = {0, -2, 0};
	EXPECT_EQ(semop(id, &take_two, 1), 0); /* reaching zero wakes the waiter */
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(semctl(id, 0, GETZCNT, 0), 0);
	/* EIDRM for a blocked caller. */
	child = fork();
	if (child == 0) {
		struct sembuf take = {0, -1, 0};
		_exit(semop(id, &take, 1) == -1 && errno == EIDRM ? 0 : 1);
	}
	while (semctl(id, 0, GETNCNT, 0) == 0)
		sched_yield();
	semctl(id, 0, IPC_RMID, 0);
	EXPECT_EQ(child_status(child), 0);
}

UTEST(sem_undo_at_exit)
{
	int id = (int)semget(IPC_PRIVATE, 1, 0600);
	semctl(id, 0, SETVAL, 1);
	pid_t child = fork();
	if (child == 0) {
		struct sembuf take = {0, -1, SEM_UNDO};
		semop(id, &take, 1);
		_exit(0); /* dies "holding" the semaphore */
	}
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(semctl(id, 0, GETVAL, 0), 1); /* given back by the kernel at exit */

	/* SETVAL clears every process's adjustment for that semaphore (semctl(2)): the
	 * child's exit then gives nothing back. */
	int took[2], go[2];
	pipe(took);
	pipe(go);
	child = fork();
	if (child == 0) {
		struct sembuf take = {0, -1, SEM_UNDO};
		semop(id, &take, 1);
		write(took[1], "t", 1);
		char byte;
		read(go[0], &byte, 1);
		_exit(0);
	}
	char byte;
	read(took[0], &byte, 1);
	EXPECT_EQ(semctl(id, 0, SETVAL, 5), 0);
	write(go[1], "g", 1);
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(semctl(id, 0, GETVAL, 0), 5); /* not 6 */
	close(took[0]);
	close(took[1]);
	close(go[0]);
	close(go[1]);
	semctl(id, 0, IPC_RMID, 0);
}

UTEST(shm_attach_share_and_nattch)
{
	int id = (int)shmget(IPC_PRIVATE, 10000, 0600);
	EXPECT(id >= 0);
	char *memory = shmat(id, 0, 0);
	EXPECT(memory != (char *)-1);
	struct shmid64_ds info;
	shmctl(id, IPC_STAT, &info);
	EXPECT_EQ(info.shm_segsz, 10000);
	EXPECT_EQ(info.shm_nattch, 1);
	EXPECT_EQ(memory[9999], 0);
	pid_t child = fork();
	if (child == 0) {
		struct shmid64_ds in_child;
		shmctl(id, IPC_STAT, &in_child);
		strcpy(memory, "written by the child");
		_exit(in_child.shm_nattch == 2 ? 0 : 1); /* fork attached the child too */
	}
	EXPECT_EQ(child_status(child), 0);
	EXPECT(strcmp(memory, "written by the child") == 0); /* shared, not copied */
	shmctl(id, IPC_STAT, &info);
	EXPECT_EQ(info.shm_nattch, 1); /* the child's exit detached it */
	child = fork();
	if (child == 0) {
		execl("/bin/true", "true", (char *)NULL); /* exec detaches too */
		_exit(127);
	}
	EXPECT_EQ(child_status(child), 0);
	shmctl(id, IPC_STAT, &info);
	EXPECT_EQ(info.shm_nattch, 1);

	/* IPC_RMID waits for the last detach; the memory stays usable until then. */
	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(shmctl(id, IPC_STAT, &info), 0);
	EXPECT(info.shm_perm.mode & SHM_DEST);
	memory[0] = 'X';
	EXPECT_EQ(shmdt(memory), 0);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &info), EINVAL);
	EXPECT_ERRNO(shmdt(memory), EINVAL);
	EXPECT_ERRNO(shmat(12345, 0, 0), EINVAL);
	EXPECT_ERRNO(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
}

UTEST(shm_read_only_and_rounding)
{
	int id = (int)shmget(IPC_PRIVATE, 4096, 0600);
	char *read_only = shmat(id, 0, SHM_RDONLY);
	pid_t child = fork();
	if (child == 0) {
		read_only[0] = 1; /* SIGSEGV: attached read-only */
		_exit(0);
	}
	EXPECT_EQ(child_status(child), 128 + 11);
	EXPECT_ERRNO(shmat(id, 0x300000001ul, 0), EINVAL);
	char *rounded = shmat(id, 0x300000001ul, SHM_RND);
	EXPECT(rounded == (char *)0x300000000ul);
	shmdt(read_only);
	shmdt(rounded);
	shmctl(id, IPC_RMID, NULL);
}

UTEST(ipc_table_full_is_enospc)
{
	int ids[70], created = 0;
	for (; created < 70; created++) {
		ids[created] = (int)msgget(IPC_PRIVATE, 0600);
		if (ids[created] < 0)
			break;
	}
	EXPECT_EQ(errno, ENOSPC);
	EXPECT(created >= 60);
	for (int i = 0; i < created; i++)
		msgctl(ids[i], IPC_RMID, NULL);
}

/* Run argv with stdout into buffer; returns the exit status. */
static int capture(char *const argv[], char *buffer, size_t size)
{
	int fds[2];
	pipe(fds);
	pid_t child = fork();
	if (child == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	size_t length = 0;
	ssize_t count;
	while (length < size - 1 && (count = read(fds[0], buffer + length, size - 1 - length)) > 0)
		length += (size_t)count;
	buffer[length] = '\0';
	close(fds[0]);
	return child_status(child);
}

static bool read_file(const char *path, char *buffer, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	ssize_t length = read(fd, buffer, size - 1);
	close(fd);
	buffer[length > 0 ? length : 0] = '\0';
	return length > 0;
}

UTEST(proc_sysvipc_and_ipcs_list_objects)
{
	int shm = (int)shmget(0x5151, 8192, IPC_CREAT | 0640);
	int msg = (int)msgget(0x5152, IPC_CREAT | 0600);
	int sem = (int)semget(0x5153, 3, IPC_CREAT | 0666);
	EXPECT(shm >= 0 && msg >= 0 && sem >= 0);
	char *address = shmat(shm, NULL, 0);
	struct message message = {7, "seven"};
	EXPECT_EQ(msgsnd(msg, &message, 6, 0), 0);
	static char text[4096], line[256];
	/* Linux's columns: key shmid perms size cpid lpid nattch ... */
	EXPECT(read_file("/proc/sysvipc/shm", text, sizeof(text)));
	snprintf(line, sizeof(line), "%10d %10d   640                  8192 %5d %5d      1 ",
		 0x5151, shm, getpid(), getpid());
	EXPECT(strstr(text, line) != NULL);
	EXPECT(strncmp(text, "       key      shmid perms", 27) == 0);
	EXPECT(read_file("/proc/sysvipc/msg", text, sizeof(text)));
	snprintf(line, sizeof(line), "%10d %10d   600           6          1 %5d     0 ", 0x5152,
		 msg, getpid());
	EXPECT(strstr(text, line) != NULL);
	EXPECT(read_file("/proc/sysvipc/sem", text, sizeof(text)));
	snprintf(line, sizeof(line), "%10d %10d   666          3 ", 0x5153, sem);
	EXPECT(strstr(text, line) != NULL);

	/* Removed while attached: key 0, SHM_DEST in the mode, still listed until detached. */
	EXPECT_EQ(shmctl(shm, IPC_RMID, NULL), 0);
	EXPECT(read_file("/proc/sysvipc/shm", text, sizeof(text)));
	snprintf(line, sizeof(line), "%10d %10d  1640 ", 0, shm);
	EXPECT(strstr(text, line) != NULL);

	char *ipcs[] = {"/bin/ipcs", NULL};
	EXPECT_EQ(capture(ipcs, text, sizeof(text)), 0);
	snprintf(line, sizeof(line), "0x00005152 %-10d root       600        6            1", msg);
	EXPECT(strstr(text, line) != NULL);
	snprintf(line, sizeof(line),
		 "0x00000000 %-10d root       640        8192       1          dest", shm);
	EXPECT(strstr(text, line) != NULL);
	snprintf(line, sizeof(line), "0x00005153 %-10d root       666        3", sem);
	EXPECT(strstr(text, line) != NULL);
	char *only_queues[] = {"/bin/ipcs", "-q", NULL};
	EXPECT_EQ(capture(only_queues, text, sizeof(text)), 0);
	EXPECT(strstr(text, "Message Queues") && !strstr(text, "Semaphore Arrays"));

	shmdt(address);
	EXPECT(read_file("/proc/sysvipc/shm", text, sizeof(text)));
	snprintf(line, sizeof(line), " %10d ", shm);
	EXPECT(strstr(text, line) == NULL); /* gone with the last detach */
	msgctl(msg, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID, 0);
}
