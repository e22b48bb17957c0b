/*
 * _start, the first instruction of every program (System V AMD64 ABI §3.4 "Process
 * Initialization"; man 7 ld.so for the stack picture). The kernel enters with rsp pointing
 * at argc, followed by argv[0..argc-1], NULL, envp[..], NULL, then the auxiliary vector:
 *
 *     rsp ->  argc | argv[0] ... NULL | envp[0] ... NULL | AT_x, value ... AT_NULL, 0
 *
 * rbp is zeroed to end frame-pointer backtraces, the stack is aligned to 16 bytes as the
 * ABI requires at a call, and libc_start_main (start/start.c) does the rest; it never
 * returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined rip
	xorl	%ebp, %ebp
	movq	%rsp, %rdi
	andq	$-16, %rsp
	call	libc_start_main
	ud2
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
