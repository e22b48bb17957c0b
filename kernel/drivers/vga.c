/*
 * VGA text-mode console (include/vga.h). Each cell is a character byte and an attribute
 * byte; the hardware cursor is moved through the CRT controller (ports 0x3d4/0x3d5).
 * Called with the console lock held.
 */
#include "vga.h"
#include "arch/cpu.h"
#include "console.h"
#include "memlayout.h"
#include "string.h"

#define VGA_PHYS      0xb8000
#define VGA_COLUMNS   80
#define VGA_ROWS      25
#define VGA_ATTRIBUTE 0x07 /* light grey on black */

static volatile uint16_t *const cells = (volatile uint16_t *)(DIRECT_MAP_BASE + VGA_PHYS);
static unsigned row, column;

static void move_cursor(void)
{
	uint16_t position = (uint16_t)(row * VGA_COLUMNS + column);
	outb(0x3d4, 0x0f);
	outb(0x3d5, position & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, position >> 8);
}

static void scroll(void)
{
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLUMNS; i++)
		cells[i] = cells[i + VGA_COLUMNS];
	for (unsigned i = (VGA_ROWS - 1) * VGA_COLUMNS; i < VGA_ROWS * VGA_COLUMNS; i++)
		cells[i] = (VGA_ATTRIBUTE << 8) | ' ';
	row = VGA_ROWS - 1;
}

static void put_char(char character)
{
	switch (character) {
	case '\n':
		column = 0;
		row++;
		break;
	case '\r':
		column = 0;
		break;
	case '\b':
		if (column > 0)
			column--;
		break;
	default:
		cells[row * VGA_COLUMNS + column] = (VGA_ATTRIBUTE << 8) | (uint8_t)character;
		if (++column == VGA_COLUMNS) {
			column = 0;
			row++;
		}
		break;
	}
	if (row == VGA_ROWS)
		scroll();
}

static void vga_console_write(struct console *console, const char *text, size_t length)
{
	(void)console;
	for (size_t i = 0; i < length; i++)
		put_char(text[i]);
	move_cursor();
}

static struct console vga_console = {.name = "vga", .write = vga_console_write};

void vga_init(void)
{
	for (unsigned i = 0; i < VGA_ROWS * VGA_COLUMNS; i++)
		cells[i] = (VGA_ATTRIBUTE << 8) | ' ';
	row = column = 0;
	console_register(&vga_console);
}
