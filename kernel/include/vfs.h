/*
 * The virtual file system (kernel/fs/): inodes, open files, file descriptors, path lookup.
 *
 *   fd table (files_struct) --fd--> struct file --> struct inode --> the file system's data
 *                                   offset, flags     type, size, ops
 *
 * An inode is a file, directory, symlink or device node; its inode_operations do name
 * work (lookup, create, unlink...), its file_operations do I/O once opened. One file
 * system exists today: ramfs (fs/ramfs.c), filled at boot from the initramfs (fs/cpio.c).
 * Semantics follow the man pages of each call (open(2), read(2), getdents64(2), ...).
 *
 * Locks: inode->lock (sleeping mutex) guards an inode's contents and, for a directory, its
 * entries; files_struct->lock (spinlock) guards the fd table; refcounts are atomic.
 */
#ifndef SPINDLE_VFS_H
#define SPINDLE_VFS_H

#include "mutex.h"
#include "uapi/stat.h"

#define NAME_MAX	   255
#define PATH_MAX	   4096
#define MAX_FDS		   256 /* per process, like a small RLIMIT_NOFILE */
#define SYMLINK_MAX_FOLLOW 40

struct file;
struct inode;
struct dir_context;
struct poll_table;

/* Where a read or write copies to or from: a user buffer (checked copies) or kernel memory. */
struct io_buffer {
	char *address;
	bool user;
};

/* Copy between an io_buffer (at offset) and kernel memory. Return 0 or -EFAULT. */
int io_copy_to_buffer(struct io_buffer *buffer, size_t offset, const void *source, size_t length);
int io_copy_from_buffer(void *destination, struct io_buffer *buffer, size_t offset, size_t length);

struct file_operations {
	ssize_t (*read)(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset);
	ssize_t (*write)(struct file *file, struct io_buffer *buffer, size_t count,
			 int64_t *offset);
	/* NULL: the file cannot seek (-ESPIPE). */
	int64_t (*llseek)(struct file *file, int64_t offset, int whence);
	/* NULL: -ENOTTY. */
	long (*ioctl)(struct file *file, unsigned command, unsigned long argument);
	/* Ready events (POLLIN, POLLOUT...), registering waits through poll_wait(). NULL: the
	 * file is always ready. */
	unsigned (*poll)(struct file *file, struct poll_table *table);
	/* Emit directory entries from file->offset on (directories only). */
	int (*iterate)(struct file *file, struct dir_context *context);
	int (*open)(struct inode *inode, struct file *file);
	void (*release)(struct file *file);
};

struct inode_operations {
	/* The child called name (a referenced inode), or NULL. "." and ".." included. */
	struct inode *(*lookup)(struct inode *directory, const char *name);
	/* Make a regular file, directory, FIFO or device node (mode carries the type). */
	int (*create)(struct inode *directory, const char *name, uint32_t mode, uint64_t rdev,
		      struct inode **created);
	int (*symlink)(struct inode *directory, const char *name, const char *target);
	/* A new name for an existing non-directory inode (a hard link). */
	int (*link)(struct inode *directory, const char *name, struct inode *inode);
	int (*unlink)(struct inode *directory, const char *name);
	int (*rmdir)(struct inode *directory, const char *name);
	int (*rename)(struct inode *old_directory, const char *old_name,
		      struct inode *new_directory, const char *new_name);
	/* Copy the target into buffer (kernel), NUL-terminated. Returns its length. */
	int (*readlink)(struct inode *inode, char *buffer, size_t size);
	int (*truncate)(struct inode *inode, int64_t length);
	/* mmap of a file: page `index` of its data, referenced for the caller (pmm_get).
	 * Called from the page-fault path under a spinlock: must not sleep. -ENXIO when the
	 * page lies past the end of the file (the faulting program gets SIGBUS). */
	int (*map_page)(struct inode *inode, size_t index, phys_addr_t *frame);
	/* The last reference went: free the file system's data. */
	void (*release)(struct inode *inode);
};

struct inode {
	uint64_t number;     /* st_ino */
	uint32_t mode;	     /* S_IF* type and permission bits */
	uint32_t link_count; /* names pointing at it */
	uint32_t uid, gid;
	int64_t size;
	uint64_t rdev; /* device number, for device nodes */
	struct timespec access_time, modify_time, change_time;
	long refcount; /* atomic */
	const struct inode_operations *ops;
	const struct file_operations *file_ops; /* what open() installs */
	struct mutex lock;
	void *private; /* the file system's own data */
};

struct file {
	long refcount;	     /* fd-table slots and other holders (atomic) */
	struct inode *inode; /* referenced */
	const struct file_operations *ops;
	unsigned flags; /* O_* status flags: access mode, O_APPEND, O_NONBLOCK */
	int64_t offset; /* protected by offset_lock */
	struct mutex offset_lock;
	void *private; /* the driver's per-open data */
};

