/*
 * POSIX timers through musl (timer_create(2), timer_settime(2), timer_getoverrun(2)):
 * a timer's signal carries SI_TIMER, the timer's value and id; expiries while the signal is
 * blocked come out as an overrun count; SIGEV_NONE timers are read with timer_gettime;
 * absolute CLOCK_REALTIME times; the errors. Prints facts that hold on any machine;
 * tests/user/musl_test.c compares the text with what Linux printed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile int caught, caught_code, caught_value, caught_overrun;

static void on_timer(int signal_number, siginfo_t *info, void *context)
{
	(void)signal_number;
	(void)context;
	caught++;
	caught_code = info->si_code;
	caught_value = info->si_value.sival_int;
	caught_overrun = info->si_overrun;
}

static const char *outcome(int result)
{
	return result == 0 ? "0" : errno == EINVAL ? "-1 EINVAL" : "-1 other";
}

/* Spin until the monotonic clock has moved `ms` milliseconds on. */
static void spin_ms(long ms)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do
		clock_gettime(CLOCK_MONOTONIC, &now);
	while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < ms);
}

int main(void)
{
	int signal_number = SIGRTMIN + 2;
	struct sigaction action = {.sa_sigaction = on_timer, .sa_flags = SA_SIGINFO};
	sigaction(signal_number, &action, NULL);
	struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = signal_number};
	event.sigev_value.sival_int = 77;
	timer_t timer;
	printf("timer_create: %s\n", outcome(timer_create(CLOCK_MONOTONIC, &event, &timer)));

	/* One shot, 5 ms. */
	struct itimerspec once = {.it_value = {0, 5000000}};
	timer_settime(timer, 0, &once, NULL);
	while (!caught)
		pause();
	printf("signal: code is SI_TIMER %d, value %d, overrun %d\n", caught_code == SI_TIMER,
	       caught_value, caught_overrun);
	struct itimerspec now;
	timer_gettime(timer, &now);
	printf("after one shot: disarmed %d\n",
	       now.it_value.tv_sec == 0 && now.it_value.tv_nsec == 0);

	/* Periodic, every 2 ms, while the signal is blocked: one signal waits, the other
	 * expiries become its overrun count. Taken with sigwaitinfo, so no later expiry can
	 * slip in between (the signal stays blocked throughout). */
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, signal_number);
	sigprocmask(SIG_BLOCK, &block, NULL);
	struct itimerspec periodic = {.it_value = {0, 2000000}, .it_interval = {0, 2000000}};
	timer_settime(timer, 0, &periodic, NULL);
	spin_ms(30);
	siginfo_t info;
	int taken = sigwaitinfo(&block, &info);
	int overrun = timer_getoverrun(timer);
	struct itimerspec off = {0};
	timer_settime(timer, 0, &off, NULL);
	printf("blocked periodic: taken %d, SI_TIMER %d, value %d, overruns > 3 %d, "
	       "getoverrun agrees %d\n",
	       taken == signal_number, info.si_code == SI_TIMER, info.si_value.sival_int,
	       info.si_overrun > 3, overrun == info.si_overrun);
	printf("after timer_settime: getoverrun %d\n", timer_getoverrun(timer));
	struct timespec no_wait = {0, 0};
	sigtimedwait(&block, &info, &no_wait); /* one more may have come before it stopped */
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	/* SIGEV_NONE: nothing is sent, the time left is read. */
	struct sigevent quiet = {.sigev_notify = SIGEV_NONE};
	timer_t silent;
	timer_create(CLOCK_REALTIME, &quiet, &silent);
	struct itimerspec long_one = {.it_value = {100, 0}};
	timer_settime(silent, 0, &long_one, NULL);
	timer_gettime(silent, &now);
	printf("SIGEV_NONE: left between 90 and 100 s %d\n",
	       now.it_value.tv_sec >= 90 && now.it_value.tv_sec <= 100);
	/* Absolute realtime, 10 ms from now. */
	struct timespec wall;
	clock_gettime(CLOCK_REALTIME, &wall);
	wall.tv_nsec += 10000000;
	if (wall.tv_nsec >= 1000000000) {
		wall.tv_sec++;
		wall.tv_nsec -= 1000000000;
	}
	struct itimerspec absolute = {.it_value = wall};
	timer_t wall_timer;
	timer_create(CLOCK_REALTIME, &event, &wall_timer);
	timer_settime(wall_timer, TIMER_ABSTIME, &absolute, NULL);
	while (caught < 2)
		pause();
	printf("absolute realtime timer fired %d\n", caught == 2);
	printf("timer_delete: %s %s\n", outcome(timer_delete(silent)),
	       outcome(timer_delete(wall_timer)));
	printf("bad clock: %s\n", outcome(timer_create(12345, &event, &silent)));
	struct sigevent bad = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = 200};
	printf("bad signal: %s\n", outcome(timer_create(CLOCK_MONOTONIC, &bad, &silent)));
	struct itimerspec wrong = {.it_value = {0, 2000000000}};
	printf("bad time: %s\n", outcome(timer_settime(timer, 0, &wrong, NULL)));
	timer_delete(timer);
	printf("deleted timer: %s\n", outcome(timer_settime(timer, 0, &once, NULL)));
	return 0;
}
