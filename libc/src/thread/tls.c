/*
 * Thread-local storage and the main thread (internal/thread.h has the layout picture;
 * "ELF Handling For Thread-Local Storage", U. Drepper, §2 and §3.4.6; System V gABI,
 * "Program Header", PT_TLS).
 *
 * The program's TLS initialisation image is its PT_TLS segment: p_filesz bytes of .tdata
 * followed by p_memsz - p_filesz bytes of .tbss, which start as zeros. The kernel tells us
 * where the program headers are (AT_PHDR, AT_PHNUM, AT_PHENT). Every thread gets a copy of
 * the image directly below its TCB. Nothing here may use errno or any other TLS variable
 * before libc_tls_init has set the FS base, so it makes raw system calls only.
 */
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include "internal/syscall.h"
#include "internal/thread.h"
#include "uapi/prctl.h"

#define PAGE_SIZE 4096

/* The ELF64 program header (System V gABI, "Program Header"). */
struct elf_program_header {
	uint32_t type;
	uint32_t flags;
	uint64_t file_offset;
	uint64_t virtual_address;
	uint64_t physical_address;
	uint64_t file_size;
	uint64_t memory_size;
	uint64_t alignment;
};

#define PT_PHDR 6 /* the program headers themselves: gives the load bias */
#define PT_TLS	7 /* the TLS initialisation image */

/* The program's TLS image; all zero (an empty block) when there is no PT_TLS. */
static struct tls_image {
	const unsigned char *data; /* .tdata, file_size bytes */
	size_t file_size;
	size_t memory_size; /* .tdata plus .tbss */
	size_t alignment;   /* a power of two, at least 1 */
	size_t offset;	    /* tp - offset is the block's start: memory_size rounded up */
} image = {.alignment = 1};

int libc_thread_count = 1;

static size_t round_up(size_t value, size_t alignment)
{
	return (value + alignment - 1) & ~(alignment - 1);
}

/* The TCB is aligned for itself and for the TLS block below it. */
static size_t tcb_alignment(void)
{
	size_t alignment = _Alignof(struct libc_thread);

	return image.alignment > alignment ? image.alignment : alignment;
}

static unsigned long auxiliary_value(const struct auxv_entry *entry, unsigned long key)
{
	for (; entry->key != AT_NULL; entry++) {
		if (entry->key == key)
			return entry->value;
	}
	return 0;
}

/* Fills image from PT_TLS. A static PIE is handled too: PT_PHDR gives the load bias. */
static void find_tls_image(const struct auxv_entry *auxiliary_vector)
{
	const char *headers = (const char *)auxiliary_value(auxiliary_vector, AT_PHDR);
	size_t count = auxiliary_value(auxiliary_vector, AT_PHNUM);
	size_t entry_size = auxiliary_value(auxiliary_vector, AT_PHENT);
	const struct elf_program_header *tls = NULL;
	uintptr_t bias = 0;
	size_t index;

	if (!entry_size)
		entry_size = sizeof(struct elf_program_header);
	for (index = 0; headers && index < count; index++) {
		const struct elf_program_header *header =
			(const void *)(headers + index * entry_size);

		if (header->type == PT_PHDR)
			bias = (uintptr_t)headers - header->virtual_address;
		else if (header->type == PT_TLS)
			tls = header;
	}
	if (!tls)
		return;
	image.data = (const unsigned char *)(bias + tls->virtual_address);
	image.file_size = tls->file_size;
	image.memory_size = tls->memory_size;
	if (tls->alignment > 1)
		image.alignment = tls->alignment;
	image.offset = round_up(image.memory_size, image.alignment);
}

size_t libc_tls_area_size(void)
{
	return image.offset + sizeof(struct libc_thread) + tcb_alignment();
}

struct libc_thread *libc_tls_install(void *area_end)
{
	uintptr_t pointer = ((uintptr_t)area_end - sizeof(struct libc_thread)) &
			    ~(uintptr_t)(tcb_alignment() - 1);
	struct libc_thread *thread = (struct libc_thread *)pointer;
	unsigned char *block = (unsigned char *)pointer - image.offset;

	memcpy(block, image.data, image.file_size);
	memset(block + image.file_size, 0, image.offset - image.file_size);
	memset(thread, 0, sizeof(*thread));
	thread->self = thread;
	return thread;
}

void *libc_tls_block_start(struct libc_thread *thread)
{
	return (char *)thread - image.offset;
}

static _Noreturn void startup_failure(const char *message)
{
	SYSCALL3(SYS_write, 2, message, strlen(message));
	for (;;)
		SYSCALL1(SYS_exit_group, 127);
}

void libc_tls_init(const struct auxv_entry *auxiliary_vector)
{
	size_t length;
	long area;
	struct libc_thread *main_thread;

	find_tls_image(auxiliary_vector);
	length = round_up(libc_tls_area_size(), PAGE_SIZE);
	area = SYSCALL6(SYS_mmap, NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	if (syscall_is_error(area))
		startup_failure("libc: cannot map thread-local storage\n");
	main_thread = libc_tls_install((char *)area + length);
	/* Lets other threads join the main thread: the kernel clears tid when it exits. */
	main_thread->tid = (int)SYSCALL1(SYS_set_tid_address, &main_thread->tid);
	if (syscall_is_error(SYSCALL2(SYS_arch_prctl, ARCH_SET_FS, main_thread)))
		startup_failure("libc: cannot set the FS base\n");
}

void libc_thread_fork_child(void)
{
	struct libc_thread *self = libc_thread_self();

	self->tid = (int)SYSCALL1(SYS_set_tid_address, &self->tid);
	__atomic_store_n(&libc_thread_count, 1, __ATOMIC_RELAXED);
}
