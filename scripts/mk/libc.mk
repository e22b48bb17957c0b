# The C library and user programs (included by the top-level Makefile). See libc/README.md.
#
#   make libc              build/libc/libc.a and build/libc/crt0.o
#   make build/user/NAME   compile user/NAME.c and link it statically with libc
#   make test-libc-host    build libc/tests/ with our libc and run it natively on this Linux
#                          host (the system-call ABI is Linux's, so the same binary runs here)
#
# Include layout: programs see libc/include through -I and the Linux ABI headers as
# "uapi/NAME.h" through -iquote kernel/include (so kernel-internal headers stay invisible
# to <...>); <stdarg.h> <stddef.h> <stdint.h> <stdbool.h> come from the compiler's own
# include directory. libc itself also uses -iquote libc/src for its private headers.
#
# To link another program by hand:
#   $(USER_CC) $(USER_CFLAGS) -c prog.c -o prog.o
#   $(call user_link,prog,prog.o)

AR := $(CROSS_COMPILE)ar

LIBC_DIR := $(BUILD)/libc
LIBC_A := $(LIBC_DIR)/libc.a
LIBC_CRT0 := $(LIBC_DIR)/crt0.o
LIBGCC := $(shell $(CC) -print-libgcc-file-name)
COMPILER_INCLUDE := $(shell $(CC) -print-file-name=include)

USER_CC := $(CC)
USER_INCLUDES := -nostdinc -isystem $(COMPILER_INCLUDE) -Ilibc/include -iquote kernel/include
USER_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-stack-protector -fno-pic \
	-fno-pie -fno-omit-frame-pointer -Wall -Wextra -Werror $(USER_INCLUDES) -MMD -MP
USER_LDFLAGS := -static -nostdlib -no-pie -z noexecstack

LIBC_CFLAGS := $(USER_CFLAGS) -iquote libc/src -fno-tree-loop-distribute-patterns
LIBC_ASFLAGS := -g $(USER_INCLUDES) -MMD -MP -D__ASSEMBLER__

LIBC_C_SOURCES := $(sort $(shell find libc/src -name '*.c'))
LIBC_S_SOURCES := $(sort $(filter-out %/crt0.S,$(shell find libc/src -name '*.S')))
LIBC_OBJS := $(patsubst libc/src/%.c,$(LIBC_DIR)/%.o,$(LIBC_C_SOURCES)) \
	$(patsubst libc/src/%.S,$(LIBC_DIR)/%.o,$(LIBC_S_SOURCES))

# $(call user_link,OUTPUT,OBJECTS): a static program with crt0 first and libgcc last.
user_link = $(USER_CC) $(USER_LDFLAGS) -o $(1) $(LIBC_CRT0) $(2) $(LIBC_A) $(LIBGCC)

.PHONY: libc test-libc-host
libc: $(LIBC_A) $(LIBC_CRT0)

$(LIBC_DIR)/%.o: libc/src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_DIR)/%.o: libc/src/%.S
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_ASFLAGS) -c $< -o $@

$(LIBC_CRT0): libc/src/arch/x86_64/crt0.S
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_ASFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	@rm -f $@
	$(AR) rcs $@ $(LIBC_OBJS)

# User programs: build/user/NAME from user/NAME.c.
$(BUILD)/user/%.o: user/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user/%: $(BUILD)/user/%.o $(LIBC_A) $(LIBC_CRT0)
	$(call user_link,$@,$<)

# Host tests: one program, every test in its own forked process.
LIBC_TEST_SOURCES := $(sort $(wildcard libc/tests/*.c))
LIBC_TEST_OBJS := $(patsubst libc/tests/%.c,$(LIBC_DIR)/tests/%.o,$(LIBC_TEST_SOURCES))
LIBC_TEST_PROGRAM := $(LIBC_DIR)/tests/libc-tests

$(LIBC_DIR)/tests/%.o: libc/tests/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -iquote libc/tests -c $< -o $@

$(LIBC_TEST_PROGRAM): $(LIBC_TEST_OBJS) $(LIBC_A) $(LIBC_CRT0)
	$(call user_link,$@,$(LIBC_TEST_OBJS))

test-libc-host: $(LIBC_TEST_PROGRAM)
	$(LIBC_TEST_PROGRAM)

-include $(LIBC_OBJS:.o=.d) $(LIBC_TEST_OBJS:.o=.d) $(LIBC_CRT0:.o=.d)
