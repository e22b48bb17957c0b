/*
 * libc_thread_unmap_and_exit(void *mapping, size_t length): the last steps of a detached
 * thread (thread/pthread.c). The mapping holds the thread's own stack, so after munmap no
 * instruction may touch memory: the arguments are already in rdi and rsi for munmap, and
 * exit(2) needs only registers. The caller has blocked every signal (a handler would run on
 * the unmapped stack) and cleared its clear_child_tid address with set_tid_address(NULL)
 * (the kernel would otherwise write 0 into the unmapped TCB, or into whatever another thread
 * maps there next). Never returns.
 */
#include "uapi/syscall.h"

	.text
	.globl	libc_thread_unmap_and_exit
	.type	libc_thread_unmap_and_exit, @function
libc_thread_unmap_and_exit:
	movl	$SYS_munmap, %eax
	syscall
	xorl	%edi, %edi
	movl	$SYS_exit, %eax
	syscall
	ud2
	.size	libc_thread_unmap_and_exit, . - libc_thread_unmap_and_exit

	.section .note.GNU-stack, "", @progbits
