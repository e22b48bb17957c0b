/*
 * Process address spaces (kernel/mm/mm.c, vma.c, fault.c): struct mm_struct and its
 * virtual memory areas.
 *
 * A VMA is a range of user addresses with one set of permissions and one kind of backing
 * (today: anonymous memory, zero-filled on first touch). The page tables only cache what the
 * VMAs promise: a page appears on the first access that the VMA allows (demand paging), and
 * an access no VMA allows is a segmentation fault.
 *
 * Locking: mm->lock (a spinlock, interrupts off) protects the VMA list and the user half of
 * the page tables. Nothing under it sleeps. The mm is shared by threads and by a vfork
 * child; `users` counts them and the last one frees everything.
 */
#ifndef SPINDLE_MM_H
#define SPINDLE_MM_H

#include "list.h"
#include "memlayout.h"
#include "spinlock.h"

/* VMA permissions (what the page tables will allow). */
#define VMA_READ	0x1
#define VMA_WRITE	0x2
#define VMA_EXEC	0x4
/* VMA kinds. */
#define VMA_STACK	0x10 /* the main thread's stack */
#define VMA_HEAP	0x20 /* the brk area */
#define VMA_SHARED	0x40 /* MAP_SHARED: never copy-on-write */
/* mprotect may never add write: a shared mapping of a file not opened O_RDWR, SHM_RDONLY */
#define VMA_NO_MAYWRITE 0x80

/* The user address-space layout. */
#define USER_STACK_TOP	 0x00007ffffffff000ul
#define USER_STACK_SIZE	 (8ul << 20) /* 8 MiB, like the default RLIMIT_STACK */
#define USER_STACK_GAP	 (1ul << 20) /* unmapped guard gap below the stack */
#define USER_MMAP_TOP	 (USER_STACK_TOP - USER_STACK_SIZE - USER_STACK_GAP)
#define USER_MMAP_BOTTOM 0x0000100000000000ul
#define USER_MIN_ADDRESS 0x10000ul /* like vm.mmap_min_addr: page 0 stays unmapped */

struct shm_segment;

struct inode;

struct vm_area {
	virt_addr_t start;	 /* first byte, page aligned */
	virt_addr_t end;	 /* one past the last byte, page aligned */
	unsigned flags;		 /* VMA_* */
	struct list_head node;	 /* in mm->vmas, sorted by start, never overlapping */
	struct shm_segment *shm; /* a System V shared-memory attachment, or NULL */
	size_t shm_page;	 /* the segment page that `start` shows */
	struct inode *file;	 /* a mapped file (referenced), or NULL: anonymous */
	size_t file_page;	 /* the file page that `start` shows (mmap's offset / 4096) */
};

/* Free a VMA taken out of its mm (drops its shared-memory attachment). May sleep: never
 * under mm->lock. */
void vma_free(struct vm_area *vma);

struct mm_struct {
	struct spinlock lock;	/* protects vmas and the page tables */
	phys_addr_t page_table; /* the PML4; its upper half is the kernel's */
	struct list_head vmas;	/* struct vm_area, sorted by address */
	size_t vma_count;
	long users;		    /* tasks using this mm (atomic) */
	size_t resident_pages;	    /* user pages present in the page tables */
	size_t peak_resident_pages; /* the most it has had (VmHWM, ru_maxrss) */
	size_t cow_copies;	    /* pages this mm copied on a write fault */
	/* where things are (set by exec, brk moves brk) */
	virt_addr_t start_code, end_code, start_data, end_data;
	virt_addr_t start_brk, brk;
	virt_addr_t start_stack, arg_start, arg_end, env_start, env_end;
	virt_addr_t mmap_hint; /* next place to look for free space, top down */
};

/* A new, empty address space sharing the kernel half. NULL when out of memory. */
struct mm_struct *mm_create(void);
void mm_get(struct mm_struct *mm);
/* fork: a new mm with the same VMAs, private pages shared copy-on-write. NULL if no memory. */
struct mm_struct *mm_copy(struct mm_struct *mm);
/* Pages copied by copy-on-write faults since boot, and by this mm. */
size_t mm_cow_copy_count(void);
/* Drop a user; the last one frees every VMA, page and page table. */
void mm_put(struct mm_struct *mm);
/* Live mm_structs, for leak checks. */
size_t mm_count(void);

