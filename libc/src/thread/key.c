/*
 * Thread-specific data (man 3 pthread_key_create, man 3 pthread_getspecific; POSIX.1-2017
 * "pthread_key_create", "Thread-Specific Data Key Destruction").
 *
 * A key is an index into a process-wide table of PTHREAD_KEYS_MAX slots; each thread keeps
 * its values in its TCB, indexed the same way. Every create and delete bumps the slot's
 * generation, and a thread's value counts only if it was stored under the current one, so a
 * new key reads NULL in every thread without visiting them, and a deleted key's values are
 * simply forgotten (POSIX: delete calls no destructors).
 * At thread exit, each non-NULL value of a key with a destructor is cleared and passed to it;
 * destructors may store new values, so this repeats up to PTHREAD_DESTRUCTOR_ITERATIONS
 * times. The table lock guards create and delete; lookups read a slot's generation with
 * one atomic load.
 */
#include <errno.h>
#include <pthread.h>
#include "internal/lock.h"
#include "internal/thread.h"

static struct key_slot {
	unsigned int generation; /* atomic; odd while the slot is in use */
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

static int keys_lock;

static bool is_in_use(unsigned int generation)
{
	return generation & 1;
}

static unsigned int key_generation(pthread_key_t key)
{
	return __atomic_load_n(&keys[key].generation, __ATOMIC_ACQUIRE);
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	pthread_key_t index;
	int result = EAGAIN;

	libc_lock_acquire(&keys_lock);
	for (index = 0; index < PTHREAD_KEYS_MAX; index++) {
		if (is_in_use(keys[index].generation))
			continue;
		keys[index].destructor = destructor;
		__atomic_add_fetch(&keys[index].generation, 1, __ATOMIC_RELEASE);
		*key = index;
		result = 0;
		break;
	}
	libc_lock_release(&keys_lock);
	return result;
}

int pthread_key_delete(pthread_key_t key)
{
	int result = EINVAL;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	libc_lock_acquire(&keys_lock);
	if (is_in_use(keys[key].generation)) {
		keys[key].destructor = NULL;
		__atomic_add_fetch(&keys[key].generation, 1, __ATOMIC_RELEASE);
		result = 0;
	}
	libc_lock_release(&keys_lock);
	return result;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct libc_thread_specific *entry;

	if (key >= PTHREAD_KEYS_MAX)
		return NULL;
	entry = &libc_thread_self()->specific[key];
	return entry->generation == key_generation(key) ? entry->value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct libc_thread_specific *entry;
	unsigned int generation;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	generation = key_generation(key);
	if (!is_in_use(generation))
		return EINVAL;
	entry = &libc_thread_self()->specific[key];
	entry->generation = generation;
	entry->value = (void *)value;
	return 0;
}

/* The destructor of key if value was stored under its current generation, else NULL. */
static void (*current_destructor(pthread_key_t key, unsigned int generation))(void *)
{
	void (*destructor)(void *) = NULL;

	libc_lock_acquire(&keys_lock);
	if (keys[key].generation == generation)
		destructor = keys[key].destructor;
	libc_lock_release(&keys_lock);
	return destructor;
}

/* One pass over the keys. Returns true if a destructor ran. */
static bool run_destructors_once(struct libc_thread *self)
{
	bool has_run = false;
	pthread_key_t key;

	for (key = 0; key < PTHREAD_KEYS_MAX; key++) {
		struct libc_thread_specific *entry = &self->specific[key];
		void (*destructor)(void *);
		void *value = entry->value;

		if (!value)
			continue;
		entry->value = NULL;
		destructor = current_destructor(key, entry->generation);
		if (destructor) {
			destructor(value);
			has_run = true;
		}
	}
	return has_run;
}

void libc_thread_run_destructors(struct libc_thread *self)
{
	int round;

	for (round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		if (!run_destructors_once(self))
			break;
	}
}
