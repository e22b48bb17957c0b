/*
 * Mappings of files (mmap(2), msync(2), shm_overview(7)): MAP_SHARED stores are the file's
 * data at once, for read(2), for a forked child and for every other mapper; MAP_PRIVATE
 * copies on write; offsets, growth with ftruncate, SIGBUS past the end, the errors, and
 * /dev/shm as the home of POSIX shared memory.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

static int child_status(pid_t child)
{
	int status;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A new file of `pages` pages, byte i = 'a' + (i / 4096) % 26. */
static int make_file(const char *path, int pages)
{
	unlink(path);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	static char page[4096];
	for (int i = 0; i < pages; i++) {
		memset(page, 'a' + i % 26, sizeof(page));
		write(fd, page, sizeof(page));
	}
	return fd;
}

static char byte_at(int fd, off_t offset)
{
	char value = 0;
	pread(fd, &value, 1, offset);
	return value;
}

UTEST(mmap_shared_file_is_the_file)
{
	int fd = make_file("/tmp/shared-map", 2);
	char *map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(map != MAP_FAILED);
	EXPECT_EQ(map[0], 'a');
	EXPECT_EQ(map[4096], 'b');
	map[10] = 'X'; /* a store is the file's data at once */
	EXPECT_EQ(byte_at(fd, 10), 'X');
	pwrite(fd, "Y", 1, 4100); /* and a write shows in the mapping */
	EXPECT_EQ(map[4100], 'Y');
	pid_t child = fork();
	if (child == 0) {
		map[20] = 'C'; /* shared across fork, never copied */
		_exit(map[10] == 'X' ? 0 : 1);
	}
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(map[20], 'C');
	/* A second, independent mapping of the same file sees the same bytes. */
	char *again = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_EQ(again[20], 'C');
	EXPECT_EQ(msync(map, 8192, MS_SYNC), 0);
	EXPECT_EQ(munmap(map, 8192), 0);
	EXPECT_EQ(munmap(again, 4096), 0);
	EXPECT_EQ(byte_at(fd, 20), 'C'); /* the data outlives the mapping */
	close(fd);
	unlink("/tmp/shared-map");
}

UTEST(mmap_private_file_copies_on_write)
{
	int fd = make_file("/tmp/private-map", 2);
	char *map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	EXPECT(map != MAP_FAILED);
	EXPECT_EQ(map[0], 'a');
	map[0] = 'P'; /* our own copy of page 0 */
	EXPECT_EQ(byte_at(fd, 0), 'a');
	pwrite(fd, "Q", 1, 1);
	EXPECT_EQ(map[1], 'a'); /* copied before the write: the file's change is not seen */
	pid_t child = fork();
	if (child == 0) {
		map[2] = 'K'; /* the child's private copy */
		_exit(map[0] == 'P' ? 0 : 1);
	}
	EXPECT_EQ(child_status(child), 0);
	EXPECT_EQ(map[2], 'a');
	EXPECT_EQ(byte_at(fd, 2), 'a');
	munmap(map, 8192);
	/* A read-only private mapping of a read-only file is fine; so is writing to it. */
	int read_only = open("/tmp/private-map", O_RDONLY);
	char *copy = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, read_only, 0);
	EXPECT(copy != MAP_FAILED);
	copy[0] = 'Z';
	EXPECT_EQ(byte_at(read_only, 0), 'a');
	munmap(copy, 4096);
	close(read_only);
	close(fd);
	unlink("/tmp/private-map");
}

UTEST(mmap_file_offsets_growth_and_sigbus)
{
	int fd = make_file("/tmp/offset-map", 3);
	char *map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 8192);
	EXPECT_EQ(map[0], 'c'); /* offset 8192 is page 2 */
	munmap(map, 4096);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 100) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);

	ftruncate(fd, 4096);
	map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pid_t child = fork();
	if (child == 0) {
		map[4096] = 1; /* past the end of the file */
		_exit(0);
	}
	EXPECT_EQ(child_status(child), 128 + 7); /* SIGBUS */
	EXPECT_EQ(ftruncate(fd, 8192), 0);	 /* grow: the page exists now, zeroed */
	EXPECT_EQ(map[4096], 0);
	map[4097] = 'G';
	EXPECT_EQ(byte_at(fd, 4097), 'G');
	/* mprotect a shared mapping read-only and back: stores still reach the file. */
	EXPECT_EQ(mprotect(map, 8192, PROT_READ), 0);
	EXPECT_EQ(mprotect(map, 8192, PROT_READ | PROT_WRITE), 0);
	map[5] = 'M';
	EXPECT_EQ(byte_at(fd, 5), 'M');
	/* Unmapping the middle of a mapping keeps both ends right. */
	munmap(map, 8192);
	close(fd);
	unlink("/tmp/offset-map");
}

