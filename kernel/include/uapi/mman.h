/*
 * Memory-mapping flags of the Linux x86_64 ABI (man 2 mmap, man 2 mprotect, man 2 msync,
 * man 2 madvise; Linux's include/uapi/asm-generic/mman-common.h, mman.h and linux/mman.h).
 * Shared by the kernel and libc/.
 */
#ifndef SPINDLE_UAPI_MMAN_H
#define SPINDLE_UAPI_MMAN_H

/* Page protection (mmap prot, mprotect). */
#define PROT_NONE      0x0
#define PROT_READ      0x1
#define PROT_WRITE     0x2
#define PROT_EXEC      0x4
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP   0x02000000

/* Mapping type: exactly one of these is in the MAP_TYPE field. */
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	    0x0f

/* Mapping flags. */
#define MAP_FIXED	    0x10
#define MAP_ANONYMOUS	    0x20
#define MAP_ANON	    MAP_ANONYMOUS
#define MAP_FILE	    0
#define MAP_GROWSDOWN	    0x0100
#define MAP_DENYWRITE	    0x0800
#define MAP_EXECUTABLE	    0x1000
#define MAP_LOCKED	    0x2000
#define MAP_NORESERVE	    0x4000
#define MAP_POPULATE	    0x008000
#define MAP_NONBLOCK	    0x010000
#define MAP_STACK	    0x020000
#define MAP_HUGETLB	    0x040000
#define MAP_SYNC	    0x080000
#define MAP_FIXED_NOREPLACE 0x100000

/* mmap(2)'s error return, as a pointer. */
#define MAP_FAILED ((void *)-1)

/* mremap(2) flags. */
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

/* msync(2) flags. */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC	      4

/* madvise(2) advice. */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8

#endif
