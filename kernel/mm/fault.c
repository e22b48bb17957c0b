/*
 * User page faults (include/mm.h): demand paging and copy-on-write.
 *
 *   not present, a VMA allows the access
 *       anonymous                         -> a zeroed frame is mapped (demand paging)
 *       System V shared memory            -> the segment's frame
 *       a file, MAP_SHARED                -> the file's own frame: stores reach the file
 *       a file, MAP_PRIVATE               -> the file's frame read-only; a write copies it
 *       a file, past its end              -> -ENXIO: the caller raises SIGBUS (mmap(2))
 *   present, a write, VMA writable, page read-only
 *       a MAP_SHARED VMA                  -> make it writable (shared pages are never copied)
 *       frame shared (refcount > 1)       -> copy it, map the copy writable (copy-on-write)
 *       frame ours alone                  -> just make it writable again
 *   anything else                         -> -EFAULT: the caller raises SIGSEGV
 */
#include "mm.h"
#include "pmm.h"
#include "shm.h"
#include "string.h"
#include "uapi/errno.h"
#include "vfs.h"
#include "vmm.h"

struct vm_area *mm_find_vma_locked(struct mm_struct *mm, virt_addr_t address);

static size_t cow_copies;

size_t mm_cow_copy_count(void)
{
	return READ_ONCE(cow_copies);
}

static unsigned page_flags(unsigned vma_flags)
{
	unsigned flags = VM_USER;
	if (vma_flags & VMA_WRITE)
		flags |= VM_WRITE;
	if (vma_flags & VMA_EXEC)
		flags |= VM_EXEC;
	return flags;
}

static bool vma_allows(const struct vm_area *vma, unsigned access)
{
	if (!(vma->flags & (VMA_READ | VMA_WRITE | VMA_EXEC)))
		return false;
	if ((access & FAULT_WRITE) && !(vma->flags & VMA_WRITE))
		return false;
	if ((access & FAULT_EXEC) && !(vma->flags & VMA_EXEC))
		return false;
	return true;
}

static int map_zeroed_page(struct mm_struct *mm, virt_addr_t page, unsigned flags)
{
	phys_addr_t frame = pmm_alloc_frame();
	if (!frame)
		return -ENOMEM;
	memset(phys_to_virt(frame), 0, PAGE_SIZE);
	int result = vmm_map_page(mm->page_table, page, frame, flags);
	if (result != 0) {
		pmm_free_frames(frame, 1);
		return result == -EEXIST ? 0 : -ENOMEM;
	}
	mm_count_resident(mm);
	return 0;
}

static int map_shared_frame(struct mm_struct *mm, virt_addr_t page, phys_addr_t frame,
			    unsigned flags)
{
	pmm_get(frame);
	int result = vmm_map_page(mm->page_table, page, frame, flags);
	if (result != 0) {
		pmm_put(frame);
		return result == -EEXIST ? 0 : -ENOMEM;
	}
	mm_count_resident(mm);
	return 0;
}

static int break_cow(struct mm_struct *mm, virt_addr_t page, phys_addr_t frame, unsigned flags)
{
	if (pmm_refcount(frame) == 1)
		return vmm_set_flags(mm->page_table, page, flags);
	phys_addr_t copy = pmm_alloc_frame();
	if (!copy)
		return -ENOMEM;
	memcpy(phys_to_virt(copy), phys_to_virt(frame), PAGE_SIZE);
	phys_addr_t old;
	vmm_unmap_page(mm->page_table, page, &old);
	if (vmm_map_page(mm->page_table, page, copy, flags) != 0) {
		vmm_map_page(mm->page_table, page, old, flags & ~VM_WRITE);
		pmm_free_frames(copy, 1);
		return -ENOMEM;
	}
	pmm_put(old);
	__atomic_add_fetch(&cow_copies, 1, __ATOMIC_RELAXED);
	mm->cow_copies++;
	return 0;
}

/* A page of a mapped file. The file system hands out its frame (referenced); a private
 * mapping shows it read-only until the first write, which takes a copy. */
static int map_file_page(struct mm_struct *mm, struct vm_area *vma, virt_addr_t page,
			 unsigned access, unsigned flags)
{
	phys_addr_t frame;
	size_t index = vma->file_page + (page - vma->start) / PAGE_SIZE;
	int result = vma->file->ops->map_page(vma->file, index, &frame);
	if (result != 0)
		return result;
	if (!(vma->flags & VMA_SHARED)) {
		if (access & FAULT_WRITE) {
			phys_addr_t copy = pmm_alloc_frame();
			if (!copy) {
				pmm_put(frame);
				return -ENOMEM;
			}
			memcpy(phys_to_virt(copy), phys_to_virt(frame), PAGE_SIZE);
			pmm_put(frame);
			frame = copy;
			__atomic_add_fetch(&cow_copies, 1, __ATOMIC_RELAXED);
			mm->cow_copies++;
		} else {
			flags &= ~VM_WRITE;
		}
	}
	result = vmm_map_page(mm->page_table, page, frame, flags);
	if (result != 0) {
		pmm_put(frame);
		return result == -EEXIST ? 0 : -ENOMEM;
	}
	mm_count_resident(mm);
	return 0;
}

int mm_handle_fault(struct mm_struct *mm, virt_addr_t address, unsigned access)
{
	virt_addr_t page = ALIGN_DOWN(address, PAGE_SIZE);
	phys_addr_t frame;
	unsigned present_flags;
	int result = -EFAULT;

	if (address >= USER_SPACE_END)
		return -EFAULT;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	struct vm_area *vma = mm_find_vma_locked(mm, address);
	if (!vma || !vma_allows(vma, access))
		goto out;
	unsigned wanted = page_flags(vma->flags);
	if (!vmm_translate(mm->page_table, page, &frame, &present_flags)) {
		if (vma->shm) /* a shared-memory page: always the segment's own frame */
			result = map_shared_frame(
				mm, page,
				shm_frame(vma->shm,
					  vma->shm_page + (page - vma->start) / PAGE_SIZE),
				wanted);
		else if (vma->file)
			result = map_file_page(mm, vma, page, access, wanted);
		else
			result = map_zeroed_page(mm, page, wanted);
	} else if ((access & FAULT_WRITE) && !(present_flags & VM_WRITE)) {
		result = vma->flags & VMA_SHARED ? vmm_set_flags(mm->page_table, page, wanted)
						 : break_cow(mm, page, frame, wanted);
	} else {
		/* Already allowed: another thread got here first, or a stale TLB entry. */
		result = 0;
	}
out:
	spin_unlock_irqrestore(&mm->lock, flags);
	return result;
}

int mm_populate(struct mm_struct *mm, virt_addr_t start, size_t length)
{
	int result = 0;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	for (virt_addr_t page = start; page < start + length && result == 0; page += PAGE_SIZE) {
		struct vm_area *vma = mm_find_vma_locked(mm, page);
		if (!vma || !(vma->flags & (VMA_READ | VMA_WRITE | VMA_EXEC)) || vma->file)
			continue; /* file pages come from the file, at the first touch */
		if (!vmm_translate(mm->page_table, page, NULL, NULL))
			result = map_zeroed_page(mm, page, page_flags(vma->flags));
	}
	spin_unlock_irqrestore(&mm->lock, flags);
	return result;
}
