/*
 * Device control (man 2 ioctl, man 2 ioctl_tty). Request numbers, struct winsize and the
 * kernel's struct termios are from uapi/ioctl.h.
 */
#ifndef SPINDLE_LIBC_SYS_IOCTL_H
#define SPINDLE_LIBC_SYS_IOCTL_H

#include "uapi/ioctl.h"

/* The third argument, when the request takes one, is an int or a pointer. */
int ioctl(int fd, unsigned long request, ...);

#endif
