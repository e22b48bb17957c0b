/*
 * Terminals (man 3 isatty, man 3 termios, man 3 tcgetpgrp, man 2 ioctl_tty). struct termios
 * is the kernel's, so these are single ioctls: tcgetattr is TCGETS, tcsetattr is
 * TCSETS + action. The baud rate lives in the CBAUD bits of c_cflag.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int isatty(int fd)
{
	struct termios settings;

	return ioctl(fd, TCGETS, &settings) == 0;
}

int tcgetattr(int fd, struct termios *settings)
{
	return ioctl(fd, TCGETS, settings);
}

int tcsetattr(int fd, int action, const struct termios *settings)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, settings);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, queue);
}

pid_t tcgetpgrp(int fd)
{
	pid_t process_group;

	if (ioctl(fd, TIOCGPGRP, &process_group) < 0)
		return -1;
	return process_group;
}

int tcsetpgrp(int fd, pid_t process_group)
{
	return ioctl(fd, TIOCSPGRP, &process_group);
}

pid_t tcgetsid(int fd)
{
	pid_t session;

	if (ioctl(fd, TIOCGSID, &session) < 0)
		return -1;
	return session;
}

int tcgetwinsize(int fd, struct winsize *size)
{
	return ioctl(fd, TIOCGWINSZ, size);
}

void cfmakeraw(struct termios *settings)
{
	settings->c_iflag &=
		~(uint32_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	settings->c_oflag &= ~(uint32_t)OPOST;
	settings->c_lflag &= ~(uint32_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	settings->c_cflag &= ~(uint32_t)(CSIZE | PARENB);
	settings->c_cflag |= CS8;
	settings->c_cc[VMIN] = 1;
	settings->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *settings)
{
	return settings->c_cflag & CBAUD;
}

speed_t cfgetospeed(const struct termios *settings)
{
	return settings->c_cflag & CBAUD;
}

/* Input and output share the CBAUD field: setting one sets both. */
int cfsetospeed(struct termios *settings, speed_t speed)
{
	if (speed & ~(speed_t)CBAUD) {
		errno = EINVAL;
		return -1;
	}
	settings->c_cflag = (settings->c_cflag & ~(uint32_t)CBAUD) | speed;
	return 0;
}

int cfsetispeed(struct termios *settings, speed_t speed)
{
	return cfsetospeed(settings, speed);
}
