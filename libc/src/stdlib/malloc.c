/*
 * The memory allocator (man 3 malloc, man 3 malloc_usable_size).
 *
 * Small blocks come from one heap grown with sbrk; blocks of MAPPED_THRESHOLD bytes or more
 * get their own anonymous mmap and are unmapped by free. Heap blocks are laid end to end:
 *
 *     | header | payload ...               |  header | payload ... | footer |  epilogue |
 *       size|flags                            (free block)           size     0|IN_USE
 *
 * A header is one size_t: the block size (header included, a multiple of 16) with the flag
 * bits below. The payload starts 8 bytes after the header and is 16-byte aligned, so every
 * header sits at an address that is 8 modulo 16. A free block also has a footer (its size, in
 * its last 8 bytes) and free-list links in its payload; PREVIOUS_IN_USE in the next header
 * tells free whether that footer exists. Invariants: no two free blocks are adjacent (free
 * coalesces at once); every free block is on the doubly linked free list; the heap ends with
 * an epilogue header of size 0 marked in use.
 * Allocation is first fit over the free list, splitting when the rest is a usable block.
 * Thread safety: one lock (internal/lock.h) guards the whole state; the public functions
 * take it and the static helpers expect it held. fork() holds it across the system call
 * (libc_malloc_fork_lock) so that a child of a threaded parent finds it free.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal/fork.h"
#include "internal/lock.h"

#define BLOCK_IN_USE	 ((size_t)1)
#define PREVIOUS_IN_USE	 ((size_t)2)
#define BLOCK_MAPPED	 ((size_t)4)
#define FLAG_MASK	 ((size_t)15)
#define HEADER_SIZE	 sizeof(size_t)
#define ALIGNMENT	 16
#define MINIMUM_BLOCK	 32 /* header, two links, footer */
#define MAPPED_THRESHOLD (128 * 1024)
#define HEAP_GROWTH	 (64 * 1024)
#define PAGE_SIZE	 4096
#define LARGEST_REQUEST	 (SIZE_MAX / 2)

struct free_block {
	size_t header;
	struct free_block *next;
	struct free_block *previous;
};

/* Guards state. */
static int malloc_lock;

static struct malloc_state {
	char *heap_start; /* first block; NULL until the heap exists */
	char *heap_end;	  /* the epilogue header */
	struct free_block *free_list;
	size_t used_blocks;
	size_t mapped_blocks;
	size_t mapped_bytes;
} state;

static size_t block_size(const void *block)
{
	return *(const size_t *)block & ~FLAG_MASK;
}

static size_t *header_of(void *block)
{
	return (size_t *)block;
}

static void *next_block(void *block)
{
	return (char *)block + block_size(block);
}

static void write_footer(void *block, size_t size)
{
	*(size_t *)((char *)block + size - HEADER_SIZE) = size;
}

static void *payload_of(void *block)
{
	return (char *)block + HEADER_SIZE;
}

static void *block_of(void *payload)
{
	return (char *)payload - HEADER_SIZE;
}

static void free_list_insert(struct free_block *block)
{
	block->previous = NULL;
	block->next = state.free_list;
	if (state.free_list)
		state.free_list->previous = block;
	state.free_list = block;
}

static void free_list_remove(struct free_block *block)
{
	if (block->previous)
		block->previous->next = block->next;
	else
		state.free_list = block->next;
	if (block->next)
		block->next->previous = block->previous;
}

static void report_corruption(const char *message)
{
	write(2, "malloc: ", 8);
	write(2, message, strlen(message));
	write(2, "\n", 1);
}

/*
 * Makes the heap block at block free: merges it with free neighbours, puts the result on
 * the free list and tells the following block. block's header must say in use.
 */
