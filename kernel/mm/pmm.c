/*
 * Physical memory manager (include/pmm.h).
 *
 * Boot: find the highest usable address, carve the bitmap and the struct page array out of
 * the first usable RAM that holds nothing important, mark the memory map's usable regions
 * free, then take back everything that must never be handed out: the first MiB (BIOS data,
 * real-mode structures), the kernel image, the boot modules, the loader's information
 * structure and our own tables.
 *
 * In DEBUG builds a freed frame is filled with PMM_POISON and checked when it is handed out
 * again: a write through a stale pointer to freed memory becomes a panic naming the frame,
 * and a read through one sees an unmistakable pattern instead of plausible old data.
 */
#include "pmm.h"
#include "bitmap.h"
#include "frame_allocator.h"
#include "panic.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"

extern const char kernel_phys_start[], kernel_phys_end[];

static struct spinlock pmm_lock = SPINLOCK_INIT("pmm");
static struct frame_allocator allocator;
static struct page *pages;
static size_t usable_frames;

struct range {
	phys_addr_t start, end;
};

#define LOW_MEMORY_END 0x100000

static size_t collect_reserved(const struct boot_info *info, struct range *ranges)
{
	size_t count = 0;
	ranges[count++] = (struct range){0, LOW_MEMORY_END};
	ranges[count++] =
		(struct range){(phys_addr_t)kernel_phys_start, (phys_addr_t)kernel_phys_end};
	ranges[count++] = (struct range){info->info_start, info->info_end};
	for (size_t i = 0; i < info->module_count; i++)
		ranges[count++] = (struct range){info->modules[i].start, info->modules[i].end};
	return count;
}

/* First usable, page-aligned range of `size` bytes below 4 GiB that overlaps no reserved range. */
static phys_addr_t find_boot_space(const struct boot_info *info, const struct range *reserved,
				   size_t reserved_count, uint64_t size)
{
	for (size_t i = 0; i < info->region_count; i++) {
		const struct memory_region *region = &info->regions[i];
		if (region->type != MEMORY_AVAILABLE)
			continue;
		phys_addr_t start = ALIGN_UP(region->base, PAGE_SIZE);
		phys_addr_t end = region->base + region->length;
		bool moved = true;
		while (moved) {
			moved = false;
			for (size_t r = 0; r < reserved_count; r++) {
				if (start < reserved[r].end && start + size > reserved[r].start) {
					start = ALIGN_UP(reserved[r].end, PAGE_SIZE);
					moved = true;
				}
			}
		}
		if (start + size <= end && start + size <= BOOT_MAPPED_BYTES)
			return start;
	}
	return 0;
}

size_t pmm_init(const struct boot_info *info)
{
	struct range reserved[4 + BOOT_MAX_MODULES];
	size_t reserved_count = collect_reserved(info, reserved);
	phys_addr_t highest = 0;

	for (size_t i = 0; i < info->region_count; i++) {
		const struct memory_region *region = &info->regions[i];
		if (region->type == MEMORY_AVAILABLE && region->base + region->length > highest)
			highest = region->base + region->length;
	}
	size_t frame_count = highest / PAGE_SIZE;
	uint64_t bitmap_bytes = ALIGN_UP(BITMAP_WORDS(frame_count) * 8, 64);
	uint64_t table_bytes =
		ALIGN_UP(bitmap_bytes + frame_count * sizeof(struct page), PAGE_SIZE);
	phys_addr_t tables = find_boot_space(info, reserved, reserved_count, table_bytes);
	if (!tables)
		panic("pmm: no room for the frame tables (%lu bytes)", table_bytes);

	uint64_t *bitmap = phys_to_virt(tables);
	pages = phys_to_virt(tables + bitmap_bytes);
	memset(pages, 0, frame_count * sizeof(struct page));
	frame_allocator_init(&allocator, bitmap, frame_count);

	for (size_t i = 0; i < info->region_count; i++) {
		const struct memory_region *region = &info->regions[i];
		if (region->type != MEMORY_AVAILABLE)
			continue;
		phys_addr_t start = ALIGN_UP(region->base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(region->base + region->length, PAGE_SIZE);
		if (end > start)
			frame_allocator_add_free(&allocator, start / PAGE_SIZE,
						 (end - start) / PAGE_SIZE);
	}
	reserved[reserved_count++] = (struct range){tables, tables + table_bytes};
	for (size_t r = 0; r < reserved_count; r++) {
		phys_addr_t start = ALIGN_DOWN(reserved[r].start, PAGE_SIZE);
		phys_addr_t end = ALIGN_UP(reserved[r].end, PAGE_SIZE);
		frame_allocator_reserve(&allocator, start / PAGE_SIZE, (end - start) / PAGE_SIZE);
	}
	for (size_t frame = 0; frame < frame_count; frame++) {
		if (!frame_allocator_is_free(&allocator, frame))
			pages[frame].kind = PAGE_KIND_RESERVED;
	}
	usable_frames = allocator.free_count;
	return usable_frames;
}

#ifdef CONFIG_DEBUG
static void poison_frame(size_t frame)
{
	memset(phys_to_virt((phys_addr_t)frame * PAGE_SIZE), PMM_POISON, PAGE_SIZE);
}

static void check_poison(size_t frame)
{
	const uint64_t *words = phys_to_virt((phys_addr_t)frame * PAGE_SIZE);
	uint64_t pattern = 0x0101010101010101ull * PMM_POISON;
	for (size_t i = 0; i < PAGE_SIZE / sizeof(uint64_t); i++)
		if (words[i] != pattern)
			panic("pmm: frame %#lx was written after it was freed (offset %#lx holds "
			      "%#lx)",
			      (phys_addr_t)frame * PAGE_SIZE, i * sizeof(uint64_t), words[i]);
}
#else
static void poison_frame(size_t frame)
{
	(void)frame;
}

static void check_poison(size_t frame)
{
	(void)frame;
}
#endif

static phys_addr_t alloc_locked(size_t count, size_t limit_frame)
{
	size_t first = frame_allocator_alloc(&allocator, count, limit_frame);
	if (first == FRAME_NONE)
		return 0;
	for (size_t frame = first; frame < first + count; frame++) {
		if (pages[frame].kind == PAGE_KIND_POISONED)
			check_poison(frame);
		pages[frame].refcount = 1;
		pages[frame].kind = PAGE_KIND_ANY;
	}
	return (phys_addr_t)first * PAGE_SIZE;
}

phys_addr_t pmm_alloc_frames_below(size_t count, phys_addr_t limit)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	phys_addr_t result = alloc_locked(count, limit / PAGE_SIZE);
	spin_unlock_irqrestore(&pmm_lock, flags);
	return result;
}

