/*
 * Coroutines on top of swapcontext (<coro.h>; the contexts are man 3 makecontext).
 *
 * One mmap(2) per coroutine holds, from the bottom: a PROT_NONE guard page, the stack, and
 * struct coro itself, so coro_destroy is one munmap. The coroutine's context is made with
 * uc_link pointing at its resumer's saved context, so when the function returns, the
 * makecontext trampoline resumes whoever resumed it last: finishing is just one more
 * switch back. Per thread, `current` is the running coroutine; each coroutine remembers the
 * one that resumed it (previous), which becomes current again when it yields or finishes.
 */
#include <coro.h>
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

enum coro_state { CORO_SUSPENDED, CORO_RUNNING, CORO_FINISHED };

struct coro {
	ucontext_t context; /* where it stopped; valid while suspended */
	ucontext_t resumer; /* where coro_yield and the end of function go back to */
	struct coro *previous;
	struct coro **owner; /* &current of the thread that created it */
	void *(*function)(void *argument);
	void *argument;
	void *value; /* yielded or returned, for coro_resume */
	enum coro_state state;
	void *mapping;
	size_t mapping_length;
	void *stack;
	size_t stack_size;
};

static __thread struct coro *current;

static size_t round_to_page(size_t size, size_t page)
{
	return (size + page - 1) / page * page;
}

/* The first thing a coroutine runs; returning ends in setcontext(uc_link = &resumer). */
static void coro_entry(struct coro *self)
{
	self->value = self->function(self->argument);
	self->state = CORO_FINISHED;
	current = self->previous;
}

/*
 * Makes the context that starts coro_entry(coroutine). Apart from create, because
 * getcontext may return twice as far as the compiler knows, and the caller's locals would
 * not be trusted after it.
 */
static int make_context(struct coro *coroutine)
{
	if (getcontext(&coroutine->context) != 0)
		return -1;
	coroutine->context.uc_stack.ss_sp = coroutine->stack;
	coroutine->context.uc_stack.ss_size = coroutine->stack_size;
	coroutine->context.uc_link = &coroutine->resumer;
	makecontext(&coroutine->context, (void (*)())coro_entry, 1, coroutine);
	return 0;
}

struct coro *coro_create(void *(*function)(void *argument), void *argument, size_t stack_size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	if (stack_size == 0)
		stack_size = CORO_STACK_DEFAULT;
	if (!function || stack_size < CORO_STACK_MIN || stack_size > SIZE_MAX / 2) {
		errno = EINVAL;
		return NULL;
	}
	stack_size = round_to_page(stack_size, page);
	size_t length = page + stack_size + round_to_page(sizeof(struct coro), page);
	uint8_t *mapping =
		mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mapping == MAP_FAILED)
		return NULL;
	if (mprotect(mapping, page, PROT_NONE) != 0)
		goto err_unmap;

	struct coro *coroutine = (struct coro *)(mapping + page + stack_size);
	*coroutine = (struct coro){
		.owner = &current,
		.function = function,
		.argument = argument,
		.state = CORO_SUSPENDED,
		.mapping = mapping,
		.mapping_length = length,
		.stack = mapping + page,
		.stack_size = stack_size,
	};
	if (make_context(coroutine) != 0)
		goto err_unmap;
	return coroutine;

err_unmap:
	munmap(mapping, length);
	return NULL;
}

int coro_resume(struct coro *coroutine, void **value)
{
	if (!coroutine || coroutine->state != CORO_SUSPENDED || coroutine->owner != &current) {
		errno = EINVAL;
		return -1;
	}
	coroutine->previous = current;
	coroutine->state = CORO_RUNNING;
	current = coroutine;
	if (swapcontext(&coroutine->resumer, &coroutine->context) != 0) {
		current = coroutine->previous;
		coroutine->state = CORO_SUSPENDED;
		return -1;
	}
	if (value)
		*value = coroutine->value;
	return coroutine->state == CORO_FINISHED ? 0 : 1;
}

int coro_yield(void *value)
{
	struct coro *self = current;
	if (!self) {
		errno = EINVAL;
		return -1;
	}
	self->value = value;
	self->state = CORO_SUSPENDED;
	current = self->previous;
	if (swapcontext(&self->context, &self->resumer) != 0) {
		current = self;
		self->state = CORO_RUNNING;
		return -1;
	}
	return 0;
}

struct coro *coro_self(void)
{
	return current;
}

bool coro_is_finished(const struct coro *coroutine)
{
	return coroutine && coroutine->state == CORO_FINISHED;
}

int coro_destroy(struct coro *coroutine)
{
	if (!coroutine || coroutine->state == CORO_RUNNING) {
		errno = EINVAL;
		return -1;
	}
	return munmap(coroutine->mapping, coroutine->mapping_length);
}
