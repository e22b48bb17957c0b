/*
 * Running programs (man 2 execve, man 3 exec). execvp searches PATH (default
 * "/bin:/usr/bin") for a file name without a '/', as POSIX describes: a file that exists but
 * is not an executable format (ENOEXEC) is run as a shell script with /bin/sh; EACCES from
 * any directory is reported if nothing ran, otherwise the last error. The execl* forms copy
 * their arguments into an array on the stack.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal/syscall.h"

#define DEFAULT_PATH "/bin:/usr/bin"

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)syscall_result(SYSCALL3(SYS_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Runs path as a script: /bin/sh path argv[1] ... */
static void exec_shell_script(const char *path, char *const argv[], char *const envp[])
{
	size_t count = 0;

	while (argv[count])
		count++;
	{
		/* "sh", path, argv[1..count - 1], NULL; three slots when argv is empty. */
		char *shell_argv[count + 3];

		shell_argv[0] = "sh";
		shell_argv[1] = (char *)path;
		shell_argv[2] = NULL;
		if (count > 0)
			memcpy(shell_argv + 2, argv + 1, count * sizeof(char *));
		execve("/bin/sh", shell_argv, envp);
	}
}

/* Tries one candidate; returns only on failure, having set errno. */
static void exec_candidate(const char *path, char *const argv[], char *const envp[])
{
	execve(path, argv, envp);
	if (errno == ENOEXEC) {
		exec_shell_script(path, argv, envp);
		errno = ENOEXEC;
	}
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *search = getenv("PATH");
	size_t file_length = strlen(file);
	int saw_access_error = 0;
	char candidate[PATH_MAX];

	if (file_length == 0) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/')) {
		exec_candidate(file, argv, envp);
		return -1;
	}
	if (!search)
		search = DEFAULT_PATH;
	errno = ENOENT;
	for (;;) {
		const char *end = strchrnul(search, ':');
		const char *directory = search;
		size_t directory_length = (size_t)(end - search);

		/* An empty entry means the current directory. */
		if (directory_length == 0) {
			directory = ".";
			directory_length = 1;
		}
		if (directory_length + 1 + file_length + 1 <= sizeof(candidate)) {
			memcpy(candidate, directory, directory_length);
			candidate[directory_length] = '/';
			memcpy(candidate + directory_length + 1, file, file_length + 1);
			exec_candidate(candidate, argv, envp);
			if (errno == EACCES)
				saw_access_error = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (*end == '\0')
			break;
		search = end + 1;
	}
	if (saw_access_error)
		errno = EACCES;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Counts the NULL-terminated variadic argument list that follows first. */
static size_t count_arguments(const char *first, va_list arguments)
{
	size_t count = 1;

	if (!first)
		return 0;
	while (va_arg(arguments, const char *))
		count++;
	return count;
}

/* Fills argv[0..count] (count from count_arguments, argv[count] the NULL) from first and
 * the variadic list, leaving the list just after its NULL (where execle's envp is). */
static void collect_arguments(char **argv, size_t count, const char *first, va_list *arguments)
{
	argv[0] = (char *)first;
	for (size_t index = 1; index <= count; index++)
		argv[index] = va_arg(*arguments, char *);
	argv[count] = NULL;
}

int execl(const char *path, const char *argument, ...)
{
	va_list arguments;
	va_start(arguments, argument);
	size_t count = count_arguments(argument, arguments);
	va_end(arguments);
	char *argv[count + 1];
	va_start(arguments, argument);
	collect_arguments(argv, count, argument, &arguments);
	va_end(arguments);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *argument, ...)
{
	va_list arguments;
	va_start(arguments, argument);
	size_t count = count_arguments(argument, arguments);
	va_end(arguments);
	char *argv[count + 1];
	va_start(arguments, argument);
	collect_arguments(argv, count, argument, &arguments);
	va_end(arguments);
	return execvpe(file, argv, environ);
}

/* execle: the environment is the argument after the terminating NULL. */
int execle(const char *path, const char *argument, ...)
{
	va_list arguments;
	va_start(arguments, argument);
	size_t count = count_arguments(argument, arguments);
	va_end(arguments);
	char *argv[count + 1];
	va_start(arguments, argument);
	collect_arguments(argv, count, argument, &arguments);
	char **envp = va_arg(arguments, char **);
	va_end(arguments);
	return execve(path, argv, envp);
}
