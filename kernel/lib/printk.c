/*
 * printk (include/printk.h): format, timestamp, keep in the log ring, write to consoles.
 * One lock serialises consoles and the ring so lines from different CPUs never interleave.
 */
#include "printk.h"
#include "console.h"
#include "format.h"
#include "ringbuf.h"
#include "spinlock.h"
#include "time.h"

#define LOG_RING_SIZE 65536

static struct spinlock console_lock = SPINLOCK_INIT("console");
static uint8_t log_storage[LOG_RING_SIZE];
static struct ringbuf log_ring = {log_storage, LOG_RING_SIZE, 0, 0};
static int console_level = LOGLEVEL_DEFAULT;
static bool at_line_start = true;

void printk_set_console_level(int level)
{
	console_level = level;
}

void printk_bust_locks(void)
{
	spin_lock_init(&console_lock, "console");
}

static void log_emit(const char *text, size_t length, bool to_console)
{
	if (ringbuf_space(&log_ring) < length) {
		uint8_t discard[256];
		size_t need = length - ringbuf_space(&log_ring);
		while (need) {
			size_t chunk = need < sizeof(discard) ? need : sizeof(discard);
			need -= ringbuf_read(&log_ring, discard, chunk);
		}
	}
	ringbuf_write(&log_ring, text, length);
	if (to_console)
		console_write(text, length);
}

int vprintk(const char *format, va_list args)
{
	char message[512];
	int level = LOGLEVEL_DEFAULT;

	if (format[0] == KERN_SOH[0] && format[1] >= '0' && format[1] <= '7') {
		level = format[1] - '0';
		format += 2;
	}
	int length = vsnprintf(message, sizeof(message), format, args);
	if (length >= (int)sizeof(message))
		length = sizeof(message) - 1;

	bool to_console = level <= console_level;
	uint64_t flags = spin_lock_irqsave(&console_lock);
	const char *line = message;
	const char *end = message + length;
	while (line < end) {
		if (at_line_start) {
			char stamp[32];
			uint64_t ns = clock_monotonic_ns();
			int stamp_length = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
						    (unsigned long)(ns / 1000000000),
						    (unsigned long)(ns / 1000 % 1000000));
			log_emit(stamp, (size_t)stamp_length, to_console);
			at_line_start = false;
		}
		const char *newline = line;
		while (newline < end && *newline != '\n')
			newline++;
		if (newline < end) {
			log_emit(line, (size_t)(newline - line), to_console);
			log_emit("\r\n", 2, to_console);
			at_line_start = true;
			line = newline + 1;
		} else {
			log_emit(line, (size_t)(end - line), to_console);
			line = end;
		}
	}
	spin_unlock_irqrestore(&console_lock, flags);
	return length;
}

int printk(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int length = vprintk(format, args);
	va_end(args);
	return length;
}
