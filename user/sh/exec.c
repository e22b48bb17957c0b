/*
 * Running the syntax tree: lists and and-or lists (XCU 2.9.3), compound commands (2.9.4),
 * functions (2.9.5), simple commands (2.9.1: expand, redirect, then a special built-in, a
 * function, a built-in or a program found through PATH). Redirections are in redirect.c,
 * pipelines and background jobs in jobs.c.
 *
 * Every node returns its exit status and leaves it in $?. break, continue, return and
 * errors unwind through shell.flow: each loop, function or list checks it after every
 * command instead of jumping (the shell has no longjmp).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

struct function {
	char *name;
	struct node *body;
	struct function *next;
};
static struct function *functions;
static unsigned long substitution_count;

void exec_define_function(const char *name, struct node *body)
{
	for (struct function *f = functions; f; f = f->next)
		if (strcmp(f->name, name) == 0) {
			f->body = body;
			return;
		}
	struct function *f = xmalloc(sizeof(*f));
	f->name = xstrdup(name);
	f->body = body;
	f->next = functions;
	functions = f;
}

struct node *exec_find_function(const char *name)
{
	for (struct function *f = functions; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

bool exec_unset_function(const char *name)
{
	for (struct function **link = &functions; *link; link = &(*link)->next)
		if (strcmp((*link)->name, name) == 0) {
			struct function *f = *link;
			*link = f->next;
			free(f->name);
			free(f);
			return true;
		}
	return false;
}

/* ---- programs ---- */

