/*
 * Address spaces (include/mm.h): creation, sharing, teardown, switching, and writing into
 * another process's memory (exec builds the new stack before switching to it).
 */
#include "mm.h"
#include "kmalloc.h"
#include "panic.h"
#include "pmm.h"
#include "string.h"
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
	list_for_each_entry_safe(vma, next, &mm->vmas, node) {
		list_del(&vma->node);
		kfree(vma);
	}
	vmm_destroy_space(mm->page_table);
	kfree(mm);
	__atomic_sub_fetch(&live_mms, 1, __ATOMIC_RELAXED);
}

void mm_activate(struct mm_struct *mm)
{
	phys_addr_t space = mm ? mm->page_table : vmm_kernel_space();
	if (read_cr3() != space)
		write_cr3(space);
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
		if (!vmm_translate(mm->page_table, address, &phys, NULL)) {
			if (mm_handle_fault(mm, address, FAULT_USER) != 0)
				return -EFAULT;
			if (!vmm_translate(mm->page_table, address, &phys, NULL))
				return -EFAULT;
		}
		BUG_ON(pmm_refcount(phys) > 1); /* never into a page shared copy-on-write */
		memcpy(phys_to_virt(phys), bytes, chunk);
		bytes += chunk;
		address += chunk;
		length -= chunk;
	}
	return 0;
}
