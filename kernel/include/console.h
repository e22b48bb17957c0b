/*
 * Consoles: the places printk writes to (kernel/drivers/console.c). A driver registers a
 * struct console with a write hook; console_write() hands text to all of them.
 */
#ifndef SPINDLE_CONSOLE_H
#define SPINDLE_CONSOLE_H

#include "list.h"

struct console {
	const char *name;
	/* Write length bytes. Called with the console lock held and interrupts off. */
	void (*write)(struct console *console, const char *text, size_t length);
	struct list_head node;
};

void console_register(struct console *console);
/* Caller holds the console lock (printk does). */
void console_write(const char *text, size_t length);

#endif