static void release_heap_block(void *block)
{
	size_t size = block_size(block);
	size_t previous_flag = *header_of(block) & PREVIOUS_IN_USE;
	void *next = (char *)block + size;

	if (!(*header_of(next) & BLOCK_IN_USE)) {
		free_list_remove(next);
		size += block_size(next);
	}
	if (!previous_flag) {
		size_t previous_size = *(size_t *)((char *)block - HEADER_SIZE);

		block = (char *)block - previous_size;
		free_list_remove(block);
		size += previous_size;
		previous_flag = *header_of(block) & PREVIOUS_IN_USE;
	}
	*header_of(block) = size | previous_flag;
	write_footer(block, size);
	free_list_insert(block);
	*header_of((char *)block + size) &= ~PREVIOUS_IN_USE;
}

/* Creates the heap: padding so the first header is 8 modulo 16, then an epilogue. */
static int heap_create(void)
{
	uintptr_t base = (uintptr_t)sbrk(0);
	size_t padding = (ALIGNMENT + HEADER_SIZE - base % ALIGNMENT) % ALIGNMENT;

	if (base == (uintptr_t)-1 || sbrk((intptr_t)(padding + HEADER_SIZE)) == (void *)-1)
		return -1;
	state.heap_start = (char *)base + padding;
	state.heap_end = state.heap_start;
	*header_of(state.heap_end) = BLOCK_IN_USE | PREVIOUS_IN_USE;
	return 0;
}

/*
 * Grows the heap by at least size bytes, turning the old epilogue into a free block.
 * Fails (-1) if the break cannot move or someone else moved it.
 */
static int heap_grow(size_t size)
{
	size_t growth = size < HEAP_GROWTH ? HEAP_GROWTH : size;
	char *old_break;

	if (!state.heap_start && heap_create() < 0)
		return -1;
	old_break = sbrk((intptr_t)growth);
	if (old_break == (void *)-1)
		return -1;
	if (old_break != state.heap_end + HEADER_SIZE) {
		sbrk(-(intptr_t)growth);
		return -1;
	}
	*header_of(state.heap_end) =
		growth | BLOCK_IN_USE | (*header_of(state.heap_end) & PREVIOUS_IN_USE);
	*header_of(state.heap_end + growth) = BLOCK_IN_USE;
	release_heap_block(state.heap_end);
	state.heap_end += growth;
	return 0;
}

/* Marks free block as in use with exactly size bytes, freeing any usable remainder. */
static void *heap_take(struct free_block *block, size_t size)
{
	size_t available = block_size(block);
	size_t previous_flag = block->header & PREVIOUS_IN_USE;

	free_list_remove(block);
	if (available - size >= MINIMUM_BLOCK) {
		char *rest = (char *)block + size;

		block->header = size | BLOCK_IN_USE | previous_flag;
		*header_of(rest) = (available - size) | BLOCK_IN_USE | PREVIOUS_IN_USE;
		release_heap_block(rest);
	} else {
		block->header = available | BLOCK_IN_USE | previous_flag;
		*header_of(next_block(block)) |= PREVIOUS_IN_USE;
	}
	state.used_blocks++;
	return payload_of(block);
}

static void *heap_allocate(size_t size)
{
	struct free_block *block;

	for (;;) {
		for (block = state.free_list; block; block = block->next) {
			if (block_size(block) >= size)
				return heap_take(block, size);
		}
		if (heap_grow(size) < 0)
			return NULL;
	}
}

/* A mapping holds 8 bytes of padding, the header, then the 16-byte-aligned payload. */
static void *mapped_allocate(size_t size)
{
	size_t length = (size + HEADER_SIZE + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	char *mapping =
		mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mapping == MAP_FAILED)
		return NULL;
	*header_of(mapping + HEADER_SIZE) = length | BLOCK_IN_USE | BLOCK_MAPPED;
	state.mapped_blocks++;
	state.mapped_bytes += length;
	return mapping + 2 * HEADER_SIZE;
}

static void mapped_free(void *block)
{
	size_t length = block_size(block);

	state.mapped_blocks--;
	state.mapped_bytes -= length;
	munmap((char *)block - HEADER_SIZE, length);
}

