/*
 * trap (XCU 2.14 "trap"): run a command when a signal arrives or when the shell exits.
 *   trap 'command' SIGNAL...   trap '' SIGNAL... (ignore)   trap - SIGNAL... (default)
 *   trap                        list the traps, in a form the shell can read back
 * A trapped signal's handler only marks it pending; the command runs at the next safe
 * point, after the command during which it arrived (trap_run_pending(), called from
 * exec_node()), never inside the handler. The EXIT trap (0) runs once, from sh_exit().
 * A subshell or a program started by the shell begins without the traps (ignored signals
 * stay ignored), as POSIX says.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define TRAP_COUNT 65

static char *actions[TRAP_COUNT]; /* NULL: default; "": ignore */
static volatile sig_atomic_t pending[TRAP_COUNT];
static volatile sig_atomic_t any_pending;
static bool running_trap;

static void mark_pending(int number)
{
	if (number > 0 && number < TRAP_COUNT) {
		pending[number] = 1;
		any_pending = 1;
	}
}

static int trap_number(const char *name)
{
	if (strcmp(name, "EXIT") == 0 || strcmp(name, "0") == 0)
		return 0;
	int number = jobs_signal_number(name);
	return number > 0 && number < TRAP_COUNT && number != SIGKILL && number != SIGSTOP ? number
											   : -1;
}

static void print_traps(void)
{
	for (int i = 0; i < TRAP_COUNT; i++) {
		if (!actions[i])
			continue;
		printf("trap -- '");
		for (const char *p = actions[i]; *p; p++)
			if (*p == '\'')
				fputs("'\\''", stdout);
			else
				putchar(*p);
		printf("' %s\n", i ? jobs_signal_name(i) : "EXIT");
	}
}

int builtin_trap(int argc, char **argv)
{
	if (argc == 1) {
		print_traps();
		return 0;
	}
	int first = 2;
	const char *action = argv[1];
	if (trap_number(argv[1]) >= 0 && strcmp(argv[1], "0") != 0 && argc == 2) {
		action = "-"; /* `trap SIGNAL`: reset, as POSIX allows */
		first = 1;
	}
	int status = 0;
	for (int i = first; i < argc; i++) {
		int number = trap_number(argv[i]);
		if (number < 0) {
			sh_error("trap: %s: bad trap", argv[i]);
			status = 1;
			continue;
		}
		free(actions[number]);
		actions[number] = strcmp(action, "-") == 0 ? NULL : xstrdup(action);
		if (number == 0)
			continue;
		struct sigaction handler = {0};
		if (!actions[number])
			handler.sa_handler = SIG_DFL;
		else if (!*actions[number])
			handler.sa_handler = SIG_IGN;
		else
			handler.sa_handler = mark_pending;
		sigaction(number, &handler, NULL);
	}
	return status;
}

static void run_action(const char *action)
{
	int saved_status = shell.status;
	enum flow saved_flow = shell.flow;
	char *copy = xstrdup(action); /* the trap may replace itself */
	running_trap = true;
	shell.flow = FLOW_NONE;
	sh_run_string(copy, shell.line);
	running_trap = false;
	free(copy);
	shell.flow = saved_flow;
	shell.status = saved_status;
}

void trap_run_pending(void)
{
	if (!any_pending || running_trap)
		return;
	any_pending = 0;
	for (int i = 1; i < TRAP_COUNT; i++)
		if (pending[i]) {
			pending[i] = 0;
			if (actions[i] && *actions[i])
				run_action(actions[i]);
		}
}

void trap_run_exit(void)
{
	char *action = actions[0];
	if (!action)
		return;
	actions[0] = NULL;
	running_trap = true;
	sh_run_string(action, shell.line);
	free(action);
}

void trap_reset_in_child(void)
{
	for (int i = 0; i < TRAP_COUNT; i++) {
		if (!actions[i] || !*actions[i])
			continue;
		if (i)
			signal(i, SIG_DFL);
		free(actions[i]);
		actions[i] = NULL;
	}
}
