/*
 * demo-pipe: a fast writer and a slow reader on one pipe. A pipe holds 64 KiB; once it is
 * full, the writer's next write() puts the writer to sleep until the reader makes room.
 * The pipe adapts to the slower side: whoever is faster ends up waiting (pipe(7)).
 * The writer first probes with O_NONBLOCK to show exactly when the pipe is full (EAGAIN),
 * then writes normally and tells when its sleeping write finally went through.
 * Read docs/ipc.md alongside.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void pause_ms(long ms)
{
	struct timespec delay = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&delay, NULL);
}

/* The block that starts at stream offset `at`: byte n of the stream is n % 251, so the
 * reader can check that every byte arrived, in order. */
static void fill(char *block, long at)
{
	for (int i = 0; i < 4096; i++)
		block[i] = (char)((at + i) % 251);
}

int main(void)
{
	int fds[2];
	static char block[4096];
	if (pipe(fds) != 0) {
		perror("pipe");
		return 1;
	}
	pid_t reader = fork();
	if (reader == 0) {
		close(fds[1]);
		pause_ms(200); /* a slow reader: it starts late and reads little at a time */
		long total = 0, wrong = 0;
		ssize_t count;
		while ((count = read(fds[0], block, 1024)) > 0) {
			for (ssize_t i = 0; i < count; i++) /* byte n of the stream is n % 251 */
				wrong += block[i] != (char)((total + i) % 251);
			total += count;
			if (total % (16 * 1024) == 0)
				pause_ms(20);
		}
		if (wrong)
			printf("reader: end of file after %ld bytes, %ld of them wrong\n", total,
			       wrong);
		else
			printf("reader: end of file after %ld bytes -- every byte arrived, in "
			       "order\n",
			       total);
		return 0;
	}
	close(fds[0]);

	fcntl(fds[1], F_SETFL, O_NONBLOCK);
	long written = 0;
	ssize_t count;
	fill(block, written);
	while ((count = write(fds[1], block, sizeof(block))) > 0) {
		written += count; /* 4096 bytes is PIPE_BUF: all or nothing */
		fill(block, written);
	}
	printf("writer: the pipe is full after %ld bytes (write says %s)\n", written,
	       errno == EAGAIN ? "EAGAIN" : strerror(errno));
	printf("writer: now writing normally: my next write will sleep until the reader reads\n");
	fflush(stdout);
	fcntl(fds[1], F_SETFL, 0);
	for (int i = 0; i < 16; i++) {
		written += write(fds[1], block, sizeof(block));
		fill(block, written);
	}
	printf("writer: the slow reader made room, my blocked writes went through (%ld bytes "
	       "written in all)\n",
	       written);
	close(fds[1]);
	waitpid(reader, NULL, 0);
	return 0;
}
