/*
 * Page tables (include/vmm.h). Intel SDM Vol. 3A 4.5 (4-level paging) is the spec; the
 * entry bits are in arch/paging.h.
 *
 * vmm_init() builds the final kernel half while still running on the boot tables, so until
 * the switch every new table must lie in the first 4 GiB (the part the boot tables
 * direct-map). It then maps:
 *  - the direct map: every 2 MiB chunk holding RAM (or the first MiB's VGA window) with a
 *    2 MiB page, read/write, no execute. The chunks holding the kernel image use 4 KiB pages
 *    so the alias of kernel text and rodata is read-only too;
 *  - the kernel image at -2 GiB, section by section, W^X, with a guard page below the boot
 *    stack;
 * and pre-creates the PDPT of every kernel-half PML4 slot it uses, so later address spaces
 * can share the kernel half by copying PML4 entries 256..511.
 */
#include "vmm.h"
#include "arch/cpu.h"
#include "arch/paging.h"
#include "panic.h"
#include "pmm.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "uapi/errno.h"

extern const char kernel_text_start[], kernel_text_end[];
extern const char kernel_rodata_start[], kernel_rodata_end[];
extern const char kernel_data_start[], kernel_bss_end[];
extern const char boot_stack_guard[], boot_stack_bottom[];

#define HUGE_2M (2ul << 20)

static struct spinlock vmm_lock = SPINLOCK_INIT("vmm");
static phys_addr_t kernel_pml4;
static bool nx_enabled;
static bool vmm_ready; /* the final tables are live: any RAM can hold a table */
static virt_addr_t varea_next = KERNEL_VAREA_BASE;

static pte_t *table_at(phys_addr_t table)
{
	return phys_to_virt(table);
}

static pte_t leaf_flags(unsigned flags)
{
	pte_t entry = PTE_PRESENT;
	if (flags & VM_WRITE)
		entry |= PTE_WRITE;
	if (flags & VM_USER)
		entry |= PTE_USER;
	if (!(flags & VM_EXEC) && nx_enabled)
		entry |= PTE_NX;
	if (flags & VM_NOCACHE)
		entry |= PTE_PCD | PTE_PWT;
	return entry;
}

static unsigned flags_from_entry(pte_t entry)
{
	unsigned flags = VM_READ;
	if (entry & PTE_WRITE)
		flags |= VM_WRITE;
	if (entry & PTE_USER)
		flags |= VM_USER;
	if (!(entry & PTE_NX))
		flags |= VM_EXEC;
	if (entry & PTE_PCD)
		flags |= VM_NOCACHE;
	return flags;
}

static phys_addr_t alloc_table(void)
{
	phys_addr_t table =
		vmm_ready ? pmm_alloc_frame() : pmm_alloc_frames_below(1, BOOT_MAPPED_BYTES);
	if (table)
		memset(table_at(table), 0, PAGE_SIZE);
	return table;
}

/*
 * The entry at `target_level` for virt, creating the tables above it when `create`.
 * Returns NULL when a table is missing (and not created) or a huge page is in the way.
 */
static pte_t *walk(phys_addr_t space, virt_addr_t virt, int target_level, bool create)
{
	phys_addr_t table = space;
	for (int level = PAGE_LEVELS; level > target_level; level--) {
		pte_t *entry = &table_at(table)[page_table_index(virt, level)];
		if (!(*entry & PTE_PRESENT)) {
			if (!create)
				return NULL;
			/* Kernel-half PML4 slots are all made by vmm_init, then shared. */
			BUG_ON(level == PAGE_LEVELS && virt >= USER_SPACE_END && vmm_ready);
			phys_addr_t next = alloc_table();
			if (!next)
				return NULL;
			*entry = next | PTE_PRESENT | PTE_WRITE |
				 (virt < USER_SPACE_END ? PTE_USER : 0);
		} else if (*entry & PTE_HUGE) {
			return NULL;
		}
		table = pte_address(*entry);
	}
	return &table_at(table)[page_table_index(virt, target_level)];
}

static int map_locked(phys_addr_t space, virt_addr_t virt, phys_addr_t phys, unsigned flags,
		      int level)
{
	uint64_t size = page_level_size(level);
	if (!IS_ALIGNED(virt, size) || !IS_ALIGNED(phys, size))
		return -EINVAL;
	pte_t *entry = walk(space, virt, level, true);
	if (!entry)
		return -ENOMEM;
	if (*entry & PTE_PRESENT)
		return -EEXIST;
	*entry = phys | leaf_flags(flags) | (level > 1 ? PTE_HUGE : 0);
	return 0;
}

