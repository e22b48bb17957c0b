/*
 * Files and the name space: open/read/write/lseek, dup and shared offsets, close-on-exec,
 * O_APPEND, O_TRUNC, O_EXCL, directories and their errors, rename, symlinks, getdents,
 * getcwd/chdir, fd exhaustion, the device files.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

UTEST(files_read_write_seek)
{
	int fd = open("/tmp/a", O_CREAT | O_RDWR | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "hello, world", 12), 12);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 12);
	EXPECT_EQ(lseek(fd, 7, SEEK_SET), 7);
	char buffer[16] = {0};
	EXPECT_EQ(read(fd, buffer, sizeof(buffer)), 5);
	EXPECT(strcmp(buffer, "world") == 0);
	EXPECT_EQ(read(fd, buffer, sizeof(buffer)), 0);
	/* A hole reads as zeros. */
	EXPECT_EQ(lseek(fd, 10000, SEEK_SET), 10000);
	EXPECT_EQ(write(fd, "x", 1), 1);
	struct stat info;
	EXPECT_EQ(fstat(fd, &info), 0);
	EXPECT_EQ(info.st_size, 10001);
	EXPECT(S_ISREG(info.st_mode));
	EXPECT_EQ(pread(fd, buffer, 4, 5000), 4);
	EXPECT(buffer[0] == 0 && buffer[3] == 0);
	EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_EQ(ftruncate(fd, 5), 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 5);
	close(fd);
	EXPECT_EQ(unlink("/tmp/a"), 0);
	EXPECT_ERRNO(open("/tmp/a", O_RDONLY), ENOENT);
}