/* Per-process table of open files (shared by CLONE_FILES). */
struct files_struct {
	long refcount;
	struct spinlock lock;
	struct file *fds[MAX_FDS];
	uint64_t close_on_exec[MAX_FDS / 64];
};

/* Per-process file-system context (shared by CLONE_FS). */
struct fs_struct {
	long refcount;
	struct spinlock lock;
	struct inode *root;
	struct inode *cwd;
	uint32_t umask;
};

/* Directory iteration: the file system calls emit for each entry, in order. */
struct dir_context {
	/* Return false to stop (the buffer is full); the entry is then not consumed. */
	bool (*emit)(struct dir_context *context, const char *name, uint64_t inode_number,
		     unsigned type);
	int64_t position; /* entries consumed so far; the file system starts from here */
};

/* Inodes. */
struct inode *inode_alloc(uint32_t mode);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);
size_t inode_count(void);
void inode_touch(struct inode *inode, bool modified);

/* Files. */
struct file *file_open_inode(struct inode *inode, unsigned flags, int *error);
void file_get(struct file *file);
void file_put(struct file *file);
size_t file_count(void);
ssize_t kernel_read(struct file *file, void *buffer, size_t count, int64_t offset);

/* Paths. Flags for path_walk: */
#define LOOKUP_FOLLOW 0x1 /* follow a symlink in the last component */
#define LOOKUP_PARENT 0x2 /* stop at the parent; the last name goes to `last` */
/*
 * Resolve path (kernel string) relative to dirfd (AT_FDCWD or an open directory).
 * Returns 0 with a referenced inode in *result, or -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG, -EBADF. With LOOKUP_PARENT, *result is the directory and `last`
 * (NAME_MAX + 1 bytes) gets the final name ("" for "/").
 */
int path_walk(int dirfd, const char *path, unsigned flags, struct inode **result, char *last);
/* Open (and with O_CREAT create) a path; returns a file or NULL with *error set. */
struct file *vfs_open(int dirfd, const char *path, unsigned flags, uint32_t mode, int *error);

/* The root file system. */
struct inode *vfs_root(void);
void ramfs_init(void);
/* Create the root's initial tree from a cpio newc archive in memory. Returns 0 or -EINVAL. */
int cpio_unpack(const void *archive, size_t length);
/* Directory helpers used by boot code: mkdir -p like creation of one node. */
int vfs_mknod(const char *path, uint32_t mode, uint64_t rdev);

/* What a name operation answers in a directory whose file system has no such operation
 * (procfs makes and removes no names). Linux decides by whether `name` exists there:
 * absent -ENOENT; present -EEXIST for a new name, -EPERM (-EISDIR, -ENOTDIR as fits) for
 * unlink, rmdir and rename. */
enum vfs_name_op { VFS_NAME_CREATE, VFS_NAME_UNLINK, VFS_NAME_RMDIR, VFS_NAME_RENAME };
int vfs_nameless_error(struct inode *directory, const char *name, enum vfs_name_op op);

/* fd tables and fs contexts of tasks. */
struct files_struct *files_create(void);
struct files_struct *files_copy(struct files_struct *files);
void files_put(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
/* Install file at the lowest free fd >= minimum. Returns the fd or -EMFILE. Takes over the
 * caller's reference on success. */
int fd_install(struct file *file, int minimum, bool close_on_exec);
/* The file behind fd with a reference, or NULL. */
struct file *fd_get(int fd);
int fd_close(int fd);
/* Put file at exactly fd (closing what was there); takes over the reference. */
int fd_install_at(struct file *file, int fd, bool close_on_exec);
int fd_get_close_on_exec(int fd);
int fd_set_close_on_exec(int fd, bool value);

struct fs_struct *fs_create(void);
struct fs_struct *fs_copy(struct fs_struct *fs);
void fs_put(struct fs_struct *fs);

/* Character devices: major/minor -> file_operations. */
#define MKDEV(major, minor) (((uint64_t)(major) << 8) | (minor))
#define DEV_MAJOR(dev)	    ((unsigned)((dev) >> 8))
#define DEV_MINOR(dev)	    ((unsigned)((dev)&0xff))
int chrdev_register(unsigned major, unsigned minor, const struct file_operations *ops);
const struct file_operations *chrdev_lookup(uint64_t rdev);
void devices_init(void);
/* Create /dev and the standard nodes in the root file system. */
void devices_populate(void);
/* Live UNIX-domain sockets (ipc/unix_socket.c), for leak checks. */
size_t socket_count(void);
/* Make /proc (fs/procfs.c). */
void procfs_init(void);

#endif
