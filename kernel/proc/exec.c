/*
 * execve (include/exec.h), following execve(2):
 *   1. copy argv/envp into the kernel (E2BIG past ARG_MAX_BYTES);
 *   2. open the file: ENOENT, EACCES (not a regular file, or no execute bit), ENOEXEC;
 *      a "#!" line restarts the work with the interpreter;
 *   3. check the ELF header and program headers (static only: PT_INTERP is ENOEXEC);
 *   4. build the new address space aside -- segments, heap start, stack -- so any failure
 *      so far leaves the old program running;
 *   5. point of no return: switch to the new mm, close close-on-exec files, reset the user
 *      registers to the entry point and the new stack.
 * The initial stack is the one the x86_64 psABI (3.4.1) and Linux lay out:
 *   rsp -> argc, argv[0..argc-1], NULL, envp[0..], NULL, auxv pairs, AT_NULL,
 *          then padding, 16 random bytes, "x86_64", the strings, the file name.
 */
#include "elf.h"
#include "exec.h"
#include "arch/gdt.h"
#include "arch/trap.h"
#include "kmalloc.h"
#include "kstack.h"
#include "mm.h"
#include "proc.h"
#include "random.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/auxv.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "vfs.h"

#define MAX_PHDRS   64
#define SHEBANG_MAX 256

static int add_string(struct exec_strings *strings, const char *string, size_t length)
{
	if (strings->used + length + 1 > ARG_MAX_BYTES)
		return -E2BIG;
	memcpy(strings->buffer + strings->used, string, length);
	strings->buffer[strings->used + length] = '\0';
	strings->used += length + 1;
	return 0;
}

static int copy_user_vector(struct exec_strings *strings, const char *const *vector, size_t *count)
{
	*count = 0;
	if (!vector)
		return 0;
	for (;; (*count)++) {
		const char *user_string;
		if (*count >= ARG_MAX_STRINGS)
			return -E2BIG;
		if (copy_from_user(&user_string, &vector[*count], sizeof(user_string)) != 0)
			return -EFAULT;
		if (!user_string)
			return 0;
		size_t room = ARG_MAX_BYTES - strings->used;
		if (room == 0) /* full: strncpy_from_user would call a zero size a fault */
			return -E2BIG;
		long length = strncpy_from_user(strings->buffer + strings->used, user_string, room);
		if (length == -ENAMETOOLONG)
			return -E2BIG;
		if (length < 0)
			return (int)length;
		strings->used += (size_t)length + 1;
	}
}

int exec_strings_from_user(struct exec_strings *strings, const char *const *argv,
			   const char *const *envp)
{
	*strings = (struct exec_strings){.buffer = kmalloc(ARG_MAX_BYTES)};
	if (!strings->buffer)
		return -ENOMEM;
	int error = copy_user_vector(strings, argv, &strings->argc);
	if (!error)
		error = copy_user_vector(strings, envp, &strings->envc);
	if (error)
		exec_strings_free(strings);
	return error;
}

int exec_strings_from_kernel(struct exec_strings *strings, const char *const *argv,
			     const char *const *envp)
{
	*strings = (struct exec_strings){.buffer = kmalloc(ARG_MAX_BYTES)};
	if (!strings->buffer)
		return -ENOMEM;
	int error = 0;
	for (; argv && argv[strings->argc] && !error; strings->argc++)
		error = add_string(strings, argv[strings->argc], strlen(argv[strings->argc]));
	for (; envp && envp[strings->envc] && !error; strings->envc++)
		error = add_string(strings, envp[strings->envc], strlen(envp[strings->envc]));
	if (error)
		exec_strings_free(strings);
	return error;
}

void exec_strings_free(struct exec_strings *strings)
{
	kfree(strings->buffer);
	strings->buffer = NULL;
}

/* Prepend the interpreter (and its optional argument) and the script path to argv,
 * dropping argv[0], as Linux's binfmt_script does. */
