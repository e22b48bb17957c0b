# make test and its stages (included by the top-level Makefile).
#   test-host    pure kernel code (lists, bitmaps, ring buffers, the frame allocator, printf,
#                the command line) compiled natively and run on the host
#   test-kernel  the in-kernel tests, booted with `test` on the command line
#   test-boot    whole-boot checks: ISO under BIOS and UEFI, deliberate crashes, serial input
#                (make test also reruns the kernel tests under -cpu qemu64)
#   test-user    the user-space suite (tests/user/) as init, then the kernel's leak check
#   test-libc-host  libc's own tests, run natively on this Linux host
#   test-sh      the shell's script corpus (tests/sh/cases) run by /bin/sh in QEMU and compared
#                with dash's output; tests/sh/run.sh --host runs it natively in seconds
#   test-gdb     a scripted gdb session against QEMU's gdb stub
#   test-fuzz    /bin/sysfuzz as init: 100,000 random system calls from seed 1, then the
#                leak check (make fuzz SEED=n N=calls runs any other batch)
# `make test SANITIZE=1` runs everything against a kernel built with the undefined-behaviour
# sanitizer and kmalloc redzones (the boot checks then expect the sanitizer's reports).
export SANITIZE
# `make test` runs all of them through tests/run-all.sh, which prints the combined
# "N passed, N failed" as its last line and fails on any failure.

HOST_PURE_SOURCES := kernel/lib/bitmap.c kernel/lib/ringbuf.c kernel/lib/format.c kernel/lib/rbtree.c \
	kernel/proc/pid_allocator.c \
	kernel/lib/string.c kernel/mm/frame_allocator.c kernel/init/cmdline.c
HOST_TEST_SOURCES := $(sort $(wildcard tests/host/*.c))
HOST_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HOST_PURE_SOURCES) $(HOST_TEST_SOURCES))
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fno-builtin -iquote kernel/include -iquote tests/host -MMD -MP

# The kernel's snprintf is compared with the C library's, so it is renamed on the host.
$(BUILD)/host/kernel/lib/format.o: HOST_EXTRA := -Dvsnprintf=kernel_vsnprintf -Dsnprintf=kernel_snprintf

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(HOST_EXTRA) -c $< -o $@

$(BUILD)/host/host-tests: $(HOST_OBJS)
	$(HOSTCC) -o $@ $(HOST_OBJS)

-include $(HOST_OBJS:.o=.d)

test-host: $(BUILD)/host/host-tests
	$(BUILD)/host/host-tests

test-kernel: deps kernel
	scripts/run-qemu.sh --append "test panic=exit" --timeout 120

test-boot: deps kernel iso
	tests/boot/run.sh

test-user: deps kernel initramfs
	tests/user/run.sh

test-gdb: deps kernel
	tests/gdb/run.sh

.PHONY: test-sh
test-sh: deps kernel initramfs
	tests/sh/run.sh

.PHONY: test-fuzz fuzz
SEED ?= 1
N ?= 1000000
test-fuzz: deps kernel initramfs
	tests/fuzz/run.sh 1 100000

fuzz: deps kernel initramfs
	tests/fuzz/run.sh $(SEED) $(N)

test: deps kernel initramfs iso $(BUILD)/host/host-tests $(LIBC_TEST_PROGRAM)
	@tests/run-all.sh
