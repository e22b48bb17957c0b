/*
 * Tests for file-system and descriptor calls (man 2 open, man 2 stat, man 2 mkdir,
 * man 2 unlink, man 2 rename, man 2 getdents64, man 3 opendir, man 2 pipe, man 2 dup,
 * man 2 lseek, man 2 readv, man 2 pread, man 2 fcntl, man 3 getcwd): results and the errno
 * each failure must give. Everything happens under a fresh directory in /tmp.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include "test.h"

static void make_path(char *buffer, size_t size, const char *directory, const char *name)
{
	snprintf(buffer, size, "%s/%s", directory, name);
}

static void write_file(const char *path, const char *contents)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	TEST_CHECK(fd >= 0);
	TEST_CHECK_EQUAL(write(fd, contents, strlen(contents)), (ssize_t)strlen(contents));
	TEST_CHECK_EQUAL(close(fd), 0);
}

static void test_open_stat_unlink(void)
{
	char directory[128], path[192];
	struct stat status;
	int fd;

	test_temporary_path(directory, sizeof(directory), "files");
	TEST_CHECK_EQUAL(mkdir(directory, 0755), 0);
	make_path(path, sizeof(path), directory, "data");
	write_file(path, "twelve bytes");
	TEST_CHECK_EQUAL(stat(path, &status), 0);
	TEST_CHECK(S_ISREG(status.st_mode));
	TEST_CHECK_EQUAL(status.st_size, 12);
	TEST_CHECK_EQUAL(status.st_nlink, 1);
	TEST_CHECK(status.st_mtime > 1500000000);
	fd = open(path, O_RDONLY);
	TEST_CHECK_EQUAL(fstat(fd, &status), 0);
	TEST_CHECK_EQUAL(status.st_size, 12);
	close(fd);
	TEST_CHECK_EQUAL(stat(directory, &status), 0);
	TEST_CHECK(S_ISDIR(status.st_mode));
	TEST_CHECK_EQUAL(access(path, R_OK | W_OK), 0);
	TEST_CHECK_EQUAL(access(path, X_OK), -1);
	errno = 0;
	TEST_CHECK_EQUAL(open(path, O_WRONLY | O_CREAT | O_EXCL, 0644), -1);
	TEST_CHECK_EQUAL(errno, EEXIST);
	TEST_CHECK_EQUAL(mkdir(directory, 0755), -1);
	TEST_CHECK_EQUAL(errno, EEXIST);
	TEST_CHECK_EQUAL(rmdir(directory), -1);
	TEST_CHECK_EQUAL(errno, ENOTEMPTY);
	TEST_CHECK_EQUAL(unlink(path), 0);
	TEST_CHECK_EQUAL(unlink(path), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(stat(path, &status), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(open(path, O_RDONLY), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(rmdir(directory), 0);
}

static void test_rename_and_at_calls(void)
{
	char directory[128], old_path[192], new_path[192];
	struct stat status;
	int directory_fd, fd;

	test_temporary_path(directory, sizeof(directory), "at");
	TEST_CHECK_EQUAL(mkdir(directory, 0700), 0);
	directory_fd = open(directory, O_RDONLY | O_DIRECTORY);
	TEST_CHECK(directory_fd >= 0);
	fd = openat(directory_fd, "inside", O_WRONLY | O_CREAT, 0600);
	TEST_CHECK(fd >= 0);
	close(fd);
	TEST_CHECK_EQUAL(fstatat(directory_fd, "inside", &status, 0), 0);
	TEST_CHECK_EQUAL(status.st_mode & 0777, 0600 & ~umask(022));
	TEST_CHECK_EQUAL(mkdirat(directory_fd, "sub", 0755), 0);
	make_path(old_path, sizeof(old_path), directory, "inside");
	make_path(new_path, sizeof(new_path), directory, "sub/moved");
	TEST_CHECK_EQUAL(rename(old_path, new_path), 0);
	TEST_CHECK_EQUAL(faccessat(directory_fd, "sub/moved", F_OK, 0), 0);
	TEST_CHECK_EQUAL(faccessat(directory_fd, "inside", F_OK, 0), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(unlinkat(directory_fd, "sub", AT_REMOVEDIR), -1);
	TEST_CHECK_EQUAL(errno, ENOTEMPTY);
	TEST_CHECK_EQUAL(unlinkat(directory_fd, "sub/moved", 0), 0);
	TEST_CHECK_EQUAL(unlinkat(directory_fd, "sub", AT_REMOVEDIR), 0);
	close(directory_fd);
	TEST_CHECK_EQUAL(rmdir(directory), 0);
}

static void test_links(void)
{
	char directory[128], target[192], link_path[192], buffer[256];
	struct stat status;
	ssize_t length;

	test_temporary_path(directory, sizeof(directory), "links");
	TEST_CHECK_EQUAL(mkdir(directory, 0700), 0);
	make_path(target, sizeof(target), directory, "target");
	make_path(link_path, sizeof(link_path), directory, "symbolic");
	write_file(target, "abc");
	TEST_CHECK_EQUAL(symlink("target", link_path), 0);
	length = readlink(link_path, buffer, sizeof(buffer));
	TEST_CHECK_EQUAL(length, 6);
	TEST_CHECK(memcmp(buffer, "target", 6) == 0);
	TEST_CHECK_EQUAL(lstat(link_path, &status), 0);
	TEST_CHECK(S_ISLNK(status.st_mode));
	TEST_CHECK_EQUAL(stat(link_path, &status), 0);
	TEST_CHECK(S_ISREG(status.st_mode));
	TEST_CHECK_EQUAL(status.st_size, 3);
	TEST_CHECK_EQUAL(unlink(link_path), 0);
	TEST_CHECK_EQUAL(link(target, link_path), 0);
	TEST_CHECK_EQUAL(stat(target, &status), 0);
	TEST_CHECK_EQUAL(status.st_nlink, 2);
	TEST_CHECK_EQUAL(chmod(target, 0400), 0);
	TEST_CHECK_EQUAL(stat(link_path, &status), 0);
	TEST_CHECK_EQUAL(status.st_mode & 0777, 0400);
	TEST_CHECK_EQUAL(remove(link_path), 0);
	TEST_CHECK_EQUAL(remove(target), 0);
	TEST_CHECK_EQUAL(remove(directory), 0);
}

/* Looks for name among the entries; returns its d_type, or -1 if absent. */
static int find_entry(const char *directory_path, const char *name, int *entry_count)
{
	DIR *directory = opendir(directory_path);
	struct dirent *entry;
	int type = -1;

	TEST_CHECK(directory != NULL);
	*entry_count = 0;
	errno = 0;
	while ((entry = readdir(directory))) {
		(*entry_count)++;
		if (strcmp(entry->d_name, name) == 0)
			type = entry->d_type;
	}
	TEST_CHECK_EQUAL(errno, 0);
	TEST_CHECK_EQUAL(closedir(directory), 0);
	return type;
}

