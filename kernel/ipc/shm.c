/*
 * System V shared memory: shmget(2), shmat(2), shmdt(2), shmctl(2), and the VMA hooks of
 * include/shm.h.
 *
 * A segment owns its page frames from shmget on (zero-filled). shmat maps them into the
 * caller as one shared VMA; fork gives the child the same frames (shared, never
 * copy-on-write) and one more attachment; shmdt, exec and exit take attachments away.
 * IPC_RMID only marks the segment (SHM_DEST, key back to IPC_PRIVATE): it goes when the
 * last attachment does.
 * The table mutex guards the segments; the attachment count is atomic, because it goes up
 * where the mutex cannot be taken (under mm->lock, a spinlock: mm_copy() at fork and
 * split_vma()); it goes down in vma_free(), which runs outside mm->lock.
 */
#include "format.h"
#include "kmalloc.h"
#include "mm.h"
#include "pmm.h"
#include "sched.h"
#include "shm.h"
#include "string.h"
#include "sysvipc.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "vmm.h"

#define SHMMAX (64ul << 20) /* largest segment Spindle makes (Linux allows much more) */

struct shm_segment {
	struct ipc_object object;
	size_t size;
	size_t pages;
	long attachments; /* shm_nattch (atomic) */
	int64_t attach_time, detach_time, change_time;
	int32_t creator, last_user;
	phys_addr_t frames[];
};

static struct ipc_table segments = {.lock = MUTEX_INIT(segments.lock)};

static struct shm_segment *segment_of(struct ipc_object *object)
{
	return container_of(object, struct shm_segment, object);
}

static void free_segment(struct shm_segment *segment)
{
	for (size_t i = 0; i < segment->pages; i++) {
		if (segment->frames[i])
			pmm_put(segment->frames[i]);
	}
	kfree(segment);
}

static struct ipc_object *create_segment(int32_t key, int flags, void *argument, int *error)
{
	size_t size = *(size_t *)argument;
	size_t pages = DIV_ROUND_UP(size, PAGE_SIZE);
	if (size == 0 || size > SHMMAX) {
		*error = -EINVAL;
		return NULL;
	}
	struct shm_segment *segment = kzalloc(sizeof(*segment) + pages * sizeof(phys_addr_t));
	if (!segment) {
		*error = -ENOMEM;
		return NULL;
	}
	segment->size = size;
	segment->pages = pages;
	for (size_t i = 0; i < pages; i++) {
		segment->frames[i] = pmm_alloc_frame();
		if (!segment->frames[i]) {
			free_segment(segment);
			*error = -ENOMEM;
			return NULL;
		}
		memset(phys_to_virt(segment->frames[i]), 0, PAGE_SIZE);
	}
	segment->creator = current->tgid;
	segment->change_time = ipc_now();
	return &segment->object;
}

static int check_segment(struct ipc_object *object, void *argument)
{
	return *(size_t *)argument > segment_of(object)->size ? -EINVAL : 0;
}

long sys_shmget(int32_t key, size_t size, int flags)
{
	mutex_lock(&segments.lock);
	long id = ipc_get(&segments, key, flags, create_segment, check_segment, &size);
	mutex_unlock(&segments.lock);
	return id;
}

void shm_vma_open(struct shm_segment *segment)
{
	__atomic_add_fetch(&segment->attachments, 1, __ATOMIC_RELAXED);
}

void shm_vma_close(struct shm_segment *segment)
{
	mutex_lock(&segments.lock);
	long left = __atomic_sub_fetch(&segment->attachments, 1, __ATOMIC_ACQ_REL);
	segment->detach_time = ipc_now();
	segment->last_user = current->tgid;
	if (left == 0 && segment->object.removed) {
		ipc_remove(&segments, &segment->object);
		free_segment(segment);
	}
	mutex_unlock(&segments.lock);
}

phys_addr_t shm_frame(struct shm_segment *segment, size_t index)
{
	return index < segment->pages ? segment->frames[index] : 0;
}

