# make run / make debug: boot Spindle in QEMU (included by the top-level Makefile).

ACCEL   ?= tcg
MEMORY  ?= 256M
CPU     ?= max
APPEND  ?=
UEFI    ?= 0
# A gdb port derived from the uid, so two users of one machine do not collide.
GDB_PORT ?= $(shell echo $$((20000 + $$(id -u) % 20000)))

OVMF_CODE := $(firstword $(wildcard /usr/share/OVMF/OVMF_CODE_4M.fd /usr/share/OVMF/OVMF_CODE.fd /usr/share/ovmf/OVMF.fd))

QEMU_MACHINE := -machine q35 -cpu $(CPU) -m $(MEMORY) -accel $(ACCEL) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
ifeq ($(UEFI),1)
QEMU_FIRMWARE := -drive if=pflash,format=raw,readonly=on,file=$(OVMF_CODE)
endif
QEMU_DISPLAY := $(if $(DISPLAY),,-display none)

deps:
	@scripts/ensure-deps.sh

run: deps all
	@echo "Spindle: serial console on this terminal. Quit QEMU with Ctrl-A then X."
	qemu-system-x86_64 $(QEMU_MACHINE) $(QEMU_FIRMWARE) $(QEMU_DISPLAY) \
		-serial mon:stdio -cdrom $(BUILD)/spindle.iso || test $$? -eq 33

# The kernel image booted directly (multiboot1 via -kernel) with a command line of your own.
run-kernel: deps kernel initramfs
	@echo "Spindle: serial console on this terminal. Quit QEMU with Ctrl-A then X."
	qemu-system-x86_64 $(QEMU_MACHINE) -display none -serial mon:stdio \
		-kernel $(BUILD)/kernel.elf -initrd $(BUILD)/initramfs.cpio -append "$(APPEND)" \
		|| test $$? -eq 33

# QEMU paused with its gdb stub on $(GDB_PORT), and gdb attached with scripts/gdb/spindle.gdb
# (the sp-* commands, docs/debugging.md). PROG=/bin/NAME boots that program as init (unless
# APPEND says otherwise), loads its symbols (sp-user) and stops at its main after kmain.
PROG ?=
DEBUG_APPEND := $(if $(APPEND),$(APPEND),$(if $(PROG),init=$(PROG)))
DEBUG_QEMU := qemu-system-x86_64 $(QEMU_MACHINE) -display none -kernel $(BUILD)/kernel.elf \
	-initrd $(BUILD)/initramfs.cpio -append "$(DEBUG_APPEND)" -S -gdb tcp::$(GDB_PORT)
# gdb retries the connection while QEMU starts (`show tcp auto-retry`).
DEBUG_GDB := gdb -q -ex "set confirm off" -ex "target remote :$(GDB_PORT)" \
	-x scripts/gdb/spindle.gdb $(if $(PROG),-ex "sp-user $(PROG)" \
		-ex 'tbreak main if $$_streq($$sp_comm(), "$(notdir $(PROG))")') $(BUILD)/kernel.elf

debug: deps kernel initramfs
	@echo "Spindle: QEMU waits for gdb on port $(GDB_PORT); serial output goes to $(BUILD)/serial.log"
	$(DEBUG_QEMU) -serial file:$(BUILD)/serial.log & \
	qemu=$$!; \
	$(DEBUG_GDB); \
	kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; true

# Two-terminal variant: `make debug-qemu` in one (the serial console is there), `make
# debug-gdb` in the other; give both the same PROG=.
debug-qemu: deps kernel initramfs
	$(DEBUG_QEMU) -serial mon:stdio

debug-gdb: kernel
	$(DEBUG_GDB)
