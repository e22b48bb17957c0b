/*
 * Character devices (include/vfs.h): a table from (major, minor) to file_operations, the
 * memory devices /dev/null and /dev/zero (null(4), zero(4)), and the /dev directory (with
 * /dev/shm for POSIX shared memory) made at boot. Numbers are Linux's
 * (Documentation/admin-guide/devices.txt): 1,3 null; 1,5 zero; 5,0 tty; 5,1 console.
 */
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"
#include "vfs.h"

#define CHRDEV_MAX 16

static struct {
	uint64_t rdev;
	const struct file_operations *ops;
} chrdevs[CHRDEV_MAX];
static int chrdev_count;

int chrdev_register(unsigned major, unsigned minor, const struct file_operations *ops)
{
	if (chrdev_count == CHRDEV_MAX)
		return -ENOSPC;
	chrdevs[chrdev_count].rdev = MKDEV(major, minor);
	chrdevs[chrdev_count].ops = ops;
	chrdev_count++;
	return 0;
}

const struct file_operations *chrdev_lookup(uint64_t rdev)
{
	for (int i = 0; i < chrdev_count; i++) {
		if (chrdevs[i].rdev == rdev)
			return chrdevs[i].ops;
	}
	return NULL;
}

static ssize_t null_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	return 0;
}

static ssize_t null_write(struct file *file, struct io_buffer *buffer, size_t count,
			  int64_t *offset)
{
	return (ssize_t)count;
}

static ssize_t zero_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	static const char zeros[512];
	size_t done = 0;
	while (done < count) {
		size_t chunk = MIN(count - done, sizeof(zeros));
		if (io_copy_to_buffer(buffer, done, zeros, chunk) != 0)
			return done ? (ssize_t)done : -EFAULT;
		done += chunk;
	}
	return (ssize_t)done;
}

static int64_t memory_device_seek(struct file *file, int64_t offset, int whence)
{
	file->offset = 0;
	return 0;
}

static const struct file_operations null_ops = {
	.read = null_read, .write = null_write, .llseek = memory_device_seek};
static const struct file_operations zero_ops = {
	.read = zero_read, .write = null_write, .llseek = memory_device_seek};

void devices_init(void)
{
	chrdev_register(1, 3, &null_ops);
	chrdev_register(1, 5, &zero_ops);
}

/* Make /dev and its nodes (after the initramfs, which may already have some). */
void devices_populate(void)
{
	static const struct {
		const char *path;
		unsigned major, minor;
	} nodes[] = {{"/dev/null", 1, 3},
		     {"/dev/zero", 1, 5},
		     {"/dev/tty", 5, 0},
		     {"/dev/console", 5, 1}};
	vfs_mknod("/dev", S_IFDIR | 0755, 0);
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++)
		vfs_mknod(nodes[i].path, S_IFCHR | 0666, MKDEV(nodes[i].major, nodes[i].minor));
	/* POSIX shared memory (shm_overview(7)): shm_open and sem_open keep their objects as
	 * files here, which mmap(MAP_SHARED) then maps into every process that opens them. */
	vfs_mknod("/dev/shm", S_IFDIR | 01777, 0);
}
