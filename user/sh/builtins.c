/*
 * Built-in utilities: the POSIX special built-ins (XCU 2.14: break : continue . eval exec
 * exit export readonly return set shift unset) and the regular built-ins a shell must run
 * itself because they change its state (cd, read, wait, jobs, fg, bg, local, command -v) or
 * that every script calls often enough to be worth not forking for (echo, printf, test, [,
 * true, false, pwd, kill). The table at the end lists them; `help` prints it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

static int parse_count(const char *name, const char *text, int *value)
{
	char *end;
	long number = strtol(text, &end, 10);
	if (!*text || *end || number < 0) {
		sh_error("%s: illegal number: %s", name, text);
		return -1;
	}
	*value = (int)number;
	return 0;
}

static int builtin_colon(int argc, char **argv)
{
	return 0;
}

static int builtin_false(int argc, char **argv)
{
	return 1;
}

static int builtin_exit(int argc, char **argv)
{
	int status = shell.status;
	if (argc > 1 && parse_count("exit", argv[1], &status) < 0)
		status = 2;
	sh_exit(status & 0xff);
}

static int builtin_return(int argc, char **argv)
{
	int status = shell.status;
	if (argc > 1 && parse_count("return", argv[1], &status) < 0)
		return 2;
	shell.status = status & 0xff;
	shell.flow = FLOW_RETURN;
	return shell.status;
}

static int loop_control(int argc, char **argv, enum flow flow)
{
	int count = 1;
	if (argc > 1 && (parse_count(argv[0], argv[1], &count) < 0 || count == 0)) {
		if (count == 0)
			sh_error("%s: bad count", argv[0]);
		return 1;
	}
	if (shell.loop_depth == 0)
		return 0;
	shell.flow = flow;
	shell.flow_count = count > shell.loop_depth ? shell.loop_depth : count;
	return 0;
}

static int builtin_break(int argc, char **argv)
{
	return loop_control(argc, argv, FLOW_BREAK);
}

static int builtin_continue(int argc, char **argv)
{
	return loop_control(argc, argv, FLOW_CONTINUE);
}

static int builtin_cd(int argc, char **argv)
{
	const char *target = argc > 1 ? argv[1] : var_get("HOME");
	bool print = false;
	if (argc > 1 && strcmp(argv[1], "-") == 0) {
		target = var_get("OLDPWD");
		print = true;
	}
	if (!target || !*target) {
		sh_error("cd: %s not set", argc > 1 ? "OLDPWD" : "HOME");
		return 1;
	}
	if (chdir(target) < 0) {
		sh_error("cd: can't cd to %s: %s", target, strerror(errno));
		return 1;
	}
	char buffer[4096];
	const char *old = var_get("PWD");
	if (old)
		var_set("OLDPWD", old, 0);
	if (getcwd(buffer, sizeof(buffer)))
		var_set("PWD", buffer, 0);
	if (print)
		printf("%s\n", buffer);
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	char buffer[4096];
	if (!getcwd(buffer, sizeof(buffer))) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", buffer);
	return 0;
}

/* export and readonly: NAME[=value] ... or -p. */
static int mark_variables(int argc, char **argv, int flag, const char *prefix)
{
	int status = 0;
	if (argc == 1 || strcmp(argv[1], "-p") == 0) {
		var_print(flag, prefix);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		size_t length;
		if (var_assignment_split(argv[i], &length)) {
			char *name = xstrndup(argv[i], length);
			if (var_set(name, argv[i] + length + 1, flag) < 0)
				status = 1;
			free(name);
		} else if (parse_is_name(argv[i], strlen(argv[i]))) {
			var_set(argv[i], NULL, flag);
		} else {
			sh_error("%s: %s: bad variable name", argv[0], argv[i]);
			status = 1;
		}
	}
	return status;
}

static int builtin_export(int argc, char **argv)
{
	return mark_variables(argc, argv, VAR_EXPORT, "export ");
}

static int builtin_readonly(int argc, char **argv)
{
	return mark_variables(argc, argv, VAR_READONLY, "readonly ");
}

