/*
 * User copies (include/uaccess.h): range checks around the raw loops in uaccess.S.
 */
#include "uaccess.h"
#include "compiler.h"
#include "memlayout.h"
#include "uapi/errno.h"

size_t raw_copy_user(void *destination, const void *source, size_t length);
size_t raw_clear_user(void *destination, size_t length);
long raw_strncpy_user(char *destination, const char *source, size_t size);

bool uaccess_smap;

void uaccess_enable_smap(void)
{
	uaccess_smap = true;
}

bool access_ok(virt_addr_t address, size_t length)
{
	return address < USER_SPACE_END && length <= USER_SPACE_END - address;
}

int copy_from_user(void *destination, const void *user_source, size_t length)
{
	if (!access_ok((virt_addr_t)user_source, length))
		return -EFAULT;
	return raw_copy_user(destination, user_source, length) ? -EFAULT : 0;
}

int copy_to_user(void *user_destination, const void *source, size_t length)
{
	if (!access_ok((virt_addr_t)user_destination, length))
		return -EFAULT;
	return raw_copy_user(user_destination, source, length) ? -EFAULT : 0;
}

int clear_user(void *user_destination, size_t length)
{
	if (!access_ok((virt_addr_t)user_destination, length))
		return -EFAULT;
	return raw_clear_user(user_destination, length) ? -EFAULT : 0;
}

long strncpy_from_user(char *destination, const char *user_source, size_t size)
{
	virt_addr_t source = (virt_addr_t)user_source;
	if (size == 0 || source >= USER_SPACE_END)
		return -EFAULT;
	/* Never read past the end of user space, even while looking for the terminator. */
	size_t limit = MIN(size, USER_SPACE_END - source);
	long length = raw_strncpy_user(destination, user_source, limit);
	if (length < 0)
		return -EFAULT;
	if ((size_t)length == limit)
		return limit < size ? -EFAULT : -ENAMETOOLONG;
	return length;
}