int vmm_map_page(phys_addr_t space, virt_addr_t virt, phys_addr_t phys, unsigned flags)
{
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	int result = map_locked(space, virt, phys, flags, 1);
	spin_unlock_irqrestore(&vmm_lock, irq);
	return result;
}

/* The kernel half is in every address space: its changes are always visible here. */
static void flush_if_visible(phys_addr_t space, virt_addr_t virt)
{
	if (virt >= USER_SPACE_END || space == pte_address(read_cr3()))
		invlpg(virt);
}

static bool table_is_empty(phys_addr_t table)
{
	const pte_t *entries = table_at(table);
	for (int i = 0; i < ENTRIES_PER_TABLE; i++) {
		if (entries[i])
			return false;
	}
	return true;
}

/*
 * Clear the 4 KiB mapping of virt, then free every table the removal left empty: page tables
 * and page directories always, PDPTs only in the user half (the kernel half's are shared).
 */
static int unmap_locked(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys)
{
	phys_addr_t tables[PAGE_LEVELS + 1];
	tables[PAGE_LEVELS] = space;
	for (int level = PAGE_LEVELS; level > 1; level--) {
		pte_t entry = table_at(tables[level])[page_table_index(virt, level)];
		if (!(entry & PTE_PRESENT) || (entry & PTE_HUGE))
			return -ENOENT;
		tables[level - 1] = pte_address(entry);
	}
	pte_t *leaf = &table_at(tables[1])[page_table_index(virt, 1)];
	if (!(*leaf & PTE_PRESENT))
		return -ENOENT;
	if (phys)
		*phys = pte_address(*leaf);
	*leaf = 0;

	/* Unhook the tables left empty, flush, and only then free them: until the flush the
	 * CPU may still hold the old entries in its paging-structure caches. */
	int highest_freeable = virt < USER_SPACE_END ? 3 : 2;
	int emptied = 0;
	while (emptied < highest_freeable && table_is_empty(tables[emptied + 1])) {
		emptied++;
		table_at(tables[emptied + 1])[page_table_index(virt, emptied + 1)] = 0;
	}
	flush_if_visible(space, virt);
	for (int level = 1; level <= emptied; level++)
		pmm_free_frames(tables[level], 1);
	return 0;
}

int vmm_unmap_page(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys)
{
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	int result = unmap_locked(space, ALIGN_DOWN(virt, PAGE_SIZE), phys);
	spin_unlock_irqrestore(&vmm_lock, irq);
	return result;
}

static bool translate_locked(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys,
			     unsigned *flags)
{
	phys_addr_t table = space;
	for (int level = PAGE_LEVELS; level >= 1; level--) {
		pte_t entry = table_at(table)[page_table_index(virt, level)];
		if (!(entry & PTE_PRESENT))
			return false;
		if (level == 1 || (entry & PTE_HUGE)) {
			uint64_t mask = page_level_size(level) - 1;
			if (phys)
				*phys = (pte_address(entry) & ~mask) + (virt & mask);
			if (flags)
				*flags = flags_from_entry(entry);
			return true;
		}
		table = pte_address(entry);
	}
	return false;
}

bool vmm_translate(phys_addr_t space, virt_addr_t virt, phys_addr_t *phys, unsigned *flags)
{
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	bool mapped = translate_locked(space, virt, phys, flags);
	spin_unlock_irqrestore(&vmm_lock, irq);
	return mapped;
}

phys_addr_t vmm_create_space(void)
{
	phys_addr_t space = alloc_table();
	if (!space)
		return 0;
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	for (int i = ENTRIES_PER_TABLE / 2; i < ENTRIES_PER_TABLE; i++)
		table_at(space)[i] = table_at(kernel_pml4)[i];
	spin_unlock_irqrestore(&vmm_lock, irq);
	return space;
}

/* Free a user-half table at `level` and everything below it. */
static void free_user_table(phys_addr_t table, int level)
{
	pte_t *entries = table_at(table);
	for (int i = 0; i < ENTRIES_PER_TABLE; i++) {
		pte_t entry = entries[i];
		if (!(entry & PTE_PRESENT))
			continue;
		if (level == 1)
			pmm_put(pte_address(entry));
		else
			free_user_table(pte_address(entry), level - 1);
	}
	pmm_free_frames(table, 1);
}

