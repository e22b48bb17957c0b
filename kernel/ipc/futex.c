/*
 * futex(2) (include/futex.h): FUTEX_WAIT, FUTEX_WAKE, FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET,
 * FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, private and shared, with timeouts.
 *
 * A waiter is filed under a key: for private futexes (and private memory) the pair
 * (mm, virtual address); for memory that several processes map (MAP_SHARED) the physical
 * address of the word, which is the same whatever address each process maps it at.
 * Keys hash into buckets; a bucket's lock covers both the check of the user word and the
 * queueing, so a FUTEX_WAKE that follows a change of the word can never be missed.
 */
#include "futex.h"
#include "kmalloc.h"
#include "list.h"
#include "mm.h"
#include "sched.h"
#include "signal.h"
#include "time.h"
#include "timer.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/futex.h"
#include "uapi/time.h"
#include "vmm.h"

#define FUTEX_BUCKETS 64

struct futex_key {
	const struct mm_struct *mm; /* NULL for a shared (physical) key */
	uint64_t address;
};

struct futex_waiter {
	struct futex_key key;
	uint32_t bitset;
	struct task_struct *task;
	struct list_head node; /* in its bucket while waiting; empty once woken */
};

struct futex_bucket {
	struct spinlock lock;
	struct list_head waiters;
};

static struct futex_bucket buckets[FUTEX_BUCKETS];
static size_t waiting;

static void buckets_init_once(void)
{
	static bool ready;
	if (ready)
		return;
	for (int i = 0; i < FUTEX_BUCKETS; i++) {
		spin_lock_init(&buckets[i].lock, "futex");
		list_init(&buckets[i].waiters);
	}
	ready = true;
}

size_t futex_waiter_count(void)
{
	return READ_ONCE(waiting);
}

static struct futex_bucket *bucket_of(const struct futex_key *key)
{
	uint64_t hash = key->address ^ ((uint64_t)key->mm >> 4);
	hash ^= hash >> 17;
	hash *= 0x9e3779b97f4a7c15ull;
	return &buckets[hash >> 58];
}

static bool same_key(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->address == b->address;
}

struct vm_area *mm_find_vma_locked(struct mm_struct *mm, virt_addr_t address);

static int get_key(uint32_t *uaddr, bool private, struct futex_key *key)
{
	virt_addr_t address = (virt_addr_t)uaddr;
	struct mm_struct *mm = current->mm;
	if (address % 4 != 0)
		return -EINVAL;
	if (!access_ok(address, 4) || !mm)
		return -EFAULT;
	*key = (struct futex_key){.mm = mm, .address = address};
	if (private)
		return 0;
	uint64_t flags = spin_lock_irqsave(&mm->lock);
	struct vm_area *vma = mm_find_vma_locked(mm, address);
	bool shared = vma && (vma->flags & VMA_SHARED);
	spin_unlock_irqrestore(&mm->lock, flags);
	if (!vma)
		return -EFAULT;
	if (!shared)
		return 0;
	phys_addr_t phys;
	if (!vmm_translate(mm->page_table, address, &phys, NULL)) {
		if (mm_handle_fault(mm, address, FAULT_USER) != 0 ||
		    !vmm_translate(mm->page_table, address, &phys, NULL))
			return -EFAULT;
	}
	*key = (struct futex_key){.mm = NULL, .address = phys};
	return 0;
}

/* The deadline of a wait: relative for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET. */
static long get_deadline(const void *user_timeout, bool absolute, bool realtime, uint64_t *deadline)
{
	struct timespec timeout;
	*deadline = 0;
	if (!user_timeout)
		return 0;
	if (copy_from_user(&timeout, user_timeout, sizeof(timeout)) != 0)
		return -EFAULT;
	if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	uint64_t ns = (uint64_t)timeout.tv_sec * NSEC_PER_SEC + (uint64_t)timeout.tv_nsec;
	uint64_t now = clock_monotonic_ns();
	if (!absolute) {
		*deadline = now + ns;
	} else {
		uint64_t clock_now = realtime ? clock_realtime_ns() : now;
		*deadline = ns > clock_now ? now + (ns - clock_now) : now;
	}
	if (*deadline == 0)
		*deadline = 1;
	return 0;
}

static long futex_wait(uint32_t *uaddr, bool private, uint32_t expected, uint64_t deadline,
		       uint32_t bitset)
{
	struct futex_waiter waiter = {.bitset = bitset, .task = current};
	struct timer timer;
	uint32_t value;
	long result = get_key(uaddr, private, &waiter.key);
	if (result)
		return result;
	if (bitset == 0)
		return -EINVAL;

	struct futex_bucket *bucket = bucket_of(&waiter.key);
	uint64_t flags = spin_lock_irqsave(&bucket->lock);
	if (copy_from_user(&value, uaddr, sizeof(value)) != 0) {
		spin_unlock_irqrestore(&bucket->lock, flags);
		return -EFAULT;
	}
	if (value != expected) {
		spin_unlock_irqrestore(&bucket->lock, flags);
		return -EAGAIN; /* the word changed: whatever we waited for may have happened */
	}
	list_add_tail(&waiter.node, &bucket->waiters);
	waiting++;
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&bucket->lock, flags);

	list_init(&timer.node);
	if (deadline)
		timer_arm(&timer, deadline);
	for (;;) {
		if (signal_pending(current)) {
			/* signal(7): an untimed wait restarts under SA_RESTART, a timed one not. */
			result = deadline ? -EINTR : -ERESTARTSYS;
			break;
		}
		if (deadline && clock_monotonic_ns() >= deadline) {
			result = -ETIMEDOUT;
			break;
		}
		schedule();
		flags = spin_lock_irqsave(&bucket_of(&waiter.key)->lock);
		bool woken = list_is_empty(&waiter.node);
		if (!woken)
			set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&bucket_of(&waiter.key)->lock, flags);
		if (woken)
			break;
	}
	set_current_state(TASK_RUNNING);
	if (deadline)
		timer_disarm(&timer);
	/* The key may have changed by a requeue: look it up again under its lock. */
	struct futex_bucket *now_in = bucket_of(&waiter.key);
	flags = spin_lock_irqsave(&now_in->lock);
	if (!list_is_empty(&waiter.node)) {
		list_del(&waiter.node);
		waiting--;
	} else {
		result = 0; /* woken: that wins over a timeout that raced with it */
	}
	spin_unlock_irqrestore(&now_in->lock, flags);
	return result;
}

