/*
 * The console terminal (kernel/drivers/tty.c): /dev/console and /dev/tty.
 *
 * Bytes from the serial port go through a line discipline before any program reads them:
 * in canonical mode (ICANON, the default) the terminal collects a line, handles backspace
 * (VERASE) and line kill (VKILL) itself, echoes what is typed (ECHO), and hands over whole
 * lines; ^D (VEOF) on an empty line reads as end of file. In raw mode (ICANON off, as a
 * shell's line editor sets with TCSETS) every byte is delivered at once. Output turns "\n"
 * into "\r\n" (OPOST|ONLCR). Semantics: termios(3), tty_ioctl(4).
 * It is also a controlling terminal with job control (kernel/drivers/tty_job.c): ^C, ^\ and
 * ^Z signal the foreground process group, background reads get SIGTTIN.
 */
#ifndef SPINDLE_TTY_H
#define SPINDLE_TTY_H

#include "pid.h"

/* Register the console device and take over the serial receive path. */
void tty_init(void);
/* Feed one received byte through the line discipline (serial interrupt). */
void tty_receive(char character);
/* The leader of session sid exits (caller holds tasklist_lock): if the console is that
 * session's controlling terminal it is released; returns the foreground group it had (to
 * be hung up), or 0. */
pid_t tty_session_ended(pid_t sid);

#endif
