# Spindle build. `make` builds build/kernel.elf and build/spindle.iso.
# `make run`, `make test`, `make debug` are the everyday commands; see README.md.
#
# Knobs: CROSS_COMPILE=x86_64-elf-  DEBUG=0|1  SANITIZE=0|1  ACCEL=tcg|kvm  UEFI=1  MEMORY=256M
#        CPU=max|qemu64  APPEND="kernel command line"  GDB_PORT=n  PROG=/bin/NAME (make debug)

CROSS_COMPILE ?=
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC  ?= cc

DEBUG   ?= 1
SANITIZE ?= 0
BUILD   := build

ARCH_DIR := kernel/arch/x86_64
KERNEL_C := $(sort $(shell find kernel tests/kernel -name '*.c'))
KERNEL_S := $(sort $(shell find boot kernel -name '*.S'))
KERNEL_OBJS := $(patsubst %,$(BUILD)/%.o,$(KERNEL_C) $(KERNEL_S))

KERNEL_INCLUDES := -Ikernel/include -I$(ARCH_DIR)/include
KERNEL_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-asynchronous-unwind-tables \
	-fstack-protector-strong -mstack-protector-guard=global -fno-strict-aliasing -fno-common -fno-delete-null-pointer-checks \
	-Wall -Wextra -Werror -Wno-unused-parameter $(KERNEL_INCLUDES) -MMD -MP
ifeq ($(DEBUG),1)
KERNEL_CFLAGS += -DCONFIG_DEBUG
endif
# SANITIZE=1: every undefined-behaviour check GCC has for C (kernel/lib/ubsan.c reports a
# failed one and panics) and redzones around kmalloc objects (kernel/mm/kmalloc.c).
ifeq ($(SANITIZE),1)
KERNEL_CFLAGS += -fsanitize=undefined -fno-sanitize=float-divide-by-zero,float-cast-overflow \
	-DCONFIG_KMALLOC_REDZONE
endif
KERNEL_ASFLAGS := -g $(KERNEL_INCLUDES) -MMD -MP -D__ASSEMBLER__
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack -T linker.ld

.DELETE_ON_ERROR:

.PHONY: all kernel iso run debug test test-host test-kernel test-boot test-gdb deps clean \
	compile_commands.json format
all: kernel initramfs iso compile_commands.json

kernel: $(BUILD)/kernel.elf
iso: $(BUILD)/spindle.iso

# Objects depend on the flags they were built with: DEBUG= or SANITIZE= rebuilds them.
KERNEL_FLAGS_STAMP := $(BUILD)/kernel-cflags
$(KERNEL_FLAGS_STAMP): FORCE
	@mkdir -p $(BUILD)
	@echo '$(KERNEL_CFLAGS)' | cmp -s - $@ || echo '$(KERNEL_CFLAGS)' > $@

$(BUILD)/%.c.o: %.c $(KERNEL_FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) $(FILE_CFLAGS) -c $< -o $@

# The sanitizer's own runtime cannot check itself.
$(BUILD)/kernel/lib/ubsan.c.o: FILE_CFLAGS := -fno-sanitize=all

$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

# Two links: the second embeds the function names found in the first (scripts/gen-ksyms.sh).
# .ksyms sits after .text, so .text is identical in both; check-image.sh verifies it.
$(BUILD)/ksyms-empty.S: scripts/gen-ksyms.sh
	@mkdir -p $(BUILD)
	scripts/gen-ksyms.sh $(NM) > $@

$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms-empty.S.o linker.ld
	$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-empty.S.o

$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf scripts/gen-ksyms.sh
	scripts/gen-ksyms.sh $(NM) $< > $@

$(BUILD)/ksyms-empty.S.o $(BUILD)/ksyms.S.o: $(BUILD)/%.S.o: $(BUILD)/%.S
	$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(BUILD)/ksyms.S.o linker.ld scripts/check-image.sh
	$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.S.o
	scripts/check-image.sh $(NM) $(BUILD)/kernel.pass1.elf $@

$(BUILD)/spindle.iso: $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio boot/grub.cfg scripts/make-iso.sh
	scripts/make-iso.sh $(BUILD)/kernel.elf $(BUILD)/initramfs.cpio boot/grub.cfg $@

# compile_commands.json for clangd, written from the same flags the build uses.
compile_commands.json:
	@{ echo '['; sep=''; for f in $(KERNEL_C); do \
		printf '%s{"directory":"%s","file":"%s","command":"%s %s -c %s"}\n' \
			"$$sep" "$(CURDIR)" "$$f" "$(CC)" "$(KERNEL_CFLAGS)" "$$f"; sep=','; \
	done; echo ']'; } > $@

include scripts/mk/run.mk
include scripts/mk/test.mk
include scripts/mk/libc.mk
include scripts/mk/bench.mk
include scripts/mk/rootfs.mk
include scripts/mk/oracle.mk
include scripts/mk/trace.mk

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) compile_commands.json

-include $(KERNEL_OBJS:.o=.d)
