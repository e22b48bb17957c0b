/*
 * Inside the console terminal: the state tty.c (line discipline, read, write) and
 * tty_job.c (controlling terminal, job control) share. Not for other subsystems: they use
 * tty.h.
 */
#ifndef SPINDLE_TTY_INTERNAL_H
#define SPINDLE_TTY_INTERNAL_H

#include "ringbuf.h"
#include "spinlock.h"
#include "task.h"
#include "uapi/ioctl.h"
#include "wait.h"

#define TTY_BUFFER 4096
#define MAX_LINES  64

struct file;

struct tty {
	struct spinlock lock; /* guards everything below */
	struct termios termios;
	struct winsize window;
	char line[TTY_BUFFER]; /* the line being edited (canonical mode) */
	size_t line_length;
	uint8_t input_storage[TTY_BUFFER];
	struct ringbuf input;		  /* committed bytes, ready for read() */
	uint32_t line_lengths[MAX_LINES]; /* canonical: length of each committed line */
	size_t lines_head, lines_count;
	struct wait_queue_head read_wait;
	/* job control */
	pid_t session;		/* the session it is the controlling terminal of; 0: none */
	pid_t foreground_group; /* the process group that may read it; gets ^C ^Z ^\ */
};

extern struct tty console_tty;

/* Drop typed input that no one has read yet, committed or not. Caller holds tty->lock. */
void tty_flush_input(struct tty *tty);
/* Feed bytes through the line discipline as if typed (TIOCSTI uses it). */
void tty_receive_bytes(struct tty *tty, const char *bytes, size_t count);

/* tty_job.c. The ISIG signal `character` stands for (SIGINT for ^C ...), or 0. Caller holds
 * tty->lock. */
int tty_signal_character(const struct tty *tty, char character);
/* The caller may use the terminal in the way `signal` guards (SIGTTIN: read; SIGTTOU:
 * write with TOSTOP, change settings): 0, or -ERESTARTSYS after stopping its background
 * group with `signal`, or -EIO when that cannot be done (signal(7), termios(3)). */
long tty_job_check(struct tty *tty, int signal);
/* The job-control ioctls (TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID); -ENOIOCTLCMD
 * for any other request. */
#define ENOIOCTLCMD 515
/* open of /dev/tty: -ENXIO unless the console is the caller's controlling terminal (tty(4)). */
struct inode;
int tty_open_controlling(struct inode *inode, struct file *file);
long tty_job_ioctl(struct tty *tty, struct file *file, unsigned command, void *user);

#endif