phys_addr_t pmm_alloc_frames(size_t count)
{
	return pmm_alloc_frames_below(count, (phys_addr_t)FRAME_NONE);
}

phys_addr_t pmm_alloc_frame(void)
{
	return pmm_alloc_frames(1);
}

static void free_locked(size_t first, size_t count)
{
	for (size_t frame = first; frame < first + count; frame++) {
		pages[frame] = (struct page){0};
		poison_frame(frame);
		pages[frame].kind = PAGE_KIND_POISONED;
	}
	if (frame_allocator_free(&allocator, first, count) != 0)
		panic("pmm: freeing frames %#lx..%#lx, some already free", first * PAGE_SIZE,
		      (first + count) * PAGE_SIZE);
}

static size_t checked_frame(phys_addr_t address)
{
	size_t frame = address / PAGE_SIZE;
	if (frame >= allocator.frame_count || pages[frame].kind == PAGE_KIND_RESERVED ||
	    pages[frame].refcount == 0)
		panic("pmm: %#lx is not an allocated frame", address);
	return frame;
}

void pmm_free_frames(phys_addr_t start, size_t count)
{
	uint64_t flags = spin_lock_irqsave(&pmm_lock);
	for (size_t i = 0; i < count; i++) {
		size_t frame = checked_frame(start + i * PAGE_SIZE);
		BUG_ON(pages[frame].refcount != 1);
	}
	free_locked(start / PAGE_SIZE, count);
	spin_unlock_irqrestore(&pmm_lock, flags);
}

/*
 * References come and go with atomic operations, without pmm_lock: fork takes one per
 * page it shares and exit drops them again, thousands at a time (docs/performance.md,
 * "fork_64M"). That is safe because a caller only gets or puts a frame it already holds a
 * reference to, so the count cannot reach 0 under a get; only the put that drops the last
 * reference takes the lock, to give the frame back.
 */
void pmm_get(phys_addr_t address)
{
	size_t frame = checked_frame(address);
	__atomic_add_fetch(&pages[frame].refcount, 1, __ATOMIC_RELAXED);
}

void pmm_put(phys_addr_t address)
{
	size_t frame = checked_frame(address);
	if (__atomic_sub_fetch(&pages[frame].refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		uint64_t flags = spin_lock_irqsave(&pmm_lock);
		free_locked(frame, 1);
		spin_unlock_irqrestore(&pmm_lock, flags);
	}
}

uint32_t pmm_refcount(phys_addr_t address)
{
	size_t frame = address / PAGE_SIZE;
	return frame < allocator.frame_count ? READ_ONCE(pages[frame].refcount) : 0;
}

size_t pmm_free_count(void)
{
	return READ_ONCE(allocator.free_count);
}

size_t pmm_usable_count(void)
{
	return usable_frames;
}

struct page *pmm_page(phys_addr_t address)
{
	size_t frame = address / PAGE_SIZE;
	return frame < allocator.frame_count ? &pages[frame] : NULL;
}

phys_addr_t pmm_page_address(const struct page *page)
{
	return (phys_addr_t)(page - pages) * PAGE_SIZE;
}

phys_addr_t virt_to_phys(const void *address)
{
	virt_addr_t virt = (virt_addr_t)address;
	if (virt >= KERNEL_VMA)
		return virt - KERNEL_VMA;
	BUG_ON(virt < DIRECT_MAP_BASE || virt >= KERNEL_VAREA_BASE);
	return virt - DIRECT_MAP_BASE;
}
