/*
 * Tab completion for the line editor: the word before the cursor is completed as a
 * command name (built-ins and programs on PATH) when it is the first word of the line and
 * has no slash, else as a file name (the entries of its directory that start with what was
 * typed; dot files only when the typed part starts with a dot). Directories get a `/`.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

static void add_unique(struct string_list *out, const char *name, size_t length)
{
	for (int i = 0; i < out->count; i++)
		if (strlen(out->items[i]) == length && memcmp(out->items[i], name, length) == 0)
			return;
	list_add(out, xstrndup(name, length));
}

/* Entries of directory whose names start with prefix; with_slash marks directories. */
static void directory_matches(const char *directory, const char *prefix, bool executables,
			      struct string_list *out)
{
	DIR *dir = opendir(*directory ? directory : ".");
	if (!dir)
		return;
	size_t length = strlen(prefix);
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		const char *name = entry->d_name;
		if (strncmp(name, prefix, length) != 0 || (name[0] == '.' && prefix[0] != '.') ||
		    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		struct strbuf path = {0};
		strbuf_puts(&path, *directory ? directory : ".");
		strbuf_add(&path, '/');
		strbuf_puts(&path, name);
		struct stat st;
		bool is_directory = stat(path.data, &st) == 0 && S_ISDIR(st.st_mode);
		free(path.data);
		if (executables && is_directory)
			continue;
		struct strbuf item = {0};
		strbuf_puts(&item, name);
		if (is_directory)
			strbuf_add(&item, '/');
		add_unique(out, item.data, item.length);
		free(item.data);
	}
	closedir(dir);
}

size_t complete_word(const char *line, size_t cursor, struct string_list *out)
{
	size_t start = cursor;
	while (start > 0 && !strchr(" \t;|&<>()", line[start - 1]))
		start--;
	size_t before = start;
	while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t'))
		before--;
	bool command = before == 0 || strchr(";|&(", line[before - 1]);
	char *word = xstrndup(line + start, cursor - start);
	char *slash = strrchr(word, '/');
	if (command && !slash) {
		size_t length = strlen(word);
		for (int i = 0; builtin_name(i); i++)
			if (strncmp(builtin_name(i), word, length) == 0)
				add_unique(out, builtin_name(i), strlen(builtin_name(i)));
		const char *path = var_get("PATH");
		while (path && *path) {
			const char *colon = strchr(path, ':');
			size_t part = colon ? (size_t)(colon - path) : strlen(path);
			char *directory = xstrndup(path, part);
			directory_matches(directory, word, true, out);
			free(directory);
			path = colon ? colon + 1 : NULL;
		}
		free(word);
		return start;
	}
	/* a file name: complete the part after the last slash */
	char *directory = slash ? xstrndup(word, (size_t)(slash - word) + 1) : xstrdup("");
	directory_matches(directory, slash ? slash + 1 : word, false, out);
	free(directory);
	free(word);
	return slash ? start + (size_t)(slash - word) + 1 : start;
}
