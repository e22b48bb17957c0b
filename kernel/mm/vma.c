/*
 * VMA bookkeeping (include/mm.h): mapping, unmapping, protecting and the program break.
 * The semantics follow mmap(2), munmap(2), mprotect(2) and brk(2): ranges are page
 * aligned, unmapping splits or trims VMAs, and unmapping or protecting never-mapped space
 * is handled as those pages say (munmap: fine; mprotect: -ENOMEM).
 */
#include "mm.h"
#include "kmalloc.h"
#include "shm.h"
#include "task.h"
#include "vfs.h"
#include "pmm.h"
#include "uapi/errno.h"
#include "vmm.h"

static unsigned page_flags(unsigned vma_flags)
{
	unsigned flags = VM_USER;
	if (vma_flags & VMA_WRITE)
		flags |= VM_WRITE;
	if (vma_flags & VMA_EXEC)
		flags |= VM_EXEC;
	return flags;
}

static bool range_is_user(virt_addr_t start, size_t length)
{
	return length > 0 && start >= USER_MIN_ADDRESS && start < USER_SPACE_END &&
	       length <= USER_SPACE_END - start;
}

/* The first VMA that ends above address (it may start above it too), or NULL. */
static struct vm_area *vma_first_ending_after(struct mm_struct *mm, virt_addr_t address)
{
	struct vm_area *vma;
	list_for_each_entry (vma, &mm->vmas, node) {
		if (vma->end > address)
			return vma;
	}
	return NULL;
}

struct vm_area *mm_find_vma_locked(struct mm_struct *mm, virt_addr_t address)
{
	struct vm_area *vma = vma_first_ending_after(mm, address);
	return vma && vma->start <= address ? vma : NULL;
}

static bool range_is_free(struct mm_struct *mm, virt_addr_t start, size_t length)
{
	struct vm_area *vma = vma_first_ending_after(mm, start);
	return !vma || vma->start >= start + length;
}

static void insert_sorted(struct mm_struct *mm, struct vm_area *new_vma)
{
	struct vm_area *vma;
	list_for_each_entry (vma, &mm->vmas, node) {
		if (vma->start > new_vma->start)
			break;
	}
	list_add_tail(&new_vma->node, &vma->node); /* before vma, or at the end */
	mm->vma_count++;
}

/* Split vma at address (strictly inside it); the upper part becomes a new VMA. */
static int split_vma(struct mm_struct *mm, struct vm_area *vma, virt_addr_t address)
{
	struct vm_area *upper = kmalloc(sizeof(*upper));
	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	upper->start = address;
	if (upper->shm) {
		/* Each piece counts as an attachment, as on Linux (shm_nattch). */
		upper->shm_page += (address - vma->start) / PAGE_SIZE;
		shm_vma_open(upper->shm);
	}
	if (upper->file) {
		upper->file_page += (address - vma->start) / PAGE_SIZE;
		inode_get(upper->file);
	}
	vma->end = address;
	list_add(&upper->node, &vma->node);
	mm->vma_count++;
	return 0;
}

static void unmap_pages(struct mm_struct *mm, virt_addr_t start, virt_addr_t end)
{
	for (virt_addr_t page = start; page < end; page += PAGE_SIZE) {
		phys_addr_t frame;
		if (vmm_unmap_page(mm->page_table, page, &frame) == 0) {
			pmm_put(frame);
			mm->resident_pages--;
		}
	}
}

/* Unmap [start, end); the VMAs that go are moved to `dead` for vma_free() after unlocking. */
static int unmap_locked(struct mm_struct *mm, virt_addr_t start, virt_addr_t end,
			struct list_head *dead)
{
	struct vm_area *vma, *next;
	list_for_each_entry_safe (vma, next, &mm->vmas, node) {
		if (vma->end <= start || vma->start >= end)
			continue;
		/* Split first (the only step that can fail), then drop the middle. */
		if (vma->start < start) {
			if (split_vma(mm, vma, start) != 0)
				return -ENOMEM;
			/* The upper part was inserted right after vma: visit it next. */
			next = list_entry(vma->node.next, struct vm_area, node);
			continue;
		}
		if (vma->end > end && split_vma(mm, vma, end) != 0)
			return -ENOMEM;
		unmap_pages(mm, vma->start, vma->end);
		list_del(&vma->node);
		mm->vma_count--;
		list_add_tail(&vma->node, dead);
	}
	return 0;
}

void vma_free(struct vm_area *vma)
{
	if (vma->shm)
		shm_vma_close(vma->shm);
	if (vma->file)
		inode_put(vma->file);
	kfree(vma);
}

