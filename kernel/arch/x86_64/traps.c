/*
 * The trap dispatcher (include/arch/idt.h): every interrupt and exception lands here.
 *
 *  - An exception at an instruction listed in the fixup table (user copies, probes) resumes
 *    at its fixup, which returns -EFAULT.
 *  - Any other exception in kernel mode is a kernel bug: trap_fatal() prints the vector, the
 *    error code decoded, CR2, every register and a symbolised backtrace, then halts (or exits
 *    QEMU under panic=exit).
 *  - Interrupts go to kernel/arch/x86_64/irq.c.
 *  - A page fault at a user address goes to the process's address space first (demand
 *    paging, copy-on-write); an exception that nothing resolves in user mode raises the
 *    signal Linux would send (SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP): a handler gets it
 *    with si_addr, otherwise the process ends.
 *  - Every return to user mode after an interrupt delivers pending signals (signal.h).
 */
#include "arch/idt.h"
#include "arch/cpu.h"
#include "arch/debug.h"
#include "extable.h"
#include "panic.h"
#include "percpu.h"
#include "printk.h"
#include "kstack.h"
#include "sched.h"
#include "mm.h"
#include "oom.h"
#include "proc.h"
#include "signal.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

static const char *const exception_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range exceeded",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available",
	[8] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault",
	[13] = "#GP general protection",
	[14] = "#PF page fault",
	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point",
	[20] = "#VE virtualization",
	[21] = "#CP control protection",
};

void irq_dispatch(struct trap_frame *frame);

static void describe_page_fault(const struct trap_frame *frame)
{
	uint64_t code = frame->error_code;
	printk(KERN_EMERG "Page fault at %016lx: %s, %s, %s mode%s%s\n", read_cr2(),
	       code & 1 ? "protection violation" : "page not present", code & 2 ? "write" : "read",
	       code & 4 ? "user" : "kernel", code & 16 ? ", instruction fetch" : "",
	       code & 8 ? ", reserved bit set" : "");
}

noreturn void trap_fatal(struct trap_frame *frame)
{
	const char *name = frame->vector < 32 && exception_names[frame->vector]
				   ? exception_names[frame->vector]
				   : "unknown exception";

	irq_disable();
	printk_bust_locks();
	printk(KERN_EMERG "\n========== UNEXPECTED EXCEPTION ==========\n");
	printk(KERN_EMERG "%s (vector %lu), error code %#lx, CR2 %016lx, CPU %u\n", name,
	       frame->vector, frame->error_code, read_cr2(), this_cpu()->id);
	if (frame->vector == VECTOR_PAGE_FAULT)
		describe_page_fault(frame);
	if (kstack_is_guard_address(read_cr2()))
		printk(KERN_EMERG
		       "Kernel stack overflow: %016lx is in the guard page below the stack "
		       "of task '%s' (pid %d).\n",
		       read_cr2(), current ? current->comm : "?", current ? current->pid : -1);
	else if (frame->vector == VECTOR_DOUBLE_FAULT)
		printk(KERN_EMERG "A double fault usually means a kernel stack overflow.\n");
	arch_dump_registers(frame);
	arch_print_backtrace(frame->rip, frame->rbp);
	printk(KERN_EMERG "========== system halted ==========\n");
	panic_stop();
}

