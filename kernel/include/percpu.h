/*
 * Per-CPU data. Each CPU has one struct cpu_local; its GS base register points at it, and
 * its first field points at itself, so `this_cpu()` is a single `mov %gs:0` -- no global
 * "current CPU" or "current task" variable, and nothing to rewrite when more CPUs boot.
 * Fields are only touched by their own CPU, with interrupts off where an interrupt handler
 * also touches them. The syscall entry (arch/x86_64/syscall.S) reads two fields by offset.
 */
#ifndef SPINDLE_PERCPU_H
#define SPINDLE_PERCPU_H

#define MAX_CPUS 8

/* Offsets used from assembly; checked against the struct below. */
#define PERCPU_KERNEL_STACK_TOP 40
#define PERCPU_USER_RSP		48

#ifndef __ASSEMBLER__
#include "types.h"

struct tss;
struct task_struct;

struct cpu_local {
	struct cpu_local *self;		  /* %gs:0: how this_cpu() finds the struct */
	uint32_t id;			  /* 0 for the boot CPU */
	uint32_t irq_depth;		  /* nesting depth of interrupt/exception handlers */
	struct task_struct *current_task; /* the task running on this CPU (get_current()) */
	struct tss *tss;	   /* this CPU's task-state segment (stack pointers for traps) */
	uint64_t ticks;		   /* timer interrupts taken on this CPU */
	uint64_t kernel_stack_top; /* the running task's kernel stack, for syscall entry */
	uint64_t user_rsp;	   /* scratch: user rsp during syscall entry */
};

_Static_assert(__builtin_offsetof(struct cpu_local, kernel_stack_top) == PERCPU_KERNEL_STACK_TOP,
	       "syscall.S uses this offset");
_Static_assert(__builtin_offsetof(struct cpu_local, user_rsp) == PERCPU_USER_RSP,
	       "syscall.S uses this offset");

/* Point GS at the boot CPU's cpu_local. Called first thing in kmain. */
void percpu_init_boot_cpu(void);

static inline struct cpu_local *this_cpu(void)
{
	struct cpu_local *self;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(self));
	return self;
}
#endif

#endif