static void test_readdir(void)
{
	char directory[128], path[192];
	int count, index;

	test_temporary_path(directory, sizeof(directory), "readdir");
	TEST_CHECK_EQUAL(mkdir(directory, 0700), 0);
	/* Enough entries to need several getdents64 calls. */
	for (index = 0; index < 300; index++) {
		snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%03d", directory, index);
		write_file(path, "");
	}
	make_path(path, sizeof(path), directory, "subdirectory");
	TEST_CHECK_EQUAL(mkdir(path, 0700), 0);
	TEST_CHECK_EQUAL(find_entry(directory, ".", &count), DT_DIR);
	TEST_CHECK_EQUAL(count, 303);
	TEST_CHECK_EQUAL(find_entry(directory, "..", &count), DT_DIR);
	TEST_CHECK_EQUAL(find_entry(directory, "subdirectory", &count), DT_DIR);
	TEST_CHECK_EQUAL(find_entry(directory, "file-with-a-longish-name-299", &count), DT_REG);
	TEST_CHECK_EQUAL(find_entry(directory, "absent", &count), -1);
	for (index = 0; index < 300; index++) {
		snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%03d", directory, index);
		TEST_CHECK_EQUAL(unlink(path), 0);
	}
	make_path(path, sizeof(path), directory, "subdirectory");
	TEST_CHECK_EQUAL(rmdir(path), 0);
	TEST_CHECK_EQUAL(find_entry(directory, "subdirectory", &count), -1);
	TEST_CHECK_EQUAL(count, 2);
	TEST_CHECK_EQUAL(rmdir(directory), 0);
	errno = 0;
	TEST_CHECK(opendir(directory) == NULL);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK(opendir("/bin/true") == NULL);
	TEST_CHECK_EQUAL(errno, ENOTDIR);
}

