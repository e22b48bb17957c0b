/*
 * Tests for the System V IPC wrappers (man 7 svipc): message queues, semaphores, shared
 * memory and ftok. They check what each wrapper passes and returns -- the structure
 * layouts, semctl's variadic argument, shmat's (void *)-1 -- not the kernel's every rule
 * (tests/user/sysvipc_test.c does that on Spindle). Every object is removed again.
 */
#include <errno.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test.h"

struct test_message {
	long type;
	char text[16];
};

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static void test_message_queue(void)
{
	struct test_message message = {2, "two"};
	struct msqid_ds status;
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

	TEST_CHECK(id >= 0);
	TEST_CHECK_EQUAL(msgsnd(id, &message, 4, 0), 0);
	message = (struct test_message){1, "one"};
	TEST_CHECK_EQUAL(msgsnd(id, &message, 4, 0), 0);
	TEST_CHECK_EQUAL(msgctl(id, IPC_STAT, &status), 0);
	TEST_CHECK_EQUAL(status.msg_qnum, 2);
	TEST_CHECK_EQUAL(status.msg_cbytes, 8);
	TEST_CHECK_EQUAL(status.msg_lspid, getpid());
	TEST_CHECK_EQUAL(status.msg_perm.mode & 0777, 0600);
	TEST_CHECK_EQUAL(msgrcv(id, &message, sizeof(message.text), 2, 0), 4);
	TEST_CHECK_STRING(message.text, "two");
	TEST_CHECK_EQUAL(msgrcv(id, &message, sizeof(message.text), 0, 0), 4);
	TEST_CHECK_EQUAL(message.type, 1);
	TEST_CHECK_EQUAL(msgrcv(id, &message, sizeof(message.text), 0, IPC_NOWAIT), -1);
	TEST_CHECK_EQUAL(errno, ENOMSG);
	TEST_CHECK_EQUAL(msgctl(id, IPC_RMID, NULL), 0);
	TEST_CHECK_EQUAL(msgsnd(id, &message, 4, 0), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_semaphores(void)
{
	unsigned short values[2] = {3, 4};
	struct sembuf take = {1, -4, IPC_NOWAIT};
	struct semid_ds status;
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);

	TEST_CHECK(id >= 0);
	TEST_CHECK_EQUAL(semctl(id, 0, SETVAL, (union semun){.val = 7}), 0);
	TEST_CHECK_EQUAL(semctl(id, 0, GETVAL), 7);
	TEST_CHECK_EQUAL(semctl(id, 0, SETALL, (union semun){.array = values}), 0);
	TEST_CHECK_EQUAL(semop(id, &take, 1), 0);
	TEST_CHECK_EQUAL(semop(id, &take, 1), -1);
	TEST_CHECK_EQUAL(errno, EAGAIN);
	TEST_CHECK_EQUAL(semctl(id, 0, GETALL, (union semun){.array = values}), 0);
	TEST_CHECK_EQUAL(values[0], 3);
	TEST_CHECK_EQUAL(values[1], 0);
	TEST_CHECK_EQUAL(semctl(id, 1, GETPID), getpid());
	TEST_CHECK_EQUAL(semctl(id, 0, IPC_STAT, (union semun){.buf = &status}), 0);
	TEST_CHECK_EQUAL(status.sem_nsems, 2);
	TEST_CHECK_EQUAL(status.sem_perm.mode & 0777, 0600);
	TEST_CHECK_EQUAL(semctl(id, 0, IPC_RMID), 0);
	TEST_CHECK_EQUAL(semctl(id, 0, GETVAL), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_shared_memory(void)
{
	struct shmid_ds status;
	int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	char *memory;
	pid_t child;
	int child_status;

	TEST_CHECK(id >= 0);
	memory = shmat(id, NULL, 0);
	TEST_CHECK(memory != (void *)-1);
	child = fork();
	if (child == 0) {
		strcpy(memory + 4096, "from the child");
		_exit(0);
	}
	TEST_CHECK_EQUAL(waitpid(child, &child_status, 0), child);
	TEST_CHECK_STRING(memory + 4096, "from the child");
	TEST_CHECK_EQUAL(shmctl(id, IPC_STAT, &status), 0);
	TEST_CHECK_EQUAL(status.shm_segsz, 8192);
	TEST_CHECK_EQUAL(status.shm_nattch, 1);
	TEST_CHECK_EQUAL(status.shm_cpid, getpid());
	TEST_CHECK_EQUAL(shmdt(memory), 0);
	TEST_CHECK_EQUAL(shmctl(id, IPC_RMID, NULL), 0);
	TEST_CHECK(shmat(id, NULL, 0) == (void *)-1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(shmdt(memory), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
}

static void test_ftok(void)
{
	key_t key = ftok("/", 'a');

	TEST_CHECK(key != -1);
	TEST_CHECK_EQUAL(ftok("/", 'a'), key);
	TEST_CHECK_EQUAL(ftok("/", 'b'), (key & 0xffffff) | ('b' << 24));
	TEST_CHECK_EQUAL(ftok("/no/such/file", 'a'), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
}

static const struct libc_test tests[] = {
	{"msgget msgsnd msgrcv msgctl", test_message_queue},
	{"semget semop semctl", test_semaphores},
	{"shmget shmat shmdt shmctl", test_shared_memory},
	{"ftok", test_ftok},
};

TEST_SUITE(ipc, tests);