/* The block size for a request: header plus payload, rounded up, at least the minimum. */
static size_t request_to_block_size(size_t request)
{
	size_t size = (request + HEADER_SIZE + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);

	return size < MINIMUM_BLOCK ? MINIMUM_BLOCK : size;
}

/* Caller holds malloc_lock. */
static void *allocate(size_t request)
{
	size_t size;
	void *result = NULL;

	if (request > LARGEST_REQUEST) {
		errno = ENOMEM;
		return NULL;
	}
	size = request_to_block_size(request);
	if (size < MAPPED_THRESHOLD)
		result = heap_allocate(size);
	if (!result)
		result = mapped_allocate(size);
	if (!result)
		errno = ENOMEM;
	return result;
}

/* Caller holds malloc_lock. */
static void release(void *pointer)
{
	void *block;

	if (!pointer)
		return;
	block = block_of(pointer);
	if ((*header_of(block) & BLOCK_IN_USE) == 0) {
		report_corruption("free of a pointer that is not in use");
		abort();
	}
	if (*header_of(block) & BLOCK_MAPPED) {
		mapped_free(block);
		return;
	}
	state.used_blocks--;
	release_heap_block(block);
}

void *malloc(size_t request)
{
	void *result;

	libc_lock_acquire(&malloc_lock);
	result = allocate(request);
	libc_lock_release(&malloc_lock);
	return result;
}

void free(void *pointer)
{
	libc_lock_acquire(&malloc_lock);
	release(pointer);
	libc_lock_release(&malloc_lock);
}

void libc_malloc_fork_lock(void)
{
	libc_lock_acquire(&malloc_lock);
}

void libc_malloc_fork_unlock(void)
{
	libc_lock_release(&malloc_lock);
}

