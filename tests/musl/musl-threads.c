/*
 * musl's own pthreads on Spindle: four threads x 20000 mutex-protected increments, a
 * condition-variable handover, and join return values. Prints one line per check.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static long counter;
static int box, box_full, received;

static void *count_main(void *argument)
{
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&lock);
		long value = counter;
		if (i % 1000 == 0)
			sched_yield();
		counter = value + 1;
		pthread_mutex_unlock(&lock);
	}
	return argument;
}

static void *receiver_main(void *argument)
{
	(void)argument;
	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&lock);
		while (!box_full)
			pthread_cond_wait(&changed, &lock);
		received += box;
		box_full = 0;
		pthread_cond_broadcast(&changed);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[4], receiver;
	long joined = 0;
	for (long i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, count_main, (void *)(i + 1));
	for (int i = 0; i < 4; i++) {
		void *result;
		pthread_join(threads[i], &result);
		joined += (long)result;
	}
	printf("counter %ld, join values sum %ld\n", counter, joined);
	pthread_create(&receiver, NULL, receiver_main, NULL);
	for (int i = 1; i <= 100; i++) {
		pthread_mutex_lock(&lock);
		while (box_full)
			pthread_cond_wait(&changed, &lock);
		box = i;
		box_full = 1;
		pthread_cond_broadcast(&changed);
		pthread_mutex_unlock(&lock);
	}
	pthread_join(receiver, NULL);
	printf("condition variable handover: received sum %d\n", received);
	return 0;
}
