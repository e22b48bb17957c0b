/*
 * kmain: the first C code. boot/entry.S calls it in 64-bit mode on the boot stack, with the
 * boot page tables (first 4 GiB identity- and direct-mapped, kernel at -2 GiB), interrupts
 * off, and the loader's magic and information address as arguments.
 *
 * Order matters: per-CPU data first (locks and printk look at this_cpu()), consoles next so
 * everything after can report, then descriptor tables (so faults are caught and explained),
 * boot information, memory, the scheduler, interrupts and the clock. Then kmain starts pid 1
 * (kernel_init) and becomes the idle task. docs/boot.md walks through it.
 */
#include "arch/cpu.h"
#include "arch/cpu_features.h"
#include "arch/gdt.h"
#include "arch/idt.h"
#include "arch/pic.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "crash.h"
#include "kmalloc.h"
#include "ktest.h"
#include "kthread.h"
#include "panic.h"
#include "percpu.h"
#include "pid.h"
#include "pmm.h"
#include "printk.h"
#include "sched.h"
#include "sched_demo.h"
#include "serial.h"
#include "time.h"
#include "vga.h"
#include "vmm.h"

static struct boot_info boot_info;

static void print_memory_map(const struct boot_info *info)
{
	uint64_t usable = 0;
	printk("Memory map from %s (%s):\n", info->protocol,
	       info->loader_name[0] ? info->loader_name : "unknown loader");
	for (size_t i = 0; i < info->region_count; i++) {
		const struct memory_region *region = &info->regions[i];
		printk("  [%016lx-%016lx] %10lu KiB  %s\n", region->base,
		       region->base + region->length - 1, region->length / 1024,
		       memory_type_name(region->type));
		if (region->type == MEMORY_AVAILABLE)
			usable += region->length;
	}
	printk("  %lu MiB usable RAM in %lu regions\n", usable >> 20, info->region_count);
	for (size_t i = 0; i < info->module_count; i++)
		printk("  module %lu: [%lx-%lx) %s\n", i, info->modules[i].start,
		       info->modules[i].end, info->modules[i].name);
}

static noreturn void echo_console_input(void)
{
	char buffer[64];
	printk("Nothing to run yet: user programs arrive with later issues. Typed characters are "
	       "echoed (serial receive interrupts work). Quit QEMU with Ctrl-A X.\n");
	for (;;) {
		size_t count = serial_read_wait(buffer, sizeof(buffer));
		for (size_t i = 0; i < count; i++) {
			if (buffer[i] == '\r')
				buffer[i] = '\n';
			printk("%c", buffer[i]);
		}
	}
}

/*
 * pid 1, as in Linux: the first task the scheduler runs. It does what the command line asks
 * (crash=, sched_demo, test) and then serves the console.
 */
static int kernel_init(void *unused)
{
	(void)unused;
	if (cmdline_get("crash"))
		crash_trigger(cmdline_get("crash"));
	if (cmdline_has("sched_demo"))
		sched_demo_run((int)cmdline_get_int("sched_demo", 3));
	if (cmdline_has("test"))
		ktest_run_all(cmdline_get("test"));
	echo_console_input();
}

noreturn void kmain(uint32_t magic, uint32_t info_phys)
{
	struct cpu_protection protection;

	percpu_init_boot_cpu();
	serial_init();
	vga_init();
	printk("\nSpindle kernel booting\n");
	gdt_init_cpu(this_cpu());
	idt_init();

	if (bootinfo_parse(magic, info_phys, &boot_info) != 0)
		panic("boot: unknown loader magic %#x or no memory map", magic);
	cmdline_init(boot_info.cmdline);
	printk_set_console_level((int)cmdline_get_int("loglevel", LOGLEVEL_DEFAULT));
	panic_set_exit_on_panic(cmdline_get("panic") && cmdline_get("panic")[0] == 'e');
	printk("Command line: %s\n", cmdline_text());
	print_memory_map(&boot_info);

	size_t frames = pmm_init(&boot_info);
	vmm_init(&boot_info);
	kmalloc_init();
	task_set_max((size_t)cmdline_get_int("max_tasks", (int64_t)task_get_max()));
	pid_init();
	sched_init();
	cpu_features_init(&protection);
	printk("Memory: %lu frames (%lu MiB) free for allocation; NX %s, SMEP %s, SMAP %s, "
	       "UMIP %s\n",
	       frames, frames >> 8, protection.nx ? "on" : "off", protection.smep ? "on" : "off",
	       protection.smap ? "on" : "off", protection.umip ? "on" : "off");

	pic_init();
	lapic_init();
	clock_init();
	serial_enable_receive_interrupt();
	irq_enable();
	printk("Spindle is up: %lu MiB of RAM managed, timer at HZ=%d.\n", pmm_usable_count() >> 8,
	       HZ);

	struct task_struct *init = kthread_run(kernel_init, NULL, "init");
	if (IS_ERR(init))
		panic("cannot start init: error %ld", PTR_ERR(init));
	/* This boot context is now pid 0, the idle task: it runs when nothing else can. */
	cpu_idle_loop();
}
