/*
 * Raw system calls for x86_64 (man 2 syscall, "Architecture calling conventions"; System V
 * AMD64 ABI §A.2.1): rax holds the number, rdi rsi rdx r10 r8 r9 the arguments; the result
 * comes back in rax, and the instruction clobbers rcx (return rip) and r11 (rflags).
 * These return the kernel's value untouched: -4095..-1 is -errno. The only inline asm in
 * libc lives here and in the .S files beside it.
 */
#ifndef SPINDLE_LIBC_SYSCALL_ARCH_H
#define SPINDLE_LIBC_SYSCALL_ARCH_H

static inline long raw_syscall0(long number)
{
	long result;

	__asm__ volatile("syscall" : "=a"(result) : "a"(number) : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall1(long number, long a1)
{
	long result;

	__asm__ volatile("syscall" : "=a"(result) : "a"(number), "D"(a1) : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall2(long number, long a1, long a2)
{
	long result;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2)
			 : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall3(long number, long a1, long a2, long a3)
{
	long result;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall4(long number, long a1, long a2, long a3, long a4)
{
	long result;
	register long r10 __asm__("r10") = a4;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			 : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall5(long number, long a1, long a2, long a3, long a4, long a5)
{
	long result;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return result;
}

static inline long raw_syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6)
{
	long result;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return result;
}

#endif
