/*
 * Address-space system calls: brk(2), mmap(2), munmap(2), mprotect(2), madvise(2) and
 * msync(2). Anonymous mappings, private or shared, and mappings of regular files:
 * MAP_SHARED shows the file's own pages (stores are the file's data at once, for read(2)
 * and every other mapper), MAP_PRIVATE shows them copy-on-write. Other files: -ENODEV.
 */
#include "handlers.h"
#include "kmalloc.h"
#include "mm.h"
#include "sched.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
#include "uapi/mman.h"

#define PROT_MASK (PROT_READ | PROT_WRITE | PROT_EXEC)

static unsigned vma_protection(int protection)
{
	unsigned flags = 0;
	if (protection & PROT_READ)
		flags |= VMA_READ;
	if (protection & PROT_WRITE)
		flags |= VMA_WRITE;
	if (protection & PROT_EXEC)
		flags |= VMA_EXEC;
	return flags;
}

long sys_brk(unsigned long address)
{
	return (long)mm_brk(current->mm, address);
}

/* A mapping of fd's file: checked as mmap(2) says, its pages appear on first touch. */
static long map_file(virt_addr_t address, size_t length, unsigned vma_flags, int flags, int fd,
		     int64_t offset)
{
	struct mm_struct *mm = current->mm;
	struct file *file = fd_get(fd);
	if (!file)
		return -EBADF;
	struct inode *inode = file->inode;
	unsigned access = file->flags & O_ACCMODE;
	long result;
	if (!inode || !S_ISREG(inode->mode) || !inode->ops || !inode->ops->map_page) {
		result = -ENODEV;
	} else if (access == O_WRONLY ||
		   ((vma_flags & VMA_SHARED) && (vma_flags & VMA_WRITE) && access != O_RDWR)) {
		result = -EACCES;
	} else if (offset < 0 || (uint64_t)offset + length < (uint64_t)offset) {
		result = -EOVERFLOW;
	} else {
		struct vm_area *vma = kzalloc(sizeof(*vma));
		virt_addr_t start = address;
		if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
			start = mm_find_free(mm, address, length);
		if (!vma || !start) {
			kfree(vma);
			result = -ENOMEM;
			goto out;
		}
		/* A shared mapping of a file not open for writing may never become writable. */
		if ((vma_flags & VMA_SHARED) && access != O_RDWR)
			vma_flags |= VMA_NO_MAYWRITE;
		*vma = (struct vm_area){.start = start,
					.end = start + length,
					.flags = vma_flags,
					.file = inode,
					.file_page = (size_t)offset / PAGE_SIZE};
		inode_get(inode);
		bool replace = (flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE);
		result = mm_insert_vma(mm, vma, replace);
		if (result) {
			vma_free(vma);
			if (result == -EEXIST && !(flags & MAP_FIXED_NOREPLACE))
				result = -ENOMEM; /* another thread took the free range first */
		} else {
			result = (long)start;
		}
	}
out:
	file_put(file);
	return result;
}

long sys_mmap(unsigned long address, size_t length, int protection, int flags, int fd,
	      int64_t offset)
{
	struct mm_struct *mm = current->mm;
	int type = flags & MAP_TYPE;

	if (offset & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) { /* like Linux, a bad descriptor is reported first */
		struct file *file = fd_get(fd);
		if (!file)
			return -EBADF;
		file_put(file);
	}
	if (length == 0 || (protection & ~PROT_MASK))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (length > USER_SPACE_END)
		return -ENOMEM;
	length = ALIGN_UP(length, PAGE_SIZE);
	unsigned vma_flags = vma_protection(protection) | (type != MAP_PRIVATE ? VMA_SHARED : 0);
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && (address & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return map_file(address, length, vma_flags, flags, fd, offset);

	virt_addr_t start = address;
	int error;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (address & (PAGE_SIZE - 1))
			return -EINVAL;
		error = mm_map(mm, address, length, vma_flags, !(flags & MAP_FIXED_NOREPLACE));
	} else {
		start = mm_find_free(mm, address, length);
		if (!start)
			return -ENOMEM;
		error = mm_map(mm, start, length, vma_flags, false);
		if (error == -EEXIST)
			error = -ENOMEM;
	}
	if (error)
		return error;
	/* Shared anonymous pages must exist before any fork (see mm_populate). */
	if ((vma_flags & VMA_SHARED) && mm_populate(mm, start, length) != 0) {
		mm_unmap(mm, start, length);
		return -ENOMEM;
	}
	return (long)start;
}

long sys_munmap(unsigned long address, size_t length)
{
	if (length == 0)
		return -EINVAL;
	return mm_unmap(current->mm, address, length);
}

long sys_mprotect(unsigned long address, size_t length, int protection)
{
	if (protection & ~PROT_MASK)
		return -EINVAL;
	if (length == 0)
		return (address & (PAGE_SIZE - 1)) ? -EINVAL : 0;
	return mm_protect(current->mm, address, length, vma_protection(protection));
}

#define MADV_DONTNEED 4

long sys_madvise(unsigned long address, size_t length, int advice)
{
	if (address & (PAGE_SIZE - 1))
		return -EINVAL;
	/* Advice is a hint; only MADV_DONTNEED changes what a program sees (zero pages). */
	if (advice == MADV_DONTNEED && length) {
		mm_discard(current->mm, address, ALIGN_UP(length, PAGE_SIZE));
	}
	return advice < 0 || advice > 100 ? -EINVAL : 0;
}

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

long sys_msync(unsigned long address, size_t length, int flags)
{
	if ((address & (PAGE_SIZE - 1)) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	/* A mapped file's pages are the file's own pages: nothing is ever out of date, so
	 * there is nothing to write back. Only the range is checked, as on Linux. */
	if (length && !mm_range_is_mapped(current->mm, address, ALIGN_UP(length, PAGE_SIZE)))
		return -ENOMEM;
	return 0;
}
