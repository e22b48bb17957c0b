/*
 * Exception-fixup lookup (include/extable.h). The table is small, so a linear scan.
 */
#include "extable.h"

extern const struct extable_entry extable_start[], extable_end[];

virt_addr_t extable_find_fixup(virt_addr_t instruction)
{
	for (const struct extable_entry *entry = extable_start; entry < extable_end; entry++) {
		if (entry->instruction == instruction)
			return entry->fixup;
	}
	return 0;
}