char *exec_find_program(const char *name)
{
	if (strchr(name, '/'))
		return xstrdup(name);
	const char *path = var_get("PATH");
	if (!path)
		path = "/bin:/sbin";
	for (;;) {
		const char *colon = strchr(path, ':');
		if (!colon)
			colon = path + strlen(path);
		struct strbuf candidate = {0};
		if (colon == path)
			strbuf_add(&candidate, '.');
		else
			strbuf_append(&candidate, path, (size_t)(colon - path));
		strbuf_add(&candidate, '/');
		strbuf_puts(&candidate, name);
		struct stat st;
		if (stat(candidate.data, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(candidate.data, X_OK) == 0)
			return strbuf_finish(&candidate);
		free(candidate.data);
		if (!*colon)
			return NULL;
		path = colon + 1;
	}
}

/* In a child (or for `exec`): becomes the program; never returns. */
static void exec_program(char **argv, struct string_list *assigns) __attribute__((noreturn));
static void exec_program(char **argv, struct string_list *assigns)
{
	for (int i = 0; assigns && i < assigns->count; i++) {
		size_t length;
		var_assignment_split(assigns->items[i], &length);
		assigns->items[i][length] = '\0';
		var_set(assigns->items[i], assigns->items[i] + length + 1, VAR_EXPORT);
		assigns->items[i][length] = '=';
	}
	char *path = exec_find_program(argv[0]);
	if (!path) {
		sh_error("%s: not found", argv[0]);
		_exit(127);
	}
	char **environment = var_environment();
	execve(path, argv, environment);
	int error = errno;
	if (error == ENOEXEC) {
		int argc = 0;
		while (argv[argc])
			argc++;
		char **script = xmalloc(sizeof(char *) * (size_t)(argc + 2));
		script[0] = "sh";
		script[1] = path;
		for (int i = 1; i <= argc; i++)
			script[i + 1] = argv[i];
		execve("/bin/sh", script, environment);
	}
	sh_error("%s: %s", argv[0], error == ENOENT ? "not found" : strerror(error));
	_exit(error == ENOENT ? 127 : 126);
}

/* ---- command substitution ---- */

int exec_command_substitution(const char *text, struct strbuf *out)
{
	int fds[2];
	substitution_count++;
	fflush(stdout);
	if (pipe(fds) < 0) {
		sh_error("pipe: %s", strerror(errno));
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return 2;
	}
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		if (shell.job_control)
			jobs_reset_signals_in_child(false);
		trap_reset_in_child();
		shell.is_subshell = true;
		shell.interactive = shell.job_control = false;
		sh_exit(sh_run_string(text, shell.line));
	}
	close(fds[1]);
	char buffer[512];
	ssize_t n;
	while ((n = read(fds[0], buffer, sizeof(buffer))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		strbuf_append(out, buffer, (size_t)n);
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- simple commands ---- */

static void trace(struct string_list *assigns, struct string_list *args)
{
	fputs("+", stderr);
	for (int i = 0; i < assigns->count; i++)
		fprintf(stderr, " %s", assigns->items[i]);
	for (int i = 0; i < args->count; i++)
		fprintf(stderr, " %s", args->items[i]);
	fputs("\n", stderr);
}

/* Assignments before a built-in or function last only for that command. */
static void assign_all(struct string_list *assigns, bool temporary)
{
	for (int i = 0; i < assigns->count; i++) {
		size_t length;
		var_assignment_split(assigns->items[i], &length);
		char *name = xstrndup(assigns->items[i], length);
		if (temporary)
			var_local(name);
		int result =
			var_set(name, assigns->items[i] + length + 1, temporary ? VAR_EXPORT : 0);
		free(name);
		if (result < 0) {
			sh_fatal_error("assignment failed");
			return;
		}
	}
}

/* Deeper than this, a runaway recursion is an error rather than a stack overflow. */
#define MAX_FUNCTION_DEPTH 1000

static int call_function(struct node *body, struct string_list *args, int flags)
{
	if (shell.function_depth >= MAX_FUNCTION_DEPTH) {
		sh_fatal_error("%s: functions nested too deeply (%d)", args->items[0],
			       MAX_FUNCTION_DEPTH);
		return 2;
	}
	struct positional saved = positional;
	int saved_loops = shell.loop_depth;
	positional_set(args->count - 1, args->items + 1);
	var_push_frame();
	shell.function_depth++;
	shell.loop_depth = 0;
	int status = exec_node(body, flags & ~EV_EXIT);
	if (shell.flow == FLOW_RETURN) {
		shell.flow = FLOW_NONE;
		status = shell.status;
	}
	shell.loop_depth = saved_loops;
	shell.function_depth--;
	var_pop_frame();
	positional_free(&positional);
	positional = saved;
	return status;
}

static int run_external(struct node *node, struct string_list *args, struct string_list *assigns,
			int flags)
{
	if (flags & EV_EXIT) {
		if (!exec_redirect(node->redirs, NULL))
			_exit(2);
		exec_program(args->items, assigns);
	}
	struct job *job = NULL;
	fflush(stdout);
	pid_t pid = jobs_fork(&job, node->text ? node->text : args->items[0], false);
	if (pid < 0)
		return 2;
	if (pid == 0) {
		if (!exec_redirect(node->redirs, NULL))
			_exit(2);
		exec_program(args->items, assigns);
	}
	return jobs_wait_foreground(job);
}

static int run_exec_builtin(struct node *node, struct string_list *args,
			    struct string_list *assigns)
{
	if (!exec_redirect(node->redirs, NULL))
		return 2;
	if (args->count == 1) {
		assign_all(assigns, false);
		return 0;
	}
	fflush(stdout);
	if (shell.job_control)
		jobs_reset_signals_in_child(false);
	exec_program(args->items + 1, assigns);
}

static int exec_simple(struct node *node, int flags)
{
	struct string_list args = {0}, assigns = {0};
	int status = 0;
	unsigned long substitutions = substitution_count;
	shell.line = node->line;
	for (struct word_list *w = node->simple.words; w; w = w->next)
		if (!expand_fields(w->word, &args))
			goto out_error;
	for (struct word_list *w = node->simple.assigns; w; w = w->next) {
		size_t length;
		var_assignment_split(w->word, &length);
		char *value = expand_string(w->word + length + 1);
		if (!value)
			goto out_error;
		struct strbuf item = {0};
		strbuf_append(&item, w->word, length + 1);
		strbuf_puts(&item, value);
		free(value);
		list_add(&assigns, strbuf_finish(&item));
	}
	if (shell.xtrace)
		trace(&assigns, &args);
	if (args.count == 0) {
		struct saved_fd *saved = NULL;
		assign_all(&assigns, false);
		status = substitution_count != substitutions ? shell.status : 0;
		if (!exec_redirect(node->redirs, &saved))
			status = 2;
		exec_restore(saved);
		goto out;
	}
	int first = 0;
	bool skip_functions = false;
	while (first + 1 < args.count && strcmp(args.items[first], "command") == 0 &&
	       args.items[first + 1][0] != '-') {
		first++;
		skip_functions = true;
	}
	if (first) {
		free(args.items[0]);
		memmove(args.items, args.items + first,
			sizeof(char *) * (size_t)(args.count - first + 1));
		args.count -= first;
	}
	const char *name = args.items[0];
	if (strcmp(name, "exec") == 0) {
		status = run_exec_builtin(node, &args, &assigns);
		goto out;
	}
	const struct builtin *builtin = builtin_find(name);
	struct node *function = skip_functions ? NULL : exec_find_function(name);
	if (!builtin && !function) {
		status = run_external(node, &args, &assigns, flags);
		goto out;
	}
	bool special = builtin && builtin->special;
	bool temporary = !special && assigns.count > 0;
	if (temporary)
		var_push_frame();
	assign_all(&assigns, temporary);
	struct saved_fd *saved = NULL;
	if (!exec_redirect(node->redirs, &saved)) {
		status = 2;
	} else if (function && !special) {
		status = call_function(function, &args, flags);
	} else {
		status = builtin->function(args.count, args.items);
		fflush(stdout);
		fflush(stderr);
	}
	exec_restore(saved);
	if (temporary)
		var_pop_frame();
out:
	list_free(&args);
	list_free(&assigns);
	return status;
out_error:
	status = 2;
	goto out;
}

/* ---- compound commands ---- */

/* After a loop body: true if the loop must stop (break, or an outer continue/return). */
static bool loop_should_stop(void)
{
	if (shell.flow == FLOW_BREAK || shell.flow == FLOW_CONTINUE) {
		bool is_continue = shell.flow == FLOW_CONTINUE;
		if (--shell.flow_count > 0)
			return true;
		shell.flow = FLOW_NONE;
		return !is_continue;
	}
	return shell.flow != FLOW_NONE;
}

static int exec_loop(struct node *node, int flags)
{
	int status = 0;
	shell.loop_depth++;
	for (;;) {
		int condition = exec_node(node->cond.condition, EV_TESTED);
		if (shell.flow != FLOW_NONE) {
			if (loop_should_stop())
				break;
			continue;
		}
		if ((condition == 0) != (node->type == N_WHILE))
			break;
		status = exec_node(node->cond.then_part, flags & ~EV_EXIT);
		if (loop_should_stop())
			break;
	}
	shell.loop_depth--;
	return status;
}

static int exec_for(struct node *node, int flags)
{
	struct string_list items = {0};
	int status = 0;
	if (!node->for_loop.has_in) {
		for (int i = 0; i < positional.count; i++)
			list_add(&items, xstrdup(positional.values[i]));
	}
	for (struct word_list *w = node->for_loop.words; w; w = w->next)
		if (!expand_fields(w->word, &items)) {
			list_free(&items);
			return 2;
		}
	shell.loop_depth++;
	for (int i = 0; i < items.count; i++) {
		if (var_set(node->for_loop.variable, items.items[i], 0) < 0) {
			status = 1;
			break;
		}
		status = exec_node(node->for_loop.body, flags & ~EV_EXIT);
		if (loop_should_stop())
			break;
	}
	shell.loop_depth--;
	list_free(&items);
	return status;
}

static int exec_case(struct node *node, int flags)
{
	char *word = expand_string(node->case_command.word);
	if (!word)
		return 2;
	int status = 0;
	for (struct case_item *item = node->case_command.items; item; item = item->next) {
		for (struct word_list *p = item->patterns; p; p = p->next) {
			char *quoted;
			char *pattern = expand_pattern(p->word, &quoted);
			if (!pattern) {
				free(word);
				return 2;
			}
			bool match = pattern_match(pattern, quoted, word);
			free(pattern);
			free(quoted);
			if (match) {
				free(word);
				return item->body ? exec_node(item->body, flags) : 0;
			}
		}
	}
	free(word);
	return status;
}

static int exec_subshell(struct node *node, int flags)
{
	if (flags & EV_EXIT) {
		if (!exec_redirect(node->redirs, NULL))
			sh_exit(2);
		sh_exit(exec_node(node->group.body, flags));
	}
	struct job *job = NULL;
	fflush(stdout);
	pid_t pid = jobs_fork(&job, node->text ? node->text : "( ... )", false);
	if (pid < 0)
		return 2;
	if (pid == 0) {
		if (!exec_redirect(node->redirs, NULL))
			sh_exit(2);
		sh_exit(exec_node(node->group.body, EV_EXIT | (flags & EV_TESTED)));
	}
	return jobs_wait_foreground(job);
}

static int exec_background(struct node *node)
{
	struct job *job = NULL;
	fflush(stdout);
	pid_t pid = jobs_fork(&job, node->text ? node->text : "", true);
	if (pid < 0)
		return 2;
	if (pid == 0)
		sh_exit(exec_node(node->pair.left, EV_EXIT));
	shell.last_background = pid;
	jobs_background_started(job);
	return 0;
}

static int exec_dispatch(struct node *node, int flags);

/* A compound command with redirections of its own: { ...; } > file and friends. */
static int exec_redirected(struct node *node, int flags)
{
	struct saved_fd *saved = NULL;
	int status;
	if (!exec_redirect(node->redirs, &saved))
		status = 2;
	else
		status = node->type == N_GROUP ? exec_node(node->group.body, flags & ~EV_EXIT)
					       : exec_dispatch(node, flags & ~EV_EXIT);
	exec_restore(saved);
	return status;
}

static int exec_dispatch(struct node *node, int flags)
{
	int status;
	switch (node->type) {
	case N_SIMPLE:
		return exec_simple(node, flags);
	case N_PIPE:
		return jobs_run_pipeline(node, flags);
	case N_BACKGROUND:
		return exec_background(node);
	case N_SEQUENCE:
		exec_node(node->pair.left, flags & ~EV_EXIT);
		if (shell.flow != FLOW_NONE)
			return shell.status;
		return exec_node(node->pair.right, flags);
	case N_AND:
	case N_OR:
		status = exec_node(node->pair.left, (flags & ~EV_EXIT) | EV_TESTED);
		if (shell.flow != FLOW_NONE || (status == 0) != (node->type == N_AND))
			return status;
		return exec_node(node->pair.right, flags);
	case N_NOT:
		status = exec_node(node->pair.left, (flags & ~EV_EXIT) | EV_TESTED);
		return !status;
	case N_SUBSHELL:
		return exec_subshell(node, flags);
	case N_GROUP:
		return exec_node(node->group.body, flags);
	case N_IF:
		status = exec_node(node->cond.condition, EV_TESTED);
		if (shell.flow != FLOW_NONE)
			return status;
		if (status == 0)
			return exec_node(node->cond.then_part, flags);
		return node->cond.else_part ? exec_node(node->cond.else_part, flags) : 0;
	case N_WHILE:
	case N_UNTIL:
		return exec_loop(node, flags);
	case N_FOR:
		return exec_for(node, flags);
	case N_CASE:
		return exec_case(node, flags);
	case N_FUNCTION:
		exec_define_function(node->function.name, node->function.body);
		return 0;
	}
	return 0;
}

int exec_node(struct node *node, int flags)
{
	if (!node || shell.flow != FLOW_NONE)
		return shell.status;
	int status;
	if (node->redirs && node->type != N_SIMPLE && node->type != N_SUBSHELL)
		status = exec_redirected(node, flags);
	else
		status = exec_dispatch(node, flags);
	if (shell.flow == FLOW_NONE || shell.flow == FLOW_ERROR)
		shell.status = status;
	trap_run_pending();
	if (status != 0 && shell.errexit && !(flags & EV_TESTED) && shell.flow == FLOW_NONE &&
	    (node->type == N_SIMPLE || node->type == N_PIPE || node->type == N_SUBSHELL))
		sh_exit(status);
	return shell.flow == FLOW_NONE || shell.flow == FLOW_ERROR ? status : shell.status;
}
