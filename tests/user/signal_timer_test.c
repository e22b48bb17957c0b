/*
 * Timers that signal (alarm(2), setitimer(2), getitimer(2)): SIGALRM on wall-clock time,
 * SIGVTALRM and SIGPROF on the process's CPU time. POSIX timers are checked through musl
 * (tests/musl/musl-timers.c).
 */
#include "signal_helpers.h"

UTEST(signal_alarm_sends_sigalrm)
{
	EXPECT_EQ(install(SIGALRM, SA_SIGINFO), 0);
	EXPECT_EQ(alarm(100), 0u);
	EXPECT_EQ(alarm(1), 100u); /* replaces the first, reports what was left */
	while (handled_count == 0)
		pause();
	EXPECT_EQ(handled_signal, SIGALRM);
	EXPECT_EQ(handled_code, SI_KERNEL);
	EXPECT_EQ(alarm(0), 0u); /* nothing left */
}

UTEST(signal_setitimer_repeats_and_getitimer_reports)
{
	EXPECT_EQ(install(SIGALRM, 0), 0);
	struct itimerval value = {.it_interval = {0, 5000}, .it_value = {0, 5000}}, now;
	EXPECT_EQ(setitimer(ITIMER_REAL, &value, NULL), 0);
	while (handled_count < 3)
		pause();
	EXPECT_EQ(getitimer(ITIMER_REAL, &now), 0);
	EXPECT_EQ(now.it_interval.tv_usec, 5000);
	struct itimerval off = {0}, old;
	EXPECT_EQ(setitimer(ITIMER_REAL, &off, &old), 0);
	EXPECT_EQ(old.it_interval.tv_usec, 5000);
	EXPECT_EQ(getitimer(ITIMER_REAL, &now), 0);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
	struct itimerval bad = {.it_value = {0, 1000000}};
	EXPECT_ERRNO(setitimer(ITIMER_REAL, &bad, NULL), EINVAL);
	EXPECT_ERRNO(setitimer(5, &value, NULL), EINVAL);
}

/* The CPU-time timers count only while the process runs: spin until they fire. */
static void spin_until_handled(int count)
{
	while (handled_count < count)
		__asm__ volatile("" ::: "memory");
}

UTEST(signal_itimer_virtual_and_prof_count_cpu_time)
{
	struct itimerval value = {.it_interval = {0, 2000}, .it_value = {0, 3000}}, now, old;
	EXPECT_EQ(install(SIGVTALRM, SA_SIGINFO), 0);
	EXPECT_EQ(setitimer(ITIMER_VIRTUAL, &value, NULL), 0);
	EXPECT_EQ(getitimer(ITIMER_VIRTUAL, &now), 0);
	EXPECT_EQ(now.it_interval.tv_usec, 2000);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec > 0); /* plus up to a tick */
	spin_until_handled(2); /* it reloads from its interval */
	EXPECT_EQ(handled_signal, SIGVTALRM);
	EXPECT_EQ(handled_code, SI_KERNEL);
	struct itimerval off = {0};
	EXPECT_EQ(setitimer(ITIMER_VIRTUAL, &off, &old), 0);
	EXPECT_EQ(old.it_interval.tv_usec, 2000);

	EXPECT_EQ(install(SIGPROF, SA_SIGINFO), 0);
	value.it_interval.tv_usec = 0; /* one shot */
	EXPECT_EQ(setitimer(ITIMER_PROF, &value, NULL), 0);
	spin_until_handled(3);
	EXPECT_EQ(handled_signal, SIGPROF);
	EXPECT_EQ(getitimer(ITIMER_PROF, &now), 0);
	EXPECT(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0); /* disarmed */

	/* Not inherited by a child; its default action terminates. */
	EXPECT_EQ(setitimer(ITIMER_VIRTUAL, &value, NULL), 0);
	pid_t child = fork();
	if (child == 0) {
		struct itimerval inherited;
		getitimer(ITIMER_VIRTUAL, &inherited);
		if (inherited.it_value.tv_usec != 0)
			_exit(1);
		signal(SIGPROF, SIG_DFL);
		setitimer(ITIMER_PROF, &value, NULL);
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
	int status = 0;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGPROF);
	EXPECT_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
	EXPECT_ERRNO(getitimer(3, &now), EINVAL);
}

UTEST(signal_alarm_default_action_terminates)
{
	pid_t child = fork();
	if (child == 0) {
		alarm(1);
		for (;;)
			pause();
	}
	int status;
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM);
}
