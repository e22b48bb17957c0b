# The root file system image (included by the top-level Makefile).
#
#   build/initramfs.cpio   user/ programs in /bin (init in /sbin), the user-space tests, libc's
#                          own tests, the musl and static-PIE test programs in /tests, plus
#                          ROOTFS_EXTRA
#   make ... ROOTFS_EXTRA="dir1 dir2"   copy the contents of these host directories into the
#                          image root, e.g. your own static programs
# The kernel unpacks the image at boot (kernel/fs/cpio.c); GRUB loads it as a module and
# QEMU -kernel as -initrd.

ROOTFS_EXTRA ?=
MUSL_CC ?= musl-gcc

# Programs of many source files live in a folder of their own: user/NAME/*.c is /bin/NAME.
# (user/bench/ has its own rules, in bench.mk.)
USER_FOLDER_PROGRAMS := sh sysfuzz
USER_PROGRAMS := $(patsubst user/%.c,$(BUILD)/user/%,$(sort $(wildcard user/*.c))) \
	$(addprefix $(BUILD)/user/,$(USER_FOLDER_PROGRAMS))
USER_TEST_OBJS := $(patsubst tests/user/%.c,$(BUILD)/tests/user/%.o,$(sort $(wildcard tests/user/*.c)))
USER_TEST_PROGRAM := $(BUILD)/tests/user/utest
MUSL_TEST_PROGRAMS := $(patsubst tests/musl/%.c,$(BUILD)/tests/musl/%,$(sort $(wildcard tests/musl/*.c)))
PIE_TEST_PROGRAMS := $(patsubst tests/pie/%.c,$(BUILD)/tests/pie/%,$(sort $(wildcard tests/pie/*.c)))

.PRECIOUS: $(BUILD)/user/%.o $(BUILD)/tests/user/%.o

define user_folder_program
$(1)_OBJS := $$(patsubst user/$(1)/%.c,$(BUILD)/user/$(1)-objects/%.o,$$(sort $$(wildcard user/$(1)/*.c)))

$(BUILD)/user/$(1)-objects/%.o: user/$(1)/%.c $$(wildcard user/$(1)/*.h)
	@mkdir -p $$(dir $$@)
	$$(USER_CC) $$(USER_CFLAGS) -Wno-unused-parameter -c $$< -o $$@

$(BUILD)/user/$(1): $$($(1)_OBJS) $$(LIBC_A) $$(LIBC_CRT0)
	$$(call user_link,$$@,$$($(1)_OBJS))
endef
$(foreach program,$(USER_FOLDER_PROGRAMS),$(eval $(call user_folder_program,$(program))))

# The same shell built natively with the host's C library, to run tests/sh quickly.
$(BUILD)/host-sh/sh: $(wildcard user/sh/*.c) user/sh/sh.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter -Werror -o $@ $(wildcard user/sh/*.c)

$(BUILD)/tests/user/%.o: tests/user/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -iquote tests/user -c $< -o $@

$(USER_TEST_PROGRAM): $(USER_TEST_OBJS) $(LIBC_A) $(LIBC_CRT0)
	$(call user_link,$@,$(USER_TEST_OBJS))

$(BUILD)/tests/musl/%: tests/musl/%.c
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -O2 -Wall -Wextra -Werror -o $@ $< -lpthread

# Static position-independent executables (ET_DYN without an interpreter), no libc.
$(BUILD)/tests/pie/%: tests/pie/%.c
	@mkdir -p $(dir $@)
	$(CC) -static-pie -nostdlib -fPIE -ffreestanding -fno-stack-protector -O2 -Wall -Wextra \
		-Werror -Wl,--no-dynamic-linker -o $@ $<

$(BUILD)/mkinitramfs: scripts/mkinitramfs.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -Werror -o $@ $<

.PHONY: initramfs FORCE
initramfs: $(BUILD)/initramfs.cpio

# Rebuilt every time (it takes milliseconds) so ROOTFS_EXTRA changes are never missed.
$(BUILD)/initramfs.cpio: $(USER_PROGRAMS) $(USER_TEST_PROGRAM) $(MUSL_TEST_PROGRAMS) $(PIE_TEST_PROGRAMS) \
		$(LIBC_TEST_PROGRAM) $(BENCH_PROGRAM) $(BUILD)/mkinitramfs FORCE
	@rm -rf $(BUILD)/rootfs
	@mkdir -p $(BUILD)/rootfs/bin $(BUILD)/rootfs/sbin $(BUILD)/rootfs/tests $(BUILD)/rootfs/tmp \
		$(BUILD)/rootfs/etc
	@cp $(filter-out %/init,$(USER_PROGRAMS)) $(BUILD)/rootfs/bin/
	@cp $(BUILD)/user/init $(BUILD)/rootfs/sbin/init
	@cp $(BENCH_PROGRAM) $(BUILD)/rootfs/bin/bench
	@cp $(USER_TEST_PROGRAM) $(MUSL_TEST_PROGRAMS) $(PIE_TEST_PROGRAMS) $(LIBC_TEST_PROGRAM) \
		$(BUILD)/rootfs/tests/
	@mkdir -p $(BUILD)/rootfs/tests/sh
	@cp tests/sh/driver tests/sh/bench tests/sh/cases/*.sh $(BUILD)/rootfs/tests/sh/
	@printf 'Spindle root file system, built %s\n' "$$(git describe --always --dirty 2>/dev/null)" \
		> $(BUILD)/rootfs/etc/motd
	@for extra in $(ROOTFS_EXTRA); do cp -a "$$extra"/. $(BUILD)/rootfs/ || exit 1; done
	$(BUILD)/mkinitramfs $(BUILD)/rootfs > $@

# Rebuild programs and user tests when a header they include changes.
-include $(USER_PROGRAMS:=.d) $(USER_TEST_OBJS:.o=.d)
