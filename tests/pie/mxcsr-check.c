/*
 * Exits 0 when the SSE control register (MXCSR) holds its reset value 0x1f80 and xmm7 is
 * zero: what a freshly exec'd program must see, whatever the program before it left there.
 */
static void raw_exit(long code)
{
	__asm__ volatile("syscall" : : "a"(60), "D"(code) : "rcx", "r11", "memory");
}

void _start(void)
{
	unsigned int mxcsr;
	unsigned long low;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("movq %%xmm7, %0" : "=r"(low));
	raw_exit(mxcsr == 0x1f80 && low == 0 ? 0 : 1);
	for (;;)
		;
}