static int apply_shebang(struct exec_strings *strings, const char *line, const char *path,
			 char *interpreter)
{
	const char *at = line + 2;
	while (*at == ' ' || *at == '\t')
		at++;
	size_t length = 0;
	while (at[length] && at[length] != ' ' && at[length] != '\t' && at[length] != '\n')
		length++;
	if (length == 0)
		return -ENOEXEC;
	memcpy(interpreter, at, length);
	interpreter[length] = '\0';
	const char *argument = at + length;
	while (*argument == ' ' || *argument == '\t')
		argument++;
	size_t argument_length = 0;
	while (argument[argument_length] && argument[argument_length] != '\n')
		argument_length++;
	while (argument_length &&
	       (argument[argument_length - 1] == ' ' || argument[argument_length - 1] == '\t'))
		argument_length--;

	char *old = strings->buffer;
	size_t old_used = strings->used, first = strings->argc ? strlen(old) + 1 : 0;
	struct exec_strings fresh = {.buffer = kmalloc(ARG_MAX_BYTES)};
	if (!fresh.buffer)
		return -ENOMEM;
	int error = add_string(&fresh, interpreter, length);
	if (!error && argument_length)
		error = add_string(&fresh, argument, argument_length);
	if (!error)
		error = add_string(&fresh, path, strlen(path));
	if (!error && fresh.used + old_used - first > ARG_MAX_BYTES)
		error = -E2BIG;
	if (error) {
		kfree(fresh.buffer);
		return error;
	}
	memcpy(fresh.buffer + fresh.used, old + first, old_used - first);
	fresh.used += old_used - first;
	fresh.argc = (argument_length ? 3 : 2) + (strings->argc ? strings->argc - 1 : 0);
	fresh.envc = strings->envc;
	kfree(old);
	*strings = fresh;
	return 0;
}

struct loaded_image {
	virt_addr_t entry, phdr, brk, load_bias;
	uint16_t phnum;
};

static unsigned vma_flags(uint32_t elf_flags)
{
	unsigned flags = 0;
	if (elf_flags & PF_R)
		flags |= VMA_READ;
	if (elf_flags & PF_W)
		flags |= VMA_WRITE;
	if (elf_flags & PF_X)
		flags |= VMA_EXEC;
	return flags;
}

static int load_segment(struct mm_struct *mm, struct file *file, const struct elf64_phdr *phdr,
			virt_addr_t bias, virt_addr_t *mapped_end)
{
	virt_addr_t start = ALIGN_DOWN(phdr->vaddr + bias, PAGE_SIZE);
	virt_addr_t end = ALIGN_UP(phdr->vaddr + bias + phdr->memsz, PAGE_SIZE);
	unsigned flags = vma_flags(phdr->flags);
	int error;

	if (phdr->filesz > phdr->memsz || end <= start || phdr->vaddr + phdr->memsz < phdr->vaddr)
		return -ENOEXEC;
	/* Two segments may share a boundary page: it gets both sets of permissions. */
	if (start < *mapped_end) {
		error = mm_protect(mm, start, PAGE_SIZE, flags | VMA_READ | VMA_WRITE | VMA_EXEC);
		if (error)
			return -ENOEXEC;
		start += PAGE_SIZE;
	}
	if (start < end) {
		error = mm_map(mm, start, end - start, flags, false);
		if (error)
			return error == -ENOMEM ? -ENOMEM : -ENOEXEC;
	}
	*mapped_end = end;

	char *chunk = kmalloc(PAGE_SIZE);
	if (!chunk)
		return -ENOMEM;
	for (uint64_t done = 0; done < phdr->filesz;) {
		size_t length = MIN(PAGE_SIZE, phdr->filesz - done);
		if (kernel_read(file, chunk, length, (int64_t)(phdr->offset + done)) !=
			    (ssize_t)length ||
		    mm_write_remote(mm, phdr->vaddr + bias + done, chunk, length) != 0) {
			kfree(chunk);
			return -ENOEXEC;
		}
		done += length;
	}
	kfree(chunk);
	return 0;
}

