/*
 * A static position-independent executable (ET_DYN, no interpreter) with no C library at
 * all: it needs no relocations, so it runs wherever the loader puts it. Linux (and Spindle)
 * load such a program top-down in the mmap area, high in the address space; it reports
 * whether it landed up there.
 */
static long raw_syscall3(long number, long a, long b, long c)
{
	long result;
	__asm__ volatile("syscall"
			 : "=a"(result)
			 : "a"(number), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return result;
}

void _start(void)
{
	static const char at_base[] = "static-pie running in the mmap area\n";
	static const char elsewhere[] = "static-pie running somewhere else\n";
	unsigned long here = (unsigned long)&_start;
	int at = here >= 0x7f0000000000ul && here < 0x800000000000ul;
	raw_syscall3(1, 1, (long)(at ? at_base : elsewhere),
		     (long)(at ? sizeof(at_base) : sizeof(elsewhere)) - 1);
	raw_syscall3(60, 0, 0, 0);
	for (;;)
		;
}
