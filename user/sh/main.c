/*
 * sh: the shell's entry point (sh(1p)). `sh -c 'commands' [name [args]]` runs a string,
 * `sh file [args]` a script, and plain `sh` reads commands from standard input: with the
 * line editor and job control when that is a terminal (an interactive shell), line by line
 * otherwise. Each command is parsed completely before it runs; when an interactive line
 * leaves a command open (an `if` without `fi`, a quote, a here-document) the shell prompts
 * with PS2 and parses the longer text again. A syntax error or a failed expansion ends a
 * script with status 2 but only the current line of an interactive shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

extern char **environ;

struct shell shell = {.terminal = -1};

static void print_error(const char *format, va_list arguments)
{
	fflush(stdout);
	if (!shell.messages_name_line || !shell.line)
		fputs("sh: ", stderr);
	else
		fprintf(stderr, "sh: line %d: ", shell.line);
	vfprintf(stderr, format, arguments);
	fputc('\n', stderr);
	fflush(stderr);
}

void sh_error(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	print_error(format, arguments);
	va_end(arguments);
}

void sh_fatal_error(const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	print_error(format, arguments);
	va_end(arguments);
	if (!shell.interactive)
		sh_exit(2);
	shell.status = 2;
	shell.flow = FLOW_ERROR;
}

void sh_exit(int status)
{
	shell.status = status;
	trap_run_exit(); /* its commands do not change the status, unless one calls exit */
	fflush(stdout);
	fflush(stderr);
	if (shell.job_control && shell.terminal >= 0 && !shell.is_subshell)
		tcsetpgrp(shell.terminal, shell.pgid);
	exit(status);
}

static void report_syntax_error(struct parser *parser)
{
	fflush(stdout);
	if (parser->error)
		fprintf(stderr, "sh: %s\n", parser->message);
	else
		fprintf(stderr, "sh: line %d: syntax error: unexpected end of file\n",
			parser->line);
	fflush(stderr);
	shell.status = 2;
	if (!shell.interactive)
		sh_exit(2);
}

/* Parses and runs text command by command; returns the last status. */
static int run_text(const char *text, size_t length, int first_line)
{
	struct parser parser;
	parser_init(&parser, text, length, first_line);
	int status = 0;
	for (;;) {
		struct node *node = parse_command(&parser);
		if (!node) {
			if (parser.error || parser.incomplete) {
				report_syntax_error(&parser);
				status = 2;
			}
			break;
		}
		status = exec_node(node, 0);
		parse_free(node);
		if (shell.flow != FLOW_NONE)
			break;
	}
	free(parser.token_word);
	return status;
}

int sh_run_string(const char *text, int first_line)
{
	return run_text(text, strlen(text), first_line);
}

static char *read_file(const char *path, size_t *length)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct strbuf text = {0};
	char buffer[4096];
	ssize_t n;
	while ((n = read(fd, buffer, sizeof(buffer))) > 0)
		strbuf_append(&text, buffer, (size_t)n);
	close(fd);
	*length = text.length;
	return strbuf_finish(&text);
}

int sh_run_file(const char *path)
{
	size_t length;
	char *text = read_file(path, &length);
	if (!text)
		return -1;
	int status = run_text(text, length, 1);
	free(text);
	return status;
}

/* One line of standard input without the line editor (a pipe or a file). */
static char *read_plain_line(void)
{
	struct strbuf line = {0};
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (line.length == 0) {
				free(line.data);
				return NULL;
			}
			break;
		}
		if (c == '\n')
			break;
		strbuf_add(&line, c);
	}
	return strbuf_finish(&line);
}

/* PS1 and PS2 go through parameter expansion, so PS1='$PWD$ ' shows the directory. */
static char *prompt_text(bool continuation)
{
	const char *raw = var_get(continuation ? "PS2" : "PS1");
	char *expanded = NULL;
	if (raw && strpbrk(raw, "$`\\")) {
		int status = shell.status;
		expanded = expand_string(raw);
		shell.status = status;
		shell.flow = FLOW_NONE;
	}
	return expanded ? expanded : xstrdup(raw ? raw : "");
}