void vmm_destroy_space(phys_addr_t space)
{
	BUG_ON(space == kernel_pml4 || space == read_cr3());
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	pte_t *pml4 = table_at(space);
	for (int i = 0; i < ENTRIES_PER_TABLE / 2; i++) {
		if (pml4[i] & PTE_PRESENT)
			free_user_table(pte_address(pml4[i]), PAGE_LEVELS - 1);
	}
	spin_unlock_irqrestore(&vmm_lock, irq);
	pmm_free_frames(space, 1);
}

int vmm_set_flags(phys_addr_t space, virt_addr_t virt, unsigned flags)
{
	int result = -ENOENT;
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	pte_t *entry = walk(space, ALIGN_DOWN(virt, PAGE_SIZE), 1, false);
	if (entry && (*entry & PTE_PRESENT)) {
		*entry = pte_address(*entry) | leaf_flags(flags);
		flush_if_visible(space, virt);
		result = 0;
	}
	spin_unlock_irqrestore(&vmm_lock, irq);
	return result;
}

/*
 * Copy the user mappings of [start, end) from one space into another, for fork. Only the
 * entries overlapping the range are looked at, and only present ones followed, so untouched
 * memory costs nothing and a one-page mapping costs four entries, not four whole tables
 * (docs/performance.md, "fork"). Shared mappings keep their permissions; private ones become
 * copy-on-write: read-only in both spaces, the frame referenced once more. The table at
 * `level` maps from `base` and overlaps [start, end). Returns 0, or -ENOMEM (the destination
 * may hold a partial copy, which its owner frees).
 */
static int copy_table(phys_addr_t source, phys_addr_t destination, int level, virt_addr_t base,
		      virt_addr_t start, virt_addr_t end, bool shared, bool *write_protected)
{
	pte_t *from = table_at(source);
	uint64_t span = page_level_size(level);
	uint64_t first = start > base ? (start - base) / span : 0;
	uint64_t last = (end - 1 - base) / span;
	if (last >= ENTRIES_PER_TABLE)
		last = ENTRIES_PER_TABLE - 1;
	for (uint64_t i = first; i <= last; i++) {
		virt_addr_t address = base + i * span;
		if (!(from[i] & PTE_PRESENT))
			continue;
		if (level == 1) {
			pte_t entry = from[i];
			if (!shared && (entry & PTE_WRITE)) {
				entry &= ~PTE_WRITE;
				from[i] = entry;
				*write_protected = true;
			}
			pmm_get(pte_address(entry));
			table_at(destination)[i] = entry;
			continue;
		}
		pte_t *to = &table_at(destination)[i];
		if (!(*to & PTE_PRESENT)) {
			phys_addr_t table = alloc_table();
			if (!table)
				return -ENOMEM;
			*to = table | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		int error = copy_table(pte_address(from[i]), pte_address(*to), level - 1, address,
				       start, end, shared, write_protected);
		if (error)
			return error;
	}
	return 0;
}

int vmm_copy_user_range(phys_addr_t source, phys_addr_t destination, virt_addr_t start,
			virt_addr_t end, bool shared)
{
	bool write_protected = false;
	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	int error = copy_table(source, destination, PAGE_LEVELS, 0, start, end, shared,
			       &write_protected);
	spin_unlock_irqrestore(&vmm_lock, irq);
	/* The source's writable TLB entries must go, or it would write to shared frames. */
	if (write_protected && source == pte_address(read_cr3()))
		write_cr3(read_cr3());
	return error;
}

phys_addr_t vmm_kernel_space(void)
{
	return kernel_pml4;
}

bool vmm_has_nx(void)
{
	return nx_enabled;
}

void *vmm_ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(phys, PAGE_SIZE);
	size_t length = ALIGN_UP(phys + size, PAGE_SIZE) - start;

	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	virt_addr_t virt = varea_next;
	varea_next += length + PAGE_SIZE; /* an unmapped page between mappings */
	for (size_t offset = 0; offset < length; offset += PAGE_SIZE) {
		if (map_locked(kernel_pml4, virt + offset, start + offset, VM_WRITE | VM_NOCACHE,
			       1) != 0) {
			spin_unlock_irqrestore(&vmm_lock, irq);
			return NULL;
		}
	}
	spin_unlock_irqrestore(&vmm_lock, irq);
	return (void *)(virt + (phys - start));
}

