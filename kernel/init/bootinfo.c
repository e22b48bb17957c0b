/*
 * Boot information parsing (include/bootinfo.h).
 * Multiboot2 spec section 3.6: a u32 total size, a u32 reserved, then 8-byte aligned tags
 * {u32 type, u32 size, payload} up to an end tag of type 0. Tags used: 1 command line,
 * 2 loader name, 3 module, 6 memory map.
 * Multiboot1 spec 0.6.96 section 3.3: a fixed structure with a flags word saying which
 * fields are valid: bit 2 cmdline, bit 3 modules, bit 6 memory map, bit 9 loader name.
 * The structures are read through the boot direct map (the first 4 GiB).
 */
#include "bootinfo.h"
#include "memlayout.h"
#include "string.h"
#include "uapi/errno.h"

static const void *phys_pointer(phys_addr_t address)
{
	return (const void *)(DIRECT_MAP_BASE + address);
}

static void copy_string(char *destination, size_t size, phys_addr_t source)
{
	if (source)
		strlcpy(destination, phys_pointer(source), size);
	else
		destination[0] = '\0';
}

static void add_region(struct boot_info *info, uint64_t base, uint64_t length, uint32_t type)
{
	if (info->region_count < BOOT_MAX_REGIONS && length > 0)
		info->regions[info->region_count++] =
			(struct memory_region){.base = base, .length = length, .type = type};
}

static void add_module(struct boot_info *info, uint32_t start, uint32_t end, phys_addr_t name)
{
	if (info->module_count >= BOOT_MAX_MODULES)
		return;
	struct boot_module *module = &info->modules[info->module_count++];
	module->start = start;
	module->end = end;
	copy_string(module->name, sizeof(module->name), name);
}

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

static int parse_multiboot2(phys_addr_t info_phys, struct boot_info *info)
{
	uint32_t total_size = *(const uint32_t *)phys_pointer(info_phys);

	info->protocol = "multiboot2";
	info->info_end = info_phys + total_size;
	for (phys_addr_t at = info_phys + 8; at + sizeof(struct mb2_tag) <= info->info_end;
	     at += (((const struct mb2_tag *)phys_pointer(at))->size + 7) & ~7u) {
		const struct mb2_tag *tag = phys_pointer(at);
		const uint8_t *payload = (const uint8_t *)(tag + 1);
		if (tag->type == 0 || tag->size < sizeof(*tag))
			break;
		switch (tag->type) {
		case 1:
			strlcpy(info->cmdline, (const char *)payload, sizeof(info->cmdline));
			break;
		case 2:
			strlcpy(info->loader_name, (const char *)payload,
				sizeof(info->loader_name));
			break;
		case 3: {
			const uint32_t *words = (const uint32_t *)payload;
			add_module(info, words[0], words[1], at + sizeof(*tag) + 8);
			break;
		}
		case 6: {
			uint32_t entry_size = ((const uint32_t *)payload)[0];
			if (entry_size < sizeof(struct mb2_mmap_entry))
				break;
			for (uint32_t offset = 16; offset + entry_size <= tag->size;
			     offset += entry_size) {
				const struct mb2_mmap_entry *entry =
					(const void *)((const uint8_t *)tag + offset);
				add_region(info, entry->base, entry->length, entry->type);
			}
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

struct mb1_mmap_entry {
	uint32_t size; /* of the rest of the entry */
	uint64_t base;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

static int parse_multiboot1(phys_addr_t info_phys, struct boot_info *info)
{
	const struct mb1_info *mb = phys_pointer(info_phys);

	info->protocol = "multiboot1";
	info->info_end = info_phys + sizeof(*mb);
	if (mb->flags & (1 << 2)) {
		/* Multiboot1 loaders put the kernel's file name first; Linux-style lines do not. */
		char line[CMDLINE_MAX];
		copy_string(line, sizeof(line), mb->cmdline);
		const char *arguments = strchr(line, ' ');
		strlcpy(info->cmdline, arguments ? arguments + 1 : "", sizeof(info->cmdline));
	}
	if (mb->flags & (1 << 9))
		copy_string(info->loader_name, sizeof(info->loader_name), mb->boot_loader_name);
	if (mb->flags & (1 << 3)) {
		const uint32_t *module = phys_pointer(mb->mods_addr);
		for (uint32_t i = 0; i < mb->mods_count; i++, module += 4)
			add_module(info, module[0], module[1], module[2]);
	}
	if (mb->flags & (1 << 6)) {
		for (phys_addr_t at = mb->mmap_addr;
		     at < (phys_addr_t)mb->mmap_addr + mb->mmap_length;
		     at += ((const struct mb1_mmap_entry *)phys_pointer(at))->size + 4) {
			const struct mb1_mmap_entry *entry = phys_pointer(at);
			add_region(info, entry->base, entry->length, entry->type);
		}
	}
	return 0;
}

int bootinfo_parse(uint32_t magic, phys_addr_t info_phys, struct boot_info *info)
{
	int result;

	memset(info, 0, sizeof(*info));
	info->info_start = info_phys;
	if (magic == MULTIBOOT2_LOADER_MAGIC)
		result = parse_multiboot2(info_phys, info);
	else if (magic == MULTIBOOT1_LOADER_MAGIC)
		result = parse_multiboot1(info_phys, info);
	else
		return -EINVAL;
	if (result == 0 && info->region_count == 0)
		result = -EINVAL;
	return result;
}

const char *memory_type_name(uint32_t type)
{
	switch (type) {
	case MEMORY_AVAILABLE:
		return "usable";
	case MEMORY_ACPI_RECLAIMABLE:
		return "ACPI data";
	case MEMORY_ACPI_NVS:
		return "ACPI NVS";
	case MEMORY_BAD:
		return "bad";
	default:
		return "reserved";
	}
}