/* The signal Linux sends for each exception a user program can cause (arch/x86/kernel/traps.c). */
static int exception_signal(uint64_t vector)
{
	switch (vector) {
	case VECTOR_DIVIDE_ERROR:
	case 16: /* #MF */
	case 19: /* #XM */
		return SIGFPE;
	case VECTOR_DEBUG:
	case VECTOR_BREAKPOINT:
		return SIGTRAP;
	case VECTOR_INVALID_OPCODE:
		return SIGILL;
	case 11: /* #NP */
	case 12: /* #SS */
	case 17: /* #AC */
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/* si_code for the exception's signal (sigaction(2), "si_code"). */
static int exception_code(int signal, const struct trap_frame *frame)
{
	switch (signal) {
	case SIGSEGV:
		return frame->vector == VECTOR_PAGE_FAULT && (frame->error_code & 1) ? SEGV_ACCERR
										     : SEGV_MAPERR;
	case SIGBUS:
		return BUS_ADRERR;
	case SIGFPE:
		return FPE_INTDIV;
	case SIGILL:
		return ILL_ILLOPN;
	case SIGTRAP:
		return TRAP_BRKPT;
	default:
		return SI_KERNEL;
	}
}

/* A user program faulted and nothing can fix it. With a handler that the thread does not
 * block, the signal is queued and delivered on the way out; otherwise the process ends. A
 * page fault past the end of a mapped file is SIGBUS (mmap(2)), any other SIGSEGV. */
static void user_fault(struct trap_frame *frame, int fault_result)
{
	int signal = fault_result == -ENXIO ? SIGBUS : exception_signal(frame->vector);
	uint64_t address = frame->vector == VECTOR_PAGE_FAULT ? read_cr2() : frame->rip;
	if (signal_force_fault(signal, exception_code(signal, frame), address)) {
		signal_deliver(frame, false);
		return;
	}
	if (frame->vector == VECTOR_PAGE_FAULT)
		printk(KERN_INFO "%s[%d]: %s at %lx ip %016lx sp %016lx error %lx\n", current->comm,
		       current->pid, signal == SIGBUS ? "bus error" : "segfault", read_cr2(),
		       frame->rip, frame->rsp, frame->error_code);
	else
		printk(KERN_INFO "%s[%d]: %s at ip %016lx sp %016lx: killed by signal %d\n",
		       current->comm, current->pid, exception_names[frame->vector], frame->rip,
		       frame->rsp, signal);
	do_exit_group(signal); /* a fatal fault ends every thread of the process */
}

/* The user frame holds a non-canonical rip (a bad ELF entry point, later a forged signal
 * frame): iretq would fault in the kernel. The process gets SIGSEGV instead. */
noreturn void bad_user_return(struct trap_frame *frame)
{
	printk(KERN_INFO "%s[%d]: cannot return to non-canonical address %016lx: killed by "
			 "signal %d\n",
	       current->comm, current->pid, frame->rip, SIGSEGV);
	irq_enable();
	do_exit_group(SIGSEGV);
}

/* Demand paging and copy-on-write: 0 when the fault is resolved and may be retried. */
static int resolve_page_fault(struct trap_frame *frame)
{
	virt_addr_t address = read_cr2();
	bool user = frame->cs & 3;
	struct task_struct *task = current;
	if (address >= USER_SPACE_END || !task || !task->mm)
		return -EFAULT;
	/* The kernel touches user memory only in the user-copy routines (which have fixups). */
	if (!user && !extable_find_fixup(frame->rip))
		return -EFAULT;
	unsigned access = (frame->error_code & 2 ? FAULT_WRITE : 0) |
			  (frame->error_code & 16 ? FAULT_EXEC : 0) | (user ? FAULT_USER : 0);
	return mm_handle_fault(task->mm, address, access);
}

void trap_dispatch(struct trap_frame *frame)
{
	struct cpu_local *cpu = this_cpu();
	cpu->irq_depth++;
	if (frame->vector < 32) {
		int fault_result = -EFAULT;
		if (frame->vector == VECTOR_PAGE_FAULT &&
		    (fault_result = resolve_page_fault(frame)) == 0) {
			cpu->irq_depth--;
			return;
		}
		if (frame->cs & 3) {
			cpu->irq_depth--;
			irq_enable();
			if (fault_result == -ENOMEM && oom_kill_for_fault()) {
				if (signal_pending(current)) /* the victim may be us */
					signal_deliver(frame, false);
			} else {
				user_fault(frame, fault_result);
			}
			irq_disable();
			return;
		}
		virt_addr_t fixup = extable_find_fixup(frame->rip);
		if (!fixup)
			trap_fatal(frame);
		frame->rip = fixup;
		cpu->irq_depth--;
		return;
	}
	irq_dispatch(frame);
	/* Leaving the outermost interrupt: the moment to preempt, if the tick asked for it. */
	if (--cpu->irq_depth == 0)
		sched_preempt_from_interrupt();
	if ((frame->cs & 3) && signal_pending(current)) {
		irq_enable();
		signal_deliver(frame, false);
		irq_disable();
	}
}
