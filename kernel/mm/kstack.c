/*
 * Kernel stacks with guard pages (include/kstack.h). The stack area is cut into fixed slots
 * of one guard page plus KSTACK_PAGES stack pages; a bitmap says which slots are taken.
 * Stack pages come from the frame allocator one by one (they need not be contiguous: the
 * mapping makes them so).
 */
#include "kstack.h"
#include "bitmap.h"
#include "pmm.h"
#include "spinlock.h"
#include "vmm.h"

#define KSTACK_AREA_BASE (KERNEL_VAREA_BASE + 0x4000000000ul) /* 256 GiB into the area */
#define KSTACK_SLOT_SIZE ((KSTACK_PAGES + 1) * PAGE_SIZE)
#define KSTACK_SLOTS	 8192

extern const char boot_stack_guard[];

static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");
static uint64_t slots[BITMAP_WORDS(KSTACK_SLOTS)];
static size_t live_stacks;

static virt_addr_t slot_stack(size_t slot)
{
	return KSTACK_AREA_BASE + slot * KSTACK_SLOT_SIZE + PAGE_SIZE;
}

static void unmap_pages(virt_addr_t base, size_t pages)
{
	for (size_t i = 0; i < pages; i++) {
		phys_addr_t frame;
		if (vmm_unmap_page(vmm_kernel_space(), base + i * PAGE_SIZE, &frame) == 0)
			pmm_free_frames(frame, 1);
	}
}

static void release_slot(size_t slot)
{
	uint64_t flags = spin_lock_irqsave(&kstack_lock);
	bitmap_clear(slots, slot);
	live_stacks--;
	spin_unlock_irqrestore(&kstack_lock, flags);
}

void *kstack_alloc(void)
{
	size_t mapped = 0;
	uint64_t flags = spin_lock_irqsave(&kstack_lock);
	size_t slot = bitmap_find_clear_run(slots, KSTACK_SLOTS, 0, 1);
	if (slot < KSTACK_SLOTS) {
		bitmap_set(slots, slot);
		live_stacks++;
	}
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (slot >= KSTACK_SLOTS)
		return NULL;

	virt_addr_t base = slot_stack(slot);
	for (; mapped < KSTACK_PAGES; mapped++) {
		phys_addr_t frame = pmm_alloc_frame();
		if (!frame)
			goto err_unmap;
		if (vmm_map_page(vmm_kernel_space(), base + mapped * PAGE_SIZE, frame, VM_WRITE)) {
			pmm_free_frames(frame, 1);
			goto err_unmap;
		}
	}
	return (void *)base;

err_unmap:
	unmap_pages(base, mapped);
	release_slot(slot);
	return NULL;
}

void kstack_free(void *stack)
{
	virt_addr_t base = (virt_addr_t)stack;
	size_t slot = (base - PAGE_SIZE - KSTACK_AREA_BASE) / KSTACK_SLOT_SIZE;
	unmap_pages(base, KSTACK_PAGES);
	release_slot(slot);
}

size_t kstack_live_count(void)
{
	return READ_ONCE(live_stacks);
}

bool kstack_is_guard_address(virt_addr_t address)
{
	virt_addr_t boot_guard = (virt_addr_t)boot_stack_guard;
	if (address >= boot_guard && address < boot_guard + PAGE_SIZE)
		return true;
	if (address < KSTACK_AREA_BASE ||
	    address >= KSTACK_AREA_BASE + KSTACK_SLOTS * KSTACK_SLOT_SIZE)
		return false;
	return (address - KSTACK_AREA_BASE) % KSTACK_SLOT_SIZE < PAGE_SIZE;
}
