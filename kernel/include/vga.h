/*
 * The VGA text console (kernel/drivers/vga.c): 80x25 cells at physical 0xb8000, reached
 * through the direct map. Registered as a printk console. Under UEFI there is no text mode;
 * the writes land in the unused legacy window and the serial console carries the output.
 */
#ifndef SPINDLE_VGA_H
#define SPINDLE_VGA_H

void vga_init(void);

#endif
