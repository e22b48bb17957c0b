/*
 * The scheduler trace (include/sched_trace.h). Events go into a fixed array used as a ring:
 * `head` counts every event ever recorded, so head % capacity is the next slot and
 * head - capacity (when positive) is how many were overwritten. One lock for all CPUs keeps
 * the order total; the record is a few stores, so the lock is held only briefly. The trace
 * lock nests inside rq->lock (the core records switches and wake-ups with it held).
 *
 * Dump format, one event per console line, parsed by scripts/sched-trace.py:
 *   sched_trace: begin EVENTS LOST
 *   sched_trace: TIME_NS CPU TYPE PID OTHER_PID STATE SITE COMM
 *   sched_trace: end
 * TYPE is switch, wakeup, fork, exit or block; STATE a ps letter (the state of the task
 * switched out, or the sleeping state); SITE the function that called schedule() or "-".
 */
#include "sched_trace.h"
#include "cmdline.h"
#include "format.h"
#include "ksyms.h"
#include "percpu.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "time.h"
#include "uapi/errno.h"

#define TRACE_CAPACITY 8192

struct trace_event {
	uint64_t time_ns;
	void *site;
	int32_t pid;
	int32_t other_pid;
	uint8_t type;
	uint8_t cpu;
	char state;
	char comm[TASK_COMM_LENGTH];
};

static struct trace_event events[TRACE_CAPACITY];
static uint64_t head; /* events ever recorded since the last dump */
static bool enabled;
static struct spinlock trace_lock = SPINLOCK_INIT("sched_trace");

static const char *const type_names[] = {"switch", "wakeup", "fork", "exit", "block"};

void sched_trace_init(void)
{
	enabled = cmdline_has("sched_trace");
}

bool sched_trace_is_enabled(void)
{
	return READ_ONCE(enabled);
}

void sched_trace_set_enabled(bool on)
{
	WRITE_ONCE(enabled, on);
}

static char state_letter(const struct task_struct *task)
{
	long state = task->state;
	if (state == TASK_RUNNING)
		return 'R';
	if (state & TASK_INTERRUPTIBLE)
		return 'S';
	if (state & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (state & TASK_STOPPED)
		return 'T';
	return 'X';
}

void sched_trace_record(enum sched_trace_type type, struct task_struct *task,
			struct task_struct *other, void *site)
{
	if (!READ_ONCE(enabled))
		return;
	uint64_t flags = spin_lock_irqsave(&trace_lock);
	struct trace_event *event = &events[head++ % TRACE_CAPACITY];
	event->time_ns = clock_monotonic_ns();
	event->site = site;
	event->pid = task->pid;
	event->other_pid = other ? other->pid : -1;
	event->type = (uint8_t)type;
	event->cpu = (uint8_t)this_cpu()->id;
	event->state = state_letter(type == SCHED_TRACE_SWITCH && other ? other : task);
	memcpy(event->comm, task->comm, TASK_COMM_LENGTH);
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* Printing takes the console; events recorded meanwhile (by the printing itself, when a
 * switch happens) land after the snapshot and stay for the next dump. */
void sched_trace_dump(void)
{
	uint64_t flags = spin_lock_irqsave(&trace_lock);
	uint64_t end = head;
	uint64_t lost = end > TRACE_CAPACITY ? end - TRACE_CAPACITY : 0;
	spin_unlock_irqrestore(&trace_lock, flags);

	bool was_enabled = READ_ONCE(enabled);
	WRITE_ONCE(enabled, false); /* the ring is read in place: no writer may lap us */
	printk("sched_trace: begin %lu %lu\n", end - lost, lost);
	for (uint64_t i = lost; i < end; i++) {
		const struct trace_event *event = &events[i % TRACE_CAPACITY];
		uint64_t offset;
		const char *site =
			event->site ? ksyms_lookup((virt_addr_t)event->site, &offset) : NULL;
		printk("sched_trace: %lu %u %s %d %d %c %s %.*s\n", event->time_ns, event->cpu,
		       type_names[event->type], event->pid, event->other_pid, event->state,
		       site ? site : "-", TASK_COMM_LENGTH, event->comm);
	}
	printk("sched_trace: end\n");
	flags = spin_lock_irqsave(&trace_lock);
	head = 0;
	spin_unlock_irqrestore(&trace_lock, flags);
	WRITE_ONCE(enabled, was_enabled);
}

size_t sched_trace_show(char *buffer, size_t size)
{
	uint64_t recorded = READ_ONCE(head);
	uint64_t lost = recorded > TRACE_CAPACITY ? recorded - TRACE_CAPACITY : 0;
	int length = snprintf(buffer, size, "enabled %d\nevents %lu\nlost %lu\ncapacity %d\n",
			      READ_ONCE(enabled) ? 1 : 0, recorded - lost, lost, TRACE_CAPACITY);
	return (size_t)MIN(length, (int)size - 1);
}

int sched_trace_control(const char *command, size_t length)
{
	while (length > 0 && (command[length - 1] == '\n' || command[length - 1] == ' '))
		length--;
	if (length == 1 && (command[0] == '0' || command[0] == '1')) {
		sched_trace_set_enabled(command[0] == '1');
		return 0;
	}
	if (length == 4 && memcmp(command, "dump", 4) == 0) {
		sched_trace_dump();
		return 0;
	}
	return -EINVAL;
}
