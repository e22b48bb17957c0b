/*
 * The raw user-copy loops (include/uaccess.h). Callers (lib/uaccess.c) have already checked
 * the range. A fault on any byte jumps, through the .extable entry, to the fixup, which
 * closes the SMAP window and returns the number of bytes NOT copied.
 * stac/clac exist only on CPUs with SMAP; on others they would be invalid opcodes, so they
 * run only when uaccess_smap is set.
 */
	.text

.macro open_user_window
	testb $1, uaccess_smap(%rip)
	jz 91f
	stac
91:
.endm

.macro close_user_window
	testb $1, uaccess_smap(%rip)
	jz 92f
	clac
92:
.endm

	/* size_t raw_copy_user(void *destination, const void *source, size_t length) */
	.global raw_copy_user
raw_copy_user:
	open_user_window
	movq %rdx, %rcx
1:	rep movsb
	close_user_window
	movq %rcx, %rax			/* 0 on success */
	ret
2:	close_user_window
	movq %rcx, %rax			/* rep movsb leaves the bytes still to copy in rcx */
	ret
	.section .extable, "a"
	.quad 1b, 2b
	.previous

	/* size_t raw_clear_user(void *destination, size_t length) */
	.global raw_clear_user
raw_clear_user:
	open_user_window
	movq %rsi, %rcx
	xorl %eax, %eax
3:	rep stosb
	close_user_window
	movq %rcx, %rax
	ret
4:	close_user_window
	movq %rcx, %rax
	ret
	.section .extable, "a"
	.quad 3b, 4b
	.previous

	/* long raw_strncpy_user(char *destination, const char *source, size_t size)
	 * Returns the length copied (excluding the NUL) when a NUL was found, size when none
	 * was within size bytes, -1 on a fault. */
	.global raw_strncpy_user
raw_strncpy_user:
	open_user_window
	xorl %eax, %eax
5:	cmpq %rdx, %rax
	je 7f
6:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 7f
	incq %rax
	jmp 5b
7:	close_user_window
	ret
8:	close_user_window
	movq $-1, %rax
	ret
	.section .extable, "a"
	.quad 6b, 8b
	.previous
