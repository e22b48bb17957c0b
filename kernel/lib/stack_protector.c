/*
 * The stack protector's runtime (GCC -fstack-protector-strong -mstack-protector-guard=global,
 * GCC manual "Instrumentation Options"). Every function with an array or an address-taken
 * local stores __stack_chk_guard between its locals and its return address on entry and
 * compares it on the way out; a mismatch means a write ran past a local buffer, and the
 * function calls __stack_chk_fail instead of returning through what may be a forged address.
 *
 * The guard starts as a fixed value (so the earliest boot code is checked too) and is made
 * random by stack_protector_init(), once, early in kmain: functions already running then
 * keep the old value in their frames, so only kmain (which never returns) may be on the stack.
 */
#include "stack_protector.h"
#include "ksyms.h"
#include "panic.h"
#include "random.h"

uint64_t __stack_chk_guard = 0x8e2b5f3c71a4d609ull;

__attribute__((no_stack_protector)) void stack_protector_init(void)
{
	uint64_t guard = random_u64();
	__stack_chk_guard = guard ? guard : 1;
}

noreturn void __stack_chk_fail(void)
{
	char where[64];
	ksyms_format((virt_addr_t)__builtin_return_address(0), where, sizeof(where));
	panic("stack protector: a local buffer of %s was overrun (its canary is gone)", where);
}