static int builtin_local(int argc, char **argv)
{
	if (shell.function_depth == 0) {
		sh_error("local: not in a function");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		size_t length;
		bool assignment = var_assignment_split(argv[i], &length);
		char *name = assignment ? xstrndup(argv[i], length) : xstrdup(argv[i]);
		var_local(name);
		if (assignment)
			var_set(name, argv[i] + length + 1, 0);
		free(name);
	}
	return 0;
}

static int builtin_unset(int argc, char **argv)
{
	bool functions = false;
	int i = 1, status = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-f") == 0)
			functions = true;
		else if (strcmp(argv[i], "-v") != 0)
			break;
	}
	for (; i < argc; i++) {
		if (functions)
			exec_unset_function(argv[i]);
		else if (var_unset(argv[i]) < 0)
			status = 1;
	}
	return status;
}

static int builtin_shift(int argc, char **argv)
{
	int count = 1;
	if (argc > 1 && parse_count("shift", argv[1], &count) < 0)
		return 2;
	if (count > positional.count) {
		sh_error("shift: can't shift that many");
		return 2;
	}
	struct positional old = positional;
	positional_set(old.count - count, old.values + count);
	positional_free(&old);
	return 0;
}

static const struct {
	char letter;
	const char *name;
	bool *flag;
} options[] = {
	{'e', "errexit", &shell.errexit},     {'u', "nounset", &shell.nounset},
	{'x', "xtrace", &shell.xtrace},	      {'f', "noglob", &shell.noglob},
	{'C', "noclobber", &shell.noclobber}, {'a', "allexport", &shell.allexport},
	{'m', "monitor", &shell.job_control},
};

/* Sets option `letter` (or the one called `name`); false if there is none. */
static bool set_option(char letter, const char *name, bool on)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].letter == letter || (name && strcmp(options[i].name, name) == 0)) {
			*options[i].flag = on;
			return true;
		}
	return false;
}

static int builtin_set(int argc, char **argv)
{
	if (argc == 1) {
		var_print(0, "");
		return 0;
	}
	int i = 1;
	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		bool on = argv[i][0] == '-';
		if (strcmp(argv[i], "--") == 0 || strcmp(argv[i], "-") == 0) {
			i++;
			goto set_positional;
		}
		if (strcmp(argv[i] + 1, "o") == 0) {
			if (i + 1 >= argc) {
				for (size_t o = 0; o < sizeof(options) / sizeof(options[0]); o++)
					printf("%-16s%s\n", options[o].name,
					       *options[o].flag ? "on" : "off");
				return 0;
			}
			if (!set_option(0, argv[++i], on)) {
				sh_error("set: illegal option -o %s", argv[i]);
				return 2;
			}
			continue;
		}
		for (const char *p = argv[i] + 1; *p; p++)
			if (!set_option(*p, NULL, on)) {
				sh_error("set: illegal option %c%c", argv[i][0], *p);
				return 2;
			}
	}
	if (i == argc)
		return 0;
set_positional : {
	struct positional old = positional;
	positional_set(argc - i, argv + i);
	positional_free(&old);
}
	return 0;
}

static int builtin_eval(int argc, char **argv)
{
	struct strbuf text = {0};
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strbuf_add(&text, ' ');
		strbuf_puts(&text, argv[i]);
	}
	char *command = strbuf_finish(&text);
	int status = sh_run_string(command, shell.line);
	free(command);
	return status;
}

static int builtin_dot(int argc, char **argv)
{
	if (argc < 2) {
		sh_error("%s: filename argument required", argv[0]);
		return 2;
	}
	char *path = strchr(argv[1], '/') ? xstrdup(argv[1]) : exec_find_program(argv[1]);
	if (!path && access(argv[1], R_OK) == 0)
		path = xstrdup(argv[1]);
	struct positional saved = positional;
	bool has_arguments = argc > 2;
	if (has_arguments)
		positional_set(argc - 2, argv + 2);
	int status = path ? sh_run_file(path) : -1;
	if (has_arguments) {
		positional_free(&positional);
		positional = saved;
	}
	if (shell.flow == FLOW_RETURN && shell.function_depth == 0) {
		shell.flow = FLOW_NONE;
		status = shell.status;
	}
	if (status < 0) {
		sh_fatal_error("%s: not found", argv[1]);
		status = 2;
	}
	free(path);
	return status;
}

