/*
 * Pipelines and job control (XCU 2.9.2 "Pipelines", 2.11 "Job Control"; the Linux model of
 * setpgid(2), tcsetpgrp(3), waitpid(2) with WUNTRACED, and the jobs, fg, bg, wait and kill
 * utilities).
 *
 * A job is one pipeline (or one background list): its processes, their statuses and, with
 * job control on (set -m; interactive shells on a terminal), a process group of its own
 * whose id is the first process's pid. Both the parent and the child call setpgid, so the
 * group exists before either goes on (no race with a quick exec). A foreground job gets
 * the terminal with tcsetpgrp, so Ctrl-C and Ctrl-Z reach only it; the shell takes the
 * terminal back when the job exits or stops (waitpid reports a stop with WUNTRACED).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

enum process_state { P_RUNNING, P_STOPPED, P_DONE };

struct process {
	pid_t pid;
	int status;
	enum process_state state;
};

struct job {
	int id;
	pid_t pgid;
	struct process *processes;
	int count;
	char *text;
	bool background, stop_reported;
	struct job *next;
};

static struct job *jobs;
static bool signals_ignored;

static const int job_control_signals[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};

void jobs_init(void)
{
	shell.pgid = getpgrp();
	if (!shell.interactive || !isatty(0))
		return;
	shell.terminal = fcntl(0, F_DUPFD_CLOEXEC, 10);
	for (size_t i = 0; i < sizeof(job_control_signals) / sizeof(int); i++)
		signal(job_control_signals[i], SIG_IGN);
	signals_ignored = true;
	if (getpgrp() != getpid())
		setpgid(0, 0);
	shell.pgid = getpgrp();
	tcsetpgrp(shell.terminal, shell.pgid);
	shell.job_control = true;
}

void jobs_reset_signals_in_child(bool background)
{
	if (signals_ignored)
		for (size_t i = 0; i < sizeof(job_control_signals) / sizeof(int); i++)
			signal(job_control_signals[i], SIG_DFL);
	if (background && !shell.job_control) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
	}
}

static struct job *job_new(const char *text, bool background)
{
	struct job *job = calloc(1, sizeof(*job));
	int id = 1;
	for (struct job *j = jobs; j; j = j->next)
		if (j->id >= id)
			id = j->id + 1;
	job->id = id;
	job->text = xstrdup(text);
	job->background = background;
	struct job **tail = &jobs;
	while (*tail)
		tail = &(*tail)->next;
	*tail = job;
	return job;
}

static void job_free(struct job *job)
{
	for (struct job **link = &jobs; *link; link = &(*link)->next)
		if (*link == job) {
			*link = job->next;
			break;
		}
	free(job->processes);
	free(job->text);
	free(job);
}

pid_t jobs_fork(struct job **job_pointer, const char *text, bool background)
{
	if (!*job_pointer)
		*job_pointer = job_new(text, background);
	struct job *job = *job_pointer;
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (shell.job_control) {
			pid_t pgid = job->pgid ? job->pgid : getpid();
			setpgid(0, pgid);
			if (!background && shell.terminal >= 0)
				tcsetpgrp(shell.terminal, pgid);
		}
		jobs_reset_signals_in_child(background);
		trap_reset_in_child();
		shell.is_subshell = true;
		shell.interactive = shell.job_control = false;
		jobs = NULL;
		return 0;
	}
	if (shell.job_control) {
		if (!job->pgid)
			job->pgid = pid;
		setpgid(pid, job->pgid);
	}
	job->processes =
		xrealloc(job->processes, sizeof(struct process) * (size_t)(job->count + 1));
	job->processes[job->count++] = (struct process){pid, 0, P_RUNNING};
	job->stop_reported = false;
	return pid;
}

static enum process_state job_state(struct job *job)
{
	bool stopped = false;
	for (int i = 0; i < job->count; i++) {
		if (job->processes[i].state == P_RUNNING)
			return P_RUNNING;
		if (job->processes[i].state == P_STOPPED)
			stopped = true;
	}
	return stopped ? P_STOPPED : P_DONE;
}

static int status_to_exit(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSTOPPED(status))
		return 128 + WSTOPSIG(status);
	return 128 + WTERMSIG(status);
}

static int job_exit_status(struct job *job)
{
	for (int i = job->count - 1; i >= 0; i--)
		if (job->processes[i].state != P_RUNNING)
			return status_to_exit(job->processes[i].status);
	return 0;
}

static void record(pid_t pid, int status)
{
	for (struct job *job = jobs; job; job = job->next)
		for (int i = 0; i < job->count; i++)
			if (job->processes[i].pid == pid) {
				job->processes[i].status = status;
				job->processes[i].state = WIFSTOPPED(status)	 ? P_STOPPED
							  : WIFCONTINUED(status) ? P_RUNNING
										 : P_DONE;
				return;
			}
}

/* Collects one status change, waiting for it if block. Returns 1 if one was collected,
 * 0 if none was ready (or a signal interrupted the wait), -1 if there are no children. */
