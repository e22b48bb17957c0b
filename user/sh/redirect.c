/*
 * Redirections (XCU 2.7): < > >> >| <> <& >& n>&- and here-documents. exec_redirect()
 * applies a command's list in order; for a command that runs inside the shell (a built-in,
 * a function, { ...; } > file) it first copies each descriptor it replaces to a number
 * above 10 (close-on-exec), so that exec_restore() can put things back afterwards. A
 * here-document becomes the read end of a pipe holding its (expanded) text; a text larger
 * than a pipe can hold is written by a child process so the shell never blocks on it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sh.h"

struct saved_fd {
	int fd, copy; /* copy is -1 when fd was closed before */
	struct saved_fd *next;
};

static void save_fd(int fd, struct saved_fd **saved)
{
	for (struct saved_fd *s = *saved; s; s = s->next)
		if (s->fd == fd)
			return;
	struct saved_fd *s = xmalloc(sizeof(*s));
	s->fd = fd;
	s->copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	s->next = *saved;
	*saved = s;
}

void exec_restore(struct saved_fd *saved)
{
	fflush(stdout);
	while (saved) {
		struct saved_fd *next = saved->next;
		if (saved->copy >= 0) {
			dup2(saved->copy, saved->fd);
			close(saved->copy);
		} else
			close(saved->fd);
		free(saved);
		saved = next;
	}
}

/* A pipe whose read end yields text (a here-document). */
static int heredoc_fd(const char *text)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	size_t length = strlen(text);
	if (length <= 4096) {
		write(fds[1], text, length);
	} else {
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			while (length) {
				ssize_t n = write(fds[1], text, length);
				if (n <= 0)
					_exit(1);
				text += n;
				length -= (size_t)n;
			}
			_exit(0);
		}
	}
	close(fds[1]);
	return fds[0];
}

/* The file descriptor a redirection makes available, or -1 (reported); -2 means close. */
static int open_redirect(struct redir *r)
{
	if (r->type == R_HEREDOC) {
		char *text = r->body_quoted ? xstrdup(r->body) : expand_heredoc(r->body);
		if (!text)
			return -1;
		int fd = heredoc_fd(text);
		free(text);
		return fd;
	}
	char *target = expand_string(r->word);
	if (!target)
		return -1;
	int fd = -1, flags = 0;
	switch (r->type) {
	case R_IN:
		flags = O_RDONLY;
		break;
	case R_OUT:
	case R_CLOBBER: {
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		struct stat st;
		if (r->type == R_OUT && shell.noclobber && stat(target, &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			sh_error("%s: cannot overwrite existing file", target);
			free(target);
			return -1;
		}
		break;
	}
	case R_APPEND:
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	case R_READWRITE:
		flags = O_RDWR | O_CREAT;
		break;
	case R_DUP_IN:
	case R_DUP_OUT: {
		char *end;
		if (strcmp(target, "-") == 0) {
			free(target);
			return -2;
		}
		long number = strtol(target, &end, 10);
		if (!*target || *end || number < 0 || number > 1000) {
			sh_error("%s: bad file descriptor number", target);
			free(target);
			return -1;
		}
		fd = fcntl((int)number, F_DUPFD_CLOEXEC, 10);
		if (fd < 0)
			sh_error("%ld: %s", number, strerror(errno));
		free(target);
		return fd;
	}
	default:
		break;
	}
	fd = open(target, flags | O_CLOEXEC, 0666);
	if (fd < 0)
		sh_error("cannot open %s: %s", target, strerror(errno));
	free(target);
	return fd;
}

bool exec_redirect(struct redir *redirs, struct saved_fd **saved)
{
	for (struct redir *r = redirs; r; r = r->next) {
		if (saved)
			save_fd(r->fd, saved);
		int fd = open_redirect(r);
		if (fd == -1)
			return false;
		if (fd == -2) {
			close(r->fd);
			continue;
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		} else
			fcntl(fd, F_SETFD, 0);
	}
	return true;
}