static int load_elf(struct mm_struct *mm, struct file *file, struct loaded_image *image)
{
	struct elf64_header header;
	struct elf64_phdr *phdrs;
	int error = -ENOEXEC;

	if (kernel_read(file, &header, sizeof(header), 0) != sizeof(header) ||
	    memcmp(header.ident, ELF_MAGIC, 4) != 0 || header.ident[4] != ELFCLASS64 ||
	    header.ident[5] != ELFDATA2LSB || header.machine != EM_X86_64 ||
	    (header.type != ET_EXEC && header.type != ET_DYN) ||
	    header.phentsize != sizeof(struct elf64_phdr) || header.phnum == 0 ||
	    header.phnum > MAX_PHDRS)
		return -ENOEXEC;
	size_t table_size = header.phnum * sizeof(struct elf64_phdr);
	phdrs = kmalloc(table_size);
	if (!phdrs)
		return -ENOMEM;
	if (kernel_read(file, phdrs, table_size, (int64_t)header.phoff) != (ssize_t)table_size)
		goto out;

	image->load_bias = 0;
	if (header.type == ET_DYN) {
		/* A static PIE has no interpreter: like Linux, put it top-down in the mmap area. */
		virt_addr_t lowest = UINT64_MAX, highest_end = 0;
		for (int i = 0; i < header.phnum; i++) {
			if (phdrs[i].type != PT_LOAD)
				continue;
			lowest = MIN(lowest, ALIGN_DOWN(phdrs[i].vaddr, PAGE_SIZE));
			highest_end = MAX(highest_end, phdrs[i].vaddr + phdrs[i].memsz);
		}
		virt_addr_t base =
			highest_end > lowest
				? mm_find_free(mm, 0, ALIGN_UP(highest_end - lowest, PAGE_SIZE))
				: 0;
		if (!base)
			goto out;
		image->load_bias = base - lowest;
	}
	image->phnum = header.phnum;
	image->phdr = 0;
	virt_addr_t mapped_end = 0, highest = 0;
	for (int i = 0; i < header.phnum; i++) {
		if (phdrs[i].type == PT_INTERP)
			goto out; /* dynamically linked: Spindle runs static programs only */
		if (phdrs[i].type == PT_PHDR)
			image->phdr = phdrs[i].vaddr + image->load_bias;
	}
	for (int i = 0; i < header.phnum; i++) {
		const struct elf64_phdr *phdr = &phdrs[i];
		if (phdr->type != PT_LOAD)
			continue;
		error = load_segment(mm, file, phdr, image->load_bias, &mapped_end);
		if (error)
			goto out;
		if (!image->phdr && header.phoff >= phdr->offset &&
		    header.phoff + table_size <= phdr->offset + phdr->filesz)
			image->phdr = phdr->vaddr + image->load_bias + header.phoff - phdr->offset;
		highest = MAX(highest, phdr->vaddr + image->load_bias + phdr->memsz);
	}
	error = highest ? 0 : -ENOEXEC;
	image->entry = header.entry + image->load_bias;
	image->brk = ALIGN_UP(highest, PAGE_SIZE);
out:
	kfree(phdrs);
	return error;
}

/* Push `length` bytes onto the new stack; returns their address. */
static virt_addr_t push_bytes(struct mm_struct *mm, virt_addr_t *sp, const void *data,
			      size_t length, int *error)
{
	*sp -= length;
	if (!*error)
		*error = mm_write_remote(mm, *sp, data, length);
	return *sp;
}

static int build_stack(struct mm_struct *mm, struct exec_strings *strings, const char *path,
		       const struct loaded_image *image, virt_addr_t *stack_pointer)
{
	int error = mm_map(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE,
			   VMA_READ | VMA_WRITE | VMA_STACK, false);
	if (error)
		return error;
	virt_addr_t sp = USER_STACK_TOP;
	size_t count = strings->argc + strings->envc;
	virt_addr_t *pointers = kmalloc((count + 1) * sizeof(*pointers));
	if (!pointers)
		return -ENOMEM;

	virt_addr_t execfn = push_bytes(mm, &sp, path, strlen(path) + 1, &error);
	virt_addr_t strings_at = push_bytes(mm, &sp, strings->buffer, strings->used, &error);
	virt_addr_t pointers_end_of_args = strings_at;
	for (size_t i = 0, offset = 0; i < count; i++) {
		pointers[i] = strings_at + offset;
		offset += strlen(strings->buffer + offset) + 1;
		if (i + 1 == strings->argc)
			pointers_end_of_args = strings_at + offset;
	}
	virt_addr_t platform = push_bytes(mm, &sp, "x86_64", 7, &error);
	uint8_t random_bytes[16];
	random_fill(random_bytes, sizeof(random_bytes));
	virt_addr_t random_at = push_bytes(mm, &sp, random_bytes, sizeof(random_bytes), &error);

	uint64_t auxv[][2] = {
		{AT_PHDR, image->phdr},
		{AT_PHENT, sizeof(struct elf64_phdr)},
		{AT_PHNUM, image->phnum},
		{AT_PAGESZ, PAGE_SIZE},
		{AT_BASE, 0},
		{AT_FLAGS, 0},
		{AT_ENTRY, image->entry},
		{AT_UID, 0},
		{AT_EUID, 0},
		{AT_GID, 0},
		{AT_EGID, 0},
		{AT_SECURE, 0},
		{AT_CLKTCK, 100},
		{AT_HWCAP, 0},
		{AT_PLATFORM, platform},
		{AT_RANDOM, random_at},
		{AT_EXECFN, execfn},
		{AT_NULL, 0},
	};
	/* argc, argv, NULL, envp, NULL, auxv: keep the final rsp 16-byte aligned. */
	size_t words = 1 + strings->argc + 1 + strings->envc + 1 + 2 * ARRAY_SIZE(auxv);
	sp = ALIGN_DOWN(sp, 16);
	if (words % 2)
		sp -= 8;
	push_bytes(mm, &sp, auxv, sizeof(auxv), &error);
	uint64_t zero = 0;
	push_bytes(mm, &sp, &zero, sizeof(zero), &error);
	push_bytes(mm, &sp, pointers + strings->argc, strings->envc * sizeof(*pointers), &error);
	push_bytes(mm, &sp, &zero, sizeof(zero), &error);
	push_bytes(mm, &sp, pointers, strings->argc * sizeof(*pointers), &error);
	uint64_t argc = strings->argc;
	push_bytes(mm, &sp, &argc, sizeof(argc), &error);
	kfree(pointers);

	mm->start_stack = sp;
	/* Where the argument and environment strings are (/proc/<pid>/cmdline, environ). */
	mm->arg_start = strings_at;
	mm->arg_end = strings->argc ? pointers_end_of_args : strings_at;
	mm->env_start = mm->arg_end;
	mm->env_end = strings_at + strings->used;
	*stack_pointer = sp;
	return error;
}

