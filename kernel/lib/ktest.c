/*
 * The in-kernel test runner (include/ktest.h).
 */
#include "ktest.h"
#include "arch/cpu.h"
#include "kmalloc.h"
#include "pmm.h"
#include "printk.h"
#include "qemu.h"
#include "string.h"
#include "task.h"

extern const struct ktest ktests_start[], ktests_end[];

void ktest_report_failure(struct ktest_context *t, const char *file, int line, const char *format,
			  ...)
{
	va_list args;
	printk("ktest: %s: %s:%d: ", t->test_name, file, line);
	va_start(args, format);
	vprintk(format, args);
	va_end(args);
	printk("\n");
	t->failures++;
}

static bool selected(const struct ktest *test, const char *filter)
{
	return !filter || !*filter || strncmp(test->name, filter, strlen(filter)) == 0;
}

noreturn void ktest_run_all(const char *filter)
{
	int passed = 0, failed = 0;

	printk("ktest: running in-kernel tests%s%s\n", filter ? " matching " : "",
	       filter ? filter : "");
	for (const struct ktest *test = ktests_start; test < ktests_end; test++) {
		if (!selected(test, filter))
			continue;
		struct ktest_context context = {.test_name = test->name};
		size_t frames_before = pmm_free_count();
		size_t objects_before = kmalloc_live_objects();
		size_t tasks_before = task_count();
		size_t stacks_before = kstack_count();

		test->run(&context);
		if (pmm_free_count() != frames_before)
			ktest_report_failure(&context, test->file, 0,
					     "leaked frames: %lu free before, %lu after",
					     frames_before, pmm_free_count());
		if (kmalloc_live_objects() != objects_before)
			ktest_report_failure(&context, test->file, 0,
					     "leaked kmalloc objects: %lu live before, %lu after",
					     objects_before, kmalloc_live_objects());
		if (task_count() != tasks_before || kstack_count() != stacks_before)
			ktest_report_failure(
				&context, test->file, 0,
				"leaked tasks: %lu tasks and %lu stacks before, %lu and %lu "
				"after",
				tasks_before, stacks_before, task_count(), kstack_count());
		if (context.failures) {
			printk("ktest: FAIL %s\n", test->name);
			failed++;
		} else {
			printk("ktest: PASS %s\n", test->name);
			passed++;
		}
	}
	printk("%d passed, %d failed\n", passed, failed);
	qemu_exit(failed || passed == 0 ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
	cpu_halt_forever();
}