/*
 * Add a VMA for [start, start + length) with `flags`. start and length page aligned.
 * With `fixed`, whatever was mapped there is unmapped first; otherwise an overlap is
 * -EEXIST. Returns 0, -EINVAL or -ENOMEM.
 */
int mm_map(struct mm_struct *mm, virt_addr_t start, size_t length, unsigned flags, bool fixed);
/* Insert a VMA built by the caller (shmat); `replace` unmaps what was there, else an overlap
 * is -EINVAL. The VMA belongs to the mm from then on. Returns 0, -EINVAL or -ENOMEM. */
int mm_insert_vma(struct mm_struct *mm, struct vm_area *vma, bool replace);
/* Is every page of [start, start + length) inside some VMA? (msync: -ENOMEM if not) */
bool mm_range_is_mapped(struct mm_struct *mm, virt_addr_t start, size_t length);
/* A file shrank: unmap its pages from first_page on in every address space, so touching
 * them faults again (SIGBUS past the end). Caller holds the inode's lock. */
void mm_unmap_file_pages(struct inode *inode, size_t first_page);
/* Length of the shared-memory attachment starting exactly at address (shmdt), or 0. */
size_t mm_shm_attachment_length(struct mm_struct *mm, virt_addr_t address);
/* Find a free gap of `length` bytes, top down from the mmap area (or at hint if free). */
virt_addr_t mm_find_free(struct mm_struct *mm, virt_addr_t hint, size_t length);
/* Remove [start, start + length): pages freed, VMAs trimmed or split. Returns 0, -EINVAL
 * (a bad range) or -ENOMEM (a VMA could not be split). */
int mm_unmap(struct mm_struct *mm, virt_addr_t start, size_t length);
/* MADV_DONTNEED: drop the pages of [start, start + length); they read as zeros again. */
void mm_discard(struct mm_struct *mm, virt_addr_t start, size_t length);
/* Change permissions of [start, start + length); every page must be mapped (else -ENOMEM). */
int mm_protect(struct mm_struct *mm, virt_addr_t start, size_t length, unsigned protection);
/* Move the program break (brk(2) semantics): returns the new break, or the old on failure. */
virt_addr_t mm_brk(struct mm_struct *mm, virt_addr_t new_brk);

/* Kinds of access for mm_handle_fault. */
#define FAULT_WRITE 0x1
#define FAULT_EXEC  0x2
#define FAULT_USER  0x4

/*
 * Resolve a page fault at `address`: map a zeroed page if a VMA allows the access.
 * Returns 0 when the access may be retried, -EFAULT when no VMA allows it (SIGSEGV),
 * -ENOMEM when memory ran out.
 */
int mm_handle_fault(struct mm_struct *mm, virt_addr_t address, unsigned access);

/*
 * Map every page of [start, start + length) now instead of on first touch. Shared anonymous
 * memory needs this: its pages must exist before a fork copies the page tables, or parent and
 * child would each fault in a private page of their own. Returns 0 or -ENOMEM.
 */
int mm_populate(struct mm_struct *mm, virt_addr_t start, size_t length);

/* Make the CPU use mm's page tables (or the kernel's for NULL). */
void mm_activate(struct mm_struct *mm);

/* Copy into user pages of mm, which need not be the current one, regardless of the pages'
 * protection: exec loads text and builds the stack of a new address space this way.
 * Faults pages in as needed. Returns 0 or -EFAULT (no VMA there). */
int mm_write_remote(struct mm_struct *mm, virt_addr_t address, const void *data, size_t length);

/* One more user page present: count it and keep the peak. Caller holds mm->lock. */
static inline void mm_count_resident(struct mm_struct *mm)
{
	if (++mm->resident_pages > mm->peak_resident_pages)
		mm->peak_resident_pages = mm->resident_pages;
}

#endif