static void free_dead(struct list_head *dead)
{
	struct vm_area *vma, *next;
	list_for_each_entry_safe (vma, next, dead, node) {
		list_del(&vma->node);
		vma_free(vma);
	}
}

void mm_discard(struct mm_struct *mm, virt_addr_t start, size_t length)
{
	if (!range_is_user(start, length))
		return;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	unmap_pages(mm, start, start + length);
	spin_unlock_irqrestore(&mm->lock, flags);
}

int mm_unmap(struct mm_struct *mm, virt_addr_t start, size_t length)
{
	if (!IS_ALIGNED(start, PAGE_SIZE) || !range_is_user(start, length))
		return -EINVAL;
	length = ALIGN_UP(length, PAGE_SIZE);
	LIST_HEAD(dead);
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	int result = unmap_locked(mm, start, start + length, &dead);
	spin_unlock_irqrestore(&mm->lock, flags);
	free_dead(&dead);
	return result;
}

int mm_map(struct mm_struct *mm, virt_addr_t start, size_t length, unsigned vma_flags, bool fixed)
{
	if (!IS_ALIGNED(start, PAGE_SIZE) || !range_is_user(start, length))
		return -EINVAL;
	length = ALIGN_UP(length, PAGE_SIZE);
	struct vm_area *vma = kmalloc(sizeof(*vma));
	if (!vma)
		return -ENOMEM;
	*vma = (struct vm_area){.start = start, .end = start + length, .flags = vma_flags};

	int result = 0;
	LIST_HEAD(dead);
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	if (fixed)
		result = unmap_locked(mm, start, start + length, &dead);
	else if (!range_is_free(mm, start, length))
		result = -EEXIST;
	if (result == 0)
		insert_sorted(mm, vma);
	spin_unlock_irqrestore(&mm->lock, flags);
	free_dead(&dead);
	if (result != 0)
		kfree(vma);
	return result;
}

int mm_insert_vma(struct mm_struct *mm, struct vm_area *vma, bool replace)
{
	if (!range_is_user(vma->start, vma->end - vma->start))
		return -EINVAL;
	int result = 0;
	LIST_HEAD(dead);
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	if (replace)
		result = unmap_locked(mm, vma->start, vma->end, &dead);
	else if (!range_is_free(mm, vma->start, vma->end - vma->start))
		result = -EEXIST;
	if (result == 0)
		insert_sorted(mm, vma);
	spin_unlock_irqrestore(&mm->lock, flags);
	free_dead(&dead);
	return result;
}

