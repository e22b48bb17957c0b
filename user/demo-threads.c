/*
 * demo-threads: producers and consumers sharing a small queue, coordinated by a mutex and
 * two condition variables. Threads share memory, so they need no IPC -- only agreement on
 * who touches the queue when. A producer that finds the queue full waits on `not_full`; a
 * consumer that finds it empty waits on `not_empty`; each wakes the other side.
 * Read docs/fork.md ("threads") alongside.
 */
#include <pthread.h>
#include <stdio.h>

#define QUEUE_SIZE   4
#define PER_PRODUCER 500
#define PRODUCERS    2
#define CONSUMERS    2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static int queue[QUEUE_SIZE], count, producers_done;
static long consumed_sum, consumed_items, full_waits, empty_waits;

static void *producer(void *argument)
{
	long base = (long)argument * PER_PRODUCER;
	for (long item = 1; item <= PER_PRODUCER; item++) {
		pthread_mutex_lock(&lock);
		while (count == QUEUE_SIZE) {
			full_waits++;
			pthread_cond_wait(&not_full, &lock);
		}
		queue[count++] = (int)(base + item);
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	producers_done++;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *consumer(void *argument)
{
	(void)argument;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (count == 0 && producers_done < PRODUCERS) {
			empty_waits++;
			pthread_cond_wait(&not_empty, &lock);
		}
		if (count == 0) {
			pthread_mutex_unlock(&lock);
			return NULL;
		}
		consumed_sum += queue[--count];
		consumed_items++;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&lock);
	}
}

int main(void)
{
	pthread_t threads[PRODUCERS + CONSUMERS];
	printf("%d producers make %d items each; %d consumers take them from a %d-slot queue\n",
	       PRODUCERS, PER_PRODUCER, CONSUMERS, QUEUE_SIZE);
	for (long i = 0; i < PRODUCERS; i++)
		pthread_create(&threads[i], NULL, producer, (void *)i);
	for (long i = 0; i < CONSUMERS; i++)
		pthread_create(&threads[PRODUCERS + i], NULL, consumer, NULL);
	for (int i = 0; i < PRODUCERS + CONSUMERS; i++)
		pthread_join(threads[i], NULL);
	long items = PRODUCERS * PER_PRODUCER;
	printf("consumed %ld items, sum %ld (expected %ld)\n", consumed_items, consumed_sum,
	       items * (items + 1) / 2);
	printf("producers found the queue full %ld times, consumers found it empty %ld times:\n"
	       "each time they slept on a condition variable until the other side signalled\n",
	       full_waits, empty_waits);
	return 0;
}
