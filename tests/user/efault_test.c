/*
 * Every pointer-taking system call, handed pointers that are no good: NULL, an unmapped
 * user page, a kernel address, and a range that crosses the top of user space. Each must
 * answer -EFAULT and the kernel must carry on (the next test runs in a healthy kernel).
 */
#include <fcntl.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "utest.h"

#define UNMAPPED ((void *)0x10000)		  /* above vm.mmap_min_addr, never mapped */
#define KERNEL	 ((void *)0xffffffff80100000ul)	  /* the kernel image */
#define STRADDLE ((void *)(0x00007ffffffffff8ul)) /* 8 bytes below the top of user space */

static void *const bad_pointers[] = {NULL, UNMAPPED, KERNEL, STRADDLE};
#define FOR_EACH_BAD(p) for (unsigned i_ = 0; i_ < 4 && ((p) = bad_pointers[i_], 1); i_++)

UTEST(efault_read_write_buffers)
{
	void *bad;
	int fd = open("/tests/utest", O_RDONLY);
	EXPECT(fd >= 0);
	FOR_EACH_BAD(bad)
	{
		EXPECT_ERRNO(syscall(SYS_read, fd, bad, 64), EFAULT);
		EXPECT_ERRNO(syscall(SYS_write, 1, bad, 64), EFAULT);
		EXPECT_ERRNO(syscall(SYS_pread64, fd, bad, 64, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_readv, fd, bad, 1), EFAULT);
		EXPECT_ERRNO(syscall(SYS_writev, 1, bad, 1), EFAULT);
		EXPECT_ERRNO(syscall(SYS_getdents64, open("/", O_RDONLY), bad, 4096), EFAULT);
	}
	close(fd);
}

UTEST(efault_paths)
{
	void *bad;
	FOR_EACH_BAD(bad)
	{
		EXPECT_ERRNO(syscall(SYS_open, bad, O_RDONLY), EFAULT);
		EXPECT_ERRNO(syscall(SYS_openat, AT_FDCWD, bad, O_RDONLY), EFAULT);
		EXPECT_ERRNO(syscall(SYS_stat, bad, UNMAPPED), EFAULT);
		EXPECT_ERRNO(syscall(SYS_mkdir, bad, 0755), EFAULT);
		EXPECT_ERRNO(syscall(SYS_unlink, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_chdir, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_access, bad, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_rename, bad, "/tmp/x"), EFAULT);
		EXPECT_ERRNO(syscall(SYS_execve, bad, NULL, NULL), EFAULT);
		EXPECT_ERRNO(syscall(SYS_readlink, bad, UNMAPPED, 10), EFAULT);
	}
}

UTEST(efault_output_structures)
{
	void *bad;
	FOR_EACH_BAD(bad)
	{
		EXPECT_ERRNO(syscall(SYS_stat, "/", bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_fstat, 0, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_newfstatat, AT_FDCWD, "/", bad, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_uname, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_getcwd, bad, 64), EFAULT);
		EXPECT_ERRNO(syscall(SYS_getrandom, bad, 16, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_ioctl, 0, 0x5401 /* TCGETS */, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_nanosleep, bad, NULL), EFAULT);
		EXPECT_ERRNO(syscall(SYS_futex, bad, 0 /* FUTEX_WAIT */, 0, NULL), EFAULT);
	}
	/* gettimeofday and time accept NULL; the other bad pointers must fault. */
	EXPECT_ERRNO(syscall(SYS_gettimeofday, UNMAPPED, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_time, KERNEL), EFAULT);
}

UTEST(efault_wait_status)
{
	void *bad;
	FOR_EACH_BAD(bad)
	{
		if (bad == NULL)
			continue; /* NULL status is allowed */
		pid_t child = fork();
		if (child == 0)
			_exit(0);
		EXPECT_ERRNO(syscall(SYS_wait4, child, bad, 0, NULL), EFAULT);
		waitpid(child, NULL, 0);
	}
}

UTEST(efault_more_calls)
{
	void *bad;
	int fd = open("/tmp/efault", O_CREAT | O_RDWR, 0644);
	FOR_EACH_BAD(bad)
	{
		struct iovec vector = {bad, 16};
		EXPECT_ERRNO(syscall(SYS_writev, fd, &vector, 1), EFAULT);
		if (bad)
			EXPECT_ERRNO(syscall(SYS_clock_getres, CLOCK_MONOTONIC, bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_mkdirat, AT_FDCWD, bad, 0755), EFAULT);
		EXPECT_ERRNO(syscall(SYS_unlinkat, AT_FDCWD, bad, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_faccessat, AT_FDCWD, bad, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_symlink, bad, "/tmp/efault-link"), EFAULT);
		EXPECT_ERRNO(syscall(SYS_rename, "/tmp/efault", bad), EFAULT);
		EXPECT_ERRNO(syscall(SYS_readlink, "/tmp", bad, 16), EINVAL); /* not a symlink */
		EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, bad, NULL), EFAULT);
		/* info is written even when there is no child (Linux): EFAULT, not ECHILD */
		EXPECT_ERRNO(syscall(SYS_waitid, 0 /* P_ALL */, 0, bad, 4 /* WEXITED */, NULL),
			     bad ? EFAULT : ECHILD);
		EXPECT_ERRNO(syscall(SYS_pwrite64, fd, bad, 16, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_truncate, bad, 0), EFAULT);
		EXPECT_ERRNO(syscall(SYS_prctl, 15 /* PR_SET_NAME */, bad), EFAULT);
	}
	close(fd);
	unlink("/tmp/efault");
}
