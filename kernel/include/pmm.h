/*
 * The physical memory manager (kernel/mm/pmm.c): hands out 4 KiB frames of RAM.
 *
 * Every frame has a struct page in one array (Linux's mem_map). Its reference count says how
 * many users the frame has; fork's copy-on-write will share a frame between processes and
 * copy only when a writer finds the count above one. A frame returns to the allocator when
 * its count drops to zero.
 *
 * All functions take the PMM lock themselves and are safe from any context.
 */
#ifndef SPINDLE_PMM_H
#define SPINDLE_PMM_H

#include "bootinfo.h"
#include "list.h"
#include "memlayout.h"

/* What a freed frame is filled with (DEBUG builds): Linux's PAGE_POISON. */
#define PMM_POISON 0xaa

struct kmem_cache;

enum page_kind {
	PAGE_KIND_FREE = 0,	 /* free since boot */
	PAGE_KIND_RESERVED,	 /* not RAM, or kernel image, modules, boot info */
	PAGE_KIND_ANY,		 /* allocated with pmm_alloc_* */
	PAGE_KIND_SLAB,		 /* a kmalloc slab */
	PAGE_KIND_KMALLOC_LARGE, /* first frame of a kmalloc() larger than a slab object */
	PAGE_KIND_POISONED,	 /* free again, filled with PMM_POISON (DEBUG builds check it) */
};

struct page {
	uint32_t refcount;    /* users of this frame; 0 when free */
	uint16_t kind;	      /* enum page_kind */
	uint16_t slab_in_use; /* PAGE_KIND_SLAB: objects handed out from this slab */
	union {
		struct { /* PAGE_KIND_SLAB */
			struct kmem_cache *slab_cache;
			void *slab_free_list;
			struct list_head slab_node;
		};
		size_t large_frames; /* PAGE_KIND_KMALLOC_LARGE: frames in the allocation */
	};
};

/* Set up from the boot memory map. Returns the number of usable frames. */
size_t pmm_init(const struct boot_info *info);

/* One frame, refcount 1, or 0 when memory is exhausted. Never returns frame 0. */
phys_addr_t pmm_alloc_frame(void);
/* `count` physically contiguous frames, each with refcount 1, or 0. */
phys_addr_t pmm_alloc_frames(size_t count);
/* Like pmm_alloc_frames, restricted to physical addresses below `limit`. */
phys_addr_t pmm_alloc_frames_below(size_t count, phys_addr_t limit);
/* Return frames from pmm_alloc_frames whose refcount is 1. BUG if they are not allocated. */
void pmm_free_frames(phys_addr_t start, size_t count);

/* Reference counting for shared frames: pmm_put frees the frame when the count reaches 0. */
void pmm_get(phys_addr_t frame);
void pmm_put(phys_addr_t frame);
uint32_t pmm_refcount(phys_addr_t frame);

size_t pmm_free_count(void);
size_t pmm_usable_count(void);
/* The struct page for a physical address, or NULL outside RAM. */
struct page *pmm_page(phys_addr_t address);
phys_addr_t pmm_page_address(const struct page *page);

/* Direct-map conversions: every RAM byte is at DIRECT_MAP_BASE + its physical address. */
static inline void *phys_to_virt(phys_addr_t address)
{
	return (void *)(DIRECT_MAP_BASE + address);
}

/* Physical address of a direct-map or kernel-image address. */
phys_addr_t virt_to_phys(const void *address);

#endif
