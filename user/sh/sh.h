/*
 * The shell's shared declarations. The shell follows the POSIX Shell Command Language
 * (XCU chapter 2, "Shell Command Language") and the sh(1p) utility page; where POSIX leaves
 * room, it does what dash does. docs/shell.md walks through the files:
 *
 *   main.c      options, the read-parse-run loop, error reports
 *   lex.c       words, operators, here-document bodies (the token level of XCU 2.3)
 *   parse.c     the grammar (XCU 2.10) into a tree of struct node
 *   expand.c    word expansion (XCU 2.6): parameters, $(...), $((...)), splitting, quotes
 *   pattern.c   pattern matching (XCU 2.13) for case, ${x#p} and pathname expansion
 *   arith.c     $((...)) arithmetic (XCU 2.6.4)
 *   exec.c      running the tree: lists, loops, simple commands
 *   redirect.c  redirections and here-documents
 *   jobs.c      pipelines, process groups, the job table, waiting (job control)
 *   builtins.c  cd, export, read, set, ...;  printf.c echo and printf;  test.c test and [
 *   trap.c      trap: commands run on signals and at exit
 *   vars.c      variables, positional parameters, the environment
 *   lineedit.c  the interactive line editor with history; complete.c its Tab completion
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- small utilities (vars.c) ---- */
struct strbuf {
	char *data;
	size_t length, capacity;
};
void strbuf_add(struct strbuf *buffer, char c);
void strbuf_append(struct strbuf *buffer, const char *text, size_t length);
void strbuf_puts(struct strbuf *buffer, const char *text);
char *strbuf_finish(struct strbuf *buffer); /* the string (never NULL); buffer emptied */
void *xmalloc(size_t size);
void *xrealloc(void *pointer, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);

/* ---- the syntax tree (parse.c) ---- */
enum redir_type { R_IN, R_OUT, R_APPEND, R_CLOBBER, R_READWRITE, R_DUP_IN, R_DUP_OUT, R_HEREDOC };

struct redir {
	enum redir_type type;
	int fd;
	char *word;	  /* file name, fd number or here-document delimiter (raw) */
	char *body;	  /* here-document text */
	bool body_quoted; /* delimiter was quoted: no expansion in the body */
	bool strip_tabs;  /* <<- */
	struct redir *next;
};

struct word_list {
	char *word; /* raw text, quotes still in it */
	struct word_list *next;
};

enum node_type {
	N_SIMPLE,
	N_PIPE,
	N_AND,
	N_OR,
	N_SEQUENCE,
	N_BACKGROUND,
	N_NOT,
	N_SUBSHELL,
	N_GROUP,
	N_IF,
	N_WHILE,
	N_UNTIL,
	N_FOR,
	N_CASE,
	N_FUNCTION,
};

struct case_item {
	struct word_list *patterns;
	struct node *body;
	struct case_item *next;
};

struct node {
	enum node_type type;
	int line;
	struct redir *redirs; /* compound commands and simple commands */
	union {
		struct {
			struct word_list *assigns, *words;
		} simple;
		struct {
			struct node **commands;
			int count;
		} pipe;
		struct {
			struct node *left, *right; /* AND OR SEQUENCE; BACKGROUND NOT use left */
		} pair;
		struct {
			struct node *body; /* SUBSHELL GROUP */
		} group;
		struct {
			struct node *condition, *then_part, *else_part; /* IF WHILE UNTIL */
		} cond;
		struct {
			char *variable;
			struct word_list *words;
			bool has_in;
			struct node *body;
		} for_loop;
		struct {
			char *word;
			struct case_item *items;
		} case_command;
		struct {
			char *name;
			struct node *body;
		} function;
	};
	char *text; /* the source text of a pipeline or background job, for `jobs` */
};

/* One parse of some source text. */
struct parser {
	const char *text;
	size_t length, position;
	int line, line_base; /* line of `position`, and of text[0] */
	size_t line_start;   /* offset of the current line's first character */
	bool incomplete;     /* the text ended inside a command: more input could finish it */
	bool error;	     /* a syntax error was reported */
	char message[160];   /* the syntax error, without "sh: " */
	struct redir *pending_heredocs[16];
	int pending_count;
	/* one token of look-ahead */
	int token;
	char *token_word;
	size_t token_start;
	int token_line, token_column;
	bool token_valid;
};

