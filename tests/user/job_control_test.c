/*
 * Job control through the terminal (termios(3) "Job control", ioctl_tty(2), setpgid(2),
 * credentials(7), _exit(2)): a session leader takes the console as its controlling
 * terminal, gives the foreground to a job, and "types" ^C, ^Z and ^\ with TIOCSTI; background
 * jobs that read get SIGTTIN; orphaned stopped groups get SIGHUP and SIGCONT.
 *
 * On Linux /dev/console can never be a controlling terminal, so the same tests use
 * /dev/ttyS0 there (scripts/linux-oracle.sh build/tests/user/utest jobctl).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "utest.h"

/* The terminal: Linux's serial tty if there is one, else Spindle's console. */
static int open_terminal(void)
{
	int fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
	if (fd < 0)
		fd = open("/dev/console", O_RDWR | O_NOCTTY);
	return fd;
}

static int session_fd = -1;
static struct termios saved_settings;

/* In a forked child: a new session that owns the terminal. Returns its fd. Echo is off
 * while the test "types", so the test log stays clean; in_session() puts it back. */
static int become_controlling_process(void)
{
	if (setsid() < 0)
		_exit(90);
	int fd = open_terminal();
	if (fd < 0 || ioctl(fd, TIOCSCTTY, 0) != 0)
		_exit(91);
	signal(SIGTTOU, SIG_IGN); /* as a shell does: it changes the foreground from behind */
	struct termios quiet;
	tcgetattr(fd, &saved_settings);
	quiet = saved_settings;
	quiet.c_lflag &= ~ECHO;
	tcsetattr(fd, TCSANOW, &quiet);
	session_fd = fd;
	return fd;
}

/* A job: a child in a process group of its own, waiting on `gate` before `run`. */
static pid_t start_job(int gate, void (*run)(int fd), int fd)
{
	pid_t job = fork();
	if (job == 0) {
		char byte;
		setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL);
		if (read(gate, &byte, 1) != 1)
			_exit(92);
		run(fd);
		_exit(0);
	}
	setpgid(job, job); /* both sides do it: whichever runs first wins the race */
	return job;
}

static void wait_forever(int fd)
{
	(void)fd;
	for (;;)
		pause();
}

static int child_status(pid_t child)
{
	int status = 0;
	if (waitpid(child, &status, 0) != child)
		return -1;
	return status;
}

/* Run body in a child (the session); return its exit status, 0 meaning all was well. */
static int in_session(int (*body)(void))
{
	pid_t session = fork();
	if (session == 0) {
		int result = body();
		if (session_fd >= 0)
			tcsetattr(session_fd, TCSANOW, &saved_settings);
		_exit(result);
	}
	int status = child_status(session);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static int typed_characters_signal_the_foreground(void)
{
	int fd = become_controlling_process();
	if (tcgetpgrp(fd) != getpid() || tcgetsid(fd) != getpid())
		return 1;
	static const struct {
		char key;
		int signal;
	} keys[] = {{3, SIGINT}, {28, SIGQUIT}, {26, SIGTSTP}};
	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int gate[2];
		if (pipe(gate) != 0)
			return 2;
		pid_t job = start_job(gate[0], wait_forever, fd);
		if (tcsetpgrp(fd, job) != 0 || tcgetpgrp(fd) != job)
			return 3;
		if (write(gate[1], "g", 1) != 1)
			return 4;
		/* The job is in the foreground; the session leader, now in the background,
		 * types the key. The leader's own group is not signalled. */
		if (ioctl(fd, TIOCSTI, &keys[i].key) != 0)
			return 5;
		int status;
		if (waitpid(job, &status, WUNTRACED) != job)
			return 6;
		if (keys[i].signal == SIGTSTP) {
			if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGTSTP)
				return 7;
			kill(job, SIGKILL);
			waitpid(job, &status, 0);
		} else if (!WIFSIGNALED(status) || WTERMSIG(status) != keys[i].signal) {
			return 8;
		}
		if (tcsetpgrp(fd, getpgrp()) != 0) /* back to the "shell" */
			return 9;
		close(gate[0]);
		close(gate[1]);
	}
	return 0;
}

