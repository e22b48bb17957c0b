/*
 * 8259A programmable interrupt controllers (include/arch/pic.h). Initialisation words per
 * the Intel 8259A data sheet: ICW1 edge/cascade/ICW4, ICW2 vector base, ICW3 wiring,
 * ICW4 8086 mode. Everything starts masked; irq_register() unmasks a line.
 */
#include "arch/pic.h"
#include "arch/cpu.h"
#include "arch/trap.h"

#define PIC1_COMMAND 0x20
#define PIC1_DATA    0x21
#define PIC2_COMMAND 0xa0
#define PIC2_DATA    0xa1
#define PIC_EOI	     0x20
#define PIC_READ_ISR 0x0b

static uint16_t mask = 0xffff & ~(1 << 2); /* line 2 is the cascade from the second PIC */

static void write_mask(void)
{
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_COMMAND, 0x11);
	outb(PIC2_COMMAND, 0x11);
	outb(PIC1_DATA, VECTOR_IRQ_BASE);
	outb(PIC2_DATA, VECTOR_IRQ_BASE + 8);
	outb(PIC1_DATA, 1 << 2); /* slave on line 2 */
	outb(PIC2_DATA, 2);	 /* slave's cascade identity */
	outb(PIC1_DATA, 0x01);
	outb(PIC2_DATA, 0x01);
	write_mask();
}

void pic_unmask(unsigned irq)
{
	mask &= ~(1u << irq);
	write_mask();
}

void pic_mask(unsigned irq)
{
	mask |= 1u << irq;
	write_mask();
}

static uint8_t in_service(uint16_t command_port)
{
	outb(command_port, PIC_READ_ISR);
	return inb(command_port);
}

bool pic_acknowledge(unsigned irq)
{
	/* A spurious IRQ 7 or 15 is not in service: it gets no EOI from its own PIC. */
	if (irq == 7 && !(in_service(PIC1_COMMAND) & 0x80))
		return false;
	if (irq == 15 && !(in_service(PIC2_COMMAND) & 0x80)) {
		outb(PIC1_COMMAND, PIC_EOI); /* the master did see the cascade line */
		return false;
	}
	if (irq >= 8)
		outb(PIC2_COMMAND, PIC_EOI);
	outb(PIC1_COMMAND, PIC_EOI);
	return true;
}
