/*
 * Copying between the kernel and user space (kernel/arch/x86_64/uaccess.S, lib/uaccess.c).
 *
 * Every pointer a system call receives goes through these functions; nothing else in the
 * kernel dereferences a user address. Each checks that the whole range lies in user space
 * (below USER_SPACE_END, without wrapping), opens the SMAP window (stac) only for the copy,
 * and turns a fault on an unmapped or forbidden page into -EFAULT through the exception
 * fixup table -- after giving demand paging and copy-on-write their chance to map it.
 */
#ifndef SPINDLE_UACCESS_H
#define SPINDLE_UACCESS_H

#include "types.h"

/* Is [address, address + length) entirely inside user space? */
bool access_ok(virt_addr_t address, size_t length);

/* Return 0, or -EFAULT when any byte could not be copied. */
int copy_from_user(void *destination, const void *user_source, size_t length);
int copy_to_user(void *user_destination, const void *source, size_t length);
int clear_user(void *user_destination, size_t length);
/*
 * Copy a NUL-terminated string of at most size-1 characters. Returns its length, -EFAULT,
 * or -ENAMETOOLONG when no terminator comes within size bytes.
 */
long strncpy_from_user(char *destination, const char *user_source, size_t size);

/* Enable stac/clac use: called at boot when the CPU has SMAP. */
void uaccess_enable_smap(void);

#endif