static void test_descriptors(void)
{
	char buffer[16];
	int fds[2], copy, flags;

	TEST_CHECK_EQUAL(pipe2(fds, O_CLOEXEC), 0);
	TEST_CHECK_EQUAL(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	TEST_CHECK_EQUAL(fcntl(fds[0], F_SETFD, 0), 0);
	TEST_CHECK_EQUAL(fcntl(fds[0], F_GETFD), 0);
	flags = fcntl(fds[1], F_GETFL);
	TEST_CHECK_EQUAL(flags & O_ACCMODE, O_WRONLY);
	TEST_CHECK_EQUAL(fcntl(fds[1], F_SETFL, flags | O_NONBLOCK), 0);
	TEST_CHECK(fcntl(fds[1], F_GETFL) & O_NONBLOCK);
	copy = dup(fds[1]);
	TEST_CHECK(copy >= 0 && copy != fds[0] && copy != fds[1]);
	TEST_CHECK_EQUAL(write(copy, "via dup", 7), 7);
	TEST_CHECK_EQUAL(read(fds[0], buffer, sizeof(buffer)), 7);
	TEST_CHECK_EQUAL(dup2(fds[1], 50), 50);
	TEST_CHECK_EQUAL(dup2(50, 50), 50);
	TEST_CHECK_EQUAL(dup3(50, 50, 0), -1);
	TEST_CHECK_EQUAL(errno, EINVAL);
	TEST_CHECK_EQUAL(dup3(fds[1], 51, O_CLOEXEC), 51);
	TEST_CHECK_EQUAL(fcntl(51, F_GETFD), FD_CLOEXEC);
	TEST_CHECK_EQUAL(lseek(fds[0], 0, SEEK_SET), -1);
	TEST_CHECK_EQUAL(errno, ESPIPE);
	TEST_CHECK_EQUAL(isatty(fds[0]), 0);
	TEST_CHECK_EQUAL(errno, ENOTTY);
	TEST_CHECK_EQUAL(close(50), 0);
	TEST_CHECK_EQUAL(close(50), -1);
	TEST_CHECK_EQUAL(errno, EBADF);
	TEST_CHECK_EQUAL(dup2(50, 52), -1);
	TEST_CHECK_EQUAL(errno, EBADF);
	TEST_CHECK_EQUAL(read(-1, buffer, 1), -1);
	TEST_CHECK_EQUAL(errno, EBADF);
}

static void test_vectors_and_offsets(void)
{
	char path[128], first[4], second[8];
	struct iovec vector[2] = {{"abc", 3}, {"defghij", 7}};
	int fd;

	test_temporary_path(path, sizeof(path), "vectors");
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	TEST_CHECK(fd >= 0);
	TEST_CHECK_EQUAL(writev(fd, vector, 2), 10);
	TEST_CHECK_EQUAL(lseek(fd, 0, SEEK_CUR), 10);
	TEST_CHECK_EQUAL(pwrite(fd, "XY", 2, 4), 2);
	TEST_CHECK_EQUAL(lseek(fd, 0, SEEK_CUR), 10);
	TEST_CHECK_EQUAL(pread(fd, second, 4, 3), 4);
	TEST_CHECK(memcmp(second, "dXYg", 4) == 0);
	TEST_CHECK_EQUAL(lseek(fd, 0, SEEK_SET), 0);
	vector[0].iov_base = first;
	vector[0].iov_len = 4;
	vector[1].iov_base = second;
	vector[1].iov_len = 8;
	TEST_CHECK_EQUAL(readv(fd, vector, 2), 10);
	TEST_CHECK(memcmp(first, "abcd", 4) == 0 && memcmp(second, "XYghij", 6) == 0);
	TEST_CHECK_EQUAL(lseek(fd, -3, SEEK_END), 7);
	TEST_CHECK_EQUAL(ftruncate(fd, 2), 0);
	TEST_CHECK_EQUAL(lseek(fd, 0, SEEK_END), 2);
	close(fd);
	unlink(path);
}

static void test_working_directory(void)
{
	char original[PATH_MAX], buffer[PATH_MAX];
	char *allocated;

	TEST_CHECK(getcwd(original, sizeof(original)) == original);
	TEST_CHECK_EQUAL(original[0], '/');
	TEST_CHECK_EQUAL(chdir("/tmp"), 0);
	TEST_CHECK_STRING(getcwd(buffer, sizeof(buffer)), "/tmp");
	allocated = getcwd(NULL, 0);
	TEST_CHECK_STRING(allocated, "/tmp");
	free(allocated);
	errno = 0;
	TEST_CHECK(getcwd(buffer, 3) == NULL);
	TEST_CHECK_EQUAL(errno, ERANGE);
	TEST_CHECK_EQUAL(chdir("/no/such/directory"), -1);
	TEST_CHECK_EQUAL(errno, ENOENT);
	TEST_CHECK_EQUAL(chdir(original), 0);
}

static const struct libc_test tests[] = {
	{"open stat unlink and their errors", test_open_stat_unlink},
	{"rename and the *at calls", test_rename_and_at_calls},
	{"symlink readlink lstat link chmod", test_links},
	{"opendir readdir over many entries", test_readdir},
	{"pipe2 dup dup2 dup3 fcntl and EBADF", test_descriptors},
	{"readv writev pread pwrite lseek ftruncate", test_vectors_and_offsets},
	{"getcwd chdir", test_working_directory},
};

TEST_SUITE(files, tests);
