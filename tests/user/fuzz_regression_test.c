/*
 * Regression tests for the kernel bugs /bin/sysfuzz found (docs/robustness.md), one per bug,
 * named after it. Each reproduces the call that crashed or hung the kernel and checks the
 * answer Linux gives (man 2 of the call named in the test).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "utest.h"

/* procfs has no create/unlink/rmdir/rename/link/symlink: the VFS called a NULL pointer.
 * The answers are Linux's (checked with scripts/linux-oracle.sh). */
UTEST(fuzz_bug_procfs_name_ops_were_null)
{
	EXPECT_ERRNO(rmdir("/proc/meminfo"), ENOTDIR);
	EXPECT_ERRNO(unlink("/proc/meminfo"), EPERM);
	EXPECT_ERRNO(mkdir("/proc/new", 0755), ENOENT);
	EXPECT_ERRNO(mkdir("/proc/meminfo", 0755), EEXIST);
	EXPECT_ERRNO(syscall(SYS_mknod, "/proc/node", S_IFIFO | 0644, 0), ENOENT);
	EXPECT_ERRNO(symlink("/", "/proc/link"), ENOENT);
	EXPECT_ERRNO(open("/proc/new-file", O_CREAT | O_RDWR, 0644), ENOENT);
	int fd = open("/proc/meminfo", O_CREAT | O_RDONLY, 0644);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_ERRNO(rename("/proc/meminfo", "/proc/other"), ENOENT);
}

/* rename and link between ramfs and procfs handed one file system's inode to the other's. */
UTEST(fuzz_bug_cross_file_system_rename_and_link)
{
	int fd = open("/tmp/fuzz-regression", O_CREAT | O_RDWR, 0644);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_ERRNO(rename("/tmp/fuzz-regression", "/proc/moved"), EXDEV);
	EXPECT_ERRNO(rename("/proc/meminfo", "/tmp/moved"), EXDEV);
	EXPECT_ERRNO(link("/tmp/fuzz-regression", "/proc/linked"), ENOENT); /* as Linux */
	EXPECT_ERRNO(link("/proc/meminfo", "/tmp/linked"), EXDEV);
	EXPECT_EQ(unlink("/tmp/fuzz-regression"), 0);
}

/* symlink and link made entries called "." or "..", which no one could remove again. */
UTEST(fuzz_bug_symlink_named_dot_dot)
{
	EXPECT_EQ(mkdir("/tmp/fuzz-dots", 0755), 0);
	int fd = open("/tmp/fuzz-dots/file", O_CREAT | O_RDWR, 0644);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_ERRNO(symlink("/tmp", "/tmp/fuzz-dots/.."), EEXIST);
	EXPECT_ERRNO(symlink("/tmp", "/tmp/fuzz-dots/."), EEXIST);
	EXPECT_ERRNO(link("/tmp/fuzz-dots/file", "/tmp/fuzz-dots/.."), EEXIST);
	EXPECT_EQ(unlink("/tmp/fuzz-dots/file"), 0);
	EXPECT_EQ(rmdir("/tmp/fuzz-dots"), 0);
}

/* A path whose bytes run, without a NUL, into an unmapped page: EFAULT, nothing created. */
UTEST(fuzz_bug_path_running_into_unmapped_page)
{
	char *pages =
		mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(pages != MAP_FAILED);
	EXPECT_EQ(munmap(pages + 4096, 4096), 0);
	char *path = pages + 4096 - 8;
	memcpy(path, "/tmp/fuz", 8);
	EXPECT_ERRNO(syscall(SYS_mknodat, AT_FDCWD, path, S_IFREG | 0644, 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_mknodat, 0x200000300l, path, 8, 0x200001000l), EFAULT);
	EXPECT_ERRNO(mkdir(path, 0755), EFAULT);
	EXPECT_ERRNO(open(path, O_CREAT | O_RDWR, 0644), EFAULT);
	EXPECT_ERRNO(access("/tmp/fuz", F_OK), ENOENT);
	munmap(pages, 4096);
}

/* A removed directory that is still the cwd took new entries, which then leaked with it. */
UTEST(fuzz_bug_create_in_removed_cwd)
{
	EXPECT_EQ(mkdir("/tmp/fuzz-dead", 0755), 0);
	EXPECT_EQ(chdir("/tmp/fuzz-dead"), 0);
	EXPECT_EQ(rmdir("/tmp/fuzz-dead"), 0);
	EXPECT_ERRNO(mkdir("x", 0755), ENOENT);
	EXPECT_ERRNO(open("f", O_CREAT | O_RDWR, 0644), ENOENT);
	EXPECT_ERRNO(symlink("/", "l"), ENOENT);
	EXPECT_ERRNO(syscall(SYS_mknod, "n", S_IFIFO | 0644, 0), ENOENT);
	EXPECT_EQ(chdir("/"), 0);
}

/* select with a huge tv_sec multiplied it into nanoseconds and overflowed (undefined
 * behaviour; the SANITIZE=1 build's fuzz stage caught it). It means "wait for ever". */
UTEST(fuzz_bug_select_huge_timeout_overflowed)
{
	int ends[2];
	EXPECT_EQ(pipe(ends), 0);
	EXPECT_EQ(write(ends[1], "x", 1), 1);
	uint64_t readable = 1ull << ends[0];
	struct {
		int64_t seconds, microseconds;
	} forever = {0x7570000000000001, 0};
	EXPECT_EQ(syscall(SYS_select, ends[0] + 1, &readable, NULL, NULL, &forever), 1);
	close(ends[0]);
	close(ends[1]);
}
