/*
 * Page-table tests: map, translate, unmap in the kernel area; the kernel image is W^X;
 * the boot stack's guard page is unmapped.
 */
#include "arch/paging.h"
#include "compiler.h"
#include "extable.h"
#include "ktest.h"
#include "pmm.h"
#include "vmm.h"
#include "uapi/errno.h"

extern const char kernel_text_start[], kernel_rodata_start[], kernel_data_start[];
extern const char boot_stack_guard[];

/* An address in the kernel area far from anything vmm_ioremap hands out. */
#define TEST_ADDRESS (KERNEL_VAREA_BASE + 0x8000000000ul - 0x200000ul)

KTEST(vmm_map_translate_unmap)
{
	phys_addr_t space = vmm_kernel_space();
	phys_addr_t frame = pmm_alloc_frame(), found = 0;
	unsigned flags = 0;

	KTEST_EXPECT(t, !vmm_translate(space, TEST_ADDRESS, NULL, NULL));
	KTEST_EXPECT_EQ(t, vmm_map_page(space, TEST_ADDRESS, frame, VM_WRITE), 0);
	KTEST_EXPECT_EQ(t, vmm_map_page(space, TEST_ADDRESS, frame, VM_WRITE), -EEXIST);
	KTEST_EXPECT_EQ(t, vmm_map_page(space, TEST_ADDRESS + 1, frame, VM_WRITE), -EINVAL);
	KTEST_EXPECT(t, vmm_translate(space, TEST_ADDRESS + 0x123, &found, &flags));
	KTEST_EXPECT_EQ(t, found, frame + 0x123);
	KTEST_EXPECT(t, flags & VM_WRITE);
	KTEST_EXPECT(t, !(flags & VM_USER));
	KTEST_EXPECT(t, !(flags & VM_EXEC) || !vmm_has_nx());

	/* The same frame seen through two mappings. */
	*(volatile uint64_t *)TEST_ADDRESS = 0x5350494e444c45ul;
	KTEST_EXPECT_EQ(t, *(uint64_t *)phys_to_virt(frame), 0x5350494e444c45ul);

	KTEST_EXPECT_EQ(t, vmm_unmap_page(space, TEST_ADDRESS, &found), 0);
	KTEST_EXPECT_EQ(t, found, frame);
	KTEST_EXPECT(t, !vmm_translate(space, TEST_ADDRESS, NULL, NULL));
	KTEST_EXPECT_EQ(t, vmm_unmap_page(space, TEST_ADDRESS, NULL), -ENOENT);
	uint64_t value;
	KTEST_EXPECT_EQ(t, probe_read_u64((void *)TEST_ADDRESS, &value), -EFAULT);
	pmm_free_frames(frame, 1);
}

KTEST(vmm_kernel_image_is_w_xor_x)
{
	phys_addr_t space = vmm_kernel_space();
	unsigned text = 0, rodata = 0, data = 0, alias = 0;

	KTEST_EXPECT(t, vmm_translate(space, (virt_addr_t)kernel_text_start, NULL, &text));
	KTEST_EXPECT(t, vmm_translate(space, (virt_addr_t)kernel_rodata_start, NULL, &rodata));
	KTEST_EXPECT(t, vmm_translate(space, (virt_addr_t)kernel_data_start, NULL, &data));
	KTEST_EXPECT(t, vmm_translate(space,
				      (virt_addr_t)phys_to_virt(virt_to_phys(kernel_text_start)),
				      NULL, &alias));
	KTEST_EXPECT(t, !(text & VM_WRITE) && (text & VM_EXEC));
	KTEST_EXPECT(t, !(rodata & VM_WRITE));
	KTEST_EXPECT(t, data & VM_WRITE);
	KTEST_EXPECT(t, !(alias & VM_WRITE));
	if (vmm_has_nx()) {
		KTEST_EXPECT(t, !(rodata & VM_EXEC));
		KTEST_EXPECT(t, !(data & VM_EXEC));
		KTEST_EXPECT(t, !(alias & VM_EXEC));
	}
}