static int reap(bool block)
{
	int status;
	int options = (shell.job_control ? WUNTRACED | WCONTINUED : 0) | (block ? 0 : WNOHANG);
	pid_t pid = waitpid(-1, &status, options);
	if (pid < 0)
		return errno == EINTR ? 0 : -1;
	if (pid == 0)
		return 0;
	record(pid, status);
	return 1;
}

static void mark_all_done(struct job *job)
{
	for (int i = 0; i < job->count; i++)
		if (job->processes[i].state != P_DONE)
			job->processes[i].state = P_DONE;
}

static const struct {
	const char *name;
	int number;
	const char *description;
} signal_names[] = {
	{"HUP", SIGHUP, "Hangup"},
	{"INT", SIGINT, "Interrupt"},
	{"QUIT", SIGQUIT, "Quit"},
	{"ILL", SIGILL, "Illegal instruction"},
	{"ABRT", SIGABRT, "Aborted"},
	{"FPE", SIGFPE, "Floating point exception"},
	{"KILL", SIGKILL, "Killed"},
	{"USR1", SIGUSR1, "User signal 1"},
	{"SEGV", SIGSEGV, "Segmentation fault"},
	{"USR2", SIGUSR2, "User signal 2"},
	{"PIPE", SIGPIPE, "Broken pipe"},
	{"ALRM", SIGALRM, "Alarm clock"},
	{"TERM", SIGTERM, "Terminated"},
	{"CHLD", SIGCHLD, "Child exited"},
	{"CONT", SIGCONT, "Continued"},
	{"STOP", SIGSTOP, "Stopped (signal)"},
	{"TSTP", SIGTSTP, "Stopped"},
	{"TTIN", SIGTTIN, "Stopped (tty input)"},
	{"TTOU", SIGTTOU, "Stopped (tty output)"},
};

/* The shell's own wording, the same whichever C library it was built with. */
static const char *signal_description(int number)
{
	static char unknown[32];
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (signal_names[i].number == number)
			return signal_names[i].description;
	snprintf(unknown, sizeof(unknown), "Signal %d", number);
	return unknown;
}

const char *jobs_signal_name(int number)
{
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (signal_names[i].number == number)
			return signal_names[i].name;
	return "?";
}

int jobs_signal_number(const char *name)
{
	if (name[0] >= '0' && name[0] <= '9')
		return atoi(name);
	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strcmp(signal_names[i].name, name) == 0)
			return signal_names[i].number;
	return -1;
}

static const char *state_text(struct job *job, char *buffer, size_t size)
{
	enum process_state state = job_state(job);
	if (state == P_RUNNING)
		return "Running";
	int status = job->processes[job->count - 1].status;
	if (state == P_STOPPED) {
		for (int i = 0; i < job->count; i++)
			if (job->processes[i].state == P_STOPPED)
				status = job->processes[i].status;
		return signal_description(WSTOPSIG(status));
	}
	if (WIFSIGNALED(status))
		return signal_description(WTERMSIG(status));
	if (WEXITSTATUS(status))
		snprintf(buffer, size, "Done(%d)", WEXITSTATUS(status));
	else
		snprintf(buffer, size, "Done");
	return buffer;
}

static struct job *current_job(int which) /* 0: %+, 1: %- */
{
	struct job *best = NULL, *second = NULL;
	for (struct job *job = jobs; job; job = job->next)
		if (!best || job->id > best->id) {
			second = best;
			best = job;
		} else if (!second || job->id > second->id)
			second = job;
	return which ? second : best;
}