UTEST(files_open_flags)
{
	int fd = open("/tmp/b", O_CREAT | O_EXCL | O_WRONLY, 0600);
	EXPECT(fd >= 0);
	EXPECT_ERRNO(open("/tmp/b", O_CREAT | O_EXCL | O_WRONLY, 0600), EEXIST);
	EXPECT_EQ(write(fd, "12345", 5), 5);
	close(fd);
	fd = open("/tmp/b", O_WRONLY | O_APPEND);
	EXPECT_EQ(write(fd, "67", 2), 2);
	close(fd);
	struct stat info;
	stat("/tmp/b", &info);
	EXPECT_EQ(info.st_size, 7);
	fd = open("/tmp/b", O_RDONLY);
	EXPECT_ERRNO(write(fd, "x", 1), EBADF);
	close(fd);
	fd = open("/tmp/b", O_WRONLY | O_TRUNC);
	close(fd);
	stat("/tmp/b", &info);
	EXPECT_EQ(info.st_size, 0);
	EXPECT_ERRNO(open("/tmp/b/c", O_RDONLY), ENOTDIR);
	EXPECT_ERRNO(open("/tmp", O_WRONLY), EISDIR);
	EXPECT_ERRNO(open("/tmp/b", O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERRNO(open("", O_RDONLY), ENOENT);
	unlink("/tmp/b");
}

UTEST(files_dup_shares_offset_and_cloexec)
{
	int fd = open("/tmp/c", O_CREAT | O_RDWR | O_TRUNC, 0644);
	int copy = dup(fd);
	EXPECT(copy > fd);
	EXPECT_EQ(write(fd, "abc", 3), 3);
	EXPECT_EQ(lseek(copy, 0, SEEK_CUR), 3); /* one open file, one offset */
	EXPECT_EQ(dup2(fd, 20), 20);
	EXPECT_EQ(fcntl(20, F_GETFD), 0);
	EXPECT_EQ(dup3(fd, 21, O_CLOEXEC), 21);
	EXPECT_EQ(fcntl(21, F_GETFD), FD_CLOEXEC);
	EXPECT_ERRNO(dup3(fd, fd, 0), EINVAL);
	EXPECT_EQ(dup2(fd, fd), fd);
	EXPECT_EQ(fcntl(fd, F_DUPFD, 30), 30);
	EXPECT_ERRNO(dup(100), EBADF);
	EXPECT_ERRNO(close(100), EBADF);
	EXPECT_ERRNO(fcntl(fd, 9999), EINVAL);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	EXPECT(fcntl(fd, F_GETFL) & O_APPEND);
	/* Close-on-exec: after exec, fd 21 is gone and fd 20 is still open. */
	pid_t child = fork();
	if (child == 0) {
		char *argv[] = {"/bin/ls", "/proc-does-not-exist", NULL};
		dup2(21, 2); /* keep stderr quiet via the close-on-exec fd... */
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 2);
		execv("/bin/ls", argv);
		_exit(99);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 1);
	close(copy);
	close(20);
	close(21);
	close(30);
	close(fd);
	unlink("/tmp/c");
}

UTEST(files_fd_exhaustion_gives_emfile)
{
	int count = 0, fd;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		count++;
	EXPECT_EQ(errno, EMFILE);
	EXPECT(count > 200);
	for (int i = 3; i < 256; i++)
		close(i);
	EXPECT((fd = open("/dev/null", O_RDONLY)) >= 0);
	close(fd);
}

UTEST(directories)
{
	EXPECT_EQ(mkdir("/tmp/d", 0755), 0);
	EXPECT_ERRNO(mkdir("/tmp/d", 0755), EEXIST);
	EXPECT_ERRNO(mkdir("/tmp/none/d", 0755), ENOENT);
	EXPECT_EQ(mkdir("/tmp/d/e", 0755), 0);
	int fd = open("/tmp/d/file", O_CREAT | O_WRONLY, 0644);
	close(fd);
	EXPECT_ERRNO(rmdir("/tmp/d"), ENOTEMPTY);
	EXPECT_ERRNO(rmdir("/tmp/d/file"), ENOTDIR);
	EXPECT_ERRNO(unlink("/tmp/d/e"), EISDIR);

	DIR *directory = opendir("/tmp/d");
	EXPECT(directory != NULL);
	int seen = 0;
	struct dirent *entry;
	while ((entry = readdir(directory)) != NULL) {
		if (strcmp(entry->d_name, "e") == 0) {
			seen |= 1;
			EXPECT_EQ(entry->d_type, DT_DIR);
		}
		if (strcmp(entry->d_name, "file") == 0) {
			seen |= 2;
			EXPECT_EQ(entry->d_type, DT_REG);
		}
		if (strcmp(entry->d_name, "..") == 0)
			seen |= 4;
	}
	closedir(directory);
	EXPECT_EQ(seen, 7);

	EXPECT_EQ(rename("/tmp/d/file", "/tmp/d/e/moved"), 0);
	EXPECT_ERRNO(access("/tmp/d/file", F_OK), ENOENT);
	EXPECT_EQ(access("/tmp/d/e/moved", F_OK), 0);
	EXPECT_ERRNO(rename("/tmp/d", "/tmp/d/e/inside"), EINVAL);
	EXPECT_EQ(unlink("/tmp/d/e/moved"), 0);
	EXPECT_EQ(rmdir("/tmp/d/e"), 0);
	EXPECT_EQ(rmdir("/tmp/d"), 0);
}

UTEST(cwd_and_symlinks)
{
	char path[256];
	EXPECT_EQ(mkdir("/tmp/w", 0755), 0);
	EXPECT_EQ(chdir("/tmp/w"), 0);
	EXPECT(getcwd(path, sizeof(path)) != NULL);
	EXPECT(strcmp(path, "/tmp/w") == 0);
	EXPECT_ERRNO(getcwd(path, 3) == NULL ? -1 : 0, ERANGE);
	EXPECT_EQ(symlink("/bin", "link"), 0);
	EXPECT_EQ(readlink("link", path, sizeof(path)), 4);
	EXPECT(strncmp(path, "/bin", 4) == 0);
	struct stat info;
	EXPECT_EQ(stat("link", &info), 0);
	EXPECT(S_ISDIR(info.st_mode));
	EXPECT_EQ(lstat("link", &info), 0);
	EXPECT(S_ISLNK(info.st_mode));
	EXPECT_EQ(access("link/echo", X_OK), 0);
	EXPECT_EQ(symlink("loop", "loop"), 0);
	EXPECT_ERRNO(open("loop", O_RDONLY), ELOOP);
	EXPECT_ERRNO(chdir("/etc/motd"), ENOTDIR);
	EXPECT_EQ(chdir(".."), 0);
	EXPECT(getcwd(path, sizeof(path)) && strcmp(path, "/tmp") == 0);
	unlink("w/link");
	unlink("w/loop");
	EXPECT_EQ(rmdir("w"), 0);
}

UTEST(device_files)
{
	char buffer[8] = {1, 1, 1, 1, 1, 1, 1, 1};
	int zero = open("/dev/zero", O_RDONLY);
	EXPECT_EQ(read(zero, buffer, sizeof(buffer)), 8);
	EXPECT(buffer[0] == 0 && buffer[7] == 0);
	close(zero);
	int null = open("/dev/null", O_RDWR);
	EXPECT_EQ(write(null, "gone", 4), 4);
	EXPECT_EQ(read(null, buffer, 8), 0);
	close(null);
	EXPECT(isatty(0));
	EXPECT(!isatty(open("/dev/null", O_RDONLY)));
	EXPECT_ERRNO(lseek(0, 0, SEEK_SET), ESPIPE);
}

UTEST(terminal_settings)
{
	struct termios saved, raw, check;
	EXPECT_EQ(tcgetattr(0, &saved), 0);
	EXPECT(saved.c_lflag & ICANON);
	EXPECT(saved.c_lflag & ECHO);
	EXPECT(saved.c_oflag & ONLCR);
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO);
	EXPECT_EQ(tcsetattr(0, TCSANOW, &raw), 0);
	EXPECT_EQ(tcgetattr(0, &check), 0);
	EXPECT(!(check.c_lflag & ICANON) && !(check.c_lflag & ECHO));
	/* Raw and non-blocking with nothing typed: read returns at once with EAGAIN. */
	int flags = fcntl(0, F_GETFL);
	fcntl(0, F_SETFL, flags | O_NONBLOCK);
	char byte;
	EXPECT_ERRNO(read(0, &byte, 1), EAGAIN);
	fcntl(0, F_SETFL, flags);
	EXPECT_EQ(tcsetattr(0, TCSANOW, &saved), 0);
	struct winsize window;
	EXPECT_EQ(ioctl(0, TIOCGWINSZ, &window), 0);
	EXPECT(window.ws_row > 0 && window.ws_col > 0);
	int null = open("/dev/null", O_RDONLY);
	EXPECT_ERRNO(ioctl(null, TCGETS, &check), ENOTTY);
	EXPECT_ERRNO(tcgetattr(null, &check), ENOTTY);
	close(null);
}

