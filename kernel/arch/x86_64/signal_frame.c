/*
 * The x86_64 signal frame (include/signal.h), laid out as Linux's rt_sigframe
 * (arch/x86/kernel/signal_64.c) so musl and our libc read the same siginfo and ucontext:
 *
 *   old rsp - 128             the red zone of the interrupted code stays untouched
 *   fpstate (64-aligned)      512-byte FXSAVE image of the interrupted x87/SSE state
 *   ... padding ...
 *   siginfo  (128 bytes)      <- rsi
 *   ucontext (304 bytes)      <- rdx: uc_mcontext holds the registers, uc_sigmask the mask
 *   pretcode = sa_restorer    <- rsp at handler entry; rsp + 8 is 16-byte aligned
 *
 * A handler with SA_ONSTACK starts at the top of the sigaltstack(2) stack instead, unless
 * the thread already runs there. The handler's `ret` jumps to the restorer, which calls
 * rt_sigreturn with rsp at the ucontext. rt_sigreturn trusts nothing in the frame: selectors are
 * forced to the user ones, only the arithmetic and direction flags (and AC) come from the frame,
 * MXCSR is masked with what the CPU supports, and a non-canonical rip is caught by trap_return.
 */
#include "signal.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"

#define FXSAVE_SIZE	       512
#define RED_ZONE	       128
#define MXCSR_OFFSET	       24
#define MXCSR_MASK_OFFSET      28
#define SIGRETURN_VECTOR       257 /* not the syscall vector: return through iretq */
/* Flags a frame may change (Linux's FIX_EFLAGS minus TF and RF). */
#define RFLAGS_USER_CHANGEABLE 0x40cd5 /* AC OF DF SF ZF AF PF CF */

struct rt_sigframe {
	uint64_t pretcode;
	struct kernel_ucontext uc;
	struct kernel_siginfo info;
};

_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext layout");
_Static_assert(sizeof(struct kernel_ucontext) == 304, "ucontext layout");
_Static_assert(sizeof(struct kernel_siginfo) == 128, "siginfo layout");

static void save_registers(struct sigcontext *context, const struct trap_frame *frame)
{
	*context = (struct sigcontext){
		.r8 = frame->r8,
		.r9 = frame->r9,
		.r10 = frame->r10,
		.r11 = frame->r11,
		.r12 = frame->r12,
		.r13 = frame->r13,
		.r14 = frame->r14,
		.r15 = frame->r15,
		.rdi = frame->rdi,
		.rsi = frame->rsi,
		.rbp = frame->rbp,
		.rbx = frame->rbx,
		.rdx = frame->rdx,
		.rax = frame->rax,
		.rcx = frame->rcx,
		.rsp = frame->rsp,
		.rip = frame->rip,
		.eflags = frame->rflags,
		.cs = USER_CS,
		.ss = USER_DS,
	};
	if (frame->vector < 32) {
		context->trapno = frame->vector;
		context->err = frame->error_code;
		if (frame->vector == 14)
			context->cr2 = read_cr2();
	}
}

/* The handler starts with a clean x87/SSE state, as on Linux. */
static void reset_fpu(struct task_struct *task)
{
	irq_disable();
	arch_fpu_init(task);
	fxrstor(task->fpu_state);
	irq_enable();
}