static void print_job(struct job *job, bool with_pid)
{
	char buffer[64];
	char mark = job == current_job(0) ? '+' : job == current_job(1) ? '-' : ' ';
	printf("[%d] %c ", job->id, mark);
	if (with_pid)
		printf("%d ", job->processes[0].pid);
	printf("%-26s %s\n", state_text(job, buffer, sizeof(buffer)), job->text);
}

int jobs_wait_foreground(struct job *job)
{
	while (job_state(job) == P_RUNNING)
		if (reap(true) < 0) {
			mark_all_done(job);
			break;
		}
	if (shell.job_control && shell.terminal >= 0)
		tcsetpgrp(shell.terminal, shell.pgid);
	int status = job_exit_status(job);
	if (job_state(job) == P_STOPPED) {
		job->background = true;
		job->stop_reported = true;
		fflush(stdout);
		fputc('\n', stderr);
		fflush(stderr);
		print_job(job, false);
		fflush(stdout);
		return status;
	}
	int last = job->processes[job->count - 1].status;
	if (shell.interactive && WIFSIGNALED(last)) {
		int number = WTERMSIG(last);
		if (number == SIGINT)
			fputc('\n', stderr);
		else if (number != SIGPIPE)
			fprintf(stderr, "%s\n", signal_description(number));
	}
	job_free(job);
	return status;
}

void jobs_background_started(struct job *job)
{
	if (shell.interactive)
		fprintf(stderr, "[%d] %d\n", job->id, job->processes[job->count - 1].pid);
}

