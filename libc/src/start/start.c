/*
 * Program start-up (System V AMD64 ABI §3.4; man 3 getauxval, man 7 environ).
 * libc_start_main splits the initial stack into argc, argv, envp and the auxiliary vector,
 * sets up the main thread's thread-local storage (thread/tls.c) before anything can touch
 * errno, sets environ, runs the constructors the static linker collected in .preinit_array
 * and .init_array, and exits with main's return value. Nothing here allocates, so a program
 * that never calls malloc never touches the heap.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "internal/start.h"
#include "internal/thread.h"

char **environ;

static struct auxv_entry *auxiliary_vector;

int main(int argc, char **argv, char **envp);

/* Defined by the default linker script around the constructor and destructor tables. */
typedef void (*constructor_function)(int argc, char **argv, char **envp);
typedef void (*destructor_function)(void);
extern constructor_function __preinit_array_start[] __attribute__((weak));
extern constructor_function __preinit_array_end[] __attribute__((weak));
extern constructor_function __init_array_start[] __attribute__((weak));
extern constructor_function __init_array_end[] __attribute__((weak));
extern destructor_function __fini_array_start[] __attribute__((weak));
extern destructor_function __fini_array_end[] __attribute__((weak));

static void run_constructors(int argc, char **argv, char **envp)
{
	constructor_function *entry;

	for (entry = __preinit_array_start; entry < __preinit_array_end; entry++)
		(*entry)(argc, argv, envp);
	for (entry = __init_array_start; entry < __init_array_end; entry++)
		(*entry)(argc, argv, envp);
}

void libc_run_destructors(void)
{
	destructor_function *entry = __fini_array_end;

	while (entry > __fini_array_start)
		(*--entry)();
}

_Noreturn void libc_start_main(uint64_t *initial_stack)
{
	int argc = (int)initial_stack[0];
	char **argv = (char **)(initial_stack + 1);
	char **envp = argv + argc + 1;
	char **cursor = envp;

	while (*cursor)
		cursor++;
	auxiliary_vector = (struct auxv_entry *)(cursor + 1);
	libc_tls_init(auxiliary_vector);
	environ = envp;
	run_constructors(argc, argv, envp);
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long key)
{
	struct auxv_entry *entry;

	for (entry = auxiliary_vector; entry && entry->key != AT_NULL; entry++) {
		if (entry->key == key)
			return entry->value;
	}
	errno = ENOENT;
	return 0;
}
