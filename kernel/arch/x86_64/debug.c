/*
 * Register dumps and symbolised backtraces (include/arch/debug.h).
 * The backtrace follows the frame-pointer chain: the kernel is built with
 * -fno-omit-frame-pointer, so every function starts `push %rbp; mov %rsp, %rbp` and
 * [rbp] holds the caller's rbp, [rbp+8] the return address. Each read goes through a probe,
 * so a corrupt chain ends the trace instead of faulting again.
 */
#include "arch/debug.h"
#include "arch/cpu.h"
#include "extable.h"
#include "ksyms.h"
#include "printk.h"

#define BACKTRACE_MAX_DEPTH 32

void arch_dump_registers(const struct trap_frame *frame)
{
	char symbol[96];

	printk(KERN_EMERG "RIP: %016lx  %s\n", frame->rip,
	       ksyms_format(frame->rip, symbol, sizeof(symbol)));
	printk(KERN_EMERG "RSP: %016lx  RFLAGS: %016lx  CS: %04lx  SS: %04lx\n", frame->rsp,
	       frame->rflags, frame->cs, frame->ss);
	printk(KERN_EMERG "RAX: %016lx  RBX: %016lx  RCX: %016lx\n", frame->rax, frame->rbx,
	       frame->rcx);
	printk(KERN_EMERG "RDX: %016lx  RSI: %016lx  RDI: %016lx\n", frame->rdx, frame->rsi,
	       frame->rdi);
	printk(KERN_EMERG "RBP: %016lx  R8:  %016lx  R9:  %016lx\n", frame->rbp, frame->r8,
	       frame->r9);
	printk(KERN_EMERG "R10: %016lx  R11: %016lx  R12: %016lx\n", frame->r10, frame->r11,
	       frame->r12);
	printk(KERN_EMERG "R13: %016lx  R14: %016lx  R15: %016lx\n", frame->r13, frame->r14,
	       frame->r15);
	printk(KERN_EMERG "CR0: %016lx  CR2: %016lx  CR3: %016lx  CR4: %016lx\n", read_cr0(),
	       read_cr2(), read_cr3(), read_cr4());
}

void arch_print_backtrace(virt_addr_t rip, virt_addr_t rbp)
{
	char symbol[96];
	int depth = 0;
	uint64_t previous = 0, repeats = 0;

	printk(KERN_EMERG "Backtrace:\n");
	printk(KERN_EMERG "  #%-2d %016lx  %s\n", depth++, rip,
	       ksyms_format(rip, symbol, sizeof(symbol)));
	while (rbp && depth < BACKTRACE_MAX_DEPTH) {
		uint64_t caller_rbp, return_address;
		if (rbp % 8 != 0 || probe_read_u64((void *)rbp, &caller_rbp) ||
		    probe_read_u64((void *)(rbp + 8), &return_address) || return_address == 0)
			break;
		/* Deep recursion (a stack overflow) shows as one line and a count. */
		if (return_address == previous) {
			repeats++;
		} else {
			if (repeats)
				printk(KERN_EMERG "      ... the frame above %lu more times\n",
				       repeats);
			repeats = 0;
			previous = return_address;
			/* Name the call instruction, not the one after it. */
			printk(KERN_EMERG "  #%-2d %016lx  %s\n", depth++, return_address,
			       ksyms_format(return_address - 1, symbol, sizeof(symbol)));
		}
		if (caller_rbp <= rbp)
			break;
		rbp = caller_rbp;
	}
	if (repeats)
		printk(KERN_EMERG "      ... the frame above %lu more times\n", repeats);
}