/* Wake up to `count` waiters on key whose bitset matches. Caller holds the bucket lock. */
static int wake_locked(struct futex_bucket *bucket, const struct futex_key *key, int count,
		       uint32_t bitset)
{
	struct futex_waiter *waiter, *next;
	int woken = 0;
	list_for_each_entry_safe (waiter, next, &bucket->waiters, node) {
		if (woken >= count)
			break;
		if (!same_key(&waiter->key, key) || !(waiter->bitset & bitset))
			continue;
		list_del(&waiter->node);
		waiting--;
		wake_up_state(waiter->task, TASK_INTERRUPTIBLE);
		woken++;
	}
	return woken;
}

static long futex_wake(uint32_t *uaddr, bool private, int count, uint32_t bitset)
{
	struct futex_key key;
	long result = get_key(uaddr, private, &key);
	if (result)
		return result;
	if (bitset == 0)
		return -EINVAL;
	struct futex_bucket *bucket = bucket_of(&key);
	uint64_t flags = spin_lock_irqsave(&bucket->lock);
	result = wake_locked(bucket, &key, count, bitset);
	spin_unlock_irqrestore(&bucket->lock, flags);
	return result;
}

int futex_wake_address(void *uaddr, int count)
{
	buckets_init_once();
	long result = futex_wake(uaddr, false, count, FUTEX_BITSET_MATCH_ANY);
	return result < 0 ? (int)result : (int)result;
}

static void lock_two(struct futex_bucket *a, struct futex_bucket *b, uint64_t *flags)
{
	if (a == b) {
		*flags = spin_lock_irqsave(&a->lock);
	} else if (a < b) {
		*flags = spin_lock_irqsave(&a->lock);
		spin_lock(&b->lock);
	} else {
		*flags = spin_lock_irqsave(&b->lock);
		spin_lock(&a->lock);
	}
}

static void unlock_two(struct futex_bucket *a, struct futex_bucket *b, uint64_t flags)
{
	if (a != b)
		spin_unlock(a < b ? &b->lock : &a->lock);
	spin_unlock_irqrestore(a < b || a == b ? &a->lock : &b->lock, flags);
}

static long futex_requeue(uint32_t *uaddr, bool private, int wake_count, int requeue_count,
			  uint32_t *uaddr2, bool compare, uint32_t expected)
{
	struct futex_key from, to;
	struct futex_waiter *waiter, *next;
	uint64_t flags;
	if (wake_count < 0 || requeue_count < 0)
		return -EINVAL;
	long result = get_key(uaddr, private, &from);
	if (!result)
		result = get_key(uaddr2, private, &to);
	if (result)
		return result;
	struct futex_bucket *source = bucket_of(&from), *target = bucket_of(&to);
	lock_two(source, target, &flags);
	if (compare) {
		uint32_t value;
		if (copy_from_user(&value, uaddr, sizeof(value)) != 0) {
			result = -EFAULT;
			goto out;
		}
		if (value != expected) {
			result = -EAGAIN;
			goto out;
		}
	}
	result = wake_locked(source, &from, wake_count, FUTEX_BITSET_MATCH_ANY);
	int moved = 0;
	list_for_each_entry_safe (waiter, next, &source->waiters, node) {
		if (moved >= requeue_count)
			break;
		if (!same_key(&waiter->key, &from))
			continue;
		list_del(&waiter->node);
		waiter->key = to;
		list_add_tail(&waiter->node, &target->waiters);
		moved++;
	}
	result += moved; /* FUTEX_CMP_REQUEUE returns woken + requeued */
out:
	unlock_two(source, target, flags);
	return result;
}

long sys_futex(uint32_t *uaddr, int op, uint32_t value, const void *timeout, uint32_t *uaddr2,
	       uint32_t value3)
{
	bool private = op & FUTEX_PRIVATE_FLAG;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	uint64_t deadline;
	long error;

	buckets_init_once();
	switch (op & FUTEX_COMMAND_MASK) {
	case FUTEX_WAIT:
		if (realtime)
			return -ENOSYS;
		error = get_deadline(timeout, false, false, &deadline);
		return error ? error
			     : futex_wait(uaddr, private, value, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		error = get_deadline(timeout, true, realtime, &deadline);
		return error ? error : futex_wait(uaddr, private, value, deadline, value3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, private, (int)value, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)value, value3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, private, (int)value, (int)(uintptr_t)timeout, uaddr2,
				     false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, (int)value, (int)(uintptr_t)timeout, uaddr2,
				     true, value3);
	default:
		return -ENOSYS;
	}
}