UTEST(jobctl_ctrl_c_ctrl_z_ctrl_backslash_signal_the_foreground_group)
{
	EXPECT_EQ(in_session(typed_characters_signal_the_foreground), 0);
}

static int interrupt_flushes_input(void)
{
	int fd = become_controlling_process();
	int ready = -1;
	signal(SIGINT, SIG_IGN); /* the leader is the foreground: ^C reaches it */
	for (const char *typed = "ls\n"; *typed; typed++)
		ioctl(fd, TIOCSTI, typed);
	if (ioctl(fd, FIONREAD, &ready) != 0 || ready != 3)
		return 1;
	char interrupt = 3;
	ioctl(fd, TIOCSTI, &interrupt);
	if (ioctl(fd, FIONREAD, &ready) != 0 || ready != 0)
		return 2; /* ^C threw the typed line away */
	return 0;
}

UTEST(jobctl_interrupt_flushes_typed_input)
{
	EXPECT_EQ(in_session(interrupt_flushes_input), 0);
}

static void read_terminal(int fd)
{
	char byte;
	ssize_t got = read(fd, &byte, 1);
	_exit(got < 0 ? 10 + errno % 50 : 1);
}

static void write_terminal(int fd)
{
	static const char text[] = "jobctl: a background write\n";
	_exit(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1 ? 0 : 2);
}

static void change_settings(int fd)
{
	struct termios settings;
	tcgetattr(fd, &settings);
	_exit(tcsetattr(fd, TCSANOW, &settings) == 0 ? 0 : 3);
}

/* Start run(fd) as a background job (the leader keeps the foreground) and report how the
 * job ended: "stopped by signal" as 200 + signal, else its exit status. */
