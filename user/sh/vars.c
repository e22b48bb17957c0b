/*
 * Shell variables (XCU 2.5.3) and positional parameters (XCU 2.5.1), plus the small string
 * helpers every other file uses. Variables live in a hash table of name, value and flags
 * (exported, read-only); the environment given to a program is built from the exported
 * ones at each exec. `local` (not POSIX, but dash and every script writer has it) saves a
 * variable's old value in the frame of the running function, restored when it returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

void *xmalloc(size_t size)
{
	void *pointer = malloc(size ? size : 1);
	if (!pointer) {
		write(2, "sh: out of memory\n", 18);
		_exit(2);
	}
	return pointer;
}

void *xrealloc(void *pointer, size_t size)
{
	pointer = realloc(pointer, size ? size : 1);
	if (!pointer) {
		write(2, "sh: out of memory\n", 18);
		_exit(2);
	}
	return pointer;
}

char *xstrndup(const char *text, size_t length)
{
	char *copy = xmalloc(length + 1);
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

char *xstrdup(const char *text)
{
	return xstrndup(text, strlen(text));
}

void strbuf_append(struct strbuf *buffer, const char *text, size_t length)
{
	if (buffer->length + length + 1 > buffer->capacity) {
		buffer->capacity = (buffer->length + length + 1) * 2;
		buffer->data = xrealloc(buffer->data, buffer->capacity);
	}
	memcpy(buffer->data + buffer->length, text, length);
	buffer->length += length;
	buffer->data[buffer->length] = '\0';
}

void strbuf_add(struct strbuf *buffer, char c)
{
	strbuf_append(buffer, &c, 1);
}

void strbuf_puts(struct strbuf *buffer, const char *text)
{
	strbuf_append(buffer, text, strlen(text));
}

char *strbuf_finish(struct strbuf *buffer)
{
	char *data = buffer->data ? buffer->data : xstrdup("");
	buffer->data = NULL;
	buffer->length = buffer->capacity = 0;
	return data;
}

struct variable {
	char *name, *value;
	int flags;
	struct variable *next;
};

#define BUCKETS 64
static struct variable *table[BUCKETS];

static unsigned hash(const char *name)
{
	unsigned h = 5381;
	while (*name)
		h = h * 33 + (unsigned char)*name++;
	return h % BUCKETS;
}

static struct variable *lookup(const char *name)
{
	for (struct variable *v = table[hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const char *var_get(const char *name)
{
	struct variable *v = lookup(name);
	return v ? v->value : NULL;
}

int var_set(const char *name, const char *value, int flags)
{
	struct variable *v = lookup(name);
	if (v && (v->flags & VAR_READONLY)) {
		sh_error("%s: is read only", name);
		return -1;
	}
	if (!v) {
		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->value = NULL;
		v->flags = 0;
		unsigned h = hash(name);
		v->next = table[h];
		table[h] = v;
	}
	if (value) {
		char *copy = xstrdup(value);
		free(v->value);
		v->value = copy;
	}
	v->flags |= flags;
	if (shell.allexport)
		v->flags |= VAR_EXPORT;
	return 0;
}

int var_unset(const char *name)
{
	struct variable **link = &table[hash(name)];
	for (; *link; link = &(*link)->next) {
		struct variable *v = *link;
		if (strcmp(v->name, name) != 0)
			continue;
		if (v->flags & VAR_READONLY) {
			sh_error("%s: is read only", name);
			return -1;
		}
		*link = v->next;
		free(v->name);
		free(v->value);
		free(v);
		break;
	}
	return 0;
}

void var_export(const char *name)
{
	var_set(name, NULL, VAR_EXPORT);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp((*(struct variable *const *)a)->name, (*(struct variable *const *)b)->name);
}

static void print_quoted(const char *value)
{
	putchar('\'');
	for (; *value; value++)
		if (*value == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*value);
	putchar('\'');
}

void var_print(int flags, const char *prefix)
{
	int count = 0;
	for (int b = 0; b < BUCKETS; b++)
		for (struct variable *v = table[b]; v; v = v->next)
			count++;
	struct variable **all = xmalloc(sizeof(*all) * (size_t)count);
	count = 0;
	for (int b = 0; b < BUCKETS; b++)
		for (struct variable *v = table[b]; v; v = v->next)
			if (!flags || (v->flags & flags))
				all[count++] = v;
	qsort(all, (size_t)count, sizeof(*all), compare_names);
	for (int i = 0; i < count; i++) {
		printf("%s%s", prefix, all[i]->name);
		if (all[i]->value) {
			putchar('=');
			print_quoted(all[i]->value);
		}
		putchar('\n');
	}
	free(all);
}

char **var_environment(void)
{
	int count = 0;
	for (int b = 0; b < BUCKETS; b++)
		for (struct variable *v = table[b]; v; v = v->next)
			count++;
	char **environment = xmalloc(sizeof(char *) * (size_t)(count + 1));
	count = 0;
	for (int b = 0; b < BUCKETS; b++)
		for (struct variable *v = table[b]; v; v = v->next)
			if ((v->flags & VAR_EXPORT) && v->value) {
				struct strbuf entry = {0};
				strbuf_puts(&entry, v->name);
				strbuf_add(&entry, '=');
				strbuf_puts(&entry, v->value);
				environment[count++] = strbuf_finish(&entry);
			}
	environment[count] = NULL;
	return environment;
}

bool var_assignment_split(const char *text, size_t *name_length)
{
	const char *equals = strchr(text, '=');
	if (!equals || !parse_is_name(text, (size_t)(equals - text)))
		return false;
	*name_length = (size_t)(equals - text);
	return true;
}

void var_import(char **environment)
{
	for (; environment && *environment; environment++) {
		size_t length;
		if (!var_assignment_split(*environment, &length))
			continue;
		char *name = xstrndup(*environment, length);
		var_set(name, *environment + length + 1, VAR_EXPORT);
		free(name);
	}
}

/* Saved values of `local` variables, innermost function last. */
struct saved_local {
	char *name, *value;
	int flags, depth;
	bool was_set;
};
static struct saved_local *locals;
static int local_count, local_capacity, frame_depth;