/* read [-r] [-p prompt] name...: one line from standard input, split by IFS. */
static int builtin_read(int argc, char **argv)
{
	bool raw = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-r") == 0)
			raw = true;
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			fputs(argv[++i], stderr);
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			sh_error("read: usage: read [-r] [-p prompt] name...");
			return 2;
		}
	}
	fflush(stderr);
	struct strbuf line = {0}, literal = {0}; /* literal: 1 where a backslash quoted it */
	int status = 0;
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			status = 1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) <= 0) {
				status = 1;
				break;
			}
			if (c == '\n')
				continue;
			strbuf_add(&line, c);
			strbuf_add(&literal, 1);
			continue;
		}
		strbuf_add(&line, c);
		strbuf_add(&literal, 0);
	}
	const char *separators = var_get("IFS");
	if (!separators)
		separators = " \t\n";
	size_t position = 0, length = line.length;
	const char *text = line.data ? line.data : "";
	const char *quoted = literal.data ? literal.data : "";
#define IS_IFS(k)   (!quoted[k] && strchr(separators, text[k]) && text[k])
#define IS_WHITE(k) (IS_IFS(k) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n'))
	for (int v = i; v < argc || v == i; v++) {
		const char *name = v < argc ? argv[v] : "REPLY";
		while (position < length && IS_WHITE(position))
			position++;
		size_t start = position;
		bool last = v + 1 >= argc;
		if (last) {
			position = length;
			size_t end = length;
			while (end > start && IS_WHITE(end - 1))
				end--;
			char *value = xstrndup(text + start, end - start);
			var_set(name, value, 0);
			free(value);
			break;
		}
		while (position < length && !IS_IFS(position))
			position++;
		char *value = xstrndup(text + start, position - start);
		var_set(name, value, 0);
		free(value);
		while (position < length && IS_WHITE(position))
			position++;
		if (position < length && IS_IFS(position))
			position++;
	}
#undef IS_IFS
#undef IS_WHITE
	free(line.data);
	free(literal.data);
	return status;
}

static int builtin_command(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "-v") != 0 && strcmp(argv[1], "-V") != 0)) {
		sh_error("command: usage: command [-v|-V] name");
		return 2;
	}
	bool verbose = argv[1][1] == 'V';
	int status = 0;
	for (int i = 2; i < argc; i++) {
		char *path = NULL;
		if (exec_find_function(argv[i]))
			printf(verbose ? "%s is a shell function\n" : "%s\n", argv[i]);
		else if (builtin_find(argv[i]))
			printf(verbose ? "%s is a shell builtin\n" : "%s\n", argv[i]);
		else if ((path = exec_find_program(argv[i])) && access(path, X_OK) == 0) {
			if (verbose)
				printf("%s is %s\n", argv[i], path);
			else
				printf("%s\n", path);
		} else {
			if (verbose)
				printf("%s: not found\n", argv[i]);
			status = 127;
		}
		free(path);
	}
	return status;
}

static int builtin_type(int argc, char **argv)
{
	char *with_v[argc + 2];
	with_v[0] = "command";
	with_v[1] = "-V";
	for (int i = 1; i <= argc; i++)
		with_v[i + 1] = argv[i];
	return builtin_command(argc + 1, with_v);
}

/* getopts OPTSTRING NAME [ARGUMENT...] (XCU getopts): the next option into NAME, its
 * argument into OPTARG, the index of the next argument in OPTIND. */