int jobs_run_pipeline(struct node *node, int flags)
{
	struct job *job = NULL;
	int input = -1;
	fflush(stdout);
	for (int i = 0; i < node->pipe.count; i++) {
		int fds[2] = {-1, -1};
		if (i + 1 < node->pipe.count && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pid_t pid = jobs_fork(&job, node->text ? node->text : "", false);
		if (pid == 0) {
			if (input >= 0) {
				dup2(input, 0);
				close(input);
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			sh_exit(exec_node(node->pipe.commands[i], EV_EXIT | (flags & EV_TESTED)));
		}
		if (input >= 0)
			close(input);
		if (fds[1] >= 0)
			close(fds[1]);
		input = fds[0];
		if (pid < 0)
			break;
	}
	if (input >= 0)
		close(input);
	if (!job)
		return 2;
	if (!job->count) {
		job_free(job);
		return 2;
	}
	return jobs_wait_foreground(job);
}

void jobs_notify(void)
{
	while (reap(false) > 0)
		;
	for (struct job *job = jobs, *next; job; job = next) {
		next = job->next;
		enum process_state state = job_state(job);
		if (state == P_DONE) {
			print_job(job, false);
			job_free(job);
		} else if (state == P_STOPPED && !job->stop_reported) {
			print_job(job, false);
			job->stop_reported = true;
		}
	}
	fflush(stdout);
}

/* %N, %+, %%, %-, %string (a job whose command starts so) or a pid. */
static struct job *find_job(const char *spec, bool report)
{
	struct job *found = NULL;
	if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0)
		found = current_job(0);
	else if (strcmp(spec, "%-") == 0)
		found = current_job(1);
	else if (spec[0] == '%') {
		char *end;
		long id = strtol(spec + 1, &end, 10);
		for (struct job *job = jobs; job && !found; job = job->next)
			if (*end ? strncmp(job->text, spec + 1, strlen(spec + 1)) == 0
				 : job->id == id)
				found = job;
	} else {
		pid_t pid = (pid_t)atoi(spec);
		for (struct job *job = jobs; job && !found; job = job->next)
			for (int i = 0; i < job->count; i++)
				if (job->processes[i].pid == pid)
					found = job;
	}
	if (!found && report)
		sh_error("%s: no such job", spec ? spec : "%+");
	return found;
}

int builtin_jobs(int argc, char **argv)
{
	bool with_pid = argc > 1 && strcmp(argv[1], "-l") == 0;
	while (reap(false) > 0)
		;
	for (struct job *job = jobs, *next; job; job = next) {
		next = job->next;
		print_job(job, with_pid);
		if (job_state(job) == P_DONE)
			job_free(job);
		else if (job_state(job) == P_STOPPED)
			job->stop_reported = true;
	}
	return 0;
}

static int continue_job(struct job *job, bool foreground)
{
	for (int i = 0; i < job->count; i++)
		if (job->processes[i].state == P_STOPPED)
			job->processes[i].state = P_RUNNING;
	job->stop_reported = false;
	job->background = !foreground;
	if (foreground && shell.terminal >= 0)
		tcsetpgrp(shell.terminal, job->pgid);
	/* Told after the terminal changed hands: a Ctrl-C typed once this is on the screen
	 * reaches the job. */
	if (foreground)
		printf("%s\n", job->text);
	else
		printf("[%d] %s &\n", job->id, job->text);
	fflush(stdout);
	if (job->pgid)
		kill(-job->pgid, SIGCONT);
	else
		for (int i = 0; i < job->count; i++)
			kill(job->processes[i].pid, SIGCONT);
	return foreground ? jobs_wait_foreground(job) : 0;
}

int builtin_fg(int argc, char **argv)
{
	if (!shell.job_control) {
		sh_error("fg: no job control");
		return 1;
	}
	struct job *job = find_job(argc > 1 ? argv[1] : NULL, true);
	return job ? continue_job(job, true) : 1;
}

int builtin_bg(int argc, char **argv)
{
	if (!shell.job_control) {
		sh_error("bg: no job control");
		return 1;
	}
	int status = 0;
	for (int i = 1; i < argc || i == 1; i++) {
		struct job *job = find_job(argc > 1 ? argv[i] : NULL, true);
		if (!job)
			status = 1;
		else
			continue_job(job, false);
	}
	return status;
}

int builtin_wait(int argc, char **argv)
{
	if (argc == 1) {
		while (jobs) {
			bool any_running = false;
			for (struct job *job = jobs; job; job = job->next)
				if (job_state(job) == P_RUNNING)
					any_running = true;
			if (!any_running || reap(true) < 0)
				break;
		}
		for (struct job *job = jobs, *next; job; job = next) {
			next = job->next;
			if (job_state(job) == P_DONE)
				job_free(job);
		}
		return 0;
	}
	int status = 127;
	for (int i = 1; i < argc; i++) {
		struct job *job = find_job(argv[i], argv[i][0] == '%');
		if (!job) {
			status = 127;
			continue;
		}
		while (job_state(job) == P_RUNNING)
			if (reap(true) < 0) {
				mark_all_done(job);
				break;
			}
		status = job_exit_status(job);
		if (job_state(job) == P_DONE)
			job_free(job);
	}
	return status;
}

/* kill [-SIGNAL | -s SIGNAL] pid|%job ... or kill -l: a built-in so that %job works. */
int builtin_kill(int argc, char **argv)
{
	int number = SIGTERM, i = 1, status = 0;
	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (size_t n = 0; n < sizeof(signal_names) / sizeof(signal_names[0]); n++)
			printf("%s%c", signal_names[n].name,
			       n + 1 < sizeof(signal_names) / sizeof(signal_names[0]) ? ' ' : '\n');
		return 0;
	}
	if (i < argc && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
		number = jobs_signal_number(argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] &&
		   !(argv[i][1] >= '0' && argv[i][1] <= '9' && i + 1 >= argc)) {
		number = jobs_signal_number(argv[i] + 1);
		i++;
	}
	if (number < 0 || i >= argc) {
		sh_error("usage: kill [-SIGNAL] pid|%%job ...");
		return 2;
	}
	for (; i < argc; i++) {
		pid_t target;
		if (argv[i][0] == '%') {
			struct job *job = find_job(argv[i], true);
			if (!job) {
				status = 1;
				continue;
			}
			target = job->pgid ? -job->pgid : job->processes[0].pid;
		} else {
			char *end;
			target = (pid_t)strtol(argv[i], &end, 10);
			if (*end || !argv[i][0]) {
				sh_error("kill: %s: arguments must be process or job IDs", argv[i]);
				status = 1;
				continue;
			}
		}
		if (kill(target, number) < 0) {
			sh_error("kill: %s: %s", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