int var_push_frame(void)
{
	return ++frame_depth;
}

void var_local(const char *name)
{
	for (int i = local_count - 1; i >= 0 && locals[i].depth == frame_depth; i--)
		if (strcmp(locals[i].name, name) == 0)
			return;
	if (local_count == local_capacity) {
		local_capacity = local_capacity ? local_capacity * 2 : 16;
		locals = xrealloc(locals, sizeof(*locals) * (size_t)local_capacity);
	}
	struct variable *v = lookup(name);
	struct saved_local *saved = &locals[local_count++];
	saved->name = xstrdup(name);
	saved->was_set = v != NULL;
	saved->value = v && v->value ? xstrdup(v->value) : NULL;
	saved->flags = v ? v->flags : 0;
	saved->depth = frame_depth;
}

void var_pop_frame(void)
{
	while (local_count > 0 && locals[local_count - 1].depth == frame_depth) {
		struct saved_local *saved = &locals[--local_count];
		struct variable *v = lookup(saved->name);
		if (v)
			v->flags &= ~VAR_READONLY;
		if (saved->was_set) {
			var_unset(saved->name);
			var_set(saved->name, saved->value, saved->flags);
		} else
			var_unset(saved->name);
		free(saved->name);
		free(saved->value);
	}
	frame_depth--;
}

struct positional positional;

void positional_set(int count, char **values)
{
	char **copy = xmalloc(sizeof(char *) * (size_t)(count + 1));
	for (int i = 0; i < count; i++)
		copy[i] = xstrdup(values[i]);
	copy[count] = NULL;
	positional.count = count;
	positional.values = copy;
}

void positional_free(struct positional *old)
{
	for (int i = 0; i < old->count; i++)
		free(old->values[i]);
	free(old->values);
	old->values = NULL;
	old->count = 0;
}
