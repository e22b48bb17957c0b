/*
 * Tests for synchronisation between threads (man 3 pthread_mutex_lock,
 * man 3 pthread_cond_wait, man 3 pthread_once, man 3 pthread_key_create): counts that only
 * come out right if the locks work, every thread reaching a broadcast, once-only functions
 * and key destructors. Threads meet at mutexes and conditions, never by sleeping; a timed
 * wait is only ever given a deadline already in the past or an hour away.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "test.h"

#define THREAD_COUNT 4

static pthread_mutex_t counter_mutex = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *increment_many(void *argument)
{
	int i;

	(void)argument;
	for (i = 0; i < 20000; i++) {
		pthread_mutex_lock(&counter_mutex);
		counter++;
		pthread_mutex_unlock(&counter_mutex);
	}
	return NULL;
}

static void test_mutex_counter(void)
{
	char unused[THREAD_COUNT];

	test_run_threads(THREAD_COUNT, increment_many, unused, 1);
	TEST_CHECK_EQUAL(counter, THREAD_COUNT * 20000);
	TEST_CHECK_EQUAL(pthread_mutex_destroy(&counter_mutex), 0);
}

static void *try_from_other_thread(void *argument)
{
	pthread_mutex_t *mutex = argument;
	long result = pthread_mutex_trylock(mutex);

	if (result == 0)
		pthread_mutex_unlock(mutex);
	return (void *)(result * 100 + pthread_mutex_unlock(mutex));
}

/* trylock's and unlock's results in another thread, as trylock * 100 + unlock. */
static long other_thread_try(pthread_mutex_t *mutex)
{
	pthread_t thread;
	void *result;

	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, try_from_other_thread, mutex), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, &result), 0);
	return (long)result;
}

static void test_mutex_types(void)
{
	pthread_mutexattr_t attributes;
	pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER, checked, recursive;
	int type = -1;

	TEST_CHECK_EQUAL(pthread_mutex_trylock(&normal), 0);
	TEST_CHECK_EQUAL(pthread_mutex_trylock(&normal), EBUSY);
	TEST_CHECK_EQUAL(pthread_mutex_destroy(&normal), EBUSY);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&normal), 0);
	TEST_CHECK_EQUAL(pthread_mutexattr_init(&attributes), 0);
	TEST_CHECK_EQUAL(pthread_mutexattr_settype(&attributes, 99), EINVAL);
	TEST_CHECK_EQUAL(pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ERRORCHECK), 0);
	TEST_CHECK_EQUAL(pthread_mutexattr_gettype(&attributes, &type), 0);
	TEST_CHECK_EQUAL(type, PTHREAD_MUTEX_ERRORCHECK);
	TEST_CHECK_EQUAL(pthread_mutex_init(&checked, &attributes), 0);
	TEST_CHECK_EQUAL(pthread_mutex_lock(&checked), 0);
	TEST_CHECK_EQUAL(pthread_mutex_lock(&checked), EDEADLK);
	/* Another thread can neither take it nor unlock it. */
	TEST_CHECK_EQUAL(other_thread_try(&checked), EBUSY * 100 + EPERM);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&checked), 0);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&checked), EPERM);
	TEST_CHECK_EQUAL(pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE), 0);
	TEST_CHECK_EQUAL(pthread_mutex_init(&recursive, &attributes), 0);
	TEST_CHECK_EQUAL(pthread_mutex_lock(&recursive), 0);
	TEST_CHECK_EQUAL(pthread_mutex_trylock(&recursive), 0);
	TEST_CHECK_EQUAL(pthread_mutex_lock(&recursive), 0);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&recursive), 0);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&recursive), 0);
	TEST_CHECK_EQUAL(other_thread_try(&recursive), EBUSY * 100 + EPERM);
	TEST_CHECK_EQUAL(pthread_mutex_unlock(&recursive), 0);
	/* Free now: the other thread takes it and gives it back, then its extra unlock fails. */
	TEST_CHECK_EQUAL(other_thread_try(&recursive), EPERM);
	TEST_CHECK_EQUAL(pthread_mutexattr_destroy(&attributes), 0);
}

/* A bounded queue of ints for producer/consumer. */
#define QUEUE_SIZE     4
#define ITEMS_EACH     5000
#define PRODUCER_COUNT 2

static struct queue {
	pthread_mutex_t mutex;
	pthread_cond_t not_empty;
	pthread_cond_t not_full;
	int items[QUEUE_SIZE];
	int head, length;
} queue = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0};

static void queue_put(int item)
{
	pthread_mutex_lock(&queue.mutex);
	while (queue.length == QUEUE_SIZE)
		pthread_cond_wait(&queue.not_full, &queue.mutex);
	queue.items[(queue.head + queue.length++) % QUEUE_SIZE] = item;
	pthread_cond_signal(&queue.not_empty);
	pthread_mutex_unlock(&queue.mutex);
}

