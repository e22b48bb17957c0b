/*
 * x86_64 page-table entry bits (Intel SDM Vol. 3A 4.5, tables 4-14 to 4-20) and index
 * helpers for 4-level paging: PML4 -> PDPT -> PD -> PT, 9 bits of the address each.
 */
#ifndef SPINDLE_ARCH_PAGING_H
#define SPINDLE_ARCH_PAGING_H

#include "types.h"

#define PTE_PRESENT  (1ul << 0)
#define PTE_WRITE    (1ul << 1)
#define PTE_USER     (1ul << 2)
#define PTE_PWT	     (1ul << 3)
#define PTE_PCD	     (1ul << 4)
#define PTE_ACCESSED (1ul << 5)
#define PTE_DIRTY    (1ul << 6)
#define PTE_HUGE     (1ul << 7) /* PS: a 2 MiB page in a PD entry, 1 GiB in a PDPT entry */
#define PTE_GLOBAL   (1ul << 8)
#define PTE_NX	     (1ul << 63)

#define PTE_ADDRESS_MASK 0x000ffffffffff000ul

#define PAGE_LEVELS	  4
#define ENTRIES_PER_TABLE 512

/* Index into the table at `level` (4 = PML4 ... 1 = PT) for a virtual address. */
static inline unsigned page_table_index(virt_addr_t address, int level)
{
	return (address >> (12 + 9 * (level - 1))) & 511;
}

/* Bytes mapped by one entry at `level`: 4 KiB at level 1, 2 MiB at 2, 1 GiB at 3. */
static inline uint64_t page_level_size(int level)
{
	return 1ul << (12 + 9 * (level - 1));
}

static inline phys_addr_t pte_address(pte_t entry)
{
	return entry & PTE_ADDRESS_MASK;
}

#endif
