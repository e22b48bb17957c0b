/*
 * 16550 UART driver for COM1 (include/serial.h). Register map: the PC16550D data sheet
 * (THR/RBR +0, IER +1, FCR/IIR +2, LCR +3, MCR +4, LSR +5; DLL/DLM with LCR.DLAB).
 */
#include "serial.h"
#include "arch/cpu.h"
#include "console.h"
#include "irq.h"
#include "ringbuf.h"
#include "sched.h"
#include "spinlock.h"
#include "wait.h"

#define COM1	 0x3f8
#define REG_DATA 0
#define REG_IER	 1
#define REG_FCR	 2
#define REG_LCR	 3
#define REG_MCR	 4
#define REG_LSR	 5

#define LSR_DATA_READY	 0x01
#define LSR_THR_EMPTY	 0x20
#define IER_RX_AVAILABLE 0x01
#define LCR_8N1		 0x03
#define LCR_DLAB	 0x80
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the UART's interrupt line on PCs */

static uint8_t receive_storage[4096];
static struct ringbuf receive_ring = {receive_storage, sizeof(receive_storage), 0, 0};
static struct spinlock receive_lock = SPINLOCK_INIT("serial-rx");
static struct wait_queue_head receive_wait = WAIT_QUEUE_HEAD_INIT(receive_wait);

static void serial_console_write(struct console *console, const char *text, size_t length)
{
	(void)console;
	serial_write(text, length);
}

static struct console serial_console = {.name = "ttyS0", .write = serial_console_write};

void serial_init(void)
{
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DATA, 1); /* divisor 1: 115200 baud */
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_8N1);
	outb(COM1 + REG_FCR, 0xc7); /* enable and clear FIFOs, 14-byte RX threshold */
	outb(COM1 + REG_MCR, MCR_DTR_RTS_OUT2);
	console_register(&serial_console);
}

void serial_write(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
			cpu_relax();
		outb(COM1 + REG_DATA, (uint8_t)text[i]);
	}
}

static void (*receiver)(char character);

void serial_set_receiver(void (*receive)(char character))
{
	receiver = receive;
}

static void serial_interrupt(unsigned irq, struct trap_frame *frame)
{
	(void)irq;
	(void)frame;
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
		uint8_t byte = inb(COM1 + REG_DATA);
		if (receiver) {
			receiver((char)byte);
			continue;
		}
		uint64_t flags = spin_lock_irqsave(&receive_lock);
		ringbuf_write(&receive_ring, &byte, 1); /* a full ring drops the newest byte */
		spin_unlock_irqrestore(&receive_lock, flags);
	}
	wake_up_all(&receive_wait);
}

void serial_enable_receive_interrupt(void)
{
	irq_register(IRQ_COM1, serial_interrupt);
	outb(COM1 + REG_IER, IER_RX_AVAILABLE);
}

size_t serial_read(char *buffer, size_t length)
{
	uint64_t flags = spin_lock_irqsave(&receive_lock);
	size_t count = ringbuf_read(&receive_ring, buffer, length);
	spin_unlock_irqrestore(&receive_lock, flags);
	return count;
}

size_t serial_read_wait(char *buffer, size_t length)
{
	wait_event(receive_wait, serial_pending() > 0);
	return serial_read(buffer, length);
}

size_t serial_pending(void)
{
	uint64_t flags = spin_lock_irqsave(&receive_lock);
	size_t count = ringbuf_used(&receive_ring);
	spin_unlock_irqrestore(&receive_lock, flags);
	return count;
}