void *calloc(size_t count, size_t size)
{
	size_t total;
	void *result;

	if (__builtin_mul_overflow(count, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	result = malloc(total);
	if (result && !(*header_of(block_of(result)) & BLOCK_MAPPED))
		memset(result, 0, total);
	return result;
}

/* Shrinks the in-use heap block to size in place, freeing the tail if it is big enough. */
static void heap_shrink(void *block, size_t size)
{
	size_t available = block_size(block);

	if (available - size < MINIMUM_BLOCK)
		return;
	*header_of(block) = size | (*header_of(block) & FLAG_MASK);
	*header_of((char *)block + size) = (available - size) | BLOCK_IN_USE | PREVIOUS_IN_USE;
	state.used_blocks++;
	release(payload_of((char *)block + size));
}

/* Grows the in-use heap block in place by absorbing a free successor; 0 on success. */
static int heap_grow_in_place(void *block, size_t size)
{
	void *next = next_block(block);
	size_t combined = block_size(block) + block_size(next);

	if (*header_of(next) & BLOCK_IN_USE || combined < size)
		return -1;
	free_list_remove(next);
	*header_of(block) = combined | (*header_of(block) & FLAG_MASK);
	*header_of(next_block(block)) |= PREVIOUS_IN_USE;
	heap_shrink(block, size);
	return 0;
}

/* Caller holds malloc_lock. pointer is live. */
static void *reallocate(void *pointer, size_t request)
{
	void *block = block_of(pointer), *result;
	size_t size = request_to_block_size(request);
	size_t usable = malloc_usable_size(pointer);

	if (*header_of(block) & BLOCK_MAPPED) {
		if (request <= usable && request >= usable / 2)
			return pointer;
	} else if (size <= block_size(block)) {
		heap_shrink(block, size);
		return pointer;
	} else if (heap_grow_in_place(block, size) == 0) {
		return pointer;
	}
	result = allocate(request);
	if (!result)
		return NULL;
	memcpy(result, pointer, usable < request ? usable : request);
	release(pointer);
	return result;
}

/* A size of 0 is treated as 1: the block shrinks but stays valid (never NULL). */
void *realloc(void *pointer, size_t request)
{
	void *result;

	if (!pointer)
		return malloc(request);
	if (request > LARGEST_REQUEST) {
		errno = ENOMEM;
		return NULL;
	}
	libc_lock_acquire(&malloc_lock);
	result = reallocate(pointer, request);
	libc_lock_release(&malloc_lock);
	return result;
}

void *reallocarray(void *pointer, size_t count, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(count, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(pointer, total);
}

size_t malloc_usable_size(void *pointer)
{
	void *block;

	if (!pointer)
		return 0;
	block = block_of(pointer);
	if (*header_of(block) & BLOCK_MAPPED)
		return block_size(block) - 2 * HEADER_SIZE;
	return block_size(block) - HEADER_SIZE;
}

void malloc_get_statistics(struct malloc_statistics *statistics)
{
	struct free_block *block;

	memset(statistics, 0, sizeof(*statistics));
	libc_lock_acquire(&malloc_lock);
	if (state.heap_start)
		statistics->heap_bytes = (size_t)(state.heap_end - state.heap_start) + HEADER_SIZE;
	for (block = state.free_list; block; block = block->next) {
		statistics->free_blocks++;
		statistics->free_bytes += block_size(block);
	}
	statistics->used_blocks = state.used_blocks;
	statistics->mapped_blocks = state.mapped_blocks;
	statistics->mapped_bytes = state.mapped_bytes;
	libc_lock_release(&malloc_lock);
}

/* Checks one heap block against its predecessor's state; returns a complaint or NULL. */
static const char *check_block(char *block, int previous_in_use)
{
	size_t size = block_size(block);

	if (size < MINIMUM_BLOCK || size % ALIGNMENT || block + size > state.heap_end)
		return "block size out of range";
	if (!!(*header_of(block) & PREVIOUS_IN_USE) != previous_in_use)
		return "PREVIOUS_IN_USE disagrees with the previous block";
	if (*header_of(block) & BLOCK_MAPPED)
		return "heap block marked mapped";
	if (*header_of(block) & BLOCK_IN_USE)
		return NULL;
	if (!previous_in_use)
		return "two adjacent free blocks";
	if (*(size_t *)(block + size - HEADER_SIZE) != size)
		return "footer disagrees with header";
	return NULL;
}

/* Caller holds malloc_lock. Returns a complaint or NULL. */
static const char *check_heap(void)
{
	const char *complaint = NULL;
	size_t free_in_heap = 0, used_in_heap = 0, on_list = 0;
	int previous_in_use = 1;
	struct free_block *entry;
	char *block;

	for (block = state.heap_start; block && block < state.heap_end && !complaint;
	     block += block_size(block)) {
		complaint = check_block(block, previous_in_use);
		previous_in_use = !!(*header_of(block) & BLOCK_IN_USE);
		if (previous_in_use)
			used_in_heap++;
		else
			free_in_heap++;
	}
	for (entry = state.free_list; entry && !complaint; entry = entry->next) {
		if (entry->header & BLOCK_IN_USE)
			complaint = "in-use block on the free list";
		else if (entry->next && entry->next->previous != entry)
			complaint = "free list links broken";
		on_list++;
	}
	if (!complaint && block != state.heap_end)
		complaint = "heap walk does not end at the epilogue";
	if (!complaint && state.heap_start &&
	    !!(*header_of(state.heap_end) & PREVIOUS_IN_USE) != previous_in_use)
		complaint = "epilogue PREVIOUS_IN_USE wrong";
	if (!complaint && on_list != free_in_heap)
		complaint = "free list and heap disagree on the number of free blocks";
	if (!complaint && used_in_heap != state.used_blocks)
		complaint = "used-block counter disagrees with the heap";
	return complaint;
}

int malloc_check_heap(void)
{
	const char *complaint;

	libc_lock_acquire(&malloc_lock);
	complaint = check_heap();
	libc_lock_release(&malloc_lock);
	if (complaint) {
		report_corruption(complaint);
		return -1;
	}
	return 0;
}