static int open_executable(const char *path, struct file **file)
{
	int error;
	*file = vfs_open(AT_FDCWD, path, O_RDONLY, 0, &error);
	if (!*file)
		return error;
	struct inode *inode = (*file)->inode;
	if (!S_ISREG(inode->mode) || !(inode->mode & 0111)) {
		file_put(*file);
		return -EACCES;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = path;
	for (const char *at = path; *at; at++) {
		if (*at == '/' && at[1])
			slash = at + 1;
	}
	return slash;
}

int do_execve(const char *path, struct exec_strings *strings)
{
	struct task_struct *self = current;
	char interpreter[SHEBANG_MAX];
	char line[SHEBANG_MAX];
	struct loaded_image image;
	struct file *file;
	int error;

	error = open_executable(path, &file);
	if (error)
		return error;
	ssize_t length = kernel_read(file, line, sizeof(line) - 1, 0);
	if (length >= 2 && line[0] == '#' && line[1] == '!') {
		line[length] = '\0';
		file_put(file);
		error = apply_shebang(strings, line, path, interpreter);
		if (error)
			return error;
		path = interpreter;
		error = open_executable(path, &file);
		if (error)
			return error;
	}

	struct mm_struct *mm = mm_create();
	error = -ENOMEM;
	if (!mm || arch_fpu_init(self) != 0) {
		if (mm)
			mm_put(mm);
		goto out_file;
	}
	error = load_elf(mm, file, &image);
	virt_addr_t stack_pointer = 0;
	if (!error)
		error = build_stack(mm, strings, path, &image, &stack_pointer);
	if (error) {
		mm_put(mm);
		goto out_file;
	}
	mm->start_brk = mm->brk = image.brk;
	error = sighand_exec(self);
	if (error) {
		mm_put(mm);
		goto out_file;
	}

	/* Point of no return. */
	struct mm_struct *old = self->mm;
	if (old)
		mm_release(self);
	task_set_mm(self, mm);
	mm_activate(mm);
	if (old)
		mm_put(old);
	self->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	strlcpy(self->comm, base_name(path), sizeof(self->comm));
	files_close_on_exec(self->files);
	self->fs_base = 0;
	if (self->group)
		posix_timers_delete_all(self->group); /* timer_create(2): not kept across execve */
	self->altstack_base = self->altstack_size = 0;
	self->altstack_flags = 0;
	arch_fpu_load(self); /* the new program starts with clean x87/SSE registers */

	struct trap_frame *frame = task_user_frame(self);
	memset(frame, 0, sizeof(*frame));
	frame->rip = image.entry;
	frame->rsp = stack_pointer;
	frame->cs = USER_CS;
	frame->ss = USER_DS;
	frame->rflags = 0x202; /* interrupts on */
	error = 0;
out_file:
	file_put(file);
	return error;
}

struct trap_frame *task_user_frame(struct task_struct *task)
{
	return (struct trap_frame *)task_stack_top(task) - 1;
}
