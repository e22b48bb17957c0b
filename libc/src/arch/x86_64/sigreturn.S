/*
 * libc_signal_restorer: the sa_restorer every sigaction() installs (SA_RESTORER). A handler's
 * `ret` lands here with rsp at the ucontext of the signal frame; rt_sigreturn(2) restores
 * the interrupted registers and mask from it and never returns here.
 */
#include "uapi/syscall.h"

	.text
	.globl	libc_signal_restorer
	.type	libc_signal_restorer, @function
libc_signal_restorer:
	movl	$SYS_rt_sigreturn, %eax
	syscall
	ud2
	.size	libc_signal_restorer, . - libc_signal_restorer

	.section .note.GNU-stack, "", @progbits