long sys_shmat(int id, unsigned long address, int flags)
{
	struct mm_struct *mm = current->mm;
	if (address & (SHMLBA - 1)) {
		if (!(flags & SHM_RND))
			return -EINVAL;
		address &= ~(unsigned long)(SHMLBA - 1);
	}
	mutex_lock(&segments.lock);
	struct ipc_object *object = ipc_find(&segments, id);
	if (!object) {
		mutex_unlock(&segments.lock);
		return -EINVAL;
	}
	struct shm_segment *segment = segment_of(object);
	shm_vma_open(segment); /* pinned: the VMA's attachment */
	segment->attach_time = ipc_now();
	segment->last_user = current->tgid;
	mutex_unlock(&segments.lock);

	size_t length = segment->pages * PAGE_SIZE;
	unsigned vma_flags = VMA_READ | VMA_SHARED |
			     ((flags & SHM_RDONLY) ? VMA_NO_MAYWRITE : VMA_WRITE) |
			     ((flags & SHM_EXEC) ? VMA_EXEC : 0);
	long result;
	struct vm_area *vma = kzalloc(sizeof(*vma));
	if (!vma) {
		result = -ENOMEM;
		goto err_close;
	}
	if (!address) {
		address = mm_find_free(mm, 0, length);
		if (!address) {
			kfree(vma);
			result = -ENOMEM;
			goto err_close;
		}
	}
	*vma = (struct vm_area){
		.start = address, .end = address + length, .flags = vma_flags, .shm = segment};
	result = mm_insert_vma(mm, vma, (flags & SHM_REMAP) != 0);
	if (result == -EEXIST)
		result = -EINVAL; /* shmat(2): the range is in use and SHM_REMAP was not given */
	if (result) {
		kfree(vma);
		goto err_close;
	}
	/* The pages appear on first touch (mm_handle_fault maps the segment's frames). */
	return (long)address;

err_close:
	shm_vma_close(segment);
	return result;
}

long sys_shmdt(unsigned long address)
{
	size_t length = mm_shm_attachment_length(current->mm, address);
	return length ? mm_unmap(current->mm, address, length) : -EINVAL;
}

static void fill_info(const struct shm_segment *segment, struct shmid64_ds *info)
{
	memset(info, 0, sizeof(*info));
	ipc_fill_perm(&segment->object, &info->shm_perm);
	info->shm_segsz = segment->size;
	info->shm_atime = segment->attach_time;
	info->shm_dtime = segment->detach_time;
	info->shm_ctime = segment->change_time;
	info->shm_cpid = segment->creator;
	info->shm_lpid = segment->last_user;
	info->shm_nattch = (uint64_t)READ_ONCE(segment->attachments);
}

/* One line of /proc/sysvipc/shm, in Linux's columns (rss and swap in bytes). */
static int show_segment(struct ipc_object *object, char *buffer, size_t size)
{
	struct shmid64_ds info;
	fill_info(segment_of(object), &info);
	return snprintf(buffer, size,
			"%10d %10d  %4o %21lu %5d %5d  %5lu %5u %5u %5u %5u %10ld %10ld %10ld "
			"%21lu %21lu\n",
			info.shm_perm.key, object->id, info.shm_perm.mode, info.shm_segsz,
			info.shm_cpid, info.shm_lpid, info.shm_nattch, info.shm_perm.uid,
			info.shm_perm.gid, info.shm_perm.cuid, info.shm_perm.cgid, info.shm_atime,
			info.shm_dtime, info.shm_ctime, segment_of(object)->pages * PAGE_SIZE, 0ul);
}

size_t shm_proc_show(char *buffer, size_t size)
{
	return ipc_proc_show(
		&segments, buffer, size,
		"       key      shmid perms                  size  cpid  lpid nattch "
		"  uid   gid  cuid  cgid      atime      dtime      ctime              "
		"     rss                  swap",
		show_segment);
}

long sys_shmctl(int id, int command, void *user_buffer)
{
	struct shmid64_ds info;
	long result = 0;
	command &= ~IPC_64;
	mutex_lock(&segments.lock);
	struct ipc_object *object = ipc_find(&segments, id);
	if (!object) {
		mutex_unlock(&segments.lock);
		return -EINVAL;
	}
	struct shm_segment *segment = segment_of(object);
	switch (command) {
	case IPC_STAT:
		fill_info(segment, &info);
		result = copy_to_user(user_buffer, &info, sizeof(info));
		break;
	case IPC_SET:
		if (copy_from_user(&info, user_buffer, sizeof(info)) != 0) {
			result = -EFAULT;
			break;
		}
		ipc_set_perm(object, &info.shm_perm);
		segment->change_time = ipc_now();
		break;
	case IPC_RMID:
		object->removed = true;
		object->perm.key = IPC_PRIVATE;
		object->perm.mode |= SHM_DEST;
		if (READ_ONCE(segment->attachments) == 0) {
			ipc_remove(&segments, object);
			free_segment(segment);
		}
		break;
	default:
		result = -EINVAL;
	}
	mutex_unlock(&segments.lock);
	return result;
}
