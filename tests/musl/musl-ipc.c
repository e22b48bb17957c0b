/*
 * IPC through musl's own wrappers, unmodified: POSIX shared memory and named semaphores
 * (shm_open(3), sem_open(3): files in /dev/shm mapped MAP_SHARED), a UNIX socket pair
 * (socketpair(2)), System V message queues (msgget(2)) and a pipe with poll(2). Built with
 * musl-gcc -static; prints the same lines on Linux and on Spindle.
 */
#include <fcntl.h>
#include <poll.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_memory_and_semaphore(void)
{
	shm_unlink("/musl-ipc-shm");
	sem_unlink("/musl-ipc-sem");
	int fd = shm_open("/musl-ipc-shm", O_CREAT | O_EXCL | O_RDWR, 0600);
	if (fd < 0 || ftruncate(fd, 4096) != 0)
		return 1;
	int *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	sem_t *lock = sem_open("/musl-ipc-sem", O_CREAT | O_EXCL, 0600, 1);
	if (counter == MAP_FAILED || lock == SEM_FAILED)
		return 2;
	for (int child = 0; child < 3; child++) {
		if (fork() == 0) {
			sem_t *mine = sem_open("/musl-ipc-sem", 0);
			for (int i = 0; i < 500; i++) {
				sem_wait(mine);
				++*counter;
				sem_post(mine);
			}
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	printf("shm counter %d\n", *counter);
	int value = -1;
	sem_getvalue(lock, &value);
	printf("sem value %d\n", value);
	sem_close(lock);
	munmap(counter, 4096);
	close(fd);
	if (shm_unlink("/musl-ipc-shm") != 0 || sem_unlink("/musl-ipc-sem") != 0)
		return 3;
	printf("unlinked: %s\n", shm_open("/musl-ipc-shm", O_RDWR, 0) < 0 ? "yes" : "no");
	return 0;
}

static int socket_pair(void)
{
	int fds[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, fds) != 0)
		return 1;
	send(fds[0], "first", 5, 0);
	send(fds[0], "second", 6, 0);
	char buffer[16] = {0};
	ssize_t a = recv(fds[1], buffer, sizeof(buffer), 0);
	ssize_t b = recv(fds[1], buffer, sizeof(buffer), 0);
	printf("datagrams %zd %zd\n", a, b);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

static int message_queue(void)
{
	struct {
		long type;
		char text[16];
	} message = {2, "two"};
	int id = msgget(IPC_PRIVATE, 0600);
	msgsnd(id, &message, 4, 0);
	message.type = 1;
	strcpy(message.text, "one");
	msgsnd(id, &message, 4, 0);
	msgrcv(id, &message, sizeof(message.text), 2, 0);
	printf("msg type %ld %s\n", message.type, message.text);
	msgctl(id, IPC_RMID, NULL);
	return 0;
}

static int pipe_poll(void)
{
	int fds[2];
	pipe(fds);
	struct pollfd entry = {.fd = fds[0], .events = POLLIN};
	int before = poll(&entry, 1, 0);
	write(fds[1], "x", 1);
	int after = poll(&entry, 1, 0);
	printf("poll %d %d revents %d\n", before, after, entry.revents);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

int main(void)
{
	int failed = shared_memory_and_semaphore();
	if (failed)
		printf("shm/sem step %d failed\n", failed);
	socket_pair();
	message_queue();
	pipe_poll();
	return failed;
}
