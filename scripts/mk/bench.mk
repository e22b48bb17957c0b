# Benchmarks (included by the top-level Makefile; docs/performance.md).
#
#   build/bench/bench   the benchmark program, user/bench/*.c and *.S linked with our libc:
#                       a static Linux-ABI binary, /bin/bench in Spindle's image
#   make bench          run it as init on Spindle in QEMU: BENCH_MODE=icount (default; the
#                       figures to compare and track) or BENCH_MODE=wall (TSC nanoseconds)
#   make bench-linux    the same binary as /init on a Debian Linux kernel, same QEMU flags
#   make bench-compare  both, then one table: operation, Spindle, Linux, ratio
# None of these is part of `make test` (which only smoke-runs the binary, tests/boot/run.sh).

BENCH_MODE ?= icount
BENCH_DIR := $(BUILD)/bench
BENCH_PROGRAM := $(BENCH_DIR)/bench
BENCH_OBJS := $(patsubst user/bench/%,$(BENCH_DIR)/%.o,$(sort $(wildcard user/bench/*.c user/bench/*.S)))

$(BENCH_DIR)/%.c.o: user/bench/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -c $< -o $@

$(BENCH_DIR)/%.S.o: user/bench/%.S
	@mkdir -p $(dir $@)
	$(USER_CC) $(LIBC_ASFLAGS) -c $< -o $@

$(BENCH_PROGRAM): $(BENCH_OBJS) $(LIBC_A) $(LIBC_CRT0)
	$(call user_link,$@,$(BENCH_OBJS))

.PHONY: bench bench-linux bench-compare
bench: deps kernel initramfs
	scripts/bench.sh spindle $(BENCH_MODE)

bench-linux: $(BENCH_PROGRAM) $(BUILD)/user/true $(BUILD)/mkinitramfs
	scripts/bench.sh linux $(BENCH_MODE)

bench-compare: deps kernel initramfs $(BENCH_PROGRAM) $(BUILD)/user/true $(BUILD)/mkinitramfs
	scripts/bench.sh compare $(BENCH_MODE)

-include $(BENCH_OBJS:.o=.d)