static int queue_take(void)
{
	int item;

	pthread_mutex_lock(&queue.mutex);
	while (queue.length == 0)
		pthread_cond_wait(&queue.not_empty, &queue.mutex);
	item = queue.items[queue.head];
	queue.head = (queue.head + 1) % QUEUE_SIZE;
	queue.length--;
	pthread_cond_signal(&queue.not_full);
	pthread_mutex_unlock(&queue.mutex);
	return item;
}

struct consumer {
	long sum;
	int count;
};

static void *produce(void *argument)
{
	int i;

	(void)argument;
	for (i = 1; i <= ITEMS_EACH; i++)
		queue_put(i);
	return NULL;
}

/* Takes items until it sees the 0 that ends the stream. */
static void *consume(void *argument)
{
	struct consumer *consumer = argument;
	int item;

	while ((item = queue_take()) != 0) {
		consumer->sum += item;
		consumer->count++;
	}
	return NULL;
}

static void test_condition_producer_consumer(void)
{
	struct consumer consumers[2] = {{0, 0}, {0, 0}};
	pthread_t producers[PRODUCER_COUNT], takers[2];
	int i;

	for (i = 0; i < 2; i++)
		TEST_CHECK_EQUAL(pthread_create(&takers[i], NULL, consume, &consumers[i]), 0);
	for (i = 0; i < PRODUCER_COUNT; i++)
		TEST_CHECK_EQUAL(pthread_create(&producers[i], NULL, produce, NULL), 0);
	for (i = 0; i < PRODUCER_COUNT; i++)
		TEST_CHECK_EQUAL(pthread_join(producers[i], NULL), 0);
	queue_put(0);
	queue_put(0);
	for (i = 0; i < 2; i++)
		TEST_CHECK_EQUAL(pthread_join(takers[i], NULL), 0);
	TEST_CHECK_EQUAL(consumers[0].count + consumers[1].count, PRODUCER_COUNT * ITEMS_EACH);
	TEST_CHECK_EQUAL(consumers[0].sum + consumers[1].sum,
			 (long)PRODUCER_COUNT * ITEMS_EACH * (ITEMS_EACH + 1) / 2);
}

/* Threads that announce themselves, then wait for one broadcast. */
static struct {
	pthread_mutex_t mutex;
	pthread_cond_t arrived;
	pthread_cond_t go;
	int waiting;
	int is_released;
} room = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void *wait_in_room(void *argument)
{
	(void)argument;
	pthread_mutex_lock(&room.mutex);
	room.waiting++;
	pthread_cond_signal(&room.arrived);
	while (!room.is_released)
		pthread_cond_wait(&room.go, &room.mutex);
	pthread_mutex_unlock(&room.mutex);
	return NULL;
}

/* Sets the flag and signals the condition argument. */
static void *release_and_signal(void *argument)
{
	pthread_mutex_lock(&room.mutex);
	room.is_released = 1;
	pthread_cond_signal(argument);
	pthread_mutex_unlock(&room.mutex);
	return NULL;
}

static void test_condition_broadcast_and_timeout(void)
{
	pthread_t threads[6], signaller;
	pthread_condattr_t attributes;
	pthread_cond_t monotonic;
	struct timespec deadline;
	clockid_t clock = -1;
	int i;

	for (i = 0; i < 6; i++)
		TEST_CHECK_EQUAL(pthread_create(&threads[i], NULL, wait_in_room, NULL), 0);
	pthread_mutex_lock(&room.mutex);
	while (room.waiting < 6)
		pthread_cond_wait(&room.arrived, &room.mutex);
	room.is_released = 1;
	pthread_cond_broadcast(&room.go);
	pthread_mutex_unlock(&room.mutex);
	for (i = 0; i < 6; i++)
		TEST_CHECK_EQUAL(pthread_join(threads[i], NULL), 0);

	/* A deadline in the past times out at once, with the mutex held again. */
	pthread_mutex_lock(&room.mutex);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec -= 1;
	TEST_CHECK_EQUAL(pthread_cond_timedwait(&room.go, &room.mutex, &deadline), ETIMEDOUT);
	TEST_CHECK_EQUAL(pthread_mutex_trylock(&room.mutex), EBUSY);
	deadline.tv_nsec = 1000000000L;
	TEST_CHECK_EQUAL(pthread_cond_timedwait(&room.go, &room.mutex, &deadline), EINVAL);
	TEST_CHECK_EQUAL(pthread_condattr_init(&attributes), 0);
	TEST_CHECK_EQUAL(pthread_condattr_setclock(&attributes, CLOCK_PROCESS_CPUTIME_ID), EINVAL);
	TEST_CHECK_EQUAL(pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC), 0);
	TEST_CHECK_EQUAL(pthread_condattr_getclock(&attributes, &clock), 0);
	TEST_CHECK_EQUAL(clock, CLOCK_MONOTONIC);
	TEST_CHECK_EQUAL(pthread_cond_init(&monotonic, &attributes), 0);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	TEST_CHECK_EQUAL(pthread_cond_timedwait(&monotonic, &room.mutex, &deadline), ETIMEDOUT);
	/* A far deadline: the signal ends the wait, not the clock. */
	room.is_released = 0;
	deadline.tv_sec += 3600;
	TEST_CHECK_EQUAL(pthread_create(&signaller, NULL, release_and_signal, &monotonic), 0);
	while (!room.is_released)
		TEST_CHECK_EQUAL(pthread_cond_timedwait(&monotonic, &room.mutex, &deadline), 0);
	pthread_mutex_unlock(&room.mutex);
	TEST_CHECK_EQUAL(pthread_join(signaller, NULL), 0);
	TEST_CHECK_EQUAL(pthread_cond_destroy(&monotonic), 0);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static int once_value;