static char *read_line(bool continuation)
{
	char *prompt_storage = prompt_text(continuation);
	const char *prompt = prompt_storage;
	char *line = NULL;
	if (shell.interactive && shell.terminal >= 0) {
		errno = 0;
		line = lineedit_read(0, prompt);
		if (line || errno != ENOTTY)
			goto out;
	}
	if (shell.interactive) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	line = read_plain_line();
out:
	free(prompt_storage);
	return line;
}

/* Standard input, a command at a time (which may take several lines). */
static int run_input(void)
{
	struct strbuf pending = {0};
	for (;;) {
		if (shell.interactive && pending.length == 0)
			jobs_notify();
		char *line = read_line(pending.length > 0);
		if (!line) {
			if (pending.length) {
				fprintf(stderr, "sh: syntax error: unexpected end of file\n");
				shell.status = 2;
			}
			break;
		}
		strbuf_puts(&pending, line);
		strbuf_add(&pending, '\n');
		free(line);
		/* Parse everything first: run nothing until the text is complete. */
		struct parser parser;
		parser_init(&parser, pending.data, pending.length, 1);
		struct node *nodes[64];
		int count = 0;
		struct node *node;
		while (count < 64 && (node = parse_command(&parser)))
			nodes[count++] = node;
		free(parser.token_word);
		if (parser.incomplete)
			continue;
		if (parser.error) {
			report_syntax_error(&parser);
			count = 0;
		}
		for (int i = 0; i < count; i++) {
			if (shell.flow == FLOW_NONE)
				exec_node(nodes[i], 0);
			parse_free(nodes[i]);
		}
		shell.flow = FLOW_NONE;
		shell.line = 0;
		free(pending.data);
		pending.data = NULL;
		pending.length = pending.capacity = 0;
	}
	return shell.status;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: sh [-eux] [-c command [name [argument...]] | file [argument...]]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	shell.pid = getpid();
	shell.name = argv[0];
	var_import(environ);
	if (!var_get("PATH"))
		var_set("PATH", "/bin:/sbin", VAR_EXPORT);
	if (!var_get("PS1"))
		var_set("PS1", "spindle$ ", 0);
	var_set("PS2", "> ", 0);
	var_set("IFS", " \t\n", 0);
	char cwd[4096];
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, VAR_EXPORT);

	const char *command = NULL;
	bool force_interactive = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'c')
				command = "";
			else if (*p == 'i')
				force_interactive = true;
			else if (*p == 'e')
				shell.errexit = true;
			else if (*p == 'u')
				shell.nounset = true;
			else if (*p == 'x')
				shell.xtrace = true;
			else if (*p == 'f')
				shell.noglob = true;
			else if (*p != 's')
				usage();
		}
	}
	shell.messages_name_line = true;
	if (command) {
		if (i >= argc)
			usage();
		command = argv[i++];
		if (i < argc)
			shell.name = argv[i++];
		positional_set(argc - i, argv + i);
		jobs_init();
		sh_exit(sh_run_string(command, 1));
	}
	if (i < argc) {
		shell.script = argv[i];
		shell.name = argv[i];
		positional_set(argc - i - 1, argv + i + 1);
		jobs_init();
		int status = sh_run_file(argv[i]);
		if (status < 0) {
			fprintf(stderr, "sh: cannot open %s: %s\n", argv[i], strerror(errno));
			sh_exit(127);
		}
		sh_exit(shell.flow == FLOW_NONE ? status : shell.status);
	}
	positional_set(0, argv);
	shell.interactive = force_interactive || (isatty(0) && isatty(2));
	shell.messages_name_line = !shell.interactive;
	jobs_init();
	sh_exit(run_input());
}
