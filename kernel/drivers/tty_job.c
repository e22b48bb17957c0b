/*
 * The console as a controlling terminal: which session owns it, which process group is in
 * the foreground, and the signals that follow from that (termios(3) "Job control",
 * ioctl_tty(2), credentials(7)).
 *
 * - A session leader makes the console its controlling terminal with TIOCSCTTY (init does
 *   this for each shell it starts, as getty does on Linux). Every process of that session
 *   then has it as its controlling terminal, until the leader exits or gives it up.
 * - tcsetpgrp (TIOCSPGRP) picks the foreground group: typing ^C, ^\ or ^Z (VINTR, VQUIT,
 *   VSUSP, with ISIG on) sends SIGINT, SIGQUIT or SIGTSTP to that group (tty.c calls
 *   tty_signal_character()).
 * - A background process that reads its controlling terminal gets SIGTTIN (its group is
 *   stopped), one that changes the settings, or writes with TOSTOP on, gets SIGTTOU; if it
 *   ignores or blocks the signal, or its group is orphaned, the read fails with EIO and the
 *   write or change simply happens (tty_job_check(), Linux's tty_check_change()).
 *
 * One difference from Linux: there, /dev/console can never be a controlling terminal and
 * reads through it skip job control. Spindle has one terminal, so /dev/console and /dev/tty
 * both behave like Linux's serial ttys (/dev/ttyS0).
 *
 * Lock order: tasklist_lock before tty->lock; signals are sent after tty->lock is dropped
 * or with tasklist_lock already held.
 */
#include "tty_internal.h"
#include "job_control.h"
#include "proc.h"
#include "signal.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

struct tty console_tty = {
	.lock = SPINLOCK_INIT("tty"),
	.input = {console_tty.input_storage, TTY_BUFFER, 0, 0},
	.read_wait = WAIT_QUEUE_HEAD_INIT(console_tty.read_wait),
	.window = {.ws_row = 24, .ws_col = 80},
};

/* Is tty the controlling terminal of task's process? A process has one when its session
 * owns the terminal and it has not given it up (TIOCNOTTY). */
static bool is_controlling_tty(const struct tty *tty, const struct task_struct *task)
{
	pid_t session = READ_ONCE(tty->session);
	return session != 0 && task->sid == session && task->group &&
	       !READ_ONCE(task->group->tty_detached);
}

int tty_open_controlling(struct inode *inode, struct file *file)
{
	return is_controlling_tty(&console_tty, current) ? 0 : -ENXIO;
}

int tty_signal_character(const struct tty *tty, char character)
{
	const uint8_t *cc = tty->termios.c_cc;
	if (!(tty->termios.c_lflag & ISIG) || character == 0) /* 0 is _POSIX_VDISABLE */
		return 0;
	if (character == (char)cc[VINTR])
		return SIGINT;
	if (character == (char)cc[VQUIT])
		return SIGQUIT;
	if (character == (char)cc[VSUSP])
		return SIGTSTP;
	return 0;
}

static bool ignores_or_blocks(struct task_struct *task, int signal)
{
	unsigned long flags;
	return (task->blocked & SIGNAL_BIT(signal)) ||
	       signal_handler_of(task, signal, &flags) == (void *)SIG_IGN;
}

long tty_job_check(struct tty *tty, int signal)
{
	struct task_struct *self = current;
	pid_t foreground = READ_ONCE(tty->foreground_group);
	if (!is_controlling_tty(tty, self) || foreground == 0 || self->pgid == foreground)
		return 0;
	if (ignores_or_blocks(self, signal))
		return signal == SIGTTIN ? -EIO : 0;
	if (process_group_orphaned(self->pgid))
		return -EIO;
	job_control_signal_group(self->pgid, signal);
	return -ERESTARTSYS; /* the read or write starts over once the group is continued */
}

/* TIOCSCTTY: the calling session leader takes the terminal. A terminal that belongs to
 * another session is taken only with argument 1 (and privilege, which every Spindle
 * process has). */
