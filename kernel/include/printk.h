/*
 * printk: the kernel's log (kernel/lib/printk.c).
 *
 * A message may start with a level, as in Linux: printk(KERN_ERR "disk on fire\n").
 * Messages at or below the console log level (command line `loglevel=N`, default 6 = info)
 * go to every registered console (serial, VGA); all messages are kept in a ring buffer.
 * Each line gets a "[seconds.micros]" timestamp from the monotonic clock.
 * Safe from any context, including interrupt handlers; panic() takes the console over.
 */
#ifndef SPINDLE_PRINTK_H
#define SPINDLE_PRINTK_H

#include <stdarg.h>
#include "compiler.h"

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"

#define LOGLEVEL_DEFAULT 6 /* messages without a level are KERN_INFO */

int printk(const char *format, ...) printf_like(1, 2);
int vprintk(const char *format, va_list args);

/* Console log level: messages with level <= this reach the consoles. */
void printk_set_console_level(int level);

/* Take the console lock away from whoever holds it: used by panic() only. */
void printk_bust_locks(void);

#endif
