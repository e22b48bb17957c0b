/*
 * What the boot loader told us (kernel/init/bootinfo.c), read from either the multiboot2
 * information structure (GRUB) or the multiboot1 one (QEMU -kernel), and copied into kernel
 * memory so nothing later depends on the loader's format.
 */
#ifndef SPINDLE_BOOTINFO_H
#define SPINDLE_BOOTINFO_H

#include "cmdline.h"
#include "types.h"

#define MULTIBOOT1_LOADER_MAGIC 0x2badb002
#define MULTIBOOT2_LOADER_MAGIC 0x36d76289

/* Memory-map region types, as both multiboot versions (and the BIOS E820 call) number them. */
enum memory_type {
	MEMORY_AVAILABLE = 1,
	MEMORY_RESERVED = 2,
	MEMORY_ACPI_RECLAIMABLE = 3,
	MEMORY_ACPI_NVS = 4,
	MEMORY_BAD = 5,
};

struct memory_region {
	phys_addr_t base;
	uint64_t length;
	uint32_t type; /* enum memory_type; anything else counts as reserved */
};

struct boot_module {
	phys_addr_t start;
	phys_addr_t end; /* exclusive */
	char name[64];	 /* the loader's string for it (file name and arguments) */
};

#define BOOT_MAX_REGIONS 128
#define BOOT_MAX_MODULES 8

struct boot_info {
	const char *protocol; /* "multiboot2" or "multiboot1" */
	char loader_name[64];
	char cmdline[CMDLINE_MAX];
	size_t region_count;
	struct memory_region regions[BOOT_MAX_REGIONS];
	size_t module_count;
	struct boot_module modules[BOOT_MAX_MODULES];
	phys_addr_t info_start; /* the loader's own structure, kept out of the allocator */
	phys_addr_t info_end;
};

/*
 * Parse the loader's structure at physical address info_phys. Returns 0, or -EINVAL for an
 * unknown magic or a structure without a memory map.
 */
int bootinfo_parse(uint32_t magic, phys_addr_t info_phys, struct boot_info *info);

const char *memory_type_name(uint32_t type);

#endif