static int background_job(int fd, void (*run)(int fd), int ignored_signal)
{
	int gate[2];
	if (pipe(gate) != 0)
		return -1;
	pid_t job = fork();
	if (job == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_DFL);
		if (ignored_signal)
			signal(ignored_signal, SIG_IGN);
		char byte;
		if (read(gate[0], &byte, 1) != 1)
			_exit(92);
		run(fd);
		_exit(0);
	}
	setpgid(job, job);
	write(gate[1], "g", 1);
	int status;
	waitpid(job, &status, WUNTRACED);
	close(gate[0]);
	close(gate[1]);
	if (WIFSTOPPED(status)) {
		kill(job, SIGKILL);
		waitpid(job, NULL, 0);
		return 200 + WSTOPSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static int background_access(void)
{
	int fd = become_controlling_process();
	struct termios settings;
	if (background_job(fd, read_terminal, 0) != 200 + SIGTTIN)
		return 1;
	if (background_job(fd, read_terminal, SIGTTIN) != 10 + EIO)
		return 2; /* ignoring SIGTTIN does not make the read possible */
	if (background_job(fd, write_terminal, 0) != 0)
		return 3; /* TOSTOP is off: background output is allowed */
	if (background_job(fd, change_settings, 0) != 200 + SIGTTOU)
		return 4;
	if (background_job(fd, change_settings, SIGTTOU) != 0)
		return 5;
	tcgetattr(fd, &settings);
	settings.c_lflag |= TOSTOP;
	tcsetattr(fd, TCSANOW, &settings);
	int stopped = background_job(fd, write_terminal, 0);
	settings.c_lflag &= ~TOSTOP;
	tcsetattr(fd, TCSANOW, &settings);
	return stopped == 200 + SIGTTOU ? 0 : 6;
}

UTEST(jobctl_background_read_gets_sigttin_and_writes_sigttou_with_tostop)
{
	EXPECT_EQ(in_session(background_access), 0);
}

static int orphaned_background_read(void)
{
	int fd = become_controlling_process();
	int gate[2];
	pipe(gate);
	pid_t job = start_job(gate[0], wait_forever, fd);
	if (tcsetpgrp(fd, job) != 0)
		return 1;
	/* Now the leader's own group is in the background, and orphaned: its only member's
	 * parent is in another session. A read cannot stop it; it fails. */
	char byte;
	errno = 0;
	int result = read(fd, &byte, 1) == -1 && errno == EIO ? 0 : 2;
	kill(job, SIGKILL);
	waitpid(job, NULL, 0);
	return result;
}

UTEST(jobctl_orphaned_background_read_fails_with_eio)
{
	EXPECT_EQ(in_session(orphaned_background_read), 0);
}

static int terminal_errors(void)
{
	int fd = open_terminal();
	pid_t group = getpgrp();
	/* Not yet our controlling terminal: /dev/tty cannot even be opened (tty(4)). */
	if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
		return 11;
	if (tcgetpgrp(fd) != -1 || errno != ENOTTY)
		return 1;
	if (tcsetpgrp(fd, group) != -1 || errno != ENOTTY)
		return 2;
	/* Only a session leader may take it. */
	if (ioctl(fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
		return 3;
	close(fd);
	fd = become_controlling_process();
	if (ioctl(fd, TIOCSCTTY, 0) != 0) /* already ours: fine */
		return 4;
	int controlling = open("/dev/tty", O_RDWR);
	if (controlling < 0 || tcgetsid(controlling) != getpid())
		return 12;
	close(controlling);
	pid_t bad = -5;
	if (ioctl(fd, TIOCSPGRP, &bad) != -1 || errno != EINVAL)
		return 5;
	if (tcsetpgrp(fd, 1) != -1 || errno != EPERM) /* init's group: another session */
		return 6;
	if (tcsetpgrp(fd, 0x3fffffff) != -1 || errno != ESRCH)
		return 7;
	if (ioctl(fd, TIOCSPGRP, (void *)16) != -1 || errno != EFAULT)
		return 8;
	/* Another session cannot take it away without asking to steal. */
	pid_t other = fork();
	if (other == 0) {
		setsid();
		int other_fd = open_terminal();
		if (ioctl(other_fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
			_exit(1);
		_exit(0);
	}
	int status = child_status(other);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 9;
	/* The leader gives it up: the foreground group -- its own here -- is hung up, and the
	 * session has no terminal any more. */
	signal(SIGHUP, SIG_IGN);
	if (ioctl(fd, TIOCNOTTY) != 0 || tcgetpgrp(fd) != -1 || errno != ENOTTY)
		return 10;
	return 0;
}

UTEST(jobctl_terminal_ioctl_errors)
{
	EXPECT_EQ(in_session(terminal_errors), 0);
}

static int status_pipe[2];
static volatile sig_atomic_t seen_hangup, seen_continue;

static void report_signal(int signal_number)
{
	char letter = signal_number == SIGHUP ? 'H' : 'C';
	write(status_pipe[1], &letter, 1);
	if (signal_number == SIGHUP)
		seen_hangup = 1;
	else
		seen_continue = 1;
}

static void report_and_exit(int signal_number)
{
	report_signal(signal_number);
	_exit(0);
}

/* Read exactly `count` bytes from the status pipe. */
static void read_letters(char *letters, size_t count)
{
	size_t got = 0;
	while (got < count) {
		ssize_t now = read(status_pipe[0], letters + got, count - got);
		if (now <= 0)
			break;
		got += (size_t)now;
	}
}

static int leader_exit_hangs_up(void)
{
	int fd = become_controlling_process();
	int gate[2];
	pipe(gate);
	pid_t job = fork();
	if (job == 0) {
		setpgid(0, 0);
		signal(SIGHUP, report_and_exit);
		write(gate[1], "r", 1); /* handler in place */
		for (;;)
			pause();
	}
	setpgid(job, job);
	char byte;
	read(gate[0], &byte, 1);
	tcsetpgrp(fd, job);
	return 0; /* the controlling process exits: its foreground job is hung up */
}

UTEST(jobctl_controlling_process_exit_sends_sighup_to_foreground)
{
	char letter = 0;
	pipe(status_pipe);
	EXPECT_EQ(in_session(leader_exit_hangs_up), 0);
	read_letters(&letter, 1);
	EXPECT_EQ(letter, 'H');
	/* The job (now init's) got SIGHUP; finish it off. The terminal is free again. */
	pid_t next = fork();
	if (next == 0) {
		setsid();
		int fd = open_terminal();
		_exit(ioctl(fd, TIOCSCTTY, 0) == 0 ? 0 : 1);
	}
	EXPECT_EQ(child_status(next), 0);
}

UTEST(jobctl_exit_orphaning_a_stopped_group_sends_sighup_and_sigcont)
{
	char letters[3] = {0};
	pipe(status_pipe);
	pid_t middle = fork();
	if (middle == 0) {
		pid_t stopped = fork();
		if (stopped == 0) {
			sigset_t held, none;
			sigemptyset(&held);
			sigaddset(&held, SIGHUP);
			sigaddset(&held, SIGCONT);
			sigemptyset(&none);
			setpgid(0, 0); /* its parent is in another group of the session: not
					  orphaned */
			signal(SIGHUP, report_signal);
			signal(SIGCONT, report_signal);
			sigprocmask(SIG_BLOCK, &held, NULL); /* SIGCONT still continues it */
			raise(SIGSTOP);
			while (!seen_hangup || !seen_continue)
				sigsuspend(&none);
			_exit(0);
		}
		setpgid(stopped, stopped);
		int status;
		waitpid(stopped, &status, WUNTRACED);
		_exit(WIFSTOPPED(status) ? 0 : 1); /* and orphan the stopped group */
	}
	EXPECT_EQ(child_status(middle), 0);
	read_letters(letters, 2);
	EXPECT((letters[0] == 'H' && letters[1] == 'C') ||
	       (letters[0] == 'C' && letters[1] == 'H'));
}

UTEST(jobctl_setpgid_errors)
{
	int exec_done[2], gate[2];
	char byte;
	pipe2(exec_done, O_CLOEXEC);
	pid_t runner = fork();
	if (runner == 0) {
		/* This test program again (Spindle's path, then the Linux oracle's), running no
		 * test at all. */
		int quiet = open("/dev/null", O_WRONLY);
		dup2(quiet, 1);
		close(exec_done[0]);
		execl("/tests/utest", "utest", "no-such-test", (char *)NULL);
		execl("/test", "test", "no-such-test", (char *)NULL);
		_exit(127);
	}
	close(exec_done[1]);
	EXPECT_EQ(read(exec_done[0], &byte, 1), 0); /* end of file: the child has exec'd */
	/* Once the child has exec'd, its shell no longer moves it (exited or not). */
	EXPECT_ERRNO(setpgid(runner, runner), EACCES);
	close(exec_done[0]);
	EXPECT_EQ(child_status(runner), 0);

	EXPECT_ERRNO(setpgid(1, 1), ESRCH); /* not ours */
	EXPECT_ERRNO(setpgid(0, -1), EINVAL);
	pid_t leader = fork();
	if (leader == 0) {
		setsid();
		_exit(setpgid(0, 0) == -1 && errno == EPERM ? 0 : 1); /* a session leader stays */
	}
	EXPECT_EQ(child_status(leader), 0);

	int ready[2];
	pipe(gate);
	pipe(ready);
	pid_t other_session = fork();
	if (other_session == 0) {
		setsid();
		write(ready[1], "s", 1);
		read(gate[0], &byte, 1);
		_exit(0);
	}
	read(ready[0], &byte, 1);
	/* A group in another session is out of reach, and so is the child in it. */
	EXPECT_ERRNO(setpgid(0, other_session), EPERM);
	EXPECT_ERRNO(setpgid(other_session, 0), EPERM);
	write(gate[1], "x", 1);
	child_status(other_session);
}