static int builtin_getopts(int argc, char **argv)
{
	static int offset; /* position inside a group of options such as -abc */
	static int last_index;
	if (argc < 3) {
		sh_error("getopts: usage: getopts optstring name [arg...]");
		return 2;
	}
	const char *options = argv[1], *name = argv[2];
	char **args = argc > 3 ? argv + 3 : positional.values;
	int count = argc > 3 ? argc - 3 : positional.count;
	const char *index_text = var_get("OPTIND");
	int index = index_text ? atoi(index_text) : 1;
	if (index < 1)
		index = 1;
	if (index != last_index)
		offset = 0; /* OPTIND was set by the script: start afresh */
	bool silent = options[0] == ':';
	char found[2] = "?", letter[2] = {0, 0};
	int status = 0;
	if (offset == 0) {
		const char *arg = index <= count ? args[index - 1] : NULL;
		if (!arg || arg[0] != '-' || !arg[1]) {
			status = 1;
			goto out;
		}
		if (strcmp(arg, "--") == 0) {
			index++;
			status = 1;
			goto out;
		}
		offset = 1;
	}
	const char *arg = args[index - 1];
	letter[0] = arg[offset++];
	const char *spec = letter[0] != ':' ? strchr(options, letter[0]) : NULL;
	var_unset("OPTARG");
	if (!spec) {
		if (silent)
			var_set("OPTARG", letter, 0);
		else
			sh_error("getopts: illegal option -- %c", letter[0]);
	} else if (spec[1] == ':') {
		found[0] = letter[0];
		if (arg[offset]) {
			var_set("OPTARG", arg + offset, 0);
		} else if (index < count) {
			var_set("OPTARG", args[index], 0);
			index++;
		} else {
			found[0] = silent ? ':' : '?';
			if (silent)
				var_set("OPTARG", letter, 0);
			else
				sh_error("getopts: option requires an argument -- %c", letter[0]);
			offset = 0;
			index++;
			goto out;
		}
		offset = 0;
		index++;
	} else
		found[0] = letter[0];
	if (offset && !arg[offset]) {
		offset = 0;
		index++;
	}
out:
	if (status)
		offset = 0;
	char number[16];
	snprintf(number, sizeof(number), "%d", index);
	var_set("OPTIND", number, 0);
	last_index = index;
	var_set(name, found, 0);
	return status;
}

/* umask [MODE]: print or set the file mode creation mask (octal). */
static int builtin_umask(int argc, char **argv)
{
	if (argc == 1) {
		mode_t mask = umask(0);
		umask(mask);
		printf("%04o\n", (unsigned)mask);
		return 0;
	}
	char *end;
	long mask = strtol(argv[1], &end, 8);
	if (*end || mask < 0 || mask > 0777) {
		sh_error("umask: %s: not an octal mode", argv[1]);
		return 1;
	}
	umask((mode_t)mask);
	return 0;
}

static int builtin_help(int argc, char **argv);

static const struct builtin builtins[] = {
	{":", builtin_colon, true},	     {".", builtin_dot, true},
	{"[", builtin_test, false},	     {"bg", builtin_bg, false},
	{"break", builtin_break, true},	     {"cd", builtin_cd, false},
	{"command", builtin_command, false}, {"continue", builtin_continue, true},
	{"echo", builtin_echo, false},	     {"eval", builtin_eval, true},
	{"exit", builtin_exit, true},	     {"export", builtin_export, true},
	{"false", builtin_false, false},     {"fg", builtin_fg, false},
	{"help", builtin_help, false},	     {"jobs", builtin_jobs, false},
	{"kill", builtin_kill, false},	     {"local", builtin_local, false},
	{"printf", builtin_printf, false},   {"pwd", builtin_pwd, false},
	{"read", builtin_read, false},	     {"readonly", builtin_readonly, true},
	{"return", builtin_return, true},    {"set", builtin_set, true},
	{"shift", builtin_shift, true},	     {"source", builtin_dot, true},
	{"test", builtin_test, false},	     {"trap", builtin_trap, true},
	{"true", builtin_colon, false},	     {"type", builtin_type, false},
	{"getopts", builtin_getopts, false}, {"umask", builtin_umask, false},
	{"unset", builtin_unset, true},	     {"wait", builtin_wait, false},
};

static int builtin_help(int argc, char **argv)
{
	printf("Spindle sh: a POSIX shell (docs/shell.md). Built-in commands:\n");
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		printf("%s%s", builtins[i].name,
		       i + 1 < sizeof(builtins) / sizeof(builtins[0]) ? " " : "\n");
	printf("exec. Programs live in /bin (try `ls /bin`); `demo` lists the demos.\n"
	       "Keys: arrows move and recall history, Ctrl-A/E start/end, Ctrl-U/K cut,\n"
	       "Ctrl-C interrupts the foreground job, Ctrl-Z stops it (then fg, bg, jobs).\n");
	return 0;
}

const struct builtin *builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

const char *builtin_name(int index)
{
	return index >= 0 && (size_t)index < sizeof(builtins) / sizeof(builtins[0])
		       ? builtins[index].name
		       : NULL;
}