static void must_map(virt_addr_t virt, phys_addr_t phys, unsigned flags, int level)
{
	int result = map_locked(kernel_pml4, virt, phys, flags, level);
	if (result != 0)
		panic("vmm_init: mapping %#lx -> %#lx failed (%d)", virt, phys, result);
}

/* Flags for the direct-map alias of one 4 KiB frame inside the kernel image. */
static unsigned image_alias_flags(phys_addr_t phys)
{
	phys_addr_t rodata_end = (phys_addr_t)kernel_rodata_end - KERNEL_VMA;
	phys_addr_t text_start = (phys_addr_t)kernel_text_start - KERNEL_VMA;
	return phys >= text_start && phys < rodata_end ? VM_READ : VM_WRITE;
}

static void map_direct_chunk(phys_addr_t chunk)
{
	phys_addr_t image_start = ALIGN_DOWN((phys_addr_t)kernel_text_start - KERNEL_VMA, HUGE_2M);
	phys_addr_t image_end = (phys_addr_t)kernel_bss_end - KERNEL_VMA;

	if (chunk + HUGE_2M <= image_start || chunk >= image_end) {
		must_map(DIRECT_MAP_BASE + chunk, chunk, VM_WRITE, 2);
		return;
	}
	for (phys_addr_t frame = chunk; frame < chunk + HUGE_2M; frame += PAGE_SIZE)
		must_map(DIRECT_MAP_BASE + frame, frame, image_alias_flags(frame), 1);
}

static bool is_direct_mapped_type(uint32_t type)
{
	return type == MEMORY_AVAILABLE || type == MEMORY_ACPI_RECLAIMABLE ||
	       type == MEMORY_ACPI_NVS;
}

static void map_direct(const struct boot_info *info)
{
	map_direct_chunk(0); /* the first MiB: BIOS data, VGA text memory */
	for (size_t i = 0; i < info->region_count; i++) {
		const struct memory_region *region = &info->regions[i];
		if (!is_direct_mapped_type(region->type))
			continue;
		phys_addr_t chunk = ALIGN_DOWN(region->base, HUGE_2M);
		for (; chunk < region->base + region->length; chunk += HUGE_2M) {
			/* Two regions may share a chunk: map it once. */
			if (!translate_locked(kernel_pml4, DIRECT_MAP_BASE + chunk, NULL, NULL))
				map_direct_chunk(chunk);
		}
	}
}

static void map_image_range(const char *start, const char *end, unsigned flags)
{
	for (virt_addr_t virt = (virt_addr_t)start; virt < (virt_addr_t)end; virt += PAGE_SIZE)
		must_map(virt, virt - KERNEL_VMA, flags, 1);
}

static void enable_nx(void)
{
	if (cpuid(0x80000001, 0).edx & (1u << 20)) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx_enabled = true;
	}
}

void vmm_init(const struct boot_info *info)
{
	enable_nx();
	kernel_pml4 = alloc_table();
	if (!kernel_pml4)
		panic("vmm_init: no memory for the kernel PML4");

	uint64_t irq = spin_lock_irqsave(&vmm_lock);
	map_direct(info);
	map_image_range(kernel_text_start, kernel_text_end, VM_EXEC);
	map_image_range(kernel_rodata_start, kernel_rodata_end, VM_READ);
	/* The page below the boot stack stays unmapped: an overflow faults instead of corrupting.
	 */
	map_image_range(kernel_data_start, boot_stack_guard, VM_WRITE);
	map_image_range(boot_stack_bottom, kernel_bss_end, VM_WRITE);
	/* Pre-create the kernel virtual area's slots so every address space shares them. */
	for (virt_addr_t slot = KERNEL_VAREA_BASE; slot < KERNEL_VAREA_BASE + KERNEL_VAREA_SIZE;
	     slot += page_level_size(4)) {
		if (!walk(kernel_pml4, slot, 3, true))
			panic("vmm_init: no memory for the kernel area tables");
	}
	write_cr3(kernel_pml4);
	vmm_ready = true;
	spin_unlock_irqrestore(&vmm_lock, irq);
}
