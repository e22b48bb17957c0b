/*
 * Terminal settings (man 3 termios). struct termios is the kernel's 36-byte layout from
 * uapi/ioctl.h, so tcgetattr/tcsetattr are TCGETS/TCSETS* with no conversion. There are no
 * separate speed fields: the speed is the CBAUD field of c_cflag.
 */
#ifndef SPINDLE_LIBC_TERMIOS_H
#define SPINDLE_LIBC_TERMIOS_H

#include <sys/types.h>
#include "uapi/ioctl.h"

typedef uint8_t cc_t;
typedef uint32_t speed_t;
typedef uint32_t tcflag_t;

int tcgetattr(int fd, struct termios *settings);
/* action is TCSANOW, TCSADRAIN or TCSAFLUSH. */
int tcsetattr(int fd, int action, const struct termios *settings);
int tcflush(int fd, int queue);
pid_t tcgetsid(int fd);
/* Raw mode, as glibc's cfmakeraw: no echo, no canonical input, no signals, 8 bits. */
void cfmakeraw(struct termios *settings);
speed_t cfgetispeed(const struct termios *settings);
speed_t cfgetospeed(const struct termios *settings);
int cfsetispeed(struct termios *settings, speed_t speed);
int cfsetospeed(struct termios *settings, speed_t speed);
int tcgetwinsize(int fd, struct winsize *size);

#endif
