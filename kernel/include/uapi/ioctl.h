/*
 * Terminal ioctls and struct termios as the Linux x86_64 kernel ABI has them (man 2 ioctl,
 * man 2 ioctl_tty, man 3 termios; Linux's include/uapi/asm-generic/ioctls.h, termbits.h and
 * termbits-common.h). This struct termios is the kernel's 36-byte one that TCGETS/TCSETS
 * copy, not glibc's larger user-space struct; Spindle's libc uses it directly.
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_IOCTL_H
#define SPINDLE_UAPI_IOCTL_H

#include <stdint.h>

/* Request numbers. */
#define TCGETS	   0x5401 /* struct termios *: read the settings */
#define TCSETS	   0x5402 /* const struct termios *: set now */
#define TCSETSW	   0x5403 /* ... after output drains */
#define TCSETSF	   0x5404 /* ... after output drains, discarding pending input */
#define TCSBRK	   0x5409
#define TCXONC	   0x540A
#define TCFLSH	   0x540B /* int: TCIFLUSH, TCOFLUSH or TCIOFLUSH */
#define TIOCSCTTY  0x540E /* make this terminal the controlling terminal */
#define TIOCGPGRP  0x540F /* pid_t *: foreground process group */
#define TIOCSPGRP  0x5410 /* const pid_t *: set the foreground process group */
#define TIOCSTI	   0x5412 /* const char *: insert a byte as if typed */
#define TIOCGWINSZ 0x5413 /* struct winsize * */
#define TIOCSWINSZ 0x5414 /* const struct winsize * */
#define FIONREAD   0x541B /* int *: bytes ready to read */
#define FIONBIO	   0x5421 /* const int *: non-blocking on/off */
#define TIOCNOTTY  0x5422 /* give up the controlling terminal */
#define TIOCGSID   0x5429 /* pid_t *: session of the terminal */
#define FIONCLEX   0x5450 /* clear FD_CLOEXEC */
#define FIOCLEX	   0x5451 /* set FD_CLOEXEC */

/* Window size in characters and pixels. 8 bytes. */
struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

/* Number of control characters in struct termios. */
#define NCCS 19

/* Terminal settings, kernel layout: 4 + 4 + 4 + 4 + 1 + 19 = 36 bytes. */
struct termios {
	uint32_t c_iflag;   /* input modes: ICRNL, IXON, ... */
	uint32_t c_oflag;   /* output modes: OPOST, ONLCR, ... */
	uint32_t c_cflag;   /* control modes: CS8, CREAD, baud rate, ... */
	uint32_t c_lflag;   /* local modes: ICANON, ECHO, ISIG, ... */
	uint8_t c_line;	    /* line discipline, 0 (N_TTY) */
	uint8_t c_cc[NCCS]; /* control characters, indexed by V* */
};

_Static_assert(sizeof(struct termios) == 36, "struct termios must match the Linux kernel ABI");

/* Indices into c_cc. */
#define VINTR	 0
#define VQUIT	 1
#define VERASE	 2
#define VKILL	 3
#define VEOF	 4
#define VTIME	 5
#define VMIN	 6
#define VSWTC	 7
#define VSTART	 8
#define VSTOP	 9
#define VSUSP	 10
#define VEOL	 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE	 14
#define VLNEXT	 15
#define VEOL2	 16

/* c_iflag bits. */
#define IGNBRK	0x0001
#define BRKINT	0x0002
#define IGNPAR	0x0004
#define PARMRK	0x0008
#define INPCK	0x0010
#define ISTRIP	0x0020
#define INLCR	0x0040
#define IGNCR	0x0080
#define ICRNL	0x0100
#define IUCLC	0x0200
#define IXON	0x0400
#define IXANY	0x0800
#define IXOFF	0x1000
#define IMAXBEL 0x2000
#define IUTF8	0x4000

/* c_oflag bits. */
#define OPOST  0x0001
#define OLCUC  0x0002
#define ONLCR  0x0004
#define OCRNL  0x0008
#define ONOCR  0x0010
#define ONLRET 0x0020
#define OFILL  0x0040
#define OFDEL  0x0080
#define TABDLY 0x1800
#define XTABS  0x1800

/* c_cflag bits. The baud rate is the CBAUD field. */
#define CBAUD	0x0000100f
#define B0	0x00000000
#define B1200	0x00000009
#define B2400	0x0000000b
#define B4800	0x0000000c
#define B9600	0x0000000d
#define B19200	0x0000000e
#define B38400	0x0000000f
#define B57600	0x00001001
#define B115200 0x00001002
#define CSIZE	0x00000030
#define CS5	0x00000000
#define CS6	0x00000010
#define CS7	0x00000020
#define CS8	0x00000030
#define CSTOPB	0x00000040
#define CREAD	0x00000080
#define PARENB	0x00000100
#define PARODD	0x00000200
#define HUPCL	0x00000400
#define CLOCAL	0x00000800
#define CRTSCTS 0x80000000

/* c_lflag bits. */
#define ISIG	0x00001
#define ICANON	0x00002
#define XCASE	0x00004
#define ECHO	0x00008
#define ECHOE	0x00010
#define ECHOK	0x00020
#define ECHONL	0x00040
#define NOFLSH	0x00080
#define TOSTOP	0x00100
#define ECHOCTL 0x00200
#define ECHOPRT 0x00400
#define ECHOKE	0x00800
#define FLUSHO	0x01000
#define PENDIN	0x04000
#define IEXTEN	0x08000
#define EXTPROC 0x10000

/* tcsetattr(3) actions; TCSETS + action is the matching request. */
#define TCSANOW	  0
#define TCSADRAIN 1
#define TCSAFLUSH 2

/* TCFLSH arguments (tcflush(3)). */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

/* TCXONC arguments (tcflow(3)). */
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

#endif