static void initialise_once(void)
{
	once_runs++;
	once_value = 99;
}

static void *call_once_after_release(void *argument)
{
	int *seen = argument;

	pthread_mutex_lock(&room.mutex);
	while (!room.is_released)
		pthread_cond_wait(&room.go, &room.mutex);
	pthread_mutex_unlock(&room.mutex);
	pthread_once(&once, initialise_once);
	*seen = once_value;
	return NULL;
}

static void test_once(void)
{
	pthread_t threads[8];
	int seen[8], i;

	for (i = 0; i < 8; i++)
		TEST_CHECK_EQUAL(
			pthread_create(&threads[i], NULL, call_once_after_release, &seen[i]), 0);
	pthread_mutex_lock(&room.mutex);
	room.is_released = 1;
	pthread_cond_broadcast(&room.go);
	pthread_mutex_unlock(&room.mutex);
	for (i = 0; i < 8; i++) {
		TEST_CHECK_EQUAL(pthread_join(threads[i], NULL), 0);
		TEST_CHECK_EQUAL(seen[i], 99);
	}
	TEST_CHECK_EQUAL(pthread_once(&once, initialise_once), 0);
	TEST_CHECK_EQUAL(once_runs, 1);
}

static pthread_key_t key, second_key;
static int destroyed[THREAD_COUNT];
static int reset_rounds;

static void destroy_slot(void *value)
{
	__atomic_add_fetch((int *)value, 1, __ATOMIC_RELAXED);
}

/* Stores a new value twice; the third round of destructors finds none. */
static void destroy_and_reset(void *value)
{
	if (++reset_rounds < 3)
		pthread_setspecific(second_key, value);
}

static void *use_key(void *argument)
{
	int *slot = argument;

	if (pthread_getspecific(key) != NULL)
		return (void *)1;
	pthread_setspecific(key, slot);
	return pthread_getspecific(key) == slot ? NULL : (void *)2;
}

static void *set_and_clear(void *argument)
{
	pthread_setspecific(key, argument);
	pthread_setspecific(key, NULL);
	pthread_setspecific(second_key, argument);
	return NULL;
}

static void test_keys(void)
{
	pthread_t thread;
	void *result;
	int i, marker;

	TEST_CHECK_EQUAL(pthread_key_create(&key, destroy_slot), 0);
	TEST_CHECK_EQUAL(pthread_setspecific(key, &marker), 0);
	for (i = 0; i < THREAD_COUNT; i++) {
		TEST_CHECK_EQUAL(pthread_create(&thread, NULL, use_key, &destroyed[i]), 0);
		TEST_CHECK_EQUAL(pthread_join(thread, &result), 0);
		TEST_CHECK(result == NULL);
		TEST_CHECK_EQUAL(destroyed[i], 1);
	}
	TEST_CHECK(pthread_getspecific(key) == &marker);
	/* A NULL value is not destroyed; a destructor that stores again runs again. */
	TEST_CHECK_EQUAL(pthread_key_create(&second_key, destroy_and_reset), 0);
	TEST_CHECK_EQUAL(pthread_create(&thread, NULL, set_and_clear, &destroyed[0]), 0);
	TEST_CHECK_EQUAL(pthread_join(thread, NULL), 0);
	TEST_CHECK_EQUAL(destroyed[0], 1);
	TEST_CHECK_EQUAL(reset_rounds, 3);
	/* Deleting forgets the values; a key made afterwards starts at NULL everywhere. */
	TEST_CHECK_EQUAL(pthread_key_delete(key), 0);
	TEST_CHECK_EQUAL(pthread_key_delete(key), EINVAL);
	TEST_CHECK_EQUAL(pthread_setspecific(key, &marker), EINVAL);
	TEST_CHECK(pthread_getspecific(key) == NULL);
	TEST_CHECK_EQUAL(pthread_key_create(&key, NULL), 0);
	TEST_CHECK(pthread_getspecific(key) == NULL);
}

static const struct libc_test tests[] = {
	{"mutex: 4 threads x 20000 increments", test_mutex_counter},
	{"mutex types trylock errorcheck recursive", test_mutex_types},
	{"condition producer/consumer", test_condition_producer_consumer},
	{"condition broadcast timedwait", test_condition_broadcast_and_timeout},
	{"pthread_once from many threads", test_once},
	{"keys with destructors", test_keys},
};

TEST_SUITE(sync, tests);