KTEST(vmm_kernel_text_write_faults)
{
	volatile const uint8_t *text = (const uint8_t *)kernel_text_start;
	uint8_t before = *text;

	/* The write faults; the fixup table turns the fault into -EFAULT. */
	KTEST_EXPECT_EQ(t, probe_write_u8((void *)kernel_text_start, 0xcc), -EFAULT);
	KTEST_EXPECT_EQ(t, *text, before);
	KTEST_EXPECT_EQ(t, probe_write_u8((void *)kernel_rodata_start, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write_u8(phys_to_virt(virt_to_phys(kernel_text_start)), 0),
			-EFAULT);
	uint8_t scratch = 1;
	KTEST_EXPECT_EQ(t, probe_write_u8(&scratch, 7), 0);
	KTEST_EXPECT_EQ(t, scratch, 7);
}

KTEST(vmm_boot_stack_guard_is_unmapped)
{
	uint64_t value;
	KTEST_EXPECT(t,
		     !vmm_translate(vmm_kernel_space(), (virt_addr_t)boot_stack_guard, NULL, NULL));
	KTEST_EXPECT_EQ(t, probe_read_u64(boot_stack_guard, &value), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_read_u64(NULL, &value), -EFAULT);
}

KTEST(vmm_direct_map_covers_ram)
{
	phys_addr_t frame = pmm_alloc_frame(), found = 0;
	unsigned flags = 0;

	KTEST_EXPECT(t, vmm_translate(vmm_kernel_space(), (virt_addr_t)phys_to_virt(frame), &found,
				      &flags));
	KTEST_EXPECT_EQ(t, found, frame);
	KTEST_EXPECT(t, flags & VM_WRITE);
	KTEST_EXPECT(t, !(flags & VM_EXEC) || !vmm_has_nx());
	/* No identity map is left over from boot. */
	KTEST_EXPECT(t, !vmm_translate(vmm_kernel_space(), frame, NULL, NULL));
	pmm_free_frames(frame, 1);
}

/*
 * fork's page-table copy visits only the entries that overlap the range (vmm.c copy_table):
 * a range that straddles a page-table, a page-directory and a 512 GiB boundary copies
 * exactly its own pages, write-protects them in the source, and references each frame once
 * more -- and leaves the neighbours on either side alone.
 */
KTEST(vmm_copy_user_range_copies_exactly_the_range)
{
	static const virt_addr_t pages[] = {0x3fe000,	  0x3ff000,	0x400000,    0x401000,
					    0x7ffffff000, 0x8000000000, 0x8000001000};
	/* Copied: [0x3ff000, 0x401000) and [0x7ffffff000, 0x8000001000). */
	static const bool copied[] = {false, true, true, false, true, true, false};
	phys_addr_t source = vmm_create_space(), destination = vmm_create_space();
	phys_addr_t frames[ARRAY_SIZE(pages)];
	KTEST_EXPECT(t, source && destination);
	for (size_t i = 0; i < ARRAY_SIZE(pages); i++) {
		frames[i] = pmm_alloc_frame();
		KTEST_EXPECT_EQ(t, vmm_map_page(source, pages[i], frames[i], VM_WRITE | VM_USER),
				0);
	}
	KTEST_EXPECT_EQ(t, vmm_copy_user_range(source, destination, 0x3ff000, 0x401000, false), 0);
	KTEST_EXPECT_EQ(
		t, vmm_copy_user_range(source, destination, 0x7ffffff000, 0x8000001000, false), 0);
	for (size_t i = 0; i < ARRAY_SIZE(pages); i++) {
		phys_addr_t found = 0;
		unsigned flags = 0;
		bool mapped = vmm_translate(destination, pages[i], &found, &flags);
		KTEST_EXPECT_EQ(t, mapped, copied[i]);
		KTEST_EXPECT_EQ(t, pmm_refcount(frames[i]), copied[i] ? 2u : 1u);
		if (mapped)
			KTEST_EXPECT(t, found == frames[i] && !(flags & VM_WRITE));
		KTEST_EXPECT(t, vmm_translate(source, pages[i], NULL, &flags));
		KTEST_EXPECT_EQ(t, (flags & VM_WRITE) == 0, copied[i]);
	}
	vmm_destroy_space(destination);
	vmm_destroy_space(source);
}
