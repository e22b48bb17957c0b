/*
 * Running programs (kernel/proc/exec.c): execve(2) for static ELF64 executables (ET_EXEC
 * and static-PIE ET_DYN) and "#!" scripts.
 */
#ifndef SPINDLE_EXEC_H
#define SPINDLE_EXEC_H

#include "compiler.h"

#define ARG_MAX_BYTES	(256 * 1024) /* argv + envp strings, like a small ARG_MAX */
#define ARG_MAX_STRINGS 8192

/* The argument and environment strings, copied into the kernel before the old image goes. */
struct exec_strings {
	char *buffer; /* argc + envc NUL-terminated strings, back to back */
	size_t used;
	size_t argc, envc;
};

/* Copy from user arrays (execve) or kernel arrays (starting init). 0, -EFAULT or -E2BIG. */
int exec_strings_from_user(struct exec_strings *strings, const char *const *argv,
			   const char *const *envp);
int exec_strings_from_kernel(struct exec_strings *strings, const char *const *argv,
			     const char *const *envp);
void exec_strings_free(struct exec_strings *strings);

/*
 * Replace the current task's program. On success the task's user frame is set up to start
 * the new program and 0 is returned; on failure the old program is untouched (-ENOENT,
 * -EACCES, -ENOEXEC, -E2BIG, -ENOMEM, ...): everything that can fail happens before the
 * point of no return, where the old address space is swapped for the new one.
 */
int do_execve(const char *path, struct exec_strings *strings);

/* The task's user-mode register frame, at the top of its kernel stack. */
struct trap_frame;
struct task_struct;
struct trap_frame *task_user_frame(struct task_struct *task);
/* Leave the kernel for the user frame of the current task (first entry of init). */
noreturn void return_to_user(void);

#endif
