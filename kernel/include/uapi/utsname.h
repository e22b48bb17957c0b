/*
 * struct utsname of the Linux x86_64 ABI, as uname(2) fills it in (man 2 uname; Linux's
 * struct new_utsname in include/uapi/linux/utsname.h): six NUL-terminated strings of at most
 * 64 characters each. Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_UTSNAME_H
#define SPINDLE_UAPI_UTSNAME_H

#define UTSNAME_LENGTH 65

struct utsname {
	char sysname[UTSNAME_LENGTH];	 /* "Spindle" or "Linux" */
	char nodename[UTSNAME_LENGTH];	 /* host name */
	char release[UTSNAME_LENGTH];	 /* kernel release */
	char version[UTSNAME_LENGTH];	 /* kernel version and build */
	char machine[UTSNAME_LENGTH];	 /* "x86_64" */
	char domainname[UTSNAME_LENGTH]; /* NIS domain name, a GNU extension */
};

#endif
