/*
 * Address spaces (include/mm.h): creation, sharing, teardown, switching, and writing into
 * another process's memory (exec builds the new stack before switching to it).
 */
#include "mm.h"
#include "kmalloc.h"
#include "shm.h"
#include "panic.h"
#include "pmm.h"
#include "string.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "vmm.h"
#include "arch/cpu.h"

static size_t live_mms;

size_t mm_count(void)
{
	return READ_ONCE(live_mms);
}

struct mm_struct *mm_create(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->page_table = vmm_create_space();
	if (!mm->page_table) {
		kfree(mm);
		return NULL;
	}
	spin_lock_init(&mm->lock, "mm");
	list_init(&mm->vmas);
	mm->users = 1;
	mm->mmap_hint = USER_MMAP_TOP;
	__atomic_add_fetch(&live_mms, 1, __ATOMIC_RELAXED);
	return mm;
}

void mm_get(struct mm_struct *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

void mm_put(struct mm_struct *mm)
{
	struct vm_area *vma, *next;
	long left = __atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left > 0)
		return;
	list_for_each_entry_safe (vma, next, &mm->vmas, node) {
		list_del(&vma->node);
		vma_free(vma);
	}
	vmm_destroy_space(mm->page_table);
	kfree(mm);
	__atomic_sub_fetch(&live_mms, 1, __ATOMIC_RELAXED);
}

struct mm_struct *mm_copy(struct mm_struct *old)
{
	struct mm_struct *mm = mm_create();
	struct vm_area *vma;
	if (!mm)
		return NULL;
	uint64_t flags = spin_lock_irqsave(&old->lock);
	list_for_each_entry (vma, &old->vmas, node) {
		struct vm_area *copy = kmalloc(sizeof(*copy));
		if (!copy)
			goto err_unlock;
		*copy = *vma;
		if (copy->shm)
			shm_vma_open(copy->shm); /* the child is attached too */
		if (copy->file)
			inode_get(copy->file);
		list_add_tail(&copy->node, &mm->vmas);
		mm->vma_count++;
		if (vmm_copy_user_range(old->page_table, mm->page_table, vma->start, vma->end,
					vma->flags & VMA_SHARED) != 0)
			goto err_unlock;
	}
	mm->resident_pages = old->resident_pages;
	mm->peak_resident_pages = old->resident_pages;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	mm->mmap_hint = old->mmap_hint;
	spin_unlock_irqrestore(&old->lock, flags);
	return mm;

err_unlock:
	spin_unlock_irqrestore(&old->lock, flags);
	mm_put(mm);
	return NULL;
}

void mm_activate(struct mm_struct *mm)
{
	phys_addr_t space = mm ? mm->page_table : vmm_kernel_space();
	if (read_cr3() != space)
		write_cr3(space);
}

struct vm_area *mm_find_vma_locked(struct mm_struct *mm, virt_addr_t address);

/* Is address in a MAP_SHARED (or System V shm) VMA, whose frames are written in place? */
static bool address_is_shared(struct mm_struct *mm, virt_addr_t address)
{
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	struct vm_area *vma = mm_find_vma_locked(mm, address);
	bool shared = vma && (vma->flags & VMA_SHARED);
	spin_unlock_irqrestore(&mm->lock, flags);
	return shared;
}

int mm_write_remote(struct mm_struct *mm, virt_addr_t address, const void *data, size_t length)
{
	const uint8_t *bytes = data;
	while (length > 0) {
		phys_addr_t phys;
		virt_addr_t page = ALIGN_DOWN(address, PAGE_SIZE);
		size_t chunk = MIN(length, page + PAGE_SIZE - address);
		/* The kernel fills pages the program itself may not write (text, rodata):
		 * fault the page in as a read, then write through the direct map. */
		if (!vmm_translate(mm->page_table, address, &phys, NULL) &&
		    (mm_handle_fault(mm, address, FAULT_USER) != 0 ||
		     !vmm_translate(mm->page_table, address, &phys, NULL)))
			return -EFAULT; /* absent: fault it in as a read */
		/* A frame shared copy-on-write (after fork, or a private file page): take a
		 * private copy first. A MAP_SHARED page is written in place, as the program would.
		 */
		if (pmm_refcount(phys) > 1 && !address_is_shared(mm, address) &&
		    (mm_handle_fault(mm, address, FAULT_USER | FAULT_WRITE) != 0 ||
		     !vmm_translate(mm->page_table, address, &phys, NULL) ||
		     pmm_refcount(phys) > 1))
			return -EFAULT;
		memcpy(phys_to_virt(phys), bytes, chunk);
		bytes += chunk;
		address += chunk;
		length -= chunk;
	}
	return 0;
}
