/*
 * The console list (include/console.h). Consoles register once at boot; printk holds the
 * console lock while it walks the list, so the list needs no lock of its own.
 */
#include "console.h"

static LIST_HEAD(consoles);

void console_register(struct console *console)
{
	list_add_tail(&console->node, &consoles);
}

void console_write(const char *text, size_t length)
{
	struct console *console;
	list_for_each_entry (console, &consoles, node)
		console->write(console, text, length);
}
