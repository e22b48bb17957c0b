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
#include "leakcheck.h"
#include "panic.h"
#include "percpu.h"
#include "pid.h"
#include "pmm.h"
#include "printk.h"
#include "sched.h"
#include "stack_protector.h"
#include "sched_demo.h"
#include "serial.h"
#include "time.h"
#include "exec.h"
#include "proc.h"
#include "syscall.h"
#include "timer.h"
#include "tty.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"
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

/* No program to run: let the terminal show that input works (typed lines come back). */
static noreturn void echo_console_input(void)
{
	char buffer[128];
	printk("No init program found. Typed lines are echoed back by the terminal "
	       "(serial receive interrupts work). Quit QEMU with Ctrl-A X.\n");
	struct file *console = fd_get(0);
	for (;;) {
		ssize_t count = console ? kernel_read(console, buffer, sizeof(buffer) - 1, 0) : 0;
		if (count <= 0)
			sleep_until(clock_monotonic_ns() + NSEC_PER_SEC);
		else
			printk("echo: %.*s", (int)count, buffer);
	}
}

/* Unpack the initramfs (the first boot module) into the root file system. */
static void mount_root(void)
{
	if (boot_info.module_count == 0) {
		printk(KERN_WARNING "initramfs: none given; the root file system is empty\n");
	} else {
		const struct boot_module *module = &boot_info.modules[0];
		if (cpio_unpack(phys_to_virt(module->start), module->end - module->start) != 0)
			printk(KERN_ERR "initramfs: %s is not a cpio newc archive\n", module->name);
	}
	devices_populate();
	procfs_init();
}

/* fd 0, 1 and 2 of init: the console, as Linux gives them. */
static void open_console(void)
{
	int error;
	struct file *console = vfs_open(AT_FDCWD, "/dev/console", O_RDWR, 0, &error);
	if (!console) {
		printk(KERN_WARNING "init: cannot open /dev/console (%d)\n", error);
		return;
	}
	for (int fd = 0; fd < 3; fd++) {
		file_get(console);
		fd_install(console, fd, false);
	}
	file_put(console);
}

/*
 * Start the first user program, Linux style: init=/path arg... from the command line, else
 * the usual places. Returns only if none could be started.
 */
static void run_init_process(void)
{
	static const char *const fallbacks[] = {"/sbin/init", "/etc/init", "/bin/init", "/bin/sh"};
	static const char *const environment[] = {"HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL};
	const char *argv[CMDLINE_MAX_INIT_ARGS + 1];
	struct exec_strings strings;
	int argc = cmdline_init_argv(argv, CMDLINE_MAX_INIT_ARGS);

	for (size_t i = 0; i <= ARRAY_SIZE(fallbacks); i++) {
		if (argc == 0 && i == ARRAY_SIZE(fallbacks))
			break;
		if (argc == 0) {
			argv[0] = fallbacks[i];
			argv[1] = NULL;
		}
		if (exec_strings_from_kernel(&strings, argv, environment) != 0)
			break;
		int error = do_execve(argv[0], &strings);
		exec_strings_free(&strings);
		if (error == 0) {
			printk("Starting %s as pid 1\n", argv[0]);
			return_to_user();
		}
		if (argc > 0 || error != -ENOENT)
			printk(KERN_ERR "init: cannot run %s (error %d)\n", argv[0], error);
		if (argc > 0)
			return;
	}
}

/*
 * pid 1, as in Linux: the first task the scheduler runs. It does what the command line asks
 * (crash=, sched_demo, test), then becomes the first user program.
 */
static int kernel_init(void *unused)
{
	(void)unused;
	ramfs_init();
	current->fs = fs_create();
	current->files = files_create();
	current->group = thread_group_for_init();
	current->pgid = current->sid = current->pid; /* init leads the first session */
	if (!current->fs || !current->files || !current->group)
		panic("init: out of memory");
	mount_root();
	open_console();
	exit_set_child_reaper(current);
	if (cmdline_get("crash"))
		crash_trigger(cmdline_get("crash"));
	if (cmdline_has("sched_demo"))
		sched_demo_run((int)cmdline_get_int("sched_demo", 3));
	if (cmdline_has("test"))
		ktest_run_all(cmdline_get("test"));
	leakcheck_baseline();
	run_init_process();
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
	stack_protector_init(); /* kmain never returns, so its own canary may change */

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

	if (protection.smap)
		uaccess_enable_smap();
	syscall_init();
	pic_init();
	lapic_init();
	clock_init();
	rtc_init();
	devices_init();
	tty_init();
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