UTEST(mmap_file_errors)
{
	int fd = make_file("/tmp/error-map", 1);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EBADF);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EBADF);
	EXPECT(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	int read_only = open("/tmp/error-map", O_RDONLY);
	EXPECT(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, read_only, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EACCES);
	int write_only = open("/tmp/error-map", O_WRONLY);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, write_only, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EACCES);
	int fds[2];
	pipe(fds);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fds[0], 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENODEV);
	int directory = open("/tmp", O_RDONLY);
	EXPECT(mmap(NULL, 4096, PROT_READ, MAP_SHARED, directory, 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENODEV);
	char *map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT_ERRNO(msync(map, 4096, MS_SYNC | MS_ASYNC), EINVAL);
	EXPECT_ERRNO(msync(map + 1, 4096, MS_SYNC), EINVAL);
	munmap(map, 4096);
	EXPECT_ERRNO(msync(map, 4096, MS_SYNC), ENOMEM); /* not mapped any more */
	close(directory);
	close(fds[0]);
	close(fds[1]);
	close(write_only);
	close(read_only);
	close(fd);
	unlink("/tmp/error-map");
}

UTEST(dev_shm_shares_memory_between_processes)
{
	struct stat status;
	EXPECT_EQ(stat("/dev/shm", &status), 0);
	EXPECT(S_ISDIR(status.st_mode));
	EXPECT_EQ(status.st_mode & 07777, 01777);
	/* What shm_open("/counter", O_CREAT | O_RDWR, 0600) does: a file under /dev/shm. */
	int fd = open("/dev/shm/counter", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, 4096), 0);
	volatile uint32_t *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd); /* the mapping keeps the file's pages */
	enum { CHILDREN = 4, ADDS = 1000 };
	for (int i = 0; i < CHILDREN; i++) {
		if (fork() == 0) {
			/* a separate open and mapping, as an unrelated process would make */
			int own = open("/dev/shm/counter", O_RDWR);
			volatile uint32_t *mine =
				mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, own, 0);
			for (int j = 0; j < ADDS; j++)
				__atomic_add_fetch(mine, 1, __ATOMIC_SEQ_CST);
			_exit(0);
		}
	}
	for (int i = 0; i < CHILDREN; i++)
		wait(NULL);
	EXPECT_EQ(*counter, CHILDREN * ADDS);
	EXPECT_EQ(unlink("/dev/shm/counter"), 0); /* shm_unlink */
	EXPECT_EQ(*counter, CHILDREN * ADDS);	  /* mapped memory outlives the name */
	munmap((void *)counter, 4096);
}

UTEST(mmap_file_shrink_unmaps_and_protections_hold)
{
	int fd = make_file("/tmp/shrink-map", 2);
	char *shared = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *private = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	EXPECT_EQ(shared[4096], 'b');
	EXPECT_EQ(private[4096], 'b'); /* read: still the file's page */
	private[4097] = 'p';	       /* and a private copy */
	EXPECT_EQ(ftruncate(fd, 4096), 0);
	for (int i = 0; i < 2; i++) {
		char *map = i ? private : shared;
		pid_t child = fork();
		if (child == 0) {
			(void)*(volatile char *)(map + 4096); /* cut off: SIGBUS, as on Linux */
			_exit(0);
		}
		EXPECT_EQ(child_status(child), 128 + 7);
	}
	EXPECT_EQ(ftruncate(fd, 8192), 0); /* grown again: zeros, and shared again */
	EXPECT_EQ(shared[4096], 0);
	shared[4098] = 'G';
	EXPECT_EQ(byte_at(fd, 4098), 'G');
	pwrite(fd, "W", 1, 4099);
	EXPECT_EQ(shared[4099], 'W');
	munmap(shared, 8192);
	munmap(private, 8192);

	/* A shared mapping of a file opened read-only can never be made writable. */
	int read_only = open("/tmp/shrink-map", O_RDONLY);
	char *map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, read_only, 0);
	EXPECT_ERRNO(mprotect(map, 4096, PROT_READ | PROT_WRITE), EACCES);
	munmap(map, 4096);
	map = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, read_only, 0);
	EXPECT_EQ(mprotect(map, 4096, PROT_READ | PROT_WRITE), 0); /* private: fine */
	munmap(map, 4096);
	/* O_APPEND does not stop a shared writable mapping (Linux refuses only append-only
	 * inodes, chattr +a, which ramfs does not have). */
	int append = open("/tmp/shrink-map", O_RDWR | O_APPEND);
	char *appended = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, append, 0);
	EXPECT(appended != MAP_FAILED);
	munmap(appended, 4096);
	/* MAP_FIXED_NOREPLACE never replaces what is there. */
	char *anonymous =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	anonymous[0] = 'Q';
	EXPECT(mmap(anonymous, 4096, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0) ==
	       MAP_FAILED);
	EXPECT_EQ(errno, EEXIST);
	EXPECT_EQ(anonymous[0], 'Q');
	munmap(anonymous, 4096);
	close(append);
	close(read_only);
	close(fd);
	unlink("/tmp/shrink-map");
}
