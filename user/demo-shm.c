/*
 * demo-shm: producers and consumers in separate processes, passing items through a ring
 * buffer in a System V shared-memory segment (shmget(2), shmat(2)), guarded by System V
 * semaphores (semget(2), semop(2)). It is demo-threads again, but processes share no
 * memory unless they ask for it, so both the ring and the locks must be kernel objects:
 *   empty  counts free slots: a producer takes one (-1) before it writes, sleeping at 0;
 *   full   counts filled slots: a consumer takes one before it reads, sleeping at 0;
 *   mutex  is 1 or 0: one process at a time moves the ring's indices. It is taken with
 *          SEM_UNDO, so a process that died holding it would give it back.
 * Each producer ends with a 0, and each consumer stops at the first 0 it takes.
 * The objects outlive every process that uses them, until IPC_RMID (svipc(7)).
 * Read docs/ipc.md alongside.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define RING_SIZE    8
#define PER_PRODUCER 500
#define PRODUCERS    2
#define CONSUMERS    2
#define END_OF_ITEMS 0

enum { SEM_EMPTY, SEM_FULL, SEM_MUTEX, SEM_COUNT };

/* The shared segment. head and tail are moved only under the mutex semaphore; each
 * statistics slot is written only by the process it belongs to. */
struct shared_ring {
	int slots[RING_SIZE];
	unsigned head, tail;
	long consumed_items[CONSUMERS];
	long consumed_sum[CONSUMERS];
	long full_waits[PRODUCERS];
	long empty_waits[CONSUMERS];
};

/* semctl's fourth argument: POSIX leaves declaring it to the program. */
union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int semaphores;
static struct shared_ring *ring;

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

/* Add delta to one semaphore; when the kernel would make us sleep, count that in *waits. */
static void sem_add(unsigned short number, short delta, short flags, long *waits)
{
	struct sembuf operation = {number, delta, (short)(flags | IPC_NOWAIT)};
	if (semop(semaphores, &operation, 1) == 0)
		return;
	if (errno != EAGAIN)
		fail("semop");
	if (waits)
		(*waits)++;
	operation.sem_flg = flags;
	if (semop(semaphores, &operation, 1) != 0)
		fail("semop");
}

static void put(int item, long *full_waits)
{
	sem_add(SEM_EMPTY, -1, 0, full_waits);
	sem_add(SEM_MUTEX, -1, SEM_UNDO, NULL);
	ring->slots[ring->head++ % RING_SIZE] = item;
	sem_add(SEM_MUTEX, 1, SEM_UNDO, NULL);
	sem_add(SEM_FULL, 1, 0, NULL);
}

static int take(long *empty_waits)
{
	sem_add(SEM_FULL, -1, 0, empty_waits);
	sem_add(SEM_MUTEX, -1, SEM_UNDO, NULL);
	int item = ring->slots[ring->tail++ % RING_SIZE];
	sem_add(SEM_MUTEX, 1, SEM_UNDO, NULL);
	sem_add(SEM_EMPTY, 1, 0, NULL);
	return item;
}

static void run_producer(int index)
{
	for (int item = 1; item <= PER_PRODUCER; item++)
		put(index * PER_PRODUCER + item, &ring->full_waits[index]);
	put(END_OF_ITEMS, &ring->full_waits[index]);
	printf("producer %d (pid %d): made items %d..%d, then the end marker\n", index, getpid(),
	       index * PER_PRODUCER + 1, (index + 1) * PER_PRODUCER);
}

static void run_consumer(int index)
{
	int item;
	while ((item = take(&ring->empty_waits[index])) != END_OF_ITEMS) {
		ring->consumed_items[index]++;
		ring->consumed_sum[index] += item;
	}
	printf("consumer %d (pid %d): took %ld items, then an end marker\n", index, getpid(),
	       ring->consumed_items[index]);
}

/* Forks one child running role(index); returns its pid (-1 if fork failed). */
static pid_t start(void (*role)(int index), int index)
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		role(index);
		exit(0);
	}
	if (child < 0)
		perror("fork");
	return child;
}

int main(void)
{
	unsigned short initial[SEM_COUNT] = {
		[SEM_EMPTY] = RING_SIZE, [SEM_FULL] = 0, [SEM_MUTEX] = 1};
	pid_t children[PRODUCERS + CONSUMERS];
	int children_ok = 1, status;
	int result = 1;

	int segment = shmget(IPC_PRIVATE, sizeof(struct shared_ring), IPC_CREAT | 0600);
	if (segment < 0)
		fail("shmget");
	ring = shmat(segment, NULL, 0);
	if (ring == (void *)-1) {
		perror("shmat");
		goto out_remove_segment;
	}
	semaphores = semget(IPC_PRIVATE, SEM_COUNT, IPC_CREAT | 0600);
	if (semaphores < 0) {
		perror("semget");
		goto out_detach;
	}
	if (semctl(semaphores, 0, SETALL, (union semun){.array = initial}) != 0) {
		perror("semctl");
		goto out_remove_semaphores;
	}
	printf("shared memory segment %d holds a %d-slot ring; semaphore set %d holds empty = %d, "
	       "full = 0, mutex = 1\n",
	       segment, RING_SIZE, semaphores, RING_SIZE);
	printf("%d producer processes make %d items each; %d consumer processes take them\n",
	       PRODUCERS, PER_PRODUCER, CONSUMERS);

	int started;
	for (started = 0; started < PRODUCERS + CONSUMERS; started++) {
		if (started < PRODUCERS)
			children[started] = start(run_producer, started);
		else
			children[started] = start(run_consumer, started - PRODUCERS);
		if (children[started] < 0)
			break;
	}
	if (started < PRODUCERS + CONSUMERS) {
		children_ok = 0;
		semctl(semaphores, 0, IPC_RMID); /* the others wake with EIDRM and give up */
	}
	for (int i = 0; i < started; i++) {
		if (waitpid(children[i], &status, 0) != children[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			children_ok = 0;
	}

	long items = 0, sum = 0, full_waits = 0, empty_waits = 0;
	for (int i = 0; i < CONSUMERS; i++) {
		items += ring->consumed_items[i];
		sum += ring->consumed_sum[i];
		empty_waits += ring->empty_waits[i];
	}
	for (int i = 0; i < PRODUCERS; i++)
		full_waits += ring->full_waits[i];
	long expected_items = PRODUCERS * PER_PRODUCER;
	long expected_sum = expected_items * (expected_items + 1) / 2;
	printf("producers found the ring full %ld times, consumers found it empty %ld times:\n"
	       "each time semop() put them to sleep until the other side posted\n",
	       full_waits, empty_waits);
	printf("consumed %ld items, sum %ld (expected %ld)\n", items, sum, expected_sum);
	if (children_ok && items == expected_items && sum == expected_sum)
		result = 0;

out_remove_semaphores:
	semctl(semaphores, 0, IPC_RMID);
out_detach:
	shmdt(ring);
out_remove_segment:
	shmctl(segment, IPC_RMID, NULL);
	return result;
}
