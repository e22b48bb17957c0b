/*
 * The environment (man 3 getenv, man 3 setenv, man 3 putenv, man 3 clearenv, man 7 environ).
 * environ starts as the array crt0 found on the stack. The first change copies it into a
 * malloc'd array that libc owns from then on. Strings made by setenv are remembered in
 * owned_strings so that replacing or removing them frees them; strings from the stack or
 * from putenv belong to someone else and are never freed.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned_environment; /* environ, once libc has copied it; else NULL */
static size_t environment_capacity;
static char **owned_strings; /* strings setenv allocated and that are still in environ */
static size_t owned_count, owned_capacity;

static bool is_valid_name(const char *name)
{
	return name && *name && !strchr(name, '=');
}

/* The index in environ of the entry for name (length bytes), or -1. */
static long find_entry(const char *name, size_t length)
{
	long index;

	for (index = 0; environ && environ[index]; index++) {
		if (strncmp(environ[index], name, length) == 0 && environ[index][length] == '=')
			return index;
	}
	return -1;
}

static size_t environment_count(void)
{
	size_t count = 0;

	while (environ && environ[count])
		count++;
	return count;
}

/* Makes environ a libc-owned array with room for one more entry. 0 or -1 (ENOMEM). */
static int reserve_entry(void)
{
	size_t count = environment_count();
	char **array;

	if (environ == owned_environment && count + 2 <= environment_capacity)
		return 0;
	array = malloc((count * 2 + 8) * sizeof(char *));
	if (!array)
		return -1;
	if (count)
		memcpy(array, environ, count * sizeof(char *));
	array[count] = NULL;
	if (environ == owned_environment)
		free(owned_environment);
	owned_environment = array;
	environment_capacity = count * 2 + 8;
	environ = array;
	return 0;
}

/* Frees string if setenv made it. */
static void release_string(char *string)
{
	size_t index;

	for (index = 0; index < owned_count; index++) {
		if (owned_strings[index] == string) {
			owned_strings[index] = owned_strings[--owned_count];
			free(string);
			return;
		}
	}
}

static int remember_string(char *string)
{
	if (owned_count == owned_capacity) {
		size_t capacity = owned_capacity * 2 + 8;
		char **array = realloc(owned_strings, capacity * sizeof(char *));

		if (!array)
			return -1;
		owned_strings = array;
		owned_capacity = capacity;
	}
	owned_strings[owned_count++] = string;
	return 0;
}

/* Puts string ("NAME=value", name length bytes) into environ, replacing any old entry. */
static int install_entry(char *string, size_t name_length)
{
	long index = find_entry(string, name_length);
	size_t count;

	if (reserve_entry() < 0)
		return -1;
	if (index >= 0) {
		release_string(environ[index]);
		environ[index] = string;
		return 0;
	}
	count = environment_count();
	environ[count] = string;
	environ[count + 1] = NULL;
	return 0;
}

char *getenv(const char *name)
{
	size_t length = strlen(name);
	long index;

	if (!is_valid_name(name))
		return NULL;
	index = find_entry(name, length);
	return index >= 0 ? environ[index] + length + 1 : NULL;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t name_length, value_length;
	char *string;

	if (!is_valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	name_length = strlen(name);
	if (!overwrite && find_entry(name, name_length) >= 0)
		return 0;
	value_length = strlen(value);
	string = malloc(name_length + value_length + 2);
	if (!string)
		return -1;
	memcpy(string, name, name_length);
	string[name_length] = '=';
	memcpy(string + name_length + 1, value, value_length + 1);
	if (remember_string(string) < 0) {
		free(string);
		return -1;
	}
	if (install_entry(string, name_length) < 0) {
		release_string(string);
		return -1;
	}
	return 0;
}

int putenv(char *string)
{
	char *equals = strchr(string, '=');

	if (!equals || equals == string) {
		errno = EINVAL;
		return -1;
	}
	return install_entry(string, (size_t)(equals - string));
}

int unsetenv(const char *name)
{
	size_t length;
	long index;

	if (!is_valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	length = strlen(name);
	while ((index = find_entry(name, length)) >= 0) {
		release_string(environ[index]);
		do {
			environ[index] = environ[index + 1];
		} while (environ[index++]);
	}
	return 0;
}

int clearenv(void)
{
	while (owned_count > 0)
		free(owned_strings[--owned_count]);
	if (environ == owned_environment)
		free(owned_environment);
	owned_environment = NULL;
	environment_capacity = 0;
	environ = NULL;
	return 0;
}
