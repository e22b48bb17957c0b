/*
 * The console terminal and its line discipline (include/tty.h).
 *
 * Input: the serial interrupt calls tty_receive() for each byte, with interrupts off.
 * Canonical mode edits `line` and, at a newline or VEOF, commits it to `input` and records
 * its length in `line_lengths`, so read() can return exactly one line. Raw mode commits every
 * byte at once. Readers sleep on read_wait. tty->lock (a spinlock) guards all of it.
 */
#include "tty.h"
#include "tty_internal.h"
#include "job_control.h"
#include "signal.h"
#include "console.h"
#include "poll.h"
#include "sched.h"
#include "serial.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "vfs.h"

static void default_termios(struct termios *termios)
{
	static const uint8_t control[NCCS] = {
		[VINTR] = 3,	 [VQUIT] = 28,	  [VERASE] = 127, [VKILL] = 21,	 [VEOF] = 4,
		[VTIME] = 0,	 [VMIN] = 1,	  [VSTART] = 17,  [VSTOP] = 19,	 [VSUSP] = 26,
		[VREPRINT] = 18, [VDISCARD] = 15, [VWERASE] = 23, [VLNEXT] = 22,
	};
	memset(termios, 0, sizeof(*termios));
	termios->c_iflag = ICRNL | IXON;
	termios->c_oflag = OPOST | ONLCR;
	termios->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	termios->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(termios->c_cc, control, NCCS);
}

/* Write to the screen with output processing. */
static void tty_output(struct tty *tty, const char *text, size_t length)
{
	size_t start = 0;
	bool onlcr = (tty->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
	for (size_t i = 0; i < length; i++) {
		if (onlcr && text[i] == '\n') {
			serial_write(text + start, i - start);
			serial_write("\r\n", 2);
			start = i + 1;
		}
	}
	serial_write(text + start, length - start);
}

static void echo(struct tty *tty, char character)
{
	if (!(tty->termios.c_lflag & ECHO))
		return;
	if ((unsigned char)character < 32 && character != '\n' && character != '\t' &&
	    (tty->termios.c_lflag & ECHOCTL)) {
		char caret[2] = {'^', (char)(character + 64)};
		tty_output(tty, caret, 2);
		return;
	}
	tty_output(tty, &character, 1);
}

/* Hand the edited line to readers. Caller holds tty->lock. */
static void commit_line(struct tty *tty)
{
	if (tty->lines_count == MAX_LINES || ringbuf_space(&tty->input) < tty->line_length)
		return; /* readers are far behind: keep editing, like a full Linux tty */
	ringbuf_write(&tty->input, tty->line, tty->line_length);
	tty->line_lengths[(tty->lines_head + tty->lines_count) % MAX_LINES] =
		(uint32_t)tty->line_length;
	tty->lines_count++;
	tty->line_length = 0;
	wake_up_all(&tty->read_wait);
}

static void receive_canonical(struct tty *tty, char character)
{
	const uint8_t *cc = tty->termios.c_cc;
	if (character == (char)cc[VERASE] || character == '\b') {
		if (tty->line_length > 0) {
			tty->line_length--;
			if (tty->termios.c_lflag & ECHOE)
				tty_output(tty, "\b \b", 3);
		}
		return;
	}
	if (character == (char)cc[VKILL]) {
		while (tty->line_length > 0) {
			tty->line_length--;
			if (tty->termios.c_lflag & ECHOK)
				tty_output(tty, "\b \b", 3);
		}
		return;
	}
	if (character == (char)cc[VEOF]) {
		commit_line(tty); /* an empty line reads as end of file */
		return;
	}
	if (tty->line_length < TTY_BUFFER - 1 || character == '\n') {
		tty->line[tty->line_length++] = character;
		echo(tty, character);
	}
	if (character == '\n' || tty->line_length == TTY_BUFFER)
		commit_line(tty);
}

void tty_flush_input(struct tty *tty)
{
	tty->input.tail = tty->input.head;
	tty->lines_count = 0;
	tty->line_length = 0;
}

/* One typed byte through the line discipline; returns the signal it stands for (^C...),
 * which the caller sends once tty->lock is dropped. Caller holds tty->lock. */
static int receive_locked(struct tty *tty, char character)
{
	if (character == '\r' && (tty->termios.c_iflag & IGNCR))
		return 0;
	if (character == '\r' && (tty->termios.c_iflag & ICRNL))
		character = '\n';
	int signal = tty_signal_character(tty, character);
	if (signal) {
		if (!(tty->termios.c_lflag & NOFLSH))
			tty_flush_input(tty);
		echo(tty, character); /* "^C" */
		return signal;
	}
	if (tty->termios.c_lflag & ICANON) {
		receive_canonical(tty, character);
	} else if (ringbuf_write(&tty->input, &character, 1) == 1) {
		echo(tty, character);
		wake_up_all(&tty->read_wait);
	}
	return 0;
}

void tty_receive_bytes(struct tty *tty, const char *bytes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		uint64_t flags = spin_lock_irqsave(&tty->lock);
		int signal = receive_locked(tty, bytes[i]);
		pid_t foreground = tty->foreground_group;
		spin_unlock_irqrestore(&tty->lock, flags);
		if (signal)
			job_control_signal_group(foreground, signal);
	}
}