size_t mm_shm_attachment_length(struct mm_struct *mm, virt_addr_t address)
{
	struct vm_area *vma;
	size_t length = 0;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	vma = mm_find_vma_locked(mm, address);
	if (vma && vma->shm && vma->start == address && vma->shm_page == 0) {
		/* The attachment may have been split (mprotect): take every piece of it. */
		struct shm_segment *segment = vma->shm;
		virt_addr_t end = vma->end;
		list_for_each_entry_continue(vma, &mm->vmas, node)
		{
			if (vma->shm != segment || vma->start != end)
				break;
			end = vma->end;
		}
		length = end - address;
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	return length;
}

virt_addr_t mm_find_free(struct mm_struct *mm, virt_addr_t hint, size_t length)
{
	virt_addr_t found = 0;
	length = ALIGN_UP(length, PAGE_SIZE);
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	hint = ALIGN_DOWN(hint, PAGE_SIZE);
	if (hint && range_is_user(hint, length) && range_is_free(mm, hint, length)) {
		found = hint;
		goto out;
	}
	/* Top down from the mmap area, below every VMA in the way. */
	virt_addr_t candidate = USER_MMAP_TOP - length;
	struct vm_area *vma;
	list_for_each_entry_reverse(vma, &mm->vmas, node)
	{
		if (vma->start >= candidate + length)
			continue;
		if (vma->end <= candidate)
			break;
		if (vma->start < USER_MMAP_BOTTOM + length)
			goto out;
		candidate = vma->start - length;
	}
	if (length <= USER_MMAP_TOP - USER_MMAP_BOTTOM && candidate >= USER_MMAP_BOTTOM &&
	    candidate < USER_MMAP_TOP)
		found = candidate;
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return found;
}

int mm_protect(struct mm_struct *mm, virt_addr_t start, size_t length, unsigned protection)
{
	if (!IS_ALIGNED(start, PAGE_SIZE) || !range_is_user(start, length))
		return -EINVAL;
	virt_addr_t end = start + ALIGN_UP(length, PAGE_SIZE);
	int result = 0;
	uint64_t flags = spin_lock_irqsave(&mm->lock);

	/* Every page must be covered by some VMA. */
	virt_addr_t covered = start;
	struct vm_area *vma, *next;
	list_for_each_entry (vma, &mm->vmas, node) {
		if (vma->end <= covered || vma->start >= end)
			continue;
		if (vma->start > covered)
			break;
		if ((protection & VMA_WRITE) && (vma->flags & VMA_NO_MAYWRITE)) {
			result = -EACCES; /* mprotect(2): the file was not opened for writing */
			goto out;
		}
		covered = vma->end;
	}
	if (covered < end) {
		result = -ENOMEM;
		goto out;
	}
	list_for_each_entry_safe (vma, next, &mm->vmas, node) {
		if (vma->end <= start || vma->start >= end)
			continue;
		if (vma->start < start) {
			if (split_vma(mm, vma, start) != 0) {
				result = -ENOMEM;
				goto out;
			}
			next = list_entry(vma->node.next, struct vm_area, node);
			continue;
		}
		if (vma->end > end && split_vma(mm, vma, end) != 0) {
			result = -ENOMEM;
			goto out;
		}
		vma->flags = (vma->flags & ~(VMA_READ | VMA_WRITE | VMA_EXEC)) | protection;
		for (virt_addr_t page = vma->start; page < vma->end; page += PAGE_SIZE) {
			phys_addr_t frame;
			if (!vmm_translate(mm->page_table, page, &frame, NULL))
				continue;
			unsigned page_access = page_flags(vma->flags);
			/* A page still shared copy-on-write stays read-only until written. */
			if (!(vma->flags & VMA_SHARED) && pmm_refcount(frame) > 1)
				page_access &= ~VM_WRITE;
			if (!(vma->flags & (VMA_READ | VMA_WRITE | VMA_EXEC))) {
				unmap_pages(mm, page, page + PAGE_SIZE); /* PROT_NONE */
				continue;
			}
			vmm_set_flags(mm->page_table, page, page_access);
		}
	}
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return result;
}

virt_addr_t mm_brk(struct mm_struct *mm, virt_addr_t new_brk)
{
	LIST_HEAD(dead);
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	virt_addr_t old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	virt_addr_t new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	struct vm_area *heap = mm_find_vma_locked(mm, mm->start_brk);

	if (new_brk < mm->start_brk || new_brk >= USER_MMAP_BOTTOM)
		goto out;
	if (new_end > old_end) {
		if (!range_is_free(mm, old_end, new_end - old_end))
			goto out;
		if (heap && heap->end == old_end && (heap->flags & VMA_HEAP) && !heap->file &&
		    !heap->shm) {
			heap->end = new_end;
		} else {
			struct vm_area *vma = kmalloc(sizeof(*vma));
			if (!vma)
				goto out;
			*vma = (struct vm_area){.start = old_end,
						.end = new_end,
						.flags = VMA_READ | VMA_WRITE | VMA_HEAP};
			insert_sorted(mm, vma);
		}
	} else if (new_end < old_end) {
		if (unmap_locked(mm, new_end, old_end, &dead) != 0)
			goto out;
	}
	mm->brk = new_brk;
out:
	new_brk = mm->brk;
	spin_unlock_irqrestore(&mm->lock, flags);
	free_dead(&dead);
	return new_brk;
}

bool mm_range_is_mapped(struct mm_struct *mm, virt_addr_t start, size_t length)
{
	if (!range_is_user(start, length))
		return false;
	bool mapped = true;
	virt_addr_t at = start;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	while (at < start + length && mapped) {
		struct vm_area *vma = mm_find_vma_locked(mm, at);
		if (vma)
			at = vma->end;
		else
			mapped = false;
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	return mapped;
}

struct file_cut {
	struct inode *inode;
	size_t first_page;
};

static bool unmap_file_pages_of(struct task_struct *task, void *data)
{
	struct file_cut *cut = data;
	struct mm_struct *mm = task->mm;
	struct vm_area *vma;
	if (!mm)
		return true;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	list_for_each_entry (vma, &mm->vmas, node) {
		size_t pages = (vma->end - vma->start) / PAGE_SIZE;
		if (vma->file != cut->inode || vma->file_page + pages <= cut->first_page)
			continue;
		virt_addr_t from = vma->start;
		if (cut->first_page > vma->file_page)
			from += (cut->first_page - vma->file_page) * PAGE_SIZE;
		unmap_pages(mm, from, vma->end); /* private copies too, as on Linux */
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	return true;
}

void mm_unmap_file_pages(struct inode *inode, size_t first_page)
{
	struct file_cut cut = {inode, first_page};
	/* Threads sharing an mm visit it more than once; the second visit finds nothing. */
	for_each_task(unmap_file_pages_of, &cut);
}
