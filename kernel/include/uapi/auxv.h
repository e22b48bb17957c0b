/*
 * Auxiliary-vector keys of the Linux x86_64 ABI (man 3 getauxval; Linux's
 * include/uapi/linux/auxvec.h and arch/x86/include/uapi/asm/auxvec.h; System V ABI AMD64
 * supplement §3.4.3). At process start the stack holds argc, argv[], NULL, envp[], NULL,
 * then (key, value) pairs of 64-bit words ending with AT_NULL. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_AUXV_H
#define SPINDLE_UAPI_AUXV_H

#include <stdint.h>

/* One auxiliary-vector entry. */
struct auxv_entry {
	uint64_t key;	/* AT_* */
	uint64_t value; /* a number or a user address */
};

#define AT_NULL		 0  /* end of the vector */
#define AT_IGNORE	 1  /* entry to skip */
#define AT_EXECFD	 2  /* file descriptor of the program */
#define AT_PHDR		 3  /* address of the program headers */
#define AT_PHENT	 4  /* size of one program header */
#define AT_PHNUM	 5  /* number of program headers */
#define AT_PAGESZ	 6  /* page size */
#define AT_BASE		 7  /* load address of the interpreter */
#define AT_FLAGS	 8  /* flags, 0 */
#define AT_ENTRY	 9  /* entry point of the program */
#define AT_NOTELF	 10 /* program is not ELF */
#define AT_UID		 11 /* real uid */
#define AT_EUID		 12 /* effective uid */
#define AT_GID		 13 /* real gid */
#define AT_EGID		 14 /* effective gid */
#define AT_PLATFORM	 15 /* address of a string naming the CPU ("x86_64") */
#define AT_HWCAP	 16 /* CPU feature bits (CPUID.1:EDX on x86) */
#define AT_CLKTCK	 17 /* times(2) ticks per second */
#define AT_SECURE	 23 /* nonzero for set-uid/set-gid programs */
#define AT_BASE_PLATFORM 24 /* address of a string naming the real platform */
#define AT_RANDOM	 25 /* address of 16 random bytes */
#define AT_HWCAP2	 26 /* more CPU feature bits */
#define AT_EXECFN	 31 /* address of the file name given to execve(2) */
#define AT_SYSINFO_EHDR	 33 /* address of the vDSO's ELF header */
#define AT_MINSIGSTKSZ	 51 /* minimal signal stack size */

#endif