void tty_receive(char character)
{
	tty_receive_bytes(&console_tty, &character, 1);
}

/* How many bytes a read may take now (0: it must wait). Caller holds tty->lock. */
static size_t readable(struct tty *tty, bool *end_of_file)
{
	*end_of_file = false;
	if (!(tty->termios.c_lflag & ICANON))
		return ringbuf_used(&tty->input);
	if (tty->lines_count == 0)
		return 0;
	uint32_t length = tty->line_lengths[tty->lines_head];
	if (length == 0)
		*end_of_file = true;
	return length;
}

static ssize_t tty_read(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct tty *tty = &console_tty;
	struct wait_queue_entry wait;
	char chunk[256];
	bool end_of_file;

	if (count == 0)
		return 0;
	long allowed = tty_job_check(tty, SIGTTIN);
	if (allowed)
		return allowed;
	wait_entry_init(&wait, false);
	uint64_t flags;
	for (;;) {
		flags = spin_lock_irqsave(&tty->lock);
		if (readable(tty, &end_of_file) > 0 || end_of_file)
			break;
		if (file->flags & O_NONBLOCK) {
			spin_unlock_irqrestore(&tty->lock, flags);
			return -EAGAIN;
		}
		if (signal_pending(current)) {
			spin_unlock_irqrestore(&tty->lock, flags);
			return -ERESTARTSYS;
		}
		/* Queued before the lock drops: a line committed now wakes us. */
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		spin_unlock_irqrestore(&tty->lock, flags);
		schedule();
		finish_wait(&tty->read_wait, &wait);
	}
	size_t available = readable(tty, &end_of_file);
	size_t take = MIN(MIN(count, available), sizeof(chunk));
	ringbuf_read(&tty->input, chunk, take);
	if (tty->termios.c_lflag & ICANON) {
		tty->line_lengths[tty->lines_head] -= (uint32_t)take;
		if (tty->line_lengths[tty->lines_head] == 0) {
			tty->lines_head = (tty->lines_head + 1) % MAX_LINES;
			tty->lines_count--;
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (take && io_copy_to_buffer(buffer, 0, chunk, take) != 0)
		return -EFAULT;
	return (ssize_t)take;
}

static ssize_t tty_write(struct file *file, struct io_buffer *buffer, size_t count, int64_t *offset)
{
	struct tty *tty = &console_tty;
	char chunk[256];
	size_t done = 0;
	if (tty->termios.c_lflag & TOSTOP) {
		long allowed = tty_job_check(tty, SIGTTOU);
		if (allowed)
			return allowed;
	}
	while (done < count) {
		size_t length = MIN(count - done, sizeof(chunk));
		if (io_copy_from_buffer(chunk, buffer, done, length) != 0)
			return done ? (ssize_t)done : -EFAULT;
		uint64_t flags = spin_lock_irqsave(&tty->lock);
		tty_output(tty, chunk, length);
		spin_unlock_irqrestore(&tty->lock, flags);
		done += length;
	}
	return (ssize_t)done;
}

/* TCSETS, TCSETSW, TCSETSF (tcsetattr(3)). */
static long set_termios(struct tty *tty, unsigned command, const void *user)
{
	struct termios termios;
	if (copy_from_user(&termios, user, sizeof(termios)) != 0)
		return -EFAULT;
	long allowed = tty_job_check(tty, SIGTTOU);
	if (allowed)
		return allowed;
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	bool was_canonical = tty->termios.c_lflag & ICANON;
	tty->termios = termios;
	if (command == TCSETSF) {
		tty_flush_input(tty);
	} else if (was_canonical && !(termios.c_lflag & ICANON)) {
		/* Going raw: the half-edited line becomes readable input. */
		ringbuf_write(&tty->input, tty->line, tty->line_length);
		tty->line_length = 0;
		tty->lines_count = 0;
	} else if (!was_canonical && (termios.c_lflag & ICANON) && ringbuf_used(&tty->input) > 0) {
		/* Going canonical with raw bytes unread: they read as one line. */
		tty->line_lengths[tty->lines_head] = (uint32_t)ringbuf_used(&tty->input);
		tty->lines_count = 1;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_all(&tty->read_wait);
	return 0;
}

/* TIOCSWINSZ: a new size; the foreground group hears of a change by SIGWINCH. */
static long set_window(struct tty *tty, const void *user)
{
	struct winsize window;
	if (copy_from_user(&window, user, sizeof(window)) != 0)
		return -EFAULT;
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	bool changed = memcmp(&window, &tty->window, sizeof(window)) != 0;
	tty->window = window;
	pid_t foreground = tty->foreground_group;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed)
		job_control_signal_group(foreground, SIGWINCH);
	return 0;
}

/* TCFLSH (tcflush(3)): output is never queued, so only input can be thrown away. */
static long flush(struct tty *tty, unsigned long queue)
{
	if (queue > TCIOFLUSH)
		return -EINVAL;
	long allowed = tty_job_check(tty, SIGTTOU);
	if (allowed)
		return allowed;
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	if (queue != TCOFLUSH)
		tty_flush_input(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static long tty_ioctl(struct file *file, unsigned command, unsigned long argument)
{
	struct tty *tty = &console_tty;
	void *user = (void *)argument;
	char typed;

	switch (command) {
	case TCGETS:
		return copy_to_user(user, &tty->termios, sizeof(tty->termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, command, user);
	case TCSBRK: /* tcdrain(3), tcsendbreak(3): output is written out synchronously */
		return 0;
	case TCXONC: /* tcflow(3): the serial line has no flow control to switch */
		return argument <= TCION ? 0 : -EINVAL;
	case TCFLSH:
		return flush(tty, argument);
	case TIOCSTI: /* as if the byte had been typed: ^C here interrupts the foreground */
		if (copy_from_user(&typed, user, 1) != 0)
			return -EFAULT;
		tty_receive_bytes(tty, &typed, 1);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(user, &tty->window, sizeof(tty->window));
	case TIOCSWINSZ:
		return set_window(tty, user);
	case FIONREAD: {
		bool end_of_file;
		uint64_t flags = spin_lock_irqsave(&tty->lock);
		int count = (int)readable(tty, &end_of_file);
		spin_unlock_irqrestore(&tty->lock, flags);
		return copy_to_user(user, &count, sizeof(count));
	}
	default: {
		long result = tty_job_ioctl(tty, file, command, user);
		return result == -ENOIOCTLCMD ? -ENOTTY : result;
	}
	}
}

static unsigned tty_poll(struct file *file, struct poll_table *table)
{
	struct tty *tty = &console_tty;
	bool end_of_file;
	poll_wait(file, &tty->read_wait, table);
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	unsigned events = POLLOUT | POLLWRNORM; /* output never blocks */
	if (readable(tty, &end_of_file) > 0 || end_of_file)
		events |= POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tty->lock, flags);
	return events;
}

/* /dev/console. */
static const struct file_operations tty_ops = {
	.poll = tty_poll,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

/* /dev/tty: "the controlling terminal of this process", so opening it fails without one. */
static const struct file_operations controlling_tty_ops = {
	.open = tty_open_controlling,
	.poll = tty_poll,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

void tty_init(void)
{
	default_termios(&console_tty.termios);
	chrdev_register(5, 0, &controlling_tty_ops);
	chrdev_register(5, 1, &tty_ops);
	serial_set_receiver(tty_receive);
}
