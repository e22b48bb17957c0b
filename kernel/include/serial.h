/*
 * The 16550 UART on COM1 (kernel/drivers/serial.c): the kernel's main console and the line
 * the tests read. Output is polled (it must work in a panic with interrupts off); input is
 * interrupt driven (IRQ 4) into a ring buffer that serial_read() drains.
 */
#ifndef SPINDLE_SERIAL_H
#define SPINDLE_SERIAL_H

#include "types.h"

/* Program the UART (115200 8N1, FIFOs) and register it as a console. */
void serial_init(void);
/* Send every received byte to `receive` (the terminal) instead of the internal ring. */
void serial_set_receiver(void (*receive)(char character));
/* Route IRQ 4 to the receive handler; needs the interrupt controller set up. */
void serial_enable_receive_interrupt(void);
void serial_write(const char *text, size_t length);
/* Copy out up to length received bytes without blocking; returns the count. */
size_t serial_read(char *buffer, size_t length);
/* Sleep until at least one byte has arrived, then read like serial_read(). */
size_t serial_read_wait(char *buffer, size_t length);
/* Bytes received and not yet read. */
size_t serial_pending(void);

#endif
