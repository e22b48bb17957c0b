/*
 * Hardening checks (docs/robustness.md): the stack protector's guard was made random at boot
 * (it is no longer the fixed value the image starts with), and a function with a local
 * buffer really carries it (the deliberate overrun, crash=canary, is in tests/boot/run.sh);
 * freed frames are poisoned in DEBUG builds.
 */
#include "ktest.h"
#include "pmm.h"
#include "stack_protector.h"
#include "string.h"

/* Looks for the guard between its local buffer and its saved frame pointer, where the
 * compiler keeps the canary (the exact slot depends on the build's other instrumentation). */
static noinline bool frame_holds_guard(void)
{
	volatile char buffer[16];
	buffer[0] = 0;
	const uint64_t *frame = __builtin_frame_address(0);
	for (const uint64_t *slot = (const uint64_t *)ALIGN_UP((uintptr_t)buffer, 8); slot < frame;
	     slot++)
		if (*slot == __stack_chk_guard)
			return buffer[0] == 0;
	return false;
}

KTEST(hardening_stack_guard_is_random_and_in_frames)
{
	KTEST_EXPECT(t, __stack_chk_guard != 0x8e2b5f3c71a4d609ull);
	KTEST_EXPECT(t, __stack_chk_guard != 0);
	KTEST_EXPECT(t, frame_holds_guard());
}

#ifdef CONFIG_DEBUG
/* A freed frame holds the poison pattern at once (DEBUG builds), so a stale reader sees it. */
KTEST(hardening_freed_frames_are_poisoned)
{
	phys_addr_t frame = pmm_alloc_frame();
	KTEST_EXPECT(t, frame != 0);
	uint8_t *bytes = phys_to_virt(frame);
	memset(bytes, 0x11, PAGE_SIZE);
	pmm_free_frames(frame, 1);
	KTEST_EXPECT_EQ(t, bytes[0], PMM_POISON);
	KTEST_EXPECT_EQ(t, bytes[PAGE_SIZE - 1], PMM_POISON);
	KTEST_EXPECT(t, pmm_page(frame)->kind == PAGE_KIND_POISONED);
}
#endif
