/*
 * The thread pointer on x86_64 ("ELF Handling For Thread-Local Storage", U. Drepper, §3.4.6
 * "x86-64 Specific"; System V AMD64 ABI §3.4): variant II, the FS base points at the thread
 * control block, and the block's first word holds its own address so that C can learn the
 * thread pointer with one `mov %fs:0`. The FS base itself is set with arch_prctl(ARCH_SET_FS)
 * or clone(CLONE_SETTLS). With syscall_arch.h and the .S files, the only inline asm in libc.
 */
#ifndef SPINDLE_LIBC_THREAD_ARCH_H
#define SPINDLE_LIBC_THREAD_ARCH_H

/* Returns the calling thread's thread pointer (its control block). */
static inline void *arch_thread_pointer(void)
{
	void *pointer;

	__asm__("movq %%fs:0, %0" : "=r"(pointer));
	return pointer;
}

/* Tells the CPU we are spinning on a lock word (Intel SDM Vol. 2B, PAUSE). */
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

#endif
