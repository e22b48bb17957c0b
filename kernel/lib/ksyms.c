/*
 * Symbol lookup for backtraces (include/ksyms.h). The tables come from the generated
 * build/ksyms.S: function start addresses sorted ascending, and their names.
 */
#include "ksyms.h"
#include "format.h"
#include "string.h"

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addresses[];
extern const uint32_t ksyms_name_offsets[];
extern const char ksyms_names[];
extern const char kernel_text_start[], kernel_text_end[];

const char *ksyms_lookup(virt_addr_t address, uint64_t *offset)
{
	if (address < (virt_addr_t)kernel_text_start || address >= (virt_addr_t)kernel_text_end ||
	    ksyms_count == 0 || address < ksyms_addresses[0])
		return NULL;
	/* Binary search for the last symbol starting at or below address. */
	uint64_t low = 0, high = ksyms_count;
	while (high - low > 1) {
		uint64_t middle = low + (high - low) / 2;
		if (ksyms_addresses[middle] <= address)
			low = middle;
		else
			high = middle;
	}
	*offset = address - ksyms_addresses[low];
	return ksyms_names + ksyms_name_offsets[low];
}

virt_addr_t ksyms_address_of(const char *name)
{
	for (uint64_t i = 0; i < ksyms_count; i++) {
		if (strcmp(ksyms_names + ksyms_name_offsets[i], name) == 0)
			return ksyms_addresses[i];
	}
	return 0;
}

char *ksyms_format(virt_addr_t address, char *buffer, size_t size)
{
	uint64_t offset;
	const char *name = ksyms_lookup(address, &offset);
	if (name)
		snprintf(buffer, size, "%s+0x%lx", name, offset);
	else
		snprintf(buffer, size, "?");
	return buffer;
}