void parser_init(struct parser *parser, const char *text, size_t length, int first_line);
/* The next complete command, NULL at the end of the text or on an error (check ->error and
 * ->incomplete). The tree owns copies of its words, not pointers into the text. */
struct node *parse_command(struct parser *parser);
/* Frees a tree once it has run; the bodies of functions it defined stay (the function
 * table holds them). */
void parse_free(struct node *node);
bool parse_is_name(const char *text, size_t length);
/* Index just past the ')' closing the $( at text[start], found by parsing the command
 * inside (so a case pattern's ')' does not end it); -1 if the text ends first, -2 if the
 * command inside has a syntax error. */
long parse_skip_command_substitution(const char *text, size_t length, size_t start);

/* Lexer (lex.c), used by parse.c. */
enum token {
	T_EOF,
	T_NEWLINE,
	T_WORD,
	T_SEMI,
	T_AMP,
	T_PIPE,
	T_AND_IF,
	T_OR_IF,
	T_DSEMI,
	T_LPAREN,
	T_RPAREN,
	T_LESS,
	T_GREAT,
	T_DGREAT,
	T_LESSAND,
	T_GREATAND,
	T_LESSGREAT,
	T_DLESS,
	T_DLESSDASH,
	T_CLOBBER,
	T_IO_NUMBER,
};
int lex_next(struct parser *parser);
const char *lex_token_name(int token);
/* Index just past the construct opening at text[start] ('$(', '${', '$((', '`', quotes), or
 * -1 when the text ends first (-2: a syntax error inside $(...)). Shared by the lexer and
 * by expansion. */
long lex_skip_construct(const char *text, size_t length, size_t start);

/* ---- variables (vars.c) ---- */
#define VAR_EXPORT   1
#define VAR_READONLY 2
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags); /* 0, or -1 if read-only */
int var_unset(const char *name);
void var_export(const char *name);
void var_print(int flags, const char *prefix); /* for export -p, readonly -p, set */
char **var_environment(void);		       /* exported variables, for execve */
void var_import(char **environment);
void var_local(const char *name); /* `local` inside a function */
int var_push_frame(void);	  /* function entry, returns the depth */
void var_pop_frame(void);	  /* function exit: locals restored */
bool var_assignment_split(const char *text, size_t *name_length); /* NAME=... ? */

struct positional {
	int count;
	char **values;
};
extern struct positional positional;
void positional_set(int count, char **values); /* copies */
void positional_free(struct positional *old);

/* ---- global shell state (main.c) ---- */
enum flow { FLOW_NONE, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN, FLOW_ERROR };

struct shell {
	int status;	       /* $? */
	pid_t pid;	       /* $$ */
	pid_t last_background; /* $! */
	char *name;	       /* $0 */
	bool interactive;
	bool messages_name_line; /* messages say "line N" (scripts, not the terminal) */
	bool job_control;	 /* set -m */
	bool errexit;		 /* set -e */
	bool nounset;		 /* set -u */
	bool xtrace;		 /* set -x */
	bool noglob;		 /* set -f */
	bool noclobber;		 /* set -C */
	bool allexport;		 /* set -a */
	bool is_subshell;	 /* a forked copy of the shell */
	int terminal;		 /* the controlling terminal's fd (job control), or -1 */
	pid_t pgid;		 /* the shell's own process group */
	enum flow flow;		 /* a break, continue, return or error is unwinding */
	int flow_count;		 /* break N: levels still to leave */
	int loop_depth, function_depth;
	int line;	    /* the line being run, for messages */
	const char *script; /* script name for messages, or NULL */
};
extern struct shell shell;

void sh_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* An error that ends a non-interactive shell (expansion errors, XCU 2.8.1). */
void sh_fatal_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Runs a string as shell commands (eval, sh -c, command substitution); returns $?. */
int sh_run_string(const char *text, int first_line);
/* Runs the file at path in the current shell (`.`), returns $? or -1 if it cannot open. */
int sh_run_file(const char *path);
void sh_exit(int status) __attribute__((noreturn));