UTEST(path_rules)
{
	char long_name[300];
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	EXPECT_ERRNO(open(long_name, O_RDONLY), ENAMETOOLONG);
	int fd = open("/tmp/plain", O_CREAT | O_WRONLY, 0644);
	close(fd);
	EXPECT_ERRNO(open("/tmp/plain/", O_RDONLY),
		     ENOTDIR); /* a trailing slash wants a directory */
	EXPECT_EQ(access("/tmp/", F_OK), 0);
	/* A chain of 40 links resolves; 41 is more than Linux follows (checked on the host). */
	char from[32], to[32];
	for (int i = 0; i < 41; i++) {
		snprintf(from, sizeof(from), "/tmp/chain%d", i);
		snprintf(to, sizeof(to), i == 0 ? "/tmp/plain" : "/tmp/chain%d", i - 1);
		EXPECT_EQ(symlink(to, from), 0);
	}
	fd = open("/tmp/chain39", O_RDONLY);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_ERRNO(open("/tmp/chain40", O_RDONLY), ELOOP);
	EXPECT_ERRNO(open("/tmp/chain0", O_RDONLY | O_NOFOLLOW), ELOOP);
	struct stat info;
	EXPECT_EQ(lstat("/tmp/chain0", &info), 0);
	EXPECT(S_ISLNK(info.st_mode));
	for (int i = 0; i < 41; i++) {
		snprintf(from, sizeof(from), "/tmp/chain%d", i);
		unlink(from);
	}
	unlink("/tmp/plain");
}

UTEST(hard_links_and_modes)
{
	int fd = open("/tmp/original", O_CREAT | O_WRONLY, 0644);
	write(fd, "data", 4);
	close(fd);
	EXPECT_EQ(link("/tmp/original", "/tmp/second"), 0);
	struct stat info;
	EXPECT_EQ(stat("/tmp/second", &info), 0);
	EXPECT_EQ(info.st_nlink, 2);
	EXPECT_EQ(info.st_size, 4);
	EXPECT_ERRNO(link("/tmp", "/tmp/dirlink"), EPERM);
	EXPECT_ERRNO(link("/tmp/original", "/tmp/second"), EEXIST);
	EXPECT_EQ(unlink("/tmp/original"), 0);
	EXPECT_EQ(stat("/tmp/second", &info), 0);
	EXPECT_EQ(info.st_nlink, 1); /* the data lives on under its other name */
	EXPECT_EQ(chmod("/tmp/second", 0600), 0);
	EXPECT_EQ(stat("/tmp/second", &info), 0);
	EXPECT_EQ(info.st_mode & 0777, 0600);
	EXPECT(S_ISREG(info.st_mode));
	EXPECT_ERRNO(chmod("/tmp/none", 0600), ENOENT);
	unlink("/tmp/second");
}

UTEST(shebang_scripts)
{
	int fd = open("/tmp/script", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	const char *text = "#!/bin/echo from-the-interpreter\nignored\n";
	write(fd, text, strlen(text));
	close(fd);
	int out = open("/tmp/script-output", O_CREAT | O_RDWR | O_TRUNC, 0644);
	pid_t child = fork();
	if (child == 0) {
		dup2(out, 1);
		execl("/tmp/script", "script", "extra", (char *)NULL);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	EXPECT_EQ(WEXITSTATUS(status), 0);
	char buffer[128] = {0};
	pread(out, buffer, sizeof(buffer) - 1, 0);
	/* execve(2): interpreter, its optional argument, the script path, then argv[1...]. */
	EXPECT(strcmp(buffer, "from-the-interpreter /tmp/script extra\n") == 0);
	close(out);
	unlink("/tmp/script");
	unlink("/tmp/script-output");
}