int arch_signal_setup_frame(struct trap_frame *frame, int signal,
			    const struct kernel_sigaction *action,
			    const struct kernel_siginfo *info, uint64_t old_blocked)
{
	struct task_struct *self = current;
	uint64_t sp = frame->rsp - RED_ZONE;
	uint64_t fpstate = 0;
	bool was_on_altstack = signal_on_altstack(self, frame->rsp);
	if ((action->flags & SA_ONSTACK) && self->altstack_size && !was_on_altstack)
		sp = self->altstack_base + self->altstack_size;
	if (self->fpu_state) {
		sp = (sp - FXSAVE_SIZE) & ~63ull;
		fpstate = sp;
		fxsave(self->fpu_state); /* the live registers are the user's */
		if (copy_to_user((void *)fpstate, self->fpu_state, FXSAVE_SIZE) != 0)
			return -EFAULT;
	}
	uint64_t address = ((sp - sizeof(struct rt_sigframe)) & ~15ull) - 8;
	struct rt_sigframe sigframe;
	memset(&sigframe, 0, sizeof(sigframe));
	sigframe.pretcode = (uint64_t)action->restorer;
	sigframe.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	signal_altstack_save(&sigframe.uc.uc_stack, frame->rsp);
	save_registers(&sigframe.uc.uc_mcontext, frame);
	sigframe.uc.uc_mcontext.oldmask = old_blocked;
	sigframe.uc.uc_mcontext.fpstate = fpstate;
	sigframe.uc.uc_sigmask = old_blocked;
	sigframe.info = *info;
	if (copy_to_user((void *)address, &sigframe, sizeof(sigframe)) != 0)
		return -EFAULT;

	frame->rsp = address;
	frame->rip = (uint64_t)action->handler;
	frame->rdi = (uint64_t)signal;
	frame->rsi = address + offsetof(struct rt_sigframe, info);
	frame->rdx = address + offsetof(struct rt_sigframe, uc);
	frame->rax = 0;
	frame->cs = USER_CS;
	frame->ss = USER_DS;
	frame->rflags &= ~(uint64_t)0x40500; /* AC, DF and TF off for the handler */
	if (self->fpu_state)
		reset_fpu(self);
	return 0;
}

static int restore_fpu(struct task_struct *task, uint64_t fpstate)
{
	uint8_t image[FXSAVE_SIZE] __attribute__((aligned(16)));
	if (!task->fpu_state)
		return 0;
	if (!fpstate) {
		reset_fpu(task);
		return 0;
	}
	if (copy_from_user(image, (const void *)fpstate, FXSAVE_SIZE) != 0)
		return -EFAULT;
	irq_disable();
	fxsave(task->fpu_state);
	uint32_t mask = *(uint32_t *)((uint8_t *)task->fpu_state + MXCSR_MASK_OFFSET);
	*(uint32_t *)(image + MXCSR_OFFSET) &= mask ? mask : 0xffbf;
	memcpy(task->fpu_state, image, FXSAVE_SIZE);
	fxrstor(task->fpu_state);
	irq_enable();
	return 0;
}

int arch_signal_restore_frame(struct trap_frame *frame, uint64_t *blocked)
{
	struct kernel_ucontext uc;
	/* The restorer runs with rsp just past pretcode: at the ucontext. */
	if (copy_from_user(&uc, (const void *)frame->rsp, sizeof(uc)) != 0)
		return -EFAULT;
	const struct sigcontext *context = &uc.uc_mcontext;
	if (restore_fpu(current, context->fpstate) != 0)
		return -EFAULT;
	signal_altstack_restore(&uc.uc_stack, context->rsp);
	frame->r8 = context->r8;
	frame->r9 = context->r9;
	frame->r10 = context->r10;
	frame->r11 = context->r11;
	frame->r12 = context->r12;
	frame->r13 = context->r13;
	frame->r14 = context->r14;
	frame->r15 = context->r15;
	frame->rdi = context->rdi;
	frame->rsi = context->rsi;
	frame->rbp = context->rbp;
	frame->rbx = context->rbx;
	frame->rdx = context->rdx;
	frame->rax = context->rax;
	frame->rcx = context->rcx;
	frame->rsp = context->rsp;
	frame->rip = context->rip;
	frame->rflags = (frame->rflags & ~(uint64_t)RFLAGS_USER_CHANGEABLE) |
			(context->eflags & RFLAGS_USER_CHANGEABLE);
	frame->cs = USER_CS;
	frame->ss = USER_DS;
	frame->vector = SIGRETURN_VECTOR; /* rcx and r11 must survive: no sysret */
	*blocked = uc.uc_sigmask;
	return 0;
}