static long set_controlling_tty(struct tty *tty, unsigned long steal)
{
	struct task_struct *self = current;
	long result = 0;
	uint64_t list_flags = spin_lock_irqsave(&tasklist_lock);
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	if (self->sid != self->tgid)
		result = -EPERM; /* only a session leader may */
	else if (tty->session == self->sid)
		result = 0;
	else if (tty->session != 0 && steal != 1)
		result = -EPERM;
	else {
		tty->session = self->sid;
		tty->foreground_group = self->pgid;
		self->group->tty_detached = false;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	spin_unlock_irqrestore(&tasklist_lock, list_flags);
	return result;
}

/* The terminal is free again; returns the foreground group it had. Caller holds
 * tasklist_lock (so the session cannot gain members meanwhile). */
static pid_t release_locked(struct tty *tty)
{
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	pid_t foreground = tty->foreground_group;
	tty->session = 0;
	tty->foreground_group = 0;
	spin_unlock_irqrestore(&tty->lock, flags);
	return foreground;
}

pid_t tty_session_ended(pid_t sid)
{
	struct tty *tty = &console_tty;
	if (READ_ONCE(tty->session) != sid)
		return 0;
	return release_locked(tty);
}

/* TIOCNOTTY: the caller gives up its controlling terminal. When the session leader does,
 * the whole session loses it and the foreground group gets SIGHUP and SIGCONT. */
static long give_up_tty(struct tty *tty)
{
	struct task_struct *self = current;
	if (!is_controlling_tty(tty, self))
		return -ENOTTY;
	if (self->sid != self->tgid) {
		self->group->tty_detached = true;
		return 0;
	}
	uint64_t flags = spin_lock_irqsave(&tasklist_lock);
	pid_t foreground = release_locked(tty);
	job_control_signal_group_locked(foreground, SIGHUP);
	job_control_signal_group_locked(foreground, SIGCONT);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* TIOCSPGRP (tcsetpgrp(3)): the foreground group must be one of the caller's session. */
static long set_foreground(struct tty *tty, const pid_t *user_group)
{
	struct task_struct *self = current;
	pid_t group;
	long result = tty_job_check(tty, SIGTTOU);
	if (result)
		return result == -EIO ? -ENOTTY : result;
	if (!is_controlling_tty(tty, self))
		return -ENOTTY;
	if (copy_from_user(&group, user_group, sizeof(group)) != 0)
		return -EFAULT;
	if (group < 0)
		return -EINVAL;
	uint64_t list_flags = spin_lock_irqsave(&tasklist_lock);
	if (!job_control_group_exists_locked(group, self->sid))
		result = job_control_group_exists_locked(group, 0) ? -EPERM : -ESRCH;
	else {
		uint64_t flags = spin_lock_irqsave(&tty->lock);
		tty->foreground_group = group;
		spin_unlock_irqrestore(&tty->lock, flags);
	}
	spin_unlock_irqrestore(&tasklist_lock, list_flags);
	return result;
}

long tty_job_ioctl(struct tty *tty, struct file *file, unsigned command, void *user)
{
	struct task_struct *self = current;
	pid_t value;
	(void)file;
	switch (command) {
	case TIOCSCTTY:
		return set_controlling_tty(tty, (unsigned long)user);
	case TIOCNOTTY:
		return give_up_tty(tty);
	case TIOCSPGRP:
		return set_foreground(tty, user);
	case TIOCGPGRP: /* tcgetpgrp(3): 0 when no group is in the foreground */
		if (!is_controlling_tty(tty, self))
			return -ENOTTY;
		value = READ_ONCE(tty->foreground_group);
		return copy_to_user(user, &value, sizeof(value));
	case TIOCGSID: /* tcgetsid(3) */
		if (!is_controlling_tty(tty, self))
			return -ENOTTY;
		value = READ_ONCE(tty->session);
		return copy_to_user(user, &value, sizeof(value));
	default:
		return -ENOIOCTLCMD;
	}
}