/* ---- expansion (expand.c) ---- */
struct string_list {
	char **items;
	int count, capacity;
};
void list_add(struct string_list *list, char *item);
void list_free(struct string_list *list);
/* Full expansion with field splitting and pathname expansion; false on an error. */
bool expand_fields(const char *raw, struct string_list *out);
/* Expansion to one string (assignments, redirection targets, case words); NULL on error. */
char *expand_string(const char *raw);
/* A here-document body: $, ` and \ are special, quotes are not. */
char *expand_heredoc(const char *body);
/* A pattern: text plus one flag per character telling whether it was quoted. */
char *expand_pattern(const char *raw, char **quoted_flags);
char *expand_arith_text(const char *raw); /* the inside of $((...)), expanded */

/* ---- patterns (pattern.c) ---- */
bool pattern_match(const char *pattern, const char *quoted, const char *string);
bool pattern_has_magic(const char *pattern, const char *quoted);
/* Pathname expansion of one field; appends the sorted matches, false if there were none. */
bool pattern_glob(const char *pattern, const char *quoted, struct string_list *out);

/* ---- arithmetic (arith.c) ---- */
bool arith_evaluate(const char *expression, long *result); /* false: error reported */

/* ---- execution (exec.c) ---- */
#define EV_EXIT	  1 /* the shell exits after this command: exec without forking */
#define EV_TESTED 2 /* the status is tested (if, while, &&, ||, !): set -e does not apply */
int exec_node(struct node *node, int flags);
void exec_define_function(const char *name, struct node *body);
struct node *exec_find_function(const char *name);
bool exec_unset_function(const char *name);
/* Redirections (redirect.c), remembering what they replaced when saved is non-NULL;
 * false on error (reported). */
struct saved_fd;
bool exec_redirect(struct redir *redirs, struct saved_fd **saved);
void exec_restore(struct saved_fd *saved);
char *exec_find_program(const char *name); /* PATH search, malloc'd, or NULL */
int exec_command_substitution(const char *text, struct strbuf *out);

/* ---- jobs (jobs.c) ---- */
void jobs_init(void);
/* Forks a process for job (creating the job when *job is NULL); returns the pid in both
 * the parent (>0) and as 0 in the child, as fork does. */
struct job;
pid_t jobs_fork(struct job **job, const char *text, bool background);
int jobs_wait_foreground(struct job *job);
void jobs_background_started(struct job *job);
/* flags: EV_TESTED passes on to the pipeline's commands (set -e stays off there). */
int jobs_run_pipeline(struct node *node, int flags);
void jobs_notify(void); /* report finished background jobs (before a prompt) */
void jobs_reset_signals_in_child(bool background);
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_wait(int argc, char **argv);
int builtin_kill(int argc, char **argv);
int jobs_signal_number(const char *name); /* "TERM", "SIGTERM" or "15"; -1 if unknown */
const char *jobs_signal_name(int number); /* "TERM" */

/* ---- traps (trap.c) ---- */
int builtin_trap(int argc, char **argv);
void trap_run_pending(void); /* at a safe point: the commands of signals that arrived */
void trap_run_exit(void);    /* the EXIT trap, once */
void trap_reset_in_child(void);

/* ---- builtins (builtins.c, printf.c, test.c) ---- */
typedef int (*builtin_function)(int argc, char **argv);
struct builtin {
	const char *name;
	builtin_function function;
	bool special; /* POSIX special built-in: assignments before it persist */
};
const struct builtin *builtin_find(const char *name);
int builtin_echo(int argc, char **argv);
int builtin_printf(int argc, char **argv);
int builtin_test(int argc, char **argv);

/* The name of built-in number index, NULL past the last. */
const char *builtin_name(int index);

/* ---- line editing (lineedit.c, complete.c) ---- */
/* Candidates for the word ending at cursor, appended to out (each the whole completed
 * name, directories ending in '/'); returns where the part they replace starts. */
size_t complete_word(const char *line, size_t cursor, struct string_list *out);
/* One line from the terminal with editing and history, NULL at end of input. */
char *lineedit_read(int fd, const char *prompt);

#endif
