/*
 * oracle-init: the /init of the Linux oracle's initramfs (scripts/linux-oracle.sh, docs/oracle.md).
 * A host tool, built with musl-gcc -static and run by a Debian Linux kernel as pid 1.
 *
 * It gives the program under test the same surroundings Spindle's user space has: proc on
 * /proc, devtmpfs on /dev, tmpfs on /dev/shm and /tmp (shm_open(3) and sem_open(3) need
 * /dev/shm). Then it runs /test with the arguments listed NUL-separated in /oracle-args,
 * waits for it, prints a status line and powers the machine off (reboot(2), RB_POWER_OFF).
 *
 * Output on the console (ttyS0), each marker alone on its line:
 *   oracle: begin
 *   ...whatever /test writes to stdout and stderr...
 *   oracle: exit status N        or        oracle: killed by signal N
 * With "capture" in /oracle-args' first entry the program's stdout is a regular file
 * (/oracle-stdout), copied to the console after it exits: stdio then buffers fully, as
 * under tests/user/musl_test.c, instead of line by line as on a terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ORACLE_ARGS_PATH   "/oracle-args"
#define ORACLE_STDOUT_PATH "/oracle-stdout"
#define ORACLE_MAX_ARGS	   64

static void mount_at(const char *source, const char *target, const char *type)
{
	if (mkdir(target, 0755) != 0 && errno != EEXIST)
		fprintf(stderr, "oracle-init: mkdir %s: %s\n", target, strerror(errno));
	if (mount(source, target, type, 0, NULL) != 0)
		fprintf(stderr, "oracle-init: mount %s on %s: %s\n", type, target, strerror(errno));
}

/* Make fds 0-2 the console if the kernel could not open it for us. */
static void open_console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		fd = open("/dev/ttyS0", O_RDWR);
	if (fd < 0)
		return;
	for (int target = 0; target < 3; target++)
		if (fd != target)
			dup2(fd, target);
	if (fd > 2)
		close(fd);
}

/*
 * Read /oracle-args: "tty" or "capture", then the program's argv[1..], each NUL-terminated.
 * Returns whether stdout should be captured; fills argv (argv[0] = "/test", NULL-terminated).
 */
static int read_arguments(char *buffer, size_t size, char **argv)
{
	int argc = 0, capture = 0;
	argv[argc++] = "/test";
	int fd = open(ORACLE_ARGS_PATH, O_RDONLY);
	ssize_t length = fd < 0 ? 0 : read(fd, buffer, size - 1);
	if (fd >= 0)
		close(fd);
	if (length < 0)
		length = 0;
	buffer[length] = '\0';
	for (char *entry = buffer; entry < buffer + length; entry += strlen(entry) + 1) {
		if (entry == buffer)
			capture = strcmp(entry, "capture") == 0;
		else if (argc < ORACLE_MAX_ARGS)
			argv[argc++] = entry;
	}
	argv[argc] = NULL;
	return capture;
}

static void copy_to_stdout(const char *path)
{
	char buffer[4096];
	ssize_t length;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	while ((length = read(fd, buffer, sizeof(buffer))) > 0)
		if (write(1, buffer, (size_t)length) != length)
			break;
	close(fd);
}

/* Run /test in a child; returns its wait status, or -1 if it could not be started. */
static int run_test(char **argv, int capture)
{
	pid_t child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		if (capture) {
			int fd = open(ORACLE_STDOUT_PATH, O_CREAT | O_WRONLY | O_TRUNC, 0644);
			if (fd >= 0)
				dup2(fd, 1);
			if (fd > 1)
				close(fd);
		}
		execv(argv[0], argv);
		fprintf(stderr, "oracle-init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* As pid 1 this also reaps the test's orphans; only the test's own status counts. */
	int status;
	pid_t reaped;
	do {
		reaped = wait(&status);
	} while (reaped != child && !(reaped < 0 && errno != EINTR));
	return reaped == child ? status : -1;
}

int main(void)
{
	static char arguments[8192];
	char *argv[ORACLE_MAX_ARGS + 1];

	mount_at("proc", "/proc", "proc");
	mount_at("devtmpfs", "/dev", "devtmpfs");
	mount_at("tmpfs", "/dev/shm", "tmpfs");
	mount_at("tmpfs", "/tmp", "tmpfs");
	open_console();
	setenv("PATH", "/bin:/sbin", 1); /* as Spindle gives init (kernel/init/main.c) */
	chdir("/");

	int capture = read_arguments(arguments, sizeof(arguments), argv);
	printf("oracle: begin\n");
	fflush(stdout);
	int status = run_test(argv, capture);
	if (capture)
		copy_to_stdout(ORACLE_STDOUT_PATH);
	if (status < 0)
		printf("oracle: exit status 127\n");
	else if (WIFSIGNALED(status))
		printf("oracle: killed by signal %d\n", WTERMSIG(status));
	else
		printf("oracle: exit status %d\n", WEXITSTATUS(status));
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 1; /* pid 1 exiting panics the kernel; panic=-1 then ends QEMU (-no-reboot) */
}
